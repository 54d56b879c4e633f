// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "trackerbackend.h"

namespace Patchboard {

class ApiClient;

// The Status Tracker on patchboard-server (issue #6, ARCHITECTURE.md "Remote"): the same
// interface as LocalTrackerBackend, over the operator API (/api/v1/catalog, /api/v1/devices,
// /api/v1/compliance). Filtering, sorting and paging happen on the server, in its fleet index;
// a window bigger than the server gives in one answer is asked for in parts. fleetChanged follows
// the server's "fleet" change counter (ApiClient::changed), so devices updated by a rollout or
// by another console re-query here too.
class RemoteTrackerBackend : public TrackerBackend
{
    Q_OBJECT
public:
    explicit RemoteTrackerBackend(ApiClient *client, QObject *parent = nullptr);
    ~RemoteTrackerBackend() override;

    QString description() const override; // "Server: https://host:port"
    QFuture<Result<FleetCatalog>> catalog() override;
    QFuture<Result<DevicePage>> queryDevices(const DeviceQuery &query, int offset,
                                             int limit) override;
    QFuture<Result<DeviceDetail>> deviceDetail(qint64 id, QDate referenceDate) override;
    QFuture<Result<ComplianceSummary>> compliance(const DeviceFilter &filter,
                                                  const CompliancePolicy &policy,
                                                  QDate referenceDate) override;
    // Downloads the server's export. Progress is in bytes received; the result is the number of
    // devices in the file.
    QFuture<Result<int>> exportDevices(const DeviceQuery &query, const QString &path) override;

private:
    QFuture<Result<DevicePage>> page(const DeviceQuery &query, int offset, int limit);

    ApiClient *m_client; // outlives the backend (the composition root owns both)
};

} // namespace Patchboard
