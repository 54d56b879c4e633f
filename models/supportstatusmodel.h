// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "domain/compliance.h"

#include <QAbstractTableModel>

namespace Patchboard {

// Devices by support status (SSU-SEC-0030/0040), one row per status, for the Compliance page's
// chart and its text summary.
class SupportStatusModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { StatusColumn, DevicesColumn, ShareColumn, ColumnCount };
    enum Role {
        SortRole = Qt::UserRole, // raw value
        StatusRole, // int(SupportStatus) of the row
    };

    explicit SupportStatusModel(QObject *parent = nullptr);

    // Replaces every row in one reset.
    void setSummary(const ComplianceSummary &summary);

    int devices(SupportStatus status) const { return m_counts[int(status)]; }
    int total() const { return m_total; }
    double share(SupportStatus status) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    bool m_loaded = false;
    int m_total = 0;
    int m_endingSoonDays = CompliancePolicy().endingSoonDays;
    int m_counts[SupportStatusCount] = {0, 0, 0};
};

} // namespace Patchboard
