// The sync client's state machine in process, against a fake transport that plays the server from
// memory and fails on command: an expired sign-in, a batch the server refuses whole because of one
// operation, one operation refused alone, a lost acknowledgement, an unreachable server and the backoff.
// Milliseconds per scenario; the real-server end-to-end tests are in tests/e2e.

#include "mobiletestutil.h"
#include "serverapi.h"
#include "syncclient.h"

#include <careeval/jsonutil.h>
#include <careeval/wire.h>

#include <QSignalSpy>
#include <QTimer>

#include <set>

using namespace careeval;
using nlohmann::json;

namespace {

// The server, played from memory: a log of accepted operations (idempotent by id), paged pulls, and
// faults switched on by the test.
class FakeApi : public ServerApi
{
public:
    std::vector<Operation> log;
    int expiredCalls = 0; //!< answer the next N calls with 401
    int lostAnswers = 0; //!< store the next N pushes but lose the answer
    bool down = false; //!< no answer at all
    std::set<Uuid> poison; //!< a batch holding one of these is refused whole (400), as a server without per-operation refusals did
    std::set<Uuid> refuse; //!< refused alone, with a reason
    int pushes = 0, pulls = 0;
    std::vector<int> batchSizes;

    void call(const QByteArray &method, const QString &path, const QByteArray &body, Callback done, const Headers & = {},
        const QByteArray & = "application/json") override
    {
        ApiReply r = answer(method, path, body);
        QTimer::singleShot(0, [done, r] { done(r); });
    }

private:
    static ApiReply error(int status, const QString &message)
    {
        ApiReply r;
        r.status = status;
        r.error = message;
        r.body = QByteArray::fromStdString(json {{"error", {{"code", "invalid_request"}, {"message", message.toStdString()}}}}.dump());
        return r;
    }

    ApiReply answer(const QByteArray &method, const QString &path, const QByteArray &body)
    {
        ApiReply r;
        if (down) {
            r.unreachable = true;
            r.error = QStringLiteral("The server cannot be reached.");
            return r;
        }
        if (expiredCalls > 0) {
            --expiredCalls;
            return error(401, QStringLiteral("the session has expired or was ended; sign in again"));
        }
        if (method == "POST" && path.endsWith("/ops")) {
            ++pushes;
            auto req = pushRequestFromJson(json::parse(body.toStdString()), 5000);
            batchSizes.push_back(static_cast<int>(req->items.size()));
            for (std::size_t i = 0; i < req->items.size(); ++i)
                if (poison.count(req->items[i].id))
                    return error(400, QStringLiteral("ops[%1]: operation field \"value\": larger than 64 KiB").arg(i));
            PushReply reply;
            for (std::size_t i = 0; i < req->items.size(); ++i) {
                const Operation &op = *req->items[i].op;
                PushResult res {op.id, i, PushStatus::Accepted, {}, RefusalCode::Malformed};
                if (refuse.count(op.id)) {
                    res.status = PushStatus::Refused;
                    res.reason = "no item \"x\" in template";
                    res.code = RefusalCode::Template;
                } else if (std::any_of(log.begin(), log.end(), [&](const Operation &o) { return o.id == op.id; })) {
                    res.status = PushStatus::AlreadyHad;
                } else {
                    log.push_back(op);
                }
                reply.results.push_back(res);
            }
            if (lostAnswers > 0) {
                --lostAnswers;
                r.unreachable = true;
                r.error = QStringLiteral("The connection was lost.");
                return r;
            }
            r.status = 200;
            r.body = QByteArray::fromStdString(toJson(reply).dump());
            return r;
        }
        if (method == "GET" && path.contains("/ops?")) {
            ++pulls;
            const QUrlQuery q(QUrl(path).query());
            const std::size_t after = q.queryItemValue("after").toULongLong(), limit = q.queryItemValue("limit").toULongLong();
            PullPage page;
            for (std::size_t i = after; i < log.size() && page.ops.size() < limit; ++i)
                page.ops.push_back(log[i]);
            page.next = static_cast<std::int64_t>(after + page.ops.size());
            page.more = static_cast<std::size_t>(page.next) < log.size();
            r.status = 200;
            r.body = QByteArray::fromStdString(toJson(page).dump());
            return r;
        }
        return error(404, QStringLiteral("no such resource"));
    }
};

struct Rig {
    QTemporaryDir dir;
    std::unique_ptr<LocalStore> store = mobiletest::openStore(dir);
    FakeApi api;
    SyncClient sync {store.get(), &api};
    std::shared_ptr<const Template> tpl = mobiletest::pilotTemplate();
    InspectionController ctl;

    Rig()
    {
        sync.setInspections({"insp-test"});
        sync.setBatchSize(8);
        sync.setEnabled(true);
        if (!ctl.open(store.get(), mobiletest::pilotAssignment(*tpl), tpl, "li.hua", "tab-li").ok())
            qFatal("open");
    }
    std::vector<Uuid> answer(int n)
    {
        std::vector<Uuid> ids;
        for (int i = 0; i < n; ++i) {
            if (!ctl.setAnswer("staff_total", 10 + i))
                qFatal("answer: %s", qPrintable(ctl.errorString()));
            ids.push_back(ctl.snapshot().state.item("staff_total")->values.front().op);
        }
        return ids;
    }
    bool round()
    {
        QSignalSpy done(&sync, &SyncClient::roundFinished);
        sync.syncNow();
        if (!done.wait(5000))
            qFatal("no round end");
        return done.first().at(0).toBool();
    }
};

} // namespace

class TestSyncClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void expiredSignInKeepsEverythingWaiting()
    {
        Rig rig;
        rig.answer(3);
        rig.api.expiredCalls = 1;
        QVERIFY(!rig.round());
        QCOMPARE(rig.sync.state(), QStringLiteral("signin"));
        QCOMPARE(rig.sync.pending(), 3);
        QCOMPARE(rig.sync.backoffMs(), 0); // nothing retried behind the person's back
        QVERIFY(rig.round());
        QCOMPARE(rig.sync.pending(), 0);
        QCOMPARE(rig.api.log.size(), std::size_t(3));
    }

    // A server that refuses a whole batch for one operation: the batch is halved until that one is
    // alone, which is marked refused with the server's words; everything else arrives. Never the same
    // batch again and again.
    void oneBadOperationCannotStallTheQueue()
    {
        Rig rig;
        const auto ids = rig.answer(8);
        rig.api.poison.insert(ids[5]);
        QVERIFY(rig.round());
        QCOMPARE(rig.api.log.size(), std::size_t(7));
        QCOMPARE(rig.sync.pending(), 0);
        QCOMPARE(rig.sync.refused(), 1);
        auto refused = rig.store->ops().refused("insp-test");
        QCOMPARE(refused->size(), std::size_t(1));
        QVERIFY(refused->front().op.id == ids[5]);
        QVERIFY(QString::fromStdString(refused->front().refusal).contains("64 KiB"));
        QVERIFY2(rig.api.pushes <= 8, qPrintable(QString::number(rig.api.pushes)));
        // A later round sends nothing again.
        const int before = rig.api.pushes;
        QVERIFY(rig.round());
        QCOMPARE(rig.api.pushes, before);
        // The refused change stays listed on the tablet but is not in its state.
        QVERIFY(rig.ctl.reload().ok());
        QCOMPARE(rig.ctl.review()->refusedCount(), 1);
    }

    void refusedAloneOthersAccepted()
    {
        Rig rig;
        const auto ids = rig.answer(4);
        rig.api.refuse.insert(ids[2]);
        QVERIFY(rig.round());
        QCOMPARE(rig.api.pushes, 1);
        QCOMPARE(rig.sync.lastRound().accepted, 3);
        QCOMPARE(rig.sync.lastRound().refused, 1);
        QCOMPARE(rig.sync.refused(), 1);
        QVERIFY(rig.ctl.reload().ok());
        // What the server refused never enters the tablet's merged state.
        for (const auto &v : rig.ctl.snapshot().state.item("staff_total")->values)
            QVERIFY(!(v.op == ids[2]));
    }

    void lostAcknowledgementIsResentOnceAndStoredOnce()
    {
        Rig rig;
        rig.answer(5);
        rig.api.lostAnswers = 1;
        QVERIFY(!rig.round());
        QCOMPARE(rig.sync.state(), QStringLiteral("offline"));
        QCOMPARE(rig.sync.pending(), 5);
        QVERIFY(rig.round());
        QCOMPARE(rig.sync.lastRound().alreadyHad, 5);
        QCOMPARE(rig.sync.lastRound().accepted, 0);
        QCOMPARE(rig.api.log.size(), std::size_t(5));
        QCOMPARE(rig.sync.pending(), 0);
    }

    // An unreachable server is tried again within seconds (2, 4, then every 5 s), so a connection that
    // comes back is noticed at once; the words count what is waiting now, as the badge does.
    void unreachableRetriesWithinSecondsThenRecovers()
    {
        Rig rig;
        rig.answer(2);
        rig.api.down = true;
        QVERIFY(!rig.round());
        QCOMPARE(rig.sync.backoffMs(), 2000);
        QVERIFY(rig.sync.statusText().contains("2 s"));
        QVERIFY(rig.sync.statusText().contains("2 "));
        QVERIFY(!rig.round());
        QCOMPARE(rig.sync.backoffMs(), 4000);
        for (int i = 0; i < 5; ++i) {
            QVERIFY(!rig.round());
            QCOMPARE(rig.sync.backoffMs(), SyncClient::kUnreachableRetryMs);
        }
        rig.answer(1);
        rig.sync.changesMade();
        QCOMPARE(rig.sync.pending(), 3);
        QVERIFY2(rig.sync.statusText().contains("3 "), qPrintable(rig.sync.statusText()));
        rig.api.down = false;
        QVERIFY(rig.round());
        QCOMPARE(rig.sync.backoffMs(), 0);
        QCOMPARE(rig.sync.state(), QStringLiteral("idle"));
        QCOMPARE(rig.sync.pending(), 0);
    }

    // Pages: a pull brings everything after the stored cursor, page by page, once.
    void pullsPageByPageFromTheCursor()
    {
        Rig rig;
        for (int i = 0; i < 20; ++i) {
            Operation op;
            op.id = Uuid::generate();
            op.inspection = "insp-test";
            op.author = "wang.fang";
            op.device = "tab-wang";
            op.clock = static_cast<std::uint64_t>(i + 1);
            op.time = nowMillis();
            op.kind = OpKind::Note;
            op.target = "staff_total";
            op.value = canonicalJson(json("第" + std::to_string(i) + "条"));
            rig.api.log.push_back(op);
        }
        QVERIFY(rig.round());
        QCOMPARE(rig.api.pulls, 3); // 8 + 8 + 4
        QCOMPARE(rig.sync.lastRound().pulled, 20);
        QVERIFY(rig.round());
        QCOMPARE(rig.sync.lastRound().pulled, 0);
        QVERIFY(rig.ctl.reload().ok());
        QCOMPARE(rig.ctl.snapshot().state.notes.size(), std::size_t(20));
    }
};

QTEST_GUILESS_MAIN(TestSyncClient)
#include "tst_syncclient.moc"
