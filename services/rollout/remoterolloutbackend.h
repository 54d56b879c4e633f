// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "rolloutbackend.h"

#include <QDateTime>
#include <QJsonObject>
#include <QJsonValue>

namespace Patchboard {

class ApiClient;

// Rollouts on patchboard-server (issue #6, ARCHITECTURE.md "Remote"): the same interface as the
// embedded backend, over the operator API (/api/v1/rollouts, /api/v1/simulation). The server acts
// as the operator signed in to the ApiClient: the `who` arguments are not sent, the server takes
// the operator from the token and checks the role itself. Changes are never retried (ApiClient):
// a pause is confirmed by the server or the future carries the error.
//
// rolloutsChanged/devicesChanged follow the server's change counters ("rollouts", "fleet");
// clockChanged follows the clock the server reports in its simulation settings (wall time on a
// server without simulation).
class RemoteRolloutBackend : public RolloutBackend
{
    Q_OBJECT
public:
    explicit RemoteRolloutBackend(ApiClient *client, QObject *parent = nullptr);
    ~RemoteRolloutBackend() override;

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

private:
    QFuture<Result<RolloutDetail>> control(qint64 id, const char *action,
                                           const QJsonObject &body = {});
    QFuture<Result<SimulationSettings>> settings(QFuture<Result<QJsonValue>> answer);
    void noteClock(const SimulationSettings &settings);

    ApiClient *m_client; // outlives the backend (the composition root owns both)
    QDateTime m_clock;
};

} // namespace Patchboard
