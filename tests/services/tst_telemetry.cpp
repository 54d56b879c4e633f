// SPDX-License-Identifier: Apache-2.0
// The event store behind the Telemetry page: buckets equal direct counts over the raw events for
// random ranges and scopes, drill-down finds exactly the devices behind a bar, the history chain
// gives every event of a device, exports pseudonymise, and a real rollout with one failing model
// shows that model and its reason on top.

#include "rolloutkit.h"

#include "domain/telemetry.h"
#include "storage/database.h"
#include "storage/migrations.h"
#include "telemetry/eventwriter.h"
#include "telemetry/localtelemetrybackend.h"
#include "telemetry/telemetrystore.h"
#include "tracker/localtrackerbackend.h"

#include <QFile>
#include <QRandomGenerator>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <map>

using namespace Patchboard;
using namespace Patchboard::RolloutKit;

namespace {

struct FleetDevice
{
    qint64 id = 0;
    int model = 0;
    int region = 0;
};

qint64 scalar(Database &database, const QString &sql)
{
    QSqlQuery q(database.connection());
    if (!q.exec(sql) || !q.next())
        return -1;
    return q.value(0).toLongLong();
}

} // namespace

class TestTelemetry : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void piecesCoverTheRange_data();
    void piecesCoverTheRange();
    void bucketSizes();
    void bucketsEqualRawCounts();
    void drillDownFindsExactlyTheDevices();
    void historyChainHoldsEveryEvent();
    void exportReplacesDeviceIds();
    void emptyScope();
    void rangeIsTheFirstAndLastEvent();
    void rolloutWithAFailingModel();
    void migrationFillsBuckets();

private:
    QTemporaryDir m_dir;
    Fleet m_fleet;
    std::vector<FleetDevice> m_devices;
    std::vector<EventRecord> m_events; // what was written, the truth the store must match
    qint64 m_start = 0;
};

void TestTelemetry::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QCOMPARE(createFleet(m_dir.filePath(QStringLiteral("events.db")), 3000, &m_fleet), QString());
    Result<Database> opened = Database::open(m_fleet.path);
    QVERIFY2(opened.ok(), qPrintable(opened.ok() ? QString() : opened.error().text()));
    Database &database = opened.value();
    QSqlQuery q(database.connection());
    QVERIFY(q.exec(QStringLiteral("SELECT id, model_id, region_id FROM devices ORDER BY id")));
    while (q.next())
        m_devices.push_back({q.value(0).toLongLong(), q.value(1).toInt(), q.value(2).toInt()});
    q.finish();
    QVERIFY(m_devices.size() == 3000);
    // Two rollouts of the approved release stand in for real ones (the buckets do not care
    // whether a rollout exists; the release scope does).
    for (int id : {901, 902}) {
        QVERIFY(q.exec(QStringLiteral(
            "INSERT INTO rollouts (id, release_id, name, state, plan, targeting, targets, seed, "
            "created, created_by) VALUES (%1, %2, 'R%1', 'running', '{}', '{}', 0, 1, %1, 't')")
                           .arg(id)
                           .arg(m_fleet.approvedRelease)));
    }

    // Random events over three days, written in batches of random size like the simulator's.
    QRandomGenerator random(42);
    m_start = start().toSecsSinceEpoch();
    // Now and then a batch is rolled back, or a second writer (as another process would) adds
    // one: the history chains must hold across both (the writer remembers heads between batches
    // only while they are still the newest).
    EventWriter writer;
    EventWriter other;
    int written = 0;
    for (int round = 0; written < 40000; ++round) {
        const bool rollBack = round % 5 == 3;
        EventWriter &by = round % 7 == 4 ? other : writer;
        QVERIFY(database.connection().transaction());
        QVERIFY(by.start(database).ok());
        std::vector<EventRecord> pending;
        const int batch = 1 + int(random.bounded(3000));
        for (int i = 0; i < batch; ++i) {
            const FleetDevice &device = m_devices[random.bounded(quint32(m_devices.size()))];
            EventRecord e;
            e.device = device.id;
            e.model = device.model;
            e.region = device.region;
            const quint32 which = random.bounded(10);
            e.rollout = which < 1 ? 0 : (which < 6 ? 901 : 902);
            e.wave = e.rollout ? 1 + int(random.bounded(3)) : 0;
            e.outcome = UpdateOutcome(random.bounded(UpdateOutcomeCount));
            e.phase = UpdatePhase(random.bounded(UpdatePhaseCount));
            if (e.outcome == UpdateOutcome::Failed || e.outcome == UpdateOutcome::RolledBack)
                e.reason = FailureReason(1 + random.bounded(FailureReasonCount - 1));
            else if (e.outcome == UpdateOutcome::Postponed)
                e.reason = FailureReason::LowBattery;
            e.fromVersion = "1.0";
            e.toVersion = "2.0";
            e.time = m_start + qint64(random.bounded(3 * 86400));
            QVERIFY(by.append(e).ok());
            pending.push_back(e);
        }
        QVERIFY(by.finish().ok());
        if (rollBack) {
            QVERIFY(database.connection().rollback());
            continue;
        }
        QVERIFY(database.connection().commit());
        m_events.insert(m_events.end(), pending.begin(), pending.end());
        written += batch;
    }
    QCOMPARE(scalar(database, QStringLiteral("SELECT count(*) FROM update_events")),
             qint64(m_events.size()));
}

void TestTelemetry::piecesCoverTheRange_data()
{
    QTest::addColumn<qint64>("from");
    QTest::addColumn<qint64>("to");
    QTest::addColumn<int>("pieces");
    const qint64 day = 86400 * 20000; // a midnight, UTC
    QTest::newRow("minutes inside an hour") << day + 60 << day + 600 << 1;
    QTest::newRow("one whole hour") << day + 3600 << day + 7200 << 1;
    QTest::newRow("minutes, hours, minutes") << day + 1800 << day + 3 * 3600 + 120 << 3;
    QTest::newRow("across days") << day - 3600 - 60 << day + 2 * 86400 + 3600 + 60 << 5;
    QTest::newRow("whole days") << day << day + 3 * 86400 << 1;
}

void TestTelemetry::piecesCoverTheRange()
{
    QFETCH(qint64, from);
    QFETCH(qint64, to);
    QFETCH(int, pieces);
    const QList<TelemetryStore::Piece> cut = TelemetryStore::piecesOf(from, to);
    QCOMPARE(cut.size(), pieces);
    qint64 at = from;
    for (const TelemetryStore::Piece &piece : cut) {
        QCOMPARE(piece.from, at); // contiguous, in order
        QVERIFY(piece.to > piece.from);
        QCOMPARE(piece.from % piece.resolution, 0);
        QCOMPARE(piece.to % piece.resolution, 0);
        at = piece.to;
    }
    QCOMPARE(at, to);
    // Capped at hours: no day pieces.
    for (const TelemetryStore::Piece &piece : TelemetryStore::piecesOf(from, to, 3600))
        QVERIFY(piece.resolution <= 3600);
}

void TestTelemetry::bucketSizes()
{
    QCOMPARE(telemetryBucketSeconds(3600, 240), 60);
    QCOMPARE(telemetryBucketSeconds(240 * 60, 240), 60);
    QCOMPARE(telemetryBucketSeconds(240 * 60 + 1, 240), 300);
    QCOMPARE(telemetryBucketSeconds(7 * 86400, 240), 3600);
    QCOMPARE(telemetryBucketSeconds(30 * 86400, 240), 3 * 3600);
    QCOMPARE(telemetryBucketSeconds(365 * 86400, 240), 7 * 86400);
}

void TestTelemetry::bucketsEqualRawCounts()
{
    Result<Database> opened = Database::open(m_fleet.path);
    QVERIFY(opened.ok());
    TelemetryStore store(opened.value());
    QRandomGenerator random(7);
    const TelemetryScope scopes[] = {TelemetryScope::fleet(), TelemetryScope::rollout(901),
                                     TelemetryScope::rollout(902),
                                     TelemetryScope::release(m_fleet.approvedRelease)};
    for (int round = 0; round < 60; ++round) {
        TelemetryQuery query;
        query.scope = scopes[random.bounded(4)];
        // Random minute-aligned ranges, some open-ended, some beyond the events.
        const qint64 a = m_start - 3600 + qint64(random.bounded(4 * 86400 / 60)) * 60;
        const qint64 b = a + 60 + qint64(random.bounded(2 * 86400 / 60)) * 60;
        if (round % 10 != 0)
            query.from = QDateTime::fromSecsSinceEpoch(a, Qt::UTC);
        if (round % 10 != 5)
            query.to = QDateTime::fromSecsSinceEpoch(b, Qt::UTC);
        query.maxBuckets = 20 + int(random.bounded(300));
        const Result<TelemetryOverview> overview = store.overview(query);
        QVERIFY2(overview.ok(), qPrintable(overview.ok() ? QString() : overview.error().text()));
        const TelemetryOverview &o = overview.value();
        const qint64 from = o.query.from.toSecsSinceEpoch();
        const qint64 to = o.query.to.toSecsSinceEpoch();

        // The truth, counted over what was written.
        OutcomeCounts total;
        std::map<int, OutcomeCounts> byModel, byRegion, byWave;
        std::map<std::pair<int, int>, qint64> byReason;
        std::map<qint64, OutcomeCounts> byBucket;
        for (const EventRecord &e : m_events) {
            const auto kind = telemetryOutcome(e.outcome);
            if (!kind || e.time < from || e.time >= to)
                continue;
            const bool inScope = query.scope.kind == TelemetryScope::Kind::Fleet
                || (query.scope.kind == TelemetryScope::Kind::Rollout && e.rollout == query.scope.id)
                || (query.scope.kind == TelemetryScope::Kind::Release && e.rollout != 0);
            if (!inScope)
                continue;
            total[*kind] += 1;
            byModel[e.model][*kind] += 1;
            byRegion[e.region][*kind] += 1;
            byWave[e.wave][*kind] += 1;
            if (e.reason != FailureReason::None)
                byReason[{int(e.reason), int(*kind)}] += 1;
            const qint64 size = o.series.bucketSeconds;
            byBucket[(e.time / size) * size][*kind] += 1;
        }
        QCOMPARE(o.breakdown.total.counts, total.counts);
        QCOMPARE(o.breakdown.models.size(), int(byModel.size()));
        for (const TelemetryGroup &g : o.breakdown.models)
            QCOMPARE(g.counts.counts, byModel[g.id].counts);
        for (const TelemetryGroup &g : o.breakdown.regions)
            QCOMPARE(g.counts.counts, byRegion[g.id].counts);
        QCOMPARE(o.breakdown.waves.size(), int(byWave.size()));
        for (const TelemetryGroup &g : o.breakdown.waves)
            QCOMPARE(g.counts.counts, byWave[g.id].counts);
        QCOMPARE(o.breakdown.reasons.size(), int(byReason.size()));
        for (const ReasonCount &r : o.breakdown.reasons)
            QCOMPARE(r.count, (byReason[{int(r.reason), int(r.outcome)}]));
        // Models most failing first.
        for (int i = 1; i < o.breakdown.models.size(); ++i)
            QVERIFY(o.breakdown.models[i - 1].counts.failures()
                    >= o.breakdown.models[i].counts.failures());

        QVERIFY(o.series.buckets.size() <= query.maxBuckets + 1);
        OutcomeCounts seriesTotal;
        for (const OutcomeBucket &bucket : o.series.buckets) {
            QCOMPARE(bucket.counts.counts, byBucket[bucket.start.toSecsSinceEpoch()].counts);
            seriesTotal += bucket.counts;
        }
        QCOMPARE(seriesTotal.counts, total.counts);
    }
}

void TestTelemetry::drillDownFindsExactlyTheDevices()
{
    Result<Database> opened = Database::open(m_fleet.path);
    QVERIFY(opened.ok());
    TelemetryStore store(opened.value());
    std::map<qint64, FleetDevice> devices;
    for (const FleetDevice &d : m_devices)
        devices[d.id] = d;
    QRandomGenerator random(9);
    for (int round = 0; round < 40; ++round) {
        const EventRecord &pick = m_events[random.bounded(quint32(m_events.size()))];
        UpdateEventFilter filter;
        filter.scope = round % 3 == 0 ? TelemetryScope::fleet() : TelemetryScope::rollout(pick.rollout);
        filter.from = QDateTime::fromSecsSinceEpoch(pick.time - 7200, Qt::UTC);
        filter.to = QDateTime::fromSecsSinceEpoch(pick.time + 7200, Qt::UTC);
        if (round % 2)
            filter.modelId = pick.model;
        if (round % 4 == 1)
            filter.regionId = pick.region;
        // No outcome (any), the failure rate's pair, or the picked event's own.
        if (round % 5 == 4)
            filter.outcomes = UpdateEventFilter::failureOutcomes();
        else if (round % 5 != 0)
            filter.outcomes = {*telemetryOutcome(pick.outcome)};
        if (round % 3 == 1 && pick.reason != FailureReason::None)
            filter.reason = pick.reason;
        if (round % 7 == 2)
            filter.wave = pick.wave;

        QSet<qint64> expected;
        for (const EventRecord &e : m_events) {
            const auto kind = telemetryOutcome(e.outcome);
            if (!kind || (!filter.outcomes.isEmpty() && !filter.outcomes.contains(*kind)))
                continue;
            if (filter.scope.kind == TelemetryScope::Kind::Rollout && e.rollout != filter.scope.id)
                continue;
            if (e.time < filter.from.toSecsSinceEpoch() || e.time >= filter.to.toSecsSinceEpoch())
                continue;
            if ((filter.modelId && e.model != filter.modelId)
                || (filter.regionId && e.region != filter.regionId)
                || (filter.wave && e.wave != filter.wave)
                || (filter.reason && e.reason != *filter.reason))
                continue;
            expected.insert(e.device);
        }
        const Result<std::vector<qint64>> found = store.devices(filter);
        QVERIFY(found.ok());
        const QSet<qint64> got(found.value().begin(), found.value().end());
        QCOMPARE(got, expected);
        QCOMPARE(int(found.value().size()), got.size()); // distinct
    }
}

void TestTelemetry::historyChainHoldsEveryEvent()
{
    LocalTrackerBackend tracker;
    LocalTrackerBackend::Options options;
    options.databasePath = m_fleet.path;
    options.demoDevices = 0;
    QVERIFY(wait(tracker.open(options)).ok());
    std::map<qint64, int> perDevice;
    for (const EventRecord &e : m_events)
        ++perDevice[e.device];
    int checked = 0;
    for (const auto &[device, count] : perDevice) {
        if (checked++ % 10) // every tenth device: 300 chains
            continue;
        const Result<DeviceDetail> detail = wait(tracker.deviceDetail(device, referenceDate()));
        QVERIFY(detail.ok());
        QCOMPARE(detail.value().history.size(), count);
        for (int i = 1; i < detail.value().history.size(); ++i)
            QVERIFY(detail.value().history[i - 1].time >= detail.value().history[i].time);
        for (const UpdateEvent &event : detail.value().history)
            QCOMPARE(event.deviceId, device);
    }

    // The device table's drill-down: exactly the devices with a failure in rollout 901.
    UpdateEventFilter failed;
    failed.scope = TelemetryScope::rollout(901);
    failed.outcomes = {TelemetryOutcome::Failed};
    QSet<qint64> expected;
    for (const EventRecord &e : m_events) {
        if (e.rollout == 901 && e.outcome == UpdateOutcome::Failed)
            expected.insert(e.device);
    }
    DeviceQuery query;
    query.filter.events = failed;
    const Result<DevicePage> page = wait(tracker.queryDevices(query, 0, 5000));
    QVERIFY(page.ok());
    QCOMPARE(page.value().matching, expected.size());
    QSet<qint64> got;
    for (const Patchboard::Device &d : page.value().rows)
        got.insert(d.id);
    QCOMPARE(got, expected);
}

void TestTelemetry::exportReplacesDeviceIds()
{
    LocalTelemetryBackend backend;
    QVERIFY(wait(backend.open(m_fleet.path)).ok());
    UpdateEventFilter filter;
    filter.scope = TelemetryScope::rollout(902);
    filter.outcomes = {TelemetryOutcome::RolledBack};
    int expected = 0;
    for (const EventRecord &e : m_events)
        expected += e.rollout == 902 && e.outcome == UpdateOutcome::RolledBack;

    const QString plain = m_dir.filePath(QStringLiteral("plain.csv"));
    const QString hidden = m_dir.filePath(QStringLiteral("hidden.csv"));
    const QString again = m_dir.filePath(QStringLiteral("again.csv"));
    QCOMPARE(wait(backend.exportEvents(filter, plain, {})).value(), expected);
    QCOMPARE(wait(backend.exportEvents(filter, hidden, {true, "salt-1"})).value(), expected);
    QCOMPARE(wait(backend.exportEvents(filter, again, {true, "salt-2"})).value(), expected);

    auto column = [](const QString &path, int index) {
        QFile file(path);
        file.open(QIODevice::ReadOnly);
        QStringList values;
        const QList<QByteArray> lines = file.readAll().split('\n');
        for (const QByteArray &line : lines.mid(1)) {
            if (!line.trimmed().isEmpty())
                values << QString::fromUtf8(line.split(',').value(index));
        }
        return values;
    };
    const QStringList ids = column(plain, 1);
    const QStringList pseudonyms = column(hidden, 1);
    QCOMPARE(ids.size(), expected);
    QCOMPARE(pseudonyms.size(), expected);
    QFile hiddenFile(hidden);
    QVERIFY(hiddenFile.open(QIODevice::ReadOnly));
    const QByteArray hiddenText = hiddenFile.readAll();
    QVERIFY(hiddenText.startsWith("time,device_pseudonym,"));
    for (int i = 0; i < ids.size(); ++i) {
        QVERIFY(!hiddenText.contains(ids[i].toUtf8())); // no device ID anywhere
        QCOMPARE(pseudonyms[i], TelemetryStore::pseudonym("salt-1", ids[i]));
    }
    QVERIFY(column(again, 1) != pseudonyms); // another salt, other pseudonyms
    // Same device, same pseudonym (so that rows of one device can still be grouped).
    for (int i = 0; i < ids.size(); ++i) {
        for (int j = i + 1; j < ids.size(); ++j)
            QCOMPARE(ids[i] == ids[j], pseudonyms[i] == pseudonyms[j]);
    }
}

void TestTelemetry::emptyScope()
{
    Result<Database> opened = Database::open(m_fleet.path);
    QVERIFY(opened.ok());
    TelemetryStore store(opened.value());
    TelemetryQuery query;
    query.scope = TelemetryScope::rollout(12345);
    const Result<TelemetryOverview> overview = store.overview(query);
    QVERIFY(overview.ok());
    QVERIFY(!overview.value().firstEvent.isValid());
    QCOMPARE(overview.value().breakdown.total.total(), 0);
    QVERIFY(overview.value().breakdown.models.isEmpty());
    for (const OutcomeBucket &bucket : overview.value().series.buckets)
        QCOMPARE(bucket.counts.total(), 0);
    // A range before every event: the scope has events, the range none.
    query.scope = TelemetryScope::fleet();
    query.from = QDateTime::fromSecsSinceEpoch(m_start - 10 * 86400, Qt::UTC);
    query.to = QDateTime::fromSecsSinceEpoch(m_start - 9 * 86400, Qt::UTC);
    const Result<TelemetryOverview> before = store.overview(query);
    QVERIFY(before.ok());
    QVERIFY(before.value().firstEvent.isValid());
    QCOMPARE(before.value().breakdown.total.total(), 0);
}

void TestTelemetry::rangeIsTheFirstAndLastEvent()
{
    // The open range comes from the spans the writer keeps; they must equal the raw events',
    // across the rolled-back batches and the second writer of initTestCase().
    Result<Database> opened = Database::open(m_fleet.path);
    QVERIFY(opened.ok());
    Database &database = opened.value();
    TelemetryStore store(database);
    struct Case
    {
        TelemetryScope scope;
        QString where;
    };
    const QList<Case> cases{
        {TelemetryScope::fleet(), QString()},
        {TelemetryScope::rollout(901), QStringLiteral(" WHERE rollout_id = 901")},
        {TelemetryScope::rollout(902), QStringLiteral(" WHERE rollout_id = 902")},
        {TelemetryScope::release(m_fleet.approvedRelease),
         QStringLiteral(" WHERE rollout_id IN (901, 902)")},
    };
    for (const Case &c : cases) {
        QDateTime first, last;
        TelemetryQuery query;
        query.scope = c.scope;
        QVERIFY(store.range(query, &first, &last).ok());
        const qint64 rawFirst = scalar(database, QStringLiteral("SELECT min(time) FROM update_events") + c.where);
        const qint64 rawLast = scalar(database, QStringLiteral("SELECT max(time) FROM update_events") + c.where);
        QVERIFY2(rawFirst > 0, qPrintable(c.where));
        QCOMPARE(first.toSecsSinceEpoch(), rawFirst);
        QCOMPARE(last.toSecsSinceEpoch(), rawLast);
    }
}

void TestTelemetry::rolloutWithAFailingModel()
{
    QTemporaryDir dir;
    Fleet fleet;
    QCOMPARE(createFleet(dir.filePath(QStringLiteral("rollout.db")), 4000, &fleet), QString());
    auto backend = openBackend(fleet.path);
    SimulationSettings faulty = wait(backend->simulation()).value();
    faulty.failureRates = {{fleet.approvedModel, 0.6}};
    QVERIFY(wait(backend->setSimulation(manager(), faulty)).ok());
    const Result<RolloutDetail> created = wait(backend->create(manager(), plan(fleet), true));
    QVERIFY2(created.ok(), qPrintable(created.ok() ? QString() : created.error().text()));
    const qint64 id = created.value().summary.id;
    QVERIFY(wait(backend->runUntil(start().addDays(3))).ok());
    const RolloutDetail detail = wait(backend->rolloutDetail(manager(), id)).value();
    QCOMPARE(detail.summary.state, RolloutState::Halted); // the threshold tripped

    LocalTelemetryBackend telemetry;
    QVERIFY(wait(telemetry.open(fleet.path)).ok());
    TelemetryQuery query;
    query.scope = TelemetryScope::rollout(id);
    const Result<TelemetryOverview> overview = wait(telemetry.overview(query));
    QVERIFY(overview.ok());
    const TelemetryOverview &o = overview.value();
    // The buckets agree with the engine's own counts.
    QCOMPARE(o.breakdown.total.succeeded(), qint64(detail.summary.succeeded()));
    QCOMPARE(o.breakdown.total.failures(), qint64(detail.summary.failed()));
    // The failing model is on top, the threshold is the halted wave's.
    QVERIFY(!o.breakdown.models.isEmpty());
    QCOMPARE(o.breakdown.models.first().id, fleet.approvedModel);
    QVERIFY(o.breakdown.models.first().counts.failureRate() > 30);
    const int halted = detail.summary.currentWave;
    QCOMPARE(o.thresholdWave, halted);
    QCOMPARE(o.errorThreshold, detail.summary.waves[halted - 1].plan.errorThreshold);
    QVERIFY(!o.breakdown.reasons.isEmpty());
    // Scopes list the rollout as active.
    const QList<TelemetryScopeChoice> scopes = wait(telemetry.scopes()).value();
    QVERIFY(std::any_of(scopes.begin(), scopes.end(), [id](const TelemetryScopeChoice &c) {
        return c.scope == TelemetryScope::rollout(id) && c.active;
    }));
    // The top reason's bar leads to exactly as many devices (one failure per device).
    const ReasonCount top = o.breakdown.reasons.first();
    UpdateEventFilter filter;
    filter.scope = query.scope;
    filter.from = o.query.from;
    filter.to = o.query.to;
    filter.outcomes = {top.outcome};
    filter.reason = top.reason;
    Result<Database> database = Database::open(fleet.path);
    QVERIFY(database.ok());
    TelemetryStore store(database.value());
    QCOMPARE(qint64(store.devices(filter).value().size()), top.count);
}

void TestTelemetry::migrationFillsBuckets()
{
    // A version-5 database with events, as an earlier Patchboard left it.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("v5.db"));
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("v5"));
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery q(db);
        for (int version = 1; version <= 5; ++version) {
            for (const QString &statement : Migrations::statementsFor(version))
                QVERIFY2(q.exec(statement), qPrintable(q.lastError().text() + statement));
        }
        const char *rows[] = {
            "INSERT INTO manufacturers (id, name) VALUES (1, 'M')",
            "INSERT INTO device_models (id, manufacturer_id, name, launch_date, support_months) "
            "VALUES (3, 1, 'Model', 19000, 60)",
            "INSERT INTO regions (id, code, name, time_zone) VALUES (4, 'RG', 'Region', 'UTC')",
            "INSERT INTO firmware_versions (id, model_id, version, sequence, patch_level, released) "
            "VALUES (1, 3, '1', 1, 19000, 19000)",
            "INSERT INTO devices (id, device_id, model_id, region_id, firmware_id, patch_level, "
            "patch_applied, last_checkin) VALUES (7, 'D7', 3, 4, 1, 19000, 19000, 0)",
            "INSERT INTO update_events (device_id, rollout_id, wave, phase, outcome, reason, time) "
            "VALUES (7, 0, 0, 'download', 'ok', '', 1000000000)",
            "INSERT INTO update_events (device_id, rollout_id, wave, phase, outcome, reason, time) "
            "VALUES (7, 0, 0, 'install', 'failed', 'install-failed', 1000000100)",
            "INSERT INTO update_events (device_id, rollout_id, wave, phase, outcome, reason, time) "
            "VALUES (7, 0, 0, 'reboot', 'succeeded', '', 1000090000)",
            "PRAGMA user_version = 5",
            "PRAGMA application_id = APPLICATION_ID",
        };
        for (const char *sql : rows) {
            const QString statement = QString::fromLatin1(sql).replace(
                QLatin1String("APPLICATION_ID"), QString::number(Database::ApplicationId));
            QVERIFY2(q.exec(statement), qPrintable(q.lastError().text() + statement));
        }
        q.finish();
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("v5"));

    Result<Database> opened = Database::open(path);
    QVERIFY2(opened.ok(), qPrintable(opened.ok() ? QString() : opened.error().text()));
    Database &database = opened.value();
    QCOMPARE(scalar(database, QStringLiteral("PRAGMA user_version")), qint64(Database::SchemaVersion));
    QCOMPARE(scalar(database, QStringLiteral("SELECT last_event FROM device_event_heads WHERE device_id = 7")),
             scalar(database, QStringLiteral("SELECT max(id) FROM update_events")));
    QCOMPARE(scalar(database, QStringLiteral("SELECT count(*) FROM event_series WHERE resolution = 60")), 2);
    QCOMPARE(scalar(database, QStringLiteral("SELECT count(*) FROM event_buckets WHERE resolution = 86400")), 2);
    TelemetryStore store(database);
    TelemetryQuery query;
    const Result<TelemetryOverview> overview = store.overview(query);
    QVERIFY(overview.ok());
    QCOMPARE(overview.value().breakdown.total.succeeded(), 1);
    QCOMPARE(overview.value().breakdown.total.failures(), 1);
    QCOMPARE(overview.value().breakdown.reasons.first().reason, FailureReason::InstallFailed);
    QCOMPARE(overview.value().breakdown.models.first().name, QStringLiteral("Model"));
}

QTEST_GUILESS_MAIN(TestTelemetry)
#include "tst_telemetry.moc"
