// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/result.h"
#include "domain/operator.h"
#include "domain/rollout.h"

#include <QDateTime>
#include <QJsonObject>

#include <optional>

namespace Patchboard {

class Database;

// The rollout tables (migration 4) on the calling thread's connection: what the list and the
// detail show, and the one way a rollout's state changes — with its transition row and audit
// entry, inside the caller's transaction.
class RolloutStore
{
public:
    explicit RolloutStore(Database &database) : m_database(database) { }

    // Newest first; only one rollout with `only`. now decides "waiting for the gate".
    Result<QList<RolloutSummary>> summaries(std::optional<qint64> only, const QDateTime &now) const;
    Result<RolloutSummary> summary(qint64 id, const QDateTime &now) const;
    Result<RolloutDetail> detail(qint64 id, const QDateTime &now) const;

    // Sets the rollout's state and records who (empty actor: the engine), when (rollout clock)
    // and why; the audit entry is stamped with auditTime.
    Status transition(qint64 id, RolloutState from, RolloutState to, const Operator &who,
                      const QString &reason, const QDateTime &time, const QDateTime &auditTime,
                      const QJsonObject &details = {});

    // The engine's name in transitions and the audit log.
    static Operator engine();

private:
    Database &m_database;
};

} // namespace Patchboard
