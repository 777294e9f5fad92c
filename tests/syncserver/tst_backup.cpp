// careeval-server backup / restore of the embedded default: a backup taken while pushes keep coming
// restores into a new data folder with every acknowledged operation and every photo; a backup taken
// at rest restores to identical state and photos; a restore never overwrites and refuses a damaged
// or incomplete backup, naming what is wrong.

#include "api/service.h"
#include "inprocess.h"
#include "storage/backup.h"
#include "storage/crypto.h"
#include "storage/server_store.h"

#include "../shared/testutil.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest/QtTest>

#include <atomic>
#include <mutex>
#include <set>
#include <thread>

using namespace careeval;
using namespace careeval::server;

namespace {

std::set<std::string> opIds(ServerStore &store, const std::string &inspection)
{
    std::set<std::string> out;
    for (const auto &op : store.operations(inspection).value())
        out.insert(op.id.toString());
    return out;
}

} // namespace

class TestBackup : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY(cryptoInit()); }

    void backupUnderLoadRestoresEverythingAcknowledged()
    {
        QTemporaryDir root;
        const std::string data = root.filePath("data").toStdString();
        QVERIFY(QDir().mkpath(root.filePath("data")));
        InProcessServer server;
        QCOMPARE(server.open(data), std::string());
        // InProcessServer keeps its database as server.db; the data folder's database is careeval.db.
        server.close();
        QVERIFY(QFile::rename(root.filePath("data/server.db"), root.filePath("data/careeval.db")));
        auto store = ServerStore::open(data + "/careeval.db");
        QVERIFY(store.ok());
        ServiceConfig sc;
        sc.dataDir = data;
        Service service(*store.value(), sc);
        QVERIFY(service.init().ok());
        const auto login = nlohmann::json::parse(
            callService(service, "POST", "/api/v1/auth/login", {}, R"({"username":"zhang.wei","password":"demo-2025"})").body);
        const std::string token = login["token"];

        // A photo, uploaded after the operation that names it.
        const std::string photo = "backup-photo-bytes";
        const std::string sha = sha256Hex(photo);
        auto pushPhoto = [&](int clock) {
            Operation op;
            op.id = Uuid::generate();
            op.inspection = "demo-pilot-changchun-01";
            op.author = "zhang.wei";
            op.device = "tab-backup";
            op.clock = clock;
            op.time = nowMillis();
            op.kind = OpKind::PhotoAttach;
            op.target = "site_photos";
            op.value = canonicalJson(nlohmann::json {{"sha256", sha}, {"caption", "走廊 " + std::to_string(clock)}});
            return op;
        };
        {
            auto r = callService(
                service, "POST", "/api/v1/inspections/demo-pilot-changchun-01/ops", token, pushRequestToJson({pushPhoto(1)}).dump());
            QCOMPARE(r.status, 200);
            QCOMPARE(callService(service, "PUT", "/api/v1/blobs/" + sha + "?offset=0&total=" + std::to_string(photo.size()), token, photo)
                         .status,
                201);
        }

        // Pushes keep coming while the backup runs; each acknowledged batch is remembered with when.
        std::atomic<bool> stop {false};
        std::atomic<int> clock {2};
        std::mutex m;
        std::vector<std::pair<std::chrono::steady_clock::time_point, std::vector<std::string>>> acked;
        std::thread load([&] {
            while (!stop) {
                std::vector<Operation> batch;
                for (int i = 0; i < 20; ++i)
                    batch.push_back(pushPhoto(clock++));
                auto r = callService(
                    service, "POST", "/api/v1/inspections/demo-pilot-changchun-01/ops", token, pushRequestToJson(batch).dump());
                if (r.status != 200)
                    continue;
                std::vector<std::string> ids;
                for (const auto &op : batch)
                    ids.push_back(op.id.toString());
                std::lock_guard lock(m);
                acked.emplace_back(std::chrono::steady_clock::now(), std::move(ids));
            }
        });
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        const auto backupStarted = std::chrono::steady_clock::now();
        const std::string backupDir = root.filePath("backup").toStdString();
        auto report = backupDataDir(data, backupDir);
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        stop = true;
        load.join();
        QVERIFY2(report.ok(), report ? "" : report.error().message.c_str());
        QVERIFY(report->operations > 0);
        QCOMPARE(report->blobs, std::int64_t(1));

        const std::string restored = root.filePath("restored").toStdString();
        auto back = restoreDataDir(backupDir, restored);
        QVERIFY2(back.ok(), back ? "" : back.error().message.c_str());
        auto again = ServerStore::open(restored + "/careeval.db");
        QVERIFY(again.ok());
        const auto have = opIds(*again.value(), "demo-pilot-changchun-01");
        const auto all = opIds(*store.value(), "demo-pilot-changchun-01");
        std::size_t before = 0, after = 0;
        {
            std::lock_guard lock(m);
            for (const auto &[at, ids] : acked)
                for (const auto &id : ids) {
                    if (at < backupStarted) {
                        ++before;
                        QVERIFY2(have.count(id), "an operation acknowledged before the backup began is missing");
                    } else {
                        ++after;
                    }
                }
        }
        QVERIFY(before > 0);
        QVERIFY(after > 0); // pushes really went on during and after the backup
        for (const auto &id : have)
            QVERIFY2(all.count(id), "the restored log holds an operation the server never had");
        QCOMPARE(static_cast<std::int64_t>(have.size()), back->operations);
        QVERIFY(QFile::exists(QString::fromStdString(restored + "/blobs/" + sha.substr(0, 2) + "/" + sha)));

        // At rest, the backup is the server: the same log, the same photos, byte for byte.
        const std::string quiet = root.filePath("quiet").toStdString(), quietData = root.filePath("quiet-data").toStdString();
        QVERIFY(backupDataDir(data, quiet).ok());
        QVERIFY(restoreDataDir(quiet, quietData).ok());
        auto same = ServerStore::open(quietData + "/careeval.db");
        QVERIFY(same.ok());
        QCOMPARE(opIds(*same.value(), "demo-pilot-changchun-01"), all);
        QCOMPARE(same.value()->operationCount(), store.value()->operationCount());
        QCOMPARE(same.value()->users().value().size(), store.value()->users().value().size());
        QCOMPARE(same.value()->institutions().value().size(), store.value()->institutions().value().size());
        QFile a(QString::fromStdString(data + "/blobs/" + sha.substr(0, 2) + "/" + sha)),
            b(QString::fromStdString(quietData + "/blobs/" + sha.substr(0, 2) + "/" + sha));
        QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
        QCOMPARE(a.readAll(), b.readAll());
        // The restored server answers as the old one: the photo is served.
        ServiceConfig rc;
        rc.dataDir = quietData;
        Service restoredService(*same.value(), rc);
        QVERIFY(restoredService.init().ok());
        const auto relogin = nlohmann::json::parse(
            callService(restoredService, "POST", "/api/v1/auth/login", {}, R"({"username":"zhang.wei","password":"demo-2025"})").body);
        QCOMPARE(callService(restoredService, "GET", "/api/v1/blobs/" + sha, relogin["token"], {}).status, 200);
    }

    void refusals()
    {
        QTemporaryDir root;
        const std::string data = root.filePath("data").toStdString();
        QVERIFY(QDir().mkpath(root.filePath("data")));
        {
            InProcessServer server;
            QCOMPARE(server.open(data), std::string());
        }
        QVERIFY(QFile::rename(root.filePath("data/server.db"), root.filePath("data/careeval.db")));
        const std::string photo = "a photo";
        const std::string sha = sha256Hex(photo);
        QVERIFY(QDir().mkpath(QString::fromStdString(data + "/blobs/" + sha.substr(0, 2))));
        {
            QFile f(QString::fromStdString(data + "/blobs/" + sha.substr(0, 2) + "/" + sha));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(photo.data(), static_cast<qint64>(photo.size()));
        }
        const std::string backup = root.filePath("backup").toStdString();
        QVERIFY(backupDataDir(data, backup).ok());

        auto message = [](const auto &r) { return r ? std::string() : r.error().message; };
        // Never over an existing backup or database.
        QVERIFY(message(backupDataDir(data, backup)).find("is not empty") != std::string::npos);
        QVERIFY(message(restoreDataDir(backup, data)).find("already holds a database") != std::string::npos);
        QVERIFY(message(backupDataDir(root.filePath("nothing").toStdString(), root.filePath("b2").toStdString())).find("no database")
            != std::string::npos);

        // A damaged photo is named, and the new data folder gets no database.
        {
            QFile f(QString::fromStdString(backup + "/blobs/" + sha.substr(0, 2) + "/" + sha));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("tampered");
        }
        const std::string target = root.filePath("target").toStdString();
        const std::string why = message(restoreDataDir(backup, target));
        QVERIFY2(why.find("damaged photo") != std::string::npos && why.find(sha) != std::string::npos, why.c_str());
        QVERIFY(!QFile::exists(QString::fromStdString(target + "/careeval.db")));

        // A backup without its manifest is incomplete (it was interrupted).
        QVERIFY(QFile::remove(QString::fromStdString(backup + "/backup.json")));
        QVERIFY(message(restoreDataDir(backup, root.filePath("t2").toStdString())).find("not a complete backup") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestBackup)
#include "tst_backup.moc"
