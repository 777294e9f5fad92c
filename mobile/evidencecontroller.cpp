#include "evidencecontroller.h"

#include "inspectioncontroller.h"
#include "photostore.h"

#include <careeval/jsonutil.h>

#include <QDateTime>
#include <QSizeF>
#include <QUrl>

#include <cmath>

using namespace careeval;

EvidenceController::EvidenceController(InspectionController *inspection)
    : QObject(inspection)
    , m_inspection(inspection)
{
    connect(inspection, &InspectionController::changed, this, &EvidenceController::changed);
    connect(inspection, &InspectionController::openChanged, this, &EvidenceController::changed);
}

void EvidenceController::setPhotoStore(PhotoStore *photos)
{
    if (m_photos)
        disconnect(m_photos, nullptr, this, nullptr);
    m_photos = photos;
    if (m_photos)
        connect(m_photos, &PhotoStore::revisionChanged, this, &EvidenceController::changed);
}

bool EvidenceController::attachPhoto(const QString &target, const QString &file, const QString &caption)
{
    const InspectionSnapshot &snap = m_inspection->snapshot();
    if (!snap.valid())
        return false;
    if (!m_photos) {
        m_inspection->setError(tr("Photos cannot be stored on this tablet."));
        return false;
    }
    const QString path = file.startsWith(QLatin1String("file:")) ? QUrl(file).toLocalFile() : file;
    auto stored = m_photos->importFile(path);
    if (!stored) {
        m_inspection->setError(tr("The photo was not added: %1").arg(QString::fromStdString(stored.error().message)));
        return false;
    }
    const StoredPhoto &p = stored.value();
    json v {{"sha256", p.sha256.toStdString()}, {"thumb", p.thumb.toStdString()}, {"bytes", p.bytes}, {"taken_at", p.takenAt}};
    if (!caption.trimmed().isEmpty())
        v["caption"] = caption.trimmed().toStdString();
    if (p.location)
        v["location"] = {{"lat", std::round(p.location->y() * 1e6) / 1e6}, {"lon", std::round(p.location->x() * 1e6) / 1e6}};
    const std::string t = target.toStdString();
    const Item *item = snap.tpl->item(t);
    QString label = item ? snap.text(item->label) : target;
    if (!m_inspection->record(OpKind::PhotoAttach, t, canonicalJson(v)))
        return false;
    m_inspection->addUndo({OpKind::PhotoAttach, m_inspection->lastOperation().toString(), {}, t, tr("photo on %1").arg(label)});
    Q_EMIT m_inspection->infoMessage(
        p.duplicate ? tr("Photo attached (this picture was already on the tablet, stored once)") : tr("Photo attached"));
    return true;
}

bool EvidenceController::detachPhoto(const QString &attachOp)
{
    const InspectionSnapshot &snap = m_inspection->snapshot();
    if (!snap.valid())
        return false;
    const std::string id = attachOp.toStdString();
    for (const PhotoEntry &p : snap.state.photos)
        if (p.op.toString() == id) {
            if (!m_inspection->record(OpKind::PhotoDetach, p.target, canonicalJson(json {{"attach", id}})))
                return false;
            Q_EMIT m_inspection->infoMessage(tr("Photo removed"));
            return true;
        }
    m_inspection->setError(tr("That photo is no longer attached."));
    return false;
}

QVariantList EvidenceController::photos(const QString &target) const
{
    const InspectionSnapshot &snap = m_inspection->snapshot();
    QVariantList out;
    if (!snap.valid())
        return out;
    for (const PhotoEntry *p : snap.state.photosFor(target.toStdString()))
        out << QVariantMap {{QStringLiteral("op"), QString::fromStdString(p->op.toString())},
            {QStringLiteral("sha256"), QString::fromStdString(p->sha256)},
            {QStringLiteral("thumb"), QString::fromStdString(p->thumb.empty() ? p->sha256 : p->thumb)},
            {QStringLiteral("caption"), QString::fromStdString(p->caption)}, {QStringLiteral("author"), snap.person(p->author)},
            {QStringLiteral("mine"), p->author == snap.me},
            {QStringLiteral("takenAt"),
                p->takenAt ? QDateTime::fromMSecsSinceEpoch(p->takenAt).toString(QStringLiteral("yyyy-MM-dd HH:mm")) : QString()}};
    return out;
}

bool EvidenceController::sign(const QString &itemId, const QVariantList &strokes, double width, double height, const QString &signer)
{
    const InspectionSnapshot &snap = m_inspection->snapshot();
    if (!snap.valid())
        return false;
    const Item *item = snap.tpl->item(itemId.toStdString());
    if (!item || item->type != ItemType::Signature) {
        m_inspection->setError(tr("“%1” is not a signature.").arg(itemId));
        return false;
    }
    if (signer.trimmed().isEmpty()) {
        m_inspection->setError(tr("Write the signer's name before signing."));
        return false;
    }
    if (!m_photos) {
        m_inspection->setError(tr("Signatures cannot be stored on this tablet."));
        return false;
    }
    std::vector<std::vector<QPointF>> lines;
    for (const QVariant &s : strokes) {
        std::vector<QPointF> line;
        for (const QVariant &pt : s.toList()) {
            const QVariantMap m = pt.toMap();
            line.emplace_back(m.value(QStringLiteral("x")).toDouble(), m.value(QStringLiteral("y")).toDouble());
        }
        if (!line.empty())
            lines.push_back(std::move(line));
    }
    // A signature acknowledges what the signer was shown: what it covers must exist first, and its
    // values are recorded with it (and locked on this tablet while it stands).
    QVariantMap covers;
    QStringList notYet;
    for (const Item *c : snap.signedContent(*item)) {
        const std::string shown = snap.shownValue(c->id);
        if (shown.empty() && c->required)
            notYet << QStringLiteral("“%1”").arg(snap.text(c->label));
        covers.insert(QString::fromStdString(c->id), QString::fromStdString(shown));
    }
    if (!notYet.isEmpty()) {
        m_inspection->setError(tr("Fill in %1 before signing: a signature acknowledges what was shown when it was given.")
                                   .arg(notYet.join(QStringLiteral("、"))));
        return false;
    }
    auto stored = m_photos->storeSignature(lines, QSizeF(width, height));
    if (!stored) {
        m_inspection->setError(tr("The signature was not saved: %1").arg(QString::fromStdString(stored.error().message)));
        return false;
    }
    QVariantMap v {{QStringLiteral("sha256"), stored.value().sha256}, {QStringLiteral("strokes"), stored.value().strokes},
        {QStringLiteral("signer"), signer.trimmed()}, {QStringLiteral("signed_at"), QDateTime::currentDateTime().toString(Qt::ISODate)}};
    if (!item->signerRole.empty())
        v.insert(QStringLiteral("role"), QString::fromStdString(item->signerRole));
    if (!covers.isEmpty())
        v.insert(QStringLiteral("covers"), covers);
    return m_inspection->setAnswer(itemId, v);
}

QVariantMap EvidenceController::signature(const QString &itemId) const
{
    const InspectionSnapshot &snap = m_inspection->snapshot();
    if (!snap.valid())
        return {};
    const SlotState *slot = snap.state.item(itemId.toStdString());
    if (!slot || !slot->hasTeamValue())
        return {};
    const json v = json::parse(slot->value, nullptr, false);
    if (!v.is_object())
        return {};
    QVariantMap m;
    for (auto it = v.begin(); it != v.end(); ++it)
        if (it->is_string())
            m.insert(it.key() == "signed_at" ? QStringLiteral("signedAt") : QString::fromStdString(it.key()),
                QString::fromStdString(it->get<std::string>()));
    return m;
}

EvidenceView::EvidenceView(QObject *parent)
    : QObject(parent)
{
}

void EvidenceView::setEvidence(EvidenceController *evidence)
{
    if (m_evidence == evidence)
        return;
    if (m_evidence)
        disconnect(m_evidence, nullptr, this, nullptr);
    m_evidence = evidence;
    if (m_evidence)
        connect(m_evidence, &EvidenceController::changed, this, &EvidenceView::refresh);
    Q_EMIT evidenceChanged();
    refresh();
}

void EvidenceView::setTarget(const QString &target)
{
    if (m_target == target)
        return;
    m_target = target;
    Q_EMIT targetChanged();
    refresh();
}

void EvidenceView::setFull(bool full)
{
    if (m_full == full)
        return;
    m_full = full;
    Q_EMIT fullChanged();
    refresh();
}

void EvidenceView::refresh()
{
    QVariantList photos;
    QVariantMap signature;
    if (m_evidence && !m_target.isEmpty()) {
        PhotoStore *store = m_evidence->photoStore();
        // A file not yet here is asked for once (PhotoStore::url); the view refreshes when it arrives.
        auto urlOf = [store](const QString &sha, bool fetch) {
            if (!store || sha.isEmpty())
                return QString();
            if (fetch)
                return store->url(sha).toString();
            return store->has(sha) ? QUrl::fromLocalFile(store->path(sha)).toString() : QString();
        };
        photos = m_evidence->photos(m_target);
        for (QVariant &p : photos) {
            QVariantMap m = p.toMap();
            m.insert(QStringLiteral("thumbUrl"), urlOf(m.value(QStringLiteral("thumb")).toString(), true));
            m.insert(QStringLiteral("url"), urlOf(m.value(QStringLiteral("sha256")).toString(), m_full));
            p = m;
        }
        signature = m_evidence->signature(m_target);
        if (!signature.isEmpty())
            signature.insert(QStringLiteral("url"), urlOf(signature.value(QStringLiteral("sha256")).toString(), true));
    }
    if (photos == m_photos && signature == m_signature)
        return;
    m_photos = photos;
    m_signature = signature;
    Q_EMIT changed();
}
