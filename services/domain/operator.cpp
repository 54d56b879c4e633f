// SPDX-License-Identifier: Apache-2.0
#include "operator.h"

#include <QCoreApplication>

namespace Patchboard {

QString Operator::roleName(OperatorRole role)
{
    switch (role) {
    case OperatorRole::Viewer:
        return QStringLiteral("viewer");
    case OperatorRole::TestEngineer:
        return QStringLiteral("test-engineer");
    case OperatorRole::RolloutManager:
        return QStringLiteral("rollout-manager");
    case OperatorRole::Administrator:
        return QStringLiteral("administrator");
    }
    return QStringLiteral("viewer");
}

std::optional<OperatorRole> Operator::roleFromName(const QString &name)
{
    for (OperatorRole role : {OperatorRole::Viewer, OperatorRole::TestEngineer,
                              OperatorRole::RolloutManager, OperatorRole::Administrator}) {
        if (roleName(role) == name)
            return role;
    }
    return std::nullopt;
}

QString Operator::roleDisplayName(OperatorRole role)
{
    switch (role) {
    case OperatorRole::Viewer:
        return QCoreApplication::translate("Patchboard::Operator", "Viewer");
    case OperatorRole::TestEngineer:
        return QCoreApplication::translate("Patchboard::Operator", "Test engineer");
    case OperatorRole::RolloutManager:
        return QCoreApplication::translate("Patchboard::Operator", "Rollout manager");
    case OperatorRole::Administrator:
        return QCoreApplication::translate("Patchboard::Operator", "Administrator");
    }
    return {};
}

QString Operator::roleDisplayNameInSentence(OperatorRole role)
{
    switch (role) {
    case OperatorRole::Viewer:
        return QCoreApplication::translate("Patchboard::Operator", "viewer", "within a sentence");
    case OperatorRole::TestEngineer:
        return QCoreApplication::translate("Patchboard::Operator", "test engineer",
                                           "within a sentence");
    case OperatorRole::RolloutManager:
        return QCoreApplication::translate("Patchboard::Operator", "rollout manager",
                                           "within a sentence");
    case OperatorRole::Administrator:
        return QCoreApplication::translate("Patchboard::Operator", "administrator",
                                           "within a sentence");
    }
    return {};
}

} // namespace Patchboard
