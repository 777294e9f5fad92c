#pragma once
// The request and response as handlers see them: plain data, no Boost. The transport (net/) turns
// Beast messages into these and back, so every handler is a function request → response that tests
// can call without a socket.

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace careeval::server {

//! Where a large request body goes as it arrives (a photo chunk into its partial file), instead of
//! into HttpRequest::body.
class BodySink
{
public:
    virtual ~BodySink() = default;
    //! The next bytes of the body; false stops reading (the sink remembers why, for the answer).
    virtual bool write(const char *data, std::size_t size) = 0;
};

struct HttpRequest {
    std::string method; //!< "GET", "POST", …
    std::string path; //!< decoded path without the query
    std::map<std::string, std::string> query;
    std::map<std::string, std::string> headers; //!< names in lower case
    std::string body;
    std::string remote;
    //! Set when the body was streamed into this sink; `body` is then empty. When the sink refused
    //! bytes, the rest of the body was not read and the connection closes after the answer.
    std::shared_ptr<BodySink> sink;

    std::string header(const std::string &lowerName) const;
};

struct HttpResponse {
    int status = 200;
    std::string contentType = "application/json";
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;
    //! Bytes of a file sent as they are read (a photo download: never whole in memory), instead of
    //! `body`.
    struct FileRange {
        std::string path;
        std::int64_t offset = 0;
        std::int64_t length = 0;
    };
    std::optional<FileRange> file;
};

//! Where the transport runs a request's handler.
enum class Lane {
    Io, //!< on the I/O thread that read it: quick, never waits
    Cpu, //!< on a small pool: CPU-heavy (password hashing), so I/O threads stay responsive
    //! On a larger pool: waits for a durable commit (a push). Many can wait at once, so concurrent
    //! pushes share one commit (group commit) instead of queueing behind the I/O threads.
    Disk,
};

//! What the transport refused or dropped before any handler saw a request.
struct TransportStats {
    std::uint64_t tooLarge = 0; //!< 413
    std::uint64_t headerTooLarge = 0; //!< 431
    std::uint64_t malformed = 0; //!< 400
    std::uint64_t busy = 0; //!< 503: over the connection caps or the worker queue
    std::uint64_t headerTimeouts = 0; //!< closed without a complete header in time
    std::uint64_t gated = 0; //!< refused at header time (before the body was read)
};

HttpResponse jsonResponse(int status, const nlohmann::json &body);
//! The one error shape: {"error": {"code": "...", "message": "..."}}.
HttpResponse errorResponse(int status, const std::string &code, const std::string &message);

//! Splits "/a/b?x=1&y=%20" into path and decoded query; false when the encoding is broken.
bool parseTarget(const std::string &target, std::string &path, std::map<std::string, std::string> &query);

} // namespace careeval::server
