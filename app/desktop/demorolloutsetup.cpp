// SPDX-License-Identifier: Apache-2.0
#include "demorolloutsetup.h"

#include "domain/rolloutrules.h"
#include "firmware/firmwarebackend.h"
#include "rollout/localrolloutbackend.h"

#include <QCoreApplication>

namespace Patchboard {

namespace {

// The composition root's own strings, under one translation context.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Patchboard::DemoRolloutSetup)
};

Operator demoManager()
{
    return Operator{QStringLiteral("demo-setup"), OperatorRole::RolloutManager};
}

} // namespace

DemoRolloutSetup::DemoRolloutSetup(LocalRolloutBackend *rollouts, FirmwareBackend *firmware,
                                   QObject *parent)
    : QObject(parent)
    , m_rollouts(rollouts)
    , m_firmware(firmware)
{
}

void DemoRolloutSetup::start(CommandLine::DemoRollout kind, std::function<void(const QString &)> done)
{
    m_kind = kind;
    m_done = std::move(done);
    if (kind == CommandLine::DemoRollout::None)
        return finish({});
    m_rollouts->rollouts(demoManager()).then(this, [this](const Result<QList<RolloutSummary>> &list) {
        if (!list.ok())
            return finish(list.error().text());
        if (!list.value().isEmpty())
            return finish({});
        m_firmware->releases(demoManager()).then(this, [this](const Result<QList<ReleaseSummary>> &releases) {
            if (!releases.ok())
                return finish(releases.error().text());
            for (const ReleaseSummary &release : releases.value()) {
                if (release.state == ReleaseState::Approved)
                    return plan(release.id);
            }
            finish(Tr::tr("No approved release to roll out."));
        });
    });
}

void DemoRolloutSetup::plan(qint64 releaseId)
{
    RolloutPlan plan;
    plan.releaseId = releaseId;
    plan.waves = RolloutPlan::defaultWaves();
    plan.window = MaintenanceWindow{true, QTime(1, 0), QTime(5, 0)};
    m_rollouts->preview(demoManager(), plan).then(this, [this, plan](const Result<RolloutPreview> &preview) {
        if (!preview.ok())
            return finish(preview.error().text());
        if (!preview.value().models.isEmpty())
            m_model = preview.value().models.constFirst().modelId;
        m_rollouts->create(demoManager(), plan, true).then(this, [this](const Result<RolloutDetail> &created) {
            if (!created.ok())
                return finish(created.error().text());
            inject(created.value().summary.id);
        });
    });
}

void DemoRolloutSetup::inject(qint64 rolloutId)
{
    if (m_kind != CommandLine::DemoRollout::Halted || m_model == 0)
        return play(rolloutId);
    m_rollouts->simulation().then(this, [this, rolloutId](const Result<SimulationSettings> &current) {
        if (!current.ok())
            return finish(current.error().text());
        SimulationSettings faulty = current.value();
        faulty.failureRates = {{m_model, 0.4}};
        m_rollouts->setSimulation(demoManager(), faulty).then(this, [this, rolloutId](const Result<SimulationSettings> &set) {
            if (!set.ok())
                return finish(set.error().text());
            play(rolloutId);
        });
    });
}

void DemoRolloutSetup::play(qint64 rolloutId)
{
    // Running: into the second wave (the canary succeeded and soaked). Halted: the canary fails.
    m_rollouts->simulation().then(this, [this, rolloutId](const Result<SimulationSettings> &now) {
        if (!now.ok())
            return finish(now.error().text());
        const int hours = m_kind == CommandLine::DemoRollout::Halted ? 24 : 40;
        m_rollouts->runUntil(now.value().clock.addSecs(hours * 3600)).then(this, [this, rolloutId](const Result<qint64> &played) {
            if (!played.ok())
                return finish(played.error().text());
            finish(Tr::tr("Demo rollout %1 planned and played on the simulated clock.").arg(rolloutId));
        });
    });
}

void DemoRolloutSetup::finish(const QString &message)
{
    if (m_done)
        m_done(message);
}

} // namespace Patchboard
