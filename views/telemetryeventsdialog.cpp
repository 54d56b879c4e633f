// SPDX-License-Identifier: Apache-2.0
#include "telemetryeventsdialog.h"

#include "viewstyle.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace Patchboard {

TelemetryEventsDialog::TelemetryEventsDialog(const QString &what, QWidget *parent)
    : QDialog(parent), m_pseudonyms(new QCheckBox(tr("&Replace device IDs with pseudonyms"), this))
{
    setWindowTitle(tr("Export Update Events"));
    auto *intro = new QLabel(
        tr("Every update event of %1, oldest first, as a CSV file (UTF-8).").arg(what), this);
    intro->setWordWrap(true);
    intro->setTextFormat(Qt::PlainText);
    m_pseudonyms->setChecked(true);
    m_pseudonyms->setAccessibleDescription(tr("Each device ID is replaced by a keyed hash of it."));
    auto *explanation = new QLabel(
        tr("Each device ID is replaced by a pseudonym that is the same for every event of that "
           "device in this file. The pseudonyms are keyed with a random salt made for this "
           "export and not stored anywhere: they cannot be traced back to devices, nor matched "
           "with another export."),
        this);
    explanation->setWordWrap(true);
    explanation->setTextFormat(Qt::PlainText);
    ViewStyle::setMuted(explanation);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Choose &File\u2026"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_pseudonyms, &QCheckBox::toggled, explanation, &QWidget::setVisible);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addSpacing(6);
    layout->addWidget(m_pseudonyms);
    layout->addWidget(explanation);
    layout->addStretch(1);
    layout->addWidget(buttons);
    setMinimumWidth(460);
}

bool TelemetryEventsDialog::pseudonyms() const
{
    return m_pseudonyms->isChecked();
}

} // namespace Patchboard
