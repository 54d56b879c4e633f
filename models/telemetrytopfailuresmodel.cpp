// SPDX-License-Identifier: Apache-2.0
#include "telemetrytopfailuresmodel.h"

#include "deviceformat.h"
#include "telemetryformat.h"

#include <QBrush>

#include <algorithm>

namespace Patchboard {

namespace {

bool moreFailures(const TelemetryGroup &a, const TelemetryGroup &b)
{
    if (a.counts.failures() != b.counts.failures())
        return a.counts.failures() > b.counts.failures();
    if (a.counts.failureRate() != b.counts.failureRate())
        return a.counts.failureRate() > b.counts.failureRate();
    return a.name.localeAwareCompare(b.name) < 0;
}

} // namespace

TelemetryTopFailuresModel::TelemetryTopFailuresModel(int perKind, QObject *parent)
    : QAbstractTableModel(parent), m_perKind(qMax(1, perKind))
{ }

void TelemetryTopFailuresModel::setBreakdown(const TelemetryBreakdown &breakdown)
{
    beginResetModel();
    m_rows.clear();
    m_average = breakdown.total.failureRate();
    const auto add = [this](TelemetryGroupKind kind, QList<TelemetryGroup> groups) {
        std::stable_sort(groups.begin(), groups.end(), moreFailures);
        int added = 0;
        for (const TelemetryGroup &group : std::as_const(groups)) {
            if (group.counts.failures() <= 0 || added == m_perKind)
                break;
            m_rows.append({kind, group});
            ++added;
        }
    };
    add(TelemetryGroupKind::Model, breakdown.models);
    add(TelemetryGroupKind::Region, breakdown.regions);
    endResetModel();
}

int TelemetryTopFailuresModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int TelemetryTopFailuresModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TelemetryTopFailuresModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    const OutcomeCounts &c = row.group.counts;
    const bool above = c.results() > 0 && c.failureRate() > m_average;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return row.group.name.isEmpty() ? tr("#%1").arg(row.group.id) : row.group.name;
        case KindColumn:
            return row.kind == TelemetryGroupKind::Model ? tr("Model") : tr("Region");
        case FailuresColumn:
            return DeviceFormat::number(c.failures());
        case FailureRateColumn:
            return above ? DeviceFormat::warningMarker() + TelemetryFormat::rateOf(c)
                         : TelemetryFormat::rateOf(c);
        }
        break;
    case SortRole:
        switch (index.column()) {
        case NameColumn:
            return row.group.name;
        case KindColumn:
            return int(row.kind);
        case FailuresColumn:
            return c.failures();
        case FailureRateColumn:
            return c.results() ? QVariant(c.failureRate()) : QVariant();
        }
        break;
    case GroupKindRole:
        return int(row.kind);
    case GroupIdRole:
        return row.group.id;
    case Qt::ForegroundRole:
        if (index.column() == FailureRateColumn && above)
            return QBrush(DeviceFormat::warningColor());
        break;
    case Qt::ToolTipRole:
        return tr("%1 failed, %2 rolled back of %3 results (average failure rate %4).\n"
                  "Click to list these devices.")
            .arg(DeviceFormat::number(c[TelemetryOutcome::Failed]),
                 DeviceFormat::number(c[TelemetryOutcome::RolledBack]),
                 DeviceFormat::number(c.results()), TelemetryFormat::rate(m_average));
    case Qt::TextAlignmentRole:
        return index.column() <= KindColumn ? int(Qt::AlignLeft | Qt::AlignVCenter)
                                            : int(Qt::AlignRight | Qt::AlignVCenter);
    default:
        break;
    }
    return {};
}

QVariant TelemetryTopFailuresModel::headerData(int section, Qt::Orientation orientation,
                                               int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return tr("Model or region");
    case KindColumn:
        return tr("Kind");
    case FailuresColumn:
        return tr("Failures");
    case FailureRateColumn:
        return tr("Failure rate");
    }
    return {};
}

} // namespace Patchboard
