// SPDX-License-Identifier: Apache-2.0
#include "telemetrychartview.h"

#include <QAbstractAxis>
#include <QBarSet>
#include <QChart>
#include <QLegend>
#include <QPainter>
#include <QPixmap>
#include <QToolTip>

namespace Patchboard {

namespace {

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Base).lightness() < 128;
}

// The tile of an outcome's pattern: diagonal lines for failed, a cross-hatch for rolled back,
// dots for postponed; succeeded stays plain.
QPixmap patternTile(TelemetryOutcome outcome, const QColor &fill, const QColor &ink)
{
    constexpr int Size = 8;
    QPixmap tile(Size, Size);
    tile.fill(fill);
    QPainter painter(&tile);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QPen(ink, 1.4));
    switch (outcome) {
    case TelemetryOutcome::Succeeded:
        break;
    case TelemetryOutcome::Failed:
        // Drawn past the edges so that the tiles join into continuous lines.
        painter.drawLine(QPointF(-1, Size + 1), QPointF(Size + 1, -1));
        painter.drawLine(QPointF(-1, 1), QPointF(1, -1));
        painter.drawLine(QPointF(Size - 1, Size + 1), QPointF(Size + 1, Size - 1));
        break;
    case TelemetryOutcome::RolledBack:
        painter.drawLine(QPointF(0, Size / 2.0), QPointF(Size, Size / 2.0));
        painter.drawLine(QPointF(Size / 2.0, 0), QPointF(Size / 2.0, Size));
        break;
    case TelemetryOutcome::Postponed:
        painter.setPen(Qt::NoPen);
        painter.setBrush(ink);
        painter.drawEllipse(QPointF(2, 2), 1.2, 1.2);
        painter.drawEllipse(QPointF(6, 6), 1.2, 1.2);
        break;
    }
    return tile;
}

} // namespace

TelemetryChartView::TelemetryChartView(const QString &title, QWidget *parent) : QChartView(parent)
{
    auto *chart = new QChart;
    chart->setTitle(title);
    chart->setLocalizeNumbers(true);
    chart->setBackgroundVisible(false);
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->setMargins(QMargins(4, 4, 4, 4));
    setChart(chart); // the view owns the chart
    setRenderHint(QPainter::Antialiasing);
    setAccessibleName(title);
    setMouseTracking(true);
}

QString TelemetryChartView::title() const
{
    return chart()->title();
}

void TelemetryChartView::setPatterns(bool patterns)
{
    if (patterns == m_patterns)
        return;
    m_patterns = patterns;
    applyStyle();
}

QColor TelemetryChartView::outcomeColor(TelemetryOutcome outcome, const QPalette &palette)
{
    const bool dark = isDark(palette);
    switch (outcome) {
    case TelemetryOutcome::Succeeded:
        return dark ? QColor(0x66, 0xbb, 0x6a) : QColor(0x2e, 0x7d, 0x32);
    case TelemetryOutcome::Failed:
        return dark ? QColor(0xef, 0x53, 0x50) : QColor(0xc6, 0x28, 0x28);
    case TelemetryOutcome::RolledBack:
        return dark ? QColor(0xff, 0xa7, 0x26) : QColor(0xe6, 0x51, 0x00);
    case TelemetryOutcome::Postponed:
        return dark ? QColor(0x90, 0xa4, 0xae) : QColor(0x54, 0x6e, 0x7a);
    }
    return {};
}

QBrush TelemetryChartView::outcomeBrush(TelemetryOutcome outcome, const QPalette &palette,
                                        bool patterns)
{
    const QColor fill = outcomeColor(outcome, palette);
    if (!patterns || outcome == TelemetryOutcome::Succeeded)
        return QBrush(fill);
    // Light ink on the light-palette colours (which are dark), dark ink on the dark-palette ones.
    const QColor ink = isDark(palette) ? QColor(0, 0, 0, 150) : QColor(255, 255, 255, 170);
    return QBrush(patternTile(outcome, fill, ink));
}

QColor TelemetryChartView::thresholdColor(const QPalette &palette)
{
    return isDark(palette) ? QColor(0xff, 0x8a, 0x80) : QColor(0xb7, 0x1c, 0x1c);
}

void TelemetryChartView::changeEvent(QEvent *event)
{
    QChartView::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange)
        applyStyle();
}

void TelemetryChartView::applyStyle()
{
    const QPalette p = palette();
    QChart *c = chart();
    c->setTitleBrush(p.color(QPalette::WindowText));
    QFont titleFont = font();
    titleFont.setBold(true);
    c->setTitleFont(titleFont);
    c->legend()->setLabelColor(p.color(QPalette::WindowText));
    c->legend()->setFont(font());
    const auto axes = c->axes();
    for (QAbstractAxis *axis : axes)
        styleAxis(axis);
}

void TelemetryChartView::styleBarSet(QBarSet *set, TelemetryOutcome outcome)
{
    const QPalette p = palette();
    set->setBrush(outcomeBrush(outcome, p, m_patterns));
    // A thin border in the background colour keeps stacked segments apart.
    set->setPen(QPen(p.color(QPalette::Base), 0.5));
    set->setLabelColor(p.color(QPalette::WindowText));
}

void TelemetryChartView::styleAxis(QAbstractAxis *axis)
{
    const QPalette p = palette();
    axis->setLabelsBrush(p.color(QPalette::WindowText));
    axis->setLabelsFont(font());
    axis->setTitleBrush(p.color(QPalette::WindowText));
    QFont small = font();
    small.setPointSizeF(font().pointSizeF() * 0.9);
    axis->setTitleFont(small);
    axis->setLinePenColor(p.color(QPalette::Mid));
    QColor grid = p.color(QPalette::WindowText);
    grid.setAlpha(40);
    axis->setGridLineColor(grid);
}

void TelemetryChartView::showToolTip(const QString &text)
{
    m_lastToolTip = text;
    QToolTip::showText(QCursor::pos(), text, this);
}

void TelemetryChartView::hideToolTip()
{
    QToolTip::hideText();
}

} // namespace Patchboard
