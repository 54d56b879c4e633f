// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "domain/compliance.h"

#include <QAbstractTableModel>

namespace Patchboard {

// The patch-age histogram of the Compliance page: one row per bin of ComplianceSummary.
class PatchAgeModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { RangeColumn, DevicesColumn, ShareColumn, ColumnCount };
    enum Role {
        SortRole = Qt::UserRole, // raw value
        MinDaysRole, // int, inclusive
        MaxDaysRole, // int, inclusive; -1 = open ended
        OutOfDateRole, // bool: every device in the bin is out of date (SSU-SEC-0020)
    };

    explicit PatchAgeModel(QObject *parent = nullptr);

    // Replaces every row in one reset.
    void setSummary(const ComplianceSummary &summary);

    const QList<PatchAgeBin> &bins() const { return m_bins; }
    bool isOutOfDate(const PatchAgeBin &bin) const { return bin.minDays > m_outOfDateDays; }
    int outOfDateDays() const { return m_outOfDateDays; }
    // "0–30", "731+": the bin's range in days, for axis labels.
    static QString rangeLabel(const PatchAgeBin &bin);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QList<PatchAgeBin> m_bins;
    int m_total = 0;
    int m_outOfDateDays = CompliancePolicy().outOfDateDays;
};

} // namespace Patchboard
