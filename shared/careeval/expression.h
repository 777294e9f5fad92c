#pragma once
// The indicator formula language: numbers, item and indicator names, + - * /, comparisons, and/or/not,
// and a fixed set of functions over items and sections ([section_id] names all items of a section).
// It is data, never code: parsing builds a small tree, evaluation walks it with no side effects, no
// loops and bounded depth, so a template from anywhere is safe to evaluate.

#include "result.h"

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace careeval {

struct ExprNode;

//! A value during evaluation: a number, or "missing" (an input not answered, not applicable, a
//! division by zero). Missing propagates, so an indicator with incomplete inputs reads "incomplete".
using ExprValue = std::optional<double>;

//! What evaluation needs to know about one item.
struct ItemFacts {
    bool exists = false;
    bool answered = false; //!< has a usable team value (agreed, resolved or prefilled)
    bool notApplicable = false; //!< answered "not applicable": leaves denominators
    bool isCheck = false;
    bool compliant = false; //!< check items only
    ExprValue number; //!< numeric reading of the value, when it has one
};

//! The world an expression reads. Scoring implements it over a merged inspection state.
class ExpressionEnv
{
public:
    virtual ~ExpressionEnv() = default;
    virtual ItemFacts item(std::string_view id) const = 0;
    virtual std::vector<std::string> sectionItems(std::string_view sectionId) const = 0;
    //! A name that is not an item (an indicator); nullopt when unknown.
    virtual std::optional<ExprValue> named(std::string_view name) const = 0;
    //! survey_rate(), survey_valid(), survey_satisfied(), survey_responses(), survey_mean(question).
    virtual ExprValue survey(std::string_view function, std::string_view argument) const = 0;
};

//! A parsed formula. Cheap to copy (shares its tree).
class Expression
{
public:
    Expression() = default;
    static Result<Expression> parse(std::string_view source);

    ExprValue evaluate(const ExpressionEnv &env) const;
    const std::string &source() const { return m_source; }
    bool empty() const { return !m_root; }

    //! Names read as values or items (for validation and dependency order).
    std::vector<std::string> identifiers() const;
    //! Section ids referenced as [section].
    std::vector<std::string> sections() const;
    //! Question ids passed to survey_mean().
    std::vector<std::string> surveyQuestions() const;

private:
    std::shared_ptr<const ExprNode> m_root;
    std::string m_source;
};

//! The function names the language knows, for messages.
std::string expressionFunctionList();

} // namespace careeval
