// SPDX-License-Identifier: Apache-2.0
#include "modelcompliancemodel.h"

#include "deviceformat.h"

#include <QBrush>

namespace Patchboard {

ModelComplianceModel::ModelComplianceModel(QObject *parent) : QAbstractTableModel(parent) { }

void ModelComplianceModel::setSummary(const ComplianceSummary &summary)
{
    beginResetModel();
    m_models = summary.models;
    m_outOfDateDays = summary.policy.outOfDateDays;
    endResetModel();
}

int ModelComplianceModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_models.size());
}

int ModelComplianceModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ModelComplianceModel::display(const ModelCompliance &m, int row, int column) const
{
    switch (column) {
    case RankColumn:
        return DeviceFormat::number(row + 1);
    case ManufacturerColumn:
        return m.manufacturer;
    case ModelColumn:
        return m.model;
    case DevicesColumn:
        return DeviceFormat::number(m.devices);
    case OutOfDateColumn:
        return DeviceFormat::number(m.outOfDate);
    case OutOfDateShareColumn:
        return DeviceFormat::percent(m.outOfDateShare());
    case SupportEndColumn:
        return DeviceFormat::date(m.supportEnd);
    case SupportStatusColumn:
        return m.supportStatus == SupportStatus::Supported
            ? supportStatusName(m.supportStatus)
            : DeviceFormat::warningMarker() + supportStatusName(m.supportStatus);
    }
    return {};
}

QVariant ModelComplianceModel::sortValue(const ModelCompliance &m, int row, int column) const
{
    switch (column) {
    case RankColumn:
        return row;
    case ManufacturerColumn:
        return m.manufacturer;
    case ModelColumn:
        return m.model;
    case DevicesColumn:
        return m.devices;
    case OutOfDateColumn:
        return m.outOfDate;
    case OutOfDateShareColumn:
        return m.outOfDateShare();
    case SupportEndColumn:
        return m.supportEnd;
    case SupportStatusColumn:
        return int(m.supportStatus);
    }
    return {};
}

QVariant ModelComplianceModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ModelCompliance &m = m_models.at(index.row());
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        return display(m, index.row(), column);
    case SortRole:
        return sortValue(m, index.row(), column);
    case ModelIdRole:
        return m.modelId;
    case Qt::TextAlignmentRole:
        switch (column) {
        case RankColumn:
        case DevicesColumn:
        case OutOfDateColumn:
        case OutOfDateShareColumn:
            return int(Qt::AlignRight | Qt::AlignVCenter);
        default:
            return int(Qt::AlignLeft | Qt::AlignVCenter);
        }
    case Qt::ForegroundRole:
        if ((column == SupportEndColumn || column == SupportStatusColumn)
            && m.supportStatus != SupportStatus::Supported) {
            return QBrush(m.supportStatus == SupportStatus::Ended ? DeviceFormat::criticalColor()
                                                                  : DeviceFormat::warningColor());
        }
        break;
    case Qt::ToolTipRole:
        if (column == OutOfDateColumn || column == OutOfDateShareColumn)
            return tr("Devices of this model whose patch level is older than %Ln day(s); "
                      "click to list them.",
                      nullptr, m_outOfDateDays);
        if (column == SupportEndColumn || column == SupportStatusColumn)
            return DeviceFormat::supportAdvice(m.supportStatus, m.supportEnd);
        return tr("Click to list the devices of %1 %2.").arg(m.manufacturer, m.model);
    default:
        break;
    }
    return {};
}

QVariant ModelComplianceModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::TextAlignmentRole) {
        const bool numeric = section == RankColumn || section == DevicesColumn
            || section == OutOfDateColumn || section == OutOfDateShareColumn;
        return numeric ? int(Qt::AlignRight | Qt::AlignVCenter)
                       : int(Qt::AlignLeft | Qt::AlignVCenter);
    }
    if (role == Qt::ToolTipRole && section == RankColumn)
        return tr("Rank by number of devices, most popular first (SSU-SEC-0021)");
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case RankColumn:
        return tr("#");
    case ManufacturerColumn:
        return tr("Manufacturer");
    case ModelColumn:
        return tr("Model");
    case DevicesColumn:
        return tr("Devices");
    case OutOfDateColumn:
        return tr("Out of date");
    case OutOfDateShareColumn:
        return tr("Out-of-date share");
    case SupportEndColumn:
        return tr("Support end");
    case SupportStatusColumn:
        return tr("Support");
    }
    return {};
}

} // namespace Patchboard
