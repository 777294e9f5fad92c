#include "pg_store.h"

#include <careeval/jsonutil.h>

#include <libpq-fe.h>

#include <algorithm>
#include <cstdlib>
#include <functional>
#include <numeric>

namespace careeval::server {

namespace {

// The server's numbered migrations for PostgreSQL, tracked in server_schema. The first is the whole
// schema as SQLite reached it after its own migrations 1–6 (same tables, columns and indexes); the
// operation log is a table of its own here (on SQLite it belongs to the shared OpStore).
constexpr const char *kMigrations[] = {
    R"sql(
CREATE TABLE ops (seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, id TEXT NOT NULL UNIQUE, inspection TEXT NOT NULL,
                  author TEXT NOT NULL, device TEXT NOT NULL, clock BIGINT NOT NULL, "time" BIGINT NOT NULL, kind TEXT NOT NULL,
                  target TEXT NOT NULL, value TEXT NOT NULL);
CREATE INDEX ops_inspection ON ops (inspection, seq);
CREATE TABLE users (username TEXT PRIMARY KEY, display_name TEXT NOT NULL, role TEXT NOT NULL,
                    password_hash TEXT NOT NULL, active BOOLEAN NOT NULL DEFAULT TRUE, created_at BIGINT NOT NULL);
CREATE TABLE tokens (token_hash TEXT PRIMARY KEY, username TEXT NOT NULL REFERENCES users(username), expires_at BIGINT NOT NULL);
CREATE INDEX tokens_user ON tokens (username);
CREATE INDEX tokens_expiry ON tokens (expires_at);
CREATE TABLE login_failures (username TEXT NOT NULL, at BIGINT NOT NULL);
CREATE INDEX login_failures_user ON login_failures (username, at);
CREATE TABLE institutions (id TEXT PRIMARY KEY, name TEXT NOT NULL, region TEXT NOT NULL, address TEXT NOT NULL,
                           beds INTEGER NOT NULL, type TEXT NOT NULL DEFAULT '');
CREATE TABLE institution_links (institution TEXT NOT NULL REFERENCES institutions(id), username TEXT NOT NULL,
                                PRIMARY KEY (institution, username));
CREATE TABLE templates (id TEXT NOT NULL, version TEXT NOT NULL, sha256 TEXT NOT NULL, body TEXT NOT NULL,
                        uploaded_at BIGINT NOT NULL, PRIMARY KEY (id, version));
CREATE TABLE inspections (id TEXT PRIMARY KEY, institution TEXT NOT NULL REFERENCES institutions(id),
                          template_id TEXT NOT NULL, template_version TEXT NOT NULL, status TEXT NOT NULL,
                          planned_date TEXT NOT NULL, created_at BIGINT NOT NULL,
                          FOREIGN KEY (template_id, template_version) REFERENCES templates(id, version));
CREATE TABLE members (inspection TEXT NOT NULL REFERENCES inspections(id), username TEXT NOT NULL REFERENCES users(username),
                      role TEXT NOT NULL, last_push BIGINT NOT NULL DEFAULT 0, last_pull BIGINT NOT NULL DEFAULT 0,
                      pushes BIGINT NOT NULL DEFAULT 0, PRIMARY KEY (inspection, username));
CREATE INDEX members_user ON members (username);
CREATE TABLE draws (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, username TEXT NOT NULL, body TEXT NOT NULL, at BIGINT NOT NULL);
CREATE TABLE draw_inspections (inspection TEXT PRIMARY KEY REFERENCES inspections(id), draw BIGINT NOT NULL REFERENCES draws(id));
CREATE INDEX draw_inspections_draw ON draw_inspections (draw);
CREATE TABLE blobs (sha256 TEXT PRIMARY KEY, size BIGINT NOT NULL, uploader TEXT NOT NULL, created_at BIGINT NOT NULL);
CREATE TABLE audit (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, at BIGINT NOT NULL, username TEXT NOT NULL,
                    action TEXT NOT NULL, detail TEXT NOT NULL);
CREATE INDEX audit_action ON audit (action, username, at);
CREATE TABLE device_clocks (inspection TEXT NOT NULL, device TEXT NOT NULL, clock BIGINT NOT NULL, PRIMARY KEY (inspection, device));
CREATE TABLE blob_refs (sha256 TEXT NOT NULL, inspection TEXT NOT NULL, PRIMARY KEY (sha256, inspection));
CREATE INDEX blob_refs_inspection ON blob_refs (inspection);
)sql",
    // 2: each inspection keeps its operations' count, first and last times and highest seq, kept by
    // the push that stores them (under the inspection's row lock it already holds): /healthz, /metrics
    // and the progress board read a few numbers instead of scanning the whole log on every call.
    R"sql(
ALTER TABLE inspections ADD COLUMN op_count BIGINT NOT NULL DEFAULT 0, ADD COLUMN first_time BIGINT NOT NULL DEFAULT 0,
                        ADD COLUMN last_time BIGINT NOT NULL DEFAULT 0, ADD COLUMN last_seq BIGINT NOT NULL DEFAULT 0;
UPDATE inspections i SET op_count = c.n, first_time = c.f, last_time = c.l, last_seq = c.s
  FROM (SELECT inspection, count(*) AS n, min("time") AS f, max("time") AS l, max(seq) AS s FROM ops GROUP BY inspection) c
 WHERE c.inspection = i.id;
)sql",
};

// Any 64-bit key: instances starting together take it to migrate one at a time.
constexpr const char *kMigrationLock = "SELECT pg_advisory_xact_lock(7120233417)";

class PgResult
{
public:
    explicit PgResult(PGresult *r)
        : m_r(r)
    {
    }
    ~PgResult() { PQclear(m_r); }
    PgResult(PgResult &&o) noexcept
        : m_r(std::exchange(o.m_r, nullptr))
    {
    }
    PgResult(const PgResult &) = delete;
    PgResult &operator=(const PgResult &) = delete;
    bool ok() const
    {
        const auto s = PQresultStatus(m_r);
        return s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK;
    }
    int rows() const { return PQntuples(m_r); }
    int affected() const { return std::atoi(PQcmdTuples(m_r)); }
    std::string text(int row, int col) const
    {
        return std::string(PQgetvalue(m_r, row, col), static_cast<std::size_t>(PQgetlength(m_r, row, col)));
    }
    //! The value where libpq holds it (valid while this result lives).
    std::string_view view(int row, int col) const
    {
        return std::string_view(PQgetvalue(m_r, row, col), static_cast<std::size_t>(PQgetlength(m_r, row, col)));
    }
    std::int64_t integer(int row, int col) const { return std::strtoll(PQgetvalue(m_r, row, col), nullptr, 10); }
    bool boolean(int row, int col) const { return PQgetvalue(m_r, row, col)[0] == 't'; }
    std::string sqlState() const
    {
        const char *s = PQresultErrorField(m_r, PG_DIAG_SQLSTATE);
        return s ? s : "";
    }
    std::string message() const
    {
        const char *m = PQresultErrorMessage(m_r);
        std::string s = m ? m : "";
        while (!s.empty() && (s.back() == '\n' || s.back() == ' '))
            s.pop_back();
        return s.empty() ? "no answer from PostgreSQL" : s;
    }
    Error error(const std::string &what) const { return makeError(ErrorCode::Database, what + ": " + message()); }

private:
    PGresult *m_r;
};

using Params = std::vector<std::string>;

std::string num(std::int64_t v)
{
    return std::to_string(v);
}

// A PostgreSQL array literal of text values ({"a","b\"c"}): passed as one parameter and unnested,
// so a batch is one statement, not one per operation.
std::string textArray(const std::vector<std::string> &values)
{
    std::string out = "{";
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (i)
            out += ',';
        out += '"';
        for (char c : values[i]) {
            if (c == '"' || c == '\\')
                out += '\\';
            out += c;
        }
        out += '"';
    }
    out += '}';
    return out;
}

std::string intArray(const std::vector<std::int64_t> &values)
{
    std::string out = "{";
    for (std::size_t i = 0; i < values.size(); ++i)
        out += (i ? "," : "") + std::to_string(values[i]);
    out += '}';
    return out;
}

// Text PostgreSQL can take: libpq passes a text parameter as a C string (a NUL would cut it short)
// and the server refuses bad UTF-8. The routes refuse both in what they store; anything else that
// reaches here (a name looked up, an audit line) gets U+FFFD in place of the offending bytes.
std::string storable(const std::string &v)
{
    if (v.find('\0') == std::string::npos && validUtf8(v))
        return v;
    std::string out;
    for (std::size_t i = 0; i < v.size();) {
        const std::size_t len = v[i] == '\0' ? 0 : utf8CharLength(v, i);
        if (len) {
            out.append(v, i, len);
            i += len;
        } else {
            out += "\xEF\xBF\xBD";
            ++i;
        }
    }
    return out;
}

PgResult exec(PGconn *c, const char *sql, const Params &raw = {})
{
    Params params;
    params.reserve(raw.size());
    for (const auto &p : raw)
        params.push_back(storable(p));
    if (params.empty()) // the simple protocol: a migration is several statements
        return PgResult(PQexec(c, sql));
    std::vector<const char *> values;
    std::vector<int> lengths;
    values.reserve(params.size());
    for (const auto &p : params) {
        values.push_back(p.c_str());
        lengths.push_back(static_cast<int>(p.size()));
    }
    return PgResult(PQexecParams(c, sql, static_cast<int>(params.size()), nullptr, values.data(), lengths.data(), nullptr, 0));
}

Role roleOr(const std::string &s, Role fallback)
{
    return roleFromString(s).value_or(fallback);
}

constexpr const char *kInspectionColumns = "id, institution, template_id, template_version, status, planned_date, created_at";

InspectionRecord inspectionRow(const PgResult &r, int i)
{
    return {r.text(i, 0), r.text(i, 1), r.text(i, 2), r.text(i, 3), workflowStatusFromString(r.text(i, 4)).value_or(WorkflowStatus::Draft),
        r.text(i, 5), {}, r.integer(i, 6), {}};
}

constexpr const char *kOpColumns = R"(seq, id, inspection, author, device, clock, "time", kind, target, value)";

Result<StoredOp> opRow(const PgResult &r, int i)
{
    StoredOp s;
    s.seq = r.integer(i, 0);
    auto uuid = Uuid::parse(r.text(i, 1));
    auto kind = opKindFromString(r.text(i, 7));
    if (!uuid || !kind)
        return makeError(ErrorCode::Database, "stored operation at seq " + std::to_string(s.seq) + " is damaged (id or kind)");
    s.op.id = *uuid;
    s.op.inspection = r.text(i, 2);
    s.op.author = r.text(i, 3);
    s.op.device = r.text(i, 4);
    s.op.clock = static_cast<std::uint64_t>(r.integer(i, 5));
    s.op.time = r.integer(i, 6);
    s.op.kind = *kind;
    s.op.target = r.text(i, 8);
    s.op.value = r.text(i, 9);
    s.state = SyncState::Remote;
    return s;
}

} // namespace

// A few connections, handed out one caller at a time; a connection that broke (or was left inside a
// transaction) is closed rather than reused, and a new one opened on the next demand.
struct PgServerStore::Pool {
    std::string url;
    std::size_t max = 8;
    std::mutex mutex;
    std::condition_variable freed;
    std::vector<PGconn *> idle;
    std::size_t open = 0;

    ~Pool()
    {
        for (PGconn *c : idle)
            PQfinish(c);
    }

    Result<PGconn *> take()
    {
        std::unique_lock lock(mutex);
        freed.wait(lock, [&] { return !idle.empty() || open < max; });
        if (!idle.empty()) {
            PGconn *c = idle.back();
            idle.pop_back();
            return c;
        }
        ++open;
        lock.unlock();
        PGconn *c = PQconnectdb(url.c_str());
        if (PQstatus(c) != CONNECTION_OK) {
            std::string msg = PQerrorMessage(c);
            while (!msg.empty() && msg.back() == '\n')
                msg.pop_back();
            PQfinish(c);
            lock.lock();
            --open;
            freed.notify_one();
            return makeError(ErrorCode::Database, "cannot connect to PostgreSQL: " + msg);
        }
        // Notices ("relation already exists, skipping") are not the server's log.
        PQsetNoticeProcessor(
            c, [](void *, const char *) {}, nullptr);
        return c;
    }

    void give(PGconn *c)
    {
        if (PQstatus(c) == CONNECTION_OK && PQtransactionStatus(c) != PQTRANS_IDLE)
            PQclear(PQexec(c, "ROLLBACK"));
        const bool healthy = PQstatus(c) == CONNECTION_OK && PQtransactionStatus(c) == PQTRANS_IDLE;
        std::lock_guard lock(mutex);
        if (healthy) {
            idle.push_back(c);
        } else {
            PQfinish(c);
            --open;
        }
        freed.notify_one();
    }
};

namespace {

class Lease
{
public:
    explicit Lease(PgServerStore::Pool &pool)
        : m_pool(pool)
    {
        auto c = pool.take();
        if (c)
            m_c = c.value();
        else
            m_error = c.error();
    }
    ~Lease()
    {
        if (m_c)
            m_pool.give(m_c);
    }
    Lease(const Lease &) = delete;
    Lease &operator=(const Lease &) = delete;
    explicit operator bool() const { return m_c != nullptr; }
    const Error &error() const { return m_error; }
    PGconn *get() const { return m_c; }
    PgResult operator()(const char *sql, const Params &params = {}) const { return exec(m_c, sql, params); }

private:
    PgServerStore::Pool &m_pool;
    PGconn *m_c = nullptr;
    Error m_error;
};

#define CAREEVAL_LEASE(name)                                                                                                               \
    Lease name(*m_pool);                                                                                                                   \
    if (!name)                                                                                                                             \
        return name.error();

Result<std::vector<Member>> teamOf(const Lease &db, const std::string &inspection)
{
    auto r = db("SELECT username, role FROM members WHERE inspection = $1 ORDER BY username", {inspection});
    if (!r.ok())
        return r.error("cannot read team");
    std::vector<Member> out;
    for (int i = 0; i < r.rows(); ++i)
        out.push_back({r.text(i, 0), roleOr(r.text(i, 1), Role::Evaluator)});
    return out;
}

// Several statements as one transaction (BEGIN … COMMIT); false with the error when one fails.
Result<void> transaction(const Lease &db, const std::function<Result<void>()> &body)
{
    if (auto b = db("BEGIN"); !b.ok())
        return b.error("cannot begin");
    auto r = body();
    if (!r) {
        PQclear(PQexec(db.get(), "ROLLBACK"));
        return r;
    }
    if (auto c = db("COMMIT"); !c.ok())
        return c.error("cannot commit");
    return {};
}

} // namespace

Result<std::unique_ptr<ServerStore>> PgServerStore::open(const std::string &url)
{
    std::unique_ptr<PgServerStore> s(new PgServerStore());
    s->m_pool = std::make_unique<Pool>();
    s->m_pool->url = url;
    if (auto r = s->migrate(); !r)
        return r.error();
    PgServerStore *self = s.get();
    s->m_flusher = std::thread([self] {
        std::unique_lock lock(self->m_flushMutex);
        while (!self->m_stopping) {
            self->m_flushWake.wait_for(lock, std::chrono::seconds(1));
            lock.unlock();
            self->writePulls();
            lock.lock();
        }
    });
    return std::unique_ptr<ServerStore>(std::move(s));
}

PgServerStore::~PgServerStore()
{
    if (m_flusher.joinable()) {
        {
            std::lock_guard lock(m_flushMutex);
            m_stopping = true;
        }
        m_flushWake.notify_all();
        m_flusher.join();
    }
    if (m_pool)
        writePulls();
}

Result<void> PgServerStore::migrate()
{
    CAREEVAL_LEASE(db);
    return transaction(db, [&]() -> Result<void> {
        if (auto l = db(kMigrationLock); !l.ok())
            return l.error("cannot lock for migration");
        if (auto c = db("CREATE TABLE IF NOT EXISTS server_schema (version INTEGER NOT NULL)"); !c.ok())
            return c.error("cannot create server_schema");
        auto v = db("SELECT coalesce(max(version), 0) FROM server_schema");
        if (!v.ok())
            return v.error("cannot read server schema version");
        int version = static_cast<int>(v.integer(0, 0));
        constexpr int latest = static_cast<int>(std::size(kMigrations));
        if (version > latest)
            return makeError(ErrorCode::Database,
                "server database schema " + std::to_string(version) + " is newer than this server (" + std::to_string(latest) + ")");
        for (; version < latest; ++version) {
            if (auto m = db(kMigrations[version]); !m.ok())
                return makeError(ErrorCode::Database, "server migration " + std::to_string(version + 1) + " failed: " + m.message());
            if (auto r = db("INSERT INTO server_schema (version) VALUES ($1)", {num(version + 1)}); !r.ok())
                return r.error("cannot record migration");
        }
        return {};
    });
}

Result<void> PgServerStore::createUser(const User &u, const std::string &hash)
{
    CAREEVAL_LEASE(db);
    auto r = db("INSERT INTO users (username, display_name, role, password_hash, active, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
        {u.username, u.displayName, std::string(toString(u.role)), hash, u.active ? "true" : "false", num(nowMillis())});
    if (!r.ok())
        return r.error("cannot create user " + u.username);
    return {};
}

Result<void> PgServerStore::updateUser(const User &u, const std::string &hash)
{
    CAREEVAL_LEASE(db);
    return transaction(db, [&]() -> Result<void> {
        if (auto r = db("UPDATE users SET display_name = $2, role = $3, active = $4 WHERE username = $1",
                {u.username, u.displayName, std::string(toString(u.role)), u.active ? "true" : "false"});
            !r.ok())
            return r.error("cannot update user");
        if (!hash.empty())
            if (auto r = db("UPDATE users SET password_hash = $2 WHERE username = $1", {u.username, hash}); !r.ok())
                return r.error("cannot set password");
        // Deactivation or a new password ends every session of that user.
        if (!u.active || !hash.empty())
            if (auto r = db("DELETE FROM tokens WHERE username = $1", {u.username}); !r.ok())
                return r.error("cannot end sessions");
        return {};
    });
}

Result<std::optional<std::pair<User, std::string>>> PgServerStore::userWithHash(const std::string &username)
{
    CAREEVAL_LEASE(db);
    auto r = db("SELECT username, display_name, role, active, password_hash FROM users WHERE username = $1", {username});
    if (!r.ok())
        return r.error("cannot read user");
    if (r.rows() == 0)
        return std::optional<std::pair<User, std::string>>();
    User u {r.text(0, 0), r.text(0, 1), roleOr(r.text(0, 2), Role::Evaluator), r.boolean(0, 3)};
    return std::optional<std::pair<User, std::string>>(std::make_pair(u, r.text(0, 4)));
}

Result<std::vector<User>> PgServerStore::users()
{
    CAREEVAL_LEASE(db);
    auto r = db("SELECT username, display_name, role, active FROM users ORDER BY username COLLATE \"C\"");
    if (!r.ok())
        return r.error("cannot list users");
    std::vector<User> out;
    for (int i = 0; i < r.rows(); ++i)
        out.push_back({r.text(i, 0), r.text(i, 1), roleOr(r.text(i, 2), Role::Evaluator), r.boolean(i, 3)});
    return out;
}

Result<void> PgServerStore::saveToken(const std::string &tokenHash, const std::string &username, std::int64_t expiresAt)
{
    CAREEVAL_LEASE(db);
    if (auto r = db("INSERT INTO tokens (token_hash, username, expires_at) VALUES ($1, $2, $3)", {tokenHash, username, num(expiresAt)});
        !r.ok())
        return r.error("cannot save session");
    (void)db("DELETE FROM tokens WHERE expires_at < $1", {num(nowMillis())});
    return {};
}

Result<std::optional<User>> PgServerStore::userForToken(const std::string &tokenHash, std::int64_t now)
{
    CAREEVAL_LEASE(db);
    auto r = db("SELECT u.username, u.display_name, u.role FROM tokens t JOIN users u ON u.username = t.username "
                "WHERE t.token_hash = $1 AND t.expires_at > $2 AND u.active",
        {tokenHash, num(now)});
    if (!r.ok())
        return r.error("cannot check session");
    if (r.rows() == 0)
        return std::optional<User>();
    return std::optional<User>(User {r.text(0, 0), r.text(0, 1), roleOr(r.text(0, 2), Role::Evaluator), true});
}

Result<void> PgServerStore::deleteToken(const std::string &tokenHash)
{
    CAREEVAL_LEASE(db);
    if (auto r = db("DELETE FROM tokens WHERE token_hash = $1", {tokenHash}); !r.ok())
        return r.error("cannot end session");
    return {};
}

Result<int> PgServerStore::recentFailures(const std::string &username, std::int64_t since)
{
    CAREEVAL_LEASE(db);
    auto r = db("SELECT count(*) FROM login_failures WHERE username = $1 AND at >= $2", {username, num(since)});
    if (!r.ok())
        return r.error("cannot read login failures");
    return static_cast<int>(r.integer(0, 0));
}

Result<void> PgServerStore::recordFailure(const std::string &username, std::int64_t at)
{
    CAREEVAL_LEASE(db);
    if (auto r = db("INSERT INTO login_failures (username, at) VALUES ($1, $2)", {username, num(at)}); !r.ok())
        return r.error("cannot record login failure");
    return {};
}

Result<void> PgServerStore::clearFailures(const std::string &username)
{
    CAREEVAL_LEASE(db);
    if (auto r = db("DELETE FROM login_failures WHERE username = $1", {username}); !r.ok())
        return r.error("cannot clear login failures");
    return {};
}

Result<void> PgServerStore::putInstitution(const Institution &inst)
{
    CAREEVAL_LEASE(db);
    return transaction(db, [&]() -> Result<void> {
        if (auto r = db("INSERT INTO institutions (id, name, region, address, beds, type) VALUES ($1, $2, $3, $4, $5, $6) "
                        "ON CONFLICT (id) DO UPDATE SET name = excluded.name, region = excluded.region, address = excluded.address, "
                        "beds = excluded.beds, type = excluded.type",
                {inst.id, inst.name, inst.region, inst.address, num(inst.beds), inst.type});
            !r.ok())
            return r.error("cannot save institution");
        if (auto r = db("DELETE FROM institution_links WHERE institution = $1", {inst.id}); !r.ok())
            return r.error("cannot save institution links");
        if (!inst.linkedInspectors.empty())
            if (auto r = db("INSERT INTO institution_links (institution, username) SELECT $1, u FROM unnest($2::text[]) u "
                            "ON CONFLICT DO NOTHING",
                    {inst.id, textArray(inst.linkedInspectors)});
                !r.ok())
                return r.error("cannot save institution links");
        return {};
    });
}

Result<std::vector<Institution>> PgServerStore::institutions(const std::string &only)
{
    CAREEVAL_LEASE(db);
    // Sorted by bytes, as SQLite sorts: the same order from either backend.
    auto r
        = db("SELECT id, name, region, address, beds, type FROM institutions WHERE $1 = '' OR id = $1 ORDER BY id COLLATE \"C\"", {only});
    if (!r.ok())
        return r.error("cannot list institutions");
    std::vector<Institution> out;
    std::map<std::string, std::size_t> at;
    for (int i = 0; i < r.rows(); ++i) {
        out.push_back({r.text(i, 0), r.text(i, 1), r.text(i, 2), r.text(i, 3), static_cast<int>(r.integer(i, 4)), {}, r.text(i, 5)});
        at.emplace(out.back().id, out.size() - 1);
    }
    auto l = db("SELECT institution, username FROM institution_links WHERE $1 = '' OR institution = $1 "
                "ORDER BY institution COLLATE \"C\", username COLLATE \"C\"",
        {only});
    if (!l.ok())
        return l.error("cannot list avoidance links");
    for (int i = 0; i < l.rows(); ++i)
        if (auto it = at.find(l.text(i, 0)); it != at.end())
            out[it->second].linkedInspectors.push_back(l.text(i, 1));
    return out;
}

Result<bool> PgServerStore::putTemplate(const TemplateRecord &t)
{
    CAREEVAL_LEASE(db);
    auto ins = db("INSERT INTO templates (id, version, sha256, body, uploaded_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
        {t.id, t.version, t.sha256, t.json, num(t.uploadedAt)});
    if (!ins.ok())
        return ins.error("cannot save template");
    if (ins.affected() == 1)
        return true;
    auto existing = db("SELECT sha256 FROM templates WHERE id = $1 AND version = $2", {t.id, t.version});
    if (!existing.ok() || existing.rows() == 0)
        return existing.error("cannot read template");
    if (existing.text(0, 0) != t.sha256)
        return makeError(ErrorCode::InvalidArgument, "conflict");
    return false; // the same content was already there
}

Result<std::optional<TemplateRecord>> PgServerStore::templateRecord(const std::string &id, const std::string &version)
{
    CAREEVAL_LEASE(db);
    auto r = db("SELECT id, version, sha256, body, uploaded_at FROM templates WHERE id = $1 AND version = $2", {id, version});
    if (!r.ok())
        return r.error("cannot read template");
    if (r.rows() == 0)
        return std::optional<TemplateRecord>();
    return std::optional<TemplateRecord>(TemplateRecord {r.text(0, 0), r.text(0, 1), r.text(0, 2), r.text(0, 3), r.integer(0, 4)});
}

Result<std::vector<TemplateRecord>> PgServerStore::templates()
{
    CAREEVAL_LEASE(db);
    auto r = db("SELECT id, version, sha256, uploaded_at FROM templates ORDER BY id COLLATE \"C\", version COLLATE \"C\"");
    if (!r.ok())
        return r.error("cannot list templates");
    std::vector<TemplateRecord> out;
    for (int i = 0; i < r.rows(); ++i)
        out.push_back({r.text(i, 0), r.text(i, 1), r.text(i, 2), {}, r.integer(i, 3)});
    return out;
}

Result<void> PgServerStore::createInspection(const InspectionRecord &rec, std::int64_t draw)
{
    CAREEVAL_LEASE(db);
    return transaction(db, [&]() -> Result<void> {
        if (auto r = db("INSERT INTO inspections (id, institution, template_id, template_version, status, planned_date, created_at) "
                        "VALUES ($1, $2, $3, $4, $5, $6, $7)",
                {rec.id, rec.institution, rec.templateId, rec.templateVersion, std::string(toString(rec.status)), rec.plannedDate,
                    num(rec.createdAt)});
            !r.ok())
            return r.error("cannot create inspection " + rec.id);
        for (const auto &m : rec.team)
            if (auto r = db("INSERT INTO members (inspection, username, role) VALUES ($1, $2, $3)",
                    {rec.id, m.username, std::string(toString(m.role))});
                !r.ok())
                return r.error("cannot add " + m.username + " to the team");
        if (draw > 0)
            if (auto r = db("INSERT INTO draw_inspections (inspection, draw) VALUES ($1, $2)", {rec.id, num(draw)}); !r.ok())
                return r.error("cannot link inspection " + rec.id + " to draw " + std::to_string(draw));
        return {};
    });
}

Result<std::map<std::string, std::int64_t>> PgServerStore::inspectionDraws()
{
    CAREEVAL_LEASE(db);
    auto r = db("SELECT inspection, draw FROM draw_inspections");
    if (!r.ok())
        return r.error("cannot read the draws' inspections");
    std::map<std::string, std::int64_t> out;
    for (int i = 0; i < r.rows(); ++i)
        out.emplace(r.text(i, 0), r.integer(i, 1));
    return out;
}

Result<std::optional<InspectionRecord>> PgServerStore::inspection(const std::string &id)
{
    CAREEVAL_LEASE(db);
    auto r = db((std::string("SELECT ") + kInspectionColumns + " FROM inspections WHERE id = $1").c_str(), {id});
    if (!r.ok())
        return r.error("cannot read inspection");
    if (r.rows() == 0)
        return std::optional<InspectionRecord>();
    InspectionRecord rec = inspectionRow(r, 0);
    auto t = teamOf(db, id);
    if (!t)
        return t.error();
    rec.team = std::move(t.value());
    return std::optional<InspectionRecord>(std::move(rec));
}

Result<std::vector<InspectionRecord>> PgServerStore::inspections(const std::string &username)
{
    CAREEVAL_LEASE(db);
    const std::string filter = username.empty() ? "" : " WHERE id IN (SELECT inspection FROM members WHERE username = $1)";
    const Params params = username.empty() ? Params {} : Params {username};
    auto r = db((std::string("SELECT ") + kInspectionColumns + " FROM inspections" + filter
                    + " ORDER BY planned_date COLLATE \"C\", id COLLATE \"C\"")
                    .c_str(),
        params);
    if (!r.ok())
        return r.error("cannot list inspections");
    std::vector<InspectionRecord> out;
    std::map<std::string, std::size_t> at;
    for (int i = 0; i < r.rows(); ++i) {
        out.push_back(inspectionRow(r, i));
        at.emplace(out.back().id, out.size() - 1);
    }
    // Every team in one query, not one per inspection.
    const std::string teamFilter = username.empty() ? "" : " WHERE inspection IN (SELECT inspection FROM members WHERE username = $1)";
    auto t = db(
        ("SELECT inspection, username, role FROM members" + teamFilter + " ORDER BY inspection, username COLLATE \"C\"").c_str(), params);
    if (!t.ok())
        return t.error("cannot read teams");
    for (int i = 0; i < t.rows(); ++i)
        if (auto it = at.find(t.text(i, 0)); it != at.end())
            out[it->second].team.push_back({t.text(i, 1), roleOr(t.text(i, 2), Role::Evaluator)});
    return out;
}

Result<std::vector<MemberSync>> PgServerStore::storedMemberSync(const std::string &inspection)
{
    CAREEVAL_LEASE(db);
    auto r = db(
        "SELECT username, last_push, last_pull, pushes FROM members WHERE inspection = $1 ORDER BY username COLLATE \"C\"", {inspection});
    if (!r.ok())
        return r.error("cannot read sync records");
    std::vector<MemberSync> out;
    for (int i = 0; i < r.rows(); ++i)
        out.push_back({r.text(i, 0), r.integer(i, 1), r.integer(i, 2), static_cast<std::size_t>(r.integer(i, 3))});
    return out;
}

Result<std::map<std::string, std::vector<MemberSync>>> PgServerStore::storedMemberSyncAll()
{
    CAREEVAL_LEASE(db);
    auto r = db("SELECT inspection, username, last_push, last_pull, pushes FROM members ORDER BY inspection, username COLLATE \"C\"");
    if (!r.ok())
        return r.error("cannot read sync records");
    std::map<std::string, std::vector<MemberSync>> out;
    for (int i = 0; i < r.rows(); ++i)
        out[r.text(i, 0)].push_back({r.text(i, 1), r.integer(i, 2), r.integer(i, 3), static_cast<std::size_t>(r.integer(i, 4))});
    return out;
}

Result<std::map<std::string, OpStats>> PgServerStore::opStats()
{
    CAREEVAL_LEASE(db);
    auto r = db("SELECT id, op_count, first_time, last_time, last_seq FROM inspections WHERE op_count > 0");
    if (!r.ok())
        return r.error("cannot count operations");
    std::map<std::string, OpStats> out;
    for (int i = 0; i < r.rows(); ++i)
        out.emplace(r.text(i, 0), OpStats {static_cast<std::size_t>(r.integer(i, 1)), r.integer(i, 2), r.integer(i, 3), r.integer(i, 4)});
    return out;
}

Result<std::map<std::string, std::int64_t>> PgServerStore::lastLogins()
{
    CAREEVAL_LEASE(db);
    auto r = db("SELECT username, max(at) FROM audit WHERE action = 'login' GROUP BY username");
    if (!r.ok())
        return r.error("cannot read sign-ins");
    std::map<std::string, std::int64_t> out;
    for (int i = 0; i < r.rows(); ++i)
        out.emplace(r.text(i, 0), r.integer(i, 1));
    return out;
}

void PgServerStore::writePulls()
{
    auto pending = takePendingPulls();
    if (pending.empty())
        return;
    std::vector<std::string> inspections, users;
    std::vector<std::int64_t> at;
    for (const auto &[key, t] : pending) {
        inspections.push_back(key.first);
        users.push_back(key.second);
        at.push_back(t);
    }
    Lease db(*m_pool);
    if (!db)
        return;
    // Bookkeeping: committed without waiting for the disk (synchronous_commit off for this one
    // transaction), rows in sorted order.
    (void)transaction(db, [&]() -> Result<void> {
        (void)db("SET LOCAL synchronous_commit = off");
        if (auto r = db("UPDATE members m SET last_pull = greatest(m.last_pull, u.at) "
                        "FROM unnest($1::text[], $2::text[], $3::bigint[]) AS u(inspection, username, at) "
                        "WHERE m.inspection = u.inspection AND m.username = u.username",
                {textArray(inspections), textArray(users), intArray(at)});
            !r.ok())
            return r.error("cannot record pulls");
        return {};
    });
}

namespace {

// One push inside the group's transaction (its own savepoint around it).
Result<std::vector<PushResult>> pushOne(const Lease &db, const std::string &inspection, const std::string &username,
    std::vector<Operation> &batch, const ServerStore::PushDecider &decide, std::int64_t now,
    const std::function<std::vector<std::string>(const Operation &)> &blobNames)
{
    // The inspection's row lock: held to the end of the transaction, it orders this push after every
    // other push of the inspection (on any instance) — see the header on the pull cursor.
    auto s = db((std::string("SELECT ") + kInspectionColumns + " FROM inspections WHERE id = $1 FOR UPDATE").c_str(), {inspection});
    if (!s.ok())
        return s.error("cannot read inspection");
    if (s.rows() == 0)
        return makeError(ErrorCode::NotFound, "no inspection " + inspection);
    InspectionRecord current = inspectionRow(s, 0);
    auto t = teamOf(db, inspection);
    if (!t)
        return t.error();
    current.team = std::move(t.value());
    auto clocks = db("SELECT device, clock FROM device_clocks WHERE inspection = $1", {inspection});
    if (!clocks.ok())
        return clocks.error("cannot read device clocks");
    for (int i = 0; i < clocks.rows(); ++i)
        current.clocks.clocks[clocks.text(i, 0)] = static_cast<std::uint64_t>(clocks.integer(i, 1));

    // What the server already has is reported as such before anything is judged.
    std::vector<PushResult> results(batch.size());
    std::vector<std::string> ids;
    ids.reserve(batch.size());
    for (std::size_t i = 0; i < batch.size(); ++i) {
        results[i].id = batch[i].id;
        ids.push_back(batch[i].id.toString());
    }
    if (!batch.empty()) {
        auto k = db("SELECT id FROM ops WHERE id = ANY($1::text[])", {textArray(ids)});
        if (!k.ok())
            return k.error("cannot look up pushed operations");
        std::set<std::string> known;
        for (int i = 0; i < k.rows(); ++i)
            known.insert(k.text(i, 0));
        for (std::size_t i = 0; i < batch.size(); ++i)
            if (known.count(ids[i]))
                results[i].status = PushStatus::AlreadyHad;
    }
    WorkflowStatus status = current.status;
    decide(current, batch, results, status);

    std::vector<std::size_t> index;
    std::vector<std::string> aId, aInspection, aAuthor, aDevice, aKind, aTarget, aValue;
    std::vector<std::int64_t> aClock, aTime;
    for (std::size_t i = 0; i < batch.size(); ++i) {
        if (results[i].status != PushStatus::Accepted)
            continue;
        const Operation &op = batch[i];
        index.push_back(i);
        aId.push_back(op.id.toString());
        aInspection.push_back(op.inspection);
        aAuthor.push_back(op.author);
        aDevice.push_back(op.device);
        aClock.push_back(static_cast<std::int64_t>(op.clock));
        aTime.push_back(op.time);
        aKind.push_back(std::string(toString(op.kind)));
        aTarget.push_back(op.target);
        aValue.push_back(op.value);
    }
    Frontier grown;
    std::set<std::string> named;
    OpStats added; // what this push stores
    if (!index.empty()) {
        // One statement for the batch, in the batch's order (seq follows it); an id already stored, or
        // twice in the batch, is skipped and comes back AlreadyHad.
        auto ins = db(R"(INSERT INTO ops (id, inspection, author, device, clock, "time", kind, target, value)
SELECT id, inspection, author, device, clock, "time", kind, target, value
FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bigint[], $6::bigint[], $7::text[], $8::text[], $9::text[])
     WITH ORDINALITY AS b(id, inspection, author, device, clock, "time", kind, target, value, n)
ORDER BY n
ON CONFLICT (id) DO NOTHING RETURNING id, seq, "time")",
            {textArray(aId), textArray(aInspection), textArray(aAuthor), textArray(aDevice), intArray(aClock), intArray(aTime),
                textArray(aKind), textArray(aTarget), textArray(aValue)});
        if (!ins.ok())
            return ins.error("cannot store operations");
        std::set<std::string> inserted;
        for (int i = 0; i < ins.rows(); ++i) {
            inserted.insert(ins.text(i, 0));
            added.add({1, ins.integer(i, 2), ins.integer(i, 2), ins.integer(i, 1)});
        }
        for (std::size_t k = 0; k < index.size(); ++k) {
            if (!inserted.erase(aId[k])) {
                results[index[k]].status = PushStatus::AlreadyHad;
                continue;
            }
            const Operation &op = batch[index[k]];
            if (!current.clocks.covers(op))
                grown.add(op);
            for (auto &sha : blobNames(op))
                named.insert(std::move(sha));
        }
    }
    // A copy the server already has must be the same operation; one that differs is refused, never
    // reported as stored (rules.h, checkSameCopy). Only re-sent operations pay this lookup.
    std::vector<std::size_t> had;
    std::vector<std::string> hadIds;
    for (std::size_t i = 0; i < batch.size(); ++i)
        if (results[i].status == PushStatus::AlreadyHad) {
            had.push_back(i);
            hadIds.push_back(ids[i]);
        }
    if (!had.empty()) {
        auto r = db((std::string("SELECT ") + kOpColumns + " FROM ops WHERE id = ANY($1::text[])").c_str(), {textArray(hadIds)});
        if (!r.ok())
            return r.error("cannot read the stored copies of pushed operations");
        std::map<std::string, Operation> copies;
        for (int i = 0; i < r.rows(); ++i) {
            auto row = opRow(r, i);
            if (!row)
                return row.error();
            copies.emplace(row->op.id.toString(), std::move(row->op));
        }
        for (std::size_t k = 0; k < had.size(); ++k)
            if (auto it = copies.find(hadIds[k]); it != copies.end())
                if (auto refusal = checkSameCopy(batch[had[k]], it->second))
                    results[had[k]].refuse(std::move(*refusal));
    }
    if (!named.empty())
        if (auto r = db("INSERT INTO blob_refs (sha256, inspection) SELECT s, $2 FROM unnest($1::text[]) s ON CONFLICT DO NOTHING",
                {textArray({named.begin(), named.end()}), inspection});
            !r.ok())
            return r.error("cannot record which blobs an inspection names");
    if (!grown.clocks.empty()) {
        std::vector<std::string> devices;
        std::vector<std::int64_t> values;
        for (const auto &[device, clock] : grown.clocks) {
            devices.push_back(device);
            values.push_back(static_cast<std::int64_t>(clock));
        }
        if (auto r = db("INSERT INTO device_clocks (inspection, device, clock) SELECT $1, d, c FROM unnest($2::text[], $3::bigint[]) AS "
                        "u(d, c) ON CONFLICT (inspection, device) DO UPDATE SET clock = greatest(device_clocks.clock, excluded.clock)",
                {inspection, textArray(devices), intArray(values)});
            !r.ok())
            return r.error("cannot record device clock");
    }
    if (added.operations > 0) {
        // Every SET expression sees the row as it was: op_count = 0 means nothing was stored before.
        if (auto r = db(R"(UPDATE inspections SET status = $2, op_count = op_count + $3,
  first_time = CASE WHEN op_count = 0 THEN $4 ELSE least(first_time, $4) END,
  last_time = CASE WHEN op_count = 0 THEN $5 ELSE greatest(last_time, $5) END, last_seq = greatest(last_seq, $6) WHERE id = $1)",
                {inspection, std::string(toString(status)), num(static_cast<std::int64_t>(added.operations)), num(added.firstTime),
                    num(added.lastTime), num(added.lastSeq)});
            !r.ok())
            return r.error("cannot update inspection status");
    } else if (status != current.status) {
        if (auto r = db("UPDATE inspections SET status = $2 WHERE id = $1", {inspection, std::string(toString(status))}); !r.ok())
            return r.error("cannot update inspection status");
    }
    if (auto r = db("UPDATE members SET last_push = $3, pushes = pushes + 1 WHERE inspection = $1 AND username = $2",
            {inspection, username, num(now)});
        !r.ok())
        return r.error("cannot record push");
    return results;
}

} // namespace

void PgServerStore::runGroup(const std::vector<PushJob *> &group)
{
    ++m_groups;
    m_groupedPushes += group.size();
    auto failAll = [&](const std::string &message) {
        for (PushJob *j : group)
            j->written = Result<std::vector<PushResult>>(makeError(ErrorCode::Database, message));
    };
    Lease db(*m_pool);
    if (!db)
        return failAll(db.error().message);
    if (auto b = db("BEGIN"); !b.ok())
        return failAll("cannot start push: " + b.message());
    // Inspections locked in sorted order: two instances' groups never wait on each other in a cycle.
    std::vector<std::size_t> order(group.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return group[a]->inspection < group[b]->inspection; });
    std::vector<std::optional<Result<std::vector<PushResult>>>> results(group.size());
    for (std::size_t i : order) {
        PushJob &j = *group[i];
        if (auto sp = db("SAVEPOINT push"); !sp.ok()) {
            results[i] = Result<std::vector<PushResult>>(sp.error("cannot start push"));
            continue;
        }
        auto r = pushOne(db, j.inspection, j.username, j.batch, j.decide, j.now, &ServerStore::blobNames);
        if (r) {
            if (auto rel = db("RELEASE SAVEPOINT push"); !rel.ok())
                r = rel.error("cannot finish push");
        } else {
            (void)db("ROLLBACK TO SAVEPOINT push");
            (void)db("RELEASE SAVEPOINT push");
        }
        results[i] = std::move(r);
    }
    if (auto c = db("COMMIT"); !c.ok() || PQtransactionStatus(db.get()) != PQTRANS_IDLE)
        return failAll("cannot commit push: " + c.message());
    // Only now, with the group durable, does any push get its answer.
    for (std::size_t i = 0; i < group.size(); ++i)
        group[i]->written = std::move(*results[i]);
    writePulls();
}

Result<std::vector<Operation>> PgServerStore::operations(const std::string &inspection)
{
    CAREEVAL_LEASE(db);
    auto r = db((std::string("SELECT ") + kOpColumns + " FROM ops WHERE inspection = $1 ORDER BY seq").c_str(), {inspection});
    if (!r.ok())
        return r.error("cannot read operations");
    std::vector<Operation> out;
    out.reserve(static_cast<std::size_t>(r.rows()));
    for (int i = 0; i < r.rows(); ++i) {
        auto row = opRow(r, i);
        if (!row)
            return row.error();
        out.push_back(std::move(row->op));
    }
    return out;
}

namespace {

//! One page of the log after `cursor` (limit + 1 rows: the last says more follow).
Result<PgResult> pageAfter(const Lease &db, const std::string &inspection, std::int64_t cursor, std::size_t limit)
{
    // A page must cost the same wherever the cursor is: read in index order and stop at the limit.
    // Right after a bulk of pushes (before autovacuum's ANALYZE) the planner estimated a few rows and
    // chose a bitmap scan that sorts everything after the cursor: 127 ms a page instead of 1–2 ms
    // (bench_backends). Bitmap scans are off for this one statement.
    if (auto b = db("BEGIN"); !b.ok())
        return b.error("cannot read operations");
    (void)db("SET LOCAL enable_bitmapscan = off");
    auto r = db((std::string("SELECT ") + kOpColumns + " FROM ops WHERE inspection = $1 AND seq > $2 ORDER BY seq LIMIT $3").c_str(),
        {inspection, num(cursor), num(static_cast<std::int64_t>(limit) + 1)});
    if (!r.ok())
        return r.error("cannot read operations");
    if (auto c = db("COMMIT"); !c.ok())
        return c.error("cannot read operations");
    return r;
}

} // namespace

Result<OpPage> PgServerStore::operationsAfter(const std::string &inspection, std::int64_t cursor, std::size_t limit)
{
    CAREEVAL_LEASE(db);
    auto r = pageAfter(db, inspection, cursor, limit);
    if (!r)
        return r.error();
    OpPage page;
    page.next = cursor;
    for (int i = 0; i < r->rows(); ++i) {
        if (page.ops.size() == limit) {
            page.more = true;
            break;
        }
        auto row = opRow(*r, i);
        if (!row)
            return row.error();
        page.next = row->seq;
        page.ops.push_back(std::move(row.value()));
    }
    return page;
}

Result<PageEnd> PgServerStore::visitOperationsAfter(
    const std::string &inspection, std::int64_t cursor, std::size_t limit, const std::function<Result<void>(const StoredOpView &)> &visit)
{
    // The same page, each row handed over where libpq holds it: no Operation, string or parsed id per
    // row (the pull writes its JSON straight from these).
    auto r = [&]() -> Result<PgResult> {
        CAREEVAL_LEASE(db);
        return pageAfter(db, inspection, cursor, limit);
    }(); // the connection is back in the pool; the result is ours
    if (!r)
        return r.error();
    PageEnd end {cursor, false, 0};
    StoredOpView v;
    std::string id;
    for (int i = 0; i < r->rows(); ++i) {
        if (end.count == limit) {
            end.more = true;
            break;
        }
        v.seq = r->integer(i, 0);
        v.id = r->view(i, 1);
        v.kind = r->view(i, 7);
        if (auto ok = checkStoredView(v, id); !ok)
            return ok.error();
        v.inspection = r->view(i, 2);
        v.author = r->view(i, 3);
        v.device = r->view(i, 4);
        v.clock = r->integer(i, 5);
        v.time = r->integer(i, 6);
        v.target = r->view(i, 8);
        v.value = r->view(i, 9);
        if (auto ok = visit(v); !ok)
            return ok.error();
        end.next = v.seq;
        ++end.count;
    }
    return end;
}

std::size_t PgServerStore::operationCount()
{
    Lease db(*m_pool);
    if (!db)
        return 0;
    auto r = db("SELECT coalesce(sum(op_count), 0) FROM inspections");
    return r.ok() ? static_cast<std::size_t>(r.integer(0, 0)) : 0;
}

Result<std::int64_t> PgServerStore::saveDraw(const std::string &username, const std::string &json, std::int64_t at)
{
    CAREEVAL_LEASE(db);
    auto r = db("INSERT INTO draws (username, body, at) VALUES ($1, $2, $3) RETURNING id", {username, json, num(at)});
    if (!r.ok())
        return r.error("cannot save draw");
    return r.integer(0, 0);
}

Result<std::optional<std::string>> PgServerStore::draw(std::int64_t id)
{
    CAREEVAL_LEASE(db);
    auto r = db("SELECT body FROM draws WHERE id = $1", {num(id)});
    if (!r.ok())
        return r.error("cannot read draw");
    if (r.rows() == 0)
        return std::optional<std::string>();
    return std::optional<std::string>(r.text(0, 0));
}

Result<std::vector<std::pair<std::int64_t, std::string>>> PgServerStore::draws()
{
    CAREEVAL_LEASE(db);
    auto r = db("SELECT id, body FROM draws ORDER BY id DESC");
    if (!r.ok())
        return r.error("cannot read the draws");
    std::vector<std::pair<std::int64_t, std::string>> out;
    for (int i = 0; i < r.rows(); ++i)
        out.emplace_back(r.integer(i, 0), r.text(i, 1));
    return out;
}

Result<void> PgServerStore::putBlob(const BlobRecord &b)
{
    CAREEVAL_LEASE(db);
    if (auto r = db("INSERT INTO blobs (sha256, size, uploader, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
            {b.sha256, num(b.size), b.uploader, num(b.createdAt)});
        !r.ok())
        return r.error("cannot record blob");
    return {};
}

Result<std::optional<BlobRecord>> PgServerStore::blob(const std::string &sha256)
{
    CAREEVAL_LEASE(db);
    auto r = db("SELECT sha256, size, uploader, created_at FROM blobs WHERE sha256 = $1", {sha256});
    if (!r.ok())
        return r.error("cannot read blob");
    if (r.rows() == 0)
        return std::optional<BlobRecord>();
    return std::optional<BlobRecord>(BlobRecord {r.text(0, 0), r.integer(0, 1), r.text(0, 2), r.integer(0, 3)});
}

Result<bool> PgServerStore::blobReferencedFor(const std::string &sha256, const std::string &username)
{
    CAREEVAL_LEASE(db);
    auto r = db("SELECT 1 FROM blob_refs r JOIN members m ON m.inspection = r.inspection WHERE r.sha256 = $2 AND m.username = $1 LIMIT 1",
        {username, sha256});
    if (!r.ok())
        return r.error("cannot look up who may read a blob");
    return r.rows() > 0;
}

Result<std::set<std::string>> PgServerStore::blobsReferencedFor(const std::string &username)
{
    CAREEVAL_LEASE(db);
    auto r
        = db("SELECT DISTINCT r.sha256 FROM blob_refs r JOIN members m ON m.inspection = r.inspection WHERE m.username = $1", {username});
    if (!r.ok())
        return r.error("cannot list the blobs of a member's inspections");
    std::set<std::string> out;
    for (int i = 0; i < r.rows(); ++i)
        out.insert(r.text(i, 0));
    return out;
}

Result<bool> PgServerStore::isMemberOfAny(const std::string &username)
{
    CAREEVAL_LEASE(db);
    auto r = db("SELECT 1 FROM members WHERE username = $1 LIMIT 1", {username});
    if (!r.ok())
        return r.error("cannot read memberships");
    return r.rows() > 0;
}

Result<void> PgServerStore::audit(const std::string &username, const std::string &action, const std::string &detail, std::int64_t at)
{
    CAREEVAL_LEASE(db);
    if (auto r = db("INSERT INTO audit (at, username, action, detail) VALUES ($1, $2, $3, $4)", {num(at), username, action, detail});
        !r.ok())
        return r.error("cannot write audit log");
    return {};
}

Result<std::vector<AuditEntry>> PgServerStore::auditEntries(std::size_t limit, std::int64_t before)
{
    CAREEVAL_LEASE(db);
    auto r = db("SELECT id, at, username, action, detail FROM audit WHERE ($2::bigint = 0 OR id < $2::bigint) ORDER BY id DESC LIMIT $1",
        {num(static_cast<std::int64_t>(limit)), num(before)});
    if (!r.ok())
        return r.error("cannot read the audit log");
    std::vector<AuditEntry> out;
    for (int i = 0; i < r.rows(); ++i)
        out.push_back({r.integer(i, 0), r.integer(i, 1), r.text(i, 2), r.text(i, 3), r.text(i, 4)});
    return out;
}

} // namespace careeval::server
