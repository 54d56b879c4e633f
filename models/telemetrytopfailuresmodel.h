// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "telemetrygroupmodel.h"

#include <QAbstractTableModel>

namespace Patchboard {

// The small "top failing" table beside the Telemetry charts: the hardware models, then the
// regions, with the most failures (failed or rolled back), a few of each. Groups without failures
// are left out.
class TelemetryTopFailuresModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { NameColumn, KindColumn, FailuresColumn, FailureRateColumn, ColumnCount };
    enum Role {
        SortRole = Qt::UserRole, // raw value
        GroupKindRole, // int (TelemetryGroupKind), on every column
        GroupIdRole, // int: model or region id
    };
    struct Row
    {
        TelemetryGroupKind kind = TelemetryGroupKind::Model;
        TelemetryGroup group;
    };

    explicit TelemetryTopFailuresModel(int perKind = 5, QObject *parent = nullptr);

    // Replaces every row in one reset.
    void setBreakdown(const TelemetryBreakdown &breakdown);

    const QList<Row> &rows() const { return m_rows; }
    int perKind() const { return m_perKind; }
    double averageFailureRate() const { return m_average; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    int m_perKind;
    QList<Row> m_rows;
    double m_average = 0;
};

} // namespace Patchboard
