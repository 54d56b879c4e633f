// SPDX-License-Identifier: Apache-2.0
#include "telemetryreasonchart.h"

#include "deviceformat.h"
#include "telemetrychartaxes.h"
#include "telemetryformat.h"
#include "telemetryreasonmodel.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QHorizontalStackedBarSeries>
#include <QValueAxis>

namespace Patchboard {

namespace {

TelemetryOutcome setOutcome(int set)
{
    return TelemetryOutcome(int(TelemetryOutcome::Failed) + set);
}

} // namespace

TelemetryReasonChart::TelemetryReasonChart(TelemetryReasonModel *model, QWidget *parent)
    : TelemetryChartView(tr("Failure reasons"), parent)
    , m_model(model)
    , m_bars(new QHorizontalStackedBarSeries(this))
    , m_reasonAxis(new QBarCategoryAxis(this))
    , m_countAxis(new QValueAxis(this))
{
    for (int i = 0; i < SetCount; ++i) {
        m_sets[i] = new QBarSet(TelemetryFormat::outcomeLabel(setOutcome(i)));
        m_bars->append(m_sets[i]);
    }
    m_bars->setBarWidth(0.7);
    QChart *c = chart();
    c->addSeries(m_bars);
    m_countAxis->setTitleText(tr("Updates"));
    c->addAxis(m_reasonAxis, Qt::AlignLeft);
    c->addAxis(m_countAxis, Qt::AlignBottom);
    m_bars->attachAxis(m_reasonAxis);
    m_bars->attachAxis(m_countAxis);
    m_reasonAxis->setGridLineVisible(false);
    setMinimumSize(420, 240);

    connect(m_bars, &QHorizontalStackedBarSeries::clicked, this,
            &TelemetryReasonChart::onBarClicked);
    connect(m_bars, &QHorizontalStackedBarSeries::hovered, this,
            [this](bool state, int index, QBarSet *) {
                setCursor(state ? Qt::PointingHandCursor : Qt::ArrowCursor);
                if (state)
                    showToolTip(toolTipText(index) + QLatin1Char('\n')
                                + tr("Click to list these devices."));
                else
                    hideToolTip();
            });
    connect(model, &QAbstractItemModel::modelReset, this, &TelemetryReasonChart::rebuild);
    applyStyle();
    rebuild();
}

QAbstractItemModel *TelemetryReasonChart::dataModel() const
{
    return m_model;
}

QBarSet *TelemetryReasonChart::barSet(TelemetryOutcome outcome) const
{
    const int set = int(outcome) - int(TelemetryOutcome::Failed);
    return set >= 0 && set < SetCount ? m_sets[set] : nullptr;
}

void TelemetryReasonChart::applyStyle()
{
    for (int i = 0; i < SetCount; ++i)
        styleBarSet(m_sets[i], setOutcome(i));
    TelemetryChartView::applyStyle();
}

qint64 TelemetryReasonChart::count(FailureReason reason, TelemetryOutcome outcome) const
{
    qint64 n = 0;
    for (const ReasonCount &r : m_model->reasons()) {
        if (r.reason == reason && r.outcome == outcome)
            n += r.count;
    }
    return n;
}

void TelemetryReasonChart::rebuild()
{
    // One bar per reason, in the model's order (most first) from the top down.
    QList<FailureReason> reasons;
    for (const ReasonCount &r : m_model->reasons()) {
        if (!reasons.contains(r.reason))
            reasons.append(r.reason);
    }
    m_reasons.clear();
    for (auto it = reasons.crbegin(); it != reasons.crend(); ++it)
        m_reasons.append(*it);

    QStringList categories;
    QList<qreal> values[SetCount];
    qint64 highest = 0;
    for (FailureReason reason : std::as_const(m_reasons)) {
        categories.append(TelemetryFormat::reason(reason));
        qint64 sum = 0;
        for (int i = 0; i < SetCount; ++i) {
            const qint64 n = count(reason, setOutcome(i));
            values[i].append(qreal(n));
            sum += n;
        }
        highest = qMax(highest, sum);
    }
    for (int i = 0; i < SetCount; ++i) {
        if (m_sets[i]->count())
            m_sets[i]->remove(0, m_sets[i]->count());
        m_sets[i]->append(values[i]);
    }
    m_reasonAxis->clear();
    m_reasonAxis->append(categories);
    TelemetryChartAxes::setNiceRange(m_countAxis, double(highest), 1);

    QStringList parts;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const ReasonCount &r = m_model->reasons().at(row);
        parts.append(tr("%1 (%2): %3", "reason (outcome): count")
                         .arg(TelemetryFormat::reason(r.reason),
                              telemetryOutcomeDisplayName(r.outcome),
                              DeviceFormat::number(r.count)));
    }
    setAccessibleDescription(
        parts.isEmpty()
            ? tr("No failures or postponements in this range.")
            : tr("Failure reasons, most first: %1.").arg(parts.join(QStringLiteral("; "))));
}

QString TelemetryReasonChart::toolTipText(int bar) const
{
    if (bar < 0 || bar >= m_reasons.size())
        return {};
    const FailureReason reason = m_reasons.at(bar);
    QStringList lines{TelemetryFormat::reason(reason)};
    for (int i = 0; i < SetCount; ++i) {
        const qint64 n = count(reason, setOutcome(i));
        if (n > 0)
            lines.append(
                tr("%1: %2", "outcome: count")
                    .arg(TelemetryFormat::outcomeLabel(setOutcome(i)), DeviceFormat::number(n)));
    }
    return lines.join(QLatin1Char('\n'));
}

QPoint TelemetryReasonChart::barPosition(FailureReason reason, TelemetryOutcome outcome) const
{
    const int bar = int(m_reasons.indexOf(reason));
    const int set = int(outcome) - int(TelemetryOutcome::Failed);
    if (bar < 0 || set < 0 || set >= SetCount)
        return {};
    qreal before = 0;
    for (int i = 0; i < set; ++i)
        before += qreal(count(reason, setOutcome(i)));
    const QPointF value(before + qreal(count(reason, outcome)) / 2, bar);
    return mapFromScene(chart()->mapToScene(chart()->mapToPosition(value, m_bars)));
}

void TelemetryReasonChart::onBarClicked(int index, QBarSet *set)
{
    if (index < 0 || index >= m_reasons.size())
        return;
    for (int i = 0; i < SetCount; ++i) {
        if (m_sets[i] == set)
            Q_EMIT reasonClicked(m_reasons.at(index), setOutcome(i));
    }
}

} // namespace Patchboard
