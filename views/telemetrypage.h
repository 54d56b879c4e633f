// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "domain/devicequery.h"
#include "domain/telemetry.h"
#include "telemetrygroupmodel.h"
#include "telemetryrange.h"

#include <QHash>
#include <QPair>
#include <QPointer>
#include <QTimer>
#include <QWidget>

#include <optional>

class QLabel;
class QModelIndex;
class QProgressBar;
class QPushButton;
class QStackedWidget;
class QTabWidget;
class QTableView;

namespace Patchboard {

class TelemetryBackend;
class TelemetryChartView;
class TelemetryExportButton;
class TelemetryGroupChart;
class TelemetryQueryBar;
class TelemetryReasonChart;
class TelemetryReasonModel;
class TelemetryTimelineChart;
class TelemetryTimelineModel;
class TelemetryTopFailuresModel;

// Telemetry (ARCHITECTURE.md update procedure step 5): what fails, where and since when, for the
// whole fleet, one rollout or one release over a chosen time range. Outcomes over time with the
// failure rate and the rollout's error threshold, failure reasons, failures by hardware model
// (against the average) and by wave, and the top failing models and regions. Every bar, marker
// and table row leads to the devices behind it (showDevicesRequested). The page follows
// eventsChanged live, with at most one query on its way and about one a second; an answer for a
// scope or range the operator has left is dropped. The charts are exported as PNG, SVG and CSV,
// the events behind them as CSV with pseudonymous device IDs.
class TelemetryPage : public QWidget
{
    Q_OBJECT
public:
    enum Chart { OutcomesChart, ReasonsChart, ModelsChart, WavesChart, ChartCount };

    explicit TelemetryPage(TelemetryBackend *backend, QWidget *parent = nullptr);

    TelemetryScope scope() const { return m_scope; }
    TelemetryRange range() const { return m_range; }
    // The query of the overview on screen, and the last one asked for.
    const TelemetryQuery &shownQuery() const { return m_shown; }
    const TelemetryQuery &lastQuery() const { return m_lastQuery; }
    bool isLoaded() const { return m_loaded; }
    // Overview queries sent so far (tests check the throttle).
    int overviewRequests() const { return m_requests; }
    QString summaryText() const;
    // The explanation shown instead of the charts, or empty while they are shown.
    QString emptyText() const;
    QString errorText() const;

    TelemetryQueryBar *queryBar() const { return m_queryBar; }
    TelemetryTimelineModel *timelineModel() const { return m_timelineModel; }
    TelemetryReasonModel *reasonModel() const { return m_reasonModel; }
    TelemetryGroupModel *hardwareModel() const { return m_modelModel; }
    TelemetryGroupModel *waveModel() const { return m_waveModel; }
    TelemetryTopFailuresModel *topFailuresModel() const { return m_topModel; }
    TelemetryTimelineChart *timelineChart() const { return m_timelineChart; }
    TelemetryReasonChart *reasonChart() const { return m_reasonChart; }
    TelemetryGroupChart *hardwareChart() const { return m_modelChart; }
    TelemetryGroupChart *waveChart() const { return m_waveChart; }
    TelemetryChartView *chartView(Chart chart) const;
    Chart currentChart() const;
    QTableView *topFailuresTable() const { return m_topTable; }
    QPushButton *showEverythingButton() const { return m_showEverything; }
    TelemetryExportButton *exportButton() const { return m_export; }

    // Exports of the current chart and of the events on screen, without asking for a file name
    // (the Export menu asks first). Each reports through statusMessage(); the chart exports
    // return whether the file was saved.
    bool saveChartImageTo(const QString &path);
    bool saveChartSvgTo(const QString &path);
    bool saveChartDataTo(const QString &path);
    void exportEventsTo(const QString &path, bool pseudonyms);

public Q_SLOTS:
    void setScope(Patchboard::TelemetryScope scope);
    void setRange(const Patchboard::TelemetryRange &range);
    void setCurrentChart(int chart);
    // Asks for the overview now, or as soon as the answer on its way is back.
    void refresh();

Q_SIGNALS:
    // Typed navigation to the Devices page (STYLE.md practice 7); filter.events is set.
    void showDevicesRequested(const Patchboard::DeviceFilter &filter);
    void statusMessage(const QString &message);
    // An overview is on screen (charts or the explanation why there are none).
    void overviewShown();

protected:
    void showEvent(QShowEvent *event) override;

private:
    void requestOverview(bool urgent);
    void pump();
    void sendQuery();
    void loadScopes();
    void onEventsChanged();
    void setOverview(const TelemetryOverview &overview);
    void showEmpty(const TelemetryOverview &overview);
    void updateSummary(const TelemetryOverview &overview);
    void setError(const QString &message);
    void updateExportChart();

    // Drill-down: the filter of what was clicked.
    UpdateEventFilter baseFilter() const;
    void requestDevices(UpdateEventFilter filter, QStringList parts);
    void onBucketClicked(int bucket, std::optional<TelemetryOutcome> outcome);
    void onReasonClicked(FailureReason reason, TelemetryOutcome outcome);
    void onGroupClicked(TelemetryGroupKind kind, int row, std::optional<TelemetryOutcome> outcome);
    void onTopFailureActivated(const QModelIndex &index);

    using ScopeKey = QPair<int, qint64>;
    static ScopeKey key(TelemetryScope scope) { return {int(scope.kind), scope.id}; }

    QPointer<TelemetryBackend> m_backend;
    TelemetryScope m_scope;
    TelemetryRange m_range;
    TelemetryQuery m_shown;
    TelemetryQuery m_lastQuery;
    // The latest event of each scope seen so far: "now" of the relative ranges.
    QHash<ScopeKey, QDateTime> m_lastEvents;
    quint64 m_generation = 0; // the scope or range changed: older answers are stale
    bool m_inFlight = false;
    bool m_dirty = false;
    bool m_urgent = false;
    bool m_loaded = false;
    bool m_hasData = false;
    bool m_scopesInFlight = false;
    int m_requests = 0;
    QTimer m_throttle;
    QTimer m_scopesDelay;

    TelemetryTimelineModel *m_timelineModel = nullptr;
    TelemetryReasonModel *m_reasonModel = nullptr;
    TelemetryGroupModel *m_modelModel = nullptr;
    TelemetryGroupModel *m_waveModel = nullptr;
    TelemetryTopFailuresModel *m_topModel = nullptr;

    TelemetryQueryBar *m_queryBar = nullptr;
    QProgressBar *m_busy = nullptr;
    TelemetryExportButton *m_export = nullptr;
    QLabel *m_summary = nullptr;
    QLabel *m_error = nullptr;
    QStackedWidget *m_stack = nullptr;
    QTabWidget *m_tabs = nullptr;
    TelemetryTimelineChart *m_timelineChart = nullptr;
    TelemetryReasonChart *m_reasonChart = nullptr;
    TelemetryGroupChart *m_modelChart = nullptr;
    TelemetryGroupChart *m_waveChart = nullptr;
    QTableView *m_topTable = nullptr;
    QWidget *m_empty = nullptr;
    QLabel *m_emptyText = nullptr;
    QPushButton *m_showEverything = nullptr;
};

} // namespace Patchboard
