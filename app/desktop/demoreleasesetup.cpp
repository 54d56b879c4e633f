// SPDX-License-Identifier: Apache-2.0
#include "demoreleasesetup.h"

#include "storage/database.h"

#include <QPromise>

#include <memory>

namespace Patchboard {

DemoReleaseSetup::DemoReleaseSetup()
{
    m_pool.setMaxThreadCount(1);
}

DemoReleaseSetup::~DemoReleaseSetup()
{
    m_pool.waitForDone();
}

QFuture<Result<DemoReleases::Report>> DemoReleaseSetup::start(const QString &databasePath,
                                                              const QString &releaseStorePath,
                                                              const QDateTime &received)
{
    // A QPromise on our own pool rather than QtConcurrent::run: a thread waiting on the future
    // could otherwise run the task itself (see LocalTrackerBackend).
    auto promise = std::make_shared<QPromise<Result<DemoReleases::Report>>>();
    QFuture<Result<DemoReleases::Report>> future = promise->future();
    promise->start();
    m_pool.start([promise, databasePath, releaseStorePath, received] {
        Result<Database> database = Database::open(databasePath);
        if (!database)
            promise->addResult(database.error());
        else
            promise->addResult(DemoReleases::create(database.value(), releaseStorePath, received));
        promise->finish();
    }); // the connection closes here, on the thread that opened it
    return future;
}

} // namespace Patchboard
