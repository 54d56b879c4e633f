// SPDX-License-Identifier: Apache-2.0
#include "supportstatuschart.h"

#include "deviceformat.h"
#include "supportstatusmodel.h"

#include <QEvent>
#include <QLegend>
#include <QLegendMarker>
#include <QPieSeries>
#include <QPieSlice>
#include <QToolTip>

#include <QtMath>

namespace Patchboard {

namespace {

constexpr qreal HoleSize = 0.45;
constexpr qreal PieSize = 0.8;

QColor statusColor(SupportStatus status)
{
    switch (status) {
    case SupportStatus::Supported:
        return QColor(0x2e, 0x7d, 0x32);
    case SupportStatus::EndingSoon:
        return QColor(0xf0, 0xa2, 0x02);
    case SupportStatus::Ended:
        return QColor(0xc6, 0x28, 0x28);
    }
    return {};
}

} // namespace

SupportStatusChart::SupportStatusChart(SupportStatusModel *model, QWidget *parent)
    : QChartView(parent), m_model(model), m_series(new QPieSeries(this))
{
    auto *chart = new QChart;
    chart->setTitle(tr("Devices by support status"));
    chart->setLocalizeNumbers(true);
    chart->setBackgroundVisible(false);
    // Names and counts in the legend below the donut: beside it they would be elided.
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->setMargins(QMargins(4, 4, 4, 4));
    m_series->setHoleSize(HoleSize);
    m_series->setPieSize(PieSize);
    chart->addSeries(m_series);
    setChart(chart); // the view owns the chart
    setAccessibleName(chart->title()); // the counts in words: rebuild()
    setRenderHint(QPainter::Antialiasing);
    setMinimumSize(320, 220);

    connect(m_series, &QPieSeries::clicked, this, [this](QPieSlice *slice) {
        Q_EMIT statusClicked(SupportStatus(m_series->slices().indexOf(slice)));
    });
    connect(m_series, &QPieSeries::hovered, this, [this](QPieSlice *slice, bool state) {
        slice->setExploded(state);
        setCursor(state ? Qt::PointingHandCursor : Qt::ArrowCursor);
        if (!state)
            return;
        const auto status = SupportStatus(m_series->slices().indexOf(slice));
        QToolTip::showText(QCursor::pos(),
                           tr("%1 (%2 of the fleet)\nClick to list these devices.")
                               .arg(slice->label(), DeviceFormat::percent(m_model->share(status))));
    });
    connect(model, &QAbstractItemModel::modelReset, this, &SupportStatusChart::rebuild);
    rebuild();
    applyPalette();
}

void SupportStatusChart::changeEvent(QEvent *event)
{
    QChartView::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyPalette();
}

void SupportStatusChart::applyPalette()
{
    const QPalette p = palette();
    chart()->setTitleBrush(p.color(QPalette::WindowText));
    chart()->legend()->setLabelColor(p.color(QPalette::WindowText));
    const QList<QPieSlice *> slices = m_series->slices();
    for (QPieSlice *slice : slices)
        slice->setBorderColor(p.color(QPalette::Base));
}

void SupportStatusChart::rebuild()
{
    m_series->clear();
    const int rows = m_model->rowCount();
    for (int row = 0; row < rows; ++row) {
        const auto status = SupportStatus(row);
        // Short enough for the legend not to elide it; the share is in the tool tip.
        const QString label
            = tr("%1: %2", "status: devices")
                  .arg(supportStatusName(status), DeviceFormat::number(m_model->devices(status)));
        auto *slice = m_series->append(label, m_model->devices(status));
        slice->setColor(statusColor(status));
        slice->setBorderColor(palette().color(QPalette::Base));
        slice->setExplodeDistanceFactor(0.06);
    }
    // Clicking a legend entry works like clicking its slice: small slices are hard to hit.
    const QList<QLegendMarker *> markers = chart()->legend()->markers(m_series);
    for (QLegendMarker *marker : markers) {
        connect(marker, &QLegendMarker::clicked, this, [this, marker] {
            const int index = chart()->legend()->markers(m_series).indexOf(marker);
            if (index >= 0)
                Q_EMIT statusClicked(SupportStatus(index));
        });
    }
    setAccessibleDescription(m_model->rowCount()
                                 ? tr("Supported %1, ending soon %2, ended %3")
                                       .arg(m_model->devices(SupportStatus::Supported))
                                       .arg(m_model->devices(SupportStatus::EndingSoon))
                                       .arg(m_model->devices(SupportStatus::Ended))
                                 : QString());
}

QPoint SupportStatusChart::slicePosition(SupportStatus status) const
{
    const QList<QPieSlice *> slices = m_series->slices();
    const int index = int(status);
    if (index >= slices.size())
        return {};
    const QPieSlice *slice = slices.at(index);
    const QRectF plot = chart()->plotArea();
    const qreal radius = qMin(plot.width(), plot.height()) / 2 * m_series->pieSize();
    // Angles run clockwise from twelve o'clock; aim at the middle of the ring.
    const qreal angle = qDegreesToRadians(slice->startAngle() + slice->angleSpan() / 2);
    const qreal r = radius * (1 + m_series->holeSize()) / 2;
    const QPointF inChart(plot.center().x() + r * qSin(angle), plot.center().y() - r * qCos(angle));
    return mapFromScene(chart()->mapToScene(inChart));
}

} // namespace Patchboard
