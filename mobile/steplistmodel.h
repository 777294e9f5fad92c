#pragma once
// The eight steps of the procedure as the overview's stepper shows them: title, owner, status,
// how many items have an answer, required answers still missing, conflicts and findings in the step.

#include "snapshot.h"

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

#include <array>

class StepListModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("StepListModel belongs to the inspection")

public:
    enum Role {
        KeyRole = Qt::UserRole + 1,
        NumberRole,
        TitleRole,
        GuidanceRole,
        StatusRole,
        OwnerRole,
        AnsweredRole,
        TotalRole,
        ProgressRole,
        MissingRole,
        ConflictsRole,
        FindingsRole
    };
    Q_ENUM(Role)

    explicit StepListModel(QObject *parent = nullptr);
    void setSnapshot(const InspectionSnapshot *snapshot); //!< resets
    void refresh(); //!< granular

    struct Progress {
        int answered = 0;
        int total = 0;
        int missing = 0;
        int conflicts = 0;
        int findings = 0;
        QString status;
        QString owner;
        bool operator==(const Progress &) const = default;
    };
    Progress progress(int step) const { return m_rows[static_cast<std::size_t>(step)]; }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

private:
    Progress compute(int step) const;
    const InspectionSnapshot *m_snapshot = nullptr;
    std::array<Progress, 8> m_rows {};
};
