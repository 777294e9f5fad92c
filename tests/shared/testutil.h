#pragma once
// Helpers shared by the core's tests: paths to shipped data, an operation builder, golden comparison.

#include <careeval/jsonutil.h>
#include <careeval/operation.h>
#include <careeval/template.h>

#include <QtTest/QtTest>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

namespace testutil {

inline std::string sourcePath(const std::string &rel)
{
    return std::string(CAREEVAL_SOURCE_DIR) + "/" + rel;
}

inline careeval::Template shippedTemplate(const std::string &name)
{
    auto t = careeval::loadTemplateFile(sourcePath("assets/templates/" + name + ".json"));
    if (!t)
        qFatal("shipped template %s invalid: %s", name.c_str(), t.error().message.c_str());
    return t.value();
}

//! Builds operations with distinct ids and increasing clocks, per author.
class OpBuilder
{
public:
    explicit OpBuilder(std::string inspection = "insp-1")
        : m_inspection(std::move(inspection))
    {
    }

    careeval::Operation make(const std::string &author, careeval::OpKind kind, const std::string &target,
        const nlohmann::json &value = nullptr, std::uint64_t clock = 0)
    {
        careeval::Operation op;
        ++m_n;
        char id[40];
        // Distinct per inspection too: builders for two inspections never mint the same id.
        std::snprintf(id, sizeof id, "%08x-0000-4000-8000-%012llx",
            static_cast<unsigned>(std::hash<std::string> {}(m_inspection)&0xffffffffu), static_cast<unsigned long long>(m_n));
        op.id = *careeval::Uuid::parse(id);
        op.inspection = m_inspection;
        op.author = author;
        op.device = "dev-" + author;
        op.clock = clock ? clock : ++m_clock;
        op.time = 1764000000000 + static_cast<std::int64_t>(m_n) * 1000;
        op.kind = kind;
        op.target = target;
        op.value = careeval::canonicalJson(value);
        return op;
    }
    careeval::Operation set(const std::string &author, const std::string &target, const nlohmann::json &value, std::uint64_t clock = 0)
    {
        return make(author, careeval::OpKind::Set, target, value, clock);
    }

private:
    std::string m_inspection;
    std::uint64_t m_n = 0;
    std::uint64_t m_clock = 0;
};

inline std::vector<careeval::Operation> readOps(const std::string &path)
{
    std::vector<careeval::Operation> ops;
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line)) {
        auto op = careeval::parseOperation(line);
        if (!op)
            qFatal("%s: %s", path.c_str(), op.error().message.c_str());
        ops.push_back(op.value());
    }
    return ops;
}

//! Compares with a golden file under tests/data/golden; on mismatch writes NAME.fail beside it and
//! prints the first differences. CAREEVAL_UPDATE_GOLDEN=1 rewrites the golden file instead.
inline bool matchesGolden(const std::string &name, const nlohmann::json &actual)
{
    const std::string path = sourcePath("tests/data/golden/" + name);
    const std::string text = actual.dump(2) + "\n";
    if (qEnvironmentVariableIsSet("CAREEVAL_UPDATE_GOLDEN")) {
        std::ofstream(path) << text;
        return true;
    }
    auto golden = careeval::readFile(path);
    if (golden && golden.value() == text)
        return true;
    std::ofstream(path + ".fail") << text;
    if (golden) {
        auto expected = careeval::parseJson(golden.value());
        if (expected) {
            const auto patch = nlohmann::json::diff(expected.value(), actual);
            qWarning("golden mismatch %s (actual in %s.fail), differences:\n%s", path.c_str(), path.c_str(),
                patch.dump(1).substr(0, 4000).c_str());
        }
    } else {
        qWarning("golden file %s missing; actual written to .fail", path.c_str());
    }
    return false;
}

} // namespace testutil
