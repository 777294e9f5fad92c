// bench_core: prints the core's figures. Not a test: it measures and reports, and decides nothing.
//   merge time and peak memory for 10^4, 10^5, 10^6 operations (each size in its own process, so the
//   peak is that size's own); scoring time of a 500-item template; the store's append rate next to a
//   raw sqlite3 insert loop on the same machine, same schema, same batch size, same durability.
// Usage: bench_core [--quick]   (--quick: 10^4 and 10^5 only, fewer rows; for smoke runs)

#include <careeval/jsonutil.h>
#include <careeval/merge.h>
#include <careeval/scoring.h>
#include <careeval/store.h>
#include <careeval/template.h>

#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <random>
#include <string>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace careeval;
using Clock = std::chrono::steady_clock;

namespace {

double ms(Clock::time_point a, Clock::time_point b)
{
    return std::chrono::duration<double, std::milli>(b - a).count();
}

long rssKb()
{
    FILE *f = std::fopen("/proc/self/statm", "r");
    long pages = 0, resident = 0;
    if (f) {
        if (std::fscanf(f, "%ld %ld", &pages, &resident) != 2)
            resident = 0;
        std::fclose(f);
    }
    return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

long peakKb()
{
    rusage u {};
    getrusage(RUSAGE_SELF, &u);
    return u.ru_maxrss;
}

// A 500-item scoring sheet: 10 sections of 50 items (score, pointed check, number), with indicators.
Template bigTemplate()
{
    using nlohmann::json;
    auto text = [](const std::string &s) { return json {{"zh", s}, {"en", s}}; };
    json steps = json::array();
    for (auto key : kStepKeys) {
        const std::string k(key);
        json sections = json::array();
        if (k == "scoring") {
            for (int s = 0; s < 10; ++s) {
                json items = json::array();
                for (int i = 0; i < 50; ++i) {
                    const int n = s * 50 + i;
                    const std::string id = "it" + std::to_string(n);
                    if (n % 3 == 0)
                        items.push_back(
                            {{"id", id}, {"type", "score"}, {"max", 10}, {"step", 0.5}, {"label", text(id)}, {"required", true}});
                    else if (n % 3 == 1)
                        items.push_back({{"id", id}, {"type", "check"}, {"points", 2}, {"label", text(id)}, {"hazard", "general"}});
                    else
                        items.push_back({{"id", id}, {"type", "number"}, {"label", text(id)}});
                }
                sections.push_back({{"id", "sec" + std::to_string(s)}, {"title", text("sec")}, {"items", items}});
            }
        } else {
            sections.push_back({{"id", k + "_s"}, {"title", text(k)},
                {"items", json::array({{{"id", k + "_c"}, {"type", "check"}, {"label", text("c")}}})}});
        }
        steps.push_back({{"key", k}, {"title", text(k)}, {"sections", sections}});
    }
    json indicators = json::array();
    for (int s = 0; s < 10; ++s)
        indicators.push_back({{"id", "rate" + std::to_string(s)}, {"label", text("r")}, {"formula", "rate([sec" + std::to_string(s) + "])"},
            {"target", ">= 0.9"}});
    indicators.push_back({{"id", "total_numbers"}, {"label", text("n")}, {"formula", "sum([sec0], [sec1], [sec2])"}});
    json t {{"format", "careeval-template/1"}, {"id", "bench500"}, {"version", "1"}, {"title", text("bench")}, {"steps", steps},
        {"indicators", indicators}, {"conclusion", {{"pass_percent", 60}}}};
    auto parsed = parseTemplate(t.dump());
    if (!parsed) {
        std::fprintf(stderr, "bench template invalid: %s\n", parsed.error().message.c_str());
        std::exit(1);
    }
    return parsed.value();
}

// A realistic mix: 5 authors over 500 items, mostly answers and corrections, some notes, photos and
// resolutions, with overlapping authors (so conflicts exist).
std::vector<Operation> makeOps(std::size_t n, std::uint64_t seed)
{
    std::mt19937_64 rng(seed);
    const char *authors[] = {"li.hua", "wang.fang", "zhang.wei", "liu.min", "chen.jing"};
    std::vector<Operation> ops;
    ops.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
        Operation op;
        op.id = Uuid::generate();
        op.inspection = "bench-inspection";
        op.author = authors[rng() % 5];
        op.device = "tab-" + op.author.substr(0, 4);
        op.clock = i / 3 + 1;
        op.time = 1764000000000 + static_cast<std::int64_t>(i);
        const int item = static_cast<int>(rng() % 500);
        op.target = "it" + std::to_string(item);
        const unsigned r = rng() % 100;
        if (r < 85) {
            op.kind = OpKind::Set;
            op.value = item % 3 == 0 ? std::to_string((rng() % 21) / 2.0).substr(0, 3)
                : item % 3 == 1      ? (rng() % 4 ? "\"compliant\"" : "\"noncompliant\"")
                                     : std::to_string(rng() % 100);
            if (item % 3 == 0 && op.value.back() == '.')
                op.value.pop_back();
        } else if (r < 92) {
            op.kind = OpKind::Note;
            op.value = "\"现场记录 " + std::to_string(i) + "\"";
        } else if (r < 96) {
            op.kind = OpKind::PhotoAttach;
            op.value = "{\"sha256\":\"" + std::string(64, "0123456789abcdef"[rng() % 16]) + "\"}";
        } else if (r < 98 && !ops.empty()) {
            op.kind = OpKind::Resolve;
            op.author = "li.hua";
            op.value = "{\"covers\":[\"" + ops[rng() % ops.size()].id.toString()
                + "\"],\"reason\":\"核对\",\"value\":" + (item % 3 == 1 ? std::string("\"compliant\"") : std::string("1")) + "}";
        } else {
            op.kind = OpKind::Clear;
            op.value = "null";
        }
        ops.push_back(std::move(op));
    }
    return ops;
}

void mergeFigure(std::size_t n, const Template &tpl)
{
    // Runs in a child so that ru_maxrss is this size's own peak.
    int fd[2];
    if (pipe(fd) != 0)
        return;
    const pid_t pid = fork();
    if (pid == 0) {
        close(fd[0]);
        const long base = rssKb();
        auto t0 = Clock::now();
        auto ops = makeOps(n, 42);
        auto t1 = Clock::now();
        const long withInput = rssKb();
        MergeOptions opt;
        opt.tpl = &tpl;
        // Three runs each: this VM's timings vary by tens of percent between identical runs (page-fault
        // handling), so the best and the median are reported.
        std::vector<double> with, without;
        InspectionState st;
        for (int r = 0; r < 3; ++r) {
            auto t2 = Clock::now();
            st = merge("bench-inspection", ops, opt);
            auto t3 = Clock::now();
            InspectionState bare = merge("bench-inspection", ops);
            auto t4 = Clock::now();
            with.push_back(ms(t2, t3));
            without.push_back(ms(t3, t4));
        }
        std::sort(with.begin(), with.end());
        std::sort(without.begin(), without.end());
        char line[512];
        std::snprintf(line, sizeof line,
            "merge  %8zu ops: %7.1f ms best / %7.1f median with template checks, %7.1f / %7.1f without | input %6.1f MB, "
            "peak RSS %6.1f MB (process start %4.1f MB) | %zu accepted, %zu refused, %zu conflicts | generate %.0f ms\n",
            n, with[0], with[1], without[0], without[1], (withInput - base) / 1024.0, peakKb() / 1024.0, base / 1024.0, st.accepted,
            st.refused.size(), st.conflicts().size(), ms(t0, t1));
        if (write(fd[1], line, std::strlen(line)) < 0)
            _exit(1);
        _exit(0);
    }
    close(fd[1]);
    char buf[512] = {};
    const auto got = read(fd[0], buf, sizeof buf - 1);
    close(fd[0]);
    waitpid(pid, nullptr, 0);
    if (got > 0)
        std::fputs(buf, stdout);
    std::fflush(stdout);
}

void scoreFigure(const Template &tpl)
{
    auto ops = makeOps(20000, 7);
    MergeOptions opt;
    opt.tpl = &tpl;
    const InspectionState st = merge("bench-inspection", ops, opt);
    const int runs = 200;
    auto t0 = Clock::now();
    double sink = 0;
    for (int i = 0; i < runs; ++i)
        sink += score(tpl, st).total;
    auto t1 = Clock::now();
    std::printf("score  %zu-item template (%zu answered slots, %zu indicators): %.3f ms per scoring (mean of %d)  [total %.1f]\n",
        tpl.itemCount(), st.items.size(), tpl.indicators.size(), ms(t0, t1) / runs, runs, sink / runs);
}

double rawInsertRate(const std::string &path, const std::vector<Operation> &ops, std::size_t batchSize)
{
    std::filesystem::remove(path);
    std::filesystem::remove(path + "-wal");
    std::filesystem::remove(path + "-shm");
    sqlite3 *db = nullptr;
    sqlite3_open(path.c_str(), &db);
    sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;", nullptr, nullptr, nullptr);
    sqlite3_exec(db,
        "CREATE TABLE ops (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, inspection TEXT NOT NULL, "
        "author TEXT NOT NULL, device TEXT NOT NULL, clock INTEGER NOT NULL, time INTEGER NOT NULL, kind TEXT NOT NULL, "
        "target TEXT NOT NULL, value TEXT NOT NULL, state INTEGER NOT NULL DEFAULT 0, refusal TEXT);"
        "CREATE INDEX ops_inspection ON ops (inspection, seq); CREATE INDEX ops_pending ON ops (state, seq) WHERE state = 0;",
        nullptr, nullptr, nullptr);
    sqlite3_stmt *s = nullptr;
    sqlite3_prepare_v2(db,
        "INSERT OR IGNORE INTO ops (id, inspection, author, device, clock, time, kind, target, value, state) VALUES (?,?,?,?,?,?,?,?,?,0)",
        -1, &s, nullptr);
    // Ids as text prepared up front: the raw loop does no serialization work at all.
    std::vector<std::string> ids;
    ids.reserve(ops.size());
    for (const auto &op : ops)
        ids.push_back(op.id.toString());
    auto t0 = Clock::now();
    for (std::size_t i = 0; i < ops.size(); i += batchSize) {
        sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
        for (std::size_t j = i; j < std::min(ops.size(), i + batchSize); ++j) {
            const Operation &op = ops[j];
            sqlite3_bind_text(s, 1, ids[j].c_str(), -1, SQLITE_STATIC);
            sqlite3_bind_text(s, 2, op.inspection.c_str(), -1, SQLITE_STATIC);
            sqlite3_bind_text(s, 3, op.author.c_str(), -1, SQLITE_STATIC);
            sqlite3_bind_text(s, 4, op.device.c_str(), -1, SQLITE_STATIC);
            sqlite3_bind_int64(s, 5, static_cast<sqlite3_int64>(op.clock));
            sqlite3_bind_int64(s, 6, op.time);
            sqlite3_bind_text(s, 7, "set", -1, SQLITE_STATIC);
            sqlite3_bind_text(s, 8, op.target.c_str(), -1, SQLITE_STATIC);
            sqlite3_bind_text(s, 9, op.value.c_str(), -1, SQLITE_STATIC);
            sqlite3_step(s);
            sqlite3_reset(s);
        }
        sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
    }
    auto t1 = Clock::now();
    sqlite3_finalize(s);
    sqlite3_close(db);
    return ops.size() / (ms(t0, t1) / 1000.0);
}

double storeAppendRate(const std::string &path, const std::vector<Operation> &ops, std::size_t batchSize)
{
    std::filesystem::remove(path);
    std::filesystem::remove(path + "-wal");
    std::filesystem::remove(path + "-shm");
    auto store = OpStore::open(path);
    if (!store) {
        std::fprintf(stderr, "%s\n", store.error().message.c_str());
        std::exit(1);
    }
    auto t0 = Clock::now();
    for (std::size_t i = 0; i < ops.size(); i += batchSize) {
        const std::size_t n = std::min(batchSize, ops.size() - i);
        auto r = store.value()->append(std::span<const Operation>(ops.data() + i, n), SyncState::Pending);
        if (!r) {
            std::fprintf(stderr, "%s\n", r.error().message.c_str());
            std::exit(1);
        }
    }
    auto t1 = Clock::now();
    return ops.size() / (ms(t0, t1) / 1000.0);
}

void storeFigures(bool quick)
{
    const std::string dir = std::filesystem::temp_directory_path() / ("careeval-bench-" + std::to_string(getpid()));
    std::filesystem::create_directories(dir);
    for (std::size_t batch : {std::size_t(100), std::size_t(10000)}) {
        const std::size_t n = quick ? 20000 : (batch == 100 ? 100000 : 500000);
        auto ops = makeOps(n, 11 + batch);
        // Alternate, twice each, so that neither side gets the warmer disk cache.
        double raw = 0, store = 0;
        for (int round = 0; round < 2; ++round) {
            raw += rawInsertRate(dir + "/raw.db", ops, batch);
            store += storeAppendRate(dir + "/store.db", ops, batch);
        }
        raw /= 2;
        store /= 2;
        std::printf("store  %zu ops in batches of %5zu (WAL, synchronous=FULL): store append %9.0f ops/s, raw sqlite3 insert %9.0f ops/s, "
                    "ratio %.0f%%\n",
            n, batch, store, raw, 100.0 * store / raw);
    }
    std::filesystem::remove_all(dir);
}

} // namespace

int main(int argc, char **argv)
{
    const bool quick = argc > 1 && !std::strcmp(argv[1], "--quick");
    std::printf("bench_core (%s)\n", quick ? "quick" : "full");
    const Template tpl = bigTemplate();
    for (std::size_t n : {std::size_t(10000), std::size_t(100000), std::size_t(1000000)}) {
        if (quick && n > 100000)
            break;
        mergeFigure(n, tpl);
    }
    scoreFigure(tpl);
    storeFigures(quick);
    return 0;
}
