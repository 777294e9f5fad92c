#pragma once
// A temporary PostgreSQL 15 cluster for the benches (bench_versus_pg, bench_backends): initdb into a
// folder, a loopback port, as the postgres user when run as root (PostgreSQL refuses to run as
// root); fsync and synchronous_commit on, as shipped.

#include "loopback.h"

#include <libpq-fe.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <pwd.h>
#include <string>
#include <unistd.h>

namespace bench {

constexpr const char *kPg = "/usr/lib/postgresql/15/bin/";

// Runs a command line, as the postgres user when we are root (PostgreSQL refuses to run as root).
inline int run(const std::string &command, bool asPostgres)
{
    const std::string line = asPostgres && ::geteuid() == 0 ? "runuser -u postgres -- " + command : command;
    return std::system((line + " >/dev/null 2>&1").c_str());
}

struct Postgres {
    std::string dir;
    int port = 0;
    bool started = false;

    bool start(const std::string &base)
    {
        dir = base + "/pg";
        std::filesystem::create_directories(dir);
        if (::geteuid() == 0)
            if (passwd *pw = ::getpwnam("postgres"))
                if (::chown(dir.c_str(), pw->pw_uid, pw->pw_gid) != 0)
                    return false;
        port = 20000 + static_cast<int>(::getpid() % 20000);
        if (run(std::string(kPg) + "initdb -D " + dir + "/data -A trust -U bench", true) != 0)
            return false;
        const std::string opts = "-c listen_addresses=127.0.0.1 -p " + std::to_string(port) + " -k " + dir
            + " -c fsync=on -c synchronous_commit=on -c shared_buffers=128MB -c max_connections=50";
        started = run(std::string(kPg) + "pg_ctl -D " + dir + "/data -l " + dir + "/log -w -o '" + opts + "' start", true) == 0;
        return started;
    }
    //! start() with the reasons printed: PostgreSQL missing, or the cluster not starting.
    bool startOrSay(const std::string &base, const char *bench)
    {
        if (!std::filesystem::exists(std::string(kPg) + "initdb")) {
            std::fprintf(stderr, "%s needs PostgreSQL 15 (scripts/deps.sh installs postgresql-15)\n", bench);
            return false;
        }
        if (!start(base)) {
            std::fprintf(stderr, "postgres did not start (see %s/log)\n", dir.c_str());
            return false;
        }
        return true;
    }
    void stop()
    {
        if (started)
            run(std::string(kPg) + "pg_ctl -D " + dir + "/data -m fast -w stop", true);
        started = false;
    }
    //! libpq's URL form, as careeval-server's --database takes it.
    std::string url(const std::string &database = "postgres") const
    {
        return "postgresql://bench@127.0.0.1:" + std::to_string(port) + "/" + database;
    }
    PGconn *connect() const
    {
        const std::string info = "host=127.0.0.1 port=" + std::to_string(port) + " user=bench dbname=postgres";
        PGconn *c = PQconnectdb(info.c_str());
        if (PQstatus(c) != CONNECTION_OK) {
            std::fprintf(stderr, "postgres: %s\n", PQerrorMessage(c));
            PQfinish(c);
            return nullptr;
        }
        return c;
    }
};

inline bool exec(PGconn *c, const std::string &sql)
{
    PGresult *r = PQexec(c, sql.c_str());
    const bool ok = PQresultStatus(r) == PGRES_COMMAND_OK || PQresultStatus(r) == PGRES_TUPLES_OK;
    if (!ok)
        std::fprintf(stderr, "postgres: %s\n", PQerrorMessage(c));
    PQclear(r);
    return ok;
}

} // namespace bench
