// SPDX-License-Identifier: Apache-2.0
#include "devicetablemodel.h"

#include "deviceformat.h"
#include "tracker/trackerbackend.h"

#include <QGuiApplication>
#include <QPalette>

#include <algorithm>

namespace Patchboard {

static_assert(DeviceTableModel::ColumnCount == DeviceFieldCount,
              "DeviceTableModel::Column must mirror DeviceField");

namespace {

// The fleet may change every second while a rollout runs; a re-query at most this often keeps
// the table current without turning the GUI thread into a query loop.
constexpr int RefreshDelayMs = 500;

} // namespace

DeviceTableModel::DeviceTableModel(TrackerBackend *backend, QObject *parent)
    : QAbstractTableModel(parent)
    , m_backend(backend)
    , m_warningBrush(DeviceFormat::warningColor())
    , m_criticalBrush(DeviceFormat::criticalColor())
{
    m_fetchTimer.setSingleShot(true);
    m_fetchTimer.setInterval(0);
    connect(&m_fetchTimer, &QTimer::timeout, this, &DeviceTableModel::fetchWantedPages);

    m_refreshTimer.setSingleShot(true);
    m_refreshTimer.setInterval(RefreshDelayMs);
    connect(&m_refreshTimer, &QTimer::timeout, this, &DeviceTableModel::refresh);
    if (backend) {
        connect(backend, &TrackerBackend::fleetChanged, this, [this] {
            if (!m_refreshTimer.isActive())
                m_refreshTimer.start();
        });
    }
}

DeviceTableModel::~DeviceTableModel() = default;

int DeviceTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_matching;
}

int DeviceTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant DeviceTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int column = index.column();
    if (role == Qt::TextAlignmentRole)
        return DeviceRow::isNumeric(column) ? int(Qt::AlignRight | Qt::AlignVCenter)
                                            : int(Qt::AlignLeft | Qt::AlignVCenter);

    const DeviceRow *row = rowAt(index.row());
    if (!row) {
        if (role == LoadedRole)
            return false;
        if (role == Qt::DisplayRole && column == DeviceIdColumn)
            return QStringLiteral("\u2026"); // the page is on its way
        return {};
    }
    switch (role) {
    case Qt::DisplayRole:
        return row->text(column);
    case Qt::ToolTipRole: {
        const QString tip = row->toolTip(column);
        return tip.isEmpty() ? QVariant() : QVariant(tip);
    }
    case Qt::ForegroundRole:
        return foreground(*row, column);
    case SortRole:
        return row->sortValue(column);
    case DeviceIdRole:
        return row->device().id;
    case LoadedRole:
        return true;
    case AttentionRole:
        return row->attention(column) != DeviceRow::Attention::None;
    default:
        return {};
    }
}

QVariant DeviceTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Vertical) {
        if (role == Qt::DisplayRole)
            return DeviceFormat::number(section + 1);
        return {};
    }
    if (section < 0 || section >= ColumnCount)
        return {};
    if (role == Qt::TextAlignmentRole)
        return DeviceRow::isNumeric(section) ? int(Qt::AlignRight | Qt::AlignVCenter)
                                             : int(Qt::AlignLeft | Qt::AlignVCenter);
    if (role == Qt::DisplayRole)
        return DeviceRow::columnTitle(section);
    if (role == Qt::ToolTipRole) {
        const QString tip = DeviceRow::columnToolTip(section, m_referenceDate);
        return tip.isEmpty() ? QVariant() : QVariant(tip);
    }
    return {};
}

void DeviceTableModel::sort(int column, Qt::SortOrder order)
{
    // A view with no sort indicator asks for column -1: the backend's natural order.
    const DeviceSort sort{column >= 0 && column < ColumnCount ? DeviceField(column)
                                                              : DeviceField::DeviceId,
                          column >= 0 ? order : Qt::AscendingOrder};
    if (sort == m_query.sort && m_generation != 0)
        return;
    m_query.sort = sort;
    if (m_generation != 0) // before the first setQuery() there is nothing to re-sort
        startQuery(Arrival::Reset, 0);
}

void DeviceTableModel::setQuery(const DeviceQuery &query)
{
    m_query = query;
    startQuery(Arrival::Reset, 0);
}

void DeviceTableModel::setFilter(const DeviceFilter &filter)
{
    DeviceQuery query = m_query;
    query.filter = filter;
    setQuery(query);
}

void DeviceTableModel::setPolicy(const CompliancePolicy &policy)
{
    if (policy == m_policy && m_query.endingSoonDays == policy.endingSoonDays)
        return;
    m_policy = policy;
    m_query.endingSoonDays = policy.endingSoonDays;
    if (m_generation != 0)
        refresh();
}

void DeviceTableModel::setPageSize(int rows)
{
    m_pageSize = qMax(1, rows);
}

void DeviceTableModel::setMaxCachedPages(int pages)
{
    m_maxCachedPages = qMax(1, pages);
}

std::optional<Device> DeviceTableModel::deviceAt(int row) const
{
    if (row < 0 || row >= m_matching)
        return std::nullopt;
    if (const DeviceRow *r = rowAt(row))
        return r->device();
    return std::nullopt;
}

void DeviceTableModel::refresh()
{
    m_refreshTimer.stop();
    // A new query whose first page has not come yet has nothing to keep: start it again.
    if (isQueryRunning() && m_pendingArrival == Arrival::Reset)
        startQuery(Arrival::Reset, 0);
    else
        startQuery(Arrival::Refresh, m_lastUsedPage);
}

void DeviceTableModel::startQuery(Arrival arrival, int firstPage)
{
    ++m_generation;
    m_pendingArrival = arrival;
    m_pendingPages.clear();
    m_failedPages.clear();
    m_wantedPages.clear();
    m_queryClock.start();
    Q_EMIT queryStarted();
    requestPage(firstPage, arrival);
}

void DeviceTableModel::requestPage(int page, Arrival arrival)
{
    const quint64 generation = m_generation;
    if (!m_backend) {
        onPageError(generation, page, tr("No device tracker is connected."));
        return;
    }
    m_pendingPages.insert(page);
    // The context object (this) makes sure nothing runs after the model is gone; the generation
    // drops pages of a query the operator has already replaced.
    m_backend->queryDevices(m_query, page * m_pageSize, m_pageSize)
        .then(this,
              [this, generation, page, arrival](const Result<DevicePage> &result) {
                  if (result.ok())
                      onPage(generation, page, arrival, result.value());
                  else
                      onPageError(generation, page, result.error().text());
              })
        .onCanceled(this, [this, generation, page] {
            onPageError(generation, page, tr("The device query was cancelled."));
        });
}

void DeviceTableModel::onPage(quint64 generation, int page, Arrival arrival,
                              const DevicePage &result)
{
    if (generation != m_generation)
        return; // stale
    m_pendingPages.remove(page);

    if (arrival == Arrival::Window) {
        const int first = page * m_pageSize;
        if (first >= m_matching)
            return;
        QList<DeviceRow> rows = makeRows(result.rows);
        if (rows.size() > m_matching - first)
            rows.resize(m_matching - first);
        if (rows.isEmpty())
            return;
        const int last = first + int(rows.size()) - 1;
        insertPage(page, std::move(rows));
        Q_EMIT dataChanged(index(first, 0), index(last, ColumnCount - 1));
        return;
    }

    const qint64 elapsed = m_queryClock.elapsed();
    QList<DeviceRow> rows = makeRows(result.rows);
    const int matching = qMax(0, result.matching);
    if (arrival == Arrival::Reset) {
        // STYLE.md practice 4: the whole result swapped in one reset.
        beginResetModel();
        m_pages.clear();
        m_matching = matching;
        m_fleetSize = result.fleetSize;
        m_referenceDate = result.referenceDate;
        m_shownGeneration = m_generation;
        if (!rows.isEmpty())
            insertPage(page, std::move(rows));
        endResetModel();
    } else {
        // Refresh: keep the position (and the selection) by changing only what changed.
        const int oldCount = m_matching;
        if (matching < oldCount) {
            beginRemoveRows({}, matching, oldCount - 1);
            m_matching = matching;
            endRemoveRows();
        } else if (matching > oldCount) {
            beginInsertRows({}, oldCount, matching - 1);
            m_matching = matching;
            endInsertRows();
        }
        m_pages.clear();
        m_fleetSize = result.fleetSize;
        m_referenceDate = result.referenceDate;
        m_shownGeneration = m_generation;
        const int first = page * m_pageSize;
        if (first < m_matching && !rows.isEmpty()) {
            if (rows.size() > m_matching - first)
                rows.resize(m_matching - first);
            insertPage(page, std::move(rows));
        }
        if (m_matching > 0)
            Q_EMIT dataChanged(index(0, 0), index(m_matching - 1, ColumnCount - 1));
    }
    Q_EMIT countChanged(m_matching, m_fleetSize);
    Q_EMIT queryFinished(elapsed);
}

void DeviceTableModel::onPageError(quint64 generation, int page, const QString &message)
{
    if (generation != m_generation)
        return;
    m_pendingPages.remove(page);
    m_failedPages.insert(page); // not asked again until the next query
    if (isQueryRunning()) {
        if (m_pendingArrival == Arrival::Reset) {
            // Rows of the previous filter under the new one would mislead: show none.
            beginResetModel();
            m_pages.clear();
            m_matching = 0;
            m_shownGeneration = m_generation;
            endResetModel();
            Q_EMIT countChanged(m_matching, m_fleetSize);
        } else {
            m_shownGeneration = m_generation; // same query: the rows shown stay valid enough
        }
    }
    Q_EMIT errorOccurred(message);
}

void DeviceTableModel::fetchWantedPages()
{
    const QSet<int> wanted = std::exchange(m_wantedPages, {});
    if (isQueryRunning())
        return; // the pending query's rows replace these anyway
    for (int page : wanted) {
        if (m_pages.contains(page) || m_pendingPages.contains(page) || m_failedPages.contains(page)
            || page * m_pageSize >= m_matching)
            continue;
        requestPage(page, Arrival::Window);
    }
}

void DeviceTableModel::insertPage(int page, QList<DeviceRow> rows)
{
    while (m_pages.size() >= m_maxCachedPages) {
        auto oldest
            = std::min_element(m_pages.begin(), m_pages.end(),
                               [](const Page &a, const Page &b) { return a.lastUse < b.lastUse; });
        m_pages.erase(oldest);
    }
    m_pages.insert(page, Page{std::move(rows), ++m_useClock});
}

QList<DeviceRow> DeviceTableModel::makeRows(const QList<Device> &devices) const
{
    QList<DeviceRow> rows;
    rows.reserve(devices.size());
    for (const Device &device : devices)
        rows.append(DeviceRow(device, m_policy));
    return rows;
}

const DeviceRow *DeviceTableModel::rowAt(int row) const
{
    const int page = row / m_pageSize;
    const auto it = m_pages.find(page);
    if (it == m_pages.end()) {
        if (!m_wantedPages.contains(page)) {
            m_wantedPages.insert(page);
            if (!m_fetchTimer.isActive())
                m_fetchTimer.start();
        }
        return nullptr;
    }
    it->lastUse = ++m_useClock;
    m_lastUsedPage = page;
    const int offset = row - page * m_pageSize;
    return offset < it->rows.size() ? &it->rows.at(offset) : nullptr;
}

QVariant DeviceTableModel::foreground(const DeviceRow &row, int column) const
{
    if (qobject_cast<QGuiApplication *>(QCoreApplication::instance())) {
        const qint64 palette = QGuiApplication::palette().cacheKey();
        if (palette != m_brushPalette) {
            m_brushPalette = palette;
            m_warningBrush = QBrush(DeviceFormat::warningColor());
            m_criticalBrush = QBrush(DeviceFormat::criticalColor());
        }
    }
    switch (row.attention(column)) {
    case DeviceRow::Attention::Critical:
        return m_criticalBrush;
    case DeviceRow::Attention::Warning:
        return m_warningBrush;
    case DeviceRow::Attention::None:
        break;
    }
    return {};
}

} // namespace Patchboard
