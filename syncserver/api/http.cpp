#include "http.h"

#include <nlohmann/json.hpp>

namespace careeval::server {

std::string HttpRequest::header(const std::string &lowerName) const
{
    auto it = headers.find(lowerName);
    return it == headers.end() ? std::string() : it->second;
}

HttpResponse jsonResponse(int status, const nlohmann::json &body)
{
    HttpResponse r;
    r.status = status;
    r.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return r;
}

HttpResponse errorResponse(int status, const std::string &code, const std::string &message)
{
    return jsonResponse(status, {{"error", {{"code", code}, {"message", message}}}});
}

namespace {

bool decode(const std::string &in, std::string &out, bool plusIsSpace)
{
    out.clear();
    for (std::size_t i = 0; i < in.size(); ++i) {
        const char c = in[i];
        if (c == '%') {
            if (i + 2 >= in.size() || !std::isxdigit(static_cast<unsigned char>(in[i + 1]))
                || !std::isxdigit(static_cast<unsigned char>(in[i + 2])))
                return false;
            out += static_cast<char>(std::stoi(in.substr(i + 1, 2), nullptr, 16));
            i += 2;
        } else if (c == '+' && plusIsSpace) {
            out += ' ';
        } else {
            out += c;
        }
    }
    return true;
}

} // namespace

bool parseTarget(const std::string &target, std::string &path, std::map<std::string, std::string> &query)
{
    const auto q = target.find('?');
    if (!decode(target.substr(0, q), path, false))
        return false;
    if (path.empty() || path[0] != '/' || path.find('\0') != std::string::npos)
        return false;
    if (q == std::string::npos)
        return true;
    const std::string qs = target.substr(q + 1);
    std::size_t start = 0;
    while (start <= qs.size()) {
        const auto amp = qs.find('&', start);
        const std::string part = qs.substr(start, amp == std::string::npos ? std::string::npos : amp - start);
        if (!part.empty()) {
            const auto eq = part.find('=');
            std::string k, v;
            if (!decode(part.substr(0, eq), k, true) || !decode(eq == std::string::npos ? "" : part.substr(eq + 1), v, true))
                return false;
            query[k] = v;
        }
        if (amp == std::string::npos)
            break;
        start = amp + 1;
    }
    return true;
}

} // namespace careeval::server
