#pragma once
// The signed-in user's work on this tablet: their assignments (from the server when it can be
// reached, otherwise as last stored), the templates those inspections are pinned to (fetched once,
// kept for offline use; the shipped ones are built in), and the local demo inspection.

#include "assignmentlistmodel.h"
#include "localstore.h"

#include <careeval/template.h>

#include <QObject>
#include <QtQml/qqmlregistration.h>

#include <map>
#include <memory>

class ServerApi;

struct InspectionSnapshot;

class Workspace : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Workspace is owned by App")
    Q_PROPERTY(AssignmentListModel *assignments READ assignments CONSTANT)
    Q_PROPERTY(bool busy READ busy NOTIFY busyChanged)
    Q_PROPERTY(QString errorString READ errorString NOTIFY errorChanged)

public:
    Workspace(LocalStore *store, ServerApi *api, QObject *parent = nullptr);

    void setUser(const std::string &username, bool online, const std::string &role = {});
    void setLanguage(const std::string &lang);
    //! Fetches the assignment list (and missing templates) from the server, then shows the stored list.
    Q_INVOKABLE void refresh();
    //! Recomputes the list from what is stored (progress, pending changes, conflicts).
    void reloadLocal();
    //! The open inspection changed: its row from the state its controller has already merged, so
    //! an answer does not re-read and re-merge every assignment.
    void updateOpen(const InspectionSnapshot &snapshot, int pending, int refused);
    //! Creates the local demo inspection on the shipped pilot template, with a team's morning of work.
    careeval::Result<Assignment> ensureDemo();
    std::optional<Assignment> assignment(const QString &id) const;
    //! The template an assignment is pinned to: stored copy, else a shipped one; nullptr + error.
    std::shared_ptr<const careeval::Template> templateFor(const Assignment &a, QString *error);
    void fillRow(AssignmentListModel::Row &row, const InspectionSnapshot &snapshot, bool hasOperations) const;

    AssignmentListModel *assignments() const { return m_model; }
    bool busy() const { return m_busy; }
    QString errorString() const { return m_error; }

    //! Text of a shipped template by pin, "" when none.
    static std::string bundledTemplate(const std::string &pin);
    static QString demoInspectionId() { return QStringLiteral("local-demo-pilot"); }

Q_SIGNALS:
    void busyChanged();
    void errorChanged();
    void refreshed();

private:
    void setBusy(bool b);
    void setError(const QString &e);
    void fetchTemplates(std::vector<Assignment> list, std::size_t next);

    LocalStore *m_store;
    ServerApi *m_api;
    AssignmentListModel *m_model;
    std::string m_user;
    std::string m_role;
    std::string m_lang = "zh";
    bool m_online = false;
    bool m_busy = false;
    QString m_error;
    std::map<std::string, std::shared_ptr<const careeval::Template>> m_templates;
};
