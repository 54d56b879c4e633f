// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "domain/rollout.h"

#include <QTableWidget>

namespace Patchboard {

// The live counts of a rollout's waves, one row per wave: its state, a stacked progress bar
// (WaveProgressDelegate), succeeded, failed, in progress, pending, its size, when it started and
// when the next wave follows. A refresh changes the cells in place, so a selected row stays.
class WaveProgressTable : public QTableWidget
{
    Q_OBJECT
public:
    enum Column {
        WaveColumn,
        StateColumn,
        ProgressColumn, // RolloutListModel::ProgressRole holds the counts
        SucceededColumn,
        FailedColumn,
        InProgressColumn,
        PendingColumn,
        SizeColumn,
        StartedColumn,
        NextWaveColumn,
        ColumnCount
    };

    explicit WaveProgressTable(QWidget *parent = nullptr);

    // planned: the waves as created (they name the sizes; the progress carries the thresholds in
    // force, which an operator may have raised when resuming).
    void setWaves(const QList<WaveProgress> &waves, const QList<WavePlan> &planned);
};

} // namespace Patchboard
