#include "jsonutil.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace careeval {

const char *errorCodeName(ErrorCode code)
{
    switch (code) {
    case ErrorCode::InvalidJson:
        return "invalid_json";
    case ErrorCode::InvalidTemplate:
        return "invalid_template";
    case ErrorCode::InvalidOperation:
        return "invalid_operation";
    case ErrorCode::InvalidExpression:
        return "invalid_expression";
    case ErrorCode::InvalidArgument:
        return "invalid_argument";
    case ErrorCode::NotFound:
        return "not_found";
    case ErrorCode::Io:
        return "io_error";
    case ErrorCode::Database:
        return "database_error";
    }
    return "unknown";
}

namespace {

// Builds the document in one pass while limiting nesting and remembering where a syntax error is:
// a hostile document is rejected before anything recursive (printing, comparing, freeing) meets it.
// (It once ran as a separate checking pass before the parse: a third of the server's time on a push.)
class LimitedDom : public nlohmann::detail::json_sax_dom_parser<json>
{
public:
    LimitedDom(json &root, int maxDepth)
        : nlohmann::detail::json_sax_dom_parser<json>(root, false)
        , m_maxDepth(maxDepth)
    {
    }
    bool start_object(std::size_t n) { return enter() && nlohmann::detail::json_sax_dom_parser<json>::start_object(n); }
    bool end_object()
    {
        --m_depth;
        return nlohmann::detail::json_sax_dom_parser<json>::end_object();
    }
    bool start_array(std::size_t n) { return enter() && nlohmann::detail::json_sax_dom_parser<json>::start_array(n); }
    bool end_array()
    {
        --m_depth;
        return nlohmann::detail::json_sax_dom_parser<json>::end_array();
    }
    template <class Exception> bool parse_error(std::size_t position, const std::string &, const Exception &ex)
    {
        m_errorPosition = position;
        m_reason = ex.what();
        return false;
    }

    std::size_t errorPosition() const { return m_errorPosition; }
    const std::string &reason() const { return m_reason; }
    bool tooDeep() const { return m_tooDeep; }

private:
    bool enter()
    {
        if (++m_depth > m_maxDepth) {
            m_tooDeep = true;
            return false;
        }
        return true;
    }
    int m_maxDepth;
    int m_depth = 0;
    bool m_tooDeep = false;
    std::size_t m_errorPosition = 0;
    std::string m_reason;
};

std::string location(std::string_view text, std::size_t position)
{
    std::size_t line = 1, column = 1;
    const std::size_t end = std::min(position == 0 ? 0 : position - 1, text.size());
    for (std::size_t i = 0; i < end; ++i) {
        if (text[i] == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

// nlohmann's what() reads "[json.exception.parse_error.101] parse error at line 1, column 3: syntax
// error while parsing value - invalid literal; last read: 'tru,'". Keep the part after the location.
std::string shortReason(const std::string &what)
{
    auto pos = what.find(": ");
    std::string reason = pos == std::string::npos ? what : what.substr(pos + 2);
    if (reason.size() > 200)
        reason = reason.substr(0, 200) + "…";
    return reason;
}

} // namespace

Result<json> parseJson(std::string_view text, int maxDepth)
{
    json value;
    LimitedDom dom(value, maxDepth);
    const bool ok = json::sax_parse(text.begin(), text.end(), &dom, json::input_format_t::json, true, false);
    if (dom.tooDeep())
        return makeError(ErrorCode::InvalidJson, "JSON nested deeper than " + std::to_string(maxDepth) + " levels");
    if (!ok) {
        if (text.find_first_not_of(" \t\r\n") == std::string_view::npos)
            return makeError(ErrorCode::InvalidJson, "empty document");
        return makeError(ErrorCode::InvalidJson, location(text, dom.errorPosition()) + ": " + shortReason(dom.reason()));
    }
    return value;
}

namespace {

// Numbers compare by value: 1, 1.0 and 1e0 are the same answer from two tablets. Integral floats
// within the exactly representable range become integers; everything else is left as it is.
void normalizeNumbers(json &v)
{
    if (v.is_number_float()) {
        const double d = v.get<double>();
        if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) <= 9007199254740992.0)
            v = static_cast<std::int64_t>(d);
    } else if (v.is_number_unsigned()) {
        const auto u = v.get<std::uint64_t>();
        if (u <= static_cast<std::uint64_t>(INT64_MAX))
            v = static_cast<std::int64_t>(u);
    } else if (v.is_structured()) {
        for (auto &e : v)
            normalizeNumbers(e);
    }
}

bool needsNormalizing(const json &v)
{
    if (v.is_number_float() || v.is_number_unsigned())
        return true;
    if (v.is_structured())
        for (const auto &e : v)
            if (needsNormalizing(e))
                return true;
    return false;
}

} // namespace

std::string canonicalJson(const json &value)
{
    if (!needsNormalizing(value))
        return value.dump(-1, ' ', false, json::error_handler_t::replace);
    json copy = value;
    normalizeNumbers(copy);
    return copy.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string jsonPointer(const std::string &base, std::string_view key)
{
    std::string out = base;
    out += '/';
    for (char c : key) {
        if (c == '~')
            out += "~0";
        else if (c == '/')
            out += "~1";
        else
            out += c;
    }
    return out;
}

std::string jsonPointer(const std::string &base, std::size_t index)
{
    return base + "/" + std::to_string(index);
}

const char *jsonTypeName(const json &value)
{
    switch (value.type()) {
    case json::value_t::null:
        return "null";
    case json::value_t::boolean:
        return "boolean";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
    case json::value_t::number_float:
        return "number";
    case json::value_t::string:
        return "string";
    case json::value_t::array:
        return "array";
    case json::value_t::object:
        return "object";
    default:
        return "value";
    }
}

bool validUtf8(std::string_view text)
{
    std::size_t i = 0;
    while (i < text.size()) {
        const auto c = static_cast<unsigned char>(text[i]);
        std::size_t n = 0;
        std::uint32_t cp = 0;
        if (c < 0x80) {
            ++i;
            continue;
        } else if ((c & 0xE0) == 0xC0) {
            n = 1;
            cp = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            n = 2;
            cp = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            n = 3;
            cp = c & 0x07;
        } else {
            return false;
        }
        if (i + n >= text.size()) // the sequence runs past the end
            return false;
        for (std::size_t k = 1; k <= n; ++k) {
            const auto d = static_cast<unsigned char>(text[i + k]);
            if ((d & 0xC0) != 0x80)
                return false;
            cp = (cp << 6) | (d & 0x3F);
        }
        static constexpr std::uint32_t minimum[] = {0, 0x80, 0x800, 0x10000};
        if (cp < minimum[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        i += n + 1;
    }
    return true;
}

std::size_t utf8CharLength(std::string_view text, std::size_t at)
{
    if (at >= text.size())
        return 0;
    const auto c = static_cast<unsigned char>(text[at]);
    const std::size_t len = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
    return at + len <= text.size() && validUtf8(text.substr(at, len)) ? len : 0;
}

bool plainString(std::string_view inner)
{
    bool ascii = true;
    for (const char ch : inner) {
        const auto c = static_cast<unsigned char>(ch);
        if (c == '"' || c == '\\' || c < 0x20)
            return false;
        ascii = ascii && c < 0x80;
    }
    return ascii || validUtf8(inner);
}

PlainValue plainValue(std::string_view text)
{
    if (text.size() >= 2 && text.front() == '"' && text.back() == '"')
        return plainString(text.substr(1, text.size() - 2)) ? PlainValue::Text : PlainValue::Other;
    const std::string_view digits = !text.empty() && text.front() == '-' ? text.substr(1) : text;
    if (digits.empty() || digits.size() > 15 || (digits.front() == '0' && (digits.size() > 1 || digits.size() < text.size())))
        return PlainValue::Other; // no digits, too many for an exact integer, a leading zero, or "-0"
    return std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }) ? PlainValue::Number : PlainValue::Other;
}

} // namespace careeval
