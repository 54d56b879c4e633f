// SPDX-License-Identifier: Apache-2.0
// Each filter kind returns exactly the right devices on a fleet known by hand, through both
// query paths: the in-memory FleetIndex and the plain SQL of DeviceSql.
#include "knownfleet.h"

#include "storage/database.h"
#include "storage/devicesql.h"
#include "tracker/fleetindex.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Patchboard;

class tst_DeviceFilter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void filters_data();
    void filters();
    void sortOrders_data();
    void sortOrders();
    void dateLimits();

private:
    QStringList viaIndex(const DeviceQuery &query) const;
    QStringList viaSql(const DeviceQuery &query) const;

    QTemporaryDir m_dir;
    Database m_db;
    std::shared_ptr<const FleetIndex> m_index;
};

void tst_DeviceFilter::initTestCase()
{
    QVERIFY(m_dir.isValid());
    const QString path = m_dir.filePath(QStringLiteral("known.db"));
    const QString failure = KnownFleet::create(path);
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    Result<Database> db = Database::open(path);
    QVERIFY2(db.ok(), qPrintable(db.error().text()));
    m_db = std::move(db).value();
    auto index = FleetIndex::load(m_db);
    QVERIFY2(index.ok(), qPrintable(index.error().text()));
    m_index = index.value();
    QCOMPARE(m_index->size(), 9);
}

QStringList tst_DeviceFilter::viaIndex(const DeviceQuery &query) const
{
    QStringList ids;
    for (quint32 row : m_index->select(query))
        ids << m_index->device(row, query.referenceDate, 90).deviceId;
    return ids;
}

QStringList tst_DeviceFilter::viaSql(const DeviceQuery &query) const
{
    const DeviceSql sql(m_index->catalog());
    QSqlQuery q(m_db.connection());
    const DeviceSql::Statement window = sql.window(query, 0, 1000);
    if (!q.prepare(window.sql))
        return {QStringLiteral("prepare failed")};
    for (int i = 0; i < window.values.size(); ++i)
        q.bindValue(i, window.values[i]);
    if (!q.exec())
        return {QStringLiteral("exec failed")};
    QStringList ids;
    while (q.next())
        ids << sql.read(q, query.referenceDate, 90).deviceId;

    const DeviceSql::Statement count = sql.count(query);
    q.prepare(count.sql);
    for (int i = 0; i < count.values.size(); ++i)
        q.bindValue(i, count.values[i]);
    if (!q.exec() || !q.next() || q.value(0).toInt() != ids.size())
        return {QStringLiteral("count differs from window")};
    return ids;
}

void tst_DeviceFilter::filters_data()
{
    QTest::addColumn<DeviceFilter>("filter");
    QTest::addColumn<QStringList>("expected"); // in device-ID order

    const QString a = QStringLiteral("350000000000001"), b = QStringLiteral("350000000000019"),
                  c = QStringLiteral("350000000000027"), d = QStringLiteral("351111111111110"),
                  e = QStringLiteral("351111111111128"), f = QStringLiteral("HLX-00000001"),
                  g = QStringLiteral("AB%_1"), h = QStringLiteral("ABC1"), i = QStringLiteral("AB_X");
    DeviceFilter filter;
    QTest::newRow("no filter") << filter << QStringList{a, b, c, d, e, g, h, i, f};

    filter = {};
    filter.patchLevelBefore = QDate(2026, 1, 1);
    QTest::newRow("patch level before 2026-01-01") << filter << QStringList{a, e, g, h, i, f};
    filter = {};
    filter.patchLevelAfter = QDate(2026, 9, 5);
    QTest::newRow("patch level after 2026-09-05 (exclusive)") << filter << QStringList{b, c};
    filter = {};
    filter.patchAgeMin = 80; // older than 79 days: the 2026-09-05 level is exactly 79 days old
    QTest::newRow("patch older than 79 days") << filter << QStringList{a, e, g, h, i, f};
    filter = {};
    filter.patchAgeMax = 79;
    QTest::newRow("patch at most 79 days old") << filter << QStringList{b, c, d};

    filter = {};
    filter.supportStatuses = {SupportStatus::Ended};
    QTest::newRow("support ended") << filter << QStringList{a, g, h, i};
    filter.supportStatuses = {SupportStatus::EndingSoon};
    QTest::newRow("support ends within 90 days") << filter << QStringList{b, c};
    filter.supportStatuses = {SupportStatus::Supported};
    QTest::newRow("supported") << filter << QStringList{d, e, f};
    filter.supportStatuses = {SupportStatus::Supported, SupportStatus::EndingSoon};
    QTest::newRow("supported or ending") << filter << QStringList{b, c, d, e, f};

    filter = {};
    filter.manufacturerId = 2;
    QTest::newRow("manufacturer Beta") << filter << QStringList{d, e, f};
    filter = {};
    filter.modelId = 2;
    QTest::newRow("model Acme Two") << filter << QStringList{b, c};
    filter.manufacturerId = 2; // Acme Two is not a Beta model
    QTest::newRow("model of another manufacturer") << filter << QStringList{};
    filter = {};
    filter.regionId = 2;
    QTest::newRow("region Japan") << filter << QStringList{c, d, h, f};
    filter = {};
    filter.updateState = UpdateState::Failed;
    QTest::newRow("update state failed") << filter << QStringList{c};
    filter.updateState = UpdateState::Postponed;
    QTest::newRow("update state postponed") << filter << QStringList{e};

    filter = {};
    filter.exceptions = ExceptionFilter::None;
    QTest::newRow("no exception") << filter << QStringList{b, d, g, h, i, f};
    filter.exceptions = ExceptionFilter::Rooted;
    QTest::newRow("rooted") << filter << QStringList{a, e};
    filter.exceptions = ExceptionFilter::Ported;
    QTest::newRow("ported") << filter << QStringList{c, e};
    filter.exceptions = ExceptionFilter::AnyException;
    QTest::newRow("any exception") << filter << QStringList{a, c, e};

    filter = {};
    filter.deviceIdPrefix = QStringLiteral("35");
    QTest::newRow("prefix 35") << filter << QStringList{a, b, c, d, e};
    filter.deviceIdPrefix = QStringLiteral("3511");
    QTest::newRow("prefix 3511") << filter << QStringList{d, e};
    filter.deviceIdPrefix = QStringLiteral("351111111111128");
    QTest::newRow("whole ID") << filter << QStringList{e};
    filter.deviceIdPrefix = QStringLiteral("AB%");
    QTest::newRow("percent is literal") << filter << QStringList{g};
    filter.deviceIdPrefix = QStringLiteral("AB_");
    QTest::newRow("underscore is literal") << filter << QStringList{i};
    filter.deviceIdPrefix = QStringLiteral("' OR 1=1 --");
    QTest::newRow("SQL fragment is text") << filter << QStringList{};
    filter.deviceIdPrefix = QStringLiteral("\"; DROP TABLE devices; --");
    QTest::newRow("quotes are text") << filter << QStringList{};
    filter.deviceIdPrefix = QStringLiteral("hlx");
    QTest::newRow("prefix is case-sensitive") << filter << QStringList{};

    filter = {};
    filter.regionId = 1;
    filter.patchAgeMin = 80;
    QTest::newRow("Germany and older than 79 days") << filter << QStringList{a, e, g, i};
    filter.exceptions = ExceptionFilter::None;
    filter.supportStatuses = {SupportStatus::Ended};
    QTest::newRow("four filters combined") << filter << QStringList{g, i};
}

void tst_DeviceFilter::filters()
{
    QFETCH(DeviceFilter, filter);
    QFETCH(QStringList, expected);
    DeviceQuery query;
    query.filter = filter;
    query.referenceDate = KnownFleet::referenceDate();
    QCOMPARE(viaIndex(query), expected);
    QCOMPARE(viaSql(query), expected);
}

void tst_DeviceFilter::sortOrders_data()
{
    QTest::addColumn<int>("field");
    QTest::addColumn<int>("order");
    QTest::addColumn<QStringList>("expected");
    const QStringList byPatchThenId = {QStringLiteral("350000000000001"), QStringLiteral("AB%_1"),
                                       QStringLiteral("ABC1"), QStringLiteral("AB_X"),
                                       QStringLiteral("351111111111128"), QStringLiteral("HLX-00000001"),
                                       QStringLiteral("351111111111110"), QStringLiteral("350000000000019"),
                                       QStringLiteral("350000000000027")};
    QTest::newRow("patch level ascending, ties by device ID")
        << int(DeviceField::PatchLevel) << int(Qt::AscendingOrder) << byPatchThenId;
    QStringList reversed(byPatchThenId.crbegin(), byPatchThenId.crend());
    QTest::newRow("patch level descending") << int(DeviceField::PatchLevel)
                                            << int(Qt::DescendingOrder) << reversed;
    QTest::newRow("patch age ascending = newest level first")
        << int(DeviceField::PatchAge) << int(Qt::AscendingOrder)
        << QStringList{QStringLiteral("350000000000019"), QStringLiteral("350000000000027"),
                       QStringLiteral("351111111111110"), QStringLiteral("351111111111128"),
                       QStringLiteral("HLX-00000001"), QStringLiteral("350000000000001"),
                       QStringLiteral("AB%_1"), QStringLiteral("ABC1"), QStringLiteral("AB_X")};
    QTest::newRow("device ID descending")
        << int(DeviceField::DeviceId) << int(Qt::DescendingOrder)
        << QStringList{QStringLiteral("HLX-00000001"), QStringLiteral("AB_X"), QStringLiteral("ABC1"),
                       QStringLiteral("AB%_1"), QStringLiteral("351111111111128"),
                       QStringLiteral("351111111111110"), QStringLiteral("350000000000027"),
                       QStringLiteral("350000000000019"), QStringLiteral("350000000000001")};
    QTest::newRow("support status: supported, ending soon, ended")
        << int(DeviceField::SupportStatus) << int(Qt::AscendingOrder)
        << QStringList{QStringLiteral("351111111111110"), QStringLiteral("351111111111128"),
                       QStringLiteral("HLX-00000001"), QStringLiteral("350000000000019"),
                       QStringLiteral("350000000000027"), QStringLiteral("350000000000001"),
                       QStringLiteral("AB%_1"), QStringLiteral("ABC1"), QStringLiteral("AB_X")};
}

void tst_DeviceFilter::sortOrders()
{
    QFETCH(int, field);
    QFETCH(int, order);
    QFETCH(QStringList, expected);
    DeviceQuery query;
    query.referenceDate = KnownFleet::referenceDate();
    query.sort = {DeviceField(field), Qt::SortOrder(order)};
    QCOMPARE(viaIndex(query), expected);
    QCOMPARE(viaSql(query), expected);
}

void tst_DeviceFilter::dateLimits()
{
    // Dates out of range are refused before they reach a query.
    DeviceFilter filter;
    filter.patchLevelBefore = QDate(1899, 12, 31);
    QVERIFY(!FilterValidation::checkFilter(filter).isEmpty());
    filter.patchLevelBefore = QDate(9999, 1, 1);
    QVERIFY(!FilterValidation::checkFilter(filter).isEmpty());
    filter.patchLevelBefore = QDate(2024, 2, 29);
    QVERIFY(FilterValidation::checkFilter(filter).isEmpty());
    filter = {};
    filter.patchAgeMin = -1;
    QVERIFY(!FilterValidation::checkFilter(filter).isEmpty());
}

QTEST_GUILESS_MAIN(tst_DeviceFilter)
#include "tst_devicefilter.moc"
