// SPDX-License-Identifier: Apache-2.0
#include "csvdownload.h"

#include "apiclient.h"

#include <QCoreApplication>
#include <QFile>
#include <QFutureWatcher>
#include <QPromise>
#include <QThreadPool>

#include <memory>

namespace Patchboard {

namespace {

struct Api
{
    Q_DECLARE_TR_FUNCTIONS(Patchboard::Api)
};

ServiceError cancelled()
{
    return ServiceError::make(ServiceError::Code::Cancelled,
                              Api::tr("The export was cancelled; no file was written."));
}

} // namespace

Result<int> CsvRecords::count(const QString &filePath)
{
    QFile file(filePath);
    if (!file.open(QIODevice::ReadOnly)) {
        return ServiceError::make(
            ServiceError::Code::Io,
            Api::tr("Cannot read '%1': %2").arg(filePath, file.errorString()));
    }
    qint64 lines = 0;
    bool quoted = false;
    char last = '\n';
    while (!file.atEnd()) {
        const QByteArray chunk = file.read(1 << 20);
        for (const char c : chunk) {
            if (c == '"')
                quoted = !quoted; // an escaped quote ("") toggles twice
            else if (c == '\n' && !quoted)
                ++lines;
        }
        if (!chunk.isEmpty())
            last = chunk.back();
    }
    if (last != '\n') // a last record without a line break
        ++lines;
    return int(qMax<qint64>(0, lines - 1));
}

QFuture<Result<int>> downloadCsv(ApiClient *client, const QString &path, const QUrlQuery &query,
                                 const QString &filePath)
{
    auto promise = std::make_shared<QPromise<Result<int>>>();
    QFuture<Result<int>> future = promise->future();
    promise->start();
    QFuture<Result<qint64>> download = client->download(path, query, filePath);

    // Both watchers live on the client's thread and go with the download.
    auto *watcher = new QFutureWatcher<Result<qint64>>(client);
    auto *ours = new QFutureWatcher<Result<int>>(watcher);
    QObject::connect(
        watcher, &QFutureWatcherBase::progressRangeChanged, watcher,
        [promise](int minimum, int maximum) { promise->setProgressRange(minimum, maximum); });
    QObject::connect(watcher, &QFutureWatcherBase::progressValueChanged, watcher,
                     [promise](int value) { promise->setProgressValue(value); });
    QObject::connect(ours, &QFutureWatcherBase::canceled, watcher,
                     [download]() mutable { download.cancel(); });
    QObject::connect(
        watcher, &QFutureWatcherBase::finished, watcher, [watcher, promise, download, filePath] {
            watcher->deleteLater();
            const Result<qint64> saved = download.isCanceled() || download.resultCount() == 0
                ? Result<qint64>(cancelled())
                : download.result();
            if (promise->isCanceled()) {
                // The download may have completed before it saw the cancel: no file stays behind.
                if (saved)
                    QFile::remove(filePath);
                promise->finish();
                return;
            }
            if (!saved) {
                promise->addResult(Result<int>(saved.error()));
                promise->finish();
                return;
            }
            // Counting reads the whole file: not on the GUI thread.
            QThreadPool::globalInstance()->start([promise, filePath] {
                promise->addResult(CsvRecords::count(filePath));
                promise->finish();
            });
        });
    watcher->setFuture(download);
    ours->setFuture(future);
    return future;
}

} // namespace Patchboard
