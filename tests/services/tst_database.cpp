// SPDX-License-Identifier: Apache-2.0
// The store: new files get the schema, bad files are refused with a message and never touched.
#include "storage/database.h"
#include "tracker/fleetindex.h"

#include <QCryptographicHash>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Patchboard;

namespace {

QByteArray fileDigest(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256);
}

// Writes a SQLite file with plain Qt SQL, outside Patchboard's Database class.
void writeForeignSqlite(const QString &path, const QStringList &statements)
{
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("foreign"));
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery query(db);
        for (const QString &statement : statements)
            QVERIFY2(query.exec(statement), qPrintable(statement));
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("foreign"));
}

} // namespace

class tst_Database : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void createsSchema();
    void reopenKeepsData();
    void refusesBadFiles_data();
    void refusesBadFiles();
    void refusesNewerSchema();
    void refusesForeignDatabase();
    void reportsDamagedPages();
    void refusesFolder();

private:
    QTemporaryDir m_dir;
};

void tst_Database::createsSchema()
{
    const QString path = m_dir.filePath(QStringLiteral("new.db"));
    Result<Database> db = Database::open(path);
    QVERIFY2(db.ok(), qPrintable(db.error().text()));
    QVERIFY(db.value().isNew());
    QSqlQuery query(db.value().connection());
    QVERIFY(query.exec(QStringLiteral("PRAGMA user_version")) && query.next());
    QCOMPARE(query.value(0).toInt(), Database::SchemaVersion);
    QVERIFY(query.exec(QStringLiteral("PRAGMA application_id")) && query.next());
    QCOMPARE(query.value(0).toInt(), Database::ApplicationId);
    QVERIFY(query.exec(QStringLiteral("PRAGMA journal_mode")) && query.next());
    QCOMPARE(query.value(0).toString(), QStringLiteral("wal"));
    for (const char *table : {"devices", "device_models", "manufacturers", "regions",
                              "firmware_versions", "update_events"}) {
        QVERIFY(query.exec(QStringLiteral("SELECT count(*) FROM ") + QLatin1String(table)));
    }
}

void tst_Database::reopenKeepsData()
{
    const QString path = m_dir.filePath(QStringLiteral("reopen.db"));
    {
        Result<Database> db = Database::open(path);
        QVERIFY(db.ok());
        QVERIFY(db.value().exec(QStringLiteral("INSERT INTO manufacturers VALUES (1, 'Kept')")).ok());
    }
    Result<Database> db = Database::open(path);
    QVERIFY2(db.ok(), qPrintable(db.error().text()));
    QVERIFY(!db.value().isNew());
    QSqlQuery query(db.value().connection());
    QVERIFY(query.exec(QStringLiteral("SELECT name FROM manufacturers")) && query.next());
    QCOMPARE(query.value(0).toString(), QStringLiteral("Kept"));
}

void tst_Database::refusesBadFiles_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::newRow("text file") << QByteArray("device_id,model\n35000,Acme\n");
    QTest::newRow("random bytes") << QByteArray(4096, '\xA5');
    QTest::newRow("truncated SQLite header") << QByteArray("SQLite form");
    QTest::newRow("SQLite header, garbage after")
        << (QByteArray("SQLite format 3", 16) + QByteArray(4080, '\x7f'));
}

void tst_Database::refusesBadFiles()
{
    QFETCH(QByteArray, content);
    const QString path = m_dir.filePath(QStringLiteral("bad-%1.db").arg(QString::fromLatin1(QTest::currentDataTag())));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(content);
    file.close();
    const QByteArray before = fileDigest(path);

    Result<Database> db = Database::open(path);
    QVERIFY(!db.ok());
    QVERIFY(db.error().code == ServiceError::Code::StorageCorrupt);
    QVERIFY2(db.error().message.contains(path), qPrintable(db.error().message));
    QVERIFY(!db.error().hint.isEmpty());
    QCOMPARE(fileDigest(path), before); // never overwritten or "repaired"
}

void tst_Database::refusesNewerSchema()
{
    const QString path = m_dir.filePath(QStringLiteral("newer.db"));
    writeForeignSqlite(path, {QStringLiteral("PRAGMA application_id = %1").arg(Database::ApplicationId),
                              QStringLiteral("PRAGMA user_version = %1").arg(Database::SchemaVersion + 7),
                              QStringLiteral("CREATE TABLE future (x)")});
    const QByteArray before = fileDigest(path);
    Result<Database> db = Database::open(path);
    QVERIFY(!db.ok());
    QVERIFY(db.error().code == ServiceError::Code::SchemaTooNew);
    QVERIFY(db.error().message.contains(QString::number(Database::SchemaVersion + 7)));
    QCOMPARE(fileDigest(path), before);
}

void tst_Database::refusesForeignDatabase()
{
    const QString path = m_dir.filePath(QStringLiteral("foreign.db"));
    writeForeignSqlite(path, {QStringLiteral("CREATE TABLE invoices (id INTEGER, total REAL)"),
                              QStringLiteral("INSERT INTO invoices VALUES (1, 9.5)")});
    const QByteArray before = fileDigest(path);
    Result<Database> db = Database::open(path);
    QVERIFY(!db.ok());
    QVERIFY(db.error().code == ServiceError::Code::ForeignDatabase);
    QCOMPARE(fileDigest(path), before);
}

void tst_Database::reportsDamagedPages()
{
    // A Patchboard database whose device pages are overwritten: opening may succeed (the header
    // is intact) but reading the fleet must report damage, naming the file.
    const QString path = m_dir.filePath(QStringLiteral("damaged.db"));
    {
        Result<Database> db = Database::open(path);
        QVERIFY(db.ok());
        QVERIFY(db.value().exec(QStringLiteral("INSERT INTO manufacturers VALUES (1, 'A')")).ok());
        QVERIFY(db.value().exec(QStringLiteral("INSERT INTO device_models VALUES (1, 1, 'M', 18000, 36, '')")).ok());
        QVERIFY(db.value().exec(QStringLiteral("INSERT INTO regions VALUES (1, 'DE', 'Germany', 'Europe/Berlin')")).ok());
        QVERIFY(db.value().exec(QStringLiteral("INSERT INTO firmware_versions VALUES (1, 1, '1', 1, 19000, 19000)")).ok());
        QVERIFY(db.value().exec(QStringLiteral(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000) "
            "INSERT INTO devices (device_id, model_id, region_id, firmware_id, patch_level, "
            "patch_applied, last_checkin) SELECT printf('%015d', i), 1, 1, 1, 19000, 19000, 0 FROM n")).ok());
    }
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadWrite));
    const qint64 size = file.size();
    QVERIFY(size > 64 * 1024);
    // Leave page 1 (header and schema) alone; scribble over the middle of the file.
    file.seek(size / 2);
    file.write(QByteArray(16 * 1024, '\x33'));
    file.close();
    const QByteArray before = fileDigest(path);

    Result<Database> db = Database::open(path);
    if (db.ok()) {
        auto index = FleetIndex::load(db.value());
        QVERIFY(!index.ok());
        QVERIFY2(index.error().code == ServiceError::Code::StorageCorrupt, qPrintable(index.error().text()));
        QVERIFY(index.error().message.contains(path));
    } else {
        QVERIFY(db.error().code == ServiceError::Code::StorageCorrupt);
    }
    QCOMPARE(fileDigest(path), before);
}

void tst_Database::refusesFolder()
{
    Result<Database> db = Database::open(m_dir.path());
    QVERIFY(!db.ok());
    QVERIFY(db.error().message.contains(m_dir.path()));
}

QTEST_GUILESS_MAIN(tst_Database)
#include "tst_database.moc"
