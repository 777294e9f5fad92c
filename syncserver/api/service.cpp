#include "service.h"

#include "../storage/crypto.h"
#include "export.h"

#include <careeval/jsonutil.h>
#include <careeval/merge.h>
#include <careeval/report_json.h>
#include <careeval/sampling.h>
#include <careeval/scoring.h>

#include <algorithm>
#include <chrono>
#include <set>
#include <sstream>

namespace careeval::server {

namespace {

// A whole number as a client must write it: digits only (no sign, spaces, exponent or trailing text),
// at most 18 of them. "1000junk", "+1000", "1e400" and "5%00" are not whole numbers.
std::optional<std::int64_t> wholeNumber(const std::string &text)
{
    if (text.empty() || text.size() > 18)
        return std::nullopt;
    std::int64_t v = 0;
    for (char ch : text) {
        if (ch < '0' || ch > '9')
            return std::nullopt;
        v = v * 10 + (ch - '0');
    }
    return v;
}

} // namespace

namespace {

using nlohmann::json;

std::vector<std::string> splitPath(const std::string &path)
{
    std::vector<std::string> out;
    std::size_t start = 1;
    while (start <= path.size()) {
        const auto slash = path.find('/', start);
        out.push_back(path.substr(start, slash == std::string::npos ? std::string::npos : slash - start));
        if (slash == std::string::npos)
            break;
        start = slash + 1;
    }
    if (!out.empty() && out.back().empty())
        out.pop_back();
    return out;
}

bool supervisorLike(const User &u)
{
    return u.role == Role::Supervisor || u.role == Role::Admin;
}

json userJson(const User &u)
{
    return {{"username", u.username}, {"display_name", u.displayName}, {"role", std::string(toString(u.role))}, {"active", u.active}};
}

AssignmentSummary summaryOf(const InspectionRecord &r)
{
    AssignmentSummary a;
    a.id = r.id;
    a.institution = r.institution;
    a.templateId = r.templateId;
    a.templateVersion = r.templateVersion;
    a.status = r.status;
    a.plannedDate = r.plannedDate;
    a.createdAt = r.createdAt;
    for (const auto &m : r.team)
        a.team.push_back({m.username, m.role, {}});
    return a;
}

json inspectionJson(const InspectionRecord &r)
{
    return toJson(summaryOf(r));
}

bool validName(const std::string &s, std::size_t max = 64)
{
    return !s.empty() && s.size() <= max && std::all_of(s.begin(), s.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-';
    });
}

// Reads typed fields from a request body, naming the field in the 400 it produces.
struct Fields {
    const json &o;
    std::string error;

    std::string str(const char *key, bool required, std::size_t max = 1000)
    {
        if (!error.empty())
            return {};
        auto it = o.find(key);
        if (it == o.end() || it->is_null()) {
            if (required)
                error = std::string("field \"") + key + "\" is required";
            return {};
        }
        if (!it->is_string()) {
            error = std::string("field \"") + key + "\" must be a string, not " + jsonTypeName(*it);
            return {};
        }
        const std::string v = it->get<std::string>();
        if (v.size() > max)
            error = std::string("field \"") + key + "\" is longer than " + std::to_string(max) + " characters";
        if (required && v.empty())
            error = std::string("field \"") + key + "\" must not be empty";
        return v;
    }
    std::int64_t integer(const char *key, bool required, std::int64_t min, std::int64_t max, std::int64_t fallback = 0)
    {
        if (!error.empty())
            return fallback;
        auto it = o.find(key);
        if (it == o.end() || it->is_null()) {
            if (required)
                error = std::string("field \"") + key + "\" is required";
            return fallback;
        }
        if (!it->is_number_integer() || it->get<std::int64_t>() < min || it->get<std::int64_t>() > max) {
            error = std::string("field \"") + key + "\" must be a whole number from " + std::to_string(min) + " to " + std::to_string(max);
            return fallback;
        }
        return it->get<std::int64_t>();
    }
    std::vector<std::string> strings(const char *key, bool required)
    {
        std::vector<std::string> out;
        if (!error.empty())
            return out;
        auto it = o.find(key);
        if (it == o.end() || it->is_null()) {
            if (required)
                error = std::string("field \"") + key + "\" is required";
            return out;
        }
        if (!it->is_array()) {
            error = std::string("field \"") + key + "\" must be a list of strings";
            return out;
        }
        for (const auto &e : *it) {
            if (!e.is_string()) {
                error = std::string("field \"") + key + "\" must be a list of strings";
                return {};
            }
            out.push_back(e.get<std::string>());
        }
        return out;
    }
};

} // namespace

struct Service::Context {
    const HttpRequest &req;
    std::vector<std::string> seg;
    std::optional<User> user;
    std::int64_t now = nowMillis();

    // Parses the body as a JSON object, or sets a 400 naming what is wrong.
    std::optional<json> body(HttpResponse &error) const
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
};

Service::Service(ServerStore &store, ServiceConfig config)
    : m_store(store)
    , m_config(std::move(config))
    , m_blobs(m_config.dataDir)
    , m_instance(randomHex(3))
{
}

namespace {

bool knownMethod(const std::string &m)
{
    return m == "GET" || m == "HEAD" || m == "POST" || m == "PUT" || m == "PATCH" || m == "DELETE" || m == "OPTIONS";
}

// The address of a remote "host:port" (IPv6 "[::1]:port" or "::1:port" as Asio writes it).
std::string addressOf(const std::string &remote)
{
    const auto colon = remote.rfind(':');
    return colon == std::string::npos ? remote : remote.substr(0, colon);
}

} // namespace

bool Service::slow(const HttpRequest &head)
{
    return (head.method == "POST" && (head.path == "/api/v1/auth/login" || head.path == "/api/v1/users"))
        || (head.method == "PATCH" && head.path.rfind("/api/v1/users/", 0) == 0);
}

std::optional<HttpResponse> Service::gate(const HttpRequest &head)
{
    if (!knownMethod(head.method))
        return errorResponse(501, "not_implemented", "the method " + head.method.substr(0, 20) + " is not implemented");
    if (head.path.rfind("/api/v1/", 0) != 0 || head.path == "/api/v1/auth/login")
        return std::nullopt;
    HttpResponse error;
    if (!authenticate(head, error))
        return error;
    return std::nullopt;
}

Result<void> Service::init()
{
    m_blobs.setQuota(m_config.maxPartialBytesPerUser);
    auto r = m_blobs.init();
    if (r)
        m_blobs.expire(m_config.partialExpirySeconds);
    return r;
}

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
        Context c {req, splitPath(req.path), std::nullopt};
        res = route(c);
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
        error = errorResponse(500, "storage", user.error().message);
        return std::nullopt;
    }
    if (!user.value()) {
        error = errorResponse(401, "unauthenticated", "the session has expired or was ended; sign in again");
        error.headers.emplace_back("WWW-Authenticate", "Bearer");
        return std::nullopt;
    }
    return user.value();
}

HttpResponse Service::route(Context &c)
{
    const auto &m = c.req.method;
    const auto &s = c.seg;
    if (!knownMethod(m))
        return errorResponse(501, "not_implemented", "the method " + m.substr(0, 20) + " is not implemented");
    if (s.size() == 1 && (s[0] == "healthz" || s[0] == "metrics")) {
        if (m != "GET") {
            auto r = errorResponse(405, "method_not_allowed", "use GET on /" + s[0]);
            r.headers.emplace_back("Allow", "GET, HEAD");
            return r;
        }
        return s[0] == "healthz" ? health() : metrics();
    }
    if (s.size() < 2 || s[0] != "api" || s[1] != "v1")
        return errorResponse(404, "not_found", "no such resource: " + c.req.path);
    const std::vector<std::string> r(s.begin() + 2, s.end());
    if (r.size() == 2 && r[0] == "auth" && r[1] == "login") {
        if (m != "POST")
            return errorResponse(405, "method_not_allowed", "use POST to sign in");
        return login(c);
    }

    HttpResponse error;
    c.user = authenticate(c.req, error);
    if (!c.user)
        return error;
    auto methodNotAllowed = [&] { return errorResponse(405, "method_not_allowed", m + " is not supported on " + c.req.path); };
    auto forbidden = [&](const std::string &why) { return errorResponse(403, "forbidden", why); };
    const bool admin = c.user->role == Role::Admin;

    if (r.size() == 2 && r[0] == "auth" && r[1] == "logout")
        return m == "POST" ? logout(c) : methodNotAllowed();
    if (r.size() == 1 && r[0] == "me")
        return m == "GET" ? me(c) : methodNotAllowed();
    if (r.size() >= 1 && r[0] == "users") {
        if (!admin)
            return forbidden("only an administrator manages users");
        if (r.size() == 1)
            return m == "GET" ? listUsers(c) : m == "POST" ? createUser(c) : methodNotAllowed();
        if (r.size() == 2)
            return m == "PATCH" ? updateUser(c, r[1]) : methodNotAllowed();
    }
    if (r.size() == 1 && r[0] == "institutions") {
        if (m == "GET")
            return supervisorLike(*c.user) ? listInstitutions(c) : forbidden("only supervisors and administrators see the registry");
        if (m == "POST")
            return admin ? putInstitution(c) : forbidden("only an administrator edits the registry");
        return methodNotAllowed();
    }
    if (r.size() >= 1 && r[0] == "templates") {
        if (r.size() == 1)
            return m == "GET" ? listTemplates(c)
                : m == "POST" ? (admin ? uploadTemplate(c) : forbidden("only an administrator uploads templates"))
                              : methodNotAllowed();
        if (r.size() == 3)
            return m == "GET" ? getTemplate(c, r[1], r[2]) : methodNotAllowed();
    }
    if (r.size() == 1 && r[0] == "exports") {
        if (!supervisorLike(*c.user))
            return forbidden("only supervisors and administrators export across inspections");
        return m == "GET" ? exportPeriod(c) : methodNotAllowed();
    }
    if (r.size() >= 2 && r[0] == "blobs") {
        if (r.size() == 2 && r[1] == "missing")
            return m == "POST" ? missingBlobs(c) : methodNotAllowed();
        if (!BlobStore::validName(r[1]))
            return errorResponse(400, "invalid_request", "a blob is named by its SHA-256 in 64 lower-case hex digits");
        if (r.size() == 3 && r[2] == "upload")
            return m == "GET" ? uploadStatus(c, r[1]) : methodNotAllowed();
        if (r.size() == 2)
            return m == "PUT" ? putChunk(c, r[1]) : m == "GET" ? getBlob(c, r[1]) : methodNotAllowed();
    }
    if (r.size() >= 1 && r[0] == "draws") {
        if (!supervisorLike(*c.user))
            return forbidden("only supervisors and administrators make or read draws");
        if (r.size() == 1)
            return m == "POST" ? (admin ? createDraw(c) : forbidden("only an administrator makes a draw")) : methodNotAllowed();
        if (r.size() == 2)
            return m == "GET" ? getDraw(c, r[1]) : methodNotAllowed();
    }
    if (r.size() >= 1 && r[0] == "inspections") {
        if (r.size() == 1)
            return m == "GET" ? listInspections(c)
                : m == "POST" ? (admin ? createInspection(c) : forbidden("only an administrator creates inspections"))
                              : methodNotAllowed();
        auto rec = m_store.inspection(r[1]);
        if (!rec)
            return errorResponse(500, "storage", rec.error().message);
        if (!rec.value())
            return errorResponse(404, "not_found", "no inspection \"" + r[1] + "\"");
        const InspectionRecord &insp = *rec.value();
        if (!insp.member(c.user->username) && !supervisorLike(*c.user))
            return forbidden("inspection \"" + insp.id + "\" is not assigned to you");
        if (r.size() == 2)
            return m == "GET" ? getInspection(c, insp) : methodNotAllowed();
        if (r.size() == 3 && r[2] == "ops")
            return m == "GET" ? pullOps(c, insp) : m == "POST" ? pushOps(c, insp) : methodNotAllowed();
        if (r.size() == 3 && r[2] == "state")
            return m == "GET" ? teamState(c, insp) : methodNotAllowed();
        if (r.size() == 3 && r[2] == "review")
            return m == "POST" ? review(c, insp) : methodNotAllowed();
        if (r.size() == 3 && r[2] == "export")
            return m == "GET" ? exportOne(c, insp) : methodNotAllowed();
    }
    return errorResponse(404, "not_found", "no such resource: " + c.req.path);
}

HttpResponse Service::health()
{
    return jsonResponse(200, {{"status", "ok"}, {"operations", m_store.operationCount()}});
}

HttpResponse Service::metrics()
{
    std::ostringstream out;
    auto metric = [&](const char *name, const char *type, const char *help, auto value) {
        out << "# HELP " << name << " " << help << "\n# TYPE " << name << " " << type << "\n" << name << " " << value << "\n";
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
    metric("careeval_connections", "gauge", "Open connections.", m_connections ? m_connections() : 0);
    metric("careeval_blob_bytes_received_total", "counter", "Photo and signature bytes received.", m_blobBytes.load());
    metric("careeval_blobs_stored_total", "counter", "Blobs verified and stored.", m_blobsStored.load());
    metric(
        "careeval_blob_hash_mismatches_total", "counter", "Uploads whose bytes did not match their SHA-256.", m_blobHashMismatches.load());
    if (m_transport) {
        // One counter per reason, as a label: what the transport refused before any handler ran.
        const TransportStats t = m_transport();
        out << "# HELP careeval_transport_rejections_total Requests and connections refused or dropped before a handler ran.\n"
               "# TYPE careeval_transport_rejections_total counter\n";
        for (const auto &[reason, n] :
            {std::pair<const char *, std::uint64_t> {"too_large", t.tooLarge}, {"header_too_large", t.headerTooLarge},
                {"malformed", t.malformed}, {"busy", t.busy}, {"header_timeout", t.headerTimeouts}, {"unauthenticated", t.gated}})
            out << "careeval_transport_rejections_total{reason=\"" << reason << "\"} " << n << "\n";
    }
    HttpResponse r;
    r.contentType = "text/plain; version=0.0.4";
    r.body = out.str();
    return r;
}

HttpResponse Service::login(Context &c)
{
    HttpResponse error;
    auto body = c.body(error);
    if (!body)
        return error;
    Fields f {*body, {}};
    const std::string username = f.str("username", true, 64), password = f.str("password", true, 256);
    if (!f.error.empty())
        return errorResponse(400, "invalid_request", f.error);
    // Throttled per (name, address) — the right password from another address still works, so
    // nobody can lock an account out from afar — and per address across names (password spraying).
    // Counted under one lock, before the hash is checked: parallel tries cannot exceed the count.
    const std::string address = addressOf(c.req.remote);
    auto refuse = [&](std::int64_t until, const std::string &why) {
        const std::int64_t seconds = std::max<std::int64_t>(1, (until - c.now + 999) / 1000);
        auto r = errorResponse(429, "too_many_attempts", why + "; try again in " + std::to_string(seconds) + " s");
        r.headers.emplace_back("Retry-After", std::to_string(seconds));
        return r;
    };
    {
        std::lock_guard lock(m_throttleMutex);
        auto window = [&](Throttle &t) {
            if (c.now - t.windowStart > m_config.failureWindowMs && c.now >= t.blockedUntil)
                t = {0, c.now, 0};
        };
        Throttle &pair = m_byNameAddress[{username, address}];
        Throttle &addr = m_byAddress[address];
        window(pair);
        window(addr);
        if (pair.failures >= m_config.maxLoginFailures && c.now < pair.blockedUntil)
            return refuse(pair.blockedUntil, "too many failed sign-ins for \"" + username + "\" from this address");
        if (addr.failures >= m_config.maxFailuresPerAddress && c.now < addr.blockedUntil)
            return refuse(addr.blockedUntil, "too many failed sign-ins from this address");
        // This try is reserved (counted as a failure until the password proves right), so tries in
        // parallel cannot get past the limit; from the limit on, each try waits longer: 2 s, 4 s, 8 s …
        // up to the window.
        auto reserve = [&](Throttle &t, int limit) {
            if (++t.failures >= limit)
                t.blockedUntil = c.now + std::min<std::int64_t>(m_config.failureWindowMs, 2000LL << std::min(t.failures - limit, 20));
        };
        reserve(pair, m_config.maxLoginFailures);
        reserve(addr, m_config.maxFailuresPerAddress);
        // Bound the memory an attacker can make us keep: forget stale entries now and then.
        if (m_byNameAddress.size() > 100000)
            std::erase_if(m_byNameAddress, [&](const auto &e) { return c.now - e.second.windowStart > m_config.failureWindowMs; });
        if (m_byAddress.size() > 100000)
            std::erase_if(m_byAddress, [&](const auto &e) { return c.now - e.second.windowStart > m_config.failureWindowMs; });
    }
    auto user = m_store.userWithHash(username);
    if (!user)
        return errorResponse(500, "storage", user.error().message);
    // The hash is checked even for unknown names, so timing does not tell which names exist.
    static const std::string dummy = hashPassword("careeval-dummy-password");
    const bool ok = verifyPassword(user.value() ? user.value()->second : dummy, password) && user.value() && user.value()->first.active;
    if (!ok) {
        (void)m_store.recordFailure(username, c.now);
        (void)m_store.audit(username, "login_failed", c.req.remote, c.now);
        return errorResponse(401, "wrong_credentials", "wrong username or password");
    }
    {
        // The reserved try was a success: this pair starts afresh; the address keeps its count.
        std::lock_guard lock(m_throttleMutex);
        m_byNameAddress.erase({username, address});
        auto &addr = m_byAddress[address];
        addr.failures = std::max(0, addr.failures - 1);
        if (addr.failures < m_config.maxFailuresPerAddress)
            addr.blockedUntil = 0;
    }
    const std::string token = randomHex(32);
    const std::int64_t expires = c.now + m_config.tokenLifetimeMs;
    if (auto r = m_store.saveToken(sha256Hex(token), username, expires); !r)
        return errorResponse(500, "storage", r.error().message);
    (void)m_store.audit(username, "login", c.req.remote, c.now);
    auto r = jsonResponse(200, {{"token", token}, {"expires_at", expires}, {"user", userJson(user.value()->first)}});
    r.headers.emplace_back("Cache-Control", "no-store"); // a token is never kept by a cache
    r.headers.emplace_back("Pragma", "no-cache");
    return r;
}

HttpResponse Service::logout(Context &c)
{
    const std::string auth = c.req.header("authorization");
    if (auto r = m_store.deleteToken(sha256Hex(auth.substr(7))); !r)
        return errorResponse(500, "storage", r.error().message);
    (void)m_store.audit(c.user->username, "logout", {}, c.now);
    return jsonResponse(200, {{"signed_out", true}});
}

HttpResponse Service::me(Context &c)
{
    return jsonResponse(200, userJson(*c.user));
}

HttpResponse Service::listUsers(Context &)
{
    auto users = m_store.users();
    if (!users)
        return errorResponse(500, "storage", users.error().message);
    json out = json::array();
    for (const auto &u : users.value())
        out.push_back(userJson(u));
    return jsonResponse(200, {{"users", out}});
}

HttpResponse Service::createUser(Context &c)
{
    HttpResponse error;
    auto body = c.body(error);
    if (!body)
        return error;
    Fields f {*body, {}};
    User u;
    u.username = f.str("username", true, 64);
    u.displayName = f.str("display_name", true, 100);
    const std::string role = f.str("role", true, 20), password = f.str("password", true, 256);
    if (!f.error.empty())
        return errorResponse(400, "invalid_request", f.error);
    if (!validName(u.username))
        return errorResponse(400, "invalid_request", "field \"username\": letters, digits, '.', '_' and '-' only");
    auto r = roleFromString(role);
    if (!r)
        return errorResponse(400, "invalid_request", "field \"role\" must be evaluator, lead, supervisor or admin");
    if (password.size() < 8)
        return errorResponse(400, "invalid_request", "field \"password\" must have at least 8 characters");
    u.role = *r;
    auto existing = m_store.userWithHash(u.username);
    if (existing && existing.value())
        return errorResponse(409, "conflict", "user \"" + u.username + "\" already exists");
    if (auto res = m_store.createUser(u, hashPassword(password)); !res)
        return errorResponse(500, "storage", res.error().message);
    (void)m_store.audit(c.user->username, "user_created", u.username + " as " + role, c.now);
    return jsonResponse(201, userJson(u));
}

HttpResponse Service::updateUser(Context &c, const std::string &username)
{
    HttpResponse error;
    auto body = c.body(error);
    if (!body)
        return error;
    auto existing = m_store.userWithHash(username);
    if (!existing)
        return errorResponse(500, "storage", existing.error().message);
    if (!existing.value())
        return errorResponse(404, "not_found", "no user \"" + username + "\"");
    User u = existing.value()->first;
    Fields f {*body, {}};
    if (body->contains("display_name"))
        u.displayName = f.str("display_name", true, 100);
    if (body->contains("role")) {
        auto r = roleFromString(f.str("role", true, 20));
        if (!r && f.error.empty())
            f.error = "field \"role\" must be evaluator, lead, supervisor or admin";
        if (r)
            u.role = *r;
    }
    if (body->contains("active")) {
        if (!(*body)["active"].is_boolean())
            f.error = "field \"active\" must be true or false";
        else
            u.active = (*body)["active"].get<bool>();
    }
    std::string hash;
    if (body->contains("password")) {
        const std::string pw = f.str("password", true, 256);
        if (f.error.empty() && pw.size() < 8)
            f.error = "field \"password\" must have at least 8 characters";
        hash = hashPassword(pw);
    }
    if (!f.error.empty())
        return errorResponse(400, "invalid_request", f.error);
    // There is always an active administrator: the last one can be neither demoted nor deactivated
    // (by itself or anyone). Checked and written under one lock.
    std::lock_guard adminLock(m_adminMutex);
    const User &before = existing.value()->first;
    if (before.role == Role::Admin && before.active && (u.role != Role::Admin || !u.active)) {
        auto users = m_store.users();
        if (!users)
            return errorResponse(500, "storage", users.error().message);
        const auto admins = std::count_if(users->begin(), users->end(), [](const User &x) { return x.role == Role::Admin && x.active; });
        if (admins <= 1)
            return errorResponse(
                409, "last_admin", "\"" + username + "\" is the last active administrator: make another administrator first");
    }
    if (auto r = m_store.updateUser(u, hash); !r)
        return errorResponse(500, "storage", r.error().message);
    (void)m_store.audit(c.user->username, "user_updated", username, c.now);
    return jsonResponse(200, userJson(u));
}

HttpResponse Service::listInstitutions(Context &)
{
    auto list = m_store.institutions();
    if (!list)
        return errorResponse(500, "storage", list.error().message);
    json out = json::array();
    for (const auto &i : list.value())
        out.push_back({{"id", i.id}, {"name", i.name}, {"region", i.region}, {"address", i.address}, {"beds", i.beds},
            {"linked_inspectors", i.linkedInspectors}});
    return jsonResponse(200, {{"institutions", out}});
}

HttpResponse Service::putInstitution(Context &c)
{
    HttpResponse error;
    auto body = c.body(error);
    if (!body)
        return error;
    Fields f {*body, {}};
    Institution i;
    i.id = f.str("id", true, 64);
    i.name = f.str("name", true, 200);
    i.region = f.str("region", false, 100);
    i.address = f.str("address", false, 300);
    i.beds = static_cast<int>(f.integer("beds", false, 0, 100000));
    i.linkedInspectors = f.strings("linked_inspectors", false);
    if (!f.error.empty())
        return errorResponse(400, "invalid_request", f.error);
    if (!validName(i.id))
        return errorResponse(400, "invalid_request", "field \"id\": letters, digits, '.', '_' and '-' only");
    if (auto r = m_store.putInstitution(i); !r)
        return errorResponse(500, "storage", r.error().message);
    (void)m_store.audit(c.user->username, "institution_saved", i.id, c.now);
    return jsonResponse(200, {{"id", i.id}, {"name", i.name}});
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

HttpResponse Service::listTemplates(Context &)
{
    auto list = m_store.templates();
    if (!list)
        return errorResponse(500, "storage", list.error().message);
    json out = json::array();
    for (const auto &t : list.value()) {
        json item {{"id", t.id}, {"version", t.version}, {"sha256", t.sha256}, {"uploaded_at", t.uploadedAt}};
        if (auto tpl = templateFor(t.id, t.version))
            item["title"] = {{"zh", tpl.value()->title.zh}, {"en", tpl.value()->title.en}};
        out.push_back(std::move(item));
    }
    return jsonResponse(200, {{"templates", out}});
}

HttpResponse Service::getTemplate(Context &c, const std::string &id, const std::string &version)
{
    auto rec = m_store.templateRecord(id, version);
    if (!rec)
        return errorResponse(500, "storage", rec.error().message);
    if (!rec.value())
        return errorResponse(404, "not_found", "no template " + id + "@" + version);
    const std::string etag = "\"" + rec.value()->sha256 + "\"";
    if (c.req.header("if-none-match") == etag) {
        HttpResponse r;
        r.status = 304;
        r.headers.emplace_back("ETag", etag);
        return r;
    }
    HttpResponse r;
    r.body = rec.value()->json;
    r.headers.emplace_back("ETag", etag);
    r.headers.emplace_back("Cache-Control", "private, max-age=0, must-revalidate");
    return r;
}

HttpResponse Service::uploadTemplate(Context &c)
{
    auto rec = addTemplate(c.req.body, c.user->username);
    if (!rec) {
        if (rec.error().code == ErrorCode::InvalidArgument)
            return errorResponse(409, "conflict", rec.error().message);
        return jsonResponse(400, {{"error", {{"code", "invalid_template"}, {"message", rec.error().message}}}});
    }
    return jsonResponse(201, {{"id", rec->id}, {"version", rec->version}, {"sha256", rec->sha256}});
}

HttpResponse Service::listInspections(Context &c)
{
    auto list = m_store.inspections(supervisorLike(*c.user) ? std::string() : c.user->username);
    if (!list)
        return errorResponse(500, "storage", list.error().message);
    // Tablets show institutions by name and beds (the sample of residents can be drawn from beds).
    std::map<std::string, Institution> institutions;
    if (auto all = m_store.institutions())
        for (auto &i : all.value())
            institutions.emplace(i.id, std::move(i));
    // Team members by name as well as login, so the tablet can show "王芳", not "wang.fang".
    std::map<std::string, std::string> names;
    if (auto users = m_store.users())
        for (const auto &u : users.value())
            names.emplace(u.username, u.displayName);
    json out = json::array();
    for (const auto &r : list.value()) {
        AssignmentSummary a = summaryOf(r);
        if (auto it = institutions.find(r.institution); it != institutions.end()) {
            a.institutionName = it->second.name;
            a.institutionBeds = it->second.beds;
        }
        for (auto &m : a.team)
            if (auto n = names.find(m.username); n != names.end())
                m.displayName = n->second;
        if (const Member *m = r.member(c.user->username))
            a.myRole = m->role;
        out.push_back(toJson(a));
    }
    // Tablets refresh their assignments often and offline-first: an ETag lets them skip unchanged lists.
    HttpResponse res = jsonResponse(200, {{"inspections", out}});
    const std::string etag = "\"" + sha256Hex(res.body).substr(0, 32) + "\"";
    if (c.req.header("if-none-match") == etag) {
        res.status = 304;
        res.body.clear();
    }
    res.headers.emplace_back("ETag", etag);
    return res;
}

HttpResponse Service::createInspection(Context &c)
{
    HttpResponse error;
    auto body = c.body(error);
    if (!body)
        return error;
    Fields f {*body, {}};
    InspectionRecord rec;
    rec.id = f.str("id", true, 64);
    rec.institution = f.str("institution", true, 64);
    rec.templateId = f.str("template_id", true, 64);
    rec.templateVersion = f.str("template_version", true, 32);
    rec.plannedDate = f.str("planned_date", false, 10);
    const std::string lead = f.str("lead", true, 64);
    const auto members = f.strings("members", false);
    if (!f.error.empty())
        return errorResponse(400, "invalid_request", f.error);
    if (!validName(rec.id))
        return errorResponse(400, "invalid_request", "field \"id\": letters, digits, '.', '_' and '-' only");
    auto inst = m_store.institution(rec.institution);
    if (!inst || !inst.value())
        return errorResponse(400, "invalid_request", "field \"institution\": no institution \"" + rec.institution + "\"");
    if (!templateFor(rec.templateId, rec.templateVersion))
        return errorResponse(400, "invalid_request",
            "fields \"template_id\"/\"template_version\": no template " + rec.templateId + "@" + rec.templateVersion);
    std::set<std::string> seen;
    for (const auto &name : std::vector<std::string> {lead}) {
        rec.team.push_back({name, Role::Lead});
        seen.insert(name);
    }
    for (const auto &m : members)
        if (seen.insert(m).second)
            rec.team.push_back({m, Role::Evaluator});
    for (const auto &m : rec.team) {
        auto u = m_store.userWithHash(m.username);
        if (!u || !u.value())
            return errorResponse(400, "invalid_request", "no user \"" + m.username + "\" for the team");
        const auto &links = inst.value()->linkedInspectors;
        if (std::find(links.begin(), links.end(), m.username) != links.end())
            return errorResponse(409, "conflict", m.username + " is linked to " + rec.institution + " and must not inspect it (回避)");
    }
    rec.createdAt = c.now;
    auto existing = m_store.inspection(rec.id);
    if (existing && existing.value())
        return errorResponse(409, "conflict", "inspection \"" + rec.id + "\" already exists");
    if (auto r = m_store.createInspection(rec); !r)
        return errorResponse(500, "storage", r.error().message);
    (void)m_store.audit(c.user->username, "inspection_created", rec.id, c.now);
    return jsonResponse(201, inspectionJson(rec));
}

HttpResponse Service::getInspection(Context &, const InspectionRecord &rec)
{
    return jsonResponse(200, inspectionJson(rec));
}

std::optional<Role> Service::roleIn(const InspectionRecord &rec, const User &user)
{
    if (const Member *m = rec.member(user.username))
        return m->role;
    if (supervisorLike(user))
        return user.role;
    return std::nullopt;
}

HttpResponse Service::pushOps(Context &c, const InspectionRecord &rec)
{
    HttpResponse error;
    auto body = c.body(error);
    if (!body)
        return error;
    auto request = pushRequestFromJson(*body, m_config.maxPushOperations);
    if (!request)
        return errorResponse(request.error().message.rfind("at most", 0) == 0 ? 413 : 400, "invalid_request", request.error().message);
    return push(c, rec, std::move(request.value()), {});
}

HttpResponse Service::push(Context &c, const InspectionRecord &rec, PushRequest request, const Minter &mint)
{
    auto tpl = templateFor(rec.templateId, rec.templateVersion);
    if (!tpl)
        return errorResponse(500, "template", tpl.error().message);
    // Operations that could not be read are refused alone; the rest go to the store's gate.
    std::vector<Operation> batch;
    std::vector<std::size_t> batchIndex;
    std::vector<PushResult> malformed;
    for (std::size_t i = 0; i < request.items.size(); ++i) {
        auto &item = request.items[i];
        if (item.op) {
            batch.push_back(std::move(*item.op));
            batchIndex.push_back(i);
        } else {
            malformed.push_back({item.id, i, PushStatus::Refused, item.error, RefusalCode::Malformed});
        }
    }
    const User user = *c.user;
    const Template &t = *tpl.value();

    auto decide
        = [&](const InspectionRecord &current, std::vector<Operation> &ops, std::vector<PushResult> &results, WorkflowStatus &status) {
              if (mint)
                  mint(current, ops);
              // Judged by the rule book's gate in the order every replica applies them, so a lock in this
              // batch refuses what follows it, and the clock bound grows as the batch is accepted.
              std::vector<std::size_t> order(ops.size());
              for (std::size_t i = 0; i < order.size(); ++i)
                  order[i] = i;
              std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return Operation::before(ops[a], ops[b]); });
              GateContext gate;
              gate.tpl = &t;
              gate.checkRoles = true;
              gate.role = roleIn(current, user);
              gate.maxClock = current.clocks.maxClock();
              for (std::size_t i : order) {
                  const Operation &op = ops[i];
                  if (results[i].status == PushStatus::AlreadyHad)
                      continue;
                  auto refuse = [&](Refusal r) {
                      results[i].status = PushStatus::Refused;
                      results[i].reason = std::move(r.reason);
                      results[i].code = r.code;
                  };
                  gate.status = status;
                  if (op.inspection != current.id)
                      refuse({RefusalCode::Malformed, "belongs to inspection \"" + op.inspection + "\", not \"" + current.id + "\""});
                  else if (op.author != user.username)
                      refuse({RefusalCode::Forbidden, "author \"" + op.author + "\" is not the signed-in user \"" + user.username + "\""});
                  else if (auto r = admit(op, gate))
                      refuse(std::move(*r));
                  else {
                      gate.maxClock = std::max(gate.maxClock, op.clock);
                      status = advance(status, op.kind).value();
                  }
              }
          };
    auto stored = m_store.push(rec.id, user.username, batch, decide, c.now);
    if (!stored)
        return errorResponse(500, "storage", stored.error().message);
    PushReply reply;
    reply.results.resize(request.items.size());
    for (auto &r : malformed)
        reply.results[r.index] = std::move(r);
    for (std::size_t k = 0; k < stored->size(); ++k) {
        PushResult r = std::move(stored.value()[k]);
        r.index = batchIndex[k];
        reply.results[r.index] = std::move(r);
    }
    reply.count();
    m_opsAccepted += reply.accepted;
    m_opsAlreadyHad += reply.alreadyHad;
    m_opsRefused += reply.refused;
    return jsonResponse(200, toJson(reply));
}

HttpResponse Service::pullOps(Context &c, const InspectionRecord &rec)
{
    std::int64_t after = 0, limit = 500;
    for (const auto &[name, out] : {std::pair<const char *, std::int64_t *> {"after", &after}, {"limit", &limit}})
        if (c.req.query.count(name)) {
            const auto v = wholeNumber(c.req.query.at(name));
            if (!v)
                return errorResponse(400, "invalid_request", "\"after\" and \"limit\" must be whole numbers");
            *out = *v;
        }
    if (after < 0 || limit < 1 || limit > static_cast<std::int64_t>(m_config.maxPullLimit))
        return errorResponse(
            400, "invalid_request", "\"after\" must be ≥ 0 and \"limit\" from 1 to " + std::to_string(m_config.maxPullLimit));
    auto page = m_store.operationsAfter(rec.id, after, static_cast<std::size_t>(limit));
    if (!page)
        return errorResponse(500, "storage", page.error().message);
    PullPage out;
    out.ops.reserve(page->ops.size());
    for (auto &s : page->ops)
        out.ops.push_back(std::move(s.op));
    out.next = page->next;
    out.more = page->more;
    out.status = rec.status;
    if (rec.member(c.user->username))
        (void)m_store.recordPull(rec.id, c.user->username, c.now);
    return jsonResponse(200, toJson(out));
}

HttpResponse Service::teamState(Context &, const InspectionRecord &rec)
{
    auto tpl = templateFor(rec.templateId, rec.templateVersion);
    if (!tpl)
        return errorResponse(500, "template", tpl.error().message);
    auto ops = m_store.operations(rec.id);
    if (!ops)
        return errorResponse(500, "storage", ops.error().message);
    MergeOptions opt;
    opt.tpl = tpl.value().get();
    for (const auto &m : rec.team)
        opt.roles[m.username] = m.role;
    if (auto users = m_store.users())
        for (const auto &u : users.value())
            if (supervisorLike(u))
                opt.roles[u.username] = u.role;
    const InspectionState st = merge(rec.id, ops.value(), opt);
    const ScoreReport rep = score(*tpl.value(), st);

    // What each member has delivered, and which photos and signatures have arrived.
    auto sync = m_store.memberSync(rec.id);
    TeamView view;
    for (const auto &m : rec.team) {
        MemberProgress p;
        p.username = m.username;
        p.role = m.role;
        if (auto a = st.authors.find(m.username); a != st.authors.end()) {
            p.operations = a->second.operations;
            p.lastChange = a->second.lastTime;
        }
        if (sync)
            for (const auto &s : sync.value())
                if (s.username == m.username) {
                    p.lastPush = s.lastPush;
                    p.lastPull = s.lastPull;
                    p.pushes = s.pushes;
                }
        for (int i = 0; i < 8; ++i)
            if (st.steps[i].owner == m.username)
                p.steps.push_back(i);
        if (p.pushes > 0)
            ++view.membersSynced;
        view.members.push_back(std::move(p));
    }
    std::set<std::string> expected;
    for (const auto &p : st.photos)
        expected.insert(p.sha256);
    for (const auto &[id, slot] : st.items) {
        const Item *item = tpl.value()->item(id);
        if (item && item->type == ItemType::Signature && slot.hasTeamValue()) {
            const json v = json::parse(slot.value, nullptr, false);
            if (v.is_object() && v.contains("sha256") && v["sha256"].is_string())
                expected.insert(v["sha256"].get<std::string>());
        }
    }
    view.photosExpected = expected.size();
    for (const auto &h : expected) {
        if (BlobStore::validName(h) && m_blobs.size(h))
            ++view.photosReceived;
        else
            view.photosMissing.push_back(h);
    }
    json out {{"inspection", inspectionJson(rec)}, {"state", stateToJson(st)}, {"score", reportToJson(rep, *tpl.value())}};
    addTeamView(out, view);
    return jsonResponse(200, out);
}

HttpResponse Service::review(Context &c, const InspectionRecord &rec)
{
    HttpResponse error;
    auto body = c.body(error);
    if (!body)
        return error;
    Fields f {*body, {}};
    const std::string action = f.str("action", true, 20), comment = f.str("comment", false, 4000);
    if (!f.error.empty())
        return errorResponse(400, "invalid_request", f.error);
    OpKind kind;
    if (action == "submit")
        kind = OpKind::Submit;
    else if (action == "approve")
        kind = OpKind::Approve;
    else if (action == "return")
        kind = OpKind::Return;
    else
        return errorResponse(400, "invalid_request", "field \"action\" must be submit, approve or return");
    if (kind == OpKind::Return && comment.empty())
        return errorResponse(400, "invalid_request", "field \"comment\" must say why the inspection is returned");
    // The rule book decides who may (403 here, before anything is written) …
    if (auto r = permission(kind, roleIn(rec, *c.user)))
        return errorResponse(403, "forbidden", r->reason);
    // … and the operation is made inside the push's transaction, so its clock follows everything
    // stored and its frontier covers exactly what the server had when it recorded the decision.
    Operation op;
    op.id = Uuid::generate();
    op.inspection = rec.id;
    op.author = c.user->username;
    op.device = "server";
    op.clock = 1;
    op.time = c.now;
    op.kind = kind;
    const std::string reviewComment = comment;
    auto mint = [reviewComment](const InspectionRecord &current, std::vector<Operation> &ops) {
        Operation &o = ops.front();
        o.clock = std::min(current.clocks.maxClock() + 1, limits::kMaxClock);
        json v = json::object();
        if (!reviewComment.empty())
            v["comment"] = reviewComment;
        v["frontier"] = toJson(current.clocks);
        o.value = canonicalJson(v);
    };
    PushRequest one;
    one.items.push_back({op, op.id, {}});
    HttpResponse r = push(c, rec, std::move(one), mint);
    if (r.status != 200)
        return r;
    const json res = json::parse(r.body);
    if (res["refused"].get<int>() > 0)
        return errorResponse(409, "conflict", res["results"][0]["reason"].get<std::string>());
    (void)m_store.audit(c.user->username, "review_" + action, rec.id + (comment.empty() ? "" : ": " + comment), c.now);
    auto updated = m_store.inspection(rec.id);
    const WorkflowStatus now = updated && updated.value() ? updated.value()->status : rec.status;
    return jsonResponse(200, {{"status", std::string(toString(now))}, {"op", op.id.toString()}});
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
            return errorResponse(500, "storage", v.error().message);
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
            missing.push_back({{"sha256", h}, {"received", m_blobs.received(h, c.user->username)}});
    }
    return jsonResponse(200, {{"missing", missing}});
}

HttpResponse Service::uploadStatus(Context &c, const std::string &sha)
{
    auto may = mayRead(*c.user, sha);
    if (!may)
        return errorResponse(500, "storage", may.error().message);
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

HttpResponse Service::putChunk(Context &c, const std::string &sha)
{
    std::int64_t offset = -1, total = -1;
    if (!chunkPosition(c.req, offset, total))
        return errorResponse(400, "invalid_request", "a chunk needs ?offset=N&total=T (whole numbers)");
    if (offset < 0 || total < 0)
        return errorResponse(400, "invalid_request", "\"offset\" and \"total\" must not be negative");
    const auto allowed = mayUpload(*c.user);
    if (!allowed)
        return errorResponse(500, "storage", allowed.error().message);
    if (!allowed.value())
        return errorResponse(403, "forbidden", "only members of an inspection upload its photos");
    const auto known = mayRead(*c.user, sha);
    if (!known)
        return errorResponse(500, "storage", known.error().message);
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

HttpResponse Service::getBlob(Context &c, const std::string &sha)
{
    const auto may = mayRead(*c.user, sha);
    if (!may)
        return errorResponse(500, "storage", may.error().message);
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
    // Sent from the file as it is read: a 64 MiB photo is never held whole in memory.
    HttpResponse r;
    r.status = partial ? 206 : 200;
    r.contentType = "application/octet-stream";
    r.file = HttpResponse::FileRange {m_blobs.pathOf(sha), from, to - from + 1};
    r.headers.emplace_back("ETag", "\"" + sha + "\"");
    r.headers.emplace_back("Accept-Ranges", "bytes");
    r.headers.emplace_back("Cache-Control", "private, max-age=31536000, immutable");
    if (partial)
        r.headers.emplace_back("Content-Range", "bytes " + std::to_string(from) + "-" + std::to_string(to) + "/" + std::to_string(*size));
    return r;
}

HttpResponse Service::exportOne(Context &c, const InspectionRecord &rec)
{
    return renderExport(c, {rec}, rec.id);
}

HttpResponse Service::exportPeriod(Context &c)
{
    auto q = [&](const char *k) { return c.req.query.count(k) ? c.req.query.at(k) : std::string(); };
    const std::string from = q("from"), to = q("to");
    // Real calendar dates only: nothing from the query reaches the file name (a header) unchecked.
    auto isDate = [](const std::string &d) { return d.empty() || daysSinceEpoch(d).has_value(); };
    if (!isDate(from) || !isDate(to))
        return errorResponse(400, "invalid_request", "\"from\" and \"to\" are dates like 2026-11-01");
    auto all = m_store.inspections();
    if (!all)
        return errorResponse(500, "storage", all.error().message);
    std::vector<InspectionRecord> chosen;
    for (const auto &r : all.value())
        if ((from.empty() || r.plannedDate >= from) && (to.empty() || r.plannedDate <= to))
            chosen.push_back(r);
    return renderExport(
        c, chosen, "careeval-" + (from.empty() ? std::string("start") : from) + "-" + (to.empty() ? std::string("now") : to));
}

HttpResponse Service::renderExport(Context &c, const std::vector<InspectionRecord> &records, const std::string &name)
{
    const std::string format = c.req.query.count("format") ? c.req.query.at("format") : "json";
    if (format != "json" && format != "csv" && format != "xlsx")
        return errorResponse(400, "invalid_request", "\"format\" must be json, csv or xlsx");
    std::vector<ExportInput> inputs;
    std::vector<std::shared_ptr<const Template>> keep;
    auto institutions = m_store.institutions();
    for (const auto &rec : records) {
        auto tpl = templateFor(rec.templateId, rec.templateVersion);
        auto ops = m_store.operations(rec.id);
        if (!tpl || !ops)
            return errorResponse(500, "storage", "cannot read inspection " + rec.id);
        keep.push_back(tpl.value());
        MergeOptions opt;
        opt.tpl = tpl.value().get();
        ExportInput in;
        in.inspection = rec.id;
        in.institution = rec.institution;
        in.plannedDate = rec.plannedDate;
        if (institutions)
            for (const auto &i : institutions.value())
                if (i.id == rec.institution)
                    in.institutionName = i.name;
        in.tpl = tpl.value().get();
        in.state = merge(rec.id, ops.value(), opt);
        in.report = score(*in.tpl, in.state);
        inputs.push_back(std::move(in));
    }
    const auto tables = exportTables(inputs);
    HttpResponse r;
    if (format == "json") {
        r = jsonResponse(200, tablesToJson(tables));
    } else if (format == "csv") {
        const std::string table = c.req.query.count("table") ? c.req.query.at("table") : "";
        const Table *t = nullptr;
        std::string names;
        for (const auto &x : tables) {
            names += (names.empty() ? "" : ", ") + x.name;
            if (x.name == table)
                t = &x;
        }
        if (!t)
            return errorResponse(400, "invalid_request", "CSV is one file per table: add ?table= one of " + names);
        r.contentType = "text/csv; charset=utf-8";
        r.body = tableToCsv(*t);
        r.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + name + "-" + table + ".csv\"");
    } else {
        auto bytes = tablesToXlsx(tables, m_config.dataDir);
        if (!bytes)
            return errorResponse(500, "export", bytes.error().message);
        r.contentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
        r.body = std::move(bytes.value());
        r.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + name + ".xlsx\"");
    }
    (void)m_store.audit(c.user->username, "export", name + " " + format, c.now);
    return r;
}

HttpResponse Service::createDraw(Context &c)
{
    HttpResponse error;
    auto body = c.body(error);
    if (!body)
        return error;
    Fields f {*body, {}};
    DrawInput in;
    in.seed = static_cast<std::uint64_t>(f.integer("seed", false, 0, (1LL << 53) - 1, static_cast<std::int64_t>(freshSeed())));
    in.k = static_cast<std::size_t>(f.integer("k", true, 1, 1000));
    in.teamSize = static_cast<std::size_t>(f.integer("team_size", true, 1, 10));
    in.institutions = f.strings("institutions", false);
    in.inspectors = f.strings("inspectors", false);
    if (!f.error.empty())
        return errorResponse(400, "invalid_request", f.error);
    auto all = m_store.institutions();
    if (!all)
        return errorResponse(500, "storage", all.error().message);
    if (in.institutions.empty())
        for (const auto &i : all.value())
            in.institutions.push_back(i.id);
    if (in.inspectors.empty())
        if (auto users = m_store.users())
            for (const auto &u : users.value())
                if (u.active && (u.role == Role::Evaluator || u.role == Role::Lead))
                    in.inspectors.push_back(u.username);
    std::sort(in.institutions.begin(), in.institutions.end());
    in.institutions.erase(std::unique(in.institutions.begin(), in.institutions.end()), in.institutions.end());
    std::sort(in.inspectors.begin(), in.inspectors.end());
    in.inspectors.erase(std::unique(in.inspectors.begin(), in.inspectors.end()), in.inspectors.end());
    for (const auto &i : all.value())
        for (const auto &who : i.linkedInspectors)
            in.links.emplace_back(i.id, who);
    std::sort(in.links.begin(), in.links.end());
    const DrawResult res = drawInspections(in);
    if (!res.problem.empty())
        return errorResponse(409, "conflict", res.problem);
    json assignments = json::array();
    for (const auto &a : res.assignments)
        assignments.push_back({{"institution", a.institution}, {"lead", a.team.front()}, {"team", a.team}});
    json links = json::array();
    for (const auto &[inst, who] : in.links)
        links.push_back({inst, who});
    json record {{"seed", in.seed}, {"k", in.k}, {"team_size", in.teamSize}, {"institutions", in.institutions},
        {"inspectors", in.inspectors}, {"links", links}, {"assignments", assignments}, {"by", c.user->username}, {"at", c.now}};
    auto id = m_store.saveDraw(c.user->username, record.dump(), c.now);
    if (!id)
        return errorResponse(500, "storage", id.error().message);
    record["id"] = id.value();
    (void)m_store.audit(c.user->username, "draw", std::to_string(id.value()) + " seed " + std::to_string(in.seed), c.now);
    return jsonResponse(201, record);
}

HttpResponse Service::getDraw(Context &, const std::string &id)
{
    std::int64_t n = 0;
    try {
        n = std::stoll(id);
    } catch (const std::exception &) {
        return errorResponse(404, "not_found", "no draw \"" + id + "\"");
    }
    auto text = m_store.draw(n);
    if (!text)
        return errorResponse(500, "storage", text.error().message);
    if (!text.value())
        return errorResponse(404, "not_found", "no draw " + id);
    json record = json::parse(*text.value());
    // Re-run from the stored seed and inputs: anyone can check the published result.
    DrawInput in;
    in.seed = record["seed"].get<std::uint64_t>();
    in.k = record["k"].get<std::size_t>();
    in.teamSize = record["team_size"].get<std::size_t>();
    in.institutions = record["institutions"].get<std::vector<std::string>>();
    in.inspectors = record["inspectors"].get<std::vector<std::string>>();
    for (const auto &l : record["links"])
        in.links.emplace_back(l[0].get<std::string>(), l[1].get<std::string>());
    const DrawResult again = drawInspections(in);
    json assignments = json::array();
    for (const auto &a : again.assignments)
        assignments.push_back({{"institution", a.institution}, {"lead", a.team.front()}, {"team", a.team}});
    record["id"] = n;
    record["reproduced"] = assignments == record["assignments"];
    return jsonResponse(200, record);
}

} // namespace careeval::server
