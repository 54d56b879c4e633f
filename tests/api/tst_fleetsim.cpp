// SPDX-License-Identifier: Apache-2.0
// patchboard-fleetsim's devices (NetworkFleet, services/simulation) against a real server on a
// loopback port: a small fleet takes a staged rollout to completion over HTTPS, and what the
// rollout manager sees agrees with what the devices did.
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

class tst_FleetSim : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void aSmallFleetCompletesARollout();
    void boundedByRequests();

private:
    TestServer m_server;
    QList<DeviceCredential> m_devices;
};

void tst_FleetSim::initTestCase()
{
    TestServer::Options options;
    options.demoDevices = 400;
    QVERIFY2(m_server.start(options), qPrintable(m_server.errorText()));
    const auto issued = m_server.request(
        "POST", QStringLiteral("/api/v1/device-credentials"),
        QJsonDocument(QJsonObject{{QStringLiteral("first"), 400}}).toJson(QJsonDocument::Compact),
        m_server.token(QStringLiteral("admin")));
    QCOMPARE(issued.status, 200);
    const Result<QList<DeviceCredential>> credentials = Json::readDeviceCredentials(issued.json());
    QVERIFY2(credentials.ok(), qPrintable(credentials.error().text()));
    m_devices = credentials.value();
    QCOMPARE(m_devices.size(), 400);
}

void tst_FleetSim::aSmallFleetCompletesARollout()
{
    qint64 release = 0;
    QString version;
    {
        Result<Database> db = Database::open(m_server.databasePath());
        QVERIFY(db.ok());
        QSqlQuery q(db.value().connection());
        QVERIFY(q.exec(QStringLiteral("SELECT id, version FROM releases WHERE state = 'approved' "
                                      "ORDER BY id LIMIT 1")));
        QVERIFY(q.next());
        release = q.value(0).toLongLong();
        version = q.value(1).toString();
    }
    ApiClient *manager = m_server.client(QStringLiteral("manager"));
    QVERIFY(manager);
    RemoteRolloutBackend rollouts(manager);
    const Operator who = manager->session().who;
    const RolloutPlan plan = TestServer::twoWavePlan(release, QStringLiteral("Fleet over the network"));
    auto created = spin(rollouts.create(who, plan, true));
    QVERIFY(created.isFinished());
    QVERIFY2(created.result().ok(), qPrintable(created.result().error().text()));
    const qint64 rollout = created.result().value().summary.id;
    const int targeted = created.result().value().summary.targets;
    QVERIFY(targeted > 10);

    NetworkFleet::Options options;
    options.endpoint = m_server.endpoint();
    options.concurrency = 8;
    options.durationMs = 90000;
    options.checkInIntervalMs = 300;
    options.postponeMs = 300;
    NetworkFleet fleet(options, m_devices);
    QSignalSpy finished(&fleet, &NetworkFleet::finished);
    fleet.start();

    auto state = [&] {
        auto f = spin(rollouts.rolloutDetail(who, rollout), 5000);
        return f.isFinished() && f.result().ok() ? f.result().value().summary : RolloutSummary();
    };
    RolloutSummary s;
    QTRY_VERIFY_WITH_TIMEOUT((s = state()).state == RolloutState::Completed
                                 || s.state == RolloutState::Halted,
                             90000);
    fleet.stop();
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 30000);
    const NetworkFleet::Summary summary = fleet.summary();
    qInfo().noquote() << summary.text();
    QCOMPARE(s.state, RolloutState::Completed);

    int succeeded = 0, failed = 0;
    for (const WaveProgress &wave : s.waves) {
        QCOMPARE(wave.state, WaveState::Succeeded);
        succeeded += wave.succeeded;
        failed += wave.failed;
    }
    QCOMPARE(succeeded + failed, targeted);
    // Every device the server counts as updated runs the release now, and the other way round.
    QCOMPARE(summary.updated, succeeded);
    QCOMPARE(fleet.devicesRunning(version), succeeded);
    QCOMPARE(summary.offers >= targeted, true);
    QCOMPARE(summary.images >= targeted - failed, true);
    QCOMPARE(summary.errorCount, 0);
    QCOMPARE(summary.reports.value(QStringLiteral("reboot succeeded")), succeeded);
}

void tst_FleetSim::boundedByRequests()
{
    NetworkFleet::Options options;
    options.endpoint = m_server.endpoint();
    options.concurrency = 4;
    options.maxRequests = 50;
    options.durationMs = 30000;
    options.checkInIntervalMs = 0;
    NetworkFleet fleet(options, m_devices.mid(0, 20));
    QSignalSpy finished(&fleet, &NetworkFleet::finished);
    fleet.start();
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 30000);
    const NetworkFleet::Summary summary = fleet.summary();
    QCOMPARE(summary.requests, 50);
    QCOMPARE(summary.checkIns, 50);
    QVERIFY(summary.elapsedMs < 30000);
    QVERIFY(summary.checkInP99Ms >= summary.checkInP50Ms);
}

QTEST_MAIN(tst_FleetSim)
#include "tst_fleetsim.moc"
