// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "auth/permissions.h"
#include "domain/operator.h"

#include <QObject>

namespace Patchboard {

// Who is at the console now (--operator/--role, File > Switch Operator). Every backend call
// passes this operator; the service layer enforces the role itself, and views use allows() and
// deniedReason() only to grey out what the role cannot do and say why.
class OperatorSession : public QObject
{
    Q_OBJECT
public:
    explicit OperatorSession(const Operator &who = {}, QObject *parent = nullptr);

    const Operator &current() const { return m_operator; }
    void setOperator(const Operator &who);

    bool allows(Permission permission) const;
    // Empty when allowed, else a sentence naming the role(s) needed and the current one, for a
    // tooltip on the disabled control.
    QString deniedReason(Permission permission) const;
    // "Test engineer" or "Rollout manager or Administrator".
    static QString rolesAllowed(Permission permission);
    // "tess (Test engineer)"
    QString displayText() const;

Q_SIGNALS:
    void operatorChanged(const Patchboard::Operator &who);

private:
    Operator m_operator;
};

} // namespace Patchboard
