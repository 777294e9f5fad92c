#include "findinglistmodel.h"

#include <algorithm>

using namespace careeval;

FindingListModel::FindingListModel(QObject *parent)
    : QAbstractListModel(parent)
{
}

void FindingListModel::setSnapshot(const InspectionSnapshot *snapshot)
{
    beginResetModel();
    m_snapshot = snapshot;
    m_rows = rows();
    endResetModel();
    Q_EMIT countChanged();
}

std::vector<FindingListModel::Row> FindingListModel::rows() const
{
    std::vector<Row> out;
    if (!m_snapshot || !m_snapshot->valid())
        return out;
    const InspectionSnapshot &s = *m_snapshot;
    for (const auto &[id, f] : s.state.findings) {
        Row r;
        r.id = id;
        r.derived = f.derived;
        r.closed = f.closed;
        r.hazard = QString::fromUtf8(toString(f.hazard).data());
        const Item *item = f.item.empty() ? nullptr : s.tpl->item(f.item);
        r.itemLabel = item ? s.text(item->label) : QString();
        r.title = QString::fromStdString(f.text("title"));
        if (r.title.isEmpty())
            r.title = r.itemLabel;
        r.description = QString::fromStdString(f.text("description"));
        r.suggestion = QString::fromStdString(f.text("suggestion"));
        r.responsible = QString::fromStdString(f.text("responsible"));
        r.deadline = QString::fromStdString(f.text("deadline"));
        r.author = s.person(f.author);
        for (const auto &[field, slot] : f.fields)
            r.conflict = r.conflict || slot.status == SlotStatus::Conflict;
        out.push_back(std::move(r));
    }
    // Open before closed, major hazards first, then by id (stable across refreshes).
    auto rank = [](const Row &r) {
        return (r.closed ? 10 : 0) + (r.hazard == QLatin1String("major") ? 0 : r.hazard == QLatin1String("general") ? 1 : 2);
    };
    std::stable_sort(
        out.begin(), out.end(), [&](const Row &a, const Row &b) { return rank(a) != rank(b) ? rank(a) < rank(b) : a.id < b.id; });
    return out;
}

void FindingListModel::refresh()
{
    std::vector<Row> next = rows();
    // Remove rows whose finding is gone or moved, then insert new ones, then update the rest.
    for (int i = static_cast<int>(m_rows.size()) - 1; i >= 0; --i) {
        const auto &id = m_rows[static_cast<std::size_t>(i)].id;
        if (std::none_of(next.begin(), next.end(), [&](const Row &r) { return r.id == id; })) {
            beginRemoveRows({}, i, i);
            m_rows.erase(m_rows.begin() + i);
            endRemoveRows();
        }
    }
    for (std::size_t i = 0; i < next.size(); ++i) {
        const bool present = i < m_rows.size() && m_rows[i].id == next[i].id;
        if (present) {
            if (!(m_rows[i] == next[i])) {
                m_rows[i] = next[i];
                Q_EMIT dataChanged(index(static_cast<int>(i)), index(static_cast<int>(i)));
            }
            continue;
        }
        auto found = std::find_if(m_rows.begin() + static_cast<long>(i), m_rows.end(), [&](const Row &r) { return r.id == next[i].id; });
        if (found != m_rows.end()) {
            const int from = static_cast<int>(found - m_rows.begin());
            beginMoveRows({}, from, from, {}, static_cast<int>(i));
            Row moved = *found;
            m_rows.erase(found);
            m_rows.insert(m_rows.begin() + static_cast<long>(i), moved);
            endMoveRows();
            if (!(m_rows[i] == next[i])) {
                m_rows[i] = next[i];
                Q_EMIT dataChanged(index(static_cast<int>(i)), index(static_cast<int>(i)));
            }
        } else {
            beginInsertRows({}, static_cast<int>(i), static_cast<int>(i));
            m_rows.insert(m_rows.begin() + static_cast<long>(i), next[i]);
            endInsertRows();
        }
    }
    Q_EMIT countChanged();
}

int FindingListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

QVariant FindingListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &r = m_rows[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
    case TitleRole:
        return r.title;
    case FindingIdRole:
        return QString::fromStdString(r.id);
    case ItemLabelRole:
        return r.itemLabel;
    case HazardRole:
        return r.hazard;
    case DerivedRole:
        return r.derived;
    case SuggestionRole:
        return r.suggestion;
    case ResponsibleRole:
        return r.responsible;
    case DeadlineRole:
        return r.deadline;
    case ClosedRole:
        return r.closed;
    case ConflictRole:
        return r.conflict;
    case AuthorRole:
        return r.author;
    case CompleteRole:
        return !r.suggestion.isEmpty() && !r.responsible.isEmpty() && !r.deadline.isEmpty();
    case DescriptionRole:
        return r.description;
    }
    return {};
}

QHash<int, QByteArray> FindingListModel::roleNames() const
{
    return {{FindingIdRole, "findingId"}, {TitleRole, "title"}, {ItemLabelRole, "itemLabel"}, {HazardRole, "hazard"},
        {DerivedRole, "derived"}, {SuggestionRole, "suggestion"}, {ResponsibleRole, "responsible"}, {DeadlineRole, "deadline"},
        {ClosedRole, "closed"}, {ConflictRole, "conflict"}, {AuthorRole, "author"}, {CompleteRole, "complete"},
        {DescriptionRole, "description"}};
}
