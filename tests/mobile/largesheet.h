#pragma once
// A long inspection for the app's benchmark and tests: the shipped pilot template with its scoring
// step replaced by an N-item scoring sheet, assigned to the signed-in lead, with answers from three
// teammates already in the store. Opened through App like any inspection.

#include "app.h"

#include <careeval/jsonutil.h>
#include <careeval/operation.h>
#include <careeval/template.h>

#include <QFile>

namespace largesheet {

inline std::string templateText(const std::string &pilotText, int items)
{
    careeval::json t = careeval::json::parse(pilotText);
    careeval::json section
        = {{"id", "bench_sheet"}, {"title", {{"zh", "压力测试计分表"}, {"en", "Load-test sheet"}}}, {"items", careeval::json::array()}};
    for (int i = 0; i < items; ++i)
        section["items"].push_back({{"id", "bench_" + std::to_string(i)}, {"type", "score"},
            {"label",
                {{"zh", "计分项 " + std::to_string(i + 1) + "：服务质量符合标准要求"}, {"en", "Scoring item " + std::to_string(i + 1)}}},
            {"guidance", {{"zh", "按标准逐项核对，符合得满分。"}, {"en", "Full points when the standard is met."}}}, {"max", 5},
            {"step", 1}});
    for (auto &step : t["steps"])
        if (step["key"] == "scoring")
            step["sections"] = careeval::json::array({section});
    t["version"] = std::to_string(items) + ".0.0";
    return t.dump();
}

//! Stores the sheet and its teammates' answers; returns the inspection id, or empty with `error`.
inline QString create(App &app, int items, std::size_t *operations = nullptr, QString *error = nullptr)
{
    QFile pilot(QStringLiteral(":/careeval/templates/jilin-pilot-standardization.json"));
    if (!pilot.open(QIODevice::ReadOnly)) {
        if (error)
            *error = QStringLiteral("the pilot template is not in the resources");
        return {};
    }
    const std::string text = templateText(pilot.readAll().toStdString(), items);
    auto tpl = careeval::parseTemplate(text);
    if (!tpl) {
        if (error)
            *error = QString::fromStdString(tpl.error().message);
        return {};
    }
    Assignment a;
    a.id = "sheet-" + std::to_string(items);
    a.institutionName = "压力测试养老院";
    a.institution = "bench";
    a.templateId = tpl->id;
    a.templateVersion = tpl->version;
    a.myRole = "lead";
    (void)app.store()->saveTemplate(tpl->pin(), text, "");
    (void)app.store()->saveAssignment("li.hua", a);
    std::vector<careeval::Operation> ops;
    std::uint64_t clock = 0;
    for (int author = 0; author < 3; ++author)
        for (int i = 0; i < items; i += (author + 1)) {
            careeval::Operation op;
            op.id = careeval::Uuid::generate();
            op.inspection = a.id;
            op.author = author == 0 ? "wang.fang" : author == 1 ? "zhang.wei" : "liu.min";
            op.device = "tab-" + std::to_string(author);
            op.clock = ++clock;
            op.time = careeval::nowMillis();
            op.target = "bench_" + std::to_string(i);
            op.value = std::to_string((i + author) % 6);
            ops.push_back(std::move(op));
        }
    (void)app.store()->ops().append(ops, careeval::SyncState::Remote);
    if (operations)
        *operations = ops.size();
    return QString::fromStdString(a.id);
}

} // namespace largesheet
