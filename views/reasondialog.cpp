// SPDX-License-Identifier: Apache-2.0
#include "reasondialog.h"

#include "deviceformat.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace Patchboard {

ReasonDialog::ReasonDialog(const QString &title, const QString &explanation,
                           const QString &actionText, QWidget *parent)
    : QDialog(parent)
    , m_warning(new QLabel(this))
    , m_reason(new QPlainTextEdit(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(title);
    auto *text = new QLabel(explanation, this);
    text->setWordWrap(true);
    text->setTextFormat(Qt::PlainText);
    m_warning->setWordWrap(true);
    m_warning->setTextFormat(Qt::PlainText);
    QPalette warning = m_warning->palette();
    warning.setColor(QPalette::WindowText, DeviceFormat::warningColor());
    m_warning->setPalette(warning);
    m_warning->hide();

    auto *label
        = new QLabel(tr("&Reason (recorded in the release history and the audit log):"), this);
    label->setBuddy(m_reason);
    label->setWordWrap(true);
    m_reason->setTabChangesFocus(true);
    m_reason->setAccessibleName(tr("Reason"));
    m_reason->setMinimumHeight(m_reason->fontMetrics().height() * 4);
    m_buttons->button(QDialogButtonBox::Ok)->setText(actionText);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(text);
    layout->addWidget(m_warning);
    layout->addWidget(label);
    layout->addWidget(m_reason, 1);
    layout->addWidget(m_buttons);

    connect(m_reason, &QPlainTextEdit::textChanged, this, &ReasonDialog::updateButton);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    updateButton();
    resize(520, sizeHint().height());
    m_reason->setFocus();
}

QString ReasonDialog::reason() const
{
    return m_reason->toPlainText().trimmed();
}

void ReasonDialog::setReason(const QString &text)
{
    m_reason->setPlainText(text);
    m_reason->selectAll();
}

void ReasonDialog::setWarning(const QString &text)
{
    m_warning->setText(text.isEmpty() ? QString() : DeviceFormat::warningMarker() + text);
    m_warning->setVisible(!text.isEmpty());
}

void ReasonDialog::updateButton()
{
    QPushButton *ok = m_buttons->button(QDialogButtonBox::Ok);
    ok->setEnabled(!reason().isEmpty());
    ok->setToolTip(reason().isEmpty() ? tr("Write a reason first.") : QString());
}

} // namespace Patchboard
