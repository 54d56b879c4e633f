// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>

namespace Patchboard {

class ApiServer;
class AuditBackend;

// The routes of the operator API: audit log.
void addAuditRoutes(ApiServer &server, AuditBackend &audit);

} // namespace Patchboard
