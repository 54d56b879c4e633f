// SPDX-License-Identifier: Apache-2.0
// Two patchboard-server instances on one PostgreSQL database, as behind a load balancer (issue
// #6): one of them runs the rollout engine (the holder of the "rollout-engine" lease), the other
// takes over when the leader goes away; what one instance changes reaches the consoles of the
// other (NOTIFY); devices checking in on either instance take a staged rollout to completion.
// Runs only with the server on PostgreSQL (CTest sets PATCHBOARD_TEST_SERVER_DATABASE); SQLite
// is a single-node store.
#include "api/devicejson.h"
#include "rollout/remoterolloutbackend.h"
#include "simulation/networkfleet.h"
#include "storage/database.h"
#include "testserver.h"

#include <QJsonDocument>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>

using namespace Patchboard;

class tst_ServerCluster : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void oneInstanceLeadsTheEngine();
    void changesReachTheOtherInstance();
    void theOtherInstanceTakesOverTheEngine();
    void devicesOnBothInstancesCompleteTheRollout();

private:
    QString leaseHolder();
    qint64 changeCounter(TestServer &server, const QString &topic);
    RolloutSummary summaryVia(RemoteRolloutBackend &rollouts, const Operator &who);

    TestServer m_a;
    TestServer m_b;
    std::optional<Database> m_db;
    QList<DeviceCredential> m_devices;
    qint64 m_release = 0;
    qint64 m_rollout = 0;
    QString m_firstLeader;
};

QString tst_ServerCluster::leaseHolder()
{
    QSqlQuery q(m_db->connection());
    if (!q.exec(QStringLiteral("SELECT holder FROM server_leases WHERE name = 'rollout-engine'"))
        || !q.next())
        return {};
    return q.value(0).toString();
}

qint64 tst_ServerCluster::changeCounter(TestServer &server, const QString &topic)
{
    const auto reply = server.request("GET", QStringLiteral("/api/v1/changes"), {},
                                      server.token(QStringLiteral("viewer")));
    return reply.status == 200 ? reply.json().value(topic).toInteger(-1) : -1;
}

RolloutSummary tst_ServerCluster::summaryVia(RemoteRolloutBackend &rollouts, const Operator &who)
{
    auto f = spin(rollouts.rolloutDetail(who, m_rollout), 5000);
    return f.isFinished() && f.result().ok() ? f.result().value().summary : RolloutSummary();
}

void tst_ServerCluster::initTestCase()
{
    if (!TestServer::onPostgres())
        QSKIP("several instances share a PostgreSQL database: ctest runs this test on one");
    TestServer::Options a;
    a.demoDevices = 400;
    QVERIFY2(m_a.start(a), qPrintable(m_a.errorText()));
    Result<Database> db = Database::open(m_a.databasePath());
    QVERIFY2(db.ok(), qPrintable(db.ok() ? QString() : db.error().text()));
    m_db.emplace(std::move(db).value());
    // A alone: it takes the lease on its first engine step.
    QTRY_VERIFY_WITH_TIMEOUT(!(m_firstLeader = leaseHolder()).isEmpty(), 15000);

    TestServer::Options b;
    b.databasePath = m_a.databasePath();
    b.dataDirectory = m_a.dataDirectory();
    b.demoDevices = 0;
    QVERIFY2(m_b.start(b), qPrintable(m_b.errorText()));
    QVERIFY(m_b.port() != m_a.port());

    const auto issued = m_a.request(
        "POST", QStringLiteral("/api/v1/device-credentials"),
        QJsonDocument(QJsonObject{{QStringLiteral("first"), 400}}).toJson(QJsonDocument::Compact),
        m_a.token(QStringLiteral("admin")));
    QCOMPARE(issued.status, 200);
    const Result<QList<DeviceCredential>> credentials = Json::readDeviceCredentials(issued.json());
    QVERIFY2(credentials.ok(), qPrintable(credentials.ok() ? QString() : credentials.error().text()));
    m_devices = credentials.value();
    QSqlQuery q(m_db->connection());
    QVERIFY(q.exec(QStringLiteral("SELECT id FROM releases WHERE state = 'approved' ORDER BY id LIMIT 1")));
    QVERIFY(q.next());
    m_release = q.value(0).toLongLong();
}

void tst_ServerCluster::oneInstanceLeadsTheEngine()
{
    // B steps its engine too (every 100 ms) but finds the lease held: nothing changes hands
    // while A renews it.
    for (int i = 0; i < 10; ++i) {
        QCOMPARE(leaseHolder(), m_firstLeader);
        QTest::qWait(200);
    }
}

void tst_ServerCluster::changesReachTheOtherInstance()
{
    ApiClient *managerOnA = m_a.client(QStringLiteral("manager"));
    ApiClient *viewerOnB = m_b.client(QStringLiteral("viewer"));
    QVERIFY(managerOnA && viewerOnB);
    QSignalSpy changed(viewerOnB, &ApiClient::changed);
    const qint64 before = changeCounter(m_b, QStringLiteral("rollouts"));
    QVERIFY(before >= 0);

    // A rollout manager on A plans a rollout (a draft: nothing runs yet).
    RemoteRolloutBackend rolloutsOnA(managerOnA);
    const RolloutPlan plan = TestServer::twoWavePlan(m_release, QStringLiteral("Across instances"));
    auto created = spin(rolloutsOnA.create(managerOnA->session().who, plan, false));
    QVERIFY(created.isFinished());
    QVERIFY2(created.result().ok(), qPrintable(created.result().error().text()));
    m_rollout = created.result().value().summary.id;

    // B counts the change, its consoles hear of it, and B serves the same rollout.
    QTRY_VERIFY_WITH_TIMEOUT(changeCounter(m_b, QStringLiteral("rollouts")) > before, 5000);
    QTRY_VERIFY_WITH_TIMEOUT(changed.contains(QVariantList{QStringLiteral("rollouts")}), 10000);
    RemoteRolloutBackend rolloutsOnB(viewerOnB);
    const RolloutSummary seen = summaryVia(rolloutsOnB, viewerOnB->session().who);
    QCOMPARE(seen.id, m_rollout);
    QCOMPARE(seen.state, RolloutState::Draft);
    QCOMPARE(seen.targets, created.result().value().summary.targets);
}

void tst_ServerCluster::theOtherInstanceTakesOverTheEngine()
{
    QVERIFY(m_rollout > 0);
    // The leader stops (as patchboard-server does on SIGTERM) and gives its lease up: B need not
    // wait the 15 s after which an unrenewed lease lapses.
    m_a.stop();
    ApiClient *managerOnB = m_b.client(QStringLiteral("manager"));
    QVERIFY(managerOnB);
    RemoteRolloutBackend rolloutsOnB(managerOnB);
    const Operator who = managerOnB->session().who;
    auto scheduled = spin(rolloutsOnB.schedule(who, m_rollout));
    QVERIFY(scheduled.isFinished());
    QVERIFY2(scheduled.result().ok(), qPrintable(scheduled.result().error().text()));

    // B's engine takes the lease and starts the first wave.
    QString leader;
    QTRY_VERIFY_WITH_TIMEOUT(!(leader = leaseHolder()).isEmpty() && leader != m_firstLeader, 5000);
    RolloutSummary s;
    QTRY_VERIFY_WITH_TIMEOUT((s = summaryVia(rolloutsOnB, who)).state == RolloutState::Running
                                 && !s.waves.isEmpty() && s.waves[0].state == WaveState::Running,
                             10000);

    // A comes back and follows: the lease stays with B.
    QVERIFY2(m_a.restart(), qPrintable(m_a.errorText()));
    for (int i = 0; i < 5; ++i) {
        QTest::qWait(200);
        QCOMPARE(leaseHolder(), leader);
    }
}

void tst_ServerCluster::devicesOnBothInstancesCompleteTheRollout()
{
    QVERIFY(m_rollout > 0);
    // Half the devices talk to A, half to B (a load balancer's doing).
    QList<DeviceCredential> onA, onB;
    for (qsizetype i = 0; i < m_devices.size(); ++i)
        (i % 2 ? onB : onA).append(m_devices[i]);
    NetworkFleet::Options options;
    options.concurrency = 4;
    options.durationMs = 90000;
    options.checkInIntervalMs = 300;
    options.postponeMs = 300;
    options.endpoint = m_a.endpoint();
    NetworkFleet fleetA(options, onA);
    options.endpoint = m_b.endpoint();
    NetworkFleet fleetB(options, onB);
    QSignalSpy finishedA(&fleetA, &NetworkFleet::finished);
    QSignalSpy finishedB(&fleetB, &NetworkFleet::finished);
    fleetA.start();
    fleetB.start();

    ApiClient *viewerOnA = m_a.client(QStringLiteral("viewer"));
    QVERIFY(viewerOnA);
    RemoteRolloutBackend rolloutsOnA(viewerOnA);
    const Operator who = viewerOnA->session().who;
    RolloutSummary s;
    QTRY_VERIFY_WITH_TIMEOUT((s = summaryVia(rolloutsOnA, who)).state == RolloutState::Completed
                                 || s.state == RolloutState::Halted,
                             90000);
    fleetA.stop();
    fleetB.stop();
    QTRY_COMPARE_WITH_TIMEOUT(finishedA.size(), 1, 30000);
    QTRY_COMPARE_WITH_TIMEOUT(finishedB.size(), 1, 30000);
    const NetworkFleet::Summary a = fleetA.summary();
    const NetworkFleet::Summary b = fleetB.summary();
    qInfo().noquote() << "A:" << a.text();
    qInfo().noquote() << "B:" << b.text();
    QCOMPARE(s.state, RolloutState::Completed);

    int succeeded = 0, failed = 0;
    for (const WaveProgress &wave : s.waves) {
        QCOMPARE(wave.state, WaveState::Succeeded);
        succeeded += wave.succeeded;
        failed += wave.failed;
    }
    QCOMPARE(succeeded + failed, s.targets);
    // Both instances served updates, and every update the server counts happened on a device.
    QVERIFY(a.updated > 0 && b.updated > 0);
    QCOMPARE(a.updated + b.updated, succeeded);
    QCOMPARE(a.errorCount, 0);
    QCOMPARE(b.errorCount, 0);
    // No device was offered the update twice by the two instances.
    QSqlQuery q(m_db->connection());
    QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM (SELECT device_id FROM update_events WHERE "
                                  "rollout_id = %1 AND phase = 'offer' GROUP BY device_id HAVING "
                                  "count(*) > 1) twice")
                       .arg(m_rollout)));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toLongLong(), 0);
}

QTEST_MAIN(tst_ServerCluster)
#include "tst_servercluster.moc"
