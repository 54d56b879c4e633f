// SPDX-License-Identifier: Apache-2.0
#include "releaseformat.h"

#include "deviceformat.h"

#include <QGuiApplication>
#include <QLocale>
#include <QPalette>

namespace Patchboard {

namespace {

bool darkPalette()
{
    if (!qobject_cast<QGuiApplication *>(QCoreApplication::instance()))
        return false;
    return QGuiApplication::palette().color(QPalette::Base).lightness() < 128;
}

} // namespace

QString ReleaseFormat::typeName(ReleaseType type)
{
    switch (type) {
    case ReleaseType::Security:
        return tr("Security");
    case ReleaseType::Maintenance:
        return tr("Maintenance");
    case ReleaseType::Feature:
        return tr("Feature");
    }
    return {};
}

QString ReleaseFormat::changeKindName(ChangeKind kind)
{
    switch (kind) {
    case ChangeKind::Security:
        return tr("Security fix");
    case ChangeKind::Bugfix:
        return tr("Bug fix");
    case ChangeKind::Maintenance:
        return tr("Maintenance");
    case ChangeKind::Feature:
        return tr("Feature");
    }
    return {};
}

QString ReleaseFormat::severityName(VulnerabilitySeverity severity)
{
    switch (severity) {
    case VulnerabilitySeverity::None:
        return tr("None");
    case VulnerabilitySeverity::Low:
        return tr("Low");
    case VulnerabilitySeverity::Moderate:
        return tr("Moderate");
    case VulnerabilitySeverity::High:
        return tr("High");
    case VulnerabilitySeverity::Critical:
        return tr("Critical");
    }
    return {};
}

QString ReleaseFormat::checkName(const QString &name)
{
    // docs/release-format.md, "Verification checklist".
    static const struct
    {
        const char *name;
        const char *text;
    } names[] = {
        {"bundle", QT_TR_NOOP("Bundle contents")},
        {"trusted-key", QT_TR_NOOP("Trusted key for the vendor")},
        {"envelope", QT_TR_NOOP("SUIT envelope")},
        {"authentication-wrapper", QT_TR_NOOP("Authentication wrapper")},
        {"signed", QT_TR_NOOP("Signed")},
        {"signature", QT_TR_NOOP("Signature")},
        {"manifest-digest", QT_TR_NOOP("Manifest digest")},
        {"manifest", QT_TR_NOOP("Manifest")},
        {"severable-members", QT_TR_NOOP("Severable members")},
        {"vendor-id", QT_TR_NOOP("Vendor ID")},
        {"components", QT_TR_NOOP("Components")},
        {"notes-digest", QT_TR_NOOP("Release notes digest")},
        {"notes", QT_TR_NOOP("Release notes")},
        {"security-only", QT_TR_NOOP("Security-only (SSU-SEC-0010)")},
        {"hardware", QT_TR_NOOP("Hardware models")},
        {"anti-rollback", QT_TR_NOOP("Anti-rollback (sequence number)")},
        {"cve-cross-check", QT_TR_NOOP("CVE cross-check with bulletins")},
    };
    for (const auto &entry : names) {
        if (name == QLatin1String(entry.name))
            return tr(entry.text);
    }
    if (name.startsWith(QLatin1String("image:")))
        return tr("Image %1").arg(name.mid(6));
    return name;
}

QString ReleaseFormat::checkMark()
{
    return QStringLiteral("\u2713"); // CHECK MARK
}

QString ReleaseFormat::crossMark()
{
    return QStringLiteral("\u2717"); // BALLOT X
}

QString ReleaseFormat::checkResult(const ReleaseCheck &check)
{
    if (check.passed)
        return checkMark() + QLatin1Char(' ') + tr("Passed");
    if (!check.blocking)
        return DeviceFormat::warningMarker() + tr("Warning");
    return crossMark() + QLatin1Char(' ') + tr("Failed");
}

QString ReleaseFormat::outcomeText(const TestCaseResult &result)
{
    QString text;
    switch (result.outcome) {
    case TestOutcome::Pending:
        text = tr("Not run");
        break;
    case TestOutcome::Passed:
        text = checkMark() + QLatin1Char(' ') + tr("Passed");
        break;
    case TestOutcome::Failed:
        text = crossMark() + QLatin1Char(' ') + tr("Failed");
        break;
    case TestOutcome::Blocked:
        text = DeviceFormat::warningMarker() + tr("Blocked");
        break;
    }
    return result.waived ? tr("%1, waived").arg(text) : text;
}

QString ReleaseFormat::duration(qint64 seconds)
{
    if (seconds < 0)
        return {};
    const qint64 days = seconds / 86400;
    const qint64 hours = (seconds % 86400) / 3600;
    if (days > 0 && hours > 0)
        return tr("%1 %2", "days, hours")
            .arg(tr("%Ln day(s)", nullptr, int(days)), tr("%Ln hour(s)", nullptr, int(hours)));
    if (days > 0)
        return tr("%Ln day(s)", nullptr, int(days));
    if (hours > 0)
        return tr("%Ln hour(s)", nullptr, int(hours));
    return tr("%Ln minute(s)", nullptr, int(qMax<qint64>(1, seconds / 60)));
}

QString ReleaseFormat::models(const QStringList &models)
{
    return QLocale().createSeparatedList(models);
}

bool ReleaseFormat::isAwaitingDecision(ReleaseState state)
{
    return state == ReleaseState::Received || state == ReleaseState::Verified
        || state == ReleaseState::InTesting;
}

bool ReleaseFormat::isOverdue(const ReleaseSummary &s)
{
    // The service flags an undecided release past its deadline; a refused one has no decision
    // time but is not waiting for anyone.
    return s.windowApplies && s.window.overdue && isAwaitingDecision(s.state);
}

QString ReleaseFormat::windowShort(const ReleaseSummary &s)
{
    if (isAwaitingDecision(s.state)) {
        if (isOverdue(s))
            return DeviceFormat::warningMarker()
                + tr("Overdue by %Ln day(s)", nullptr, qMax(1, -s.window.daysLeft));
        if (s.window.daysLeft <= 0)
            return tr("Due today");
        return tr("%Ln day(s) left", nullptr, s.window.daysLeft);
    }
    // Refused on import: verification decided, nobody had to.
    if (s.state == ReleaseState::Refused || s.window.decisionSeconds < 0)
        return QStringLiteral("\u2014");
    return tr("Decided in %1").arg(duration(s.window.decisionSeconds));
}

QString ReleaseFormat::windowSentence(const ReleaseSummary &s)
{
    const QString deadline = DeviceFormat::dateTime(s.window.deadline);
    if (isAwaitingDecision(s.state)) {
        if (!s.windowApplies)
            return tr("Not a security release: the 7-day test window (SSU-TES-0010) does not "
                      "apply. Suggested decision by %1.")
                .arg(deadline);
        if (isOverdue(s))
            return tr("Overdue: testing of a security release is to finish within 7 days of "
                      "receipt (SSU-TES-0010); the window ended %1.")
                .arg(deadline);
        return tr("Test window (SSU-TES-0010): decide by %1, %2.")
            .arg(deadline, tr("%Ln day(s) left", nullptr, qMax(0, s.window.daysLeft)));
    }
    if (s.state == ReleaseState::Refused)
        return tr("Refused on import: it failed verification, so no test window runs for it.");
    if (s.window.decisionSeconds >= 0) {
        const QString took = duration(s.window.decisionSeconds);
        if (!s.windowApplies)
            return tr("Decided %1 after receipt.").arg(took);
        return s.window.decidedWithinWindow
            ? tr("Decided %1 after receipt, within the 7-day test window (SSU-TES-0010).").arg(took)
            : tr("Decided %1 after receipt, later than the 7-day test window (SSU-TES-0010).")
                  .arg(took);
    }
    return {};
}

QColor ReleaseFormat::goodColor()
{
    return darkPalette() ? QColor(0x7e, 0xd3, 0x8a) : QColor(0x1b, 0x6e, 0x2a);
}

QColor ReleaseFormat::goodColor(const QPalette &palette)
{
    return palette.color(QPalette::Base).lightness() < 128 ? QColor(0x7e, 0xd3, 0x8a)
                                                          : QColor(0x1b, 0x6e, 0x2a);
}

} // namespace Patchboard
