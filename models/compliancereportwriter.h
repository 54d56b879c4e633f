// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "compliancereportdata.h"
#include "core/result.h"

#include <QCoreApplication>
#include <QImage>
#include <QPageLayout>
#include <QString>

namespace Patchboard {

// Puts the compliance report on A4 pages (issue #5): the document of ComplianceReportBuilder,
// with the report's title and "Page N of M" in every page's footer. The PDF (QPdfWriter) carries
// the title and the operator as its author (XMP dc:creator). Runs on the calling thread: a report
// is a few pages and takes milliseconds; the slow part, asking the backends, is the gatherer's.
class ComplianceReportWriter
{
    Q_DECLARE_TR_FUNCTIONS(Patchboard::ComplianceReportWriter)
public:
    // A4 portrait, 18 mm margins; the PDF's device resolution (the layout depends on it a little:
    // text metrics are rounded to device pixels).
    static QPageLayout pageLayout();
    static constexpr int PdfResolution = 300;

    // Writes the PDF to path, all or nothing: through a QSaveFile, so that a failed write leaves
    // neither a partial file nor a changed older one. The result is the number of pages.
    static Result<int> writePdf(const ComplianceReportData &data, const QString &path);

    // One page (0-based) as an image laid out as in the PDF, at dpi: for a preview, and for
    // looking at the layout in tests. A null image when there is no such page.
    static QImage renderPage(const ComplianceReportData &data, int page, int dpi = 96);
    // The number of pages at dpi; at PdfResolution, the PDF's.
    static int pageCount(const ComplianceReportData &data, int dpi = PdfResolution);
};

} // namespace Patchboard
