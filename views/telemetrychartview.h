// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "domain/telemetry.h"

#include <QChartView>

class QAbstractItemModel;
class QAbstractAxis;
class QBarSet;

namespace Patchboard {

// What the Telemetry charts share: a chart that follows the widget palette (light or dark), the
// outcome colours with a pattern each (so that an outcome is never told by colour alone), tool
// tips with the exact values, a text summary of the chart as its accessible description, and the
// model with the numbers behind it (for the CSV export).
class TelemetryChartView : public QChartView
{
    Q_OBJECT
public:
    explicit TelemetryChartView(const QString &title, QWidget *parent = nullptr);

    QString title() const;
    // The numbers behind the chart, as exported to CSV.
    virtual QAbstractItemModel *dataModel() const = 0;
    // Patterned bars on screen and in PNG; plain colours for SVG, whose generator drops texture
    // brushes (the legend still names every outcome).
    void setPatterns(bool patterns);
    bool patterns() const { return m_patterns; }
    // The text of the last tool tip shown (tests; screen readers get accessibleDescription()).
    QString lastToolTip() const { return m_lastToolTip; }

    static QColor outcomeColor(TelemetryOutcome outcome, const QPalette &palette);
    static QBrush outcomeBrush(TelemetryOutcome outcome, const QPalette &palette, bool patterns);
    // The colour of the error threshold and of warnings, readable on the palette's base.
    static QColor thresholdColor(const QPalette &palette);

protected:
    void changeEvent(QEvent *event) override;
    // Applies colours, pens and brushes; subclasses style their series and call the base.
    virtual void applyStyle();
    void styleBarSet(QBarSet *set, TelemetryOutcome outcome);
    void styleAxis(QAbstractAxis *axis);
    void showToolTip(const QString &text);
    void hideToolTip();

private:
    bool m_patterns = true;
    QString m_lastToolTip;
};

} // namespace Patchboard
