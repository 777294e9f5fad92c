// bench_app: the tablet app's figures. Not a test: it measures and prints.
//   start to first frame: process start → App built, Main.qml loaded, first frame swapped;
//   opening a 500-item inspection: openInspection + the 500-item step page shown (first frame);
//   scrolling it top to bottom 400 px a frame: p50/p99/max time per frame; frames drawn while idle;
//   persisting one answer: the local store's append (on disk, synchronous=FULL) and the whole change
//   as the evaluator sees it (append + merge + score + models), p50/p99 over 300 answers.
// Usage: bench_app [--answers N]   Run it under xvfb-run for the real renderer, or offscreen.

#include "app.h"
#include "largesheet.h"

#include <careeval/jsonutil.h>

#include <QElapsedTimer>
#include <QGuiApplication>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QTemporaryDir>
#include <QtQml/qqmlextensionplugin.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <vector>

Q_IMPORT_QML_PLUGIN(CareEval_CorePlugin)
Q_IMPORT_QML_PLUGIN(CareEvalPlugin)

using namespace careeval;
using Clock = std::chrono::steady_clock;

namespace {

double msSince(Clock::time_point t)
{
    return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

bool waitForFrame(QQuickWindow *w, int timeoutMs = 10000)
{
    bool swapped = false;
    auto c = QObject::connect(w, &QQuickWindow::frameSwapped, w, [&] { swapped = true; });
    w->update();
    QElapsedTimer t;
    t.start();
    while (!swapped && t.elapsed() < timeoutMs)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    QObject::disconnect(c);
    return swapped;
}

// Frames the window draws in one second of doing nothing (an idle app should draw none).
int idleFrames(QQuickWindow *w)
{
    int frames = 0;
    auto c = QObject::connect(w, &QQuickWindow::frameSwapped, w, [&] { ++frames; });
    QElapsedTimer idle;
    idle.start();
    while (idle.elapsed() < 1000)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    QObject::disconnect(c);
    return frames;
}

void percentiles(const char *what, std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    auto at = [&](double p) { return v[std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())))]; };
    std::printf("%-44s p50 %7.2f ms   p99 %7.2f ms   max %7.2f ms  (n=%zu)\n", what, at(0.5), at(0.99), v.back(), v.size());
}

} // namespace

int main(int argc, char *argv[])
{
    const auto processStart = Clock::now();
    int answers = 300;
    for (int i = 1; i + 1 < argc; ++i)
        if (QByteArray(argv[i]) == "--answers")
            answers = std::max(10, std::atoi(argv[i + 1]));
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") && qEnvironmentVariableIsEmpty("DISPLAY"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication application(argc, argv);
    QQuickStyle::setStyle(QStringLiteral("Material"));
    if (qEnvironmentVariableIsSet("BENCH_NATIVE_TEXT"))
        QQuickWindow::setTextRenderType(QQuickWindow::NativeTextRendering);
    QTemporaryDir dir;

    // 1. Start to first frame (a tablet with a session: the assignments page).
    auto app = std::make_unique<App>(dir.path());
    App::setInstance(app.get());
    app->session()->openDemo();
    QQmlApplicationEngine engine;
    app->setEngine(&engine);
    engine.setInitialProperties({{QStringLiteral("width"), 1280}, {QStringLiteral("height"), 800}});
    engine.load(QUrl(QStringLiteral("qrc:/CareEval/Main.qml")));
    if (engine.rootObjects().isEmpty())
        return 1;
    auto *window = qobject_cast<QQuickWindow *>(engine.rootObjects().constFirst());
    if (!waitForFrame(window)) {
        std::fprintf(stderr, "no frame was rendered\n");
        return 1;
    }
    std::printf("platform: %s\n", qPrintable(QGuiApplication::platformName()));
    std::printf("%-44s %7.1f ms\n", "start to first frame", msSince(processStart));

    // 2. A 500-item inspection with a day's answers on it.
    std::size_t operations = 0;
    QString error;
    const QString sheet = largesheet::create(*app, 500, &operations, &error);
    if (sheet.isEmpty()) {
        std::fprintf(stderr, "sheet: %s\n", qPrintable(error));
        return 1;
    }

    auto t = Clock::now();
    if (!app->openInspection(sheet)) {
        std::fprintf(stderr, "open: %s\n", qPrintable(app->errorString()));
        return 1;
    }
    const double openModel = msSince(t);
    QVariant ok;
    QMetaObject::invokeMethod(window, "openStep", Q_ARG(QVariant, 5));
    const double openCreated = msSince(t);
    waitForFrame(window);
    const double openShown = msSince(t);
    std::printf("%-44s %7.1f ms\n", "  of which: page created", openCreated);
    std::printf("%-44s %7.1f ms  (%zu operations merged; state + models %.1f ms)\n", "open 500-item inspection to first frame", openShown,
        operations, openModel);

    std::printf("%-44s", "frames drawn while idle after opening, 1..5 s:");
    for (int i = 0; i < 5; ++i)
        std::printf(" %d", idleFrames(window));
    std::printf("\n");

    // 2b. Scrolling the sheet: 400 px a frame from top to bottom, each frame's time.
    std::vector<double> scroll;
    if (auto *list = window->findChild<QQuickItem *>(QStringLiteral("itemList"))) {
        waitForFrame(window);
        const int cache = list->property("cacheBuffer").toInt();
        const double end = list->property("contentHeight").toDouble() - list->height();
        for (double y = 400; y < end && scroll.size() < 2000; y += 400) {
            const auto f = Clock::now();
            list->setProperty("contentY", y);
            waitForFrame(window);
            scroll.push_back(msSince(f));
        }
        char what[64];
        std::snprintf(what, sizeof what, "scroll the sheet, frame (cache %d px)", cache);
        percentiles(what, scroll);
    }

    // An idle window should draw nothing (on a tablet every frame costs battery).
    std::printf("%-44s", "frames drawn while idle after scrolling, 1..5 s:");
    for (int i = 0; i < 5; ++i)
        std::printf(" %d", idleFrames(window));
    std::printf("\n");

    // 3. Persisting one answer.
    std::vector<double> full, append;
    InspectionController *ctl = app->inspection();
    for (int i = 0; i < answers; ++i) {
        const QString item = QStringLiteral("bench_%1").arg((i * 37) % 500);
        t = Clock::now();
        if (!ctl->setAnswer(item, i % 6))
            ctl->setAnswer(item, (i + 1) % 6);
        full.push_back(msSince(t));
    }
    for (int i = 0; i < answers; ++i) {
        Operation op;
        op.id = Uuid::generate();
        op.inspection = sheet.toStdString();
        op.author = "li.hua";
        op.device = "bench";
        op.clock = 100000 + static_cast<std::uint64_t>(i);
        op.time = nowMillis();
        op.target = "bench_" + std::to_string(i % 500);
        op.value = std::to_string(i % 6);
        t = Clock::now();
        (void)app->store()->ops().append(std::span<const Operation>(&op, 1), SyncState::Pending);
        append.push_back(msSince(t));
    }
    percentiles("persist one answer (store append, fsync)", append);
    percentiles("one answer end to end (append+merge+models)", full);
    return 0;
}
