#pragma once
// The composition root's product: every app-lifetime service, built once in main() and published to
// QML as the one singleton `App`. QML reaches services through typed properties (App.session,
// App.workspace, App.inspection, App.settings) and a few verbs; nothing is a context property.

#include "appsettings.h"
#include "inspectioncontroller.h"
#include "localstore.h"
#include "photostore.h"
#include "serverapi.h"
#include "session.h"
#include "syncclient.h"
#include "workspace.h"

#include <QObject>
#include <QTranslator>
#include <QtQml/qqmlregistration.h>

#include <memory>

class QQmlEngine;
class QJSEngine;

class App : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    Q_PROPERTY(AppSettings *settings READ settings CONSTANT)
    Q_PROPERTY(Session *session READ session CONSTANT)
    Q_PROPERTY(Workspace *workspace READ workspace CONSTANT)
    Q_PROPERTY(InspectionController *inspection READ inspection CONSTANT)
    Q_PROPERTY(SyncClient *sync READ sync CONSTANT)
    Q_PROPERTY(PhotoStore *photos READ photos CONSTANT)
    //! Non-empty when the tablet database could not be opened: nothing else works then
    Q_PROPERTY(QString fatalError READ fatalError CONSTANT)
    Q_PROPERTY(QString errorString READ errorString NOTIFY errorChanged)
    Q_PROPERTY(QString version READ version CONSTANT)
    //! The server's view of the open inspection's team: {members: {user: {operations, lastSync}},
    //! photosExpected, photosReceived, error}; refreshed by refreshTeam().
    Q_PROPERTY(QVariantMap teamView READ teamView NOTIFY teamViewChanged)

public:
    //! Opens (or creates) the tablet's data in `dataDir`.
    explicit App(const QString &dataDir, QObject *parent = nullptr);
    ~App() override;

    static App *create(QQmlEngine *, QJSEngine *);
    static void setInstance(App *app);

    //! Engine whose translations follow the language setting.
    void setEngine(QQmlEngine *engine);

    //! Opens an assignment of the signed-in user; false with errorString when it cannot be opened.
    Q_INVOKABLE bool openInspection(const QString &inspectionId);
    Q_INVOKABLE void closeInspection();
    //! Signs in the demo lead and opens the local demo inspection.
    //! Opens the demo inspection; with a role ("evaluator", "lead", "supervisor"), as that role sees it
    //! (to try the supervisor's read-only review on the demo).
    Q_INVOKABLE bool openDemo(const QString &role = QString());
    //! Remembers the page and item the evaluator is on, so a restart reopens there.
    Q_INVOKABLE void rememberPosition(int step, int item);
    //! Reopens the inspection of the last run; the step and item to show are then resumeStep/resumeItem.
    Q_INVOKABLE bool resume();
    Q_INVOKABLE int resumeStep() const { return m_settings->lastPosition().step; }
    Q_INVOKABLE int resumeItem() const { return m_settings->lastPosition().item; }
    Q_INVOKABLE void signOut();
    //! Supervisor: "approve" (locks) or "return" (comment required) the open inspection, on the server.
    Q_INVOKABLE void review(const QString &action, const QString &comment);
    //! Writes the open inspection's PDF report under <data>/reports and returns its file: URL
    //! ("" with errorString when it failed). Writing again after changes gives an updated report.
    Q_INVOKABLE QUrl writeReport();
    //! Asks the server what each member of the open inspection has delivered and when they synced.
    Q_INVOKABLE void refreshTeam();
    QVariantMap teamView() const { return m_teamView; }
    //! Opens a written report with the system's viewer (share from there).
    Q_INVOKABLE bool openReport(const QUrl &url);

    AppSettings *settings() const { return m_settings; }
    Session *session() const { return m_session; }
    Workspace *workspace() const { return m_workspace; }
    InspectionController *inspection() const { return m_inspection; }
    SyncClient *sync() const { return m_sync; }
    PhotoStore *photos() const { return m_photos; }
    LocalStore *store() const { return m_store.get(); }
    QString fatalError() const { return m_fatal; }
    QString errorString() const { return m_error; }
    QString version() const;

Q_SIGNALS:
    void errorChanged();
    void reviewed(bool ok, const QString &message);
    void teamViewChanged();

private:
    void applyLanguage();
    void onSignedIn();
    void setError(const QString &e);
    void syncAssignments();

    static inline App *s_instance = nullptr;
    QString m_fatal;
    QString m_error;
    std::unique_ptr<LocalStore> m_store;
    AppSettings *m_settings;
    ServerApi *m_api;
    Session *m_session = nullptr;
    Workspace *m_workspace = nullptr;
    InspectionController *m_inspection;
    SyncClient *m_sync = nullptr;
    PhotoStore *m_photos = nullptr;
    QString m_dataDir;
    QVariantMap m_teamView;
    QQmlEngine *m_engine = nullptr;
    QTranslator m_translator;
    QTranslator m_qtTranslator; //!< Qt's own strings (standard dialog buttons, file dialog)
};
