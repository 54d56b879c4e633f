// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "telemetrybackend.h"

#include <QThreadPool>

#include <memory>

namespace Patchboard {

// Telemetry from the embedded database: its own read connection on its own worker thread, so a
// chart query never waits for the rollout engine's writes (WAL readers see the last commit).
// eventsChanged() is the owner's to trigger (notifyEventsChanged): the composition root
// forwards the rollout backend's rolloutsChanged, which fires when the simulator wrote events.
class LocalTelemetryBackend : public TelemetryBackend
{
    Q_OBJECT
public:
    explicit LocalTelemetryBackend(QObject *parent = nullptr);
    ~LocalTelemetryBackend() override;

    // Opens the database (which must exist and be migrated: the tracker opens it first).
    QFuture<Result<Done>> open(const QString &databasePath);

    QFuture<Result<QList<TelemetryScopeChoice>>> scopes() override;
    QFuture<Result<TelemetryOverview>> overview(const TelemetryQuery &query) override;
    QFuture<Result<int>> exportEvents(const UpdateEventFilter &filter, const QString &path,
                                      const PseudonymOptions &pseudonyms) override;

public Q_SLOTS:
    void notifyEventsChanged() { Q_EMIT eventsChanged(); }

private:
    struct Worker;
    std::shared_ptr<Worker> m_worker;
    QThreadPool m_pool; // one thread: owns the connection
};

} // namespace Patchboard
