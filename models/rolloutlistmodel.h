// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "domain/rollout.h"
#include "rolloutformat.h"

#include <QAbstractItemModel>
#include <QHash>

namespace Patchboard {

// The rollouts (ARCHITECTURE.md "models/": a tree, rollout -> its waves), newest first as the
// backend lists them. Counts change several times a second while a rollout runs, so a refresh
// updates the rows in place: rollouts that are gone are removed, new ones inserted, and the rest
// only change their cells, which keeps the selection and every persistent index. Only a change
// in the order of the rollouts that stay (which the backend never makes) resets the model.
class RolloutListModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column {
        NameColumn, // rollout name; for a wave "Wave 2 · 10%"
        ReleaseColumn,
        StateColumn,
        ProgressColumn, // ProgressRole: RolloutFormat::Counts for the delegate's stacked bar
        TargetsColumn,
        StartedColumn,
        HaltReasonColumn,
        ColumnCount
    };
    enum Role {
        SortRole = Qt::UserRole, // raw value
        RolloutIdRole, // qint64, on rollout and wave rows
        WaveNumberRole, // int, 1-based; 0 on a rollout row
        StateRole, // the stable state name ("running"; for waves "succeeded")
        ProgressRole, // RolloutFormat::Counts, on every column of the row
        WaitingForGateRole, // bool: the rollout (or the wave) waits for "continue to next wave"
    };

    explicit RolloutListModel(QObject *parent = nullptr);

    void setRollouts(const QList<RolloutSummary> &rollouts);
    QList<RolloutSummary> rollouts() const;
    // The row of a rollout, or -1; its index (column 0), or an invalid index.
    int rowOf(qint64 rolloutId) const;
    QModelIndex indexOf(qint64 rolloutId, int column = 0) const;
    // The rollout as last listed, or null.
    const RolloutSummary *rollout(qint64 rolloutId) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    struct WaveCells
    {
        QString name;
        QString state;
        QString started;
        RolloutFormat::Counts counts;
    };
    struct Row
    {
        RolloutSummary summary;
        QString state;
        QString started;
        QString startedTip;
        RolloutFormat::Counts counts;
        bool waitingForGate = false;
        QList<WaveCells> waves;
    };
    static Row format(const RolloutSummary &summary);
    void reindex();
    void replaceRow(int row, Row &&next);
    QVariant rolloutData(const Row &row, int column, int role) const;
    QVariant waveData(const Row &row, int wave, int column, int role) const;

    QList<Row> m_rows;
    QHash<qint64, int> m_rowById;
};

} // namespace Patchboard
