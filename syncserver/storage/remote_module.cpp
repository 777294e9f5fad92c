// careeval-remote.so: the PostgreSQL store and the object store's requests, loaded by remote.cpp
// only when a deployment asks for them (storage/remote.h says why).

#include "pg_store.h"
#include "remote.h"

namespace {

const careeval::server::RemoteApi kApi {
    careeval::server::kRemoteAbi,
    careeval::server::kRemoteLayout,
    &careeval::server::PgServerStore::open,
    &careeval::server::s3Request,
};

} // namespace

extern "C" __attribute__((visibility("default"))) const careeval::server::RemoteApi *careeval_remote_api()
{
    return &kApi;
}
