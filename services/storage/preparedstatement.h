// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QSqlQuery>
#include <QString>
#include <QVariant>

#include <memory>
#include <optional>

struct sqlite3;
struct sqlite3_stmt;

namespace Patchboard {

class Database;

// The sqlite3 handle behind a QSQLITE connection; null for any other driver.
sqlite3 *sqliteHandle(const Database &database);

// One statement run many times in a loop (the simulator writes hundreds of thousands of rows a
// second): on SQLite straight through the sqlite3 handle of Qt's connection — binding and
// stepping there costs a fraction of QSqlQuery's QVariant round trips — and through QSqlQuery
// on any other driver. Parameters are positional, 0-based. Rows are read with next()/integer()/
// text(). Used on the thread that owns the connection.
class PreparedStatement
{
public:
    PreparedStatement() = default;
    PreparedStatement(PreparedStatement &&) noexcept;
    PreparedStatement &operator=(PreparedStatement &&) noexcept;
    PreparedStatement(const PreparedStatement &) = delete;
    PreparedStatement &operator=(const PreparedStatement &) = delete;
    ~PreparedStatement();

    // what names the work for the error ("record the update events").
    static Result<PreparedStatement> prepare(Database &database, const QString &sql,
                                             const QString &what);

    void bind(int index, qint64 value);
    void bind(int index, const QString &value);
    void bindText(int index, const QByteArray &utf8); // no copy on SQLite; must outlive exec()
    void bindNull(int index);
    // Runs a statement that returns no rows (and resets it for the next run).
    Status exec();
    // Runs a query; then next() steps through its rows.
    Status start();
    bool next();
    qint64 integer(int column) const;
    QString text(int column) const;
    bool isNull(int column) const;
    Status finishRows(); // the error that ended next(), if any; resets the statement

private:
    ServiceError failure(int code) const;

    Database *m_database = nullptr;
    QString m_what;
    sqlite3 *m_handle = nullptr;
    sqlite3_stmt *m_statement = nullptr;
    int m_lastStep = 0;
    std::optional<QSqlQuery> m_query;
};

} // namespace Patchboard
