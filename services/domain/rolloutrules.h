// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "rollout.h"

#include <QList>
#include <QStringList>
#include <QTimeZone>

#include <vector>

namespace Patchboard::RolloutRules {

// Validation of a plan's own parts (not its targets): names the wave or field at fault.
//   - at least one wave; at most one Rest wave, and only as the last wave
//   - percent waves in (0, 100]; count waves >= 1; percentages that add up to more than 100 (or
//     to 100 or more when a Rest wave follows); without a Rest wave, the waves must cover every
//     target: percentages summing to exactly 100 (counts are checked by waveSizes())
//   - success threshold in (0, 100], error threshold in [0, 100), minimum results >= 1,
//     soak minutes in [0, 10080]
//   - an enabled maintenance window of zero length (start == end) or with invalid times
//   - a deadline before the start
// Returns translated messages, empty when the plan is fine.
QStringList validatePlan(const RolloutPlan &plan);

// Devices per wave for `total` targets, in order. Percent waves get round(total * p / 100) but at
// least 1 while devices remain; count waves get their count; a Rest wave everything left; the
// last wave absorbs rounding so the sizes always sum to total when the plan covers every device.
// If the waves ask for more devices than there are, later waves get what remains (possibly 0)
// and *problem says so; if they cover fewer (no Rest wave, counts summing to less), the last
// wave is NOT enlarged and *problem says how many would be left out. problem may be null.
QList<int> waveSizes(const QList<WavePlan> &waves, int total, QString *problem = nullptr);

// One wave's counts as the threshold rules see them.
struct WaveCounts
{
    int size = 0;
    int succeeded = 0;
    int failed = 0; // failures including rollbacks
    // Results and failures before the last resume after a halt: the error threshold looks at what
    // happened since (the operator resumed because the cause was dealt with).
    int baselineResults = 0;
    int baselineFailed = 0;
    // Devices that downloaded and verified the update and wait for their maintenance window, or
    // install, or reboot. They have reported that the first phases went well, so they count as
    // results: otherwise, with a maintenance window, a wave's first results would be mostly the
    // early failures (download, verify) while its successes wait for the night — and the error
    // threshold would trip on timing, not on the failure rate.
    int verified = 0;
};

enum class Verdict { Continue, Succeeded, Halt };

// Results are succeeded + failed + verified. Halt when, counting from the baseline, results >=
// minimumResults and failures exceed the error threshold (failed * 100 > errorThreshold *
// results: exactly at the threshold does not halt).
// Otherwise Succeeded when succeeded * 100 >= successThreshold * size (size > 0). Halt wins.
Verdict evaluate(const WavePlan &plan, const WaveCounts &counts);
// The failure percentage the error threshold compares (since the baseline), 0 without results.
double failurePercent(const WaveCounts &counts);

// Maintenance windows on a device's local clock, given its UTC offset in seconds.
// windowContains: the local time of utcSeconds lies in [start, end) (crossing midnight when
// end < start). nextWindowStart: utcSeconds itself when inside the window, else the UTC time of
// the next local `start`. A disabled window contains every time.
bool windowContains(const MaintenanceWindow &window, qint64 utcSeconds, int offsetSeconds);
qint64 nextWindowStart(const MaintenanceWindow &window, qint64 utcSeconds, int offsetSeconds);
// The same in a real time zone (daylight saving time respected): the offset is looked up at
// utcSeconds, and again at the result (a window start that falls into a DST gap opens at the
// first local time after the gap).
qint64 nextWindowStart(const MaintenanceWindow &window, qint64 utcSeconds, const QTimeZone &zone);
// The window's length in minutes (24 * 60 when disabled).
int windowMinutes(const MaintenanceWindow &window);

// The order waves are filled in (SSU-SEC-0021: the most popular models first): targets sorted
// by their model's number of targets (descending, ties by model id), and within a model by a
// seeded hash of the storage id, so that every wave gets a spread of regions and builds while a
// given plan always gives the same waves. modelOf[i] is the model of targets[i]. Returns the
// permutation of indices into targets.
std::vector<quint32> fillOrder(const std::vector<qint64> &targets, const std::vector<int> &modelOf,
                               quint64 seed);

// The end-user notice as the device shows it when the operator left it empty: "Security update
// (patch level 2026-11-05)" and the CVEs fixed, most severe first, shortened after `maxCves`.
QString defaultNoticeTitle(const QDate &patchLevel);
QString defaultNoticeSummary(const QStringList &cves, int maxCves = 8);

} // namespace Patchboard::RolloutRules
