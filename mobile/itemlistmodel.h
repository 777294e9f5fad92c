#pragma once
// The items of one step page, in template order, with what each shows now: the value (team value,
// else mine), conflict state, prefill, notes, photos, and what is still missing. Rows are fixed by the
// template; refresh() compares each row with what it showed and signals only the rows that changed,
// so a 500-item sheet updates one delegate per answer.

#include "snapshot.h"

#include <QAbstractListModel>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

#include <vector>

class ItemListModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("ItemListModel belongs to the inspection")
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)

public:
    enum Role {
        ItemIdRole = Qt::UserRole + 1,
        NumberRole,
        TypeRole,
        LabelRole,
        GuidanceRole,
        RequiredRole,
        HazardRole,
        MinValueRole,
        MaxValueRole,
        StepSizeRole,
        UnitRole,
        OptionsRole,
        AllowNaRole,
        NaNeedsReasonRole, //!< not applicable only with a reason (the template's "allow_na": "with_reason")
        NoteRequiredRole,
        PhotoRequiredRole,
        PhotosMinRole,
        ValueRole,
        ValueTextRole,
        HasValueRole,
        StatusRole,
        ConflictTextRole,
        PrefilledRole,
        NoteRole,
        NoteCountRole,
        PhotoCountRole,
        MissingRole,
        SectionIdRole,
        SectionTitleRole,
        SignerRole,
        MineRole,
        CandidatesRole,
        AnswersRole, //!< each author's current value and note: [{author, valueText, note, differs}]
        ListedRole, //!< a finding (derived or listed by hand) names this item
    };
    Q_ENUM(Role)

    explicit ItemListModel(QObject *parent = nullptr);

    //! Shows the items of step `step` (0..7) of the snapshot's template (resets the rows).
    void setStep(const InspectionSnapshot *snapshot, int step);
    //! Re-reads every row from the (replaced) snapshot; emits dataChanged for rows that differ.
    void refresh();
    int step() const { return m_step; }
    const careeval::Item *itemAt(int row) const;
    Q_INVOKABLE int rowOf(const QString &itemId) const;
    //! First row whose number starts with, or whose label contains, the query (-1: none).
    Q_INVOKABLE int find(const QString &query) const;
    //! How well an item numbered `number` matches a jump query: 0 its number, 1 its number's start,
    //! 2 its label, -1 not at all. The one rule for the page's jump box and the inspection-wide one.
    static int matchRank(const InspectionSnapshot &snapshot, const careeval::Item &item, const QString &number, const QString &query);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

Q_SIGNALS:
    void countChanged();

private:
    struct Row {
        const careeval::Item *item = nullptr;
        QString number;
        QString sectionTitle;
        // what changes with the state
        std::string value;
        QString valueText;
        QString status;
        QString conflictText;
        QVariantList candidates;
        QVariantList answers;
        bool listed = false;
        bool prefilled = false;
        bool mine = false;
        QString note;
        int noteCount = 0;
        int photoCount = 0;
        QString missing;
        bool operator==(const Row &) const = default;
    };
    void fill(Row &row) const;

    const InspectionSnapshot *m_snapshot = nullptr;
    int m_step = -1;
    std::vector<Row> m_rows;
};
