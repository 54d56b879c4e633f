// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/result.h"

#include <QDateTime>
#include <QList>

#include <functional>
#include <limits>
#include <utility>

namespace Patchboard {

class Database;

// Moves rollouts on by the clock (issue #4 "Engine"): starts scheduled rollouts, applies each
// wave's error threshold (halt) and success threshold (succeeded), starts the next wave after its
// soak time and manual gate, expires what the deadline leaves, halts a rollout whose release was
// withdrawn, and completes rollouts whose devices have all reported. Runs inside the caller's
// transaction: the caller commits the step together with the device reports that led to it.
class RolloutEngine
{
public:
    struct Step
    {
        QList<std::pair<qint64, int>> startedWaves; // (rollout, wave): offer to its devices
        QList<qint64> reload; // rollouts whose devices changed state outside the simulator
        bool changed = false; // any rollout changed state
        // The next time the engine has something to do by the clock alone (a scheduled start,
        // the end of a soak, a deadline).
        qint64 nextWake = std::numeric_limits<qint64>::max();
    };

    explicit RolloutEngine(Database &database) : m_database(database) { }

    Result<Step> advance(const QDateTime &now, const QDateTime &auditTime);

    // Called before the engine itself writes rollout targets (a deadline expiring the devices it
    // left pending): whoever defers its own target writes in the transaction writes them first.
    void setBeforeTargetWrites(std::function<Status()> hook) { m_beforeTargetWrites = std::move(hook); }

private:
    Database &m_database;
    std::function<Status()> m_beforeTargetWrites;
};

} // namespace Patchboard
