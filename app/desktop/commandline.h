// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "appsettings.h"
#include "domain/operator.h"
#include "tracker/localtrackerbackend.h"

#include <QCoreApplication>
#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QString>

#include <optional>

namespace Patchboard {

// The desktop console's command line. Parsing only; main() acts on it.
class CommandLine
{
    Q_DECLARE_TR_FUNCTIONS(Patchboard::CommandLine)
public:
    // Rollouts is last so that the numbers of the others stay as they were.
    enum class Page { Devices, Compliance, Releases, Audit, Rollouts, Telemetry };

    LocalTrackerBackend::Options backend;
    // --server URL [--ca-file PEM] [--pin FINGERPRINT] [--user NAME] (or the same from Settings >
    // Connection, which main() puts here before parse()): the fleet is on patchboard-server, not
    // in the embedded database. An explicit --database chooses the embedded database again.
    bool useServer = false;
    ServerEndpoint server;
    QString serverUser;
    QString screenshotPath; // grab the window to this PNG once the page has loaded, then quit
    Page page = Page::Devices;
    qint64 releaseId = 0; // with --page releases: the release selected at start (0: the first)
    int releaseTab = 0; // with --page releases: ReleaseDetailPanel::Tab shown at start
    qint64 rolloutId = 0; // with --page rollouts: the rollout selected at start (0: the first)
    // --demo-rollout: at start, plan a rollout of the approved demo release and play it until it
    // runs (Running) or until an injected fault halted it (Halted).
    enum class DemoRollout { None, Running, Halted };
    DemoRollout demoRollout = DemoRollout::None;
    // --operator/--role; the defaults are what main() puts here before parse() (the settings'
    // operator), else the OS user as a test engineer.
    Operator who{QString(), AppSettings::DefaultRole};
    // --lang and --theme; unset: the settings decide.
    std::optional<AppSettings::Language> language;
    std::optional<AppSettings::Theme> theme;
    bool quitAfterLoad = false;
    bool wallScreen = false; // --wall: the wall-screen dashboard, full screen, at start
    // --telemetry-chart: with --page telemetry, the TelemetryPage::Chart shown at start.
    int telemetryChart = 0;
    // --drill-down: with --screenshot and --page telemetry, list the devices of the top failing
    // model or region (its first row) and save the Devices page with the first one's detail.
    bool drillDown = false;
    // --dialog NAME[:PAGE]: with --screenshot, the dialog opened once the page has loaded and
    // saved instead of the window; PAGE is the New Rollout step or the Settings tab (index), or
    // for Import Devices the CSV file read and validated first (dialogFile).
    enum class Dialog {
        None,
        NewRollout,
        ResumeRollout,
        ComplianceReport,
        SwitchOperator,
        Settings,
        ImportDevices
    };
    Dialog dialog = Dialog::None;
    int dialogPage = 0;
    QString dialogFile;

    // Returns an empty string when the arguments are usable, else what is wrong with them.
    // --help and --version print and exit inside. Options not given keep what backend.databasePath
    // and who hold (main() sets them from the settings; empty: the defaults below).
    QString parse(const QStringList &arguments);
    // The language --lang asks for, looked up before the translations are loaded (so that even
    // --help is in it); nullopt when not given or not a language (parse() says so).
    static std::optional<AppSettings::Language> languageArgument(const QStringList &arguments);

    static QString defaultDatabasePath();
    static QString defaultOperatorName();

private:
    QString parseDialog(const QString &value);
    QString parseServer(const QCommandLineParser &parser, const QCommandLineOption &serverOption,
                        const QCommandLineOption &caFileOption,
                        const QCommandLineOption &pinOption, const QCommandLineOption &userOption,
                        bool databaseGiven);
};

} // namespace Patchboard
