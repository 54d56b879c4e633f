// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "domain/device.h"

#include <QAbstractTableModel>

namespace Patchboard {

// One device's update events, newest first (X.secup-iot 7: every phase a device reports).
class UpdateHistoryModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        TimeColumn,
        RolloutColumn,
        WaveColumn,
        PhaseColumn,
        OutcomeColumn,
        FromVersionColumn,
        ToVersionColumn,
        ReasonColumn,
        ColumnCount
    };
    enum Role {
        SortRole = Qt::UserRole, // raw value
        EventIdRole, // qint64 UpdateEvent id
    };

    explicit UpdateHistoryModel(QObject *parent = nullptr);

    // Replaces every row in one reset.
    void setEvents(const QList<UpdateEvent> &events);
    void clear();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QList<UpdateEvent> m_events;
    QStringList m_times; // formatted once per reset
};

} // namespace Patchboard
