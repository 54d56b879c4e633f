// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "tracker/inventorymapping.h"

#include <QAbstractTableModel>
#include <QStringList>

namespace Patchboard {

// The column mapping of a device inventory import: one row per Patchboard field (device ID,
// model, ...), the CSV column chosen for it and that column's value in the first data row, so
// that the operator sees at once whether "Column 3" is really the IMEI. The CSV column is
// editable (EditRole: the column index, -1 for none). Required fields are marked in the text
// ("Device ID *"), not by colour alone.
class InventoryMappingModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { FieldColumn, CsvColumnColumn, SampleColumn, ColumnCount };
    enum Role {
        SortRole = Qt::UserRole, // the field's number; the column index
        FieldRole, // int (InventoryField)
        RequiredRole, // bool
        ColumnIndexRole, // int, -1 for none
    };

    explicit InventoryMappingModel(QObject *parent = nullptr);

    // A new file: its header and first data row; the mapping is the one given (the guess).
    void setFile(const QStringList &header, const QStringList &firstRow,
                 const InventoryMapping &mapping);
    void clear();
    const QStringList &header() const { return m_header; }
    const InventoryMapping &mapping() const { return m_mapping; }
    void setColumn(InventoryField field, int column);
    // The choices of a CSV column for a combo box: "(not in the file)", then "1: IMEI", ...
    QStringList columnChoices() const;
    // What the mapping still needs (InventoryMapping::problems), translated.
    QStringList problems() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    // "Device ID *" for a required field.
    static QString fieldLabel(InventoryField field);

Q_SIGNALS:
    void mappingChanged(const Patchboard::InventoryMapping &mapping);

private:
    QString columnName(int column) const;

    QStringList m_header;
    QStringList m_firstRow;
    InventoryMapping m_mapping;
};

} // namespace Patchboard
