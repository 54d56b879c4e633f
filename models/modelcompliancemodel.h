// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "domain/compliance.h"

#include <QAbstractTableModel>

namespace Patchboard {

// Hardware models ranked by number of devices, most popular first (SSU-SEC-0021), with how many
// of their devices are out of date and when their support ends (SSU-SEC-0040).
class ModelComplianceModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        RankColumn,
        ManufacturerColumn,
        ModelColumn,
        DevicesColumn,
        OutOfDateColumn,
        OutOfDateShareColumn,
        SupportEndColumn,
        SupportStatusColumn,
        ColumnCount
    };
    enum Role {
        SortRole = Qt::UserRole, // raw value
        ModelIdRole, // int DeviceModel id of the row
    };

    explicit ModelComplianceModel(QObject *parent = nullptr);

    // Replaces every row in one reset; keeps the summary's ranking.
    void setSummary(const ComplianceSummary &summary);

    const ModelCompliance &modelAt(int row) const { return m_models.at(row); }
    int outOfDateDays() const { return m_outOfDateDays; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QVariant display(const ModelCompliance &m, int row, int column) const;
    QVariant sortValue(const ModelCompliance &m, int row, int column) const;

    QList<ModelCompliance> m_models;
    int m_outOfDateDays = CompliancePolicy().outOfDateDays;
};

} // namespace Patchboard
