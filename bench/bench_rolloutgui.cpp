// SPDX-License-Identifier: Apache-2.0
// bench_rolloutgui: is the console responsive while a 200,000-device rollout runs at maximum
// simulator speed (issue #4: "no GUI-thread stall > 50 ms")? The real MainWindow (offscreen)
// with the embedded tracker and rollout backends on one fleet file; a 5 ms timer on the GUI
// thread measures how late each tick comes while the rollout plays to its end, the Rollouts page
// and the Devices page (whose table refreshes as devices change) shown in turn.
#include "benchutil.h"
#include "fleetdatabase.h"
#include "rolloutbench.h"

#include "domain/rollout.h"
#include "mainwindow.h"
#include "operatorsession.h"
#include "rollout/localrolloutbackend.h"
#include "devicespage.h"
#include "rolloutspage.h"
#include "tracker/localtrackerbackend.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QTimer>

#include <cstdio>
#include <cstdlib>

using namespace Patchboard;
using namespace Patchboard::Bench;

namespace {

const QDate BenchDate(2026, 11, 2);
constexpr int TickMs = 5;

[[noreturn]] void die(const QString &message)
{
    std::fprintf(stderr, "bench_rolloutgui: %s\n", qPrintable(message));
    std::exit(1);
}

template<typename T> T await(const QFuture<Result<T>> &future, const QString &what)
{
    if (!waitFor(future, 600000))
        die(QStringLiteral("%1 did not finish").arg(what));
    const Result<T> result = future.result();
    if (!result)
        die(QStringLiteral("%1: %2").arg(what, result.error().text()));
    return result.value();
}

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const Options options(QCoreApplication::arguments());
    const QStringList known = {QStringLiteral("--devices"), QStringLiteral("--database"),
                               QStringLiteral("--build-only"), QStringLiteral("--timeout")};
    if (const QStringList unknown = options.unknown(known); !unknown.isEmpty())
        die(QStringLiteral("unknown option %1; options: %2")
                .arg(unknown.first(), known.join(QLatin1Char(' '))));
    const qint64 devices = options.number(QStringLiteral("--devices"), 200000);
    const QString path = QFileInfo(options.text(
                                       QStringLiteral("--database"),
                                       QDir::temp().filePath(QStringLiteral("patchboard-bench-%1k.db")
                                                                 .arg(devices / 1000))))
                             .absoluteFilePath();
    if (options.has(QStringLiteral("--build-only")))
        return buildOnly(devices, path);
    const qint64 timeoutMs = options.number(QStringLiteral("--timeout"), 900) * 1000;

    Report report;
    printMachine(report.out(), describeMachine());
    report.comment(QStringLiteral("devices %1, all models, default waves, window 01:00-05:00, "
                                  "simulator at maximum speed, MainWindow offscreen, %2 ms probe")
                       .arg(devices)
                       .arg(TickMs));
    provideFleet(report, devices, path);
    const QString scratch = QDir::temp().filePath(
        QStringLiteral("patchboard-bench-rolloutgui-%1.db").arg(QCoreApplication::applicationPid()));
    copyDatabase(path, scratch);
    const BenchRelease release = insertAllModelsRelease(scratch, BenchDate);

    int exitCode = 0;
    {
        LocalTrackerBackend tracker;
        await(tracker.open({scratch, 0, 1, BenchDate}), QStringLiteral("opening the tracker"));
        await(tracker.indexReady(), QStringLiteral("loading the fleet index"));
        LocalRolloutBackend rollouts;
        LocalRolloutBackend::Options rolloutOptions;
        rolloutOptions.databasePath = scratch;
        rolloutOptions.clockStart = QDateTime(BenchDate, QTime(12, 0), Qt::UTC);
        rolloutOptions.speed = 3600;
        rolloutOptions.running = false;
        await(rollouts.open(rolloutOptions), QStringLiteral("opening the rollout backend"));
        QObject::connect(&rollouts, &RolloutBackend::devicesChanged, &tracker,
                         &LocalTrackerBackend::refresh);
        const Operator manager{QStringLiteral("bench"), OperatorRole::RolloutManager};
        OperatorSession session(manager);
        MainWindow window(&tracker, nullptr, nullptr, &rollouts, &session);
        window.resize(1440, 860);
        window.show();
        const int rolloutsPage = window.pageIndex(window.rolloutsPage());
        const int devicesPage = window.pageIndex(window.devicesPage());
        window.showPage(rolloutsPage);

        const RolloutDetail created =
            await(rollouts.create(manager, benchPlan(release.id), true), QStringLiteral("creating"));
        report.count(QStringLiteral("rollout_devices"), created.summary.targets,
                     QStringLiteral("devices"));

        // The probe: how late does a 5 ms timer fire on the GUI thread?
        Samples gaps;
        QElapsedTimer sinceTick;
        QTimer probe;
        probe.setTimerType(Qt::PreciseTimer);
        probe.setInterval(TickMs);
        QObject::connect(&probe, &QTimer::timeout, [&] {
            gaps.add(double(sinceTick.nsecsElapsed()) / 1e6);
            sinceTick.start();
        });
        // The pages take turns, as an operator would look at both.
        QTimer flip;
        flip.setInterval(2000);
        QObject::connect(&flip, &QTimer::timeout, [&] {
            window.showPage(window.currentPage() == rolloutsPage ? devicesPage : rolloutsPage);
        });
        bool finished = false;
        QTimer poll;
        poll.setInterval(500);
        QObject::connect(&poll, &QTimer::timeout, [&] {
            rollouts.rolloutDetail(manager, created.summary.id).then(&app, [&](const Result<RolloutDetail> &detail) {
                if (detail.ok()
                    && (detail.value().summary.state == RolloutState::Completed
                        || detail.value().summary.state == RolloutState::Halted))
                    finished = true;
            });
        });

        SimulationSettings fastest = await(rollouts.simulation(), QStringLiteral("reading the simulator"));
        fastest.speed = 0;
        fastest.running = true;
        Stopwatch wall;
        await(rollouts.setSimulation(manager, fastest), QStringLiteral("starting the simulator"));
        sinceTick.start();
        probe.start();
        flip.start();
        poll.start();
        spinUntil([&] { return finished; }, int(timeoutMs));
        probe.stop();
        const double wallS = wall.elapsedMs() / 1000;
        const RolloutSummary end =
            await(rollouts.rolloutDetail(manager, created.summary.id), QStringLiteral("reading")).summary;
        report.comment(QStringLiteral("rollout %1 after %2 s: %3 succeeded, %4 failed")
                           .arg(rolloutStateName(end.state))
                           .arg(wallS, 0, 'f', 1)
                           .arg(end.succeeded())
                           .arg(end.failed()));
        report.figure(QStringLiteral("rollout_wall_time_s"), wallS, QStringLiteral("s"));
        Samples stalls;
        int over50 = 0;
        for (double gap : gaps.values()) {
            stalls.add(std::max(0.0, gap - TickMs));
            if (gap - TickMs > 50)
                ++over50;
        }
        report.count(QStringLiteral("gui_probe_ticks"), gaps.count(), QStringLiteral("ticks"));
        report.figure(QStringLiteral("gui_stall_p50_ms"), stalls.p50(), QStringLiteral("ms"));
        report.figure(QStringLiteral("gui_stall_p99_ms"), stalls.percentile(99), QStringLiteral("ms"));
        report.figure(QStringLiteral("gui_stall_max_ms"), stalls.max(), QStringLiteral("ms"));
        report.count(QStringLiteral("gui_stalls_over_50ms"), over50, QStringLiteral("stalls"));
        report.target(QStringLiteral("gui_stall_max_le_50ms"), stalls.max(), 50, QStringLiteral("ms"));
        if (end.state != RolloutState::Completed)
            exitCode = 1;
    }
    removeDatabase(scratch);
    report.printTargets();
    return exitCode == 0 && report.allTargetsPassed() ? 0 : 1;
}
