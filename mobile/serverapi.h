#pragma once
// The tablet's view of the sync server's HTTP API (docs/api/openapi.yaml): one place that builds
// requests, attaches the bearer token, and turns every failure — unreachable server, timeout, an
// error body — into a sentence a person can act on. Callbacks run on the GUI thread; nothing blocks.

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPair>
#include <QString>
#include <QUrl>

#include <functional>

class QNetworkAccessManager;
class QNetworkReply;

struct ApiReply {
    int status = 0; //!< HTTP status; 0 when no answer arrived
    QByteArray body;
    QByteArray etag;
    bool unreachable = false; //!< no answer: offline, refused, timed out
    QString errorCode; //!< the server's error.code, when it sent one
    QString error; //!< human sentence; empty on success
    bool ok() const { return status >= 200 && status < 300; }
};

class ServerApi : public QObject
{
    Q_OBJECT
public:
    using Headers = QList<QPair<QByteArray, QByteArray>>;
    using Callback = std::function<void(const ApiReply &)>;

    explicit ServerApi(QObject *parent = nullptr);

    void setBaseUrl(const QUrl &url) { m_base = url; }
    QUrl baseUrl() const { return m_base; }
    void setToken(const QByteArray &token) { m_token = token; }
    QByteArray token() const { return m_token; }
    //! Milliseconds before a request without an answer is abandoned.
    void setTimeout(int ms) { m_timeoutMs = ms; }

    //! Sends `method path` with a JSON (or raw, with contentType) body; `done` gets the reply.
    virtual void call(const QByteArray &method, const QString &path, const QByteArray &body, Callback done, const Headers &headers = {},
        const QByteArray &contentType = "application/json");

    //! Whether a text parses as a usable server address (http or https with a host).
    static bool validUrl(const QString &text);

private:
    QNetworkAccessManager *m_nam;
    QUrl m_base;
    QByteArray m_token;
    int m_timeoutMs = 15000;
};
