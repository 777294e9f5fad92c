#include "web_console.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <system_error>

namespace careeval::server {

namespace {

const char *typeOf(const std::string &ext)
{
    if (ext == ".html")
        return "text/html; charset=utf-8";
    if (ext == ".js" || ext == ".mjs")
        return "text/javascript; charset=utf-8";
    if (ext == ".css")
        return "text/css; charset=utf-8";
    if (ext == ".json" || ext == ".map")
        return "application/json";
    if (ext == ".svg")
        return "image/svg+xml";
    if (ext == ".png")
        return "image/png";
    if (ext == ".ico")
        return "image/x-icon";
    if (ext == ".woff2")
        return "font/woff2";
    if (ext == ".woff")
        return "font/woff";
    if (ext == ".ttf")
        return "font/ttf";
    if (ext == ".txt")
        return "text/plain; charset=utf-8";
    return "application/octet-stream";
}

// A path the console may serve: printable, no "..", no hidden files, no backslashes.
bool safePath(const std::string &path)
{
    if (path.empty() || path.front() != '/' || path.size() > 512)
        return false;
    for (const char ch : path)
        if (static_cast<unsigned char>(ch) < 0x20 || ch == '\\' || ch == 0x7f)
            return false;
    std::size_t start = 1;
    while (start <= path.size()) {
        const auto end = path.find('/', start);
        const std::string segment = path.substr(start, end == std::string::npos ? std::string::npos : end - start);
        if (!segment.empty() && segment.front() == '.')
            return false;
        if (end == std::string::npos)
            break;
        start = end + 1;
    }
    return true;
}

// The console's own page paths (its router's routes), in plain ASCII.
bool consolePage(const std::string &path)
{
    static const char *const pages[]
        = {"", "login", "board", "inspections", "dashboard", "draw", "draws", "institutions", "templates", "users", "audit", "account"};
    for (const char ch : path)
        if (!(std::isalnum(static_cast<unsigned char>(ch)) || ch == '/' || ch == '.' || ch == '_' || ch == '-' || ch == '~'))
            return false;
    const auto end = path.find('/', 1);
    const std::string first = path.substr(1, end == std::string::npos ? std::string::npos : end - 1);
    return std::find(std::begin(pages), std::end(pages), first) != std::end(pages);
}

} // namespace

WebConsole::WebConsole(std::string root)
    : m_root(std::move(root))
{
}

const char *WebConsole::contentSecurityPolicy()
{
    // Scripts only from this server's own files (no inline script, no eval); styles may be set by
    // the component library at run time; images include the photos (blob: URLs made from API bytes).
    return "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
           "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
           "frame-ancestors 'none'";
}

std::optional<HttpResponse> WebConsole::serve(const HttpRequest &req) const
{
    if (req.method != "GET" && req.method != "HEAD")
        return std::nullopt;
    if (req.path.rfind("/api/", 0) == 0 || req.path == "/api")
        return std::nullopt;
    namespace fs = std::filesystem;
    std::error_code ec;
    HttpResponse res;
    res.headers.emplace_back("Content-Security-Policy", contentSecurityPolicy());
    res.headers.emplace_back("X-Content-Type-Options", "nosniff");
    res.headers.emplace_back("Referrer-Policy", "no-referrer");
    res.headers.emplace_back("X-Frame-Options", "DENY");
    if (m_root.empty() || !fs::is_regular_file(fs::path(m_root) / "index.html", ec)) {
        if (req.path != "/")
            return std::nullopt;
        res.status = 503;
        res.contentType = "text/plain; charset=utf-8";
        res.headers.emplace_back("Cache-Control", "no-store");
        res.body = "The office console is not built on this server. Build it with scripts/web.sh (npm ci && npm run build in "
                   "syncserver/web), or start careeval-server with --web DIR pointing at the built console.\n";
        return res;
    }
    if (!safePath(req.path))
        return std::nullopt;
    const bool asset = req.path.rfind("/assets/", 0) == 0;
    fs::path file = fs::path(m_root) / req.path.substr(1);
    const bool exists = req.path != "/" && fs::is_regular_file(file, ec);
    if (!exists) {
        // A missing hashed asset is a 404 (a stale page asking for an old build), not index.html.
        if (asset || fs::path(req.path).has_extension())
            return std::nullopt;
        // The pages of the single-page app (/board, /inspections/x) are index.html; any other path
        // is not the console's.
        if (!consolePage(req.path))
            return std::nullopt;
        file = fs::path(m_root) / "index.html";
    }
    std::string ext = file.extension().string();
    res.contentType = typeOf(ext);
    res.headers.emplace_back("Cache-Control", asset ? "public, max-age=31536000, immutable" : "no-cache");
    // Text files were compressed at build time (name.gz next to name): sent as they are when the
    // browser takes gzip.
    if (ext == ".js" || ext == ".css" || ext == ".html" || ext == ".svg" || ext == ".json") {
        res.headers.emplace_back("Vary", "Accept-Encoding");
        const std::string accepts = req.header("accept-encoding");
        fs::path gz = file;
        gz += ".gz";
        if (accepts.find("gzip") != std::string::npos && fs::is_regular_file(gz, ec)) {
            file = gz;
            res.headers.emplace_back("Content-Encoding", "gzip");
        }
    }
    const auto size = fs::file_size(file, ec);
    if (ec)
        return std::nullopt;
    // index.html is revalidated on every visit: an ETag of its size and time lets the browser keep
    // its copy when nothing changed.
    const auto mtime = static_cast<std::uint64_t>(fs::last_write_time(file, ec).time_since_epoch().count());
    const std::string etag = "\"" + std::to_string(size) + "-" + std::to_string(mtime) + "\"";
    res.headers.emplace_back("ETag", etag);
    if (req.header("if-none-match") == etag) {
        res.status = 304;
        return res;
    }
    res.file = HttpResponse::FileRange {file.string(), 0, static_cast<std::int64_t>(size)};
    return res;
}

} // namespace careeval::server
