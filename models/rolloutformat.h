// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "domain/rollout.h"

#include <QColor>
#include <QCoreApplication>
#include <QMetaType>
#include <QString>

namespace Patchboard {

// How rollouts read on screen, in one place so that the list, the detail panel, the progress
// bars and the new-rollout dialog agree. Numbers and dates follow the system locale (via
// DeviceFormat); every state carries a word and a mark, never a colour alone.
class RolloutFormat
{
    Q_DECLARE_TR_FUNCTIONS(Patchboard::RolloutFormat)
public:
    // The four parts of a stacked progress bar (and the devices that will never be offered).
    struct Counts
    {
        int succeeded = 0;
        int failed = 0; // including rolled back
        int rolledBack = 0; // of failed
        int inProgress = 0; // offered .. rebooting, and postponed
        int postponed = 0; // of inProgress
        int pending = 0;
        int cancelled = 0; // cancelled or expired: will not be offered

        int total() const { return succeeded + failed + inProgress + pending + cancelled; }
        Counts &operator+=(const Counts &other);
        friend bool operator==(const Counts &a, const Counts &b);
        friend bool operator!=(const Counts &a, const Counts &b) { return !(a == b); }
    };
    static Counts counts(const WaveProgress &wave);
    static Counts counts(const RolloutSummary &rollout); // over its waves

    // "⚠ Halted", "✓ Completed", "Running": the state as a word with a mark where it matters.
    static QString stateText(RolloutState state);
    // The text colour of a state, or an invalid colour for the palette's own.
    static QColor stateColor(RolloutState state);
    // "Running", "Soaking until 14:00", "Waiting for the gate", "⚠ Halted".
    static QString waveStateText(const WaveProgress &wave);
    static QColor waveStateColor(const WaveProgress &wave);

    // "1%", "500 devices", "The rest".
    static QString waveSize(const WavePlan &plan);
    // "Wave 2 · 10%"; just "Wave 2" when the plan has no valid size (a 0% or 0-device wave).
    static QString waveName(int number, const WavePlan &plan);
    // "≥ 95% succeed; halt above 5% failed (from 20 results)".
    static QString thresholds(const WavePlan &plan);
    // "60 min", "none".
    static QString soak(int minutes);
    static QString percent(double value); // 95 -> "95%", 0.5 -> "0.5%"
    // "01:00–05:00 device-local time" or "Any time".
    static QString window(const MaintenanceWindow &window);

    // "✓ 412 · ✗ 3 · ◐ 20 · ○ 565" (parts that are zero are left out, except pending).
    static QString progressText(const Counts &counts);
    // Every number written out, one per line, with its share.
    static QString progressToolTip(const Counts &counts);

    static QString succeededMark(); // ✓
    static QString failedMark(); // ✗
    static QString inProgressMark(); // ◐
    static QString pendingMark(); // ○
    static QString cancelledMark(); // ⊘
};

} // namespace Patchboard

Q_DECLARE_METATYPE(Patchboard::RolloutFormat::Counts)
