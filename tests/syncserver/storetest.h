#pragma once
// The server's tests run on both storage backends. Without CAREEVAL_TEST_PG they use SQLite files in
// their temporary folders; with it (a URL to a PostgreSQL cluster's maintenance database, set by
// ctest for the *_pg variants after scripts/pg-cluster.sh started a cluster) every test folder gets
// a new empty database of its own on that cluster.

#include <libpq-fe.h>
#include <sqlite3.h>

#include <atomic>
#include <cstdlib>
#include <map>
#include <mutex>
#include <stdexcept>
#include <string>
#include <unistd.h>

namespace storetest {

inline std::string cluster()
{
    const char *v = std::getenv("CAREEVAL_TEST_PG");
    return v ? v : "";
}

inline bool onPostgres()
{
    return !cluster().empty();
}

//! Runs SQL on a PostgreSQL URL; the first column of the first row ("" when none). Throws on error.
inline std::string pgQuery(const std::string &url, const std::string &sql)
{
    PGconn *c = PQconnectdb(url.c_str());
    if (PQstatus(c) != CONNECTION_OK) {
        std::string msg = PQerrorMessage(c);
        PQfinish(c);
        throw std::runtime_error("cannot connect to " + url + ": " + msg);
    }
    PGresult *r = PQexec(c, sql.c_str());
    const auto st = PQresultStatus(r);
    std::string out;
    std::string error;
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK)
        error = PQresultErrorMessage(r);
    else if (PQntuples(r) > 0 && PQnfields(r) > 0)
        out = PQgetvalue(r, 0, 0);
    PQclear(r);
    PQfinish(c);
    if (!error.empty())
        throw std::runtime_error(sql + ": " + error);
    return out;
}

//! A new, empty database on the test cluster; its URL.
inline std::string freshDatabase()
{
    static std::atomic<int> n {0};
    const std::string base = cluster();
    const std::string name = "t" + std::to_string(::getpid()) + "_" + std::to_string(n++) + "_" + std::to_string(std::rand() % 100000);
    pgQuery(base, "CREATE DATABASE " + name);
    return base.substr(0, base.rfind('/') + 1) + name;
}

//! Where the server's store for test folder `dir` lives (the same answer every time for one folder):
//! `dir/file` on SQLite, a database of its own on PostgreSQL.
inline std::string location(const std::string &dir, const std::string &file = "server.db")
{
    if (!onPostgres())
        return dir + "/" + file;
    static std::mutex mutex;
    static std::map<std::string, std::string> known;
    std::lock_guard lock(mutex);
    auto &url = known[dir];
    if (url.empty())
        url = freshDatabase();
    return url;
}

//! Runs SQL against a store by its location (either backend): the first column of the first row.
inline std::string query(const std::string &where, const std::string &sql)
{
    if (where.starts_with("postgresql://") || where.starts_with("postgres://"))
        return pgQuery(where, sql);
    sqlite3 *db = nullptr;
    if (sqlite3_open(where.c_str(), &db) != SQLITE_OK) {
        sqlite3_close(db);
        throw std::runtime_error("cannot open " + where);
    }
    sqlite3_stmt *s = nullptr;
    std::string out, error;
    const char *tail = sql.c_str();
    while (tail && *tail) {
        if (sqlite3_prepare_v2(db, tail, -1, &s, &tail) != SQLITE_OK) {
            error = sqlite3_errmsg(db);
            break;
        }
        if (!s)
            break;
        int rc = sqlite3_step(s);
        if (rc == SQLITE_ROW && out.empty() && sqlite3_column_text(s, 0))
            out = reinterpret_cast<const char *>(sqlite3_column_text(s, 0));
        else if (rc != SQLITE_ROW && rc != SQLITE_DONE)
            error = sqlite3_errmsg(db);
        sqlite3_finalize(s);
        s = nullptr;
        if (!error.empty())
            break;
    }
    sqlite3_close(db);
    if (!error.empty())
        throw std::runtime_error(sql + ": " + error);
    return out;
}

} // namespace storetest
