// Inspections: the assignment list, creation, push and pull of operations, the team view, review, exports.

#include "service_parts.h"

#include "../storage/crypto.h"
#include "export.h"

#include <careeval/merge.h>
#include <careeval/report_json.h>
#include <careeval/scoring.h>

#include <charconv>
#include <set>

namespace careeval::server {

namespace {

template <typename N> void appendNumber(std::string &out, N n)
{
    char buf[24];
    const auto r = std::to_chars(buf, buf + sizeof buf, n);
    out.append(buf, r.ptr);
}

// A string as JSON, as nlohmann prints it (UTF-8 kept, quotes, backslashes and control characters
// escaped). Stored strings came from parsed JSON, so they are valid UTF-8.
void appendJsonString(std::string &out, std::string_view s)
{
    out += '"';
    // Runs of characters that need no escape are appended at once (almost every stored string is
    // one run).
    std::size_t run = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        out.append(s.substr(run, i - run));
        run = i + 1;
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\b':
            out += "\\b";
            break;
        case '\f':
            out += "\\f";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (c < 0x20) {
                static const char hex[] = "0123456789abcdef";
                out += "\\u00";
                out += hex[c >> 4];
                out += hex[c & 15];
            }
        }
    }
    out.append(s.substr(run));
    out += '"';
}

// The photos and signatures the merged state names: what the team view and the board expect to
// arrive.
std::set<std::string> expectedBlobs(const InspectionState &st, const Template &tpl)
{
    std::set<std::string> expected;
    for (const auto &p : st.photos)
        expected.insert(p.sha256);
    for (const auto &[id, slot] : st.items) {
        const Item *item = tpl.item(id);
        if (item && item->type == ItemType::Signature && slot.hasTeamValue()) {
            const json v = json::parse(slot.value, nullptr, false);
            if (v.is_object() && v.contains("sha256") && v["sha256"].is_string())
                expected.insert(v["sha256"].get<std::string>());
        }
    }
    return expected;
}

} // namespace

MergeOptions Service::mergeOptions(const InspectionRecord &rec, const Template *tpl)
{
    // Who may resolve, submit, approve and return: the team's roles and every supervisor's and
    // administrator's. The team view, the board and the exports all merge with these.
    MergeOptions opt;
    opt.tpl = tpl;
    for (const auto &m : rec.team)
        opt.roles[m.username] = m.role;
    if (auto users = m_store.users())
        for (const auto &u : users.value())
            if (supervisorLike(u))
                opt.roles[u.username] = u.role;
    return opt;
}

HttpResponse Service::listInspections(Context &c)
{
    auto list = m_store.inspections(supervisorLike(*c.user) ? std::string() : c.user->username);
    if (!list)
        return failure(list.error());
    // Tablets show institutions by name and beds (the sample of residents can be drawn from beds).
    std::map<std::string, Institution> institutions;
    if (auto all = m_store.institutions())
        for (auto &i : all.value())
            institutions.emplace(i.id, std::move(i));
    // Team members by name as well as login, so the tablet can show "王芳", not "wang.fang".
    std::map<std::string, std::string> names;
    if (auto users = m_store.users())
        for (const auto &u : users.value())
            names.emplace(u.username, u.displayName);
    json out = json::array();
    for (const auto &r : list.value()) {
        AssignmentSummary a = summaryOf(r);
        if (auto it = institutions.find(r.institution); it != institutions.end()) {
            a.institutionName = it->second.name;
            a.institutionBeds = it->second.beds;
        }
        for (auto &m : a.team)
            if (auto n = names.find(m.username); n != names.end())
                m.displayName = n->second;
        if (const Member *m = r.member(c.user->username))
            a.myRole = m->role;
        out.push_back(toJson(a));
    }
    // Tablets refresh their assignments often and offline-first: an ETag lets them skip unchanged lists.
    HttpResponse res = jsonResponse(200, {{"inspections", out}});
    const std::string etag = "\"" + sha256Hex(res.body).substr(0, 32) + "\"";
    if (c.req.header("if-none-match") == etag) {
        res.status = 304;
        res.body.clear();
    }
    res.headers.emplace_back("ETag", etag);
    return res;
}

HttpResponse Service::createInspection(Context &c)
{
    HttpResponse error;
    auto body = c.body(error);
    if (!body)
        return error;
    Fields f {*body, {}};
    InspectionRecord rec;
    rec.id = f.str("id", true, 64);
    rec.institution = f.str("institution", true, 64);
    rec.templateId = f.str("template_id", true, 64);
    rec.templateVersion = f.str("template_version", true, 32);
    rec.plannedDate = f.str("planned_date", false, 10);
    const std::string lead = f.str("lead", true, 64);
    const auto members = f.strings("members", false);
    const std::int64_t draw = f.integer("draw", false, 1, (1LL << 53) - 1, 0);
    if (!f.error.empty())
        return errorResponse(400, "invalid_request", f.error);
    if (draw > 0) {
        auto known = m_store.draw(draw);
        if (!known)
            return failure(known.error());
        if (!known.value())
            return errorResponse(400, "invalid_request", "field \"draw\": no draw " + std::to_string(draw));
    }
    if (!validName(rec.id))
        return errorResponse(400, "invalid_request", "field \"id\": letters, digits, '.', '_' and '-' only");
    auto inst = m_store.institution(rec.institution);
    if (!inst || !inst.value())
        return errorResponse(400, "invalid_request", "field \"institution\": no institution \"" + rec.institution + "\"");
    if (!templateFor(rec.templateId, rec.templateVersion))
        return errorResponse(400, "invalid_request",
            "fields \"template_id\"/\"template_version\": no template " + rec.templateId + "@" + rec.templateVersion);
    std::set<std::string> seen;
    for (const auto &name : std::vector<std::string> {lead}) {
        rec.team.push_back({name, Role::Lead});
        seen.insert(name);
    }
    for (const auto &m : members)
        if (seen.insert(m).second)
            rec.team.push_back({m, Role::Evaluator});
    for (const auto &m : rec.team) {
        auto u = m_store.userWithHash(m.username);
        if (!u || !u.value())
            return errorResponse(400, "invalid_request", "no user \"" + m.username + "\" for the team");
        const auto &links = inst.value()->linkedInspectors;
        if (std::find(links.begin(), links.end(), m.username) != links.end())
            return errorResponse(409, "conflict", m.username + " is linked to " + rec.institution + " and must not inspect it (回避)");
    }
    rec.createdAt = c.now;
    auto existing = m_store.inspection(rec.id);
    if (existing && existing.value())
        return errorResponse(409, "conflict", "inspection \"" + rec.id + "\" already exists");
    if (auto r = m_store.createInspection(rec, draw); !r)
        return failure(r.error());
    (void)m_store.audit(c.user->username, "inspection_created", rec.id + (draw > 0 ? " (draw " + std::to_string(draw) + ")" : ""), c.now);
    return jsonResponse(201, inspectionJson(rec));
}

HttpResponse Service::getInspection(Context &c)
{
    const InspectionRecord &rec = *c.inspection;
    return jsonResponse(200, inspectionJson(rec));
}

std::optional<Role> Service::roleIn(const InspectionRecord &rec, const User &user)
{
    if (const Member *m = rec.member(user.username))
        return m->role;
    if (supervisorLike(user))
        return user.role;
    return std::nullopt;
}

HttpResponse Service::pushOps(Context &c)
{
    const InspectionRecord &rec = *c.inspection;
    // The usual body is read without a JSON tree; anything else takes the full parse, which also
    // words every error.
    if (auto fast = pushRequestFromText(c.req.body, m_config.maxPushOperations, kMaxJsonDepth))
        return push(c, rec, std::move(*fast), {});
    HttpResponse error;
    auto body = c.body(error);
    if (!body)
        return error;
    auto request = pushRequestFromJson(*body, m_config.maxPushOperations);
    if (!request)
        return errorResponse(request.error().message.rfind("at most", 0) == 0 ? 413 : 400, "invalid_request", request.error().message);
    return push(c, rec, std::move(request.value()), {});
}

HttpResponse Service::push(Context &c, const InspectionRecord &rec, PushRequest request, const Minter &mint)
{
    auto tpl = templateFor(rec.templateId, rec.templateVersion);
    if (!tpl)
        return failure(tpl.error(), Origin::Stored);
    // Operations that could not be read are refused alone; the rest go to the store's gate.
    std::vector<Operation> batch;
    std::vector<std::size_t> batchIndex;
    std::vector<PushResult> malformed;
    batch.reserve(request.items.size());
    batchIndex.reserve(request.items.size());
    for (std::size_t i = 0; i < request.items.size(); ++i) {
        auto &item = request.items[i];
        if (item.op) {
            batch.push_back(std::move(*item.op));
            batchIndex.push_back(i);
        } else {
            malformed.push_back({item.id, i, PushStatus::Refused, item.error, RefusalCode::Malformed});
        }
    }
    const User user = *c.user;
    const Template &t = *tpl.value();

    auto decide
        = [&](const InspectionRecord &current, std::vector<Operation> &ops, std::vector<PushResult> &results, WorkflowStatus &status) {
              if (mint)
                  mint(current, ops);
              // Judged by the rule book's gate in the order every replica applies them, so a lock in this
              // batch refuses what follows it, and the clock bound grows as the batch is accepted.
              std::vector<std::size_t> order(ops.size());
              for (std::size_t i = 0; i < order.size(); ++i)
                  order[i] = i;
              std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return Operation::before(ops[a], ops[b]); });
              GateContext gate;
              gate.tpl = &t;
              gate.checkRoles = true;
              gate.role = roleIn(current, user);
              gate.maxClock = current.clocks.maxClock();
              for (std::size_t i : order) {
                  const Operation &op = ops[i];
                  if (results[i].status == PushStatus::AlreadyHad)
                      continue;
                  auto refuse = [&](Refusal r) { results[i].refuse(std::move(r)); };
                  gate.status = status;
                  if (op.inspection != current.id)
                      refuse({RefusalCode::Malformed, "belongs to inspection \"" + op.inspection + "\", not \"" + current.id + "\""});
                  else if (op.author != user.username)
                      refuse({RefusalCode::Forbidden, "author \"" + op.author + "\" is not the signed-in user \"" + user.username + "\""});
                  else if (auto r = admit(op, gate))
                      refuse(std::move(*r));
                  else {
                      gate.maxClock = std::max(gate.maxClock, op.clock);
                      status = advance(status, op.kind).value();
                  }
              }
          };
    auto stored = m_store.push(rec.id, user.username, batch, decide, c.now);
    if (!stored)
        return failure(stored.error());
    PushReply reply;
    reply.results.resize(request.items.size());
    for (auto &r : malformed)
        reply.results[r.index] = std::move(r);
    for (std::size_t k = 0; k < stored->size(); ++k) {
        PushResult r = std::move(stored.value()[k]);
        r.index = batchIndex[k];
        reply.results[r.index] = std::move(r);
    }
    reply.count();
    m_opsAccepted += reply.accepted;
    m_opsAlreadyHad += reply.alreadyHad;
    m_opsRefused += reply.refused;
    // Written directly: building a document of a hundred small objects to print it cost more than
    // the rest of the answer (the same shape as toJson(PushReply)).
    HttpResponse res;
    res.body.reserve(80 * reply.results.size() + 64);
    res.body = "{\"accepted\":" + std::to_string(reply.accepted) + ",\"already_had\":" + std::to_string(reply.alreadyHad)
        + ",\"refused\":" + std::to_string(reply.refused) + ",\"results\":[";
    bool first = true;
    std::string &out = res.body; // appended piece by piece: no temporary strings per result
    for (const auto &r : reply.results) {
        out += first ? "{" : ",{";
        first = false;
        if (r.status == PushStatus::Refused)
            out.append("\"code\":\"").append(toString(r.code)).append("\",");
        if (!r.id.isNil()) {
            const auto id = r.id.chars();
            out.append("\"id\":\"").append(id.data(), id.size()).append("\",");
        }
        char index[24];
        const auto [end, ec] = std::to_chars(index, index + sizeof index, r.index);
        out.append("\"index\":").append(index, end);
        if (r.status == PushStatus::Refused)
            out.append(",\"reason\":").append(json(r.reason).dump(-1, ' ', false, json::error_handler_t::replace));
        out.append(",\"status\":\"").append(toString(r.status)).append("\"}");
    }
    res.body += "]}";
    return res;
}

HttpResponse Service::pullOps(Context &c)
{
    const InspectionRecord &rec = *c.inspection;
    std::int64_t after = 0, limit = 500;
    for (const auto &[name, out] : {std::pair<const char *, std::int64_t *> {"after", &after}, {"limit", &limit}})
        if (c.req.query.count(name)) {
            const auto v = wholeNumber(c.req.query.at(name));
            if (!v)
                return errorResponse(400, "invalid_request", "\"after\" and \"limit\" must be whole numbers");
            *out = *v;
        }
    if (after < 0 || limit < 1 || limit > static_cast<std::int64_t>(m_config.maxPullLimit))
        return errorResponse(
            400, "invalid_request", "\"after\" must be ≥ 0 and \"limit\" from 1 to " + std::to_string(m_config.maxPullLimit));
    // Written directly while the store visits each row where SQLite holds it, each stored value as
    // the canonical JSON it was stored as: the same text as toJson(PullPage) without copying the
    // page into operations first or building and printing a document of thousands of them.
    HttpResponse res;
    std::string &out = res.body;
    // Room for a few dozen operations; a full page grows it a few times (cheap next to the rows),
    // and a small page of a large limit does not hold half a megabyte per request.
    out.reserve(16 << 10);
    bool first = true;
    auto end = m_store.visitOperationsAfter(rec.id, after, static_cast<std::size_t>(limit), [&](const StoredOpView &op) -> Result<void> {
        out += first ? "{\"author\":" : ",{\"author\":";
        first = false;
        appendJsonString(out, op.author);
        out += ",\"clock\":";
        appendNumber(out, static_cast<std::uint64_t>(op.clock));
        out += ",\"device\":";
        appendJsonString(out, op.device);
        out += ",\"id\":\"";
        out += op.id;
        out += "\",\"inspection\":";
        appendJsonString(out, op.inspection);
        out += ",\"kind\":\"";
        out += op.kind;
        out += "\",\"target\":";
        appendJsonString(out, op.target);
        out += ",\"time\":";
        appendNumber(out, op.time);
        out += ",\"value\":";
        out += op.value.empty() ? std::string_view("null") : op.value;
        out += '}';
        return {};
    });
    if (!end)
        return failure(end.error());
    if (rec.member(c.user->username))
        (void)m_store.recordPull(rec.id, c.user->username, c.now);
    // "more" and "next" come first (keys in order, as toJson prints them) but are known only now.
    std::string head = end->more ? "{\"more\":true,\"next\":" : "{\"more\":false,\"next\":";
    appendNumber(head, end->next);
    head += ",\"ops\":[";
    out.insert(0, head);
    out += "],\"status\":\"";
    out += toString(rec.status);
    out += "\"}";
    return res;
}

HttpResponse Service::teamState(Context &c)
{
    const InspectionRecord &rec = *c.inspection;
    auto tpl = templateFor(rec.templateId, rec.templateVersion);
    if (!tpl)
        return failure(tpl.error(), Origin::Stored);
    auto ops = m_store.operations(rec.id);
    if (!ops)
        return failure(ops.error());
    const InspectionState st = merge(rec.id, ops.value(), mergeOptions(rec, tpl.value().get()));
    const ScoreReport rep = score(*tpl.value(), st);

    // What each member has delivered, and which photos and signatures have arrived.
    auto sync = m_store.memberSync(rec.id);
    TeamView view;
    for (const auto &m : rec.team) {
        MemberProgress p;
        p.username = m.username;
        p.role = m.role;
        if (auto a = st.authors.find(m.username); a != st.authors.end()) {
            p.operations = a->second.operations;
            p.lastChange = a->second.lastTime;
        }
        if (sync)
            for (const auto &s : sync.value())
                if (s.username == m.username) {
                    p.lastPush = s.lastPush;
                    p.lastPull = s.lastPull;
                    p.pushes = s.pushes;
                }
        for (int i = 0; i < 8; ++i)
            if (st.steps[i].owner == m.username)
                p.steps.push_back(i);
        if (p.pushes > 0)
            ++view.membersSynced;
        view.members.push_back(std::move(p));
    }
    const std::set<std::string> expected = expectedBlobs(st, *tpl.value());
    view.photosExpected = expected.size();
    for (const auto &h : expected) {
        if (BlobStore::validName(h) && m_blobs.size(h))
            ++view.photosReceived;
        else
            view.photosMissing.push_back(h);
    }
    json out {{"inspection", inspectionJson(rec)}, {"state", stateToJson(st)}, {"score", reportToJson(rep, *tpl.value())}};
    // The reviewer sees the institution by name, as the assignment list shows it.
    if (auto inst = m_store.institution(rec.institution); inst && inst.value())
        out["inspection"]["institution_name"] = inst.value()->name;
    addTeamView(out, view);
    return jsonResponse(200, out);
}

HttpResponse Service::progress(Context &c)
{
    (void)c;
    auto list = m_store.inspections();
    if (!list)
        return failure(list.error());
    auto stats = m_store.opStats();
    if (!stats)
        return failure(stats.error());
    auto sync = m_store.memberSyncAll();
    if (!sync)
        return failure(sync.error());
    auto draws = m_store.inspectionDraws();
    if (!draws)
        return failure(draws.error());
    json out = json::array();
    for (const auto &rec : list.value()) {
        const auto st = stats->find(rec.id);
        const OpStats ops = st == stats->end() ? OpStats {} : st->second;
        // Conflicts and expected photos come from the merged state, as the inspection's own page
        // shows them; an inspection is merged again only when its log has grown since.
        MergedSummary summary;
        {
            std::lock_guard lock(m_summaryMutex);
            if (auto it = m_summaries.find(rec.id); it != m_summaries.end())
                summary = it->second;
        }
        const std::string status(toString(rec.status));
        if (summary.lastSeq != ops.lastSeq || summary.status != status) {
            summary = {};
            summary.lastSeq = ops.lastSeq;
            summary.status = status;
            if (ops.operations > 0) {
                auto tpl = templateFor(rec.templateId, rec.templateVersion);
                auto all = m_store.operations(rec.id);
                if (!tpl)
                    return failure(tpl.error(), Origin::Stored);
                if (!all)
                    return failure(all.error());
                const InspectionState merged = merge(rec.id, all.value(), mergeOptions(rec, tpl.value().get()));
                summary.conflicts = merged.conflicts().size();
                const auto expected = expectedBlobs(merged, *tpl.value());
                summary.expected.assign(expected.begin(), expected.end());
            }
            std::lock_guard lock(m_summaryMutex);
            m_summaries[rec.id] = summary;
        }
        std::size_t received = 0;
        for (const auto &h : summary.expected)
            if (BlobStore::validName(h) && m_blobs.size(h))
                ++received;
        json members = json::array();
        if (auto m = sync->find(rec.id); m != sync->end())
            for (const auto &s : m->second)
                members.push_back({{"username", s.username}, {"last_push", s.lastPush}, {"last_pull", s.lastPull}, {"pushes", s.pushes}});
        const auto drawn = draws->find(rec.id);
        out.push_back({{"id", rec.id}, {"draw", drawn == draws->end() ? json(nullptr) : json(drawn->second)}, {"status", status},
            {"operations", ops.operations}, {"first_change", ops.firstTime}, {"last_change", ops.lastTime}, {"members", std::move(members)},
            {"photos_expected", summary.expected.size()}, {"photos_received", received}, {"conflicts", summary.conflicts}});
    }
    return jsonResponse(200, {{"inspections", out}});
}

HttpResponse Service::review(Context &c)
{
    const InspectionRecord &rec = *c.inspection;
    // The usual body is read without a JSON tree; anything else takes the full parse, which also
    // words every error.
    if (auto fast = pushRequestFromText(c.req.body, m_config.maxPushOperations, kMaxJsonDepth))
        return push(c, rec, std::move(*fast), {});
    HttpResponse error;
    auto body = c.body(error);
    if (!body)
        return error;
    Fields f {*body, {}};
    const std::string action = f.str("action", true, 20), comment = f.str("comment", false, 4000);
    if (!f.error.empty())
        return errorResponse(400, "invalid_request", f.error);
    OpKind kind;
    if (action == "submit")
        kind = OpKind::Submit;
    else if (action == "approve")
        kind = OpKind::Approve;
    else if (action == "return")
        kind = OpKind::Return;
    else
        return errorResponse(400, "invalid_request", "field \"action\" must be submit, approve or return");
    if (kind == OpKind::Return && comment.empty())
        return errorResponse(400, "invalid_request", "field \"comment\" must say why the inspection is returned");
    // The rule book decides who may (403 here, before anything is written) …
    if (auto r = permission(kind, roleIn(rec, *c.user)))
        return errorResponse(403, "forbidden", r->reason);
    // … and the operation is made inside the push's transaction, so its clock follows everything
    // stored and its frontier covers exactly what the server had when it recorded the decision.
    Operation op;
    op.id = Uuid::generate();
    op.inspection = rec.id;
    op.author = c.user->username;
    op.device = "server";
    op.clock = 1;
    op.time = c.now;
    op.kind = kind;
    const std::string reviewComment = comment;
    auto mint = [reviewComment](const InspectionRecord &current, std::vector<Operation> &ops) {
        Operation &o = ops.front();
        o.clock = std::min(current.clocks.maxClock() + 1, limits::kMaxClock);
        json v = json::object();
        if (!reviewComment.empty())
            v["comment"] = reviewComment;
        v["frontier"] = toJson(current.clocks);
        o.value = canonicalJson(v);
    };
    PushRequest one;
    one.items.push_back({op, op.id, {}});
    HttpResponse r = push(c, rec, std::move(one), mint);
    if (r.status != 200)
        return r;
    const json res = json::parse(r.body);
    if (res["refused"].get<int>() > 0)
        return errorResponse(409, "conflict", res["results"][0]["reason"].get<std::string>());
    (void)m_store.audit(c.user->username, "review_" + action, rec.id + (comment.empty() ? "" : ": " + comment), c.now);
    auto updated = m_store.inspection(rec.id);
    const WorkflowStatus now = updated && updated.value() ? updated.value()->status : rec.status;
    return jsonResponse(200, {{"status", std::string(toString(now))}, {"op", op.id.toString()}});
}

HttpResponse Service::exportOne(Context &c)
{
    const InspectionRecord &rec = *c.inspection;
    return renderExport(c, {rec}, rec.id);
}

HttpResponse Service::exportPeriod(Context &c)
{
    auto q = [&](const char *k) { return c.req.query.count(k) ? c.req.query.at(k) : std::string(); };
    const std::string from = q("from"), to = q("to");
    // Real calendar dates only: nothing from the query reaches the file name (a header) unchecked.
    auto isDate = [](const std::string &d) { return d.empty() || daysSinceEpoch(d).has_value(); };
    if (!isDate(from) || !isDate(to))
        return errorResponse(400, "invalid_request", "\"from\" and \"to\" are dates like 2026-11-01");
    auto all = m_store.inspections();
    if (!all)
        return failure(all.error());
    std::vector<InspectionRecord> chosen;
    for (const auto &r : all.value())
        if ((from.empty() || r.plannedDate >= from) && (to.empty() || r.plannedDate <= to))
            chosen.push_back(r);
    return renderExport(
        c, chosen, "careeval-" + (from.empty() ? std::string("start") : from) + "-" + (to.empty() ? std::string("now") : to));
}

HttpResponse Service::renderExport(Context &c, const std::vector<InspectionRecord> &records, const std::string &name)
{
    const std::string format = c.req.query.count("format") ? c.req.query.at("format") : "json";
    if (format != "json" && format != "csv" && format != "xlsx")
        return errorResponse(400, "invalid_request", "\"format\" must be json, csv or xlsx");
    std::vector<ExportInput> inputs;
    std::vector<std::shared_ptr<const Template>> keep;
    auto institutions = m_store.institutions();
    for (const auto &rec : records) {
        auto tpl = templateFor(rec.templateId, rec.templateVersion);
        auto ops = m_store.operations(rec.id);
        if (!tpl)
            return failure(tpl.error(), Origin::Stored);
        if (!ops)
            return failure(ops.error(), Origin::Stored);
        keep.push_back(tpl.value());
        const MergeOptions opt = mergeOptions(rec, tpl.value().get());
        ExportInput in;
        in.inspection = rec.id;
        in.institution = rec.institution;
        in.plannedDate = rec.plannedDate;
        if (institutions)
            for (const auto &i : institutions.value())
                if (i.id == rec.institution)
                    in.institutionName = i.name;
        in.tpl = tpl.value().get();
        in.state = merge(rec.id, ops.value(), opt);
        in.report = score(*in.tpl, in.state);
        inputs.push_back(std::move(in));
    }
    const auto tables = exportTables(inputs);
    HttpResponse r;
    if (format == "json") {
        r = jsonResponse(200, tablesToJson(tables));
    } else if (format == "csv") {
        const std::string table = c.req.query.count("table") ? c.req.query.at("table") : "";
        const Table *t = nullptr;
        std::string names;
        for (const auto &x : tables) {
            names += (names.empty() ? "" : ", ") + x.name;
            if (x.name == table)
                t = &x;
        }
        if (!t)
            return errorResponse(400, "invalid_request", "CSV is one file per table: add ?table= one of " + names);
        r.contentType = "text/csv; charset=utf-8";
        r.body = tableToCsv(*t);
        r.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + name + "-" + table + ".csv\"");
    } else {
        auto bytes = tablesToXlsx(tables, m_config.dataDir);
        if (!bytes)
            return failure(bytes.error(), Origin::Stored);
        r.contentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
        r.body = std::move(bytes.value());
        r.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + name + ".xlsx\"");
    }
    (void)m_store.audit(c.user->username, "export", name + " " + format, c.now);
    return r;
}

} // namespace careeval::server
