// Qt Quick Test runner for the app's QML: the real CareEval and CareEval.Core modules (static, so
// imported here) with an App whose data lives in a temporary folder and whose demo inspection is open.

#include "app.h"

#include <QQmlEngine>
#include <QTemporaryDir>
#include <QtQml/qqmlextensionplugin.h>
#include <QtQuickTest/quicktest.h>

Q_IMPORT_QML_PLUGIN(CareEval_CorePlugin)
Q_IMPORT_QML_PLUGIN(CareEvalPlugin)

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
    }
    void cleanupTestCase() { m_app.reset(); }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<App> m_app;
};

QUICK_TEST_MAIN_WITH_SETUP(careeval_qml, Setup)
#include "tst_qml.moc"
