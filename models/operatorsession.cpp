// SPDX-License-Identifier: Apache-2.0
#include "operatorsession.h"

namespace Patchboard {

namespace {

const OperatorRole allRoles[] = {OperatorRole::Viewer, OperatorRole::TestEngineer,
                                 OperatorRole::RolloutManager, OperatorRole::Administrator};

} // namespace

OperatorSession::OperatorSession(const Operator &who, QObject *parent)
    : QObject(parent), m_operator(who)
{ }

void OperatorSession::setOperator(const Operator &who)
{
    if (who.name == m_operator.name && who.role == m_operator.role)
        return;
    m_operator = who;
    Q_EMIT operatorChanged(m_operator);
}

bool OperatorSession::allows(Permission permission) const
{
    return m_operator.isValid() && Permissions::allows(m_operator.role, permission);
}

QString OperatorSession::rolesAllowed(Permission permission)
{
    QStringList roles;
    for (OperatorRole role : allRoles) {
        if (Permissions::allows(role, permission))
            roles.append(Operator::roleDisplayName(role));
    }
    return roles.join(tr(" or ", "between role names"));
}

QString OperatorSession::deniedReason(Permission permission) const
{
    if (allows(permission))
        return {};
    if (!m_operator.isValid())
        return tr("No operator is signed in (File > Switch Operator).");
    return tr("Only the role %1 may %2; you act as %3.")
        .arg(rolesAllowed(permission), Permissions::displayName(permission),
             Operator::roleDisplayName(m_operator.role));
}

QString OperatorSession::displayText() const
{
    return tr("%1 (%2)", "operator name, role")
        .arg(m_operator.name, Operator::roleDisplayName(m_operator.role));
}

} // namespace Patchboard
