// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "domain/telemetry.h"

#include <QAbstractTableModel>

namespace Patchboard {

enum class TelemetryGroupKind : quint8 { Model, Region, Wave };

// One breakdown of the Telemetry page: failures by hardware model, by region or by wave, with
// each group's failure rate beside the average over all results of the query (the fleet, the
// rollout or the release in the chosen range). Models and regions are ordered by failures, most
// first (then by failure rate, then by name); waves by number.
class TelemetryGroupModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        NameColumn, // model or region name, "Wave 2"; SortRole: the name, or the wave number
        SucceededColumn,
        FailedColumn,
        RolledBackColumn,
        PostponedColumn,
        FailuresColumn, // failed + rolled back
        ResultsColumn, // succeeded + failures
        FailureRateColumn, // percent of results; SortRole is null without results
        DifferenceColumn, // failure rate minus the average, in percentage points
        ColumnCount
    };
    enum Role {
        SortRole = Qt::UserRole, // raw value
        GroupIdRole, // int: model id, region id or wave number, on every column
        AboveAverageRole, // bool: the failure rate is above the average
    };

    explicit TelemetryGroupModel(TelemetryGroupKind kind, QObject *parent = nullptr);

    // Replaces every row in one reset.
    void setBreakdown(const TelemetryBreakdown &breakdown);

    TelemetryGroupKind kind() const { return m_kind; }
    const QList<TelemetryGroup> &groups() const { return m_groups; }
    QString name(int row) const;
    int rowOfId(int id) const;
    // Failure rate of all results of the query in percent; the reference for every group.
    double averageFailureRate() const { return m_average; }
    bool hasResults() const { return m_hasResults; }
    bool isAboveAverage(int row) const;
    qint64 highestFailures() const { return m_highestFailures; }
    double highestRate() const { return m_highestRate; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    TelemetryGroupKind m_kind;
    QList<TelemetryGroup> m_groups;
    double m_average = 0;
    bool m_hasResults = false;
    qint64 m_highestFailures = 0;
    double m_highestRate = 0;
};

} // namespace Patchboard
