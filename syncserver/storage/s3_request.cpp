// The object store's requests through libcurl (signed by its AWS Signature V4), in careeval-remote.so:
// only a server with --blobs s3://… loads libcurl (storage/remote.h).

#include "object_store.h"

#include <curl/curl.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <mutex>

namespace careeval::server {

namespace {

struct Source {
    const std::string *bytes;
    std::size_t at = 0;
};

std::size_t readFromString(char *out, std::size_t size, std::size_t n, void *user)
{
    auto *src = static_cast<Source *>(user);
    const std::size_t take = std::min(size * n, src->bytes->size() - src->at);
    std::memcpy(out, src->bytes->data() + src->at, take);
    src->at += take;
    return take;
}

std::size_t collect(char *data, std::size_t size, std::size_t n, void *user)
{
    static_cast<std::string *>(user)->append(data, size * n);
    return size * n;
}

} // namespace

Result<ObjectReply> s3Request(const ObjectStoreConfig &config, const ObjectRequest &req)
{
    const std::string &method = req.method, &key = req.key, &payloadSha = req.payloadSha, &range = req.range;
    const std::string &uploadPath = req.uploadPath;
    const std::int64_t uploadSize = req.uploadSize;
    const std::string *uploadBytes = req.uploadBytes;
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
    CURL *curl = curl_easy_init();
    if (!curl)
        return makeError(ErrorCode::Io, "cannot start an object store request");
    ObjectReply reply;
    const std::string url = config.endpoint + "/" + config.bucket + (key.empty() ? "" : "/" + key);
    const std::string sigv4 = "aws:amz:" + config.region + ":s3";
    const std::string credentials = config.accessKey + ":" + config.secretKey;
    curl_slist *headers = nullptr;
    headers = curl_slist_append(headers, ("x-amz-content-sha256: " + payloadSha).c_str());
    headers = curl_slist_append(headers, "Expect:"); // no 100-continue round trip before a body
    if (!range.empty())
        headers = curl_slist_append(headers, ("Range: bytes=" + range).c_str());
    std::FILE *in = nullptr;
    Source source {uploadBytes};
    curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl, CURLOPT_AWS_SIGV4, sigv4.c_str());
    curl_easy_setopt(curl, CURLOPT_USERPWD, credentials.c_str());
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 10L);
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, 1L); // a stalled store is an error, not a hang
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME, 60L);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, collect);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &reply.body);
    if (method == "HEAD") {
        curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);
    } else if (method == "PUT" && uploadBytes) {
        headers = curl_slist_append(headers, "Content-Type: application/octet-stream");
        curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
        curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
        curl_easy_setopt(curl, CURLOPT_READFUNCTION, readFromString);
        curl_easy_setopt(curl, CURLOPT_READDATA, &source);
        curl_easy_setopt(curl, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(uploadBytes->size()));
    } else if (method == "PUT") {
        in = std::fopen(uploadPath.c_str(), "rb");
        if (!in) {
            curl_slist_free_all(headers);
            curl_easy_cleanup(curl);
            return makeError(ErrorCode::Io, "cannot read " + uploadPath + " to upload it");
        }
        headers = curl_slist_append(headers, "Content-Type: application/octet-stream");
        curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
        curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
        curl_easy_setopt(curl, CURLOPT_READDATA, in);
        curl_easy_setopt(curl, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(uploadSize));
    } else if (method != "GET") {
        curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method.c_str());
    }
    const CURLcode rc = curl_easy_perform(curl);
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &reply.status);
    curl_off_t length = -1;
    curl_easy_getinfo(curl, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &length);
    reply.length = length;
    if (in)
        std::fclose(in);
    curl_slist_free_all(headers);
    curl_easy_cleanup(curl);
    if (rc != CURLE_OK)
        return makeError(ErrorCode::Io, "object store " + config.endpoint + ": " + curl_easy_strerror(rc));
    return reply;
}

} // namespace careeval::server
