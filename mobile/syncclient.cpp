#include "syncclient.h"

#include <careeval/wire.h>

#include "photostore.h"

#include <QFileInfo>
#include <set>

#include "localstore.h"
#include "serverapi.h"

#include <careeval/jsonutil.h>

#include <QLocale>

using namespace careeval;

SyncClient::SyncClient(LocalStore *store, ServerApi *api, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_api(api)
{
    m_periodic.setInterval(60 * 1000);
    connect(&m_periodic, &QTimer::timeout, this, &SyncClient::syncNow);
    m_soon.setSingleShot(true);
    m_soon.setInterval(3000);
    connect(&m_soon, &QTimer::timeout, this, &SyncClient::syncNow);
    m_retry.setSingleShot(true);
    connect(&m_retry, &QTimer::timeout, this, &SyncClient::syncNow);
}

void SyncClient::setInspections(const QStringList &ids)
{
    m_inspections = ids;
    updateCounts();
}

void SyncClient::setEnabled(bool enabled)
{
    if (enabled == m_enabled)
        return;
    m_enabled = enabled;
    if (enabled) {
        m_periodic.start();
        setState(QStringLiteral("idle"), tr("Not synced yet"));
    } else {
        m_periodic.stop();
        m_soon.stop();
        m_retry.stop();
        setState(QStringLiteral("disabled"), tr("This inspection stays on this tablet (demo)."));
    }
}

QString SyncClient::offlineText() const
{
    return tr("Offline: %n change(s) waiting to send. Trying again in %1 s.", nullptr, m_pending).arg(m_backoffMs / 1000);
}

void SyncClient::changesMade()
{
    updateCounts();
    // The count in the words is the count on the badge: both say what is waiting now.
    if (m_state == QStringLiteral("offline"))
        setState(m_state, offlineText());
    // Not restarted by every change: someone answering steadily still syncs 3 s after the first one.
    if (m_enabled && !m_retry.isActive() && !m_soon.isActive())
        m_soon.start();
}

void SyncClient::syncNow()
{
    if (!m_enabled)
        return;
    if (busy()) {
        m_again = true;
        return;
    }
    m_soon.stop();
    m_retry.stop();
    startRound();
}

QString SyncClient::lastSyncText() const
{
    return m_lastSync.isValid() ? QLocale().toString(m_lastSync.time(), QStringLiteral("HH:mm")) : QString();
}

void SyncClient::setState(const QString &state, const QString &status)
{
    if (state == m_state && status == m_status)
        return;
    m_state = state;
    m_status = status;
    Q_EMIT stateChanged();
}

void SyncClient::updateCounts()
{
    int pending = 0, refused = 0;
    for (const QString &id : m_inspections) {
        if (auto p = m_store->ops().pendingCount(id.toStdString()))
            pending += static_cast<int>(p.value());
        if (auto r = m_store->ops().refused(id.toStdString()))
            refused += static_cast<int>(r.value().size());
    }
    int photos = 0;
    if (m_photos)
        if (auto b = m_store->blobsToUpload())
            photos = static_cast<int>(b->size());
    if (pending == m_pending && refused == m_refused && photos == m_photosWaiting)
        return;
    m_pending = pending;
    m_refused = refused;
    m_photosWaiting = photos;
    Q_EMIT countsChanged();
}

std::int64_t SyncClient::cursor(const QString &inspection) const
{
    auto v = m_store->ops().meta("cursor:" + inspection.toStdString());
    return v && v.value() ? std::atoll(v.value()->c_str()) : 0;
}

void SyncClient::startRound()
{
    m_round = {};
    m_index = 0;
    m_pulling = false;
    m_again = false;
    updateCounts();
    m_roundTotalPending = m_pending;
    m_error.clear();
    setState(QStringLiteral("syncing"), tr("Connecting…"));
    nextStep();
}

// One inspection at a time: push everything pending, then pull everything new.
void SyncClient::nextStep()
{
    if (m_index >= m_inspections.size()) {
        uploadBlobs();
        return;
    }
    const QString id = m_inspections[m_index];
    if (!m_pulling) {
        auto pending = m_store->ops().pendingCount(id.toStdString());
        if (pending && pending.value() > 0) {
            push(id);
            return;
        }
        m_pulling = true;
    }
    pull(id);
}

// A push answered with a client error (400, 413, 422: something in the batch, not the connection) is
// never sent again as it was: the batch is halved until the one operation the server will not take is
// alone, and that one is marked refused with the server's words (kept and listed, like any refusal).
// So one bad operation can delay the queue by a few requests, never stall it.
static bool batchError(int status)
{
    return status == 400 || status == 413 || status == 422;
}

void SyncClient::push(const QString &inspection)
{
    const int limit = std::max(1, std::min(m_batch, m_pushLimit));
    auto ops = m_store->ops().pending(static_cast<std::size_t>(limit), inspection.toStdString());
    if (!ops) {
        finishRound(false, tr("The changes waiting to be sent cannot be read: %1").arg(QString::fromStdString(ops.error().message)));
        return;
    }
    const QByteArray payload = QByteArray::fromStdString(pushRequestToJson(ops.value()).dump());
    const int sent = static_cast<int>(ops->size());
    m_round.pushed += sent;
    m_round.bytesSent += payload.size();
    setState(QStringLiteral("syncing"),
        tr("Sending changes: %1 of %2")
            .arg(std::min(m_round.pushed, std::max(m_roundTotalPending, m_round.pushed)))
            .arg(std::max(m_roundTotalPending, m_round.pushed)));
    std::vector<Uuid> ids;
    for (const Operation &op : ops.value())
        ids.push_back(op.id);
    m_api->call("POST", QStringLiteral("/api/v1/inspections/%1/ops").arg(inspection), payload, [this, inspection, ids](const ApiReply &r) {
        m_round.bytesReceived += r.body.size();
        if (!r.ok() && batchError(r.status)) {
            m_round.pushed -= static_cast<int>(ids.size());
            if (ids.size() > 1) {
                m_pushLimit = static_cast<int>(ids.size() / 2);
                push(inspection);
                return;
            }
            ++m_round.refused;
            (void)m_store->ops().markRefused(ids.front(), (r.error.isEmpty() ? tr("refused") : r.error).toStdString());
            m_pushLimit = m_batch;
            updateCounts();
            Q_EMIT inspectionUpdated(inspection);
            nextStep();
            return;
        }
        if (!r.ok()) {
            finishRound(false, r.error, r.unreachable, r.status == 401);
            return;
        }
        auto parsed = parseJson(std::string_view(r.body.constData(), static_cast<std::size_t>(r.body.size())));
        auto reply = parsed ? pushReplyFromJson(parsed.value()) : Result<PushReply>(parsed.error());
        if (!reply) {
            finishRound(
                false, tr("The server's answer to the changes sent could not be understood; they stay waiting and will be sent again."));
            return;
        }
        std::vector<Uuid> sentIds;
        for (const PushResult &res : reply->results) {
            const Uuid id = res.index < ids.size() ? ids[res.index] : res.id;
            switch (res.status) {
            case PushStatus::Accepted:
            case PushStatus::AlreadyHad:
                sentIds.push_back(id);
                ++(res.status == PushStatus::Accepted ? m_round.accepted : m_round.alreadyHad);
                break;
            case PushStatus::Refused:
                ++m_round.refused;
                (void)m_store->ops().markRefused(id, res.reason.empty() ? "refused" : res.reason);
                break;
            }
        }
        if (auto m = m_store->ops().markSent(sentIds); !m) {
            finishRound(false, QString::fromStdString(m.error().message));
            return;
        }
        m_pushLimit = m_batch;
        updateCounts();
        Q_EMIT inspectionUpdated(inspection);
        nextStep();
    });
}

void SyncClient::pull(const QString &inspection)
{
    const std::int64_t after = cursor(inspection);
    setState(QStringLiteral("syncing"), tr("Receiving the team's work…"));
    const QString path = QStringLiteral("/api/v1/inspections/%1/ops?after=%2&limit=%3").arg(inspection).arg(after).arg(m_batch);
    m_api->call("GET", path, {}, [this, inspection](const ApiReply &r) {
        m_round.bytesReceived += r.body.size();
        if (!r.ok()) {
            finishRound(false, r.error, r.unreachable, r.status == 401);
            return;
        }
        auto parsed = parseJson(std::string_view(r.body.constData(), static_cast<std::size_t>(r.body.size())));
        if (!parsed) {
            finishRound(false, tr("The team's work sent by the server could not be understood."));
            return;
        }
        auto page = pullPageFromJson(parsed.value());
        if (!page) {
            if (page.error().code == ErrorCode::InvalidOperation)
                finishRound(false,
                    tr("The server sent a damaged change (%1); nothing of this page was stored.")
                        .arg(QString::fromStdString(page.error().message)));
            else
                finishRound(false, tr("The team's work sent by the server could not be understood."));
            return;
        }
        const std::vector<Operation> &ops = page->ops;
        // The page and the cursor move together: one transaction.
        {
            Transaction tx(m_store->ops().handle());
            auto appended = m_store->ops().append(ops, SyncState::Remote);
            auto saved = m_store->ops().setMeta("cursor:" + inspection.toStdString(), std::to_string(page->next));
            if (!tx.ok() || !appended || !saved || !tx.commit()) {
                finishRound(false, tr("The team's work could not be stored on this tablet."));
                return;
            }
            m_round.pulled += static_cast<int>(appended->inserted);
            if (appended->inserted > 0)
                Q_EMIT inspectionUpdated(inspection);
        }
        if (page->more) {
            pull(inspection);
            return;
        }
        ++m_index;
        m_pulling = false;
        nextStep();
    });
}

void SyncClient::finishRound(bool ok, const QString &error, bool unreachable, bool needsSignIn)
{
    m_total.pushed += m_round.pushed;
    m_total.accepted += m_round.accepted;
    m_total.alreadyHad += m_round.alreadyHad;
    m_total.refused += m_round.refused;
    m_total.pulled += m_round.pulled;
    m_total.bytesSent += m_round.bytesSent;
    m_total.bytesReceived += m_round.bytesReceived;
    m_total.blobsUploaded += m_round.blobsUploaded;
    m_total.blobBytesSent += m_round.blobBytesSent;
    m_total.blobBytesResent += m_round.blobBytesResent;
    updateCounts();
    if (ok) {
        m_backoffMs = 0;
        m_lastSync = QDateTime::currentDateTime();
        m_error.clear();
        const QString when = lastSyncText();
        setState(QStringLiteral("idle"),
            m_refused > 0 ? tr("Synced at %1 · %2 changes refused by the server").arg(when).arg(m_refused)
                          : tr("All sent · synced at %1").arg(when));
    } else {
        m_error = error;
        if (needsSignIn) {
            setState(QStringLiteral("signin"), tr("Sign in again to send your changes; they are kept on this tablet."));
        } else {
            // An unreachable server costs nothing to try again: every 2, 4, then 5 s, so that a connection
            // that comes back is noticed within seconds. A server that answers with an error is given
            // time: 5 s, 10 s, 20 s … at most 5 minutes. A change or "sync now" tries at once.
            if (unreachable)
                m_backoffMs = m_backoffMs == 0 ? 2000 : std::min(m_backoffMs * 2, kUnreachableRetryMs);
            else
                m_backoffMs = m_backoffMs == 0 ? 5000 : std::min(m_backoffMs * 2, 5 * 60 * 1000);
            m_retry.start(m_backoffMs);
            setState(unreachable ? QStringLiteral("offline") : QStringLiteral("error"), unreachable ? offlineText() : error);
        }
    }
    Q_EMIT roundFinished(ok);
    if (ok && m_again)
        QTimer::singleShot(0, this, &SyncClient::syncNow);
}

// Photos after operations: ask the server which of ours it lacks (and how much of each it already
// has), then send each in chunks from that byte on. The queue is the local database's app_blobs
// table, so a restart resumes; the server verifies each blob's hash before it becomes visible.
void SyncClient::uploadBlobs()
{
    if (!m_photos) {
        finishRound(true);
        return;
    }
    auto waiting = m_store->blobsToUpload();
    if (!waiting) {
        finishRound(false, tr("The photos waiting to be sent cannot be read: %1").arg(QString::fromStdString(waiting.error().message)));
        return;
    }
    if (waiting->empty()) {
        finishRound(true);
        return;
    }
    json ask {{"sha256", json::array()}};
    for (std::size_t i = 0; i < waiting->size() && i < 500; ++i)
        ask["sha256"].push_back((*waiting)[i].sha256);
    setState(QStringLiteral("syncing"), tr("Checking which photos the server needs…"));
    m_api->call("POST", QStringLiteral("/api/v1/blobs/missing"), QByteArray::fromStdString(ask.dump()), [this, ask](const ApiReply &r) {
        if (!r.ok()) {
            finishRound(false, r.error, r.unreachable, r.status == 401);
            return;
        }
        auto parsed = parseJson(std::string_view(r.body.constData(), static_cast<std::size_t>(r.body.size())));
        if (!parsed || !(*parsed)["missing"].is_array()) {
            finishRound(false, tr("The server's answer about photos could not be understood."));
            return;
        }
        std::map<std::string, qint64> missing; // sha → bytes the server already holds of it
        for (const auto &m : (*parsed)["missing"])
            if (m.is_object() && m["sha256"].is_string())
                missing[m["sha256"].get<std::string>()] = m.value("received", qint64(0));
        m_uploadQueue.clear();
        m_resumeAt.clear();
        for (const auto &sha : ask["sha256"]) {
            const std::string h = sha.get<std::string>();
            if (auto it = missing.find(h); it != missing.end()) {
                m_uploadQueue << QString::fromStdString(h);
                m_resumeAt.insert(QString::fromStdString(h), it->second);
            } else
                (void)m_store->markUploaded(h); // the server has it (a teammate sent the same photo, or an earlier round)
        }
        m_uploadCount = 0;
        uploadNext();
    });
}

void SyncClient::uploadNext()
{
    if (m_uploadQueue.isEmpty()) {
        updateCounts();
        if (m_photosWaiting > 0 && m_round.blobsUploaded > 0) {
            uploadBlobs(); // more than one request's worth
            return;
        }
        finishRound(true);
        return;
    }
    const QString sha = m_uploadQueue.front();
    const QFileInfo file(m_photos->path(sha));
    if (!file.exists()) {
        // Nothing to send: the blob vanished from this tablet (it was never more than a queue entry).
        m_uploadQueue.pop_front();
        (void)m_store->markUploaded(sha.toStdString());
        uploadNext();
        return;
    }
    // Where to continue: what the server said it holds (a cut upload resumes from its last byte).
    uploadChunk(sha, file.size(), std::clamp<qint64>(m_resumeAt.value(sha, 0), 0, file.size()));
}

void SyncClient::uploadChunk(const QString &sha, qint64 total, qint64 offset)
{
    QFile f(m_photos->path(sha));
    if (!f.open(QIODevice::ReadOnly) || !f.seek(offset)) {
        finishRound(false, tr("A photo on this tablet cannot be read (%1).").arg(f.errorString()));
        return;
    }
    const QByteArray bytes = f.read(std::min(m_chunk, total - offset));
    qint64 &furthest = m_sentUpTo[sha];
    if (offset < furthest)
        m_round.blobBytesResent += std::min<qint64>(furthest - offset, bytes.size());
    furthest = std::max(furthest, offset + bytes.size());
    m_round.blobBytesSent += bytes.size();
    setState(QStringLiteral("syncing"),
        tr("Sending photos: %1 of %2 (%3 kB of this one)")
            .arg(m_uploadCount + 1)
            .arg(m_uploadCount + m_uploadQueue.size())
            .arg((offset + bytes.size()) / 1024));
    const QString path = QStringLiteral("/api/v1/blobs/%1?offset=%2&total=%3").arg(sha).arg(offset).arg(total);
    m_api->call(
        "PUT", path, bytes,
        [this, sha, total, offset, n = bytes.size()](const ApiReply &r) {
            if (r.status == 201) {
                m_uploadQueue.pop_front();
                (void)m_store->markUploaded(sha.toStdString());
                ++m_round.blobsUploaded;
                ++m_uploadCount;
                updateCounts();
                uploadNext();
                return;
            }
            if (r.status == 200 || r.status == 409) {
                // 409: the server holds a different amount than we thought (a cut lost a chunk): go on from there.
                auto parsed = parseJson(std::string_view(r.body.constData(), static_cast<std::size_t>(r.body.size())));
                const qint64 next = parsed && (*parsed)["received"].is_number_integer() ? (*parsed)["received"].get<qint64>() : offset + n;
                uploadChunk(sha, total, std::clamp<qint64>(next, 0, total));
                return;
            }
            if (r.status == 422) {
                // The server refuses bytes that do not hash to the name: this tablet's copy is damaged.
                m_uploadQueue.pop_front();
                finishRound(false, tr("A photo on this tablet is damaged and cannot be sent (%1…).").arg(sha.left(8)));
                return;
            }
            finishRound(false, r.error, r.unreachable, r.status == 401);
        },
        {}, "application/octet-stream");
}

void SyncClient::fetch(const QString &sha256)
{
    if (!m_photos || m_photos->has(sha256) || m_fetchQueue.contains(sha256))
        return;
    m_fetchQueue << sha256;
    pumpFetches();
}

void SyncClient::pumpFetches()
{
    while (m_fetching < 4 && !m_fetchQueue.isEmpty()) {
        const QString sha = m_fetchQueue.takeFirst();
        ++m_fetching;
        m_api->call("GET", QStringLiteral("/api/v1/blobs/%1").arg(sha), {}, [this, sha](const ApiReply &r) {
            --m_fetching;
            if (r.ok() && m_photos->saveReceived(sha, r.body)) {
                ++m_total.blobsFetched;
                m_total.blobBytesFetched += r.body.size();
            } else {
                m_photos->fetchFailed(sha); // asked again the next time a view needs it
            }
            pumpFetches();
        });
    }
}
