// SPDX-License-Identifier: Apache-2.0
#include "localrolloutbackend.h"
#include "rolloutengine.h"
#include "rolloutservice.h"

#include "audit/auditlog.h"
#include "auth/permissions.h"
#include "core/pooltask.h"
#include "firmware/firmwaresql.h"
#include "simulation/fleetsimulator.h"
#include "storage/database.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

#include <atomic>
#include <cmath>
#include <limits>
#include <optional>

namespace Patchboard {

namespace {

// The translation context of this file's messages. Call Tr::tr() everywhere, also in free
// functions and lambdas: lupdate takes the context from Q_DECLARE_TR_FUNCTIONS, so the context
// it extracts is the one looked up at run time (for a plain tr() it uses the enclosing scope).
class Tr
{
    Q_DECLARE_TR_FUNCTIONS(Patchboard::LocalRolloutBackend)
};

const QString clockKey = QStringLiteral("simulation.clock");
const QString speedKey = QStringLiteral("simulation.speed");
const QString ratesKey = QStringLiteral("simulation.failureRates");

// The longest stretch of simulated time one transaction covers: thresholds are evaluated at
// least this often.
constexpr qint64 maxStepSeconds = 300;
// At maximum speed, how long one task plays before the GUI hears about it.
constexpr qint64 fastTaskMilliseconds = 60;
// runUntil commits about this often (real time). At a million devices one transaction rewrites
// most pages of the devices' and targets' tables however few of their rows it changes, so
// longer transactions write far less per event: bench_rollout at 1M devices, 200 ms 69k,
// 1000 ms 85-105k events/s (the machine's speed varied). A crash loses at most this much work,
// which the next start plays again identically.
constexpr qint64 runUntilChunkMs = 1000;
// The target of a run at maximum speed that has no end of its own.
constexpr qint64 openEnded = std::numeric_limits<qint64>::max() / 4;

ServiceError notOpen()
{
    return ServiceError::make(ServiceError::Code::StorageUnavailable,
                              Tr::tr("The rollout database is not open."));
}

ServiceError noSimulator()
{
    return ServiceError::make(ServiceError::Code::InvalidArgument,
                              Tr::tr("This rollout engine plays no simulated devices: real devices "
                                     "report over the device API."),
                              Tr::tr("Use patchboard-fleetsim to simulate devices against the "
                                     "server."));
}

// patchboard-server: the lease that makes one instance the rollout engine's leader.
const QString engineLease = QStringLiteral("rollout-engine");
constexpr qint64 leaseSeconds = 15; // another instance takes over after this without a renewal
constexpr qint64 leaseRenewSeconds = 5; // the leader renews this often

// SQLite's foreign-key checks off for one simulation transaction (the pragma has no effect
// inside a transaction: construct this before it begins and let it end after it).
//
// The simulator and the engine write only rows that refer to devices and rollouts read in the
// same transaction, and nothing deletes devices or rollouts, so the checks could not fail there;
// but each costs a lookup of the parent row, one per event for update_events.device_id (
// bench_rollout at 1M devices: 87k -> 143k events/s without them). Operator actions on the same
// connection run between these transactions, with the checks on.
class ForeignKeysOff
{
public:
    explicit ForeignKeysOff(Database &database) : m_database(database)
    {
        if (m_database.dialect().isSQLite())
            QSqlQuery(m_database.connection()).exec(QStringLiteral("PRAGMA foreign_keys = OFF"));
    }
    ~ForeignKeysOff()
    {
        if (m_database.dialect().isSQLite())
            QSqlQuery(m_database.connection()).exec(QStringLiteral("PRAGMA foreign_keys = ON"));
    }
    ForeignKeysOff(const ForeignKeysOff &) = delete;
    ForeignKeysOff &operator=(const ForeignKeysOff &) = delete;

private:
    Database &m_database;
};

} // namespace

struct LocalRolloutBackend::Worker
{
    Options options;
    Database database;
    std::optional<RolloutService> service;
    std::optional<RolloutEngine> engine;
    std::optional<FleetSimulator> simulator;
    qint64 clock = 0; // simulated Unix seconds
    double speed = 3600;
    bool running = true;
    qint64 nextWake = std::numeric_limits<qint64>::max();
    int scheduledOrRunning = 0;
    QElapsedTimer real;
    qint64 lastRealMs = 0;
    std::atomic<bool> stopping{false};
    // patchboard-server (no simulator): this instance's name in server_leases, and when it last
    // renewed the engine lease (wall clock; 0 = it does not hold it).
    QString leaseHolder = QUuid::createUuid().toString(QUuid::WithoutBraces);
    qint64 leaseRenewed = 0;

    struct Outcome
    {
        qint64 events = 0;
        bool rolloutsChanged = false;
        bool devicesChanged = false; // the engine changed targets (a deadline expired them)
        qint64 clock = 0;
        bool busy = false;
    };

    bool isOpen() const { return database.isOpen() && service.has_value(); }
    // The rollout clock: simulated in the embedded backend, the wall clock in the server.
    QDateTime clockTime() const
    {
        return options.simulateDevices ? QDateTime::fromSecsSinceEpoch(clock, Qt::UTC)
                                       : QDateTime::currentDateTimeUtc();
    }
    // Something will happen as the clock runs: a device is due, or the engine has a time to act.
    bool busy() const
    {
        return (simulator && simulator->nextDue() != std::numeric_limits<qint64>::max())
            || nextWake != std::numeric_limits<qint64>::max();
    }

    Status saveSetting(const QString &key, const QString &value)
    {
        QSqlQuery q(database.connection());
        return FirmwareSql::exec(database, q,
                                 QStringLiteral("INSERT INTO settings (key, value) VALUES (?, ?) "
                                                "ON CONFLICT (key) DO UPDATE SET value = "
                                                "excluded.value"),
                                 {key, value}, Tr::tr("save the simulator settings"));
    }

    Status countActive()
    {
        QSqlQuery q(database.connection());
        if (!q.exec(QStringLiteral("SELECT count(*) FROM rollouts WHERE state IN ('scheduled', "
                                   "'running')"))
            || !q.next())
            return database.error(q.lastError(), Tr::tr("count the active rollouts"));
        scheduledOrRunning = q.value(0).toInt();
        return Done{};
    }

    // The devices' reports up to `until`, then the engine's decisions, inside the caller's
    // transaction.
    Result<qint64> stepTo(qint64 until)
    {
        Result<FleetSimulator::Report> played = simulator->run(database, until);
        if (!played)
            return played.error();
        Result<RolloutEngine::Step> step = engine->advance(
            QDateTime::fromSecsSinceEpoch(until, Qt::UTC), QDateTime::currentDateTimeUtc());
        if (!step)
            return step.error();
        for (const auto &[rollout, wave] : step.value().startedWaves)
            simulator->waveStarted(rollout, wave, until);
        for (qint64 rollout : step.value().reload) {
            if (const Status ok = simulator->reload(database, rollout); !ok)
                return ok.error();
        }
        clock = until;
        nextWake = step.value().nextWake;
        return played.value().events;
    }

    // A failed step rolled back: what is in memory is rebuilt from what was committed.
    ServiceError recover(const ServiceError &error, qint64 committedClock)
    {
        database.connection().rollback();
        clock = committedClock;
        nextWake = committedClock;
        if (simulator)
            simulator->load(database);
        return error;
    }

    // patchboard-server: one engine step on the wall clock; the devices' reports were committed
    // by DeviceGateway in the meantime.
    //
    // Several server instances may share one database. One leader runs the engine: the holder
    // of the "rollout-engine" row of server_leases, which it renews every leaseRenewSeconds and
    // which another instance takes over once it has gone leaseSeconds without renewal (the
    // leader died or hangs). One leader rather than row locks, because a step reads every
    // running rollout and decides on all of it at once (thresholds, the next wave, completion,
    // deadlines): two engines acting on the same counts would start a wave or write a transition
    // twice, and locking each rollout's rows would only move that race into every query of the
    // engine. The engine's work is small (a few queries a second); the devices' reports, which
    // are the load, are taken by every instance. The lease is checked inside the step's own write
    // transaction, so a step never runs on a lease that another instance has taken over.
    Result<Outcome> engineStep()
    {
        Outcome outcome;
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const qint64 nowSeconds = now.toSecsSinceEpoch();
        outcome.clock = nowSeconds;
        QSqlDatabase db = database.connection();
        QSqlQuery q(db);
        // BEGIN IMMEDIATE takes the write lock first: a deferred transaction that reads and then
        // writes fails (SQLITE_BUSY_SNAPSHOT) whenever the gateway committed in between, which
        // under load is nearly always.
        const bool sqlite = db.driverName() == QLatin1String("QSQLITE");
        if (!(sqlite ? q.exec(QStringLiteral("BEGIN IMMEDIATE")) : db.transaction()))
            return database.error(sqlite ? q.lastError() : db.lastError(),
                                  Tr::tr("start a transaction"));
        auto fail = [&](const ServiceError &error) {
            db.rollback();
            return error;
        };
        if (nowSeconds - leaseRenewed >= leaseRenewSeconds) {
            const QString what = Tr::tr("take the rollout engine's lease");
            if (const Status ok = FirmwareSql::exec(
                    database, q,
                    QStringLiteral("INSERT INTO server_leases (name, holder, expires) VALUES (?, "
                                   "?, ?) ON CONFLICT (name) DO UPDATE SET holder = "
                                   "excluded.holder, expires = excluded.expires WHERE "
                                   "server_leases.holder = excluded.holder OR "
                                   "server_leases.expires <= ?"),
                    {engineLease, leaseHolder, nowSeconds + leaseSeconds, nowSeconds}, what);
                !ok)
                return fail(ok.error());
            if (const Status ok = FirmwareSql::exec(
                    database, q, QStringLiteral("SELECT holder FROM server_leases WHERE name = ?"),
                    {engineLease}, what);
                !ok)
                return fail(ok.error());
            if (!q.next() || q.value(0).toString() != leaseHolder) {
                // Another instance leads: nothing to do here but wait for its lease to lapse.
                q.finish();
                leaseRenewed = 0;
                db.rollback();
                clock = nowSeconds;
                return outcome;
            }
            q.finish();
            leaseRenewed = nowSeconds;
        }
        Result<RolloutEngine::Step> step = engine->advance(now, now);
        if (!step)
            return fail(step.error());
        if (!db.commit())
            return fail(database.error(db.lastError(), Tr::tr("record the rollout step")));
        clock = nowSeconds;
        nextWake = step.value().nextWake;
        outcome.rolloutsChanged = step.value().changed;
        outcome.devicesChanged = !step.value().reload.isEmpty();
        if (step.value().changed)
            countActive();
        return outcome;
    }

    // Plays from the clock to target in one transaction: in steps of at most maxStepSeconds (the
    // engine decides after each), jumping over stretches where nothing is due when fastForward
    // is set, for at most budgetMs of real time (0: no limit). Killing the process at any moment
    // loses at most this transaction, which the next start plays again identically.
    Result<Outcome> advance(qint64 target, bool fastForward, qint64 budgetMs)
    {
        Outcome outcome;
        QElapsedTimer spent;
        spent.start();
        const qint64 committedClock = clock;
        const ForeignKeysOff unchecked(database);
        FirmwareSql::Transaction transaction(database);
        if (!transaction.started())
            return database.error(database.connection().lastError(), Tr::tr("start a transaction"));
        while (clock < target && !stopping) {
            qint64 until = std::min(target, clock + maxStepSeconds);
            if (fastForward) {
                const qint64 next = std::min(simulator->nextDue(), nextWake);
                if (next == std::numeric_limits<qint64>::max()) {
                    // Nothing happens by itself any more (a halted or paused rollout): an
                    // open-ended run stops here rather than racing the clock into the future.
                    if (target >= openEnded)
                        break;
                    until = target;
                } else if (next > until) {
                    until = std::min(target, next);
                }
            }
            Result<qint64> events = stepTo(until);
            if (!events)
                return recover(events.error(), committedClock);
            outcome.events += events.value();
            if (budgetMs > 0 && spent.elapsed() >= budgetMs)
                break;
            if (fastForward && !busy())
                break;
        }
        if (clock != committedClock) {
            if (const Status ok = simulator->flush(); !ok)
                return recover(ok.error(), committedClock);
            if (const Status ok = saveSetting(clockKey, QString::number(clock)); !ok)
                return recover(ok.error(), committedClock);
            if (const Status ok = transaction.commit(Tr::tr("record the rollout step")); !ok)
                return recover(ok.error(), committedClock);
            countActive();
        }
        outcome.clock = clock;
        outcome.busy = busy();
        return outcome;
    }

    SimulationSettings settings() const
    {
        SimulationSettings s;
        s.available = options.simulateDevices;
        s.running = running;
        s.speed = speed;
        s.clock = clockTime();
        if (simulator) {
            for (auto it = simulator->failureRates().cbegin();
                 it != simulator->failureRates().cend(); ++it)
                s.failureRates.append({it.key(), it.value()});
            std::sort(s.failureRates.begin(), s.failureRates.end());
        }
        return s;
    }
};

LocalRolloutBackend::LocalRolloutBackend(QObject *parent)
    : RolloutBackend(parent), m_worker(std::make_shared<Worker>())
{
    m_pool.setMaxThreadCount(1);
    m_pool.setExpiryTimeout(-1);
    connect(&m_timer, &QTimer::timeout, this, &LocalRolloutBackend::step);
}

LocalRolloutBackend::~LocalRolloutBackend()
{
    m_timer.stop();
    m_worker->stopping = true;
    m_pool.start([worker = m_worker] {
        // A server instance that stops hands the engine over at once: its lease lapses now
        // rather than leaseSeconds from its last renewal.
        if (!worker->options.simulateDevices && worker->database.isOpen()) {
            QSqlQuery q(worker->database.connection());
            q.prepare(QStringLiteral("UPDATE server_leases SET expires = 0 WHERE name = ? AND "
                                     "holder = ?"));
            q.addBindValue(engineLease);
            q.addBindValue(worker->leaseHolder);
            q.exec(); // best effort: if it fails, the lease lapses by itself
        }
        worker->simulator.reset();
        worker->service.reset();
        worker->engine.reset();
        worker->database = Database();
    });
    m_pool.waitForDone();
}

QFuture<Result<Done>> LocalRolloutBackend::open(const Options &options)
{
    m_worker->options = options;
    m_worker->speed = options.speed;
    m_worker->running = options.running;
    m_timer.setInterval(std::max(10, options.stepMilliseconds));
    QFuture<Result<Done>> opened = startOn<Done>(m_pool, [worker = m_worker]() -> Result<Done> {
        Result<Database> database = Database::open(worker->options.databasePath);
        if (!database)
            return database.error();
        worker->database = std::move(database).value();
        QSqlQuery q(worker->database.connection());
        // The simulator updates devices, targets and the events' device index all over the file:
        // a page cache of 128 MB (SQLite's default is 2 MB) keeps most of a million-device
        // rollout's working set in memory, and a longer WAL between checkpoints writes each page
        // less often. bench_rollout at 1M devices: 64 MB 42k, 256 MB 56k events/s (RSS 372 MB).
        // Other connections keep SQLite's defaults.
        if (worker->database.dialect().isSQLite()) {
            for (const char *pragma :
                 {"PRAGMA cache_size = -131072", "PRAGMA wal_autocheckpoint = 16384"}) {
                if (!q.exec(QString::fromLatin1(pragma)))
                    return worker->database.error(q.lastError(), Tr::tr("set up the connection"));
            }
        }
        q.prepare(QStringLiteral("SELECT key, value FROM settings WHERE key IN (?, ?, ?)"));
        q.addBindValue(clockKey);
        q.addBindValue(speedKey);
        q.addBindValue(ratesKey);
        if (!q.exec())
            return worker->database.error(q.lastError(), Tr::tr("read the simulator settings"));
        std::optional<qint64> clock;
        QHash<int, double> rates;
        while (q.next()) {
            const QString key = q.value(0).toString();
            if (key == clockKey)
                clock = q.value(1).toString().toLongLong();
            else if (key == speedKey)
                worker->speed = q.value(1).toString().toDouble();
            else if (key == ratesKey) {
                const QJsonObject object
                    = QJsonDocument::fromJson(q.value(1).toString().toUtf8()).object();
                for (auto it = object.begin(); it != object.end(); ++it)
                    rates.insert(it.key().toInt(), std::clamp(it.value().toDouble(), 0.0, 1.0));
            }
        }
        q.finish();
        const QDateTime start = worker->options.clockStart.isValid()
            ? worker->options.clockStart
            : QDateTime::currentDateTimeUtc();
        worker->clock = clock.value_or(start.toSecsSinceEpoch());
        worker->service.emplace(
            worker->database, [w = worker.get()] { return w->clockTime(); }, worker->options.seed);
        worker->engine.emplace(worker->database);
        if (worker->options.simulateDevices) {
            worker->simulator.emplace(worker->options.seed);
            worker->engine->setBeforeTargetWrites(
                [simulator = &*worker->simulator] { return simulator->flush(); });
            worker->simulator->setFailureRates(rates);
            if (const Status ok = worker->simulator->load(worker->database); !ok)
                return ok.error();
        } else {
            worker->clock = QDateTime::currentSecsSinceEpoch();
        }
        if (const Status ok = worker->countActive(); !ok)
            return ok.error();
        // What the engine has to do by the clock alone (a start, a soak ending).
        worker->nextWake = worker->clock;
        worker->real.start();
        worker->lastRealMs = 0;
        return Done{};
    });
    // The answer does not wait for this thread: patchboard-server blocks in open() until its
    // backends are open. The timer starts, and the views hear of it, when this thread gets to it.
    return opened.then([this](const Result<Done> &result) {
        if (result.ok()) {
            QMetaObject::invokeMethod(
                this,
                [this] {
                    if (m_worker->running)
                        m_timer.start();
                    Q_EMIT rolloutsChanged();
                },
                Qt::QueuedConnection);
        }
        return result;
    });
}

void LocalRolloutBackend::step()
{
    if (m_stepRunning)
        return;
    m_stepRunning = true;
    auto done = startOn<Worker::Outcome>(m_pool, [worker = m_worker]() -> Result<Worker::Outcome> {
        if (!worker->isOpen())
            return notOpen();
        if (!worker->options.simulateDevices)
            return worker->engineStep();
        const qint64 realNow = worker->real.elapsed();
        // A long pause (a suspended laptop) does not become days of simulated time at once.
        const qint64 realElapsed = std::min<qint64>(realNow - worker->lastRealMs, 1000);
        worker->lastRealMs = realNow;
        if (!worker->running) {
            Worker::Outcome idle;
            idle.clock = worker->clock;
            return idle;
        }
        if (worker->speed <= 0) {
            if (!worker->busy()) {
                Worker::Outcome idle;
                idle.clock = worker->clock;
                return idle;
            }
            return worker->advance(openEnded, true, fastTaskMilliseconds);
        }
        const qint64 target = worker->clock
            + std::max<qint64>(1, std::llround(double(realElapsed) * worker->speed / 1000.0));
        return worker->advance(target, false, 0);
    });
    done.then(this, [this](const Result<Worker::Outcome> &outcome) {
        m_stepRunning = false;
        if (!outcome.ok()) {
            // The next step tries again; the failed one was rolled back. Say so, but not on
            // every step of a lasting problem.
            const ServiceError &error = outcome.error();
            if (error.message != m_lastEngineError || !m_engineErrorShown.isValid()
                || m_engineErrorShown.hasExpired(60000)) {
                m_lastEngineError = error.message;
                m_engineErrorShown.start();
                Q_EMIT engineFailed(error);
            }
            return;
        }
        m_lastEngineError.clear();
        const Worker::Outcome &o = outcome.value();
        if (o.events > 0 || o.devicesChanged)
            Q_EMIT devicesChanged();
        if (o.events > 0 || o.rolloutsChanged)
            Q_EMIT rolloutsChanged();
        Q_EMIT clockChanged(QDateTime::fromSecsSinceEpoch(o.clock, Qt::UTC));
        // At maximum speed the next step follows at once, while there is work.
        if (m_worker->speed <= 0 && m_worker->running && o.busy && m_timer.isActive())
            QTimer::singleShot(0, this, &LocalRolloutBackend::step);
    });
}

void LocalRolloutBackend::scheduleStep()
{
    QTimer::singleShot(0, this, &LocalRolloutBackend::step);
}

QFuture<Result<qint64>> LocalRolloutBackend::runUntil(const QDateTime &until)
{
    auto future = startOn<qint64>(m_pool, [worker = m_worker, until]() -> Result<qint64> {
        if (!worker->isOpen())
            return notOpen();
        if (!worker->simulator)
            return noSimulator();
        qint64 events = 0;
        const qint64 target = until.toSecsSinceEpoch();
        while (worker->clock < target && !worker->stopping) {
            Result<Worker::Outcome> outcome = worker->advance(target, true, runUntilChunkMs);
            if (!outcome)
                return outcome.error();
            events += outcome.value().events;
            if (!outcome.value().busy)
                break;
        }
        return events;
    });
    return future.then(this, [this](const Result<qint64> &result) {
        Q_EMIT devicesChanged();
        Q_EMIT rolloutsChanged();
        Q_EMIT clockChanged(QDateTime::fromSecsSinceEpoch(m_worker->clock, Qt::UTC));
        return result;
    });
}

// Operator actions: on the worker thread, between simulation steps; the simulator re-reads the
// rollout afterwards so that it plays exactly what was committed.

QFuture<Result<QList<RolloutSummary>>> LocalRolloutBackend::rollouts(const Operator &who)
{
    return startOn<QList<RolloutSummary>>(
        m_pool, [worker = m_worker, who]() -> Result<QList<RolloutSummary>> {
            if (!worker->isOpen())
                return notOpen();
            return worker->service->rollouts(who);
        });
}

QFuture<Result<RolloutDetail>> LocalRolloutBackend::rolloutDetail(const Operator &who, qint64 id)
{
    return startOn<RolloutDetail>(m_pool, [worker = m_worker, who, id]() -> Result<RolloutDetail> {
        if (!worker->isOpen())
            return notOpen();
        return worker->service->detail(who, id);
    });
}

QFuture<Result<RolloutPreview>> LocalRolloutBackend::preview(const Operator &who,
                                                             const RolloutPlan &plan)
{
    return startOn<RolloutPreview>(m_pool,
                                   [worker = m_worker, who, plan]() -> Result<RolloutPreview> {
                                       if (!worker->isOpen())
                                           return notOpen();
                                       return worker->service->preview(who, plan);
                                   });
}

// An operator's change, on the worker thread between simulation steps. Afterwards the simulator
// re-reads the rollout (it plays exactly what was committed), the engine looks at it in the next
// step, and the views hear that rollouts changed.
template<typename Fn> QFuture<Result<RolloutDetail>> LocalRolloutBackend::change(Fn fn)
{
    auto future
        = startOn<RolloutDetail>(m_pool, [worker = m_worker, fn]() -> Result<RolloutDetail> {
              if (!worker->isOpen())
                  return notOpen();
              Result<RolloutDetail> result = fn(*worker);
              if (!result)
                  return result;
              if (worker->simulator) {
                  if (const Status ok
                      = worker->simulator->reload(worker->database, result.value().summary.id);
                      !ok)
                      return ok.error();
              }
              worker->countActive();
              worker->nextWake = worker->clock;
              return result;
          });
    return future.then(this, [this](const Result<RolloutDetail> &r) {
        Q_EMIT rolloutsChanged();
        return r;
    });
}

QFuture<Result<RolloutDetail>> LocalRolloutBackend::create(const Operator &who,
                                                           const RolloutPlan &plan, bool schedule)
{
    return change([=](Worker &worker) { return worker.service->create(who, plan, schedule); });
}

QFuture<Result<RolloutDetail>> LocalRolloutBackend::schedule(const Operator &who, qint64 id)
{
    return change([=](Worker &worker) { return worker.service->schedule(who, id); });
}

QFuture<Result<RolloutDetail>> LocalRolloutBackend::pause(const Operator &who, qint64 id,
                                                          const QString &reason)
{
    return change([=](Worker &worker) { return worker.service->pause(who, id, reason); });
}

QFuture<Result<RolloutDetail>> LocalRolloutBackend::resume(const Operator &who, qint64 id,
                                                           const QString &reason,
                                                           double newErrorThreshold)
{
    return change(
        [=](Worker &worker) { return worker.service->resume(who, id, reason, newErrorThreshold); });
}

QFuture<Result<RolloutDetail>> LocalRolloutBackend::cancel(const Operator &who, qint64 id,
                                                           const QString &reason)
{
    return change([=](Worker &worker) { return worker.service->cancel(who, id, reason); });
}

QFuture<Result<RolloutDetail>> LocalRolloutBackend::continueToNextWave(const Operator &who,
                                                                       qint64 id)
{
    return change([=](Worker &worker) { return worker.service->continueToNextWave(who, id); });
}

QFuture<Result<SimulationSettings>> LocalRolloutBackend::simulation()
{
    return startOn<SimulationSettings>(m_pool, [worker = m_worker]() -> Result<SimulationSettings> {
        if (!worker->isOpen())
            return notOpen();
        return worker->settings();
    });
}

QFuture<Result<SimulationSettings>>
LocalRolloutBackend::setSimulation(const Operator &who, const SimulationSettings &settings)
{
    auto future = startOn<SimulationSettings>(
        m_pool, [worker = m_worker, who, settings]() -> Result<SimulationSettings> {
            if (!worker->isOpen())
                return notOpen();
            // The role first: a viewer learns that he may not, not how the backend is built.
            if (const Status allowed = Permissions::check(who, Permission::ControlSimulation);
                !allowed)
                return allowed.error();
            if (!worker->simulator)
                return noSimulator();
            if (settings.speed < 0 || !std::isfinite(settings.speed))
                return ServiceError::make(
                    ServiceError::Code::InvalidArgument,
                    Tr::tr("The simulation speed must be 0 (as fast as possible) "
                           "or positive."));
            QHash<int, double> rates;
            QJsonObject ratesJson;
            for (const auto &[model, rate] : settings.failureRates) {
                if (!(rate >= 0 && rate <= 1))
                    return ServiceError::make(ServiceError::Code::InvalidArgument,
                                              Tr::tr("A failure rate lies between 0 and 100%."));
                rates.insert(model, rate);
                ratesJson.insert(QString::number(model), rate);
            }
            FirmwareSql::Transaction transaction(worker->database);
            const QString ratesText
                = QString::fromUtf8(QJsonDocument(ratesJson).toJson(QJsonDocument::Compact));
            if (const Status ok = worker->saveSetting(speedKey, QString::number(settings.speed));
                !ok)
                return ok.error();
            if (const Status ok = worker->saveSetting(ratesKey, ratesText); !ok)
                return ok.error();
            if (rates != worker->simulator->failureRates() || settings.speed != worker->speed
                || settings.running != worker->running) {
                const Result<AuditEntry> audited
                    = AuditLog(worker->database)
                          .appendWithinTransaction(
                              who.name, Operator::roleName(who.role),
                              Permissions::name(Permission::ControlSimulation),
                              QStringLiteral("simulation"),
                              QJsonObject{{QStringLiteral("speed"), settings.speed},
                                          {QStringLiteral("running"), settings.running},
                                          {QStringLiteral("failureRates"), ratesJson}},
                              QDateTime::currentDateTimeUtc());
                if (!audited)
                    return audited.error();
            }
            if (const Status ok = transaction.commit(Tr::tr("save the simulator settings")); !ok)
                return ok.error();
            worker->speed = settings.speed;
            worker->running = settings.running;
            worker->simulator->setFailureRates(rates);
            return worker->settings();
        });
    return future.then(this, [this](const Result<SimulationSettings> &r) {
        if (r.ok()) {
            if (r.value().running && !m_timer.isActive())
                m_timer.start();
            else if (!r.value().running)
                m_timer.stop();
            if (r.value().running && r.value().speed <= 0)
                scheduleStep();
        }
        return r;
    });
}

} // namespace Patchboard
