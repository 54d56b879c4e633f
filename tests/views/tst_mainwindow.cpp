// SPDX-License-Identifier: Apache-2.0
// MainWindow: pages, shortcuts, the status bar and navigation between pages by typed signals.
#include "compliancepage.h"
#include "demotracker.h"
#include "devicefilterbar.h"
#include "devicespage.h"
#include "devicetablemodel.h"
#include "mainwindow.h"
#include "patchagechart.h"
#include "patchagemodel.h"

#include <QAction>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenuBar>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>

using namespace Patchboard;

class tst_MainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void cleanupTestCase();
    void statusBarShowsTheBackendAndTheCount();
    void shortcutsSwitchPages();
    void findFocusesTheDeviceSearch();
    void complianceBarShowsItsDevices();
    void addingAPageIsOneCall();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<LocalTrackerBackend> m_backend;
    std::unique_ptr<MainWindow> m_window;
};

void tst_MainWindow::initTestCase()
{
    // Whatever reads QSettings (Edit > Settings) reads the test's files, never the developer's.
    QStandardPaths::setTestModeEnabled(true);
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    QString error;
    m_backend = DemoTracker::open(m_dir.path(), 2000, &error);
    QVERIFY2(m_backend, qPrintable(error));
}

void tst_MainWindow::init()
{
    m_window = std::make_unique<MainWindow>(m_backend.get());
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    QTRY_COMPARE(m_window->devicesPage()->model()->rowCount(), 2000);
    QTRY_VERIFY(m_window->compliancePage()->isLoaded());
}

void tst_MainWindow::cleanup()
{
    m_window.reset();
}

void tst_MainWindow::cleanupTestCase()
{
    m_backend.reset();
}

void tst_MainWindow::statusBarShowsTheBackendAndTheCount()
{
    QTRY_VERIFY(m_window->deviceCountLabel()->text().startsWith(QStringLiteral("2,000 device")));
    const QList<QLabel *> labels = m_window->statusBar()->findChildren<QLabel *>();
    bool backendShown = false;
    for (const QLabel *label : labels)
        backendShown = backendShown || label->text() == m_backend->description();
    QVERIFY(backendShown);
    QCOMPARE(m_window->currentPage(), 0);
    QVERIFY(m_window->windowTitle().startsWith(QStringLiteral("Devices")));
}

void tst_MainWindow::shortcutsSwitchPages()
{
    QTest::keyClick(m_window.get(), Qt::Key_2, Qt::ControlModifier);
    QCOMPARE(m_window->currentPage(), 1);
    QVERIFY(m_window->compliancePage()->isVisible());
    QVERIFY(m_window->windowTitle().startsWith(QStringLiteral("Compliance")));
    QTest::keyClick(m_window.get(), Qt::Key_1, Qt::ControlModifier);
    QCOMPARE(m_window->currentPage(), 0);
    QVERIFY(m_window->devicesPage()->isVisible());
}

void tst_MainWindow::findFocusesTheDeviceSearch()
{
    m_window->showPage(1);
    QTest::keyClick(m_window.get(), Qt::Key_F, Qt::ControlModifier);
    QCOMPARE(m_window->currentPage(), 0);
    QTRY_COMPARE(QApplication::focusWidget(),
                 static_cast<QWidget *>(m_window->devicesPage()->filterBar()->searchEdit()));
}

void tst_MainWindow::complianceBarShowsItsDevices()
{
    m_window->showPage(1);
    CompliancePage *compliance = m_window->compliancePage();
    QTest::qWait(50); // chart layout
    int bin = 0;
    const QList<PatchAgeBin> bins = compliance->patchAgeModel()->bins();
    while (bins.at(bin).devices == 0)
        ++bin;
    PatchAgeChart *chart = compliance->patchAgeChart();
    QTest::mouseClick(chart->viewport(), Qt::LeftButton, {}, chart->barPosition(bin));

    // The Devices page is shown, with that bin's filter, and lists exactly its devices.
    QCOMPARE(m_window->currentPage(), 0);
    DevicesPage *devices = m_window->devicesPage();
    QCOMPARE(devices->filterBar()->filter().patchAgeMin, std::optional<int>(bins.at(bin).minDays));
    QTRY_COMPARE(devices->model()->rowCount(), bins.at(bin).devices);
    QVERIFY(devices->countLabel()->text().startsWith(QLocale().toString(bins.at(bin).devices)
                                                     + QStringLiteral(" of 2,000")));
}

void tst_MainWindow::addingAPageIsOneCall()
{
    auto *page = new QLabel(QStringLiteral("Releases"));
    const int index = m_window->addPage(page, QStringLiteral("Releases"));
    QCOMPARE(index, 2);
    QCOMPARE(m_window->pageCount(), 3);
    QTest::keyClick(m_window.get(), Qt::Key_3, Qt::ControlModifier);
    QCOMPARE(m_window->currentPage(), 2);
    QVERIFY(page->isVisible());
    auto *navigation = m_window->findChild<QListWidget *>();
    QCOMPARE(navigation->count(), 3);
    QCOMPARE(navigation->currentRow(), 2);
}

QTEST_MAIN(tst_MainWindow)
#include "tst_mainwindow.moc"
