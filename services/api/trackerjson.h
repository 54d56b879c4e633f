// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/result.h"
#include "domain/compliance.h"
#include "domain/device.h"
#include "domain/devicemodel.h"
#include "domain/devicequery.h"
#include "jsonreader.h"
#include "queryreader.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QUrlQuery>

namespace Patchboard::Json {

// The Status Tracker in the operator API (issue #6): what TrackerBackend passes. Enums travel
// as stable kebab-case names: update states ("idle", "rolled-back", ...), support statuses
// ("supported", "ending-soon", "ended"), exception flags ("rooted", "ported"), sort fields
// ("device-id", "patch-level", ...). The readers taking a JsonReader read a nested object and
// share its first problem; those taking a QJsonValue read a whole answer (BadResponse).

// The most devices one GET /api/v1/devices answers: a bigger window is refused (400), and
// RemoteTrackerBackend asks for bigger windows in parts of this size.
constexpr int MaxDevicesPerRequest = 1000;

QJsonObject toJson(const FleetCatalog &catalog);
Result<FleetCatalog> readFleetCatalog(const QJsonValue &value);

QJsonObject toJson(const Device &device);
Device readDevice(JsonReader &r);

QJsonObject toJson(const UpdateEvent &event);
UpdateEvent readUpdateEvent(JsonReader &r);

QJsonObject toJson(const DeviceDetail &detail);
Result<DeviceDetail> readDeviceDetail(const QJsonValue &value);

QJsonObject toJson(const DevicePage &page);
Result<DevicePage> readDevicePage(const QJsonValue &value);

// The drill-down (events) uses the telemetry codec (telemetryjson.h).
QJsonObject toJson(const DeviceFilter &filter);
DeviceFilter readDeviceFilter(JsonReader &r);
Result<DeviceFilter> readDeviceFilter(const QJsonValue &value);

QJsonObject toJson(const DeviceQuery &query);
Result<DeviceQuery> readDeviceQuery(const QJsonValue &value);

QJsonObject toJson(const CompliancePolicy &policy);
CompliancePolicy readCompliancePolicy(JsonReader &r);

QJsonObject toJson(const ComplianceSummary &summary);
Result<ComplianceSummary> readComplianceSummary(const QJsonValue &value);

// The same as query parameters of GET requests (camelCase names, only the fields that are set):
// patchLevelBefore, patchLevelAfter (dates), patchAgeMin, patchAgeMax (days), supportStatus
// (comma-separated names), manufacturerId, modelId, regionId, updateState, exceptions ("any",
// "none", "rooted", "ported", "any-exception"), deviceIdPrefix, events (the drill-down filter as
// compact JSON); a query adds sort (a field name), order ("asc", "desc"), referenceDate and
// endingSoonDays; compliance adds outOfDateDays and endingSoonDays (the policy) and referenceDate.
// The readers record malformed values in r; the caller reads its own parameters (offset,
// limit), calls r.refuseUnknown() and checks r.ok().
void addToQuery(QUrlQuery &query, const DeviceFilter &filter);
QUrlQuery toQuery(const DeviceQuery &query);
DeviceFilter readDeviceFilter(QueryReader &r);
DeviceQuery readDeviceQuery(QueryReader &r);

struct ComplianceRequest
{
    DeviceFilter filter;
    CompliancePolicy policy;
    QDate referenceDate;
};
QUrlQuery toQuery(const ComplianceRequest &request);
ComplianceRequest readComplianceRequest(QueryReader &r);

} // namespace Patchboard::Json
