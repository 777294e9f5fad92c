#include "server_store.h"

#include "remote.h"
#include "sqlite_store.h"

#include <algorithm>
#include <ctime>

namespace careeval::server {

namespace {

std::uint64_t micros(clockid_t clock)
{
    timespec t {};
    clock_gettime(clock, &t);
    return static_cast<std::uint64_t>(t.tv_sec) * 1000000u + static_cast<std::uint64_t>(t.tv_nsec) / 1000u;
}

} // namespace

const Member *InspectionRecord::member(const std::string &username) const
{
    for (const auto &m : team)
        if (m.username == username)
            return &m;
    return nullptr;
}

bool ServerStore::isPostgres(const std::string &location)
{
    return location.starts_with("postgresql://") || location.starts_with("postgres://");
}

Result<std::unique_ptr<ServerStore>> ServerStore::open(const std::string &location)
{
    if (isPostgres(location)) {
        auto api = remoteApi();
        if (!api)
            return api.error();
        return api.value()->openPostgres(location);
    }
    return SqliteServerStore::open(location);
}

ServerStore::~ServerStore() = default;

Result<std::optional<Institution>> ServerStore::institution(const std::string &id)
{
    if (id.empty())
        return std::optional<Institution>();
    auto one = institutions(id);
    if (!one)
        return one.error();
    if (one->empty())
        return std::optional<Institution>();
    return std::optional<Institution>(std::move(one->front()));
}

Result<PageEnd> ServerStore::visitOperationsAfter(
    const std::string &inspection, std::int64_t cursor, std::size_t limit, const std::function<Result<void>(const StoredOpView &)> &visit)
{
    auto page = operationsAfter(inspection, cursor, limit);
    if (!page)
        return page.error();
    PageEnd end {page->next, page->more, page->ops.size()};
    for (const auto &stored : page->ops) {
        const Operation &op = stored.op;
        const std::string id = op.id.toString();
        const StoredOpView v {stored.seq, id, op.inspection, op.author, op.device, toString(op.kind), op.target, op.value,
            static_cast<std::int64_t>(op.clock), op.time};
        if (auto r = visit(v); !r)
            return r.error();
    }
    return end;
}

Result<void> ServerStore::recordPull(const std::string &inspection, const std::string &username, std::int64_t at)
{
    std::lock_guard lock(m_pullMutex);
    auto &t = m_pendingPulls[{inspection, username}];
    t = std::max(t, at);
    return {};
}

std::map<std::pair<std::string, std::string>, std::int64_t> ServerStore::takePendingPulls()
{
    std::map<std::pair<std::string, std::string>, std::int64_t> pending;
    std::lock_guard lock(m_pullMutex);
    pending.swap(m_pendingPulls);
    return pending;
}

Result<std::vector<MemberSync>> ServerStore::memberSync(const std::string &inspection)
{
    auto out = storedMemberSync(inspection);
    if (!out)
        return out;
    std::lock_guard pulls(m_pullMutex); // pulls not yet written
    for (auto &m : out.value())
        if (auto it = m_pendingPulls.find({inspection, m.username}); it != m_pendingPulls.end())
            m.lastPull = std::max(m.lastPull, it->second);
    return out;
}

Result<std::map<std::string, std::vector<MemberSync>>> ServerStore::memberSyncAll()
{
    auto out = storedMemberSyncAll();
    if (!out)
        return out;
    std::lock_guard pulls(m_pullMutex);
    for (const auto &[key, at] : m_pendingPulls)
        if (auto it = out->find(key.first); it != out->end())
            for (auto &m : it->second)
                if (m.username == key.second)
                    m.lastPull = std::max(m.lastPull, at);
    return out;
}

Result<std::vector<std::string>> ServerStore::auditLog(std::size_t limit)
{
    auto entries = auditEntries(limit);
    if (!entries)
        return entries.error();
    std::vector<std::string> out;
    for (const auto &e : entries.value())
        out.push_back(std::to_string(e.at) + " " + e.username + " " + e.action + " " + e.detail);
    return out;
}

Result<std::vector<PushResult>> ServerStore::push(
    const std::string &inspection, const std::string &username, std::vector<Operation> &batch, const PushDecider &decide, std::int64_t now)
{
    PushJob job {inspection, username, batch, decide, now, std::nullopt, std::nullopt, {}};
    lookAhead(job);
    std::unique_lock q(m_queueMutex);
    m_queue.push_back(&job);
    while (!job.result) {
        if (m_leading) {
            m_queueDone.wait(q);
            continue;
        }
        // Lead: take everything queued so far (our own job among it) and write it as one group.
        m_leading = true;
        std::vector<PushJob *> group;
        group.swap(m_queue);
        q.unlock();
        const auto wall = micros(CLOCK_MONOTONIC);
        const auto cpu = micros(CLOCK_THREAD_CPUTIME_ID);
        runGroup(group);
        m_writeCpuMicros += micros(CLOCK_THREAD_CPUTIME_ID) - cpu;
        m_writeWallMicros += micros(CLOCK_MONOTONIC) - wall;
        q.lock();
        for (PushJob *j : group) // under the lock: a waiter woken early never reads a half-written answer
            j->result = std::move(j->written);
        m_leading = false;
        m_queueDone.notify_all();
    }
    return std::move(*job.result);
}

std::vector<std::string> ServerStore::blobNames(const Operation &op)
{
    std::vector<std::string> out;
    if (op.kind != OpKind::PhotoAttach && op.kind != OpKind::Set && op.kind != OpKind::Resolve)
        return out;
    const std::string &v = op.value;
    auto hex = [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); };
    for (std::size_t p = v.find('"'); p != std::string::npos && p + 65 < v.size(); p = v.find('"', p + 1)) {
        if (v[p + 65] != '"'
            || !std::all_of(v.begin() + static_cast<std::ptrdiff_t>(p) + 1, v.begin() + static_cast<std::ptrdiff_t>(p) + 65, hex))
            continue;
        out.push_back(v.substr(p + 1, 64));
        p += 65; // the closing quote is not the next string's opening one
    }
    return out;
}

} // namespace careeval::server
