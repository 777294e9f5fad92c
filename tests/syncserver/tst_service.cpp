// The service in process, without a socket: its route table and dispatcher (404, 405 with Allow,
// 501, who may call what), the one mapping from the core's errors to HTTP, and a storage failure
// answered as "internal error" with a request id that is in the log.

#include "api/service.h"
#include "api/service_parts.h"
#include "api/web_console.h"
#include "demo.h"
#include "inprocess.h"
#include "storage/crypto.h"
#include "storage/server_store.h"

#include "../shared/testutil.h"

#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QtTest/QtTest>

#include <condition_variable>
#include <mutex>
#include <thread>

#include <sqlite3.h>

using namespace careeval;
using namespace careeval::server;

class TestService : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    InProcessServer m_server;
    ServerStore *m_store = nullptr;
    Service *m_service = nullptr;
    std::vector<std::string> m_log;
    std::string m_admin, m_supervisor, m_evaluator, m_outsider;
    std::string m_inspection; //!< one of wang.fang's assignments

    HttpResponse call(const std::string &method, const std::string &path, const std::string &token, const std::string &body = {})
    {
        return call(*m_service, method, path, token, body);
    }
    //! The same against another service (a second store opened by a test).
    static HttpResponse call(
        Service &service, const std::string &method, const std::string &path, const std::string &token, const std::string &body = {})
    {
        return callService(service, method, path, token, body);
    }
    static nlohmann::json json(const HttpResponse &r) { return nlohmann::json::parse(r.body, nullptr, false); }
    static std::string header(const HttpResponse &r, const std::string &name)
    {
        for (const auto &[k, v] : r.headers)
            if (k == name)
                return v;
        return {};
    }
    std::string login(const std::string &user, const std::string &password = kDemoPassword)
    {
        const auto r = call("POST", "/api/v1/auth/login", {}, nlohmann::json {{"username", user}, {"password", password}}.dump());
        return json(r).value("token", std::string());
    }
    // A concrete path for a route pattern, with names that exist in the demo.
    std::string concrete(std::string pattern) const
    {
        const std::map<std::string, std::string> values {
            {"{username}", "wang.fang"}, {"{id}", m_inspection}, {"{version}", "1.0.0"}, {"{sha256}", std::string(64, '0')}};
        for (const auto &[k, v] : values)
            for (auto at = pattern.find(k); at != std::string::npos; at = pattern.find(k))
                pattern.replace(at, k.size(), v);
        return pattern;
    }

    //! A note by wang.fang, the n-th from `device` (its clock n).
    static Operation note(const std::string &inspection, const std::string &device, int n)
    {
        Operation o;
        o.id = Uuid::generate();
        o.inspection = inspection;
        o.author = "wang.fang";
        o.device = device;
        o.clock = static_cast<std::uint64_t>(n);
        o.time = nowMillis();
        o.kind = OpKind::Note;
        o.target = "site_photos";
        o.value = "\"" + device + " " + std::to_string(n) + "\"";
        return o;
    }
    //! A rule book that takes everything, and one that refuses every new operation (as a lock would).
    static inline const ServerStore::PushDecider acceptAll
        = [](const InspectionRecord &, std::vector<Operation> &, std::vector<PushResult> &, WorkflowStatus &) {};
    static inline const ServerStore::PushDecider refuseAll
        = [](const InspectionRecord &, std::vector<Operation> &, std::vector<PushResult> &results, WorkflowStatus &) {
              for (auto &r : results)
                  if (r.status == PushStatus::Accepted) {
                      r.status = PushStatus::Refused;
                      r.code = RefusalCode::Locked;
                      r.reason = "locked (test)";
                  }
          };

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const std::string why = m_server.open(m_dir.path().toStdString());
        QVERIFY2(why.empty(), why.c_str());
        m_store = m_server.store.get();
        m_service = m_server.service.get();
        m_service->setLogger([this](const std::string &line) { m_log.push_back(line); });
        User admin;
        admin.username = "admin";
        admin.displayName = "管理员";
        admin.role = Role::Admin;
        QVERIFY(m_store->createUser(admin, hashPassword("admin-password-1")).ok());
        User outsider;
        outsider.username = "zhou.qi";
        outsider.displayName = "周七";
        outsider.role = Role::Evaluator;
        QVERIFY(m_store->createUser(outsider, hashPassword("outsider-pw-1")).ok());
        m_admin = login("admin", "admin-password-1");
        m_supervisor = login("chen.jing");
        m_evaluator = login("wang.fang");
        m_outsider = login("zhou.qi", "outsider-pw-1");
        QVERIFY(!m_admin.empty() && !m_supervisor.empty() && !m_evaluator.empty() && !m_outsider.empty());
        const auto list = json(call("GET", "/api/v1/inspections", m_evaluator));
        QVERIFY(!list["inspections"].empty());
        m_inspection = list["inspections"][0]["id"].get<std::string>();
    }

    // A push looks up which of its ids are stored before it queues for the single writer (the SQLite
    // store does so outside the writer). An operation that another push stores while this one waits
    // is still reported as already had, never refused: here the writer is held by a first push while a
    // second (accepting) and a third (whose rule book would refuse everything) queue with the same
    // operation; the second stores it, and the third must answer "already had", as a re-push after a
    // lock is answered. Holds on both backends.
    void anOperationStoredWhileAPushWaitsIsAlreadyHad()
    {
        const std::string inspection = "demo-pilot-changchun-01";
        auto op = [&](int n) { return note(inspection, "tab-race", n); };
        std::mutex m;
        std::condition_variable cv;
        bool holding = false, release = false;
        const ServerStore::PushDecider hold
            = [&](const InspectionRecord &, std::vector<Operation> &, std::vector<PushResult> &, WorkflowStatus &) {
                  std::unique_lock l(m);
                  holding = true;
                  cv.notify_all();
                  cv.wait(l, [&] { return release; });
              };
        const Operation shared = op(1);
        std::vector<Operation> first {op(2)}, second {shared}, third {shared};
        Result<std::vector<PushResult>> r1 = makeError(ErrorCode::Database, "not run"), r2 = r1, r3 = r1;
        std::thread t1([&] { r1 = m_store->push(inspection, "wang.fang", first, hold, nowMillis()); });
        {
            std::unique_lock l(m);
            QVERIFY(cv.wait_for(l, std::chrono::seconds(10), [&] { return holding; }));
        }
        std::thread t2([&] { r2 = m_store->push(inspection, "wang.fang", second, acceptAll, nowMillis()); });
        QTest::qWait(300); // the second push has looked up its ids and queued
        std::thread t3([&] { r3 = m_store->push(inspection, "wang.fang", third, refuseAll, nowMillis()); });
        QTest::qWait(300); // so has the third, before the operation was stored
        {
            std::lock_guard l(m);
            release = true;
        }
        cv.notify_all();
        t1.join();
        t2.join();
        t3.join();
        QVERIFY(r1.ok() && r2.ok() && r3.ok());
        QCOMPARE(std::string(toString(r1.value()[0].status)), std::string("accepted"));
        QCOMPARE(std::string(toString(r2.value()[0].status)), std::string("accepted"));
        QCOMPARE(std::string(toString(r3.value()[0].status)), std::string("already_had"));
        QCOMPARE(r3.value()[0].id, shared.id);
        // A new operation in the refusing push is still refused: only what is stored is "already had".
        std::vector<Operation> fourth {shared, op(3)};
        auto r4 = m_store->push(inspection, "wang.fang", fourth, refuseAll, nowMillis());
        QVERIFY(r4.ok());
        QCOMPARE(std::string(toString(r4.value()[0].status)), std::string("already_had"));
        QCOMPARE(std::string(toString(r4.value()[1].status)), std::string("refused"));
    }

    // An operation never changes once made (rules.h, checkSameCopy): a copy whose id the server
    // already has is "already had" only when it is the same in every field; one that differs (a client
    // that reused an id, a forged copy) is refused id_reused naming the field, and what was stored
    // stays as it was, for every reader. Within one push too. Through the route, on both backends.
    void aReusedIdWithOtherContentIsRefused()
    {
        const std::string lead = login("li.hua");
        const std::string path = "/api/v1/inspections/" + m_inspection + "/ops";
        Operation original;
        original.id = Uuid::generate();
        original.inspection = m_inspection;
        original.author = "li.hua";
        original.device = "tab-reuse";
        original.clock = 1;
        original.time = 1764034260000;
        original.kind = OpKind::Note;
        original.target = "announce_team_present";
        original.value = canonicalJson(nlohmann::json("原来的备注"));
        auto push = [&](const std::vector<Operation> &ops) {
            const auto r = call("POST", path, lead, pushRequestToJson(ops).dump());
            return r.status == 200 ? json(r) : nlohmann::json {{"http", r.status}, {"body", r.body}};
        };
        auto result = [](const nlohmann::json &reply, std::size_t i) { return reply["results"][i]; };
        QCOMPARE(result(push({original}), 0)["status"], "accepted");
        QCOMPARE(result(push({original}), 0)["status"], "already_had");

        auto changed = [&](auto edit) {
            Operation o = original;
            edit(o);
            return o;
        };
        const std::vector<std::pair<std::string, Operation>> copies {
            {"value", changed([](Operation &o) { o.value = canonicalJson(nlohmann::json("改过的备注")); })},
            {"time", changed([](Operation &o) { o.time += 1; })},
            {"clock", changed([](Operation &o) { o.clock = 2; })},
            {"device", changed([](Operation &o) { o.device = "tab-other"; })},
            {"target", changed([](Operation &o) { o.target = "announce_members"; })},
            {"kind", changed([](Operation &o) {
                 o.kind = OpKind::Set;
                 o.value = "3";
             })},
        };
        for (const auto &[field, copy] : copies) {
            const auto reply = push({copy});
            QCOMPARE(reply["refused"].get<int>(), 1);
            QCOMPARE(result(reply, 0)["code"], "id_reused");
            QCOMPARE(result(reply, 0)["id"], original.id.toString());
            const std::string reason = result(reply, 0)["reason"].get<std::string>();
            QVERIFY2(reason.find("\"" + field + "\"") != std::string::npos, reason.c_str());
        }
        // The stored operation is the original, as the pull and the store give it.
        auto stored = m_store->operations(m_inspection);
        QVERIFY(stored.ok());
        const auto it = std::find_if(stored->begin(), stored->end(), [&](const Operation &o) { return o.id == original.id; });
        QVERIFY(it != stored->end());
        QVERIFY(!checkSameCopy(*it, original));

        // Within one push: the same id twice, the same content: stored once, the second already had;
        // other content: the second refused. The operations around them are unaffected.
        Operation a = changed([](Operation &o) {
            o.id = Uuid::generate();
            o.clock = 5;
        });
        Operation b = changed([](Operation &o) {
            o.id = Uuid::generate();
            o.clock = 6;
        });
        Operation bAltered = b;
        bAltered.value = canonicalJson(nlohmann::json("第二份不同"));
        Operation after = changed([](Operation &o) {
            o.id = Uuid::generate();
            o.clock = 7;
        });
        const auto reply = push({a, a, b, bAltered, after});
        QCOMPARE(result(reply, 0)["status"], "accepted");
        QCOMPARE(result(reply, 1)["status"], "already_had");
        QCOMPARE(result(reply, 2)["status"], "accepted");
        QCOMPARE(result(reply, 3)["status"], "refused");
        QCOMPARE(result(reply, 3)["code"], "id_reused");
        QCOMPARE(result(reply, 4)["status"], "accepted");
        QCOMPARE(reply["accepted"].get<int>(), 3);
        QCOMPARE(reply["already_had"].get<int>(), 1);
        QCOMPARE(reply["refused"].get<int>(), 1);
        stored = m_store->operations(m_inspection);
        QVERIFY(stored.ok());
        const auto bs = std::find_if(stored->begin(), stored->end(), [&](const Operation &o) { return o.id == b.id; });
        QVERIFY(bs != stored->end());
        QCOMPARE(bs->value, b.value);
    }

    // The count /healthz and /metrics report is the log's, whatever the pushes did: counted once, then
    // kept as pushes store operations (a repeat within a batch, an operation already had and a refused
    // one store nothing; pushes that share one group commit all count).
    void operationCountFollowsTheLog()
    {
        QTemporaryDir dir;
        const std::string db = storetest::location(dir.path().toStdString());
        InProcessServer server;
        QCOMPARE(server.open(dir.path().toStdString()), std::string());
        auto truth = [&] { return std::stoull(storetest::query(db, "SELECT count(*) FROM ops")); };
        const std::string inspection = "demo-pilot-changchun-01";
        int clock = 0;
        auto push = [&](std::vector<Operation> batch, const ServerStore::PushDecider &decide) {
            return server.store->push(inspection, "wang.fang", batch, decide, nowMillis()).ok();
        };
        auto op = [&] { return note(inspection, "tab-count", ++clock); };
        // Pushed before anything counted: the first count reads the log.
        const Operation a = op(), b = op();
        QVERIFY(push({op()}, acceptAll));
        const std::size_t start = server.store->operationCount();
        QCOMPARE(start, truth());
        QVERIFY(start > 0);
        // So are the per-inspection figures the progress board shows (count, first and last change,
        // highest seq): read once here, then kept.
        auto statsTruth = [&](const std::string &id) {
            return storetest::query(db,
                "SELECT count(*) || ',' || min(\"time\") || ',' || max(\"time\") || ',' || max(seq) FROM ops WHERE inspection = '" + id
                    + "'");
        };
        auto statsKept = [&](const std::string &id) {
            auto all = server.store->opStats();
            if (!all || !all->count(id))
                return std::string("none");
            const OpStats &o = all->at(id);
            return std::to_string(o.operations) + "," + std::to_string(o.firstTime) + "," + std::to_string(o.lastTime) + ","
                + std::to_string(o.lastSeq);
        };
        QCOMPARE(statsKept(inspection), statsTruth(inspection));
        const std::string other = "demo-safety-jilin-02";
        QCOMPARE(statsKept(other), std::string("none"));
        // A repeated id within one batch, then an operation already had next to a new one.
        QVERIFY(push({a, b, a}, acceptAll));
        QCOMPARE(server.store->operationCount(), start + 2);
        QVERIFY(push({a, op()}, acceptAll));
        QCOMPARE(server.store->operationCount(), start + 3);
        // Refused: nothing stored.
        QVERIFY(push({op(), op()}, refuseAll));
        QCOMPARE(server.store->operationCount(), start + 3);
        QCOMPARE(server.store->operationCount(), truth());
        QCOMPARE(statsKept(inspection), statsTruth(inspection));
        // An operation older than all the others widens the first change; a first operation of another
        // inspection gives it figures.
        Operation old = op();
        old.time = 5;
        QVERIFY(push({old}, acceptAll));
        std::vector<Operation> elsewhere {note(other, "tab-count", 1)};
        QVERIFY(server.store->push(other, "wang.fang", elsewhere, acceptAll, nowMillis()).ok());
        QCOMPARE(statsKept(inspection), statsTruth(inspection));
        QVERIFY(statsKept(inspection).find(",5,") != std::string::npos);
        QCOMPARE(statsKept(other), statsTruth(other));
        QCOMPARE(server.store->operationCount(), start + 5);
        // Eight pushes at once (the writer groups them), five new operations and one already had each.
        std::vector<std::vector<Operation>> batches(8);
        for (auto &batch : batches) {
            for (int i = 0; i < 5; ++i)
                batch.push_back(op());
            batch.push_back(b);
        }
        std::vector<std::thread> pushers;
        std::atomic<int> ok {0};
        for (auto &batch : batches)
            pushers.emplace_back([&, batch] {
                if (push(batch, acceptAll))
                    ++ok;
            });
        for (auto &t : pushers)
            t.join();
        QCOMPARE(ok.load(), 8);
        QCOMPARE(server.store->operationCount(), start + 5 + 40);
        QCOMPARE(server.store->operationCount(), truth());
        QCOMPARE(statsKept(inspection), statsTruth(inspection));
        QCOMPARE(statsKept(other), statsTruth(other));
        // Through the service, as /healthz reports it.
        QCOMPARE(json(call(*server.service, "GET", "/healthz", {}))["operations"].get<std::size_t>(), truth());
    }

    // The SQLite store copies its WAL into the database file on a thread of its own (not inside the
    // writer's commits, where SQLite would do it): while pushes keep coming, the database file grows and
    // the WAL starts over instead of growing with the log. Nothing is lost on the way.
    void theWalIsCheckpointedWhilePushesComeIn()
    {
        if (storetest::onPostgres())
            QSKIP("SQLite's WAL only");
        QTemporaryDir dir;
        const std::string db = storetest::location(dir.path().toStdString());
        InProcessServer server;
        QCOMPARE(server.open(dir.path().toStdString()), std::string());
        const std::string inspection = "demo-pilot-changchun-01";
        const auto size = [](const std::string &path) { return QFileInfo(QString::fromStdString(path)).size(); };
        const qint64 before = size(db);
        int clock = 0;
        std::size_t pushed = 0;
        qint64 walHigh = 0;
        // ~20 MB of notes in 100-operation pushes: five times SQLite's 1,000-page mark.
        for (int p = 0; p < 500; ++p) {
            std::vector<Operation> batch;
            for (int i = 0; i < 100; ++i) {
                Operation o = note(inspection, "tab-wal", ++clock);
                o.value = "\"" + std::string(300, 'a' + static_cast<char>(clock % 26)) + "\"";
                batch.push_back(std::move(o));
            }
            auto r = server.store->push(inspection, "wang.fang", batch, acceptAll, nowMillis());
            QVERIFY(r.ok());
            pushed += batch.size();
            walHigh = std::max(walHigh, size(db + "-wal"));
        }
        // Copied into the database file while the store is open (the last checkpoint may still run).
        QTRY_VERIFY_WITH_TIMEOUT(size(db) > before + 4 * 1024 * 1024, 10000);
        QVERIFY2(walHigh < 12 * 1024 * 1024, std::to_string(walHigh).c_str()); // started over, not 20 MB and growing
        QCOMPARE(std::stoull(storetest::query(db, "SELECT count(*) FROM ops WHERE device = 'tab-wal'")), pushed);
        // Most by the thread; as /metrics reports them.
        const auto [byThread, byWriter] = server.store->walCheckpoints();
        QVERIFY2(
            byThread > byWriter, (std::to_string(byThread) + " by the thread, " + std::to_string(byWriter) + " by the writer").c_str());
        const std::string metrics = call(*server.service, "GET", "/metrics", {}).body;
        QVERIFY2(metrics.find("careeval_wal_checkpoints_total{by=\"thread\"} " + std::to_string(byThread)) != std::string::npos
                || byThread != server.store->walCheckpoints().first, // one more since
            metrics.c_str());
    }

    // A pull visits the stored rows where the store holds them (SQLite's row, libpq's result) and checks
    // each as a StoredOp would be: an id stored in capitals prints canonically, a row whose kind does
    // not parse ends the page with an error naming its seq. Both backends.
    void visitedRowsAreChecked()
    {
        QTemporaryDir dir;
        const std::string db = storetest::location(dir.path().toStdString());
        InProcessServer server;
        QCOMPARE(server.open(dir.path().toStdString()), std::string());
        const std::string inspection = "demo-pilot-changchun-01";
        std::vector<Operation> batch {note(inspection, "tab-visit", 1), note(inspection, "tab-visit", 2), note(inspection, "tab-visit", 3)};
        const std::vector<Operation> pushed = batch;
        QVERIFY(server.store->push(inspection, "wang.fang", batch, acceptAll, nowMillis()).ok());
        auto page = server.store->operationsAfter(inspection, 0, 1000);
        QVERIFY(page.ok());
        std::map<std::string, std::int64_t> seqOf;
        for (const auto &s : page->ops)
            seqOf[s.op.id.toString()] = s.seq;
        QVERIFY(seqOf.count(pushed[0].id.toString()) && seqOf.count(pushed[1].id.toString()));
        const std::int64_t first = seqOf[pushed[0].id.toString()], second = seqOf[pushed[1].id.toString()];

        storetest::query(db, "UPDATE ops SET id = upper(id) WHERE seq = " + std::to_string(first));
        std::map<std::int64_t, std::string> ids;
        auto visited = server.store->visitOperationsAfter(inspection, 0, 1000, [&](const StoredOpView &v) -> Result<void> {
            ids[v.seq] = std::string(v.id);
            return {};
        });
        QVERIFY2(visited.ok(), visited ? "" : visited.error().message.c_str());
        QCOMPARE(visited->count, page->ops.size());
        QCOMPARE(visited->next, page->next);
        QCOMPARE(ids[first], pushed[0].id.toString());
        QVERIFY(ids[first] != storetest::query(db, "SELECT id FROM ops WHERE seq = " + std::to_string(first)));

        storetest::query(db, "UPDATE ops SET kind = 'bogus' WHERE seq = " + std::to_string(second));
        std::vector<std::int64_t> seen;
        auto damaged = server.store->visitOperationsAfter(inspection, 0, 1000, [&](const StoredOpView &v) -> Result<void> {
            seen.push_back(v.seq);
            return {};
        });
        QVERIFY(!damaged.ok());
        QVERIFY2(damaged.error().message.find("seq " + std::to_string(second)) != std::string::npos, damaged.error().message.c_str());
        QVERIFY(!seen.empty() && seen.back() < second); // the rows before it were visited, the damaged one was not
    }

    // Every row of the table is reached by its method and path; another method on the same path is
    // 405 naming the methods that exist there.
    void everyRouteIsDispatched()
    {
        const auto routes = Service::routes();
        QVERIFY(routes.size() >= 28);
        for (const auto &[method, pattern] : routes) {
            const std::string path = concrete(pattern);
            // Signing out ends the session it is called with: use one of its own.
            const std::string token = pattern == std::string("/api/v1/auth/logout") ? login("admin", "admin-password-1") : m_admin;
            const auto r = call(method, path, token, "{}");
            const std::string code = json(r).is_object() && json(r).contains("error") ? json(r)["error"].value("code", "") : "";
            QVERIFY2(code != "method_not_allowed" && !(code == "not_found" && r.body.find("no such resource") != std::string::npos),
                qPrintable(QString::fromStdString(method + " " + path + ": " + r.body)));
            const auto wrong = call("DELETE", path, m_admin);
            QCOMPARE(wrong.status, 405);
            QVERIFY2(header(wrong, "Allow").find(method) != std::string::npos, qPrintable(QString::fromStdString(header(wrong, "Allow"))));
        }
        // GET routes allow HEAD as well.
        QCOMPARE(header(call("DELETE", "/api/v1/me", m_admin), "Allow"), std::string("GET, HEAD"));
        // A literal segment is matched before a {name} in its place.
        QCOMPARE(header(call("GET", "/api/v1/blobs/missing", m_admin), "Allow"), std::string("POST"));
    }

    void unknownPathsAndMethods()
    {
        // Under /api/v1 a stranger learns nothing: 401 before 404 or 405.
        QCOMPARE(call("GET", "/api/v1/nothing-here", {}).status, 401);
        QCOMPARE(call("DELETE", "/api/v1/users", {}).status, 401);
        QCOMPARE(call("GET", "/api/v1/nothing-here", m_evaluator).status, 404);
        QCOMPARE(call("GET", "/nothing-here", {}).status, 404);
        QCOMPARE(call("BREW", "/api/v1/me", m_admin).status, 501);
        QCOMPARE(call("POST", "/healthz", {}).status, 405);
        QCOMPARE(call("GET", "/api/v1/blobs/NOT-A-HASH", m_admin).status, 400);
        QCOMPARE(call("GET", "/api/v1/inspections/no-such-one/state", m_admin).status, 404);
    }

    // Who may call what comes from the table: the 403 says why.
    void accessFromTheTable()
    {
        auto refusal = [&](const HttpResponse &r) { return json(r)["error"].value("message", ""); };
        auto r = call("GET", "/api/v1/users", m_evaluator);
        QCOMPARE(r.status, 403);
        QCOMPARE(refusal(r), std::string("only an administrator manages users"));
        r = call("POST", "/api/v1/draws", m_supervisor, R"({"k":1,"team_size":3})");
        QCOMPARE(r.status, 403);
        QCOMPARE(refusal(r), std::string("only an administrator makes a draw"));
        QCOMPARE(call("GET", "/api/v1/draws/1", m_evaluator).status, 403);
        QCOMPARE(call("GET", "/api/v1/institutions", m_evaluator).status, 403);
        QCOMPARE(call("GET", "/api/v1/institutions", m_supervisor).status, 200);
        QCOMPARE(call("GET", "/api/v1/exports", m_evaluator).status, 403);
        // Team routes: members, supervisors and administrators; others are told it is not theirs.
        QCOMPARE(call("GET", "/api/v1/inspections/" + m_inspection + "/state", m_evaluator).status, 200);
        QCOMPARE(call("GET", "/api/v1/inspections/" + m_inspection + "/state", m_supervisor).status, 200);
        r = call("GET", "/api/v1/inspections/" + m_inspection + "/ops", m_outsider);
        QCOMPARE(r.status, 403);
        QVERIFY(refusal(r).find("not assigned to you") != std::string::npos);
    }

    void lanesAndTheGate()
    {
        HttpRequest head;
        head.method = "POST";
        head.path = "/api/v1/auth/login";
        QCOMPARE(Service::lane(head), Lane::Cpu);
        QVERIFY(!m_service->gate(head)); // sign-in is public
        head.path = "/api/v1/users";
        QCOMPARE(Service::lane(head), Lane::Cpu);
        head.method = "PATCH";
        head.path = "/api/v1/users/wang.fang";
        QCOMPARE(Service::lane(head), Lane::Cpu);
        head.method = "GET";
        head.path = "/api/v1/me";
        QCOMPARE(Service::lane(head), Lane::Io);
        // A push waits for its durable commit on the disk pool, where concurrent pushes share one.
        head.method = "POST";
        head.path = "/api/v1/inspections/x/ops";
        QCOMPARE(Service::lane(head), Lane::Disk);
        head.method = "GET";
        QCOMPARE(Service::lane(head), Lane::Io);
        // Refused from the header alone: not signed in, or an unknown method.
        head.method = "PUT";
        head.path = "/api/v1/blobs/" + std::string(64, 'a');
        auto refused = m_service->gate(head);
        QVERIFY(refused);
        QCOMPARE(refused->status, 401);
        head.headers["authorization"] = "Bearer " + m_evaluator;
        QVERIFY(!m_service->gate(head));
        head.method = "BREW";
        refused = m_service->gate(head);
        QVERIFY(refused);
        QCOMPARE(refused->status, 501);
    }

    // The core's error codes map to one status and wire code each; the server's own data failing
    // is always a 500.
    void oneErrorMapping()
    {
        struct Case {
            ErrorCode code;
            int status;
            const char *wire;
        };
        for (const Case &c : {Case {ErrorCode::InvalidJson, 400, "invalid_json"},
                 Case {ErrorCode::InvalidTemplate, 400, "invalid_template"}, Case {ErrorCode::InvalidOperation, 400, "invalid_request"},
                 Case {ErrorCode::InvalidArgument, 400, "invalid_request"}, Case {ErrorCode::NotFound, 404, "not_found"},
                 Case {ErrorCode::Database, 500, "database_error"}, Case {ErrorCode::Io, 500, "io_error"}}) {
            const auto r = failure(Error {c.code, "why"});
            QCOMPARE(r.status, c.status);
            QCOMPARE(json(r)["error"]["code"].get<std::string>(), std::string(c.wire));
        }
        QCOMPARE(failure(Error {ErrorCode::InvalidTemplate, "stored template"}, Origin::Stored).status, 500);
    }

    // Issue 16: a pull records "last pulled" without a write of its own (no disk sync per page); it
    // shows at once, rides along with the next push's transaction, and is written when the store closes.
    void pullBookkeepingWithoutASync()
    {
        QTemporaryDir dir;
        const std::string db = storetest::location(dir.path().toStdString());
        {
            InProcessServer server;
            QCOMPARE(server.open(dir.path().toStdString()), std::string());
            const auto before = server.store->memberSync("demo-pilot-changchun-01");
            QVERIFY(before.ok());
            QVERIFY(server.store->recordPull("demo-pilot-changchun-01", "wang.fang", 1234567).ok());
            const auto after = server.store->memberSync("demo-pilot-changchun-01");
            QVERIFY(after.ok());
            bool seen = false;
            for (const auto &m : after.value())
                seen = seen || (m.username == "wang.fang" && m.lastPull == 1234567);
            QVERIFY(seen);
            // Nothing was written yet: another connection sees the old value.
            QVERIFY(storetest::query(
                        db, "SELECT last_pull FROM members WHERE username = 'wang.fang' AND inspection = 'demo-pilot-changchun-01'")
                != "1234567");
        }
        auto reopened = ServerStore::open(db);
        QVERIFY(reopened.ok());
        const auto kept = reopened.value()->memberSync("demo-pilot-changchun-01");
        QVERIFY(kept.ok());
        bool seen = false;
        for (const auto &m : kept.value())
            seen = seen || (m.username == "wang.fang" && m.lastPull == 1234567);
        QVERIFY2(seen, "the last pull was not written when the store closed");
    }

    // Who may read a photo is looked up in blob_refs, filled as operations are stored; a database
    // from before it (server schema 2) gets it filled from its operation log when opened.
    void blobReferencesBackfilled()
    {
        if (storetest::onPostgres())
            QSKIP("SQLite's own migration from schema 2 (PostgreSQL starts at the whole schema)");
        QTemporaryDir dir;
        const std::string db = dir.filePath("server.db").toStdString();
        const std::string sha(64, 'c');
        {
            InProcessServer server;
            QCOMPARE(server.open(dir.path().toStdString()), std::string());
            Service &service = *server.service;
            const auto signedIn = call(service, "POST", "/api/v1/auth/login", {}, R"({"username":"zhang.wei","password":"demo-2025"})");
            const std::string token = json(signedIn).value("token", std::string());
            QVERIFY(!token.empty());
            Operation op;
            op.id = Uuid::generate();
            op.inspection = "demo-pilot-changchun-01";
            op.author = "zhang.wei";
            op.device = "t";
            op.clock = 1;
            op.time = nowMillis();
            op.kind = OpKind::PhotoAttach;
            op.target = "site_photos";
            op.value = canonicalJson(nlohmann::json {{"sha256", sha}});
            QCOMPARE(call(service, "POST", "/api/v1/inspections/demo-pilot-changchun-01/ops", token, pushRequestToJson({op}).dump()).status,
                200);
            QCOMPARE(server.store->blobReferencedFor(sha, "wang.fang").value(), true);
            QCOMPARE(server.store->blobReferencedFor(sha, "zhao.lei").value(), false);
        }
        // Back to schema 2: no blob_refs (nor the later audit indexes).
        sqlite3 *raw = nullptr;
        QCOMPARE(sqlite3_open(db.c_str(), &raw), SQLITE_OK);
        QCOMPARE(sqlite3_exec(raw,
                     "DROP TABLE blob_refs; DROP INDEX audit_at; DROP INDEX audit_action; DROP TABLE draw_inspections; "
                     "ALTER TABLE institutions DROP COLUMN type; "
                     "DELETE FROM server_schema WHERE version >= 3",
                     nullptr, nullptr, nullptr),
            SQLITE_OK);
        sqlite3_close(raw);
        auto reopened = ServerStore::open(db);
        QVERIFY(reopened.ok());
        QCOMPARE(reopened.value()->blobReferencedFor(sha, "wang.fang").value(), true);
        QCOMPARE(reopened.value()->blobsReferencedFor("li.hua").value().count(sha), std::size_t(1));
    }

    // A pull page is written directly; it must be exactly what toJson(PullPage) prints, whatever the
    // strings hold (Chinese, quotes, backslashes, control characters, emoji).
    void pullPageIsTheWireFormat()
    {
        const std::string lead = login("li.hua");
        std::vector<Operation> ops;
        const std::vector<std::string> notes {"食堂留样柜温度记录缺3天。", "a \"quoted\" \\ path",
            "line\nbreak\ttab\x01"
            "ctl",
            "🙂 <script>alert(1)</script>"};
        for (std::size_t i = 0; i < notes.size(); ++i) {
            Operation op;
            op.id = Uuid::generate();
            op.inspection = m_inspection;
            op.author = "li.hua";
            op.device = "tab-\"lead\"";
            op.clock = 1 + i;
            op.time = nowMillis();
            op.kind = OpKind::Note;
            op.target = "announce_team_present";
            op.value = canonicalJson(nlohmann::json(notes[i]));
            ops.push_back(op);
        }
        const auto pushed = call("POST", "/api/v1/inspections/" + m_inspection + "/ops", lead, pushRequestToJson(ops).dump());
        QCOMPARE(pushed.status, 200);
        QCOMPARE(json(pushed)["accepted"].get<int>(), static_cast<int>(notes.size()));
        // One page of everything, then pages of two (more, next) to the end.
        bool sawMore = false;
        for (const std::int64_t limit : {2000, 2}) {
            std::int64_t after = 0;
            for (bool more = true; more;) {
                const auto r = call("GET",
                    "/api/v1/inspections/" + m_inspection + "/ops?after=" + std::to_string(after) + "&limit=" + std::to_string(limit),
                    lead);
                QCOMPARE(r.status, 200);
                auto page = m_store->operationsAfter(m_inspection, after, static_cast<std::size_t>(limit));
                QVERIFY(page.ok());
                PullPage expected;
                for (auto &s : page->ops)
                    expected.ops.push_back(s.op);
                expected.next = page->next;
                expected.more = page->more;
                expected.status = m_store->inspection(m_inspection).value()->status;
                QCOMPARE(r.body, toJson(expected).dump());
                if (limit == 2000)
                    QVERIFY(r.body.find("\\u0001") != std::string::npos);
                sawMore = sawMore || page->more;
                more = page->more;
                after = page->next;
            }
        }
        QVERIFY(sawMore);
    }

    // Last: breaks the database under the service. The client gets "internal error" and a request
    // id; the log has the id and SQLite's message; the client never sees SQLite's text.
    void storageFailureIsInternal()
    {
        storetest::query(storetest::location(m_dir.path().toStdString()),
            storetest::onPostgres() ? "DROP TABLE institutions CASCADE" : "DROP TABLE institutions");
        m_log.clear();
        const auto r = call("GET", "/api/v1/institutions", m_admin);
        QCOMPARE(r.status, 500);
        const auto body = json(r);
        QCOMPARE(body["error"]["message"].get<std::string>(), std::string("internal error"));
        const std::string id = body["error"].value("request_id", "");
        QVERIFY(!id.empty());
        QCOMPARE(header(r, "X-Request-Id"), id);
        QVERIFY(r.body.find("institutions") == std::string::npos);
        QCOMPARE(m_log.size(), std::size_t(1));
        const auto line = nlohmann::json::parse(m_log[0]);
        QCOMPARE(line["request_id"].get<std::string>(), id);
        QVERIFY2(line["detail"].get<std::string>().find("institutions") != std::string::npos, m_log[0].c_str());
    }

    // The office console's files: CSP and caching, gzip when taken, pages of the app as index.html,
    // nothing outside the folder, the API's paths never.
    void webConsoleServesItsFilesOnly()
    {
        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkpath("assets"));
        auto write = [&](const QString &name, const QByteArray &bytes) {
            QFile f(dir.filePath(name));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(bytes);
        };
        write("index.html", "<!doctype html><script type=module src=/assets/app-1a2b.js></script>");
        write("assets/app-1a2b.js", "console.log(1)");
        write("assets/app-1a2b.js.gz", "GZ");
        write("secret.txt.bak", "no");
        const WebConsole web(dir.path().toStdString());
        auto get = [&](const std::string &path, const std::string &encoding = {}) {
            HttpRequest r;
            r.method = "GET";
            r.path = path;
            if (!encoding.empty())
                r.headers["accept-encoding"] = encoding;
            return web.serve(r);
        };
        auto header = [](const HttpResponse &r, const std::string &name) {
            for (const auto &[k, v] : r.headers)
                if (k == name)
                    return v;
            return std::string();
        };
        auto index = get("/");
        QVERIFY(index && index->file);
        QVERIFY(index->file->path.ends_with("index.html"));
        QCOMPARE(header(*index, "Cache-Control"), std::string("no-cache"));
        QVERIFY(header(*index, "Content-Security-Policy").find("script-src 'self';") != std::string::npos);
        QVERIFY(header(*index, "Content-Security-Policy").find("unsafe-eval") == std::string::npos);
        QCOMPARE(header(*index, "X-Frame-Options"), std::string("DENY"));
        // The same ETag again: not modified.
        HttpRequest again;
        again.method = "GET";
        again.path = "/";
        again.headers["if-none-match"] = header(*index, "ETag");
        QCOMPARE(web.serve(again)->status, 304);

        auto plain = get("/assets/app-1a2b.js");
        QVERIFY(plain && plain->file && plain->file->path.ends_with(".js"));
        QCOMPARE(header(*plain, "Cache-Control"), std::string("public, max-age=31536000, immutable"));
        QCOMPARE(plain->contentType, std::string("text/javascript; charset=utf-8"));
        auto gz = get("/assets/app-1a2b.js", "gzip, deflate, br");
        QVERIFY(gz && gz->file && gz->file->path.ends_with(".js.gz"));
        QCOMPARE(header(*gz, "Content-Encoding"), std::string("gzip"));
        QCOMPARE(gz->contentType, std::string("text/javascript; charset=utf-8"));

        for (const char *page : {"/board", "/inspections/demo-pilot-changchun-01", "/login", "/draws/3"}) {
            auto r = get(page);
            QVERIFY2(r && r->file && r->file->path.ends_with("index.html"), page);
        }
        for (const char *outside : {"/assets/missing-0000.js", "/etc/passwd", "/../index.html", "/assets/../../secret.txt.bak",
                 "/.git/config", "/api/v1/nothing", "/api", "/board\\x", "/%2e%2e/x", "/\xff\xfe", "/favicon.ico"})
            QVERIFY2(!get(outside), outside);
        HttpRequest post;
        post.method = "POST";
        post.path = "/";
        QVERIFY(!web.serve(post));

        // Not built: the root says how to build it; other paths are not the console's.
        const WebConsole none((dir.path() + "/missing").toStdString());
        HttpRequest root;
        root.method = "GET";
        root.path = "/";
        auto r = none.serve(root);
        QVERIFY(r);
        QCOMPARE(r->status, 503);
        QVERIFY(r->body.find("scripts/web.sh") != std::string::npos);
        root.path = "/board";
        QVERIFY(!none.serve(root));
    }

    // The demo's recorded work goes in through the tablets' routes: every status of the board, the
    // photos arrived, the supervisor's approval; loading it again changes nothing.
    void demoWorkLoads()
    {
        QTemporaryDir dir;
        InProcessServer server;
        QCOMPARE(server.open(dir.path().toStdString()), std::string());
        auto lines = seedDemoWork(*server.store, *server.service, testutil::sourcePath("assets/demo"));
        QVERIFY2(lines.ok(), lines ? "" : lines.error().message.c_str());
        auto status = [&](const char *id) { return std::string(toString(server.store->inspection(id).value()->status)); };
        QCOMPARE(status("demo-pilot-changchun-01"), std::string("approved"));
        QCOMPARE(status("demo-satisfaction-03"), std::string("submitted"));
        QCOMPARE(status("demo-safety-jilin-02"), std::string("draft"));
        QCOMPARE(status("demo-pilot-yanbian-04"), std::string("draft"));
        QVERIFY(!server.store->operations("demo-safety-jilin-02").value().empty());
        QVERIFY(server.store->operations("demo-pilot-yanbian-04").value().empty());
        const auto count = server.store->operationCount();
        QVERIFY(seedDemoWork(*server.store, *server.service, testutil::sourcePath("assets/demo")).ok());
        QCOMPARE(server.store->operationCount(), count);

        const auto token
            = json(call(*server.service, "POST", "/api/v1/auth/login", {}, R"({"username":"chen.jing","password":"demo-2025"})"))["token"]
                  .get<std::string>();
        const auto progress = json(call(*server.service, "GET", "/api/v1/progress", token));
        QCOMPARE(progress["inspections"].size(), std::size_t(4));
        for (const auto &p : progress["inspections"]) {
            QCOMPARE(p["photos_received"], p["photos_expected"]);
            if (p["id"] == "demo-safety-jilin-02") {
                QCOMPARE(p["conflicts"].get<int>(), 1); // the sprinkler check the evaluators disagree on
                QVERIFY(p["photos_expected"].get<int>() > 0);
                QVERIFY(p["first_change"].get<std::int64_t>() > 0);
            }
        }
        // One result everywhere: the export, the team view and the board merge alike.
        for (const char *id : {"demo-pilot-changchun-01", "demo-safety-jilin-02", "demo-satisfaction-03"}) {
            const auto state = json(call(*server.service, "GET", std::string("/api/v1/inspections/") + id + "/state", token));
            const auto exported
                = json(call(*server.service, "GET", std::string("/api/v1/inspections/") + id + "/export?format=json", token));
            QVERIFY(exported["inspections"].size() == 1);
            const auto &row = exported["inspections"][0];
            QCOMPARE(row["conflicts"].get<std::size_t>(), state["score"]["conflicts"].size());
            QCOMPARE(row["total"], state["score"]["total"]);
            QCOMPARE(row["status"], state["state"]["status"]);
            for (const auto &p : progress["inspections"])
                if (p["id"] == id)
                    QCOMPARE(p["conflicts"].get<std::size_t>(), state["state"]["conflicts"].size());
        }
        // The sign-in just made is the supervisor's last one.
        QVERIFY(server.store->lastLogins().value().count("chen.jing"));
    }
};

QTEST_GUILESS_MAIN(TestService)
#include "tst_service.moc"
