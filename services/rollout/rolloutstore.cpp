// SPDX-License-Identifier: Apache-2.0
#include "rolloutstore.h"
#include "rolloutjson.h"
#include "rolloutreason.h"

#include "audit/auditlog.h"
#include "firmware/firmwaresql.h"
#include "storage/database.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonDocument>

namespace Patchboard {

namespace {

// The translation context of this file's messages. Call Tr::tr() everywhere, also in free
// functions and lambdas: lupdate takes the context from Q_DECLARE_TR_FUNCTIONS, so the context
// it extracts is the one looked up at run time (for a plain tr() it uses the enclosing scope).
class Tr
{
    Q_DECLARE_TR_FUNCTIONS(Patchboard::RolloutStore)
};

using FirmwareSql::fromSeconds;

} // namespace

Operator RolloutStore::engine()
{
    return Operator{QStringLiteral("rollout-engine"), OperatorRole::Administrator};
}

Result<QList<RolloutSummary>> RolloutStore::summaries(std::optional<qint64> only,
                                                      const QDateTime &now) const
{
    QSqlQuery q(m_database.connection());
    q.setForwardOnly(true);
    const QString where = only ? QStringLiteral(" WHERE r.id = ?") : QString();
    if (const Status ok = FirmwareSql::exec(
            m_database, q,
            QStringLiteral("SELECT r.id, r.name, r.release_id, coalesce(v.version, ''), r.state, "
                           "r.targets, r.current_wave, r.halt_reason, r.created, r.created_by, "
                           "r.start_time, r.started, r.finished, r.deadline FROM rollouts r "
                           "LEFT JOIN releases v ON v.id = r.release_id%1 ORDER BY r.id DESC")
                .arg(where),
            only ? QVariantList{*only} : QVariantList{}, Tr::tr("read the rollouts"));
        !ok)
        return ok.error();
    QList<RolloutSummary> list;
    QHash<qint64, int> position;
    while (q.next()) {
        RolloutSummary s;
        s.id = q.value(0).toLongLong();
        s.name = q.value(1).toString();
        s.releaseId = q.value(2).toLongLong();
        s.releaseVersion = q.value(3).toString();
        s.state = rolloutStateFromName(q.value(4).toString()).value_or(RolloutState::Draft);
        s.targets = q.value(5).toInt();
        s.currentWave = q.value(6).toInt();
        s.haltReason = RolloutReason::describe(q.value(7).toString());
        s.created = fromSeconds(q.value(8));
        s.createdBy = q.value(9).toString();
        s.start = fromSeconds(q.value(10));
        s.started = fromSeconds(q.value(11));
        s.finished = fromSeconds(q.value(12));
        s.deadline = fromSeconds(q.value(13));
        position.insert(s.id, int(list.size()));
        list.append(s);
    }
    q.finish();
    if (list.isEmpty())
        return list;
    if (const Status ok = FirmwareSql::exec(
            m_database, q,
            QStringLiteral("SELECT rollout_id, number, state, size, success_threshold, "
                           "error_threshold, minimum_results, soak_minutes, manual_gate, gate_open, "
                           "started, succeeded_at, pending, in_progress, postponed, succeeded, "
                           "failed, rolled_back, cancelled, baseline_results, baseline_failed, "
                           "verified FROM rollout_waves%1 "
                           "ORDER BY rollout_id, number")
                .arg(only ? QStringLiteral(" WHERE rollout_id = ?") : QString()),
            only ? QVariantList{*only} : QVariantList{}, Tr::tr("read the rollout waves"));
        !ok)
        return ok.error();
    while (q.next()) {
        const auto found = position.constFind(q.value(0).toLongLong());
        if (found == position.constEnd())
            continue;
        WaveProgress w;
        w.number = q.value(1).toInt();
        w.state = waveStateFromName(q.value(2).toString()).value_or(WaveState::Pending);
        w.size = q.value(3).toInt();
        w.plan.successThreshold = q.value(4).toDouble();
        w.plan.errorThreshold = q.value(5).toDouble();
        w.plan.minimumResults = q.value(6).toInt();
        w.plan.soakMinutes = q.value(7).toInt();
        w.plan.manualGate = q.value(8).toBool();
        w.started = fromSeconds(q.value(10));
        w.succeededAt = fromSeconds(q.value(11));
        w.pending = q.value(12).toInt();
        w.inProgress = q.value(13).toInt();
        w.postponed = q.value(14).toInt();
        w.succeeded = q.value(15).toInt();
        w.failed = q.value(16).toInt();
        w.rolledBack = q.value(17).toInt();
        w.cancelled = q.value(18).toInt();
        w.baselineResults = q.value(19).toInt();
        w.baselineFailed = q.value(20).toInt();
        w.verified = q.value(21).toInt();
        w.gateOpen = q.value(9).toBool();
        if (w.succeededAt.isValid())
            w.nextWaveAt = w.succeededAt.addSecs(qint64(w.plan.soakMinutes) * 60);
        list[*found].waves.append(w);
    }
    // A wave waits for its gate when it succeeded, soaked, and the next wave has not started.
    for (RolloutSummary &s : list) {
        for (int i = 0; i + 1 < s.waves.size(); ++i) {
            WaveProgress &w = s.waves[i];
            w.waitingForGate = s.state == RolloutState::Running && w.plan.manualGate
                && !w.gateOpen && w.state == WaveState::Succeeded
                && s.waves[i + 1].state == WaveState::Pending && now >= w.nextWaveAt;
        }
    }
    return list;
}

Result<RolloutSummary> RolloutStore::summary(qint64 id, const QDateTime &now) const
{
    Result<QList<RolloutSummary>> list = summaries(id, now);
    if (!list)
        return list.error();
    if (list.value().isEmpty())
        return ServiceError::make(ServiceError::Code::NotFound,
                                  Tr::tr("Rollout %1 does not exist.").arg(id));
    return list.value().constFirst();
}

Result<RolloutDetail> RolloutStore::detail(qint64 id, const QDateTime &now) const
{
    Result<RolloutSummary> summary = this->summary(id, now);
    if (!summary)
        return summary.error();
    RolloutDetail detail;
    detail.summary = summary.value();
    QSqlQuery q(m_database.connection());
    if (const Status ok = FirmwareSql::exec(
            m_database, q, QStringLiteral("SELECT plan, targeting FROM rollouts WHERE id = ?"),
            {id}, Tr::tr("read the rollout plan"));
        !ok)
        return ok.error();
    if (q.next()) {
        Result<RolloutPlan> plan =
            RolloutJson::planFromJson(QJsonDocument::fromJson(q.value(0).toByteArray()).object());
        if (plan)
            detail.plan = plan.value();
        detail.targets =
            RolloutJson::previewFromJson(QJsonDocument::fromJson(q.value(1).toByteArray()).object());
    }
    q.finish();
    if (const Status ok = FirmwareSql::exec(
            m_database, q,
            QStringLiteral("SELECT from_state, to_state, actor, role, time, reason FROM "
                           "rollout_transitions WHERE rollout_id = ? ORDER BY id"),
            {id}, Tr::tr("read the rollout history"));
        !ok)
        return ok.error();
    while (q.next()) {
        RolloutTransition t;
        t.from = rolloutStateFromName(q.value(0).toString()).value_or(RolloutState::Draft);
        t.to = rolloutStateFromName(q.value(1).toString()).value_or(RolloutState::Draft);
        t.actor = q.value(2).toString();
        t.role = q.value(3).toString();
        t.time = fromSeconds(q.value(4));
        t.reason = RolloutReason::describe(q.value(5).toString());
        detail.history.append(t);
    }
    return detail;
}

Status RolloutStore::transition(qint64 id, RolloutState from, RolloutState to, const Operator &who,
                                const QString &reason, const QDateTime &time,
                                const QDateTime &auditTime, const QJsonObject &details)
{
    QSqlQuery q(m_database.connection());
    if (const Status ok = FirmwareSql::exec(
            m_database, q,
            QStringLiteral("UPDATE rollouts SET state = ? WHERE id = ? AND state = ?"),
            {rolloutStateName(to), id, rolloutStateName(from)}, Tr::tr("change the rollout state"));
        !ok)
        return ok;
    if (q.numRowsAffected() != 1)
        return ServiceError::make(ServiceError::Code::InvalidArgument,
                                  Tr::tr("Rollout %1 is no longer %2.")
                                      .arg(id)
                                      .arg(rolloutStateDisplayName(from)),
                                  Tr::tr("Refresh the list and try again."));
    if (const Status ok = FirmwareSql::exec(
            m_database, q,
            QStringLiteral("INSERT INTO rollout_transitions (rollout_id, from_state, to_state, "
                           "actor, role, time, reason) VALUES (?, ?, ?, ?, ?, ?, ?)"),
            {id, rolloutStateName(from), rolloutStateName(to), who.name,
             Operator::roleName(who.role), time.toSecsSinceEpoch(), reason},
            Tr::tr("record the rollout transition"));
        !ok)
        return ok;
    QJsonObject entry = details;
    entry.insert(QStringLiteral("from"), rolloutStateName(from));
    entry.insert(QStringLiteral("to"), rolloutStateName(to));
    entry.insert(QStringLiteral("reason"), reason);
    entry.insert(QStringLiteral("rolloutClock"), time.toUTC().toString(Qt::ISODate));
    const Result<AuditEntry> audited = AuditLog(m_database).appendWithinTransaction(
        who.name, Operator::roleName(who.role),
        QStringLiteral("rollout.%1").arg(rolloutStateName(to)),
        QStringLiteral("rollout:%1").arg(id), entry, auditTime);
    if (!audited)
        return audited.error();
    return Done{};
}

} // namespace Patchboard
