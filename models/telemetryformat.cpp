// SPDX-License-Identifier: Apache-2.0
#include "telemetryformat.h"

#include "deviceformat.h"

#include <QLocale>

namespace Patchboard {

QString TelemetryFormat::rate(double percent)
{
    return DeviceFormat::percent(percent / 100.0);
}

QString TelemetryFormat::rateOf(const OutcomeCounts &counts)
{
    return counts.results() ? rate(counts.failureRate()) : QStringLiteral("\u2013");
}

QString TelemetryFormat::points(double difference)
{
    const QLocale locale;
    const QString value = locale.toString(qAbs(difference), 'f', 1);
    if (value == locale.toString(0.0, 'f', 1))
        return value;
    return (difference > 0 ? locale.positiveSign() : QStringLiteral("\u2212")) + value;
}

QString TelemetryFormat::outcomeMark(TelemetryOutcome outcome)
{
    switch (outcome) {
    case TelemetryOutcome::Succeeded:
        return QStringLiteral("\u2713"); // CHECK MARK, as on the Rollouts page
    case TelemetryOutcome::Failed:
        return QStringLiteral("\u2717"); // BALLOT X
    case TelemetryOutcome::RolledBack:
        return QStringLiteral("\u21BA"); // ANTICLOCKWISE OPEN CIRCLE ARROW
    case TelemetryOutcome::Postponed:
        return QStringLiteral("\u25F7"); // WHITE CIRCLE WITH UPPER RIGHT QUADRANT (a clock: later)
    }
    return {};
}

QString TelemetryFormat::outcomeLabel(TelemetryOutcome outcome)
{
    return outcomeMark(outcome) + QLatin1Char(' ') + telemetryOutcomeDisplayName(outcome);
}

QString TelemetryFormat::reason(FailureReason reason)
{
    const QString name = failureReasonDisplayName(reason);
    return name.isEmpty() ? tr("No reason reported") : name;
}

QString TelemetryFormat::wave(int number)
{
    return tr("Wave %1").arg(number);
}

QString TelemetryFormat::range(const QDateTime &from, const QDateTime &to)
{
    const QString start = from.isValid() ? DeviceFormat::dateTime(from) : tr("the first event");
    if (!to.isValid())
        return tr("%1 \u2013 now", "time range without end").arg(start);
    const QDateTime localFrom = from.toLocalTime();
    const QDateTime localTo = to.toLocalTime();
    // Within one day the end needs no date: "11/12/25 2:00 PM – 3:00 PM".
    if (from.isValid() && localFrom.date() == localTo.date())
        return tr("%1 \u2013 %2", "time range")
            .arg(start, QLocale().toString(localTo.time(), QLocale::ShortFormat));
    return tr("%1 \u2013 %2", "time range").arg(start, DeviceFormat::dateTime(to));
}

QString TelemetryFormat::duration(qint64 seconds)
{
    constexpr qint64 Minute = 60;
    constexpr qint64 Hour = 60 * Minute;
    constexpr qint64 Day = 24 * Hour;
    if (seconds % Day == 0)
        return tr("%Ln day(s)", nullptr, int(seconds / Day));
    if (seconds % Hour == 0)
        return tr("%Ln hour(s)", nullptr, int(seconds / Hour));
    if (seconds % Minute == 0)
        return tr("%Ln minute(s)", nullptr, int(seconds / Minute));
    return tr("%Ln second(s)", nullptr, int(seconds));
}

QString TelemetryFormat::counts(const OutcomeCounts &counts)
{
    QStringList parts;
    for (int i = 0; i < TelemetryOutcomeCount; ++i) {
        const auto outcome = TelemetryOutcome(i);
        parts.append(outcomeMark(outcome) + QLatin1Char(' ')
                     + DeviceFormat::number(counts[outcome]));
    }
    return parts.join(QStringLiteral(" \u00b7 "));
}

} // namespace Patchboard
