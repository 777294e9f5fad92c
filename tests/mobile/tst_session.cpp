// Sign-in and assignments against the real careeval-server: online sign-in with the demo accounts,
// the assignment list with institution names and templates stored for offline use, then — with the
// server killed — offline sign-in from the stored verifier (never the password), and clear words for
// a wrong password or an account this tablet has never seen.

#include "../syncserver/serverfixture.h"

#include "appsettings.h"
#include "localstore.h"
#include "serverapi.h"
#include "session.h"
#include "workspace.h"

#include <QFile>
#include <QSignalSpy>

class TestSession : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void onlineThenOffline()
    {
        ServerFixture server;
        QVERIFY2(server.start(), server.log.constData());
        QTemporaryDir dir;
        AppSettings settings(dir.filePath("settings.ini"));
        settings.setServerUrl(QStringLiteral("http://127.0.0.1:%1").arg(server.port));
        auto store = LocalStore::open(dir.filePath("tablet.db").toStdString());
        QVERIFY(store.ok());
        ServerApi api;
        Session session(&settings, store->get(), &api);
        Workspace workspace(store->get(), &api);

        // A wrong password online is refused in words.
        session.signIn("li.hua", "not-the-password");
        QTRY_VERIFY(!session.busy());
        QVERIFY(!session.signedIn());
        QVERIFY2(session.errorString().contains("wrong"), qPrintable(session.errorString()));

        session.signIn("li.hua", "demo-2025");
        QTRY_VERIFY_WITH_TIMEOUT(session.signedIn(), 20000);
        QVERIFY(!session.offline());
        QCOMPARE(session.role(), QStringLiteral("lead"));
        QVERIFY(!api.token().isEmpty());

        QSignalSpy refreshed(&workspace, &Workspace::refreshed);
        workspace.setUser("li.hua", true);
        workspace.refresh();
        QTRY_COMPARE_WITH_TIMEOUT(refreshed.count(), 1, 20000);
        QCOMPARE(workspace.errorString(), QString());
        const AssignmentListModel *model = workspace.assignments();
        QVERIFY(model->rowCount() >= 1);
        const auto *row = model->row("demo-pilot-changchun-01");
        QVERIFY(row);
        QVERIFY(row->assignment.institutionName != row->assignment.institution);
        QCOMPARE(row->assignment.myRole, std::string("lead"));
        // Team members come with the names people know them by, not only their logins.
        QCOMPARE(QString::fromStdString(row->assignment.names.at("li.hua")), QStringLiteral("李华"));
        QCOMPARE(QString::fromStdString(row->assignment.names.at("wang.fang")), QStringLiteral("王芳"));
        QString teamText;
        for (int i = 0; i < model->rowCount(); ++i)
            if (model->data(model->index(i), AssignmentListModel::InspectionIdRole).toString() == QLatin1String("demo-pilot-changchun-01"))
                teamText = model->data(model->index(i), AssignmentListModel::TeamRole).toString();
        QVERIFY2(teamText.contains(QStringLiteral("王芳")), qPrintable(teamText));
        // The template is on the tablet now, for offline use.
        auto stored = store.value()->templateText(row->assignment.pin());
        QVERIFY(stored.ok() && stored.value().has_value());
        QVERIFY(workspace.templateFor(row->assignment, nullptr) != nullptr);

        // Sign out, lose the server; sign in again offline.
        session.signOut();
        QVERIFY(!session.signedIn());
        server.kill9();
        session.signIn("li.hua", "demo-2025");
        QTRY_VERIFY_WITH_TIMEOUT(session.signedIn(), 20000);
        QVERIFY(session.offline());
        QCOMPARE(session.displayName(), QString::fromStdString(store.value()->credential("li.hua").value()->displayName));
        session.signOut();

        session.signIn("li.hua", "wrong-password");
        QTRY_VERIFY_WITH_TIMEOUT(!session.busy(), 20000);
        QVERIFY(!session.signedIn());
        QVERIFY2(session.errorString().contains("wrong"), qPrintable(session.errorString()));

        session.signIn("wang.fang", "demo-2025");
        QTRY_VERIFY_WITH_TIMEOUT(!session.busy(), 20000);
        QVERIFY(!session.signedIn());
        QVERIFY2(session.errorString().contains("not signed in on this tablet before"), qPrintable(session.errorString()));
        QVERIFY2(session.errorString().contains("not answering"), qPrintable(session.errorString()));

        // The assignments are still there offline.
        workspace.setUser("li.hua", false);
        QVERIFY(workspace.assignments()->row("demo-pilot-changchun-01"));
        QCOMPARE(QString::fromStdString(workspace.assignments()->row("demo-pilot-changchun-01")->assignment.names.at("wang.fang")),
            QStringLiteral("王芳"));

        // The password itself is nowhere in the tablet's files.
        store.value().reset();
        for (const QString &name : QDir(dir.path()).entryList(QDir::Files)) {
            QFile f(dir.filePath(name));
            QVERIFY(f.open(QIODevice::ReadOnly));
            QVERIFY2(!f.readAll().contains("demo-2025"), qPrintable(name));
        }
    }

    void sessionSurvivesRestart()
    {
        QTemporaryDir dir;
        auto store = LocalStore::open(dir.filePath("tablet.db").toStdString());
        QVERIFY(store.ok());
        {
            AppSettings settings(dir.filePath("settings.ini"));
            ServerApi api;
            Session session(&settings, store->get(), &api);
            session.openDemo();
            QVERIFY(session.signedIn());
        }
        AppSettings settings(dir.filePath("settings.ini"));
        ServerApi api;
        Session session(&settings, store->get(), &api);
        QVERIFY(session.restore());
        QCOMPARE(session.username(), QStringLiteral("li.hua"));
        QVERIFY(session.demo());
    }
};

QTEST_GUILESS_MAIN(TestSession)
#include "tst_session.moc"
