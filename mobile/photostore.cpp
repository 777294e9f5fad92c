#include "photostore.h"

#include <careeval/jsonutil.h>

#include <QBuffer>
#include <QCameraDevice>
#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QImage>
#include <QImageReader>
#include <QMediaDevices>
#include <QPainter>
#include <QPainterPath>
#include <QSaveFile>

using namespace careeval;

namespace {

QString sha256Hex(const QByteArray &bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

bool isSha(const QString &s)
{
    if (s.size() != 64)
        return false;
    for (QChar c : s)
        if (!((c >= QLatin1Char('0') && c <= QLatin1Char('9')) || (c >= QLatin1Char('a') && c <= QLatin1Char('f'))))
            return false;
    return true;
}

QByteArray encode(const QImage &image, const char *format, int quality)
{
    QByteArray out;
    QBuffer buffer(&out);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, format, quality);
    return out;
}

// A bounds-checked reader over the TIFF structure inside an EXIF segment.
struct Tiff {
    const uchar *p;
    qsizetype size;
    bool little;
    std::optional<quint32> u(qsizetype at, int bytes) const
    {
        if (at < 0 || at + bytes > size)
            return std::nullopt;
        quint32 v = 0;
        for (int i = 0; i < bytes; ++i)
            v |= static_cast<quint32>(p[at + (little ? i : bytes - 1 - i)]) << (8 * i);
        return v;
    }
    //! The entry `tag` of the IFD at `ifd`: (type, count, value-or-offset position).
    std::optional<std::tuple<quint32, quint32, qsizetype>> entry(qsizetype ifd, quint16 tag) const
    {
        auto n = u(ifd, 2);
        if (!n || *n > 1000)
            return std::nullopt;
        for (quint32 i = 0; i < *n; ++i) {
            const qsizetype e = ifd + 2 + 12 * static_cast<qsizetype>(i);
            auto t = u(e, 2), type = u(e + 2, 2), count = u(e + 4, 4);
            if (!t || !type || !count)
                return std::nullopt;
            if (*t == tag)
                return std::tuple {*type, *count, e + 8};
        }
        return std::nullopt;
    }
    std::optional<QDateTime> time(qsizetype ifd, quint16 tag) const
    {
        auto e = entry(ifd, tag);
        if (!e || std::get<0>(*e) != 2 || std::get<1>(*e) < 19)
            return std::nullopt;
        auto off = u(std::get<2>(*e), 4);
        if (!off || static_cast<qsizetype>(*off) + 19 > size)
            return std::nullopt;
        const QString text = QString::fromLatin1(reinterpret_cast<const char *>(p + *off), 19);
        QDateTime t = QDateTime::fromString(text, QStringLiteral("yyyy:MM:dd HH:mm:ss"));
        return t.isValid() ? std::optional<QDateTime>(t) : std::nullopt;
    }
};

} // namespace

namespace {

//! The TIFF structure of a JPEG's EXIF segment, and its first IFD.
std::optional<std::pair<Tiff, qsizetype>> exifOf(const QByteArray &jpeg)
{
    const auto *d = reinterpret_cast<const uchar *>(jpeg.constData());
    const qsizetype n = jpeg.size();
    if (n < 4 || d[0] != 0xFF || d[1] != 0xD8)
        return std::nullopt;
    qsizetype at = 2;
    while (at + 4 <= n && d[at] == 0xFF) {
        const uchar marker = d[at + 1];
        const qsizetype len = (d[at + 2] << 8) | d[at + 3];
        if (marker == 0xDA || len < 2 || at + 2 + len > n)
            break; // image data starts: no EXIF before it
        if (marker == 0xE1 && len >= 16 && std::memcmp(d + at + 4, "Exif\0\0", 6) == 0) {
            Tiff t {d + at + 10, len - 8, d[at + 10] == 'I'};
            auto ifd0 = t.u(4, 4);
            if (!ifd0)
                return std::nullopt;
            return std::pair {t, static_cast<qsizetype>(*ifd0)};
        }
        at += 2 + len;
    }
    return std::nullopt;
}

} // namespace

std::optional<QDateTime> exifCaptureTime(const QByteArray &jpeg)
{
    auto e = exifOf(jpeg);
    if (!e)
        return std::nullopt;
    const auto &[t, ifd0] = *e;
    if (auto exif = t.entry(ifd0, 0x8769))
        if (auto off = t.u(std::get<2>(*exif), 4))
            if (auto original = t.time(*off, 0x9003))
                return original;
    return t.time(ifd0, 0x0132);
}

std::optional<QPointF> exifLocation(const QByteArray &jpeg)
{
    auto e = exifOf(jpeg);
    if (!e)
        return std::nullopt;
    const auto &[t, ifd0] = *e;
    auto gps = t.entry(ifd0, 0x8825);
    if (!gps)
        return std::nullopt;
    auto gpsIfd = t.u(std::get<2>(*gps), 4);
    if (!gpsIfd)
        return std::nullopt;
    // Degrees, minutes, seconds as three RATIONALs; the reference letter says the hemisphere.
    auto coordinate = [&](quint16 refTag, quint16 tag, char negative) -> std::optional<double> {
        auto ref = t.entry(*gpsIfd, refTag);
        auto val = t.entry(*gpsIfd, tag);
        if (!ref || !val || std::get<0>(*val) != 5 || std::get<1>(*val) != 3)
            return std::nullopt;
        auto off = t.u(std::get<2>(*val), 4);
        if (!off)
            return std::nullopt;
        double parts[3];
        for (int i = 0; i < 3; ++i) {
            auto num = t.u(*off + 8 * i, 4), den = t.u(*off + 8 * i + 4, 4);
            if (!num || !den || *den == 0)
                return std::nullopt;
            parts[i] = double(*num) / double(*den);
        }
        const double deg = parts[0] + parts[1] / 60 + parts[2] / 3600;
        const qsizetype refAt = std::get<2>(*ref);
        const bool neg = refAt < t.size && t.p[refAt] == static_cast<uchar>(negative);
        return neg ? -deg : deg;
    };
    auto lat = coordinate(1, 2, 'S');
    auto lon = coordinate(3, 4, 'W');
    if (!lat || !lon || std::fabs(*lat) > 90 || std::fabs(*lon) > 180)
        return std::nullopt;
    return QPointF(*lon, *lat);
}

PhotoStore::PhotoStore(const QString &dir, LocalStore *store, QObject *parent)
    : QObject(parent)
    , m_dir(dir)
    , m_store(store)
{
    QDir().mkpath(m_dir);
}

QString PhotoStore::path(const QString &sha256) const
{
    return QDir(m_dir).filePath(sha256);
}

bool PhotoStore::has(const QString &sha256) const
{
    return isSha(sha256) && QFileInfo::exists(path(sha256));
}

QUrl PhotoStore::url(const QString &sha256)
{
    if (!isSha(sha256))
        return {};
    if (has(sha256))
        return QUrl::fromLocalFile(path(sha256));
    if (m_fetch && !m_requested.contains(sha256)) {
        m_requested.insert(sha256);
        m_fetch(sha256);
    }
    return {};
}

QString PhotoStore::captureFile() const
{
    QDir dir(QDir(m_dir).filePath(QStringLiteral("../capture")));
    dir.mkpath(QStringLiteral("."));
    return dir.absoluteFilePath(QStringLiteral("capture-%1.jpg").arg(QDateTime::currentMSecsSinceEpoch()));
}

void PhotoStore::discardCapture(const QString &path) const
{
    const QString local = path.startsWith(QLatin1String("file:")) ? QUrl(path).toLocalFile() : path;
    if (QFileInfo(local).absolutePath().endsWith(QLatin1String("/capture")))
        QFile::remove(local);
}

bool PhotoStore::cameraAvailable() const
{
    return !QMediaDevices::videoInputs().isEmpty();
}

QString PhotoStore::captureHint() const
{
    return cameraAvailable() ? tr("Take a photo, or import an image file.")
                             : tr("This tablet has no camera: import an image file instead.");
}

Result<QString> PhotoStore::put(const QByteArray &bytes, const std::string &kind, bool *existed)
{
    const QString sha = sha256Hex(bytes);
    const bool present = has(sha);
    if (existed)
        *existed = present;
    if (!present) {
        QSaveFile f(path(sha));
        if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size() || !f.commit())
            return makeError(ErrorCode::Io, "the photo could not be written to this tablet's storage: " + f.errorString().toStdString());
    }
    if (m_store)
        if (auto r = m_store->addBlob(sha.toStdString(), bytes.size(), kind); !r)
            return r.error();
    return sha;
}

Result<StoredPhoto> PhotoStore::importFile(const QString &file)
{
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        return makeError(
            ErrorCode::Io, QStringLiteral("“%1” cannot be opened: %2").arg(QFileInfo(file).fileName(), f.errorString()).toStdString());
    const QByteArray original = f.readAll();
    QBuffer buffer;
    buffer.setData(original);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer);
    reader.setAutoTransform(true);
    QSize size = reader.size();
    if (size.isValid() && std::max(size.width(), size.height()) > kMaxSide)
        reader.setScaledSize(size.scaled(kMaxSide, kMaxSide, Qt::KeepAspectRatio)); // decoder scales: far less memory
    QImage image = reader.read();
    if (image.isNull())
        return makeError(ErrorCode::InvalidArgument,
            QStringLiteral("“%1” is not a picture this tablet can read (%2).")
                .arg(QFileInfo(file).fileName(), reader.errorString())
                .toStdString());
    if (std::max(image.width(), image.height()) > kMaxSide)
        image = image.scaled(kMaxSide, kMaxSide, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    if (image.hasAlphaChannel()) {
        QImage flat(image.size(), QImage::Format_RGB32);
        flat.fill(Qt::white);
        QPainter(&flat).drawImage(0, 0, image);
        image = flat;
    }
    StoredPhoto out;
    out.width = image.width();
    out.height = image.height();
    const QByteArray jpeg = encode(image, "JPEG", 85);
    auto sha = put(jpeg, "photo", &out.duplicate);
    if (!sha)
        return sha.error();
    out.sha256 = sha.value();
    out.bytes = jpeg.size();
    const QImage small = image.scaled(kThumbSide, kThumbSide, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    auto thumb = put(encode(small, "JPEG", 80), "thumb");
    if (!thumb)
        return thumb.error();
    out.thumb = thumb.value();
    const auto exif = exifCaptureTime(original);
    out.takenAt = exif ? exif->toMSecsSinceEpoch() : QFileInfo(file).lastModified().toMSecsSinceEpoch();
    out.location = exifLocation(original);
    return out;
}

Result<StoredSignature> PhotoStore::storeSignature(const std::vector<std::vector<QPointF>> &strokes, QSizeF pad)
{
    std::size_t points = 0;
    for (const auto &s : strokes)
        points += s.size();
    if (points < 2 || pad.width() < 10 || pad.height() < 10)
        return makeError(ErrorCode::InvalidArgument, "the signature is empty: sign in the box first");
    // Rendered at a fixed size, whatever the pad's size on this screen.
    const QSize out(900, 300);
    QImage image(out, QImage::Format_RGB32);
    image.fill(Qt::white);
    {
        QPainter p(&image);
        p.setRenderHint(QPainter::Antialiasing);
        const double scale = std::min(out.width() / pad.width(), out.height() / pad.height());
        p.scale(scale, scale);
        p.setPen(QPen(QColor(20, 30, 80), 3.0 / scale * 1.6, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        for (const auto &s : strokes) {
            if (s.size() == 1) {
                p.drawPoint(s.front());
                continue;
            }
            QPainterPath path(s.front());
            for (std::size_t i = 1; i < s.size(); ++i)
                path.lineTo(s[i]);
            p.drawPath(path);
        }
    }
    json j = {{"width", pad.width()}, {"height", pad.height()}, {"strokes", json::array()}};
    for (const auto &s : strokes) {
        json line = json::array();
        for (const QPointF &pt : s)
            line.push_back({std::round(pt.x() * 10) / 10, std::round(pt.y() * 10) / 10});
        j["strokes"].push_back(std::move(line));
    }
    auto png = put(encode(image, "PNG", -1), "signature");
    if (!png)
        return png.error();
    auto recorded = put(QByteArray::fromStdString(j.dump()), "strokes");
    if (!recorded)
        return recorded.error();
    return StoredSignature {png.value(), recorded.value()};
}

Result<std::vector<std::vector<QPointF>>> PhotoStore::signatureStrokes(const QString &strokesSha) const
{
    QFile f(path(strokesSha));
    if (!isSha(strokesSha) || !f.open(QIODevice::ReadOnly))
        return makeError(ErrorCode::NotFound, "the signature's strokes are not on this tablet");
    auto parsed = parseJson(f.readAll().toStdString());
    if (!parsed || !parsed.value().contains("strokes") || !parsed.value()["strokes"].is_array())
        return makeError(ErrorCode::InvalidArgument, "the signature's strokes are damaged");
    std::vector<std::vector<QPointF>> out;
    for (const auto &line : parsed.value()["strokes"]) {
        std::vector<QPointF> s;
        for (const auto &pt : line)
            if (pt.is_array() && pt.size() == 2 && pt[0].is_number() && pt[1].is_number())
                s.emplace_back(pt[0].get<double>(), pt[1].get<double>());
        out.push_back(std::move(s));
    }
    return out;
}

Result<void> PhotoStore::saveReceived(const QString &sha256, const QByteArray &bytes)
{
    if (!isSha(sha256) || sha256Hex(bytes) != sha256)
        return makeError(ErrorCode::InvalidArgument, "the photo received does not match its fingerprint; it was not kept");
    QSaveFile f(path(sha256));
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size() || !f.commit())
        return makeError(ErrorCode::Io, "the photo could not be written to this tablet's storage: " + f.errorString().toStdString());
    if (m_store)
        if (auto r = m_store->addBlob(sha256.toStdString(), bytes.size(), "received", true); !r)
            return r.error();
    m_requested.remove(sha256);
    ++m_revision;
    Q_EMIT revisionChanged();
    return {};
}
