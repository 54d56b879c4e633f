// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "domain/release.h"

#include <QColor>
#include <QCoreApplication>
#include <QString>

class QPalette;

namespace Patchboard {

// How releases read on screen, in one place so that the list, the detail panel and the dialogs
// agree. Dates follow the system locale (via DeviceFormat); patch levels stay ISO.
class ReleaseFormat
{
    Q_DECLARE_TR_FUNCTIONS(Patchboard::ReleaseFormat)
public:
    static QString typeName(ReleaseType type);
    static QString changeKindName(ChangeKind kind);
    static QString severityName(VulnerabilitySeverity severity);
    // The stable check names ("signature", "image:modem.bin") as an operator reads them.
    static QString checkName(const QString &name);
    // ✓, ✗ or ⚠ followed by a word: the result is never told by colour alone.
    static QString checkResult(const ReleaseCheck &check);
    static QString outcomeText(const TestCaseResult &result);
    static QString duration(qint64 seconds); // "2 days 4 hours", "35 minutes"
    static QString models(const QStringList &models);

    // SSU-TES-0010: the one-week test window counts only while a release awaits a decision.
    static bool isAwaitingDecision(ReleaseState state);
    static bool isOverdue(const ReleaseSummary &summary);
    // The list's short form: "5 days left", "Due today", "⚠ Overdue by 2 days", "Decided in 3
    // days".
    static QString windowShort(const ReleaseSummary &summary);
    // One sentence with the deadline, or the time the decision took against the window.
    static QString windowSentence(const ReleaseSummary &summary);

    static QString checkMark(); // ✓
    static QString crossMark(); // ✗
    // Text colour for things that went right (passed checks), readable on dark themes too.
    static QColor goodColor();
    // The same for a given palette (a delegate painting with its view's palette).
    static QColor goodColor(const QPalette &palette);
};

} // namespace Patchboard
