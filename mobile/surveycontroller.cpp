// The resident satisfaction survey — seeded sample, respondents with their replacements, responses.
// Names typed in a roster stay in this tablet's database; operations carry only codes (R01, R02, … in
// draw order).

#include "surveycontroller.h"

#include "inspectioncontroller.h"

#include <careeval/jsonutil.h>
#include <careeval/sampling.h>

#include <QDateTime>

using namespace careeval;

namespace {

std::vector<std::string> rosterOf(LocalStore *store, const std::string &inspection)
{
    auto r = store->roster(inspection);
    return r ? r.value() : std::vector<std::string>();
}

QString codeOf(int position)
{
    return QStringLiteral("R%1").arg(position + 1, 2, 10, QLatin1Char('0'));
}

} // namespace

SurveyController::SurveyController(InspectionController *inspection)
    : QObject(inspection)
    , m_inspection(inspection)
{
    connect(inspection, &InspectionController::changed, this, &SurveyController::changed);
    connect(inspection, &InspectionController::openChanged, this, &SurveyController::changed);
}

int SurveyController::sampleSizeFor(int population) const
{
    const InspectionSnapshot &snap = m_inspection->snapshot();
    if (!snap.valid() || !snap.tpl->survey.enabled || population <= 0)
        return 0;
    return snap.tpl->survey.sampleSize(population);
}

bool SurveyController::drawSample(int beds, const QString &roster)
{
    const InspectionSnapshot &snap = m_inspection->snapshot();
    if (!snap.valid())
        return false;
    if (!snap.tpl->survey.enabled) {
        m_inspection->setError(tr("This template has no resident survey."));
        return false;
    }
    if (snap.state.sample) {
        m_inspection->setError(tr("The sample was already drawn (seed %1); it cannot be drawn again.").arg(snap.state.sample->seed));
        return false;
    }
    std::vector<std::string> names;
    for (const QString &line : roster.split(QLatin1Char('\n'))) {
        const QString t = line.trimmed();
        if (!t.isEmpty())
            names.push_back(t.toStdString());
    }
    const bool fromRoster = !names.empty();
    const int population = fromRoster ? static_cast<int>(names.size()) : beds;
    if (population <= 0 || population > 100000) {
        m_inspection->setError(tr("Give the number of residents (beds in use), or paste the roster, one resident a line."));
        return false;
    }
    if (fromRoster)
        if (auto r = m_inspection->store()->saveRoster(m_inspection->assignment().id, names); !r) {
            m_inspection->setError(tr("The roster could not be saved on this tablet: %1").arg(QString::fromStdString(r.error().message)));
            return false;
        }
    const int k = sampleSizeFor(population);
    // Seeds stay below 2^53 so that every JSON reader (and a supervisor's spreadsheet) keeps them exact.
    const std::uint64_t seed = freshSeed() % (std::uint64_t(1) << 53);
    json v {{"seed", seed}, {"population", population}, {"k", k}, {"source", fromRoster ? "roster" : "beds"}};
    if (!m_inspection->record(OpKind::SampleDraw, "survey", canonicalJson(v)))
        return false;
    Q_EMIT m_inspection->infoMessage(tr("%1 residents drawn from %2 (seed %3)").arg(k).arg(population).arg(seed));
    return true;
}

QVariantMap SurveyController::sample() const
{
    const InspectionSnapshot &snap = m_inspection->snapshot();
    QVariantMap m;
    if (!snap.valid())
        return m;
    m.insert(QStringLiteral("rule"), snap.text(snap.tpl->survey.rule));
    const auto &s = snap.state.sample;
    m.insert(QStringLiteral("drawn"), s.has_value());
    if (!s)
        return m;
    m.insert(QStringLiteral("seed"), QString::number(s->seed));
    m.insert(QStringLiteral("population"), s->population);
    m.insert(QStringLiteral("k"), s->k);
    m.insert(QStringLiteral("source"), QString::fromStdString(s->source));
    m.insert(QStringLiteral("author"), snap.person(s->author));
    m.insert(QStringLiteral("time"), QDateTime::fromMSecsSinceEpoch(s->time).toString(QStringLiteral("yyyy-MM-dd HH:mm")));
    m.insert(
        QStringLiteral("rosterHere"), s->source != "roster" || !rosterOf(m_inspection->store(), m_inspection->assignment().id).empty());
    const auto &closed = snap.state.sampleClosed;
    m.insert(QStringLiteral("closed"), closed.has_value());
    m.insert(QStringLiteral("closedBy"), closed ? snap.person(closed->author) : QString());
    m.insert(QStringLiteral("closeReason"), closed ? QString::fromStdString(closed->reason) : QString());
    return m;
}

QVariantList SurveyController::respondents() const
{
    const InspectionSnapshot &snap = m_inspection->snapshot();
    QVariantList out;
    if (!snap.valid() || !snap.state.sample)
        return out;
    const SampleDraw &s = *snap.state.sample;
    std::vector<std::string> roster;
    if (s.source == "roster")
        roster = rosterOf(m_inspection->store(), m_inspection->assignment().id);
    std::map<std::string, const SurveyResponse *> responses;
    for (const SurveyResponse &r : snap.state.responses)
        responses[r.respondent] = &r;
    // The first k positions of the seeded sequence, then one more for each refusal or inability, in order.
    int wanted = s.k;
    std::vector<int> waitingToBeReplaced;
    const auto order = drawSequence(s.seed, static_cast<std::size_t>(s.population), static_cast<std::size_t>(s.population));
    for (int i = 0; i < wanted && i < s.population; ++i) {
        const QString code = codeOf(i);
        const std::size_t who = order[static_cast<std::size_t>(i)];
        QString status = QStringLiteral("todo");
        if (auto it = snap.state.respondents.find(code.toStdString()); it != snap.state.respondents.end())
            status = QString::fromStdString(it->second.status);
        auto resp = responses.find(code.toStdString());
        if (resp != responses.end() && status == QLatin1String("todo"))
            status = QStringLiteral("done");
        QString label;
        if (s.source == "roster")
            label = who < roster.size() ? QString::fromStdString(roster[who])
                                        : tr("Resident no. %1 on the roster (roster not on this tablet)").arg(who + 1);
        else
            label = tr("Bed %1").arg(who + 1);
        QString replaces;
        if (i >= s.k && !waitingToBeReplaced.empty()) {
            replaces = codeOf(waitingToBeReplaced.front());
            waitingToBeReplaced.erase(waitingToBeReplaced.begin());
        }
        if (status == QLatin1String("refused") || status == QLatin1String("unable")) {
            ++wanted;
            waitingToBeReplaced.push_back(i);
        }
        out << QVariantMap {{QStringLiteral("code"), code}, {QStringLiteral("who"), label}, {QStringLiteral("status"), status},
            {QStringLiteral("replaces"), replaces},
            {QStringLiteral("responseId"), resp != responses.end() ? QString::fromStdString(resp->second->id.toString()) : QString()}};
    }
    return out;
}

bool SurveyController::setRespondentStatus(const QString &code, const QString &status)
{
    const InspectionSnapshot &snap = m_inspection->snapshot();
    if (status != QLatin1String("todo") && status != QLatin1String("done") && status != QLatin1String("proxy")
        && status != QLatin1String("refused") && status != QLatin1String("unable"))
        return false;
    if (!snap.valid() || !snap.state.sample) {
        m_inspection->setError(tr("Draw the sample first."));
        return false;
    }
    return m_inspection->record(OpKind::RespondentStatus, code.toStdString(), canonicalJson(json {{"status", status.toStdString()}}));
}

QVariantList SurveyController::questions() const
{
    const InspectionSnapshot &snap = m_inspection->snapshot();
    QVariantList out;
    if (!snap.valid())
        return out;
    for (const Step &step : snap.tpl->steps)
        for (const Section &sec : step.sections)
            for (const Item &item : sec.items) {
                if (item.type != ItemType::Rating)
                    continue;
                QVariantList options;
                const int n = static_cast<int>(item.options.size());
                for (int i = 0; i < n; ++i) {
                    // A mood from happiest (1) to saddest (-1) for the drawn face, which replaces the
                    // label's emoji.
                    const QString plain = snap.plainText(item.options[static_cast<std::size_t>(i)].label);
                    const double mood = n <= 1 ? 1.0 : 1.0 - 2.0 * i / (n - 1);
                    options << QVariantMap {
                        {QStringLiteral("value"), QString::fromStdString(item.options[static_cast<std::size_t>(i)].value)},
                        {QStringLiteral("label"), plain}, {QStringLiteral("mood"), mood}};
                }
                auto scale = snap.tpl->scales.find(item.scale);
                out << QVariantMap {{QStringLiteral("id"), QString::fromStdString(item.id)},
                    {QStringLiteral("label"), snap.text(item.label)}, {QStringLiteral("options"), options},
                    {QStringLiteral("allowUnknown"), scale == snap.tpl->scales.end() || scale->second.allowUnknown}};
            }
    return out;
}

QVariantMap SurveyController::responseOf(const QString &code) const
{
    const InspectionSnapshot &snap = m_inspection->snapshot();
    QVariantMap m;
    if (!snap.valid())
        return m;
    for (const SurveyResponse &r : snap.state.responses)
        if (r.respondent == code.toStdString()) {
            const json a = json::parse(r.answers, nullptr, false);
            if (a.is_object())
                for (auto it = a.begin(); it != a.end(); ++it)
                    if (it->is_string())
                        m.insert(QString::fromStdString(it.key()), QString::fromStdString(it->get<std::string>()));
        }
    return m;
}

bool SurveyController::saveResponse(const QString &code, const QVariantMap &answers)
{
    const InspectionSnapshot &snap = m_inspection->snapshot();
    if (!snap.valid() || !snap.state.sample) {
        m_inspection->setError(tr("Draw the sample first."));
        return false;
    }
    json a = json::object();
    for (auto it = answers.begin(); it != answers.end(); ++it)
        if (!it.value().toString().isEmpty())
            a[it.key().toStdString()] = it.value().toString().toStdString();
    if (a.empty()) {
        m_inspection->setError(tr("No question was answered; nothing was saved."));
        return false;
    }
    const std::string c = code.toStdString();
    const SurveyResponse *existing = nullptr;
    for (const SurveyResponse &r : snap.state.responses)
        if (r.respondent == c)
            existing = &r;
    bool ok = existing ? (existing->answers == canonicalJson(a)
                  || m_inspection->record(OpKind::SurveyReplace, existing->id.toString(), canonicalJson(json {{"answers", a}})))
                       : m_inspection->record(OpKind::SurveyAdd, c, canonicalJson(json {{"answers", a}}));
    if (!ok)
        return false;
    // Answered by a proxy (代答) stays a status of its own: it is reported apart from the residents' rate.
    auto st = snap.state.respondents.find(c);
    if (st == snap.state.respondents.end() || (st->second.status != "done" && st->second.status != "proxy"))
        ok = setRespondentStatus(code, QStringLiteral("done"));
    return ok;
}

bool SurveyController::closeSample(const QString &reason)
{
    const InspectionSnapshot &snap = m_inspection->snapshot();
    if (!snap.valid() || !snap.state.sample) {
        m_inspection->setError(tr("Draw the sample first."));
        return false;
    }
    if (reason.trimmed().isEmpty()) {
        m_inspection->setError(tr("Say why the sample cannot be completed; the reason is printed with the conclusion."));
        return false;
    }
    return m_inspection->record(OpKind::SampleClose, "survey", canonicalJson(json {{"reason", reason.trimmed().toStdString()}}));
}
