#include "backup.h"

#include "crypto.h"
#include "server_store.h"

#include <careeval/operation.h>
#include <careeval/template.h>

#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include <chrono>
#include <fcntl.h>
#include <filesystem>
#include <thread>
#include <unistd.h>

namespace careeval::server {

namespace fs = std::filesystem;

namespace {

constexpr const char *kManifest = "backup.json";
constexpr const char *kFormat = "careeval-backup/1";

bool blobName(const std::string &name)
{
    return name.size() == 64 && name.find_first_not_of("0123456789abcdef") == std::string::npos;
}

Result<void> syncPath(const fs::path &p, bool directory)
{
    const int fd = ::open(p.c_str(), (directory ? O_RDONLY | O_DIRECTORY : O_RDONLY) | O_CLOEXEC);
    if (fd < 0)
        return makeError(ErrorCode::Io, "cannot open " + p.string() + " to sync it");
    const int rc = directory ? ::fsync(fd) : ::fdatasync(fd);
    ::close(fd);
    if (rc != 0)
        return makeError(ErrorCode::Io, "cannot sync " + p.string());
    return {};
}

// Copies one photo file, hashing what it reads: the copy exists (renamed into place, synced) only
// when its bytes hash to its name.
Result<std::int64_t> copyBlob(const fs::path &from, const fs::path &to, const std::string &sha)
{
    const int in = ::open(from.c_str(), O_RDONLY | O_CLOEXEC);
    if (in < 0)
        return makeError(ErrorCode::Io, "cannot read " + from.string());
    std::error_code ec;
    fs::create_directories(to.parent_path(), ec);
    const fs::path tmp = to.string() + ".partial";
    const int out = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (out < 0) {
        ::close(in);
        return makeError(ErrorCode::Io, "cannot write " + tmp.string());
    }
    Sha256 hash;
    std::string buf(1 << 20, '\0');
    std::int64_t total = 0;
    bool ok = true;
    for (;;) {
        const ssize_t n = ::read(in, buf.data(), buf.size());
        if (n < 0) {
            ok = false;
            break;
        }
        if (n == 0)
            break;
        hash.update(std::string_view(buf.data(), static_cast<std::size_t>(n)));
        for (ssize_t done = 0; done < n;) {
            const ssize_t w = ::write(out, buf.data() + done, static_cast<std::size_t>(n - done));
            if (w <= 0) {
                ok = false;
                break;
            }
            done += w;
        }
        if (!ok)
            break;
        total += n;
    }
    ::close(in);
    ok = ok && ::fdatasync(out) == 0;
    ::close(out);
    if (!ok) {
        fs::remove(tmp, ec);
        return makeError(ErrorCode::Io, "cannot copy " + from.string() + " to " + to.string());
    }
    if (hash.finishHex() != sha) {
        fs::remove(tmp, ec);
        return makeError(ErrorCode::InvalidArgument, from.string() + ": its bytes do not hash to its name (damaged photo)");
    }
    fs::rename(tmp, to, ec);
    if (ec)
        return makeError(ErrorCode::Io, "cannot rename " + tmp.string() + ": " + ec.message());
    return total;
}

// Every photo file under dir/blobs (two-letter folders of SHA-256-named files).
Result<BackupReport> copyBlobs(const fs::path &fromDir, const fs::path &toDir)
{
    BackupReport r;
    std::error_code ec;
    const fs::path from = fromDir / "blobs";
    if (!fs::exists(from, ec))
        return r;
    for (const auto &prefix : fs::directory_iterator(from, ec)) {
        if (!prefix.is_directory() || prefix.path().filename().string().size() != 2)
            continue;
        std::error_code inner;
        for (const auto &f : fs::directory_iterator(prefix.path(), inner)) {
            const std::string name = f.path().filename().string();
            if (!f.is_regular_file() || !blobName(name))
                continue; // partial files and strays are not photos
            auto bytes = copyBlob(f.path(), toDir / "blobs" / name.substr(0, 2) / name, name);
            if (!bytes)
                return bytes.error();
            ++r.blobs;
            r.blobBytes += bytes.value();
        }
        if (inner)
            return makeError(ErrorCode::Io, "cannot list " + prefix.path().string() + ": " + inner.message());
        if (auto s = syncPath(toDir / "blobs" / prefix.path().filename(), true);
            !s && fs::exists(toDir / "blobs" / prefix.path().filename()))
            return s.error();
    }
    if (ec)
        return makeError(ErrorCode::Io, "cannot list " + from.string() + ": " + ec.message());
    return r;
}

// The whole database in one backup step: one read snapshot of the source, whatever is being written.
Result<std::int64_t> copyDatabase(const fs::path &from, const fs::path &to)
{
    sqlite3 *src = nullptr, *dst = nullptr;
    auto closeBoth = [&] {
        sqlite3_close(src);
        sqlite3_close(dst);
    };
    if (sqlite3_open_v2(from.c_str(), &src, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
        std::string why = src ? sqlite3_errmsg(src) : "out of memory";
        closeBoth();
        return makeError(ErrorCode::Database, "cannot open " + from.string() + ": " + why);
    }
    sqlite3_busy_timeout(src, 10000);
    if (sqlite3_open_v2(to.c_str(), &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
        std::string why = dst ? sqlite3_errmsg(dst) : "out of memory";
        closeBoth();
        return makeError(ErrorCode::Database, "cannot create " + to.string() + ": " + why);
    }
    sqlite3_backup *b = sqlite3_backup_init(dst, "main", src, "main");
    if (!b) {
        std::string why = sqlite3_errmsg(dst);
        closeBoth();
        return makeError(ErrorCode::Database, "cannot start the backup: " + why);
    }
    int rc;
    for (int tries = 0;; ++tries) {
        rc = sqlite3_backup_step(b, -1);
        if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED)
            break;
        if (tries > 200)
            break;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    sqlite3_backup_finish(b);
    if (rc != SQLITE_DONE) {
        std::string why = sqlite3_errstr(rc);
        closeBoth();
        return makeError(ErrorCode::Database, "the backup of " + from.string() + " stopped: " + why);
    }
    // A backup is one file: no write-ahead log next to it.
    sqlite3_exec(dst, "PRAGMA journal_mode=DELETE", nullptr, nullptr, nullptr);
    std::int64_t ops = 0;
    sqlite3_stmt *s = nullptr;
    if (sqlite3_prepare_v2(dst, "SELECT count(*) FROM ops", -1, &s, nullptr) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
        ops = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    closeBoth();
    if (auto r = syncPath(to, false); !r)
        return r.error();
    return ops;
}

Result<void> integrityCheck(const fs::path &db)
{
    sqlite3 *h = nullptr;
    if (sqlite3_open_v2(db.c_str(), &h, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
        sqlite3_close(h);
        return makeError(ErrorCode::Database, "cannot open " + db.string());
    }
    sqlite3_stmt *s = nullptr;
    std::string result = "no answer";
    if (sqlite3_prepare_v2(h, "PRAGMA integrity_check", -1, &s, nullptr) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
        result = reinterpret_cast<const char *>(sqlite3_column_text(s, 0));
    sqlite3_finalize(s);
    sqlite3_close(h);
    if (result != "ok")
        return makeError(ErrorCode::Database, db.string() + " fails SQLite's integrity check: " + result);
    return {};
}

bool emptyOrMissing(const fs::path &dir)
{
    std::error_code ec;
    return !fs::exists(dir, ec) || (fs::is_directory(dir, ec) && fs::is_empty(dir, ec));
}

double since(std::chrono::steady_clock::time_point t)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

} // namespace

Result<BackupReport> backupDataDir(const std::string &dataDir, const std::string &toDir)
{
    const auto start = std::chrono::steady_clock::now();
    const fs::path data(dataDir), to(toDir);
    if (!fs::exists(data / "careeval.db"))
        return makeError(ErrorCode::NotFound, "no database in " + dataDir + " (careeval.db)");
    if (!emptyOrMissing(to))
        return makeError(ErrorCode::InvalidArgument, toDir + " is not empty: a backup goes into a new folder");
    std::error_code ec;
    fs::create_directories(to / "blobs", ec);
    if (ec)
        return makeError(ErrorCode::Io, "cannot create " + toDir + ": " + ec.message());
    // The database first: every photo it names was complete on disk before its row was written, so
    // the photos copied after it include all it names (and perhaps a few newer ones).
    auto ops = copyDatabase(data / "careeval.db", to / "careeval.db");
    if (!ops)
        return ops.error();
    auto blobs = copyBlobs(data, to);
    if (!blobs)
        return blobs.error();
    BackupReport r = blobs.value();
    r.operations = ops.value();
    const nlohmann::json manifest {{"format", kFormat}, {"created_at", nowMillis()}, {"source", fs::absolute(data).string()},
        {"operations", r.operations}, {"blobs", r.blobs}, {"blob_bytes", r.blobBytes}};
    const fs::path tmp = to / (std::string(kManifest) + ".partial");
    if (FILE *f = std::fopen(tmp.c_str(), "w")) {
        const std::string text = manifest.dump(1) + "\n";
        const bool ok = std::fwrite(text.data(), 1, text.size(), f) == text.size();
        std::fclose(f);
        if (!ok)
            return makeError(ErrorCode::Io, "cannot write " + tmp.string());
    } else {
        return makeError(ErrorCode::Io, "cannot write " + tmp.string());
    }
    if (auto s = syncPath(tmp, false); !s)
        return s.error();
    fs::rename(tmp, to / kManifest, ec);
    if (ec)
        return makeError(ErrorCode::Io, "cannot write the manifest: " + ec.message());
    (void)syncPath(to, true);
    r.seconds = since(start);
    return r;
}

Result<BackupReport> restoreDataDir(const std::string &fromDir, const std::string &dataDir)
{
    const auto start = std::chrono::steady_clock::now();
    const fs::path from(fromDir), data(dataDir);
    auto manifestText = readFile((from / kManifest).string());
    if (!manifestText)
        return makeError(ErrorCode::InvalidArgument, fromDir + " is not a complete backup (no " + kManifest + ")");
    const auto manifest = nlohmann::json::parse(manifestText.value(), nullptr, false);
    if (!manifest.is_object() || manifest.value("format", "") != kFormat)
        return makeError(ErrorCode::InvalidArgument, (from / kManifest).string() + " is not a CareEval backup manifest (" + kFormat + ")");
    std::error_code ec;
    if (fs::exists(data / "careeval.db", ec))
        return makeError(ErrorCode::InvalidArgument, dataDir + " already holds a database: restore into a new data folder");
    if (auto r = integrityCheck(from / "careeval.db"); !r)
        return r.error();
    fs::create_directories(data / "blobs", ec);
    if (ec)
        return makeError(ErrorCode::Io, "cannot create " + dataDir + ": " + ec.message());
    auto blobs = copyBlobs(from, data);
    if (!blobs)
        return blobs.error();
    if (manifest.value("blobs", std::int64_t {-1}) > blobs->blobs)
        return makeError(ErrorCode::InvalidArgument,
            "the backup lists " + std::to_string(manifest.value("blobs", 0)) + " photos but holds " + std::to_string(blobs->blobs)
                + " (a photo file is missing from " + fromDir + "/blobs)");
    // The database last, under a temporary name: a data folder with a database is a whole one.
    const fs::path tmp = data / "careeval.db.restoring";
    auto ops = copyDatabase(from / "careeval.db", tmp);
    if (!ops)
        return ops.error();
    fs::rename(tmp, data / "careeval.db", ec);
    if (ec)
        return makeError(ErrorCode::Io, "cannot put the database in place: " + ec.message());
    (void)syncPath(data, true);
    // Opening it runs any migrations a newer server needs.
    auto store = ServerStore::open((data / "careeval.db").string());
    if (!store)
        return store.error();
    BackupReport r = blobs.value();
    r.operations = ops.value();
    r.seconds = since(start);
    return r;
}

} // namespace careeval::server
