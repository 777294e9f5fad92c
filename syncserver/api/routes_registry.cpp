// The registry (institutions and their 回避 links), templates, and the double-random draw.

#include "service_parts.h"

#include "../storage/crypto.h"

#include <careeval/sampling.h>

namespace careeval::server {

HttpResponse Service::listInstitutions(Context &)
{
    auto list = m_store.institutions();
    if (!list)
        return failure(list.error());
    json out = json::array();
    for (const auto &i : list.value())
        out.push_back({{"id", i.id}, {"name", i.name}, {"region", i.region}, {"type", i.type}, {"address", i.address}, {"beds", i.beds},
            {"linked_inspectors", i.linkedInspectors}});
    return jsonResponse(200, {{"institutions", out}});
}

HttpResponse Service::putInstitution(Context &c)
{
    HttpResponse error;
    auto body = c.body(error);
    if (!body)
        return error;
    Fields f {*body, {}};
    Institution i;
    i.id = f.str("id", true, 64);
    i.name = f.str("name", true, 200);
    i.region = f.str("region", false, 100);
    i.type = f.str("type", false, 100);
    i.address = f.str("address", false, 300);
    i.beds = static_cast<int>(f.integer("beds", false, 0, 100000));
    i.linkedInspectors = f.strings("linked_inspectors", false);
    if (!f.error.empty())
        return errorResponse(400, "invalid_request", f.error);
    if (!validName(i.id))
        return errorResponse(400, "invalid_request", "field \"id\": letters, digits, '.', '_' and '-' only");
    if (auto r = m_store.putInstitution(i); !r)
        return failure(r.error());
    (void)m_store.audit(c.user->username, "institution_saved", i.id, c.now);
    return jsonResponse(200, {{"id", i.id}, {"name", i.name}});
}

HttpResponse Service::listTemplates(Context &)
{
    auto list = m_store.templates();
    if (!list)
        return failure(list.error());
    json out = json::array();
    for (const auto &t : list.value()) {
        json item {{"id", t.id}, {"version", t.version}, {"sha256", t.sha256}, {"uploaded_at", t.uploadedAt}};
        if (auto tpl = templateFor(t.id, t.version))
            item["title"] = {{"zh", tpl.value()->title.zh}, {"en", tpl.value()->title.en}};
        out.push_back(std::move(item));
    }
    return jsonResponse(200, {{"templates", out}});
}

HttpResponse Service::getTemplate(Context &c)
{
    const std::string &id = c.param("id"), &version = c.param("version");
    auto rec = m_store.templateRecord(id, version);
    if (!rec)
        return failure(rec.error());
    if (!rec.value())
        return errorResponse(404, "not_found", "no template " + id + "@" + version);
    const std::string etag = "\"" + rec.value()->sha256 + "\"";
    if (c.req.header("if-none-match") == etag) {
        HttpResponse r;
        r.status = 304;
        r.headers.emplace_back("ETag", etag);
        return r;
    }
    HttpResponse r;
    r.body = rec.value()->json;
    r.headers.emplace_back("ETag", etag);
    r.headers.emplace_back("Cache-Control", "private, max-age=0, must-revalidate");
    return r;
}

HttpResponse Service::uploadTemplate(Context &c)
{
    auto rec = addTemplate(c.req.body, c.user->username);
    if (!rec) {
        if (rec.error().code == ErrorCode::InvalidArgument)
            return errorResponse(409, "conflict", rec.error().message);
        return jsonResponse(400, {{"error", {{"code", "invalid_template"}, {"message", rec.error().message}}}});
    }
    return jsonResponse(201, {{"id", rec->id}, {"version", rec->version}, {"sha256", rec->sha256}});
}

HttpResponse Service::createDraw(Context &c)
{
    HttpResponse error;
    auto body = c.body(error);
    if (!body)
        return error;
    Fields f {*body, {}};
    DrawInput in;
    in.seed = static_cast<std::uint64_t>(f.integer("seed", false, 0, (1LL << 53) - 1, static_cast<std::int64_t>(freshSeed())));
    in.k = static_cast<std::size_t>(f.integer("k", true, 1, 1000));
    // A team is three to five inspectors, one of them the lead (the procedure's rule).
    in.teamSize = static_cast<std::size_t>(f.integer("team_size", true, 3, 5));
    const std::string campaign = f.str("campaign", false, 200), templateKey = f.str("template", false, 100);
    in.institutions = f.strings("institutions", false);
    in.inspectors = f.strings("inspectors", false);
    if (!f.error.empty())
        return errorResponse(400, "invalid_request", f.error);
    if (!templateKey.empty()) {
        const auto at = templateKey.find('@');
        auto known = at == std::string::npos ? Result<std::optional<TemplateRecord>>(std::nullopt)
                                             : m_store.templateRecord(templateKey.substr(0, at), templateKey.substr(at + 1));
        if (!known)
            return failure(known.error());
        if (!known.value())
            return errorResponse(400, "invalid_request", "field \"template\": no template \"" + templateKey + "\" (id@version)");
    }
    auto all = m_store.institutions();
    if (!all)
        return failure(all.error());
    if (in.institutions.empty())
        for (const auto &i : all.value())
            in.institutions.push_back(i.id);
    if (in.inspectors.empty())
        if (auto users = m_store.users())
            for (const auto &u : users.value())
                if (u.active && (u.role == Role::Evaluator || u.role == Role::Lead))
                    in.inspectors.push_back(u.username);
    std::sort(in.institutions.begin(), in.institutions.end());
    in.institutions.erase(std::unique(in.institutions.begin(), in.institutions.end()), in.institutions.end());
    std::sort(in.inspectors.begin(), in.inspectors.end());
    in.inspectors.erase(std::unique(in.inspectors.begin(), in.inspectors.end()), in.inspectors.end());
    for (const auto &i : all.value())
        for (const auto &who : i.linkedInspectors)
            in.links.emplace_back(i.id, who);
    std::sort(in.links.begin(), in.links.end());
    const DrawResult res = drawInspections(in);
    if (!res.problem.empty())
        return errorResponse(409, "conflict", res.problem);
    json assignments = json::array();
    for (const auto &a : res.assignments)
        assignments.push_back({{"institution", a.institution}, {"lead", a.team.front()}, {"team", a.team}});
    json links = json::array();
    for (const auto &[inst, who] : in.links)
        links.push_back({inst, who});
    json record {{"seed", in.seed}, {"k", in.k}, {"team_size", in.teamSize}, {"institutions", in.institutions},
        {"inspectors", in.inspectors}, {"links", links}, {"assignments", assignments}, {"by", c.user->username}, {"at", c.now}};
    if (!campaign.empty())
        record["campaign"] = campaign;
    if (!templateKey.empty())
        record["template"] = templateKey;
    auto id = m_store.saveDraw(c.user->username, record.dump(), c.now);
    if (!id)
        return failure(id.error());
    record["id"] = id.value();
    (void)m_store.audit(c.user->username, "draw", std::to_string(id.value()) + " seed " + std::to_string(in.seed), c.now);
    return jsonResponse(201, record);
}

HttpResponse Service::listDraws(Context &)
{
    auto all = m_store.draws();
    if (!all)
        return failure(all.error());
    auto links = m_store.inspectionDraws();
    if (!links)
        return failure(links.error());
    std::map<std::int64_t, std::size_t> created;
    for (const auto &[inspection, draw] : links.value())
        ++created[draw];
    json out = json::array();
    for (const auto &[id, text] : all.value()) {
        const json r = json::parse(text, nullptr, false);
        if (!r.is_object())
            continue;
        out.push_back({{"id", id}, {"campaign", r.value("campaign", std::string())}, {"template", r.value("template", std::string())},
            {"seed", r.value("seed", std::uint64_t {0})}, {"k", r.value("k", 0)}, {"by", r.value("by", std::string())},
            {"at", r.value("at", std::int64_t {0})}, {"inspections", created[id]}});
    }
    return jsonResponse(200, {{"draws", out}});
}

HttpResponse Service::getDraw(Context &c)
{
    const std::string &id = c.param("id");
    std::int64_t n = 0;
    try {
        n = std::stoll(id);
    } catch (const std::exception &) {
        return errorResponse(404, "not_found", "no draw \"" + id + "\"");
    }
    auto text = m_store.draw(n);
    if (!text)
        return failure(text.error());
    if (!text.value())
        return errorResponse(404, "not_found", "no draw " + id);
    json record = json::parse(*text.value());
    // Re-run from the stored seed and inputs: anyone can check the published result.
    DrawInput in;
    in.seed = record["seed"].get<std::uint64_t>();
    in.k = record["k"].get<std::size_t>();
    in.teamSize = record["team_size"].get<std::size_t>();
    in.institutions = record["institutions"].get<std::vector<std::string>>();
    in.inspectors = record["inspectors"].get<std::vector<std::string>>();
    for (const auto &l : record["links"])
        in.links.emplace_back(l[0].get<std::string>(), l[1].get<std::string>());
    const DrawResult again = drawInspections(in);
    json assignments = json::array();
    for (const auto &a : again.assignments)
        assignments.push_back({{"institution", a.institution}, {"lead", a.team.front()}, {"team", a.team}});
    record["id"] = n;
    record["reproduced"] = assignments == record["assignments"];
    return jsonResponse(200, record);
}

} // namespace careeval::server
