#include "blob_store.h"

#include "crypto.h"

#include <careeval/jsonutil.h>
#include <careeval/template.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <sys/stat.h>
#include <system_error>
#include <unistd.h>

namespace careeval::server {

namespace fs = std::filesystem;

BlobStore::BlobStore(std::string dataDir)
    : m_dir(std::move(dataDir))
{
}

Result<void> BlobStore::init()
{
    std::error_code ec;
    fs::create_directories(m_dir + "/blobs", ec);
    if (!ec)
        fs::create_directories(m_dir + "/uploads", ec);
    if (ec)
        return makeError(ErrorCode::Io, "cannot create blob folders in " + m_dir + ": " + ec.message());
    return {};
}

bool BlobStore::validName(const std::string &s)
{
    return s.size() == 64 && std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

std::string BlobStore::blobPath(const std::string &sha) const
{
    return m_dir + "/blobs/" + sha.substr(0, 2) + "/" + sha;
}

// A user's folder of partial uploads, named by a hash of the username (any name is a safe path).
std::string BlobStore::ownerDir(const std::string &owner) const
{
    return m_dir + "/uploads/" + sha256Hex(owner).substr(0, 24);
}

std::string BlobStore::partPath(const std::string &sha, const std::string &owner) const
{
    return ownerDir(owner) + "/" + sha + ".part";
}

std::int64_t BlobStore::partialBytes(const std::string &owner) const
{
    if (m_remote) {
        std::lock_guard lock(m_stagedMutex);
        auto it = m_stagedBytes.find(owner);
        return it == m_stagedBytes.end() ? 0 : it->second;
    }
    std::int64_t sum = 0;
    std::error_code ec;
    for (fs::directory_iterator it(ownerDir(owner), ec), end; !ec && it != end; it.increment(ec))
        if (it->path().extension() == ".part")
            sum += static_cast<std::int64_t>(it->file_size(ec));
    return sum;
}

int BlobStore::expire(std::int64_t maxAgeSeconds)
{
    int removed = 0;
    std::error_code ec;
    const auto cutoff = fs::file_time_type::clock::now() - std::chrono::seconds(maxAgeSeconds);
    for (fs::recursive_directory_iterator it(m_dir + "/uploads", ec), end; !ec && it != end; it.increment(ec)) {
        if (!it->is_regular_file(ec))
            continue;
        const auto ext = it->path().extension();
        if ((ext == ".part" || ext == ".sha" || ext == ".tmp") && it->last_write_time(ec) < cutoff && !ec)
            removed += fs::remove(it->path(), ec) && ext == ".part";
    }
    return removed;
}

std::mutex &BlobStore::lockFor(const std::string &sha)
{
    return m_locks[static_cast<std::size_t>(std::stoi(sha.substr(0, 1), nullptr, 16))];
}

std::optional<std::int64_t> BlobStore::size(const std::string &sha) const
{
    struct stat st {
    };
    if (::stat(blobPath(sha).c_str(), &st) == 0)
        return static_cast<std::int64_t>(st.st_size);
    if (!m_remote)
        return std::nullopt;
    {
        std::lock_guard lock(m_sizeMutex);
        if (auto it = m_remoteSizes.find(sha); it != m_remoteSizes.end())
            return it->second;
    }
    std::optional<std::int64_t> known;
    if (m_catalog) {
        known = m_catalog(sha); // the database's record: no request to the store for blobs not there
    } else if (auto h = m_remote->head(sha); h && h.value()) {
        known = *h.value();
    }
    if (!known)
        return std::nullopt;
    std::lock_guard lock(m_sizeMutex);
    m_remoteSizes[sha] = *known;
    return known;
}

std::optional<std::string> BlobStore::localPath(const std::string &sha) const
{
    struct stat st {
    };
    if (::stat(blobPath(sha).c_str(), &st) != 0)
        return std::nullopt;
    return blobPath(sha);
}

namespace {

std::string hexOf(const std::string &bytes)
{
    static const char *digits = "0123456789abcdef";
    std::string out;
    for (unsigned char c : bytes) {
        out += digits[c >> 4];
        out += digits[c & 15];
    }
    return out;
}

std::optional<std::string> bytesOf(const std::string &hex)
{
    if (hex.size() % 2)
        return std::nullopt;
    std::string out;
    for (std::size_t i = 0; i < hex.size(); i += 2) {
        auto v = [](char c) { return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1; };
        const int hi = v(hex[i]), lo = v(hex[i + 1]);
        if (hi < 0 || lo < 0)
            return std::nullopt;
        out += static_cast<char>(hi * 16 + lo);
    }
    return out;
}

// Staged chunks sort by their key: the offset in 16 digits.
std::string partName(std::int64_t offset)
{
    char b[24];
    std::snprintf(b, sizeof b, "%016lld", static_cast<long long>(offset));
    return b;
}

} // namespace

std::string BlobStore::stagingKey(const std::string &sha, const std::string &owner) const
{
    return "uploads/" + sha256Hex(owner).substr(0, 24) + "/" + sha;
}

BlobStore::Staged BlobStore::staged(const std::string &sha, const std::string &owner) const
{
    Staged st;
    auto got = m_remote->getKey(stagingKey(sha, owner) + "/state");
    if (!got || !got.value())
        return st; // nothing staged (or the store cannot say: the chunk's own write will tell)
    const auto doc = nlohmann::json::parse(*got.value(), nullptr, false);
    if (!doc.is_object())
        return st;
    st.total = doc.value("total", std::int64_t(0));
    st.received = doc.value("received", std::int64_t(0));
    st.hash = doc.value("hash", std::string());
    if (doc.contains("parts") && doc["parts"].is_array())
        for (const auto &p : doc["parts"])
            if (p.is_array() && p.size() == 2 && p[0].is_number_integer() && p[1].is_number_integer())
                st.parts.emplace_back(p[0].get<std::int64_t>(), p[1].get<std::int64_t>());
    return st;
}

std::int64_t BlobStore::received(const std::string &sha, const std::string &owner) const
{
    if (m_remote)
        return staged(sha, owner).received;
    struct stat st {
    };
    if (::stat(partPath(sha, owner).c_str(), &st) != 0)
        return 0;
    return static_cast<std::int64_t>(st.st_size);
}

namespace {

bool syncDir(const std::string &dir)
{
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY);
    if (fd < 0)
        return false;
    const bool ok = ::fsync(fd) == 0;
    ::close(fd);
    return ok;
}

// An unfinished upload's running hash, beside its partial file ("<part>.sha"): the position it
// covers (8 bytes) and the hash state. begin() takes it only when the position is the partial
// file's size; otherwise the hash is rebuilt from the file.
void saveHashState(const std::string &path, std::int64_t at, const Sha256 &hash)
{
    std::string state(8, '\0');
    std::memcpy(state.data(), &at, 8);
    state += hash.save();
    const std::string tmp = path + ".tmp";
    const int sfd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (sfd >= 0) {
        const bool ok = ::write(sfd, state.data(), state.size()) == static_cast<ssize_t>(state.size());
        ::close(sfd);
        if (ok)
            ::rename(tmp.c_str(), path.c_str());
    }
}

} // namespace

// Reads back and hashes what an upload's socket thread has written. Owned jointly by the upload
// writing and by its own thread (detached), so it can outlive a chunk: a chunk that is not the last
// is answered at once, and its hasher keeps going in the gap before the next chunk, which adopts it
// (BlobStore::m_hashers). Left alone for kLinger, it saves the running hash beside the partial
// file, as a chunk without one does, and ends. The partial file stays the truth: a state that does
// not match it is rebuilt from it.
struct BlobStore::Upload::Hasher {
    std::mutex mutex;
    std::condition_variable moved;
    std::int64_t target = 0; //!< written up to here (blob offsets)
    std::int64_t done = 0; //!< hashed up to here
    bool attached = true; //!< an upload is writing or about to (else: linger, then save and end)
    bool closed = false; //!< ended: taken over by settle(), or saved; never adopted again
    bool failed = false;
    std::atomic<bool> ended {false}; //!< its thread is gone (read without the mutex, to sweep)
    int fd = -1;
    std::int64_t fileBase = 0;
    Sha256 hash;
    std::string statePath; //!< where to save the running hash when left alone (empty: never)
    static constexpr auto kLinger = std::chrono::seconds(2);

    void run(const std::shared_ptr<Hasher> &self)
    {
        std::vector<char> buf(256 * 1024);
        std::unique_lock lock(mutex);
        while (!closed) {
            if (done >= target) {
                if (attached) {
                    moved.wait(lock, [&] { return closed || done < target || !attached; });
                } else if (!moved.wait_for(lock, kLinger, [&] { return closed || done < target || attached; })) {
                    saveLocked(); // left alone: the next chunk, if any, starts from the saved state
                    break;
                }
                continue;
            }
            const std::int64_t from = done;
            const std::size_t want = static_cast<std::size_t>(std::min<std::int64_t>(target - from, static_cast<std::int64_t>(buf.size())));
            lock.unlock();
            const ssize_t n = ::pread(fd, buf.data(), want, from - fileBase);
            if (n > 0)
                hash.update(std::string_view(buf.data(), static_cast<std::size_t>(n)));
            lock.lock();
            if (n <= 0) {
                failed = true;
                break;
            }
            done = from + n;
            moved.notify_all();
        }
        ::close(fd);
        fd = -1;
        closed = true;
        ended = true;
        moved.notify_all();
        (void)self; // kept alive until here: the last owner may be this thread
    }

    void saveLocked()
    {
        if (!statePath.empty() && !failed)
            saveHashState(statePath, done, hash);
    }
};

std::unique_ptr<BlobStore::Upload> BlobStore::begin(const std::string &sha, const std::string &owner, std::int64_t offset,
    std::int64_t total, std::int64_t length, std::int64_t maxBytes, ChunkResult &r, bool known)
{
    std::lock_guard lock(lockFor(sha));
    r = ChunkResult {};
    if (auto done = known ? size(sha) : std::nullopt) {
        r.outcome = Outcome::Complete; // already here: uploading again is a no-op
        r.received = *done;
        return nullptr;
    }
    if (total <= 0 || total > maxBytes) {
        r.outcome = Outcome::TooLarge;
        r.message = "a blob must have 1 to " + std::to_string(maxBytes) + " bytes";
        return nullptr;
    }
    // Where the upload stands: the partial file here or, with an object store, the state staged
    // there (any instance may have taken the earlier chunks).
    std::int64_t have = 0;
    Staged st;
    Sha256 stagedHash;
    if (m_remote) {
        st = staged(sha, owner);
        have = st.total == total ? st.received : 0;
        if (have > 0)
            if (auto saved = bytesOf(st.hash); !saved || !stagedHash.restore(*saved))
                have = 0; // a state that cannot be continued: start again
    } else {
        have = received(sha, owner);
    }
    r.received = have;
    // The quota: this blob's whole size, with what the user's other unfinished uploads hold.
    if (offset == have && partialBytes(owner) - have + total > m_quota) {
        r.outcome = Outcome::TooLarge;
        r.message
            = "unfinished uploads may hold at most " + std::to_string(m_quota >> 20) + " MiB per user: finish or abandon the others first";
        return nullptr;
    }
    if (offset != have) {
        r.outcome = Outcome::OffsetMismatch;
        r.message = "this upload continues at byte " + std::to_string(have) + ", not " + std::to_string(offset);
        return nullptr;
    }
    if (length < 0 || offset + length > total) {
        r.outcome = Outcome::TooLarge;
        r.message = "chunk goes past the announced total of " + std::to_string(total) + " bytes";
        return nullptr;
    }
    std::uint64_t generation = 0;
    {
        std::lock_guard g(m_generationMutex);
        generation = m_nextGeneration++;
        m_generation[owner + "/" + sha] = generation; // this user's older upload still streaming (a cut not yet noticed) stops here
    }
    std::error_code dirError;
    fs::create_directories(ownerDir(owner), dirError);
    std::unique_ptr<Upload> up(new Upload(*this, sha, owner, have, length, total, generation));
    if (m_remote) {
        // This chunk alone in a local file; finishStaged() puts it in the store.
        up->m_hash = stagedHash;
        if (have > 0)
            up->m_parts = st.parts;
        up->m_chunkPath = ownerDir(owner) + "/" + sha + ".chunk-" + std::to_string(generation);
        up->m_filePath = up->m_chunkPath;
        up->m_fileBase = have;
        up->m_fd = ::open(up->m_chunkPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
        if (up->m_fd < 0) {
            r.outcome = Outcome::IoError;
            r.message = "cannot open upload: " + std::string(std::strerror(errno));
            return nullptr;
        }
        return up;
    }
    const std::string part = partPath(sha, owner);
    // The running hash lives beside the partial file ("<size><state>"), so completing an upload does
    // not read it all again. If it does not match the partial file (a crash between the two
    // writes), the hash is rebuilt from the file.
    bool haveState = have == 0;
    if (have > 0) {
        // The previous chunk's hasher, still reading or lingering: it carries on with this chunk.
        std::shared_ptr<Upload::Hasher> h;
        {
            std::lock_guard g(m_hashersMutex);
            if (auto it = m_hashers.find(owner + "/" + sha); it != m_hashers.end()) {
                h = std::move(it->second);
                m_hashers.erase(it);
            }
        }
        if (h) {
            std::lock_guard g(h->mutex);
            if (!h->closed && h->target == have) {
                h->attached = true;
                up->m_hasher = h;
                haveState = true;
            } else {
                h->closed = true; // ended, or written past by others: the state or the file says more
            }
            h->moved.notify_all();
        }
    }
    if (have > 0 && !haveState) {
        auto saved = readFile(part + ".sha");
        if (saved && saved->size() > 8) {
            std::int64_t at = 0;
            std::memcpy(&at, saved->data(), 8);
            haveState = at == have && up->m_hash.restore(std::string_view(*saved).substr(8));
        }
        if (!haveState) {
            up->m_hash = Sha256();
            const int in = ::open(part.c_str(), O_RDONLY | O_CLOEXEC);
            char buf[1 << 16];
            ssize_t n;
            while (in >= 0 && (n = ::read(in, buf, sizeof buf)) > 0)
                up->m_hash.update(std::string_view(buf, static_cast<std::size_t>(n)));
            if (in >= 0)
                ::close(in);
        }
    }
    up->m_filePath = part;
    up->m_fd = ::open(part.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (up->m_fd < 0) {
        r.outcome = Outcome::IoError;
        r.message = "cannot open upload: " + std::string(std::strerror(errno));
        return nullptr;
    }
    return up;
}

BlobStore::Upload::Upload(BlobStore &store, std::string sha, std::string owner, std::int64_t start, std::int64_t length, std::int64_t total,
    std::uint64_t generation)
    : m_store(store)
    , m_sha(std::move(sha))
    , m_owner(std::move(owner))
    , m_start(start)
    , m_length(length)
    , m_total(total)
    , m_pos(start)
    , m_flushedTo(start)
    , m_generation(generation)
{
}

bool BlobStore::Upload::settleHash()
{
    if (!m_hasher)
        return true;
    Hasher &h = *m_hasher;
    bool ok = false;
    {
        std::unique_lock lock(h.mutex);
        h.target = m_pos;
        h.moved.notify_all();
        h.moved.wait(lock, [&] { return h.done >= h.target || h.failed; });
        ok = !h.failed;
        if (ok)
            m_hash = h.hash;
        h.closed = true; // its thread ends without saving anything
        h.moved.notify_all();
    }
    m_hasher.reset();
    return ok;
}

void BlobStore::Upload::leaveHasher(bool keep)
{
    if (!m_hasher)
        return;
    {
        std::lock_guard g(m_hasher->mutex);
        m_hasher->target = m_pos;
        if (keep)
            m_hasher->attached = false;
        else
            m_hasher->closed = true;
        m_hasher->moved.notify_all();
    }
    if (keep) {
        std::lock_guard g(m_store.m_hashersMutex);
        std::erase_if(m_store.m_hashers, [](const auto &entry) { return entry.second->ended.load(); }); // abandoned uploads'
        m_store.m_hashers[key()] = m_hasher;
    }
    m_hasher.reset();
}

BlobStore::Upload::~Upload()
{
    if (!m_finished) {
        std::lock_guard lock(m_store.lockFor(m_sha));
        // Cut mid-chunk: what arrived stays, and so does the hash over it (the hasher saves it
        // when the next chunk does not come to adopt it).
        const bool keep = current() && !m_failed && m_chunkPath.empty();
        if (m_hasher)
            leaveHasher(keep);
        else if (keep)
            saveState();
    }
    leaveHasher(false);
    if (m_fd >= 0)
        ::close(m_fd);
    if (!m_chunkPath.empty()) // staged in the object store: a cut chunk is sent again whole
        ::unlink(m_chunkPath.c_str());
    std::lock_guard g(m_store.m_generationMutex);
    if (auto it = m_store.m_generation.find(key()); it != m_store.m_generation.end() && it->second == m_generation)
        m_store.m_generation.erase(it);
}

bool BlobStore::Upload::current() const
{
    std::lock_guard g(m_store.m_generationMutex);
    auto it = m_store.m_generation.find(key());
    return it != m_store.m_generation.end() && it->second == m_generation;
}

void BlobStore::Upload::saveState()
{
    if (m_pos < m_total)
        saveHashState(m_store.partPath(m_sha, m_owner) + ".sha", m_pos, m_hash);
}

bool BlobStore::Upload::write(const char *data, std::size_t size)
{
    if (m_failed || m_finished)
        return false;
    auto fail = [&](Outcome o, std::string message) {
        m_failed = ChunkResult {o, m_pos, std::move(message)};
        return false;
    };
    if (m_pos - m_start + static_cast<std::int64_t>(size) > m_length)
        return fail(Outcome::TooLarge, "the chunk has more bytes than it announced");
    std::lock_guard lock(m_store.lockFor(m_sha));
    if (!current()) {
        m_failed = ChunkResult {Outcome::OffsetMismatch, m_store.size(m_sha).value_or(m_store.received(m_sha, m_owner)),
            "a newer upload of this blob took over; continue from where it stands"};
        return false;
    }
    std::size_t written = 0;
    while (written < size) {
        const ssize_t n = ::write(m_fd, data + written, size - written);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        written += static_cast<std::size_t>(n);
    }
    if (written != size) {
        // Cut back to what was there before, so the next try starts from a known byte.
        if (::ftruncate(m_fd, m_pos) != 0) { }
        return fail(Outcome::IoError, "cannot write upload (disk full?)");
    }
    if (!m_hasher && m_length >= (1 << 20))
        startHasher();
    if (m_hasher) {
        std::lock_guard g(m_hasher->mutex);
        m_pos += static_cast<std::int64_t>(size);
        m_hasher->target = m_pos;
        m_hasher->moved.notify_all();
    } else {
        m_hash.update(std::string_view(data, size));
        m_pos += static_cast<std::int64_t>(size);
    }
    // Start writing to disk now, without waiting: the fdatasync that completes the blob then finds
    // most of it already there, and the disk works while the network delivers the rest.
    if (m_pos - m_flushedTo >= (1 << 20)) {
        ::sync_file_range(m_fd, m_flushedTo, m_pos - m_flushedTo, SYNC_FILE_RANGE_WRITE);
        m_flushedTo = m_pos;
    }
    return true;
}

void BlobStore::Upload::startHasher()
{
    const int fd = ::open(m_filePath.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return; // hashed as the bytes come, on this thread
    auto h = std::make_shared<Hasher>();
    h->fd = fd;
    h->fileBase = m_fileBase;
    h->hash = m_hash;
    h->done = h->target = m_pos;
    if (m_chunkPath.empty())
        h->statePath = m_store.partPath(m_sha, m_owner) + ".sha";
    try {
        std::thread([h] { h->run(h); }).detach();
    } catch (const std::system_error &) { // no thread to be had: hashed as the bytes come
        ::close(fd);
        return;
    }
    m_hasher = std::move(h);
}

BlobStore::ChunkResult BlobStore::Upload::finish()
{
    if (m_failed || m_finished)
        return m_failed ? *m_failed : ChunkResult {Outcome::IoError, m_pos, "upload already finished"};
    if (m_pos - m_start != m_length)
        return *(m_failed = ChunkResult {Outcome::IoError, m_pos, "the chunk ended early"});
    std::unique_lock lock(m_store.lockFor(m_sha));
    if (!current())
        return *(m_failed = ChunkResult {Outcome::OffsetMismatch, m_store.size(m_sha).value_or(m_store.received(m_sha, m_owner)),
                     "a newer upload of this blob took over; continue from where it stands"});
    m_finished = true;
    const bool last = m_pos >= m_total;
    if (m_hasher && (last || !m_chunkPath.empty()) && !settleHash())
        return *(m_failed = ChunkResult {Outcome::IoError, m_pos, "cannot read the upload back to hash it; send the chunk again"});
    if (!m_chunkPath.empty()) {
        lock.unlock(); // the store's requests do not hold up other uploads here
        return finishStaged();
    }
    ChunkResult r;
    r.received = m_pos;
    const std::string part = m_store.partPath(m_sha, m_owner);
    // No fdatasync per chunk: the resume point is always the partial file's real size, so a chunk
    // lost to a power cut is simply asked for again, and the tablet keeps every photo until its blob
    // is complete. A killed server process loses nothing written. Completion is made durable below.
    if (!last) {
        if (m_hasher)
            leaveHasher(true); // the next chunk adopts it; left alone, it saves the state itself
        else
            saveState();
        return r;
    }
    const bool synced = ::fdatasync(m_fd) == 0;
    ::close(m_fd);
    m_fd = -1;
    ::unlink((part + ".sha").c_str());
    if (!synced) {
        ::unlink(part.c_str());
        return ChunkResult {Outcome::IoError, 0, "cannot make the upload durable (disk failing?); upload again from the start"};
    }
    // Complete: verify before it becomes visible under its name.
    const std::string actual = m_hash.finishHex();
    if (actual != m_sha) {
        ::unlink(part.c_str());
        return ChunkResult {Outcome::HashMismatch, 0, "the bytes hash to " + actual + ", not " + m_sha + "; upload again from the start"};
    }
    const std::string dir = m_store.m_dir + "/blobs/" + m_sha.substr(0, 2);
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec || ::rename(part.c_str(), m_store.blobPath(m_sha).c_str()) != 0 || !syncDir(dir))
        return ChunkResult {Outcome::IoError, m_pos, "cannot store the verified blob"};
    r.outcome = Outcome::Complete;
    return r;
}

BlobStore::ChunkResult BlobStore::Upload::finishStaged()
{
    ObjectStore &store = *m_store.m_remote;
    ::close(m_fd);
    m_fd = -1;
    const std::string base = m_store.stagingKey(m_sha, m_owner);
    auto forget = [&] { // the staged chunks and state of this upload, best effort
        for (const auto &[offset, length] : m_parts)
            (void)store.removeKey(base + "/" + partName(offset));
        (void)store.removeKey(base + "/state");
        std::int64_t staged = 0;
        for (const auto &part : m_parts)
            staged += part.second;
        std::lock_guard lock(m_store.m_stagedMutex);
        auto &tally = m_store.m_stagedBytes[m_owner];
        tally = std::max<std::int64_t>(0, tally - staged); // per instance: others staged some of it
    };
    const bool whole = m_start == 0 && m_pos == m_total; // the blob in one chunk: nothing to stage
    if (!whole) {
        if (auto put = store.putKeyFromFile(base + "/" + partName(m_start), m_chunkPath, m_length); !put)
            return ChunkResult {Outcome::IoError, m_start, "cannot stage the chunk (" + put.error().message + "); send it again"};
        m_parts.emplace_back(m_start, m_length);
        std::lock_guard lock(m_store.m_stagedMutex);
        m_store.m_stagedBytes[m_owner] += m_length;
    }
    if (m_pos < m_total) {
        nlohmann::json parts = nlohmann::json::array();
        for (const auto &[offset, length] : m_parts)
            parts.push_back({offset, length});
        const nlohmann::json state {{"total", m_total}, {"received", m_pos}, {"hash", hexOf(m_hash.save())}, {"parts", parts}};
        if (auto put = store.putKey(base + "/state", state.dump()); !put)
            return ChunkResult {
                Outcome::IoError, m_start, "cannot record the upload's progress (" + put.error().message + "); send the chunk again"};
        return ChunkResult {Outcome::Stored, m_pos, {}};
    }
    // Complete: verify before it becomes visible under its name.
    const std::string actual = m_hash.finishHex();
    if (actual != m_sha) {
        forget();
        return ChunkResult {Outcome::HashMismatch, 0, "the bytes hash to " + actual + ", not " + m_sha + "; upload again from the start"};
    }
    std::string source = m_chunkPath;
    std::string assembled;
    if (!whole) {
        // The staged chunks, in order, into one local file (one chunk in memory at a time).
        assembled = m_chunkPath + ".whole";
        const int out = ::open(assembled.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
        bool ok = out >= 0;
        std::string why;
        std::int64_t at = 0;
        for (const auto &[offset, length] : m_parts) {
            if (!ok)
                break;
            auto part = store.getKey(base + "/" + partName(offset));
            if (!part || !part.value() || offset != at || static_cast<std::int64_t>(part.value()->size()) != length) {
                ok = false;
                why = part ? "a staged chunk is missing or has another size" : part.error().message;
                break;
            }
            ok = ::write(out, part.value()->data(), part.value()->size()) == static_cast<ssize_t>(part.value()->size());
            at += length;
        }
        if (out >= 0)
            ::close(out);
        if (!ok || at != m_total) {
            ::unlink(assembled.c_str());
            forget();
            return ChunkResult {Outcome::IoError, 0, "cannot assemble the staged upload (" + why + "); upload again from the start"};
        }
        source = assembled;
    }
    // Stored under its name with x-amz-content-sha256 = the name: the store checks the bytes too.
    auto put = store.put(m_sha, source, m_total);
    if (!assembled.empty())
        ::unlink(assembled.c_str());
    if (!put) {
        if (whole)
            return ChunkResult {
                Outcome::IoError, 0, "cannot store the verified blob (" + put.error().message + "); upload again from the start"};
        // The staged state still ends before this chunk: sending it again completes the blob.
        m_parts.pop_back();
        return ChunkResult {
            Outcome::IoError, m_start, "cannot store the verified blob (" + put.error().message + "); send the last chunk again"};
    }
    if (!whole)
        forget();
    std::lock_guard sizes(m_store.m_sizeMutex);
    m_store.m_remoteSizes[m_sha] = m_total;
    return ChunkResult {Outcome::Complete, m_total, {}};
}

BlobStore::ChunkResult BlobStore::putChunk(const std::string &sha, const std::string &owner, std::int64_t offset, std::int64_t total,
    const std::string &data, std::int64_t maxBytes, bool known)
{
    ChunkResult refusal;
    auto up = begin(sha, owner, offset, total, static_cast<std::int64_t>(data.size()), maxBytes, refusal, known);
    if (!up)
        return refusal;
    up->write(data.data(), data.size());
    return up->finish();
}

Result<std::string> BlobStore::read(const std::string &sha, std::int64_t offset, std::int64_t length) const
{
    const int fd = ::open(blobPath(sha).c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0 && m_remote)
        return m_remote->get(sha, offset, length);
    if (fd < 0)
        return makeError(ErrorCode::NotFound, "no blob " + sha);
    std::string out(static_cast<std::size_t>(length), '\0');
    std::size_t got = 0;
    while (got < out.size()) {
        const ssize_t n = ::pread(fd, out.data() + got, out.size() - got, offset + static_cast<off_t>(got));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        got += static_cast<std::size_t>(n);
    }
    ::close(fd);
    out.resize(got);
    return out;
}

} // namespace careeval::server
