// SPDX-License-Identifier: Apache-2.0
#include "simulatorbar.h"

#include "deviceformat.h"
#include "operatorsession.h"
#include "rollout/rolloutbackend.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSignalBlocker>

namespace Patchboard {

namespace {

constexpr double PausedSpeed = -1; // the combo's "Paused": the clock stands

QString speedText(double speed)
{
    return SimulatorBar::tr("%1\u00d7", "simulation speed").arg(QLocale().toString(speed, 'f', 0));
}

} // namespace

SimulatorBar::SimulatorBar(RolloutBackend *backend, OperatorSession *session, QWidget *parent)
    : QFrame(parent)
    , m_backend(backend)
    , m_session(session)
    , m_clock(new QLabel(this))
    , m_speed(new QComboBox(this))
    , m_faultModel(new QComboBox(this))
    , m_faultRate(new QDoubleSpinBox(this))
    , m_inject(new QPushButton(tr("&Inject"), this))
    , m_clearFaults(new QPushButton(tr("C&lear Faults"), this))
    , m_faults(new QLabel(this))
{
    // A test tool of the embedded backend, set apart in a frame.
    setFrameShape(QFrame::StyledPanel);
    setAccessibleName(tr("Fleet simulator"));
    auto *title = new QLabel(tr("Simulator"), this);
    QFont bold = title->font();
    bold.setBold(true);
    title->setFont(bold);
    m_clock->setAccessibleName(tr("Simulated time"));
    m_clock->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_clock->setToolTip(tr("The clock rollouts run on: waves, soak times, maintenance windows "
                           "and deadlines follow it."));
    const QList<double> speedValues = speeds();
    for (double speed : speedValues) {
        const QString text = speed == PausedSpeed ? tr("Paused")
            : speed == 0                          ? tr("Maximum")
                                                  : speedText(speed);
        m_speed->addItem(text, speed);
    }
    m_speed->setAccessibleName(tr("Simulation speed"));
    auto *speedLabel = new QLabel(tr("S&peed:"), this);
    speedLabel->setBuddy(m_speed);
    m_faultModel->setAccessibleName(tr("Hardware model to inject failures into"));
    m_faultModel->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_faultModel->setMinimumContentsLength(16);
    auto *faultLabel = new QLabel(tr("&Fault injection:"), this);
    faultLabel->setBuddy(m_faultModel);
    m_faultRate->setRange(0, 100);
    m_faultRate->setDecimals(0);
    m_faultRate->setSingleStep(5);
    m_faultRate->setValue(40);
    m_faultRate->setSuffix(tr("% fail", "failure rate suffix"));
    m_faultRate->setAccessibleName(tr("Failure rate to inject"));
    m_inject->setAccessibleName(tr("Inject failures"));
    m_clearFaults->setAccessibleName(tr("Clear injected failures"));
    m_faults->setTextFormat(Qt::PlainText);
    m_faults->setAccessibleName(tr("Injected faults"));

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 8, 4);
    layout->addWidget(title);
    layout->addSpacing(8);
    layout->addWidget(m_clock);
    layout->addSpacing(16);
    layout->addWidget(speedLabel);
    layout->addWidget(m_speed);
    layout->addSpacing(16);
    layout->addWidget(faultLabel);
    layout->addWidget(m_faultModel);
    layout->addWidget(m_faultRate);
    layout->addWidget(m_inject);
    layout->addWidget(m_clearFaults);
    layout->addSpacing(8);
    layout->addWidget(m_faults, 1);

    connect(m_speed, &QComboBox::activated, this, &SimulatorBar::setSpeedIndex);
    connect(m_inject, &QPushButton::clicked, this, [this] {
        injectFault(m_faultModel->currentData().toInt(), m_faultRate->value() / 100.0);
    });
    connect(m_clearFaults, &QPushButton::clicked, this, &SimulatorBar::clearFaults);
    connect(m_session, &OperatorSession::operatorChanged, this, &SimulatorBar::updateControls);
    if (m_backend)
        connect(m_backend, &RolloutBackend::clockChanged, this, &SimulatorBar::showClock);
    hide(); // until the backend says it simulates
    showClock({});
    updateControls();
}

QList<double> SimulatorBar::speeds()
{
    return {PausedSpeed, 1, 60, 600, 3600, 10000, 0};
}

void SimulatorBar::setModels(const QList<DeviceModel> &models)
{
    m_models = models;
    const QSignalBlocker blocker(m_faultModel);
    m_faultModel->clear();
    for (const DeviceModel &model : models)
        m_faultModel->addItem(model.name, model.id);
    showSettings(m_settings); // names for the injected faults
}

void SimulatorBar::load()
{
    if (!m_backend)
        return;
    const quint64 request = ++m_request;
    m_backend->simulation().then(this, [this, request](const Result<SimulationSettings> &result) {
        if (request != m_request)
            return;
        if (!result.ok()) {
            Q_EMIT errorChanged(result.error().text());
            return;
        }
        showSettings(result.value());
    });
}

void SimulatorBar::apply(const SimulationSettings &settings)
{
    if (!m_backend || m_busy)
        return;
    m_busy = true;
    updateControls();
    const quint64 request = ++m_request;
    m_backend->setSimulation(m_session->current(), settings)
        .then(this, [this, request](const Result<SimulationSettings> &result) {
            m_busy = false;
            if (request == m_request) {
                if (!result.ok()) {
                    Q_EMIT errorChanged(result.error().text());
                    showSettings(m_settings); // the controls show what is in effect
                } else {
                    Q_EMIT errorChanged({});
                    showSettings(result.value());
                }
            }
            updateControls();
        });
}

void SimulatorBar::setSpeedIndex(int index)
{
    if (index < 0 || index >= m_speed->count())
        return;
    SimulationSettings settings = m_settings;
    const double speed = m_speed->itemData(index).toDouble();
    settings.running = speed != PausedSpeed;
    if (settings.running)
        settings.speed = speed;
    apply(settings);
}

void SimulatorBar::injectFault(int modelId, double rate)
{
    if (modelId <= 0)
        return;
    SimulationSettings settings = m_settings;
    settings.failureRates.removeIf(
        [modelId](const QPair<int, double> &r) { return r.first == modelId; });
    if (rate > 0)
        settings.failureRates.append({modelId, qBound(0.0, rate, 1.0)});
    apply(settings);
}

void SimulatorBar::clearFaults()
{
    SimulationSettings settings = m_settings;
    settings.failureRates.clear();
    apply(settings);
}

void SimulatorBar::showSettings(const SimulationSettings &settings)
{
    m_settings = settings;
    setVisible(settings.available);
    showClock(settings.clock);
    int index = -1;
    const QList<double> speedValues = speeds();
    for (int i = 0; i < speedValues.size(); ++i) {
        const double speed = speedValues.at(i);
        if (settings.running ? speed == settings.speed : speed == PausedSpeed)
            index = i;
    }
    if (index < 0) { // a speed the combo does not offer (set elsewhere): show it as it is
        m_speed->addItem(speedText(settings.speed), settings.speed);
        index = m_speed->count() - 1;
    }
    {
        const QSignalBlocker blocker(m_speed);
        m_speed->setCurrentIndex(index);
    }
    QStringList faults;
    for (const auto &[modelId, rate] : settings.failureRates) {
        QString name = tr("Model %1").arg(modelId);
        for (const DeviceModel &model : std::as_const(m_models)) {
            if (model.id == modelId)
                name = model.name;
        }
        faults.append(tr("%1 %2", "model, failure rate").arg(name, DeviceFormat::percent(rate)));
    }
    m_faults->setText(faults.isEmpty() ? tr("No faults injected")
                                       : DeviceFormat::warningMarker()
                              + tr("Injected: %1").arg(faults.join(tr(", ", "list separator"))));
    m_faults->setToolTip(m_faults->text());
    updateControls();
}

void SimulatorBar::showClock(const QDateTime &clock)
{
    m_settings.clock = clock;
    m_clock->setText(
        tr("Simulated time: %1")
            .arg(clock.isValid() ? DeviceFormat::dateTime(clock) : QStringLiteral("\u2014")));
}

void SimulatorBar::updateControls()
{
    QString why = m_session->deniedReason(Permission::ControlSimulation);
    if (why.isEmpty() && m_busy)
        why = tr("A change to the simulator is on its way.");
    const bool allowed = why.isEmpty();
    const bool models = m_faultModel->count() > 0;
    m_speed->setEnabled(allowed);
    m_faultModel->setEnabled(allowed && models);
    m_faultRate->setEnabled(allowed && models);
    m_inject->setEnabled(allowed && models);
    m_clearFaults->setEnabled(allowed && !m_settings.failureRates.isEmpty());
    m_speed->setToolTip(allowed ? tr("Simulated seconds per real second; Maximum runs as fast "
                                     "as the computer can.")
                                : why);
    m_inject->setToolTip(!allowed ? why
                             : models
                             ? tr("Make the chosen model's devices fail at this rate, to see the "
                                  "error threshold halt a rollout.")
                             : tr("The fleet's hardware models are not known yet."));
    m_clearFaults->setToolTip(allowed ? tr("Remove every injected failure rate.") : why);
}

} // namespace Patchboard
