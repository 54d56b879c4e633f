// SPDX-License-Identifier: Apache-2.0
#include "updatehistorymodel.h"

#include "deviceformat.h"

namespace Patchboard {

UpdateHistoryModel::UpdateHistoryModel(QObject *parent) : QAbstractTableModel(parent) { }

void UpdateHistoryModel::setEvents(const QList<UpdateEvent> &events)
{
    beginResetModel();
    m_events = events;
    m_times.clear();
    m_times.reserve(events.size());
    for (const UpdateEvent &e : events)
        m_times.append(DeviceFormat::dateTime(e.time));
    endResetModel();
}

void UpdateHistoryModel::clear()
{
    setEvents({});
}

int UpdateHistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_events.size());
}

int UpdateHistoryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant UpdateHistoryModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const UpdateEvent &e = m_events.at(index.row());
    const int column = index.column();
    if (role == Qt::DisplayRole || role == SortRole) {
        const bool raw = role == SortRole;
        switch (column) {
        case TimeColumn:
            return raw ? QVariant(e.time) : QVariant(m_times.at(index.row()));
        case RolloutColumn: // an identifier, not a quantity: no group separators
            return raw ? QVariant(e.rolloutId) : QVariant(QString::number(e.rolloutId));
        case WaveColumn:
            return raw ? QVariant(e.wave) : QVariant(DeviceFormat::number(e.wave));
        case PhaseColumn:
            return e.phase;
        case OutcomeColumn:
            return e.outcome;
        case FromVersionColumn:
            return e.fromVersion;
        case ToVersionColumn:
            return e.toVersion;
        case ReasonColumn:
            return e.reason;
        }
        return {};
    }
    switch (role) {
    case EventIdRole:
        return e.id;
    case Qt::TextAlignmentRole:
        return column == RolloutColumn || column == WaveColumn
            ? int(Qt::AlignRight | Qt::AlignVCenter)
            : int(Qt::AlignLeft | Qt::AlignVCenter);
    case Qt::ToolTipRole:
        if (column == TimeColumn && e.time.isValid())
            return QLocale().toString(e.time.toLocalTime(), QLocale::LongFormat);
        if (column == ReasonColumn && !e.reason.isEmpty())
            return e.reason;
        return {};
    default:
        return {};
    }
}

QVariant UpdateHistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case RolloutColumn:
        return tr("Rollout");
    case WaveColumn:
        return tr("Wave");
    case PhaseColumn:
        return tr("Phase");
    case OutcomeColumn:
        return tr("Outcome");
    case FromVersionColumn:
        return tr("From");
    case ToVersionColumn:
        return tr("To");
    case ReasonColumn:
        return tr("Reason");
    }
    return {};
}

} // namespace Patchboard
