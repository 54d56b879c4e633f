// SPDX-License-Identifier: Apache-2.0
// The demo fleet is deterministic for a seed and realistic enough to show every status.
#include "simulation/democatalog.h"
#include "simulation/demofleetgenerator.h"
#include "storage/database.h"
#include "storage/epochday.h"
#include "domain/device.h"

#include <QCryptographicHash>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>

using namespace Patchboard;

class tst_DemoFleet : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sameSeedSameFleet();
    void catalogShape();
    void devicesAreRealistic();
    void refusesNonEmptyDatabase();
    void cancelLeavesDatabaseEmpty();
    void luhn_data();
    void luhn();

private:
    QByteArray generateAndDigest(const QString &name, quint64 seed);
    QTemporaryDir m_dir;
    const QDate m_today{2026, 11, 23};
};

QByteArray tst_DemoFleet::generateAndDigest(const QString &name, quint64 seed)
{
    Result<Database> db = Database::open(m_dir.filePath(name));
    if (!db)
        return {};
    const Status done = DemoFleetGenerator({5000, seed, m_today}).generate(db.value());
    if (!done)
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    QSqlQuery query(db.value().connection());
    for (const char *sql : {"SELECT * FROM device_models ORDER BY id", "SELECT * FROM firmware_versions ORDER BY id",
                            "SELECT * FROM devices ORDER BY id"}) {
        query.exec(QString::fromLatin1(sql));
        while (query.next()) {
            for (int i = 0; i < query.record().count(); ++i)
                hash.addData(QByteArray(query.value(i).toString().toUtf8() + '\x1f'));
        }
    }
    return hash.result();
}

void tst_DemoFleet::sameSeedSameFleet()
{
    const QByteArray first = generateAndDigest(QStringLiteral("a.db"), 7);
    const QByteArray second = generateAndDigest(QStringLiteral("b.db"), 7);
    const QByteArray other = generateAndDigest(QStringLiteral("c.db"), 8);
    QVERIFY(!first.isEmpty());
    QCOMPARE(second, first);
    QVERIFY(other != first);
}

void tst_DemoFleet::catalogShape()
{
    Result<Database> db = Database::open(m_dir.filePath(QStringLiteral("a.db")));
    QVERIFY(db.ok());
    QSqlQuery query(db.value().connection());
    QVERIFY(query.exec(QStringLiteral("SELECT count(*) FROM manufacturers")) && query.next());
    QCOMPARE(query.value(0).toInt(), 8);
    QVERIFY(query.exec(QStringLiteral("SELECT count(*), sum(support_months >= 36), sum(support_months < 36) FROM device_models")) && query.next());
    QCOMPARE(query.value(0).toInt(), 40);
    // SSU-SEC-0030: most models get 36 months or more; a few do not, so that violations show.
    QVERIFY(query.value(1).toInt() >= 30);
    QVERIFY(query.value(2).toInt() >= 2);
    // Firmware sequence numbers are monotonic per model, and so are their patch levels.
    QVERIFY(query.exec(QStringLiteral(
        "SELECT count(*) FROM firmware_versions a JOIN firmware_versions b ON a.model_id = b.model_id "
        "AND a.sequence < b.sequence AND a.patch_level > b.patch_level")) && query.next());
    QCOMPARE(query.value(0).toInt(), 0);
}

void tst_DemoFleet::devicesAreRealistic()
{
    Result<Database> db = Database::open(m_dir.filePath(QStringLiteral("a.db")));
    QVERIFY(db.ok());
    QSqlQuery query(db.value().connection());
    QVERIFY(query.exec(QStringLiteral("SELECT device_id, patch_level, patch_applied, update_state, exception_flags FROM devices")));
    const qint64 today = EpochDay::fromDate(m_today);
    int devices = 0, imeis = 0, rooted = 0, ported = 0, failed = 0;
    while (query.next()) {
        ++devices;
        const QString id = query.value(0).toString();
        if (id.size() == 15 && id.front().isDigit()) {
            ++imeis;
            QCOMPARE(DemoCatalog::luhnCheckDigit(QStringView(id).left(14)), id.back().digitValue());
        }
        const QDate level = EpochDay::toDate(query.value(1).toLongLong());
        QVERIFY2(level.day() == 1 || level.day() == 5, qPrintable(level.toString(Qt::ISODate)));
        QVERIFY(query.value(2).toLongLong() >= query.value(1).toLongLong()); // applied after release
        QVERIFY(query.value(2).toLongLong() <= today);
        rooted += query.value(4).toInt() & Rooted ? 1 : 0;
        ported += query.value(4).toInt() & Ported ? 1 : 0;
        failed += query.value(3).toInt() == int(UpdateState::Failed) ? 1 : 0;
    }
    QCOMPARE(devices, 5000);
    QVERIFY(imeis > devices / 2);
    QVERIFY(rooted > 0 && rooted < devices / 10);
    QVERIFY(ported > 0 && ported < devices / 10);
    QVERIFY(failed > 0);
    // Every support status occurs on the reference date.
    QVERIFY(query.exec(QStringLiteral("SELECT DISTINCT m.id, m.launch_date, m.support_months FROM devices d JOIN device_models m ON m.id = d.model_id")));
    bool ended = false, supported = false;
    while (query.next()) {
        const QDate end = EpochDay::toDate(query.value(1).toLongLong()).addMonths(query.value(2).toInt());
        ended |= end < m_today;
        supported |= end > m_today.addDays(90);
    }
    QVERIFY(ended && supported);
}

void tst_DemoFleet::refusesNonEmptyDatabase()
{
    Result<Database> db = Database::open(m_dir.filePath(QStringLiteral("a.db")));
    QVERIFY(db.ok());
    const Status again = DemoFleetGenerator({100, 1, m_today}).generate(db.value());
    QVERIFY(!again.ok());
    QVERIFY(again.error().code == ServiceError::Code::InvalidArgument);
}

void tst_DemoFleet::cancelLeavesDatabaseEmpty()
{
    Result<Database> db = Database::open(m_dir.filePath(QStringLiteral("cancel.db")));
    QVERIFY(db.ok());
    int calls = 0;
    const Status cancelled = DemoFleetGenerator({120000, 1, m_today}).generate(db.value(), [&](int, int) { return ++calls < 3; });
    QVERIFY(!cancelled.ok());
    QVERIFY(cancelled.error().code == ServiceError::Code::Cancelled);
    QSqlQuery query(db.value().connection());
    QVERIFY(query.exec(QStringLiteral("SELECT (SELECT count(*) FROM devices) + (SELECT count(*) FROM device_models)")) && query.next());
    QCOMPARE(query.value(0).toInt(), 0);
}

void tst_DemoFleet::luhn_data()
{
    QTest::addColumn<QString>("imei");
    // Published example IMEIs with their check digits.
    QTest::newRow("3GPP TS 23.003 example") << QStringLiteral("490154203237518");
    QTest::newRow("another valid") << QStringLiteral("356938035643809");
}

void tst_DemoFleet::luhn()
{
    QFETCH(QString, imei);
    QCOMPARE(DemoCatalog::luhnCheckDigit(QStringView(imei).left(14)), imei.back().digitValue());
}

QTEST_GUILESS_MAIN(tst_DemoFleet)
#include "tst_demofleet.moc"
