// SPDX-License-Identifier: Apache-2.0
#include "faketelemetrybackend.h"

#include <QFile>
#include <QMap>
#include <QMessageAuthenticationCode>
#include <QRandomGenerator>
#include <QTimer>

#include <algorithm>
#include <utility>

namespace Patchboard {

namespace {

struct Wave
{
    int number;
    QDateTime start;
    int hours;
    int devices;
};

// Failure rate per model in percent, and the share of the model in the fleet.
struct ModelProfile
{
    int id;
    int share; // of 100
    int failurePercent;
    int rollbackPercent; // of failures: boot failures, rolled back
};

QList<FakeTelemetryBackend::Event> makeRollout(qint64 rolloutId, qint64 releaseId,
                                               const QList<Wave> &waves, quint32 seed,
                                               int nimbusFailurePercent)
{
    const ModelProfile models[] = {
        {FakeTelemetryBackend::AuroraA5, 45, 2, 0},
        {FakeTelemetryBackend::AuroraA3, 30, 4, 0},
        {FakeTelemetryBackend::NimbusN2, 15, nimbusFailurePercent, 40},
        {FakeTelemetryBackend::KestrelK1, 10, 3, 0},
    };
    const FailureReason failures[]
        = {FailureReason::DownloadTimeout, FailureReason::DownloadTimeout,
           FailureReason::InstallFailed, FailureReason::InsufficientStorage,
           FailureReason::DigestMismatch};
    QRandomGenerator random(seed);
    QList<FakeTelemetryBackend::Event> events;
    int serial = 0;
    for (const Wave &wave : waves) {
        for (int d = 0; d < wave.devices; ++d) {
            int pick = random.bounded(100);
            const ModelProfile *model = &models[0];
            for (const ModelProfile &m : models) {
                if (pick < m.share) {
                    model = &m;
                    break;
                }
                pick -= m.share;
            }
            FakeTelemetryBackend::Event e;
            e.rolloutId = rolloutId;
            e.releaseId = releaseId;
            e.wave = wave.number;
            e.modelId = model->id;
            e.regionId = 1 + random.bounded(3);
            e.deviceId = QStringLiteral("3529110%1")
                             .arg(rolloutId * 100000 + (++serial), 8, 10, QLatin1Char('0'));
            // Devices report across the wave, more of them early on.
            const double x = random.generateDouble();
            e.at = wave.start.addSecs(qint64(x * x * wave.hours * 3600));
            if (random.bounded(100) < 5) {
                // Low battery: postponed, and a result later.
                FakeTelemetryBackend::Event postponed = e;
                postponed.outcome = TelemetryOutcome::Postponed;
                postponed.reason = FailureReason::LowBattery;
                events.append(postponed);
                e.at = e.at.addSecs(1800);
            }
            if (random.bounded(100) < model->failurePercent) {
                if (random.bounded(100) < model->rollbackPercent) {
                    e.outcome = TelemetryOutcome::RolledBack;
                    e.reason = FailureReason::BootFailed;
                } else {
                    e.outcome = TelemetryOutcome::Failed;
                    e.reason = failures[random.bounded(int(std::size(failures)))];
                }
            }
            events.append(e);
        }
    }
    return events;
}

qint64 floorDiv(qint64 a, qint64 b)
{
    return a >= 0 ? a / b : -((-a + b - 1) / b);
}

} // namespace

FakeTelemetryBackend::FakeTelemetryBackend(QObject *parent) : TelemetryBackend(parent) { }

// Held promises finish as cancelled when they are destroyed (~QPromise).
FakeTelemetryBackend::~FakeTelemetryBackend() = default;

QList<FakeTelemetryBackend::Event> FakeTelemetryBackend::demoEvents()
{
    const QDateTime november(QDate(2025, 11, 12), QTime(8, 0), Qt::UTC);
    const QDateTime october(QDate(2025, 10, 20), QTime(6, 0), Qt::UTC);
    QList<Event> events = makeRollout(CompletedRollout, CompletedRelease,
                                      {{1, october, 4, 40},
                                       {2, october.addSecs(4 * 3600), 8, 200},
                                       {3, october.addSecs(12 * 3600), 20, 500}},
                                      5, 4);
    events += makeRollout(RunningRollout, RunningRelease,
                          {{1, november, 2, 60},
                           {2, november.addSecs(2 * 3600), 6, 400},
                           {3, november.addSecs(8 * 3600), 10, 900}},
                          7, 14);
    std::stable_sort(events.begin(), events.end(),
                     [](const Event &a, const Event &b) { return a.at < b.at; });
    return events;
}

void FakeTelemetryBackend::loadDemo()
{
    m_modelNames = {{AuroraA5, QStringLiteral("Aurora A5")},
                    {AuroraA3, QStringLiteral("Aurora A3")},
                    {NimbusN2, QStringLiteral("Nimbus N2")},
                    {KestrelK1, QStringLiteral("Kestrel K1")}};
    m_regionNames = {{1, QStringLiteral("Germany North")},
                     {2, QStringLiteral("Germany South")},
                     {3, QStringLiteral("Berlin")}};
    m_scopes = {
        {TelemetryScope::rollout(RunningRollout), QStringLiteral("November, Germany"),
         QStringLiteral("Running"), true},
        {TelemetryScope::rollout(CompletedRollout), QStringLiteral("October"),
         QStringLiteral("Completed"), false},
        {TelemetryScope::release(RunningRelease), QStringLiteral("AUR-2025.11.2"), QString(),
         false},
        {TelemetryScope::release(CompletedRelease), QStringLiteral("AUR-2025.10.1"), QString(),
         false},
    };
    setThreshold(RunningRollout, 5.0, 3);
    setThreshold(CompletedRollout, 8.0, 3);
    setEvents(demoEvents());
}

void FakeTelemetryBackend::setEvents(const QList<Event> &events)
{
    m_events = events;
    Q_EMIT eventsChanged();
}

void FakeTelemetryBackend::addEvents(const QList<Event> &events)
{
    m_events += events;
    Q_EMIT eventsChanged();
}

void FakeTelemetryBackend::setThreshold(qint64 rolloutId, double percent, int wave)
{
    m_thresholds.insert(rolloutId, {percent, wave});
}

template<typename T> QFuture<Result<T>> FakeTelemetryBackend::later(Result<T> result, bool overview)
{
    auto promise = std::make_shared<QPromise<Result<T>>>();
    promise->start();
    QFuture<Result<T>> future = promise->future();
    if (overview)
        m_maxInFlight = qMax(m_maxInFlight, ++m_inFlight);
    QTimer::singleShot(0, this, [this, overview, promise, result = std::move(result)]() mutable {
        if (overview)
            --m_inFlight;
        promise->addResult(std::move(result));
        promise->finish();
    });
    return future;
}

void FakeTelemetryBackend::releaseOverviews()
{
    const auto held = std::exchange(m_held, {});
    const auto queries = std::exchange(m_heldQueries, {});
    for (int i = 0; i < held.size(); ++i) {
        --m_inFlight;
        held.at(i)->addResult(Result<TelemetryOverview>(compute(queries.at(i))));
        held.at(i)->finish();
    }
}

bool FakeTelemetryBackend::inScope(const Event &event, TelemetryScope scope) const
{
    switch (scope.kind) {
    case TelemetryScope::Kind::Fleet:
        return true;
    case TelemetryScope::Kind::Rollout:
        return event.rolloutId == scope.id;
    case TelemetryScope::Kind::Release:
        return event.releaseId == scope.id;
    }
    return false;
}

bool FakeTelemetryBackend::matches(const Event &e, const UpdateEventFilter &f) const
{
    return inScope(e, f.scope) && (!f.from.isValid() || e.at >= f.from)
        && (!f.to.isValid() || e.at < f.to) && (!f.wave || e.wave == f.wave)
        && (!f.modelId || e.modelId == f.modelId) && (!f.regionId || e.regionId == f.regionId)
        && (f.outcomes.isEmpty() || f.outcomes.contains(e.outcome)) && (!f.reason || e.reason == *f.reason);
}

TelemetryOverview FakeTelemetryBackend::compute(const TelemetryQuery &query) const
{
    TelemetryOverview o;
    o.query = query;
    QList<const Event *> inRange;
    for (const Event &e : m_events) {
        if (!inScope(e, query.scope))
            continue;
        if (!o.firstEvent.isValid() || e.at < o.firstEvent)
            o.firstEvent = e.at;
        if (!o.lastEvent.isValid() || e.at > o.lastEvent)
            o.lastEvent = e.at;
        if ((!query.from.isValid() || e.at >= query.from)
            && (!query.to.isValid() || e.at < query.to))
            inRange.append(&e);
    }
    if (query.scope.kind == TelemetryScope::Kind::Rollout) {
        const Threshold t = m_thresholds.value(query.scope.id);
        o.errorThreshold = t.percent;
        o.thresholdWave = t.wave;
    }
    if (!o.firstEvent.isValid())
        return o;

    // Buckets: contiguous over the range (open ends: the scope's first and last event).
    const QDateTime lo = query.from.isValid() ? query.from : o.firstEvent;
    const QDateTime hi = query.to.isValid() ? query.to : o.lastEvent.addSecs(1);
    if (lo < hi) {
        const int size = telemetryBucketSeconds(lo.secsTo(hi), query.maxBuckets);
        o.series.bucketSeconds = size;
        const qint64 first = floorDiv(lo.toSecsSinceEpoch(), size) * size;
        const qint64 last = floorDiv(hi.toMSecsSinceEpoch() - 1, qint64(size) * 1000) * size;
        for (qint64 start = first; start <= last; start += size)
            o.series.buckets.append({QDateTime::fromSecsSinceEpoch(start, Qt::UTC), {}});
        for (const Event *e : std::as_const(inRange)) {
            const qint64 index = (floorDiv(e->at.toSecsSinceEpoch(), size) * size - first) / size;
            if (index >= 0 && index < o.series.buckets.size())
                ++o.series.buckets[index].counts[e->outcome];
        }
    }

    QMap<int, OutcomeCounts> models, regions, waves;
    QMap<QPair<int, int>, qint64> reasons;
    for (const Event *e : std::as_const(inRange)) {
        ++o.breakdown.total[e->outcome];
        ++models[e->modelId][e->outcome];
        ++regions[e->regionId][e->outcome];
        if (e->wave > 0)
            ++waves[e->wave][e->outcome];
        if (e->outcome != TelemetryOutcome::Succeeded)
            ++reasons[{int(e->reason), int(e->outcome)}];
    }
    for (auto it = reasons.cbegin(); it != reasons.cend(); ++it)
        o.breakdown.reasons.append(
            {FailureReason(it.key().first), TelemetryOutcome(it.key().second), it.value()});
    std::stable_sort(o.breakdown.reasons.begin(), o.breakdown.reasons.end(),
                     [](const ReasonCount &a, const ReasonCount &b) { return a.count > b.count; });
    for (auto it = models.cbegin(); it != models.cend(); ++it)
        o.breakdown.models.append({it.key(), m_modelNames.value(it.key()), it.value()});
    std::stable_sort(o.breakdown.models.begin(), o.breakdown.models.end(),
                     [](const TelemetryGroup &a, const TelemetryGroup &b) {
                         return a.counts.failures() > b.counts.failures();
                     });
    // Regions as a backend may give them: by id, not by failures.
    for (auto it = regions.cbegin(); it != regions.cend(); ++it)
        o.breakdown.regions.append({it.key(), m_regionNames.value(it.key()), it.value()});
    for (auto it = waves.cbegin(); it != waves.cend(); ++it)
        o.breakdown.waves.append({it.key(), QString(), it.value()});
    return o;
}

QFuture<Result<QList<TelemetryScopeChoice>>> FakeTelemetryBackend::scopes()
{
    ++m_scopeRequests;
    return later(Result<QList<TelemetryScopeChoice>>(m_scopes));
}

QFuture<Result<TelemetryOverview>> FakeTelemetryBackend::overview(const TelemetryQuery &query)
{
    m_queries.append(query);
    if (m_nextError.isError())
        return later(Result<TelemetryOverview>(std::exchange(m_nextError, {})), true);
    if (m_hold) {
        auto promise = std::make_shared<QPromise<Result<TelemetryOverview>>>();
        promise->start();
        m_held.append(promise);
        m_heldQueries.append(query);
        m_maxInFlight = qMax(m_maxInFlight, ++m_inFlight);
        return promise->future();
    }
    return later(Result<TelemetryOverview>(compute(query)), true);
}

QFuture<Result<int>> FakeTelemetryBackend::exportEvents(const UpdateEventFilter &filter,
                                                        const QString &path,
                                                        const PseudonymOptions &pseudonyms)
{
    m_exports.append({filter, path, pseudonyms});
    if (m_nextError.isError())
        return later(Result<int>(std::exchange(m_nextError, {})));
    QByteArray csv("time,device,rollout,wave,model,region,outcome,reason\r\n");
    int rows = 0;
    for (const Event &e : std::as_const(m_events)) {
        if (!matches(e, filter))
            continue;
        QByteArray device = e.deviceId.toUtf8();
        if (pseudonyms.enabled)
            device = QMessageAuthenticationCode::hash(device, pseudonyms.salt,
                                                      QCryptographicHash::Sha256)
                         .toHex()
                         .left(16);
        csv += e.at.toString(Qt::ISODate).toUtf8() + ',' + device + ','
            + QByteArray::number(e.rolloutId) + ',' + QByteArray::number(e.wave) + ','
            + QByteArray::number(e.modelId) + ',' + QByteArray::number(e.regionId) + ','
            + updateOutcomeCode(updateOutcome(e.outcome)).toUtf8() + ','
            + failureReasonCode(e.reason).toUtf8() + "\r\n";
        ++rows;
    }
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(csv) != csv.size()) {
        return later(Result<int>(ServiceError::make(
            ServiceError::Code::Io, QStringLiteral("Could not write %1").arg(path))));
    }
    return later(Result<int>(rows));
}

} // namespace Patchboard
