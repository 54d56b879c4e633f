// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "domain/operator.h"
#include "tracker/localtrackerbackend.h"

#include <QCoreApplication>
#include <QString>

namespace Patchboard {

// The desktop console's command line. Parsing only; main() acts on it.
class CommandLine
{
    Q_DECLARE_TR_FUNCTIONS(Patchboard::CommandLine)
public:
    // Rollouts is last so that the numbers of the others stay as they were.
    enum class Page { Devices, Compliance, Releases, Audit, Rollouts, Telemetry };

    LocalTrackerBackend::Options backend;
    QString screenshotPath; // grab the window to this PNG once the page has loaded, then quit
    Page page = Page::Devices;
    qint64 releaseId = 0; // with --page releases: the release selected at start (0: the first)
    int releaseTab = 0; // with --page releases: ReleaseDetailPanel::Tab shown at start
    qint64 rolloutId = 0; // with --page rollouts: the rollout selected at start (0: the first)
    // --demo-rollout: at start, plan a rollout of the approved demo release and play it until it
    // runs (Running) or until an injected fault halted it (Halted).
    enum class DemoRollout { None, Running, Halted };
    DemoRollout demoRollout = DemoRollout::None;
    Operator who; // --operator/--role; default: the OS user as a test engineer
    bool quitAfterLoad = false;
    bool wallScreen = false; // --wall: the wall-screen dashboard, full screen, at start

    // Returns an empty string when the arguments are usable, else what is wrong with them.
    // --help and --version print and exit inside.
    QString parse(const QStringList &arguments);

    static QString defaultDatabasePath();
    static QString defaultOperatorName();
};

} // namespace Patchboard
