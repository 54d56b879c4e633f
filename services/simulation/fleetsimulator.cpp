// SPDX-License-Identifier: Apache-2.0
#include "fleetsimulator.h"
#include "democatalog.h"

#include "domain/device.h"
#include "domain/rolloutrules.h"
#include "rollout/rolloutjson.h"
#include "storage/database.h"
#include "storage/epochday.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

namespace Patchboard {

namespace {

// The translation context of this file's messages. Call Tr::tr() everywhere, also in free
// functions and lambdas: lupdate takes the context from Q_DECLARE_TR_FUNCTIONS, so the context
// it extracts is the one looked up at run time (for a plain tr() it uses the enclosing scope).
class Tr
{
    Q_DECLARE_TR_FUNCTIONS(Patchboard::FleetSimulator)
};

quint64 mix(quint64 x)
{
    // splitmix64's finaliser: a well-distributed hash of a 64-bit value.
    x += 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

// Salts: one stream of numbers per decision.
enum Salt : quint64 {
    FailSalt = 1,
    ReasonSalt = 2,
    DownloadSalt = 3,
    VerifySalt = 4,
    WindowSalt = 5,
    InstallSalt = 6,
    RebootSalt = 7,
    BatterySalt = 8,  // + attempt
    RetrySalt = 16,   // + attempt
    OfferSalt = 24,
};

// How failures split over reasons (weights), and the phase each shows in.
struct ReasonShare
{
    FailureReason reason;
    UpdatePhase phase;
    double weight;
};
constexpr ReasonShare reasonShares[] = {
    {FailureReason::DownloadTimeout, UpdatePhase::Download, 0.25},
    {FailureReason::InsufficientStorage, UpdatePhase::Download, 0.12},
    {FailureReason::DigestMismatch, UpdatePhase::Verify, 0.06},
    {FailureReason::SignatureRefused, UpdatePhase::Verify, 0.03},
    {FailureReason::InstallFailed, UpdatePhase::Install, 0.29},
    {FailureReason::BootFailed, UpdatePhase::Reboot, 0.25},
};


} // namespace

struct FleetSimulator::Target
{
    qint64 device = 0;
    qint64 next = 0;
    qint64 fromFirmware = 0;
    int model = 0;
    int region = 0;
    quint8 wave = 0;
    TargetState state = TargetState::Pending;
    quint8 attempts = 0;
    bool dirty = false;    // changed in this step: its rows are written at the end of the step
    quint8 deviceState = 0; // the UpdateState its device reported last
    qint64 lastEvent = 0;  // time of its newest report
};

struct FleetSimulator::Run
{
    qint64 id = 0;
    RolloutState state = RolloutState::Draft;
    MaintenanceWindow window;
    qint64 resumed = 0;
    qint64 deadline = 0; // 0: none; no offers after it
    QByteArray toVersion;
    qint64 patchLevelDay = 0;
    QHash<int, qint64> firmwareOfModel;
    std::vector<qint64> waveStarted; // by wave number - 1; -1 = not started
    std::vector<Target> targets;
    using Entry = std::pair<qint64, quint32>;
    std::priority_queue<Entry, std::vector<Entry>, std::greater<>> due;
    struct Delta
    {
        qint64 pending = 0, inProgress = 0, verified = 0, postponed = 0, succeeded = 0, failed = 0,
               rolledBack = 0;
        bool any() const
        {
            return pending || inProgress || verified || postponed || succeeded || failed
                || rolledBack;
        }
    };
    std::vector<Delta> deltas;
    std::vector<quint32> dirty; // targets changed in this step

    void push(quint32 index, qint64 time)
    {
        targets[index].next = time;
        due.emplace(time, index);
    }
};

FleetSimulator::FleetSimulator(quint64 seed)
    : FleetSimulator(seed, Timing())
{
}

FleetSimulator::FleetSimulator(quint64 seed, Timing timing)
    : m_seed(seed)
    , m_timing(timing)
{
}

FleetSimulator::~FleetSimulator() = default;

double FleetSimulator::uniform(qint64 rolloutId, qint64 device, quint64 salt) const
{
    const quint64 h = mix(m_seed ^ mix(quint64(rolloutId) * 0x100000001B3ULL ^ mix(quint64(device)) ^ (salt << 56)));
    return double(h >> 11) * (1.0 / double(1ULL << 53));
}

qint64 FleetSimulator::nextCheckIn(qint64 device, qint64 notBefore) const
{
    // The device's own schedule, independent of rollouts: a fixed phase within its period.
    const quint64 h = mix(m_seed ^ 0xC4EC4EC4ULL ^ mix(quint64(device)));
    const bool rare = double(h & 0xffff) / 65536.0 < m_timing.rarelyOnlineShare;
    const qint64 period = rare ? m_timing.rareCheckInPeriod : m_timing.checkInPeriod;
    const qint64 phase = qint64((h >> 16) % quint64(period));
    qint64 offset = (phase - notBefore) % period;
    if (offset < 0)
        offset += period;
    return notBefore + offset;
}

FleetSimulator::Fate FleetSimulator::fateOf(qint64 rolloutId, qint64 device, int modelId) const
{
    Fate fate;
    const double rate = m_overrides.value(modelId, baseFailureRate(modelId));
    if (uniform(rolloutId, device, FailSalt) >= rate)
        return fate;
    fate.fails = true;
    double pick = uniform(rolloutId, device, ReasonSalt);
    for (const ReasonShare &share : reasonShares) {
        fate.reason = share.reason;
        fate.phase = share.phase;
        if (pick < share.weight)
            break;
        pick -= share.weight;
    }
    return fate;
}

int FleetSimulator::offsetAt(int region, qint64 utc)
{
    OffsetCache &cache = m_offsets[region];
    const qint64 hour = utc / 3600;
    if (cache.hour != hour) {
        cache.hour = hour;
        const auto zone = m_zones.constFind(region);
        cache.offset = zone == m_zones.constEnd()
            ? 0
            : zone->offsetFromUtc(QDateTime::fromSecsSinceEpoch(hour * 3600, Qt::UTC));
    }
    return cache.offset;
}

Status FleetSimulator::prepareStatements(Database &database)
{
    if (m_statementsFor == &database)
        return Done{};
    const QString what = Tr::tr("record the simulated devices' reports");
    const std::pair<std::optional<PreparedStatement> *, const char *> statements[] = {
        // Two forms: rollout_targets_active is a partial index on `active`, and SQLite rewrites
        // an index entry whenever an UPDATE sets a column of its WHERE clause, even to the same
        // value. A device stays active until its update ends (cancel and expiry only deactivate
        // pending targets, which are terminal then), so only the last write sets it.
        {&m_updateTarget,
         "UPDATE rollout_targets SET state = ?, next_time = ?, attempts = ? "
         "WHERE rollout_id = ? AND device_id = ?"},
        {&m_finishTarget,
         "UPDATE rollout_targets SET state = ?, next_time = ?, attempts = ?, active = 0 "
         "WHERE rollout_id = ? AND device_id = ?"},
        {&m_deviceState, "UPDATE devices SET update_state = ?, last_checkin = ? WHERE id = ?"},
        {&m_deviceUpdated,
         "UPDATE devices SET firmware_id = ?, patch_level = ?, patch_applied = ?, "
         "update_state = 0, last_checkin = ? WHERE id = ?"},
        {&m_waveCounts,
         "UPDATE rollout_waves SET pending = pending + ?, in_progress = in_progress + ?, "
         "verified = verified + ?, postponed = postponed + ?, succeeded = succeeded + ?, "
         "failed = failed + ?, rolled_back = rolled_back + ? WHERE rollout_id = ? AND number = ?"},
    };
    for (const auto &[slot, sql] : statements) {
        auto prepared = PreparedStatement::prepare(database, QString::fromLatin1(sql), what);
        if (!prepared)
            return prepared.error();
        slot->emplace(std::move(prepared).value());
    }
    m_statementsFor = &database;
    return Done{};
}

Status FleetSimulator::load(Database &database)
{
    m_runs.clear();
    m_baseRates.clear();
    m_zones.clear();
    m_offsets.clear();
    m_versions.clear();
    m_statementsFor = nullptr;
    m_eventsOpen = false;
    m_events.forget(); // after a rollback: what the writer remembers may not have been committed
    QSqlQuery q(database.connection());
    q.setForwardOnly(true);
    // Failure rates: the demo catalog's, by model name; 1% for models it does not know.
    QHash<QString, double> byName;
    for (const DemoCatalog::ModelSpec &spec : DemoCatalog::models())
        byName.insert(QString::fromUtf8(spec.name), spec.failureRate);
    if (!q.exec(QStringLiteral("SELECT id, name FROM device_models")))
        return database.error(q.lastError(), Tr::tr("read the hardware models"));
    while (q.next())
        m_baseRates.insert(q.value(0).toInt(), byName.value(q.value(1).toString(), 0.01));
    if (!q.exec(QStringLiteral("SELECT id, time_zone FROM regions")))
        return database.error(q.lastError(), Tr::tr("read the regions"));
    while (q.next()) {
        const QTimeZone zone(q.value(1).toString().toUtf8());
        m_zones.insert(q.value(0).toInt(), zone.isValid() ? zone : QTimeZone(Qt::UTC));
    }
    if (!q.exec(QStringLiteral("SELECT id, version FROM firmware_versions")))
        return database.error(q.lastError(), Tr::tr("read the firmware builds"));
    while (q.next())
        m_versions.insert(q.value(0).toLongLong(), q.value(1).toString().toUtf8());
    // Rollouts whose devices may still move: not finished, or finished with devices still
    // updating (a cancelled rollout's devices finish what they started).
    if (!q.exec(QStringLiteral("SELECT DISTINCT r.id FROM rollouts r WHERE r.state IN "
                               "('scheduled', 'running', 'paused', 'halted') OR EXISTS (SELECT 1 "
                               "FROM rollout_waves w WHERE w.rollout_id = r.id AND "
                               "(w.in_progress > 0 OR w.postponed > 0))")))
        return database.error(q.lastError(), Tr::tr("read the active rollouts"));
    QList<qint64> ids;
    while (q.next())
        ids.append(q.value(0).toLongLong());
    q.finish();
    for (qint64 id : std::as_const(ids)) {
        if (const Status ok = loadRollout(database, id); !ok)
            return ok;
    }
    return Done{};
}

Status FleetSimulator::reload(Database &database, qint64 rolloutId)
{
    // What this transaction played of it first: the rollout is read again from its rows.
    for (auto &run : m_runs) {
        if (run->id == rolloutId) {
            if (const Status ok = writeChanged(*run); !ok)
                return ok;
        }
    }
    m_runs.erase(std::remove_if(m_runs.begin(), m_runs.end(),
                                [rolloutId](const auto &run) { return run->id == rolloutId; }),
                 m_runs.end());
    return loadRollout(database, rolloutId);
}

Status FleetSimulator::loadRollout(Database &database, qint64 rolloutId)
{
    auto run = std::make_unique<Run>();
    run->id = rolloutId;
    QSqlQuery q(database.connection());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT r.state, r.plan, coalesce(r.resumed, 0), v.version, "
                             "v.sequence, v.patch_level, coalesce(r.deadline, 0) FROM rollouts r "
                             "JOIN releases v ON v.id = r.release_id WHERE r.id = ?"));
    q.bindValue(0, rolloutId);
    if (!q.exec())
        return database.error(q.lastError(), Tr::tr("read the rollout"));
    if (!q.next())
        return Done{};
    run->state = rolloutStateFromName(q.value(0).toString()).value_or(RolloutState::Draft);
    if (const auto plan = RolloutJson::planFromJson(
            QJsonDocument::fromJson(q.value(1).toByteArray()).object());
        plan.ok())
        run->window = plan.value().window;
    run->resumed = q.value(2).toLongLong();
    run->toVersion = q.value(3).toString().toUtf8();
    const qint64 sequence = q.value(4).toLongLong();
    run->patchLevelDay = q.value(5).toLongLong();
    run->deadline = q.value(6).toLongLong();
    q.finish();
    q.prepare(QStringLiteral("SELECT id, model_id, version FROM firmware_versions WHERE sequence = ?"));
    q.bindValue(0, sequence);
    if (!q.exec())
        return database.error(q.lastError(), Tr::tr("read the release's builds"));
    while (q.next()) {
        run->firmwareOfModel.insert(q.value(1).toInt(), q.value(0).toLongLong());
        m_versions.insert(q.value(0).toLongLong(), q.value(2).toString().toUtf8());
    }
    q.prepare(QStringLiteral("SELECT number, started, state FROM rollout_waves WHERE rollout_id = ? "
                             "ORDER BY number"));
    q.bindValue(0, rolloutId);
    if (!q.exec())
        return database.error(q.lastError(), Tr::tr("read the rollout waves"));
    while (q.next()) {
        const int number = q.value(0).toInt();
        if (int(run->waveStarted.size()) < number)
            run->waveStarted.resize(std::size_t(number), -1);
        run->waveStarted[std::size_t(number - 1)] =
            q.value(1).isNull() ? -1 : q.value(1).toLongLong();
    }
    run->deltas.resize(run->waveStarted.size());
    q.finish();

    auto statement = PreparedStatement::prepare(
        database,
        QStringLiteral("SELECT t.device_id, t.wave, t.state, t.next_time, t.attempts, d.model_id, "
                       "d.region_id, d.firmware_id FROM rollout_targets t JOIN devices d ON d.id = "
                       "t.device_id WHERE t.rollout_id = ? AND t.state < ?"),
        Tr::tr("read the rollout's devices"));
    if (!statement)
        return statement.error();
    PreparedStatement &rows = statement.value();
    rows.bind(0, rolloutId);
    rows.bind(1, qint64(TargetState::Succeeded));
    if (const Status ok = rows.start(); !ok)
        return ok;
    while (rows.next()) {
        Target t;
        t.device = rows.integer(0);
        t.wave = quint8(rows.integer(1));
        t.state = TargetState(rows.integer(2));
        t.next = rows.integer(3);
        t.attempts = quint8(rows.integer(4));
        t.model = int(rows.integer(5));
        t.region = int(rows.integer(6));
        t.fromFirmware = rows.integer(7);
        run->targets.push_back(t);
    }
    if (const Status ok = rows.finishRows(); !ok)
        return ok;
    if (run->targets.empty())
        return Done{};
    for (quint32 i = 0; i < quint32(run->targets.size()); ++i) {
        const Target &t = run->targets[i];
        if (t.state == TargetState::Pending) {
            const std::size_t wave = std::size_t(t.wave) - 1;
            if (run->state == RolloutState::Running && wave < run->waveStarted.size()
                && run->waveStarted[wave] >= 0)
                run->push(i, nextCheckIn(t.device, std::max(run->waveStarted[wave], run->resumed)));
        } else {
            run->push(i, t.next);
        }
    }
    m_runs.push_back(std::move(run));
    return Done{};
}

void FleetSimulator::waveStarted(qint64 rolloutId, int wave, qint64 time)
{
    for (auto &run : m_runs) {
        if (run->id != rolloutId)
            continue;
        if (int(run->waveStarted.size()) >= wave)
            run->waveStarted[std::size_t(wave - 1)] = time;
        run->state = RolloutState::Running;
        for (quint32 i = 0; i < quint32(run->targets.size()); ++i) {
            const Target &t = run->targets[i];
            if (t.wave == wave && t.state == TargetState::Pending)
                run->push(i, nextCheckIn(t.device, std::max(time, run->resumed)));
        }
    }
}

qint64 FleetSimulator::nextDue() const
{
    qint64 next = std::numeric_limits<qint64>::max();
    for (const auto &run : m_runs) {
        if (!run->due.empty())
            next = std::min(next, run->due.top().first);
    }
    return next;
}

Status FleetSimulator::writeChanged(Run &run)
{
    // In device order (targets are loaded in primary-key order): the rows of one B-tree page are
    // written one after another instead of at random, at a million devices most of the cost.
    std::sort(run.dirty.begin(), run.dirty.end());
    for (quint32 index : run.dirty) {
        Target &t = run.targets[index];
        t.dirty = false;
        const bool terminal = isTerminal(t.state);
        PreparedStatement &target = terminal ? *m_finishTarget : *m_updateTarget;
        target.bind(0, qint64(t.state));
        target.bind(1, terminal ? t.lastEvent : t.next);
        target.bind(2, qint64(t.attempts));
        target.bind(3, run.id);
        target.bind(4, t.device);
        if (const Status ok = target.exec(); !ok)
            return ok;
        PreparedStatement *device = nullptr;
        if (t.state == TargetState::Succeeded) {
            device = &*m_deviceUpdated;
            device->bind(0, run.firmwareOfModel.value(t.model, t.fromFirmware));
            device->bind(1, run.patchLevelDay);
            device->bind(2, t.lastEvent >= 0 ? t.lastEvent / 86400 : (t.lastEvent - 86399) / 86400);
            device->bind(3, t.lastEvent);
            device->bind(4, t.device);
        } else {
            device = &*m_deviceState;
            device->bind(0, qint64(t.deviceState));
            device->bind(1, t.lastEvent);
            device->bind(2, t.device);
        }
        if (const Status ok = device->exec(); !ok)
            return ok;
    }
    run.dirty.clear();
    return Done{};
}

Result<FleetSimulator::Report> FleetSimulator::run(Database &database, qint64 until)
{
    Report report;
    if (m_runs.empty())
        return report;
    if (const Status ok = prepareStatements(database); !ok)
        return ok.error();
    // The engine or an operator may have changed a rollout's state since the last step.
    {
        QSqlQuery q(database.connection());
        q.setForwardOnly(true);
        if (!q.exec(QStringLiteral("SELECT id, state FROM rollouts WHERE state IN ('scheduled', "
                                   "'running', 'paused', 'halted', 'cancelled', 'completed')")))
            return database.error(q.lastError(), Tr::tr("read the rollout states"));
        QHash<qint64, RolloutState> states;
        while (q.next())
            states.insert(q.value(0).toLongLong(),
                          rolloutStateFromName(q.value(1).toString()).value_or(RolloutState::Draft));
        for (auto &run : m_runs)
            run->state = states.value(run->id, RolloutState::Cancelled);
    }

    // Events go in at once; their telemetry buckets and the devices' history heads with flush().
    if (!m_eventsOpen) {
        if (const Status ok = m_events.start(database); !ok)
            return ok.error();
        m_eventsOpen = true;
    }
    for (auto &runPtr : m_runs) {
        Run &run = *runPtr;
        const qint64 rolloutId = run.id;
        while (!run.due.empty() && run.due.top().first <= until) {
            const auto [time, index] = run.due.top();
            run.due.pop();
            Target &t = run.targets[index];
            if (t.next != time || isTerminal(t.state))
                continue; // superseded
            Run::Delta &delta = run.deltas[std::size_t(t.wave) - 1];
            const Fate fate = fateOf(rolloutId, t.device, t.model);
            const QByteArray &fromVersion = m_versions[t.fromFirmware];

            UpdatePhase phase = UpdatePhase::Offer;
            UpdateOutcome outcome = UpdateOutcome::Ok;
            FailureReason reason = FailureReason::None;
            UpdateState deviceState = UpdateState::Idle;
            const TargetState before = t.state;
            qint64 next = 0;
            auto random = [&](quint64 salt, qint64 low, qint64 high) {
                return low + qint64(uniform(rolloutId, t.device, salt) * double(high - low));
            };
            auto installTime = [&](qint64 from, quint64 salt) {
                const int offset = offsetAt(t.region, from);
                qint64 start = RolloutRules::nextWindowStart(run.window, from, offset);
                if (start > from) {
                    // Devices do not all start at the first second of the window.
                    const qint64 spread = std::min<qint64>(
                        qint64(RolloutRules::windowMinutes(run.window)) * 60 / 2, 2 * 3600);
                    start += random(salt, 0, std::max<qint64>(spread, 1));
                }
                return start + random(InstallSalt, 180, 600);
            };

            switch (t.state) {
            case TargetState::Pending:
                if (run.state != RolloutState::Running)
                    continue; // paused or halted: no new offers; resume reloads
                if (run.deadline > 0 && time > run.deadline)
                    continue; // the engine expires it
                phase = UpdatePhase::Offer;
                t.state = TargetState::Downloading;
                deviceState = UpdateState::Downloading;
                next = time + random(DownloadSalt, 90, 1500);
                --delta.pending;
                ++delta.inProgress;
                break;
            case TargetState::Offered:
            case TargetState::Downloading:
                phase = UpdatePhase::Download;
                if (fate.fails && fate.phase == UpdatePhase::Download) {
                    outcome = UpdateOutcome::Failed;
                    reason = fate.reason;
                    break;
                }
                t.state = TargetState::Verifying;
                deviceState = UpdateState::Verifying;
                next = time + random(VerifySalt, 10, 90);
                break;
            case TargetState::Verifying:
                phase = UpdatePhase::Verify;
                if (fate.fails && fate.phase == UpdatePhase::Verify) {
                    outcome = UpdateOutcome::Failed;
                    reason = fate.reason;
                    break;
                }
                t.state = TargetState::Installing;
                deviceState = UpdateState::Installing;
                next = installTime(time, WindowSalt);
                ++delta.verified;
                break;
            case TargetState::Installing:
            case TargetState::Postponed:
                phase = UpdatePhase::Install;
                if (t.attempts < m_timing.maxPostponements
                    && uniform(rolloutId, t.device, BatterySalt + t.attempts)
                        < m_timing.lowBatteryChance) {
                    outcome = UpdateOutcome::Postponed;
                    reason = FailureReason::LowBattery;
                    t.state = TargetState::Postponed;
                    deviceState = UpdateState::Postponed;
                    next = installTime(time + random(RetrySalt + t.attempts, 2 * 3600, 6 * 3600),
                                       RetrySalt + 4 + t.attempts);
                    ++t.attempts;
                    if (before == TargetState::Installing) {
                        --delta.inProgress;
                        ++delta.postponed;
                    }
                    break;
                }
                if (before == TargetState::Postponed) {
                    --delta.postponed;
                    ++delta.inProgress;
                }
                if (fate.fails && fate.phase == UpdatePhase::Install) {
                    outcome = UpdateOutcome::Failed;
                    reason = fate.reason;
                    break;
                }
                t.state = TargetState::Rebooting;
                deviceState = UpdateState::Rebooting;
                next = time + random(RebootSalt, 45, 240);
                break;
            case TargetState::Rebooting:
                phase = UpdatePhase::Reboot;
                if (fate.fails && fate.phase == UpdatePhase::Reboot) {
                    outcome = UpdateOutcome::RolledBack;
                    reason = fate.reason;
                    break;
                }
                outcome = UpdateOutcome::Succeeded;
                break;
            default:
                continue;
            }

            // A device that had verified the update no longer waits once its update ends.
            const bool wasVerified = before == TargetState::Installing
                || before == TargetState::Postponed || before == TargetState::Rebooting;
            switch (outcome) {
            case UpdateOutcome::Failed:
                t.state = TargetState::Failed;
                deviceState = UpdateState::Failed;
                --delta.inProgress;
                ++delta.failed;
                ++report.failed;
                break;
            case UpdateOutcome::RolledBack:
                t.state = TargetState::RolledBack;
                deviceState = UpdateState::RolledBack;
                --delta.inProgress;
                ++delta.failed;
                ++delta.rolledBack;
                ++report.failed;
                break;
            case UpdateOutcome::Succeeded:
                t.state = TargetState::Succeeded;
                --delta.inProgress;
                ++delta.succeeded;
                ++report.succeeded;
                break;
            default:
                break;
            }
            if (wasVerified && isTerminal(t.state))
                --delta.verified;

            EventRecord &event = m_event;
            event.device = t.device;
            event.rollout = rolloutId;
            event.wave = t.wave;
            event.phase = phase;
            event.outcome = outcome;
            event.reason = reason;
            event.model = t.model;
            event.region = t.region;
            event.fromVersion = fromVersion;
            event.toVersion = run.toVersion;
            event.time = time;
            if (const Status ok = m_events.append(event); !ok)
                return ok.error();
            ++report.events;

            // The target's and the device's rows are written once per transaction (flush()),
            // however many phases the device went through in it.
            t.lastEvent = time;
            t.deviceState = quint8(deviceState);
            if (!t.dirty) {
                t.dirty = true;
                run.dirty.push_back(index);
            }
            const bool terminal = isTerminal(t.state);
            if (!terminal)
                run.push(index, next);
        }
        for (std::size_t wave = 0; wave < run.deltas.size(); ++wave) {
            Run::Delta &d = run.deltas[wave];
            if (!d.any())
                continue;
            PreparedStatement &counts = *m_waveCounts;
            counts.bind(0, d.pending);
            counts.bind(1, d.inProgress);
            counts.bind(2, d.verified);
            counts.bind(3, d.postponed);
            counts.bind(4, d.succeeded);
            counts.bind(5, d.failed);
            counts.bind(6, d.rolledBack);
            counts.bind(7, rolloutId);
            counts.bind(8, qint64(wave + 1));
            if (const Status ok = counts.exec(); !ok)
                return ok.error();
            d = {};
        }
    }
    // Runs with nothing left to play are done, once their last rows are written.
    for (auto &run : m_runs) {
        if (finished(*run)) {
            if (const Status ok = writeChanged(*run); !ok)
                return ok.error();
        }
    }
    m_runs.erase(std::remove_if(m_runs.begin(), m_runs.end(),
                                [this](const auto &run) { return finished(*run); }),
                 m_runs.end());
    return report;
}

bool FleetSimulator::finished(const Run &run) const
{
    return run.due.empty()
        && (run.state == RolloutState::Completed || run.state == RolloutState::Cancelled
            || std::all_of(run.targets.begin(), run.targets.end(),
                           [](const Target &t) { return isTerminal(t.state); }));
}

Status FleetSimulator::flush()
{
    for (auto &run : m_runs) {
        if (const Status ok = writeChanged(*run); !ok)
            return ok;
    }
    if (!m_eventsOpen)
        return Done{};
    m_eventsOpen = false;
    return m_events.finish();
}

} // namespace Patchboard
