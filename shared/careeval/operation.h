#pragma once
// An operation is one immutable edit: who (author, device), when (Lamport clock, wall time), what
// (kind, target, value). An inspection's state is a pure function of its set of operations, so
// operations are the only thing tablets and the server exchange and store.

#include "result.h"

#include <nlohmann/json_fwd.hpp>

#include <array>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace careeval {

//! 128-bit identifier, compared and hashed as bytes; text form is lower-case 8-4-4-4-12 hex.
struct Uuid {
    std::array<std::uint8_t, 16> bytes {};

    static std::optional<Uuid> parse(std::string_view text);
    //! Version-7 UUID: time-ordered (milliseconds) with 74 random bits.
    static Uuid generate();
    std::string toString() const;
    //! The 36 characters of toString, without a string to hold them (no allocation).
    std::array<char, 36> chars() const;
    bool isNil() const;
    auto operator<=>(const Uuid &) const = default;
};

struct UuidHash {
    std::size_t operator()(const Uuid &u) const noexcept;
};

enum class OpKind {
    Set, //!< target item id (or finding field slot); value: the answer
    Clear, //!< target item id; the author's value is removed
    Note, //!< target item / step / finding; value: text
    PhotoAttach, //!< target item or finding; value: {sha256, caption?, taken_at?, bytes?}
    PhotoDetach, //!< target item or finding; value: {attach: <op id of the attach>}
    SampleDraw, //!< target "survey"; value: {seed, population, k, source}
    RespondentStatus, //!< target respondent code; value: {status: todo|done|proxy|refused|unable}
    SurveyAdd, //!< target respondent code; value: {answers: {question: value}}
    SurveyReplace, //!< target response id (the survey.add op id); value: {answers}
    SurveyWithdraw, //!< target response id; value: {reason?}
    FindingAdd, //!< target finding id; value: {title, item?, hazard?, suggestion?, responsible?, deadline?}
    FindingEdit, //!< target finding id; value: {field: value, …}
    FindingClose, //!< target finding id; value: {reason?}
    Resolve, //!< target slot; value: {value, reason, covers: [op ids]}
    StepStatus, //!< target step key; value: {status: todo|in_progress|done, owner?}
    Submit, //!< lead submits; value: {comment?}
    Approve, //!< supervisor approves, which locks; value: {comment?}
    Return, //!< supervisor returns to the team; value: {comment}
    Lock, //!< explicit lock (admin/supervisor); value: {reason?}
    SampleClose, //!< target "survey"; the lead closes a short sample; value: {reason}
};

inline constexpr int kOpKindCount = 20;
std::string_view toString(OpKind kind);
std::optional<OpKind> opKindFromString(std::string_view s);

struct Operation {
    Uuid id;
    std::string inspection;
    std::string author;
    std::string device;
    std::uint64_t clock = 0; //!< Lamport clock of the device when the edit was made
    std::int64_t time = 0; //!< wall time, milliseconds since the Unix epoch (informative only)
    OpKind kind = OpKind::Set;
    std::string target;
    std::string value; //!< canonical JSON text of the value ("null" when none)

    //! The total order every replica sorts by: clock, then author, device, id.
    static bool before(const Operation &a, const Operation &b);
};

//! Field-by-field validation of one operation object; the message names the failing field.
Result<Operation> operationFromJson(const nlohmann::json &object);
//! The operation operationFromJson would read from an object whose members are these: `op` with
//! every field but the value already read (strings as sent, absent ones empty), `value` the value
//! member (null when absent). Nothing when operationFromJson would refuse such an object; the caller
//! then asks operationFromJson for the reason. (The push fast path reads fields without a JSON tree.)
std::optional<Operation> admitReadOperation(Operation op, const nlohmann::json &value);
//! The same for a value read as text: `op.value` holds it. Judged without a parser when the text is
//! plain (plainValue: already canonical), parsed and written canonically otherwise.
std::optional<Operation> admitReadOperation(Operation op);
//! Parses one line of JSON (as in .jsonl files and push batches).
Result<Operation> parseOperation(std::string_view text);
nlohmann::json toJson(const Operation &op);
//! One-line JSON form, stable for a given operation.
std::string serialize(const Operation &op);

//! Milliseconds since the Unix epoch, now.
std::int64_t nowMillis();

} // namespace careeval
