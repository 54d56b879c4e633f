// SPDX-License-Identifier: Apache-2.0
#include "releasechangemodel.h"

#include "deviceformat.h"
#include "releaseformat.h"

namespace Patchboard {

ReleaseChangeModel::ReleaseChangeModel(QObject *parent) : QAbstractTableModel(parent) { }

void ReleaseChangeModel::setChanges(const QList<ReleaseChange> &changes,
                                    const QList<int> &offending, ReleaseType releaseType)
{
    beginResetModel();
    m_changes = changes;
    m_offending = QList<bool>(changes.size(), false);
    // Only a security release makes the claim the offending changes break.
    if (releaseType == ReleaseType::Security) {
        for (int i : offending) {
            if (i >= 0 && i < m_offending.size())
                m_offending[i] = true;
        }
    }
    endResetModel();
}

QString ReleaseChangeModel::problem(const ReleaseChange &change)
{
    // SSU-SEC-0010: only security changes, each identified by at least one CVE.
    if (change.kind != ChangeKind::Security)
        return tr("Not a security fix: a security release may hold only security fixes "
                  "(SSU-SEC-0010).");
    if (change.cves.isEmpty())
        return tr("Names no CVE: each security fix needs at least one (SSU-SEC-0010).");
    return tr("Breaks the security-only rule (SSU-SEC-0010).");
}

QString ReleaseChangeModel::shortProblem(const ReleaseChange &change)
{
    if (change.kind != ChangeKind::Security)
        return tr("Not a security fix");
    if (change.cves.isEmpty())
        return tr("No CVE named");
    return tr("Not allowed");
}

int ReleaseChangeModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_changes.size());
}

int ReleaseChangeModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ReleaseChangeModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ReleaseChange &change = m_changes.at(index.row());
    const bool offending = m_offending.at(index.row());
    const int column = index.column();
    if (role == Qt::DisplayRole || role == SortRole) {
        const bool raw = role == SortRole;
        switch (column) {
        case KindColumn:
            return raw ? QVariant(int(change.kind))
                       : QVariant(ReleaseFormat::changeKindName(change.kind));
        case DescriptionColumn:
            return change.description;
        case CvesColumn:
            return raw ? QVariant(int(change.cves.size()))
                       : QVariant(change.cves.isEmpty() ? tr("none")
                                                        : change.cves.join(QStringLiteral(", ")));
        case SeverityColumn:
            if (raw)
                return int(change.severity);
            return change.kind == ChangeKind::Security
                ? ReleaseFormat::severityName(change.severity)
                : QString();
        case ProblemColumn:
            if (raw)
                return offending;
            return offending ? DeviceFormat::warningMarker() + shortProblem(change) : QString();
        }
        return {};
    }
    switch (role) {
    case OffendingRole:
        return offending;
    case Qt::ForegroundRole:
        return offending && (column == ProblemColumn || column == KindColumn)
            ? QVariant(DeviceFormat::criticalColor())
            : QVariant();
    case Qt::ToolTipRole:
        if (column == DescriptionColumn)
            return change.description;
        if (column == ProblemColumn && offending)
            return problem(change);
        return {};
    default:
        return {};
    }
}

QVariant ReleaseChangeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case KindColumn:
        return tr("Kind");
    case DescriptionColumn:
        return tr("Change");
    case CvesColumn:
        return tr("CVEs");
    case SeverityColumn:
        return tr("Severity");
    case ProblemColumn:
        return tr("Security-only check");
    }
    return {};
}

} // namespace Patchboard
