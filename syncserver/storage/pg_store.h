#pragma once
// The server's data in PostgreSQL (chosen with --database postgresql://…), for deployments that
// outgrow one machine: several careeval-server instances may share one database. Its own numbered
// migrations (applied under an advisory lock, so instances starting together migrate once), a small
// pool of libpq connections, pushes grouped into one transaction as on SQLite.
//
// The pull cursor: an operation's seq comes from an identity column, drawn when the row is inserted,
// before the transaction's commit order is known. A push first locks its inspection's row
// (SELECT … FOR UPDATE) and keeps the lock until its transaction ends, and PostgreSQL releases row
// locks only after the commit is visible. So, within one inspection, a later push draws its seq
// numbers only after every earlier push of that inspection is committed and visible: seq order is
// commit order per inspection, and a cursor (always per inspection) never passes an operation that
// commits after it. Groups take their inspections' locks in sorted order, so two instances' groups
// cannot deadlock on them. tst_pgstore checks it with writers on two stores and a paging reader.

#include "server_store.h"

#include <thread>

namespace careeval::server {

class PgServerStore final : public ServerStore
{
public:
    static Result<std::unique_ptr<ServerStore>> open(const std::string &url);
    ~PgServerStore() override;
    const char *backend() const override { return "postgresql"; }

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

    struct Pool;

protected:
    void runGroup(const std::vector<PushJob *> &group) override;
    Result<std::vector<MemberSync>> storedMemberSync(const std::string &inspection) override;
    Result<std::map<std::string, std::vector<MemberSync>>> storedMemberSyncAll() override;

private:
    PgServerStore() = default;
    Result<void> migrate();
    void writePulls();

    std::unique_ptr<Pool> m_pool;
    // "Last pulled at" is bookkeeping kept in memory (a pull writes nothing); with several instances
    // each writes its own every second, so any instance's board is at most a second behind.
    std::thread m_flusher;
    std::mutex m_flushMutex;
    std::condition_variable m_flushWake;
    bool m_stopping = false;
};

} // namespace careeval::server
