#pragma once
// The template's indicators as step 7 shows them: the computed figure, the target, and pass / fail /
// incomplete — every figure from score(), formatted as the template asks (percent, number, yes/no).

#include "snapshot.h"

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

#include <vector>

class IndicatorListModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("IndicatorListModel belongs to the inspection")

public:
    enum Role { IndicatorIdRole = Qt::UserRole + 1, LabelRole, ValueTextRole, TargetTextRole, StatusRole, NotesRole, RequiredRole };
    Q_ENUM(Role)

    explicit IndicatorListModel(QObject *parent = nullptr);
    void setSnapshot(const InspectionSnapshot *snapshot);
    void refresh();

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

private:
    struct Row {
        QString valueText, status;
        bool operator==(const Row &) const = default;
    };
    Row compute(std::size_t i) const;
    const InspectionSnapshot *m_snapshot = nullptr;
    std::vector<Row> m_rows;
};

//! Short sentences (missing answers, conflicts, failures) for step 7 and the overview.
class ReasonListModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("ReasonListModel belongs to the inspection")
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)

public:
    enum Role { CodeRole = Qt::UserRole + 1, SubjectRole, TextRole, StepRole, ItemRole };
    Q_ENUM(Role)

    explicit ReasonListModel(QObject *parent = nullptr);
    struct Row {
        QString code, subject, text;
        int step = -1; //!< step of the item it names, -1 when none
        QString item; //!< the item a tap leads to, "" when the reason concerns a whole step
        bool operator==(const Row &) const = default;
    };
    //! Replaces the rows, resetting only when they differ.
    void setRows(std::vector<Row> rows);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

Q_SIGNALS:
    void countChanged();

private:
    std::vector<Row> m_rows;
};
