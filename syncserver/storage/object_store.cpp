#include "object_store.h"

#include "remote.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <mutex>

namespace careeval::server {

namespace {

// The SHA-256 of no bytes: the payload hash of a GET, HEAD or DELETE.
constexpr const char *kEmptySha = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

std::string decode(const std::string &s)
{
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '%' && i + 2 < s.size()) {
            out += static_cast<char>(std::strtol(s.substr(i + 1, 2).c_str(), nullptr, 16));
            i += 2;
        } else {
            out += s[i];
        }
    }
    return out;
}

} // namespace

Result<ObjectStoreConfig> ObjectStore::parse(const std::string &location)
{
    constexpr std::string_view scheme = "s3://";
    if (!location.starts_with(scheme))
        return makeError(ErrorCode::InvalidArgument, "--blobs must be s3://BUCKET?endpoint=…&region=… (got " + location + ")");
    ObjectStoreConfig c;
    const std::string rest = location.substr(scheme.size());
    const auto q = rest.find('?');
    c.bucket = rest.substr(0, q);
    if (c.bucket.empty() || c.bucket.find('/') != std::string::npos)
        return makeError(ErrorCode::InvalidArgument, "--blobs: the bucket name is missing or has a '/' in it");
    if (q != std::string::npos) {
        std::string query = rest.substr(q + 1);
        std::size_t start = 0;
        while (start <= query.size()) {
            const auto amp = query.find('&', start);
            const std::string pair = query.substr(start, amp == std::string::npos ? std::string::npos : amp - start);
            const auto eq = pair.find('=');
            const std::string key = pair.substr(0, eq), value = eq == std::string::npos ? "" : decode(pair.substr(eq + 1));
            if (key == "endpoint")
                c.endpoint = value;
            else if (key == "region")
                c.region = value;
            else if (key == "prefix")
                c.prefix = value;
            else if (!key.empty())
                return makeError(ErrorCode::InvalidArgument, "--blobs: unknown setting \"" + key + "\" (endpoint, region, prefix)");
            if (amp == std::string::npos)
                break;
            start = amp + 1;
        }
    }
    while (!c.endpoint.empty() && c.endpoint.back() == '/')
        c.endpoint.pop_back();
    if (!c.endpoint.starts_with("http://") && !c.endpoint.starts_with("https://"))
        return makeError(ErrorCode::InvalidArgument, "--blobs: endpoint=http(s)://HOST:PORT is required");
    if (c.region.empty())
        return makeError(ErrorCode::InvalidArgument, "--blobs: region must not be empty");
    const char *id = std::getenv("AWS_ACCESS_KEY_ID");
    const char *secret = std::getenv("AWS_SECRET_ACCESS_KEY");
    if (!id || !*id || !secret || !*secret)
        return makeError(ErrorCode::InvalidArgument, "--blobs: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY for the object store");
    c.accessKey = id;
    c.secretKey = secret;
    return c;
}

ObjectStore::ObjectStore(ObjectStoreConfig config)
    : m_config(std::move(config))
{
}

std::string ObjectStore::describe(const std::string &sha256) const
{
    return m_config.endpoint + "/" + m_config.bucket + "/" + m_config.prefix + sha256;
}

Result<ObjectReply> ObjectStore::request(const std::string &method, const std::string &key, const std::string &payloadSha,
    const std::string &range, const std::string &uploadPath, std::int64_t uploadSize, const std::string *uploadBytes)
{
    auto api = remoteApi();
    if (!api)
        return api.error();
    return api.value()->s3Request(m_config, ObjectRequest {method, key, payloadSha, range, uploadPath, uploadSize, uploadBytes});
}

namespace {

// The store's own words for a refusal (<Code>…</Code><Message>…</Message>), short.
std::string why(long status, const std::string &body)
{
    std::string out = "HTTP " + std::to_string(status);
    for (const char *tag : {"Code", "Message"}) {
        const std::string open = std::string("<") + tag + ">", close = std::string("</") + tag + ">";
        const auto a = body.find(open), b = body.find(close);
        if (a != std::string::npos && b != std::string::npos && b > a)
            out += " " + body.substr(a + open.size(), std::min<std::size_t>(b - a - open.size(), 200));
    }
    return out;
}

} // namespace

Result<void> ObjectStore::check()
{
    auto r = request("HEAD", "", kEmptySha);
    if (!r)
        return r.error();
    if (r->status != 200)
        return makeError(ErrorCode::Io,
            "object store bucket " + m_config.endpoint + "/" + m_config.bucket + " does not answer: " + why(r->status, r->body));
    return {};
}

Result<void> ObjectStore::put(const std::string &sha256, const std::string &path, std::int64_t size)
{
    auto r = request("PUT", m_config.prefix + sha256, sha256, {}, path, size);
    if (!r)
        return r.error();
    if (r->status != 200)
        return makeError(ErrorCode::Io, "object store refused " + describe(sha256) + ": " + why(r->status, r->body));
    return {};
}

Result<std::optional<std::int64_t>> ObjectStore::head(const std::string &sha256)
{
    auto r = request("HEAD", m_config.prefix + sha256, kEmptySha);
    if (!r)
        return r.error();
    if (r->status == 404)
        return std::optional<std::int64_t>();
    if (r->status != 200 || r->length < 0)
        return makeError(ErrorCode::Io, "object store: cannot look up " + describe(sha256) + ": HTTP " + std::to_string(r->status));
    return std::optional<std::int64_t>(r->length);
}

Result<std::string> ObjectStore::get(const std::string &sha256, std::int64_t offset, std::int64_t length)
{
    auto r = request("GET", m_config.prefix + sha256, kEmptySha, std::to_string(offset) + "-" + std::to_string(offset + length - 1));
    if (!r)
        return r.error();
    if (r->status == 404)
        return makeError(ErrorCode::NotFound, "no blob " + sha256 + " in the object store");
    if (r->status != 206 && r->status != 200)
        return makeError(ErrorCode::Io, "object store: cannot read " + describe(sha256) + ": " + why(r->status, r->body));
    if (r->status == 200 && offset > 0) // a store that ignored the range
        r->body = r->body.substr(std::min<std::size_t>(r->body.size(), static_cast<std::size_t>(offset)));
    if (static_cast<std::int64_t>(r->body.size()) > length)
        r->body.resize(static_cast<std::size_t>(length));
    return std::move(r->body);
}

Result<void> ObjectStore::remove(const std::string &sha256)
{
    auto r = request("DELETE", m_config.prefix + sha256, kEmptySha);
    if (!r)
        return r.error();
    if (r->status != 204 && r->status != 200 && r->status != 404)
        return makeError(ErrorCode::Io, "object store: cannot delete " + describe(sha256) + ": " + why(r->status, r->body));
    return {};
}

Result<void> ObjectStore::putKey(const std::string &key, const std::string &bytes)
{
    auto r = request("PUT", key, "UNSIGNED-PAYLOAD", {}, {}, 0, &bytes);
    if (!r)
        return r.error();
    if (r->status != 200)
        return makeError(ErrorCode::Io, "object store refused " + key + ": " + why(r->status, r->body));
    return {};
}

Result<void> ObjectStore::putKeyFromFile(const std::string &key, const std::string &path, std::int64_t size)
{
    auto r = request("PUT", key, "UNSIGNED-PAYLOAD", {}, path, size);
    if (!r)
        return r.error();
    if (r->status != 200)
        return makeError(ErrorCode::Io, "object store refused " + key + ": " + why(r->status, r->body));
    return {};
}

Result<std::optional<std::string>> ObjectStore::getKey(const std::string &key)
{
    auto r = request("GET", key, kEmptySha);
    if (!r)
        return r.error();
    if (r->status == 404)
        return std::optional<std::string>();
    if (r->status != 200)
        return makeError(ErrorCode::Io, "object store: cannot read " + key + ": " + why(r->status, r->body));
    return std::optional<std::string>(std::move(r->body));
}

Result<void> ObjectStore::removeKey(const std::string &key)
{
    auto r = request("DELETE", key, kEmptySha);
    if (!r)
        return r.error();
    if (r->status != 204 && r->status != 200 && r->status != 404)
        return makeError(ErrorCode::Io, "object store: cannot delete " + key + ": " + why(r->status, r->body));
    return {};
}

} // namespace careeval::server
