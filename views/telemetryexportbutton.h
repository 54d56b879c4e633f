// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "domain/telemetry.h"

#include <QPointer>
#include <QToolButton>

class QAction;

namespace Patchboard {

class TelemetryBackend;
class TelemetryChartView;

// The Telemetry page's Export menu: the chart on screen as a picture (PNG), a drawing (SVG) or
// its numbers (CSV), and the update events behind the charts as CSV through the service, with
// device IDs replaced by pseudonyms if the operator wants (a random salt per export, not stored).
// The menu entries ask for a file name; the ...To() functions do the work and report through
// statusMessage() (and failed() for what went wrong).
class TelemetryExportButton : public QToolButton
{
    Q_OBJECT
public:
    explicit TelemetryExportButton(TelemetryBackend *backend, QWidget *parent = nullptr);

    // The chart the chart exports save; fileStem names it in suggested file names ("outcomes").
    void setChart(TelemetryChartView *chart, const QString &fileStem);
    // The events on screen (scope and range, with a description); hasData enables the exports.
    void setEvents(const UpdateEventFilter &events, bool hasData);
    bool isExporting() const { return m_exporting; }

    bool saveImageTo(const QString &path);
    bool saveSvgTo(const QString &path);
    bool saveDataTo(const QString &path);
    void exportEventsTo(const QString &path, bool pseudonyms);

public Q_SLOTS:
    void saveImage();
    void saveSvg();
    void saveData();
    void exportEvents();

Q_SIGNALS:
    void statusMessage(const QString &message);
    void failed(const QString &message);

private:
    bool report(bool ok, const QString &error, const QString &done);
    QString askForFile(const QString &title, const QString &suffix, const QString &filter);
    void updateActions();

    QPointer<TelemetryBackend> m_backend;
    QPointer<TelemetryChartView> m_chart;
    QString m_fileStem;
    UpdateEventFilter m_events;
    bool m_hasData = false;
    bool m_exporting = false;
    QList<QAction *> m_chartActions;
    QAction *m_eventsAction = nullptr;
};

} // namespace Patchboard
