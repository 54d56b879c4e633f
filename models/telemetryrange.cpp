// SPDX-License-Identifier: Apache-2.0
#include "telemetryrange.h"

#include "deviceformat.h"
#include "telemetryformat.h"

namespace Patchboard {

namespace {

constexpr qint64 Hour = 3600;
constexpr qint64 Day = 24 * Hour;
constexpr qint64 MinuteMs = 60 * 1000;

} // namespace

TelemetryRange TelemetryRange::custom(const QDateTime &from, const QDateTime &to)
{
    TelemetryRange range(Custom);
    range.m_from = from.isValid() ? from.toUTC() : QDateTime();
    range.m_to = to.isValid() ? to.toUTC() : QDateTime();
    return range;
}

qint64 TelemetryRange::seconds() const
{
    switch (m_kind) {
    case LastHour:
        return Hour;
    case LastDay:
        return Day;
    case LastWeek:
        return 7 * Day;
    case LastMonth:
        return 30 * Day;
    case Everything:
    case Custom:
        break;
    }
    return 0;
}

QDateTime TelemetryRange::relativeEnd(const QDateTime &lastEvent)
{
    const qint64 ms = lastEvent.toMSecsSinceEpoch() + 1;
    const qint64 minutes = (ms + MinuteMs - 1) / MinuteMs;
    return QDateTime::fromMSecsSinceEpoch(minutes * MinuteMs, Qt::UTC);
}

std::pair<QDateTime, QDateTime> TelemetryRange::resolve(const QDateTime &lastEvent) const
{
    if (m_kind == Everything)
        return {};
    if (m_kind == Custom)
        return {m_from, m_to};
    const QDateTime anchor = lastEvent.isValid() ? lastEvent : QDateTime::currentDateTimeUtc();
    const QDateTime to = relativeEnd(anchor);
    return {to.addSecs(-seconds()), to};
}

QString TelemetryRange::name(Kind kind)
{
    switch (kind) {
    case LastHour:
        return tr("Last hour");
    case LastDay:
        return tr("Last 24 hours");
    case LastWeek:
        return tr("Last 7 days");
    case LastMonth:
        return tr("Last 30 days");
    case Everything:
        return tr("Everything");
    case Custom:
        return tr("Custom\u2026");
    }
    return {};
}

QString TelemetryRange::phrase(const QDateTime &from, const QDateTime &to) const
{
    switch (m_kind) {
    case LastHour:
        return tr("the last hour up to %1").arg(DeviceFormat::dateTime(to));
    case LastDay:
        return tr("the last 24 hours up to %1").arg(DeviceFormat::dateTime(to));
    case LastWeek:
        return tr("the last 7 days up to %1").arg(DeviceFormat::dateTime(to));
    case LastMonth:
        return tr("the last 30 days up to %1").arg(DeviceFormat::dateTime(to));
    case Everything:
        return tr("all time");
    case Custom:
        break;
    }
    return TelemetryFormat::range(from, to);
}

} // namespace Patchboard
