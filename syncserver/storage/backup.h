#pragma once
// Backups of the embedded default (one data folder: careeval.db and blobs/): a consistent copy taken
// while the server keeps taking pushes, and its restore into a new data folder. The database is
// copied with SQLite's online backup API in one step (one read snapshot, never a half-written
// transaction); photos are immutable files named by their SHA-256, copied after it, each verified
// against its name. A backup is complete only once its manifest (backup.json) is written, last.

#include <careeval/result.h>

#include <cstdint>
#include <string>

namespace careeval::server {

struct BackupReport {
    std::int64_t operations = 0; //!< in the copied database
    std::int64_t blobs = 0; //!< photo and signature files copied
    std::int64_t blobBytes = 0;
    double seconds = 0;
};

//! Copies the data folder `dataDir` into `toDir` (which must not exist, or be empty).
Result<BackupReport> backupDataDir(const std::string &dataDir, const std::string &toDir);
//! Copies the complete backup `fromDir` into the data folder `dataDir`, which must hold no database
//! yet: nothing is ever overwritten. Every photo is verified; the database must pass SQLite's
//! integrity check.
Result<BackupReport> restoreDataDir(const std::string &fromDir, const std::string &dataDir);

} // namespace careeval::server
