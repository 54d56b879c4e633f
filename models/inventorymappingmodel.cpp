// SPDX-License-Identifier: Apache-2.0
#include "inventorymappingmodel.h"

namespace Patchboard {

InventoryMappingModel::InventoryMappingModel(QObject *parent) : QAbstractTableModel(parent) { }

void InventoryMappingModel::setFile(const QStringList &header, const QStringList &firstRow,
                                    const InventoryMapping &mapping)
{
    beginResetModel();
    m_header = header;
    m_firstRow = firstRow;
    m_mapping = mapping;
    endResetModel();
    Q_EMIT mappingChanged(m_mapping);
}

void InventoryMappingModel::clear()
{
    setFile({}, {}, InventoryMapping());
}

void InventoryMappingModel::setColumn(InventoryField field, int column)
{
    setData(index(int(field), CsvColumnColumn), column, Qt::EditRole);
}

QString InventoryMappingModel::fieldLabel(InventoryField field)
{
    QString name = InventoryMapping::fieldName(field);
    if (!name.isEmpty())
        name[0] = name[0].toUpper();
    return InventoryMapping::isRequired(field) ? tr("%1 *", "a required field").arg(name) : name;
}

QString InventoryMappingModel::columnName(int column) const
{
    if (column < 0 || column >= m_header.size())
        return tr("(not in the file)");
    return tr("%1: %2", "column number: column name").arg(column + 1).arg(m_header.at(column));
}

QStringList InventoryMappingModel::columnChoices() const
{
    QStringList choices{columnName(-1)};
    for (int i = 0; i < m_header.size(); ++i)
        choices << columnName(i);
    return choices;
}

QStringList InventoryMappingModel::problems() const
{
    if (m_header.isEmpty())
        return {};
    return m_mapping.problems(int(m_header.size()));
}

int InventoryMappingModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : InventoryFieldCount;
}

int InventoryMappingModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant InventoryMappingModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto field = InventoryField(index.row());
    const int column = m_mapping.column(field);
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case FieldColumn:
            return fieldLabel(field);
        case CsvColumnColumn:
            return columnName(column);
        case SampleColumn:
            return column >= 0 ? m_firstRow.value(column) : QString();
        }
        break;
    case Qt::EditRole:
        if (index.column() == CsvColumnColumn)
            return column;
        break;
    case Qt::ToolTipRole:
        return InventoryMapping::fieldDescription(field);
    case SortRole:
        return index.column() == CsvColumnColumn ? column : index.row();
    case FieldRole:
        return int(field);
    case RequiredRole:
        return InventoryMapping::isRequired(field);
    case ColumnIndexRole:
        return column;
    }
    return {};
}

bool InventoryMappingModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole || index.column() != CsvColumnColumn
        || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    bool ok = false;
    const int column = value.toInt(&ok);
    if (!ok || column < -1 || column >= m_header.size())
        return false;
    const auto field = InventoryField(index.row());
    if (m_mapping.column(field) == column)
        return true;
    m_mapping.setColumn(field, column);
    Q_EMIT dataChanged(this->index(index.row(), CsvColumnColumn),
                       this->index(index.row(), SampleColumn));
    Q_EMIT mappingChanged(m_mapping);
    return true;
}

Qt::ItemFlags InventoryMappingModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags flags = QAbstractTableModel::flags(index);
    if (index.isValid() && index.column() == CsvColumnColumn && !m_header.isEmpty())
        flags |= Qt::ItemIsEditable;
    return flags;
}

QVariant InventoryMappingModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case FieldColumn:
        return tr("Patchboard field");
    case CsvColumnColumn:
        return tr("CSV column");
    case SampleColumn:
        return tr("First row");
    }
    return {};
}

} // namespace Patchboard
