// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "domain/compliance.h"
#include "domain/operator.h"
#include "domain/release.h"
#include "domain/rollout.h"

#include <QDate>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <optional>

namespace Patchboard {

// One release as it stood at the end of the report date: decided by then, or still waiting.
struct ReportRelease
{
    qint64 id = 0;
    QString version;
    QStringList models;
    ReleaseType type = ReleaseType::Security;
    QDateTime received;
    // Approved or Rejected once decided by the cut-off; Refused when verification refused it on
    // import; otherwise the state it was waiting in (Received, Verified, InTesting).
    ReleaseState state = ReleaseState::Received;
    QDateTime decided; // invalid while waiting at the cut-off
    QString decidedBy; // "tom (Test engineer)"; empty when the backend did not say
    QDateTime withdrawn; // approved, then withdrawn by the cut-off; invalid otherwise
    TestWindow window; // measured at the report's moment (SSU-TES-0010)

    // SSU-TES-0010 is about security-only updates; refused releases were never tested.
    bool windowApplies() const
    {
        return type == ReleaseType::Security && state != ReleaseState::Refused;
    }
    bool isDecided() const { return decided.isValid(); }
    bool isWaiting() const { return !isDecided() && state != ReleaseState::Refused; }
};

// One rollout that had ended (completed or cancelled) or stood halted at the cut-off.
struct ReportRollout
{
    qint64 id = 0;
    QString name;
    QString releaseVersion;
    RolloutState state = RolloutState::Completed;
    int targets = 0;
    int succeeded = 0;
    int failed = 0; // including rolled back
    int notReached = 0; // cancelled or expired before the device was offered
    QDateTime started;
    QDateTime ended; // finished (completed, cancelled) or halted
    QString reason; // why it halted

    int results() const { return succeeded + failed; }
    // Failed share of the devices that reported a result (0..1).
    double failureRate() const { return results() > 0 ? double(failed) / results() : 0.0; }
};

// The answers of the three backends, as they came: what ComplianceReportData::assemble() reads.
struct ComplianceReportSources
{
    QString fleetSource; // TrackerBackend::description()
    ComplianceSummary fleet;
    QList<ReleaseSummary> releases;
    // Release id -> its history (oldest first), for the releases decided before the cut-off.
    QHash<qint64, QList<ReleaseTransition>> releaseHistory;
    QList<RolloutSummary> rollouts;
    // Rollout id -> its history (oldest first), for the rollouts halted now.
    QHash<qint64, QList<RolloutTransition>> rolloutHistory;
};

// Everything the compliance report of one date shows (issue #5): the fleet by patch age and
// support status, the security update decisions against the 7-day window (SSU-TES-0010), and the
// rollouts that ended by that date. A plain value: gathered by ComplianceReportGatherer, turned
// into a document by ComplianceReportBuilder.
struct ComplianceReportData
{
    QDate date;
    QDateTime cutoff; // the start of the day after date (local time): nothing later counts
    QDateTime asOf; // the earlier of cutoff and generated: windows are measured here
    QDateTime generated;
    Operator author;
    QString fleetSource;
    ComplianceSummary fleet;

    QList<ReportRelease> releases; // received before the cut-off, newest first
    QList<ReportRollout> completed; // completed before the cut-off, newest first
    QList<ReportRollout> stopped; // cancelled before, or halted at the cut-off, newest first

    // SSU-TES-0010 figures over the security releases (windowApplies()).
    int securityReleases() const;
    int decidedSecurityReleases() const;
    int decidedWithinWindow() const;
    int waitingSecurityReleases() const;
    int overdueReleases() const; // waiting past their 7 days at asOf
    int refusedOnImport() const;
    int otherReleases() const; // not security-only: the window does not apply

    int devicesOutOfDate() const; // in patch-age bins older than the policy allows

    // Before the cut-off, as of the report: see the .cpp for the rules.
    static QDateTime cutoffOf(QDate date);
    static ComplianceReportData assemble(QDate date, const Operator &author,
                                         const QDateTime &generated,
                                         const ComplianceReportSources &sources);
    static std::optional<ReportRelease> releaseAsOf(const ReleaseSummary &summary,
                                                    const QList<ReleaseTransition> &history,
                                                    const QDateTime &cutoff, const QDateTime &asOf);
    static std::optional<ReportRollout> rolloutAsOf(const RolloutSummary &summary,
                                                    const QList<RolloutTransition> &history,
                                                    const QDateTime &cutoff);
    // Which releases and rollouts need their history for assemble() (the gatherer asks for it).
    static bool needsHistory(const ReleaseSummary &summary, const QDateTime &cutoff);
    static bool needsHistory(const RolloutSummary &summary);
};

} // namespace Patchboard

Q_DECLARE_METATYPE(Patchboard::ComplianceReportData)
