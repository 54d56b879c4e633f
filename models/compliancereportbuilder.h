// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "compliancereportdata.h"

#include <QCoreApplication>
#include <QString>

#include <memory>

class QTextDocument;

namespace Patchboard {

// Turns ComplianceReportData into the report's document (issue #5): a title line with the date,
// the operator and the fleet size, then "At a glance", "Devices by patch age", "Devices by
// support status", "Security update decisions" (SSU-TES-0010) and "Rollouts". Pure: no backend,
// no widget, no file; numbers and dates in the default QLocale, every text through tr().
class ComplianceReportBuilder
{
    Q_DECLARE_TR_FUNCTIONS(Patchboard::ComplianceReportBuilder)
public:
    // "Compliance report 2025-11-16": the PDF's title and the page footer's.
    static QString title(const ComplianceReportData &data);
    // "tom (Test engineer)".
    static QString authorText(const ComplianceReportData &data);
    static QString html(const ComplianceReportData &data);
    // A new document holding html(data), without margins of its own (the writer sets the page's).
    static std::unique_ptr<QTextDocument> document(const ComplianceReportData &data);
};

} // namespace Patchboard
