// SPDX-License-Identifier: Apache-2.0
#include "releaselistmodel.h"

#include "deviceformat.h"
#include "releaseformat.h"

#include <QLocale>

#include <limits>

namespace Patchboard {

ReleaseListModel::ReleaseListModel(QObject *parent) : QAbstractTableModel(parent) { }

ReleaseListModel::Cells ReleaseListModel::format(const ReleaseSummary &s)
{
    Cells cells;
    cells.manufacturer = s.manufacturer.isEmpty() ? tr("Unknown vendor %1").arg(s.vendorId.left(8))
                                                  : s.manufacturer;
    cells.models = ReleaseFormat::models(s.models);
    cells.received = DeviceFormat::dateTime(s.received);
    cells.window = ReleaseFormat::windowShort(s);
    cells.windowTip = ReleaseFormat::windowSentence(s);
    cells.overdue = ReleaseFormat::isOverdue(s);
    return cells;
}

void ReleaseListModel::setReleases(const QList<ReleaseSummary> &releases)
{
    bool sameRows = releases.size() == m_releases.size() && !releases.isEmpty();
    for (qsizetype i = 0; sameRows && i < releases.size(); ++i)
        sameRows = releases[i].id == m_releases[i].id;
    QList<Cells> cells;
    cells.reserve(releases.size());
    for (const ReleaseSummary &s : releases)
        cells.append(format(s));
    if (sameRows) {
        m_releases = releases;
        m_cells = std::move(cells);
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
        return;
    }
    beginResetModel();
    m_releases = releases;
    m_cells = std::move(cells);
    endResetModel();
}

int ReleaseListModel::rowOf(qint64 releaseId) const
{
    for (qsizetype i = 0; i < m_releases.size(); ++i) {
        if (m_releases[i].id == releaseId)
            return int(i);
    }
    return -1;
}

int ReleaseListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_releases.size());
}

int ReleaseListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ReleaseListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ReleaseSummary &s = m_releases.at(index.row());
    const Cells &cells = m_cells.at(index.row());
    const int column = index.column();
    if (role == Qt::DisplayRole || role == SortRole) {
        const bool raw = role == SortRole;
        switch (column) {
        case VersionColumn:
            return s.version;
        case ManufacturerColumn:
            return cells.manufacturer;
        case ModelsColumn:
            return cells.models;
        case TypeColumn:
            return raw ? QVariant(int(s.type)) : QVariant(ReleaseFormat::typeName(s.type));
        case PatchLevelColumn:
            return raw ? QVariant(s.patchLevel.date()) : QVariant(s.patchLevel.toString());
        case ReceivedColumn:
            return raw ? QVariant(s.received) : QVariant(cells.received);
        case StateColumn:
            return raw ? QVariant(int(s.state)) : QVariant(ReleaseStates::displayName(s.state));
        case WindowColumn:
            if (!raw)
                return cells.window;
            // Most urgent first when ascending; decided releases after every open one.
            return ReleaseFormat::isAwaitingDecision(s.state) ? s.window.daysLeft
                                                              : std::numeric_limits<int>::max();
        }
        return {};
    }
    switch (role) {
    case ReleaseIdRole:
        return s.id;
    case StateRole:
        return ReleaseStates::name(s.state);
    case OverdueRole:
        return cells.overdue;
    case Qt::ForegroundRole:
        if (column == WindowColumn && cells.overdue)
            return DeviceFormat::criticalColor();
        if (column == StateColumn
            && (s.state == ReleaseState::Refused || s.state == ReleaseState::Rejected))
            return DeviceFormat::criticalColor();
        return {};
    case Qt::ToolTipRole:
        switch (column) {
        case WindowColumn:
            return cells.windowTip;
        case ManufacturerColumn:
            return tr("Vendor ID %1").arg(s.vendorId);
        case VersionColumn:
            return tr("Sequence number %1").arg(s.sequenceNumber);
        case ReceivedColumn:
            return s.received.isValid()
                ? QLocale().toString(s.received.toLocalTime(), QLocale::LongFormat)
                : QString();
        }
        return {};
    default:
        return {};
    }
}

QVariant ReleaseListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::ToolTipRole && section == WindowColumn)
        return tr("SSU-TES-0010: testing of a security release is to finish within 7 days of "
                  "receipt.");
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case VersionColumn:
        return tr("Version");
    case ManufacturerColumn:
        return tr("Manufacturer");
    case ModelsColumn:
        return tr("Models");
    case TypeColumn:
        return tr("Type");
    case PatchLevelColumn:
        return tr("Patch level");
    case ReceivedColumn:
        return tr("Received");
    case StateColumn:
        return tr("State");
    case WindowColumn:
        return tr("Test window");
    }
    return {};
}

} // namespace Patchboard
