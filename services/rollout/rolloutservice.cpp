// SPDX-License-Identifier: Apache-2.0
#include "rolloutservice.h"
#include "rolloutjson.h"
#include "rolloutplanner.h"
#include "rolloutreason.h"
#include "rolloutstore.h"

#include "auth/permissions.h"
#include "firmware/firmwaresql.h"
#include "storage/database.h"
#include "storage/epochday.h"
#include "storage/preparedstatement.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>

namespace Patchboard {

namespace {

// The translation context of this file's messages. Call Tr::tr() everywhere, also in free
// functions and lambdas: lupdate takes the context from Q_DECLARE_TR_FUNCTIONS, so the context
// it extracts is the one looked up at run time (for a plain tr() it uses the enclosing scope).
class Tr
{
    Q_DECLARE_TR_FUNCTIONS(Patchboard::RolloutService)
};

using FirmwareSql::Transaction;

ServiceError notAllowed(qint64 id, RolloutState state, const QString &action)
{
    return ServiceError::make(ServiceError::Code::InvalidArgument,
                              Tr::tr("Rollout %1 is %2: it cannot be %3.")
                                  .arg(id)
                                  .arg(rolloutStateDisplayName(state), action),
                              Tr::tr("Refresh the list to see its current state."));
}

} // namespace

RolloutService::RolloutService(Database &database, std::function<QDateTime()> clock, quint64 seed,
                               std::function<QDateTime()> auditClock)
    : m_database(database)
    , m_clock(std::move(clock))
    , m_auditClock(std::move(auditClock))
    , m_seed(seed)
{
}

QDateTime RolloutService::now() const
{
    const QDateTime time = m_clock ? m_clock() : QDateTime::currentDateTimeUtc();
    return QDateTime::fromSecsSinceEpoch(time.toSecsSinceEpoch(), Qt::UTC);
}

QDateTime RolloutService::auditNow() const
{
    const QDateTime time = m_auditClock ? m_auditClock() : QDateTime::currentDateTimeUtc();
    return QDateTime::fromSecsSinceEpoch(time.toSecsSinceEpoch(), Qt::UTC);
}

quint64 RolloutService::seedFor(qint64 releaseId) const
{
    return m_seed ^ (quint64(releaseId) * 0x9E3779B97F4A7C15ULL);
}

Result<QList<RolloutSummary>> RolloutService::rollouts(const Operator &who) const
{
    if (const Status allowed = Permissions::check(who, Permission::ViewRollouts); !allowed)
        return allowed.error();
    return RolloutStore(m_database).summaries(std::nullopt, now());
}

Result<RolloutDetail> RolloutService::detail(const Operator &who, qint64 id) const
{
    if (const Status allowed = Permissions::check(who, Permission::ViewRollouts); !allowed)
        return allowed.error();
    return RolloutStore(m_database).detail(id, now());
}

Result<RolloutPreview> RolloutService::preview(const Operator &who, const RolloutPlan &plan) const
{
    if (const Status allowed = Permissions::check(who, Permission::ViewRollouts); !allowed)
        return allowed.error();
    Result<RolloutPlanner::Planned> planned =
        RolloutPlanner::plan(m_database, plan, now().date(), seedFor(plan.releaseId), false);
    if (!planned)
        return planned.error();
    return planned.value().preview;
}

Result<RolloutDetail> RolloutService::create(const Operator &who, const RolloutPlan &request,
                                             bool schedule)
{
    if (const Status allowed = Permissions::check(who, Permission::PlanRollout); !allowed)
        return allowed.error();
    const QDateTime time = now();
    Transaction transaction(m_database);
    if (!transaction.started())
        return m_database.error(m_database.connection().lastError(), Tr::tr("start a transaction"));
    const quint64 seed = seedFor(request.releaseId);
    Result<RolloutPlanner::Planned> planned =
        RolloutPlanner::plan(m_database, request, time.date(), seed, true);
    if (!planned)
        return planned.error();
    const RolloutPlanner::Planned &p = planned.value();
    if (!p.preview.problems.isEmpty())
        return ServiceError::make(ServiceError::Code::InvalidArgument,
                                  Tr::tr("The rollout cannot be created: %1")
                                      .arg(p.preview.problems.join(QLatin1Char(' '))),
                                  Tr::tr("Change the plan and look at the preview again."));
    RolloutPlan plan = request;
    plan.name = plan.name.trimmed().isEmpty()
        ? Tr::tr("Release %1").arg(p.release.version)
        : plan.name.trimmed();
    plan.notice.title = p.preview.noticeTitle;
    plan.notice.summary = p.preview.noticeSummary;
    if (plan.targets.modelIds.isEmpty())
        plan.targets.modelIds = p.release.modelIds;

    QSqlQuery q(m_database.connection());
    // The build devices get: one firmware_versions row per model.
    for (int model : std::as_const(plan.targets.modelIds)) {
        if (const Status ok = FirmwareSql::exec(
                m_database, q,
                QStringLiteral("INSERT INTO firmware_versions (model_id, version, sequence, "
                               "patch_level, released) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO "
                               "NOTHING"),
                {model, p.release.version, p.release.sequence,
                 p.release.patchLevel.isValid() ? EpochDay::fromDate(p.release.patchLevel)
                                                : EpochDay::fromDate(time.date()),
                 EpochDay::fromDate(time.date())},
                Tr::tr("register the release's build"));
            !ok)
            return ok.error();
    }
    const QByteArray planJson = QJsonDocument(RolloutJson::toJson(plan)).toJson(QJsonDocument::Compact);
    const QByteArray targeting =
        QJsonDocument(RolloutJson::toJson(p.preview)).toJson(QJsonDocument::Compact);
    if (const Status ok = FirmwareSql::exec(
            m_database, q,
            QStringLiteral("INSERT INTO rollouts (release_id, name, state, plan, targeting, "
                           "targets, seed, created, created_by, start_time, deadline) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
            {plan.releaseId, plan.name, rolloutStateName(RolloutState::Draft),
             QString::fromUtf8(planJson), QString::fromUtf8(targeting), p.preview.targeted,
             qint64(seed), time.toSecsSinceEpoch(), who.name, FirmwareSql::seconds(plan.start),
             FirmwareSql::seconds(plan.deadline)},
            Tr::tr("store the rollout"));
        !ok)
        return ok.error();
    const qint64 id = q.lastInsertId().toLongLong();
    for (int i = 0; i < plan.waves.size(); ++i) {
        const WavePlan &wave = plan.waves[i];
        const int size = p.preview.waveSizes.value(i);
        if (const Status ok = FirmwareSql::exec(
                m_database, q,
                QStringLiteral("INSERT INTO rollout_waves (rollout_id, number, state, size, "
                               "success_threshold, error_threshold, minimum_results, "
                               "soak_minutes, manual_gate, pending) "
                               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                {id, i + 1, waveStateName(WaveState::Pending), size, wave.successThreshold,
                 wave.errorThreshold, wave.minimumResults, wave.soakMinutes,
                 int(wave.manualGate), size},
                Tr::tr("store the rollout waves"));
            !ok)
            return ok.error();
    }
    {
        auto insert = PreparedStatement::prepare(
            m_database,
            QStringLiteral("INSERT INTO rollout_targets (rollout_id, device_id, wave) "
                           "VALUES (?, ?, ?)"),
            Tr::tr("store the rollout's devices"));
        if (!insert)
            return insert.error();
        for (std::size_t i = 0; i < p.devices.size(); ++i) {
            insert.value().bind(0, id);
            insert.value().bind(1, p.devices[i]);
            insert.value().bind(2, qint64(p.waves[i]));
            if (const Status ok = insert.value().exec(); !ok)
                return ok.error();
        }
    }
    RolloutStore store(m_database);
    const QJsonObject details{{QStringLiteral("release"), QString::number(plan.releaseId)},
                              {QStringLiteral("targets"), p.preview.targeted},
                              {QStringLiteral("waves"), int(plan.waves.size())}};
    if (const Status ok = store.transition(id, RolloutState::Draft, RolloutState::Draft, who,
                                           RolloutReason::encode({{QStringLiteral("kind"),
                                                                   QStringLiteral("created")}}),
                                           time, auditNow(), details);
        !ok)
        return ok.error();
    if (schedule) {
        if (const Status ok = markScheduled(who, id, time); !ok)
            return ok.error();
    }
    if (const Status ok = transaction.commit(Tr::tr("create the rollout")); !ok)
        return ok.error();
    return store.detail(id, time);
}

Status RolloutService::markScheduled(const Operator &who, qint64 id, const QDateTime &time)
{
    // A plan without a start time starts when it is scheduled.
    QSqlQuery q(m_database.connection());
    if (const Status ok = FirmwareSql::exec(
            m_database, q,
            QStringLiteral("UPDATE rollouts SET start_time = coalesce(start_time, ?) WHERE id = ?"),
            {time.toSecsSinceEpoch(), id}, Tr::tr("schedule the rollout"));
        !ok)
        return ok;
    return RolloutStore(m_database).transition(id, RolloutState::Draft, RolloutState::Scheduled,
                                               who, QString(), time, auditNow());
}

Result<RolloutDetail> RolloutService::schedule(const Operator &who, qint64 id)
{
    if (const Status allowed = Permissions::check(who, Permission::PlanRollout); !allowed)
        return allowed.error();
    const QDateTime time = now();
    RolloutStore store(m_database);
    Transaction transaction(m_database);
    Result<RolloutSummary> current = store.summary(id, time);
    if (!current)
        return current.error();
    if (current.value().state != RolloutState::Draft)
        return notAllowed(id, current.value().state, Tr::tr("scheduled"));
    // The release may have been withdrawn since the draft was made.
    Result<RolloutRelease> release = RolloutPlanner::readRelease(m_database, current.value().releaseId);
    if (!release)
        return release.error();
    if (release.value().state != ReleaseState::Approved)
        return ServiceError::make(ServiceError::Code::InvalidArgument,
                                  Tr::tr("Release %1 is %2: only approved releases are rolled out.")
                                      .arg(release.value().version,
                                           ReleaseStates::displayNameInSentence(release.value().state)),
                                  Tr::tr("Cancel this draft."));
    if (const Status ok = markScheduled(who, id, time); !ok)
        return ok.error();
    if (const Status ok = transaction.commit(Tr::tr("schedule the rollout")); !ok)
        return ok.error();
    return store.detail(id, time);
}

Result<RolloutDetail> RolloutService::pause(const Operator &who, qint64 id, const QString &reason)
{
    if (const Status allowed = Permissions::check(who, Permission::ControlRollout); !allowed)
        return allowed.error();
    const QDateTime time = now();
    RolloutStore store(m_database);
    Transaction transaction(m_database);
    Result<RolloutSummary> current = store.summary(id, time);
    if (!current)
        return current.error();
    const RolloutState state = current.value().state;
    if (state != RolloutState::Running && state != RolloutState::Scheduled)
        return notAllowed(id, state, Tr::tr("paused"));
    if (const Status ok = store.transition(id, state, RolloutState::Paused, who, reason.trimmed(),
                                           time, auditNow());
        !ok)
        return ok.error();
    if (const Status ok = transaction.commit(Tr::tr("pause the rollout")); !ok)
        return ok.error();
    return store.detail(id, time);
}

Result<RolloutDetail> RolloutService::resume(const Operator &who, qint64 id, const QString &reason,
                                             double newErrorThreshold)
{
    if (const Status allowed = Permissions::check(who, Permission::ControlRollout); !allowed)
        return allowed.error();
    if (newErrorThreshold >= 100)
        return ServiceError::make(ServiceError::Code::InvalidArgument,
                                  Tr::tr("An error threshold is below 100%."));
    const QDateTime time = now();
    RolloutStore store(m_database);
    Transaction transaction(m_database);
    Result<RolloutSummary> current = store.summary(id, time);
    if (!current)
        return current.error();
    const RolloutSummary &s = current.value();
    if (s.state != RolloutState::Paused && s.state != RolloutState::Halted)
        return notAllowed(id, s.state, Tr::tr("resumed"));
    if (s.state == RolloutState::Halted) {
        Result<RolloutRelease> release = RolloutPlanner::readRelease(m_database, s.releaseId);
        if (!release)
            return release.error();
        if (release.value().state == ReleaseState::Withdrawn)
            return ServiceError::make(ServiceError::Code::InvalidArgument,
                                      Tr::tr("Release %1 was withdrawn: the rollout cannot resume.")
                                          .arg(release.value().version),
                                      Tr::tr("Cancel the rollout."));
    }
    QSqlQuery q(m_database.connection());
    // Halted waves run again; their error threshold counts from now on. A halted wave whose
    // devices have all reported is accepted as it is: resuming says "go on to the next wave".
    QJsonArray accepted;
    for (const WaveProgress &wave : s.waves) {
        if (wave.state != WaveState::Halted)
            continue;
        const bool allReported = wave.pending == 0 && wave.inProgress == 0 && wave.postponed == 0;
        const bool done = wave.succeededAt.isValid() || allReported;
        if (allReported && !wave.succeededAt.isValid())
            accepted.append(wave.number);
        if (const Status ok = FirmwareSql::exec(
                m_database, q,
                QStringLiteral("UPDATE rollout_waves SET state = ?, baseline_results = ?, "
                               "baseline_failed = ?, error_threshold = CASE WHEN ? >= 0 THEN ? "
                               "ELSE error_threshold END, succeeded_at = coalesce(succeeded_at, "
                               "?) WHERE rollout_id = ? AND number = ?"),
                {waveStateName(done ? WaveState::Succeeded : WaveState::Running),
                 wave.results() + wave.verified,
                 wave.failed, newErrorThreshold, newErrorThreshold,
                 done ? QVariant(time.toSecsSinceEpoch()) : QVariant(QMetaType::fromType<qint64>()),
                 id, wave.number},
                Tr::tr("resume the halted wave"));
            !ok)
            return ok.error();
    }
    if (const Status ok = FirmwareSql::exec(
            m_database, q,
            QStringLiteral("UPDATE rollouts SET halt_reason = '', resumed = ? WHERE id = ?"),
            {time.toSecsSinceEpoch(), id}, Tr::tr("resume the rollout"));
        !ok)
        return ok.error();
    const RolloutState next = s.started.isValid() ? RolloutState::Running : RolloutState::Scheduled;
    QJsonObject details;
    if (newErrorThreshold >= 0)
        details.insert(QStringLiteral("errorThreshold"), newErrorThreshold);
    if (!accepted.isEmpty())
        details.insert(QStringLiteral("acceptedWaves"), accepted);
    if (const Status ok = store.transition(id, s.state, next, who, reason.trimmed(), time,
                                           auditNow(), details);
        !ok)
        return ok.error();
    if (const Status ok = transaction.commit(Tr::tr("resume the rollout")); !ok)
        return ok.error();
    return store.detail(id, time);
}

Result<RolloutDetail> RolloutService::cancel(const Operator &who, qint64 id, const QString &reason)
{
    if (const Status allowed = Permissions::check(who, Permission::ControlRollout); !allowed)
        return allowed.error();
    if (reason.trimmed().isEmpty())
        return ServiceError::make(ServiceError::Code::InvalidArgument,
                                  Tr::tr("Cancelling a rollout needs a reason."),
                                  Tr::tr("Say why the rollout is cancelled."));
    const QDateTime time = now();
    RolloutStore store(m_database);
    Transaction transaction(m_database);
    Result<RolloutSummary> current = store.summary(id, time);
    if (!current)
        return current.error();
    const RolloutState state = current.value().state;
    if (state == RolloutState::Completed || state == RolloutState::Cancelled)
        return notAllowed(id, state, Tr::tr("cancelled"));
    QSqlQuery q(m_database.connection());
    // Devices not offered yet never will be; those already updating finish and report.
    const QList<std::pair<QString, QVariantList>> statements = {
        {QStringLiteral("UPDATE rollout_targets SET state = ?, active = 0 WHERE rollout_id = ? "
                        "AND state = ?"),
         {int(TargetState::Cancelled), id, int(TargetState::Pending)}},
        {QStringLiteral("UPDATE rollout_waves SET cancelled = cancelled + pending, pending = 0, "
                        "state = CASE WHEN state = ? THEN ? ELSE state END WHERE rollout_id = ?"),
         {waveStateName(WaveState::Pending), waveStateName(WaveState::Cancelled), id}},
        {QStringLiteral("UPDATE rollouts SET finished = ? WHERE id = ?"),
         {time.toSecsSinceEpoch(), id}},
    };
    for (const auto &[sql, values] : statements) {
        if (const Status ok = FirmwareSql::exec(m_database, q, sql, values,
                                                Tr::tr("cancel the rollout"));
            !ok)
            return ok.error();
    }
    if (const Status ok = store.transition(id, state, RolloutState::Cancelled, who,
                                           reason.trimmed(), time, auditNow());
        !ok)
        return ok.error();
    if (const Status ok = transaction.commit(Tr::tr("cancel the rollout")); !ok)
        return ok.error();
    return store.detail(id, time);
}

Result<RolloutDetail> RolloutService::continueToNextWave(const Operator &who, qint64 id)
{
    if (const Status allowed = Permissions::check(who, Permission::ControlRollout); !allowed)
        return allowed.error();
    const QDateTime time = now();
    RolloutStore store(m_database);
    Transaction transaction(m_database);
    Result<RolloutSummary> current = store.summary(id, time);
    if (!current)
        return current.error();
    const RolloutSummary &s = current.value();
    const WaveProgress *waiting = nullptr;
    for (const WaveProgress &wave : s.waves) {
        if (wave.waitingForGate)
            waiting = &wave;
    }
    if (!waiting)
        return ServiceError::make(ServiceError::Code::InvalidArgument,
                                  Tr::tr("No wave of rollout %1 waits for an operator to continue.")
                                      .arg(id),
                                  Tr::tr("A gate opens once its wave succeeded and soaked."));
    QSqlQuery q(m_database.connection());
    if (const Status ok = FirmwareSql::exec(
            m_database, q,
            QStringLiteral("UPDATE rollout_waves SET gate_open = 1 WHERE rollout_id = ? AND number = ?"),
            {id, waiting->number}, Tr::tr("open the gate"));
        !ok)
        return ok.error();
    if (const Status ok = store.transition(
            id, RolloutState::Running, RolloutState::Running, who,
            RolloutReason::encode({{QStringLiteral("kind"), QStringLiteral("gate-opened")},
                                   {QStringLiteral("wave"), waiting->number}}),
            time, auditNow());
        !ok)
        return ok.error();
    if (const Status ok = transaction.commit(Tr::tr("open the gate")); !ok)
        return ok.error();
    return store.detail(id, time);
}

} // namespace Patchboard
