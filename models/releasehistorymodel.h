// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "domain/release.h"

#include <QAbstractTableModel>

namespace Patchboard {

// A release's state changes, oldest first: who moved it, in which role, when and why.
class ReleaseHistoryModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { TimeColumn, ChangeColumn, ActorColumn, RoleColumn, ReasonColumn, ColumnCount };
    enum Role {
        SortRole = Qt::UserRole, // raw value
        ToStateRole, // the new state's stable name
    };

    explicit ReleaseHistoryModel(QObject *parent = nullptr);

    void setHistory(const QList<ReleaseTransition> &history);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QList<ReleaseTransition> m_history;
};

} // namespace Patchboard
