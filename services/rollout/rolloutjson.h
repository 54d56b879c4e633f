// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/result.h"
#include "domain/rollout.h"

#include <QJsonObject>

namespace Patchboard::RolloutJson {

// A plan as stored with its rollout (and, later, as the operator API carries it). Times are
// ISO 8601 UTC, dates YYYY-MM-DD, window times HH:MM.
QJsonObject toJson(const RolloutPlan &plan);
Result<RolloutPlan> planFromJson(const QJsonObject &json);

// The targeting counts a rollout was created with (exclusions, model x wave).
QJsonObject toJson(const RolloutPreview &preview);
RolloutPreview previewFromJson(const QJsonObject &json);

} // namespace Patchboard::RolloutJson
