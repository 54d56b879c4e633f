// SPDX-License-Identifier: Apache-2.0
#include "inventoryreportmodel.h"

#include "deviceformat.h"

namespace Patchboard {

InventoryReportModel::InventoryReportModel(QObject *parent) : QAbstractTableModel(parent) { }

void InventoryReportModel::setReport(const InventoryReport &report)
{
    beginResetModel();
    m_report = report;
    m_hasReport = true;
    endResetModel();
}

void InventoryReportModel::clear()
{
    beginResetModel();
    m_report = InventoryReport();
    m_hasReport = false;
    endResetModel();
}

QString InventoryReportModel::summary() const
{
    if (!m_hasReport)
        return {};
    const InventoryReport &r = m_report;
    const QString rows = tr("%Ln row(s)", nullptr, int(qMin<qint64>(r.rows, INT_MAX)));
    if (r.isClean()) {
        const QString what
            = tr("%1 new, %2 to update")
                  .arg(DeviceFormat::number(r.newDevices), DeviceFormat::number(r.updatedDevices));
        return r.written ? tr("Imported %1: %2.").arg(rows, what)
                         : tr("No problems in %1: %2. Import writes them.").arg(rows, what);
    }
    QString text = tr("%Ln problem(s) in %1; nothing can be imported until they are fixed.",
                      nullptr, int(qMin<qint64>(r.problemCount, INT_MAX)))
                       .arg(rows);
    if (r.problemCount > r.problems.size())
        text += QLatin1Char(' ')
            + tr("The first %1 are listed.").arg(DeviceFormat::number(r.problems.size()));
    return text + QLatin1Char('\n') + r.problemSummary();
}

int InventoryReportModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_report.problems.size());
}

int InventoryReportModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant InventoryReportModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const InventoryProblem &p = m_report.problems.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case LineColumn:
            return DeviceFormat::number(p.line);
        case ColumnColumn:
            return p.column.isEmpty() ? tr("(whole row)") : p.column;
        case ValueColumn:
            return p.value;
        case ProblemColumn:
            return InventoryProblem::kindName(p.kind);
        case ReasonColumn:
            return p.reason;
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == ReasonColumn || index.column() == ValueColumn)
            return index.column() == ReasonColumn ? p.reason : p.value;
        break;
    case Qt::TextAlignmentRole:
        return index.column() == LineColumn ? int(Qt::AlignRight | Qt::AlignVCenter)
                                            : int(Qt::AlignLeft | Qt::AlignVCenter);
    case SortRole:
        return index.column() == LineColumn ? QVariant(p.line) : data(index, Qt::DisplayRole);
    case KindRole:
        return int(p.kind);
    }
    return {};
}

QVariant InventoryReportModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case LineColumn:
        return tr("Line");
    case ColumnColumn:
        return tr("Column");
    case ValueColumn:
        return tr("Value");
    case ProblemColumn:
        return tr("Problem");
    case ReasonColumn:
        return tr("Reason");
    }
    return {};
}

} // namespace Patchboard
