// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "auditlog.h"

#include <QFuture>
#include <QObject>
#include <QStringList>

namespace Patchboard {

// The audit log as the console sees it, asynchronously: every call returns at once and the
// result arrives through the future (continue it with .then(context, ...)). Implementations:
// LocalAuditBackend (the log in the fleet database, in process) and RemoteAuditBackend
// (patchboard-server's /api/v1/audit).
class AuditBackend : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    ~AuditBackend() override = default;

    // Newest first (see AuditLog::entries).
    virtual QFuture<Result<QList<AuditEntry>>> entries(const AuditQuery &query, int offset,
                                                       int limit) = 0;
    // Walks the whole chain (AuditLog::verify).
    virtual QFuture<Result<AuditVerification>> verify() = 0;
    // Writes the entries matching query, newest first, as CSV with their hashes (so that the
    // chain can be re-checked outside Patchboard), all or nothing. Result: entries written.
    // Progress; cancellable.
    virtual QFuture<Result<int>> exportCsv(const AuditQuery &query, const QString &path) = 0;

    // The CSV header: stable, English, machine-readable column names.
    static QStringList csvHeader();
};

} // namespace Patchboard
