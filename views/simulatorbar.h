// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "domain/devicemodel.h"
#include "domain/rollout.h"

#include <QFrame>
#include <QPointer>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;

namespace Patchboard {

class OperatorSession;
class RolloutBackend;

// The embedded backend's fleet simulator (a test tool, not the fleet): the simulated clock
// rollouts run on, its speed (Paused, 1x ... 10 000x, Maximum), and fault injection, a failure
// rate for one hardware model, to watch the error threshold halt a rollout. Hidden unless the
// backend says it simulates; its controls need the ControlSimulation permission.
class SimulatorBar : public QFrame
{
    Q_OBJECT
public:
    SimulatorBar(RolloutBackend *backend, OperatorSession *session, QWidget *parent = nullptr);

    // The hardware models fault injection offers (from the fleet catalog).
    void setModels(const QList<DeviceModel> &models);
    const SimulationSettings &settings() const { return m_settings; }

    QLabel *clockLabel() const { return m_clock; }
    QComboBox *speedCombo() const { return m_speed; }
    QComboBox *faultModelCombo() const { return m_faultModel; }
    QDoubleSpinBox *faultRateSpin() const { return m_faultRate; }
    QPushButton *injectButton() const { return m_inject; }
    QPushButton *clearFaultsButton() const { return m_clearFaults; }
    QLabel *faultsLabel() const { return m_faults; }

    // The speeds the combo offers: -1 = paused, then simulated seconds per second, the last
    // (speed 0) as fast as possible.
    static QList<double> speeds();

public Q_SLOTS:
    // Asks the backend for the settings in effect (and whether it simulates at all).
    void load();
    void setSpeedIndex(int index);
    // The failure rate (0..1) of one model; a rate of 0 removes it.
    void injectFault(int modelId, double rate);
    void clearFaults();
    void showClock(const QDateTime &clock);

Q_SIGNALS:
    // What went wrong with the last request, or empty once one succeeded.
    void errorChanged(const QString &message);

private:
    void apply(const SimulationSettings &settings);
    void showSettings(const SimulationSettings &settings);
    void updateControls();

    QPointer<RolloutBackend> m_backend;
    OperatorSession *m_session = nullptr;
    QLabel *m_clock = nullptr;
    QComboBox *m_speed = nullptr;
    QComboBox *m_faultModel = nullptr;
    QDoubleSpinBox *m_faultRate = nullptr;
    QPushButton *m_inject = nullptr;
    QPushButton *m_clearFaults = nullptr;
    QLabel *m_faults = nullptr;
    QList<DeviceModel> m_models;
    SimulationSettings m_settings;
    quint64 m_request = 0;
    bool m_busy = false;
};

} // namespace Patchboard
