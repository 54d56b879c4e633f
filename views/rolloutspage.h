// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "appsettings.h"
#include "core/result.h"
#include "domain/devicemodel.h"
#include "domain/devicequery.h"
#include "domain/rollout.h"

#include <QPointer>
#include <QTimer>
#include <QWidget>

class QLabel;
class QPushButton;
class QSplitter;
class QStackedWidget;
class QTreeView;

namespace Patchboard {

class FirmwareBackend;
class NewRolloutDialog;
class OperatorSession;
class RolloutBackend;
class RolloutDetailPanel;
class RolloutListModel;
class SimulatorBar;
class TrackerBackend;

// Rollouts (ARCHITECTURE.md update procedure steps 3-4): the staged rollouts with their waves
// and live progress, the selected one in full below with its controls, a "New Rollout" dialog,
// and, with the embedded backend, the fleet simulator's clock, speed and fault injection. The
// list follows rolloutsChanged, at most a few times a second and never with two requests on
// their way; an answer the operator no longer waits for is dropped.
class RolloutsPage : public QWidget
{
    Q_OBJECT
public:
    // rollouts may be null (no rollout service); firmware and tracker feed the new-rollout dialog
    // and the simulator's model list, and may be null too.
    RolloutsPage(RolloutBackend *rollouts, FirmwareBackend *firmware, TrackerBackend *tracker,
                 OperatorSession *session, QWidget *parent = nullptr);

    RolloutListModel *model() const { return m_model; }
    QTreeView *tree() const { return m_tree; }
    RolloutDetailPanel *detailPanel() const { return m_detail; }
    QPushButton *newRolloutButton() const { return m_new; }
    QLabel *countLabel() const { return m_count; }
    // What the list says when there are no rollouts, or empty while it shows some.
    QString emptyText() const;
    NewRolloutDialog *newRolloutDialog() const;
    // What the next New Rollout dialog starts from (Settings > Rollouts).
    void setRolloutDefaults(const RolloutDefaults &defaults) { m_rolloutDefaults = defaults; }
    const RolloutDefaults &rolloutDefaults() const { return m_rolloutDefaults; }
    // The simulator bar (hidden unless the backend simulates).
    SimulatorBar *simulatorBar() const { return m_simulator; }

    bool isLoaded() const { return m_loaded; }
    QString errorText() const;
    // Rollout lists asked for so far (tests check the throttle).
    int listRequests() const { return m_listRequests; }

public Q_SLOTS:
    // Asks for the list now, or as soon as the answer on its way is back.
    void refresh();
    // Selects a rollout (now, or once the list has it) and shows its detail.
    void showRollout(qint64 rolloutId);
    // Opens the new-rollout dialog.
    void newRollout();

Q_SIGNALS:
    // The list arrived (the first time and after every refresh).
    void rolloutsShown();
    void statusMessage(const QString &message);
    // The new-rollout dialog's "Show in Devices" (STYLE.md practice 7).
    void showDevicesRequested(const Patchboard::DeviceFilter &filter);
    // The operator created a rollout or acted on one (refused or not): the audit log has news.
    void operatorActed();

protected:
    void changeEvent(QEvent *event) override;

private:
    void requestRefresh(); // throttled
    void pump();
    void setRollouts(const QList<RolloutSummary> &rollouts);
    void selectPending();
    void showCurrentRollout();
    void updateCount();
    void updateNewButton();
    void loadCatalog();
    void setListError(const QString &message);
    void setSimulationError(const QString &message);
    void updateErrorLine();
    void setInitialColumnWidths();
    QWidget *makeLegend();
    // The legend's swatches, painted for the palette in use (again when it changes).
    void paintLegend();

    QPointer<RolloutBackend> m_backend;
    QPointer<FirmwareBackend> m_firmware;
    QPointer<TrackerBackend> m_tracker;
    OperatorSession *m_session = nullptr;
    RolloutListModel *m_model = nullptr;
    QPushButton *m_new = nullptr;
    QLabel *m_count = nullptr;
    QLabel *m_error = nullptr;
    SimulatorBar *m_simulator = nullptr;
    QStackedWidget *m_listStack = nullptr;
    QTreeView *m_tree = nullptr;
    QLabel *m_empty = nullptr;
    QSplitter *m_splitter = nullptr;
    RolloutDetailPanel *m_detail = nullptr;
    QPointer<NewRolloutDialog> m_dialog;
    QList<QLabel *> m_legendSwatches; // succeeded, failed, in progress, pending
    RolloutDefaults m_rolloutDefaults;
    QTimer m_throttle;

    QString m_listError;
    QString m_simulationError;
    qint64 m_selected = 0;
    bool m_selectPending = false;
    bool m_inFlight = false;
    bool m_dirty = false;
    bool m_loaded = false;
    int m_listRequests = 0;
};

} // namespace Patchboard
