// SPDX-License-Identifier: Apache-2.0
#include "rolloutcontrolbar.h"

#include "operatorsession.h"
#include "rolloutreasondialog.h"
#include "viewstyle.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace Patchboard {

RolloutControlBar::RolloutControlBar(OperatorSession *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_schedule(new QPushButton(tr("&Schedule"), this))
    , m_pause(new QPushButton(tr("&Pause\u2026"), this))
    , m_resume(new QPushButton(tr("&Resume\u2026"), this))
    , m_cancel(new QPushButton(tr("Ca&ncel Rollout\u2026"), this))
    , m_continue(new QPushButton(tr("C&ontinue to Next Wave"), this))
    , m_roleNote(new QLabel(this))
{
    m_schedule->setAccessibleName(tr("Schedule"));
    m_pause->setAccessibleName(tr("Pause"));
    m_resume->setAccessibleName(tr("Resume"));
    m_cancel->setAccessibleName(tr("Cancel rollout"));
    m_continue->setAccessibleName(tr("Continue to next wave"));
    // Disabled buttons alone do not say why; a role that cannot act is said in words.
    m_roleNote->setWordWrap(true);
    m_roleNote->setTextFormat(Qt::PlainText);
    ViewStyle::setMuted(m_roleNote);
    m_roleNote->hide();

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_schedule);
    buttons->addWidget(m_pause);
    buttons->addWidget(m_resume);
    buttons->addWidget(m_cancel);
    buttons->addSpacing(12);
    buttons->addWidget(m_continue);
    buttons->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(buttons);
    layout->addWidget(m_roleNote);

    connect(m_schedule, &QPushButton::clicked, this, &RolloutControlBar::scheduleRequested);
    connect(m_pause, &QPushButton::clicked, this, &RolloutControlBar::askToPause);
    connect(m_resume, &QPushButton::clicked, this, &RolloutControlBar::askToResume);
    connect(m_cancel, &QPushButton::clicked, this, &RolloutControlBar::askToCancel);
    connect(m_continue, &QPushButton::clicked, this, &RolloutControlBar::continueRequested);
    connect(m_session, &OperatorSession::operatorChanged, this, &RolloutControlBar::updateButtons);
    updateButtons();
}

void RolloutControlBar::setRollout(const RolloutDetail *detail, bool busy)
{
    m_detail = detail;
    m_busy = busy;
    updateButtons();
}

QString RolloutControlBar::roleNoteText() const
{
    return m_roleNote->isHidden() ? QString() : m_roleNote->text();
}

const WaveProgress *RolloutControlBar::haltedWave(const RolloutSummary &summary)
{
    for (const WaveProgress &wave : summary.waves) {
        if (wave.state == WaveState::Halted)
            return &wave;
    }
    return nullptr;
}

const WaveProgress *RolloutControlBar::waitingWave(const RolloutSummary &summary)
{
    for (const WaveProgress &wave : summary.waves) {
        if (wave.waitingForGate)
            return &wave;
    }
    return nullptr;
}

void RolloutControlBar::updateButtons()
{
    const RolloutState state = m_detail ? m_detail->summary.state : RolloutState::Draft;
    const bool ready = m_detail && !m_busy;
    // The role first, then the state: the tooltip names what stands in the way.
    auto apply = [&](QPushButton *button, QString why, const QString &what) {
        if (why.isEmpty() && m_busy)
            why = tr("An action on this rollout is on its way.");
        button->setEnabled(ready && why.isEmpty());
        button->setToolTip(why.isEmpty() ? what : why);
    };

    QString why = m_session->deniedReason(Permission::PlanRollout);
    if (why.isEmpty() && state != RolloutState::Draft)
        why = tr("Only a draft rollout can be scheduled.");
    apply(m_schedule, why,
          tr("Schedule the rollout: it starts at its planned time, or now if it has none."));

    why = m_session->deniedReason(Permission::ControlRollout);
    if (why.isEmpty() && state != RolloutState::Running && state != RolloutState::Scheduled)
        why = tr("Only a running or scheduled rollout can be paused.");
    apply(m_pause, why,
          tr("Stop offering the update; devices already updating finish (asks for a reason)."));

    why = m_session->deniedReason(Permission::ControlRollout);
    if (why.isEmpty() && state != RolloutState::Paused && state != RolloutState::Halted)
        why = tr("Only a paused or halted rollout can be resumed.");
    apply(m_resume, why,
          state == RolloutState::Halted
              ? tr("Resume after the halt; failures are counted again from now, and the error "
                   "threshold may be raised (asks for a reason).")
              : tr("Offer the update again (asks for a reason)."));

    why = m_session->deniedReason(Permission::ControlRollout);
    if (why.isEmpty() && (state == RolloutState::Completed || state == RolloutState::Cancelled))
        why = tr("A completed or cancelled rollout cannot be cancelled.");
    apply(m_cancel, why,
          tr("Cancel the rollout: devices not offered yet never will be (asks for a reason)."));

    why = m_session->deniedReason(Permission::ControlRollout);
    const WaveProgress *waiting = m_detail ? waitingWave(m_detail->summary) : nullptr;
    if (why.isEmpty() && !waiting)
        why = tr("No wave waits for its gate. This opens the gate of a wave that has soaked and "
                 "waits for an operator.");
    else if (why.isEmpty() && state != RolloutState::Running)
        why = tr("The rollout is not running; resume it first.");
    apply(m_continue, why,
          waiting ? tr("Open the gate after wave %1: wave %2 starts.")
                        .arg(waiting->number)
                        .arg(waiting->number + 1)
                  : QString());

    const bool cannotAct = !m_session->allows(Permission::ControlRollout)
        && !m_session->allows(Permission::PlanRollout);
    m_roleNote->setText(tr("%1 To act, switch operator (File > Switch Operator).")
                            .arg(m_session->deniedReason(Permission::ControlRollout)));
    m_roleNote->setVisible(m_detail && cannotAct);
}

void RolloutControlBar::askToPause()
{
    if (!m_detail)
        return;
    auto *dialog = new RolloutReasonDialog(
        tr("Pause Rollout"),
        tr("Pause %1? No device gets a new offer until it is resumed; devices already updating "
           "finish.")
            .arg(m_detail->summary.name),
        tr("Pause"), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this,
            [this, dialog] { Q_EMIT pauseRequested(dialog->reason()); });
    dialog->open();
}

void RolloutControlBar::askToResume()
{
    if (!m_detail)
        return;
    const QString name = m_detail->summary.name;
    const bool halted = m_detail->summary.state == RolloutState::Halted;
    auto *dialog = new RolloutReasonDialog(
        tr("Resume Rollout"),
        halted ? tr("Resume %1 after its halt? Say what was done about the cause. The error "
                    "threshold counts failures from now on.")
                     .arg(name)
               : tr("Resume %1? Devices get offers again.").arg(name),
        tr("Resume"), this);
    if (const WaveProgress *wave = halted ? haltedWave(m_detail->summary) : nullptr)
        dialog->offerErrorThreshold(wave->number, wave->plan.errorThreshold);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        Q_EMIT resumeRequested(dialog->reason(), dialog->newErrorThreshold());
    });
    dialog->open();
}

void RolloutControlBar::askToCancel()
{
    if (!m_detail)
        return;
    auto *dialog = new RolloutReasonDialog(
        tr("Cancel Rollout"),
        tr("Cancel %1? Devices not offered yet will never be; it cannot be resumed afterwards.")
            .arg(m_detail->summary.name),
        tr("Cancel Rollout"), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this,
            [this, dialog] { Q_EMIT cancelRequested(dialog->reason()); });
    dialog->open();
}

} // namespace Patchboard
