// bench_versus_pg: CareEval's server next to PostgreSQL 15 on the same durable work, in one run.
//
// It starts the real careeval-server (demo data, a fresh data directory) and a temporary PostgreSQL
// cluster (Debian's postgresql-15: initdb into a temporary directory, a loopback port, as the
// postgres user when run as root; fsync and synchronous_commit on, as shipped), then, interleaved
// over --rounds rounds (default 3), measures:
//   - op ingest: 10 clients, each sending 100-operation batches of realistic operations (set
//     operations on a template's items) for --seconds; CareEval over HTTP (every acknowledgement
//     durable), PostgreSQL as one multi-row INSERT … ON CONFLICT DO NOTHING per batch in autocommit;
//     ops/s and p50/p99 per batch;
//   - the raw SQLite rate of 100-row transactions on the same disk (WAL, synchronous=FULL), into an
//     empty table and into one as large as CareEval's log was during that round (a unique index of
//     random ids inserts ever more slowly as it outgrows the cache);
//   - a pull of 100,000 operations of one inspection: CareEval paging through GET /ops (limit 2000,
//     each page fully parsed by a SAX parser: bench::PullPageReader) next to PostgreSQL's plain
//     SELECT of the same rows (libpq splits them; each value touched). PostgreSQL's time grows with
//     its table (a hot table of one round's rows answered in ~0.4 s, three rounds' in 0.6-1.2 s):
//     compare within one run of the default three rounds;
//   - a 64 MiB photo uploaded in 4 MiB chunks (SHA-256 verified before it becomes visible) next to
//     dd conv=fdatasync of the same bytes;
//   - the server's resident memory during ingest.
// Medians over the rounds and the ratios are printed. Needs postgresql-15 (scripts/deps.sh bench).
//
// Usage: bench_versus_pg [--seconds N] [--rounds R]

#include "loopback.h"
#include "postgres.h"
#include "pushload.h"

#include <libpq-fe.h>

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <pwd.h>
#include <string>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

using namespace careeval;
using namespace bench;
namespace fs = std::filesystem;

namespace {

constexpr const char *kInspection = "demo-pilot-changchun-01";

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

std::string quoted(PGconn *c, const std::string &s)
{
    char *q = PQescapeLiteral(c, s.data(), s.size());
    std::string out = q ? q : "''";
    PQfreemem(q);
    return out;
}

// The same batches as CareEval receives, as one multi-row INSERT … ON CONFLICT DO NOTHING each.
LoadResult pgLoad(const Postgres &pg, int clients, double seconds)
{
    std::atomic<std::size_t> inserted {0}, errors {0};
    std::vector<std::vector<double>> lat(static_cast<std::size_t>(clients));
    const auto start = Clock::now();
    std::vector<std::thread> threads;
    for (int c = 0; c < clients; ++c)
        threads.emplace_back([&, c] {
            PGconn *conn = pg.connect();
            if (!conn) {
                ++errors;
                return;
            }
            const char *users[] = {"li.hua", "wang.fang", "zhang.wei"};
            std::uint64_t clock = 0;
            const std::string device = "bench-" + std::to_string(c);
            while (msSince(start) < seconds * 1000) {
                // The same operations the HTTP bench sends, as SQL literals.
                std::string sql = "INSERT INTO ops (id, inspection, author, device, clock, time, kind, target, value) VALUES ";
                bool first = true;
                for (const auto &o : operations(users[c % 3], device, clock, 100)) {
                    sql += first ? "(" : ",(";
                    first = false;
                    sql += quoted(conn, o.id.toString()) + "," + quoted(conn, o.inspection) + "," + quoted(conn, o.author) + ","
                        + quoted(conn, o.device) + "," + std::to_string(o.clock) + "," + std::to_string(o.time) + ","
                        + quoted(conn, std::string(toString(o.kind))) + "," + quoted(conn, o.target) + "," + quoted(conn, o.value) + ")";
                }
                sql += " ON CONFLICT (id) DO NOTHING";
                const auto t = Clock::now();
                PGresult *r = PQexec(conn, sql.c_str());
                lat[static_cast<std::size_t>(c)].push_back(msSince(t));
                if (PQresultStatus(r) != PGRES_COMMAND_OK) {
                    std::fprintf(stderr, "postgres insert: %s\n", PQerrorMessage(conn));
                    ++errors;
                    PQclear(r);
                    break;
                }
                inserted += static_cast<std::size_t>(std::atol(PQcmdTuples(r)));
                PQclear(r);
            }
            PQfinish(conn);
        });
    for (auto &t : threads)
        t.join();
    LoadResult r = summarize(lat, inserted, start);
    r.errors = errors;
    return r;
}

double pgPull(const Postgres &pg, std::size_t want)
{
    PGconn *c = pg.connect();
    if (!c)
        return 0;
    const auto start = Clock::now();
    const std::string sql = "SELECT id, inspection, author, device, clock, time, kind, target, value FROM ops WHERE inspection = '"
        + std::string(kInspection) + "' ORDER BY seq LIMIT " + std::to_string(want);
    PGresult *r = PQexec(c, sql.c_str());
    const bool ok = PQresultStatus(r) == PGRES_TUPLES_OK && static_cast<std::size_t>(PQntuples(r)) == want;
    // Touch every value, as a client would.
    std::size_t bytes = 0;
    for (int i = 0; ok && i < PQntuples(r); ++i)
        bytes += std::strlen(PQgetvalue(r, i, 8));
    const double s = msSince(start) / 1000.0;
    PQclear(r);
    PQfinish(c);
    return ok && bytes > 0 ? s : 0;
}

std::string sha256Of(const std::string &path)
{
    std::FILE *p = popen(("sha256sum " + path).c_str(), "r");
    char h[65] = {};
    if (p && std::fread(h, 1, 64, p) == 64) { }
    if (p)
        pclose(p);
    return h;
}

} // namespace

int main(int argc, char **argv)
{
    double seconds = 5;
    int rounds = 3;
    for (int i = 1; i + 1 < argc; ++i) {
        if (!std::strcmp(argv[i], "--seconds"))
            seconds = std::max(1.0, std::atof(argv[i + 1]));
        if (!std::strcmp(argv[i], "--rounds"))
            rounds = std::max(1, std::atoi(argv[i + 1]));
    }
    const std::string dir = fs::temp_directory_path() / ("careeval-versus-" + std::to_string(getpid()));
    fs::create_directories(dir);
    Postgres pg;
    if (!pg.startOrSay(dir, "bench_versus_pg"))
        return 1;
    {
        PGconn *c = pg.connect();
        if (!c
            || !exec(c,
                "CREATE TABLE ops (seq bigserial PRIMARY KEY, id text NOT NULL UNIQUE, inspection text NOT NULL, author text NOT NULL, "
                "device text NOT NULL, clock bigint NOT NULL, time bigint NOT NULL, kind text NOT NULL, target text NOT NULL, "
                "value text NOT NULL, state int NOT NULL DEFAULT 0); CREATE INDEX ops_inspection ON ops (inspection, seq)")) {
            pg.stop();
            return 1;
        }
        PQfinish(c);
    }
    const Server server = startServer(CAREEVAL_SERVER, dir + "/careeval", "0");
    if (server.port == 0) {
        std::fprintf(stderr, "careeval-server did not start\n");
        pg.stop();
        return 1;
    }
    const std::vector<std::string> tokens {login(server.port, "li.hua"), login(server.port, "wang.fang"), login(server.port, "zhang.wei")};
    std::printf("bench_versus_pg: careeval-server pid %d on :%d, PostgreSQL 15 on :%d (fsync on, synchronous_commit on); "
                "%d rounds, interleaved, %.0f s of ingest each\n",
        server.pid, server.port, pg.port, rounds, seconds);

    // Ingest, interleaved: CareEval, PostgreSQL, raw SQLite, then again.
    std::vector<double> ceRate, ceP50, ceP99, pgRate, pgP50, pgP99, raw, rawSame, rss;
    double logRows = 0; // operations in CareEval's log so far
    for (int r = 0; r < rounds; ++r) {
        const LoadResult ce = load(server, tokens, 10, seconds);
        logRows += ce.opsPerSecond * seconds;
        ceRate.push_back(ce.opsPerSecond);
        ceP50.push_back(ce.p50);
        ceP99.push_back(ce.p99);
        rss.push_back(ce.rssKb / 1024.0);
        const LoadResult p = pgLoad(pg, 10, seconds);
        pgRate.push_back(p.opsPerSecond);
        pgP50.push_back(p.p50);
        pgP99.push_back(p.p99);
        raw.push_back(rawSqliteRate(dir + "/raw-" + std::to_string(r) + ".db", 20000));
        // The same, into a table as large as CareEval's log was during this round's ingest.
        const long sameRows = static_cast<long>(logRows - ce.opsPerSecond * seconds / 2);
        rawSame.push_back(rawSqliteRate(dir + "/raw-same-" + std::to_string(r) + ".db", 20000, sameRows));
        fs::remove(dir + "/raw-same-" + std::to_string(r) + ".db");
        std::printf("round %d: CareEval %.0f ops/s (p50 %.1f, p99 %.1f ms, %zu errors) | PostgreSQL %.0f ops/s (p50 %.1f, p99 %.1f ms, "
                    "%zu errors) | raw SQLite %.0f rows/s (empty table), %.0f rows/s (%ld rows in it)\n",
            r + 1, ce.opsPerSecond, ce.p50, ce.p99, ce.errors, p.opsPerSecond, p.p50, p.p99, p.errors, raw.back(), rawSame.back(),
            sameRows);
        std::fflush(stdout);
    }

    // Pull 100,000 operations of the inspection both hold (the ingest put more than that in each).
    std::vector<double> cePull, pgPullS;
    for (int r = 0; r < rounds; ++r) {
        cePull.push_back(careevalPull(server.port, tokens[0], 100000));
        pgPullS.push_back(pgPull(pg, 100000));
    }

    // A 64 MiB photo next to dd conv=fdatasync of the same bytes: several pairs a round, the order
    // alternating, each after a sync, so neither side always meets the disk still writing back the
    // other's bytes (one dd after the ingest rounds measured anywhere from 320 to 930 MiB/s).
    std::vector<double> upload, dd;
    for (int r = 0; r < rounds * 3; ++r) {
        std::string photo(64u << 20, '\0');
        for (std::size_t i = 0; i < photo.size(); ++i)
            photo[i] = static_cast<char>(((i + static_cast<std::size_t>(r) * 7919u) * 2654435761u) >> 24);
        const std::string file = dir + "/photo.bin";
        std::ofstream(file, std::ios::binary).write(photo.data(), static_cast<std::streamsize>(photo.size()));
        const std::string sha = sha256Of(file);
        auto putPhoto = [&] {
            ::sync();
            Conn conn(server.port);
            std::string body;
            int status = 0;
            const auto t = Clock::now();
            for (std::size_t off = 0; off < photo.size(); off += 4u << 20)
                status = conn.request("PUT",
                    "/api/v1/blobs/" + sha + "?offset=" + std::to_string(off) + "&total=" + std::to_string(photo.size()),
                    std::string_view(photo).substr(off, 4u << 20), tokens[2], body);
            upload.push_back(status == 201 ? 64.0 / (msSince(t) / 1000.0) : 0);
        };
        auto ddPhoto = [&] {
            ::sync();
            const auto d = Clock::now();
            run("dd if=" + file + " of=" + dir + "/dd-" + std::to_string(r) + ".bin bs=4M conv=fdatasync", false);
            dd.push_back(64.0 / (msSince(d) / 1000.0));
        };
        if (r % 2) {
            ddPhoto();
            putPhoto();
        } else {
            putPhoto();
            ddPhoto();
        }
    }

    std::printf("\n%-34s %16s %16s %8s\n", "medians", "CareEval", "PostgreSQL 15", "ratio");
    std::printf(
        "%-34s %16.0f %16.0f %7.2fx\n", "op ingest, ops/s (10 clients)", median(ceRate), median(pgRate), median(ceRate) / median(pgRate));
    std::printf("%-34s %16.1f %16.1f %7.2fx\n", "  p50 per 100-op batch, ms", median(ceP50), median(pgP50), median(ceP50) / median(pgP50));
    std::printf("%-34s %16.1f %16.1f %7.2fx\n", "  p99 per 100-op batch, ms", median(ceP99), median(pgP99), median(ceP99) / median(pgP99));
    if (median(cePull) > 0 && median(pgPullS) > 0)
        std::printf(
            "%-34s %16.2f %16.2f %7.2fx\n", "pull 100,000 ops, s", median(cePull), median(pgPullS), median(cePull) / median(pgPullS));
    else
        std::printf(
            "%-34s %s\n", "pull 100,000 ops, s", "not measured: the ingest stored fewer than 100,000 operations (give more --seconds)");
    std::printf("%-34s %16.0f %16s %8s\n", "raw SQLite 100-row txns, rows/s", median(raw), "", "");
    std::printf("%-34s %16.2f\n", "CareEval ingest / raw SQLite", median(ceRate) / median(raw));
    std::printf("%-34s %16.0f\n", "raw SQLite, table as large as log", median(rawSame));
    std::printf("%-34s %16.2f\n", "CareEval ingest / that", median(ceRate) / median(rawSame));
    std::printf("%-34s %16.0f %16.0f %7.2fx  (dd conv=fdatasync)\n", "64 MiB photo upload, MiB/s", median(upload), median(dd),
        median(upload) / median(dd));
    std::printf("%-34s %16.1f\n", "server RSS during ingest, MB", median(rss));

    ::kill(server.pid, SIGTERM);
    waitpid(server.pid, nullptr, 0);
    pg.stop();
    fs::remove_all(dir);
    return 0;
}
