#pragma once
// The open inspection, as every page sees it. It records each change as an operation in the local
// store the moment it is made (no save button: the answer is on disk before the screen shows it),
// then recomputes the state with the shared core's merge() and score() and updates its models.
// Verbs are few (setAnswer, clearAnswer, addNote, undo, findings, step status); everything else is
// read from models and typed properties. Errors cross to QML as errorString + infoMessage, and a
// change that could not be stored is never shown as saved.

#include "findinglistmodel.h"
#include "indicatorlistmodel.h"
#include "itemlistmodel.h"
#include "localstore.h"
#include "photostore.h"
#include "snapshot.h"
#include "steplistmodel.h"

#include <QObject>
#include <QVariant>
#include <QtQml/qqmlregistration.h>

#include <map>
#include <memory>
#include <optional>
#include <vector>

class InspectionController : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("The inspection controller is owned by App")
    Q_PROPERTY(bool isOpen READ isOpen NOTIFY openChanged)
    Q_PROPERTY(QString inspectionId READ inspectionId NOTIFY openChanged)
    Q_PROPERTY(QString institution READ institution NOTIFY openChanged)
    Q_PROPERTY(QString templateTitle READ templateTitle NOTIFY openChanged)
    Q_PROPERTY(QString plannedDate READ plannedDate NOTIFY openChanged)
    Q_PROPERTY(QString myRole READ myRole NOTIFY openChanged)
    //! The local demo inspection: never synced, kept on this tablet only
    Q_PROPERTY(bool isDemo READ isDemo NOTIFY openChanged)
    //! Increases with every recomputation; bindings that call functions depend on it
    Q_PROPERTY(int revision READ revision NOTIFY changed)
    Q_PROPERTY(int currentStep READ currentStep WRITE setCurrentStep NOTIFY currentStepChanged)
    Q_PROPERTY(StepListModel *steps READ steps CONSTANT)
    Q_PROPERTY(ItemListModel *items READ items CONSTANT)
    Q_PROPERTY(FindingListModel *findings READ findings CONSTANT)
    Q_PROPERTY(IndicatorListModel *indicators READ indicators CONSTANT)
    //! Required answers and evidence still missing, as sentences
    Q_PROPERTY(ReasonListModel *missing READ missing CONSTANT)
    //! Slots where team members disagree, as sentences
    Q_PROPERTY(ReasonListModel *conflicts READ conflicts CONSTANT)
    //! Why the conclusion fails (indicators, pass mark, open major hazards)
    Q_PROPERTY(ReasonListModel *failures READ failures CONSTANT)
    //! My changes the server refused, each with its reason (kept, never dropped)
    Q_PROPERTY(ReasonListModel *refusedChanges READ refusedChanges CONSTANT)
    //! The review workflow's state, typed (the same enum as the core's WorkflowStatus)
    Q_PROPERTY(Workflow workflow READ workflow NOTIFY changed)
    Q_PROPERTY(QString workflowStatus READ workflowStatus NOTIFY changed)
    Q_PROPERTY(QString workflowText READ workflowText NOTIFY changed)
    Q_PROPERTY(bool locked READ locked NOTIFY changed)
    //! The latest review decision in words ("Returned by 陈静: …"), "" when none
    Q_PROPERTY(QString reviewNote READ reviewNote NOTIFY changed)
    //! Supervisors review: they read, settle conflicts, approve or return; they do not answer items
    Q_PROPERTY(bool readOnly READ readOnly NOTIFY openChanged)
    // What I may do now, from the core's rule book (rules.h) for my role and the workflow state.
    //! Answer items, attach photos, survey, edit findings and step status
    Q_PROPERTY(bool canEdit READ canEdit NOTIFY changed)
    //! Settle a conflict (the lead, a supervisor)
    Q_PROPERTY(bool canResolve READ canResolve NOTIFY changed)
    //! Submit for review (the lead, while a draft or returned)
    Q_PROPERTY(bool canSubmit READ canSubmit NOTIFY changed)
    //! Approve or return (a supervisor, while submitted)
    Q_PROPERTY(bool canReview READ canReview NOTIFY changed)
    //! The longest text (characters) a note or answer may have
    Q_PROPERTY(int maxTextLength READ maxTextLength CONSTANT)
    Q_PROPERTY(double total READ total NOTIFY changed)
    Q_PROPERTY(double maxTotal READ maxTotal NOTIFY changed)
    Q_PROPERTY(QString totalText READ totalText NOTIFY changed)
    Q_PROPERTY(QString percentText READ percentText NOTIFY changed)
    Q_PROPERTY(QString gradeText READ gradeText NOTIFY changed)
    //! pass, fail or incomplete
    Q_PROPERTY(QString conclusion READ conclusion NOTIFY changed)
    Q_PROPERTY(QString surveyText READ surveyText NOTIFY changed)
    Q_PROPERTY(int answered READ answered NOTIFY changed)
    Q_PROPERTY(int answerable READ answerable NOTIFY changed)
    //! Changes made here and not yet acknowledged by the server
    Q_PROPERTY(int pendingCount READ pendingCount NOTIFY changed)
    //! Changes the server refused (kept and listed, never dropped)
    Q_PROPERTY(int refusedCount READ refusedCount NOTIFY changed)
    Q_PROPERTY(bool canUndo READ canUndo NOTIFY undoChanged)
    Q_PROPERTY(QString undoText READ undoText NOTIFY undoChanged)
    Q_PROPERTY(QString errorString READ errorString NOTIFY errorChanged)

public:
    enum class Workflow { Draft, Submitted, Returned, Approved, Locked };
    Q_ENUM(Workflow)

    explicit InspectionController(QObject *parent = nullptr);
    ~InspectionController() override;

    //! Opens an inspection: reads its operations from the store and computes its state.
    careeval::Result<void> open(LocalStore *store, const Assignment &assignment, std::shared_ptr<const careeval::Template> tpl,
        const std::string &me, const std::string &device);
    void close();
    //! Re-reads the operations (after a sync brought others' work).
    careeval::Result<void> reload();
    void setLanguage(const std::string &lang);

    //! Answers an item with a value of its type (text, number, list of option values, signature map).
    Q_INVOKABLE bool setAnswer(const QString &itemId, const QVariant &value);
    //! Marks an item not applicable with the reason it does not apply (required where the template says
    //! so: the item then leaves every rate, count and finding).
    Q_INVOKABLE bool setNotApplicable(const QString &itemId, const QString &reason);
    //! Removes my answer to an item.
    Q_INVOKABLE bool clearAnswer(const QString &itemId);
    //! Adds a note to an item, a step key or a finding; empty or unchanged text is ignored.
    Q_INVOKABLE bool addNote(const QString &target, const QString &text);
    //! Takes back the last answer or finding edit made on the current page.
    Q_INVOKABLE bool undo();
    //! Claims a step (in_progress, owner: me) or marks it done / to do.
    Q_INVOKABLE bool setStepStatus(int step, const QString &status);
    //! A finding added by hand (not from a hazard item); returns its id or "".
    Q_INVOKABLE QString addFinding(const QString &title, const QString &suggestion, const QString &responsible, const QString &deadline);
    Q_INVOKABLE bool editFinding(const QString &findingId, const QString &field, const QString &value);
    Q_INVOKABLE bool closeFinding(const QString &findingId, const QString &reason);
    //! The lead settles a conflict on an item: the chosen (or a new) value, with a reason.
    Q_INVOKABLE bool resolve(const QString &itemId, const QVariant &value, const QString &reason);
    //! The lead submits the evaluation for review.
    Q_INVOKABLE bool submit(const QString &comment);
    //! "12 / 20" points of a section (scoring pages), "" when it does not score.
    Q_INVOKABLE QString sectionScoreText(const QString &sectionId) const;
    //! The template's title of a step (0..7), in the current language.
    Q_INVOKABLE QString stepTitle(int step) const;
    //! todo, in_progress, complete or done (see StepListModel).
    Q_INVOKABLE QString stepStatus(int step) const;
    Q_INVOKABLE QString sectionTitle(const QString &sectionId) const;
    //! Row of the current page's item matching a number ("6.2.1", "2.1") or text; -1 when none.
    Q_INVOKABLE int findItem(const QString &query) const;
    //! Step (0..7) holding an item, -1 when unknown.
    Q_INVOKABLE int stepOfItem(const QString &itemId) const;
    Q_INVOKABLE void clearError();

    //! Imports an image file (path or file: URL), stores it once by content and attaches it to an item,
    //! a step key or "finding:<id>" with a caption. Undo detaches it.
    Q_INVOKABLE bool attachPhoto(const QString &target, const QString &file, const QString &caption);
    //! Removes a photo (an operation naming the attach; the file stays while anything refers to it).
    Q_INVOKABLE bool detachPhoto(const QString &attachOp);
    //! Photos on a target, oldest first: {op, sha256, thumb, caption, author, mine, takenAt}.
    Q_INVOKABLE QVariantList photos(const QString &target) const;
    //! Signs a signature item: strokes are lists of {x, y} points in a width×height pad.
    Q_INVOKABLE bool sign(const QString &itemId, const QVariantList &strokes, double width, double height, const QString &signer);
    //! The team's signature on an item: {sha256, strokes, signer, role, signedAt}; empty when none.
    Q_INVOKABLE QVariantMap signature(const QString &itemId) const;
    void setPhotoStore(PhotoStore *photos) { m_photos = photos; }
    //! The team as this tablet knows it: {user, role, steps ("2, 3"), received (their changes here),
    //! lastChange ("11-25 14:02")} — the members of the assignment, then anyone else who wrote.
    Q_INVOKABLE QVariantList team() const;

    // The resident survey (step 5).
    //! Residents the template asks for from a population (0 when the template has no survey).
    Q_INVOKABLE int sampleSizeFor(int population) const;
    //! Draws the sample with a fresh seed: from a bed count, or from a roster (one name or room/bed a
    //! line; the roster stays on this tablet). Recorded as an operation with seed, population and k.
    Q_INVOKABLE bool drawSample(int beds, const QString &roster);
    //! {drawn, seed, population, k, source, author, time, rule}
    Q_INVOKABLE QVariantMap sample() const;
    //! The sampled residents in draw order, replacements appended for each refusal or inability:
    //! {code, who, status (todo|done|refused|unable), replaces, responseId}
    Q_INVOKABLE QVariantList respondents() const;
    //! todo, done, proxy (answered by a proxy, 代答: reported apart), refused or unable (both bring a replacement)
    Q_INVOKABLE bool setRespondentStatus(const QString &code, const QString &status);
    //! The lead closes a sample that cannot be completed, with the reason (the conclusion then says so).
    Q_INVOKABLE bool closeSample(const QString &reason);
    //! The survey questions: {id, number, label, options: [{value, label, symbol}], allowUnknown}
    Q_INVOKABLE QVariantList surveyQuestions() const;
    //! A respondent's answers so far (question → value), empty when none.
    Q_INVOKABLE QVariantMap responseOf(const QString &code) const;
    //! Records the answers of one respondent (first time: a new response; later: replaces it) and
    //! marks them done.
    Q_INVOKABLE bool saveResponse(const QString &code, const QVariantMap &answers);

    bool isOpen() const { return m_snap.valid(); }
    QString inspectionId() const { return QString::fromStdString(m_assignment.id); }
    QString institution() const { return QString::fromStdString(m_assignment.institutionName); }
    QString templateTitle() const;
    QString plannedDate() const { return QString::fromStdString(m_assignment.plannedDate); }
    QString myRole() const { return QString::fromStdString(m_assignment.myRole); }
    bool isDemo() const { return isOpen() && m_assignment.demo; }
    int revision() const { return m_revision; }
    int currentStep() const { return m_currentStep; }
    void setCurrentStep(int step);
    StepListModel *steps() const { return m_steps; }
    ItemListModel *items() const { return m_items; }
    FindingListModel *findings() const { return m_findings; }
    IndicatorListModel *indicators() const { return m_indicators; }
    ReasonListModel *missing() const { return m_missing; }
    ReasonListModel *conflicts() const { return m_conflicts; }
    ReasonListModel *failures() const { return m_failures; }
    ReasonListModel *refusedChanges() const { return m_refusedChanges; }
    Workflow workflow() const { return static_cast<Workflow>(m_snap.state.status); }
    QString workflowStatus() const;
    bool canEdit() const { return abilities().edit; }
    bool canResolve() const { return abilities().resolve; }
    bool canSubmit() const { return abilities().submit; }
    bool canReview() const { return abilities().review; }
    int maxTextLength() const { return static_cast<int>(careeval::limits::kMaxTextChars); }
    //! My role in this inspection, as the rule book knows it.
    std::optional<careeval::Role> role() const;
    QString workflowText() const;
    bool locked() const { return m_snap.valid() && m_snap.state.locked(); }
    QString reviewNote() const;
    bool readOnly() const { return m_assignment.myRole == "supervisor" || m_assignment.myRole == "admin"; }
    double total() const { return m_snap.report.total; }
    double maxTotal() const { return m_snap.report.max; }
    QString totalText() const;
    QString percentText() const;
    QString gradeText() const;
    QString conclusion() const;
    QString surveyText() const;
    int answered() const;
    int answerable() const;
    int pendingCount() const { return m_pending; }
    int refusedCount() const { return m_refused; }
    bool canUndo() const;
    QString undoText() const;
    QString errorString() const { return m_error; }

    const InspectionSnapshot &snapshot() const { return m_snap; }
    const Assignment &assignment() const { return m_assignment; }

Q_SIGNALS:
    void openChanged();
    void changed();
    void currentStepChanged();
    void undoChanged();
    void errorChanged();
    //! A short message for a toast ("Saved", "Undone: …")
    void infoMessage(const QString &message);
    //! Emitted after operations were stored locally (the sync client listens)
    void operationsRecorded();

private:
    struct UndoEntry {
        careeval::OpKind kind; //!< Set (item), FindingEdit or PhotoAttach
        std::string target; //!< item id, finding id or the attach operation's id
        std::string field; //!< finding field
        std::optional<std::string> previous; //!< my value before (canonical JSON), nullopt: none
        QString label;
    };
    bool answerWith(const careeval::Item &item, const std::string &canonical, const QString &undoLabel);
    bool record(careeval::OpKind kind, const std::string &target, const std::string &value, std::optional<UndoEntry> undo = {});
    void recompute();
    void setError(const QString &message);
    careeval::Result<void> loadOps();
    careeval::Abilities abilities() const;
    std::optional<std::string> toCanonical(const careeval::Item &item, const QVariant &value, QString *why) const;
    int stepIndexForUndo() const;

    LocalStore *m_store = nullptr;
    PhotoStore *m_photos = nullptr;
    Assignment m_assignment;
    std::string m_device;
    std::vector<careeval::Operation> m_ops; //!< everything but what the server refused
    InspectionSnapshot m_snap;
    int m_revision = 0;
    int m_currentStep = -1;
    int m_pending = 0;
    int m_refused = 0;
    std::map<int, std::vector<UndoEntry>> m_undo;
    QString m_error;
    StepListModel *m_steps;
    ItemListModel *m_items;
    FindingListModel *m_findings;
    IndicatorListModel *m_indicators;
    ReasonListModel *m_missing;
    ReasonListModel *m_conflicts;
    ReasonListModel *m_failures;
    ReasonListModel *m_refusedChanges;
};
