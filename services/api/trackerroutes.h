// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>

namespace Patchboard {

class ApiServer;
class TrackerBackend;

// The routes of the operator API: devices, catalog, compliance, export.
void addTrackerRoutes(ApiServer &server, TrackerBackend &tracker);

} // namespace Patchboard
