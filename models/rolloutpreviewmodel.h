// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "domain/rollout.h"

#include <QAbstractTableModel>

namespace Patchboard {

// Which hardware models land in which wave of a planned (or created) rollout: one row per model,
// most popular first as the waves are filled (SSU-SEC-0021), then a total row; the columns are
// the model, its targeted devices and one column per wave. A new preview replaces everything in
// one reset (the number of waves may change with it).
class RolloutPreviewModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { ModelColumn, DevicesColumn, FirstWaveColumn };
    enum Role {
        SortRole = Qt::UserRole, // raw value
        ModelIdRole, // int; 0 on the total row
        TotalRowRole, // bool
    };

    explicit RolloutPreviewModel(QObject *parent = nullptr);

    void setPreview(const RolloutPreview &preview);
    void clear();
    int waveCount() const { return m_waves; }
    // The column of a wave (1-based).
    static int waveColumn(int wave) { return FirstWaveColumn + wave - 1; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QList<RolloutPreview::ModelRow> m_rows;
    RolloutPreview::ModelRow m_total;
    int m_waves = 0;
};

} // namespace Patchboard
