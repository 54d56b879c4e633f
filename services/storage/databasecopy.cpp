// SPDX-License-Identifier: Apache-2.0
#include "databasecopy.h"
#include "database.h"

#include <QCoreApplication>
#include <QHash>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>

namespace Patchboard {

namespace {

// The translation context of this file's messages. Call Tr::tr() everywhere, also in free
// functions and lambdas: lupdate takes the context from Q_DECLARE_TR_FUNCTIONS, so the context
// it extracts is the one looked up at run time (for a plain tr() it uses the enclosing scope).
class Tr
{
    Q_DECLARE_TR_FUNCTIONS(Patchboard::DatabaseCopy)
};

// Bound values per INSERT: well under SQLite's 32,766 and PostgreSQL's 65,535, and large enough
// that a row costs one statement only every few hundred rows.
constexpr int maxValuesPerStatement = 960;

// The tables and their foreign keys (table -> referenced tables), read from the catalog.
Status readCatalog(Database &database, QStringList &tables,
                   QHash<QString, QSet<QString>> &references)
{
    const QString what = Tr::tr("read the list of tables");
    QSqlQuery q(database.connection());
    q.setForwardOnly(true);
    const bool sqlite = database.dialect().isSQLite();
    if (!q.exec(sqlite ? QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' AND "
                                        "name NOT LIKE 'sqlite_%' ORDER BY name")
                       : QStringLiteral("SELECT table_name FROM information_schema.tables WHERE "
                                        "table_schema = current_schema() AND table_type = 'BASE "
                                        "TABLE' AND table_name <> 'schema_version' ORDER BY "
                                        "table_name")))
        return database.error(q.lastError(), what);
    while (q.next())
        tables << q.value(0).toString();
    q.finish();
    if (sqlite) {
        if (!q.exec(QStringLiteral("SELECT m.name, f.\"table\" FROM sqlite_master m, "
                                   "pragma_foreign_key_list(m.name) f WHERE m.type = 'table'")))
            return database.error(q.lastError(), what);
    } else if (!q.exec(QStringLiteral("SELECT c.relname, r.relname FROM pg_constraint k JOIN "
                                      "pg_class c ON c.oid = k.conrelid JOIN pg_class r ON r.oid = "
                                      "k.confrelid WHERE k.contype = 'f' AND k.connamespace = "
                                      "current_schema()::regnamespace"))) {
        return database.error(q.lastError(), what);
    }
    while (q.next()) {
        const QString table = q.value(0).toString();
        const QString referenced = q.value(1).toString();
        if (table != referenced) // a table that references itself: rows go in their own order
            references[table].insert(referenced);
    }
    return Done{};
}

QString insertStatement(const QString &table, const QStringList &columns, int rows)
{
    QString row = QStringLiteral("(");
    for (int c = 0; c < columns.size(); ++c)
        row += c == 0 ? QStringLiteral("?") : QStringLiteral(", ?");
    row += QLatin1Char(')');
    QStringList values;
    values.reserve(rows);
    for (int r = 0; r < rows; ++r)
        values << row;
    return QStringLiteral("INSERT INTO %1 (%2) VALUES %3")
        .arg(table, columns.join(QStringLiteral(", ")), values.join(QStringLiteral(", ")));
}

} // namespace

Result<QStringList> DatabaseCopy::tablesInOrder(Database &database)
{
    QStringList tables;
    QHash<QString, QSet<QString>> references;
    if (const Status ok = readCatalog(database, tables, references); !ok)
        return ok.error();
    // Depth-first: a table after everything it references (the schema has no cycles).
    QStringList ordered;
    QSet<QString> done;
    QSet<QString> visiting;
    std::function<bool(const QString &)> visit = [&](const QString &table) {
        if (done.contains(table))
            return true;
        if (visiting.contains(table))
            return false;
        visiting.insert(table);
        QStringList needed = references.value(table).values();
        needed.sort();
        for (const QString &other : std::as_const(needed)) {
            if (tables.contains(other) && !visit(other))
                return false;
        }
        visiting.remove(table);
        done.insert(table);
        ordered << table;
        return true;
    };
    for (const QString &table : std::as_const(tables)) {
        if (!visit(table))
            return ServiceError::make(
                ServiceError::Code::Internal,
                Tr::tr("The foreign keys of table %1 form a cycle.").arg(table));
    }
    return ordered;
}

Status DatabaseCopy::copy(Database &from, Database &to, const Progress &progress)
{
    using Code = ServiceError::Code;
    const Result<QStringList> sourceTables = tablesInOrder(from);
    if (!sourceTables)
        return sourceTables.error();
    const Result<QStringList> targetTables = tablesInOrder(to);
    if (!targetTables)
        return targetTables.error();
    // Both were migrated by Database::open, so the same tables; anything else is not ours.
    QStringList missing;
    for (const QString &table : sourceTables.value()) {
        if (!targetTables.value().contains(table))
            missing << table;
    }
    if (!missing.isEmpty())
        return ServiceError::make(
            Code::ForeignDatabase,
            Tr::tr("%1 has tables that %2 lacks: %3.")
                .arg(from.path(), to.path(), missing.join(QStringLiteral(", "))),
            Tr::tr("Copy between two Patchboard databases of the same version."));

    QSqlDatabase target = to.connection();
    QSqlQuery check(target);
    for (const QString &table : targetTables.value()) {
        if (!check.exec(QStringLiteral("SELECT 1 FROM %1 LIMIT 1").arg(table)))
            return to.error(check.lastError(), Tr::tr("check that the target is empty"));
        if (check.next())
            return ServiceError::make(
                Code::InvalidArgument,
                Tr::tr("%1 already holds data (table %2).").arg(to.path(), table),
                Tr::tr("Copy into a new, empty database: nothing was changed."));
        check.finish();
    }

    const bool sqliteTarget = to.dialect().isSQLite();
    QSqlQuery begin(target);
    if (!(sqliteTarget ? begin.exec(to.dialect().beginWrite()) : target.transaction()))
        return to.error(sqliteTarget ? begin.lastError() : target.lastError(),
                        Tr::tr("start a transaction"));
    auto fail = [&](const ServiceError &error) {
        target.rollback();
        return error;
    };

    for (const QString &table : targetTables.value()) {
        if (!sourceTables.value().contains(table))
            continue;
        const QSqlRecord record = target.record(table);
        QStringList columns;
        for (int i = 0; i < record.count(); ++i)
            columns << record.fieldName(i);
        if (columns.isEmpty())
            return fail(ServiceError::make(
                Code::Internal, Tr::tr("Table %1 has no columns in %2.").arg(table, to.path())));
        const int chunkRows = qMax(1, maxValuesPerStatement / int(columns.size()));

        QSqlQuery read(from.connection());
        read.setForwardOnly(true);
        if (!read.exec(
                QStringLiteral("SELECT %1 FROM %2").arg(columns.join(QStringLiteral(", ")), table)))
            return fail(from.error(read.lastError(), Tr::tr("read table %1").arg(table)));

        QSqlQuery full(target);
        if (!full.prepare(insertStatement(table, columns, chunkRows)))
            return fail(to.error(full.lastError(), Tr::tr("write table %1").arg(table)));
        QVariantList pending;
        pending.reserve(chunkRows * columns.size());
        qint64 copied = 0;
        auto flush = [&](QSqlQuery &insert) -> Status {
            for (qsizetype i = 0; i < pending.size(); ++i)
                insert.bindValue(int(i), pending.at(i));
            if (!insert.exec())
                return to.error(insert.lastError(), Tr::tr("write table %1").arg(table));
            copied += pending.size() / columns.size();
            pending.clear();
            return Done{};
        };
        while (read.next()) {
            for (int c = 0; c < columns.size(); ++c)
                pending.append(read.value(c));
            if (pending.size() == chunkRows * columns.size()) {
                if (const Status ok = flush(full); !ok)
                    return fail(ok.error());
            }
        }
        if (read.lastError().isValid())
            return fail(from.error(read.lastError(), Tr::tr("read table %1").arg(table)));
        if (!pending.isEmpty()) {
            QSqlQuery rest(target);
            if (!rest.prepare(
                    insertStatement(table, columns, int(pending.size() / columns.size()))))
                return fail(to.error(rest.lastError(), Tr::tr("write table %1").arg(table)));
            if (const Status ok = flush(rest); !ok)
                return fail(ok.error());
        }
        if (progress)
            progress(table, copied);
    }
    if (!target.commit())
        return fail(to.error(target.lastError(), Tr::tr("commit the copy")));
    return Done{};
}

} // namespace Patchboard
