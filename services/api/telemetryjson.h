// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/result.h"
#include "domain/telemetry.h"
#include "jsonreader.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QList>

namespace Patchboard::Json {

// Telemetry in the operator API (issue #6): what TelemetryBackend passes. Scopes are
// {"kind": "fleet" | "rollout" | "release", "id": n}; outcomes are the update outcome codes
// ("succeeded", "failed", "rolled-back", "postponed"), reasons the failure reason codes
// ("download-timeout", ...; "" for none). The readers taking a JsonReader read a nested object
// and share its first problem; those taking a QJsonValue read a whole answer (BadResponse).

QJsonObject toJson(const TelemetryScope &scope);
TelemetryScope readTelemetryScope(JsonReader &r);

// {"scopes": [...]}
QJsonObject toJson(const QList<TelemetryScopeChoice> &choices);
Result<QList<TelemetryScopeChoice>> readTelemetryScopeChoices(const QJsonValue &value);

QJsonObject toJson(const TelemetryQuery &query);
TelemetryQuery readTelemetryQuery(JsonReader &r);
Result<TelemetryQuery> readTelemetryQuery(const QJsonValue &value);

QJsonObject toJson(const TelemetryOverview &overview);
Result<TelemetryOverview> readTelemetryOverview(const QJsonValue &value);

// The drill-down filter travels inside device queries too (DeviceFilter::events), so the
// tracker's codec calls these.
QJsonObject toJson(const UpdateEventFilter &filter);
UpdateEventFilter readUpdateEventFilter(JsonReader &r);
Result<UpdateEventFilter> readUpdateEventFilter(const QJsonValue &value);

// The salt as base64. It is a secret of one export: it travels in a request body, never in a
// URL (which proxies log).
QJsonObject toJson(const PseudonymOptions &options);
PseudonymOptions readPseudonymOptions(JsonReader &r);
Result<PseudonymOptions> readPseudonymOptions(const QJsonValue &value);

} // namespace Patchboard::Json
