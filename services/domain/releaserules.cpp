// SPDX-License-Identifier: Apache-2.0
#include "releaserules.h"

#include <QCoreApplication>
#include <QSet>

#include <algorithm>

namespace Patchboard {

namespace {

// The translation context of this file's messages. Call Tr::tr() everywhere, also in free
// functions and lambdas: lupdate takes the context from Q_DECLARE_TR_FUNCTIONS, so the context
// it extracts is the one looked up at run time (for a plain tr() it uses the enclosing scope).
class Tr
{
    Q_DECLARE_TR_FUNCTIONS(Patchboard::ReleaseRules)
};

QString changeLabel(const ReleaseNotes &notes, int index)
{
    const ReleaseChange &change = notes.changes[index];
    QString description = change.description.simplified();
    if (description.size() > 80)
        description = description.left(77) + QStringLiteral("...");
    return Tr::tr("change %1 (%2, %3)")
        .arg(index + 1)
        .arg(ReleaseNotes::kindName(change.kind), description);
}

} // namespace

ReleaseRules::SecurityOnly ReleaseRules::securityOnly(const ReleaseNotes &notes)
{
    SecurityOnly result;
    const QString name = QStringLiteral("security-only");
    if (notes.type != ReleaseType::Security) {
        result.check = ReleaseCheck::pass(
            name,
            Tr::tr("Not claimed: this is a %1 release.").arg(ReleaseNotes::typeName(notes.type)));
        return result;
    }
    QStringList problems;
    for (int i = 0; i < notes.changes.size(); ++i) {
        const ReleaseChange &change = notes.changes[i];
        if (change.kind != ChangeKind::Security) {
            result.offending.append(i);
            problems.append(Tr::tr("%1 is not a security fix").arg(changeLabel(notes, i)));
        } else if (change.cves.isEmpty()) {
            result.offending.append(i);
            problems.append(Tr::tr("%1 names no CVE").arg(changeLabel(notes, i)));
        }
    }
    if (problems.isEmpty()) {
        result.check = ReleaseCheck::pass(
            name,
            Tr::tr("All %1 change(s) are security fixes with CVE IDs (SSU-SEC-0010).")
                .arg(notes.changes.size()));
    } else {
        result.check
            = ReleaseCheck::fail(name,
                                 Tr::tr("Cannot be approved as security-only (SSU-SEC-0010): %1.")
                                     .arg(problems.join(QStringLiteral("; "))));
    }
    return result;
}

ReleaseCheck ReleaseRules::antiRollback(quint64 sequence, std::optional<quint64> highestApproved,
                                        std::optional<quint64> highestInstalled)
{
    const QString name = QStringLiteral("anti-rollback");
    if (highestApproved && sequence <= *highestApproved)
        return ReleaseCheck::fail(name,
                                  Tr::tr("Sequence number %1 is not above %2, the highest already "
                                         "approved for this device class: a rollback "
                                         "(SESIP 5.5.6).")
                                      .arg(sequence)
                                      .arg(*highestApproved));
    if (highestInstalled && sequence <= *highestInstalled)
        return ReleaseCheck::fail(name,
                                  Tr::tr("Sequence number %1 is not above %2, the newest firmware "
                                         "the fleet already runs for this model: a rollback "
                                         "(SESIP 5.5.6).")
                                      .arg(sequence)
                                      .arg(*highestInstalled));
    QStringList above;
    if (highestApproved)
        above.append(Tr::tr("approved %1").arg(*highestApproved));
    if (highestInstalled)
        above.append(Tr::tr("installed %1").arg(*highestInstalled));
    return ReleaseCheck::pass(
        name,
        above.isEmpty() ? Tr::tr("Sequence number %1; nothing approved or installed yet for "
                                 "this device class.")
                              .arg(sequence)
                        : Tr::tr("Sequence number %1 is above %2.")
                              .arg(sequence)
                              .arg(above.join(QStringLiteral(", "))));
}

PatchLevel ReleaseRules::windowStart(const PatchLevel &claimed, std::optional<PatchLevel> baseline)
{
    if (baseline && baseline->isValid() && *baseline < claimed)
        return PatchLevel(baseline->date().addDays(1));
    return PatchLevel(QDate(claimed.date().year(), claimed.date().month(), 1));
}

ReleaseRules::CveCrossCheck ReleaseRules::cveCrossCheck(const ReleaseNotes &notes,
                                                        const QList<KnownVulnerability> &known,
                                                        std::optional<PatchLevel> baseline,
                                                        bool haveData)
{
    CveCrossCheck result;
    const QString name = QStringLiteral("cve-cross-check");
    if (!haveData) {
        result.check = ReleaseCheck::warning(
            name,
            Tr::tr("Not cross-checked: no Android security bulletin data (OSV) was imported."));
        return result;
    }
    const PatchLevel from = windowStart(notes.patchLevel, baseline);
    const QStringList listed = notes.cves();
    QSet<QString> seen;
    for (const KnownVulnerability &v : known) {
        if (!v.patchLevel.isValid() || v.patchLevel < from || notes.patchLevel < v.patchLevel)
            continue;
        if (listed.contains(v.cve) || seen.contains(v.cve))
            continue;
        seen.insert(v.cve);
        result.missing.append(v);
    }
    std::stable_sort(result.missing.begin(), result.missing.end(),
                     [](const KnownVulnerability &a, const KnownVulnerability &b) {
                         if (a.severity != b.severity)
                             return a.severity > b.severity;
                         return a.cve < b.cve;
                     });
    const QString window = Tr::tr("%1 to %2").arg(from.toString(), notes.patchLevel.toString());
    if (result.missing.isEmpty()) {
        result.check = ReleaseCheck::pass(
            name, Tr::tr("Every bulletin CVE fixed from %1 is in the notes.").arg(window));
    } else {
        QStringList names;
        for (const KnownVulnerability &v : std::as_const(result.missing))
            names.append(
                QStringLiteral("%1 (%2, %3)")
                    .arg(v.cve, ReleaseNotes::severityName(v.severity), v.patchLevel.toString()));
        result.check = ReleaseCheck::fail(
            name,
            Tr::tr("The claimed patch level %1 implies fixes the notes do not list (bulletins %2): "
                   "%3.")
                .arg(notes.patchLevel.toString(), window, names.join(QStringLiteral(", "))));
    }
    return result;
}

TestWindow ReleaseRules::testWindow(const QDateTime &received, const QDateTime &decided,
                                    const QDateTime &now)
{
    TestWindow window;
    window.deadline = received.addDays(TestWindow::Days);
    const QDateTime reference = decided.isValid() ? decided : now;
    const qint64 secondsLeft = reference.secsTo(window.deadline);
    // Whole days left, rounded towards the deadline: 0 on its last day, negative once past it.
    window.daysLeft
        = int(secondsLeft >= 0 ? secondsLeft / 86400 : -((-secondsLeft + 86399) / 86400));
    if (decided.isValid()) {
        window.decisionSeconds = received.secsTo(decided);
        window.decidedWithinWindow = decided <= window.deadline;
    } else {
        window.overdue = now > window.deadline;
    }
    return window;
}

QStringList ReleaseRules::approvalBlockers(ReleaseState state, const QList<ReleaseCheck> &checks,
                                           const TestPlan &plan, bool fourEyes,
                                           const QString &approver)
{
    QStringList blockers;
    if (!ReleaseStates::canTransition(state, ReleaseState::Approved))
        blockers.append(Tr::tr("A release that is %1 cannot be approved.")
                            .arg(ReleaseStates::displayNameInSentence(state)));
    if (checks.isEmpty())
        blockers.append(Tr::tr("The release has not been verified."));
    for (const ReleaseCheck &check : checks) {
        if (check.blocking && !check.passed)
            blockers.append(Tr::tr("Check %1 failed: %2").arg(check.name, check.reason));
    }
    if (plan.cases.isEmpty())
        blockers.append(Tr::tr("The release has no test plan."));
    for (const QString &open : plan.openCases())
        blockers.append(Tr::tr("Test case not passed or waived: %1").arg(open));
    if (fourEyes && !approver.isEmpty() && plan.contributors().contains(approver))
        blockers.append(
            Tr::tr("Four-eyes rule: %1 recorded test results for this release and cannot "
                   "also approve it.")
                .arg(approver));
    return blockers;
}

} // namespace Patchboard
