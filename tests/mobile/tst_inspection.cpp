// The inspection controller as an evaluation team's lead uses it: a walk through steps 1–4 and 6–8
// of the shipped pilot template, with the process killed (SIGKILL) midway and the store reopened;
// at the end, scores, indicators, conclusion and findings must be exactly what the core computes
// from the same answers. Also: undo, refusals of bad values, nothing stored for a no-op, lock.

#include "mobiletestutil.h"

#include <careeval/jsonutil.h>
#include <careeval/report_json.h>

#include <QSignalSpy>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace careeval;

namespace {

// The answers of the walk: a value for every answerable item of steps 1–4 and 6–8.
QVariant answerFor(const Item &item, int n)
{
    switch (item.type) {
    case ItemType::Check:
        if (item.hazard == Hazard::Major)
            return QStringLiteral("noncompliant");
        return n % 7 == 3 && item.allowNotApplicable() ? QStringLiteral("na") : QStringLiteral("compliant");
    case ItemType::Score:
        return std::max(0.0, item.max.value_or(0) - (n % 3) * item.step);
    case ItemType::Number: {
        // Figures that make the rates meaningful: totals 40, parts 38.
        const bool part = item.id.find("trained") != std::string::npos || item.id.find("passed") != std::string::npos
            || item.id.find("covered") != std::string::npos || item.id.find("with_") != std::string::npos
            || item.id.find("implemented") != std::string::npos;
        double v = part ? 38 : 40;
        if (item.max)
            v = std::min(v, *item.max);
        if (item.min)
            v = std::max(v, *item.min);
        return v;
    }
    case ItemType::Single:
        return QString::fromStdString(item.options.front().value);
    case ItemType::Multiple:
        return QStringList {QString::fromStdString(item.options.front().value)};
    case ItemType::Text:
        return QStringLiteral("记录 %1").arg(n);
    case ItemType::Date:
        return QStringLiteral("2026-11-25");
    default:
        return {};
    }
}

std::vector<const Item *> walkItems(const Template &tpl)
{
    std::vector<const Item *> out;
    for (const Item *item : tpl.items())
        if (item->stepIndex != static_cast<int>(StepKey::Survey) && item->type != ItemType::Photo && item->type != ItemType::Signature
            && item->type != ItemType::Rating)
            out.push_back(item);
    return out;
}

} // namespace

class TestInspection : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void walkWithKillMatchesTheCore()
    {
        QTemporaryDir dir;
        auto tpl = mobiletest::pilotTemplate();
        const Assignment a = mobiletest::pilotAssignment(*tpl);
        const auto items = walkItems(*tpl);
        QVERIFY(items.size() > 40);
        const std::size_t half = items.size() / 2;

        // First half in a child process that is killed with SIGKILL right after its last answer.
        const pid_t child = fork();
        QVERIFY(child >= 0);
        if (child == 0) {
            auto store = mobiletest::openStore(dir);
            InspectionController ctl;
            if (!ctl.open(store.get(), a, tpl, "li.hua", "tab-1").ok())
                _exit(3);
            for (std::size_t i = 0; i < half; ++i) {
                ctl.setCurrentStep(items[i]->stepIndex);
                if (!ctl.setAnswer(QString::fromStdString(items[i]->id), answerFor(*items[i], static_cast<int>(i))))
                    _exit(4);
            }
            ::kill(::getpid(), SIGKILL);
            _exit(5);
        }
        int status = 0;
        QCOMPARE(::waitpid(child, &status, 0), child);
        QVERIFY2(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL, "the child did not die by SIGKILL");

        // Reopen: everything answered before the kill is there.
        auto store = mobiletest::openStore(dir);
        InspectionController ctl;
        QVERIFY(ctl.open(store.get(), a, tpl, "li.hua", "tab-1").ok());
        for (std::size_t i = 0; i < half; ++i)
            QVERIFY2(
                ctl.snapshot().state.item(items[i]->id) && ctl.snapshot().state.item(items[i]->id)->hasTeamValue(), items[i]->id.c_str());
        QCOMPARE(ctl.pendingCount(), static_cast<int>(half));

        // Second half, a note on the non-compliant major hazard, the feedback on its finding, and a
        // finding added by hand.
        for (std::size_t i = half; i < items.size(); ++i) {
            ctl.setCurrentStep(items[i]->stepIndex);
            QVERIFY(ctl.setAnswer(QString::fromStdString(items[i]->id), answerFor(*items[i], static_cast<int>(i))));
        }
        QVERIFY(ctl.addNote("site_sup_fire", "二楼疏散通道堆放杂物"));
        ctl.setCurrentStep(7);
        QVERIFY(ctl.editFinding("item:site_sup_fire", "suggestion", "立即清理疏散通道"));
        QVERIFY(ctl.editFinding("item:site_sup_fire", "responsible", "后勤部"));
        QVERIFY(ctl.editFinding("item:site_sup_fire", "deadline", "2026-12-01"));
        const QString manual = ctl.addFinding("护理记录签字不全", "补齐签字", "护理部", "2026-12-15");
        QVERIFY(!manual.isEmpty());

        // The core, on its own, from the same answers (its own ids, clocks and times).
        std::vector<Operation> ops;
        std::uint64_t clock = 0;
        auto add = [&](OpKind kind, const std::string &target, const json &value) {
            Operation op;
            op.id = Uuid::generate();
            op.inspection = a.id;
            op.author = "li.hua";
            op.device = "reference";
            op.clock = ++clock;
            op.time = 1764000000000 + static_cast<std::int64_t>(clock);
            op.kind = kind;
            op.target = target;
            op.value = canonicalJson(value);
            ops.push_back(op);
        };
        for (std::size_t i = 0; i < items.size(); ++i) {
            const QVariant v = answerFor(*items[i], static_cast<int>(i));
            json j;
            if (v.typeId() == QMetaType::Double)
                j = v.toDouble();
            else if (v.typeId() == QMetaType::QStringList)
                j = json::array({v.toStringList().front().toStdString()});
            else
                j = v.toString().toStdString();
            add(OpKind::Set, items[i]->id, j);
        }
        add(OpKind::Note, "site_sup_fire", "二楼疏散通道堆放杂物");
        add(OpKind::FindingEdit, "item:site_sup_fire", {{"suggestion", "立即清理疏散通道"}});
        add(OpKind::FindingEdit, "item:site_sup_fire", {{"responsible", "后勤部"}});
        add(OpKind::FindingEdit, "item:site_sup_fire", {{"deadline", "2026-12-01"}});
        add(OpKind::FindingAdd, manual.toStdString(),
            {{"title", "护理记录签字不全"}, {"suggestion", "补齐签字"}, {"responsible", "护理部"}, {"deadline", "2026-12-15"}});
        MergeOptions options;
        options.tpl = tpl.get();
        const InspectionState reference = merge(a.id, ops, options);
        const ScoreReport expected = score(*tpl, reference);

        const ScoreReport &shown = ctl.snapshot().report;
        QCOMPARE(QString::fromStdString(reportToJson(shown, *tpl).dump(1)), QString::fromStdString(reportToJson(expected, *tpl).dump(1)));
        QCOMPARE(ctl.snapshot().state.findings.size(), reference.findings.size());
        for (const auto &[id, f] : reference.findings) {
            auto it = ctl.snapshot().state.findings.find(id);
            QVERIFY2(it != ctl.snapshot().state.findings.end(), id.c_str());
            for (const char *field : {"title", "suggestion", "responsible", "deadline"})
                QCOMPARE(it->second.text(field), f.text(field));
            QVERIFY(it->second.hazard == f.hazard);
        }
        // What the pages show is those figures.
        QCOMPARE(ctl.total(), expected.total);
        QCOMPARE(static_cast<int>(ctl.conclusion()), static_cast<int>(expected.conclusion));
        QCOMPARE(ctl.indicators()->rowCount(), static_cast<int>(tpl->indicators.size()));
        for (int i = 0; i < ctl.indicators()->rowCount(); ++i)
            QCOMPARE(ctl.indicators()->index(i).data(IndicatorListModel::StatusRole).toString(),
                QString::fromUtf8(toString(expected.indicators[static_cast<std::size_t>(i)].status).data()));
        // The open major hazard makes the evaluation fail, and the page says why.
        QCOMPARE(expected.conclusion == ConclusionStatus::Incomplete || expected.conclusion == ConclusionStatus::Fail, true);
        bool hazardListed = false;
        for (int i = 0; i < ctl.failures()->rowCount(); ++i)
            hazardListed
                = hazardListed || ctl.failures()->index(i).data(ReasonListModel::CodeRole).toString() == QLatin1String("open_major_hazard");
        QVERIFY(hazardListed);
        QCOMPARE(ctl.findings()->rowCount(), 2);
    }

    void undoRestoresMyPreviousValue()
    {
        QTemporaryDir dir;
        auto tpl = mobiletest::pilotTemplate();
        auto store = mobiletest::openStore(dir);
        InspectionController ctl;
        QVERIFY(ctl.open(store.get(), mobiletest::pilotAssignment(*tpl), tpl, "li.hua", "tab-1").ok());
        ctl.setCurrentStep(5);
        QVERIFY(!ctl.canUndo());
        QVERIFY(ctl.setAnswer("sc_sys_framework", 3));
        QVERIFY(ctl.setAnswer("sc_sys_framework", 1));
        QVERIFY(ctl.canUndo());
        QVERIFY(ctl.undo());
        QCOMPARE(ctl.snapshot().myValue("sc_sys_framework"), std::string("3"));
        QVERIFY(ctl.undo());
        QCOMPARE(ctl.snapshot().myValue("sc_sys_framework"), std::string());
        QVERIFY(!ctl.canUndo());
        // Undo is per page: a change on another step is not undone here.
        ctl.setCurrentStep(0);
        QVERIFY(ctl.setAnswer("announce_team_present", 3));
        ctl.setCurrentStep(5);
        QVERIFY(!ctl.canUndo());
        // Every change and every undo is an operation: 2 sets, 1 set back, 1 clear, 1 set.
        QCOMPARE(store->ops().count(ctl.assignment().id).value(), std::size_t(5));
    }

    void badValuesAreRefusedInWordsAndNotStored_data()
    {
        QTest::addColumn<QString>("item");
        QTest::addColumn<QVariant>("value");
        QTest::addColumn<QString>("says");
        QTest::newRow("score above max") << "sc_sys_framework" << QVariant(99) << "between 0 and";
        QTest::newRow("score typed above max") << "sc_sys_framework" << QVariant("12") << "between 0 and 8";
        QTest::newRow("score off step") << "sc_sys_framework" << QVariant(1.3) << "in steps of";
        QTest::newRow("number below min") << "announce_team_present" << QVariant(0) << "between 1 and 5";
        QTest::newRow("not a number") << "announce_team_present" << QVariant("three") << "not a number";
        QTest::newRow("bad date") << "announce_date" << QVariant("25/11/2026") << "not a date";
        QTest::newRow("na not allowed") << "announce_procedure" << QVariant("na") << "can never be marked not applicable";
        QTest::newRow("unknown item") << "no_such_item" << QVariant("x") << "no item";
    }
    void badValuesAreRefusedInWordsAndNotStored()
    {
        QFETCH(QString, item);
        QFETCH(QVariant, value);
        QFETCH(QString, says);
        QTemporaryDir dir;
        auto tpl = mobiletest::pilotTemplate();
        auto store = mobiletest::openStore(dir);
        InspectionController ctl;
        QVERIFY(ctl.open(store.get(), mobiletest::pilotAssignment(*tpl), tpl, "li.hua", "tab-1").ok());
        QSignalSpy info(&ctl, &InspectionController::infoMessage);
        QVERIFY(!ctl.setAnswer(item, value));
        QVERIFY2(ctl.errorString().contains(says), qPrintable(ctl.errorString()));
        QCOMPARE(info.count(), 1);
        QCOMPARE(store->ops().count(ctl.assignment().id).value(), std::size_t(0));
    }

    // Issue 13: a major-hazard item the template accepts as not applicable only with a reason is refused
    // without one, in words, and nothing is stored; with a reason it is recorded and shown with it. An
    // item that is never not applicable refuses it whatever the reason.
    void notApplicableNeedsWhatTheTemplateSays()
    {
        QTemporaryDir dir;
        auto t = careeval::loadTemplateFile(std::string(CAREEVAL_SOURCE_DIR) + "/assets/templates/nursing-home-quality-safety.json");
        QVERIFY(t.ok());
        auto tpl = std::make_shared<const careeval::Template>(std::move(t.value()));
        auto store = mobiletest::openStore(dir);
        InspectionController ctl;
        QVERIFY(ctl.open(store.get(), mobiletest::pilotAssignment(*tpl), tpl, "li.hua", "tab-1").ok());
        QVERIFY(!ctl.setAnswer("mh_sprinkler", QStringLiteral("na")));
        QVERIFY2(ctl.errorString().contains("only with a reason"), qPrintable(ctl.errorString()));
        QVERIFY(!ctl.setNotApplicable("mh_sprinkler", QStringLiteral("  ")));
        QCOMPARE(store->ops().count(ctl.assignment().id).value(), std::size_t(0));
        QVERIFY(ctl.setNotApplicable("mh_sprinkler", QStringLiteral("建筑面积未达到设置喷淋的要求")));
        ctl.setCurrentStep(3);
        bool seen = false;
        for (int row = 0; row < ctl.items()->rowCount(); ++row) {
            const QModelIndex i = ctl.items()->index(row);
            if (i.data(ItemListModel::ItemIdRole).toString() != QLatin1String("mh_sprinkler"))
                continue;
            seen = true;
            QCOMPARE(i.data(ItemListModel::ValueRole).toString(), QStringLiteral("na"));
            QVERIFY(i.data(ItemListModel::NaNeedsReasonRole).toBool());
            QVERIFY(i.data(ItemListModel::ValueTextRole).toString().contains(QStringLiteral("建筑面积未达到设置喷淋的要求")));
        }
        QVERIFY(seen);
        QVERIFY(!ctl.setNotApplicable("mh_escape", QStringLiteral("无")));
        QVERIFY2(ctl.errorString().contains("never"), qPrintable(ctl.errorString()));
        QCOMPARE(store->ops().count(ctl.assignment().id).value(), std::size_t(1));
    }

    // A survey respondent answered by a proxy keeps that status when the questionnaire is saved; the
    // lead can close a short sample with a reason and the conclusion no longer waits for it.
    void proxyAnswersAndAClosedSample()
    {
        QTemporaryDir dir;
        auto tpl = mobiletest::pilotTemplate();
        auto store = mobiletest::openStore(dir);
        InspectionController ctl;
        QVERIFY(ctl.open(store.get(), mobiletest::pilotAssignment(*tpl), tpl, "li.hua", "tab-1").ok());
        QVERIFY(!ctl.survey()->closeSample(QStringLiteral("不足")));
        QVERIFY(ctl.survey()->drawSample(40, QString()));
        const QString first = ctl.survey()->respondents().front().toMap().value("code").toString();
        QVERIFY(ctl.survey()->setRespondentStatus(first, QStringLiteral("proxy")));
        QVERIFY(ctl.survey()->saveResponse(first, {{QStringLiteral("q_overall"), QStringLiteral("satisfied")}}));
        QCOMPARE(ctl.survey()->respondents().front().toMap().value("status").toString(), QStringLiteral("proxy"));
        QCOMPARE(ctl.snapshot().report.survey.proxy, 1);
        QCOMPARE(ctl.snapshot().report.survey.valid, 0);
        auto waitsForSample = [&] {
            for (const auto &r : ctl.snapshot().report.incomplete)
                if (r.code == "sample_short")
                    return true;
            return false;
        };
        QVERIFY(waitsForSample());
        QVERIFY(!ctl.survey()->closeSample(QStringLiteral(" ")));
        QVERIFY(ctl.survey()->closeSample(QStringLiteral("多数老人无法作答，名册已用尽")));
        QVERIFY(!waitsForSample());
        QVERIFY(ctl.survey()->sample().value("closed").toBool());
        QCOMPARE(ctl.snapshot().report.remarks.size(), std::size_t(1));
    }

    // Rectification deadlines are dates (issue 14, point 9): "下月底" is refused with the reason,
    // by the tablet before storing and by the core for what another tablet sends.
    void deadlinesAreDates()
    {
        QTemporaryDir dir;
        auto tpl = mobiletest::pilotTemplate();
        auto store = mobiletest::openStore(dir);
        InspectionController ctl;
        QVERIFY(ctl.open(store.get(), mobiletest::pilotAssignment(*tpl), tpl, "li.hua", "tab-1").ok());
        QVERIFY(ctl.addFinding("消防通道堵塞", "清理", "院长", "下月底").isEmpty());
        QVERIFY(ctl.errorString().contains("2026-12-31"));
        QCOMPARE(store->ops().count(ctl.assignment().id).value(), std::size_t(0));
        const QString id = ctl.addFinding("消防通道堵塞", "清理", "院长", "2027-01-15");
        QVERIFY(!id.isEmpty());
        QVERIFY(!ctl.editFinding(id, "deadline", "2027-02-30"));
        QVERIFY(ctl.editFinding(id, "deadline", "2027-02-28"));
        QCOMPARE(ctl.snapshot().state.findings.at(id.toStdString()).text("deadline"), std::string("2027-02-28"));
    }

    // A non-compliance without a hazard level goes on the findings list in one tap (point 10), once.
    void nonComplianceIsListedInOneTap()
    {
        QTemporaryDir dir;
        auto tpl = mobiletest::pilotTemplate();
        auto store = mobiletest::openStore(dir);
        InspectionController ctl;
        QVERIFY(ctl.open(store.get(), mobiletest::pilotAssignment(*tpl), tpl, "li.hua", "tab-1").ok());
        const Item *plain = nullptr;
        for (const Item *item : tpl->items())
            if (!plain && item->type == ItemType::Check && item->hazard == Hazard::None && item->stepIndex == 3)
                plain = item;
        QVERIFY(plain);
        const QString id = QString::fromStdString(plain->id);
        QVERIFY(ctl.setAnswer(id, QStringLiteral("noncompliant")));
        QVERIFY(ctl.addNote(id, QStringLiteral("记录缺三天")));
        const QString fid = ctl.listAsFinding(id);
        QVERIFY(!fid.isEmpty());
        const Finding &f = ctl.snapshot().state.findings.at(fid.toStdString());
        QCOMPARE(f.item, plain->id);
        QCOMPARE(f.text("title"), plain->label.zh);
        QCOMPARE(f.text("description"), std::string("记录缺三天"));
        QVERIFY(ctl.listAsFinding(id).isEmpty()); // once
        ctl.setCurrentStep(3);
        QVERIFY(ctl.items()->data(ctl.items()->index(ctl.items()->rowOf(id)), ItemListModel::ListedRole).toBool());
    }

    // The jump box finds an item anywhere in the inspection, this page first (point 7); the reason
    // for an open point leads to its item (point 8).
    void locateFindsAnyStepAndReasonsNameTheirItem()
    {
        QTemporaryDir dir;
        auto tpl = mobiletest::pilotTemplate();
        auto store = mobiletest::openStore(dir);
        InspectionController ctl;
        QVERIFY(ctl.open(store.get(), mobiletest::pilotAssignment(*tpl), tpl, "li.hua", "tab-1").ok());
        ctl.setCurrentStep(0);
        const Item *target = tpl->item("system_start_date");
        QVERIFY(target);
        const QVariantMap found = ctl.locate(QString::fromStdString(target->label.zh));
        QCOMPARE(found.value("step").toInt(), target->stepIndex);
        QCOMPARE(found.value("item").toString(), QStringLiteral("system_start_date"));
        QVERIFY(ctl.locate(QStringLiteral("没有这样的项目xyz")).isEmpty());
        bool named = false;
        for (int r = 0; r < ctl.missing()->rowCount(); ++r) {
            const QModelIndex i = ctl.missing()->index(r);
            if (ctl.missing()->data(i, ReasonListModel::ItemRole).toString() == QStringLiteral("system_start_date"))
                named = ctl.missing()->data(i, ReasonListModel::StepRole).toInt() == target->stepIndex;
        }
        QVERIFY(named);
    }

    // Only a pass has a grade band, and only a band at or above the pass mark is drawn as passing
    // (point 13: a green 不合格 badge).
    void aFailingTotalHasNoPassingGrade()
    {
        QTemporaryDir dir;
        auto tpl = mobiletest::pilotTemplate();
        auto store = mobiletest::openStore(dir);
        InspectionController ctl;
        QVERIFY(ctl.open(store.get(), mobiletest::pilotAssignment(*tpl), tpl, "li.hua", "tab-1").ok());
        for (const Item *item : tpl->items())
            if (item->type == ItemType::Score)
                QVERIFY(ctl.setAnswer(QString::fromStdString(item->id), 0));
        QVERIFY(ctl.conclusion() != InspectionController::Conclusion::Pass);
        QVERIFY(!ctl.snapshot().report.grade.has_value());
        QCOMPARE(ctl.gradeText(), QStringLiteral("—"));
        QVERIFY(!ctl.gradePasses());
    }

    void unchangedAnswerStoresNothing()
    {
        QTemporaryDir dir;
        auto tpl = mobiletest::pilotTemplate();
        auto store = mobiletest::openStore(dir);
        InspectionController ctl;
        QVERIFY(ctl.open(store.get(), mobiletest::pilotAssignment(*tpl), tpl, "li.hua", "tab-1").ok());
        QVERIFY(ctl.setAnswer("announce_team_present", 3));
        QVERIFY(ctl.setAnswer("announce_team_present", QStringLiteral("3")));
        QVERIFY(ctl.addNote("announce_team_present", "迟到一人"));
        QVERIFY(ctl.addNote("announce_team_present", "迟到一人 "));
        QCOMPARE(store->ops().count(ctl.assignment().id).value(), std::size_t(2));
    }

    // Once a teammate holds a step, only they or the lead change its status (issue 14, point 11).
    void onlyTheHolderOrTheLeadChangesAStep()
    {
        QTemporaryDir dir;
        auto tpl = mobiletest::pilotTemplate();
        auto store = mobiletest::openStore(dir);
        Assignment a = mobiletest::pilotAssignment(*tpl);
        a.team = {{"li.hua", "lead"}, {"wang.fang", "evaluator"}, {"zhang.wei", "evaluator"}};
        QVERIFY(mobiletest::storeRemote(
            *store, a.id, "zhang.wei", OpKind::StepStatus, "site", R"({"owner":"zhang.wei","status":"in_progress"})", 1));
        const int site = static_cast<int>(StepKey::Site);

        a.myRole = "evaluator";
        InspectionController wang;
        QVERIFY(wang.open(store.get(), a, tpl, "wang.fang", "tab-2").ok());
        QVERIFY(!wang.stepStatusChangeable().at(site).toBool());
        QVERIFY(wang.stepStatusChangeable().at(site + 1).toBool());
        QVERIFY(!wang.setStepStatus(site, "done"));
        QVERIFY2(wang.errorString().contains("only they or the team lead"), qPrintable(wang.errorString()));
        QCOMPARE(store->ops().count(a.id).value(), std::size_t(1)); // nothing stored
        wang.close();

        a.myRole = "lead";
        InspectionController lead;
        QVERIFY(lead.open(store.get(), a, tpl, "li.hua", "tab-1").ok());
        QVERIFY(lead.stepStatusChangeable().at(site).toBool());
        QVERIFY(lead.setStepStatus(site, "done"));
        const StepState &st = lead.snapshot().state.steps[static_cast<std::size_t>(site)];
        QCOMPARE(st.status, std::string("done"));
        QCOMPARE(st.owner, std::string("zhang.wei")); // completed by the lead, still held by zhang.wei
    }

    void lockedInspectionRefusesChanges()
    {
        QTemporaryDir dir;
        auto tpl = mobiletest::pilotTemplate();
        auto store = mobiletest::openStore(dir);
        const Assignment a = mobiletest::pilotAssignment(*tpl);
        // The lead's submission and a supervisor's approval arrived from the server.
        Operation submit;
        submit.id = Uuid::generate();
        submit.inspection = a.id;
        submit.author = "li.hua";
        submit.device = "tab-2";
        submit.clock = 1;
        submit.time = nowMillis();
        submit.kind = OpKind::Submit;
        submit.target = a.id;
        submit.value = "{}";
        QVERIFY(store->ops().append(std::span<const Operation>(&submit, 1), SyncState::Remote).ok());
        Operation approve;
        approve.id = Uuid::generate();
        approve.inspection = a.id;
        approve.author = "chen.jing";
        approve.device = "server";
        approve.clock = 2;
        approve.time = nowMillis();
        approve.kind = OpKind::Approve;
        approve.target = a.id;
        approve.value = "{}";
        QVERIFY(store->ops().append(std::span<const Operation>(&approve, 1), SyncState::Remote).ok());
        InspectionController ctl;
        QVERIFY(ctl.open(store.get(), a, tpl, "li.hua", "tab-1").ok());
        QVERIFY(ctl.locked());
        QVERIFY(!ctl.setAnswer("announce_team_present", 3));
        QVERIFY(ctl.errorString().contains("locked"));
        QCOMPARE(store->ops().count(a.id).value(), std::size_t(2));
    }

    // People appear by the names the server gave them (step owners, the team panel, the review
    // note); someone the assignment does not name still appears, by login.
    void teamMembersAreShownByName()
    {
        QTemporaryDir dir;
        auto tpl = mobiletest::pilotTemplate();
        auto store = mobiletest::openStore(dir);
        Assignment a = mobiletest::pilotAssignment(*tpl);
        a.team = {{"li.hua", "lead"}, {"wang.fang", "evaluator"}};
        a.names = {{"li.hua", "李华"}, {"wang.fang", "王芳"}};
        // The assignment as stored on the tablet keeps the names.
        auto again = assignmentFromJson(assignmentToJson(a));
        QVERIFY(again.ok());
        QCOMPARE(again->names, a.names);

        InspectionController theirs;
        QVERIFY(theirs.open(store.get(), a, tpl, "wang.fang", "tab-2").ok());
        QVERIFY(theirs.setStepStatus(1, QStringLiteral("in_progress")));
        theirs.close();
        InspectionController outsider;
        QVERIFY(outsider.open(store.get(), a, tpl, "zhao.lei", "tab-3").ok());
        QVERIFY(outsider.setAnswer("announce_team_present", 3));
        outsider.close();

        InspectionController ctl;
        QVERIFY(ctl.open(store.get(), a, tpl, "li.hua", "tab-1").ok());
        QVERIFY(ctl.review()->submit(QString()));
        QCOMPARE(ctl.steps()->data(ctl.steps()->index(1), StepListModel::OwnerRole).toString(), QStringLiteral("王芳"));
        QCOMPARE(ctl.review()->reviewNote(), QStringLiteral("Submitted by 李华."));
        QMap<QString, QString> names;
        for (const QVariant &m : ctl.team())
            names.insert(m.toMap().value("user").toString(), m.toMap().value("name").toString());
        QCOMPARE(names.value("li.hua"), QStringLiteral("李华"));
        QCOMPARE(names.value("wang.fang"), QStringLiteral("王芳"));
        QCOMPARE(names.value("zhao.lei"), QStringLiteral("zhao.lei"));
    }
};

QTEST_GUILESS_MAIN(TestInspection)
#include "tst_inspection.moc"
