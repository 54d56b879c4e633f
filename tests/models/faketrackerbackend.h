// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "tracker/trackerbackend.h"

#include <QFutureWatcher>
#include <QList>
#include <QPromise>

#include <functional>
#include <memory>

namespace Patchboard {

// A TrackerBackend whose timing the test controls: it answers at once, or holds every reply
// until the test releases it, so that stale results, placeholders and page fetches can be
// observed one step at a time. Filtering covers what the model tests need (device-ID prefix,
// support status, model); the full filter and sort semantics are tested against
// LocalTrackerBackend.
class FakeTrackerBackend : public TrackerBackend
{
    Q_OBJECT
public:
    struct Request
    {
        DeviceQuery query;
        int offset = 0;
        int limit = 0;
    };

    explicit FakeTrackerBackend(QList<Device> fleet, QObject *parent = nullptr);
    ~FakeTrackerBackend() override;

    // Replaces the fleet and emits fleetChanged(), as a rollout would.
    void setFleet(QList<Device> fleet);
    const QList<Device> &fleet() const { return m_fleet; }

    void setHoldReplies(bool hold) { m_hold = hold; }
    int heldReplies() const { return int(m_held.size()); }
    void releaseReply(int index); // answers with the fleet as it is now
    void releaseAll();
    // The next queryDevices() fails with error.
    void failNextQuery(const ServiceError &error) { m_nextError = error; }

    // exportDevices() reports half of the matching devices written, then waits until its
    // future is cancelled (which it honours at once, writing nothing).
    void setHoldExport(bool hold) { m_holdExport = hold; }

    const QList<Request> &requests() const { return m_requests; }
    void clearRequests() { m_requests.clear(); }

    // A deterministic fleet: count devices with ascending ids "35" + 13 digits, over three models
    // (the second past its support end, the third ending soon) and two regions, patch levels
    // spread over three years before today.
    static QList<Device> makeFleet(int count, QDate today);

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
    Result<DevicePage> answer(const Request &request) const;

    QList<Device> m_fleet;
    bool m_hold = false;
    bool m_holdExport = false;
    ServiceError m_nextError;
    QList<Request> m_requests;
    struct Held
    {
        Request request;
        std::shared_ptr<QPromise<Result<DevicePage>>> promise;
    };
    QList<Held> m_held;
};

} // namespace Patchboard
