// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/result.h"
#include "domain/telemetry.h"

#include <QHash>
#include <QList>
#include <QString>

#include <functional>
#include <vector>

namespace Patchboard {

class Database;

// The queries behind the Telemetry page, on one connection (migration 6 declares the tables).
// Every chart reads the pre-aggregated buckets: a range is cut into whole days, whole hours and
// minutes at its ends (piecesOf), and each piece is one primary-key range scan, so a chart's
// cost depends on the range and the number of models and regions, not on the number of events.
// Ranges are in whole minutes: from is rounded down, to up (the overview reports the range it
// used, and a drill-down over that range finds exactly the events the buckets counted).
class TelemetryStore
{
public:
    explicit TelemetryStore(Database &database);

    Result<QList<TelemetryScopeChoice>> scopes();
    Result<TelemetryOverview> overview(const TelemetryQuery &query);

    // The pieces of an overview, for the benchmark. range() fills in an open range from the
    // scope's first and last events and rounds it to minutes; invalid from/to = no events.
    Result<TelemetryQuery> range(const TelemetryQuery &query, QDateTime *firstEvent = nullptr,
                                 QDateTime *lastEvent = nullptr);
    Result<OutcomeSeries> series(const TelemetryQuery &query);
    Result<TelemetryBreakdown> breakdown(const TelemetryQuery &query);

    // The storage ids (devices.id) of the devices with a matching event, ascending.
    Result<std::vector<qint64>> devices(const UpdateEventFilter &filter);

    // Writes the matching events as CSV (see TelemetryBackend::exportEvents). progress is
    // called now and then with the rows written; returning false cancels.
    Result<int> exportEvents(const UpdateEventFilter &filter, const QString &path,
                             const PseudonymOptions &pseudonyms,
                             const std::function<bool(int rows)> &progress = {});

    // A range [from, to) of whole minutes cut into runs of one bucket size: minutes up to the
    // first whole hour, hours up to the first whole day, days, then hours and minutes again.
    // No bucket larger than maxResolution is used.
    struct Piece
    {
        int resolution = 60;
        qint64 from = 0; // multiple of resolution
        qint64 to = 0;
    };
    static QList<Piece> piecesOf(qint64 from, qint64 to, int maxResolution = 86400);

    // A short pseudonym for a device ID (hex of the salted HMAC-SHA-256, 16 characters).
    static QString pseudonym(const QByteArray &salt, const QString &deviceId);

private:
    Result<QString> scopeCondition(const TelemetryScope &scope, const char *column);
    Status loadNames();

    Database &m_database;
    QHash<int, QString> m_modelNames;
    QHash<int, QString> m_regionNames;
};

} // namespace Patchboard
