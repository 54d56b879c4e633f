// SPDX-License-Identifier: Apache-2.0
#include "releasehistorymodel.h"

#include "deviceformat.h"
#include "domain/operator.h"

#include <QLocale>

namespace Patchboard {

ReleaseHistoryModel::ReleaseHistoryModel(QObject *parent) : QAbstractTableModel(parent) { }

void ReleaseHistoryModel::setHistory(const QList<ReleaseTransition> &history)
{
    beginResetModel();
    m_history = history;
    endResetModel();
}

int ReleaseHistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_history.size());
}

int ReleaseHistoryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ReleaseHistoryModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ReleaseTransition &t = m_history.at(index.row());
    const int column = index.column();
    if (role == Qt::DisplayRole || role == SortRole) {
        const bool raw = role == SortRole;
        switch (column) {
        case TimeColumn:
            return raw ? QVariant(t.time) : QVariant(DeviceFormat::dateTime(t.time));
        case ChangeColumn:
            if (raw)
                return int(t.to);
            return tr("%1 \u2192 %2", "from state -> to state")
                .arg(ReleaseStates::displayName(t.from), ReleaseStates::displayName(t.to));
        case ActorColumn:
            return t.actor;
        case RoleColumn: {
            const std::optional<OperatorRole> r = Operator::roleFromName(t.role);
            return r ? Operator::roleDisplayName(*r) : t.role;
        }
        case ReasonColumn:
            return t.reason;
        }
        return {};
    }
    switch (role) {
    case ToStateRole:
        return ReleaseStates::name(t.to);
    case Qt::ToolTipRole:
        if (column == TimeColumn && t.time.isValid())
            return QLocale().toString(t.time.toLocalTime(), QLocale::LongFormat);
        if (column == ReasonColumn && !t.reason.isEmpty())
            return t.reason;
        return {};
    default:
        return {};
    }
}

QVariant ReleaseHistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case ChangeColumn:
        return tr("Change");
    case ActorColumn:
        return tr("By");
    case RoleColumn:
        return tr("Role");
    case ReasonColumn:
        return tr("Reason");
    }
    return {};
}

} // namespace Patchboard
