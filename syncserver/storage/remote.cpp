#include "remote.h"

#include "../modules.h"

#include <mutex>
#include <optional>

#ifndef CAREEVAL_REMOTE_MODULE
#define CAREEVAL_REMOTE_MODULE ""
#endif

namespace careeval::server {

Result<const RemoteApi *> remoteApi()
{
    static std::once_flag once;
    static std::optional<Result<const RemoteApi *>> loaded;
    std::call_once(once, [] {
        const ModuleSpec spec {"careeval-remote.so", "CAREEVAL_REMOTE_MODULE", CAREEVAL_REMOTE_MODULE, "careeval_remote_api",
            "PostgreSQL and S3", [](const void *api) {
                const auto *a = static_cast<const RemoteApi *>(api);
                return a->abi == kRemoteAbi && a->layout == kRemoteLayout;
            }};
        auto module = loadModule(spec);
        if (module)
            loaded.emplace(static_cast<const RemoteApi *>(*module));
        else
            loaded.emplace(module.error());
    });
    return *loaded;
}

} // namespace careeval::server
