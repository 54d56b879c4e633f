// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "rollout/rolloutbackend.h"

#include <QList>
#include <QPromise>

#include <functional>
#include <memory>

namespace Patchboard {

// A RolloutBackend the test drives: rollouts as the test sets them, every call recorded, answers
// on the next turn of the event loop (like a backend on its worker thread), or held until the
// test releases them, or failing once with a given error. The state changes it makes for the
// controls (pause -> paused, ...) are the obvious ones; the real rules are tested against
// LocalRolloutBackend in tests/services.
class FakeRolloutBackend : public RolloutBackend
{
    Q_OBJECT
public:
    struct Call
    {
        QString method; // "pause", "resume", "cancel", "schedule", "continue", "create", ...
        qint64 id = 0;
        QString reason;
        double errorThreshold = -1;
        bool schedule = false;
        RolloutPlan plan;
        SimulationSettings settings;
        Operator who;
    };

    explicit FakeRolloutBackend(QObject *parent = nullptr);
    ~FakeRolloutBackend() override;

    // Replaces the rollouts (newest first) and emits rolloutsChanged().
    void setRollouts(const QList<RolloutDetail> &rollouts);
    const QList<RolloutDetail> &details() const { return m_rollouts; }
    RolloutDetail *detail(qint64 id);
    // Emits rolloutsChanged() after changing a rollout in place.
    void changed() { Q_EMIT rolloutsChanged(); }

    // What preview() answers; by default a function of the plan is not needed, a value does.
    void setPreview(const RolloutPreview &preview) { m_preview = preview; }
    void setPreviewFunction(std::function<RolloutPreview(const RolloutPlan &)> f)
    {
        m_previewFunction = std::move(f);
    }
    void setSimulationSettings(const SimulationSettings &settings);

    // The next call fails with error (once).
    void failNext(const ServiceError &error) { m_nextError = error; }
    // Holds the answers of rollouts() until released.
    void setHoldLists(bool hold) { m_holdLists = hold; }
    int heldLists() const { return int(m_heldLists.size()); }
    void releaseLists();

    const QList<Call> &calls() const { return m_calls; }
    QList<Call> calls(const QString &method) const;
    void clearCalls() { m_calls.clear(); }
    int listRequests() const { return m_listRequests; }
    int detailRequests() const { return m_detailRequests; }

    // A rollout with waves in the given states, for tests and screenshots: `targets` devices in
    // the default waves, the first `running` waves underway.
    static RolloutDetail makeRollout(qint64 id, const QString &name, RolloutState state,
                                     int targets = 1000);

    QFuture<Result<QList<RolloutSummary>>> rollouts(const Operator &who) override;
    QFuture<Result<RolloutDetail>> rolloutDetail(const Operator &who, qint64 id) override;
    QFuture<Result<RolloutPreview>> preview(const Operator &who, const RolloutPlan &plan) override;
    QFuture<Result<RolloutDetail>> create(const Operator &who, const RolloutPlan &plan,
                                          bool schedule) override;
    QFuture<Result<RolloutDetail>> schedule(const Operator &who, qint64 id) override;
    QFuture<Result<RolloutDetail>> pause(const Operator &who, qint64 id,
                                         const QString &reason) override;
    QFuture<Result<RolloutDetail>> resume(const Operator &who, qint64 id, const QString &reason,
                                          double newErrorThreshold = -1) override;
    QFuture<Result<RolloutDetail>> cancel(const Operator &who, qint64 id,
                                          const QString &reason) override;
    QFuture<Result<RolloutDetail>> continueToNextWave(const Operator &who, qint64 id) override;
    QFuture<Result<SimulationSettings>> simulation() override;
    QFuture<Result<SimulationSettings>> setSimulation(const Operator &who,
                                                      const SimulationSettings &settings) override;

private:
    template<typename T> QFuture<Result<T>> later(Result<T> result);
    QFuture<Result<RolloutDetail>> transition(Call call, RolloutState to,
                                              const QList<RolloutState> &from);
    QList<RolloutSummary> summaries() const;

    QList<RolloutDetail> m_rollouts;
    RolloutPreview m_preview;
    std::function<RolloutPreview(const RolloutPlan &)> m_previewFunction;
    SimulationSettings m_simulation;
    ServiceError m_nextError;
    QList<Call> m_calls;
    bool m_holdLists = false;
    QList<std::shared_ptr<QPromise<Result<QList<RolloutSummary>>>>> m_heldLists;
    int m_listRequests = 0;
    int m_detailRequests = 0;
    qint64 m_nextId = 100;
};

} // namespace Patchboard
