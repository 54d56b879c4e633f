// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "telemetrychartview.h"

#include <optional>

class QBarCategoryAxis;
class QBarSet;
class QLineSeries;
class QScatterSeries;
class QStackedBarSeries;
class QValueAxis;

namespace Patchboard {

class TelemetryGroupModel;

// Failures by hardware model or by wave, fed by a TelemetryGroupModel: bars of failed and
// rolled-back updates per group (left axis), each group's failure rate as a marker (right axis,
// percent) and the average failure rate of all results as a dashed reference line, so that a
// model that fails more often than the rest stands out even when it has few devices. The wave
// chart also draws the rollout's error threshold. Clicking a bar asks for the devices behind it;
// clicking a failure-rate marker for every device of the group with an outcome.
class TelemetryGroupChart : public TelemetryChartView
{
    Q_OBJECT
public:
    // At most maxGroups bars (the groups with the most failures come first in the model).
    TelemetryGroupChart(TelemetryGroupModel *model, int maxGroups, QWidget *parent = nullptr);

    QAbstractItemModel *dataModel() const override;
    // The error threshold line (wave chart); < 0 hides it.
    void setThreshold(double percent, int wave);

    QStackedBarSeries *barSeries() const { return m_bars; }
    // The set of failed or rolled-back updates.
    QBarSet *barSet(TelemetryOutcome outcome) const;
    QScatterSeries *rateSeries() const { return m_rate; }
    QLineSeries *averageSeries() const { return m_average; }
    QLineSeries *thresholdSeries() const;
    QBarCategoryAxis *groupAxis() const { return m_groupAxis; }
    // Bars drawn (the first rows of the model).
    int barCount() const { return m_barCount; }

    QString toolTipText(int row) const;
    QPoint barPosition(int row, TelemetryOutcome outcome) const;
    QPoint ratePosition(int row) const;

Q_SIGNALS:
    // row is a row of the model; no outcome: the failure-rate marker (every outcome).
    void groupClicked(int row, std::optional<Patchboard::TelemetryOutcome> outcome);

private:
    void rebuild();
    void applyStyle() override;
    void updateReferenceLines();
    void onBarClicked(int index, QBarSet *set);
    void onRateClicked(const QPointF &point);

    TelemetryGroupModel *m_model = nullptr;
    int m_maxGroups = 12;
    int m_barCount = 0;
    double m_threshold = -1;
    int m_thresholdWave = 0;
    QStackedBarSeries *m_bars = nullptr;
    QBarSet *m_failed = nullptr;
    QBarSet *m_rolledBack = nullptr;
    QScatterSeries *m_rate = nullptr;
    QLineSeries *m_average = nullptr;
    QLineSeries *m_thresholdLine = nullptr;
    QBarCategoryAxis *m_groupAxis = nullptr;
    QValueAxis *m_countAxis = nullptr;
    QValueAxis *m_rateAxis = nullptr;
};

} // namespace Patchboard
