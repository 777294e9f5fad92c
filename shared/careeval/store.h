#pragma once
// The operation store both the tablet and the server keep: one SQLite database (WAL), numbered schema
// migrations, every append one transaction. Appending is idempotent by operation id, so a batch pushed
// twice stores each operation once and says which were already there. `seq` is the store's own
// monotonically increasing cursor: the server hands it out for pulls, the tablet uses it for its queue.

#include "operation.h"
#include "result.h"

#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace careeval {

//! Where an operation stands as far as sync is concerned.
enum class SyncState {
    Pending = 0, //!< made here, not yet acknowledged by the server
    Sent = 1, //!< made here, acknowledged
    Refused = 2, //!< made here, refused by the server (reason kept, operation kept)
    Remote = 3, //!< received from elsewhere
};

enum class AppendOutcome { Inserted, Duplicate };

struct AppendResult {
    std::vector<AppendOutcome> outcomes; //!< one per input operation, in input order
    std::size_t inserted = 0;
    std::int64_t lastSeq = 0;
};

struct StoredOp {
    std::int64_t seq = 0;
    Operation op;
    SyncState state = SyncState::Remote;
    std::string refusal;
};

struct OpPage {
    std::vector<StoredOp> ops;
    std::int64_t next = 0; //!< cursor to pass for the following page
    bool more = false;
};

//! One stored operation's columns where SQLite holds them: no copy, valid only inside the visit
//! that passes it (OpStore::visitAfter). `id` is the canonical lowercase text and `kind` a known
//! kind, as a StoredOp's would print.
struct StoredOpView {
    std::int64_t seq = 0;
    std::string_view id, inspection, author, device, kind, target, value;
    std::int64_t clock = 0, time = 0;
};

//! A stored row read as views, checked as a StoredOp would be: a row whose id or kind does not parse
//! is damaged (an error naming its seq); an id stored in capitals is printed canonically into
//! `idScratch`, which `v.id` then views. Every store's visit goes through it.
Result<void> checkStoredView(StoredOpView &v, std::string &idScratch);

//! Where a page of visited operations ended: the cursor for the next page, whether more follow, how
//! many were visited.
struct PageEnd {
    std::int64_t next = 0;
    bool more = false;
    std::size_t count = 0;
};

class Database;

//! RAII transaction: BEGIN IMMEDIATE on construction, ROLLBACK in the destructor unless committed.
//! Inside an open transaction it is a savepoint instead, so units of work compose.
class Transaction
{
public:
    explicit Transaction(sqlite3 *db);
    ~Transaction();
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;
    bool ok() const { return m_active; }
    const std::string &error() const { return m_error; }
    Result<void> commit();

private:
    sqlite3 *m_db;
    bool m_nested = false;
    bool m_active = false;
    std::string m_error;
};

struct StoreOptions {
    bool durable = true; //!< synchronous=FULL: an acknowledged append survives power loss, not only a crash
    //! SQLite locks the connection on every call (each column of each row read) so several threads
    //! may share it. A caller that already serializes every use under its own lock (the server's
    //! two connections) opens it without: a pull page of 2,000 rows made ~30,000 such locks.
    bool serialized = true;
    //! PRAGMA quick_check before use: reads every page of the file (1.5 million operations: ~0.9 s).
    //! A second connection to a file the first has just checked skips it.
    bool check = true;
};

class OpStore
{
public:
    //! Opens or creates the database at `path` (":memory:" for a private in-memory one) and migrates it.
    static Result<std::unique_ptr<OpStore>> open(const std::string &path, StoreOptions options = {});
    ~OpStore();
    OpStore(const OpStore &) = delete;
    OpStore &operator=(const OpStore &) = delete;

    //! Stores the operations not already present, all or none, in one transaction.
    Result<AppendResult> append(std::span<const Operation> ops, SyncState initial);
    //! Every operation of an inspection, in store order.
    Result<std::vector<Operation>> operations(std::string_view inspection);
    Result<std::vector<StoredOp>> storedOperations(std::string_view inspection);
    //! Operations with seq > cursor (of one inspection, or all when empty), at most `limit`.
    Result<OpPage> after(std::int64_t cursor, std::size_t limit, std::string_view inspection = {});
    //! The same page as after(), each operation handed to `visit` where SQLite holds it instead of
    //! copied into a page first (a pull writes them straight out). A damaged row is an error, as in
    //! after(); so is an error `visit` returns, which ends the page.
    Result<PageEnd> visitAfter(std::int64_t cursor, std::size_t limit, std::string_view inspection,
        const std::function<Result<void>(const StoredOpView &)> &visit);
    //! Pending operations, oldest first.
    Result<std::vector<Operation>> pending(std::size_t limit, std::string_view inspection = {});
    Result<std::size_t> pendingCount(std::string_view inspection = {});
    Result<void> markSent(std::span<const Uuid> ids);
    Result<void> markRefused(const Uuid &id, const std::string &reason);
    Result<std::vector<StoredOp>> refused(std::string_view inspection = {});
    Result<std::optional<StoredOp>> find(const Uuid &id);
    //! Highest Lamport clock stored (of one inspection, or all when empty).
    Result<std::uint64_t> maxClock(std::string_view inspection = {});
    Result<std::size_t> count(std::string_view inspection = {});
    Result<std::vector<std::string>> inspections();

    Result<std::optional<std::string>> meta(std::string_view key);
    Result<void> setMeta(std::string_view key, std::string_view value);

    int schemaVersion() const { return m_schemaVersion; }
    //! The raw handle, for callers that add their own tables (through their own migrations).
    sqlite3 *handle() const { return m_db; }

private:
    OpStore() = default;
    Result<void> migrate();
    Error dbError(const std::string &what) const;

    sqlite3 *m_db = nullptr;
    sqlite3_stmt *m_insert = nullptr;
    static constexpr int kInsertRows = 25; //!< rows of m_insertMany (a push of 100 is four statements)
    sqlite3_stmt *m_insertMany = nullptr;
    sqlite3_stmt *m_seqOf = nullptr; //!< an id's seq: which rows of a chunk went in, when not all did
    int m_schemaVersion = 0;
};

//! Runs SQL with no results; the error names the statement's purpose.
Result<void> execSql(sqlite3 *db, const char *sql);

} // namespace careeval
