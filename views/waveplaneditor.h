// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "domain/rollout.h"

#include <QWidget>

class QPushButton;
class QTableWidget;

namespace Patchboard {

// The waves of a rollout plan as an editable table: per wave its size (a percentage of the
// targets, a number of devices, or the rest), success and error thresholds, the results needed
// before the error threshold applies, the soak time and the manual gate; with Add, Remove and
// Reset to the default waves (canary 1% -> 10% -> 50% -> the rest). The plan's rules are checked
// by the service (RolloutRules::validatePlan) and shown in the preview.
class WavePlanEditor : public QWidget
{
    Q_OBJECT
public:
    enum Column {
        SizeKindColumn,
        SizeValueColumn,
        SuccessColumn,
        ErrorColumn,
        MinimumResultsColumn,
        SoakColumn,
        GateColumn,
        ColumnCount
    };

    explicit WavePlanEditor(QWidget *parent = nullptr);

    void setWaves(const QList<WavePlan> &waves);
    QList<WavePlan> waves() const;
    // What Reset to Default goes back to: the built-in waves unless set (the New Rollout dialog
    // sets the defaults from Settings).
    void setDefaultWaves(const QList<WavePlan> &waves);

    QTableWidget *table() const { return m_table; }
    QPushButton *addButton() const { return m_add; }
    QPushButton *removeButton() const { return m_remove; }
    QPushButton *resetButton() const { return m_reset; }
    // The editor of one cell (a spin box, combo box or check box), for tests.
    QWidget *cellEditor(int wave, Column column) const;

public Q_SLOTS:
    void addWave();
    void removeWave();
    void resetToDefault();

Q_SIGNALS:
    void wavesChanged();

protected:
    // Focus in a cell's editor makes its wave the current one (for Remove and Add).
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void setRow(int row, const WavePlan &wave);
    void updateValueEditor(int row);
    void updateButtons();

    QTableWidget *m_table = nullptr;
    QPushButton *m_add = nullptr;
    QPushButton *m_remove = nullptr;
    QPushButton *m_reset = nullptr;
    QList<WavePlan> m_defaultWaves = RolloutPlan::defaultWaves();
};

} // namespace Patchboard
