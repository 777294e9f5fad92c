#include "inspectioncontroller.h"

#include "texts.h"

#include <careeval/jsonutil.h>

#include <QDate>
#include <QDateTime>
#include <QSizeF>
#include <QUrl>

#include <cmath>

using namespace careeval;

InspectionController::InspectionController(QObject *parent)
    : QObject(parent)
    , m_steps(new StepListModel(this))
    , m_items(new ItemListModel(this))
    , m_findings(new FindingListModel(this))
    , m_indicators(new IndicatorListModel(this))
    , m_missing(new ReasonListModel(this))
    , m_conflicts(new ReasonListModel(this))
    , m_failures(new ReasonListModel(this))
    , m_openPoints(new ReasonListModel(this))
    , m_remarks(new ReasonListModel(this))
    , m_survey(new SurveyController(this))
    , m_evidence(new EvidenceController(this))
    , m_review(new ReviewController(this))
{
}

InspectionController::~InspectionController() = default;

Result<void> InspectionController::open(
    LocalStore *store, const Assignment &assignment, std::shared_ptr<const Template> tpl, const std::string &me, const std::string &device)
{
    close();
    m_store = store;
    m_assignment = assignment;
    m_device = device;
    m_snap.me = me;
    m_snap.names = assignment.names;
    m_snap.tpl = std::move(tpl);
    if (auto r = loadOps(); !r) {
        m_snap.tpl.reset();
        return r;
    }
    m_currentStep = -1;
    m_steps->setSnapshot(&m_snap);
    m_items->setStep(&m_snap, -1);
    m_findings->setSnapshot(&m_snap);
    m_indicators->setSnapshot(&m_snap);
    recompute();
    Q_EMIT openChanged();
    Q_EMIT currentStepChanged();
    Q_EMIT undoChanged();
    return {};
}

void InspectionController::close()
{
    if (!m_snap.valid())
        return;
    const std::string lang = m_snap.lang;
    m_snap = InspectionSnapshot {};
    m_snap.lang = lang;
    m_ops.clear();
    m_undo.clear();
    m_currentStep = -1;
    m_steps->setSnapshot(nullptr);
    m_items->setStep(nullptr, -1);
    m_findings->setSnapshot(nullptr);
    m_indicators->setSnapshot(nullptr);
    m_missing->setRows({});
    m_conflicts->setRows({});
    m_failures->setRows({});
    m_openPoints->setRows({});
    m_remarks->setRows({});
    Q_EMIT openChanged();
    Q_EMIT currentStepChanged();
    Q_EMIT undoChanged();
}

// What the server refused stays in the store and is listed with its reason, but never enters the
// state, the score, the report or the conclusion this tablet shows: merge() here sees exactly what the
// server accepted plus what is still waiting to be sent.
Result<void> InspectionController::loadOps()
{
    auto ops = m_store->ops().storedOperations(m_assignment.id);
    if (!ops)
        return ops.error();
    m_ops.clear();
    m_ops.reserve(ops->size());
    for (auto &s : ops.value())
        if (s.state != SyncState::Refused)
            m_ops.push_back(std::move(s.op));
    return {};
}

std::optional<Role> InspectionController::role() const
{
    return roleFromString(m_assignment.myRole);
}

Abilities InspectionController::abilities() const
{
    if (!m_snap.valid())
        return {};
    return careeval::abilities(role(), m_snap.state.status);
}

Result<void> InspectionController::reload()
{
    if (!m_snap.valid())
        return {};
    if (auto r = loadOps(); !r)
        return r;
    recompute();
    return {};
}

void InspectionController::setLanguage(const std::string &lang)
{
    if (m_snap.lang == lang)
        return;
    m_snap.lang = lang;
    if (!m_snap.valid())
        return;
    m_steps->setSnapshot(&m_snap);
    m_items->setStep(&m_snap, m_currentStep);
    m_findings->setSnapshot(&m_snap);
    m_indicators->setSnapshot(&m_snap);
    recompute();
    Q_EMIT openChanged();
}

void InspectionController::recompute()
{
    MergeOptions options;
    options.tpl = m_snap.tpl.get();
    // The team's roles as the assignment gives them: the rule book judges them here as the server does.
    // Authors this tablet does not know (a supervisor) were judged by the server already.
    for (const auto &[user, roleName] : m_assignment.team)
        if (auto r = roleFromString(roleName))
            options.roles[user] = *r;
    if (auto mine = role())
        options.roles[m_snap.me] = *mine;
    options.rolesComplete = false;
    m_snap.state = merge(m_assignment.id, m_ops, options);
    m_snap.report = score(*m_snap.tpl, m_snap.state);
    if (auto p = m_store->ops().pendingCount(m_assignment.id))
        m_pending = static_cast<int>(p.value());

    m_steps->refresh();
    m_items->refresh();
    m_findings->refresh();
    m_indicators->refresh();
    auto rows = [this](const std::vector<Reason> &reasons) {
        std::vector<ReasonListModel::Row> out;
        for (const Reason &r : reasons) {
            // Where a tap on the reason leads: the item's step; for figures that cannot all be true, the
            // first item concerned; for the survey, its step.
            QString item = QString::fromStdString(r.subject);
            int step = stepOfItem(item);
            if (step < 0 && r.code == "inconsistent") {
                item = QString::fromStdString(r.detail.substr(0, r.detail.find(',')));
                step = stepOfItem(item);
            }
            if (step < 0)
                item.clear();
            if (step < 0 && r.subject == "survey")
                step = static_cast<int>(StepKey::Survey);
            out.push_back({QString::fromStdString(r.code), QString::fromStdString(r.subject), Texts::reason(m_snap, r), step, item});
        }
        return out;
    };
    m_missing->setRows(rows(m_snap.report.missing));
    std::vector<Reason> conflicts;
    for (const auto &c : m_snap.report.conflicts)
        conflicts.push_back({"conflict", c, {}});
    m_conflicts->setRows(rows(conflicts));
    m_failures->setRows(rows(m_snap.report.failures));
    std::vector<Reason> open;
    for (const Reason &r : m_snap.report.incomplete)
        if (r.code != "conflict" && r.code.rfind("missing_", 0) != 0)
            open.push_back(r);
    m_openPoints->setRows(rows(open));
    m_remarks->setRows(rows(m_snap.report.remarks));
    Q_EMIT changed();
}

QString InspectionController::templateTitle() const
{
    return m_snap.valid() ? m_snap.text(m_snap.tpl->title) : QString();
}

void InspectionController::setCurrentStep(int step)
{
    step = std::clamp(step, -1, 7);
    if (step == m_currentStep)
        return;
    m_currentStep = step;
    m_items->setStep(m_snap.valid() ? &m_snap : nullptr, step);
    Q_EMIT currentStepChanged();
    Q_EMIT undoChanged();
}

void InspectionController::setError(const QString &message)
{
    m_error = message;
    Q_EMIT errorChanged();
    if (!message.isEmpty())
        Q_EMIT infoMessage(message);
}

void InspectionController::clearError()
{
    if (m_error.isEmpty())
        return;
    m_error.clear();
    Q_EMIT errorChanged();
}

bool InspectionController::record(OpKind kind, const std::string &target, const std::string &value, std::optional<UndoEntry> undo)
{
    if (!m_snap.valid()) {
        setError(tr("No inspection is open."));
        return false;
    }
    Operation op;
    op.id = Uuid::generate();
    op.inspection = m_assignment.id;
    op.author = m_snap.me;
    op.device = m_device;
    op.clock = m_snap.state.maxClock + 1;
    op.time = nowMillis();
    op.kind = kind;
    op.target = target;
    op.value = value;
    // The same gate the server applies on push: nothing is stored here that it would refuse.
    GateContext gate;
    gate.tpl = m_snap.tpl.get();
    gate.checkRoles = true;
    gate.role = role();
    gate.status = m_snap.state.status;
    gate.maxClock = m_snap.state.maxClock;
    if (auto r = admit(op, gate)) {
        setError(Texts::refusal(*r));
        return false;
    }
    // On disk first: only a stored operation is shown as saved.
    auto stored = m_store->ops().append(std::span<const Operation>(&op, 1), SyncState::Pending);
    if (!stored) {
        setError(tr("The change could not be saved on this tablet: %1").arg(QString::fromStdString(stored.error().message)));
        return false;
    }
    m_ops.push_back(std::move(op));
    if (undo)
        addUndo(std::move(*undo));
    clearError();
    recompute();
    Q_EMIT operationsRecorded();
    return true;
}

int InspectionController::stepIndexForUndo() const
{
    return m_currentStep;
}

std::optional<std::string> InspectionController::toCanonical(const Item &item, const QVariant &value, QString *why) const
{
    json v;
    switch (item.type) {
    case ItemType::Score:
    case ItemType::Number: {
        if (value.typeId() == QMetaType::QString && value.toString() == QLatin1String("na")) {
            v = std::string(kNotApplicable);
            break;
        }
        bool ok = false;
        const double d = value.toString().trimmed().isEmpty() ? std::nan("") : QLocale::c().toDouble(value.toString().trimmed(), &ok);
        if (!ok || !std::isfinite(d)) {
            *why = tr("“%1” is not a number.").arg(value.toString());
            return std::nullopt;
        }
        if (std::fabs(d - std::round(d)) < 1e-9 && std::fabs(d) < 9e15)
            v = static_cast<std::int64_t>(std::llround(d));
        else
            v = d;
        break;
    }
    case ItemType::Multiple: {
        v = json::array();
        for (const QString &s : value.toStringList())
            v.push_back(s.toStdString());
        break;
    }
    case ItemType::Signature: {
        v = json::object();
        const QVariantMap m = value.toMap();
        for (auto it = m.begin(); it != m.end(); ++it)
            if (it.value().typeId() == QMetaType::QVariantMap) { // "covers": item id → value as signed
                json inner = json::object();
                const QVariantMap sub = it.value().toMap();
                for (auto s = sub.begin(); s != sub.end(); ++s)
                    inner[s.key().toStdString()] = s.value().toString().toStdString();
                v[it.key().toStdString()] = std::move(inner);
            } else {
                v[it.key().toStdString()] = it.value().toString().toStdString();
            }
        break;
    }
    case ItemType::Date: {
        const QString s = value.toString().trimmed();
        const QDate d = QDate::fromString(s, Qt::ISODate);
        if (!d.isValid()) {
            *why = tr("“%1” is not a date; write it as 2026-11-25.").arg(s);
            return std::nullopt;
        }
        v = d.toString(Qt::ISODate).toStdString();
        break;
    }
    default:
        v = value.toString().toStdString();
        break;
    }
    const std::string canonical = canonicalJson(v);
    if (auto problem = checkItemValue(item, canonical)) {
        if (item.type == ItemType::Score && v.is_number())
            *why = tr("A score for this item is between 0 and %1 in steps of %2.")
                       .arg(Texts::number(item.max.value_or(0)), Texts::number(item.step));
        else if (item.type == ItemType::Number && v.is_number())
            *why = tr("The value must be between %1 and %2.")
                       .arg(item.min ? Texts::number(*item.min) : QStringLiteral("−∞"),
                           item.max ? Texts::number(*item.max) : QStringLiteral("∞"));
        else
            *why = QString::fromStdString(*problem);
        return std::nullopt;
    }
    return canonical;
}

bool InspectionController::setAnswer(const QString &itemId, const QVariant &value)
{
    if (!m_snap.valid())
        return false;
    const Item *item = m_snap.tpl->item(itemId.toStdString());
    if (!item) {
        setError(tr("The template has no item “%1”.").arg(itemId));
        return false;
    }
    if (item->type == ItemType::Text && value.toString().trimmed().isEmpty())
        return clearAnswer(itemId);
    QString why;
    auto canonical = toCanonical(*item, value, &why);
    if (!canonical) {
        setError(why);
        return false;
    }
    return answerWith(*item, *canonical, m_snap.text(item->label));
}

bool InspectionController::signedOver(const Item &item)
{
    const Item *signature = m_snap.signedBy(item);
    if (!signature)
        return false;
    setError(tr("“%1” was signed for as it stands (%2): clear that signature first, then change it and sign again.")
                 .arg(m_snap.text(item.label), m_snap.text(signature->label)));
    return true;
}

bool InspectionController::answerWith(const Item &item, const std::string &canonical, const QString &undoLabel)
{
    const std::string mine = m_snap.myValue(item.id);
    if (mine == canonical)
        return true; // nothing changed: no operation
    if (signedOver(item))
        return false;
    UndoEntry u {OpKind::Set, item.id, {}, mine.empty() ? std::nullopt : std::optional<std::string>(mine), undoLabel};
    return record(OpKind::Set, item.id, canonical, std::move(u));
}

bool InspectionController::setNotApplicable(const QString &itemId, const QString &reason)
{
    if (!m_snap.valid())
        return false;
    const Item *item = m_snap.tpl->item(itemId.toStdString());
    if (!item) {
        setError(tr("Unknown item “%1”.").arg(itemId));
        return false;
    }
    if (reason.trimmed().isEmpty()) {
        setError(tr("Say why “%1” does not apply.").arg(m_snap.text(item->label)));
        return false;
    }
    return answerWith(
        *item, canonicalJson(json {{"na", reason.trimmed().toStdString()}}), tr("Not applicable: %1").arg(m_snap.text(item->label)));
}

bool InspectionController::clearAnswer(const QString &itemId)
{
    if (!m_snap.valid())
        return false;
    const Item *item = m_snap.tpl->item(itemId.toStdString());
    if (!item)
        return false;
    const std::string mine = m_snap.myValue(item->id);
    if (mine.empty())
        return true;
    if (signedOver(*item))
        return false;
    UndoEntry u {OpKind::Set, item->id, {}, mine, m_snap.text(item->label)};
    return record(OpKind::Clear, item->id, "null", std::move(u));
}

bool InspectionController::addNote(const QString &target, const QString &text)
{
    const QString t = text.trimmed();
    if (t.isEmpty() || !m_snap.valid())
        return false;
    const std::string tgt = target.toStdString();
    const auto notes = m_snap.state.notesFor(tgt);
    for (auto it = notes.rbegin(); it != notes.rend(); ++it)
        if ((*it)->author == m_snap.me) {
            if (QString::fromStdString((*it)->text) == t)
                return true;
            break;
        }
    return record(OpKind::Note, tgt, canonicalJson(json(t.toStdString())));
}

bool InspectionController::undo()
{
    auto it = m_undo.find(stepIndexForUndo());
    if (it == m_undo.end() || it->second.empty())
        return false;
    UndoEntry u = it->second.back();
    bool ok = false;
    if (u.kind == OpKind::Set)
        ok = u.previous ? record(OpKind::Set, u.target, *u.previous) : record(OpKind::Clear, u.target, "null");
    else if (u.kind == OpKind::PhotoAttach)
        ok = record(OpKind::PhotoDetach, *u.previous, canonicalJson(json {{"attach", u.target}}));
    else
        ok = record(OpKind::FindingEdit, u.target, canonicalJson(json {{u.field, u.previous ? json::parse(*u.previous) : json("")}}));
    if (ok) {
        it->second.pop_back();
        Q_EMIT undoChanged();
        Q_EMIT infoMessage(tr("Undone: %1").arg(u.label));
    }
    return ok;
}

bool InspectionController::canUndo() const
{
    auto it = m_undo.find(stepIndexForUndo());
    return it != m_undo.end() && !it->second.empty() && !locked();
}

QString InspectionController::undoText() const
{
    auto it = m_undo.find(stepIndexForUndo());
    return it != m_undo.end() && !it->second.empty() ? it->second.back().label : QString();
}

bool InspectionController::setStepStatus(int step, const QString &status)
{
    if (step < 0 || step > 7
        || (status != QLatin1String("todo") && status != QLatin1String("in_progress") && status != QLatin1String("done")))
        return false;
    if (!m_snap.valid())
        return false;
    const std::string &owner = m_snap.state.steps[static_cast<std::size_t>(step)].owner;
    if (auto mine = role())
        if (stepStatusPermission(m_snap.me, *mine, owner)) {
            setError(tr("“%1” is held by %2: only they or the team lead change its status.")
                         .arg(m_snap.text(m_snap.tpl->steps[static_cast<std::size_t>(step)].title), m_snap.person(owner)));
            return false;
        }
    // The holder stays the holder when the lead completes or reopens their step.
    json v {{"status", status.toStdString()}, {"owner", owner.empty() ? m_snap.me : owner}};
    return record(OpKind::StepStatus, std::string(kStepKeys[static_cast<std::size_t>(step)]), canonicalJson(v));
}

QString InspectionController::addFinding(
    const QString &title, const QString &suggestion, const QString &responsible, const QString &deadline)
{
    if (title.trimmed().isEmpty()) {
        setError(tr("A finding needs a short description of the problem."));
        return {};
    }
    json v {{"title", title.trimmed().toStdString()}};
    if (!suggestion.trimmed().isEmpty())
        v["suggestion"] = suggestion.trimmed().toStdString();
    if (!responsible.trimmed().isEmpty())
        v["responsible"] = responsible.trimmed().toStdString();
    if (!deadline.trimmed().isEmpty()) {
        if (!daysSinceEpoch(deadline.trimmed().toStdString())) {
            setError(tr("The deadline must be a date, such as 2026-12-31: “%1” is not.").arg(deadline.trimmed()));
            return {};
        }
        v["deadline"] = deadline.trimmed().toStdString();
    }
    const std::string id = "f-" + Uuid::generate().toString().substr(0, 13);
    return record(OpKind::FindingAdd, id, canonicalJson(v)) ? QString::fromStdString(id) : QString();
}

bool InspectionController::editFinding(const QString &findingId, const QString &field, const QString &value)
{
    if (!m_snap.valid())
        return false;
    const std::string id = findingId.toStdString(), f = field.toStdString();
    if (f == "deadline" && !value.trimmed().isEmpty() && !daysSinceEpoch(value.trimmed().toStdString())) {
        setError(tr("The deadline must be a date, such as 2026-12-31: “%1” is not.").arg(value.trimmed()));
        return false;
    }
    auto it = m_snap.state.findings.find(id);
    if (it == m_snap.state.findings.end()) {
        setError(tr("This finding no longer exists."));
        return false;
    }
    std::optional<std::string> previous;
    if (auto slot = it->second.fields.find(f); slot != it->second.fields.end())
        for (const auto &sv : slot->second.values)
            if (sv.author == m_snap.me)
                previous = sv.value;
    const std::string next = canonicalJson(json(value.trimmed().toStdString()));
    if (previous ? *previous == next : value.trimmed() == QString::fromStdString(it->second.text(f)))
        return true;
    QString label = QString::fromStdString(it->second.text("title"));
    UndoEntry u {OpKind::FindingEdit, id, f, previous, label.isEmpty() ? tr("finding") : label};
    return record(OpKind::FindingEdit, id, canonicalJson(json {{f, value.trimmed().toStdString()}}), std::move(u));
}

bool InspectionController::closeFinding(const QString &findingId, const QString &reason)
{
    return record(OpKind::FindingClose, findingId.toStdString(), canonicalJson(json {{"reason", reason.trimmed().toStdString()}}));
}

int InspectionController::findItem(const QString &query) const
{
    return m_items->find(query);
}

QVariantMap InspectionController::locate(const QString &query) const
{
    if (!m_snap.valid())
        return {};
    int bestRank = 3, bestStep = -1;
    const Item *best = nullptr;
    QString bestNumber;
    // The current page first, so that a number or word it holds is found there before elsewhere.
    std::vector<int> order;
    if (m_currentStep >= 0)
        order.push_back(m_currentStep);
    for (int st = 0; st < 8; ++st)
        if (st != m_currentStep)
            order.push_back(st);
    for (int st : order)
        for (const Section &sec : m_snap.tpl->steps[static_cast<std::size_t>(st)].sections)
            for (std::size_t i = 0; i < sec.items.size(); ++i) {
                const QString number = Texts::itemNumber(sec.items[i], static_cast<int>(i));
                const int rank = ItemListModel::matchRank(m_snap, sec.items[i], number, query);
                if (rank >= 0 && rank < bestRank) {
                    bestRank = rank;
                    best = &sec.items[i];
                    bestStep = st;
                    bestNumber = number;
                }
            }
    if (!best)
        return {};
    return {{QStringLiteral("step"), bestStep}, {QStringLiteral("item"), QString::fromStdString(best->id)},
        {QStringLiteral("number"), bestNumber}, {QStringLiteral("label"), m_snap.text(best->label)}};
}

QString InspectionController::listAsFinding(const QString &itemId)
{
    if (!m_snap.valid())
        return {};
    const std::string id = itemId.toStdString();
    const Item *item = m_snap.tpl->item(id);
    if (!item) {
        setError(tr("There is no item “%1” in this template.").arg(itemId));
        return {};
    }
    for (const auto &[fid, f] : m_snap.state.findings)
        if (f.item == id && !f.closed) {
            setError(tr("“%1” is on the findings list already.").arg(m_snap.text(item->label)));
            return {};
        }
    json v {{"title", m_snap.text(item->label).toStdString()}, {"item", id}};
    const auto notes = m_snap.state.currentNotesFor(id);
    std::string description;
    for (const NoteEntry *n : notes)
        description += (description.empty() ? "" : "；") + n->text;
    if (!description.empty())
        v["description"] = description;
    const std::string fid = "f-" + Uuid::generate().toString().substr(0, 13);
    if (!record(OpKind::FindingAdd, fid, canonicalJson(v)))
        return {};
    Q_EMIT infoMessage(tr("“%1” is on the findings list (step 8): add the suggestion, who is responsible and the deadline there.")
                           .arg(m_snap.text(item->label)));
    return QString::fromStdString(fid);
}

int InspectionController::stepOfItem(const QString &itemId) const
{
    if (!m_snap.valid())
        return -1;
    const Item *item = m_snap.tpl->item(itemId.toStdString());
    return item ? item->stepIndex : -1;
}

QString InspectionController::totalText() const
{
    return tr("%1 of %2 points").arg(Texts::number(m_snap.report.total), Texts::number(m_snap.report.max));
}

QString InspectionController::percentText() const
{
    return m_snap.report.percent ? QString::number(*m_snap.report.percent, 'f', 1) + QLatin1Char('%') : tr("—");
}

bool InspectionController::gradePasses() const
{
    const auto &grade = m_snap.report.grade;
    if (!m_snap.valid() || !grade)
        return false;
    const auto mark = m_snap.tpl->conclusion.passPercent;
    return !mark || grade->minPercent >= *mark;
}

QString InspectionController::gradeText() const
{
    return m_snap.report.grade ? m_snap.text(m_snap.report.grade->label) : tr("—");
}

static_assert(static_cast<int>(InspectionController::Conclusion::Incomplete) == static_cast<int>(ConclusionStatus::Incomplete));

QString InspectionController::surveyText() const
{
    const SurveySummary &s = m_snap.report.survey;
    if (!s.enabled)
        return {};
    if (!m_snap.state.sample)
        return tr("Sample not drawn yet");
    return tr("%1 of %2 residents answered, %3 satisfied").arg(s.valid).arg(s.sampleSize).arg(Texts::figure(s.rate, ValueFormat::Percent));
}

int InspectionController::answered() const
{
    int n = 0;
    for (int i = 0; i < 8; ++i)
        n += m_steps->progress(i).answered;
    return n;
}

int InspectionController::answerable() const
{
    int n = 0;
    for (int i = 0; i < 8; ++i)
        n += m_steps->progress(i).total;
    return n;
}

QStringList InspectionController::stepTitles() const
{
    QStringList out;
    if (m_snap.valid())
        for (const Step &step : m_snap.tpl->steps)
            out << m_snap.text(step.title);
    return out;
}

QStringList InspectionController::stepStatuses() const
{
    QStringList out;
    if (m_snap.valid())
        for (int i = 0; i < 8; ++i)
            out << m_steps->progress(i).status;
    return out;
}

QVariantList InspectionController::stepStatusChangeable() const
{
    QVariantList out;
    const auto mine = role();
    if (m_snap.valid())
        for (const StepState &st : m_snap.state.steps)
            out << (canEdit() && mine && !stepStatusPermission(m_snap.me, *mine, st.owner));
    return out;
}

QVariantMap InspectionController::sections() const
{
    QVariantMap out;
    if (!m_snap.valid())
        return out;
    for (const Step &step : m_snap.tpl->steps)
        for (const Section &sec : step.sections) {
            const SectionScore *s = m_snap.report.section(sec.id);
            out.insert(QString::fromStdString(sec.id),
                QVariantMap {{QStringLiteral("title"), m_snap.text(sec.title)},
                    {QStringLiteral("score"),
                        s && s->max > 0 ? tr("%1 / %2 points").arg(Texts::number(s->points), Texts::number(s->max)) : QString()}});
        }
    return out;
}

void InspectionController::addUndo(UndoEntry entry)
{
    m_undo[stepIndexForUndo()].push_back(std::move(entry));
    Q_EMIT undoChanged();
}

Uuid InspectionController::lastOperation() const
{
    return m_ops.empty() ? Uuid() : m_ops.back().id;
}

QVariantList InspectionController::team() const
{
    QVariantList out;
    if (!m_snap.valid())
        return out;
    std::vector<std::pair<std::string, std::string>> members = m_assignment.team;
    for (const auto &[author, summary] : m_snap.state.authors)
        if (std::none_of(members.begin(), members.end(), [&](const auto &m) { return m.first == author; }))
            members.emplace_back(author, std::string());
    for (const auto &[user, role] : members) {
        QStringList steps;
        for (int i = 0; i < 8; ++i)
            if (m_snap.state.steps[static_cast<std::size_t>(i)].owner == user)
                steps << QString::number(i + 1);
        auto a = m_snap.state.authors.find(user);
        out << QVariantMap {{QStringLiteral("user"), QString::fromStdString(user)}, {QStringLiteral("name"), m_snap.person(user)},
            {QStringLiteral("role"), role.empty() ? QString() : Texts::role(role)}, {QStringLiteral("me"), user == m_snap.me},
            {QStringLiteral("steps"), steps.join(QStringLiteral(", "))},
            {QStringLiteral("received"), a == m_snap.state.authors.end() ? 0 : static_cast<int>(a->second.operations)},
            {QStringLiteral("lastChange"),
                a == m_snap.state.authors.end() || a->second.lastTime == 0
                    ? QString()
                    : QDateTime::fromMSecsSinceEpoch(a->second.lastTime).toString(QStringLiteral("MM-dd HH:mm"))}};
    }
    return out;
}
