// SPDX-License-Identifier: Apache-2.0
#include "remoterolloutbackend.h"

#include "api/apiclient.h"
#include "api/rolloutapijson.h"

#include <QJsonObject>

namespace Patchboard {

namespace {

QString rolloutPath(qint64 id)
{
    return QStringLiteral("/api/v1/rollouts/") + QString::number(id);
}

} // namespace

RemoteRolloutBackend::RemoteRolloutBackend(ApiClient *client, QObject *parent)
    : RolloutBackend(parent), m_client(client)
{
    connect(client, &ApiClient::changed, this, [this](const QString &topic) {
        if (topic == QLatin1String("rollouts")) {
            Q_EMIT rolloutsChanged();
            // The clock moves with the rollouts; ask for it only then (one small GET).
            simulation();
        } else if (topic == QLatin1String("fleet")) {
            Q_EMIT devicesChanged();
        }
    });
}

RemoteRolloutBackend::~RemoteRolloutBackend() = default;

QFuture<Result<QList<RolloutSummary>>> RemoteRolloutBackend::rollouts(const Operator &)
{
    return decodeAnswer<QList<RolloutSummary>>(m_client->get(QStringLiteral("/api/v1/rollouts")),
                                               Json::readRolloutSummaries);
}

QFuture<Result<RolloutDetail>> RemoteRolloutBackend::rolloutDetail(const Operator &, qint64 id)
{
    return decodeAnswer<RolloutDetail>(m_client->get(rolloutPath(id)), Json::readRolloutDetail);
}

QFuture<Result<RolloutPreview>> RemoteRolloutBackend::preview(const Operator &,
                                                              const RolloutPlan &plan)
{
    // A preview changes nothing, but it is a POST (the plan is the body): not retried.
    return decodeAnswer<RolloutPreview>(
        m_client->send("POST", QStringLiteral("/api/v1/rollouts/preview"),
                       QJsonObject{{QStringLiteral("plan"), Json::toJson(plan)}}),
        Json::readRolloutPreview);
}

QFuture<Result<RolloutDetail>> RemoteRolloutBackend::create(const Operator &,
                                                            const RolloutPlan &plan, bool schedule)
{
    return decodeAnswer<RolloutDetail>(
        m_client->send("POST", QStringLiteral("/api/v1/rollouts"),
                       QJsonObject{{QStringLiteral("plan"), Json::toJson(plan)},
                                   {QStringLiteral("schedule"), schedule}}),
        Json::readRolloutDetail);
}

QFuture<Result<RolloutDetail>> RemoteRolloutBackend::control(qint64 id, const char *action,
                                                             const QJsonObject &body)
{
    return decodeAnswer<RolloutDetail>(
        m_client->send("POST", rolloutPath(id) + QLatin1Char('/') + QLatin1String(action), body),
        Json::readRolloutDetail);
}

QFuture<Result<RolloutDetail>> RemoteRolloutBackend::schedule(const Operator &, qint64 id)
{
    return control(id, "schedule");
}

QFuture<Result<RolloutDetail>> RemoteRolloutBackend::pause(const Operator &, qint64 id,
                                                           const QString &reason)
{
    return control(id, "pause", QJsonObject{{QStringLiteral("reason"), reason}});
}

QFuture<Result<RolloutDetail>> RemoteRolloutBackend::resume(const Operator &, qint64 id,
                                                            const QString &reason,
                                                            double newErrorThreshold)
{
    QJsonObject body{{QStringLiteral("reason"), reason}};
    if (newErrorThreshold >= 0)
        body.insert(QStringLiteral("newErrorThreshold"), newErrorThreshold);
    return control(id, "resume", body);
}

QFuture<Result<RolloutDetail>> RemoteRolloutBackend::cancel(const Operator &, qint64 id,
                                                            const QString &reason)
{
    return control(id, "cancel", QJsonObject{{QStringLiteral("reason"), reason}});
}

QFuture<Result<RolloutDetail>> RemoteRolloutBackend::continueToNextWave(const Operator &, qint64 id)
{
    return control(id, "continue");
}

QFuture<Result<SimulationSettings>>
RemoteRolloutBackend::settings(QFuture<Result<QJsonValue>> answer)
{
    return answer.then(
        this, [this](const Result<QJsonValue> &result) -> Result<SimulationSettings> {
            if (!result)
                return result.error();
            Result<SimulationSettings> settings = Json::readSimulationSettings(result.value());
            if (settings)
                noteClock(settings.value());
            return settings;
        });
}

QFuture<Result<SimulationSettings>> RemoteRolloutBackend::simulation()
{
    return settings(m_client->get(QStringLiteral("/api/v1/simulation")));
}

QFuture<Result<SimulationSettings>>
RemoteRolloutBackend::setSimulation(const Operator &, const SimulationSettings &settings)
{
    return this->settings(
        m_client->send("PUT", QStringLiteral("/api/v1/simulation"), Json::toJson(settings)));
}

void RemoteRolloutBackend::noteClock(const SimulationSettings &settings)
{
    if (!settings.clock.isValid() || settings.clock == m_clock)
        return;
    m_clock = settings.clock;
    Q_EMIT clockChanged(m_clock);
}

} // namespace Patchboard
