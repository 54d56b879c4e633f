// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "domain/devicequery.h"

#include <QWidget>

class QComboBox;
class QDateEdit;
class QSpinBox;
class QLabel;

namespace Patchboard {

// The patch-level part of the device filter: any, released before or after a date, older than
// N days, or a patch age between two bounds (what a Compliance histogram bar drills down to).
// Dates outside FilterValidation's range are refused with a message and never reach a query.
class PatchLevelFilterEdit : public QWidget
{
    Q_OBJECT
public:
    enum Mode { AnyMode, BeforeMode, AfterMode, OlderThanMode, AgeBetweenMode };
    Q_ENUM(Mode)

    explicit PatchLevelFilterEdit(QWidget *parent = nullptr);

    Mode mode() const;
    void setMode(Mode mode);
    // Writes this part of the filter into filter; returns false (and leaves it) when the input
    // is refused, with problem() saying why.
    bool apply(DeviceFilter &filter) const;
    QString problem() const;
    // Shows the patch-level part of filter without emitting changed().
    void showFilter(const DeviceFilter &filter);
    void reset();

    QComboBox *modeBox() const { return m_mode; }
    QDateEdit *dateEdit() const { return m_date; }
    QSpinBox *minDaysBox() const { return m_minDays; }
    QSpinBox *maxDaysBox() const { return m_maxDays; }

Q_SIGNALS:
    // The operator changed the mode or committed a value.
    void changed();

private:
    void updateVisibility();

    QComboBox *m_mode = nullptr;
    QDateEdit *m_date = nullptr;
    QSpinBox *m_minDays = nullptr;
    QLabel *m_toLabel = nullptr;
    QSpinBox *m_maxDays = nullptr;
};

} // namespace Patchboard
