#include "http_server.h"

#include "../modules.h"

#ifndef CAREEVAL_TLS_MODULE
#define CAREEVAL_TLS_MODULE ""
#endif

namespace careeval::server {

namespace {

Result<const TlsApi *> tlsApi()
{
    static const ModuleSpec spec {
        "careeval-tls.so", "CAREEVAL_TLS_MODULE", CAREEVAL_TLS_MODULE, "careeval_tls_api", "TLS certificates", [](const void *api) {
            const auto *a = static_cast<const TlsApi *>(api);
            return a->abi == kTlsAbi && a->layout == kTlsLayout;
        }};
    return moduleApi<TlsApi>(spec);
}

} // namespace

Result<void> HttpServer::available(const TransportConfig &config)
{
    if (config.wantsTls())
        if (auto api = tlsApi(); !api)
            return api.error();
    return {};
}

HttpServer::HttpServer(TransportConfig config, Handler handler, BodyLimit limit, Logger logger)
{
    if (config.wantsTls()) {
        auto api = tlsApi();
        if (!api) {
            m_unavailable = api.error().message;
            return;
        }
        d = (*api)->create(std::move(config));
    } else {
        d = makeBeastTransport(std::move(config));
    }
    auto &hooks = d->hooks();
    hooks.handler = std::move(handler);
    hooks.limit = std::move(limit);
    hooks.logger = std::move(logger);
}

HttpServer::~HttpServer() = default;

void HttpServer::setSinkFactory(SinkFactory factory)
{
    if (d)
        d->hooks().sinkFactory = std::move(factory);
}

void HttpServer::setGate(Gate gate)
{
    if (d)
        d->hooks().gate = std::move(gate);
}

void HttpServer::setOffload(Offload offload)
{
    if (!d)
        return;
    d->hooks().offload = std::move(offload);
    d->startWorkers();
}

TransportStats HttpServer::stats() const
{
    return d ? d->stats() : TransportStats {};
}

Result<void> HttpServer::start()
{
    if (!d)
        return makeError(ErrorCode::Io, m_unavailable);
    return d->start();
}

std::uint16_t HttpServer::port() const
{
    return d ? d->port() : 0;
}

bool HttpServer::tls() const
{
    return d && d->tls();
}

void HttpServer::run()
{
    if (d)
        d->run();
}

void HttpServer::stop()
{
    if (d)
        d->stop();
}

std::size_t HttpServer::connections() const
{
    return d ? d->connections() : 0;
}

} // namespace careeval::server
