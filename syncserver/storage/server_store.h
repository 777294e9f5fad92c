#pragma once
// Everything the server keeps, in one SQLite database (WAL): the operation log (the shared core's
// OpStore, unchanged) plus the server's own tables — users, tokens, institutions, templates,
// inspections and their teams, per-member sync records, random draws, blobs and the audit log — under
// their own numbered migrations. One connection, one mutex: every public call is atomic, and a push
// is a single transaction.

#include <careeval/merge.h>
#include <careeval/result.h>
#include <careeval/store.h>
#include <careeval/wire.h>

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

struct sqlite3;

namespace careeval::server {

struct User {
    std::string username;
    std::string displayName;
    Role role = Role::Evaluator; //!< global role: evaluator, lead, supervisor or admin
    bool active = true;
};

struct Institution {
    std::string id;
    std::string name;
    std::string region;
    std::string address;
    int beds = 0;
    std::vector<std::string> linkedInspectors; //!< people who must not inspect it (回避)
    std::string type; //!< 公办, 民办, 公建民营 … (free text; the registry is filtered by it)
};

struct TemplateRecord {
    std::string id;
    std::string version;
    std::string sha256;
    std::string json;
    std::int64_t uploadedAt = 0;
};

struct Member {
    std::string username;
    Role role = Role::Evaluator; //!< in this inspection: evaluator or lead
};

struct InspectionRecord {
    std::string id;
    std::string institution;
    std::string templateId;
    std::string templateVersion;
    WorkflowStatus status = WorkflowStatus::Draft;
    std::string plannedDate;
    std::vector<Member> team;
    std::int64_t createdAt = 0;
    //! Per device, the highest clock stored (filled only for the decider of a push)
    Frontier clocks;
    const Member *member(const std::string &username) const;
};

struct MemberSync {
    std::string username;
    std::int64_t lastPush = 0;
    std::int64_t lastPull = 0;
    std::size_t pushes = 0;
};

//! What the operation log holds for one inspection (for the progress board).
struct OpStats {
    std::size_t operations = 0;
    std::int64_t firstTime = 0; //!< ms, the earliest operation's time
    std::int64_t lastTime = 0;
    std::int64_t lastSeq = 0; //!< changes whenever an operation is added
};

//! One line of the audit log.
struct AuditEntry {
    std::int64_t id = 0; //!< grows with every entry: pages go back by it
    std::int64_t at = 0;
    std::string username, action, detail;
};

struct BlobRecord {
    std::string sha256;
    std::int64_t size = 0;
    std::string uploader;
    std::int64_t createdAt = 0;
};

class ServerStore
{
public:
    static Result<std::unique_ptr<ServerStore>> open(const std::string &path);
    //! Writes what is still only in memory (the members' last pulls).
    ~ServerStore();

    // Users and sessions
    Result<void> createUser(const User &user, const std::string &passwordHash);
    Result<void> updateUser(const User &user, const std::string &newPasswordHash = {});
    Result<std::optional<std::pair<User, std::string>>> userWithHash(const std::string &username);
    Result<std::vector<User>> users();
    Result<void> saveToken(const std::string &tokenHash, const std::string &username, std::int64_t expiresAt);
    Result<std::optional<User>> userForToken(const std::string &tokenHash, std::int64_t now);
    Result<void> deleteToken(const std::string &tokenHash);
    //! Failed logins in the last window; recording one returns the new count.
    Result<int> recentFailures(const std::string &username, std::int64_t since);
    Result<void> recordFailure(const std::string &username, std::int64_t at);
    Result<void> clearFailures(const std::string &username);

    // Registry
    Result<void> putInstitution(const Institution &inst);
    //! All institutions, or the one with id `only`.
    Result<std::vector<Institution>> institutions(const std::string &only = {});
    Result<std::optional<Institution>> institution(const std::string &id);
    //! Stores a validated template; the same id@version with other content is a conflict.
    Result<bool> putTemplate(const TemplateRecord &t);
    Result<std::optional<TemplateRecord>> templateRecord(const std::string &id, const std::string &version);
    Result<std::vector<TemplateRecord>> templates();

    // Inspections
    //! `draw` (when > 0): the draw (campaign) it was created from.
    Result<void> createInspection(const InspectionRecord &rec, std::int64_t draw = 0);
    //! Inspection → the draw it was created from, for those created from one.
    Result<std::map<std::string, std::int64_t>> inspectionDraws();
    Result<std::optional<InspectionRecord>> inspection(const std::string &id);
    //! All inspections, or those `username` is a member of.
    Result<std::vector<InspectionRecord>> inspections(const std::string &username = {});
    Result<std::vector<MemberSync>> memberSync(const std::string &inspection);
    Result<void> recordPull(const std::string &inspection, const std::string &username, std::int64_t at);
    //! Per inspection with any operation: counts and times, in one scan of the log's index.
    Result<std::map<std::string, OpStats>> opStats();
    //! Every member's sync record, per inspection.
    Result<std::map<std::string, std::vector<MemberSync>>> memberSyncAll();
    //! Latest successful sign-in per user (from the audit log).
    Result<std::map<std::string, std::int64_t>> lastLogins();

    //! Judges a pushed batch against the inspection as it is now: sets each result still Accepted to
    //! Refused with a reason where it must be (those already stored arrive as AlreadyHad and are left
    //! alone) and may move `status`. Runs under the store's lock, so an operation the server makes
    //! (a review decision) may be completed here from `current` (its clock and frontier).
    using PushDecider = std::function<void(
        const InspectionRecord &current, std::vector<Operation> &batch, std::vector<PushResult> &results, WorkflowStatus &status)>;
    //! One push, one transaction: judge, append the accepted operations (those already stored come
    //! back AlreadyHad), move the inspection's status, record the member's sync.
    Result<std::vector<PushResult>> push(const std::string &inspection, const std::string &username, std::vector<Operation> &batch,
        const PushDecider &decide, std::int64_t now);
    Result<std::vector<Operation>> operations(const std::string &inspection);
    Result<OpPage> operationsAfter(const std::string &inspection, std::int64_t cursor, std::size_t limit);

    // Draws, blobs, audit
    Result<std::int64_t> saveDraw(const std::string &username, const std::string &json, std::int64_t at);
    Result<std::optional<std::string>> draw(std::int64_t id);
    //! Every draw as (id, stored record), newest first.
    Result<std::vector<std::pair<std::int64_t, std::string>>> draws();
    Result<void> putBlob(const BlobRecord &b);
    Result<std::optional<BlobRecord>> blob(const std::string &sha256);
    //! Whether an operation of an inspection `username` is a member of names the blob (a photo
    //! attached, a signature given): who may read a photo or signature.
    Result<bool> blobReferencedFor(const std::string &sha256, const std::string &username);
    //! Every blob named by an operation of the inspections `username` is a member of.
    Result<std::set<std::string>> blobsReferencedFor(const std::string &username);
    //! Whether `username` is a member of any inspection (may upload photos at all).
    Result<bool> isMemberOfAny(const std::string &username);
    Result<void> audit(const std::string &username, const std::string &action, const std::string &detail, std::int64_t at);
    Result<std::vector<std::string>> auditLog(std::size_t limit);
    //! The newest entries first; `before` (an entry's id, 0: none) pages back to older ones.
    Result<std::vector<AuditEntry>> auditEntries(std::size_t limit, std::int64_t before = 0);

    std::size_t operationCount();
    //! Group commit figures: transactions written and pushes they carried.
    std::pair<std::uint64_t, std::uint64_t> pushGroups() const { return {m_groups.load(), m_groupedPushes.load()}; }

private:
    struct PushJob;
    ServerStore() = default;
    Result<void> migrate();
    Result<std::vector<PushResult>> pushOne(const PushJob &job);
    void runGroup(const std::vector<PushJob *> &group);
    Result<std::vector<Member>> team(sqlite3 *db, const std::string &inspection);
    Result<void> writePulls(sqlite3 *db);

    std::unique_ptr<OpStore> m_ops; //!< the writer connection
    std::mutex m_mutex;
    std::unique_ptr<OpStore> m_read; //!< the reader connection
    std::mutex m_readMutex;
    // Group commit: pushes that arrive while one is being written queue up; the next thread to lead
    // writes the whole group in one transaction (one fsync), each push in its own savepoint.
    std::mutex m_queueMutex;
    std::condition_variable m_queueDone;
    std::vector<PushJob *> m_queue;
    bool m_leading = false;
    std::atomic<std::uint64_t> m_groups {0}, m_groupedPushes {0};
    //! Last pull per (inspection, member), not yet written (recordPull).
    std::mutex m_pullMutex;
    std::map<std::pair<std::string, std::string>, std::int64_t> m_pendingPulls;
};

} // namespace careeval::server
