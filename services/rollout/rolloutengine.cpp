// SPDX-License-Identifier: Apache-2.0
#include "rolloutengine.h"
#include "rolloutplanner.h"
#include "rolloutreason.h"
#include "rolloutstore.h"

#include "domain/rolloutrules.h"
#include "firmware/firmwaresql.h"
#include "storage/database.h"

#include <QCoreApplication>

namespace Patchboard {

namespace {

// The translation context of this file's messages. Call Tr::tr() everywhere, also in free
// functions and lambdas: lupdate takes the context from Q_DECLARE_TR_FUNCTIONS, so the context
// it extracts is the one looked up at run time (for a plain tr() it uses the enclosing scope).
class Tr
{
    Q_DECLARE_TR_FUNCTIONS(Patchboard::RolloutEngine)
};

QJsonObject reason(const char *kind, QJsonObject fields = {})
{
    fields.insert(QStringLiteral("kind"), QLatin1String(kind));
    return fields;
}

} // namespace

Result<RolloutEngine::Step> RolloutEngine::advance(const QDateTime &now, const QDateTime &auditTime)
{
    Step step;
    RolloutStore store(m_database);
    Result<QList<RolloutSummary>> list = store.summaries(std::nullopt, now);
    if (!list)
        return list.error();
    const Operator engine = RolloutStore::engine();
    const qint64 nowSeconds = now.toSecsSinceEpoch();
    QSqlQuery q(m_database.connection());
    auto exec = [&](const QString &sql, const QVariantList &values) {
        return FirmwareSql::exec(m_database, q, sql, values, Tr::tr("advance the rollout"));
    };
    auto transition = [&](const RolloutSummary &s, RolloutState to, const QJsonObject &why) {
        step.changed = true;
        return store.transition(s.id, s.state, to, engine, RolloutReason::encode(why), now,
                                auditTime);
    };
    auto startWave = [&](const RolloutSummary &s, int number) -> Status {
        if (const Status ok = exec(QStringLiteral("UPDATE rollout_waves SET state = ?, started = ? "
                                                  "WHERE rollout_id = ? AND number = ?"),
                                   {waveStateName(WaveState::Running), nowSeconds, s.id, number});
            !ok)
            return ok;
        if (const Status ok = exec(QStringLiteral("UPDATE rollouts SET current_wave = ? WHERE id = ?"),
                                   {number, s.id});
            !ok)
            return ok;
        step.startedWaves.append({s.id, number});
        step.changed = true;
        return Done{};
    };
    auto halt = [&](RolloutSummary &s, int wave, const QJsonObject &why) -> Status {
        if (wave > 0) {
            if (const Status ok = exec(QStringLiteral("UPDATE rollout_waves SET state = ? WHERE "
                                                      "rollout_id = ? AND number = ?"),
                                       {waveStateName(WaveState::Halted), s.id, wave});
                !ok)
                return ok;
        }
        if (const Status ok = exec(QStringLiteral("UPDATE rollouts SET halt_reason = ? WHERE id = ?"),
                                   {RolloutReason::encode(why), s.id});
            !ok)
            return ok;
        return transition(s, RolloutState::Halted, why);
    };

    for (RolloutSummary &s : list.value()) {
        if (s.state == RolloutState::Scheduled) {
            const qint64 start = s.start.isValid() ? s.start.toSecsSinceEpoch() : nowSeconds;
            if (start > nowSeconds) {
                step.nextWake = std::min(step.nextWake, start);
                continue;
            }
            if (const Status ok = exec(QStringLiteral("UPDATE rollouts SET started = ? WHERE id = ?"),
                                       {nowSeconds, s.id});
                !ok)
                return ok.error();
            if (const Status ok = transition(s, RolloutState::Running, reason("started")); !ok)
                return ok.error();
            s.state = RolloutState::Running;
            s.started = now;
            if (!s.waves.isEmpty()) {
                if (const Status ok = startWave(s, 1); !ok)
                    return ok.error();
                s.waves[0].state = WaveState::Running;
                s.waves[0].started = now;
            }
        }
        if (s.state != RolloutState::Running)
            continue;

        // A release withdrawn while its rollout runs stops it.
        Result<RolloutRelease> release = RolloutPlanner::readRelease(m_database, s.releaseId);
        if (!release)
            return release.error();
        if (release.value().state == ReleaseState::Withdrawn) {
            if (const Status ok = halt(s, 0, reason("release-withdrawn",
                                                    {{QStringLiteral("version"),
                                                      release.value().version}}));
                !ok)
                return ok.error();
            continue;
        }

        // The deadline: devices not offered by then expire.
        int expired = 0;
        if (s.deadline.isValid()) {
            const qint64 deadline = s.deadline.toSecsSinceEpoch();
            if (deadline > nowSeconds) {
                step.nextWake = std::min(step.nextWake, deadline);
            } else if (s.pending() > 0) {
                expired = s.pending();
                if (m_beforeTargetWrites) {
                    if (const Status ok = m_beforeTargetWrites(); !ok)
                        return ok.error();
                }
                const QList<std::pair<QString, QVariantList>> statements = {
                    {QStringLiteral("UPDATE rollout_targets SET state = ?, active = 0 WHERE "
                                    "rollout_id = ? AND state = ?"),
                     {int(TargetState::Expired), s.id, int(TargetState::Pending)}},
                    {QStringLiteral("UPDATE rollout_waves SET cancelled = cancelled + pending, "
                                    "pending = 0, state = CASE WHEN state = ? THEN ? ELSE state "
                                    "END WHERE rollout_id = ?"),
                     {waveStateName(WaveState::Pending), waveStateName(WaveState::Cancelled), s.id}},
                };
                for (const auto &[sql, values] : statements) {
                    if (const Status ok = exec(sql, values); !ok)
                        return ok.error();
                }
                // Devices the operator could not reach get the update from the manufacturer's
                // server when the plan says so (SSU-TES-0020).
                QJsonObject why{{QStringLiteral("expired"), expired}};
                if (const auto plan = RolloutStore(m_database).detail(s.id, now); plan.ok()
                    && plan.value().plan.notice.manufacturerFallback)
                    why.insert(QStringLiteral("fallback"), plan.value().plan.notice.fallbackUrl);
                if (const Status ok = transition(s, RolloutState::Running, reason("deadline", why));
                    !ok)
                    return ok.error();
                step.reload.append(s.id);
                for (WaveProgress &wave : s.waves) {
                    wave.cancelled += wave.pending;
                    wave.pending = 0;
                    if (wave.state == WaveState::Pending)
                        wave.state = WaveState::Cancelled;
                }
            }
        }

        // Thresholds, for every wave that has started.
        bool halted = false;
        for (WaveProgress &wave : s.waves) {
            if (wave.state != WaveState::Running && wave.state != WaveState::Succeeded)
                continue;
            RolloutRules::WaveCounts counts;
            // Devices that expired at the deadline were never offered: the success threshold
            // is a share of the devices that were.
            counts.size = wave.size - wave.cancelled;
            counts.succeeded = wave.succeeded;
            counts.failed = wave.failed;
            counts.verified = wave.verified;
            counts.baselineResults = wave.baselineResults;
            counts.baselineFailed = wave.baselineFailed;
            const RolloutRules::Verdict verdict = RolloutRules::evaluate(wave.plan, counts);
            const bool allReported = wave.pending == 0 && wave.inProgress == 0 && wave.postponed == 0;
            if (verdict == RolloutRules::Verdict::Halt) {
                const int results
                    = counts.succeeded + counts.failed + counts.verified - counts.baselineResults;
                const int failed = counts.failed - counts.baselineFailed;
                if (const Status ok = halt(s, wave.number,
                                           reason("error-threshold",
                                                  {{QStringLiteral("wave"), wave.number},
                                                   {QStringLiteral("failed"), failed},
                                                   {QStringLiteral("results"), results},
                                                   {QStringLiteral("threshold"),
                                                    wave.plan.errorThreshold}}));
                    !ok)
                    return ok.error();
                halted = true;
                break;
            }
            if (wave.state == WaveState::Running) {
                // A wave the operator resumed after a halt is through once all its devices have
                // reported: resuming accepted its outcome.
                const bool resumed = wave.baselineResults > 0 || wave.baselineFailed > 0;
                if (verdict == RolloutRules::Verdict::Succeeded || counts.size <= 0
                    || (resumed && allReported)) {
                    if (const Status ok = exec(
                            QStringLiteral("UPDATE rollout_waves SET state = ?, succeeded_at = ? "
                                           "WHERE rollout_id = ? AND number = ?"),
                            {waveStateName(WaveState::Succeeded), nowSeconds, s.id, wave.number});
                        !ok)
                        return ok.error();
                    wave.state = WaveState::Succeeded;
                    wave.succeededAt = now;
                    wave.nextWaveAt = now.addSecs(qint64(wave.plan.soakMinutes) * 60);
                    step.changed = true;
                } else if (allReported) {
                    if (const Status ok = halt(s, wave.number,
                                               reason("below-success",
                                                      {{QStringLiteral("wave"), wave.number},
                                                       {QStringLiteral("succeeded"), wave.succeeded},
                                                       {QStringLiteral("size"), wave.size},
                                                       {QStringLiteral("threshold"),
                                                        wave.plan.successThreshold}}));
                        !ok)
                        return ok.error();
                    halted = true;
                    break;
                }
            }
        }
        if (halted)
            continue;

        // The next wave, once the current one succeeded, soaked and (if gated) was let through.
        const int current = s.currentWave;
        if (current >= 1 && current < s.waves.size()) {
            const WaveProgress &wave = s.waves[current - 1];
            const WaveProgress &next = s.waves[current];
            if (wave.state == WaveState::Succeeded && next.state == WaveState::Pending) {
                const qint64 soakEnd = wave.nextWaveAt.toSecsSinceEpoch();
                const bool gateOpen = !wave.plan.manualGate || wave.gateOpen;
                if (soakEnd > nowSeconds) {
                    step.nextWake = std::min(step.nextWake, soakEnd);
                } else if (gateOpen) {
                    if (const Status ok = startWave(s, current + 1); !ok)
                        return ok.error();
                    if (const Status ok = transition(
                            s, RolloutState::Running,
                            reason("wave-started", {{QStringLiteral("wave"), current + 1}}));
                        !ok)
                        return ok.error();
                    s.waves[current].state = WaveState::Running;
                    continue;
                }
            }
        }

        // Completed when every wave is through and every device has reported.
        bool through = true;
        int succeeded = 0;
        int failed = 0;
        int cancelled = 0;
        for (const WaveProgress &wave : s.waves) {
            through = through
                && (wave.state == WaveState::Succeeded || wave.state == WaveState::Cancelled)
                && wave.pending == 0 && wave.inProgress == 0 && wave.postponed == 0;
            succeeded += wave.succeeded;
            failed += wave.failed;
            cancelled += wave.cancelled;
        }
        if (through) {
            if (const Status ok = exec(QStringLiteral("UPDATE rollouts SET finished = ? WHERE id = ?"),
                                       {nowSeconds, s.id});
                !ok)
                return ok.error();
            if (const Status ok = transition(s, RolloutState::Completed,
                                             reason("completed",
                                                    {{QStringLiteral("succeeded"), succeeded},
                                                     {QStringLiteral("failed"), failed},
                                                     {QStringLiteral("expired"), cancelled}}));
                !ok)
                return ok.error();
        }
    }
    return step;
}

} // namespace Patchboard
