#include "appsettings.h"

#include <QUuid>

AppSettings::AppSettings(const QString &file, QObject *parent)
    : QObject(parent)
    , m_settings(file, QSettings::IniFormat)
{
    m_deviceId = m_settings.value(QStringLiteral("device/id")).toString();
    if (m_deviceId.isEmpty()) {
        m_deviceId = QStringLiteral("tab-") + QUuid::createUuid().toString(QUuid::WithoutBraces).left(8);
        m_settings.setValue(QStringLiteral("device/id"), m_deviceId);
        m_settings.sync();
    }
}

QString AppSettings::language() const
{
    const QString l = m_settings.value(QStringLiteral("ui/language"), QStringLiteral("zh")).toString();
    return l == QLatin1String("en") ? l : QStringLiteral("zh");
}

void AppSettings::setLanguage(const QString &language)
{
    const QString l = language == QLatin1String("en") ? language : QStringLiteral("zh");
    if (l == this->language())
        return;
    m_settings.setValue(QStringLiteral("ui/language"), l);
    m_settings.sync();
    Q_EMIT languageChanged();
}

QString AppSettings::serverUrl() const
{
    return m_settings.value(QStringLiteral("sync/server"), QStringLiteral("http://127.0.0.1:8080")).toString();
}

void AppSettings::setServerUrl(const QString &url)
{
    const QString u = url.trimmed();
    if (u == serverUrl())
        return;
    m_settings.setValue(QStringLiteral("sync/server"), u);
    m_settings.sync();
    Q_EMIT serverUrlChanged();
}

double AppSettings::textScale() const
{
    return qBound(0.8, m_settings.value(QStringLiteral("ui/textScale"), 1.0).toDouble(), 2.0);
}

void AppSettings::setTextScale(double scale)
{
    scale = qBound(0.8, scale, 2.0);
    if (qFuzzyCompare(scale, textScale()))
        return;
    m_settings.setValue(QStringLiteral("ui/textScale"), scale);
    m_settings.sync();
    Q_EMIT textScaleChanged();
}

AppSettings::Position AppSettings::lastPosition() const
{
    Position p;
    p.inspection = m_settings.value(QStringLiteral("position/inspection")).toString();
    p.step = m_settings.value(QStringLiteral("position/step"), -1).toInt();
    p.item = m_settings.value(QStringLiteral("position/item"), 0).toInt();
    return p;
}

void AppSettings::setLastPosition(const QString &inspection, int step, int item)
{
    const Position old = lastPosition();
    if (old.inspection == inspection && old.step == step && old.item == item)
        return;
    m_settings.setValue(QStringLiteral("position/inspection"), inspection);
    m_settings.setValue(QStringLiteral("position/step"), step);
    m_settings.setValue(QStringLiteral("position/item"), item);
    m_settings.sync();
}

AppSettings::SavedSession AppSettings::savedSession() const
{
    SavedSession s;
    s.username = m_settings.value(QStringLiteral("session/username")).toString();
    s.displayName = m_settings.value(QStringLiteral("session/displayName")).toString();
    s.role = m_settings.value(QStringLiteral("session/role")).toString();
    s.token = m_settings.value(QStringLiteral("session/token")).toString();
    s.offline = m_settings.value(QStringLiteral("session/offline")).toBool();
    s.demo = m_settings.value(QStringLiteral("session/demo")).toBool();
    return s;
}

void AppSettings::saveSession(const SavedSession &s)
{
    m_settings.setValue(QStringLiteral("session/username"), s.username);
    m_settings.setValue(QStringLiteral("session/displayName"), s.displayName);
    m_settings.setValue(QStringLiteral("session/role"), s.role);
    m_settings.setValue(QStringLiteral("session/token"), s.token);
    m_settings.setValue(QStringLiteral("session/offline"), s.offline);
    m_settings.setValue(QStringLiteral("session/demo"), s.demo);
    m_settings.sync();
}

void AppSettings::clearSession()
{
    m_settings.remove(QStringLiteral("session"));
    m_settings.remove(QStringLiteral("position"));
    m_settings.sync();
}
