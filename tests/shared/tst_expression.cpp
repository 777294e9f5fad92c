// The formula language: what parses, what does not (and where), and what values come out, including
// the handling of missing and not-applicable inputs.

#include "testutil.h"

#include <careeval/expression.h>

#include <map>

using namespace careeval;

namespace {

// A fixed world: items a..e with values, a section of check items, one indicator, survey figures.
class FakeEnv : public ExpressionEnv
{
public:
    std::map<std::string, ItemFacts> items;
    std::map<std::string, std::vector<std::string>> sections;
    std::map<std::string, ExprValue> names;

    FakeEnv()
    {
        items["a"] = num(4);
        items["b"] = num(2);
        items["zero"] = num(0);
        items["unanswered"] = ItemFacts {true, false, false, false, false, std::nullopt};
        items["na"] = ItemFacts {true, true, true, true, false, std::nullopt};
        items["c1"] = check(true);
        items["c2"] = check(false);
        items["c3"] = check(true);
        sections["checks"] = {"c1", "c2", "c3", "na"};
        sections["withgap"] = {"c1", "unanswered"};
        sections["nums"] = {"a", "b", "na"};
        names["ind"] = 0.5;
    }
    static ItemFacts num(double v) { return ItemFacts {true, true, false, false, false, v}; }
    static ItemFacts check(bool ok) { return ItemFacts {true, true, false, true, ok, ok ? 1.0 : 0.0}; }

    ItemFacts item(std::string_view id) const override
    {
        auto it = items.find(std::string(id));
        return it == items.end() ? ItemFacts {} : it->second;
    }
    std::vector<std::string> sectionItems(std::string_view id) const override
    {
        auto it = sections.find(std::string(id));
        return it == sections.end() ? std::vector<std::string> {} : it->second;
    }
    std::optional<ExprValue> named(std::string_view name) const override
    {
        auto it = names.find(std::string(name));
        if (it == names.end())
            return std::nullopt;
        return it->second;
    }
    ExprValue survey(std::string_view f, std::string_view arg) const override
    {
        if (f == "survey_rate")
            return 0.9;
        if (f == "survey_mean" && arg == "q1")
            return 4.5;
        return std::nullopt;
    }
};

} // namespace

class TestExpression : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void evaluate_data()
    {
        QTest::addColumn<QString>("source");
        QTest::addColumn<double>("expected"); // NaN: missing
        const double missing = std::nan("");
        QTest::newRow("number") << "42" << 42.0;
        QTest::newRow("percent literal") << "95%" << 0.95;
        QTest::newRow("precedence") << "1 + 2 * 3" << 7.0;
        QTest::newRow("parentheses") << "(1 + 2) * 3" << 9.0;
        QTest::newRow("unary minus") << "-a + 10" << 6.0;
        QTest::newRow("item values") << "a / b" << 2.0;
        QTest::newRow("division by zero is missing") << "a / zero" << missing;
        QTest::newRow("ratio") << "ratio(b, a)" << 0.5;
        QTest::newRow("ratio by zero is missing") << "ratio(a, zero)" << missing;
        QTest::newRow("unanswered is missing") << "unanswered + 1" << missing;
        QTest::newRow("not applicable is missing") << "na * 2" << missing;
        QTest::newRow("indicator name") << "ind * 2" << 1.0;
        QTest::newRow("comparison true") << "a >= 4" << 1.0;
        QTest::newRow("comparison false") << "a > 4" << 0.0;
        QTest::newRow("float equality tolerant") << "0.1 + 0.2 == 0.3" << 1.0;
        QTest::newRow("and") << "a > 1 and b > 1" << 1.0;
        QTest::newRow("or") << "a > 10 or b > 1" << 1.0;
        QTest::newRow("not") << "not (a > 10)" << 1.0;
        QTest::newRow("and short-circuits missing") << "zero > 1 and unanswered > 1" << 0.0;
        QTest::newRow("or short-circuits missing") << "unanswered > 1 or a > 1" << 1.0;
        QTest::newRow("if true") << "if(a > 1, 10, 20)" << 10.0;
        QTest::newRow("if false") << "if(a > 10, 10, 20)" << 20.0;
        QTest::newRow("abs") << "abs(b - a)" << 2.0;
        QTest::newRow("sum section skips n/a") << "sum([nums])" << 6.0;
        QTest::newRow("avg section") << "avg([nums])" << 3.0;
        QTest::newRow("min max") << "max(a, b) - min(a, b)" << 2.0;
        QTest::newRow("sum with unanswered is missing") << "sum(a, unanswered)" << missing;
        QTest::newRow("compliant") << "compliant([checks])" << 2.0;
        QTest::newRow("applicable excludes n/a") << "applicable([checks])" << 3.0;
        QTest::newRow("rate excludes n/a") << "rate([checks])" << 2.0 / 3.0;
        QTest::newRow("rate over several sections") << "rate([checks], c1)" << 3.0 / 4.0;
        QTest::newRow("rate with unanswered is missing") << "rate([withgap])" << missing;
        QTest::newRow("answered counts") << "answered([withgap])" << 1.0;
        QTest::newRow("survey rate") << "survey_rate()" << 0.9;
        QTest::newRow("survey mean") << "survey_mean(q1) / 5" << 0.9;
        QTest::newRow("survey without data") << "survey_valid()" << missing;
    }
    void evaluate()
    {
        QFETCH(QString, source);
        QFETCH(double, expected);
        auto e = Expression::parse(source.toStdString());
        QVERIFY2(e.ok(), e.ok() ? "" : e.error().message.c_str());
        FakeEnv env;
        const ExprValue v = e->evaluate(env);
        if (std::isnan(expected)) {
            QVERIFY2(!v.has_value(), qPrintable(QString::number(v.value_or(0))));
        } else {
            QVERIFY(v.has_value());
            QVERIFY2(std::fabs(*v - expected) < 1e-9, qPrintable(QString::number(*v)));
        }
    }

    void parseErrors_data()
    {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("message");
        QTest::newRow("empty") << "  "
                               << "formula is empty";
        QTest::newRow("dangling operator") << "a +"
                                           << "at character 4: expression ends too early";
        QTest::newRow("unclosed paren") << "(a + b"
                                        << "missing ')'";
        QTest::newRow("unknown function") << "exec(a)"
                                          << "unknown function 'exec'";
        QTest::newRow("arity") << "ratio(a)"
                               << "takes 2 argument(s), got 1";
        QTest::newRow("section in scalar function") << "ratio([s], a)"
                                                    << "does not take a [section]";
        QTest::newRow("stray char") << "a $ b"
                                    << "at character 3: unexpected '$'";
        QTest::newRow("two dots") << "1.2.3"
                                  << "malformed number";
        QTest::newRow("keyword alone") << "and"
                                       << "needs a value before it";
        QTest::newRow("survey_mean of number") << "survey_mean(3)"
                                               << "takes a question id";
        QTest::newRow("too deep") << QString(200, '(') + "1" + QString(200, ')') << "nested too deeply";
        QTest::newRow("too long") << QString(5000, 'a') << "longer than 4096";
        QTest::newRow("unclosed section") << "sum([s)"
                                          << "missing ']'";
    }
    void parseErrors()
    {
        QFETCH(QString, source);
        QFETCH(QString, message);
        auto e = Expression::parse(source.toStdString());
        QVERIFY(!e.ok());
        QVERIFY((e.error().code) == (ErrorCode::InvalidExpression));
        QVERIFY2(QString::fromStdString(e.error().message).contains(message), e.error().message.c_str());
    }

    void reportsWhatItReads()
    {
        auto e = Expression::parse("ratio(a, ind) + rate([checks]) + survey_mean(q1)");
        QVERIFY(e.ok());
        QCOMPARE(e->identifiers(), (std::vector<std::string> {"a", "ind"}));
        QCOMPARE(e->sections(), (std::vector<std::string> {"checks"}));
        QCOMPARE(e->surveyQuestions(), (std::vector<std::string> {"q1"}));
    }
};

QTEST_APPLESS_MAIN(TestExpression)
#include "tst_expression.moc"
