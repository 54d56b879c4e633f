// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/result.h"
#include "jsonreader.h"
#include "rollout/devicegateway.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QList>

namespace Patchboard::Json {

// The device API (issue #6; X.secup-iot 7 and 11.2), read by the server's device routes and by
// patchboard-fleetsim with the same code. Phases, outcomes and reasons are the update event
// codes ("download", "rolled-back", "low-battery"; "" for no reason); a target state is one of
// "pending", "offered", "downloading", "verifying", "installing", "rebooting", "postponed",
// "succeeded", "failed", "rolled-back", "cancelled", "expired"; the maintenance window is
// {"enabled", "start": "HH:mm", "end": "HH:mm"} in the device's local time; digests are hex.
// The readers of a request give InvalidArgument (the device's fault), those of an answer
// BadResponse (the server's).

QString targetStateCode(TargetState state);
std::optional<TargetState> targetStateFromCode(const QString &code);

// {"firmwareVersion", "sequence", "patchLevel"}
QJsonObject toJson(const DeviceCheckIn &checkIn);
Result<DeviceCheckIn> readDeviceCheckIn(const QJsonValue &value);

// {"action": "none" | "update", "offer": {...} (with "update"), "serverTime"}
QJsonObject toJson(const DeviceOffer &offer);
QJsonObject toJson(const DeviceCheckInAnswer &answer);
Result<DeviceCheckInAnswer> readDeviceCheckInAnswer(const QJsonValue &value);

// {"rolloutId", "phase", "outcome", "reason", "attempt"}
QJsonObject toJson(const DeviceReport &report);
Result<DeviceReport> readDeviceReport(const QJsonValue &value);

// {"state", "duplicate"}
QJsonObject toJson(const DeviceReportAnswer &answer);
Result<DeviceReportAnswer> readDeviceReportAnswer(const QJsonValue &value);

// {"devices": [ids]} or {"first": n}
QJsonObject toJson(const DeviceCredentialRequest &request);
Result<DeviceCredentialRequest> readDeviceCredentialRequest(const QJsonValue &value);

// {"credentials": [{"deviceId", "serial", "modelId", "model", "timeZone", "firmwareVersion",
// "sequence", "patchLevel", "token"}]}: what the credentials route answers, and the file
// patchboard-fleetsim --tokens reads.
QJsonObject toJson(const DeviceCredential &credential);
QJsonObject toJson(const QList<DeviceCredential> &credentials);
Result<QList<DeviceCredential>> readDeviceCredentials(const QJsonValue &value);

} // namespace Patchboard::Json
