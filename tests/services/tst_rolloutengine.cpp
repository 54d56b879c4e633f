// SPDX-License-Identifier: Apache-2.0
// services/rollout and services/simulation, end to end on a demo fleet: a staged rollout of the
// approved demo release advances wave by wave, halts when a model fails, obeys pause, resume,
// cancel, manual gates and maintenance windows, and plays the same for the same seed.
#include "rolloutkit.h"

#include "storage/database.h"

#include <QCryptographicHash>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace Patchboard;
using namespace Patchboard::RolloutKit;

class TestRolloutEngine : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void previewExcludesAndOrders();
    void refusesWhatCannotBeRolledOut();
    void leavesOutDevicesAlreadyCurrent();
    void runsWaveByWaveToCompletion();
    void haltsWhenAModelFails();
    void pauseStopsNewOffers();
    void cancelLeavesPendingDevicesAlone();
    void manualGateWaitsForTheOperator();
    void deadlineHandsOverToTheManufacturer();
    void installsOnlyInTheMaintenanceWindow();
    void sameSeedPlaysTheSameFleet();

private:
    qint64 count(const QString &sql, const QVariantList &values = {});
    QString copyFleet(const QString &name);
    RolloutDetail createRollout(LocalRolloutBackend &backend, const RolloutPlan &plan);
    QByteArray eventDigest(const QString &path);

    QTemporaryDir m_dir;
    Fleet m_fleet;
    QString m_path; // this test function's copy of the fleet
};

void TestRolloutEngine::initTestCase()
{
    QVERIFY(m_dir.isValid());
    const QString problem = createFleet(m_dir.filePath(QStringLiteral("fleet.db")), 6000, &m_fleet);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QVERIFY(m_fleet.modelDevices > 100);
}

QString TestRolloutEngine::copyFleet(const QString &name)
{
    const QString path = m_dir.filePath(name + QStringLiteral(".db"));
    QFile::remove(path);
    // The fleet database is closed (WAL checkpointed) after createFleet.
    if (!QFile::copy(m_fleet.path, path))
        return {};
    return path;
}

void TestRolloutEngine::init()
{
    m_path = copyFleet(QString::fromLatin1(QTest::currentTestFunction()));
    QVERIFY(!m_path.isEmpty());
}

qint64 TestRolloutEngine::count(const QString &sql, const QVariantList &values)
{
    Result<Database> database = Database::open(m_path);
    if (!database)
        return -1;
    QSqlQuery q(database.value().connection());
    q.prepare(sql);
    for (const QVariant &value : values)
        q.addBindValue(value);
    if (!q.exec() || !q.next())
        return -1;
    return q.value(0).toLongLong();
}

RolloutDetail TestRolloutEngine::createRollout(LocalRolloutBackend &backend, const RolloutPlan &plan)
{
    const Result<RolloutDetail> created = wait(backend.create(manager(), plan, true));
    if (!created) {
        qWarning("%s", qPrintable(created.error().text()));
        return {};
    }
    return created.value();
}

void TestRolloutEngine::previewExcludesAndOrders()
{
    auto backend = openBackend(m_path);
    QVERIFY(backend);
    const Result<RolloutPreview> preview = wait(backend->preview(viewer(), plan(m_fleet)));
    QVERIFY2(preview.ok(), qPrintable(preview.error().text()));
    const RolloutPreview &p = preview.value();
    QVERIFY2(p.problems.isEmpty(), qPrintable(p.problems.join(QLatin1Char('\n'))));
    // Every device of the model is counted exactly once.
    QCOMPARE(p.targeted + p.alreadyCurrent + p.rooted + p.ported + p.unsupported + p.busy
                 + p.filteredOut,
             m_fleet.modelDevices);
    QVERIFY(p.targeted > 0);
    QCOMPARE(p.alreadyCurrent, 0); // the release's sequence is above every build of the model
    // Rooted and ported devices of the demo fleet are left out by default...
    QCOMPARE(p.rooted, int(count(QStringLiteral("SELECT count(*) FROM devices WHERE model_id = ? "
                                                 "AND exception_flags & 1"),
                                 {m_fleet.approvedModel})));
    // ...and come in when asked for.
    RolloutPlan including = plan(m_fleet);
    including.targets.includeRooted = true;
    including.targets.includePorted = true;
    const Result<RolloutPreview> more = wait(backend->preview(viewer(), including));
    QCOMPARE(more.value().targeted, p.targeted + p.rooted + p.ported);
    // Waves: canary 1% (at least one device), 10%, 50%, the rest; they add up.
    QCOMPARE(p.waveSizes.size(), 4);
    int sum = 0;
    for (int size : p.waveSizes)
        sum += size;
    QCOMPARE(sum, p.targeted);
    QCOMPARE(p.waveSizes[0], qMax(1, qRound(p.targeted * 0.01)));
    QCOMPARE(p.models.size(), 1);
    QCOMPARE(p.models[0].perWave, p.waveSizes);
    // The notice says it is a security update and names what it fixes (SSU-COM-0020/0030).
    QVERIFY(!p.noticeTitle.isEmpty());
    QVERIFY(p.noticeSummary.contains(QStringLiteral("security")));

    // A filter narrows the targets: only devices whose patch level is older than a date.
    RolloutPlan older = plan(m_fleet);
    older.targets.patchLevelBefore = QDate(2026, 6, 1);
    const Result<RolloutPreview> fewer = wait(backend->preview(viewer(), older));
    QCOMPARE(fewer.value().targeted,
             int(count(QStringLiteral("SELECT count(*) FROM devices WHERE model_id = ? AND "
                                      "patch_level < ? AND exception_flags = 0"),
                       {m_fleet.approvedModel,
                        QDate(2026, 6, 1).toJulianDay() - QDate(1970, 1, 1).toJulianDay()}))
                 - fewer.value().unsupported);
}

void TestRolloutEngine::refusesWhatCannotBeRolledOut()
{
    auto backend = openBackend(m_path);
    QVERIFY(backend);
    // A viewer may look but not plan.
    const Result<RolloutDetail> byViewer = wait(backend->create(viewer(), plan(m_fleet), true));
    QCOMPARE(byViewer.error().code, ServiceError::Code::PermissionDenied);
    // A release that is not approved.
    RolloutPlan unapproved = plan(m_fleet);
    unapproved.releaseId = 1; // the demo "clean" release: verified, awaiting approval
    const Result<RolloutPreview> preview = wait(backend->preview(viewer(), unapproved));
    QVERIFY(!preview.value().problems.isEmpty());
    QVERIFY2(preview.value().problems.join(QLatin1Char(' ')).contains(QStringLiteral("approved")),
             qPrintable(preview.value().problems.join(QLatin1Char(' '))));
    QCOMPARE(wait(backend->create(manager(), unapproved, true)).error().code,
             ServiceError::Code::InvalidArgument);
    // Waves that do not add up, a window of zero length.
    RolloutPlan bad = plan(m_fleet);
    bad.waves = {WavePlan{WavePlan::Size::Percent, 60, 0}, WavePlan{WavePlan::Size::Percent, 60, 0}};
    bad.window = MaintenanceWindow{true, QTime(2, 0), QTime(2, 0)};
    const Result<RolloutPreview> badPreview = wait(backend->preview(viewer(), bad));
    QVERIFY(badPreview.value().problems.size() >= 2);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM rollouts")), 0);
    // A device is in one active rollout at a time: a second rollout finds none left.
    QVERIFY(createRollout(*backend, plan(m_fleet)).summary.id > 0);
    const Result<RolloutPreview> second = wait(backend->preview(viewer(), plan(m_fleet)));
    QCOMPARE(second.value().targeted, 0);
    QVERIFY(second.value().busy > 0);
    QVERIFY(!second.value().problems.isEmpty());
}

void TestRolloutEngine::leavesOutDevicesAlreadyCurrent()
{
    // Anti-rollback (SESIP 5.5.6): devices that run the release's sequence number or a newer one
    // are never targeted, whatever the filter says.
    {
        Result<Database> database = Database::open(m_path);
        QVERIFY(database.ok());
        QSqlQuery q(database.value().connection());
        QVERIFY(q.exec(QStringLiteral("INSERT INTO firmware_versions (model_id, version, sequence, "
                                      "patch_level, released) SELECT r.model_id, 'newer', "
                                      "v.sequence + 5, 20000, 20000 FROM release_models r JOIN "
                                      "releases v ON v.id = r.release_id WHERE v.id = %1")
                           .arg(m_fleet.approvedRelease)));
        const qint64 newer = q.lastInsertId().toLongLong();
        QVERIFY(q.exec(QStringLiteral("UPDATE devices SET firmware_id = %1 WHERE id IN (SELECT id "
                                      "FROM devices WHERE model_id = %2 AND exception_flags = 0 "
                                      "ORDER BY id LIMIT 25)")
                           .arg(newer)
                           .arg(m_fleet.approvedModel)));
    }
    auto backend = openBackend(m_path);
    QVERIFY(backend);
    RolloutPlan p = plan(m_fleet);
    p.targets.includeRooted = p.targets.includePorted = p.targets.includeUnsupported = true;
    const RolloutPreview preview = wait(backend->preview(viewer(), p)).value();
    QCOMPARE(preview.alreadyCurrent, 25);
    QCOMPARE(preview.targeted, m_fleet.modelDevices - 25);
    const qint64 id = createRollout(*backend, p).summary.id;
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM rollout_targets t JOIN devices d ON d.id = "
                                  "t.device_id JOIN firmware_versions f ON f.id = d.firmware_id "
                                  "WHERE t.rollout_id = ? AND f.version = 'newer'"),
                   {id}),
             0);
}

void TestRolloutEngine::runsWaveByWaveToCompletion()
{
    auto backend = openBackend(m_path);
    QVERIFY(backend);
    RolloutPlan p = plan(m_fleet);
    for (WavePlan &wave : p.waves)
        wave.errorThreshold = 50; // this test is about advancing, not halting
    const RolloutDetail created = createRollout(*backend, p);
    const qint64 id = created.summary.id;
    QVERIFY(id > 0);
    QCOMPARE(created.summary.state, RolloutState::Scheduled);
    const int targets = created.summary.targets;

    const Result<qint64> played = wait(backend->runUntil(start().addDays(30)));
    QVERIFY2(played.ok(), qPrintable(played.error().text()));
    QVERIFY(played.value() >= targets * 5 - targets / 10);
    const Result<RolloutDetail> detail = wait(backend->rolloutDetail(viewer(), id));
    QVERIFY(detail.ok());
    const RolloutSummary &s = detail.value().summary;
    QCOMPARE(s.state, RolloutState::Completed);
    QCOMPARE(s.succeeded() + s.failed(), targets);
    QVERIFY(s.failed() < targets / 10);
    for (const WaveProgress &wave : s.waves) {
        QCOMPARE(wave.state, WaveState::Succeeded);
        QVERIFY(wave.started.isValid());
    }
    // Waves started in order, each after the one before had succeeded and soaked.
    for (int i = 1; i < s.waves.size(); ++i)
        QVERIFY(s.waves[i].started >= s.waves[i - 1].nextWaveAt);
    // No device was offered the update twice; every target got exactly one offer.
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM (SELECT device_id FROM update_events WHERE "
                                  "rollout_id = ? AND phase = 'offer' GROUP BY device_id HAVING "
                                  "count(*) > 1)"),
                   {id}),
             0);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM update_events WHERE rollout_id = ? AND "
                                  "phase = 'offer'"),
                   {id}),
             targets);
    // Updated devices run the release's build, with its patch level, applied on the day.
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM devices d JOIN firmware_versions f ON f.id "
                                  "= d.firmware_id JOIN rollout_targets t ON t.device_id = d.id "
                                  "JOIN releases r ON r.id = ? WHERE t.rollout_id = ? AND t.state "
                                  "= 7 AND f.sequence = r.sequence AND d.patch_level = "
                                  "r.patch_level AND d.update_state = 0"),
                   {m_fleet.approvedRelease, id}),
             qint64(s.succeeded()));
    // Failed devices keep their firmware and say so.
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM devices d JOIN rollout_targets t ON "
                                  "t.device_id = d.id WHERE t.rollout_id = ? AND t.state IN (8, 9) "
                                  "AND d.update_state IN (6, 7)"),
                   {id}),
             qint64(s.failed()));
    // The wave counters agree with the devices.
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM rollout_targets WHERE rollout_id = ? AND "
                                  "state = 7"),
                   {id}),
             qint64(s.succeeded()));
    // History: created, scheduled, started, waves 2..4 started, completed.
    QStringList kinds;
    for (const RolloutTransition &t : detail.value().history)
        kinds << rolloutStateName(t.to);
    QCOMPARE(kinds.first(), QStringLiteral("draft"));
    QCOMPARE(kinds.last(), QStringLiteral("completed"));
    QVERIFY(detail.value().history.last().reason.contains(QString::number(s.succeeded())));
    // Nothing left active: the devices can be in the next rollout.
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM rollout_targets WHERE active = 1")), 0);
}

void TestRolloutEngine::haltsWhenAModelFails()
{
    auto backend = openBackend(m_path);
    QVERIFY(backend);
    // Fault injection: the model fails half of its updates.
    SimulationSettings faulty = wait(backend->simulation()).value();
    faulty.failureRates = {{m_fleet.approvedModel, 0.5}};
    QVERIFY(wait(backend->setSimulation(manager(), faulty)).ok());
    const RolloutDetail created = createRollout(*backend, plan(m_fleet));
    const qint64 id = created.summary.id;
    QVERIFY(id > 0);
    QVERIFY(wait(backend->runUntil(start().addDays(10))).ok());
    RolloutSummary s = wait(backend->rolloutDetail(viewer(), id)).value().summary;
    QCOMPARE(s.state, RolloutState::Halted);
    QCOMPARE(s.waves[0].state, WaveState::Halted);
    QVERIFY2(s.haltReason.contains(QStringLiteral("error threshold")), qPrintable(s.haltReason));
    // It halted as soon as the canary had enough results: the next wave never started.
    QCOMPARE(s.waves[1].state, WaveState::Pending);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM update_events WHERE rollout_id = ? AND "
                                  "wave > 1"),
                   {id}),
             0);
    // Nothing new is offered while halted.
    const qint64 offers = count(QStringLiteral("SELECT count(*) FROM update_events WHERE "
                                               "rollout_id = ? AND phase = 'offer'"),
                                {id});
    QVERIFY(wait(backend->runUntil(start().addDays(12))).ok());
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM update_events WHERE rollout_id = ? AND "
                                  "phase = 'offer'"),
                   {id}),
             offers);
    // The cause is dealt with (rates back to normal); resumed, the rollout runs to the end.
    faulty.failureRates.clear();
    QVERIFY(wait(backend->setSimulation(manager(), faulty)).ok());
    const Result<RolloutDetail> resumed =
        wait(backend->resume(manager(), id, QStringLiteral("bad batch pulled"), 60));
    QVERIFY2(resumed.ok(), qPrintable(resumed.error().text()));
    QCOMPARE(resumed.value().summary.state, RolloutState::Running);
    QVERIFY(resumed.value().summary.haltReason.isEmpty());
    QVERIFY(wait(backend->runUntil(start().addDays(60))).ok());
    const RolloutDetail end = wait(backend->rolloutDetail(viewer(), id)).value();
    s = end.summary;
    QCOMPARE(s.state, RolloutState::Completed);
}

void TestRolloutEngine::pauseStopsNewOffers()
{
    auto backend = openBackend(m_path);
    QVERIFY(backend);
    RolloutPlan p = plan(m_fleet);
    for (WavePlan &wave : p.waves)
        wave.errorThreshold = 50;
    const qint64 id = createRollout(*backend, p).summary.id;
    QVERIFY(wait(backend->runUntil(start().addSecs(3 * 3600))).ok());
    const Result<RolloutDetail> paused = wait(backend->pause(manager(), id, QStringLiteral("lunch")));
    QVERIFY2(paused.ok(), qPrintable(paused.error().text()));
    QCOMPARE(paused.value().summary.state, RolloutState::Paused);
    const QString offers = QStringLiteral("SELECT count(*) FROM update_events WHERE rollout_id = ? "
                                          "AND phase = 'offer'");
    const qint64 before = count(offers, {id});
    QVERIFY(before > 0);
    QVERIFY(wait(backend->runUntil(start().addDays(3))).ok());
    QCOMPARE(count(offers, {id}), before);
    // Devices that had started finished meanwhile.
    const RolloutSummary s = wait(backend->rolloutDetail(viewer(), id)).value().summary;
    QCOMPARE(s.inProgress(), 0);
    // A paused rollout cannot be paused again, and a viewer cannot resume it.
    QCOMPARE(wait(backend->pause(manager(), id, {})).error().code, ServiceError::Code::InvalidArgument);
    QCOMPARE(wait(backend->resume(viewer(), id, {})).error().code, ServiceError::Code::PermissionDenied);
    QVERIFY(wait(backend->resume(manager(), id, QStringLiteral("back"))).ok());
    QVERIFY(wait(backend->runUntil(start().addDays(4))).ok());
    QVERIFY(count(offers, {id}) > before);
}

void TestRolloutEngine::cancelLeavesPendingDevicesAlone()
{
    auto backend = openBackend(m_path);
    QVERIFY(backend);
    const RolloutDetail created = createRollout(*backend, plan(m_fleet));
    const qint64 id = created.summary.id;
    QVERIFY(wait(backend->runUntil(start().addSecs(2 * 3600))).ok());
    QCOMPARE(wait(backend->cancel(manager(), id, {})).error().code,
             ServiceError::Code::InvalidArgument); // a reason is required
    const Result<RolloutDetail> cancelled =
        wait(backend->cancel(manager(), id, QStringLiteral("wrong release")));
    QVERIFY2(cancelled.ok(), qPrintable(cancelled.error().text()));
    QCOMPARE(cancelled.value().summary.state, RolloutState::Cancelled);
    const qint64 offered = count(QStringLiteral("SELECT count(*) FROM update_events WHERE "
                                                "rollout_id = ? AND phase = 'offer'"),
                                 {id});
    QVERIFY(wait(backend->runUntil(start().addDays(5))).ok());
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM update_events WHERE rollout_id = ? AND "
                                  "phase = 'offer'"),
                   {id}),
             offered);
    // Every device not offered is cancelled and free for another rollout; none is lost.
    const RolloutSummary s = wait(backend->rolloutDetail(viewer(), id)).value().summary;
    int cancelledDevices = 0;
    for (const WaveProgress &wave : s.waves)
        cancelledDevices += wave.cancelled;
    QCOMPARE(qint64(cancelledDevices), s.targets - offered);
    QCOMPARE(s.succeeded() + s.failed() + cancelledDevices, s.targets);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM rollout_targets WHERE active = 1")), 0);
}

void TestRolloutEngine::manualGateWaitsForTheOperator()
{
    auto backend = openBackend(m_path);
    QVERIFY(backend);
    RolloutPlan p = plan(m_fleet);
    p.waves[0].manualGate = true;
    p.waves[0].errorThreshold = 50;
    const qint64 id = createRollout(*backend, p).summary.id;
    QCOMPARE(wait(backend->continueToNextWave(manager(), id)).error().code,
             ServiceError::Code::InvalidArgument); // nothing waits yet
    QVERIFY(wait(backend->runUntil(start().addDays(3))).ok());
    RolloutSummary s = wait(backend->rolloutDetail(viewer(), id)).value().summary;
    QCOMPARE(s.state, RolloutState::Running);
    QCOMPARE(s.waves[0].state, WaveState::Succeeded);
    QVERIFY(s.waves[0].waitingForGate);
    QCOMPARE(s.waves[1].state, WaveState::Pending);
    QVERIFY(wait(backend->continueToNextWave(manager(), id)).ok());
    QVERIFY(wait(backend->runUntil(start().addDays(3).addSecs(600))).ok());
    s = wait(backend->rolloutDetail(viewer(), id)).value().summary;
    QCOMPARE(s.waves[1].state == WaveState::Running || s.waves[1].state == WaveState::Succeeded, true);
    QVERIFY(!s.waves[0].waitingForGate);
}

void TestRolloutEngine::deadlineHandsOverToTheManufacturer()
{
    auto backend = openBackend(m_path);
    QVERIFY(backend);
    RolloutPlan p = plan(m_fleet);
    p.deadline = start().addSecs(2 * 3600); // the canary's devices check in over six hours
    p.waves[0].percent = 30; // enough devices to have some updating when the deadline passes
    p.notice.manufacturerFallback = true;
    p.notice.fallbackUrl = QStringLiteral("https://updates.example.com");
    const qint64 id = createRollout(*backend, p).summary.id;
    // Just past the deadline (one transaction plays it all): the devices that were offered
    // the update before it are still updating, and still the rollout's (active), not expired.
    QVERIFY(wait(backend->runUntil(p.deadline.addSecs(120))).ok());
    QVERIFY(count(QStringLiteral("SELECT count(*) FROM rollout_targets WHERE rollout_id = ? AND "
                                 "state BETWEEN ? AND ?"),
                  {id, int(TargetState::Offered), int(TargetState::Postponed)})
            > 0);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM rollout_targets WHERE rollout_id = ? AND "
                                  "state BETWEEN ? AND ? AND active = 0"),
                   {id, int(TargetState::Offered), int(TargetState::Postponed)}),
             0);
    QVERIFY(wait(backend->runUntil(start().addDays(10))).ok());
    const RolloutDetail detail = wait(backend->rolloutDetail(viewer(), id)).value();
    const RolloutSummary &s = detail.summary;
    // Devices offered before the deadline finished; the others were never offered.
    QCOMPARE(s.state, RolloutState::Completed);
    int expired = 0;
    for (const WaveProgress &wave : s.waves)
        expired += wave.cancelled;
    QVERIFY(expired > 0);
    QCOMPARE(s.succeeded() + s.failed() + expired, s.targets);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM update_events WHERE rollout_id = ? AND "
                                  "phase = 'offer' AND time > ?"),
                   {id, p.deadline.toSecsSinceEpoch()}),
             0);
    // The targets' rows agree: a device offered the update in the same transaction as the
    // deadline's expiry (the simulator writes target rows at its end) is not expired with the
    // never-offered ones.
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM rollout_targets WHERE rollout_id = ? AND "
                                  "state = ?"),
                   {id, int(TargetState::Expired)}),
             expired);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM rollout_targets t WHERE t.rollout_id = ? "
                                  "AND t.state = ? AND EXISTS (SELECT 1 FROM update_events e "
                                  "WHERE e.rollout_id = t.rollout_id AND e.device_id = "
                                  "t.device_id)"),
                   {id, int(TargetState::Expired)}),
             0);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM rollout_targets WHERE rollout_id = ? AND "
                                  "active = 1"),
                   {id}),
             0);
    bool handedOver = false;
    for (const RolloutTransition &t : detail.history)
        handedOver = handedOver || t.reason.contains(QStringLiteral("https://updates.example.com"));
    QVERIFY(handedOver);
}

void TestRolloutEngine::installsOnlyInTheMaintenanceWindow()
{
    auto backend = openBackend(m_path);
    QVERIFY(backend);
    RolloutPlan p = plan(m_fleet);
    p.window = MaintenanceWindow{true, QTime(1, 0), QTime(5, 0)};
    for (WavePlan &wave : p.waves)
        wave.errorThreshold = 50;
    const qint64 id = createRollout(*backend, p).summary.id;
    QVERIFY(wait(backend->runUntil(start().addDays(20))).ok());
    Result<Database> database = Database::open(m_path);
    QVERIFY(database.ok());
    QSqlQuery q(database.value().connection());
    QVERIFY(q.exec(QStringLiteral("SELECT e.time, g.time_zone, e.outcome FROM update_events e JOIN "
                                  "devices d ON d.id = e.device_id JOIN regions g ON g.id = "
                                  "d.region_id WHERE e.rollout_id = %1 AND e.phase = 'install'")
                       .arg(id)));
    int installs = 0;
    QSet<QString> zones;
    while (q.next()) {
        const QTimeZone zone(q.value(1).toString().toUtf8());
        const QDateTime local =
            QDateTime::fromSecsSinceEpoch(q.value(0).toLongLong(), Qt::UTC).toTimeZone(zone);
        // An install starts inside 01:00-05:00 and takes at most ten minutes.
        QVERIFY2(local.time() >= QTime(1, 0) && local.time() < QTime(5, 10),
                 qPrintable(local.toString(Qt::ISODate) + QLatin1Char(' ') + q.value(1).toString()));
        zones.insert(q.value(1).toString());
        ++installs;
    }
    QVERIFY(installs > 0);
    QVERIFY(zones.size() > 5); // across many time zones
}

QByteArray TestRolloutEngine::eventDigest(const QString &path)
{
    Result<Database> database = Database::open(path);
    if (!database)
        return {};
    QSqlQuery q(database.value().connection());
    q.exec(QStringLiteral("SELECT device_id, phase, outcome, reason, time FROM update_events "
                          "ORDER BY device_id, time, id"));
    QCryptographicHash hash(QCryptographicHash::Sha256);
    while (q.next()) {
        for (int i = 0; i < 5; ++i)
            hash.addData(QByteArray(q.value(i).toString().toUtf8() + '|'));
    }
    return hash.result().toHex();
}

void TestRolloutEngine::sameSeedPlaysTheSameFleet()
{
    QByteArray digests[3];
    const quint64 seeds[3] = {7, 7, 8};
    for (int run = 0; run < 3; ++run) {
        const QString path = copyFleet(QStringLiteral("seed%1").arg(run));
        auto backend = openBackend(path, seeds[run]);
        QVERIFY(backend);
        RolloutPlan p = plan(m_fleet);
        for (WavePlan &wave : p.waves)
            wave.errorThreshold = 50;
        QVERIFY(wait(backend->create(manager(), p, true)).ok());
        QVERIFY(wait(backend->runUntil(start().addDays(2))).ok());
        backend.reset();
        digests[run] = eventDigest(path);
    }
    QVERIFY(!digests[0].isEmpty());
    QCOMPARE(digests[0], digests[1]);
    QVERIFY(digests[0] != digests[2]);
}

QTEST_GUILESS_MAIN(TestRolloutEngine)
#include "tst_rolloutengine.moc"
