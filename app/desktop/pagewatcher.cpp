// SPDX-License-Identifier: Apache-2.0
#include "pagewatcher.h"

#include "auditpage.h"
#include "compliancepage.h"
#include "devicedetailpanel.h"
#include "devicespage.h"
#include "devicetablemodel.h"
#include "mainwindow.h"
#include "releasedetailpanel.h"
#include "releaselistmodel.h"
#include "releasespage.h"
#include "rolloutdetailpanel.h"
#include "rolloutlistmodel.h"
#include "rolloutspage.h"
#include "telemetrypage.h"

#include <QApplication>
#include <QDir>
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
    : QObject(parent), m_window(window), m_path(options.screenshotPath)
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
    QTextStream err(stderr);
    if (!m_path.isEmpty()) {
        if (!m_window->grab().save(m_path, "PNG")) {
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

} // namespace Patchboard
