#pragma once
// Photos and signatures in an S3-compatible object store (chosen with --blobs s3://BUCKET?…): complete,
// verified blobs only, one object per blob named by its SHA-256. Requests are signed by libcurl's own
// AWS Signature V4 (CURLOPT_AWS_SIGV4), and every upload carries x-amz-content-sha256 = the blob's
// name, so the store itself checks the bytes it receives against the name (S3 refuses a mismatch).
// Unfinished uploads stay in the data folder until their last chunk is verified (BlobStore).
//
// Location: s3://BUCKET?endpoint=http://HOST:PORT&region=REGION[&prefix=blobs/]
// Credentials: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY in the environment (never in the URL or
// the log). Path-style addressing (endpoint/BUCKET/KEY), as MinIO, Ceph and s3rver serve it.

#include <careeval/result.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace careeval::server {

struct ObjectStoreConfig {
    std::string endpoint; //!< http(s)://host:port, no trailing slash
    std::string bucket;
    std::string region = "us-east-1";
    std::string prefix = "blobs/";
    std::string accessKey, secretKey;
};

//! One request to the store, as the curl code in careeval-remote.so sends it (storage/remote.h).
struct ObjectRequest {
    std::string method, key, payloadSha, range;
    std::string uploadPath; //!< PUT from this file (uploadSize bytes) …
    std::int64_t uploadSize = 0;
    const std::string *uploadBytes = nullptr; //!< … or from these bytes
};
struct ObjectReply {
    long status = 0;
    std::string body;
    std::int64_t length = -1;
};

class ObjectStore
{
public:
    //! Parses an s3:// location (credentials from the environment); the error names what is wrong.
    static Result<ObjectStoreConfig> parse(const std::string &location);
    explicit ObjectStore(ObjectStoreConfig config);

    //! Checks that the bucket answers (HEAD bucket), for a clear error at start.
    Result<void> check();
    //! Uploads the file's `size` bytes as the blob `sha256` (x-amz-content-sha256 = sha256).
    Result<void> put(const std::string &sha256, const std::string &path, std::int64_t size);
    //! The blob's size, nullopt when the store has no such object.
    Result<std::optional<std::int64_t>> head(const std::string &sha256);
    //! Bytes [offset, offset+length) of the blob.
    Result<std::string> get(const std::string &sha256, std::int64_t offset, std::int64_t length);
    Result<void> remove(const std::string &sha256);

    // Any key (an unfinished upload's staged chunks and state live under uploads/). Payloads sent
    // as UNSIGNED-PAYLOAD: a staged chunk is checked when the whole blob is (by its name).
    Result<void> putKey(const std::string &key, const std::string &bytes);
    Result<void> putKeyFromFile(const std::string &key, const std::string &path, std::int64_t size);
    //! The object's bytes; nullopt when there is no such object.
    Result<std::optional<std::string>> getKey(const std::string &key);
    Result<void> removeKey(const std::string &key);
    const ObjectStoreConfig &config() const { return m_config; }
    //! Where an object is, for messages: endpoint/bucket/key (no credentials).
    std::string describe(const std::string &sha256) const;

private:
    Result<ObjectReply> request(const std::string &method, const std::string &key, const std::string &payloadSha,
        const std::string &range = {}, const std::string &uploadPath = {}, std::int64_t uploadSize = 0,
        const std::string *uploadBytes = nullptr);

    ObjectStoreConfig m_config;
};

} // namespace careeval::server
