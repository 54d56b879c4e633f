// SPDX-License-Identifier: Apache-2.0
#include "operatordialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace Patchboard {

OperatorDialog::OperatorDialog(const Operator &current, QWidget *parent)
    : QDialog(parent)
    , m_name(new QLineEdit(current.name, this))
    , m_role(new QComboBox(this))
    , m_description(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Switch Operator"));
    auto *intro = new QLabel(tr("Actions are recorded under this name and role in the release "
                                "history and the audit log."),
                             this);
    intro->setWordWrap(true);
    m_name->setMaxLength(100);
    m_name->setPlaceholderText(tr("Your operator name"));
    for (OperatorRole role : {OperatorRole::Viewer, OperatorRole::TestEngineer,
                              OperatorRole::RolloutManager, OperatorRole::Administrator}) {
        m_role->addItem(Operator::roleDisplayName(role), int(role));
        if (role == current.role)
            m_role->setCurrentIndex(m_role->count() - 1);
    }
    m_description->setWordWrap(true);
    m_description->setTextFormat(Qt::PlainText);
    m_description->setMinimumHeight(m_description->fontMetrics().height() * 3);

    auto *form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Role:"), m_role);
    form->addRow(QString(), m_description);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_buttons);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Switch"));

    connect(m_name, &QLineEdit::textChanged, this, &OperatorDialog::update);
    connect(m_role, &QComboBox::currentIndexChanged, this, &OperatorDialog::update);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    update();
    resize(460, sizeHint().height());
    m_name->selectAll();
}

Operator OperatorDialog::selectedOperator() const
{
    return Operator{m_name->text().trimmed(), OperatorRole(m_role->currentData().toInt())};
}

QString OperatorDialog::roleDescription(OperatorRole role)
{
    switch (role) {
    case OperatorRole::Viewer:
        return tr("Reads releases, test results and the audit log; changes nothing.");
    case OperatorRole::TestEngineer:
        return tr("Imports releases and bulletin data, records test results, waives cases, "
                  "approves and rejects releases.");
    case OperatorRole::RolloutManager:
        return tr("Withdraws approved releases (and schedules rollouts).");
    case OperatorRole::Administrator:
        return tr("Manages the Author trust store, bulletin data and workflow settings; imports "
                  "and withdraws releases. Does not approve what the trust store lets in.");
    }
    return {};
}

void OperatorDialog::update()
{
    m_description->setText(roleDescription(OperatorRole(m_role->currentData().toInt())));
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(selectedOperator().isValid());
}

} // namespace Patchboard
