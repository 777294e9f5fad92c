// Soak (bounded, loopback only): 20 simulated tablets of a three-person team work on one inspection
// for CAREEVAL_SOAK_SECONDS (default 300) — answers every second or so, notes, syncs on their own
// timers — through a proxy that cuts a connection every 60 kB on average mid-request or mid-response. Then the cuts
// stop, everyone syncs, and: nothing pending, every operation made is on the server exactly once,
// and every tablet's merged state equals the server's. Prints the counts.

#include "../syncserver/serverfixture.h"
#include "cuttingproxy.h"
#include "e2etablet.h"

#include <careeval/jsonutil.h>
#include <careeval/report_json.h>

#include <QGuiApplication>
#include <QSignalSpy>

#include <set>

using namespace careeval;

namespace {

using e2e::kInspection;

struct Device : e2e::Tablet {
    using e2e::Tablet::Tablet;
    QTimer work;
    int made = 0;
    int photosMade = 0;
};

} // namespace

class TestSoak : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void twentyTabletsWithCutsConverge()
    {
        const int seconds
            = qEnvironmentVariableIsSet("CAREEVAL_SOAK_SECONDS") ? qEnvironmentVariableIntValue("CAREEVAL_SOAK_SECONDS") : 300;
        auto tpl = mobiletest::pilotTemplate();
        ServerFixture server;
        QVERIFY2(server.start(), server.log.constData());
        CuttingProxy proxy(server.port, 60000, 20251125);
        const char *users[] = {"li.hua", "wang.fang", "zhang.wei"};
        QMap<QString, QString> tokens;
        for (const char *u : users)
            tokens[u] = server.login(u);

        // Items the team answers: checks, numbers and scores of every step but the survey.
        std::vector<const Item *> items;
        for (const Item *item : tpl->items())
            if (item->type == ItemType::Check || item->type == ItemType::Score || item->type == ItemType::Number)
                items.push_back(item);
        QRandomGenerator rng(7);

        std::vector<std::unique_ptr<Device>> devices;
        for (int i = 0; i < 20; ++i) {
            const std::string user = users[i % 3];
            auto d = std::make_unique<Device>(proxy.port(), tokens[QString::fromStdString(user)], tpl, user,
                user == "li.hua" ? "lead" : "evaluator", "soak-" + std::to_string(i));
            d->api.setTimeout(5000);
            d->sync->setBatchSize(100);
            d->sync->setChunkSize(64 * 1024);
            Device *raw = d.get();
            QObject::connect(&raw->ctl, &InspectionController::operationsRecorded, raw->sync.get(), &SyncClient::changesMade);
            // Counted from what was stored (an unchanged value makes no operation).
            QObject::connect(&raw->ctl, &InspectionController::operationsRecorded, &raw->ctl, [raw] { ++raw->made; });
            raw->work.setInterval(700 + static_cast<int>(rng.bounded(600u)));
            QObject::connect(&raw->work, &QTimer::timeout, &raw->ctl, [raw, &items, &rng] {
                const Item *item = items[rng.bounded(static_cast<quint32>(items.size()))];
                QVariant v;
                if (item->type == ItemType::Check)
                    v = rng.bounded(2u) ? QStringLiteral("compliant") : QStringLiteral("noncompliant");
                else if (item->type == ItemType::Score)
                    v = std::floor(rng.bounded(item->max.value_or(1) + 1e-9) / item->step) * item->step;
                else
                    v = static_cast<double>(item->min.value_or(0) + rng.bounded(5u));
                QVERIFY(raw->ctl.setAnswer(QString::fromStdString(item->id), v));
                if (rng.bounded(25u) == 0) {
                    // Now and then a photo (random pixels, ~100 kB, never the same twice).
                    const QString file = e2e::noisePhoto(raw->dir.path(), static_cast<int>(rng.generate() & 0x7fffffff), 400, 300, 90);
                    QVERIFY(raw->ctl.evidence()->attachPhoto(QStringLiteral("site_photos"), file, QString()));
                    ++raw->photosMade;
                }
                if (rng.bounded(10u) == 0)
                    QVERIFY(raw->ctl.addNote(QString::fromStdString(item->id), QStringLiteral("备注 %1").arg(raw->made)));
            });
            raw->work.start();
            devices.push_back(std::move(d));
        }

        QElapsedTimer clock;
        clock.start();
        while (clock.elapsed() < seconds * 1000LL)
            QTest::qWait(200);
        for (auto &d : devices)
            d->work.stop();

        // The network heals; everyone syncs until nothing moves (two full rounds each).
        proxy.setMeanBytesBetweenCuts(0);
        for (int round = 0; round < 2; ++round)
            for (auto &d : devices) {
                QSignalSpy done(d->sync.get(), &SyncClient::roundFinished);
                bool ok = false;
                for (int attempt = 0; attempt < 5 && !ok; ++attempt) {
                    done.clear();
                    QTest::qWait(50);
                    d->sync->syncNow();
                    QVERIFY(done.wait(60000) || !done.isEmpty());
                    ok = done.last().at(0).toBool();
                }
                QVERIFY2(ok, qPrintable(d->sync->errorString()));
            }

        int made = 0, refused = 0, resent = 0, photos = 0;
        qint64 photoBytesResent = 0;
        for (auto &d : devices) {
            QCOMPARE(d->sync->pending(), 0);
            QCOMPARE(d->sync->photosWaiting(), 0);
            photos += d->photosMade;
            photoBytesResent += d->sync->total().blobBytesResent;
            made += d->made;
            refused += d->sync->refused();
            resent += d->sync->total().pushed - (d->sync->total().accepted + d->sync->total().alreadyHad + d->sync->total().refused);
        }
        QCOMPARE(refused, 0);
        bool ok = false;
        const auto ids = server.pullIds(kInspection, server.login("li.hua"), 2000, ok);
        QVERIFY(ok);
        QCOMPARE(static_cast<int>(ids.size()), made);
        QCOMPARE(static_cast<int>(std::set<std::string>(ids.begin(), ids.end()).size()), made);
        const auto state = server.call("GET", QString("/api/v1/inspections/%1/state").arg(kInspection), nullptr, server.login("li.hua"));
        QCOMPARE(state.status, 200);
        const std::string expected = state.body["state"].dump();
        QString why; // `careeval score` on the server's log computes the same state
        server.checkedState(kInspection, server.login("li.hua"), why);
        QVERIFY2(why.isEmpty(), qPrintable(why));
        // Every photo the merged state names is on the server, verified against its hash.
        QCOMPARE(state.body["photos"]["expected"].get<int>(), photos);
        QCOMPARE(state.body["photos"]["received"].get<int>(), photos);
        for (auto &d : devices)
            QCOMPARE(QString::fromStdString(stateToJson(d->ctl.snapshot().state).dump()), QString::fromStdString(expected));
        std::printf("soak: %d s, 20 tablets, %d operations made and on the server once each, %d photos all on the server, "
                    "%d connections, %d cut (%.1f MB through the proxy), %d operations and %lld photo bytes re-sent after cuts, "
                    "%zu conflicts in the converged state\n",
            seconds, made, photos, proxy.connections(), proxy.cuts(), proxy.bytes() / 1e6, resent, static_cast<long long>(photoBytesResent),
            devices.front()->ctl.snapshot().state.conflicts().size());
    }
};

int main(int argc, char **argv)
{
    // Qt Test stops a test function after 5 minutes by default; the soak alone runs that long.
    const int seconds = qEnvironmentVariableIsSet("CAREEVAL_SOAK_SECONDS") ? qEnvironmentVariableIntValue("CAREEVAL_SOAK_SECONDS") : 300;
    qputenv("QTEST_FUNCTION_TIMEOUT", QByteArray::number((seconds + 300) * 1000));
    if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv); // photos are made with QImage/QPainter
    TestSoak t;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&t, argc, argv);
}
#include "tst_soak.moc"
