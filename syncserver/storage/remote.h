#pragma once
// The parts of the server that need libpq and libcurl — the PostgreSQL store (pg_store.h) and the
// object store's requests (s3_request.cpp) — live in a module, careeval-remote.so, loaded the first
// time a postgresql:// database or an s3:// photo store is asked for. A server on its embedded SQLite
// database with photos in its data folder (the default) never maps libpq, libcurl and the ~20
// libraries they bring (gnutls, krb5, ldap, ssh2, …): about 4 MB of its resident memory.
//
// Where the module is looked for: $CAREEVAL_REMOTE_MODULE (that file only) when set; otherwise the
// executable's own folder, then the build folder it was built in.

#include "object_store.h"
#include "server_store.h"

namespace careeval::server {

//! What the module offers. `abi` and `layout` guard against a module from another build.
struct RemoteApi {
    int abi;
    std::size_t layout;
    Result<std::unique_ptr<ServerStore>> (*openPostgres)(const std::string &location);
    Result<ObjectReply> (*s3Request)(const ObjectStoreConfig &config, const ObjectRequest &request);
};

constexpr int kRemoteAbi = 1;
constexpr std::size_t kRemoteLayout
    = sizeof(RemoteApi) * 1000003 + sizeof(ServerStore) * 1009 + sizeof(ObjectStoreConfig) * 31 + sizeof(ObjectRequest);

//! The module's functions, loaded on first use; the error says which files were tried and why not.
Result<const RemoteApi *> remoteApi();

// Defined in the module.
Result<ObjectReply> s3Request(const ObjectStoreConfig &config, const ObjectRequest &request);

} // namespace careeval::server
