// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "auditlog.h"

#include <QFuture>
#include <QObject>
#include <QThreadPool>

#include <memory>

namespace Patchboard {

// The audit log for the console, asynchronously: AuditLog works on the calling thread's
// connection, so every call here runs on one worker thread that owns its own Database connection
// (like LocalFirmwareBackend; SQLite in WAL mode lets it read beside the backends' writers).
// Results arrive through the futures; continue them with .then(context, ...).
class AuditBackend : public QObject
{
    Q_OBJECT
public:
    explicit AuditBackend(QObject *parent = nullptr);
    ~AuditBackend() override;

    // Opens the log of the database file and verifies the whole chain at once, so that a damaged
    // log is reported when the console starts, not when someone thinks of checking it.
    QFuture<Result<AuditVerification>> open(const QString &databasePath);

    // Newest first (see AuditLog::entries).
    QFuture<Result<QList<AuditEntry>>> entries(const AuditQuery &query, int offset, int limit);
    QFuture<Result<AuditVerification>> verify();
    // Writes the entries matching query, newest first, as CSV with their hashes (so that the
    // chain can be re-checked outside Patchboard), all or nothing. Result: entries written.
    // Progress: entries written; cancellable.
    QFuture<Result<int>> exportCsv(const AuditQuery &query, const QString &path);

    // The CSV header: stable, English, machine-readable column names.
    static QStringList csvHeader();

private:
    struct Worker;
    template<typename T, typename Fn> QFuture<Result<T>> run(Fn fn);

    std::shared_ptr<Worker> m_worker;
    QThreadPool m_pool; // exactly one thread: owns the Database connection
};

} // namespace Patchboard
