// careeval-server: composition root. Reads flags, environment and an optional config file (in that
// order of precedence), opens the data directory, creates the admin account on first start, seeds
// the demo on request, and runs the HTTP server until SIGINT/SIGTERM.

#include "api/service.h"
#include "demo.h"
#include "net/http_server.h"
#include "storage/backup.h"
#include "storage/crypto.h"
#include "storage/object_store.h"
#include "storage/server_store.h"

#include <careeval/jsonutil.h>

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <mutex>
#include <thread>

#include <malloc.h>
#include <sys/resource.h>

using namespace careeval;
using namespace careeval::server;

namespace {

struct Options {
    std::string data = "careeval-data";
    std::string database; //!< empty: DATA/careeval.db (SQLite); or a postgresql:// URL
    std::string blobs; //!< empty: DATA/blobs; or s3://BUCKET?endpoint=…&region=…
    std::string listen = "127.0.0.1:8080";
    std::string adminPassword;
    std::string templates = CAREEVAL_TEMPLATES_DIR;
    std::string web = CAREEVAL_WEB_DIR; //!< the built office console
    std::string demoOps = CAREEVAL_DEMO_DIR; //!< the demo's recorded team work
    std::string cert, key;
    int threads = 0; //!< 0: one per core (at least 2)
    int readTimeout = 30;
    std::size_t maxConnections = 4096;
    std::size_t maxPerAddress = 64;
    int headerTimeout = 5;
    int uploadQuotaMb = 1024; //!< unfinished uploads per user
    int maxPhotoMb = 64; //!< largest photo or signature accepted
    bool demo = false;
    bool demoWork = false; //!< also the recorded team work, photos and an approval
};

// Messages without iostreams (their locale set-up alone is ~0.6 MB of the server's resident memory).
struct Say {
    std::FILE *to;
    std::string text {};
    Say &operator<<(const std::string &s)
    {
        text += s;
        return *this;
    }
    Say &operator<<(const char *s)
    {
        text += s;
        return *this;
    }
    ~Say()
    {
        std::fwrite(text.data(), 1, text.size(), to);
        std::fflush(to);
    }
};

int usage()
{
    Say {stderr}
        << "usage: careeval-server [--data DIR] [--database postgresql://USER@HOST:PORT/DB]\n"
           "                       [--blobs s3://BUCKET?endpoint=http://HOST:PORT&region=REGION] [--listen HOST:PORT] [--config "
           "FILE] [--demo | "
           "--demo-work] [--routes]\n"
           "                       [--admin-password PW] [--templates DIR] [--web DIR] [--tls-cert PEM --tls-key PEM] [--threads N]\n"
           "                       [--read-timeout SECONDS] [--header-timeout SECONDS] [--max-connections N]\n"
           "                       [--max-per-address N] [--upload-quota MB] [--max-photo MB]\n"
           "environment: CAREEVAL_DATA, CAREEVAL_DATABASE, CAREEVAL_BLOBS (+ AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY), "
           "CAREEVAL_LISTEN, CAREEVAL_ADMIN_PASSWORD, CAREEVAL_TEMPLATES, CAREEVAL_WEB, "
           "CAREEVAL_TLS_CERT, CAREEVAL_TLS_KEY\n"
           "config file: JSON with the same names: {\"data\": …, \"listen\": …, \"threads\": 2, \"tls_cert\": …, \"tls_key\": …}\n";
    return 2;
}

void fromEnv(Options &o)
{
    auto env = [](const char *name, std::string &out) {
        if (const char *v = std::getenv(name); v && *v)
            out = v;
    };
    env("CAREEVAL_DATA", o.data);
    env("CAREEVAL_DATABASE", o.database);
    env("CAREEVAL_BLOBS", o.blobs);
    env("CAREEVAL_LISTEN", o.listen);
    env("CAREEVAL_ADMIN_PASSWORD", o.adminPassword);
    env("CAREEVAL_TEMPLATES", o.templates);
    env("CAREEVAL_WEB", o.web);
    env("CAREEVAL_TLS_CERT", o.cert);
    env("CAREEVAL_TLS_KEY", o.key);
}

bool fromConfig(Options &o, const std::string &path)
{
    auto text = readFile(path);
    auto doc = text ? parseJson(text.value()) : Result<json>(text.error());
    if (!doc || !doc->is_object()) {
        Say {stderr} << "config " << path << ": " << (doc ? "expected a JSON object" : doc.error().message) << "\n";
        return false;
    }
    for (auto it = doc->begin(); it != doc->end(); ++it) {
        const std::string &k = it.key();
        if (k == "threads" && it->is_number_integer())
            o.threads = it->get<int>();
        else if (!it->is_string()) {
            Say {stderr} << "config " << path << ": \"" << k << "\" must be a string\n";
            return false;
        } else if (k == "data")
            o.data = it->get<std::string>();
        else if (k == "database")
            o.database = it->get<std::string>();
        else if (k == "blobs")
            o.blobs = it->get<std::string>();
        else if (k == "listen")
            o.listen = it->get<std::string>();
        else if (k == "templates")
            o.templates = it->get<std::string>();
        else if (k == "web")
            o.web = it->get<std::string>();
        else if (k == "tls_cert")
            o.cert = it->get<std::string>();
        else if (k == "tls_key")
            o.key = it->get<std::string>();
        else {
            Say {stderr} << "config " << path << ": unknown setting \"" << k << "\"\n";
            return false;
        }
    }
    return true;
}

// Every log line is one JSON object in valid UTF-8 with its time first: a request line from the
// transport (already an object) gets "time" added; a message becomes {"time", "message"}.
std::mutex logMutex;
void logLine(const std::string &line)
{
    char stamp[32];
    const std::time_t t = std::time(nullptr);
    std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
    std::string out;
    if (!line.empty() && line.front() == '{' && line.back() == '}') {
        out = std::string("{\"time\":\"") + stamp + "\"" + (line.size() > 2 ? "," : "") + line.substr(1);
    } else {
        out = json {{"time", stamp}, {"message", line}}.dump(-1, ' ', false, json::error_handler_t::replace);
    }
    std::lock_guard lock(logMutex);
    std::fprintf(stderr, "%s\n", out.c_str());
}

HttpServer *g_server = nullptr;

} // namespace

int main(int argc, char **argv)
{
    // SIGINT/SIGTERM are taken by a sigwait thread (graceful stop); every thread created from here on
    // inherits this mask, so no thread dies of the default action.
    sigset_t stopSignals;
    sigemptyset(&stopSignals);
    sigaddset(&stopSignals, SIGINT);
    sigaddset(&stopSignals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stopSignals, nullptr);

    // Handlers run on the I/O threads and two worker pools (~20 threads); glibc would give each its
    // own malloc arena (up to 8 per core), adding megabytes of resident memory for nothing. Two per
    // core: at most as many threads allocate at once as there are cores. One arena in all was
    // ~0.6 MB smaller, but its lock was the server's most contended: under 10 pushing clients half
    // the server's futex calls were malloc's, and bench_server took 105k ops/s against 127-137k with
    // four arenas on two cores (RSS 9.7-10.1 MB against 10.5-10.6 MB).
    mallopt(M_ARENA_MAX, static_cast<int>(2 * std::max(1u, std::thread::hardware_concurrency())));

    // Subcommands of the embedded default's data folder: backup and restore.
    if (argc >= 2 && (!std::strcmp(argv[1], "backup") || !std::strcmp(argv[1], "restore"))) {
        const bool backup = !std::strcmp(argv[1], "backup");
        std::string data = "careeval-data", dir;
        if (const char *v = std::getenv("CAREEVAL_DATA"); v && *v)
            data = v;
        for (int i = 2; i + 1 < argc; i += 2) {
            const std::string a = argv[i];
            if (a == "--data")
                data = argv[i + 1];
            else if (a == (backup ? "--to" : "--from"))
                dir = argv[i + 1];
            else
                dir.clear(), i = argc;
        }
        if (dir.empty() || argc % 2 != 0) {
            Say {stderr} << "usage: careeval-server backup --to DIR [--data DIR]      (while the server runs or not)\n"
                            "       careeval-server restore --from DIR [--data NEW-DIR] (into a data folder without a database)\n";
            return 2;
        }
        auto r = backup ? backupDataDir(data, dir) : restoreDataDir(dir, data);
        if (!r) {
            Say {stderr} << (backup ? "backup failed: " : "restore failed: ") << r.error().message << "\n";
            return 1;
        }
        std::printf("%s %s: %lld operations, %lld photos and signatures (%.1f MiB) in %.2f s\n", backup ? "backed up" : "restored",
            backup ? (data + " to " + dir).c_str() : (dir + " into " + data).c_str(), static_cast<long long>(r->operations),
            static_cast<long long>(r->blobs), static_cast<double>(r->blobBytes) / (1 << 20), r->seconds);
        return 0;
    }

    Options o;
    // Config file first, then environment, then flags: the most specific wins.
    for (int i = 1; i + 1 < argc; ++i)
        if (!std::strcmp(argv[i], "--config") && !fromConfig(o, argv[i + 1]))
            return 2;
    fromEnv(o);
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto next = [&](std::string &out) {
            if (i + 1 >= argc)
                return false;
            out = argv[++i];
            return true;
        };
        std::string ignored, threads, number;
        if (a == "--demo")
            o.demo = true;
        else if (a == "--demo-work")
            o.demo = o.demoWork = true;
        else if (a == "--routes") {
            // The route table, for the API contract test: every route must be in docs/api/openapi.yaml.
            json out = json::array();
            for (const auto &[method, pattern] : Service::routes())
                out.push_back({{"method", method}, {"path", pattern}});
            Say {stdout} << out.dump(1) << "\n";
            return 0;
        } else if (a == "--data"          ? next(o.data)
                : a == "--database"       ? next(o.database)
                : a == "--blobs"          ? next(o.blobs)
                : a == "--listen"         ? next(o.listen)
                : a == "--admin-password" ? next(o.adminPassword)
                : a == "--templates"      ? next(o.templates)
                : a == "--web"            ? next(o.web)
                : a == "--tls-cert"       ? next(o.cert)
                : a == "--tls-key"        ? next(o.key)
                : a == "--config"         ? next(ignored)
                                          : false)
            continue;
        else if (a == "--threads" && next(threads))
            o.threads = std::max(0, std::atoi(threads.c_str()));
        else if (a == "--read-timeout" && next(number))
            o.readTimeout = std::max(1, std::atoi(number.c_str()));
        else if (a == "--max-connections" && next(number))
            o.maxConnections = static_cast<std::size_t>(std::max(1, std::atoi(number.c_str())));
        else if (a == "--max-per-address" && next(number))
            o.maxPerAddress = static_cast<std::size_t>(std::max(1, std::atoi(number.c_str())));
        else if (a == "--header-timeout" && next(number))
            o.headerTimeout = std::max(1, std::atoi(number.c_str()));
        else if (a == "--upload-quota" && next(number))
            o.uploadQuotaMb = std::max(1, std::atoi(number.c_str()));
        else if (a == "--max-photo" && next(number))
            o.maxPhotoMb = std::clamp(std::atoi(number.c_str()), 1, 4096);
        else
            return usage();
    }
    const auto colon = o.listen.rfind(':');
    if (colon == std::string::npos)
        return usage();
    TransportConfig tc;
    tc.address = o.listen.substr(0, colon);
    tc.port = static_cast<std::uint16_t>(std::atoi(o.listen.c_str() + colon + 1));
    // More I/O threads than cores only adds wake-ups: on 2 cores, 4 threads pushed 15% fewer
    // operations and uploaded photos 10% slower than 2 (bench_server --threads).
    tc.threads = o.threads > 0 ? o.threads : static_cast<int>(std::max(2u, std::thread::hardware_concurrency()));
    tc.readTimeoutSeconds = o.readTimeout;
    tc.maxConnections = o.maxConnections;
    tc.maxPerAddress = o.maxPerAddress;
    tc.headerTimeoutSeconds = o.headerTimeout;
    // Thousands of connections need thousands of descriptors: raise the soft limit to the hard one.
    if (rlimit lim {}; ::getrlimit(RLIMIT_NOFILE, &lim) == 0 && lim.rlim_cur < lim.rlim_max) {
        lim.rlim_cur = lim.rlim_max;
        ::setrlimit(RLIMIT_NOFILE, &lim);
    }
    tc.certFile = o.cert;
    tc.keyFile = o.key;
    // A server that cannot serve what was asked for (TLS without its module) says so before it
    // creates or touches its data folder.
    if (auto ready = HttpServer::available(tc); !ready) {
        Say {stderr} << ready.error().message << "\n";
        return 1;
    }

    if (!cryptoInit()) {
        Say {stderr} << "cannot initialise libsodium\n";
        return 1;
    }
    std::error_code ec;
    std::filesystem::create_directories(o.data, ec);
    if (ec) {
        Say {stderr} << "cannot create data directory " << o.data << ": " << ec.message() << "\n";
        return 1;
    }
    // The data folder keeps the photos (and the SQLite database unless --database names PostgreSQL).
    const std::string database = o.database.empty() ? o.data + "/careeval.db" : o.database;
    auto store = ServerStore::open(database);
    if (!store) {
        Say {stderr} << store.error().message << "\n";
        return 1;
    }
    ServiceConfig sc;
    sc.dataDir = o.data;
    sc.maxPartialBytesPerUser = static_cast<std::int64_t>(o.uploadQuotaMb) << 20;
    sc.maxBlobBytes = static_cast<std::int64_t>(o.maxPhotoMb) << 20;
    sc.webRoot = o.web;
    if (!o.blobs.empty()) {
        auto config = ObjectStore::parse(o.blobs);
        if (!config) {
            Say {stderr} << config.error().message << "\n";
            return 1;
        }
        sc.objectStore = std::make_shared<ObjectStore>(config.value());
        if (auto r = sc.objectStore->check(); !r) {
            Say {stderr} << r.error().message << "\n";
            return 1;
        }
    }
    Service service(*store.value(), sc);
    if (auto r = service.init(); !r) {
        Say {stderr} << r.error().message << "\n";
        return 1;
    }

    // First start: an administrator, with the given password or a generated one shown once.
    auto users = store.value()->users();
    if (users && users->empty()) {
        std::string pw = o.adminPassword;
        const bool generated = pw.empty();
        if (generated)
            pw = randomHex(8);
        if (auto r = store.value()->createUser({"admin", "Administrator", Role::Admin, true}, hashPassword(pw)); !r) {
            // Another instance on the same PostgreSQL database may have created it a moment ago.
            auto again = store.value()->userWithHash("admin");
            if (!again || !again.value()) {
                Say {stderr} << r.error().message << "\n";
                return 1;
            }
        } else
            logLine(generated ? "created account admin with password " + pw + " (shown once; change it)" : "created account admin");
    }
    auto seeded = o.demo ? seedDemo(*store.value(), service, o.templates) : loadTemplates(service, o.templates);
    if (!seeded) {
        Say {stderr} << seeded.error().message << "\n";
        return 1;
    }
    for (const auto &l : seeded.value())
        logLine(l);
    if (o.demoWork) {
        auto work = seedDemoWork(*store.value(), service, o.demoOps);
        if (!work) {
            Say {stderr} << work.error().message << "\n";
            return 1;
        }
        for (const auto &l : work.value())
            logLine(l);
    }

    HttpServer server(
        tc, [&](const HttpRequest &r) { return service.handle(r); },
        [&](const std::string &m, const std::string &t) { return service.bodyLimit(m, t); }, logLine);
    server.setSinkFactory([&](const HttpRequest &head) { return service.uploadSink(head); });
    server.setGate([&](const HttpRequest &head) { return service.gate(head); });
    server.setOffload([](const HttpRequest &head) { return Service::lane(head); });
    service.setConnectionGauge([&] { return server.connections(); });
    service.setTransportStats([&] { return server.stats(); });
    service.setLogger(logLine);
    if (auto r = server.start(); !r) {
        Say {stderr} << r.error().message << "\n";
        return 1;
    }
    logLine(std::string("listening on ") + (server.tls() ? "https://" : "http://") + tc.address + ":" + std::to_string(server.port())
        + " (data " + o.data + ", " + store.value()->backend() + " database"
        + (sc.objectStore ? ", photos in " + sc.objectStore->config().endpoint + "/" + sc.objectStore->config().bucket : std::string())
        + ")");
    {
        std::error_code webEc;
        const bool built = !o.web.empty() && std::filesystem::is_regular_file(std::filesystem::path(o.web) / "index.html", webEc);
        logLine(built ? std::string("office console: ") + (server.tls() ? "https://" : "http://") + tc.address + ":"
                    + std::to_string(server.port()) + "/"
                      : "office console not built (" + o.web + "/index.html missing): build it with scripts/web.sh");
    }
    {
        // Passwords and tokens cross the network in the clear without TLS: say so unless only this
        // machine can connect.
        const bool loopback = tc.address.rfind("127.", 0) == 0 || tc.address == "::1" || tc.address == "localhost";
        if (!server.tls() && !loopback)
            logLine("WARNING: listening on " + tc.address
                + " without TLS: passwords and tokens travel unencrypted. "
                  "Give --tls-cert and --tls-key, or put a TLS proxy in front and listen on 127.0.0.1.");
    }
    std::fflush(stderr);

    g_server = &server;
    std::thread signals([] {
        sigset_t set;
        sigemptyset(&set);
        sigaddset(&set, SIGINT);
        sigaddset(&set, SIGTERM);
        int sig = 0;
        sigwait(&set, &sig);
        logLine(sig == SIGINT ? "SIGINT: finishing requests in flight" : "SIGTERM: finishing requests in flight");
        g_server->stop();
    });
    signals.detach();
    server.run();
    logLine("stopped");
    return 0;
}
