// SPDX-License-Identifier: Apache-2.0
#include "releasecheckmodel.h"

#include "deviceformat.h"
#include "releaseformat.h"

namespace Patchboard {

namespace {

int severityRank(const ReleaseCheck &check)
{
    if (check.passed)
        return 2;
    return check.blocking ? 0 : 1;
}

} // namespace

ReleaseCheckModel::ReleaseCheckModel(QObject *parent) : QAbstractTableModel(parent) { }

void ReleaseCheckModel::setChecks(const QList<ReleaseCheck> &checks)
{
    beginResetModel();
    m_checks = checks;
    endResetModel();
}

int ReleaseCheckModel::failedBlocking() const
{
    int count = 0;
    for (const ReleaseCheck &check : m_checks)
        count += check.blocking && !check.passed ? 1 : 0;
    return count;
}

int ReleaseCheckModel::warnings() const
{
    int count = 0;
    for (const ReleaseCheck &check : m_checks)
        count += !check.blocking && !check.passed ? 1 : 0;
    return count;
}

int ReleaseCheckModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_checks.size());
}

int ReleaseCheckModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ReleaseCheckModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ReleaseCheck &check = m_checks.at(index.row());
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case ResultColumn:
            return ReleaseFormat::checkResult(check);
        case CheckColumn:
            return ReleaseFormat::checkName(check.name);
        case EffectColumn:
            return check.blocking ? tr("Blocking") : tr("Warning only");
        case ReasonColumn:
            return check.reason;
        }
        return {};
    case SortRole:
        switch (column) {
        case ResultColumn:
            return severityRank(check);
        case CheckColumn:
            return ReleaseFormat::checkName(check.name);
        case EffectColumn:
            return check.blocking;
        case ReasonColumn:
            return check.reason;
        }
        return {};
    case CheckNameRole:
        return check.name;
    case PassedRole:
        return check.passed;
    case BlockingRole:
        return check.blocking;
    case Qt::ForegroundRole:
        if (column != ResultColumn && column != CheckColumn)
            return {};
        if (check.passed)
            return column == ResultColumn ? QVariant(ReleaseFormat::goodColor()) : QVariant();
        return check.blocking ? DeviceFormat::criticalColor() : DeviceFormat::warningColor();
    case Qt::ToolTipRole:
        if (column == CheckColumn)
            return check.name;
        if (column == EffectColumn)
            return check.blocking ? tr("A failure of this check stops approval.")
                                  : tr("A failure of this check is shown, and recorded with an "
                                       "approval, but does not stop it.");
        if (column == ReasonColumn || column == ResultColumn)
            return check.reason;
        return {};
    default:
        return {};
    }
}

QVariant ReleaseCheckModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case ResultColumn:
        return tr("Result");
    case CheckColumn:
        return tr("Check");
    case EffectColumn:
        return tr("If it fails");
    case ReasonColumn:
        return tr("Reason");
    }
    return {};
}

} // namespace Patchboard
