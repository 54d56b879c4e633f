// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "domain/telemetry.h"

#include <QAbstractTableModel>

namespace Patchboard {

// Failure reasons for the Telemetry page: one row per reason and outcome (failed, rolled back,
// postponed), most first, with its share of all of them.
class TelemetryReasonModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { ReasonColumn, OutcomeColumn, CountColumn, ShareColumn, ColumnCount };
    enum Role {
        SortRole = Qt::UserRole, // raw value
        ReasonRole, // int (FailureReason), on every column
        OutcomeRole, // int (TelemetryOutcome)
    };

    explicit TelemetryReasonModel(QObject *parent = nullptr);

    // Replaces every row in one reset.
    void setBreakdown(const TelemetryBreakdown &breakdown);

    const QList<ReasonCount> &reasons() const { return m_reasons; }
    qint64 total() const { return m_total; }
    // Share of all listed failures and postponements, 0..1.
    double share(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QList<ReasonCount> m_reasons;
    qint64 m_total = 0;
};

} // namespace Patchboard
