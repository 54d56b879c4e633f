// SPDX-License-Identifier: Apache-2.0
#include "compliancereportbuilder.h"

#include "deviceformat.h"
#include "patchagemodel.h"

#include <QFont>
#include <QLocale>
#include <QTextDocument>

#include <algorithm>

#include <utility>

namespace Patchboard {

namespace {

// Print colours, fixed: a PDF does not follow the screen's palette.
const QLatin1String HeaderBackground("#dde4ec");
const QLatin1String TotalBackground("#f1f3f6");
const QLatin1String AttentionColour("#a4262c");
const QLatin1String MutedColour("#5a6270");
const QString Dash = QStringLiteral("\u2014");

// The builder's translation context, in a form lupdate reads (see releasestate.cpp).
class Tr
{
    Q_DECLARE_TR_FUNCTIONS(Patchboard::ComplianceReportBuilder)
};

struct Row
{
    QStringList cells; // plain text
    bool attention = false; // needs action: coloured, and marked in its text
    bool total = false;
};

QString esc(const QString &text)
{
    return text.toHtmlEscaped();
}

QString number(qint64 value)
{
    return DeviceFormat::number(value);
}

QString share(qint64 part, qint64 total)
{
    return total > 0 ? DeviceFormat::percent(double(part) / double(total)) : Dash;
}

QString days(qint64 seconds)
{
    return QLocale().toString(double(seconds) / 86400.0, 'f', 1);
}

QString dateTime(const QDateTime &time)
{
    return time.isValid() ? DeviceFormat::dateTime(time) : Dash;
}

// columns: one letter per column: 'l' text, left-aligned; 'k' text kept on one line (versions,
// which would break at their dots); 'r' a number, right-aligned on one line.
QString table(const QStringList &headers, QLatin1String columns, const QList<Row> &rows)
{
    const auto align = [columns](int i) {
        return columns.at(i) == QLatin1Char('r') ? QLatin1String("right") : QLatin1String("left");
    };
    QString html = QStringLiteral("<table width=\"100%\" border=\"1\" cellspacing=\"0\" "
                                  "cellpadding=\"3\" style=\"border-collapse: collapse; "
                                  "border-color: #9aa4b1; border-style: solid; "
                                  "font-size: 9pt;\">");
    html += QStringLiteral("<thead><tr>");
    for (int i = 0; i < headers.size(); ++i) {
        html += QStringLiteral("<th bgcolor=\"%1\" align=\"%2\">%3</th>")
                    .arg(HeaderBackground, align(i), esc(headers[i]));
    }
    html += QStringLiteral("</tr></thead>");
    for (const Row &row : rows) {
        html += QStringLiteral("<tr>");
        for (int i = 0; i < row.cells.size(); ++i) {
            // An empty cell gets a space: Qt's HTML import otherwise loses the margin of the
            // heading that follows a table ending in one.
            QString cell = row.cells[i].isEmpty() ? QStringLiteral("&nbsp;") : esc(row.cells[i]);
            if (row.total)
                cell = QStringLiteral("<b>%1</b>").arg(cell);
            if (row.attention)
                cell = QStringLiteral("<span style=\"color: %1;\">%2</span>")
                           .arg(AttentionColour, cell);
            html += QStringLiteral("<td align=\"%1\"%2%3>%4</td>")
                        .arg(align(i),
                             columns.at(i) == QLatin1Char('l')
                                 ? QString()
                                 : QStringLiteral(" style=\"white-space: nowrap;\""),
                             row.total ? QStringLiteral(" bgcolor=\"%1\"").arg(TotalBackground)
                                       : QString(),
                             cell);
        }
        html += QStringLiteral("</tr>");
    }
    html += QStringLiteral("</table>");
    return html;
}

QString heading(const QString &text)
{
    return QStringLiteral("<h2 style=\"margin-top: 18px;\">%1</h2>").arg(esc(text));
}

QString paragraph(const QString &text, bool muted = false)
{
    if (muted)
        return QStringLiteral("<p style=\"color: %1;\">%2</p>").arg(MutedColour, esc(text));
    return QStringLiteral("<p>%1</p>").arg(esc(text));
}

QString strong(const QString &text)
{
    return QStringLiteral("<p><b>%1</b></p>").arg(esc(text));
}

QString supportLabel(SupportStatus status, const CompliancePolicy &policy)
{
    switch (status) {
    case SupportStatus::Supported:
        return Tr::tr("Supported");
    case SupportStatus::EndingSoon:
        return Tr::tr("Support ends within %Ln day(s)", nullptr, policy.endingSoonDays);
    case SupportStatus::Ended:
        // SSU-SEC-0040: past the support period, the device is to be replaced.
        return Tr::tr("Past end of support: to be replaced");
    }
    return {};
}

QString atAGlance(const ComplianceReportData &d)
{
    const int devices = d.fleet.devices;
    const int outOfDate = d.devicesOutOfDate();
    const int ended = d.fleet.bySupportStatus[int(SupportStatus::Ended)];
    int succeeded = 0;
    int failed = 0;
    for (const ReportRollout &r : d.completed) {
        succeeded += r.succeeded;
        failed += r.failed;
    }
    QList<Row> rows;
    rows.append({{Tr::tr("Devices in the fleet"), number(devices)}});
    rows.append({{Tr::tr("Security patch level older than %Ln day(s) (SSU-SEC-0020)", nullptr,
                         d.fleet.policy.outOfDateDays),
                  Tr::tr("%1 (%2)").arg(number(outOfDate), share(outOfDate, devices))},
                 outOfDate > 0});
    rows.append({{Tr::tr("Past end of support, to be replaced (SSU-SEC-0040)"),
                  Tr::tr("%1 (%2)").arg(number(ended), share(ended, devices))},
                 ended > 0});
    rows.append({{Tr::tr("Security updates decided within 7 days (SSU-TES-0010)"),
                  Tr::tr("%1 of %2")
                      .arg(number(d.decidedWithinWindow()), number(d.decidedSecurityReleases()))},
                 d.decidedWithinWindow() < d.decidedSecurityReleases()});
    rows.append({{Tr::tr("Security updates waiting past 7 days"), number(d.overdueReleases())},
                 d.overdueReleases() > 0});
    rows.append({{Tr::tr("Rollouts completed"), number(d.completed.size())}});
    rows.append(
        {{Tr::tr("Failure rate of completed rollouts"),
          succeeded + failed > 0 ? DeviceFormat::percent(double(failed) / (succeeded + failed))
                                 : Dash}});
    rows.append(
        {{Tr::tr("Rollouts cancelled or halted"), number(d.stopped.size())}, !d.stopped.isEmpty()});
    return heading(Tr::tr("At a glance"))
        + table({Tr::tr("Figure"), Tr::tr("Value")}, QLatin1String("lr"), rows);
}

QString patchAge(const ComplianceReportData &d)
{
    const ComplianceSummary &f = d.fleet;
    QString html = heading(Tr::tr("Devices by patch age"));
    html += paragraph(Tr::tr("Days from each device's security patch level to the report date. "
                             "Security updates are expected monthly (SSU-SEC-0020); a patch level "
                             "older than %Ln day(s) counts as out of date.",
                             nullptr, f.policy.outOfDateDays));
    QList<Row> rows;
    for (const PatchAgeBin &bin : f.patchAge) {
        const bool old = bin.minDays > f.policy.outOfDateDays;
        rows.append(
            {{PatchAgeModel::rangeLabel(bin), number(bin.devices), share(bin.devices, f.devices),
              old ? QString(DeviceFormat::warningMarker() + Tr::tr("Out of date"))
                  : Tr::tr("Current")},
             old && bin.devices > 0});
    }
    rows.append({{Tr::tr("All devices"), number(f.devices), share(f.devices, f.devices), QString()},
                 false,
                 true});
    html
        += table({Tr::tr("Patch age (days)"), Tr::tr("Devices"), Tr::tr("Share"), Tr::tr("Status")},
                 QLatin1String("lrrl"), rows);
    return html;
}

QString supportStatus(const ComplianceReportData &d)
{
    const ComplianceSummary &f = d.fleet;
    QString html = heading(Tr::tr("Devices by support status"));
    html += paragraph(Tr::tr("Manufacturers publish a support period of at least 36 months "
                             "(SSU-SEC-0030); devices past it no longer get security updates and "
                             "are to be replaced (SSU-SEC-0040)."));
    QList<Row> rows;
    for (SupportStatus status :
         {SupportStatus::Supported, SupportStatus::EndingSoon, SupportStatus::Ended}) {
        const int n = f.bySupportStatus[int(status)];
        QString label = supportLabel(status, f.policy);
        if (status == SupportStatus::Ended)
            label = DeviceFormat::warningMarker() + label;
        rows.append(
            {{label, number(n), share(n, f.devices)}, status == SupportStatus::Ended && n > 0});
    }
    rows.append(
        {{Tr::tr("All devices"), number(f.devices), share(f.devices, f.devices)}, false, true});
    html += table({Tr::tr("Support status"), Tr::tr("Devices"), Tr::tr("Share")},
                  QLatin1String("lrr"), rows);

    // Past end of support first (to be replaced), then ending soon; most devices first in each,
    // as the tracker ranks them (SSU-SEC-0021).
    QList<ModelCompliance> listed;
    for (const ModelCompliance &m : f.models) {
        if (m.supportStatus != SupportStatus::Supported)
            listed.append(m);
    }
    std::stable_sort(listed.begin(), listed.end(),
                     [](const ModelCompliance &a, const ModelCompliance &b) {
                         return a.supportStatus == SupportStatus::Ended
                             && b.supportStatus != SupportStatus::Ended;
                     });
    QList<Row> models;
    for (const ModelCompliance &m : std::as_const(listed)) {
        models.append({{m.manufacturer, m.model, DeviceFormat::date(m.supportEnd),
                        supportLabel(m.supportStatus, f.policy), number(m.devices)},
                       m.supportStatus == SupportStatus::Ended});
    }
    html += QStringLiteral("<h3>%1</h3>").arg(esc(Tr::tr("Models past or near end of support")));
    if (models.isEmpty()) {
        html += paragraph(
            Tr::tr("No model's support ends within %Ln day(s).", nullptr, f.policy.endingSoonDays));
    } else {
        html += table({Tr::tr("Manufacturer"), Tr::tr("Model"), Tr::tr("Support ends"),
                       Tr::tr("Status"), Tr::tr("Devices")},
                      QLatin1String("llklr"), models);
    }
    return html;
}

Row decisionRow(const ReportRelease &r, const QDateTime &asOf)
{
    const QString models = QLocale().createSeparatedList(r.models);
    if (r.isDecided()) {
        QString decision = ReleaseStates::displayName(r.state);
        if (r.withdrawn.isValid())
            decision = Tr::tr("%1, withdrawn %2")
                           .arg(decision, DeviceFormat::date(r.withdrawn.toLocalTime().date()));
        QString within;
        if (!r.windowApplies())
            within = Tr::tr("n/a (not security-only)");
        else if (r.window.decidedWithinWindow)
            within = Tr::tr("Yes");
        else
            within = DeviceFormat::warningMarker() + Tr::tr("No");
        return {{r.version, models, dateTime(r.received), decision, dateTime(r.decided),
                 r.decidedBy.isEmpty() ? Dash : r.decidedBy, days(r.window.decisionSeconds),
                 within},
                r.windowApplies() && !r.window.decidedWithinWindow};
    }
    QString within;
    if (!r.windowApplies())
        within = Tr::tr("n/a (not security-only)");
    else if (r.window.overdue)
        within = DeviceFormat::warningMarker()
            + Tr::tr("Overdue by %Ln day(s)", nullptr, qMax(1, -r.window.daysLeft));
    else
        within = Tr::tr("Open, %Ln day(s) left", nullptr, r.window.daysLeft);
    return {{r.version, models, dateTime(r.received),
             Tr::tr("Waiting (%1)").arg(ReleaseStates::displayNameInSentence(r.state)), Dash, Dash,
             Tr::tr("%1 so far").arg(days(r.received.secsTo(asOf))), within},
            r.windowApplies() && r.window.overdue};
}

QString decisions(const ComplianceReportData &d)
{
    QString html = heading(Tr::tr("Security update decisions"));
    html += paragraph(Tr::tr("An operator decides on a security update within 7 days of receiving "
                             "it (SSU-TES-0010): days from receipt to approval or rejection. "
                             "Releases received by the end of the report date."));
    html += strong(Tr::tr("%1 of %2 decided within 7 days.")
                       .arg(number(d.decidedWithinWindow()), number(d.decidedSecurityReleases())));
    if (d.waitingSecurityReleases() > 0) {
        QString waiting = Tr::tr("%Ln security update(s) waiting for a decision", nullptr,
                                 d.waitingSecurityReleases());
        if (d.overdueReleases() > 0)
            waiting = Tr::tr("%1, %2.").arg(
                waiting, Tr::tr("%Ln of them overdue (past 7 days)", nullptr, d.overdueReleases()));
        else
            waiting += QLatin1Char('.');
        html += QStringLiteral("<p style=\"color: %1;\"><b>%2</b></p>")
                    .arg(d.overdueReleases() > 0 ? AttentionColour : QLatin1String("#000000"),
                         esc((d.overdueReleases() > 0 ? DeviceFormat::warningMarker() : QString())
                             + waiting));
    }
    QList<Row> rows;
    QStringList refused;
    for (const ReportRelease &r : d.releases) {
        if (r.state == ReleaseState::Refused)
            refused.append(r.version);
        else
            rows.append(decisionRow(r, d.asOf));
    }
    if (rows.isEmpty()) {
        html += paragraph(Tr::tr("No release was received by the report date."));
    } else {
        html += table({Tr::tr("Release"), Tr::tr("Models"), Tr::tr("Received"), Tr::tr("Decision"),
                       Tr::tr("Decided"), Tr::tr("By"), Tr::tr("Days to decision"),
                       Tr::tr("Within 7 days")},
                      QLatin1String("klllllrl"), rows);
    }
    if (!refused.isEmpty()) {
        html += paragraph(Tr::tr("%Ln release(s) failed verification on import and were refused "
                                 "automatically, so no test decision was needed: %1.",
                                 nullptr, int(refused.size()))
                              .arg(QLocale().createSeparatedList(refused)),
                          true);
    }
    if (d.otherReleases() > 0) {
        html += paragraph(Tr::tr("%Ln release(s) are not security-only; the 7-day window does not "
                                 "apply to them and they are not counted above.",
                                 nullptr, d.otherReleases()),
                          true);
    }
    return html;
}

Row rolloutRow(const ReportRollout &r, bool stopped)
{
    QStringList cells{r.name, r.releaseVersion};
    if (stopped)
        cells.append(rolloutStateDisplayName(r.state));
    cells
        += {dateTime(r.ended),    number(r.targets),
            number(r.succeeded),  number(r.failed),
            number(r.notReached), r.results() > 0 ? DeviceFormat::percent(r.failureRate()) : Dash};
    return {cells, stopped && r.state == RolloutState::Halted};
}

QString rollouts(const ComplianceReportData &d)
{
    QString html = heading(Tr::tr("Rollouts"));
    html += paragraph(Tr::tr("Staged rollouts that ended by the end of the report date. The "
                             "failure rate is the share of failed (or rolled back) updates among "
                             "the devices that reported a result."));
    int targets = 0;
    int succeeded = 0;
    int failed = 0;
    QList<Row> rows;
    for (const ReportRollout &r : d.completed) {
        targets += r.targets;
        succeeded += r.succeeded;
        failed += r.failed;
        rows.append(rolloutRow(r, false));
    }
    if (rows.isEmpty()) {
        html += paragraph(Tr::tr("No rollout was completed by the report date."));
    } else {
        html += strong(Tr::tr("%Ln rollout(s) completed: %1 of %2 targeted devices updated, %3 "
                              "failed (failure rate %4).",
                              nullptr, int(d.completed.size()))
                           .arg(number(succeeded), number(targets), number(failed),
                                succeeded + failed > 0
                                    ? DeviceFormat::percent(double(failed) / (succeeded + failed))
                                    : Dash));
        rows.append(
            {{Tr::tr("All completed"), QString(), QString(), number(targets), number(succeeded),
              number(failed), QString(),
              succeeded + failed > 0 ? DeviceFormat::percent(double(failed) / (succeeded + failed))
                                     : Dash},
             false,
             true});
        html += table({Tr::tr("Rollout"), Tr::tr("Release"), Tr::tr("Finished"), Tr::tr("Targets"),
                       Tr::tr("Succeeded"), Tr::tr("Failed"), Tr::tr("Not reached"),
                       Tr::tr("Failure rate")},
                      QLatin1String("lklrrrrr"), rows);
    }
    html += QStringLiteral("<h3>%1</h3>").arg(esc(Tr::tr("Cancelled or halted")));
    if (d.stopped.isEmpty()) {
        html += paragraph(Tr::tr("No rollout was cancelled or halted by the report date."));
    } else {
        QList<Row> stopped;
        QStringList reasons; // too long for a column: listed below the table
        for (const ReportRollout &r : d.stopped) {
            stopped.append(rolloutRow(r, true));
            if (!r.reason.isEmpty())
                reasons.append(Tr::tr("%1: %2").arg(r.name, r.reason));
        }
        html += table({Tr::tr("Rollout"), Tr::tr("Release"), Tr::tr("State"), Tr::tr("Since"),
                       Tr::tr("Targets"), Tr::tr("Succeeded"), Tr::tr("Failed"),
                       Tr::tr("Not reached"), Tr::tr("Failure rate")},
                      QLatin1String("lkllrrrrr"), stopped);
        for (const QString &reason : std::as_const(reasons))
            html += paragraph(reason, true);
    }
    return html;
}

} // namespace

QString ComplianceReportBuilder::title(const ComplianceReportData &data)
{
    return tr("Compliance report %1").arg(data.date.toString(Qt::ISODate));
}

QString ComplianceReportBuilder::authorText(const ComplianceReportData &data)
{
    if (data.author.name.trimmed().isEmpty())
        return tr("an unnamed operator");
    return tr("%1 (%2)").arg(data.author.name, Operator::roleDisplayName(data.author.role));
}

QString ComplianceReportBuilder::html(const ComplianceReportData &d)
{
    QString html = QStringLiteral("<html><body>");
    html += QStringLiteral("<h1>%1</h1>").arg(esc(tr("Compliance report")));
    html += QStringLiteral("<p style=\"font-size: large;\"><b>%1</b></p>")
                .arg(esc(QLocale().toString(d.date, QLocale::LongFormat)));
    html += paragraph(tr("Prepared by %1 on %2. Fleet: %Ln device(s).", nullptr, d.fleet.devices)
                          .arg(authorText(d), dateTime(d.generated)));
    if (!d.fleetSource.isEmpty())
        html += paragraph(tr("Source: %1").arg(d.fleetSource), true);
    // What "as of the date" means, before the figures: the fleet has no history, the decisions
    // and rollouts do.
    html += paragraph(tr("Device counts are the fleet as the Status Tracker recorded it when the "
                         "report was generated; patch ages and support status are measured at "
                         "the report date. Decisions and rollouts are those recorded before %1 "
                         "(the end of the report date); waiting releases are measured at %2.")
                          .arg(dateTime(d.cutoff), dateTime(d.asOf)),
                      true);
    html += atAGlance(d);
    html += patchAge(d);
    html += supportStatus(d);
    html += decisions(d);
    html += rollouts(d);
    html += QStringLiteral("</body></html>");
    return html;
}

std::unique_ptr<QTextDocument> ComplianceReportBuilder::document(const ComplianceReportData &data)
{
    auto doc = std::make_unique<QTextDocument>();
    doc->setDocumentMargin(0);
    QFont font = doc->defaultFont();
    font.setPointSizeF(9.5);
    doc->setDefaultFont(font);
    doc->setMetaInformation(QTextDocument::DocumentTitle, title(data));
    doc->setHtml(html(data));
    return doc;
}

} // namespace Patchboard
