// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/result.h"
#include "sqldialect.h"

#include <QSqlDatabase>
#include <QString>

class QSqlError;
class QSqlQuery;

namespace Patchboard {

// One Qt SQL connection to a Patchboard database, owned by the thread that opened it
// (ARCHITECTURE.md: one connection per thread): an SQLite file, or a PostgreSQL database given as
// postgresql://user:password@host:port/dbname (issue #6: several server instances on one
// database). open() refuses, without writing a byte, a file that is not SQLite, an SQLite file or
// PostgreSQL database of another application, and one written by a newer schema; otherwise it
// applies the numbered migrations: on SQLite in WAL mode with PRAGMA user_version, on
// PostgreSQL with a schema_version table, under an advisory lock so that two instances starting
// at once do not both migrate.
class Database
{
public:
    // The schema this build writes; migrations 1..SchemaVersion are in migrations.cpp.
    static constexpr int SchemaVersion = 7;
    // PRAGMA application_id: "PBD1". Marks the file as ours.
    static constexpr int ApplicationId = 0x50424431;

    Database() = default;
    Database(Database &&other) noexcept;
    Database &operator=(Database &&other) noexcept;
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;
    ~Database();

    // Opens (creating when missing) the database file for the calling thread, or connects to
    // the PostgreSQL database of a postgresql:// (or postgres://) URL. URL query items are
    // passed to libpq (sslmode, connect_timeout, host=/unix/socket/folder, ...).
    static Result<Database> open(const QString &path);
    // True for a postgresql:// or postgres:// URL.
    static bool isPostgresUrl(const QString &path);
    // The URL without its password, for messages and logs; a file path as it is.
    static QString displayName(const QString &path);

    bool isOpen() const { return !m_connectionName.isEmpty(); }
    QSqlDatabase connection() const;
    // The file, or the PostgreSQL URL without its password: safe to show and to log.
    QString path() const { return m_path; }
    SqlDialect dialect() const { return m_dialect; }
    // True when open() created the file or found it empty: the caller may seed it.
    bool isNew() const { return m_isNew; }

    // A ServiceError for a failed statement, naming the file (or the PostgreSQL host and
    // database); corruption, a lock or an unreachable server are told apart from other failures
    // so that the operator learns what is wrong, not that "a query failed".
    ServiceError error(const QSqlError &error, const QString &what) const;
    static ServiceError error(const QString &path, const QSqlError &error, const QString &what);

    // Runs statements that return no rows, stopping at the first failure.
    Status exec(const QString &sql);

private:
    void close();
    static Result<Database> openPostgres(const QString &url);
    Status migratePostgres();

    QString m_connectionName;
    QString m_path;
    SqlDialect m_dialect;
    bool m_isNew = false;
};

} // namespace Patchboard
