// SPDX-License-Identifier: Apache-2.0
// The PostgreSQL storage of patchboard-server (issue #6): the numbered migrations build the same
// schema as on SQLite, opening again changes nothing, two server instances starting at once
// migrate once, a foreign or newer database is refused untouched, and the tracker's queries, the
// audit log and the release import give the same answers as on SQLite.
//
// Needs a PostgreSQL database: PATCHBOARD_TEST_POSTGRES=postgresql://user:pw@host:port/db
// (scripts/with-postgres.sh starts a throw-away server and sets it). Every test works in a schema
// of its own, dropped at the end; the database's other schemas are not touched.
#include "knownfleet.h"
#include "tst_releasekit.h"

#include "audit/auditlog.h"
#include "simulation/demofleetgenerator.h"
#include "storage/database.h"
#include "storage/databasecopy.h"
#include "storage/devicesql.h"
#include "storage/postgresurl.h"
#include "tracker/fleetindex.h"
#include "tracker/localtrackerbackend.h"

#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace Patchboard;

Q_DECLARE_METATYPE(Patchboard::DeviceQuery)

namespace {

const char skipMessage[] = "set PATCHBOARD_TEST_POSTGRES (scripts/with-postgres.sh does) to run";
const QDate fleetDate(2026, 11, 23);

template<typename T> Result<T> wait(QFuture<Result<T>> future)
{
    future.waitForFinished();
    return future.result();
}

QStringList rowsOf(QSqlQuery &query)
{
    QStringList rows;
    while (query.next()) {
        QStringList cells;
        for (int i = 0; i < query.record().count(); ++i)
            cells << query.value(i).toString();
        rows << cells.join(QLatin1Char('|'));
    }
    return rows;
}

QString describe(const Device &d)
{
    return QStringLiteral("%1 m%2 r%3 %4/%5 pl%6 pa%7 c%8 s%9 x%10")
        .arg(d.deviceId)
        .arg(d.modelId)
        .arg(d.regionId)
        .arg(d.firmwareVersion)
        .arg(d.firmwareSequence)
        .arg(d.patchLevel.toString(Qt::ISODate), d.patchApplied.toString(Qt::ISODate))
        .arg(d.lastCheckIn.toSecsSinceEpoch())
        .arg(int(d.updateState))
        .arg(int(d.exceptions));
}

} // namespace

class tst_Postgres : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void migrationsCreateTheSqliteSchema();
    void reopeningChangesNothing();
    void twoInstancesMigrateOnce();
    void foreignAndNewerDatabasesAreRefused();
    void connectionErrorsNameTheServerNotThePassword();
    void explicitIdsDoNotBlockLaterInserts();
    void knownFleetFilters_data();
    void knownFleetFilters();
    void deviceQueriesMatchSqlite_data();
    void deviceQueriesMatchSqlite();
    void trackerBackendMatchesSqlite();
    void auditLogAppendsAndVerifies();
    void releaseImportAndApproval();
    void copyDatabaseMovesEveryRow();

private:
    // A new, empty schema; the URL that connects into it.
    QString freshSchema(const QString &tag);
    QSqlQuery admin() const { return QSqlQuery(QSqlDatabase::database(QStringLiteral("admin"))); }
    // The demo fleet generated into SQLite and copied row for row into a PostgreSQL schema.
    void prepareDemoFleet();
    QStringList viaSql(Database &db, const FleetCatalog &catalog, const DeviceQuery &query);

    QString m_url;
    QString m_password;
    QStringList m_schemas;
    QTemporaryDir m_dir;
    QString m_sqlitePath;
    QString m_demoUrl;
};

void tst_Postgres::initTestCase()
{
    m_url = qEnvironmentVariable("PATCHBOARD_TEST_POSTGRES");
    if (m_url.isEmpty())
        QSKIP(skipMessage);
    const Result<PostgresUrl> url = PostgresUrl::parse(m_url);
    QVERIFY2(url.ok(), qPrintable(url.error().text()));
    m_password = url.value().password;
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), QStringLiteral("admin"));
    db.setHostName(url.value().host);
    db.setPort(url.value().port);
    db.setUserName(url.value().user);
    db.setPassword(url.value().password);
    db.setDatabaseName(url.value().database);
    QVERIFY2(db.open(), qPrintable(db.lastError().text()));
    QSqlQuery(db).exec(QStringLiteral("SET client_min_messages = warning"));
    QVERIFY(m_dir.isValid());
}

void tst_Postgres::cleanupTestCase()
{
    if (m_url.isEmpty())
        return;
    {
        QSqlQuery query = admin();
        for (const QString &schema : std::as_const(m_schemas))
            query.exec(QStringLiteral("DROP SCHEMA IF EXISTS %1 CASCADE").arg(schema));
    }
    QSqlDatabase::removeDatabase(QStringLiteral("admin"));
}

QString tst_Postgres::freshSchema(const QString &tag)
{
    const QString name = QStringLiteral("pbtest_%1_%2")
                             .arg(tag)
                             .arg(QRandomGenerator::global()->generate(), 8, 16, QLatin1Char('0'));
    QSqlQuery query = admin();
    if (!query.exec(QStringLiteral("CREATE SCHEMA %1").arg(name)))
        qFatal("cannot create schema %s: %s", qPrintable(name),
               qPrintable(query.lastError().text()));
    m_schemas << name;
    return m_url + (m_url.contains(QLatin1Char('?')) ? QLatin1Char('&') : QLatin1Char('?'))
        + QStringLiteral("options=-csearch_path%3D") + name;
}

void tst_Postgres::migrationsCreateTheSqliteSchema()
{
    Result<Database> pg = Database::open(freshSchema(QStringLiteral("schema")));
    QVERIFY2(pg.ok(), qPrintable(pg.error().text()));
    QVERIFY(pg.value().isNew());
    QVERIFY(pg.value().dialect().isPostgreSQL());
    if (!m_password.isEmpty())
        QVERIFY2(!pg.value().path().contains(m_password), "the password shows in path()");

    Result<Database> lite = Database::open(m_dir.filePath(QStringLiteral("schema.db")));
    QVERIFY2(lite.ok(), qPrintable(lite.error().text()));
    QVERIFY(lite.value().dialect().isSQLite());

    // Every table with the same columns in the same order, and every named index.
    QSqlQuery l(lite.value().connection());
    QVERIFY(l.exec(
        QStringLiteral("SELECT m.name, p.name FROM sqlite_master m, pragma_table_info(m.name) p "
                       "WHERE m.type = 'table' ORDER BY m.name, p.cid")));
    const QStringList sqliteColumns = rowsOf(l);
    QSqlQuery p(pg.value().connection());
    QVERIFY(p.exec(QStringLiteral("SELECT table_name, column_name FROM information_schema.columns "
                                  "WHERE table_schema = current_schema() AND table_name <> "
                                  "'schema_version' ORDER BY table_name, ordinal_position")));
    const QStringList pgColumns = rowsOf(p);
    QVERIFY(sqliteColumns.size() > 100);
    QCOMPARE(pgColumns, sqliteColumns);

    QVERIFY(l.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'index' AND name "
                                  "NOT LIKE 'sqlite_autoindex%' ORDER BY name")));
    const QStringList sqliteIndexes = rowsOf(l);
    QVERIFY(p.exec(QStringLiteral("SELECT indexname FROM pg_indexes WHERE schemaname = "
                                  "current_schema() AND indexname NOT LIKE '%_pkey' AND indexname "
                                  "NOT LIKE '%_key' ORDER BY indexname")));
    QCOMPARE(rowsOf(p), sqliteIndexes);

    QVERIFY(p.exec(QStringLiteral("SELECT application_id, version FROM schema_version")));
    QCOMPARE(
        rowsOf(p),
        QStringList{
            QStringLiteral("%1|%2").arg(Database::ApplicationId).arg(Database::SchemaVersion)});

    // Text sorts by code point whatever the server's locale, as on SQLite.
    QVERIFY(p.exec(QStringLiteral(
        "INSERT INTO settings VALUES ('b', '1'), ('B', '2'), ('a', '3'), ('_', '4')")));
    QVERIFY(p.exec(QStringLiteral("SELECT key FROM settings ORDER BY key")));
    QCOMPARE(rowsOf(p),
             (QStringList{QStringLiteral("B"), QStringLiteral("_"), QStringLiteral("a"),
                          QStringLiteral("b")}));
}

void tst_Postgres::reopeningChangesNothing()
{
    const QString url = freshSchema(QStringLiteral("reopen"));
    {
        Result<Database> db = Database::open(url);
        QVERIFY2(db.ok(), qPrintable(db.error().text()));
        QVERIFY(db.value().isNew());
        QSqlQuery q(db.value().connection());
        QVERIFY2(q.exec(QStringLiteral("INSERT INTO manufacturers (name) VALUES ('Acme')")),
                 qPrintable(q.lastError().text()));
    }
    for (int i = 0; i < 2; ++i) {
        Result<Database> db = Database::open(url);
        QVERIFY2(db.ok(), qPrintable(db.error().text()));
        QVERIFY(!db.value().isNew());
        QSqlQuery q(db.value().connection());
        QVERIFY(q.exec(QStringLiteral("SELECT id, name FROM manufacturers")));
        QCOMPARE(rowsOf(q), QStringList{QStringLiteral("1|Acme")});
        QVERIFY(q.exec(QStringLiteral("SELECT version FROM schema_version")));
        QCOMPARE(rowsOf(q), QStringList{QString::number(Database::SchemaVersion)});
    }
}

void tst_Postgres::twoInstancesMigrateOnce()
{
    // Two server instances against one new database, started at the same moment: both open it,
    // and exactly one of them found it new (and would seed it).
    for (int round = 0; round < 3; ++round) {
        const QString url = freshSchema(QStringLiteral("race"));
        struct Outcome
        {
            bool ok = false;
            bool isNew = false;
            QString error;
        };
        Outcome outcomes[2];
        QList<QThread *> threads;
        for (Outcome &outcome : outcomes) {
            threads << QThread::create([url, &outcome] {
                Result<Database> db = Database::open(url);
                outcome.ok = db.ok();
                outcome.isNew = db.ok() && db.value().isNew();
                outcome.error = db.error().text();
            });
        }
        for (QThread *thread : std::as_const(threads))
            thread->start();
        for (QThread *thread : std::as_const(threads)) {
            QVERIFY(thread->wait(60000));
            delete thread;
        }
        QVERIFY2(outcomes[0].ok, qPrintable(outcomes[0].error));
        QVERIFY2(outcomes[1].ok, qPrintable(outcomes[1].error));
        QCOMPARE(int(outcomes[0].isNew) + int(outcomes[1].isNew), 1);
        Result<Database> db = Database::open(url);
        QVERIFY2(db.ok(), qPrintable(db.error().text()));
        QSqlQuery q(db.value().connection());
        QVERIFY(q.exec(QStringLiteral("SELECT version FROM schema_version")));
        QCOMPARE(rowsOf(q), QStringList{QString::number(Database::SchemaVersion)});
    }
}

void tst_Postgres::foreignAndNewerDatabasesAreRefused()
{
    const QString foreign = freshSchema(QStringLiteral("foreign"));
    const QString schema = m_schemas.constLast();
    QSqlQuery a = admin();
    QVERIFY(a.exec(QStringLiteral("CREATE TABLE %1.customers (id int)").arg(schema)));
    Result<Database> db = Database::open(foreign);
    QCOMPARE(db.error().code, ServiceError::Code::ForeignDatabase);
    QVERIFY2(db.error().message.contains(QStringLiteral("another application")),
             qPrintable(db.error().message));
    QVERIFY(a.exec(
        QStringLiteral("SELECT count(*) FROM information_schema.tables WHERE table_schema = '%1'")
            .arg(schema)));
    QCOMPARE(rowsOf(a), QStringList{QStringLiteral("1")}); // nothing was created

    const QString newer = freshSchema(QStringLiteral("newer"));
    {
        Result<Database> first = Database::open(newer);
        QVERIFY2(first.ok(), qPrintable(first.error().text()));
        QSqlQuery q(first.value().connection());
        QVERIFY(q.exec(QStringLiteral("UPDATE schema_version SET version = 99")));
    }
    db = Database::open(newer);
    QCOMPARE(db.error().code, ServiceError::Code::SchemaTooNew);
    QVERIFY2(db.error().message.contains(QStringLiteral("99")), qPrintable(db.error().message));
}

void tst_Postgres::connectionErrorsNameTheServerNotThePassword()
{
    const PostgresUrl url = PostgresUrl::parse(m_url).value();
    const QString wrongPassword
        = QStringLiteral("not-the-password-%1").arg(QRandomGenerator::global()->generate());
    const QString wrong = QStringLiteral("postgresql://%1:%2@%3:%4/%5")
                              .arg(url.user, wrongPassword, url.host)
                              .arg(url.port)
                              .arg(url.database);
    Result<Database> db = Database::open(wrong);
    QVERIFY(!db.ok());
    QCOMPARE(db.error().code, ServiceError::Code::StorageUnavailable);
    const QString text = db.error().text();
    QVERIFY2(!text.contains(wrongPassword), qPrintable(text));
    QVERIFY2(text.contains(url.host) && text.contains(url.database), qPrintable(text));
    QVERIFY2(!db.error().hint.isEmpty(), "no hint");

    db = Database::open(
        QStringLiteral("postgresql://someone:secret@%1:%2").arg(url.host).arg(url.port));
    QCOMPARE(db.error().code, ServiceError::Code::InvalidArgument);
    QVERIFY2(!db.error().text().contains(QStringLiteral("secret")), qPrintable(db.error().text()));
    QVERIFY2(db.error().message.contains(QStringLiteral("no database")),
             qPrintable(db.error().message));

    QCOMPARE(Database::displayName(QStringLiteral("postgresql://u:p%40ss@h:1/d")),
             QStringLiteral("postgresql://u@h:1/d"));
}

void tst_Postgres::explicitIdsDoNotBlockLaterInserts()
{
    // The demo fleet and imports write their own ids; an insert without one must not collide.
    Result<Database> db = Database::open(freshSchema(QStringLiteral("identity")));
    QVERIFY2(db.ok(), qPrintable(db.error().text()));
    QSqlQuery q(db.value().connection());
    QVERIFY(
        q.exec(QStringLiteral("INSERT INTO manufacturers (id, name) VALUES (1, 'A'), (7, 'B')")));
    QVERIFY2(q.exec(QStringLiteral("INSERT INTO manufacturers (name) VALUES ('C') RETURNING id")),
             qPrintable(q.lastError().text()));
    QCOMPARE(rowsOf(q), QStringList{QStringLiteral("8")});
    QVERIFY(q.exec(QStringLiteral("INSERT INTO manufacturers (name) VALUES ('D')")));
    QCOMPARE(q.lastInsertId().toLongLong(), 9);
}

void tst_Postgres::knownFleetFilters_data()
{
    QTest::addColumn<QString>("prefix");
    QTest::addColumn<int>("exceptions");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("all") << QString() << int(ExceptionFilter::Any) << KnownFleet::allDeviceIds();
    QTest::newRow("percent is literal") << QStringLiteral("AB%") << int(ExceptionFilter::Any)
                                        << QStringList{QStringLiteral("AB%_1")};
    QTest::newRow("underscore is literal") << QStringLiteral("AB_") << int(ExceptionFilter::Any)
                                           << QStringList{QStringLiteral("AB_X")};
    QTest::newRow("rooted") << QString() << int(ExceptionFilter::Rooted)
                            << QStringList{QStringLiteral("350000000000001"),
                                           QStringLiteral("351111111111128")};
}

void tst_Postgres::knownFleetFilters()
{
    // KnownFleet writes with plain SQL, devices without ids: it runs unchanged on PostgreSQL.
    static QString url;
    if (url.isEmpty()) {
        url = freshSchema(QStringLiteral("known"));
        const QString failure = KnownFleet::create(url);
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
    }
    QFETCH(QString, prefix);
    QFETCH(int, exceptions);
    QFETCH(QStringList, expected);
    Result<Database> db = Database::open(url);
    QVERIFY2(db.ok(), qPrintable(db.error().text()));
    const Result<FleetCatalog> catalog = DeviceSql::readCatalog(db.value());
    QVERIFY2(catalog.ok(), qPrintable(catalog.error().text()));
    DeviceQuery query;
    query.referenceDate = KnownFleet::referenceDate();
    query.filter.deviceIdPrefix = prefix;
    query.filter.exceptions = ExceptionFilter(exceptions);
    QStringList ids;
    for (const QString &row : viaSql(db.value(), catalog.value(), query))
        ids << row.section(QLatin1Char(' '), 0, 0);
    QCOMPARE(ids, expected);
}

void tst_Postgres::prepareDemoFleet()
{
    if (!m_demoUrl.isEmpty())
        return;
    m_sqlitePath = m_dir.filePath(QStringLiteral("demo.db"));
    {
        Result<Database> lite = Database::open(m_sqlitePath);
        QVERIFY2(lite.ok(), qPrintable(lite.error().text()));
        DemoFleetOptions options;
        options.devices = 3000;
        options.referenceDate = fleetDate;
        const Status generated = DemoFleetGenerator(options).generate(lite.value());
        QVERIFY2(generated.ok(), qPrintable(generated.error().text()));
    }
    const QString url = freshSchema(QStringLiteral("demo"));
    Result<Database> lite = Database::open(m_sqlitePath);
    Result<Database> pg = Database::open(url);
    QVERIFY2(lite.ok() && pg.ok(), qPrintable(lite.error().text() + pg.error().text()));
    const Status copied = DatabaseCopy::copy(lite.value(), pg.value());
    QVERIFY2(copied.ok(), qPrintable(copied.ok() ? QString() : copied.error().text()));
    m_demoUrl = url;
}

QStringList tst_Postgres::viaSql(Database &db, const FleetCatalog &catalog,
                                 const DeviceQuery &query)
{
    const DeviceSql sql(catalog);
    QSqlQuery q(db.connection());
    const DeviceSql::Statement window = sql.window(query, 0, 100000);
    if (!q.prepare(window.sql))
        return {QStringLiteral("prepare failed: ") + q.lastError().text()};
    for (int i = 0; i < window.values.size(); ++i)
        q.bindValue(i, window.values[i]);
    if (!q.exec())
        return {QStringLiteral("exec failed: ") + q.lastError().text()};
    QStringList rows;
    while (q.next())
        rows << describe(sql.read(q, query.referenceDate, query.endingSoonDays));
    const DeviceSql::Statement count = sql.count(query);
    q.prepare(count.sql);
    for (int i = 0; i < count.values.size(); ++i)
        q.bindValue(i, count.values[i]);
    if (!q.exec() || !q.next() || q.value(0).toInt() != rows.size())
        return {QStringLiteral("count differs from window")};
    return rows;
}

void tst_Postgres::deviceQueriesMatchSqlite_data()
{
    QTest::addColumn<DeviceQuery>("query");
    auto make = [](auto change) {
        DeviceQuery q;
        q.referenceDate = fleetDate;
        change(q);
        return q;
    };
    QTest::newRow("all by id") << make([](DeviceQuery &) {});
    QTest::newRow("all by id desc")
        << make([](DeviceQuery &q) { q.sort.order = Qt::DescendingOrder; });
    QTest::newRow("patch older than 2026-01-01")
        << make([](DeviceQuery &q) { q.filter.patchLevelBefore = QDate(2026, 1, 1); });
    QTest::newRow("patch age 90..400 by patch level") << make([](DeviceQuery &q) {
        q.filter.patchAgeMin = 90;
        q.filter.patchAgeMax = 400;
        q.sort.field = DeviceField::PatchLevel;
    });
    QTest::newRow("support ended, by support end") << make([](DeviceQuery &q) {
        q.filter.supportStatuses = {SupportStatus::Ended};
        q.sort.field = DeviceField::SupportEnd;
    });
    QTest::newRow("region 2 by model name desc") << make([](DeviceQuery &q) {
        q.filter.regionId = 2;
        q.sort = {DeviceField::Model, Qt::DescendingOrder};
    });
    QTest::newRow("manufacturer 1 by manufacturer") << make([](DeviceQuery &q) {
        q.filter.manufacturerId = 1;
        q.sort.field = DeviceField::Manufacturer;
    });
    QTest::newRow("failed by last check-in") << make([](DeviceQuery &q) {
        q.filter.updateState = UpdateState(6);
        q.sort.field = DeviceField::LastCheckIn;
    });
    QTest::newRow("any exception by firmware version") << make([](DeviceQuery &q) {
        q.filter.exceptions = ExceptionFilter::AnyException;
        q.sort.field = DeviceField::FirmwareVersion;
    });
    QTest::newRow("region name, exceptions none") << make([](DeviceQuery &q) {
        q.filter.exceptions = ExceptionFilter::None;
        q.sort = {DeviceField::Region, Qt::DescendingOrder};
    });
    QTest::newRow("by patch age") << make(
        [](DeviceQuery &q) { q.sort.field = DeviceField::PatchAge; });
    QTest::newRow("by support status")
        << make([](DeviceQuery &q) { q.sort.field = DeviceField::SupportStatus; });
    QTest::newRow("by update state")
        << make([](DeviceQuery &q) { q.sort.field = DeviceField::UpdateState; });
}

void tst_Postgres::deviceQueriesMatchSqlite()
{
    prepareDemoFleet();
    QVERIFY(!m_demoUrl.isEmpty());
    QFETCH(DeviceQuery, query);
    Result<Database> lite = Database::open(m_sqlitePath);
    Result<Database> pg = Database::open(m_demoUrl);
    QVERIFY2(lite.ok() && pg.ok(), qPrintable(lite.error().text() + pg.error().text()));
    const Result<FleetCatalog> liteCatalog = DeviceSql::readCatalog(lite.value());
    const Result<FleetCatalog> pgCatalog = DeviceSql::readCatalog(pg.value());
    QVERIFY(liteCatalog.ok() && pgCatalog.ok());
    QCOMPARE(pgCatalog.value().models.size(), liteCatalog.value().models.size());

    const QStringList expected = viaSql(lite.value(), liteCatalog.value(), query);
    QVERIFY2(!expected.isEmpty() && !expected.first().contains(QLatin1String("failed")),
             qPrintable(expected.value(0)));
    QCOMPARE(viaSql(pg.value(), pgCatalog.value(), query), expected);

    // The in-memory index loaded from PostgreSQL (the portable scan, not the sqlite3 one)
    // selects the same rows in the same order as the index loaded from SQLite.
    static std::shared_ptr<const FleetIndex> pgIndex;
    static std::shared_ptr<const FleetIndex> liteIndex;
    if (!pgIndex) {
        auto loaded = FleetIndex::load(pg.value());
        QVERIFY2(loaded.ok(), qPrintable(loaded.error().text()));
        pgIndex = loaded.value();
        loaded = FleetIndex::load(lite.value());
        QVERIFY2(loaded.ok(), qPrintable(loaded.error().text()));
        liteIndex = loaded.value();
    }
    auto viaIndex = [&query](const FleetIndex &index) {
        QStringList rows;
        for (quint32 row : index.select(query))
            rows << describe(index.device(row, query.referenceDate, query.endingSoonDays));
        return rows;
    };
    const QStringList fromSqlite = viaIndex(*liteIndex);
    QCOMPARE(fromSqlite.size(), expected.size());
    QCOMPARE(viaIndex(*pgIndex), fromSqlite);
}

void tst_Postgres::trackerBackendMatchesSqlite()
{
    prepareDemoFleet();
    QVERIFY(!m_demoUrl.isEmpty());
    LocalTrackerBackend lite;
    LocalTrackerBackend pg;
    for (auto [backend, path] : {std::pair{&lite, m_sqlitePath}, std::pair{&pg, m_demoUrl}}) {
        LocalTrackerBackend::Options options;
        options.databasePath = path;
        options.demoDevices = 0;
        options.referenceDate = fleetDate;
        const Result<LocalTrackerBackend::OpenReport> opened = wait(backend->open(options));
        QVERIFY2(opened.ok(), qPrintable(opened.error().text()));
        QCOMPARE(opened.value().devices, 3000);
        const Result<int> indexed = wait(backend->indexReady());
        QVERIFY2(indexed.ok(), qPrintable(indexed.error().text()));
    }
    DeviceQuery query;
    query.referenceDate = fleetDate;
    query.filter.patchAgeMin = 60;
    query.sort = {DeviceField::PatchLevel, Qt::DescendingOrder};
    const Result<DevicePage> litePage = wait(lite.queryDevices(query, 100, 50));
    const Result<DevicePage> pgPage = wait(pg.queryDevices(query, 100, 50));
    QVERIFY2(litePage.ok() && pgPage.ok(),
             qPrintable(litePage.error().text() + pgPage.error().text()));
    QCOMPARE(pgPage.value().matching, litePage.value().matching);
    QCOMPARE(pgPage.value().rows.size(), 50);
    for (int i = 0; i < 50; ++i)
        QCOMPARE(describe(pgPage.value().rows[i]), describe(litePage.value().rows[i]));

    const Result<ComplianceSummary> liteSummary = wait(lite.compliance({}, {}, fleetDate));
    const Result<ComplianceSummary> pgSummary = wait(pg.compliance({}, {}, fleetDate));
    QVERIFY2(liteSummary.ok() && pgSummary.ok(),
             qPrintable(liteSummary.error().text() + pgSummary.error().text()));
    QCOMPARE(pgSummary.value().devices, 3000);
    for (int s = 0; s < SupportStatusCount; ++s)
        QCOMPARE(pgSummary.value().bySupportStatus[s], liteSummary.value().bySupportStatus[s]);

    const qint64 id = pgPage.value().rows.first().id;
    const Result<DeviceDetail> detail = wait(pg.deviceDetail(id, fleetDate));
    QVERIFY2(detail.ok(), qPrintable(detail.error().text()));
    QCOMPARE(describe(detail.value().device), describe(pgPage.value().rows.first()));
    QVERIFY(!detail.value().regionTimeZone.isEmpty());
}

void tst_Postgres::auditLogAppendsAndVerifies()
{
    const QString url = freshSchema(QStringLiteral("audit"));
    Result<Database> db = Database::open(url);
    QVERIFY2(db.ok(), qPrintable(db.error().text()));
    AuditLog log(db.value());
    const QDateTime time(fleetDate, QTime(10, 0), Qt::UTC);
    for (int i = 0; i < 3; ++i) {
        const Result<AuditEntry> entry = log.append(
            QStringLiteral("tess"), QStringLiteral("test-engineer"),
            QStringLiteral("release.approve"), QStringLiteral("release %1").arg(i),
            QJsonObject{{QStringLiteral("reason"), QStringLiteral("100% 'ok'")}}, time);
        QVERIFY2(entry.ok(), qPrintable(entry.error().text()));
        QCOMPARE(entry.value().sequence, i + 1);
    }

    // Two server instances appending at once still make one unbroken chain.
    QList<QThread *> threads;
    QStringList errors[2];
    for (QStringList &threadErrors : errors) {
        threads << QThread::create([url, time, &threadErrors] {
            Result<Database> own = Database::open(url);
            if (!own) {
                threadErrors << own.error().text();
                return;
            }
            AuditLog threadLog(own.value());
            for (int i = 0; i < 20; ++i) {
                const Result<AuditEntry> entry = threadLog.append(
                    QStringLiteral("ava"), QStringLiteral("administrator"),
                    QStringLiteral("trust.key.add"), QStringLiteral("key"), {}, time);
                if (!entry)
                    threadErrors << entry.error().text();
            }
        });
    }
    for (QThread *thread : std::as_const(threads))
        thread->start();
    for (QThread *thread : std::as_const(threads)) {
        QVERIFY(thread->wait(60000));
        delete thread;
    }
    QVERIFY2(errors[0].isEmpty() && errors[1].isEmpty(),
             qPrintable((errors[0] + errors[1]).join(u'\n')));

    const Result<AuditVerification> verified = log.verify();
    QVERIFY2(verified.ok(), qPrintable(verified.error().text()));
    QVERIFY2(verified.value().intact, qPrintable(verified.value().problem));
    QCOMPARE(verified.value().entries, 43);

    AuditQuery filter;
    filter.text = QStringLiteral("100% 'ok'");
    const Result<QList<AuditEntry>> found = log.entries(filter, 0, 100);
    QVERIFY2(found.ok(), qPrintable(found.error().text()));
    QCOMPARE(found.value().size(), 3);
    QCOMPARE(found.value().first().subject, QStringLiteral("release 2"));
    filter = {};
    filter.actionPrefix = QStringLiteral("trust.");
    QCOMPARE(log.entries(filter, 0, 100).value().size(), 40);

    // Append-only, as on SQLite.
    QSqlQuery q(db.value().connection());
    QVERIFY(!q.exec(QStringLiteral("UPDATE audit_log SET actor = 'mallory' WHERE sequence = 2")));
    QVERIFY2(q.lastError().text().contains(QStringLiteral("append-only")),
             qPrintable(q.lastError().text()));
    QVERIFY(!q.exec(QStringLiteral("DELETE FROM audit_log WHERE sequence = 43")));
}

void tst_Postgres::releaseImportAndApproval()
{
    using namespace ReleaseKit;
    WorkflowBench bench;
    bench.dir = std::make_unique<QTemporaryDir>();
    Result<Database> opened = Database::open(freshSchema(QStringLiteral("releases")));
    QVERIFY2(opened.ok(), qPrintable(opened.error().text()));
    bench.db = std::move(opened).value();
    const QString fleet = createFleet(bench.db);
    QVERIFY2(fleet.isEmpty(), qPrintable(fleet));
    bench.now = QDateTime(QDate(2026, 11, 2), QTime(9, 0), Qt::UTC);
    auto clock = [&bench] {
        return bench.now;
    };
    bench.workflow = std::make_unique<ReleaseWorkflow>(
        bench.db, bench.dir->filePath(QStringLiteral("store")), clock);
    bench.admin = std::make_unique<FirmwareAdministration>(bench.db, clock);
    bench.author = newKey(KeyType::Ed25519);
    const Operator adam{QStringLiteral("adam"), OperatorRole::Administrator};
    const Result<TrustedKey> key
        = bench.admin->addTrustedKey(adam, vendorHex(Acme), Acme, bench.author.publicKey().toPem(),
                                     QStringLiteral("Acme release key"));
    QVERIFY2(key.ok(), qPrintable(key.error().text()));

    const qint64 id
        = bench.import(bench.bundle(QStringLiteral("clean"), 4), ReleaseState::Verified);
    QVERIFY(id > 0);
    const Operator tess{QStringLiteral("tess"), OperatorRole::TestEngineer};
    const Operator ava{QStringLiteral("ava"), OperatorRole::TestEngineer};
    bench.passAll(id, tess);
    const Result<ReleaseDetail> approved
        = bench.workflow->approve(ava, id, QStringLiteral("Looks good."));
    QVERIFY2(approved.ok(), qPrintable(approved.error().text()));
    QCOMPARE(approved.value().summary.state, ReleaseState::Approved);
    QCOMPARE(approved.value().history.size(), 3);

    const qint64 second
        = bench.import(bench.bundle(QStringLiteral("next"), 5), ReleaseState::Verified);
    QVERIFY(second > id);

    const Result<AuditVerification> audit = AuditLog(bench.db).verify();
    QVERIFY2(audit.ok() && audit.value().intact,
             qPrintable(audit.error().text() + audit.value().problem));
    QVERIFY(audit.value().entries >= 3);
    bench.tearDown();
}

void tst_Postgres::copyDatabaseMovesEveryRow()
{
    // patchboard-server copy-database: a single-node server's SQLite file moved to PostgreSQL.
    prepareDemoFleet();
    Result<Database> lite = Database::open(m_sqlitePath);
    QVERIFY2(lite.ok(), qPrintable(lite.error().text()));
    {
        AuditLog log(lite.value());
        for (int i = 0; i < 5; ++i)
            QVERIFY(log.append(QStringLiteral("ops"), QStringLiteral("administrator"),
                               QStringLiteral("test.copy"), QStringLiteral("entry-%1").arg(i),
                               {{QStringLiteral("n"), i}})
                        .ok());
    }
    const Result<QStringList> order = DatabaseCopy::tablesInOrder(lite.value());
    QVERIFY2(order.ok(), qPrintable(order.ok() ? QString() : order.error().text()));
    // Referenced tables first.
    QVERIFY(order.value().indexOf(QStringLiteral("device_models"))
            < order.value().indexOf(QStringLiteral("devices")));
    QVERIFY(order.value().indexOf(QStringLiteral("regions"))
            < order.value().indexOf(QStringLiteral("devices")));

    Result<Database> pg = Database::open(freshSchema(QStringLiteral("copy")));
    QVERIFY2(pg.ok(), qPrintable(pg.error().text()));
    QStringList progress;
    const Status copied
        = DatabaseCopy::copy(lite.value(), pg.value(), [&](const QString &table, qint64 rows) {
              progress << QStringLiteral("%1=%2").arg(table).arg(rows);
          });
    QVERIFY2(copied.ok(), qPrintable(copied.ok() ? QString() : copied.error().text()));
    QCOMPARE(progress.size(), order.value().size());

    // Every table, row for row (same order by every column).
    for (const QString &table : order.value()) {
        const QSqlRecord columns = lite.value().connection().record(table);
        QStringList names;
        for (int i = 0; i < columns.count(); ++i)
            names << columns.fieldName(i);
        // NULLS FIRST: SQLite's order (PostgreSQL's default puts them last).
        const QString sql = QStringLiteral("SELECT %1 FROM %2 ORDER BY %3 NULLS FIRST")
                                .arg(names.join(QStringLiteral(", ")), table,
                                     names.join(QStringLiteral(" NULLS FIRST, ")));
        QSqlQuery l(lite.value().connection());
        QVERIFY2(l.exec(sql), qPrintable(l.lastError().text()));
        QSqlQuery p(pg.value().connection());
        QVERIFY2(p.exec(sql), qPrintable(p.lastError().text()));
        const QStringList expected = rowsOf(l);
        QCOMPARE(rowsOf(p), expected);
        QVERIFY(progress.contains(QStringLiteral("%1=%2").arg(table).arg(expected.size())));
    }
    // The audit chain still verifies, and new rows get fresh identities.
    AuditLog moved(pg.value());
    const auto verified = moved.verify();
    QVERIFY2(verified.ok() && verified.value().intact, "the copied audit log does not verify");
    QVERIFY(moved
                .append(QStringLiteral("ops"), QStringLiteral("administrator"),
                        QStringLiteral("test.after-copy"), QStringLiteral("x"), {})
                .ok());

    // A second copy into the same database is refused and changes nothing.
    QSqlQuery count(pg.value().connection());
    QVERIFY(count.exec(QStringLiteral("SELECT count(*) FROM devices")));
    QVERIFY(count.next());
    const qint64 devices = count.value(0).toLongLong();
    count.finish();
    const Status again = DatabaseCopy::copy(lite.value(), pg.value());
    QVERIFY(!again.ok());
    QVERIFY2(again.error().message.contains(QLatin1String("already holds data")),
             qPrintable(again.error().text()));
    QVERIFY(count.exec(QStringLiteral("SELECT count(*) FROM devices")));
    QVERIFY(count.next());
    QCOMPARE(count.value(0).toLongLong(), devices);
}

QTEST_GUILESS_MAIN(tst_Postgres)
#include "tst_postgres.moc"
