// Sync figures on loopback: a full inspection — 3 members × 300 answers, 50 survey responses and
// 100 photos of about 1 MB — from the tablets to the server and to every teammate; bytes sent against
// the size of the data; then the same photos through a network that cuts connections, counting the
// bytes re-sent. Real server process, real sync clients and stores. Usage: bench_sync [--photos N]

#include "../tests/e2e/cuttingproxy.h"
#include "../tests/e2e/e2etablet.h"
#include "../tests/syncserver/serverfixture.h"

#include <careeval/jsonutil.h>
#include <careeval/report_json.h>

#include <QGuiApplication>
#include <QSignalSpy>

#include <cstdio>

using namespace careeval;

namespace {

using e2e::kInspection;
using e2e::Tablet;

QString noisePhoto(const QString &dir, int seed)
{
    return e2e::noisePhoto(dir, seed, 1400, 1050); // ~1 MB
}

} // namespace

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    int photoCount = 100;
    for (int i = 1; i + 1 < argc; ++i)
        if (QByteArray(argv[i]) == "--photos")
            photoCount = std::atoi(argv[i + 1]);
    auto tpl = mobiletest::pilotTemplate();
    ServerFixture server;
    if (!server.start())
        qFatal("server: %s", server.log.constData());
    const char *users[] = {"li.hua", "wang.fang", "zhang.wei"};
    std::vector<std::unique_ptr<Tablet>> team;
    for (const char *u : users)
        team.push_back(std::make_unique<Tablet>(
            server.port, server.login(u), tpl, u, std::string(u) == "li.hua" ? "lead" : "evaluator", std::string("bench-") + u));

    // The day's work, offline: 300 answers each (corrections included), 50 survey responses, photos.
    std::vector<const Item *> items;
    for (const Item *item : tpl->items())
        if (item->type == ItemType::Check || item->type == ItemType::Score || item->type == ItemType::Number)
            items.push_back(item);
    for (std::size_t m = 0; m < team.size(); ++m)
        for (int i = 0; i < 300; ++i) {
            const Item *item = items[(static_cast<std::size_t>(i) + m * 7) % items.size()];
            QVariant v;
            if (item->type == ItemType::Check)
                v = (i / static_cast<int>(items.size())) % 2 ? QStringLiteral("compliant") : QStringLiteral("noncompliant");
            else if (item->type == ItemType::Score)
                v = std::max(0.0, item->max.value_or(0) - ((i / static_cast<int>(items.size())) % 3) * item->step);
            else
                v = 30.0 + i;
            if (!team[m]->ctl.setAnswer(QString::fromStdString(item->id), v) && item->type == ItemType::Number)
                (void)team[m]->ctl.setAnswer(QString::fromStdString(item->id), item->min.value_or(0) + 1);
        }
    Tablet &surveyor = *team[2];
    surveyor.ctl.survey()->drawSample(500, QString());
    const QVariantList questions = surveyor.ctl.survey()->questions();
    int responses = 0;
    for (const QVariant &r : surveyor.ctl.survey()->respondents()) {
        QVariantMap answers;
        for (const QVariant &q : questions)
            answers.insert(q.toMap().value("id").toString(), responses % 5 ? "satisfied" : "very_satisfied");
        if (surveyor.ctl.survey()->saveResponse(r.toMap().value("code").toString(), answers))
            ++responses;
    }
    QTemporaryDir files;
    QElapsedTimer importClock;
    importClock.start();
    for (int i = 0; i < photoCount; ++i)
        if (!team[static_cast<std::size_t>(i % 3)]->ctl.evidence()->attachPhoto(
                "site_photos", noisePhoto(files.path(), i), QStringLiteral("现场 %1").arg(i)))
            qFatal("attach: %s", qPrintable(team[static_cast<std::size_t>(i % 3)]->ctl.errorString()));
    const double importMs = importClock.elapsed();

    qint64 opBytes = 0, blobBytes = 0;
    int ops = 0;
    for (auto &t : team) {
        for (const Operation &op : t->store->ops().operations(kInspection).value()) {
            if (op.device.rfind("bench-", 0) != 0)
                continue;
            opBytes += static_cast<qint64>(toJson(op).dump().size());
            ++ops;
        }
        for (const auto &b : t->store->blobsToUpload().value())
            blobBytes += b.bytes;
    }

    // Everyone syncs: pushes and uploads, then pulls what the others sent.
    QElapsedTimer clock;
    clock.start();
    for (auto &t : team)
        if (!t->syncOnce())
            qFatal("sync: %s", qPrintable(t->sync->errorString()));
    const double upMs = clock.elapsed();
    for (auto &t : team)
        if (!t->syncOnce())
            qFatal("sync: %s", qPrintable(t->sync->errorString()));
    const double allMs = clock.elapsed();
    qint64 sent = 0, blobSent = 0;
    for (auto &t : team) {
        sent += t->sync->total().bytesSent;
        blobSent += t->sync->total().blobBytesSent;
    }
    const std::string expected = stateToJson(team[0]->ctl.snapshot().state).dump();
    bool converged = true;
    for (auto &t : team)
        converged = converged && stateToJson(t->ctl.snapshot().state).dump() == expected;

    std::printf("full inspection: 3 members, %d operations (%.1f kB as JSON), %d survey responses, %d photos (%.1f MB with thumbnails)\n",
        ops, opBytes / 1024.0, responses, photoCount, blobBytes / 1048576.0);
    std::printf("  photo import + scale + hash: %.1f ms per photo\n", importMs / photoCount);
    std::printf("  sync to the server: %.2f s; until every tablet has everyone's work: %.2f s; converged: %s\n", upMs / 1000, allMs / 1000,
        converged ? "yes" : "NO");
    std::printf("  operations: %.1f kB sent for %.1f kB of data (%.2fx); photos: %.1f MB sent for %.1f MB (%.3fx)\n", sent / 1024.0,
        opBytes / 1024.0, double(sent) / double(std::max<qint64>(1, opBytes)), blobSent / 1048576.0, blobBytes / 1048576.0,
        double(blobSent) / double(std::max<qint64>(1, blobBytes)));

    // The same kind of day through a network that drops a connection every ~4 MB on average.
    ServerFixture server2;
    if (!server2.start())
        qFatal("server: %s", server2.log.constData());
    CuttingProxy proxy(server2.port, 4 * 1024 * 1024, 7);
    Tablet cut(proxy.port(), server2.login("wang.fang"), tpl, "wang.fang", "evaluator");
    cut.api.setTimeout(10000);
    for (int i = 0; i < photoCount / 3; ++i)
        cut.ctl.evidence()->attachPhoto("site_photos", noisePhoto(files.path(), 1000 + i), QString());
    qint64 cutBytes = 0;
    for (const auto &b : cut.store->blobsToUpload().value())
        cutBytes += b.bytes;
    QElapsedTimer cutClock;
    cutClock.start();
    int rounds = 0;
    while (!cut.syncOnce() && ++rounds < 200) { }
    std::printf(
        "  through cuts: %d connections cut, %d failed rounds, %.2f s; the client re-sent %.1f kB of photos; %.1f MB went up the wire "
        "for %.1f MB of photos (%.1f kB more, headers and the network library's own retries included)\n",
        proxy.cuts(), rounds, cutClock.elapsed() / 1000.0, cut.sync->total().blobBytesResent / 1024.0, proxy.bytesUp() / 1048576.0,
        cutBytes / 1048576.0, (proxy.bytesUp() - cutBytes) / 1024.0);
    return converged && cut.sync->photosWaiting() == 0 ? 0 : 1;
}
