#pragma once
// The HTTP/1.1 transport (Boost.Beast), behind a Boost-free interface so that only http_server.cpp
// pays Beast's compile cost. Shape after Beast's advanced_server: a listener, one session per
// connection with its own strand, the header read first so the body limit can depend on the route,
// a fresh parser per request, a timeout before every read, keep-alive, a connection cap, TLS when a
// certificate is given, and a graceful stop that lets requests in flight finish.

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
};

class HttpServer
{
public:
    using Handler = std::function<HttpResponse(const HttpRequest &)>;
    using BodyLimit = std::function<std::size_t(const std::string &method, const std::string &target)>;
    //! Asked once the header is read (body empty): a sink to stream this request's body into, or
    //! null to read it into HttpRequest::body as usual.
    using SinkFactory = std::function<std::shared_ptr<BodySink>(const HttpRequest &head)>;
    //! One line per request: remote, method, target, status, bytes, milliseconds.
    using Logger = std::function<void(const std::string &line)>;
    //! Asked once a request's header is read, before any of its body: an answer refuses the request
    //! there (authentication and authorization at header time), and the body is never read.
    using Gate = std::function<std::optional<HttpResponse>(const HttpRequest &head)>;
    //! Where a request's handler runs (decided from its header): the I/O thread or a worker pool.
    using Offload = std::function<Lane(const HttpRequest &head)>;

    HttpServer(TransportConfig config, Handler handler, BodyLimit limit, Logger logger);
    ~HttpServer();
    HttpServer(const HttpServer &) = delete;
    HttpServer &operator=(const HttpServer &) = delete;

    //! Before start(): bodies the factory accepts are streamed instead of held in memory.
    void setSinkFactory(SinkFactory factory);
    void setGate(Gate gate);
    void setOffload(Offload offload);
    TransportStats stats() const;
    //! Binds and listens; the error names the address and the reason.
    Result<void> start();
    std::uint16_t port() const;
    bool tls() const;
    //! Runs the I/O threads until stop() and every connection has finished.
    void run();
    //! Stops accepting, finishes requests in flight, closes idle connections. Thread-safe.
    void stop();
    std::size_t connections() const;

    struct Impl; //!< defined in http_server.cpp; public so the sessions there can reach it

private:
    std::unique_ptr<Impl> d;
};

} // namespace careeval::server
