// The service's frame: the route table and its dispatcher (method, path pattern, who may call it),
// authentication, the one mapping from the core's errors to HTTP, request ids for server errors,
// and the operational routes (/healthz, /metrics). The routes themselves are in routes_*.cpp.

#include "service_parts.h"

#include "../storage/crypto.h"

#include <chrono>
#include <cstdio>
#include <cstring>
#include <type_traits>

namespace careeval::server {

HttpResponse failure(const Error &error, Origin origin)
{
    if (origin == Origin::Request)
        switch (error.code) {
        case ErrorCode::InvalidJson:
            return errorResponse(400, "invalid_json", error.message);
        case ErrorCode::InvalidTemplate:
            return errorResponse(400, "invalid_template", error.message);
        case ErrorCode::InvalidOperation:
        case ErrorCode::InvalidExpression:
        case ErrorCode::InvalidArgument:
            return errorResponse(400, "invalid_request", error.message);
        case ErrorCode::NotFound:
            return errorResponse(404, "not_found", error.message);
        case ErrorCode::Io:
        case ErrorCode::Database:
            break;
        }
    // The server's own data or storage failed: the client learns only "internal error" and a
    // request id (Service::handle); the message goes to the log.
    return errorResponse(500, errorCodeName(error.code), error.message);
}

std::optional<json> Service::Context::body(HttpResponse &error) const
{
    auto doc = parseJson(req.body);
    if (!doc) {
        error = errorResponse(400, "invalid_json", "request body is not valid JSON: " + doc.error().message);
        return std::nullopt;
    }
    if (!doc->is_object()) {
        error = errorResponse(400, "invalid_json", std::string("request body must be a JSON object, not ") + jsonTypeName(doc.value()));
        return std::nullopt;
    }
    return std::move(doc.value());
}

Service::Service(ServerStore &store, ServiceConfig config)
    : m_store(store)
    , m_config(std::move(config))
    , m_blobs(m_config.dataDir)
    , m_web(m_config.webRoot)
    , m_instance(randomHex(3))
{
}

const std::vector<Service::Route> &Service::table()
{
    using A = Access;
    // Matched in this order: a literal segment ("/blobs/missing") before a {name} in its place.
    static const std::vector<Route> routes {
        {"GET", "/healthz", A::Public, &Service::health},
        {"GET", "/metrics", A::Public, &Service::metrics},
        {"POST", "/api/v1/auth/login", A::Public, &Service::login, "", Lane::Cpu},
        {"POST", "/api/v1/auth/logout", A::SignedIn, &Service::logout},
        {"GET", "/api/v1/me", A::SignedIn, &Service::me},
        {"POST", "/api/v1/me/password", A::SignedIn, &Service::changePassword, "", Lane::Cpu},
        {"GET", "/api/v1/users", A::Admin, &Service::listUsers, "only an administrator manages users"},
        {"POST", "/api/v1/users", A::Admin, &Service::createUser, "only an administrator manages users", Lane::Cpu},
        {"PATCH", "/api/v1/users/{username}", A::Admin, &Service::updateUser, "only an administrator manages users", Lane::Cpu},
        {"GET", "/api/v1/institutions", A::Supervisor, &Service::listInstitutions, "only supervisors and administrators see the registry"},
        {"POST", "/api/v1/institutions", A::Admin, &Service::putInstitution, "only an administrator edits the registry"},
        {"GET", "/api/v1/templates", A::SignedIn, &Service::listTemplates},
        {"POST", "/api/v1/templates", A::Admin, &Service::uploadTemplate, "only an administrator uploads templates"},
        {"GET", "/api/v1/templates/{id}/{version}", A::SignedIn, &Service::getTemplate},
        {"GET", "/api/v1/inspections", A::SignedIn, &Service::listInspections},
        {"GET", "/api/v1/progress", A::Supervisor, &Service::progress, "only supervisors and administrators watch progress"},
        {"POST", "/api/v1/inspections", A::Admin, &Service::createInspection, "only an administrator creates inspections"},
        {"GET", "/api/v1/inspections/{id}", A::Team, &Service::getInspection},
        {"GET", "/api/v1/inspections/{id}/ops", A::Team, &Service::pullOps},
        {"POST", "/api/v1/inspections/{id}/ops", A::Team, &Service::pushOps, "", Lane::Disk},
        {"GET", "/api/v1/inspections/{id}/state", A::Team, &Service::teamState},
        {"POST", "/api/v1/inspections/{id}/review", A::Team, &Service::review, "", Lane::Disk},
        {"GET", "/api/v1/inspections/{id}/export", A::Team, &Service::exportOne},
        {"GET", "/api/v1/exports", A::Supervisor, &Service::exportPeriod, "only supervisors and administrators export across inspections"},
        {"POST", "/api/v1/blobs/missing", A::SignedIn, &Service::missingBlobs},
        {"GET", "/api/v1/blobs/{sha256}/upload", A::SignedIn, &Service::uploadStatus},
        {"PUT", "/api/v1/blobs/{sha256}", A::SignedIn, &Service::putChunk},
        {"GET", "/api/v1/blobs/{sha256}", A::SignedIn, &Service::getBlob},
        {"GET", "/api/v1/draws", A::Supervisor, &Service::listDraws, "only supervisors and administrators read draws"},
        {"POST", "/api/v1/draws", A::Admin, &Service::createDraw, "only an administrator makes a draw"},
        {"GET", "/api/v1/draws/{id}", A::Supervisor, &Service::getDraw, "only supervisors and administrators read draws"},
        {"GET", "/api/v1/audit", A::Supervisor, &Service::auditLog, "only supervisors and administrators read the audit log"},
    };
    return routes;
}

std::vector<std::pair<std::string, std::string>> Service::routes()
{
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto &r : table())
        out.emplace_back(r.method, r.pattern);
    return out;
}

namespace {

bool knownMethod(const std::string &m)
{
    return m == "GET" || m == "HEAD" || m == "POST" || m == "PUT" || m == "PATCH" || m == "DELETE" || m == "OPTIONS";
}

// Whether a path's segments fit a pattern's; the {names} are collected into params.
bool matches(const std::vector<std::string> &pattern, const std::vector<std::string> &path, std::map<std::string, std::string> *params)
{
    if (pattern.size() != path.size())
        return false;
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        const auto &p = pattern[i];
        const bool name = p.size() > 2 && p.front() == '{' && p.back() == '}';
        if (!name && p != path[i])
            return false;
        if (name && path[i].empty())
            return false;
        if (name && params)
            (*params)[p.substr(1, p.size() - 2)] = path[i];
    }
    return true;
}

// The routes of the first pattern the path fits (a literal before a {name}), or none.
std::vector<const Service::Route *> routesFor(const std::vector<Service::Route> &table, const std::string &path)
{
    const auto segments = splitPath(path);
    std::vector<const Service::Route *> out;
    for (const auto &r : table) {
        if (!out.empty()) {
            if (std::string(r.pattern) == out.front()->pattern)
                out.push_back(&r);
            continue;
        }
        if (matches(splitPath(r.pattern), segments, nullptr))
            out.push_back(&r);
    }
    return out;
}

// Everything under /api/v1/ but sign-in needs a session, known path or not.
bool signInNeeded(const std::vector<const Service::Route *> &candidates, const std::string &path)
{
    if (candidates.empty())
        return path.rfind("/api/v1/", 0) == 0;
    return candidates.front()->access != Access::Public;
}

} // namespace

Lane Service::lane(const HttpRequest &head)
{
    for (const Route *r : routesFor(table(), head.path))
        if (r->method == head.method)
            return r->lane;
    return Lane::Io;
}

std::optional<HttpResponse> Service::gate(const HttpRequest &head)
{
    if (!knownMethod(head.method))
        return errorResponse(501, "not_implemented", "the method " + head.method.substr(0, 20) + " is not implemented");
    // Public routes (and unknown paths outside the API) are answered by dispatch() after their
    // small body.
    if (!signInNeeded(routesFor(table(), head.path), head.path))
        return std::nullopt;
    HttpResponse error;
    if (!authenticate(head, error))
        return error;
    return std::nullopt;
}

HttpResponse Service::dispatch(Context &c)
{
    const auto &m = c.req.method;
    if (!knownMethod(m))
        return errorResponse(501, "not_implemented", "the method " + m.substr(0, 20) + " is not implemented");
    const auto candidates = routesFor(table(), c.req.path);
    // Who is asking comes before what they ask for: a stranger learns nothing about the API's
    // paths and methods.
    if (signInNeeded(candidates, c.req.path)) {
        HttpResponse error;
        c.user = authenticate(c.req, error);
        if (!c.user)
            return error;
    }
    if (candidates.empty()) {
        if (auto page = m_web.serve(c.req))
            return *page;
        return errorResponse(404, "not_found", "no such resource: " + c.req.path);
    }
    const Route *route = nullptr;
    std::string allow;
    for (const Route *r : candidates) {
        allow += (allow.empty() ? "" : ", ") + std::string(r->method) + (std::string(r->method) == "GET" ? ", HEAD" : "");
        if (r->method == m)
            route = r;
    }
    if (!route) {
        auto r = errorResponse(405, "method_not_allowed", m + " is not supported on " + c.req.path + "; use " + allow);
        r.headers.emplace_back("Allow", allow);
        return r;
    }
    matches(splitPath(route->pattern), splitPath(c.req.path), &c.params);
    // A name in the path that is not text (bad UTF-8, a NUL) names nothing, on either backend.
    for (const auto &[name, value] : c.params)
        if (!validUtf8(value) || value.find('\0') != std::string::npos)
            return errorResponse(404, "not_found", "no such resource: the path's " + name + " is not valid UTF-8 text");
    if (auto sha = c.params.find("sha256"); sha != c.params.end() && !BlobStore::validName(sha->second))
        return errorResponse(400, "invalid_request", "a blob is named by its SHA-256 in 64 lower-case hex digits");
    auto forbidden = [&](const std::string &why) { return errorResponse(403, "forbidden", why); };
    switch (route->access) {
    case Access::Public:
    case Access::SignedIn:
        break;
    case Access::Supervisor:
        if (!supervisorLike(*c.user))
            return forbidden(route->refusal);
        break;
    case Access::Admin:
        if (c.user->role != Role::Admin)
            return forbidden(route->refusal);
        break;
    case Access::Team: {
        const std::string &id = c.param("id");
        auto rec = m_store.inspection(id);
        if (!rec)
            return failure(rec.error());
        if (!rec.value())
            return errorResponse(404, "not_found", "no inspection \"" + id + "\"");
        if (!rec.value()->member(c.user->username) && !supervisorLike(*c.user))
            return forbidden("inspection \"" + id + "\" is not assigned to you");
        c.inspection = std::move(*rec.value());
        break;
    }
    }
    return (this->*route->handler)(c);
}

Result<void> Service::init()
{
    m_blobs.setQuota(m_config.maxPartialBytesPerUser);
    if (m_config.objectStore)
        m_blobs.setRemote(m_config.objectStore, [this](const std::string &sha) -> std::optional<std::int64_t> {
            auto b = m_store.blob(sha);
            if (!b || !b.value())
                return std::nullopt;
            return b.value()->size;
        });
    auto r = m_blobs.init();
    if (r)
        m_blobs.expire(m_config.partialExpirySeconds);
    return r;
}

std::size_t Service::bodyLimit(const std::string &method, const std::string &target) const
{
    if (method == "PUT" && target.rfind("/api/v1/blobs/", 0) == 0)
        return m_config.maxChunkBytes;
    return m_config.maxBodyBytes;
}

HttpResponse Service::handle(const HttpRequest &req)
{
    const auto start = std::chrono::steady_clock::now();
    ++m_requests;
    HttpResponse res;
    std::string detail;
    try {
        Context c {req, std::nullopt, nowMillis(), {}, std::nullopt};
        res = dispatch(c);
    } catch (const std::exception &e) {
        // The core does not throw; anything here is a bug, reported without taking the server down.
        res = errorResponse(500, "internal", "internal error");
        detail = e.what();
    }
    if (res.status >= 500 && res.status != 503) {
        // What went wrong inside (a database message, an exception) goes to the log under a request
        // id; the client gets the id and "internal error", never the internal text.
        const std::string id = m_instance + "-" + std::to_string(++m_nextRequest);
        if (detail.empty()) {
            const auto doc = nlohmann::json::parse(res.body, nullptr, false);
            detail
                = doc.is_object() && doc.contains("error") && doc["error"].is_object() ? doc["error"].value("message", res.body) : res.body;
        }
        if (m_logger)
            m_logger(nlohmann::json {{"event", "internal_error"}, {"request_id", id}, {"method", req.method}, {"path", req.path},
                {"status", res.status}, {"detail", detail}}
                         .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
        res = jsonResponse(res.status, {{"error", {{"code", "internal"}, {"message", "internal error"}, {"request_id", id}}}});
        res.headers.emplace_back("X-Request-Id", id);
    }
    if (res.status >= 500)
        ++m_errors5xx;
    else if (res.status >= 400)
        ++m_errors4xx;
    m_requestMicros += static_cast<std::uint64_t>(
        std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - start).count());
    return res;
}

std::optional<User> Service::authenticate(const HttpRequest &req, HttpResponse &error)
{
    const std::string auth = req.header("authorization");
    // The scheme is case-insensitive (RFC 9110): "bearer", "Bearer" and "BEARER" alike.
    auto isBearer = [](const std::string &a) {
        static const char kScheme[] = "bearer ";
        if (a.size() < 8)
            return false;
        for (std::size_t i = 0; i < 7; ++i)
            if (std::tolower(static_cast<unsigned char>(a[i])) != kScheme[i])
                return false;
        return true;
    };
    if (!isBearer(auth)) {
        error = errorResponse(401, "unauthenticated", "sign in first (Authorization: Bearer <token>)");
        error.headers.emplace_back("WWW-Authenticate", "Bearer");
        return std::nullopt;
    }
    auto user = m_store.userForToken(sha256Hex(auth.substr(7)), nowMillis());
    if (!user) {
        error = failure(user.error());
        return std::nullopt;
    }
    if (!user.value()) {
        error = errorResponse(401, "unauthenticated", "the session has expired or was ended; sign in again");
        error.headers.emplace_back("WWW-Authenticate", "Bearer");
        return std::nullopt;
    }
    return user.value();
}

HttpResponse Service::health(Context &)
{
    return jsonResponse(200, {{"status", "ok"}, {"operations", m_store.operationCount()}});
}

HttpResponse Service::metrics(Context &)
{
    // Written with plain string appends (no iostreams in the server: their locale set-up alone was
    // ~0.6 MB of resident memory). A value prints as an iostream would: integers whole, %g otherwise.
    std::string out;
    auto number = [](auto value) {
        if constexpr (std::is_floating_point_v<decltype(value)>) {
            char b[32];
            std::snprintf(b, sizeof b, "%g", value);
            return std::string(b);
        } else {
            return std::to_string(value);
        }
    };
    auto metric = [&](const char *name, const char *type, const char *help, auto value) {
        out += std::string("# HELP ") + name + " " + help + "\n# TYPE " + name + " " + type + "\n" + name + " " + number(value) + "\n";
    };
    metric("careeval_requests_total", "counter", "HTTP requests handled.", m_requests.load());
    metric("careeval_request_errors_4xx_total", "counter", "Requests answered with a 4xx status.", m_errors4xx.load());
    metric("careeval_request_errors_5xx_total", "counter", "Requests answered with a 5xx status.", m_errors5xx.load());
    metric(
        "careeval_request_handler_seconds_total", "counter", "Time spent in handlers.", static_cast<double>(m_requestMicros.load()) / 1e6);
    metric("careeval_operations_accepted_total", "counter", "Pushed operations stored.", m_opsAccepted.load());
    metric("careeval_operations_already_had_total", "counter", "Pushed operations the server already had.", m_opsAlreadyHad.load());
    metric("careeval_operations_refused_total", "counter", "Pushed operations refused.", m_opsRefused.load());
    metric("careeval_operations_stored", "gauge", "Operations in the store.", m_store.operationCount());
    metric("careeval_push_transactions_total", "counter", "Transactions written for pushes (group commit).", m_store.pushGroups().first);
    metric("careeval_push_grouped_total", "counter", "Pushes those transactions carried.", m_store.pushGroups().second);
    metric("careeval_push_write_seconds_total", "counter", "Time the store spent writing push groups (one group at a time).",
        static_cast<double>(m_store.pushWriteMicros().first) / 1e6);
    metric("careeval_push_write_cpu_seconds_total", "counter", "CPU time the writing thread used for those groups.",
        static_cast<double>(m_store.pushWriteMicros().second) / 1e6);
    // Labelled by who made them; an embedded store's only (PostgreSQL checkpoints its own way).
    if (const auto [byThread, byWriter] = m_store.walCheckpoints(); !std::strcmp(m_store.backend(), "sqlite"))
        out += "# HELP careeval_wal_checkpoints_total Checkpoints of the embedded database's WAL that copied pages into it.\n"
               "# TYPE careeval_wal_checkpoints_total counter\n"
               "careeval_wal_checkpoints_total{by=\"thread\"} "
            + std::to_string(byThread) + "\ncareeval_wal_checkpoints_total{by=\"writer\"} " + std::to_string(byWriter) + "\n";
    metric("careeval_connections", "gauge", "Open connections.", m_connections ? m_connections() : 0);
    metric("careeval_blob_bytes_received_total", "counter", "Photo and signature bytes received.", m_blobBytes.load());
    metric("careeval_blobs_stored_total", "counter", "Blobs verified and stored.", m_blobsStored.load());
    metric(
        "careeval_blob_hash_mismatches_total", "counter", "Uploads whose bytes did not match their SHA-256.", m_blobHashMismatches.load());
    if (m_transport) {
        // One counter per reason, as a label: what the transport refused before any handler ran.
        const TransportStats t = m_transport();
        out += "# HELP careeval_transport_rejections_total Requests and connections refused or dropped before a handler ran.\n"
               "# TYPE careeval_transport_rejections_total counter\n";
        for (const auto &[reason, n] :
            {std::pair<const char *, std::uint64_t> {"too_large", t.tooLarge}, {"header_too_large", t.headerTooLarge},
                {"malformed", t.malformed}, {"busy", t.busy}, {"header_timeout", t.headerTimeouts}, {"unauthenticated", t.gated}})
            out += std::string("careeval_transport_rejections_total{reason=\"") + reason + "\"} " + std::to_string(n) + "\n";
    }
    HttpResponse r;
    r.contentType = "text/plain; version=0.0.4";
    r.body = std::move(out);
    return r;
}

Result<TemplateRecord> Service::addTemplate(const std::string &text, const std::string &byUser)
{
    auto t = parseTemplate(text);
    if (!t)
        return t.error();
    TemplateRecord rec {t->id, t->version, sha256Hex(text), text, nowMillis()};
    auto stored = m_store.putTemplate(rec);
    if (!stored)
        return makeError(
            ErrorCode::InvalidArgument, "template " + t->pin() + " already exists with other content; give the new one a new version");
    if (stored.value())
        (void)m_store.audit(byUser, "template_uploaded", t->pin(), rec.uploadedAt);
    return rec;
}

Result<std::shared_ptr<const Template>> Service::templateFor(const std::string &id, const std::string &version)
{
    const std::string pin = id + "@" + version;
    {
        std::lock_guard lock(m_cacheMutex);
        auto it = m_templates.find(pin);
        if (it != m_templates.end())
            return it->second;
    }
    auto rec = m_store.templateRecord(id, version);
    if (!rec)
        return rec.error();
    if (!rec.value())
        return makeError(ErrorCode::NotFound, "no template " + pin);
    auto t = parseTemplate(rec.value()->json);
    if (!t)
        return t.error();
    auto ptr = std::make_shared<const Template>(std::move(t.value()));
    std::lock_guard lock(m_cacheMutex);
    m_templates[pin] = ptr;
    return ptr;
}

} // namespace careeval::server
