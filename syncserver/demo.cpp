#include "demo.h"

#include "storage/crypto.h"

#include <careeval/template.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

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
        {"cc-fushou", "长春市福寿养老院", "吉林省长春市", "朝阳区红旗街88号", 150, {"zhao.lei"}, {}},
        {"jl-anning", "吉林市安宁老年公寓", "吉林省吉林市", "船营区北京路12号", 100, {}, {}},
        {"sp-kangle", "四平市康乐颐养中心", "吉林省四平市", "铁西区英雄大街3号", 260, {}, {}},
        {"yb-xiyang", "延边夕阳红护理院", "吉林省延边州", "延吉市光明街56号", 80, {"liu.min"}, {}},
    };
    for (auto i : institutions) {
        i.type = i.beds >= 150 ? "公办" : "民办";
        if (auto r = store.putInstitution(i); !r)
            return r.error();
    }
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

namespace {

// A request as a signed-in user makes it, answered by the service itself.
struct DemoClient {
    ServerStore &store;
    Service &service;
    std::map<std::string, std::string> tokens;

    std::string tokenFor(const std::string &username)
    {
        auto &t = tokens[username];
        if (t.empty()) {
            t = randomHex(32);
            (void)store.saveToken(sha256Hex(t), username, nowMillis() + 10 * 60 * 1000);
        }
        return t;
    }
    HttpResponse call(const std::string &as, const std::string &method, const std::string &target, std::string body)
    {
        HttpRequest r;
        r.method = method;
        if (!parseTarget(target, r.path, r.query))
            return errorResponse(400, "invalid_request", target);
        r.headers["authorization"] = "Bearer " + tokenFor(as);
        r.headers["content-type"] = method == "PUT" ? "application/octet-stream" : "application/json";
        r.body = std::move(body);
        r.remote = "127.0.0.1";
        return service.handle(r);
    }
    ~DemoClient()
    {
        for (const auto &[user, token] : tokens)
            (void)store.deleteToken(sha256Hex(token));
    }
};

Result<void> expectOk(const HttpResponse &r, const std::string &what)
{
    if (r.status >= 200 && r.status < 300)
        return {};
    return makeError(ErrorCode::InvalidArgument, "demo work: " + what + " answered " + std::to_string(r.status) + ": " + r.body);
}

} // namespace

Result<std::vector<std::string>> seedDemoWork(ServerStore &store, Service &service, const std::string &demoDir)
{
    namespace fs = std::filesystem;
    std::vector<std::string> lines;
    DemoClient client {store, service, {}};
    std::error_code ec;
    std::vector<fs::path> logs;
    for (const auto &e : fs::directory_iterator(demoDir, ec))
        if (e.path().filename().string().ends_with(".ops.jsonl"))
            logs.push_back(e.path());
    if (ec)
        return makeError(ErrorCode::Io, "cannot read demo work from " + demoDir + ": " + ec.message());
    std::sort(logs.begin(), logs.end());
    // One more assignment nobody has started, so every status appears on the progress board.
    if (auto next = store.inspection("demo-pilot-yanbian-04"); next && !next.value()) {
        const InspectionRecord fresh {"demo-pilot-yanbian-04", "yb-xiyang", "jilin-pilot-standardization", "1.2.0", WorkflowStatus::Draft,
            "2025-12-08", {{"zhang.wei", Role::Lead}, {"wang.fang", Role::Evaluator}, {"zhao.lei", Role::Evaluator}}, nowMillis(), {}};
        if (auto r = store.createInspection(fresh); !r)
            return r.error();
        lines.push_back("demo work: demo-pilot-yanbian-04 assigned, not started");
    }
    // A pool large enough for a double-random draw (teams of three to five, each inspector once).
    if (auto known = store.users(); known && known->size() < 10) {
        const std::string hash = hashPassword(kDemoPassword);
        const User more[] = {{"sun.li", "孙丽", Role::Evaluator, true}, {"zhou.jie", "周杰", Role::Evaluator, true},
            {"wu.hao", "吴昊", Role::Evaluator, true}, {"zheng.yan", "郑艳", Role::Evaluator, true}, {"feng.lin", "冯林", Role::Lead, true},
            {"he.mei", "何梅", Role::Evaluator, true}};
        for (const auto &u : more)
            if (auto r = store.createUser(u, hash); !r)
                return r.error();
        const Institution registry[] = {
            {"cc-kangning", "长春市康宁老年养护院", "吉林省长春市", "南关区自由大路120号", 210, {}, {}},
            {"cc-songhe", "长春市松鹤养老中心", "吉林省长春市", "绿园区青年路45号", 96, {"sun.li"}, {}},
            {"jl-xinyuan", "吉林市馨苑颐养院", "吉林省吉林市", "丰满区吉林大街77号", 130, {}, {}},
            {"sp-changshou", "四平市长寿老年公寓", "吉林省四平市", "铁东区北门路9号", 60, {}, {}},
            {"th-jinqiu", "通化市金秋敬老院", "吉林省通化市", "东昌区新华大街31号", 88, {"wu.hao"}, {}},
            {"bs-anyang", "白山市安养护理中心", "吉林省白山市", "浑江区浑江大街18号", 72, {}, {}},
        };
        const char *types[] = {"公办", "民办", "公建民营"};
        int n = 0;
        for (auto i : registry) {
            i.type = types[n++ % 3];
            if (auto r = store.putInstitution(i); !r)
                return r.error();
        }
        lines.push_back("demo work: 6 more inspectors (sun.li, zhou.jie, wu.hao, zheng.yan, feng.lin, he.mei) and 6 more institutions");
    }
    std::set<std::string> blobs;
    for (const auto &log : logs) {
        auto text = readFile(log.string());
        if (!text)
            return text.error();
        // Consecutive operations of one author go as one push, in the order the log recorded them
        // (the lead's settling of a conflict after the evaluators' values, the submission last).
        std::vector<std::pair<std::string, nlohmann::json>> pushes;
        std::string inspection;
        const std::string &all = text.value();
        int lineNo = 0;
        for (std::size_t at = 0; at < all.size();) {
            const std::size_t end = std::min(all.find('\n', at), all.size());
            const std::string line = all.substr(at, end - at);
            at = end + 1;
            ++lineNo;
            if (line.empty())
                continue;
            auto op = nlohmann::json::parse(line, nullptr, false);
            if (!op.is_object() || !op.contains("author") || !op.contains("inspection"))
                return makeError(ErrorCode::InvalidArgument, log.string() + ":" + std::to_string(lineNo) + ": not an operation");
            inspection = op["inspection"].get<std::string>();
            const std::string author = op["author"].get<std::string>();
            if (pushes.empty() || pushes.back().first != author)
                pushes.emplace_back(author, nlohmann::json::array());
            pushes.back().second.push_back(op);
            const std::string flat = line;
            for (std::size_t at = flat.find("\"sha256\":\""); at != std::string::npos; at = flat.find("\"sha256\":\"", at + 1))
                blobs.insert(flat.substr(at + 10, 64));
        }
        auto ops = store.operations(inspection);
        if (!ops)
            return ops.error();
        if (!ops->empty())
            continue;
        for (const auto &[author, batch] : pushes) {
            auto r = client.call(author, "POST", "/api/v1/inspections/" + inspection + "/ops", nlohmann::json {{"ops", batch}}.dump());
            if (auto ok = expectOk(r, "push by " + author + " to " + inspection); !ok)
                return ok.error();
            const auto reply = nlohmann::json::parse(r.body, nullptr, false);
            if (reply.value("refused", 0) != 0)
                return makeError(
                    ErrorCode::InvalidArgument, "demo work: " + inspection + " refused operations of " + author + ": " + r.body);
        }
        lines.push_back("demo work: " + std::to_string(std::count(text->begin(), text->end(), '\n')) + " operations in " + inspection);
    }
    // The photos and signatures, uploaded by the lead (a member of every demo inspection).
    std::size_t uploaded = 0;
    for (const auto &sha : blobs) {
        auto bytes = readFile((fs::path(demoDir) / "blobs" / (sha + ".png")).string());
        if (!bytes)
            return bytes.error();
        const std::string size = std::to_string(bytes->size());
        auto r = client.call("li.hua", "PUT", "/api/v1/blobs/" + sha + "?offset=0&total=" + size, std::move(bytes.value()));
        if (auto ok = expectOk(r, "photo " + sha); !ok)
            return ok.error();
        ++uploaded;
    }
    if (uploaded)
        lines.push_back("demo work: " + std::to_string(uploaded) + " photos and signatures");
    // The supervisor approves the pilot evaluation; the satisfaction survey waits for review; the
    // safety check is still in progress.
    if (auto rec = store.inspection("demo-pilot-changchun-01"); rec && rec.value() && rec.value()->status == WorkflowStatus::Submitted) {
        auto r = client.call("chen.jing", "POST", "/api/v1/inspections/demo-pilot-changchun-01/review",
            nlohmann::json {{"action", "approve"}, {"comment", "材料齐全，评分依据充分，同意。"}}.dump());
        if (auto ok = expectOk(r, "approval of demo-pilot-changchun-01"); !ok)
            return ok.error();
        lines.push_back("demo work: demo-pilot-changchun-01 approved by chen.jing");
    }
    return lines;
}

} // namespace careeval::server
