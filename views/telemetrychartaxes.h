// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "domain/telemetry.h"

#include <QList>
#include <QString>

class QValueAxis;

namespace Patchboard::TelemetryChartAxes {

// 0 to a round number at or above max, in steps of 1, 2 or 5 times a power of ten (at least
// minStep), with a tick on every step: axes of counts never show "2.5 updates".
void setNiceRange(QValueAxis *axis, double max, double minStep);

struct TimeLabel
{
    QString text;
    double position = 0; // the bucket's row
};

// Labels for a time axis of contiguous buckets: at most maxLabels, on round times in local time
// (every hour, every 6 hours, every day...) where the buckets allow it. Dates appear on the first
// label and where the day changes; labels are unique (QCategoryAxis needs that).
QList<TimeLabel> timeLabels(const QList<OutcomeBucket> &buckets, int bucketSeconds, int maxLabels);

} // namespace Patchboard::TelemetryChartAxes
