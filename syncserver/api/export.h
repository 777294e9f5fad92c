#pragma once
// Exports of merged inspections as tables — inspections, sections, indicators, findings, survey — in
// JSON, CSV (one table per file) or XLSX (one sheet per table). Residents appear only by their sample
// code, never by name.

#include <careeval/merge.h>
#include <careeval/result.h>
#include <careeval/scoring.h>
#include <careeval/template.h>

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace careeval::server {

struct ExportInput {
    std::string inspection;
    std::string institution;
    std::string institutionName;
    std::string plannedDate;
    const Template *tpl = nullptr;
    InspectionState state;
    ScoreReport report;
};

struct Table {
    std::string name;
    std::vector<std::string> columns;
    std::vector<std::vector<nlohmann::json>> rows;
};

std::vector<Table> exportTables(const std::vector<ExportInput> &inputs);
nlohmann::json tablesToJson(const std::vector<Table> &tables);
std::string tableToCsv(const Table &table);
//! Writes a workbook to a temporary file under `tmpDir` and returns its bytes.
Result<std::string> tablesToXlsx(const std::vector<Table> &tables, const std::string &tmpDir);

} // namespace careeval::server
