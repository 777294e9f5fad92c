#pragma once
// The evidence of the open inspection: photos attached to items, step keys and findings, and
// signatures. Files are stored once by content in the PhotoStore; attaching, removing and signing are
// operations stored through InspectionController::record. Pages show evidence through an EvidenceView,
// whose properties notify when the inspection changes or a teammate's file arrives.

#include <QObject>
#include <QPointer>
#include <QVariant>
#include <QtQml/qqmlregistration.h>

class InspectionController;
class PhotoStore;

class EvidenceController : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("The evidence controller is part of App.inspection")

public:
    explicit EvidenceController(InspectionController *inspection);

    void setPhotoStore(PhotoStore *photos);
    PhotoStore *photoStore() const { return m_photos; }

    //! Imports an image file (path or file: URL), stores it once by content and attaches it to an item,
    //! a step key or "finding:<id>" with a caption. Undo detaches it.
    Q_INVOKABLE bool attachPhoto(const QString &target, const QString &file, const QString &caption);
    //! Removes a photo (an operation naming the attach; the file stays while anything refers to it).
    Q_INVOKABLE bool detachPhoto(const QString &attachOp);
    //! Signs a signature item: strokes are lists of {x, y} points in a width×height pad.
    Q_INVOKABLE bool sign(const QString &itemId, const QVariantList &strokes, double width, double height, const QString &signer);

    //! Photos on a target, oldest first: {op, sha256, thumb, caption, author, mine, takenAt}.
    QVariantList photos(const QString &target) const;
    //! The team's signature on an item: {sha256, strokes, signer, role, signedAt}; empty when none.
    QVariantMap signature(const QString &itemId) const;

Q_SIGNALS:
    //! The inspection changed, or a file arrived from the server
    void changed();

private:
    InspectionController *m_inspection;
    PhotoStore *m_photos = nullptr;
};

//! The photos and signature of one target, for a page: {…, thumbUrl, url} per photo, where a URL is ""
//! until the file is on this tablet (asking for it fetches it from the server: thumbnails always, full
//! photos only while `full` is set, as the viewer does).
class EvidenceView : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(EvidenceController *evidence READ evidence WRITE setEvidence NOTIFY evidenceChanged)
    //! An item id, a step key or "finding:<id>"
    Q_PROPERTY(QString target READ target WRITE setTarget NOTIFY targetChanged)
    //! Also fetch the full photos (the viewer), not only thumbnails
    Q_PROPERTY(bool full READ full WRITE setFull NOTIFY fullChanged)
    Q_PROPERTY(QVariantList photos READ photos NOTIFY changed)
    //! {sha256, url, signer, role, signedAt}; empty when the target is not signed
    Q_PROPERTY(QVariantMap signature READ signature NOTIFY changed)

public:
    explicit EvidenceView(QObject *parent = nullptr);

    EvidenceController *evidence() const { return m_evidence; }
    void setEvidence(EvidenceController *evidence);
    QString target() const { return m_target; }
    void setTarget(const QString &target);
    bool full() const { return m_full; }
    void setFull(bool full);
    QVariantList photos() const { return m_photos; }
    QVariantMap signature() const { return m_signature; }

Q_SIGNALS:
    void evidenceChanged();
    void targetChanged();
    void fullChanged();
    void changed();

private:
    void refresh();

    QPointer<EvidenceController> m_evidence;
    QString m_target;
    bool m_full = false;
    QVariantList m_photos;
    QVariantMap m_signature;
};
