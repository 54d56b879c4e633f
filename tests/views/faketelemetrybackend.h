// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "telemetry/telemetrybackend.h"

#include <QHash>
#include <QList>
#include <QPromise>

#include <memory>

namespace Patchboard {

// A TelemetryBackend the test drives: update events as the test sets them, aggregated per query
// the way a backend does (buckets of telemetryBucketSeconds, contiguous over the range; reasons,
// models, regions and waves), every query recorded, answers on the next turn of the event loop
// (like a backend on its worker thread), or held until the test releases them, or failing once.
// The real aggregation in SQL is tested against LocalTelemetryBackend in tests/services.
class FakeTelemetryBackend : public TelemetryBackend
{
    Q_OBJECT
public:
    struct Event
    {
        QDateTime at; // UTC
        qint64 rolloutId = 0;
        qint64 releaseId = 0;
        int wave = 0;
        int modelId = 0;
        int regionId = 0;
        TelemetryOutcome outcome = TelemetryOutcome::Succeeded;
        FailureReason reason = FailureReason::None;
        QString deviceId;
    };
    struct ExportCall
    {
        UpdateEventFilter filter;
        QString path;
        PseudonymOptions pseudonyms;
    };

    // The demo: rollout 7 "November, Germany" of release 3 running in three waves on
    // 2025-11-12/13 (wave 3 halted-worthy: the Nimbus N2 fails often), and rollout 5 "October"
    // of release 2, completed on 2025-10-20/21.
    static constexpr qint64 RunningRollout = 7;
    static constexpr qint64 CompletedRollout = 5;
    static constexpr qint64 RunningRelease = 3;
    static constexpr qint64 CompletedRelease = 2;
    static constexpr int AuroraA5 = 11;
    static constexpr int AuroraA3 = 12;
    static constexpr int NimbusN2 = 13;
    static constexpr int KestrelK1 = 14;

    explicit FakeTelemetryBackend(QObject *parent = nullptr);
    ~FakeTelemetryBackend() override;

    // The demo events, scopes, names and thresholds.
    void loadDemo();
    static QList<Event> demoEvents();

    void setScopes(const QList<TelemetryScopeChoice> &scopes) { m_scopes = scopes; }
    // Replaces the events and emits eventsChanged().
    void setEvents(const QList<Event> &events);
    void addEvents(const QList<Event> &events);
    const QList<Event> &events() const { return m_events; }
    void setModelName(int id, const QString &name) { m_modelNames.insert(id, name); }
    void setRegionName(int id, const QString &name) { m_regionNames.insert(id, name); }
    void setThreshold(qint64 rolloutId, double percent, int wave);
    void changed() { Q_EMIT eventsChanged(); }

    // The next call fails with error (once).
    void failNext(const ServiceError &error) { m_nextError = error; }
    // Holds the answers of overview() until released.
    void setHoldOverviews(bool hold) { m_hold = hold; }
    int heldOverviews() const { return int(m_held.size()); }
    void releaseOverviews();

    const QList<TelemetryQuery> &queries() const { return m_queries; }
    void clearQueries() { m_queries.clear(); }
    int overviewRequests() const { return int(m_queries.size()); }
    // The most overview answers that were ever outstanding at once.
    int maxInFlight() const { return m_maxInFlight; }
    int scopeRequests() const { return m_scopeRequests; }
    const QList<ExportCall> &exports() const { return m_exports; }

    // The answer to a query, as overview() gives it.
    TelemetryOverview compute(const TelemetryQuery &query) const;

    QFuture<Result<QList<TelemetryScopeChoice>>> scopes() override;
    QFuture<Result<TelemetryOverview>> overview(const TelemetryQuery &query) override;
    QFuture<Result<int>> exportEvents(const UpdateEventFilter &filter, const QString &path,
                                      const PseudonymOptions &pseudonyms) override;

private:
    template<typename T> QFuture<Result<T>> later(Result<T> result, bool overview = false);
    bool inScope(const Event &event, TelemetryScope scope) const;
    bool matches(const Event &event, const UpdateEventFilter &filter) const;

    QList<TelemetryScopeChoice> m_scopes;
    QList<Event> m_events;
    QHash<int, QString> m_modelNames;
    QHash<int, QString> m_regionNames;
    struct Threshold
    {
        double percent = -1;
        int wave = 0;
    };
    QHash<qint64, Threshold> m_thresholds;
    ServiceError m_nextError;
    bool m_hold = false;
    QList<std::shared_ptr<QPromise<Result<TelemetryOverview>>>> m_held;
    QList<TelemetryQuery> m_heldQueries;
    QList<TelemetryQuery> m_queries;
    QList<ExportCall> m_exports;
    int m_inFlight = 0;
    int m_maxInFlight = 0;
    int m_scopeRequests = 0;
};

} // namespace Patchboard
