// SPDX-License-Identifier: Apache-2.0
#include "rolloutlistmodel.h"

#include "deviceformat.h"

#include <QLocale>
#include <QSet>

namespace Patchboard {

namespace {

// Wave rows carry their rollout's id; rollout rows carry none (ids start at 1).
constexpr quintptr RolloutRowId = 0;

bool isUnderway(RolloutState state)
{
    return state == RolloutState::Running || state == RolloutState::Paused
        || state == RolloutState::Halted;
}

} // namespace

RolloutListModel::RolloutListModel(QObject *parent) : QAbstractItemModel(parent) { }

RolloutListModel::Row RolloutListModel::format(const RolloutSummary &s)
{
    Row row;
    row.summary = s;
    row.state = RolloutFormat::stateText(s.state);
    if (isUnderway(s.state) && s.currentWave > 0 && !s.waves.isEmpty())
        row.state = tr("%1, wave %2 of %3", "state, wave number, wave count")
                        .arg(row.state)
                        .arg(s.currentWave)
                        .arg(s.waves.size());
    if (s.started.isValid()) {
        row.started = DeviceFormat::dateTime(s.started);
        row.startedTip = QLocale().toString(s.started.toLocalTime(), QLocale::LongFormat);
    } else if (s.start.isValid() && s.state == RolloutState::Scheduled) {
        row.started = tr("Starts %1").arg(DeviceFormat::dateTime(s.start));
        row.startedTip = tr("Scheduled to start %1")
                             .arg(QLocale().toString(s.start.toLocalTime(), QLocale::LongFormat));
    }
    row.counts = RolloutFormat::counts(s);
    row.waves.reserve(s.waves.size());
    for (const WaveProgress &wave : s.waves) {
        WaveCells cells;
        cells.name = RolloutFormat::waveName(wave.number, wave.plan);
        cells.state = RolloutFormat::waveStateText(wave);
        cells.started = DeviceFormat::dateTime(wave.started);
        cells.counts = RolloutFormat::counts(wave);
        row.waitingForGate = row.waitingForGate || wave.waitingForGate;
        row.waves.append(cells);
    }
    return row;
}

void RolloutListModel::setRollouts(const QList<RolloutSummary> &rollouts)
{
    QSet<qint64> incoming;
    for (const RolloutSummary &s : rollouts)
        incoming.insert(s.id);

    // 1. Rollouts that are gone, in contiguous blocks from the bottom.
    for (int row = int(m_rows.size()) - 1; row >= 0;) {
        if (incoming.contains(m_rows.at(row).summary.id)) {
            --row;
            continue;
        }
        int first = row;
        while (first > 0 && !incoming.contains(m_rows.at(first - 1).summary.id))
            --first;
        beginRemoveRows({}, first, row);
        m_rows.remove(first, row - first + 1);
        reindex();
        endRemoveRows();
        row = first - 1;
    }

    // 2. The rollouts that stay must keep their order; the backend lists newest first, so they
    // do. Should they not, one reset is the honest answer.
    QList<qint64> staying;
    for (const RolloutSummary &s : rollouts) {
        if (m_rowById.contains(s.id))
            staying.append(s.id);
    }
    bool sameOrder = staying.size() == m_rows.size();
    for (qsizetype i = 0; sameOrder && i < staying.size(); ++i)
        sameOrder = staying.at(i) == m_rows.at(i).summary.id;
    if (!sameOrder || incoming.size() != rollouts.size()) {
        beginResetModel();
        m_rows.clear();
        for (const RolloutSummary &s : rollouts)
            m_rows.append(format(s));
        reindex();
        endResetModel();
        return;
    }

    // 3. New rollouts, inserted where the list has them (usually at the top), in blocks.
    for (int i = 0; i < rollouts.size();) {
        if (i < m_rows.size() && m_rows.at(i).summary.id == rollouts.at(i).id) {
            ++i;
            continue;
        }
        int last = i;
        while (last + 1 < rollouts.size() && !m_rowById.contains(rollouts.at(last + 1).id))
            ++last;
        beginInsertRows({}, i, last);
        for (int j = i; j <= last; ++j)
            m_rows.insert(j, format(rollouts.at(j)));
        reindex();
        endInsertRows();
        i = last + 1;
    }

    // 4. Every row now stands where the list has it: change the cells (and the wave rows).
    for (int row = 0; row < rollouts.size(); ++row)
        replaceRow(row, format(rollouts.at(row)));
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
}

void RolloutListModel::replaceRow(int row, Row &&next)
{
    Row &current = m_rows[row];
    const QModelIndex parent = createIndex(row, 0, RolloutRowId);
    const int before = int(current.waves.size());
    const int after = int(next.waves.size());
    if (after < before) {
        beginRemoveRows(parent, after, before - 1);
        current = std::move(next);
        endRemoveRows();
    } else if (after > before) {
        beginInsertRows(parent, before, after - 1);
        current = std::move(next);
        endInsertRows();
    } else {
        current = std::move(next);
    }
    if (after > 0)
        Q_EMIT dataChanged(index(0, 0, parent), index(after - 1, ColumnCount - 1, parent));
}

void RolloutListModel::reindex()
{
    m_rowById.clear();
    for (int row = 0; row < m_rows.size(); ++row)
        m_rowById.insert(m_rows.at(row).summary.id, row);
}

QList<RolloutSummary> RolloutListModel::rollouts() const
{
    QList<RolloutSummary> list;
    list.reserve(m_rows.size());
    for (const Row &row : m_rows)
        list.append(row.summary);
    return list;
}

int RolloutListModel::rowOf(qint64 rolloutId) const
{
    return m_rowById.value(rolloutId, -1);
}

QModelIndex RolloutListModel::indexOf(qint64 rolloutId, int column) const
{
    const int row = rowOf(rolloutId);
    return row < 0 ? QModelIndex() : index(row, column);
}

const RolloutSummary *RolloutListModel::rollout(qint64 rolloutId) const
{
    const int row = rowOf(rolloutId);
    return row < 0 ? nullptr : &m_rows.at(row).summary;
}

QModelIndex RolloutListModel::index(int row, int column, const QModelIndex &parent) const
{
    if (column < 0 || column >= ColumnCount || row < 0)
        return {};
    if (!parent.isValid())
        return row < m_rows.size() ? createIndex(row, column, RolloutRowId) : QModelIndex();
    if (parent.internalId() != RolloutRowId || parent.column() != 0
        || parent.row() >= m_rows.size())
        return {}; // waves have no children; only column 0 has children
    const Row &owner = m_rows.at(parent.row());
    if (row >= owner.waves.size())
        return {};
    return createIndex(row, column, quintptr(owner.summary.id));
}

QModelIndex RolloutListModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == RolloutRowId)
        return {};
    const int row = m_rowById.value(qint64(child.internalId()), -1);
    return row < 0 ? QModelIndex() : createIndex(row, 0, RolloutRowId);
}

int RolloutListModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_rows.size());
    if (parent.internalId() != RolloutRowId || parent.column() != 0)
        return 0;
    return parent.row() < m_rows.size() ? int(m_rows.at(parent.row()).waves.size()) : 0;
}

int RolloutListModel::columnCount(const QModelIndex &parent) const
{
    Q_UNUSED(parent)
    return ColumnCount;
}

QVariant RolloutListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    if (index.internalId() == RolloutRowId)
        return rolloutData(m_rows.at(index.row()), index.column(), role);
    const int owner = m_rowById.value(qint64(index.internalId()), -1);
    if (owner < 0)
        return {};
    return waveData(m_rows.at(owner), index.row(), index.column(), role);
}

QVariant RolloutListModel::rolloutData(const Row &row, int column, int role) const
{
    const RolloutSummary &s = row.summary;
    if (role == Qt::DisplayRole || role == SortRole) {
        const bool raw = role == SortRole;
        switch (column) {
        case NameColumn:
            return s.name;
        case ReleaseColumn:
            return s.releaseVersion;
        case StateColumn:
            return raw ? QVariant(int(s.state)) : QVariant(row.state);
        case ProgressColumn:
            // Raw: the share of devices done, for sorting by how far a rollout got.
            if (raw)
                return s.targets > 0 ? double(row.counts.succeeded) / s.targets : 0.0;
            return RolloutFormat::progressText(row.counts);
        case TargetsColumn:
            return raw ? QVariant(s.targets) : QVariant(DeviceFormat::number(s.targets));
        case StartedColumn:
            return raw ? QVariant(s.started.isValid() ? s.started : s.start)
                       : QVariant(row.started);
        case HaltReasonColumn:
            return s.state == RolloutState::Halted ? s.haltReason : QString();
        }
        return {};
    }
    switch (role) {
    case RolloutIdRole:
        return s.id;
    case WaveNumberRole:
        return 0;
    case StateRole:
        return rolloutStateName(s.state);
    case ProgressRole:
        return QVariant::fromValue(row.counts);
    case WaitingForGateRole:
        return row.waitingForGate;
    case Qt::ForegroundRole:
        if (column == StateColumn) {
            const QColor color = RolloutFormat::stateColor(s.state);
            return color.isValid() ? QVariant(color) : QVariant();
        }
        if (column == HaltReasonColumn)
            return DeviceFormat::criticalColor();
        return {};
    case Qt::TextAlignmentRole:
        return column == TargetsColumn ? int(Qt::AlignRight | Qt::AlignVCenter)
                                       : int(Qt::AlignLeft | Qt::AlignVCenter);
    case Qt::ToolTipRole:
        switch (column) {
        case NameColumn:
            return tr("Created by %1 on %2").arg(s.createdBy, DeviceFormat::dateTime(s.created));
        case ProgressColumn:
            return RolloutFormat::progressToolTip(row.counts);
        case StartedColumn:
            return row.startedTip;
        case HaltReasonColumn:
            return s.state == RolloutState::Halted ? s.haltReason : QString();
        case StateColumn:
            return row.waitingForGate
                ? tr("A wave has soaked and waits for an operator to continue.")
                : QString();
        }
        return {};
    default:
        return {};
    }
}

QVariant RolloutListModel::waveData(const Row &row, int waveRow, int column, int role) const
{
    if (waveRow < 0 || waveRow >= row.waves.size() || waveRow >= row.summary.waves.size())
        return {};
    const WaveProgress &wave = row.summary.waves.at(waveRow);
    const WaveCells &cells = row.waves.at(waveRow);
    const bool halted = wave.state == WaveState::Halted;
    if (role == Qt::DisplayRole || role == SortRole) {
        const bool raw = role == SortRole;
        switch (column) {
        case NameColumn:
            return raw ? QVariant(wave.number) : QVariant(cells.name);
        case ReleaseColumn:
            return raw ? QVariant(QString()) : QVariant();
        case StateColumn:
            return raw ? QVariant(int(wave.state)) : QVariant(cells.state);
        case ProgressColumn:
            if (raw)
                return wave.size > 0 ? double(wave.succeeded) / wave.size : 0.0;
            return RolloutFormat::progressText(cells.counts);
        case TargetsColumn:
            return raw ? QVariant(wave.size) : QVariant(DeviceFormat::number(wave.size));
        case StartedColumn:
            return raw ? QVariant(wave.started) : QVariant(cells.started);
        case HaltReasonColumn:
            return halted ? row.summary.haltReason : QString();
        }
        return {};
    }
    switch (role) {
    case RolloutIdRole:
        return row.summary.id;
    case WaveNumberRole:
        return wave.number;
    case StateRole:
        return waveStateName(wave.state);
    case ProgressRole:
        return QVariant::fromValue(cells.counts);
    case WaitingForGateRole:
        return wave.waitingForGate;
    case Qt::ForegroundRole:
        if (column == StateColumn) {
            const QColor color = RolloutFormat::waveStateColor(wave);
            return color.isValid() ? QVariant(color) : QVariant();
        }
        if (column == HaltReasonColumn)
            return DeviceFormat::criticalColor();
        return {};
    case Qt::TextAlignmentRole:
        return column == TargetsColumn ? int(Qt::AlignRight | Qt::AlignVCenter)
                                       : int(Qt::AlignLeft | Qt::AlignVCenter);
    case Qt::ToolTipRole:
        switch (column) {
        case NameColumn:
            return RolloutFormat::thresholds(wave.plan);
        case ProgressColumn:
            return RolloutFormat::progressToolTip(cells.counts);
        case HaltReasonColumn:
            return halted ? row.summary.haltReason : QString();
        }
        return {};
    default:
        return {};
    }
}

QVariant RolloutListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return QAbstractItemModel::headerData(section, orientation, role);
    if (role == Qt::ToolTipRole && section == ProgressColumn)
        return tr("%1 succeeded, %2 failed, %3 in progress, %4 pending")
            .arg(RolloutFormat::succeededMark(), RolloutFormat::failedMark(),
                 RolloutFormat::inProgressMark(), RolloutFormat::pendingMark());
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Rollout");
    case ReleaseColumn:
        return tr("Release");
    case StateColumn:
        return tr("State");
    case ProgressColumn:
        return tr("Progress");
    case TargetsColumn:
        return tr("Targets");
    case StartedColumn:
        return tr("Started");
    case HaltReasonColumn:
        return tr("Halt reason");
    }
    return {};
}

} // namespace Patchboard
