// SPDX-License-Identifier: Apache-2.0
// The embedded Status Tracker through its asynchronous interface, as the GUI uses it.
#include "knownfleet.h"

#include "tracker/devicecsv.h"
#include "tracker/localtrackerbackend.h"

#include "storage/database.h"

#include <QFile>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Patchboard;

namespace {

template<typename T>
Result<T> wait(QFuture<Result<T>> future)
{
    future.waitForFinished();
    return future.result();
}

} // namespace

class tst_LocalTrackerBackend : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void firstStartGeneratesDemoFleet();
    void pagesAreConsistentBeforeAndAfterIndex();
    void complianceAddsUp();
    void deviceDetail();
    void exportWritesFilteredDevices();
    void exportCancelLeavesNoFile();
    void invalidFilterIsRefused();
    void badFileIsRefusedAndKept();
    void refreshShowsChangedDevices();

private:
    QTemporaryDir m_dir;
    const QDate m_today{2026, 11, 23};
};

void tst_LocalTrackerBackend::firstStartGeneratesDemoFleet()
{
    const QString path = m_dir.filePath(QStringLiteral("demo.db"));
    {
        LocalTrackerBackend backend;
        const auto report = wait(backend.open({path, 3000, 11, m_today}));
        QVERIFY2(report.ok(), qPrintable(report.error().text()));
        QVERIFY(report.value().generated);
        QCOMPARE(report.value().devices, 3000);
        QCOMPARE(wait(backend.indexReady()).value(), 3000);
        const auto catalog = wait(backend.catalog());
        QVERIFY(catalog.ok());
        QCOMPARE(catalog.value().models.size(), 40);
        QCOMPARE(catalog.value().deviceCount, 3000);
    }
    // Second start: the same file, nothing generated again.
    LocalTrackerBackend backend;
    const auto report = wait(backend.open({path, 3000, 11, m_today}));
    QVERIFY(report.ok());
    QVERIFY(!report.value().generated);
    QCOMPARE(report.value().devices, 3000);
}

void tst_LocalTrackerBackend::pagesAreConsistentBeforeAndAfterIndex()
{
    const QString path = m_dir.filePath(QStringLiteral("known.db"));
    QCOMPARE(KnownFleet::create(path), QString());
    LocalTrackerBackend backend;
    QVERIFY(wait(backend.open({path, 0, 1, KnownFleet::referenceDate()})).ok());
    DeviceQuery query;
    query.filter.regionId = 2;
    // Possibly answered by SQL (index still loading), then certainly by the index.
    const auto early = wait(backend.queryDevices(query, 0, 2));
    QVERIFY(wait(backend.indexReady()).ok());
    const auto late = wait(backend.queryDevices(query, 0, 2));
    QVERIFY(early.ok() && late.ok());
    QCOMPARE(early.value().matching, 4);
    QCOMPARE(late.value().matching, 4);
    QCOMPARE(late.value().fleetSize, 9);
    QCOMPARE(late.value().rows.size(), 2);
    QCOMPARE(early.value().rows[0].deviceId, late.value().rows[0].deviceId);
    const auto second = wait(backend.queryDevices(query, 2, 2));
    QCOMPARE(second.value().rows.size(), 2);
    QCOMPARE(second.value().rows[1].deviceId, QStringLiteral("HLX-00000001"));
    const auto beyond = wait(backend.queryDevices(query, 10, 2));
    QVERIFY(beyond.ok());
    QCOMPARE(beyond.value().rows.size(), 0);
}

void tst_LocalTrackerBackend::complianceAddsUp()
{
    LocalTrackerBackend backend;
    QVERIFY(wait(backend.open({m_dir.filePath(QStringLiteral("demo.db")), 3000, 11, m_today})).ok());
    const auto summary = wait(backend.compliance({}, {}, m_today));
    QVERIFY2(summary.ok(), qPrintable(summary.error().text()));
    const ComplianceSummary &s = summary.value();
    QCOMPARE(s.devices, 3000);
    QCOMPARE(s.bySupportStatus[0] + s.bySupportStatus[1] + s.bySupportStatus[2], 3000);
    int binned = 0, byModel = 0;
    for (const PatchAgeBin &bin : s.patchAge)
        binned += bin.devices;
    for (int i = 0; i < s.models.size(); ++i) {
        byModel += s.models[i].devices;
        if (i > 0) // SSU-SEC-0021: most popular first
            QVERIFY(s.models[i - 1].devices >= s.models[i].devices);
        QVERIFY(s.models[i].outOfDate <= s.models[i].devices);
    }
    QCOMPARE(binned, 3000);
    QCOMPARE(byModel, 3000);

    // A drill-down filter from a bar gives exactly that bar's count.
    DeviceQuery query;
    query.referenceDate = m_today;
    query.filter.patchAgeMin = s.patchAge[3].minDays;
    query.filter.patchAgeMax = s.patchAge[3].maxDays;
    QCOMPARE(wait(backend.queryDevices(query, 0, 1)).value().matching, s.patchAge[3].devices);
    query.filter = {};
    query.filter.modelId = s.models[0].modelId;
    query.filter.patchAgeMin = s.policy.outOfDateDays + 1;
    QCOMPARE(wait(backend.queryDevices(query, 0, 1)).value().matching, s.models[0].outOfDate);
}

void tst_LocalTrackerBackend::deviceDetail()
{
    const QString path = m_dir.filePath(QStringLiteral("known.db"));
    LocalTrackerBackend backend;
    QVERIFY(wait(backend.open({path, 0, 1, KnownFleet::referenceDate()})).ok());
    DeviceQuery query;
    query.filter.deviceIdPrefix = QStringLiteral("351111111111128");
    const auto page = wait(backend.queryDevices(query, 0, 1));
    QCOMPARE(page.value().rows.size(), 1);
    const auto detail = wait(backend.deviceDetail(page.value().rows[0].id, KnownFleet::referenceDate()));
    QVERIFY2(detail.ok(), qPrintable(detail.error().text()));
    const Device &d = detail.value().device;
    QCOMPARE(d.deviceId, QStringLiteral("351111111111128"));
    QCOMPARE(d.model, QStringLiteral("Beta Max"));
    QCOMPARE(d.manufacturer, QStringLiteral("Beta"));
    QCOMPARE(d.region, QStringLiteral("Germany"));
    QCOMPARE(detail.value().regionTimeZone, QStringLiteral("Europe/Berlin"));
    QCOMPARE(d.firmwareVersion, QStringLiteral("3.0"));
    QCOMPARE(d.patchLevel, QDate(2025, 3, 1));
    QCOMPARE(d.patchApplied, QDate(2025, 3, 11));
    QCOMPARE(d.patchAgeDays, 632);
    QCOMPARE(d.supportEnd, QDate(2029, 12, 31));
    QCOMPARE(int(d.updateState), int(UpdateState::Postponed));
    QCOMPARE(int(d.exceptions), int(Rooted | Ported));
    QVERIFY(detail.value().history.isEmpty());
    const auto missing = wait(backend.deviceDetail(999999, {}));
    QVERIFY(!missing.ok());
    QVERIFY(missing.error().code == ServiceError::Code::NotFound);
}

void tst_LocalTrackerBackend::exportWritesFilteredDevices()
{
    LocalTrackerBackend backend;
    QVERIFY(wait(backend.open({m_dir.filePath(QStringLiteral("known.db")), 0, 1, KnownFleet::referenceDate()})).ok());
    DeviceQuery query;
    query.filter.exceptions = ExceptionFilter::AnyException;
    query.sort = {DeviceField::DeviceId, Qt::DescendingOrder};
    const QString csv = m_dir.filePath(QStringLiteral("export.csv"));
    const auto written = wait(backend.exportDevices(query, csv));
    QVERIFY2(written.ok(), qPrintable(written.error().text()));
    QCOMPARE(written.value(), 3);
    QFile file(csv);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = file.readAll().split('\n');
    QCOMPARE(lines.size(), 5); // header, three devices, empty after the last CRLF
    QVERIFY(lines[0].startsWith("device_id,manufacturer,model,region,firmware_version"));
    QVERIFY(lines[1].startsWith("351111111111128,Beta,Beta Max,Germany,3.0,1,2025-03-01,632,"));
    QVERIFY(lines[1].contains(",postponed,rooted|ported"));
    QVERIFY(lines[2].startsWith("350000000000027,"));
    QVERIFY(lines[3].startsWith("350000000000001,"));
    QVERIFY(lines[3].contains(",ended,"));
}

void tst_LocalTrackerBackend::exportCancelLeavesNoFile()
{
    LocalTrackerBackend backend;
    QVERIFY(wait(backend.open({m_dir.filePath(QStringLiteral("big.db")), 60000, 3, m_today})).ok());
    const QString csv = m_dir.filePath(QStringLiteral("cancelled.csv"));
    QFuture<Result<int>> future = backend.exportDevices({}, csv);
    future.cancel();
    future.waitForFinished();
    QVERIFY(!QFile::exists(csv));
    // Quoting: RFC 4180, and formulas defused.
    QCOMPARE(DeviceCsv::quote(QStringLiteral("a,b")), QStringLiteral("\"a,b\""));
    QCOMPARE(DeviceCsv::quote(QStringLiteral("say \"hi\"")), QStringLiteral("\"say \"\"hi\"\"\""));
    QCOMPARE(DeviceCsv::quote(QStringLiteral("=HYPERLINK(1)")), QStringLiteral("'=HYPERLINK(1)"));
}

void tst_LocalTrackerBackend::invalidFilterIsRefused()
{
    LocalTrackerBackend backend;
    QVERIFY(wait(backend.open({m_dir.filePath(QStringLiteral("known.db")), 0, 1, KnownFleet::referenceDate()})).ok());
    DeviceQuery query;
    query.filter.patchLevelAfter = QDate(1, 1, 1);
    const auto page = wait(backend.queryDevices(query, 0, 10));
    QVERIFY(!page.ok());
    QVERIFY(page.error().code == ServiceError::Code::InvalidArgument);
    QVERIFY(!page.error().message.isEmpty());
}

void tst_LocalTrackerBackend::badFileIsRefusedAndKept()
{
    const QString path = m_dir.filePath(QStringLiteral("notes.txt"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("not a database\n");
    file.close();
    LocalTrackerBackend backend;
    const auto report = wait(backend.open({path, 100, 1, m_today}));
    QVERIFY(!report.ok());
    QVERIFY(report.error().message.contains(path));
    QVERIFY(!wait(backend.indexReady()).ok());
    QVERIFY(!wait(backend.queryDevices({}, 0, 10)).ok());
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), QByteArray("not a database\n"));
}

void tst_LocalTrackerBackend::refreshShowsChangedDevices()
{
    // A rollout changes devices through another connection; refresh() makes queries see it.
    const QString path = m_dir.filePath(QStringLiteral("refresh.db"));
    QCOMPARE(KnownFleet::create(path), QString());
    LocalTrackerBackend backend;
    backend.setMinimumRefreshInterval(0);
    QVERIFY(wait(backend.open({path, 0, 1, KnownFleet::referenceDate()})).ok());
    QVERIFY(wait(backend.indexReady()).ok());
    DeviceQuery query;
    query.filter.updateState = UpdateState::Installing;
    QCOMPARE(wait(backend.queryDevices(query, 0, 10)).value().matching, 0);
    {
        Result<Database> other = Database::open(path);
        QVERIFY(other.ok());
        QSqlQuery q(other.value().connection());
        QVERIFY(q.exec(QStringLiteral("UPDATE devices SET update_state = 4 WHERE id IN "
                                      "(SELECT id FROM devices ORDER BY id LIMIT 3)")));
    }
    // Until the reload finishes, queries answer from the old index; then fleetChanged says so.
    QSignalSpy changed(&backend, &TrackerBackend::fleetChanged);
    backend.refresh();
    backend.refresh(); // folded into one more reload at most
    QTRY_VERIFY(changed.size() >= 1);
    QCOMPARE(wait(backend.queryDevices(query, 0, 10)).value().matching, 3);
    QTRY_VERIFY_WITH_TIMEOUT(changed.size() <= 2, 2000);
}

QTEST_GUILESS_MAIN(tst_LocalTrackerBackend)
#include "tst_localtrackerbackend.moc"
