// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/result.h"
#include "storage/database.h"

#include <QByteArray>
#include <QDateTime>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>
#include <QVariantList>

namespace Patchboard::FirmwareSql {

// A vendor or class ID as the firmware tables keep it: lower-case hex text.
inline QString hex(const QByteArray &bytes)
{
    return QString::fromLatin1(bytes.toHex());
}

// A time as the firmware tables keep it: whole seconds since the epoch, NULL when not set.
inline QVariant seconds(const QDateTime &time)
{
    return time.isValid() ? QVariant(time.toSecsSinceEpoch())
                          : QVariant(QMetaType::fromType<qint64>());
}

// The time of a seconds column, in UTC; invalid for NULL.
inline QDateTime fromSeconds(const QVariant &value)
{
    return value.isNull() ? QDateTime()
                          : QDateTime::fromSecsSinceEpoch(value.toLongLong(), Qt::UTC);
}

// "?,?,?": the parameter marks of an IN (...) list of count values.
inline QString placeholders(qsizetype count)
{
    QStringList marks;
    for (qsizetype i = 0; i < count; ++i)
        marks.append(QStringLiteral("?"));
    return marks.join(QLatin1Char(','));
}

// Prepares, binds and runs one statement; a failure becomes a ServiceError that names `what`
// ("read the releases"), never a raw QSqlError.
inline Status exec(Database &database, QSqlQuery &query, const QString &sql,
                   const QVariantList &values, const QString &what)
{
    if (!query.prepare(sql))
        return database.error(query.lastError(), what);
    for (int i = 0; i < values.size(); ++i) {
        // A null QString binds as SQL NULL; text columns are NOT NULL, so bind it as ''.
        const QVariant &value = values[i];
        if (value.typeId() == QMetaType::QString && value.toString().isNull())
            query.bindValue(i, QStringLiteral(""));
        // Flags are 0/1 integer columns; QPSQL would send a bool as TRUE, which PostgreSQL
        // refuses for a BIGINT (SQLite stores 1 either way).
        else if (value.typeId() == QMetaType::Bool)
            query.bindValue(i, int(value.toBool()));
        else
            query.bindValue(i, value);
    }
    if (!query.exec())
        return database.error(query.lastError(), what);
    return Done{};
}

// A transaction that rolls back unless committed.
class Transaction
{
public:
    explicit Transaction(Database &database) : m_database(database)
    {
        m_started = m_database.connection().transaction();
    }
    ~Transaction()
    {
        if (m_started && !m_committed)
            m_database.connection().rollback();
    }
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;

    bool started() const { return m_started; }
    Status commit(const QString &what)
    {
        QSqlDatabase db = m_database.connection();
        if (!m_started || !db.commit())
            return m_database.error(db.lastError(), what);
        m_committed = true;
        return Done{};
    }

private:
    Database &m_database;
    bool m_started = false;
    bool m_committed = false;
};

} // namespace Patchboard::FirmwareSql
