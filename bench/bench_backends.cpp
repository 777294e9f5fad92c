// bench_backends (issue 18): careeval-server on its two storage backends, in one run.
//
// Starts a temporary PostgreSQL 15 cluster (fsync and synchronous_commit on, as shipped) and three
// servers: one on the embedded SQLite database, two instances on one PostgreSQL database (the second
// started after the first, so the demo is seeded once). Interleaved over --rounds rounds:
//   - op ingest, 10 clients, 100-operation batches, every acknowledgement durable: SQLite (one
//     instance), PostgreSQL (one instance), PostgreSQL (two instances, the clients split between
//     them, each using the token the first instance issued);
//   - a pull of 100,000 operations by cursor (GET /ops, limit 2000) from each backend;
//   - a 64 MiB photo upload in 4 MiB chunks (verified, then stored): to the data folder (SQLite and
//     PostgreSQL instances), and to an S3-compatible store — s3rver from tests/s3/node_modules (npm
//     ci there first), a Node.js server writing files, so the figure is the protocol's cost on this
//     machine, not a real object store's speed.
// Medians are printed. All clients push to the demo's one inspection, the worst case for PostgreSQL
// (a push locks its inspection's row: pushes to one inspection are written one transaction at a time
// on any number of instances; a province's campaign spreads them over hundreds).
//
// Usage: bench_backends [--seconds N] [--rounds R]

#include "loopback.h"
#include "postgres.h"
#include "pushload.h"
#include "storage/crypto.h"

#include <algorithm>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <sys/wait.h>
#include <thread>

using namespace careeval;
using namespace bench;
namespace fs = std::filesystem;

namespace {

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

double uploadMiBs(int port, const std::string &token, int seed)
{
    std::string photo(64u << 20, '\0');
    for (std::size_t i = 0; i < photo.size(); ++i)
        photo[i] = static_cast<char>(((i + static_cast<std::size_t>(seed) * 7919u) * 2654435761u) >> 24);
    const std::string sha = server::sha256Hex(photo);
    ::sync();
    Conn conn(port);
    std::string body;
    int status = 0;
    const auto t = Clock::now();
    for (std::size_t off = 0; off < photo.size(); off += 4u << 20)
        status = conn.request("PUT", "/api/v1/blobs/" + sha + "?offset=" + std::to_string(off) + "&total=" + std::to_string(photo.size()),
            std::string_view(photo).substr(off, 4u << 20), token, body);
    return status == 201 ? 64.0 / (msSince(t) / 1000.0) : 0;
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
    if (!server::cryptoInit())
        return 1;
    const std::string dir = fs::temp_directory_path() / ("careeval-backends-" + std::to_string(getpid()));
    fs::create_directories(dir);
    Postgres pg;
    if (!pg.startOrSay(dir, "bench_backends"))
        return 1;
    {
        PGconn *c = pg.connect();
        if (!c || !exec(c, "CREATE DATABASE careeval")) {
            pg.stop();
            return 1;
        }
        PQfinish(c);
    }
    const std::vector<std::string> onPg {"--database", pg.url("careeval")};
    const Server lite = startServer(CAREEVAL_SERVER, dir + "/sqlite", "0");
    const Server pg1 = startServer(CAREEVAL_SERVER, dir + "/pg1", "0", onPg);
    const Server pg2 = startServer(CAREEVAL_SERVER, dir + "/pg2", "0", onPg);
    std::vector<pid_t> pids {lite.pid, pg1.pid, pg2.pid};
    auto stopAll = [&] {
        for (pid_t p : pids) {
            ::kill(p, SIGTERM);
            waitpid(p, nullptr, 0);
        }
        pg.stop();
        fs::remove_all(dir);
    };
    if (lite.port == 0 || pg1.port == 0 || pg2.port == 0) {
        std::fprintf(stderr, "a careeval-server did not start\n");
        stopAll();
        return 1;
    }
    // The object store: s3rver on loopback, and a fourth server (SQLite) keeping its photos there.
    Server objects;
    pid_t s3rverPid = -1;
    const std::string s3rverJs = std::string(CAREEVAL_SOURCE_DIR) + "/tests/s3/node_modules/s3rver/bin/s3rver.js";
    if (fs::exists(s3rverJs)) {
        const int s3Port = 20000 + static_cast<int>((::getpid() + 7) % 20000);
        s3rverPid = fork();
        if (s3rverPid == 0) {
            const std::string port = std::to_string(s3Port), data = dir + "/s3";
            execlp("node", "node", s3rverJs.c_str(), "-d", data.c_str(), "-a", "127.0.0.1", "-p", port.c_str(), "--silent",
                "--configure-bucket", "photos", static_cast<char *>(nullptr));
            _exit(127);
        }
        pids.push_back(s3rverPid);
        for (int i = 0; i < 100 && !Conn(s3Port).ok(); ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        ::setenv("AWS_ACCESS_KEY_ID", "S3RVER", 1);
        ::setenv("AWS_SECRET_ACCESS_KEY", "S3RVER", 1);
        objects = startServer(CAREEVAL_SERVER, dir + "/objects", "0",
            {"--blobs", "s3://photos?endpoint=http://127.0.0.1:" + std::to_string(s3Port) + "&region=us-east-1"});
        if (objects.port)
            pids.push_back(objects.pid);
    } else {
        std::printf("(no tests/s3/node_modules: the object-store upload is not measured; cd tests/s3 && npm ci)\n");
    }
    const char *users[] = {"li.hua", "wang.fang", "zhang.wei"};
    std::vector<std::string> liteTokens, pgTokens;
    for (const char *u : users) {
        liteTokens.push_back(login(lite.port, u));
        pgTokens.push_back(login(pg1.port, u)); // issued by one instance, used on both
    }
    std::printf("bench_backends: SQLite instance :%d; PostgreSQL 15 :%d (fsync on, synchronous_commit on) with instances :%d and :%d; "
                "%d rounds, %.0f s of ingest each\n",
        lite.port, pg.port, pg1.port, pg2.port, rounds, seconds);

    std::vector<double> liteRate, liteP99, pgRate, pgP99, twoRate, twoP99;
    for (int r = 0; r < rounds; ++r) {
        const LoadResult a = load(lite, liteTokens, 10, seconds);
        const LoadResult b = load(pg1, pgTokens, 10, seconds);
        const LoadResult c = loadAcross({pg1, pg2}, pgTokens, 10, seconds);
        liteRate.push_back(a.opsPerSecond);
        liteP99.push_back(a.p99);
        pgRate.push_back(b.opsPerSecond);
        pgP99.push_back(b.p99);
        twoRate.push_back(c.opsPerSecond);
        twoP99.push_back(c.p99);
        std::printf("round %d: SQLite %.0f ops/s (p99 %.1f ms, %zu errors) | PostgreSQL, 1 instance %.0f ops/s (p99 %.1f ms, %zu errors) | "
                    "PostgreSQL, 2 instances %.0f ops/s (p99 %.1f ms, %zu errors)\n",
            r + 1, a.opsPerSecond, a.p99, a.errors, b.opsPerSecond, b.p99, b.errors, c.opsPerSecond, c.p99, c.errors);
        std::fflush(stdout);
    }
    const std::string objectsToken = objects.port ? login(objects.port, "zhang.wei") : std::string();
    std::vector<double> litePull, pgPull, liteUp, pgUp, s3Up;
    for (int r = 0; r < rounds; ++r) {
        litePull.push_back(careevalPull(lite.port, liteTokens[0], 100000));
        pgPull.push_back(careevalPull(pg2.port, pgTokens[0], 100000));
        liteUp.push_back(uploadMiBs(lite.port, liteTokens[2], 3 * r));
        pgUp.push_back(uploadMiBs(pg1.port, pgTokens[2], 3 * r + 1));
        if (objects.port)
            s3Up.push_back(uploadMiBs(objects.port, objectsToken, 3 * r + 2));
    }

    std::printf("\n%-36s %14s %14s %16s\n", "medians", "SQLite", "PostgreSQL", "PostgreSQL x2");
    std::printf("%-36s %14.0f %14.0f %16.0f\n", "op ingest, ops/s (10 clients)", median(liteRate), median(pgRate), median(twoRate));
    std::printf("%-36s %14.1f %14.1f %16.1f\n", "  p99 per 100-op batch, ms", median(liteP99), median(pgP99), median(twoP99));
    std::printf("%-36s %14.2f %14.2f\n", "pull 100,000 ops, s (0: fewer ops)", median(litePull), median(pgPull));
    std::printf("%-36s %14.0f %14.0f\n", "64 MiB photo upload, MiB/s", median(liteUp), median(pgUp));
    if (!s3Up.empty())
        std::printf("%-36s %14.0f  (to s3rver on loopback; the data folder: %.0f)\n", "  the same to the object store, MiB/s", median(s3Up),
            median(liteUp));
    stopAll();
    return 0;
}
