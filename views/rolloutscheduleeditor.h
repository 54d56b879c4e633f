// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "domain/rollout.h"

#include <QWidget>

class QCheckBox;
class QDateTimeEdit;
class QRadioButton;
class QTimeEdit;

namespace Patchboard {

// When a rollout runs: its start (as soon as it is scheduled, or at a time the operator picks,
// in the operator's time zone), the maintenance window devices install in (their own local
// time; it may cross midnight) and an optional deadline after which devices not offered the
// release are left out.
class RolloutScheduleEditor : public QWidget
{
    Q_OBJECT
public:
    explicit RolloutScheduleEditor(QWidget *parent = nullptr);

    QDateTime start() const; // UTC; invalid = as soon as scheduled
    QDateTime deadline() const; // UTC; invalid = none
    MaintenanceWindow window() const;

    QRadioButton *startNowRadio() const { return m_startNow; }
    QRadioButton *startAtRadio() const { return m_startAt; }
    QDateTimeEdit *startEdit() const { return m_start; }
    QCheckBox *windowCheck() const { return m_windowCheck; }
    QTimeEdit *windowStartEdit() const { return m_windowStart; }
    QTimeEdit *windowEndEdit() const { return m_windowEnd; }
    QCheckBox *deadlineCheck() const { return m_deadlineCheck; }
    QDateTimeEdit *deadlineEdit() const { return m_deadline; }

Q_SIGNALS:
    void changed();

private:
    QRadioButton *m_startNow = nullptr;
    QRadioButton *m_startAt = nullptr;
    QDateTimeEdit *m_start = nullptr;
    QCheckBox *m_windowCheck = nullptr;
    QTimeEdit *m_windowStart = nullptr;
    QTimeEdit *m_windowEnd = nullptr;
    QCheckBox *m_deadlineCheck = nullptr;
    QDateTimeEdit *m_deadline = nullptr;
};

} // namespace Patchboard
