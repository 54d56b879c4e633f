// SPDX-License-Identifier: Apache-2.0
// DevicesPage over the embedded Status Tracker: typing, the count, the detail panel, export.
#include "demotracker.h"
#include "devicedetailpanel.h"
#include "devicefilterbar.h"
#include "devicespage.h"
#include "devicetablemodel.h"
#include "faketrackerbackend.h"

#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressDialog>
#include <QPushButton>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace Patchboard;

namespace {

constexpr int FleetSize = 3000;

int countMatching(TrackerBackend &backend, const DeviceFilter &filter)
{
    DeviceQuery query;
    query.filter = filter;
    auto future = backend.queryDevices(query, 0, 1);
    future.waitForFinished();
    return future.result().value().matching;
}

} // namespace

class tst_DevicesPage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void cleanupTestCase();
    void countShowsTheWholeFleet();
    void typingFiltersTheTableAfterAPause();
    void nothingMatchingShowsAnEmptyState();
    void detailPanelShowsTheSelectedDevice();
    void endedSupportAdvisesReplacement();
    void navigationShowsTheFilter();
    void exportWritesTheFilteredList();
    void exportErrorIsShownWithTheServiceText();
    void exportCanBeCancelled();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<LocalTrackerBackend> m_backend;
    std::unique_ptr<DevicesPage> m_page;
};

void tst_DevicesPage::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    QString error;
    m_backend = DemoTracker::open(m_dir.path(), FleetSize, &error);
    QVERIFY2(m_backend, qPrintable(error));
}

void tst_DevicesPage::init()
{
    m_page = std::make_unique<DevicesPage>(m_backend.get());
    m_page->resize(1400, 800);
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
    QTRY_COMPARE(m_page->model()->rowCount(), FleetSize);
}

void tst_DevicesPage::cleanup()
{
    m_page.reset();
}

void tst_DevicesPage::cleanupTestCase()
{
    m_backend.reset();
}

void tst_DevicesPage::countShowsTheWholeFleet()
{
    QCOMPARE(m_page->countLabel()->text().remove(QStringLiteral("(s)")), // before translations
             QStringLiteral("3,000 device"));
    QVERIFY(m_page->countLabel()->isVisible());
    QVERIFY(m_page->table()->isVisible());
}

void tst_DevicesPage::typingFiltersTheTableAfterAPause()
{
    // A prefix shared by some, not all, devices: the first device's ID without its last digits.
    const QString firstId = m_page->model()->index(0, 0).data().toString();
    const QString prefix = firstId.left(8);
    DeviceFilter expectedFilter;
    expectedFilter.deviceIdPrefix = prefix;
    const int expected = countMatching(*m_backend, expectedFilter);
    QVERIFY2(expected > 0 && expected < FleetSize, qPrintable(QString::number(expected)));

    QSignalSpy counts(m_page.get(), &DevicesPage::countChanged);
    QTest::keyClicks(m_page->filterBar()->searchEdit(), prefix);
    // While the operator types, the table and the count stay as they are.
    QTest::qWait(DeviceFilterBar::SearchDelayMs / 2);
    QCOMPARE(m_page->model()->rowCount(), FleetSize);
    QCOMPARE(counts.size(), 0);

    QTRY_COMPARE(m_page->table()->model()->rowCount(), expected);
    QCOMPARE(counts.size(), 1);
    QCOMPARE(m_page->countLabel()->text().remove(QStringLiteral("(s)")),
             QStringLiteral("%1 of 3,000 device").arg(QLocale().toString(expected)));
    for (int row = 0; row < expected; ++row) {
        const QModelIndex index = m_page->model()->index(row, DeviceTableModel::DeviceIdColumn);
        QTRY_VERIFY(index.data(DeviceTableModel::LoadedRole).toBool());
        QVERIFY(index.data().toString().startsWith(prefix));
    }
}

void tst_DevicesPage::nothingMatchingShowsAnEmptyState()
{
    QTest::keyClicks(m_page->filterBar()->searchEdit(), QStringLiteral("no-such-device"));
    QTRY_COMPARE(m_page->model()->rowCount(), 0);
    auto *stack = m_page->findChild<QStackedWidget *>();
    QVERIFY(stack);
    auto *empty = qobject_cast<QLabel *>(stack->currentWidget());
    QVERIFY(empty);
    QVERIFY(empty->text().contains(QStringLiteral("No devices match these filters.")));
    QVERIFY(m_page->countLabel()->text().startsWith(QStringLiteral("0 of 3,000")));
    // The "Clear filters" link brings the fleet back.
    Q_EMIT empty->linkActivated(QStringLiteral("clear"));
    QTRY_COMPARE(m_page->model()->rowCount(), FleetSize);
    QCOMPARE(stack->currentWidget(), static_cast<QWidget *>(m_page->table()));
}

void tst_DevicesPage::detailPanelShowsTheSelectedDevice()
{
    QTableView *table = m_page->table();
    QCOMPARE(m_page->detailPanel()->deviceId(), 0);
    QVERIFY(!m_page->detailPanel()->messageText().isEmpty()); // "Select a device ..."
    const QRect rect = table->visualRect(table->model()->index(4, DeviceTableModel::ModelColumn));
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, rect.center());
    const Device device = *m_page->model()->deviceAt(4);
    QTRY_VERIFY(m_page->detailPanel()->isLoaded());
    DeviceDetailPanel *panel = m_page->detailPanel();
    QCOMPARE(panel->deviceId(), device.id);
    QCOMPARE(panel->fieldText(DeviceDetailPanel::DeviceIdField), device.deviceId);
    QCOMPARE(panel->fieldText(DeviceDetailPanel::ModelField), device.model);
    QCOMPARE(panel->fieldText(DeviceDetailPanel::ManufacturerField), device.manufacturer);
    QVERIFY(panel->fieldText(DeviceDetailPanel::RegionField).startsWith(device.region));
    QVERIFY(
        panel->fieldText(DeviceDetailPanel::RegionField).contains(QLatin1Char('/'))); // time zone
    QVERIFY(panel->fieldText(DeviceDetailPanel::FirmwareField).startsWith(device.firmwareVersion));
    QCOMPARE(panel->fieldText(DeviceDetailPanel::PatchLevelField),
             device.patchLevel.toString(Qt::ISODate));
    QCOMPARE(panel->fieldText(DeviceDetailPanel::PatchAppliedField),
             QLocale().toString(device.patchApplied, QLocale::ShortFormat));
    QVERIFY(panel->fieldText(DeviceDetailPanel::PatchAgeField)
                .startsWith(QLocale().toString(device.patchAgeDays)));
    QCOMPARE(panel->fieldText(DeviceDetailPanel::SupportEndField),
             QLocale().toString(device.supportEnd, QLocale::ShortFormat));
    QVERIFY(panel->fieldText(DeviceDetailPanel::UpdateStateField)
                .startsWith(updateStateName(device.updateState)));
    QCOMPARE(panel->historyPlaceholderText(),
             QStringLiteral("No updates recorded for this device yet."));

    // Arrow down: the next device.
    QTest::keyClick(table, Qt::Key_Down);
    const Device next = *m_page->model()->deviceAt(5);
    QTRY_COMPARE(panel->fieldText(DeviceDetailPanel::DeviceIdField), next.deviceId);
}

void tst_DevicesPage::endedSupportAdvisesReplacement()
{
    DeviceFilter filter;
    filter.supportStatuses = {SupportStatus::Ended};
    m_page->showDevices(filter);
    QTRY_COMPARE(m_page->model()->rowCount(), countMatching(*m_backend, filter));
    QVERIFY(m_page->model()->rowCount() > 0);
    m_page->table()->selectRow(0);
    QTRY_VERIFY(m_page->detailPanel()->isLoaded());
    const QString support = m_page->detailPanel()->fieldText(DeviceDetailPanel::SupportField);
    QVERIFY2(support.contains(QStringLiteral("replaced")), qPrintable(support)); // SSU-SEC-0040
}

void tst_DevicesPage::navigationShowsTheFilter()
{
    DeviceFilter filter;
    filter.patchAgeMin = 366;
    filter.patchAgeMax = 730;
    m_page->showDevices(filter);
    QCOMPARE(m_page->filterBar()->filter(), filter);
    QTRY_COMPARE(m_page->model()->rowCount(), countMatching(*m_backend, filter));
    for (int row = 0; row < qMin(50, m_page->model()->rowCount()); ++row) {
        const int age = m_page->model()->deviceAt(row)->patchAgeDays;
        QVERIFY(age >= 366 && age <= 730);
    }
}

void tst_DevicesPage::exportWritesTheFilteredList()
{
    DeviceFilter filter;
    filter.supportStatuses = {SupportStatus::EndingSoon, SupportStatus::Ended};
    m_page->showDevices(filter);
    const int expected = countMatching(*m_backend, filter);
    QTRY_COMPARE(m_page->model()->rowCount(), expected);
    QSignalSpy messages(m_page.get(), &DevicesPage::statusMessage);
    const QString path = m_dir.filePath(QStringLiteral("export.csv"));
    m_page->exportCsvTo(path);
    QTRY_COMPARE(messages.size(), 1);
    QVERIFY(messages.first().first().toString().contains(QLocale().toString(expected)));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = file.readAll().trimmed().split('\n');
    QCOMPARE(lines.size(), expected + 1); // header row
}

void tst_DevicesPage::exportErrorIsShownWithTheServiceText()
{
    const QString path = m_dir.filePath(QStringLiteral("no-such-folder/export.csv"));
    m_page->exportCsvTo(path);
    QMessageBox *box = nullptr;
    QTRY_VERIFY((box = m_page->findChild<QMessageBox *>()) != nullptr);
    QTRY_VERIFY(box->isVisible());
    QVERIFY2(box->text().contains(QStringLiteral("no-such-folder")), qPrintable(box->text()));
    box->close();
    QVERIFY(!QFile::exists(path));
}

void tst_DevicesPage::exportCanBeCancelled()
{
    // An export that takes its time: progress shows, Cancel stops it and nothing is written.
    FakeTrackerBackend slow(FakeTrackerBackend::makeFleet(500, QDate::currentDate()));
    slow.setHoldExport(true);
    DevicesPage page(&slow);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    QTRY_COMPARE(page.model()->rowCount(), 500);
    QSignalSpy messages(&page, &DevicesPage::statusMessage);
    const QString path = m_dir.filePath(QStringLiteral("cancelled.csv"));
    page.exportCsvTo(path);

    QProgressDialog *progress = nullptr;
    QTRY_VERIFY((progress = page.findChild<QProgressDialog *>()) && progress->isVisible());
    QCOMPARE(progress->maximum(), 500);
    QTRY_COMPARE(progress->value(), 250);
    QPushButton *cancel = progress->findChild<QPushButton *>();
    QVERIFY(cancel);
    QTest::mouseClick(cancel, Qt::LeftButton);
    QTRY_COMPARE(messages.size(), 1);
    QCOMPARE(messages.first().first().toString(),
             QStringLiteral("Export cancelled; no file was written."));
    QVERIFY(!QFile::exists(path));
    QTRY_VERIFY(!page.findChild<QProgressDialog *>());
}

QTEST_MAIN(tst_DevicesPage)
#include "tst_devicespage.moc"
