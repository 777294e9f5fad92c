#pragma once
// Demo data for `careeval-server --demo`: a small province's worth of institutions, an evaluation
// team with a lead, a supervisor, and assignments on the shipped templates — enough to sign in from
// the app and work through an inspection within a minute.

#include "api/service.h"
#include "storage/server_store.h"

#include <string>

namespace careeval::server {

//! The password every demo account has (printed at start; demo data only).
inline constexpr const char *kDemoPassword = "demo-2025";

//! Loads every template under `templatesDir` (validated), then seeds the demo when the database has
//! no inspections yet. Returns lines to show the person who started the server.
Result<std::vector<std::string>> seedDemo(ServerStore &store, Service &service, const std::string &templatesDir);
//! Loads the recorded day of team work (demoDir/*.ops.jsonl, photos in demoDir/blobs) into the demo
//! inspections through the same routes tablets use — pushes as each author, photo uploads, the
//! supervisor's approval — so a first start shows one inspection in progress, one submitted and one
//! approved. Only into inspections that have no operations yet.
Result<std::vector<std::string>> seedDemoWork(ServerStore &store, Service &service, const std::string &demoDir);
Result<std::vector<std::string>> loadTemplates(Service &service, const std::string &templatesDir);

} // namespace careeval::server
