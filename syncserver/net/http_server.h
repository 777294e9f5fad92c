#pragma once
// The HTTP/1.1 server, behind a Boost-free interface so that only beast_transport.cpp pays Beast's
// compile cost. Shape after Beast's advanced_server: a listener, one session per connection with its
// own strand, the header read first so the body limit can depend on the route, a fresh parser per
// request, a timeout before every read, keep-alive, a connection cap, TLS when a certificate is given
// (from the module careeval-tls.so, transport.h), and a graceful stop that lets requests in flight
// finish.

#include "transport.h"

namespace careeval::server {

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

    //! Whether a server with this configuration can be made: an error when it wants TLS and the
    //! module cannot be loaded (which files were tried, and why not).
    static Result<void> available(const TransportConfig &config);
    HttpServer(TransportConfig config, Handler handler, BodyLimit limit, Logger logger);
    ~HttpServer();
    HttpServer(const HttpServer &) = delete;
    HttpServer &operator=(const HttpServer &) = delete;

    //! Before start(): bodies the factory accepts are streamed instead of held in memory.
    void setSinkFactory(SinkFactory factory);
    void setGate(Gate gate);
    void setOffload(Offload offload);
    TransportStats stats() const;
    //! Binds and listens; the error names the address and the reason (or why TLS is not available).
    Result<void> start();
    std::uint16_t port() const;
    bool tls() const;
    //! Runs the I/O threads until stop() and every connection has finished.
    void run();
    //! Stops accepting, finishes requests in flight, closes idle connections. Thread-safe.
    void stop();
    std::size_t connections() const;

private:
    std::unique_ptr<Transport> d;
    std::string m_unavailable; //!< why there is no transport (the TLS module could not be loaded)
};

} // namespace careeval::server
