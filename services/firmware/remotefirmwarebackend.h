// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "firmwarebackend.h"

#include <QPointer>

namespace Patchboard {

class ApiClient;

// The Firmware Server as patchboard-server runs it (issue #6): the same interface as
// LocalFirmwareBackend, over the operator API (/api/v1/releases, /trust-keys, ...). The server
// acts as the operator the ApiClient signed in as; the `who` of each call is not sent (a console
// cannot claim to be someone else), so the server's role checks and records are the signed-in
// operator's. releasesChanged follows the server's "releases" change counter, and is emitted at
// once after a change made here.
//
// Files (a bundle directory, bulletin data) are uploaded first, one request per file, into an
// upload with a random id, then imported by the server, which removes the upload.
class RemoteFirmwareBackend : public FirmwareBackend
{
    Q_OBJECT
public:
    explicit RemoteFirmwareBackend(ApiClient *client, QObject *parent = nullptr);
    ~RemoteFirmwareBackend() override;

    QFuture<Result<QList<ReleaseSummary>>> releases(const Operator &who) override;
    QFuture<Result<ReleaseDetail>> releaseDetail(const Operator &who, qint64 releaseId) override;
    // Uploads manifest.suit, notes.json and images/* (reading each file off the calling thread),
    // then imports. Progress 0..1000: the bytes uploaded, 1000 when the server has verified the
    // release. Cancelling the future between files stops the upload and removes it.
    QFuture<Result<ReleaseDetail>> importBundle(const Operator &who,
                                                const QString &bundleDir) override;
    QFuture<Result<ReleaseDetail>> recordTestResult(const Operator &who, qint64 releaseId,
                                                    int modelId, TestCaseKind testCase,
                                                    TestOutcome outcome,
                                                    const QString &note) override;
    QFuture<Result<ReleaseDetail>> waiveTestCase(const Operator &who, qint64 releaseId, int modelId,
                                                 TestCaseKind testCase,
                                                 const QString &reason) override;
    QFuture<Result<ReleaseDetail>> approve(const Operator &who, qint64 releaseId,
                                           const QString &reason) override;
    QFuture<Result<ReleaseDetail>> reject(const Operator &who, qint64 releaseId,
                                          const QString &reason) override;
    QFuture<Result<ReleaseDetail>> withdraw(const Operator &who, qint64 releaseId,
                                            const QString &reason) override;
    QFuture<Result<QList<TrustedKey>>> trustedKeys(const Operator &who) override;
    QFuture<Result<TrustedKey>> addTrustedKey(const Operator &who, const QString &vendorIdHex,
                                              int manufacturerId, const QByteArray &pem,
                                              const QString &label) override;
    QFuture<Result<TrustedKey>> removeTrustedKey(const Operator &who, qint64 keyId,
                                                 const QString &reason) override;
    // A .json or .zip file, or a folder whose *.json files (also in subfolders) are uploaded.
    QFuture<Result<BulletinImportReport>> importBulletins(const Operator &who,
                                                          const QString &path) override;
    QFuture<Result<FirmwareSettings>> settings(const Operator &who) override;
    QFuture<Result<FirmwareSettings>> setSettings(const Operator &who,
                                                  const FirmwareSettings &settings) override;

private:
    struct Upload;
    QFuture<Result<ReleaseDetail>> detailCall(const QString &path, const QJsonObject &body);
    void uploadNext(const std::shared_ptr<Upload> &upload);
    void failUpload(const std::shared_ptr<Upload> &upload, const ServiceError &error);

    QPointer<ApiClient> m_client; // the composition root owns it
};

} // namespace Patchboard
