#pragma once
// An evaluation template: the eight fixed steps, their sections and items, the resident survey, the
// indicators with targets, and the rules of the conclusion. Templates are data (JSON under
// assets/templates/); parseTemplate() is the one gate every template passes, and it either returns a
// fully cross-checked Template or names every place that is wrong and why.

#include "expression.h"
#include "result.h"

#include <array>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace careeval {

//! The format tag every template carries ("format": "careeval-template/1").
inline constexpr std::string_view kTemplateFormat = "careeval-template/1";

//! The eight steps of the on-site procedure, in their fixed order.
enum class StepKey { Announce, Briefing, Documents, Site, Survey, Scoring, Conclusion, Feedback };
inline constexpr std::array<std::string_view, 8> kStepKeys
    = {"announce", "briefing", "documents", "site", "survey", "scoring", "conclusion", "feedback"};
std::optional<StepKey> stepKeyFromString(std::string_view key);
std::string_view toString(StepKey key);

//! Bilingual text. zh is required everywhere; en is required for labels and titles.
struct LocalizedText {
    std::string zh;
    std::string en;
    const std::string &get(std::string_view lang) const { return lang == "en" && !en.empty() ? en : zh; }
};

enum class ItemType { Check, Score, Number, Single, Multiple, Text, Date, Photo, Signature, Rating };
inline constexpr std::array<std::string_view, 10> kItemTypes
    = {"check", "score", "number", "single", "multiple", "text", "date", "photo", "signature", "rating"};
std::optional<ItemType> itemTypeFromString(std::string_view s);
std::string_view toString(ItemType t);

enum class Hazard { None, General, Major };
std::string_view toString(Hazard h);

//! Values a check item takes.
inline constexpr std::string_view kCompliant = "compliant";
inline constexpr std::string_view kNonCompliant = "noncompliant";
//! Not applicable: the plain value "na", or {"na": "<reason>"} when a reason is recorded with it.
inline constexpr std::string_view kNotApplicable = "na";

//! Whether an item may be marked not applicable, which takes it out of every rate, count and finding.
enum class NaPolicy {
    Allowed, //!< "allow_na": true
    WithReason, //!< "allow_na": "with_reason" — only as {"na": reason}
    Never, //!< "allow_na": false
};

//! Whether a canonical value means "not applicable" (either form); `reason` receives the recorded
//! reason when there is one.
bool isNotApplicable(std::string_view canonicalValue, std::string *reason = nullptr);

struct Option {
    std::string value;
    LocalizedText label;
    std::optional<double> points; //!< numeric reading in formulas and scoring
};

struct Item {
    std::string id;
    ItemType type = ItemType::Text;
    LocalizedText label;
    LocalizedText guidance; //!< scoring guidance / how to check
    bool required = false;
    double weight = 1.0;
    // check
    bool noteWhenNonCompliant = false;
    bool photoWhenNonCompliant = false;
    Hazard hazard = Hazard::None;
    double points = 0; //!< check: points when compliant (0: does not score)
    NaPolicy na = NaPolicy::Allowed;
    bool allowNotApplicable() const { return na != NaPolicy::Never; }
    // score / number
    std::optional<double> min;
    std::optional<double> max;
    double step = 1.0;
    LocalizedText unit;
    // single / multiple / rating
    std::vector<Option> options; //!< for rating: the scale's options
    std::string scale;
    // photo
    int photosMin = 0;
    // signature
    std::string signerRole; //!< "institution", "lead", …
    // prefill (score items): formula whose value stands in until someone answers
    Expression prefill;

    int stepIndex = 0;
    int sectionIndex = 0;

    bool scores() const { return type == ItemType::Score || (type == ItemType::Check && points > 0); }
    double maxPoints() const { return (type == ItemType::Score ? max.value_or(0) : points) * weight; }
    const Option *option(std::string_view value) const;
};

//! Days from 1970-01-01 to a calendar date written "YYYY-MM-DD" (proleptic Gregorian); nullopt when it is
//! not a real date (2026-02-30, 2026-13-01, a wrong shape). Formulas read date items as this number, so
//! a template can check "announce_date - system_start_date >= 182".
std::optional<std::int64_t> daysSinceEpoch(std::string_view isoDate);

//! Text without pictographs (emoji, their variation selectors and joiners), spaces tidied: emoji belong
//! to the app's buttons (a scale's 😀), never to the report or an export. One rule for every side.
std::string withoutPictographs(std::string_view utf8);

struct Section {
    std::string id;
    LocalizedText title;
    LocalizedText guidance;
    std::vector<Item> items;
};

struct Step {
    StepKey key = StepKey::Announce;
    LocalizedText title;
    LocalizedText guidance;
    std::vector<Section> sections;
};

struct Scale {
    std::string id;
    std::vector<Option> options;
    bool allowUnknown = true; //!< "don't know / not applicable" allowed, excluded from counts
};

struct SurveyConfig {
    bool enabled = false;
    std::string satisfiedQuestion;
    std::vector<std::string> satisfiedValues;
    int sampleMinCount = 0;
    double sampleMinShare = 0; //!< of residents
    bool rosterLeavesDevice = false;
    LocalizedText rule; //!< the rule for "satisfied" in words
    //! Residents to interview for a population: max(minCount, ceil(share × N)), at most N.
    int sampleSize(int population) const;
};

enum class Comparison { Less, LessEqual, Greater, GreaterEqual, Equal };
struct Target {
    Comparison op = Comparison::GreaterEqual;
    double value = 0;
    bool met(double v) const;
    std::string toString() const;
};

enum class ValueFormat { Percent, Number, Integer, YesNo };

struct Indicator {
    std::string id;
    LocalizedText label;
    LocalizedText notes;
    Expression formula;
    std::optional<Target> target;
    ValueFormat format = ValueFormat::Number;
    bool required = true; //!< must meet its target for the conclusion to pass
};

struct GradeBand {
    std::string key;
    LocalizedText label;
    double minPercent = 0;
};

//! A rule that figures must obey together (e.g. staff_passed <= staff_examined <= staff_total). When
//! its formula evaluates to false, the items it names are inconsistent and the inspection cannot pass.
struct ConsistencyCheck {
    std::string id;
    LocalizedText label; //!< what must hold, in words
    Expression holds;
    std::vector<std::string> items; //!< the items it is shown on
};

struct ConclusionRules {
    std::optional<double> passPercent;
    bool indicatorsMustPass = true;
    bool openMajorHazardFails = true;
    std::vector<GradeBand> grades; //!< sorted by minPercent, highest first
};

struct ItemRef {
    int step;
    int section;
    int item;
};

class Template
{
public:
    std::string id;
    std::string version;
    LocalizedText title;
    LocalizedText description;
    LocalizedText notes;
    std::array<Step, 8> steps;
    std::map<std::string, Scale> scales;
    SurveyConfig survey;
    std::vector<Indicator> indicators; //!< in dependency order (an indicator follows those it reads)
    std::vector<ConsistencyCheck> checks;
    ConclusionRules conclusion;

    const Item *item(std::string_view id) const;
    const Section *section(std::string_view id) const;
    const Indicator *indicator(std::string_view id) const;
    const Step &step(StepKey key) const { return steps[static_cast<int>(key)]; }
    //! Every item in template order.
    std::vector<const Item *> items() const;
    std::size_t itemCount() const { return m_items.size(); }
    //! "id@version": the pin an inspection carries.
    std::string pin() const { return id + "@" + version; }

    void buildIndex(); // called by the parser

private:
    std::unordered_map<std::string, ItemRef> m_items;
    std::vector<ItemRef> m_order;
    std::unordered_map<std::string, std::pair<int, int>> m_sections;
    std::unordered_map<std::string, int> m_indicators;
};

//! One thing wrong with a template: where (a JSON pointer) and why.
struct TemplateIssue {
    std::string path;
    std::string message;
    std::string toString() const { return (path.empty() ? std::string("/") : path) + ": " + message; }
};

//! Parses and validates. On failure the error message lists every issue, one per line; `issues`, when
//! given, receives them one by one.
Result<Template> parseTemplate(std::string_view text, std::vector<TemplateIssue> *issues = nullptr);
Result<Template> loadTemplateFile(const std::string &path, std::vector<TemplateIssue> *issues = nullptr);

//! Whole-file read without exceptions.
Result<std::string> readFile(const std::string &path);

} // namespace careeval
