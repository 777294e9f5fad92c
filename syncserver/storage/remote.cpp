#include "remote.h"

#include <cstdlib>
#include <dlfcn.h>
#include <filesystem>
#include <mutex>
#include <optional>
#include <unistd.h>
#include <vector>

#ifndef CAREEVAL_REMOTE_MODULE
#define CAREEVAL_REMOTE_MODULE ""
#endif

namespace careeval::server {

namespace {

constexpr const char *kModule = "careeval-remote.so";

Result<const RemoteApi *> load()
{
    std::vector<std::string> candidates;
    if (const char *env = std::getenv("CAREEVAL_REMOTE_MODULE"); env && *env) {
        candidates.emplace_back(env); // this file and no other
    } else {
        std::error_code ec;
        const auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
        if (!ec)
            candidates.push_back((self.parent_path() / kModule).string());
        if (*CAREEVAL_REMOTE_MODULE)
            candidates.emplace_back(CAREEVAL_REMOTE_MODULE);
    }
    std::string tried;
    for (const auto &path : candidates) {
        if (::access(path.c_str(), R_OK) != 0) {
            tried += (tried.empty() ? "" : "; ") + path + ": not there";
            continue;
        }
        void *handle = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
        if (!handle) {
            const char *why = ::dlerror();
            tried += (tried.empty() ? "" : "; ") + std::string(why ? why : path + ": cannot load");
            continue;
        }
        using Entry = const RemoteApi *(*)();
        auto entry = reinterpret_cast<Entry>(::dlsym(handle, "careeval_remote_api"));
        const RemoteApi *api = entry ? entry() : nullptr;
        if (!api || api->abi != kRemoteAbi || api->layout != kRemoteLayout) {
            tried += (tried.empty() ? "" : "; ") + path + ": from another build of careeval-server";
            ::dlclose(handle);
            continue;
        }
        return api; // kept loaded for the life of the process
    }
    return makeError(ErrorCode::Io,
        std::string("PostgreSQL and S3 need the module ") + kModule + ", built with careeval-server; it could not be loaded (" + tried
            + ")");
}

} // namespace

Result<const RemoteApi *> remoteApi()
{
    static std::once_flag once;
    static std::optional<Result<const RemoteApi *>> loaded;
    std::call_once(once, [] { loaded.emplace(load()); });
    return *loaded;
}

} // namespace careeval::server
