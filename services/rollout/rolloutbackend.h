// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/result.h"
#include "domain/operator.h"
#include "domain/rollout.h"

#include <QFuture>
#include <QList>
#include <QObject>
#include <QString>

namespace Patchboard {

// Staged rollouts as the console sees them (ARCHITECTURE.md update procedure steps 3-4): plan,
// schedule, watch, pause/resume/cancel. Every call returns at once and delivers its result
// through the QFuture (continue with .then(context, ...)); the backend refuses what the
// operator's role does not allow (PermissionDenied) and audits every decision. Implementations:
// LocalRolloutBackend (SQLite + the fleet simulator, in process).
class RolloutBackend : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    ~RolloutBackend() override = default;

    // Newest first.
    virtual QFuture<Result<QList<RolloutSummary>>> rollouts(const Operator &who) = 0;
    virtual QFuture<Result<RolloutDetail>> rolloutDetail(const Operator &who, qint64 id) = 0;

    // What the plan would target: counts, exclusions, waves, model x wave. Problems in the plan
    // (and "no targets") are in the preview's problems, not an error.
    virtual QFuture<Result<RolloutPreview>> preview(const Operator &who, const RolloutPlan &plan) = 0;
    // Creates the rollout from an approved, not withdrawn release: as a draft, or scheduled at
    // once (schedule = true). Refused with the preview's problems when there are any.
    virtual QFuture<Result<RolloutDetail>> create(const Operator &who, const RolloutPlan &plan,
                                                  bool schedule)
        = 0;
    // draft -> scheduled.
    virtual QFuture<Result<RolloutDetail>> schedule(const Operator &who, qint64 id) = 0;
    // running/scheduled -> paused: no new offers; devices already updating finish.
    virtual QFuture<Result<RolloutDetail>> pause(const Operator &who, qint64 id,
                                                 const QString &reason)
        = 0;
    // paused/halted -> running. After a halt the error threshold counts from now on; the operator
    // may raise the halted wave's error threshold at the same time (< 0: keep it). A halted wave
    // whose devices have all reported is accepted as it stands, and the next wave follows.
    virtual QFuture<Result<RolloutDetail>> resume(const Operator &who, qint64 id,
                                                  const QString &reason,
                                                  double newErrorThreshold = -1)
        = 0;
    // Any state but completed/cancelled -> cancelled: devices not yet offered never will be.
    virtual QFuture<Result<RolloutDetail>> cancel(const Operator &who, qint64 id,
                                                  const QString &reason)
        = 0;
    // Opens the manual gate of the wave that waits for it.
    virtual QFuture<Result<RolloutDetail>> continueToNextWave(const Operator &who, qint64 id) = 0;

    // The rollout clock and, in the embedded backend, the simulator's speed and fault injection.
    virtual QFuture<Result<SimulationSettings>> simulation() = 0;
    virtual QFuture<Result<SimulationSettings>> setSimulation(const Operator &who,
                                                              const SimulationSettings &settings)
        = 0;

Q_SIGNALS:
    // Rollouts or their counts changed (while rollouts run: a few times a second at most).
    void rolloutsChanged();
    // Devices changed (firmware, patch level, update state): the tracker re-reads them.
    void devicesChanged();
    // The simulated clock moved.
    void clockChanged(const QDateTime &clock);
    // A step of the engine failed and was rolled back (the next step tries again); emitted when
    // the problem first appears or changes, and then at most once a minute while it lasts.
    void engineFailed(const Patchboard::ServiceError &error);
};

} // namespace Patchboard
