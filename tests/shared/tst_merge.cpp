// merge(): the rules of team merging, one row per rule, and the property that matters most — any
// order and any duplication of the same operations give the same state.

#include "testutil.h"

#include <careeval/merge.h>
#include <careeval/report_json.h>

#include <algorithm>
#include <random>

using namespace careeval;
using nlohmann::json;

namespace {

// Rows describe operations as [author, kind, target, value, clock]; in a resolve's "covers", numbers
// stand for the ids of earlier rows.
std::vector<Operation> fromRows(const json &rows)
{
    testutil::OpBuilder b;
    std::vector<Operation> ops;
    for (const auto &r : rows) {
        json value = r.size() > 3 ? r[3] : json();
        if (value.is_object() && value.contains("covers")) {
            json ids = json::array();
            for (const auto &c : value["covers"])
                ids.push_back(ops.at(c.get<std::size_t>()).id.toString());
            value["covers"] = ids;
        }
        const auto kind = *opKindFromString(r[1].get<std::string>());
        ops.push_back(b.make(r[0], kind, r[2], value, r.size() > 4 ? r[4].get<std::uint64_t>() : 0));
    }
    return ops;
}

} // namespace

class TestMerge : public QObject
{
    Q_OBJECT

    Template m_pilot = testutil::shippedTemplate("jilin-pilot-standardization");

private Q_SLOTS:
    void slotRules_data()
    {
        QTest::addColumn<QString>("rows");
        QTest::addColumn<QString>("status");
        QTest::addColumn<QString>("value");
        QTest::addColumn<int>("candidates");
        auto row = [](const char *tag, const char *rows, const char *status, const char *value, int candidates) {
            QTest::newRow(tag) << rows << status << value << candidates;
        };
        row("one author", R"([["a","set","x",1]])", "agreed", "1", 1);
        row("two authors agree", R"([["a","set","x",1],["b","set","x",1]])", "agreed", "1", 2);
        row("two authors differ", R"([["a","set","x",1],["b","set","x",2]])", "conflict", "", 2);
        row("three authors, two values", R"([["a","set","x",1],["b","set","x",2],["c","set","x",1]])", "conflict", "", 3);
        row("own later value replaces own earlier", R"([["a","set","x",1,1],["a","set","x",2,2]])", "agreed", "2", 1);
        row("later by clock, not by position", R"([["a","set","x",2,9],["a","set","x",1,3]])", "agreed", "2", 1);
        row("changing to agree ends the conflict", R"([["a","set","x",1,1],["b","set","x",2,2],["b","set","x",1,3]])", "agreed", "1", 2);
        row("clear withdraws one author's value", R"([["a","set","x",1,1],["b","set","x",2,2],["b","clear","x",null,3]])", "agreed", "1",
            1);
        row("all cleared is empty", R"([["a","set","x",1,1],["a","clear","x",null,2]])", "empty", "", 0);
        row("set after clear", R"([["a","clear","x",null,1],["a","set","x",3,2]])", "agreed", "3", 1);
        row("resolution chooses a value",
            R"([["a","set","x",1],["b","set","x",2],["lead","resolve","x",{"value":2,"reason":"r","covers":[0,1]}]])", "resolved", "2", 2);
        row("resolution enters another value",
            R"([["a","set","x",1],["b","set","x",2],["lead","resolve","x",{"value":3,"reason":"r","covers":[0,1]}]])", "resolved", "3", 2);
        row("a later differing value reopens",
            R"([["a","set","x",1],["b","set","x",2],["lead","resolve","x",{"value":2,"reason":"r","covers":[0,1]}],["a","set","x",5]])",
            "conflict", "", 2);
        row("a later value equal to the resolution keeps it",
            R"([["a","set","x",1],["b","set","x",2],["lead","resolve","x",{"value":2,"reason":"r","covers":[0,1]}],["a","set","x",2]])",
            "resolved", "2", 2);
        row("objects compare by content", R"([["a","set","x",{"p":1,"q":2}],["b","set","x",{"q":2,"p":1}]])", "agreed", R"({"p":1,"q":2})",
            2);
        row("1 and 1.0 are the same number", R"([["a","set","x",1],["b","set","x",1.0]])", "agreed", "1", 2);
    }
    void slotRules()
    {
        QFETCH(QString, rows);
        QFETCH(QString, status);
        QFETCH(QString, value);
        QFETCH(int, candidates);
        const auto ops = fromRows(json::parse(rows.toStdString()));
        const InspectionState st = merge("insp-1", ops);
        QVERIFY(st.refused.empty());
        const SlotState *slot = st.item("x");
        if (status == "empty" && !slot)
            return;
        QVERIFY(slot);
        QCOMPARE(QString::fromStdString(std::string(toString(slot->status))), status);
        if (!value.isEmpty())
            QCOMPARE(json::parse(slot->value), json::parse(value.toStdString()));
        QCOMPARE(static_cast<int>(slot->values.size()), candidates);
        QCOMPARE(st.conflicts().size(), std::size_t(status == "conflict" ? 1 : 0));
    }

    void conflictKeepsEveryAuthorAndValue()
    {
        const auto ops = fromRows(json::parse(R"([["wang","set","x",7,3],["zhang","set","x",9,4]])"));
        const InspectionState st = merge("insp-1", ops);
        const SlotState *slot = st.item("x");
        QCOMPARE(slot->values.size(), std::size_t(2));
        QCOMPARE(slot->values[0].author, std::string("wang"));
        QCOMPARE(slot->values[0].value, std::string("7"));
        QCOMPARE(slot->values[0].op, ops[0].id);
        QCOMPARE(slot->values[1].author, std::string("zhang"));
        QCOMPARE(slot->values[1].value, std::string("9"));
        QVERIFY(slot->value.empty()); // no team value: nothing silently wins
    }

    void findingDeadlineIsADate()
    {
        const auto ops = fromRows(json::parse(R"([
            ["a","finding.add","f1",{"title":"留样缺失","deadline":"下月底"}],
            ["a","finding.add","f2",{"title":"台账不全","deadline":"2026-12-31"}],
            ["a","finding.edit","f2",{"deadline":"2026-02-30"}],
            ["b","finding.edit","f2",{"deadline":"年底前"}],
            ["b","finding.edit","f2",{"deadline":""}]
        ])"));
        const InspectionState st = merge("insp-1", ops);
        QVERIFY(!st.findings.contains("f1")); // refused whole: no finding appears from it
        QCOMPARE(st.findings.at("f2").text("deadline"), std::string()); // b cleared it; a's 2026-12-31 stands beside
        QCOMPARE(st.refused.size(), std::size_t(3));
        for (const auto &r : st.refused)
            QVERIFY2(r.reason.find("deadline is a date") != std::string::npos, r.reason.c_str());
    }

    void findingFieldsConflictAndResolve()
    {
        auto ops = fromRows(json::parse(R"([
            ["a","finding.add","f1",{"title":"留样缺失","suggestion":"每餐留样"}],
            ["b","finding.edit","f1",{"suggestion":"建立留样登记"}],
            ["a","finding.edit","f1",{"deadline":"2026-12-01"}]
        ])"));
        InspectionState st = merge("insp-1", ops);
        QCOMPARE(st.findings.size(), std::size_t(1));
        const Finding &f = st.findings.at("f1");
        QCOMPARE(f.text("title"), std::string("留样缺失"));
        QCOMPARE(f.text("deadline"), std::string("2026-12-01"));
        QVERIFY((f.fields.at("suggestion").status) == (SlotStatus::Conflict));
        QCOMPARE(st.conflicts(), std::vector<std::string> {"finding:f1/suggestion"});

        testutil::OpBuilder b("insp-1");
        json covers = json::array({ops[0].id.toString(), ops[1].id.toString()});
        Operation r = b.make(
            "lead", OpKind::Resolve, "finding:f1/suggestion", {{"value", "建立留样登记"}, {"reason", "更具体"}, {"covers", covers}}, 10);
        r.id = *Uuid::parse("00000000-0000-4000-8000-00000000ffff");
        ops.push_back(r);
        st = merge("insp-1", ops);
        QCOMPARE(st.findings.at("f1").text("suggestion"), std::string("建立留样登记"));
        QVERIFY(st.conflicts().empty());
    }

    void closedFindingStaysListed()
    {
        const auto ops
            = fromRows(json::parse(R"([["a","finding.add","f1",{"title":"t"}],["lead","finding.close","f1",{"reason":"已整改"}]])"));
        const InspectionState st = merge("insp-1", ops);
        QVERIFY(st.findings.at("f1").closed);
        QCOMPARE(st.findings.at("f1").closeReason, std::string("已整改"));
    }

    void hazardNonComplianceIsAFinding()
    {
        MergeOptions opt;
        opt.tpl = &m_pilot;
        auto ops = fromRows(json::parse(R"([
            ["a","set","site_sup_fire","noncompliant"],
            ["a","set","site_srv_flow","noncompliant"],
            ["lead","finding.edit","item:site_sup_fire",{"suggestion":"清理通道","responsible":"院长","deadline":"2026-12-01"}]
        ])"));
        InspectionState st = merge("insp-1", ops, opt);
        QVERIFY(st.refused.empty());
        QCOMPARE(st.findings.size(), std::size_t(1)); // site_srv_flow has no hazard level
        const Finding &f = st.findings.at("item:site_sup_fire");
        QVERIFY(f.derived);
        QVERIFY((f.hazard) == (Hazard::Major));
        QCOMPARE(f.item, std::string("site_sup_fire"));
        QCOMPARE(f.author, std::string("a"));
        QCOMPARE(f.text("responsible"), std::string("院长"));

        // Marked compliant after all: the finding goes, the edits stay in the log.
        testutil::OpBuilder b;
        Operation fix = b.set("a", "site_sup_fire", "compliant", 50);
        fix.id = *Uuid::parse("00000000-0000-4000-8000-0000000000aa");
        ops.push_back(fix);
        st = merge("insp-1", ops, opt);
        QVERIFY(st.findings.empty());
    }

    void notesAndPhotosAreUnions()
    {
        const std::string h1(64, 'a'), h2(64, 'b');
        auto ops = fromRows(json::parse(R"([["a","note","x","first"],["b","note","x","second"]])"));
        testutil::OpBuilder b;
        Operation p1 = b.make("a", OpKind::PhotoAttach, "x", {{"sha256", h1}}, 20);
        Operation p2 = b.make("b", OpKind::PhotoAttach, "x", {{"sha256", h2}, {"caption", "门"}}, 21);
        p1.id = *Uuid::parse("00000000-0000-4000-8000-0000000000b1");
        p2.id = *Uuid::parse("00000000-0000-4000-8000-0000000000b2");
        Operation d = b.make("a", OpKind::PhotoDetach, "x", {{"attach", p1.id.toString()}}, 22);
        d.id = *Uuid::parse("00000000-0000-4000-8000-0000000000b3");
        ops.insert(ops.end(), {p1, p2, d});
        const InspectionState st = merge("insp-1", ops);
        QCOMPARE(st.notesFor("x").size(), std::size_t(2));
        // An author's later note replaces their earlier one; each author's stands.
        auto edited = fromRows(json::parse(R"([["a","note","y","frist"],["b","note","y","second"],["a","note","y","first"]])"));
        const InspectionState st2 = merge("insp-1", edited);
        QCOMPARE(st2.notesFor("y").size(), std::size_t(3));
        const auto current = st2.currentNotesFor("y");
        QCOMPARE(current.size(), std::size_t(2));
        QCOMPARE(current[0]->text, std::string("second"));
        QCOMPARE(current[1]->text, std::string("first"));
        QCOMPARE(st.photosFor("x").size(), std::size_t(1));
        QCOMPARE(st.photosFor("x")[0]->sha256, h2);
        QCOMPARE(st.photosFor("x")[0]->caption, std::string("门"));
    }

    void surveyResponses()
    {
        testutil::OpBuilder b;
        std::vector<Operation> ops;
        ops.push_back(b.make("e", OpKind::SampleDraw, "survey", {{"seed", 42}, {"population", 100}, {"k", 10}}));
        ops.push_back(b.make("e", OpKind::SampleDraw, "survey", {{"seed", 43}, {"population", 100}, {"k", 10}}));
        Operation r1 = b.make("e", OpKind::SurveyAdd, "R01", {{"answers", {{"q_overall", "satisfied"}}}});
        Operation r2 = b.make("f", OpKind::SurveyAdd, "R02", {{"answers", {{"q_overall", "neutral"}}}});
        ops.insert(ops.end(), {r1, r2});
        ops.push_back(b.make("e", OpKind::SurveyReplace, r1.id.toString(), {{"answers", {{"q_overall", "very_satisfied"}}}}));
        ops.push_back(b.make("f", OpKind::SurveyWithdraw, r2.id.toString(), json::object()));
        ops.push_back(b.make("f", OpKind::SurveyReplace, r2.id.toString(), {{"answers", {{"q_overall", "satisfied"}}}}));
        ops.push_back(b.make("e", OpKind::RespondentStatus, "R03", {{"status", "refused"}}));
        const InspectionState st = merge("insp-1", ops);
        QVERIFY(st.sample);
        QCOMPARE(st.sample->seed, std::uint64_t(42)); // the first draw stands
        QCOMPARE(st.responses.size(), std::size_t(1));
        QCOMPARE(json::parse(st.responses[0].answers)["q_overall"], json("very_satisfied"));
        QCOMPARE(st.responses[0].revisions, 1);
        QCOMPARE(st.respondents.at("R03").status, std::string("refused"));
        QCOMPARE(st.refused.size(), std::size_t(2)); // the redraw and the replace after withdrawal
        QVERIFY(QString::fromStdString(st.refused[0].reason).contains("already drawn"));
        QVERIFY(QString::fromStdString(st.refused[1].reason).contains("withdrawn"));
    }

    void workflowAndLock()
    {
        MergeOptions opt;
        opt.roles = {{"lead", Role::Lead}, {"wang", Role::Evaluator}, {"sup", Role::Supervisor}};
        const auto ops = fromRows(json::parse(R"([
            ["wang","set","x",1,1],
            ["sup","approve","",{},2],
            ["wang","submit","",{},3],
            ["lead","submit","",{"comment":"完成"},4],
            ["sup","return","",{"comment":"补充照片"},5],
            ["wang","set","x",2,6],
            ["lead","submit","",{},7],
            ["sup","approve","",{"comment":"同意"},8],
            ["wang","set","x",3,9],
            ["lead","note","x","迟到的备注",10]
        ])"));
        const InspectionState st = merge("insp-1", ops, opt);
        QVERIFY((st.status) == (WorkflowStatus::Approved));
        QVERIFY(st.locked());
        QCOMPARE(st.item("x")->value, std::string("2"));
        QCOMPARE(st.history.size(), std::size_t(4));
        QCOMPARE(st.history[1].comment, std::string("补充照片"));
        QCOMPARE(st.refused.size(), std::size_t(4));
        QVERIFY(QString::fromStdString(st.refused[0].reason).contains("only a submitted inspection can be approved"));
        QVERIFY(QString::fromStdString(st.refused[1].reason).contains("only the team lead submits"));
        QCOMPARE(st.refused[2].id, ops[8].id);
        QVERIFY(QString::fromStdString(st.refused[2].reason).contains("locked"));
        QVERIFY((st.refused[3].kind) == (OpKind::Note));
    }

    void rolesGuardResolutions()
    {
        MergeOptions opt;
        opt.roles = {{"lead", Role::Lead}, {"wang", Role::Evaluator}, {"zhang", Role::Evaluator}};
        const auto ops = fromRows(json::parse(R"([
            ["wang","set","x",1],["zhang","set","x",2],
            ["wang","resolve","x",{"value":1,"reason":"我对","covers":[0,1]}],
            ["stranger","set","x",3]
        ])"));
        const InspectionState st = merge("insp-1", ops, opt);
        QVERIFY((st.item("x")->status) == (SlotStatus::Conflict));
        QCOMPARE(st.refused.size(), std::size_t(2));
        QVERIFY(QString::fromStdString(st.refused[0].reason).contains("only the team lead or a supervisor"));
        QVERIFY(QString::fromStdString(st.refused[1].reason).contains("not a member"));
    }

    // Once someone holds a step, only they or the lead change its status; without roles (the CLI over a
    // server's log, which the server already judged) nothing is refused for it.
    void onlyTheHolderOrTheLeadChangesAStep()
    {
        const auto ops = fromRows(json::parse(R"([
            ["wang","step.status","site",{"status":"in_progress","owner":"wang"}],
            ["zhang","step.status","site",{"status":"done","owner":"zhang"}],
            ["wang","step.status","site",{"status":"done","owner":"wang"}],
            ["lead","step.status","site",{"status":"in_progress","owner":"wang"}],
            ["zhang","step.status","survey",{"status":"in_progress","owner":"zhang"}]
        ])"));
        MergeOptions opt;
        opt.roles = {{"lead", Role::Lead}, {"wang", Role::Evaluator}, {"zhang", Role::Evaluator}};
        const InspectionState st = merge("insp-1", ops, opt);
        QCOMPARE(st.refused.size(), std::size_t(1));
        QCOMPARE(st.refused[0].author, std::string("zhang"));
        QVERIFY(st.refused[0].code == RefusalCode::Forbidden);
        QVERIFY2(QString::fromStdString(st.refused[0].reason).contains("held by wang"), st.refused[0].reason.c_str());
        const StepState &site = st.steps[static_cast<int>(StepKey::Site)];
        QCOMPARE(site.status, std::string("in_progress")); // the lead reopened it; wang still holds it
        QCOMPARE(site.owner, std::string("wang"));
        QCOMPARE(st.steps[static_cast<int>(StepKey::Survey)].owner, std::string("zhang"));
        QVERIFY(merge("insp-1", ops, MergeOptions {}).refused.empty());
    }

    // A tablet knows only its team: a supervisor's decision is not refused there for want of a role.
    void aTabletDoesNotJudgeAuthorsItDoesNotKnow()
    {
        const auto ops = fromRows(json::parse(R"([
            ["lead","set","x",1],["lead","submit","",{}],["chen","note","x","请补充照片"],["stranger","set","y",2]
        ])"));
        MergeOptions server;
        server.roles = {{"lead", Role::Lead}, {"chen", Role::Supervisor}};
        MergeOptions tablet;
        tablet.roles = {{"lead", Role::Lead}};
        tablet.rolesComplete = false;
        QCOMPARE(merge("insp-1", ops, server).refused.size(), std::size_t(1)); // the stranger
        QVERIFY(merge("insp-1", ops, tablet).refused.empty());
        QCOMPARE(merge("insp-1", ops, tablet).notes.size(), std::size_t(1));
    }

    void templateChecksValues_data()
    {
        QTest::addColumn<QString>("target");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("reason"); // empty: accepted
        QTest::newRow("score in range") << "sc_sys_table"
                                        << "3.5"
                                        << "";
        QTest::newRow("score above max") << "sc_sys_table"
                                         << "4.5"
                                         << "outside 0..4";
        QTest::newRow("score off step") << "sc_sys_table"
                                        << "1.25"
                                        << "not a multiple of 0.5";
        QTest::newRow("score n/a not allowed") << "sc_sys_table"
                                               << "\"na\""
                                               << "can never be marked not applicable";
        QTest::newRow("check value") << "site_sup_fire"
                                     << "\"noncompliant\""
                                     << "";
        QTest::newRow("check n/a") << "site_sup_equipment"
                                   << "\"na\""
                                   << "";
        QTest::newRow("check n/a with a reason") << "site_sup_equipment"
                                                 << "{\"na\":\"本机构无特种设备\"}"
                                                 << "";
        QTest::newRow("n/a reason empty") << "site_sup_equipment"
                                          << "{\"na\":\"  \"}"
                                          << "needs a reason in words";
        QTest::newRow("pilot task document never n/a") << "doc_brand_grading"
                                                       << "\"na\""
                                                       << "can never be marked not applicable";
        QTest::newRow("check n/a forbidden") << "announce_procedure"
                                             << "\"na\""
                                             << "can never be marked not applicable";
        QTest::newRow("check typo") << "site_sup_fire"
                                    << "\"ok\""
                                    << "not \"ok\"";
        QTest::newRow("number below min") << "staff_total"
                                          << "-1"
                                          << "below the minimum";
        QTest::newRow("number as text") << "staff_total"
                                        << "\"48\""
                                        << "takes a number";
        QTest::newRow("single option") << "brand_judgement"
                                       << "\"yes\""
                                       << "";
        QTest::newRow("single unknown option") << "brand_judgement"
                                               << "\"maybe\""
                                               << "not one of the item's options";
        QTest::newRow("date") << "announce_date"
                              << "\"2026-11-25\""
                              << "";
        QTest::newRow("bad date") << "announce_date"
                                  << "\"2026-13-01\""
                                  << "is not a date";
        QTest::newRow("signature") << "announce_rep_signature"
                                   << R"({"sha256":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","signer":"赵院长"})"
                                   << "";
        QTest::newRow("signature without signer") << "announce_rep_signature"
                                                  << R"({"sha256":"x"})"
                                                  << "a signature takes";
        QTest::newRow("rating set directly") << "q_overall"
                                             << "\"satisfied\""
                                             << "answered in survey responses";
        QTest::newRow("photo set directly") << "site_photos"
                                            << "\"x\""
                                            << "take photos";
        QTest::newRow("unknown item") << "nope"
                                      << "1"
                                      << "no item \"nope\" in template jilin-pilot-standardization@1.2.0";
    }
    void templateChecksValues()
    {
        QFETCH(QString, target);
        QFETCH(QString, value);
        QFETCH(QString, reason);
        MergeOptions opt;
        opt.tpl = &m_pilot;
        testutil::OpBuilder b;
        const std::vector<Operation> ops {b.set("a", target.toStdString(), json::parse(value.toStdString()))};
        const InspectionState st = merge("insp-1", ops, opt);
        if (reason.isEmpty()) {
            QVERIFY2(st.refused.empty(), st.refused.empty() ? "" : st.refused[0].reason.c_str());
            QVERIFY((st.item(target.toStdString())->status) == (SlotStatus::Agreed));
        } else {
            QCOMPARE(st.refused.size(), std::size_t(1));
            QVERIFY2(QString::fromStdString(st.refused[0].reason).contains(reason), st.refused[0].reason.c_str());
            QVERIFY(!st.item(target.toStdString()));
        }
    }

    void otherInspectionsAreRefusedNotMixedIn()
    {
        testutil::OpBuilder a("insp-1"), b("insp-2");
        std::vector<Operation> ops {a.set("x", "i", 1), b.set("y", "i", 2)};
        ops[1].id = *Uuid::parse("00000000-0000-4000-8000-0000000000c1");
        const InspectionState st = merge("insp-1", ops);
        QCOMPARE(st.item("i")->value, std::string("1"));
        QCOMPARE(st.refused.size(), std::size_t(1));
        QVERIFY(QString::fromStdString(st.refused[0].reason).contains("insp-2"));
    }

    // Found by the fuzzer: two copies with one id but different inspections kept whichever came
    // first. The copy kept must not depend on the order.
    void conflictingCopiesOfOneIdResolveTheSameEverywhere()
    {
        testutil::OpBuilder b;
        Operation a = b.set("w", "x", 1);
        Operation c = a;
        c.inspection = "insp-1;";
        c.value = "2";
        const std::vector<Operation> ab {a, c}, ba {c, a};
        const InspectionState s1 = merge("insp-1", ab), s2 = merge("insp-1", ba);
        QCOMPARE(stateToJson(s1).dump(), stateToJson(s2).dump());
        QCOMPARE(s1.duplicates, std::size_t(1));
    }

    void duplicatesCountOnce()
    {
        const auto ops = fromRows(json::parse(R"([["a","note","x","n"],["a","set","x",1]])"));
        std::vector<Operation> twice = ops;
        twice.insert(twice.end(), ops.begin(), ops.end());
        twice.push_back(ops[0]);
        const InspectionState st = merge("insp-1", twice);
        QCOMPARE(st.accepted, std::size_t(2));
        QCOMPARE(st.duplicates, std::size_t(3));
        QCOMPARE(st.notes.size(), std::size_t(1));
    }

    // The property every replica relies on: the state is a function of the set of operations.
    void orderAndDuplicatesDoNotMatter_data()
    {
        QTest::addColumn<unsigned>("seed");
        for (unsigned s = 1; s <= 12; ++s)
            QTest::newRow(qPrintable(QString("seed %1").arg(s))) << s;
    }
    void orderAndDuplicatesDoNotMatter()
    {
        QFETCH(unsigned, seed);
        std::mt19937 rng(seed);
        auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
        const std::vector<std::string> authors {"lead", "wang", "zhang", "liu"};
        const std::vector<std::string> items {
            "staff_total", "sc_sys_table", "site_sup_fire", "doc_system_table", "conclusion_text", "brand_judgement", "nope"};
        testutil::OpBuilder b;
        std::vector<Operation> ops;
        for (int i = 0; i < 600; ++i) {
            const std::string who = authors[pick(4)];
            const std::string item = items[pick(static_cast<int>(items.size()))];
            const std::uint64_t clock = 1 + static_cast<std::uint64_t>(pick(120)); // many equal clocks
            switch (pick(12)) {
            case 0:
                ops.push_back(b.make(who, OpKind::Clear, item, nullptr, clock));
                break;
            case 1:
                ops.push_back(b.make(who, OpKind::Note, item, "note " + std::to_string(i), clock));
                break;
            case 2: {
                json covers = json::array();
                for (int k = 0; k < 3 && !ops.empty(); ++k)
                    covers.push_back(ops[pick(static_cast<int>(ops.size()))].id.toString());
                ops.push_back(b.make(who, OpKind::Resolve, item, {{"value", pick(3)}, {"reason", "r"}, {"covers", covers}}, clock));
                break;
            }
            case 3:
                ops.push_back(b.make(who, OpKind::PhotoAttach, item, {{"sha256", std::string(64, "abc"[pick(3)])}}, clock));
                break;
            case 4:
                if (!ops.empty())
                    ops.push_back(
                        b.make(who, OpKind::PhotoDetach, item, {{"attach", ops[pick(static_cast<int>(ops.size()))].id.toString()}}, clock));
                break;
            case 5:
                ops.push_back(
                    b.make(who, OpKind::FindingAdd, "f" + std::to_string(pick(3)), {{"title", "t" + std::to_string(pick(2))}}, clock));
                break;
            case 6:
                ops.push_back(b.make(
                    who, OpKind::FindingEdit, "f" + std::to_string(pick(3)), {{"suggestion", "s" + std::to_string(pick(2))}}, clock));
                break;
            case 7: {
                static const OpKind wf[] = {OpKind::Submit, OpKind::Return, OpKind::Approve};
                const OpKind k = wf[pick(3)];
                ops.push_back(b.make(who, k, "", k == OpKind::Return ? json {{"comment", "c"}} : json::object(), 100 + clock));
                break;
            }
            case 8:
                ops.push_back(
                    b.make(who, OpKind::SurveyAdd, "R" + std::to_string(pick(5)), {{"answers", {{"q_overall", "satisfied"}}}}, clock));
                break;
            case 9:
                ops.push_back(b.make(who, OpKind::StepStatus, "site", {{"status", pick(2) ? "done" : "in_progress"}}, clock));
                break;
            default: {
                json v = item == "site_sup_fire" || item == "doc_system_table" ? json(pick(2) ? "compliant" : "noncompliant")
                    : item == "conclusion_text"                                ? json("text " + std::to_string(pick(3)))
                    : item == "brand_judgement"                                ? json(pick(2) ? "yes" : "no")
                                                                               : json(pick(4));
                ops.push_back(b.set(who, item, v, clock));
            }
            }
        }
        MergeOptions opt;
        opt.tpl = &m_pilot;
        opt.roles = {{"lead", Role::Lead}, {"wang", Role::Evaluator}, {"zhang", Role::Supervisor}, {"liu", Role::Evaluator}};
        // The number of extra copies differs by construction; everything else must not.
        auto view = [](const InspectionState &st) {
            json j = stateToJson(st);
            j.erase("duplicates");
            return j.dump();
        };
        const std::string reference = view(merge("insp-1", ops, opt));
        for (int round = 0; round < 10; ++round) {
            std::vector<Operation> shuffled = ops;
            for (int d = 0; d < 100; ++d)
                shuffled.push_back(ops[pick(static_cast<int>(ops.size()))]);
            std::shuffle(shuffled.begin(), shuffled.end(), rng);
            const InspectionState st = merge("insp-1", shuffled, opt);
            QCOMPARE(st.duplicates, std::size_t(100));
            QCOMPARE(view(st), reference);
        }
        // And the merged state accounts for every distinct operation: applied or refused, never lost.
        const InspectionState st = merge("insp-1", ops, opt);
        QCOMPARE(st.accepted + st.refused.size(), ops.size());
    }
};

QTEST_APPLESS_MAIN(TestMerge)
#include "tst_merge.moc"
