// Templates: the shipped ones are valid; every kind of malformed template is rejected with the JSON
// location and a reason a person can act on.

#include "testutil.h"

#include <careeval/template.h>

using namespace careeval;
using nlohmann::json;

class TestTemplate : public QObject
{
    Q_OBJECT

    static json minimal()
    {
        auto text = [](const char *zh, const char *en) { return json {{"zh", zh}, {"en", en}}; };
        json steps = json::array();
        for (auto key : kStepKeys) {
            const std::string k(key);
            json item {{"id", k + "_item"}, {"type", "check"}, {"label", text("检查", "Check")}};
            if (k == "survey")
                item = {{"id", "q_overall"}, {"type", "rating"}, {"scale", "s5"}, {"label", text("总体满意吗？", "Overall?")}};
            if (k == "scoring")
                item = {{"id", "score_a"}, {"type", "score"}, {"max", 10}, {"step", 0.5}, {"label", text("得分", "Score")}};
            if (k == "briefing")
                item = {{"id", "staff_total"}, {"type", "number"}, {"label", text("员工", "Staff")}};
            steps.push_back({{"key", k}, {"title", text("步骤", "Step")},
                {"sections", json::array({{{"id", k + "_sec"}, {"title", text("节", "Section")}, {"items", json::array({item})}}})}});
        }
        return {{"format", "careeval-template/1"}, {"id", "mini"}, {"version", "1.0"}, {"title", text("最小模板", "Minimal template")},
            {"scales",
                {{"s5",
                    {{"options",
                        json::array({{{"value", "good"}, {"label", text("好", "Good")}, {"points", 1}},
                            {{"value", "bad"}, {"label", text("差", "Bad")}, {"points", 0}}})}}}}},
            {"steps", steps},
            {"survey",
                {{"rule", text("好即满意", "Good is satisfied")},
                    {"satisfied", {{"question", "q_overall"}, {"values", json::array({"good"})}}},
                    {"sample", {{"min_count", 10}, {"min_share", 0.1}}}}},
            {"indicators",
                json::array({{{"id", "ind_a"}, {"label", text("指标", "Indicator")}, {"formula", "score_a / 10"}, {"target", ">= 80%"}}})},
            {"conclusion",
                {{"pass_percent", 60}, {"grades", json::array({{{"key", "ok"}, {"label", text("合格", "Pass")}, {"min_percent", 60}}})}}}};
    }

private Q_SLOTS:
    void shippedTemplatesAreValid_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("minItems");
        QTest::addColumn<int>("indicators");
        QTest::newRow("pilot") << "jilin-pilot-standardization" << 80 << 10;
        QTest::newRow("quality-safety") << "nursing-home-quality-safety" << 120 << 8;
        QTest::newRow("satisfaction") << "resident-satisfaction" << 30 << 12;
    }
    void shippedTemplatesAreValid()
    {
        QFETCH(QString, name);
        QFETCH(int, minItems);
        QFETCH(int, indicators);
        std::vector<TemplateIssue> issues;
        auto t = loadTemplateFile(testutil::sourcePath("assets/templates/" + name.toStdString() + ".json"), &issues);
        QVERIFY2(t.ok(), t.ok() ? "" : t.error().message.c_str());
        QVERIFY(issues.empty());
        QVERIFY(static_cast<int>(t->itemCount()) >= minItems);
        QCOMPARE(static_cast<int>(t->indicators.size()), indicators);
        // Bilingual throughout: every label has both languages.
        for (const Item *item : t->items()) {
            QVERIFY2(!item->label.zh.empty() && !item->label.en.empty(), item->id.c_str());
        }
        for (int s = 0; s < 8; ++s)
            QVERIFY2(!t->steps[s].sections.empty(), std::string(kStepKeys[s]).c_str());
    }

    void pilotHasTheSixBasicIndicatorsWithExactTargets_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<QString>("target");
        QTest::newRow("training") << "training_rate"
                                  << "== 1";
        QTest::newRow("exam") << "exam_pass_rate"
                              << "== 1";
        QTest::newRow("provision") << "provision_coverage"
                                   << ">= 0.95";
        QTest::newRow("support") << "support_coverage"
                                 << ">= 0.9";
        QTest::newRow("manual") << "manual_coverage"
                                << ">= 0.95";
        QTest::newRow("implementation") << "implementation_rate"
                                        << ">= 0.8";
        QTest::newRow("satisfaction") << "satisfaction"
                                      << ">= 0.95";
        QTest::newRow("brand") << "brand"
                               << ">= 1";
    }
    void pilotHasTheSixBasicIndicatorsWithExactTargets()
    {
        QFETCH(QString, id);
        QFETCH(QString, target);
        static const Template t = testutil::shippedTemplate("jilin-pilot-standardization");
        const Indicator *ind = t.indicator(id.toStdString());
        QVERIFY(ind);
        QVERIFY(ind->target);
        QCOMPARE(QString::fromStdString(ind->target->toString()), target);
        QVERIFY(ind->required);
    }

    void indicatorsAreOrderedByDependency()
    {
        json t = minimal();
        t["indicators"].push_back({{"id", "ind_b"}, {"label", {{"zh", "乙"}, {"en", "B"}}}, {"formula", "ind_c * 2"}});
        t["indicators"].push_back({{"id", "ind_c"}, {"label", {{"zh", "丙"}, {"en", "C"}}}, {"formula", "ind_a + 1"}});
        auto parsed = parseTemplate(t.dump());
        QVERIFY2(parsed.ok(), parsed.ok() ? "" : parsed.error().message.c_str());
        std::vector<std::string> order;
        for (const auto &i : parsed->indicators)
            order.push_back(i.id);
        QCOMPARE(order, (std::vector<std::string> {"ind_a", "ind_c", "ind_b"}));
    }

    void minimalIsValid()
    {
        auto t = parseTemplate(minimal().dump());
        QVERIFY2(t.ok(), t.ok() ? "" : t.error().message.c_str());
        QCOMPARE(t->pin(), std::string("mini@1.0"));
        QCOMPARE(t->survey.sampleSize(200), 20);
        QCOMPARE(t->survey.sampleSize(50), 10);
        QCOMPARE(t->survey.sampleSize(6), 6);
    }

    void invalidJson_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("empty") << ""
                               << "empty document";
        QTest::newRow("whitespace") << "  \n "
                                    << "empty document";
        QTest::newRow("truncated") << "{\"id\": \"x\",\n \"steps\": ["
                                   << "line 2";
        QTest::newRow("bad literal") << "{\"a\": tru}"
                                     << "line 1, column";
        QTest::newRow("trailing comma") << "{\"a\": 1,}"
                                        << "line 1";
        QTest::newRow("deep nesting") << QString(200, '[') << "nested deeper than 64";
        QTest::newRow("not an object") << "[1, 2]"
                                       << "expected an object, found array";
        QTest::newRow("binary junk") << QString::fromLatin1("\x01\x02\xff") << "line 1";
    }
    void invalidJson()
    {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        std::vector<TemplateIssue> issues;
        auto t = parseTemplate(text.toStdString(), &issues);
        QVERIFY(!t.ok());
        QVERIFY((t.error().code) == (ErrorCode::InvalidTemplate));
        QVERIFY2(QString::fromStdString(t.error().message).contains(expected), t.error().message.c_str());
        QCOMPARE(issues.size(), std::size_t(1));
    }

    // Each row: a JSON Patch applied to the minimal template, the location and the reason expected.
    void invalidTemplate_data()
    {
        QTest::addColumn<QString>("patch");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("reason");
        auto row = [](const char *tag, const char *patch, const char *path, const char *reason) {
            QTest::newRow(tag) << patch << path << reason;
        };
        row("wrong format", R"([{"op":"replace","path":"/format","value":"other/2"}])", "/format", "unsupported format");
        row("id missing", R"([{"op":"remove","path":"/id"}])", "/id", "required field is missing");
        row("id with spaces", R"([{"op":"replace","path":"/id","value":"my template"}])", "/id", "invalid id");
        row("version text", R"([{"op":"replace","path":"/version","value":"latest"}])", "/version", "numbers separated by dots");
        row("title not bilingual", R"([{"op":"replace","path":"/title","value":"标题"}])", "/title", "expected {\"zh\"");
        row("english missing", R"([{"op":"remove","path":"/title/en"}])", "/title/en", "required field is missing");
        row("unknown top field", R"([{"op":"add","path":"/indicator","value":[]}])", "/indicator", "unknown field \"indicator\"");
        row("step missing", R"([{"op":"remove","path":"/steps/4"}])", "/steps", "step \"survey\" is missing");
        row("step out of order", R"([{"op":"move","from":"/steps/1","path":"/steps/0"}])", "/steps/0/key", "out of order");
        row("unknown step", R"([{"op":"replace","path":"/steps/7/key","value":"goodbye"}])", "/steps/7/key", "unknown step \"goodbye\"");
        row("step twice", R"([{"op":"replace","path":"/steps/7/key","value":"scoring"}])", "/steps/7/key", "appears twice");
        row("unknown item type", R"([{"op":"replace","path":"/steps/0/sections/0/items/0/type","value":"chek"}])",
            "/steps/0/sections/0/items/0/type", "unknown item type \"chek\"");
        row("duplicate item id", R"([{"op":"replace","path":"/steps/2/sections/0/items/0/id","value":"announce_item"}])",
            "/steps/2/sections/0/items/0/id", "duplicate id \"announce_item\"");
        row("typo in item field", R"([{"op":"add","path":"/steps/0/sections/0/items/0/requred","value":true}])",
            "/steps/0/sections/0/items/0/requred", "unknown field \"requred\" in a check item");
        row("field of another type", R"([{"op":"add","path":"/steps/0/sections/0/items/0/max","value":5}])",
            "/steps/0/sections/0/items/0/max", "unknown field \"max\" in a check item");
        row("required not boolean", R"([{"op":"add","path":"/steps/0/sections/0/items/0/required","value":"yes"}])",
            "/steps/0/sections/0/items/0/required", "expected true or false, found string");
        row("bad hazard", R"([{"op":"add","path":"/steps/0/sections/0/items/0/hazard","value":"huge"}])",
            "/steps/0/sections/0/items/0/hazard", "hazard must be \"major\" or \"general\"");
        row("score without max", R"([{"op":"remove","path":"/steps/5/sections/0/items/0/max"}])", "/steps/5/sections/0/items/0/max",
            "required field is missing");
        row("score max not multiple", R"([{"op":"replace","path":"/steps/5/sections/0/items/0/step","value":3}])",
            "/steps/5/sections/0/items/0/max", "not a whole number of steps");
        row("max as string", R"([{"op":"replace","path":"/steps/5/sections/0/items/0/max","value":"10"}])",
            "/steps/5/sections/0/items/0/max", "expected a number, found string");
        row("empty section", R"([{"op":"replace","path":"/steps/0/sections/0/items","value":[]}])", "/steps/0/sections/0/items",
            "must not be empty");
        row("choice without options",
            R"([{"op":"replace","path":"/steps/0/sections/0/items/0","value":{"id":"c","type":"single","label":{"zh":"选","en":"Pick"}}}])",
            "/steps/0/sections/0/items/0/options", "required field is missing");
        row("duplicate option",
            R"([{"op":"replace","path":"/steps/0/sections/0/items/0","value":{"id":"c","type":"single","label":{"zh":"选","en":"Pick"},"options":[{"value":"a","label":{"zh":"甲","en":"A"}},{"value":"a","label":{"zh":"乙","en":"B"}}]}}])",
            "/steps/0/sections/0/items/0/options/1/value", "duplicate option value \"a\"");
        row("rating outside survey",
            R"([{"op":"replace","path":"/steps/0/sections/0/items/0","value":{"id":"r","type":"rating","scale":"s5","label":{"zh":"评","en":"Rate"}}}])",
            "/steps/0/sections/0/items/0/type", "belong in the \"survey\" step");
        row("unknown scale", R"([{"op":"replace","path":"/steps/4/sections/0/items/0/scale","value":"s7"}])",
            "/steps/4/sections/0/items/0/scale", "unknown scale \"s7\"");
        row("satisfied value off scale", R"([{"op":"replace","path":"/survey/satisfied/values/0","value":"great"}])",
            "/survey/satisfied/values/0", "not on the scale");
        row("satisfied question unknown", R"([{"op":"replace","path":"/survey/satisfied/question","value":"q_none"}])",
            "/survey/satisfied/question", "no rating question \"q_none\"");
        row("survey settings missing", R"([{"op":"remove","path":"/survey"}])", "/survey", "must say who counts as satisfied");
        row("sample share above 1", R"([{"op":"replace","path":"/survey/sample/min_share","value":10}])", "/survey/sample/min_share",
            "fraction from 0 to 1");
        row("formula syntax", R"([{"op":"replace","path":"/indicators/0/formula","value":"score_a / "}])", "/indicators/0/formula",
            "formula: at character");
        row("formula unknown name", R"([{"op":"replace","path":"/indicators/0/formula","value":"score_b / 10"}])", "/indicators/0/formula",
            "refers to \"score_b\", which is neither an item nor an indicator");
        row("formula unknown function", R"J([{"op":"replace","path":"/indicators/0/formula","value":"system(score_a)"}])J",
            "/indicators/0/formula", "unknown function 'system'");
        row("formula unknown section", R"J([{"op":"replace","path":"/indicators/0/formula","value":"rate([nowhere])"}])J",
            "/indicators/0/formula", "section [nowhere], which does not exist");
        row("formula reads text",
            R"([{"op":"replace","path":"/steps/0/sections/0/items/0/type","value":"text"},{"op":"replace","path":"/indicators/0/formula","value":"announce_item"}])",
            "/indicators/0/formula", "has no numeric value");
        row("formula cycle",
            R"([{"op":"replace","path":"/indicators/0/formula","value":"ind_b"},{"op":"add","path":"/indicators/1","value":{"id":"ind_b","label":{"zh":"乙","en":"B"},"formula":"ind_a + 1"}}])",
            "/indicators", "depend on each other in a circle");
        row("prefill cycle",
            R"([{"op":"add","path":"/steps/5/sections/0/items/0/prefill","value":"ind_a * 10"},{"op":"replace","path":"/indicators/0/formula","value":"score_a / 10"}])",
            "/indicators", "in a circle");
        row("bad target", R"([{"op":"replace","path":"/indicators/0/target","value":"at least 80"}])", "/indicators/0/target",
            "is not a comparison");
        row("indicator id clashes with item", R"([{"op":"replace","path":"/indicators/0/id","value":"score_a"}])", "/indicators/0/id",
            "duplicate id \"score_a\"");
        row("grade percent out of range", R"([{"op":"replace","path":"/conclusion/grades/0/min_percent","value":120}])",
            "/conclusion/grades/0/min_percent", "between 0 and 100");
        row("conclusion missing", R"([{"op":"remove","path":"/conclusion"}])", "/conclusion", "required field is missing");
        row("steps not array", R"([{"op":"replace","path":"/steps","value":{}}])", "/steps", "expected an array, found object");
    }
    void invalidTemplate()
    {
        QFETCH(QString, patch);
        QFETCH(QString, path);
        QFETCH(QString, reason);
        const json doc = minimal().patch(json::parse(patch.toStdString()));
        std::vector<TemplateIssue> issues;
        auto t = parseTemplate(doc.dump(), &issues);
        QVERIFY(!t.ok());
        bool found = false;
        for (const auto &i : issues)
            if (i.path == path.toStdString() && QString::fromStdString(i.message).contains(reason))
                found = true;
        QVERIFY2(found,
            ("expected \"" + path + ": …" + reason + "…\", got:\n" + QString::fromStdString(t.error().message)).toUtf8().constData());
    }

    void allProblemsAreReportedAtOnce()
    {
        json doc = minimal();
        doc["version"] = "x";
        doc["steps"][0]["sections"][0]["items"][0]["type"] = "chek";
        doc["indicators"][0]["target"] = "??";
        std::vector<TemplateIssue> issues;
        auto t = parseTemplate(doc.dump(), &issues);
        QVERIFY(!t.ok());
        QCOMPARE(issues.size(), std::size_t(3));
        QCOMPARE(QString::fromStdString(t.error().message).count('\n'), 2);
    }

    void missingFileIsAnIoError()
    {
        auto t = loadTemplateFile("/nonexistent/template.json");
        QVERIFY(!t.ok());
        QVERIFY((t.error().code) == (ErrorCode::Io));
        QVERIFY(QString::fromStdString(t.error().message).contains("/nonexistent/template.json"));
    }
};

QTEST_APPLESS_MAIN(TestTemplate)
#include "tst_template.moc"
