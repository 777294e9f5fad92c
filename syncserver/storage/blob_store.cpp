#include "blob_store.h"

#include "crypto.h"

#include <careeval/template.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <sys/stat.h>
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
    auto h = m_remote->head(sha);
    if (!h || !h.value()) // not there (or the store cannot say): not complete as far as anyone can tell
        return std::nullopt;
    std::lock_guard lock(m_sizeMutex);
    m_remoteSizes[sha] = *h.value();
    return *h.value();
}

std::optional<std::string> BlobStore::localPath(const std::string &sha) const
{
    struct stat st {
    };
    if (::stat(blobPath(sha).c_str(), &st) != 0)
        return std::nullopt;
    return blobPath(sha);
}

std::int64_t BlobStore::received(const std::string &sha, const std::string &owner) const
{
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

} // namespace

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
    const std::int64_t have = received(sha, owner);
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
    const std::string part = partPath(sha, owner);
    // The running hash lives beside the partial file ("<size><state>"), so completing an upload does
    // not read it all again. If it does not match the partial file (a crash between the two
    // writes), the hash is rebuilt from the file.
    bool haveState = have == 0;
    if (have > 0) {
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

BlobStore::Upload::~Upload()
{
    if (!m_finished) {
        std::lock_guard lock(m_store.lockFor(m_sha));
        if (current() && !m_failed)
            saveState(); // cut mid-chunk: what arrived stays, and so does the hash over it
    }
    if (m_fd >= 0)
        ::close(m_fd);
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
    if (m_pos >= m_total)
        return;
    const std::string statePath = m_store.partPath(m_sha, m_owner) + ".sha";
    std::string state(8, '\0');
    std::memcpy(state.data(), &m_pos, 8);
    state += m_hash.save();
    const std::string tmp = statePath + ".tmp";
    const int sfd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (sfd >= 0) {
        const bool ok = ::write(sfd, state.data(), state.size()) == static_cast<ssize_t>(state.size());
        ::close(sfd);
        if (ok)
            ::rename(tmp.c_str(), statePath.c_str());
    }
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
    m_hash.update(std::string_view(data, size));
    m_pos += static_cast<std::int64_t>(size);
    // Start writing to disk now, without waiting: the fdatasync that completes the blob then finds
    // most of it already there, and the disk works while the network delivers the rest.
    if (m_pos - m_flushedTo >= (1 << 20)) {
        ::sync_file_range(m_fd, m_flushedTo, m_pos - m_flushedTo, SYNC_FILE_RANGE_WRITE);
        m_flushedTo = m_pos;
    }
    return true;
}

BlobStore::ChunkResult BlobStore::Upload::finish()
{
    if (m_failed || m_finished)
        return m_failed ? *m_failed : ChunkResult {Outcome::IoError, m_pos, "upload already finished"};
    if (m_pos - m_start != m_length)
        return *(m_failed = ChunkResult {Outcome::IoError, m_pos, "the chunk ended early"});
    std::lock_guard lock(m_store.lockFor(m_sha));
    if (!current())
        return *(m_failed = ChunkResult {Outcome::OffsetMismatch, m_store.size(m_sha).value_or(m_store.received(m_sha, m_owner)),
                     "a newer upload of this blob took over; continue from where it stands"});
    m_finished = true;
    ChunkResult r;
    r.received = m_pos;
    const std::string part = m_store.partPath(m_sha, m_owner);
    // No fdatasync per chunk: the resume point is always the partial file's real size, so a chunk
    // lost to a power cut is simply asked for again, and the tablet keeps every photo until its blob
    // is complete. A killed server process loses nothing written. Completion is made durable below.
    if (m_pos < m_total) {
        saveState();
        return r;
    }
    // Durable on disk before it is published, unless the object store takes it (its acknowledgement is
    // the durable copy).
    const bool synced = m_store.m_remote || ::fdatasync(m_fd) == 0;
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
    if (m_store.m_remote) {
        // Uploaded under its name with x-amz-content-sha256 = the name: the store checks the bytes too.
        auto put = m_store.m_remote->put(m_sha, part, m_total);
        ::unlink(part.c_str());
        if (!put)
            return ChunkResult {
                Outcome::IoError, 0, "cannot store the verified blob (" + put.error().message + "); upload again from the start"};
        std::lock_guard sizes(m_store.m_sizeMutex);
        m_store.m_remoteSizes[m_sha] = m_total;
        r.outcome = Outcome::Complete;
        return r;
    }
    const std::string dir = m_store.m_dir + "/blobs/" + m_sha.substr(0, 2);
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec || ::rename(part.c_str(), m_store.blobPath(m_sha).c_str()) != 0 || !syncDir(dir))
        return ChunkResult {Outcome::IoError, m_pos, "cannot store the verified blob"};
    r.outcome = Outcome::Complete;
    return r;
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
