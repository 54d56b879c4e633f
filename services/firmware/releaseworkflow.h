// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/result.h"
#include "crypto/sha256.h"
#include "domain/operator.h"
#include "domain/release.h"
#include "firmwarebackend.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>

#include <functional>

namespace Patchboard {

class Database;
struct ReleaseRecord;

// The release workflow over one Database connection, synchronously (LocalFirmwareBackend runs it
// on its worker thread; tests call it directly). Every operation checks the operator's role
// first (services/auth), records each transition with who, when and why, and appends an audit
// entry (services/audit). See FirmwareBackend for what each operation does.
class ReleaseWorkflow
{
public:
    using Clock = std::function<QDateTime()>;

    // storeDir: where imported bundles are kept (one folder per release).
    ReleaseWorkflow(Database &database, const QString &storeDir, Clock clock = {});

    Result<QList<ReleaseSummary>> releases(const Operator &who);
    Result<ReleaseDetail> detail(const Operator &who, qint64 id);
    Result<ReleaseDetail> importBundle(const Operator &who, const QString &bundleDir,
                                       const Sha256::Progress &progress = {});
    Result<ReleaseDetail> recordTestResult(const Operator &who, qint64 id, int modelId,
                                           TestCaseKind testCase, TestOutcome outcome,
                                           const QString &note);
    Result<ReleaseDetail> waiveTestCase(const Operator &who, qint64 id, int modelId,
                                        TestCaseKind testCase, const QString &reason);
    Result<ReleaseDetail> approve(const Operator &who, qint64 id, const QString &reason);
    Result<ReleaseDetail> reject(const Operator &who, qint64 id, const QString &reason);
    Result<ReleaseDetail> withdraw(const Operator &who, qint64 id, const QString &reason);

private:
    QDateTime now() const;
    // Moves a release to `to`, recording the transition and an audit entry.
    Status transition(const Operator &who, const ReleaseRecord &record, ReleaseState to,
                      const QString &reason, const QString &action, QJsonObject details = {});
    Status audit(const Operator &who, const QString &action, const QString &subject,
                 const QJsonObject &details);
    Result<ReleaseDetail> changeTestCase(const Operator &who, qint64 id, int modelId,
                                         TestCaseKind testCase,
                                         const std::function<Status(TestCaseResult &)> &change,
                                         const QString &action, const QJsonObject &details);

    Database &m_database;
    QString m_storeDir;
    Clock m_clock;
};

} // namespace Patchboard
