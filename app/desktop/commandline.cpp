// SPDX-License-Identifier: Apache-2.0
#include "commandline.h"

#include <QCommandLineParser>
#include <QDir>
#include <QStandardPaths>

namespace Patchboard {

QString CommandLine::defaultDatabasePath()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
        .filePath(QStringLiteral("fleet.db"));
}

QString CommandLine::defaultOperatorName()
{
    for (const char *variable : {"USER", "USERNAME", "LOGNAME"}) {
        const QString name = qEnvironmentVariable(variable).trimmed();
        if (!name.isEmpty())
            return name;
    }
    return QStringLiteral("operator");
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
            .arg(QDir::toNativeSeparators(defaultDatabasePath())),
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
            .arg(defaultOperatorName()),
        tr("name"));
    const QCommandLineOption roleOption(
        QStringLiteral("role"),
        tr("The operator's role: viewer, test-engineer, rollout-manager or administrator "
           "(default: test-engineer)."),
        tr("role"), Operator::roleName(OperatorRole::TestEngineer));
    const QCommandLineOption quitAfterLoadOption(QStringLiteral("quit-after-load"),
                                                 tr("Quit once the page has loaded (smoke test)."));
    parser.addOptions({databaseOption, demoDevicesOption, seedOption, referenceDateOption,
                       screenshotOption, pageOption, releaseOption, releaseTabOption, rolloutOption, wallOption,
                       demoRolloutOption,
                       operatorOption, roleOption, quitAfterLoadOption});
    parser.process(arguments); // exits on --help, --version and unknown options

    backend.databasePath
        = parser.isSet(databaseOption) ? parser.value(databaseOption) : defaultDatabasePath();
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
    who.name = parser.isSet(operatorOption) ? parser.value(operatorOption).trimmed()
                                            : defaultOperatorName();
    if (who.name.isEmpty())
        return tr("--operator needs a name.");
    const std::optional<OperatorRole> role
        = Operator::roleFromName(parser.value(roleOption).trimmed().toLower());
    if (!role)
        return tr("--role is viewer, test-engineer, rollout-manager or administrator, not '%1'.")
            .arg(parser.value(roleOption));
    who.role = *role;
    screenshotPath = parser.value(screenshotOption);
    quitAfterLoad = parser.isSet(quitAfterLoadOption);
    wallScreen = parser.isSet(wallOption);
    return {};
}

} // namespace Patchboard
