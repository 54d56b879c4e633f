// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "telemetrychartview.h"

class QBarCategoryAxis;
class QBarSet;
class QHorizontalStackedBarSeries;
class QValueAxis;

namespace Patchboard {

class TelemetryReasonModel;

// Failure reasons, fed by a TelemetryReasonModel: one horizontal bar per reason, most at the top
// (the names are long), split by outcome (failed, rolled back, postponed) with the outcome
// patterns. Clicking a bar asks for the devices with that reason and outcome.
class TelemetryReasonChart : public TelemetryChartView
{
    Q_OBJECT
public:
    explicit TelemetryReasonChart(TelemetryReasonModel *model, QWidget *parent = nullptr);

    QAbstractItemModel *dataModel() const override;
    QHorizontalStackedBarSeries *barSeries() const { return m_bars; }
    // The set of failed, rolled-back or postponed updates (not succeeded: that has no reason).
    QBarSet *barSet(TelemetryOutcome outcome) const;
    // The reasons in the order of the bars (bar index 0 is at the bottom).
    const QList<FailureReason> &reasons() const { return m_reasons; }
    QPoint barPosition(FailureReason reason, TelemetryOutcome outcome) const;
    QString toolTipText(int bar) const;

Q_SIGNALS:
    void reasonClicked(Patchboard::FailureReason reason, Patchboard::TelemetryOutcome outcome);

private:
    void rebuild();
    void applyStyle() override;
    void onBarClicked(int index, QBarSet *set);
    qint64 count(FailureReason reason, TelemetryOutcome outcome) const;

    static constexpr int SetCount = 3; // failed, rolled back, postponed
    TelemetryReasonModel *m_model = nullptr;
    QHorizontalStackedBarSeries *m_bars = nullptr;
    QBarSet *m_sets[SetCount] = {};
    QBarCategoryAxis *m_reasonAxis = nullptr;
    QValueAxis *m_countAxis = nullptr;
    QList<FailureReason> m_reasons;
};

} // namespace Patchboard
