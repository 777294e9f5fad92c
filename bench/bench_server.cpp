// bench_server: load figures for the sync server, loopback only and bounded in time. It starts the
// real careeval-server on 127.0.0.1 (port picked by the system, a fresh data directory, demo data),
// then measures:
//   - operations/s ingested and p50/p99 push latency with 1, 10 and 50 clients, each pushing
//     100-operation batches over a keep-alive connection for a few seconds;
//   - the raw SQLite insert rate on the same disk, same durability (WAL, synchronous=FULL), same
//     100-row transactions, in the same run;
//   - photo upload MB/s (4 MiB chunks, as the app sends them) next to writing the same bytes to a
//     plain file (with one final fsync, as the server does, and with fdatasync per chunk), median of 5;
//   - the server's resident memory while 50 clients push.
// Usage: bench_server [--seconds N] [--photo-only]   (N per client count, default 5; --photo-only skips the push load)

#include "loopback.h"
#include "pushload.h"

#include <careeval/jsonutil.h>
#include <careeval/operation.h>

#include <sqlite3.h>

#include <algorithm>
#include <arpa/inet.h>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <map>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string>
#include <string_view>
#include <sys/socket.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

using namespace careeval;
using bench::Clock;
using bench::Conn;
using bench::load;
using bench::LoadResult;
using bench::login;
using bench::msSince;
using bench::rawSqliteRate;
using bench::rssKb;
using bench::Server;
using bench::startServer;

namespace {

double plainWriteMBps(const std::string &path, const std::string &data, std::size_t chunk, bool syncEachChunk)
{
    const auto start = Clock::now();
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    for (std::size_t off = 0; off < data.size(); off += chunk) {
        const std::size_t n = std::min(chunk, data.size() - off);
        if (::write(fd, data.data() + off, n) != static_cast<ssize_t>(n))
            break;
        if (syncEachChunk)
            ::fdatasync(fd);
    }
    ::fsync(fd);
    ::close(fd);
    return data.size() / 1048576.0 / (msSince(start) / 1000.0);
}

} // namespace

int main(int argc, char **argv)
{
    double seconds = 5;
    std::string threads = "0"; // --threads N: the server's I/O threads (0: its default, one per core)
    bool photoOnly = false; // --photo-only: skip the push load (for profiling the upload path)
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--seconds") && i + 1 < argc)
            seconds = std::max(1.0, std::atof(argv[i + 1]));
        if (!std::strcmp(argv[i], "--photo-only"))
            photoOnly = true;
        if (!std::strcmp(argv[i], "--threads") && i + 1 < argc)
            threads = argv[i + 1];
    }
    const std::string dir = std::filesystem::temp_directory_path() / ("careeval-bench-server-" + std::to_string(getpid()));
    std::filesystem::create_directories(dir);
    const Server server = startServer(CAREEVAL_SERVER, dir + "/data", threads);
    if (server.port == 0) {
        std::fprintf(stderr, "server did not start\n");
        return 1;
    }
    std::printf("bench_server: careeval-server pid %d on 127.0.0.1:%d, %.0f s per client count, 100-operation pushes\n", server.pid,
        server.port, seconds);
    const std::vector<std::string> tokens {login(server.port, "li.hua"), login(server.port, "wang.fang"), login(server.port, "zhang.wei")};
    std::printf("server RSS idle: %.1f MB\n", rssKb(server.pid) / 1024.0);
    // The server's own counters: groups written, pushes they carried, and the single writer's time.
    auto metrics = [&] {
        std::map<std::string, double> out;
        Conn c(server.port);
        std::string m;
        c.request("GET", "/metrics", {}, {}, m);
        for (const char *k : {"careeval_push_transactions_total", "careeval_push_grouped_total", "careeval_push_write_seconds_total",
                 "careeval_push_write_cpu_seconds_total"})
            if (auto p = m.find(std::string("\n") + k + " "); p != std::string::npos)
                out[k] = std::atof(m.c_str() + p + 2 + std::strlen(k));
        return out;
    };
    for (int clients : {1, 10, 50}) {
        if (photoOnly)
            break;
        const auto before = metrics();
        const LoadResult r = load(server, tokens, clients, seconds);
        auto after = metrics();
        for (const auto &[k, v] : before)
            after[k] -= v;
        const double ops = r.opsPerSecond * seconds;
        std::printf("push  %2d clients: %8.0f ops/s ingested, p50 %6.1f ms, p99 %6.1f ms, %zu pushes, %zu errors, server RSS %.1f MB\n"
                    "          writer: %.1f pushes per group, busy %.0f%% of the time, %.1f us wall and %.1f us CPU per operation\n",
            clients, r.opsPerSecond, r.p50, r.p99, r.pushes, r.errors, r.rssKb / 1024.0,
            after["careeval_push_grouped_total"] / std::max(1.0, after["careeval_push_transactions_total"]),
            100 * after["careeval_push_write_seconds_total"] / seconds,
            1e6 * after["careeval_push_write_seconds_total"] / std::max(1.0, ops),
            1e6 * after["careeval_push_write_cpu_seconds_total"] / std::max(1.0, ops));
        std::fflush(stdout);
    }
    const double raw = rawSqliteRate(dir + "/raw.db", 20000);
    std::printf("raw sqlite3 insert (WAL, synchronous=FULL, 100-row transactions, same disk): %.0f rows/s\n", raw);

    // Photo upload next to a plain file write of the same bytes, five rounds (a different blob each
    // round, the two measurements interleaved so both see the same disk and page-cache weather);
    // medians reported. Chunks of 4 MiB, as the app sends them.
    Conn conn(server.port);
    std::string body;
    const std::size_t chunk = 4u << 20;
    std::vector<double> upload, plainOnce, plainSynced;
    int status = 0;
    for (int round = 0; round < 5; ++round) {
        std::string photo(64u << 20, '\0');
        for (std::size_t i = 0; i < photo.size(); ++i)
            photo[i] = static_cast<char>(((i + round * 7919u) * 2654435761u) >> 24);
        const std::string sha = [&] {
            // The server checks the name: compute it the way a client would.
            std::FILE *p = popen(("sha256sum > " + dir + "/sha.txt").c_str(), "w");
            std::fwrite(photo.data(), 1, photo.size(), p);
            pclose(p);
            std::FILE *f = std::fopen((dir + "/sha.txt").c_str(), "r");
            char h[65] = {};
            if (f && std::fread(h, 1, 64, f) == 64)
                std::fclose(f);
            return std::string(h);
        }();
        ::sync();
        const auto start = Clock::now();
        for (std::size_t off = 0; off < photo.size(); off += chunk)
            status
                = conn.request("PUT", "/api/v1/blobs/" + sha + "?offset=" + std::to_string(off) + "&total=" + std::to_string(photo.size()),
                    std::string_view(photo).substr(off, chunk), tokens[2], body);
        upload.push_back(photo.size() / 1048576.0 / (msSince(start) / 1000.0));
        if (status != 201)
            std::printf("photo upload round %d ended with status %d: %s\n", round, status, body.c_str());
        ::sync();
        plainOnce.push_back(plainWriteMBps(dir + "/plain-once", photo, chunk, false));
        ::sync();
        plainSynced.push_back(plainWriteMBps(dir + "/plain-synced", photo, chunk, true));
    }
    auto median = [](std::vector<double> v) {
        std::sort(v.begin(), v.end());
        return v[v.size() / 2];
    };
    std::printf("photo upload 64 MiB in 4 MiB chunks, median of 5: %.0f MB/s (runs", median(upload));
    for (double u : upload)
        std::printf(" %.0f", u);
    std::printf(
        ") | plain file write of the same bytes: %.0f MB/s with one fsync, %.0f MB/s with fdatasync per chunk | upload = %.0f%% of the "
        "one-fsync write\n",
        median(plainOnce), median(plainSynced), 100.0 * median(upload) / median(plainOnce));
    std::printf("server RSS at the end: %.1f MB\n", rssKb(server.pid) / 1024.0);
    ::kill(server.pid, SIGTERM);
    waitpid(server.pid, nullptr, 0);
    std::filesystem::remove_all(dir);
    return 0;
}
