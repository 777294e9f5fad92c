#include "syncclient.h"

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

void SyncClient::changesMade()
{
    updateCounts();
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
    if (pending == m_pending && refused == m_refused)
        return;
    m_pending = pending;
    m_refused = refused;
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
        finishRound(true);
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

void SyncClient::push(const QString &inspection)
{
    auto ops = m_store->ops().pending(static_cast<std::size_t>(m_batch), inspection.toStdString());
    if (!ops) {
        finishRound(false, tr("The changes waiting to be sent cannot be read: %1").arg(QString::fromStdString(ops.error().message)));
        return;
    }
    json body{{"ops", json::array()}};
    for (const Operation &op : ops.value())
        body["ops"].push_back(toJson(op));
    const QByteArray payload = QByteArray::fromStdString(body.dump());
    const int sent = static_cast<int>(ops->size());
    m_round.pushed += sent;
    m_round.bytesSent += payload.size();
    setState(QStringLiteral("syncing"), tr("Sending changes: %1 of %2").arg(std::min(m_round.pushed, std::max(m_roundTotalPending, m_round.pushed))).arg(std::max(m_roundTotalPending, m_round.pushed)));
    m_api->call("POST", QStringLiteral("/api/v1/inspections/%1/ops").arg(inspection), payload, [this, inspection](const ApiReply &r) {
        m_round.bytesReceived += r.body.size();
        if (!r.ok()) {
            finishRound(false, r.error, r.unreachable, r.status == 401);
            return;
        }
        auto parsed = parseJson(std::string_view(r.body.constData(), static_cast<std::size_t>(r.body.size())));
        if (!parsed || !parsed->is_object() || !(*parsed)["results"].is_array()) {
            finishRound(false, tr("The server's answer to the changes sent could not be understood; they stay waiting and will be sent again."));
            return;
        }
        std::vector<Uuid> sentIds;
        for (const auto &res : (*parsed)["results"]) {
            auto id = Uuid::parse(res.value("id", std::string()));
            if (!id)
                continue;
            const std::string status = res.value("status", std::string());
            if (status == "accepted" || status == "already_had") {
                sentIds.push_back(*id);
                ++(status == "accepted" ? m_round.accepted : m_round.alreadyHad);
            } else if (status == "refused") {
                ++m_round.refused;
                (void)m_store->ops().markRefused(*id, res.value("reason", std::string("refused")));
            }
        }
        if (auto m = m_store->ops().markSent(sentIds); !m) {
            finishRound(false, QString::fromStdString(m.error().message));
            return;
        }
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
        if (!parsed || !parsed->is_object() || !(*parsed)["ops"].is_array() || !(*parsed)["next"].is_number_integer()) {
            finishRound(false, tr("The team's work sent by the server could not be understood."));
            return;
        }
        std::vector<Operation> ops;
        for (const auto &j : (*parsed)["ops"]) {
            auto op = operationFromJson(j);
            if (!op) {
                finishRound(false, tr("The server sent a damaged change (%1); nothing of this page was stored.").arg(QString::fromStdString(op.error().message)));
                return;
            }
            ops.push_back(std::move(op.value()));
        }
        // The page and the cursor move together: one transaction.
        {
            Transaction tx(m_store->ops().handle());
            auto appended = m_store->ops().append(ops, SyncState::Remote);
            auto saved = m_store->ops().setMeta("cursor:" + inspection.toStdString(), std::to_string((*parsed)["next"].get<std::int64_t>()));
            if (!tx.ok() || !appended || !saved || !tx.commit()) {
                finishRound(false, tr("The team's work could not be stored on this tablet."));
                return;
            }
            m_round.pulled += static_cast<int>(appended->inserted);
            if (appended->inserted > 0)
                Q_EMIT inspectionUpdated(inspection);
        }
        if ((*parsed).value("more", false)) {
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
    updateCounts();
    if (ok) {
        m_backoffMs = 0;
        m_lastSync = QDateTime::currentDateTime();
        m_error.clear();
        const QString when = lastSyncText();
        setState(QStringLiteral("idle"), m_refused > 0 ? tr("Synced at %1 · %2 changes refused by the server").arg(when).arg(m_refused)
                                                        : tr("All sent · synced at %1").arg(when));
    } else {
        m_error = error;
        if (needsSignIn) {
            setState(QStringLiteral("signin"), tr("Sign in again to send your changes; they are kept on this tablet."));
        } else {
            // Back off: 5 s, 10 s, 20 s … at most 5 minutes; a change or "sync now" tries at once.
            m_backoffMs = m_backoffMs == 0 ? 5000 : std::min(m_backoffMs * 2, 5 * 60 * 1000);
            m_retry.start(m_backoffMs);
            setState(unreachable ? QStringLiteral("offline") : QStringLiteral("error"),
                     unreachable ? tr("Offline: %1 changes waiting. Trying again in %2 s.").arg(m_pending).arg(m_backoffMs / 1000) : error);
        }
    }
    Q_EMIT roundFinished(ok);
    if (ok && m_again)
        QTimer::singleShot(0, this, &SyncClient::syncNow);
}
