#pragma once
// The sync wire format, written once for the server and the tablet: the push request and its reply,
// a page of a pull, an assignment as the inspection list gives it, and the team view of /state. Each payload is a struct with its JSON
// here; neither side types field names or status strings of its own.

#include "operation.h"
#include "result.h"
#include "rules.h"

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace careeval {

enum class PushStatus { Accepted, AlreadyHad, Refused };
std::string_view toString(PushStatus s);

//! What became of one operation of a push, in the order they were sent.
struct PushResult {
    Uuid id; //!< nil when the operation's id itself could not be read
    std::size_t index = 0; //!< position in the request
    PushStatus status = PushStatus::Accepted;
    std::string reason; //!< when refused: a sentence a person can read
    RefusalCode code = RefusalCode::Malformed;

    void refuse(Refusal r)
    {
        status = PushStatus::Refused;
        reason = std::move(r.reason);
        code = r.code;
    }
};

//! One element of a push request: the operation, or why it could not be read (then refused alone).
struct PushItem {
    std::optional<Operation> op;
    Uuid id; //!< read even from a malformed operation when its id is readable
    std::string error;
};

struct PushRequest {
    std::vector<PushItem> items;
};
//! Reads {"ops": [...]}: an error only when the whole body is unusable; a malformed operation is an
//! item with its error, so it can be refused alone while the rest are accepted.
Result<PushRequest> pushRequestFromJson(const nlohmann::json &body, std::size_t maxOperations);
//! The same request read straight from the body's text, for the server's push route: the usual
//! body (every operation well-formed, plain field names and texts) is read without building a JSON
//! tree — a quarter of the server's time on a push went to that tree. Nothing when the body is
//! anything else (an error, an unusual spelling); the caller then parses it and asks
//! pushRequestFromJson, which gives the same request or the reasons. `maxDepth` is the nesting limit
//! the caller's parse would apply.
std::optional<PushRequest> pushRequestFromText(std::string_view body, std::size_t maxOperations, int maxDepth);
nlohmann::json pushRequestToJson(const std::vector<Operation> &ops);

struct PushReply {
    std::vector<PushResult> results;
    std::size_t accepted = 0, alreadyHad = 0, refused = 0;
    //! Sets the three counts from the results.
    void count();
};
nlohmann::json toJson(const PushReply &reply);
Result<PushReply> pushReplyFromJson(const nlohmann::json &body);

struct PullPage {
    std::vector<Operation> ops;
    std::int64_t next = 0; //!< the cursor to send for the following page
    bool more = false;
    WorkflowStatus status = WorkflowStatus::Draft;
};
nlohmann::json toJson(const PullPage &page);
//! A damaged operation fails the whole page, naming it: nothing of a page is stored unless all is.
Result<PullPage> pullPageFromJson(const nlohmann::json &body);

//! A team member as an assignment names them.
struct TeamMember {
    std::string username;
    Role role = Role::Evaluator;
    std::string displayName; //!< the name people know ("王芳"); empty when the registry has none
};

//! One inspection as GET /api/v1/inspections lists it for the signed-in user.
struct AssignmentSummary {
    std::string id;
    std::string institution; //!< institution id
    std::string institutionName; //!< empty when the registry has none (shown as the id)
    std::int64_t institutionBeds = 0;
    std::string templateId;
    std::string templateVersion;
    WorkflowStatus status = WorkflowStatus::Draft;
    std::string plannedDate;
    std::vector<TeamMember> team;
    //! The reader's role on the team; nullopt for a supervisor or admin who is not on it
    std::optional<Role> myRole;
    std::int64_t createdAt = 0;
};
nlohmann::json toJson(const AssignmentSummary &a);
//! Names the first field that is missing or of the wrong type.
Result<AssignmentSummary> assignmentSummaryFromJson(const nlohmann::json &j);

//! What one member has delivered to the server (the "members" of GET …/state).
struct MemberProgress {
    std::string username;
    Role role = Role::Evaluator;
    std::size_t operations = 0; //!< their operations in the merged state
    std::int64_t lastChange = 0; //!< ms, their latest operation's time
    std::int64_t lastPush = 0; //!< ms, 0: never
    std::int64_t lastPull = 0; //!< ms, 0: never
    std::size_t pushes = 0;
    std::vector<int> steps; //!< steps (0..7) they own
};

//! The team's delivery as the server sees it: members and the evidence files that have arrived.
struct TeamView {
    std::vector<MemberProgress> members;
    std::size_t membersSynced = 0; //!< members who pushed at least once
    std::size_t photosExpected = 0;
    std::size_t photosReceived = 0;
    std::vector<std::string> photosMissing; //!< SHA-256 of photos and signatures not yet on the server
};
//! The fields members, members_synced and photos, merged into the /state reply.
void addTeamView(nlohmann::json &out, const TeamView &view);
Result<TeamView> teamViewFromJson(const nlohmann::json &j);

} // namespace careeval
