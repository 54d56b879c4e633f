// SPDX-License-Identifier: Apache-2.0
#include "rolloutscheduleeditor.h"

#include "viewstyle.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QDateTimeEdit>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QRadioButton>
#include <QTimeEdit>
#include <QVBoxLayout>

namespace Patchboard {

RolloutScheduleEditor::RolloutScheduleEditor(QWidget *parent)
    : QWidget(parent)
    , m_startNow(new QRadioButton(tr("As soon as it is &scheduled"), this))
    , m_startAt(new QRadioButton(tr("&At"), this))
    , m_start(new QDateTimeEdit(this))
    , m_windowCheck(new QCheckBox(tr("Install only &between"), this))
    , m_windowStart(new QTimeEdit(QTime(1, 0), this))
    , m_windowEnd(new QTimeEdit(QTime(5, 0), this))
    , m_deadlineCheck(new QCheckBox(tr("&Leave out devices not offered by"), this))
    , m_deadline(new QDateTimeEdit(this))
{
    m_start->setCalendarPopup(true);
    m_start->setAccessibleName(tr("Start time"));
    // Tomorrow at one in the morning, the operator's time: a start that is easy to move.
    m_start->setDateTime(QDateTime(QDate::currentDate().addDays(1), QTime(1, 0)));
    m_start->setEnabled(false);
    m_startNow->setChecked(true);
    auto *startGroup = new QButtonGroup(this);
    startGroup->addButton(m_startNow);
    startGroup->addButton(m_startAt);
    auto *startRow = new QHBoxLayout;
    startRow->addWidget(m_startNow);
    startRow->addSpacing(12);
    startRow->addWidget(m_startAt);
    startRow->addWidget(m_start);
    startRow->addStretch(1);

    m_windowCheck->setChecked(true);
    m_windowStart->setAccessibleName(tr("Maintenance window start"));
    m_windowEnd->setAccessibleName(tr("Maintenance window end"));
    auto *windowRow = new QHBoxLayout;
    windowRow->addWidget(m_windowCheck);
    windowRow->addWidget(m_windowStart);
    windowRow->addWidget(new QLabel(tr("and"), this));
    windowRow->addWidget(m_windowEnd);
    windowRow->addWidget(new QLabel(tr("device-local time"), this));
    windowRow->addStretch(1);
    auto *windowNote = new QLabel(
        tr("Devices download at any time and install inside the window, in their own time "
           "zone. A window may cross midnight (22:00 to 04:00)."),
        this);
    windowNote->setWordWrap(true);
    ViewStyle::setMuted(windowNote);

    m_deadline->setCalendarPopup(true);
    m_deadline->setAccessibleName(tr("Deadline"));
    m_deadline->setDateTime(QDateTime(QDate::currentDate().addDays(15), QTime(0, 0)));
    m_deadline->setEnabled(false);
    auto *deadlineRow = new QHBoxLayout;
    deadlineRow->addWidget(m_deadlineCheck);
    deadlineRow->addWidget(m_deadline);
    deadlineRow->addStretch(1);

    auto *form = new QFormLayout;
    form->addRow(tr("Start:"), startRow);
    form->addRow(tr("Maintenance window:"), windowRow);
    form->addRow(QString(), windowNote);
    form->addRow(tr("Deadline:"), deadlineRow);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(form);
    layout->addStretch(1);

    connect(m_startAt, &QRadioButton::toggled, m_start, &QWidget::setEnabled);
    connect(m_windowCheck, &QCheckBox::toggled, m_windowStart, &QWidget::setEnabled);
    connect(m_windowCheck, &QCheckBox::toggled, m_windowEnd, &QWidget::setEnabled);
    connect(m_deadlineCheck, &QCheckBox::toggled, m_deadline, &QWidget::setEnabled);
    for (QAbstractButton *box :
         std::initializer_list<QAbstractButton *>{m_startAt, m_windowCheck, m_deadlineCheck})
        connect(box, &QAbstractButton::toggled, this, &RolloutScheduleEditor::changed);
    connect(m_start, &QDateTimeEdit::dateTimeChanged, this, &RolloutScheduleEditor::changed);
    connect(m_deadline, &QDateTimeEdit::dateTimeChanged, this, &RolloutScheduleEditor::changed);
    connect(m_windowStart, &QTimeEdit::timeChanged, this, &RolloutScheduleEditor::changed);
    connect(m_windowEnd, &QTimeEdit::timeChanged, this, &RolloutScheduleEditor::changed);
}

QDateTime RolloutScheduleEditor::start() const
{
    return m_startAt->isChecked() ? m_start->dateTime().toUTC() : QDateTime();
}

QDateTime RolloutScheduleEditor::deadline() const
{
    return m_deadlineCheck->isChecked() ? m_deadline->dateTime().toUTC() : QDateTime();
}

MaintenanceWindow RolloutScheduleEditor::window() const
{
    MaintenanceWindow window;
    window.enabled = m_windowCheck->isChecked();
    window.start = m_windowStart->time();
    window.end = m_windowEnd->time();
    return window;
}

} // namespace Patchboard
