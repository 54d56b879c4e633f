// SPDX-License-Identifier: Apache-2.0
#include "rolloutformat.h"

#include "deviceformat.h"
#include "releaseformat.h"

#include <QLocale>

namespace Patchboard {

RolloutFormat::Counts &RolloutFormat::Counts::operator+=(const Counts &other)
{
    succeeded += other.succeeded;
    failed += other.failed;
    rolledBack += other.rolledBack;
    inProgress += other.inProgress;
    postponed += other.postponed;
    pending += other.pending;
    cancelled += other.cancelled;
    return *this;
}

bool operator==(const RolloutFormat::Counts &a, const RolloutFormat::Counts &b)
{
    return a.succeeded == b.succeeded && a.failed == b.failed && a.rolledBack == b.rolledBack
        && a.inProgress == b.inProgress && a.postponed == b.postponed && a.pending == b.pending
        && a.cancelled == b.cancelled;
}

RolloutFormat::Counts RolloutFormat::counts(const WaveProgress &wave)
{
    Counts c;
    c.succeeded = wave.succeeded;
    c.failed = wave.failed;
    c.rolledBack = wave.rolledBack;
    c.inProgress = wave.inProgress + wave.postponed;
    c.postponed = wave.postponed;
    c.pending = wave.pending;
    c.cancelled = wave.cancelled;
    return c;
}

RolloutFormat::Counts RolloutFormat::counts(const RolloutSummary &rollout)
{
    Counts c;
    for (const WaveProgress &wave : rollout.waves)
        c += counts(wave);
    // A rollout that has not been split into waves yet still has its targets waiting.
    if (rollout.waves.isEmpty())
        c.pending = rollout.targets;
    return c;
}

QString RolloutFormat::stateText(RolloutState state)
{
    switch (state) {
    case RolloutState::Halted:
        return DeviceFormat::warningMarker() + rolloutStateDisplayName(state);
    case RolloutState::Completed:
        return succeededMark() + QLatin1Char(' ') + rolloutStateDisplayName(state);
    case RolloutState::Cancelled:
        return cancelledMark() + QLatin1Char(' ') + rolloutStateDisplayName(state);
    default:
        return rolloutStateDisplayName(state);
    }
}

QColor RolloutFormat::stateColor(RolloutState state)
{
    switch (state) {
    case RolloutState::Halted:
        return DeviceFormat::criticalColor();
    case RolloutState::Paused:
        return DeviceFormat::warningColor();
    case RolloutState::Completed:
        return ReleaseFormat::goodColor();
    default:
        return {};
    }
}

QString RolloutFormat::waveStateText(const WaveProgress &wave)
{
    if (wave.waitingForGate)
        return tr("Waiting for the gate");
    switch (wave.state) {
    case WaveState::Halted:
        return DeviceFormat::warningMarker() + waveStateDisplayName(wave.state);
    case WaveState::Succeeded:
        if (wave.nextWaveAt.isValid())
            return tr("%1, soaking until %2")
                .arg(succeededMark() + QLatin1Char(' ') + waveStateDisplayName(wave.state),
                     DeviceFormat::dateTime(wave.nextWaveAt));
        return succeededMark() + QLatin1Char(' ') + waveStateDisplayName(wave.state);
    case WaveState::Cancelled:
        return cancelledMark() + QLatin1Char(' ') + waveStateDisplayName(wave.state);
    default:
        return waveStateDisplayName(wave.state);
    }
}

QColor RolloutFormat::waveStateColor(const WaveProgress &wave)
{
    if (wave.waitingForGate)
        return DeviceFormat::warningColor();
    switch (wave.state) {
    case WaveState::Halted:
        return DeviceFormat::criticalColor();
    case WaveState::Succeeded:
        return ReleaseFormat::goodColor();
    default:
        return {};
    }
}

QString RolloutFormat::waveSize(const WavePlan &plan)
{
    switch (plan.size) {
    case WavePlan::Size::Percent:
        return percent(plan.percent);
    case WavePlan::Size::Count:
        return tr("%Ln device(s)", nullptr, plan.count);
    case WavePlan::Size::Rest:
        return tr("The rest");
    }
    return {};
}

QString RolloutFormat::waveName(int number, const WavePlan &plan)
{
    const bool sized = (plan.size == WavePlan::Size::Percent && plan.percent > 0)
        || (plan.size == WavePlan::Size::Count && plan.count > 0)
        || plan.size == WavePlan::Size::Rest;
    if (!sized)
        return tr("Wave %1").arg(number);
    return tr("Wave %1 \u00b7 %2", "wave number, size").arg(number).arg(waveSize(plan));
}

QString RolloutFormat::thresholds(const WavePlan &plan)
{
    return tr("\u2265 %1 succeed; halt above %2 failed (from %Ln result(s))", nullptr,
              plan.minimumResults)
        .arg(percent(plan.successThreshold), percent(plan.errorThreshold));
}

QString RolloutFormat::soak(int minutes)
{
    if (minutes <= 0)
        return tr("None");
    if (minutes % 60 == 0)
        return tr("%Ln hour(s)", nullptr, minutes / 60);
    return tr("%Ln minute(s)", nullptr, minutes);
}

QString RolloutFormat::percent(double value)
{
    const QLocale locale;
    // Shortest exact form: 95 -> "95", 0.5 -> "0.5" (percentages stay far below exponent range).
    return locale.toString(value, 'g', QLocale::FloatingPointShortest) + locale.percent();
}

QString RolloutFormat::window(const MaintenanceWindow &window)
{
    if (!window.enabled)
        return tr("Any time");
    const QLocale locale;
    return tr("%1\u2013%2 device-local time", "maintenance window start, end")
        .arg(locale.toString(window.start, QLocale::ShortFormat),
             locale.toString(window.end, QLocale::ShortFormat));
}

QString RolloutFormat::progressText(const Counts &c)
{
    const QString separator = QStringLiteral(" \u00b7 ");
    QStringList parts;
    parts.append(succeededMark() + QLatin1Char(' ') + DeviceFormat::number(c.succeeded));
    if (c.failed > 0)
        parts.append(failedMark() + QLatin1Char(' ') + DeviceFormat::number(c.failed));
    if (c.inProgress > 0)
        parts.append(inProgressMark() + QLatin1Char(' ') + DeviceFormat::number(c.inProgress));
    parts.append(pendingMark() + QLatin1Char(' ') + DeviceFormat::number(c.pending));
    if (c.cancelled > 0)
        parts.append(cancelledMark() + QLatin1Char(' ') + DeviceFormat::number(c.cancelled));
    return parts.join(separator);
}

QString RolloutFormat::progressToolTip(const Counts &c)
{
    const int total = c.total();
    auto line = [total](const QString &mark, const QString &label, int value) {
        const QString share = total > 0 ? DeviceFormat::percent(double(value) / total) : QString();
        return share.isEmpty()
            ? tr("%1 %2: %3", "mark, label, count").arg(mark, label, DeviceFormat::number(value))
            : tr("%1 %2: %3 (%4)", "mark, label, count, share")
                  .arg(mark, label, DeviceFormat::number(value), share);
    };
    QStringList lines;
    lines.append(line(succeededMark(), tr("Succeeded"), c.succeeded));
    QString failed = line(failedMark(), tr("Failed"), c.failed);
    if (c.rolledBack > 0)
        failed += tr(", %Ln rolled back", nullptr, c.rolledBack);
    lines.append(failed);
    QString inProgress = line(inProgressMark(), tr("In progress"), c.inProgress);
    if (c.postponed > 0)
        inProgress += tr(", %Ln postponed", nullptr, c.postponed);
    lines.append(inProgress);
    lines.append(line(pendingMark(), tr("Pending"), c.pending));
    if (c.cancelled > 0)
        lines.append(line(cancelledMark(), tr("Cancelled or expired"), c.cancelled));
    lines.append(tr("Total: %1").arg(DeviceFormat::number(total)));
    return lines.join(QLatin1Char('\n'));
}

QString RolloutFormat::succeededMark()
{
    return QStringLiteral("\u2713"); // CHECK MARK
}

QString RolloutFormat::failedMark()
{
    return QStringLiteral("\u2717"); // BALLOT X
}

QString RolloutFormat::inProgressMark()
{
    return QStringLiteral("\u25D0"); // CIRCLE WITH LEFT HALF BLACK
}

QString RolloutFormat::pendingMark()
{
    return QStringLiteral("\u25CB"); // WHITE CIRCLE
}

QString RolloutFormat::cancelledMark()
{
    return QStringLiteral("\u2298"); // CIRCLED DIVISION SLASH
}

} // namespace Patchboard
