#pragma once
// The resident satisfaction survey of the open inspection (step 5): the seeded sample, the respondents
// with their replacements, and their answers. Its state is read from notifying properties; every change
// is stored through InspectionController::record, the one way an operation is made on this tablet.

#include <QObject>
#include <QVariant>
#include <QtQml/qqmlregistration.h>

class InspectionController;

class SurveyController : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("The survey is part of App.inspection")
    //! {drawn, seed, population, k, source, author, time, rule, rosterHere, closed, closedBy, closeReason}
    Q_PROPERTY(QVariantMap sample READ sample NOTIFY changed)
    //! The sampled residents in draw order, replacements appended for each refusal or inability:
    //! {code, who, status (todo|done|proxy|refused|unable), replaces, responseId}
    Q_PROPERTY(QVariantList respondents READ respondents NOTIFY changed)
    //! The survey questions: {id, label, options: [{value, label, mood}], allowUnknown}
    Q_PROPERTY(QVariantList questions READ questions NOTIFY changed)

public:
    explicit SurveyController(InspectionController *inspection);

    //! Residents the template asks for from a population (0 when the template has no survey).
    Q_INVOKABLE int sampleSizeFor(int population) const;
    //! Draws the sample with a fresh seed: from a bed count, or from a roster (one name or room/bed a
    //! line; the roster stays on this tablet). Recorded as an operation with seed, population and k.
    Q_INVOKABLE bool drawSample(int beds, const QString &roster);
    //! todo, done, proxy (answered by a proxy, 代答: reported apart), refused or unable (both bring a replacement)
    Q_INVOKABLE bool setRespondentStatus(const QString &code, const QString &status);
    //! The lead closes a sample that cannot be completed, with the reason (the conclusion then says so).
    Q_INVOKABLE bool closeSample(const QString &reason);
    //! A respondent's answers so far (question → value), empty when none.
    Q_INVOKABLE QVariantMap responseOf(const QString &code) const;
    //! Records the answers of one respondent (first time: a new response; later: replaces it) and
    //! marks them done.
    Q_INVOKABLE bool saveResponse(const QString &code, const QVariantMap &answers);

    QVariantMap sample() const;
    QVariantList respondents() const;
    QVariantList questions() const;

Q_SIGNALS:
    void changed();

private:
    InspectionController *m_inspection;
};
