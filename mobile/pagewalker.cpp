#include "pagewalker.h"

#include "app.h"

#include <QDir>
#include <QElapsedTimer>
#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#include <QQuickItem>
#include <QQuickWindow>
#include <QTimer>

PageWalker::PageWalker(QQuickWindow *window, App *app, const QString &shotsDir, const QString &prefix, QObject *parent)
    : QObject(parent)
    , m_window(window)
    , m_app(app)
    , m_dir(shotsDir)
    , m_prefix(prefix)
    , m_pages(pages())
{
}

QStringList PageWalker::pages()
{
    return {QStringLiteral("signin"), QStringLiteral("assignments"), QStringLiteral("overview"), QStringLiteral("step0"),
        QStringLiteral("step1"), QStringLiteral("step2"), QStringLiteral("step3"), QStringLiteral("step4"), QStringLiteral("step5"),
        QStringLiteral("step6"), QStringLiteral("step7"), QStringLiteral("photo"), QStringLiteral("signature"), QStringLiteral("resident"),
        QStringLiteral("photoadd"), QStringLiteral("datepicker"), QStringLiteral("settings"), QStringLiteral("signout"),
        QStringLiteral("reasons"), QStringLiteral("readonly")};
}

void PageWalker::start()
{
    if (!m_dir.isEmpty())
        QDir().mkpath(m_dir);
    QTimer::singleShot(0, this, &PageWalker::next);
}

void PageWalker::next()
{
    ++m_index;
    if (m_index >= m_pages.size()) {
        Q_EMIT finished(static_cast<int>(m_problems.size()));
        return;
    }
    const QString page = m_pages[m_index];
    // The supervisor's read-only review of the same demo, last (it reopens the demo in that role).
    if (page == QLatin1String("readonly") && !m_app->openDemo(QStringLiteral("supervisor")))
        m_problems << QStringLiteral("demo as supervisor: %1").arg(m_app->errorString());
    if (page == QLatin1String("assignments") && !m_app->openDemo())
        m_problems << QStringLiteral("demo inspection: %1").arg(m_app->errorString());
    if (page == QLatin1String("photo")) {
        // An evidence photo imported from a file (there is no camera), then shown full screen.
        QImage img(1600, 1200, QImage::Format_RGB32);
        img.fill(QColor(96, 125, 139));
        {
            QPainter p(&img);
            p.fillRect(QRect(0, 800, 1600, 400), QColor(121, 85, 72));
            p.setPen(QPen(QColor(255, 193, 7), 40));
            p.drawLine(100, 500, 1500, 500);
            p.setPen(Qt::white);
            QFont f = p.font();
            f.setPixelSize(90);
            p.setFont(f);
            p.drawText(QRect(0, 100, 1600, 300), Qt::AlignCenter, QStringLiteral("走廊扶手 · handrail"));
        }
        const QString file = QDir(QDir::tempPath()).filePath(QStringLiteral("careeval-walk-photo.jpg"));
        img.save(file, "JPEG", 85);
        if (!m_app->inspection()->evidence()->attachPhoto(QStringLiteral("site_photos"), file, QStringLiteral("走廊扶手完好")))
            m_problems << QStringLiteral("photo import: %1").arg(m_app->inspection()->errorString());
    }
    QVariant ok;
    if (!QMetaObject::invokeMethod(m_window, "showPage", Q_RETURN_ARG(QVariant, ok), Q_ARG(QVariant, page)) || !ok.toBool())
        m_problems << QStringLiteral("page %1 could not be shown").arg(page);
    // Let the transition finish and a few frames render before looking.
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < 5000) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
        if (!m_window->property("pageBusy").toBool() && t.elapsed() > 300)
            break;
    }
    capture(page);
    QTimer::singleShot(0, this, &PageWalker::next);
}

void PageWalker::capture(const QString &page)
{
    const QImage image = m_window->grabWindow();
    if (image.isNull()) {
        m_problems << QStringLiteral("page %1 did not render").arg(page);
        return;
    }
    if (!m_dir.isEmpty()) {
        const QString file = QDir(m_dir).filePath(m_prefix + page + QStringLiteral(".png"));
        if (!image.save(file))
            m_problems << QStringLiteral("could not write %1").arg(file);
    }
}
