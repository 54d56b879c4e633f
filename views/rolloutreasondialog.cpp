// SPDX-License-Identifier: Apache-2.0
#include "rolloutreasondialog.h"

#include "rolloutformat.h"
#include "viewstyle.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace Patchboard {

RolloutReasonDialog::RolloutReasonDialog(const QString &title, const QString &explanation,
                                         const QString &actionText, QWidget *parent)
    : QDialog(parent)
    , m_reason(new QPlainTextEdit(this))
    , m_thresholdCheck(new QCheckBox(this))
    , m_threshold(new QDoubleSpinBox(this))
    , m_thresholdNote(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(title);
    auto *text = new QLabel(explanation, this);
    text->setWordWrap(true);
    text->setTextFormat(Qt::PlainText);

    auto *label
        = new QLabel(tr("&Reason (recorded in the rollout history and the audit log):"), this);
    label->setBuddy(m_reason);
    label->setWordWrap(true);
    m_reason->setTabChangesFocus(true);
    m_reason->setAccessibleName(tr("Reason"));
    m_reason->setMinimumHeight(m_reason->fontMetrics().height() * 4);

    m_threshold->setRange(0, 99.9);
    m_threshold->setDecimals(1);
    m_threshold->setSuffix(QLocale().percent());
    m_threshold->setAccessibleName(tr("New error threshold"));
    m_threshold->setEnabled(false);
    m_thresholdNote->setWordWrap(true);
    ViewStyle::setMuted(m_thresholdNote);
    m_thresholdNote->setText(tr("Failures are counted again from the moment the rollout resumes."));
    auto *thresholdRow = new QHBoxLayout;
    thresholdRow->addWidget(m_thresholdCheck);
    thresholdRow->addWidget(m_threshold);
    thresholdRow->addStretch(1);
    m_thresholdCheck->hide();
    m_threshold->hide();
    m_thresholdNote->hide();

    m_buttons->button(QDialogButtonBox::Ok)->setText(actionText);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(text);
    layout->addWidget(label);
    layout->addWidget(m_reason, 1);
    layout->addLayout(thresholdRow);
    layout->addWidget(m_thresholdNote);
    layout->addWidget(m_buttons);

    connect(m_reason, &QPlainTextEdit::textChanged, this, &RolloutReasonDialog::updateButton);
    connect(m_thresholdCheck, &QCheckBox::toggled, m_threshold, &QWidget::setEnabled);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    updateButton();
    resize(520, sizeHint().height());
    m_reason->setFocus();
}

void RolloutReasonDialog::offerErrorThreshold(int wave, double current)
{
    m_thresholdCheck->setText(tr("Raise the &error threshold of wave %1 to").arg(wave));
    m_thresholdCheck->setToolTip(tr("Wave %1 halts when more than %2 of its results are failures.")
                                     .arg(wave)
                                     .arg(RolloutFormat::percent(current)));
    m_threshold->setValue(qMin(current, m_threshold->maximum()));
    m_thresholdCheck->show();
    m_threshold->show();
    m_thresholdNote->show();
}

QString RolloutReasonDialog::reason() const
{
    return m_reason->toPlainText().trimmed();
}

void RolloutReasonDialog::setReason(const QString &text)
{
    m_reason->setPlainText(text);
    m_reason->selectAll();
}

double RolloutReasonDialog::newErrorThreshold() const
{
    return !m_thresholdCheck->isHidden() && m_thresholdCheck->isChecked() ? m_threshold->value()
                                                                          : -1.0;
}

void RolloutReasonDialog::updateButton()
{
    QPushButton *ok = m_buttons->button(QDialogButtonBox::Ok);
    ok->setEnabled(!reason().isEmpty());
    ok->setToolTip(reason().isEmpty() ? tr("Write a reason first.") : QString());
}

} // namespace Patchboard
