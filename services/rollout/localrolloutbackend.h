// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "rolloutbackend.h"

#include <QDateTime>
#include <QThreadPool>
#include <QTimer>

#include <functional>
#include <memory>

namespace Patchboard {

// The embedded rollout engine: the Status Tracker's rollout state in the fleet database, and the
// fleet simulator that plays the devices. Storage, engine and simulator run on one worker thread
// that owns its connection; a timer on the owning thread asks for the next step only when the
// previous one has finished, so a slow step never queues up work. Each step is one transaction:
// killing the process at any moment and opening the database again resumes where it was.
class LocalRolloutBackend : public RolloutBackend
{
    Q_OBJECT
public:
    struct Options
    {
        QString databasePath;
        quint64 seed = 20241105; // the simulator's outcomes; the same seed plays the same fleet
        // Where the simulated clock starts in a database that has none yet; invalid = now.
        QDateTime clockStart;
        double speed = 3600; // simulated seconds per real second; 0 = as fast as possible
        bool running = true; // false: the clock stands until setSimulation() starts it
        int stepMilliseconds = 100; // real time between steps
        // false: patchboard-server. No simulator: devices report over the device API
        // (DeviceGateway), the clock is the wall clock, and each step runs the engine alone, on
        // the one server instance that holds the "rollout-engine" lease (see engineStep()).
        bool simulateDevices = true;
    };

    explicit LocalRolloutBackend(QObject *parent = nullptr);
    ~LocalRolloutBackend() override;

    // Opens the database (migrating it) and loads the active rollouts into the simulator.
    QFuture<Result<Done>> open(const Options &options);

    QFuture<Result<QList<RolloutSummary>>> rollouts(const Operator &who) override;
    QFuture<Result<RolloutDetail>> rolloutDetail(const Operator &who, qint64 id) override;
    QFuture<Result<RolloutPreview>> preview(const Operator &who, const RolloutPlan &plan) override;
    QFuture<Result<RolloutDetail>> create(const Operator &who, const RolloutPlan &plan,
                                          bool schedule) override;
    QFuture<Result<RolloutDetail>> schedule(const Operator &who, qint64 id) override;
    QFuture<Result<RolloutDetail>> pause(const Operator &who, qint64 id,
                                         const QString &reason) override;
    QFuture<Result<RolloutDetail>> resume(const Operator &who, qint64 id, const QString &reason,
                                          double newErrorThreshold = -1) override;
    QFuture<Result<RolloutDetail>> cancel(const Operator &who, qint64 id,
                                          const QString &reason) override;
    QFuture<Result<RolloutDetail>> continueToNextWave(const Operator &who, qint64 id) override;
    QFuture<Result<SimulationSettings>> simulation() override;
    QFuture<Result<SimulationSettings>> setSimulation(const Operator &who,
                                                      const SimulationSettings &settings) override;

    // Runs the simulation until the simulated clock reaches `until` or nothing is left to do,
    // as fast as possible (tests and benchmarks). The result is the number of events written.
    QFuture<Result<qint64>> runUntil(const QDateTime &until);

private:
    struct Worker;
    template<typename Fn>
    QFuture<Result<RolloutDetail>> change(Fn fn);
    void scheduleStep();
    void step();

    std::shared_ptr<Worker> m_worker;
    QThreadPool m_pool; // exactly one thread: owns the connection, the engine and the simulator
    QTimer m_timer;
    bool m_stepRunning = false;
    QString m_lastEngineError; // the last engineFailed() message, until a step succeeds
    QElapsedTimer m_engineErrorShown;
};

} // namespace Patchboard
