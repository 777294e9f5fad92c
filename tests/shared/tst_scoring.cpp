// score(): subtotals, totals and denominators, prefills, indicators, survey satisfaction, grade and
// conclusion — and golden results for a realistic day of work on each shipped template.

#include "testutil.h"

#include <careeval/merge.h>
#include <careeval/report_json.h>
#include <careeval/scoring.h>

using namespace careeval;
using nlohmann::json;

class TestScoring : public QObject
{
    Q_OBJECT

    // A small template whose scoring step mixes score items (one may be n/a) and pointed check items.
    static Template small()
    {
        auto text = [](const char *s) { return json {{"zh", s}, {"en", s}}; };
        json steps = json::array();
        for (auto key : kStepKeys) {
            const std::string k(key);
            json items = json::array({{{"id", k + "_c"}, {"type", "check"}, {"label", text("c")}}});
            if (k == "scoring")
                items = json::array({{{"id", "s1"}, {"type", "score"}, {"max", 10}, {"label", text("s1")}, {"required", true}},
                    {{"id", "s2"}, {"type", "score"}, {"max", 10}, {"allow_na", true}, {"label", text("s2")}},
                    {{"id", "c1"}, {"type", "check"}, {"points", 5}, {"weight", 2}, {"label", text("c1")}},
                    {{"id", "hz"}, {"type", "check"}, {"hazard", "major"}, {"note_when_noncompliant", true},
                        {"photo_when_noncompliant", true}, {"label", text("hz")}}});
            steps.push_back({{"key", k}, {"title", text(k.c_str())},
                {"sections", json::array({{{"id", k + "_s"}, {"title", text("s")}, {"items", items}}})}});
        }
        json t {{"format", "careeval-template/1"}, {"id", "small"}, {"version", "1"}, {"title", text("small")}, {"steps", steps},
            {"indicators",
                json::array({{{"id", "share"}, {"label", text("share")}, {"formula", "ratio(s1, 10)"}, {"target", ">= 0.6"}},
                    {{"id", "info"}, {"label", text("info")}, {"formula", "applicable([scoring_s])"}, {"required", false}}})},
            {"conclusion",
                {{"pass_percent", 60},
                    {"grades",
                        json::array({{{"key", "a"}, {"label", text("A")}, {"min_percent", 80}},
                            {{"key", "b"}, {"label", text("B")}, {"min_percent", 0}}})}}}};
        auto parsed = parseTemplate(t.dump());
        if (!parsed)
            qFatal("%s", parsed.error().message.c_str());
        return parsed.value();
    }

    static ScoreReport run(const Template &t, const std::vector<Operation> &ops)
    {
        MergeOptions opt;
        opt.tpl = &t;
        const InspectionState st = merge("insp-1", ops, opt);
        if (!st.refused.empty())
            qWarning("refused: %s", st.refused[0].reason.c_str());
        return score(t, st);
    }

private Q_SLOTS:
    void notApplicableLeavesDenominators()
    {
        const Template t = small();
        testutil::OpBuilder b;
        const ScoreReport r
            = run(t, {b.set("a", "s1", 8), b.set("a", "s2", "na"), b.set("a", "c1", "compliant"), b.set("a", "hz", "compliant")});
        const SectionScore *s = r.section("scoring_s");
        QVERIFY(s);
        QCOMPARE(s->points, 18.0); // 8 + 5 × weight 2
        QCOMPARE(s->max, 20.0); // 10 + 10 (weighted check); s2 is not applicable
        QCOMPARE(s->notApplicable, 1);
        QCOMPARE(r.total, 18.0);
        QCOMPARE(*r.percent, 90.0);
        QCOMPARE(r.grade->key, std::string("a"));
        QCOMPARE(*r.indicator("info")->value, 3.0);
        QVERIFY((r.indicator("info")->status) == (IndicatorStatus::Info));
    }

    void unansweredCountsInMax()
    {
        const Template t = small();
        testutil::OpBuilder b;
        const ScoreReport r = run(t, {b.set("a", "s1", 6)});
        QCOMPARE(r.total, 6.0);
        QCOMPARE(r.max, 30.0);
        QCOMPARE(*r.percent, 20.0);
        QVERIFY(!r.grade); // incomplete (required items unanswered): no band beside an unfinished conclusion
    }

    void conclusion_data()
    {
        QTest::addColumn<QString>("ops");
        QTest::addColumn<QString>("status");
        QTest::addColumn<QString>("codes");
        QTest::newRow("pass") << R"([["s1",9],["s2",9],["c1","compliant"],["hz","compliant"]])"
                              << "pass"
                              << "";
        QTest::newRow("required missing") << R"([["s2",9],["c1","compliant"]])"
                                          << "incomplete"
                                          << "missing_answer,indicator_incomplete";
        QTest::newRow("indicator fails") << R"([["s1",5],["s2",10],["c1","compliant"],["hz","compliant"]])"
                                         << "fail"
                                         << "indicator_failed";
        QTest::newRow("below pass percent") << R"([["s1",6],["s2",0],["c1","noncompliant"],["hz","compliant"]])"
                                            << "fail"
                                            << "below_pass_percent";
        QTest::newRow("open major hazard fails, evidence missing") << R"([["s1",9],["s2",9],["c1","compliant"],["hz","noncompliant"]])"
                                                                   << "incomplete"
                                                                   << "missing_note,missing_photo";
        QTest::newRow("conflict blocks") << R"([["s1",9],["s1",8,"b"],["s2",9],["c1","compliant"],["hz","compliant"]])"
                                         << "incomplete"
                                         << "conflict,indicator_incomplete";
    }
    void conclusion()
    {
        QFETCH(QString, ops);
        QFETCH(QString, status);
        QFETCH(QString, codes);
        const Template t = small();
        testutil::OpBuilder b;
        std::vector<Operation> list;
        for (const auto &r : json::parse(ops.toStdString()))
            list.push_back(b.set(r.size() > 2 ? r[2].get<std::string>() : "a", r[0], r[1]));
        const ScoreReport rep = run(t, list);
        QCOMPARE(QString::fromStdString(std::string(toString(rep.conclusion))), status);
        QStringList got;
        for (const auto &r : (rep.conclusion == ConclusionStatus::Fail ? rep.failures : rep.incomplete))
            got << QString::fromStdString(r.code);
        QCOMPARE(got.join(','), codes);
    }

    void openMajorHazardFailsOnceEvidenceIsThere()
    {
        const Template t = small();
        testutil::OpBuilder b;
        std::vector<Operation> ops {b.set("a", "s1", 9), b.set("a", "s2", 9), b.set("a", "c1", "compliant"),
            b.set("a", "hz", "noncompliant"), b.make("a", OpKind::Note, "hz", "通道堵塞"),
            b.make("a", OpKind::PhotoAttach, "hz", {{"sha256", std::string(64, 'e')}})};
        ScoreReport rep = run(t, ops);
        QVERIFY((rep.conclusion) == (ConclusionStatus::Fail));
        QCOMPARE(rep.failures.size(), std::size_t(1));
        QCOMPARE(rep.failures[0].code, std::string("open_major_hazard"));
        QCOMPARE(rep.openMajorFindings, 1);
        ops.push_back(b.make("lead", OpKind::FindingClose, "item:hz", {{"reason", "现场已整改"}}));
        rep = run(t, ops);
        QVERIFY((rep.conclusion) == (ConclusionStatus::Pass));
        QCOMPARE(rep.openFindings, 0);
    }

    void prefillStandsInUntilSomeoneAnswers()
    {
        const Template t = testutil::shippedTemplate("jilin-pilot-standardization");
        testutil::OpBuilder b;
        std::vector<Operation> ops {b.set("a", "staff_total", 48), b.set("a", "staff_trained", 47)};
        ScoreReport rep = run(t, ops);
        // 6 × 47/48 = 5.875, rounded down to the 0.5 step: a prefill never awards unearned points.
        QCOMPARE(rep.prefilled.at("sc_train_rate"), 5.5);
        QCOMPARE(rep.section("score_training")->points, 5.5);
        QVERIFY((rep.indicator("training_rate")->status) == (IndicatorStatus::Fail));
        QVERIFY((rep.indicator("exam_pass_rate")->status) == (IndicatorStatus::Incomplete));
        ops.push_back(b.set("lead", "sc_train_rate", 6));
        rep = run(t, ops);
        QVERIFY(!rep.prefilled.count("sc_train_rate"));
        QCOMPARE(rep.section("score_training")->points, 6.0);
    }

    void surveySatisfaction()
    {
        const Template t = testutil::shippedTemplate("resident-satisfaction");
        testutil::OpBuilder b;
        std::vector<Operation> ops {b.make("e", OpKind::SampleDraw, "survey", {{"seed", 1}, {"population", 40}, {"k", 10}})};
        const char *overall[] = {"very_satisfied", "satisfied", "satisfied", "neutral", "unknown", "satisfied", "dissatisfied", "satisfied",
            "satisfied", "satisfied", "satisfied"};
        for (int i = 0; i < 11; ++i)
            ops.push_back(b.make(
                "e", OpKind::SurveyAdd, "R" + std::to_string(i), {{"answers", {{"q_overall", overall[i]}, {"q_meals", "satisfied"}}}}));
        const ScoreReport rep = run(t, ops);
        QCOMPARE(rep.survey.responses, 11);
        QCOMPARE(rep.survey.valid, 10); // "don't know" is not a valid response
        QCOMPARE(rep.survey.satisfied, 8);
        QCOMPARE(*rep.survey.rate, 0.8);
        QCOMPARE(rep.survey.sampleSize, 10);
        QVERIFY((rep.indicator("satisfaction")->status) == (IndicatorStatus::Fail));
        QCOMPARE(*rep.survey.questionMeans.at("q_meals"), 4.0);
        QCOMPARE(rep.prefilled.at("sc_meals"), 8.0); // 4 / 5 × 10
    }

    // Issue 13: results an evaluator can sign.
    // The pilot demo passes with 96 · 优秀; survey answers that bring satisfaction to 94% make it fail,
    // and a failing inspection shows no excellence band.
    void satisfactionBelowTargetFailsWithoutGrade()
    {
        const Template t = testutil::shippedTemplate("jilin-pilot-standardization");
        auto ops = testutil::readOps(testutil::sourcePath("assets/demo/pilot.ops.jsonl"));
        MergeOptions opt;
        opt.tpl = &t;
        QVERIFY(score(t, merge(ops.front().inspection, ops, opt)).grade.has_value());
        testutil::OpBuilder b(ops.front().inspection);
        auto answers = [&](const char *overall) {
            json a = json::object();
            for (const char *q :
                {"q_meals", "q_room", "q_daily_care", "q_medical", "q_attitude", "q_activities", "q_safety", "q_fees", "q_complaints"})
                a[q] = "satisfied";
            a["q_overall"] = overall;
            return json {{"answers", a}};
        };
        // 13 of 13 satisfied in the demo; 34 more satisfied and 3 dissatisfied: 47 of 50 = 94%.
        for (int i = 0; i < 37; ++i)
            ops.push_back(b.make(
                "zhang.wei", OpKind::SurveyAdd, "extra-" + std::to_string(i), answers(i < 34 ? "satisfied" : "dissatisfied"), 1000 + i));
        const InspectionState st = merge(ops.front().inspection, ops, opt);
        QVERIFY(st.refused.empty());
        const ScoreReport rep = score(t, st);
        QCOMPARE(*rep.survey.rate, 0.94);
        QVERIFY(rep.conclusion == ConclusionStatus::Fail);
        QVERIFY(!rep.grade);
        QVERIFY(*rep.percent > 90); // the points alone would have been 优秀
    }

    void notApplicableFollowsTheTemplate_data()
    {
        QTest::addColumn<QString>("item");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("refusal");
        QTest::newRow("escape routes never n/a") << "mh_escape"
                                                 << "\"na\""
                                                 << "can never be marked not applicable";
        QTest::newRow("escape routes not even with a reason") << "mh_escape"
                                                              << R"({"na":"无"})"
                                                              << "can never be marked not applicable";
        QTest::newRow("health products never n/a") << "docs_op_no_products"
                                                   << "\"na\""
                                                   << "can never be marked not applicable";
        QTest::newRow("sprinklers only with a reason") << "mh_sprinkler"
                                                       << "\"na\""
                                                       << "only with a reason";
        QTest::newRow("sprinklers with a reason") << "mh_sprinkler"
                                                  << R"({"na":"建筑面积小于规范要求设置喷淋的面积"})"
                                                  << "";
        QTest::newRow("lifts with a reason") << "mh_equipment"
                                             << R"({"na":"单层建筑，无电梯和锅炉"})"
                                             << "";
        QTest::newRow("general item plain n/a") << "fire_kitchen"
                                                << "\"na\""
                                                << "";
    }
    void notApplicableFollowsTheTemplate()
    {
        QFETCH(QString, item);
        QFETCH(QString, value);
        QFETCH(QString, refusal);
        const Template t = testutil::shippedTemplate("nursing-home-quality-safety");
        testutil::OpBuilder b;
        const std::vector<Operation> ops {b.set("wang", item.toStdString(), json::parse(value.toStdString()))};
        MergeOptions opt;
        opt.tpl = &t;
        const InspectionState st = merge("insp-1", ops, opt);
        if (refusal.isEmpty()) {
            QVERIFY(st.refused.empty());
            bool na = false;
            numericValue(*t.item(item.toStdString()), st.item(item.toStdString())->value, &na);
            QVERIFY(na); // leaves the denominators
        } else {
            QCOMPARE(st.refused.size(), std::size_t(1));
            QVERIFY2(QString::fromStdString(st.refused[0].reason).contains(refusal), st.refused[0].reason.c_str());
        }
    }

    // Two questionnaires for one resident count once and are flagged; a questionnaire of a resident
    // later marked unable does not count; proxies are reported apart; a short sample closed by the
    // lead completes the conclusion with a remark.
    void surveyCounting()
    {
        const Template t = testutil::shippedTemplate("resident-satisfaction");
        testutil::OpBuilder b;
        auto answers = [](const char *overall) { return json {{"answers", {{"q_overall", overall}, {"q_meals", "satisfied"}}}}; };
        std::vector<Operation> ops {
            b.make("li", OpKind::SampleDraw, "survey", {{"seed", 7}, {"population", 30}, {"k", 10}, {"source", "beds"}}),
            b.make("wang", OpKind::SurveyAdd, "R01", answers("satisfied")),
            b.make("zhang", OpKind::SurveyAdd, "R01", answers("dissatisfied")), // the same resident, on another tablet
            b.make("wang", OpKind::SurveyAdd, "R02", answers("dissatisfied")),
            b.make("wang", OpKind::RespondentStatus, "R02", {{"status", "unable"}}), // then found unable to answer
            b.make("zhang", OpKind::RespondentStatus, "R03", {{"status", "proxy"}}),
            b.make("zhang", OpKind::SurveyAdd, "R03", answers("very_satisfied")),
        };
        MergeOptions opt;
        opt.tpl = &t;
        InspectionState st = merge("insp-1", ops, opt);
        QVERIFY(st.refused.empty());
        ScoreReport rep = score(t, st);
        QCOMPARE(rep.survey.responses, 1);
        QCOMPARE(rep.survey.valid, 1);
        QCOMPARE(rep.survey.satisfied, 1); // R01 once: the first questionnaire in the merge order
        QCOMPARE(rep.survey.excluded, 1);
        QCOMPARE(rep.survey.proxy, 1);
        QCOMPARE(rep.survey.proxySatisfied, 1);
        QCOMPARE(rep.survey.duplicates, std::vector<std::string> {"R01"});
        auto has = [](const std::vector<Reason> &rs, const char *code) {
            return std::any_of(rs.begin(), rs.end(), [&](const Reason &r) { return r.code == code; });
        };
        QVERIFY(has(rep.incomplete, "duplicate_response"));
        QVERIFY(has(rep.incomplete, "sample_short"));
        // The lead withdraws the repeat and closes the short sample, with a reason.
        ops.push_back(b.make("li", OpKind::SurveyWithdraw, ops[2].id.toString(), {{"reason", "重复问卷"}}));
        ops.push_back(b.make("li", OpKind::SampleClose, "survey", {{"reason", "在住老人多数无法作答，名册已用尽"}}));
        opt.roles = {{"li", Role::Lead}, {"wang", Role::Evaluator}, {"zhang", Role::Evaluator}};
        st = merge("insp-1", ops, opt);
        QVERIFY(st.refused.empty());
        rep = score(t, st);
        QVERIFY(rep.survey.duplicates.empty());
        QVERIFY(!has(rep.incomplete, "duplicate_response"));
        QVERIFY(!has(rep.incomplete, "sample_short"));
        QVERIFY(has(rep.remarks, "sample_closed_short"));
        QVERIFY(rep.remarks.front().detail.find("名册已用尽") != std::string::npos);
        // Only the lead closes a sample.
        ops.push_back(b.make("wang", OpKind::SampleClose, "survey", {{"reason", "x"}}));
        QCOMPARE(merge("insp-1", ops, opt).refused.size(), std::size_t(1));
    }

    // staff_passed > staff_examined cannot be true: flagged on both items, and the inspection cannot pass.
    void inconsistentFiguresBlockThePass()
    {
        const Template t = testutil::shippedTemplate("jilin-pilot-standardization");
        auto ops = testutil::readOps(testutil::sourcePath("assets/demo/pilot.ops.jsonl"));
        std::erase_if(ops, [](const Operation &op) { return op.target == "staff_passed" || op.target == "staff_examined"; });
        testutil::OpBuilder b(ops.front().inspection);
        ops.push_back(b.set("li.hua", "staff_passed", 45, 5000));
        ops.push_back(b.set("li.hua", "staff_examined", 44, 5001));
        MergeOptions opt;
        opt.tpl = &t;
        const InspectionState st = merge(ops.front().inspection, ops, opt);
        const ScoreReport rep = score(t, st);
        QCOMPARE(rep.inconsistent.size(), std::size_t(1));
        QCOMPARE(rep.inconsistent[0].subject, std::string("passed_within_examined"));
        QCOMPARE(rep.inconsistent[0].detail, std::string("staff_passed,staff_examined"));
        QVERIFY(rep.conclusion != ConclusionStatus::Pass);
        QVERIFY(!rep.grade);
    }

    // Formulas read a date as days since 1970-01-01: the pilot's "6 months after the standard system
    // started" is a consistency check over two dates.
    void datesAreDaysInFormulas()
    {
        QCOMPARE(*daysSinceEpoch("1970-01-01"), std::int64_t(0));
        QCOMPARE(*daysSinceEpoch("2000-03-01"), std::int64_t(11017));
        QCOMPARE(*daysSinceEpoch("1969-12-31"), std::int64_t(-1));
        QVERIFY(daysSinceEpoch("2024-02-29"));
        QVERIFY(!daysSinceEpoch("2026-02-29"));
        QVERIFY(!daysSinceEpoch("2026-13-01"));
        QVERIFY(!daysSinceEpoch("2026-2-01"));
        const Template t = testutil::shippedTemplate("jilin-pilot-standardization");
        QVERIFY(checkItemValue(*t.item("announce_date"), "\"2026-02-30\"")); // not a real date: refused
        auto ops = testutil::readOps(testutil::sourcePath("assets/demo/pilot.ops.jsonl"));
        MergeOptions opt;
        opt.tpl = &t;
        QVERIFY(score(t, merge(ops.front().inspection, ops, opt)).inconsistent.empty());
        // Started 2025-08-01, evaluated 2025-11-25: 116 days, not the 6 months the plan asks for.
        testutil::OpBuilder b(ops.front().inspection);
        ops.push_back(b.set("wang.fang", "system_start_date", "2025-08-01", 5000)); // who reported it
        const ScoreReport rep = score(t, merge(ops.front().inspection, ops, opt));
        QCOMPARE(rep.inconsistent.size(), std::size_t(1));
        QCOMPARE(rep.inconsistent[0].subject, std::string("system_ran_six_months"));
        QVERIFY(rep.conclusion != ConclusionStatus::Pass);
        // 2025-05-27 is exactly 182 days before: it holds.
        ops.push_back(b.set("wang.fang", "system_start_date", "2025-05-27", 5001));
        QVERIFY(score(t, merge(ops.front().inspection, ops, opt)).inconsistent.empty());
    }

    // A date years after the day it was entered, or before 1990, is flagged with the conclusion.
    void implausibleDatesAreFlagged()
    {
        const Template t = testutil::shippedTemplate("jilin-pilot-standardization");
        auto ops = testutil::readOps(testutil::sourcePath("assets/demo/pilot.ops.jsonl"));
        MergeOptions opt;
        opt.tpl = &t;
        auto remarksOf = [&](const std::vector<Operation> &o) {
            const InspectionState st = merge(o.front().inspection, o, opt);
            for (const auto &r : st.refused)
                qWarning("refused %s: %s", r.target.c_str(), r.reason.c_str());
            return score(t, st).remarks;
        };
        QVERIFY(remarksOf(ops).empty());
        testutil::OpBuilder b(ops.front().inspection); // operations made 2025-11-24
        auto later = ops;
        later.push_back(b.set("li.hua", "announce_date", "2029-11-25", 5000));
        auto r = remarksOf(later);
        QCOMPARE(r.size(), std::size_t(1));
        QCOMPARE(r[0].code, std::string("implausible_date"));
        QCOMPARE(r[0].subject, std::string("announce_date"));
        auto early = ops;
        early.push_back(b.set("wang.fang", "system_start_date", "1985-01-01", 5001)); // who reported it
        r = remarksOf(early);
        QCOMPARE(r.size(), std::size_t(1));
        QVERIFY(r[0].detail.find("before 1990") != std::string::npos);
        auto nextYear = ops;
        nextYear.push_back(b.set("li.hua", "announce_date", "2026-06-30", 5002)); // within a year: fine
        QVERIFY(remarksOf(nextYear).empty());
    }

    // The 红橙黄绿 risk colour is a template setting checked against the hazards found.
    void riskColourIsCheckedAgainstTheHazards()
    {
        const Template t = testutil::shippedTemplate("nursing-home-quality-safety");
        auto ops = testutil::readOps(testutil::sourcePath("assets/demo/safety.ops.jsonl"));
        // Settle the demo's open sprinkler conflict: the second evaluator's reading is withdrawn.
        std::erase_if(ops, [](const Operation &op) { return op.target == "mh_sprinkler" && op.author == "wang.fang"; });
        MergeOptions opt;
        opt.tpl = &t;
        testutil::OpBuilder b(ops.front().inspection);
        auto checksFailing = [&](const std::vector<Operation> &o) {
            std::vector<std::string> ids;
            for (const Reason &r : score(t, merge(o.front().inspection, o, opt)).inconsistent)
                ids.push_back(r.subject);
            return ids;
        };
        // A blocked escape route (major) and a smoking problem (general): red holds.
        QVERIFY(checksFailing(ops).empty());
        auto yellow = ops;
        yellow.push_back(b.set("li.hua", "risk_level", "yellow", 5000));
        QCOMPARE(checksFailing(yellow), std::vector<std::string>({"risk_red_when_major"}));
        // The escape route cleared: only a general hazard is left; yellow holds, green and red do not.
        auto general = ops;
        general.push_back(b.set("zhang.wei", "mh_escape", "compliant", 5001));
        general.push_back(b.set("li.hua", "risk_level", "yellow", 5002));
        QVERIFY(checksFailing(general).empty());
        general.push_back(b.set("li.hua", "risk_level", "green", 5003));
        QCOMPARE(checksFailing(general), std::vector<std::string>({"risk_green_when_clean"}));
        general.push_back(b.set("li.hua", "risk_level", "red", 5004));
        QCOMPARE(checksFailing(general), std::vector<std::string>({"risk_red_when_major"}));
        // Nothing found at all: green, and only green.
        general.push_back(b.set("zhang.wei", "fire_smoking", "compliant", 5005));
        general.push_back(b.set("li.hua", "risk_level", "green", 5006));
        QVERIFY(checksFailing(general).empty());
    }

    // Emoji belong to the app's buttons; reports and exports print the words.
    void pictographsStayOnTheButtons()
    {
        QCOMPARE(withoutPictographs("非常满意 😀"), std::string("非常满意"));
        QCOMPARE(withoutPictographs("So-so 😐"), std::string("So-so"));
        QCOMPARE(withoutPictographs("A ❤️ B"), std::string("A B"));
        QCOMPARE(withoutPictographs("👍🏽 好"), std::string("好"));
        QCOMPARE(withoutPictographs("满分 8 分（≥ 95%）"), std::string("满分 8 分（≥ 95%）"));
    }

    void golden_data()
    {
        QTest::addColumn<QString>("demo");
        QTest::addColumn<QString>("templateName");
        QTest::addColumn<QString>("conclusion");
        QTest::newRow("pilot") << "pilot"
                               << "jilin-pilot-standardization"
                               << "pass";
        QTest::newRow("safety") << "safety"
                                << "nursing-home-quality-safety"
                                << "incomplete";
        QTest::newRow("satisfaction") << "satisfaction"
                                      << "resident-satisfaction"
                                      << "pass";
    }
    void golden()
    {
        QFETCH(QString, demo);
        QFETCH(QString, templateName);
        QFETCH(QString, conclusion);
        const Template t = testutil::shippedTemplate(templateName.toStdString());
        const auto ops = testutil::readOps(testutil::sourcePath("assets/demo/" + demo.toStdString() + ".ops.jsonl"));
        MergeOptions opt;
        opt.tpl = &t;
        const InspectionState st = merge(ops.front().inspection, ops, opt);
        QVERIFY(st.refused.empty());
        const ScoreReport rep = score(t, st);
        QCOMPARE(QString::fromStdString(std::string(toString(rep.conclusion))), conclusion);
        const json out {{"state", stateToJson(st)}, {"score", reportToJson(rep, t)}};
        QVERIFY(testutil::matchesGolden(demo.toStdString() + ".json", out));
    }
};

QTEST_APPLESS_MAIN(TestScoring)
#include "tst_scoring.moc"
