// SPDX-License-Identifier: Apache-2.0
// patchboard: the desktop console. A thin composition root (ARCHITECTURE.md "app/"): it reads
// the command line, loads translations, opens the embedded Status Tracker and shows MainWindow.
#include "commandline.h"
#include "compliancepage.h"
#include "englishplurals.h"
#include "mainwindow.h"
#include "pagewatcher.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QIcon>
#include <QLibraryInfo>
#include <QMessageBox>
#include <QProgressDialog>
#include <QTextStream>
#include <QTranslator>

#include <memory>

using namespace Patchboard;

namespace {

// The composition root's own strings, under one translation context.
struct Desktop
{
    Q_DECLARE_TR_FUNCTIONS(Patchboard::Desktop)
};

// Qt's own strings (dialog buttons, context menus) and ours, for the system locale. The last
// installed translator is asked first: a string the language file lacks (or English, which has
// none) falls back to the English plural forms.
void installTranslations(QApplication &app)
{
    QApplication::installTranslator(new EnglishPlurals(&app));
    auto *qt = new QTranslator(&app);
    if (qt->load(QLocale(), QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(qt);
    auto *own = new QTranslator(&app);
    if (own->load(QLocale(), QStringLiteral("patchboard"), QStringLiteral("_"),
                  QStringLiteral(":/i18n")))
        QApplication::installTranslator(own);
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
    installTranslations(app);

    CommandLine options;
    if (const QString problem = options.parse(QApplication::arguments()); !problem.isEmpty()) {
        QTextStream(stderr) << problem << Qt::endl;
        return 2;
    }
    const bool interactive = options.screenshotPath.isEmpty() && !options.quitAfterLoad;
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

    // Declared before the window: the window and its pages use it until they are gone.
    LocalTrackerBackend backend;
    std::unique_ptr<MainWindow> window;
    std::unique_ptr<PageWatcher> watcher;

    // Generating a demo fleet on first start takes a few seconds: show progress, allow cancel.
    QProgressDialog progress(Desktop::tr("Opening the fleet database\u2026"), Desktop::tr("Cancel"),
                             0, 0);
    progress.setWindowTitle(Desktop::tr("Patchboard"));
    progress.setMinimumDuration(500);
    progress.setAutoReset(false);
    progress.setAutoClose(false);
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
        progress.hide();
        const auto future = opening.future();
        if (future.isCanceled() || future.resultCount() == 0) {
            QApplication::exit(1);
            return;
        }
        const auto opened = future.result();
        if (!opened.ok()) {
            reportOpenError(path, opened.error(), interactive);
            QApplication::exit(1);
            return;
        }
        window = std::make_unique<MainWindow>(&backend);
        const bool compliance = options.page == CommandLine::Page::Compliance;
        if (compliance)
            window->showPage(window->pageCount() - 1 >= 1 ? 1 : 0);
        if (!interactive)
            watcher
                = std::make_unique<PageWatcher>(window.get(), compliance, options.screenshotPath);
        window->show();
    });
    opening.setFuture(backend.open(options.backend));
    return QApplication::exec();
}
