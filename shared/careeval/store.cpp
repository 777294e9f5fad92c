#include "store.h"

#include <sqlite3.h>

#include <algorithm>
#include <cstring>
#include <functional>
#include <limits>
#include <mutex>
#include <vector>

namespace careeval {

namespace {

// Numbered migrations: index i brings the schema from version i to i+1. Never edit a shipped one;
// append a new one.
constexpr const char *kMigrations[] = {
    // 1: the operation log and a key/value table for cursors, device id and the Lamport clock.
    R"sql(
CREATE TABLE ops (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    id         TEXT    NOT NULL UNIQUE,
    inspection TEXT    NOT NULL,
    author     TEXT    NOT NULL,
    device     TEXT    NOT NULL,
    clock      INTEGER NOT NULL,
    time       INTEGER NOT NULL,
    kind       TEXT    NOT NULL,
    target     TEXT    NOT NULL,
    value      TEXT    NOT NULL,
    state      INTEGER NOT NULL DEFAULT 0,
    refusal    TEXT
);
CREATE INDEX ops_inspection ON ops (inspection, seq);
CREATE INDEX ops_pending ON ops (state, seq) WHERE state = 0;
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
)sql",
};

// Statement wrapper that finalizes itself.
class Stmt
{
public:
    Stmt(sqlite3 *db, const char *sql) { m_rc = sqlite3_prepare_v2(db, sql, -1, &m_s, nullptr); }
    ~Stmt() { sqlite3_finalize(m_s); }
    Stmt(const Stmt &) = delete;
    Stmt &operator=(const Stmt &) = delete;
    bool ok() const { return m_rc == SQLITE_OK; }
    sqlite3_stmt *get() const { return m_s; }
    void text(int i, std::string_view s) { sqlite3_bind_text(m_s, i, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT); }
    void integer(int i, std::int64_t v) { sqlite3_bind_int64(m_s, i, v); }
    int step() { return sqlite3_step(m_s); }

private:
    sqlite3_stmt *m_s = nullptr;
    int m_rc;
};

std::string column(sqlite3_stmt *s, int i)
{
    const auto *p = reinterpret_cast<const char *>(sqlite3_column_text(s, i));
    return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(s, i))) : std::string();
}

constexpr const char *kColumns = "seq, id, inspection, author, device, clock, time, kind, target, value, state, refusal";

// Rows written by this store are valid by construction; a row that is not (edited by hand, a newer
// schema) is reported rather than silently skipped.
Result<StoredOp> readRow(sqlite3_stmt *s)
{
    StoredOp r;
    r.seq = sqlite3_column_int64(s, 0);
    const std::string id = column(s, 1);
    auto uuid = Uuid::parse(id);
    auto kind = opKindFromString(column(s, 7));
    if (!uuid || !kind)
        return makeError(ErrorCode::Database, "stored operation at seq " + std::to_string(r.seq) + " is damaged (id or kind)");
    r.op.id = *uuid;
    r.op.inspection = column(s, 2);
    r.op.author = column(s, 3);
    r.op.device = column(s, 4);
    r.op.clock = static_cast<std::uint64_t>(sqlite3_column_int64(s, 5));
    r.op.time = sqlite3_column_int64(s, 6);
    r.op.kind = *kind;
    r.op.target = column(s, 8);
    r.op.value = column(s, 9);
    r.state = static_cast<SyncState>(sqlite3_column_int(s, 10));
    r.refusal = column(s, 11);
    return r;
}

} // namespace

Result<void> execSql(sqlite3 *db, const char *sql)
{
    char *err = nullptr;
    if (sqlite3_exec(db, sql, nullptr, nullptr, &err) != SQLITE_OK) {
        std::string msg = err ? err : sqlite3_errmsg(db);
        sqlite3_free(err);
        return makeError(ErrorCode::Database, msg);
    }
    return {};
}

// Outside a transaction this is BEGIN IMMEDIATE … COMMIT; inside one (a caller's larger unit of
// work) it becomes a savepoint, so the inner work commits or rolls back with the outer transaction.
Transaction::Transaction(sqlite3 *db)
    : m_db(db)
    , m_nested(sqlite3_get_autocommit(db) == 0)
{
    auto r = execSql(db, m_nested ? "SAVEPOINT careeval_tx" : "BEGIN IMMEDIATE");
    m_active = r.ok();
    if (!r)
        m_error = r.error().message;
}

Transaction::~Transaction()
{
    if (!m_active)
        return;
    if (m_nested)
        sqlite3_exec(m_db, "ROLLBACK TO careeval_tx; RELEASE careeval_tx", nullptr, nullptr, nullptr);
    else
        sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr);
}

Result<void> Transaction::commit()
{
    if (!m_active)
        return makeError(ErrorCode::Database, "no transaction to commit: " + m_error);
    auto r = execSql(m_db, m_nested ? "RELEASE careeval_tx" : "COMMIT");
    if (r)
        m_active = false;
    return r;
}

Error OpStore::dbError(const std::string &what) const
{
    return makeError(ErrorCode::Database, what + ": " + sqlite3_errmsg(m_db));
}

Result<std::unique_ptr<OpStore>> OpStore::open(const std::string &path, StoreOptions options)
{
    // SQLite counts every allocation under a global mutex unless told not to; nothing here reads
    // those counts, and on a busy server the lock was a tenth of the push path.
    static std::once_flag configured;
    std::call_once(configured, [] { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
    std::unique_ptr<OpStore> store(new OpStore());
    const int rc = sqlite3_open_v2(path.c_str(), &store->m_db,
        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | (options.serialized ? SQLITE_OPEN_FULLMUTEX : SQLITE_OPEN_NOMUTEX), nullptr);
    if (rc != SQLITE_OK) {
        std::string msg = store->m_db ? sqlite3_errmsg(store->m_db) : "out of memory";
        return makeError(ErrorCode::Database, "cannot open database " + path + ": " + msg);
    }
    sqlite3_busy_timeout(store->m_db, 5000);
    sqlite3_extended_result_codes(store->m_db, 1);
    if (path != ":memory:") {
        if (auto r = execSql(store->m_db, "PRAGMA journal_mode=WAL"); !r)
            return makeError(ErrorCode::Database, "cannot use " + path + ": " + r.error().message);
    }
    if (auto r = execSql(store->m_db, options.durable ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL"); !r)
        return r.error();
    if (auto r = execSql(store->m_db, "PRAGMA foreign_keys=ON"); !r)
        return r.error();
    // Refuse a database that is not ours or is damaged, before touching it.
    if (options.check) {
        Stmt check(store->m_db, "PRAGMA quick_check");
        if (!check.ok() || check.step() != SQLITE_ROW || column(check.get(), 0) != "ok")
            return makeError(ErrorCode::Database, path + " is not a usable database: " + sqlite3_errmsg(store->m_db));
    }
    if (auto r = store->migrate(); !r)
        return r.error();
    const char *insert = "INSERT OR IGNORE INTO ops (id, inspection, author, device, clock, time, kind, target, value, state) "
                         "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";
    if (sqlite3_prepare_v2(store->m_db, insert, -1, &store->m_insert, nullptr) != SQLITE_OK)
        return store->dbError("cannot prepare insert");
    std::string many = "INSERT OR IGNORE INTO ops (id, inspection, author, device, clock, time, kind, target, value, state) VALUES ";
    for (int i = 0; i < kInsertRows; ++i)
        many += i ? ",(?,?,?,?,?,?,?,?,?,?)" : "(?,?,?,?,?,?,?,?,?,?)";
    if (sqlite3_prepare_v3(store->m_db, many.c_str(), -1, SQLITE_PREPARE_PERSISTENT, &store->m_insertMany, nullptr) != SQLITE_OK)
        return store->dbError("cannot prepare insert");
    if (sqlite3_prepare_v3(store->m_db, "SELECT seq FROM ops WHERE id = ?1", -1, SQLITE_PREPARE_PERSISTENT, &store->m_seqOf, nullptr)
        != SQLITE_OK)
        return store->dbError("cannot prepare lookup");
    return store;
}

OpStore::~OpStore()
{
    sqlite3_finalize(m_insert);
    sqlite3_finalize(m_insertMany);
    sqlite3_finalize(m_seqOf);
    sqlite3_close_v2(m_db);
}

Result<void> OpStore::migrate()
{
    Stmt v(m_db, "PRAGMA user_version");
    if (!v.ok() || v.step() != SQLITE_ROW)
        return dbError("cannot read schema version");
    int version = sqlite3_column_int(v.get(), 0);
    constexpr int latest = static_cast<int>(std::size(kMigrations));
    if (version > latest)
        return makeError(ErrorCode::Database,
            "database schema version " + std::to_string(version) + " is newer than this program understands (" + std::to_string(latest)
                + ")");
    for (; version < latest; ++version) {
        Transaction tx(m_db);
        if (!tx.ok())
            return makeError(ErrorCode::Database, "cannot start migration: " + tx.error());
        if (auto r = execSql(m_db, kMigrations[version]); !r)
            return makeError(ErrorCode::Database, "migration " + std::to_string(version + 1) + " failed: " + r.error().message);
        const std::string set = "PRAGMA user_version=" + std::to_string(version + 1);
        if (auto r = execSql(m_db, set.c_str()); !r)
            return r.error();
        if (auto r = tx.commit(); !r)
            return r.error();
    }
    m_schemaVersion = version;
    return {};
}

Result<AppendResult> OpStore::append(std::span<const Operation> ops, SyncState initial)
{
    AppendResult result;
    result.outcomes.reserve(ops.size());
    Transaction tx(m_db);
    if (!tx.ok())
        return makeError(ErrorCode::Database, "cannot start transaction: " + tx.error());
    std::vector<std::array<char, 36>> idChars(ops.size());
    std::vector<std::string_view> ids(ops.size());
    for (std::size_t i = 0; i < ops.size(); ++i) {
        idChars[i] = ops[i].id.chars();
        ids[i] = std::string_view(idChars[i].data(), idChars[i].size());
    }
    auto bind = [&](sqlite3_stmt *s, int base, std::size_t i) {
        const Operation &op = ops[i];
        const std::string_view k = toString(op.kind);
        sqlite3_bind_text(s, base + 1, ids[i].data(), static_cast<int>(ids[i].size()), SQLITE_STATIC);
        sqlite3_bind_text(s, base + 2, op.inspection.data(), static_cast<int>(op.inspection.size()), SQLITE_STATIC);
        sqlite3_bind_text(s, base + 3, op.author.data(), static_cast<int>(op.author.size()), SQLITE_STATIC);
        sqlite3_bind_text(s, base + 4, op.device.data(), static_cast<int>(op.device.size()), SQLITE_STATIC);
        sqlite3_bind_int64(s, base + 5, static_cast<std::int64_t>(op.clock));
        sqlite3_bind_int64(s, base + 6, op.time);
        sqlite3_bind_text(s, base + 7, k.data(), static_cast<int>(k.size()), SQLITE_STATIC);
        sqlite3_bind_text(s, base + 8, op.target.data(), static_cast<int>(op.target.size()), SQLITE_STATIC);
        sqlite3_bind_text(s, base + 9, op.value.data(), static_cast<int>(op.value.size()), SQLITE_STATIC);
        sqlite3_bind_int(s, base + 10, static_cast<int>(initial));
    };
    std::size_t i = 0;
    // Whole chunks as one statement each: the statement's own work (the AUTOINCREMENT counter read
    // and written back, the statement's end) is paid once per chunk, not once per row. An id already
    // stored, or given twice, is ignored. When every row went in, nothing more is asked. When some
    // did not, each id's seq says which: the rows this statement inserted have higher seqs than any
    // stored before it (AUTOINCREMENT), so they are the `went` highest; of an id given twice the first
    // occurrence is the one inserted (rows go in in the order given). (RETURNING said the same for
    // every chunk, at the price of a temporary table per statement: ~15% of a push's time in the
    // server's single writer.)
    std::vector<std::pair<std::string_view, std::int64_t>> seqs; // first occurrences in the chunk
    std::vector<std::int64_t> highest;
    for (; ops.size() - i >= static_cast<std::size_t>(kInsertRows); i += kInsertRows) {
        sqlite3_reset(m_insertMany);
        for (int r = 0; r < kInsertRows; ++r)
            bind(m_insertMany, r * 10, i + static_cast<std::size_t>(r));
        if (sqlite3_step(m_insertMany) != SQLITE_DONE) {
            auto e = dbError("cannot store operations");
            sqlite3_reset(m_insertMany);
            return e;
        }
        const auto went = static_cast<std::size_t>(sqlite3_changes64(m_db));
        if (went == static_cast<std::size_t>(kInsertRows)) {
            result.outcomes.insert(result.outcomes.end(), kInsertRows, AppendOutcome::Inserted);
            result.inserted += kInsertRows;
            result.lastSeq = std::max<std::int64_t>(result.lastSeq, sqlite3_last_insert_rowid(m_db));
            continue;
        }
        seqs.clear();
        highest.clear();
        for (int r = 0; went > 0 && r < kInsertRows; ++r) {
            const std::string_view id = ids[i + static_cast<std::size_t>(r)];
            if (std::find_if(seqs.begin(), seqs.end(), [&](const auto &p) { return p.first == id; }) != seqs.end())
                continue;
            sqlite3_reset(m_seqOf);
            sqlite3_bind_text(m_seqOf, 1, id.data(), static_cast<int>(id.size()), SQLITE_STATIC);
            if (sqlite3_step(m_seqOf) != SQLITE_ROW) { // every id of the chunk is stored by now
                auto e = dbError("cannot look up stored operation " + std::string(id));
                sqlite3_reset(m_seqOf);
                return e;
            }
            seqs.emplace_back(id, sqlite3_column_int64(m_seqOf, 0));
            highest.push_back(seqs.back().second);
        }
        sqlite3_reset(m_seqOf);
        std::int64_t threshold = std::numeric_limits<std::int64_t>::max();
        if (went > 0 && went <= highest.size()) {
            std::nth_element(highest.begin(), highest.begin() + static_cast<std::ptrdiff_t>(went - 1), highest.end(), std::greater<>());
            threshold = highest[went - 1];
        }
        for (int r = 0; r < kInsertRows; ++r) {
            const std::string_view id = ids[i + static_cast<std::size_t>(r)];
            auto it = std::find_if(seqs.begin(), seqs.end(), [&](const auto &p) { return p.first == id; });
            const bool now = it != seqs.end() && it->second >= threshold;
            if (now) {
                ++result.inserted;
                result.lastSeq = std::max(result.lastSeq, it->second);
                it->second = std::numeric_limits<std::int64_t>::min(); // a second occurrence was the one ignored
            }
            result.outcomes.push_back(now ? AppendOutcome::Inserted : AppendOutcome::Duplicate);
        }
    }
    sqlite3_reset(m_insertMany);
    sqlite3_clear_bindings(m_insertMany);
    for (; i < ops.size(); ++i) {
        sqlite3_reset(m_insert);
        bind(m_insert, 0, i);
        if (sqlite3_step(m_insert) != SQLITE_DONE) {
            auto e = dbError("cannot store operation " + std::string(ids[i]));
            sqlite3_reset(m_insert);
            return e;
        }
        if (sqlite3_changes(m_db) > 0) {
            result.outcomes.push_back(AppendOutcome::Inserted);
            ++result.inserted;
            result.lastSeq = sqlite3_last_insert_rowid(m_db);
        } else {
            result.outcomes.push_back(AppendOutcome::Duplicate);
        }
    }
    sqlite3_reset(m_insert);
    sqlite3_clear_bindings(m_insert);
    if (auto r = tx.commit(); !r)
        return r.error();
    return result;
}

Result<std::vector<StoredOp>> OpStore::storedOperations(std::string_view inspection)
{
    const std::string sql = std::string("SELECT ") + kColumns + " FROM ops WHERE inspection = ?1 ORDER BY seq";
    Stmt s(m_db, sql.c_str());
    if (!s.ok())
        return dbError("cannot query operations");
    s.text(1, inspection);
    std::vector<StoredOp> out;
    int rc;
    while ((rc = s.step()) == SQLITE_ROW) {
        auto row = readRow(s.get());
        if (!row)
            return row.error();
        out.push_back(std::move(row.value()));
    }
    if (rc != SQLITE_DONE)
        return dbError("cannot read operations");
    return out;
}

Result<std::vector<Operation>> OpStore::operations(std::string_view inspection)
{
    auto stored = storedOperations(inspection);
    if (!stored)
        return stored.error();
    std::vector<Operation> out;
    out.reserve(stored->size());
    for (auto &s : stored.value())
        out.push_back(std::move(s.op));
    return out;
}

namespace {

// One page of rows after `cursor` (one row more is asked for, to tell whether more follow), each
// handed to `row`, whose error ends the page: after() and visitAfter().
template <typename Row>
Result<PageEnd> stepPage(sqlite3 *db, std::int64_t cursor, std::size_t limit, std::string_view inspection, Row &&row)
{
    const std::string sql = std::string("SELECT ") + kColumns + " FROM ops WHERE seq > ?1"
        + (inspection.empty() ? "" : " AND inspection = ?3") + " ORDER BY seq LIMIT ?2";
    Stmt s(db, sql.c_str());
    if (!s.ok())
        return makeError(ErrorCode::Database, std::string("cannot query operations: ") + sqlite3_errmsg(db));
    s.integer(1, cursor);
    s.integer(2, static_cast<std::int64_t>(limit) + 1);
    if (!inspection.empty())
        s.text(3, inspection);
    PageEnd end;
    end.next = cursor;
    int rc;
    while ((rc = s.step()) == SQLITE_ROW) {
        if (end.count == limit) {
            end.more = true;
            break;
        }
        if (auto r = row(s.get()); !r)
            return r.error();
        end.next = sqlite3_column_int64(s.get(), 0);
        ++end.count;
    }
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return makeError(ErrorCode::Database, std::string("cannot read operations: ") + sqlite3_errmsg(db));
    return end;
}

} // namespace

Result<OpPage> OpStore::after(std::int64_t cursor, std::size_t limit, std::string_view inspection)
{
    OpPage page;
    auto end = stepPage(m_db, cursor, limit, inspection, [&page](sqlite3_stmt *s) -> Result<void> {
        auto row = readRow(s);
        if (!row)
            return row.error();
        page.ops.push_back(std::move(row.value()));
        return {};
    });
    if (!end)
        return end.error();
    page.next = end->next;
    page.more = end->more;
    return page;
}

Result<void> checkStoredView(StoredOpView &v, std::string &idScratch)
{
    const auto uuid = Uuid::parse(v.id);
    if (!uuid || !opKindFromString(v.kind))
        return makeError(ErrorCode::Database, "stored operation at seq " + std::to_string(v.seq) + " is damaged (id or kind)");
    if (std::any_of(v.id.begin(), v.id.end(), [](char c) { return c >= 'A' && c <= 'F'; })) {
        idScratch = uuid->toString();
        v.id = idScratch;
    }
    return {};
}

Result<PageEnd> OpStore::visitAfter(
    std::int64_t cursor, std::size_t limit, std::string_view inspection, const std::function<Result<void>(const StoredOpView &)> &visit)
{
    StoredOpView v;
    std::string id; // a stored id not in canonical form, as a StoredOp would print it
    return stepPage(m_db, cursor, limit, inspection, [&](sqlite3_stmt *s) -> Result<void> {
        auto text = [s](int i) {
            const auto *p = reinterpret_cast<const char *>(sqlite3_column_text(s, i));
            return p ? std::string_view(p, static_cast<std::size_t>(sqlite3_column_bytes(s, i))) : std::string_view();
        };
        v.seq = sqlite3_column_int64(s, 0);
        v.id = text(1);
        v.kind = text(7);
        if (auto ok = checkStoredView(v, id); !ok)
            return ok;
        v.inspection = text(2);
        v.author = text(3);
        v.device = text(4);
        v.clock = sqlite3_column_int64(s, 5);
        v.time = sqlite3_column_int64(s, 6);
        v.target = text(8);
        v.value = text(9);
        return visit(v);
    });
}

Result<std::vector<Operation>> OpStore::pending(std::size_t limit, std::string_view inspection)
{
    const std::string sql = std::string("SELECT ") + kColumns + " FROM ops WHERE state = 0"
        + (inspection.empty() ? "" : " AND inspection = ?2") + " ORDER BY seq LIMIT ?1";
    Stmt s(m_db, sql.c_str());
    if (!s.ok())
        return dbError("cannot query pending operations");
    s.integer(1, static_cast<std::int64_t>(limit));
    if (!inspection.empty())
        s.text(2, inspection);
    std::vector<Operation> out;
    int rc;
    while ((rc = s.step()) == SQLITE_ROW) {
        auto row = readRow(s.get());
        if (!row)
            return row.error();
        out.push_back(std::move(row->op));
    }
    if (rc != SQLITE_DONE)
        return dbError("cannot read pending operations");
    return out;
}

Result<std::size_t> OpStore::pendingCount(std::string_view inspection)
{
    Stmt s(m_db,
        inspection.empty() ? "SELECT count(*) FROM ops WHERE state = 0" : "SELECT count(*) FROM ops WHERE state = 0 AND inspection = ?1");
    if (!inspection.empty())
        s.text(1, inspection);
    if (!s.ok() || s.step() != SQLITE_ROW)
        return dbError("cannot count pending operations");
    return static_cast<std::size_t>(sqlite3_column_int64(s.get(), 0));
}

Result<void> OpStore::markSent(std::span<const Uuid> ids)
{
    Transaction tx(m_db);
    if (!tx.ok())
        return makeError(ErrorCode::Database, tx.error());
    Stmt s(m_db, "UPDATE ops SET state = 1 WHERE id = ?1 AND state = 0");
    if (!s.ok())
        return dbError("cannot prepare update");
    for (const auto &id : ids) {
        sqlite3_reset(s.get());
        s.text(1, id.toString());
        if (s.step() != SQLITE_DONE)
            return dbError("cannot mark operation sent");
    }
    return tx.commit();
}

Result<void> OpStore::markRefused(const Uuid &id, const std::string &reason)
{
    Stmt s(m_db, "UPDATE ops SET state = 2, refusal = ?2 WHERE id = ?1");
    s.text(1, id.toString());
    s.text(2, reason);
    if (!s.ok() || s.step() != SQLITE_DONE)
        return dbError("cannot mark operation refused");
    return {};
}

Result<std::vector<StoredOp>> OpStore::refused(std::string_view inspection)
{
    const std::string sql = std::string("SELECT ") + kColumns + " FROM ops WHERE state = 2"
        + (inspection.empty() ? "" : " AND inspection = ?1") + " ORDER BY seq";
    Stmt s(m_db, sql.c_str());
    if (!inspection.empty())
        s.text(1, inspection);
    std::vector<StoredOp> out;
    int rc;
    while ((rc = s.step()) == SQLITE_ROW) {
        auto row = readRow(s.get());
        if (!row)
            return row.error();
        out.push_back(std::move(row.value()));
    }
    if (!s.ok() || rc != SQLITE_DONE)
        return dbError("cannot read refused operations");
    return out;
}

Result<std::optional<StoredOp>> OpStore::find(const Uuid &id)
{
    const std::string sql = std::string("SELECT ") + kColumns + " FROM ops WHERE id = ?1";
    Stmt s(m_db, sql.c_str());
    s.text(1, id.toString());
    const int rc = s.step();
    if (rc == SQLITE_DONE)
        return std::optional<StoredOp>();
    if (rc != SQLITE_ROW)
        return dbError("cannot look up operation");
    auto row = readRow(s.get());
    if (!row)
        return row.error();
    return std::optional<StoredOp>(std::move(row.value()));
}

Result<std::uint64_t> OpStore::maxClock(std::string_view inspection)
{
    Stmt s(m_db,
        inspection.empty() ? "SELECT coalesce(max(clock), 0) FROM ops" : "SELECT coalesce(max(clock), 0) FROM ops WHERE inspection = ?1");
    if (!inspection.empty())
        s.text(1, inspection);
    if (!s.ok() || s.step() != SQLITE_ROW)
        return dbError("cannot read clock");
    return static_cast<std::uint64_t>(sqlite3_column_int64(s.get(), 0));
}

Result<std::size_t> OpStore::count(std::string_view inspection)
{
    Stmt s(m_db, inspection.empty() ? "SELECT count(*) FROM ops" : "SELECT count(*) FROM ops WHERE inspection = ?1");
    if (!inspection.empty())
        s.text(1, inspection);
    if (!s.ok() || s.step() != SQLITE_ROW)
        return dbError("cannot count operations");
    return static_cast<std::size_t>(sqlite3_column_int64(s.get(), 0));
}

Result<std::vector<std::string>> OpStore::inspections()
{
    Stmt s(m_db, "SELECT DISTINCT inspection FROM ops ORDER BY inspection");
    std::vector<std::string> out;
    int rc;
    while ((rc = s.step()) == SQLITE_ROW)
        out.push_back(column(s.get(), 0));
    if (!s.ok() || rc != SQLITE_DONE)
        return dbError("cannot list inspections");
    return out;
}

Result<std::optional<std::string>> OpStore::meta(std::string_view key)
{
    Stmt s(m_db, "SELECT value FROM meta WHERE key = ?1");
    s.text(1, key);
    const int rc = s.step();
    if (rc == SQLITE_DONE)
        return std::optional<std::string>();
    if (!s.ok() || rc != SQLITE_ROW)
        return dbError("cannot read setting");
    return std::optional<std::string>(column(s.get(), 0));
}

Result<void> OpStore::setMeta(std::string_view key, std::string_view value)
{
    Stmt s(m_db, "INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    s.text(1, key);
    s.text(2, value);
    if (!s.ok() || s.step() != SQLITE_DONE)
        return dbError("cannot write setting");
    return {};
}

} // namespace careeval
