// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "domain/compliance.h"
#include "domain/devicequery.h"

#include <QPointer>
#include <QTimer>
#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;
class QSplitter;
class QStackedWidget;
class QTableView;

namespace Patchboard {

class DeviceDetailPanel;
class DeviceFilterBar;
class DeviceTableModel;
class TrackerBackend;

// Browse the fleet: filters, the device table (filtering and sorting run in the backend, never
// in a proxy over a million rows), an always visible count, and the selected device's detail.
class DevicesPage : public QWidget
{
    Q_OBJECT
public:
    explicit DevicesPage(TrackerBackend *backend, QWidget *parent = nullptr);

    // "Today" for patch ages and support status; invalid = the backend's today.
    void setReferenceDate(QDate date);
    // The compliance limits (Settings): out-of-date marks and the ending-soon support status,
    // in the table and the detail panel.
    void setPolicy(const CompliancePolicy &policy);

    DeviceTableModel *model() const { return m_model; }
    DeviceFilterBar *filterBar() const { return m_filterBar; }
    QTableView *table() const { return m_table; }
    DeviceDetailPanel *detailPanel() const { return m_detail; }
    QLabel *countLabel() const { return m_count; }
    bool isBusy() const;

public Q_SLOTS:
    // Typed navigation from other pages (STYLE.md practice 7).
    void showDevices(const Patchboard::DeviceFilter &filter);
    void focusSearch();
    // Asks for a file name, then exports the filtered list.
    void exportCsv();
    void exportCsvTo(const QString &path);

Q_SIGNALS:
    void countChanged(int matching, int fleetSize);
    // The first rows of a query are on screen.
    void devicesShown();
    void statusMessage(const QString &message);

private:
    void loadCatalog();
    void onCountChanged(int matching, int fleetSize);
    void onQueryEnded();
    void showError(const QString &message);
    void showCurrentDevice();
    void setInitialColumnWidths();

    QPointer<TrackerBackend> m_backend;
    DeviceTableModel *m_model = nullptr;
    DeviceFilterBar *m_filterBar = nullptr;
    QLabel *m_count = nullptr;
    QProgressBar *m_busy = nullptr;
    QLabel *m_error = nullptr;
    QPushButton *m_export = nullptr;
    QStackedWidget *m_tableStack = nullptr;
    QTableView *m_table = nullptr;
    QLabel *m_empty = nullptr;
    QSplitter *m_splitter = nullptr;
    DeviceDetailPanel *m_detail = nullptr;
    QTimer m_busyDelay;
    bool m_exporting = false;
};

} // namespace Patchboard
