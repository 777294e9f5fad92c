#include "expression.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <functional>
#include <set>

namespace careeval {

enum class NodeKind { Number, Name, Section, Unary, Binary, Call };

struct ExprNode {
    NodeKind kind;
    double number = 0;
    std::string text; // name, section id, operator or function name
    std::vector<std::shared_ptr<const ExprNode>> args;
};

namespace {

using NodePtr = std::shared_ptr<const ExprNode>;
constexpr int kMaxDepth = 48;
constexpr std::size_t kMaxLength = 4096;

struct FunctionSpec {
    std::string_view name;
    int minArgs;
    int maxArgs; // -1: any
    bool itemsArgs; // arguments may be items and [sections]
};

constexpr FunctionSpec kFunctions[] = {
    {"sum", 1, -1, true},
    {"avg", 1, -1, true},
    {"min", 1, -1, true},
    {"max", 1, -1, true},
    {"applicable", 1, -1, true},
    {"answered", 1, -1, true},
    {"compliant", 1, -1, true},
    {"rate", 1, -1, true},
    {"ratio", 2, 2, false},
    {"if", 3, 3, false},
    {"abs", 1, 1, false},
    {"survey_rate", 0, 0, false},
    {"survey_valid", 0, 0, false},
    {"survey_satisfied", 0, 0, false},
    {"survey_responses", 0, 0, false},
    {"survey_mean", 1, 1, false},
};

const FunctionSpec *findFunction(std::string_view name)
{
    for (const auto &f : kFunctions)
        if (f.name == name)
            return &f;
    return nullptr;
}

class Parser
{
public:
    explicit Parser(std::string_view s)
        : m_s(s)
    {
    }

    Result<NodePtr> parseAll()
    {
        auto node = parseOr(0);
        if (!node)
            return node;
        skipSpace();
        if (m_pos < m_s.size())
            return fail("unexpected '" + std::string(1, m_s[m_pos]) + "'");
        return node;
    }

private:
    Error fail(const std::string &what) const
    {
        return makeError(ErrorCode::InvalidExpression, "at character " + std::to_string(m_pos + 1) + ": " + what);
    }
    void skipSpace()
    {
        while (m_pos < m_s.size() && std::isspace(static_cast<unsigned char>(m_s[m_pos])))
            ++m_pos;
    }
    bool eat(std::string_view tok)
    {
        skipSpace();
        if (m_s.substr(m_pos, tok.size()) == tok) {
            m_pos += tok.size();
            return true;
        }
        return false;
    }
    bool eatWord(std::string_view word)
    {
        skipSpace();
        if (m_s.substr(m_pos, word.size()) != word)
            return false;
        const std::size_t end = m_pos + word.size();
        if (end < m_s.size() && (std::isalnum(static_cast<unsigned char>(m_s[end])) || m_s[end] == '_' || m_s[end] == '.'))
            return false;
        m_pos = end;
        return true;
    }
    static NodePtr binary(std::string op, NodePtr a, NodePtr b)
    {
        auto n = std::make_shared<ExprNode>();
        n->kind = NodeKind::Binary;
        n->text = std::move(op);
        n->args = {std::move(a), std::move(b)};
        return n;
    }

    Result<NodePtr> parseOr(int depth)
    {
        if (depth > kMaxDepth)
            return fail("expression nested too deeply");
        auto left = parseAnd(depth + 1);
        if (!left)
            return left;
        NodePtr node = left.value();
        while (eatWord("or")) {
            auto right = parseAnd(depth + 1);
            if (!right)
                return right;
            node = binary("or", node, right.value());
        }
        return node;
    }
    Result<NodePtr> parseAnd(int depth)
    {
        auto left = parseNot(depth + 1);
        if (!left)
            return left;
        NodePtr node = left.value();
        while (eatWord("and")) {
            auto right = parseNot(depth + 1);
            if (!right)
                return right;
            node = binary("and", node, right.value());
        }
        return node;
    }
    Result<NodePtr> parseNot(int depth)
    {
        if (depth > kMaxDepth)
            return fail("expression nested too deeply");
        if (eatWord("not")) {
            auto inner = parseNot(depth + 1);
            if (!inner)
                return inner;
            auto n = std::make_shared<ExprNode>();
            n->kind = NodeKind::Unary;
            n->text = "not";
            n->args = {inner.value()};
            return NodePtr(n);
        }
        return parseCompare(depth + 1);
    }
    Result<NodePtr> parseCompare(int depth)
    {
        auto left = parseAdd(depth + 1);
        if (!left)
            return left;
        static constexpr std::string_view ops[] = {"<=", ">=", "==", "!=", "<", ">"};
        for (auto op : ops) {
            if (eat(op)) {
                auto right = parseAdd(depth + 1);
                if (!right)
                    return right;
                return binary(std::string(op), left.value(), right.value());
            }
        }
        return left;
    }
    Result<NodePtr> parseAdd(int depth)
    {
        auto left = parseMul(depth + 1);
        if (!left)
            return left;
        NodePtr node = left.value();
        for (;;) {
            skipSpace();
            if (m_pos < m_s.size() && (m_s[m_pos] == '+' || m_s[m_pos] == '-')) {
                std::string op(1, m_s[m_pos++]);
                auto right = parseMul(depth + 1);
                if (!right)
                    return right;
                node = binary(op, node, right.value());
            } else {
                return node;
            }
        }
    }
    Result<NodePtr> parseMul(int depth)
    {
        auto left = parseUnary(depth + 1);
        if (!left)
            return left;
        NodePtr node = left.value();
        for (;;) {
            skipSpace();
            if (m_pos < m_s.size() && (m_s[m_pos] == '*' || m_s[m_pos] == '/')) {
                std::string op(1, m_s[m_pos++]);
                auto right = parseUnary(depth + 1);
                if (!right)
                    return right;
                node = binary(op, node, right.value());
            } else {
                return node;
            }
        }
    }
    Result<NodePtr> parseUnary(int depth)
    {
        if (depth > kMaxDepth)
            return fail("expression nested too deeply");
        if (eat("-")) {
            auto inner = parseUnary(depth + 1);
            if (!inner)
                return inner;
            auto n = std::make_shared<ExprNode>();
            n->kind = NodeKind::Unary;
            n->text = "-";
            n->args = {inner.value()};
            return NodePtr(n);
        }
        return parsePrimary(depth + 1);
    }
    std::string readName()
    {
        const std::size_t start = m_pos;
        while (m_pos < m_s.size()
            && (std::isalnum(static_cast<unsigned char>(m_s[m_pos])) || m_s[m_pos] == '_' || m_s[m_pos] == '.' || m_s[m_pos] == '-'))
            ++m_pos;
        return std::string(m_s.substr(start, m_pos - start));
    }
    Result<NodePtr> parsePrimary(int depth)
    {
        skipSpace();
        if (m_pos >= m_s.size())
            return fail("expression ends too early");
        const char c = m_s[m_pos];
        if (c == '(') {
            ++m_pos;
            auto inner = parseOr(depth + 1);
            if (!inner)
                return inner;
            if (!eat(")"))
                return fail("missing ')'");
            return inner;
        }
        if (c == '[') {
            ++m_pos;
            skipSpace();
            std::string id = readName();
            if (id.empty())
                return fail("expected a section id after '['");
            if (!eat("]"))
                return fail("missing ']' after section id");
            auto n = std::make_shared<ExprNode>();
            n->kind = NodeKind::Section;
            n->text = std::move(id);
            return NodePtr(n);
        }
        if (std::isdigit(static_cast<unsigned char>(c)) || c == '.') {
            const std::size_t start = m_pos;
            while (m_pos < m_s.size() && (std::isdigit(static_cast<unsigned char>(m_s[m_pos])) || m_s[m_pos] == '.'))
                ++m_pos;
            const std::string digits(m_s.substr(start, m_pos - start));
            if (std::count(digits.begin(), digits.end(), '.') > 1 || digits == ".")
                return fail("malformed number '" + digits + "'");
            auto n = std::make_shared<ExprNode>();
            n->kind = NodeKind::Number;
            n->number = std::strtod(digits.c_str(), nullptr);
            if (eat("%"))
                n->number /= 100.0;
            return NodePtr(n);
        }
        if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
            std::string name = readName();
            if (name == "and" || name == "or" || name == "not")
                return fail("'" + name + "' needs a value before it");
            if (eat("(")) {
                const FunctionSpec *spec = findFunction(name);
                if (!spec)
                    return fail("unknown function '" + name + "' (known: " + expressionFunctionList() + ")");
                auto n = std::make_shared<ExprNode>();
                n->kind = NodeKind::Call;
                n->text = name;
                if (!eat(")")) {
                    for (;;) {
                        auto arg = parseOr(depth + 1);
                        if (!arg)
                            return arg;
                        if (!spec->itemsArgs && arg.value()->kind == NodeKind::Section)
                            return fail("function '" + name + "' does not take a [section]");
                        n->args.push_back(arg.value());
                        if (eat(")"))
                            break;
                        if (!eat(","))
                            return fail("expected ',' or ')' in call to '" + name + "'");
                        if (n->args.size() > 256)
                            return fail("too many arguments to '" + name + "'");
                    }
                }
                const int count = static_cast<int>(n->args.size());
                if (count < spec->minArgs || (spec->maxArgs >= 0 && count > spec->maxArgs)) {
                    std::string expected = spec->maxArgs < 0 ? "at least " + std::to_string(spec->minArgs)
                        : spec->minArgs == spec->maxArgs     ? std::to_string(spec->minArgs)
                                                             : std::to_string(spec->minArgs) + " to " + std::to_string(spec->maxArgs);
                    return fail("function '" + name + "' takes " + expected + " argument(s), got " + std::to_string(count));
                }
                if (name == "survey_mean" && n->args[0]->kind != NodeKind::Name)
                    return fail("survey_mean() takes a question id");
                return NodePtr(n);
            }
            auto n = std::make_shared<ExprNode>();
            n->kind = NodeKind::Name;
            n->text = std::move(name);
            return NodePtr(n);
        }
        return fail("unexpected '" + std::string(1, c) + "'");
    }

    std::string_view m_s;
    std::size_t m_pos = 0;
};

ExprValue eval(const ExprNode &n, const ExpressionEnv &env);

ExprValue evalCall(const ExprNode &n, const ExpressionEnv &env)
{
    const std::string &f = n.text;
    if (f == "ratio") {
        auto a = eval(*n.args[0], env), b = eval(*n.args[1], env);
        if (!a || !b || *b == 0)
            return std::nullopt;
        return *a / *b;
    }
    if (f == "if") {
        auto c = eval(*n.args[0], env);
        if (!c)
            return std::nullopt;
        return *c != 0 ? eval(*n.args[1], env) : eval(*n.args[2], env);
    }
    if (f == "abs") {
        auto a = eval(*n.args[0], env);
        return a ? ExprValue(std::fabs(*a)) : std::nullopt;
    }
    if (f.rfind("survey_", 0) == 0)
        return env.survey(f, n.args.empty() ? std::string_view() : std::string_view(n.args[0]->text));

    // Aggregates over items and scalars.
    std::vector<double> values;
    int applicable = 0, answered = 0, compliant = 0;
    bool incomplete = false;
    for (const auto &arg : n.args) {
        std::vector<std::string> ids;
        if (arg->kind == NodeKind::Section)
            ids = env.sectionItems(arg->text);
        else if (arg->kind == NodeKind::Name && env.item(arg->text).exists)
            ids.push_back(arg->text);
        else {
            auto v = eval(*arg, env);
            if (!v)
                incomplete = true;
            else {
                values.push_back(*v);
                ++applicable;
                ++answered;
            }
            continue;
        }
        for (const auto &id : ids) {
            const ItemFacts facts = env.item(id);
            if (facts.notApplicable)
                continue;
            ++applicable;
            if (!facts.answered) {
                incomplete = true;
                continue;
            }
            ++answered;
            if (facts.isCheck && facts.compliant)
                ++compliant;
            if (facts.number)
                values.push_back(*facts.number);
        }
    }
    if (f == "applicable")
        return applicable;
    if (f == "answered")
        return answered;
    if (f == "compliant")
        return incomplete ? ExprValue() : ExprValue(compliant);
    if (f == "rate") {
        if (incomplete || applicable == 0)
            return std::nullopt;
        return static_cast<double>(compliant) / applicable;
    }
    if (incomplete || values.empty())
        return f == "sum" && !incomplete ? ExprValue(0.0) : std::nullopt;
    if (f == "sum") {
        double s = 0;
        for (double v : values)
            s += v;
        return s;
    }
    if (f == "avg") {
        double s = 0;
        for (double v : values)
            s += v;
        return s / static_cast<double>(values.size());
    }
    if (f == "min")
        return *std::min_element(values.begin(), values.end());
    if (f == "max")
        return *std::max_element(values.begin(), values.end());
    return std::nullopt;
}

ExprValue eval(const ExprNode &n, const ExpressionEnv &env)
{
    switch (n.kind) {
    case NodeKind::Number:
        return n.number;
    case NodeKind::Section:
        return std::nullopt; // only meaningful as a function argument (rejected elsewhere by the parser)
    case NodeKind::Name: {
        const ItemFacts facts = env.item(n.text);
        if (facts.exists)
            return facts.answered && !facts.notApplicable ? facts.number : std::nullopt;
        auto named = env.named(n.text);
        return named ? *named : std::nullopt;
    }
    case NodeKind::Unary: {
        auto a = eval(*n.args[0], env);
        if (!a)
            return std::nullopt;
        return n.text == "-" ? -*a : (*a == 0 ? 1.0 : 0.0);
    }
    case NodeKind::Binary: {
        const std::string &op = n.text;
        if (op == "and" || op == "or") {
            auto a = eval(*n.args[0], env);
            // Short-circuit where the answer is already known, even with a missing other side.
            if (a && op == "and" && *a == 0)
                return 0.0;
            if (a && op == "or" && *a != 0)
                return 1.0;
            auto b = eval(*n.args[1], env);
            if (b && op == "and" && *b == 0)
                return 0.0;
            if (b && op == "or" && *b != 0)
                return 1.0;
            if (!a || !b)
                return std::nullopt;
            return op == "and" ? 1.0 : 0.0;
        }
        auto a = eval(*n.args[0], env), b = eval(*n.args[1], env);
        if (!a || !b)
            return std::nullopt;
        constexpr double eps = 1e-9;
        if (op == "+")
            return *a + *b;
        if (op == "-")
            return *a - *b;
        if (op == "*")
            return *a * *b;
        if (op == "/")
            return *b == 0 ? std::nullopt : ExprValue(*a / *b);
        if (op == "<")
            return *a < *b - eps ? 1.0 : 0.0;
        if (op == "<=")
            return *a <= *b + eps ? 1.0 : 0.0;
        if (op == ">")
            return *a > *b + eps ? 1.0 : 0.0;
        if (op == ">=")
            return *a >= *b - eps ? 1.0 : 0.0;
        if (op == "==")
            return std::fabs(*a - *b) <= eps ? 1.0 : 0.0;
        if (op == "!=")
            return std::fabs(*a - *b) > eps ? 1.0 : 0.0;
        return std::nullopt;
    }
    case NodeKind::Call:
        return evalCall(n, env);
    }
    return std::nullopt;
}

void collect(const ExprNode &n, NodeKind kind, std::set<std::string> &out, bool surveyArgs)
{
    if (n.kind == NodeKind::Call && n.text == "survey_mean") {
        if (surveyArgs)
            out.insert(n.args[0]->text);
        return; // its argument is a question id, not a value
    }
    if (!surveyArgs && n.kind == kind)
        out.insert(n.text);
    for (const auto &a : n.args)
        collect(*a, kind, out, surveyArgs);
}

} // namespace

Result<Expression> Expression::parse(std::string_view source)
{
    if (source.size() > kMaxLength)
        return makeError(ErrorCode::InvalidExpression, "formula longer than " + std::to_string(kMaxLength) + " characters");
    if (source.find_first_not_of(" \t\r\n") == std::string_view::npos)
        return makeError(ErrorCode::InvalidExpression, "formula is empty");
    Parser parser(source);
    auto root = parser.parseAll();
    if (!root)
        return root.error();
    Expression e;
    e.m_root = root.value();
    e.m_source = std::string(source);
    return e;
}

ExprValue Expression::evaluate(const ExpressionEnv &env) const
{
    if (!m_root)
        return std::nullopt;
    auto v = eval(*m_root, env);
    if (v && !std::isfinite(*v))
        return std::nullopt;
    return v;
}

std::vector<std::string> Expression::identifiers() const
{
    std::set<std::string> out;
    if (m_root)
        collect(*m_root, NodeKind::Name, out, false);
    return {out.begin(), out.end()};
}

std::vector<std::string> Expression::sections() const
{
    std::set<std::string> out;
    if (m_root)
        collect(*m_root, NodeKind::Section, out, false);
    return {out.begin(), out.end()};
}

std::vector<std::string> Expression::surveyQuestions() const
{
    std::set<std::string> out;
    if (m_root)
        collect(*m_root, NodeKind::Name, out, true);
    return {out.begin(), out.end()};
}

std::string expressionFunctionList()
{
    std::string out;
    for (const auto &f : kFunctions) {
        if (!out.empty())
            out += ", ";
        out += f.name;
    }
    return out;
}

} // namespace careeval
