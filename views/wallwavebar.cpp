// SPDX-License-Identifier: Apache-2.0
#include "wallwavebar.h"

#include "wallstyle.h"
#include "waveprogressdelegate.h"

#include <QPainter>

namespace Patchboard {

WallWaveBar::WallWaveBar(QWidget *parent) : QWidget(parent)
{
    setFocusPolicy(Qt::NoFocus);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

void WallWaveBar::setCounts(const RolloutFormat::Counts &counts)
{
    if (counts == m_counts)
        return;
    m_counts = counts;
    update();
}

void WallWaveBar::setDimmed(bool dimmed)
{
    if (dimmed == m_dimmed)
        return;
    m_dimmed = dimmed;
    update();
}

QSize WallWaveBar::sizeHint() const
{
    const int height = fontMetrics().height();
    return {height * 10, height};
}

QSize WallWaveBar::minimumSizeHint() const
{
    const int height = fontMetrics().height();
    return {height * 3, height};
}

void WallWaveBar::paintEvent(QPaintEvent *event)
{
    Q_UNUSED(event)
    QPainter painter(this);
    if (m_dimmed)
        painter.setOpacity(0.5);
    // A little air above and below: stacked bars of neighbouring waves must not merge.
    const int margin = qMax(1, height() / 8);
    WaveProgressDelegate::paintBar(&painter, rect().adjusted(0, margin, 0, -margin), m_counts,
                                   WallStyle::barPalette(palette()));
}

} // namespace Patchboard
