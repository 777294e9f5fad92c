#pragma once
// The evaluation report (step 8: 通报评估情况，提出改进意见与建议) as an A4 PDF written on the tablet
// with QPdfWriter: cover, per-step results, scoring sheet with subtotals and total, indicators against
// their targets, survey, conclusion, findings with suggestions, responsible parties and deadlines,
// photo thumbnails and signatures. Chinese text uses the CJK font, which QPdfWriter embeds. Tables
// break across pages between rows and repeat their header; every page carries its number.

#include <careeval/result.h>

#include <QString>
#include <QStringList>

class InspectionController;
class PhotoStore;

struct ReportInfo {
    QString path;
    int pages = 0;
    int photos = 0; //!< thumbnails drawn
    //! Photos and signature images the report names but this tablet does not have (SHA-256): the report
    //! says so on its first page and where each would be; fetch them and write it again.
    QStringList missing;
};

//! Writes the report of the open inspection to `path` (replacing it atomically).
careeval::Result<ReportInfo> writeReport(const InspectionController &inspection, PhotoStore *photos, const QString &path);
