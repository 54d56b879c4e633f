// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "domain/releasetestplan.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QTableView;

namespace Patchboard {

class TestPlanModel;

// The Tests tab of a release (SSU-TES-0010): every case on every targeted model with its result,
// note and who recorded it; Record Result and Waive ask for the details in a dialog and emit
// what the engineer decided. Whether the buttons work is the panel's call (role and state).
class TestPlanView : public QWidget
{
    Q_OBJECT
public:
    explicit TestPlanView(QWidget *parent = nullptr);

    void setPlan(const TestPlan &plan);
    // Enables the buttons, or disables them with the reason as tooltip.
    void setRecordAllowed(bool allowed, const QString &whyNot);
    void setWaiveAllowed(bool allowed, const QString &whyNot);

    TestPlanModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    QPushButton *recordButton() const { return m_record; }
    QPushButton *waiveButton() const { return m_waive; }
    QString summaryText() const;

public Q_SLOTS:
    void askToRecord();
    void askToWaive();

Q_SIGNALS:
    void recordRequested(int modelId, Patchboard::TestCaseKind testCase,
                         Patchboard::TestOutcome outcome, const QString &note);
    void waiveRequested(int modelId, Patchboard::TestCaseKind testCase, const QString &reason);

private:
    void updateButtons();

    TestPlanModel *m_model = nullptr;
    QLabel *m_summary = nullptr;
    QTableView *m_table = nullptr;
    QPushButton *m_record = nullptr;
    QPushButton *m_waive = nullptr;
    bool m_recordAllowed = false;
    bool m_waiveAllowed = false;
    QString m_recordWhyNot;
    QString m_waiveWhyNot;
};

} // namespace Patchboard
