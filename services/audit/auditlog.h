// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace Patchboard {

class Database;

// One operator decision, as recorded.
struct AuditEntry
{
    qint64 sequence = 0; // 1, 2, 3, ... without gaps
    QDateTime time;      // UTC, second precision
    QString actor;       // operator name
    QString role;        // the role the actor acted in
    QString action;      // e.g. "release.approve", "trust.key.add"
    QString subject;     // what it was done to, e.g. a release or key fingerprint
    QJsonObject details; // reasons, values before/after
    QByteArray previousHash; // SHA-256 of the entry before (32 zero bytes for the first)
    QByteArray hash;         // SHA-256 over previousHash and this entry's fields
};

// The outcome of checking the chain: intact, or where it breaks and how.
struct AuditVerification
{
    bool intact = true;
    qint64 entries = 0;
    qint64 firstBadSequence = 0; // position of the first entry that does not verify
    QString problem;             // translated explanation, naming the position
};

struct AuditQuery
{
    QString actor;        // exact; empty = all
    QString actionPrefix; // e.g. "release." ; empty = all
    QString text;         // literal text in the subject or details; empty = all
    QDateTime from, to;   // inclusive bounds; invalid = open
};

// The append-only, hash-chained audit log of every operator decision (ARCHITECTURE.md,
// services/audit; GSMA IoT guidelines: administrative access is accountable). Works on a
// Database connection of the calling thread.
class AuditLog
{
public:
    explicit AuditLog(Database &database);

    Result<AuditEntry> append(const QString &actor, const QString &role, const QString &action,
                              const QString &subject, const QJsonObject &details = {},
                              const QDateTime &time = QDateTime::currentDateTimeUtc());
    // The same inside a transaction the caller has opened and will commit, so that a change and
    // its audit entry are written together or not at all.
    Result<AuditEntry> appendWithinTransaction(const QString &actor, const QString &role,
                                               const QString &action, const QString &subject,
                                               const QJsonObject &details,
                                               const QDateTime &time);
    // Walks the whole chain: a changed field, a deleted or inserted entry, or a cut-off tail
    // (compared with the head recorded beside the log) is reported with its position.
    Result<AuditVerification> verify() const;
    Result<QList<AuditEntry>> entries(const AuditQuery &query, int offset, int limit) const;

    // The hash of an entry's content chained to previousHash; exposed for tests and exports.
    static QByteArray chainHash(const AuditEntry &entry);

private:
    Database &m_database;
};

} // namespace Patchboard
