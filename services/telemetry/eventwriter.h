// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/result.h"
#include "domain/updateoutcome.h"
#include "storage/preparedstatement.h"

#include <QByteArray>
#include <QHash>

#include <map>
#include <optional>
#include <tuple>
#include <vector>

namespace Patchboard {

class Database;

// One update event as a device reported it. The device's hardware model and region are the
// caller's to give (the simulator and the server know them): the buckets count by them.
struct EventRecord
{
    qint64 device = 0; // devices.id
    qint64 rollout = 0;
    int wave = 0;
    UpdatePhase phase = UpdatePhase::Offer;
    UpdateOutcome outcome = UpdateOutcome::Ok;
    FailureReason reason = FailureReason::None;
    int model = 0;
    int region = 0;
    QByteArray fromVersion; // UTF-8
    QByteArray toVersion;
    qint64 time = 0; // Unix seconds, UTC
};

// Appends update events inside the caller's transaction and keeps the telemetry buckets and the
// devices' history chains (migration 6) in step with them:
//
//     writer.start(database);            // after BEGIN
//     writer.append(event); ...          // raw rows go in at once
//     writer.finish();                   // buckets and history heads; then COMMIT
//
// Aggregates are kept in memory between start() and finish() and written as one upsert per
// bucket, so a batch of a thousand events costs a few dozen bucket writes. After a rollback,
// call start() again before the next batch: it forgets what the rolled-back batch collected.
//
// The devices' newest events are remembered from batch to batch (a device reports several times
// in a rollout, usually in different batches): start() keeps them only while the newest stored
// event is the last one this writer appended, so another writer's events or a rolled-back batch
// make it read them again. Call forget() after a rollback to be sure.
// Not thread-safe; one writer per connection.
class EventWriter
{
public:
    // The bucket sizes the telemetry tables keep (seconds).
    static constexpr int Resolutions[] = {60, 3600, 86400};

    EventWriter() = default;
    EventWriter(const EventWriter &) = delete;
    EventWriter &operator=(const EventWriter &) = delete;

    Status start(Database &database);
    Status append(const EventRecord &event);
    Status finish();
    // Drops what the writer remembers of earlier batches (the devices' newest events).
    void forget();

    // Stored codes as UTF-8, for binding without copies.
    static const QByteArray &code(UpdatePhase phase);
    static const QByteArray &code(UpdateOutcome outcome);
    static const QByteArray &code(FailureReason reason);

private:
    Status prepare(Database &database);
    Result<qint64> previousEvent(qint64 device);

    Database *m_database = nullptr;
    std::optional<PreparedStatement> m_insert;
    std::optional<PreparedStatement> m_head;
    std::optional<PreparedStatement> m_setHead;
    std::optional<PreparedStatement> m_series;
    std::optional<PreparedStatement> m_bucket;
    std::optional<PreparedStatement> m_span;
    qint64 m_nextId = 0;
    qint64 m_batchFirstId = 0; // the first id of this batch
    bool m_started = false;

    // device -> its newest event, in this batch and earlier ones while they are valid (above)
    QHash<qint64, qint64> m_heads;
    std::vector<qint64> m_touched; // devices with events in this batch
    // The newest event this writer appended, as (id, device, time): the check that no one else
    // wrote events since and that it was committed.
    std::tuple<qint64, qint64, qint64> m_lastWritten{0, 0, 0};
    // (resolution, start, rollout, wave, outcome)
    using SeriesKey = std::tuple<int, qint64, qint64, int, int>;
    // (resolution, start, rollout, wave, model, region, outcome, reason)
    using BucketKey = std::tuple<int, qint64, qint64, int, int, int, int, int>;
    std::map<SeriesKey, qint64> m_seriesCounts;
    std::map<BucketKey, qint64> m_bucketCounts;
    QHash<qint64, std::pair<qint64, qint64>> m_spans; // rollout -> (first, last) in this batch
};

} // namespace Patchboard
