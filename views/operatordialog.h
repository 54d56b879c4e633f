// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "domain/operator.h"

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace Patchboard {

// File > Switch Operator: who acts from now on, and in which role. Lets one desktop show the
// four-eyes rule (one engineer records the tests, another approves). The role decides what the
// service layer allows; every action is recorded under this name.
class OperatorDialog : public QDialog
{
    Q_OBJECT
public:
    explicit OperatorDialog(const Operator &current, QWidget *parent = nullptr);

    Operator selectedOperator() const;
    QLineEdit *nameEdit() const { return m_name; }
    QComboBox *roleBox() const { return m_role; }

    // What a role may do, in one sentence (docs/release-format.md, "Roles").
    static QString roleDescription(OperatorRole role);

private:
    void update();

    QLineEdit *m_name = nullptr;
    QComboBox *m_role = nullptr;
    QLabel *m_description = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace Patchboard
