#include "template.h"

#include "jsonutil.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <set>

namespace careeval {

std::string withoutPictographs(std::string_view in)
{
    std::string out;
    out.reserve(in.size());
    std::size_t i = 0;
    while (i < in.size()) {
        const auto c0 = static_cast<unsigned char>(in[i]);
        const std::size_t n = c0 < 0x80 ? 1 : (c0 >> 5) == 0x6 ? 2 : (c0 >> 4) == 0xE ? 3 : (c0 >> 3) == 0x1E ? 4 : 1;
        if (i + n > in.size())
            break;
        char32_t cp = n == 1 ? c0 : n == 2 ? (c0 & 0x1F) : n == 3 ? (c0 & 0x0F) : (c0 & 0x07);
        for (std::size_t k = 1; k < n; ++k)
            cp = (cp << 6) | (static_cast<unsigned char>(in[i + k]) & 0x3F);
        const bool pictograph = (cp >= 0x1F000 && cp <= 0x1FAFF) // emoji and pictographs
            || (cp >= 0x2600 && cp <= 0x27BF) // miscellaneous symbols, dingbats
            || (cp >= 0x2B00 && cp <= 0x2BFF) // arrows and stars used as emoji
            || (cp >= 0xFE00 && cp <= 0xFE0F) // variation selectors
            || cp == 0x200D || cp == 0x20E3; // joiner, keycap
        if (!pictograph)
            out.append(in.substr(i, n));
        i += n;
    }
    // Tidy the spaces a removed emoji leaves ("满意 😀" → "满意").
    std::string tidy;
    for (char c : out) {
        if (c == ' ' && (tidy.empty() || tidy.back() == ' '))
            continue;
        tidy.push_back(c);
    }
    while (!tidy.empty() && tidy.back() == ' ')
        tidy.pop_back();
    return tidy;
}

std::optional<std::int64_t> daysSinceEpoch(std::string_view d)
{
    if (d.size() != 10 || d[4] != '-' || d[7] != '-')
        return std::nullopt;
    for (std::size_t i = 0; i < d.size(); ++i)
        if (i != 4 && i != 7 && (d[i] < '0' || d[i] > '9'))
            return std::nullopt;
    auto num = [&](std::size_t at, std::size_t n) {
        int v = 0;
        for (std::size_t i = at; i < at + n; ++i)
            v = v * 10 + (d[i] - '0');
        return v;
    };
    const int y = num(0, 4), m = num(5, 2), day = num(8, 2);
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (m < 1 || m > 12 || day < 1 || day > kDays[m - 1] + (m == 2 && leap ? 1 : 0))
        return std::nullopt;
    // Howard Hinnant's days_from_civil.
    const int yy = y - (m <= 2 ? 1 : 0);
    const int era = (yy >= 0 ? yy : yy - 399) / 400;
    const int yoe = yy - era * 400;
    const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return static_cast<std::int64_t>(era) * 146097 + doe - 719468;
}

std::optional<StepKey> stepKeyFromString(std::string_view key)
{
    for (std::size_t i = 0; i < kStepKeys.size(); ++i)
        if (kStepKeys[i] == key)
            return static_cast<StepKey>(i);
    return std::nullopt;
}

std::string_view toString(StepKey key)
{
    return kStepKeys[static_cast<std::size_t>(key)];
}

std::optional<ItemType> itemTypeFromString(std::string_view s)
{
    for (std::size_t i = 0; i < kItemTypes.size(); ++i)
        if (kItemTypes[i] == s)
            return static_cast<ItemType>(i);
    return std::nullopt;
}

std::string_view toString(ItemType t)
{
    return kItemTypes[static_cast<std::size_t>(t)];
}

std::string_view toString(Hazard h)
{
    switch (h) {
    case Hazard::Major:
        return "major";
    case Hazard::General:
        return "general";
    case Hazard::None:
        break;
    }
    return "none";
}

const Option *Item::option(std::string_view value) const
{
    for (const auto &o : options)
        if (o.value == value)
            return &o;
    return nullptr;
}

int SurveyConfig::sampleSize(int population) const
{
    if (population <= 0)
        return 0;
    const int byShare = static_cast<int>(std::ceil(sampleMinShare * population - 1e-9));
    return std::min(population, std::max(sampleMinCount, byShare));
}

bool Target::met(double v) const
{
    constexpr double eps = 1e-9;
    switch (op) {
    case Comparison::Less:
        return v < value - eps;
    case Comparison::LessEqual:
        return v <= value + eps;
    case Comparison::Greater:
        return v > value + eps;
    case Comparison::GreaterEqual:
        return v >= value - eps;
    case Comparison::Equal:
        return std::fabs(v - value) <= eps;
    }
    return false;
}

std::string Target::toString() const
{
    const char *ops[] = {"<", "<=", ">", ">=", "=="};
    char buf[64];
    std::snprintf(buf, sizeof buf, "%s %g", ops[static_cast<int>(op)], value);
    return buf;
}

const Item *Template::item(std::string_view id) const
{
    auto it = m_items.find(std::string(id));
    if (it == m_items.end())
        return nullptr;
    return &steps[it->second.step].sections[it->second.section].items[it->second.item];
}

const Section *Template::section(std::string_view id) const
{
    auto it = m_sections.find(std::string(id));
    return it == m_sections.end() ? nullptr : &steps[it->second.first].sections[it->second.second];
}

const Indicator *Template::indicator(std::string_view id) const
{
    auto it = m_indicators.find(std::string(id));
    return it == m_indicators.end() ? nullptr : &indicators[it->second];
}

std::vector<const Item *> Template::items() const
{
    std::vector<const Item *> out;
    out.reserve(m_order.size());
    for (const auto &r : m_order)
        out.push_back(&steps[r.step].sections[r.section].items[r.item]);
    return out;
}

void Template::buildIndex()
{
    m_items.clear();
    m_order.clear();
    m_sections.clear();
    m_indicators.clear();
    for (int s = 0; s < 8; ++s) {
        for (int c = 0; c < static_cast<int>(steps[s].sections.size()); ++c) {
            auto &sec = steps[s].sections[c];
            m_sections.emplace(sec.id, std::make_pair(s, c));
            for (int i = 0; i < static_cast<int>(sec.items.size()); ++i) {
                sec.items[i].stepIndex = s;
                sec.items[i].sectionIndex = c;
                m_items.emplace(sec.items[i].id, ItemRef {s, c, i});
                m_order.push_back(ItemRef {s, c, i});
            }
        }
    }
    for (int i = 0; i < static_cast<int>(indicators.size()); ++i)
        m_indicators.emplace(indicators[i].id, i);
}

Result<std::string> readFile(const std::string &path)
{
    std::FILE *f = std::fopen(path.c_str(), "rb");
    if (!f)
        return makeError(ErrorCode::Io, "cannot open " + path);
    std::string data;
    char buf[65536];
    std::size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0)
        data.append(buf, n);
    const bool failed = std::ferror(f);
    std::fclose(f);
    if (failed)
        return makeError(ErrorCode::Io, "cannot read " + path);
    return data;
}

namespace {

constexpr std::size_t kMaxItems = 5000;

bool validId(const std::string &id)
{
    if (id.empty() || id.size() > 64 || !std::isalpha(static_cast<unsigned char>(id[0])))
        return false;
    return std::all_of(
        id.begin(), id.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.'; });
}

std::string quote(std::string_view s)
{
    return "\"" + std::string(s.substr(0, 80)) + "\"";
}

// Field-by-field reader that records every problem with its JSON location and carries on, so one
// validation run reports all the mistakes of a template, not only the first.
class Reader
{
public:
    std::vector<TemplateIssue> issues;

    void add(const std::string &path, std::string message)
    {
        if (issues.size() < 200)
            issues.push_back({path, std::move(message)});
    }

    bool object(const json &v, const std::string &path)
    {
        if (v.is_object())
            return true;
        add(path, std::string("expected an object, found ") + jsonTypeName(v));
        return false;
    }

    void allowOnly(const json &o, const std::string &path, std::initializer_list<std::string_view> keys, std::string_view context)
    {
        for (auto it = o.begin(); it != o.end(); ++it) {
            const std::string &k = it.key();
            if (k.rfind("x-", 0) == 0 || k == "$comment")
                continue;
            if (std::find(keys.begin(), keys.end(), k) == keys.end())
                add(jsonPointer(path, k), "unknown field " + quote(k) + " in " + std::string(context));
        }
    }

    const json *field(const json &o, const std::string &path, const char *key, bool required)
    {
        auto it = o.find(key);
        if (it == o.end()) {
            if (required)
                add(jsonPointer(path, key), "required field is missing");
            return nullptr;
        }
        return &*it;
    }

    std::optional<std::string> string(const json &o, const std::string &path, const char *key, bool required)
    {
        const json *v = field(o, path, key, required);
        if (!v)
            return std::nullopt;
        if (!v->is_string()) {
            add(jsonPointer(path, key), std::string("expected a string, found ") + jsonTypeName(*v));
            return std::nullopt;
        }
        return v->get<std::string>();
    }

    std::optional<double> number(const json &o, const std::string &path, const char *key, bool required)
    {
        const json *v = field(o, path, key, required);
        if (!v)
            return std::nullopt;
        if (!v->is_number()) {
            add(jsonPointer(path, key), std::string("expected a number, found ") + jsonTypeName(*v));
            return std::nullopt;
        }
        const double d = v->get<double>();
        if (!std::isfinite(d)) {
            add(jsonPointer(path, key), "number is not finite");
            return std::nullopt;
        }
        return d;
    }

    bool boolean(const json &o, const std::string &path, const char *key, bool fallback)
    {
        const json *v = field(o, path, key, false);
        if (!v)
            return fallback;
        if (!v->is_boolean()) {
            add(jsonPointer(path, key), std::string("expected true or false, found ") + jsonTypeName(*v));
            return fallback;
        }
        return v->get<bool>();
    }

    // {"zh": "…", "en": "…"}; `needEnglish` for labels and titles (English must be complete).
    LocalizedText text(const json &o, const std::string &path, const char *key, bool required, bool needEnglish = true)
    {
        LocalizedText t;
        const json *v = field(o, path, key, required);
        if (!v)
            return t;
        const std::string p = jsonPointer(path, key);
        if (!v->is_object()) {
            add(p, std::string("expected {\"zh\": …, \"en\": …}, found ") + jsonTypeName(*v));
            return t;
        }
        allowOnly(*v, p, {"zh", "en"}, "bilingual text");
        t.zh = string(*v, p, "zh", true).value_or("");
        t.en = string(*v, p, "en", needEnglish).value_or("");
        if (required && t.zh.empty() && v->contains("zh") && (*v)["zh"].is_string())
            add(jsonPointer(p, "zh"), "text is empty");
        return t;
    }

    std::optional<std::string> id(const json &o, const std::string &path, const char *key = "id")
    {
        auto s = string(o, path, key, true);
        if (s && !validId(*s)) {
            add(jsonPointer(path, key),
                "invalid id " + quote(*s) + " (letters, digits, '_', '-', '.'; starting with a letter; at most 64)");
            return std::nullopt;
        }
        return s;
    }

    const json *array(const json &o, const std::string &path, const char *key, bool required, bool nonEmpty)
    {
        const json *v = field(o, path, key, required);
        if (!v)
            return nullptr;
        if (!v->is_array()) {
            add(jsonPointer(path, key), std::string("expected an array, found ") + jsonTypeName(*v));
            return nullptr;
        }
        if (nonEmpty && v->empty()) {
            add(jsonPointer(path, key), "must not be empty");
            return nullptr;
        }
        return v;
    }

    std::vector<Option> options(const json &o, const std::string &path, const char *key, bool required)
    {
        std::vector<Option> out;
        const json *arr = array(o, path, key, required, true);
        if (!arr)
            return out;
        std::set<std::string> seen;
        for (std::size_t i = 0; i < arr->size(); ++i) {
            const std::string p = jsonPointer(jsonPointer(path, key), i);
            const json &ov = (*arr)[i];
            if (!object(ov, p))
                continue;
            allowOnly(ov, p, {"value", "label", "points"}, "an option");
            Option opt;
            auto value = string(ov, p, "value", true);
            if (value) {
                if (value->empty() || value->size() > 64)
                    add(jsonPointer(p, "value"), "option value must be 1 to 64 characters");
                else if (!seen.insert(*value).second)
                    add(jsonPointer(p, "value"), "duplicate option value " + quote(*value));
                opt.value = *value;
            }
            opt.label = text(ov, p, "label", true);
            opt.points = number(ov, p, "points", false);
            out.push_back(std::move(opt));
        }
        return out;
    }
};

std::optional<Target> parseTarget(const std::string &s)
{
    static const std::pair<std::string_view, Comparison> ops[]
        = {{"<=", Comparison::LessEqual}, {">=", Comparison::GreaterEqual}, {"==", Comparison::Equal}, {"<", Comparison::Less},
            {">", Comparison::Greater}, {"=", Comparison::Equal}, {"≥", Comparison::GreaterEqual}, {"≤", Comparison::LessEqual}};
    std::string_view v = s;
    while (!v.empty() && v.front() == ' ')
        v.remove_prefix(1);
    for (auto [tok, cmp] : ops) {
        if (v.substr(0, tok.size()) == tok) {
            std::string rest(v.substr(tok.size()));
            char *end = nullptr;
            const double d = std::strtod(rest.c_str(), &end);
            if (end == rest.c_str())
                return std::nullopt;
            std::string tail(end);
            tail.erase(0, tail.find_first_not_of(' '));
            double value = d;
            if (tail == "%")
                value = d / 100.0;
            else if (!tail.empty())
                return std::nullopt;
            if (!std::isfinite(value))
                return std::nullopt;
            return Target {cmp, value};
        }
    }
    return std::nullopt;
}

struct Parsed {
    Template t;
    // where each formula lives, for located messages
    std::vector<std::pair<std::string, const Expression *>> formulas;
};

NaPolicy naPolicy(Reader &r, const json &v, const std::string &p, NaPolicy fallback);

void parseItem(Reader &r, const json &v, const std::string &p, StepKey stepKey, Item &item, const Template &t)
{
    if (!r.object(v, p))
        return;
    item.id = r.id(v, p).value_or("");
    auto typeName = r.string(v, p, "type", true);
    if (typeName) {
        auto type = itemTypeFromString(*typeName);
        if (!type) {
            std::string known;
            for (auto k : kItemTypes)
                known += (known.empty() ? "" : ", ") + std::string(k);
            r.add(jsonPointer(p, "type"), "unknown item type " + quote(*typeName) + " (expected one of " + known + ")");
            return;
        }
        item.type = *type;
    } else {
        return;
    }
    const std::string ctx = std::string("a ") + std::string(toString(item.type)) + " item";
    switch (item.type) {
    case ItemType::Check:
        r.allowOnly(v, p,
            {"id", "type", "label", "guidance", "required", "weight", "note_when_noncompliant", "photo_when_noncompliant", "hazard",
                "points", "allow_na"},
            ctx);
        break;
    case ItemType::Score:
        r.allowOnly(v, p, {"id", "type", "label", "guidance", "required", "weight", "max", "step", "allow_na", "prefill"}, ctx);
        break;
    case ItemType::Number:
        r.allowOnly(v, p, {"id", "type", "label", "guidance", "required", "min", "max", "step", "unit"}, ctx);
        break;
    case ItemType::Single:
    case ItemType::Multiple:
        r.allowOnly(v, p, {"id", "type", "label", "guidance", "required", "options"}, ctx);
        break;
    case ItemType::Text:
    case ItemType::Date:
        r.allowOnly(v, p, {"id", "type", "label", "guidance", "required"}, ctx);
        break;
    case ItemType::Photo:
        r.allowOnly(v, p, {"id", "type", "label", "guidance", "required", "photos_min"}, ctx);
        break;
    case ItemType::Signature:
        r.allowOnly(v, p, {"id", "type", "label", "guidance", "required", "signer"}, ctx);
        break;
    case ItemType::Rating:
        r.allowOnly(v, p, {"id", "type", "label", "guidance", "required", "scale"}, ctx);
        break;
    }
    item.label = r.text(v, p, "label", true);
    item.guidance = r.text(v, p, "guidance", false);
    item.required = r.boolean(v, p, "required", false);
    if (auto w = r.number(v, p, "weight", false)) {
        if (*w <= 0 || *w > 1000)
            r.add(jsonPointer(p, "weight"), "weight must be above 0 and at most 1000");
        else
            item.weight = *w;
    }
    switch (item.type) {
    case ItemType::Check: {
        item.noteWhenNonCompliant = r.boolean(v, p, "note_when_noncompliant", false);
        item.photoWhenNonCompliant = r.boolean(v, p, "photo_when_noncompliant", false);
        item.na = naPolicy(r, v, p, NaPolicy::Allowed);
        if (auto h = r.string(v, p, "hazard", false)) {
            if (*h == "major")
                item.hazard = Hazard::Major;
            else if (*h == "general")
                item.hazard = Hazard::General;
            else
                r.add(jsonPointer(p, "hazard"), "hazard must be \"major\" or \"general\", found " + quote(*h));
        }
        if (auto pts = r.number(v, p, "points", false)) {
            if (*pts < 0 || *pts > 10000)
                r.add(jsonPointer(p, "points"), "points must be between 0 and 10000");
            else
                item.points = *pts;
        }
        break;
    }
    case ItemType::Score: {
        item.min = 0;
        item.max = r.number(v, p, "max", true);
        if (item.max && (*item.max <= 0 || *item.max > 10000))
            r.add(jsonPointer(p, "max"), "max must be above 0 and at most 10000");
        if (auto s = r.number(v, p, "step", false)) {
            if (*s <= 0)
                r.add(jsonPointer(p, "step"), "step must be above 0");
            else
                item.step = *s;
        }
        if (item.max && *item.max > 0 && item.step > 0) {
            const double n = *item.max / item.step;
            if (std::fabs(n - std::round(n)) > 1e-6)
                r.add(jsonPointer(p, "max"),
                    "max " + Target {Comparison::Equal, *item.max}.toString().substr(3) + " is not a whole number of steps of "
                        + Target {Comparison::Equal, item.step}.toString().substr(3));
        }
        item.na = naPolicy(r, v, p, NaPolicy::Never);
        if (auto pre = r.string(v, p, "prefill", false)) {
            auto e = Expression::parse(*pre);
            if (!e)
                r.add(jsonPointer(p, "prefill"), "formula: " + e.error().message);
            else
                item.prefill = e.value();
        }
        break;
    }
    case ItemType::Number: {
        item.min = r.number(v, p, "min", false);
        item.max = r.number(v, p, "max", false);
        if (item.min && item.max && *item.min > *item.max)
            r.add(jsonPointer(p, "max"), "max is below min");
        if (auto s = r.number(v, p, "step", false)) {
            if (*s <= 0)
                r.add(jsonPointer(p, "step"), "step must be above 0");
            else
                item.step = *s;
        } else {
            item.step = 0; // any value
        }
        item.unit = r.text(v, p, "unit", false);
        break;
    }
    case ItemType::Single:
    case ItemType::Multiple:
        item.options = r.options(v, p, "options", true);
        break;
    case ItemType::Photo:
        if (auto n = r.number(v, p, "photos_min", false)) {
            if (*n < 0 || *n > 100 || *n != std::floor(*n))
                r.add(jsonPointer(p, "photos_min"), "photos_min must be a whole number from 0 to 100");
            else
                item.photosMin = static_cast<int>(*n);
        }
        if (item.required && item.photosMin == 0)
            item.photosMin = 1;
        break;
    case ItemType::Signature:
        item.signerRole = r.string(v, p, "signer", false).value_or("");
        break;
    case ItemType::Rating:
        if (stepKey != StepKey::Survey)
            r.add(jsonPointer(p, "type"), "rating items (survey questions) belong in the \"survey\" step");
        if (auto sc = r.string(v, p, "scale", true)) {
            auto it = t.scales.find(*sc);
            if (it == t.scales.end())
                r.add(jsonPointer(p, "scale"), "unknown scale " + quote(*sc) + " (declare it under /scales)");
            else {
                item.scale = *sc;
                item.options = it->second.options;
            }
        }
        break;
    case ItemType::Text:
    case ItemType::Date:
        break;
    }
}

void parseSteps(Reader &r, const json &root, Parsed &out, std::set<std::string> &ids)
{
    const json *steps = r.array(root, "", "steps", true, false);
    if (!steps)
        return;
    std::array<bool, 8> seen {};
    std::size_t itemCount = 0;
    for (std::size_t s = 0; s < steps->size(); ++s) {
        const std::string p = jsonPointer("/steps", s);
        const json &sv = (*steps)[s];
        if (!r.object(sv, p))
            continue;
        r.allowOnly(sv, p, {"key", "title", "guidance", "sections"}, "a step");
        auto key = r.string(sv, p, "key", true);
        if (!key)
            continue;
        auto k = stepKeyFromString(*key);
        if (!k) {
            r.add(jsonPointer(p, "key"),
                "unknown step " + quote(*key)
                    + " (the eight steps are announce, briefing, documents, site, survey, scoring, conclusion, feedback)");
            continue;
        }
        const int idx = static_cast<int>(*k);
        if (seen[idx]) {
            r.add(jsonPointer(p, "key"), "step " + quote(*key) + " appears twice");
            continue;
        }
        if (idx != static_cast<int>(s))
            r.add(jsonPointer(p, "key"),
                "step " + quote(*key) + " is out of order: position " + std::to_string(s + 1) + " must be "
                    + quote(kStepKeys[std::min<std::size_t>(s, 7)]));
        seen[idx] = true;
        Step &step = out.t.steps[idx];
        step.key = *k;
        step.title = r.text(sv, p, "title", true);
        step.guidance = r.text(sv, p, "guidance", false);
        const json *sections = r.array(sv, p, "sections", true, false);
        if (!sections)
            continue;
        for (std::size_t c = 0; c < sections->size(); ++c) {
            const std::string sp = jsonPointer(jsonPointer(p, "sections"), c);
            const json &cv = (*sections)[c];
            if (!r.object(cv, sp))
                continue;
            r.allowOnly(cv, sp, {"id", "title", "guidance", "items"}, "a section");
            Section sec;
            sec.id = r.id(cv, sp).value_or("");
            if (!sec.id.empty() && !ids.insert(sec.id).second)
                r.add(jsonPointer(sp, "id"), "duplicate id " + quote(sec.id));
            sec.title = r.text(cv, sp, "title", true);
            sec.guidance = r.text(cv, sp, "guidance", false);
            if (const json *items = r.array(cv, sp, "items", true, true)) {
                for (std::size_t i = 0; i < items->size(); ++i) {
                    if (++itemCount > kMaxItems) {
                        r.add(sp, "too many items (at most " + std::to_string(kMaxItems) + " per template)");
                        return;
                    }
                    const std::string ip = jsonPointer(jsonPointer(sp, "items"), i);
                    Item item;
                    parseItem(r, (*items)[i], ip, *k, item, out.t);
                    if (!item.id.empty() && !ids.insert(item.id).second)
                        r.add(jsonPointer(ip, "id"), "duplicate id " + quote(item.id));
                    sec.items.push_back(std::move(item));
                }
            }
            step.sections.push_back(std::move(sec));
        }
    }
    for (int i = 0; i < 8; ++i)
        if (!seen[i])
            r.add("/steps", "step " + quote(kStepKeys[i]) + " is missing (every template has all eight steps, in order)");
}

void parseScales(Reader &r, const json &root, Template &t)
{
    const json *scales = r.field(root, "", "scales", false);
    if (!scales)
        return;
    if (!r.object(*scales, "/scales"))
        return;
    for (auto it = scales->begin(); it != scales->end(); ++it) {
        const std::string p = jsonPointer("/scales", it.key());
        if (!validId(it.key())) {
            r.add(p, "invalid scale id " + quote(it.key()));
            continue;
        }
        if (!r.object(*it, p))
            continue;
        r.allowOnly(*it, p, {"options", "allow_unknown"}, "a scale");
        Scale sc;
        sc.id = it.key();
        sc.options = r.options(*it, p, "options", true);
        sc.allowUnknown = r.boolean(*it, p, "allow_unknown", true);
        if (std::find_if(sc.options.begin(), sc.options.end(), [](const Option &o) { return o.value == "unknown"; }) != sc.options.end())
            r.add(jsonPointer(p, "options"), "\"unknown\" is reserved for don't know / not applicable; use allow_unknown");
        t.scales.emplace(sc.id, std::move(sc));
    }
}

void parseSurvey(Reader &r, const json &root, Template &t)
{
    std::vector<const Item *> questions;
    for (const auto &sec : t.steps[static_cast<int>(StepKey::Survey)].sections)
        for (const auto &item : sec.items)
            if (item.type == ItemType::Rating)
                questions.push_back(&item);
    const json *sv = r.field(root, "", "survey", false);
    if (!sv) {
        if (!questions.empty())
            r.add("/survey", "the survey step has questions, so /survey must say who counts as satisfied and the sample size");
        return;
    }
    if (!r.object(*sv, "/survey"))
        return;
    r.allowOnly(*sv, "/survey", {"satisfied", "sample", "rule", "roster_leaves_device"}, "the survey settings");
    t.survey.enabled = true;
    t.survey.rule = r.text(*sv, "/survey", "rule", true);
    t.survey.rosterLeavesDevice = r.boolean(*sv, "/survey", "roster_leaves_device", false);
    if (questions.empty())
        r.add("/survey", "survey settings given but the survey step has no rating questions");
    if (const json *sat = r.field(*sv, "/survey", "satisfied", true); sat && r.object(*sat, "/survey/satisfied")) {
        r.allowOnly(*sat, "/survey/satisfied", {"question", "values"}, "the satisfied rule");
        auto q = r.string(*sat, "/survey/satisfied", "question", true);
        const Item *question = nullptr;
        if (q) {
            question = t.item(*q);
            if (!question || question->type != ItemType::Rating)
                r.add("/survey/satisfied/question", "no rating question " + quote(*q) + " in the survey step");
            else
                t.survey.satisfiedQuestion = *q;
        }
        if (const json *vals = r.array(*sat, "/survey/satisfied", "values", true, true)) {
            for (std::size_t i = 0; i < vals->size(); ++i) {
                const std::string p = jsonPointer("/survey/satisfied/values", i);
                if (!(*vals)[i].is_string()) {
                    r.add(p, "expected a string");
                    continue;
                }
                const std::string v = (*vals)[i].get<std::string>();
                if (question && !question->option(v))
                    r.add(p, "value " + quote(v) + " is not on the scale of question " + quote(question->id));
                t.survey.satisfiedValues.push_back(v);
            }
        }
    }
    if (const json *smp = r.field(*sv, "/survey", "sample", true); smp && r.object(*smp, "/survey/sample")) {
        r.allowOnly(*smp, "/survey/sample", {"min_count", "min_share"}, "the sample rule");
        if (auto n = r.number(*smp, "/survey/sample", "min_count", true)) {
            if (*n < 1 || *n > 10000 || *n != std::floor(*n))
                r.add("/survey/sample/min_count", "min_count must be a whole number from 1 to 10000");
            else
                t.survey.sampleMinCount = static_cast<int>(*n);
        }
        if (auto s = r.number(*smp, "/survey/sample", "min_share", false)) {
            if (*s < 0 || *s > 1)
                r.add("/survey/sample/min_share", "min_share is a fraction from 0 to 1");
            else
                t.survey.sampleMinShare = *s;
        }
    }
}

void parseIndicators(Reader &r, const json &root, Template &t, std::set<std::string> &ids)
{
    const json *arr = r.array(root, "", "indicators", false, false);
    if (!arr)
        return;
    for (std::size_t i = 0; i < arr->size(); ++i) {
        const std::string p = jsonPointer("/indicators", i);
        const json &v = (*arr)[i];
        if (!r.object(v, p))
            continue;
        r.allowOnly(v, p, {"id", "label", "notes", "formula", "target", "format", "required"}, "an indicator");
        Indicator ind;
        ind.id = r.id(v, p).value_or("");
        if (!ind.id.empty() && !ids.insert(ind.id).second)
            r.add(jsonPointer(p, "id"), "duplicate id " + quote(ind.id));
        ind.label = r.text(v, p, "label", true);
        ind.notes = r.text(v, p, "notes", false);
        if (auto f = r.string(v, p, "formula", true)) {
            auto e = Expression::parse(*f);
            if (!e)
                r.add(jsonPointer(p, "formula"), "formula: " + e.error().message);
            else
                ind.formula = e.value();
        }
        if (auto tg = r.string(v, p, "target", false)) {
            ind.target = parseTarget(*tg);
            if (!ind.target)
                r.add(jsonPointer(p, "target"), "target " + quote(*tg) + " is not a comparison like \">= 0.95\" or \"== 100%\"");
        }
        if (auto fmt = r.string(v, p, "format", false)) {
            if (*fmt == "percent")
                ind.format = ValueFormat::Percent;
            else if (*fmt == "number")
                ind.format = ValueFormat::Number;
            else if (*fmt == "integer")
                ind.format = ValueFormat::Integer;
            else if (*fmt == "yesno")
                ind.format = ValueFormat::YesNo;
            else
                r.add(jsonPointer(p, "format"), "format must be percent, number, integer or yesno, found " + quote(*fmt));
        }
        ind.required = r.boolean(v, p, "required", true);
        t.indicators.push_back(std::move(ind));
    }
}

void parseConclusion(Reader &r, const json &root, Template &t)
{
    const json *cv = r.field(root, "", "conclusion", true);
    if (!cv || !r.object(*cv, "/conclusion"))
        return;
    r.allowOnly(*cv, "/conclusion", {"pass_percent", "indicators_must_pass", "open_major_hazard_fails", "grades"}, "the conclusion rules");
    if (auto pp = r.number(*cv, "/conclusion", "pass_percent", false)) {
        if (*pp < 0 || *pp > 100)
            r.add("/conclusion/pass_percent", "pass_percent must be between 0 and 100");
        else
            t.conclusion.passPercent = *pp;
    }
    t.conclusion.indicatorsMustPass = r.boolean(*cv, "/conclusion", "indicators_must_pass", true);
    t.conclusion.openMajorHazardFails = r.boolean(*cv, "/conclusion", "open_major_hazard_fails", true);
    if (const json *grades = r.array(*cv, "/conclusion", "grades", false, false)) {
        std::set<std::string> keys;
        for (std::size_t i = 0; i < grades->size(); ++i) {
            const std::string p = jsonPointer("/conclusion/grades", i);
            const json &g = (*grades)[i];
            if (!r.object(g, p))
                continue;
            r.allowOnly(g, p, {"key", "label", "min_percent"}, "a grade band");
            GradeBand band;
            band.key = r.id(g, p, "key").value_or("");
            if (!band.key.empty() && !keys.insert(band.key).second)
                r.add(jsonPointer(p, "key"), "duplicate grade " + quote(band.key));
            band.label = r.text(g, p, "label", true);
            if (auto m = r.number(g, p, "min_percent", true)) {
                if (*m < 0 || *m > 100)
                    r.add(jsonPointer(p, "min_percent"), "min_percent must be between 0 and 100");
                band.minPercent = *m;
            }
            t.conclusion.grades.push_back(std::move(band));
        }
        std::sort(t.conclusion.grades.begin(), t.conclusion.grades.end(),
            [](const GradeBand &a, const GradeBand &b) { return a.minPercent > b.minPercent; });
        for (std::size_t i = 1; i < t.conclusion.grades.size(); ++i)
            if (t.conclusion.grades[i].minPercent == t.conclusion.grades[i - 1].minPercent)
                r.add("/conclusion/grades",
                    "two grade bands start at " + std::to_string(static_cast<int>(t.conclusion.grades[i].minPercent)) + "%");
    }
}

NaPolicy naPolicy(Reader &r, const json &v, const std::string &p, NaPolicy fallback)
{
    auto it = v.find("allow_na");
    if (it == v.end())
        return fallback;
    if (it->is_boolean())
        return it->get<bool>() ? NaPolicy::Allowed : NaPolicy::Never;
    if (it->is_string() && it->get<std::string>() == "with_reason")
        return NaPolicy::WithReason;
    r.add(jsonPointer(p, "allow_na"), "allow_na must be true, false or \"with_reason\"");
    return fallback;
}

void parseChecks(Reader &r, const json &root, Template &t, std::set<std::string> &ids)
{
    const json *arr = r.array(root, "", "checks", false, false);
    if (!arr)
        return;
    for (std::size_t i = 0; i < arr->size(); ++i) {
        const std::string p = jsonPointer("/checks", i);
        const json &v = (*arr)[i];
        if (!r.object(v, p))
            continue;
        r.allowOnly(v, p, {"id", "label", "holds", "items"}, "a consistency check");
        ConsistencyCheck c;
        c.id = r.id(v, p).value_or("");
        if (!c.id.empty() && !ids.insert(c.id).second)
            r.add(jsonPointer(p, "id"), "duplicate id " + quote(c.id));
        c.label = r.text(v, p, "label", true);
        if (auto f = r.string(v, p, "holds", true)) {
            auto e = Expression::parse(*f);
            if (!e)
                r.add(jsonPointer(p, "holds"), "formula: " + e.error().message);
            else
                c.holds = e.value();
        }
        if (const json *items = r.array(v, p, "items", true, true))
            for (std::size_t k = 0; k < items->size(); ++k) {
                const std::string ip = jsonPointer(jsonPointer(p, "items"), k);
                if (!(*items)[k].is_string() || !t.item((*items)[k].get<std::string>()))
                    r.add(ip, "expected the id of an item of this template");
                else
                    c.items.push_back((*items)[k].get<std::string>());
            }
        t.checks.push_back(std::move(c));
    }
}

bool numericItem(const Item &item)
{
    switch (item.type) {
    case ItemType::Check:
    case ItemType::Score:
    case ItemType::Number:
    case ItemType::Date:
        return true;
    case ItemType::Single:
        return std::all_of(item.options.begin(), item.options.end(), [](const Option &o) { return o.points.has_value(); });
    default:
        return false;
    }
}

// Names in formulas resolve to numeric items or indicators; [sections] and survey questions exist;
// no formula depends on itself, directly or through others. Indicators are then put in the order in
// which they can be computed.
void checkFormulas(Reader &r, Template &t)
{
    struct Node {
        std::string path;
        const Expression *expr;
        std::string name; // indicator id or prefilled item id
    };
    std::vector<Node> nodes;
    for (std::size_t i = 0; i < t.checks.size(); ++i)
        if (!t.checks[i].holds.empty())
            nodes.push_back({"/checks/" + std::to_string(i) + "/holds", &t.checks[i].holds, "check:" + t.checks[i].id});
    for (std::size_t i = 0; i < t.indicators.size(); ++i)
        if (!t.indicators[i].formula.empty())
            nodes.push_back({"/indicators/" + std::to_string(i) + "/formula", &t.indicators[i].formula, t.indicators[i].id});
    for (int s = 0; s < 8; ++s)
        for (std::size_t c = 0; c < t.steps[s].sections.size(); ++c)
            for (std::size_t i = 0; i < t.steps[s].sections[c].items.size(); ++i) {
                const Item &item = t.steps[s].sections[c].items[i];
                if (!item.prefill.empty())
                    nodes.push_back(
                        {"/steps/" + std::to_string(s) + "/sections/" + std::to_string(c) + "/items/" + std::to_string(i) + "/prefill",
                            &item.prefill, item.id});
            }
    std::map<std::string, std::vector<std::string>> deps;
    for (const auto &n : nodes) {
        for (const auto &name : n.expr->identifiers()) {
            const Item *item = t.item(name);
            if (item) {
                if (!numericItem(*item))
                    r.add(n.path,
                        "formula reads " + quote(name) + ", a " + std::string(toString(item->type)) + " item, which has no numeric value");
                if (!item->prefill.empty())
                    deps[n.name].push_back(name);
            } else if (t.indicator(name)) {
                deps[n.name].push_back(name);
            } else {
                r.add(n.path, "formula refers to " + quote(name) + ", which is neither an item nor an indicator");
            }
        }
        for (const auto &sec : n.expr->sections())
            if (!t.section(sec))
                r.add(n.path, "formula refers to section [" + sec + "], which does not exist");
        for (const auto &q : n.expr->surveyQuestions()) {
            const Item *item = t.item(q);
            if (!item || item->type != ItemType::Rating)
                r.add(n.path, "survey_mean(" + q + "): no such survey question");
        }
    }
    // Cycle detection and dependency order (depth-first, colours).
    std::map<std::string, int> colour;
    std::vector<std::string> order;
    std::function<bool(const std::string &, std::vector<std::string> &)> visit = [&](const std::string &n, std::vector<std::string> &path) {
        int &c = colour[n];
        if (c == 2)
            return true;
        if (c == 1) {
            std::string cycle;
            auto it = std::find(path.begin(), path.end(), n);
            for (; it != path.end(); ++it)
                cycle += *it + " → ";
            r.add("/indicators", "formulas depend on each other in a circle: " + cycle + n);
            return false;
        }
        c = 1;
        path.push_back(n);
        for (const auto &d : deps[n])
            if (!visit(d, path))
                return false;
        path.pop_back();
        c = 2;
        order.push_back(n);
        return true;
    };
    for (const auto &n : nodes) {
        std::vector<std::string> path;
        if (!visit(n.name, path))
            return;
    }
    std::map<std::string, std::size_t> rank;
    for (std::size_t i = 0; i < order.size(); ++i)
        rank[order[i]] = i;
    std::stable_sort(
        t.indicators.begin(), t.indicators.end(), [&](const Indicator &a, const Indicator &b) { return rank[a.id] < rank[b.id]; });
}

} // namespace

Result<Template> parseTemplate(std::string_view text, std::vector<TemplateIssue> *issuesOut)
{
    Reader r;
    auto doc = parseJson(text);
    if (!doc) {
        r.add("", doc.error().message);
    } else if (r.object(doc.value(), "")) {
        const json &root = doc.value();
        Parsed out;
        Template &t = out.t;
        r.allowOnly(root, "",
            {"format", "id", "version", "title", "description", "notes", "scales", "steps", "survey", "indicators", "checks", "conclusion"},
            "the template");
        if (auto fmt = r.string(root, "", "format", true); fmt && *fmt != kTemplateFormat)
            r.add("/format", "unsupported format " + quote(*fmt) + " (this version reads \"" + std::string(kTemplateFormat) + "\")");
        t.id = r.id(root, "").value_or("");
        if (auto v = r.string(root, "", "version", true)) {
            const bool okVersion = !v->empty() && v->size() <= 32 && std::isdigit(static_cast<unsigned char>((*v)[0]))
                && std::all_of(v->begin(), v->end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)) || c == '.'; });
            if (!okVersion)
                r.add("/version", "version " + quote(*v) + " must be numbers separated by dots, like \"1.2.0\"");
            t.version = *v;
        }
        t.title = r.text(root, "", "title", true);
        t.description = r.text(root, "", "description", false);
        t.notes = r.text(root, "", "notes", false);
        std::set<std::string> ids;
        parseScales(r, root, t);
        parseSteps(r, root, out, ids);
        t.buildIndex();
        parseSurvey(r, root, t);
        parseIndicators(r, root, t, ids);
        parseChecks(r, root, t, ids);
        parseConclusion(r, root, t);
        t.buildIndex();
        // Formulas are checked even when other parts are wrong, so one run reports everything.
        checkFormulas(r, t);
        t.buildIndex();
        if (r.issues.empty()) {
            if (issuesOut)
                issuesOut->clear();
            return std::move(out.t);
        }
    }
    std::string message;
    for (const auto &issue : r.issues) {
        if (!message.empty())
            message += "\n";
        message += issue.toString();
    }
    if (issuesOut)
        *issuesOut = r.issues;
    return makeError(ErrorCode::InvalidTemplate, message);
}

Result<Template> loadTemplateFile(const std::string &path, std::vector<TemplateIssue> *issues)
{
    auto text = readFile(path);
    if (!text)
        return text.error();
    return parseTemplate(text.value(), issues);
}

bool isNotApplicable(std::string_view v, std::string *reason)
{
    if (v == "\"na\"")
        return true;
    if (v.rfind("{\"na\":", 0) != 0)
        return false;
    const json j = json::parse(v, nullptr, false);
    if (!j.is_object() || j.size() != 1 || !j["na"].is_string())
        return false;
    if (reason)
        *reason = j["na"].get<std::string>();
    return true;
}

} // namespace careeval
