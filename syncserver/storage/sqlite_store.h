#pragma once
// The server's data in one SQLite database (WAL), the default: the operation log is the shared core's
// OpStore (unchanged) and the server's own tables sit beside it under their own numbered migrations.
// One writer connection under one mutex, one reader connection beside it (WAL readers do not wait for
// the writer's fsync).

#include "server_store.h"

#include <atomic>
#include <optional>

struct sqlite3;

namespace careeval::server {

class SqliteServerStore final : public ServerStore
{
public:
    static Result<std::unique_ptr<ServerStore>> open(const std::string &path);
    //! Writes what is still only in memory (the members' last pulls).
    ~SqliteServerStore() override;
    const char *backend() const override { return "sqlite"; }

    Result<void> createUser(const User &user, const std::string &passwordHash) override;
    Result<void> updateUser(const User &user, const std::string &newPasswordHash = {}) override;
    Result<std::optional<std::pair<User, std::string>>> userWithHash(const std::string &username) override;
    Result<std::vector<User>> users() override;
    Result<void> saveToken(const std::string &tokenHash, const std::string &username, std::int64_t expiresAt) override;
    Result<std::optional<User>> userForToken(const std::string &tokenHash, std::int64_t now) override;
    Result<void> deleteToken(const std::string &tokenHash) override;
    Result<int> recentFailures(const std::string &username, std::int64_t since) override;
    Result<void> recordFailure(const std::string &username, std::int64_t at) override;
    Result<void> clearFailures(const std::string &username) override;

    Result<void> putInstitution(const Institution &inst) override;
    Result<std::vector<Institution>> institutions(const std::string &only = {}) override;
    Result<bool> putTemplate(const TemplateRecord &t) override;
    Result<std::optional<TemplateRecord>> templateRecord(const std::string &id, const std::string &version) override;
    Result<std::vector<TemplateRecord>> templates() override;

    Result<void> createInspection(const InspectionRecord &rec, std::int64_t draw = 0) override;
    Result<std::map<std::string, std::int64_t>> inspectionDraws() override;
    Result<std::optional<InspectionRecord>> inspection(const std::string &id) override;
    Result<std::vector<InspectionRecord>> inspections(const std::string &username = {}) override;
    Result<std::map<std::string, OpStats>> opStats() override;
    Result<std::map<std::string, std::int64_t>> lastLogins() override;
    Result<std::vector<Operation>> operations(const std::string &inspection) override;
    Result<OpPage> operationsAfter(const std::string &inspection, std::int64_t cursor, std::size_t limit) override;
    Result<PageEnd> visitOperationsAfter(const std::string &inspection, std::int64_t cursor, std::size_t limit,
        const std::function<Result<void>(const StoredOpView &)> &visit) override;

    Result<std::int64_t> saveDraw(const std::string &username, const std::string &json, std::int64_t at) override;
    Result<std::optional<std::string>> draw(std::int64_t id) override;
    Result<std::vector<std::pair<std::int64_t, std::string>>> draws() override;
    Result<void> putBlob(const BlobRecord &b) override;
    Result<std::optional<BlobRecord>> blob(const std::string &sha256) override;
    Result<bool> blobReferencedFor(const std::string &sha256, const std::string &username) override;
    Result<std::set<std::string>> blobsReferencedFor(const std::string &username) override;
    Result<bool> isMemberOfAny(const std::string &username) override;
    Result<void> audit(const std::string &username, const std::string &action, const std::string &detail, std::int64_t at) override;
    Result<std::vector<AuditEntry>> auditEntries(std::size_t limit, std::int64_t before = 0) override;
    std::size_t operationCount() override;
    std::pair<std::uint64_t, std::uint64_t> walCheckpoints() const override;

protected:
    void runGroup(const std::vector<PushJob *> &group) override;
    void lookAhead(PushJob &job) override;
    Result<std::vector<MemberSync>> storedMemberSync(const std::string &inspection) override;
    Result<std::map<std::string, std::vector<MemberSync>>> storedMemberSyncAll() override;

private:
    SqliteServerStore() = default;
    Result<void> migrate();
    //! One push of a group; `added` is what it stored (for the kept per-inspection figures).
    Result<std::vector<PushResult>> pushOne(const PushJob &job, OpStats &added);
    //! Which of the batch's ids are stored (one indexed lookup each, one read transaction).
    static Result<std::vector<char>> storedIds(sqlite3 *db, const std::vector<Operation> &batch);
    Result<std::vector<Member>> team(sqlite3 *db, const std::string &inspection);
    Result<void> writePulls(sqlite3 *db);

    class Checkpointer;
    std::unique_ptr<Checkpointer> m_checkpointer; //!< copies the WAL into the database, off the writer's path
    std::unique_ptr<OpStore> m_ops; //!< the writer connection
    std::mutex m_mutex;
    std::unique_ptr<OpStore> m_read; //!< the reader connection
    std::mutex m_readMutex;
    //! Operations in the log, -1 until operationCount() first counts them (then kept by runGroup).
    std::atomic<std::int64_t> m_opCount {-1};
    //! Per inspection, read once by opStats() and then kept by runGroup as groups commit.
    std::optional<std::map<std::string, OpStats>> m_stats;
    std::mutex m_statsMutex; //!< taken after m_mutex when both are held
};

} // namespace careeval::server
