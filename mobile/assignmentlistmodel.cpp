#include "assignmentlistmodel.h"

#include "texts.h"

#include <algorithm>

AssignmentListModel::AssignmentListModel(QObject *parent)
    : QAbstractListModel(parent)
{
}

void AssignmentListModel::setRows(std::vector<Row> rows)
{
    const auto same = rows.size() == m_rows.size() && std::equal(rows.begin(), rows.end(), m_rows.begin(), [](const Row &a, const Row &b) {
        return a.assignment.id == b.assignment.id;
    });
    if (!same) {
        beginResetModel();
        m_rows = std::move(rows);
        endResetModel();
        Q_EMIT countChanged();
        return;
    }
    for (std::size_t i = 0; i < rows.size(); ++i)
        if (!(rows[i] == m_rows[i])) {
            m_rows[i] = std::move(rows[i]);
            Q_EMIT dataChanged(index(static_cast<int>(i)), index(static_cast<int>(i)));
        }
}

void AssignmentListModel::updateRow(Row row)
{
    for (std::size_t i = 0; i < m_rows.size(); ++i)
        if (m_rows[i].assignment.id == row.assignment.id) {
            if (!(m_rows[i] == row)) {
                m_rows[i] = std::move(row);
                Q_EMIT dataChanged(index(static_cast<int>(i)), index(static_cast<int>(i)));
            }
            return;
        }
}

const AssignmentListModel::Row *AssignmentListModel::row(const QString &inspectionId) const
{
    for (const auto &r : m_rows)
        if (QString::fromStdString(r.assignment.id) == inspectionId)
            return &r;
    return nullptr;
}

int AssignmentListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

QVariant AssignmentListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &r = m_rows[static_cast<std::size_t>(index.row())];
    const Assignment &a = r.assignment;
    switch (role) {
    case Qt::DisplayRole:
    case InstitutionRole:
        return QString::fromStdString(a.institutionName);
    case InspectionIdRole:
        return QString::fromStdString(a.id);
    case PlannedDateRole:
        return QString::fromStdString(a.plannedDate);
    case TemplateTitleRole:
        return r.templateTitle;
    case MyRoleRole:
        return Texts::role(a.myRole);
    case StatusRole:
        return r.status;
    case StatusTextRole:
        return Texts::workflow(r.status.toStdString());
    case ProgressRole:
        return r.progress;
    case PendingRole:
        return r.pending;
    case ConflictsRole:
        return r.conflicts;
    case RefusedRole:
        return r.refused;
    case DemoRole:
        return a.demo;
    case TeamRole: {
        QStringList team;
        for (const auto &[u, role] : a.team) {
            const auto n = a.names.find(u);
            team << QString::fromStdString(n != a.names.end() ? n->second : u);
        }
        return team.join(QStringLiteral("、"));
    }
    }
    return {};
}

QHash<int, QByteArray> AssignmentListModel::roleNames() const
{
    return {{InspectionIdRole, "inspectionId"}, {InstitutionRole, "institution"}, {PlannedDateRole, "plannedDate"},
        {TemplateTitleRole, "templateTitle"}, {MyRoleRole, "myRole"}, {StatusRole, "status"}, {StatusTextRole, "statusText"},
        {ProgressRole, "progress"}, {PendingRole, "pending"}, {ConflictsRole, "conflicts"}, {RefusedRole, "refused"}, {DemoRole, "demo"},
        {TeamRole, "team"}};
}
