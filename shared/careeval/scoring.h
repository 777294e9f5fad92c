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

//! How the questionnaires count. One respondent counts once: a questionnaire recorded for a resident
//! later marked refused or unable does not count; two for one resident (two tablets) count once — the
//! first in the merge order — and are listed until the lead withdraws the one that does not stand.
//! Answers given by a proxy (代答) are reported on their own, outside the residents' satisfaction rate.
struct SurveySummary {
    bool enabled = false;
    int sampleSize = 0; //!< residents the template asks for, given the drawn population (0: not drawn)
    int responses = 0; //!< counted questionnaires (one per resident; proxies, refusals and repeats left out)
    int valid = 0; //!< counted responses that answered the "satisfied" question (not "don't know")
    int satisfied = 0;
    int proxy = 0; //!< questionnaires answered by a proxy
    int proxySatisfied = 0;
    int excluded = 0; //!< questionnaires of residents marked refused or unable
    std::vector<std::string> duplicates; //!< respondents with more than one questionnaire
    bool closedShort = false; //!< the lead closed the sample before it was complete
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
    //! The band of the percentage — only when the conclusion is a pass: a failing or incomplete
    //! inspection never shows an excellence band.
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
    std::vector<Reason> inconsistent; //!< consistency checks that do not hold (subject: check id; detail: its items)
    std::vector<Reason> remarks; //!< what the conclusion must state without failing on it (a sample closed short)

    const IndicatorResult *indicator(std::string_view id) const;
    const SectionScore *section(std::string_view id) const;
};

ScoreReport score(const Template &tpl, const InspectionState &state);

//! The numeric reading of an item's value (check: 1/0, score and number: the number, single: the
//! option's points); nullopt for not applicable or non-numeric values.
ExprValue numericValue(const Item &item, const std::string &canonicalValue, bool *notApplicable = nullptr);

} // namespace careeval
