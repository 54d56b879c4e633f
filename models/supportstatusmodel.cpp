// SPDX-License-Identifier: Apache-2.0
#include "supportstatusmodel.h"

#include "deviceformat.h"

#include <QBrush>

namespace Patchboard {

SupportStatusModel::SupportStatusModel(QObject *parent) : QAbstractTableModel(parent) { }

void SupportStatusModel::setSummary(const ComplianceSummary &summary)
{
    beginResetModel();
    m_loaded = true;
    m_total = summary.devices;
    m_endingSoonDays = summary.policy.endingSoonDays;
    for (int i = 0; i < SupportStatusCount; ++i)
        m_counts[i] = summary.bySupportStatus[i];
    endResetModel();
}

double SupportStatusModel::share(SupportStatus status) const
{
    return m_total ? double(devices(status)) / m_total : 0.0;
}

int SupportStatusModel::rowCount(const QModelIndex &parent) const
{
    // No rows before the first summary: an empty chart rather than three zero bars.
    return parent.isValid() || !m_loaded ? 0 : SupportStatusCount;
}

int SupportStatusModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SupportStatusModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto status = SupportStatus(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case StatusColumn:
            return supportStatusName(status);
        case DevicesColumn:
            return DeviceFormat::number(devices(status));
        case ShareColumn:
            return DeviceFormat::percent(share(status));
        }
        break;
    case SortRole:
        switch (index.column()) {
        case StatusColumn:
            return index.row();
        case DevicesColumn:
            return devices(status);
        case ShareColumn:
            return share(status);
        }
        break;
    case StatusRole:
        return index.row();
    case Qt::TextAlignmentRole:
        return index.column() == StatusColumn ? int(Qt::AlignLeft | Qt::AlignVCenter)
                                              : int(Qt::AlignRight | Qt::AlignVCenter);
    case Qt::ForegroundRole:
        if (status == SupportStatus::Ended && devices(status) > 0)
            return QBrush(DeviceFormat::criticalColor());
        break;
    case Qt::ToolTipRole:
        if (status == SupportStatus::Ended)
            return tr("Devices on models without security support: replace them (SSU-SEC-0040).");
        if (status == SupportStatus::EndingSoon)
            return tr("Devices on models whose support ends within %Ln day(s).", nullptr,
                      m_endingSoonDays);
        break;
    default:
        break;
    }
    return {};
}

QVariant SupportStatusModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case StatusColumn:
        return tr("Support");
    case DevicesColumn:
        return tr("Devices");
    case ShareColumn:
        return tr("Share");
    }
    return {};
}

} // namespace Patchboard
