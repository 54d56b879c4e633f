// SPDX-License-Identifier: Apache-2.0
#include "patchagechart.h"

#include "deviceformat.h"
#include "patchagemodel.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QEvent>
#include <QLegend>
#include <QStackedBarSeries>
#include <QToolTip>
#include <QValueAxis>

namespace Patchboard {

PatchAgeChart::PatchAgeChart(PatchAgeModel *model, QWidget *parent)
    : QChartView(parent), m_model(model), m_series(new QStackedBarSeries(this))
{
    auto *chart = new QChart;
    chart->setTitle(tr("Devices by patch age"));
    chart->setLocalizeNumbers(true);
    chart->setBackgroundVisible(false);
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->addSeries(m_series);
    auto *x = new QBarCategoryAxis(chart);
    x->setTitleText(tr("Patch age (days)"));
    auto *y = new QValueAxis(chart);
    y->setTitleText(tr("Devices"));
    y->setLabelFormat(QStringLiteral("%.0f")); // localized: the chart localizes numbers
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    m_series->attachAxis(x);
    m_series->attachAxis(y);
    setChart(chart);
    setAccessibleName(chart->title()); // the bins in words: rebuild()
    setRenderHint(QPainter::Antialiasing);
    setMinimumSize(380, 220);

    connect(m_series, &QStackedBarSeries::clicked, this,
            [this](int index, QBarSet *) { Q_EMIT binClicked(index); });
    connect(m_series, &QStackedBarSeries::hovered, this, [this](bool state, int index, QBarSet *) {
        setCursor(state ? Qt::PointingHandCursor : Qt::ArrowCursor);
        if (!state || index >= m_model->rowCount())
            return;
        const QModelIndex range = m_model->index(index, PatchAgeModel::RangeColumn);
        QToolTip::showText(
            QCursor::pos(),
            tr("%1 days: %2 devices (%3)\nClick to list these devices.")
                .arg(range.data().toString(),
                     range.siblingAtColumn(PatchAgeModel::DevicesColumn).data().toString(),
                     range.siblingAtColumn(PatchAgeModel::ShareColumn).data().toString()));
    });
    connect(model, &QAbstractItemModel::modelReset, this, &PatchAgeChart::rebuild);
    rebuild();
    applyPalette();
}

void PatchAgeChart::changeEvent(QEvent *event)
{
    QChartView::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyPalette();
}

void PatchAgeChart::applyPalette()
{
    const QPalette p = palette();
    const QColor text = p.color(QPalette::WindowText);
    chart()->setTitleBrush(text);
    chart()->legend()->setLabelColor(text);
    QColor grid = text;
    grid.setAlpha(40);
    for (QBarSet *set : {m_current, m_outOfDate}) {
        if (set)
            set->setBorderColor(p.color(QPalette::Base));
    }
    const auto axes = chart()->axes();
    for (QAbstractAxis *axis : axes) {
        axis->setLabelsBrush(text);
        axis->setTitleBrush(text);
        axis->setLinePenColor(p.color(QPalette::Mid));
        axis->setGridLineColor(grid);
    }
}

void PatchAgeChart::rebuild()
{
    m_series->clear(); // deletes the old sets
    m_current = new QBarSet(tr("Up to date"));
    m_outOfDate
        = new QBarSet(tr("Out of date (over %Ln day(s))", nullptr, m_model->outOfDateDays()));
    m_current->setColor(QColor(0x2e, 0x7d, 0x32));
    m_outOfDate->setColor(QColor(0xf0, 0xa2, 0x02));
    for (QBarSet *set : {m_current, m_outOfDate})
        set->setBorderColor(palette().color(QPalette::Base));
    QStringList categories;
    int highest = 0;
    for (const PatchAgeBin &bin : m_model->bins()) {
        categories.append(PatchAgeModel::rangeLabel(bin));
        const bool late = m_model->isOutOfDate(bin);
        m_current->append(late ? 0 : bin.devices);
        m_outOfDate->append(late ? bin.devices : 0);
        highest = qMax(highest, bin.devices);
    }
    m_series->append(m_current);
    m_series->append(m_outOfDate);
    m_series->setBarWidth(0.8);
    // The histogram in words for screen readers, out-of-date bins marked in words, not colour.
    QStringList words;
    for (const PatchAgeBin &bin : m_model->bins()) {
        words << (m_model->isOutOfDate(bin) ? tr("%1 days: %2 devices, out of date")
                                            : tr("%1 days: %2 devices"))
                     .arg(PatchAgeModel::rangeLabel(bin), DeviceFormat::number(bin.devices));
    }
    setAccessibleDescription(words.join(QStringLiteral("; ")));

    const auto xAxes = chart()->axes(Qt::Horizontal);
    if (auto *x = qobject_cast<QBarCategoryAxis *>(xAxes.value(0))) {
        x->clear();
        x->append(categories);
    }
    const auto yAxes = chart()->axes(Qt::Vertical);
    if (auto *y = qobject_cast<QValueAxis *>(yAxes.value(0))) {
        y->setRange(0, qMax(highest, 1));
        y->applyNiceNumbers();
    }
}

QPoint PatchAgeChart::barPosition(int bin) const
{
    if (bin < 0 || bin >= m_model->rowCount())
        return {};
    // The middle of the bar: half its height above the axis.
    const int devices = m_model->bins().at(bin).devices;
    const QPointF value(bin, devices / 2.0);
    return mapFromScene(chart()->mapToScene(chart()->mapToPosition(value, m_series)));
}

} // namespace Patchboard
