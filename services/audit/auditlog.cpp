// SPDX-License-Identifier: Apache-2.0
#include "auditlog.h"
#include "storage/database.h"

#include <QCborArray>
#include <QCborValue>
#include <QCoreApplication>
#include <QCryptographicHash>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

namespace Patchboard {

namespace {

// The translation context of this file's messages. Call Tr::tr() everywhere, also in free
// functions and lambdas: lupdate takes the context from Q_DECLARE_TR_FUNCTIONS, so the context
// it extracts is the one looked up at run time (for a plain tr() it uses the enclosing scope).
class Tr
{
    Q_DECLARE_TR_FUNCTIONS(Patchboard::AuditLog)
};

const QString headKey = QStringLiteral("audit_head");
// The PostgreSQL advisory lock of appendWithinTransaction(): "PBAL".
constexpr qint64 appendLockKey = 0x5042414c;

QByteArray genesis()
{
    return QByteArray(32, '\0');
}

QByteArray detailsText(const QJsonObject &details)
{
    return QJsonDocument(details).toJson(QJsonDocument::Compact);
}

AuditEntry readEntry(const QSqlQuery &query)
{
    AuditEntry entry;
    entry.sequence = query.value(0).toLongLong();
    entry.time = QDateTime::fromSecsSinceEpoch(query.value(1).toLongLong(), Qt::UTC);
    entry.actor = query.value(2).toString();
    entry.role = query.value(3).toString();
    entry.action = query.value(4).toString();
    entry.subject = query.value(5).toString();
    entry.details = QJsonDocument::fromJson(query.value(6).toString().toUtf8()).object();
    entry.previousHash = query.value(7).toByteArray();
    entry.hash = query.value(8).toByteArray();
    return entry;
}

const char *const selectColumns = "SELECT sequence, time, actor, role, action, subject, details, "
                                  "previous_hash, hash FROM audit_log";

} // namespace

AuditLog::AuditLog(Database &database)
    : m_database(database)
{
}

QByteArray AuditLog::chainHash(const AuditEntry &entry)
{
    // A deterministic CBOR encoding of the fields, appended to the previous hash: changing any
    // field, or the order of entries, changes every hash after it.
    const QCborArray fields{entry.sequence,
                            entry.time.toSecsSinceEpoch(),
                            entry.actor,
                            entry.role,
                            entry.action,
                            entry.subject,
                            QCborValue(detailsText(entry.details))};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(entry.previousHash);
    hash.addData(QCborValue(fields).toCbor());
    return hash.result();
}

Result<AuditEntry> AuditLog::append(const QString &actor, const QString &role,
                                    const QString &action, const QString &subject,
                                    const QJsonObject &details, const QDateTime &time)
{
    QSqlDatabase db = m_database.connection();
    if (!db.transaction())
        return m_database.error(db.lastError(), Tr::tr("start an audit entry"));
    Result<AuditEntry> entry = appendWithinTransaction(actor, role, action, subject, details, time);
    if (!entry) {
        db.rollback();
        return entry;
    }
    if (!db.commit()) {
        const ServiceError error = m_database.error(db.lastError(), Tr::tr("write an audit entry"));
        db.rollback();
        return error;
    }
    return entry;
}

Result<AuditEntry> AuditLog::appendWithinTransaction(const QString &actor, const QString &role,
                                                     const QString &action,
                                                     const QString &subject,
                                                     const QJsonObject &details,
                                                     const QDateTime &time)
{
    QSqlQuery query(m_database.connection());
    // On PostgreSQL several server instances append to one log: the head read below and the
    // entry written after it must not interleave with another's, or both would chain to the
    // same head. A transaction-scoped advisory lock serialises appenders (released at commit or
    // rollback). SQLite has one writer at a time anyway.
    if (m_database.dialect().isPostgreSQL()
        && !query.exec(QStringLiteral("SELECT pg_advisory_xact_lock(%1)").arg(appendLockKey)))
        return m_database.error(query.lastError(), Tr::tr("lock the audit log"));
    AuditEntry entry;
    entry.previousHash = genesis();
    if (!query.exec(QStringLiteral("SELECT sequence, hash FROM audit_log ORDER BY sequence DESC LIMIT 1")))
        return m_database.error(query.lastError(), Tr::tr("read the audit log"));
    if (query.next()) {
        entry.sequence = query.value(0).toLongLong();
        entry.previousHash = query.value(1).toByteArray();
    }
    ++entry.sequence;
    entry.time = QDateTime::fromSecsSinceEpoch(time.toSecsSinceEpoch(), Qt::UTC);
    entry.actor = actor;
    entry.role = role;
    entry.action = action;
    entry.subject = subject;
    entry.details = details;
    entry.hash = chainHash(entry);

    query.prepare(QStringLiteral("INSERT INTO audit_log (sequence, time, actor, role, action, "
                                 "subject, details, previous_hash, hash) "
                                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    const QVariantList values = {entry.sequence, entry.time.toSecsSinceEpoch(), actor, role,
                                 action, subject, QString::fromUtf8(detailsText(details)),
                                 entry.previousHash, entry.hash};
    for (int i = 0; i < values.size(); ++i)
        query.bindValue(i, values[i]);
    if (!query.exec())
        return m_database.error(query.lastError(), Tr::tr("write an audit entry"));
    // The head beside the log lets verify() notice entries cut off at the end.
    query.prepare(QStringLiteral("INSERT INTO settings (key, value) VALUES (?, ?) "
                                 "ON CONFLICT (key) DO UPDATE SET value = excluded.value"));
    query.bindValue(0, headKey);
    query.bindValue(1, QStringLiteral("%1:%2").arg(entry.sequence).arg(QString::fromLatin1(entry.hash.toHex())));
    if (!query.exec())
        return m_database.error(query.lastError(), Tr::tr("write an audit entry"));
    return entry;
}

Result<AuditVerification> AuditLog::verify() const
{
    AuditVerification result;
    QSqlQuery query(m_database.connection());
    query.setForwardOnly(true);
    if (!query.exec(QString::fromLatin1(selectColumns) + QStringLiteral(" ORDER BY sequence")))
        return m_database.error(query.lastError(), Tr::tr("read the audit log"));
    QByteArray previous = genesis();
    qint64 expected = 1;
    auto broken = [&](qint64 sequence, const QString &problem) {
        result.intact = false;
        result.firstBadSequence = sequence;
        result.problem = problem;
    };
    while (query.next()) {
        const AuditEntry entry = readEntry(query);
        ++result.entries;
        if (!result.intact)
            continue;
        if (entry.sequence != expected) {
            broken(expected,
                   entry.sequence > expected
                       ? Tr::tr("Audit entry %1 is missing: the log jumps from entry %2 to %3.")
                             .arg(expected)
                             .arg(expected - 1)
                             .arg(entry.sequence)
                       : Tr::tr("Audit entry %1 appears out of order.").arg(entry.sequence));
        } else if (entry.previousHash != previous) {
            broken(entry.sequence,
                   Tr::tr("Audit entry %1 does not follow entry %2: an entry was "
                          "removed, inserted or changed there.")
                       .arg(entry.sequence)
                       .arg(entry.sequence - 1));
        } else if (entry.hash != chainHash(entry)) {
            broken(entry.sequence,
                   Tr::tr("Audit entry %1 was changed after it was written.").arg(entry.sequence));
        }
        previous = entry.hash;
        ++expected;
    }
    if (query.lastError().isValid())
        return m_database.error(query.lastError(), Tr::tr("read the audit log"));
    if (result.intact) {
        QSqlQuery head(m_database.connection());
        head.prepare(QStringLiteral("SELECT value FROM settings WHERE key = ?"));
        head.bindValue(0, headKey);
        if (head.exec() && head.next()) {
            const QStringList parts = head.value(0).toString().split(QLatin1Char(':'));
            const qint64 headSequence = parts.value(0).toLongLong();
            if (headSequence > result.entries) {
                broken(result.entries + 1,
                       Tr::tr("Audit entries %1 to %2 were removed from the end "
                              "of the log.")
                           .arg(result.entries + 1)
                           .arg(headSequence));
            } else if (headSequence == result.entries
                       && parts.value(1) != QString::fromLatin1(previous.toHex())) {
                broken(headSequence,
                       Tr::tr("Audit entry %1 does not match the recorded head of the log.")
                           .arg(headSequence));
            }
        }
    }
    return result;
}

Result<QList<AuditEntry>> AuditLog::entries(const AuditQuery &filter, int offset, int limit) const
{
    QStringList terms;
    QVariantList values;
    if (!filter.actor.isEmpty()) {
        terms << QStringLiteral("actor = ?");
        values << filter.actor;
    }
    if (!filter.actionPrefix.isEmpty()) {
        terms << QStringLiteral("substr(action, 1, ?) = ?");
        values << int(filter.actionPrefix.size()) << filter.actionPrefix;
    }
    if (!filter.text.isEmpty()) {
        // instr() takes the text literally: no LIKE wildcards to escape (strpos() on PostgreSQL).
        terms << QStringLiteral("(%1(subject, ?) > 0 OR %1(details, ?) > 0)")
                     .arg(m_database.dialect().instr());
        values << filter.text << filter.text;
    }
    if (filter.from.isValid()) {
        terms << QStringLiteral("time >= ?");
        values << filter.from.toSecsSinceEpoch();
    }
    if (filter.to.isValid()) {
        terms << QStringLiteral("time <= ?");
        values << filter.to.toSecsSinceEpoch();
    }
    QString sql = QString::fromLatin1(selectColumns);
    if (!terms.isEmpty())
        sql += QStringLiteral(" WHERE ") + terms.join(QStringLiteral(" AND "));
    sql += QStringLiteral(" ORDER BY sequence DESC LIMIT ? OFFSET ?");
    values << qBound(0, limit, 100000) << qMax(0, offset);
    QSqlQuery query(m_database.connection());
    query.prepare(sql);
    for (int i = 0; i < values.size(); ++i)
        query.bindValue(i, values[i]);
    if (!query.exec())
        return m_database.error(query.lastError(), Tr::tr("read the audit log"));
    QList<AuditEntry> list;
    while (query.next())
        list.append(readEntry(query));
    return list;
}

} // namespace Patchboard
