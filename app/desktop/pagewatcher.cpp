// SPDX-License-Identifier: Apache-2.0
#include "pagewatcher.h"

#include "compliancepage.h"
#include "devicedetailpanel.h"
#include "devicespage.h"
#include "devicetablemodel.h"
#include "mainwindow.h"

#include <QApplication>
#include <QDir>
#include <QTableView>
#include <QTextStream>
#include <QTimer>

namespace Patchboard {

namespace {

// Let layouts, charts and the status bar settle after the data arrived.
constexpr int SettleMs = 400;

} // namespace

PageWatcher::PageWatcher(MainWindow *window, bool compliancePage, QString screenshotPath,
                         QObject *parent)
    : QObject(parent), m_window(window), m_path(std::move(screenshotPath))
{
    if (compliancePage) {
        CompliancePage *page = window->compliancePage();
        connect(page, &CompliancePage::summaryShown, this, &PageWatcher::onLoaded);
        if (page->isLoaded())
            QTimer::singleShot(0, this, &PageWatcher::onLoaded);
        return;
    }
    DevicesPage *page = window->devicesPage();
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
