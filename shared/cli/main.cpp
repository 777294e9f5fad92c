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
    std::cerr << "usage:\n"
                 "  careeval validate TEMPLATE.json...\n"
                 "  careeval score TEMPLATE.json OPS.jsonl [--inspection ID] [--roles ROLES.json]\n"
                 "  careeval sample --seed S --population N --k K [--replacements R]\n"
                 "\n"
                 "validate  checks templates; every problem is printed as FILE: /json/pointer: reason\n"
                 "score     merges the operations (one JSON object per line) and prints the merged state,\n"
                 "          scores, indicators and conclusion as JSON\n"
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
            std::cout << "ok    " << argv[i] << "  " << t->pin() << "  (" << t->itemCount() << " items, "
                      << t->indicators.size() << " indicators)  " << t->title.zh << " / " << t->title.en << "\n";
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

int scoreCommand(int argc, char **argv)
{
    if (argc < 2)
        return usage();
    std::string inspection, rolesPath;
    for (int i = 2; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--inspection") && i + 1 < argc)
            inspection = argv[++i];
        else if (!std::strcmp(argv[i], "--roles") && i + 1 < argc)
            rolesPath = argv[++i];
        else
            return usage();
    }
    auto tpl = loadTemplateFile(argv[0]);
    if (!tpl) {
        std::cerr << argv[0] << ": invalid template:\n" << tpl.error().message << "\n";
        return 1;
    }
    auto text = readFile(argv[1]);
    if (!text) {
        std::cerr << text.error().message << "\n";
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
    }
    // A damaged line (a truncated write, a stray edit) is reported with its number and skipped; every
    // other operation still counts.
    std::vector<Operation> ops;
    json inputErrors = json::array();
    std::istringstream in(text.value());
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
    json out{{"seed", seed}, {"population", population}, {"k", s.k}};
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
