// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QChartView>

class QBarSet;
class QStackedBarSeries;

namespace Patchboard {

class PatchAgeModel;

// The patch-age histogram, fed by a PatchAgeModel: bars up to the out-of-date limit and beyond it
// in two named sets, so the legend says which is which (SSU-SEC-0020). Clicking a bar asks for
// the devices in that bin.
class PatchAgeChart : public QChartView
{
    Q_OBJECT
public:
    explicit PatchAgeChart(PatchAgeModel *model, QWidget *parent = nullptr);

    // Where the bar of a bin is drawn, in viewport coordinates (for tests).
    QPoint barPosition(int bin) const;

Q_SIGNALS:
    // bin is a row of the PatchAgeModel.
    void binClicked(int bin);

protected:
    // Text, axes and grid in the palette's colours, light or dark (Settings > Appearance).
    void changeEvent(QEvent *event) override;

private:
    void rebuild();
    void applyPalette();

    PatchAgeModel *m_model = nullptr;
    QStackedBarSeries *m_series = nullptr;
    QBarSet *m_current = nullptr;
    QBarSet *m_outOfDate = nullptr;
};

} // namespace Patchboard
