// SPDX-License-Identifier: Apache-2.0
#include "telemetrygroupmodel.h"

#include "deviceformat.h"
#include "telemetryformat.h"

#include <QBrush>

#include <algorithm>

namespace Patchboard {

TelemetryGroupModel::TelemetryGroupModel(TelemetryGroupKind kind, QObject *parent)
    : QAbstractTableModel(parent), m_kind(kind)
{ }

void TelemetryGroupModel::setBreakdown(const TelemetryBreakdown &breakdown)
{
    beginResetModel();
    switch (m_kind) {
    case TelemetryGroupKind::Model:
        m_groups = breakdown.models;
        break;
    case TelemetryGroupKind::Region:
        m_groups = breakdown.regions;
        break;
    case TelemetryGroupKind::Wave:
        m_groups = breakdown.waves;
        break;
    }
    if (m_kind == TelemetryGroupKind::Wave) {
        std::stable_sort(
            m_groups.begin(), m_groups.end(),
            [](const TelemetryGroup &a, const TelemetryGroup &b) { return a.id < b.id; });
    } else {
        std::stable_sort(m_groups.begin(), m_groups.end(),
                         [](const TelemetryGroup &a, const TelemetryGroup &b) {
                             if (a.counts.failures() != b.counts.failures())
                                 return a.counts.failures() > b.counts.failures();
                             if (a.counts.failureRate() != b.counts.failureRate())
                                 return a.counts.failureRate() > b.counts.failureRate();
                             return a.name.localeAwareCompare(b.name) < 0;
                         });
    }
    m_average = breakdown.total.failureRate();
    m_hasResults = breakdown.total.results() > 0;
    m_highestFailures = 0;
    m_highestRate = 0;
    for (const TelemetryGroup &group : std::as_const(m_groups)) {
        m_highestFailures = qMax(m_highestFailures, group.counts.failures());
        if (group.counts.results())
            m_highestRate = qMax(m_highestRate, group.counts.failureRate());
    }
    endResetModel();
}

QString TelemetryGroupModel::name(int row) const
{
    if (row < 0 || row >= m_groups.size())
        return {};
    const TelemetryGroup &group = m_groups.at(row);
    if (m_kind == TelemetryGroupKind::Wave)
        return TelemetryFormat::wave(group.id);
    return group.name.isEmpty() ? tr("#%1", "a model or region without a name").arg(group.id)
                                : group.name;
}

int TelemetryGroupModel::rowOfId(int id) const
{
    for (int row = 0; row < m_groups.size(); ++row) {
        if (m_groups.at(row).id == id)
            return row;
    }
    return -1;
}

bool TelemetryGroupModel::isAboveAverage(int row) const
{
    if (row < 0 || row >= m_groups.size())
        return false;
    const OutcomeCounts &counts = m_groups.at(row).counts;
    return counts.results() > 0 && counts.failureRate() > m_average;
}

int TelemetryGroupModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_groups.size());
}

int TelemetryGroupModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TelemetryGroupModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int row = index.row();
    const TelemetryGroup &group = m_groups.at(row);
    const OutcomeCounts &c = group.counts;
    const bool results = c.results() > 0;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return name(row);
        case SucceededColumn:
            return DeviceFormat::number(c.succeeded());
        case FailedColumn:
            return DeviceFormat::number(c[TelemetryOutcome::Failed]);
        case RolledBackColumn:
            return DeviceFormat::number(c[TelemetryOutcome::RolledBack]);
        case PostponedColumn:
            return DeviceFormat::number(c[TelemetryOutcome::Postponed]);
        case FailuresColumn:
            return DeviceFormat::number(c.failures());
        case ResultsColumn:
            return DeviceFormat::number(c.results());
        case FailureRateColumn:
            // Above the average: marked in text as well as in colour.
            return isAboveAverage(row) ? DeviceFormat::warningMarker() + TelemetryFormat::rateOf(c)
                                       : TelemetryFormat::rateOf(c);
        case DifferenceColumn:
            return results ? TelemetryFormat::points(c.failureRate() - m_average) : QString();
        }
        break;
    case SortRole:
        switch (index.column()) {
        case NameColumn:
            return m_kind == TelemetryGroupKind::Wave ? QVariant(group.id) : QVariant(name(row));
        case SucceededColumn:
            return c.succeeded();
        case FailedColumn:
            return c[TelemetryOutcome::Failed];
        case RolledBackColumn:
            return c[TelemetryOutcome::RolledBack];
        case PostponedColumn:
            return c[TelemetryOutcome::Postponed];
        case FailuresColumn:
            return c.failures();
        case ResultsColumn:
            return c.results();
        case FailureRateColumn:
            return results ? QVariant(c.failureRate()) : QVariant();
        case DifferenceColumn:
            return results ? QVariant(c.failureRate() - m_average) : QVariant();
        }
        break;
    case GroupIdRole:
        return group.id;
    case AboveAverageRole:
        return isAboveAverage(row);
    case Qt::ForegroundRole:
        if (index.column() == FailureRateColumn && isAboveAverage(row))
            return QBrush(DeviceFormat::warningColor());
        break;
    case Qt::ToolTipRole:
        if (index.column() == FailureRateColumn && isAboveAverage(row))
            return tr("Above the average failure rate of %1.")
                .arg(TelemetryFormat::rate(m_average));
        break;
    case Qt::TextAlignmentRole:
        return index.column() == NameColumn ? int(Qt::AlignLeft | Qt::AlignVCenter)
                                            : int(Qt::AlignRight | Qt::AlignVCenter);
    default:
        break;
    }
    return {};
}

QVariant TelemetryGroupModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        switch (m_kind) {
        case TelemetryGroupKind::Model:
            return tr("Hardware model");
        case TelemetryGroupKind::Region:
            return tr("Region");
        case TelemetryGroupKind::Wave:
            return tr("Wave");
        }
        break;
    case SucceededColumn:
        return telemetryOutcomeDisplayName(TelemetryOutcome::Succeeded);
    case FailedColumn:
        return telemetryOutcomeDisplayName(TelemetryOutcome::Failed);
    case RolledBackColumn:
        return telemetryOutcomeDisplayName(TelemetryOutcome::RolledBack);
    case PostponedColumn:
        return telemetryOutcomeDisplayName(TelemetryOutcome::Postponed);
    case FailuresColumn:
        return tr("Failures");
    case ResultsColumn:
        return tr("Results");
    case FailureRateColumn:
        return tr("Failure rate (%)");
    case DifferenceColumn:
        return tr("vs. average (points)");
    }
    return {};
}

} // namespace Patchboard
