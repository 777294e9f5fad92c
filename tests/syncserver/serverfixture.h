#pragma once
// Runs the real careeval-server binary on 127.0.0.1 with a port the system picks, and talks HTTP to
// it with QNetworkAccessManager. Each fixture has its own data directory; kill9() and restart() act
// on the same directory, as a crash and a restart would.

#include "storetest.h"

#include <nlohmann/json.hpp>

#include <QElapsedTimer>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QtTest/QtTest>

#include <csignal>
#include <sys/prctl.h>

struct HttpResult {
    int status = 0;
    nlohmann::json body;
    QByteArray raw;
    QMap<QByteArray, QByteArray> headers;
};

class ServerFixture
{
public:
    QTemporaryDir dir;
    QProcess process;
    quint16 port = 0;
    QByteArray log;

    bool start(const QStringList &extra = {"--demo", "--admin-password", "admin-pass-1"})
    {
        log.clear();
        process.setProcessChannelMode(QProcess::SeparateChannels);
        // The server dies with the test process, even when a test crashes (no orphan holding ctest's pipes).
        process.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
        QStringList args {"--data", dir.path(), "--listen", "127.0.0.1:0", "--threads", "2"};
        // On PostgreSQL (the *_pg test variants) the fixture's own database, the same one on restart.
        if (storetest::onPostgres())
            args << "--database" << QString::fromStdString(storetest::location(dir.path().toStdString()));
        // With CAREEVAL_TEST_S3 (scripts/s3-server.sh's location) photos go to that object store.
        if (const QString s3 = qEnvironmentVariable("CAREEVAL_TEST_S3"); !s3.isEmpty()) {
            args << "--blobs" << s3;
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.insert("AWS_ACCESS_KEY_ID", "S3RVER");
            env.insert("AWS_SECRET_ACCESS_KEY", "S3RVER");
            process.setProcessEnvironment(env);
        }
        process.start(CAREEVAL_SERVER, args + extra);
        if (!process.waitForStarted(10000))
            return false;
        static const QRegularExpression re("listening on https?://127\\.0\\.0\\.1:(\\d+)");
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < 30000) {
            process.waitForReadyRead(200);
            log += process.readAllStandardError();
            const auto m = re.match(QString::fromUtf8(log));
            if (m.hasMatch()) {
                port = static_cast<quint16>(m.captured(1).toUInt());
                return true;
            }
            if (process.state() == QProcess::NotRunning)
                return false;
        }
        return false;
    }
    void kill9()
    {
        ::kill(static_cast<pid_t>(process.processId()), SIGKILL);
        process.waitForFinished(10000);
    }
    int terminate()
    {
        ::kill(static_cast<pid_t>(process.processId()), SIGTERM);
        process.waitForFinished(20000);
        log += process.readAllStandardError();
        return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    }
    ~ServerFixture()
    {
        if (process.state() != QProcess::NotRunning)
            kill9();
    }

    HttpResult call(QNetworkAccessManager &nam, const QByteArray &method, const QString &path, const QByteArray &body = {},
        const QString &token = {}, const QList<QPair<QByteArray, QByteArray>> &headers = {})
    {
        QNetworkRequest req(QUrl(QString("http://127.0.0.1:%1%2").arg(port).arg(path)));
        req.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
        if (!token.isEmpty())
            req.setRawHeader("Authorization", "Bearer " + token.toUtf8());
        for (const auto &[k, v] : headers)
            req.setRawHeader(k, v);
        QNetworkReply *reply = nam.sendCustomRequest(req, method, body);
        QEventLoop loop;
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        QTimer::singleShot(30000, &loop, &QEventLoop::quit);
        loop.exec();
        HttpResult r;
        r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        r.raw = reply->readAll();
        for (const auto &h : reply->rawHeaderPairs())
            r.headers[h.first.toLower()] = h.second;
        r.body = nlohmann::json::parse(r.raw.toStdString(), nullptr, false);
        reply->deleteLater();
        return r;
    }
    HttpResult call(const QByteArray &method, const QString &path, const nlohmann::json &body, const QString &token = {})
    {
        return call(m_nam, method, path, body.is_null() ? QByteArray() : QByteArray::fromStdString(body.dump()), token);
    }
    QString login(const QString &user, const QString &password = "demo-2025")
    {
        auto r = call("POST", "/api/v1/auth/login", {{"username", user.toStdString()}, {"password", password.toStdString()}});
        return r.status == 200 ? QString::fromStdString(r.body["token"].get<std::string>()) : QString();
    }
    QNetworkAccessManager &nam() { return m_nam; }

    //! Every operation id of an inspection, pulled page by page in server order; `ok` is false when a
    //! page failed.
    std::vector<std::string> pullIds(const QString &inspection, const QString &token, int pageSize, bool &ok)
    {
        std::vector<std::string> ids;
        std::int64_t cursor = 0;
        ok = true;
        for (bool more = true; more;) {
            auto page = call(
                "GET", QString("/api/v1/inspections/%1/ops?after=%2&limit=%3").arg(inspection).arg(cursor).arg(pageSize), nullptr, token);
            if (page.status != 200) {
                ok = false;
                break;
            }
            for (const auto &op : page.body["ops"])
                ids.push_back(op["id"].get<std::string>());
            cursor = page.body["next"].get<std::int64_t>();
            more = page.body["more"].get<bool>();
        }
        return ids;
    }

#ifdef CAREEVAL_CLI
    //! The server's merged state of an inspection ("state" of /state), and whether `careeval score` run on
    //! the server's whole operation log (pulled page by page) computes the very same state. On a
    //! mismatch `why` says where.
    nlohmann::json checkedState(const QString &inspection, const QString &token, QString &why)
    {
        why.clear();
        const auto st = call("GET", QString("/api/v1/inspections/%1/state").arg(inspection), nullptr, token);
        if (st.status != 200) {
            why = "state: HTTP " + QString::number(st.status);
            return {};
        }
        const auto &insp = st.body["inspection"];
        const auto tpl = call("GET",
            QString("/api/v1/templates/%1/%2")
                .arg(QString::fromStdString(insp["template"]["id"].get<std::string>()),
                    QString::fromStdString(insp["template"]["version"].get<std::string>())),
            nullptr, token);
        QTemporaryDir dir;
        QFile tf(dir.filePath("template.json")), of(dir.filePath("ops.jsonl"));
        if (tpl.status != 200 || !tf.open(QIODevice::WriteOnly) || !of.open(QIODevice::WriteOnly)) {
            why = "template: HTTP " + QString::number(tpl.status);
            return {};
        }
        tf.write(tpl.raw);
        tf.close();
        std::int64_t cursor = 0;
        for (bool more = true; more;) {
            auto page = call("GET", QString("/api/v1/inspections/%1/ops?after=%2&limit=2000").arg(inspection).arg(cursor), nullptr, token);
            if (page.status != 200) {
                why = "pull: HTTP " + QString::number(page.status);
                return {};
            }
            for (const auto &op : page.body["ops"])
                of.write(QByteArray::fromStdString(op.dump()) + "\n");
            cursor = page.body["next"].get<std::int64_t>();
            more = page.body["more"].get<bool>();
        }
        of.close();
        // The team's roles, as the inspection names them: the rule book judges team members by role (a
        // step someone holds changes only by them or the lead), so the same state needs the same roles.
        QFile rf(dir.filePath("team.json"));
        nlohmann::json team = nlohmann::json::object();
        for (const auto &m : insp["team"])
            team[m["username"].get<std::string>()] = m["role"];
        if (!rf.open(QIODevice::WriteOnly)) {
            why = "team roles could not be written";
            return {};
        }
        rf.write(QByteArray::fromStdString(team.dump()));
        rf.close();
        QProcess cli;
        cli.start(CAREEVAL_CLI, {"score", tf.fileName(), of.fileName(), "--inspection", inspection, "--team", rf.fileName()});
        if (!cli.waitForFinished(60000)) {
            why = "careeval score did not finish";
            return {};
        }
        const auto out = nlohmann::json::parse(cli.readAllStandardOutput().toStdString(), nullptr, false);
        if (out.is_discarded() || !out.contains("state")) {
            why = "careeval score printed no state: " + QString::fromUtf8(cli.readAllStandardError());
            return {};
        }
        if (out["state"] != st.body["state"]) {
            why = "careeval score on the server's log differs from /state:\n" + QString::fromStdString(out["state"].dump()).left(2000)
                + "\n/state:\n" + QString::fromStdString(st.body["state"].dump()).left(2000);
            return {};
        }
        return st.body["state"];
    }
#endif

    //! Sends bytes as they are (for requests no well-behaved client library would send) and returns
    //! what the server answered before closing.
    QByteArray raw(const QByteArray &bytes)
    {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, port);
        if (!socket.waitForConnected(5000))
            return {};
        socket.write(bytes);
        socket.waitForBytesWritten(5000);
        QByteArray answer;
        while (socket.waitForReadyRead(3000))
            answer += socket.readAll();
        // An answer that came with the server's close (a 503, say) was read while writing: it is in
        // the buffer although no further data arrives.
        return answer + socket.readAll();
    }

private:
    QNetworkAccessManager m_nam;
};
