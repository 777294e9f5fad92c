#pragma once
// Words for what the core reports in codes: values, reasons, statuses, figures. Everything a person
// reads passes through here (translated with tr), so no raw code or JSON reaches the screen.

#include "snapshot.h"

#include <QCoreApplication>
#include <QString>

class Texts
{
    Q_DECLARE_TR_FUNCTIONS(Texts)
public:
    //! A value as a person reads it: "Compliant", an option's label, "3 people", "2026-11-25".
    static QString value(const InspectionSnapshot &s, const careeval::Item &item, const std::string &canonical);
    //! One reason the conclusion waits or fails, as a sentence naming the item.
    static QString reason(const InspectionSnapshot &s, const careeval::Reason &r);
    //! Formats an indicator or survey figure in the indicator's format.
    static QString figure(careeval::ExprValue v, careeval::ValueFormat format);
    static QString target(const careeval::Target &t, careeval::ValueFormat format);
    static QString workflow(careeval::WorkflowStatus s);
    static QString workflow(const std::string &status);
    static QString role(const std::string &role);
    //! A step's progress in words: todo, in_progress, complete (all answered) or done
    static QString stepStatus(const QString &status);
    //! Why the rule book refused a change, as a sentence for the person who made it.
    static QString refusal(const careeval::Refusal &r);
    static QString number(double v);
    //! "3.2.1": step, section and item position, what people call items on a paper sheet.
    static QString itemNumber(const careeval::Item &item, int indexInSection);
};
