// SPDX-License-Identifier: Apache-2.0
// AuditLogModel over AuditBackend: pages fetched as the view asks (canFetchMore/fetchMore),
// newest first, filters run in the store, stale pages dropped, nothing shown twice when entries
// arrive while paging; and the backend's chain check and CSV export.
#include "audit/localauditbackend.h"
#include "auditlogmodel.h"
#include "storage/database.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Patchboard;

namespace {

const QDateTime t0(QDate(2025, 11, 1), QTime(8, 0), Qt::UTC);

template<typename T> T waitFor(QFuture<Result<T>> future)
{
    future.waitForFinished();
    return future.result().value();
}

} // namespace

class tst_AuditLogModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void pagesArriveAsTheViewAsks();
    void testerFetchesEverything();
    void filterRunsInTheStore();
    void newerQueryDropsOlderPages();
    void entriesWrittenWhilePagingAreNotShownTwice();
    void exportAndVerify();

private:
    bool append(int count, const QString &actor, const QString &action);

    QTemporaryDir m_dir;
    QString m_path;
    Database m_db; // the writer, on the test thread
    int m_written = 0;
    std::unique_ptr<LocalAuditBackend> m_backend;
};

bool tst_AuditLogModel::append(int count, const QString &actor, const QString &action)
{
    AuditLog log(m_db);
    for (int i = 0; i < count; ++i) {
        ++m_written;
        const QJsonObject details{
            {QStringLiteral("reason"), QStringLiteral("step %1").arg(m_written)}};
        if (!log.append(actor, QStringLiteral("test-engineer"), action,
                        QStringLiteral("release %1").arg(m_written), details,
                        t0.addSecs(3600 * m_written)))
            return false;
    }
    return true;
}

void tst_AuditLogModel::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    m_path = m_dir.filePath(QStringLiteral("audit.db"));
    Result<Database> db = Database::open(m_path);
    QVERIFY(db.ok());
    m_db = std::move(db).value();
    // 250 commits: no need to wait for the disk in a test.
    QVERIFY(QSqlQuery(m_db.connection()).exec(QStringLiteral("PRAGMA synchronous = OFF")));
    QVERIFY(append(150, QStringLiteral("tess"), QStringLiteral("release.test")));
    QVERIFY(append(100, QStringLiteral("tom"), QStringLiteral("release.approve")));
    m_backend = std::make_unique<LocalAuditBackend>();
    const AuditVerification opened = waitFor(m_backend->open(m_path));
    QVERIFY(opened.intact);
    QCOMPARE(opened.entries, qint64(250));
}

void tst_AuditLogModel::cleanupTestCase()
{
    m_backend.reset();
    m_db = Database();
}

void tst_AuditLogModel::pagesArriveAsTheViewAsks()
{
    // No QAbstractItemModelTester here: it asks for more on every change, and this test is about
    // the model fetching only what it is asked for. The other tests run under the tester.
    AuditLogModel model(m_backend.get());
    model.setPageSize(100);
    QSignalSpy pages(&model, &AuditLogModel::pageLoaded);
    model.setQuery({});
    QTRY_COMPARE(pages.size(), 1);
    QCOMPARE(model.rowCount(), 100);
    QVERIFY(model.canFetchMore({}));
    QCOMPARE(model.index(0, AuditLogModel::SequenceColumn).data().toString(),
             QStringLiteral("250"));
    QCOMPARE(model.index(0, AuditLogModel::ActorColumn).data().toString(), QStringLiteral("tom"));
    QCOMPARE(model.index(0, AuditLogModel::DetailsColumn).data().toString(),
             QStringLiteral("reason: step 250"));
    QCOMPARE(model.index(0, AuditLogModel::TimeColumn).data(AuditLogModel::SortRole).toDateTime(),
             t0.addSecs(3600 * 250));
    model.fetchMore({});
    QVERIFY(!model.canFetchMore({})); // one page at a time
    QTRY_COMPARE(model.rowCount(), 200);
    model.fetchMore({});
    QTRY_COMPARE(model.rowCount(), 250);
    QVERIFY(model.atEnd());
    QVERIFY(!model.canFetchMore({}));
    QCOMPARE(model.index(249, AuditLogModel::SequenceColumn).data().toString(),
             QStringLiteral("1"));
}

void tst_AuditLogModel::testerFetchesEverything()
{
    AuditLogModel model(m_backend.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setPageSize(60);
    model.setQuery({});
    // The tester calls fetchMore() after every change, like a view scrolled to the end.
    QTRY_VERIFY(model.atEnd() && !model.isLoading());
    QCOMPARE(model.rowCount(), 250);
}

void tst_AuditLogModel::filterRunsInTheStore()
{
    AuditLogModel model(m_backend.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    AuditQuery query;
    query.actor = QStringLiteral("tess");
    query.from = t0.addSecs(3600 * 101);
    query.to = t0.addSecs(3600 * 110);
    model.setQuery(query);
    QTRY_COMPARE(model.rowCount(), 10);
    QVERIFY(model.atEnd());
    query = {};
    query.actionPrefix = QStringLiteral("release.app");
    query.text = QStringLiteral("step 24");
    model.setQuery(query);
    // steps 240..249 (tom's); step 24 is tess's release.test.
    QTRY_COMPARE(model.rowCount(), 10);
    QCOMPARE(model.index(0, AuditLogModel::ActionColumn).data().toString(),
             QStringLiteral("release.approve"));
}

void tst_AuditLogModel::newerQueryDropsOlderPages()
{
    AuditLogModel model(m_backend.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    AuditQuery first;
    first.actor = QStringLiteral("tess");
    AuditQuery second;
    second.actor = QStringLiteral("tom");
    model.setQuery(first);
    model.setQuery(second); // before the first answer arrives
    QTRY_VERIFY(!model.isLoading());
    QTRY_COMPARE(model.rowCount(), 100);
    for (int row = 0; row < model.rowCount(); ++row)
        QCOMPARE(model.index(row, AuditLogModel::ActorColumn).data().toString(),
                 QStringLiteral("tom"));
}

void tst_AuditLogModel::entriesWrittenWhilePagingAreNotShownTwice()
{
    // Page by page, as a view scrolls (the tester would fetch everything at once).
    AuditLogModel model(m_backend.get());
    model.setPageSize(40);
    model.setQuery({});
    QTRY_COMPARE(model.rowCount(), 40);
    const qint64 newest = model.index(0, 0).data(AuditLogModel::SequenceRole).toLongLong();
    QVERIFY(append(5, QStringLiteral("vic"), QStringLiteral("release.reject")));
    model.fetchMore({});
    QTRY_VERIFY(!model.isLoading());
    // The page shifted by five: the five repeated rows are skipped, none is missing.
    QCOMPARE(model.rowCount(), 75);
    for (int row = 1; row < model.rowCount(); ++row)
        QCOMPARE(model.index(row, 0).data(AuditLogModel::SequenceRole).toLongLong(), newest - row);
    model.refresh(); // and the new ones appear on top
    QTRY_COMPARE(model.rowCount(), 40);
    QCOMPARE(model.index(0, AuditLogModel::ActorColumn).data().toString(), QStringLiteral("vic"));
}

void tst_AuditLogModel::exportAndVerify()
{
    const QString path = m_dir.filePath(QStringLiteral("out.csv"));
    AuditQuery query;
    query.actor = QStringLiteral("tom");
    QCOMPARE(waitFor(m_backend->exportCsv(query, path)), 100);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = file.readAll().split('\n');
    QCOMPARE(lines.size(), 102); // header, 100 entries, the empty rest after the last CRLF
    QVERIFY(lines.at(1).startsWith("250,2025-11-11T18:00:00Z,tom,test-engineer,release.approve,"));
    // An export into a folder that does not exist fails and says where.
    const Result<int> failed = [&] {
        QFuture<Result<int>> f
            = m_backend->exportCsv(query, m_dir.filePath(QStringLiteral("no/x.csv")));
        f.waitForFinished();
        return f.result();
    }();
    QCOMPARE(failed.error().code, ServiceError::Code::Io);

    QVERIFY(waitFor(m_backend->verify()).intact);
    QSqlQuery tamper(m_db.connection());
    QVERIFY(tamper.exec(QStringLiteral("DROP TRIGGER IF EXISTS audit_log_no_delete")));
    QVERIFY(tamper.exec(QStringLiteral("DELETE FROM audit_log WHERE sequence = 17")));
    const AuditVerification broken = waitFor(m_backend->verify());
    QVERIFY(!broken.intact);
    QCOMPARE(broken.firstBadSequence, qint64(17));
}

QTEST_MAIN(tst_AuditLogModel)
#include "tst_auditlogmodel.moc"
