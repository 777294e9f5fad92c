// The sync server, run as its real binary on 127.0.0.1 and spoken to over HTTP: sign-in, the
// authorization matrix, push and pull, refusals, hostile input, locking, concurrent clients,
// kill -9 and restart, graceful stop, draws and templates.

#include "serverfixture.h"

#include "../shared/testutil.h"

#include <careeval/merge.h>
#include <careeval/report_json.h>

#include <set>

#include <QCryptographicHash>

using nlohmann::json;
using namespace careeval;

namespace {
const QString kPilot = "demo-pilot-changchun-01";
const QString kOps = "/api/v1/inspections/demo-pilot-changchun-01/ops";

std::vector<json> demoOps(const std::string &author = {})
{
    std::vector<json> out;
    for (const auto &op : testutil::readOps(testutil::sourcePath("assets/demo/pilot.ops.jsonl")))
        if (author.empty() || op.author == author)
            out.push_back(toJson(op));
    return out;
}

// A valid new answer by `author` on the pilot inspection.
json answer(const std::string &author, const std::string &item, const json &value, std::uint64_t clock)
{
    Operation op;
    op.id = Uuid::generate();
    op.inspection = "demo-pilot-changchun-01";
    op.author = author;
    op.device = "test-" + author;
    op.clock = clock;
    op.time = nowMillis();
    op.kind = OpKind::Set;
    op.target = item;
    op.value = canonicalJson(value);
    return toJson(op);
}
} // namespace

class TestServer : public QObject
{
    Q_OBJECT

    ServerFixture m_shared; // for the read-mostly tests
    QMap<QString, QString> m_tokens;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_shared.start(), m_shared.log.constData());
        m_tokens["member"] = m_shared.login("wang.fang");
        m_tokens["outsider"] = m_shared.login("liu.min");
        m_tokens["lead"] = m_shared.login("li.hua");
        m_tokens["supervisor"] = m_shared.login("chen.jing");
        m_tokens["admin"] = m_shared.login("admin", "admin-pass-1");
        for (auto it = m_tokens.begin(); it != m_tokens.end(); ++it)
            QVERIFY2(!it.value().isEmpty(), qPrintable(it.key()));
        m_tokens["anonymous"] = QString();
    }

    void health()
    {
        auto r = m_shared.call("GET", "/healthz", nullptr);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.body["status"], json("ok"));
        auto m = m_shared.call("GET", "/metrics", nullptr);
        QCOMPARE(m.status, 200);
        QVERIFY(m.raw.contains("# TYPE careeval_requests_total counter"));
        QVERIFY(m.raw.contains("careeval_connections "));
    }

    void authorizationMatrix_data()
    {
        QTest::addColumn<QString>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("body");
        QTest::addColumn<QString>("expected"); // anonymous member outsider lead supervisor admin
        auto row = [](const char *m, const char *p, const char *b, const char *e) {
            QTest::newRow(qPrintable(QString(m) + " " + p)) << m << p << b << e;
        };
        row("GET", "/api/v1/me", "", "401 200 200 200 200 200");
        row("GET", "/api/v1/users", "", "401 403 403 403 403 200");
        row("POST", "/api/v1/users", R"({"username":"new.person","display_name":"新人","role":"evaluator","password":"long-enough-1"})",
            "401 403 403 403 403 201");
        row("PATCH", "/api/v1/users/zhao.lei", R"({"display_name":"赵磊"})", "401 403 403 403 403 200");
        row("GET", "/api/v1/institutions", "", "401 403 403 403 200 200");
        row("POST", "/api/v1/institutions", R"({"id":"bs-new","name":"白山新院","beds":40})", "401 403 403 403 403 200");
        row("GET", "/api/v1/templates", "", "401 200 200 200 200 200");
        row("GET", "/api/v1/templates/resident-satisfaction/1.2.0", "", "401 200 200 200 200 200");
        row("GET", "/api/v1/inspections", "", "401 200 200 200 200 200");
        row("POST", "/api/v1/inspections",
            R"({"id":"matrix-1","institution":"jl-anning","template_id":"resident-satisfaction","template_version":"1.2.0","lead":"li.hua","members":["zhang.wei"]})",
            "401 403 403 403 403 201");
        row("GET", "/api/v1/inspections/demo-pilot-changchun-01", "", "401 200 403 200 200 200");
        row("GET", "/api/v1/inspections/demo-pilot-changchun-01/ops", "", "401 200 403 200 200 200");
        row("POST", "/api/v1/inspections/demo-pilot-changchun-01/ops", R"({"ops":[]})", "401 200 403 200 200 200");
        row("GET", "/api/v1/inspections/demo-pilot-changchun-01/state", "", "401 200 403 200 200 200");
        row("POST", "/api/v1/inspections/demo-pilot-changchun-01/review", R"({"action":"approve"})", "401 403 403 403 409 409");
        row("POST", "/api/v1/draws", R"({"k":1,"team_size":3,"seed":5})", "401 403 403 403 403 201");
        row("GET", "/api/v1/inspections/no-such-inspection", "", "401 404 404 404 404 404");
        row("GET", "/api/v1/nothing-here", "", "401 404 404 404 404 404");
        row("POST", "/api/v1/blobs/missing", R"({"sha256":[]})", "401 200 200 200 200 200");
        row("DELETE", "/api/v1/me", "", "401 405 405 405 405 405");
    }
    void authorizationMatrix()
    {
        QFETCH(QString, method);
        QFETCH(QString, path);
        QFETCH(QString, body);
        QFETCH(QString, expected);
        const QStringList roles {"anonymous", "member", "outsider", "lead", "supervisor", "admin"};
        const QStringList want = expected.split(' ');
        for (int i = 0; i < roles.size(); ++i) {
            auto r = m_shared.call(m_shared.nam(), method.toUtf8(), path, body.toUtf8(), m_tokens[roles[i]]);
            QVERIFY2(r.status == want[i].toInt(),
                qPrintable(QString("%1: got %2, expected %3: %4").arg(roles[i]).arg(r.status).arg(want[i]).arg(QString::fromUtf8(r.raw))));
            if (r.status >= 400) {
                QVERIFY2(
                    r.body.contains("error") && r.body["error"].contains("code") && r.body["error"].contains("message"), r.raw.constData());
            }
        }
    }

    void signInIsSlowedAfterFailures()
    {
        for (int i = 0; i < 5; ++i) {
            auto r = m_shared.call("POST", "/api/v1/auth/login", {{"username", "zhao.lei"}, {"password", "guess-" + std::to_string(i)}});
            QCOMPARE(r.status, 401);
            QCOMPARE(r.body["error"]["code"], json("wrong_credentials"));
        }
        auto r = m_shared.call("POST", "/api/v1/auth/login", {{"username", "zhao.lei"}, {"password", "demo-2025"}});
        QCOMPARE(r.status, 429);
        QVERIFY(r.headers.contains("retry-after"));
        QCOMPARE(m_shared.login("wang.fang").isEmpty(), false); // other accounts unaffected
    }

    void logoutEndsTheSession()
    {
        const QString t = m_shared.login("zhang.wei");
        QCOMPARE(m_shared.call("GET", "/api/v1/me", nullptr, t).status, 200);
        QCOMPARE(m_shared.call("POST", "/api/v1/auth/logout", json::object(), t).status, 200);
        QCOMPARE(m_shared.call("GET", "/api/v1/me", nullptr, t).status, 401);
    }

    void hostileInput_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("message");
        QTest::newRow("not json") << QByteArray("POST") << kOps << QByteArray("{\"ops\": [tru") << 400 << "line 1, column";
        QTest::newRow("array body") << QByteArray("POST") << kOps << QByteArray("[]") << 400 << "must be a JSON object";
        QTest::newRow("ops not a list") << QByteArray("POST") << kOps << QByteArray("{\"ops\": 5}") << 400 << "field \"ops\"";
        QTest::newRow("deep nesting") << QByteArray("POST") << kOps << QByteArray(5000, '[') << 400 << "nested deeper";
        QTest::newRow("traversal") << QByteArray("GET") << "/api/v1/templates/../../../etc/passwd" << QByteArray() << 404
                                   << "no such resource";
        QTest::newRow("nul in path") << QByteArray("GET") << "/api/v1/inspections/a%00b" << QByteArray() << 400 << "not properly encoded";
        QTest::newRow("pull limit text") << QByteArray("GET") << kOps + "?limit=lots" << QByteArray() << 400 << "whole numbers";
        QTest::newRow("pull limit huge") << QByteArray("GET") << kOps + "?limit=999999" << QByteArray() << 400 << "\"limit\" from 1 to";
        QTest::newRow("draw wrong type") << QByteArray("POST") << "/api/v1/draws" << QByteArray("{\"k\":\"three\",\"team_size\":2}") << 400
                                         << "field \"k\"";
    }
    void hostileInput()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        QFETCH(QString, message);
        auto r = m_shared.call(m_shared.nam(), method, path, body, m_tokens["admin"]);
        QVERIFY2(r.status == status, qPrintable(QString("%1: %2").arg(r.status).arg(QString::fromUtf8(r.raw.left(300)))));
        QVERIFY2(QString::fromStdString(r.body["error"]["message"].get<std::string>()).contains(message), r.raw.constData());
        QCOMPARE(m_shared.call("GET", "/healthz", nullptr).status, 200); // and the server is still there
    }

    // What no client library would send: answered by the server without reading the rest.
    void rawHostileRequests_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<QByteArray>("statusLine");
        QTest::newRow("body larger than the limit")
            << QByteArray("POST /api/v1/inspections/x/ops HTTP/1.1\r\nHost: a\r\nContent-Length: 9000000\r\n\r\n{")
            << QByteArray("HTTP/1.1 413");
        QTest::newRow("bad percent-encoding") << QByteArray("GET /api/v1/inspections/%zz HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n")
                                              << QByteArray("HTTP/1.1 400");
        QTest::newRow("not http") << QByteArray("HELLO THERE\r\n\r\n") << QByteArray("HTTP/1.1 400");
        // Not signed in: refused from the header, before any of the body is read.
        QTest::newRow("chunked, not signed in")
            << QByteArray("POST /api/v1/inspections/x/ops HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n800000\r\n")
                + QByteArray(0x800000, 'x')
            << QByteArray("HTTP/1.1 401");
    }
    void rawHostileRequests()
    {
        QFETCH(QByteArray, request);
        QFETCH(QByteArray, statusLine);
        const QByteArray answer = m_shared.raw(request);
        QVERIFY2(answer.startsWith(statusLine), answer.left(200).constData());
        QCOMPARE(m_shared.call("GET", "/healthz", nullptr).status, 200);
    }

    void truncatedUploadStoresNothing()
    {
        ServerFixture s;
        QVERIFY(s.start());
        const QString t = s.login("wang.fang");
        const QByteArray body = QByteArray::fromStdString(json {{"ops", {answer("wang.fang", "staff_total", 48, 1)}}}.dump());
        const QByteArray head = "POST " + kOps.toUtf8() + " HTTP/1.1\r\nHost: a\r\nAuthorization: Bearer " + t.toUtf8()
            + "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n";
        QCOMPARE(s.raw(head + body.left(body.size() / 2)), QByteArray()); // cut mid-body: no answer
        QCOMPARE(s.call("GET", kOps, nullptr, t).body["ops"].size(), 0u);
        QVERIFY(s.raw(head + body).startsWith("HTTP/1.1 200"));
        QCOMPARE(s.call("GET", kOps, nullptr, t).body["ops"].size(), 1u);
    }

    void oversizedHeadersAreRefused()
    {
        auto r = m_shared.call(m_shared.nam(), "GET", "/healthz", {}, {}, {{"X-Filler", QByteArray(20000, 'x')}});
        QCOMPARE(r.status, 431);
    }

    void pushIsIdempotentAndPullPages()
    {
        ServerFixture s;
        QVERIFY(s.start());
        std::size_t total = 0;
        for (const char *who : {"li.hua", "wang.fang", "zhang.wei"}) {
            const QString t = s.login(who);
            const auto mine = demoOps(who);
            auto r = s.call("POST", kOps, {{"ops", mine}}, t);
            QCOMPARE(r.status, 200);
            QCOMPARE(r.body["accepted"].get<std::size_t>(), mine.size());
            auto again = s.call("POST", kOps, {{"ops", mine}}, t);
            QCOMPARE(again.body["accepted"].get<std::size_t>(), 0u);
            QCOMPARE(again.body["already_had"].get<std::size_t>(), mine.size());
            total += mine.size();
        }
        bool ok = false;
        const auto pulled = s.pullIds(kPilot, s.login("wang.fang"), 25, ok);
        QVERIFY(ok);
        const std::set<std::string> ids(pulled.begin(), pulled.end());
        QCOMPARE(ids.size(), pulled.size()); // nothing twice
        QCOMPARE(ids.size(), total);
    }

    // Two evaluators change one step offline: the later-arriving claim comes first in the merge order, so
    // the other's change is refused by merge (only the holder or the lead changes a held step) although
    // the server stored it. /state, and `careeval score --team` over the server's log, agree.
    void racingStepChangesGiveOneState()
    {
        ServerFixture s;
        QVERIFY(s.start());
        auto step = [](const std::string &author, const std::string &status, std::uint64_t clock) {
            json op = answer(author, "site", nullptr, clock);
            op["kind"] = "step.status";
            op["value"] = {{"status", status}, {"owner", author}};
            return op;
        };
        QCOMPARE(s.call("POST", kOps, {{"ops", json::array({step("zhang.wei", "done", 6)})}}, s.login("zhang.wei")).body["accepted"], 1);
        QCOMPARE(
            s.call("POST", kOps, {{"ops", json::array({step("wang.fang", "in_progress", 5)})}}, s.login("wang.fang")).body["accepted"], 1);
        QString why;
        const json st = s.checkedState(kPilot, s.login("chen.jing"), why);
        QVERIFY2(why.isEmpty(), qPrintable(why));
        QCOMPARE(st["refused"].size(), std::size_t(1));
        QCOMPARE(st["refused"][0]["author"], "zhang.wei");
    }

    // Every shipped demo log pushes cleanly to its demo inspection, each author pushing their own work,
    // and the server's state is what `careeval score` computes from the log.
    void everyDemoLogPushesToItsInspection_data()
    {
        QTest::addColumn<QString>("log");
        QTest::newRow("pilot") << "pilot";
        QTest::newRow("safety") << "safety";
        QTest::newRow("satisfaction") << "satisfaction";
    }
    void everyDemoLogPushesToItsInspection()
    {
        QFETCH(QString, log);
        ServerFixture s;
        QVERIFY(s.start());
        std::map<std::string, std::vector<json>> byAuthor;
        std::string inspection;
        for (const auto &op : testutil::readOps(testutil::sourcePath("assets/demo/" + log.toStdString() + ".ops.jsonl"))) {
            byAuthor[op.author].push_back(toJson(op));
            inspection = op.inspection;
        }
        for (const auto &[author, ops] : byAuthor) {
            auto r = s.call("POST", QString("/api/v1/inspections/%1/ops").arg(QString::fromStdString(inspection)), {{"ops", ops}},
                s.login(QString::fromStdString(author)));
            QCOMPARE(r.status, 200);
            QVERIFY2(r.body["refused"].get<std::size_t>() == 0, r.body.dump().c_str());
            QCOMPARE(r.body["accepted"].get<std::size_t>(), ops.size());
        }
        QString why;
        s.checkedState(QString::fromStdString(inspection), s.login("chen.jing"), why);
        QVERIFY2(why.isEmpty(), qPrintable(why));
    }

    void refusalsSayWhy()
    {
        ServerFixture s;
        QVERIFY(s.start());
        const QString t = s.login("wang.fang");
        json other = answer("wang.fang", "staff_total", 40, 5);
        other["inspection"] = "demo-safety-jilin-02";
        const std::vector<json> batch {answer("wang.fang", "staff_total", 48, 1), answer("li.hua", "staff_total", 50, 2),
            answer("wang.fang", "nope", 1, 3), answer("wang.fang", "sc_sys_table", 9, 4), other,
            answer("wang.fang", "staff_trained", 47, 6)};
        auto r = s.call("POST", kOps, {{"ops", batch}}, t);
        QCOMPARE(r.status, 200);
        const auto &res = r.body["results"];
        QCOMPARE(res[0]["status"], json("accepted"));
        QVERIFY(res[1]["reason"].get<std::string>().find("is not the signed-in user") != std::string::npos);
        QVERIFY(res[2]["reason"].get<std::string>().find("no item \"nope\"") != std::string::npos);
        QVERIFY(res[3]["reason"].get<std::string>().find("outside 0..4") != std::string::npos);
        QVERIFY(res[4]["reason"].get<std::string>().find("belongs to inspection") != std::string::npos);
        QCOMPARE(res[5]["status"], json("accepted"));
        QCOMPARE(r.body["refused"].get<int>(), 4);
        auto pulled = s.call("GET", kOps, nullptr, t);
        QCOMPARE(pulled.body["ops"].size(), 2u); // refused operations are not stored
    }

    void approvalLocks()
    {
        ServerFixture s;
        QVERIFY(s.start());
        const QString lead = s.login("li.hua"), eval = s.login("wang.fang"), sup = s.login("chen.jing");
        QCOMPARE(s.call("POST", kOps, {{"ops", {answer("wang.fang", "staff_total", 48, 1)}}}, eval).body["accepted"], json(1));
        QCOMPARE(s.call("POST", "/api/v1/inspections/demo-pilot-changchun-01/review", {{"action", "approve"}}, sup).status,
            409); // not submitted
        auto ret = s.call("POST", "/api/v1/inspections/demo-pilot-changchun-01/review", {{"action", "submit"}}, lead);
        QCOMPARE(ret.status, 200);
        QCOMPARE(ret.body["status"], json("submitted"));
        QCOMPARE(s.call("POST", "/api/v1/inspections/demo-pilot-changchun-01/review", {{"action", "return"}}, sup).status,
            400); // needs a comment
        QCOMPARE(
            s.call("POST", "/api/v1/inspections/demo-pilot-changchun-01/review", {{"action", "return"}, {"comment", "补充现场照片"}}, sup)
                .body["status"],
            json("returned"));
        QCOMPARE(s.call("POST", "/api/v1/inspections/demo-pilot-changchun-01/review", {{"action", "submit"}}, lead).body["status"],
            json("submitted"));
        QCOMPARE(s.call("POST", "/api/v1/inspections/demo-pilot-changchun-01/review", {{"action", "approve"}, {"comment", "同意"}}, sup)
                     .body["status"],
            json("approved"));
        // Re-sending what was accepted before the lock is a repeat, not a refusal.
        const json first = s.call("GET", kOps, nullptr, eval).body["ops"][0];
        QCOMPARE(s.call("POST", kOps, {{"ops", {first}}}, eval).body["already_had"], json(1));
        auto late = s.call("POST", kOps, {{"ops", {answer("wang.fang", "staff_total", 50, 100)}}}, eval);
        QCOMPARE(late.body["refused"], json(1));
        QVERIFY(late.body["results"][0]["reason"].get<std::string>().find("locked") != std::string::npos);
        auto state = s.call("GET", "/api/v1/inspections/demo-pilot-changchun-01/state", nullptr, sup);
        QCOMPARE(state.body["state"]["status"], json("approved"));
        QCOMPARE(state.body["state"]["items"]["staff_total"]["value"], json(48));
        QCOMPARE(state.body["state"]["history"].size(), 4u);
    }

    // One gate for every operation (issue 12): a batch with bad operations refuses those alone, each
    // with its reason, and accepts the rest; a clock pushed to 2^53 or a 100,000-character note never
    // blocks the team's submission and approval; the server's own decisions stay valid.
    void oneBadOperationIsRefusedAlone()
    {
        ServerFixture s;
        QVERIFY(s.start());
        const QString lead = s.login("li.hua"), eval = s.login("wang.fang"), sup = s.login("chen.jing");
        json note = answer("wang.fang", "staff_total", 0, 2);
        note["kind"] = "note";
        note["value"] = std::string(100000 / 4 * 3, 'x') + std::string(100000 - 100000 / 4 * 3, 'y');
        json huge = answer("wang.fang", "staff_trained", 40, 1ull << 53);
        json supervisorAnswer = answer("chen.jing", "staff_total", 99, 3);
        const json batch = {{"ops",
            {answer("wang.fang", "staff_total", 48, 1), json {{"id", 5}}, note, huge, answer("wang.fang", "staff_examined", 40, 3)}}};
        auto r = s.call("POST", kOps, batch, eval);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.body["accepted"], json(2));
        QCOMPARE(r.body["refused"], json(3));
        const json &res = r.body["results"];
        QCOMPARE(res[0]["status"], json("accepted"));
        QCOMPARE(res[1]["status"], json("refused"));
        QCOMPARE(res[1]["index"], json(1));
        QVERIFY(res[1]["reason"].get<std::string>().find("ops[1]: operation field \"id\"") != std::string::npos);
        QCOMPARE(res[2]["code"], json("malformed"));
        QVERIFY2(res[2]["reason"].get<std::string>().find("100000 characters is longer than the limit of 10000") != std::string::npos,
            res[2].dump().c_str());
        QCOMPARE(res[3]["code"], json("clock_jump"));
        QCOMPARE(res[4]["status"], json("accepted"));
        // Supervisors review; they do not answer items.
        auto sa = s.call("POST", kOps, {{"ops", {supervisorAnswer}}}, sup);
        QCOMPARE(sa.body["results"][0]["code"], json("forbidden"));
        // The team goes on: submit and approve work, and the approval records what it covers.
        QCOMPARE(s.call("POST", "/api/v1/inspections/demo-pilot-changchun-01/review", {{"action", "submit"}}, lead).status, 200);
        auto ok = s.call("POST", "/api/v1/inspections/demo-pilot-changchun-01/review", {{"action", "approve"}}, sup);
        QCOMPARE(ok.status, 200);
        QCOMPARE(ok.body["status"], json("approved"));
        const json ops = s.call("GET", kOps, nullptr, eval).body["ops"];
        const json approve = ops[ops.size() - 1];
        QCOMPARE(approve["kind"], json("approve"));
        QCOMPARE(approve["value"]["frontier"]["test-wang.fang"], json(3));
        QVERIFY(approve["clock"].get<std::uint64_t>() < 10);
    }

    // An edit made offline with a low clock while the supervisor approved: the server refuses it on
    // push, and merge() over the server's operations plus that edit refuses it too (the approval's
    // frontier did not cover it), so `careeval score` cannot show a changed approved state.
    void approvalBoundsTheMerge()
    {
        ServerFixture s;
        QVERIFY(s.start());
        const QString lead = s.login("li.hua"), eval = s.login("wang.fang"), sup = s.login("chen.jing");
        QCOMPARE(
            s.call("POST", kOps, {{"ops", {answer("wang.fang", "staff_total", 48, 1), answer("li.hua", "staff_trained", 40, 2)}}}, eval)
                .body["accepted"],
            json(1));
        QCOMPARE(s.call("POST", kOps, {{"ops", {answer("li.hua", "staff_trained", 40, 2)}}}, lead).body["accepted"], json(1));
        QCOMPARE(s.call("POST", "/api/v1/inspections/demo-pilot-changchun-01/review", {{"action", "submit"}}, lead).status, 200);
        QCOMPARE(s.call("POST", "/api/v1/inspections/demo-pilot-changchun-01/review", {{"action", "approve"}}, sup).status, 200);
        const json offline = answer("wang.fang", "staff_total", 12, 2); // lower clock than the approval
        auto late = s.call("POST", kOps, {{"ops", {offline}}}, eval);
        QCOMPARE(late.body["results"][0]["code"], json("locked"));
        std::vector<Operation> all;
        const auto pulled = s.call("GET", kOps, nullptr, eval);
        for (const auto &j : pulled.body["ops"])
            all.push_back(operationFromJson(j).value());
        QCOMPARE(all.size(), std::size_t(4));
        const InspectionState before = merge("demo-pilot-changchun-01", all);
        all.push_back(operationFromJson(offline).value());
        const InspectionState after = merge("demo-pilot-changchun-01", all);
        QVERIFY2(after.item("staff_total") && after.item("staff_total")->value == "48", stateToJson(after)["items"].dump().c_str());
        QCOMPARE(stateToJson(after)["items"], stateToJson(before)["items"]);
        QCOMPARE(after.refused.size(), before.refused.size() + 1);
        QVERIFY(after.refused.back().code == RefusalCode::Locked);
        auto state = s.call("GET", "/api/v1/inspections/demo-pilot-changchun-01/state", nullptr, sup);
        QCOMPARE(state.body["state"]["items"]["staff_total"]["value"], json(48));
    }

    // Three tablets push their day at once, in interleaved batches: the server's merged state is the
    // one the core computes from all the operations.
    void concurrentPushesConverge()
    {
        ServerFixture s;
        QVERIFY(s.start());
        struct Client {
            std::string user;
            QString token;
            std::vector<json> ops;
            std::size_t next = 0;
            QNetworkAccessManager nam;
        };
        std::vector<std::unique_ptr<Client>> clients;
        for (const char *who : {"li.hua", "wang.fang", "zhang.wei"}) {
            auto c = std::make_unique<Client>();
            c->user = who;
            c->token = s.login(who);
            c->ops = demoOps(who);
            clients.push_back(std::move(c));
        }
        int inFlight = 0;
        QEventLoop loop;
        std::function<void(Client &)> pushNext = [&](Client &c) {
            if (c.next >= c.ops.size())
                return;
            const std::size_t n = std::min<std::size_t>(7, c.ops.size() - c.next);
            const json body {
                {"ops", std::vector<json>(c.ops.begin() + static_cast<long>(c.next), c.ops.begin() + static_cast<long>(c.next + n))}};
            c.next += n;
            QNetworkRequest req(QUrl(QString("http://127.0.0.1:%1%2").arg(s.port).arg(kOps)));
            req.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
            req.setRawHeader("Authorization", "Bearer " + c.token.toUtf8());
            ++inFlight;
            QNetworkReply *reply = c.nam.post(req, QByteArray::fromStdString(body.dump()));
            QObject::connect(reply, &QNetworkReply::finished, [&, reply, cp = &c] {
                QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
                reply->deleteLater();
                --inFlight;
                pushNext(*cp);
                if (inFlight == 0)
                    loop.quit();
            });
        };
        for (auto &c : clients)
            pushNext(*c);
        QTimer::singleShot(60000, &loop, &QEventLoop::quit);
        loop.exec();
        QCOMPARE(inFlight, 0);

        auto state = s.call("GET", "/api/v1/inspections/demo-pilot-changchun-01/state", nullptr, s.login("chen.jing"));
        QCOMPARE(state.status, 200);
        const Template tpl = testutil::shippedTemplate("jilin-pilot-standardization");
        const auto all = testutil::readOps(testutil::sourcePath("assets/demo/pilot.ops.jsonl"));
        MergeOptions opt;
        opt.tpl = &tpl;
        opt.roles
            = {{"li.hua", Role::Lead}, {"wang.fang", Role::Evaluator}, {"zhang.wei", Role::Evaluator}, {"chen.jing", Role::Supervisor}};
        const json local = stateToJson(merge("demo-pilot-changchun-01", all, opt));
        QCOMPARE(state.body["state"].dump(), local.dump());
        QCOMPARE(state.body["members_synced"], json(3));
        QCOMPARE(state.body["score"]["conclusion"]["status"], json("pass"));
    }

    // Pushes until the server is killed with SIGKILL in the middle of one; after a restart on the same
    // data, every acknowledged operation is there, nothing twice, and the interrupted batch is either
    // wholly there or wholly absent.
    void killNineLosesNothingAcknowledged()
    {
        ServerFixture s;
        QVERIFY(s.start());
        const QString t = s.login("wang.fang");
        std::set<std::string> acked;
        std::vector<std::string> inFlightIds;
        std::uint64_t clock = 1;
        for (int batch = 0; batch < 15; ++batch) {
            std::vector<json> ops;
            for (int i = 0; i < 20; ++i)
                ops.push_back(answer("wang.fang", "staff_total", batch * 100 + i, clock++));
            auto r = s.call("POST", kOps, {{"ops", ops}}, t);
            QCOMPARE(r.status, 200);
            for (const auto &op : ops)
                acked.insert(op["id"].get<std::string>());
        }
        // One more batch, and the kill while it is (probably) in flight.
        std::vector<json> last;
        for (int i = 0; i < 200; ++i)
            last.push_back(answer("wang.fang", "staff_trained", i, clock++));
        QNetworkRequest req(QUrl(QString("http://127.0.0.1:%1%2").arg(s.port).arg(kOps)));
        req.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
        req.setRawHeader("Authorization", "Bearer " + t.toUtf8());
        QNetworkReply *reply = s.nam().post(req, QByteArray::fromStdString(json {{"ops", last}}.dump()));
        QTest::qWait(5);
        s.kill9();
        reply->abort();
        reply->deleteLater();

        QVERIFY2(s.start(), s.log.constData());
        bool ok = false;
        const auto pulled = s.pullIds(kPilot, s.login("wang.fang"), 1000, ok);
        QVERIFY(ok);
        const std::set<std::string> stored(pulled.begin(), pulled.end());
        QCOMPARE(stored.size(), pulled.size()); // nothing twice
        for (const auto &id : acked)
            QVERIFY2(stored.count(id), id.c_str());
        const std::size_t extra = stored.size() - acked.size();
        QVERIFY2(extra == 0 || extra == last.size(), qPrintable(QString("partial batch: %1").arg(extra)));
    }

    // Photos: ask what is missing, upload in chunks, survive a cut and a kill -9, verify the hash,
    // download whole or by range, and see the team view count what has arrived.
    void photosUploadResumeAndVerify()
    {
        ServerFixture s;
        QVERIFY(s.start());
        const QString t = s.login("zhang.wei");
        QByteArray photo(300000, '\0');
        for (int i = 0; i < photo.size(); ++i)
            photo[i] = static_cast<char>((static_cast<qint64>(i) * 7919) % 251);
        const std::string sha = QCryptographicHash::hash(photo, QCryptographicHash::Sha256).toHex().toStdString();
        const std::string other(64, 'a');
        const QString path = "/api/v1/blobs/" + QString::fromStdString(sha);
        auto put = [&](qint64 offset, const QByteArray &chunk) {
            return s.call(s.nam(), "PUT", path + QString("?offset=%1&total=%2").arg(offset).arg(photo.size()), chunk, t);
        };

        // The team view expects the photo once an operation refers to it.
        Operation attach;
        attach.id = Uuid::generate();
        attach.inspection = "demo-pilot-changchun-01";
        attach.author = "zhang.wei";
        attach.device = "tab-03";
        attach.clock = 1;
        attach.time = nowMillis();
        attach.kind = OpKind::PhotoAttach;
        attach.target = "site_photos";
        attach.value = canonicalJson(json {{"sha256", sha}, {"caption", "门厅"}});
        QCOMPARE(s.call("POST", kOps, {{"ops", {toJson(attach)}}}, t).body["accepted"], json(1));
        auto view = s.call("GET", "/api/v1/inspections/demo-pilot-changchun-01/state", nullptr, t);
        QCOMPARE(view.body["photos"]["expected"], json(1));
        QCOMPARE(view.body["photos"]["received"], json(0));

        auto missing = s.call("POST", "/api/v1/blobs/missing", {{"sha256", {sha, other}}}, t);
        QCOMPARE(missing.status, 200);
        QCOMPARE(missing.body["missing"].size(), 2u);

        QCOMPARE(put(0, photo.left(100000)).body["received"], json(100000));
        QCOMPARE(put(100000, photo.mid(100000, 100000)).body["received"], json(200000));
        // A client that lost track (the cut dropped the answer) is told where to continue.
        auto wrong = put(100000, photo.mid(100000, 100000));
        QCOMPARE(wrong.status, 409);
        QCOMPARE(wrong.body["received"], json(200000));
        // The server dies; what it acknowledged survives.
        s.kill9();
        QVERIFY(s.start());
        const QString t2 = s.login("zhang.wei");
        auto status = s.call("GET", path + "/upload", nullptr, t2);
        QCOMPARE(status.body["received"], json(200000));
        auto done = s.call(s.nam(), "PUT", path + QString("?offset=200000&total=%1").arg(photo.size()), photo.mid(200000), t2);
        QCOMPARE(done.status, 201);
        QCOMPARE(done.body["complete"], json(true));
        // Idempotent: the same upload again changes nothing.
        QCOMPARE(s.call(s.nam(), "PUT", path + QString("?offset=0&total=%1").arg(photo.size()), photo.left(10), t2).body["complete"],
            json(true));

        auto whole = s.call(s.nam(), "GET", path, {}, t2);
        QCOMPARE(whole.status, 200);
        QCOMPARE(whole.raw, photo);
        auto part = s.call(s.nam(), "GET", path, {}, t2, {{"Range", "bytes=1000-1009"}});
        QCOMPARE(part.status, 206);
        QCOMPARE(part.raw, photo.mid(1000, 10));
        QCOMPARE(part.headers.value("content-range"), QByteArray("bytes 1000-1009/300000"));
        auto tail = s.call(s.nam(), "GET", path, {}, t2, {{"Range", "bytes=-5"}});
        QCOMPARE(tail.raw, photo.right(5));
        QCOMPARE(s.call(s.nam(), "GET", path, {}, t2, {{"Range", "bytes=400000-"}}).status, 416);

        missing = s.call("POST", "/api/v1/blobs/missing", {{"sha256", {sha, other}}}, t2);
        QCOMPARE(missing.body["missing"].size(), 1u);
        QCOMPARE(missing.body["missing"][0]["sha256"], json(other));
        view = s.call("GET", "/api/v1/inspections/demo-pilot-changchun-01/state", nullptr, t2);
        QCOMPARE(view.body["photos"]["received"], json(1));
    }

    // A chunk streams into the partial file as it arrives: a cut keeps the bytes that came, the
    // upload continues after them, and a newer upload of the same photo takes over from an older
    // connection that still hangs (its further bytes are refused, the blob stays right).
    void streamedChunksKeepWhatArrivedAndANewerUploadTakesOver()
    {
        ServerFixture s;
        QVERIFY(s.start());
        const QString t = s.login("zhang.wei");
        QByteArray photo(2000000, '\0');
        for (int i = 0; i < photo.size(); ++i)
            photo[i] = static_cast<char>((static_cast<qint64>(i) * 104729) % 253);
        const QString sha = QCryptographicHash::hash(photo, QCryptographicHash::Sha256).toHex();
        const QString path = "/api/v1/blobs/" + sha;
        auto head = [&](qint64 offset, qint64 length) {
            return QString("PUT %1?offset=%2&total=%3 HTTP/1.1\r\nHost: a\r\nAuthorization: Bearer %4\r\nContent-Length: %5\r\n\r\n")
                .arg(path)
                .arg(offset)
                .arg(photo.size())
                .arg(t)
                .arg(length)
                .toUtf8();
        };
        auto received = [&] { return s.call("GET", path + "/upload", nullptr, t).body["received"].get<qint64>(); };

        // Cut 600,000 bytes into a chunk of 1,000,000: those bytes stay.
        QTcpSocket a;
        a.connectToHost(QHostAddress::LocalHost, s.port);
        QVERIFY(a.waitForConnected(5000));
        a.write(head(0, 1000000) + photo.left(600000));
        QVERIFY(a.waitForBytesWritten(5000));
        QTRY_COMPARE_WITH_TIMEOUT(received(), qint64(600000), 10000);
        a.abort();
        QTest::qWait(200);
        QCOMPARE(received(), qint64(600000));

        // The next chunk hangs halfway; a newer upload continues from what arrived and completes.
        QTcpSocket b;
        b.connectToHost(QHostAddress::LocalHost, s.port);
        QVERIFY(b.waitForConnected(5000));
        b.write(head(600000, 400000) + photo.mid(600000, 300000));
        QVERIFY(b.waitForBytesWritten(5000));
        QTRY_COMPARE_WITH_TIMEOUT(received(), qint64(900000), 10000);
        auto done = s.call(s.nam(), "PUT", path + QString("?offset=900000&total=%1").arg(photo.size()), photo.mid(900000), t);
        QCOMPARE(done.status, 201);
        // The old connection's last bytes are refused, with where the blob stands.
        b.write(photo.mid(900000, 100000));
        QVERIFY(b.waitForBytesWritten(5000));
        QByteArray answer;
        while (!answer.contains("}") && b.waitForReadyRead(5000))
            answer += b.readAll();
        QVERIFY2(answer.startsWith("HTTP/1.1 409"), answer.left(300).constData());
        QVERIFY2(answer.contains("took over") && answer.contains("\"received\":2000000"), answer.constData());

        auto whole = s.call(s.nam(), "GET", path, {}, t);
        QCOMPARE(whole.status, 200);
        QCOMPARE(whole.raw, photo);
        QCOMPARE(s.call("POST", "/api/v1/blobs/missing", {{"sha256", {sha.toStdString()}}}, t).body["missing"].size(), 0u);
    }

    // A client that asks before sending a large body (curl does, for more than 1 MiB) is told to go
    // on at once, on the streamed path and the ordinary one.
    void expectContinueIsAnswered_data()
    {
        QTest::addColumn<bool>("photo");
        QTest::newRow("photo chunk") << true;
        QTest::newRow("json push") << false;
    }
    void expectContinueIsAnswered()
    {
        QFETCH(bool, photo);
        const QString t = m_tokens["member"];
        const QByteArray body = photo ? QByteArray(200000, 'p') : QByteArray::fromStdString(json {{"ops", json::array()}}.dump());
        const QString sha = QCryptographicHash::hash(body, QCryptographicHash::Sha256).toHex();
        const QByteArray target = photo ? ("/api/v1/blobs/" + sha + "?offset=0&total=200000").toUtf8() : kOps.toUtf8();
        QTcpSocket sock;
        sock.connectToHost(QHostAddress::LocalHost, m_shared.port);
        QVERIFY(sock.waitForConnected(5000));
        sock.write((photo ? "PUT " : "POST ") + target + " HTTP/1.1\r\nHost: a\r\nAuthorization: Bearer " + t.toUtf8()
            + "\r\nExpect: 100-continue\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n");
        QVERIFY(sock.waitForReadyRead(800)); // well before curl's one-second wait
        QCOMPARE(sock.readAll(), QByteArray("HTTP/1.1 100 Continue\r\n\r\n"));
        sock.write(body);
        QByteArray answer;
        while (!answer.contains("}") && sock.waitForReadyRead(5000))
            answer += sock.readAll();
        QVERIFY2(answer.startsWith(photo ? "HTTP/1.1 201" : "HTTP/1.1 200"), answer.constData());
    }

    void wrongBytesNeverBecomeABlob()
    {
        const std::string claimed(64, 'b');
        const QString path = "/api/v1/blobs/" + QString::fromStdString(claimed);
        const QString t = m_tokens["member"];
        auto r = m_shared.call(m_shared.nam(), "PUT", path + "?offset=0&total=5", "hello", t);
        QCOMPARE(r.status, 422);
        QCOMPARE(r.body["error"]["code"], json("hash_mismatch"));
        QCOMPARE(m_shared.call(m_shared.nam(), "GET", path, {}, t).status, 404);
        QCOMPARE(m_shared.call("GET", path + "/upload", nullptr, t).body["received"], json(0));
        QCOMPARE(m_shared.call(m_shared.nam(), "PUT", path + "?offset=0&total=999999999999", "x", t).status, 413);
        QCOMPARE(m_shared.call(m_shared.nam(), "PUT", "/api/v1/blobs/../../etc/passwd?offset=0&total=1", "x", t).status, 404);
        QCOMPARE(m_shared.call(m_shared.nam(), "PUT", "/api/v1/blobs/ABC?offset=0&total=1", "x", t).status, 400);
        QCOMPARE(m_shared.call(m_shared.nam(), "PUT", path, "x", t).status, 400); // no offset/total
    }

    void exportsCarryScoresIndicatorsFindingsAndSurvey()
    {
        ServerFixture s;
        QVERIFY(s.start());
        for (const char *who : {"li.hua", "wang.fang", "zhang.wei"})
            QCOMPARE(s.call("POST", kOps, {{"ops", demoOps(who)}}, s.login(who)).status, 200);
        const QString sup = s.login("chen.jing");
        auto j = s.call("GET", "/api/v1/inspections/demo-pilot-changchun-01/export?format=json", nullptr, sup);
        QCOMPARE(j.status, 200);
        QCOMPARE(j.body["inspections"][0]["total"], json(96.0));
        QCOMPARE(j.body["inspections"][0]["institution_name"], json("长春市福寿养老院"));
        QCOMPARE(j.body["indicators"].size(), 10u);
        QCOMPARE(j.body["findings"].size(), 2u);
        QVERIFY(j.body["survey"].size() >= 13u * 10u);
        for (const auto &row : j.body["survey"])
            QVERIFY(row["respondent"].get<std::string>().rfind("R", 0) == 0); // codes, never names
        auto csv = s.call(s.nam(), "GET", "/api/v1/inspections/demo-pilot-changchun-01/export?format=csv&table=findings", {}, sup);
        QCOMPARE(csv.status, 200);
        QVERIFY(csv.raw.startsWith("\xEF\xBB\xBFinspection,finding,item,hazard,title,suggestion,responsible,deadline,closed\r\n"));
        QVERIFY(csv.raw.contains("食堂负责人"));
        QCOMPARE(s.call(s.nam(), "GET", "/api/v1/inspections/demo-pilot-changchun-01/export?format=csv", {}, sup).status, 400);
        auto xlsx = s.call(s.nam(), "GET", "/api/v1/exports?from=2025-01-01&to=2030-12-31&format=xlsx", {}, sup);
        QCOMPARE(xlsx.status, 200);
        QVERIFY(xlsx.raw.startsWith("PK")); // a zip container, as XLSX is
        QVERIFY(xlsx.raw.size() > 2000);
        auto period = s.call("GET", "/api/v1/exports?from=2025-11-26&to=2025-11-30", nullptr, sup);
        QCOMPARE(period.body["inspections"].size(), 2u); // the two inspections planned in that week
        QCOMPARE(s.call("GET", "/api/v1/exports", nullptr, s.login("wang.fang")).status, 403);
        QCOMPARE(s.call("GET", "/api/v1/exports?from=yesterday", nullptr, sup).status, 400);
    }

    void tlsWhenACertificateIsGiven()
    {
        QTemporaryDir certs;
        const QString cert = certs.filePath("cert.pem"), key = certs.filePath("key.pem");
        QProcess openssl;
        openssl.start("openssl",
            {"req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1", "-keyout", key, "-out", cert});
        QVERIFY2(openssl.waitForFinished(60000) && openssl.exitCode() == 0, openssl.readAllStandardError().constData());
        ServerFixture s;
        QVERIFY2(s.start({"--demo", "--tls-cert", cert, "--tls-key", key}), s.log.constData());
        QVERIFY(s.log.contains("listening on https://127.0.0.1:"));
        // TLS comes from its module, which brings OpenSSL (net/transport.h).
        QFile maps(QString("/proc/%1/maps").arg(s.process.processId()));
        QVERIFY(maps.open(QIODevice::ReadOnly));
        const QByteArray mapped = maps.readAll();
        QVERIFY(mapped.contains("careeval-tls.so"));
        QVERIFY(mapped.contains("libssl.so"));
        QProcess curl;
        curl.start("curl", {"-s", "--cacert", cert, QString("https://127.0.0.1:%1/healthz").arg(s.port)});
        QVERIFY(curl.waitForFinished(30000));
        QCOMPARE(json::parse(curl.readAllStandardOutput().toStdString(), nullptr, false)["status"], json("ok"));
        // Plain HTTP to the TLS port gets nothing usable.
        QProcess plain;
        plain.start("curl", {"-s", "-m", "5", "-o", "/dev/null", "-w", "%{http_code}", QString("http://127.0.0.1:%1/healthz").arg(s.port)});
        QVERIFY(plain.waitForFinished(30000));
        QVERIFY(plain.readAllStandardOutput() != "200");

        // A certificate without the module: a clear refusal at start that names the module and why,
        // never a server on plain HTTP where TLS was asked for.
        QTemporaryDir dir;
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("CAREEVAL_TLS_MODULE", dir.filePath("missing.so"));
        p.setProcessEnvironment(env);
        p.start(CAREEVAL_SERVER, {"--data", dir.filePath("data"), "--listen", "127.0.0.1:0", "--tls-cert", cert, "--tls-key", key});
        QVERIFY(p.waitForFinished(30000));
        const QByteArray err = p.readAllStandardError();
        QVERIFY2(p.exitCode() != 0, err.constData());
        QVERIFY2(err.contains("careeval-tls.so") && err.contains("not there"), err.constData());
        QVERIFY2(!err.contains("listening on"), err.constData());
        QVERIFY(!QFileInfo::exists(dir.filePath("data"))); // refused before the data folder was made

        // A certificate or key that is not there or empty, or one given without the other: named at
        // start, before the data folder is made.
        QFile empty(dir.filePath("empty.pem"));
        QVERIFY(empty.open(QIODevice::WriteOnly));
        empty.close();
        const QString missing = dir.filePath("nowhere/cert.pem");
        const std::vector<std::pair<QStringList, QByteArray>> refusals {
            {{"--tls-cert", missing, "--tls-key", key}, ("cannot read TLS certificate " + missing + ": not a file").toUtf8()},
            {{"--tls-cert", cert, "--tls-key", empty.fileName()}, ("cannot read TLS key " + empty.fileName() + ": empty").toUtf8()},
            {{"--tls-cert", cert}, "TLS needs both a certificate and its key"},
        };
        for (const auto &[args, expected] : refusals) {
            QProcess q;
            q.start(CAREEVAL_SERVER, QStringList {"--data", dir.filePath("data"), "--listen", "127.0.0.1:0"} + args);
            QVERIFY(q.waitForFinished(30000));
            const QByteArray said = q.readAllStandardError();
            QVERIFY2(q.exitCode() != 0 && said.contains(expected), said.constData());
            QVERIFY(!QFileInfo::exists(dir.filePath("data")));
        }
    }

    void optionalLibrariesLoadOnlyWhenAskedFor()
    {
        // The default server (SQLite, photos in the data folder) never maps libpq or libcurl: they
        // and what they bring are ~4 MB of resident memory (storage/remote.h).
        if (!storetest::onPostgres() && qEnvironmentVariable("CAREEVAL_TEST_S3").isEmpty()) {
            ServerFixture s;
            QVERIFY2(s.start({"--demo"}), s.log.constData());
            QFile maps(QString("/proc/%1/maps").arg(s.process.processId()));
            QVERIFY(maps.open(QIODevice::ReadOnly));
            const QByteArray mapped = maps.readAll();
            QVERIFY(mapped.contains("libsqlite3"));
            for (const char *lib : {"libpq.so", "libcurl", "careeval-remote.so", "libgnutls", "libkrb5"})
                QVERIFY2(!mapped.contains(lib), lib);
            // Nor OpenSSL (TLS is a module of its own, blobs are hashed by our SHA-256) and libxlsxwriter
            // (which brings libcrypto) until a workbook is asked for: ~1.7 MB each.
            for (const char *lib : {"libssl", "libcrypto", "careeval-tls.so", "libxlsxwriter", "libminizip"})
                QVERIFY2(!mapped.contains(lib), lib);
            const QString sup = s.login("chen.jing");
            auto xlsx = s.call(s.nam(), "GET", "/api/v1/exports?from=2025-01-01&to=2030-12-31&format=xlsx", {}, sup);
            QCOMPARE(xlsx.status, 200);
            QVERIFY(xlsx.raw.startsWith("PK"));
            QFile after(QString("/proc/%1/maps").arg(s.process.processId()));
            QVERIFY(after.open(QIODevice::ReadOnly));
            QVERIFY(after.readAll().contains("libxlsxwriter"));
        }
        // Asked for without the module: a clear refusal at start that names the module and why.
        QTemporaryDir dir;
        QFile notElf(dir.filePath("careeval-remote.so"));
        QVERIFY(notElf.open(QIODevice::WriteOnly));
        notElf.write("not a shared object\n");
        notElf.close();
        struct Case {
            QString module;
            QStringList args;
            const char *why;
        };
        const QString pg = "postgresql://careeval@127.0.0.1:1/none";
        for (const Case &c : {Case {dir.filePath("missing.so"), {"--database", pg}, "not there"},
                 Case {notElf.fileName(), {"--database", pg}, "careeval-remote.so"},
                 Case {dir.filePath("missing.so"), {"--blobs", "s3://photos?endpoint=http://127.0.0.1:1"}, "not there"}}) {
            QProcess p;
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.insert("CAREEVAL_REMOTE_MODULE", c.module);
            env.insert("AWS_ACCESS_KEY_ID", "k");
            env.insert("AWS_SECRET_ACCESS_KEY", "s");
            p.setProcessEnvironment(env);
            p.start(CAREEVAL_SERVER, QStringList {"--data", dir.filePath("data"), "--listen", "127.0.0.1:0"} + c.args);
            QVERIFY(p.waitForFinished(30000));
            const QByteArray err = p.readAllStandardError();
            QVERIFY2(p.exitCode() != 0, err.constData());
            QVERIFY2(err.contains("careeval-remote.so") && err.contains(c.why), err.constData());
            QVERIFY2(!err.contains("listening on"), err.constData());
        }
    }

    void slowClientsAreDropped()
    {
        ServerFixture s;
        QVERIFY(s.start({"--demo", "--read-timeout", "1"}));
        // A client that sends half a header and stalls is disconnected after the read timeout.
        QTcpSocket slow;
        slow.connectToHost(QHostAddress::LocalHost, s.port);
        QVERIFY(slow.waitForConnected(5000));
        slow.write("GET /healthz HTTP/1.1\r\nHost: a\r\n");
        slow.waitForBytesWritten(1000);
        QElapsedTimer t;
        t.start();
        QVERIFY(slow.state() == QAbstractSocket::UnconnectedState || slow.waitForDisconnected(8000));
        QVERIFY(t.elapsed() >= 500); // dropped by the timeout, not refused at once
    }

    void connectionsAreCapped()
    {
        ServerFixture s;
        QVERIFY(s.start({"--demo", "--max-connections", "3"}));
        // Three idle connections fill the cap; a fourth is told the server is busy.
        std::vector<std::unique_ptr<QTcpSocket>> held;
        for (int i = 0; i < 3; ++i) {
            held.push_back(std::make_unique<QTcpSocket>());
            held.back()->connectToHost(QHostAddress::LocalHost, s.port);
            QVERIFY(held.back()->waitForConnected(5000));
        }
        // Once the server has taken the three in (a loaded machine may take a while), more are refused.
        QTRY_VERIFY_WITH_TIMEOUT(s.raw("GET /healthz HTTP/1.1\r\nHost: a\r\n\r\n").startsWith("HTTP/1.1 503"), 10000);
        held.clear();
        QTRY_VERIFY_WITH_TIMEOUT(s.raw("GET /healthz HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n").startsWith("HTTP/1.1 200"), 10000);
    }

    void assignmentsCarryAnETag()
    {
        const QString t = m_tokens["member"];
        auto first = m_shared.call(m_shared.nam(), "GET", "/api/v1/inspections", {}, t);
        QCOMPARE(first.status, 200);
        // Team members come with their names, so tablets can show people as people know them.
        bool named = false;
        for (const auto &insp : first.body["inspections"])
            for (const auto &m : insp["team"])
                if (m["username"] == "wang.fang") {
                    QCOMPARE(m.value("display_name", std::string()), std::string("王芳"));
                    named = true;
                }
        QVERIFY2(named, first.raw.constData());
        const QByteArray etag = first.headers.value("etag");
        QVERIFY(!etag.isEmpty());
        QCOMPARE(m_shared.call(m_shared.nam(), "GET", "/api/v1/inspections", {}, t, {{"If-None-Match", etag}}).status, 304);
    }

    void gracefulStop()
    {
        ServerFixture s;
        QVERIFY(s.start());
        QCOMPARE(s.call("GET", "/healthz", nullptr).status, 200);
        QCOMPARE(s.terminate(), 0);
        QVERIFY(s.log.contains("SIGTERM: finishing requests in flight"));
        QVERIFY(s.log.contains("stopped"));
    }

    void doubleRandomDrawIsReproducibleAndAvoidsLinks()
    {
        for (int seed : {1, 7, 42, 2025, 99991}) {
            auto r = m_shared.call("POST", "/api/v1/draws", {{"seed", seed}, {"k", 1}, {"team_size", 3}}, m_tokens["admin"]);
            QCOMPARE(r.status, 201);
            for (const auto &a : r.body["assignments"]) {
                const auto team = a["team"].get<std::vector<std::string>>();
                if (a["institution"] == "cc-fushou")
                    QVERIFY(std::find(team.begin(), team.end(), "zhao.lei") == team.end());
                if (a["institution"] == "yb-xiyang")
                    QVERIFY(std::find(team.begin(), team.end(), "liu.min") == team.end());
            }
            auto again = m_shared.call("GET", QString("/api/v1/draws/%1").arg(r.body["id"].get<int>()), nullptr, m_tokens["supervisor"]);
            QCOMPARE(again.status, 200);
            QCOMPARE(again.body["reproduced"], json(true));
            QCOMPARE(again.body["assignments"], r.body["assignments"]);
        }
        auto tooMany = m_shared.call("POST", "/api/v1/draws", {{"k", 50}, {"team_size", 3}}, m_tokens["admin"]);
        QCOMPARE(tooMany.status, 409);
        // A team is three to five inspectors (one lead): other sizes are refused before any draw.
        for (int size : {2, 6})
            QCOMPARE(m_shared.call("POST", "/api/v1/draws", {{"k", 1}, {"team_size", size}}, m_tokens["admin"]).status, 400);
    }

    void templatesUploadValidatedAndCached()
    {
        auto text = readFile(testutil::sourcePath("assets/templates/resident-satisfaction.json")).value();
        json t = json::parse(text);
        t["steps"][0]["sections"][0]["items"][0]["type"] = "chek";
        auto bad = m_shared.call("POST", "/api/v1/templates", t, m_tokens["admin"]);
        QCOMPARE(bad.status, 400);
        QCOMPARE(bad.body["error"]["code"], json("invalid_template"));
        QVERIFY(bad.body["error"]["message"].get<std::string>().find("/steps/0/sections/0/items/0/type") != std::string::npos);
        t = json::parse(text);
        t["title"]["en"] = "Changed without a new version";
        QCOMPARE(m_shared.call("POST", "/api/v1/templates", t, m_tokens["admin"]).status, 409);
        t["version"] = "1.0.1";
        QCOMPARE(m_shared.call("POST", "/api/v1/templates", t, m_tokens["admin"]).status, 201);
        auto got = m_shared.call("GET", "/api/v1/templates/resident-satisfaction/1.0.1", nullptr, m_tokens["member"]);
        QCOMPARE(got.status, 200);
        const QByteArray etag = got.headers.value("etag");
        QVERIFY(!etag.isEmpty());
        auto cached = m_shared.call(
            m_shared.nam(), "GET", "/api/v1/templates/resident-satisfaction/1.0.1", {}, m_tokens["member"], {{"If-None-Match", etag}});
        QCOMPARE(cached.status, 304);
    }
};

QTEST_GUILESS_MAIN(TestServer)
#include "tst_server.moc"
