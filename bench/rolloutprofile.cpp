// SPDX-License-Identifier: Apache-2.0
#include "rolloutprofile.h"

#include "benchutil.h"
#include "devicebrowserbench.h"
#include "rolloutbench.h"

#include "domain/operator.h"
#include "firmware/firmwaresql.h"
#include "rollout/rolloutengine.h"
#include "rollout/rolloutservice.h"
#include "simulation/fleetsimulator.h"
#include "storage/database.h"
#include "storage/preparedstatement.h"

#include <QSqlError>
#include <QSqlQuery>

#include <sqlite3.h>

#include <algorithm>
#include <optional>

#include <time.h>

namespace Patchboard::Bench {

namespace {

int countStatement(unsigned, void *counter, void *, void *)
{
    ++*static_cast<qint64 *>(counter);
    return 0;
}

struct CacheStatus
{
    qint64 hits = 0;
    qint64 misses = 0;
    qint64 writes = 0;
};

CacheStatus cacheStatus(sqlite3 *handle)
{
    CacheStatus status;
    int current = 0;
    int highwater = 0;
    sqlite3_db_status(handle, SQLITE_DBSTATUS_CACHE_HIT, &current, &highwater, 1);
    status.hits = current;
    sqlite3_db_status(handle, SQLITE_DBSTATUS_CACHE_MISS, &current, &highwater, 1);
    status.misses = current;
    sqlite3_db_status(handle, SQLITE_DBSTATUS_CACHE_WRITE, &current, &highwater, 1);
    status.writes = current;
    return status;
}

int countActive(Database &database)
{
    QSqlQuery q(database.connection());
    if (!q.exec(QStringLiteral("SELECT count(*) FROM rollouts WHERE state IN ('scheduled', "
                               "'running')"))
        || !q.next())
        die(q.lastError().text());
    return q.value(0).toInt();
}

} // namespace

double cpuMs()
{
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return double(t.tv_sec) * 1000.0 + double(t.tv_nsec) / 1e6;
}

void profileRollout(Report &report, const QString &path, const ProfileOptions &options)
{
    Result<Database> opened = Database::open(path);
    if (!opened)
        die(opened.error().text());
    Database &database = opened.value();
    if (options.cacheMb > 0) {
        if (const Status ok
            = database.exec(QStringLiteral("PRAGMA cache_size = -%1").arg(options.cacheMb * 1024));
            !ok)
            die(ok.error().text());
    }
    if (options.walAutocheckpoint > 0) {
        if (const Status ok = database.exec(
                QStringLiteral("PRAGMA wal_autocheckpoint = %1").arg(options.walAutocheckpoint));
            !ok)
            die(ok.error().text());
    }
    if (!options.foreignKeys) {
        if (const Status ok = database.exec(QStringLiteral("PRAGMA foreign_keys = OFF")); !ok)
            die(ok.error().text());
    }
    const QString prefix = QStringLiteral("profile_") + options.label + QLatin1Char('_');

    qint64 clock = options.clockStart.toSecsSinceEpoch();
    RolloutService service(
        database, [&clock] { return QDateTime::fromSecsSinceEpoch(clock, Qt::UTC); }, options.seed);
    const Operator manager{QStringLiteral("bench"), OperatorRole::RolloutManager};
    const Result<RolloutDetail> created
        = service.create(manager, benchPlan(options.releaseId), true);
    if (!created)
        die(created.error().text());
    FleetSimulator simulator(options.seed);
    if (const Status ok = simulator.load(database); !ok)
        die(ok.error().text());
    RolloutEngine engine(database);
    engine.setBeforeTargetWrites([&simulator] { return simulator.flush(); });

    sqlite3 *handle = sqliteHandle(database);
    qint64 statements = 0;
    sqlite3_trace_v2(handle, SQLITE_TRACE_STMT, countStatement, &statements);
    cacheStatus(handle); // reset

    double beginMs = 0, simulatorMs = 0, engineMs = 0, settingMs = 0, flushMs = 0, commitMs = 0;
    qint64 events = 0;
    qint64 steps = 0;
    qint64 transactions = 0;
    qint64 largestStep = 0;
    int active = countActive(database);
    qint64 nextWake = clock;
    const qint64 target = clock + 365 * 86400;
    std::optional<FirmwareSql::Transaction> transaction;
    Stopwatch transactionWatch;
    const double cpuStart = cpuMs();
    Stopwatch total;
    Stopwatch part;
    // LocalRolloutBackend::runUntil: Worker::advance(target, fastForward) and Worker::stepTo.
    while (clock < target) {
        qint64 until = std::min(target, clock + options.maxStepSeconds);
        const qint64 next = std::min(simulator.nextDue(), nextWake);
        if (next > until)
            until = std::min(target, next);

        if (!transaction) {
            part.restart();
            transactionWatch.restart();
            transaction.emplace(database);
            if (!transaction->started())
                die(database.connection().lastError().text());
            beginMs += part.elapsedMs();
        }

        part.restart();
        const Result<FleetSimulator::Report> played = simulator.run(database, until);
        if (!played)
            die(played.error().text());
        simulatorMs += part.elapsedMs();

        part.restart();
        const Result<RolloutEngine::Step> step = engine.advance(
            QDateTime::fromSecsSinceEpoch(until, Qt::UTC), QDateTime::currentDateTimeUtc());
        if (!step)
            die(step.error().text());
        for (const auto &[rollout, wave] : step.value().startedWaves)
            simulator.waveStarted(rollout, wave, until);
        for (qint64 rollout : step.value().reload) {
            if (const Status ok = simulator.reload(database, rollout); !ok)
                die(ok.error().text());
        }
        if (step.value().changed || !step.value().startedWaves.isEmpty())
            active = countActive(database);
        engineMs += part.elapsedMs();

        part.restart();
        QSqlQuery q(database.connection());
        if (const Status ok = FirmwareSql::exec(
                database, q,
                QStringLiteral("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)"),
                {QStringLiteral("simulation.clock"), QString::number(until)},
                QStringLiteral("save the clock"));
            !ok)
            die(ok.error().text());
        settingMs += part.elapsedMs();

        clock = until;
        nextWake = step.value().nextWake;
        events += played.value().events;
        largestStep = std::max(largestStep, played.value().events);
        ++steps;
        const bool done = simulator.activeRollouts() == 0 && active == 0;
        if (transactionWatch.elapsedMs() >= double(options.transactionMs) || done) {
            part.restart();
            if (const Status ok = simulator.flush(); !ok)
                die(ok.error().text());
            flushMs += part.elapsedMs();
            part.restart();
            if (const Status ok = transaction->commit(QStringLiteral("record the step")); !ok)
                die(ok.error().text());
            commitMs += part.elapsedMs();
            transaction.reset();
            ++transactions;
        }
        if (done)
            break;
    }
    const double totalMs = total.elapsedMs();
    const double cpu = cpuMs() - cpuStart;
    sqlite3_trace_v2(handle, 0, nullptr, nullptr);
    const CacheStatus cache = cacheStatus(handle);

    const double perEvent = events > 0 ? 1.0 / double(events) : 0.0;
    report.count(prefix + QStringLiteral("events"), events, QStringLiteral("events"));
    report.count(prefix + QStringLiteral("steps"), steps, QStringLiteral("steps"));
    report.count(prefix + QStringLiteral("transactions"), transactions,
                 QStringLiteral("transactions"));
    report.count(prefix + QStringLiteral("largest_step"), largestStep, QStringLiteral("events"));
    report.figure(prefix + QStringLiteral("total_ms"), totalMs, QStringLiteral("ms"));
    report.figure(prefix + QStringLiteral("cpu_ms"), cpu, QStringLiteral("ms"));
    report.figure(prefix + QStringLiteral("events_per_s"), double(events) / (totalMs / 1000.0),
                  QStringLiteral("events/s"));
    report.figure(prefix + QStringLiteral("events_per_cpu_s"), double(events) / (cpu / 1000.0),
                  QStringLiteral("events/s"));
    report.figure(prefix + QStringLiteral("simulator_ms"), simulatorMs, QStringLiteral("ms"));
    report.figure(prefix + QStringLiteral("engine_ms"), engineMs, QStringLiteral("ms"));
    report.figure(prefix + QStringLiteral("begin_ms"), beginMs, QStringLiteral("ms"));
    report.figure(prefix + QStringLiteral("save_clock_ms"), settingMs, QStringLiteral("ms"));
    report.figure(prefix + QStringLiteral("flush_ms"), flushMs, QStringLiteral("ms"));
    report.figure(prefix + QStringLiteral("commit_ms"), commitMs, QStringLiteral("ms"));
    report.figure(prefix + QStringLiteral("simulator_us_per_event"),
                  simulatorMs * 1000.0 * perEvent, QStringLiteral("us"));
    report.figure(prefix + QStringLiteral("flush_us_per_event"), flushMs * 1000.0 * perEvent,
                  QStringLiteral("us"));
    report.figure(prefix + QStringLiteral("commit_us_per_event"), commitMs * 1000.0 * perEvent,
                  QStringLiteral("us"));
    report.figure(prefix + QStringLiteral("engine_ms_per_step"),
                  steps > 0 ? engineMs / double(steps) : 0.0, QStringLiteral("ms"));
    report.figure(prefix + QStringLiteral("statements_per_event"), double(statements) * perEvent,
                  QStringLiteral("statements"));
    report.figure(prefix + QStringLiteral("cache_misses_per_event"),
                  double(cache.misses) * perEvent, QStringLiteral("pages"));
    report.figure(prefix + QStringLiteral("cache_hits_per_event"), double(cache.hits) * perEvent,
                  QStringLiteral("pages"));
    report.figure(prefix + QStringLiteral("pages_written_per_event"),
                  double(cache.writes) * perEvent, QStringLiteral("pages"));
    report.figure(prefix + QStringLiteral("rss_mb"), currentRssMb(), QStringLiteral("MB"));
}

} // namespace Patchboard::Bench
