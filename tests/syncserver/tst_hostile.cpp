// The server against hostile clients (issue 15), through the real binary on loopback: idle sockets,
// account lockout and password spraying, bodies refused before they are read, header injection,
// internal text, the last administrator, and HTTP details. Other 127.x.y.z addresses act as other
// clients.

#include "serverfixture.h"

#include <careeval/jsonutil.h>
#include <careeval/operation.h>
#include <careeval/wire.h>

#include <QCryptographicHash>
#include <QDirIterator>
#include <QStandardPaths>

#include <future>

#include <sys/resource.h>

using json = nlohmann::json;

namespace {

// A raw connection from a chosen loopback address.
std::unique_ptr<QTcpSocket> connectFrom(const QString &address, quint16 port)
{
    auto s = std::make_unique<QTcpSocket>();
    if (!s->bind(QHostAddress(address), 0))
        return nullptr;
    s->connectToHost(QHostAddress::LocalHost, port);
    if (!s->waitForConnected(5000))
        return nullptr;
    return s;
}

QByteArray exchange(QTcpSocket &s, const QByteArray &request)
{
    s.write(request);
    s.waitForBytesWritten(5000);
    QByteArray answer;
    while (s.waitForReadyRead(2000))
        answer += s.readAll();
    return answer + s.readAll();
}

QByteArray header(const QByteArray &answer, const QByteArray &name)
{
    for (const QByteArray &line : answer.left(answer.indexOf("\r\n\r\n")).split('\n'))
        if (line.toLower().startsWith(name.toLower() + ":"))
            return line.mid(name.size() + 1).trimmed();
    return {};
}

} // namespace

class TestHostile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        // 2,000 sockets need more descriptors than the usual soft limit of 1,024.
        rlimit lim {};
        if (::getrlimit(RLIMIT_NOFILE, &lim) == 0 && lim.rlim_cur < lim.rlim_max) {
            lim.rlim_cur = lim.rlim_max;
            ::setrlimit(RLIMIT_NOFILE, &lim);
        }
    }

    // Point 1: idle sockets from one address cannot take the server: past its share that address
    // is told 503 (well formed, with Retry-After), other clients are served, and a connection that
    // sends no complete header is closed after the header timeout.
    void idleSocketsLockNobodyOut()
    {
        ServerFixture s;
        QVERIFY(s.start({"--demo", "--max-per-address", "8", "--header-timeout", "2"}));
        std::vector<std::unique_ptr<QTcpSocket>> held;
        for (int i = 0; i < 8; ++i) {
            held.push_back(connectFrom("127.0.0.9", s.port));
            QVERIFY(held.back());
        }
        // The ninth from that address is busy…
        QByteArray busy;
        QTRY_VERIFY_WITH_TIMEOUT(
            (busy = exchange(*connectFrom("127.0.0.9", s.port), "GET /healthz HTTP/1.1\r\nHost: a\r\n\r\n")).startsWith("HTTP/1.1 503"),
            10000);
        const QByteArray body = busy.mid(busy.indexOf("\r\n\r\n") + 4);
        QCOMPARE(header(busy, "Content-Length").toInt(), body.size());
        QVERIFY(!header(busy, "Retry-After").isEmpty());
        QVERIFY(!json::parse(body.toStdString(), nullptr, false).is_discarded());
        // …while another client is served at once.
        auto other = connectFrom("127.0.0.10", s.port);
        QVERIFY(other);
        QVERIFY(exchange(*other, "GET /healthz HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n").startsWith("HTTP/1.1 200"));
        // The idle ones are closed for sending no header in time; the address is served again.
        QTRY_VERIFY_WITH_TIMEOUT(
            held.front()->state() == QAbstractSocket::UnconnectedState || !held.front()->waitForReadyRead(100) || held.front()->atEnd(),
            8000);
        for (auto &h : held)
            QVERIFY(h->state() == QAbstractSocket::UnconnectedState || h->waitForDisconnected(6000));
        QVERIFY(exchange(*connectFrom("127.0.0.9", s.port), "GET /healthz HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n")
                    .startsWith("HTTP/1.1 200"));
        // Logged and counted.
        const auto m = s.call("GET", "/metrics", nullptr);
        QVERIFY(m.raw.contains("careeval_transport_rejections_total{reason=\"busy\"}"));
        QVERIFY(!m.raw.contains("careeval_transport_rejections_total{reason=\"busy\"} 0\n"));
    }

    // /healthz is answered while 2,000 idle connections are held (from 40 addresses).
    void healthWhileThousandsAreIdle()
    {
        rlimit lim {};
        if (::getrlimit(RLIMIT_NOFILE, &lim) != 0 || lim.rlim_cur < 2200)
            QSKIP("this machine allows fewer than 2,200 open files per process");
        ServerFixture s;
        QVERIFY(s.start({"--demo", "--header-timeout", "30"}));
        std::vector<std::unique_ptr<QTcpSocket>> held;
        for (int a = 0; a < 40; ++a)
            for (int i = 0; i < 50; ++i) {
                auto c = std::make_unique<QTcpSocket>();
                QVERIFY(c->bind(QHostAddress(QString("127.0.1.%1").arg(a + 1)), 0));
                c->connectToHost(QHostAddress::LocalHost, s.port);
                held.push_back(std::move(c));
            }
        for (auto &c : held)
            QVERIFY(c->state() == QAbstractSocket::ConnectedState || c->waitForConnected(5000));
        QCOMPARE(s.call("GET", "/healthz", nullptr).status, 200);
        QTRY_VERIFY_WITH_TIMEOUT(s.call("GET", "/metrics", nullptr).raw.contains("careeval_connections 20"), 10000);
    }

    // Point 2: five wrong passwords from one address slow that address for that name only; the
    // right password from another address works; spraying names from one address is slowed too;
    // tries in parallel get no more than five.
    void signInThrottlePerNameAndAddress()
    {
        ServerFixture s;
        QVERIFY(s.start());
        auto login = [&](const QString &from, const QString &user, const QString &pw) {
            auto c = connectFrom(from, s.port);
            const QByteArray body
                = QByteArray::fromStdString(json {{"username", user.toStdString()}, {"password", pw.toStdString()}}.dump());
            return exchange(*c,
                "POST /api/v1/auth/login HTTP/1.1\r\nHost: a\r\nConnection: close\r\nContent-Type: application/json\r\n"
                "Content-Length: "
                    + QByteArray::number(body.size()) + "\r\n\r\n" + body);
        };
        for (int i = 0; i < 5; ++i)
            QVERIFY(login("127.0.0.20", "admin", "wrong-" + QString::number(i)).startsWith("HTTP/1.1 401"));
        const QByteArray locked = login("127.0.0.20", "admin", "admin-pass-1");
        QVERIFY2(locked.startsWith("HTTP/1.1 429"), locked.left(200).constData());
        QVERIFY(!header(locked, "Retry-After").isEmpty());
        // The administrator at another desk signs in.
        QVERIFY(login("127.0.0.21", "admin", "admin-pass-1").startsWith("HTTP/1.1 200"));
        // Spraying: one address, one guess for each of many names.
        int refused = 0;
        for (int i = 0; i < 30; ++i)
            refused += login("127.0.0.22", "user" + QString::number(i), "Password1").startsWith("HTTP/1.1 429");
        QVERIFY2(refused >= 9, qPrintable(QString::number(refused)));
        QVERIFY(login("127.0.0.22", "zhang.wei", "demo-2025").startsWith("HTTP/1.1 429")); // that address waits
        QVERIFY(login("127.0.0.23", "zhang.wei", "demo-2025").startsWith("HTTP/1.1 200"));
        // Twelve tries at once for one name from one address: at most five are judged.
        std::vector<std::future<QByteArray>> tries;
        for (int i = 0; i < 12; ++i)
            tries.push_back(std::async(std::launch::async, [&, i] {
                QTcpSocket c;
                c.bind(QHostAddress("127.0.0.24"), 0);
                c.connectToHost(QHostAddress::LocalHost, s.port);
                c.waitForConnected(5000);
                const QByteArray body
                    = QByteArray::fromStdString(json {{"username", "wang.fang"}, {"password", "x" + std::to_string(i)}}.dump());
                return exchange(c,
                    "POST /api/v1/auth/login HTTP/1.1\r\nHost: a\r\nConnection: close\r\nContent-Length: " + QByteArray::number(body.size())
                        + "\r\n\r\n" + body);
            }));
        int judged = 0;
        for (auto &t : tries)
            judged += t.get().startsWith("HTTP/1.1 401");
        QVERIFY2(judged <= 5, qPrintable(QString::number(judged)));
    }

    // Point 3: password hashing runs on the worker pool, not the I/O thread: with one I/O thread, a
    // request sent after four sign-ins is answered while they are still being hashed (before, it
    // waited behind all four).
    void signInsDoNotHoldOtherRequests()
    {
        ServerFixture s;
        QVERIFY(s.start({"--demo", "--threads", "1"}));
        const QString token = s.login("zhang.wei");
        QVERIFY(!token.isEmpty());
        std::vector<std::unique_ptr<QTcpSocket>> signIns;
        const QByteArray body = R"({"username":"wang.fang","password":"demo-2025"})";
        for (int i = 0; i < 4; ++i) {
            signIns.push_back(connectFrom("127.0.0." + QString::number(50 + i), s.port));
            signIns.back()->write(
                "POST /api/v1/auth/login HTTP/1.1\r\nHost: a\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body);
            signIns.back()->flush();
        }
        auto me = connectFrom("127.0.0.60", s.port);
        me->write("GET /api/v1/me HTTP/1.1\r\nHost: a\r\nAuthorization: Bearer " + token.toUtf8() + "\r\n\r\n");
        // Read exactly the answer (header and Content-Length bytes), no longer.
        QByteArray answer;
        while (me->waitForReadyRead(10000)) {
            answer += me->readAll();
            const auto end = answer.indexOf("\r\n\r\n");
            if (end >= 0 && answer.size() - end - 4 >= header(answer, "Content-Length").toInt())
                break;
        }
        QVERIFY(answer.startsWith("HTTP/1.1 200"));
        int answered = 0;
        for (auto &c : signIns)
            answered += c->bytesAvailable() > 0 || c->waitForReadyRead(0);
        QVERIFY2(answered < 4, "GET /me waited for every sign-in's password hash");
        for (auto &c : signIns) {
            QByteArray got = c->readAll();
            while (!got.contains("\r\n\r\n") && c->waitForReadyRead(10000))
                got += c->readAll();
            QVERIFY2(got.startsWith("HTTP/1.1 200"), got.left(100).constData());
        }
    }

    // Point 4: a body is refused from its header when the request is not signed in: the 8 MiB are
    // never read (the answer comes before they are sent).
    void unauthenticatedBodiesAreNotRead()
    {
        ServerFixture s;
        QVERIFY(s.start());
        const QByteArray sha(64, 'a');
        auto c = connectFrom("127.0.0.30", s.port);
        c->write("PUT /api/v1/blobs/" + sha + "?offset=0&total=8388608 HTTP/1.1\r\nHost: a\r\nContent-Length: 8388608\r\n\r\n");
        QVERIFY(c->waitForReadyRead(5000));
        QVERIFY(c->readAll().startsWith("HTTP/1.1 401"));
        auto d = connectFrom("127.0.0.30", s.port);
        d->write(
            "POST /api/v1/inspections/x/ops HTTP/1.1\r\nHost: a\r\nAuthorization: Bearer nonsense\r\nContent-Length: 3000000\r\n\r\n{");
        QVERIFY(d->waitForReadyRead(5000));
        QVERIFY(d->readAll().startsWith("HTTP/1.1 401"));
    }

    // Point 5: nothing from a request reaches a header unchecked.
    void noHeaderInjection()
    {
        ServerFixture s;
        QVERIFY(s.start());
        const QString t = s.login("admin", "admin-pass-1");
        auto c = connectFrom("127.0.0.31", s.port);
        const QByteArray answer = exchange(*c,
            "GET /api/v1/exports?format=csv&from=%0D%0AX-Evil:%201 HTTP/1.1\r\nHost: a\r\nConnection: close\r\n"
            "Authorization: Bearer "
                + t.toUtf8() + "\r\n\r\n");
        QVERIFY2(answer.startsWith("HTTP/1.1 400"), answer.left(200).constData());
        QVERIFY(!answer.contains("X-Evil"));
        QCOMPARE(s.call("GET", "/api/v1/exports?from=2026-02-30", nullptr, t).status, 400);
        QCOMPARE(s.call("GET", "/api/v1/exports?from=2026-02-01&to=2026-12-31", nullptr, t).status, 200);
    }

    // Names in the path that are not text (bad UTF-8, a NUL) name nothing: 404 on either backend
    // (PostgreSQL refuses such bytes outright, which had become a 500); text fields with a NUL are
    // refused with the field's name (libpq would have cut them short, SQLite stored them).
    void namesThatAreNotTextNameNothing()
    {
        ServerFixture s;
        QVERIFY(s.start());
        const QString t = s.login("admin", "admin-pass-1");
        // (a NUL in the path is already refused by the transport, with 400)
        const std::pair<const char *, const char *> cases[] = {{"GET /api/v1/inspections/%FF", "HTTP/1.1 404"},
            {"GET /api/v1/inspections/%FF/ops?after=0", "HTTP/1.1 404"}, {"GET /api/v1/templates/%C0%AF/1", "HTTP/1.1 404"},
            {"GET /api/v1/inspections/a%00b/state", "HTTP/1.1 400"}, {"PATCH /api/v1/users/%ED%A0%80", "HTTP/1.1 404"}};
        for (const auto &[path, expected] : cases) {
            auto c = connectFrom("127.0.0.32", s.port);
            const QByteArray answer = exchange(*c,
                QByteArray(path) + " HTTP/1.1\r\nHost: a\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: 16\r\n"
                    + "Authorization: Bearer " + t.toUtf8() + "\r\n\r\n{\"active\":false}");
            QVERIFY2(answer.startsWith(expected), (QByteArray(path) + ": " + answer.left(300)).constData());
        }
        const std::string nul("a\0b", 3);
        const auto inst = s.call(
            "POST", "/api/v1/institutions", {{"id", "nul-test"}, {"name", nul}, {"region", "r"}, {"address", "a"}, {"beds", 3}}, t);
        QCOMPARE(inst.status, 400);
        QVERIFY2(inst.body.dump().find("NUL") != std::string::npos, inst.body.dump().c_str());
        const auto user = s.call("POST", "/api/v1/users",
            {{"username", "nul.test"}, {"display_name", nul}, {"role", "evaluator"}, {"password", "password-1234"}}, t);
        QCOMPARE(user.status, 400);
        QCOMPARE(s.call("GET", "/api/v1/institutions", nullptr, t).body.dump().find("nul-test"), std::string::npos);
    }

    // Points 7 and 8: the last active administrator stays; errors say what is wrong in the request,
    // never the database's words.
    void lastAdministratorStays()
    {
        ServerFixture s;
        QVERIFY(s.start());
        const QString t = s.login("admin", "admin-pass-1");
        for (const json &change : {json {{"role", "supervisor"}}, json {{"active", false}}}) {
            const auto r = s.call("PATCH", "/api/v1/users/admin", change, t);
            QCOMPARE(r.status, 409);
            QCOMPARE(r.body["error"]["code"], json("last_admin"));
        }
        QCOMPARE(s.call("GET", "/api/v1/me", nullptr, t).body["role"], json("admin"));
        QCOMPARE(s.call("POST", "/api/v1/users",
                      {{"username", "admin2"}, {"display_name", "B"}, {"role", "admin"}, {"password", "second-admin-pw"}}, t)
                     .status,
            201);
        QCOMPARE(s.call("PATCH", "/api/v1/users/admin", {{"role", "supervisor"}}, t).status, 200);
        const QString t2 = s.login("admin2", "second-admin-pw");
        QCOMPARE(s.call("PATCH", "/api/v1/users/admin2", {{"active", false}}, t2).status, 409);
        const auto dup = s.call(
            "POST", "/api/v1/users", {{"username", "admin2"}, {"display_name", "C"}, {"role", "lead"}, {"password", "whatever-123"}}, t2);
        QCOMPARE(dup.status, 409);
        QVERIFY(!dup.raw.contains("UNIQUE") && !dup.raw.contains("constraint") && !dup.raw.contains("json.exception"));
    }

    // Issue 16: the largest photo the server takes is a setting (--max-photo MB), not a constant.
    void photoSizeLimitIsASetting()
    {
        ServerFixture s;
        QVERIFY(s.start({"--demo", "--max-photo", "1"}));
        const QString member = s.login("zhang.wei");
        const QByteArray small(600000, 's'), big(1100000, 'b');
        const QString smallSha = QCryptographicHash::hash(small, QCryptographicHash::Sha256).toHex();
        const QString bigSha = QCryptographicHash::hash(big, QCryptographicHash::Sha256).toHex();
        const auto refused = s.call(s.nam(), "PUT", "/api/v1/blobs/" + bigSha + QString("?offset=0&total=%1").arg(big.size()), big, member);
        QCOMPARE(refused.status, 413);
        QVERIFY2(refused.raw.contains("1048576"), refused.raw.constData());
        QCOMPARE(
            s.call(s.nam(), "PUT", "/api/v1/blobs/" + smallSha + QString("?offset=0&total=%1").arg(small.size()), small, member).status,
            201);
    }

    // Point 6: a photo is read by those who may read an inspection that names it (and supervisors);
    // to anyone else it does not exist — not by GET, not in the missing list, not by an upload that
    // completes at once. Uploads are for team members, within a quota; one user's unfinished upload
    // cannot be discarded by another; stale ones expire.
    void photosAreScopedToTheirInspections()
    {
        ServerFixture s;
        QVERIFY(s.start({"--demo", "--admin-password", "admin-pass-1", "--upload-quota", "1"}));
        const QString admin = s.login("admin", "admin-pass-1");
        QCOMPARE(s.call("POST", "/api/v1/users",
                      {{"username", "outsider"}, {"display_name", "O"}, {"role", "evaluator"}, {"password", "outsider-pw-1"}}, admin)
                     .status,
            201);
        const QString member = s.login("zhang.wei"), teammate = s.login("wang.fang"), outsider = s.login("outsider", "outsider-pw-1");
        const QString supervisor = s.login("chen.jing");
        QByteArray photo(300000, '\0');
        for (int i = 0; i < photo.size(); ++i)
            photo[i] = static_cast<char>((static_cast<qint64>(i) * 7919) % 251);
        const QString sha = QCryptographicHash::hash(photo, QCryptographicHash::Sha256).toHex();
        const QString path = "/api/v1/blobs/" + sha;
        auto put = [&](const QString &token, const QByteArray &bytes, qint64 offset, qint64 total) {
            return s.call(s.nam(), "PUT", path + QString("?offset=%1&total=%2").arg(offset).arg(total), bytes, token);
        };
        // Someone with no inspection uploads nothing.
        QCOMPARE(put(outsider, photo, 0, photo.size()).status, 403);
        // The member uploads it and attaches it to the inspection.
        QCOMPARE(put(member, photo, 0, photo.size()).status, 201);
        careeval::Operation op;
        op.id = careeval::Uuid::generate();
        op.inspection = "demo-pilot-changchun-01";
        op.author = "zhang.wei";
        op.device = "test-zhang.wei";
        op.clock = 1;
        op.time = careeval::nowMillis();
        op.kind = careeval::OpKind::PhotoAttach;
        op.target = "site_photos";
        op.value = careeval::canonicalJson(json {{"sha256", sha.toStdString()}});
        QCOMPARE(s.call("POST", "/api/v1/inspections/demo-pilot-changchun-01/ops", {{"ops", {careeval::toJson(op)}}}, member).status, 200);
        QCOMPARE(s.call(s.nam(), "GET", path, {}, teammate).raw, photo);
        QCOMPARE(s.call(s.nam(), "GET", path, {}, supervisor).status, 200);
        // The outsider: no such blob, missing, and not complete.
        QCOMPARE(s.call(s.nam(), "GET", path, {}, outsider).status, 404);
        QCOMPARE(s.call("POST", "/api/v1/blobs/missing", {{"sha256", {sha.toStdString()}}}, outsider).body["missing"].size(), 1u);
        QCOMPARE(s.call("GET", path + "/upload", nullptr, outsider).body["complete"], json(false));

        // Two users' unfinished uploads of the same bytes are apart: B's short "final" chunk cannot
        // discard A's.
        QByteArray other(800000, 'q');
        const QString sha2 = QCryptographicHash::hash(other, QCryptographicHash::Sha256).toHex();
        const QString path2 = "/api/v1/blobs/" + sha2;
        QCOMPARE(s.call(s.nam(), "PUT", path2 + QString("?offset=0&total=%1").arg(other.size()), other.left(200000), member).status, 200);
        QCOMPARE(s.call(s.nam(), "PUT", path2 + "?offset=0&total=10", QByteArray(10, 'x'), teammate).status, 422);
        QCOMPARE(s.call("GET", path2 + "/upload", nullptr, member).body["received"], json(200000));
        // The quota (1 MiB here): a second unfinished upload that would pass it is refused.
        QByteArray third(900000, 'r'); // 200,000 unfinished + 900,000 > 1 MiB
        const QString sha3 = QCryptographicHash::hash(third, QCryptographicHash::Sha256).toHex();
        const auto over
            = s.call(s.nam(), "PUT", "/api/v1/blobs/" + sha3 + QString("?offset=0&total=%1").arg(third.size()), third.left(1000), member);
        QCOMPARE(over.status, 413);
        QVERIFY(over.raw.contains("MiB per user"));

        // Unfinished uploads untouched for two days are gone after a restart.
        s.kill9();
        QDirIterator it(s.dir.path() + "/uploads", QDir::Files, QDirIterator::Subdirectories);
        int aged = 0;
        while (it.hasNext()) {
            QFile f(it.next());
            QVERIFY(f.open(QIODevice::ReadWrite));
            aged += f.setFileTime(QDateTime::currentDateTime().addDays(-3), QFileDevice::FileModificationTime);
        }
        QVERIFY(aged >= 1);
        QVERIFY(s.start({"--upload-quota", "1"}));
        QCOMPARE(s.call("GET", path2 + "/upload", nullptr, s.login("zhang.wei")).body["received"], json(0));
    }

    // Point 10: /metrics passes Prometheus's own linter with no findings.
    void metricsPassPromtool()
    {
        if (QStandardPaths::findExecutable("promtool").isEmpty())
            QSKIP("promtool is not installed (scripts/deps.sh installs it)");
        ServerFixture s;
        QVERIFY(s.start());
        QVERIFY(s.login("zhang.wei").size() > 0);
        s.raw("POST /api/v1/inspections/x/ops HTTP/1.1\r\nHost: a\r\nContent-Length: 99000000\r\n\r\n"); // a rejection counted
        const auto m = s.call("GET", "/metrics", nullptr);
        QCOMPARE(m.status, 200);
        QProcess lint;
        lint.start("promtool", {"check", "metrics"});
        QVERIFY(lint.waitForStarted(10000));
        lint.write(m.raw);
        lint.closeWriteChannel();
        QVERIFY(lint.waitForFinished(30000));
        const QByteArray findings = lint.readAllStandardOutput() + lint.readAllStandardError();
        QVERIFY2(lint.exitCode() == 0 && findings.trimmed().isEmpty(), findings.constData());
    }

    // Point 9: HEAD, unknown methods, strict integers, the bearer scheme, no-store tokens, JSON logs.
    void httpDetails()
    {
        ServerFixture s;
        QVERIFY(s.start());
        auto c = connectFrom("127.0.0.40", s.port);
        const QByteArray head = exchange(*c, "HEAD /healthz HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
        QVERIFY2(head.startsWith("HTTP/1.1 200"), head.left(200).constData());
        QVERIFY(header(head, "Content-Length").toInt() > 0);
        QCOMPARE(head.mid(head.indexOf("\r\n\r\n") + 4), QByteArray()); // no body
        auto d = connectFrom("127.0.0.40", s.port);
        QVERIFY(exchange(*d, "BREW /healthz HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n").startsWith("HTTP/1.1 501"));
        QCOMPARE(s.call("DELETE", "/healthz", nullptr).status, 405);

        const auto login = s.call("POST", "/api/v1/auth/login", {{"username", "zhang.wei"}, {"password", "demo-2025"}});
        QCOMPARE(login.status, 200);
        QCOMPARE(login.headers.value("cache-control"), QByteArray("no-store"));
        const QByteArray token = QByteArray::fromStdString(login.body["token"].get<std::string>());
        for (const QByteArray scheme : {"bearer", "BEARER", "Bearer"})
            QCOMPARE(s.call(s.nam(), "GET", "/api/v1/me", {}, {}, {{"Authorization", scheme + " " + token}}).status, 200);
        const QString ops = "/api/v1/inspections/demo-pilot-changchun-01/ops?limit=";
        for (const char *bad : {"1000junk", "+1000", "1e400", "5%00", "-1", " 5"})
            QVERIFY2(s.call("GET", ops + bad, nullptr, QString::fromUtf8(token)).status == 400, bad);
        QCOMPARE(s.call("GET", ops + "5", nullptr, QString::fromUtf8(token)).status, 200);

        // A transport rejection is logged; every log line is a JSON object, even for bytes that are
        // not UTF-8.
        auto e = connectFrom("127.0.0.40", s.port);
        QVERIFY(exchange(*e, "GET /\xff\xfe%ff HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n").startsWith("HTTP/1.1 4"));
        auto f = connectFrom("127.0.0.40", s.port);
        QVERIFY(exchange(*f, "POST /api/v1/inspections/x/ops HTTP/1.1\r\nHost: a\r\nContent-Length: 99000000\r\n\r\n")
                    .startsWith("HTTP/1.1 413"));
        QVERIFY(s.call("GET", "/metrics", nullptr).raw.contains("careeval_transport_rejections_total{reason=\"too_large\"} 1"));
        QCOMPARE(s.terminate(), 0);
        int lines = 0;
        for (const QByteArray &line : s.log.split('\n')) {
            if (line.trimmed().isEmpty())
                continue;
            ++lines;
            const auto doc = json::parse(line.toStdString(), nullptr, false);
            QVERIFY2(doc.is_object() && doc.contains("time"), line.constData());
        }
        QVERIFY(lines > 5);
        QVERIFY(s.log.contains("\"status\":413"));
    }
};

QTEST_GUILESS_MAIN(TestHostile)
#include "tst_hostile.moc"
