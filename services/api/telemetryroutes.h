// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>

namespace Patchboard {

class ApiServer;
class TelemetryBackend;

// The routes of the operator API: telemetry aggregates, drill-down, export.
void addTelemetryRoutes(ApiServer &server, TelemetryBackend &telemetry);

} // namespace Patchboard
