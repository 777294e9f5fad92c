#include "serverapi.h"

#include <careeval/jsonutil.h>

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

ServerApi::ServerApi(QObject *parent)
    : QObject(parent)
    , m_nam(new QNetworkAccessManager(this))
{
}

bool ServerApi::validUrl(const QString &text)
{
    const QUrl u(text.trimmed(), QUrl::StrictMode);
    return u.isValid() && (u.scheme() == QLatin1String("http") || u.scheme() == QLatin1String("https")) && !u.host().isEmpty();
}

namespace {

QString networkSentence(QNetworkReply::NetworkError e, const QUrl &base)
{
    const QString where = base.host() + (base.port() > 0 ? QStringLiteral(":%1").arg(base.port()) : QString());
    switch (e) {
    case QNetworkReply::ConnectionRefusedError:
        return ServerApi::tr(
            "The server at %1 is not answering. Check the address in Settings, or work on: everything is kept on this tablet.")
            .arg(where);
    case QNetworkReply::HostNotFoundError:
        return ServerApi::tr("The server name %1 cannot be found. Check the address in Settings and the network.").arg(base.host());
    case QNetworkReply::TimeoutError:
    case QNetworkReply::OperationCanceledError:
        return ServerApi::tr("The server at %1 took too long to answer. The network may be weak; try again.").arg(where);
    case QNetworkReply::SslHandshakeFailedError:
        return ServerApi::tr("A secure connection to %1 could not be made (certificate problem).").arg(where);
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::UnknownNetworkError:
        return ServerApi::tr("There is no network connection. Everything is kept on this tablet and will be sent later.");
    default:
        return ServerApi::tr("The connection to %1 failed. Try again later.").arg(where);
    }
}

QString statusSentence(int status, const QString &serverMessage)
{
    switch (status) {
    case 401:
        return ServerApi::tr("Your sign-in has expired or is not valid. Sign in again.");
    case 403:
        return ServerApi::tr("You are not allowed to do this (%1).").arg(serverMessage);
    case 404:
        return ServerApi::tr("The server does not know this (%1).").arg(serverMessage);
    case 413:
        return ServerApi::tr("This is too large for the server.");
    case 429:
        return ServerApi::tr("Too many attempts. Wait a few minutes and try again.");
    default:
        if (status >= 500)
            return ServerApi::tr("The server had a problem (%1). Try again later.")
                .arg(serverMessage.isEmpty() ? QString::number(status) : serverMessage);
        return serverMessage.isEmpty() ? ServerApi::tr("The server refused the request (HTTP %1).").arg(status) : serverMessage;
    }
}

} // namespace

void ServerApi::call(const QByteArray &method, const QString &path, const QByteArray &body, Callback done, const Headers &headers,
    const QByteArray &contentType)
{
    QUrl url = m_base;
    const int q = path.indexOf(QLatin1Char('?'));
    url.setPath(m_base.path().chopped(m_base.path().endsWith(QLatin1Char('/')) ? 1 : 0) + (q < 0 ? path : path.left(q)));
    if (q >= 0)
        url.setQuery(path.mid(q + 1));
    QNetworkRequest req(url);
    req.setTransferTimeout(m_timeoutMs);
    req.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::NoLessSafeRedirectPolicy);
    if (!m_token.isEmpty())
        req.setRawHeader("Authorization", "Bearer " + m_token);
    if (!body.isEmpty() || method == "POST" || method == "PUT")
        req.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
    for (const auto &[k, v] : headers)
        req.setRawHeader(k, v);
    QNetworkReply *reply = m_nam->sendCustomRequest(req, method, body);
    const QUrl base = m_base;
    connect(reply, &QNetworkReply::finished, this, [reply, done = std::move(done), base]() {
        reply->deleteLater();
        ApiReply r;
        r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        r.body = reply->readAll();
        r.etag = reply->rawHeader("ETag");
        if (r.status == 0) {
            r.unreachable = true;
            r.error = networkSentence(reply->error(), base);
        } else if (!r.ok() && r.status != 304) {
            QString message;
            auto parsed = careeval::parseJson(std::string_view(r.body.constData(), static_cast<std::size_t>(r.body.size())));
            if (parsed.ok() && parsed->is_object() && parsed->contains("error") && (*parsed)["error"].is_object()) {
                const auto &e = (*parsed)["error"];
                r.errorCode = QString::fromStdString(e.value("code", std::string()));
                message = QString::fromStdString(e.value("message", std::string()));
            }
            r.error = statusSentence(r.status, message);
        }
        done(r);
    });
}
