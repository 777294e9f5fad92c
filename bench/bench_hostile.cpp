// bench_hostile: the server under hostile load (issue 15), loopback only, bounded in time. It starts
// the real careeval-server (fresh data directory, demo data) and prints:
//   - its memory while 256 connections (from 8 addresses) each send an 8 MiB upload without signing
//     in — refused from the header, so the bodies are never buffered;
//   - GET /me latency (p50/p99 of sequential requests on one connection) idle, and while 8 clients
//     sign in as fast as they can (argon2id on the worker pool, not the I/O threads);
//   - GET /healthz latency while 2,000 idle connections (from 40 addresses) are held.
// Usage: bench_hostile [--seconds N]   (length of the sign-in flood, default 5)

#include "loopback.h"

#include <careeval/jsonutil.h>

#include <sys/resource.h>
#include <sys/wait.h>

#include <algorithm>
#include <atomic>
#include <csignal>
#include <filesystem>
#include <memory>
#include <vector>

using namespace bench;

namespace {

struct Latency {
    double p50 = 0, p99 = 0;
    int errors = 0;
};

Latency measure(int port, const std::string &target, const std::string &token, int n)
{
    Conn c(port, "127.0.0.2");
    std::vector<double> ms;
    Latency l;
    for (int i = 0; i < n; ++i) {
        std::string body;
        const auto t = Clock::now();
        if (c.request("GET", target, {}, token, body) != 200)
            ++l.errors;
        ms.push_back(msSince(t));
    }
    std::sort(ms.begin(), ms.end());
    l.p50 = ms[ms.size() / 2];
    l.p99 = ms[std::min(ms.size() - 1, ms.size() * 99 / 100)];
    return l;
}

} // namespace

int main(int argc, char **argv)
{
    int seconds = 5;
    for (int i = 1; i + 1 < argc; ++i)
        if (!std::strcmp(argv[i], "--seconds"))
            seconds = std::max(1, std::atoi(argv[++i]));
    std::signal(SIGPIPE, SIG_IGN);
    rlimit lim {};
    if (::getrlimit(RLIMIT_NOFILE, &lim) == 0) {
        lim.rlim_cur = lim.rlim_max;
        ::setrlimit(RLIMIT_NOFILE, &lim);
    }
    const auto dir = std::filesystem::temp_directory_path() / ("bench_hostile-" + std::to_string(getpid()));
    std::filesystem::create_directories(dir);
    const Server server = startServer(CAREEVAL_SERVER, dir.string(), "2");
    if (server.port == 0) {
        std::fprintf(stderr, "the server did not start\n");
        return 1;
    }
    std::printf("careeval-server on 127.0.0.1:%d, RSS idle %.1f MB\n", server.port, rssKb(server.pid) / 1024.0);

    // 1. Unauthenticated 8 MiB uploads on 256 connections.
    {
        const std::string chunk(8 << 20, 'x');
        std::atomic<long> peak {0};
        std::atomic<bool> done {false};
        std::thread sampler([&] {
            while (!done) {
                peak = std::max(peak.load(), rssKb(server.pid));
                std::this_thread::sleep_for(std::chrono::milliseconds(20));
            }
        });
        std::atomic<int> refused {0};
        std::vector<std::thread> clients;
        const auto t = Clock::now();
        for (int a = 0; a < 8; ++a)
            clients.emplace_back([&, a] {
                const std::string from = "127.0.2." + std::to_string(a + 1);
                std::vector<std::unique_ptr<Conn>> conns;
                for (int i = 0; i < 32; ++i) {
                    auto c = std::make_unique<Conn>(server.port, from.c_str());
                    const std::string head = "PUT /api/v1/blobs/" + std::string(64, 'a') + "?offset=0&total=" + std::to_string(chunk.size())
                        + " HTTP/1.1\r\nHost: a\r\nContent-Length: " + std::to_string(chunk.size()) + "\r\n\r\n";
                    c->sendAll(head);
                    conns.push_back(std::move(c));
                }
                // Then the bodies, as an attacker would, whatever the server said.
                for (auto &c : conns) {
                    (void)c->sendAll(chunk);
                    char buf[64] = {};
                    if (::recv(c->fd(), buf, sizeof buf - 1, MSG_DONTWAIT) > 0 && std::strstr(buf, " 401 "))
                        ++refused;
                }
            });
        for (auto &c : clients)
            c.join();
        done = true;
        sampler.join();
        std::printf("256 unauthenticated 8 MiB uploads (2 GiB offered): %.1f s, refused with 401: %d, server RSS peak %.1f MB "
                    "(VmHWM %.1f MB)\n",
            msSince(t) / 1000, refused.load(), peak / 1024.0, statusKb(server.pid, "VmHWM:") / 1024.0);
    }

    // 2. GET /me idle and under a sign-in flood.
    std::string token;
    {
        Conn c(server.port, "127.0.0.2");
        std::string body;
        c.request("POST", "/api/v1/auth/login", "{\"username\":\"zhang.wei\",\"password\":\"demo-2025\"}", {}, body);
        const auto j = careeval::parseJson(body);
        token = j && j->contains("token") ? (*j)["token"].get<std::string>() : std::string();
    }
    const Latency idle = measure(server.port, "/api/v1/me", token, 2000);
    std::atomic<bool> flooding {true};
    std::atomic<int> signIns {0};
    std::vector<std::thread> flood;
    for (int i = 0; i < 8; ++i)
        flood.emplace_back([&, i] {
            const std::string from = "127.0.3." + std::to_string(i + 1);
            while (flooding) {
                Conn c(server.port, from.c_str());
                std::string body;
                if (c.request("POST", "/api/v1/auth/login", "{\"username\":\"wang.fang\",\"password\":\"demo-2025\"}", {}, body) == 200)
                    ++signIns;
            }
        });
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    const auto floodStart = Clock::now();
    Latency loaded;
    int rounds = 0;
    std::vector<double> p99s;
    while (msSince(floodStart) < seconds * 1000.0) {
        const Latency l = measure(server.port, "/api/v1/me", token, 500);
        p99s.push_back(l.p99);
        loaded.p50 = l.p50;
        loaded.errors += l.errors;
        ++rounds;
    }
    flooding = false;
    for (auto &t : flood)
        t.join();
    std::sort(p99s.begin(), p99s.end());
    loaded.p99 = p99s[p99s.size() / 2];
    std::printf("GET /me idle: p50 %.2f ms, p99 %.2f ms; during a sign-in flood (8 clients, %.0f sign-ins/s): p50 %.2f ms, "
                "p99 %.2f ms (median of %d rounds), %.2fx idle p99, errors %d\n",
        idle.p50, idle.p99, signIns / (msSince(floodStart) / 1000), loaded.p50, loaded.p99, rounds, loaded.p99 / idle.p99, loaded.errors);

    // 3. /healthz with 2,000 idle connections held.
    {
        std::vector<std::unique_ptr<Conn>> held;
        for (int a = 0; a < 40; ++a) {
            const std::string from = "127.0.4." + std::to_string(a + 1);
            for (int i = 0; i < 50; ++i)
                held.push_back(std::make_unique<Conn>(server.port, from.c_str()));
        }
        const auto open = std::count_if(held.begin(), held.end(), [](const auto &c) { return c->ok(); });
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        const Latency h = measure(server.port, "/healthz", {}, 500);
        std::printf("GET /healthz with %ld idle connections held: p50 %.2f ms, p99 %.2f ms, errors %d\n", static_cast<long>(open), h.p50,
            h.p99, h.errors);
    }
    std::printf("server RSS at the end: %.1f MB\n", rssKb(server.pid) / 1024.0);
    kill(server.pid, SIGTERM);
    int status = 0;
    waitpid(server.pid, &status, 0);
    std::filesystem::remove_all(dir);
    return 0;
}
