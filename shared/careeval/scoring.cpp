#include "scoring.h"

#include "jsonutil.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

namespace careeval {

std::string_view toString(IndicatorStatus s)
{
    switch (s) {
    case IndicatorStatus::Pass:
        return "pass";
    case IndicatorStatus::Fail:
        return "fail";
    case IndicatorStatus::Incomplete:
        return "incomplete";
    case IndicatorStatus::Info:
        return "info";
    }
    return "incomplete";
}

std::string_view toString(ConclusionStatus s)
{
    switch (s) {
    case ConclusionStatus::Pass:
        return "pass";
    case ConclusionStatus::Fail:
        return "fail";
    case ConclusionStatus::Incomplete:
        return "incomplete";
    }
    return "incomplete";
}

const IndicatorResult *ScoreReport::indicator(std::string_view id) const
{
    for (const auto &i : indicators)
        if (i.id == id)
            return &i;
    return nullptr;
}

const SectionScore *ScoreReport::section(std::string_view id) const
{
    for (const auto &s : sections)
        if (s.id == id)
            return &s;
    return nullptr;
}

ExprValue numericValue(const Item &item, const std::string &canonicalValue, bool *notApplicable)
{
    if (notApplicable)
        *notApplicable = false;
    if ((item.type == ItemType::Check || item.type == ItemType::Score) && isNotApplicable(canonicalValue)) {
        if (notApplicable)
            *notApplicable = true;
        return std::nullopt;
    }
    const json v = json::parse(canonicalValue, nullptr, false);
    switch (item.type) {
    case ItemType::Check:
        return v.is_string() && v.get_ref<const std::string &>() == kCompliant ? 1.0 : 0.0;
    case ItemType::Score:
    case ItemType::Number:
        return v.is_number() ? ExprValue(v.get<double>()) : std::nullopt;
    case ItemType::Single:
        if (v.is_string())
            if (const Option *o = item.option(v.get_ref<const std::string &>()))
                return o->points;
        return std::nullopt;
    case ItemType::Date:
        if (v.is_string())
            if (auto days = daysSinceEpoch(v.get_ref<const std::string &>()))
                return static_cast<double>(*days);
        return std::nullopt;
    default:
        return std::nullopt;
    }
}

namespace {

// A date is flagged (not refused: a deadline two years out can be right) when it lies more than a year
// after the day it was entered, or before 1990. "Entered" is the time of the operation that set the
// team's value, so the flag is the same on every device.
std::optional<std::string> implausibleDate(const SlotState &slot)
{
    const json v = json::parse(slot.value, nullptr, false);
    if (!v.is_string())
        return std::nullopt;
    const auto days = daysSinceEpoch(v.get_ref<const std::string &>());
    if (!days)
        return std::nullopt;
    std::int64_t entered = 0;
    for (const SlotValue &sv : slot.values)
        if (sv.value == slot.value)
            entered = std::max(entered, sv.time);
    if (slot.resolution)
        entered = std::max(entered, slot.resolution->time);
    static const std::int64_t kEarliest = *daysSinceEpoch("1990-01-01");
    if (*days < kEarliest)
        return v.get<std::string>() + " is before 1990";
    if (entered > 0 && *days > entered / 86'400'000 + 366)
        return v.get<std::string>() + " is more than a year after it was entered";
    return std::nullopt;
}

// Evaluates formulas over the merged state. Indicators and prefilled items are computed on demand and
// remembered; the template validator has already ruled out circular formulas, and a depth guard keeps
// even a hand-built template from recursing without end.
class Env : public ExpressionEnv
{
public:
    Env(const Template &t, const InspectionState &s, const SurveySummary &survey)
        : m_t(t)
        , m_s(s)
        , m_survey(survey)
    {
    }

    ItemFacts item(std::string_view id) const override
    {
        ItemFacts f;
        const Item *item = m_t.item(id);
        if (!item)
            return f;
        f.exists = true;
        f.isCheck = item->type == ItemType::Check;
        const SlotState *slot = m_s.item(id);
        if (slot && slot->hasTeamValue()) {
            f.answered = true;
            f.number = numericValue(*item, slot->value, &f.notApplicable);
            f.compliant = f.isCheck && f.number && *f.number == 1.0;
            return f;
        }
        if (!item->prefill.empty() && !(slot && slot->status == SlotStatus::Conflict)) {
            auto v = prefill(*item);
            if (v) {
                f.answered = true;
                f.number = v;
            }
        }
        return f;
    }

    std::vector<std::string> sectionItems(std::string_view sectionId) const override
    {
        std::vector<std::string> out;
        if (const Section *sec = m_t.section(sectionId))
            for (const auto &i : sec->items)
                out.push_back(i.id);
        return out;
    }

    std::optional<ExprValue> named(std::string_view name) const override
    {
        const Indicator *ind = m_t.indicator(name);
        if (!ind)
            return std::nullopt;
        return indicator(*ind);
    }

    ExprValue survey(std::string_view function, std::string_view argument) const override
    {
        if (function == "survey_rate")
            return m_survey.rate;
        if (function == "survey_valid")
            return m_survey.valid;
        if (function == "survey_satisfied")
            return m_survey.satisfied;
        if (function == "survey_responses")
            return m_survey.responses;
        if (function == "survey_mean") {
            auto it = m_survey.questionMeans.find(std::string(argument));
            return it == m_survey.questionMeans.end() ? std::nullopt : it->second;
        }
        return std::nullopt;
    }

    ExprValue indicator(const Indicator &ind) const
    {
        auto it = m_indicators.find(ind.id);
        if (it != m_indicators.end())
            return it->second;
        if (++m_depth > 64) {
            --m_depth;
            return std::nullopt;
        }
        ExprValue v = ind.formula.evaluate(*this);
        --m_depth;
        m_indicators.emplace(ind.id, v);
        return v;
    }

    ExprValue prefill(const Item &item) const
    {
        auto it = m_prefills.find(item.id);
        if (it != m_prefills.end())
            return it->second;
        if (++m_depth > 64) {
            --m_depth;
            return std::nullopt;
        }
        ExprValue v = item.prefill.evaluate(*this);
        --m_depth;
        if (v) {
            // A prefilled score is still a score: clamped to the item's range and rounded down to its
            // step, so a computed prefill never awards points that were not earned.
            const double mx = item.max.value_or(0);
            double d = std::clamp(*v, 0.0, mx);
            d = std::floor(d / item.step + 1e-9) * item.step;
            v = std::clamp(d, 0.0, mx);
        }
        m_prefills.emplace(item.id, v);
        return v;
    }

private:
    const Template &m_t;
    const InspectionState &m_s;
    const SurveySummary &m_survey;
    mutable std::unordered_map<std::string, ExprValue> m_indicators;
    mutable std::unordered_map<std::string, ExprValue> m_prefills;
    mutable int m_depth = 0;
};

SurveySummary summarizeSurvey(const Template &t, const InspectionState &s)
{
    SurveySummary out;
    out.enabled = t.survey.enabled;
    if (!out.enabled)
        return out;
    if (s.sample)
        out.sampleSize = t.survey.sampleSize(s.sample->population);
    out.closedShort = s.sampleClosed.has_value();
    std::map<std::string, std::pair<double, int>> sums;
    std::map<std::string, int> perRespondent;
    for (const auto &r : s.responses) {
        const json answers = json::parse(r.answers, nullptr, false);
        if (!answers.is_object())
            continue;
        auto st = s.respondents.find(r.respondent);
        const std::string status = st == s.respondents.end() ? std::string() : st->second.status;
        if (status == "refused" || status == "unable") {
            ++out.excluded;
            continue;
        }
        if (++perRespondent[r.respondent] == 2)
            out.duplicates.push_back(r.respondent);
        if (perRespondent[r.respondent] > 1)
            continue; // counted once, the first in the merge order
        auto sat = answers.find(t.survey.satisfiedQuestion);
        const bool answered = sat != answers.end() && sat->is_string() && sat->get<std::string>() != "unknown";
        const bool satisfied = answered
            && std::find(t.survey.satisfiedValues.begin(), t.survey.satisfiedValues.end(), sat->get<std::string>())
                != t.survey.satisfiedValues.end();
        if (status == "proxy") {
            ++out.proxy;
            out.proxySatisfied += satisfied;
            continue;
        }
        ++out.responses;
        for (auto it = answers.begin(); it != answers.end(); ++it) {
            const Item *q = t.item(it.key());
            if (!q || !it->is_string())
                continue;
            if (const Option *o = q->option(it->get<std::string>()); o && o->points) {
                sums[it.key()].first += *o->points;
                sums[it.key()].second += 1;
            }
        }
        if (!answered)
            continue;
        ++out.valid;
        out.satisfied += satisfied;
    }
    if (out.valid > 0)
        out.rate = static_cast<double>(out.satisfied) / out.valid;
    for (const auto &[q, sc] : sums)
        out.questionMeans[q] = sc.first / sc.second;
    return out;
}

std::string figure(double v)
{
    return json(std::round(v * 10000.0) / 10000.0).dump();
}

} // namespace

ScoreReport score(const Template &t, const InspectionState &s)
{
    ScoreReport rep;
    rep.survey = summarizeSurvey(t, s);
    Env env(t, s, rep.survey);

    // Sections, points, required answers and evidence.
    for (const auto &step : t.steps) {
        for (const auto &sec : step.sections) {
            SectionScore ss;
            ss.id = sec.id;
            ss.step = step.key;
            for (const auto &item : sec.items) {
                ++ss.items;
                const SlotState *slot = s.item(item.id);
                const bool conflict = slot && slot->status == SlotStatus::Conflict;
                const bool answered = slot && slot->hasTeamValue();
                bool na = false;
                ExprValue number;
                if (answered)
                    number = numericValue(item, slot->value, &na);
                if (answered)
                    ++ss.answered;
                if (na)
                    ++ss.notApplicable;
                if (item.scores() && !na) {
                    ss.max += item.maxPoints();
                    if (answered && number) {
                        ss.points += (item.type == ItemType::Score ? *number : *number * item.points) * item.weight;
                    } else if (!answered && !conflict && !item.prefill.empty()) {
                        if (auto pre = env.prefill(item)) {
                            rep.prefilled[item.id] = *pre;
                            ss.points += *pre * item.weight;
                        }
                    }
                }
                if (conflict)
                    continue; // listed once, under conflicts
                if (item.type == ItemType::Photo) {
                    const int have = static_cast<int>(s.photosFor(item.id).size());
                    if (have < item.photosMin)
                        rep.missing.push_back({"missing_photo", item.id, std::to_string(have) + " of " + std::to_string(item.photosMin)});
                    continue;
                }
                if (item.type == ItemType::Rating)
                    continue; // answered through the survey
                if (item.required && !answered && !rep.prefilled.count(item.id))
                    rep.missing.push_back({item.type == ItemType::Signature ? "missing_signature" : "missing_answer", item.id, {}});
                if (answered && item.type == ItemType::Date)
                    if (auto why = implausibleDate(*slot))
                        rep.remarks.push_back({"implausible_date", item.id, *why});
                if (answered && item.type == ItemType::Check && slot->value == "\"noncompliant\"") {
                    if (item.noteWhenNonCompliant && s.notesFor(item.id).empty())
                        rep.missing.push_back({"missing_note", item.id, "non-compliance needs a note"});
                    if (item.photoWhenNonCompliant && s.photosFor(item.id).empty())
                        rep.missing.push_back({"missing_photo", item.id, "non-compliance needs a photo"});
                }
            }
            rep.total += ss.points;
            rep.max += ss.max;
            rep.sections.push_back(std::move(ss));
        }
    }
    if (rep.max > 0)
        rep.percent = rep.total / rep.max * 100.0;

    for (const auto &ind : t.indicators) {
        IndicatorResult r {ind.id, env.indicator(ind), IndicatorStatus::Incomplete};
        if (r.value)
            r.status = !ind.target ? IndicatorStatus::Info : ind.target->met(*r.value) ? IndicatorStatus::Pass : IndicatorStatus::Fail;
        rep.indicators.push_back(r);
    }
    rep.conflicts = s.conflicts();
    for (const auto &[id, f] : s.findings) {
        if (f.closed)
            continue;
        ++rep.openFindings;
        if (f.hazard == Hazard::Major)
            ++rep.openMajorFindings;
    }

    // Conclusion.
    for (const auto &m : rep.missing)
        rep.incomplete.push_back(m);
    for (const auto &c : rep.conflicts)
        rep.incomplete.push_back({"conflict", c, {}});
    for (std::size_t i = 0; i < rep.indicators.size(); ++i) {
        const auto &r = rep.indicators[i];
        const Indicator *ind = t.indicator(r.id);
        if (!ind || !ind->required)
            continue;
        if (r.status == IndicatorStatus::Incomplete)
            rep.incomplete.push_back({"indicator_incomplete", r.id, {}});
        else if (r.status == IndicatorStatus::Fail && t.conclusion.indicatorsMustPass)
            rep.failures.push_back({"indicator_failed", r.id, figure(*r.value) + " against target " + ind->target->toString()});
    }
    if (rep.survey.enabled) {
        const std::string counted = std::to_string(rep.survey.valid) + " of " + std::to_string(rep.survey.sampleSize) + " valid responses";
        if (!s.sample)
            rep.incomplete.push_back({"sample_not_drawn", "survey", {}});
        else if (rep.survey.valid < rep.survey.sampleSize && s.sampleClosed)
            rep.remarks.push_back({"sample_closed_short", "survey", counted + "; " + s.sampleClosed->reason});
        else if (rep.survey.valid < rep.survey.sampleSize)
            rep.incomplete.push_back({"sample_short", "survey", counted});
        for (const auto &code : rep.survey.duplicates)
            rep.incomplete.push_back({"duplicate_response", code, "more than one questionnaire; counted once until one is withdrawn"});
    }
    // Figures that cannot all be true: the inspection cannot pass until they are corrected.
    for (const auto &check : t.checks) {
        const ExprValue v = check.holds.evaluate(env);
        if (v && *v == 0.0) {
            std::string items;
            for (const auto &i : check.items)
                items += (items.empty() ? "" : ",") + i;
            rep.inconsistent.push_back({"inconsistent", check.id, items});
            rep.incomplete.push_back({"inconsistent", check.id, items});
        }
    }
    if (t.conclusion.passPercent && rep.percent && *rep.percent < *t.conclusion.passPercent - 1e-9)
        rep.failures.push_back({"below_pass_percent", "total", figure(*rep.percent) + "% < " + figure(*t.conclusion.passPercent) + "%"});
    if (t.conclusion.openMajorHazardFails)
        for (const auto &[id, f] : s.findings)
            if (!f.closed && f.hazard == Hazard::Major)
                rep.failures.push_back({"open_major_hazard", id, f.item});
    if (!rep.incomplete.empty())
        rep.conclusion = ConclusionStatus::Incomplete;
    else
        rep.conclusion = rep.failures.empty() ? ConclusionStatus::Pass : ConclusionStatus::Fail;
    // The conclusion comes first: only a pass is given a grade band.
    if (rep.conclusion == ConclusionStatus::Pass && rep.percent)
        for (const auto &band : t.conclusion.grades)
            if (*rep.percent >= band.minPercent - 1e-9) {
                rep.grade = band;
                break;
            }
    return rep;
}

} // namespace careeval
