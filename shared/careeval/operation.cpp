#include "operation.h"

#include "jsonutil.h"
#include "rules.h"

#include <chrono>
#include <cstring>
#include <random>

namespace careeval {

namespace {

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

constexpr std::string_view kKindNames[kOpKindCount] = {"set", "clear", "note", "photo.attach", "photo.detach", "sample.draw",
    "respondent.status", "survey.add", "survey.replace", "survey.withdraw", "finding.add", "finding.edit", "finding.close", "resolve",
    "step.status", "submit", "approve", "return", "lock", "sample.close"};

using limits::kMaxNameLength;
using limits::kMaxTargetLength;

// The longest text anywhere inside a value, in characters; "" when all fit.
std::optional<std::string> longText(const json &v)
{
    if (v.is_string()) {
        const std::size_t n = utf8Length(v.get_ref<const std::string &>());
        if (n > limits::kMaxTextChars)
            return "text of " + std::to_string(n) + " characters is longer than the limit of " + std::to_string(limits::kMaxTextChars);
        return std::nullopt;
    }
    if (v.is_structured())
        for (const auto &e : v)
            if (auto why = longText(e))
                return why;
    return std::nullopt;
}

bool isSha256(const json &v)
{
    if (!v.is_string())
        return false;
    const auto &s = v.get_ref<const std::string &>();
    return s.size() == 64 && std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

std::string fieldError(const std::string &field, const std::string &what)
{
    return "operation field \"" + field + "\": " + what;
}

// Shape of the value each kind carries. Template-level checks (is this a valid score for that item?)
// are made by merge, which knows the template; these are the checks that hold for any template.
std::optional<std::string> checkValue(OpKind kind, const json &v)
{
    auto needObject = [&]() -> std::optional<std::string> {
        if (!v.is_object())
            return std::string("must be an object, found ") + jsonTypeName(v);
        return std::nullopt;
    };
    auto optionalString = [&](const char *key) -> std::optional<std::string> {
        auto it = v.find(key);
        if (it != v.end() && !it->is_string())
            return std::string("\"") + key + "\" must be a string";
        return std::nullopt;
    };
    switch (kind) {
    case OpKind::Set:
        if (v.is_null())
            return std::string("must not be null (use a clear operation)");
        return std::nullopt;
    case OpKind::Clear:
        return std::nullopt;
    case OpKind::Note:
        if (!v.is_string() || v.get_ref<const std::string &>().empty())
            return std::string("must be non-empty text");
        return std::nullopt;
    case OpKind::PhotoAttach:
        if (auto e = needObject())
            return e;
        if (!isSha256(v.value("sha256", json())))
            return std::string("\"sha256\" must be 64 lower-case hex digits");
        if (auto e = optionalString("caption"))
            return e;
        if (v.contains("thumb") && !isSha256(v["thumb"]))
            return std::string("\"thumb\" must be 64 lower-case hex digits");
        return std::nullopt;
    case OpKind::PhotoDetach:
    case OpKind::SurveyReplace:
    case OpKind::SurveyWithdraw:
        if (auto e = needObject())
            return e;
        if (kind == OpKind::PhotoDetach
            && (!v.contains("attach") || !v["attach"].is_string() || !Uuid::parse(v["attach"].get<std::string>())))
            return std::string("\"attach\" must be the id of the photo.attach operation");
        if (kind == OpKind::SurveyReplace && (!v.contains("answers") || !v["answers"].is_object()))
            return std::string("\"answers\" must be an object of question → answer");
        return std::nullopt;
    case OpKind::SampleDraw: {
        if (auto e = needObject())
            return e;
        for (const char *k : {"seed", "population", "k"})
            if (!v.contains(k) || !v[k].is_number_integer() || v[k].get<std::int64_t>() < 0)
                return std::string("\"") + k + "\" must be a non-negative whole number";
        if (v["population"].get<std::int64_t>() > 100000 || v["k"].get<std::int64_t>() > v["population"].get<std::int64_t>())
            return std::string("\"k\" must be at most \"population\", and population at most 100000");
        return optionalString("source");
    }
    case OpKind::RespondentStatus: {
        if (auto e = needObject())
            return e;
        const std::string s = v.value("status", json()).is_string() ? v["status"].get<std::string>() : "";
        if (s != "done" && s != "proxy" && s != "refused" && s != "unable" && s != "todo")
            return std::string("\"status\" must be todo, done, proxy, refused or unable");
        return std::nullopt;
    }
    case OpKind::SurveyAdd:
        if (auto e = needObject())
            return e;
        if (!v.contains("answers") || !v["answers"].is_object())
            return std::string("\"answers\" must be an object of question → answer");
        return std::nullopt;
    case OpKind::FindingAdd:
        if (auto e = needObject())
            return e;
        if (!v.contains("title") || !v["title"].is_string() || v["title"].get_ref<const std::string &>().empty())
            return std::string("\"title\" must be non-empty text");
        return std::nullopt;
    case OpKind::FindingEdit:
        if (auto e = needObject())
            return e;
        if (v.empty())
            return std::string("must name at least one field to change");
        return std::nullopt;
    case OpKind::FindingClose:
    case OpKind::Submit:
    case OpKind::Approve:
    case OpKind::Lock:
        if (!v.is_null() && !v.is_object())
            return std::string("must be an object or null");
        if (v.is_object()) {
            if (auto e = optionalString("comment"))
                return e;
            if (auto e = optionalString("reason"))
                return e;
        }
        return std::nullopt;
    case OpKind::SampleClose:
        if (auto e = needObject())
            return e;
        if (!v.contains("reason") || !v["reason"].is_string() || v["reason"].get_ref<const std::string &>().empty())
            return std::string("\"reason\" must say why the sample is closed short");
        return std::nullopt;
    case OpKind::Return:
        if (auto e = needObject())
            return e;
        if (!v.contains("comment") || !v["comment"].is_string() || v["comment"].get_ref<const std::string &>().empty())
            return std::string("\"comment\" must say why the inspection is returned");
        return std::nullopt;
    case OpKind::Resolve:
        if (auto e = needObject())
            return e;
        if (!v.contains("value") || v["value"].is_null())
            return std::string("\"value\" (the chosen or entered value) is required");
        if (!v.contains("reason") || !v["reason"].is_string() || v["reason"].get_ref<const std::string &>().empty())
            return std::string("\"reason\" must say why this value was chosen");
        if (!v.contains("covers") || !v["covers"].is_array())
            return std::string("\"covers\" must list the operation ids of the conflicting values");
        for (const auto &c : v["covers"])
            if (!c.is_string() || !Uuid::parse(c.get<std::string>()))
                return std::string("\"covers\" must contain operation ids");
        return std::nullopt;
    case OpKind::StepStatus: {
        if (auto e = needObject())
            return e;
        const std::string s = v.value("status", json()).is_string() ? v["status"].get<std::string>() : "";
        if (s != "todo" && s != "in_progress" && s != "done")
            return std::string("\"status\" must be todo, in_progress or done");
        return optionalString("owner");
    }
    }
    return std::nullopt;
}

bool targetRequired(OpKind kind)
{
    switch (kind) {
    case OpKind::Submit:
    case OpKind::Approve:
    case OpKind::Return:
    case OpKind::Lock:
        return false;
    default:
        return true;
    }
}

} // namespace

std::optional<Uuid> Uuid::parse(std::string_view text)
{
    if (text.size() != 36)
        return std::nullopt;
    Uuid u;
    std::size_t b = 0;
    for (std::size_t i = 0; i < 36;) {
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (text[i] != '-')
                return std::nullopt;
            ++i;
            continue;
        }
        const int hi = hexValue(text[i]), lo = hexValue(text[i + 1]);
        if (hi < 0 || lo < 0)
            return std::nullopt;
        u.bytes[b++] = static_cast<std::uint8_t>(hi * 16 + lo);
        i += 2;
    }
    return u;
}

// Version 7 (RFC 9562): 48 bits of Unix milliseconds, then random bits. Ids made one after another sort
// one after another, so the stores' unique index on ids grows at its right edge instead of touching
// a random page per insert (which made every 100-operation push rewrite ~100 index pages).
Uuid Uuid::generate()
{
    thread_local std::mt19937_64 rng([] {
        std::random_device rd;
        std::seed_seq seq {rd(), rd(), rd(), rd(), static_cast<unsigned>(std::chrono::steady_clock::now().time_since_epoch().count())};
        return std::mt19937_64(seq);
    }());
    Uuid u;
    const auto ms = static_cast<std::uint64_t>(nowMillis());
    for (int i = 0; i < 6; ++i)
        u.bytes[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(ms >> (40 - 8 * i));
    const std::uint64_t a = rng(), b = rng();
    std::memcpy(u.bytes.data() + 6, &a, 2);
    std::memcpy(u.bytes.data() + 8, &b, 8);
    u.bytes[6] = static_cast<std::uint8_t>((u.bytes[6] & 0x0F) | 0x70);
    u.bytes[8] = static_cast<std::uint8_t>((u.bytes[8] & 0x3F) | 0x80);
    return u;
}

std::array<char, 36> Uuid::chars() const
{
    static const char *hex = "0123456789abcdef";
    std::array<char, 36> s;
    std::size_t at = 0;
    for (std::size_t i = 0; i < 16; ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            s[at++] = '-';
        s[at++] = hex[bytes[i] >> 4];
        s[at++] = hex[bytes[i] & 15];
    }
    return s;
}

std::string Uuid::toString() const
{
    const auto s = chars();
    return std::string(s.data(), s.size());
}

bool Uuid::isNil() const
{
    return std::all_of(bytes.begin(), bytes.end(), [](std::uint8_t b) { return b == 0; });
}

std::size_t UuidHash::operator()(const Uuid &u) const noexcept
{
    std::uint64_t a, b;
    std::memcpy(&a, u.bytes.data(), 8);
    std::memcpy(&b, u.bytes.data() + 8, 8);
    return static_cast<std::size_t>(a ^ (b * 0x9E3779B97F4A7C15ull));
}

std::string_view toString(OpKind kind)
{
    return kKindNames[static_cast<int>(kind)];
}

std::optional<OpKind> opKindFromString(std::string_view s)
{
    for (int i = 0; i < kOpKindCount; ++i)
        if (kKindNames[i] == s)
            return static_cast<OpKind>(i);
    return std::nullopt;
}

bool Operation::before(const Operation &a, const Operation &b)
{
    if (a.clock != b.clock)
        return a.clock < b.clock;
    if (int c = a.author.compare(b.author))
        return c < 0;
    if (int c = a.device.compare(b.device))
        return c < 0;
    return a.id < b.id;
}

namespace {

// The checks of every field but the value, shared by operations read from JSON and made in memory.
std::optional<std::string> checkFields(const Operation &op)
{
    auto text = [](const char *key, const std::string &v, std::size_t maxLen, bool required) -> std::optional<std::string> {
        if (required && v.empty())
            return fieldError(key, v.empty() ? "is missing" : "must not be empty");
        if (v.size() > maxLen)
            return fieldError(key, "longer than " + std::to_string(maxLen) + " characters");
        if (std::any_of(v.begin(), v.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20; }))
            return fieldError(key, "contains control characters");
        return std::nullopt;
    };
    if (op.id.isNil())
        return fieldError("id", "\"" + op.id.toString() + "\" is not a UUID");
    if (auto e = text("inspection", op.inspection, kMaxNameLength, true))
        return e;
    if (auto e = text("author", op.author, kMaxNameLength, true))
        return e;
    if (auto e = text("device", op.device, kMaxNameLength, true))
        return e;
    if (auto e = text("target", op.target, kMaxTargetLength, targetRequired(op.kind)))
        return e;
    if (op.clock < 1 || op.clock > limits::kMaxClock)
        return fieldError("clock", "must be a whole number from 1 to 2^53");
    if (op.time < 0)
        return fieldError("time", "must be milliseconds since 1970 (a whole number)");
    return std::nullopt;
}

std::optional<std::string> checkValueAndSize(const Operation &op, const json &v, const std::string &canonical)
{
    if (auto e = checkValue(op.kind, v))
        return fieldError("value", *e);
    if (canonical.size() > limits::kMaxValueBytes) {
        if (auto why = longText(v)) // the reason a person can act on
            return fieldError("value", *why);
        return fieldError("value", "larger than 64 KiB");
    }
    return std::nullopt;
}

// checkValueAndSize and longText for a value whose text is plain (plainValue), judged without a
// parser: nothing when it must be parsed to be judged (any other text; a kind whose value is an
// object; a short note's refusal, which the parser's path explains).
std::optional<std::optional<std::string>> checkPlainValue(OpKind kind, std::string_view text)
{
    const PlainValue plain = plainValue(text);
    if (plain == PlainValue::Other || text.size() > limits::kMaxTextChars) // no more characters than bytes
        return std::nullopt;
    const bool fits
        = kind == OpKind::Set || kind == OpKind::Clear || (kind == OpKind::Note && plain == PlainValue::Text && text.size() > 2);
    return fits ? std::optional<std::optional<std::string>>(std::optional<std::string>()) : std::nullopt;
}

// operationFromJson's type and length rules for the text fields (checkFields does the rest).
bool admissibleFields(const Operation &op)
{
    auto fits = [](const std::string &v, std::size_t maxLen, bool required) { return v.size() <= maxLen && !(required && v.empty()); };
    return !op.id.isNil() && fits(op.inspection, kMaxNameLength, true) && fits(op.author, kMaxNameLength, true)
        && fits(op.device, kMaxNameLength, true) && fits(op.target, kMaxTargetLength, targetRequired(op.kind)) && op.clock >= 1
        && op.time >= 0 && !checkFields(op);
}

} // namespace

std::optional<std::string> checkShape(const Operation &op)
{
    if (auto e = checkFields(op))
        return e;
    if (auto plain = checkPlainValue(op.kind, op.value))
        return *plain;
    const json v = json::parse(op.value, nullptr, false);
    if (v.is_discarded())
        return fieldError("value", "is not valid JSON");
    if (auto e = checkValueAndSize(op, v, op.value))
        return e;
    // Admission only: what was stored under an older, looser limit still reads (operationFromJson).
    if (auto why = longText(v))
        return fieldError("value", *why);
    return std::nullopt;
}

Result<Operation> operationFromJson(const json &o)
{
    if (!o.is_object())
        return makeError(ErrorCode::InvalidOperation, std::string("an operation must be a JSON object, found ") + jsonTypeName(o));
    Operation op;
    // Types first (a missing or mistyped field), then the shared field rules.
    auto str = [&](const char *key, std::size_t maxLen, std::string &out, bool required = true) -> std::optional<Error> {
        auto it = o.find(key);
        if (it == o.end() || it->is_null())
            return std::nullopt;
        if (!it->is_string())
            return makeError(ErrorCode::InvalidOperation, fieldError(key, std::string("must be a string, found ") + jsonTypeName(*it)));
        if (required && it->get_ref<const std::string &>().empty())
            return makeError(ErrorCode::InvalidOperation, fieldError(key, "must not be empty"));
        if (it->get_ref<const std::string &>().size() > maxLen)
            return makeError(ErrorCode::InvalidOperation, fieldError(key, "longer than " + std::to_string(maxLen) + " characters"));
        out = it->get<std::string>();
        return std::nullopt;
    };
    std::string id, kind;
    if (auto e = str("id", 64, id))
        return *e;
    if (id.empty())
        return makeError(ErrorCode::InvalidOperation, fieldError("id", "is missing"));
    auto uuid = Uuid::parse(id);
    if (!uuid || uuid->isNil())
        return makeError(ErrorCode::InvalidOperation, fieldError("id", "\"" + id + "\" is not a UUID"));
    op.id = *uuid;
    for (auto [key, out] :
        {std::pair<const char *, std::string *> {"inspection", &op.inspection}, {"author", &op.author}, {"device", &op.device}})
        if (auto e = str(key, kMaxNameLength, *out))
            return *e;
    if (auto e = str("kind", 32, kind))
        return *e;
    if (kind.empty())
        return makeError(ErrorCode::InvalidOperation, fieldError("kind", "is missing"));
    auto k = opKindFromString(kind);
    if (!k)
        return makeError(ErrorCode::InvalidOperation, fieldError("kind", "unknown kind \"" + kind + "\""));
    op.kind = *k;
    if (auto e = str("target", kMaxTargetLength, op.target, targetRequired(op.kind)))
        return *e;
    auto clock = o.find("clock");
    if (clock == o.end() || !clock->is_number_integer() || clock->get<std::int64_t>() < 1)
        return makeError(ErrorCode::InvalidOperation, fieldError("clock", "must be a whole number from 1 to 2^53"));
    op.clock = clock->get<std::uint64_t>();
    auto time = o.find("time");
    if (time == o.end() || !time->is_number_integer() || time->get<std::int64_t>() < 0)
        return makeError(ErrorCode::InvalidOperation, fieldError("time", "must be milliseconds since 1970 (a whole number)"));
    op.time = time->get<std::int64_t>();
    for (auto it = o.begin(); it != o.end(); ++it) {
        static constexpr std::string_view known[] = {"id", "inspection", "author", "device", "clock", "time", "kind", "target", "value"};
        if (std::find(std::begin(known), std::end(known), it.key()) == std::end(known))
            return makeError(ErrorCode::InvalidOperation, fieldError(it.key(), "unknown field"));
    }
    if (auto e = checkFields(op))
        return makeError(ErrorCode::InvalidOperation, *e);
    auto value = o.find("value");
    const json v = value == o.end() ? json() : *value;
    op.value = canonicalJson(v);
    if (auto e = checkValueAndSize(op, v, op.value))
        return makeError(ErrorCode::InvalidOperation, *e);
    return op;
}

std::optional<Operation> admitReadOperation(Operation op, const json &value)
{
    if (!admissibleFields(op))
        return std::nullopt;
    op.value = canonicalJson(value);
    if (checkValueAndSize(op, value, op.value))
        return std::nullopt;
    return op;
}

std::optional<Operation> admitReadOperation(Operation op)
{
    if (!admissibleFields(op))
        return std::nullopt;
    if (auto plain = checkPlainValue(op.kind, op.value))
        return *plain ? std::nullopt : std::optional<Operation>(std::move(op));
    auto v = parseJson(op.value);
    if (!v)
        return std::nullopt;
    return admitReadOperation(std::move(op), v.value());
}

Result<Operation> parseOperation(std::string_view text)
{
    auto doc = parseJson(text, 16);
    if (!doc)
        return makeError(ErrorCode::InvalidOperation, doc.error().message);
    return operationFromJson(doc.value());
}

json toJson(const Operation &op)
{
    json o = json::object();
    o["id"] = op.id.toString();
    o["inspection"] = op.inspection;
    o["author"] = op.author;
    o["device"] = op.device;
    o["clock"] = op.clock;
    o["time"] = op.time;
    o["kind"] = std::string(toString(op.kind));
    o["target"] = op.target;
    json v = json::parse(op.value, nullptr, false);
    o["value"] = v.is_discarded() ? json() : std::move(v);
    return o;
}

std::string serialize(const Operation &op)
{
    return canonicalJson(toJson(op));
}

std::int64_t nowMillis()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

} // namespace careeval
