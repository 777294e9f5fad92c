#pragma once
// One simulated tablet for end-to-end tests and benchmarks: its own store, photo store, API client,
// sync client and controller on the demo pilot inspection, signed in as a user; and photo files of
// random pixels (incompressible, so their size on the wire is their size on disk).

#include "../mobile/mobiletestutil.h"

#include "photostore.h"
#include "serverapi.h"
#include "syncclient.h"

#include <careeval/jsonutil.h>
#include <careeval/report_json.h>

#include <QImage>
#include <QRandomGenerator>
#include <QSignalSpy>

namespace e2e {

inline const char *kInspection = "demo-pilot-changchun-01";

struct Tablet {
    QTemporaryDir dir;
    std::unique_ptr<LocalStore> store;
    ServerApi api;
    std::unique_ptr<SyncClient> sync;
    std::unique_ptr<PhotoStore> photos;
    InspectionController ctl;
    std::string user;

    Tablet(quint16 port, const QString &token, std::shared_ptr<const careeval::Template> tpl, const std::string &username,
        const std::string &role, const std::string &device = {})
        : user(username)
    {
        store = mobiletest::openStore(dir);
        setServer(port, token);
        sync = std::make_unique<SyncClient>(store.get(), &api);
        photos = std::make_unique<PhotoStore>(dir.filePath("blobs"), store.get());
        sync->setPhotoStore(photos.get());
        ctl.setPhotoStore(photos.get());
        sync->setInspections({QString::fromLatin1(kInspection)});
        sync->setEnabled(true);
        Assignment a = mobiletest::pilotAssignment(*tpl, kInspection);
        a.myRole = role;
        if (!ctl.open(store.get(), a, tpl, username, device.empty() ? "tab-" + username : device).ok())
            qFatal("open failed");
        QObject::connect(sync.get(), &SyncClient::inspectionUpdated, &ctl, [this] { (void)ctl.reload(); });
    }
    void setServer(quint16 port, const QString &token)
    {
        api.setBaseUrl(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)));
        api.setToken(token.toUtf8());
    }
    //! One sync round; true when it ended well.
    bool syncOnce(int timeoutMs = 60000)
    {
        QSignalSpy done(sync.get(), &SyncClient::roundFinished);
        sync->syncNow();
        if (!done.wait(timeoutMs))
            return false;
        return done.first().at(0).toBool();
    }
    std::string stateJson() const { return careeval::stateToJson(ctl.snapshot().state).dump(); }
};

//! A JPEG of random pixels, w×h (1100×825 is about 0.8 MB, 1400×1050 about 1 MB), different per seed.
inline QString noisePhoto(const QString &dir, int seed, int w = 1100, int h = 825, int quality = 80)
{
    QImage img(w, h, QImage::Format_RGB32);
    QRandomGenerator rng(static_cast<quint32>(seed));
    for (int y = 0; y < img.height(); ++y) {
        auto *line = reinterpret_cast<QRgb *>(img.scanLine(y));
        for (int x = 0; x < img.width(); ++x)
            line[x] = rng.generate() | 0xff000000u;
    }
    const QString file = QDir(dir).filePath(QStringLiteral("noise-%1-%2x%3.jpg").arg(seed).arg(w).arg(h));
    img.save(file, "JPEG", quality);
    return file;
}

} // namespace e2e
