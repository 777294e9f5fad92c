#include "export.h"

#include "../storage/crypto.h"

#include <careeval/template.h>

#include <xlsxwriter.h>

#include <cstdio>
#include <dlfcn.h>
#include <mutex>
#include <optional>
#include <unistd.h>

namespace careeval::server {

using nlohmann::json;

namespace {

json value(ExprValue v)
{
    return v ? json(std::round(*v * 1e6) / 1e6) : json();
}

// libxlsxwriter is opened the first time a workbook is asked for, not linked: it brings libminizip
// and libcrypto (MD5, for images we never add), ~1.7 MB of resident memory that a server which never
// exports would carry from its start (libcrypto's load-time relocations alone are 1.45 MB).
struct Xlsx {
    decltype(&workbook_new) workbookNew;
    decltype(&workbook_add_format) addFormat;
    decltype(&format_set_bold) setBold;
    decltype(&workbook_add_worksheet) addWorksheet;
    decltype(&worksheet_write_string) writeString;
    decltype(&worksheet_write_number) writeNumber;
    decltype(&worksheet_write_boolean) writeBoolean;
    decltype(&workbook_close) close;
};

Result<const Xlsx *> xlsx()
{
    static std::once_flag once;
    static Xlsx api;
    static std::optional<Error> failed;
    std::call_once(once, [] {
        const char *file = "libxlsxwriter.so." LXW_SOVERSION;
        void *lib = ::dlopen(file, RTLD_NOW | RTLD_LOCAL);
        if (!lib) {
            const char *why = ::dlerror();
            failed = Error {
                ErrorCode::Io, std::string("workbooks need ") + file + " (package libxlsxwriter4): " + (why ? why : "cannot load")};
            return;
        }
        const auto symbol = [&](auto &fn, const char *name) {
            fn = reinterpret_cast<std::remove_reference_t<decltype(fn)>>(::dlsym(lib, name));
            if (!fn && !failed)
                failed = Error {ErrorCode::Io, std::string(file) + " has no " + name + ": not the version careeval-server was built with"};
        };
        symbol(api.workbookNew, "workbook_new");
        symbol(api.addFormat, "workbook_add_format");
        symbol(api.setBold, "format_set_bold");
        symbol(api.addWorksheet, "workbook_add_worksheet");
        symbol(api.writeString, "worksheet_write_string");
        symbol(api.writeNumber, "worksheet_write_number");
        symbol(api.writeBoolean, "worksheet_write_boolean");
        symbol(api.close, "workbook_close");
    });
    if (failed)
        return *failed;
    return &api;
}

} // namespace

std::vector<Table> exportTables(const std::vector<ExportInput> &inputs)
{
    Table insp {"inspections",
        {"inspection", "institution", "institution_name", "planned_date", "template", "status", "total", "max", "percent", "grade",
            "conclusion", "conflicts", "open_findings"},
        {}};
    Table sections {"sections", {"inspection", "step", "section", "title", "points", "max", "answered", "items"}, {}};
    Table indicators {"indicators", {"inspection", "indicator", "label", "value", "target", "status"}, {}};
    Table findings {
        "findings", {"inspection", "finding", "item", "hazard", "title", "suggestion", "responsible", "deadline", "closed"}, {}};
    Table survey {"survey", {"inspection", "respondent", "question", "answer"}, {}};
    for (const auto &in : inputs) {
        const Template &t = *in.tpl;
        const auto &r = in.report;
        insp.rows.push_back(
            {in.inspection, in.institution, in.institutionName, in.plannedDate, t.pin(), std::string(toString(in.state.status)),
                value(r.total), value(r.max), value(r.percent), r.grade ? json(withoutPictographs(r.grade->label.zh)) : json(),
                std::string(toString(r.conclusion)), r.conflicts.size(), r.openFindings});
        for (const auto &s : r.sections) {
            const Section *sec = t.section(s.id);
            sections.rows.push_back({in.inspection, std::string(toString(s.step)), s.id, sec ? withoutPictographs(sec->title.zh) : s.id,
                value(s.points), value(s.max), s.answered, s.items});
        }
        for (const auto &i : r.indicators) {
            const Indicator *def = t.indicator(i.id);
            indicators.rows.push_back({in.inspection, i.id, def ? withoutPictographs(def->label.zh) : i.id, value(i.value),
                def && def->target ? json(def->target->toString()) : json(), std::string(toString(i.status))});
        }
        for (const auto &[id, f] : in.state.findings) {
            std::string title = f.text("title");
            if (title.empty() && t.item(f.item))
                title = withoutPictographs(t.item(f.item)->label.zh);
            findings.rows.push_back({in.inspection, id, f.item, std::string(toString(f.hazard)), title, f.text("suggestion"),
                f.text("responsible"), f.text("deadline"), f.closed});
        }
        for (const auto &resp : in.state.responses) {
            const json answers = json::parse(resp.answers, nullptr, false);
            if (!answers.is_object())
                continue;
            for (auto it = answers.begin(); it != answers.end(); ++it)
                survey.rows.push_back({in.inspection, resp.respondent, it.key(), *it});
        }
    }
    return {insp, sections, indicators, findings, survey};
}

json tablesToJson(const std::vector<Table> &tables)
{
    json out = json::object();
    for (const auto &t : tables) {
        json rows = json::array();
        for (const auto &row : t.rows) {
            json o = json::object();
            for (std::size_t i = 0; i < t.columns.size(); ++i)
                o[t.columns[i]] = row[i];
            rows.push_back(std::move(o));
        }
        out[t.name] = std::move(rows);
    }
    return out;
}

std::string tableToCsv(const Table &t)
{
    auto cell = [](const json &v) {
        std::string s = v.is_string() ? v.get<std::string>() : v.is_null() ? std::string() : v.dump();
        if (s.find_first_of(",\"\r\n") != std::string::npos) {
            std::string q = "\"";
            for (char c : s)
                q += c == '"' ? std::string("\"\"") : std::string(1, c);
            return q + "\"";
        }
        return s;
    };
    std::string out = "\xEF\xBB\xBF"; // BOM: spreadsheet programs then read the Chinese as UTF-8
    for (std::size_t i = 0; i < t.columns.size(); ++i)
        out += (i ? "," : "") + t.columns[i];
    out += "\r\n";
    for (const auto &row : t.rows) {
        for (std::size_t i = 0; i < row.size(); ++i)
            out += (i ? "," : "") + cell(row[i]);
        out += "\r\n";
    }
    return out;
}

Result<std::string> tablesToXlsx(const std::vector<Table> &tables, const std::string &tmpDir)
{
    auto lib = xlsx();
    if (!lib)
        return lib.error();
    const Xlsx &x = **lib;
    const std::string path = tmpDir + "/export-" + randomHex(8) + ".xlsx";
    lxw_workbook *wb = x.workbookNew(path.c_str());
    if (!wb)
        return makeError(ErrorCode::Io, "cannot create workbook in " + tmpDir);
    lxw_format *bold = x.addFormat(wb);
    x.setBold(bold);
    for (const auto &t : tables) {
        lxw_worksheet *ws = x.addWorksheet(wb, t.name.c_str());
        for (std::size_t c = 0; c < t.columns.size(); ++c)
            x.writeString(ws, 0, static_cast<lxw_col_t>(c), t.columns[c].c_str(), bold);
        for (std::size_t r = 0; r < t.rows.size(); ++r)
            for (std::size_t c = 0; c < t.rows[r].size(); ++c) {
                const json &v = t.rows[r][c];
                const auto row = static_cast<lxw_row_t>(r + 1);
                const auto col = static_cast<lxw_col_t>(c);
                if (v.is_number())
                    x.writeNumber(ws, row, col, v.get<double>(), nullptr);
                else if (v.is_boolean())
                    x.writeBoolean(ws, row, col, v.get<bool>(), nullptr);
                else if (v.is_string())
                    x.writeString(ws, row, col, v.get<std::string>().c_str(), nullptr);
            }
    }
    if (x.close(wb) != LXW_NO_ERROR) {
        ::unlink(path.c_str());
        return makeError(ErrorCode::Io, "cannot write workbook");
    }
    auto bytes = readFile(path);
    ::unlink(path.c_str());
    return bytes;
}

} // namespace careeval::server
