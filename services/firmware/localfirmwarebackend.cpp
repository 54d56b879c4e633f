// SPDX-License-Identifier: Apache-2.0
#include "localfirmwarebackend.h"

#include "firmwareadministration.h"
#include "releaseworkflow.h"
#include "storage/database.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QMetaObject>
#include <QPointer>
#include <QPromise>

#include <optional>
#include <type_traits>

namespace Patchboard {

namespace {

// The translation context of this file's messages. Call Tr::tr() everywhere, also in free
// functions and lambdas: lupdate takes the context from Q_DECLARE_TR_FUNCTIONS, so the context
// it extracts is the one looked up at run time (for a plain tr() it uses the enclosing scope).
class Tr
{
    Q_DECLARE_TR_FUNCTIONS(Patchboard::LocalFirmwareBackend)
};

ServiceError notOpen()
{
    return ServiceError::make(ServiceError::Code::StorageUnavailable,
                              Tr::tr("No fleet database is open."),
                              Tr::tr("Open a database first (see --database)."));
}

} // namespace

struct LocalFirmwareBackend::Worker
{
    Options options;
    Database database; // used on the worker thread only
    std::optional<ReleaseWorkflow> workflow;
    std::optional<FirmwareAdministration> administration;

    bool isOpen() const { return workflow.has_value(); }
};

LocalFirmwareBackend::LocalFirmwareBackend(QObject *parent)
    : FirmwareBackend(parent), m_worker(std::make_shared<Worker>())
{
    m_pool.setMaxThreadCount(1);
    m_pool.setExpiryTimeout(-1); // the thread, and with it the connection, lives as long as we do
}

LocalFirmwareBackend::~LocalFirmwareBackend()
{
    // Close the connection on the thread that opened it: queue the cleanup behind the pending
    // tasks on the pool's one thread. (waitForDone() first would retire that thread, and the
    // cleanup would then run on a new one.)
    m_pool.start([worker = m_worker] {
        worker->workflow.reset();
        worker->administration.reset();
        worker->database = Database();
    });
    m_pool.waitForDone();
}

// Like LocalTrackerBackend's startOn: the task always runs on the pool's one thread (a thread
// waiting on the future can never steal it, as QtConcurrent::run would allow).
template<typename T, typename Fn> QFuture<Result<T>> LocalFirmwareBackend::run(Fn fn, bool changes)
{
    auto promise = std::make_shared<QPromise<Result<T>>>();
    QFuture<Result<T>> future = promise->future();
    promise->start();
    QPointer<LocalFirmwareBackend> self(this);
    m_pool.start([promise, fn = std::move(fn), worker = m_worker, self, changes]() mutable {
        Result<T> result = notOpen();
        if (worker->isOpen()) {
            if constexpr (std::is_invocable_v<Fn, Worker &, QPromise<Result<T>> &>)
                result = fn(*worker, *promise);
            else
                result = fn(*worker);
        }
        const bool changed = changes && result.ok();
        promise->addResult(std::move(result));
        promise->finish();
        if (changed && self)
            QMetaObject::invokeMethod(
                self.data(),
                [self] {
                    if (self)
                        Q_EMIT self->releasesChanged();
                },
                Qt::QueuedConnection);
    });
    return future;
}

QFuture<Result<Done>> LocalFirmwareBackend::open(const Options &options)
{
    auto promise = std::make_shared<QPromise<Result<Done>>>();
    QFuture<Result<Done>> future = promise->future();
    promise->start();
    m_pool.start([promise, options, worker = m_worker] {
        Result<Database> opened = Database::open(options.databasePath);
        if (!opened) {
            promise->addResult(opened.error());
            promise->finish();
            return;
        }
        worker->options = options;
        if (worker->options.releaseStorePath.isEmpty())
            worker->options.releaseStorePath = options.databasePath + QStringLiteral(".releases");
        worker->database = std::move(opened).value();
        worker->workflow.emplace(worker->database, worker->options.releaseStorePath,
                                 worker->options.clock);
        worker->administration.emplace(worker->database, worker->options.clock);
        promise->addResult(Done{});
        promise->finish();
    });
    return future;
}

QFuture<Result<QList<ReleaseSummary>>> LocalFirmwareBackend::releases(const Operator &who)
{
    return run<QList<ReleaseSummary>>([who](Worker &w) { return w.workflow->releases(who); },
                                      false);
}

QFuture<Result<ReleaseDetail>> LocalFirmwareBackend::releaseDetail(const Operator &who,
                                                                   qint64 releaseId)
{
    return run<ReleaseDetail>(
        [who, releaseId](Worker &w) { return w.workflow->detail(who, releaseId); }, false);
}

QFuture<Result<ReleaseDetail>> LocalFirmwareBackend::importBundle(const Operator &who,
                                                                  const QString &bundleDir)
{
    return run<ReleaseDetail>(
        [who, bundleDir](Worker &w, QPromise<Result<ReleaseDetail>> &promise) {
            promise.setProgressRange(0, 1000);
            return w.workflow->importBundle(who, bundleDir, [&promise](qint64 done, qint64 total) {
                promise.setProgressValue(total > 0 ? int(done * 1000 / total) : 1000);
                return !promise.isCanceled();
            });
        },
        true);
}

QFuture<Result<ReleaseDetail>> LocalFirmwareBackend::recordTestResult(const Operator &who,
                                                                      qint64 releaseId, int modelId,
                                                                      TestCaseKind testCase,
                                                                      TestOutcome outcome,
                                                                      const QString &note)
{
    return run<ReleaseDetail>(
        [=](Worker &w) {
            return w.workflow->recordTestResult(who, releaseId, modelId, testCase, outcome, note);
        },
        true);
}

QFuture<Result<ReleaseDetail>> LocalFirmwareBackend::waiveTestCase(const Operator &who,
                                                                   qint64 releaseId, int modelId,
                                                                   TestCaseKind testCase,
                                                                   const QString &reason)
{
    return run<ReleaseDetail>(
        [=](Worker &w) {
            return w.workflow->waiveTestCase(who, releaseId, modelId, testCase, reason);
        },
        true);
}

QFuture<Result<ReleaseDetail>> LocalFirmwareBackend::approve(const Operator &who, qint64 releaseId,
                                                             const QString &reason)
{
    return run<ReleaseDetail>(
        [=](Worker &w) { return w.workflow->approve(who, releaseId, reason); }, true);
}

QFuture<Result<ReleaseDetail>> LocalFirmwareBackend::reject(const Operator &who, qint64 releaseId,
                                                            const QString &reason)
{
    return run<ReleaseDetail>([=](Worker &w) { return w.workflow->reject(who, releaseId, reason); },
                              true);
}

QFuture<Result<ReleaseDetail>> LocalFirmwareBackend::withdraw(const Operator &who, qint64 releaseId,
                                                              const QString &reason)
{
    return run<ReleaseDetail>(
        [=](Worker &w) { return w.workflow->withdraw(who, releaseId, reason); }, true);
}

QFuture<Result<QList<TrustedKey>>> LocalFirmwareBackend::trustedKeys(const Operator &who)
{
    return run<QList<TrustedKey>>([who](Worker &w) { return w.administration->trustedKeys(who); },
                                  false);
}

QFuture<Result<TrustedKey>>
LocalFirmwareBackend::addTrustedKey(const Operator &who, const QString &vendorIdHex,
                                    int manufacturerId, const QByteArray &pem, const QString &label)
{
    return run<TrustedKey>(
        [=](Worker &w) {
            return w.administration->addTrustedKey(who, vendorIdHex, manufacturerId, pem, label);
        },
        true);
}

QFuture<Result<TrustedKey>>
LocalFirmwareBackend::removeTrustedKey(const Operator &who, qint64 keyId, const QString &reason)
{
    return run<TrustedKey>(
        [=](Worker &w) { return w.administration->removeTrustedKey(who, keyId, reason); }, true);
}

QFuture<Result<BulletinImportReport>> LocalFirmwareBackend::importBulletins(const Operator &who,
                                                                            const QString &path)
{
    return run<BulletinImportReport>(
        [=](Worker &w) { return w.administration->importBulletins(who, path); }, true);
}

QFuture<Result<FirmwareSettings>> LocalFirmwareBackend::settings(const Operator &who)
{
    return run<FirmwareSettings>([who](Worker &w) { return w.administration->settings(who); },
                                 false);
}

QFuture<Result<FirmwareSettings>>
LocalFirmwareBackend::setSettings(const Operator &who, const FirmwareSettings &settings)
{
    return run<FirmwareSettings>(
        [=](Worker &w) { return w.administration->setSettings(who, settings); }, true);
}

} // namespace Patchboard
