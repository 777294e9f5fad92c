// Accounts: sign-in (throttled), sign-out, the signed-in user, and user management (admin).

#include "service_parts.h"

#include "../storage/crypto.h"

namespace careeval::server {

namespace {

// The address of a remote "host:port" (IPv6 "[::1]:port" or "::1:port" as Asio writes it).
std::string addressOf(const std::string &remote)
{
    const auto colon = remote.rfind(':');
    return colon == std::string::npos ? remote : remote.substr(0, colon);
}

} // namespace

HttpResponse Service::login(Context &c)
{
    HttpResponse error;
    auto body = c.body(error);
    if (!body)
        return error;
    Fields f {*body, {}};
    const std::string username = f.str("username", true, 64), password = f.str("password", true, 256);
    if (!f.error.empty())
        return errorResponse(400, "invalid_request", f.error);
    // Throttled per (name, address) — the right password from another address still works, so
    // nobody can lock an account out from afar — and per address across names (password spraying).
    // Counted under one lock, before the hash is checked: parallel tries cannot exceed the count.
    const std::string address = addressOf(c.req.remote);
    auto refuse = [&](std::int64_t until, const std::string &why) {
        const std::int64_t seconds = std::max<std::int64_t>(1, (until - c.now + 999) / 1000);
        auto r = errorResponse(429, "too_many_attempts", why + "; try again in " + std::to_string(seconds) + " s");
        r.headers.emplace_back("Retry-After", std::to_string(seconds));
        return r;
    };
    {
        std::lock_guard lock(m_throttleMutex);
        auto window = [&](Throttle &t) {
            if (c.now - t.windowStart > m_config.failureWindowMs && c.now >= t.blockedUntil)
                t = {0, c.now, 0};
        };
        Throttle &pair = m_byNameAddress[{username, address}];
        Throttle &addr = m_byAddress[address];
        window(pair);
        window(addr);
        if (pair.failures >= m_config.maxLoginFailures && c.now < pair.blockedUntil)
            return refuse(pair.blockedUntil, "too many failed sign-ins for \"" + username + "\" from this address");
        if (addr.failures >= m_config.maxFailuresPerAddress && c.now < addr.blockedUntil)
            return refuse(addr.blockedUntil, "too many failed sign-ins from this address");
        // This try is reserved (counted as a failure until the password proves right), so tries in
        // parallel cannot get past the limit; from the limit on, each try waits longer: 2 s, 4 s, 8 s …
        // up to the window.
        auto reserve = [&](Throttle &t, int limit) {
            if (++t.failures >= limit)
                t.blockedUntil = c.now + std::min<std::int64_t>(m_config.failureWindowMs, 2000LL << std::min(t.failures - limit, 20));
        };
        reserve(pair, m_config.maxLoginFailures);
        reserve(addr, m_config.maxFailuresPerAddress);
        // Bound the memory an attacker can make us keep: forget stale entries now and then.
        if (m_byNameAddress.size() > 100000)
            std::erase_if(m_byNameAddress, [&](const auto &e) { return c.now - e.second.windowStart > m_config.failureWindowMs; });
        if (m_byAddress.size() > 100000)
            std::erase_if(m_byAddress, [&](const auto &e) { return c.now - e.second.windowStart > m_config.failureWindowMs; });
    }
    auto user = m_store.userWithHash(username);
    if (!user)
        return failure(user.error());
    // The hash is checked even for unknown names, so timing does not tell which names exist.
    static const std::string dummy = hashPassword("careeval-dummy-password");
    const bool ok = verifyPassword(user.value() ? user.value()->second : dummy, password) && user.value() && user.value()->first.active;
    if (!ok) {
        (void)m_store.recordFailure(username, c.now);
        (void)m_store.audit(username, "login_failed", c.req.remote, c.now);
        return errorResponse(401, "wrong_credentials", "wrong username or password");
    }
    {
        // The reserved try was a success: this pair starts afresh; the address keeps its count.
        std::lock_guard lock(m_throttleMutex);
        m_byNameAddress.erase({username, address});
        auto &addr = m_byAddress[address];
        addr.failures = std::max(0, addr.failures - 1);
        if (addr.failures < m_config.maxFailuresPerAddress)
            addr.blockedUntil = 0;
    }
    const std::string token = randomHex(32);
    const std::int64_t expires = c.now + m_config.tokenLifetimeMs;
    if (auto r = m_store.saveToken(sha256Hex(token), username, expires); !r)
        return failure(r.error());
    (void)m_store.audit(username, "login", c.req.remote, c.now);
    auto r = jsonResponse(200, {{"token", token}, {"expires_at", expires}, {"user", userJson(user.value()->first)}});
    r.headers.emplace_back("Cache-Control", "no-store"); // a token is never kept by a cache
    r.headers.emplace_back("Pragma", "no-cache");
    return r;
}

HttpResponse Service::logout(Context &c)
{
    const std::string auth = c.req.header("authorization");
    if (auto r = m_store.deleteToken(sha256Hex(auth.substr(7))); !r)
        return failure(r.error());
    (void)m_store.audit(c.user->username, "logout", {}, c.now);
    return jsonResponse(200, {{"signed_out", true}});
}

HttpResponse Service::me(Context &c)
{
    return jsonResponse(200, userJson(*c.user));
}

HttpResponse Service::listUsers(Context &)
{
    auto users = m_store.users();
    if (!users)
        return failure(users.error());
    auto logins = m_store.lastLogins();
    if (!logins)
        return failure(logins.error());
    json out = json::array();
    for (const auto &u : users.value()) {
        json j = userJson(u);
        auto at = logins->find(u.username);
        j["last_login"] = at == logins->end() ? json(nullptr) : json(at->second);
        out.push_back(std::move(j));
    }
    return jsonResponse(200, {{"users", out}});
}

HttpResponse Service::changePassword(Context &c)
{
    HttpResponse error;
    auto body = c.body(error);
    if (!body)
        return error;
    Fields f {*body, {}};
    const std::string current = f.str("current_password", true, 256), next = f.str("new_password", true, 256);
    if (!f.error.empty())
        return errorResponse(400, "invalid_request", f.error);
    if (next.size() < 8)
        return errorResponse(400, "invalid_request", "field \"new_password\" must have at least 8 characters");
    auto stored = m_store.userWithHash(c.user->username);
    if (!stored)
        return failure(stored.error());
    // The current password proves it is the account's owner at the keyboard, not a borrowed session.
    if (!stored.value() || !verifyPassword(stored.value()->second, current))
        return errorResponse(403, "wrong_credentials", "the current password is wrong");
    if (auto r = m_store.updateUser(stored.value()->first, hashPassword(next)); !r)
        return failure(r.error());
    (void)m_store.audit(c.user->username, "password_changed", c.user->username, c.now);
    return jsonResponse(200, {{"changed", true}});
}

HttpResponse Service::auditLog(Context &c)
{
    std::int64_t limit = 200, before = 0;
    auto number = [&](const char *key, std::int64_t min, std::int64_t max, std::int64_t &out) {
        auto it = c.req.query.find(key);
        if (it == c.req.query.end())
            return true;
        try {
            std::size_t used = 0;
            out = std::stoll(it->second, &used);
            return used == it->second.size() && out >= min && out <= max;
        } catch (const std::exception &) {
            return false;
        }
    };
    if (!number("limit", 1, 5000, limit))
        return errorResponse(400, "invalid_request", "\"limit\" must be a whole number from 1 to 5000");
    if (!number("before", 0, (1LL << 53), before))
        return errorResponse(400, "invalid_request", "\"before\" must be an entry's id (a whole number)");
    auto entries = m_store.auditEntries(static_cast<std::size_t>(limit), before);
    if (!entries)
        return failure(entries.error());
    json out = json::array();
    for (const auto &e : entries.value())
        out.push_back({{"id", e.id}, {"at", e.at}, {"username", e.username}, {"action", e.action}, {"detail", e.detail}});
    return jsonResponse(200, {{"entries", out}});
}

HttpResponse Service::createUser(Context &c)
{
    HttpResponse error;
    auto body = c.body(error);
    if (!body)
        return error;
    Fields f {*body, {}};
    User u;
    u.username = f.str("username", true, 64);
    u.displayName = f.str("display_name", true, 100);
    const std::string role = f.str("role", true, 20), password = f.str("password", true, 256);
    if (!f.error.empty())
        return errorResponse(400, "invalid_request", f.error);
    if (!validName(u.username))
        return errorResponse(400, "invalid_request", "field \"username\": letters, digits, '.', '_' and '-' only");
    auto r = roleFromString(role);
    if (!r)
        return errorResponse(400, "invalid_request", "field \"role\" must be evaluator, lead, supervisor or admin");
    if (password.size() < 8)
        return errorResponse(400, "invalid_request", "field \"password\" must have at least 8 characters");
    u.role = *r;
    auto existing = m_store.userWithHash(u.username);
    if (existing && existing.value())
        return errorResponse(409, "conflict", "user \"" + u.username + "\" already exists");
    if (auto res = m_store.createUser(u, hashPassword(password)); !res)
        return failure(res.error());
    (void)m_store.audit(c.user->username, "user_created", u.username + " as " + role, c.now);
    return jsonResponse(201, userJson(u));
}

HttpResponse Service::updateUser(Context &c)
{
    const std::string &username = c.param("username");
    HttpResponse error;
    auto body = c.body(error);
    if (!body)
        return error;
    auto existing = m_store.userWithHash(username);
    if (!existing)
        return failure(existing.error());
    if (!existing.value())
        return errorResponse(404, "not_found", "no user \"" + username + "\"");
    User u = existing.value()->first;
    Fields f {*body, {}};
    if (body->contains("display_name"))
        u.displayName = f.str("display_name", true, 100);
    if (body->contains("role")) {
        auto r = roleFromString(f.str("role", true, 20));
        if (!r && f.error.empty())
            f.error = "field \"role\" must be evaluator, lead, supervisor or admin";
        if (r)
            u.role = *r;
    }
    if (body->contains("active")) {
        if (!(*body)["active"].is_boolean())
            f.error = "field \"active\" must be true or false";
        else
            u.active = (*body)["active"].get<bool>();
    }
    std::string hash;
    if (body->contains("password")) {
        const std::string pw = f.str("password", true, 256);
        if (f.error.empty() && pw.size() < 8)
            f.error = "field \"password\" must have at least 8 characters";
        hash = hashPassword(pw);
    }
    if (!f.error.empty())
        return errorResponse(400, "invalid_request", f.error);
    // There is always an active administrator: the last one can be neither demoted nor deactivated
    // (by itself or anyone). Checked and written under one lock.
    std::lock_guard adminLock(m_adminMutex);
    const User &before = existing.value()->first;
    if (before.role == Role::Admin && before.active && (u.role != Role::Admin || !u.active)) {
        auto users = m_store.users();
        if (!users)
            return failure(users.error());
        const auto admins = std::count_if(users->begin(), users->end(), [](const User &x) { return x.role == Role::Admin && x.active; });
        if (admins <= 1)
            return errorResponse(
                409, "last_admin", "\"" + username + "\" is the last active administrator: make another administrator first");
    }
    if (auto r = m_store.updateUser(u, hash); !r)
        return failure(r.error());
    (void)m_store.audit(c.user->username, "user_updated", username, c.now);
    return jsonResponse(200, userJson(u));
}

} // namespace careeval::server
