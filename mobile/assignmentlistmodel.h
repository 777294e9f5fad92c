#pragma once
// "My assignments": the inspections assigned to the signed-in user, each with institution, date,
// template, my role, progress, and a sync badge (all sent / N changes waiting / conflicts / refused).

#include "localstore.h"

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

#include <vector>

class AssignmentListModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("AssignmentListModel belongs to the workspace")
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)

public:
    enum Role {
        InspectionIdRole = Qt::UserRole + 1,
        InstitutionRole,
        PlannedDateRole,
        TemplateTitleRole,
        MyRoleRole,
        StatusRole,
        StatusTextRole,
        ProgressRole,
        PendingRole,
        ConflictsRole,
        RefusedRole,
        DemoRole,
        TeamRole
    };
    Q_ENUM(Role)

    struct Row {
        Assignment assignment;
        QString templateTitle;
        double progress = 0;
        int pending = 0;
        int conflicts = 0;
        int refused = 0;
        QString status; //!< workflow status as merged locally
        bool operator==(const Row &o) const
        {
            return assignmentToJson(assignment) == assignmentToJson(o.assignment) && templateTitle == o.templateTitle
                && progress == o.progress && pending == o.pending && conflicts == o.conflicts && refused == o.refused && status == o.status;
        }
    };

    explicit AssignmentListModel(QObject *parent = nullptr);
    //! Replaces the rows: rows kept by id are updated in place, others inserted or removed.
    void setRows(std::vector<Row> rows);
    const Row *row(const QString &inspectionId) const;
    //! Replaces the row of the same assignment (nothing when there is none).
    void updateRow(Row row);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

Q_SIGNALS:
    void countChanged();

private:
    std::vector<Row> m_rows;
};
