// End to end: real server process, real sync clients, real tablet stores. A team of three works
// offline on one inspection of the pilot template, overlapping on some items, syncs in different
// orders; every replica and the server end with the same merged state; the conflicts are exactly the
// overlapping items with different values; the lead settles them; submit; approve; a later edit made
// offline is refused by the server and stays visible. Faults: the server killed (kill -9) in the
// middle of a push and restarted; an acknowledgement lost so a batch is pushed twice; a tablet
// process killed (SIGKILL) mid-sync and restarted — nothing acknowledged lost, nothing duplicated,
// states converge, bytes re-sent bounded.

#include "../syncserver/serverfixture.h"

#include "cuttingproxy.h"
#include "e2etablet.h"

#include <careeval/jsonutil.h>
#include <careeval/report_json.h>

#include <QSignalSpy>

#include <set>

using namespace careeval;

namespace {

using e2e::kInspection;
using e2e::noisePhoto;

// A tablet of the e2e helpers, signed in to a test server.
struct Tablet : e2e::Tablet {
    Tablet(ServerFixture &server, const std::string &username, std::shared_ptr<const Template> tpl, const std::string &role)
        : e2e::Tablet(server.port, server.login(QString::fromStdString(username)), std::move(tpl), username, role)
    {
    }
    void connect(ServerFixture &server) { setServer(server.port, server.login(QString::fromStdString(user))); }
};

void answer(Tablet &t, const char *item, const QVariant &v)
{
    QVERIFY2(t.ctl.setAnswer(item, v), qPrintable(t.ctl.errorString()));
}

// How every scenario ends: the server's /state equals `careeval score` on its operation log, and every
// tablet — the one holding refused changes included — shows exactly that state, byte for byte.
void expectOneResult(ServerFixture &server, std::initializer_list<Tablet *> tablets)
{
    QString why;
    const nlohmann::json state = server.checkedState(kInspection, server.login("li.hua"), why);
    QVERIFY2(why.isEmpty(), qPrintable(why));
    for (Tablet *t : tablets)
        QVERIFY2(t->stateJson() == state.dump(), qPrintable(QString::fromStdString(t->user) + " differs from the server"));
}

} // namespace

class TestSync : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { m_tpl = mobiletest::pilotTemplate(); }

    void teamConvergesSettlesSubmitsAndIsLocked()
    {
        ServerFixture server;
        QVERIFY2(server.start(), server.log.constData());
        Tablet lead(server, "li.hua", m_tpl, "lead"), wang(server, "wang.fang", m_tpl, "evaluator"),
            zhang(server, "zhang.wei", m_tpl, "evaluator");

        // A morning offline. Overlaps: staff_total (same value), staff_trained (different),
        // doc_system_manual (different), site_sup_food (different, wang vs zhang).
        answer(lead, "announce_team_present", 3);
        answer(lead, "announce_members", "李华 09:02；王芳 09:05；张伟 09:06");
        answer(lead, "staff_total", 40);
        answer(lead, "staff_trained", 38);
        answer(lead, "doc_system_manual", "compliant");
        answer(wang, "staff_total", 40);
        answer(wang, "staff_trained", 36);
        answer(wang, "doc_system_manual", "noncompliant");
        answer(wang, "doc_system_basic", "compliant");
        answer(wang, "site_sup_food", "compliant");
        answer(zhang, "site_sup_food", "noncompliant");
        answer(zhang, "site_sup_fire", "compliant");
        answer(zhang, "site_srv_manual", "compliant");
        QVERIFY(zhang.ctl.addNote("site_sup_food", "留样记录缺两天"));

        // Different orders: wang first, then zhang, then the lead; then everyone once more.
        for (Tablet *t : {&wang, &zhang, &lead, &wang, &zhang})
            QVERIFY2(t->syncOnce(), qPrintable(t->sync->errorString()));
        for (Tablet *t : {&lead, &wang, &zhang})
            QCOMPARE(t->sync->pending(), 0);

        auto serverState = server.call("GET", QString("/api/v1/inspections/%1/state").arg(kInspection), nullptr, server.login("li.hua"));
        QCOMPARE(serverState.status, 200);
        const std::string expected = serverState.body["state"].dump();
        for (Tablet *t : {&lead, &wang, &zhang})
            QCOMPARE(QString::fromStdString(t->stateJson()), QString::fromStdString(expected));

        std::set<std::string> conflicts;
        for (const auto &c : lead.ctl.snapshot().state.conflicts())
            conflicts.insert(c);
        QCOMPARE(conflicts, (std::set<std::string> {"doc_system_manual", "site_sup_food", "staff_trained"}));
        QCOMPARE(lead.ctl.conflicts()->rowCount(), 3);

        // The lead settles each conflict; the decisions travel like any change.
        lead.ctl.setCurrentStep(1);
        QVERIFY(lead.ctl.review()->resolve("staff_trained", 36, "培训记录核对为36人"));
        QVERIFY(lead.ctl.review()->resolve("doc_system_manual", "noncompliant", "手册缺护理岗位"));
        QVERIFY(lead.ctl.review()->resolve("site_sup_food", "noncompliant", "现场核实留样不全"));
        QVERIFY(!lead.ctl.review()->resolve("staff_trained", 36, "")); // a reason is required
        for (Tablet *t : {&lead, &wang, &zhang})
            QVERIFY(t->syncOnce());
        for (Tablet *t : {&lead, &wang, &zhang}) {
            QVERIFY(t->ctl.snapshot().state.conflicts().empty());
            QCOMPARE(t->ctl.snapshot().state.item("staff_trained")->value, std::string("36"));
        }

        // Submit; a supervisor approves on the server.
        QVERIFY(lead.ctl.review()->submit("请审核"));
        QVERIFY(lead.syncOnce());
        // wang edits offline, not yet knowing of the approval to come.
        answer(wang, "doc_system_basic", "noncompliant");
        const auto approve = server.call("POST", QString("/api/v1/inspections/%1/review").arg(kInspection),
            {{"action", "approve"}, {"comment", "同意"}}, server.login("chen.jing"));
        QCOMPARE(approve.status, 200);
        for (Tablet *t : {&lead, &zhang})
            QVERIFY(t->syncOnce());
        QVERIFY(wang.syncOnce());
        // The late edit was refused by the server, with its reason, and is still on wang's tablet.
        QCOMPARE(wang.sync->refused(), 1);
        QCOMPARE(wang.ctl.review()->refusedCount(), 1);
        QVERIFY(wang.ctl.review()->refusedChanges()->index(0).data(ReasonListModel::TextRole).toString().contains("locked"));
        auto refused = wang.store->ops().refused(kInspection);
        QVERIFY(refused.ok() && refused->size() == 1 && refused->front().op.target == "doc_system_basic");
        for (Tablet *t : {&lead, &wang, &zhang})
            QVERIFY(t->ctl.locked());
        // Every tablet's merged state is still the server's, wang's (which holds the refused edit) too.
        expectOneResult(server, {&lead, &wang, &zhang});
        QVERIFY(wang.ctl.snapshot().state.item("doc_system_basic")->value == "\"compliant\"");
        // And no more changes are made here.
        QVERIFY(!lead.ctl.setAnswer("announce_team_present", 4));
    }

    void supervisorReturnsWithCommentsTheTeamSees()
    {
        ServerFixture server;
        QVERIFY2(server.start(), server.log.constData());
        Tablet lead(server, "li.hua", m_tpl, "lead"), supervisor(server, "chen.jing", m_tpl, "supervisor");
        answer(lead, "announce_team_present", 3);
        QVERIFY(lead.ctl.review()->submit(""));
        QVERIFY(lead.syncOnce());
        QVERIFY(supervisor.syncOnce());
        QCOMPARE(supervisor.ctl.review()->workflow(), ReviewController::Workflow::Submitted);
        // A supervisor reads and reviews; answers are the team's.
        QVERIFY(supervisor.ctl.readOnly());
        QVERIFY(!supervisor.ctl.setAnswer("announce_team_present", 4));
        QVERIFY2(
            supervisor.ctl.errorString().contains("supervisors review", Qt::CaseInsensitive), qPrintable(supervisor.ctl.errorString()));
        const auto back = server.call("POST", QString("/api/v1/inspections/%1/review").arg(kInspection),
            {{"action", "return"}, {"comment", "补充培训记录"}}, server.login("chen.jing"));
        QCOMPARE(back.status, 200);
        QVERIFY(lead.syncOnce());
        QCOMPARE(lead.ctl.review()->workflow(), ReviewController::Workflow::Returned);
        QVERIFY2(lead.ctl.review()->reviewNote().contains("补充培训记录"), qPrintable(lead.ctl.review()->reviewNote()));
        // Returned: the team works on.
        answer(lead, "announce_team_present", 4);
        QVERIFY(lead.syncOnce());
        QCOMPARE(lead.sync->refused(), 0);
        QVERIFY(supervisor.syncOnce());
        expectOneResult(server, {&lead, &supervisor});
    }

    // No single operation stalls a team (issue 12): a pasted 100,000-character note is refused on the
    // tablet before it is stored, with a readable reason; a change with a clock of 2^53 (stored by an
    // older version, or forged) is refused by the gate wherever it goes, alone, and the clock of what
    // follows stays sane. The team still syncs, submits and is approved.
    void oneOperationCannotStallTheTeam()
    {
        ServerFixture server;
        QVERIFY2(server.start(), server.log.constData());
        Tablet lead(server, "li.hua", m_tpl, "lead"), wang(server, "wang.fang", m_tpl, "evaluator"),
            zhang(server, "zhang.wei", m_tpl, "evaluator");
        answer(wang, "staff_total", 40);
        const QString pasted = QString(100000, QChar(0x8BB0)); // 记 × 100,000
        QVERIFY(!wang.ctl.addNote("staff_total", pasted));
        QVERIFY2(wang.ctl.errorString().contains("100000") && wang.ctl.errorString().contains("10000"), qPrintable(wang.ctl.errorString()));
        QCOMPARE(wang.store->ops().count(kInspection).value(), std::size_t(1)); // nothing stored
        QVERIFY(wang.ctl.addNote("staff_total", pasted.left(200)));

        // zhang's store holds a change with a clock of 2^53 (as an older version could have stored it).
        Operation forged;
        forged.id = Uuid::generate();
        forged.inspection = kInspection;
        forged.author = "zhang.wei";
        forged.device = "tab-zhang.wei";
        forged.clock = 1ull << 53;
        forged.time = nowMillis();
        forged.kind = OpKind::Set;
        forged.target = "staff_trained";
        forged.value = "38";
        QVERIFY(zhang.store->ops().append(std::span<const Operation>(&forged, 1), SyncState::Pending).ok());
        QVERIFY(zhang.ctl.reload().ok());
        QVERIFY(!zhang.ctl.snapshot().state.item("staff_trained")); // the gate refuses it in merge too
        answer(zhang, "site_sup_fire", "compliant");
        QVERIFY(zhang.ctl.snapshot().state.maxClock < 1000);

        for (Tablet *t : {&wang, &zhang, &lead, &wang, &zhang})
            QVERIFY2(t->syncOnce(), qPrintable(t->sync->errorString()));
        QCOMPARE(zhang.sync->refused(), 1);
        QCOMPARE(zhang.sync->pending(), 0);
        QVERIFY(zhang.ctl.review()->refusedChanges()->index(0).data(ReasonListModel::TextRole).toString().contains("clock"));
        answer(lead, "announce_team_present", 3);
        QVERIFY(lead.ctl.review()->submit("请审核"));
        QVERIFY(lead.syncOnce());
        const auto approve = server.call("POST", QString("/api/v1/inspections/%1/review").arg(kInspection),
            {{"action", "approve"}, {"comment", "同意"}}, server.login("chen.jing"));
        QCOMPARE(approve.status, 200);
        for (Tablet *t : {&lead, &wang, &zhang})
            QVERIFY(t->syncOnce());
        for (Tablet *t : {&lead, &wang, &zhang})
            QVERIFY(t->ctl.locked());
        expectOneResult(server, {&lead, &wang, &zhang});
    }

    void serverKilledMidPushLosesAndDuplicatesNothing()
    {
        ServerFixture server;
        QVERIFY2(server.start(), server.log.constData());
        Tablet t(server, "wang.fang", m_tpl, "evaluator");
        t.sync->setBatchSize(200);
        // 1,200 changes waiting (numbers typed and corrected through a long morning).
        const int total = 1200;
        for (int i = 0; i < total; ++i)
            QVERIFY(t.ctl.setAnswer("residents_total", 100 + i));
        QCOMPARE(t.sync->pending(), 0); // counts refresh when a round runs
        // Kill the server once the second batch has been acknowledged.
        int acked = 0;
        auto c = QObject::connect(t.sync.get(), &SyncClient::inspectionUpdated, [&] {
            if (++acked == 2)
                server.kill9();
        });
        QVERIFY(!t.syncOnce());
        QObject::disconnect(c);
        QCOMPARE(t.sync->state(), QStringLiteral("offline"));
        const int sentBefore = t.sync->total().pushed;
        QVERIFY(t.sync->pending() > 0 && t.sync->pending() < total);

        QVERIFY2(server.start({}), server.log.constData()); // same data directory, new port
        t.connect(server);
        QVERIFY(t.syncOnce());
        QCOMPARE(t.sync->pending(), 0);
        bool ok = false;
        const auto ids = server.pullIds(kInspection, server.login("wang.fang"), 500, ok);
        QVERIFY(ok);
        QCOMPARE(static_cast<int>(ids.size()), total);
        QCOMPARE(static_cast<int>(std::set<std::string>(ids.begin(), ids.end()).size()), total);
        // Re-sent: at most the batch that was in flight when the server died.
        const int resent = t.sync->total().pushed - total;
        QVERIFY2(resent >= 0 && resent <= 200, qPrintable(QString("re-sent %1 (sent %2 before the kill)").arg(resent).arg(sentBefore)));
        // Every change acknowledged exactly once, whether accepted or already there.
        QCOMPARE(t.sync->total().accepted + t.sync->total().alreadyHad, total);
        expectOneResult(server, {&t});
    }

    // Photos: uploaded in chunks after the operations; the server killed mid-upload and restarted, then
    // a network that cuts connections mid-chunk: uploads resume from the server's last byte (re-sent
    // bytes counted and bounded), the server verifies every hash, and a teammate fetches them.
    void photosResumeAfterKillAndCutsAndReachTeammates()
    {
        ServerFixture server;
        QVERIFY2(server.start(), server.log.constData());
        Tablet wang(server, "wang.fang", m_tpl, "evaluator");
        const qint64 chunk = 256 * 1024;
        wang.sync->setChunkSize(chunk);
        QTemporaryDir files;
        for (int i = 0; i < 4; ++i)
            QVERIFY2(wang.ctl.evidence()->attachPhoto("site_photos", noisePhoto(files.path(), i), QStringLiteral("走廊 %1").arg(i)),
                qPrintable(wang.ctl.errorString()));
        qint64 photoBytes = 0;
        for (const auto &b : wang.store->blobsToUpload().value())
            photoBytes += b.bytes;
        QVERIFY(photoBytes > 4 * 600 * 1024);

        // kill -9 while the second photo is on its way.
        bool killed = false;
        auto c = QObject::connect(wang.sync.get(), &SyncClient::stateChanged, [&] {
            if (!killed && wang.sync->statusText().contains(QStringLiteral("Sending photos: 2 of"))
                && !wang.sync->statusText().contains(QStringLiteral("(256 kB"))) {
                killed = true;
                server.kill9();
            }
        });
        QVERIFY(!wang.syncOnce());
        QObject::disconnect(c);
        QVERIFY(killed);
        QVERIFY(wang.sync->photosWaiting() > 0);
        QVERIFY2(server.start({}), server.log.constData());
        wang.connect(server);
        QVERIFY2(wang.syncOnce(), qPrintable(wang.sync->errorString()));
        QCOMPARE(wang.sync->photosWaiting(), 0);
        // Only what the server had not stored when it died is sent again: at most one chunk.
        QVERIFY2(wang.sync->total().blobBytesResent <= chunk, qPrintable(QString::number(wang.sync->total().blobBytesResent)));
        QVERIFY(wang.sync->total().blobBytesSent <= photoBytes + chunk);

        // Through a network that cuts every ~300 kB: rounds fail and resume until everything is there.
        Tablet zhang(server, "zhang.wei", m_tpl, "evaluator");
        zhang.sync->setChunkSize(chunk);
        for (int i = 10; i < 14; ++i)
            QVERIFY(zhang.ctl.evidence()->attachPhoto("site_photos", noisePhoto(files.path(), i), QStringLiteral("现场 %1").arg(i)));
        CuttingProxy proxy(server.port, 300 * 1024, 42);
        zhang.api.setBaseUrl(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(proxy.port())));
        zhang.api.setTimeout(5000);
        bool done = false;
        for (int attempt = 0; attempt < 60 && !done; ++attempt)
            done = zhang.syncOnce();
        QVERIFY2(done, qPrintable(zhang.sync->errorString()));
        QVERIFY(proxy.cuts() > 0);
        const auto z = zhang.sync->total();
        QVERIFY2(z.blobBytesResent <= static_cast<qint64>(proxy.cuts()) * chunk,
            qPrintable(QString("re-sent %1 bytes over %2 cuts").arg(z.blobBytesResent).arg(proxy.cuts())));
        std::printf("photos: server killed mid-upload: %lld bytes re-sent of %lld; network cut %d times: %lld bytes re-sent of %lld sent\n",
            static_cast<long long>(wang.sync->total().blobBytesResent), static_cast<long long>(photoBytes), proxy.cuts(),
            static_cast<long long>(z.blobBytesResent), static_cast<long long>(z.blobBytesSent));

        // The server has every photo the merged state names, each verified.
        const auto view = server.call("GET", QString("/api/v1/inspections/%1/state").arg(kInspection), nullptr, server.login("li.hua"));
        QCOMPARE(view.status, 200);
        QCOMPARE(view.body["photos"]["expected"].get<int>(), 8);
        QCOMPARE(view.body["photos"]["received"].get<int>(), 8);

        // A teammate receives the operations, then the photos when they are viewed: thumbnail first.
        Tablet lead(server, "li.hua", m_tpl, "lead");
        QVERIFY(lead.syncOnce());
        const QVariantList shown = lead.ctl.evidence()->photos("site_photos");
        QCOMPARE(shown.size(), 8);
        QSignalSpy arrived(lead.photos.get(), &PhotoStore::revisionChanged);
        lead.photos->setFetcher([&](const QString &sha) { lead.sync->fetch(sha); });
        for (const QVariant &p : shown)
            QVERIFY(lead.photos->url(p.toMap().value("thumb").toString()).isEmpty()); // not here yet: asked for
        while (arrived.size() < 8)
            QVERIFY(arrived.wait(10000));
        for (const QVariant &p : shown) {
            const QString thumb = p.toMap().value("thumb").toString();
            QVERIFY(lead.photos->has(thumb));
            QVERIFY(!lead.photos->has(p.toMap().value("sha256").toString())); // full size only when opened
        }
        const QString full = shown.front().toMap().value("sha256").toString();
        QVERIFY(lead.photos->url(full).isEmpty());
        QVERIFY(arrived.wait(10000));
        QFile a(lead.photos->path(full)), b(wang.photos->path(full));
        QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
        QCOMPARE(a.readAll(), b.readAll());
        QVERIFY(wang.syncOnce());
        QVERIFY(zhang.syncOnce());
        expectOneResult(server, {&wang, &zhang, &lead});
    }

    void lostAcknowledgementMeansPushedTwiceStoredOnce()
    {
        ServerFixture server;
        QVERIFY2(server.start(), server.log.constData());
        Tablet t(server, "zhang.wei", m_tpl, "evaluator");
        answer(t, "site_srv_manual", "compliant");
        answer(t, "site_srv_flow", "noncompliant");
        QVERIFY(t.syncOnce());
        // The answer to the push never arrived: the tablet still thinks both are waiting.
        QVERIFY(execSql(t.store->ops().handle(), "UPDATE ops SET state = 0 WHERE author = 'zhang.wei'").ok());
        QVERIFY(t.syncOnce());
        QCOMPARE(t.sync->lastRound().alreadyHad, 2);
        QCOMPARE(t.sync->lastRound().accepted, 0);
        bool ok = false;
        QCOMPARE(server.pullIds(kInspection, server.login("zhang.wei"), 100, ok).size(), std::size_t(2));
        expectOneResult(server, {&t});
    }

    void tabletKilledMidSyncResumes()
    {
        ServerFixture server;
        QVERIFY2(server.start(), server.log.constData());
        QTemporaryDir dir;
        const int total = 900;
        {
            auto store = mobiletest::openStore(dir);
            InspectionController ctl;
            QVERIFY(ctl.open(store.get(), mobiletest::pilotAssignment(*m_tpl, kInspection), m_tpl, "li.hua", "tab-li").ok());
            for (int i = 0; i < total; ++i)
                QVERIFY(ctl.setAnswer("beds_total", 50 + i));
        }
        // The tablet process syncs in batches of 100 and is killed after the third acknowledgement.
        QProcess child;
        child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        child.start(
            QCoreApplication::applicationFilePath(), {"--child-sync", dir.path(), QString::number(server.port), server.login("li.hua")});
        QVERIFY(child.waitForStarted());
        QByteArray out;
        QElapsedTimer timer;
        timer.start();
        while (!out.contains("acked 3") && timer.elapsed() < 30000 && child.state() == QProcess::Running) {
            child.waitForReadyRead(100);
            out += child.readAllStandardOutput();
        }
        QVERIFY2(out.contains("acked 3"), out.constData());
        ::kill(static_cast<pid_t>(child.processId()), SIGKILL);
        child.waitForFinished();

        // Restarted: it goes on from its stored queue; nothing acknowledged is sent again.
        auto store = mobiletest::openStore(dir);
        const auto waiting = store->ops().pendingCount(kInspection).value();
        QVERIFY2(waiting <= std::size_t(total - 300), qPrintable(QString::number(waiting)));
        ServerApi api;
        api.setBaseUrl(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(server.port)));
        api.setToken(server.login("li.hua").toUtf8());
        SyncClient sync(store.get(), &api);
        sync.setBatchSize(100);
        sync.setInspections({kInspection});
        sync.setEnabled(true);
        QSignalSpy done(&sync, &SyncClient::roundFinished);
        sync.syncNow();
        QVERIFY(done.wait(60000));
        QVERIFY(done.first().at(0).toBool());
        QCOMPARE(static_cast<std::size_t>(sync.total().pushed), waiting);
        QCOMPARE(sync.pending(), 0);
        bool ok = false;
        const auto ids = server.pullIds(kInspection, server.login("li.hua"), 500, ok);
        QCOMPARE(static_cast<int>(ids.size()), total);
        QCOMPARE(static_cast<int>(std::set<std::string>(ids.begin(), ids.end()).size()), total);
        QString why;
        server.checkedState(kInspection, server.login("li.hua"), why);
        QVERIFY2(why.isEmpty(), qPrintable(why));
    }

private:
    std::shared_ptr<const Template> m_tpl;
};

// The child mode of tabletKilledMidSyncResumes: a tablet process that syncs and reports each
// acknowledged batch on stdout until it is killed.
static int childSync(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    auto store = LocalStore::open(QDir(argv[2]).filePath("tablet.db").toStdString());
    if (!store)
        return 2;
    ServerApi api;
    api.setBaseUrl(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(argv[3])));
    api.setToken(argv[4]);
    SyncClient sync(store->get(), &api);
    sync.setBatchSize(100);
    sync.setInspections({kInspection});
    sync.setEnabled(true);
    int acked = 0;
    QObject::connect(&sync, &SyncClient::inspectionUpdated, [&] {
        std::printf("acked %d\n", ++acked);
        std::fflush(stdout);
        // Slow down after each acknowledgement so the parent's kill lands mid-sync.
        QThread::msleep(200);
    });
    QObject::connect(&sync, &SyncClient::roundFinished, &app, [] { QCoreApplication::exit(0); });
    sync.syncNow();
    return app.exec();
}

int main(int argc, char **argv)
{
    if (argc >= 5 && QByteArray(argv[1]) == "--child-sync")
        return childSync(argc, argv);
    QCoreApplication app(argc, argv);
    TestSync test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_sync.moc"
