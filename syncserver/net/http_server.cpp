#include "http_server.h"

#include "../modules.h"

#include <filesystem>
#include <fstream>

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
    if (!config.wantsTls())
        return {};
    if (config.certFile.empty() || config.keyFile.empty())
        return makeError(ErrorCode::InvalidArgument, "TLS needs both a certificate and its key (--tls-cert and --tls-key)");
    // Files that cannot be read are named now, before the data folder is made; whether they hold a
    // usable certificate and key is OpenSSL's to say when the server starts.
    for (const auto &[what, file] : {std::pair {"certificate", &config.certFile}, std::pair {"key", &config.keyFile}}) {
        std::error_code ec;
        if (!std::filesystem::is_regular_file(*file, ec))
            return makeError(ErrorCode::Io, std::string("cannot read TLS ") + what + " " + *file + ": not a file");
        if (std::ifstream in(*file, std::ios::binary); !in || in.peek() == std::ifstream::traits_type::eof())
            return makeError(ErrorCode::Io, std::string("cannot read TLS ") + what + " " + *file + (in ? ": empty" : ": not readable"));
    }
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
