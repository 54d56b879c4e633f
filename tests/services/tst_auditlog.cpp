// SPDX-License-Identifier: Apache-2.0
// The audit log is append-only and any tampering is reported with its position.
#include "audit/auditlog.h"
#include "storage/database.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Patchboard;

class tst_AuditLog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void intactChainVerifies();
    void refusesUpdateAndDelete();
    void tampering_data();
    void tampering();
    void filters();
    void entryJoinsCallersTransaction();

private:
    void fill(int entries);
    bool execUnguarded(const QString &sql);

    QTemporaryDir m_dir;
    Database m_db;
    int m_run = 0;
};

void tst_AuditLog::init()
{
    Result<Database> db = Database::open(m_dir.filePath(QStringLiteral("audit-%1.db").arg(++m_run)));
    QVERIFY2(db.ok(), qPrintable(db.error().text()));
    m_db = std::move(db).value();
}

void tst_AuditLog::cleanup()
{
    m_db = Database();
}

void tst_AuditLog::fill(int entries)
{
    AuditLog log(m_db);
    const QDateTime start(QDate(2026, 11, 2), QTime(9, 0), Qt::UTC);
    for (int i = 1; i <= entries; ++i) {
        const auto entry = log.append(i % 2 ? QStringLiteral("alice") : QStringLiteral("bob"),
                                      QStringLiteral("test-engineer"),
                                      i % 3 ? QStringLiteral("release.test") : QStringLiteral("trust.key.add"),
                                      QStringLiteral("release-%1").arg(i),
                                      {{QStringLiteral("note"), QStringLiteral("case %1 passed").arg(i)}},
                                      start.addSecs(60 * i));
        QVERIFY(entry.ok());
        QCOMPARE(entry.value().sequence, qint64(i));
    }
}

// Tampering "from outside": drop the guards the schema installs, as an attacker with file
// access could.
bool tst_AuditLog::execUnguarded(const QString &sql)
{
    QSqlQuery query(m_db.connection());
    return query.exec(QStringLiteral("DROP TRIGGER IF EXISTS audit_log_no_update"))
        && query.exec(QStringLiteral("DROP TRIGGER IF EXISTS audit_log_no_delete")) && query.exec(sql);
}

void tst_AuditLog::intactChainVerifies()
{
    fill(20);
    const auto verification = AuditLog(m_db).verify();
    QVERIFY(verification.ok());
    QVERIFY2(verification.value().intact, qPrintable(verification.value().problem));
    QCOMPARE(verification.value().entries, qint64(20));
    const auto all = AuditLog(m_db).entries({}, 0, 100);
    QCOMPARE(all.value().size(), 20);
    QCOMPARE(all.value().first().sequence, qint64(20)); // newest first
    QCOMPARE(all.value().last().previousHash, QByteArray(32, '\0'));
}

void tst_AuditLog::refusesUpdateAndDelete()
{
    fill(3);
    QSqlQuery query(m_db.connection());
    QVERIFY(!query.exec(QStringLiteral("UPDATE audit_log SET actor = 'mallory' WHERE sequence = 2")));
    QVERIFY(!query.exec(QStringLiteral("DELETE FROM audit_log WHERE sequence = 3")));
    QVERIFY(AuditLog(m_db).verify().value().intact);
}

void tst_AuditLog::tampering_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<qint64>("position");
    QTest::newRow("changed actor") << QStringLiteral("UPDATE audit_log SET actor = 'mallory' WHERE sequence = 7") << qint64(7);
    QTest::newRow("changed details") << QStringLiteral("UPDATE audit_log SET details = '{\"note\":\"waived\"}' WHERE sequence = 4") << qint64(4);
    QTest::newRow("changed time") << QStringLiteral("UPDATE audit_log SET time = time + 1 WHERE sequence = 10") << qint64(10);
    QTest::newRow("deleted entry") << QStringLiteral("DELETE FROM audit_log WHERE sequence = 5") << qint64(5);
    QTest::newRow("deleted tail") << QStringLiteral("DELETE FROM audit_log WHERE sequence >= 11") << qint64(11);
    QTest::newRow("rehashed entry")
        << QStringLiteral("UPDATE audit_log SET hash = zeroblob(32) WHERE sequence = 3") << qint64(3);
    QTest::newRow("inserted entry")
        << QStringLiteral("INSERT INTO audit_log SELECT 13, time, actor, role, action, subject, details, "
                          "hash, hash FROM audit_log WHERE sequence = 12")
        << qint64(13);
}

void tst_AuditLog::tampering()
{
    QFETCH(QString, sql);
    QFETCH(qint64, position);
    fill(12);
    QVERIFY(execUnguarded(sql));
    const auto verification = AuditLog(m_db).verify();
    QVERIFY(verification.ok());
    QVERIFY(!verification.value().intact);
    QCOMPARE(verification.value().firstBadSequence, position);
    QVERIFY2(verification.value().problem.contains(QString::number(position)),
             qPrintable(verification.value().problem));
}

void tst_AuditLog::filters()
{
    fill(9);
    AuditLog log(m_db);
    AuditQuery query;
    query.actor = QStringLiteral("bob");
    QCOMPARE(log.entries(query, 0, 100).value().size(), 4);
    query = {};
    query.actionPrefix = QStringLiteral("trust.");
    QCOMPARE(log.entries(query, 0, 100).value().size(), 3);
    query = {};
    query.text = QStringLiteral("case 7 ");
    QCOMPARE(log.entries(query, 0, 100).value().size(), 1);
    query.text = QStringLiteral("%");
    QCOMPARE(log.entries(query, 0, 100).value().size(), 0); // literal, not a wildcard
    query = {};
    query.from = QDateTime(QDate(2026, 11, 2), QTime(9, 3), Qt::UTC);
    query.to = QDateTime(QDate(2026, 11, 2), QTime(9, 5), Qt::UTC);
    QCOMPARE(log.entries(query, 0, 100).value().size(), 3);
    QCOMPARE(log.entries({}, 2, 3).value().first().sequence, qint64(7));
}

void tst_AuditLog::entryJoinsCallersTransaction()
{
    // A change and its audit entry are one transaction: rolled back together, committed together.
    fill(2);
    QSqlDatabase db = m_db.connection();
    AuditLog log(m_db);
    const QDateTime when(QDate(2026, 11, 3), QTime(8, 0), Qt::UTC);
    QVERIFY(db.transaction());
    QVERIFY(log.appendWithinTransaction(QStringLiteral("carol"), QStringLiteral("test-engineer"),
                                        QStringLiteral("release.approve"), QStringLiteral("release 9"),
                                        {}, when).ok());
    QVERIFY(db.rollback());
    QCOMPARE(log.verify().value().entries, qint64(2));
    QVERIFY(log.verify().value().intact);

    QVERIFY(db.transaction());
    QVERIFY(log.appendWithinTransaction(QStringLiteral("carol"), QStringLiteral("test-engineer"),
                                        QStringLiteral("release.approve"), QStringLiteral("release 9"),
                                        {}, when).ok());
    QVERIFY(db.commit());
    QCOMPARE(log.verify().value().entries, qint64(3));
    QVERIFY(log.verify().value().intact);
}

QTEST_GUILESS_MAIN(tst_AuditLog)
#include "tst_auditlog.moc"
