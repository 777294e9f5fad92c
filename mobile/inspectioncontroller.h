#pragma once
// The open inspection, as every page sees it. It records each change as an operation in the local
// store the moment it is made (no save button: the answer is on disk before the screen shows it),
// then recomputes the state with the shared core's merge() and score() and updates its models.
// Verbs are few (setAnswer, clearAnswer, addNote, undo, findings, step status); everything else is
// read from models and notifying properties. Three focused controllers hang off it and store their
// changes through record(): the resident survey, the evidence (photos, signatures) and the review
// workflow. Errors cross to QML as errorString + infoMessage, and a change that could not be stored is
// never shown as saved.

#include "evidencecontroller.h"
#include "findinglistmodel.h"
#include "indicatorlistmodel.h"
#include "itemlistmodel.h"
#include "localstore.h"
#include "photostore.h"
#include "reviewcontroller.h"
#include "snapshot.h"
#include "steplistmodel.h"
#include "surveycontroller.h"

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
    //! What else keeps the conclusion open besides missing answers and conflicts: indicators that cannot
    //! be computed, the survey, figures that cannot all be true, a questionnaire counted twice
    Q_PROPERTY(ReasonListModel *openPoints READ openPoints CONSTANT)
    //! What the conclusion states without failing on it: a sample closed short, a date to check
    Q_PROPERTY(ReasonListModel *remarks READ remarks CONSTANT)
    //! The resident survey (step 5)
    Q_PROPERTY(SurveyController *survey READ survey CONSTANT)
    //! Photos and signatures
    Q_PROPERTY(EvidenceController *evidence READ evidence CONSTANT)
    //! The review workflow: status, what I may do in it, submit and settle, refused changes
    Q_PROPERTY(ReviewController *review READ review CONSTANT)
    //! The template's step titles (8), in the current language
    Q_PROPERTY(QStringList stepTitles READ stepTitles NOTIFY openChanged)
    //! Each step's status: todo, in_progress, complete or done (see StepListModel)
    Q_PROPERTY(QStringList stepStatuses READ stepStatuses NOTIFY changed)
    //! Per step: whether I may change its status now (nobody holds it, I hold it, or I am the lead)
    Q_PROPERTY(QVariantList stepStatusChangeable READ stepStatusChangeable NOTIFY changed)
    //! Section id → {title, score ("12 / 20 points", "" when it does not score)}
    Q_PROPERTY(QVariantMap sections READ sections NOTIFY changed)
    //! The team as this tablet knows it: {user, name, role, me, steps ("2, 3"), received (their changes
    //! here), lastChange ("11-25 14:02")} — the members of the assignment, then anyone else who wrote.
    Q_PROPERTY(QVariantList team READ team NOTIFY changed)
    Q_PROPERTY(bool locked READ locked NOTIFY changed)
    //! Supervisors review: they read, settle conflicts, approve or return; they do not answer items
    Q_PROPERTY(bool readOnly READ readOnly NOTIFY openChanged)
    // What I may do now, from the core's rule book (rules.h) for my role and the workflow state.
    //! Answer items, attach photos, survey, edit findings and step status
    Q_PROPERTY(bool canEdit READ canEdit NOTIFY changed)
    //! The longest text (characters) a note or answer may have
    Q_PROPERTY(int maxTextLength READ maxTextLength CONSTANT)
    Q_PROPERTY(double total READ total NOTIFY changed)
    Q_PROPERTY(double maxTotal READ maxTotal NOTIFY changed)
    Q_PROPERTY(QString totalText READ totalText NOTIFY changed)
    Q_PROPERTY(QString percentText READ percentText NOTIFY changed)
    Q_PROPERTY(QString gradeText READ gradeText NOTIFY changed)
    //! The grade band reaches the template's pass mark (a 不合格 band is never shown as a pass)
    Q_PROPERTY(bool gradePasses READ gradePasses NOTIFY changed)
    //! Pass, Fail or Incomplete (the core's ConclusionStatus)
    Q_PROPERTY(Conclusion conclusion READ conclusion NOTIFY changed)
    Q_PROPERTY(QString surveyText READ surveyText NOTIFY changed)
    //! Major-hazard findings not closed
    Q_PROPERTY(int openMajorHazards READ openMajorHazards NOTIFY changed)
    Q_PROPERTY(int answered READ answered NOTIFY changed)
    Q_PROPERTY(int answerable READ answerable NOTIFY changed)
    //! Changes made here and not yet acknowledged by the server
    Q_PROPERTY(int pendingCount READ pendingCount NOTIFY changed)
    Q_PROPERTY(bool canUndo READ canUndo NOTIFY undoChanged)
    Q_PROPERTY(QString undoText READ undoText NOTIFY undoChanged)
    Q_PROPERTY(QString errorString READ errorString NOTIFY errorChanged)

public:
    //! The same values, in the same order, as the core's ConclusionStatus
    enum class Conclusion { Pass, Fail, Incomplete };
    Q_ENUM(Conclusion)

    //! One change to take back: what it set and what was there before
    struct UndoEntry {
        careeval::OpKind kind; //!< Set (item), FindingEdit or PhotoAttach
        std::string target; //!< item id, finding id or the attach operation's id
        std::string field; //!< finding field
        std::optional<std::string> previous; //!< my value before (canonical JSON), nullopt: none
        QString label;
    };

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
    //! Row of the current page's item matching a number ("6.2.1", "2.1") or text; -1 when none.
    Q_INVOKABLE int findItem(const QString &query) const;
    //! Step (0..7) holding an item, -1 when unknown.
    Q_INVOKABLE int stepOfItem(const QString &itemId) const;
    //! The item anywhere in the inspection that best matches a number or words, preferring the
    //! current page on a tie: {step, item, number, label}; an empty map when nothing matches.
    Q_INVOKABLE QVariantMap locate(const QString &query) const;
    //! Puts a non-compliant item on the findings list in one tap (title: its label, description: its
    //! note); returns the finding's id, or "" with the reason in errorString.
    Q_INVOKABLE QString listAsFinding(const QString &itemId);
    Q_INVOKABLE void clearError();

    void setPhotoStore(PhotoStore *photos) { m_evidence->setPhotoStore(photos); }

    bool isOpen() const { return m_snap.valid(); }
    QString inspectionId() const { return QString::fromStdString(m_assignment.id); }
    QString institution() const { return QString::fromStdString(m_assignment.institutionName); }
    QString templateTitle() const;
    QString plannedDate() const { return QString::fromStdString(m_assignment.plannedDate); }
    QString myRole() const { return QString::fromStdString(m_assignment.myRole); }
    bool isDemo() const { return isOpen() && m_assignment.demo; }
    int currentStep() const { return m_currentStep; }
    void setCurrentStep(int step);
    StepListModel *steps() const { return m_steps; }
    ItemListModel *items() const { return m_items; }
    FindingListModel *findings() const { return m_findings; }
    IndicatorListModel *indicators() const { return m_indicators; }
    ReasonListModel *missing() const { return m_missing; }
    ReasonListModel *conflicts() const { return m_conflicts; }
    ReasonListModel *failures() const { return m_failures; }
    ReasonListModel *openPoints() const { return m_openPoints; }
    ReasonListModel *remarks() const { return m_remarks; }
    SurveyController *survey() const { return m_survey; }
    EvidenceController *evidence() const { return m_evidence; }
    ReviewController *review() const { return m_review; }
    QStringList stepTitles() const;
    QStringList stepStatuses() const;
    QVariantList stepStatusChangeable() const;
    QVariantMap sections() const;
    QVariantList team() const;
    bool canEdit() const { return abilities().edit; }
    int maxTextLength() const { return static_cast<int>(careeval::limits::kMaxTextChars); }
    //! My role in this inspection, as the rule book knows it.
    std::optional<careeval::Role> role() const;
    bool locked() const { return m_snap.valid() && m_snap.state.locked(); }
    bool readOnly() const { return m_assignment.myRole == "supervisor" || m_assignment.myRole == "admin"; }
    double total() const { return m_snap.report.total; }
    double maxTotal() const { return m_snap.report.max; }
    QString totalText() const;
    QString percentText() const;
    QString gradeText() const;
    bool gradePasses() const;
    Conclusion conclusion() const { return static_cast<Conclusion>(m_snap.report.conclusion); }
    QString surveyText() const;
    int openMajorHazards() const { return static_cast<int>(m_snap.report.openMajorFindings); }
    int answered() const;
    int answerable() const;
    int pendingCount() const { return m_pending; }
    bool canUndo() const;
    QString undoText() const;
    QString errorString() const { return m_error; }

    const InspectionSnapshot &snapshot() const { return m_snap; }
    const Assignment &assignment() const { return m_assignment; }
    LocalStore *store() const { return m_store; }
    //! What my role may do now, from the core's rule book.
    careeval::Abilities abilities() const;

    // For the focused controllers: the one way a change is stored on this tablet.
    //! Builds the operation (clock = the state's max + 1), passes it through the core's gate (admit),
    //! stores it, then recomputes; false with errorString set when it was refused or not stored.
    bool record(careeval::OpKind kind, const std::string &target, const std::string &value, std::optional<UndoEntry> undo = {});
    //! Adds an entry to the current page's undo list.
    void addUndo(UndoEntry entry);
    //! The id of the last operation stored here.
    careeval::Uuid lastOperation() const;
    //! A value typed in QML as the item's canonical JSON, or nullopt with why it is not acceptable.
    std::optional<std::string> toCanonical(const careeval::Item &item, const QVariant &value, QString *why) const;
    void setError(const QString &message);

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
    //! True (with the reason in errorString) when a signature recorded this item's value.
    bool signedOver(const careeval::Item &item);
    bool answerWith(const careeval::Item &item, const std::string &canonical, const QString &undoLabel);
    void recompute();
    careeval::Result<void> loadOps();
    int stepIndexForUndo() const;

    LocalStore *m_store = nullptr;
    Assignment m_assignment;
    std::string m_device;
    std::vector<careeval::Operation> m_ops; //!< everything but what the server refused
    InspectionSnapshot m_snap;
    int m_currentStep = -1;
    int m_pending = 0;
    std::map<int, std::vector<UndoEntry>> m_undo;
    QString m_error;
    StepListModel *m_steps;
    ItemListModel *m_items;
    FindingListModel *m_findings;
    IndicatorListModel *m_indicators;
    ReasonListModel *m_missing;
    ReasonListModel *m_conflicts;
    ReasonListModel *m_failures;
    ReasonListModel *m_openPoints;
    ReasonListModel *m_remarks;
    SurveyController *m_survey;
    EvidenceController *m_evidence;
    ReviewController *m_review;
};
