#pragma once
// Photos, thumbnails and signatures on this tablet, stored once by SHA-256 under <data>/blobs/.
// Importing an image file scales it to at most 2048 px on the long side (JPEG), keeps its capture time
// (EXIF DateTimeOriginal, else the file's time) and makes a 320 px thumbnail; the same photo imported
// twice gives the same bytes and is stored once. Each stored blob is queued in the local database for
// upload. Teammates' photos arrive on demand: url() answers "" and asks for the blob (thumbnails are
// asked first by the views), `revision` changes when something arrives.

#include "localstore.h"

#include <careeval/result.h>

#include <QDateTime>
#include <QObject>
#include <QPointF>
#include <QSet>
#include <QSizeF>
#include <QUrl>
#include <QtQml/qqmlregistration.h>

#include <functional>
#include <optional>
#include <vector>

struct StoredPhoto {
    QString sha256;
    QString thumb; //!< sha256 of the thumbnail
    qint64 bytes = 0;
    int width = 0;
    int height = 0;
    qint64 takenAt = 0; //!< ms since the epoch
    bool duplicate = false; //!< the same bytes were already stored
    std::optional<QPointF> location; //!< (longitude, latitude) when the capturing device recorded one
};

struct StoredSignature {
    QString sha256; //!< the PNG
    QString strokes; //!< the recorded strokes (JSON), for re-rendering and checking
};

//! The capture time recorded in a JPEG's EXIF data (DateTimeOriginal, else DateTime), local time.
std::optional<QDateTime> exifCaptureTime(const QByteArray &jpeg);
//! Where a JPEG was taken, from its EXIF GPS data: (longitude, latitude) in degrees.
std::optional<QPointF> exifLocation(const QByteArray &jpeg);

class PhotoStore : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("PhotoStore belongs to the app")
    Q_PROPERTY(int revision READ revision NOTIFY revisionChanged)
    Q_PROPERTY(bool cameraAvailable READ cameraAvailable CONSTANT)

public:
    static constexpr int kMaxSide = 2048;
    static constexpr int kThumbSide = 320;

    PhotoStore(const QString &dir, LocalStore *store, QObject *parent = nullptr);

    careeval::Result<StoredPhoto> importFile(const QString &path);
    //! Renders strokes (each a list of points in a width×height pad) to a PNG and stores both.
    careeval::Result<StoredSignature> storeSignature(const std::vector<std::vector<QPointF>> &strokes, QSizeF pad);
    //! Reads the strokes of a stored signature back.
    careeval::Result<std::vector<std::vector<QPointF>>> signatureStrokes(const QString &strokesSha) const;
    //! Stores bytes received from the server after checking they hash to `sha256`.
    careeval::Result<void> saveReceived(const QString &sha256, const QByteArray &bytes);

    bool has(const QString &sha256) const;
    QString path(const QString &sha256) const;
    //! file: URL when the blob is here; otherwise "" and the blob is requested from the server.
    Q_INVOKABLE QUrl url(const QString &sha256);
    //! A new file path for a camera capture (imported, then removed with discardCapture()).
    Q_INVOKABLE QString captureFile() const;
    Q_INVOKABLE void discardCapture(const QString &path) const;
    //! Human sentence for the import button: whether there is a camera.
    Q_INVOKABLE QString captureHint() const;

    //! Who fetches missing blobs (the sync client); called at most once per blob until it fails.
    void setFetcher(std::function<void(const QString &)> fetch) { m_fetch = std::move(fetch); }
    void fetchFailed(const QString &sha256) { m_requested.remove(sha256); }
    int revision() const { return m_revision; }
    bool cameraAvailable() const;

Q_SIGNALS:
    void revisionChanged();

private:
    careeval::Result<QString> put(const QByteArray &bytes, const std::string &kind, bool *existed = nullptr);

    QString m_dir;
    LocalStore *m_store;
    std::function<void(const QString &)> m_fetch;
    QSet<QString> m_requested;
    int m_revision = 0;
};
