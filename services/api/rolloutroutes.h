// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>

namespace Patchboard {

class ApiServer;
class RolloutBackend;

// The routes of the operator API: rollouts and their controls.
void addRolloutRoutes(ApiServer &server, RolloutBackend &rollouts);

} // namespace Patchboard
