// SPDX-License-Identifier: Apache-2.0
// Rollouts over the operator API (issue #6): the codecs give back exactly what they were given;
// the same plans and controls give the same previews, states, transitions and validation
// problems through the embedded backend and through patchboard-server; a viewer cannot create a
// rollout (403), a malformed plan is refused with the path of the bad field (400), an unknown
// rollout is 404; a change made by one console reaches another one's backend as a signal.

#include "testserver.h"

#include "api/rolloutapijson.h"
#include "firmware/demoreleases.h"
#include "rollout/localrolloutbackend.h"
#include "rollout/remoterolloutbackend.h"
#include "simulation/demofleetgenerator.h"
#include "storage/database.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

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

QString text(const QJsonObject &json)
{
    return QString::fromUtf8(QJsonDocument(json).toJson(QJsonDocument::Indented));
}

QDateTime at(int day, int hour, int minute, int ms = 0)
{
    return QDateTime(QDate(2026, 11, day), QTime(hour, minute, 0, ms), Qt::UTC);
}

RolloutPlan fullPlan()
{
    RolloutPlan plan;
    plan.releaseId = 42;
    plan.name = QStringLiteral("Pixel \u00e9t\u00e9 \"quoted\"");
    plan.targets.modelIds = {3, 7};
    plan.targets.regionIds = {1};
    plan.targets.patchLevelBefore = QDate(2026, 5, 1);
    plan.targets.sequenceBelow = 90071992547409LL;
    plan.targets.includeRooted = true;
    plan.targets.includePorted = false;
    plan.targets.includeUnsupported = true;
    WavePlan canary;
    canary.size = WavePlan::Size::Count;
    canary.count = 25;
    canary.successThreshold = 99.5;
    canary.errorThreshold = 0.5;
    canary.minimumResults = 10;
    canary.soakMinutes = 0;
    canary.manualGate = true;
    WavePlan half;
    half.size = WavePlan::Size::Percent;
    half.percent = 50.25;
    WavePlan rest;
    rest.size = WavePlan::Size::Rest;
    plan.waves = {canary, half, rest};
    plan.start = at(3, 1, 30, 250);
    plan.deadline = at(20, 23, 59);
    plan.window = {true, QTime(22, 0), QTime(4, 30)};
    plan.notice = {QStringLiteral("Security update"), QStringLiteral("Fixes CVE-2026-0001."), true,
                   QStringLiteral("https://example.com/updates")};
    return plan;
}

RolloutPreview fullPreview()
{
    RolloutPreview p;
    p.targeted = 1000;
    p.alreadyCurrent = 12;
    p.rooted = 3;
    p.ported = 4;
    p.unsupported = 5;
    p.busy = 6;
    p.filteredOut = 7;
    p.waveSizes = {25, 487, 488};
    p.models = {{3, QStringLiteral("Acme"), QStringLiteral("A1"), 600, {15, 292, 293}},
                {7, QStringLiteral("Beta"), QStringLiteral("B2"), 400, {10, 195, 195}}};
    p.problems = {QStringLiteral("The deadline is before the start.")};
    p.warnings = {QStringLiteral("Rooted devices are included."), QStringLiteral("Second.")};
    p.noticeTitle = QStringLiteral("Security update");
    p.noticeSummary = QStringLiteral("Fixes CVE-2026-0001.");
    return p;
}

RolloutSummary fullSummary()
{
    RolloutSummary s;
    s.id = 17;
    s.name = QStringLiteral("November");
    s.releaseId = 42;
    s.releaseVersion = QStringLiteral("2026.11.1");
    s.state = RolloutState::Halted;
    s.targets = 1000;
    s.currentWave = 2;
    WaveProgress w1;
    w1.number = 1;
    w1.state = WaveState::Succeeded;
    w1.plan = fullPlan().waves.at(0);
    w1.size = 25;
    w1.succeeded = 24;
    w1.failed = 1;
    w1.started = at(3, 2, 0);
    w1.succeededAt = at(3, 4, 0, 999);
    w1.nextWaveAt = at(3, 5, 0);
    w1.gateOpen = true;
    WaveProgress w2;
    w2.number = 2;
    w2.state = WaveState::Halted;
    w2.plan = fullPlan().waves.at(1);
    w2.size = 487;
    w2.pending = 100;
    w2.inProgress = 200;
    w2.verified = 50;
    w2.postponed = 9;
    w2.succeeded = 150;
    w2.failed = 28;
    w2.rolledBack = 8;
    w2.cancelled = 0;
    w2.started = at(3, 5, 1);
    w2.waitingForGate = true;
    w2.baselineResults = 40;
    w2.baselineFailed = 3;
    s.waves = {w1, w2};
    s.haltReason = QStringLiteral("Failures 15% over the threshold of 5%.");
    s.created = at(2, 12, 0);
    s.createdBy = QStringLiteral("manager");
    s.start = at(3, 1, 30);
    s.started = at(3, 2, 0);
    s.deadline = at(20, 0, 0);
    return s;
}

RolloutDetail fullDetail()
{
    RolloutDetail d;
    d.summary = fullSummary();
    d.plan = fullPlan();
    d.targets = fullPreview();
    d.history = {{RolloutState::Draft, RolloutState::Scheduled, QStringLiteral("manager"),
                  QStringLiteral("rollout-manager"), at(2, 12, 5), QString()},
                 {RolloutState::Running, RolloutState::Halted, QString(), QString(), at(3, 7, 0),
                  QStringLiteral("threshold")}};
    return d;
}

// Field by field: the domain types without operator== (a codec that forgets a field fails here).
void compareWave(const WaveProgress &a, const WaveProgress &b)
{
    QCOMPARE(a.number, b.number);
    QCOMPARE(a.state, b.state);
    QVERIFY(a.plan == b.plan);
    QCOMPARE(a.size, b.size);
    QCOMPARE(a.pending, b.pending);
    QCOMPARE(a.inProgress, b.inProgress);
    QCOMPARE(a.verified, b.verified);
    QCOMPARE(a.postponed, b.postponed);
    QCOMPARE(a.succeeded, b.succeeded);
    QCOMPARE(a.failed, b.failed);
    QCOMPARE(a.rolledBack, b.rolledBack);
    QCOMPARE(a.cancelled, b.cancelled);
    QCOMPARE(a.started, b.started);
    QCOMPARE(a.succeededAt, b.succeededAt);
    QCOMPARE(a.nextWaveAt, b.nextWaveAt);
    QCOMPARE(a.waitingForGate, b.waitingForGate);
    QCOMPARE(a.gateOpen, b.gateOpen);
    QCOMPARE(a.baselineResults, b.baselineResults);
    QCOMPARE(a.baselineFailed, b.baselineFailed);
}

void compareSummary(const RolloutSummary &a, const RolloutSummary &b)
{
    QCOMPARE(a.id, b.id);
    QCOMPARE(a.name, b.name);
    QCOMPARE(a.releaseId, b.releaseId);
    QCOMPARE(a.releaseVersion, b.releaseVersion);
    QCOMPARE(a.state, b.state);
    QCOMPARE(a.targets, b.targets);
    QCOMPARE(a.currentWave, b.currentWave);
    QCOMPARE(a.waves.size(), b.waves.size());
    for (qsizetype i = 0; i < a.waves.size(); ++i) {
        compareWave(a.waves.at(i), b.waves.at(i));
        if (QTest::currentTestFailed())
            return;
    }
    QCOMPARE(a.haltReason, b.haltReason);
    QCOMPARE(a.created, b.created);
    QCOMPARE(a.createdBy, b.createdBy);
    QCOMPARE(a.start, b.start);
    QCOMPARE(a.started, b.started);
    QCOMPARE(a.finished, b.finished);
    QCOMPARE(a.deadline, b.deadline);
}

void comparePreview(const RolloutPreview &a, const RolloutPreview &b)
{
    QCOMPARE(a.targeted, b.targeted);
    QCOMPARE(a.alreadyCurrent, b.alreadyCurrent);
    QCOMPARE(a.rooted, b.rooted);
    QCOMPARE(a.ported, b.ported);
    QCOMPARE(a.unsupported, b.unsupported);
    QCOMPARE(a.busy, b.busy);
    QCOMPARE(a.filteredOut, b.filteredOut);
    QCOMPARE(a.waveSizes, b.waveSizes);
    QCOMPARE(a.models.size(), b.models.size());
    for (qsizetype i = 0; i < a.models.size(); ++i) {
        QCOMPARE(a.models[i].modelId, b.models[i].modelId);
        QCOMPARE(a.models[i].manufacturer, b.models[i].manufacturer);
        QCOMPARE(a.models[i].model, b.models[i].model);
        QCOMPARE(a.models[i].devices, b.models[i].devices);
        QCOMPARE(a.models[i].perWave, b.models[i].perWave);
    }
    QCOMPARE(a.problems, b.problems);
    QCOMPARE(a.warnings, b.warnings);
    QCOMPARE(a.noticeTitle, b.noticeTitle);
    QCOMPARE(a.noticeSummary, b.noticeSummary);
}

} // namespace

class TestRolloutApi : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    // Codecs, without a server.
    void planRoundTrip();
    void planDefaults();
    void planErrorsNameTheField_data();
    void planErrorsNameTheField();
    void previewRoundTrip();
    void summaryRoundTrip();
    void detailRoundTrip();
    void simulationRoundTrip();

    // Contract: the embedded backend and the server answer alike.
    void sameListAndSimulation();
    void samePreview();
    void sameValidationProblems();
    void sameLifecycle();
    void sameRefusals();

    // The HTTP side.
    void viewerCannotCreate();
    void malformedPlanIs400WithPath();
    void unknownRolloutIs404();
    void noTokenIs401();
    void changeReachesOtherConsole();

private:
    bool ensureServer();
    RolloutPlan plan(const QString &name) const;

    QTemporaryDir m_dir;
    qint64 m_release = 0;
    TestServer m_server;
    QString m_serverProblem; // why it did not start
    std::unique_ptr<LocalRolloutBackend> m_local;
    std::unique_ptr<RemoteRolloutBackend> m_remote;       // as "manager"
    std::unique_ptr<RemoteRolloutBackend> m_remoteViewer; // as "viewer"
    const Operator m_manager{QStringLiteral("manager"), OperatorRole::RolloutManager};
    const Operator m_viewer{QStringLiteral("viewer"), OperatorRole::Viewer};
};

RolloutPlan TestRolloutApi::plan(const QString &name) const
{
    RolloutPlan p;
    p.releaseId = m_release;
    p.name = name;
    p.waves = RolloutPlan::defaultWaves();
    p.window.enabled = false;
    // A month ahead: neither the embedded engine nor the server's starts it during the test, so
    // both sides see the same states.
    p.start = QDateTime::currentDateTimeUtc().addDays(30);
    p.start.setTime(QTime(p.start.time().hour(), 0));
    return p;
}

void TestRolloutApi::initTestCase()
{
    QVERIFY(m_dir.isValid());
    // One fleet, two copies: the embedded backend works on one, the server on the other.
    const QString seed = m_dir.filePath(QStringLiteral("seed.db"));
    {
        Result<Database> database = Database::open(seed);
        QVERIFY2(database.ok(), qPrintable(database.ok() ? QString() : database.error().text()));
        DemoFleetOptions options;
        options.devices = 1500;
        options.seed = 11;
        const Status generated = DemoFleetGenerator(options).generate(database.value());
        QVERIFY2(generated.ok(), qPrintable(generated.ok() ? QString() : generated.error().text()));
        const Result<DemoReleases::Report> releases = DemoReleases::create(
            database.value(), m_dir.filePath(QStringLiteral("releases")));
        QVERIFY2(releases.ok(), qPrintable(releases.ok() ? QString() : releases.error().text()));
        m_release = releases.value().approvedReleaseId;
        QSqlQuery q(database.value().connection());
        QVERIFY(q.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")));
    }
    const QString local = m_dir.filePath(QStringLiteral("local.db"));
    const QString remote = m_dir.filePath(QStringLiteral("server.db"));
    QVERIFY(QFile::copy(seed, local));
    QVERIFY(QFile::copy(seed, remote));

    m_local = std::make_unique<LocalRolloutBackend>();
    LocalRolloutBackend::Options options;
    options.databasePath = local;
    options.clockStart = QDateTime::currentDateTimeUtc(); // the server runs on wall time
    options.running = false;
    const Result<Done> opened = wait(m_local->open(options));
    QVERIFY2(opened.ok(), qPrintable(opened.ok() ? QString() : opened.error().text()));

}

// The server starts with the first test that needs it: the codec tests run without one.
bool TestRolloutApi::ensureServer()
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
    ApiClient *manager = m_server.client(QStringLiteral("manager"));
    ApiClient *viewer = m_server.client(QStringLiteral("viewer"));
    if (!manager && viewer) {
        m_serverProblem = m_server.errorText();
        return false;
    }
    m_remote = std::make_unique<RemoteRolloutBackend>(manager);
    m_remoteViewer = std::make_unique<RemoteRolloutBackend>(viewer);
    m_serverProblem.clear();
    return true;
}

void TestRolloutApi::planRoundTrip()
{
    const RolloutPlan plan = fullPlan();
    const QJsonObject json = Json::toJson(plan);
    // Through text, as on the wire.
    const QJsonValue wire = QJsonDocument::fromJson(QJsonDocument(json).toJson()).object();
    const Result<RolloutPlan> read = Json::readRolloutPlan(wire);
    QVERIFY2(read.ok(), qPrintable(read.ok() ? QString() : read.error().text()));
    QVERIFY2(read.value() == plan, qPrintable(text(Json::toJson(read.value()))));
    QCOMPARE(read.value().start.timeSpec(), Qt::UTC);
    // The API's spelling: ids as numbers, enums by name, window times HH:mm.
    QCOMPARE(json.value(QStringLiteral("releaseId")).toInteger(), 42);
    QCOMPARE(json[QStringLiteral("waves")][0][QStringLiteral("size")].toString(), QStringLiteral("count"));
    QCOMPARE(json[QStringLiteral("window")][QStringLiteral("start")].toString(), QStringLiteral("22:00"));
    QCOMPARE(json[QStringLiteral("start")].toString(), QStringLiteral("2026-11-03T01:30:00.250Z"));

    // Invalid times travel as null and come back invalid.
    RolloutPlan open = plan;
    open.start = {};
    open.deadline = {};
    open.targets.patchLevelBefore = {};
    QVERIFY(Json::toJson(open).value(QStringLiteral("start")).isNull());
    const Result<RolloutPlan> openRead = Json::readRolloutPlan(Json::toJson(open));
    QVERIFY(openRead.ok());
    QVERIFY(openRead.value() == open);
}

void TestRolloutApi::planDefaults()
{
    // What a hand-written plan may leave out takes the defaults of a new plan.
    const QJsonObject minimal{{QStringLiteral("releaseId"), 5},
                              {QStringLiteral("name"), QStringLiteral("min")},
                              {QStringLiteral("waves"),
                               QJsonArray{QJsonObject{{QStringLiteral("size"), QStringLiteral("rest")}}}}};
    const Result<RolloutPlan> read = Json::readRolloutPlan(minimal);
    QVERIFY2(read.ok(), qPrintable(read.ok() ? QString() : read.error().text()));
    RolloutPlan expected;
    expected.releaseId = 5;
    expected.name = QStringLiteral("min");
    WavePlan rest;
    rest.size = WavePlan::Size::Rest;
    expected.waves = {rest};
    QVERIFY(read.value() == expected);
}

void TestRolloutApi::planErrorsNameTheField_data()
{
    QTest::addColumn<QJsonObject>("plan");
    QTest::addColumn<QString>("path");
    const QJsonObject good = Json::toJson(fullPlan());
    auto with = [&good](const QString &key, const QJsonValue &value) {
        QJsonObject o = good;
        o.insert(key, value);
        return o;
    };
    QJsonObject waves = good;
    QJsonArray list = waves.value(QStringLiteral("waves")).toArray();
    QJsonObject second = list.at(1).toObject();
    second.insert(QStringLiteral("size"), QStringLiteral("half"));
    list.replace(1, second);
    waves.insert(QStringLiteral("waves"), list);
    QTest::newRow("unknown wave size") << waves << QStringLiteral("plan.waves[1].size");
    QJsonObject window = good;
    window.insert(QStringLiteral("window"),
                  QJsonObject{{QStringLiteral("start"), QStringLiteral("25:00")}});
    QTest::newRow("bad window time") << window << QStringLiteral("plan.window.start");
    QTest::newRow("release as text") << with(QStringLiteral("releaseId"), QStringLiteral("42"))
                                     << QStringLiteral("plan.releaseId");
    QTest::newRow("fractional release") << with(QStringLiteral("releaseId"), 4.5)
                                        << QStringLiteral("plan.releaseId");
    QTest::newRow("no waves") << with(QStringLiteral("waves"), QJsonValue())
                              << QStringLiteral("plan.waves");
    QTest::newRow("bad start") << with(QStringLiteral("start"), QStringLiteral("tomorrow"))
                               << QStringLiteral("plan.start");
    QJsonObject targets = good;
    targets.insert(QStringLiteral("targets"),
                   QJsonObject{{QStringLiteral("modelIds"), QJsonArray{1, QStringLiteral("x")}}});
    QTest::newRow("model id as text") << targets << QStringLiteral("plan.targets.modelIds[1]");
}

void TestRolloutApi::planErrorsNameTheField()
{
    QFETCH(QJsonObject, plan);
    QFETCH(QString, path);
    const Result<RolloutPlan> read = Json::readRolloutPlan(plan);
    QVERIFY(!read.ok());
    QVERIFY2(read.error().message.contains(path + QLatin1Char(':')),
             qPrintable(read.error().message));
}

void TestRolloutApi::previewRoundTrip()
{
    const RolloutPreview preview = fullPreview();
    const Result<RolloutPreview> read = Json::readRolloutPreview(Json::toJson(preview));
    QVERIFY2(read.ok(), qPrintable(read.ok() ? QString() : read.error().text()));
    comparePreview(read.value(), preview);
}

void TestRolloutApi::summaryRoundTrip()
{
    const RolloutSummary summary = fullSummary();
    const Result<RolloutSummary> read = Json::readRolloutSummary(Json::toJson(summary));
    QVERIFY2(read.ok(), qPrintable(read.ok() ? QString() : read.error().text()));
    compareSummary(read.value(), summary);
    QCOMPARE(Json::toJson(summary).value(QStringLiteral("state")).toString(), QStringLiteral("halted"));

    RolloutSummary other = summary;
    other.id = 18;
    other.state = RolloutState::Draft;
    other.waves.clear();
    const Result<QList<RolloutSummary>> list =
        Json::readRolloutSummaries(Json::toJson(QList<RolloutSummary>{summary, other}));
    QVERIFY(list.ok());
    QCOMPARE(list.value().size(), 2);
    compareSummary(list.value().at(0), summary);
    compareSummary(list.value().at(1), other);

    // An unknown state is a BadResponse naming the field, not a silent draft.
    QJsonObject bad = Json::toJson(summary);
    bad.insert(QStringLiteral("state"), QStringLiteral("exploded"));
    const Result<RolloutSummary> refused = Json::readRolloutSummary(bad);
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().code, ServiceError::Code::BadResponse);
    QVERIFY2(refused.error().message.contains(QLatin1String("rollout.state")),
             qPrintable(refused.error().message));
}

void TestRolloutApi::detailRoundTrip()
{
    const RolloutDetail detail = fullDetail();
    const Result<RolloutDetail> read = Json::readRolloutDetail(Json::toJson(detail));
    QVERIFY2(read.ok(), qPrintable(read.ok() ? QString() : read.error().text()));
    compareSummary(read.value().summary, detail.summary);
    QVERIFY(read.value().plan == detail.plan);
    comparePreview(read.value().targets, detail.targets);
    QCOMPARE(read.value().history.size(), detail.history.size());
    for (qsizetype i = 0; i < detail.history.size(); ++i) {
        const RolloutTransition &a = read.value().history.at(i);
        const RolloutTransition &b = detail.history.at(i);
        QCOMPARE(a.from, b.from);
        QCOMPARE(a.to, b.to);
        QCOMPARE(a.actor, b.actor);
        QCOMPARE(a.role, b.role);
        QCOMPARE(a.time, b.time);
        QCOMPARE(a.reason, b.reason);
    }
}

void TestRolloutApi::simulationRoundTrip()
{
    SimulationSettings s;
    s.available = true;
    s.running = false;
    s.speed = 0;
    s.clock = at(5, 6, 7, 8);
    s.failureRates = {{3, 0.25}, {9, 1.0}};
    const Result<SimulationSettings> read = Json::readSimulationSettings(Json::toJson(s));
    QVERIFY(read.ok());
    QCOMPARE(read.value().available, s.available);
    QCOMPARE(read.value().running, s.running);
    QCOMPARE(read.value().speed, s.speed);
    QCOMPARE(read.value().clock, s.clock);
    QCOMPARE(read.value().failureRates, s.failureRates);
}

void TestRolloutApi::sameListAndSimulation()
{
    REQUIRE_SERVER();
    const Result<QList<RolloutSummary>> local = wait(m_local->rollouts(m_manager));
    const Result<QList<RolloutSummary>> remote = wait(m_remote->rollouts(m_manager));
    QVERIFY2(local.ok(), qPrintable(local.ok() ? QString() : local.error().text()));
    QVERIFY2(remote.ok(), qPrintable(remote.ok() ? QString() : remote.error().text()));
    QCOMPARE(remote.value().size(), local.value().size());

    QSignalSpy clock(m_remote.get(), &RolloutBackend::clockChanged);
    const Result<SimulationSettings> settings = wait(m_remote->simulation());
    QVERIFY2(settings.ok(), qPrintable(settings.ok() ? QString() : settings.error().text()));
    // The server's rollout clock is near wall time, and the console hears of it.
    QVERIFY(settings.value().clock.isValid());
    QVERIFY(qAbs(settings.value().clock.secsTo(QDateTime::currentDateTimeUtc())) < 7 * 86400);
    QVERIFY(clock.count() >= 1);

    // The server plays no simulated devices (they report over the device API): it says so, and
    // nobody can change a simulation it does not have; a viewer is refused for the role first,
    // there as in the embedded backend.
    QVERIFY(!settings.value().available);
    const Result<SimulationSettings> refused =
        wait(m_remoteViewer->setSimulation(m_viewer, settings.value()));
    QCOMPARE(refused.error().code, ServiceError::Code::PermissionDenied);
    const Result<SimulationSettings> managerRefused =
        wait(m_remote->setSimulation(m_manager, settings.value()));
    QVERIFY(!managerRefused.ok());
    QCOMPARE(managerRefused.error().code, ServiceError::Code::InvalidArgument);
    const Result<SimulationSettings> localRefused =
        wait(m_local->setSimulation(m_viewer, settings.value()));
    QCOMPARE(localRefused.error().code, ServiceError::Code::PermissionDenied);
}

void TestRolloutApi::samePreview()
{
    REQUIRE_SERVER();
    RolloutPlan p = plan(QStringLiteral("preview"));
    p.targets.includeRooted = true;
    const Result<RolloutPreview> local = wait(m_local->preview(m_manager, p));
    const Result<RolloutPreview> remote = wait(m_remote->preview(m_manager, p));
    QVERIFY2(local.ok(), qPrintable(local.ok() ? QString() : local.error().text()));
    QVERIFY2(remote.ok(), qPrintable(remote.ok() ? QString() : remote.error().text()));
    QVERIFY(local.value().targeted > 0);
    QVERIFY2(local.value().problems.isEmpty(), qPrintable(local.value().problems.join(u' ')));
    comparePreview(remote.value(), local.value());
}

void TestRolloutApi::sameValidationProblems()
{
    REQUIRE_SERVER();
    RolloutPlan p = plan(QStringLiteral("bad"));
    p.waves[0].percent = 150;
    p.waves[1].errorThreshold = 120;
    p.window = {true, QTime(3, 0), QTime(3, 0)};
    p.deadline = p.start.addDays(-1);
    const Result<RolloutPreview> local = wait(m_local->preview(m_manager, p));
    const Result<RolloutPreview> remote = wait(m_remote->preview(m_manager, p));
    QVERIFY(local.ok() && remote.ok());
    QVERIFY(local.value().problems.size() >= 3);
    QCOMPARE(remote.value().problems, local.value().problems);
    QCOMPARE(remote.value().warnings, local.value().warnings);

    // Creating it is refused with the same error; nothing is created on either side.
    const Result<RolloutDetail> localCreate = wait(m_local->create(m_manager, p, false));
    const Result<RolloutDetail> remoteCreate = wait(m_remote->create(m_manager, p, false));
    QVERIFY(!localCreate.ok());
    QVERIFY(!remoteCreate.ok());
    QCOMPARE(remoteCreate.error().code, localCreate.error().code);
    QCOMPARE(remoteCreate.error().message, localCreate.error().message);

    // An unknown release: the same refusal.
    RolloutPlan unknown = plan(QStringLiteral("unknown release"));
    unknown.releaseId = 999999;
    const Result<RolloutPreview> localUnknown = wait(m_local->preview(m_manager, unknown));
    const Result<RolloutPreview> remoteUnknown = wait(m_remote->preview(m_manager, unknown));
    QCOMPARE(remoteUnknown.ok(), localUnknown.ok());
    if (localUnknown.ok())
        QCOMPARE(remoteUnknown.value().problems, localUnknown.value().problems);
    else
        QCOMPARE(remoteUnknown.error().code, localUnknown.error().code);
}

void TestRolloutApi::sameLifecycle()
{
    REQUIRE_SERVER();
    // The same sequence of decisions on both sides: the answers carry the same states and the
    // same history (actor and role from the server's sign-in, not from the client's word).
    struct Step
    {
        const char *what;
        std::function<QFuture<Result<RolloutDetail>>(RolloutBackend &, const Operator &, qint64)> call;
        RolloutState expected;
    };
    const QList<Step> steps{
        {"schedule", [](RolloutBackend &b, const Operator &who, qint64 id) { return b.schedule(who, id); },
         RolloutState::Scheduled},
        {"pause",
         [](RolloutBackend &b, const Operator &who, qint64 id) {
             return b.pause(who, id, QStringLiteral("hold on"));
         },
         RolloutState::Paused},
        {"resume",
         [](RolloutBackend &b, const Operator &who, qint64 id) {
             return b.resume(who, id, QStringLiteral("go"), 7.5);
         },
         RolloutState::Scheduled},
        {"cancel",
         [](RolloutBackend &b, const Operator &who, qint64 id) {
             return b.cancel(who, id, QStringLiteral("not now"));
         },
         RolloutState::Cancelled},
    };

    const RolloutPlan p = plan(QStringLiteral("lifecycle"));
    const Result<RolloutDetail> local = wait(m_local->create(m_manager, p, false));
    const Result<RolloutDetail> remote = wait(m_remote->create(m_manager, p, false));
    QVERIFY2(local.ok(), qPrintable(local.ok() ? QString() : local.error().text()));
    QVERIFY2(remote.ok(), qPrintable(remote.ok() ? QString() : remote.error().text()));
    QCOMPARE(local.value().summary.state, RolloutState::Draft);
    QCOMPARE(remote.value().summary.state, RolloutState::Draft);
    QCOMPARE(remote.value().summary.targets, local.value().summary.targets);
    QCOMPARE(remote.value().summary.createdBy, QStringLiteral("manager"));
    QVERIFY(remote.value().plan == local.value().plan);
    comparePreview(remote.value().targets, local.value().targets);
    const qint64 localId = local.value().summary.id;
    const qint64 remoteId = remote.value().summary.id;

    for (const Step &step : steps) {
        const Result<RolloutDetail> l = wait(step.call(*m_local, m_manager, localId));
        const Result<RolloutDetail> r = wait(step.call(*m_remote, m_manager, remoteId));
        QVERIFY2(l.ok(), qPrintable(QLatin1String(step.what) + QLatin1String(": ")
                                    + (l.ok() ? QString() : l.error().text())));
        QVERIFY2(r.ok(), qPrintable(QLatin1String(step.what) + QLatin1String(": ")
                                    + (r.ok() ? QString() : r.error().text())));
        QCOMPARE(l.value().summary.state, step.expected);
        QCOMPARE(r.value().summary.state, step.expected);
        QCOMPARE(r.value().history.size(), l.value().history.size());
        const RolloutTransition &lt = l.value().history.constLast();
        const RolloutTransition &rt = r.value().history.constLast();
        QCOMPARE(rt.from, lt.from);
        QCOMPARE(rt.to, lt.to);
        QCOMPARE(rt.actor, lt.actor);
        QCOMPARE(rt.role, lt.role);
        QCOMPARE(rt.reason, lt.reason);
    }

    // The detail read back equals the last answer.
    const Result<RolloutDetail> reread = wait(m_remote->rolloutDetail(m_manager, remoteId));
    QVERIFY(reread.ok());
    QCOMPARE(reread.value().summary.state, RolloutState::Cancelled);
    QCOMPARE(reread.value().history.constLast().reason, QStringLiteral("not now"));

    // Done is done: a cancelled rollout cannot be paused, with the same error on both sides.
    const Result<RolloutDetail> l = wait(m_local->pause(m_manager, localId, QString()));
    const Result<RolloutDetail> r = wait(m_remote->pause(m_manager, remoteId, QString()));
    QVERIFY(!l.ok() && !r.ok());
    QCOMPARE(r.error().code, l.error().code);
    QString remoteMessage = r.error().message;
    QString localMessage = l.error().message;
    QCOMPARE(remoteMessage.replace(QString::number(remoteId), QStringLiteral("#")),
             localMessage.replace(QString::number(localId), QStringLiteral("#")));
}

void TestRolloutApi::sameRefusals()
{
    REQUIRE_SERVER();
    const RolloutPlan p = plan(QStringLiteral("viewer"));
    const Result<RolloutDetail> local = wait(m_local->create(m_viewer, p, true));
    // The Remote's operator argument is ignored: the server acts as the signed-in viewer even
    // when the console claims to be a manager.
    const Result<RolloutDetail> remote = wait(m_remoteViewer->create(m_manager, p, true));
    QVERIFY(!local.ok() && !remote.ok());
    QCOMPARE(local.error().code, ServiceError::Code::PermissionDenied);
    QCOMPARE(remote.error().code, ServiceError::Code::PermissionDenied);
    QCOMPARE(remote.error().message, local.error().message);

    const Result<RolloutDetail> localMissing = wait(m_local->rolloutDetail(m_manager, 987654));
    const Result<RolloutDetail> remoteMissing = wait(m_remote->rolloutDetail(m_manager, 987654));
    QCOMPARE(localMissing.error().code, ServiceError::Code::NotFound);
    QCOMPARE(remoteMissing.error().code, ServiceError::Code::NotFound);
    QCOMPARE(remoteMissing.error().message, localMissing.error().message);
}

void TestRolloutApi::viewerCannotCreate()
{
    REQUIRE_SERVER();
    const QJsonObject body{{QStringLiteral("plan"), Json::toJson(plan(QStringLiteral("v")))},
                           {QStringLiteral("schedule"), true}};
    const TestServer::RawReply reply =
        m_server.request("POST", QStringLiteral("/api/v1/rollouts"),
                         QJsonDocument(body).toJson(), m_server.token(QStringLiteral("viewer")));
    QCOMPARE(reply.status, 403);
    QCOMPARE(reply.errorCode(), QStringLiteral("permission-denied"));
    // Nothing was created.
    const Result<QList<RolloutSummary>> list = wait(m_remote->rollouts(m_manager));
    QVERIFY(list.ok());
    for (const RolloutSummary &s : list.value())
        QVERIFY(s.name != QLatin1String("v"));
}

void TestRolloutApi::malformedPlanIs400WithPath()
{
    REQUIRE_SERVER();
    const QByteArray token = m_server.token(QStringLiteral("manager"));
    QJsonObject plan = Json::toJson(this->plan(QStringLiteral("m")));
    QJsonArray waves = plan.value(QStringLiteral("waves")).toArray();
    QJsonObject wave = waves.at(2).toObject();
    wave.insert(QStringLiteral("errorThreshold"), QStringLiteral("five"));
    waves.replace(2, wave);
    plan.insert(QStringLiteral("waves"), waves);
    const QByteArray body = QJsonDocument(QJsonObject{{QStringLiteral("plan"), plan}}).toJson();
    for (const QString &path : {QStringLiteral("/api/v1/rollouts"), QStringLiteral("/api/v1/rollouts/preview")}) {
        const TestServer::RawReply reply = m_server.request("POST", path, body, token);
        QCOMPARE(reply.status, 400);
        QCOMPARE(reply.errorCode(), QStringLiteral("invalid-argument"));
        const QString message =
            reply.json()[QStringLiteral("error")][QStringLiteral("message")].toString();
        QVERIFY2(message.contains(QLatin1String("body.plan.waves[2].errorThreshold")),
                 qPrintable(message));
    }
    // Not JSON at all; a control's reason of the wrong type (the pause must not happen).
    const TestServer::RawReply garbage =
        m_server.request("POST", QStringLiteral("/api/v1/rollouts"), "{plan:", token);
    QCOMPARE(garbage.status, 400);
    const TestServer::RawReply reason =
        m_server.request("POST", QStringLiteral("/api/v1/rollouts/1/pause"),
                         R"({"reason": 5})", token);
    QCOMPARE(reason.status, 400);
    QVERIFY(reason.json()[QStringLiteral("error")][QStringLiteral("message")].toString().contains(
        QLatin1String("body.reason")));
}

void TestRolloutApi::unknownRolloutIs404()
{
    REQUIRE_SERVER();
    const QByteArray token = m_server.token(QStringLiteral("manager"));
    for (const QString &path : {QStringLiteral("/api/v1/rollouts/987654"),
                                QStringLiteral("/api/v1/rollouts/abc"),
                                QStringLiteral("/api/v1/rollouts/0")}) {
        const TestServer::RawReply reply = m_server.request("GET", path, {}, token);
        QVERIFY2(reply.status == 404, qPrintable(path + QLatin1Char(' ') + QString::number(reply.status)));
        QCOMPARE(reply.errorCode(), QStringLiteral("not-found"));
    }
    const TestServer::RawReply control =
        m_server.request("POST", QStringLiteral("/api/v1/rollouts/987654/cancel"),
                         R"({"reason": "gone"})", token);
    QCOMPARE(control.status, 404);
}

void TestRolloutApi::noTokenIs401()
{
    REQUIRE_SERVER();
    const TestServer::RawReply reply = m_server.request("GET", QStringLiteral("/api/v1/rollouts"));
    QCOMPARE(reply.status, 401);
    const TestServer::RawReply simulation =
        m_server.request("PUT", QStringLiteral("/api/v1/simulation"), R"({"running": false, "speed": 0})");
    QCOMPARE(simulation.status, 401);
}

void TestRolloutApi::changeReachesOtherConsole()
{
    REQUIRE_SERVER();
    // A second console (its own client and backend) creates a rollout; the first one hears of
    // it through the change counters, without asking.
    QSignalSpy changed(m_remoteViewer.get(), &RolloutBackend::rolloutsChanged);
    ApiClient *other = m_server.client(QStringLiteral("manager"));
    QVERIFY(other);
    RemoteRolloutBackend second(other);
    const Result<RolloutDetail> created =
        wait(second.create(m_manager, plan(QStringLiteral("from the other console")), false));
    QVERIFY2(created.ok(), qPrintable(created.ok() ? QString() : created.error().text()));
    QTRY_VERIFY_WITH_TIMEOUT(changed.count() > 0, 10000);
    const Result<RolloutDetail> seen =
        wait(m_remoteViewer->rolloutDetail(m_viewer, created.value().summary.id));
    QVERIFY(seen.ok());
    QCOMPARE(seen.value().summary.name, QStringLiteral("from the other console"));
}

QTEST_MAIN(TestRolloutApi)
#include "tst_rolloutapi.moc"
