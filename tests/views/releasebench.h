// SPDX-License-Identifier: Apache-2.0
#pragma once
// Shared by the release and audit view tests: a small demo fleet with the demo releases (one per
// check to show), the Local firmware backend on a clock the test sets, and the audit backend,
// all on one temporary database.

#include "audit/localauditbackend.h"
#include "firmware/demoreleases.h"
#include "firmware/localfirmwarebackend.h"
#include "tracker/localtrackerbackend.h"

#include <QDateTime>
#include <QTemporaryDir>

#include <memory>

namespace Patchboard {

struct ReleaseBench
{
    // The demo releases arrive the day after the demo fleet's reference date (2025-11-05).
    static QDateTime received() { return QDateTime(QDate(2025, 11, 6), QTime(9, 0), Qt::UTC); }
    // "Now" for the firmware backend at start: 2 days 3 hours into the 7-day window.
    static QDateTime start() { return QDateTime(QDate(2025, 11, 8), QTime(12, 0), Qt::UTC); }

    // Empty on success, else what failed.
    QString setUp(int devices = 300);
    void tearDown();
    // The demo release made as `index` (0 clean, 1 non-CVE, 2 forged, 3 rollback, 4 unknown key).
    qint64 releaseId(int index) const { return demo.releaseIds.value(index); }

    std::unique_ptr<QTemporaryDir> dir;
    QString databasePath;
    std::unique_ptr<LocalTrackerBackend> tracker;
    std::unique_ptr<LocalFirmwareBackend> firmware;
    std::unique_ptr<LocalAuditBackend> audit;
    AuditVerification openVerification;
    DemoReleases::Report demo;
    std::shared_ptr<QDateTime> now = std::make_shared<QDateTime>(start());
};

template<typename T> Result<T> waitFor(QFuture<Result<T>> future)
{
    future.waitForFinished();
    return future.resultCount()
        ? future.result()
        : Result<T>(ServiceError::make(ServiceError::Code::Cancelled, QStringLiteral("cancelled")));
}

} // namespace Patchboard
