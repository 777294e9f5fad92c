#include "sqlite_store.h"

#include <careeval/jsonutil.h>

#include <sqlite3.h>

#include <algorithm>
#include <condition_variable>
#include <thread>
#include <unordered_map>

namespace careeval::server {

namespace {

// The server's own numbered migrations, tracked in server_schema (the op log keeps user_version).
constexpr const char *kMigrations[] = {
    R"sql(
CREATE TABLE users (username TEXT PRIMARY KEY, display_name TEXT NOT NULL, role TEXT NOT NULL,
                    password_hash TEXT NOT NULL, active INTEGER NOT NULL DEFAULT 1, created_at INTEGER NOT NULL);
CREATE TABLE tokens (token_hash TEXT PRIMARY KEY, username TEXT NOT NULL REFERENCES users(username),
                     expires_at INTEGER NOT NULL);
CREATE TABLE login_failures (username TEXT NOT NULL, at INTEGER NOT NULL);
CREATE INDEX login_failures_user ON login_failures (username, at);
CREATE TABLE institutions (id TEXT PRIMARY KEY, name TEXT NOT NULL, region TEXT NOT NULL, address TEXT NOT NULL,
                           beds INTEGER NOT NULL);
CREATE TABLE institution_links (institution TEXT NOT NULL REFERENCES institutions(id), username TEXT NOT NULL,
                                PRIMARY KEY (institution, username));
CREATE TABLE templates (id TEXT NOT NULL, version TEXT NOT NULL, sha256 TEXT NOT NULL, json TEXT NOT NULL,
                        uploaded_at INTEGER NOT NULL, PRIMARY KEY (id, version));
CREATE TABLE inspections (id TEXT PRIMARY KEY, institution TEXT NOT NULL REFERENCES institutions(id),
                          template_id TEXT NOT NULL, template_version TEXT NOT NULL, status TEXT NOT NULL,
                          planned_date TEXT NOT NULL, created_at INTEGER NOT NULL,
                          FOREIGN KEY (template_id, template_version) REFERENCES templates(id, version));
CREATE TABLE members (inspection TEXT NOT NULL REFERENCES inspections(id), username TEXT NOT NULL REFERENCES users(username),
                      role TEXT NOT NULL, last_push INTEGER NOT NULL DEFAULT 0, last_pull INTEGER NOT NULL DEFAULT 0,
                      pushes INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (inspection, username));
CREATE TABLE draws (id INTEGER PRIMARY KEY AUTOINCREMENT, username TEXT NOT NULL, json TEXT NOT NULL, at INTEGER NOT NULL);
CREATE TABLE blobs (sha256 TEXT PRIMARY KEY, size INTEGER NOT NULL, uploader TEXT NOT NULL, created_at INTEGER NOT NULL);
CREATE TABLE audit (id INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL, username TEXT NOT NULL,
                    action TEXT NOT NULL, detail TEXT NOT NULL);
)sql",
    // Per inspection and device, the highest clock stored: the gate's clock bound and the frontier a
    // review decision records, read inside the push transaction without scanning the log.
    R"sql(
CREATE TABLE device_clocks (inspection TEXT NOT NULL, device TEXT NOT NULL, clock INTEGER NOT NULL,
                            PRIMARY KEY (inspection, device)) WITHOUT ROWID;
INSERT INTO device_clocks (inspection, device, clock) SELECT inspection, device, max(clock) FROM ops GROUP BY inspection, device;
)sql",
    // Which inspections name which photo or signature (a string of 64 hex digits anywhere in a
    // photo.attach, set or resolve value: a photo, its thumbnail, a signature): who may read a blob
    // is one indexed lookup, not a scan of the operation log.
    R"sql(
CREATE TABLE blob_refs (sha256 TEXT NOT NULL, inspection TEXT NOT NULL, PRIMARY KEY (sha256, inspection)) WITHOUT ROWID;
CREATE INDEX blob_refs_inspection ON blob_refs (inspection);
INSERT OR IGNORE INTO blob_refs (sha256, inspection)
    SELECT t.value, o.inspection FROM ops o, json_tree(o.value) t
    WHERE o.kind IN ('photo.attach', 'set', 'resolve') AND json_valid(o.value) AND t.type = 'text'
      AND length(t.value) = 64 AND NOT t.value GLOB '*[^0-9a-f]*';
)sql",
    // The console's audit page pages back by time, and the users page shows each one's last sign-in.
    R"sql(
CREATE INDEX audit_at ON audit (at);
CREATE INDEX audit_action ON audit (action, username, at);
)sql",
    // A campaign is a draw: the inspections created from it, for the console's board and dashboard.
    R"sql(
CREATE TABLE draw_inspections (inspection TEXT PRIMARY KEY REFERENCES inspections(id), draw INTEGER NOT NULL REFERENCES draws(id));
CREATE INDEX draw_inspections_draw ON draw_inspections (draw);
)sql",
    // The institution's type (公办, 民办, 公建民营 …): the registry is filtered and drawn by it.
    R"sql(
ALTER TABLE institutions ADD COLUMN type TEXT NOT NULL DEFAULT '';
)sql",
};

// Prepared statements are kept per connection and reused: preparing the dozen statements of a push
// and the session check of every request took a tenth of the server's CPU under a push load. A
// statement is taken out while in use (two alive at once with the same SQL get two), put back reset,
// and finalized when its connection's store closes (StatementCache::forget).
class StatementCache
{
public:
    static StatementCache &instance()
    {
        static StatementCache cache;
        return cache;
    }
    sqlite3_stmt *take(sqlite3 *db, const char *sql, int &rc)
    {
        {
            std::lock_guard lock(m_mutex);
            auto it = m_free.find({db, sql});
            if (it != m_free.end() && !it->second.empty()) {
                sqlite3_stmt *s = it->second.back();
                it->second.pop_back();
                rc = SQLITE_OK;
                return s;
            }
        }
        sqlite3_stmt *s = nullptr;
        rc = sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s, nullptr);
        return s;
    }
    void give(sqlite3 *db, const std::string &sql, sqlite3_stmt *s)
    {
        sqlite3_reset(s);
        sqlite3_clear_bindings(s);
        std::lock_guard lock(m_mutex);
        auto &list = m_free[{db, sql}];
        if (list.size() < 4)
            list.push_back(s);
        else
            sqlite3_finalize(s);
    }
    void forget(sqlite3 *db)
    {
        std::lock_guard lock(m_mutex);
        for (auto it = m_free.begin(); it != m_free.end();) {
            if (it->first.first == db) {
                for (sqlite3_stmt *s : it->second)
                    sqlite3_finalize(s);
                it = m_free.erase(it);
            } else {
                ++it;
            }
        }
    }

private:
    std::mutex m_mutex;
    std::map<std::pair<sqlite3 *, std::string>, std::vector<sqlite3_stmt *>> m_free;
};

class Stmt
{
public:
    Stmt(sqlite3 *db, const char *sql)
        : m_db(db)
        , m_sql(sql)
    {
        m_s = StatementCache::instance().take(db, sql, m_rc);
    }
    ~Stmt()
    {
        if (m_rc == SQLITE_OK && m_s)
            StatementCache::instance().give(m_db, m_sql, m_s);
        else
            sqlite3_finalize(m_s);
    }
    Stmt(const Stmt &) = delete;
    Stmt &operator=(const Stmt &) = delete;
    Stmt &bind(int i, std::string_view s)
    {
        sqlite3_bind_text(m_s, i, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
        return *this;
    }
    Stmt &bind(int i, std::int64_t v)
    {
        sqlite3_bind_int64(m_s, i, v);
        return *this;
    }
    Stmt &reset()
    {
        sqlite3_reset(m_s);
        return *this;
    }
    int step() { return m_rc == SQLITE_OK ? sqlite3_step(m_s) : m_rc; }
    bool run() { return step() == SQLITE_DONE; }
    std::string text(int i) const
    {
        const auto *p = reinterpret_cast<const char *>(sqlite3_column_text(m_s, i));
        return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(m_s, i))) : std::string();
    }
    std::int64_t integer(int i) const { return sqlite3_column_int64(m_s, i); }
    Error error(const std::string &what) const { return makeError(ErrorCode::Database, what + ": " + sqlite3_errmsg(m_db)); }

private:
    sqlite3 *m_db;
    std::string m_sql; //!< a copy: the text may be a temporary's
    sqlite3_stmt *m_s = nullptr;
    int m_rc = SQLITE_ERROR;
};

Role roleOr(const std::string &s, Role fallback)
{
    return roleFromString(s).value_or(fallback);
}

InspectionRecord inspectionRow(const Stmt &s)
{
    return {s.text(0), s.text(1), s.text(2), s.text(3), workflowStatusFromString(s.text(4)).value_or(WorkflowStatus::Draft), s.text(5), {},
        s.integer(6), {}};
}

} // namespace

// SQLite copies the WAL's pages back into the database file (a checkpoint: page writes, then a sync
// of the database file) inside whichever commit took the WAL past 1,000 pages, on that connection's
// thread. Here that is the single writer, so every few hundred milliseconds of ingest one group of
// pushes waited for a whole checkpoint. This thread does the same PASSIVE checkpoint on its own
// connection instead, woken by the writer's commit hook at the same 1,000 pages, while the writer
// goes on committing.
// The WAL starts over only once a checkpoint has copied all of it, which a checkpoint running beside
// a busy writer never quite does: so at twice the mark the writer checkpoints itself, as SQLite
// would have. By then the thread has copied nearly everything, and the writer's share is the pages
// since, and the sync. The WAL stays under ~2,000 pages plus one commit.
class SqliteServerStore::Checkpointer
{
public:
    static constexpr int kPages = 1000; // SQLite's own automatic checkpoint threshold

    explicit Checkpointer(sqlite3 *db)
        : m_db(db)
        , m_thread([this] { run(); })
    {
    }
    ~Checkpointer()
    {
        {
            std::lock_guard lock(m_mutex);
            m_stop = true;
        }
        m_wake.notify_one();
        m_thread.join();
        sqlite3_close(m_db);
    }
    // sqlite3_wal_hook's callback: runs on the writer after each commit, with the WAL's page count.
    static int committed(void *self, sqlite3 *writer, const char *name, int pages)
    {
        auto *c = static_cast<Checkpointer *>(self);
        if (pages >= 2 * kPages) {
            // Busy when the thread is at it: the next commit tries again.
            c->checkpoint(writer, name, c->m_byWriter);
        } else if (pages >= kPages) {
            {
                std::lock_guard lock(c->m_mutex);
                c->m_due = true;
            }
            c->m_wake.notify_one();
        }
        return SQLITE_OK;
    }
    //! Checkpoints that copied pages: {by this thread, by the writer}.
    std::pair<std::uint64_t, std::uint64_t> counts() const { return {m_byThread.load(), m_byWriter.load()}; }

private:
    void run()
    {
        std::unique_lock lock(m_mutex);
        for (;;) {
            m_wake.wait(lock, [&] { return m_due || m_stop; });
            if (m_stop)
                return;
            m_due = false;
            lock.unlock();
            // Busy (another checkpoint, a backup) or failed: the next commit past the mark asks again.
            checkpoint(m_db, nullptr, m_byThread);
            lock.lock();
        }
    }
    static void checkpoint(sqlite3 *db, const char *name, std::atomic<std::uint64_t> &count)
    {
        int frames = 0, copied = 0;
        if (sqlite3_wal_checkpoint_v2(db, name, SQLITE_CHECKPOINT_PASSIVE, &frames, &copied) == SQLITE_OK && copied > 0)
            ++count;
    }

    sqlite3 *m_db;
    std::atomic<std::uint64_t> m_byThread {0}, m_byWriter {0};
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_due = false;
    bool m_stop = false;
    std::thread m_thread; // last: starts once the rest is set
};

Result<std::unique_ptr<ServerStore>> SqliteServerStore::open(const std::string &path)
{
    // Both connections are used only under their store's mutex: no lock per SQLite call.
    auto ops = OpStore::open(path, {.durable = true, .serialized = false});
    if (!ops)
        return ops.error();
    std::unique_ptr<SqliteServerStore> s(new SqliteServerStore());
    s->m_ops = std::move(ops.value());
    if (auto r = s->migrate(); !r)
        return r.error();
    // A second connection for reads: in WAL mode it sees the last commit without waiting for the
    // writer, so sign-in checks and pulls do not queue behind a push's fsync.
    auto read = OpStore::open(path, {.durable = true, .serialized = false, .check = false}); // checked just above
    if (!read)
        return read.error();
    s->m_read = std::move(read.value());
    // The writer's page cache at 1 MiB instead of SQLite's 2: the log's inner pages still fit (a
    // million operations' id index has ~150), its leaves never would, and the server stays ~1 MB
    // smaller while it takes pushes (bench_server: the same ops/s either way). The reader's too: a
    // pull walks the log's leaves in order, each read once, so a larger cache only holds them longer.
    for (OpStore *c : {s->m_ops.get(), s->m_read.get()})
        if (auto r = execSql(c->handle(), "PRAGMA cache_size=-1024"); !r)
            return r.error();
    // Checkpoints off the writer (Checkpointer). Without their connection SQLite's own stay on.
    sqlite3 *cp = nullptr;
    // One read first: a connection that has read nothing has not opened the WAL, and its checkpoints
    // do nothing (they return SQLITE_OK, with no pages copied).
    if (sqlite3_open_v2(path.c_str(), &cp, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr) == SQLITE_OK
        && execSql(cp, "SELECT count(*) FROM sqlite_master")) {
        s->m_checkpointer = std::make_unique<Checkpointer>(cp);
        sqlite3_wal_hook(s->m_ops->handle(), &Checkpointer::committed, s->m_checkpointer.get()); // replaces SQLite's own
    } else {
        sqlite3_close(cp);
    }
    return std::unique_ptr<ServerStore>(std::move(s));
}

Result<void> SqliteServerStore::migrate()
{
    sqlite3 *db = m_ops->handle();
    if (auto r = execSql(db, "CREATE TABLE IF NOT EXISTS server_schema (version INTEGER NOT NULL)"); !r)
        return r;
    Stmt v(db, "SELECT coalesce(max(version), 0) FROM server_schema");
    if (v.step() != SQLITE_ROW)
        return v.error("cannot read server schema version");
    int version = static_cast<int>(v.integer(0));
    constexpr int latest = static_cast<int>(std::size(kMigrations));
    if (version > latest)
        return makeError(ErrorCode::Database,
            "server database schema " + std::to_string(version) + " is newer than this server (" + std::to_string(latest) + ")");
    for (; version < latest; ++version) {
        Transaction tx(db);
        if (auto r = execSql(db, kMigrations[version]); !r)
            return makeError(ErrorCode::Database, "server migration " + std::to_string(version + 1) + " failed: " + r.error().message);
        Stmt ins(db, "INSERT INTO server_schema (version) VALUES (?1)");
        if (!ins.bind(1, std::int64_t(version + 1)).run())
            return ins.error("cannot record migration");
        if (auto r = tx.commit(); !r)
            return r;
    }
    return {};
}

Result<void> SqliteServerStore::createUser(const User &u, const std::string &hash)
{
    std::lock_guard lock(m_mutex);
    Stmt s(m_ops->handle(),
        "INSERT INTO users (username, display_name, role, password_hash, active, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    s.bind(1, u.username)
        .bind(2, u.displayName)
        .bind(3, toString(u.role))
        .bind(4, hash)
        .bind(5, std::int64_t(u.active))
        .bind(6, nowMillis());
    if (!s.run())
        return s.error("cannot create user " + u.username);
    return {};
}

Result<void> SqliteServerStore::updateUser(const User &u, const std::string &hash)
{
    std::lock_guard lock(m_mutex);
    Transaction tx(m_ops->handle());
    Stmt s(m_ops->handle(), "UPDATE users SET display_name = ?2, role = ?3, active = ?4 WHERE username = ?1");
    s.bind(1, u.username).bind(2, u.displayName).bind(3, toString(u.role)).bind(4, std::int64_t(u.active));
    if (!s.run())
        return s.error("cannot update user");
    if (!hash.empty()) {
        Stmt p(m_ops->handle(), "UPDATE users SET password_hash = ?2 WHERE username = ?1");
        if (!p.bind(1, u.username).bind(2, hash).run())
            return p.error("cannot set password");
    }
    if (!u.active || !hash.empty()) {
        // Deactivation or a new password ends every session of that user.
        Stmt t(m_ops->handle(), "DELETE FROM tokens WHERE username = ?1");
        if (!t.bind(1, u.username).run())
            return t.error("cannot end sessions");
    }
    return tx.commit();
}

Result<std::optional<std::pair<User, std::string>>> SqliteServerStore::userWithHash(const std::string &username)
{
    std::lock_guard lock(m_readMutex);
    Stmt s(m_read->handle(), "SELECT username, display_name, role, active, password_hash FROM users WHERE username = ?1");
    s.bind(1, username);
    const int rc = s.step();
    if (rc == SQLITE_DONE)
        return std::optional<std::pair<User, std::string>>();
    if (rc != SQLITE_ROW)
        return s.error("cannot read user");
    User u {s.text(0), s.text(1), roleOr(s.text(2), Role::Evaluator), s.integer(3) != 0};
    return std::optional<std::pair<User, std::string>>(std::make_pair(u, s.text(4)));
}

Result<std::vector<User>> SqliteServerStore::users()
{
    std::lock_guard lock(m_readMutex);
    Stmt s(m_read->handle(), "SELECT username, display_name, role, active FROM users ORDER BY username");
    std::vector<User> out;
    int rc;
    while ((rc = s.step()) == SQLITE_ROW)
        out.push_back({s.text(0), s.text(1), roleOr(s.text(2), Role::Evaluator), s.integer(3) != 0});
    if (rc != SQLITE_DONE)
        return s.error("cannot list users");
    return out;
}

Result<void> SqliteServerStore::saveToken(const std::string &tokenHash, const std::string &username, std::int64_t expiresAt)
{
    std::lock_guard lock(m_mutex);
    Stmt s(m_ops->handle(), "INSERT INTO tokens (token_hash, username, expires_at) VALUES (?1, ?2, ?3)");
    if (!s.bind(1, tokenHash).bind(2, username).bind(3, expiresAt).run())
        return s.error("cannot save session");
    Stmt old(m_ops->handle(), "DELETE FROM tokens WHERE expires_at < ?1");
    old.bind(1, nowMillis()).run();
    return {};
}

Result<std::optional<User>> SqliteServerStore::userForToken(const std::string &tokenHash, std::int64_t now)
{
    std::lock_guard lock(m_readMutex);
    Stmt s(m_read->handle(),
        "SELECT u.username, u.display_name, u.role, u.active FROM tokens t JOIN users u ON u.username = t.username "
        "WHERE t.token_hash = ?1 AND t.expires_at > ?2 AND u.active = 1");
    s.bind(1, tokenHash).bind(2, now);
    const int rc = s.step();
    if (rc == SQLITE_DONE)
        return std::optional<User>();
    if (rc != SQLITE_ROW)
        return s.error("cannot check session");
    return std::optional<User>(User {s.text(0), s.text(1), roleOr(s.text(2), Role::Evaluator), true});
}

Result<void> SqliteServerStore::deleteToken(const std::string &tokenHash)
{
    std::lock_guard lock(m_mutex);
    Stmt s(m_ops->handle(), "DELETE FROM tokens WHERE token_hash = ?1");
    if (!s.bind(1, tokenHash).run())
        return s.error("cannot end session");
    return {};
}

Result<int> SqliteServerStore::recentFailures(const std::string &username, std::int64_t since)
{
    std::lock_guard lock(m_readMutex);
    Stmt s(m_read->handle(), "SELECT count(*) FROM login_failures WHERE username = ?1 AND at >= ?2");
    s.bind(1, username).bind(2, since);
    if (s.step() != SQLITE_ROW)
        return s.error("cannot read login failures");
    return static_cast<int>(s.integer(0));
}

Result<void> SqliteServerStore::recordFailure(const std::string &username, std::int64_t at)
{
    std::lock_guard lock(m_mutex);
    Stmt s(m_ops->handle(), "INSERT INTO login_failures (username, at) VALUES (?1, ?2)");
    if (!s.bind(1, username).bind(2, at).run())
        return s.error("cannot record login failure");
    return {};
}

Result<void> SqliteServerStore::clearFailures(const std::string &username)
{
    std::lock_guard lock(m_mutex);
    Stmt s(m_ops->handle(), "DELETE FROM login_failures WHERE username = ?1");
    if (!s.bind(1, username).run())
        return s.error("cannot clear login failures");
    return {};
}

Result<void> SqliteServerStore::putInstitution(const Institution &inst)
{
    std::lock_guard lock(m_mutex);
    sqlite3 *db = m_ops->handle();
    Transaction tx(db);
    Stmt s(db,
        "INSERT INTO institutions (id, name, region, address, beds, type) VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
        "ON CONFLICT(id) DO UPDATE SET name = excluded.name, region = excluded.region, address = excluded.address, beds = excluded.beds, "
        "type = excluded.type");
    if (!s.bind(1, inst.id)
             .bind(2, inst.name)
             .bind(3, inst.region)
             .bind(4, inst.address)
             .bind(5, std::int64_t(inst.beds))
             .bind(6, inst.type)
             .run())
        return s.error("cannot save institution");
    Stmt del(db, "DELETE FROM institution_links WHERE institution = ?1");
    if (!del.bind(1, inst.id).run())
        return del.error("cannot save institution links");
    for (const auto &u : inst.linkedInspectors) {
        Stmt l(db, "INSERT OR IGNORE INTO institution_links (institution, username) VALUES (?1, ?2)");
        if (!l.bind(1, inst.id).bind(2, u).run())
            return l.error("cannot save institution links");
    }
    return tx.commit();
}

Result<std::vector<Institution>> SqliteServerStore::institutions(const std::string &only)
{
    std::lock_guard lock(m_readMutex);
    sqlite3 *db = m_read->handle();
    Stmt s(db, "SELECT id, name, region, address, beds, type FROM institutions WHERE ?1 = '' OR id = ?1 ORDER BY id");
    s.bind(1, only);
    std::vector<Institution> out;
    std::map<std::string, std::size_t> at;
    int rc;
    while ((rc = s.step()) == SQLITE_ROW) {
        out.push_back({s.text(0), s.text(1), s.text(2), s.text(3), static_cast<int>(s.integer(4)), {}, s.text(5)});
        at.emplace(out.back().id, out.size() - 1);
    }
    if (rc != SQLITE_DONE)
        return s.error("cannot list institutions");
    // Every link in one pass, not one query per institution.
    Stmt l(db, "SELECT institution, username FROM institution_links WHERE ?1 = '' OR institution = ?1 ORDER BY institution, username");
    l.bind(1, only);
    while ((rc = l.step()) == SQLITE_ROW)
        if (auto it = at.find(l.text(0)); it != at.end())
            out[it->second].linkedInspectors.push_back(l.text(1));
    if (rc != SQLITE_DONE)
        return l.error("cannot list avoidance links");
    return out;
}

Result<bool> SqliteServerStore::putTemplate(const TemplateRecord &t)
{
    std::lock_guard lock(m_mutex);
    Stmt existing(m_ops->handle(), "SELECT sha256 FROM templates WHERE id = ?1 AND version = ?2");
    existing.bind(1, t.id).bind(2, t.version);
    if (existing.step() == SQLITE_ROW)
        return existing.text(0) == t.sha256 ? false : Result<bool>(makeError(ErrorCode::InvalidArgument, "conflict"));
    Stmt s(m_ops->handle(), "INSERT INTO templates (id, version, sha256, json, uploaded_at) VALUES (?1, ?2, ?3, ?4, ?5)");
    if (!s.bind(1, t.id).bind(2, t.version).bind(3, t.sha256).bind(4, t.json).bind(5, t.uploadedAt).run())
        return s.error("cannot save template");
    return true;
}

Result<std::optional<TemplateRecord>> SqliteServerStore::templateRecord(const std::string &id, const std::string &version)
{
    std::lock_guard lock(m_readMutex);
    Stmt s(m_read->handle(), "SELECT id, version, sha256, json, uploaded_at FROM templates WHERE id = ?1 AND version = ?2");
    s.bind(1, id).bind(2, version);
    const int rc = s.step();
    if (rc == SQLITE_DONE)
        return std::optional<TemplateRecord>();
    if (rc != SQLITE_ROW)
        return s.error("cannot read template");
    return std::optional<TemplateRecord>(TemplateRecord {s.text(0), s.text(1), s.text(2), s.text(3), s.integer(4)});
}

Result<std::vector<TemplateRecord>> SqliteServerStore::templates()
{
    std::lock_guard lock(m_readMutex);
    Stmt s(m_read->handle(), "SELECT id, version, sha256, '', uploaded_at FROM templates ORDER BY id, version");
    std::vector<TemplateRecord> out;
    int rc;
    while ((rc = s.step()) == SQLITE_ROW)
        out.push_back({s.text(0), s.text(1), s.text(2), {}, s.integer(4)});
    if (rc != SQLITE_DONE)
        return s.error("cannot list templates");
    return out;
}

Result<void> SqliteServerStore::createInspection(const InspectionRecord &rec, std::int64_t draw)
{
    std::lock_guard lock(m_mutex);
    sqlite3 *db = m_ops->handle();
    Transaction tx(db);
    Stmt s(db,
        "INSERT INTO inspections (id, institution, template_id, template_version, status, planned_date, created_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    s.bind(1, rec.id)
        .bind(2, rec.institution)
        .bind(3, rec.templateId)
        .bind(4, rec.templateVersion)
        .bind(5, toString(rec.status))
        .bind(6, rec.plannedDate)
        .bind(7, rec.createdAt);
    if (!s.run())
        return s.error("cannot create inspection " + rec.id);
    for (const auto &m : rec.team) {
        Stmt ms(db, "INSERT INTO members (inspection, username, role) VALUES (?1, ?2, ?3)");
        if (!ms.bind(1, rec.id).bind(2, m.username).bind(3, toString(m.role)).run())
            return ms.error("cannot add " + m.username + " to the team");
    }
    if (draw > 0) {
        Stmt d(db, "INSERT INTO draw_inspections (inspection, draw) VALUES (?1, ?2)");
        if (!d.bind(1, rec.id).bind(2, draw).run())
            return d.error("cannot link inspection " + rec.id + " to draw " + std::to_string(draw));
    }
    return tx.commit();
}

Result<std::map<std::string, std::int64_t>> SqliteServerStore::inspectionDraws()
{
    std::lock_guard lock(m_readMutex);
    Stmt s(m_read->handle(), "SELECT inspection, draw FROM draw_inspections");
    std::map<std::string, std::int64_t> out;
    int rc;
    while ((rc = s.step()) == SQLITE_ROW)
        out.emplace(s.text(0), s.integer(1));
    if (rc != SQLITE_DONE)
        return s.error("cannot read the draws' inspections");
    return out;
}

Result<std::vector<std::pair<std::int64_t, std::string>>> SqliteServerStore::draws()
{
    std::lock_guard lock(m_readMutex);
    Stmt s(m_read->handle(), "SELECT id, json FROM draws ORDER BY id DESC");
    std::vector<std::pair<std::int64_t, std::string>> out;
    int rc;
    while ((rc = s.step()) == SQLITE_ROW)
        out.emplace_back(s.integer(0), s.text(1));
    if (rc != SQLITE_DONE)
        return s.error("cannot read the draws");
    return out;
}

Result<std::vector<Member>> SqliteServerStore::team(sqlite3 *db, const std::string &inspection)
{
    Stmt s(db, "SELECT username, role FROM members WHERE inspection = ?1 ORDER BY username");
    s.bind(1, inspection);
    std::vector<Member> out;
    int rc;
    while ((rc = s.step()) == SQLITE_ROW)
        out.push_back({s.text(0), roleOr(s.text(1), Role::Evaluator)});
    if (rc != SQLITE_DONE)
        return s.error("cannot read team");
    return out;
}

namespace {
constexpr const char *kInspectionColumns = "i.id, i.institution, i.template_id, i.template_version, i.status, i.planned_date, i.created_at";
}

Result<std::optional<InspectionRecord>> SqliteServerStore::inspection(const std::string &id)
{
    std::lock_guard lock(m_readMutex);
    Stmt s(m_read->handle(), (std::string("SELECT ") + kInspectionColumns + " FROM inspections i WHERE i.id = ?1").c_str());
    s.bind(1, id);
    const int rc = s.step();
    if (rc == SQLITE_DONE)
        return std::optional<InspectionRecord>();
    if (rc != SQLITE_ROW)
        return s.error("cannot read inspection");
    InspectionRecord r = inspectionRow(s);
    auto t = team(m_read->handle(), id);
    if (!t)
        return t.error();
    r.team = std::move(t.value());
    return std::optional<InspectionRecord>(std::move(r));
}

Result<std::vector<InspectionRecord>> SqliteServerStore::inspections(const std::string &username)
{
    std::lock_guard lock(m_readMutex);
    const std::string sql = std::string("SELECT ") + kInspectionColumns + " FROM inspections i"
        + (username.empty() ? "" : " WHERE i.id IN (SELECT inspection FROM members WHERE username = ?1)")
        + " ORDER BY i.planned_date, i.id";
    Stmt s(m_read->handle(), sql.c_str());
    if (!username.empty())
        s.bind(1, username);
    std::vector<InspectionRecord> out;
    int rc;
    while ((rc = s.step()) == SQLITE_ROW)
        out.push_back(inspectionRow(s));
    if (rc != SQLITE_DONE)
        return s.error("cannot list inspections");
    for (auto &r : out) {
        auto t = team(m_read->handle(), r.id);
        if (!t)
            return t.error();
        r.team = std::move(t.value());
    }
    return out;
}

Result<std::vector<MemberSync>> SqliteServerStore::storedMemberSync(const std::string &inspection)
{
    std::lock_guard lock(m_readMutex);
    Stmt s(m_read->handle(), "SELECT username, last_push, last_pull, pushes FROM members WHERE inspection = ?1 ORDER BY username");
    s.bind(1, inspection);
    std::vector<MemberSync> out;
    int rc;
    while ((rc = s.step()) == SQLITE_ROW)
        out.push_back({s.text(0), s.integer(1), s.integer(2), static_cast<std::size_t>(s.integer(3))});
    if (rc != SQLITE_DONE)
        return s.error("cannot read sync records");
    return out;
}

Result<std::map<std::string, OpStats>> SqliteServerStore::opStats()
{
    // Read once — a scan of the whole log (~0.3 s for a million operations), which on the reader
    // connection held every pull and push look-ahead behind it at each refresh of the progress
    // board — then kept by the writer as groups commit, as the operation count is.
    {
        std::lock_guard g(m_statsMutex);
        if (m_stats)
            return *m_stats;
    }
    std::lock_guard lock(m_mutex); // no group commits while reading
    std::lock_guard g(m_statsMutex);
    if (!m_stats) {
        Stmt s(m_ops->handle(), "SELECT inspection, count(*), min(time), max(time), max(seq) FROM ops GROUP BY inspection");
        std::map<std::string, OpStats> out;
        int rc;
        while ((rc = s.step()) == SQLITE_ROW)
            out.emplace(s.text(0), OpStats {static_cast<std::size_t>(s.integer(1)), s.integer(2), s.integer(3), s.integer(4)});
        if (rc != SQLITE_DONE)
            return s.error("cannot count operations");
        m_stats = std::move(out);
    }
    return *m_stats;
}

Result<std::map<std::string, std::vector<MemberSync>>> SqliteServerStore::storedMemberSyncAll()
{
    std::lock_guard lock(m_readMutex);
    Stmt s(m_read->handle(), "SELECT inspection, username, last_push, last_pull, pushes FROM members ORDER BY inspection, username");
    std::map<std::string, std::vector<MemberSync>> out;
    int rc;
    while ((rc = s.step()) == SQLITE_ROW)
        out[s.text(0)].push_back({s.text(1), s.integer(2), s.integer(3), static_cast<std::size_t>(s.integer(4))});
    if (rc != SQLITE_DONE)
        return s.error("cannot read sync records");
    return out;
}

Result<std::map<std::string, std::int64_t>> SqliteServerStore::lastLogins()
{
    std::lock_guard lock(m_readMutex);
    Stmt s(m_read->handle(), "SELECT username, max(at) FROM audit WHERE action = 'login' GROUP BY username");
    std::map<std::string, std::int64_t> out;
    int rc;
    while ((rc = s.step()) == SQLITE_ROW)
        out.emplace(s.text(0), s.integer(1));
    if (rc != SQLITE_DONE)
        return s.error("cannot read sign-ins");
    return out;
}

Result<void> SqliteServerStore::writePulls(sqlite3 *db)
{
    for (const auto &[key, at] : takePendingPulls()) {
        Stmt s(db, "UPDATE members SET last_pull = max(last_pull, ?3) WHERE inspection = ?1 AND username = ?2");
        if (!s.bind(1, key.first).bind(2, key.second).bind(3, at).run())
            return s.error("cannot record pull");
    }
    return {};
}

SqliteServerStore::~SqliteServerStore()
{
    if (!m_ops)
        return;
    {
        std::lock_guard lock(m_mutex);
        Transaction tx(m_ops->handle());
        if (tx.ok() && writePulls(m_ops->handle()))
            (void)tx.commit();
    }
    if (m_checkpointer) {
        sqlite3_wal_hook(m_ops->handle(), nullptr, nullptr);
        m_checkpointer.reset();
    }
    // The connections close after this: their kept statements go first.
    StatementCache::instance().forget(m_ops->handle());
    if (m_read)
        StatementCache::instance().forget(m_read->handle());
}

void SqliteServerStore::runGroup(const std::vector<PushJob *> &group)
{
    std::lock_guard lock(m_mutex);
    ++m_groups;
    m_groupedPushes += group.size();
    sqlite3 *db = m_ops->handle();
    Transaction tx(db);
    if (!tx.ok()) {
        for (PushJob *j : group)
            j->written = Result<std::vector<PushResult>>(makeError(ErrorCode::Database, "cannot start push: " + tx.error()));
        return;
    }
    std::vector<Result<std::vector<PushResult>>> results;
    results.reserve(group.size());
    (void)writePulls(db); // rides along: no commit of its own
    std::vector<OpStats> added(group.size()); // what each push stored, counted once the group is durable
    for (std::size_t i = 0; i < group.size(); ++i) {
        Transaction one(db); // a savepoint: this push alone rolls back if it fails
        auto r = pushOne(*group[i], added[i]);
        if (r)
            if (auto c = one.commit(); !c)
                r = c.error();
        results.push_back(std::move(r));
    }
    if (auto c = tx.commit(); !c) {
        for (PushJob *j : group)
            j->written = Result<std::vector<PushResult>>(makeError(ErrorCode::Database, "cannot commit push: " + c.error().message));
        return;
    }
    // Only now, with the group durable, does any push get its answer.
    std::int64_t stored = 0;
    {
        std::lock_guard g(m_statsMutex);
        for (std::size_t i = 0; i < group.size(); ++i) {
            if (results[i] && added[i].operations > 0) { // what the push stored: its accepted operations
                stored += static_cast<std::int64_t>(added[i].operations);
                if (m_stats)
                    (*m_stats)[group[i]->inspection].add(added[i]);
            }
            group[i]->written = std::move(results[i]);
        }
    }
    if (m_opCount >= 0)
        m_opCount += stored;
}

Result<std::vector<char>> SqliteServerStore::storedIds(sqlite3 *db, const std::vector<Operation> &batch)
{
    // One indexed lookup per id on one prepared statement. (A single `id IN (SELECT value FROM
    // json_each(?))` cost more: the id list written as JSON and parsed back, an ephemeral table, and a
    // map from the ids it returned back to their places in the batch.)
    std::vector<char> known(batch.size(), 0);
    if (batch.empty())
        return known;
    // All in one read transaction (the reader is in none: autocommit), not one each.
    const bool own = sqlite3_get_autocommit(db) != 0;
    if (own && sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr) != SQLITE_OK)
        return makeError(ErrorCode::Database, std::string("cannot look up pushed operations: ") + sqlite3_errmsg(db));
    Result<std::vector<char>> out = std::move(known);
    {
        Stmt k(db, "SELECT 1 FROM ops WHERE id = ?1");
        for (std::size_t i = 0; i < batch.size(); ++i) {
            const auto id = batch[i].id.chars();
            const int rc = k.reset().bind(1, std::string_view(id.data(), id.size())).step();
            if (rc == SQLITE_ROW)
                out.value()[i] = 1;
            else if (rc != SQLITE_DONE) {
                out = k.error("cannot look up pushed operations");
                break;
            }
        }
    }
    if (own)
        sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr); // ends a read: nothing to write
    return out;
}

void SqliteServerStore::lookAhead(PushJob &job)
{
    std::lock_guard lock(m_readMutex);
    if (auto k = storedIds(m_read->handle(), job.batch))
        job.known = std::move(k.value());
    // else: the writer looks them up itself
}

Result<std::vector<PushResult>> SqliteServerStore::pushOne(const PushJob &job, OpStats &added)
{
    sqlite3 *db = m_ops->handle();
    const std::string &inspection = job.inspection;
    auto &batch = job.batch;
    Stmt s(db, (std::string("SELECT ") + kInspectionColumns + " FROM inspections i WHERE i.id = ?1").c_str());
    s.bind(1, inspection);
    if (s.step() != SQLITE_ROW)
        return makeError(ErrorCode::NotFound, "no inspection " + inspection);
    InspectionRecord current = inspectionRow(s);
    auto t = team(db, inspection);
    if (!t)
        return t.error();
    current.team = std::move(t.value());
    Stmt clocks(db, "SELECT device, clock FROM device_clocks WHERE inspection = ?1");
    clocks.bind(1, inspection);
    int rc;
    while ((rc = clocks.step()) == SQLITE_ROW)
        current.clocks.clocks[clocks.text(0)] = static_cast<std::uint64_t>(clocks.integer(1));
    if (rc != SQLITE_DONE)
        return clocks.error("cannot read device clocks");

    // What the server already has is reported as such before anything is judged: a re-push after a
    // lock, or of a submit, is a repeat, not a new change to refuse. Looked up before the push queued
    // (on the reader connection, outside the single writer); an id stored since then by a push that
    // raced this one is caught below: as a refusal re-checked here, or as a duplicate by the append.
    std::vector<PushResult> results(batch.size());
    for (std::size_t i = 0; i < batch.size(); ++i)
        results[i].id = batch[i].id;
    std::vector<char> fresh;
    const bool lookedAhead = job.known.size() == batch.size();
    if (!lookedAhead) {
        auto k = storedIds(db, batch);
        if (!k)
            return k.error();
        fresh = std::move(k.value());
    }
    const std::vector<char> &known = lookedAhead ? job.known : fresh;
    for (std::size_t i = 0; i < batch.size(); ++i)
        if (known[i])
            results[i].status = PushStatus::AlreadyHad;
    WorkflowStatus status = current.status;
    job.decide(current, batch, results, status);
    if (lookedAhead)
        for (std::size_t i = 0; i < batch.size(); ++i) {
            if (results[i].status != PushStatus::Refused || known[i])
                continue;
            Stmt k(db, "SELECT 1 FROM ops WHERE id = ?1");
            k.bind(1, batch[i].id.toString());
            const int rc = k.step();
            if (rc == SQLITE_ROW)
                results[i] = PushResult {.id = batch[i].id, .status = PushStatus::AlreadyHad};
            else if (rc != SQLITE_DONE)
                return k.error("cannot look up a pushed operation");
        }
    // A copy the server already has must be the same operation; one that differs is refused, never
    // reported as stored (rules.h, checkSameCopy). Only re-sent operations pay this lookup.
    auto sameAsStored = [&](std::size_t i, const Operation &op) -> Result<void> {
        auto stored = m_ops->find(op.id);
        if (!stored)
            return stored.error();
        if (stored->has_value())
            if (auto r = checkSameCopy(op, (*stored)->op))
                results[i].refuse(std::move(*r));
        return {};
    };
    for (std::size_t i = 0; i < batch.size(); ++i)
        if (results[i].status == PushStatus::AlreadyHad)
            if (auto r = sameAsStored(i, batch[i]); !r)
                return r.error();

    std::vector<Operation> accepted;
    std::vector<std::size_t> index;
    Frontier grown;
    for (std::size_t i = 0; i < batch.size(); ++i)
        if (results[i].status == PushStatus::Accepted) {
            accepted.push_back(std::move(batch[i])); // the batch is not read after the push
            index.push_back(i);
        }
    auto appended = m_ops->append(accepted, SyncState::Remote);
    if (!appended)
        return appended.error();
    std::set<std::string> named;
    for (std::size_t k = 0; k < index.size(); ++k) {
        if (appended->outcomes[k] == AppendOutcome::Duplicate) {
            results[index[k]].status = PushStatus::AlreadyHad; // the same id twice within one batch
            if (auto r = sameAsStored(index[k], accepted[k]); !r)
                return r.error();
            continue;
        }
        added.add({1, accepted[k].time, accepted[k].time, appended->lastSeq});
        if (!current.clocks.covers(accepted[k]))
            grown.add(accepted[k]);
        for (auto &sha : blobNames(accepted[k]))
            named.insert(std::move(sha));
    }
    for (const auto &sha : named) {
        Stmt u(db, "INSERT OR IGNORE INTO blob_refs (sha256, inspection) VALUES (?1, ?2)");
        if (!u.bind(1, sha).bind(2, inspection).run())
            return u.error("cannot record which blobs an inspection names");
    }
    for (const auto &[device, clock] : grown.clocks) {
        Stmt u(db,
            "INSERT INTO device_clocks (inspection, device, clock) VALUES (?1, ?2, ?3) "
            "ON CONFLICT (inspection, device) DO UPDATE SET clock = max(clock, excluded.clock)");
        if (!u.bind(1, inspection).bind(2, device).bind(3, static_cast<std::int64_t>(clock)).run())
            return u.error("cannot record device clock");
    }
    if (status != current.status) {
        Stmt u(db, "UPDATE inspections SET status = ?2 WHERE id = ?1");
        if (!u.bind(1, inspection).bind(2, toString(status)).run())
            return u.error("cannot update inspection status");
    }
    Stmt m(db, "UPDATE members SET last_push = ?3, pushes = pushes + 1 WHERE inspection = ?1 AND username = ?2");
    if (!m.bind(1, inspection).bind(2, job.username).bind(3, job.now).run())
        return m.error("cannot record push");
    return results;
}

Result<std::vector<Operation>> SqliteServerStore::operations(const std::string &inspection)
{
    std::lock_guard lock(m_readMutex);
    return m_read->operations(inspection);
}

Result<OpPage> SqliteServerStore::operationsAfter(const std::string &inspection, std::int64_t cursor, std::size_t limit)
{
    std::lock_guard lock(m_readMutex);
    return m_read->after(cursor, limit, inspection);
}

Result<PageEnd> SqliteServerStore::visitOperationsAfter(
    const std::string &inspection, std::int64_t cursor, std::size_t limit, const std::function<Result<void>(const StoredOpView &)> &visit)
{
    std::lock_guard lock(m_readMutex);
    return m_read->visitAfter(cursor, limit, inspection, visit);
}

std::size_t SqliteServerStore::operationCount()
{
    // Counted once (count(*) reads a whole index: 23 ms with 1.5 million operations, on every
    // /healthz and /metrics before), then kept by the writer: runGroup adds what each committed
    // group stored, and nothing else writes the log (the server never deletes an operation).
    if (const auto n = m_opCount.load(); n >= 0)
        return static_cast<std::size_t>(n);
    std::lock_guard lock(m_mutex); // no group commits while counting
    if (m_opCount < 0)
        if (auto n = m_ops->count())
            m_opCount = static_cast<std::int64_t>(n.value());
    return static_cast<std::size_t>(std::max<std::int64_t>(m_opCount, 0));
}

std::pair<std::uint64_t, std::uint64_t> SqliteServerStore::walCheckpoints() const
{
    if (!m_checkpointer)
        return {0, 0};
    return m_checkpointer->counts();
}

Result<std::int64_t> SqliteServerStore::saveDraw(const std::string &username, const std::string &json, std::int64_t at)
{
    std::lock_guard lock(m_mutex);
    Stmt s(m_ops->handle(), "INSERT INTO draws (username, json, at) VALUES (?1, ?2, ?3)");
    if (!s.bind(1, username).bind(2, json).bind(3, at).run())
        return s.error("cannot save draw");
    return static_cast<std::int64_t>(sqlite3_last_insert_rowid(m_ops->handle()));
}

Result<std::optional<std::string>> SqliteServerStore::draw(std::int64_t id)
{
    std::lock_guard lock(m_readMutex);
    Stmt s(m_read->handle(), "SELECT json FROM draws WHERE id = ?1");
    s.bind(1, id);
    const int rc = s.step();
    if (rc == SQLITE_DONE)
        return std::optional<std::string>();
    if (rc != SQLITE_ROW)
        return s.error("cannot read draw");
    return std::optional<std::string>(s.text(0));
}

Result<void> SqliteServerStore::putBlob(const BlobRecord &b)
{
    std::lock_guard lock(m_mutex);
    Stmt s(m_ops->handle(), "INSERT OR IGNORE INTO blobs (sha256, size, uploader, created_at) VALUES (?1, ?2, ?3, ?4)");
    if (!s.bind(1, b.sha256).bind(2, b.size).bind(3, b.uploader).bind(4, b.createdAt).run())
        return s.error("cannot record blob");
    return {};
}

Result<std::optional<BlobRecord>> SqliteServerStore::blob(const std::string &sha256)
{
    std::lock_guard lock(m_readMutex);
    Stmt s(m_read->handle(), "SELECT sha256, size, uploader, created_at FROM blobs WHERE sha256 = ?1");
    s.bind(1, sha256);
    const int rc = s.step();
    if (rc == SQLITE_DONE)
        return std::optional<BlobRecord>();
    if (rc != SQLITE_ROW)
        return s.error("cannot read blob");
    return std::optional<BlobRecord>(BlobRecord {s.text(0), s.integer(1), s.text(2), s.integer(3)});
}

Result<bool> SqliteServerStore::blobReferencedFor(const std::string &sha256, const std::string &username)
{
    std::lock_guard lock(m_readMutex);
    // Photos are attached by photo.attach (value {"sha256": …}); signatures are values of set
    // operations ({"sha256": …, "signer": …}); blob_refs lists them per inspection as they are stored.
    Stmt s(m_read->handle(),
        "SELECT 1 FROM blob_refs r JOIN members m ON m.inspection = r.inspection WHERE r.sha256 = ?2 AND m.username = ?1 LIMIT 1");
    s.bind(1, username).bind(2, sha256);
    const int rc = s.step();
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return s.error("cannot look up who may read a blob");
    return rc == SQLITE_ROW;
}

Result<std::set<std::string>> SqliteServerStore::blobsReferencedFor(const std::string &username)
{
    std::lock_guard lock(m_readMutex);
    Stmt s(
        m_read->handle(), "SELECT DISTINCT r.sha256 FROM blob_refs r JOIN members m ON m.inspection = r.inspection WHERE m.username = ?1");
    s.bind(1, username);
    std::set<std::string> out;
    int rc;
    while ((rc = s.step()) == SQLITE_ROW)
        out.insert(s.text(0));
    if (rc != SQLITE_DONE)
        return s.error("cannot list the blobs of a member's inspections");
    return out;
}

Result<bool> SqliteServerStore::isMemberOfAny(const std::string &username)
{
    std::lock_guard lock(m_readMutex);
    Stmt s(m_read->handle(), "SELECT 1 FROM members WHERE username = ?1 LIMIT 1");
    s.bind(1, username);
    const int rc = s.step();
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return s.error("cannot read memberships");
    return rc == SQLITE_ROW;
}

Result<void> SqliteServerStore::audit(const std::string &username, const std::string &action, const std::string &detail, std::int64_t at)
{
    std::lock_guard lock(m_mutex);
    Stmt s(m_ops->handle(), "INSERT INTO audit (at, username, action, detail) VALUES (?1, ?2, ?3, ?4)");
    if (!s.bind(1, at).bind(2, username).bind(3, action).bind(4, detail).run())
        return s.error("cannot write audit log");
    return {};
}

Result<std::vector<AuditEntry>> SqliteServerStore::auditEntries(std::size_t limit, std::int64_t before)
{
    std::lock_guard lock(m_readMutex);
    Stmt s(m_read->handle(), "SELECT id, at, username, action, detail FROM audit WHERE (?2 = 0 OR id < ?2) ORDER BY id DESC LIMIT ?1");
    s.bind(1, static_cast<std::int64_t>(limit));
    s.bind(2, before);
    std::vector<AuditEntry> out;
    int rc;
    while ((rc = s.step()) == SQLITE_ROW)
        out.push_back({s.integer(0), s.integer(1), s.text(2), s.text(3), s.text(4)});
    if (rc != SQLITE_DONE)
        return s.error("cannot read the audit log");
    return out;
}

} // namespace careeval::server
