#pragma once
// merge(): the one function that turns a set of operations into an inspection's state. It is pure:
// the result depends only on the set (not the order, not duplicates), so every tablet and the server
// compute the same state from the same operations.
//
// Rules, per slot (an item, or one field of a finding):
//  - each author's current value is their last set/clear in the total order (clock, author, device, id);
//  - one distinct value among authors → agreed; several → conflict, all values and authors kept;
//  - a resolve operation settles the values it covers; a later value it does not cover and that differs
//    reopens the conflict (the resolution's value stands as one of the candidates). Nothing is ever
//    settled by last-write-wins.
// Notes, photos, survey responses and findings are unions. Every operation passes the rule book's gate
// (rules.h) as it is applied. An approve or lock bounds the merge by the frontier it records: every
// operation it had not seen is refused, whatever its clock, and listed with its reason; nothing is
// dropped silently.

#include "operation.h"
#include "rules.h"
#include "template.h"

#include <array>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace careeval {

struct MergeOptions {
    const Template *tpl = nullptr; //!< when set: targets and values are checked against it
    std::map<std::string, Role> roles; //!< when set: who may resolve, submit, approve, return, lock
    //! True on the server, which knows every account: an author not in `roles` is not on the team and
    //! refused. A tablet knows only its team (from the assignment) and sets this false: authors it does
    //! not know (a supervisor) are not judged by role there — the server already did.
    bool rolesComplete = true;
};

enum class SlotStatus { Empty, Agreed, Conflict, Resolved };
std::string_view toString(SlotStatus s);

struct SlotValue {
    std::string author;
    std::string device;
    Uuid op;
    std::uint64_t clock = 0;
    std::int64_t time = 0;
    std::string value; //!< canonical JSON
};

struct Resolution {
    std::string author;
    Uuid op;
    std::int64_t time = 0;
    std::string value; //!< canonical JSON
    std::string reason;
};

struct SlotState {
    SlotStatus status = SlotStatus::Empty;
    std::string value; //!< team value (canonical JSON) when agreed or resolved
    std::vector<SlotValue> values; //!< each author's current value, by author
    std::optional<Resolution> resolution;
    bool hasTeamValue() const { return status == SlotStatus::Agreed || status == SlotStatus::Resolved; }
};

struct NoteEntry {
    Uuid op;
    std::string target;
    std::string author;
    std::string text;
    std::int64_t time = 0;
};

struct PhotoEntry {
    Uuid op; //!< the attach operation: what a detach names
    std::string target;
    std::string sha256;
    std::string caption;
    std::string author;
    std::int64_t time = 0;
    std::int64_t takenAt = 0;
    std::string thumb; //!< sha256 of a small copy, when the attaching device made one
};

struct SampleDraw {
    Uuid op;
    std::uint64_t seed = 0;
    int population = 0;
    int k = 0;
    std::string source; //!< "roster" or "beds"
    std::string author;
    std::int64_t time = 0;
};

//! The lead's decision to close a sample that cannot be completed (a small home, many residents unable
//! to answer), with the reason; the conclusion then completes and says the sample is short.
struct SampleClosure {
    Uuid op;
    std::string reason;
    std::string author;
    std::int64_t time = 0;
};

struct Respondent {
    std::string code;
    std::string status; //!< todo, done, proxy (answered by a proxy, 代答), refused, unable
    std::string author;
    std::int64_t time = 0;
};

struct SurveyResponse {
    Uuid id; //!< the survey.add operation
    std::string respondent;
    std::string author;
    std::int64_t time = 0;
    std::string answers; //!< canonical JSON object question → answer (the latest replacement)
    int revisions = 0;
};

struct Finding {
    std::string id;
    bool derived = false; //!< created by a hazard-flagged non-compliant item ("item:<id>")
    std::string item;
    Hazard hazard = Hazard::None;
    std::string author;
    std::int64_t time = 0;
    std::map<std::string, SlotState> fields; //!< title, description, suggestion, responsible, deadline
    bool closed = false;
    std::string closeReason;
    //! Team value of a text field, or "" when empty or in conflict.
    std::string text(const std::string &field) const;
};

struct StepState {
    std::string status = "todo";
    std::string owner;
    std::string author;
    std::int64_t time = 0;
};

struct WorkflowEvent {
    OpKind kind;
    std::string author;
    std::string comment;
    std::int64_t time = 0;
    Uuid op;
};

struct RefusedOp {
    Uuid id;
    OpKind kind;
    std::string author;
    std::string target;
    std::int64_t time = 0;
    std::string reason;
    RefusalCode code = RefusalCode::Malformed;
};

struct AuthorSummary {
    std::size_t operations = 0;
    std::int64_t lastTime = 0;
    std::uint64_t maxClock = 0;
};

struct InspectionState {
    std::string inspection;
    std::map<std::string, SlotState> items;
    std::map<std::string, Finding> findings;
    std::vector<NoteEntry> notes;
    std::vector<PhotoEntry> photos;
    std::optional<SampleDraw> sample;
    std::optional<SampleClosure> sampleClosed;
    std::map<std::string, Respondent> respondents;
    std::vector<SurveyResponse> responses;
    std::array<StepState, 8> steps;
    WorkflowStatus status = WorkflowStatus::Draft;
    std::vector<WorkflowEvent> history;
    std::vector<RefusedOp> refused;
    std::map<std::string, AuthorSummary> authors;
    std::uint64_t maxClock = 0;
    std::size_t accepted = 0; //!< distinct operations applied
    std::size_t duplicates = 0; //!< copies of an operation already counted

    bool locked() const { return isLocked(status); }
    const SlotState *item(std::string_view id) const;
    //! Slots in conflict: item ids and "finding:<id>/<field>".
    std::vector<std::string> conflicts() const;
    std::vector<const NoteEntry *> notesFor(std::string_view target) const;
    //! The notes that stand on a target: each author's latest (a later note replaces the same author's
    //! earlier one, as the app edits a note), in the order they were written.
    std::vector<const NoteEntry *> currentNotesFor(std::string_view target) const;
    std::vector<const PhotoEntry *> photosFor(std::string_view target) const;
};

InspectionState merge(std::string_view inspection, std::span<const Operation> ops, const MergeOptions &options = {});

//! Checks a value for an item of the template; returns the reason when it does not fit.
std::optional<std::string> checkItemValue(const Item &item, const std::string &canonicalValue);

//! Checks an operation's target and value against a template (what merge refuses with a template);
//! the server uses it to refuse at push time with the same reasons.
std::optional<std::string> checkOperation(const Operation &op, const Template &tpl);

} // namespace careeval
