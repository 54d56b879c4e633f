// SPDX-License-Identifier: Apache-2.0
#include "testresultdialog.h"

#include "deviceformat.h"
#include "releaseformat.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>

namespace Patchboard {

TestResultDialog::TestResultDialog(const TestPlan &plan, int modelId, TestCaseKind kind,
                                   QWidget *parent)
    : QDialog(parent)
    , m_plan(plan)
    , m_case(new QComboBox(this))
    , m_current(new QLabel(this))
    , m_outcome(new QButtonGroup(this))
    , m_note(new QPlainTextEdit(this))
    , m_noteHint(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Record Test Result"));
    for (const TestCaseResult &c : plan.cases) {
        m_case->addItem(
            tr("%1: %2", "model: test case").arg(c.modelName, TestPlan::kindDisplayName(c.kind)));
        if (c.modelId == modelId && c.kind == kind)
            m_case->setCurrentIndex(m_case->count() - 1);
    }
    m_current->setWordWrap(true);
    m_current->setTextFormat(Qt::PlainText);

    auto *outcomes = new QWidget(this);
    auto *outcomeLayout = new QHBoxLayout(outcomes);
    outcomeLayout->setContentsMargins(0, 0, 0, 0);
    const struct
    {
        TestOutcome outcome;
        QString text;
    } choices[] = {
        {TestOutcome::Passed, ReleaseFormat::checkMark() + QLatin1Char(' ') + tr("&Passed")},
        {TestOutcome::Failed, ReleaseFormat::crossMark() + QLatin1Char(' ') + tr("&Failed")},
        {TestOutcome::Blocked, DeviceFormat::warningMarker() + tr("&Blocked")},
    };
    for (const auto &choice : choices) {
        auto *button = new QRadioButton(choice.text, outcomes);
        m_outcome->addButton(button, int(choice.outcome));
        outcomeLayout->addWidget(button);
    }
    outcomeLayout->addStretch(1);
    m_outcome->button(int(TestOutcome::Passed))->setChecked(true);

    m_note->setTabChangesFocus(true);
    m_note->setAccessibleName(tr("Note"));
    m_note->setMinimumHeight(m_note->fontMetrics().height() * 4);
    m_noteHint->setWordWrap(true);

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(tr("&Test case:"), m_case);
    form->addRow(tr("Recorded now:"), m_current);
    form->addRow(tr("Result:"), outcomes);
    form->addRow(tr("&Note:"), m_note);
    form->addRow(QString(), m_noteHint);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_buttons);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Record"));

    connect(m_case, &QComboBox::currentIndexChanged, this, &TestResultDialog::showCurrent);
    connect(m_outcome, &QButtonGroup::idClicked, this, &TestResultDialog::updateButton);
    connect(m_note, &QPlainTextEdit::textChanged, this, &TestResultDialog::updateButton);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    showCurrent();
    updateButton();
    resize(520, sizeHint().height());
}

int TestResultDialog::modelId() const
{
    const int i = m_case->currentIndex();
    return i >= 0 && i < m_plan.cases.size() ? m_plan.cases[i].modelId : 0;
}

TestCaseKind TestResultDialog::testCase() const
{
    const int i = m_case->currentIndex();
    return i >= 0 && i < m_plan.cases.size() ? m_plan.cases[i].kind : TestCaseKind::Boot;
}

TestOutcome TestResultDialog::outcome() const
{
    return TestOutcome(m_outcome->checkedId());
}

QString TestResultDialog::note() const
{
    return m_note->toPlainText().trimmed();
}

void TestResultDialog::setOutcome(TestOutcome outcome)
{
    if (QAbstractButton *button = m_outcome->button(int(outcome)))
        button->setChecked(true);
    updateButton();
}

void TestResultDialog::setNote(const QString &note)
{
    m_note->setPlainText(note);
}

void TestResultDialog::showCurrent()
{
    const int i = m_case->currentIndex();
    if (i < 0 || i >= m_plan.cases.size()) {
        m_current->clear();
        return;
    }
    const TestCaseResult &c = m_plan.cases[i];
    m_current->setText(c.outcome == TestOutcome::Pending
                           ? tr("Not run yet.")
                           : tr("%1, by %2 at %3. A new result replaces it.")
                                 .arg(ReleaseFormat::outcomeText(c), c.recordedBy,
                                      DeviceFormat::dateTime(c.recordedAt)));
}

void TestResultDialog::updateButton()
{
    const bool needsNote = outcome() != TestOutcome::Passed;
    m_noteHint->setText(needsNote ? tr("Required: say what failed or what blocked the test.")
                                  : tr("Optional: device build, SIM, network used."));
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!needsNote || !note().isEmpty());
}

} // namespace Patchboard
