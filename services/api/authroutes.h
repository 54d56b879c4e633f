// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>

namespace Patchboard {

class ApiServer;
class OperatorSessions;

// The routes of the login, logout, session (issue #6: operators authenticate, login -> bearer
// token with expiry; failed logins are rate-limited):
//   POST /api/v1/login   {"user", "password"} -> {"token", "expires", "operator": {"name", "role"}}
//                        401 wrong user or password, 429 locked (with Retry-After)
//   POST /api/v1/logout  ends the caller's session -> 204
//   GET  /api/v1/session -> {"operator": {"name", "role"}, "expires"}
void addAuthRoutes(ApiServer &server, OperatorSessions &sessions);

} // namespace Patchboard
