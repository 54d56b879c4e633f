// SPDX-License-Identifier: Apache-2.0
#include "browsermeasurements.h"

#include "benchutil.h"
#include "devicetablemodel.h"
#include "tracker/localtrackerbackend.h"

#include <QFileInfo>
#include <QRandomGenerator>
#include <QTextStream>

#include <algorithm>
#include <map>
#include <memory>

namespace Patchboard::Bench {

namespace {

// A DeviceTableModel over a fresh LocalTrackerBackend, as the device page owns them.
struct Browser
{
    std::unique_ptr<LocalTrackerBackend> backend = std::make_unique<LocalTrackerBackend>();
    std::unique_ptr<DeviceTableModel> model = std::make_unique<DeviceTableModel>(backend.get());
    QString error;

    Browser()
    {
        QObject::connect(model.get(), &DeviceTableModel::errorOccurred,
                         [this](const QString &message) { error = message; });
    }
    ~Browser()
    {
        model.reset(); // the model before the backend it listens to
        backend.reset();
    }

    // The rows [first, first + rows) of the current result have arrived (or do not exist).
    bool windowLoaded(int first, int rows) const
    {
        const int end = std::min(first + rows, model->rowCount());
        for (int row = first; row < end; ++row) {
            if (!model->data(model->index(row, 0), DeviceTableModel::LoadedRole).toBool())
                return false;
        }
        return true;
    }

    // What a view does for the rows it shows: every cell's text and colour.
    void paint(int first, int rows) const
    {
        const int end = std::min(first + rows, model->rowCount());
        for (int row = first; row < end; ++row) {
            for (int column = 0; column < DeviceTableModel::ColumnCount; ++column) {
                const QModelIndex index = model->index(row, column);
                (void)model->data(index, Qt::DisplayRole);
                (void)model->data(index, Qt::ForegroundRole);
            }
        }
    }

    // The first visible window is not in sort order (empty when it is). Only the columns
    // whose SortRole value orders as the backend sorts are checked; names follow the locale's
    // collation and firmware versions their natural order, which QVariant does not know.
    QString misordered(DeviceSort sort) const
    {
        switch (sort.field) {
        case DeviceField::Manufacturer:
        case DeviceField::Model:
        case DeviceField::Region:
        case DeviceField::FirmwareVersion:
            return {};
        default:
            break;
        }
        const int column = int(sort.field);
        const int end = std::min(VisibleRows, model->rowCount());
        for (int row = 1; row < end; ++row) {
            const QVariant a
                = model->data(model->index(row - 1, column), DeviceTableModel::SortRole);
            const QVariant b = model->data(model->index(row, column), DeviceTableModel::SortRole);
            const QPartialOrdering order = sort.order == Qt::AscendingOrder
                ? QVariant::compare(a, b)
                : QVariant::compare(b, a);
            if (order != QPartialOrdering::Less && order != QPartialOrdering::Equivalent)
                return QStringLiteral("rows %1 and %2 are out of order (%3, %4)")
                    .arg(row - 1)
                    .arg(row)
                    .arg(a.toString(), b.toString());
        }
        return {};
    }

    // Time from change() to the match count known and the window [first, first + VisibleRows)
    // filled and painted.
    double measure(const std::function<void()> &change, int first = 0)
    {
        Stopwatch clock;
        change();
        const bool done = spinUntil(
            [&] {
                return !error.isEmpty()
                    || (!model->isQueryRunning() && windowLoaded(first, VisibleRows));
            },
            QueryTimeoutMs);
        if (!error.isEmpty())
            die(QStringLiteral("the device query failed: %1").arg(error));
        if (!done)
            die(QStringLiteral("the device query took longer than %1 ms").arg(QueryTimeoutMs));
        paint(first, VisibleRows);
        return clock.elapsedMs();
    }
};

// --- open: a fresh backend on the existing file, the model asking for its first rows ----------
// Run 0 starts cold: the file is dropped from the page cache first, as after a reboot. The other
// runs find it cached, as when the console is started again. Returns the last run's browser.
std::unique_ptr<Browser> measureOpen(Report &report, const QString &path, qint64 devices,
                                     int openRepeat)
{
    Samples firstRows, indexReady;
    std::unique_ptr<Browser> browser;
    bool cold = false;
    for (int run = 0; run <= openRepeat; ++run) {
        browser.reset(); // the previous backend (and its index) go first, as in a new process
        if (run == 0) {
            cold = true;
            for (const QString &suffix :
                 {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")}) {
                if (QFileInfo::exists(path + suffix))
                    cold = dropFromPageCache(path + suffix) && cold;
            }
        }
        browser = std::make_unique<Browser>();
        LocalTrackerBackend::Options open;
        open.databasePath = path;
        open.demoDevices = 0;
        open.referenceDate = BenchDate;
        QFuture<Result<int>> index;
        QFuture<Result<LocalTrackerBackend::OpenReport>> opened;
        firstRows.add(browser->measure([&] {
            opened = browser->backend->open(open);
            index = browser->backend->indexReady();
            // The device page sets its query at once; the backend answers it after opening.
            browser->model->setQuery(baseQuery());
        }));
        Stopwatch sinceRows;
        if (!waitFor(index, QueryTimeoutMs) || !index.result())
            die(QStringLiteral("the fleet index did not load"));
        indexReady.add(firstRows.values().last() + sinceRows.elapsedMs());
        if (!opened.result() || opened.result().value().devices != devices)
            die(QStringLiteral("%1 does not hold %2 devices").arg(path).arg(devices));
        if (browser->model->matchingCount() != devices)
            die(QStringLiteral("the model shows %1 of %2 devices")
                    .arg(browser->model->matchingCount())
                    .arg(devices));
    }
    Samples warmRows, warmIndex;
    for (int run = 1; run <= openRepeat; ++run) {
        warmRows.add(firstRows.values()[run]);
        warmIndex.add(indexReady.values()[run]);
    }
    report.figure(QStringLiteral("open_to_first_rows_ms"), firstRows.values().first(),
                  QStringLiteral("ms"));
    report.figure(QStringLiteral("open_to_index_ready_ms"), indexReady.values().first(),
                  QStringLiteral("ms"));
    report.comment(
        cold ? QStringLiteral(
            "open_to_*_ms: the database file dropped from the page cache first (cold start)")
             : QStringLiteral(
                 "open_to_*_ms: the database file could NOT be dropped from the page cache; "
                 "the figures are warm"));
    report.figure(QStringLiteral("open_to_first_rows_warm_p50_ms"), warmRows.p50(),
                  QStringLiteral("ms"));
    report.figure(QStringLiteral("open_to_index_ready_warm_p50_ms"), warmIndex.p50(),
                  QStringLiteral("ms"));
    report.comment(QStringLiteral("open_to_*_warm: %1 more opens with the file in the page cache")
                       .arg(openRepeat));
    report.figure(QStringLiteral("rss_after_index_ready_mb"), currentRssMb(), QStringLiteral("MB"));
    report.target(QStringLiteral("target_first_rows_le_500ms"), firstRows.max(), FirstRowsTargetMs,
                  QStringLiteral("ms"),
                  QStringLiteral("slowest of %1 opens, cold and warm").arg(openRepeat + 1));
    return browser;
}

// --- filter changes; the kinds take turns -----------------------------------------------------
// Each figure's name ends in suffix; the match counts are appended to counts unless it is null.
void measureFilters(Report &report, Browser &b, const QList<FilterKind> &kinds, int repeat,
                    const QString &suffix, QList<int> *counts, Worst &changeWorst)
{
    std::map<QString, Samples> samples;
    std::map<QString, std::pair<int, int>> range; // min, max matches
    QList<int> firstCounts(kinds.size(), -1);
    for (int i = 0; i < repeat; ++i) {
        for (int k = 0; k < kinds.size(); ++k) {
            const DeviceFilter filter = kinds[k].make(i);
            samples[kinds[k].name].add(b.measure([&] { b.model->setFilter(filter); }));
            const int matching = b.model->matchingCount();
            if (counts)
                counts->append(matching);
            if (i == 0)
                firstCounts[k] = matching;
            auto &[lo, hi] = range.try_emplace(kinds[k].name, matching, matching).first->second;
            lo = std::min(lo, matching);
            hi = std::max(hi, matching);
        }
    }
    for (int k = 0; k < kinds.size(); ++k) {
        const QString name = QStringLiteral("filter_") + kinds[k].name + suffix;
        report.percentiles(name, samples[kinds[k].name]);
        report.count(name + QStringLiteral("_matches"), firstCounts[k], QStringLiteral("devices"));
        report.comment(QStringLiteral("%1: %2 runs, matches %3..%4, max %5 ms")
                           .arg(name)
                           .arg(repeat)
                           .arg(range[kinds[k].name].first)
                           .arg(range[kinds[k].name].second)
                           .arg(samples[kinds[k].name].max(), 0, 'f', 1));
        changeWorst.take(samples[kinds[k].name].p95(), name + QStringLiteral("_p95_ms"));
    }
}

// --- an identical query again: the backend's cache of recent results -------------------------
void measureIdenticalAgain(Report &report, Browser &b, const QList<FilterKind> &kinds, int repeat)
{
    Samples cached;
    for (int i = 0; i < repeat; ++i) {
        const DeviceFilter a = kinds[0].make(i + 100), other = kinds[6].make(i);
        b.measure([&] { b.model->setFilter(a); });
        b.measure([&] { b.model->setFilter(other); });
        cached.add(b.measure([&] { b.model->setFilter(a); }));
    }
    report.percentiles(QStringLiteral("filter_identical_again"), cached);
    report.comment(QStringLiteral("filter_identical_again: re-applying a filter that is among the "
                                  "backend's last 4 results (a cache hit, not counted above)"));
}

// --- sort changes: every column, both orders, the columns taking turns -----------------------
void measureSorts(Report &report, Browser &b, qint64 devices, int repeat, Worst &changeWorst)
{
    b.measure([&] { b.model->setFilter(DeviceFilter()); });
    const QList<SortCase> cases = sortCases();
    std::map<QString, Samples> samples;
    std::map<QString, double> first; // the first sort by a column builds its order
    for (int i = 0; i < repeat; ++i) {
        for (const SortCase &c : cases) {
            // A sort the model already has would not start a query: step off it first
            // (device ID ascending, the order after the filter runs above).
            // Device-ID order needs no sort order built, so stepping through it
            // warms nothing that is measured.
            if (b.model->query().sort == c.sort) {
                const Qt::SortOrder other
                    = c.sort.order == Qt::AscendingOrder ? Qt::DescendingOrder : Qt::AscendingOrder;
                b.measure([&] { b.model->sort(int(DeviceField::DeviceId), other); });
            }
            const double ms = b.measure([&] { b.model->sort(int(c.sort.field), c.sort.order); });
            samples[c.name].add(ms);
            first.try_emplace(fieldName(c.sort.field), ms);
            if (const QString problem = b.misordered(c.sort); !problem.isEmpty())
                die(QStringLiteral("%1: %2").arg(c.name, problem));
            if (b.model->matchingCount() != devices)
                die(QStringLiteral("sorting changed the match count"));
        }
    }
    for (const SortCase &c : cases) {
        const QString name = QStringLiteral("sort_") + c.name;
        report.percentiles(name, samples[c.name]);
        changeWorst.take(samples[c.name].p95(), name + QStringLiteral("_p95_ms"));
    }
    for (const auto &[field, ms] : first)
        report.figure(QStringLiteral("sort_") + field + QStringLiteral("_first_ms"), ms,
                      QStringLiteral("ms"));
    report.comment(QStringLiteral("sort_<column>_first_ms: the first sort by a column in a session "
                                  "(it builds the column's order; included in the p50/p95 above)"));
}

// --- scrolling: windows deep in the sorted fleet ---------------------------------------------
void measureScroll(Report &report, Browser &b, qint64 devices, int repeat)
{
    b.measure([&] { b.model->setFilter(DeviceFilter()); });
    QRandomGenerator rng(42);
    Samples scroll;
    for (int i = 0; i < repeat; ++i) {
        const int row = int(rng.bounded(quint32(std::max<qint64>(1, devices - VisibleRows))));
        scroll.add(b.measure([] {}, row));
    }
    report.percentiles(QStringLiteral("scroll_window"), scroll);
}

} // namespace

BrowserRun measureBrowser(Report &report, const QString &path, qint64 devices, int repeat,
                          int openRepeat)
{
    BrowserRun result;
    result.repeat = repeat;
    const std::unique_ptr<Browser> browser = measureOpen(report, path, devices, openRepeat);
    Browser &b = *browser;
    const QFuture<Result<FleetCatalog>> catalogFuture = b.backend->catalog();
    if (!waitFor(catalogFuture, QueryTimeoutMs) || !catalogFuture.result())
        die(QStringLiteral("the catalog did not load"));
    result.catalog = catalogFuture.result().value();
    result.kinds = filterKinds(result.catalog);

    // In device-ID order first; these match counts are checked against SQL.
    measureFilters(report, b, result.kinds, repeat, QString(), &result.filterMatches,
                   result.changeWorst);
    measureIdenticalAgain(report, b, result.kinds, repeat);
    measureSorts(report, b, devices, repeat, result.changeWorst);

    // Filter changes while the table is sorted by patch age, oldest first.
    b.measure([&] { b.model->sort(int(DeviceField::PatchAge), Qt::DescendingOrder); });
    measureFilters(report, b, result.kinds, repeat, QStringLiteral("_sorted_patch_age"), nullptr,
                   result.changeWorst);

    measureScroll(report, b, devices, repeat);

    report.figure(QStringLiteral("peak_rss_browse_mb"), peakRssMb(), QStringLiteral("MB"));
    return result;
}

} // namespace Patchboard::Bench
