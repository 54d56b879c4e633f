// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "domain/telemetry.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QString>

namespace Patchboard {

// How telemetry reads on screen, in one place so that the chart models, the charts, their tool
// tips and the text summaries for screen readers agree.
class TelemetryFormat
{
    Q_DECLARE_TR_FUNCTIONS(Patchboard::TelemetryFormat)
public:
    // "12.5%" for a failure rate in percent (OutcomeCounts::failureRate()).
    static QString rate(double percent);
    // The rate of counts, or a dash without results (a rate of 0% would claim success).
    static QString rateOf(const OutcomeCounts &counts);
    // A difference in percentage points with its sign: "+3.2", "−1.0".
    static QString points(double difference);
    // An outcome with its mark, so that it is never told by colour alone: "✗ Failed".
    static QString outcomeLabel(TelemetryOutcome outcome);
    static QString outcomeMark(TelemetryOutcome outcome);
    // A failure reason; FailureReason::None reads "No reason reported".
    static QString reason(FailureReason reason);
    static QString wave(int number); // "Wave 2"
    // A time range [from, to) in local time: "11/12/25 2:00 PM – 3:00 PM"; open ends read
    // "the first event" / "now".
    static QString range(const QDateTime &from, const QDateTime &to);
    // A bucket length: "15 minutes", "1 hour", "7 days".
    static QString duration(qint64 seconds);
    // The four counts in one line: "✓ 120 · ✗ 4 · ↺ 1 · ⏸ 3".
    static QString counts(const OutcomeCounts &counts);
};

} // namespace Patchboard
