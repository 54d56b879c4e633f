// SPDX-License-Identifier: Apache-2.0
// Device inventory import from CSV (issue #7): good files land in the fleet with the right fields
// and show in the tracker, every kind of bad row is reported with its line and reason and nothing
// is written, CSV quoting/BOM/separators, duplicates, known devices, cancellation, a concurrent
// writer, files that are not CSV, and the role that may import.
#include "knownfleet.h"

#include "audit/auditlog.h"
#include "storage/database.h"
#include "storage/epochday.h"
#include "tracker/csvreader.h"
#include "tracker/inventoryimport.h"
#include "tracker/inventoryimportbackend.h"
#include "tracker/localtrackerbackend.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QFile>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace Patchboard;

namespace {

template<typename T> Result<T> wait(QFuture<Result<T>> future)
{
    future.waitForFinished();
    return future.result();
}

// An IMEI for a 14-digit body, computed here independently of the code under test.
QByteArray imei(qint64 body)
{
    const QByteArray digits = QByteArray::number(body).rightJustified(14, '0');
    int sum = 0;
    for (int i = 0; i < 14; ++i) {
        int d = digits[13 - i] - '0';
        if (i % 2 == 0)
            d = d * 2 > 9 ? d * 2 - 9 : d * 2;
        sum += d;
    }
    return digits + QByteArray::number((10 - sum % 10) % 10);
}

const QByteArray header = "IMEI,Manufacturer,Model,Region,Firmware version,Security patch,"
                          "Patch applied,Last seen,Exceptions\n";
// Line 2 of every file of badRowsReported: a good row, so that line numbers are not all 2.
const QByteArray goodRow = "352906110000017,Acme,Acme One,DE,1.0,2022-06-05,2022-06-20,"
                           "2026-11-20T08:30:00Z,rooted\n";

struct StoredRow
{
    QString deviceId;
    int model = 0;
    int region = 0;
    QString firmware;
    QDate patchLevel;
    QDate patchApplied;
    qint64 lastCheckIn = 0;
    int updateState = 0;
    int exceptions = 0;
};

} // namespace

class tst_InventoryImport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void mappingGuess_data();
    void mappingGuess();
    void goodFileImported();
    void trackerShowsImportedDevices();
    void badRowsReported_data();
    void badRowsReported();
    void quotedFields();
    void encodingsAndSeparators_data();
    void encodingsAndSeparators();
    void duplicatesInFile();
    void knownDevicesUpdatedOrRefused();
    void ambiguousModelNeedsManufacturer();
    void problemsAreCappedButCounted();
    void problemsExportAsCsv();
    void notCsv_data();
    void notCsv();
    void cancelWhileWritingChangesNothing();
    void cancelThroughBackendChangesNothing();
    void waitsForAnotherWriter();
    void onlyAdministratorsImport();
    void exportedFileImportsAgain();

private:
    QString writeFile(const QString &name, const QByteArray &content);
    InventoryOptions options() const;
    InventoryMapping standardMapping() const;
    Result<InventoryReport> import(const QString &path, const InventoryOptions &opts);
    Result<InventoryReport> import(const QByteArray &content);
    // Every stored device and the audit log's length: what "unchanged" means.
    QByteArray fleetDigest(bool withAudit = true);
    int deviceCount();
    StoredRow stored(const QString &deviceId);

    QTemporaryDir m_dir;
    QString m_path;
    Database m_db;
    const Operator m_admin{QStringLiteral("ada"), OperatorRole::Administrator};
    int m_counter = 0;
};

void tst_InventoryImport::init()
{
    m_path = m_dir.filePath(QStringLiteral("fleet-%1.db").arg(++m_counter));
    QCOMPARE(KnownFleet::create(m_path), QString());
    Result<Database> db = Database::open(m_path);
    QVERIFY2(db.ok(), qPrintable(db.error().text()));
    m_db = std::move(db).value();
}

void tst_InventoryImport::cleanup()
{
    m_db = Database();
}

QString tst_InventoryImport::writeFile(const QString &name, const QByteArray &content)
{
    const QString path = m_dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)
        || file.write(content) != content.size())
        qFatal("cannot write the test file");
    return path;
}

InventoryOptions tst_InventoryImport::options() const
{
    InventoryOptions o;
    o.today = KnownFleet::referenceDate();
    o.now = QDateTime(KnownFleet::referenceDate(), QTime(12, 0), Qt::UTC);
    return o;
}

InventoryMapping tst_InventoryImport::standardMapping() const
{
    QStringList names = QString::fromUtf8(header).trimmed().split(QLatin1Char(','));
    return InventoryMapping::guess(names);
}

Result<InventoryReport> tst_InventoryImport::import(const QString &path,
                                                    const InventoryOptions &opts)
{
    return InventoryImport::run(m_db, path, standardMapping(), opts, m_admin);
}

Result<InventoryReport> tst_InventoryImport::import(const QByteArray &content)
{
    return import(writeFile(QStringLiteral("import.csv"), content), options());
}

QByteArray tst_InventoryImport::fleetDigest(bool withAudit)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    QSqlQuery query(m_db.connection());
    query.exec(QStringLiteral("SELECT * FROM devices ORDER BY id"));
    while (query.next()) {
        for (int i = 0; i < 10; ++i)
            hash.addData(QByteArray(query.value(i).toString().toUtf8() + '|'));
    }
    if (withAudit) {
        query.exec(QStringLiteral("SELECT count(*) FROM audit_log"));
        query.next();
        hash.addData(query.value(0).toString().toUtf8());
    }
    return hash.result().toHex();
}

int tst_InventoryImport::deviceCount()
{
    QSqlQuery query(m_db.connection());
    query.exec(QStringLiteral("SELECT count(*) FROM devices"));
    query.next();
    return query.value(0).toInt();
}

StoredRow tst_InventoryImport::stored(const QString &deviceId)
{
    QSqlQuery query(m_db.connection());
    query.prepare(QStringLiteral(
        "SELECT d.device_id, d.model_id, d.region_id, v.version, d.patch_level, d.patch_applied, "
        "d.last_checkin, d.update_state, d.exception_flags FROM devices d JOIN firmware_versions v "
        "ON v.id = d.firmware_id WHERE d.device_id = ?"));
    query.addBindValue(deviceId);
    StoredRow row;
    if (!query.exec() || !query.next())
        return row;
    row.deviceId = query.value(0).toString();
    row.model = query.value(1).toInt();
    row.region = query.value(2).toInt();
    row.firmware = query.value(3).toString();
    row.patchLevel = EpochDay::toDate(query.value(4).toLongLong());
    row.patchApplied = EpochDay::toDate(query.value(5).toLongLong());
    row.lastCheckIn = query.value(6).toLongLong();
    row.updateState = query.value(7).toInt();
    row.exceptions = query.value(8).toInt();
    return row;
}

void tst_InventoryImport::mappingGuess_data()
{
    QTest::addColumn<QStringList>("header");
    QTest::addColumn<int>("deviceId");
    QTest::addColumn<int>("model");
    QTest::addColumn<int>("region");
    QTest::addColumn<int>("patchLevel");
    QTest::addColumn<int>("firmware");
    QTest::addColumn<int>("lastCheckIn");

    QTest::newRow("crm") << QStringList{QStringLiteral("IMEI"), QStringLiteral("Hardware model"),
                                        QStringLiteral("Country"), QStringLiteral("Patch level")}
                         << 0 << 1 << 2 << 3 << -1 << -1;
    QTest::newRow("lower case, underscores")
        << QStringList{QStringLiteral("region"), QStringLiteral("imei"), QStringLiteral("model"),
                       QStringLiteral("security_patch"), QStringLiteral("last_seen")}
        << 1 << 2 << 0 << 3 << -1 << 4;
    QTest::newRow("device id and android property")
        << QStringList{QStringLiteral("Device ID"), QStringLiteral("Model"),
                       QStringLiteral("Region"), QStringLiteral("ro.build.version.security_patch"),
                       QStringLiteral("Software version")}
        << 0 << 1 << 2 << 3 << 4 << -1;
    // IMEI wins over a generic "ID" column (a CRM's row number).
    QTest::newRow("id and imei") << QStringList{QStringLiteral("ID"), QStringLiteral("Device IMEI"),
                                                QStringLiteral("Model Name"),
                                                QStringLiteral("Market"),
                                                QStringLiteral("Security Patch (Android)")}
                                 << 1 << 2 << 3 << 4 << -1 << -1;
    QTest::newRow("patchboard export") << QStringList{QStringLiteral("device_id"),
                                                      QStringLiteral("manufacturer"),
                                                      QStringLiteral("model"),
                                                      QStringLiteral("region"),
                                                      QStringLiteral("firmware_version"),
                                                      QStringLiteral("firmware_sequence"),
                                                      QStringLiteral("patch_level"),
                                                      QStringLiteral("patch_age_days"),
                                                      QStringLiteral("patch_applied"),
                                                      QStringLiteral("support_end"),
                                                      QStringLiteral("support_status"),
                                                      QStringLiteral("last_checkin_utc"),
                                                      QStringLiteral("update_state"),
                                                      QStringLiteral("exceptions")}
                                       << 0 << 2 << 3 << 6 << 4 << 11;
    QTest::newRow("german") << QStringList{QStringLiteral("Seriennummer"), QStringLiteral("Modell"),
                                           QStringLiteral("Land"),
                                           QStringLiteral("Sicherheitspatch")}
                            << 0 << 1 << 2 << 3 << -1 << -1;
    QTest::newRow("nothing known") << QStringList{QStringLiteral("a"), QStringLiteral("b")} << -1
                                   << -1 << -1 << -1 << -1 << -1;
}

void tst_InventoryImport::mappingGuess()
{
    QFETCH(QStringList, header);
    const InventoryMapping mapping = InventoryMapping::guess(header);
    QTEST(mapping.column(InventoryField::DeviceId), "deviceId");
    QTEST(mapping.column(InventoryField::Model), "model");
    QTEST(mapping.column(InventoryField::Region), "region");
    QTEST(mapping.column(InventoryField::PatchLevel), "patchLevel");
    QTEST(mapping.column(InventoryField::FirmwareVersion), "firmware");
    QTEST(mapping.column(InventoryField::LastCheckIn), "lastCheckIn");
}

void tst_InventoryImport::goodFileImported()
{
    const int before = deviceCount();
    const StoredRow old = stored(QStringLiteral("HLX-00000001"));
    const auto report = import(
        header
        + goodRow
        // Firmware left out: the newest Beta Max build with patch level 2026-09-05 or older.
        + "352906110000025,,Beta Max,Japan,,2026-09-05,,,\n"
        // A known device: updated; its update state and exceptions stay.
        + "HLX-00000001,Beta,Beta Max,JP,3.1,,2026-11-01,2026-11-22 10:00,\n"
        // The model without its manufacturer's name, found with the manufacturer column.
        + "352906110000033,Acme,Two,de,2.0,2026-10-01,2026-10-10,2026-11-23T01:00:00+02:00,"
          "ported\n");
    QVERIFY2(report.ok(), qPrintable(report.error().text()));
    const InventoryReport &r = report.value();
    QVERIFY2(r.isClean(), qPrintable(r.problems.value(0).reason));
    QVERIFY(r.written);
    QCOMPARE(r.rows, 4);
    QCOMPARE(r.newDevices, 3);
    QCOMPARE(r.updatedDevices, 1);
    QCOMPARE(deviceCount(), before + 3);

    const StoredRow first = stored(QStringLiteral("352906110000017"));
    QCOMPARE(first.model, 1);
    QCOMPARE(first.region, 1);
    QCOMPARE(first.firmware, QStringLiteral("1.0"));
    QCOMPARE(first.patchLevel, QDate(2022, 6, 5));
    QCOMPARE(first.patchApplied, QDate(2022, 6, 20));
    QCOMPARE(first.lastCheckIn,
             QDateTime(QDate(2026, 11, 20), QTime(8, 30), Qt::UTC).toSecsSinceEpoch());
    QCOMPARE(first.exceptions, int(Rooted));
    QCOMPARE(first.updateState, int(UpdateState::Idle));

    const StoredRow inferred = stored(QStringLiteral("352906110000025"));
    QCOMPARE(inferred.model, 3);
    QCOMPARE(inferred.region, 2);
    QCOMPARE(inferred.firmware, QStringLiteral("3.1"));
    QCOMPARE(inferred.patchLevel, QDate(2026, 9, 5));
    QCOMPARE(inferred.patchApplied, QDate(2026, 9, 5)); // the build's release day
    QCOMPARE(inferred.lastCheckIn, options().now.toSecsSinceEpoch()); // seen at the import
    QCOMPARE(inferred.exceptions, 0);

    const StoredRow updated = stored(QStringLiteral("HLX-00000001"));
    QCOMPARE(updated.firmware, QStringLiteral("3.1"));
    QCOMPARE(updated.patchLevel, QDate(2026, 9, 5)); // the build's, as the file has none
    QCOMPARE(updated.patchApplied, QDate(2026, 11, 1));
    QCOMPARE(updated.lastCheckIn,
             QDateTime(QDate(2026, 11, 22), QTime(10, 0), Qt::UTC).toSecsSinceEpoch());
    QCOMPARE(updated.exceptions, old.exceptions);
    QCOMPARE(updated.updateState, old.updateState);

    const StoredRow shortName = stored(QStringLiteral("352906110000033"));
    QCOMPARE(shortName.model, 2);
    QCOMPARE(shortName.region, 1);
    QCOMPARE(shortName.lastCheckIn,
             QDateTime(QDate(2026, 11, 22), QTime(23, 0), Qt::UTC).toSecsSinceEpoch());
    QCOMPARE(shortName.exceptions, int(Ported));

    // The operator's decision is in the audit log, with the file and the counts.
    const auto entries = AuditLog(m_db).entries(AuditQuery{}, 0, 1);
    QVERIFY(entries.ok());
    QCOMPARE(entries.value().size(), 1);
    const AuditEntry &entry = entries.value().constFirst();
    QCOMPARE(entry.action, QStringLiteral("device.import"));
    QCOMPARE(entry.actor, QStringLiteral("ada"));
    QCOMPARE(entry.role, QStringLiteral("administrator"));
    QCOMPARE(entry.subject, QStringLiteral("import.csv"));
    QCOMPARE(entry.details.value(QStringLiteral("rows")).toInt(), 4);
    QCOMPARE(entry.details.value(QStringLiteral("added")).toInt(), 3);
    QCOMPARE(entry.details.value(QStringLiteral("updated")).toInt(), 1);
    QCOMPARE(entry.details.value(QStringLiteral("sha256")).toString().size(), 64);
    QVERIFY(AuditLog(m_db).verify().value().intact);
}

void tst_InventoryImport::trackerShowsImportedDevices()
{
    m_db = Database(); // the backends open their own connections
    LocalTrackerBackend tracker;
    LocalTrackerBackend::Options trackerOptions;
    trackerOptions.databasePath = m_path;
    trackerOptions.demoDevices = 0;
    trackerOptions.referenceDate = KnownFleet::referenceDate();
    QVERIFY(wait(tracker.open(trackerOptions)).ok());
    QCOMPARE(wait(tracker.indexReady()).value(), 9);
    tracker.setMinimumRefreshInterval(0);

    InventoryImportBackend importer;
    importer.setDatabasePath(m_path);
    importer.setReferenceTime(options().now);
    // As the console wires them (app/desktop/main.cpp).
    connect(&importer, &InventoryImportBackend::devicesImported, &tracker,
            &LocalTrackerBackend::refresh);
    QSignalSpy imported(&importer, &InventoryImportBackend::devicesImported);
    QSignalSpy changed(&tracker, &TrackerBackend::fleetChanged);

    const QString csv = writeFile(QStringLiteral("tracker.csv"), header + goodRow);
    QFuture<Result<InventoryReport>> running = importer.run(m_admin, csv, standardMapping(), true);
    QTRY_VERIFY(running.isFinished());
    QVERIFY2(running.result().ok(), qPrintable(running.result().error().text()));
    QTRY_COMPARE(imported.size(), 1);
    QTRY_COMPARE(changed.size(), 1);

    DeviceQuery query;
    query.filter.deviceIdPrefix = QStringLiteral("352906110000017");
    query.referenceDate = KnownFleet::referenceDate();
    const auto page = wait(tracker.queryDevices(query, 0, 10));
    QVERIFY(page.ok());
    QCOMPARE(page.value().fleetSize, 10);
    QCOMPARE(page.value().rows.size(), 1);
    const Device &device = page.value().rows.constFirst();
    QCOMPARE(device.manufacturer, QStringLiteral("Acme"));
    QCOMPARE(device.model, QStringLiteral("Acme One"));
    QCOMPARE(device.region, QStringLiteral("Germany"));
    QCOMPARE(device.firmwareVersion, QStringLiteral("1.0"));
    QCOMPARE(device.patchLevel, QDate(2022, 6, 5));
    QCOMPARE(device.patchApplied, QDate(2022, 6, 20));
    QCOMPARE(device.lastCheckIn, QDateTime(QDate(2026, 11, 20), QTime(8, 30), Qt::UTC));
    QCOMPARE(device.exceptions, quint8(Rooted));
}

void tst_InventoryImport::badRowsReported_data()
{
    QTest::addColumn<QByteArray>("row");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("column");
    QTest::addColumn<QString>("reason"); // a part of the reason the operator reads

    using K = InventoryProblemKind;
    QTest::newRow("IMEI check digit")
        << QByteArray("352906110000018,Acme,Acme One,DE,1.0,2022-06-05,,,\n")
        << int(K::BadImeiCheckDigit) << QStringLiteral("IMEI") << QStringLiteral("check digit 8");
    QTest::newRow("IMEI too short")
        << QByteArray("35290611000001,Acme,Acme One,DE,1.0,2022-06-05,,,\n") << int(K::BadDeviceId)
        << QStringLiteral("IMEI") << QStringLiteral("has 14 digit");
    QTest::newRow("IMEI a spreadsheet rounded")
        << QByteArray("3.52906E+14,Acme,Acme One,DE,1.0,2022-06-05,,,\n") << int(K::BadDeviceId)
        << QStringLiteral("IMEI") << QStringLiteral("spreadsheet");
    QTest::newRow("serial with a space")
        << QByteArray("HLX 0001,Acme,Acme One,DE,1.0,2022-06-05,,,\n") << int(K::BadDeviceId)
        << QStringLiteral("IMEI") << QStringLiteral("serial number");
    QTest::newRow("device ID empty")
        << QByteArray(",Acme,Acme One,DE,1.0,2022-06-05,,,\n") << int(K::MissingValue)
        << QStringLiteral("IMEI") << QStringLiteral("empty");
    QTest::newRow("unknown model")
        << QByteArray("352906110000025,Acme,Acme Three,DE,1.0,2022-06-05,,,\n")
        << int(K::UnknownModel) << QStringLiteral("Model") << QStringLiteral("Acme Three");
    QTest::newRow("unknown region")
        << QByteArray("352906110000025,Acme,Acme One,Atlantis,1.0,2022-06-05,,,\n")
        << int(K::UnknownRegion) << QStringLiteral("Region") << QStringLiteral("time zone");
    QTest::newRow("unknown firmware")
        << QByteArray("352906110000025,Acme,Acme One,DE,9.9,2022-06-05,,,\n")
        << int(K::UnknownFirmware) << QStringLiteral("Firmware version") << QStringLiteral("1.0");
    QTest::newRow("no build old enough")
        << QByteArray("352906110000025,Beta,Beta Max,DE,,2019-01-01,,,\n")
        << int(K::UnknownFirmware) << QStringLiteral("Security patch")
        << QStringLiteral("give the firmware version");
    QTest::newRow("day-month date")
        << QByteArray("352906110000025,Acme,Acme One,DE,1.0,05.06.2022,,,\n") << int(K::BadDate)
        << QStringLiteral("Security patch") << QStringLiteral("YYYY-MM-DD");
    QTest::newRow("no such day") << QByteArray(
        "352906110000025,Acme,Acme One,DE,1.0,2022-02-30,,,\n")
                                 << int(K::BadDate) << QStringLiteral("Security patch")
                                 << QStringLiteral("calendar");
    QTest::newRow("patch level in the future")
        << QByteArray("352906110000025,Acme,Acme One,DE,1.0,2027-01-01,,,\n") << int(K::FutureDate)
        << QStringLiteral("Security patch") << QStringLiteral("future");
    QTest::newRow("check-in not a time")
        << QByteArray("352906110000025,Acme,Acme One,DE,1.0,2022-06-05,,yesterday,\n")
        << int(K::BadDate) << QStringLiteral("Last seen") << QStringLiteral("YYYY-MM-DDThh:mm:ss");
    QTest::newRow("applied malformed")
        << QByteArray("352906110000025,Acme,Acme One,DE,1.0,2022-06-05,6/20/2022,,\n")
        << int(K::BadDate) << QStringLiteral("Patch applied") << QStringLiteral("not guessed");
    QTest::newRow("unknown exception")
        << QByteArray("352906110000025,Acme,Acme One,DE,1.0,2022-06-05,,,bricked\n")
        << int(K::BadFlag) << QStringLiteral("Exceptions") << QStringLiteral("bricked");
    QTest::newRow("neither patch level nor firmware")
        << QByteArray("352906110000025,Acme,Acme One,DE,,,,,\n") << int(K::MissingValue)
        << QStringLiteral("Security patch") << QStringLiteral("neither");
    QTest::newRow("separator in an unquoted value")
        << QByteArray("352906110000025,Acme,Acme One,DE,1.0,2022-06-05,,,none,extra\n")
        << int(K::FieldCount) << QString() << QStringLiteral("double quotes");
}

void tst_InventoryImport::badRowsReported()
{
    QFETCH(QByteArray, row);
    QFETCH(int, kind);
    QFETCH(QString, column);
    QFETCH(QString, reason);
    const QByteArray before = fleetDigest();
    const auto report = import(header + goodRow + row);
    QVERIFY2(report.ok(), qPrintable(report.error().text()));
    const InventoryReport &r = report.value();
    QCOMPARE(r.rows, 2);
    QCOMPARE(r.problemCount, 1);
    QCOMPARE(r.problems.size(), 1);
    const InventoryProblem &problem = r.problems.constFirst();
    QCOMPARE(problem.line, 3);
    QCOMPARE(int(problem.kind), kind);
    QCOMPARE(r.problemsByKind[std::size_t(kind)], 1);
    QCOMPARE(problem.column, column);
    QVERIFY2(problem.reason.contains(reason), qPrintable(problem.reason));
    // All or nothing: the good row on line 2 is not written either.
    QVERIFY(!r.written);
    QCOMPARE(fleetDigest(), before);
}

void tst_InventoryImport::quotedFields()
{
    // Semicolons, a quoted separator, doubled quotes and a line break inside a value; the row
    // after the two-line value is reported with its own line (5), not its record number (4).
    const QByteArray content
        = "IMEI;Model;Region;Patch level;Notes\r\n"
          "352906110000017;\"Acme One\";DE;2022-06-05;\"shop; Berlin\"\r\n"
          "352906110000025;Beta Max;JP;2026-09-05;\"says \"\"hi\"\"\nand more\"\r\n"
          "352906110000033;\"Acme;One\";DE;2022-06-05;\r\n";
    const QString path = writeFile(QStringLiteral("quoted.csv"), content);
    const auto preview = InventoryImport::inspect(m_db, path);
    QVERIFY2(preview.ok(), qPrintable(preview.error().text()));
    QCOMPARE(preview.value().separator, ';');
    QCOMPARE(preview.value().rows.size(), 3);
    QCOMPARE(preview.value().rows[0][4], QStringLiteral("shop; Berlin"));
    QCOMPARE(preview.value().rows[1][4], QStringLiteral("says \"hi\"\nand more"));
    QCOMPARE(preview.value().lines, (QList<qint64>{2, 3, 5}));

    const auto report = InventoryImport::run(m_db, path, preview.value().guess, options(), m_admin);
    QVERIFY(report.ok());
    QCOMPARE(report.value().problemCount, 1);
    QCOMPARE(report.value().problems[0].line, 5);
    QCOMPARE(report.value().problems[0].value, QStringLiteral("Acme;One"));
    QCOMPARE(report.value().problems[0].kind, InventoryProblemKind::UnknownModel);
}

void tst_InventoryImport::encodingsAndSeparators_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<char>("separator");
    QTest::addColumn<int>("encoding");
    QTest::addColumn<QString>("notes");

    auto file = [&](char separator, const char *lineEnd, const QByteArray &notes) {
        QByteArray text;
        const QList<QByteArray> values[] = {
            {"IMEI", "Model", "Region", "Patch level", "Notes"},
            {"352906110000017", "Acme One", "DE", "2022-06-05", notes},
            {"HLX-00000002", "Beta Max", "Japan", "2026-09-05", ""},
        };
        for (const auto &line : values)
            text += line.join(separator) + lineEnd;
        return text;
    };
    using E = CsvReader::Encoding;
    const QString office = QStringLiteral("B\u00fcro");
    QTest::newRow("comma, LF") << file(',', "\n", "B\xC3\xBCro") << ',' << int(E::Utf8) << office;
    QTest::newRow("semicolon, CRLF, BOM")
        << QByteArray("\xEF\xBB\xBF" + file(';', "\r\n", "B\xC3\xBCro")) << ';'
        << int(E::Utf8WithBom) << office;
    QTest::newRow("tab") << file('\t', "\n", "B\xC3\xBCro") << '\t' << int(E::Utf8) << office;
    QTest::newRow("excel sep line") << QByteArray("sep=;\r\n" + file(';', "\r\n", "x,y")) << ';'
                                    << int(E::Utf8) << QStringLiteral("x,y");
    QTest::newRow("latin-1") << file(';', "\r\n", "B\xFCro") << ';' << int(E::Latin1) << office;
    const QString utf16 = QString::fromUtf8(file('\t', "\r\n", "B\xC3\xBCro"));
    QByteArray le("\xFF\xFE");
    le.append(reinterpret_cast<const char *>(utf16.utf16()), utf16.size() * 2);
    QTest::newRow("utf-16 le with BOM (Excel's Unicode text)")
        << le << '\t' << int(E::Utf16LittleEndian) << office;
}

void tst_InventoryImport::encodingsAndSeparators()
{
    QFETCH(QByteArray, content);
    QFETCH(char, separator);
    QFETCH(int, encoding);
    const QString path = writeFile(QStringLiteral("encoded.csv"), content);
    const auto preview = InventoryImport::inspect(m_db, path);
    QVERIFY2(preview.ok(), qPrintable(preview.error().text()));
    QCOMPARE(preview.value().separator, separator);
    QCOMPARE(preview.value().encoding, CsvReader::encodingName(CsvReader::Encoding(encoding)));
    // The BOM is not part of the first column's name, so "IMEI" is recognised.
    QCOMPARE(preview.value().header.constFirst(), QStringLiteral("IMEI"));
    QCOMPARE(preview.value().guess.column(InventoryField::DeviceId), 0);
    QTEST(preview.value().rows[0][4], "notes");

    const auto report = InventoryImport::run(m_db, path, preview.value().guess, options(), m_admin);
    QVERIFY2(report.ok(), qPrintable(report.error().text()));
    QVERIFY2(report.value().isClean(), qPrintable(report.value().problems.value(0).reason));
    QCOMPARE(report.value().newDevices, 2);
    QCOMPARE(stored(QStringLiteral("HLX-00000002")).region, 2);
}

void tst_InventoryImport::duplicatesInFile()
{
    const QByteArray before = fleetDigest();
    // The same IMEI written in groups is the same device.
    const auto report = import(header + goodRow + "HLX-00000009,Beta,Beta Max,JP,3.1,,,,\n"
                               + "35-290611-000001-7,Acme,Acme One,DE,1.0,2022-06-05,,,\n"
                               + "HLX-00000009,Beta,Beta Max,JP,3.1,,,,\n");
    QVERIFY(report.ok());
    QCOMPARE(report.value().problemCount, 2);
    QCOMPARE(report.value().problemsByKind[std::size_t(InventoryProblemKind::Duplicate)], 2);
    QCOMPARE(report.value().problems[0].line, 4);
    QVERIFY(report.value().problems[0].reason.contains(QStringLiteral("line 2")));
    QCOMPARE(report.value().problems[1].line, 5);
    QVERIFY(report.value().problems[1].reason.contains(QStringLiteral("line 3")));
    QCOMPARE(fleetDigest(), before);
}

void tst_InventoryImport::knownDevicesUpdatedOrRefused()
{
    const QByteArray content = header + goodRow + "HLX-00000001,Beta,Beta Max,DE,3.1,,,,rooted\n";
    // Refused when the operator chose not to update known devices.
    const QByteArray before = fleetDigest();
    InventoryOptions refuse = options();
    refuse.updateExisting = false;
    const QString path = writeFile(QStringLiteral("known.csv"), content);
    const auto refused = import(path, refuse);
    QVERIFY(refused.ok());
    QCOMPARE(refused.value().problemCount, 1);
    QCOMPARE(refused.value().problems[0].kind, InventoryProblemKind::AlreadyInDatabase);
    QCOMPARE(refused.value().problems[0].line, 3);
    QCOMPARE(fleetDigest(), before);

    // Updated by default: region, firmware and exceptions change, nothing else is added.
    const int count = deviceCount();
    const auto updated = import(path, options());
    QVERIFY(updated.ok());
    QVERIFY(updated.value().written);
    QCOMPARE(updated.value().updatedDevices, 1);
    QCOMPARE(deviceCount(), count + 1);
    const StoredRow row = stored(QStringLiteral("HLX-00000001"));
    QCOMPARE(row.region, 1);
    QCOMPARE(row.firmware, QStringLiteral("3.1"));
    QCOMPARE(row.exceptions, int(Rooted));
}

void tst_InventoryImport::ambiguousModelNeedsManufacturer()
{
    // A second "Beta Max", made by Acme: the name alone no longer says which.
    QSqlQuery query(m_db.connection());
    QVERIFY(query.exec(
        QStringLiteral("INSERT INTO device_models VALUES (4, 1, 'Beta Max', 19000, 36, '')")));
    QVERIFY(query.exec(
        QStringLiteral("INSERT INTO firmware_versions VALUES (5, 4, '7.0', 1, 20000, 20000)")));
    const QByteArray noMaker = "IMEI,Model,Region,Patch level\n"
                               "352906110000017,Beta Max,DE,2026-09-05\n";
    const auto ambiguous = InventoryImport::run(
        m_db, writeFile(QStringLiteral("a.csv"), noMaker),
        InventoryMapping::guess({QStringLiteral("IMEI"), QStringLiteral("Model"),
                                 QStringLiteral("Region"), QStringLiteral("Patch level")}),
        options(), m_admin);
    QVERIFY(ambiguous.ok());
    QCOMPARE(ambiguous.value().problemCount, 1);
    QCOMPARE(ambiguous.value().problems[0].kind, InventoryProblemKind::AmbiguousModel);

    const auto resolved = import(header + "352906110000017,Beta,Beta Max,DE,,2026-09-05,,,\n");
    QVERIFY(resolved.ok());
    QVERIFY(resolved.value().written);
    QCOMPARE(stored(QStringLiteral("352906110000017")).model, 3);
}

void tst_InventoryImport::problemsAreCappedButCounted()
{
    QByteArray content = header;
    for (int i = 0; i < 1500; ++i)
        content += imei(35290700000000 + i) + ",Acme,Nope,DE,1.0,2022-06-05,,,\n";
    const auto report = import(content);
    QVERIFY(report.ok());
    QCOMPARE(report.value().problemCount, 1500);
    QCOMPARE(report.value().problemsByKind[std::size_t(InventoryProblemKind::UnknownModel)], 1500);
    QCOMPARE(report.value().problems.size(), 1000);
    QCOMPARE(report.value().problems.constLast().line, 1001);
    QVERIFY(report.value().problemSummary().contains(QStringLiteral("1500")));
}

void tst_InventoryImport::problemsExportAsCsv()
{
    const auto report
        = import(header + goodRow + "352906110000018,Acme,Acme One,DE,1.0,\"2022,06,05\",,,\n");
    QVERIFY(report.ok());
    QCOMPARE(report.value().problemCount, 2);
    const QString path = m_dir.filePath(QStringLiteral("problems.csv"));
    QVERIFY(InventoryImport::writeProblems(report.value(), path).ok());
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    CsvReader reader(&file);
    QVERIFY(reader.start());
    QCOMPARE(reader.next(), CsvReader::Read::Record);
    QCOMPARE(reader.text(0), QStringLiteral("line"));
    QCOMPARE(reader.text(4), QStringLiteral("reason"));
    QCOMPARE(reader.next(), CsvReader::Read::Record);
    QCOMPARE(reader.text(0), QStringLiteral("3"));
    QCOMPARE(reader.text(1), QStringLiteral("IMEI"));
    QCOMPARE(reader.text(3), QStringLiteral("bad-imei-check-digit"));
    QCOMPARE(reader.next(), CsvReader::Read::Record);
    QCOMPARE(reader.text(2), QStringLiteral("2022,06,05"));
    QCOMPARE(reader.text(3), QStringLiteral("bad-date"));
    QCOMPARE(reader.next(), CsvReader::Read::End);
}

void tst_InventoryImport::notCsv_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("message");

    QTest::newRow("empty") << QByteArray() << QStringLiteral("is empty");
    QTest::newRow("blank lines") << QByteArray("\n\r\n  \n") << QStringLiteral("is empty");
    QTest::newRow("header only") << header << QStringLiteral("no device rows");
    QTest::newRow("binary") << QByteArray("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16)
                            << QStringLiteral("not a text file");
    QTest::newRow("prose") << QByteArray("Dear operator\nplease find the devices attached\n")
                           << QStringLiteral("single column");
    QTest::newRow("quote never closed")
        << QByteArray(header + "352906110000017,\"Acme One,DE,1.0,2022-06-05,,,\n")
        << QStringLiteral("line 2 is not closed");
}

void tst_InventoryImport::notCsv()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, message);
    const QByteArray before = fleetDigest();
    const QString path = writeFile(QStringLiteral("odd.csv"), content);
    const auto preview = InventoryImport::inspect(m_db, path);
    const auto report = InventoryImport::run(m_db, path, standardMapping(), options(), m_admin);
    QVERIFY(!report.ok());
    QCOMPARE(report.error().code, ServiceError::Code::InvalidArgument);
    QVERIFY2(report.error().message.contains(message), qPrintable(report.error().message));
    QVERIFY2(report.error().hint.contains(QStringLiteral("Nothing was imported")),
             qPrintable(report.error().hint));
    // The preview refuses it too, with the same words.
    QVERIFY(!preview.ok());
    QCOMPARE(preview.error().message, report.error().message);
    QCOMPARE(fleetDigest(), before);

    const auto missing = InventoryImport::inspect(m_db, m_dir.filePath(QStringLiteral("gone.csv")));
    QCOMPARE(missing.error().code, ServiceError::Code::Io);
    QVERIFY(missing.error().message.contains(QStringLiteral("gone.csv")));
    const auto folder = InventoryImport::inspect(m_db, m_dir.path());
    QVERIFY(folder.error().message.contains(QStringLiteral("folder")));
}

void tst_InventoryImport::cancelWhileWritingChangesNothing()
{
    QByteArray content = header;
    for (int i = 0; i < 30000; ++i)
        content += imei(35290800000000 + i) + ",Beta,Beta Max,JP,3.1,2026-09-05,2026-09-20,,\n";
    content += "HLX-00000001,Beta,Beta Max,DE,3.0,,,,ported\n"; // an update too
    const QString path = writeFile(QStringLiteral("big.csv"), content);
    const QByteArray before = fleetDigest();
    bool wrote = false;
    const auto cancelled = InventoryImport::run(
        m_db, path, standardMapping(), options(), m_admin, [&](const InventoryProgress &p) {
            if (p.phase != InventoryProgress::Phase::Writing)
                return true;
            wrote = wrote || p.written > 0;
            return p.written < 16384; // half-way through the inserts
        });
    QVERIFY(wrote);
    QCOMPARE(cancelled.error().code, ServiceError::Code::Cancelled);
    QVERIFY(cancelled.error().message.contains(QStringLiteral("no device was changed")));
    QCOMPARE(fleetDigest(), before);

    // Cancelled at the last moment, after the audit entry, before COMMIT: still nothing.
    int allWritten = 0;
    const auto late = InventoryImport::run(
        m_db, path, standardMapping(), options(), m_admin, [&](const InventoryProgress &p) {
            if (p.phase == InventoryProgress::Phase::Writing && p.written == p.toWrite)
                ++allWritten;
            return allWritten < 2;
        });
    QCOMPARE(allWritten, 2);
    QCOMPARE(late.error().code, ServiceError::Code::Cancelled);
    QCOMPARE(fleetDigest(), before);

    // Cancelled while reading.
    const auto early
        = InventoryImport::run(m_db, path, standardMapping(), options(), m_admin,
                               [](const InventoryProgress &p) { return p.rows < 5000; });
    QCOMPARE(early.error().code, ServiceError::Code::Cancelled);
    QCOMPARE(fleetDigest(), before);

    // And the same file goes in whole when nobody cancels.
    const auto done = InventoryImport::run(m_db, path, standardMapping(), options(), m_admin);
    QVERIFY(done.ok());
    QCOMPARE(done.value().newDevices, 30000);
    QCOMPARE(done.value().updatedDevices, 1);
}

void tst_InventoryImport::cancelThroughBackendChangesNothing()
{
    QByteArray content = header;
    for (int i = 0; i < 200000; ++i)
        content += imei(35290900000000 + i) + ",Acme,Acme Two,DE,2.0,2026-10-01,,,\n";
    const QString path = writeFile(QStringLiteral("cancel.csv"), content);
    const QByteArray before = fleetDigest();
    m_db = Database();

    InventoryImportBackend importer;
    importer.setDatabasePath(m_path);
    importer.setReferenceTime(options().now);
    QSignalSpy imported(&importer, &InventoryImportBackend::devicesImported);
    QFuture<Result<InventoryReport>> running = importer.run(m_admin, path, standardMapping(), true);
    QTRY_VERIFY(running.progressValue() > 0 || running.isFinished());
    QVERIFY2(!running.isFinished(), "the import finished before it could be cancelled");
    running.cancel();
    running.waitForFinished();
    QVERIFY(running.isCanceled());
    QTest::qWait(50);
    QCOMPARE(imported.size(), 0);

    Result<Database> db = Database::open(m_path);
    QVERIFY(db.ok());
    m_db = std::move(db).value();
    QCOMPARE(fleetDigest(), before);
}

void tst_InventoryImport::waitsForAnotherWriter()
{
    // The rollout simulator writes the same file through its own connection. The import waits
    // for its transaction to end instead of failing with "database is locked".
    const QString path = writeFile(QStringLiteral("busy.csv"), header + goodRow);
    QSqlQuery lock(m_db.connection());
    QVERIFY(lock.exec(QStringLiteral("BEGIN IMMEDIATE")));
    QVERIFY(lock.exec(QStringLiteral("UPDATE devices SET last_checkin = last_checkin + 1")));

    InventoryImportBackend importer;
    importer.setDatabasePath(m_path);
    importer.setReferenceTime(options().now);
    QFuture<Result<InventoryReport>> running = importer.run(m_admin, path, standardMapping(), true);
    QTest::qWait(1500);
    QVERIFY(!running.isFinished());
    QVERIFY(lock.exec(QStringLiteral("COMMIT")));
    QTRY_VERIFY_WITH_TIMEOUT(running.isFinished(), 10000);
    QVERIFY2(running.result().ok(), qPrintable(running.result().error().text()));
    QVERIFY(running.result().value().written);
    QCOMPARE(stored(QStringLiteral("352906110000017")).model, 1);
}

void tst_InventoryImport::onlyAdministratorsImport()
{
    const QString path = writeFile(QStringLiteral("roles.csv"), header + goodRow);
    const QByteArray before = fleetDigest();
    for (OperatorRole role :
         {OperatorRole::Viewer, OperatorRole::TestEngineer, OperatorRole::RolloutManager}) {
        const Operator who{QStringLiteral("tess"), role};
        const auto refused = InventoryImport::run(m_db, path, standardMapping(), options(), who);
        QCOMPARE(refused.error().code, ServiceError::Code::PermissionDenied);
        QVERIFY(refused.error().message.contains(QStringLiteral("import the device inventory")));
    }
    const auto nobody = InventoryImport::run(m_db, path, standardMapping(), options(), Operator{});
    QCOMPARE(nobody.error().code, ServiceError::Code::PermissionDenied);
    QCOMPARE(fleetDigest(), before); // not even an audit entry

    InventoryImportBackend importer;
    importer.setDatabasePath(m_path);
    const Operator viewer{QStringLiteral("vic"), OperatorRole::Viewer};
    QCOMPARE(wait(importer.validate(viewer, path, standardMapping(), true)).error().code,
             ServiceError::Code::PermissionDenied);
    QCOMPARE(wait(importer.run(viewer, path, standardMapping(), true)).error().code,
             ServiceError::Code::PermissionDenied);
    const auto validated = wait(importer.validate(m_admin, path, standardMapping(), true));
    QVERIFY(validated.ok());
    QVERIFY(!validated.value().written);
    QCOMPARE(validated.value().newDevices, 1);
    QCOMPARE(fleetDigest(), before); // validating writes nothing
}

void tst_InventoryImport::exportedFileImportsAgain()
{
    // What File > Export Devices as CSV writes, File > Import Devices reads back unchanged.
    m_db = Database();
    const QString path = m_dir.filePath(QStringLiteral("demo.db"));
    LocalTrackerBackend tracker;
    QVERIFY(wait(tracker.open({path, 2000, 7, KnownFleet::referenceDate()})).ok());
    QVERIFY(wait(tracker.indexReady()).ok());
    DeviceQuery all;
    all.referenceDate = KnownFleet::referenceDate();
    const QString csv = m_dir.filePath(QStringLiteral("export.csv"));
    QCOMPARE(wait(tracker.exportDevices(all, csv)).value(), 2000);

    Result<Database> db = Database::open(path);
    QVERIFY(db.ok());
    m_db = std::move(db).value();
    const auto preview = InventoryImport::inspect(m_db, csv);
    QVERIFY(preview.ok());
    const QByteArray before = fleetDigest(false);
    InventoryOptions opts = options();
    opts.now = QDateTime(opts.today, QTime(23, 0), Qt::UTC);
    const auto report = InventoryImport::run(m_db, csv, preview.value().guess, opts, m_admin);
    QVERIFY2(report.ok(), qPrintable(report.error().text()));
    QVERIFY2(report.value().isClean(),
             qPrintable(report.value().problems.value(0).reason + QLatin1Char(' ')
                        + report.value().problems.value(0).value));
    QCOMPARE(report.value().updatedDevices, 2000);
    QCOMPARE(report.value().newDevices, 0);
    QVERIFY(report.value().written);
    // The devices are as they were; only the audit log has one entry more.
    QCOMPARE(fleetDigest(false), before);
    QSqlQuery query(m_db.connection());
    query.exec(QStringLiteral("SELECT count(*) FROM audit_log"));
    query.next();
    QCOMPARE(query.value(0).toInt(), 1);
}

QTEST_GUILESS_MAIN(tst_InventoryImport)
#include "tst_inventoryimport.moc"
