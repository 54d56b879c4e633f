// SPDX-License-Identifier: Apache-2.0
#include "patchagemodel.h"

#include "deviceformat.h"

#include <QBrush>
#include <QLocale>

namespace Patchboard {

PatchAgeModel::PatchAgeModel(QObject *parent) : QAbstractTableModel(parent) { }

void PatchAgeModel::setSummary(const ComplianceSummary &summary)
{
    beginResetModel();
    m_bins = summary.patchAge;
    m_total = summary.devices;
    m_outOfDateDays = summary.policy.outOfDateDays;
    endResetModel();
}

QString PatchAgeModel::rangeLabel(const PatchAgeBin &bin)
{
    const QLocale locale;
    if (bin.maxDays < 0)
        return tr("%1+", "patch age bin without upper bound").arg(locale.toString(bin.minDays));
    return tr("%1\u2013%2", "patch age bin, days from-to")
        .arg(locale.toString(bin.minDays), locale.toString(bin.maxDays));
}

int PatchAgeModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_bins.size());
}

int PatchAgeModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PatchAgeModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const PatchAgeBin &bin = m_bins.at(index.row());
    const double share = m_total ? double(bin.devices) / m_total : 0.0;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case RangeColumn:
            return rangeLabel(bin);
        case DevicesColumn:
            return DeviceFormat::number(bin.devices);
        case ShareColumn:
            return DeviceFormat::percent(share);
        }
        break;
    case SortRole:
        switch (index.column()) {
        case RangeColumn:
            return bin.minDays;
        case DevicesColumn:
            return bin.devices;
        case ShareColumn:
            return share;
        }
        break;
    case MinDaysRole:
        return bin.minDays;
    case MaxDaysRole:
        return bin.maxDays;
    case OutOfDateRole:
        return isOutOfDate(bin);
    case Qt::TextAlignmentRole:
        return index.column() == RangeColumn ? int(Qt::AlignLeft | Qt::AlignVCenter)
                                             : int(Qt::AlignRight | Qt::AlignVCenter);
    case Qt::ForegroundRole:
        if (isOutOfDate(bin) && bin.devices > 0)
            return QBrush(DeviceFormat::warningColor());
        break;
    case Qt::ToolTipRole:
        if (isOutOfDate(bin))
            return tr("Out of date: older than %Ln day(s) (SSU-SEC-0020).", nullptr,
                      m_outOfDateDays);
        break;
    default:
        break;
    }
    return {};
}

QVariant PatchAgeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case RangeColumn:
        return tr("Patch age (days)");
    case DevicesColumn:
        return tr("Devices");
    case ShareColumn:
        return tr("Share");
    }
    return {};
}

} // namespace Patchboard
