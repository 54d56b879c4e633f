// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "domain/rollout.h"

#include <QWidget>

class QLabel;
class QPushButton;

namespace Patchboard {

class OperatorSession;

// The controls of a rollout: Schedule, Pause, Resume, Cancel (each of the last three asks for a
// reason; Resume after a halt may raise the halted wave's error threshold) and Continue to Next
// Wave (only while a wave waits for its gate). A control the operator's role or the rollout's
// state does not allow is disabled with a tooltip saying why; an operator who can do none of
// them is told so in words below the buttons.
class RolloutControlBar : public QWidget
{
    Q_OBJECT
public:
    explicit RolloutControlBar(OperatorSession *session, QWidget *parent = nullptr);

    // busy: an action is on its way; nothing can be started meanwhile.
    void setRollout(const RolloutDetail *detail, bool busy);

    QPushButton *scheduleButton() const { return m_schedule; }
    QPushButton *pauseButton() const { return m_pause; }
    QPushButton *resumeButton() const { return m_resume; }
    QPushButton *cancelButton() const { return m_cancel; }
    QPushButton *continueButton() const { return m_continue; }
    QString roleNoteText() const;

    // The wave that halted and the wave that waits for its gate, or null.
    static const WaveProgress *haltedWave(const RolloutSummary &summary);
    static const WaveProgress *waitingWave(const RolloutSummary &summary);

public Q_SLOTS:
    void askToPause();
    void askToResume();
    void askToCancel();

Q_SIGNALS:
    void scheduleRequested();
    void pauseRequested(const QString &reason);
    // newErrorThreshold < 0: keep the halted wave's threshold.
    void resumeRequested(const QString &reason, double newErrorThreshold);
    void cancelRequested(const QString &reason);
    void continueRequested();

private:
    void updateButtons();

    OperatorSession *m_session = nullptr;
    const RolloutDetail *m_detail = nullptr;
    bool m_busy = false;
    QPushButton *m_schedule = nullptr;
    QPushButton *m_pause = nullptr;
    QPushButton *m_resume = nullptr;
    QPushButton *m_cancel = nullptr;
    QPushButton *m_continue = nullptr;
    QLabel *m_roleNote = nullptr;
};

} // namespace Patchboard
