// SPDX-License-Identifier: Apache-2.0
#include "localauditbackend.h"

#include "storage/database.h"
#include "tracker/devicecsv.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QPromise>
#include <QSaveFile>

#include <optional>
#include <type_traits>

namespace Patchboard {

namespace {

// The translation context of this file's messages. Call Tr::tr() everywhere, also in free
// functions and lambdas: lupdate takes the context from Q_DECLARE_TR_FUNCTIONS, so the context
// it extracts is the one looked up at run time (for a plain tr() it uses the enclosing scope).
// The context stays AuditBackend, where these messages were first translated.
class Tr
{
    Q_DECLARE_TR_FUNCTIONS(Patchboard::AuditBackend)
};

ServiceError notOpen()
{
    return ServiceError::make(ServiceError::Code::StorageUnavailable,
                              Tr::tr("No fleet database is open."),
                              Tr::tr("Open a database first (see --database)."));
}

constexpr int ExportBatch = 2000;

QByteArray csvLine(const QStringList &values)
{
    QString text;
    for (qsizetype i = 0; i < values.size(); ++i) {
        if (i)
            text += QLatin1Char(',');
        text += DeviceCsv::quote(values[i]);
    }
    text += QLatin1String("\r\n");
    return text.toUtf8();
}

QStringList csvFields(const AuditEntry &e)
{
    return {QString::number(e.sequence),
            e.time.toUTC().toString(Qt::ISODate),
            e.actor,
            e.role,
            e.action,
            e.subject,
            QString::fromUtf8(QJsonDocument(e.details).toJson(QJsonDocument::Compact)),
            QString::fromLatin1(e.previousHash.toHex()),
            QString::fromLatin1(e.hash.toHex())};
}

} // namespace

struct LocalAuditBackend::Worker
{
    Database database; // used on the worker thread only
    std::optional<AuditLog> log;
};

LocalAuditBackend::LocalAuditBackend(QObject *parent)
    : AuditBackend(parent), m_worker(std::make_shared<Worker>())
{
    m_pool.setMaxThreadCount(1);
    m_pool.setExpiryTimeout(-1); // the thread, and with it the connection, lives as long as we do
}

LocalAuditBackend::~LocalAuditBackend()
{
    // Close the connection on the thread that opened it, after everything queued.
    m_pool.start([worker = m_worker] {
        worker->log.reset();
        worker->database = Database();
    });
    m_pool.waitForDone();
}

// As LocalFirmwareBackend::run: a QPromise on the pool's one thread, never QtConcurrent::run (a
// thread waiting on the future could steal the task and use the connection from the wrong thread).
template<typename T, typename Fn> QFuture<Result<T>> LocalAuditBackend::run(Fn fn)
{
    auto promise = std::make_shared<QPromise<Result<T>>>();
    QFuture<Result<T>> future = promise->future();
    promise->start();
    m_pool.start([promise, fn = std::move(fn), worker = m_worker]() mutable {
        Result<T> result = notOpen();
        if (worker->log) {
            if constexpr (std::is_invocable_v<Fn, AuditLog &, QPromise<Result<T>> &>)
                result = fn(*worker->log, *promise);
            else
                result = fn(*worker->log);
        }
        promise->addResult(std::move(result));
        promise->finish();
    });
    return future;
}

QFuture<Result<AuditVerification>> LocalAuditBackend::open(const QString &databasePath)
{
    auto promise = std::make_shared<QPromise<Result<AuditVerification>>>();
    QFuture<Result<AuditVerification>> future = promise->future();
    promise->start();
    m_pool.start([promise, databasePath, worker = m_worker] {
        Result<Database> opened = Database::open(databasePath);
        if (!opened) {
            promise->addResult(opened.error());
            promise->finish();
            return;
        }
        worker->log.reset();
        worker->database = std::move(opened).value();
        worker->log.emplace(worker->database);
        promise->addResult(worker->log->verify());
        promise->finish();
    });
    return future;
}

QFuture<Result<QList<AuditEntry>>> LocalAuditBackend::entries(const AuditQuery &query, int offset,
                                                              int limit)
{
    return run<QList<AuditEntry>>(
        [query, offset, limit](AuditLog &log) { return log.entries(query, offset, limit); });
}

QFuture<Result<AuditVerification>> LocalAuditBackend::verify()
{
    return run<AuditVerification>([](AuditLog &log) { return log.verify(); });
}

QFuture<Result<int>> LocalAuditBackend::exportCsv(const AuditQuery &query, const QString &path)
{
    return run<int>([query, path](AuditLog &log, QPromise<Result<int>> &promise) -> Result<int> {
        // All or nothing: a failed or cancelled export leaves an existing file untouched.
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            return ServiceError::make(ServiceError::Code::Io,
                                      Tr::tr("Cannot write '%1': %2").arg(path, file.errorString()),
                                      Tr::tr("Choose a folder you can write to."));
        auto writeFailed = [&] {
            return ServiceError::make(
                ServiceError::Code::Io,
                Tr::tr("Writing '%1' failed: %2").arg(path, file.errorString()),
                Tr::tr("Check that the disk is not full."));
        };
        if (const QByteArray head = csvLine(csvHeader()); file.write(head) != head.size())
            return writeFailed();
        int written = 0;
        for (;;) {
            const Result<QList<AuditEntry>> batch = log.entries(query, written, ExportBatch);
            if (!batch)
                return batch.error();
            QByteArray buffer;
            for (const AuditEntry &entry : batch.value())
                buffer += csvLine(csvFields(entry));
            if (file.write(buffer) != buffer.size())
                return writeFailed();
            written += int(batch.value().size());
            promise.setProgressValue(written);
            if (promise.isCanceled()) {
                file.cancelWriting();
                return ServiceError::make(ServiceError::Code::Cancelled,
                                          Tr::tr("The export was cancelled; no file was written."));
            }
            if (batch.value().size() < ExportBatch)
                break;
        }
        if (!file.commit())
            return ServiceError::make(
                ServiceError::Code::Io,
                Tr::tr("Saving '%1' failed: %2").arg(path, file.errorString()),
                Tr::tr("Check that the disk is not full."));
        return written;
    });
}

} // namespace Patchboard
