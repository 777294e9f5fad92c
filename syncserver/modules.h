#pragma once
// The server's optional modules: shared objects built with careeval-server and loaded only when a
// deployment asks for what they hold, so the default server never maps the libraries they bring —
// careeval-remote.so (PostgreSQL, S3: storage/remote.h) and careeval-tls.so (TLS: net/transport.h).
//
// Where a module is looked for: the file named by its environment variable (that file only) when
// set; otherwise the executable's own folder, then the build folder it was built in.

#include <careeval/result.h>

#include <mutex>
#include <optional>

namespace careeval::server {

struct ModuleSpec {
    const char *file; //!< "careeval-remote.so"
    const char *envVar; //!< "CAREEVAL_REMOTE_MODULE"
    const char *builtPath; //!< where the build put it ("" if nowhere)
    const char *entry; //!< the exported function that answers the module's API
    const char *neededFor; //!< "PostgreSQL and S3", for the error
    //! Whether the API comes from this very build (its ABI number and layout).
    bool (*sameBuild)(const void *api);
};

//! Loads the module (kept for the life of the process) and answers its API; the error names every
//! file tried and why it could not be used.
Result<const void *> loadModule(const ModuleSpec &spec);

//! loadModule() the first time, typed; later calls answer the same (an error too: no retry).
template <class Api> Result<const Api *> moduleApi(const ModuleSpec &spec)
{
    static std::once_flag once;
    static std::optional<Result<const Api *>> loaded;
    std::call_once(once, [&] {
        auto module = loadModule(spec);
        if (module)
            loaded.emplace(static_cast<const Api *>(*module));
        else
            loaded.emplace(module.error());
    });
    return *loaded;
}

} // namespace careeval::server
