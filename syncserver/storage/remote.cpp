#include "remote.h"

#include "../modules.h"

#ifndef CAREEVAL_REMOTE_MODULE
#define CAREEVAL_REMOTE_MODULE ""
#endif

namespace careeval::server {

Result<const RemoteApi *> remoteApi()
{
    static const ModuleSpec spec {"careeval-remote.so", "CAREEVAL_REMOTE_MODULE", CAREEVAL_REMOTE_MODULE, "careeval_remote_api",
        "PostgreSQL and S3", [](const void *api) {
            const auto *a = static_cast<const RemoteApi *>(api);
            return a->abi == kRemoteAbi && a->layout == kRemoteLayout;
        }};
    return moduleApi<RemoteApi>(spec);
}

} // namespace careeval::server
