// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QCoreApplication>
#include <QDateTime>
#include <QString>

#include <utility>

namespace Patchboard {

// A time range of the Telemetry page: the last hour, day, week or month, everything, or custom
// bounds.
//
// "Now" for the relative ranges is the scope's latest event, not the wall clock: the fleet
// simulator's clock runs ahead of wall time (up to 10,000×), and a rollout that finished last
// week would otherwise show an empty "last 24 hours". Anchored at the latest event, "last hour"
// always means the last hour of activity, and while events arrive the window slides with them.
// The end is the latest event rounded up to the next whole minute (exclusive, so the latest event
// is inside and the axis starts on a round minute). A scope without events falls back to the wall
// clock (there is nothing to show either way).
class TelemetryRange
{
    Q_DECLARE_TR_FUNCTIONS(Patchboard::TelemetryRange)
public:
    enum Kind { LastHour, LastDay, LastWeek, LastMonth, Everything, Custom };
    static constexpr int KindCount = Custom + 1;

    TelemetryRange() = default;
    explicit TelemetryRange(Kind kind) : m_kind(kind) { }
    // Custom bounds [from, to) in UTC; an invalid end is open.
    static TelemetryRange custom(const QDateTime &from, const QDateTime &to);

    Kind kind() const { return m_kind; }
    bool isRelative() const { return m_kind < Everything; }
    // The length of a relative range in seconds; 0 otherwise.
    qint64 seconds() const;
    const QDateTime &customFrom() const { return m_from; }
    const QDateTime &customTo() const { return m_to; }

    // The UTC bounds [from, to) for a scope whose latest event is lastEvent (see above).
    std::pair<QDateTime, QDateTime> resolve(const QDateTime &lastEvent) const;
    // lastEvent rounded up to the next whole minute, strictly after it.
    static QDateTime relativeEnd(const QDateTime &lastEvent);

    static QString name(Kind kind); // "Last 24 hours", for the chooser
    // How a sentence names the range: "the last 24 hours", "all time", "11/12/25 2:00 PM – ...".
    QString phrase(const QDateTime &from, const QDateTime &to) const;

    friend bool operator==(const TelemetryRange &a, const TelemetryRange &b)
    {
        return a.m_kind == b.m_kind && a.m_from == b.m_from && a.m_to == b.m_to;
    }
    friend bool operator!=(const TelemetryRange &a, const TelemetryRange &b) { return !(a == b); }

private:
    Kind m_kind = LastDay;
    QDateTime m_from;
    QDateTime m_to;
};

} // namespace Patchboard
