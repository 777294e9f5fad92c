#include "wire.h"

#include "jsonutil.h"
#include "template.h"

#include <algorithm>

namespace careeval {

std::string_view toString(PushStatus s)
{
    switch (s) {
    case PushStatus::Accepted:
        return "accepted";
    case PushStatus::AlreadyHad:
        return "already_had";
    case PushStatus::Refused:
        return "refused";
    }
    return "refused";
}

namespace {
std::optional<PushStatus> pushStatusFromString(std::string_view s)
{
    for (auto p : {PushStatus::Accepted, PushStatus::AlreadyHad, PushStatus::Refused})
        if (toString(p) == s)
            return p;
    return std::nullopt;
}

std::optional<RefusalCode> refusalCodeFromString(std::string_view s)
{
    for (auto c : {RefusalCode::Malformed, RefusalCode::ClockJump, RefusalCode::Locked, RefusalCode::NotMember, RefusalCode::Forbidden,
             RefusalCode::Workflow, RefusalCode::Template, RefusalCode::IdReused})
        if (toString(c) == s)
            return c;
    return std::nullopt;
}
} // namespace

Result<PushRequest> pushRequestFromJson(const json &body, std::size_t maxOperations)
{
    if (!body.is_object())
        return makeError(ErrorCode::InvalidArgument, "the request body must be a JSON object with \"ops\"");
    auto list = body.find("ops");
    if (list == body.end() || !list->is_array())
        return makeError(ErrorCode::InvalidArgument, "field \"ops\" must be a list of operations");
    if (list->size() > maxOperations)
        return makeError(ErrorCode::InvalidArgument, "at most " + std::to_string(maxOperations) + " operations per push");
    PushRequest req;
    req.items.reserve(list->size());
    for (std::size_t i = 0; i < list->size(); ++i) {
        const json &o = (*list)[i];
        PushItem item;
        auto op = operationFromJson(o);
        if (op) {
            item.id = op->id;
            item.op = std::move(op.value());
        } else {
            item.error = "ops[" + std::to_string(i) + "]: " + op.error().message;
            if (o.is_object() && o.contains("id") && o["id"].is_string())
                if (auto id = Uuid::parse(o["id"].get<std::string>()))
                    item.id = *id;
        }
        req.items.push_back(std::move(item));
    }
    return req;
}

namespace {

// Reads {"ops": [{…}, …]} token by token. Every "no" (a nullopt or false) means only "not the usual
// spelling": the caller falls back to the full parse, which decides and explains.
class PushText
{
public:
    explicit PushText(std::string_view text)
        : m_p(text.data())
        , m_end(text.data() + text.size())
    {
    }

    void space()
    {
        while (m_p < m_end && (*m_p == ' ' || *m_p == '\t' || *m_p == '\n' || *m_p == '\r'))
            ++m_p;
    }
    bool take(char c)
    {
        space();
        if (m_p < m_end && *m_p == c) {
            ++m_p;
            return true;
        }
        return false;
    }
    bool atEnd()
    {
        space();
        return m_p == m_end;
    }
    // A string with no escapes and no control characters, in well-formed UTF-8 (what the JSON
    // parser would read as these very bytes).
    std::optional<std::string_view> string()
    {
        space();
        if (m_p >= m_end || *m_p != '"')
            return std::nullopt;
        const std::string_view rest(m_p + 1, static_cast<std::size_t>(m_end - m_p - 1));
        const auto close = rest.find('"');
        if (close == std::string_view::npos || !plainString(rest.substr(0, close)))
            return std::nullopt; // an escaped quote stops here too: plainString refuses the backslash
        m_p += close + 2;
        return rest.substr(0, close);
    }
    // A whole number of at most 15 digits, spelt as JSON spells it (no sign, no leading zero, no
    // fraction or exponent).
    std::optional<std::int64_t> count()
    {
        space();
        const char *begin = m_p;
        std::int64_t v = 0;
        while (m_p < m_end && *m_p >= '0' && *m_p <= '9')
            v = v * 10 + (*m_p++ - '0');
        const auto digits = m_p - begin;
        if (digits == 0 || digits > 15 || (digits > 1 && *begin == '0'))
            return std::nullopt;
        if (m_p < m_end && (*m_p == '.' || *m_p == 'e' || *m_p == 'E'))
            return std::nullopt;
        return v;
    }
    // The text of one JSON value (its nesting counted, strings skipped over); the parser checks it.
    std::optional<std::string_view> valueText()
    {
        space();
        const char *begin = m_p;
        int depth = 0;
        while (m_p < m_end) {
            const char c = *m_p;
            if (c == '"') {
                for (++m_p; m_p < m_end && *m_p != '"'; ++m_p)
                    if (*m_p == '\\')
                        ++m_p;
                if (m_p >= m_end)
                    return std::nullopt;
            } else if (c == '{' || c == '[') {
                ++depth;
            } else if (c == '}' || c == ']') {
                if (depth == 0)
                    break;
                --depth;
            } else if (c == ',' && depth == 0) {
                break;
            }
            ++m_p;
        }
        if (depth != 0 || m_p >= m_end || m_p == begin)
            return std::nullopt;
        return std::string_view(begin, static_cast<std::size_t>(m_p - begin));
    }

private:
    const char *m_p;
    const char *m_end;
};

std::optional<Operation> operationFromText(PushText &in, int valueDepth)
{
    if (!in.take('{'))
        return std::nullopt;
    enum Field : unsigned { Id = 1, Inspection = 2, Author = 4, Device = 8, Kind = 16, Target = 32, Clock = 64, Time = 128, Value = 256 };
    static constexpr std::pair<std::string_view, Field> kFields[] = {{"id", Id}, {"inspection", Inspection}, {"author", Author},
        {"device", Device}, {"kind", Kind}, {"target", Target}, {"clock", Clock}, {"time", Time}, {"value", Value}};
    unsigned seen = 0;
    Operation op;
    std::string_view id, kind;
    json value;
    bool plain = false;
    if (!in.take('}')) {
        do {
            auto key = in.string();
            if (!key || !in.take(':'))
                return std::nullopt;
            auto f = std::find_if(std::begin(kFields), std::end(kFields), [&](const auto &k) { return k.first == *key; });
            if (f == std::end(kFields) || (seen & f->second))
                return std::nullopt; // an unknown field (refused) or one given twice (the last counts)
            seen |= f->second;
            if (f->second == Clock || f->second == Time) {
                auto n = in.count();
                if (!n)
                    return std::nullopt;
                if (f->second == Clock)
                    op.clock = static_cast<std::uint64_t>(*n);
                else
                    op.time = *n;
            } else if (f->second == Value) {
                auto text = in.valueText();
                if (!text)
                    return std::nullopt;
                std::string_view t = *text;
                while (!t.empty() && (t.back() == ' ' || t.back() == '\t' || t.back() == '\n' || t.back() == '\r'))
                    t.remove_suffix(1);
                plain = plainValue(t) != PlainValue::Other;
                if (plain) {
                    op.value = t; // already canonical: no tree to build and write back
                } else {
                    auto v = parseJson(t, valueDepth);
                    if (!v)
                        return std::nullopt;
                    value = std::move(v.value());
                }
            } else {
                auto s = in.string();
                if (!s)
                    return std::nullopt;
                switch (f->second) {
                case Id:
                    id = *s;
                    break;
                case Inspection:
                    op.inspection = *s;
                    break;
                case Author:
                    op.author = *s;
                    break;
                case Device:
                    op.device = *s;
                    break;
                case Kind:
                    kind = *s;
                    break;
                default:
                    op.target = *s;
                }
            }
        } while (in.take(','));
        if (!in.take('}'))
            return std::nullopt;
    }
    constexpr unsigned kRequired = Id | Inspection | Author | Device | Kind | Clock | Time;
    if ((seen & kRequired) != kRequired)
        return std::nullopt;
    // Any id or kind operationFromJson would refuse (too long included) fails these two.
    auto uuid = Uuid::parse(id);
    auto k = opKindFromString(kind);
    if (!uuid || !k)
        return std::nullopt;
    op.id = *uuid;
    op.kind = *k;
    return plain ? admitReadOperation(std::move(op)) : admitReadOperation(std::move(op), value);
}

} // namespace

std::optional<PushRequest> pushRequestFromText(std::string_view body, std::size_t maxOperations, int maxDepth)
{
    PushText in(body);
    if (!in.take('{'))
        return std::nullopt;
    auto key = in.string();
    if (!key || *key != "ops" || !in.take(':') || !in.take('['))
        return std::nullopt;
    PushRequest req;
    req.items.reserve(std::min(maxOperations, body.size() / 128 + 1)); // an operation is ~250 bytes or more
    // A value sits inside the body, the list and the operation: three levels of the caller's limit.
    const int valueDepth = maxDepth - 3;
    if (!in.take(']')) {
        do {
            if (req.items.size() == maxOperations)
                return std::nullopt;
            auto op = operationFromText(in, valueDepth);
            if (!op)
                return std::nullopt;
            PushItem item;
            item.id = op->id;
            item.op = std::move(op);
            req.items.push_back(std::move(item));
        } while (in.take(','));
        if (!in.take(']'))
            return std::nullopt;
    }
    if (!in.take('}') || !in.atEnd())
        return std::nullopt;
    return req;
}

json pushRequestToJson(const std::vector<Operation> &ops)
{
    json list = json::array();
    for (const auto &op : ops)
        list.push_back(toJson(op));
    return json {{"ops", std::move(list)}};
}

json toJson(const PushReply &reply)
{
    json out = json::array();
    for (const auto &r : reply.results) {
        json o {{"index", r.index}, {"status", std::string(toString(r.status))}};
        if (!r.id.isNil())
            o["id"] = r.id.toString();
        if (r.status == PushStatus::Refused) {
            o["reason"] = r.reason;
            o["code"] = std::string(toString(r.code));
        }
        out.push_back(std::move(o));
    }
    return {{"results", out}, {"accepted", reply.accepted}, {"already_had", reply.alreadyHad}, {"refused", reply.refused}};
}

void PushReply::count()
{
    accepted = alreadyHad = refused = 0;
    for (const auto &r : results)
        ++(r.status == PushStatus::Accepted ? accepted : r.status == PushStatus::AlreadyHad ? alreadyHad : refused);
}

Result<PushReply> pushReplyFromJson(const json &body)
{
    if (!body.is_object() || !body.contains("results") || !body["results"].is_array())
        return makeError(ErrorCode::InvalidArgument, "the push reply has no \"results\" list");
    PushReply reply;
    std::size_t i = 0;
    for (const auto &o : body["results"]) {
        if (!o.is_object())
            return makeError(ErrorCode::InvalidArgument, "results[" + std::to_string(i) + "] is not an object");
        PushResult r;
        r.index = o.contains("index") && o["index"].is_number_unsigned() ? o["index"].get<std::size_t>() : i;
        if (o.contains("id") && o["id"].is_string())
            if (auto id = Uuid::parse(o["id"].get<std::string>()))
                r.id = *id;
        auto status = o.contains("status") && o["status"].is_string() ? pushStatusFromString(o["status"].get<std::string>()) : std::nullopt;
        if (!status)
            return makeError(ErrorCode::InvalidArgument, "results[" + std::to_string(i) + "] has no known \"status\"");
        r.status = *status;
        if (o.contains("reason") && o["reason"].is_string())
            r.reason = o["reason"].get<std::string>();
        if (o.contains("code") && o["code"].is_string())
            r.code = refusalCodeFromString(o["code"].get<std::string>()).value_or(RefusalCode::Malformed);
        reply.results.push_back(std::move(r));
        ++i;
    }
    reply.count();
    return reply;
}

json toJson(const PullPage &page)
{
    json ops = json::array();
    for (const auto &op : page.ops)
        ops.push_back(toJson(op));
    return {{"ops", std::move(ops)}, {"next", page.next}, {"more", page.more}, {"status", std::string(toString(page.status))}};
}

Result<PullPage> pullPageFromJson(const json &body)
{
    if (!body.is_object() || !body.contains("ops") || !body["ops"].is_array() || !body.contains("next")
        || !body["next"].is_number_integer())
        return makeError(ErrorCode::InvalidArgument, "the page has no \"ops\" list or no \"next\" cursor");
    PullPage page;
    page.next = body["next"].get<std::int64_t>();
    page.more = body.contains("more") && body["more"].is_boolean() && body["more"].get<bool>();
    if (body.contains("status") && body["status"].is_string())
        page.status = workflowStatusFromString(body["status"].get<std::string>()).value_or(WorkflowStatus::Draft);
    page.ops.reserve(body["ops"].size());
    for (const auto &j : body["ops"]) {
        auto op = operationFromJson(j);
        if (!op)
            return makeError(ErrorCode::InvalidOperation, op.error().message);
        page.ops.push_back(std::move(op.value()));
    }
    return page;
}

namespace {
// Reads the typed fields of one object, keeping the first problem with the field's path.
struct Reader {
    const json &o;
    std::string where;
    std::string error;

    const json *field(const char *key, bool required)
    {
        if (!error.empty())
            return nullptr;
        auto it = o.find(key);
        if (it == o.end() || it->is_null()) {
            if (required)
                error = where + key + " is missing";
            return nullptr;
        }
        return &*it;
    }
    std::string str(const char *key, bool required)
    {
        const json *f = field(key, required);
        if (!f)
            return {};
        if (!f->is_string()) {
            error = where + key + " must be a string";
            return {};
        }
        return f->get<std::string>();
    }
    std::int64_t integer(const char *key)
    {
        const json *f = field(key, false);
        if (!f)
            return 0;
        if (!f->is_number_integer() || f->get<std::int64_t>() < 0) {
            error = where + key + " must be a whole number ≥ 0";
            return 0;
        }
        return f->get<std::int64_t>();
    }
    Role role(const char *key)
    {
        const std::string s = str(key, true);
        if (!error.empty())
            return Role::Evaluator;
        auto r = roleFromString(s);
        if (!r)
            error = where + key + " is not a role: \"" + s + "\"";
        return r.value_or(Role::Evaluator);
    }
    const json *list(const char *key)
    {
        const json *f = field(key, false);
        if (f && !f->is_array()) {
            error = where + key + " must be a list";
            return nullptr;
        }
        return f;
    }
};
} // namespace

json toJson(const AssignmentSummary &a)
{
    json team = json::array();
    for (const auto &m : a.team) {
        json o {{"username", m.username}, {"role", std::string(toString(m.role))}};
        if (!m.displayName.empty())
            o["display_name"] = m.displayName;
        team.push_back(std::move(o));
    }
    json j {{"id", a.id}, {"institution", a.institution}, {"template", {{"id", a.templateId}, {"version", a.templateVersion}}},
        {"status", std::string(toString(a.status))}, {"planned_date", a.plannedDate}, {"team", std::move(team)},
        {"created_at", a.createdAt}};
    if (!a.institutionName.empty())
        j["institution_name"] = a.institutionName;
    if (a.institutionBeds > 0)
        j["institution_beds"] = a.institutionBeds;
    if (a.myRole)
        j["my_role"] = std::string(toString(*a.myRole));
    return j;
}

Result<AssignmentSummary> assignmentSummaryFromJson(const json &j)
{
    if (!j.is_object())
        return makeError(ErrorCode::InvalidArgument, "an assignment must be a JSON object");
    Reader r {j, "", {}};
    AssignmentSummary a;
    a.id = r.str("id", true);
    a.institution = r.str("institution", false);
    a.institutionName = r.str("institution_name", false);
    a.institutionBeds = r.integer("institution_beds");
    if (const json *t = r.field("template", true)) {
        if (!t->is_object())
            return makeError(ErrorCode::InvalidArgument, "assignment " + a.id + ": template must be {id, version}");
        Reader tr {*t, "template.", {}};
        a.templateId = tr.str("id", true);
        a.templateVersion = tr.str("version", true);
        if (!tr.error.empty())
            return makeError(ErrorCode::InvalidArgument, "assignment " + a.id + ": " + tr.error);
    }
    if (const std::string s = r.str("status", false); !s.empty()) {
        auto st = workflowStatusFromString(s);
        if (!st)
            return makeError(ErrorCode::InvalidArgument, "assignment " + a.id + ": status is not a workflow status: \"" + s + "\"");
        a.status = *st;
    }
    a.plannedDate = r.str("planned_date", false);
    if (r.field("my_role", false))
        a.myRole = r.role("my_role");
    a.createdAt = r.integer("created_at");
    if (const json *team = r.list("team"))
        for (std::size_t i = 0; i < team->size() && r.error.empty(); ++i) {
            Reader m {(*team)[i], "team[" + std::to_string(i) + "].", {}};
            if (!(*team)[i].is_object())
                return makeError(ErrorCode::InvalidArgument, "assignment " + a.id + ": team[" + std::to_string(i) + "] must be an object");
            TeamMember t {m.str("username", true), m.role("role"), m.str("display_name", false)};
            if (!m.error.empty())
                return makeError(ErrorCode::InvalidArgument, "assignment " + a.id + ": " + m.error);
            a.team.push_back(std::move(t));
        }
    if (!r.error.empty())
        return makeError(ErrorCode::InvalidArgument, (a.id.empty() ? std::string("an assignment") : "assignment " + a.id) + ": " + r.error);
    return a;
}

void addTeamView(json &out, const TeamView &view)
{
    json members = json::array();
    for (const auto &m : view.members) {
        json steps = json::array();
        for (int s : m.steps)
            if (s >= 0 && s < 8)
                steps.push_back(std::string(kStepKeys[static_cast<std::size_t>(s)]));
        members.push_back(
            {{"username", m.username}, {"role", std::string(toString(m.role))}, {"operations", m.operations}, {"last_change", m.lastChange},
                {"last_push", m.lastPush}, {"last_pull", m.lastPull}, {"pushes", m.pushes}, {"steps", std::move(steps)}});
    }
    out["members"] = std::move(members);
    out["members_synced"] = view.membersSynced;
    out["photos"] = {{"expected", view.photosExpected}, {"received", view.photosReceived}, {"missing", view.photosMissing}};
}

Result<TeamView> teamViewFromJson(const json &j)
{
    if (!j.is_object())
        return makeError(ErrorCode::InvalidArgument, "the team view must be a JSON object");
    TeamView v;
    Reader r {j, "", {}};
    if (const json *members = r.list("members"))
        for (std::size_t i = 0; i < members->size(); ++i) {
            if (!(*members)[i].is_object())
                return makeError(ErrorCode::InvalidArgument, "members[" + std::to_string(i) + "] must be an object");
            Reader m {(*members)[i], "members[" + std::to_string(i) + "].", {}};
            MemberProgress p;
            p.username = m.str("username", true);
            p.role = m.role("role");
            p.operations = static_cast<std::size_t>(m.integer("operations"));
            p.lastChange = m.integer("last_change");
            p.lastPush = m.integer("last_push");
            p.lastPull = m.integer("last_pull");
            p.pushes = static_cast<std::size_t>(m.integer("pushes"));
            if (const json *steps = m.list("steps"))
                for (const auto &s : *steps)
                    for (std::size_t k = 0; k < kStepKeys.size(); ++k)
                        if (s.is_string() && s.get<std::string>() == kStepKeys[k])
                            p.steps.push_back(static_cast<int>(k));
            if (!m.error.empty())
                return makeError(ErrorCode::InvalidArgument, m.error);
            v.members.push_back(std::move(p));
        }
    v.membersSynced = static_cast<std::size_t>(r.integer("members_synced"));
    if (const json *photos = r.field("photos", false)) {
        if (!photos->is_object())
            return makeError(ErrorCode::InvalidArgument, "photos must be an object");
        Reader p {*photos, "photos.", {}};
        v.photosExpected = static_cast<std::size_t>(p.integer("expected"));
        v.photosReceived = static_cast<std::size_t>(p.integer("received"));
        if (const json *missing = p.list("missing"))
            for (const auto &h : *missing)
                if (h.is_string())
                    v.photosMissing.push_back(h.get<std::string>());
        if (!p.error.empty())
            return makeError(ErrorCode::InvalidArgument, p.error);
    }
    if (!r.error.empty())
        return makeError(ErrorCode::InvalidArgument, r.error);
    return v;
}

} // namespace careeval
