// SPDX-License-Identifier: Apache-2.0
#include "telemetrytimelinemodel.h"

#include "deviceformat.h"
#include "telemetryformat.h"

namespace Patchboard {

TelemetryTimelineModel::TelemetryTimelineModel(QObject *parent) : QAbstractTableModel(parent) { }

void TelemetryTimelineModel::setOverview(const TelemetryOverview &overview)
{
    beginResetModel();
    m_query = overview.query;
    m_buckets = overview.series.buckets;
    m_bucketSeconds = qMax(1, overview.series.bucketSeconds);
    m_errorThreshold = overview.errorThreshold;
    m_thresholdWave = overview.thresholdWave;
    m_highestTotal = 0;
    m_highestRate = 0;
    m_worstBucket = -1;
    for (int row = 0; row < m_buckets.size(); ++row) {
        const OutcomeCounts &counts = m_buckets.at(row).counts;
        m_highestTotal = qMax(m_highestTotal, counts.total());
        if (counts.results() && (m_worstBucket < 0 || counts.failureRate() > m_highestRate)) {
            m_highestRate = counts.failureRate();
            m_worstBucket = row;
        }
    }
    endResetModel();
}

QDateTime TelemetryTimelineModel::bucketStart(int row) const
{
    if (row < 0 || row >= m_buckets.size())
        return {};
    const QDateTime start = m_buckets.at(row).start;
    return m_query.from.isValid() && m_query.from > start ? m_query.from : start;
}

QDateTime TelemetryTimelineModel::bucketEnd(int row) const
{
    if (row < 0 || row >= m_buckets.size())
        return {};
    const QDateTime end = m_buckets.at(row).start.addSecs(m_bucketSeconds);
    return m_query.to.isValid() && m_query.to < end ? m_query.to : end;
}

int TelemetryTimelineModel::columnOf(TelemetryOutcome outcome)
{
    return SucceededColumn + int(outcome);
}

std::optional<TelemetryOutcome> TelemetryTimelineModel::outcomeOf(int column)
{
    if (column < SucceededColumn || column > PostponedColumn)
        return std::nullopt;
    return TelemetryOutcome(column - SucceededColumn);
}

int TelemetryTimelineModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_buckets.size());
}

int TelemetryTimelineModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TelemetryTimelineModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int row = index.row();
    const OutcomeCounts &counts = m_buckets.at(row).counts;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case StartColumn:
            return DeviceFormat::dateTime(bucketStart(row));
        case EndColumn:
            return DeviceFormat::dateTime(bucketEnd(row));
        case ResultsColumn:
            return DeviceFormat::number(counts.results());
        case FailureRateColumn:
            return TelemetryFormat::rateOf(counts);
        default:
            if (const auto outcome = outcomeOf(index.column()))
                return DeviceFormat::number(counts[*outcome]);
        }
        break;
    case SortRole:
        switch (index.column()) {
        case StartColumn:
            return bucketStart(row);
        case EndColumn:
            return bucketEnd(row);
        case ResultsColumn:
            return counts.results();
        case FailureRateColumn:
            return counts.results() ? QVariant(counts.failureRate()) : QVariant();
        default:
            if (const auto outcome = outcomeOf(index.column()))
                return counts[*outcome];
        }
        break;
    case StartRole:
        return bucketStart(row);
    case EndRole:
        return bucketEnd(row);
    case Qt::TextAlignmentRole:
        return index.column() <= EndColumn ? int(Qt::AlignLeft | Qt::AlignVCenter)
                                           : int(Qt::AlignRight | Qt::AlignVCenter);
    default:
        break;
    }
    return {};
}

QVariant TelemetryTimelineModel::headerData(int section, Qt::Orientation orientation,
                                            int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case StartColumn:
        return tr("From");
    case EndColumn:
        return tr("To");
    case ResultsColumn:
        return tr("Results");
    case FailureRateColumn:
        return tr("Failure rate (%)");
    default:
        if (const auto outcome = outcomeOf(section))
            return telemetryOutcomeDisplayName(*outcome);
    }
    return {};
}

} // namespace Patchboard
