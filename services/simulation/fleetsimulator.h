// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/result.h"
#include "domain/rollout.h"
#include "domain/updateoutcome.h"
#include "storage/preparedstatement.h"
#include "telemetry/eventwriter.h"

#include <QByteArray>
#include <QHash>
#include <QTimeZone>

#include <limits>
#include <memory>
#include <optional>
#include <queue>
#include <vector>

namespace Patchboard {

class Database;

// The devices of the embedded fleet, played (issue #4 "Fleet simulator"): devices in a started
// wave check in on their own schedule, get the offer, download, verify, install in their
// maintenance window (device-local time) and reboot, reporting each phase as an update event.
// Some fail, with the model's failure rate and realistic reasons; some postpone for low battery.
//
// Every outcome is a pure function of (seed, rollout, device, attempt): the same seed plays the
// same fleet whatever the step size, and a step lost to a crash is replayed identically.
// Device rows, rollout targets, wave counters and events are written in the caller's
// transaction; in memory the simulator keeps only what it can rebuild from them (load()).
//
// One transaction usually plays several steps (run() calls, the engine deciding after each): the
// events and the wave counters the engine decides on are written by each run(), while the rows
// of each device and its target, the telemetry buckets and the history heads are written once
// per transaction by flush(), however many phases a device went through. The engine reads only
// the counters; before it writes targets itself it calls flush() (RolloutEngine::
// setBeforeTargetWrites), and the caller calls flush() before it commits.
class FleetSimulator
{
public:
    struct Timing
    {
        qint64 checkInPeriod = 6 * 3600;        // devices ask for updates every 6 hours...
        qint64 rareCheckInPeriod = 3 * 86400;   // ...except a few that are rarely online
        double rarelyOnlineShare = 0.03;
        double lowBatteryChance = 0.04;          // per install attempt: postponed, not failed
        int maxPostponements = 3;
    };

    struct Report
    {
        qint64 events = 0;
        qint64 succeeded = 0;
        qint64 failed = 0;
    };

    explicit FleetSimulator(quint64 seed);
    FleetSimulator(quint64 seed, Timing timing);
    ~FleetSimulator();
    FleetSimulator(const FleetSimulator &) = delete;
    FleetSimulator &operator=(const FleetSimulator &) = delete;

    // Failure rate overrides (0..1) by hardware model: fault injection.
    void setFailureRates(const QHash<int, double> &rates) { m_overrides = rates; }
    const QHash<int, double> &failureRates() const { return m_overrides; }
    double baseFailureRate(int modelId) const { return m_baseRates.value(modelId, 0.01); }

    // Reads models, regions and every rollout whose devices may still move.
    Status load(Database &database);
    // Reads one rollout again (after an operator or the engine changed its devices or state).
    Status reload(Database &database, qint64 rolloutId);
    // The engine started a wave at time: its devices check in from then on.
    void waveStarted(qint64 rolloutId, int wave, qint64 time);

    // Plays every phase due at or before `until`, in time order per rollout.
    Result<Report> run(Database &database, qint64 until);
    // Writes what run() deferred (above). Call it before the transaction commits; after a
    // rollback, call load() instead.
    Status flush();
    // The earliest time anything is due (max when nothing is).
    qint64 nextDue() const;
    // Rollouts with devices the simulator still plays.
    int activeRollouts() const { return int(m_runs.size()); }

    // The check-in schedule and the fate of a device (public for tests).
    qint64 nextCheckIn(qint64 device, qint64 notBefore) const;
    struct Fate
    {
        bool fails = false;
        FailureReason reason = FailureReason::None;
        UpdatePhase phase = UpdatePhase::Offer;
    };
    Fate fateOf(qint64 rolloutId, qint64 device, int modelId) const;

private:
    struct Run;
    struct Target;
    Status prepareStatements(Database &database);
    Status writeChanged(Run &run);
    bool finished(const Run &run) const;
    Status loadRollout(Database &database, qint64 rolloutId);
    int offsetAt(int region, qint64 utc);
    double uniform(qint64 rolloutId, qint64 device, quint64 salt) const;

    quint64 m_seed;
    Timing m_timing;
    QHash<int, double> m_baseRates;
    QHash<int, double> m_overrides;
    QHash<int, QTimeZone> m_zones;
    struct OffsetCache
    {
        qint64 hour = std::numeric_limits<qint64>::min();
        int offset = 0;
    };
    QHash<int, OffsetCache> m_offsets;
    QHash<qint64, QByteArray> m_versions; // firmware id -> version (UTF-8)
    std::vector<std::unique_ptr<Run>> m_runs;

    Database *m_statementsFor = nullptr;
    EventWriter m_events;
    bool m_eventsOpen = false; // m_events started in this transaction: flush() finishes it
    EventRecord m_event; // reused: its version texts keep their capacity
    std::optional<PreparedStatement> m_updateTarget;
    std::optional<PreparedStatement> m_finishTarget;
    std::optional<PreparedStatement> m_deviceState;
    std::optional<PreparedStatement> m_deviceUpdated;
    std::optional<PreparedStatement> m_waveCounts;
};

} // namespace Patchboard
