#include "rules.h"

#include "jsonutil.h"
#include "merge.h"

#include <algorithm>

namespace careeval {

std::optional<Role> roleFromString(std::string_view s)
{
    if (s == "evaluator")
        return Role::Evaluator;
    if (s == "lead")
        return Role::Lead;
    if (s == "supervisor")
        return Role::Supervisor;
    if (s == "admin")
        return Role::Admin;
    return std::nullopt;
}

std::string_view toString(Role r)
{
    switch (r) {
    case Role::Evaluator:
        return "evaluator";
    case Role::Lead:
        return "lead";
    case Role::Supervisor:
        return "supervisor";
    case Role::Admin:
        return "admin";
    }
    return "evaluator";
}

std::string_view toString(WorkflowStatus s)
{
    switch (s) {
    case WorkflowStatus::Draft:
        return "draft";
    case WorkflowStatus::Submitted:
        return "submitted";
    case WorkflowStatus::Returned:
        return "returned";
    case WorkflowStatus::Approved:
        return "approved";
    case WorkflowStatus::Locked:
        return "locked";
    }
    return "draft";
}

std::optional<WorkflowStatus> workflowStatusFromString(std::string_view s)
{
    for (auto w :
        {WorkflowStatus::Draft, WorkflowStatus::Submitted, WorkflowStatus::Returned, WorkflowStatus::Approved, WorkflowStatus::Locked})
        if (toString(w) == s)
            return w;
    return std::nullopt;
}

std::string_view toString(RefusalCode c)
{
    switch (c) {
    case RefusalCode::Malformed:
        return "malformed";
    case RefusalCode::ClockJump:
        return "clock_jump";
    case RefusalCode::Locked:
        return "locked";
    case RefusalCode::NotMember:
        return "not_member";
    case RefusalCode::Forbidden:
        return "forbidden";
    case RefusalCode::Workflow:
        return "workflow";
    case RefusalCode::Template:
        return "template";
    case RefusalCode::IdReused:
        return "id_reused";
    }
    return "malformed";
}

std::size_t utf8Length(std::string_view s)
{
    return static_cast<std::size_t>(
        std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

bool Frontier::covers(const Operation &op) const
{
    auto it = clocks.find(op.device);
    return it != clocks.end() && op.clock <= it->second;
}

void Frontier::add(const Operation &op)
{
    auto &c = clocks[op.device];
    c = std::max(c, op.clock);
}

std::uint64_t Frontier::maxClock() const
{
    std::uint64_t m = 0;
    for (const auto &[d, c] : clocks)
        m = std::max(m, c);
    return m;
}

Frontier frontierOf(std::span<const Operation> ops)
{
    Frontier f;
    for (const auto &op : ops)
        f.add(op);
    return f;
}

json toJson(const Frontier &f)
{
    json o = json::object();
    for (const auto &[d, c] : f.clocks)
        o[d] = c;
    return o;
}

std::optional<Frontier> frontierFromValue(const std::string &canonicalValue)
{
    const json v = json::parse(canonicalValue, nullptr, false);
    if (!v.is_object() || !v.contains("frontier") || !v["frontier"].is_object())
        return std::nullopt;
    Frontier f;
    for (auto it = v["frontier"].begin(); it != v["frontier"].end(); ++it)
        if (it->is_number_unsigned() || (it->is_number_integer() && it->get<std::int64_t>() >= 0))
            f.clocks[it.key()] = it->get<std::uint64_t>();
    return f;
}

std::optional<Refusal> permission(OpKind kind, std::optional<Role> role)
{
    if (!role)
        return Refusal {RefusalCode::NotMember, "not a member of this inspection's team"};
    const bool lead = *role == Role::Lead, reviewer = isReviewer(*role);
    switch (kind) {
    case OpKind::Resolve:
        if (lead || reviewer)
            return std::nullopt;
        return Refusal {RefusalCode::Forbidden, "only the team lead or a supervisor resolves conflicts"};
    case OpKind::Submit:
        if (lead)
            return std::nullopt;
        return Refusal {RefusalCode::Forbidden, "only the team lead submits"};
    case OpKind::SampleClose:
        if (lead)
            return std::nullopt;
        return Refusal {RefusalCode::Forbidden, "only the team lead closes a short sample"};
    case OpKind::Approve:
    case OpKind::Return:
    case OpKind::Lock:
        if (reviewer)
            return std::nullopt;
        return Refusal {RefusalCode::Forbidden, "only a supervisor approves, returns or locks"};
    case OpKind::Note:
        return std::nullopt; // team members note their work; reviewers comment on it
    default:
        if (reviewer)
            return Refusal {RefusalCode::Forbidden, "supervisors review an evaluation; its answers are given by its team"};
        return std::nullopt;
    }
}

std::optional<Refusal> stepStatusPermission(const std::string &author, Role role, const std::string &owner)
{
    if (owner.empty() || owner == author || role == Role::Lead)
        return std::nullopt;
    return Refusal {RefusalCode::Forbidden, "this step is held by " + owner + "; only they or the team lead change its status"};
}

Result<WorkflowStatus> advance(WorkflowStatus from, OpKind kind)
{
    if (isLocked(from))
        return makeError(ErrorCode::InvalidOperation, "the inspection is " + std::string(toString(from)) + " and locked");
    switch (kind) {
    case OpKind::Submit:
        if (from == WorkflowStatus::Submitted)
            return makeError(ErrorCode::InvalidOperation, "already submitted");
        return WorkflowStatus::Submitted;
    case OpKind::Approve:
        if (from != WorkflowStatus::Submitted)
            return makeError(ErrorCode::InvalidOperation, "only a submitted inspection can be approved");
        return WorkflowStatus::Approved;
    case OpKind::Return:
        if (from != WorkflowStatus::Submitted)
            return makeError(ErrorCode::InvalidOperation, "only a submitted inspection can be returned");
        return WorkflowStatus::Returned;
    case OpKind::Lock:
        return WorkflowStatus::Locked;
    default:
        return from;
    }
}

Abilities abilities(std::optional<Role> role, WorkflowStatus status)
{
    Abilities a;
    if (!role || isLocked(status))
        return a;
    auto may = [&](OpKind k) { return !permission(k, role).has_value(); };
    a.edit = may(OpKind::Set);
    a.note = may(OpKind::Note);
    a.resolve = may(OpKind::Resolve);
    a.submit = may(OpKind::Submit) && advance(status, OpKind::Submit).ok();
    a.review = may(OpKind::Approve) && advance(status, OpKind::Approve).ok();
    a.lock = may(OpKind::Lock);
    return a;
}

std::optional<Refusal> checkClock(const Operation &op, std::uint64_t maxClockBefore)
{
    if (op.clock > maxClockBefore + limits::kMaxClockStep)
        return Refusal {RefusalCode::ClockJump,
            "clock " + std::to_string(op.clock) + " jumps more than " + std::to_string(limits::kMaxClockStep)
                + " beyond the highest clock of this inspection (" + std::to_string(maxClockBefore) + "); the tablet's clock is wrong"};
    return std::nullopt;
}

std::optional<Refusal> checkSameCopy(const Operation &pushed, const Operation &stored)
{
    // In the order a person reads an operation; values are canonical JSON text (Operation::value).
    const std::pair<const char *, bool> same[] {{"id", pushed.id == stored.id}, {"inspection", pushed.inspection == stored.inspection},
        {"author", pushed.author == stored.author}, {"device", pushed.device == stored.device}, {"clock", pushed.clock == stored.clock},
        {"time", pushed.time == stored.time}, {"kind", pushed.kind == stored.kind}, {"target", pushed.target == stored.target},
        {"value", pushed.value == stored.value}};
    for (const auto &[field, equal] : same)
        if (!equal)
            return Refusal {RefusalCode::IdReused,
                "operation " + pushed.id.toString() + " is already stored with another \"" + field
                    + "\": an operation never changes once made; make the change as a new operation"};
    return std::nullopt;
}

std::optional<Refusal> admit(const Operation &op, const GateContext &ctx)
{
    if (auto why = checkShape(op))
        return Refusal {RefusalCode::Malformed, *why};
    if (auto r = checkClock(op, ctx.maxClock))
        return r;
    if (isLocked(ctx.status))
        return Refusal {RefusalCode::Locked,
            "the inspection is " + std::string(toString(ctx.status)) + " and locked; the change is kept on the tablet but not accepted"};
    if (ctx.checkRoles)
        if (auto r = permission(op.kind, ctx.role))
            return r;
    if (isWorkflowKind(op.kind)) {
        if (auto next = advance(ctx.status, op.kind); !next)
            return Refusal {RefusalCode::Workflow, next.error().message};
        if ((op.kind == OpKind::Approve || op.kind == OpKind::Lock) && !frontierFromValue(op.value))
            return Refusal {RefusalCode::Malformed, "an approval or lock must record the changes it covers (\"frontier\")"};
    }
    if (ctx.tpl)
        if (auto why = checkOperation(op, *ctx.tpl))
            return Refusal {RefusalCode::Template, *why};
    return std::nullopt;
}

} // namespace careeval
