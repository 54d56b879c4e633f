// SPDX-License-Identifier: Apache-2.0
#include "testplanview.h"

#include "reasondialog.h"
#include "releaseformat.h"
#include "testplanmodel.h"
#include "testresultdialog.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace Patchboard {

TestPlanView::TestPlanView(QWidget *parent)
    : QWidget(parent)
    , m_model(new TestPlanModel(this))
    , m_summary(new QLabel(this))
    , m_table(new QTableView(this))
    , m_record(new QPushButton(tr("&Record Result\u2026"), this))
    , m_waive(new QPushButton(tr("&Waive\u2026"), this))
{
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::PlainText);
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setTabKeyNavigation(false); // Tab leaves it, arrows move in it
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setAccessibleName(tr("Test plan"));
    m_table->setToolTip(tr("Double-click a case to record its result."));
    m_waive->setWhatsThis(tr("Accept a case that did not pass, with a reason. The waiver is "
                             "recorded and audited."));

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_summary, 1);
    buttons->addWidget(m_record);
    buttons->addWidget(m_waive);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(buttons);
    layout->addWidget(m_table, 1);

    connect(m_record, &QPushButton::clicked, this, &TestPlanView::askToRecord);
    connect(m_waive, &QPushButton::clicked, this, &TestPlanView::askToWaive);
    connect(m_table, &QTableView::doubleClicked, this, [this] {
        if (m_record->isEnabled())
            askToRecord();
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &TestPlanView::updateButtons);
    updateButtons();
}

QString TestPlanView::summaryText() const
{
    return m_summary->text();
}

void TestPlanView::setPlan(const TestPlan &plan)
{
    const int row = m_table->currentIndex().row();
    m_model->setPlan(plan);
    if (plan.cases.isEmpty()) {
        m_summary->setText(tr("No test plan: a release gets one when it passes verification."));
    } else {
        const int done = m_model->doneCount();
        const int total = int(plan.cases.size());
        m_summary->setText(
            done == total
                ? ReleaseFormat::checkMark() + QLatin1Char(' ')
                    + tr("All %Ln case(s) passed or waived.", nullptr, total)
                : tr("%1 of %Ln case(s) passed or waived; approval needs all.", nullptr, total)
                      .arg(done));
        if (!m_table->currentIndex().isValid())
            m_table->selectRow(qBound(0, row, total - 1));
    }
    m_table->resizeColumnsToContents();
    updateButtons();
}

void TestPlanView::setRecordAllowed(bool allowed, const QString &whyNot)
{
    m_recordAllowed = allowed;
    m_recordWhyNot = whyNot;
    updateButtons();
}

void TestPlanView::setWaiveAllowed(bool allowed, const QString &whyNot)
{
    m_waiveAllowed = allowed;
    m_waiveWhyNot = whyNot;
    updateButtons();
}

void TestPlanView::updateButtons()
{
    const TestCaseResult *current = m_model->caseAt(m_table->currentIndex().row());
    m_record->setEnabled(m_recordAllowed && current);
    m_record->setToolTip(!m_recordAllowed ? m_recordWhyNot
                             : current    ? QString()
                                          : tr("Select a test case first."));
    const bool waivable = current && !current->isDone();
    m_waive->setEnabled(m_waiveAllowed && waivable);
    m_waive->setToolTip(!m_waiveAllowed ? m_waiveWhyNot
                            : !current  ? tr("Select a test case first.")
                            : !waivable ? tr("This case passed or is waived already.")
                                        : QString());
}

void TestPlanView::askToRecord()
{
    const TestCaseResult *current = m_model->caseAt(m_table->currentIndex().row());
    if (!current)
        return;
    auto *dialog = new TestResultDialog(m_model->plan(), current->modelId, current->kind, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        Q_EMIT recordRequested(dialog->modelId(), dialog->testCase(), dialog->outcome(),
                               dialog->note());
    });
    dialog->open();
}

void TestPlanView::askToWaive()
{
    const TestCaseResult *current = m_model->caseAt(m_table->currentIndex().row());
    if (!current)
        return;
    const int modelId = current->modelId;
    const TestCaseKind kind = current->kind;
    auto *dialog = new ReasonDialog(
        tr("Waive Test Case"),
        tr("Accept \u201c%1\u201d on %2 without a pass (now: %3). Approval then treats it as done; "
           "the waiver and its reason are recorded.")
            .arg(TestPlan::kindDisplayName(kind), current->modelName,
                 ReleaseFormat::outcomeText(*current)),
        tr("Waive"), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog, modelId, kind] {
        Q_EMIT waiveRequested(modelId, kind, dialog->reason());
    });
    dialog->open();
}

} // namespace Patchboard
