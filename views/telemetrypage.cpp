// SPDX-License-Identifier: Apache-2.0
#include "telemetrypage.h"

#include "deviceformat.h"
#include "telemetry/telemetrybackend.h"
#include "telemetryexportbutton.h"
#include "telemetryformat.h"
#include "telemetrygroupchart.h"
#include "telemetryquerybar.h"
#include "telemetryreasonchart.h"
#include "telemetryreasonmodel.h"
#include "telemetrytimelinechart.h"
#include "telemetrytimelinemodel.h"
#include "telemetrytopfailuresmodel.h"
#include "viewstyle.h"

#include <QAction>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace Patchboard {

namespace {

// eventsChanged comes a few times a second while a rollout runs; the charts follow about once a
// second, which keeps the GUI smooth (a refresh rebuilds four charts).
constexpr int RefreshIntervalMs = 1000;
// New rollouts and releases show up in the scope chooser within this time.
constexpr int ScopesIntervalMs = 10000;
// Buckets of the outcomes chart: wide enough bars to see and to click on a laptop screen.
constexpr int MaxBuckets = 120;
// Bars of the hardware-model chart; the table and the CSV have every model.
constexpr int MaxModelBars = 12;

// A chart's click names one outcome, or none for a failure-rate point, which stands for the
// devices counted as failures.
QList<TelemetryOutcome> outcomesOf(std::optional<TelemetryOutcome> outcome)
{
    return outcome ? QList<TelemetryOutcome>{*outcome} : UpdateEventFilter::failureOutcomes();
}

} // namespace

TelemetryPage::TelemetryPage(TelemetryBackend *backend, QWidget *parent)
    : QWidget(parent)
    , m_backend(backend)
    , m_timelineModel(new TelemetryTimelineModel(this))
    , m_reasonModel(new TelemetryReasonModel(this))
    , m_modelModel(new TelemetryGroupModel(TelemetryGroupKind::Model, this))
    , m_waveModel(new TelemetryGroupModel(TelemetryGroupKind::Wave, this))
    , m_topModel(new TelemetryTopFailuresModel(5, this))
    , m_queryBar(new TelemetryQueryBar(this))
    , m_busy(new QProgressBar(this))
    , m_export(new TelemetryExportButton(backend, this))
    , m_summary(new QLabel(this))
    , m_error(new QLabel(this))
    , m_stack(new QStackedWidget(this))
    , m_tabs(new QTabWidget(this))
    , m_timelineChart(new TelemetryTimelineChart(m_timelineModel, this))
    , m_reasonChart(new TelemetryReasonChart(m_reasonModel, this))
    , m_modelChart(new TelemetryGroupChart(m_modelModel, MaxModelBars, this))
    , m_waveChart(new TelemetryGroupChart(m_waveModel, 64, this))
    , m_topTable(new QTableView(this))
    , m_empty(new QWidget(this))
    , m_emptyText(new QLabel(m_empty))
    , m_showEverything(new QPushButton(tr("Show &Everything"), m_empty))
{
    m_range = m_queryBar->range();
    m_busy->setRange(0, 0);
    m_busy->setTextVisible(false);
    m_busy->setMaximumWidth(100);
    m_busy->setAccessibleName(tr("Loading telemetry"));
    m_busy->hide();

    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_summary->setAccessibleName(tr("Telemetry summary"));
    m_summary->setText(tr("Loading update events\u2026"));
    m_error->setWordWrap(true);
    m_error->setTextFormat(Qt::PlainText);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_error->setAccessibleName(tr("Error"));
    QPalette errorPalette = m_error->palette();
    errorPalette.setColor(QPalette::WindowText, DeviceFormat::criticalColor());
    m_error->setPalette(errorPalette);
    m_error->hide();

    m_tabs->addTab(m_timelineChart, tr("&Outcomes over Time"));
    m_tabs->addTab(m_reasonChart, tr("Failure &Reasons"));
    m_tabs->addTab(m_modelChart, tr("By Hardware &Model"));
    m_tabs->addTab(m_waveChart, tr("By &Wave"));
    m_tabs->setAccessibleName(tr("Charts"));
    m_tabs->setDocumentMode(true);

    // The top failing models and regions: the keyboard way to the devices, too.
    m_topTable->setModel(m_topModel);
    m_topTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_topTable->setSelectionMode(QAbstractItemView::SingleSelection);
    m_topTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_topTable->setTabKeyNavigation(false); // Tab leaves it, arrows move in it
    m_topTable->setAlternatingRowColors(true);
    m_topTable->setWordWrap(false);
    m_topTable->verticalHeader()->hide();
    m_topTable->verticalHeader()->setDefaultSectionSize(m_topTable->fontMetrics().height() + 8);
    m_topTable->horizontalHeader()->setSectionResizeMode(TelemetryTopFailuresModel::NameColumn,
                                                         QHeaderView::Stretch);
    m_topTable->setAccessibleName(tr("Top failing models and regions"));
    m_topTable->viewport()->setCursor(Qt::PointingHandCursor);
    connect(m_topTable, &QTableView::clicked, this, &TelemetryPage::onTopFailureActivated);
    auto *open = new QAction(tr("List Devices"), m_topTable);
    open->setShortcuts({QKeySequence(Qt::Key_Return), QKeySequence(Qt::Key_Enter)});
    open->setShortcutContext(Qt::WidgetShortcut);
    connect(open, &QAction::triggered, this,
            [this] { onTopFailureActivated(m_topTable->currentIndex()); });
    m_topTable->addAction(open);
    auto *topTitle = new QLabel(tr("Top failing models and regions"), this);
    QFont bold = topTitle->font();
    bold.setBold(true);
    topTitle->setFont(bold);
    auto *topHint = new QLabel(tr("Failed or rolled back. \u26A0 marks a failure rate above the "
                                  "average. Click a row, a bar or a marker to list the devices."),
                               this);
    topHint->setWordWrap(true);
    ViewStyle::setMuted(topHint);
    auto *side = new QWidget(this);
    auto *sideLayout = new QVBoxLayout(side);
    sideLayout->setContentsMargins(0, 0, 0, 0);
    sideLayout->addWidget(topTitle);
    sideLayout->addWidget(m_topTable, 1);
    sideLayout->addWidget(topHint);

    auto *content = new QSplitter(Qt::Horizontal, this);
    content->addWidget(m_tabs);
    content->addWidget(side);
    content->setChildrenCollapsible(false);
    content->setStretchFactor(0, 3);
    content->setStretchFactor(1, 1);
    content->setSizes({720, 320});

    // No events: say why, instead of drawing empty axes.
    m_emptyText->setAlignment(Qt::AlignCenter);
    m_emptyText->setWordWrap(true);
    m_emptyText->setTextFormat(Qt::PlainText);
    m_emptyText->setAccessibleName(tr("No update events"));
    ViewStyle::setMuted(m_emptyText);
    auto *emptyLayout = new QVBoxLayout(m_empty);
    emptyLayout->addStretch(1);
    emptyLayout->addWidget(m_emptyText);
    emptyLayout->addWidget(m_showEverything, 0, Qt::AlignHCenter);
    emptyLayout->addStretch(2);
    connect(m_showEverything, &QPushButton::clicked, this,
            [this] { setRange(TelemetryRange(TelemetryRange::Everything)); });
    m_stack->addWidget(content);
    m_stack->addWidget(m_empty);

    auto *toolbar = new QHBoxLayout;
    toolbar->addWidget(m_queryBar, 1);
    toolbar->addWidget(m_busy);
    toolbar->addWidget(m_export);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(toolbar);
    layout->addWidget(m_summary);
    layout->addWidget(m_error);
    layout->addWidget(m_stack, 1);

    connect(m_queryBar, &TelemetryQueryBar::scopeChosen, this, &TelemetryPage::setScope);
    connect(m_queryBar, &TelemetryQueryBar::rangeChosen, this, &TelemetryPage::setRange);
    connect(m_queryBar, &TelemetryQueryBar::invalidRange, this, &TelemetryPage::setError);
    connect(m_timelineChart, &TelemetryTimelineChart::bucketClicked, this,
            &TelemetryPage::onBucketClicked);
    connect(m_reasonChart, &TelemetryReasonChart::reasonClicked, this,
            &TelemetryPage::onReasonClicked);
    connect(m_modelChart, &TelemetryGroupChart::groupClicked, this,
            [this](int row, std::optional<TelemetryOutcome> outcome) {
                onGroupClicked(TelemetryGroupKind::Model, row, outcome);
            });
    connect(m_waveChart, &TelemetryGroupChart::groupClicked, this,
            [this](int row, std::optional<TelemetryOutcome> outcome) {
                onGroupClicked(TelemetryGroupKind::Wave, row, outcome);
            });

    m_throttle.setSingleShot(true);
    m_throttle.setInterval(RefreshIntervalMs);
    connect(&m_throttle, &QTimer::timeout, this, &TelemetryPage::pump);
    m_scopesDelay.setSingleShot(true);
    m_scopesDelay.setInterval(ScopesIntervalMs);
    connect(&m_scopesDelay, &QTimer::timeout, this, &TelemetryPage::loadScopes);
    if (m_backend)
        connect(m_backend, &TelemetryBackend::eventsChanged, this, &TelemetryPage::onEventsChanged);
    connect(m_export, &TelemetryExportButton::statusMessage, this, &TelemetryPage::statusMessage);
    connect(m_export, &TelemetryExportButton::failed, this, &TelemetryPage::setError);
    connect(m_tabs, &QTabWidget::currentChanged, this, &TelemetryPage::updateExportChart);
    updateExportChart();
    loadScopes();
    requestOverview(true);
}

QString TelemetryPage::summaryText() const
{
    return m_summary->text();
}

QString TelemetryPage::emptyText() const
{
    return m_stack->currentWidget() == m_empty ? m_emptyText->text() : QString();
}

QString TelemetryPage::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

TelemetryChartView *TelemetryPage::chartView(Chart chart) const
{
    switch (chart) {
    case OutcomesChart:
        return m_timelineChart;
    case ReasonsChart:
        return m_reasonChart;
    case ModelsChart:
        return m_modelChart;
    case WavesChart:
        return m_waveChart;
    case ChartCount:
        break;
    }
    return nullptr;
}

TelemetryPage::Chart TelemetryPage::currentChart() const
{
    return Chart(qBound(0, m_tabs->currentIndex(), ChartCount - 1));
}

void TelemetryPage::setCurrentChart(int chart)
{
    if (chart >= 0 && chart < ChartCount)
        m_tabs->setCurrentIndex(chart);
}

void TelemetryPage::setScope(TelemetryScope scope)
{
    m_queryBar->setScope(scope); // emits nothing
    if (scope == m_scope)
        return;
    m_scope = scope;
    ++m_generation;
    requestOverview(true);
}

void TelemetryPage::setRange(const TelemetryRange &range)
{
    m_queryBar->setRange(range);
    if (range == m_range)
        return;
    m_range = range;
    ++m_generation;
    requestOverview(true);
}

void TelemetryPage::refresh()
{
    requestOverview(true);
}

void TelemetryPage::onEventsChanged()
{
    requestOverview(false);
    // The scope chooser learns of new rollouts at a slower pace.
    if (!m_scopesDelay.isActive())
        m_scopesDelay.start();
}

void TelemetryPage::requestOverview(bool urgent)
{
    m_dirty = true;
    // The operator's own choices are answered at once; only live refreshes wait for the throttle.
    m_urgent = m_urgent || urgent;
    if (urgent) {
        m_busy->show();
        m_error->hide();
    }
    pump();
}

void TelemetryPage::pump()
{
    if (!m_dirty || m_inFlight || !isVisible())
        return; // showEvent() or the answer on its way pumps again
    if (!m_urgent && m_throttle.isActive())
        return;
    sendQuery();
}

void TelemetryPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    // A hidden page does not query; what changed meanwhile is fetched now.
    pump();
}

void TelemetryPage::sendQuery()
{
    if (!m_backend) {
        m_dirty = false;
        m_busy->hide();
        setError(tr("No telemetry service is connected."));
        m_summary->setText(tr("Telemetry is not available."));
        return;
    }
    TelemetryQuery query;
    query.scope = m_scope;
    query.maxBuckets = MaxBuckets;
    // Relative ranges end at the scope's latest event (TelemetryRange). When it is not known
    // yet, ask for everything first: the answer names the latest event, and the real query
    // follows at once.
    const auto known = m_lastEvents.constFind(key(m_scope));
    const bool probe = m_range.isRelative() && known == m_lastEvents.cend();
    if (!probe) {
        const auto bounds = m_range.resolve(known == m_lastEvents.cend() ? QDateTime() : *known);
        query.from = bounds.first;
        query.to = bounds.second;
    }
    // Flags are set before the call: Qt 6.4 runs the continuation of a finished future at once.
    m_dirty = false;
    m_urgent = false;
    m_inFlight = true;
    m_throttle.start();
    m_lastQuery = query;
    ++m_requests;
    const quint64 generation = m_generation;
    m_backend->overview(query).then(
        this, [this, generation, probe](const Result<TelemetryOverview> &result) {
            m_inFlight = false;
            if (generation != m_generation) {
                pump(); // the operator chose another scope or range meanwhile
                return;
            }
            if (!result.ok()) {
                m_busy->hide();
                setError(result.error().text());
                if (!m_loaded)
                    m_summary->setText(tr("Update events could not be loaded."));
                pump();
                return;
            }
            const TelemetryOverview &overview = result.value();
            m_lastEvents.insert(key(overview.query.scope), overview.lastEvent);
            if (probe && overview.lastEvent.isValid()) {
                m_dirty = true;
                m_urgent = true;
                pump();
                return;
            }
            m_busy->hide();
            setOverview(overview);
            // New events moved the latest one: the window slides with the next refresh.
            if (m_range.isRelative() && overview.lastEvent.isValid()
                && TelemetryRange::relativeEnd(overview.lastEvent) != overview.query.to)
                m_dirty = true;
            pump();
        });
}

void TelemetryPage::loadScopes()
{
    if (!m_backend || m_scopesInFlight)
        return;
    m_scopesInFlight = true;
    m_backend->scopes().then(this, [this](const Result<QList<TelemetryScopeChoice>> &result) {
        m_scopesInFlight = false;
        if (result.ok())
            m_queryBar->setScopes(result.value());
        else
            setError(result.error().text());
    });
}

void TelemetryPage::setOverview(const TelemetryOverview &overview)
{
    m_shown = overview.query;
    m_timelineModel->setOverview(overview);
    m_reasonModel->setBreakdown(overview.breakdown);
    m_modelModel->setBreakdown(overview.breakdown);
    m_waveModel->setBreakdown(overview.breakdown);
    m_topModel->setBreakdown(overview.breakdown);
    m_waveChart->setThreshold(overview.errorThreshold, overview.thresholdWave);
    m_topTable->resizeColumnToContents(TelemetryTopFailuresModel::KindColumn);
    m_topTable->resizeColumnToContents(TelemetryTopFailuresModel::FailuresColumn);
    m_topTable->resizeColumnToContents(TelemetryTopFailuresModel::FailureRateColumn);
    // Custom starts from what is on screen.
    m_queryBar->setSuggestedBounds(
        overview.query.from.isValid() ? overview.query.from : overview.firstEvent,
        overview.query.to.isValid() ? overview.query.to
                                    : TelemetryRange::relativeEnd(overview.lastEvent));
    m_hasData = overview.breakdown.total.total() > 0;
    if (m_hasData) {
        m_stack->setCurrentIndex(0);
        m_error->hide();
    } else {
        showEmpty(overview);
    }
    updateSummary(overview);
    UpdateEventFilter events = baseFilter();
    events.description = m_queryBar->scopeName(events.scope) + QStringLiteral(" \u00b7 ")
        + m_range.phrase(events.from, events.to);
    m_export->setEvents(events, m_hasData);
    m_loaded = true;
    Q_EMIT overviewShown();
}

void TelemetryPage::showEmpty(const TelemetryOverview &overview)
{
    const QString scope = m_queryBar->scopeName(overview.query.scope);
    QString text;
    if (!overview.firstEvent.isValid()) {
        switch (overview.query.scope.kind) {
        case TelemetryScope::Kind::Fleet:
            text = tr("No update events in the fleet yet. They appear here as soon as devices "
                      "report on an update.");
            break;
        case TelemetryScope::Kind::Rollout:
            text = tr("No update events for %1 yet. They appear here once its first wave has "
                      "started and devices report.")
                       .arg(scope);
            break;
        case TelemetryScope::Kind::Release:
            text = tr("No update events for %1 yet. They appear here once a rollout of it has "
                      "started and devices report.")
                       .arg(scope);
            break;
        }
    } else {
        const QString from = overview.query.from.isValid()
            ? DeviceFormat::dateTime(overview.query.from)
            : DeviceFormat::dateTime(overview.firstEvent);
        const QString to = overview.query.to.isValid() ? DeviceFormat::dateTime(overview.query.to)
                                                       : DeviceFormat::dateTime(overview.lastEvent);
        const QString first = DeviceFormat::dateTime(overview.firstEvent);
        const QString last = DeviceFormat::dateTime(overview.lastEvent);
        switch (overview.query.scope.kind) {
        case TelemetryScope::Kind::Fleet:
            text = tr("No update events between %1 and %2; the fleet's first event is %3, its "
                      "latest %4.")
                       .arg(from, to, first, last);
            break;
        case TelemetryScope::Kind::Rollout:
            text = tr("No update events between %1 and %2; the rollout's first event is %3, its "
                      "latest %4.")
                       .arg(from, to, first, last);
            break;
        case TelemetryScope::Kind::Release:
            text = tr("No update events between %1 and %2; the release's first event is %3, its "
                      "latest %4.")
                       .arg(from, to, first, last);
            break;
        }
    }
    m_emptyText->setText(text);
    m_showEverything->setVisible(overview.firstEvent.isValid()
                                 && m_range.kind() != TelemetryRange::Everything);
    m_stack->setCurrentWidget(m_empty);
}

void TelemetryPage::updateSummary(const TelemetryOverview &overview)
{
    const OutcomeCounts &total = overview.breakdown.total;
    const QString scope = m_queryBar->scopeName(overview.query.scope);
    const QString range = m_range.phrase(overview.query.from, overview.query.to);
    if (!overview.firstEvent.isValid() || total.total() == 0) {
        m_summary->setText(tr("%1, %2: no update events.").arg(scope, range));
        return;
    }
    QString text = tr("%1, %2: %Ln result(s)", nullptr, int(total.results())).arg(scope, range);
    text += QLatin1Char(' ')
        + tr("(%1 succeeded, %2 failed, %3 rolled back; failure rate %4), %5 postponed.")
              .arg(DeviceFormat::number(total.succeeded()),
                   DeviceFormat::number(total[TelemetryOutcome::Failed]),
                   DeviceFormat::number(total[TelemetryOutcome::RolledBack]),
                   TelemetryFormat::rateOf(total),
                   DeviceFormat::number(total[TelemetryOutcome::Postponed]));
    if (overview.errorThreshold >= 0) {
        const bool above = total.results() && total.failureRate() > overview.errorThreshold;
        const QString threshold = overview.thresholdWave > 0
            ? tr("Error threshold of wave %1: %2.")
                  .arg(overview.thresholdWave)
                  .arg(TelemetryFormat::rate(overview.errorThreshold))
            : tr("Error threshold: %1.").arg(TelemetryFormat::rate(overview.errorThreshold));
        text += QLatin1Char(' ') + (above ? DeviceFormat::warningMarker() : QString()) + threshold;
        if (above)
            text += QLatin1Char(' ') + tr("The failure rate is above it.");
    }
    m_summary->setText(text);
}

void TelemetryPage::setError(const QString &message)
{
    m_error->setText(DeviceFormat::warningMarker() + message);
    m_error->setVisible(!message.isEmpty());
}

UpdateEventFilter TelemetryPage::baseFilter() const
{
    UpdateEventFilter filter;
    filter.scope = m_shown.scope;
    filter.from = m_shown.from;
    filter.to = m_shown.to;
    return filter;
}

void TelemetryPage::requestDevices(UpdateEventFilter filter, QStringList parts)
{
    parts.prepend(m_queryBar->scopeName(filter.scope));
    if (filter.outcomes.isEmpty()) {
        parts.append(tr("any outcome"));
    } else if (filter.outcomes == UpdateEventFilter::failureOutcomes()) {
        parts.append(tr("failed or rolled back"));
    } else {
        QStringList names;
        for (TelemetryOutcome outcome : std::as_const(filter.outcomes))
            names.append(telemetryOutcomeDisplayName(outcome));
        parts.append(names.join(QStringLiteral(", ")));
    }
    filter.description = parts.join(QStringLiteral(" \u00b7 "));
    DeviceFilter devices;
    devices.events = filter;
    Q_EMIT showDevicesRequested(devices);
}

void TelemetryPage::onBucketClicked(int bucket, std::optional<TelemetryOutcome> outcome)
{
    if (bucket < 0 || bucket >= m_timelineModel->rowCount())
        return;
    UpdateEventFilter filter = baseFilter();
    filter.from = m_timelineModel->bucketStart(bucket);
    filter.to = m_timelineModel->bucketEnd(bucket);
    filter.outcomes = outcomesOf(outcome);
    requestDevices(filter, {TelemetryFormat::range(filter.from, filter.to)});
}

void TelemetryPage::onReasonClicked(FailureReason reason, TelemetryOutcome outcome)
{
    UpdateEventFilter filter = baseFilter();
    filter.reason = reason;
    filter.outcomes = {outcome};
    QStringList parts;
    if (filter.from.isValid() || filter.to.isValid())
        parts.append(TelemetryFormat::range(filter.from, filter.to));
    parts.append(TelemetryFormat::reason(reason));
    requestDevices(filter, parts);
}

void TelemetryPage::onGroupClicked(TelemetryGroupKind kind, int row,
                                   std::optional<TelemetryOutcome> outcome)
{
    const TelemetryGroupModel *model
        = kind == TelemetryGroupKind::Wave ? m_waveModel : m_modelModel;
    if (row < 0 || row >= model->rowCount())
        return;
    UpdateEventFilter filter = baseFilter();
    const int id = model->groups().at(row).id;
    if (kind == TelemetryGroupKind::Wave)
        filter.wave = id;
    else
        filter.modelId = id;
    filter.outcomes = outcomesOf(outcome);
    QStringList parts;
    if (filter.from.isValid() || filter.to.isValid())
        parts.append(TelemetryFormat::range(filter.from, filter.to));
    parts.append(model->name(row));
    requestDevices(filter, parts);
}

void TelemetryPage::onTopFailureActivated(const QModelIndex &index)
{
    if (!index.isValid())
        return;
    const auto kind
        = TelemetryGroupKind(index.data(TelemetryTopFailuresModel::GroupKindRole).toInt());
    UpdateEventFilter filter = baseFilter();
    const int id = index.data(TelemetryTopFailuresModel::GroupIdRole).toInt();
    if (kind == TelemetryGroupKind::Region)
        filter.regionId = id;
    else
        filter.modelId = id;
    // The row ranks by failures: it lists the devices that failed or rolled back.
    filter.outcomes = UpdateEventFilter::failureOutcomes();
    QStringList parts;
    if (filter.from.isValid() || filter.to.isValid())
        parts.append(TelemetryFormat::range(filter.from, filter.to));
    parts.append(index.siblingAtColumn(TelemetryTopFailuresModel::NameColumn).data().toString());
    requestDevices(filter, parts);
}

bool TelemetryPage::saveChartImageTo(const QString &path)
{
    return m_export->saveImageTo(path);
}

bool TelemetryPage::saveChartSvgTo(const QString &path)
{
    return m_export->saveSvgTo(path);
}

bool TelemetryPage::saveChartDataTo(const QString &path)
{
    return m_export->saveDataTo(path);
}

void TelemetryPage::exportEventsTo(const QString &path, bool pseudonyms)
{
    m_export->exportEventsTo(path, pseudonyms);
}

void TelemetryPage::updateExportChart()
{
    static const char *const stems[ChartCount] = {"outcomes", "reasons", "models", "waves"};
    m_export->setChart(chartView(currentChart()), QLatin1String(stems[currentChart()]));
}

} // namespace Patchboard
