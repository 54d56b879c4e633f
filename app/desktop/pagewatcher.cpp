// SPDX-License-Identifier: Apache-2.0
#include "pagewatcher.h"

#include "auditpage.h"
#include "compliancepage.h"
#include "compliancereportdialog.h"
#include "devicedetailpanel.h"
#include "devicespage.h"
#include "devicetablemodel.h"
#include "inventoryimportdialog.h"
#include "mainwindow.h"
#include "newrolloutdialog.h"
#include "operatordialog.h"
#include "releasedetailpanel.h"
#include "releaselistmodel.h"
#include "releasespage.h"
#include "rolloutcontrolbar.h"
#include "rolloutdetailpanel.h"
#include "rolloutlistmodel.h"
#include "rolloutreasondialog.h"
#include "rolloutspage.h"
#include "settingsdialog.h"
#include "telemetrypage.h"
#include "wallscreen.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QPushButton>
#include <QScreen>
#include <QTabWidget>
#include <QTableView>
#include <QTextStream>
#include <QTimer>
#include <QTreeView>

namespace Patchboard {

namespace {

// Let layouts, charts and the status bar settle after the data arrived.
constexpr int SettleMs = 400;

} // namespace

PageWatcher::PageWatcher(MainWindow *window, CommandLine::Page page, qint64 releaseId,
                         QString screenshotPath, QObject *parent)
    : QObject(parent), m_window(window), m_path(std::move(screenshotPath))
{
    watch(page, releaseId, 0);
}

PageWatcher::PageWatcher(MainWindow *window, const CommandLine &options, QObject *parent)
    : QObject(parent)
    , m_window(window)
    , m_path(options.screenshotPath)
    , m_dialog(options.dialog)
    , m_dialogPage(options.dialogPage)
    , m_dialogFile(options.dialogFile)
    , m_wallScreen(options.wallScreen)
    , m_drillDown(options.drillDown)
{
    watch(options.page, options.releaseId, options.rolloutId);
}

void PageWatcher::watch(CommandLine::Page page, qint64 releaseId, qint64 rolloutId)
{
    switch (page) {
    case CommandLine::Page::Devices:
        watchDevices();
        return;
    case CommandLine::Page::Compliance: {
        CompliancePage *compliance = m_window->compliancePage();
        connect(compliance, &CompliancePage::summaryShown, this, &PageWatcher::onLoaded);
        if (compliance->isLoaded())
            QTimer::singleShot(0, this, &PageWatcher::onLoaded);
        return;
    }
    case CommandLine::Page::Releases:
        watchReleases(releaseId);
        return;
    case CommandLine::Page::Rollouts:
        watchRollouts(rolloutId);
        return;
    case CommandLine::Page::Telemetry: {
        TelemetryPage *telemetry = m_window->telemetryPage();
        if (!telemetry) {
            QTimer::singleShot(0, this, &PageWatcher::onLoaded);
            return;
        }
        if (m_drillDown) {
            connect(telemetry, &TelemetryPage::overviewShown, this, &PageWatcher::drillDown);
            if (telemetry->isLoaded())
                QTimer::singleShot(0, this, &PageWatcher::drillDown);
            return;
        }
        connect(telemetry, &TelemetryPage::overviewShown, this, &PageWatcher::onLoaded);
        if (telemetry->isLoaded())
            QTimer::singleShot(0, this, &PageWatcher::onLoaded);
        return;
    }
    case CommandLine::Page::Audit: {
        AuditPage *audit = m_window->auditPage();
        if (!audit) {
            QTimer::singleShot(0, this, &PageWatcher::onLoaded);
            return;
        }
        connect(audit, &AuditPage::entriesShown, this, &PageWatcher::onLoaded);
        if (audit->isLoaded())
            QTimer::singleShot(0, this, &PageWatcher::onLoaded);
        return;
    }
    }
}

void PageWatcher::watchDevices()
{
    DevicesPage *page = m_window->devicesPage();
    // With the first device selected, the screenshot shows the detail panel filled in.
    connect(page->detailPanel(), &DeviceDetailPanel::loaded, this, &PageWatcher::onLoaded);
    auto selectFirst = [page] {
        if (page->model()->rowCount() > 0 && !page->table()->currentIndex().isValid())
            page->table()->selectRow(0);
    };
    connect(page, &DevicesPage::devicesShown, this, selectFirst);
    connect(page, &DevicesPage::countChanged, this, [this](int matching) {
        if (matching == 0)
            onLoaded(); // nothing to select: the empty state is what there is to see
    });
    if (!page->isBusy())
        QTimer::singleShot(0, this, selectFirst);
}

void PageWatcher::drillDown()
{
    // As an operator would: the first row of the top failing models and regions, then Return.
    // The Devices page opens filtered to the devices behind it; it is saved with the first one.
    if (m_drilled)
        return;
    m_drilled = true;
    QTableView *top = m_window->telemetryPage()->topFailuresTable();
    if (top->model()->rowCount() == 0 || top->actions().isEmpty())
        return fail(tr("--drill-down found no failing model or region to list."));
    watchDevices();
    top->setCurrentIndex(top->model()->index(0, 0));
    top->actions().constFirst()->trigger();
}

void PageWatcher::watchReleases(qint64 releaseId)
{
    ReleasesPage *page = m_window->releasesPage();
    if (!page) {
        QTimer::singleShot(0, this, &PageWatcher::onLoaded);
        return;
    }
    // The screenshot shows the chosen (or first) release in full.
    connect(page->detailPanel(), &ReleaseDetailPanel::loaded, this, &PageWatcher::onLoaded);
    auto select = [this, page, releaseId] {
        if (m_done)
            return;
        if (page->model()->rowCount() == 0) {
            onLoaded(); // nothing to select: the empty list is what there is to see
            return;
        }
        if (releaseId > 0 && page->model()->rowOf(releaseId) >= 0)
            page->showRelease(releaseId);
        else if (!page->table()->currentIndex().isValid())
            page->table()->selectRow(0);
        // Loaded before we watched (MainWindow::showRelease, answered at once): no signal comes.
        ReleaseDetailPanel *detail = page->detailPanel();
        if (detail->isLoaded() && (releaseId <= 0 || detail->releaseId() == releaseId))
            onLoaded();
    };
    connect(page, &ReleasesPage::releasesShown, this, select);
    if (page->isLoaded())
        QTimer::singleShot(0, this, select);
}

void PageWatcher::watchRollouts(qint64 rolloutId)
{
    RolloutsPage *page = m_window->rolloutsPage();
    if (!page) {
        QTimer::singleShot(0, this, &PageWatcher::onLoaded);
        return;
    }
    // The screenshot shows the chosen (or newest) rollout in full. The list refreshes while
    // rollouts run, so `select` may come several times; it selects only once.
    RolloutDetailPanel *detail = page->detailPanel();
    connect(detail, &RolloutDetailPanel::loaded, this, &PageWatcher::onLoaded);
    auto select = [this, page, detail, rolloutId] {
        if (m_done)
            return;
        if (page->model()->rowCount() == 0) {
            onLoaded(); // nothing to select: the empty list is what there is to see
            return;
        }
        if (detail->isLoaded()) {
            onLoaded(); // selected before we watched (MainWindow::showRollout)
            return;
        }
        if (rolloutId > 0 && page->model()->rowOf(rolloutId) >= 0) {
            if (detail->rolloutId() != rolloutId)
                page->showRollout(rolloutId);
        } else if (!page->tree()->currentIndex().isValid()) {
            page->tree()->setCurrentIndex(page->model()->index(0, 0));
        }
    };
    connect(page, &RolloutsPage::rolloutsShown, this, select);
    if (page->isLoaded())
        QTimer::singleShot(0, this, select);
}

void PageWatcher::onLoaded()
{
    if (m_done)
        return;
    m_done = true;
    QTimer::singleShot(SettleMs, this, &PageWatcher::finish);
}

void PageWatcher::finish()
{
    // The page has loaded; a dialog or the wall screen is saved instead once it has its data.
    if (!m_targetOpened && m_dialog != CommandLine::Dialog::None) {
        m_targetOpened = true;
        openDialog();
        return;
    }
    if (!m_targetOpened && m_wallScreen) {
        m_targetOpened = true;
        watchWallScreen();
        return;
    }
    if (m_targetOpened && !m_target)
        return fail(tr("The dialog or wall screen to save is gone."));
    // A New Rollout preview may be asked again meanwhile (the end-user notice arrived).
    if (auto *dialog = qobject_cast<NewRolloutDialog *>(m_target.data());
        dialog && !isPreviewReady(dialog)) {
        m_targetReady = false; // previewShown brings us back
        return;
    }
    QWidget *shown = m_target ? m_target.data() : static_cast<QWidget *>(m_window);
    QTextStream err(stderr);
    if (!m_path.isEmpty()) {
        if (!shown->grab().save(m_path, "PNG")) {
            err << QApplication::translate("Patchboard::PageWatcher",
                                           "Cannot write the screenshot %1.")
                       .arg(QDir::toNativeSeparators(m_path))
                << Qt::endl;
            QApplication::exit(2);
            return;
        }
    }
    QApplication::exit(0);
}

void PageWatcher::openDialog()
{
    switch (m_dialog) {
    case CommandLine::Dialog::None:
        break;
    case CommandLine::Dialog::NewRollout: {
        RolloutsPage *page = m_window->rolloutsPage();
        if (page)
            m_window->newRollout();
        NewRolloutDialog *dialog = page ? page->newRolloutDialog() : nullptr;
        if (!dialog)
            return fail(tr("The New Rollout dialog did not open: it needs --page rollouts and "
                           "--role rollout-manager. %1")
                            .arg(page ? page->newRolloutButton()->toolTip() : QString()));
        m_target = dialog;
        dialog->setCurrentStep(m_dialogPage);
        auto ready = [this, dialog] {
            if (isPreviewReady(dialog))
                onTargetReady();
        };
        connect(dialog, &NewRolloutDialog::previewShown, this, ready);
        ready();
        return;
    }
    case CommandLine::Dialog::ResumeRollout: {
        RolloutsPage *page = m_window->rolloutsPage();
        RolloutControlBar *controls = page ? page->detailPanel()->controlBar() : nullptr;
        if (!controls || !controls->resumeButton()->isEnabled())
            return fail(tr("The Resume dialog did not open: it needs --page rollouts, a paused "
                           "or halted rollout and --role rollout-manager."));
        controls->askToResume();
        const QList<RolloutReasonDialog *> dialogs = controls->findChildren<RolloutReasonDialog *>();
        m_target = dialogs.isEmpty() ? nullptr : dialogs.constLast();
        break;
    }
    case CommandLine::Dialog::ComplianceReport:
        if (QAction *report = m_window->complianceReportAction())
            report->trigger();
        m_target = m_window->compliancePage()->reportDialog();
        break;
    case CommandLine::Dialog::SwitchOperator: {
        m_window->switchOperator();
        const QList<OperatorDialog *> dialogs = m_window->findChildren<OperatorDialog *>();
        m_target = dialogs.isEmpty() ? nullptr : dialogs.constLast();
        break;
    }
    case CommandLine::Dialog::ImportDevices: {
        m_window->importDevices();
        const QList<InventoryImportDialog *> dialogs
            = m_window->findChildren<InventoryImportDialog *>();
        InventoryImportDialog *dialog = dialogs.isEmpty() ? nullptr : dialogs.constLast();
        if (!dialog)
            return fail(tr("The Import Devices dialog did not open: it needs --role "
                           "administrator."));
        m_target = dialog;
        if (m_dialogFile.isEmpty())
            break;
        // As an operator would: the file read, then Validate; saved with its report.
        connect(dialog, &InventoryImportDialog::fileInspected, this, [this, dialog](bool ok) {
            if (!ok)
                return onTargetReady(); // the dialog says why
            dialog->validate();
        });
        connect(dialog, &InventoryImportDialog::validated, this, &PageWatcher::onTargetReady);
        connect(dialog, &InventoryImportDialog::jobFailed, this, &PageWatcher::onTargetReady);
        dialog->setFile(m_dialogFile);
        return;
    }
    case CommandLine::Dialog::Settings:
        m_window->openSettings();
        if (SettingsDialog *dialog = m_window->settingsDialog()) {
            dialog->tabs()->setCurrentIndex(m_dialogPage);
            m_target = dialog;
        }
        break;
    }
    if (!m_target)
        return fail(tr("The dialog given with --dialog did not open."));
    onTargetReady(); // these show what they hold at once
}

void PageWatcher::watchWallScreen()
{
    WallScreen *wall = nullptr;
    const QWidgetList windows = QApplication::topLevelWidgets();
    for (QWidget *widget : windows) {
        if (auto *candidate = qobject_cast<WallScreen *>(widget); candidate && candidate->isVisible())
            wall = candidate;
    }
    if (!wall)
        return fail(tr("The wall screen did not open (it needs the rollout service)."));
    m_target = wall;
    // Without a window manager (xvfb-run) nobody makes the window full screen: as a desktop
    // would, give it the whole screen.
    if (QScreen *screen = wall->screen(); screen && wall->size() != screen->size())
        wall->setGeometry(screen->geometry());
    connect(wall, &WallScreen::rolloutsShown, this, &PageWatcher::onTargetReady);
    if (wall->isLoaded())
        onTargetReady();
}

void PageWatcher::onTargetReady()
{
    if (m_targetReady)
        return;
    m_targetReady = true;
    QTimer::singleShot(SettleMs, this, &PageWatcher::finish);
}

bool PageWatcher::isPreviewReady(const NewRolloutDialog *dialog)
{
    // The preview of the plan as it stands, with a release chosen, has arrived.
    return dialog->isLoaded() && dialog->isPreviewCurrent() && dialog->plan().releaseId != 0;
}

void PageWatcher::fail(const QString &message)
{
    QTextStream(stderr) << message << Qt::endl;
    QApplication::exit(2);
}

} // namespace Patchboard
