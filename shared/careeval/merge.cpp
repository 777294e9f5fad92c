#include "merge.h"

#include "jsonutil.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <set>
#include <tuple>
#include <unordered_map>

namespace careeval {

std::string_view toString(SlotStatus s)
{
    switch (s) {
    case SlotStatus::Empty:
        return "empty";
    case SlotStatus::Agreed:
        return "agreed";
    case SlotStatus::Conflict:
        return "conflict";
    case SlotStatus::Resolved:
        return "resolved";
    }
    return "empty";
}

std::string Finding::text(const std::string &field) const
{
    auto it = fields.find(field);
    if (it == fields.end() || !it->second.hasTeamValue())
        return {};
    json v = json::parse(it->second.value, nullptr, false);
    return v.is_string() ? v.get<std::string>() : std::string();
}

const SlotState *InspectionState::item(std::string_view id) const
{
    auto it = items.find(std::string(id));
    return it == items.end() ? nullptr : &it->second;
}

std::vector<std::string> InspectionState::conflicts() const
{
    std::vector<std::string> out;
    for (const auto &[id, slot] : items)
        if (slot.status == SlotStatus::Conflict)
            out.push_back(id);
    for (const auto &[fid, f] : findings)
        for (const auto &[field, slot] : f.fields)
            if (slot.status == SlotStatus::Conflict)
                out.push_back("finding:" + fid + "/" + field);
    return out;
}

std::vector<const NoteEntry *> InspectionState::notesFor(std::string_view target) const
{
    std::vector<const NoteEntry *> out;
    for (const auto &n : notes)
        if (n.target == target)
            out.push_back(&n);
    return out;
}

std::vector<const NoteEntry *> InspectionState::currentNotesFor(std::string_view target) const
{
    std::vector<const NoteEntry *> all = notesFor(target), out;
    for (std::size_t i = 0; i < all.size(); ++i) {
        const bool replaced = std::any_of(all.begin() + static_cast<std::ptrdiff_t>(i) + 1, all.end(),
            [&](const NoteEntry *later) { return later->author == all[i]->author; });
        if (!replaced)
            out.push_back(all[i]);
    }
    return out;
}

std::vector<const PhotoEntry *> InspectionState::photosFor(std::string_view target) const
{
    std::vector<const PhotoEntry *> out;
    for (const auto &p : photos)
        if (p.target == target)
            out.push_back(&p);
    return out;
}

namespace {

// The canonical text of a plain JSON number (what canonicalJson writes), read without a JSON parser.
std::optional<double> plainNumber(const std::string &s)
{
    if (s.empty() || s.size() > 32 || !(std::isdigit(static_cast<unsigned char>(s[0])) || s[0] == '-'))
        return std::nullopt;
    char *end = nullptr;
    const double d = std::strtod(s.c_str(), &end);
    if (end != s.c_str() + s.size())
        return std::nullopt;
    return d;
}

} // namespace

std::optional<std::string> checkItemValue(const Item &item, const std::string &canonicalValue)
{
    // Fast paths for the answers that make up almost every log: check values and plain numbers.
    if (item.type == ItemType::Check && (canonicalValue == "\"compliant\"" || canonicalValue == "\"noncompliant\""))
        return std::nullopt;
    if (item.type == ItemType::Score || item.type == ItemType::Number) {
        if (auto d = plainNumber(canonicalValue)) {
            if (item.type == ItemType::Score) {
                const double mx = item.max.value_or(0), steps = *d / item.step;
                if (*d >= 0 && *d <= mx + 1e-9 && std::fabs(steps - std::round(steps)) <= 1e-6)
                    return std::nullopt;
            } else if ((!item.min || *d >= *item.min - 1e-9) && (!item.max || *d <= *item.max + 1e-9)) {
                return std::nullopt;
            }
        }
    }
    const json v = json::parse(canonicalValue, nullptr, false);
    if (v.is_discarded())
        return "value is not valid JSON";
    // Not applicable takes an item out of every rate, count and finding, so the template decides
    // whether it may be given at all, and whether only with a reason.
    auto naCheck = [&]() -> std::optional<std::optional<std::string>> {
        std::string reason;
        const bool plain = v.is_string() && v.get_ref<const std::string &>() == kNotApplicable;
        const bool withReason = v.is_object() && v.size() == 1 && v.contains("na");
        if (!plain && !withReason)
            return std::nullopt; // not an N/A value: checked as an answer
        if (item.na == NaPolicy::Never)
            return std::optional<std::string>("this item can never be marked not applicable");
        if (withReason
            && (!v["na"].is_string() || v["na"].get_ref<const std::string &>().find_first_not_of(" \t\r\n") == std::string::npos))
            return std::optional<std::string>("not applicable needs a reason in words");
        if (plain && item.na == NaPolicy::WithReason)
            return std::optional<std::string>("this item can be marked not applicable only with a reason");
        return std::optional<std::string>();
    };
    switch (item.type) {
    case ItemType::Check: {
        if (auto na = naCheck())
            return *na;
        if (!v.is_string())
            return "a check item takes \"compliant\", \"noncompliant\" or \"na\"";
        const auto &s = v.get_ref<const std::string &>();
        if (s == kCompliant || s == kNonCompliant)
            return std::nullopt;
        return "a check item takes \"compliant\", \"noncompliant\" or \"na\", not \"" + s + "\"";
    }
    case ItemType::Score: {
        if (auto na = naCheck())
            return *na;
        if (!v.is_number())
            return "a score must be a number";
        const double d = v.get<double>(), mx = item.max.value_or(0);
        if (!(d >= 0 && d <= mx + 1e-9))
            return "score " + canonicalValue + " is outside 0.." + json(mx).dump();
        const double steps = d / item.step;
        if (std::fabs(steps - std::round(steps)) > 1e-6)
            return "score " + canonicalValue + " is not a multiple of " + json(item.step).dump();
        return std::nullopt;
    }
    case ItemType::Number: {
        if (!v.is_number())
            return "a number item takes a number";
        const double d = v.get<double>();
        if (item.min && d < *item.min - 1e-9)
            return "value " + canonicalValue + " is below the minimum " + json(*item.min).dump();
        if (item.max && d > *item.max + 1e-9)
            return "value " + canonicalValue + " is above the maximum " + json(*item.max).dump();
        return std::nullopt;
    }
    case ItemType::Single:
        if (!v.is_string() || !item.option(v.get_ref<const std::string &>()))
            return "value is not one of the item's options";
        return std::nullopt;
    case ItemType::Multiple: {
        if (!v.is_array())
            return "a multiple-choice item takes a list of options";
        std::set<std::string> seen;
        for (const auto &e : v)
            if (!e.is_string() || !item.option(e.get_ref<const std::string &>()) || !seen.insert(e.get<std::string>()).second)
                return "list contains a value that is not an option, or an option twice";
        return std::nullopt;
    }
    case ItemType::Text:
        if (!v.is_string())
            return "a text item takes text";
        if (v.get_ref<const std::string &>().size() > 20000)
            return "text longer than 20000 bytes";
        return std::nullopt;
    case ItemType::Date: {
        if (!v.is_string())
            return "a date item takes a date like 2026-11-25";
        const auto &s = v.get_ref<const std::string &>();
        if (!daysSinceEpoch(s))
            return "\"" + s + "\" is not a date like 2026-11-25";
        return std::nullopt;
    }
    case ItemType::Signature:
        if (!v.is_object() || !v.contains("sha256") || !v["sha256"].is_string() || v["sha256"].get_ref<const std::string &>().size() != 64
            || !v.contains("signer") || !v["signer"].is_string() || v["signer"].get_ref<const std::string &>().empty())
            return "a signature takes {\"sha256\": …, \"signer\": name, \"role\": …}";
        return std::nullopt;
    case ItemType::Photo:
        return "photo items take photos (photo.attach), not values";
    case ItemType::Rating:
        return "survey questions are answered in survey responses, not set directly";
    }
    return std::nullopt;
}

namespace {

constexpr std::string_view kFindingFields[] = {"title", "description", "suggestion", "responsible", "deadline", "hazard", "item"};

bool isFindingField(std::string_view f)
{
    return std::find(std::begin(kFindingFields), std::end(kFindingFields), f) != std::end(kFindingFields);
}

// A finding's rectification deadline is a calendar date (or empty while not yet
// agreed): "下月底" is not a deadline anyone can check.
std::optional<std::string> findingFieldProblem(const std::string &field, const json &value)
{
    if (field != "deadline")
        return std::nullopt;
    if (!value.is_string())
        return "a finding's deadline is a date like 2026-12-31";
    const auto &s = value.get_ref<const std::string &>();
    if (!s.empty() && !daysSinceEpoch(s))
        return "a finding's deadline is a date like 2026-12-31, not \"" + s + "\"";
    return std::nullopt;
}

// Per-slot bookkeeping while the ordered operations are applied.
struct Register {
    std::vector<std::pair<std::string_view, const Operation *>> latest; // author → last set/clear
    const Operation *resolution = nullptr;

    void put(const Operation *op)
    {
        for (auto &[author, cur] : latest)
            if (author == op->author) {
                cur = op;
                return;
            }
        latest.emplace_back(op->author, op);
    }
};

struct Builder {
    const MergeOptions &opt;
    InspectionState &st;
    std::unordered_map<std::string, Register> items;
    std::map<std::string, std::map<std::string, Register>> findingFields;
    // Finding-field values carried by finding.add/finding.edit: (op, field) → canonical value
    std::unordered_map<const Operation *, std::map<std::string, std::string>> fieldValues;
    std::unordered_map<Uuid, std::size_t, UuidHash> responseIndex;
    std::set<Uuid> detached;

    void refuse(const Operation &op, std::string reason, RefusalCode code = RefusalCode::Template)
    {
        st.refused.push_back({op.id, op.kind, op.author, op.target, op.time, std::move(reason), code});
    }
    void refuse(const Operation &op, const Refusal &r) { refuse(op, r.reason, r.code); }

    std::optional<Role> roleOf(const std::string &author) const
    {
        auto it = opt.roles.find(author);
        if (it == opt.roles.end())
            return std::nullopt;
        return it->second;
    }

    // Role checks apply only when the caller gave the team's roles (the rule book's permission()).
    std::optional<Refusal> permitted(const Operation &op) const
    {
        if (opt.roles.empty())
            return std::nullopt;
        const auto role = roleOf(op.author);
        if (!role && !opt.rolesComplete)
            return std::nullopt;
        return permission(op.kind, role);
    }

    // A workflow operation the first pass accepted: recorded in the history (the status is the first
    // pass's).
    void applyWorkflow(const Operation &op)
    {
        const json v = json::parse(op.value, nullptr, false);
        std::string comment = v.is_object() && v.contains("comment") && v["comment"].is_string() ? v["comment"].get<std::string>() : "";
        if (op.kind == OpKind::Lock && comment.empty() && v.is_object() && v.contains("reason") && v["reason"].is_string())
            comment = v["reason"].get<std::string>();
        st.history.push_back({op.kind, op.author, comment, op.time, op.id});
        count(op);
    }

    void count(const Operation &op)
    {
        ++st.accepted;
        AuthorSummary &a = st.authors[op.author];
        ++a.operations;
        a.lastTime = std::max(a.lastTime, op.time);
        a.maxClock = std::max(a.maxClock, op.clock);
    }

    // A content operation (not a review decision), after the lock and clock checks of merge().
    void apply(const Operation &op)
    {
        if (auto r = permitted(op))
            return refuse(op, *r);
        if (opt.tpl)
            if (auto why = checkOperation(op, *opt.tpl))
                return refuse(op, *why, RefusalCode::Template);
        const json v = op.kind == OpKind::Set || op.kind == OpKind::Clear ? json() : json::parse(op.value, nullptr, false);
        switch (op.kind) {
        case OpKind::Set:
        case OpKind::Clear:
            items[op.target].put(&op);
            break;
        case OpKind::Resolve: {
            const auto slash = op.target.find('/');
            if (op.target.rfind("finding:", 0) == 0 && slash != std::string::npos) {
                const std::string fid = op.target.substr(8, slash - 8), field = op.target.substr(slash + 1);
                if (!isFindingField(field))
                    return refuse(op, "findings have no field \"" + field + "\"");
                findingFields[fid][field].resolution = &op;
            } else {
                items[op.target].resolution = &op;
            }
            break;
        }
        case OpKind::Note:
            st.notes.push_back({op.id, op.target, op.author, v.get<std::string>(), op.time});
            break;
        case OpKind::PhotoAttach:
            st.photos.push_back({op.id, op.target, v["sha256"].get<std::string>(), v.value("caption", std::string()), op.author, op.time,
                v.contains("taken_at") && v["taken_at"].is_number_integer() ? v["taken_at"].get<std::int64_t>() : 0,
                v.contains("thumb") && v["thumb"].is_string() ? v["thumb"].get<std::string>() : std::string()});
            break;
        case OpKind::PhotoDetach:
            detached.insert(*Uuid::parse(v["attach"].get<std::string>()));
            break;
        case OpKind::SampleDraw:
            // The first draw stands: a redraw would change who is asked after answers exist.
            if (st.sample)
                return refuse(op, "the sample was already drawn (seed " + std::to_string(st.sample->seed) + ")");
            st.sample = SampleDraw {op.id, v["seed"].get<std::uint64_t>(), static_cast<int>(v["population"].get<std::uint64_t>()),
                static_cast<int>(v["k"].get<std::uint64_t>()), v.value("source", std::string("beds")), op.author, op.time};
            break;
        case OpKind::SampleClose:
            if (!st.sample)
                return refuse(op, "no sample has been drawn to close");
            if (st.sampleClosed)
                return refuse(op, "the sample was already closed");
            st.sampleClosed = SampleClosure {op.id, v["reason"].get<std::string>(), op.author, op.time};
            break;
        case OpKind::RespondentStatus:
            st.respondents[op.target] = {op.target, v["status"].get<std::string>(), op.author, op.time};
            break;
        case OpKind::SurveyAdd:
            responseIndex[op.id] = st.responses.size();
            st.responses.push_back({op.id, op.target, op.author, op.time, canonicalJson(v["answers"]), 0});
            break;
        case OpKind::SurveyReplace:
        case OpKind::SurveyWithdraw: {
            auto target = Uuid::parse(op.target);
            auto it = target ? responseIndex.find(*target) : responseIndex.end();
            if (it == responseIndex.end())
                return refuse(op, "no survey response \"" + op.target + "\" to change");
            SurveyResponse &r = st.responses[it->second];
            if (op.kind == OpKind::SurveyWithdraw) {
                r.answers.clear(); // withdrawn: marked by empty answers, removed at the end
            } else {
                if (r.answers.empty())
                    return refuse(op, "survey response \"" + op.target + "\" was withdrawn");
                r.answers = canonicalJson(v["answers"]);
                ++r.revisions;
            }
            break;
        }
        case OpKind::FindingAdd: {
            auto [it, fresh] = st.findings.try_emplace(op.target);
            Finding &f = it->second;
            if (fresh) {
                f.id = op.target;
                f.author = op.author;
                f.time = op.time;
            }
            for (auto fit = v.begin(); fit != v.end(); ++fit)
                if (isFindingField(fit.key()))
                    if (auto problem = findingFieldProblem(fit.key(), *fit)) {
                        if (fresh)
                            st.findings.erase(it);
                        return refuse(op, *problem);
                    }
            auto &values = fieldValues[&op];
            for (auto fit = v.begin(); fit != v.end(); ++fit) {
                if (!isFindingField(fit.key()))
                    continue;
                values[fit.key()] = canonicalJson(*fit);
                findingFields[op.target][fit.key()].put(&op);
            }
            break;
        }
        case OpKind::FindingEdit: {
            auto &values = fieldValues[&op];
            for (auto fit = v.begin(); fit != v.end(); ++fit)
                if (!isFindingField(fit.key()))
                    return refuse(op, "findings have no field \"" + fit.key() + "\"");
                else if (auto problem = findingFieldProblem(fit.key(), *fit))
                    return refuse(op, *problem);
            for (auto fit = v.begin(); fit != v.end(); ++fit) {
                values[fit.key()] = canonicalJson(*fit);
                findingFields[op.target][fit.key()].put(&op);
            }
            break;
        }
        case OpKind::FindingClose: {
            auto &f = st.findings[op.target];
            f.closed = true;
            f.closeReason = v.is_object() ? v.value("reason", std::string()) : std::string();
            break;
        }
        case OpKind::StepStatus: {
            auto key = stepKeyFromString(op.target);
            if (!key)
                return refuse(op, "unknown step \"" + op.target + "\"");
            StepState &s = st.steps[static_cast<int>(*key)];
            if (const auto role = roleOf(op.author))
                if (auto r = stepStatusPermission(op.author, *role, s.owner))
                    return refuse(op, *r);
            s.status = v["status"].get<std::string>();
            if (v.contains("owner"))
                s.owner = v["owner"].get<std::string>();
            s.author = op.author;
            s.time = op.time;
            break;
        }
        default:
            break;
        }
        count(op);
    }

    // The value an operation gives a slot: a set's value, a finding op's field value; nullopt: cleared.
    std::optional<std::string> valueOf(const Operation *op, const std::string &field) const
    {
        if (op->kind == OpKind::Set)
            return op->value;
        if (op->kind == OpKind::Clear)
            return std::nullopt;
        auto it = fieldValues.find(op);
        if (it == fieldValues.end())
            return std::nullopt;
        auto fit = it->second.find(field);
        if (fit == it->second.end())
            return std::nullopt;
        return fit->second;
    }

    SlotState finish(const Register &reg, const std::string &field) const
    {
        SlotState slot;
        for (const auto &[author, op] : reg.latest) {
            auto value = valueOf(op, field);
            if (!value)
                continue;
            slot.values.push_back({op->author, op->device, op->id, op->clock, op->time, *value});
        }
        std::sort(slot.values.begin(), slot.values.end(), [](const SlotValue &a, const SlotValue &b) { return a.author < b.author; });
        std::vector<std::string> open; // distinct values not settled by a resolution
        if (reg.resolution) {
            const Operation &r = *reg.resolution;
            const json v = json::parse(r.value, nullptr, false);
            Resolution res {r.author, r.id, r.time, canonicalJson(v["value"]), v["reason"].get<std::string>()};
            std::set<Uuid> covers;
            for (const auto &c : v["covers"])
                covers.insert(*Uuid::parse(c.get<std::string>()));
            for (const auto &sv : slot.values)
                if (!covers.count(sv.op) && sv.value != res.value && std::find(open.begin(), open.end(), sv.value) == open.end())
                    open.push_back(sv.value);
            slot.resolution = res;
            if (open.empty()) {
                slot.status = SlotStatus::Resolved;
                slot.value = res.value;
            } else {
                slot.status = SlotStatus::Conflict; // a later value the resolution did not see
            }
            return slot;
        }
        for (const auto &sv : slot.values)
            if (std::find(open.begin(), open.end(), sv.value) == open.end())
                open.push_back(sv.value);
        if (open.size() == 1) {
            slot.status = SlotStatus::Agreed;
            slot.value = open.front();
        } else if (open.size() > 1) {
            slot.status = SlotStatus::Conflict;
        }
        return slot;
    }

    void finishAll()
    {
        for (const auto &[id, reg] : items) {
            SlotState slot = finish(reg, id);
            if (slot.status != SlotStatus::Empty || !slot.values.empty() || slot.resolution)
                st.items.emplace(id, std::move(slot));
        }
        // Hazard-flagged items whose team value is non-compliant are findings of their own.
        if (opt.tpl) {
            const std::string nonCompliant = canonicalJson(json(std::string(kNonCompliant)));
            for (const auto &[id, slot] : st.items) {
                const Item *item = opt.tpl->item(id);
                if (!item || item->hazard == Hazard::None || !slot.hasTeamValue() || slot.value != nonCompliant)
                    continue;
                Finding &f = st.findings["item:" + id];
                f.id = "item:" + id;
                f.derived = true;
                f.item = id;
                f.hazard = item->hazard;
                const SlotValue *first = nullptr;
                for (const auto &sv : slot.values)
                    if (sv.value == nonCompliant && (!first || sv.clock < first->clock))
                        first = &sv;
                if (first) {
                    f.author = first->author;
                    f.time = first->time;
                }
            }
        }
        for (auto &[fid, fields] : findingFields) {
            auto it = st.findings.find(fid);
            if (it == st.findings.end())
                continue; // edits of a derived finding whose item is no longer non-compliant
            for (const auto &[field, reg] : fields)
                it->second.fields[field] = finish(reg, field);
            Finding &f = it->second;
            if (!f.derived) {
                f.item = f.text("item");
                const std::string h = f.text("hazard");
                f.hazard = h == "major" ? Hazard::Major : h == "general" ? Hazard::General : Hazard::None;
            }
        }
        // Findings that only ever got a close or an edit but no add (nor a derived item) are not findings.
        for (auto it = st.findings.begin(); it != st.findings.end();) {
            if (it->second.id.empty())
                it = st.findings.erase(it);
            else
                ++it;
        }
        std::erase_if(st.photos, [&](const PhotoEntry &p) { return detached.count(p.op) > 0; });
        std::erase_if(st.responses, [](const SurveyResponse &r) { return r.answers.empty(); });
    }
};

} // namespace

std::optional<std::string> checkOperation(const Operation &op, const Template &tpl)
{
    const Template *t = &tpl;
    auto isStep = [&](const std::string &s) { return stepKeyFromString(s).has_value(); };
    auto isFindingRef = [](const std::string &s) { return s.rfind("finding:", 0) == 0 && s.size() > 8; };
    switch (op.kind) {
    case OpKind::Set:
    case OpKind::Clear: {
        const Item *item = t->item(op.target);
        if (!item)
            return "no item \"" + op.target + "\" in template " + t->pin();
        if (op.kind == OpKind::Set)
            return checkItemValue(*item, op.value);
        return std::nullopt;
    }
    case OpKind::Note:
    case OpKind::PhotoAttach:
    case OpKind::PhotoDetach:
        if (t->item(op.target) || isStep(op.target) || isFindingRef(op.target))
            return std::nullopt;
        return "\"" + op.target + "\" is neither an item, a step nor a finding";
    case OpKind::StepStatus:
        return isStep(op.target) ? std::nullopt : std::optional<std::string>("unknown step \"" + op.target + "\"");
    case OpKind::SampleClose:
        if (!t->survey.enabled)
            return "template " + t->pin() + " has no survey";
        return op.target == "survey" ? std::nullopt : std::optional<std::string>("a sample is closed on the target \"survey\"");
    case OpKind::SurveyAdd:
    case OpKind::SurveyReplace: {
        if (!t->survey.enabled)
            return "template " + t->pin() + " has no survey";
        const json v = json::parse(op.value, nullptr, false);
        for (auto it = v["answers"].begin(); it != v["answers"].end(); ++it) {
            const Item *q = t->item(it.key());
            if (!q || q->type != ItemType::Rating)
                return "answer to unknown question \"" + it.key() + "\"";
            if (!it->is_string() || (!q->option(it->get<std::string>()) && it->get<std::string>() != "unknown"))
                return "answer to \"" + it.key() + "\" is not on its scale";
        }
        return std::nullopt;
    }
    case OpKind::Resolve: {
        if (const Item *item = t->item(op.target)) {
            const json v = json::parse(op.value, nullptr, false);
            return checkItemValue(*item, canonicalJson(v["value"]));
        }
        if (isFindingRef(op.target) && op.target.find('/') != std::string::npos)
            return std::nullopt;
        return "nothing to resolve at \"" + op.target + "\"";
    }
    default:
        return std::nullopt;
    }
}

InspectionState merge(std::string_view inspection, std::span<const Operation> ops, const MergeOptions &options)
{
    InspectionState st;
    st.inspection = std::string(inspection);

    // Both sorts work on compact integer keys (ids as two big-endian words, author and device as their
    // rank among the distinct names), which orders exactly as Operation::before does but without a
    // string or byte comparison per step: this is most of merge's time at 10^6 operations.
    auto word = [](const Uuid &u, int half) {
        std::uint64_t w = 0;
        for (int i = 0; i < 8; ++i)
            w = (w << 8) | u.bytes[half * 8 + i];
        return w;
    };
    // Names are interned in one pass (a team has a handful of authors and devices, so a short linear
    // list beats hashing), then replaced by their rank in sorted order.
    struct Interner {
        std::vector<std::string_view> names;
        std::unordered_map<std::string_view, std::uint32_t> index; // used once the list grows long
        std::uint32_t id(std::string_view s)
        {
            if (index.empty()) {
                for (std::uint32_t i = 0; i < names.size(); ++i)
                    if (names[i] == s)
                        return i;
                names.push_back(s);
                if (names.size() > 32)
                    for (std::uint32_t i = 0; i < names.size(); ++i)
                        index.emplace(names[i], i);
                return static_cast<std::uint32_t>(names.size() - 1);
            }
            auto [it, fresh] = index.emplace(s, static_cast<std::uint32_t>(names.size()));
            if (fresh)
                names.push_back(s);
            return it->second;
        }
        std::vector<std::uint32_t> ranks() const
        {
            std::vector<std::uint32_t> order(names.size()), rank(names.size());
            std::iota(order.begin(), order.end(), 0u);
            std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) { return names[a] < names[b]; });
            for (std::uint32_t r = 0; r < order.size(); ++r)
                rank[order[r]] = r;
            return rank;
        }
    };
    Interner authors, devices;

    struct Key {
        std::uint64_t clock, hi, lo;
        std::uint32_t author, device, index;
    };
    std::vector<Key> keys(ops.size());
    for (std::uint32_t i = 0; i < ops.size(); ++i) {
        const Operation &op = ops[i];
        keys[i] = {op.clock, word(op.id, 0), word(op.id, 1), authors.id(op.author), devices.id(op.device), i};
    }
    {
        const auto authorRank = authors.ranks(), deviceRank = devices.ranks();
        for (Key &k : keys) {
            k.author = authorRank[k.author];
            k.device = deviceRank[k.device];
        }
    }

    // 1. One copy per id. Copies normally agree in every field; when they do not (a damaged or forged
    // copy), the one kept is chosen by comparing every field, so every replica keeps the same one.
    auto fullLess = [&](const Operation &x, const Operation &y) {
        return std::tie(x.clock, x.author, x.device, x.inspection, x.kind, x.target, x.time, x.value)
            < std::tie(y.clock, y.author, y.device, y.inspection, y.kind, y.target, y.time, y.value);
    };
    std::sort(keys.begin(), keys.end(), [&](const Key &a, const Key &b) {
        if (a.hi != b.hi)
            return a.hi < b.hi;
        if (a.lo != b.lo)
            return a.lo < b.lo;
        return fullLess(ops[a.index], ops[b.index]);
    });
    std::size_t kept = 0;
    for (std::size_t i = 0; i < keys.size(); ++i) {
        if (i > 0 && keys[i].hi == keys[i - 1].hi && keys[i].lo == keys[i - 1].lo) {
            ++st.duplicates;
            continue;
        }
        keys[kept++] = keys[i];
    }
    keys.resize(kept);

    // 2. The total order every replica agrees on: clock, author, device, id.
    std::sort(keys.begin(), keys.end(), [](const Key &a, const Key &b) {
        return std::tie(a.clock, a.author, a.device, a.hi, a.lo) < std::tie(b.clock, b.author, b.device, b.hi, b.lo);
    });

    Builder b {options, st, {}, {}, {}, {}, {}};
    b.items.reserve(std::min<std::size_t>(keys.size(), 1 << 16));

    // 3. First pass: clocks and the review workflow. A clock that jumps too far beyond those before it
    // is refused (rules.h, checkClock); the workflow operations move the status in order, and the
    // approve or lock that stands fixes the frontier that bounds everything else.
    std::unordered_map<std::size_t, Refusal> early; // by position in the order: few, so not one slot per operation
    std::uint64_t maxSeen = 0;
    WorkflowStatus status = WorkflowStatus::Draft;
    std::optional<std::size_t> lockAt;
    std::optional<Frontier> lockFrontier;
    std::string lockReason;
    const Operation *submitted = nullptr;
    for (std::size_t i = 0; i < keys.size(); ++i) {
        const Operation &op = ops[keys[i].index];
        if (op.inspection != inspection)
            continue;
        if (auto r = checkClock(op, maxSeen)) {
            early.emplace(i, std::move(*r));
            continue;
        }
        maxSeen = std::max(maxSeen, op.clock);
        if (!isWorkflowKind(op.kind))
            continue;
        if (lockAt) {
            early.emplace(i, Refusal {RefusalCode::Locked, lockReason});
            continue;
        }
        if (auto r = b.permitted(op)) {
            early.emplace(i, std::move(*r));
            continue;
        }
        auto next = advance(status, op.kind);
        if (!next) {
            early.emplace(i, Refusal {RefusalCode::Workflow, next.error().message});
            continue;
        }
        const auto frontier = frontierFromValue(op.value);
        if ((op.kind == OpKind::Approve || op.kind == OpKind::Return) && frontier && submitted && !frontier->covers(*submitted)) {
            early.emplace(i, Refusal {RefusalCode::Workflow, "decides on a submission its author had not seen"});
            continue;
        }
        status = next.value();
        if (op.kind == OpKind::Submit)
            submitted = &op;
        if (isLocked(status)) {
            lockAt = i;
            lockFrontier = frontier; // none: an operation made before frontiers were recorded covers what precedes it
            lockReason = "the inspection is locked: " + op.author + (op.kind == OpKind::Approve ? " approved" : " locked")
                + " it without having seen this change, which is kept where it was made but not accepted";
        }
    }
    st.maxClock = maxSeen;

    // 4. Second pass: everything else, in order, inside the lock's frontier.
    for (std::size_t i = 0; i < keys.size(); ++i) {
        const Operation &op = ops[keys[i].index];
        if (op.inspection != inspection) {
            b.refuse(op, "belongs to inspection \"" + op.inspection + "\"", RefusalCode::Malformed);
            continue;
        }
        if (auto e = early.find(i); e != early.end()) {
            b.refuse(op, e->second);
            continue;
        }
        if (isWorkflowKind(op.kind)) {
            b.applyWorkflow(op);
            continue;
        }
        if (lockAt && (i > *lockAt || (lockFrontier && !lockFrontier->covers(op)))) {
            b.refuse(op, lockReason, RefusalCode::Locked);
            continue;
        }
        b.apply(op);
    }
    st.status = status;
    b.finishAll();
    return st;
}

} // namespace careeval
