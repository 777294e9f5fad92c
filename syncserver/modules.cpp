#include "modules.h"

#include <cstdlib>
#include <dlfcn.h>
#include <filesystem>
#include <string>
#include <unistd.h>
#include <vector>

namespace careeval::server {

Result<const void *> loadModule(const ModuleSpec &spec)
{
    std::vector<std::string> candidates;
    if (const char *env = std::getenv(spec.envVar); env && *env) {
        candidates.emplace_back(env); // this file and no other
    } else {
        std::error_code ec;
        const auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
        if (!ec)
            candidates.push_back((self.parent_path() / spec.file).string());
        if (spec.builtPath && *spec.builtPath)
            candidates.emplace_back(spec.builtPath);
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
        using Entry = const void *(*)();
        auto entry = reinterpret_cast<Entry>(::dlsym(handle, spec.entry));
        const void *api = entry ? entry() : nullptr;
        if (!api || !spec.sameBuild(api)) {
            tried += (tried.empty() ? "" : "; ") + path + ": from another build of careeval-server";
            ::dlclose(handle);
            continue;
        }
        return api; // kept loaded for the life of the process
    }
    return makeError(ErrorCode::Io,
        std::string(spec.neededFor) + " need the module " + spec.file + ", built with careeval-server; it could not be loaded (" + tried
            + ")");
}

} // namespace careeval::server
