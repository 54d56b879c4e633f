// SPDX-License-Identifier: Apache-2.0
// patchboard: the desktop console. A thin composition root (ARCHITECTURE.md "app/"): it reads
// the settings and the command line, applies the language and the theme, opens the embedded
// Status Tracker, Firmware Server, audit log and rollout engine (with its fleet simulator) on one
// database file and shows MainWindow. With --server (or Settings > Connection) it signs in to
// patchboard-server instead and shows the same window over the Remote backends (issue #6).
#include "api/apiclient.h"
#include "appsettings.h"
#include "apptheme.h"
#include "audit/localauditbackend.h"
#include "audit/remoteauditbackend.h"
#include "auditpage.h"
#include "commandline.h"
#include "compliancepage.h"
#include "demoreleasesetup.h"
#include "demorolloutsetup.h"
#include "devicespage.h"
#include "englishplurals.h"
#include "firmware/localfirmwarebackend.h"
#include "firmware/remotefirmwarebackend.h"
#include "logindialog.h"
#include "mainwindow.h"
#include "operatorsession.h"
#include "pagewatcher.h"
#include "releasedetailpanel.h"
#include "releasespage.h"
#include "rollout/localrolloutbackend.h"
#include "rollout/remoterolloutbackend.h"
#include "rolloutspage.h"
#include "telemetry/localtelemetrybackend.h"
#include "telemetry/remotetelemetrybackend.h"
#include "tracker/inventoryimportbackend.h"
#include "tracker/remotetrackerbackend.h"
#include "telemetrypage.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QIcon>
#include <QLibraryInfo>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressDialog>
#include <QStatusBar>
#include <QTabWidget>
#include <QTextStream>
#include <QTranslator>

#include <functional>
#include <memory>

using namespace Patchboard;

namespace {

// The composition root's own strings, under one translation context.
struct Desktop
{
    Q_DECLARE_TR_FUNCTIONS(Patchboard::Desktop)
};

// Qt's own strings (dialog buttons, context menus) and ours, for the chosen language (Settings or
// --lang) or the system's. A chosen one becomes the default locale, so that dates and numbers
// follow it too. The last installed translator is asked first: a string the language file lacks
// (or English, which has none) falls back to the English plural forms.
void installTranslations(QApplication &app, AppSettings::Language language)
{
    if (language != AppSettings::Language::System)
        QLocale::setDefault(QLocale(AppSettings::languageCode(language)));
    const QLocale locale; // the default: the chosen language or the system's
    QApplication::installTranslator(new EnglishPlurals(&app));
    auto *qt = new QTranslator(&app);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(qt);
    auto *own = new QTranslator(&app);
    if (own->load(locale, QStringLiteral("patchboard"), QStringLiteral("_"),
                  QStringLiteral(":/i18n")))
        QApplication::installTranslator(own);
    AppSettings::setLanguageInUse(language);
}

// An open failure names the file and what to do, and leaves the file alone. The service's hint
// says what to do for its error; ours is for the errors that come without one.
void reportOpenError(const QString &path, const ServiceError &error, bool interactive)
{
    const QString text = Desktop::tr("Patchboard cannot open the fleet database\n%1")
                             .arg(QDir::toNativeSeparators(path));
    QString details = error.text();
    if (error.hint.isEmpty()) {
        details += QLatin1Char('\n')
            + Desktop::tr("The file was not changed. To start with a new demo fleet, move it "
                          "away or choose another file with --database FILE.");
    }
    QTextStream(stderr) << text << '\n' << details << Qt::endl;
    if (!interactive)
        return;
    QMessageBox box(QMessageBox::Critical, Desktop::tr("Patchboard"), text, QMessageBox::Close);
    box.setInformativeText(details);
    box.exec();
}

// With --reference-date the releases' clock starts at noon (UTC) of that day and runs on from
// there, so that test windows in a reproducible demo read the same on any day.
std::function<QDateTime()> firmwareClock(QDate referenceDate)
{
    if (!referenceDate.isValid())
        return {};
    const qint64 offset = QDateTime(referenceDate, QTime(12, 0), Qt::UTC).toSecsSinceEpoch()
        - QDateTime::currentSecsSinceEpoch();
    return [offset] {
        return QDateTime::currentDateTimeUtc().addSecs(offset);
    };
}

// The page, release, rollout and chart asked for on the command line.
void showStartPage(MainWindow &window, const CommandLine &options)
{
    QWidget *pages[] = {window.devicesPage(), window.compliancePage(), window.releasesPage(),
                        window.auditPage(),   window.rolloutsPage(),   window.telemetryPage()};
    window.showPage(qMax(0, window.pageIndex(pages[int(options.page)])));
    if (options.page == CommandLine::Page::Releases && window.releasesPage()) {
        window.releasesPage()->detailPanel()->tabs()->setCurrentIndex(options.releaseTab);
        if (options.releaseId > 0)
            window.showRelease(options.releaseId);
    }
    if (options.page == CommandLine::Page::Rollouts && options.rolloutId > 0)
        window.showRollout(options.rolloutId);
    if (options.page == CommandLine::Page::Telemetry && options.rolloutId > 0)
        window.showTelemetry(options.rolloutId);
    if (options.page == CommandLine::Page::Telemetry && window.telemetryPage())
        window.telemetryPage()->setCurrentChart(options.telemetryChart);
}

// The console on patchboard-server: sign in, then the window over the Remote backends. The
// import of devices and the demo setup are the embedded database's only (the server has its
// own fleet). Runs without a dialog when there is no one to type (--screenshot,
// --quit-after-load): the password then comes from PATCHBOARD_PASSWORD.
int runOnServer(const CommandLine &options, const AppSettings &settings, bool interactive)
{
    ApiClient client(options.server);
    // Declared before the window: the window and its pages use them until they are gone.
    RemoteTrackerBackend tracker(&client);
    RemoteFirmwareBackend firmware(&client);
    RemoteAuditBackend audit(&client);
    RemoteRolloutBackend rollouts(&client);
    RemoteTelemetryBackend telemetry(&client);
    const QString user = options.serverUser.isEmpty() ? settings.serverUser() : options.serverUser;
    OperatorSession session(Operator{user, OperatorRole::Viewer}); // the server's, once signed in
    std::unique_ptr<MainWindow> window;
    std::unique_ptr<PageWatcher> watcher;

    auto showWindow = [&] {
        window = std::make_unique<MainWindow>(&tracker, &firmware, &audit, &rollouts, &telemetry,
                                              &session);
        window->setServerConnection(&client);
        window->applySettings(settings); // compliance limits, rollout defaults
        showStartPage(*window, options);
        // The chain is the server's: checked there, its state shown here like the embedded one.
        audit.verify().then(window.get(), [w = window.get()](const Result<AuditVerification> &v) {
            if (v.ok())
                w->setAuditVerification(v.value());
        });
        if (!interactive)
            watcher = std::make_unique<PageWatcher>(window.get(), options);
        window->show();
        if (options.wallScreen)
            window->showWallScreen();
    };

    LoginDialog login(&client);
    login.setUser(user);
    QObject::connect(&login, &LoginDialog::signedIn, &login, [&](const ApiSession &signedIn) {
        if (interactive && signedIn.who.name != settings.serverUser()) {
            AppSettings remembered; // offered next time
            remembered.setServerUser(signedIn.who.name);
            remembered.sync();
        }
        showWindow();
    });
    if (interactive) {
        QObject::connect(&login, &QDialog::rejected, qApp, [] { QApplication::exit(1); });
        login.open();
        return QApplication::exec();
    }

    // Without a dialog to type into: the password from the environment. Without one, a
    // screenshot shows the sign-in dialog itself (for the user guide).
    const QString password = qEnvironmentVariable("PATCHBOARD_PASSWORD");
    auto saveDialog = [&] {
        login.show();
        QCoreApplication::processEvents(); // the layout takes in the message shown
        if (!options.screenshotPath.isEmpty() && !login.grab().save(options.screenshotPath, "PNG")) {
            QTextStream(stderr) << Desktop::tr("Cannot write the screenshot %1.")
                                       .arg(options.screenshotPath)
                                << Qt::endl;
            return false;
        }
        return true;
    };
    if (password.isEmpty() || user.isEmpty()) {
        if (options.screenshotPath.isEmpty()) {
            QTextStream(stderr) << Desktop::tr("Signing in without a dialog needs --user NAME and "
                                               "the password in the environment variable "
                                               "PATCHBOARD_PASSWORD.")
                                << Qt::endl;
            return 2;
        }
        return saveDialog() ? 0 : 2;
    }
    QObject::connect(&login, &LoginDialog::failed, &login, [&](const ServiceError &error) {
        // What the operator would have seen, saved for the record, then the error on stderr.
        QTextStream(stderr) << error.text() << Qt::endl;
        saveDialog();
        QApplication::exit(1);
    });
    login.passwordEdit()->setText(password);
    login.signIn();
    return QApplication::exec();
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Patchboard"));
    QApplication::setApplicationName(QStringLiteral("Patchboard"));
    QApplication::setApplicationVersion(QStringLiteral(PATCHBOARD_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("org.patchboard.Patchboard"));
    if (QFile::exists(QStringLiteral(":/icons/patchboard.svg")))
        QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/patchboard.svg")));
    // Settings first, command-line options over them (a bad value in the file gives its default).
    const AppSettings settings;
    installTranslations(app, CommandLine::languageArgument(QApplication::arguments())
                                 .value_or(settings.language()));

    CommandLine options;
    options.backend.databasePath = settings.databasePath();
    options.who = settings.startOperator();
    if (settings.backend() == AppSettings::Backend::Server) {
        options.useServer = true;
        options.server = settings.serverEndpoint();
        options.serverUser = settings.serverUser();
    }
    if (const QString problem = options.parse(QApplication::arguments()); !problem.isEmpty()) {
        QTextStream(stderr) << problem << Qt::endl;
        return 2;
    }
    // Before anything is shown. System keeps the platform's look as it is.
    if (const AppSettings::Theme theme = options.theme.value_or(settings.theme());
        theme != AppSettings::Theme::System)
        AppTheme::apply(theme);
    const bool interactive = options.screenshotPath.isEmpty() && !options.quitAfterLoad;
    if (options.useServer)
        return runOnServer(options, settings, interactive);
    const QString path = options.backend.databasePath;
    if (!QDir().mkpath(QFileInfo(path).absolutePath())) {
        reportOpenError(
            path,
            ServiceError::make(
                ServiceError::Code::StorageUnavailable,
                Desktop::tr("Cannot create the folder %1.").arg(QFileInfo(path).absolutePath())),
            interactive);
        return 1;
    }

    // Declared before the window: the window and its pages use them until they are gone.
    LocalTrackerBackend backend;
    LocalFirmwareBackend firmware;
    LocalAuditBackend audit;
    LocalRolloutBackend rollouts;
    LocalTelemetryBackend telemetry;
    InventoryImportBackend inventory; // File > Import Devices, on its own connection
    DemoRolloutSetup demoRollout(&rollouts, &firmware);
    DemoReleaseSetup demoReleases;
    OperatorSession session(options.who);
    std::unique_ptr<MainWindow> window;
    std::unique_ptr<PageWatcher> watcher;
    const std::function<QDateTime()> clock = firmwareClock(options.backend.referenceDate);
    QString startMessage;

    // Generating a demo fleet on first start takes a few seconds: show progress, allow cancel.
    QProgressDialog progress(Desktop::tr("Opening the fleet database\u2026"), Desktop::tr("Cancel"),
                             0, 0);
    progress.setWindowTitle(Desktop::tr("Patchboard"));
    progress.setMinimumDuration(500);
    progress.setAutoReset(false);
    progress.setAutoClose(false);

    auto fail = [&](const ServiceError &error) {
        progress.hide();
        reportOpenError(path, error, interactive);
        QApplication::exit(1);
    };
    auto showWindow = [&](const AuditVerification &verification) {
        progress.hide();
        window = std::make_unique<MainWindow>(&backend, &firmware, &audit, &rollouts, &telemetry,
                                              &session);
        window->setInventoryImport(&inventory);
        window->applySettings(settings); // compliance limits, rollout defaults
        window->setAuditVerification(verification);
        showStartPage(*window, options);
        if (!startMessage.isEmpty())
            window->statusBar()->showMessage(startMessage, 15000);
        if (!interactive)
            watcher = std::make_unique<PageWatcher>(window.get(), options);
        window->show();
        if (options.wallScreen)
            window->showWallScreen();
    };
    // The Firmware Server and the audit log use the same file, each with its own connection.
    auto openReleases = [&] {
        progress.setLabelText(Desktop::tr("Opening releases and the audit log\u2026"));
        firmware.open({path, {}, clock}).then(&app, [&](const Result<Done> &opened) {
            if (!opened.ok())
                return fail(opened.error());
            // The chain is verified as the log opens: a broken one is flagged at start.
            audit.open(path).then(&app, [&](const Result<AuditVerification> &verified) {
                if (!verified.ok())
                    return fail(verified.error());
                // Rollouts resume where they were; the simulated clock starts at the
                // reference date's noon (or now) in a database that has none yet.
                LocalRolloutBackend::Options rolloutOptions;
                rolloutOptions.databasePath = path;
                rolloutOptions.seed = options.backend.seed;
                rolloutOptions.clockStart = clock ? clock() : QDateTime::currentDateTimeUtc();
                rollouts.open(rolloutOptions).then(&app, [&, verified](const Result<Done> &ready) {
                    if (!ready.ok())
                        return fail(ready.error());
                    // Telemetry reads the same file on its own connection; it refreshes when
                    // the simulator wrote events (rolloutsChanged is throttled already).
                    telemetry.open(path);
                    QObject::connect(&rollouts, &RolloutBackend::rolloutsChanged, &telemetry,
                                     &LocalTelemetryBackend::notifyEventsChanged);
                    demoRollout.start(options.demoRollout, [&, verified](const QString &message) {
                        if (!message.isEmpty())
                            startMessage = message;
                        showWindow(verified.value());
                    });
                });
            });
        });
    };

    // Devices a rollout changed: the tracker reloads its index (throttled) and the views follow.
    QObject::connect(&rollouts, &RolloutBackend::devicesChanged, &backend,
                     &LocalTrackerBackend::refresh);
    // Imported devices: the same reload, so that the Devices page shows them.
    inventory.setDatabasePath(path);
    if (clock)
        inventory.setReferenceTime(clock());
    QObject::connect(&inventory, &InventoryImportBackend::devicesImported, &backend,
                     &LocalTrackerBackend::refresh);

    QFutureWatcher<Result<LocalTrackerBackend::OpenReport>> opening;
    QObject::connect(&opening, &QFutureWatcherBase::progressRangeChanged, &progress,
                     [&](int minimum, int maximum) {
                         progress.setLabelText(
                             Desktop::tr("Creating a demo fleet of %Ln device(s) in\n%1\u2026",
                                         nullptr, options.backend.demoDevices)
                                 .arg(QDir::toNativeSeparators(path)));
                         progress.setRange(minimum, maximum);
                     });
    QObject::connect(&opening, &QFutureWatcherBase::progressValueChanged, &progress,
                     &QProgressDialog::setValue);
    QObject::connect(&progress, &QProgressDialog::canceled, &opening, &QFutureWatcherBase::cancel);
    QObject::connect(&opening, &QFutureWatcherBase::finished, &app, [&] {
        const auto future = opening.future();
        if (future.isCanceled() || future.resultCount() == 0) {
            progress.hide();
            QApplication::exit(1);
            return;
        }
        const auto opened = future.result();
        if (!opened.ok())
            return fail(opened.error());
        if (!opened.value().generated)
            return openReleases();
        // First start with a new demo fleet: add the demo releases, one per check to show.
        // Received two days ago, so that the test window shows days running out.
        progress.setRange(0, 0);
        progress.setLabelText(Desktop::tr("Adding demo releases\u2026"));
        const QDateTime now = clock ? clock() : QDateTime::currentDateTimeUtc();
        demoReleases.start(path, path + QStringLiteral(".releases"), now.addDays(-2))
            .then(&app, [&](const Result<DemoReleases::Report> &created) {
                if (!created.ok()) {
                    // The fleet is usable without them: say so and go on.
                    startMessage = Desktop::tr("No demo releases: %1").arg(created.error().text());
                    QTextStream(stderr) << startMessage << Qt::endl;
                }
                openReleases();
            });
    });
    opening.setFuture(backend.open(options.backend));
    return QApplication::exec();
}
