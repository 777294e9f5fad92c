#pragma once
// The push load both server benches drive (bench_server, bench_versus_pg): realistic 100-operation
// batches from several clients over keep-alive connections, and the raw SQLite insert rate on the
// same disk with the same durability.

#include "loopback.h"

#include <careeval/jsonutil.h>
#include <careeval/operation.h>

#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <string>
#include <thread>
#include <vector>

namespace bench {

using namespace careeval;

inline std::string login(int port, const std::string &user)
{
    Conn c(port);
    std::string body;
    c.request("POST", "/api/v1/auth/login", "{\"username\":\"" + user + "\",\"password\":\"demo-2025\"}", {}, body);
    auto j = parseJson(body);
    return j && j->contains("token") ? (*j)["token"].get<std::string>() : std::string();
}

// Lamport clocks as tablets keep them: each operation one past the highest the team has seen (a
// clock far beyond the inspection's is refused as a broken tablet clock).
inline std::atomic<std::uint64_t> g_clock {1000};

//! n realistic operations (set operations on the pilot template's number items) from one tablet.
inline std::vector<Operation> operations(const std::string &author, const std::string &device, std::uint64_t &clock, int n)
{
    static const char *items[] = {"staff_total", "staff_trained", "staff_examined", "staff_passed", "residents_total", "beds_total"};
    std::vector<Operation> out(static_cast<std::size_t>(n));
    for (auto &op : out) {
        op.id = Uuid::generate();
        op.inspection = "demo-pilot-changchun-01";
        op.author = author;
        op.device = device;
        op.clock = clock = ++g_clock;
        op.time = nowMillis();
        op.kind = OpKind::Set;
        op.target = items[clock % 6];
        op.value = std::to_string(clock % 200);
    }
    return out;
}

//! The same as a push request body, written directly (as a tablet's store would send them): the
//! client's own CPU should not be what the bench measures, on a machine it shares with the server.
inline std::string batch(const std::string &author, const std::string &device, std::uint64_t &clock, int n)
{
    std::string out = "{\"ops\":[";
    bool first = true;
    for (const auto &op : operations(author, device, clock, n)) {
        if (!first)
            out += ',';
        first = false;
        out += "{\"author\":\"" + op.author + "\",\"clock\":" + std::to_string(op.clock) + ",\"device\":\"" + op.device + "\",\"id\":\""
            + op.id.toString() + "\",\"inspection\":\"" + op.inspection + "\",\"kind\":\"set\",\"target\":\"" + op.target
            + "\",\"time\":" + std::to_string(op.time) + ",\"value\":" + op.value + "}";
    }
    return out + "]}";
}

//! The "accepted" count of a push reply, read without parsing the whole reply.
inline std::size_t acceptedIn(const std::string &reply)
{
    const auto p = reply.rfind("\"accepted\":");
    return p == std::string::npos ? 0 : static_cast<std::size_t>(std::strtoull(reply.c_str() + p + 11, nullptr, 10));
}

struct LoadResult {
    double opsPerSecond = 0, p50 = 0, p99 = 0;
    std::size_t pushes = 0, errors = 0;
    long rssKb = 0;
};

//! Rate since `start` and the latency percentiles of every client's batches.
inline LoadResult summarize(const std::vector<std::vector<double>> &latencies, std::size_t counted, Clock::time_point start)
{
    LoadResult r;
    std::vector<double> all;
    for (const auto &v : latencies)
        all.insert(all.end(), v.begin(), v.end());
    std::sort(all.begin(), all.end());
    r.pushes = all.size();
    r.opsPerSecond = counted / (msSince(start) / 1000.0);
    if (!all.empty()) {
        r.p50 = all[all.size() / 2];
        r.p99 = all[std::min(all.size() - 1, all.size() * 99 / 100)];
    }
    return r;
}

//! Client c pushes to servers[c % n] (several instances behind no balancer: the load split evenly).
inline LoadResult loadAcross(const std::vector<Server> &servers, const std::vector<std::string> &tokens, int clients, double seconds)
{
    const Server &server = servers.front();
    const char *users[] = {"li.hua", "wang.fang", "zhang.wei"};
    std::atomic<std::size_t> accepted {0}, errors {0};
    std::vector<std::vector<double>> lat(static_cast<std::size_t>(clients));
    std::atomic<long> rss {0};
    const auto start = Clock::now();
    std::vector<std::thread> threads;
    for (int c = 0; c < clients; ++c)
        threads.emplace_back([&, c] {
            Conn conn(servers[static_cast<std::size_t>(c) % servers.size()].port);
            std::uint64_t clock = 0;
            const std::string device = "bench-" + std::to_string(c);
            std::string body;
            while (msSince(start) < seconds * 1000) {
                const std::string req = batch(users[c % 3], device, clock, 100);
                const auto t = Clock::now();
                const int status = conn.request("POST", "/api/v1/inspections/demo-pilot-changchun-01/ops", req, tokens[c % 3], body);
                lat[static_cast<std::size_t>(c)].push_back(msSince(t));
                if (status != 200) {
                    ++errors;
                    break;
                }
                const std::size_t n = acceptedIn(body);
                accepted += n;
                if (n != 100 && errors++ == 0)
                    std::fprintf(stderr, "a push accepted %zu of 100: %s\n", n, body.substr(0, 400).c_str());
                if (c == 0 && msSince(start) > seconds * 500 && rss == 0)
                    rss = rssKb(server.pid);
            }
        });
    for (auto &t : threads)
        t.join();
    LoadResult r = summarize(lat, accepted, start);
    r.errors = errors;
    r.rssKb = rss;
    return r;
}

inline LoadResult load(const Server &server, const std::vector<std::string> &tokens, int clients, double seconds)
{
    return loadAcross({server}, tokens, clients, seconds);
}

//! What a client reads from a pull page: every token of it parsed and checked (nlohmann's SAX
//! parser, as strict as the DOM one), the operations counted, "more" and "next" kept. The bench's
//! PostgreSQL client gets its rows parsed by libpq and touches each value; building a DOM of
//! 2,000 nine-key objects per page would cost this client several times what the server spends on
//! the page, and that is not what the comparison is about.
struct PullPageReader : nlohmann::json_sax<nlohmann::json> {
    std::size_t ops = 0;
    std::int64_t next = -1;
    bool more = false;
    int depth = 0;
    std::string last; // the last key at depth 1
    bool number_integer(number_integer_t v) override { return value(static_cast<std::int64_t>(v)); }
    bool number_unsigned(number_unsigned_t v) override { return value(static_cast<std::int64_t>(v)); }
    bool boolean(bool v) override
    {
        if (depth == 1 && last == "more")
            more = v;
        return true;
    }
    bool null() override { return true; }
    bool number_float(number_float_t, const string_t &) override { return true; }
    bool string(string_t &) override { return true; }
    bool binary(binary_t &) override { return true; }
    bool start_object(std::size_t) override
    {
        if (depth == 2 && last == "ops")
            ++ops;
        ++depth;
        return true;
    }
    bool end_object() override { return --depth, true; }
    bool start_array(std::size_t) override { return ++depth, true; }
    bool end_array() override { return --depth, true; }
    bool key(string_t &k) override
    {
        if (depth == 1)
            last = k;
        return true;
    }
    bool parse_error(std::size_t, const std::string &, const nlohmann::detail::exception &) override { return false; }

private:
    bool value(std::int64_t v)
    {
        if (depth == 1 && last == "next")
            next = v;
        return true;
    }
};

// Pages through GET /ops until `want` operations are read; returns seconds (0 on failure).
inline double careevalPull(int port, const std::string &token, std::size_t want)
{
    Conn conn(port);
    std::string body;
    std::int64_t after = 0;
    std::size_t got = 0;
    const auto start = Clock::now();
    while (got < want) {
        const int status = conn.request("GET",
            std::string("/api/v1/inspections/demo-pilot-changchun-01") + "/ops?after=" + std::to_string(after) + "&limit=2000", {}, token,
            body);
        PullPageReader page;
        if (status != 200 || !nlohmann::json::sax_parse(body, &page) || page.next < 0)
            return 0;
        got += page.ops;
        after = page.next;
        if (!page.more)
            break;
    }
    const double s = msSince(start) / 1000.0;
    return got >= want ? s : 0;
}

//! Rows a second inserted in 100-row transactions (WAL, synchronous=FULL) into a table holding
//! `prefill` rows already (written first, untimed): a log's insert rate falls as its unique index
//! outgrows the cache, so a fair comparison inserts into a table as large as the server's.
inline double rawSqliteRate(const std::string &path, int rows, long prefill = 0)
{
    sqlite3 *db = nullptr;
    sqlite3_open(path.c_str(), &db);
    sqlite3_exec(db,
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; CREATE TABLE t (id TEXT UNIQUE, inspection TEXT, author TEXT, "
        "device TEXT, clock INTEGER, time INTEGER, kind TEXT, target TEXT, value TEXT, state INTEGER)",
        nullptr, nullptr, nullptr);
    sqlite3_stmt *s = nullptr;
    sqlite3_prepare_v2(db, "INSERT INTO t VALUES (?,?,?,?,?,?,?,?,?,0)", -1, &s, nullptr);
    for (long i = 0; i < prefill; i += 50000) {
        sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr);
        for (long j = i; j < std::min(prefill, i + 50000); ++j) {
            const std::string id = Uuid::generate().toString();
            sqlite3_bind_text(s, 1, id.c_str(), -1, SQLITE_TRANSIENT);
            for (int k = 2; k <= 9; ++k)
                sqlite3_bind_text(s, k, "demo-pilot", -1, SQLITE_STATIC);
            sqlite3_step(s);
            sqlite3_reset(s);
        }
        sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
    }
    const auto start = Clock::now();
    for (int i = 0; i < rows; i += 100) {
        sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr);
        for (int j = i; j < i + 100; ++j) {
            const std::string id = Uuid::generate().toString();
            sqlite3_bind_text(s, 1, id.c_str(), -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(s, 2, "demo-pilot-changchun-01", -1, SQLITE_STATIC);
            sqlite3_bind_text(s, 3, "wang.fang", -1, SQLITE_STATIC);
            sqlite3_bind_text(s, 4, "bench", -1, SQLITE_STATIC);
            sqlite3_bind_int64(s, 5, j);
            sqlite3_bind_int64(s, 6, j);
            sqlite3_bind_text(s, 7, "set", -1, SQLITE_STATIC);
            sqlite3_bind_text(s, 8, "staff_total", -1, SQLITE_STATIC);
            sqlite3_bind_text(s, 9, "48", -1, SQLITE_STATIC);
            sqlite3_step(s);
            sqlite3_reset(s);
        }
        sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
    }
    const double secs = msSince(start) / 1000.0;
    sqlite3_finalize(s);
    sqlite3_close(db);
    return rows / secs;
}

} // namespace bench
