#pragma once
// The sync server in process for tests: its real store (SQLite in a directory, or a PostgreSQL
// database of its own when the tests run on PostgreSQL: storetest.h), the Service over it, and the
// demo seeded — no socket, no subprocess.

#include "api/service.h"
#include "demo.h"
#include "storage/server_store.h"

#include "../shared/testutil.h"
#include "storetest.h"

#include <memory>
#include <string>

//! A request to the service as the transport hands it over (parsed target, bearer token), no socket.
inline careeval::server::HttpResponse callService(careeval::server::Service &service, const std::string &method, const std::string &target,
    const std::string &token, const std::string &body = {})
{
    careeval::server::HttpRequest req;
    req.method = method;
    careeval::server::parseTarget(target, req.path, req.query);
    if (!token.empty())
        req.headers["authorization"] = "Bearer " + token;
    req.body = body;
    req.remote = "127.0.0.1:5000";
    return service.handle(req);
}

struct InProcessServer {
    std::unique_ptr<careeval::server::ServerStore> store;
    std::unique_ptr<careeval::server::Service> service;

    //! Opens (or reopens) the store in `dir`, makes the service and seeds the demo; the error says why not.
    std::string open(const std::string &dir)
    {
        auto s = careeval::server::ServerStore::open(storetest::location(dir));
        if (!s)
            return s.error().message;
        store = std::move(s.value());
        careeval::server::ServiceConfig sc;
        sc.dataDir = dir;
        service = std::make_unique<careeval::server::Service>(*store, sc);
        if (auto r = service->init(); !r)
            return r.error().message;
        auto seeded = careeval::server::seedDemo(*store, *service, testutil::sourcePath("assets/templates"));
        return seeded ? std::string() : seeded.error().message;
    }
    //! Closes the service, then the store (which writes what it holds only in memory).
    void close()
    {
        service.reset();
        store.reset();
    }
};
