#pragma once
// The office console's files (syncserver/web, built by Vite into dist/), served at "/" next to the
// API: hashed assets cached for a year, index.html never cached, a strict Content-Security-Policy
// (no inline script), and every page path of the single-page app answered with index.html.

#include "http.h"

#include <optional>
#include <string>

namespace careeval::server {

class WebConsole
{
public:
    //! root: the built console (a folder holding index.html); empty: no console.
    explicit WebConsole(std::string root);

    //! The answer for a GET or HEAD outside /api/, /healthz and /metrics; nullopt when the path is
    //! not the console's (the caller answers 404).
    std::optional<HttpResponse> serve(const HttpRequest &req) const;

    //! The headers every console answer carries (also tested).
    static const char *contentSecurityPolicy();

private:
    std::string m_root;
};

} // namespace careeval::server
