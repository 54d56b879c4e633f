// SPDX-License-Identifier: Apache-2.0
// Telemetry over the operator API (issue #6): the codecs give back exactly what they were given;
// on two copies of one database with the same update events, the embedded backend and
// patchboard-server give the same scopes, the same overviews (buckets, reasons, models, regions,
// waves), the same CSV byte for byte (with and without pseudonyms) and the same devices behind a
// bar (the drill-down is a device query with an event filter); malformed queries are 400 with
// the field's path; new events reach a console as eventsChanged.

#include "testserver.h"

#include "api/rolloutapijson.h"
#include "api/telemetryjson.h"
#include "domain/devicequery.h"
#include "firmware/demoreleases.h"
#include "rollout/remoterolloutbackend.h"
#include "rollout/rolloutjson.h"
#include "simulation/demofleetgenerator.h"
#include "storage/database.h"
#include "telemetry/eventwriter.h"
#include "telemetry/localtelemetrybackend.h"
#include "telemetry/remotetelemetrybackend.h"
#include "tracker/localtrackerbackend.h"
#include "tracker/remotetrackerbackend.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

Q_DECLARE_METATYPE(Patchboard::TelemetryQuery)

using namespace Patchboard;

// Tests against the server: it starts with the first of them.
#define REQUIRE_SERVER() \
    do { \
        if (!ensureServer()) \
            QFAIL(qPrintable(QStringLiteral("The test server did not start: ") + m_serverProblem)); \
    } while (false)

namespace {

template<typename T>
Result<T> wait(QFuture<Result<T>> future)
{
    spin(future, 60000);
    if (!future.isFinished() || future.resultCount() == 0)
        return ServiceError::make(ServiceError::Code::Internal, QStringLiteral("timed out"));
    return future.result();
}

QString errorText(const ServiceError &error)
{
    return error.text();
}

QByteArray fileBytes(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// The events' clock: a fixed noon, UTC, and three days from there.
const QDateTime kStart(QDate(2026, 11, 2), QTime(12, 0), Qt::UTC);

OutcomeCounts counts(qint64 a, qint64 b, qint64 c, qint64 d)
{
    OutcomeCounts o;
    o.counts = {a, b, c, d};
    return o;
}

} // namespace

class TestTelemetryApi : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    // Codecs, without a server.
    void scopeChoicesRoundTrip();
    void queryRoundTrip();
    void overviewRoundTrip();
    void eventFilterRoundTrip_data();
    void eventFilterRoundTrip();
    void pseudonymsRoundTrip();
    void errorsNameTheField();

    // Contract: the embedded backend and the server answer alike.
    void sameScopes();
    void sameOverview_data();
    void sameOverview();
    void sameExport_data();
    void sameExport();
    void sameDrillDown();

    // The HTTP side.
    void rawCsvForOtherClients();
    void malformedQueryIs400WithPath();
    void noTokenIs401();
    void newEventsReachTheConsole();

private:
    bool ensureServer();
    QTemporaryDir m_dir;
    qint64 m_release = 0;
    TestServer m_server;
    QString m_serverProblem; // why it did not start
    LocalTelemetryBackend m_local;
    LocalTrackerBackend m_localTracker;
    std::unique_ptr<RemoteTelemetryBackend> m_remote;
    std::unique_ptr<RemoteTrackerBackend> m_remoteTracker;
};

void TestTelemetryApi::initTestCase()
{
    QVERIFY(m_dir.isValid());
    const QString seed = m_dir.filePath(QStringLiteral("seed.db"));
    {
        Result<Database> opened = Database::open(seed);
        QVERIFY2(opened.ok(), qPrintable(opened.ok() ? QString() : errorText(opened.error())));
        Database &database = opened.value();
        DemoFleetOptions options;
        options.devices = 1500;
        options.seed = 11;
        options.referenceDate = kStart.date();
        const Status generated = DemoFleetGenerator(options).generate(database);
        QVERIFY(generated.ok());
        const Result<DemoReleases::Report> releases = DemoReleases::create(
            database, m_dir.filePath(QStringLiteral("releases")), kStart.addDays(-3));
        QVERIFY2(releases.ok(), qPrintable(releases.ok() ? QString() : errorText(releases.error())));
        m_release = releases.value().approvedReleaseId;

        struct FleetDevice
        {
            qint64 id;
            int model;
            int region;
        };
        std::vector<FleetDevice> devices;
        QSqlQuery q(database.connection());
        QVERIFY(q.exec(QStringLiteral("SELECT id, model_id, region_id FROM devices ORDER BY id")));
        while (q.next())
            devices.push_back({q.value(0).toLongLong(), q.value(1).toInt(), q.value(2).toInt()});
        q.finish();
        // Two finished rollouts of the approved release stand in for real ones (as in
        // tst_telemetry); finished, so that the server's engine leaves them alone.
        RolloutPlan plan;
        plan.releaseId = m_release;
        plan.waves = RolloutPlan::defaultWaves();
        for (int id : {901, 902}) {
            plan.name = QStringLiteral("R%1").arg(id);
            q.prepare(QStringLiteral(
                "INSERT INTO rollouts (id, release_id, name, state, plan, targeting, targets, seed, "
                "created, created_by) VALUES (?, ?, ?, 'completed', ?, '{}', 0, 1, ?, 't')"));
            q.addBindValue(id);
            q.addBindValue(m_release);
            q.addBindValue(plan.name);
            q.addBindValue(QString::fromUtf8(
                QJsonDocument(RolloutJson::toJson(plan)).toJson(QJsonDocument::Compact)));
            q.addBindValue(kStart.toSecsSinceEpoch() - 3600 + id);
            QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
        }

        // Random events over three days, the way the simulator and the device API write them.
        QRandomGenerator random(42);
        EventWriter writer;
        QVERIFY(database.connection().transaction());
        QVERIFY(writer.start(database).ok());
        for (int i = 0; i < 12000; ++i) {
            const FleetDevice &device = devices[random.bounded(quint32(devices.size()))];
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
            e.time = kStart.toSecsSinceEpoch() + qint64(random.bounded(3 * 86400));
            QVERIFY(writer.append(e).ok());
        }
        QVERIFY(writer.finish().ok());
        QVERIFY(database.connection().commit());
        QVERIFY(q.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")));
    }
    const QString local = m_dir.filePath(QStringLiteral("local.db"));
    const QString remote = m_dir.filePath(QStringLiteral("server.db"));
    QVERIFY(QFile::copy(seed, local));
    QVERIFY(QFile::copy(seed, remote));

    LocalTrackerBackend::Options trackerOptions;
    trackerOptions.databasePath = local;
    trackerOptions.demoDevices = 0;
    const auto trackerOpened = wait(m_localTracker.open(trackerOptions));
    QVERIFY2(trackerOpened.ok(), qPrintable(trackerOpened.ok() ? QString() : errorText(trackerOpened.error())));
    const Result<Done> opened = wait(m_local.open(local));
    QVERIFY2(opened.ok(), qPrintable(opened.ok() ? QString() : errorText(opened.error())));

}

// The server starts with the first test that needs it: the codec tests run without one.
bool TestTelemetryApi::ensureServer()
{
    if (m_remote)
        return true;
    if (!m_serverProblem.isEmpty())
        return false;
    m_serverProblem = QStringLiteral("the server did not start");
    TestServer::Options serverOptions;
    serverOptions.databasePath = m_dir.filePath(QStringLiteral("server.db"));
    serverOptions.demoDevices = 0;
    if (!m_server.start(serverOptions)) {
        m_serverProblem = m_server.errorText();
        return false;
    }
    ApiClient *viewer = m_server.client(QStringLiteral("viewer"));
    if (!viewer) {
        m_serverProblem = m_server.errorText();
        return false;
    }
    m_remote = std::make_unique<RemoteTelemetryBackend>(viewer);
    m_remoteTracker = std::make_unique<RemoteTrackerBackend>(viewer);
    m_serverProblem.clear();
    return true;
}

void TestTelemetryApi::scopeChoicesRoundTrip()
{
    const QList<TelemetryScopeChoice> choices{
        {TelemetryScope::rollout(7), QStringLiteral("Nov"), QStringLiteral("Running"), true},
        {TelemetryScope::release(3), QStringLiteral("2026.11.1"), QString(), false},
        {TelemetryScope::fleet(), QStringLiteral("All"), QString(), false},
    };
    const Result<QList<TelemetryScopeChoice>> read =
        Json::readTelemetryScopeChoices(Json::toJson(choices));
    QVERIFY(read.ok());
    QCOMPARE(read.value().size(), choices.size());
    for (qsizetype i = 0; i < choices.size(); ++i) {
        QVERIFY(read.value()[i].scope == choices[i].scope);
        QCOMPARE(read.value()[i].name, choices[i].name);
        QCOMPARE(read.value()[i].state, choices[i].state);
        QCOMPARE(read.value()[i].active, choices[i].active);
    }
}

void TestTelemetryApi::queryRoundTrip()
{
    TelemetryQuery query;
    query.scope = TelemetryScope::release(12);
    query.from = kStart.addMSecs(123);
    query.maxBuckets = 17;
    const Result<TelemetryQuery> read = Json::readTelemetryQuery(Json::toJson(query));
    QVERIFY(read.ok());
    QVERIFY(read.value().scope == query.scope);
    QCOMPARE(read.value().from, query.from);
    QVERIFY(!read.value().to.isValid());
    QCOMPARE(read.value().maxBuckets, 17);
}

void TestTelemetryApi::overviewRoundTrip()
{
    TelemetryOverview o;
    o.query.scope = TelemetryScope::rollout(901);
    o.query.from = kStart;
    o.query.to = kStart.addDays(1);
    o.query.maxBuckets = 48;
    o.firstEvent = kStart.addSecs(61);
    o.lastEvent = kStart.addSecs(86000);
    o.series.bucketSeconds = 1800;
    o.series.buckets = {{kStart, counts(1, 2, 3, 4)}, {kStart.addSecs(1800), counts(0, 0, 0, 9)}};
    o.breakdown.total = counts(10, 20, 30, (qint64(1) << 40));
    o.breakdown.reasons = {{FailureReason::BootFailed, TelemetryOutcome::RolledBack, 30},
                           {FailureReason::None, TelemetryOutcome::Failed, 2},
                           {FailureReason::LowBattery, TelemetryOutcome::Postponed, 4}};
    o.breakdown.models = {{3, QStringLiteral("Acme A1"), counts(1, 1, 0, 0)}};
    o.breakdown.regions = {{2, QStringLiteral("North"), counts(0, 1, 1, 0)},
                           {5, QStringLiteral("S\u00fcd"), counts(4, 0, 0, 1)}};
    o.breakdown.waves = {{1, QString(), counts(5, 5, 5, 5)}};
    o.errorThreshold = 2.5;
    o.thresholdWave = 2;
    const QJsonObject json = Json::toJson(o);
    const Result<TelemetryOverview> read =
        Json::readTelemetryOverview(QJsonDocument::fromJson(QJsonDocument(json).toJson()).object());
    QVERIFY2(read.ok(), qPrintable(read.ok() ? QString() : errorText(read.error())));
    const TelemetryOverview &r = read.value();
    QVERIFY(r.query.scope == o.query.scope);
    QCOMPARE(r.query.from, o.query.from);
    QCOMPARE(r.query.to, o.query.to);
    QCOMPARE(r.query.maxBuckets, o.query.maxBuckets);
    QCOMPARE(r.firstEvent, o.firstEvent);
    QCOMPARE(r.lastEvent, o.lastEvent);
    QCOMPARE(r.series.bucketSeconds, o.series.bucketSeconds);
    QCOMPARE(r.series.buckets.size(), o.series.buckets.size());
    for (qsizetype i = 0; i < o.series.buckets.size(); ++i) {
        QCOMPARE(r.series.buckets[i].start, o.series.buckets[i].start);
        QCOMPARE(r.series.buckets[i].counts.counts, o.series.buckets[i].counts.counts);
    }
    QCOMPARE(r.breakdown.total.counts, o.breakdown.total.counts);
    QCOMPARE(r.breakdown.reasons.size(), o.breakdown.reasons.size());
    for (qsizetype i = 0; i < o.breakdown.reasons.size(); ++i) {
        QCOMPARE(r.breakdown.reasons[i].reason, o.breakdown.reasons[i].reason);
        QCOMPARE(r.breakdown.reasons[i].outcome, o.breakdown.reasons[i].outcome);
        QCOMPARE(r.breakdown.reasons[i].count, o.breakdown.reasons[i].count);
    }
    const QList<TelemetryGroup> TelemetryBreakdown::*lists[] = {
        &TelemetryBreakdown::models, &TelemetryBreakdown::regions, &TelemetryBreakdown::waves};
    for (auto list : lists) {
        QCOMPARE((r.breakdown.*list).size(), (o.breakdown.*list).size());
        for (qsizetype i = 0; i < (o.breakdown.*list).size(); ++i) {
            QCOMPARE((r.breakdown.*list)[i].id, (o.breakdown.*list)[i].id);
            QCOMPARE((r.breakdown.*list)[i].name, (o.breakdown.*list)[i].name);
            QCOMPARE((r.breakdown.*list)[i].counts.counts, (o.breakdown.*list)[i].counts.counts);
        }
    }
    QCOMPARE(r.errorThreshold, o.errorThreshold);
    QCOMPARE(r.thresholdWave, o.thresholdWave);
    // Outcome names in the API are the stored codes.
    QCOMPARE(json[QStringLiteral("breakdown")][QStringLiteral("reasons")][0][QStringLiteral("outcome")]
                 .toString(),
             QStringLiteral("rolled-back"));
}

void TestTelemetryApi::eventFilterRoundTrip_data()
{
    QTest::addColumn<UpdateEventFilter>("filter");
    UpdateEventFilter any;
    QTest::newRow("empty") << any;
    UpdateEventFilter full;
    full.scope = TelemetryScope::rollout(901);
    full.from = kStart;
    full.to = kStart.addSecs(3600);
    full.wave = 2;
    full.modelId = 3;
    full.regionId = 4;
    full.outcomes = UpdateEventFilter::failureOutcomes();
    full.reason = FailureReason::DigestMismatch;
    full.description = QStringLiteral("Failures of Acme A1 in wave 2");
    QTest::newRow("every field") << full;
    UpdateEventFilter none = full;
    none.reason = FailureReason::None; // events without a reason: not the same as any reason
    none.outcomes = {TelemetryOutcome::Postponed, TelemetryOutcome::Succeeded};
    QTest::newRow("reason none") << none;
}

void TestTelemetryApi::eventFilterRoundTrip()
{
    QFETCH(UpdateEventFilter, filter);
    const Result<UpdateEventFilter> read = Json::readUpdateEventFilter(Json::toJson(filter));
    QVERIFY2(read.ok(), qPrintable(read.ok() ? QString() : errorText(read.error())));
    QVERIFY(read.value() == filter);
    QCOMPARE(read.value().reason.has_value(), filter.reason.has_value());
    QCOMPARE(read.value().description, filter.description);
}

void TestTelemetryApi::pseudonymsRoundTrip()
{
    PseudonymOptions options{true, QByteArray("\x00\xff salt \x80", 9)};
    const Result<PseudonymOptions> read = Json::readPseudonymOptions(Json::toJson(options));
    QVERIFY(read.ok());
    QCOMPARE(read.value().enabled, true);
    QCOMPARE(read.value().salt, options.salt);
}

void TestTelemetryApi::errorsNameTheField()
{
    QJsonObject query = Json::toJson(TelemetryQuery());
    query.insert(QStringLiteral("scope"), QJsonObject{{QStringLiteral("kind"), QStringLiteral("galaxy")}});
    const Result<TelemetryQuery> badScope = Json::readTelemetryQuery(query);
    QVERIFY(!badScope.ok());
    QVERIFY2(badScope.error().message.contains(QLatin1String("query.scope.kind")),
             qPrintable(badScope.error().message));

    QJsonObject filter = Json::toJson(UpdateEventFilter());
    filter.insert(QStringLiteral("outcomes"),
                  QJsonArray{QStringLiteral("failed"), QStringLiteral("exploded")});
    const Result<UpdateEventFilter> badOutcome = Json::readUpdateEventFilter(filter);
    QVERIFY(!badOutcome.ok());
    QVERIFY2(badOutcome.error().message.contains(QLatin1String("filter.outcomes[1]")),
             qPrintable(badOutcome.error().message));
    // "ok" is progress, not an outcome a chart counts.
    filter.insert(QStringLiteral("outcomes"), QJsonArray{QStringLiteral("ok")});
    QVERIFY(!Json::readUpdateEventFilter(filter).ok());
}

void TestTelemetryApi::sameScopes()
{
    REQUIRE_SERVER();
    const Result<QList<TelemetryScopeChoice>> local = wait(m_local.scopes());
    const Result<QList<TelemetryScopeChoice>> remote = wait(m_remote->scopes());
    QVERIFY2(local.ok(), qPrintable(local.ok() ? QString() : errorText(local.error())));
    QVERIFY2(remote.ok(), qPrintable(remote.ok() ? QString() : errorText(remote.error())));
    QCOMPARE(local.value().size(), 3); // two rollouts and their release
    QCOMPARE(Json::toJson(remote.value()), Json::toJson(local.value()));
}

void TestTelemetryApi::sameOverview_data()
{
    QTest::addColumn<TelemetryQuery>("query");
    QTest::addColumn<bool>("hasEvents");
    auto query = [](TelemetryScope scope, QDateTime from, QDateTime to, int buckets) {
        TelemetryQuery q;
        q.scope = scope;
        q.from = from;
        q.to = to;
        q.maxBuckets = buckets;
        return q;
    };
    QTest::newRow("fleet, open range") << query(TelemetryScope::fleet(), {}, {}, 240) << true;
    QTest::newRow("rollout 901, a day")
        << query(TelemetryScope::rollout(901), kStart.addSecs(3600), kStart.addSecs(25 * 3600), 96)
        << true;
    QTest::newRow("release, odd minutes")
        << query(TelemetryScope::release(0), kStart.addSecs(1234), kStart.addSecs(2 * 86400 + 77), 20)
        << true;
    QTest::newRow("rollout 902, from only")
        << query(TelemetryScope::rollout(902), kStart.addDays(2), {}, 500) << true;
    QTest::newRow("before any event")
        << query(TelemetryScope::fleet(), kStart.addDays(-9), kStart.addDays(-8), 240) << false;
    QTest::newRow("unknown rollout") << query(TelemetryScope::rollout(4711), {}, {}, 240) << false;
}

void TestTelemetryApi::sameOverview()
{
    REQUIRE_SERVER();
    QFETCH(TelemetryQuery, query);
    QFETCH(bool, hasEvents);
    if (query.scope.kind == TelemetryScope::Kind::Release)
        query.scope.id = m_release;
    const Result<TelemetryOverview> local = wait(m_local.overview(query));
    const Result<TelemetryOverview> remote = wait(m_remote->overview(query));
    QCOMPARE(remote.ok(), local.ok());
    if (!local.ok()) {
        QCOMPARE(remote.error().code, local.error().code);
        QCOMPARE(remote.error().message, local.error().message);
        return;
    }
    QCOMPARE(local.value().breakdown.total.total() > 0, hasEvents);
    // The codec round trip is exact (overviewRoundTrip), so equal JSON is an equal overview.
    const QJsonObject l = Json::toJson(local.value());
    const QJsonObject r = Json::toJson(remote.value());
    if (l != r) {
        for (auto it = l.begin(); it != l.end(); ++it)
            QVERIFY2(r.value(it.key()) == it.value(), qPrintable(QStringLiteral("differs: ") + it.key()));
    }
    QCOMPARE(r, l);
}

void TestTelemetryApi::sameExport_data()
{
    QTest::addColumn<UpdateEventFilter>("filter");
    QTest::addColumn<bool>("pseudonyms");
    UpdateEventFilter rollout;
    rollout.scope = TelemetryScope::rollout(901);
    rollout.outcomes = UpdateEventFilter::failureOutcomes();
    QTest::newRow("failures of 901") << rollout << false;
    QTest::newRow("failures of 901, pseudonyms") << rollout << true;
    UpdateEventFilter day;
    day.from = kStart;
    day.to = kStart.addDays(1);
    QTest::newRow("fleet, one day") << day << false;
    UpdateEventFilter nothing;
    nothing.scope = TelemetryScope::rollout(4711);
    QTest::newRow("no events") << nothing << false;
}

void TestTelemetryApi::sameExport()
{
    REQUIRE_SERVER();
    QFETCH(UpdateEventFilter, filter);
    QFETCH(bool, pseudonyms);
    const PseudonymOptions options{pseudonyms, QByteArray("per-export salt")};
    const QString localPath = m_dir.filePath(QStringLiteral("local.csv"));
    const QString remotePath = m_dir.filePath(QStringLiteral("remote.csv"));
    QFile::remove(localPath);
    QFile::remove(remotePath);
    const Result<int> local = wait(m_local.exportEvents(filter, localPath, options));
    const Result<int> remote = wait(m_remote->exportEvents(filter, remotePath, options));
    QVERIFY2(local.ok(), qPrintable(local.ok() ? QString() : errorText(local.error())));
    QVERIFY2(remote.ok(), qPrintable(remote.ok() ? QString() : errorText(remote.error())));
    QCOMPARE(remote.value(), local.value());
    const QByteArray expected = fileBytes(localPath);
    QVERIFY(!expected.isEmpty()); // at least the header
    QCOMPARE(fileBytes(remotePath), expected);
    if (pseudonyms) {
        // Not the same file as without pseudonyms: the device IDs were replaced.
        const QString plainPath = m_dir.filePath(QStringLiteral("plain.csv"));
        QVERIFY(wait(m_local.exportEvents(filter, plainPath, {})).ok());
        QVERIFY(fileBytes(plainPath) != expected);
    }
}

void TestTelemetryApi::sameDrillDown()
{
    REQUIRE_SERVER();
    // The devices behind a bar: the failures of one model in rollout 901, in one day.
    const Result<TelemetryOverview> overview = wait(m_local.overview(
        TelemetryQuery{TelemetryScope::rollout(901), kStart, kStart.addDays(1), 240}));
    QVERIFY(overview.ok());
    QVERIFY(!overview.value().breakdown.models.isEmpty());
    UpdateEventFilter events;
    events.scope = TelemetryScope::rollout(901);
    events.from = kStart;
    events.to = kStart.addDays(1);
    events.modelId = overview.value().breakdown.models.first().id;
    events.outcomes = UpdateEventFilter::failureOutcomes();
    events.description = QStringLiteral("Failures of the worst model");
    DeviceQuery query;
    query.filter.events = events;
    query.referenceDate = kStart.date();
    const Result<DevicePage> local = wait(m_localTracker.queryDevices(query, 0, 1000));
    const Result<DevicePage> remote = wait(m_remoteTracker->queryDevices(query, 0, 1000));
    QVERIFY2(local.ok(), qPrintable(local.ok() ? QString() : errorText(local.error())));
    QVERIFY2(remote.ok(), qPrintable(remote.ok() ? QString() : errorText(remote.error())));
    QVERIFY(local.value().matching > 0);
    QVERIFY(local.value().matching < local.value().fleetSize);
    QCOMPARE(remote.value().matching, local.value().matching);
    QStringList localIds, remoteIds;
    for (const Device &d : local.value().rows)
        localIds << d.deviceId;
    for (const Device &d : remote.value().rows)
        remoteIds << d.deviceId;
    QCOMPARE(remoteIds, localIds);
}

void TestTelemetryApi::rawCsvForOtherClients()
{
    REQUIRE_SERVER();
    // curl and spreadsheets get the CSV itself.
    UpdateEventFilter filter;
    filter.scope = TelemetryScope::rollout(902);
    const QString localPath = m_dir.filePath(QStringLiteral("raw-local.csv"));
    const Result<int> rows = wait(m_local.exportEvents(filter, localPath, {}));
    QVERIFY(rows.ok());
    const QJsonObject body{{QStringLiteral("filter"), Json::toJson(filter)}};
    const TestServer::RawReply reply = m_server.request(
        "POST", QStringLiteral("/api/v1/telemetry/events.csv"), QJsonDocument(body).toJson(),
        m_server.token(QStringLiteral("viewer")), {{"Accept", "text/csv"}});
    QCOMPARE(reply.status, 200);
    QVERIFY(reply.header("content-type").startsWith("text/csv"));
    QCOMPARE(reply.header("x-patchboard-rows").toInt(), rows.value());
    QCOMPARE(reply.body, fileBytes(localPath));
}

void TestTelemetryApi::malformedQueryIs400WithPath()
{
    REQUIRE_SERVER();
    const QByteArray token = m_server.token(QStringLiteral("viewer"));
    struct Case
    {
        const char *path;
        QByteArray body;
        const char *field;
    };
    const Case cases[] = {
        {"/api/v1/telemetry/overview", R"({"query": {"scope": {"kind": "galaxy"}}})",
         "body.query.scope.kind"},
        {"/api/v1/telemetry/overview", R"({"query": {"scope": {"kind": "fleet"}, "maxBuckets": 0}})",
         "body.query.maxBuckets"},
        {"/api/v1/telemetry/overview", R"({"query": {"scope": {"kind": "fleet"}, "from": "monday"}})",
         "body.query.from"},
        {"/api/v1/telemetry/overview", R"({})", "body.query"},
        {"/api/v1/telemetry/events.csv",
         R"({"filter": {"scope": {"kind": "fleet"}}, "pseudonyms": {"enabled": true, "salt": "%%%"}})",
         "body.pseudonyms.salt"},
        {"/api/v1/telemetry/events.csv", R"({"filter": {"scope": {"kind": "fleet"}, "wave": "one"}})",
         "body.filter.wave"},
    };
    for (const Case &c : cases) {
        const TestServer::RawReply reply =
            m_server.request("POST", QLatin1String(c.path), c.body, token);
        QVERIFY2(reply.status == 400, c.body.constData());
        QCOMPARE(reply.errorCode(), QStringLiteral("invalid-argument"));
        const QString message =
            reply.json()[QStringLiteral("error")][QStringLiteral("message")].toString();
        QVERIFY2(message.contains(QLatin1String(c.field)), qPrintable(message));
    }
}

void TestTelemetryApi::noTokenIs401()
{
    REQUIRE_SERVER();
    QCOMPARE(m_server.request("GET", QStringLiteral("/api/v1/telemetry/scopes")).status, 401);
    QCOMPARE(m_server.request("POST", QStringLiteral("/api/v1/telemetry/overview"),
                              R"({"query": {"scope": {"kind": "fleet"}}})")
                 .status,
             401);
    QCOMPARE(m_server.request("POST", QStringLiteral("/api/v1/telemetry/events.csv"),
                              R"({"filter": {"scope": {"kind": "fleet"}}})")
                 .status,
             401);
}

void TestTelemetryApi::newEventsReachTheConsole()
{
    REQUIRE_SERVER();
    // The server counts new events when its rollouts change; another console's rollout is one.
    QSignalSpy events(m_remote.get(), &TelemetryBackend::eventsChanged);
    ApiClient *manager = m_server.client(QStringLiteral("manager"));
    QVERIFY(manager);
    RemoteRolloutBackend rollouts(manager);
    RolloutPlan plan;
    plan.releaseId = m_release;
    plan.name = QStringLiteral("signal");
    plan.waves = RolloutPlan::defaultWaves();
    plan.window.enabled = false;
    plan.start = QDateTime::currentDateTimeUtc().addDays(30);
    const Result<RolloutDetail> created = wait(rollouts.create({}, plan, false));
    QVERIFY2(created.ok(), qPrintable(created.ok() ? QString() : errorText(created.error())));
    QTRY_VERIFY_WITH_TIMEOUT(events.count() > 0, 10000);
}

QTEST_MAIN(TestTelemetryApi)
#include "tst_telemetryapi.moc"
