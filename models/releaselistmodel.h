// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "domain/release.h"

#include <QAbstractTableModel>

namespace Patchboard {

// The releases the Firmware Server holds, newest first as the backend lists them. A few hundred
// rows at most: views sort and filter them through a QSortFilterProxyModel on SortRole and
// StateRole.
class ReleaseListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        VersionColumn,
        ManufacturerColumn,
        ModelsColumn,
        TypeColumn,
        PatchLevelColumn,
        ReceivedColumn,
        StateColumn,
        WindowColumn, // SSU-TES-0010 test window: days left, overdue, or time to decision
        ColumnCount
    };
    enum Role {
        SortRole = Qt::UserRole, // raw value
        ReleaseIdRole, // qint64
        StateRole, // the state's stable name ("verified"), for filtering
        OverdueRole, // bool: awaiting a decision past the 7-day window
    };

    explicit ReleaseListModel(QObject *parent = nullptr);

    // Replaces the rows. The same releases in the same order only change their cells (a
    // selection survives a refresh); anything else is one reset.
    void setReleases(const QList<ReleaseSummary> &releases);
    const QList<ReleaseSummary> &releases() const { return m_releases; }
    // The row of a release, or -1.
    int rowOf(qint64 releaseId) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    struct Cells
    {
        QString manufacturer;
        QString models;
        QString received;
        QString window;
        QString windowTip;
        bool overdue = false;
    };
    static Cells format(const ReleaseSummary &summary);

    QList<ReleaseSummary> m_releases;
    QList<Cells> m_cells; // formatted once per update
};

} // namespace Patchboard
