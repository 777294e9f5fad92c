#pragma once
// The server's behaviour: every route as a function request → response, with authentication, the
// role and assignment checks, and the one error shape. It owns no sockets (net/ does) and no SQL
// (storage/ does); every merge and score is the shared core's.

#include "http.h"
#include "web_console.h"

#include "../storage/blob_store.h"
#include "../storage/server_store.h"

#include <careeval/template.h>

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace careeval::server {

class ObjectStore;

struct ServiceConfig {
    std::string dataDir; //!< blobs live under dataDir/blobs
    std::int64_t tokenLifetimeMs = 12LL * 3600 * 1000; //!< a working day on site
    int maxLoginFailures = 5; //!< from one address for one name; then that pair waits, longer each time
    std::int64_t failureWindowMs = 15LL * 60 * 1000;
    int maxFailuresPerAddress = 20; //!< wrong passwords from one address across all names in the window
    std::size_t maxBodyBytes = 4u << 20; //!< JSON requests
    std::size_t maxChunkBytes = 8u << 20; //!< one photo chunk
    std::int64_t maxBlobBytes = 64LL << 20; //!< one photo or signature
    std::int64_t maxPartialBytesPerUser = 1LL << 30; //!< unfinished uploads of one user
    std::int64_t partialExpirySeconds = 48LL * 3600; //!< unfinished uploads untouched this long are removed
    std::size_t maxPushOperations = 5000;
    std::size_t maxPullLimit = 2000;
    std::string webRoot; //!< the built office console (index.html and assets/); empty: none
    //! Complete photos and signatures go here instead of dataDir/blobs (--blobs s3://…); null: the data folder.
    std::shared_ptr<ObjectStore> objectStore;
};

class Service
{
public:
    Service(ServerStore &store, ServiceConfig config);
    //! Creates the blob folders; the error names the folder.
    Result<void> init();

    //! Never throws; every failure is a response with the error shape.
    HttpResponse handle(const HttpRequest &request);
    //! Largest body the transport may read for this request (decided from the header alone).
    std::size_t bodyLimit(const std::string &method, const std::string &target) const;
    //! For the transport, once a request's header is read: a sink that streams a photo chunk into
    //! its partial file as it arrives, when the chunk will be accepted; otherwise null.
    std::shared_ptr<BodySink> uploadSink(const HttpRequest &head);
    //! Connection count for /metrics, provided by the transport.
    void setConnectionGauge(std::function<std::size_t()> gauge) { m_connections = std::move(gauge); }
    //! What the transport refused before any handler ran, for /metrics.
    void setTransportStats(std::function<TransportStats()> stats) { m_transport = std::move(stats); }
    //! Where a server error's detail goes (with its request id): never to the client.
    void setLogger(std::function<void(const std::string &line)> logger) { m_logger = std::move(logger); }
    //! For the transport, once a request's header is read: the refusal of a request that cannot
    //! succeed whatever its body (not signed in, unknown method), so its body is never read.
    std::optional<HttpResponse> gate(const HttpRequest &head);
    //! For the transport: where a request's handler runs — password hashing (sign-in, setting a
    //! password) on the CPU pool, pushes (which wait for a durable commit) on the disk pool, the
    //! rest on the I/O thread.
    static Lane lane(const HttpRequest &head);

    //! Validates and stores a template (used by the upload route, first start and the demo).
    Result<TemplateRecord> addTemplate(const std::string &json, const std::string &byUser);

    //! Every route the server answers, as (method, pattern) — "/api/v1/inspections/{id}/ops" —
    //! in the order they are matched; the API document must describe exactly these.
    static std::vector<std::pair<std::string, std::string>> routes();

    struct Context;
    struct Route;

private:
    //! The route table (service.cpp): one row per method and path pattern, with who may call it.
    static const std::vector<Route> &table();
    HttpResponse dispatch(Context &c);
    std::optional<User> authenticate(const HttpRequest &req, HttpResponse &error);
    Result<std::shared_ptr<const Template>> templateFor(const std::string &id, const std::string &version);

    // Accounts (routes_accounts.cpp)
    HttpResponse login(Context &c);
    HttpResponse logout(Context &c);
    HttpResponse me(Context &c);
    HttpResponse listUsers(Context &c);
    HttpResponse createUser(Context &c);
    HttpResponse updateUser(Context &c);
    HttpResponse changePassword(Context &c);
    HttpResponse auditLog(Context &c);
    // Registry, templates and draws (routes_registry.cpp)
    HttpResponse listInstitutions(Context &c);
    HttpResponse putInstitution(Context &c);
    HttpResponse listTemplates(Context &c);
    HttpResponse getTemplate(Context &c);
    HttpResponse uploadTemplate(Context &c);
    HttpResponse createDraw(Context &c);
    HttpResponse getDraw(Context &c);
    HttpResponse listDraws(Context &c);
    // Inspections, their operations, review and exports (routes_inspections.cpp)
    HttpResponse listInspections(Context &c);
    HttpResponse createInspection(Context &c);
    HttpResponse getInspection(Context &c);
    HttpResponse pushOps(Context &c);
    //! Completes an operation the server makes inside the push transaction (clock, frontier).
    using Minter = std::function<void(const InspectionRecord &current, std::vector<Operation> &ops)>;
    HttpResponse push(Context &c, const InspectionRecord &rec, PushRequest request, const Minter &mint);
    static std::optional<Role> roleIn(const InspectionRecord &rec, const User &user);
    HttpResponse pullOps(Context &c);
    HttpResponse teamState(Context &c);
    HttpResponse review(Context &c);
    HttpResponse exportOne(Context &c);
    HttpResponse progress(Context &c);
    //! The one set of merge options for an inspection on the server (roles of the team and of every
    //! supervisor and administrator): the team view, the board and the exports merge alike.
    MergeOptions mergeOptions(const InspectionRecord &rec, const Template *tpl);
    HttpResponse exportPeriod(Context &c);
    HttpResponse renderExport(Context &c, const std::vector<InspectionRecord> &records, const std::string &name);
    // Photos and signatures (routes_blobs.cpp)
    //! A photo or signature is read by supervisors and administrators, and by the members of an
    //! inspection that names it; to anyone else it does not exist.
    Result<bool> mayRead(const User &user, const std::string &sha);
    //! Uploads are for team members (and supervisors, administrators).
    Result<bool> mayUpload(const User &user);
    HttpResponse missingBlobs(Context &c);
    HttpResponse uploadStatus(Context &c);
    HttpResponse putChunk(Context &c);
    HttpResponse getBlob(Context &c);
    // Operations (service.cpp)
    HttpResponse metrics(Context &c);
    HttpResponse health(Context &c);

    ServerStore &m_store;
    ServiceConfig m_config;
    BlobStore m_blobs;
    WebConsole m_web;
    std::function<std::size_t()> m_connections;
    std::function<void(const std::string &)> m_logger;
    std::function<TransportStats()> m_transport;
    std::string m_instance; //!< a random prefix: request ids differ across restarts
    std::atomic<std::uint64_t> m_nextRequest {0};
    // Sign-in throttling, counted under one lock: per (name, address) with growing waits, and per
    // address across names.
    struct Throttle {
        int failures = 0;
        std::int64_t windowStart = 0;
        std::int64_t blockedUntil = 0;
    };
    std::mutex m_throttleMutex;
    std::map<std::pair<std::string, std::string>, Throttle> m_byNameAddress;
    std::map<std::string, Throttle> m_byAddress;
    std::mutex m_adminMutex; //!< changes that could leave no active administrator, one at a time
    std::mutex m_cacheMutex;
    std::map<std::string, std::shared_ptr<const Template>> m_templates;
    //! The progress board's merged figures per inspection, recomputed when its log grows.
    struct MergedSummary {
        std::int64_t lastSeq = -1;
        std::string status;
        std::size_t conflicts = 0;
        std::vector<std::string> expected; //!< photos and signatures the merged state names
    };
    std::mutex m_summaryMutex;
    std::map<std::string, MergedSummary> m_summaries;

    std::atomic<std::uint64_t> m_requests {0}, m_errors4xx {0}, m_errors5xx {0};
    std::atomic<std::uint64_t> m_opsAccepted {0}, m_opsAlreadyHad {0}, m_opsRefused {0};
    std::atomic<std::uint64_t> m_requestMicros {0};
    std::atomic<std::uint64_t> m_blobBytes {0}, m_blobsStored {0}, m_blobHashMismatches {0};
};

} // namespace careeval::server
