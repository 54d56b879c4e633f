// SPDX-License-Identifier: Apache-2.0
#include "wallformat.h"

#include "deviceformat.h"
#include "domain/rolloutrules.h"
#include "rolloutformat.h"

#include <QLocale>

#include <algorithm>

namespace Patchboard {

namespace {

// Where a state goes on the wall: what needs someone first.
int rank(RolloutState state)
{
    switch (state) {
    case RolloutState::Halted:
        return 0;
    case RolloutState::Running:
        return 1;
    case RolloutState::Paused:
        return 2;
    case RolloutState::Scheduled:
        return 3;
    case RolloutState::Completed:
    case RolloutState::Cancelled:
        return 4;
    case RolloutState::Draft:
        break;
    }
    return 5;
}

RolloutRules::WaveCounts thresholdCounts(const WaveProgress &wave)
{
    // As the engine fills them (RolloutEngine, thresholds): the wall shows the number it acts on.
    RolloutRules::WaveCounts counts;
    counts.size = wave.size - wave.cancelled;
    counts.succeeded = wave.succeeded;
    counts.failed = wave.failed;
    counts.verified = wave.verified;
    counts.baselineResults = wave.baselineResults;
    counts.baselineFailed = wave.baselineFailed;
    return counts;
}

} // namespace

bool WallFormat::isActive(RolloutState state)
{
    return state == RolloutState::Scheduled || state == RolloutState::Running
        || state == RolloutState::Paused || state == RolloutState::Halted;
}

bool WallFormat::isRecentlyFinished(const RolloutSummary &rollout, const QDateTime &now)
{
    if (rollout.state != RolloutState::Completed && rollout.state != RolloutState::Cancelled)
        return false;
    return rollout.finished.isValid() && now.isValid()
        && rollout.finished.secsTo(now) <= RecentSeconds;
}

QList<RolloutSummary> WallFormat::wallOrder(const QList<RolloutSummary> &rollouts,
                                            const QDateTime &now)
{
    QList<RolloutSummary> shown;
    for (const RolloutSummary &rollout : rollouts) {
        if (isActive(rollout.state) || isRecentlyFinished(rollout, now))
            shown.append(rollout);
    }
    std::stable_sort(shown.begin(), shown.end(),
                     [](const RolloutSummary &a, const RolloutSummary &b) {
                         const int ra = rank(a.state);
                         const int rb = rank(b.state);
                         if (ra != rb)
                             return ra < rb;
                         if (!isActive(a.state))
                             return a.finished > b.finished; // latest first
                         return false;
                     });
    return shown;
}

QString WallFormat::stateText(RolloutState state)
{
    switch (state) {
    case RolloutState::Halted:
        // Capitals in English; a translation says it as loudly as its language allows.
        return DeviceFormat::warningMarker() + tr("HALTED", "rollout state on the wall screen");
    case RolloutState::Running:
        return QStringLiteral("\u25B6 ") + rolloutStateDisplayName(state); // BLACK RIGHT TRIANGLE
    case RolloutState::Paused:
        return QStringLiteral("\u2016 ") + rolloutStateDisplayName(state); // DOUBLE VERTICAL LINE
    case RolloutState::Scheduled:
        return QStringLiteral("\u25F7 ") + rolloutStateDisplayName(state); // CLOCK-LIKE CIRCLE
    case RolloutState::Draft:
    case RolloutState::Completed:
    case RolloutState::Cancelled:
        break;
    }
    return RolloutFormat::stateText(state);
}

const WaveProgress *WallFormat::currentWave(const RolloutSummary &rollout)
{
    if (rollout.currentWave < 1 || rollout.currentWave > rollout.waves.size())
        return nullptr;
    return &rollout.waves.at(rollout.currentWave - 1);
}

double WallFormat::failurePercent(const WaveProgress &wave)
{
    return RolloutRules::failurePercent(thresholdCounts(wave));
}

int WallFormat::thresholdResults(const WaveProgress &wave)
{
    const RolloutRules::WaveCounts c = thresholdCounts(wave);
    return std::max(0, c.succeeded + c.failed + c.verified - c.baselineResults);
}

bool WallFormat::aboveThreshold(const WaveProgress &wave)
{
    return thresholdResults(wave) > 0 && failurePercent(wave) > wave.plan.errorThreshold;
}

QString WallFormat::failureRate(const RolloutSummary &rollout)
{
    const WaveProgress *wave = currentWave(rollout);
    if (!wave)
        return {};
    const QString text = tr("Failure rate %1 \u00b7 threshold %2", "failure rate, error threshold")
                             .arg(DeviceFormat::percent(failurePercent(*wave) / 100.0),
                                  RolloutFormat::percent(wave->plan.errorThreshold));
    return aboveThreshold(*wave) ? DeviceFormat::warningMarker() + text : text;
}

QString WallFormat::thresholdNote(const RolloutSummary &rollout)
{
    // The engine only halts once enough devices reported (WavePlan::minimumResults): say so while
    // they have not, or a high early rate would look like a missed halt.
    const WaveProgress *wave = currentWave(rollout);
    if (!wave || thresholdResults(*wave) >= wave->plan.minimumResults)
        return {};
    return tr("Threshold applies from %Ln result(s); %1 so far", nullptr, wave->plan.minimumResults)
        .arg(DeviceFormat::number(thresholdResults(*wave)));
}

QString WallFormat::devicesUpdated(const RolloutSummary &rollout)
{
    return tr("%1 of %Ln device(s) updated", nullptr, rollout.targets)
        .arg(DeviceFormat::number(rollout.succeeded()));
}

QString WallFormat::waveMark(const WaveProgress &wave)
{
    if (wave.waitingForGate)
        return QStringLiteral("\u2016"); // DOUBLE VERTICAL LINE: paused at the gate
    switch (wave.state) {
    case WaveState::Pending:
        return RolloutFormat::pendingMark();
    case WaveState::Running:
        return QStringLiteral("\u25B6"); // BLACK RIGHT-POINTING TRIANGLE
    case WaveState::Succeeded:
        return RolloutFormat::succeededMark();
    case WaveState::Halted:
        return QStringLiteral("\u26A0"); // WARNING SIGN
    case WaveState::Cancelled:
        return RolloutFormat::cancelledMark();
    }
    return {};
}

QString WallFormat::waveLabel(const WaveProgress &wave)
{
    return waveMark(wave) + QLatin1Char(' ') + RolloutFormat::waveName(wave.number, wave.plan);
}

QString WallFormat::timing(const RolloutSummary &rollout, const QDateTime &now)
{
    switch (rollout.state) {
    case RolloutState::Draft:
        return {};
    case RolloutState::Scheduled:
        return rollout.start.isValid() ? tr("Starts %1").arg(time(rollout.start, now))
                                       : tr("Starts as soon as the rollout service runs it");
    case RolloutState::Running:
    case RolloutState::Paused:
    case RolloutState::Halted:
        for (const WaveProgress &wave : rollout.waves) {
            if (wave.waitingForGate)
                return DeviceFormat::warningMarker()
                    + tr("Waiting for an operator to continue to wave %1").arg(wave.number + 1);
        }
        for (const WaveProgress &wave : rollout.waves) {
            if (wave.state == WaveState::Succeeded && wave.nextWaveAt.isValid()
                && wave.number < rollout.waves.size()
                && rollout.waves.at(wave.number).state == WaveState::Pending)
                return tr("Wave %1 starts at %2, after soaking")
                    .arg(wave.number + 1)
                    .arg(time(wave.nextWaveAt, now));
        }
        return {};
    case RolloutState::Completed:
    case RolloutState::Cancelled:
        return rollout.finished.isValid() ? tr("Finished %1").arg(time(rollout.finished, now))
                                          : QString();
    }
    return {};
}

QString WallFormat::countSummary(const QList<RolloutSummary> &rollouts)
{
    int running = 0;
    int halted = 0;
    int paused = 0;
    int scheduled = 0;
    for (const RolloutSummary &rollout : rollouts) {
        running += rollout.state == RolloutState::Running ? 1 : 0;
        halted += rollout.state == RolloutState::Halted ? 1 : 0;
        paused += rollout.state == RolloutState::Paused ? 1 : 0;
        scheduled += rollout.state == RolloutState::Scheduled ? 1 : 0;
    }
    // Running and halted always (a "0 halted" is news too), the halted first when there are any;
    // the others when there are any.
    QStringList parts;
    parts.append(tr("%Ln running", nullptr, running));
    if (halted > 0)
        parts.prepend(DeviceFormat::warningMarker() + tr("%Ln halted", nullptr, halted));
    else
        parts.append(tr("%Ln halted", nullptr, halted));
    if (paused > 0)
        parts.append(tr("%Ln paused", nullptr, paused));
    if (scheduled > 0)
        parts.append(tr("%Ln scheduled", nullptr, scheduled));
    return parts.join(QStringLiteral(" \u00b7 "));
}

QString WallFormat::description(const RolloutSummary &rollout, const QDateTime &now)
{
    QStringList sentences;
    sentences.append(
        tr("Rollout %1 of release %2: %3.")
            .arg(rollout.name, rollout.releaseVersion, rolloutStateDisplayName(rollout.state)));
    if (rollout.state == RolloutState::Halted && !rollout.haltReason.isEmpty())
        sentences.append(tr("Halted because: %1.").arg(rollout.haltReason));
    const QString when = timing(rollout, now);
    if (!when.isEmpty())
        sentences.append(when + QLatin1Char('.'));
    for (const WaveProgress &wave : rollout.waves) {
        const RolloutFormat::Counts c = RolloutFormat::counts(wave);
        sentences.append(tr("%1: %2; %3 succeeded, %4 failed, %5 in progress, %6 pending.",
                            "wave name, wave state, counts")
                             .arg(RolloutFormat::waveName(wave.number, wave.plan),
                                  waveStateDisplayName(wave.state),
                                  DeviceFormat::number(c.succeeded), DeviceFormat::number(c.failed),
                                  DeviceFormat::number(c.inProgress),
                                  DeviceFormat::number(c.pending)));
    }
    if (isActive(rollout.state)) {
        const QString rate = failureRate(rollout);
        if (!rate.isEmpty())
            sentences.append(rate + QLatin1Char('.'));
        const QString note = thresholdNote(rollout);
        if (!note.isEmpty())
            sentences.append(note + QLatin1Char('.'));
    }
    sentences.append(devicesUpdated(rollout) + QLatin1Char('.'));
    return sentences.join(QLatin1Char(' '));
}

QString WallFormat::time(const QDateTime &utc, const QDateTime &now)
{
    if (!utc.isValid())
        return {};
    const QLocale locale;
    const QDateTime local = utc.toLocalTime();
    if (now.isValid() && now.toLocalTime().date() == local.date())
        return locale.toString(local.time(), QLocale::ShortFormat);
    return locale.toString(local, QLocale::ShortFormat);
}

QString WallFormat::longDate(const QDateTime &utc)
{
    return utc.isValid() ? QLocale().toString(utc.toLocalTime().date(), QLocale::LongFormat)
                         : QString();
}

QString WallFormat::timeWithSeconds(const QTime &time)
{
    const QLocale locale;
    QString format = locale.timeFormat(QLocale::ShortFormat);
    // The short format without seconds ("h:mm AP", "HH:mm"): seconds after the minutes.
    if (!format.contains(QLatin1String("ss")))
        format.replace(QLatin1String("mm"), QLatin1String("mm:ss"));
    return locale.toString(time, format);
}

} // namespace Patchboard
