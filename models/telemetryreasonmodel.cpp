// SPDX-License-Identifier: Apache-2.0
#include "telemetryreasonmodel.h"

#include "deviceformat.h"
#include "telemetryformat.h"

#include <algorithm>

namespace Patchboard {

TelemetryReasonModel::TelemetryReasonModel(QObject *parent) : QAbstractTableModel(parent) { }

void TelemetryReasonModel::setBreakdown(const TelemetryBreakdown &breakdown)
{
    beginResetModel();
    m_reasons.clear();
    m_total = 0;
    for (const ReasonCount &reason : breakdown.reasons) {
        if (reason.count <= 0 || reason.outcome == TelemetryOutcome::Succeeded)
            continue;
        m_reasons.append(reason);
        m_total += reason.count;
    }
    // Most first; ties in a fixed order so that a refresh does not shuffle the bars.
    std::stable_sort(m_reasons.begin(), m_reasons.end(),
                     [](const ReasonCount &a, const ReasonCount &b) {
                         if (a.count != b.count)
                             return a.count > b.count;
                         if (a.reason != b.reason)
                             return a.reason < b.reason;
                         return a.outcome < b.outcome;
                     });
    endResetModel();
}

double TelemetryReasonModel::share(int row) const
{
    if (row < 0 || row >= m_reasons.size() || m_total <= 0)
        return 0;
    return double(m_reasons.at(row).count) / double(m_total);
}

int TelemetryReasonModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_reasons.size());
}

int TelemetryReasonModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TelemetryReasonModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ReasonCount &reason = m_reasons.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case ReasonColumn:
            return TelemetryFormat::reason(reason.reason);
        case OutcomeColumn:
            return telemetryOutcomeDisplayName(reason.outcome);
        case CountColumn:
            return DeviceFormat::number(reason.count);
        case ShareColumn:
            return DeviceFormat::percent(share(index.row()));
        }
        break;
    case SortRole:
        switch (index.column()) {
        case ReasonColumn:
            return TelemetryFormat::reason(reason.reason);
        case OutcomeColumn:
            return telemetryOutcomeDisplayName(reason.outcome);
        case CountColumn:
            return reason.count;
        case ShareColumn:
            return share(index.row()) * 100.0;
        }
        break;
    case ReasonRole:
        return int(reason.reason);
    case OutcomeRole:
        return int(reason.outcome);
    case Qt::TextAlignmentRole:
        return index.column() <= OutcomeColumn ? int(Qt::AlignLeft | Qt::AlignVCenter)
                                               : int(Qt::AlignRight | Qt::AlignVCenter);
    default:
        break;
    }
    return {};
}

QVariant TelemetryReasonModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case ReasonColumn:
        return tr("Reason");
    case OutcomeColumn:
        return tr("Outcome");
    case CountColumn:
        return tr("Updates");
    case ShareColumn:
        return tr("Share (%)");
    }
    return {};
}

} // namespace Patchboard
