// SPDX-License-Identifier: Apache-2.0
#include "inventoryimportbackend.h"

#include "auth/permissions.h"
#include "core/pooltask.h"
#include "storage/database.h"

#include <QCoreApplication>
#include <QLocale>

#include <atomic>

namespace Patchboard {

namespace {

// The translation context of this file's messages. Call Tr::tr() everywhere, also in free
// functions and lambdas: lupdate takes the context from Q_DECLARE_TR_FUNCTIONS, so the context
// it extracts is the one looked up at run time (for a plain tr() it uses the enclosing scope).
class Tr
{
    Q_DECLARE_TR_FUNCTIONS(Patchboard::InventoryImportBackend)
};

constexpr int ProgressRange = 1000;
// Reading and checking take about a third of an import of new devices, writing the rest
// (bench_import: 3 s and 6 s for a million rows).
constexpr int ReadingShare = 350;

QString megabytes(qint64 bytes)
{
    return QLocale().toString(double(bytes) / (1024.0 * 1024.0), 'f', 1);
}

} // namespace

struct InventoryImportBackend::Worker
{
    QString path;
    Database database; // used on the worker thread only
    std::atomic<bool> stopping{false};

    Status open()
    {
        if (database.isOpen() && database.path() == path)
            return Done{};
        if (path.isEmpty())
            return ServiceError::make(ServiceError::Code::StorageUnavailable,
                                      Tr::tr("No fleet database is open for the import."));
        database = Database();
        Result<Database> opened = Database::open(path);
        if (!opened)
            return opened.error();
        database = std::move(opened).value();
        return Done{};
    }
};

InventoryImportBackend::InventoryImportBackend(QObject *parent)
    : QObject(parent), m_worker(std::make_shared<Worker>())
{
    m_pool.setMaxThreadCount(1);
    m_pool.setExpiryTimeout(-1); // the thread, and with it the connection, lives as long as we do
}

InventoryImportBackend::~InventoryImportBackend()
{
    m_worker->stopping = true;
    // Closed on the thread that opened it, after everything queued (waitForDone would end it).
    m_pool.start([worker = m_worker] { worker->database = Database(); });
    m_pool.waitForDone();
}

void InventoryImportBackend::setDatabasePath(const QString &path)
{
    m_path = path;
}

void InventoryImportBackend::setReferenceTime(const QDateTime &now)
{
    m_now = now;
}

QFuture<Result<InventoryPreview>> InventoryImportBackend::inspect(const QString &csvPath)
{
    return startOn<InventoryPreview>(
        m_pool, [worker = m_worker, path = m_path, csvPath]() -> Result<InventoryPreview> {
            worker->path = path;
            if (const Status opened = worker->open(); !opened)
                return opened.error();
            return InventoryImport::inspect(worker->database, csvPath);
        });
}

QFuture<Result<InventoryReport>> InventoryImportBackend::validate(const Operator &who,
                                                                  const QString &csvPath,
                                                                  const InventoryMapping &mapping,
                                                                  bool updateExisting)
{
    // Checked here too: the check reads which devices are stored, a part of the write.
    if (const Status allowed = Permissions::check(who, Permission::ImportDevices); !allowed) {
        QPromise<Result<InventoryReport>> refused;
        refused.start();
        refused.addResult(allowed.error());
        refused.finish();
        return refused.future();
    }
    return start(nullptr, csvPath, mapping, updateExisting);
}

QFuture<Result<InventoryReport>> InventoryImportBackend::run(const Operator &who,
                                                             const QString &csvPath,
                                                             const InventoryMapping &mapping,
                                                             bool updateExisting)
{
    return start(&who, csvPath, mapping, updateExisting);
}

QFuture<Result<InventoryReport>> InventoryImportBackend::start(const Operator *who,
                                                               const QString &csvPath,
                                                               const InventoryMapping &mapping,
                                                               bool updateExisting)
{
    InventoryOptions options;
    options.updateExisting = updateExisting;
    options.now = m_now;
    options.today = m_now.isValid() ? m_now.date() : QDate();
    const bool write = who != nullptr;
    const Operator actor = who ? *who : Operator{};
    InventoryImportBackend *self = this; // outlives the task: the destructor waits for it
    return startOn<InventoryReport>(
        m_pool,
        [worker = m_worker, self, path = m_path, csvPath, mapping, options, write,
         actor](QPromise<Result<InventoryReport>> &promise) -> Result<InventoryReport> {
            worker->path = path;
            if (const Status opened = worker->open(); !opened)
                return opened.error();
            promise.setProgressRange(0, ProgressRange);
            auto progress = [&](const InventoryProgress &p) {
                if (p.phase == InventoryProgress::Phase::Reading) {
                    const int share = write ? ReadingShare : ProgressRange;
                    const int value = p.totalBytes > 0 ? int(p.bytes * share / p.totalBytes) : 0;
                    promise.setProgressValueAndText(
                        value,
                        Tr::tr("Checking: %Ln row(s) read (%1 of %2 MB)", nullptr, int(p.rows))
                            .arg(megabytes(p.bytes), megabytes(p.totalBytes)));
                } else if (p.toWrite == 0) {
                    promise.setProgressValueAndText(
                        ReadingShare,
                        Tr::tr("Waiting for the database (another program writes)\u2026"));
                } else {
                    const int value = ReadingShare
                        + int(p.written * (ProgressRange - ReadingShare)
                              / qMax<qint64>(1, p.toWrite));
                    promise.setProgressValueAndText(
                        value,
                        Tr::tr("Writing: %1 of %Ln device(s)", nullptr, int(p.toWrite))
                            .arg(QLocale().toString(p.written)));
                }
                return !promise.isCanceled() && !worker->stopping;
            };
            if (!write)
                return InventoryImport::validate(worker->database, csvPath, mapping, options,
                                                 progress);
            Result<InventoryReport> result = InventoryImport::run(
                worker->database, csvPath, mapping, options, actor, progress);
            // Told on the backend's (the GUI) thread once committed, even when the future was
            // cancelled after the COMMIT: the devices are there, and the tracker must reload.
            if (result.ok() && result.value().written) {
                QMetaObject::invokeMethod(
                    self, [self, report = result.value()] { Q_EMIT self->devicesImported(report); },
                    Qt::QueuedConnection);
            }
            return result;
        });
}

} // namespace Patchboard
