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

BlobStore::BlobStore(std::string dataDir) : m_dir(std::move(dataDir)) {}

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

std::string BlobStore::partPath(const std::string &sha) const
{
    return m_dir + "/uploads/" + sha + ".part";
}

std::mutex &BlobStore::lockFor(const std::string &sha)
{
    return m_locks[static_cast<std::size_t>(std::stoi(sha.substr(0, 1), nullptr, 16))];
}

std::optional<std::int64_t> BlobStore::size(const std::string &sha) const
{
    struct stat st{};
    if (::stat(blobPath(sha).c_str(), &st) != 0)
        return std::nullopt;
    return static_cast<std::int64_t>(st.st_size);
}

std::int64_t BlobStore::received(const std::string &sha) const
{
    struct stat st{};
    if (::stat(partPath(sha).c_str(), &st) != 0)
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

BlobStore::ChunkResult BlobStore::putChunk(const std::string &sha, std::int64_t offset, std::int64_t total, const std::string &data,
                                           std::int64_t maxBytes)
{
    std::lock_guard lock(lockFor(sha));
    ChunkResult r;
    if (auto done = size(sha)) {
        r.outcome = Outcome::Complete; // already here: uploading again is a no-op
        r.received = *done;
        return r;
    }
    if (total <= 0 || total > maxBytes) {
        r.outcome = Outcome::TooLarge;
        r.message = "a blob must have 1 to " + std::to_string(maxBytes) + " bytes";
        return r;
    }
    const std::int64_t have = received(sha);
    r.received = have;
    if (offset != have) {
        r.outcome = Outcome::OffsetMismatch;
        r.message = "this upload continues at byte " + std::to_string(have) + ", not " + std::to_string(offset);
        return r;
    }
    if (offset + static_cast<std::int64_t>(data.size()) > total) {
        r.outcome = Outcome::TooLarge;
        r.message = "chunk goes past the announced total of " + std::to_string(total) + " bytes";
        return r;
    }
    const std::string part = partPath(sha);
    const std::string statePath = part + ".sha";
    // The running hash lives beside the partial file ("<size><state>"), so completing an upload does
    // not read it all again. If it does not match the partial file (a crash between the two
    // writes), the hash is rebuilt from the file.
    Sha256 hash;
    bool haveState = have == 0;
    if (have > 0) {
        auto saved = readFile(statePath);
        if (saved && saved->size() > 8) {
            std::int64_t at = 0;
            std::memcpy(&at, saved->data(), 8);
            haveState = at == have && hash.restore(std::string_view(*saved).substr(8));
        }
        if (!haveState) {
            hash = Sha256();
            const int in = ::open(part.c_str(), O_RDONLY | O_CLOEXEC);
            char buf[1 << 16];
            ssize_t n;
            while (in >= 0 && (n = ::read(in, buf, sizeof buf)) > 0)
                hash.update(std::string_view(buf, static_cast<std::size_t>(n)));
            if (in >= 0)
                ::close(in);
        }
    }
    const int fd = ::open(part.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (fd < 0) {
        r.outcome = Outcome::IoError;
        r.message = "cannot open upload: " + std::string(std::strerror(errno));
        return r;
    }
    std::size_t written = 0;
    while (written < data.size()) {
        const ssize_t n = ::write(fd, data.data() + written, data.size() - written);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        written += static_cast<std::size_t>(n);
    }
    // No fdatasync per chunk: the resume point is always the partial file's real size, so a chunk
    // lost to a power cut is simply asked for again, and the tablet keeps every photo until its blob
    // is complete. A killed server process loses nothing written. Completion is made durable below.
    const bool complete = written == data.size() && have + static_cast<std::int64_t>(data.size()) == total;
    const bool synced = written == data.size() && (!complete || ::fdatasync(fd) == 0);
    ::close(fd);
    if (!synced) {
        // Cut back to what was acknowledged before, so the next try starts from a known byte.
        if (::truncate(part.c_str(), have) != 0) {
        }
        r.outcome = Outcome::IoError;
        r.message = "cannot write upload (disk full?)";
        return r;
    }
    hash.update(data);
    r.received = have + static_cast<std::int64_t>(data.size());
    if (r.received < total) {
        std::string state(8, '\0');
        std::memcpy(state.data(), &r.received, 8);
        state += hash.save();
        const std::string tmp = statePath + ".tmp";
        const int sfd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
        if (sfd >= 0) {
            const bool ok = ::write(sfd, state.data(), state.size()) == static_cast<ssize_t>(state.size());
            ::close(sfd);
            if (ok)
                ::rename(tmp.c_str(), statePath.c_str());
        }
        return r;
    }
    ::unlink(statePath.c_str());

    // Complete: verify before it becomes visible under its name.
    const std::string actual = hash.finishHex();
    if (actual != sha) {
        ::unlink(part.c_str());
        r.outcome = Outcome::HashMismatch;
        r.received = 0;
        r.message = "the bytes hash to " + actual + ", not " + sha + "; upload again from the start";
        return r;
    }
    const std::string dir = m_dir + "/blobs/" + sha.substr(0, 2);
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec || ::rename(part.c_str(), blobPath(sha).c_str()) != 0 || !syncDir(dir)) {
        r.outcome = Outcome::IoError;
        r.message = "cannot store the verified blob";
        return r;
    }
    r.outcome = Outcome::Complete;
    return r;
}

Result<std::string> BlobStore::read(const std::string &sha, std::int64_t offset, std::int64_t length) const
{
    const int fd = ::open(blobPath(sha).c_str(), O_RDONLY | O_CLOEXEC);
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
