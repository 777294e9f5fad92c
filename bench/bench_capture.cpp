// Capture figures: import + scale + hash of a 12-megapixel JPEG; report generation for an inspection
// with 100 photos; peak memory with 200 photos in an inspection (attached, listed, reported).
// Usage: bench_capture

#include "../tests/mobile/mobiletestutil.h"

#include "photostore.h"
#include "report.h"

#include <QElapsedTimer>
#include <QGuiApplication>
#include <QPainter>

#include <algorithm>
#include <cstdio>
#include <fstream>

namespace {

long peakRssKb()
{
    std::ifstream f("/proc/self/status");
    std::string line;
    while (std::getline(f, line))
        if (line.rfind("VmHWM:", 0) == 0)
            return std::atol(line.c_str() + 6);
    return 0;
}

//! A photo-like picture (gradients, shapes, fine noise) saved as JPEG at w×h.
QString photo(const QString &dir, int seed, int w, int h)
{
    QImage img(w, h, QImage::Format_RGB32);
    QRandomGenerator rng(static_cast<quint32>(seed));
    for (int y = 0; y < h; ++y) {
        auto *line = reinterpret_cast<QRgb *>(img.scanLine(y));
        for (int x = 0; x < w; ++x) {
            const int n = static_cast<int>(rng.bounded(24u));
            line[x] = qRgb((x * 255 / w + n + seed) & 255, (y * 255 / h + n) & 255, (128 + n * 3) & 255);
        }
    }
    QPainter p(&img);
    p.setBrush(QColor(200, 80, 40));
    p.drawEllipse(QPoint(w / 3, h / 2), w / 8, h / 6);
    p.end();
    const QString file = QDir(dir).filePath(QStringLiteral("img-%1-%2x%3.jpg").arg(seed).arg(w).arg(h));
    img.save(file, "JPEG", 90);
    return file;
}

} // namespace

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    QTemporaryDir dir;
    auto store = mobiletest::openStore(dir);
    PhotoStore photos(dir.filePath("blobs"), store.get());

    // 1. A 12-megapixel camera JPEG (4000×3000): import, scale to 2048, thumbnail, hash, store.
    std::vector<double> ms;
    for (int i = 0; i < 5; ++i) {
        const QString file = photo(dir.path(), i, 4000, 3000);
        QElapsedTimer t;
        t.start();
        auto r = photos.importFile(file);
        ms.push_back(t.nsecsElapsed() / 1e6);
        if (!r)
            qFatal("import: %s", r.error().message.c_str());
    }
    std::sort(ms.begin(), ms.end());
    std::printf("import + scale + hash of a 12 MP JPEG (4000x3000): median %.0f ms, best %.0f ms (5 runs)\n", ms[2], ms[0]);

    // 2. An inspection with 200 photos (about 1 MB each once scaled): report with 100, memory with 200.
    auto tpl = mobiletest::pilotTemplate();
    InspectionController ctl;
    ctl.setPhotoStore(&photos);
    if (!ctl.open(store.get(), mobiletest::pilotAssignment(*tpl), tpl, "li.hua", "tab-1").ok())
        qFatal("open");
    const char *targets[] = {"site_photos", "briefing_material_photos"};
    for (int i = 0; i < 200; ++i) {
        if (i == 100) {
            QElapsedTimer t;
            t.start();
            auto r = writeReport(ctl, &photos, dir.filePath("report-100.pdf"));
            if (!r)
                qFatal("report: %s", r.error().message.c_str());
            std::printf("report with 100 photos: %.2f s, %d pages, %.1f MB\n", t.elapsed() / 1000.0, r->pages,
                QFileInfo(r->path).size() / 1048576.0);
        }
        if (!ctl.evidence()->attachPhoto(targets[i % 2], photo(dir.path(), 100 + i, 2400, 1800), QStringLiteral("照片 %1").arg(i)))
            qFatal("attach: %s", qPrintable(ctl.errorString()));
    }
    int listed = 0;
    for (const char *t : targets)
        listed += static_cast<int>(ctl.evidence()->photos(t).size());
    auto r = writeReport(ctl, &photos, dir.filePath("report-200.pdf"));
    if (!r)
        qFatal("report: %s", r.error().message.c_str());
    // Reopen, as after a restart, with all 200 in the state.
    InspectionController reopened;
    reopened.setPhotoStore(&photos);
    (void)reopened.open(store.get(), mobiletest::pilotAssignment(*tpl), tpl, "li.hua", "tab-1");
    std::printf("200 photos in an inspection (%d listed, report %d pages): peak RSS %.1f MB (goal < 200 MB)\n", listed, r->pages,
        peakRssKb() / 1024.0);
    return 0;
}
