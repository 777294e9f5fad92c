#include "session.h"

#include "appsettings.h"
#include "localstore.h"
#include "serverapi.h"
#include "texts.h"

#include <careeval/jsonutil.h>

#include <QCryptographicHash>
#include <QPasswordDigestor>
#include <QRandomGenerator>

using namespace careeval;

Session::Session(AppSettings *settings, LocalStore *store, ServerApi *api, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
    , m_store(store)
    , m_api(api)
{
}

QByteArray Session::verifier(const QString &password, const QByteArray &salt, int iterations)
{
    return QPasswordDigestor::deriveKeyPbkdf2(QCryptographicHash::Sha256, password.toUtf8(), salt, iterations, 32).toHex();
}

QString Session::roleText() const
{
    return Texts::role(m_role.toStdString());
}

void Session::setBusy(bool b)
{
    if (b == m_busy)
        return;
    m_busy = b;
    Q_EMIT busyChanged();
}

void Session::setError(const QString &e)
{
    if (e == m_error)
        return;
    m_error = e;
    Q_EMIT errorChanged();
}

void Session::become(
    const QString &username, const QString &displayName, const QString &role, const QByteArray &token, bool offline, bool demo)
{
    m_username = username;
    m_displayName = displayName.isEmpty() ? username : displayName;
    m_role = role;
    m_offline = offline;
    m_demo = demo;
    m_api->setToken(token);
    m_settings->saveSession({m_username, m_displayName, m_role, QString::fromLatin1(token), offline, demo});
    setError({});
    Q_EMIT signedInChanged();
}

void Session::signIn(const QString &username, const QString &password)
{
    const QString user = username.trimmed();
    if (user.isEmpty() || password.isEmpty()) {
        setError(tr("Enter your user name and password."));
        return;
    }
    if (!ServerApi::validUrl(m_settings->serverUrl())) {
        offlineSignIn(user, password,
            tr("The server address “%1” is not valid (it looks like http://192.168.1.10:8080).").arg(m_settings->serverUrl()));
        return;
    }
    setBusy(true);
    setError({});
    m_api->setBaseUrl(QUrl(m_settings->serverUrl()));
    m_api->setToken({});
    const json body {{"username", user.toStdString()}, {"password", password.toStdString()}};
    m_api->call(
        "POST", QStringLiteral("/api/v1/auth/login"), QByteArray::fromStdString(body.dump()), [this, user, password](const ApiReply &r) {
            setBusy(false);
            if (r.unreachable) {
                offlineSignIn(user, password, r.error);
                return;
            }
            if (r.status == 401) {
                setError(tr("The user name or password is wrong."));
                return;
            }
            if (!r.ok()) {
                setError(r.error);
                return;
            }
            auto parsed = parseJson(std::string_view(r.body.constData(), static_cast<std::size_t>(r.body.size())));
            if (!parsed || !parsed->is_object() || !(*parsed)["token"].is_string() || !(*parsed)["user"].is_object()) {
                setError(tr("The server's answer to the sign-in could not be understood."));
                return;
            }
            const json &u = (*parsed)["user"];
            const QString display = QString::fromStdString(u.value("display_name", user.toStdString()));
            const QString role = QString::fromStdString(u.value("role", std::string("evaluator")));
            // Leave a verifier for offline sign-ins on this tablet.
            QByteArray salt(16, Qt::Uninitialized);
            QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(salt.data()), 4);
            Credential c {user.toStdString(), display.toStdString(), role.toStdString(), salt.toHex().toStdString(),
                verifier(password, salt, kIterations).toStdString(), kIterations};
            if (auto s = m_store->saveCredential(c); !s)
                setError(tr("Signed in, but offline sign-in could not be prepared: %1").arg(QString::fromStdString(s.error().message)));
            become(user, display, role, QByteArray::fromStdString((*parsed)["token"].get<std::string>()), false, false);
        });
}

void Session::offlineSignIn(const QString &username, const QString &password, const QString &why)
{
    auto c = m_store->credential(username.toStdString());
    if (!c || !c.value()) {
        setError(why + QLatin1Char(' ') + tr("This account has not signed in on this tablet before, so it cannot sign in offline."));
        return;
    }
    const Credential &cred = *c.value();
    const QByteArray computed = verifier(password, QByteArray::fromHex(QByteArray::fromStdString(cred.salt)), cred.iterations);
    if (computed != QByteArray::fromStdString(cred.verifier)) {
        setError(tr("The user name or password is wrong."));
        return;
    }
    become(username, QString::fromStdString(cred.displayName), QString::fromStdString(cred.role), {}, true, false);
}

void Session::openDemo()
{
    become(QStringLiteral("li.hua"), tr("Li Hua (demo)"), QStringLiteral("lead"), {}, true, true);
}

void Session::signOut()
{
    if (!signedIn())
        return;
    if (!m_offline && !m_api->token().isEmpty())
        m_api->call("POST", QStringLiteral("/api/v1/auth/logout"), "{}", [](const ApiReply &) {});
    m_api->setToken({});
    m_settings->clearSession();
    m_username.clear();
    m_displayName.clear();
    m_role.clear();
    m_offline = m_demo = false;
    Q_EMIT signedInChanged();
}

bool Session::restore()
{
    const auto s = m_settings->savedSession();
    if (s.username.isEmpty())
        return false;
    m_api->setBaseUrl(QUrl(m_settings->serverUrl()));
    m_username = s.username;
    m_displayName = s.displayName;
    m_role = s.role;
    m_offline = s.offline;
    m_demo = s.demo;
    m_api->setToken(s.token.toLatin1());
    Q_EMIT signedInChanged();
    return true;
}
