// SPDX-License-Identifier: Apache-2.0
#include "telemetrytimelinechart.h"

#include "deviceformat.h"
#include "telemetrychartaxes.h"
#include "telemetryformat.h"
#include "telemetrytimelinemodel.h"

#include <QBarSet>
#include <QCategoryAxis>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLocale>
#include <QStackedBarSeries>
#include <QValueAxis>

namespace Patchboard {

namespace {

// About one time label per this many pixels, so that they never overlap.
constexpr int PixelsPerLabel = 120;
// More buckets than this: the failure-rate line without a marker on every point.
constexpr int MaxPointMarkers = 48;

} // namespace

TelemetryTimelineChart::TelemetryTimelineChart(TelemetryTimelineModel *model, QWidget *parent)
    : TelemetryChartView(tr("Outcomes over time"), parent)
    , m_model(model)
    , m_bars(new QStackedBarSeries(this))
    , m_rate(new QLineSeries(this))
    , m_threshold(new QLineSeries(this))
    , m_time(new QCategoryAxis(this))
    , m_countAxis(new QValueAxis(this))
    , m_rateAxis(new QValueAxis(this))
{
    for (int i = 0; i < TelemetryOutcomeCount; ++i) {
        m_sets[i] = new QBarSet(TelemetryFormat::outcomeLabel(TelemetryOutcome(i)));
        m_bars->append(m_sets[i]); // the series owns its sets
    }
    m_bars->setBarWidth(0.85);
    m_rate->setName(tr("Failure rate (%)"));
    m_rate->setMarkerSize(5);

    QChart *c = chart();
    c->addSeries(m_bars);
    c->addSeries(m_rate);
    c->addSeries(m_threshold);
    // Bars on a value axis: the bucket's row is its x, which the failure-rate line shares.
    m_time->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    m_time->setTitleText(tr("Time (local)"));
    m_time->setGridLineVisible(false);
    m_countAxis->setTitleText(tr("Updates"));
    m_countAxis->setLabelFormat(QStringLiteral("%.0f"));
    m_rateAxis->setTitleText(tr("Failure rate (%)"));
    m_rateAxis->setGridLineVisible(false);
    c->addAxis(m_time, Qt::AlignBottom);
    c->addAxis(m_countAxis, Qt::AlignLeft);
    c->addAxis(m_rateAxis, Qt::AlignRight);
    m_bars->attachAxis(m_time);
    m_bars->attachAxis(m_countAxis);
    for (QLineSeries *line : {m_rate, m_threshold}) {
        line->attachAxis(m_time);
        line->attachAxis(m_rateAxis);
    }
    setMinimumSize(480, 260);

    connect(m_bars, &QStackedBarSeries::clicked, this, &TelemetryTimelineChart::onBarClicked);
    connect(m_bars, &QStackedBarSeries::hovered, this, [this](bool state, int index, QBarSet *) {
        setCursor(state ? Qt::PointingHandCursor : Qt::ArrowCursor);
        if (state)
            showToolTip(toolTipText(index) + QLatin1Char('\n')
                        + tr("Click to list these devices."));
        else
            hideToolTip();
    });
    connectRateLine(m_rate);
    connect(model, &QAbstractItemModel::modelReset, this, &TelemetryTimelineChart::rebuild);
    applyStyle();
    rebuild();
}

QAbstractItemModel *TelemetryTimelineChart::dataModel() const
{
    return m_model;
}

QLineSeries *TelemetryTimelineChart::thresholdSeries() const
{
    return m_threshold->count() ? m_threshold : nullptr;
}

void TelemetryTimelineChart::connectRateLine(QLineSeries *line)
{
    connect(line, &QLineSeries::clicked, this, &TelemetryTimelineChart::onRateClicked);
    connect(line, &QLineSeries::hovered, this, [this](const QPointF &point, bool state) {
        setCursor(state ? Qt::PointingHandCursor : Qt::ArrowCursor);
        if (state)
            showToolTip(toolTipText(bucketAt(point.x())) + QLatin1Char('\n')
                        + tr("Click to list the devices that failed or rolled back in this "
                             "period."));
        else
            hideToolTip();
    });
}

QLineSeries *TelemetryTimelineChart::addRateRun()
{
    auto *line = new QLineSeries(this);
    line->setMarkerSize(m_rate->markerSize());
    chart()->addSeries(line);
    line->attachAxis(m_time);
    line->attachAxis(m_rateAxis);
    // One legend entry for the whole line: the first run's.
    const auto markers = chart()->legend()->markers(line);
    for (QLegendMarker *marker : markers)
        marker->setVisible(false);
    styleRateLine(line);
    connectRateLine(line);
    m_rateRuns.append(line);
    return line;
}

void TelemetryTimelineChart::styleRateLine(QLineSeries *line) const
{
    const QPalette p = palette();
    line->setPen(QPen(p.color(QPalette::WindowText), 1.5));
    line->setBrush(p.color(QPalette::Base)); // hollow point markers
}

void TelemetryTimelineChart::applyStyle()
{
    const QPalette p = palette();
    for (int i = 0; i < TelemetryOutcomeCount; ++i)
        styleBarSet(m_sets[i], TelemetryOutcome(i));
    styleRateLine(m_rate);
    for (QLineSeries *line : std::as_const(m_rateRuns))
        styleRateLine(line);
    QPen threshold(thresholdColor(p), 2, Qt::DashLine);
    m_threshold->setPen(threshold);
    TelemetryChartView::applyStyle();
}

void TelemetryTimelineChart::rebuild()
{
    const int n = m_model->rowCount();
    QList<qreal> values[TelemetryOutcomeCount];
    // The failure rate in runs of buckets with results: a bucket without any has no rate, and
    // the line breaks there rather than drawing one across it.
    QList<QList<QPointF>> runs;
    bool inRun = false;
    for (int row = 0; row < n; ++row) {
        const OutcomeCounts &counts = m_model->buckets().at(row).counts;
        for (int i = 0; i < TelemetryOutcomeCount; ++i)
            values[i].append(qreal(counts[TelemetryOutcome(i)]));
        if (counts.results()) {
            if (!inRun)
                runs.append(QList<QPointF>());
            runs.last().append(QPointF(row, counts.failureRate()));
        }
        inRun = counts.results() > 0;
    }
    for (int i = 0; i < TelemetryOutcomeCount; ++i) {
        if (m_sets[i]->count())
            m_sets[i]->remove(0, m_sets[i]->count());
        m_sets[i]->append(values[i]);
    }
    while (m_rateRuns.size() < runs.size() - 1)
        addRateRun();
    for (qsizetype i = 0; i <= m_rateRuns.size(); ++i) {
        QLineSeries *line = i == 0 ? m_rate : m_rateRuns.at(i - 1);
        const QList<QPointF> run = runs.value(i);
        // An empty line rather than a removed one: see the threshold below.
        line->replace(run);
        // Markers on every point only while they do not crowd each other; a lone point always.
        line->setPointsVisible(n <= MaxPointMarkers || run.size() == 1);
    }

    const double threshold = m_model->errorThreshold();
    const bool hasThreshold = threshold >= 0;
    if (hasThreshold) {
        m_threshold->setName(m_model->thresholdWave() > 0
                                 ? tr("Error threshold of wave %1: %2")
                                       .arg(m_model->thresholdWave())
                                       .arg(TelemetryFormat::rate(threshold))
                                 : tr("Error threshold: %1").arg(TelemetryFormat::rate(threshold)));
        m_threshold->replace({QPointF(-0.5, threshold), QPointF(qMax(n, 1) - 0.5, threshold)});
    } else {
        m_threshold->clear();
    }
    // An empty line rather than a hidden one: hiding a series also hides the labels of the axes
    // it shares (Qt Charts 6.4).
    const auto markers = chart()->legend()->markers(m_threshold);
    for (QLegendMarker *marker : markers)
        marker->setVisible(hasThreshold);

    // Labels before the range: an axis that goes from no labels to some without a change of
    // range leaves them out (Qt Charts 6.4).
    updateTimeAxis();
    m_time->setRange(-0.5, qMax(n, 1) - 0.5);
    TelemetryChartAxes::setNiceRange(m_countAxis, double(m_model->highestTotal()), 1);
    const double rateMax = qMin(100.0, qMax(5.0, qMax(m_model->highestRate(), threshold) * 1.15));
    TelemetryChartAxes::setNiceRange(m_rateAxis, rateMax, 1);
    updateDescription();
}

void TelemetryTimelineChart::resizeEvent(QResizeEvent *event)
{
    TelemetryChartView::resizeEvent(event);
    // As many time labels as fit.
    if (qBound(2, width() / PixelsPerLabel, 10) != m_maxLabels)
        updateTimeAxis();
}

void TelemetryTimelineChart::updateTimeAxis()
{
    const QStringList old = m_time->categoriesLabels();
    for (const QString &label : old)
        m_time->remove(label);
    if (m_model->rowCount() == 0)
        return;
    m_maxLabels = qBound(2, width() / PixelsPerLabel, 10);
    const QList<TelemetryChartAxes::TimeLabel> labels
        = TelemetryChartAxes::timeLabels(m_model->buckets(), m_model->bucketSeconds(), m_maxLabels);
    m_time->setStartValue(-0.5);
    for (const TelemetryChartAxes::TimeLabel &label : labels)
        m_time->append(label.text, label.position);
}

void TelemetryTimelineChart::updateDescription()
{
    const int n = m_model->rowCount();
    if (n == 0) {
        setAccessibleDescription(tr("No update outcomes in this range."));
        return;
    }
    OutcomeCounts total;
    for (const OutcomeBucket &bucket : m_model->buckets())
        total += bucket.counts;
    QString text
        = tr("%Ln period(s) of %1 from %2: %3 succeeded, %4 failed, %5 rolled back, "
             "%6 postponed.",
             nullptr, n)
              .arg(TelemetryFormat::duration(m_model->bucketSeconds()),
                   TelemetryFormat::range(m_model->bucketStart(0), m_model->bucketEnd(n - 1)),
                   DeviceFormat::number(total.succeeded()),
                   DeviceFormat::number(total[TelemetryOutcome::Failed]),
                   DeviceFormat::number(total[TelemetryOutcome::RolledBack]),
                   DeviceFormat::number(total[TelemetryOutcome::Postponed]));
    text += QLatin1Char(' ') + tr("Failure rate overall %1.").arg(TelemetryFormat::rateOf(total));
    if (const int worst = m_model->worstBucket(); worst >= 0) {
        text += QLatin1Char(' ')
            + tr("Highest failure rate %1 in %2.")
                  .arg(TelemetryFormat::rate(m_model->highestRate()),
                       TelemetryFormat::range(m_model->bucketStart(worst),
                                              m_model->bucketEnd(worst)));
    }
    if (m_model->errorThreshold() >= 0) {
        int above = 0;
        for (const OutcomeBucket &bucket : m_model->buckets())
            above += bucket.counts.results()
                && bucket.counts.failureRate() > m_model->errorThreshold();
        text += QLatin1Char(' ')
            + tr("Error threshold %1, exceeded in %Ln period(s).", nullptr, above)
                  .arg(TelemetryFormat::rate(m_model->errorThreshold()));
    }
    setAccessibleDescription(text);
}

QString TelemetryTimelineChart::toolTipText(int bucket) const
{
    if (bucket < 0 || bucket >= m_model->rowCount())
        return {};
    const OutcomeCounts &counts = m_model->buckets().at(bucket).counts;
    QStringList lines;
    lines.append(TelemetryFormat::range(m_model->bucketStart(bucket), m_model->bucketEnd(bucket)));
    for (int i = 0; i < TelemetryOutcomeCount; ++i) {
        const auto outcome = TelemetryOutcome(i);
        lines.append(tr("%1: %2", "outcome: count")
                         .arg(TelemetryFormat::outcomeLabel(outcome),
                              DeviceFormat::number(counts[outcome])));
    }
    lines.append(counts.results()
                     ? tr("Failure rate: %1 of %Ln result(s)", nullptr, int(counts.results()))
                           .arg(TelemetryFormat::rate(counts.failureRate()))
                     : tr("Failure rate: no results"));
    return lines.join(QLatin1Char('\n'));
}

QPoint TelemetryTimelineChart::barPosition(int bucket, TelemetryOutcome outcome) const
{
    if (bucket < 0 || bucket >= m_model->rowCount())
        return {};
    const OutcomeCounts &counts = m_model->buckets().at(bucket).counts;
    qreal below = 0;
    for (int i = 0; i < int(outcome); ++i)
        below += qreal(counts[TelemetryOutcome(i)]);
    const QPointF value(bucket, below + qreal(counts[outcome]) / 2);
    return mapFromScene(chart()->mapToScene(chart()->mapToPosition(value, m_bars)));
}

QPoint TelemetryTimelineChart::ratePosition(int bucket) const
{
    if (bucket < 0 || bucket >= m_model->rowCount())
        return {};
    const QPointF value(bucket, m_model->buckets().at(bucket).counts.failureRate());
    return mapFromScene(chart()->mapToScene(chart()->mapToPosition(value, m_rate)));
}

int TelemetryTimelineChart::bucketAt(qreal x) const
{
    // The nearest point of the line: buckets without results have none.
    int best = -1;
    qreal distance = 0;
    const QList<OutcomeBucket> &buckets = m_model->buckets();
    for (int row = 0; row < buckets.size(); ++row) {
        if (buckets.at(row).counts.results() == 0)
            continue;
        if (best < 0 || qAbs(row - x) < distance) {
            best = row;
            distance = qAbs(row - x);
        }
    }
    return best;
}

void TelemetryTimelineChart::onBarClicked(int index, QBarSet *set)
{
    for (int i = 0; i < TelemetryOutcomeCount; ++i) {
        if (m_sets[i] == set && index >= 0 && index < m_model->rowCount())
            Q_EMIT bucketClicked(index, TelemetryOutcome(i));
    }
}

void TelemetryTimelineChart::onRateClicked(const QPointF &point)
{
    const int bucket = bucketAt(point.x());
    if (bucket >= 0)
        Q_EMIT bucketClicked(bucket, std::nullopt);
}

} // namespace Patchboard
