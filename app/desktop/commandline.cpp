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
        tr("Compute patch ages and support status as of this date instead of today "
           "(YYYY-MM-DD; for reproducible demos)."),
        tr("date"));
    const QCommandLineOption screenshotOption(
        QStringLiteral("screenshot"),
        tr("Once the page has loaded, save the main window as a PNG image and quit."), tr("file"));
    const QCommandLineOption pageOption(QStringLiteral("page"),
                                        tr("The page shown at start: devices or compliance."),
                                        tr("page"), QStringLiteral("devices"));
    const QCommandLineOption quitAfterLoadOption(QStringLiteral("quit-after-load"),
                                                 tr("Quit once the page has loaded (smoke test)."));
    parser.addOptions({databaseOption, demoDevicesOption, seedOption, referenceDateOption,
                       screenshotOption, pageOption, quitAfterLoadOption});
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
    else
        return tr("--page is devices or compliance, not '%1'.").arg(parser.value(pageOption));
    screenshotPath = parser.value(screenshotOption);
    quitAfterLoad = parser.isSet(quitAfterLoadOption);
    return {};
}

} // namespace Patchboard
