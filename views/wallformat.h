// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "domain/rollout.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QString>

namespace Patchboard {

// What the wall screen says about rollouts, and which it shows in which order (issue #5): kept
// apart from the widgets so that the words and the order are tested as plain values. Numbers and
// times follow the locale (through DeviceFormat / RolloutFormat); states carry a word and a mark.
class WallFormat
{
    Q_DECLARE_TR_FUNCTIONS(Patchboard::WallFormat)
public:
    // Completed and cancelled rollouts stay on the wall this long after they finished (on the
    // rollout clock), dimmed, after the active ones: the room sees how the last one ended.
    static constexpr qint64 RecentSeconds = 4 * 3600;

    // Scheduled, running, paused or halted.
    static bool isActive(RolloutState state);
    // Completed or cancelled at most RecentSeconds before now (or after now: the list may be a
    // step ahead of the clock signal).
    static bool isRecentlyFinished(const RolloutSummary &rollout, const QDateTime &now);
    // The rollouts the wall shows, in order: halted first, then running, paused, scheduled (each
    // in the backend's order, newest first), then the recently finished, latest first. Drafts and
    // rollouts finished longer ago are left out.
    static QList<RolloutSummary> wallOrder(const QList<RolloutSummary> &rollouts,
                                           const QDateTime &now);

    // "⚠ HALTED", "▶ Running", "‖ Paused", "◷ Scheduled", "✓ Completed", "⊘ Cancelled".
    static QString stateText(RolloutState state);

    // The wave the rollout is on (1-based currentWave), or null before the first one started.
    static const WaveProgress *currentWave(const RolloutSummary &rollout);
    // The wave's failures as its error threshold counts them: failed / (succeeded + failed +
    // verified), since the last resume after a halt (RolloutRules::failurePercent), in percent.
    static double failurePercent(const WaveProgress &wave);
    // The results the error threshold counts (since the last resume after a halt).
    static int thresholdResults(const WaveProgress &wave);
    // More failures than the error threshold allows (whether or not enough results are in).
    static bool aboveThreshold(const WaveProgress &wave);
    // "Failure rate 7.2% · threshold 5%" (with a warning mark when above it) for the current wave;
    // empty when no wave has started.
    static QString failureRate(const RolloutSummary &rollout);
    // "Threshold applies from 100 results; 62 so far" while the current wave's error threshold
    // waits for results, else empty.
    static QString thresholdNote(const RolloutSummary &rollout);
    // "412 of 1,000 devices updated".
    static QString devicesUpdated(const RolloutSummary &rollout);
    // A wave's state as a mark in front of its name: ✓ succeeded, ▶ running, ⚠ halted, ○ pending,
    // ⊘ cancelled, ‖ waiting for the gate (the words are in the tile's accessible description).
    static QString waveMark(const WaveProgress &wave);
    // "▶ Wave 2 · 10%".
    static QString waveLabel(const WaveProgress &wave);
    // When it starts or ended, or what it waits for: "Starts Nov 12, 2025, 10:00 AM", "Waiting
    // for an operator to continue to wave 3", "Wave 3 starts at 3:00 PM, after soaking",
    // "Finished 2:05 PM". Empty when nothing is worth saying.
    static QString timing(const RolloutSummary &rollout, const QDateTime &now);
    // Over the active rollouts among them: "2 running · 0 halted", or "⚠ 1 halted · 2 running"
    // with halted ones, and paused / scheduled counts when there are any.
    static QString countSummary(const QList<RolloutSummary> &rollouts);
    // A whole tile as sentences, for screen readers.
    static QString description(const RolloutSummary &rollout, const QDateTime &now);

    // A date-time on the rollout clock, shown in local time: "3:15 AM" (or with the date when it
    // is not the day of `now`).
    static QString time(const QDateTime &utc, const QDateTime &now);
    // "Wednesday, November 12, 2025".
    static QString longDate(const QDateTime &utc);
    // The locale's short time with seconds: "2:03:33 PM", "14:03:33".
    static QString timeWithSeconds(const QTime &time);
};

} // namespace Patchboard
