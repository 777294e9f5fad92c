#pragma once
// Who is using the tablet. The first sign-in of an account goes to the server; it leaves a salted
// PBKDF2 verifier on the tablet (never the password), so later sign-ins work without a network.
// The demo needs neither: it signs in a local lead on the shipped pilot template. A session lasts
// until sign-out, across restarts.

#include <QObject>
#include <QString>
#include <QtQml/qqmlregistration.h>

class AppSettings;
class LocalStore;
class ServerApi;

class Session : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Session is owned by App")
    Q_PROPERTY(bool signedIn READ signedIn NOTIFY signedInChanged)
    Q_PROPERTY(QString username READ username NOTIFY signedInChanged)
    Q_PROPERTY(QString displayName READ displayName NOTIFY signedInChanged)
    Q_PROPERTY(QString role READ role NOTIFY signedInChanged)
    Q_PROPERTY(QString roleText READ roleText NOTIFY signedInChanged)
    //! Signed in with the stored verifier: the server has not confirmed this session
    Q_PROPERTY(bool offline READ offline NOTIFY signedInChanged)
    Q_PROPERTY(bool demo READ demo NOTIFY signedInChanged)
    Q_PROPERTY(bool busy READ busy NOTIFY busyChanged)
    Q_PROPERTY(QString errorString READ errorString NOTIFY errorChanged)

public:
    Session(AppSettings *settings, LocalStore *store, ServerApi *api, QObject *parent = nullptr);

    //! Online against the server in Settings; offline with the stored verifier when it cannot be reached.
    Q_INVOKABLE void signIn(const QString &username, const QString &password);
    //! Signs in the local demo lead (no server needed).
    Q_INVOKABLE void openDemo();
    Q_INVOKABLE void signOut();
    //! Restores the session saved at the last run; true when one was restored.
    bool restore();

    bool signedIn() const { return !m_username.isEmpty(); }
    QString username() const { return m_username; }
    QString displayName() const { return m_displayName; }
    QString role() const { return m_role; }
    QString roleText() const;
    bool offline() const { return m_offline; }
    bool demo() const { return m_demo; }
    bool busy() const { return m_busy; }
    QString errorString() const { return m_error; }

    static constexpr int kIterations = 60000;
    //! PBKDF2-HMAC-SHA256 of the password (hex), as stored for offline sign-in.
    static QByteArray verifier(const QString &password, const QByteArray &salt, int iterations);

Q_SIGNALS:
    void signedInChanged();
    void busyChanged();
    void errorChanged();

private:
    void setBusy(bool b);
    void setError(const QString &e);
    void offlineSignIn(const QString &username, const QString &password, const QString &why);
    void become(const QString &username, const QString &displayName, const QString &role, const QByteArray &token, bool offline, bool demo);

    AppSettings *m_settings;
    LocalStore *m_store;
    ServerApi *m_api;
    QString m_username, m_displayName, m_role;
    bool m_offline = false;
    bool m_demo = false;
    bool m_busy = false;
    QString m_error;
};
