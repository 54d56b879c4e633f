// SPDX-License-Identifier: Apache-2.0
#include "localtrackerbackend.h"
#include "core/pooltask.h"
#include "devicecsv.h"
#include "fleetindex.h"
#include "simulation/demofleetgenerator.h"
#include "storage/database.h"
#include "storage/devicesql.h"
#include "telemetry/telemetrystore.h"

#include <QCoreApplication>
#include <QMutex>
#include <QPromise>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimer>

#include <atomic>
#include <deque>
#include <optional>
#include <type_traits>

namespace Patchboard {

namespace {

// The translation context of this file's messages. Call Tr::tr() everywhere, also in free
// functions and lambdas: lupdate takes the context from Q_DECLARE_TR_FUNCTIONS, so the context
// it extracts is the one looked up at run time (for a plain tr() it uses the enclosing scope).
class Tr
{
    Q_DECLARE_TR_FUNCTIONS(Patchboard::LocalTrackerBackend)
};

ServiceError notOpen()
{
    return ServiceError::make(ServiceError::Code::StorageUnavailable,
                              Tr::tr("No fleet database is open."),
                              Tr::tr("Open a database first (see --database)."));
}

bool sameQuery(const DeviceQuery &a, const DeviceQuery &b)
{
    return a.filter == b.filter && a.sort == b.sort && a.referenceDate == b.referenceDate
        && a.endingSoonDays == b.endingSoonDays;
}

} // namespace

struct LocalTrackerBackend::Worker
{
    Options options;
    Database database;            // used on the worker thread only
    std::optional<DeviceSql> sql; // set once the database is open
    int fleetSize = 0;

    QMutex indexMutex;
    std::shared_ptr<const FleetIndex> index;
    QPromise<Result<int>> indexPromise;
    QFuture<Result<int>> indexFuture = indexPromise.future();
    std::atomic<bool> stopping{false};

    // Recent query results: paging through one query reuses its row list.
    struct Cached
    {
        DeviceQuery query;
        std::shared_ptr<const FleetIndex::Rows> rows;
    };
    std::deque<Cached> cache;

    QDate today(QDate requested) const
    {
        if (requested.isValid())
            return requested;
        return options.referenceDate.isValid() ? options.referenceDate : QDate::currentDate();
    }

    std::shared_ptr<const FleetIndex> readyIndex()
    {
        QMutexLocker locker(&indexMutex);
        return index;
    }

    // Blocks this worker thread (never the GUI) until the loader has finished.
    Result<std::shared_ptr<const FleetIndex>> waitForIndex()
    {
        indexFuture.waitForFinished();
        const Result<int> loaded = indexFuture.result();
        if (!loaded)
            return loaded.error();
        return readyIndex();
    }

    void finishIndex(const Result<int> &result)
    {
        indexPromise.addResult(result);
        indexPromise.finish();
    }

    // The devices a drill-down from the Telemetry page names, as index rows.
    Result<FleetIndex::Restriction> restriction(const FleetIndex &fleet, const DeviceFilter &filter)
    {
        if (!filter.events)
            return FleetIndex::Restriction();
        TelemetryStore store(database);
        const Result<std::vector<qint64>> ids = store.devices(*filter.events);
        if (!ids)
            return ids.error();
        return fleet.restriction(ids.value());
    }

    Result<std::shared_ptr<const FleetIndex::Rows>> select(const FleetIndex &fleet,
                                                           const DeviceQuery &query)
    {
        for (const Cached &entry : cache) {
            if (sameQuery(entry.query, query))
                return entry.rows;
        }
        const Result<FleetIndex::Restriction> only = restriction(fleet, query.filter);
        if (!only)
            return only.error();
        auto rows = std::make_shared<const FleetIndex::Rows>(
            fleet.select(query, query.filter.events ? &only.value() : nullptr));
        cache.push_front({query, rows});
        if (cache.size() > 4)
            cache.pop_back();
        return rows;
    }
};

LocalTrackerBackend::LocalTrackerBackend(QObject *parent)
    : TrackerBackend(parent)
    , m_worker(std::make_shared<Worker>())
{
    m_pool.setMaxThreadCount(1);
    m_pool.setExpiryTimeout(-1); // the thread, and with it the connection, lives as long as we do
    m_loaderPool.setMaxThreadCount(1);
    m_worker->indexPromise.start();
}

LocalTrackerBackend::~LocalTrackerBackend()
{
    m_worker->stopping = true;
    // Close the connection on the thread that opened it: the pool runs tasks in order on its one
    // thread, so this runs after everything queued. (waitForDone() first would end that thread.)
    m_pool.start([worker = m_worker] { worker->database = Database(); });
    m_pool.waitForDone();
    m_loaderPool.waitForDone();
}

QFuture<Result<LocalTrackerBackend::OpenReport>> LocalTrackerBackend::open(const Options &options)
{
    m_worker->options = options;
    m_description = Tr::tr("Embedded database: %1").arg(options.databasePath);
    QThreadPool *loaderPool = &m_loaderPool;
    return startOn<OpenReport>(m_pool, [worker = m_worker, loaderPool](QPromise<Result<OpenReport>> &promise) -> Result<OpenReport> {
        auto fail = [&](const ServiceError &error) -> Result<OpenReport> {
            worker->finishIndex(error);
            return error;
        };
        Result<Database> opened = Database::open(worker->options.databasePath);
        if (!opened)
            return fail(opened.error());
        worker->database = std::move(opened).value();
        OpenReport report;
        report.path = worker->options.databasePath;

        QSqlQuery query(worker->database.connection());
        // EXISTS, not count(*): on a cold start counting reads a whole index from disk.
        if (!query.exec(QStringLiteral("SELECT EXISTS (SELECT 1 FROM devices) OR EXISTS (SELECT 1 FROM device_models)"))
            || !query.next())
            return fail(
                worker->database.error(query.lastError(), Tr::tr("look into the database")));
        const bool empty = query.value(0).toInt() == 0;
        query.finish();
        if (empty && worker->options.demoDevices > 0) {
            promise.setProgressRange(0, 1000);
            const DemoFleetGenerator generator({worker->options.demoDevices, worker->options.seed,
                                                worker->options.referenceDate});
            const Status generated = generator.generate(worker->database, [&](int done, int total) {
                promise.setProgressValue(total ? int(qint64(done) * 1000 / total) : 1000);
                return !promise.isCanceled() && !worker->stopping;
            });
            if (!generated)
                return fail(generated.error());
            report.generated = true;
        }
        Result<FleetCatalog> catalog = DeviceSql::readCatalog(worker->database);
        if (!catalog)
            return fail(catalog.error());
        worker->sql.emplace(catalog.value());
        if (!query.exec(QStringLiteral("SELECT count(*) FROM devices")) || !query.next())
            return fail(worker->database.error(query.lastError(), Tr::tr("count the devices")));
        worker->fleetSize = query.value(0).toInt();
        report.devices = worker->fleetSize;

        // Load the index with a connection of its own; queries meanwhile go to SQL.
        loaderPool->start([worker] {
            Result<Database> database = Database::open(worker->options.databasePath);
            if (!database)
                return worker->finishIndex(database.error());
            auto loaded = FleetIndex::load(database.value(), [worker] { return worker->stopping.load(); });
            if (!loaded)
                return worker->finishIndex(loaded.error());
            {
                QMutexLocker locker(&worker->indexMutex);
                worker->index = loaded.value();
            }
            worker->finishIndex(loaded.value()->size());
        });
        return report;
    });
}

QFuture<Result<int>> LocalTrackerBackend::indexReady() const
{
    return m_worker->indexFuture;
}

void LocalTrackerBackend::refresh()
{
    if (m_refreshing) {
        m_refreshAgain = true;
        return;
    }
    const qint64 wait = m_sinceRefresh.isValid() ? m_refreshInterval - m_sinceRefresh.elapsed() : 0;
    m_refreshing = true;
    if (wait > 0)
        QTimer::singleShot(int(wait), this, &LocalTrackerBackend::startRefresh);
    else
        startRefresh();
}

void LocalTrackerBackend::startRefresh()
{
    m_refreshAgain = false;
    m_sinceRefresh.start();
    // Load the new index beside the old one (queries go on meanwhile), then swap it in on the
    // worker thread, where the query cache lives.
    auto loaded = std::make_shared<QPromise<Result<int>>>();
    QFuture<Result<int>> done = loaded->future();
    loaded->start();
    m_loaderPool.start([worker = m_worker, loaded, pool = &m_pool] {
        auto fail = [&](const ServiceError &error) {
            loaded->addResult(error);
            loaded->finish();
        };
        Result<Database> database = Database::open(worker->options.databasePath);
        if (!database)
            return fail(database.error());
        auto index = FleetIndex::load(database.value(), [worker] { return worker->stopping.load(); });
        database.value() = Database();
        if (!index)
            return fail(index.error());
        pool->start([worker, loaded, fresh = index.value()] {
            {
                QMutexLocker locker(&worker->indexMutex);
                worker->index = fresh;
            }
            worker->cache.clear();
            worker->fleetSize = fresh->size();
            loaded->addResult(fresh->size());
            loaded->finish();
        });
    });
    done.then(this, [this](const Result<int> &) {
        m_refreshing = false;
        Q_EMIT fleetChanged();
        if (m_refreshAgain)
            refresh();
    });
}

QString LocalTrackerBackend::description() const
{
    return m_description;
}

QFuture<Result<FleetCatalog>> LocalTrackerBackend::catalog()
{
    return startOn<FleetCatalog>(m_pool, [worker = m_worker]() -> Result<FleetCatalog> {
        if (!worker->database.isOpen() || !worker->sql)
            return notOpen();
        Result<FleetCatalog> catalog = DeviceSql::readCatalog(worker->database);
        if (catalog)
            catalog.value().deviceCount = worker->fleetSize;
        return catalog;
    });
}

QFuture<Result<DevicePage>> LocalTrackerBackend::queryDevices(const DeviceQuery &request, int offset, int limit)
{
    return startOn<DevicePage>(m_pool, [worker = m_worker, request, offset, limit]() -> Result<DevicePage> {
        if (!worker->database.isOpen() || !worker->sql)
            return notOpen();
        if (const QString problem = FilterValidation::checkFilter(request.filter); !problem.isEmpty())
            return ServiceError::make(ServiceError::Code::InvalidArgument, problem);
        if (offset < 0 || limit < 0 || limit > 100000)
            return ServiceError::make(
                ServiceError::Code::InvalidArgument,
                Tr::tr("A page of devices starts at 0 and has at most 100000 rows."));
        DeviceQuery query = request;
        query.referenceDate = worker->today(request.referenceDate);
        DevicePage page;
        page.offset = offset;
        page.referenceDate = query.referenceDate;
        page.fleetSize = worker->fleetSize;

        std::shared_ptr<const FleetIndex> index = worker->readyIndex();
        if (!index && query.filter.events) {
            // A drill-down needs the index; SQL alone does not know the events filter.
            auto loaded = worker->waitForIndex();
            if (!loaded)
                return loaded.error();
            index = loaded.value();
        }
        if (index) {
            const auto selected = worker->select(*index, query);
            if (!selected)
                return selected.error();
            const auto &rows = selected.value();
            page.matching = int(rows->size());
            page.fleetSize = index->size();
            const int end = int(std::min<qint64>(qint64(offset) + limit, qint64(rows->size())));
            for (int i = offset; i < end; ++i)
                page.rows.append(index->device((*rows)[std::size_t(i)], query.referenceDate, query.endingSoonDays));
            return page;
        }
        // The index is still loading: answer with SQL.
        auto run = [&](const DeviceSql::Statement &statement, QSqlQuery &sqlQuery) {
            sqlQuery.setForwardOnly(true);
            if (!sqlQuery.prepare(statement.sql))
                return false;
            for (int i = 0; i < statement.values.size(); ++i)
                sqlQuery.bindValue(i, statement.values[i]);
            return sqlQuery.exec();
        };
        QSqlQuery sqlQuery(worker->database.connection());
        if (query.filter.isEmpty()) {
            page.matching = worker->fleetSize;
        } else {
            if (!run(worker->sql->count(query), sqlQuery) || !sqlQuery.next())
                return worker->database.error(sqlQuery.lastError(),
                                              Tr::tr("count the matching devices"));
            page.matching = sqlQuery.value(0).toInt();
        }
        if (!run(worker->sql->window(query, offset, limit), sqlQuery))
            return worker->database.error(sqlQuery.lastError(),
                                          Tr::tr("read the matching devices"));
        while (sqlQuery.next())
            page.rows.append(worker->sql->read(sqlQuery, query.referenceDate, query.endingSoonDays));
        return page;
    });
}

QFuture<Result<DeviceDetail>> LocalTrackerBackend::deviceDetail(qint64 id, QDate referenceDate)
{
    return startOn<DeviceDetail>(m_pool, [worker = m_worker, id, referenceDate]() -> Result<DeviceDetail> {
        if (!worker->database.isOpen() || !worker->sql)
            return notOpen();
        QSqlQuery query(worker->database.connection());
        const DeviceSql::Statement statement = worker->sql->byId(id);
        query.prepare(statement.sql);
        query.bindValue(0, statement.values.value(0));
        if (!query.exec())
            return worker->database.error(query.lastError(), Tr::tr("read the device"));
        if (!query.next())
            return ServiceError::make(ServiceError::Code::NotFound,
                                      Tr::tr("The device no longer exists."));
        DeviceDetail detail;
        detail.device = worker->sql->read(query, worker->today(referenceDate), 90);
        query.prepare(QStringLiteral("SELECT time_zone FROM regions WHERE id = ?"));
        query.bindValue(0, detail.device.regionId);
        if (query.exec() && query.next())
            detail.regionTimeZone = query.value(0).toString();
        // The newest 1000 events, along the device's chain (migration 6).
        query.prepare(QStringLiteral(
            "WITH RECURSIVE chain(id, n) AS (SELECT last_event, 1 FROM device_event_heads WHERE "
            "device_id = ? UNION ALL SELECT e.prev_id, c.n + 1 FROM chain c JOIN update_events e "
            "ON e.id = c.id WHERE e.prev_id <> 0 AND c.n < 1000) "
            "SELECT e.id, e.rollout_id, e.wave, e.phase, e.outcome, e.reason, e.from_version, "
            "e.to_version, e.time, coalesce(r.name, '') FROM chain c JOIN update_events e ON "
            "e.id = c.id LEFT JOIN rollouts r ON r.id = e.rollout_id ORDER BY e.time DESC, "
            "e.id DESC"));
        query.bindValue(0, id);
        if (!query.exec())
            return worker->database.error(query.lastError(), Tr::tr("read the update history"));
        while (query.next()) {
            UpdateEvent event;
            event.id = query.value(0).toLongLong();
            event.deviceId = id;
            event.rolloutId = query.value(1).toLongLong();
            event.wave = query.value(2).toInt();
            event.phase = query.value(3).toString();
            event.outcome = query.value(4).toString();
            event.reason = query.value(5).toString();
            event.fromVersion = query.value(6).toString();
            event.toVersion = query.value(7).toString();
            event.time = QDateTime::fromSecsSinceEpoch(query.value(8).toLongLong(), Qt::UTC);
            event.rolloutName = query.value(9).toString();
            detail.history.append(event);
        }
        return detail;
    });
}

QFuture<Result<ComplianceSummary>> LocalTrackerBackend::compliance(const DeviceFilter &filter,
                                                                    const CompliancePolicy &policy,
                                                                    QDate referenceDate)
{
    return startOn<ComplianceSummary>(m_pool, [worker = m_worker, filter, policy, referenceDate]() -> Result<ComplianceSummary> {
        if (const QString problem = FilterValidation::checkFilter(filter); !problem.isEmpty())
            return ServiceError::make(ServiceError::Code::InvalidArgument, problem);
        const auto index = worker->waitForIndex();
        if (!index)
            return index.error();
        const Result<FleetIndex::Restriction> only = worker->restriction(*index.value(), filter);
        if (!only)
            return only.error();
        return index.value()->compliance(filter, policy, worker->today(referenceDate),
                                         filter.events ? &only.value() : nullptr);
    });
}

QFuture<Result<int>> LocalTrackerBackend::exportDevices(const DeviceQuery &request, const QString &path)
{
    return startOn<int>(m_pool, [worker = m_worker, request, path](QPromise<Result<int>> &promise) -> Result<int> {
        const auto index = worker->waitForIndex();
        if (!index)
            return index.error();
        DeviceQuery query = request;
        query.referenceDate = worker->today(request.referenceDate);
        const auto selected = worker->select(*index.value(), query);
        if (!selected)
            return selected.error();
        const auto &rows = selected.value();
        promise.setProgressRange(0, int(rows->size()));
        return DeviceCsv::write(path, *index.value(), *rows, query, [&](int written, int) {
            promise.setProgressValue(written);
            return !promise.isCanceled() && !worker->stopping;
        });
    });
}

} // namespace Patchboard
