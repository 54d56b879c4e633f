// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>
#include <QStringList>

class QSqlDatabase;

namespace Patchboard {

// The SQL dialect of a connection: SQLite (the embedded default and a single-node server) or
// PostgreSQL (several server instances on one database, issue #6). Most of our SQL is the same
// on both and is written once:
// - upserts: INSERT ... ON CONFLICT (key) DO UPDATE SET c = excluded.c, and
//   INSERT ... ON CONFLICT DO NOTHING instead of INSERT OR REPLACE / INSERT OR IGNORE;
// - RETURNING id (SQLite >= 3.35) or QSqlQuery::lastInsertId() (QPSQL asks lastval());
// - integer division of two integer columns, ||, coalesce(), TRUE/FALSE (SQLite >= 3.23);
// - 0/1 integers for flags (the schema keeps INTEGER/BIGINT columns, not BOOLEAN).
// What differs is asked of this class: column types (translateSchema()), the write-lock
// transaction start, the two-argument max/min, case-insensitive LIKE and string aggregation.
// Never differ in anything else between the two: the contract tests compare them row for row.
class SqlDialect
{
public:
    enum Kind { SQLite, PostgreSQL };

    constexpr SqlDialect() = default;
    constexpr SqlDialect(Kind kind) : m_kind(kind) { } // NOLINT: a dialect is its kind

    // By Qt driver name: QPSQL is PostgreSQL, anything else is treated as SQLite.
    static SqlDialect of(const QSqlDatabase &connection);

    Kind kind() const { return m_kind; }
    bool isSQLite() const { return m_kind == SQLite; }
    bool isPostgreSQL() const { return m_kind == PostgreSQL; }
    QString name() const;

    // The statement that starts a transaction which will write: SQLite's BEGIN IMMEDIATE takes
    // the write lock at once (a deferred one that reads first can fail with SQLITE_BUSY when it
    // upgrades); PostgreSQL locks rows as it writes them, so a plain BEGIN.
    QString beginWrite() const;
    // Two-argument max()/min() of SQLite: greatest()/least() on PostgreSQL (where max and min
    // are only aggregates).
    QString greatest() const;
    QString least() const;
    // SQLite's LIKE ignores ASCII case; PostgreSQL's does not, ILIKE does.
    QString likeIgnoringCase() const;
    // instr(text, part) / strpos(text, part): the 1-based position of literal text, 0 if absent.
    QString instr() const;
    // group_concat(expr, sep) / string_agg(expr, sep); sep is an SQL string literal.
    QString groupConcat(const QString &expression, const QString &separatorLiteral) const;
    // Column types for statements built at run time.
    QString blobType() const;   // BLOB / BYTEA
    QString realType() const;   // REAL / DOUBLE PRECISION (PostgreSQL's REAL is 4 bytes)
    QString integerType() const; // INTEGER / BIGINT (SQLite's INTEGER holds 8 bytes)

    // One statement of migrations.cpp (written for SQLite, kept byte-identical there) as the
    // statements that do the same here. On SQLite the statement itself. On PostgreSQL:
    // INTEGER -> BIGINT, REAL -> DOUBLE PRECISION, BLOB -> BYTEA, TEXT -> TEXT COLLATE "C"
    // (text compares and sorts by code point, as in SQLite, whatever the database's locale);
    // "id INTEGER PRIMARY KEY" -> an identity column plus a statement trigger that moves the
    // identity past ids written explicitly (the demo fleet and imports write their own ids, and
    // a later insert without one must not collide); "WITHOUT ROWID" dropped; the append-only
    // triggers (BEFORE UPDATE/DELETE ... RAISE(ABORT, 'why')) call patchboard_append_only().
    // Other statements (INSERT ... SELECT, UPDATE, DROP, ALTER ... RENAME) pass unchanged.
    // Migrations are append-only, and so are these rules: changing one changes what an old
    // migration does on PostgreSQL.
    QStringList translateSchema(const QString &sqliteStatement) const;

    // PostgreSQL only: the functions translateSchema()'s triggers call, created with the
    // first migration.
    static QStringList postgresFunctions();

private:
    Kind m_kind = SQLite;
};

} // namespace Patchboard
