// SPDX-License-Identifier: Apache-2.0
// DeviceTableModel: the window cache over a TrackerBackend whose replies the test controls.
#include "devicetablemodel.h"
#include "faketrackerbackend.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace Patchboard;

class tst_DeviceTableModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void firstPageSetsCountInOneReset();
    void oldRowsStayUntilTheNewQueryArrives();
    void rowsOutsideTheCacheAreFetchedOnce();
    void staleResultsAreDropped();
    void filterChangeStartsFromTheFirstRow();
    void sortOrdersRowsBySortRole_data();
    void sortOrdersRowsBySortRole();
    void cacheKeepsOnlyRecentPages();
    void fleetChangeKeepsPosition();
    void failedQueryIsReportedAndShowsNoStaleRows();
    void destructionWhileQueryRunsIsSafe();
    void attentionIsShownByTextAndColour();
    void displayFollowsTheLocale();

private:
    void start(DeviceTableModel &model, const DeviceQuery &query = {});

    QDate m_today = QDate::currentDate();
    std::unique_ptr<FakeTrackerBackend> m_backend;
};

void tst_DeviceTableModel::init()
{
    m_backend = std::make_unique<FakeTrackerBackend>(FakeTrackerBackend::makeFleet(1000, m_today));
}

void tst_DeviceTableModel::start(DeviceTableModel &model, const DeviceQuery &query)
{
    QSignalSpy finished(&model, &DeviceTableModel::queryFinished);
    model.setQuery(query);
    QTRY_COMPARE(finished.size(), 1);
}

void tst_DeviceTableModel::firstPageSetsCountInOneReset()
{
    DeviceTableModel model(m_backend.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy counts(&model, &DeviceTableModel::countChanged);
    QSignalSpy started(&model, &DeviceTableModel::queryStarted);
    QCOMPARE(model.rowCount(), 0);

    start(model);

    QCOMPARE(started.size(), 1);
    QCOMPARE(reset.size(), 1);
    QCOMPARE(model.rowCount(), 1000);
    QCOMPARE(model.columnCount(), int(DeviceFieldCount));
    QCOMPARE(counts.size(), 1);
    QCOMPARE(counts.first().at(0).toInt(), 1000);
    QCOMPARE(counts.first().at(1).toInt(), 1000);
    // Only the first page was asked for, not the fleet.
    QCOMPARE(m_backend->requests().size(), 1);
    QCOMPARE(m_backend->requests().first().offset, 0);
    QCOMPARE(m_backend->requests().first().limit, model.pageSize());
    QVERIFY(!model.isQueryRunning());
}

void tst_DeviceTableModel::oldRowsStayUntilTheNewQueryArrives()
{
    DeviceTableModel model(m_backend.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    start(model);
    const QString firstId = model.index(0, DeviceTableModel::DeviceIdColumn).data().toString();

    m_backend->setHoldReplies(true);
    DeviceFilter filter;
    filter.supportStatuses = {SupportStatus::Ended};
    model.setFilter(filter);
    QVERIFY(model.isQueryRunning());
    // No flicker: the rows of the previous query are still there while the new one runs.
    QCOMPARE(model.rowCount(), 1000);
    QCOMPARE(model.index(0, DeviceTableModel::DeviceIdColumn).data().toString(), firstId);

    m_backend->releaseAll();
    QTRY_VERIFY(!model.isQueryRunning());
    QCOMPARE(model.rowCount(), 333); // model 2 of every three devices has ended support
}

void tst_DeviceTableModel::rowsOutsideTheCacheAreFetchedOnce()
{
    DeviceTableModel model(m_backend.get());
    model.setPageSize(50);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    start(model);
    m_backend->clearRequests();
    m_backend->setHoldReplies(true);

    const QModelIndex far = model.index(525, DeviceTableModel::DeviceIdColumn);
    QCOMPARE(far.data(DeviceTableModel::LoadedRole).toBool(), false);
    QCOMPARE(far.data().toString(), QStringLiteral("\u2026"));
    QVERIFY(!far.data(DeviceTableModel::DeviceIdRole).isValid());
    // Asked for again (the view repaints) before the page is there: still one request.
    far.data();
    model.index(549, 3).data();
    QTRY_COMPARE(m_backend->heldReplies(), 1);
    QTest::qWait(20);
    far.data();
    QCOMPARE(m_backend->requests().size(), 1);
    QCOMPARE(m_backend->requests().first().offset, 500);
    QCOMPARE(m_backend->requests().first().limit, 50);

    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    m_backend->releaseAll();
    QTRY_COMPARE(changed.size(), 1);
    QCOMPARE(changed.first().at(0).toModelIndex(), model.index(500, 0));
    QCOMPARE(changed.first().at(1).toModelIndex(), model.index(549, DeviceFieldCount - 1));
    const Device expected = m_backend->fleet().at(525);
    QCOMPARE(far.data().toString(), expected.deviceId);
    QCOMPARE(far.data(DeviceTableModel::DeviceIdRole).toLongLong(), expected.id);
    QCOMPARE(far.data(DeviceTableModel::LoadedRole).toBool(), true);
}

void tst_DeviceTableModel::staleResultsAreDropped()
{
    DeviceTableModel model(m_backend.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_backend->setHoldReplies(true);
    QSignalSpy finished(&model, &DeviceTableModel::queryFinished);

    DeviceFilter first;
    first.deviceIdPrefix = QStringLiteral("3510");
    model.setFilter(first);
    DeviceFilter second;
    second.supportStatuses = {SupportStatus::EndingSoon};
    model.setFilter(second);
    QCOMPARE(m_backend->heldReplies(), 2);

    m_backend->releaseReply(0); // the answer to the query the operator replaced
    QTest::qWait(20);
    QCOMPARE(finished.size(), 0);
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(model.isQueryRunning());

    m_backend->releaseReply(0);
    QTRY_COMPARE(finished.size(), 1);
    QCOMPARE(model.rowCount(), 333);
    for (int row = 0; row < 20; ++row) {
        QCOMPARE(model.deviceAt(row)->supportStatus, SupportStatus::EndingSoon);
    }
}

void tst_DeviceTableModel::filterChangeStartsFromTheFirstRow()
{
    DeviceTableModel model(m_backend.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    start(model);
    const QString prefix = m_backend->fleet().at(42).deviceId.left(10);
    int expected = 0;
    for (const Device &d : m_backend->fleet())
        expected += d.deviceId.startsWith(prefix) ? 1 : 0;
    QVERIFY(expected > 0 && expected < 1000);

    QSignalSpy counts(&model, &DeviceTableModel::countChanged);
    DeviceFilter filter;
    filter.deviceIdPrefix = prefix;
    model.setFilter(filter);
    QTRY_COMPARE(counts.size(), 1);
    QCOMPARE(model.rowCount(), expected);
    QCOMPARE(counts.first().at(0).toInt(), expected);
    QCOMPARE(m_backend->requests().last().offset, 0);
    QCOMPARE(m_backend->requests().last().query.filter.deviceIdPrefix, prefix);
    for (int row = 0; row < model.rowCount(); ++row)
        QVERIFY(model.index(row, 0).data().toString().startsWith(prefix));
}

void tst_DeviceTableModel::sortOrdersRowsBySortRole_data()
{
    QTest::addColumn<int>("column");
    QTest::addColumn<Qt::SortOrder>("order");
    for (int column :
         {int(DeviceTableModel::DeviceIdColumn), int(DeviceTableModel::PatchAgeColumn),
          int(DeviceTableModel::PatchLevelColumn), int(DeviceTableModel::LastCheckInColumn)}) {
        const QByteArray name = DeviceRow::columnTitle(column).toUtf8();
        QTest::addRow("%s ascending", name.constData()) << column << Qt::AscendingOrder;
        QTest::addRow("%s descending", name.constData()) << column << Qt::DescendingOrder;
    }
}

void tst_DeviceTableModel::sortOrdersRowsBySortRole()
{
    QFETCH(int, column);
    QFETCH(Qt::SortOrder, order);
    DeviceTableModel model(m_backend.get());
    model.setPageSize(100);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    DeviceQuery query; // a different order first, so that every sort below is a change
    query.sort = {DeviceField::Region, Qt::DescendingOrder};
    start(model, query);

    QSignalSpy finished(&model, &DeviceTableModel::queryFinished);
    model.sort(column, order);
    QTRY_COMPARE(finished.size(), 1);
    QCOMPARE(m_backend->requests().last().query.sort.field, DeviceField(column));
    QCOMPARE(m_backend->requests().last().query.sort.order, order);

    QVariant previous = model.index(0, column).data(DeviceTableModel::SortRole);
    for (int row = 1; row < 100; ++row) {
        const QVariant value = model.index(row, column).data(DeviceTableModel::SortRole);
        const auto cmp = QVariant::compare(previous, value);
        const bool inOrder = order == Qt::AscendingOrder ? cmp != QPartialOrdering::Greater
                                                         : cmp != QPartialOrdering::Less;
        QVERIFY2(inOrder,
                 qPrintable(QStringLiteral("row %1: %2 then %3")
                                .arg(row)
                                .arg(previous.toString(), value.toString())));
        previous = value;
    }
    // Sorting again the same way is not a new query.
    model.sort(column, order);
    QCOMPARE(finished.size(), 1);
}

void tst_DeviceTableModel::cacheKeepsOnlyRecentPages()
{
    // No QAbstractItemModelTester here: it reads row 0 after every change, which would keep the
    // first page the most recently used one.
    DeviceTableModel model(m_backend.get());
    model.setPageSize(10);
    model.setMaxCachedPages(3);
    start(model);

    for (int row : {15, 25, 35, 45}) {
        model.index(row, 0).data();
        QTRY_VERIFY(model.index(row, 0).data(DeviceTableModel::LoadedRole).toBool());
    }
    QCOMPARE(model.cachedPageCount(), 3);
    // The least recently used page (the first one) went; scrolling back fetches it again.
    m_backend->clearRequests();
    QVERIFY(!model.index(5, 0).data(DeviceTableModel::LoadedRole).toBool());
    QTRY_COMPARE(model.index(5, 0).data().toString(), m_backend->fleet().at(5).deviceId);
    QCOMPARE(m_backend->requests().size(), 1);
    QCOMPARE(model.cachedPageCount(), 3);
}

void tst_DeviceTableModel::fleetChangeKeepsPosition()
{
    DeviceTableModel model(m_backend.get());
    model.setPageSize(100);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    start(model);
    model.index(450, 0).data(); // the operator scrolled down
    QTRY_VERIFY(model.index(450, 0).data(DeviceTableModel::LoadedRole).toBool());

    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy counts(&model, &DeviceTableModel::countChanged);
    m_backend->clearRequests();
    QList<Device> fleet = m_backend->fleet();
    fleet.remove(0, 10);
    m_backend->setFleet(fleet);

    QTRY_COMPARE(counts.size(), 1);
    QCOMPARE(reset.size(), 0); // no reset: the view keeps its scroll position and selection
    QCOMPARE(removed.size(), 1);
    QCOMPARE(model.rowCount(), 990);
    // It asked for the page the operator was looking at, not the first one.
    QCOMPARE(m_backend->requests().first().offset, 400);
    QTRY_COMPARE(model.index(450, 0).data().toString(), fleet.at(450).deviceId);
}

void tst_DeviceTableModel::failedQueryIsReportedAndShowsNoStaleRows()
{
    DeviceTableModel model(m_backend.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    start(model);
    QSignalSpy errors(&model, &DeviceTableModel::errorOccurred);
    m_backend->failNextQuery(ServiceError::make(ServiceError::Code::StorageFailure,
                                                QStringLiteral("The fleet database is locked."),
                                                QStringLiteral("Close other Patchboard windows.")));
    DeviceFilter filter;
    filter.modelId = 2;
    model.setFilter(filter);
    QTRY_COMPARE(errors.size(), 1);
    QVERIFY(errors.first().first().toString().contains(QStringLiteral("locked")));
    QVERIFY(errors.first().first().toString().contains(QStringLiteral("Close other")));
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(!model.isQueryRunning());

    model.setFilter(filter); // the next try works again
    QTRY_COMPARE(model.rowCount(), 333);
}

void tst_DeviceTableModel::destructionWhileQueryRunsIsSafe()
{
    m_backend->setHoldReplies(true);
    auto model = std::make_unique<DeviceTableModel>(m_backend.get());
    model->setQuery({});
    QCOMPARE(m_backend->heldReplies(), 1);
    model.reset();
    m_backend->releaseAll(); // must not reach the destroyed model
    QTest::qWait(20);
    m_backend.reset(); // and a backend going away with replies pending is harmless too
}

void tst_DeviceTableModel::attentionIsShownByTextAndColour()
{
    DeviceTableModel model(m_backend.get());
    start(model);
    int ended = -1;
    int current = -1;
    for (int row = 0; row < 30 && (ended < 0 || current < 0); ++row) {
        const Device d = *model.deviceAt(row);
        if (d.supportStatus == SupportStatus::Ended && d.patchAgeDays > 90)
            ended = row;
        if (d.supportStatus == SupportStatus::Supported && d.patchAgeDays <= 90)
            current = row;
    }
    QVERIFY(ended >= 0 && current >= 0);

    const QModelIndex status = model.index(ended, DeviceTableModel::SupportStatusColumn);
    QVERIFY(status.data(Qt::ForegroundRole).isValid());
    QVERIFY(status.data().toString().contains(supportStatusName(SupportStatus::Ended)));
    QVERIFY(status.data().toString().startsWith(QChar(0x26A0))); // not by colour alone
    QVERIFY(status.data(Qt::ToolTipRole).toString().contains(QStringLiteral("replaced")));
    const QModelIndex age = model.index(ended, DeviceTableModel::PatchAgeColumn);
    QVERIFY(age.data(Qt::ForegroundRole).isValid());
    QVERIFY(age.data().toString().startsWith(QChar(0x26A0)));
    QVERIFY(age.data(DeviceTableModel::AttentionRole).toBool());

    QVERIFY(!model.index(current, DeviceTableModel::SupportStatusColumn)
                 .data(Qt::ForegroundRole)
                 .isValid());
    QVERIFY(!model.index(current, DeviceTableModel::PatchAgeColumn)
                 .data(DeviceTableModel::AttentionRole)
                 .toBool());
}

void tst_DeviceTableModel::displayFollowsTheLocale()
{
    QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
    DeviceTableModel model(m_backend.get());
    start(model);
    QLocale::setDefault(QLocale::c());
    int row = 0;
    while (model.deviceAt(row)->patchAgeDays < 1000 || model.deviceAt(row)->patchAgeDays <= 90)
        ++row;
    const Device d = *model.deviceAt(row);
    const QLocale german(QLocale::German, QLocale::Germany);
    // Patch levels as bulletins name them, everything else as the operator's locale writes it.
    QCOMPARE(model.index(row, DeviceTableModel::PatchLevelColumn).data().toString(),
             d.patchLevel.toString(Qt::ISODate));
    QVERIFY(model.index(row, DeviceTableModel::PatchAgeColumn)
                .data()
                .toString()
                .endsWith(german.toString(d.patchAgeDays)));
    QVERIFY(german.toString(d.patchAgeDays).contains(QLatin1Char('.'))); // "1.024"
    QCOMPARE(model.index(row, DeviceTableModel::SupportEndColumn).data().toString(),
             german.toString(d.supportEnd, QLocale::ShortFormat));
    QCOMPARE(model.index(row, DeviceTableModel::PatchAgeColumn).data(Qt::TextAlignmentRole).toInt(),
             int(Qt::AlignRight | Qt::AlignVCenter));
    QCOMPARE(
        model.index(row, DeviceTableModel::PatchAgeColumn).data(DeviceTableModel::SortRole).toInt(),
        d.patchAgeDays);
}

QTEST_MAIN(tst_DeviceTableModel)
#include "tst_devicetablemodel.moc"
