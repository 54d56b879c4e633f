// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "trackerbackend.h"

#include <QElapsedTimer>
#include <QThreadPool>

#include <memory>

namespace Patchboard {

// The embedded Status Tracker: one SQLite file in the user's data directory, seeded with a
// deterministic demo fleet on first start. All storage work runs on one worker thread that owns
// the connection; a second thread loads the in-memory FleetIndex after opening, and until it is
// ready device queries are answered with SQL, so the first rows show at once.
class LocalTrackerBackend : public TrackerBackend
{
    Q_OBJECT
public:
    static constexpr quint64 DefaultSeed = 20241105;

    struct Options
    {
        QString databasePath;
        int demoDevices = 200000; // seeded into a new, empty database; 0 = none
        quint64 seed = DefaultSeed;
        QDate referenceDate; // "today"; invalid = the current date (tests fix it)
    };

    struct OpenReport
    {
        QString path;
        bool generated = false; // a demo fleet was generated into a new database
        int devices = 0;
    };

    explicit LocalTrackerBackend(QObject *parent = nullptr);
    ~LocalTrackerBackend() override;

    // Opens or creates the database, refusing files that are not Patchboard databases (they are
    // left untouched), migrates it, and generates the demo fleet into a new one. The future's
    // progress runs 0..1000 while generating. Call once.
    QFuture<Result<OpenReport>> open(const Options &options);
    // Finishes when the in-memory fleet index is ready (result: device count).
    QFuture<Result<int>> indexReady() const;
    // Devices changed in the database (a rollout updated them): reloads the fleet index in the
    // background and emits fleetChanged() once queries see the new state. Calls while a reload
    // runs are folded into one more reload after it; at most one reload every minimumInterval.
    void refresh();
    void setMinimumRefreshInterval(int milliseconds) { m_refreshInterval = milliseconds; }

    QString description() const override;
    QFuture<Result<FleetCatalog>> catalog() override;
    QFuture<Result<DevicePage>> queryDevices(const DeviceQuery &query, int offset,
                                             int limit) override;
    QFuture<Result<DeviceDetail>> deviceDetail(qint64 id, QDate referenceDate) override;
    QFuture<Result<ComplianceSummary>> compliance(const DeviceFilter &filter,
                                                  const CompliancePolicy &policy,
                                                  QDate referenceDate) override;
    QFuture<Result<int>> exportDevices(const DeviceQuery &query, const QString &path) override;

private:
    void startRefresh();

    struct Worker;
    std::shared_ptr<Worker> m_worker;
    QThreadPool m_pool;       // exactly one thread: owns the Database connection
    QThreadPool m_loaderPool; // loads the fleet index with its own connection
    QString m_description;
    bool m_refreshing = false;
    bool m_refreshAgain = false;
    int m_refreshInterval = 1500;
    QElapsedTimer m_sinceRefresh;
};

} // namespace Patchboard

Q_DECLARE_METATYPE(Patchboard::LocalTrackerBackend::OpenReport)
