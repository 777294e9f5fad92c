#pragma once
// What the HTTP server (http_server.h) is built on, without Boost: a transport takes connections and
// turns them into HttpRequests for the handler. There are two builds of the one Beast transport
// (beast_transport.cpp): plain HTTP, linked into careeval-server, and the same with TLS, in the module
// careeval-tls.so that the server loads only when a certificate is configured. The default server (a
// TLS proxy in front, or loopback only) then never maps OpenSSL: ~1.7 MB of its resident memory in
// libssl and libcrypto's load-time relocations alone.
//
// Where the module is looked for: $CAREEVAL_TLS_MODULE (that file only) when set; otherwise the
// executable's own folder, then the build folder it was built in (modules.h).

#include "../api/http.h"

#include <careeval/result.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace careeval::server {

struct TransportConfig {
    std::string address = "127.0.0.1";
    std::uint16_t port = 8080; //!< 0: any free port (see HttpServer::port())
    int threads = 4;
    std::string certFile; //!< PEM; TLS is on when both files are given
    std::string keyFile;
    std::size_t maxHeaderBytes = 16 * 1024;
    int readTimeoutSeconds = 30; //!< a body that stalls this long is dropped
    //! A connection that has not sent a complete header within this time (a new one, or an idle
    //! keep-alive one) is closed: idle sockets cannot hold the server's connections.
    int headerTimeoutSeconds = 5;
    std::size_t maxConnections = 4096;
    std::size_t maxPerAddress = 64; //!< connections from one source address
    int workerThreads = 2; //!< Lane::Cpu: handlers too slow for the I/O threads (password hashing)
    std::size_t workerQueue = 64; //!< requests waiting for a worker; more are answered 503
    int diskThreads = 16; //!< Lane::Disk: handlers that wait for a durable commit (pushes)
    std::size_t diskQueue = 1024; //!< requests waiting for a disk worker; more are answered 503

    bool wantsTls() const { return !certFile.empty() || !keyFile.empty(); }
};

//! The hooks a transport calls; HttpServer documents each.
struct TransportHooks {
    std::function<HttpResponse(const HttpRequest &)> handler;
    std::function<std::size_t(const std::string &method, const std::string &target)> limit;
    std::function<void(const std::string &line)> logger;
    std::function<std::shared_ptr<BodySink>(const HttpRequest &head)> sinkFactory;
    std::function<std::optional<HttpResponse>(const HttpRequest &head)> gate;
    std::function<Lane(const HttpRequest &head)> offload;
};

class Transport
{
public:
    virtual ~Transport() = default;
    //! Hooks are set before start().
    virtual TransportHooks &hooks() = 0;
    //! Before start(), once the offload hook is set: the worker pools.
    virtual void startWorkers() = 0;
    virtual TransportStats stats() const = 0;
    virtual Result<void> start() = 0;
    virtual std::uint16_t port() const = 0;
    virtual bool tls() const = 0;
    virtual void run() = 0;
    virtual void stop() = 0;
    virtual std::size_t connections() const = 0;
};

//! The build linked in (plain HTTP: a config that wants TLS is refused at start()) or, in the module,
//! the TLS build.
std::unique_ptr<Transport> makeBeastTransport(TransportConfig config);

//! What careeval-tls.so offers. `abi` and `layout` guard against a module from another build.
struct TlsApi {
    int abi;
    std::size_t layout;
    std::unique_ptr<Transport> (*create)(TransportConfig config);
};

constexpr int kTlsAbi = 1;
constexpr std::size_t kTlsLayout = sizeof(TlsApi) * 1000003 + sizeof(TransportConfig) * 1009 + sizeof(TransportHooks) * 31
    + sizeof(HttpRequest) * 7 + sizeof(HttpResponse);

} // namespace careeval::server
