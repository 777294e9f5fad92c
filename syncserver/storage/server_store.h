#pragma once
// Everything the server keeps: the operation log plus the server's own tables — users, tokens,
// institutions, templates, inspections and their teams, per-member sync records, random draws, blobs
// and the audit log — under numbered migrations, behind one interface with two backends: the
// embedded SQLite database (sqlite_store.h, the default) and PostgreSQL (pg_store.h).

#include <careeval/merge.h>
#include <careeval/result.h>
#include <careeval/store.h>
#include <careeval/wire.h>

#include <algorithm>
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

    //! Takes in what a push stored: the count grows, the times widen, lastSeq moves on.
    void add(const OpStats &more)
    {
        if (more.operations == 0)
            return;
        firstTime = operations == 0 ? more.firstTime : std::min(firstTime, more.firstTime);
        lastTime = operations == 0 ? more.lastTime : std::max(lastTime, more.lastTime);
        lastSeq = std::max(lastSeq, more.lastSeq);
        operations += more.operations;
    }
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

//! Where the server keeps its data: the embedded SQLite database (a file path, the default) or
//! PostgreSQL (`postgresql://…`). Every public call is atomic; a push is one transaction; pushes that
//! arrive together are written as one group (one commit, each push in its own savepoint).
class ServerStore
{
public:
    //! `location`: a file path (SQLite) or a `postgresql://` / `postgres://` URL (libpq's URI form).
    static Result<std::unique_ptr<ServerStore>> open(const std::string &location);
    static bool isPostgres(const std::string &location);
    virtual ~ServerStore();
    //! "sqlite" or "postgresql"
    virtual const char *backend() const = 0;

    // Users and sessions
    virtual Result<void> createUser(const User &user, const std::string &passwordHash) = 0;
    virtual Result<void> updateUser(const User &user, const std::string &newPasswordHash = {}) = 0;
    virtual Result<std::optional<std::pair<User, std::string>>> userWithHash(const std::string &username) = 0;
    virtual Result<std::vector<User>> users() = 0;
    virtual Result<void> saveToken(const std::string &tokenHash, const std::string &username, std::int64_t expiresAt) = 0;
    virtual Result<std::optional<User>> userForToken(const std::string &tokenHash, std::int64_t now) = 0;
    virtual Result<void> deleteToken(const std::string &tokenHash) = 0;
    //! Failed logins in the last window; recording one returns the new count.
    virtual Result<int> recentFailures(const std::string &username, std::int64_t since) = 0;
    virtual Result<void> recordFailure(const std::string &username, std::int64_t at) = 0;
    virtual Result<void> clearFailures(const std::string &username) = 0;

    // Registry
    virtual Result<void> putInstitution(const Institution &inst) = 0;
    //! All institutions, or the one with id `only`.
    virtual Result<std::vector<Institution>> institutions(const std::string &only = {}) = 0;
    Result<std::optional<Institution>> institution(const std::string &id);
    //! Stores a validated template; the same id@version with other content is a conflict.
    virtual Result<bool> putTemplate(const TemplateRecord &t) = 0;
    virtual Result<std::optional<TemplateRecord>> templateRecord(const std::string &id, const std::string &version) = 0;
    virtual Result<std::vector<TemplateRecord>> templates() = 0;

    // Inspections
    //! `draw` (when > 0): the draw (campaign) it was created from.
    virtual Result<void> createInspection(const InspectionRecord &rec, std::int64_t draw = 0) = 0;
    //! Inspection → the draw it was created from, for those created from one.
    virtual Result<std::map<std::string, std::int64_t>> inspectionDraws() = 0;
    virtual Result<std::optional<InspectionRecord>> inspection(const std::string &id) = 0;
    //! All inspections, or those `username` is a member of.
    virtual Result<std::vector<InspectionRecord>> inspections(const std::string &username = {}) = 0;
    Result<std::vector<MemberSync>> memberSync(const std::string &inspection);
    //! Bookkeeping, not data: kept in memory and written with the next push's transaction (or at
    //! close), so a pull never writes or waits for the disk. A crash loses at most "last pulled at".
    Result<void> recordPull(const std::string &inspection, const std::string &username, std::int64_t at);
    //! Per inspection with any operation: counts and times, in one scan of the log's index.
    virtual Result<std::map<std::string, OpStats>> opStats() = 0;
    //! Every member's sync record, per inspection.
    Result<std::map<std::string, std::vector<MemberSync>>> memberSyncAll();
    //! Latest successful sign-in per user (from the audit log).
    virtual Result<std::map<std::string, std::int64_t>> lastLogins() = 0;

    //! Judges a pushed batch against the inspection as it is now: sets each result still Accepted to
    //! Refused with a reason where it must be (those already stored arrive as AlreadyHad and are left
    //! alone) and may move `status`. Runs with the inspection locked, so an operation the server makes
    //! (a review decision) may be completed here from `current` (its clock and frontier).
    using PushDecider = std::function<void(
        const InspectionRecord &current, std::vector<Operation> &batch, std::vector<PushResult> &results, WorkflowStatus &status)>;
    //! One push, one transaction: judge, append the accepted operations (those already stored come
    //! back AlreadyHad), move the inspection's status, record the member's sync.
    Result<std::vector<PushResult>> push(const std::string &inspection, const std::string &username, std::vector<Operation> &batch,
        const PushDecider &decide, std::int64_t now);
    virtual Result<std::vector<Operation>> operations(const std::string &inspection) = 0;
    //! An inspection's operations with seq > cursor, in seq order. Within one inspection seq order is
    //! commit order (both backends write an inspection's operations one transaction at a time), so a
    //! cursor never passes an operation that is committed later.
    virtual Result<OpPage> operationsAfter(const std::string &inspection, std::int64_t cursor, std::size_t limit) = 0;
    //! The same page, each operation handed to `visit` instead of collected (a pull writes them
    //! straight into its answer). The SQLite store visits rows where SQLite holds them; the default
    //! reads the page with operationsAfter.
    virtual Result<PageEnd> visitOperationsAfter(const std::string &inspection, std::int64_t cursor, std::size_t limit,
        const std::function<Result<void>(const StoredOpView &)> &visit);

    // Draws, blobs, audit
    virtual Result<std::int64_t> saveDraw(const std::string &username, const std::string &json, std::int64_t at) = 0;
    virtual Result<std::optional<std::string>> draw(std::int64_t id) = 0;
    //! Every draw as (id, stored record), newest first.
    virtual Result<std::vector<std::pair<std::int64_t, std::string>>> draws() = 0;
    virtual Result<void> putBlob(const BlobRecord &b) = 0;
    virtual Result<std::optional<BlobRecord>> blob(const std::string &sha256) = 0;
    //! Whether an operation of an inspection `username` is a member of names the blob (a photo
    //! attached, a signature given): who may read a photo or signature.
    virtual Result<bool> blobReferencedFor(const std::string &sha256, const std::string &username) = 0;
    //! Every blob named by an operation of the inspections `username` is a member of.
    virtual Result<std::set<std::string>> blobsReferencedFor(const std::string &username) = 0;
    //! Whether `username` is a member of any inspection (may upload photos at all).
    virtual Result<bool> isMemberOfAny(const std::string &username) = 0;
    virtual Result<void> audit(const std::string &username, const std::string &action, const std::string &detail, std::int64_t at) = 0;
    Result<std::vector<std::string>> auditLog(std::size_t limit);
    //! The newest entries first; `before` (an entry's id, 0: none) pages back to older ones.
    virtual Result<std::vector<AuditEntry>> auditEntries(std::size_t limit, std::int64_t before = 0) = 0;

    virtual std::size_t operationCount() = 0;
    //! Group commit figures: transactions written and pushes they carried.
    std::pair<std::uint64_t, std::uint64_t> pushGroups() const { return {m_groups.load(), m_groupedPushes.load()}; }
    //! WAL checkpoints that copied pages, {by a thread of their own, by the writer itself}: an
    //! embedded store's; {0, 0} for a store without a WAL of its own.
    virtual std::pair<std::uint64_t, std::uint64_t> walCheckpoints() const { return {0, 0}; }
    //! Time spent writing push groups (one at a time: how busy the single writer is), wall clock and
    //! the writing thread's CPU, in microseconds.
    std::pair<std::uint64_t, std::uint64_t> pushWriteMicros() const { return {m_writeWallMicros.load(), m_writeCpuMicros.load()}; }

protected:
    ServerStore() = default;
    struct PushJob {
        const std::string &inspection;
        const std::string &username;
        std::vector<Operation> &batch;
        const PushDecider &decide;
        std::int64_t now;
        //! The answer: filled by runGroup, handed to the waiting thread by push() under the queue's lock.
        std::optional<Result<std::vector<PushResult>>> written, result;
        //! Which of the batch's ids the store already had before the push queued (one flag per
        //! operation; empty when the store does not look ahead). Ids are never removed, so a flag
        //! that is set stays true; one that is not may have become stored since (see lookAhead).
        std::vector<char> known;
    };
    //! Runs before a push joins the queue, outside the single writer: a store may look up here what
    //! the group's writer would otherwise look up itself (the SQLite store: which ids it already has).
    virtual void lookAhead(PushJob &) { }
    //! Writes one group of pushes in one transaction and fills every job's `written` (only once the
    //! group is durable).
    virtual void runGroup(const std::vector<PushJob *> &group) = 0;
    virtual Result<std::vector<MemberSync>> storedMemberSync(const std::string &inspection) = 0;
    virtual Result<std::map<std::string, std::vector<MemberSync>>> storedMemberSyncAll() = 0;
    //! The pulls recorded since the last call (to write with a push group or at close).
    std::map<std::pair<std::string, std::string>, std::int64_t> takePendingPulls();

    //! The blob names in an operation's value: every string of 64 lower-case hex digits (a photo's
    //! "sha256" and its "thumb", a signature's image, a resolution choosing either).
    static std::vector<std::string> blobNames(const Operation &op);

    std::atomic<std::uint64_t> m_groups {0}, m_groupedPushes {0};
    std::atomic<std::uint64_t> m_writeWallMicros {0}, m_writeCpuMicros {0};

private:
    // Group commit: pushes that arrive while one is being written queue up; the next thread to lead
    // writes the whole group in one transaction (one fsync), each push in its own savepoint.
    std::mutex m_queueMutex;
    std::condition_variable m_queueDone;
    std::vector<PushJob *> m_queue;
    bool m_leading = false;
    //! Last pull per (inspection, member), not yet written (recordPull).
    std::mutex m_pullMutex;
    std::map<std::pair<std::string, std::string>, std::int64_t> m_pendingPulls;
};

} // namespace careeval::server
