// SPDX-License-Identifier: Apache-2.0
#include "permissions.h"

#include <QCoreApplication>

namespace Patchboard {

namespace {

// The translation context of this file's messages. Call Tr::tr() everywhere, also in free
// functions and lambdas: lupdate takes the context from Q_DECLARE_TR_FUNCTIONS, so the context
// it extracts is the one looked up at run time (for a plain tr() it uses the enclosing scope).
class Tr
{
    Q_DECLARE_TR_FUNCTIONS(Patchboard::Permissions)
};

} // namespace

bool Permissions::allows(OperatorRole role, Permission permission)
{
    switch (permission) {
    case Permission::ViewReleases:
        return true;
    case Permission::ImportRelease:
        return role == OperatorRole::TestEngineer || role == OperatorRole::Administrator;
    case Permission::RecordTestResult:
    case Permission::WaiveTestCase:
    case Permission::ApproveRelease:
    case Permission::RejectRelease:
        return role == OperatorRole::TestEngineer;
    case Permission::WithdrawRelease:
        return role == OperatorRole::RolloutManager || role == OperatorRole::Administrator;
    case Permission::ImportVulnerabilityData:
        return role == OperatorRole::TestEngineer || role == OperatorRole::Administrator;
    case Permission::ManageTrustKeys:
    case Permission::ConfigureWorkflow:
        return role == OperatorRole::Administrator;
    case Permission::ViewRollouts:
        return true;
    case Permission::PlanRollout:
        return role == OperatorRole::RolloutManager;
    case Permission::ControlRollout:
        return role == OperatorRole::RolloutManager || role == OperatorRole::Administrator;
    case Permission::ControlSimulation:
        return role != OperatorRole::Viewer;
    case Permission::ImportDevices:
        return role == OperatorRole::Administrator;
    }
    return false;
}

Status Permissions::check(const Operator &who, Permission permission)
{
    if (!who.isValid())
        return ServiceError::make(
            ServiceError::Code::PermissionDenied,
            Tr::tr("No operator is signed in: %1 is refused.").arg(displayName(permission)),
            Tr::tr("Sign in with your operator name."));
    if (!allows(who.role, permission))
        return ServiceError::make(ServiceError::Code::PermissionDenied,
                                  Tr::tr("%1 acts as %2, and a %2 may not: %3.")
                                      .arg(who.name, Operator::roleDisplayNameInSentence(who.role),
                                           displayName(permission)),
                                  Tr::tr("Ask someone with the right role to do it."));
    return Done{};
}

QList<Permission> Permissions::all()
{
    return {Permission::ViewReleases,
            Permission::ImportRelease,
            Permission::RecordTestResult,
            Permission::WaiveTestCase,
            Permission::ApproveRelease,
            Permission::RejectRelease,
            Permission::WithdrawRelease,
            Permission::ManageTrustKeys,
            Permission::ImportVulnerabilityData,
            Permission::ConfigureWorkflow,
            Permission::ViewRollouts,
            Permission::PlanRollout,
            Permission::ControlRollout,
            Permission::ControlSimulation,
            Permission::ImportDevices};
}

QString Permissions::name(Permission permission)
{
    switch (permission) {
    case Permission::ViewReleases:
        return QStringLiteral("release.view");
    case Permission::ImportRelease:
        return QStringLiteral("release.import");
    case Permission::RecordTestResult:
        return QStringLiteral("release.test");
    case Permission::WaiveTestCase:
        return QStringLiteral("release.waive");
    case Permission::ApproveRelease:
        return QStringLiteral("release.approve");
    case Permission::RejectRelease:
        return QStringLiteral("release.reject");
    case Permission::WithdrawRelease:
        return QStringLiteral("release.withdraw");
    case Permission::ManageTrustKeys:
        return QStringLiteral("trust.key");
    case Permission::ImportVulnerabilityData:
        return QStringLiteral("bulletin.import");
    case Permission::ConfigureWorkflow:
        return QStringLiteral("firmware.settings");
    case Permission::ViewRollouts:
        return QStringLiteral("rollout.view");
    case Permission::PlanRollout:
        return QStringLiteral("rollout.plan");
    case Permission::ControlRollout:
        return QStringLiteral("rollout.control");
    case Permission::ControlSimulation:
        return QStringLiteral("simulation.control");
    case Permission::ImportDevices:
        return QStringLiteral("device.import");
    }
    return {};
}

QString Permissions::displayName(Permission permission)
{
    switch (permission) {
    case Permission::ViewReleases:
        return Tr::tr("view releases");
    case Permission::ImportRelease:
        return Tr::tr("import a release");
    case Permission::RecordTestResult:
        return Tr::tr("record a test result");
    case Permission::WaiveTestCase:
        return Tr::tr("waive a test case");
    case Permission::ApproveRelease:
        return Tr::tr("approve a release");
    case Permission::RejectRelease:
        return Tr::tr("reject a release");
    case Permission::WithdrawRelease:
        return Tr::tr("withdraw a release");
    case Permission::ManageTrustKeys:
        return Tr::tr("change the Author trust store");
    case Permission::ImportVulnerabilityData:
        return Tr::tr("import security bulletin data");
    case Permission::ConfigureWorkflow:
        return Tr::tr("change the release workflow settings");
    case Permission::ViewRollouts:
        return Tr::tr("view rollouts");
    case Permission::PlanRollout:
        return Tr::tr("plan and schedule a rollout");
    case Permission::ControlRollout:
        return Tr::tr("pause, resume or cancel a rollout");
    case Permission::ControlSimulation:
        return Tr::tr("change the fleet simulator");
    case Permission::ImportDevices:
        return Tr::tr("import the device inventory");
    }
    return {};
}

} // namespace Patchboard
