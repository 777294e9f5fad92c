#pragma once
// Photos and signatures on disk, addressed by SHA-256: blobs/ab/<sha256> once complete and verified,
// uploads/<owner>/<sha256>.part while arriving — each user's partial uploads apart (one user can
// neither continue nor discard another's), within a quota per user, and removed when stale. Each chunk is appended before it is
// acknowledged; an upload cut at any point resumes at the partial file's real size (after a power cut that can be below the last
// acknowledgement: the client is told where to continue and still holds the photo). A blob becomes visible only after its bytes hash to its
// name, are fsync'ed, and are renamed atomically. A chunk can also be streamed (Upload): bytes go to the partial file as they come off
// the socket, so a chunk never sits whole in memory and a cut keeps what arrived. The running hash follows on a thread of its own for
// chunks of 1 MiB and more (reading back what was just written), across the gap to the next chunk (Upload::Hasher).
// With an object store (setRemote), a verified blob is uploaded there under its name instead of being
// renamed into blobs/, and is read back from there (ranged GETs).

#include <careeval/result.h>

#include "crypto.h"
#include "object_store.h"

#include <array>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace careeval::server {

class BlobStore
{
public:
    explicit BlobStore(std::string dataDir);
    Result<void> init();

    static bool validName(const std::string &sha256);
    //! Size of a complete blob, or nullopt.
    std::optional<std::int64_t> size(const std::string &sha256) const;
    //! Bytes of `owner`'s unfinished upload received so far (0 when none).
    std::int64_t received(const std::string &sha256, const std::string &owner) const;
    //! received() where it costs nothing (the data folder); with an object store 0, since asking the
    //! store about every photo a tablet lists would be a request each: the first chunk's answer
    //! (409 with "received") then says where to continue.
    std::int64_t receivedHint(const std::string &sha256, const std::string &owner) const { return m_remote ? 0 : received(sha256, owner); }
    //! Bytes of all of `owner`'s unfinished uploads.
    std::int64_t partialBytes(const std::string &owner) const;
    //! Removes unfinished uploads untouched for longer than `maxAgeSeconds`; returns how many.
    int expire(std::int64_t maxAgeSeconds);
    //! Most bytes one user's unfinished uploads may hold (a blob's whole size counts once started).
    void setQuota(std::int64_t bytesPerUser) { m_quota = bytesPerUser; }

    enum class Outcome { Stored, Complete, OffsetMismatch, TooLarge, HashMismatch, IoError };
    struct ChunkResult {
        Outcome outcome = Outcome::Stored;
        std::int64_t received = 0;
        std::string message;
    };

    //! One chunk arriving: write() appends bytes as they come, finish() ends the chunk (and, when it
    //! was the last, verifies and publishes the blob). Dropped unfinished (a cut), it keeps the
    //! bytes written so far and the running hash, so the upload resumes right after them. A newer
    //! upload of the same blob takes over: this one's further writes are refused.
    class Upload
    {
    public:
        ~Upload();
        Upload(const Upload &) = delete;
        Upload &operator=(const Upload &) = delete;
        //! False when the bytes cannot be stored (disk, past the announced length, taken over);
        //! finish() then reports why.
        bool write(const char *data, std::size_t size);
        ChunkResult finish();
        std::int64_t written() const { return m_pos - m_start; }

    private:
        friend class BlobStore;
        Upload(BlobStore &store, std::string sha, std::string owner, std::int64_t start, std::int64_t length, std::int64_t total,
            std::uint64_t generation);
        std::string key() const { return m_owner + "/" + m_sha; }
        bool current() const;
        void saveState();
        //! Waits until the running hash covers every byte written, and stops the hashing thread;
        //! false when the bytes could not be read back for it.
        bool settleHash();
        void startHasher();
        //! Hands the hasher on (keep: to the next chunk, via BlobStore::m_hashers) or ends it.
        void leaveHasher(bool keep);

        // A chunk of 1 MiB or more is hashed on a thread of its own, reading back from the page
        // cache what the socket thread has just written: the SHA-256 (~1.2 GB/s here) no longer adds
        // to the time each byte spends between the socket and the disk.
        struct Hasher;
        std::shared_ptr<Hasher> m_hasher;
        std::int64_t m_fileBase = 0; //!< the blob offset of the file's first byte
        std::string m_filePath;

        BlobStore &m_store;
        std::string m_sha;
        std::string m_owner;
        std::int64_t m_start, m_length, m_total, m_pos;
        std::int64_t m_flushedTo;
        std::uint64_t m_generation;
        int m_fd = -1;
        Sha256 m_hash;
        std::optional<ChunkResult> m_failed;
        bool m_finished = false;
        // With an object store: this chunk alone in a local file, then staged in the store.
        ChunkResult finishStaged();
        std::string m_chunkPath;
        std::vector<std::pair<std::int64_t, std::int64_t>> m_parts; //!< (offset, length) staged before this chunk
    };
    //! Starts a chunk of `length` bytes at `offset` of a blob of `total`. When it cannot start
    //! (already complete, wrong offset, too large, I/O) the answer is in `refusal` and null returned.
    //! `known`: the uploader may know the blob exists; when false, a blob already stored is uploaded
    //! again like any other (its bytes prove possession), so an upload never reveals what is stored.
    std::unique_ptr<Upload> begin(const std::string &sha256, const std::string &owner, std::int64_t offset, std::int64_t total,
        std::int64_t length, std::int64_t maxBytes, ChunkResult &refusal, bool known = true);
    //! A whole chunk in memory: begin + write + finish.
    ChunkResult putChunk(const std::string &sha256, const std::string &owner, std::int64_t offset, std::int64_t total,
        const std::string &data, std::int64_t maxBytes, bool known = true);
    //! Where a complete blob is stored on disk (to send it straight from there); nullopt when it is
    //! in the object store instead.
    std::optional<std::string> localPath(const std::string &sha256) const;
    //! Complete blobs go to this object store, and unfinished uploads are staged there chunk by chunk
    //! (uploads/<owner>/<blob>/: each chunk, and a state with the running hash), so the next chunk
    //! may arrive at any instance. Blobs already in the data folder are still served from there.
    //! `catalog` says whether a blob is complete (the database's record of finished uploads), so
    //! asking about blobs not uploaded yet costs no request to the store.
    void setRemote(std::shared_ptr<ObjectStore> remote, std::function<std::optional<std::int64_t>(const std::string &)> catalog)
    {
        m_remote = std::move(remote);
        m_catalog = std::move(catalog);
    }
    bool hasRemote() const { return m_remote != nullptr; }
    //! Bytes [offset, offset+length) of a complete blob.
    Result<std::string> read(const std::string &sha256, std::int64_t offset, std::int64_t length) const;

private:
    std::string blobPath(const std::string &sha256) const;
    std::string ownerDir(const std::string &owner) const;
    std::string partPath(const std::string &sha256, const std::string &owner) const;
    std::mutex &lockFor(const std::string &sha256);

    std::string m_dir;
    std::array<std::mutex, 16> m_locks;
    std::mutex m_generationMutex;
    //! Hashers of local uploads between chunks (owner/sha → hasher), for the next chunk to adopt.
    std::mutex m_hashersMutex;
    std::map<std::string, std::shared_ptr<Upload::Hasher>> m_hashers;
    std::map<std::string, std::uint64_t> m_generation; //!< newest upload of each (owner, blob) in progress
    std::int64_t m_quota = 1LL << 30;
    std::shared_ptr<ObjectStore> m_remote;
    std::function<std::optional<std::int64_t>(const std::string &)> m_catalog;
    struct Staged {
        std::int64_t total = 0, received = 0;
        std::string hash; //!< Sha256::save() of the bytes received
        std::vector<std::pair<std::int64_t, std::int64_t>> parts;
    };
    std::string stagingKey(const std::string &sha, const std::string &owner) const;
    Staged staged(const std::string &sha, const std::string &owner) const;
    mutable std::mutex m_stagedMutex;
    std::map<std::string, std::int64_t> m_stagedBytes; //!< per owner, staged by this instance (the quota, per instance)
    mutable std::mutex m_sizeMutex;
    mutable std::map<std::string, std::int64_t> m_remoteSizes; //!< blobs known to be in the object store (they never change)
    std::uint64_t m_nextGeneration = 1;
};

} // namespace careeval::server
