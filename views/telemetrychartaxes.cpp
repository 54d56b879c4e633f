// SPDX-License-Identifier: Apache-2.0
#include "telemetrychartaxes.h"

#include <QLocale>
#include <QSet>
#include <QValueAxis>

#include <cmath>

namespace Patchboard::TelemetryChartAxes {

namespace {

constexpr qint64 Minute = 60;
constexpr qint64 Hour = 60 * Minute;
constexpr qint64 Day = 24 * Hour;

bool isAligned(const QDateTime &utc, qint64 interval)
{
    const QDateTime local = utc.toLocalTime();
    if (interval < Day)
        return local.time().msecsSinceStartOfDay() % (interval * 1000) == 0;
    return local.time() == QTime(0, 0) && local.date().toJulianDay() % (interval / Day) == 0;
}

} // namespace

void setNiceRange(QValueAxis *axis, double max, double minStep)
{
    if (!(max > 0))
        max = 1;
    constexpr int Intervals = 5;
    const double raw = max / Intervals;
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    double step = 10 * magnitude;
    for (double factor : {1.0, 2.0, 5.0, 10.0}) {
        if (factor * magnitude >= raw) {
            step = factor * magnitude;
            break;
        }
    }
    step = qMax(step, minStep);
    const double top = std::ceil(max / step - 1e-9) * step;
    axis->setRange(0, top);
    axis->setTickType(QValueAxis::TicksFixed);
    axis->setTickCount(int(std::lround(top / step)) + 1);
    axis->setMinorTickCount(0);
    axis->setLabelFormat(step < 1 ? QStringLiteral("%.1f") : QStringLiteral("%.0f"));
}

QList<TimeLabel> timeLabels(const QList<OutcomeBucket> &buckets, int bucketSeconds, int maxLabels)
{
    QList<TimeLabel> labels;
    const int n = int(buckets.size());
    if (n == 0 || bucketSeconds <= 0)
        return labels;
    maxLabels = qMax(1, maxLabels);
    static constexpr qint64 intervals[]
        = {Minute,   5 * Minute, 10 * Minute, 15 * Minute, 30 * Minute, Hour,    2 * Hour,
           3 * Hour, 6 * Hour,   12 * Hour,   Day,         2 * Day,     7 * Day, 14 * Day,
           28 * Day, 56 * Day,   91 * Day,    182 * Day,   364 * Day};
    const qint64 span = qint64(n) * bucketSeconds;
    qint64 interval = 0;
    for (qint64 candidate : intervals) {
        if (candidate >= bucketSeconds && candidate % bucketSeconds == 0
            && span / candidate <= maxLabels) {
            interval = candidate;
            break;
        }
    }
    QList<int> rows;
    if (interval > 0) {
        for (int row = 0; row < n; ++row) {
            if (isAligned(buckets.at(row).start, interval))
                rows.append(row);
        }
    }
    if (rows.size() < 2 || rows.size() > maxLabels) {
        // Time zones with odd offsets, or buckets of odd sizes: every k-th bucket.
        rows.clear();
        const int every = (n + maxLabels - 1) / maxLabels;
        for (int row = 0; row < n; row += every)
            rows.append(row);
        interval = qint64(every) * bucketSeconds;
    }
    const QLocale locale;
    const bool dates = interval >= Day && bucketSeconds >= Day;
    QSet<QString> used;
    QDate previous;
    for (int row : std::as_const(rows)) {
        const QDateTime local = buckets.at(row).start.toLocalTime();
        QString text;
        if (dates)
            text = locale.toString(local.date(), QLocale::ShortFormat);
        else if (local.date() != previous)
            text = locale.toString(local, QLocale::ShortFormat);
        else
            text = locale.toString(local.time(), QLocale::ShortFormat);
        if (used.contains(text))
            text = locale.toString(local, QLocale::ShortFormat);
        if (used.contains(text))
            continue;
        used.insert(text);
        previous = local.date();
        labels.append({text, double(row)});
    }
    return labels;
}

} // namespace Patchboard::TelemetryChartAxes
