// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/result.h"
#include "domain/operator.h"
#include "domain/rollout.h"

#include <QDateTime>

#include <functional>

namespace Patchboard {

class Database;

// The operator's side of rollouts, synchronous on the calling thread's connection (the Local
// backend runs it on its worker thread; the server will run it per request). Each call checks
// the operator's role first (refusing before anything is written), and each change is one
// transaction together with its transition row and audit entry.
class RolloutService
{
public:
    // clock: the rollout clock (simulated in the embedded backend); auditClock stamps audit
    // entries (the system clock when empty). seed decides the fill order within a model.
    RolloutService(Database &database, std::function<QDateTime()> clock, quint64 seed,
                   std::function<QDateTime()> auditClock = {});

    Result<QList<RolloutSummary>> rollouts(const Operator &who) const;
    Result<RolloutDetail> detail(const Operator &who, qint64 id) const;
    Result<RolloutPreview> preview(const Operator &who, const RolloutPlan &plan) const;
    Result<RolloutDetail> create(const Operator &who, const RolloutPlan &plan, bool schedule);
    Result<RolloutDetail> schedule(const Operator &who, qint64 id);
    Result<RolloutDetail> pause(const Operator &who, qint64 id, const QString &reason);
    Result<RolloutDetail> resume(const Operator &who, qint64 id, const QString &reason,
                                 double newErrorThreshold = -1);
    Result<RolloutDetail> cancel(const Operator &who, qint64 id, const QString &reason);
    Result<RolloutDetail> continueToNextWave(const Operator &who, qint64 id);

private:
    QDateTime now() const;
    QDateTime auditNow() const;
    quint64 seedFor(qint64 releaseId) const;
    // draft -> scheduled inside the caller's transaction.
    Status markScheduled(const Operator &who, qint64 id, const QDateTime &time);

    Database &m_database;
    std::function<QDateTime()> m_clock;
    std::function<QDateTime()> m_auditClock;
    quint64 m_seed;
};

} // namespace Patchboard
