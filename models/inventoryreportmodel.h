// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "tracker/inventoryimport.h"

#include <QAbstractTableModel>

namespace Patchboard {

// The validation report of a device inventory import: one row per problem found (the first
// ones, see InventoryOptions::problemLimit), by line, with the CSV column, the value as written,
// the kind of problem and the reason. summary() says how many there are of each kind in all.
class InventoryReportModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { LineColumn, ColumnColumn, ValueColumn, ProblemColumn, ReasonColumn, ColumnCount };
    enum Role {
        SortRole = Qt::UserRole, // the line (a number); the text otherwise
        KindRole, // int (InventoryProblemKind)
    };

    explicit InventoryReportModel(QObject *parent = nullptr);

    void setReport(const InventoryReport &report);
    void clear();
    bool hasReport() const { return m_hasReport; }
    const InventoryReport &report() const { return m_report; }
    // One or two sentences for the operator: clean with what the import will do, or how many
    // problems of which kinds (translated).
    QString summary() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    InventoryReport m_report;
    bool m_hasReport = false;
};

} // namespace Patchboard
