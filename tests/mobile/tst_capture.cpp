// Capture on site: photo import (scaling, hash dedupe, thumbnail, EXIF time), signatures round trip,
// the seeded survey sample with replacements, the satisfaction rate as the core computes it, and the
// PDF report read back with pdftotext/pdfinfo. The last test walks a whole evaluation of the pilot
// template — all eight steps, photos, a survey with one refusal, both signatures — and checks the
// final state and report.

#include "itemlistmodel.h"
#include "mobiletestutil.h"
#include "photostore.h"
#include "report.h"

#include <careeval/jsonutil.h>
#include <careeval/report_json.h>
#include <careeval/sampling.h>
#include <careeval/scoring.h>

#include <QImage>
#include <QImageReader>
#include <QProcess>
#include <QtEndian>

using namespace careeval;

namespace {

//! A JPEG of w×h with an EXIF block whose DateTimeOriginal is `when` ("yyyy:MM:dd HH:mm:ss").
QByteArray jpegWithExif(int w, int h, const QByteArray &when, QColor color = QColor(90, 140, 200))
{
    QImage img(w, h, QImage::Format_RGB32);
    img.fill(color);
    for (int y = 0; y < h; y += 50)
        for (int x = 0; x < w; ++x)
            img.setPixel(x, y, qRgb(x % 256, y % 256, 30)); // some detail, so the JPEG is not trivial
    QByteArray jpeg;
    QBuffer b(&jpeg);
    b.open(QIODevice::WriteOnly);
    img.save(&b, "JPEG", 90);
    // TIFF (little endian): IFD0 with one entry (ExifIFD pointer), Exif IFD with DateTimeOriginal.
    QByteArray tiff("II\x2a\x00\x08\x00\x00\x00", 8);
    auto u16 = [&](quint16 v) { tiff.append(char(v & 0xff)).append(char(v >> 8)); };
    auto u32 = [&](quint32 v) {
        for (int i = 0; i < 4; ++i)
            tiff.append(char((v >> (8 * i)) & 0xff));
    };
    u16(1); // IFD0 entries
    u16(0x8769);
    u16(4);
    u32(1);
    u32(26); // ExifIFD at 26
    u32(0); // no next IFD
    u16(1); // Exif IFD entries
    u16(0x9003);
    u16(2);
    u32(20);
    u32(44); // DateTimeOriginal, ASCII, 20 bytes at 44
    u32(0);
    tiff.append(when).append('\0');
    QByteArray app1("Exif\0\0", 6);
    app1.append(tiff);
    QByteArray segment("\xff\xe1", 2);
    const int len = app1.size() + 2;
    segment.append(char(len >> 8)).append(char(len & 0xff)).append(app1);
    return jpeg.left(2) + segment + jpeg.mid(2);
}

//! A small JPEG whose EXIF carries a GPS position (degrees, minutes, seconds; N/S, E/W).
QByteArray jpegWithGps(double lat, double lon)
{
    QImage img(32, 24, QImage::Format_RGB32);
    img.fill(Qt::gray);
    QByteArray jpeg;
    QBuffer b(&jpeg);
    b.open(QIODevice::WriteOnly);
    img.save(&b, "JPEG", 90);
    QByteArray tiff("MM\x00\x2a\x00\x00\x00\x08", 8); // big endian, like many cameras
    auto u16 = [&](quint16 v) { tiff.append(char(v >> 8)).append(char(v & 0xff)); };
    auto u32 = [&](quint32 v) {
        for (int i = 3; i >= 0; --i)
            tiff.append(char((v >> (8 * i)) & 0xff));
    };
    u16(1);
    u16(0x8825);
    u16(4);
    u32(1);
    u32(26);
    u32(0); // IFD0: the GPS IFD at 26
    u16(4); // GPS IFD
    u16(1);
    u16(2);
    u32(2);
    tiff.append(lat < 0 ? 'S' : 'N').append('\0').append('\0').append('\0');
    u16(2);
    u16(5);
    u32(3);
    u32(80);
    u16(3);
    u16(2);
    u32(2);
    tiff.append(lon < 0 ? 'W' : 'E').append('\0').append('\0').append('\0');
    u16(4);
    u16(5);
    u32(3);
    u32(104);
    u32(0);
    for (double v : {std::fabs(lat), std::fabs(lon)}) {
        const double deg = std::floor(v), min = std::floor((v - deg) * 60), sec = ((v - deg) * 60 - min) * 60;
        u32(static_cast<quint32>(deg));
        u32(1);
        u32(static_cast<quint32>(min));
        u32(1);
        u32(static_cast<quint32>(std::lround(sec * 1000)));
        u32(1000);
    }
    QByteArray app1("Exif\0\0", 6);
    app1.append(tiff);
    QByteArray segment("\xff\xe1", 2);
    const int len = app1.size() + 2;
    segment.append(char(len >> 8)).append(char(len & 0xff)).append(app1);
    return jpeg.left(2) + segment + jpeg.mid(2);
}

QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &bytes)
{
    QFile f(dir.filePath(name));
    f.open(QIODevice::WriteOnly);
    f.write(bytes);
    return f.fileName();
}

QString run(const QString &program, const QStringList &args)
{
    QProcess p;
    p.start(program, args);
    p.waitForFinished(60000);
    return QString::fromUtf8(p.readAllStandardOutput());
}

QVariantList strokes(std::initializer_list<std::initializer_list<std::pair<double, double>>> lines)
{
    QVariantList out;
    for (const auto &line : lines) {
        QVariantList pts;
        for (const auto &[x, y] : line)
            pts << QVariantMap {{QStringLiteral("x"), x}, {QStringLiteral("y"), y}};
        out << QVariant(pts);
    }
    return out;
}

} // namespace

class TestCapture : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void exifTimeIsRead()
    {
        const QByteArray jpeg = jpegWithExif(64, 48, "2026:11:24 09:15:30");
        auto t = exifCaptureTime(jpeg);
        QVERIFY(t);
        QCOMPARE(t->toString(Qt::ISODate), QStringLiteral("2026-11-24T09:15:30"));
        QVERIFY(QImage::fromData(jpeg).width() == 64); // still a valid JPEG
        QVERIFY(!exifCaptureTime(QByteArray("\xff\xd8\xff\xe1\x00\x04xx", 8))); // truncated: no crash, no time
        QVERIFY(!exifCaptureTime(QByteArray("not a jpeg")));
        QVERIFY(!exifLocation(jpeg)); // no GPS recorded
        // Where a phone recorded it: 长春 (43.8171 N, 125.3235 E), and a southern/western one.
        auto here = exifLocation(jpegWithGps(43.8171, 125.3235));
        QVERIFY(here);
        QVERIFY(std::fabs(here->y() - 43.8171) < 1e-4 && std::fabs(here->x() - 125.3235) < 1e-4);
        auto there = exifLocation(jpegWithGps(-33.8688, -70.6693));
        QVERIFY(there);
        QVERIFY(std::fabs(there->y() + 33.8688) < 1e-4 && std::fabs(there->x() + 70.6693) < 1e-4);
    }

    void importScalesHashesAndDedupes()
    {
        QTemporaryDir dir;
        auto store = mobiletest::openStore(dir);
        PhotoStore photos(dir.filePath("blobs"), store.get());
        const QString file = writeFile(dir, "big.jpg", jpegWithExif(4000, 3000, "2026:11:24 09:15:30"));
        auto a = photos.importFile(file);
        QVERIFY2(a, a ? "" : a.error().message.c_str());
        QCOMPARE(a->width, 2048);
        QCOMPARE(a->height, 1536);
        QVERIFY(!a->duplicate);
        QCOMPARE(QDateTime::fromMSecsSinceEpoch(a->takenAt).toString(Qt::ISODate), QStringLiteral("2026-11-24T09:15:30"));
        // Stored under its SHA-256, as a JPEG of the scaled size; the thumbnail at most 320 px.
        QFile stored(photos.path(a->sha256));
        QVERIFY(stored.open(QIODevice::ReadOnly));
        const QByteArray bytes = stored.readAll();
        QCOMPARE(QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex()), a->sha256);
        QCOMPARE(QImageReader(photos.path(a->sha256)).format(), QByteArray("jpeg"));
        QCOMPARE(QImage(photos.path(a->sha256)).size(), QSize(2048, 1536));
        QCOMPARE(QImage(photos.path(a->thumb)).size(), QSize(320, 240));
        // The same picture again (another file name): the same bytes, stored once.
        const QString copy = dir.filePath("copy.jpg");
        QVERIFY(QFile::copy(file, copy));
        auto b = photos.importFile(copy);
        QVERIFY(b);
        QCOMPARE(b->sha256, a->sha256);
        QVERIFY(b->duplicate);
        QCOMPARE(QDir(dir.filePath("blobs")).entryList(QDir::Files).size(), 2); // photo + thumbnail
        auto queue = store->blobsToUpload();
        QVERIFY(queue);
        QCOMPARE(static_cast<int>(queue->size()), 2);
        QCOMPARE(queue->front().kind, std::string("thumb")); // thumbnails go first
        // A small picture is not enlarged; transparency becomes white.
        QImage small(300, 200, QImage::Format_ARGB32);
        small.fill(Qt::transparent);
        small.save(dir.filePath("small.png"));
        auto c = photos.importFile(dir.filePath("small.png"));
        QVERIFY(c);
        QCOMPARE(QSize(c->width, c->height), QSize(300, 200));
        QCOMPARE(QImage(photos.path(c->sha256)).pixelColor(10, 10).lightness(), 255);
        // Not a picture: a sentence naming the file, nothing stored.
        auto bad = photos.importFile(writeFile(dir, "notes.txt", "hello"));
        QVERIFY(!bad);
        QVERIFY(QString::fromStdString(bad.error().message).contains("notes.txt"));
        auto gone = photos.importFile(dir.filePath("missing.jpg"));
        QVERIFY(!gone);
        QVERIFY(QString::fromStdString(gone.error().message).contains("missing.jpg"));
        // Received bytes are kept only when they hash to their name.
        QVERIFY(!photos.saveReceived(a->sha256, "tampered"));
        QVERIFY(photos.saveReceived(QString::fromLatin1(QCryptographicHash::hash("x", QCryptographicHash::Sha256).toHex()), "x"));
    }

    void attachDetachAndUndo()
    {
        QTemporaryDir dir;
        auto store = mobiletest::openStore(dir);
        PhotoStore photos(dir.filePath("blobs"), store.get());
        auto tpl = mobiletest::pilotTemplate();
        InspectionController ctl;
        ctl.setPhotoStore(&photos);
        QVERIFY(ctl.open(store.get(), mobiletest::pilotAssignment(*tpl), tpl, "li.hua", "tab-1").ok());
        ctl.setCurrentStep(static_cast<int>(StepKey::Site));
        // What a page shows: the view of one target notifies when a photo is attached, with file URLs.
        EvidenceView view;
        view.setEvidence(ctl.evidence());
        view.setTarget("site_photos");
        QSignalSpy viewChanged(&view, &EvidenceView::changed);
        const QString file = writeFile(dir, "hall.jpg", jpegWithExif(800, 600, "2026:11:24 10:00:00"));
        QVERIFY(ctl.evidence()->attachPhoto("site_photos", QUrl::fromLocalFile(file).toString(), "走廊"));
        QCOMPARE(viewChanged.count(), 1);
        QCOMPARE(view.photos().size(), 1);
        QVERIFY(view.photos().front().toMap().value("thumbUrl").toString().startsWith("file:"));
        QVERIFY(view.photos().front().toMap().value("url").toString().startsWith("file:"));
        QVERIFY(ctl.setAnswer("announce_team_present", 4)); // another item: the view stays as it is
        QCOMPARE(viewChanged.count(), 1);
        QVERIFY(ctl.evidence()->attachPhoto("site_photos", file, "走廊 2"));
        QCOMPARE(ctl.evidence()->photos("site_photos").size(), 2);
        QCOMPARE(view.photos().size(), 2);
        const QVariantMap first = ctl.evidence()->photos("site_photos").front().toMap();
        QCOMPARE(first.value("caption").toString(), QStringLiteral("走廊"));
        QCOMPARE(first.value("takenAt").toString(), QStringLiteral("2026-11-24 10:00"));
        QVERIFY(photos.has(first.value("thumb").toString()));
        // A photo with a GPS position keeps it in the attach operation.
        QVERIFY(ctl.evidence()->attachPhoto("site_photos", writeFile(dir, "gps.jpg", jpegWithGps(43.8171, 125.3235)), "门口"));
        const auto lastOps = store->ops().operations("insp-test").value();
        QVERIFY(lastOps.back().value.find("\"location\":{\"lat\":43.8171") != std::string::npos);
        QVERIFY(ctl.undo());
        // The photo item now has its two photos: nothing missing for it.
        for (const Reason &m : ctl.snapshot().report.missing)
            QVERIFY(m.subject != "site_photos");
        // Undo takes the last one back (a detach operation); removing the first leaves none.
        QVERIFY(ctl.undo());
        QCOMPARE(ctl.evidence()->photos("site_photos").size(), 1);
        QVERIFY(ctl.evidence()->detachPhoto(first.value("op").toString()));
        QCOMPARE(ctl.evidence()->photos("site_photos").size(), 0);
        bool missing = false;
        for (const Reason &m : ctl.snapshot().report.missing)
            missing = missing || (m.subject == "site_photos" && m.code == "missing_photo");
        QVERIFY(missing);
        // The file stays (operations still refer to it); a bad file leaves a readable error.
        QVERIFY(photos.has(first.value("sha256").toString()));
        QVERIFY(!ctl.evidence()->attachPhoto("site_photos", writeFile(dir, "x.txt", "no"), ""));
        QVERIFY(ctl.errorString().contains("x.txt"));
    }

    static void fillAnnouncement(InspectionController &ctl)
    {
        QVERIFY(ctl.setAnswer("announce_team_present", 3));
        QVERIFY(ctl.setAnswer("announce_members", QStringLiteral("李华、王芳、张伟")));
        QVERIFY(ctl.setAnswer("announce_reps", QStringLiteral("王院长")));
        QVERIFY(ctl.setAnswer("announce_procedure", QStringLiteral("compliant")));
        QVERIFY(ctl.setAnswer("announce_date", QStringLiteral("2026-11-25")));
    }

    // A signature covers what was shown when it was given (issue 14, point 16): it cannot be given
    // before what it acknowledges exists; it records those values; they are locked while it stands;
    // and a teammate's later change shows the signature as given on something else.
    void signatureCoversWhatWasShown()
    {
        QTemporaryDir dir;
        auto store = mobiletest::openStore(dir);
        PhotoStore photos(dir.filePath("blobs"), store.get());
        auto tpl = mobiletest::pilotTemplate();
        InspectionController ctl;
        ctl.setPhotoStore(&photos);
        const Assignment a = mobiletest::pilotAssignment(*tpl);
        QVERIFY(ctl.open(store.get(), a, tpl, "li.hua", "tab-1").ok());
        const auto lines = strokes({{{10, 100}, {100, 20}, {200, 150}}});
        QVERIFY(!ctl.evidence()->sign("feedback_rep_signature", lines, 600, 200, "王院长"));
        QVERIFY2(ctl.errorString().contains(QStringLiteral("总体改进意见与建议")), qPrintable(ctl.errorString()));
        QVERIFY(ctl.setAnswer("feedback_held", QStringLiteral("compliant")));
        QVERIFY(ctl.setAnswer("feedback_suggestions", QStringLiteral("完善消防巡查记录")));
        QVERIFY(ctl.evidence()->sign("feedback_rep_signature", lines, 600, 200, "王院长"));
        const json v = json::parse(ctl.snapshot().state.item("feedback_rep_signature")->value);
        QCOMPARE(v["covers"]["feedback_suggestions"].get<std::string>(), canonicalJson(json("完善消防巡查记录")));
        QCOMPARE(v["covers"]["feedback_held"].get<std::string>(), canonicalJson(json("compliant")));
        // Locked here while the signature stands: the reason names the signature.
        QVERIFY(!ctl.setAnswer("feedback_suggestions", QStringLiteral("另写的意见")));
        QVERIFY(ctl.errorString().contains(QStringLiteral("机构代表签收")));
        QVERIFY(!ctl.clearAnswer("feedback_suggestions"));
        QCOMPARE(ctl.snapshot().shownValue("feedback_suggestions"), canonicalJson(json("完善消防巡查记录")));
        // Another tablet (the lead's second one, which knew nothing of the signature) changes it anyway:
        // it merges, and the signature says it was given on other text.
        QVERIFY(
            mobiletest::storeRemote(*store, a.id, "li.hua", OpKind::Set, "feedback_suggestions", canonicalJson(json("改过的意见")), 900));
        QVERIFY(ctl.reload().ok());
        const Item *sig = tpl->item("feedback_rep_signature");
        QCOMPARE(ctl.snapshot().changedSinceSigned(*sig).size(), std::size_t(1));
        ctl.setCurrentStep(7);
        const int row = ctl.items()->rowOf(QStringLiteral("feedback_rep_signature"));
        QVERIFY(
            ctl.items()->data(ctl.items()->index(row), ItemListModel::MissingRole).toString().contains(QStringLiteral("Changed after")));
        // Clearing the signature unlocks the text; signing again records the new state.
        QVERIFY(ctl.clearAnswer("feedback_rep_signature"));
        QVERIFY(ctl.setAnswer("feedback_suggestions", QStringLiteral("再改的意见")));
    }

    void signatureRoundTrip()
    {
        QTemporaryDir dir;
        auto store = mobiletest::openStore(dir);
        PhotoStore photos(dir.filePath("blobs"), store.get());
        auto tpl = mobiletest::pilotTemplate();
        InspectionController ctl;
        ctl.setPhotoStore(&photos);
        QVERIFY(ctl.open(store.get(), mobiletest::pilotAssignment(*tpl), tpl, "li.hua", "tab-1").ok());
        fillAnnouncement(ctl);
        QVERIFY(!ctl.evidence()->sign("announce_rep_signature", strokes({{{10, 10}}}), 600, 200, "王院长")); // a dot is not a signature
        QVERIFY(!ctl.evidence()->sign("announce_rep_signature", strokes({{{10, 10}, {50, 80}}}), 600, 200, "  ")); // no name
        QVERIFY(ctl.evidence()->sign(
            "announce_rep_signature", strokes({{{10, 100}, {100, 20}, {200, 150}}, {{300, 50}, {500, 120}}}), 600, 200, "王院长"));
        const QVariantMap sig = ctl.evidence()->signature("announce_rep_signature");
        QCOMPARE(sig.value("signer").toString(), QStringLiteral("王院长"));
        QCOMPARE(sig.value("role").toString(), QStringLiteral("institution"));
        QVERIFY(!sig.value("signedAt").toString().isEmpty());
        const QImage png(photos.path(sig.value("sha256").toString()));
        QCOMPARE(png.size(), QSize(900, 300));
        int ink = 0;
        for (int y = 0; y < png.height(); y += 2)
            for (int x = 0; x < png.width(); x += 2)
                ink += png.pixelColor(x, y).lightness() < 128;
        QVERIFY2(ink > 100, "the strokes were not drawn");
        auto back = photos.signatureStrokes(sig.value("strokes").toString());
        QVERIFY(back);
        QCOMPARE(back->size(), std::size_t(2));
        QCOMPARE(back->at(0).at(2), QPointF(200, 150));
        for (const Reason &m : ctl.snapshot().report.missing)
            QVERIFY(m.subject != "announce_rep_signature");
        // Re-signing replaces it (an operation); the old image stays on disk.
        QVERIFY(ctl.evidence()->sign("announce_rep_signature", strokes({{{20, 20}, {580, 180}}}), 600, 200, "王院长"));
        QVERIFY(ctl.evidence()->signature("announce_rep_signature").value("sha256") != sig.value("sha256"));
        QVERIFY(photos.has(sig.value("sha256").toString()));
    }

    void sampleIsReproducibleWithReplacements()
    {
        QTemporaryDir dir;
        auto store = mobiletest::openStore(dir);
        auto tpl = mobiletest::pilotTemplate();
        InspectionController ctl;
        QVERIFY(ctl.open(store.get(), mobiletest::pilotAssignment(*tpl), tpl, "zhang.wei", "tab-3").ok());
        QCOMPARE(ctl.survey()->sampleSizeFor(126), 13); // max(10, ceil(10% of 126))
        QVERIFY(!ctl.survey()->drawSample(0, ""));
        QVERIFY(ctl.survey()->drawSample(126, ""));
        QVERIFY(!ctl.survey()->drawSample(126, "")); // drawn once
        const QVariantMap s = ctl.survey()->sample();
        QCOMPARE(s.value("k").toInt(), 13);
        const std::uint64_t seed = s.value("seed").toString().toULongLong();
        const auto expected = drawSequence(seed, 126, 126);
        QVariantList list = ctl.survey()->respondents();
        QCOMPARE(list.size(), 13);
        for (int i = 0; i < 13; ++i) {
            QCOMPARE(list[i].toMap().value("code").toString(), QStringLiteral("R%1").arg(i + 1, 2, 10, QLatin1Char('0')));
            QCOMPARE(list[i].toMap().value("who").toString(), QStringLiteral("Bed %1").arg(expected[static_cast<std::size_t>(i)] + 1));
        }
        // A refusal and an inability each bring the next residents of the same sequence.
        QVERIFY(ctl.survey()->setRespondentStatus("R03", "refused"));
        QVERIFY(ctl.survey()->setRespondentStatus("R07", "unable"));
        list = ctl.survey()->respondents();
        QCOMPARE(list.size(), 15);
        QCOMPARE(list[13].toMap().value("replaces").toString(), QStringLiteral("R03"));
        QCOMPARE(list[13].toMap().value("who").toString(), QStringLiteral("Bed %1").arg(expected[13] + 1));
        QCOMPARE(list[14].toMap().value("replaces").toString(), QStringLiteral("R07"));
        QCOMPARE(list[14].toMap().value("who").toString(), QStringLiteral("Bed %1").arg(expected[14] + 1));
        // Another tablet holding the same operations lists the same residents.
        QTemporaryDir dir2;
        auto store2 = mobiletest::openStore(dir2);
        auto ops = store->ops().operations("insp-test");
        QVERIFY(store2->ops().append(ops.value(), SyncState::Remote).ok());
        InspectionController other;
        QVERIFY(other.open(store2.get(), mobiletest::pilotAssignment(*tpl), tpl, "li.hua", "tab-1").ok());
        QCOMPARE(other.survey()->respondents(), list);
    }

    void rosterStaysOnTheTablet()
    {
        QTemporaryDir dir;
        auto store = mobiletest::openStore(dir);
        auto tpl = mobiletest::pilotTemplate();
        InspectionController ctl;
        QVERIFY(ctl.open(store.get(), mobiletest::pilotAssignment(*tpl), tpl, "zhang.wei", "tab-3").ok());
        QStringList names;
        for (int i = 1; i <= 40; ++i)
            names << QStringLiteral("住户%1 (%2床)").arg(i).arg(100 + i);
        QVERIFY(ctl.survey()->drawSample(0, names.join('\n') + "\n\n"));
        QCOMPARE(ctl.survey()->sample().value("population").toInt(), 40);
        QCOMPARE(ctl.survey()->sample().value("source").toString(), QStringLiteral("roster"));
        const auto seq = drawSequence(ctl.survey()->sample().value("seed").toString().toULongLong(), 40, 10);
        const QVariantList list = ctl.survey()->respondents();
        QCOMPARE(list.size(), 10);
        QCOMPARE(list[0].toMap().value("who").toString(), names[static_cast<int>(seq[0])]);
        QVERIFY(ctl.survey()->saveResponse("R01", {{"q_overall", "satisfied"}}));
        for (const Operation &op : store->ops().operations("insp-test").value())
            QVERIFY2(op.value.find("住户") == std::string::npos, op.value.c_str()); // no name in any operation
        // A teammate's tablet has the codes, not the names.
        QTemporaryDir dir2;
        auto store2 = mobiletest::openStore(dir2);
        QVERIFY(store2->ops().append(store->ops().operations("insp-test").value(), SyncState::Remote).ok());
        InspectionController other;
        QVERIFY(other.open(store2.get(), mobiletest::pilotAssignment(*tpl), tpl, "li.hua", "tab-1").ok());
        QVERIFY(other.survey()->respondents()[0].toMap().value("who").toString().contains("roster not on this tablet"));
    }

    void satisfactionAsTheCoreComputesIt()
    {
        QTemporaryDir dir;
        auto store = mobiletest::openStore(dir);
        auto tpl = mobiletest::pilotTemplate();
        InspectionController ctl;
        QVERIFY(ctl.open(store.get(), mobiletest::pilotAssignment(*tpl), tpl, "zhang.wei", "tab-3").ok());
        QVERIFY(!ctl.survey()->saveResponse("R01", {{"q_overall", "satisfied"}})); // no sample yet
        QVERIFY(ctl.survey()->drawSample(100, ""));
        const QVariantList questions = ctl.survey()->questions();
        QCOMPARE(questions.size(), 10);
        QVERIFY(!questions.front().toMap().value("options").toList().isEmpty());
        // Answer labels lose their emoji ("满意 🙂", "一般 ☺"): fonts have only some; faces are drawn.
        QStringList labels;
        for (const QVariant &o : questions.front().toMap().value("options").toList())
            labels << o.toMap().value("label").toString();
        QCOMPARE(labels.mid(0, 5), (QStringList {"非常满意", "满意", "一般", "不满意", "非常不满意"}));
        // So do the same labels on the survey step's page.
        ctl.setCurrentStep(4);
        QStringList shown;
        for (int row = 0; row < ctl.items()->rowCount(); ++row)
            if (ctl.items()->data(ctl.items()->index(row, 0), ItemListModel::ItemIdRole).toString()
                == questions.front().toMap().value("id").toString())
                for (const QVariant &o : ctl.items()->data(ctl.items()->index(row, 0), ItemListModel::OptionsRole).toList())
                    shown << o.toMap().value("label").toString();
        QCOMPARE(shown.mid(0, 5), labels.mid(0, 5));
        ctl.setCurrentStep(-1);
        const char *overall[] = {"very_satisfied", "satisfied", "satisfied", "dissatisfied", "unknown", "satisfied", "neutral", "satisfied",
            "satisfied", "very_satisfied"};
        for (int i = 0; i < 10; ++i) {
            QVariantMap answers;
            for (const QVariant &q : questions)
                answers.insert(q.toMap().value("id").toString(), "satisfied");
            answers.insert("q_overall", overall[i]);
            QVERIFY(ctl.survey()->saveResponse(QStringLiteral("R%1").arg(i + 1, 2, 10, QLatin1Char('0')), answers));
        }
        // Changing an answer replaces the response, it does not add one.
        QVERIFY(ctl.survey()->saveResponse("R04", {{"q_overall", "satisfied"}}));
        QCOMPARE(ctl.survey()->responseOf("R04").value("q_overall").toString(), QStringLiteral("satisfied"));
        QCOMPARE(static_cast<int>(ctl.snapshot().state.responses.size()), 10);
        for (const QVariant &r : ctl.survey()->respondents())
            QCOMPARE(r.toMap().value("status").toString(), QStringLiteral("done"));
        MergeOptions o;
        o.tpl = tpl.get();
        const ScoreReport core = score(*tpl, merge("insp-test", store->ops().operations("insp-test").value(), o));
        QCOMPARE(ctl.snapshot().report.survey.valid, 9); // "unknown" is not a valid answer
        QCOMPARE(ctl.snapshot().report.survey.satisfied, 8);
        QCOMPARE(*ctl.snapshot().report.survey.rate, *core.survey.rate);
        QCOMPARE(QString::fromStdString(reportToJson(ctl.snapshot().report, *tpl).dump()),
            QString::fromStdString(reportToJson(core, *tpl).dump()));
        QVERIFY2(ctl.surveyText().contains("88.9"), qPrintable(ctl.surveyText()));
    }

    // The lead settles a conflict with a value neither member entered (typed in the dialog as text).
    void leadSettlesWithAnotherValue()
    {
        QTemporaryDir dir;
        auto store = mobiletest::openStore(dir);
        auto tpl = mobiletest::pilotTemplate();
        const Assignment a = mobiletest::pilotAssignment(*tpl);
        {
            InspectionController wang;
            QVERIFY(wang.open(store.get(), a, tpl, "wang.fang", "tab-2").ok());
            QVERIFY(wang.setAnswer("staff_trained", 36));
        }
        InspectionController lead;
        QVERIFY(lead.open(store.get(), a, tpl, "li.hua", "tab-1").ok());
        QVERIFY(lead.setAnswer("staff_trained", 38));
        QVERIFY(lead.snapshot().state.item("staff_trained")->status == SlotStatus::Conflict);
        QVERIFY(!lead.review()->resolve("staff_trained", "abc", "recounted"));
        QVERIFY(lead.errorString().contains("abc"));
        QVERIFY(!lead.review()->resolve("staff_trained", "37", " "));
        QVERIFY(lead.review()->resolve("staff_trained", "37", "recounted with the training register"));
        const SlotState *slot = lead.snapshot().state.item("staff_trained");
        QVERIFY(slot->status == SlotStatus::Resolved);
        QCOMPARE(QString::fromStdString(slot->value), QStringLiteral("37"));
    }

    // A whole day: every step of the pilot template, photos from test images, a survey with one
    // refusal, both signatures; then the state against the core and the report read back.
    // A teammate's photo that has not reached this tablet: the report says so on its first page instead of
    // leaving a blank, and names what to fetch (issue 14, point 4).
    void reportSaysWhatEvidenceIsMissing()
    {
        QTemporaryDir dir;
        auto store = mobiletest::openStore(dir);
        PhotoStore photos(dir.filePath("blobs"), store.get());
        auto tpl = mobiletest::pilotTemplate();
        const Assignment a = mobiletest::pilotAssignment(*tpl);
        const std::string sha(64, 'c');
        QVERIFY(mobiletest::storeRemote(*store, a.id, "zhang.wei", OpKind::PhotoAttach, "site_photos",
            canonicalJson(nlohmann::json {{"sha256", sha}, {"caption", "走廊"}}), 1));
        InspectionController ctl;
        ctl.setPhotoStore(&photos);
        QVERIFY(ctl.open(store.get(), a, tpl, "li.hua", "tab-1").ok());
        auto written = writeReport(ctl, &photos, dir.filePath("reports/m.pdf"));
        QVERIFY2(written, written ? "" : written.error().message.c_str());
        QCOMPARE(written->missing, QStringList {QString::fromStdString(sha)});
        const QString text = run("pdftotext", {written->path, "-"}).simplified();
        QVERIFY2(text.contains("not on this tablet yet"), qPrintable(text.left(600)));
    }

    void wholeEvaluationAndReport()
    {
        QTemporaryDir dir;
        auto store = mobiletest::openStore(dir);
        PhotoStore photos(dir.filePath("blobs"), store.get());
        auto tpl = mobiletest::pilotTemplate();
        InspectionController ctl;
        ctl.setPhotoStore(&photos);
        Assignment a = mobiletest::pilotAssignment(*tpl);
        a.team = {{"li.hua", "lead"}, {"wang.fang", "evaluator"}};
        QVERIFY(ctl.open(store.get(), a, tpl, "li.hua", "tab-1").ok());
        int n = 0, photosAttached = 0;
        for (std::size_t st = 0; st < tpl->steps.size(); ++st) {
            ctl.setCurrentStep(static_cast<int>(st));
            QVERIFY(ctl.setStepStatus(static_cast<int>(st), "in_progress"));
            for (const Section &sec : tpl->steps[st].sections)
                for (const Item &item : sec.items) {
                    const QString id = QString::fromStdString(item.id);
                    ++n;
                    switch (item.type) {
                    case ItemType::Check:
                        if (item.hazard != Hazard::None) {
                            QVERIFY(ctl.setAnswer(id, "noncompliant"));
                            QVERIFY(ctl.addNote(id, QStringLiteral("发现问题 %1").arg(n)));
                            QVERIFY(ctl.evidence()->attachPhoto(id,
                                writeFile(dir, QStringLiteral("h%1.jpg").arg(n),
                                    jpegWithExif(1200, 900, "2026:11:25 10:30:00", QColor(200, 60, 60))),
                                "隐患"));
                            ++photosAttached;
                        } else {
                            QVERIFY(ctl.setAnswer(id, "compliant"));
                        }
                        break;
                    case ItemType::Score:
                        QVERIFY(ctl.setAnswer(id, item.max.value_or(0) - (n % 2) * item.step));
                        break;
                    case ItemType::Number:
                        QVERIFY(ctl.setAnswer(id, std::clamp(40.0, item.min.value_or(0), item.max.value_or(1e9))));
                        break;
                    case ItemType::Single:
                        QVERIFY(ctl.setAnswer(id, QString::fromStdString(item.options.front().value)));
                        break;
                    case ItemType::Multiple:
                        QVERIFY(ctl.setAnswer(id, QStringList {QString::fromStdString(item.options.front().value)}));
                        break;
                    case ItemType::Text:
                        QVERIFY(ctl.setAnswer(id, QStringLiteral("记录 %1").arg(n)));
                        break;
                    case ItemType::Date:
                        QVERIFY(ctl.setAnswer(id, "2026-11-25"));
                        break;
                    case ItemType::Photo:
                        for (int p = 0; p < std::max(1, item.photosMin); ++p, ++photosAttached)
                            QVERIFY(ctl.evidence()->attachPhoto(id,
                                writeFile(dir, QStringLiteral("p%1-%2.jpg").arg(n).arg(p),
                                    jpegWithExif(3000, 2000, "2026:11:25 09:00:00", QColor(40 * p, 120, 90))),
                                QStringLiteral("现场 %1").arg(p + 1)));
                        break;
                    case ItemType::Signature:
                        QVERIFY(ctl.evidence()->sign(id, strokes({{{10, 150}, {80, 30}, {160, 170}, {260, 40}}}), 600, 200,
                            item.signerRole == "lead" ? "李华" : "王院长"));
                        break;
                    case ItemType::Rating:
                        break; // the survey below
                    }
                }
            if (tpl->steps[st].key == StepKey::Survey) {
                QVERIFY(ctl.survey()->drawSample(126, ""));
                const QVariantList questions = ctl.survey()->questions();
                QVERIFY(ctl.survey()->setRespondentStatus("R01", "refused"));
                for (const QVariant &r : ctl.survey()->respondents()) {
                    const QString code = r.toMap().value("code").toString();
                    if (r.toMap().value("status") == "refused")
                        continue;
                    QVariantMap answers;
                    for (const QVariant &q : questions)
                        answers.insert(q.toMap().value("id").toString(), code == "R05" ? "dissatisfied" : "satisfied");
                    QVERIFY(ctl.survey()->saveResponse(code, answers));
                }
                QCOMPARE(ctl.survey()->respondents().size(), 14); // 13 + one replacement
                QCOMPARE(ctl.survey()->respondents().last().toMap().value("replaces").toString(), QStringLiteral("R01"));
            }
            QVERIFY(ctl.setStepStatus(static_cast<int>(st), "done"));
        }
        // Findings from the hazards get suggestions, responsible parties and deadlines; one by hand.
        QStringList findingIds; // (each edit replaces the snapshot: take the ids first)
        for (const auto &[id, f] : ctl.snapshot().state.findings)
            findingIds << QString::fromStdString(id);
        for (const QString &fid : findingIds) {
            QVERIFY(ctl.editFinding(fid, "suggestion", "立即整改"));
            QVERIFY(ctl.editFinding(fid, "responsible", "后勤部"));
            QVERIFY(ctl.editFinding(fid, "deadline", "2026-12-01"));
        }
        const QString manual = ctl.addFinding("护理记录签字不全", "补齐签字", "护理部", "2026-12-15");
        QVERIFY(!manual.isEmpty());
        QVERIFY(ctl.evidence()->attachPhoto(
            "finding:" + manual, writeFile(dir, "f.jpg", jpegWithExif(640, 480, "2026:11:25 11:00:00")), "记录本"));
        ++photosAttached;

        // The state is what the core computes from the stored operations.
        MergeOptions o;
        o.tpl = tpl.get();
        const auto ops = store->ops().operations(a.id).value();
        const InspectionState state = merge(a.id, ops, o);
        const ScoreReport core = score(*tpl, state);
        QCOMPARE(QString::fromStdString(stateToJson(ctl.snapshot().state).dump()), QString::fromStdString(stateToJson(state).dump()));
        QCOMPARE(QString::fromStdString(reportToJson(ctl.snapshot().report, *tpl).dump()),
            QString::fromStdString(reportToJson(core, *tpl).dump()));
        QCOMPARE(static_cast<int>(state.photos.size()), photosAttached);
        QVERIFY2(
            core.missing.empty(), core.missing.empty() ? "" : (core.missing.front().code + " " + core.missing.front().subject).c_str());
        QCOMPARE(core.survey.responses, 13);
        QCOMPARE(core.survey.satisfied, 12);
        QVERIFY(state.findings.size() >= 2);

        // The report: pages as written, and its text holds the institution, the total and every finding.
        auto written = writeReport(ctl, &photos, dir.filePath("reports/r.pdf"));
        QVERIFY2(written, written ? "" : written.error().message.c_str());
        QCOMPARE(written->photos, photosAttached);
        const QString info = run("pdfinfo", {written->path});
        QVERIFY2(info.contains(QRegularExpression(QStringLiteral("Pages:\\s+%1\\b").arg(written->pages))), qPrintable(info));
        QVERIFY(info.contains("A4"));
        QVERIFY(written->pages >= 5);
        const QString text = run("pdftotext", {"-layout", written->path, "-"});
        QVERIFY(text.contains(QStringLiteral("测试养老院")));
        QVERIFY2(text.contains(ctl.totalText()), qPrintable(ctl.totalText()));
        for (const auto &[id, f] : state.findings) {
            const QString title = QString::fromStdString(f.text("title"));
            QVERIFY2(text.contains(title.left(12)), qPrintable(title));
        }
        QVERIFY(text.contains(QStringLiteral("王院长")));
        QVERIFY(text.contains(QStringLiteral("立即整改")));
        QVERIFY(text.contains(QStringLiteral("Page %1").arg(written->pages)));
        // Regenerating after a change gives the updated report.
        QVERIFY(ctl.editFinding(manual, "suggestion", "三日内补齐签字并复核"));
        auto again = writeReport(ctl, &photos, dir.filePath("reports/r.pdf"));
        QVERIFY(again);
        QVERIFY(run("pdftotext", {again->path, "-"}).contains(QStringLiteral("三日内补齐签字并复核")));
        // An edited note is printed as edited (once), as the app shows it; steps and people in words.
        QVERIFY(ctl.addNote("announce_team_present", QStringLiteral("到场三人（初记）")));
        QVERIFY(ctl.addNote("announce_team_present", QStringLiteral("到场三人，组长09:00到")));
        auto edited = writeReport(ctl, &photos, dir.filePath("reports/r.pdf"));
        QVERIFY(edited);
        const QString editedText = run("pdftotext", {edited->path, "-"});
        QVERIFY(editedText.contains(QStringLiteral("到场三人，组长09:00到")));
        QVERIFY(!editedText.contains(QStringLiteral("初记")));
        QVERIFY(editedText.contains("Procedure followed"));
        QVERIFY(!editedText.contains("in_progress"));
        QVERIFY(!QFile::exists(dir.filePath("reports/r.pdf.part")));
        if (qEnvironmentVariableIsSet("CAREEVAL_KEEP_REPORT")) // scripts/screenshots.sh renders its pages
            QFile::copy(again->path, qEnvironmentVariable("CAREEVAL_KEEP_REPORT"));
    }
};

QTEST_MAIN(TestCapture)
#include "tst_capture.moc"
