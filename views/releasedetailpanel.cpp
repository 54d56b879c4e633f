// SPDX-License-Identifier: Apache-2.0
#include "releasedetailpanel.h"

#include "deviceformat.h"
#include "firmware/firmwarebackend.h"
#include "operatorsession.h"
#include "releasecheckmodel.h"
#include "releasedecisionbar.h"
#include "releaseformat.h"
#include "releasehistorymodel.h"
#include "releasenotesview.h"
#include "releaseverificationview.h"
#include "testplanmodel.h"
#include "testplanview.h"
#include "viewstyle.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace Patchboard {

namespace {

constexpr int ReloadDelayMs = 200; // several changes in a row give one reload

QLabel *textLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    return label;
}

void setTone(QLabel *label, const QColor &color)
{
    QPalette palette = label->parentWidget()->palette();
    if (color.isValid())
        palette.setColor(QPalette::WindowText, color);
    label->setPalette(palette);
}

bool isOpenForTests(ReleaseState state)
{
    return state == ReleaseState::Verified || state == ReleaseState::InTesting;
}

} // namespace

ReleaseDetailPanel::ReleaseDetailPanel(FirmwareBackend *backend, OperatorSession *session,
                                       QWidget *parent)
    : QWidget(parent)
    , m_backend(backend)
    , m_session(session)
    , m_stack(new QStackedWidget(this))
    , m_message(new QLabel(this))
    , m_title(textLabel(this))
    , m_state(textLabel(this))
    , m_subtitle(textLabel(this))
    , m_window(textLabel(this))
    , m_decisions(new ReleaseDecisionBar(session, this))
    , m_error(textLabel(this))
    , m_tabs(new QTabWidget(this))
    , m_verification(new ReleaseVerificationView(this))
    , m_tests(new TestPlanView(this))
    , m_notes(new ReleaseNotesView(this))
    , m_history(new ReleaseHistoryModel(this))
    , m_historyView(new QTableView(this))
{
    m_message->setAlignment(Qt::AlignCenter);
    m_message->setWordWrap(true);
    ViewStyle::setMuted(m_message);
    ViewStyle::setPanelTitle(m_title);
    m_title->setWordWrap(false);
    QFont stateFont = m_state->font();
    stateFont.setPointSizeF(stateFont.pointSizeF() * 1.15);
    stateFont.setBold(true);
    m_state->setFont(stateFont);
    m_state->setWordWrap(false);
    setTone(m_error, DeviceFormat::criticalColor());
    m_error->hide();

    m_historyView->setModel(m_history);
    m_historyView->verticalHeader()->hide();
    m_historyView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_historyView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_historyView->setTabKeyNavigation(false); // Tab leaves it, arrows move in it
    m_historyView->horizontalHeader()->setStretchLastSection(true);
    m_historyView->setAccessibleName(tr("Release history"));
    m_tabs->addTab(m_verification, tr("Verification"));
    m_tabs->addTab(m_tests, tr("Tests"));
    m_tabs->addTab(m_notes, tr("Release Notes"));
    m_tabs->addTab(m_historyView, tr("History"));

    auto *titleRow = new QHBoxLayout;
    titleRow->addWidget(m_title);
    titleRow->addSpacing(12);
    titleRow->addWidget(m_state);
    titleRow->addStretch(1);

    // What the release is on the left, what can be decided on the right: the tabs below keep
    // most of the height.
    auto *facts = new QVBoxLayout;
    facts->addLayout(titleRow);
    facts->addWidget(m_subtitle);
    facts->addWidget(m_window);
    facts->addWidget(m_error);
    facts->addStretch(1);
    auto *header = new QHBoxLayout;
    header->addLayout(facts, 3);
    header->addWidget(m_decisions, 2);

    auto *content = new QWidget(this);
    auto *contentLayout = new QVBoxLayout(content);
    contentLayout->setContentsMargins(0, 0, 0, 0);
    contentLayout->addLayout(header);
    contentLayout->addWidget(m_tabs, 1);
    m_stack->addWidget(m_message);
    m_stack->addWidget(content);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);

    connect(m_decisions, &ReleaseDecisionBar::approveRequested, this, &ReleaseDetailPanel::approve);
    connect(m_decisions, &ReleaseDecisionBar::rejectRequested, this, &ReleaseDetailPanel::reject);
    connect(m_decisions, &ReleaseDecisionBar::withdrawRequested, this,
            &ReleaseDetailPanel::withdraw);
    connect(m_tests, &TestPlanView::recordRequested, this, &ReleaseDetailPanel::recordResult);
    connect(m_tests, &TestPlanView::waiveRequested, this, &ReleaseDetailPanel::waive);
    // The approval blockers depend on who looks (four-eyes), the buttons on the role.
    connect(m_session, &OperatorSession::operatorChanged, this, [this] {
        updateActions();
        reload();
    });
    m_reloadDelay.setSingleShot(true);
    m_reloadDelay.setInterval(ReloadDelayMs);
    connect(&m_reloadDelay, &QTimer::timeout, this, &ReleaseDetailPanel::reload);
    if (m_backend) {
        connect(m_backend, &FirmwareBackend::releasesChanged, this, [this] {
            if (m_id && !m_busy)
                m_reloadDelay.start();
        });
    }
    clear();
}

QString ReleaseDetailPanel::windowText() const
{
    return m_loaded ? m_window->text() : QString();
}

QString ReleaseDetailPanel::blockersText() const
{
    return m_decisions->blockersText();
}

QString ReleaseDetailPanel::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

QString ReleaseDetailPanel::messageText() const
{
    return m_stack->currentWidget() == m_message ? m_message->text() : QString();
}

void ReleaseDetailPanel::showRelease(qint64 id)
{
    if (id == m_id && m_loaded)
        return;
    m_id = id;
    m_loaded = false;
    showError({});
    if (m_stack->currentWidget() == m_message)
        showMessage(tr("Loading\u2026"));
    reload();
}

void ReleaseDetailPanel::clear()
{
    ++m_request;
    m_id = 0;
    m_loaded = false;
    m_detail = ReleaseDetail();
    showMessage(tr("Select a release to see its verification checklist, test plan and "
                   "history."));
}

void ReleaseDetailPanel::reload()
{
    if (!m_id)
        return;
    if (!m_backend) {
        showMessage(tr("No firmware server is connected."));
        return;
    }
    const quint64 request = ++m_request;
    const qint64 id = m_id;
    m_backend->releaseDetail(m_session->current(), id)
        .then(this, [this, request, id](const Result<ReleaseDetail> &result) {
            if (request != m_request)
                return; // the operator moved on
            if (!result.ok()) {
                m_loaded = false;
                showMessage(result.error().text());
                return;
            }
            setDetail(result.value());
            Q_EMIT loaded(id);
        });
}

void ReleaseDetailPanel::setDetail(const ReleaseDetail &detail)
{
    const ReleaseSummary &s = detail.summary;
    m_detail = detail;
    m_loaded = true;
    m_title->setText(s.version);
    m_state->setText(ReleaseStates::displayName(s.state));
    setTone(m_state,
            s.state == ReleaseState::Refused || s.state == ReleaseState::Rejected
                ? DeviceFormat::criticalColor()
                : s.state == ReleaseState::Approved ? ReleaseFormat::goodColor()
                                                    : QColor());
    // Model names usually start with the manufacturer's; say it once.
    QString target = ReleaseFormat::models(s.models);
    if (s.manufacturer.isEmpty())
        target = tr("%1 (vendor not registered)").arg(target);
    else if (s.models.isEmpty() || !s.models.constFirst().startsWith(s.manufacturer))
        target = tr("%1 by %2", "models by manufacturer").arg(target, s.manufacturer);
    m_subtitle->setText(
        tr("%1 release for %2 \u00b7 claimed patch level %3 \u00b7 sequence %4 \u00b7 "
           "received %5")
            .arg(ReleaseFormat::typeName(s.type), target, s.patchLevel.toString())
            .arg(s.sequenceNumber)
            .arg(DeviceFormat::dateTime(s.received)));
    const bool overdue = ReleaseFormat::isOverdue(s);
    m_window->setText((overdue ? DeviceFormat::warningMarker() : QString())
                      + ReleaseFormat::windowSentence(s));
    setTone(m_window, overdue ? DeviceFormat::criticalColor() : QColor());

    m_verification->setDetail(detail);
    m_tests->setPlan(detail.testPlan);
    m_notes->setDetail(detail);
    m_history->setHistory(detail.history);
    m_historyView->resizeColumnsToContents();

    const int failed = m_verification->checkModel()->failedBlocking();
    m_tabs->setTabText(
        VerificationTab,
        failed > 0 ? tr("Verification (%1 %2 failed)").arg(ReleaseFormat::crossMark()).arg(failed)
                   : tr("Verification"));
    m_tabs->setTabText(TestsTab,
                       detail.testPlan.cases.isEmpty() ? tr("Tests")
                                                       : tr("Tests (%1/%2)")
                                                             .arg(m_tests->model()->doneCount())
                                                             .arg(detail.testPlan.cases.size()));
    const bool offending = s.type == ReleaseType::Security && !detail.offendingChanges.isEmpty();
    m_tabs->setTabText(NotesTab,
                       offending
                           ? tr("Release Notes (%1)").arg(DeviceFormat::warningMarker().trimmed())
                           : tr("Release Notes"));
    updateActions();
    m_stack->setCurrentIndex(1);
}

void ReleaseDetailPanel::updateActions()
{
    m_decisions->setRelease(m_loaded ? &m_detail : nullptr, m_busy);
    const ReleaseState state = m_detail.summary.state;
    const bool ready = m_loaded && !m_busy;
    const QString notOpen = tr("Test results are recorded while a release is verified or in "
                               "testing.");
    QString recordWhy = m_session->deniedReason(Permission::RecordTestResult);
    if (recordWhy.isEmpty() && !isOpenForTests(state))
        recordWhy = notOpen;
    m_tests->setRecordAllowed(ready && recordWhy.isEmpty(), recordWhy);
    QString waiveWhy = m_session->deniedReason(Permission::WaiveTestCase);
    if (waiveWhy.isEmpty() && !isOpenForTests(state))
        waiveWhy = notOpen;
    m_tests->setWaiveAllowed(ready && waiveWhy.isEmpty(), waiveWhy);
}

void ReleaseDetailPanel::showMessage(const QString &message)
{
    m_message->setText(message);
    m_stack->setCurrentWidget(m_message);
}

void ReleaseDetailPanel::showError(const QString &message)
{
    m_error->setText(message.isEmpty() ? QString() : DeviceFormat::warningMarker() + message);
    m_error->setVisible(!message.isEmpty());
}

void ReleaseDetailPanel::runAction(QFuture<Result<ReleaseDetail>> future, const QString &done)
{
    m_busy = true;
    showError({});
    updateActions();
    const qint64 id = m_id;
    future.then(this, [this, id, done](const Result<ReleaseDetail> &result) {
        m_busy = false;
        if (!result.ok()) {
            showError(result.error().text());
            updateActions();
            Q_EMIT actionFinished(false);
            return;
        }
        if (id == m_id) {
            ++m_request; // an older reload must not overwrite this answer
            setDetail(result.value());
        } else {
            updateActions();
        }
        Q_EMIT statusMessage(done);
        Q_EMIT actionFinished(true);
    });
}

void ReleaseDetailPanel::approve(const QString &reason)
{
    if (!m_backend || !m_id || m_busy)
        return;
    runAction(m_backend->approve(m_session->current(), m_id, reason),
              tr("Approved %1.").arg(m_detail.summary.version));
}

void ReleaseDetailPanel::reject(const QString &reason)
{
    if (!m_backend || !m_id || m_busy)
        return;
    runAction(m_backend->reject(m_session->current(), m_id, reason),
              tr("Rejected %1.").arg(m_detail.summary.version));
}

void ReleaseDetailPanel::withdraw(const QString &reason)
{
    if (!m_backend || !m_id || m_busy)
        return;
    runAction(m_backend->withdraw(m_session->current(), m_id, reason),
              tr("Withdrew %1.").arg(m_detail.summary.version));
}

void ReleaseDetailPanel::recordResult(int modelId, TestCaseKind testCase, TestOutcome outcome,
                                      const QString &note)
{
    if (!m_backend || !m_id || m_busy)
        return;
    runAction(
        m_backend->recordTestResult(m_session->current(), m_id, modelId, testCase, outcome, note),
        tr("Recorded %1: %2.")
            .arg(TestPlan::kindDisplayName(testCase), TestPlan::outcomeDisplayName(outcome)));
}

void ReleaseDetailPanel::waive(int modelId, TestCaseKind testCase, const QString &reason)
{
    if (!m_backend || !m_id || m_busy)
        return;
    runAction(m_backend->waiveTestCase(m_session->current(), m_id, modelId, testCase, reason),
              tr("Waived %1.").arg(TestPlan::kindDisplayName(testCase)));
}

} // namespace Patchboard
