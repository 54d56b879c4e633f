// SPDX-License-Identifier: Apache-2.0
#include "database.h"
#include "migrations.h"
#include "postgresurl.h"

#include <QAtomicInteger>
#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QScopeGuard>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>

namespace Patchboard {

namespace {

// The translation context of this file's messages. Call Tr::tr() everywhere, also in free
// functions and lambdas: lupdate takes the context from Q_DECLARE_TR_FUNCTIONS, so the context
// it extracts is the one looked up at run time (for a plain tr() it uses the enclosing scope).
class Tr
{
    Q_DECLARE_TR_FUNCTIONS(Patchboard::Database)
};

QString uniqueConnectionName()
{
    static QAtomicInteger<quint64> counter;
    return QStringLiteral("patchboard-%1").arg(counter.fetchAndAddRelaxed(1));
}

// SQLite result codes that mean the file itself is damaged or not a database.
bool isCorruption(const QSqlError &error)
{
    const int code = error.nativeErrorCode().toInt() & 0xff; // primary code of an extended one
    return code == 11 /* SQLITE_CORRUPT */ || code == 26 /* SQLITE_NOTADB */;
}

// PostgreSQL's SQLSTATE classes (appendix A of its manual) that tell the operator something
// other than "a statement failed".
ServiceError postgresError(const QString &name, const QSqlError &error, const QString &what)
{
    using Code = ServiceError::Code;
    const QString state = error.nativeErrorCode();
    const QString text = error.databaseText().isEmpty() ? error.text() : error.databaseText();
    if (error.type() == QSqlError::ConnectionError || state.startsWith(QLatin1String("08"))
        || state.startsWith(QLatin1String("57P"))) {
        return ServiceError::make(
            Code::StorageUnavailable,
            Tr::tr("The PostgreSQL server of '%1' cannot be reached (%2): %3").arg(name, what, text),
            Tr::tr("Check that the server runs and accepts connections from this host, and that "
                   "the URL's host, port, user and password are right."));
    }
    if (state == QLatin1String("40001") || state == QLatin1String("40P01")
        || state == QLatin1String("55P03")) {
        return ServiceError::make(
            Code::StorageUnavailable,
            Tr::tr("The PostgreSQL database '%1' is busy with a conflicting change (%2): %3")
                .arg(name, what, text),
            Tr::tr("Nothing was changed. Try again."));
    }
    if (state.startsWith(QLatin1String("XX"))) {
        return ServiceError::make(
            Code::StorageCorrupt,
            Tr::tr("The PostgreSQL database '%1' reports damaged data (%2): %3").arg(name, what, text),
            Tr::tr("Ask the database administrator to check the server and restore from a backup."));
    }
    if (state.startsWith(QLatin1String("28")) || state == QLatin1String("42501")
        || state == QLatin1String("3D000")) {
        return ServiceError::make(
            Code::StorageUnavailable,
            Tr::tr("The PostgreSQL database '%1' refused access (%2): %3").arg(name, what, text),
            Tr::tr("Check the user, password and database in the URL, and that the user may "
                   "create tables in the database."));
    }
    return ServiceError::make(
        Code::StorageFailure,
        Tr::tr("Could not %1 in the PostgreSQL database '%2': %3").arg(what, name, text),
        state.startsWith(QLatin1String("53"))
            ? Tr::tr("The database server is out of disk space or memory; ask its administrator.")
            : Tr::tr("Check the PostgreSQL server's log."));
}

QString moveAwayHint()
{
    return Tr::tr(
        "Nothing was changed. Choose another file with --database FILE, or move this file "
        "away to start again with a new demo fleet.");
}

} // namespace

Database::Database(Database &&other) noexcept
    : m_connectionName(std::exchange(other.m_connectionName, QString()))
    , m_path(std::move(other.m_path))
    , m_dialect(other.m_dialect)
    , m_isNew(other.m_isNew)
{
}

Database &Database::operator=(Database &&other) noexcept
{
    if (this != &other) {
        close();
        m_connectionName = std::exchange(other.m_connectionName, QString());
        m_path = std::move(other.m_path);
        m_dialect = other.m_dialect;
        m_isNew = other.m_isNew;
    }
    return *this;
}

Database::~Database()
{
    close();
}

void Database::close()
{
    if (m_connectionName.isEmpty())
        return;
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
    m_connectionName.clear();
}

QSqlDatabase Database::connection() const
{
    return QSqlDatabase::database(m_connectionName, false);
}

ServiceError Database::error(const QSqlError &sqlError, const QString &what) const
{
    return error(m_path, sqlError, what);
}

ServiceError Database::error(const QString &path, const QSqlError &sqlError, const QString &what)
{
    if (isPostgresUrl(path))
        return postgresError(displayName(path), sqlError, what);
    if (isCorruption(sqlError)) {
        return ServiceError::make(
            ServiceError::Code::StorageCorrupt,
            Tr::tr("The database file '%1' is damaged or is not a database (%2).").arg(path, what),
            moveAwayHint());
    }
    const int code = sqlError.nativeErrorCode().toInt() & 0xff;
    if (code == 5 /* SQLITE_BUSY */ || code == 6 /* SQLITE_LOCKED */) {
        return ServiceError::make(
            ServiceError::Code::StorageUnavailable,
            Tr::tr("The database file '%1' is locked by another program (%2).").arg(path, what),
            Tr::tr("Close the other program using it, or choose another file with --database."));
    }
    return ServiceError::make(
        ServiceError::Code::StorageFailure,
        Tr::tr("Could not %1 in the database file '%2': %3").arg(what, path, sqlError.text()),
        Tr::tr("Check that the disk is not full and the file is writable."));
}

Status Database::exec(const QString &sql)
{
    QSqlQuery query(connection());
    if (!query.exec(sql))
        return error(query.lastError(), Tr::tr("run a statement"));
    return Done{};
}

bool Database::isPostgresUrl(const QString &path)
{
    return PostgresUrl::matches(path);
}

QString Database::displayName(const QString &path)
{
    return isPostgresUrl(path) ? PostgresUrl::redact(path) : path;
}

Result<Database> Database::open(const QString &path)
{
    using Code = ServiceError::Code;
    if (isPostgresUrl(path))
        return openPostgres(path);
    const QFileInfo info(path);
    bool isNew = !info.exists();
    if (info.exists()) {
        if (info.isDir()) {
            return ServiceError::make(Code::StorageUnavailable,
                                      Tr::tr("'%1' is a folder, not a database file.").arg(path),
                                      Tr::tr("Give the path of a file with --database FILE."));
        }
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            return ServiceError::make(
                Code::StorageUnavailable,
                Tr::tr("The database file '%1' cannot be read: %2").arg(path, file.errorString()),
                Tr::tr("Check the file's permissions."));
        }
        const QByteArray header = file.read(16);
        if (header.isEmpty()) {
            isNew = true; // SQLite treats an empty file as an empty database
        } else if (header != QByteArrayView("SQLite format 3\0", 16)) {
            return ServiceError::make(
                Code::StorageCorrupt,
                Tr::tr("'%1' is not a Patchboard database: it is not an SQLite file.").arg(path),
                moveAwayHint());
        }
        if (!info.isWritable()) {
            return ServiceError::make(Code::StorageUnavailable,
                                      Tr::tr("The database file '%1' is read-only.").arg(path),
                                      Tr::tr("Make it writable, or choose another file with "
                                             "--database FILE."));
        }
    }

    Database db;
    db.m_path = path;
    db.m_connectionName = uniqueConnectionName();
    {
        QSqlDatabase sql = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), db.m_connectionName);
        sql.setDatabaseName(path);
        sql.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
        if (!sql.open()) {
            return ServiceError::make(Code::StorageUnavailable,
                                      Tr::tr("Could not open the database file '%1': %2")
                                          .arg(path, sql.lastError().text()),
                                      Tr::tr("Check that the folder exists and is writable."));
        }
    }

    // Read before writing anything: a foreign or newer file must be left exactly as it is.
    QSqlQuery query(db.connection());
    if (!query.exec(QStringLiteral("PRAGMA user_version")) || !query.next())
        return db.error(query.lastError(), Tr::tr("read the schema version"));
    const int version = query.value(0).toInt();
    if (!query.exec(QStringLiteral("PRAGMA application_id")) || !query.next())
        return db.error(query.lastError(), Tr::tr("read the application id"));
    const int applicationId = query.value(0).toInt();
    if (!query.exec(QStringLiteral("SELECT count(*) FROM sqlite_master")) || !query.next())
        return db.error(query.lastError(), Tr::tr("read the schema"));
    const int objects = query.value(0).toInt();
    query.finish();

    if (applicationId != ApplicationId) {
        if (objects != 0 || version != 0) {
            return ServiceError::make(
                Code::ForeignDatabase,
                Tr::tr("'%1' is an SQLite database of another application, not a Patchboard "
                       "database.")
                    .arg(path),
                moveAwayHint());
        }
        isNew = true;
    }
    if (version > SchemaVersion) {
        return ServiceError::make(
            Code::SchemaTooNew,
            Tr::tr("The database file '%1' was written by a newer Patchboard (schema version %2; "
                   "this version knows up to %3).")
                .arg(path)
                .arg(version)
                .arg(SchemaVersion),
            Tr::tr("Nothing was changed. Open it with a newer Patchboard, or choose another file "
                   "with --database FILE."));
    }

    for (const char *pragma : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL",
                               "PRAGMA foreign_keys=ON", "PRAGMA temp_store=MEMORY"}) {
        if (!query.exec(QString::fromLatin1(pragma)))
            return db.error(query.lastError(), Tr::tr("configure the connection"));
        query.finish();
    }

    // Numbered migrations, each in one transaction with its version bump.
    for (int next = version + 1; next <= SchemaVersion; ++next) {
        QSqlDatabase sql = db.connection();
        if (!sql.transaction())
            return db.error(sql.lastError(), Tr::tr("start a migration"));
        QStringList statements = Migrations::statementsFor(next);
        if (next == 1)
            statements << QStringLiteral("PRAGMA application_id = %1").arg(ApplicationId);
        statements << QStringLiteral("PRAGMA user_version = %1").arg(next);
        for (const QString &statement : std::as_const(statements)) {
            if (!query.exec(statement)) {
                const ServiceError failure
                    = db.error(query.lastError(), Tr::tr("migrate to schema version %1").arg(next));
                sql.rollback();
                return failure;
            }
        }
        if (!sql.commit())
            return db.error(sql.lastError(), Tr::tr("finish a migration"));
    }
    db.m_isNew = isNew;
    return db;
}

Result<Database> Database::openPostgres(const QString &text)
{
    using Code = ServiceError::Code;
    const Result<PostgresUrl> parsed = PostgresUrl::parse(text);
    if (!parsed)
        return parsed.error();
    const PostgresUrl &url = parsed.value();
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL"))) {
        return ServiceError::make(
            Code::StorageUnavailable,
            Tr::tr("Cannot open '%1': Qt's PostgreSQL driver (QPSQL) is not installed.")
                .arg(url.displayName()),
            Tr::tr("Install it (Debian: apt-get install libqt6sql6-psql), or use an SQLite file "
                   "with --database FILE."));
    }

    Database db;
    db.m_path = url.displayName();
    db.m_dialect = SqlDialect::PostgreSQL;
    db.m_connectionName = uniqueConnectionName();
    {
        QSqlDatabase sql = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), db.m_connectionName);
        sql.setHostName(url.host);
        sql.setPort(url.port);
        sql.setUserName(url.user);
        sql.setPassword(url.password);
        sql.setDatabaseName(url.database);
        sql.setConnectOptions(url.options);
        if (!sql.open())
            return postgresError(db.m_path, sql.lastError(), Tr::tr("connect"));
    }
    QSqlQuery query(db.connection());
    // Our CREATE ... IF NOT EXISTS and the migrations' notices are not news to anyone.
    if (!query.exec(QStringLiteral("SET client_min_messages = warning")))
        return db.error(query.lastError(), Tr::tr("configure the connection"));
    query.finish();
    if (const Status migrated = db.migratePostgres(); !migrated)
        return migrated.error();
    return db;
}

Status Database::migratePostgres()
{
    using Code = ServiceError::Code;
    QSqlDatabase sql = connection();
    QSqlQuery query(sql);
    // Several server instances on one database may start at once (issue #6): one migrates, the
    // others wait here and then find the schema current. A session lock: migrations are several
    // transactions, one per version.
    if (!query.exec(QStringLiteral("SELECT pg_advisory_lock(%1)").arg(ApplicationId)))
        return error(query.lastError(), Tr::tr("wait for another server's migration"));
    query.finish();
    const auto unlock = qScopeGuard([&sql] {
        QSqlQuery release(sql);
        release.exec(QStringLiteral("SELECT pg_advisory_unlock(%1)").arg(ApplicationId));
    });

    // Read before writing anything: a foreign or newer database must be left as it is.
    if (!query.exec(QStringLiteral(
            "SELECT (SELECT count(*) FROM information_schema.tables WHERE table_schema = "
            "current_schema()), to_regclass('schema_version') IS NOT NULL"))
        || !query.next())
        return error(query.lastError(), Tr::tr("read the schema"));
    const qint64 tables = query.value(0).toLongLong();
    const bool ours = query.value(1).toBool();
    int version = 0;
    if (ours) {
        if (!query.exec(QStringLiteral("SELECT application_id, version FROM schema_version")))
            return error(query.lastError(), Tr::tr("read the schema version"));
        const bool found = query.next();
        const qint64 applicationId = found ? query.value(0).toLongLong() : 0;
        version = found ? query.value(1).toInt() : 0;
        if (applicationId != ApplicationId || query.next()) {
            return ServiceError::make(
                Code::ForeignDatabase,
                Tr::tr("The PostgreSQL database '%1' has a schema_version table that is not "
                       "Patchboard's.")
                    .arg(m_path),
                Tr::tr("Nothing was changed. Give Patchboard an empty database of its own "
                       "(createdb), with --database postgresql://USER:PASSWORD@HOST:PORT/DATABASE."));
        }
    } else if (tables != 0) {
        return ServiceError::make(
            Code::ForeignDatabase,
            Tr::tr("The PostgreSQL database '%1' holds tables of another application, not a "
                   "Patchboard database.")
                .arg(m_path),
            Tr::tr("Nothing was changed. Give Patchboard an empty database of its own (createdb), "
                   "with --database postgresql://USER:PASSWORD@HOST:PORT/DATABASE."));
    }
    query.finish();
    if (version > SchemaVersion) {
        return ServiceError::make(
            Code::SchemaTooNew,
            Tr::tr("The PostgreSQL database '%1' was written by a newer Patchboard (schema "
                   "version %2; this version knows up to %3).")
                .arg(m_path)
                .arg(version)
                .arg(SchemaVersion),
            Tr::tr("Nothing was changed. Run a newer Patchboard server against it, or give "
                   "another database with --database."));
    }

    // The same numbered migrations as on SQLite, each in one transaction with its version bump.
    for (int next = version + 1; next <= SchemaVersion; ++next) {
        if (!sql.transaction())
            return error(sql.lastError(), Tr::tr("start a migration"));
        QStringList statements;
        if (next == 1) {
            statements << SqlDialect::postgresFunctions();
            statements << QStringLiteral("CREATE TABLE schema_version (application_id BIGINT NOT "
                                         "NULL, version BIGINT NOT NULL)");
            statements << QStringLiteral("INSERT INTO schema_version VALUES (%1, 0)").arg(ApplicationId);
        }
        const QStringList migration = Migrations::statementsFor(next);
        for (const QString &statement : migration)
            statements << m_dialect.translateSchema(statement);
        statements << QStringLiteral("UPDATE schema_version SET version = %1").arg(next);
        for (const QString &statement : std::as_const(statements)) {
            if (!query.exec(statement)) {
                const ServiceError failure
                    = error(query.lastError(), Tr::tr("migrate to schema version %1").arg(next));
                sql.rollback();
                return failure;
            }
        }
        if (!sql.commit())
            return error(sql.lastError(), Tr::tr("finish a migration"));
    }
    m_isNew = version == 0;
    return Done{};
}

} // namespace Patchboard
