// SPDX-License-Identifier: Apache-2.0
#include "device.h"

#include <QCoreApplication>
#include <QStringList>

namespace Patchboard {

QString updateStateName(UpdateState state)
{
    switch (state) {
    case UpdateState::Idle:
        return QCoreApplication::translate("Patchboard", "Idle");
    case UpdateState::Offered:
        return QCoreApplication::translate("Patchboard", "Offered");
    case UpdateState::Downloading:
        return QCoreApplication::translate("Patchboard", "Downloading");
    case UpdateState::Verifying:
        return QCoreApplication::translate("Patchboard", "Verifying");
    case UpdateState::Installing:
        return QCoreApplication::translate("Patchboard", "Installing");
    case UpdateState::Rebooting:
        return QCoreApplication::translate("Patchboard", "Rebooting");
    case UpdateState::Failed:
        return QCoreApplication::translate("Patchboard", "Failed");
    case UpdateState::RolledBack:
        return QCoreApplication::translate("Patchboard", "Rolled back");
    case UpdateState::Postponed:
        return QCoreApplication::translate("Patchboard", "Postponed");
    }
    return QString();
}

QString supportStatusName(SupportStatus status)
{
    switch (status) {
    case SupportStatus::Supported:
        return QCoreApplication::translate("Patchboard", "Supported");
    case SupportStatus::EndingSoon:
        return QCoreApplication::translate("Patchboard", "Ends soon");
    case SupportStatus::Ended:
        // SSU-SEC-0040: a device past its support period should be replaced.
        return QCoreApplication::translate("Patchboard", "Ended – replace");
    }
    return QString();
}

QString exceptionNames(quint8 flags)
{
    QStringList names;
    if (flags & Rooted)
        names << QCoreApplication::translate("Patchboard", "Rooted/modified");
    if (flags & Ported)
        names << QCoreApplication::translate("Patchboard", "Ported to another operator");
    return names.join(QStringLiteral(", "));
}

} // namespace Patchboard
