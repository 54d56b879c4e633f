// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/result.h"
#include "domain/operator.h"
#include "domain/release.h"

#include <QFuture>
#include <QObject>
#include <QString>
#include <QStringList>

namespace Patchboard {

struct BulletinImportReport
{
    int records = 0; // OSV records read
    int vulnerabilities = 0; // (CVE, patch level) rows stored
    int skipped = 0; // records without a CVE or an Android patch level
    QStringList problems; // files that could not be read
};

// The Firmware Server as the console sees it (X.secup-iot: holds the releases signed by their
// Author; ARCHITECTURE.md update procedure step 2): verify, test and approve releases. Every call
// returns at once; the work runs off the calling thread and the result arrives through the
// QFuture (continue it with .then(context, ...) to get back to the GUI thread). Every call takes
// the acting Operator: the backend itself refuses what the operator's role does not allow
// (ServiceError::Code::PermissionDenied), records who, when and why for each transition and
// writes an audit entry. Implementations: LocalFirmwareBackend (SQLite, in process).
class FirmwareBackend : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    ~FirmwareBackend() override = default;

    // Newest first, with state, test-window days left and overdue flag (SSU-TES-0010).
    virtual QFuture<Result<QList<ReleaseSummary>>> releases(const Operator &who) = 0;
    // Checklist (the fleet checks recomputed now), test plan, history, missing CVEs, blockers.
    virtual QFuture<Result<ReleaseDetail>> releaseDetail(const Operator &who, qint64 releaseId) = 0;

    // Imports a NAME.pbrelease directory: copies it into the release store, verifies the copy
    // and records the release as verified or refused. Progress: bytes hashed (0..1000).
    virtual QFuture<Result<ReleaseDetail>> importBundle(const Operator &who,
                                                        const QString &bundleDir)
        = 0;

    // A result for one case on one targeted model; a note is required for failed and blocked.
    virtual QFuture<Result<ReleaseDetail>>
    recordTestResult(const Operator &who, qint64 releaseId, int modelId, TestCaseKind testCase,
                     TestOutcome outcome, const QString &note)
        = 0;
    virtual QFuture<Result<ReleaseDetail>> waiveTestCase(const Operator &who, qint64 releaseId,
                                                         int modelId, TestCaseKind testCase,
                                                         const QString &reason)
        = 0;
    // Re-verifies the stored bundle first; refuses unless every blocking check passes, every case
    // passed or was waived and (with the four-eyes rule) the approver recorded none of them.
    virtual QFuture<Result<ReleaseDetail>> approve(const Operator &who, qint64 releaseId,
                                                   const QString &reason)
        = 0;
    virtual QFuture<Result<ReleaseDetail>> reject(const Operator &who, qint64 releaseId,
                                                  const QString &reason)
        = 0;
    virtual QFuture<Result<ReleaseDetail>> withdraw(const Operator &who, qint64 releaseId,
                                                    const QString &reason)
        = 0;

    // The trust store: Author keys per SUIT vendor ID (hex), each vendor tied to a manufacturer.
    virtual QFuture<Result<QList<TrustedKey>>> trustedKeys(const Operator &who) = 0;
    virtual QFuture<Result<TrustedKey>>
    addTrustedKey(const Operator &who, const QString &vendorIdHex, int manufacturerId,
                  const QByteArray &pem, const QString &label)
        = 0;
    virtual QFuture<Result<TrustedKey>> removeTrustedKey(const Operator &who, qint64 keyId,
                                                         const QString &reason)
        = 0;

    // Android security bulletin data in OSV format: a folder of .json, one .json or the .zip.
    virtual QFuture<Result<BulletinImportReport>> importBulletins(const Operator &who,
                                                                  const QString &path)
        = 0;

    virtual QFuture<Result<FirmwareSettings>> settings(const Operator &who) = 0;
    virtual QFuture<Result<FirmwareSettings>> setSettings(const Operator &who,
                                                          const FirmwareSettings &settings)
        = 0;

Q_SIGNALS:
    // Releases, keys or settings changed: views re-query.
    void releasesChanged();
};

} // namespace Patchboard
