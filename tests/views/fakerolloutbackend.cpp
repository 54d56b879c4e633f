// SPDX-License-Identifier: Apache-2.0
#include "fakerolloutbackend.h"

#include <QTimer>

#include <utility>

namespace Patchboard {

namespace {

const QDateTime Created(QDate(2025, 11, 10), QTime(9, 0), Qt::UTC);

WaveProgress wave(int number, const WavePlan &plan, int size)
{
    WaveProgress w;
    w.number = number;
    w.plan = plan;
    w.size = size;
    w.pending = size;
    return w;
}

void finish(WaveProgress &w, int failed)
{
    w.state = WaveState::Succeeded;
    w.pending = 0;
    w.failed = failed;
    w.succeeded = w.size - failed;
    w.started = Created.addDays(1);
    w.succeededAt = w.started.addSecs(6 * 3600);
}

} // namespace

FakeRolloutBackend::FakeRolloutBackend(QObject *parent) : RolloutBackend(parent)
{
    m_simulation.available = false;
}

// Held promises finish as cancelled when they are destroyed (~QPromise).
FakeRolloutBackend::~FakeRolloutBackend() = default;

template<typename T> QFuture<Result<T>> FakeRolloutBackend::later(Result<T> result)
{
    auto promise = std::make_shared<QPromise<Result<T>>>();
    promise->start();
    QFuture<Result<T>> future = promise->future();
    QTimer::singleShot(0, this, [promise, result = std::move(result)]() mutable {
        promise->addResult(std::move(result));
        promise->finish();
    });
    return future;
}

void FakeRolloutBackend::setRollouts(const QList<RolloutDetail> &rollouts)
{
    m_rollouts = rollouts;
    Q_EMIT rolloutsChanged();
}

RolloutDetail *FakeRolloutBackend::detail(qint64 id)
{
    for (RolloutDetail &d : m_rollouts) {
        if (d.summary.id == id)
            return &d;
    }
    return nullptr;
}

void FakeRolloutBackend::setSimulationSettings(const SimulationSettings &settings)
{
    m_simulation = settings;
}

void FakeRolloutBackend::releaseLists()
{
    const auto held = std::exchange(m_heldLists, {});
    for (const auto &promise : held) {
        promise->addResult(Result<QList<RolloutSummary>>(summaries()));
        promise->finish();
    }
}

QList<FakeRolloutBackend::Call> FakeRolloutBackend::calls(const QString &method) const
{
    QList<Call> matching;
    for (const Call &call : m_calls) {
        if (call.method == method)
            matching.append(call);
    }
    return matching;
}

QList<RolloutSummary> FakeRolloutBackend::summaries() const
{
    QList<RolloutSummary> list;
    for (const RolloutDetail &d : m_rollouts)
        list.append(d.summary);
    return list;
}

QFuture<Result<QList<RolloutSummary>>> FakeRolloutBackend::rollouts(const Operator &who)
{
    Q_UNUSED(who)
    ++m_listRequests;
    if (m_nextError.isError())
        return later(Result<QList<RolloutSummary>>(std::exchange(m_nextError, {})));
    if (m_holdLists) {
        auto promise = std::make_shared<QPromise<Result<QList<RolloutSummary>>>>();
        promise->start();
        m_heldLists.append(promise);
        return promise->future();
    }
    return later(Result<QList<RolloutSummary>>(summaries()));
}

QFuture<Result<RolloutDetail>> FakeRolloutBackend::rolloutDetail(const Operator &who, qint64 id)
{
    Q_UNUSED(who)
    ++m_detailRequests;
    if (m_nextError.isError())
        return later(Result<RolloutDetail>(std::exchange(m_nextError, {})));
    if (RolloutDetail *d = detail(id))
        return later(Result<RolloutDetail>(*d));
    return later(Result<RolloutDetail>(ServiceError::make(
        ServiceError::Code::NotFound, QStringLiteral("Rollout %1 does not exist.").arg(id))));
}

QFuture<Result<RolloutPreview>> FakeRolloutBackend::preview(const Operator &who,
                                                            const RolloutPlan &plan)
{
    Call call;
    call.method = QStringLiteral("preview");
    call.plan = plan;
    call.who = who;
    m_calls.append(call);
    if (m_nextError.isError())
        return later(Result<RolloutPreview>(std::exchange(m_nextError, {})));
    return later(Result<RolloutPreview>(m_previewFunction ? m_previewFunction(plan) : m_preview));
}

QFuture<Result<RolloutDetail>> FakeRolloutBackend::create(const Operator &who,
                                                          const RolloutPlan &plan, bool schedule)
{
    Call call;
    call.method = QStringLiteral("create");
    call.plan = plan;
    call.schedule = schedule;
    call.who = who;
    m_calls.append(call);
    if (m_nextError.isError())
        return later(Result<RolloutDetail>(std::exchange(m_nextError, {})));
    RolloutDetail d = makeRollout(++m_nextId, plan.name,
                                  schedule ? RolloutState::Scheduled : RolloutState::Draft);
    d.plan = plan;
    d.summary.createdBy = who.name;
    m_rollouts.prepend(d);
    Q_EMIT rolloutsChanged();
    return later(Result<RolloutDetail>(d));
}

QFuture<Result<RolloutDetail>> FakeRolloutBackend::transition(Call call, RolloutState to,
                                                              const QList<RolloutState> &from)
{
    m_calls.append(call);
    if (m_nextError.isError())
        return later(Result<RolloutDetail>(std::exchange(m_nextError, {})));
    RolloutDetail *d = detail(call.id);
    if (!d)
        return later(Result<RolloutDetail>(
            ServiceError::make(ServiceError::Code::NotFound, QStringLiteral("No such rollout."))));
    if (!from.isEmpty() && !from.contains(d->summary.state))
        return later(Result<RolloutDetail>(ServiceError::make(
            ServiceError::Code::InvalidArgument,
            QStringLiteral("The rollout is %1.").arg(rolloutStateName(d->summary.state)),
            QStringLiteral("Reload the rollout."))));
    RolloutTransition t;
    t.from = d->summary.state;
    t.to = to;
    t.actor = call.who.name;
    t.role = Operator::roleName(call.who.role);
    t.time = Created.addDays(3);
    t.reason = call.reason;
    d->history.append(t);
    d->summary.state = to;
    if (to != RolloutState::Halted)
        d->summary.haltReason.clear();
    for (WaveProgress &w : d->summary.waves) {
        if (call.method == QLatin1String("continue") && w.waitingForGate) {
            w.waitingForGate = false;
            w.gateOpen = true;
        }
        if (call.method == QLatin1String("resume") && w.state == WaveState::Halted) {
            w.state = WaveState::Running;
            if (call.errorThreshold >= 0)
                w.plan.errorThreshold = call.errorThreshold;
        }
    }
    Q_EMIT rolloutsChanged();
    return later(Result<RolloutDetail>(*d));
}

QFuture<Result<RolloutDetail>> FakeRolloutBackend::schedule(const Operator &who, qint64 id)
{
    return transition({QStringLiteral("schedule"), id, {}, -1, false, {}, {}, who},
                      RolloutState::Scheduled, {RolloutState::Draft});
}

QFuture<Result<RolloutDetail>> FakeRolloutBackend::pause(const Operator &who, qint64 id,
                                                         const QString &reason)
{
    return transition({QStringLiteral("pause"), id, reason, -1, false, {}, {}, who},
                      RolloutState::Paused, {RolloutState::Running, RolloutState::Scheduled});
}

QFuture<Result<RolloutDetail>> FakeRolloutBackend::resume(const Operator &who, qint64 id,
                                                          const QString &reason,
                                                          double newErrorThreshold)
{
    return transition({QStringLiteral("resume"), id, reason, newErrorThreshold, false, {}, {}, who},
                      RolloutState::Running, {RolloutState::Paused, RolloutState::Halted});
}

QFuture<Result<RolloutDetail>> FakeRolloutBackend::cancel(const Operator &who, qint64 id,
                                                          const QString &reason)
{
    return transition({QStringLiteral("cancel"), id, reason, -1, false, {}, {}, who},
                      RolloutState::Cancelled,
                      {RolloutState::Draft, RolloutState::Scheduled, RolloutState::Running,
                       RolloutState::Paused, RolloutState::Halted});
}

QFuture<Result<RolloutDetail>> FakeRolloutBackend::continueToNextWave(const Operator &who,
                                                                      qint64 id)
{
    return transition({QStringLiteral("continue"), id, {}, -1, false, {}, {}, who},
                      RolloutState::Running, {RolloutState::Running});
}

QFuture<Result<SimulationSettings>> FakeRolloutBackend::simulation()
{
    if (m_nextError.isError())
        return later(Result<SimulationSettings>(std::exchange(m_nextError, {})));
    return later(Result<SimulationSettings>(m_simulation));
}

QFuture<Result<SimulationSettings>>
FakeRolloutBackend::setSimulation(const Operator &who, const SimulationSettings &settings)
{
    Call call;
    call.method = QStringLiteral("setSimulation");
    call.settings = settings;
    call.who = who;
    m_calls.append(call);
    if (m_nextError.isError())
        return later(Result<SimulationSettings>(std::exchange(m_nextError, {})));
    const QDateTime clock = m_simulation.clock;
    m_simulation = settings;
    m_simulation.available = true;
    m_simulation.clock = clock;
    return later(Result<SimulationSettings>(m_simulation));
}

RolloutDetail FakeRolloutBackend::makeRollout(qint64 id, const QString &name, RolloutState state,
                                              int targets)
{
    RolloutDetail d;
    RolloutSummary &s = d.summary;
    s.id = id;
    s.name = name;
    s.releaseId = 7;
    s.releaseVersion = QStringLiteral("AUR-2025.11.2");
    s.state = state;
    s.targets = targets;
    s.created = Created;
    s.createdBy = QStringLiteral("rita");

    d.plan.releaseId = s.releaseId;
    d.plan.name = name;
    d.plan.waves = RolloutPlan::defaultWaves();
    d.plan.notice.title = QStringLiteral("Security update (patch level 2025-11-05)");
    d.plan.notice.summary = QStringLiteral("Fixes CVE-2025-48593, CVE-2025-48581 and 4 more.");
    // Sizes as the default waves give them: 1%, 10%, 50%, the rest.
    const int first = qMax(1, targets / 100);
    const int second = targets / 10;
    const int third = targets / 2;
    const QList<int> sizes{first, second, third, targets - first - second - third};
    for (int i = 0; i < sizes.size(); ++i)
        s.waves.append(wave(i + 1, d.plan.waves.value(i), sizes[i]));

    switch (state) {
    case RolloutState::Draft:
    case RolloutState::Scheduled:
        s.start = Created.addDays(1);
        break;
    case RolloutState::Running:
    case RolloutState::Paused: {
        s.started = Created.addDays(1);
        s.currentWave = 2;
        finish(s.waves[0], 0);
        WaveProgress &w = s.waves[1];
        w.state = WaveState::Running;
        w.started = s.started.addSecs(8 * 3600);
        w.succeeded = second * 6 / 10;
        w.failed = 2;
        w.inProgress = second * 2 / 10 - 3;
        w.postponed = 3;
        w.pending = second - w.succeeded - w.failed - w.inProgress - w.postponed;
        break;
    }
    case RolloutState::Halted: {
        s.started = Created.addDays(1);
        s.currentWave = 2;
        finish(s.waves[0], 0);
        WaveProgress &w = s.waves[1];
        w.state = WaveState::Halted;
        w.started = s.started.addSecs(8 * 3600);
        w.succeeded = second * 3 / 10;
        w.failed = second / 10;
        w.rolledBack = 2;
        w.inProgress = 5;
        w.pending = second - w.succeeded - w.failed - w.inProgress;
        s.haltReason = QStringLiteral("%1 of %2 results failed (25%), above the error threshold "
                                      "of 5%")
                           .arg(w.failed)
                           .arg(w.results());
        break;
    }
    case RolloutState::Completed:
        s.started = Created.addDays(1);
        s.finished = Created.addDays(5);
        s.currentWave = 4;
        for (WaveProgress &w : s.waves)
            finish(w, w.size / 50);
        break;
    case RolloutState::Cancelled:
        s.started = Created.addDays(1);
        s.finished = Created.addDays(2);
        s.currentWave = 1;
        finish(s.waves[0], 0);
        for (int i = 1; i < s.waves.size(); ++i) {
            s.waves[i].state = WaveState::Cancelled;
            s.waves[i].cancelled = s.waves[i].pending;
            s.waves[i].pending = 0;
        }
        break;
    }

    RolloutPreview &t = d.targets;
    t.targeted = targets;
    t.alreadyCurrent = 120;
    t.rooted = 14;
    t.ported = 9;
    t.unsupported = 31;
    t.waveSizes = sizes;
    RolloutPreview::ModelRow a{
        1, QStringLiteral("Aurora Mobile"), QStringLiteral("Aurora A5"), targets * 6 / 10, {}};
    RolloutPreview::ModelRow b{
        2, QStringLiteral("Aurora Mobile"), QStringLiteral("Aurora A3"), targets - a.devices, {}};
    for (int size : sizes) {
        a.perWave.append(size * 6 / 10);
        b.perWave.append(size - size * 6 / 10);
    }
    t.models = {a, b};
    t.noticeTitle = d.plan.notice.title;
    t.noticeSummary = d.plan.notice.summary;

    RolloutTransition created;
    created.from = RolloutState::Draft;
    created.to = state == RolloutState::Draft ? RolloutState::Draft : RolloutState::Scheduled;
    created.actor = QStringLiteral("rita");
    created.role = Operator::roleName(OperatorRole::RolloutManager);
    created.time = Created;
    created.reason = QStringLiteral("Monthly security update");
    d.history.append(created);
    if (s.started.isValid()) {
        RolloutTransition started;
        started.from = RolloutState::Scheduled;
        started.to = RolloutState::Running;
        started.time = s.started;
        d.history.append(started);
    }
    if (state != RolloutState::Running && s.started.isValid()) {
        RolloutTransition last;
        last.from = RolloutState::Running;
        last.to = state;
        last.time = s.started.addSecs(10 * 3600);
        last.reason = s.haltReason;
        if (state == RolloutState::Paused || state == RolloutState::Cancelled) {
            last.actor = QStringLiteral("rita");
            last.role = Operator::roleName(OperatorRole::RolloutManager);
            last.reason = QStringLiteral("Waiting for the carrier's go-ahead");
        }
        d.history.append(last);
    }
    return d;
}

} // namespace Patchboard
