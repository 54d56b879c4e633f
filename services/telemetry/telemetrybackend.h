// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/result.h"
#include "domain/telemetry.h"

#include <QFuture>
#include <QList>
#include <QObject>
#include <QString>

namespace Patchboard {

// Update events as the Telemetry page sees them (ARCHITECTURE.md update procedure step 5): what
// fails, where, and since when. Every call returns at once and delivers its result through the
// QFuture (continue with .then(context, ...)). Charts read pre-aggregated time buckets, so a
// query costs the same at ten million events as at ten thousand. Implementations:
// LocalTelemetryBackend (SQLite, in process).
class TelemetryBackend : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    ~TelemetryBackend() override = default;

    // Rollouts (newest first) and releases that have update events, for the scope chooser.
    virtual QFuture<Result<QList<TelemetryScopeChoice>>> scopes() = 0;

    // Outcomes over time, reasons, and failures by model, region and wave for one query.
    virtual QFuture<Result<TelemetryOverview>> overview(const TelemetryQuery &query) = 0;

    // Writes the update events matching filter to a CSV file (UTF-8, RFC 4180, header row),
    // oldest first; with pseudonyms, device IDs are replaced (PseudonymOptions). Reports progress
    // (rows written) and can be cancelled; a cancelled or failed export leaves no file behind.
    // The result is the row count.
    virtual QFuture<Result<int>> exportEvents(const UpdateEventFilter &filter, const QString &path,
                                              const PseudonymOptions &pseudonyms) = 0;

Q_SIGNALS:
    // New update events arrived (while a rollout runs: a few times a second at most). Views
    // re-query, throttled.
    void eventsChanged();
};

} // namespace Patchboard
