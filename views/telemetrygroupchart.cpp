// SPDX-License-Identifier: Apache-2.0
#include "telemetrygroupchart.h"

#include "deviceformat.h"
#include "telemetrychartaxes.h"
#include "telemetryformat.h"
#include "telemetrygroupmodel.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QScatterSeries>
#include <QStackedBarSeries>
#include <QValueAxis>

namespace Patchboard {

namespace {

// Category labels are turned when there are more than this many bars, so that names fit.
constexpr int UprightLabels = 6;
// The names in the text summary: the first few groups.
constexpr int SummaryGroups = 8;

// An empty line rather than a hidden one: hiding a series also hides the labels of the axes it
// shares (Qt Charts 6.4). Only the legend entry goes.
void showLine(QChart *chart, QLineSeries *line, bool visible)
{
    const auto markers = chart->legend()->markers(line);
    for (QLegendMarker *marker : markers)
        marker->setVisible(visible);
}

} // namespace

TelemetryGroupChart::TelemetryGroupChart(TelemetryGroupModel *model, int maxGroups, QWidget *parent)
    : TelemetryChartView(model->kind() == TelemetryGroupKind::Wave ? tr("Failures by wave")
                             : model->kind() == TelemetryGroupKind::Region
                             ? tr("Failures by region")
                             : tr("Failures by hardware model"),
                         parent)
    , m_model(model)
    , m_maxGroups(qMax(1, maxGroups))
    , m_bars(new QStackedBarSeries(this))
    , m_failed(new QBarSet(TelemetryFormat::outcomeLabel(TelemetryOutcome::Failed)))
    , m_rolledBack(new QBarSet(TelemetryFormat::outcomeLabel(TelemetryOutcome::RolledBack)))
    , m_rate(new QScatterSeries(this))
    , m_average(new QLineSeries(this))
    , m_thresholdLine(new QLineSeries(this))
    , m_groupAxis(new QBarCategoryAxis(this))
    , m_countAxis(new QValueAxis(this))
    , m_rateAxis(new QValueAxis(this))
{
    m_bars->append(m_failed);
    m_bars->append(m_rolledBack);
    m_bars->setBarWidth(0.6);
    m_rate->setName(tr("Failure rate (%)"));
    m_rate->setMarkerShape(QScatterSeries::MarkerShapeRectangle);
    m_rate->setMarkerSize(10);

    QChart *c = chart();
    c->addSeries(m_bars);
    c->addSeries(m_average);
    c->addSeries(m_thresholdLine);
    c->addSeries(m_rate); // markers above the lines
    m_countAxis->setTitleText(tr("Failures"));
    m_rateAxis->setTitleText(tr("Failure rate (%)"));
    m_rateAxis->setGridLineVisible(false);
    m_groupAxis->setGridLineVisible(false);
    c->addAxis(m_groupAxis, Qt::AlignBottom);
    c->addAxis(m_countAxis, Qt::AlignLeft);
    c->addAxis(m_rateAxis, Qt::AlignRight);
    m_bars->attachAxis(m_groupAxis);
    m_bars->attachAxis(m_countAxis);
    // Markers and lines on the bars' categories: x is the row.
    for (QXYSeries *series :
         std::initializer_list<QXYSeries *>{m_rate, m_average, m_thresholdLine}) {
        series->attachAxis(m_groupAxis);
        series->attachAxis(m_rateAxis);
    }
    setMinimumSize(420, 240);

    connect(m_bars, &QStackedBarSeries::clicked, this, &TelemetryGroupChart::onBarClicked);
    connect(m_rate, &QScatterSeries::clicked, this, &TelemetryGroupChart::onRateClicked);
    connect(m_bars, &QStackedBarSeries::hovered, this, [this](bool state, int index, QBarSet *) {
        setCursor(state ? Qt::PointingHandCursor : Qt::ArrowCursor);
        if (state)
            showToolTip(toolTipText(index) + QLatin1Char('\n')
                        + tr("Click to list these devices."));
        else
            hideToolTip();
    });
    connect(m_rate, &QScatterSeries::hovered, this, [this](const QPointF &point, bool state) {
        setCursor(state ? Qt::PointingHandCursor : Qt::ArrowCursor);
        if (state)
            showToolTip(toolTipText(qRound(point.x())) + QLatin1Char('\n')
                        + tr("Click to list the devices that failed or rolled back."));
        else
            hideToolTip();
    });
    connect(model, &QAbstractItemModel::modelReset, this, &TelemetryGroupChart::rebuild);
    applyStyle();
    rebuild();
}

QAbstractItemModel *TelemetryGroupChart::dataModel() const
{
    return m_model;
}

QBarSet *TelemetryGroupChart::barSet(TelemetryOutcome outcome) const
{
    switch (outcome) {
    case TelemetryOutcome::Failed:
        return m_failed;
    case TelemetryOutcome::RolledBack:
        return m_rolledBack;
    default:
        return nullptr;
    }
}

QLineSeries *TelemetryGroupChart::thresholdSeries() const
{
    return m_thresholdLine->count() ? m_thresholdLine : nullptr;
}

void TelemetryGroupChart::setThreshold(double percent, int wave)
{
    if (percent == m_threshold && wave == m_thresholdWave)
        return;
    m_threshold = percent;
    m_thresholdWave = wave;
    rebuild();
}

void TelemetryGroupChart::applyStyle()
{
    const QPalette p = palette();
    styleBarSet(m_failed, TelemetryOutcome::Failed);
    styleBarSet(m_rolledBack, TelemetryOutcome::RolledBack);
    m_rate->setColor(p.color(QPalette::Base));
    m_rate->setBorderColor(p.color(QPalette::WindowText));
    m_rate->setPen(QPen(p.color(QPalette::WindowText), 2));
    m_average->setPen(QPen(p.color(QPalette::WindowText), 1.5, Qt::DotLine));
    m_thresholdLine->setPen(QPen(thresholdColor(p), 2, Qt::DashLine));
    TelemetryChartView::applyStyle();
}

void TelemetryGroupChart::rebuild()
{
    m_barCount = qMin(m_model->rowCount(), m_maxGroups);
    QStringList categories;
    QList<qreal> failed;
    QList<qreal> rolledBack;
    QList<QPointF> rates;
    for (int row = 0; row < m_barCount; ++row) {
        const OutcomeCounts &c = m_model->groups().at(row).counts;
        categories.append(m_model->name(row));
        failed.append(qreal(c[TelemetryOutcome::Failed]));
        rolledBack.append(qreal(c[TelemetryOutcome::RolledBack]));
        if (c.results())
            rates.append(QPointF(row, c.failureRate()));
    }
    for (QBarSet *set : {m_failed, m_rolledBack}) {
        if (set->count())
            set->remove(0, set->count());
    }
    m_failed->append(failed);
    m_rolledBack->append(rolledBack);
    m_rate->replace(rates);
    m_groupAxis->clear();
    m_groupAxis->append(categories);
    m_groupAxis->setLabelsAngle(m_barCount > UprightLabels ? -35 : 0);
    const QString what = m_model->kind() == TelemetryGroupKind::Wave ? tr("Wave")
        : m_model->kind() == TelemetryGroupKind::Region              ? tr("Region")
                                                                     : tr("Hardware model");
    m_groupAxis->setTitleText(m_model->rowCount() > m_barCount
                                  ? tr("%1 (the %2 with the most failures of %3)")
                                        .arg(what)
                                        .arg(m_barCount)
                                        .arg(m_model->rowCount())
                                  : what);
    updateReferenceLines();

    qint64 highest = 0;
    double highestRate = m_model->averageFailureRate();
    for (int row = 0; row < m_barCount; ++row) {
        const OutcomeCounts &c = m_model->groups().at(row).counts;
        highest = qMax(highest, c.failures());
        if (c.results())
            highestRate = qMax(highestRate, c.failureRate());
    }
    highestRate = qMax(highestRate, m_threshold);
    TelemetryChartAxes::setNiceRange(m_countAxis, double(highest), 1);
    TelemetryChartAxes::setNiceRange(m_rateAxis, qMin(100.0, qMax(5.0, highestRate * 1.15)), 1);

    // The text summary names the first groups with their failures and rate against the average.
    QStringList parts;
    for (int row = 0; row < qMin(m_model->rowCount(), SummaryGroups); ++row) {
        const OutcomeCounts &c = m_model->groups().at(row).counts;
        QString part = tr("%1: %Ln failure(s), failure rate %2", nullptr, int(c.failures()))
                           .arg(m_model->name(row), TelemetryFormat::rateOf(c));
        if (m_model->isAboveAverage(row))
            part += QLatin1Char(' ') + tr("(above average)");
        parts.append(part);
    }
    QString text = parts.isEmpty()
        ? tr("No results in this range.")
        : tr("%1, average failure rate %2. %3.")
              .arg(title(), TelemetryFormat::rate(m_model->averageFailureRate()),
                   parts.join(QStringLiteral("; ")));
    if (m_model->rowCount() > SummaryGroups)
        text += QLatin1Char(' ')
            + tr("%Ln more in the table and the CSV export.", nullptr,
                 m_model->rowCount() - SummaryGroups);
    setAccessibleDescription(text);
}

void TelemetryGroupChart::updateReferenceLines()
{
    const qreal left = -0.5;
    const qreal right = qMax(m_barCount, 1) - 0.5;
    const bool average = m_model->hasResults();
    if (average) {
        const double rate = m_model->averageFailureRate();
        m_average->setName(tr("Average failure rate: %1").arg(TelemetryFormat::rate(rate)));
        m_average->replace({QPointF(left, rate), QPointF(right, rate)});
    } else {
        m_average->clear();
    }
    showLine(chart(), m_average, average);
    const bool threshold = m_threshold >= 0;
    if (threshold) {
        m_thresholdLine->setName(
            m_thresholdWave > 0
                ? tr("Error threshold of wave %1: %2")
                      .arg(m_thresholdWave)
                      .arg(TelemetryFormat::rate(m_threshold))
                : tr("Error threshold: %1").arg(TelemetryFormat::rate(m_threshold)));
        m_thresholdLine->replace({QPointF(left, m_threshold), QPointF(right, m_threshold)});
    } else {
        m_thresholdLine->clear();
    }
    showLine(chart(), m_thresholdLine, threshold);
}

QString TelemetryGroupChart::toolTipText(int row) const
{
    if (row < 0 || row >= m_model->rowCount())
        return {};
    const OutcomeCounts &c = m_model->groups().at(row).counts;
    QStringList lines{m_model->name(row)};
    for (int i = 0; i < TelemetryOutcomeCount; ++i) {
        const auto outcome = TelemetryOutcome(i);
        lines.append(
            tr("%1: %2", "outcome: count")
                .arg(TelemetryFormat::outcomeLabel(outcome), DeviceFormat::number(c[outcome])));
    }
    lines.append(c.results() ? tr("Failure rate: %1 (average %2)")
                                   .arg(TelemetryFormat::rate(c.failureRate()),
                                        TelemetryFormat::rate(m_model->averageFailureRate()))
                             : tr("Failure rate: no results"));
    return lines.join(QLatin1Char('\n'));
}

QPoint TelemetryGroupChart::barPosition(int row, TelemetryOutcome outcome) const
{
    if (row < 0 || row >= m_barCount || !barSet(outcome))
        return {};
    const OutcomeCounts &c = m_model->groups().at(row).counts;
    const qreal below
        = outcome == TelemetryOutcome::RolledBack ? qreal(c[TelemetryOutcome::Failed]) : 0;
    const QPointF value(row, below + qreal(c[outcome]) / 2);
    return mapFromScene(chart()->mapToScene(chart()->mapToPosition(value, m_bars)));
}

QPoint TelemetryGroupChart::ratePosition(int row) const
{
    if (row < 0 || row >= m_barCount)
        return {};
    const QPointF value(row, m_model->groups().at(row).counts.failureRate());
    return mapFromScene(chart()->mapToScene(chart()->mapToPosition(value, m_rate)));
}

void TelemetryGroupChart::onBarClicked(int index, QBarSet *set)
{
    if (index < 0 || index >= m_barCount)
        return;
    if (set == m_failed)
        Q_EMIT groupClicked(index, TelemetryOutcome::Failed);
    else if (set == m_rolledBack)
        Q_EMIT groupClicked(index, TelemetryOutcome::RolledBack);
}

void TelemetryGroupChart::onRateClicked(const QPointF &point)
{
    const int row = qRound(point.x());
    if (row >= 0 && row < m_barCount)
        Q_EMIT groupClicked(row, std::nullopt);
}

} // namespace Patchboard
