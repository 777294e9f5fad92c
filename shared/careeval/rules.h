#pragma once
// The rule book. Every rule that the tablet, the server and merge() must agree on is written here once
// and called by all three: who may make which kind of change, how the review workflow moves, what a
// lock refuses, how large a value may be, how far a Lamport clock may jump. `admit()` is the one gate
// every operation passes before it is stored anywhere (the tablet before it saves an answer, the
// server on push and when it records a review decision) and again when merge() applies it, so an
// operation one side would refuse can never be stored by the other.
//
// Decisions written down here (and in docs/merge.md):
//  - Team members answer; the lead also settles conflicts and submits.
//  - Supervisors and administrators who are not on the team review: they may add notes, settle
//    conflicts, approve, return and lock; they never answer items, take photos, survey or edit
//    findings. Anyone else is refused.
//  - An approve or lock records the frontier it saw (per device, the highest clock). Every operation
//    beyond it is refused by merge, whatever its clock, and the server refuses anything pushed after.

#include "operation.h"
#include "result.h"

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace careeval {

struct Template;

enum class Role { Evaluator, Lead, Supervisor, Admin };
std::optional<Role> roleFromString(std::string_view s);
std::string_view toString(Role r);
//! Supervisors and administrators review; they are not team members.
inline bool isReviewer(Role r)
{
    return r == Role::Supervisor || r == Role::Admin;
}

enum class WorkflowStatus { Draft, Submitted, Returned, Approved, Locked };
std::string_view toString(WorkflowStatus s);
std::optional<WorkflowStatus> workflowStatusFromString(std::string_view s);
inline bool isLocked(WorkflowStatus s)
{
    return s == WorkflowStatus::Approved || s == WorkflowStatus::Locked;
}
inline bool isWorkflowKind(OpKind k)
{
    return k == OpKind::Submit || k == OpKind::Approve || k == OpKind::Return || k == OpKind::Lock;
}

//! Sizes and bounds every side enforces.
namespace limits {
//! Characters (not bytes) of any one text inside a value: a note, a text answer, a finding's text, a
//! reason or a comment. 10,000 Chinese characters are ~30 KB, inside the value limit below.
inline constexpr std::size_t kMaxTextChars = 10000;
//! Bytes of an operation's whole value as canonical JSON.
inline constexpr std::size_t kMaxValueBytes = 64 * 1024;
inline constexpr std::size_t kMaxNameLength = 128;
inline constexpr std::size_t kMaxTargetLength = 256;
//! Clocks are whole numbers from 1 to 2^53 (exact in every JSON reader).
inline constexpr std::uint64_t kMaxClock = 1ull << 53;
//! How far one operation's clock may lie beyond the highest clock accepted before it. A tablet's clock
//! is the highest it has seen plus one, so an honest tablet moves it by the number of changes it made
//! offline; a jump larger than this is refused, so nobody can push the team's clock to 2^53 and leave
//! no room for the operations that follow (the server's review decisions included).
inline constexpr std::uint64_t kMaxClockStep = 1000000;
} // namespace limits

//! Number of characters (code points) in UTF-8 text.
std::size_t utf8Length(std::string_view s);

enum class RefusalCode {
    Malformed, //!< shape, size or encoding
    ClockJump, //!< clock far beyond what the inspection has seen
    Locked, //!< the inspection is approved or locked, or the change was not seen by the approver
    NotMember, //!< the author is not on the team and does not review
    Forbidden, //!< the author's role may not make this kind of change
    Workflow, //!< a review step out of turn (approving what is not submitted …)
    Template, //!< target or value does not fit the template
    IdReused, //!< the id is already stored with other content: an operation never changes once made
};
std::string_view toString(RefusalCode c);

struct Refusal {
    RefusalCode code = RefusalCode::Malformed;
    std::string reason; //!< a sentence a person can read
};

//! Per device, the highest clock a reviewer had seen when deciding. A device's clocks only grow (each
//! change is the highest clock the tablet has seen plus one), so "clock ≤ frontier[device]" is exactly
//! "was seen".
struct Frontier {
    std::map<std::string, std::uint64_t> clocks;
    bool covers(const Operation &op) const;
    void add(const Operation &op);
    std::uint64_t maxClock() const;
};
Frontier frontierOf(std::span<const Operation> ops);
nlohmann::json toJson(const Frontier &f);
//! The frontier recorded in a workflow operation's value; nullopt when it has none.
std::optional<Frontier> frontierFromValue(const std::string &canonicalValue);

//! Checks an operation built in memory exactly as operationFromJson checks one read from JSON: the
//! shape of every field, the value for its kind, sizes and clock range.
std::optional<std::string> checkShape(const Operation &op);

//! May `role` (nullopt: not on the team, not a reviewer) make a change of `kind`? nullopt when yes.
std::optional<Refusal> permission(OpKind kind, std::optional<Role> role);

//! Who may change a step's status once someone holds it: the holder or the lead. `owner` is the step's
//! holder before the change ("" when nobody holds it); `role` the author's role on the team.
std::optional<Refusal> stepStatusPermission(const std::string &author, Role role, const std::string &owner);

//! The status a workflow operation moves the inspection to, or why it cannot.
Result<WorkflowStatus> advance(WorkflowStatus from, OpKind kind);

//! What the UI may offer, derived from the same rules (the tablet exposes these as typed properties).
struct Abilities {
    bool edit = false; //!< answer items, photos, survey, findings, step status
    bool note = false; //!< add notes
    bool resolve = false; //!< settle conflicts
    bool submit = false;
    bool review = false; //!< approve or return
    bool lock = false;
};
Abilities abilities(std::optional<Role> role, WorkflowStatus status);

//! Everything the gate needs to know about the inspection at the moment of the change.
struct GateContext {
    const Template *tpl = nullptr; //!< when set: targets and values are checked against it
    bool checkRoles = false; //!< when true: `role` is the author's role
    std::optional<Role> role;
    WorkflowStatus status = WorkflowStatus::Draft;
    std::uint64_t maxClock = 0; //!< highest clock the inspection has accepted so far
};

//! Two copies of one operation (the same id) must say the same thing in every field: an operation
//! never changes once made, and a copy that differs (a client that reused an id, a forged copy) is
//! refused rather than reported as already stored. The refusal names the first field that differs.
//! nullopt when `pushed` is the same operation as `stored`.
std::optional<Refusal> checkSameCopy(const Operation &pushed, const Operation &stored);

//! The one gate: shape, sizes, clock jump, lock, role, workflow turn, template. nullopt: admitted.
std::optional<Refusal> admit(const Operation &op, const GateContext &ctx);

//! The clock part of the gate alone (merge applies it in its own walk).
std::optional<Refusal> checkClock(const Operation &op, std::uint64_t maxClockBefore);

} // namespace careeval
