// SPDX-License-Identifier: Apache-2.0
// Crash-resume of the embedded rollout engine (issue #4: "every transition is one SQLite
// transaction: killing the process at any point and restarting resumes exactly where it was,
// with no device offered the update twice and none lost").
//
// The same rollout is created in two copies of one demo fleet. The reference copy plays to the
// end in this process. The crash copy is played by a child process (this binary again, with
// PATCHBOARD_ROLLOUT_CHILD naming the database) at maximum speed and killed with SIGKILL at a
// random moment, several times; after each kill the database must be consistent: wave counters
// agree with the targets, every offered device has exactly one offer, target rows, device rows
// and events were written together, every device's events so far are the beginning of its
// reference history (none replayed, none skipped), the audit chain verifies. Finished in this
// process, the crash copy must end exactly like the reference: outcomes are a pure function of
// (seed, rollout, device), so a crash may change when things happened but never what happened.
//
// PATCHBOARD_CRASH_SEED=<n> replays the kill delays of a failed run (the seed is printed).
#include "rolloutkit.h"

#include "audit/auditlog.h"
#include "domain/updateoutcome.h"
#include "storage/database.h"

#include <QFile>
#include <QHash>
#include <QProcess>
#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cstdio>
#include <memory>

using namespace Patchboard;
using namespace Patchboard::RolloutKit;

namespace {

const char *const ChildVariable = "PATCHBOARD_ROLLOUT_CHILD";
constexpr quint64 Seed = 7;
// The approved demo release is for one hardware model: ~20,000 of these devices, ~100,000
// events. Sized so that five children killed at most 400 ms after their first progress line play
// about half of the rollout on the 2-core reference machine (the test needs at least three kills
// before the end), and the whole test stays near 10 s.
constexpr int FleetDevices = 160000;
constexpr qint64 ChunkSeconds = 900; // simulated time between two progress lines of the child
constexpr int Kills = 5;
constexpr int MinimumMidRolloutKills = 3;
constexpr int PlayDays = 60; // far beyond the end of the rollout

// The child: plays every rollout in the database to its end at maximum speed, in chunks of
// simulated time, printing a line after each. Exit status 0 when all completed.
int runChild(const QString &path)
{
    std::unique_ptr<LocalRolloutBackend> backend = openBackend(path, Seed);
    if (!backend)
        return 2;
    const QDateTime end = start().addDays(PlayDays);
    for (;;) {
        const Result<QList<RolloutSummary>> list = wait(backend->rollouts(viewer()));
        if (!list) {
            std::fprintf(stderr, "child: %s\n", qPrintable(list.error().text()));
            return 2;
        }
        const bool completed
            = std::all_of(list.value().cbegin(), list.value().cend(), [](const RolloutSummary &s) {
                  return s.state == RolloutState::Completed;
              });
        if (completed) {
            std::printf("done\n");
            std::fflush(stdout);
            return 0;
        }
        const Result<SimulationSettings> settings = wait(backend->simulation());
        if (!settings)
            return 2;
        if (settings.value().clock >= end) {
            std::fprintf(stderr, "child: the rollout did not complete by %s\n",
                         qPrintable(end.toString(Qt::ISODate)));
            return 3;
        }
        const Result<qint64> played
            = wait(backend->runUntil(settings.value().clock.addSecs(ChunkSeconds)));
        if (!played) {
            std::fprintf(stderr, "child: %s\n", qPrintable(played.error().text()));
            return 2;
        }
        std::printf("progress %s %lld\n",
                    qPrintable(settings.value().clock.addSecs(ChunkSeconds).toString(Qt::ISODate)),
                    static_cast<long long>(played.value()));
        std::fflush(stdout);
    }
}

// One update event as the comparison sees it: what happened, not when.
struct Event
{
    QString phase;
    QString outcome;
    QString reason;

    bool operator==(const Event &other) const
    {
        return phase == other.phase && outcome == other.outcome && reason == other.reason;
    }
    bool operator!=(const Event &other) const { return !(*this == other); }
    QString text() const
    {
        QString text = phase + QLatin1Char('/') + outcome;
        if (!reason.isEmpty())
            text += QLatin1Char('/') + reason;
        return text;
    }
};

QString historyText(const QList<Event> &events)
{
    QStringList parts;
    for (const Event &e : events)
        parts.append(e.text());
    return QLatin1Char('[') + parts.join(QStringLiteral(", ")) + QLatin1Char(']');
}

// One targeted device of the rollout: its target row, its firmware and its events in order.
struct Target
{
    int wave = 0;
    int state = 0;
    int attempts = 0;
    qint64 firmware = 0;
    QList<Event> events;
};

struct Snapshot
{
    QString error; // empty when read
    QString rolloutState;
    QHash<qint64, Target> targets;
    qint64 events = 0;
    qint64 strayEvents = 0; // events of the rollout for devices that are not its targets
};

Snapshot readSnapshot(Database &database, qint64 rollout)
{
    Snapshot s;
    QSqlQuery q(database.connection());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT state FROM rollouts WHERE id = ?"));
    q.addBindValue(rollout);
    if (!q.exec() || !q.next()) {
        s.error = QStringLiteral("rollout %1 not found: %2").arg(rollout).arg(q.lastError().text());
        return s;
    }
    s.rolloutState = q.value(0).toString();
    q.prepare(QStringLiteral("SELECT t.device_id, t.wave, t.state, t.attempts, d.firmware_id FROM "
                             "rollout_targets t JOIN devices d ON d.id = t.device_id WHERE "
                             "t.rollout_id = ?"));
    q.addBindValue(rollout);
    if (!q.exec()) {
        s.error = q.lastError().text();
        return s;
    }
    while (q.next()) {
        Target t;
        t.wave = q.value(1).toInt();
        t.state = q.value(2).toInt();
        t.attempts = q.value(3).toInt();
        t.firmware = q.value(4).toLongLong();
        s.targets.insert(q.value(0).toLongLong(), t);
    }
    q.prepare(QStringLiteral("SELECT device_id, phase, outcome, reason FROM update_events WHERE "
                             "rollout_id = ? ORDER BY device_id, id"));
    q.addBindValue(rollout);
    if (!q.exec()) {
        s.error = q.lastError().text();
        return s;
    }
    while (q.next()) {
        ++s.events;
        const auto target = s.targets.find(q.value(0).toLongLong());
        if (target == s.targets.end()) {
            ++s.strayEvents;
            continue;
        }
        target->events.append(
            Event{q.value(1).toString(), q.value(2).toString(), q.value(3).toString()});
    }
    return s;
}

Snapshot readSnapshot(const QString &path, qint64 rollout)
{
    Result<Database> database = Database::open(path);
    if (!database) {
        Snapshot s;
        s.error = database.error().text();
        return s;
    }
    return readSnapshot(database.value(), rollout);
}

// Where a device stands after these events, as the simulator moves it: the state its target row
// must have been committed with, together with the events.
TargetState stateAfter(const QList<Event> &events)
{
    if (events.isEmpty())
        return TargetState::Pending;
    const Event &last = events.last();
    const auto is = [&last](UpdatePhase phase, UpdateOutcome outcome) {
        return last.phase == updatePhaseCode(phase) && last.outcome == updateOutcomeCode(outcome);
    };
    if (last.outcome == updateOutcomeCode(UpdateOutcome::Failed))
        return TargetState::Failed;
    if (is(UpdatePhase::Reboot, UpdateOutcome::RolledBack))
        return TargetState::RolledBack;
    if (is(UpdatePhase::Reboot, UpdateOutcome::Succeeded))
        return TargetState::Succeeded;
    if (is(UpdatePhase::Install, UpdateOutcome::Postponed))
        return TargetState::Postponed;
    if (is(UpdatePhase::Install, UpdateOutcome::Ok))
        return TargetState::Rebooting;
    if (is(UpdatePhase::Verify, UpdateOutcome::Ok))
        return TargetState::Installing;
    if (is(UpdatePhase::Download, UpdateOutcome::Ok))
        return TargetState::Verifying;
    if (is(UpdatePhase::Offer, UpdateOutcome::Ok))
        return TargetState::Downloading;
    return TargetState::Expired; // an event the simulator never writes: reported as a mismatch
}

// Collects what is wrong, with the first few cases spelled out.
class Problems
{
public:
    void add(const QString &kind, const QString &text)
    {
        const int n = ++m_counts[kind];
        if (n <= 5)
            m_lines.append(kind + QStringLiteral(": ") + text);
        else if (n == 6)
            m_lines.append(kind + QStringLiteral(": ..."));
    }
    bool isEmpty() const { return m_counts.isEmpty(); }
    QString text() const
    {
        QStringList totals;
        for (auto it = m_counts.cbegin(); it != m_counts.cend(); ++it)
            totals.append(QStringLiteral("%1 x%2").arg(it.key()).arg(it.value()));
        std::sort(totals.begin(), totals.end());
        return totals.join(QStringLiteral(", ")) + QLatin1Char('\n')
            + m_lines.join(QLatin1Char('\n'));
    }

private:
    QHash<QString, int> m_counts;
    QStringList m_lines;
};

// The checks after a kill, on the database as the restarted process finds it. reference is the
// finished reference rollout: every device's history so far must be the beginning of its
// reference history.
void checkConsistency(const QString &path, qint64 rollout, qint64 release,
                      const Snapshot &reference, Problems &problems, Snapshot *snapshot)
{
    Result<Database> opened = Database::open(path);
    if (!opened) {
        problems.add(QStringLiteral("open"), opened.error().text());
        return;
    }
    Database &database = opened.value();
    QSqlQuery q(database.connection());
    q.setForwardOnly(true);

    // (a) No device was offered the update more than once.
    q.prepare(QStringLiteral("SELECT device_id, count(*) FROM update_events WHERE rollout_id = ? "
                             "AND phase = ? GROUP BY device_id HAVING count(*) > 1"));
    q.addBindValue(rollout);
    q.addBindValue(updatePhaseCode(UpdatePhase::Offer));
    if (!q.exec())
        problems.add(QStringLiteral("query"), q.lastError().text());
    while (q.next())
        problems.add(QStringLiteral("offered twice"),
                     QStringLiteral("device %1 has %2 offer events")
                         .arg(q.value(0).toLongLong())
                         .arg(q.value(1).toLongLong()));

    // (b) The wave counters agree with the targets' states.
    q.prepare(QStringLiteral(
        "SELECT w.number, w.pending, w.in_progress, w.postponed, w.succeeded, w.failed, "
        "w.rolled_back, w.cancelled, "
        "(SELECT count(*) FROM rollout_targets t WHERE t.rollout_id = w.rollout_id AND t.wave = "
        "w.number AND t.state = 0), "
        "(SELECT count(*) FROM rollout_targets t WHERE t.rollout_id = w.rollout_id AND t.wave = "
        "w.number AND t.state BETWEEN 1 AND 5), "
        "(SELECT count(*) FROM rollout_targets t WHERE t.rollout_id = w.rollout_id AND t.wave = "
        "w.number AND t.state = 6), "
        "(SELECT count(*) FROM rollout_targets t WHERE t.rollout_id = w.rollout_id AND t.wave = "
        "w.number AND t.state = 7), "
        "(SELECT count(*) FROM rollout_targets t WHERE t.rollout_id = w.rollout_id AND t.wave = "
        "w.number AND t.state IN (8, 9)), "
        "(SELECT count(*) FROM rollout_targets t WHERE t.rollout_id = w.rollout_id AND t.wave = "
        "w.number AND t.state = 9), "
        "(SELECT count(*) FROM rollout_targets t WHERE t.rollout_id = w.rollout_id AND t.wave = "
        "w.number AND t.state IN (10, 11)) "
        "FROM rollout_waves w WHERE w.rollout_id = ? ORDER BY w.number"));
    q.addBindValue(rollout);
    if (!q.exec())
        problems.add(QStringLiteral("query"), q.lastError().text());
    const char *const counters[] = {"pending", "in_progress", "postponed", "succeeded",
                                    "failed",  "rolled_back", "cancelled"};
    while (q.next()) {
        for (int i = 0; i < 7; ++i) {
            if (q.value(1 + i).toLongLong() != q.value(8 + i).toLongLong())
                problems.add(QStringLiteral("wave counter"),
                             QStringLiteral("wave %1 %2: counter %3, targets in that state %4")
                                 .arg(q.value(0).toInt())
                                 .arg(QLatin1String(counters[i]))
                                 .arg(q.value(1 + i).toLongLong())
                                 .arg(q.value(8 + i).toLongLong()));
        }
    }

    // (d) Devices whose target succeeded run the release's build; the others do not yet.
    q.prepare(QStringLiteral(
        "SELECT t.device_id, t.state, f.sequence, r.sequence FROM rollout_targets t JOIN devices "
        "d ON d.id = t.device_id JOIN releases r ON r.id = ? LEFT JOIN firmware_versions f ON "
        "f.id = d.firmware_id WHERE t.rollout_id = ? AND ((t.state = 7) <> (f.sequence IS NOT "
        "NULL AND f.sequence = r.sequence))"));
    q.addBindValue(release);
    q.addBindValue(rollout);
    if (!q.exec())
        problems.add(QStringLiteral("query"), q.lastError().text());
    while (q.next())
        problems.add(QStringLiteral("firmware"),
                     QStringLiteral("device %1 in target state %2 runs a build of sequence %3, "
                                    "the release's is %4")
                         .arg(q.value(0).toLongLong())
                         .arg(q.value(1).toInt())
                         .arg(q.value(2).toString(), q.value(3).toString()));
    q.finish();

    // (e) The audit chain still verifies.
    const Result<AuditVerification> audit = AuditLog(database).verify();
    if (!audit)
        problems.add(QStringLiteral("audit"), audit.error().text());
    else if (!audit.value().intact)
        problems.add(QStringLiteral("audit"), audit.value().problem);

    // (c) Offered targets have exactly one offer, the others none; and (none lost, none twice)
    // every device's events so far are the beginning of its reference history, committed
    // together with its target state.
    *snapshot = readSnapshot(database, rollout);
    const Snapshot &s = *snapshot;
    if (!s.error.isEmpty()) {
        problems.add(QStringLiteral("read"), s.error);
        return;
    }
    if (s.strayEvents > 0)
        problems.add(
            QStringLiteral("stray events"),
            QStringLiteral("%1 events for devices that are not targets").arg(s.strayEvents));
    if (s.targets.size() != reference.targets.size())
        problems.add(QStringLiteral("targets"),
                     QStringLiteral("%1 targets, the reference has %2")
                         .arg(s.targets.size())
                         .arg(reference.targets.size()));
    const QString offer = updatePhaseCode(UpdatePhase::Offer);
    const QString postponed = updateOutcomeCode(UpdateOutcome::Postponed);
    for (auto it = s.targets.cbegin(); it != s.targets.cend(); ++it) {
        const qint64 device = it.key();
        const Target &t = it.value();
        const qint64 offers = std::count_if(t.events.cbegin(), t.events.cend(),
                                            [&](const Event &e) { return e.phase == offer; });
        const bool offered
            = t.state >= int(TargetState::Offered) && t.state <= int(TargetState::RolledBack);
        if (offers != (offered ? 1 : 0))
            problems.add(QStringLiteral("offer count"),
                         QStringLiteral("device %1 in target state %2 has %3 offer events")
                             .arg(device)
                             .arg(t.state)
                             .arg(offers));
        const auto ref = reference.targets.constFind(device);
        if (ref == reference.targets.cend()) {
            problems.add(QStringLiteral("targets"),
                         QStringLiteral("device %1 is not a target of the reference").arg(device));
            continue;
        }
        const QList<Event> &expected = ref->events;
        if (t.events.size() > expected.size()
            || !std::equal(t.events.cbegin(), t.events.cend(), expected.cbegin()))
            problems.add(QStringLiteral("history"),
                         QStringLiteral("device %1: events %2 are not the beginning of the "
                                        "reference's %3")
                             .arg(device)
                             .arg(historyText(t.events), historyText(expected)));
        const TargetState after = stateAfter(t.events);
        if (t.state != int(after))
            problems.add(QStringLiteral("target state"),
                         QStringLiteral("device %1: target state %2, its events %3 lead to %4")
                             .arg(device)
                             .arg(t.state)
                             .arg(historyText(t.events))
                             .arg(int(after)));
        const qint64 postponements
            = std::count_if(t.events.cbegin(), t.events.cend(),
                            [&](const Event &e) { return e.outcome == postponed; });
        if (t.attempts != postponements)
            problems.add(QStringLiteral("attempts"),
                         QStringLiteral("device %1: %2 attempts recorded, %3 postponements in its "
                                        "events")
                             .arg(device)
                             .arg(t.attempts)
                             .arg(postponements));
    }
}

// Waits for the child's next line; false when it ended (or timed out) first.
bool readLine(QProcess &child, QByteArray *line, int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    while (!child.canReadLine()) {
        if (child.state() == QProcess::NotRunning || timer.elapsed() > timeoutMs)
            return false;
        child.waitForReadyRead(50);
    }
    *line = child.readLine().trimmed();
    return true;
}

} // namespace

class TestRolloutCrash : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void referencePlaysToTheEnd();
    void killedChildLeavesAConsistentDatabase();
    void resumedRolloutEndsLikeTheReference();

private:
    qint64 createRollout(const QString &path, int *targets);

    // Made in initTestCase: "-functions" ends the program without destructors.
    std::unique_ptr<QTemporaryDir> m_dir;
    Fleet m_fleet;
    QString m_reference;
    QString m_crash;
    qint64 m_rollout = 0;
    Snapshot m_expected; // the reference at its end
    int m_kills = 0;
};

qint64 TestRolloutCrash::createRollout(const QString &path, int *targets)
{
    std::unique_ptr<LocalRolloutBackend> backend = openBackend(path, Seed);
    if (!backend)
        return 0;
    RolloutPlan p = plan(m_fleet);
    // Every device of the model, so that the rollout runs long enough to be killed in.
    p.targets.includeRooted = true;
    p.targets.includePorted = true;
    p.targets.includeUnsupported = true;
    // Installs in the maintenance window, in each device's time zone: the rollout takes days of
    // simulated time, and crashes land before, in and after windows.
    p.window = MaintenanceWindow{true, QTime(1, 0), QTime(5, 0)};
    // No halt may stop the rollout, in either copy: the copies step at different moments, so a
    // decision that depends on the counts at a step's end must not be close. Hence a high error
    // threshold with many results before it applies (failures in the download phase are reported
    // long before any success, which waits for the window), and a success threshold that a small
    // wave with a few failures still reaches. This test is about resuming, not halting.
    for (WavePlan &wave : p.waves) {
        wave.errorThreshold = 50;
        wave.minimumResults = 500;
        wave.successThreshold = 80;
    }
    const Result<RolloutDetail> created = wait(backend->create(manager(), p, true));
    if (!created) {
        qWarning("%s", qPrintable(created.error().text()));
        return 0;
    }
    *targets = created.value().summary.targets;
    return created.value().summary.id;
}

void TestRolloutCrash::initTestCase()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    const QString fleet = m_dir->filePath(QStringLiteral("fleet.db"));
    const QString problem = createFleet(fleet, FleetDevices, &m_fleet);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    // The fleet database is closed (WAL checkpointed): the copies are byte for byte the same.
    m_reference = m_dir->filePath(QStringLiteral("reference.db"));
    m_crash = m_dir->filePath(QStringLiteral("crash.db"));
    QVERIFY(QFile::copy(fleet, m_reference));
    QVERIFY(QFile::copy(fleet, m_crash));
    int referenceTargets = 0;
    int crashTargets = 0;
    m_rollout = createRollout(m_reference, &referenceTargets);
    QVERIFY(m_rollout > 0);
    QCOMPARE(createRollout(m_crash, &crashTargets), m_rollout);
    QCOMPARE(crashTargets, referenceTargets);
    QVERIFY2(referenceTargets > 1000, qPrintable(QString::number(referenceTargets)));
    qInfo("fleet of %d devices, rollout %lld of %d targets", FleetDevices,
          static_cast<long long>(m_rollout), referenceTargets);
}

void TestRolloutCrash::referencePlaysToTheEnd()
{
    std::unique_ptr<LocalRolloutBackend> backend = openBackend(m_reference, Seed);
    QVERIFY(backend);
    QElapsedTimer timer;
    timer.start();
    const Result<qint64> played = wait(backend->runUntil(start().addDays(PlayDays)));
    QVERIFY2(played.ok(), qPrintable(played.error().text()));
    const RolloutSummary s = wait(backend->rolloutDetail(viewer(), m_rollout)).value().summary;
    QCOMPARE(s.state, RolloutState::Completed);
    qInfo("reference: %lld events in %lld ms, completed %s", static_cast<long long>(played.value()),
          static_cast<long long>(timer.elapsed()), qPrintable(s.finished.toString(Qt::ISODate)));
    backend.reset();
    m_expected = readSnapshot(m_reference, m_rollout);
    QVERIFY2(m_expected.error.isEmpty(), qPrintable(m_expected.error));
    QCOMPARE(m_expected.events, played.value());
}

void TestRolloutCrash::killedChildLeavesAConsistentDatabase()
{
    QVERIFY2(!m_expected.targets.isEmpty(), "needs the reference");
    bool seeded = false;
    const quint32 seed = qEnvironmentVariable("PATCHBOARD_CRASH_SEED").toUInt(&seeded);
    const quint32 delaysSeed = seeded ? seed : QRandomGenerator::global()->generate();
    qInfo("kill delays from PATCHBOARD_CRASH_SEED=%u", delaysSeed);
    QRandomGenerator random(delaysSeed);

    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QString::fromLatin1(ChildVariable), m_crash);
    bool finished = false;
    int midRollout = 0;
    for (int run = 0; run < Kills && !finished; ++run) {
        QProcess child;
        child.setProcessEnvironment(environment);
        child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        child.start(QCoreApplication::applicationFilePath(), {});
        QVERIFY2(child.waitForStarted(), qPrintable(child.errorString()));
        // Once it has made progress (and so opened the database and played a chunk)...
        QByteArray line;
        int lines = 0;
        while (readLine(child, &line, 60000)) {
            ++lines;
            if (line.startsWith("progress") || line == "done")
                break;
        }
        QVERIFY2(lines > 0,
                 qPrintable(QStringLiteral("run %1: the child printed nothing (exit "
                                           "code %2)")
                                .arg(run)
                                .arg(child.exitCode())));
        // ...it is killed at a random moment: SIGKILL, no chance to clean up.
        const int delay = int(random.bounded(50, 401));
        if (child.waitForFinished(delay)) {
            QCOMPARE(child.exitStatus(), QProcess::NormalExit);
            QCOMPARE(child.exitCode(), 0); // it completed the rollout on its own
            finished = true;
        } else {
            child.kill();
            QVERIFY(child.waitForFinished(30000));
            ++m_kills;
        }
        while (child.canReadLine()) {
            ++lines;
            line = child.readLine().trimmed();
        }
        Problems problems;
        Snapshot s;
        checkConsistency(m_crash, m_rollout, m_fleet.approvedRelease, m_expected, problems, &s);
        qInfo("run %d: %s after %d ms, %d lines, last \"%s\"; rollout %s, %lld of %lld events", run,
              finished ? "finished" : "killed", delay, lines, line.constData(),
              qPrintable(s.rolloutState), static_cast<long long>(s.events),
              static_cast<long long>(m_expected.events));
        QVERIFY2(problems.isEmpty(),
                 qPrintable(QStringLiteral("after run %1 (killed %2 ms after its first progress "
                                           "line):\n%3")
                                .arg(run)
                                .arg(delay)
                                .arg(problems.text())));
        if (!finished && s.rolloutState != rolloutStateName(RolloutState::Completed))
            ++midRollout;
    }
    QVERIFY2(midRollout >= MinimumMidRolloutKills,
             qPrintable(QStringLiteral("only %1 kills landed before the rollout completed: the "
                                       "rollout is too short to test crashes")
                            .arg(midRollout)));
}

void TestRolloutCrash::resumedRolloutEndsLikeTheReference()
{
    QVERIFY2(!m_expected.targets.isEmpty(), "needs the reference");
    QVERIFY2(m_kills > 0, "needs the killed rollout");
    {
        std::unique_ptr<LocalRolloutBackend> backend = openBackend(m_crash, Seed);
        QVERIFY(backend);
        const Result<qint64> played = wait(backend->runUntil(start().addDays(PlayDays)));
        QVERIFY2(played.ok(), qPrintable(played.error().text()));
    }
    const Snapshot s = readSnapshot(m_crash, m_rollout);
    QVERIFY2(s.error.isEmpty(), qPrintable(s.error));
    QCOMPARE(s.rolloutState, rolloutStateName(RolloutState::Completed));
    QCOMPARE(s.strayEvents, 0);
    QCOMPARE(s.targets.size(), m_expected.targets.size());

    Problems problems;
    for (auto it = m_expected.targets.cbegin(); it != m_expected.targets.cend(); ++it) {
        const qint64 device = it.key();
        const Target &expected = it.value();
        const auto found = s.targets.constFind(device);
        if (found == s.targets.cend()) {
            problems.add(QStringLiteral("missing target"), QString::number(device));
            continue;
        }
        const Target &actual = found.value();
        if (actual.state != expected.state)
            problems.add(QStringLiteral("final state"),
                         QStringLiteral("device %1: expected %2, actual %3")
                             .arg(device)
                             .arg(expected.state)
                             .arg(actual.state));
        if (actual.wave != expected.wave)
            problems.add(QStringLiteral("wave"),
                         QStringLiteral("device %1: expected %2, actual %3")
                             .arg(device)
                             .arg(expected.wave)
                             .arg(actual.wave));
        if (actual.attempts != expected.attempts)
            problems.add(QStringLiteral("attempts"),
                         QStringLiteral("device %1: expected %2 postponed attempts, actual %3")
                             .arg(device)
                             .arg(expected.attempts)
                             .arg(actual.attempts));
        if (actual.firmware != expected.firmware)
            problems.add(QStringLiteral("firmware"),
                         QStringLiteral("device %1: expected build %2, actual %3")
                             .arg(device)
                             .arg(expected.firmware)
                             .arg(actual.firmware));
        if (actual.events.size() != expected.events.size())
            problems.add(QStringLiteral("event count"),
                         QStringLiteral("device %1: expected %2 events, actual %3: expected %4, "
                                        "actual %5")
                             .arg(device)
                             .arg(expected.events.size())
                             .arg(actual.events.size())
                             .arg(historyText(expected.events), historyText(actual.events)));
        else if (actual.events != expected.events)
            problems.add(QStringLiteral("events"),
                         QStringLiteral("device %1: expected %2, actual %3")
                             .arg(device)
                             .arg(historyText(expected.events), historyText(actual.events)));
    }
    QVERIFY2(problems.isEmpty(), qPrintable(problems.text()));
    QCOMPARE(s.events, m_expected.events);

    // The wave counters end the same (succeeded, failed, rolled back per wave).
    const auto counters = [](const QString &path, qint64 rollout) {
        QStringList rows;
        Result<Database> database = Database::open(path);
        if (!database)
            return QStringList{database.error().text()};
        QSqlQuery q(database.value().connection());
        q.prepare(QStringLiteral("SELECT number, state, size, pending, in_progress, postponed, "
                                 "succeeded, failed, rolled_back, cancelled FROM rollout_waves "
                                 "WHERE rollout_id = ? ORDER BY number"));
        q.addBindValue(rollout);
        q.exec();
        while (q.next()) {
            QStringList values;
            for (int i = 0; i < 10; ++i)
                values.append(q.value(i).toString());
            rows.append(values.join(QLatin1Char(' ')));
        }
        return rows;
    };
    QCOMPARE(counters(m_crash, m_rollout), counters(m_reference, m_rollout));
}

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QString child = qEnvironmentVariable(ChildVariable);
    if (!child.isEmpty())
        return runChild(child);
    TestRolloutCrash test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_rolloutcrash.moc"
