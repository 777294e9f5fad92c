#pragma once
// The review workflow of the open inspection: where it stands (typed, the core's WorkflowStatus), what
// my role may do now (from the core's rule book, rules.h), the lead's settling of conflicts and
// submission, and my changes the server refused. Approve and return are decided by the server
// (App.review); their result arrives here as operations like any other.

#include "indicatorlistmodel.h"

#include <QObject>
#include <QVariant>
#include <QtQml/qqmlregistration.h>

namespace careeval {
struct Abilities;
}
class InspectionController;

class ReviewController : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("The review controller is part of App.inspection")
    Q_PROPERTY(Workflow workflow READ workflow NOTIFY changed)
    Q_PROPERTY(QString workflowText READ workflowText NOTIFY changed)
    //! The latest review decision in words ("Returned by 陈静: …"), "" when none
    Q_PROPERTY(QString reviewNote READ reviewNote NOTIFY changed)
    //! Settle a conflict (the lead, a supervisor)
    Q_PROPERTY(bool canResolve READ canResolve NOTIFY changed)
    //! Submit for review (the lead, while a draft or returned)
    Q_PROPERTY(bool canSubmit READ canSubmit NOTIFY changed)
    //! Approve or return (a supervisor, while submitted)
    Q_PROPERTY(bool canReview READ canReview NOTIFY changed)
    //! My changes the server refused, each with its reason (kept, never dropped)
    Q_PROPERTY(ReasonListModel *refusedChanges READ refusedChanges CONSTANT)
    Q_PROPERTY(int refusedCount READ refusedCount NOTIFY changed)

public:
    //! The same values, in the same order, as the core's WorkflowStatus
    enum class Workflow { Draft, Submitted, Returned, Approved, Locked };
    Q_ENUM(Workflow)

    explicit ReviewController(InspectionController *inspection);

    //! The lead settles a conflict on an item: the chosen (or a new) value, with a reason.
    Q_INVOKABLE bool resolve(const QString &itemId, const QVariant &value, const QString &reason);
    //! The lead submits the evaluation for review.
    Q_INVOKABLE bool submit(const QString &comment);

    Workflow workflow() const;
    QString workflowText() const;
    QString reviewNote() const;
    bool canResolve() const;
    bool canSubmit() const;
    bool canReview() const;
    ReasonListModel *refusedChanges() const { return m_refusedChanges; }
    int refusedCount() const { return m_refusedCount; }

Q_SIGNALS:
    void changed();

private:
    void refresh();

    InspectionController *m_inspection;
    ReasonListModel *m_refusedChanges;
    int m_refusedCount = 0;
};
