// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/result.h"
#include "firmware/demoreleases.h"

#include <QDateTime>
#include <QFuture>
#include <QThreadPool>

namespace Patchboard {

// Adds the demo releases (services/firmware/demoreleases.h) to a newly generated demo fleet, off
// the GUI thread: a one-shot task on its own thread with its own Database connection, opened and
// closed on that thread (SQLite in WAL mode lets it write beside the tracker's connection).
// DemoReleases refuses a database that already has releases, so a second run changes nothing.
class DemoReleaseSetup
{
public:
    DemoReleaseSetup();
    ~DemoReleaseSetup(); // waits for a task still running

    QFuture<Result<DemoReleases::Report>>
    start(const QString &databasePath, const QString &releaseStorePath, const QDateTime &received);

private:
    QThreadPool m_pool;
};

} // namespace Patchboard
