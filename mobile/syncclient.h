#pragma once
// Moves a tablet's work to the server and the team's work back, one inspection after another:
// push pending operations in batches (idempotent by id: a batch sent twice is stored once; accepted
// and already-had become "sent", refused ones are kept with the server's reason), then pull others'
// operations after this tablet's cursor, page by page. The queue is the store's pending state and the
// cursor sits in the store's meta table, so a restart mid-sync resumes where it stopped and never
// re-sends what was acknowledged. Never blocks the UI: every request is asynchronous. Runs on demand,
// after local changes (a few seconds later), every minute, and — with backoff — until an unreachable
// server answers again.

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QStringList>
#include <QTimer>
#include <QtQml/qqmlregistration.h>

#include <cstdint>
#include <string>

class LocalStore;
class PhotoStore;
class ServerApi;
struct ApiReply;

class SyncClient : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("SyncClient is owned by App")
    //! idle, syncing, offline, error, signin (the server wants a fresh sign-in), disabled (demo / no server)
    Q_PROPERTY(QString state READ state NOTIFY stateChanged)
    Q_PROPERTY(bool busy READ busy NOTIFY stateChanged)
    //! What is happening or happened, in words ("Sending 120 of 300 changes", "All sent 14:02")
    Q_PROPERTY(QString statusText READ statusText NOTIFY stateChanged)
    Q_PROPERTY(QString errorString READ errorString NOTIFY stateChanged)
    Q_PROPERTY(QString lastSyncText READ lastSyncText NOTIFY stateChanged)
    //! Operations waiting to be sent, over every inspection of the user
    Q_PROPERTY(int pending READ pending NOTIFY countsChanged)
    Q_PROPERTY(int refused READ refused NOTIFY countsChanged)
    //! Photos (and thumbnails, signatures) on this tablet the server does not have yet
    Q_PROPERTY(int photosWaiting READ photosWaiting NOTIFY countsChanged)

public:
    SyncClient(LocalStore *store, ServerApi *api, QObject *parent = nullptr);

    //! The inspections to keep in sync (the user's server assignments).
    void setInspections(const QStringList &ids);
    //! Turns automatic syncing on or off (off for the demo, or before sign-in).
    void setEnabled(bool enabled);
    bool enabled() const { return m_enabled; }
    //! Operations per push request and per pull page.
    void setBatchSize(int n) { m_batch = m_pushLimit = n; }
    //! Where photos live; with it, rounds also upload them (resumable chunks) and fetch() works.
    void setPhotoStore(PhotoStore *photos) { m_photos = photos; }
    //! Bytes per upload request (the server takes at most 8 MiB).
    void setChunkSize(qint64 bytes) { m_chunk = bytes; }
    //! Downloads one blob a view asked for (a teammate's photo or thumbnail); at most 4 at a time.
    void fetch(const QString &sha256);

    //! Starts a round now (or right after the running one).
    Q_INVOKABLE void syncNow();
    //! Asks for a round a few seconds from now (several local changes in a row become one round).
    void changesMade();

    QString state() const { return m_state; }
    bool busy() const { return m_state == QLatin1String("syncing"); }
    QString statusText() const { return m_status; }
    QString errorString() const { return m_error; }
    QString lastSyncText() const;
    int pending() const { return m_pending; }
    int refused() const { return m_refused; }
    int photosWaiting() const { return m_photosWaiting; }
    //! Milliseconds until the next automatic try after a failed round (0: none scheduled).
    int backoffMs() const { return m_backoffMs; }
    //! Longest wait before trying an unreachable server again
    static constexpr int kUnreachableRetryMs = 5000;

    //! Counters of the last round (tests and the closing note's figures read them).
    struct Stats {
        int pushed = 0; //!< operations sent in push requests (including re-sends)
        int accepted = 0;
        int alreadyHad = 0;
        int refused = 0;
        int pulled = 0; //!< operations received
        qint64 bytesSent = 0;
        qint64 bytesReceived = 0;
        int blobsUploaded = 0; //!< photos, thumbnails, signatures the server now has
        qint64 blobBytesSent = 0; //!< bytes of blob chunks sent (including re-sends)
        qint64 blobBytesResent = 0; //!< bytes sent again because a cut lost them
        int blobsFetched = 0;
        qint64 blobBytesFetched = 0;
    };
    Stats lastRound() const { return m_round; }
    Stats total() const { return m_total; }

Q_SIGNALS:
    void stateChanged();
    void countsChanged();
    //! Operations of an inspection changed in the store (pulled from others, or states updated).
    void inspectionUpdated(const QString &inspectionId);
    //! A round ended (ok: everything pushed and pulled).
    void roundFinished(bool ok);

private:
    void startRound();
    void nextStep();
    void push(const QString &inspection);
    void pull(const QString &inspection);
    void uploadBlobs();
    void uploadNext();
    void uploadChunk(const QString &sha, qint64 total, qint64 offset);
    void pumpFetches();
    void finishRound(bool ok, const QString &error = {}, bool unreachable = false, bool needsSignIn = false);
    void setState(const QString &state, const QString &status);
    void updateCounts();
    std::int64_t cursor(const QString &inspection) const;

    LocalStore *m_store;
    ServerApi *m_api;
    QStringList m_inspections;
    bool m_enabled = false;
    int m_batch = 500;
    int m_pushLimit = 500; //!< halved while the server refuses a batch as a whole (see push())
    QString m_state = QStringLiteral("disabled");
    QString m_status;
    QString m_error;
    QDateTime m_lastSync;
    int m_pending = 0;
    int m_refused = 0;
    int m_photosWaiting = 0;
    PhotoStore *m_photos = nullptr;
    qint64 m_chunk = 4 * 1024 * 1024;
    QStringList m_uploadQueue;
    QHash<QString, qint64> m_resumeAt;
    int m_uploadCount = 0;
    QHash<QString, qint64> m_sentUpTo; //!< per blob, the furthest byte sent (to count re-sends)
    QStringList m_fetchQueue;
    int m_fetching = 0;
    // the running round
    bool m_again = false;
    int m_index = 0;
    bool m_pulling = false;
    int m_roundTotalPending = 0;
    Stats m_round, m_total;
    QTimer m_periodic;
    QTimer m_soon;
    QString offlineText() const;
    QTimer m_retry;
    int m_backoffMs = 0;
};
