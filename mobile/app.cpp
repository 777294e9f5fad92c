#include "app.h"

#include <careeval/jsonutil.h>
#include <careeval/rules.h>

#include <QCoreApplication>
#include <QDateTime>
#include <QDesktopServices>
#include <QDir>
#include <QLibraryInfo>
#include <QLocale>

#include "report.h"
#include <QJSEngine>
#include <QQmlEngine>

App::App(const QString &dataDir, QObject *parent)
    : QObject(parent)
    , m_settings(new AppSettings(QDir(dataDir).filePath(QStringLiteral("settings.ini")), this))
    , m_api(new ServerApi(this))
    , m_inspection(new InspectionController(this))
{
    QDir().mkpath(dataDir);
    auto store = LocalStore::open(QDir(dataDir).filePath(QStringLiteral("careeval.db")).toStdString());
    if (!store) {
        m_fatal = tr("The data on this tablet cannot be opened (%1). Nothing has been changed; ask for support before continuing.")
                      .arg(QString::fromStdString(store.error().message));
        store = LocalStore::open(":memory:"); // keeps the UI working enough to show the message
    }
    m_store = std::move(store.value());
    m_api->setBaseUrl(QUrl(m_settings->serverUrl()));
    m_session = new Session(m_settings, m_store.get(), m_api, this);
    m_workspace = new Workspace(m_store.get(), m_api, this);
    m_sync = new SyncClient(m_store.get(), m_api, this);
    m_dataDir = dataDir;
    m_photos = new PhotoStore(QDir(dataDir).filePath(QStringLiteral("blobs")), m_store.get(), this);
    m_photos->setFetcher([this](const QString &sha) { m_sync->fetch(sha); });
    m_sync->setPhotoStore(m_photos);
    m_inspection->setPhotoStore(m_photos);
    m_inspection->setLanguage(m_settings->language().toStdString());
    m_workspace->setLanguage(m_settings->language().toStdString());

    connect(m_settings, &AppSettings::languageChanged, this, &App::applyLanguage);
    connect(m_settings, &AppSettings::serverUrlChanged, this, [this] { m_api->setBaseUrl(QUrl(m_settings->serverUrl())); });
    connect(m_session, &Session::signedInChanged, this, &App::onSignedIn);
    connect(m_inspection, &InspectionController::operationsRecorded, m_workspace, [this] {
        m_workspace->updateOpen(m_inspection->snapshot(), m_inspection->pendingCount(), m_inspection->review()->refusedCount());
    });
    connect(m_inspection, &InspectionController::operationsRecorded, m_sync, &SyncClient::changesMade);
    connect(m_workspace, &Workspace::refreshed, this, &App::syncAssignments);
    connect(m_sync, &SyncClient::inspectionUpdated, this, [this](const QString &id) {
        if (m_inspection->isOpen() && m_inspection->inspectionId() == id)
            (void)m_inspection->reload();
        m_workspace->reloadLocal();
    });
    connect(m_inspection, &InspectionController::currentStepChanged, this, [this] { rememberPosition(m_inspection->currentStep(), 0); });
    if (m_session->restore())
        onSignedIn();
}

App::~App() = default;

App *App::create(QQmlEngine *, QJSEngine *)
{
    QJSEngine::setObjectOwnership(s_instance, QJSEngine::CppOwnership);
    return s_instance;
}

void App::setInstance(App *app)
{
    s_instance = app;
}

QString App::version() const
{
    return QCoreApplication::applicationVersion();
}

void App::setEngine(QQmlEngine *engine)
{
    m_engine = engine;
    applyLanguage();
}

void App::applyLanguage()
{
    const QString lang = m_settings->language();
    QCoreApplication::removeTranslator(&m_translator);
    QCoreApplication::removeTranslator(&m_qtTranslator);
    // Source strings are English; Chinese is the default and ships compiled into the app. Qt's own
    // strings (OK/Cancel on dialogs, the file dialog) come from Qt's translations when installed.
    if (lang == QLatin1String("zh") && m_translator.load(QStringLiteral(":/i18n/careeval_zh_CN.qm")))
        QCoreApplication::installTranslator(&m_translator);
    if (lang == QLatin1String("zh")
        && m_qtTranslator.load(QLocale(QLocale::Chinese, QLocale::China), QStringLiteral("qt"), QStringLiteral("_"),
            QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(&m_qtTranslator);
    m_inspection->setLanguage(lang.toStdString());
    m_workspace->setLanguage(lang.toStdString());
    if (m_engine)
        m_engine->retranslate();
}

void App::setError(const QString &e)
{
    if (e == m_error)
        return;
    m_error = e;
    Q_EMIT errorChanged();
}

// The user's server assignments are what the sync client keeps in step; the local demo never syncs.
void App::syncAssignments()
{
    QStringList ids;
    for (int i = 0; i < m_workspace->assignments()->rowCount(); ++i) {
        const QModelIndex idx = m_workspace->assignments()->index(i);
        if (!idx.data(AssignmentListModel::DemoRole).toBool())
            ids << idx.data(AssignmentListModel::InspectionIdRole).toString();
    }
    m_sync->setInspections(ids);
    m_sync->setEnabled(m_session->signedIn() && !m_session->demo());
    m_sync->syncNow();
}

void App::onSignedIn()
{
    if (!m_session->signedIn()) {
        m_sync->setEnabled(false);
        m_inspection->close();
        m_workspace->setUser({}, false);
        return;
    }
    m_workspace->setUser(m_session->username().toStdString(), !m_session->offline(), m_session->role().toStdString());
    if (m_session->demo()) {
        if (auto r = m_workspace->ensureDemo(); !r)
            setError(tr("The demo inspection could not be created: %1").arg(QString::fromStdString(r.error().message)));
    }
    m_workspace->refresh();
}

bool App::openInspection(const QString &inspectionId)
{
    auto a = m_workspace->assignment(inspectionId);
    if (!a) {
        setError(tr("Inspection %1 is not assigned to you on this tablet.").arg(inspectionId));
        return false;
    }
    QString why;
    auto tpl = m_workspace->templateFor(*a, &why);
    if (!tpl) {
        setError(why);
        return false;
    }
    auto r = m_inspection->open(m_store.get(), *a, tpl, m_session->username().toStdString(), m_settings->deviceId().toStdString());
    if (!r) {
        setError(tr("The inspection could not be opened: %1").arg(QString::fromStdString(r.error().message)));
        return false;
    }
    setError({});
    m_settings->setLastPosition(inspectionId, -1, 0);
    return true;
}

void App::closeInspection()
{
    m_inspection->close();
    m_settings->setLastPosition({}, -1, 0);
    m_workspace->reloadLocal();
}

bool App::openDemo(const QString &role)
{
    if (!m_session->signedIn() || !m_session->demo())
        m_session->openDemo();
    if (!openInspection(Workspace::demoInspectionId()))
        return false;
    if (role.isEmpty() || role == m_inspection->myRole())
        return true;
    if (!careeval::roleFromString(role.toStdString())) {
        setError(tr("“%1” is not a role.").arg(role));
        return false;
    }
    Assignment a = m_inspection->assignment();
    a.myRole = role.toStdString();
    const auto tpl = m_inspection->snapshot().tpl;
    auto r = m_inspection->open(m_store.get(), a, tpl, m_session->username().toStdString(), m_settings->deviceId().toStdString());
    if (!r) {
        setError(tr("The inspection could not be opened: %1").arg(QString::fromStdString(r.error().message)));
        return false;
    }
    return true;
}

void App::rememberPosition(int step, int item)
{
    if (m_inspection->isOpen())
        m_settings->setLastPosition(m_inspection->inspectionId(), step, item);
}

bool App::resume()
{
    const auto p = m_settings->lastPosition();
    if (!m_session->signedIn() || p.inspection.isEmpty())
        return false;
    const int step = p.step, item = p.item;
    if (!openInspection(p.inspection))
        return false;
    m_settings->setLastPosition(p.inspection, step, item);
    return true;
}

void App::signOut()
{
    m_inspection->close();
    m_session->signOut();
}

void App::review(const QString &action, const QString &comment)
{
    if (!m_inspection->isOpen())
        return;
    if (action == QLatin1String("return") && comment.trimmed().isEmpty()) {
        Q_EMIT reviewed(false, tr("Say what the team must change: returning needs a comment."));
        return;
    }
    const QString id = m_inspection->inspectionId();
    const std::string body = nlohmann::json {{"action", action.toStdString()}, {"comment", comment.trimmed().toStdString()}}.dump();
    m_api->call("POST", QStringLiteral("/api/v1/inspections/%1/review").arg(id), QByteArray::fromStdString(body),
        [this, action](const ApiReply &r) {
            if (!r.ok()) {
                Q_EMIT reviewed(false, r.unreachable ? r.error : tr("The review was not recorded: %1").arg(r.error));
                return;
            }
            Q_EMIT reviewed(true,
                action == QLatin1String("approve") ? tr("Approved; the evaluation is locked.")
                                                   : tr("Returned to the team with your comments."));
            m_sync->syncNow(); // bring the decision (an operation) to this tablet
        });
}

QUrl App::writeReport()
{
    if (!m_inspection->isOpen())
        return {};
    const QString name = QStringLiteral("%1-%2.pdf")
                             .arg(m_inspection->inspectionId(), QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss")));
    auto written = ::writeReport(*m_inspection, m_photos, QDir(m_dataDir).filePath(QStringLiteral("reports/") + name));
    if (!written) {
        setError(tr("The report could not be written: %1").arg(QString::fromStdString(written.error().message)));
        return {};
    }
    setError({});
    // What the report could not show is asked for now; the report says so on its first page.
    if (!written->missing.isEmpty()) {
        for (const QString &sha : written->missing)
            m_photos->url(sha);
        m_inspection->infoMessage(tr("%n photo(s) or signature(s) are not on this tablet yet and are being fetched; write the report "
                                     "again once they have arrived.",
            nullptr, static_cast<int>(written->missing.size())));
    }
    return QUrl::fromLocalFile(written->path);
}

bool App::openReport(const QUrl &url)
{
    if (QDesktopServices::openUrl(url))
        return true;
    setError(tr("No program on this tablet opens PDF files; the report is saved at %1").arg(url.toLocalFile()));
    return false;
}

void App::refreshTeam()
{
    if (!m_inspection->isOpen() || m_inspection->assignment().demo)
        return;
    const QString id = m_inspection->inspectionId();
    m_api->call("GET", QStringLiteral("/api/v1/inspections/%1/state").arg(id), {}, [this, id](const ApiReply &r) {
        QVariantMap view;
        if (!r.ok()) {
            view.insert(QStringLiteral("error"), r.error);
        } else {
            auto parsed = careeval::parseJson(std::string_view(r.body.constData(), static_cast<std::size_t>(r.body.size())));
            auto team = parsed ? careeval::teamViewFromJson(parsed.value()) : careeval::Result<careeval::TeamView>(parsed.error());
            if (!team) {
                view.insert(QStringLiteral("error"),
                    tr("The server's team view could not be understood: %1").arg(QString::fromStdString(team.error().message)));
            } else {
                QVariantMap members;
                for (const careeval::MemberProgress &m : team->members) {
                    const qint64 last = std::max(m.lastPush, m.lastPull);
                    members.insert(QString::fromStdString(m.username),
                        QVariantMap {{QStringLiteral("operations"), static_cast<int>(m.operations)},
                            {QStringLiteral("lastSync"),
                                last > 0 ? QDateTime::fromMSecsSinceEpoch(last).toString(QStringLiteral("MM-dd HH:mm")) : QString()},
                            {QStringLiteral("lastSyncMs"), last}});
                }
                view.insert(QStringLiteral("members"), members);
                view.insert(QStringLiteral("photosExpected"), static_cast<int>(team->photosExpected));
                view.insert(QStringLiteral("photosReceived"), static_cast<int>(team->photosReceived));
                QStringList missing;
                for (const std::string &h : team->photosMissing)
                    missing << QString::fromStdString(h);
                view.insert(QStringLiteral("photosMissing"), missing);
                view.insert(QStringLiteral("at"), QDateTime::currentDateTime().toString(QStringLiteral("HH:mm")));
            }
        }
        if (m_inspection->inspectionId() != id)
            return;
        m_teamView = view;
        Q_EMIT teamViewChanged();
    });
}
