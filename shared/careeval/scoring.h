#pragma once
// score(): what a merged inspection amounts to under its template — section subtotals and total,
// every indicator against its target, required answers and evidence still missing, the resident
// survey's satisfaction, the grade band and the conclusion. Not-applicable items leave both the points
// and the denominators. Pure, like merge().

#include "merge.h"
#include "template.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace careeval {

enum class IndicatorStatus { Pass, Fail, Incomplete, Info };
std::string_view toString(IndicatorStatus s);

struct IndicatorResult {
    std::string id;
    ExprValue value;
    IndicatorStatus status = IndicatorStatus::Incomplete;
};

struct SectionScore {
    std::string id;
    StepKey step = StepKey::Scoring;
    double points = 0;
    double max = 0; //!< of applicable scoring items
    int items = 0;
    int answered = 0;
    int notApplicable = 0;
};

//! Something the conclusion is waiting for or fails on. `code` is stable (the app translates it).
struct Reason {
    std::string code; //!< missing_answer, missing_note, missing_photo, conflict, indicator_failed, …
    std::string subject; //!< item id, indicator id, finding id or slot
    std::string detail; //!< figures, e.g. "1 of 2 photos" or "0.9 < target >= 1"
};

struct SurveySummary {
    bool enabled = false;
    int sampleSize = 0; //!< residents the template asks for, given the drawn population (0: not drawn)
    int responses = 0;
    int valid = 0; //!< responses that answered the "satisfied" question (not "don't know")
    int satisfied = 0;
    ExprValue rate;
    std::map<std::string, ExprValue> questionMeans; //!< mean points per question
};

enum class ConclusionStatus { Pass, Fail, Incomplete };
std::string_view toString(ConclusionStatus s);

struct ScoreReport {
    std::vector<SectionScore> sections;
    double total = 0;
    double max = 0;
    ExprValue percent;
    std::optional<GradeBand> grade;
    std::vector<IndicatorResult> indicators;
    std::map<std::string, double> prefilled; //!< score items showing a computed value nobody entered yet
    std::vector<Reason> missing; //!< required answers and evidence
    std::vector<std::string> conflicts;
    int openFindings = 0;
    int openMajorFindings = 0;
    SurveySummary survey;
    ConclusionStatus conclusion = ConclusionStatus::Incomplete;
    std::vector<Reason> failures; //!< why it fails (also listed while incomplete)
    std::vector<Reason> incomplete; //!< why it cannot be concluded yet

    const IndicatorResult *indicator(std::string_view id) const;
    const SectionScore *section(std::string_view id) const;
};

ScoreReport score(const Template &tpl, const InspectionState &state);

//! The numeric reading of an item's value (check: 1/0, score and number: the number, single: the
//! option's points); nullopt for not applicable or non-numeric values.
ExprValue numericValue(const Item &item, const std::string &canonicalValue, bool *notApplicable = nullptr);

} // namespace careeval
