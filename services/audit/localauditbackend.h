// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "auditbackend.h"

#include <QThreadPool>

#include <memory>

namespace Patchboard {

// The audit log in the fleet database, in process. AuditLog works on the calling thread's
// connection, so every call here runs on one worker thread that owns its own Database connection
// (like LocalFirmwareBackend; SQLite in WAL mode lets it read beside the backends' writers).
class LocalAuditBackend : public AuditBackend
{
    Q_OBJECT
public:
    explicit LocalAuditBackend(QObject *parent = nullptr);
    ~LocalAuditBackend() override;

    // Opens the log of the database file and verifies the whole chain at once, so that a damaged
    // log is reported when the console starts, not when someone thinks of checking it.
    QFuture<Result<AuditVerification>> open(const QString &databasePath);

    QFuture<Result<QList<AuditEntry>>> entries(const AuditQuery &query, int offset,
                                               int limit) override;
    QFuture<Result<AuditVerification>> verify() override;
    QFuture<Result<int>> exportCsv(const AuditQuery &query, const QString &path) override;

private:
    struct Worker;
    template<typename T, typename Fn> QFuture<Result<T>> run(Fn fn);

    std::shared_ptr<Worker> m_worker;
    QThreadPool m_pool; // exactly one thread: owns the Database connection
};

} // namespace Patchboard
