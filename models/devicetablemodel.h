// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "devicerow.h"
#include "domain/compliance.h"
#include "domain/devicequery.h"

#include <QAbstractTableModel>
#include <QBrush>
#include <QElapsedTimer>
#include <QHash>
#include <QPointer>
#include <QSet>
#include <QTimer>

#include <optional>

namespace Patchboard {

class TrackerBackend;

// The fleet as a table, fast at a million rows (ARCHITECTURE.md "models/"): it never loads the
// whole fleet. rowCount() is the number of matching devices the backend reports; rows come in
// pages of a window cache (least recently used pages are dropped). data() for a row whose page is
// not cached shows a placeholder and asks for the page once; dataChanged follows when it arrives.
// Filtering and sorting run in the backend, never in a proxy over this model.
class DeviceTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    // Mirrors DeviceField, so a column is also the sort key the backend understands.
    enum Column {
        DeviceIdColumn = int(DeviceField::DeviceId),
        ManufacturerColumn = int(DeviceField::Manufacturer),
        ModelColumn = int(DeviceField::Model),
        RegionColumn = int(DeviceField::Region),
        FirmwareVersionColumn = int(DeviceField::FirmwareVersion),
        PatchLevelColumn = int(DeviceField::PatchLevel),
        PatchAgeColumn = int(DeviceField::PatchAge),
        PatchAppliedColumn = int(DeviceField::PatchApplied),
        SupportEndColumn = int(DeviceField::SupportEnd),
        SupportStatusColumn = int(DeviceField::SupportStatus),
        LastCheckInColumn = int(DeviceField::LastCheckIn),
        UpdateStateColumn = int(DeviceField::UpdateState),
        ExceptionsColumn = int(DeviceField::Exceptions),
        ColumnCount
    };
    enum Role {
        SortRole = Qt::UserRole, // the raw value the backend sorts by (DeviceRow::sortValue)
        DeviceIdRole, // qint64 storage id of the row's device
        LoadedRole, // bool: false while the row's page is still being fetched
        AttentionRole, // bool: the cell needs the operator's attention (SSU-SEC-0040)
    };
    Q_ENUM(Column)

    explicit DeviceTableModel(TrackerBackend *backend, QObject *parent = nullptr);
    ~DeviceTableModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    // Starts a new query from the first row; the rows on screen stay until its first page
    // arrives, then the model resets once.
    void setQuery(const DeviceQuery &query);
    void setFilter(const DeviceFilter &filter);
    const DeviceQuery &query() const { return m_query; }

    // Thresholds for the attention marks (out-of-date patch age) and for the support status
    // (the ending-soon period, applied by the backend to the query and its filter).
    void setPolicy(const CompliancePolicy &policy);
    const CompliancePolicy &policy() const { return m_policy; }

    // The window cache; defaults suit a screen of rows. Small values are for tests.
    void setPageSize(int rows);
    int pageSize() const { return m_pageSize; }
    void setMaxCachedPages(int pages);
    int cachedPageCount() const { return int(m_pages.size()); }

    int matchingCount() const { return m_matching; }
    int fleetSize() const { return m_fleetSize; }
    // The reference date the backend computed patch ages and support status against.
    QDate referenceDate() const { return m_referenceDate; }
    bool isQueryRunning() const { return m_shownGeneration != m_generation; }
    // The device shown in row, if its page is cached.
    std::optional<Device> deviceAt(int row) const;

public Q_SLOTS:
    // Runs the current query again keeping the position (the fleet changed underneath).
    void refresh();

Q_SIGNALS:
    void countChanged(int matching, int fleetSize);
    void queryStarted();
    void queryFinished(qint64 elapsedMs);
    void errorOccurred(const QString &message);

private:
    struct Page
    {
        QList<DeviceRow> rows;
        quint64 lastUse = 0;
    };
    // How the first page of a query is taken in: a new query resets the model, a refresh keeps
    // the position, a window fills in rows the view scrolled to.
    enum class Arrival { Reset, Refresh, Window };

    void startQuery(Arrival arrival, int firstPage);
    void requestPage(int page, Arrival arrival);
    void onPage(quint64 generation, int page, Arrival arrival, const DevicePage &result);
    void onPageError(quint64 generation, int page, const QString &message);
    void fetchWantedPages();
    void insertPage(int page, QList<DeviceRow> rows);
    QList<DeviceRow> makeRows(const QList<Device> &devices) const;
    const DeviceRow *rowAt(int row) const;
    QVariant foreground(const DeviceRow &row, int column) const;

    QPointer<TrackerBackend> m_backend;
    DeviceQuery m_query;
    CompliancePolicy m_policy;
    int m_pageSize = 256;
    int m_maxCachedPages = 16;

    int m_matching = 0;
    int m_fleetSize = 0;
    QDate m_referenceDate;

    // Every query has a generation; a page of an older generation is stale and dropped.
    quint64 m_generation = 0;
    quint64 m_shownGeneration = 0; // the generation whose row count the views see
    Arrival m_pendingArrival = Arrival::Reset;
    QElapsedTimer m_queryClock;
    QTimer m_refreshTimer;

    // data() is const but records use and wishes; the fetch happens on the next event loop turn
    // so that a scroll bar dragged through a million rows asks only for the pages it stops at.
    mutable QHash<int, Page> m_pages;
    mutable quint64 m_useClock = 0;
    mutable int m_lastUsedPage = 0;
    mutable QSet<int> m_wantedPages;
    QSet<int> m_pendingPages;
    QSet<int> m_failedPages;
    mutable QTimer m_fetchTimer;

    // Cached for the palette they were made for; made again when the application's palette
    // changed (the theme in Settings), so that a dark theme gets its readable colours.
    mutable QBrush m_warningBrush;
    mutable QBrush m_criticalBrush;
    mutable qint64 m_brushPalette = 0;
};

} // namespace Patchboard
