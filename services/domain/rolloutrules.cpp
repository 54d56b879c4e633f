// SPDX-License-Identifier: Apache-2.0
#include "rolloutrules.h"

#include <QCoreApplication>
#include <QHash>
#include <QSet>

#include <algorithm>
#include <cmath>
#include <limits>

namespace Patchboard::RolloutRules {

namespace {

// The translation context of this file's messages (see releasestate.cpp for why a class).
class Tr
{
    Q_DECLARE_TR_FUNCTIONS(Patchboard::RolloutRules)
};

constexpr qint64 SecondsPerDay = 24 * 60 * 60;
constexpr int MaxSoakMinutes = 7 * 24 * 60; // a week
// Percentages are typed by people and summed in floating point: 33.3 + 33.3 + 33.4 is 100.
constexpr double PercentEpsilon = 1e-6;

// The window's times in whole seconds of the day. An invalid QTime counts as 00:00 here;
// validatePlan() refuses it before a rollout can use it.
inline qint64 secondsOfDay(const QTime &time)
{
    return time.msecsSinceStartOfDay() / 1000;
}

inline qint64 floorMod(qint64 value, qint64 divisor)
{
    const qint64 r = value % divisor;
    return r < 0 ? r + divisor : r;
}

QString percentText(double percent)
{
    return QString::number(percent, 'g', 6);
}

QString utcText(const QDateTime &time)
{
    return time.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"));
}

int offsetAt(const QTimeZone &zone, qint64 utcSeconds)
{
    return zone.offsetFromUtc(QDateTime::fromSecsSinceEpoch(utcSeconds, Qt::UTC));
}

// splitmix64 (Steele, Lea, Flood 2014): a cheap, well-mixed 64-bit hash.
inline quint64 splitmix64(quint64 x)
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

} // namespace

QStringList validatePlan(const RolloutPlan &plan)
{
    QStringList problems;
    const QList<WavePlan> &waves = plan.waves;
    if (waves.isEmpty())
        problems.append(Tr::tr("The plan has no waves. Add at least one wave."));

    double percentSum = 0;
    int restWave = -1; // 0-based index of the first Rest wave
    bool hasCount = false;
    for (int i = 0; i < waves.size(); ++i) {
        const WavePlan &wave = waves[i];
        const int number = i + 1;
        switch (wave.size) {
        case WavePlan::Size::Percent:
            // Written so that NaN fails too.
            if (!(wave.percent > 0 && wave.percent <= 100))
                problems.append(Tr::tr("Wave %1: the share of devices must be more than 0% and at "
                                       "most 100% (it is %2%). Correct the percentage.")
                                    .arg(number)
                                    .arg(percentText(wave.percent)));
            if (wave.percent > 0)
                percentSum += wave.percent;
            break;
        case WavePlan::Size::Count:
            hasCount = true;
            if (wave.count < 1)
                problems.append(Tr::tr("Wave %1: the number of devices must be at least 1 (it is "
                                       "%2). Correct the count or remove the wave.")
                                    .arg(number)
                                    .arg(wave.count));
            break;
        case WavePlan::Size::Rest:
            if (restWave >= 0)
                problems.append(Tr::tr("Wave %1: only one wave can take the rest of the devices "
                                       "(wave %2 already does). Give this wave a size or remove "
                                       "it.")
                                    .arg(number)
                                    .arg(restWave + 1));
            else
                restWave = i;
            if (i != waves.size() - 1)
                problems.append(Tr::tr("Wave %1 takes the rest of the devices, so it must be the "
                                       "last wave. Move it to the end or remove the waves after "
                                       "it.")
                                    .arg(number));
            break;
        }

        if (!(wave.successThreshold > 0 && wave.successThreshold <= 100))
            problems.append(Tr::tr("Wave %1: the success threshold must be more than 0% and at "
                                   "most 100% (it is %2%).")
                                .arg(number)
                                .arg(percentText(wave.successThreshold)));
        if (!(wave.errorThreshold >= 0 && wave.errorThreshold < 100))
            problems.append(Tr::tr("Wave %1: the error threshold must be at least 0% and below "
                                   "100% (it is %2%).")
                                .arg(number)
                                .arg(percentText(wave.errorThreshold)));
        if (wave.minimumResults < 1)
            problems.append(Tr::tr("Wave %1: the error threshold needs at least 1 result before "
                                   "it applies (the minimum is %2).")
                                .arg(number)
                                .arg(wave.minimumResults));
        if (wave.soakMinutes < 0 || wave.soakMinutes > MaxSoakMinutes)
            problems.append(Tr::tr("Wave %1: the soak time must be from 0 to %2 minutes (a week); "
                                   "it is %3 minutes.")
                                .arg(number)
                                .arg(MaxSoakMinutes)
                                .arg(wave.soakMinutes));
    }

    if (restWave >= 0) {
        if (percentSum >= 100 - PercentEpsilon)
            problems.append(Tr::tr("The percentage waves add up to %1% and leave nothing for wave "
                                   "%2, which takes the rest. Lower them below 100% or remove "
                                   "wave %2.")
                                .arg(percentText(percentSum))
                                .arg(restWave + 1));
    } else if (percentSum > 100 + PercentEpsilon) {
        problems.append(Tr::tr("The percentage waves add up to %1%, more than all devices. Lower "
                               "them so that they add up to 100%.")
                            .arg(percentText(percentSum)));
    } else if (!waves.isEmpty() && !hasCount && percentSum < 100 - PercentEpsilon) {
        // Counts cannot be checked without the number of targets: waveSizes() does that.
        problems.append(Tr::tr("The waves cover only %1% of the devices. Add a last wave for the "
                               "rest, or make the percentages add up to 100%.")
                            .arg(percentText(percentSum)));
    }

    const MaintenanceWindow &window = plan.window;
    if (window.enabled) {
        if (!window.start.isValid() || !window.end.isValid())
            problems.append(Tr::tr("The maintenance window has no valid start or end time. Set "
                                   "both, or switch the window off to let devices install at any "
                                   "time."));
        else if (secondsOfDay(window.start) == secondsOfDay(window.end))
            problems.append(Tr::tr("The maintenance window starts and ends at %1, so devices would "
                                   "never install. Set a different end, or switch the window off "
                                   "to let devices install at any time.")
                                .arg(window.start.toString(QStringLiteral("HH:mm"))));
    }

    if (plan.start.isValid() && plan.deadline.isValid() && plan.deadline < plan.start)
        problems.append(Tr::tr("The deadline (%1) is before the start (%2). Move the deadline "
                               "after the start, or remove it.")
                            .arg(utcText(plan.deadline), utcText(plan.start)));
    return problems;
}

QList<int> waveSizes(const QList<WavePlan> &waves, int total, QString *problem)
{
    if (problem)
        problem->clear();
    const qint64 all = std::max(total, 0);
    QList<int> sizes;
    sizes.reserve(waves.size());
    qint64 remaining = all;
    // Devices asked for so far, before rounding and the minimum of 1: more than `all` is the plan
    // asking too much; a rounded size beyond what remains is only rounding and absorbed silently.
    double asked = 0;
    double percentSum = 0;
    bool hasRest = false;
    int firstShort = -1;
    for (int i = 0; i < waves.size(); ++i) {
        const WavePlan &wave = waves[i];
        qint64 want = 0;
        switch (wave.size) {
        case WavePlan::Size::Percent:
            if (wave.percent > 0) {
                const double exact = std::min(double(all) * wave.percent / 100.0,
                                              double(std::numeric_limits<int>::max()));
                want = std::max<qint64>(std::llround(exact), remaining > 0 ? 1 : 0);
                asked += exact;
                percentSum += wave.percent;
            }
            break;
        case WavePlan::Size::Count:
            want = std::max(wave.count, 0);
            asked += double(want);
            break;
        case WavePlan::Size::Rest:
            hasRest = true;
            want = remaining;
            asked = std::max(asked, double(all));
            break;
        }
        if (want > remaining && asked > double(all) + PercentEpsilon && firstShort < 0)
            firstShort = i;
        const qint64 size = std::min(want, remaining);
        sizes.append(int(size));
        remaining -= size;
    }

    if (all == 0 || waves.isEmpty())
        return sizes; // nothing to distribute: "no targets" is the caller's message

    if (firstShort >= 0) {
        if (problem) {
            const int number = firstShort + 1;
            *problem = firstShort == waves.size() - 1
                ? Tr::tr("The waves ask for more devices than the %Ln targeted: wave %1 gets "
                         "only %2. Lower the device counts or percentages.",
                         nullptr, int(all))
                      .arg(number)
                      .arg(sizes[firstShort])
                : Tr::tr("The waves ask for more devices than the %Ln targeted: wave %1 gets "
                         "only %2 and the waves after it none. Lower the device counts or "
                         "percentages.",
                         nullptr, int(all))
                      .arg(number)
                      .arg(sizes[firstShort]);
        }
    } else if (remaining > 0) {
        if (hasRest || percentSum >= 100 - PercentEpsilon) {
            sizes.last() += int(remaining); // rounding: the plan covers every device
        } else if (problem) {
            *problem = Tr::tr("%Ln device(s) would be left out: the waves cover only %1 of %2. Add "
                              "a last wave for the rest, or make the waves larger.",
                              nullptr, int(remaining))
                           .arg(all - remaining)
                           .arg(all);
        }
    }
    return sizes;
}

Verdict evaluate(const WavePlan &plan, const WaveCounts &counts)
{
    const qint64 results
        = qint64(counts.succeeded) + counts.failed + counts.verified - counts.baselineResults;
    const qint64 failed = qint64(counts.failed) - counts.baselineFailed;
    // Integers below 2^53 are exact in a double: at the threshold is "not more than" exactly.
    if (results > 0 && results >= plan.minimumResults
        && double(failed) * 100.0 > plan.errorThreshold * double(results))
        return Verdict::Halt;
    if (counts.size > 0
        && double(counts.succeeded) * 100.0 >= plan.successThreshold * double(counts.size))
        return Verdict::Succeeded;
    return Verdict::Continue;
}

double failurePercent(const WaveCounts &counts)
{
    const qint64 results
        = qint64(counts.succeeded) + counts.failed + counts.verified - counts.baselineResults;
    if (results <= 0)
        return 0;
    const qint64 failed = std::max<qint64>(qint64(counts.failed) - counts.baselineFailed, 0);
    return double(failed) * 100.0 / double(results);
}

// Called per device and phase by the engine: integer arithmetic only.
bool windowContains(const MaintenanceWindow &window, qint64 utcSeconds, int offsetSeconds)
{
    if (!window.enabled)
        return true;
    const qint64 start = secondsOfDay(window.start);
    const qint64 end = secondsOfDay(window.end);
    const qint64 now = floorMod(utcSeconds + offsetSeconds, SecondsPerDay);
    if (start <= end)
        return start <= now && now < end; // start == end: empty
    return now >= start || now < end; // crosses midnight
}

qint64 nextWindowStart(const MaintenanceWindow &window, qint64 utcSeconds, int offsetSeconds)
{
    if (!window.enabled || windowContains(window, utcSeconds, offsetSeconds))
        return utcSeconds;
    const qint64 now = floorMod(utcSeconds + offsetSeconds, SecondsPerDay);
    return utcSeconds + floorMod(secondsOfDay(window.start) - now, SecondsPerDay);
}

qint64 nextWindowStart(const MaintenanceWindow &window, qint64 utcSeconds, const QTimeZone &zone)
{
    if (!window.enabled)
        return utcSeconds;
    qint64 from = utcSeconds;
    qint64 next = utcSeconds;
    // Each round looks at the local clock up to the next offset change; more than two changes
    // before a window opens do not happen in real zones, four rounds are plenty.
    for (int round = 0; round < 4; ++round) {
        const int offset = offsetAt(zone, from);
        next = nextWindowStart(window, from, offset);
        if (next == from || !zone.hasTransitions())
            return next;
        const QTimeZone::OffsetData change
            = zone.nextTransition(QDateTime::fromSecsSinceEpoch(from, Qt::UTC));
        if (!change.atUtc.isValid())
            return next;
        const qint64 at = change.atUtc.toSecsSinceEpoch();
        if (at <= from || at > next)
            return next; // the offset holds until the window opens
        // The clock changes first. A start that the change skips (it lies in a spring-forward gap)
        // opens at the first local time after the gap, the moment of the change.
        const int jump = change.offsetFromUtc - offset;
        if (jump > 0 && next < at + jump)
            return at;
        // Otherwise look again from the change on, with the new offset: the clock may jump into
        // the window (fall back) or reach the start an hour earlier or later than before.
        from = at;
    }
    return next;
}

int windowMinutes(const MaintenanceWindow &window)
{
    if (!window.enabled)
        return 24 * 60;
    const qint64 length
        = floorMod(secondsOfDay(window.end) - secondsOfDay(window.start), SecondsPerDay);
    return int(length / 60);
}

std::vector<quint32> fillOrder(const std::vector<qint64> &targets, const std::vector<int> &modelOf,
                               quint64 seed)
{
    const size_t n = targets.size();
    Q_ASSERT(modelOf.size() == n);
    Q_ASSERT(n <= std::numeric_limits<quint32>::max());

    // Models in slots by first appearance (a fleet has a few hundred models at most, so the hash
    // stays in cache), and the number of targets in each.
    QHash<int, quint32> slotOfModel;
    std::vector<int> slotModel;
    std::vector<quint32> slotCount;
    std::vector<quint32> slotOf(n);
    for (size_t i = 0; i < n; ++i) {
        const int model = i < modelOf.size() ? modelOf[i] : 0;
        auto it = slotOfModel.constFind(model);
        if (it == slotOfModel.constEnd()) {
            it = slotOfModel.insert(model, quint32(slotModel.size()));
            slotModel.push_back(model);
            slotCount.push_back(0);
        }
        slotOf[i] = *it;
        ++slotCount[*it];
    }

    // SSU-SEC-0021: the most popular models first; ties by model id so the order is stable.
    std::vector<quint32> bySize(slotModel.size());
    for (quint32 s = 0; s < bySize.size(); ++s)
        bySize[s] = s;
    std::sort(bySize.begin(), bySize.end(), [&](quint32 a, quint32 b) {
        if (slotCount[a] != slotCount[b])
            return slotCount[a] > slotCount[b];
        return slotModel[a] < slotModel[b];
    });
    // Where each model's block begins in the result.
    std::vector<size_t> blockStart(slotModel.size());
    size_t offset = 0;
    for (quint32 s : bySize) {
        blockStart[s] = offset;
        offset += slotCount[s];
    }

    // Within a block, a seeded hash of the storage id: a spread of regions and builds in every
    // wave, the same waves for the same plan. The index breaks the (unlikely) ties.
    const quint64 mixedSeed = splitmix64(seed);
    std::vector<std::pair<quint64, quint32>> keyed(n);
    std::vector<size_t> fill = blockStart;
    for (size_t i = 0; i < n; ++i)
        keyed[fill[slotOf[i]]++] = {splitmix64(mixedSeed ^ quint64(targets[i])), quint32(i)};
    for (quint32 s : bySize) {
        const auto begin = keyed.begin() + std::ptrdiff_t(blockStart[s]);
        std::sort(begin, begin + std::ptrdiff_t(slotCount[s]));
    }

    std::vector<quint32> order(n);
    for (size_t i = 0; i < n; ++i)
        order[i] = keyed[i].second;
    return order;
}

QString defaultNoticeTitle(const QDate &patchLevel)
{
    // SSU-COM-0020: the notice says that this is a security update.
    if (!patchLevel.isValid())
        return Tr::tr("Security update");
    return Tr::tr("Security update (patch level %1)").arg(patchLevel.toString(Qt::ISODate));
}

QString defaultNoticeSummary(const QStringList &cves, int maxCves)
{
    // SSU-COM-0030: the CVEs it fixes, in the order given (most severe first), each once.
    QStringList ids;
    QSet<QString> seen;
    for (const QString &cve : cves) {
        const QString id = cve.trimmed();
        if (id.isEmpty() || seen.contains(id))
            continue;
        seen.insert(id);
        ids.append(id);
    }
    if (ids.isEmpty())
        return Tr::tr("This security update fixes vulnerabilities in the device's software. "
                      "Install it to keep the device protected.");
    const int shown = std::clamp(maxCves, 0, int(ids.size()));
    if (shown == 0)
        return Tr::tr("This security update fixes %Ln known vulnerability(ies). Install it to keep "
                      "the device protected.",
                      nullptr, int(ids.size()));
    QString list = ids.mid(0, shown).join(QStringLiteral(", "));
    const int rest = int(ids.size()) - shown;
    if (rest > 0)
        list = Tr::tr("%1 and %Ln more", nullptr, rest).arg(list);
    return Tr::tr("This security update fixes %1. Install it to keep the device protected.")
        .arg(list);
}

} // namespace Patchboard::RolloutRules
