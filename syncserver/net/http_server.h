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
#include <string>

namespace careeval::server {

struct TransportConfig {
    std::string address = "127.0.0.1";
    std::uint16_t port = 8080; //!< 0: any free port (see HttpServer::port())
    int threads = 4;
    std::string certFile; //!< PEM; TLS is on when both files are given
    std::string keyFile;
    std::size_t maxHeaderBytes = 16 * 1024;
    int readTimeoutSeconds = 30; //!< a slow client is dropped after this
    std::size_t maxConnections = 256;
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

    HttpServer(TransportConfig config, Handler handler, BodyLimit limit, Logger logger);
    ~HttpServer();
    HttpServer(const HttpServer &) = delete;
    HttpServer &operator=(const HttpServer &) = delete;

    //! Before start(): bodies the factory accepts are streamed instead of held in memory.
    void setSinkFactory(SinkFactory factory);
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
