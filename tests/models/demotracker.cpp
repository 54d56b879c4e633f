// SPDX-License-Identifier: Apache-2.0
#include "demotracker.h"

#include <QDir>

namespace Patchboard::DemoTracker {

QDate referenceDate()
{
    return QDate(2025, 11, 5);
}

std::unique_ptr<LocalTrackerBackend> open(const QString &directory, int devices, QString *error)
{
    auto backend = std::make_unique<LocalTrackerBackend>();
    LocalTrackerBackend::Options options;
    options.databasePath = QDir(directory).filePath(QStringLiteral("fleet-%1.db").arg(devices));
    options.demoDevices = devices;
    options.seed = 20241105;
    options.referenceDate = referenceDate();
    QFuture<Result<LocalTrackerBackend::OpenReport>> opened = backend->open(options);
    opened.waitForFinished();
    if (opened.resultCount() == 0 || !opened.result().ok()) {
        *error = opened.resultCount() ? opened.result().error().text()
                                      : QStringLiteral("opening was cancelled");
        return nullptr;
    }
    QFuture<Result<int>> index = backend->indexReady();
    index.waitForFinished();
    if (index.resultCount() == 0 || !index.result().ok()) {
        *error = index.resultCount() ? index.result().error().text()
                                     : QStringLiteral("loading the index was cancelled");
        return nullptr;
    }
    return backend;
}

} // namespace Patchboard::DemoTracker
