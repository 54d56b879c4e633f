// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "domain/releasetestplan.h"

#include <QDialog>

class QButtonGroup;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QPlainTextEdit;

namespace Patchboard {

// Records one test result (SSU-TES-0010): which case on which targeted model, passed, failed or
// blocked, and a note (required unless it passed, so that a failure says what happened).
class TestResultDialog : public QDialog
{
    Q_OBJECT
public:
    TestResultDialog(const TestPlan &plan, int modelId, TestCaseKind kind,
                     QWidget *parent = nullptr);

    int modelId() const;
    TestCaseKind testCase() const;
    TestOutcome outcome() const;
    QString note() const;
    void setOutcome(TestOutcome outcome);
    void setNote(const QString &note);

private:
    void showCurrent();
    void updateButton();

    TestPlan m_plan;
    QComboBox *m_case = nullptr;
    QLabel *m_current = nullptr;
    QButtonGroup *m_outcome = nullptr;
    QPlainTextEdit *m_note = nullptr;
    QLabel *m_noteHint = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace Patchboard
