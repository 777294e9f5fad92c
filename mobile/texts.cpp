#include "texts.h"

#include <careeval/jsonutil.h>

#include <QRegularExpression>

#include <cmath>

using namespace careeval;

QString Texts::number(double v)
{
    if (std::fabs(v - std::round(v)) < 1e-9)
        return QString::number(static_cast<long long>(std::llround(v)));
    return QString::number(v, 'f', 2).remove(QRegularExpression(QStringLiteral("0+$")));
}

QString Texts::value(const InspectionSnapshot &s, const Item &item, const std::string &canonical)
{
    if (canonical.empty())
        return QString();
    std::string naReason;
    if (isNotApplicable(canonical, &naReason))
        return naReason.empty() ? tr("Not applicable") : tr("Not applicable: %1").arg(QString::fromStdString(naReason));
    const json v = json::parse(canonical, nullptr, false);
    if (v.is_discarded())
        return QString();
    if (v.is_string()) {
        const std::string &t = v.get_ref<const std::string &>();
        if (t == kNotApplicable)
            return tr("Not applicable");
        if (item.type == ItemType::Check)
            return t == kCompliant ? tr("Compliant") : t == kNonCompliant ? tr("Non-compliant") : QString::fromStdString(t);
        if (const Option *o = item.option(t))
            return s.plainText(o->label);
        return QString::fromStdString(t);
    }
    if (v.is_number()) {
        QString n = number(v.get<double>());
        if (item.type == ItemType::Score && item.max)
            return tr("%1 of %2 points").arg(n, number(*item.max));
        const QString unit = s.text(item.unit);
        return unit.isEmpty() ? n : n + QLatin1Char(' ') + unit;
    }
    if (v.is_array()) {
        QStringList parts;
        for (const auto &e : v)
            if (e.is_string()) {
                const Option *o = item.option(e.get_ref<const std::string &>());
                parts << (o ? s.plainText(o->label) : QString::fromStdString(e.get<std::string>()));
            }
        return parts.join(QStringLiteral("、"));
    }
    if (v.is_object() && v.contains("signer"))
        return tr("Signed by %1").arg(QString::fromStdString(v.value("signer", std::string())));
    return QString::fromStdString(canonical);
}

static QString subjectLabel(const InspectionSnapshot &s, const std::string &subject)
{
    if (const Item *item = s.tpl->item(subject))
        return s.text(item->label);
    if (const Indicator *ind = s.tpl->indicator(subject))
        return s.text(ind->label);
    if (subject.rfind("finding:", 0) == 0 || subject.rfind("item:", 0) == 0) {
        std::string id = subject.rfind("finding:", 0) == 0 ? subject.substr(8) : subject;
        const auto slash = id.find('/');
        const std::string fid = id.substr(0, slash);
        auto it = s.state.findings.find(fid);
        QString title = it != s.state.findings.end() ? QString::fromStdString(it->second.text("title")) : QString();
        if (title.isEmpty() && fid.rfind("item:", 0) == 0)
            if (const Item *item = s.tpl->item(fid.substr(5)))
                title = s.text(item->label);
        return Texts::tr("finding “%1”").arg(title.isEmpty() ? QString::fromStdString(fid) : title);
    }
    return QString::fromStdString(subject);
}

QString Texts::reason(const InspectionSnapshot &s, const Reason &r)
{
    const QString what = subjectLabel(s, r.subject);
    const QString detail = QString::fromStdString(r.detail);
    if (r.code == "missing_answer")
        return tr("“%1” is not answered yet.").arg(what);
    if (r.code == "missing_signature")
        return tr("“%1” still needs a signature.").arg(what);
    if (r.code == "missing_note")
        return tr("“%1” is non-compliant and needs a note saying what was found.").arg(what);
    if (r.code == "missing_photo") {
        if (r.detail.find(" of ") != std::string::npos)
            return tr("“%1” needs more photos (%2).").arg(what, detail.split(QStringLiteral(" of ")).join(QStringLiteral(" / ")));
        return tr("“%1” is non-compliant and needs a photo as evidence.").arg(what);
    }
    if (r.code == "conflict")
        return tr("Team members gave different values for %1; the lead must choose one.").arg(what);
    if (r.code == "indicator_incomplete")
        return tr("Indicator “%1” cannot be computed yet: some of its inputs are missing.").arg(what);
    if (r.code == "indicator_failed")
        return tr("Indicator “%1” misses its target.").arg(what);
    if (r.code == "sample_not_drawn")
        return tr("The resident sample for the survey has not been drawn.");
    if (r.code == "sample_short")
        return tr("The survey needs more valid responses (%1).").arg(detail);
    if (r.code == "below_pass_percent")
        return tr("The total is below the pass mark (%1).").arg(detail);
    if (r.code == "open_major_hazard")
        return tr("A major hazard is still open: %1.").arg(what);
    if (r.code == "duplicate_response")
        return tr("Resident %1 has more than one questionnaire; it counts once until the lead withdraws the one that does not stand.")
            .arg(QString::fromStdString(r.subject));
    if (r.code == "sample_closed_short")
        return tr("The sample was closed before it was complete (%1).").arg(detail);
    if (r.code == "implausible_date") {
        const QString date = detail.section(QLatin1Char(' '), 0, 0);
        return detail.contains(QLatin1String("before 1990"))
            ? tr("“%1”: %2 is before 1990; check the date.").arg(what, date)
            : tr("“%1”: %2 is more than a year after it was entered; check the date.").arg(what, date);
    }
    if (r.code == "inconsistent") {
        for (const auto &c : s.tpl->checks)
            if (c.id == r.subject) {
                QStringList items;
                for (const auto &i : c.items)
                    items << QStringLiteral("“%1”").arg(subjectLabel(s, i));
                return tr("These figures cannot all be true: %1 (%2). Correct them before the evaluation can pass.")
                    .arg(s.text(c.label), items.join(QStringLiteral(", ")));
            }
        return tr("Figures that cannot all be true: %1.").arg(detail);
    }
    return what.isEmpty() ? detail : what + QStringLiteral(": ") + detail;
}

QString Texts::figure(ExprValue v, ValueFormat format)
{
    if (!v)
        return tr("—");
    switch (format) {
    case ValueFormat::Percent:
        return QString::number(*v * 100.0, 'f', 1) + QLatin1Char('%');
    case ValueFormat::Integer:
        return QString::number(static_cast<long long>(std::llround(*v)));
    case ValueFormat::YesNo:
        return *v != 0 ? tr("Yes") : tr("No");
    case ValueFormat::Number:
        break;
    }
    return number(*v);
}

QString Texts::stepStatus(const QString &status)
{
    if (status == QLatin1String("done"))
        return tr("Done");
    if (status == QLatin1String("complete"))
        return tr("All answered");
    if (status == QLatin1String("in_progress"))
        return tr("In progress");
    return tr("Not started");
}

QString Texts::target(const Target &t, ValueFormat format)
{
    static const char *const ops[] = {"<", "≤", ">", "≥", "="};
    // A yes/no figure is 1 or 0: its target is the answer that meets it ("Yes"), never "≥ Yes".
    if (format == ValueFormat::YesNo)
        return t.met(1) == t.met(0) ? tr("—") : t.met(1) ? tr("Yes") : tr("No");
    QString v = format == ValueFormat::Percent ? number(t.value * 100.0) + QLatin1Char('%') : number(t.value);
    return QString::fromUtf8(ops[static_cast<int>(t.op)]) + QLatin1Char(' ') + v;
}

QString Texts::refusal(const Refusal &r)
{
    const QString detail = QString::fromStdString(r.reason);
    switch (r.code) {
    case RefusalCode::Malformed: {
        static const QRegularExpression tooLong(QStringLiteral("text of (\\d+) characters is longer than the limit of (\\d+)"));
        const auto m = tooLong.match(detail);
        if (m.hasMatch())
            return tr("The text is too long: %1 characters, at most %2 can be saved. Shorten it and save again.")
                .arg(m.captured(1), m.captured(2));
        return tr("This change cannot be saved: %1").arg(detail);
    }
    case RefusalCode::ClockJump:
        return tr("This tablet's change counter is out of step (%1); the change was not saved.").arg(detail);
    case RefusalCode::Locked:
        return tr("This evaluation has been approved and is locked: changes are no longer accepted.");
    case RefusalCode::NotMember:
        return tr("You are not on this evaluation's team, so you cannot change it.");
    case RefusalCode::Forbidden:
        return tr("Your role does not allow this change: %1").arg(detail);
    case RefusalCode::Workflow:
        return tr("Not possible at this stage of the review: %1").arg(detail);
    case RefusalCode::Template:
        return tr("This value cannot be saved: %1").arg(detail);
    case RefusalCode::IdReused:
        return tr("The server already has this change in another form; it was not saved again (%1).").arg(detail);
    }
    return detail;
}

QString Texts::workflow(WorkflowStatus s)
{
    return workflow(std::string(toString(s)));
}

QString Texts::workflow(const std::string &status)
{
    if (status == "draft")
        return tr("In progress");
    if (status == "submitted")
        return tr("Submitted for review");
    if (status == "returned")
        return tr("Returned to the team");
    if (status == "approved")
        return tr("Approved (locked)");
    if (status == "locked")
        return tr("Locked");
    return QString::fromStdString(status);
}

QString Texts::role(const std::string &role)
{
    if (role == "lead")
        return tr("Team lead");
    if (role == "evaluator")
        return tr("Evaluator");
    if (role == "supervisor")
        return tr("Supervisor");
    if (role == "admin")
        return tr("Administrator");
    if (role == "institution")
        return tr("Institution representative");
    return QString::fromStdString(role);
}

QString Texts::itemNumber(const Item &item, int indexInSection)
{
    return QStringLiteral("%1.%2.%3").arg(item.stepIndex + 1).arg(item.sectionIndex + 1).arg(indexInSection + 1);
}
