// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "rolloutformat.h"

#include <QWidget>

namespace Patchboard {

// One progress bar of the wall screen: WaveProgressDelegate::paintBar() (succeeded solid, failed
// hatched, in progress dotted, pending empty, cancelled crossed) at the height of the widget's
// font, in WallStyle::barPalette(). Dimmed for rollouts that have finished. Shows; never acts.
class WallWaveBar : public QWidget
{
    Q_OBJECT
public:
    explicit WallWaveBar(QWidget *parent = nullptr);

    void setCounts(const RolloutFormat::Counts &counts);
    const RolloutFormat::Counts &counts() const { return m_counts; }
    void setDimmed(bool dimmed);
    bool isDimmed() const { return m_dimmed; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    RolloutFormat::Counts m_counts;
    bool m_dimmed = false;
};

} // namespace Patchboard
