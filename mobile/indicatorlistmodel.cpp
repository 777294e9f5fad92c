#include "indicatorlistmodel.h"

#include "texts.h"

using namespace careeval;

IndicatorListModel::IndicatorListModel(QObject *parent)
    : QAbstractListModel(parent)
{
}

void IndicatorListModel::setSnapshot(const InspectionSnapshot *snapshot)
{
    beginResetModel();
    m_snapshot = snapshot;
    m_rows.clear();
    if (snapshot && snapshot->valid())
        for (std::size_t i = 0; i < snapshot->tpl->indicators.size(); ++i)
            m_rows.push_back(compute(i));
    endResetModel();
}

void IndicatorListModel::refresh()
{
    for (std::size_t i = 0; i < m_rows.size(); ++i) {
        Row r = compute(i);
        if (r == m_rows[i])
            continue;
        m_rows[i] = r;
        Q_EMIT dataChanged(index(static_cast<int>(i)), index(static_cast<int>(i)));
    }
}

IndicatorListModel::Row IndicatorListModel::compute(std::size_t i) const
{
    const Indicator &ind = m_snapshot->tpl->indicators[i];
    const IndicatorResult *r = m_snapshot->report.indicator(ind.id);
    Row row;
    row.valueText = Texts::figure(r ? r->value : ExprValue(), ind.format);
    row.status = r ? QString::fromUtf8(toString(r->status).data()) : QStringLiteral("incomplete");
    return row;
}

int IndicatorListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

QVariant IndicatorListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const std::size_t i = static_cast<std::size_t>(index.row());
    const Indicator &ind = m_snapshot->tpl->indicators[i];
    switch (role) {
    case Qt::DisplayRole:
    case LabelRole:
        return m_snapshot->text(ind.label);
    case IndicatorIdRole:
        return QString::fromStdString(ind.id);
    case ValueTextRole:
        return m_rows[i].valueText;
    case TargetTextRole:
        return ind.target ? Texts::target(*ind.target, ind.format) : QString();
    case StatusRole:
        return m_rows[i].status;
    case NotesRole:
        return m_snapshot->text(ind.notes);
    case RequiredRole:
        return ind.required;
    }
    return {};
}

QHash<int, QByteArray> IndicatorListModel::roleNames() const
{
    return {{IndicatorIdRole, "indicatorId"}, {LabelRole, "label"}, {ValueTextRole, "valueText"}, {TargetTextRole, "targetText"},
        {StatusRole, "status"}, {NotesRole, "notes"}, {RequiredRole, "mandatory"}};
}

ReasonListModel::ReasonListModel(QObject *parent)
    : QAbstractListModel(parent)
{
}

void ReasonListModel::setRows(std::vector<Row> rows)
{
    if (rows == m_rows)
        return;
    const bool countChanges = rows.size() != m_rows.size();
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
    if (countChanges)
        Q_EMIT countChanged();
}

int ReasonListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

QVariant ReasonListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &r = m_rows[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
    case TextRole:
        return r.text;
    case CodeRole:
        return r.code;
    case SubjectRole:
        return r.subject;
    case StepRole:
        return r.step;
    case ItemRole:
        return r.item;
    }
    return {};
}

QHash<int, QByteArray> ReasonListModel::roleNames() const
{
    return {{CodeRole, "code"}, {SubjectRole, "subject"}, {TextRole, "sentence"}, {StepRole, "step"}, {ItemRole, "item"}};
}
