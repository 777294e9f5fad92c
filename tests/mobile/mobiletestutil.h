#pragma once
// Helpers for the app's C++ tests: a tablet store in a temporary folder, the shipped pilot template,
// and an assignment for it.

#include "inspectioncontroller.h"
#include "localstore.h"

#include <careeval/template.h>

#include <QTemporaryDir>
#include <QtTest/QtTest>

#include <memory>

namespace mobiletest {

//! Stores an operation as if it had arrived from the server (a teammate's work); false when not stored.
inline bool storeRemote(LocalStore &store, const std::string &inspection, const std::string &author, careeval::OpKind kind,
    const std::string &target, const std::string &value, std::uint64_t clock)
{
    careeval::Operation op;
    op.id = careeval::Uuid::generate();
    op.inspection = inspection;
    op.author = author;
    op.device = "tab-" + author;
    op.clock = clock;
    op.time = careeval::nowMillis();
    op.kind = kind;
    op.target = target;
    op.value = value;
    return store.ops().append(std::span<const careeval::Operation>(&op, 1), careeval::SyncState::Remote).ok();
}

inline std::shared_ptr<const careeval::Template> pilotTemplate()
{
    auto t = careeval::loadTemplateFile(std::string(CAREEVAL_SOURCE_DIR) + "/assets/templates/jilin-pilot-standardization.json");
    if (!t)
        qFatal("pilot template: %s", t.error().message.c_str());
    return std::make_shared<const careeval::Template>(std::move(t.value()));
}

inline Assignment pilotAssignment(const careeval::Template &tpl, const std::string &id = "insp-test")
{
    Assignment a;
    a.id = id;
    a.institution = "inst-1";
    a.institutionName = "测试养老院";
    a.templateId = tpl.id;
    a.templateVersion = tpl.version;
    a.myRole = "lead";
    a.plannedDate = "2026-11-25";
    return a;
}

inline std::unique_ptr<LocalStore> openStore(const QTemporaryDir &dir)
{
    auto s = LocalStore::open(dir.filePath("tablet.db").toStdString());
    if (!s)
        qFatal("store: %s", s.error().message.c_str());
    return std::move(s.value());
}

} // namespace mobiletest
