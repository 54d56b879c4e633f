// SPDX-License-Identifier: Apache-2.0
#include "commandline.h"

#include <QCommandLineParser>
#include <QDir>

namespace Patchboard {

QString CommandLine::defaultDatabasePath()
{
    return AppSettings::defaultDatabasePath();
}

QString CommandLine::defaultOperatorName()
{
    return AppSettings::defaultOperatorName();
}

std::optional<AppSettings::Language> CommandLine::languageArgument(const QStringList &arguments)
{
    // "--lang de" or "--lang=de", as QCommandLineParser takes them; the last one counts.
    std::optional<AppSettings::Language> language;
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString &argument = arguments.at(i);
        if (argument == QLatin1String("--"))
            break;
        QString value;
        if (argument == QLatin1String("--lang") && i + 1 < arguments.size())
            value = arguments.at(++i);
        else if (argument.startsWith(QLatin1String("--lang=")))
            value = argument.mid(7);
        else
            continue;
        const std::optional<AppSettings::Language> found
            = AppSettings::languageFromCode(value.trimmed().toLower());
        language = found == AppSettings::Language::System ? std::nullopt : found;
    }
    return language;
}

QString CommandLine::parseDialog(const QString &value)
{
    const QString name = value.section(QLatin1Char(':'), 0, 0).toLower();
    const QString page = value.section(QLatin1Char(':'), 1).toLower();
    if (name == QLatin1String("import-devices")) {
        dialog = Dialog::ImportDevices;
        dialogFile = value.section(QLatin1Char(':'), 1); // a path: not lowered
        return {};
    }
    // The pages in the order of NewRolloutDialog::Step and SettingsDialog::Tab.
    const QStringList steps{QStringLiteral("release"),  QStringLiteral("targets"),
                            QStringLiteral("waves"),    QStringLiteral("schedule"),
                            QStringLiteral("notice"),   QStringLiteral("preview")};
    const QStringList tabs{QStringLiteral("connection"), QStringLiteral("operator"),
                           QStringLiteral("appearance"), QStringLiteral("compliance"),
                           QStringLiteral("rollouts")};
    QStringList pages;
    if (name == QLatin1String("new-rollout")) {
        dialog = Dialog::NewRollout;
        pages = steps;
    } else if (name == QLatin1String("settings")) {
        dialog = Dialog::Settings;
        pages = tabs;
    } else if (name == QLatin1String("resume-rollout")) {
        dialog = Dialog::ResumeRollout;
    } else if (name == QLatin1String("compliance-report")) {
        dialog = Dialog::ComplianceReport;
    } else if (name == QLatin1String("switch-operator")) {
        dialog = Dialog::SwitchOperator;
    } else {
        return tr("--dialog is new-rollout, resume-rollout, compliance-report, switch-operator, "
                  "settings or import-devices, not '%1'.")
            .arg(value);
    }
    if (page.isEmpty())
        return {};
    dialogPage = int(pages.indexOf(page));
    if (dialogPage < 0)
        return pages.isEmpty()
            ? tr("--dialog %1 has no pages to choose, but '%2' was given.").arg(name, page)
            : tr("--dialog %1: the page is %2, not '%3'.")
                  .arg(name, pages.join(QStringLiteral(", ")), page);
    return {};
}

QString CommandLine::parseServer(const QCommandLineParser &parser,
                                 const QCommandLineOption &serverOption,
                                 const QCommandLineOption &caFileOption,
                                 const QCommandLineOption &pinOption,
                                 const QCommandLineOption &userOption, bool databaseGiven)
{
    if (parser.isSet(serverOption)) {
        useServer = true;
        // Another server than the remembered one: its trust settings do not carry over.
        const QUrl url = AppSettings::serverUrlFromText(parser.value(serverOption));
        if (url != server.url) {
            server.caFile.clear();
            server.pinnedSha256.clear();
        }
        server.url = url;
    } else if (databaseGiven) {
        useServer = false; // --database: the embedded database, whatever Settings say
    }
    const bool trustGiven = parser.isSet(caFileOption) || parser.isSet(pinOption)
        || parser.isSet(userOption);
    if (!useServer) {
        if (trustGiven)
            return tr("--ca-file, --pin and --user go with --server URL.");
        return {};
    }
    if (parser.isSet(caFileOption))
        server.caFile = QDir::cleanPath(QDir().absoluteFilePath(parser.value(caFileOption)));
    QString pin = AppSettings::fingerprintText(server.pinnedSha256);
    if (parser.isSet(pinOption))
        pin = parser.value(pinOption);
    const QStringList problems = AppSettings::validateServer(
        parser.isSet(serverOption) ? parser.value(serverOption) : server.url.toString(),
        server.caFile, pin);
    if (!problems.isEmpty())
        return problems.join(QLatin1Char('\n'));
    server.pinnedSha256 = ServerEndpoint::parseFingerprint(pin);
    if (parser.isSet(userOption)) {
        serverUser = parser.value(userOption).trimmed();
        if (serverUser.isEmpty())
            return tr("--user needs a name.");
    }
    return {};
}

QString CommandLine::parse(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Console for keeping fleets of cellular and IoT devices patched."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption databaseOption(
        QStringLiteral("database"),
        tr("The fleet database (SQLite). Created with a demo fleet if it does not exist. "
           "Default: %1")
            .arg(QDir::toNativeSeparators(backend.databasePath.isEmpty() ? defaultDatabasePath()
                                                                         : backend.databasePath)),
        tr("file"));
    const QCommandLineOption demoDevicesOption(
        QStringLiteral("demo-devices"),
        tr("Number of devices in a newly created demo fleet (default: %1).")
            .arg(LocalTrackerBackend::Options().demoDevices),
        tr("count"));
    const QCommandLineOption seedOption(
        QStringLiteral("seed"),
        tr("Seed of the demo fleet generator (default: %1).").arg(LocalTrackerBackend::DefaultSeed),
        tr("number"));
    const QCommandLineOption referenceDateOption(
        QStringLiteral("reference-date"),
        tr("Compute patch ages, support status and release test windows as of this date "
           "instead of today (YYYY-MM-DD; for reproducible demos)."),
        tr("date"));
    const QCommandLineOption screenshotOption(
        QStringLiteral("screenshot"),
        tr("Once the page has loaded, save the main window as a PNG image and quit."), tr("file"));
    const QCommandLineOption pageOption(
        QStringLiteral("page"),
        tr("The page shown at start: devices, compliance, releases, rollouts, telemetry or "
           "audit."),
        tr("page"), QStringLiteral("devices"));
    const QCommandLineOption releaseOption(
        QStringLiteral("release"),
        tr("With --page releases: the release (its number) selected at start."), tr("id"));
    const QCommandLineOption releaseTabOption(
        QStringLiteral("release-tab"),
        tr("With --page releases: the tab shown at start: verification, tests, notes or "
           "history."),
        tr("tab"), QStringLiteral("verification"));
    const QCommandLineOption rolloutOption(
        QStringLiteral("rollout"),
        tr("With --page rollouts or telemetry: the rollout (its number) selected at start."),
        tr("id"));
    const QCommandLineOption wallOption(
        QStringLiteral("wall"),
        tr("Also open the wall-screen dashboard of active rollouts, full screen (Esc leaves)."));
    const QCommandLineOption demoRolloutOption(
        QStringLiteral("demo-rollout"),
        tr("At start, plan a staged rollout of the approved demo release and play it on the "
           "simulated clock until it runs (running) or until an injected fault halts it "
           "(halted). Does nothing when the database already has a rollout."),
        tr("running|halted"));
    const QCommandLineOption operatorOption(
        QStringLiteral("operator"),
        tr("The operator name recorded with every action (default: %1).")
            .arg(who.name.isEmpty() ? defaultOperatorName() : who.name),
        tr("name"));
    const QCommandLineOption roleOption(
        QStringLiteral("role"),
        tr("The operator's role: viewer, test-engineer, rollout-manager or administrator "
           "(default: %1).")
            .arg(Operator::roleName(who.role)),
        tr("role"));
    const QCommandLineOption langOption(
        QStringLiteral("lang"),
        tr("The language of the console: en, de or ja (default: the language in Settings, or "
           "the system's). Dates and numbers follow it."),
        tr("language"));
    const QCommandLineOption themeOption(
        QStringLiteral("theme"),
        tr("The theme: system, light or dark (default: the theme in Settings)."), tr("theme"));
    const QCommandLineOption quitAfterLoadOption(QStringLiteral("quit-after-load"),
                                                 tr("Quit once the page has loaded (smoke test)."));
    const QCommandLineOption telemetryChartOption(
        QStringLiteral("telemetry-chart"),
        tr("With --page telemetry: the chart shown at start: outcomes, reasons, models or "
           "waves."),
        tr("chart"), QStringLiteral("outcomes"));
    const QCommandLineOption drillDownOption(
        QStringLiteral("drill-down"),
        tr("With --screenshot and --page telemetry: once the page has loaded, list the devices "
           "of the top failing model or region, and save the Devices page instead."));
    const QCommandLineOption dialogOption(
        QStringLiteral("dialog"),
        tr("With --screenshot: once the page has loaded, open this dialog and save it instead of "
           "the window: new-rollout[:STEP] (release, targets, waves, schedule, notice, preview), "
           "resume-rollout (of the rollout shown), compliance-report, switch-operator, "
           "settings[:TAB] (connection, operator, appearance, compliance, rollouts) or "
           "import-devices[:FILE] (FILE read and validated first). With --wall, the wall screen "
           "is saved instead."),
        tr("name"));
    const QCommandLineOption serverOption(
        QStringLiteral("server"),
        tr("Connect to patchboard-server at this address (https://host:port) instead of opening "
           "the embedded database; sign in as an operator of the server."),
        tr("url"));
    const QCommandLineOption caFileOption(
        QStringLiteral("ca-file"),
        tr("With --server: also trust the certificate authorities in this PEM file."),
        tr("file"));
    const QCommandLineOption pinOption(
        QStringLiteral("pin"),
        tr("With --server: trust exactly the server certificate with this SHA-256 fingerprint "
           "(as patchboard-server prints it at start)."),
        tr("fingerprint"));
    const QCommandLineOption userOption(
        QStringLiteral("user"),
        tr("With --server: the user name offered in the sign-in dialog. For runs without a "
           "dialog (--screenshot, --quit-after-load) the password is read from the environment "
           "variable PATCHBOARD_PASSWORD."),
        tr("name"));
    parser.addOptions({serverOption, caFileOption, pinOption, userOption});
    parser.addOptions({databaseOption, demoDevicesOption, seedOption, referenceDateOption,
                       screenshotOption, pageOption, releaseOption, releaseTabOption, rolloutOption, wallOption,
                       demoRolloutOption,
                       operatorOption, roleOption, quitAfterLoadOption,
                       telemetryChartOption, drillDownOption, dialogOption, langOption,
                       themeOption});
    parser.process(arguments); // exits on --help, --version and unknown options

    // Given options override what main() set from the settings.
    if (parser.isSet(databaseOption))
        backend.databasePath = parser.value(databaseOption);
    else if (backend.databasePath.isEmpty())
        backend.databasePath = defaultDatabasePath();
    if (parser.isSet(demoDevicesOption)) {
        bool ok = false;
        backend.demoDevices = parser.value(demoDevicesOption).toInt(&ok);
        if (!ok || backend.demoDevices < 0 || backend.demoDevices > 10'000'000)
            return tr("--demo-devices needs a number from 0 to 10000000, not '%1'.")
                .arg(parser.value(demoDevicesOption));
    }
    if (parser.isSet(seedOption)) {
        bool ok = false;
        backend.seed = parser.value(seedOption).toULongLong(&ok);
        if (!ok)
            return tr("--seed needs a whole number, not '%1'.").arg(parser.value(seedOption));
    }
    if (parser.isSet(referenceDateOption)) {
        backend.referenceDate = QDate::fromString(parser.value(referenceDateOption), Qt::ISODate);
        if (!backend.referenceDate.isValid())
            return tr("--reference-date needs a date as YYYY-MM-DD, not '%1'.")
                .arg(parser.value(referenceDateOption));
    }
    const QString pageName = parser.value(pageOption).toLower();
    if (pageName == QLatin1String("devices"))
        page = Page::Devices;
    else if (pageName == QLatin1String("compliance"))
        page = Page::Compliance;
    else if (pageName == QLatin1String("releases"))
        page = Page::Releases;
    else if (pageName == QLatin1String("rollouts"))
        page = Page::Rollouts;
    else if (pageName == QLatin1String("audit"))
        page = Page::Audit;
    else if (pageName == QLatin1String("telemetry"))
        page = Page::Telemetry;
    else
        return tr("--page is devices, compliance, releases, rollouts, telemetry or audit, not "
                  "'%1'.")
            .arg(parser.value(pageOption));
    if (parser.isSet(releaseOption)) {
        bool ok = false;
        releaseId = parser.value(releaseOption).toLongLong(&ok);
        if (!ok || releaseId <= 0)
            return tr("--release needs a release number, not '%1'.")
                .arg(parser.value(releaseOption));
    }
    if (parser.isSet(rolloutOption)) {
        bool ok = false;
        rolloutId = parser.value(rolloutOption).toLongLong(&ok);
        if (!ok || rolloutId <= 0)
            return tr("--rollout needs a rollout number, not '%1'.")
                .arg(parser.value(rolloutOption));
    }
    if (parser.isSet(demoRolloutOption)) {
        const QString demo = parser.value(demoRolloutOption).toLower();
        if (demo == QLatin1String("running"))
            demoRollout = DemoRollout::Running;
        else if (demo == QLatin1String("halted"))
            demoRollout = DemoRollout::Halted;
        else
            return tr("--demo-rollout is running or halted, not '%1'.")
                .arg(parser.value(demoRolloutOption));
    }
    const QStringList tabs{QStringLiteral("verification"), QStringLiteral("tests"),
                           QStringLiteral("notes"), QStringLiteral("history")};
    releaseTab = int(tabs.indexOf(parser.value(releaseTabOption).toLower()));
    if (releaseTab < 0)
        return tr("--release-tab is verification, tests, notes or history, not '%1'.")
            .arg(parser.value(releaseTabOption));
    const QStringList charts{QStringLiteral("outcomes"), QStringLiteral("reasons"),
                             QStringLiteral("models"), QStringLiteral("waves")};
    telemetryChart = int(charts.indexOf(parser.value(telemetryChartOption).toLower()));
    if (telemetryChart < 0)
        return tr("--telemetry-chart is outcomes, reasons, models or waves, not '%1'.")
            .arg(parser.value(telemetryChartOption));
    drillDown = parser.isSet(drillDownOption);
    if (parser.isSet(dialogOption)) {
        if (const QString problem = parseDialog(parser.value(dialogOption)); !problem.isEmpty())
            return problem;
    }
    if (parser.isSet(operatorOption)) {
        who.name = parser.value(operatorOption).trimmed();
        if (who.name.isEmpty())
            return tr("--operator needs a name.");
    } else if (who.name.trimmed().isEmpty()) {
        who.name = defaultOperatorName();
    }
    if (parser.isSet(roleOption)) {
        const std::optional<OperatorRole> role
            = Operator::roleFromName(parser.value(roleOption).trimmed().toLower());
        if (!role)
            return tr("--role is viewer, test-engineer, rollout-manager or administrator, not "
                      "'%1'.")
                .arg(parser.value(roleOption));
        who.role = *role;
    }
    if (parser.isSet(langOption)) {
        language = AppSettings::languageFromCode(parser.value(langOption).trimmed().toLower());
        if (!language || *language == AppSettings::Language::System)
            return tr("--lang is en, de or ja, not '%1'.").arg(parser.value(langOption));
    }
    if (parser.isSet(themeOption)) {
        theme = AppSettings::themeFromName(parser.value(themeOption).trimmed().toLower());
        if (!theme)
            return tr("--theme is system, light or dark, not '%1'.")
                .arg(parser.value(themeOption));
    }
    if (const QString problem = parseServer(parser, serverOption, caFileOption, pinOption,
                                            userOption, parser.isSet(databaseOption));
        !problem.isEmpty())
        return problem;
    screenshotPath = parser.value(screenshotOption);
    quitAfterLoad = parser.isSet(quitAfterLoadOption);
    wallScreen = parser.isSet(wallOption);
    return {};
}

} // namespace Patchboard
