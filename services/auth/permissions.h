// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/result.h"
#include "domain/operator.h"

#include <QList>
#include <QString>

namespace Patchboard {

// What an operator may do. The service layer checks every call itself (PermissionDenied), so a
// view that forgot to grey out a button, or a Remote client, cannot do more than its role allows.
enum class Permission {
    ViewReleases,
    ImportRelease,
    RecordTestResult,
    WaiveTestCase,
    ApproveRelease,
    RejectRelease,
    WithdrawRelease,
    ManageTrustKeys,
    ImportVulnerabilityData,
    ConfigureWorkflow,
    ViewRollouts,
    PlanRollout,
    ControlRollout,
    ControlSimulation,
    ImportDevices,
};

// The role matrix (docs/release-format.md, "Roles"):
//   viewer           view
//   test engineer    view, import, record tests, waive, approve, reject, import bulletin data
//   rollout manager  view, withdraw
//   administrator    view, import, withdraw, trust keys, bulletin data, workflow settings
// Rollouts (docs/release-format.md, "Roles"): everyone views them; rollout managers plan and
// schedule them; rollout managers and administrators pause, resume, cancel and open gates (an
// administrator can stop a rollout in an emergency); everyone but viewers sets the embedded
// simulator's speed and fault injection (it is a test tool, not the fleet).
// The device inventory (File > Import Devices): administrators alone, as it is the fleet's master
// data that every compliance figure and rollout target is computed from.
// Administrators manage the trust store, so they do not also approve what it lets in
// (separation of duties, GSMA IoT guidelines: administrative access).
class Permissions
{
public:
    static bool allows(OperatorRole role, Permission permission);
    // None, or PermissionDenied naming the operator, the role and the action.
    static Status check(const Operator &who, Permission permission);
    static QList<Permission> all();
    // "release.approve", ...: stable names, also the audit log's action names.
    static QString name(Permission permission);
    static QString displayName(Permission permission);
};

} // namespace Patchboard
