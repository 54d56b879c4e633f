// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/result.h"
#include "domain/devicemodel.h"
#include "domain/rollout.h"
#include "rolloutcontrolbar.h"

#include <QFuture>
#include <QPointer>
#include <QWidget>

class QFrame;
class QLabel;
class QPushButton;
class QStackedWidget;
class QTabWidget;
class QTableView;
class QTableWidget;

namespace Patchboard {

class OperatorSession;
class RolloutBackend;
class RolloutPlanView;
class RolloutPreviewModel;
class WaveProgressTable;

// One rollout in full (ARCHITECTURE.md update procedure steps 3-4): where it stands, why it
// halted (prominently), the controls (Schedule, Pause, Resume, Cancel, Continue to Next Wave),
// and tabs for the live counts per wave, the plan, the targets (exclusions, model x wave) and the
// history of transitions. A control the operator's role or the rollout's state does not allow is
// disabled with a tooltip saying why; the service refuses it anyway.
class RolloutDetailPanel : public QWidget
{
    Q_OBJECT
public:
    enum Tab { ProgressTab, PlanTab, TargetsTab, HistoryTab };

    RolloutDetailPanel(RolloutBackend *backend, OperatorSession *session,
                       QWidget *parent = nullptr);

    void showRollout(qint64 id);
    void clear();
    // Fetches the shown rollout again. Never two requests at once: a reload asked for while one
    // is on its way follows when it is back.
    void reload();
    void setCatalog(const FleetCatalog &catalog);

    qint64 rolloutId() const { return m_id; }
    bool isLoaded() const { return m_loaded; }
    bool isBusy() const { return m_busy; }
    const RolloutDetail &detail() const { return m_detail; }

    QTabWidget *tabs() const { return m_tabs; }
    RolloutControlBar *controlBar() const { return m_controls; }
    QPushButton *scheduleButton() const { return m_controls->scheduleButton(); }
    QPushButton *pauseButton() const { return m_controls->pauseButton(); }
    QPushButton *resumeButton() const { return m_controls->resumeButton(); }
    QPushButton *cancelButton() const { return m_controls->cancelButton(); }
    QPushButton *continueButton() const { return m_controls->continueButton(); }
    WaveProgressTable *waveTable() const { return m_waves; }
    QTableWidget *historyTable() const { return m_history; }
    RolloutPlanView *planView() const { return m_plan; }
    RolloutPreviewModel *targetsModel() const { return m_targetsModel; }
    QString stateText() const;
    // The halt banner and the gate banner, or empty when hidden.
    QString haltText() const;
    QString gateText() const;
    QString errorText() const;
    QString messageText() const;
    QString roleNoteText() const;

public Q_SLOTS:
    // The actions, after their dialogs in the control bar (tests call them directly).
    void schedule();
    void pause(const QString &reason);
    void resume(const QString &reason, double newErrorThreshold = -1);
    void cancel(const QString &reason);
    void continueToNextWave();

Q_SIGNALS:
    void loaded(qint64 rolloutId);
    // An action finished: ok, or refused/failed (errorText() says why).
    void actionFinished(bool ok);
    void statusMessage(const QString &message);

private:
    void setDetail(const RolloutDetail &detail);
    void fillHistory(const QList<RolloutTransition> &history);
    void updateActions();
    void showMessage(const QString &message);
    void showError(const QString &message);
    void runAction(QFuture<Result<RolloutDetail>> future, const QString &done);

    QPointer<RolloutBackend> m_backend;
    OperatorSession *m_session = nullptr;
    QStackedWidget *m_stack = nullptr;
    QLabel *m_message = nullptr;
    QLabel *m_title = nullptr;
    QLabel *m_state = nullptr;
    QLabel *m_subtitle = nullptr;
    QFrame *m_haltBanner = nullptr;
    QLabel *m_halt = nullptr;
    QLabel *m_gate = nullptr;
    RolloutControlBar *m_controls = nullptr;
    QLabel *m_error = nullptr;
    QTabWidget *m_tabs = nullptr;
    WaveProgressTable *m_waves = nullptr;
    RolloutPlanView *m_plan = nullptr;
    QLabel *m_exclusions = nullptr;
    RolloutPreviewModel *m_targetsModel = nullptr;
    QTableView *m_targetsView = nullptr;
    QTableWidget *m_history = nullptr;

    RolloutDetail m_detail;
    qint64 m_id = 0;
    quint64 m_request = 0; // answers for an earlier selection, or older than an action, are dropped
    bool m_loading = false;
    bool m_reloadAgain = false;
    bool m_loaded = false;
    bool m_busy = false;
};

} // namespace Patchboard
