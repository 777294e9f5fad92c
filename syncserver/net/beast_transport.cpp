#include "transport.h"

#include <careeval/jsonutil.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#if CAREEVAL_TLS
#include <boost/asio/ssl.hpp>
#include <boost/beast/ssl.hpp>
#endif

#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

namespace careeval::server {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
#if CAREEVAL_TLS
namespace ssl = boost::asio::ssl;
#endif
using tcp = net::ip::tcp;

namespace {

struct Impl {
    TransportConfig config;
    TransportHooks hooks;
    net::io_context ioc;
    std::optional<net::thread_pool> workers, diskWorkers;
    std::atomic<std::size_t> queued {0}, diskQueued {0};
    struct Counters {
        std::atomic<std::uint64_t> tooLarge {0}, headerTooLarge {0}, malformed {0}, busy {0}, headerTimeouts {0}, gated {0};
    } counters;
    // Open connections per source address (without the port).
    std::mutex addressMutex;
    std::map<std::string, std::size_t> perAddress;
    bool admitAddress(const std::string &address)
    {
        std::lock_guard lock(addressMutex);
        auto &n = perAddress[address];
        if (n >= config.maxPerAddress)
            return false;
        ++n;
        return true;
    }
    void releaseAddress(const std::string &address)
    {
        std::lock_guard lock(addressMutex);
        if (auto it = perAddress.find(address); it != perAddress.end() && --it->second == 0)
            perAddress.erase(it);
    }
    void log(const std::string &line)
    {
        if (hooks.logger)
            hooks.logger(line);
    }
#if CAREEVAL_TLS
    std::optional<ssl::context> sslContext;
#endif
    tcp::acceptor acceptor {ioc};
    std::atomic<std::size_t> connections {0};
    std::atomic<bool> stopping {false};
    std::uint16_t boundPort = 0;
    // Owned here (declared after ioc, so destroyed before it): the wait for requests in flight.
    std::optional<net::steady_timer> stopDeadline;
    std::optional<net::steady_timer> stopPoll;
    // Connections waiting for their next request, with a way to close each; stop() closes them at
    // once instead of waiting for their read timeout.
    std::mutex idleMutex;
    std::map<const void *, std::function<void()>> idle;
    void setIdle(const void *session, std::function<void()> closer)
    {
        std::lock_guard lock(idleMutex);
        if (closer)
            idle[session] = std::move(closer);
        else
            idle.erase(session);
    }

    explicit Impl(TransportConfig c)
        : config(std::move(c))
        , ioc(std::max(1, config.threads))
    {
    }
    void accept();
    void pollStop();
};

// "Ordinary" ends of a connection: the peer went away, we timed out an idle keep-alive, or shutdown.
bool quiet(const beast::error_code &ec)
{
    return ec == http::error::end_of_stream || ec == net::error::operation_aborted || ec == beast::error::timeout || ec == net::error::eof
        || ec == net::error::connection_reset
#if CAREEVAL_TLS
        || ec == ssl::error::stream_truncated
#endif
        ;
}

// The request without its body; targetOk is false when the target's encoding is broken.
HttpRequest headOf(const http::request_header<> &m, const std::string &remote, bool &targetOk)
{
    HttpRequest r;
    r.method = std::string(m.method_string());
    targetOk = parseTarget(std::string(m.target()), r.path, r.query);
    for (const auto &f : m) {
        std::string name(f.name_string());
        for (auto &ch : name)
            ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        r.headers[name] = std::string(f.value());
    }
    r.remote = remote;
    return r;
}

// A JSON string's content from bytes that may be anything a client sent: control characters
// escaped, and bytes that are not valid UTF-8 replaced by U+FFFD, so every log line is valid JSON in
// valid UTF-8.
std::string jsonEscape(const std::string &in)
{
    std::string out;
    const auto *p = reinterpret_cast<const unsigned char *>(in.data());
    const std::size_t n = in.size();
    for (std::size_t i = 0; i < n;) {
        const unsigned char c = p[i];
        if (c == '"' || c == '\\') {
            out += '\\';
            out += static_cast<char>(c);
            ++i;
        } else if (c < 0x20 || c == 0x7f) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04x", c);
            out += buf;
            ++i;
        } else if (c < 0x80) {
            out += static_cast<char>(c);
            ++i;
        } else if (const std::size_t len = utf8CharLength(in, i)) {
            out.append(in, i, len);
            i += len;
        } else {
            out += "\xEF\xBF\xBD";
            ++i;
        }
    }
    return out;
}

// One connection. Stream is beast::tcp_stream or beast::ssl_stream<beast::tcp_stream>.
template <class Stream> class Session : public std::enable_shared_from_this<Session<Stream>>
{
public:
    // The address was admitted (counted) by the acceptor; the session gives it back.
    Session(Impl &server, Stream &&stream, std::string remote, std::string address)
        : m_server(server)
        , m_stream(std::move(stream))
        , m_remote(std::move(remote))
        , m_address(std::move(address))
    {
        ++m_server.connections;
    }
    ~Session()
    {
        closeFile();
        m_server.setIdle(this, nullptr);
        m_server.releaseAddress(m_address);
        --m_server.connections;
    }

    void start()
    {
        if constexpr (std::is_same_v<Stream, beast::tcp_stream>) {
            net::dispatch(m_stream.get_executor(), beast::bind_front_handler(&Session::readHeader, this->shared_from_this()));
        } else {
#if CAREEVAL_TLS
            beast::get_lowest_layer(m_stream).expires_after(std::chrono::seconds(m_server.config.readTimeoutSeconds));
            m_stream.async_handshake(ssl::stream_base::server, beast::bind_front_handler(&Session::onHandshake, this->shared_from_this()));
#endif
        }
    }

private:
    void onHandshake(beast::error_code ec)
    {
        if (ec)
            return; // a failed TLS handshake is the client's problem; nothing to answer
        readHeader();
    }

    void readHeader()
    {
        if (m_server.stopping)
            return close();
        m_header.emplace();
        m_header->header_limit(static_cast<std::uint32_t>(m_server.config.maxHeaderBytes));
        m_header->body_limit(boost::none); // the route's limit is set on the body parser, once the target is known
        // A whole header within a few seconds, or the connection goes (new and keep-alive alike).
        beast::get_lowest_layer(m_stream).expires_after(std::chrono::seconds(m_server.config.headerTimeoutSeconds));
        std::weak_ptr<Session> weak = this->shared_from_this();
        m_server.setIdle(this, [weak] {
            if (auto self = weak.lock())
                net::post(self->m_stream.get_executor(), [self] { beast::get_lowest_layer(self->m_stream).cancel(); });
        });
        http::async_read_header(m_stream, m_buffer, *m_header, beast::bind_front_handler(&Session::onHeader, this->shared_from_this()));
    }

    void onHeader(beast::error_code ec, std::size_t)
    {
        m_server.setIdle(this, nullptr); // busy from here until the response is written
        if (ec) {
            if (ec == http::error::header_limit)
                return fail(431, "headers too large");
            if (ec == http::error::body_limit)
                return fail(413, "request body too large");
            if (ec == beast::error::timeout) {
                ++m_server.counters.headerTimeouts;
                if (m_buffer.size() > 0) // part of a header came, and then nothing: worth a line in the log
                    m_server.log("{\"remote\":\"" + m_remote
                        + "\",\"event\":\"header_timeout\",\"seconds\":" + std::to_string(m_server.config.headerTimeoutSeconds) + "}");
                return close();
            }
            if (!quiet(ec))
                return fail(400, "malformed request: " + ec.message());
            return close();
        }
        const auto &h = m_header->get();
        const std::size_t limit = m_server.hooks.limit(std::string(h.method_string()), std::string(h.target()));
        if (h.has_content_length() && m_header->content_length() && *m_header->content_length() > limit)
            return fail(413, "request body larger than " + std::to_string(limit) + " bytes");
        m_started = std::chrono::steady_clock::now();
        // Authentication and authorization from the header alone: a refused request's body is never read.
        if (m_server.hooks.gate) {
            bool targetOk = true;
            HttpRequest head = headOf(h, m_remote, targetOk);
            if (targetOk)
                if (auto refusal = m_server.hooks.gate(head)) {
                    ++m_server.counters.gated;
                    return send(std::move(*refusal), false, head.method, std::string(h.target()));
                }
        }
        // curl and others wait (a second, for curl) before sending a large body unless told to go on.
        const bool expectContinue = beast::iequals(h[http::field::expect], "100-continue");
        if (m_server.hooks.sinkFactory && m_header->content_length() && *m_header->content_length() > 0) {
            bool targetOk = true;
            HttpRequest head = headOf(h, m_remote, targetOk);
            std::shared_ptr<BodySink> sink = targetOk ? m_server.hooks.sinkFactory(head) : nullptr;
            if (sink) {
                head.sink = std::move(sink);
                m_head = std::move(head);
                m_remaining = *m_header->content_length();
                m_keepAlive = h.keep_alive();
                m_target = std::string(h.target());
                // Body bytes that came in with the header go first; the rest is read straight
                // from the socket in large pieces (Beast's parser reads at most 64 KiB at a time).
                const std::size_t early = static_cast<std::size_t>(std::min<std::uint64_t>(m_buffer.size(), m_remaining));
                if (early > 0) {
                    const auto data = m_buffer.data();
                    const bool ok = m_head.sink->write(static_cast<const char *>(data.data()), early);
                    m_buffer.consume(early);
                    m_remaining -= early;
                    if (!ok)
                        return finishSink(true);
                }
                return startBody(expectContinue, &Session::readSink);
            }
        }
        // Beast sizes each read by the buffer's free capacity, which is tiny after a header: a photo
        // chunk was read 512 bytes at a time (16,000 reads for 8 MiB), a 25 KB push in ~40 reads
        // (and as many wake-ups of an I/O thread). A body of known length gets room for all of it
        // (up to 1 MiB reads); the buffer shrinks back once the request is answered.
        if (m_header->content_length() && *m_header->content_length() > 0)
            m_buffer.reserve(static_cast<std::size_t>(std::min<std::uint64_t>(*m_header->content_length(), 1024 * 1024)) + m_buffer.size());
        else if (m_header->chunked())
            m_buffer.reserve(64 * 1024);
        m_parser.emplace(std::move(*m_header));
        m_parser->body_limit(limit);
        startBody(expectContinue, &Session::readParsed);
    }

    void startBody(bool expectContinue, void (Session::*read)())
    {
        if (!expectContinue)
            return (this->*read)();
        static constexpr char kContinue[] = "HTTP/1.1 100 Continue\r\n\r\n";
        net::async_write(m_stream, net::buffer(kContinue, sizeof kContinue - 1),
            [self = this->shared_from_this(), read](beast::error_code ec, std::size_t) {
                if (ec)
                    return self->close();
                ((*self).*read)();
            });
    }

    // A client whose socket keeps Nagle's algorithm on (Qt's network access manager does) writes a
    // body as the header plus 16 KiB, then the rest, and holds the rest until the first part is
    // acknowledged; Linux delays that acknowledgement up to 40 ms. Every upload waited those 40 ms
    // (a 1 MB photo took 47 ms on loopback, against 6 ms from curl). Acknowledging at once after
    // each read while a body comes in removes the wait.
    void quickAck()
    {
        int one = 1;
        ::setsockopt(beast::get_lowest_layer(m_stream).socket().native_handle(), IPPROTO_TCP, TCP_QUICKACK, &one, sizeof one);
    }

    void readParsed()
    {
        if (m_parser->is_done()) // no body, or all of it came with the header
            return onBody({}, 0);
        quickAck();
        http::async_read_some(m_stream, m_buffer, *m_parser, beast::bind_front_handler(&Session::onBodyPart, this->shared_from_this()));
    }

    void onBodyPart(beast::error_code ec, std::size_t n)
    {
        if (ec)
            return onBody(ec, n);
        readParsed();
    }

    void onBody(beast::error_code ec, std::size_t)
    {
        if (ec == http::error::body_limit)
            return fail(413, "request body too large");
        if (ec) {
            if (!quiet(ec))
                return fail(400, "malformed request: " + ec.message());
            return close(); // truncated upload or dropped client: nothing was acknowledged
        }
        auto req = m_parser->release();
        bool targetOk = true;
        HttpRequest request = headOf(req, m_remote, targetOk);
        request.body = std::move(req.body()); // photo chunks are megabytes: moved, not copied
        const bool keepAlive = req.keep_alive();
        std::string target(req.target());
        if (!targetOk)
            return send(errorResponse(400, "invalid_request", "the request target is not properly encoded"),
                keepAlive && !m_server.stopping, request.method, target);
        // HEAD is GET without the body: the same status and headers, Content-Length included.
        const bool head = request.method == "HEAD";
        if (head)
            request.method = "GET";
        const Lane lane = m_server.hooks.offload ? m_server.hooks.offload(request) : Lane::Io;
        if (lane != Lane::Io && m_server.workers && m_server.diskWorkers) {
            const bool disk = lane == Lane::Disk;
            auto &queued = disk ? m_server.diskQueued : m_server.queued;
            if (queued >= (disk ? m_server.config.diskQueue : m_server.config.workerQueue)) {
                ++m_server.counters.busy;
                auto busy = errorResponse(503, "busy", "the server is busy; retry shortly");
                busy.headers.emplace_back("Retry-After", "1");
                return send(std::move(busy), false, request.method, target);
            }
            ++queued;
            const std::string method = head ? "HEAD" : request.method;
            net::post(disk ? *m_server.diskWorkers : *m_server.workers,
                [self = this->shared_from_this(), request = std::move(request), keepAlive, target, head, method, disk]() mutable {
                    HttpResponse response = self->m_server.hooks.handler(request);
                    --(disk ? self->m_server.diskQueued : self->m_server.queued);
                    // back on the connection's strand to answer
                    net::post(
                        self->m_stream.get_executor(), [self, response = std::move(response), keepAlive, target, head, method]() mutable {
                            self->send(std::move(response), keepAlive && !self->m_server.stopping, method, target, head);
                        });
                });
            return;
        }
        HttpResponse response = m_server.hooks.handler(request);
        send(std::move(response), keepAlive && !m_server.stopping, head ? "HEAD" : request.method, target, head);
    }

    void readSink()
    {
        if (m_remaining == 0)
            return finishSink(false);
        quickAck();
        if (m_piece.empty())
            m_piece.resize(1 << 20);
        beast::get_lowest_layer(m_stream).expires_after(std::chrono::seconds(m_server.config.readTimeoutSeconds));
        const std::size_t want = static_cast<std::size_t>(std::min<std::uint64_t>(m_remaining, m_piece.size()));
        m_stream.async_read_some(
            net::buffer(m_piece.data(), want), beast::bind_front_handler(&Session::onSinkRead, this->shared_from_this()));
    }

    void onSinkRead(beast::error_code ec, std::size_t n)
    {
        if (ec) {
            // A cut mid-body: released here, the sink keeps what arrived; nothing to answer.
            m_head = {};
            m_piece = {};
            if (!quiet(ec))
                return fail(400, "malformed request: " + ec.message());
            return close();
        }
        m_remaining -= n;
        if (!m_head.sink->write(m_piece.data(), n))
            return finishSink(true);
        readSink();
    }

    // The body is in the sink (or the sink refused it, and the rest is left unread): the handler
    // gives the answer either way.
    void finishSink(bool refused)
    {
        m_piece = {};
        HttpRequest request = std::move(m_head);
        m_head = {};
        HttpResponse response = m_server.hooks.handler(request);
        const std::string method = request.method;
        request = {};
        send(std::move(response), m_keepAlive && !refused && !m_server.stopping, method, m_target);
    }

    void send(HttpResponse r, bool keepAlive, const std::string &method, const std::string &target, bool headOnly = false)
    {
        if (r.file && !headOnly)
            return sendFile(std::move(r), keepAlive, method, target);
        auto res = std::make_shared<http::response<http::string_body>>(static_cast<http::status>(r.status), 11);
        res->set(http::field::server, "careeval-server");
        if (!r.body.empty() || r.status != 304)
            res->set(http::field::content_type, r.contentType);
        for (const auto &[k, v] : r.headers)
            res->set(k, v);
        res->keep_alive(keepAlive);
        const std::size_t size = r.file ? static_cast<std::size_t>(r.file->length) : r.body.size();
        if (headOnly) {
            res->content_length(size); // what a GET would send, without sending it
        } else {
            res->body() = std::move(r.body);
            res->prepare_payload();
        }
        const auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - m_started).count();
        if (m_server.hooks.logger) {
            // One JSON object per request, so logs can be filtered and aggregated by field.
            char line[800];
            std::snprintf(line, sizeof line,
                "{\"remote\":\"%s\",\"method\":\"%s\",\"target\":\"%s\",\"status\":%d,\"bytes\":%zu,\"ms\":%.1f}", m_remote.c_str(),
                jsonEscape(method).c_str(), jsonEscape(target.substr(0, 300)).c_str(), r.status, size, ms);
            m_server.hooks.logger(line);
        }
        m_response = res;
        // A slow reader gets the read timeout for the answer, not what was left of the header's.
        beast::get_lowest_layer(m_stream).expires_after(std::chrono::seconds(m_server.config.readTimeoutSeconds));
        http::async_write(m_stream, *res, beast::bind_front_handler(&Session::onWrite, this->shared_from_this(), keepAlive));
    }

    // A file's bytes after the header, in 256 KiB reads: memory per download stays at one piece.
    void sendFile(HttpResponse r, bool keepAlive, const std::string &method, const std::string &target)
    {
        const int fd = ::open(r.file->path.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0)
            return send(errorResponse(404, "not_found", "no such file"), keepAlive, method, target);
        auto res = std::make_shared<http::response<http::empty_body>>(static_cast<http::status>(r.status), 11);
        res->set(http::field::server, "careeval-server");
        res->set(http::field::content_type, r.contentType);
        for (const auto &[k, v] : r.headers)
            res->set(k, v);
        res->keep_alive(keepAlive);
        res->content_length(static_cast<std::uint64_t>(r.file->length));
        const auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - m_started).count();
        m_server.log("{\"remote\":\"" + m_remote + "\",\"method\":\"" + jsonEscape(method) + "\",\"target\":\""
            + jsonEscape(target.substr(0, 300)) + "\",\"status\":" + std::to_string(r.status)
            + ",\"bytes\":" + std::to_string(r.file->length) + ",\"ms\":" + std::to_string(ms) + "}");
        m_fileFd = fd;
        m_fileOffset = r.file->offset;
        m_fileRemaining = r.file->length;
        m_response = res;
        beast::get_lowest_layer(m_stream).expires_after(std::chrono::seconds(m_server.config.readTimeoutSeconds));
        http::async_write(m_stream, *res, [self = this->shared_from_this(), keepAlive](beast::error_code ec, std::size_t) {
            if (ec) {
                self->closeFile();
                return self->close();
            }
            self->writeFilePiece(keepAlive);
        });
    }

    void writeFilePiece(bool keepAlive)
    {
        if (m_fileRemaining == 0) {
            closeFile();
            m_piece = {};
            return onWrite(keepAlive, {}, 0);
        }
        if (m_piece.size() != (1 << 18))
            m_piece.resize(1 << 18);
        const auto want = static_cast<std::size_t>(std::min<std::int64_t>(m_fileRemaining, static_cast<std::int64_t>(m_piece.size())));
        const ssize_t n = ::pread(m_fileFd, m_piece.data(), want, m_fileOffset);
        if (n <= 0) { // the file shrank or vanished: the promised length cannot be kept, so cut the connection
            closeFile();
            return close();
        }
        m_fileOffset += n;
        m_fileRemaining -= n;
        beast::get_lowest_layer(m_stream).expires_after(std::chrono::seconds(m_server.config.readTimeoutSeconds));
        net::async_write(m_stream, net::buffer(m_piece.data(), static_cast<std::size_t>(n)),
            [self = this->shared_from_this(), keepAlive](beast::error_code ec, std::size_t) {
                if (ec) {
                    self->closeFile();
                    return self->close();
                }
                self->writeFilePiece(keepAlive);
            });
    }

    void closeFile()
    {
        if (m_fileFd >= 0)
            ::close(m_fileFd);
        m_fileFd = -1;
    }

    void fail(int status, const std::string &message)
    {
        ++(status == 413 ? m_server.counters.tooLarge : status == 431 ? m_server.counters.headerTooLarge : m_server.counters.malformed);
        m_started = std::chrono::steady_clock::now();
        send(errorResponse(status, status == 413 ? "too_large" : "invalid_request", message), false, "-", "-");
    }

    void onWrite(bool keepAlive, beast::error_code ec, std::size_t)
    {
        m_response.reset();
        if (m_buffer.capacity() > 16 * 1024 && m_buffer.size() == 0)
            m_buffer.shrink_to_fit();
        if (ec || !keepAlive)
            return close();
        readHeader();
    }

    void close()
    {
        beast::error_code ec;
        if constexpr (std::is_same_v<Stream, beast::tcp_stream>) {
            m_stream.socket().shutdown(tcp::socket::shutdown_send, ec);
        } else {
#if CAREEVAL_TLS
            beast::get_lowest_layer(m_stream).expires_after(std::chrono::seconds(5));
            m_stream.async_shutdown([self = this->shared_from_this()](beast::error_code) {});
#endif
        }
    }

    Impl &m_server;
    Stream m_stream;
    std::string m_remote;
    std::string m_address;
    beast::flat_buffer m_buffer;
    std::optional<http::request_parser<http::empty_body>> m_header;
    std::optional<http::request_parser<http::string_body>> m_parser;
    // A body streaming into a sink: the request (head and sink), the bytes still to come, one
    // reusable piece of memory to read them into.
    HttpRequest m_head;
    std::uint64_t m_remaining = 0;
    bool m_keepAlive = false;
    std::string m_target;
    std::vector<char> m_piece;
    // A file being sent (sendFile): its descriptor, the next byte and how many remain.
    int m_fileFd = -1;
    std::int64_t m_fileOffset = 0, m_fileRemaining = 0;
    std::shared_ptr<void> m_response;
    std::chrono::steady_clock::time_point m_started = std::chrono::steady_clock::now();
};

// The answer to a connection over the cap: 503, then the connection is closed once the client
// has it. Closing at once, with the client's request unread, makes the kernel send a reset that can
// destroy the 503 before the client reads it; so the request is drained first (for at most two
// seconds, in 1 KiB reads, never parsed).
class BusyAnswer : public std::enable_shared_from_this<BusyAnswer>
{
public:
    explicit BusyAnswer(tcp::socket socket)
        : m_socket(std::move(socket))
        , m_deadline(m_socket.get_executor())
    {
    }
    //! The answer, its Content-Length counted from the body itself.
    static const std::string &answer()
    {
        static const std::string body = "{\"error\":{\"code\":\"busy\",\"message\":\"too many connections, retry shortly\"}}";
        static const std::string text = "HTTP/1.1 503 Service Unavailable\r\nServer: careeval-server\r\nContent-Type: application/json\r\n"
                                        "Connection: close\r\nRetry-After: 2\r\nContent-Length: "
            + std::to_string(body.size()) + "\r\n\r\n" + body;
        return text;
    }
    void start()
    {
        const std::string &busy = answer();
        m_deadline.expires_after(std::chrono::seconds(2));
        m_deadline.async_wait([self = shared_from_this()](beast::error_code) {
            beast::error_code ignored;
            self->m_socket.close(ignored);
        });
        net::async_write(m_socket, net::buffer(busy), [self = shared_from_this()](beast::error_code ec, std::size_t) {
            if (ec)
                return self->finish();
            beast::error_code ignored;
            self->m_socket.shutdown(tcp::socket::shutdown_send, ignored);
            self->drain();
        });
    }

private:
    void drain()
    {
        m_socket.async_read_some(net::buffer(m_scratch), [self = shared_from_this()](beast::error_code ec, std::size_t) {
            if (ec)
                return self->finish(); // the client closed (it has the answer), or the deadline closed it
            self->drain();
        });
    }
    void finish()
    {
        m_deadline.cancel();
        beast::error_code ignored;
        m_socket.close(ignored);
    }

    tcp::socket m_socket;
    net::steady_timer m_deadline;
    std::array<char, 1024> m_scratch {};
};

void Impl::accept()
{
    acceptor.async_accept(net::make_strand(ioc), [this](beast::error_code ec, tcp::socket socket) {
        if (ec) {
            if (ec == net::error::operation_aborted || stopping)
                return;
            return accept();
        }
        beast::error_code rec;
        const auto ep = socket.remote_endpoint(rec);
        const std::string address = rec ? "?" : ep.address().to_string();
        const std::string remote = rec ? "?" : address + ":" + std::to_string(ep.port());
        // Over the cap, or over one address's share of it: refuse politely rather than queue without
        // bound, and say so in the log.
        const bool overall = connections >= config.maxConnections;
        if (overall || !admitAddress(address)) {
            ++counters.busy;
            log("{\"remote\":\"" + remote + "\",\"event\":\"busy\",\"status\":503,\"reason\":\""
                + (overall ? "connection cap" : "connections from this address") + "\"}");
            std::make_shared<BusyAnswer>(std::move(socket))->start();
            return accept();
        }
#if CAREEVAL_TLS
        if (sslContext) {
            std::make_shared<Session<beast::ssl_stream<beast::tcp_stream>>>(
                *this, beast::ssl_stream<beast::tcp_stream>(beast::tcp_stream(std::move(socket)), *sslContext), remote, address)
                ->start();
            return accept();
        }
#endif
        std::make_shared<Session<beast::tcp_stream>>(*this, beast::tcp_stream(std::move(socket)), remote, address)->start();
        accept();
    });
}

void Impl::pollStop()
{
    if (connections == 0) {
        ioc.stop();
        return;
    }
    stopPoll->expires_after(std::chrono::milliseconds(50));
    stopPoll->async_wait([this](beast::error_code ec) {
        if (!ec)
            pollStop();
    });
}

class BeastTransport final : public Transport
{
public:
    explicit BeastTransport(TransportConfig config)
        : d(std::make_unique<Impl>(std::move(config)))
    {
    }

    TransportHooks &hooks() override { return d->hooks; }

    void startWorkers() override
    {
        if (!d->workers)
            d->workers.emplace(static_cast<std::size_t>(std::max(1, d->config.workerThreads)));
        if (!d->diskWorkers)
            d->diskWorkers.emplace(static_cast<std::size_t>(std::max(1, d->config.diskThreads)));
    }

    TransportStats stats() const override
    {
        const auto &c = d->counters;
        return {c.tooLarge.load(), c.headerTooLarge.load(), c.malformed.load(), c.busy.load(), c.headerTimeouts.load(), c.gated.load()};
    }

    Result<void> start() override
    {
        beast::error_code ec;
        const auto address = net::ip::make_address(d->config.address, ec);
        if (ec)
            return makeError(ErrorCode::InvalidArgument, "cannot listen on \"" + d->config.address + "\": not an IP address");
        if (d->config.wantsTls()) {
#if CAREEVAL_TLS
            d->sslContext.emplace(ssl::context::tls_server);
            d->sslContext->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3
                | ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1);
            // TLS 1.2 only with forward-secret (ECDHE) AEAD suites; TLS 1.3's suites all are.
            SSL_CTX_set_cipher_list(d->sslContext->native_handle(),
                "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:"
                "ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305");
            d->sslContext->use_certificate_chain_file(d->config.certFile, ec);
            if (ec)
                return makeError(ErrorCode::Io, "cannot read TLS certificate " + d->config.certFile + ": " + ec.message());
            d->sslContext->use_private_key_file(d->config.keyFile, ssl::context::pem, ec);
            if (ec)
                return makeError(ErrorCode::Io, "cannot read TLS key " + d->config.keyFile + ": " + ec.message());
#else
            return makeError(ErrorCode::InvalidArgument, "this build of the transport has no TLS (it is in careeval-tls.so)");
#endif
        }
        const tcp::endpoint endpoint(address, d->config.port);
        d->acceptor.open(endpoint.protocol(), ec);
        if (!ec)
            d->acceptor.set_option(net::socket_base::reuse_address(true), ec);
        if (!ec)
            d->acceptor.bind(endpoint, ec);
        if (!ec)
            d->acceptor.listen(net::socket_base::max_listen_connections, ec);
        if (ec)
            return makeError(
                ErrorCode::Io, "cannot listen on " + d->config.address + ":" + std::to_string(d->config.port) + ": " + ec.message());
        d->boundPort = d->acceptor.local_endpoint().port();
        d->accept();
        return {};
    }

    std::uint16_t port() const override
    {
        return d->boundPort;
    }

    bool tls() const override
    {
#if CAREEVAL_TLS
        return d->sslContext.has_value();
#else
        return false;
#endif
    }

    void run() override
    {
        std::vector<std::thread> extra;
        for (int i = 1; i < std::max(1, d->config.threads); ++i)
            extra.emplace_back([this] { d->ioc.run(); });
        d->ioc.run();
        for (auto &t : extra)
            t.join();
        if (d->workers)
            d->workers->join();
        if (d->diskWorkers)
            d->diskWorkers->join();
    }

    void stop() override
    {
        net::post(d->ioc, [this] {
            d->stopping = true;
            beast::error_code ec;
            d->acceptor.close(ec);
            std::map<const void *, std::function<void()>> idle;
            {
                std::lock_guard lock(d->idleMutex);
                idle.swap(d->idle);
            }
            for (auto &[session, close] : idle)
                close();
            // Requests in flight finish and get their answer (with Connection: close); idle keep-alive
            // connections are closed now; after 10 s whatever is left is cut.
            d->stopDeadline.emplace(d->ioc, std::chrono::seconds(10));
            d->stopDeadline->async_wait([this](beast::error_code e) {
                if (!e)
                    d->ioc.stop();
            });
            d->stopPoll.emplace(d->ioc);
            d->pollStop();
        });
    }

    std::size_t connections() const override
    {
        return d->connections;
    }

private:
    std::unique_ptr<Impl> d;
};

} // namespace

std::unique_ptr<Transport> makeBeastTransport(TransportConfig config)
{
    return std::make_unique<BeastTransport>(std::move(config));
}

} // namespace careeval::server
