// SPDX-License-Identifier: Apache-2.0
#include "rolloutdetailpanel.h"

#include "deviceformat.h"
#include "operatorsession.h"
#include "rollout/rolloutbackend.h"
#include "rolloutcontrolbar.h"
#include "rolloutformat.h"
#include "rolloutplanview.h"
#include "rolloutpreviewmodel.h"
#include "viewstyle.h"
#include "waveprogresstable.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QVBoxLayout>

namespace Patchboard {

namespace {

enum HistoryColumn { TimeColumn, ChangeColumn, ActorColumn, ReasonColumn, HistoryColumnCount };

QLabel *textLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    return label;
}

void setTone(QWidget *widget, const QColor &color)
{
    QPalette palette = widget->parentWidget()->palette();
    if (color.isValid())
        palette.setColor(QPalette::WindowText, color);
    widget->setPalette(palette);
}

QTableWidget *makeTable(int columns, const QStringList &headers, const QString &name,
                        QWidget *parent)
{
    auto *table = new QTableWidget(0, columns, parent);
    table->setHorizontalHeaderLabels(headers);
    table->verticalHeader()->hide();
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 10);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setTabKeyNavigation(false); // Tab leaves it, arrows move in it
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->setWordWrap(false);
    table->horizontalHeader()->setStretchLastSection(true);
    table->setAccessibleName(name);
    return table;
}

// Sets a cell in place (the selection in the table survives a refresh).
QTableWidgetItem *setCell(QTableWidget *table, int row, int column, const QString &text,
                          Qt::Alignment alignment = Qt::AlignLeft | Qt::AlignVCenter)
{
    QTableWidgetItem *item = table->item(row, column);
    if (!item) {
        item = new QTableWidgetItem;
        table->setItem(row, column, item);
    }
    if (item->text() != text)
        item->setText(text);
    item->setTextAlignment(alignment);
    return item;
}

QString roleText(const QString &role)
{
    const std::optional<OperatorRole> known = Operator::roleFromName(role);
    return known ? Operator::roleDisplayName(*known) : role;
}

} // namespace

RolloutDetailPanel::RolloutDetailPanel(RolloutBackend *backend, OperatorSession *session,
                                       QWidget *parent)
    : QWidget(parent)
    , m_backend(backend)
    , m_session(session)
    , m_stack(new QStackedWidget(this))
    , m_message(new QLabel(this))
    , m_title(textLabel(this))
    , m_state(textLabel(this))
    , m_subtitle(textLabel(this))
    , m_haltBanner(new QFrame(this))
    , m_halt(textLabel(m_haltBanner))
    , m_gate(textLabel(this))
    , m_controls(new RolloutControlBar(session, this))
    , m_error(textLabel(this))
    , m_tabs(new QTabWidget(this))
    , m_waves(new WaveProgressTable(this))
    , m_plan(new RolloutPlanView(this))
    , m_exclusions(textLabel(this))
    , m_targetsModel(new RolloutPreviewModel(this))
    , m_targetsView(new QTableView(this))
    , m_history(makeTable(HistoryColumnCount, {tr("Time"), tr("Change"), tr("By"), tr("Reason")},
                          tr("Rollout history"), this))
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
    m_state->setAccessibleName(tr("Rollout state"));

    // Why a rollout halted is the first thing to read: framed, bold, in the critical colour, and
    // starting with the warning sign.
    QFrame *haltFrame = m_haltBanner;
    haltFrame->setFrameShape(QFrame::Box);
    haltFrame->setFrameShadow(QFrame::Plain);
    haltFrame->setLineWidth(2);
    setTone(haltFrame, DeviceFormat::criticalColor());
    QFont haltFont = m_halt->font();
    haltFont.setBold(true);
    haltFont.setPointSizeF(haltFont.pointSizeF() * 1.1);
    m_halt->setFont(haltFont);
    m_halt->setAccessibleName(tr("Halt reason"));
    auto *haltLayout = new QVBoxLayout(haltFrame);
    haltLayout->setContentsMargins(10, 6, 10, 6);
    haltLayout->addWidget(m_halt);
    m_haltBanner->hide();
    setTone(m_gate, DeviceFormat::warningColor());
    m_gate->setAccessibleName(tr("Gate"));
    m_gate->hide();
    setTone(m_error, DeviceFormat::criticalColor());
    m_error->setAccessibleName(tr("Error"));
    m_error->hide();

    m_targetsView->setModel(m_targetsModel);
    m_targetsView->verticalHeader()->hide();
    m_targetsView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_targetsView->setTabKeyNavigation(false); // Tab leaves it, arrows move in it
    m_targetsView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_targetsView->horizontalHeader()->setStretchLastSection(false);
    m_targetsView->setAccessibleName(tr("Targeted devices by model and wave"));
    auto *targets = new QWidget(this);
    auto *targetsLayout = new QVBoxLayout(targets);
    targetsLayout->addWidget(m_exclusions);
    targetsLayout->addWidget(m_targetsView, 1);

    auto *planScroll = new QScrollArea(this);
    planScroll->setWidget(m_plan);
    planScroll->setWidgetResizable(true);
    planScroll->setFrameShape(QFrame::NoFrame);

    m_tabs->addTab(m_waves, tr("Progress"));
    m_tabs->addTab(planScroll, tr("Plan"));
    m_tabs->addTab(targets, tr("Targets"));
    m_tabs->addTab(m_history, tr("History"));

    auto *titleRow = new QHBoxLayout;
    titleRow->addWidget(m_title);
    titleRow->addSpacing(12);
    titleRow->addWidget(m_state);
    titleRow->addStretch(1);

    auto *content = new QWidget(this);
    auto *contentLayout = new QVBoxLayout(content);
    contentLayout->setContentsMargins(0, 0, 0, 0);
    contentLayout->addLayout(titleRow);
    contentLayout->addWidget(m_subtitle);
    contentLayout->addWidget(m_haltBanner);
    contentLayout->addWidget(m_gate);
    contentLayout->addWidget(m_controls);
    contentLayout->addWidget(m_error);
    contentLayout->addWidget(m_tabs, 1);
    m_stack->addWidget(m_message);
    m_stack->addWidget(content);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);

    connect(m_controls, &RolloutControlBar::scheduleRequested, this, &RolloutDetailPanel::schedule);
    connect(m_controls, &RolloutControlBar::pauseRequested, this, &RolloutDetailPanel::pause);
    connect(m_controls, &RolloutControlBar::resumeRequested, this, &RolloutDetailPanel::resume);
    connect(m_controls, &RolloutControlBar::cancelRequested, this, &RolloutDetailPanel::cancel);
    connect(m_controls, &RolloutControlBar::continueRequested, this,
            &RolloutDetailPanel::continueToNextWave);
    clear();
}

QString RolloutDetailPanel::stateText() const
{
    return m_loaded ? m_state->text() : QString();
}

QString RolloutDetailPanel::haltText() const
{
    return m_haltBanner->isHidden() ? QString() : m_halt->text();
}

QString RolloutDetailPanel::gateText() const
{
    return m_gate->isHidden() ? QString() : m_gate->text();
}

QString RolloutDetailPanel::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

QString RolloutDetailPanel::messageText() const
{
    return m_stack->currentWidget() == m_message ? m_message->text() : QString();
}

QString RolloutDetailPanel::roleNoteText() const
{
    return m_controls->roleNoteText();
}

void RolloutDetailPanel::setCatalog(const FleetCatalog &catalog)
{
    m_plan->setCatalog(catalog);
}

void RolloutDetailPanel::showRollout(qint64 id)
{
    if (id == m_id && (m_loaded || m_loading))
        return;
    m_id = id;
    m_loaded = false;
    showError({});
    if (m_stack->currentWidget() == m_message)
        showMessage(tr("Loading\u2026"));
    reload();
}

void RolloutDetailPanel::clear()
{
    ++m_request;
    m_id = 0;
    m_loaded = false;
    m_detail = RolloutDetail();
    showMessage(tr("Select a rollout to see its waves, plan and history."));
    updateActions();
}

void RolloutDetailPanel::reload()
{
    if (!m_id)
        return;
    if (!m_backend) {
        showMessage(tr("No rollout service is connected."));
        return;
    }
    if (m_loading) {
        m_reloadAgain = true;
        return;
    }
    m_loading = true;
    m_reloadAgain = false;
    const quint64 request = ++m_request;
    const qint64 id = m_id;
    // Set before the call: with Qt 6.4 a finished future runs the continuation at once.
    m_backend->rolloutDetail(m_session->current(), id)
        .then(this, [this, request, id](const Result<RolloutDetail> &result) {
            m_loading = false;
            const bool again = std::exchange(m_reloadAgain, false);
            if (request == m_request && id == m_id) {
                if (result.ok()) {
                    setDetail(result.value());
                    Q_EMIT loaded(id);
                } else if (m_loaded) {
                    showError(result.error().text()); // keep what is shown, say what failed
                } else {
                    showMessage(result.error().text());
                }
            }
            if (again)
                reload();
        });
}

void RolloutDetailPanel::setDetail(const RolloutDetail &detail)
{
    const RolloutSummary &s = detail.summary;
    m_detail = detail;
    m_loaded = true;
    m_title->setText(s.name);
    QString state = RolloutFormat::stateText(s.state);
    if (s.currentWave > 0 && !s.waves.isEmpty()
        && (s.state == RolloutState::Running || s.state == RolloutState::Paused
            || s.state == RolloutState::Halted))
        state = tr("%1, wave %2 of %3").arg(state).arg(s.currentWave).arg(s.waves.size());
    m_state->setText(state);
    setTone(m_state, RolloutFormat::stateColor(s.state));

    QStringList facts;
    facts.append(tr("Release %1").arg(s.releaseVersion));
    facts.append(tr("%Ln targeted device(s)", nullptr, s.targets));
    facts.append(tr("created by %1, %2").arg(s.createdBy, DeviceFormat::dateTime(s.created)));
    if (s.started.isValid())
        facts.append(tr("started %1").arg(DeviceFormat::dateTime(s.started)));
    else if (s.start.isValid())
        facts.append(tr("starts %1").arg(DeviceFormat::dateTime(s.start)));
    if (s.finished.isValid())
        facts.append(tr("finished %1").arg(DeviceFormat::dateTime(s.finished)));
    if (s.deadline.isValid())
        facts.append(tr("deadline %1").arg(DeviceFormat::dateTime(s.deadline)));
    m_subtitle->setText(facts.join(QStringLiteral(" \u00b7 ")));

    const bool halted = s.state == RolloutState::Halted;
    if (halted) {
        const WaveProgress *wave = RolloutControlBar::haltedWave(s);
        const QString reason
            = s.haltReason.isEmpty() ? tr("No reason was recorded.") : s.haltReason;
        // The engine's reason names the wave; without one, the wave that halted is named here.
        m_halt->setText(DeviceFormat::warningMarker()
                        + (s.haltReason.isEmpty() && wave
                               ? tr("Wave %1 halted: %2").arg(wave->number).arg(reason)
                               : tr("Halted: %1").arg(reason)));
    }
    m_haltBanner->setVisible(halted);
    const WaveProgress *waiting = RolloutControlBar::waitingWave(s);
    if (waiting) {
        m_gate->setText(DeviceFormat::warningMarker()
                        + tr("Wave %1 has soaked and waits for an operator: Continue to Next "
                             "Wave starts wave %2.")
                              .arg(waiting->number)
                              .arg(waiting->number + 1));
    }
    m_gate->setVisible(waiting != nullptr);

    m_waves->setWaves(s.waves, detail.plan.waves);
    m_plan->setPlan(detail.plan, detail.targets);
    const RolloutPreview &t = detail.targets;
    m_exclusions->setText(
        tr("%Ln device(s) targeted. Left out: %1 already current, %2 rooted, %3 ported, %4 past "
           "their support end, %5 in another rollout, %6 outside the filter.",
           nullptr, t.targeted)
            .arg(DeviceFormat::number(t.alreadyCurrent), DeviceFormat::number(t.rooted),
                 DeviceFormat::number(t.ported), DeviceFormat::number(t.unsupported),
                 DeviceFormat::number(t.busy), DeviceFormat::number(t.filteredOut)));
    m_targetsModel->setPreview(t);
    m_targetsView->resizeColumnsToContents();
    fillHistory(detail.history);
    m_tabs->setTabText(HistoryTab, tr("History (%1)").arg(detail.history.size()));
    updateActions();
    m_stack->setCurrentIndex(1);
}

void RolloutDetailPanel::fillHistory(const QList<RolloutTransition> &history)
{
    // Newest first: the latest decision is what the operator looks for.
    m_history->setRowCount(int(history.size()));
    for (int row = 0; row < history.size(); ++row) {
        const RolloutTransition &t = history.at(history.size() - 1 - row);
        setCell(m_history, row, TimeColumn, DeviceFormat::dateTime(t.time));
        setCell(m_history, row, ChangeColumn,
                tr("%1 \u2192 %2", "state from, state to")
                    .arg(rolloutStateDisplayName(t.from), rolloutStateDisplayName(t.to)));
        setCell(m_history, row, ActorColumn,
                t.actor.isEmpty()
                    ? tr("Rollout engine")
                    : tr("%1 (%2)", "operator name, role").arg(t.actor, roleText(t.role)));
        setCell(m_history, row, ReasonColumn, t.reason)->setToolTip(t.reason);
    }
    m_history->resizeColumnsToContents();
}

void RolloutDetailPanel::updateActions()
{
    m_controls->setRollout(m_loaded ? &m_detail : nullptr, m_busy);
}

void RolloutDetailPanel::showMessage(const QString &message)
{
    m_message->setText(message);
    m_stack->setCurrentWidget(m_message);
}

void RolloutDetailPanel::showError(const QString &message)
{
    m_error->setText(message.isEmpty() ? QString() : DeviceFormat::warningMarker() + message);
    m_error->setVisible(!message.isEmpty());
}

void RolloutDetailPanel::runAction(QFuture<Result<RolloutDetail>> future, const QString &done)
{
    m_busy = true;
    showError({});
    updateActions();
    const qint64 id = m_id;
    future.then(this, [this, id, done](const Result<RolloutDetail> &result) {
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

void RolloutDetailPanel::schedule()
{
    if (!m_backend || !m_id || m_busy)
        return;
    runAction(m_backend->schedule(m_session->current(), m_id),
              tr("Scheduled %1.").arg(m_detail.summary.name));
}

void RolloutDetailPanel::pause(const QString &reason)
{
    if (!m_backend || !m_id || m_busy)
        return;
    runAction(m_backend->pause(m_session->current(), m_id, reason),
              tr("Paused %1.").arg(m_detail.summary.name));
}

void RolloutDetailPanel::resume(const QString &reason, double newErrorThreshold)
{
    if (!m_backend || !m_id || m_busy)
        return;
    runAction(m_backend->resume(m_session->current(), m_id, reason, newErrorThreshold),
              tr("Resumed %1.").arg(m_detail.summary.name));
}

void RolloutDetailPanel::cancel(const QString &reason)
{
    if (!m_backend || !m_id || m_busy)
        return;
    runAction(m_backend->cancel(m_session->current(), m_id, reason),
              tr("Cancelled %1.").arg(m_detail.summary.name));
}

void RolloutDetailPanel::continueToNextWave()
{
    if (!m_backend || !m_id || m_busy)
        return;
    runAction(m_backend->continueToNextWave(m_session->current(), m_id),
              tr("Opened the gate of %1.").arg(m_detail.summary.name));
}

} // namespace Patchboard
