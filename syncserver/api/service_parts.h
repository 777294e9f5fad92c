#pragma once
// What the route files of the service share (service.cpp, routes_*.cpp): the request context, the
// one mapping from the core's error codes to HTTP, and the readers of request fields. Not for use
// outside syncserver/api.

#include "service.h"

#include <careeval/jsonutil.h>
#include <careeval/wire.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace careeval::server {

using nlohmann::json;

//! Where an error came from: the request (a client's mistake: 4xx by its code) or data the server
//! itself stored (a stored template that no longer parses, a database failure: always 500).
enum class Origin { Request, Stored };

//! The one mapping from the core's error codes to an HTTP status and a wire code. 500s are turned
//! into "internal error" with a request id by Service::handle; the message only reaches the log.
HttpResponse failure(const Error &error, Origin origin = Origin::Request);

inline std::optional<std::int64_t> wholeNumber(const std::string &text)
{
    if (text.empty() || text.size() > 18)
        return std::nullopt;
    std::int64_t v = 0;
    for (char ch : text) {
        if (ch < '0' || ch > '9')
            return std::nullopt;
        v = v * 10 + (ch - '0');
    }
    return v;
}

inline std::vector<std::string> splitPath(const std::string &path)
{
    std::vector<std::string> out;
    std::size_t start = 1;
    while (start <= path.size()) {
        const auto slash = path.find('/', start);
        out.push_back(path.substr(start, slash == std::string::npos ? std::string::npos : slash - start));
        if (slash == std::string::npos)
            break;
        start = slash + 1;
    }
    if (!out.empty() && out.back().empty())
        out.pop_back();
    return out;
}

inline bool supervisorLike(const User &u)
{
    return u.role == Role::Supervisor || u.role == Role::Admin;
}

inline json userJson(const User &u)
{
    return {{"username", u.username}, {"display_name", u.displayName}, {"role", std::string(toString(u.role))}, {"active", u.active}};
}

inline AssignmentSummary summaryOf(const InspectionRecord &r)
{
    AssignmentSummary a;
    a.id = r.id;
    a.institution = r.institution;
    a.templateId = r.templateId;
    a.templateVersion = r.templateVersion;
    a.status = r.status;
    a.plannedDate = r.plannedDate;
    a.createdAt = r.createdAt;
    for (const auto &m : r.team)
        a.team.push_back({m.username, m.role, {}});
    return a;
}

inline json inspectionJson(const InspectionRecord &r)
{
    return toJson(summaryOf(r));
}

inline bool validName(const std::string &s, std::size_t max = 64)
{
    return !s.empty() && s.size() <= max && std::all_of(s.begin(), s.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-';
    });
}

// Reads typed fields from a request body, naming the field in the 400 it produces.
struct Fields {
    const json &o;
    std::string error;

    std::string str(const char *key, bool required, std::size_t max = 1000)
    {
        if (!error.empty())
            return {};
        auto it = o.find(key);
        if (it == o.end() || it->is_null()) {
            if (required)
                error = std::string("field \"") + key + "\" is required";
            return {};
        }
        if (!it->is_string()) {
            error = std::string("field \"") + key + "\" must be a string, not " + jsonTypeName(*it);
            return {};
        }
        const std::string v = it->get<std::string>();
        if (v.find('\0') != std::string::npos) // PostgreSQL cannot store it; SQLite would: refused on both
            error = std::string("field \"") + key + "\" contains a NUL character";
        else if (v.size() > max)
            error = std::string("field \"") + key + "\" is longer than " + std::to_string(max) + " characters";
        if (required && v.empty())
            error = std::string("field \"") + key + "\" must not be empty";
        return v;
    }
    std::int64_t integer(const char *key, bool required, std::int64_t min, std::int64_t max, std::int64_t fallback = 0)
    {
        if (!error.empty())
            return fallback;
        auto it = o.find(key);
        if (it == o.end() || it->is_null()) {
            if (required)
                error = std::string("field \"") + key + "\" is required";
            return fallback;
        }
        if (!it->is_number_integer() || it->get<std::int64_t>() < min || it->get<std::int64_t>() > max) {
            error = std::string("field \"") + key + "\" must be a whole number from " + std::to_string(min) + " to " + std::to_string(max);
            return fallback;
        }
        return it->get<std::int64_t>();
    }
    std::vector<std::string> strings(const char *key, bool required)
    {
        std::vector<std::string> out;
        if (!error.empty())
            return out;
        auto it = o.find(key);
        if (it == o.end() || it->is_null()) {
            if (required)
                error = std::string("field \"") + key + "\" is required";
            return out;
        }
        if (!it->is_array()) {
            error = std::string("field \"") + key + "\" must be a list of strings";
            return out;
        }
        for (const auto &e : *it) {
            if (!e.is_string()) {
                error = std::string("field \"") + key + "\" must be a list of strings";
                return {};
            }
            out.push_back(e.get<std::string>());
        }
        return out;
    }
};

struct Service::Context {
    const HttpRequest &req;
    std::optional<User> user;
    std::int64_t now = nowMillis();
    //! The route's {names}, from the path.
    std::map<std::string, std::string> params;
    //! For routes under /inspections/{id}: the inspection, read once the caller was let in.
    std::optional<InspectionRecord> inspection;

    const std::string &param(const char *name) const { return params.at(name); }
    //! Parses the body as a JSON object, or sets a 400 naming what is wrong.
    std::optional<json> body(HttpResponse &error) const;
};

//! Who may call a route; checked by the dispatcher before the handler runs.
enum class Access {
    Public, //!< no sign-in
    SignedIn,
    Supervisor, //!< supervisors and administrators
    Admin,
    Team, //!< members of the inspection {id}, supervisors and administrators
};

struct Service::Route {
    const char *method;
    const char *pattern; //!< "/api/v1/inspections/{id}/ops": literal segments and {names}
    Access access;
    HttpResponse (Service::*handler)(Context &);
    const char *refusal = ""; //!< the 403's message when the caller's role is not let in
    Lane lane = Lane::Io; //!< where the transport runs it (Service::lane)
};

} // namespace careeval::server
