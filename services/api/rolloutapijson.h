// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/result.h"
#include "domain/rollout.h"
#include "jsonreader.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QList>

namespace Patchboard::Json {

// The rollouts of the operator API (issue #6): what RolloutBackend passes, in the API's spelling
// (ids as numbers, enums by their stable names, times ISO 8601 UTC with milliseconds, window
// times "HH:mm"). The plan stored with a rollout (services/rollout/rolloutjson.h) is a different,
// older format and stays as it is: this one reports the path of a malformed field
// ("body.plan.waves[1].size: ...") so that a client learns exactly what it sent wrong.
//
// The readers taking a JsonReader read a nested object and share the reader's first problem;
// the ones taking a QJsonValue read a whole answer (problems are BadResponse).

QJsonObject toJson(const RolloutPlan &plan);
RolloutPlan readRolloutPlan(JsonReader &r);
Result<RolloutPlan> readRolloutPlan(const QJsonValue &value);

QJsonObject toJson(const RolloutPreview &preview);
Result<RolloutPreview> readRolloutPreview(const QJsonValue &value);

QJsonObject toJson(const RolloutSummary &summary);
Result<RolloutSummary> readRolloutSummary(const QJsonValue &value);

// {"rollouts": [...]}, newest first as the backend gives them.
QJsonObject toJson(const QList<RolloutSummary> &rollouts);
Result<QList<RolloutSummary>> readRolloutSummaries(const QJsonValue &value);

QJsonObject toJson(const RolloutTransition &transition);
QJsonObject toJson(const RolloutDetail &detail);
Result<RolloutDetail> readRolloutDetail(const QJsonValue &value);

QJsonObject toJson(const SimulationSettings &settings);
SimulationSettings readSimulationSettings(JsonReader &r);
Result<SimulationSettings> readSimulationSettings(const QJsonValue &value);

} // namespace Patchboard::Json
