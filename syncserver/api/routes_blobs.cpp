// Photos and signatures: who may read and upload them, what is missing, resumable chunked upload
// (streamed to disk as it arrives), and downloads streamed from disk.

#include "service_parts.h"

namespace careeval::server {

Result<bool> Service::mayRead(const User &user, const std::string &sha)
{
    if (user.role == Role::Supervisor || user.role == Role::Admin)
        return true;
    auto referenced = m_store.blobReferencedFor(sha, user.username);
    if (!referenced || referenced.value())
        return referenced;
    // One's own upload, before the operation that names it arrives.
    auto record = m_store.blob(sha);
    if (!record)
        return record.error();
    return record.value() && record.value()->uploader == user.username;
}

Result<bool> Service::mayUpload(const User &user)
{
    if (user.role == Role::Supervisor || user.role == Role::Admin)
        return true;
    return m_store.isMemberOfAny(user.username);
}

HttpResponse Service::missingBlobs(Context &c)
{
    HttpResponse error;
    auto body = c.body(error);
    if (!body)
        return error;
    Fields f {*body, {}};
    const auto hashes = f.strings("sha256", true);
    if (!f.error.empty())
        return errorResponse(400, "invalid_request", f.error);
    if (hashes.size() > 10000)
        return errorResponse(413, "too_large", "ask about at most 10000 blobs at once");
    // What this user may know is stored: blobs of their inspections (everything for a supervisor).
    // Anything else is "missing" to them, so the list cannot be used to probe what the server holds.
    const bool seesAll = c.user->role == Role::Supervisor || c.user->role == Role::Admin;
    std::set<std::string> visible;
    if (!seesAll) {
        auto v = m_store.blobsReferencedFor(c.user->username);
        if (!v)
            return failure(v.error());
        visible = std::move(v.value());
    }
    json missing = json::array();
    for (const auto &h : hashes) {
        if (!BlobStore::validName(h))
            return errorResponse(
                400, "invalid_request", "field \"sha256\": \"" + h.substr(0, 80) + "\" is not a SHA-256 in lower-case hex");
        bool stored = m_blobs.size(h).has_value();
        if (stored && !seesAll && !visible.contains(h)) {
            auto record = m_store.blob(h); // one's own upload, not yet named by an operation
            stored = record && record.value() && record.value()->uploader == c.user->username;
        }
        if (!stored)
            missing.push_back({{"sha256", h}, {"received", m_blobs.receivedHint(h, c.user->username)}});
    }
    return jsonResponse(200, {{"missing", missing}});
}

HttpResponse Service::uploadStatus(Context &c)
{
    const std::string &sha = c.param("sha256");
    auto may = mayRead(*c.user, sha);
    if (!may)
        return failure(may.error());
    if (auto size = m_blobs.size(sha); size && may.value())
        return jsonResponse(200, {{"sha256", sha}, {"received", *size}, {"complete", true}});
    return jsonResponse(200, {{"sha256", sha}, {"received", m_blobs.received(sha, c.user->username)}, {"complete", false}});
}

namespace {

// A photo chunk streamed from the socket into its partial file (see Service::uploadSink).
struct UploadSink final : BodySink {
    std::unique_ptr<BlobStore::Upload> upload;
    bool write(const char *data, std::size_t size) override { return upload->write(data, size); }
};

bool chunkPosition(const HttpRequest &req, std::int64_t &offset, std::int64_t &total)
{
    const auto o = req.query.find("offset"), t = req.query.find("total");
    if (o == req.query.end() || t == req.query.end())
        return false;
    const auto ov = wholeNumber(o->second), tv = wholeNumber(t->second);
    if (!ov || !tv)
        return false;
    offset = *ov;
    total = *tv;
    return true;
}

} // namespace

std::shared_ptr<BodySink> Service::uploadSink(const HttpRequest &head)
{
    // Only a chunk that will be accepted streams; anything else (not signed in, wrong offset, too
    // large, already complete) is read as usual and answered by route(), so every error keeps
    // its one path.
    if (head.method != "PUT")
        return nullptr;
    const auto seg = splitPath(head.path);
    if (seg.size() != 4 || seg[0] != "api" || seg[1] != "v1" || seg[2] != "blobs" || !BlobStore::validName(seg[3]))
        return nullptr;
    std::int64_t offset = -1, total = -1, length = -1;
    if (!chunkPosition(head, offset, total) || offset < 0 || total < 0)
        return nullptr;
    if (auto v = wholeNumber(head.header("content-length")))
        length = *v;
    else
        return nullptr;
    HttpResponse unused;
    const auto user = authenticate(head, unused);
    if (!user)
        return nullptr;
    const auto allowed = mayUpload(*user);
    const auto known = mayRead(*user, seg[3]);
    if (!allowed || !allowed.value() || !known)
        return nullptr;
    BlobStore::ChunkResult refusal;
    auto upload = m_blobs.begin(seg[3], user->username, offset, total, length, m_config.maxBlobBytes, refusal, known.value());
    if (!upload)
        return nullptr;
    auto sink = std::make_shared<UploadSink>();
    sink->upload = std::move(upload);
    return sink;
}

HttpResponse Service::putChunk(Context &c)
{
    const std::string &sha = c.param("sha256");
    std::int64_t offset = -1, total = -1;
    if (!chunkPosition(c.req, offset, total))
        return errorResponse(400, "invalid_request", "a chunk needs ?offset=N&total=T (whole numbers)");
    if (offset < 0 || total < 0)
        return errorResponse(400, "invalid_request", "\"offset\" and \"total\" must not be negative");
    const auto allowed = mayUpload(*c.user);
    if (!allowed)
        return failure(allowed.error());
    if (!allowed.value())
        return errorResponse(403, "forbidden", "only members of an inspection upload its photos");
    const auto known = mayRead(*c.user, sha);
    if (!known)
        return failure(known.error());
    BlobStore::ChunkResult r;
    std::int64_t bytes = 0;
    if (auto *streamed = dynamic_cast<UploadSink *>(c.req.sink.get())) {
        r = streamed->upload->finish();
        bytes = streamed->upload->written();
    } else {
        r = m_blobs.putChunk(sha, c.user->username, offset, total, c.req.body, m_config.maxBlobBytes, known.value());
        bytes = static_cast<std::int64_t>(c.req.body.size());
    }
    using O = BlobStore::Outcome;
    switch (r.outcome) {
    case O::Stored:
        m_blobBytes += static_cast<std::uint64_t>(bytes);
        return jsonResponse(200, {{"sha256", sha}, {"received", r.received}, {"complete", false}});
    case O::Complete:
        if (offset + bytes == r.received && bytes > 0) {
            m_blobBytes += static_cast<std::uint64_t>(bytes);
            ++m_blobsStored;
            (void)m_store.putBlob({sha, r.received, c.user->username, c.now});
            return jsonResponse(201, {{"sha256", sha}, {"received", r.received}, {"complete", true}});
        }
        (void)m_store.putBlob({sha, r.received, c.user->username, c.now});
        return jsonResponse(200, {{"sha256", sha}, {"received", r.received}, {"complete", true}});
    case O::OffsetMismatch: {
        auto res = jsonResponse(409, {{"error", {{"code", "offset_mismatch"}, {"message", r.message}}}, {"received", r.received}});
        return res;
    }
    case O::TooLarge:
        return errorResponse(413, "too_large", r.message);
    case O::HashMismatch:
        ++m_blobHashMismatches;
        return errorResponse(422, "hash_mismatch", r.message);
    case O::IoError:
        return errorResponse(507, "storage", r.message);
    }
    return errorResponse(500, "internal", "unknown upload outcome");
}

HttpResponse Service::getBlob(Context &c)
{
    const std::string &sha = c.param("sha256");
    const auto may = mayRead(*c.user, sha);
    if (!may)
        return failure(may.error());
    const auto size = may.value() ? m_blobs.size(sha) : std::nullopt;
    if (!size)
        return errorResponse(404, "not_found", "no blob " + sha + " (not uploaded, or not complete yet)");
    std::int64_t from = 0, to = *size - 1;
    const std::string range = c.req.header("range");
    const bool partial = !range.empty();
    if (partial) {
        // "bytes=a-b", "bytes=a-" or "bytes=-n"; one range only.
        const auto eq = range.find('=');
        const auto dash = range.find('-');
        if (range.rfind("bytes=", 0) != 0 || dash == std::string::npos || range.find(',') != std::string::npos)
            return errorResponse(416, "bad_range", "only a single byte range is supported");
        const std::string a = range.substr(eq + 1, dash - eq - 1), b = range.substr(dash + 1);
        const auto av = wholeNumber(a), bv = wholeNumber(b);
        if ((!a.empty() && !av) || (!b.empty() && !bv) || (a.empty() && b.empty()))
            return errorResponse(416, "bad_range", "malformed Range header");
        if (a.empty()) {
            from = std::max<std::int64_t>(0, *size - *bv);
        } else {
            from = *av;
            if (bv)
                to = std::min<std::int64_t>(to, *bv);
        }
        if (from > to || from >= *size) {
            auto r = errorResponse(416, "bad_range", "range outside the blob's " + std::to_string(*size) + " bytes");
            r.headers.emplace_back("Content-Range", "bytes */" + std::to_string(*size));
            return r;
        }
    }
    HttpResponse r;
    r.status = partial ? 206 : 200;
    r.contentType = "application/octet-stream";
    if (auto path = m_blobs.localPath(sha)) {
        // Sent from the file as it is read: a 64 MiB photo is never held whole in memory.
        r.file = HttpResponse::FileRange {*path, from, to - from + 1};
    } else {
        // In the object store: the range asked for, read with a ranged GET.
        auto bytes = m_blobs.read(sha, from, to - from + 1);
        if (!bytes)
            return failure(bytes.error());
        if (static_cast<std::int64_t>(bytes->size()) != to - from + 1)
            return failure(makeError(ErrorCode::Io,
                "the object store returned " + std::to_string(bytes->size()) + " bytes of blob " + sha + " for a range of "
                    + std::to_string(to - from + 1)));
        r.body = std::move(bytes.value());
    }
    r.headers.emplace_back("ETag", "\"" + sha + "\"");
    r.headers.emplace_back("Accept-Ranges", "bytes");
    r.headers.emplace_back("Cache-Control", "private, max-age=31536000, immutable");
    if (partial)
        r.headers.emplace_back("Content-Range", "bytes " + std::to_string(from) + "-" + std::to_string(to) + "/" + std::to_string(*size));
    return r;
}

} // namespace careeval::server
