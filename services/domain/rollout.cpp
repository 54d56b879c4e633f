// SPDX-License-Identifier: Apache-2.0
#include "rollout.h"

#include <QCoreApplication>

#include <tuple>

namespace Patchboard {

namespace {

// The translation context of this file's messages (see releasestate.cpp for why a class).
class Tr
{
    Q_DECLARE_TR_FUNCTIONS(Patchboard::Rollout)
};

} // namespace

bool isTerminal(TargetState state)
{
    switch (state) {
    case TargetState::Succeeded:
    case TargetState::Failed:
    case TargetState::RolledBack:
    case TargetState::Cancelled:
    case TargetState::Expired:
        return true;
    case TargetState::Pending:
    case TargetState::Offered:
    case TargetState::Downloading:
    case TargetState::Verifying:
    case TargetState::Installing:
    case TargetState::Rebooting:
    case TargetState::Postponed:
        return false;
    }
    return false;
}

bool isInProgress(TargetState state)
{
    return state >= TargetState::Offered && state <= TargetState::Postponed;
}

// Every field, in declaration order (C++17 has no defaulted operator==).
bool RolloutTargetFilter::operator==(const RolloutTargetFilter &o) const
{
    return std::tie(modelIds, regionIds, patchLevelBefore, sequenceBelow, includeRooted,
                    includePorted, includeUnsupported)
        == std::tie(o.modelIds, o.regionIds, o.patchLevelBefore, o.sequenceBelow, o.includeRooted,
                    o.includePorted, o.includeUnsupported);
}

bool WavePlan::operator==(const WavePlan &o) const
{
    return std::tie(size, percent, count, successThreshold, errorThreshold, minimumResults,
                    soakMinutes, manualGate)
        == std::tie(o.size, o.percent, o.count, o.successThreshold, o.errorThreshold,
                    o.minimumResults, o.soakMinutes, o.manualGate);
}

bool MaintenanceWindow::operator==(const MaintenanceWindow &o) const
{
    return std::tie(enabled, start, end) == std::tie(o.enabled, o.start, o.end);
}

bool EndUserNotice::operator==(const EndUserNotice &o) const
{
    return std::tie(title, summary, manufacturerFallback, fallbackUrl)
        == std::tie(o.title, o.summary, o.manufacturerFallback, o.fallbackUrl);
}

bool RolloutPlan::operator==(const RolloutPlan &o) const
{
    return std::tie(releaseId, name, targets, waves, start, deadline, window, notice)
        == std::tie(o.releaseId, o.name, o.targets, o.waves, o.start, o.deadline, o.window,
                    o.notice);
}

QList<WavePlan> RolloutPlan::defaultWaves()
{
    // A canary of 1% that may decide on fewer results (a small fleet's 1% is a handful of
    // devices) and asks for a little less: one unlucky device must not block the rollout.
    WavePlan canary;
    canary.size = WavePlan::Size::Percent;
    canary.percent = 1;
    canary.minimumResults = 5;
    canary.successThreshold = 90;

    // The big waves decide on more results: with models failing 2-3% of the time anyway, 2 of
    // 20 results (10%) over a 5% threshold happens by chance alone; 10 of 200 rarely does.
    WavePlan tenPercent;
    tenPercent.size = WavePlan::Size::Percent;
    tenPercent.percent = 10;
    tenPercent.minimumResults = 100;

    WavePlan half;
    half.size = WavePlan::Size::Percent;
    half.percent = 50;
    half.minimumResults = 200;

    WavePlan rest;
    rest.size = WavePlan::Size::Rest;
    rest.minimumResults = 200;

    return {canary, tenPercent, half, rest};
}

int RolloutSummary::succeeded() const
{
    int sum = 0;
    for (const WaveProgress &wave : waves)
        sum += wave.succeeded;
    return sum;
}

int RolloutSummary::failed() const
{
    int sum = 0;
    for (const WaveProgress &wave : waves)
        sum += wave.failed;
    return sum;
}

int RolloutSummary::inProgress() const
{
    int sum = 0;
    for (const WaveProgress &wave : waves)
        sum += wave.inProgress + wave.postponed;
    return sum;
}

int RolloutSummary::pending() const
{
    int sum = 0;
    for (const WaveProgress &wave : waves)
        sum += wave.pending;
    return sum;
}

QString rolloutStateName(RolloutState state)
{
    switch (state) {
    case RolloutState::Draft:
        return QStringLiteral("draft");
    case RolloutState::Scheduled:
        return QStringLiteral("scheduled");
    case RolloutState::Running:
        return QStringLiteral("running");
    case RolloutState::Paused:
        return QStringLiteral("paused");
    case RolloutState::Halted:
        return QStringLiteral("halted");
    case RolloutState::Completed:
        return QStringLiteral("completed");
    case RolloutState::Cancelled:
        return QStringLiteral("cancelled");
    }
    return {};
}

std::optional<RolloutState> rolloutStateFromName(const QString &name)
{
    for (int i = 0; i < RolloutStateCount; ++i) {
        if (rolloutStateName(RolloutState(i)) == name)
            return RolloutState(i);
    }
    return std::nullopt;
}

QString rolloutStateDisplayName(RolloutState state)
{
    switch (state) {
    case RolloutState::Draft:
        return Tr::tr("Draft");
    case RolloutState::Scheduled:
        return Tr::tr("Scheduled");
    case RolloutState::Running:
        return Tr::tr("Running");
    case RolloutState::Paused:
        return Tr::tr("Paused");
    case RolloutState::Halted:
        return Tr::tr("Halted");
    case RolloutState::Completed:
        return Tr::tr("Completed");
    case RolloutState::Cancelled:
        return Tr::tr("Cancelled");
    }
    return {};
}

QString waveStateName(WaveState state)
{
    switch (state) {
    case WaveState::Pending:
        return QStringLiteral("pending");
    case WaveState::Running:
        return QStringLiteral("running");
    case WaveState::Succeeded:
        return QStringLiteral("succeeded");
    case WaveState::Halted:
        return QStringLiteral("halted");
    case WaveState::Cancelled:
        return QStringLiteral("cancelled");
    }
    return {};
}

std::optional<WaveState> waveStateFromName(const QString &name)
{
    for (int i = 0; i < WaveStateCount; ++i) {
        if (waveStateName(WaveState(i)) == name)
            return WaveState(i);
    }
    return std::nullopt;
}

QString waveStateDisplayName(WaveState state)
{
    switch (state) {
    case WaveState::Pending:
        return Tr::tr("Pending", "wave state");
    case WaveState::Running:
        return Tr::tr("Running", "wave state");
    case WaveState::Succeeded:
        return Tr::tr("Succeeded", "wave state");
    case WaveState::Halted:
        return Tr::tr("Halted", "wave state");
    case WaveState::Cancelled:
        return Tr::tr("Cancelled", "wave state");
    }
    return {};
}

QString targetStateDisplayName(TargetState state)
{
    switch (state) {
    case TargetState::Pending:
        return Tr::tr("Pending", "device in a rollout");
    case TargetState::Offered:
        return Tr::tr("Offered");
    case TargetState::Downloading:
        return Tr::tr("Downloading");
    case TargetState::Verifying:
        return Tr::tr("Verifying");
    case TargetState::Installing:
        return Tr::tr("Installing");
    case TargetState::Rebooting:
        return Tr::tr("Rebooting");
    case TargetState::Postponed:
        return Tr::tr("Postponed");
    case TargetState::Succeeded:
        return Tr::tr("Succeeded", "device in a rollout");
    case TargetState::Failed:
        return Tr::tr("Failed");
    case TargetState::RolledBack:
        return Tr::tr("Rolled back");
    case TargetState::Cancelled:
        return Tr::tr("Cancelled", "device in a rollout");
    case TargetState::Expired:
        return Tr::tr("Expired");
    }
    return {};
}

} // namespace Patchboard
