// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "domain/device.h"

#include <QChartView>

class QPieSeries;
class QPieSlice;

namespace Patchboard {

class SupportStatusModel;

// Devices by support status as a donut chart fed by a SupportStatusModel; the legend carries the
// counts (the slices alone would say it by colour and angle only). A click on a slice or its
// legend entry asks for those devices.
class SupportStatusChart : public QChartView
{
    Q_OBJECT
public:
    explicit SupportStatusChart(SupportStatusModel *model, QWidget *parent = nullptr);

    QPieSeries *series() const { return m_series; }
    // Where a slice is drawn, in viewport coordinates (for tests and tool tips).
    QPoint slicePosition(SupportStatus status) const;

Q_SIGNALS:
    void statusClicked(Patchboard::SupportStatus status);

protected:
    // Text and slice borders in the palette's colours, light or dark (Settings > Appearance).
    void changeEvent(QEvent *event) override;

private:
    void rebuild();
    void applyPalette();

    SupportStatusModel *m_model = nullptr;
    QPieSeries *m_series = nullptr;
};

} // namespace Patchboard
