// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "telemetrychartview.h"

#include <QList>

#include <optional>

class QBarSet;
class QCategoryAxis;
class QLineSeries;
class QStackedBarSeries;
class QValueAxis;

namespace Patchboard {

class TelemetryTimelineModel;

// Outcomes over time, fed by a TelemetryTimelineModel: stacked bars per time bucket (succeeded,
// failed, rolled back, postponed, each with its own pattern), the failure rate per bucket as a
// line on a second axis in percent, and the rollout's error threshold as a dashed line whose
// legend entry names the wave. Clicking a bar asks for the devices behind it; clicking the
// failure-rate line for every device with an outcome in that bucket.
class TelemetryTimelineChart : public TelemetryChartView
{
    Q_OBJECT
public:
    explicit TelemetryTimelineChart(TelemetryTimelineModel *model, QWidget *parent = nullptr);

    QAbstractItemModel *dataModel() const override;
    QStackedBarSeries *barSeries() const { return m_bars; }
    QBarSet *barSet(TelemetryOutcome outcome) const { return m_sets[int(outcome)]; }
    // The failure-rate line: its first run of buckets with results, which carries the legend
    // entry; rateRuns() are the runs after a gap (buckets without results).
    QLineSeries *rateSeries() const { return m_rate; }
    QList<QLineSeries *> rateRuns() const { return m_rateRuns; }
    // The error threshold line, or null when the scope has none.
    QLineSeries *thresholdSeries() const;
    QCategoryAxis *timeAxis() const { return m_time; }
    QValueAxis *rateAxis() const { return m_rateAxis; }

    // What the tool tip of a bucket says (all four outcomes and the failure rate).
    QString toolTipText(int bucket) const;
    // Where a bar segment or a failure-rate point is drawn, in viewport coordinates (tests).
    QPoint barPosition(int bucket, TelemetryOutcome outcome) const;
    QPoint ratePosition(int bucket) const;

Q_SIGNALS:
    // bucket is a row of the model; no outcome: the failure-rate line (every outcome).
    void bucketClicked(int bucket, std::optional<Patchboard::TelemetryOutcome> outcome);

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void rebuild();
    void applyStyle() override;
    void connectRateLine(QLineSeries *line);
    QLineSeries *addRateRun();
    void styleRateLine(QLineSeries *line) const;
    void updateTimeAxis();
    void updateDescription();
    void onBarClicked(int index, QBarSet *set);
    void onRateClicked(const QPointF &point);
    int bucketAt(qreal x) const;

    TelemetryTimelineModel *m_model = nullptr;
    QStackedBarSeries *m_bars = nullptr;
    QBarSet *m_sets[TelemetryOutcomeCount] = {};
    QLineSeries *m_rate = nullptr;
    QList<QLineSeries *> m_rateRuns;
    QLineSeries *m_threshold = nullptr;
    QCategoryAxis *m_time = nullptr;
    QValueAxis *m_countAxis = nullptr;
    QValueAxis *m_rateAxis = nullptr;
    int m_maxLabels = 0;
};

} // namespace Patchboard
