// Qt Quick Test runner for the app's QML: the real CareEval and CareEval.Core modules (static, so
// imported here) with an App whose data lives in a temporary folder and whose demo inspection is open.

#include "app.h"
#include "inspectioncontroller.h"
#include "largesheet.h"
#include "localstore.h"

#include <careeval/jsonutil.h>

#include <QQmlContext>
#include <QQmlEngine>
#include <QTemporaryDir>
#include <QtQml/qqmlextensionplugin.h>
#include <QtQuickTest/quicktest.h>

Q_IMPORT_QML_PLUGIN(CareEval_CorePlugin)
Q_IMPORT_QML_PLUGIN(CareEvalPlugin)

// What the QML tests can ask of the C++ side: a long inspection to open, the demo back, and a
// teammate's answer arriving as if synced.
class Fixture : public QObject
{
    Q_OBJECT
public:
    App *app = nullptr;
    Q_INVOKABLE bool openLargeSheet(int items)
    {
        QString error;
        const QString id = largesheet::create(*app, items, nullptr, &error);
        if (id.isEmpty())
            qWarning("large sheet: %s", qPrintable(error));
        return !id.isEmpty() && app->openInspection(id);
    }
    Q_INVOKABLE bool reopenDemo() { return app->openDemo(QStringLiteral("lead")); }
    //! The demo as another role sees it (a supervisor: read-only pages)
    Q_INVOKABLE bool openDemoAs(const QString &role) { return app->openDemo(role); }
    Q_INVOKABLE bool teammateNote(const QString &author, const QString &item, const QString &text)
    {
        return arrive(author, careeval::OpKind::Note, item, text, 100001);
    }
    Q_INVOKABLE bool teammateAnswers(const QString &author, const QString &item, const QString &value)
    {
        return arrive(author, careeval::OpKind::Set, item, value, 100000);
    }

private:
    // A teammate's operation as a sync would store it, then the inspection re-read.
    bool arrive(const QString &author, careeval::OpKind kind, const QString &target, const QString &text, std::uint64_t clock)
    {
        careeval::Operation op;
        op.id = careeval::Uuid::generate();
        op.inspection = app->inspection()->inspectionId().toStdString();
        op.author = author.toStdString();
        op.device = "tab-" + op.author;
        op.clock = clock;
        op.time = careeval::nowMillis();
        op.kind = kind;
        op.target = target.toStdString();
        op.value = nlohmann::json(text.toStdString()).dump();
        return app->store()->ops().append(std::span<const careeval::Operation>(&op, 1), careeval::SyncState::Remote).ok()
            && app->inspection()->reload().ok();
    }
};

class Setup : public QObject
{
    Q_OBJECT
public Q_SLOTS:
    void applicationAvailable()
    {
        m_app = std::make_unique<App>(m_dir.path());
        App::setInstance(m_app.get());
        m_app->settings()->setLanguage(QStringLiteral("en"));
        if (!m_app->openDemo())
            qFatal("demo: %s", qPrintable(m_app->errorString()));
    }
    void qmlEngineAvailable(QQmlEngine *engine)
    {
        engine->addImportPath(QStringLiteral("qrc:/")); // where the static modules keep their qmldir
        m_app->setEngine(engine);
        m_fixture.app = m_app.get();
        engine->rootContext()->setContextProperty(QStringLiteral("Fixture"), &m_fixture);
    }
    void cleanupTestCase() { m_app.reset(); }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<App> m_app;
    Fixture m_fixture;
};

QUICK_TEST_MAIN_WITH_SETUP(careeval_qml, Setup)
#include "tst_qml.moc"
