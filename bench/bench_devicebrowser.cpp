// SPDX-License-Identifier: Apache-2.0
//
// The device browser at a million devices, measured through the code the GUI runs: a
// LocalTrackerBackend on a generated fleet database and the DeviceTableModel over it, driven by
// the event loop the way the device page drives it. Every figure is one line, "name value unit".
//
// Targets (issue "device browser at a million devices", on the 2-core reference machine):
// every filter or sort change <= 100 ms at p95, first rows <= 500 ms, peak RSS <= 400 MB. For
// comparison the same queries run as plain SQL (DeviceSql statements, count + first window of
// 50 rows with LIMIT/OFFSET) against the same file.
//
// Fair measurement: the backend keeps the rows of the last few identical queries, so every
// repeat of a figure changes the parameter (another date, manufacturer, typed prefix...) and
// the filter kinds take turns; the cost of re-applying an identical query is a figure of its own.
//
// Usage: bench_devicebrowser [--devices N] [--database FILE] [--repeat K] [--open-repeat K]
//                            [--sql-repeat K] [--sql-min-samples K] [--sql-budget-ms MS]
//   --devices N      fleet size (default 1000000)
//   --database FILE  a generated fleet of N devices is reused, else FILE is generated (default
//                    patchboard-bench-<N>.db in the temporary directory)
//   --repeat K       runs per filter, sort and scroll figure (default 20)
//   --open-repeat K  warm opens after the cold one (default 3)
//   --sql-*          runs of an SQL figure: up to --sql-repeat (default --repeat), but no more
//                    than --sql-budget-ms (default 2500) once --sql-min-samples (3) have run

#include "benchutil.h"

#include "devicetablemodel.h"
#include "storage/database.h"
#include "storage/devicesql.h"
#include "tracker/localtrackerbackend.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QGuiApplication>
#include <QProcess>
#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>
#include <QTextStream>

#include <algorithm>
#include <cstdio>
#include <limits>
#include <map>
#include <memory>

using namespace Patchboard;
using namespace Patchboard::Bench;

namespace {

// "Today" of the generated fleet and of every query: the figures and match counts of two runs
// are comparable only on the same data and the same date.
const QDate BenchDate(2025, 11, 5);
constexpr int VisibleRows = 50; // the first visible window a filter change has to fill
constexpr int QueryTimeoutMs = 60000;
constexpr double ChangeTargetMs = 100;
constexpr double FirstRowsTargetMs = 500;
constexpr double RssTargetMb = 400;

[[noreturn]] void die(const QString &message)
{
    std::fprintf(stderr, "bench_devicebrowser: %s\n", qPrintable(message));
    std::exit(1);
}

QString sizeLabel(qint64 devices)
{
    if (devices >= 1000000 && devices % 1000000 == 0)
        return QString::number(devices / 1000000) + QLatin1Char('M');
    if (devices >= 1000 && devices % 1000 == 0)
        return QString::number(devices / 1000) + QLatin1Char('k');
    return QString::number(devices);
}

QString demoFleetSetting(qint64 devices)
{
    // As DemoFleetGenerator records it in the settings table.
    return QStringLiteral("devices=%1 seed=%2 date=%3")
        .arg(devices)
        .arg(LocalTrackerBackend::DefaultSeed)
        .arg(BenchDate.toString(Qt::ISODate));
}

void removeDatabaseFiles(const QString &path)
{
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
        QFile::remove(path + suffix);
}

// --- the database -------------------------------------------------------------------------

// In a child process (--build-only) so that generating a million devices neither counts towards
// this process's peak RSS nor leaves caches behind that a fresh console would not have.
int buildOnly(qint64 devices, const QString &path)
{
    Report report;
    removeDatabaseFiles(path);
    auto backend = std::make_unique<LocalTrackerBackend>();
    Stopwatch clock;
    LocalTrackerBackend::Options options;
    options.databasePath = path;
    options.demoDevices = int(devices);
    options.referenceDate = BenchDate;
    const QFuture<Result<LocalTrackerBackend::OpenReport>> opened = backend->open(options);
    // Not opened.waitForFinished(): a QFuture of QtConcurrent::run may run a task that has not
    // started yet on the waiting thread, and the backend's connection belongs to its worker.
    if (!waitFor(opened, std::numeric_limits<int>::max()))
        die(QStringLiteral("generating %1 did not finish").arg(path));
    const double ms = clock.elapsedMs();
    const Result<LocalTrackerBackend::OpenReport> result = opened.result();
    if (!result)
        die(result.error().text());
    if (!result.value().generated || result.value().devices != devices)
        die(QStringLiteral("%1 was not generated with %2 devices").arg(path).arg(devices));
    report.figure(QStringLiteral("build_database_") + sizeLabel(devices), ms, QStringLiteral("ms"));
    report.figure(QStringLiteral("generate_devices_per_s"), double(devices) / (ms / 1000.0),
                  QStringLiteral("devices/s"));
    return 0;
}

// Runs this program with --build-only and passes its figures on.
void buildInChild(Report &report, qint64 devices, const QString &path)
{
    QProcess child;
    child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    child.start(QCoreApplication::applicationFilePath(),
                {QStringLiteral("--build-only"), QStringLiteral("--devices"),
                 QString::number(devices), QStringLiteral("--database"), path});
    if (!child.waitForFinished(-1) || child.exitStatus() != QProcess::NormalExit
        || child.exitCode() != 0)
        die(QStringLiteral("building %1 failed").arg(path));
    const QList<QByteArray> lines = child.readAllStandardOutput().split('\n');
    for (const QByteArray &line : lines) {
        if (!line.isEmpty())
            report.out() << QString::fromUtf8(line) << Qt::endl;
    }
}

// True when path is a generated bench fleet of the right size. A file that is not a
// generated demo fleet is never touched: it could be an operator's real database.
bool reusable(const QString &path, qint64 devices)
{
    if (!QFileInfo::exists(path))
        return false;
    QString setting;
    qint64 count = -1;
    {
        Result<Database> opened = Database::open(path);
        if (!opened)
            die(opened.error().text());
        QSqlQuery query(opened.value().connection());
        if (query.exec(QStringLiteral("SELECT value FROM settings WHERE key = 'demo_fleet'"))
            && query.next())
            setting = query.value(0).toString();
        if (query.exec(QStringLiteral("SELECT count(*) FROM devices")) && query.next())
            count = query.value(0).toLongLong();
    }
    if (setting == demoFleetSetting(devices) && count == devices)
        return true;
    if (setting.isEmpty() && count > 0)
        die(QStringLiteral("%1 holds %2 devices that were not generated by the benchmark; "
                           "name another file with --database")
                .arg(path)
                .arg(count));
    removeDatabaseFiles(path);
    return false;
}

// --- the model ----------------------------------------------------------------------------

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

DeviceQuery baseQuery()
{
    DeviceQuery query;
    query.referenceDate = BenchDate;
    return query;
}

// --- the filters ----------------------------------------------------------------------------

struct FilterKind
{
    QString name;
    // The filter of repeat i; consecutive repeats differ, so no repeat is a cache hit.
    std::function<DeviceFilter(int)> make;
};

QList<FilterKind> filterKinds(const FleetCatalog &catalog)
{
    const auto months = [](int i) {
        return BenchDate.addMonths(-(1 + (i * 5) % 36));
    };
    const QList<QList<SupportStatus>> statusSets = {
        {SupportStatus::Ended},
        {SupportStatus::EndingSoon},
        {SupportStatus::Supported},
        {SupportStatus::Ended, SupportStatus::EndingSoon},
        {SupportStatus::Supported, SupportStatus::EndingSoon},
        {SupportStatus::Supported, SupportStatus::Ended},
        {SupportStatus::Supported, SupportStatus::EndingSoon, SupportStatus::Ended},
    };
    const QList<ExceptionFilter> exceptions
        = {ExceptionFilter::None, ExceptionFilter::Rooted, ExceptionFilter::Ported,
           ExceptionFilter::AnyException};
    // An operator typing IDs: IMEI prefixes (type allocation codes) and serial-number prefixes.
    const QStringList prefixes = {
        QStringLiteral("3"),         QStringLiteral("35"),          QStringLiteral("352"),
        QStringLiteral("3529"),      QStringLiteral("35291"),       QStringLiteral("352911"),
        QStringLiteral("3529110"),   QStringLiteral("8"),           QStringLiteral("86"),
        QStringLiteral("867"),       QStringLiteral("8677100"),     QStringLiteral("H"),
        QStringLiteral("HL"),        QStringLiteral("HLX"),         QStringLiteral("HLX-T"),
        QStringLiteral("HLX-T5"),    QStringLiteral("HLX-T5-0001"), QStringLiteral("35410012"),
        QStringLiteral("354100131"), QStringLiteral("9"), // no match
    };
    const auto manufacturer = [catalog](int i) {
        return catalog.manufacturers.isEmpty()
            ? 0
            : catalog.manufacturers[i % catalog.manufacturers.size()].id;
    };
    const auto region = [catalog](int i) {
        return catalog.regions.isEmpty() ? 0 : catalog.regions[i % catalog.regions.size()].id;
    };
    const auto model = [catalog](int i) {
        return catalog.models.isEmpty() ? 0 : catalog.models[(i * 7) % catalog.models.size()].id;
    };

    QList<FilterKind> kinds;
    kinds.append({QStringLiteral("patch_level_before"), [months](int i) {
                      DeviceFilter f;
                      f.patchLevelBefore = months(i);
                      return f;
                  }});
    kinds.append({QStringLiteral("patch_level_after"), [months](int i) {
                      DeviceFilter f;
                      f.patchLevelAfter = months(i + 3);
                      return f;
                  }});
    kinds.append({QStringLiteral("patch_older_than"), [](int i) {
                      DeviceFilter f;
                      f.patchAgeMin = 30 + 15 * (i % 40) + 1; // "older than N days" sets N + 1
                      return f;
                  }});
    kinds.append({QStringLiteral("support_status"), [statusSets](int i) {
                      DeviceFilter f;
                      f.supportStatuses = statusSets[i % statusSets.size()];
                      return f;
                  }});
    kinds.append({QStringLiteral("manufacturer"), [manufacturer](int i) {
                      DeviceFilter f;
                      f.manufacturerId = manufacturer(i);
                      return f;
                  }});
    kinds.append({QStringLiteral("model"), [model](int i) {
                      DeviceFilter f;
                      f.modelId = model(i);
                      return f;
                  }});
    kinds.append({QStringLiteral("region"), [region](int i) {
                      DeviceFilter f;
                      f.regionId = region(i);
                      return f;
                  }});
    kinds.append({QStringLiteral("update_state"), [](int i) {
                      DeviceFilter f;
                      f.updateState = UpdateState(i % UpdateStateCount);
                      return f;
                  }});
    kinds.append({QStringLiteral("exception_state"), [exceptions](int i) {
                      DeviceFilter f;
                      f.exceptions = exceptions[i % exceptions.size()];
                      return f;
                  }});
    kinds.append({QStringLiteral("device_id_prefix"), [prefixes](int i) {
                      DeviceFilter f;
                      f.deviceIdPrefix = prefixes[i % prefixes.size()];
                      return f;
                  }});
    // "This maker's devices in one region, patch older than N days, not rooted or ported".
    kinds.append({QStringLiteral("combined"), [manufacturer, region](int i) {
                      DeviceFilter f;
                      f.manufacturerId = manufacturer(i);
                      f.regionId = region(i * 3);
                      f.patchAgeMin = 90 + 30 * (i % 12) + 1;
                      f.exceptions = ExceptionFilter::None;
                      return f;
                  }});
    return kinds;
}

// --- the sorts ------------------------------------------------------------------------------

QString fieldName(DeviceField field)
{
    switch (field) {
    case DeviceField::DeviceId:
        return QStringLiteral("device_id");
    case DeviceField::Manufacturer:
        return QStringLiteral("manufacturer");
    case DeviceField::Model:
        return QStringLiteral("model");
    case DeviceField::Region:
        return QStringLiteral("region");
    case DeviceField::FirmwareVersion:
        return QStringLiteral("firmware_version");
    case DeviceField::PatchLevel:
        return QStringLiteral("patch_level");
    case DeviceField::PatchAge:
        return QStringLiteral("patch_age");
    case DeviceField::PatchApplied:
        return QStringLiteral("patch_applied");
    case DeviceField::SupportEnd:
        return QStringLiteral("support_end");
    case DeviceField::SupportStatus:
        return QStringLiteral("support_status");
    case DeviceField::LastCheckIn:
        return QStringLiteral("last_check_in");
    case DeviceField::UpdateState:
        return QStringLiteral("update_state");
    case DeviceField::Exceptions:
        return QStringLiteral("exceptions");
    }
    return QStringLiteral("field_%1").arg(int(field));
}

struct SortCase
{
    DeviceSort sort;
    QString name; // sort_<column>_<asc|desc>
};

QList<SortCase> sortCases()
{
    QList<SortCase> cases;
    for (int field = 0; field < DeviceFieldCount; ++field) {
        for (Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
            cases.append({DeviceSort{DeviceField(field), order},
                          fieldName(DeviceField(field))
                              + (order == Qt::AscendingOrder ? QStringLiteral("_asc")
                                                             : QStringLiteral("_desc"))});
        }
    }
    return cases;
}

// --- plain SQL ------------------------------------------------------------------------------

// The same query as the SQL a store without the fleet index runs: count, then the first window.
class SqlBaseline
{
public:
    SqlBaseline(Database database, const FleetCatalog &catalog)
        : m_database(std::move(database)), m_sql(catalog)
    { }

    double run(const DeviceQuery &query, int *matching)
    {
        Stopwatch clock;
        QSqlQuery sql(m_database.connection());
        sql.setForwardOnly(true);
        exec(sql, m_sql.count(query));
        if (!sql.next())
            die(QStringLiteral("the SQL count returned no row"));
        const int count = sql.value(0).toInt();
        exec(sql, m_sql.window(query, 0, VisibleRows));
        QList<Device> rows;
        while (sql.next())
            rows.append(m_sql.read(sql, query.referenceDate, query.endingSoonDays));
        const double ms = clock.elapsedMs();
        if (rows.size() != std::min(count, VisibleRows))
            die(QStringLiteral("the SQL window returned %1 rows of %2")
                    .arg(rows.size())
                    .arg(count));
        if (matching)
            *matching = count;
        return ms;
    }

private:
    void exec(QSqlQuery &sql, const DeviceSql::Statement &statement)
    {
        if (!sql.prepare(statement.sql))
            die(sql.lastError().text());
        for (int i = 0; i < statement.values.size(); ++i)
            sql.bindValue(i, statement.values[i]);
        if (!sql.exec())
            die(sql.lastError().text());
    }

    Database m_database;
    DeviceSql m_sql;
};

// Repeats of an SQL figure: up to `repeat`, but a figure whose runs take seconds each stops after
// `budgetMs` once it has `minSamples`, so the whole program stays within a few minutes.
struct SqlPlan
{
    int repeat = 20;
    int minSamples = 3;
    double budgetMs = 2500;

    bool more(const Samples &samples) const
    {
        return samples.count() < repeat
            && (samples.count() < minSamples || samples.sum() < budgetMs);
    }
};

struct Worst
{
    double value = -1;
    QString figure;
    void take(double v, const QString &name)
    {
        if (v > value) {
            value = v;
            figure = name;
        }
    }
};

} // namespace

int main(int argc, char *argv[])
{
    // The model asks the palette for its warning colours: a GUI application, without a screen.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);

    const Options options(QCoreApplication::arguments());
    const QStringList known
        = {QStringLiteral("--devices"),         QStringLiteral("--database"),
           QStringLiteral("--repeat"),          QStringLiteral("--sql-repeat"),
           QStringLiteral("--sql-min-samples"), QStringLiteral("--sql-budget-ms"),
           QStringLiteral("--open-repeat"),     QStringLiteral("--build-only")};
    if (const QStringList unknown = options.unknown(known); !unknown.isEmpty())
        die(QStringLiteral("unknown option %1; options: %2")
                .arg(unknown.first(), known.join(QLatin1Char(' '))));
    const qint64 devices = options.number(QStringLiteral("--devices"), 1000000);
    if (devices < 1 || devices > 20000000)
        die(QStringLiteral("--devices must be 1..20000000"));
    const QString path
        = QFileInfo(
              options.text(QStringLiteral("--database"),
                           QDir::temp().filePath(
                               QStringLiteral("patchboard-bench-%1.db").arg(sizeLabel(devices)))))
              .absoluteFilePath();
    if (options.has(QStringLiteral("--build-only")))
        return buildOnly(devices, path);
    const int repeat = int(std::max<qint64>(1, options.number(QStringLiteral("--repeat"), 20)));
    const int openRepeat
        = int(std::max<qint64>(1, options.number(QStringLiteral("--open-repeat"), 3)));
    SqlPlan sqlPlan;
    sqlPlan.repeat
        = int(std::max<qint64>(1, options.number(QStringLiteral("--sql-repeat"), repeat)));
    sqlPlan.minSamples = int(std::clamp<qint64>(
        options.number(QStringLiteral("--sql-min-samples"), 3), 1, sqlPlan.repeat));
    sqlPlan.budgetMs = double(options.number(QStringLiteral("--sql-budget-ms"), 2500));

    Report report;
    printMachine(report.out(), describeMachine());
    report.comment(QStringLiteral("devices %1, database %2, reference date %3, %4 runs per figure, "
                                  "first window %5 rows, QT_QPA_PLATFORM=%6")
                       .arg(devices)
                       .arg(path, BenchDate.toString(Qt::ISODate))
                       .arg(repeat)
                       .arg(VisibleRows)
                       .arg(qEnvironmentVariable("QT_QPA_PLATFORM")));

    // --- the database: reuse a generated fleet of the right size, else generate it ---------
    if (reusable(path, devices)) {
        report.comment(
            QStringLiteral("reusing %1; generation rate from a 100k-device sample:").arg(path));
        const QString sample = QDir::temp().filePath(
            QStringLiteral("patchboard-bench-rate-%1.db").arg(QCoreApplication::applicationPid()));
        buildInChild(report, 100000, sample);
        removeDatabaseFiles(sample);
    } else {
        buildInChild(report, devices, path);
    }

    Worst changeWorst; // every filter or sort change, p95
    QList<int> modelCounts; // per filter kind and repeat, checked against SQL below
    FleetCatalog catalog;
    QList<FilterKind> kinds;
    {
        // --- open: a fresh backend on the existing file, the model asking for its first rows --
        // Run 0 starts cold: the file is dropped from the page cache first, as after a reboot.
        // The other runs find it cached, as when the console is started again.
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
        report.comment(
            QStringLiteral("open_to_*_warm: %1 more opens with the file in the page cache")
                .arg(openRepeat));
        report.figure(QStringLiteral("rss_after_index_ready_mb"), currentRssMb(),
                      QStringLiteral("MB"));
        report.target(QStringLiteral("target_first_rows_le_500ms"), firstRows.max(),
                      FirstRowsTargetMs, QStringLiteral("ms"),
                      QStringLiteral("slowest of %1 opens, cold and warm").arg(openRepeat + 1));

        Browser &b = *browser;
        const QFuture<Result<FleetCatalog>> catalogFuture = b.backend->catalog();
        if (!waitFor(catalogFuture, QueryTimeoutMs) || !catalogFuture.result())
            die(QStringLiteral("the catalog did not load"));
        catalog = catalogFuture.result().value();
        kinds = filterKinds(catalog);

        // --- filter changes in device-ID order; the kinds take turns --------------------------
        auto runFilters = [&](const QString &suffix, bool recordCounts) {
            std::map<QString, Samples> samples;
            std::map<QString, std::pair<int, int>> range; // min, max matches
            QList<int> firstCounts(kinds.size(), -1);
            for (int i = 0; i < repeat; ++i) {
                for (int k = 0; k < kinds.size(); ++k) {
                    const DeviceFilter filter = kinds[k].make(i);
                    samples[kinds[k].name].add(b.measure([&] { b.model->setFilter(filter); }));
                    const int matching = b.model->matchingCount();
                    if (recordCounts)
                        modelCounts.append(matching);
                    if (i == 0)
                        firstCounts[k] = matching;
                    auto &[lo, hi]
                        = range.try_emplace(kinds[k].name, matching, matching).first->second;
                    lo = std::min(lo, matching);
                    hi = std::max(hi, matching);
                }
            }
            for (int k = 0; k < kinds.size(); ++k) {
                const QString name = QStringLiteral("filter_") + kinds[k].name + suffix;
                report.percentiles(name, samples[kinds[k].name]);
                report.count(name + QStringLiteral("_matches"), firstCounts[k],
                             QStringLiteral("devices"));
                report.comment(QStringLiteral("%1: %2 runs, matches %3..%4, max %5 ms")
                                   .arg(name)
                                   .arg(repeat)
                                   .arg(range[kinds[k].name].first)
                                   .arg(range[kinds[k].name].second)
                                   .arg(samples[kinds[k].name].max(), 0, 'f', 1));
                changeWorst.take(samples[kinds[k].name].p95(), name + QStringLiteral("_p95_ms"));
            }
        };
        runFilters(QString(), true);

        // --- an identical query again: the backend's cache of recent results -----------------
        {
            Samples cached;
            for (int i = 0; i < repeat; ++i) {
                const DeviceFilter a = kinds[0].make(i + 100), other = kinds[6].make(i);
                b.measure([&] { b.model->setFilter(a); });
                b.measure([&] { b.model->setFilter(other); });
                cached.add(b.measure([&] { b.model->setFilter(a); }));
            }
            report.percentiles(QStringLiteral("filter_identical_again"), cached);
            report.comment(
                QStringLiteral("filter_identical_again: re-applying a filter that is among the "
                               "backend's last 4 results (a cache hit, not counted above)"));
        }

        // --- sort changes: every column, both orders, the columns taking turns ---------------
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
                        const Qt::SortOrder other = c.sort.order == Qt::AscendingOrder
                            ? Qt::DescendingOrder
                            : Qt::AscendingOrder;
                        b.measure([&] { b.model->sort(int(DeviceField::DeviceId), other); });
                    }
                    const double ms
                        = b.measure([&] { b.model->sort(int(c.sort.field), c.sort.order); });
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
            Worst firstWorst;
            for (const auto &[field, ms] : first) {
                report.figure(QStringLiteral("sort_") + field + QStringLiteral("_first_ms"), ms,
                              QStringLiteral("ms"));
                firstWorst.take(ms, QStringLiteral("sort_") + field + QStringLiteral("_first_ms"));
            }
            report.comment(
                QStringLiteral("sort_<column>_first_ms: the first sort by a column in a session "
                               "(it builds the column's order; included in the p50/p95 above)"));
        }

        // --- filter changes while the table is sorted by patch age, oldest first -------------
        b.measure([&] { b.model->sort(int(DeviceField::PatchAge), Qt::DescendingOrder); });
        runFilters(QStringLiteral("_sorted_patch_age"), false);

        // --- scrolling: windows deep in the sorted fleet ------------------------------------
        {
            b.measure([&] { b.model->setFilter(DeviceFilter()); });
            QRandomGenerator rng(42);
            Samples scroll;
            for (int i = 0; i < repeat; ++i) {
                const int row
                    = int(rng.bounded(quint32(std::max<qint64>(1, devices - VisibleRows))));
                scroll.add(b.measure([] {}, row));
            }
            report.percentiles(QStringLiteral("scroll_window"), scroll);
        }

        report.figure(QStringLiteral("peak_rss_browse_mb"), peakRssMb(), QStringLiteral("MB"));
    }
    report.target(QStringLiteral("target_filter_sort_p95_le_100ms"), changeWorst.value,
                  ChangeTargetMs, QStringLiteral("ms"), changeWorst.figure);

    // --- the same queries as plain SQL on the same file ---------------------------------------
    {
        Result<Database> opened = Database::open(path);
        if (!opened)
            die(opened.error().text());
        SqlBaseline sql(std::move(opened).value(), catalog);
        int mismatches = 0;
        for (int k = 0; k < kinds.size(); ++k) {
            Samples samples;
            for (int i = 0; sqlPlan.more(samples); ++i) {
                DeviceQuery query = baseQuery();
                query.filter = kinds[k].make(i);
                int matching = 0;
                samples.add(sql.run(query, &matching));
                // The model ran repeat i of every kind in turn: the same query, the same count.
                if (i < repeat && matching != modelCounts.value(i * int(kinds.size()) + k, -1)) {
                    ++mismatches;
                    report.comment(QStringLiteral("MISMATCH %1 repeat %2: SQL %3, model %4")
                                       .arg(kinds[k].name)
                                       .arg(i)
                                       .arg(matching)
                                       .arg(modelCounts.value(i * int(kinds.size()) + k, -1)));
                }
            }
            report.percentiles(QStringLiteral("sql_filter_") + kinds[k].name, samples);
            if (samples.count() < sqlPlan.repeat)
                report.comment(QStringLiteral("sql_filter_%1: %2 runs (time budget)")
                                   .arg(kinds[k].name)
                                   .arg(samples.count()));
        }
        report.count(QStringLiteral("sql_model_count_mismatches"), mismatches,
                     QStringLiteral("queries"));

        SqlPlan sortPlan = sqlPlan;
        sortPlan.minSamples = std::min(sortPlan.minSamples, 2);
        for (const SortCase &c : sortCases()) {
            Samples samples;
            while (sortPlan.more(samples)) {
                DeviceQuery query = baseQuery();
                query.sort = c.sort;
                samples.add(sql.run(query, nullptr));
            }
            report.percentiles(QStringLiteral("sql_sort_") + c.name, samples);
            if (samples.count() < sqlPlan.repeat)
                report.comment(QStringLiteral("sql_sort_%1: %2 runs (time budget)")
                                   .arg(c.name)
                                   .arg(samples.count()));
        }
    }

    const double peak = peakRssMb();
    report.figure(QStringLiteral("peak_rss_mb"), peak, QStringLiteral("MB"));
    report.target(QStringLiteral("target_peak_rss_le_400mb"), peak, RssTargetMb,
                  QStringLiteral("MB"));
    report.printTargets();
    return 0;
}
