// SPDX-License-Identifier: Apache-2.0
#include "compliancereportdata.h"

#include "domain/releaserules.h"

#include <QTime>

#include <algorithm>

namespace Patchboard {

namespace {

bool isDecision(ReleaseState state)
{
    // The decision SSU-TES-0010 measures: a test engineer approved or rejected the release.
    // Withdrawal comes after an approval and does not restart the clock.
    return state == ReleaseState::Approved || state == ReleaseState::Rejected;
}

QString actorText(const ReleaseTransition &t)
{
    if (t.actor.isEmpty())
        return {};
    const std::optional<OperatorRole> role = Operator::roleFromName(t.role);
    if (!role)
        return t.actor;
    return QStringLiteral("%1 (%2)").arg(t.actor, Operator::roleDisplayName(*role));
}

int waveSum(const RolloutSummary &s, int WaveProgress::*field)
{
    int sum = 0;
    for (const WaveProgress &wave : s.waves)
        sum += wave.*field;
    return sum;
}

} // namespace

int ComplianceReportData::securityReleases() const
{
    return int(std::count_if(releases.cbegin(), releases.cend(),
                             [](const ReportRelease &r) { return r.windowApplies(); }));
}

int ComplianceReportData::decidedSecurityReleases() const
{
    return int(std::count_if(releases.cbegin(), releases.cend(), [](const ReportRelease &r) {
        return r.windowApplies() && r.isDecided();
    }));
}

int ComplianceReportData::decidedWithinWindow() const
{
    return int(std::count_if(releases.cbegin(), releases.cend(), [](const ReportRelease &r) {
        return r.windowApplies() && r.isDecided() && r.window.decidedWithinWindow;
    }));
}

int ComplianceReportData::waitingSecurityReleases() const
{
    return int(std::count_if(releases.cbegin(), releases.cend(), [](const ReportRelease &r) {
        return r.windowApplies() && r.isWaiting();
    }));
}

int ComplianceReportData::overdueReleases() const
{
    return int(std::count_if(releases.cbegin(), releases.cend(), [](const ReportRelease &r) {
        return r.windowApplies() && r.isWaiting() && r.window.overdue;
    }));
}

int ComplianceReportData::refusedOnImport() const
{
    return int(std::count_if(releases.cbegin(), releases.cend(), [](const ReportRelease &r) {
        return r.state == ReleaseState::Refused;
    }));
}

int ComplianceReportData::otherReleases() const
{
    return int(std::count_if(releases.cbegin(), releases.cend(), [](const ReportRelease &r) {
        return r.type != ReleaseType::Security && r.state != ReleaseState::Refused;
    }));
}

int ComplianceReportData::devicesOutOfDate() const
{
    int sum = 0;
    for (const PatchAgeBin &bin : fleet.patchAge) {
        if (bin.minDays > fleet.policy.outOfDateDays)
            sum += bin.devices;
    }
    return sum;
}

// The operator picks a calendar day in their own time zone; everything recorded before the next
// local midnight belongs to it.
QDateTime ComplianceReportData::cutoffOf(QDate date)
{
    return QDateTime(date.addDays(1), QTime(0, 0), Qt::LocalTime).toUTC();
}

bool ComplianceReportData::needsHistory(const ReleaseSummary &summary, const QDateTime &cutoff)
{
    // Only a decided release can have changed since the cut-off; the history says when and who.
    return summary.received.isValid() && summary.received < cutoff
        && summary.state != ReleaseState::Refused && ReleaseStates::isDecided(summary.state);
}

bool ComplianceReportData::needsHistory(const RolloutSummary &summary)
{
    // The summary has no time for a halt; the history does.
    return summary.state == RolloutState::Halted;
}

std::optional<ReportRelease>
ComplianceReportData::releaseAsOf(const ReleaseSummary &summary,
                                  const QList<ReleaseTransition> &history, const QDateTime &cutoff,
                                  const QDateTime &asOf)
{
    if (!summary.received.isValid() || summary.received >= cutoff)
        return std::nullopt; // not received yet at the report date
    ReportRelease r;
    r.id = summary.id;
    r.version = summary.version;
    r.models = summary.models;
    r.type = summary.type;
    r.received = summary.received;
    if (summary.state == ReleaseState::Refused) {
        // Verification refused it on import: nothing for a test engineer to decide.
        r.state = ReleaseState::Refused;
        return r;
    }

    // Replay the history up to the cut-off: where the release stood, and the decision if any.
    r.state = ReleaseState::Received;
    for (const ReleaseTransition &t : history) {
        if (!t.time.isValid())
            continue;
        if (t.time >= cutoff)
            break; // oldest first: the rest is later still
        if (isDecision(t.to) && !r.decided.isValid()) {
            r.decided = t.time;
            r.decidedBy = actorText(t);
            r.state = t.to;
        } else if (t.to == ReleaseState::Withdrawn) {
            r.withdrawn = t.time;
        } else if (!r.decided.isValid()) {
            r.state = t.to;
        }
    }
    // A backend that keeps no history still gives the decision time.
    if (history.isEmpty()) {
        if (ReleaseStates::isDecided(summary.state) && summary.decided.isValid()
            && summary.decided < cutoff) {
            r.decided = summary.decided;
            r.state
                = summary.state == ReleaseState::Withdrawn ? ReleaseState::Approved : summary.state;
        } else {
            r.state
                = ReleaseStates::isDecided(summary.state) ? ReleaseState::Verified : summary.state;
        }
    }
    // SSU-TES-0010: received -> decision, or received -> the report's moment while waiting.
    r.window = ReleaseRules::testWindow(r.received, r.decided, asOf);
    return r;
}

std::optional<ReportRollout>
ComplianceReportData::rolloutAsOf(const RolloutSummary &summary,
                                  const QList<RolloutTransition> &history, const QDateTime &cutoff)
{
    QDateTime ended;
    switch (summary.state) {
    case RolloutState::Completed:
    case RolloutState::Cancelled:
        ended = summary.finished;
        break;
    case RolloutState::Halted:
        // The latest halt (a rollout can halt, resume and halt again).
        for (const RolloutTransition &t : history) {
            if (t.to == RolloutState::Halted && t.time.isValid())
                ended = t.time;
        }
        if (!ended.isValid())
            ended = summary.started; // no history: the earliest it can have halted
        break;
    default:
        return std::nullopt;
    }
    if (!ended.isValid() || ended >= cutoff)
        return std::nullopt;
    ReportRollout r;
    r.id = summary.id;
    r.name = summary.name;
    r.releaseVersion = summary.releaseVersion;
    r.state = summary.state;
    r.targets = summary.targets;
    r.succeeded = summary.succeeded();
    r.failed = summary.failed();
    r.notReached = waveSum(summary, &WaveProgress::cancelled);
    r.started = summary.started;
    r.ended = ended;
    r.reason = summary.haltReason;
    return r;
}

ComplianceReportData ComplianceReportData::assemble(QDate date, const Operator &author,
                                                    const QDateTime &generated,
                                                    const ComplianceReportSources &sources)
{
    ComplianceReportData data;
    data.date = date;
    data.cutoff = cutoffOf(date);
    data.generated = generated.toUTC();
    // A report for today measures waiting releases now, not at midnight still to come.
    data.asOf = std::min(data.cutoff, data.generated);
    data.author = author;
    data.fleetSource = sources.fleetSource;
    data.fleet = sources.fleet;

    for (const ReleaseSummary &s : sources.releases) {
        if (std::optional<ReportRelease> r
            = releaseAsOf(s, sources.releaseHistory.value(s.id), data.cutoff, data.asOf))
            data.releases.append(*r);
    }
    std::stable_sort(
        data.releases.begin(), data.releases.end(),
        [](const ReportRelease &a, const ReportRelease &b) { return a.received > b.received; });

    for (const RolloutSummary &s : sources.rollouts) {
        const std::optional<ReportRollout> r
            = rolloutAsOf(s, sources.rolloutHistory.value(s.id), data.cutoff);
        if (!r)
            continue;
        (r->state == RolloutState::Completed ? data.completed : data.stopped).append(*r);
    }
    const auto newestFirst = [](const ReportRollout &a, const ReportRollout &b) {
        return a.ended > b.ended;
    };
    std::stable_sort(data.completed.begin(), data.completed.end(), newestFirst);
    std::stable_sort(data.stopped.begin(), data.stopped.end(), newestFirst);
    return data;
}

} // namespace Patchboard
