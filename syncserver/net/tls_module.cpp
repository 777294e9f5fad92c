// careeval-tls.so: the Beast transport built with TLS (OpenSSL), loaded by http_server.cpp only when
// a certificate is configured (transport.h says why).

#include "transport.h"

namespace {

const careeval::server::TlsApi kApi {
    careeval::server::kTlsAbi,
    careeval::server::kTlsLayout,
    &careeval::server::makeBeastTransport,
};

} // namespace

extern "C" __attribute__((visibility("default"))) const careeval::server::TlsApi *careeval_tls_api()
{
    return &kApi;
}
