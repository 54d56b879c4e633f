// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "domain/telemetry.h"

#include <QAbstractTableModel>

#include <optional>

namespace Patchboard {

// Outcomes over time for the Telemetry page: one row per time bucket of a TelemetryOverview,
// with the four outcomes, the results and the failure rate. A bucket's bounds are clipped to the
// query's range, so that they say exactly which events its bar counts (the drill-down filter
// uses them).
class TelemetryTimelineModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        StartColumn, // local time on screen, UTC in SortRole
        EndColumn, // exclusive
        SucceededColumn,
        FailedColumn,
        RolledBackColumn,
        PostponedColumn,
        ResultsColumn, // succeeded + failed + rolled back
        FailureRateColumn, // percent of results; SortRole is null without results
        ColumnCount
    };
    enum Role {
        SortRole = Qt::UserRole, // raw value
        StartRole, // QDateTime (UTC), on every column
        EndRole,
    };

    explicit TelemetryTimelineModel(QObject *parent = nullptr);

    // Replaces every row in one reset.
    void setOverview(const TelemetryOverview &overview);

    const QList<OutcomeBucket> &buckets() const { return m_buckets; }
    int bucketSeconds() const { return m_bucketSeconds; }
    const TelemetryQuery &query() const { return m_query; }
    // The rollout's error threshold in percent and the wave it belongs to; < 0 without one.
    double errorThreshold() const { return m_errorThreshold; }
    int thresholdWave() const { return m_thresholdWave; }
    // Bounds of a bucket, clipped to the query's range.
    QDateTime bucketStart(int row) const;
    QDateTime bucketEnd(int row) const;
    // The tallest stack of bars and the highest failure rate (percent), for the axes.
    qint64 highestTotal() const { return m_highestTotal; }
    double highestRate() const { return m_highestRate; }
    // The bucket with the highest failure rate, or -1 without results.
    int worstBucket() const { return m_worstBucket; }

    static int columnOf(TelemetryOutcome outcome);
    static std::optional<TelemetryOutcome> outcomeOf(int column);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    TelemetryQuery m_query;
    QList<OutcomeBucket> m_buckets;
    int m_bucketSeconds = 60;
    double m_errorThreshold = -1;
    int m_thresholdWave = 0;
    qint64 m_highestTotal = 0;
    double m_highestRate = 0;
    int m_worstBucket = -1;
};

} // namespace Patchboard
