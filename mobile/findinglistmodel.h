#pragma once
// The findings list (问题清单) of step 8: every finding, derived from a hazard-flagged non-compliant
// item or added by hand, with its improvement suggestion, responsible party and deadline (the three
// lists), whether a field is in conflict, and whether it is closed. Open major hazards first.

#include "snapshot.h"

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

#include <vector>

class FindingListModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("FindingListModel belongs to the inspection")
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)

public:
    enum Role {
        FindingIdRole = Qt::UserRole + 1,
        TitleRole,
        ItemLabelRole,
        HazardRole,
        DerivedRole,
        SuggestionRole,
        ResponsibleRole,
        DeadlineRole,
        ClosedRole,
        ConflictRole,
        AuthorRole,
        CompleteRole,
        DescriptionRole
    };
    Q_ENUM(Role)

    explicit FindingListModel(QObject *parent = nullptr);
    void setSnapshot(const InspectionSnapshot *snapshot);
    //! Inserts, removes and updates rows to match the snapshot's findings.
    void refresh();

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

Q_SIGNALS:
    void countChanged();

private:
    struct Row {
        std::string id;
        QString title, itemLabel, hazard, suggestion, responsible, deadline, author, description;
        bool derived = false, closed = false, conflict = false;
        bool operator==(const Row &) const = default;
    };
    std::vector<Row> rows() const;
    const InspectionSnapshot *m_snapshot = nullptr;
    std::vector<Row> m_rows;
};
