// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "updateoutcome.h"

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>

#include <array>
#include <optional>

namespace Patchboard {

// What the Telemetry page looks at: the whole fleet, one rollout, or every rollout of a release.
struct TelemetryScope
{
    enum class Kind : quint8 { Fleet, Rollout, Release };
    Kind kind = Kind::Fleet;
    qint64 id = 0; // rollout or release id; 0 for the fleet

    static TelemetryScope fleet() { return {}; }
    static TelemetryScope rollout(qint64 id) { return {Kind::Rollout, id}; }
    static TelemetryScope release(qint64 id) { return {Kind::Release, id}; }
    friend bool operator==(TelemetryScope a, TelemetryScope b)
    {
        return a.kind == b.kind && a.id == b.id;
    }
    friend bool operator!=(TelemetryScope a, TelemetryScope b) { return !(a == b); }
};

// The outcomes a chart counts: how update attempts end, and postponements. Phase-level "ok"
// events are progress, not outcomes, and are not counted.
enum class TelemetryOutcome : quint8 { Succeeded, Failed, RolledBack, Postponed };
constexpr int TelemetryOutcomeCount = 4;

std::optional<TelemetryOutcome> telemetryOutcome(UpdateOutcome outcome);
UpdateOutcome updateOutcome(TelemetryOutcome outcome);
QString telemetryOutcomeDisplayName(TelemetryOutcome outcome); // translated

struct OutcomeCounts
{
    std::array<qint64, TelemetryOutcomeCount> counts{};

    qint64 &operator[](TelemetryOutcome o) { return counts[size_t(o)]; }
    qint64 operator[](TelemetryOutcome o) const { return counts[size_t(o)]; }
    qint64 succeeded() const { return counts[0]; }
    qint64 failures() const { return counts[1] + counts[2]; } // failed + rolled back
    qint64 results() const { return succeeded() + failures(); }
    qint64 total() const { return results() + counts[3]; }
    // failures / results in percent; 0 without results.
    double failureRate() const { return results() ? 100.0 * double(failures()) / double(results()) : 0; }
    OutcomeCounts &operator+=(const OutcomeCounts &other)
    {
        for (size_t i = 0; i < counts.size(); ++i)
            counts[i] += other.counts[i];
        return *this;
    }
};

// A query over update events: a scope and a time range [from, to) in UTC. An invalid from or to
// leaves that end open.
struct TelemetryQuery
{
    TelemetryScope scope;
    QDateTime from;
    QDateTime to;
    // Buckets for the outcomes-over-time chart: at most this many; the backend picks minute,
    // hour or day buckets (or multiples of them) so that the range fits.
    int maxBuckets = 240;
};

struct OutcomeBucket
{
    QDateTime start; // UTC
    OutcomeCounts counts;
};

// Outcomes over time. Buckets are contiguous from the first to the last, empty ones included.
struct OutcomeSeries
{
    int bucketSeconds = 60;
    QList<OutcomeBucket> buckets;
};

// One bar of a breakdown: failures and results of a model, region or wave.
struct TelemetryGroup
{
    int id = 0;   // model id, region id or wave number
    QString name; // model or region name; empty for waves
    OutcomeCounts counts;
};

// Failures (failed or rolled back) and postponements by reason.
struct ReasonCount
{
    FailureReason reason = FailureReason::None;
    TelemetryOutcome outcome = TelemetryOutcome::Failed;
    qint64 count = 0;
};

struct TelemetryBreakdown
{
    OutcomeCounts total;
    QList<ReasonCount> reasons;   // most first
    QList<TelemetryGroup> models; // by failures, most first
    QList<TelemetryGroup> regions;
    QList<TelemetryGroup> waves;  // by wave number
};

// Everything the Telemetry page shows for one query.
struct TelemetryOverview
{
    TelemetryQuery query;
    QDateTime firstEvent; // of the scope, regardless of the range; invalid = no events at all
    QDateTime lastEvent;
    OutcomeSeries series;
    TelemetryBreakdown breakdown;
    // For a rollout: the error threshold (percent) of the wave that halted it, else of the wave
    // that runs or ran last; < 0 when the scope has no single threshold.
    double errorThreshold = -1;
    int thresholdWave = 0;
};

// What can be chosen as a scope: rollouts and releases that have update events.
struct TelemetryScopeChoice
{
    TelemetryScope scope;
    QString name;  // rollout name, or release version
    QString state; // rollout state (translated); empty for releases
    bool active = false;
};

// The devices behind a bar or point: devices with at least one update event in the scope and
// range that matches every set field. Given to the device table as a filter (drill-down).
struct UpdateEventFilter
{
    // Failed and rolled back: the failure rate's numerator, what a failure-rate point lists.
    static QList<TelemetryOutcome> failureOutcomes()
    {
        return {TelemetryOutcome::Failed, TelemetryOutcome::RolledBack};
    }

    TelemetryScope scope;
    QDateTime from;
    QDateTime to;
    int wave = 0;    // 0 = any
    int modelId = 0; // 0 = any
    int regionId = 0;
    QList<TelemetryOutcome> outcomes; // empty = any counted outcome
    std::optional<FailureReason> reason;
    QString description; // what the operator clicked, for the filter bar (translated)

    friend bool operator==(const UpdateEventFilter &a, const UpdateEventFilter &b);
    friend bool operator!=(const UpdateEventFilter &a, const UpdateEventFilter &b) { return !(a == b); }
};

// The bucket size for a range: the smallest of 1, 5, 15, 30 minutes, 1, 3, 6, 12 hours, 1, 7
// days that keeps the range within maxBuckets.
int telemetryBucketSeconds(qint64 rangeSeconds, int maxBuckets);

// Replaces device IDs in exports (IoTSF, GSMA IoT guidelines: no personal data beyond the device
// ID, and not even that where the reader does not need it): HMAC-SHA-256 over the ID with a
// secret salt, hex, shortened. The same salt gives the same pseudonym.
struct PseudonymOptions
{
    bool enabled = false;
    QByteArray salt;
};

} // namespace Patchboard

Q_DECLARE_METATYPE(Patchboard::TelemetryOverview)
Q_DECLARE_METATYPE(Patchboard::UpdateEventFilter)
