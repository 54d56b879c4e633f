// SPDX-License-Identifier: Apache-2.0
//
// The telemetry event store at ten million update events (issue #5): ingest rate through
// EventWriter (raw rows + time buckets + history heads, in batches), and every chart's query of
// the Telemetry page, each beside the same numbers computed with plain SQL over the raw events.
// Every figure is one line, "name value unit", after the machine the run happened on.
//
// Targets: ingest >= 200,000 events/s (printed as target_us_per_event_le_5, the report's targets
// being upper limits); each chart's query + model update <= 200 ms.
//
// Set-up: the generated fleet of bench_devicebrowser (reused when it exists), copied to a
// scratch file; three rollouts over the fleet are played as events, device by device, each
// device's phases (offer, download, verify, install, reboot) minutes apart, with a realistic
// share of failures (one model fails at 20 %), low-battery postponements and roll-backs, in
// batches of 5,000 events per transaction, until --events events are written.
//
// For comparison: sqlite_insert_baseline_events_per_s inserts the same events into a plain table
// (no index) with plain sqlite3 statements in the same batches: what SQLite costs without the
// buckets and the history chain.
//
// Usage: bench_telemetry [--devices N] [--events N] [--database FILE] [--keep]

#include "benchutil.h"
#include "devicebrowserbench.h"
#include "fleetdatabase.h"

#include "domain/telemetry.h"
#include "storage/database.h"
#include "telemetry/eventwriter.h"
#include "telemetry/telemetrystore.h"
#include "telemetrygroupmodel.h"
#include "telemetryreasonmodel.h"
#include "telemetrytimelinemodel.h"
#include "telemetrytopfailuresmodel.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>
#include <QTextStream>

#include <sqlite3.h>

#include <cstdlib>
#include <vector>

using namespace Patchboard;
using namespace Patchboard::Bench;

namespace {

[[noreturn]] void fail(const QString &message)
{
    QTextStream(stderr) << "bench_telemetry: " << message << Qt::endl;
    std::exit(1);
}

struct FleetRow
{
    qint64 id;
    int model;
    int region;
};

// The events of three rollouts over the fleet (about 10 million events at a million devices),
// generated in batches on demand.
constexpr int Rollouts = 3;

class EventSource
{
public:
    EventSource(std::vector<FleetRow> devices, qint64 start, int failingModel)
        : m_devices(std::move(devices)), m_start(start), m_failingModel(failingModel)
    { }

    // Appends the next device's events (3 to 7 of them); false when every rollout is done.
    bool next(std::vector<EventRecord> &out)
    {
        if (m_rollout > Rollouts)
            return false;
        const FleetRow &d = m_devices[m_index];
        const qint64 span = 5 * 86400; // a rollout takes five days
        qint64 t = m_start + (m_rollout - 1) * 6 * 86400
            + qint64(double(m_index) / double(m_devices.size()) * double(span))
            + qint64(m_random.bounded(600));
        const int wave = m_index < m_devices.size() / 100 ? 1
            : m_index < m_devices.size() / 10         ? 2
            : m_index < m_devices.size() / 2          ? 3
                                                      : 4;
        auto add = [&](UpdatePhase phase, UpdateOutcome outcome, FailureReason reason) {
            EventRecord e;
            e.device = d.id;
            e.rollout = m_rollout;
            e.wave = wave;
            e.phase = phase;
            e.outcome = outcome;
            e.reason = reason;
            e.model = d.model;
            e.region = d.region;
            static const char *const versions[] = {"10.0.1", "10.0.2", "10.0.3", "10.0.4"};
            e.fromVersion = versions[m_rollout - 1];
            e.toVersion = versions[m_rollout];
            e.time = t;
            out.push_back(e);
            t += 60 + qint64(m_random.bounded(900));
        };
        const double failureRate = d.model == m_failingModel ? 0.2 : 0.02;
        const bool fails = m_random.generateDouble() < failureRate;
        const quint32 where = m_random.bounded(4);
        add(UpdatePhase::Offer, UpdateOutcome::Ok, FailureReason::None);
        if (fails && where == 0) {
            add(UpdatePhase::Download, UpdateOutcome::Failed, FailureReason::DownloadTimeout);
        } else {
            add(UpdatePhase::Download, UpdateOutcome::Ok, FailureReason::None);
            if (fails && where == 1) {
                add(UpdatePhase::Verify, UpdateOutcome::Failed, FailureReason::DigestMismatch);
            } else {
                add(UpdatePhase::Verify, UpdateOutcome::Ok, FailureReason::None);
                if (m_random.bounded(20) == 0)
                    add(UpdatePhase::Install, UpdateOutcome::Postponed, FailureReason::LowBattery);
                if (fails && where == 2) {
                    add(UpdatePhase::Install, UpdateOutcome::Failed, FailureReason::InstallFailed);
                } else {
                    add(UpdatePhase::Install, UpdateOutcome::Ok, FailureReason::None);
                    add(UpdatePhase::Reboot,
                        fails ? UpdateOutcome::RolledBack : UpdateOutcome::Succeeded,
                        fails ? FailureReason::BootFailed : FailureReason::None);
                }
            }
        }
        if (++m_index == m_devices.size()) {
            m_index = 0;
            ++m_rollout;
        }
        return true;
    }

    qint64 end() const { return m_start + (Rollouts * 6 - 1) * 86400; }

private:
    std::vector<FleetRow> m_devices;
    qint64 m_start;
    int m_failingModel;
    std::size_t m_index = 0;
    qint64 m_rollout = 1;
    QRandomGenerator m_random{2026};
};

void exec(Database &database, const QString &sql)
{
    QSqlQuery q(database.connection());
    if (!q.exec(sql))
        fail(sql + QStringLiteral(": ") + q.lastError().text());
}

// Plain sqlite3 inserts of the same rows into a table without indexes.
class Baseline
{
public:
    explicit Baseline(const QString &path)
    {
        QFile::remove(path);
        QFile::remove(path + QStringLiteral("-wal"));
        if (sqlite3_open(path.toUtf8().constData(), &m_db) != SQLITE_OK)
            fail(QStringLiteral("cannot open %1").arg(path));
        run("PRAGMA journal_mode=WAL");
        run("PRAGMA synchronous=NORMAL");
        run("CREATE TABLE update_events (id INTEGER PRIMARY KEY, device_id INTEGER NOT NULL, "
            "rollout_id INTEGER NOT NULL, wave INTEGER NOT NULL, phase TEXT NOT NULL, outcome "
            "TEXT NOT NULL, reason TEXT NOT NULL, from_version TEXT NOT NULL, to_version TEXT NOT "
            "NULL, time INTEGER NOT NULL)");
        sqlite3_prepare_v2(m_db,
                           "INSERT INTO update_events (device_id, rollout_id, wave, phase, "
                           "outcome, reason, from_version, to_version, time) VALUES "
                           "(?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           -1, &m_insert, nullptr);
    }
    ~Baseline()
    {
        sqlite3_finalize(m_insert);
        sqlite3_close(m_db);
    }

    void write(const std::vector<EventRecord> &batch)
    {
        run("BEGIN");
        for (const EventRecord &e : batch) {
            sqlite3_bind_int64(m_insert, 1, e.device);
            sqlite3_bind_int64(m_insert, 2, e.rollout);
            sqlite3_bind_int64(m_insert, 3, e.wave);
            const QByteArray *texts[] = {&EventWriter::code(e.phase), &EventWriter::code(e.outcome),
                                         &EventWriter::code(e.reason), &e.fromVersion, &e.toVersion};
            for (int i = 0; i < 5; ++i)
                sqlite3_bind_text(m_insert, 4 + i, texts[i]->constData(), int(texts[i]->size()),
                                  SQLITE_STATIC);
            sqlite3_bind_int64(m_insert, 9, e.time);
            if (sqlite3_step(m_insert) != SQLITE_DONE)
                fail(QString::fromUtf8(sqlite3_errmsg(m_db)));
            sqlite3_reset(m_insert);
        }
        run("COMMIT");
    }

private:
    void run(const char *sql)
    {
        if (sqlite3_exec(m_db, sql, nullptr, nullptr, nullptr) != SQLITE_OK)
            fail(QString::fromUtf8(sqlite3_errmsg(m_db)));
    }
    sqlite3 *m_db = nullptr;
    sqlite3_stmt *m_insert = nullptr;
};

// The plain-SQL comparison: the same numbers from the raw events, through a sqlite3 connection
// of its own with SQLite's default settings. Not on the connection the store reads with: a GROUP
// BY over ten million rows leaves a large sorter behind, and with the app's temp_store=MEMORY
// SQLite frees it in the next statement's prepare (measured: 186 ms for the first statement after
// the fleet-wide breakdown, whatever that statement is), which would be charged to our next chart.
class PlainSql
{
public:
    explicit PlainSql(const QString &path)
    {
        if (sqlite3_open_v2(path.toUtf8().constData(), &m_db, SQLITE_OPEN_READONLY, nullptr)
            != SQLITE_OK)
            fail(QStringLiteral("cannot open %1").arg(path));
    }
    ~PlainSql() { sqlite3_close(m_db); }
    PlainSql(const PlainSql &) = delete;
    PlainSql &operator=(const PlainSql &) = delete;

    // Runs sql with from and to bound to its two parameters and reads every row.
    double time(const QString &sql, qint64 from, qint64 to)
    {
        Stopwatch watch;
        sqlite3_stmt *statement = nullptr;
        if (sqlite3_prepare_v2(m_db, sql.toUtf8().constData(), -1, &statement, nullptr)
            != SQLITE_OK)
            fail(sql + QStringLiteral(": ") + QString::fromUtf8(sqlite3_errmsg(m_db)));
        sqlite3_bind_int64(statement, 1, from);
        sqlite3_bind_int64(statement, 2, to);
        qint64 sum = 0;
        int step = SQLITE_ROW;
        while ((step = sqlite3_step(statement)) == SQLITE_ROW)
            sum += sqlite3_column_int64(statement, sqlite3_column_count(statement) - 1);
        sqlite3_finalize(statement);
        if (step != SQLITE_DONE)
            fail(sql + QStringLiteral(": ") + QString::fromUtf8(sqlite3_errmsg(m_db)));
        Q_UNUSED(sum);
        return watch.elapsedMs();
    }

private:
    sqlite3 *m_db = nullptr;
};

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const Options options(QCoreApplication::arguments());
    const QStringList known{QStringLiteral("--devices"), QStringLiteral("--events"),
                            QStringLiteral("--database"), QStringLiteral("--keep"),
                            QStringLiteral("--build-only")};
    if (const QStringList unknown = options.unknown(known); !unknown.isEmpty())
        fail(QStringLiteral("unknown options: %1").arg(unknown.join(QLatin1Char(' '))));
    const qint64 devices = options.number(QStringLiteral("--devices"), 1000000);
    if (devices < 1000 || devices > 20000000)
        fail(QStringLiteral("--devices must be 1000..20000000"));
    const qint64 events = options.number(QStringLiteral("--events"), 10000000);
    const QString fleetPath = QFileInfo(options.text(QStringLiteral("--database"),
                                                     QDir::temp().filePath(
                                                         QStringLiteral("patchboard-bench-%1.db")
                                                             .arg(sizeLabel(devices)))))
                                  .absoluteFilePath();
    // The fleet is generated by this program in a child process (fleetdatabase.cpp).
    if (options.has(QStringLiteral("--build-only")))
        return buildOnly(devices, fleetPath);

    Report report;
    printMachine(report.out(), describeMachine());
    report.comment(QStringLiteral("fleet %1 devices, %2 events").arg(devices).arg(events));
    provideFleet(report, devices, fleetPath);

    const QString scratch = QDir::temp().filePath(QStringLiteral("patchboard-bench-telemetry.db"));
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
        QFile::remove(scratch + suffix);
    if (!QFile::copy(fleetPath, scratch))
        fail(QStringLiteral("cannot copy %1 to %2").arg(fleetPath, scratch));

    Result<Database> opened = Database::open(scratch);
    if (!opened)
        fail(opened.error().text());
    Database &database = opened.value();
    exec(database, QStringLiteral("PRAGMA cache_size = -131072")); // as the rollout worker's
    exec(database, QStringLiteral("PRAGMA foreign_keys = OFF"));  // rollouts without a release
    for (int id = 1; id <= Rollouts; ++id)
        exec(database, QStringLiteral("INSERT INTO rollouts (id, release_id, name, state, plan, "
                                      "targeting, targets, seed, created, created_by) VALUES (%1, "
                                      "1, 'Bench %1', 'completed', '{}', '{}', 0, 1, %1, 'bench')")
                           .arg(id));

    std::vector<FleetRow> fleet;
    {
        QSqlQuery q(database.connection());
        q.setForwardOnly(true);
        if (!q.exec(QStringLiteral("SELECT id, model_id, region_id FROM devices")))
            fail(q.lastError().text());
        while (q.next())
            fleet.push_back({q.value(0).toLongLong(), q.value(1).toInt(), q.value(2).toInt()});
    }
    std::vector<int> perModel;
    for (const FleetRow &d : fleet) {
        if (std::size_t(d.model) >= perModel.size())
            perModel.resize(std::size_t(d.model) + 1);
        ++perModel[std::size_t(d.model)];
    }
    const int failingModel = int(std::max_element(perModel.begin(), perModel.end()) - perModel.begin());
    const qint64 start = QDateTime(QDate(2026, 11, 1), QTime(0, 0), Qt::UTC).toSecsSinceEpoch();

    // Ingest.
    EventSource source(fleet, start, failingModel);
    EventWriter writer;
    Baseline baseline(QDir::temp().filePath(QStringLiteral("patchboard-bench-telemetry-raw.db")));
    constexpr std::size_t BatchSize = 5000;
    std::vector<EventRecord> batch;
    batch.reserve(BatchSize + 8);
    qint64 written = 0;
    double ingestMs = 0, baselineMs = 0, lastMillionMs = 0;
    qint64 lastMillionEvents = 0;
    while (written < events) {
        batch.clear();
        while (batch.size() < BatchSize && source.next(batch)) { }
        if (batch.empty())
            break;
        Stopwatch watch;
        if (!database.connection().transaction())
            fail(QStringLiteral("cannot begin"));
        if (const Status ok = writer.start(database); !ok)
            fail(ok.error().text());
        for (const EventRecord &e : batch) {
            if (const Status ok = writer.append(e); !ok)
                fail(ok.error().text());
        }
        if (const Status ok = writer.finish(); !ok)
            fail(ok.error().text());
        if (!database.connection().commit())
            fail(QStringLiteral("cannot commit"));
        const double ms = watch.elapsedMs();
        ingestMs += ms;
        if (written >= events - 1000000) {
            lastMillionMs += ms;
            lastMillionEvents += qint64(batch.size());
        }
        watch.restart();
        baseline.write(batch);
        baselineMs += watch.elapsedMs();
        written += qint64(batch.size());
    }
    report.count(QStringLiteral("events_written"), written, QStringLiteral("events"));
    const double eventsPerSecond = double(written) / (ingestMs / 1000.0);
    report.figure(QStringLiteral("ingest_events_per_s"), eventsPerSecond, QStringLiteral("events/s"));
    report.figure(QStringLiteral("ingest_last_million_events_per_s"),
                  double(lastMillionEvents) / (lastMillionMs / 1000.0), QStringLiteral("events/s"));
    report.figure(QStringLiteral("sqlite_insert_baseline_events_per_s"),
                  double(written) / (baselineMs / 1000.0), QStringLiteral("events/s"));
    report.figure(QStringLiteral("peak_rss"), peakRssMb(), QStringLiteral("MB"));
    // What the ingest left in the write-ahead log, and the time to fold it into the database, as
    // SQLite's automatic checkpoints do in the app between the simulator's transactions. Reads
    // on a large log look every page up in it first.
    report.figure(QStringLiteral("wal_after_ingest"),
                  double(QFileInfo(scratch + QStringLiteral("-wal")).size()) / (1024.0 * 1024.0),
                  QStringLiteral("MB"));
    {
        Stopwatch watch;
        exec(database, QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
        report.figure(QStringLiteral("wal_checkpoint"), watch.elapsedMs(), QStringLiteral("ms"));
    }

    // Every chart of the Telemetry page, for the whole fleet, one rollout, and one release's
    // rollouts over different ranges. Each figure is the median of 5 runs (warm cache: the page
    // refreshes the same queries while a rollout runs).
    TelemetryStore store(database);
    PlainSql plainSql(scratch);
    struct Case
    {
        QString name;
        TelemetryScope scope;
        qint64 from; // 0 = open
        qint64 to;
    };
    const qint64 end = source.end();
    const Case cases[] = {
        {QStringLiteral("fleet_all"), TelemetryScope::fleet(), 0, 0},
        {QStringLiteral("rollout_all"), TelemetryScope::rollout(2), 0, 0},
        {QStringLiteral("fleet_7d"), TelemetryScope::fleet(), end - 7 * 86400 - 1234, end - 1234},
        {QStringLiteral("rollout_24h"), TelemetryScope::rollout(1), start + 2 * 86400 + 777,
         start + 3 * 86400 + 777},
        {QStringLiteral("rollout_1h"), TelemetryScope::rollout(1), start + 2 * 86400 + 777,
         start + 2 * 86400 + 3600 + 777},
    };
    double worst = 0;
    QString worstName;
    auto note = [&](const QString &name, double ms) {
        if (ms > worst) {
            worst = ms;
            worstName = name;
        }
    };
    for (const Case &c : cases) {
        TelemetryQuery query;
        query.scope = c.scope;
        if (c.from)
            query.from = QDateTime::fromSecsSinceEpoch(c.from, Qt::UTC);
        if (c.to)
            query.to = QDateTime::fromSecsSinceEpoch(c.to, Qt::UTC);
        Samples rangeMs, rangeRepeatMs, seriesMs, breakdownMs, modelMs, sqlSeriesMs, sqlBreakdownMs;
        TelemetryQuery ranged;
        for (int run = 0; run < 5; ++run) {
            Stopwatch watch;
            ranged = store.range(query).value();
            rangeMs.add(watch.elapsedMs());
            // The same read again at once: equal to the first unless something left work behind
            // on the connection (see PlainSql).
            watch.restart();
            ranged = store.range(query).value();
            rangeRepeatMs.add(watch.elapsedMs());
            watch.restart();
            const Result<OutcomeSeries> series = store.series(ranged);
            if (!series)
                fail(series.error().text());
            seriesMs.add(watch.elapsedMs());
            watch.restart();
            const Result<TelemetryBreakdown> breakdown = store.breakdown(ranged);
            if (!breakdown)
                fail(breakdown.error().text());
            breakdownMs.add(watch.elapsedMs());
            // The models the charts read, filled from the answer.
            TelemetryOverview overview;
            overview.query = ranged;
            overview.series = series.value();
            overview.breakdown = breakdown.value();
            watch.restart();
            TelemetryTimelineModel timeline;
            TelemetryReasonModel reasons;
            TelemetryGroupModel byModel(TelemetryGroupKind::Model);
            TelemetryGroupModel byWave(TelemetryGroupKind::Wave);
            TelemetryTopFailuresModel top;
            timeline.setOverview(overview);
            reasons.setBreakdown(overview.breakdown);
            byModel.setBreakdown(overview.breakdown);
            byWave.setBreakdown(overview.breakdown);
            top.setBreakdown(overview.breakdown);
            modelMs.add(watch.elapsedMs());

            // The same numbers from the raw events with plain SQL.
            const qint64 from = ranged.from.toSecsSinceEpoch();
            const qint64 to = ranged.to.toSecsSinceEpoch();
            const QString scope = c.scope.kind == TelemetryScope::Kind::Rollout
                ? QStringLiteral(" AND e.rollout_id = %1").arg(c.scope.id)
                : QString();
            sqlSeriesMs.add(plainSql.time(
                QStringLiteral("SELECT (e.time / %1) * %1, e.outcome, count(*) FROM update_events "
                               "e WHERE e.outcome <> 'ok' AND e.time >= ? AND e.time < ?%2 "
                               "GROUP BY 1, 2")
                    .arg(series.value().bucketSeconds)
                    .arg(scope),
                from, to));
            sqlBreakdownMs.add(plainSql.time(
                QStringLiteral("SELECT e.wave, d.model_id, d.region_id, e.outcome, e.reason, "
                               "count(*) FROM update_events e JOIN devices d ON d.id = "
                               "e.device_id WHERE e.outcome <> 'ok' AND e.time >= ? AND e.time "
                               "< ?%1 GROUP BY 1, 2, 3, 4, 5")
                    .arg(scope),
                from, to));
        }
        const double chartSeries = rangeMs.p50() + seriesMs.p50() + modelMs.p50();
        const double chartBars = rangeMs.p50() + breakdownMs.p50() + modelMs.p50();
        report.figure(QStringLiteral("outcomes_chart_%1").arg(c.name), chartSeries, QStringLiteral("ms"));
        report.figure(QStringLiteral("breakdown_charts_%1").arg(c.name), chartBars, QStringLiteral("ms"));
        report.figure(QStringLiteral("model_update_%1").arg(c.name), modelMs.p50(), QStringLiteral("ms"));
        // The parts: the scope's first and last event, the series, the breakdown.
        report.figure(QStringLiteral("range_%1").arg(c.name), rangeMs.p50(), QStringLiteral("ms"));
        report.figure(QStringLiteral("range_repeat_%1").arg(c.name), rangeRepeatMs.p50(),
                      QStringLiteral("ms"));
        report.figure(QStringLiteral("series_%1").arg(c.name), seriesMs.p50(), QStringLiteral("ms"));
        report.figure(QStringLiteral("breakdown_%1").arg(c.name), breakdownMs.p50(),
                      QStringLiteral("ms"));
        report.figure(QStringLiteral("plain_sql_outcomes_%1").arg(c.name), sqlSeriesMs.p50(),
                      QStringLiteral("ms"));
        report.figure(QStringLiteral("plain_sql_breakdown_%1").arg(c.name), sqlBreakdownMs.p50(),
                      QStringLiteral("ms"));
        note(QStringLiteral("outcomes_chart_%1").arg(c.name), chartSeries);
        note(QStringLiteral("breakdown_charts_%1").arg(c.name), chartBars);
    }

    // Drill-down: the devices behind the biggest failure bar of a rollout.
    {
        TelemetryQuery query;
        query.scope = TelemetryScope::rollout(1);
        const TelemetryOverview overview = store.overview(query).value();
        const ReasonCount top = overview.breakdown.reasons.value(0);
        UpdateEventFilter filter;
        filter.scope = query.scope;
        filter.outcomes = {top.outcome};
        filter.reason = top.reason;
        filter.modelId = failingModel;
        Samples drill;
        std::size_t found = 0;
        for (int run = 0; run < 5; ++run) {
            Stopwatch watch;
            found = store.devices(filter).value().size();
            drill.add(watch.elapsedMs());
        }
        report.figure(QStringLiteral("drill_down_devices_ms"), drill.p50(), QStringLiteral("ms"));
        report.count(QStringLiteral("drill_down_devices"), qint64(found), QStringLiteral("devices"));
    }

    report.target(QStringLiteral("target_us_per_event_le_5"), 1e6 / eventsPerSecond, 5,
                  QStringLiteral("us"));
    report.target(QStringLiteral("target_chart_ms_le_200"), worst, 200, QStringLiteral("ms"), worstName);
    report.printTargets();
    if (!options.has(QStringLiteral("--keep"))) {
        database = Database();
        for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
            QFile::remove(scratch + suffix);
    } else {
        report.comment(QStringLiteral("kept %1").arg(scratch));
    }
    return report.allTargetsPassed() ? 0 : 1;
}
