// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/result.h"
#include "domain/compliance.h"
#include "domain/device.h"
#include "domain/devicemodel.h"
#include "domain/devicequery.h"

#include <QFuture>
#include <QObject>
#include <QString>

namespace Patchboard {

// The Status Tracker as the console sees it (X.secup-iot 6: knows every device, its firmware, its
// patch level and its update state). Every call returns at once; the work runs off the calling
// thread and the result arrives through the QFuture (continue it with .then(context, ...) so that
// the continuation runs on the GUI thread). Implementations: LocalTrackerBackend (SQLite, in
// process) and, later, RemoteTrackerBackend (HTTPS to patchboard-server).
class TrackerBackend : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    ~TrackerBackend() override = default;

    // A short description for the status bar ("Embedded: /path/to/fleet.db").
    virtual QString description() const = 0;

    // Manufacturers, hardware models and regions: the choices a filter bar offers.
    virtual QFuture<Result<FleetCatalog>> catalog() = 0;

    // One window [offset, offset + limit) of the devices matching query, in its sort order,
    // with the number of matching devices. Windows of the same query are cheap to ask for.
    virtual QFuture<Result<DevicePage>> queryDevices(const DeviceQuery &query, int offset,
                                                     int limit) = 0;

    // All attributes of one device and its update history (newest first).
    virtual QFuture<Result<DeviceDetail>> deviceDetail(qint64 id, QDate referenceDate) = 0;

    // Devices by support status, the patch-age histogram and models ranked by popularity with
    // their out-of-date share, over the devices matching filter.
    virtual QFuture<Result<ComplianceSummary>> compliance(const DeviceFilter &filter,
                                                          const CompliancePolicy &policy,
                                                          QDate referenceDate) = 0;

    // Writes every device matching query, in its sort order, to a CSV file (UTF-8, RFC 4180
    // quoting, header row). The future reports progress (rows written) and can be cancelled; a
    // cancelled or failed export leaves no partial file behind. The result is the row count.
    virtual QFuture<Result<int>> exportDevices(const DeviceQuery &query, const QString &path) = 0;

Q_SIGNALS:
    // The fleet changed under the backend (devices added, updated by a rollout): views re-query.
    void fleetChanged();
};

} // namespace Patchboard
