// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "auditbackend.h"

namespace Patchboard {

class ApiClient;

// The audit log of patchboard-server (issue #6): the same interface as LocalAuditBackend, over
// /api/v1/audit. The server verifies the chain on its own database; exports are the server's CSV,
// byte for byte.
class RemoteAuditBackend : public AuditBackend
{
    Q_OBJECT
public:
    explicit RemoteAuditBackend(ApiClient *client, QObject *parent = nullptr);
    ~RemoteAuditBackend() override;

    QFuture<Result<QList<AuditEntry>>> entries(const AuditQuery &query, int offset,
                                               int limit) override;
    QFuture<Result<AuditVerification>> verify() override;
    // Progress is in bytes received; the result is the number of entries in the file.
    QFuture<Result<int>> exportCsv(const AuditQuery &query, const QString &path) override;

private:
    QFuture<Result<QList<AuditEntry>>> part(const AuditQuery &query, int offset, int limit);

    ApiClient *m_client; // outlives the backend (the composition root owns both)
};

} // namespace Patchboard
