#include "report.h"

#include "findinglistmodel.h"
#include "indicatorlistmodel.h"
#include "inspectioncontroller.h"
#include "photostore.h"
#include "texts.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QFontDatabase>
#include <QImage>
#include <QImageReader>
#include <QPageLayout>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QTemporaryFile>

using namespace careeval;

namespace {

class Report
{
    Q_DECLARE_TR_FUNCTIONS(Report)
};

//! Lays text, tables and images down A4 pages, top to bottom, starting a new page when the next
//! block does not fit. Coordinates are device pixels at 300 dpi.
class Pdf
{
public:
    Pdf(const QString &path, const QString &footer)
        : m_writer(path)
        , m_footer(footer)
    {
        m_writer.setResolution(300);
        m_writer.setPageLayout(
            QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Portrait, QMarginsF(18, 16, 18, 18), QPageLayout::Millimeter));
        m_writer.setCreator(QStringLiteral("CareEval"));
        m_painter.begin(&m_writer);
        m_area = QRectF(QPointF(0, 0), QSizeF(m_writer.pageLayout().paintRectPixels(300).size()));
        m_area.setBottom(m_area.bottom() - mm(8)); // room for the page number
        const QStringList cjk
            = {QStringLiteral("WenQuanYi Micro Hei"), QStringLiteral("Noto Sans CJK SC"), QStringLiteral("Droid Sans Fallback")};
        for (const QString &f : cjk)
            if (QFontDatabase::families().contains(f)) {
                m_family = f;
                break;
            }
        m_y = 0;
    }
    bool ok() const { return m_painter.isActive(); }

    QFont font(double pt, bool bold = false) const
    {
        QFont f(m_family);
        f.setPointSizeF(pt);
        f.setBold(bold);
        return f;
    }
    static double mm(double v) { return v / 25.4 * 300; }
    double width() const { return m_area.width(); }

    void newPage()
    {
        finishPage();
        m_writer.newPage();
        m_y = 0;
    }
    void ensure(double h)
    {
        if (m_y + h > m_area.bottom() && m_y > 0)
            newPage();
    }
    void space(double millimetres) { m_y += mm(millimetres); }

    double measure(const QString &text, const QFont &f, double w)
    {
        m_painter.setFont(f);
        return m_painter.boundingRect(QRectF(0, 0, w, 1e6), Qt::TextWordWrap, text).height();
    }
    //! A paragraph; long ones continue on the next page line by line.
    void para(const QString &text, const QFont &f, QColor color = Qt::black, double indent = 0)
    {
        if (text.isEmpty())
            return;
        const double h = measure(text, f, width() - indent);
        if (h > m_area.height() / 2) {
            for (const QString &line : text.split(QLatin1Char('\n')))
                para(line, f, color, indent);
            return;
        }
        ensure(h);
        m_painter.setFont(f);
        m_painter.setPen(color);
        m_painter.drawText(QRectF(indent, m_y, width() - indent, h), Qt::TextWordWrap, text);
        m_y += h + mm(1);
    }
    void heading(const QString &text)
    {
        ensure(mm(30)); // never a heading alone at the foot of a page
        space(3);
        para(text, font(14, true), QColor(20, 60, 120));
        m_painter.setPen(QPen(QColor(20, 60, 120), mm(0.3)));
        m_painter.drawLine(QPointF(0, m_y), QPointF(width(), m_y));
        space(2);
    }
    //! A table with relative column widths; rows never split, the header repeats on each page.
    void table(const std::vector<double> &widths, const QStringList &header, const std::vector<QStringList> &rows,
        const std::vector<QColor> &rowColors = {})
    {
        double sum = 0;
        for (double w : widths)
            sum += w;
        std::vector<double> cols;
        for (double w : widths)
            cols.push_back(w / sum * width());
        const QFont body = font(9), head = font(9, true);
        const double pad = mm(1.2);
        auto rowHeight = [&](const QStringList &cells, const QFont &f) {
            double h = 0;
            for (int c = 0; c < cells.size() && c < static_cast<int>(cols.size()); ++c)
                h = std::max(h, measure(cells[c], f, cols[static_cast<std::size_t>(c)] - 2 * pad));
            return h + 2 * pad;
        };
        auto drawRow = [&](const QStringList &cells, const QFont &f, double h, QColor fill, QColor ink) {
            double x = 0;
            m_painter.setFont(f);
            for (int c = 0; c < static_cast<int>(cols.size()); ++c) {
                const QRectF cell(x, m_y, cols[static_cast<std::size_t>(c)], h);
                if (fill.isValid())
                    m_painter.fillRect(cell, fill);
                m_painter.setPen(QPen(QColor(170, 170, 170), mm(0.15)));
                m_painter.drawRect(cell);
                m_painter.setPen(ink);
                if (c < cells.size())
                    m_painter.drawText(cell.adjusted(pad, pad, -pad, -pad), Qt::TextWordWrap, cells[c]);
                x += cols[static_cast<std::size_t>(c)];
            }
            m_y += h;
        };
        const double hh = rowHeight(header, head);
        auto drawHeader = [&] { drawRow(header, head, hh, QColor(228, 236, 246), Qt::black); };
        ensure(hh + (rows.empty() ? 0 : rowHeight(rows.front(), body)));
        drawHeader();
        for (std::size_t i = 0; i < rows.size(); ++i) {
            const double h = rowHeight(rows[i], body);
            if (m_y + h > m_area.bottom()) {
                newPage();
                drawHeader();
            }
            drawRow(rows[i], body, h, QColor(), i < rowColors.size() && rowColors[i].isValid() ? rowColors[i] : QColor(Qt::black));
        }
        space(2);
    }
    //! Images in a grid, each with a caption under it.
    void grid(const std::vector<std::pair<QImage, QString>> &cells, int perRow)
    {
        const double gap = mm(3);
        const double w = (width() - gap * (perRow - 1)) / perRow;
        const double imageH = w * 0.75;
        const QFont f = font(8);
        for (std::size_t i = 0; i < cells.size(); i += static_cast<std::size_t>(perRow)) {
            double captionH = 0;
            for (std::size_t j = i; j < cells.size() && j < i + static_cast<std::size_t>(perRow); ++j)
                captionH = std::max(captionH, measure(cells[j].second, f, w));
            ensure(imageH + captionH + gap);
            for (std::size_t j = i; j < cells.size() && j < i + static_cast<std::size_t>(perRow); ++j) {
                const double x = static_cast<double>(j - i) * (w + gap);
                const QRectF box(x, m_y, w, imageH);
                const QImage &img = cells[j].first;
                if (img.isNull()) {
                    m_painter.fillRect(box, QColor(235, 235, 235));
                    m_painter.setPen(Qt::darkGray);
                    m_painter.setFont(f);
                    m_painter.drawText(box, Qt::AlignCenter | Qt::TextWordWrap, Report::tr("photo not on this tablet"));
                } else {
                    QSizeF s = QSizeF(img.size()).scaled(box.size(), Qt::KeepAspectRatio);
                    m_painter.drawImage(QRectF(box.center() - QPointF(s.width() / 2, s.height() / 2), s), img);
                }
                m_painter.setPen(Qt::black);
                m_painter.setFont(f);
                m_painter.drawText(QRectF(x, m_y + imageH + mm(0.8), w, captionH), Qt::TextWordWrap, cells[j].second);
            }
            m_y += imageH + captionH + gap;
        }
    }
    void image(const QImage &img, double widthMm)
    {
        const double w = mm(widthMm), h = img.isNull() ? mm(10) : w * img.height() / std::max(1, img.width());
        ensure(h);
        if (!img.isNull())
            m_painter.drawImage(QRectF(0, m_y, w, h), img);
        m_y += h + mm(1);
    }
    int finish()
    {
        finishPage();
        m_painter.end();
        return m_page;
    }

private:
    void finishPage()
    {
        ++m_page;
        m_painter.setFont(font(8));
        m_painter.setPen(Qt::darkGray);
        const QRectF foot(0, m_area.bottom() + mm(3), width(), mm(5));
        m_painter.drawText(foot, Qt::AlignLeft | Qt::AlignVCenter, m_footer);
        m_painter.drawText(foot, Qt::AlignRight | Qt::AlignVCenter, Report::tr("Page %1").arg(m_page));
    }

    QPdfWriter m_writer;
    QPainter m_painter;
    QRectF m_area;
    QString m_family = QStringLiteral("Sans");
    QString m_footer;
    double m_y = 0;
    int m_page = 0;
};

QImage loadImage(PhotoStore *photos, const QString &sha)
{
    if (!photos || !photos->has(sha))
        return {};
    QImageReader r(photos->path(sha));
    r.setAutoTransform(true);
    const QSize s = r.size();
    if (s.isValid() && std::max(s.width(), s.height()) > 600)
        r.setScaledSize(s.scaled(600, 600, Qt::KeepAspectRatio)); // thumbnails in the PDF, not full photos
    return r.read();
}

} // namespace

Result<ReportInfo> writeReport(const InspectionController &c, PhotoStore *photos, const QString &path)
{
    const InspectionSnapshot &s = c.snapshot();
    if (!s.valid())
        return makeError(ErrorCode::InvalidArgument, "no inspection is open");
    const Template &tpl = *s.tpl;
    QDir().mkpath(QFileInfo(path).absolutePath());
    const QString partial = path + QStringLiteral(".part");
    ReportInfo info;
    info.path = path;
    {
        Pdf pdf(partial, c.institution() + QStringLiteral(" · ") + c.templateTitle());
        if (!pdf.ok())
            return makeError(ErrorCode::Io, "the report could not be written to " + path.toStdString());

        // Cover.
        pdf.space(30);
        pdf.para(Report::tr("Evaluation report"), pdf.font(13), QColor(90, 90, 90));
        pdf.para(c.templateTitle(), pdf.font(22, true), QColor(20, 60, 120));
        pdf.space(8);
        pdf.para(c.institution(), pdf.font(18, true));
        pdf.space(4);
        QStringList team;
        for (const auto &[user, role] : c.assignment().team)
            team << QStringLiteral("%1 (%2)").arg(c.snapshot().person(user), Texts::role(role));
        // The conclusion in words comes first; a grade band is shown only with a pass.
        using Conclusion = InspectionController::Conclusion;
        const QString conclusionWords = c.conclusion() == Conclusion::Pass ? Report::tr("Passes")
            : c.conclusion() == Conclusion::Fail                           ? Report::tr("Does not pass")
                                                                           : Report::tr("Not complete");
        // When it began: the first date answered in the announcement step (templates name it 评估开始日期).
        QString started;
        for (const Section &sec : tpl.steps.front().sections)
            for (const Item &item : sec.items)
                if (const SlotState *d = s.state.item(item.id); started.isEmpty() && item.type == ItemType::Date && d && d->hasTeamValue())
                    started = Texts::value(s, item, d->value);
        pdf.table({1, 3}, {Report::tr("Inspection"), QString::fromStdString(c.assignment().id)},
            {{Report::tr("Institution evaluated"), c.institution()}, {Report::tr("Evaluated by"), team.join(QStringLiteral(", "))},
                {Report::tr("Planned date"), c.plannedDate()},
                {Report::tr("Evaluation began"), started.isEmpty() ? Report::tr("not recorded") : started},
                {Report::tr("Template"), QStringLiteral("%1 (%2)").arg(c.templateTitle(), QString::fromStdString(tpl.pin()))},
                {Report::tr("Conclusion"), conclusionWords},
                {Report::tr("Total"),
                    s.report.grade ? QStringLiteral("%1 · %2 · %3").arg(c.totalText(), c.percentText(), c.gradeText())
                                   : QStringLiteral("%1 · %2").arg(c.totalText(), c.percentText())},
                {Report::tr("Review status"), c.review()->workflowText()},
                {Report::tr("Generated"), QDateTime::currentDateTime().toString(QStringLiteral("yyyy-MM-dd HH:mm"))}});
        // Evidence the record names but this tablet does not hold is said plainly, never left blank.
        for (const PhotoEntry &p : s.state.photos) {
            const QString sha = QString::fromStdString(p.thumb.empty() ? p.sha256 : p.thumb);
            if (!photos || !photos->has(sha))
                info.missing << sha;
        }
        for (const Item *item : tpl.items())
            if (item->type == ItemType::Signature) {
                const QString sha = c.evidence()->signature(QString::fromStdString(item->id)).value(QStringLiteral("sha256")).toString();
                if (!sha.isEmpty() && (!photos || !photos->has(sha)))
                    info.missing << sha;
            }
        info.missing.removeDuplicates();
        if (!info.missing.isEmpty())
            pdf.para(Report::tr("%n photo(s) or signature(s) named in this record are not on this tablet yet; each is marked where it "
                                "belongs. Sync, then write the report again.",
                         nullptr, static_cast<int>(info.missing.size())),
                pdf.font(10, true), QColor(180, 30, 30));
        // The procedure followed: the eight steps, each with its status and who held it.
        pdf.heading(Report::tr("Procedure followed"));
        std::vector<QStringList> procedure;
        const QStringList statuses = c.stepStatuses();
        for (std::size_t st = 0; st < tpl.steps.size(); ++st) {
            const StepState &state = s.state.steps[st];
            procedure.push_back(
                {QString::number(st + 1), s.text(tpl.steps[st].title), Texts::stepStatus(statuses.value(static_cast<int>(st))),
                    state.owner.empty() ? QStringLiteral("—") : s.person(state.owner)});
        }
        pdf.table({0.4, 4, 1.2, 1.2}, {QStringLiteral("#"), Report::tr("Step"), Report::tr("Status"), Report::tr("Held by")}, procedure);
        if (!s.report.failures.empty() || !s.report.incomplete.empty()) {
            pdf.heading(c.conclusion() == Conclusion::Fail ? Report::tr("Why it does not pass") : Report::tr("Why it is not complete"));
            for (const Reason &r : s.report.failures)
                pdf.para(QStringLiteral("• ") + Texts::reason(s, r), pdf.font(9));
            for (const Reason &r : s.report.incomplete)
                pdf.para(QStringLiteral("• ") + Texts::reason(s, r), pdf.font(9), Qt::darkGray);
        }

        // Per-step results.
        pdf.newPage();
        std::vector<std::pair<QImage, QString>> evidence;
        for (std::size_t st = 0; st < tpl.steps.size(); ++st) {
            const Step &step = tpl.steps[st];
            const StepState &state = s.state.steps[st];
            pdf.heading(QStringLiteral("%1. %2").arg(st + 1).arg(s.text(step.title)));
            pdf.para(Report::tr("Status: %1").arg(Texts::stepStatus(c.stepStatuses().value(static_cast<int>(st))))
                    + (state.owner.empty() ? QString() : Report::tr(" · held by %1").arg(s.person(state.owner))),
                pdf.font(9), Qt::darkGray);
            std::vector<QStringList> rows;
            std::vector<QColor> colors;
            for (const Section &sec : step.sections)
                for (std::size_t i = 0; i < sec.items.size(); ++i) {
                    const Item &item = sec.items[i];
                    if (item.type == ItemType::Rating)
                        continue; // the survey has its own section
                    const SlotState *slot = s.state.item(item.id);
                    QString value;
                    QColor color;
                    if (slot && slot->status == SlotStatus::Conflict) {
                        value = Report::tr("conflict, not settled");
                        color = QColor(170, 90, 0);
                    } else if (slot && slot->hasTeamValue()) {
                        value = Texts::value(s, item, slot->value);
                        if (slot->value == "\"noncompliant\"")
                            color = QColor(180, 30, 30);
                    } else if (auto pre = s.report.prefilled.find(item.id); pre != s.report.prefilled.end()) {
                        value = Report::tr("%1 (prefilled)").arg(Texts::number(pre->second));
                    } else {
                        value = Report::tr("—");
                    }
                    QStringList notes;
                    // The notes that stand, as the app shows them: an edited note replaces its earlier text.
                    const auto current = s.state.currentNotesFor(item.id);
                    for (const NoteEntry *n : current)
                        notes << (current.size() > 1 ? s.person(n->author) + QStringLiteral(": ") : QString())
                                + QString::fromStdString(n->text);
                    const auto attached = s.state.photosFor(item.id);
                    if (!attached.empty())
                        notes << Report::tr("%n photo(s)", nullptr, static_cast<int>(attached.size()));
                    for (const PhotoEntry *p : attached)
                        evidence.emplace_back(loadImage(photos, QString::fromStdString(p->thumb.empty() ? p->sha256 : p->thumb)),
                            Texts::itemNumber(item, static_cast<int>(i)) + QLatin1Char(' ') + QString::fromStdString(p->caption));
                    rows.push_back(
                        {Texts::itemNumber(item, static_cast<int>(i)), s.text(item.label), value, notes.join(QStringLiteral("; "))});
                    colors.push_back(color);
                }
            if (!rows.empty())
                pdf.table({0.7, 4.2, 1.6, 2.5},
                    {Report::tr("No."), Report::tr("Item"), Report::tr("Result"), Report::tr("Notes and evidence")}, rows, colors);
        }

        // Scoring sheet.
        pdf.heading(Report::tr("Scoring sheet"));
        std::vector<QStringList> scoreRows;
        for (const SectionScore &sec : s.report.sections) {
            QString title = QString::fromStdString(sec.id);
            for (const Step &step : tpl.steps)
                for (const Section &ts : step.sections)
                    if (ts.id == sec.id)
                        title = s.text(ts.title);
            scoreRows.push_back({title, QStringLiteral("%1 / %2").arg(Texts::number(sec.points), Texts::number(sec.max)),
                QStringLiteral("%1 / %2").arg(sec.answered).arg(sec.items)});
        }
        scoreRows.push_back({Report::tr("Total"), QStringLiteral("%1 / %2").arg(Texts::number(s.report.total), Texts::number(s.report.max)),
            c.percentText() + QStringLiteral(" · ") + c.gradeText()});
        pdf.table({4, 2, 2}, {Report::tr("Section"), Report::tr("Points"), Report::tr("Answered")}, scoreRows);

        // Indicators.
        pdf.heading(Report::tr("Indicators"));
        const IndicatorListModel *ind = c.indicators();
        std::vector<QStringList> indRows;
        std::vector<QColor> indColors;
        for (int r = 0; r < ind->rowCount(); ++r) {
            const QModelIndex i = ind->index(r);
            const QString status = i.data(IndicatorListModel::StatusRole).toString();
            indRows.push_back({i.data(IndicatorListModel::LabelRole).toString(), i.data(IndicatorListModel::ValueTextRole).toString(),
                i.data(IndicatorListModel::TargetTextRole).toString(),
                status == QLatin1String("pass")             ? Report::tr("met")
                    : status == QLatin1String("fail")       ? Report::tr("NOT met")
                    : status == QLatin1String("incomplete") ? Report::tr("incomplete")
                                                            : Report::tr("for information")});
            indColors.push_back(status == QLatin1String("pass") ? QColor(20, 120, 40)
                    : status == QLatin1String("fail")           ? QColor(180, 30, 30)
                                                                : QColor());
        }
        pdf.table({4, 1.5, 1.5, 1.3}, {Report::tr("Indicator"), Report::tr("Figure"), Report::tr("Target"), Report::tr("Result")}, indRows,
            indColors);

        // Survey.
        if (tpl.survey.enabled) {
            pdf.heading(Report::tr("Resident satisfaction survey"));
            pdf.para(c.surveyText(), pdf.font(10));
            if (s.state.sample)
                pdf.para(Report::tr("Sample drawn from %1 residents (%2), %3 asked, seed %4 — anyone can redraw it with this seed.")
                             .arg(s.state.sample->population)
                             .arg(s.state.sample->source == "roster" ? Report::tr("roster") : Report::tr("bed count"))
                             .arg(s.state.sample->k)
                             .arg(s.state.sample->seed),
                    pdf.font(9), Qt::darkGray);
        }

        // Conclusion.
        pdf.heading(Report::tr("Conclusion"));
        const Conclusion concl = c.conclusion();
        pdf.para(concl == Conclusion::Pass  ? Report::tr("The institution meets the standard.")
                : concl == Conclusion::Fail ? Report::tr("The institution does not meet the standard.")
                                            : Report::tr("The evaluation is not complete yet."),
            pdf.font(12, true), concl == Conclusion::Pass ? QColor(20, 120, 40) : QColor(180, 30, 30));
        for (const Reason &r : s.report.failures)
            pdf.para(QStringLiteral("• ") + Texts::reason(s, r), pdf.font(9));
        for (const Reason &r : s.report.incomplete)
            pdf.para(QStringLiteral("• ") + Texts::reason(s, r), pdf.font(9), Qt::darkGray);
        for (const Reason &r : s.report.remarks)
            pdf.para(QStringLiteral("• ") + Texts::reason(s, r), pdf.font(9), QColor(20, 60, 120));

        // Findings.
        pdf.heading(Report::tr("Findings and improvement suggestions"));
        const FindingListModel *f = c.findings();
        std::vector<QStringList> fRows;
        for (int r = 0; r < f->rowCount(); ++r) {
            const QModelIndex i = f->index(r);
            QString title = i.data(FindingListModel::TitleRole).toString();
            if (i.data(FindingListModel::ClosedRole).toBool())
                title += Report::tr(" (closed)");
            fRows.push_back({QString::number(r + 1), title, i.data(FindingListModel::SuggestionRole).toString(),
                i.data(FindingListModel::ResponsibleRole).toString(), i.data(FindingListModel::DeadlineRole).toString()});
            const QString fid = i.data(FindingListModel::FindingIdRole).toString();
            for (const PhotoEntry *p : s.state.photosFor(("finding:" + fid).toStdString()))
                evidence.emplace_back(loadImage(photos, QString::fromStdString(p->thumb.empty() ? p->sha256 : p->thumb)),
                    Report::tr("Finding %1").arg(r + 1) + QLatin1Char(' ') + QString::fromStdString(p->caption));
        }
        if (fRows.empty())
            pdf.para(Report::tr("No findings."), pdf.font(10));
        else
            pdf.table({0.5, 3, 3, 1.5, 1.3},
                {Report::tr("No."), Report::tr("Finding"), Report::tr("Improvement suggestion"), Report::tr("Responsible"),
                    Report::tr("Deadline")},
                fRows);

        // Photos.
        if (!evidence.empty()) {
            pdf.heading(Report::tr("Photos"));
            info.photos = static_cast<int>(evidence.size());
            pdf.grid(evidence, 4);
        }

        // Signatures.
        bool anySignature = false;
        for (const Step &step : tpl.steps)
            for (const Section &sec : step.sections)
                for (const Item &item : sec.items) {
                    if (item.type != ItemType::Signature)
                        continue;
                    if (!anySignature)
                        pdf.heading(Report::tr("Signatures"));
                    anySignature = true;
                    const QVariantMap sig = c.evidence()->signature(QString::fromStdString(item.id));
                    pdf.para(s.text(item.label), pdf.font(10, true));
                    if (sig.isEmpty()) {
                        pdf.para(Report::tr("not signed"), pdf.font(9), Qt::darkGray);
                        continue;
                    }
                    const QImage sigImage = loadImage(photos, sig.value(QStringLiteral("sha256")).toString());
                    if (sigImage.isNull())
                        pdf.para(Report::tr("[the signature image is not on this tablet yet: sync, then write the report again]"),
                            pdf.font(9), QColor(180, 30, 30));
                    else
                        pdf.image(sigImage, 60);
                    pdf.para(QStringLiteral("%1 (%2) · %3")
                                 .arg(sig.value(QStringLiteral("signer")).toString(),
                                     Texts::role(sig.value(QStringLiteral("role")).toString().toStdString()),
                                     sig.value(QStringLiteral("signedAt")).toString().replace(QLatin1Char('T'), QLatin1Char(' '))),
                        pdf.font(9));
                }
        info.pages = pdf.finish();
    }
    QFile::remove(path);
    if (!QFile::rename(partial, path))
        return makeError(ErrorCode::Io, "the report could not be moved into place at " + path.toStdString());
    return info;
}
