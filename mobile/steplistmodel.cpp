#include "steplistmodel.h"

#include <set>

using namespace careeval;

StepListModel::StepListModel(QObject *parent)
    : QAbstractListModel(parent)
{
}

void StepListModel::setSnapshot(const InspectionSnapshot *snapshot)
{
    beginResetModel();
    m_snapshot = snapshot;
    for (int i = 0; i < 8; ++i)
        m_rows[static_cast<std::size_t>(i)] = compute(i);
    endResetModel();
}

void StepListModel::refresh()
{
    for (int i = 0; i < 8; ++i) {
        Progress p = compute(i);
        if (p == m_rows[static_cast<std::size_t>(i)])
            continue;
        m_rows[static_cast<std::size_t>(i)] = p;
        Q_EMIT dataChanged(index(i), index(i));
    }
}

StepListModel::Progress StepListModel::compute(int step) const
{
    Progress p;
    if (!m_snapshot || !m_snapshot->valid())
        return p;
    const InspectionSnapshot &s = *m_snapshot;
    std::set<std::string> ids;
    for (const Section &sec : s.tpl->steps[step].sections)
        for (const Item &item : sec.items) {
            if (item.type == ItemType::Rating)
                continue; // answered in survey responses
            ids.insert(item.id);
            ++p.total;
            const SlotState *slot = s.state.item(item.id);
            if (item.type == ItemType::Photo)
                p.answered += static_cast<int>(s.state.photosFor(item.id).size()) >= std::max(1, item.photosMin) ? 1 : 0;
            else if ((slot && (slot->hasTeamValue() || slot->status == SlotStatus::Conflict)) || s.report.prefilled.count(item.id))
                ++p.answered;
            if (slot && slot->status == SlotStatus::Conflict)
                ++p.conflicts;
        }
    if (step == static_cast<int>(StepKey::Survey) && s.report.survey.enabled) {
        p.total = s.report.survey.sampleSize;
        p.answered = std::min(s.report.survey.valid, p.total);
    }
    for (const Reason &m : s.report.missing)
        if (ids.count(m.subject))
            ++p.missing;
    for (const auto &[id, f] : s.state.findings)
        if (!f.closed && (ids.count(f.item) || (step == static_cast<int>(StepKey::Feedback) && f.item.empty())))
            ++p.findings;
    const StepState &st = s.state.steps[static_cast<std::size_t>(step)];
    p.owner = st.owner.empty() ? QString() : s.person(st.owner);
    if (st.status == "done")
        p.status = QStringLiteral("done");
    else if (st.status == "in_progress" || p.answered > 0)
        p.status = p.total > 0 && p.answered == p.total && p.missing == 0 && p.conflicts == 0 ? QStringLiteral("complete")
                                                                                              : QStringLiteral("in_progress");
    else
        p.status = QStringLiteral("todo");
    return p;
}

int StepListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() || !m_snapshot || !m_snapshot->valid() ? 0 : 8;
}

QVariant StepListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int i = index.row();
    const Step &step = m_snapshot->tpl->steps[static_cast<std::size_t>(i)];
    const Progress &p = m_rows[static_cast<std::size_t>(i)];
    switch (role) {
    case Qt::DisplayRole:
    case TitleRole:
        return m_snapshot->text(step.title);
    case KeyRole:
        return QString::fromUtf8(kStepKeys[static_cast<std::size_t>(i)].data());
    case NumberRole:
        return i + 1;
    case GuidanceRole:
        return m_snapshot->text(step.guidance);
    case StatusRole:
        return p.status;
    case OwnerRole:
        return p.owner;
    case AnsweredRole:
        return p.answered;
    case TotalRole:
        return p.total;
    case ProgressRole:
        return p.total > 0 ? double(p.answered) / p.total : (p.status == QLatin1String("done") ? 1.0 : 0.0);
    case MissingRole:
        return p.missing;
    case ConflictsRole:
        return p.conflicts;
    case FindingsRole:
        return p.findings;
    }
    return {};
}

QHash<int, QByteArray> StepListModel::roleNames() const
{
    return {{KeyRole, "key"}, {NumberRole, "number"}, {TitleRole, "title"}, {GuidanceRole, "guidance"}, {StatusRole, "status"},
        {OwnerRole, "owner"}, {AnsweredRole, "answered"}, {TotalRole, "total"}, {ProgressRole, "progress"}, {MissingRole, "missing"},
        {ConflictsRole, "conflicts"}, {FindingsRole, "findings"}};
}
