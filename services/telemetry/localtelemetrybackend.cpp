// SPDX-License-Identifier: Apache-2.0
#include "localtelemetrybackend.h"

#include "core/pooltask.h"
#include "storage/database.h"
#include "telemetrystore.h"

#include <QCoreApplication>
#include <QSqlError>

#include <atomic>
#include <optional>

namespace Patchboard {

namespace {

class Tr
{
    Q_DECLARE_TR_FUNCTIONS(Patchboard::LocalTelemetryBackend)
};

ServiceError notOpen()
{
    return ServiceError::make(ServiceError::Code::StorageUnavailable,
                              Tr::tr("The telemetry database is not open."));
}

} // namespace

struct LocalTelemetryBackend::Worker
{
    Database database; // used on the worker thread only
    std::optional<TelemetryStore> store;
    std::atomic<bool> stopping{false};
};

LocalTelemetryBackend::LocalTelemetryBackend(QObject *parent)
    : TelemetryBackend(parent)
    , m_worker(std::make_shared<Worker>())
{
    m_pool.setMaxThreadCount(1);
    m_pool.setExpiryTimeout(-1);
}

LocalTelemetryBackend::~LocalTelemetryBackend()
{
    m_worker->stopping = true;
    // Closed on the thread that opened it, after everything queued (waitForDone would end it).
    m_pool.start([worker = m_worker] {
        worker->store.reset();
        worker->database = Database();
    });
    m_pool.waitForDone();
}

QFuture<Result<Done>> LocalTelemetryBackend::open(const QString &databasePath)
{
    return startOn<Done>(m_pool, [worker = m_worker, databasePath]() -> Result<Done> {
        Result<Database> opened = Database::open(databasePath);
        if (!opened)
            return opened.error();
        worker->store.reset();
        worker->database = std::move(opened).value();
        worker->store.emplace(worker->database);
        return Done{};
    });
}

QFuture<Result<QList<TelemetryScopeChoice>>> LocalTelemetryBackend::scopes()
{
    return startOn<QList<TelemetryScopeChoice>>(m_pool, [worker = m_worker]() -> Result<QList<TelemetryScopeChoice>> {
        if (!worker->store)
            return notOpen();
        return worker->store->scopes();
    });
}

QFuture<Result<TelemetryOverview>> LocalTelemetryBackend::overview(const TelemetryQuery &query)
{
    return startOn<TelemetryOverview>(m_pool, [worker = m_worker, query]() -> Result<TelemetryOverview> {
        if (!worker->store)
            return notOpen();
        // One read transaction: the series and the breakdown see the same commit.
        Database &database = worker->database;
        if (!database.connection().transaction())
            return database.error(database.connection().lastError(), Tr::tr("read the telemetry"));
        Result<TelemetryOverview> result = worker->store->overview(query);
        database.connection().commit();
        return result;
    });
}

QFuture<Result<int>> LocalTelemetryBackend::exportEvents(const UpdateEventFilter &filter,
                                                         const QString &path,
                                                         const PseudonymOptions &pseudonyms)
{
    return startOn<int>(m_pool, [worker = m_worker, filter, path, pseudonyms](QPromise<Result<int>> &promise) -> Result<int> {
        if (!worker->store)
            return notOpen();
        return worker->store->exportEvents(filter, path, pseudonyms, [&](int rows) {
            promise.setProgressValue(rows);
            return !promise.isCanceled() && !worker->stopping;
        });
    });
}

} // namespace Patchboard
