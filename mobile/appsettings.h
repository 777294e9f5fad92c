#pragma once
// The tablet's preferences and where the evaluator was: language, server address, text size, the
// device id every operation carries, and the last inspection/step/item so the app reopens there.
// Backed by one INI file in the app's data folder; every setter writes through at once, so a kill
// loses nothing the screen showed.

#include <QObject>
#include <QSettings>
#include <QtQml/qqmlregistration.h>

class AppSettings : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("AppSettings is owned by App")
    //! "zh" (default) or "en"
    Q_PROPERTY(QString language READ language WRITE setLanguage NOTIFY languageChanged)
    //! e.g. http://127.0.0.1:8080
    Q_PROPERTY(QString serverUrl READ serverUrl WRITE setServerUrl NOTIFY serverUrlChanged)
    //! 1.0, 1.25 or 1.5: multiplies every font size of the theme
    Q_PROPERTY(double textScale READ textScale WRITE setTextScale NOTIFY textScaleChanged)
    //! Stable id of this installation, carried by every operation
    Q_PROPERTY(QString deviceId READ deviceId CONSTANT)

public:
    explicit AppSettings(const QString &file, QObject *parent = nullptr);

    QString language() const;
    void setLanguage(const QString &language);
    QString serverUrl() const;
    void setServerUrl(const QString &url);
    double textScale() const;
    void setTextScale(double scale);
    QString deviceId() const { return m_deviceId; }

    //! Where the evaluator was (inspection id, step 0..7 or -1 for the overview, item row).
    struct Position {
        QString inspection;
        int step = -1;
        int item = 0;
    };
    Position lastPosition() const;
    Q_INVOKABLE void setLastPosition(const QString &inspection, int step, int item);

    //! The signed-in user, kept until sign-out so a restart reopens the session.
    struct SavedSession {
        QString username, displayName, role, token;
        bool offline = false;
        bool demo = false;
    };
    SavedSession savedSession() const;
    void saveSession(const SavedSession &s);
    void clearSession();

Q_SIGNALS:
    void languageChanged();
    void serverUrlChanged();
    void textScaleChanged();

private:
    mutable QSettings m_settings;
    QString m_deviceId;
};
