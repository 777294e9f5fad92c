// careeval-app: the composition root. It builds the services, publishes them as the App singleton,
// loads the QML, and — for --self-test and --screenshots — walks every page and exits.

#include "app.h"
#include "pagewalker.h"

#include <QCommandLineParser>
#include <QDir>
#include <QGuiApplication>
#include <QQmlApplicationEngine>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtQml/qqmlextensionplugin.h>

#include <atomic>
#include <cstdio>

Q_IMPORT_QML_PLUGIN(CareEval_CorePlugin)
Q_IMPORT_QML_PLUGIN(CareEvalPlugin)

namespace {

std::atomic<int> g_qmlWarnings {0};
QtMessageHandler g_previous = nullptr;

// Counts warnings that come from QML or the QML engine (a page that does not load cleanly fails the
// self-test): those with a qrc: location, in the qml/js categories, or from QQmlComponent/QQmlEngine
// ("Cannot create new component instance…", which carries no location).
void countQmlWarnings(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    const QByteArray category = context.category ? QByteArray(context.category) : QByteArray();
    if (type != QtDebugMsg && type != QtInfoMsg
        && ((context.file && QByteArray(context.file).startsWith("qrc:")) || message.contains(QLatin1String("qrc:/")) || category == "qml"
            || category == "js" || category.startsWith("qt.qml") || message.startsWith(QLatin1String("QQmlComponent"))
            || message.startsWith(QLatin1String("QQmlEngine"))))
        ++g_qmlWarnings;
    g_previous(type, context, message);
}

} // namespace

int main(int argc, char *argv[])
{
    bool headless = false;
    for (int i = 1; i < argc; ++i)
        headless = headless || QByteArray(argv[i]) == "--self-test";
    if (headless && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");

    QGuiApplication application(argc, argv);
    QGuiApplication::setApplicationName(QStringLiteral("careeval"));
    QGuiApplication::setOrganizationName(QStringLiteral("CareEval"));
    QGuiApplication::setApplicationVersion(QStringLiteral(CAREEVAL_VERSION));
    QQuickStyle::setStyle(QStringLiteral("Material"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("CareEval — on-site evaluation of elderly-care institutions"));
    parser.addHelpOption();
    parser.addVersionOption();
    QCommandLineOption dataOpt(QStringLiteral("data"), QStringLiteral("Folder of the tablet's data (default: the user's app data folder)."),
        QStringLiteral("dir"));
    QCommandLineOption serverOpt(
        QStringLiteral("server"), QStringLiteral("Sync server address, saved in Settings."), QStringLiteral("url"));
    QCommandLineOption userOpt(QStringLiteral("user"), QStringLiteral("Sign in as this user at start."), QStringLiteral("name"));
    QCommandLineOption passwordOpt(
        QStringLiteral("password"), QStringLiteral("Password for --user (or CAREEVAL_PASSWORD)."), QStringLiteral("password"));
    QCommandLineOption demoOpt(QStringLiteral("demo"), QStringLiteral("Open the local demo inspection."));
    QCommandLineOption langOpt(QStringLiteral("lang"), QStringLiteral("Language: zh or en (saved in Settings)."), QStringLiteral("lang"));
    QCommandLineOption sizeOpt(QStringLiteral("size"), QStringLiteral("Window size, e.g. 1280x800 or 800x1280."), QStringLiteral("WxH"),
        QStringLiteral("1280x800"));
    QCommandLineOption selfTestOpt(
        QStringLiteral("self-test"), QStringLiteral("Open every page of a demo inspection offscreen and exit (0: all loaded)."));
    QCommandLineOption shotsOpt(
        QStringLiteral("screenshots"), QStringLiteral("Walk every page, save PNGs into this folder and exit."), QStringLiteral("dir"));
    parser.addOptions({dataOpt, serverOpt, userOpt, passwordOpt, demoOpt, langOpt, sizeOpt, selfTestOpt, shotsOpt});
    parser.process(application);

    const bool walk = parser.isSet(selfTestOpt) || parser.isSet(shotsOpt);
    QTemporaryDir scratch;
    QString dataDir = parser.value(dataOpt);
    if (dataDir.isEmpty())
        dataDir = walk ? scratch.path() : QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    if (walk)
        g_previous = qInstallMessageHandler(countQmlWarnings);

    App app(dataDir);
    App::setInstance(&app);
    if (parser.isSet(serverOpt))
        app.settings()->setServerUrl(parser.value(serverOpt));
    if (parser.isSet(langOpt))
        app.settings()->setLanguage(parser.value(langOpt));

    QQmlApplicationEngine engine;
    app.setEngine(&engine);
    const QStringList size = parser.value(sizeOpt).split(QLatin1Char('x'));
    engine.setInitialProperties({{QStringLiteral("width"), size.value(0).toInt() > 0 ? size.value(0).toInt() : 1280},
        {QStringLiteral("height"), size.value(1).toInt() > 0 ? size.value(1).toInt() : 800}});
    engine.load(QUrl(QStringLiteral("qrc:/CareEval/Main.qml")));
    if (engine.rootObjects().isEmpty())
        return 1;
    auto *window = qobject_cast<QQuickWindow *>(engine.rootObjects().constFirst());

    if (parser.isSet(userOpt)) {
        const QString password = parser.isSet(passwordOpt) ? parser.value(passwordOpt) : qEnvironmentVariable("CAREEVAL_PASSWORD");
        app.session()->signIn(parser.value(userOpt), password);
    } else if (parser.isSet(demoOpt)) {
        app.openDemo();
    }

    if (walk) {
        auto *walker = new PageWalker(window, &app, parser.value(shotsOpt),
            parser.value(langOpt).isEmpty() ? QString()
                                            : parser.value(langOpt) + QLatin1Char('-') + parser.value(sizeOpt) + QLatin1Char('-'),
            &application);
        QObject::connect(walker, &PageWalker::finished, &application, [walker](int failures) {
            const int warnings = g_qmlWarnings.load();
            for (const QString &p : walker->problems())
                std::fprintf(stderr, "self-test: %s\n", qPrintable(p));
            std::fprintf(stderr, "self-test: %lld pages, %d problems, %d QML warnings\n",
                static_cast<long long>(PageWalker::pages().size()), failures, warnings);
            QCoreApplication::exit(failures == 0 && warnings == 0 ? 0 : 1);
        });
        walker->start();
    }
    return application.exec();
}
