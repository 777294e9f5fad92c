// careeval: the core on the command line. Validate templates, merge and score an operation log, draw a
// reproducible sample. Exit codes: 0 ok, 1 invalid input (located errors on stderr), 2 usage.

#include <careeval/jsonutil.h>
#include <careeval/merge.h>
#include <careeval/report_json.h>
#include <careeval/sampling.h>
#include <careeval/scoring.h>
#include <careeval/template.h>

#include <cstdio>
#include <cstring>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

using namespace careeval;

namespace {

int usage()
{
    std::cerr
        << "usage:\n"
           "  careeval validate TEMPLATE.json...\n"
           "  careeval score TEMPLATE.json OPS.jsonl [--inspection ID] [--roles ROLES.json | --team ROLES.json] [--text] [--lang zh|en]\n"
           "  careeval sample --seed S --population N --k K [--replacements R]\n"
           "\n"
           "validate  checks templates; every problem is printed as FILE: /json/pointer: reason\n"
           "score     merges the operations (one JSON object per line) and prints the merged state,\n"
           "          scores, indicators and conclusion as JSON (--text: a readable summary instead)\n"
           "sample    draws K of N (numbered 1..N) reproducibly from the seed\n";
    return 2;
}

int validate(int argc, char **argv)
{
    if (argc < 1)
        return usage();
    int failed = 0;
    for (int i = 0; i < argc; ++i) {
        std::vector<TemplateIssue> issues;
        auto t = loadTemplateFile(argv[i], &issues);
        if (t) {
            std::cout << "ok    " << argv[i] << "  " << t->pin() << "  (" << t->itemCount() << " items, " << t->indicators.size()
                      << " indicators)  " << t->title.zh << " / " << t->title.en << "\n";
            continue;
        }
        ++failed;
        std::cout << "FAIL  " << argv[i] << "\n";
        if (issues.empty())
            std::cerr << argv[i] << ": " << t.error().message << "\n";
        for (const auto &issue : issues)
            std::cerr << argv[i] << ": " << issue.toString() << "\n";
    }
    return failed ? 1 : 0;
}

std::string fmt(ExprValue v, ValueFormat f, bool en = true)
{
    if (!v)
        return "—";
    char buf[64];
    switch (f) {
    case ValueFormat::Percent:
        std::snprintf(buf, sizeof buf, "%.1f%%", *v * 100);
        break;
    case ValueFormat::Integer:
        std::snprintf(buf, sizeof buf, "%.0f", *v);
        break;
    case ValueFormat::YesNo:
        return *v != 0 ? (en ? "yes" : "是") : (en ? "no" : "否");
    case ValueFormat::Number:
        std::snprintf(buf, sizeof buf, "%.2f", *v);
        break;
    }
    return buf;
}

std::string targetText(const Target &t, ValueFormat f, bool en)
{
    // A yes/no figure is 1 or 0: its target is the answer that meets it, never "≥ 1".
    if (f == ValueFormat::YesNo)
        return t.met(1) == t.met(0) ? "—" : t.met(1) ? (en ? "yes" : "是") : (en ? "no" : "否");
    static const char *ops[] = {"<", "≤", ">", "≥", "="};
    return std::string(ops[static_cast<int>(t.op)]) + " " + fmt(t.value, f == ValueFormat::YesNo ? ValueFormat::Number : f);
}

// A summary for a person at a terminal: what the merged evaluation amounts to, in the chosen language.
// Columns are counted in terminal cells: a Chinese character takes two.
std::size_t displayWidth(const std::string &s)
{
    std::size_t w = 0;
    for (std::size_t i = 0; i < s.size();) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        std::uint32_t cp = c;
        int n = 1;
        if (c >= 0xF0 && i + 3 < s.size()) {
            cp = ((c & 0x07u) << 18) | ((s[i + 1] & 0x3Fu) << 12) | ((s[i + 2] & 0x3Fu) << 6) | (s[i + 3] & 0x3Fu);
            n = 4;
        } else if (c >= 0xE0 && i + 2 < s.size()) {
            cp = ((c & 0x0Fu) << 12) | ((s[i + 1] & 0x3Fu) << 6) | (s[i + 2] & 0x3Fu);
            n = 3;
        } else if (c >= 0xC0 && i + 1 < s.size()) {
            cp = ((c & 0x1Fu) << 6) | (s[i + 1] & 0x3Fu);
            n = 2;
        }
        const bool wide = (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3)
            || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60)
            || (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
        w += wide ? 2 : 1;
        i += static_cast<std::size_t>(n);
    }
    return w;
}

std::string pad(const std::string &s, std::size_t width)
{
    const std::size_t w = displayWidth(s);
    return w >= width ? s : s + std::string(width - w, ' ');
}

std::string padLeft(const std::string &s, std::size_t width)
{
    const std::size_t w = displayWidth(s);
    return w >= width ? s : std::string(width - w, ' ') + s;
}

std::string conclusionWords(ConclusionStatus c, bool en)
{
    switch (c) {
    case ConclusionStatus::Pass:
        return en ? "Pass" : "合格";
    case ConclusionStatus::Fail:
        return en ? "Fail" : "不合格";
    case ConclusionStatus::Incomplete:
        return en ? "Incomplete" : "未完成";
    }
    return "";
}

std::string workflowWords(WorkflowStatus s, bool en)
{
    switch (s) {
    case WorkflowStatus::Draft:
        return en ? "in progress" : "进行中";
    case WorkflowStatus::Submitted:
        return en ? "submitted for review" : "已提交审核";
    case WorkflowStatus::Returned:
        return en ? "returned to the team" : "已退回";
    case WorkflowStatus::Approved:
        return en ? "approved (locked)" : "已批准（锁定）";
    case WorkflowStatus::Locked:
        return en ? "locked" : "已锁定";
    }
    return "";
}

// One reason of the conclusion in words, naming the item, indicator or check.
std::string reasonWords(const Template &t, const Reason &r, bool en, const std::string &lang)
{
    std::string what = r.subject;
    if (const Item *i = t.item(r.subject))
        what = i->label.get(lang);
    else if (const Indicator *d = t.indicator(r.subject))
        what = d->label.get(lang);
    else if (r.subject.rfind("item:", 0) == 0 && t.item(r.subject.substr(5)))
        what = t.item(r.subject.substr(5))->label.get(lang);
    for (const auto &c : t.checks)
        if (c.id == r.subject)
            what = c.label.get(lang);
    const std::string d = r.detail.empty() ? "" : " (" + r.detail + ")";
    const std::string q = en ? "\"" + what + "\"" : "“" + what + "”";
    if (r.code == "missing_answer")
        return q + (en ? " is not answered" : "未填写");
    if (r.code == "missing_signature")
        return q + (en ? " is not signed" : "未签名");
    if (r.code == "missing_note")
        return q + (en ? " is non-compliant and needs a note" : "不符合，需填写说明");
    if (r.code == "missing_photo")
        return q + (en ? " needs a photo" : "需要照片") + d;
    if (r.code == "conflict")
        return q + (en ? ": team members disagree; the lead decides" : "：组员意见不一致，待组长裁定");
    if (r.code == "indicator_incomplete")
        return q + (en ? " cannot be computed yet" : "尚不能计算");
    if (r.code == "indicator_failed")
        return q + (en ? " misses its target" : "未达到目标") + d;
    if (r.code == "sample_not_drawn")
        return en ? "the survey sample has not been drawn" : "尚未抽取调查样本";
    if (r.code == "sample_short")
        return (en ? "the survey needs more valid responses" : "有效问卷不足") + d;
    if (r.code == "sample_closed_short")
        return (en ? "the sample was closed short" : "样本未达应抽数即由组长结束") + d;
    if (r.code == "implausible_date")
        return (en ? "check the date of " : "请核对日期：") + r.subject + d;
    if (r.code == "duplicate_response")
        return (en ? "resident " + r.subject + " has more than one questionnaire (counted once)"
                   : "服务对象 " + r.subject + " 有多份问卷（只计一次）");
    if (r.code == "below_pass_percent")
        return (en ? "the total is below the pass mark" : "总分低于合格线") + d;
    if (r.code == "open_major_hazard")
        return (en ? "major hazard not rectified: " : "重大风险隐患未整改：") + q;
    if (r.code == "inconsistent")
        return (en ? "figures that cannot all be true: " : "数据相互矛盾：") + q;
    return r.code + " " + r.subject + d;
}

void printSummary(const Template &t, const InspectionState &st, const ScoreReport &r, const std::string &lang)
{
    const bool en = lang == "en";
    auto L = [&](const LocalizedText &x) { return x.get(lang); };
    std::printf("%s  %s\n", L(t.title).c_str(), t.pin().c_str());
    std::printf("%s: %s   %s: %s   %s: %zu\n", en ? "Inspection" : "评估", st.inspection.c_str(), en ? "status" : "状态",
        workflowWords(st.status, en).c_str(), en ? "operations" : "操作数", st.accepted);
    // The conclusion comes first, and a grade only with a pass.
    std::printf("\n%s: %s", en ? "Conclusion" : "结论", conclusionWords(r.conclusion, en).c_str());
    if (r.grade)
        std::printf("   %s: %s", en ? "grade" : "等级", L(r.grade->label).c_str());
    std::printf("\n");
    for (const auto &x : r.failures)
        std::printf("  ✗ %s\n", reasonWords(t, x, en, lang).c_str());
    for (const auto &x : r.incomplete)
        std::printf("  ? %s\n", reasonWords(t, x, en, lang).c_str());
    for (const auto &x : r.remarks)
        std::printf("  · %s\n", reasonWords(t, x, en, lang).c_str());
    std::printf("\n%s\n", en ? "Scoring sheet" : "评估计分表");
    char num[64];
    for (const auto &s : r.sections) {
        if (s.max <= 0)
            continue;
        std::snprintf(num, sizeof num, "%6.1f / %-6.1f", s.points, s.max);
        std::printf("  %s %s\n", pad(L(t.section(s.id)->title), 44).c_str(), num);
    }
    std::snprintf(num, sizeof num, "%6.1f / %-6.1f", r.total, r.max);
    std::printf("  %s %s  (%s)\n", pad(en ? "Total" : "总分", 44).c_str(), num,
        fmt(r.percent ? ExprValue(*r.percent / 100) : std::nullopt, ValueFormat::Percent).c_str());
    std::printf("\n%s\n", en ? "Indicators" : "指标");
    for (const auto &i : r.indicators) {
        const Indicator *d = t.indicator(i.id);
        const char *mark = i.status == IndicatorStatus::Pass ? "✓"
            : i.status == IndicatorStatus::Fail              ? "✗"
            : i.status == IndicatorStatus::Info              ? "·"
                                                             : "?";
        std::printf("  %s %s %s   %s\n", mark, pad(L(d->label), 44).c_str(), padLeft(fmt(i.value, d->format, en), 10).c_str(),
            d->target ? (std::string(en ? "target " : "目标 ") + targetText(*d->target, d->format, en)).c_str() : "");
    }
    if (r.survey.enabled) {
        std::printf("\n%s: %d/%d %s (%s), %s %d\n", en ? "Survey" : "满意度调查", r.survey.satisfied, r.survey.valid,
            en ? "satisfied" : "满意", fmt(r.survey.rate, ValueFormat::Percent).c_str(), en ? "sample size" : "应抽样",
            r.survey.sampleSize);
        if (r.survey.proxy > 0)
            std::printf("  %s: %d/%d %s\n", en ? "Answered by a proxy (reported apart)" : "代答（单独统计）", r.survey.proxySatisfied,
                r.survey.proxy, en ? "satisfied" : "满意");
        if (r.survey.excluded > 0)
            std::printf("  %s: %d\n",
                en ? "Questionnaires of residents marked refused or unable (not counted)" : "拒答或无法作答者的问卷（不计）",
                r.survey.excluded);
    }
    std::printf("\n%s (%zu)\n", en ? "Findings" : "问题清单", st.findings.size());
    for (const auto &[id, f] : st.findings) {
        std::string title = f.text("title");
        if (title.empty() && t.item(f.item))
            title = L(t.item(f.item)->label);
        const std::string hazard = f.hazard == Hazard::Major ? (en ? "major" : "重大")
            : f.hazard == Hazard::General                    ? (en ? "general" : "一般")
                                                             : "";
        std::printf("  [%s%s] %s\n      %s: %s | %s: %s | %s: %s\n", hazard.c_str(), f.closed ? (en ? ", closed" : "，已销号") : "",
            title.c_str(), en ? "suggestion" : "建议", f.text("suggestion").c_str(), en ? "responsible" : "责任方",
            f.text("responsible").c_str(), en ? "deadline" : "期限", f.text("deadline").c_str());
    }
    const auto conflicts = st.conflicts();
    if (!conflicts.empty()) {
        std::printf("\n%s\n", en ? "Conflicts for the lead to resolve" : "待组长处理的冲突");
        for (const auto &c : conflicts) {
            const Item *item = t.item(c);
            std::printf("  %s:", item ? L(item->label).c_str() : c.c_str());
            if (const SlotState *slot = st.item(c))
                for (const auto &v : slot->values)
                    std::printf("  %s=%s", v.author.c_str(), v.value.c_str());
            std::printf("\n");
        }
    }
    if (!st.refused.empty()) {
        std::printf("\n%s\n", en ? "Refused operations (kept)" : "被拒绝的操作（已保留）");
        for (const auto &x : st.refused)
            std::printf("  %s %s %s: %s\n", x.author.c_str(), std::string(toString(x.kind)).c_str(), x.target.c_str(), x.reason.c_str());
    }
}

int scoreCommand(int argc, char **argv)
{
    if (argc < 2)
        return usage();
    std::string inspection, rolesPath, lang = "zh";
    bool text = false, teamOnly = false;
    for (int i = 2; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--text"))
            text = true;
        else if (!std::strcmp(argv[i], "--lang") && i + 1 < argc && (!std::strcmp(argv[i + 1], "zh") || !std::strcmp(argv[i + 1], "en")))
            lang = argv[++i];
        else if (!std::strcmp(argv[i], "--inspection") && i + 1 < argc)
            inspection = argv[++i];
        else if (!std::strcmp(argv[i], "--roles") && i + 1 < argc)
            rolesPath = argv[++i];
        else if (!std::strcmp(argv[i], "--team") && i + 1 < argc) {
            rolesPath = argv[++i];
            teamOnly = true;
        } else
            return usage();
    }
    auto tpl = loadTemplateFile(argv[0]);
    if (!tpl) {
        std::cerr << argv[0] << ": invalid template:\n" << tpl.error().message << "\n";
        return 1;
    }
    auto log = readFile(argv[1]);
    if (!log) {
        std::cerr << log.error().message << "\n";
        return 1;
    }
    MergeOptions options;
    options.tpl = &tpl.value();
    if (!rolesPath.empty()) {
        auto roles = readFile(rolesPath);
        auto doc = roles ? parseJson(roles.value()) : Result<json>(roles.error());
        if (!doc || !doc->is_object()) {
            std::cerr << rolesPath << ": expected {\"user\": \"lead\", …}" << (doc ? "" : ": " + doc.error().message) << "\n";
            return 1;
        }
        for (auto it = doc->begin(); it != doc->end(); ++it) {
            auto role = it->is_string() ? roleFromString(it->get<std::string>()) : std::nullopt;
            if (!role) {
                std::cerr << rolesPath << ": role of \"" << it.key() << "\" must be evaluator, lead, supervisor or admin\n";
                return 1;
            }
            options.roles[it.key()] = *role;
        }
        // --team: the inspection's team only, as a tablet knows it; authors not listed (supervisors) are
        // not judged by role. This is what a log the server accepted needs to give the server's state.
        options.rolesComplete = !teamOnly;
    }
    // A damaged line (a truncated write, a stray edit) is reported with its number and skipped; every
    // other operation still counts.
    std::vector<Operation> ops;
    json inputErrors = json::array();
    std::istringstream in(log.value());
    std::string line;
    std::size_t lineNo = 0;
    while (std::getline(in, line)) {
        ++lineNo;
        if (line.find_first_not_of(" \t\r") == std::string::npos)
            continue;
        auto op = parseOperation(line);
        if (!op) {
            std::cerr << argv[1] << ":" << lineNo << ": " << op.error().message << "\n";
            inputErrors.push_back({{"line", lineNo}, {"error", op.error().message}});
            continue;
        }
        ops.push_back(std::move(op.value()));
    }
    if (inspection.empty()) {
        std::map<std::string, std::size_t> counts;
        for (const auto &op : ops)
            ++counts[op.inspection];
        for (const auto &[id, n] : counts)
            if (inspection.empty() || n > counts[inspection])
                inspection = id;
    }
    const InspectionState state = merge(inspection, ops, options);
    const ScoreReport report = score(tpl.value(), state);
    if (text) {
        printSummary(tpl.value(), state, report, lang);
        return inputErrors.empty() ? 0 : 1;
    }
    json out;
    out["inspection"] = inspection;
    out["template"] = tpl->pin();
    out["input_errors"] = inputErrors;
    out["state"] = stateToJson(state);
    out["score"] = reportToJson(report, tpl.value());
    std::cout << out.dump(2) << "\n";
    return inputErrors.empty() ? 0 : 1;
}

bool parseCount(const char *s, std::uint64_t &out)
{
    if (!s || !*s)
        return false;
    char *end = nullptr;
    errno = 0;
    const unsigned long long v = std::strtoull(s, &end, 10);
    if (*end || errno || s[0] == '-')
        return false;
    out = v;
    return true;
}

int sampleCommand(int argc, char **argv)
{
    std::uint64_t seed = 0, population = 0, k = 0, replacements = 0;
    bool haveSeed = false, haveN = false, haveK = false;
    for (int i = 0; i < argc; ++i) {
        const char *v = i + 1 < argc ? argv[i + 1] : nullptr;
        bool ok = true;
        if (!std::strcmp(argv[i], "--seed"))
            ok = haveSeed = parseCount(v, seed);
        else if (!std::strcmp(argv[i], "--population"))
            ok = haveN = parseCount(v, population);
        else if (!std::strcmp(argv[i], "--k"))
            ok = haveK = parseCount(v, k);
        else if (!std::strcmp(argv[i], "--replacements"))
            ok = parseCount(v, replacements);
        else
            return usage();
        if (!ok) {
            std::cerr << argv[i] << " needs a non-negative whole number\n";
            return 2;
        }
        ++i;
    }
    if (!haveSeed || !haveN || !haveK)
        return usage();
    if (population > 1000000 || k > population || replacements > population) {
        std::cerr << "need k <= population <= 1000000 and replacements <= population\n";
        return 1;
    }
    const Sample s = drawSample(seed, population, k, replacements);
    json out {{"seed", seed}, {"population", population}, {"k", s.k}};
    json sel = json::array(), rep = json::array();
    for (auto i : s.selected)
        sel.push_back(i + 1);
    for (auto i : s.replacements)
        rep.push_back(i + 1);
    out["sample"] = sel;
    out["replacements"] = rep;
    std::cout << out.dump() << "\n";
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    if (argc < 2)
        return usage();
    const std::string cmd = argv[1];
    if (cmd == "validate")
        return validate(argc - 2, argv + 2);
    if (cmd == "score")
        return scoreCommand(argc - 2, argv + 2);
    if (cmd == "sample")
        return sampleCommand(argc - 2, argv + 2);
    return usage();
}
