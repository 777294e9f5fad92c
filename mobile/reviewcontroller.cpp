#include "reviewcontroller.h"

#include "inspectioncontroller.h"
#include "texts.h"

#include <careeval/jsonutil.h>
#include <careeval/rules.h>

using namespace careeval;

static_assert(static_cast<int>(ReviewController::Workflow::Locked) == static_cast<int>(WorkflowStatus::Locked));

ReviewController::ReviewController(InspectionController *inspection)
    : QObject(inspection)
    , m_inspection(inspection)
    , m_refusedChanges(new ReasonListModel(this))
{
    connect(inspection, &InspectionController::changed, this, &ReviewController::refresh);
    connect(inspection, &InspectionController::openChanged, this, &ReviewController::refresh);
}

// My changes the server refused stay in the store and are listed with the reason, never merged.
void ReviewController::refresh()
{
    const InspectionSnapshot &snap = m_inspection->snapshot();
    std::vector<ReasonListModel::Row> refusedRows;
    m_refusedCount = 0;
    if (snap.valid())
        if (auto r = m_inspection->store()->ops().refused(m_inspection->assignment().id)) {
            m_refusedCount = static_cast<int>(r.value().size());
            for (const StoredOp &s : r.value()) {
                const Item *item = snap.tpl->item(s.op.target);
                const QString what = item ? snap.text(item->label) : QString::fromUtf8(toString(s.op.kind).data());
                refusedRows.push_back({QStringLiteral("refused"), QString::fromStdString(s.op.target),
                    tr("“%1” was not accepted by the server: %2").arg(what, QString::fromStdString(s.refusal)),
                    item ? item->stepIndex : -1});
            }
        }
    m_refusedChanges->setRows(std::move(refusedRows));
    Q_EMIT changed();
}

ReviewController::Workflow ReviewController::workflow() const
{
    const InspectionSnapshot &snap = m_inspection->snapshot();
    return snap.valid() ? static_cast<Workflow>(snap.state.status) : Workflow::Draft;
}

bool ReviewController::canResolve() const
{
    return m_inspection->abilities().resolve;
}

bool ReviewController::canSubmit() const
{
    return m_inspection->abilities().submit;
}

bool ReviewController::canReview() const
{
    return m_inspection->abilities().review;
}

bool ReviewController::resolve(const QString &itemId, const QVariant &value, const QString &reason)
{
    const InspectionSnapshot &snap = m_inspection->snapshot();
    if (!snap.valid())
        return false;
    const Item *item = snap.tpl->item(itemId.toStdString());
    const SlotState *slot = snap.state.item(itemId.toStdString());
    if (!item || !slot || slot->values.empty()) {
        m_inspection->setError(tr("There is nothing to settle on “%1”.").arg(itemId));
        return false;
    }
    if (reason.trimmed().isEmpty()) {
        m_inspection->setError(tr("Say why this value was chosen; the reason is kept with the decision."));
        return false;
    }
    QString why;
    auto canonical = m_inspection->toCanonical(*item, value, &why);
    if (!canonical) {
        m_inspection->setError(why);
        return false;
    }
    json covers = json::array();
    for (const SlotValue &v : slot->values)
        covers.push_back(v.op.toString());
    return m_inspection->record(OpKind::Resolve, item->id,
        canonicalJson(json {{"value", json::parse(*canonical)}, {"reason", reason.trimmed().toStdString()}, {"covers", covers}}));
}

bool ReviewController::submit(const QString &comment)
{
    json v = json::object();
    if (!comment.trimmed().isEmpty())
        v["comment"] = comment.trimmed().toStdString();
    return m_inspection->record(OpKind::Submit, std::string(), canonicalJson(v));
}

QString ReviewController::reviewNote() const
{
    const InspectionSnapshot &snap = m_inspection->snapshot();
    if (!snap.valid())
        return {};
    for (auto it = snap.state.history.rbegin(); it != snap.state.history.rend(); ++it) {
        const QString who = snap.person(it->author), comment = QString::fromStdString(it->comment);
        switch (it->kind) {
        case OpKind::Return:
            return tr("Returned by %1: %2").arg(who, comment);
        case OpKind::Approve:
            return comment.isEmpty() ? tr("Approved by %1.").arg(who) : tr("Approved by %1: %2").arg(who, comment);
        case OpKind::Submit:
            return comment.isEmpty() ? tr("Submitted by %1.").arg(who) : tr("Submitted by %1: %2").arg(who, comment);
        default:
            break;
        }
    }
    return {};
}

QString ReviewController::workflowText() const
{
    const InspectionSnapshot &snap = m_inspection->snapshot();
    return snap.valid() ? Texts::workflow(snap.state.status) : QString();
}
