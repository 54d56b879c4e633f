// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>

namespace Patchboard {

class ApiServer;
class DeviceGateway;

// The routes of the device API: check-in, manifest and image download, reports.
void addDeviceRoutes(ApiServer &server, DeviceGateway &gateway);

} // namespace Patchboard
