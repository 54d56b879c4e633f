// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "firmwarebackend.h"

#include <QDateTime>
#include <QThreadPool>

#include <functional>
#include <memory>

namespace Patchboard {

// The embedded Firmware Server: the release workflow over the fleet's SQLite file, with the
// imported bundles in a folder beside it. All work runs on one worker thread that owns its own
// Database connection (like LocalTrackerBackend); results arrive through the futures.
class LocalFirmwareBackend : public FirmwareBackend
{
    Q_OBJECT
public:
    struct Options
    {
        QString databasePath;
        QString releaseStorePath; // empty: databasePath + ".releases"
        std::function<QDateTime()> clock; // "now"; empty = the system clock (tests fix it)
    };

    explicit LocalFirmwareBackend(QObject *parent = nullptr);
    ~LocalFirmwareBackend() override;

    // Opens the database (migrating it to schema 3 if needed). Call once, before anything else.
    QFuture<Result<Done>> open(const Options &options);

    QFuture<Result<QList<ReleaseSummary>>> releases(const Operator &who) override;
    QFuture<Result<ReleaseDetail>> releaseDetail(const Operator &who, qint64 releaseId) override;
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
    QFuture<Result<BulletinImportReport>> importBulletins(const Operator &who,
                                                          const QString &path) override;
    QFuture<Result<FirmwareSettings>> settings(const Operator &who) override;
    QFuture<Result<FirmwareSettings>> setSettings(const Operator &who,
                                                  const FirmwareSettings &settings) override;

private:
    struct Worker;
    // Runs fn(worker) on the worker thread; emits releasesChanged() after a successful change.
    template<typename T, typename Fn> QFuture<Result<T>> run(Fn fn, bool changes);

    std::shared_ptr<Worker> m_worker;
    QThreadPool m_pool; // exactly one thread: owns the Database connection
};

} // namespace Patchboard

Q_DECLARE_METATYPE(Patchboard::BulletinImportReport)
