// SPDX-License-Identifier: Apache-2.0
// CompliancePage: every bar, slice and row leads to the devices behind it.
#include "compliancepage.h"
#include "demotracker.h"
#include "mainwindow.h"
#include "modelcompliancemodel.h"
#include "patchagechart.h"
#include "patchagemodel.h"
#include "supportstatuschart.h"
#include "supportstatusmodel.h"

#include <QHeaderView>
#include <QLabel>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace Patchboard;

namespace {

constexpr int FleetSize = 3000;

DeviceFilter clicked(const QSignalSpy &spy)
{
    return spy.last().first().value<DeviceFilter>();
}

} // namespace

class tst_CompliancePage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void cleanupTestCase();
    void summaryMatchesTheCharts();
    void patchAgeBarListsThatBin_data();
    void patchAgeBarListsThatBin();
    void statusSliceListsThatStatus_data();
    void statusSliceListsThatStatus();
    void modelRowListsThatModel();
    void outOfDateCellListsOnlyTheOutOfDate();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<LocalTrackerBackend> m_backend;
    std::unique_ptr<CompliancePage> m_page;
};

void tst_CompliancePage::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    QString error;
    m_backend = DemoTracker::open(m_dir.path(), FleetSize, &error);
    QVERIFY2(m_backend, qPrintable(error));
}

void tst_CompliancePage::init()
{
    m_page = std::make_unique<CompliancePage>(m_backend.get());
    m_page->resize(1400, 860);
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
    QTRY_VERIFY(m_page->isLoaded());
    QTest::qWait(50); // let the charts lay out
}

void tst_CompliancePage::cleanup()
{
    m_page.reset();
}

void tst_CompliancePage::cleanupTestCase()
{
    m_backend.reset();
}

void tst_CompliancePage::summaryMatchesTheCharts()
{
    const SupportStatusModel *status = m_page->supportModel();
    QCOMPARE(status->total(), FleetSize);
    QCOMPARE(status->devices(SupportStatus::Supported) + status->devices(SupportStatus::EndingSoon)
                 + status->devices(SupportStatus::Ended),
             FleetSize);
    int binned = 0;
    for (const PatchAgeBin &bin : m_page->patchAgeModel()->bins())
        binned += bin.devices;
    QCOMPARE(binned, FleetSize);
    // The text says what the charts show, for screen readers.
    const QString text = m_page->summaryText();
    QVERIFY2(text.startsWith(QStringLiteral("3,000 device")), qPrintable(text));
    QVERIFY(text.contains(QLocale().toString(status->devices(SupportStatus::Ended))));
    QVERIFY(text.contains(m_page->rankingModel()->modelAt(0).model));
}

void tst_CompliancePage::patchAgeBarListsThatBin_data()
{
    QTest::addColumn<int>("bin");
    for (int bin = 0; bin < defaultPatchAgeBins().size(); ++bin)
        QTest::addRow("bin %d", bin) << bin;
}

void tst_CompliancePage::patchAgeBarListsThatBin()
{
    QFETCH(int, bin);
    const PatchAgeBin b = m_page->patchAgeModel()->bins().at(bin);
    if (b.devices == 0)
        QSKIP("An empty bin has no bar to click.");
    QSignalSpy show(m_page.get(), &CompliancePage::showDevices);
    PatchAgeChart *chart = m_page->patchAgeChart();
    QTest::mouseClick(chart->viewport(), Qt::LeftButton, {}, chart->barPosition(bin));
    QCOMPARE(show.size(), 1);
    const DeviceFilter filter = clicked(show);
    QCOMPARE(filter.patchAgeMin, std::optional<int>(b.minDays));
    QCOMPARE(filter.patchAgeMax,
             b.maxDays < 0 ? std::optional<int>() : std::optional<int>(b.maxDays));
    QVERIFY(filter.supportStatuses.isEmpty());
    QCOMPARE(filter.modelId, 0);
}

void tst_CompliancePage::statusSliceListsThatStatus_data()
{
    QTest::addColumn<int>("status");
    QTest::newRow("supported") << int(SupportStatus::Supported);
    QTest::newRow("ended") << int(SupportStatus::Ended);
}

void tst_CompliancePage::statusSliceListsThatStatus()
{
    QFETCH(int, status);
    QSignalSpy show(m_page.get(), &CompliancePage::showDevices);
    SupportStatusChart *chart = m_page->supportChart();
    QTest::mouseClick(chart->viewport(), Qt::LeftButton, {},
                      chart->slicePosition(SupportStatus(status)));
    QCOMPARE(show.size(), 1);
    QCOMPARE(clicked(show).supportStatuses, QList<SupportStatus>{SupportStatus(status)});
    QVERIFY(!clicked(show).patchAgeMin);
}

void tst_CompliancePage::modelRowListsThatModel()
{
    QTableView *table = m_page->rankingTable();
    QSignalSpy show(m_page.get(), &CompliancePage::showDevices);
    const QModelIndex second = table->model()->index(1, ModelComplianceModel::ModelColumn);
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, table->visualRect(second).center());
    QCOMPARE(show.size(), 1);
    // Ranked by devices (SSU-SEC-0021): the second row is the second most popular model.
    QCOMPARE(clicked(show).modelId, m_page->rankingModel()->modelAt(1).modelId);
    QVERIFY(!clicked(show).patchAgeMin);

    // Enter on the current row does the same, for keyboard users.
    table->setFocus();
    table->setCurrentIndex(table->model()->index(0, ModelComplianceModel::DevicesColumn));
    QTest::keyClick(table, Qt::Key_Return);
    QCOMPARE(show.size(), 2);
    QCOMPARE(clicked(show).modelId, m_page->rankingModel()->modelAt(0).modelId);
}

void tst_CompliancePage::outOfDateCellListsOnlyTheOutOfDate()
{
    QTableView *table = m_page->rankingTable();
    // Sorted by the out-of-date share, most first: the proxy must still give the right model.
    table->sortByColumn(ModelComplianceModel::OutOfDateShareColumn, Qt::DescendingOrder);
    QSignalSpy show(m_page.get(), &CompliancePage::showDevices);
    const QModelIndex cell = table->model()->index(0, ModelComplianceModel::OutOfDateColumn);
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, table->visualRect(cell).center());
    QCOMPARE(show.size(), 1);
    double highest = 0;
    double clickedShare = -1;
    for (int row = 0; row < m_page->rankingModel()->rowCount(); ++row) {
        const ModelCompliance &m = m_page->rankingModel()->modelAt(row);
        highest = qMax(highest, m.outOfDateShare());
        if (m.modelId == clicked(show).modelId)
            clickedShare = m.outOfDateShare();
    }
    // The model in the clicked row: the one with the largest share, not the most popular one.
    QCOMPARE(clickedShare, highest);
    QCOMPARE(clicked(show).modelId, cell.data(ModelComplianceModel::ModelIdRole).toInt());
    QCOMPARE(clicked(show).patchAgeMin,
             std::optional<int>(m_page->rankingModel()->outOfDateDays() + 1));
}

QTEST_MAIN(tst_CompliancePage)
#include "tst_compliancepage.moc"
