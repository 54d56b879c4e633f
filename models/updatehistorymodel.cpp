// SPDX-License-Identifier: Apache-2.0
#include "updatehistorymodel.h"

#include "deviceformat.h"
#include "domain/updateoutcome.h"

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
        case RolloutColumn:
            // Outside a rollout there is none; an unnamed one is named by its number (an
            // identifier, not a quantity: no group separators).
            if (e.rolloutId == 0)
                return QString();
            return e.rolloutName.isEmpty() ? tr("Rollout %1").arg(e.rolloutId) : e.rolloutName;
        case WaveColumn:
            if (e.wave <= 0)
                return raw ? QVariant(0) : QVariant(QString());
            return raw ? QVariant(e.wave) : QVariant(DeviceFormat::number(e.wave));
        case PhaseColumn:
            // Stored as stable codes; shown translated (domain/updateoutcome.h).
            return raw ? e.phase : updatePhaseDisplayName(e.phase);
        case OutcomeColumn:
            return raw ? e.outcome : updateOutcomeDisplayName(e.outcome);
        case FromVersionColumn:
            return e.fromVersion;
        case ToVersionColumn:
            return e.toVersion;
        case ReasonColumn:
            return raw ? e.reason : failureReasonDisplayName(e.reason);
        }
        return {};
    }
    switch (role) {
    case EventIdRole:
        return e.id;
    case Qt::ForegroundRole: {
        // The outcome is written out; the colour only repeats it.
        const bool failed = e.outcome == QLatin1String("failed")
            || e.outcome == QLatin1String("rolled-back"); // updateOutcomeCode()
        return column == OutcomeColumn && failed ? QVariant(DeviceFormat::criticalColor())
                                                 : QVariant();
    }
    case Qt::TextAlignmentRole:
        return column == WaveColumn ? int(Qt::AlignRight | Qt::AlignVCenter)
                                    : int(Qt::AlignLeft | Qt::AlignVCenter);
    case Qt::ToolTipRole:
        if (column == TimeColumn && e.time.isValid())
            return QLocale().toString(e.time.toLocalTime(), QLocale::LongFormat);
        if (column == ReasonColumn && !e.reason.isEmpty())
            return failureReasonDisplayName(e.reason);
        if (column == RolloutColumn && e.rolloutId != 0)
            return tr("Rollout %1").arg(e.rolloutId);
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
