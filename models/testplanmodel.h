// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "domain/releasetestplan.h"

#include <QAbstractTableModel>

namespace Patchboard {

// A release's test plan (SSU-TES-0010): every case on every targeted hardware model, with its
// result, note, who recorded it and when, and a waiver if one was given.
class TestPlanModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        ModelColumn,
        CaseColumn,
        ResultColumn,
        NoteColumn,
        RecordedByColumn,
        RecordedAtColumn,
        WaiverColumn,
        ColumnCount
    };
    enum Role {
        SortRole = Qt::UserRole, // raw value
        ModelIdRole, // int
        CaseKindRole, // int(TestCaseKind)
        OutcomeRole, // int(TestOutcome)
        DoneRole, // bool: passed or waived
    };

    explicit TestPlanModel(QObject *parent = nullptr);

    // The same cases in the same order only change their cells (the selection stays on the case
    // an engineer just recorded); anything else is one reset.
    void setPlan(const TestPlan &plan);
    const TestPlan &plan() const { return m_plan; }
    const TestCaseResult *caseAt(int row) const;
    int doneCount() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QString waiverText(const TestCaseResult &c) const;

    TestPlan m_plan;
};

} // namespace Patchboard
