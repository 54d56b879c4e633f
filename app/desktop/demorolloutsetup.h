// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "commandline.h"
#include "core/result.h"

#include <QFuture>
#include <QObject>

#include <functional>

namespace Patchboard {

class FirmwareBackend;
class LocalRolloutBackend;

// --demo-rollout: plans a staged rollout of the approved demo release through the same service
// calls an operator's dialog makes (as "demo-setup", a rollout manager), and plays it on the
// simulated clock until it runs — or, with a fault injected into its hardware model, until the
// error threshold halts it. For screenshots and demonstrations; a database that already has a
// rollout is left as it is.
class DemoRolloutSetup : public QObject
{
    Q_OBJECT
public:
    DemoRolloutSetup(LocalRolloutBackend *rollouts, FirmwareBackend *firmware, QObject *parent = nullptr);

    // done gets a message for the status bar (empty when there was nothing to do).
    void start(CommandLine::DemoRollout kind, std::function<void(const QString &)> done);

private:
    void plan(qint64 releaseId);
    void inject(qint64 rolloutId);
    void play(qint64 rolloutId);
    void finish(const QString &message);

    LocalRolloutBackend *m_rollouts;
    int m_model = 0;
    FirmwareBackend *m_firmware;
    CommandLine::DemoRollout m_kind = CommandLine::DemoRollout::None;
    std::function<void(const QString &)> m_done;
};

} // namespace Patchboard
