// SPDX-License-Identifier: Apache-2.0
#include "testplanmodel.h"

#include "deviceformat.h"
#include "releaseformat.h"

namespace Patchboard {

TestPlanModel::TestPlanModel(QObject *parent) : QAbstractTableModel(parent) { }

void TestPlanModel::setPlan(const TestPlan &plan)
{
    bool sameRows = plan.cases.size() == m_plan.cases.size() && !plan.cases.isEmpty();
    for (qsizetype i = 0; sameRows && i < plan.cases.size(); ++i)
        sameRows = plan.cases[i].modelId == m_plan.cases[i].modelId
            && plan.cases[i].kind == m_plan.cases[i].kind;
    if (sameRows) {
        m_plan = plan;
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
        return;
    }
    beginResetModel();
    m_plan = plan;
    endResetModel();
}

const TestCaseResult *TestPlanModel::caseAt(int row) const
{
    return row >= 0 && row < m_plan.cases.size() ? &m_plan.cases[row] : nullptr;
}

int TestPlanModel::doneCount() const
{
    int done = 0;
    for (const TestCaseResult &c : m_plan.cases)
        done += c.isDone() ? 1 : 0;
    return done;
}

QString TestPlanModel::waiverText(const TestCaseResult &c) const
{
    if (!c.waived)
        return {};
    return tr("%1 (%2, %3)", "waiver reason (by, at)")
        .arg(c.waiverReason, c.waivedBy, DeviceFormat::dateTime(c.waivedAt));
}

int TestPlanModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_plan.cases.size());
}

int TestPlanModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TestPlanModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const TestCaseResult &c = m_plan.cases.at(index.row());
    const int column = index.column();
    if (role == Qt::DisplayRole || role == SortRole) {
        const bool raw = role == SortRole;
        switch (column) {
        case ModelColumn:
            return c.modelName;
        case CaseColumn:
            return raw ? QVariant(int(c.kind)) : QVariant(TestPlan::kindDisplayName(c.kind));
        case ResultColumn:
            return raw ? QVariant(int(c.outcome)) : QVariant(ReleaseFormat::outcomeText(c));
        case NoteColumn:
            return c.note;
        case RecordedByColumn:
            return c.recordedBy;
        case RecordedAtColumn:
            return raw ? QVariant(c.recordedAt) : QVariant(DeviceFormat::dateTime(c.recordedAt));
        case WaiverColumn:
            return waiverText(c);
        }
        return {};
    }
    switch (role) {
    case ModelIdRole:
        return c.modelId;
    case CaseKindRole:
        return int(c.kind);
    case OutcomeRole:
        return int(c.outcome);
    case DoneRole:
        return c.isDone();
    case Qt::ForegroundRole:
        if (column != ResultColumn)
            return {};
        if (c.outcome == TestOutcome::Passed)
            return ReleaseFormat::goodColor();
        if (c.outcome == TestOutcome::Failed && !c.waived)
            return DeviceFormat::criticalColor();
        if (c.outcome == TestOutcome::Blocked && !c.waived)
            return DeviceFormat::warningColor();
        return {};
    case Qt::ToolTipRole:
        if (column == NoteColumn && !c.note.isEmpty())
            return c.note;
        if (column == WaiverColumn && c.waived)
            return waiverText(c);
        if (column == ResultColumn && !c.isDone())
            return tr("Approval needs this case passed or waived.");
        return {};
    default:
        return {};
    }
}

QVariant TestPlanModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case ModelColumn:
        return tr("Model");
    case CaseColumn:
        return tr("Test case");
    case ResultColumn:
        return tr("Result");
    case NoteColumn:
        return tr("Note");
    case RecordedByColumn:
        return tr("Recorded by");
    case RecordedAtColumn:
        return tr("Recorded at");
    case WaiverColumn:
        return tr("Waiver");
    }
    return {};
}

} // namespace Patchboard
