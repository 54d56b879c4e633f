// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "telemetrybackend.h"

namespace Patchboard {

class ApiClient;

// Telemetry from patchboard-server (issue #6): the same interface as the embedded backend, over
// the operator API (/api/v1/telemetry/...). eventsChanged follows the server's "events" change
// counter. The drill-down to devices is not here: it is a device query (DeviceFilter::events)
// answered by the tracker.
class RemoteTelemetryBackend : public TelemetryBackend
{
    Q_OBJECT
public:
    explicit RemoteTelemetryBackend(ApiClient *client, QObject *parent = nullptr);
    ~RemoteTelemetryBackend() override;

    QFuture<Result<QList<TelemetryScopeChoice>>> scopes() override;
    QFuture<Result<TelemetryOverview>> overview(const TelemetryQuery &query) override;
    // The server writes the CSV (so the file is the same as the embedded backend's, byte for
    // byte) and the console saves it atomically: a failed or cancelled export leaves no file.
    QFuture<Result<int>> exportEvents(const UpdateEventFilter &filter, const QString &path,
                                      const PseudonymOptions &pseudonyms) override;

private:
    ApiClient *m_client; // outlives the backend (the composition root owns both)
};

} // namespace Patchboard
