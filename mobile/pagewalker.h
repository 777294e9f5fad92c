#pragma once
// Walks every page of the app in a running window — sign-in, assignments, overview, the eight step
// pages, settings — and optionally saves a screenshot of each. `careeval-app --self-test` uses it to
// prove every page loads without a QML warning; `--screenshots DIR` to produce the review images.

#include <QObject>
#include <QStringList>

class QQuickWindow;
class App;

class PageWalker : public QObject
{
    Q_OBJECT
public:
    PageWalker(QQuickWindow *window, App *app, const QString &shotsDir, const QString &prefix, QObject *parent = nullptr);
    //! Pages in walking order; "step0".."step7" are the step pages of the open inspection.
    static QStringList pages();
    void start();
    QStringList problems() const { return m_problems; }

Q_SIGNALS:
    void finished(int failures);

private:
    void next();
    void capture(const QString &page);

    QQuickWindow *m_window;
    App *m_app;
    QString m_dir, m_prefix;
    QStringList m_pages;
    int m_index = -1;
    QStringList m_problems;
};
