// SPDX-License-Identifier: Apache-2.0
#include "preparedstatement.h"
#include "database.h"

#include <QCoreApplication>
#include <QSqlDriver>
#include <QSqlError>

#include <sqlite3.h>

#include <utility>

namespace Patchboard {

namespace {

// The translation context of this file's messages. Call Tr::tr() everywhere, also in free
// functions and lambdas: lupdate takes the context from Q_DECLARE_TR_FUNCTIONS, so the context
// it extracts is the one looked up at run time (for a plain tr() it uses the enclosing scope).
class Tr
{
    Q_DECLARE_TR_FUNCTIONS(Patchboard::PreparedStatement)
};

} // namespace

sqlite3 *sqliteHandle(const Database &database)
{
    const QSqlDatabase db = database.connection();
    if (!db.driver())
        return nullptr;
    const QVariant handle = db.driver()->handle();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return nullptr;
    return *static_cast<sqlite3 *const *>(handle.constData());
}

PreparedStatement::PreparedStatement(PreparedStatement &&other) noexcept
{
    *this = std::move(other);
}

PreparedStatement &PreparedStatement::operator=(PreparedStatement &&other) noexcept
{
    if (this != &other) {
        if (m_statement)
            sqlite3_finalize(m_statement);
        m_database = std::exchange(other.m_database, nullptr);
        m_what = std::move(other.m_what);
        m_handle = std::exchange(other.m_handle, nullptr);
        m_statement = std::exchange(other.m_statement, nullptr);
        m_lastStep = other.m_lastStep;
        m_query = std::move(other.m_query);
        other.m_query.reset();
    }
    return *this;
}

PreparedStatement::~PreparedStatement()
{
    if (m_statement)
        sqlite3_finalize(m_statement);
}

Result<PreparedStatement> PreparedStatement::prepare(Database &database, const QString &sql,
                                                     const QString &what)
{
    PreparedStatement statement;
    statement.m_database = &database;
    statement.m_what = what;
    statement.m_handle = sqliteHandle(database);
    if (statement.m_handle) {
        const QByteArray utf8 = sql.toUtf8();
        const int code = sqlite3_prepare_v3(statement.m_handle, utf8.constData(), int(utf8.size()),
                                            SQLITE_PREPARE_PERSISTENT, &statement.m_statement,
                                            nullptr);
        if (code != SQLITE_OK)
            return statement.failure(code);
        return statement;
    }
    statement.m_query.emplace(database.connection());
    if (!statement.m_query->prepare(sql))
        return database.error(statement.m_query->lastError(), what);
    return statement;
}

ServiceError PreparedStatement::failure(int code) const
{
    const bool corrupt = code == SQLITE_CORRUPT || code == SQLITE_NOTADB;
    return ServiceError::make(
        corrupt ? ServiceError::Code::StorageCorrupt : ServiceError::Code::StorageFailure,
        Tr::tr("Could not %1 in '%2': %3")
            .arg(m_what, m_database ? m_database->path() : QString(),
                 QString::fromUtf8(sqlite3_errmsg(m_handle))),
        corrupt ? Tr::tr("The file is damaged; restore it from a backup. Nothing else was changed.")
                : Tr::tr("Check that the disk is writable and not full."));
}

void PreparedStatement::bind(int index, qint64 value)
{
    if (m_statement)
        sqlite3_bind_int64(m_statement, index + 1, value);
    else
        m_query->bindValue(index, value);
}

void PreparedStatement::bind(int index, const QString &value)
{
    if (m_statement) {
        const QByteArray utf8 = value.toUtf8();
        sqlite3_bind_text(m_statement, index + 1, utf8.constData(), int(utf8.size()),
                          SQLITE_TRANSIENT);
    } else {
        m_query->bindValue(index, value.isNull() ? QStringLiteral("") : value);
    }
}

void PreparedStatement::bindText(int index, const QByteArray &utf8)
{
    if (m_statement)
        sqlite3_bind_text(m_statement, index + 1, utf8.constData(), int(utf8.size()),
                          SQLITE_STATIC);
    else
        // Empty text is '' as on SQLite, not NULL (a null QString binds as NULL).
        m_query->bindValue(index, utf8.isEmpty() ? QStringLiteral("") : QString::fromUtf8(utf8));
}

void PreparedStatement::bindNull(int index)
{
    if (m_statement)
        sqlite3_bind_null(m_statement, index + 1);
    else
        m_query->bindValue(index, QVariant(QMetaType::fromType<qint64>()));
}

Status PreparedStatement::exec()
{
    if (m_statement) {
        const int code = sqlite3_step(m_statement);
        sqlite3_reset(m_statement);
        if (code != SQLITE_DONE && code != SQLITE_ROW)
            return failure(code);
        return Done{};
    }
    if (!m_query->exec())
        return m_database->error(m_query->lastError(), m_what);
    return Done{};
}

Status PreparedStatement::start()
{
    if (m_statement) {
        sqlite3_reset(m_statement);
        m_lastStep = SQLITE_OK;
        return Done{};
    }
    m_query->setForwardOnly(true);
    if (!m_query->exec())
        return m_database->error(m_query->lastError(), m_what);
    return Done{};
}

bool PreparedStatement::next()
{
    if (m_statement) {
        m_lastStep = sqlite3_step(m_statement);
        return m_lastStep == SQLITE_ROW;
    }
    return m_query->next();
}

qint64 PreparedStatement::integer(int column) const
{
    if (m_statement)
        return sqlite3_column_int64(m_statement, column);
    return m_query->value(column).toLongLong();
}

QString PreparedStatement::text(int column) const
{
    if (m_statement) {
        const auto *chars = reinterpret_cast<const char *>(sqlite3_column_text(m_statement, column));
        return QString::fromUtf8(chars, chars ? sqlite3_column_bytes(m_statement, column) : 0);
    }
    return m_query->value(column).toString();
}

bool PreparedStatement::isNull(int column) const
{
    if (m_statement)
        return sqlite3_column_type(m_statement, column) == SQLITE_NULL;
    return m_query->value(column).isNull();
}

Status PreparedStatement::finishRows()
{
    if (m_statement) {
        const int code = m_lastStep;
        sqlite3_reset(m_statement);
        if (code != SQLITE_DONE && code != SQLITE_ROW && code != SQLITE_OK)
            return failure(code);
        return Done{};
    }
    const QSqlError error = m_query->lastError();
    m_query->finish();
    if (error.isValid())
        return m_database->error(error, m_what);
    return Done{};
}

} // namespace Patchboard
