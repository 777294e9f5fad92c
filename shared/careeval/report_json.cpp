#include "report_json.h"

#include "jsonutil.h"

#include <cmath>

namespace careeval {

namespace {

json parsed(const std::string &canonical)
{
    json v = json::parse(canonical, nullptr, false);
    return v.is_discarded() ? json() : v;
}

// Rounded so that golden files do not depend on the last bit of a floating-point sum.
json number(ExprValue v)
{
    if (!v)
        return nullptr;
    return std::round(*v * 1e6) / 1e6;
}

json slotToJson(const SlotState &s)
{
    json o;
    o["status"] = std::string(toString(s.status));
    if (s.hasTeamValue())
        o["value"] = parsed(s.value);
    json values = json::array();
    for (const auto &v : s.values)
        values.push_back({{"author", v.author}, {"device", v.device}, {"op", v.op.toString()}, {"clock", v.clock}, {"time", v.time},
            {"value", parsed(v.value)}});
    o["values"] = std::move(values);
    if (s.resolution)
        o["resolution"] = {{"author", s.resolution->author}, {"op", s.resolution->op.toString()}, {"time", s.resolution->time},
            {"value", parsed(s.resolution->value)}, {"reason", s.resolution->reason}};
    return o;
}

json reasonsToJson(const std::vector<Reason> &reasons)
{
    json a = json::array();
    for (const auto &r : reasons) {
        json o {{"code", r.code}, {"subject", r.subject}};
        if (!r.detail.empty())
            o["detail"] = r.detail;
        a.push_back(std::move(o));
    }
    return a;
}

} // namespace

json stateToJson(const InspectionState &s)
{
    json o;
    o["inspection"] = s.inspection;
    o["status"] = std::string(toString(s.status));
    o["locked"] = s.locked();
    o["accepted"] = s.accepted;
    o["duplicates"] = s.duplicates;
    o["max_clock"] = s.maxClock;
    json items = json::object();
    for (const auto &[id, slot] : s.items)
        items[id] = slotToJson(slot);
    o["items"] = std::move(items);
    o["conflicts"] = s.conflicts();
    json findings = json::array();
    for (const auto &[id, f] : s.findings) {
        json fo {{"id", id}, {"derived", f.derived}, {"item", f.item}, {"hazard", std::string(toString(f.hazard))}, {"author", f.author},
            {"time", f.time}, {"closed", f.closed}};
        if (f.closed)
            fo["close_reason"] = f.closeReason;
        json fields = json::object();
        for (const auto &[name, slot] : f.fields)
            fields[name] = slotToJson(slot);
        fo["fields"] = std::move(fields);
        findings.push_back(std::move(fo));
    }
    o["findings"] = std::move(findings);
    json notes = json::array();
    for (const auto &n : s.notes)
        notes.push_back({{"op", n.op.toString()}, {"target", n.target}, {"author", n.author}, {"time", n.time}, {"text", n.text}});
    o["notes"] = std::move(notes);
    json photos = json::array();
    for (const auto &p : s.photos) {
        json e = {{"op", p.op.toString()}, {"target", p.target}, {"sha256", p.sha256}, {"caption", p.caption}, {"author", p.author},
            {"time", p.time}, {"taken_at", p.takenAt}};
        if (!p.thumb.empty())
            e["thumb"] = p.thumb;
        photos.push_back(std::move(e));
    }
    o["photos"] = std::move(photos);
    if (s.sample)
        o["sample"] = {{"op", s.sample->op.toString()}, {"seed", s.sample->seed}, {"population", s.sample->population}, {"k", s.sample->k},
            {"source", s.sample->source}, {"author", s.sample->author}, {"time", s.sample->time}};
    if (s.sampleClosed)
        o["sample_closed"] = {{"op", s.sampleClosed->op.toString()}, {"reason", s.sampleClosed->reason}, {"author", s.sampleClosed->author},
            {"time", s.sampleClosed->time}};
    json respondents = json::object();
    for (const auto &[code, r] : s.respondents)
        respondents[code] = {{"status", r.status}, {"author", r.author}, {"time", r.time}};
    o["respondents"] = std::move(respondents);
    json responses = json::array();
    for (const auto &r : s.responses)
        responses.push_back({{"id", r.id.toString()}, {"respondent", r.respondent}, {"author", r.author}, {"time", r.time},
            {"answers", parsed(r.answers)}, {"revisions", r.revisions}});
    o["responses"] = std::move(responses);
    json steps = json::object();
    for (std::size_t i = 0; i < s.steps.size(); ++i)
        steps[std::string(kStepKeys[i])]
            = {{"status", s.steps[i].status}, {"owner", s.steps[i].owner}, {"author", s.steps[i].author}, {"time", s.steps[i].time}};
    o["steps"] = std::move(steps);
    json history = json::array();
    for (const auto &h : s.history)
        history.push_back({{"kind", std::string(toString(h.kind))}, {"author", h.author}, {"comment", h.comment}, {"time", h.time},
            {"op", h.op.toString()}});
    o["history"] = std::move(history);
    json refused = json::array();
    for (const auto &r : s.refused)
        refused.push_back({{"op", r.id.toString()}, {"kind", std::string(toString(r.kind))}, {"author", r.author}, {"target", r.target},
            {"time", r.time}, {"reason", r.reason}, {"code", std::string(toString(r.code))}});
    o["refused"] = std::move(refused);
    json authors = json::object();
    for (const auto &[name, a] : s.authors)
        authors[name] = {{"operations", a.operations}, {"last_time", a.lastTime}, {"max_clock", a.maxClock}};
    o["authors"] = std::move(authors);
    return o;
}

json reportToJson(const ScoreReport &r, const Template &tpl)
{
    json o;
    o["template"] = tpl.pin();
    json sections = json::array();
    for (const auto &s : r.sections)
        sections.push_back({{"id", s.id}, {"step", std::string(toString(s.step))}, {"points", number(s.points)}, {"max", number(s.max)},
            {"items", s.items}, {"answered", s.answered}, {"not_applicable", s.notApplicable}});
    o["sections"] = std::move(sections);
    o["total"] = number(r.total);
    o["max"] = number(r.max);
    o["percent"] = number(r.percent);
    o["grade"] = r.grade ? json {{"key", r.grade->key}, {"zh", r.grade->label.zh}, {"en", r.grade->label.en}} : json();
    json indicators = json::array();
    for (const auto &i : r.indicators) {
        const Indicator *def = tpl.indicator(i.id);
        json io {{"id", i.id}, {"value", number(i.value)}, {"status", std::string(toString(i.status))}};
        if (def && def->target)
            io["target"] = def->target->toString();
        indicators.push_back(std::move(io));
    }
    o["indicators"] = std::move(indicators);
    json prefilled = json::object();
    for (const auto &[id, v] : r.prefilled)
        prefilled[id] = number(v);
    o["prefilled"] = std::move(prefilled);
    o["missing"] = reasonsToJson(r.missing);
    o["conflicts"] = r.conflicts;
    o["open_findings"] = r.openFindings;
    o["open_major_findings"] = r.openMajorFindings;
    json survey {{"enabled", r.survey.enabled}, {"sample_size", r.survey.sampleSize}, {"responses", r.survey.responses},
        {"valid", r.survey.valid}, {"satisfied", r.survey.satisfied}, {"rate", number(r.survey.rate)}, {"proxy", r.survey.proxy},
        {"proxy_satisfied", r.survey.proxySatisfied}, {"excluded", r.survey.excluded}, {"duplicates", r.survey.duplicates},
        {"closed_short", r.survey.closedShort}};
    json means = json::object();
    for (const auto &[q, m] : r.survey.questionMeans)
        means[q] = number(m);
    survey["question_means"] = std::move(means);
    o["survey"] = std::move(survey);
    o["inconsistent"] = reasonsToJson(r.inconsistent);
    o["conclusion"] = {{"status", std::string(toString(r.conclusion))}, {"failures", reasonsToJson(r.failures)},
        {"incomplete", reasonsToJson(r.incomplete)}, {"remarks", reasonsToJson(r.remarks)}};
    return o;
}

} // namespace careeval
