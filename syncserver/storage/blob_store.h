#pragma once
// Photos and signatures on disk, addressed by SHA-256: blobs/ab/<sha256> once complete and verified,
// uploads/<sha256>.part while arriving. Each chunk is appended before it is acknowledged; an upload
// cut at any point resumes at the partial file's real size (after a power cut that can be below the
// last acknowledgement: the client is told where to continue and still holds the photo). A blob
// becomes visible only after its bytes hash to its name, are fsync'ed, and are renamed atomically.

#include <careeval/result.h>

#include <array>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>

namespace careeval::server {

class BlobStore
{
public:
    explicit BlobStore(std::string dataDir);
    Result<void> init();

    static bool validName(const std::string &sha256);
    //! Size of a complete blob, or nullopt.
    std::optional<std::int64_t> size(const std::string &sha256) const;
    //! Bytes of an unfinished upload received so far (0 when none).
    std::int64_t received(const std::string &sha256) const;

    enum class Outcome { Stored, Complete, OffsetMismatch, TooLarge, HashMismatch, IoError };
    struct ChunkResult {
        Outcome outcome = Outcome::Stored;
        std::int64_t received = 0;
        std::string message;
    };
    //! Appends `data` at `offset` of an upload of `total` bytes; completes and verifies at the end.
    ChunkResult putChunk(const std::string &sha256, std::int64_t offset, std::int64_t total, const std::string &data, std::int64_t maxBytes);
    //! Bytes [offset, offset+length) of a complete blob.
    Result<std::string> read(const std::string &sha256, std::int64_t offset, std::int64_t length) const;

private:
    std::string blobPath(const std::string &sha256) const;
    std::string partPath(const std::string &sha256) const;
    std::mutex &lockFor(const std::string &sha256);

    std::string m_dir;
    std::array<std::mutex, 16> m_locks;
};

} // namespace careeval::server
