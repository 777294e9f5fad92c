#include "demo.h"

#include "storage/crypto.h"

#include <careeval/template.h>

#include <algorithm>
#include <filesystem>

namespace careeval::server {

Result<std::vector<std::string>> loadTemplates(Service &service, const std::string &templatesDir)
{
    std::vector<std::string> lines;
    std::error_code ec;
    std::vector<std::filesystem::path> files;
    for (const auto &e : std::filesystem::directory_iterator(templatesDir, ec))
        if (e.path().extension() == ".json")
            files.push_back(e.path());
    if (ec)
        return makeError(ErrorCode::Io, "cannot read templates from " + templatesDir + ": " + ec.message());
    std::sort(files.begin(), files.end());
    for (const auto &f : files) {
        auto text = readFile(f.string());
        if (!text)
            return text.error();
        auto rec = service.addTemplate(text.value(), "system");
        if (!rec)
            return makeError(ErrorCode::InvalidTemplate, f.string() + ":\n" + rec.error().message);
        lines.push_back("template " + rec->id + "@" + rec->version);
    }
    return lines;
}

Result<std::vector<std::string>> seedDemo(ServerStore &store, Service &service, const std::string &templatesDir)
{
    auto lines = loadTemplates(service, templatesDir);
    if (!lines)
        return lines;
    auto existing = store.inspections();
    if (!existing)
        return existing.error();
    if (!existing->empty()) {
        lines->push_back("demo data already present (" + std::to_string(existing->size()) + " inspections)");
        return lines;
    }
    const std::string hash = hashPassword(kDemoPassword);
    const User users[] = {
        {"li.hua", "李华", Role::Lead, true},
        {"wang.fang", "王芳", Role::Evaluator, true},
        {"zhang.wei", "张伟", Role::Evaluator, true},
        {"liu.min", "刘敏", Role::Evaluator, true},
        {"zhao.lei", "赵磊", Role::Evaluator, true},
        {"chen.jing", "陈静", Role::Supervisor, true},
    };
    for (const auto &u : users)
        if (auto r = store.createUser(u, hash); !r)
            return r.error();
    const Institution institutions[] = {
        {"cc-fushou", "长春市福寿养老院", "吉林省长春市", "朝阳区红旗街88号", 150, {"zhao.lei"}},
        {"jl-anning", "吉林市安宁老年公寓", "吉林省吉林市", "船营区北京路12号", 100, {}},
        {"sp-kangle", "四平市康乐颐养中心", "吉林省四平市", "铁西区英雄大街3号", 260, {}},
        {"yb-xiyang", "延边夕阳红护理院", "吉林省延边州", "延吉市光明街56号", 80, {"liu.min"}},
    };
    for (const auto &i : institutions)
        if (auto r = store.putInstitution(i); !r)
            return r.error();
    const std::int64_t now = nowMillis();
    const InspectionRecord inspections[] = {
        {"demo-pilot-changchun-01", "cc-fushou", "jilin-pilot-standardization", "1.2.0", WorkflowStatus::Draft, "2025-11-25",
            {{"li.hua", Role::Lead}, {"wang.fang", Role::Evaluator}, {"zhang.wei", Role::Evaluator}}, now, {}},
        {"demo-safety-jilin-02", "jl-anning", "nursing-home-quality-safety", "1.2.0", WorkflowStatus::Draft, "2025-11-26",
            {{"li.hua", Role::Lead}, {"wang.fang", Role::Evaluator}, {"zhang.wei", Role::Evaluator}}, now, {}},
        {"demo-satisfaction-03", "sp-kangle", "resident-satisfaction", "1.2.0", WorkflowStatus::Draft, "2025-11-27",
            {{"li.hua", Role::Lead}, {"wang.fang", Role::Evaluator}, {"zhang.wei", Role::Evaluator}}, now, {}},
    };
    for (const auto &i : inspections)
        if (auto r = store.createInspection(i); !r)
            return r.error();
    lines->push_back("demo: 4 institutions, 3 inspections; accounts li.hua (lead), wang.fang, zhang.wei, liu.min, zhao.lei "
                     "(evaluators), chen.jing (supervisor); password "
        + std::string(kDemoPassword));
    return lines;
}

} // namespace careeval::server
