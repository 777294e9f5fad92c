#include "itemlistmodel.h"

#include "texts.h"

#include <careeval/jsonutil.h>

#include <QDateTime>

#include <algorithm>

using namespace careeval;

ItemListModel::ItemListModel(QObject *parent)
    : QAbstractListModel(parent)
{
}

void ItemListModel::setStep(const InspectionSnapshot *snapshot, int step)
{
    beginResetModel();
    m_snapshot = snapshot;
    m_step = step;
    m_rows.clear();
    if (snapshot && snapshot->valid() && step >= 0 && step < 8) {
        for (const Section &sec : snapshot->tpl->steps[step].sections)
            for (std::size_t i = 0; i < sec.items.size(); ++i) {
                Row r;
                r.item = &sec.items[i];
                r.number = Texts::itemNumber(sec.items[i], static_cast<int>(i));
                r.sectionTitle = snapshot->text(sec.title);
                fill(r);
                m_rows.push_back(std::move(r));
            }
    }
    endResetModel();
    Q_EMIT countChanged();
}

void ItemListModel::refresh()
{
    for (std::size_t i = 0; i < m_rows.size(); ++i) {
        Row r = m_rows[i];
        fill(r);
        if (r == m_rows[i])
            continue;
        m_rows[i] = std::move(r);
        const QModelIndex idx = index(static_cast<int>(i));
        Q_EMIT dataChanged(idx, idx);
    }
}

static QVariant typedValue(const Item &item, const std::string &canonical)
{
    if (canonical.empty())
        return {};
    if (isNotApplicable(canonical))
        return QStringLiteral("na"); // either form: the editors show "not applicable" chosen
    const json v = json::parse(canonical, nullptr, false);
    if (v.is_string())
        return QString::fromStdString(v.get<std::string>());
    if (v.is_number())
        return v.get<double>();
    if (v.is_array()) {
        QStringList list;
        for (const auto &e : v)
            if (e.is_string())
                list << QString::fromStdString(e.get<std::string>());
        return list;
    }
    if (v.is_object() && item.type == ItemType::Signature) {
        QVariantMap m;
        for (auto it = v.begin(); it != v.end(); ++it)
            if (it->is_string())
                m.insert(QString::fromStdString(it.key()), QString::fromStdString(it->get<std::string>()));
        return m;
    }
    return {};
}

void ItemListModel::fill(Row &r) const
{
    const InspectionSnapshot &s = *m_snapshot;
    const Item &item = *r.item;
    const SlotState *slot = s.state.item(item.id);
    r.value = s.shownValue(item.id);
    r.prefilled = false;
    r.mine = !s.myValue(item.id).empty();
    if (r.value.empty()) {
        if (auto it = s.report.prefilled.find(item.id); it != s.report.prefilled.end()) {
            r.value = canonicalJson(json(it->second));
            r.prefilled = true;
        }
    }
    r.valueText = Texts::value(s, item, r.value);
    r.status = slot ? QString::fromUtf8(toString(slot->status).data()) : QStringLiteral("empty");
    r.conflictText.clear();
    r.candidates.clear();
    if (slot && slot->status == SlotStatus::Conflict) {
        QStringList parts;
        for (const auto &v : slot->values) {
            const QString text = Texts::value(s, item, v.value);
            parts << QStringLiteral("%1: %2").arg(s.person(v.author), text);
            r.candidates << QVariantMap {{QStringLiteral("author"), s.person(v.author)},
                {QStringLiteral("value"), typedValue(item, v.value)}, {QStringLiteral("valueText"), text},
                {QStringLiteral("time"), QDateTime::fromMSecsSinceEpoch(v.time).toString(QStringLiteral("MM-dd HH:mm"))}};
        }
        r.conflictText = parts.join(QStringLiteral(" · "));
    }
    // What a reader (the supervisor, anyone once it is locked) sees: every author's value and note.
    r.answers.clear();
    const auto current = s.state.currentNotesFor(item.id);
    std::vector<std::string> authors;
    if (slot)
        for (const auto &v : slot->values)
            authors.push_back(v.author);
    for (const NoteEntry *n : current)
        if (std::find(authors.begin(), authors.end(), n->author) == authors.end())
            authors.push_back(n->author);
    for (const std::string &a : authors) {
        QString value, note;
        bool differs = false;
        if (slot)
            for (const auto &v : slot->values)
                if (v.author == a) {
                    value = Texts::value(s, item, v.value);
                    differs = slot->hasTeamValue() && v.value != slot->value;
                }
        for (const NoteEntry *n : current)
            if (n->author == a)
                note = QString::fromStdString(n->text);
        r.answers << QVariantMap {{QStringLiteral("author"), s.person(a)}, {QStringLiteral("valueText"), value},
            {QStringLiteral("note"), note}, {QStringLiteral("differs"), differs}};
    }
    r.listed = false;
    for (const auto &[id, f] : s.state.findings)
        if (f.item == item.id && !f.closed)
            r.listed = true;
    const auto notes = s.state.notesFor(item.id);
    r.noteCount = static_cast<int>(notes.size());
    r.note.clear();
    for (auto it = notes.rbegin(); it != notes.rend(); ++it)
        if ((*it)->author == s.me || r.note.isEmpty()) {
            r.note = QString::fromStdString((*it)->text);
            if ((*it)->author == s.me)
                break;
        }
    r.photoCount = static_cast<int>(s.state.photosFor(item.id).size());
    QStringList missing;
    for (const Reason &m : s.report.missing)
        if (m.subject == item.id)
            missing << Texts::reason(s, m);
    if (item.type == ItemType::Signature) {
        QStringList changed;
        for (const Item *c : s.changedSinceSigned(item))
            changed << QStringLiteral("“%1”").arg(s.text(c->label));
        if (!changed.isEmpty())
            missing << tr("Changed after this signature was given: %1. Clear the signature and sign again.")
                           .arg(changed.join(QStringLiteral("、")));
    }
    r.missing = missing.join(QLatin1Char(' '));
}

const Item *ItemListModel::itemAt(int row) const
{
    return row >= 0 && row < static_cast<int>(m_rows.size()) ? m_rows[static_cast<std::size_t>(row)].item : nullptr;
}

int ItemListModel::rowOf(const QString &itemId) const
{
    const std::string id = itemId.toStdString();
    for (std::size_t i = 0; i < m_rows.size(); ++i)
        if (m_rows[i].item->id == id)
            return static_cast<int>(i);
    return -1;
}

int ItemListModel::matchRank(const InspectionSnapshot &snapshot, const Item &item, const QString &number, const QString &query)
{
    const QString q = query.trimmed();
    if (q.isEmpty())
        return -1;
    if (number == q || number.endsWith(QLatin1Char('.') + q))
        return 0;
    if (number.startsWith(q))
        return 1;
    if (snapshot.text(item.label).contains(q, Qt::CaseInsensitive) || QString::fromStdString(item.label.zh).contains(q)
        || QString::fromStdString(item.label.en).contains(q, Qt::CaseInsensitive))
        return 2;
    return -1;
}

int ItemListModel::find(const QString &query) const
{
    int best = -1, bestRank = 3;
    for (std::size_t i = 0; i < m_rows.size() && bestRank > 0; ++i) {
        const int rank = matchRank(*m_snapshot, *m_rows[i].item, m_rows[i].number, query);
        if (rank >= 0 && rank < bestRank) {
            best = static_cast<int>(i);
            bestRank = rank;
        }
    }
    return best;
}

int ItemListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

QVariant ItemListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &r = m_rows[static_cast<std::size_t>(index.row())];
    const Item &item = *r.item;
    const InspectionSnapshot &s = *m_snapshot;
    switch (role) {
    case Qt::DisplayRole:
    case LabelRole:
        return s.text(item.label);
    case ItemIdRole:
        return QString::fromStdString(item.id);
    case NumberRole:
        return r.number;
    case TypeRole:
        return QString::fromUtf8(toString(item.type).data());
    case GuidanceRole:
        return s.text(item.guidance);
    case RequiredRole:
        return item.required;
    case HazardRole:
        return QString::fromUtf8(toString(item.hazard).data());
    case MinValueRole:
        return item.type == ItemType::Score ? 0.0 : item.min.value_or(0.0);
    case MaxValueRole:
        return item.max.value_or(item.type == ItemType::Number ? 1e9 : 0.0);
    case StepSizeRole:
        return item.step;
    case UnitRole:
        return s.text(item.unit);
    case OptionsRole: {
        QVariantList list;
        for (const Option &o : item.options)
            list << QVariantMap {
                {QStringLiteral("value"), QString::fromStdString(o.value)}, {QStringLiteral("label"), s.plainText(o.label)}};
        return list;
    }
    case AllowNaRole:
        return item.allowNotApplicable();
    case NaNeedsReasonRole:
        return item.na == NaPolicy::WithReason;
    case NoteRequiredRole:
        return item.noteWhenNonCompliant;
    case PhotoRequiredRole:
        return item.photoWhenNonCompliant || item.photosMin > 0;
    case PhotosMinRole:
        return item.photosMin;
    case ValueRole:
        return typedValue(item, r.value);
    case ValueTextRole:
        return r.valueText;
    case HasValueRole:
        return !r.value.empty() && !r.prefilled;
    case StatusRole:
        return r.status;
    case ConflictTextRole:
        return r.conflictText;
    case PrefilledRole:
        return r.prefilled;
    case NoteRole:
        return r.note;
    case NoteCountRole:
        return r.noteCount;
    case PhotoCountRole:
        return r.photoCount;
    case MissingRole:
        return r.missing;
    case SectionIdRole:
        return QString::fromStdString(s.tpl->steps[m_step].sections[item.sectionIndex].id);
    case SectionTitleRole:
        return r.sectionTitle;
    case SignerRole:
        return QString::fromStdString(item.signerRole);
    case MineRole:
        return r.mine;
    case CandidatesRole:
        return r.candidates;
    case AnswersRole:
        return r.answers;
    case ListedRole:
        return r.listed;
    }
    return {};
}

QHash<int, QByteArray> ItemListModel::roleNames() const
{
    return {{ItemIdRole, "itemId"}, {NumberRole, "number"}, {TypeRole, "type"}, {LabelRole, "label"}, {GuidanceRole, "guidance"},
        {RequiredRole, "mandatory"}, {HazardRole, "hazard"}, {MinValueRole, "minValue"}, {MaxValueRole, "maxValue"},
        {StepSizeRole, "stepSize"}, {UnitRole, "unit"}, {OptionsRole, "options"}, {AllowNaRole, "allowNa"},
        {NaNeedsReasonRole, "naNeedsReason"}, {NoteRequiredRole, "noteRequired"}, {PhotoRequiredRole, "photoRequired"},
        {PhotosMinRole, "photosMin"}, {ValueRole, "value"}, {ValueTextRole, "valueText"}, {HasValueRole, "hasValue"},
        {StatusRole, "status"}, {ConflictTextRole, "conflictText"}, {PrefilledRole, "prefilled"}, {NoteRole, "note"},
        {NoteCountRole, "noteCount"}, {PhotoCountRole, "photoCount"}, {MissingRole, "missing"}, {SectionIdRole, "sectionId"},
        {SectionTitleRole, "sectionTitle"}, {SignerRole, "signer"}, {MineRole, "mine"}, {CandidatesRole, "candidates"},
        {AnswersRole, "answers"}, {ListedRole, "listed"}};
}
