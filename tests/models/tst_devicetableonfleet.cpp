// SPDX-License-Identifier: Apache-2.0
// DeviceTableModel over the embedded Status Tracker with a seeded demo fleet: what the operator
// sees in the Devices page, end to end through the real filter and sort of the backend.
#include "demotracker.h"
#include "devicetablemodel.h"

#include <QAbstractItemModelTester>
#include <QCollator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Patchboard;

namespace {

constexpr int FleetSize = 3000;

template<typename T> T wait(QFuture<Result<T>> future)
{
    future.waitForFinished();
    return future.result().value();
}

} // namespace

class tst_DeviceTableOnFleet : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void wholeFleetIsCounted();
    void sortOrdersEveryPageBySortRole_data();
    void sortOrdersEveryPageBySortRole();
    void filterCountsMatchTheComplianceCounts();
    void filtersCombine();
    void searchTextIsLiteral_data();
    void searchTextIsLiteral();

private:
    bool query(DeviceTableModel &model, const DeviceQuery &query);

    QTemporaryDir m_dir;
    std::unique_ptr<LocalTrackerBackend> m_backend;
    ComplianceSummary m_summary;
};

void tst_DeviceTableOnFleet::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QString error;
    m_backend = DemoTracker::open(m_dir.path(), FleetSize, &error);
    QVERIFY2(m_backend, qPrintable(error));
    m_summary = wait(m_backend->compliance({}, {}, DemoTracker::referenceDate()));
    QCOMPARE(m_summary.devices, FleetSize);
}

void tst_DeviceTableOnFleet::cleanupTestCase()
{
    m_backend.reset();
}

bool tst_DeviceTableOnFleet::query(DeviceTableModel &model, const DeviceQuery &query)
{
    QSignalSpy finished(&model, &DeviceTableModel::queryFinished);
    model.setQuery(query);
    // A small fleet may answer before the continuation is attached: then it runs at once.
    return finished.size() == 1 || finished.wait(10000);
}

void tst_DeviceTableOnFleet::wholeFleetIsCounted()
{
    DeviceTableModel model(m_backend.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy counts(&model, &DeviceTableModel::countChanged);
    QVERIFY(query(model, {}));
    QCOMPARE(model.rowCount(), FleetSize);
    QCOMPARE(counts.last().at(0).toInt(), FleetSize);
    QCOMPARE(counts.last().at(1).toInt(), FleetSize);
    QCOMPARE(model.referenceDate(), DemoTracker::referenceDate());
    // The last row is there too, a page fetch away.
    const QModelIndex last = model.index(FleetSize - 1, DeviceTableModel::DeviceIdColumn);
    last.data();
    QTRY_VERIFY(last.data(DeviceTableModel::LoadedRole).toBool());
    QVERIFY(!last.data().toString().isEmpty());
    QVERIFY(model.cachedPageCount() <= 2);
}

void tst_DeviceTableOnFleet::sortOrdersEveryPageBySortRole_data()
{
    QTest::addColumn<int>("column");
    QTest::addColumn<Qt::SortOrder>("order");
    for (int column = 0; column < DeviceTableModel::ColumnCount; ++column) {
        const QByteArray name = DeviceRow::columnTitle(column).toUtf8();
        QTest::addRow("%s ascending", name.constData()) << column << Qt::AscendingOrder;
        QTest::addRow("%s descending", name.constData()) << column << Qt::DescendingOrder;
    }
}

void tst_DeviceTableOnFleet::sortOrdersEveryPageBySortRole()
{
    QFETCH(int, column);
    QFETCH(Qt::SortOrder, order);
    DeviceTableModel model(m_backend.get());
    model.setPageSize(200);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    DeviceQuery start; // a different order first, so that the click below is a change
    start.sort = {DeviceField(column),
                  order == Qt::AscendingOrder ? Qt::DescendingOrder : Qt::AscendingOrder};
    QVERIFY(query(model, start));
    QSignalSpy finished(&model, &DeviceTableModel::queryFinished);
    model.sort(column, order); // what a click on the column header does
    QVERIFY(finished.size() == 1 || finished.wait(10000));
    QCOMPARE(model.rowCount(), FleetSize);

    // Firmware versions sort as versions ("10.0" after "9.4"), text in the natural order.
    QCollator collator;
    collator.setNumericMode(true);
    const auto compare = [&](const QVariant &a, const QVariant &b) -> int {
        if (a.typeId() == QMetaType::QString)
            return collator.compare(a.toString(), b.toString());
        const auto c = QVariant::compare(a, b);
        return c == QPartialOrdering::Less ? -1 : c == QPartialOrdering::Greater ? 1 : 0;
    };
    QVariant previous;
    QSignalSpy pageArrived(&model, &QAbstractItemModel::dataChanged);
    // Every row, across all pages: each page is fetched as the "view" reaches it.
    for (int row = 0; row < FleetSize; ++row) {
        const QModelIndex index = model.index(row, column);
        if (!index.data(DeviceTableModel::LoadedRole).toBool()) {
            QVERIFY(pageArrived.wait(5000));
            QVERIFY(index.data(DeviceTableModel::LoadedRole).toBool());
        }
        const QVariant value = index.data(DeviceTableModel::SortRole);
        if (row > 0) {
            const int c = compare(previous, value);
            QVERIFY2(order == Qt::AscendingOrder ? c <= 0 : c >= 0,
                     qPrintable(QStringLiteral("row %1: %2 then %3")
                                    .arg(row)
                                    .arg(previous.toString(), value.toString())));
        }
        previous = value;
    }
}

void tst_DeviceTableOnFleet::filterCountsMatchTheComplianceCounts()
{
    DeviceTableModel model(m_backend.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    for (int status = 0; status < SupportStatusCount; ++status) {
        DeviceQuery q;
        q.filter.supportStatuses = {SupportStatus(status)};
        QVERIFY(query(model, q));
        QCOMPARE(model.rowCount(), m_summary.bySupportStatus[status]);
        QCOMPARE(model.fleetSize(), FleetSize);
        for (int row = 0; row < qMin(model.rowCount(), 100); ++row)
            QCOMPARE(model.deviceAt(row)->supportStatus, SupportStatus(status));
    }
    for (const PatchAgeBin &bin : std::as_const(m_summary.patchAge)) {
        DeviceQuery q;
        q.filter.patchAgeMin = bin.minDays;
        if (bin.maxDays >= 0)
            q.filter.patchAgeMax = bin.maxDays;
        QVERIFY(query(model, q));
        QCOMPARE(model.rowCount(), bin.devices);
    }
}

void tst_DeviceTableOnFleet::filtersCombine()
{
    // The Compliance page's "out of date" cell of the most popular model.
    const ModelCompliance &top = m_summary.models.first();
    DeviceTableModel model(m_backend.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    DeviceQuery q;
    q.filter.modelId = top.modelId;
    QVERIFY(query(model, q));
    QCOMPARE(model.rowCount(), top.devices);
    q.filter.patchAgeMin = m_summary.policy.outOfDateDays + 1;
    QVERIFY(query(model, q));
    QCOMPARE(model.rowCount(), top.outOfDate);
    for (int row = 0; row < model.rowCount(); ++row) {
        const Device d = *model.deviceAt(row);
        QCOMPARE(d.modelId, top.modelId);
        QVERIFY(d.patchAgeDays > m_summary.policy.outOfDateDays);
        QVERIFY(model.index(row, DeviceTableModel::PatchAgeColumn)
                    .data(DeviceTableModel::AttentionRole)
                    .toBool());
    }
}

void tst_DeviceTableOnFleet::searchTextIsLiteral_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("matchesSome");
    QTest::newRow("digits") << QStringLiteral("35") << true;
    QTest::newRow("percent") << QStringLiteral("%") << false;
    QTest::newRow("underscore") << QStringLiteral("_") << false;
    QTest::newRow("quote") << QStringLiteral("35'") << false;
    QTest::newRow("sql") << QStringLiteral("' OR '1'='1") << false;
    QTest::newRow("comment") << QStringLiteral("35; DROP TABLE devices; --") << false;
}

void tst_DeviceTableOnFleet::searchTextIsLiteral()
{
    QFETCH(QString, text);
    QFETCH(bool, matchesSome);
    DeviceTableModel model(m_backend.get());
    QSignalSpy errors(&model, &DeviceTableModel::errorOccurred);
    DeviceQuery q;
    q.filter.deviceIdPrefix = text;
    QVERIFY(query(model, q));
    QCOMPARE(errors.size(), 0);
    QCOMPARE(model.rowCount() > 0, matchesSome);
    for (int row = 0; row < qMin(model.rowCount(), 50); ++row)
        QVERIFY(model.deviceAt(row)->deviceId.startsWith(text));
    // And the fleet is still all there afterwards.
    QVERIFY(query(model, {}));
    QCOMPARE(model.rowCount(), FleetSize);
}

QTEST_MAIN(tst_DeviceTableOnFleet)
#include "tst_devicetableonfleet.moc"
