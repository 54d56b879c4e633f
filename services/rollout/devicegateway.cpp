// SPDX-License-Identifier: Apache-2.0
#include "devicegateway.h"
#include "rolloutjson.h"

#include "audit/auditlog.h"
#include "auth/permissions.h"
#include "crypto/sha256.h"
#include "domain/device.h"
#include "firmware/firmwaresql.h"
#include "firmware/releasebundle.h"
#include "storage/database.h"
#include "storage/epochday.h"
#include "storage/preparedstatement.h"
#include "telemetry/eventwriter.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QHash>
#include <QJsonDocument>
#include <QMutex>
#include <QPromise>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <QWaitCondition>

#include <openssl/rand.h>

#include <algorithm>
#include <cstring>
#include <deque>
#include <functional>
#include <map>

namespace Patchboard {

namespace {

// The translation context of this file's messages. Call Tr::tr() everywhere, also in free
// functions and lambdas: lupdate takes the context from Q_DECLARE_TR_FUNCTIONS, so the context
// it extracts is the one looked up at run time (for a plain tr() it uses the enclosing scope).
class Tr
{
    Q_DECLARE_TR_FUNCTIONS(Patchboard::DeviceGateway)
};

// How long the worker trusts what it read about running rollouts and started waves. The engine
// changes them on another connection; an offer may follow a wave start (or a halt) this late.
constexpr qint64 rolloutRefreshMs = 50;
// A batch closes at this many jobs even inside GroupCommitMs.
constexpr std::size_t maxBatch = 512;
constexpr int tokenRefreshMs = 10000;
constexpr int changedThrottleMs = 500;
// The key of the PostgreSQL advisory lock the gateways of all instances write under.
constexpr qint64 gatewayWriteLock = 0x7062677720L; // "pbgw "

ServiceError notOpen()
{
    return ServiceError::make(ServiceError::Code::StorageUnavailable,
                              Tr::tr("The device gateway is not open."),
                              Tr::tr("Try again in a moment."));
}

ServiceError noOffer(qint64 device, qint64 rolloutId)
{
    // SSU: a device reports only for itself and only about an update it was offered.
    return ServiceError::make(
        ServiceError::Code::PermissionDenied,
        Tr::tr("Device %1 was not offered an update by rollout %2.").arg(device).arg(rolloutId),
        Tr::tr("Check in first, and report only for the offer you got."));
}

QByteArray tokenText()
{
    unsigned char bytes[DeviceGateway::TokenBytes];
    if (RAND_bytes(bytes, sizeof bytes) != 1)
        return {};
    return QByteArray(reinterpret_cast<const char *>(bytes), sizeof bytes)
        .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

// The stage of an update a target state waits for: the phase of the next report (5: done).
int stageOf(TargetState state)
{
    switch (state) {
    case TargetState::Offered:
    case TargetState::Downloading:
        return int(UpdatePhase::Download);
    case TargetState::Verifying:
        return int(UpdatePhase::Verify);
    case TargetState::Installing:
    case TargetState::Postponed:
        return int(UpdatePhase::Install);
    case TargetState::Rebooting:
        return int(UpdatePhase::Reboot);
    default:
        return UpdatePhaseCount;
    }
}

UpdateState deviceStateOf(TargetState state)
{
    switch (state) {
    case TargetState::Offered:
        return UpdateState::Offered;
    case TargetState::Downloading:
        return UpdateState::Downloading;
    case TargetState::Verifying:
        return UpdateState::Verifying;
    case TargetState::Installing:
        return UpdateState::Installing;
    case TargetState::Rebooting:
        return UpdateState::Rebooting;
    case TargetState::Postponed:
        return UpdateState::Postponed;
    case TargetState::Failed:
        return UpdateState::Failed;
    case TargetState::RolledBack:
        return UpdateState::RolledBack;
    default:
        return UpdateState::Idle;
    }
}

// Which outcomes a phase can have, and which need a reason.
std::optional<ServiceError> reportProblem(const DeviceReport &report)
{
    auto bad = [](const QString &message) {
        return ServiceError::make(ServiceError::Code::InvalidArgument, message,
                                  Tr::tr("Report download, verify, install or reboot with an "
                                         "outcome that phase can have."));
    };
    if (report.rolloutId <= 0)
        return bad(Tr::tr("The report names no rollout."));
    const UpdateOutcome o = report.outcome;
    switch (report.phase) {
    case UpdatePhase::Offer:
        return bad(Tr::tr("Offers are made by the server; a device does not report them."));
    case UpdatePhase::Download:
    case UpdatePhase::Verify:
        if (o != UpdateOutcome::Ok && o != UpdateOutcome::Failed)
            return bad(Tr::tr("A download or verification is ok or failed."));
        break;
    case UpdatePhase::Install:
        if (o != UpdateOutcome::Ok && o != UpdateOutcome::Failed && o != UpdateOutcome::Postponed)
            return bad(Tr::tr("An installation is ok, failed or postponed."));
        break;
    case UpdatePhase::Reboot:
        if (o != UpdateOutcome::Succeeded && o != UpdateOutcome::Failed
            && o != UpdateOutcome::RolledBack)
            return bad(Tr::tr("A reboot ends the update: succeeded, failed or rolled-back."));
        break;
    }
    const bool needsReason = o == UpdateOutcome::Failed || o == UpdateOutcome::RolledBack
        || o == UpdateOutcome::Postponed;
    if (needsReason && report.reason == FailureReason::None)
        return bad(Tr::tr("A %1 outcome needs a reason.").arg(updateOutcomeCode(o)));
    if (!needsReason && report.reason != FailureReason::None)
        return bad(Tr::tr("A %1 outcome has no reason.").arg(updateOutcomeCode(o)));
    if (report.attempt < 0 || report.attempt > 1000)
        return bad(Tr::tr("The attempt number %1 is out of range.").arg(report.attempt));
    return std::nullopt;
}

} // namespace

// Equality of the protocol's value types (the JSON round trip is tested with it).
bool DeviceCheckIn::operator==(const DeviceCheckIn &o) const
{
    return firmwareVersion == o.firmwareVersion && sequence == o.sequence
        && patchLevel == o.patchLevel;
}

bool DeviceOffer::operator==(const DeviceOffer &o) const
{
    return rolloutId == o.rolloutId && wave == o.wave && releaseId == o.releaseId
        && version == o.version && sequence == o.sequence && patchLevel == o.patchLevel
        && manifestUrl == o.manifestUrl && imageUrl == o.imageUrl && imageName == o.imageName
        && imageDigest == o.imageDigest && imageSize == o.imageSize && window == o.window
        && deadline == o.deadline && state == o.state && installAttempts == o.installAttempts;
}

bool DeviceCheckInAnswer::operator==(const DeviceCheckInAnswer &o) const
{
    return offer == o.offer && serverTime == o.serverTime;
}

bool DeviceReport::operator==(const DeviceReport &o) const
{
    return rolloutId == o.rolloutId && phase == o.phase && outcome == o.outcome
        && reason == o.reason && attempt == o.attempt;
}

bool DeviceReportAnswer::operator==(const DeviceReportAnswer &o) const
{
    return state == o.state && duplicate == o.duplicate;
}

bool DeviceCredentialRequest::operator==(const DeviceCredentialRequest &o) const
{
    return devices == o.devices && first == o.first;
}

bool DeviceCredential::operator==(const DeviceCredential &o) const
{
    return deviceId == o.deviceId && serial == o.serial && modelId == o.modelId && model == o.model
        && timeZone == o.timeZone && firmwareVersion == o.firmwareVersion && sequence == o.sequence
        && patchLevel == o.patchLevel && token == o.token;
}

// The worker ----------------------------------------------------------------------------------

struct DeviceGateway::Job
{
    bool writes = false;
    std::function<void(Worker &)> execute;
    // After the job's transaction: error is the batch's failure (everything rolled back), or null.
    std::function<void(const ServiceError *error)> complete;
};

struct DeviceGateway::Worker
{
    QString databasePath;
    QString storeDirectory;
    Database database;
    std::unique_ptr<QThread> thread;
    std::function<void()> committed; // called on the worker thread after a batch with writes

    QMutex mutex;
    QWaitCondition wake;
    std::deque<Job> jobs;
    bool stopping = false;
    bool open = false;

    // The batch in progress.
    EventWriter events;
    bool eventsStarted = false; // in this batch (a batch of check-ins writes no events)
    bool wrote = false; // the current job wrote something
    std::optional<ServiceError> batchError;
    struct Delta
    {
        qint64 pending = 0, inProgress = 0, verified = 0, postponed = 0, succeeded = 0, failed = 0,
               rolledBack = 0;
    };
    std::map<std::pair<qint64, int>, Delta> deltas;

    // What does not change while a rollout exists: its release, plan and files.
    struct Rollout
    {
        qint64 releaseId = 0;
        QString version;
        QByteArray versionUtf8;
        qint64 sequence = 0;
        qint64 patchLevelDay = 0;
        MaintenanceWindow window;
        QDateTime deadline;
        QString storePath;
        QString imageName;
        QByteArray imageDigest;
        qint64 imageSize = 0;
        QSet<QString> imageNames;
        QHash<int, qint64> firmwareOfModel;
    };
    QHash<qint64, std::shared_ptr<Rollout>> rollouts;
    QSet<std::pair<qint64, int>> startedWaves; // of running rollouts
    QElapsedTimer refreshed;

    std::optional<PreparedStatement> activeTarget;
    std::optional<PreparedStatement> targetOf;
    std::optional<PreparedStatement> updateTarget;
    std::optional<PreparedStatement> deviceState;
    std::optional<PreparedStatement> deviceUpdated;
    std::optional<PreparedStatement> waveCounts;
    std::optional<PreparedStatement> waveOpen;
    bool inTransaction = false; // this batch began its transaction
    bool writeLocked = false; // this batch holds the gateways' write lock (see lockWrites)

    struct Target
    {
        qint64 rollout = 0;
        int wave = 0;
        TargetState state = TargetState::Pending;
        int attempts = 0;
        int model = 0;
        int region = 0;
        qint64 firmware = 0;
        QByteArray firmwareVersion;
        qint64 firmwareSequence = 0;
    };

    // --- the thread ---------------------------------------------------------------------------

    bool enqueue(const Job &job)
    {
        QMutexLocker lock(&mutex);
        if (stopping || !open)
            return false;
        jobs.push_back(job);
        wake.wakeOne();
        return true;
    }

    void loop()
    {
        for (;;) {
            std::deque<Job> batch;
            {
                QMutexLocker lock(&mutex);
                while (jobs.empty() && !stopping)
                    wake.wait(&mutex);
                if (jobs.empty() && stopping)
                    break;
                batch.swap(jobs);
                // Group commit: reports wait a little for company, so that one transaction
                // (one WAL commit) carries many.
                const bool writes = std::any_of(batch.begin(), batch.end(),
                                                [](const Job &j) { return j.writes; });
                if (writes) {
                    QDeadlineTimer deadline(DeviceGateway::GroupCommitMs);
                    while (!stopping && batch.size() + jobs.size() < maxBatch
                           && wake.wait(&mutex, deadline)) { }
                    for (Job &job : jobs)
                        batch.push_back(std::move(job));
                    jobs.clear();
                }
            }
            runBatch(batch);
        }
        activeTarget.reset();
        targetOf.reset();
        updateTarget.reset();
        deviceState.reset();
        deviceUpdated.reset();
        waveCounts.reset();
        waveOpen.reset();
        database = Database();
    }

    Status prepare()
    {
        const QString what = Tr::tr("prepare the device gateway");
        const std::pair<std::optional<PreparedStatement> *, const char *> statements[] = {
            {&activeTarget,
             "SELECT t.rollout_id, t.wave, t.state, t.attempts, d.model_id, d.region_id, "
             "d.firmware_id, f.version, f.sequence FROM rollout_targets t JOIN devices d ON d.id = "
             "t.device_id JOIN firmware_versions f ON f.id = d.firmware_id WHERE t.device_id = ? "
             "AND t.active = 1"},
            {&targetOf,
             "SELECT t.rollout_id, t.wave, t.state, t.attempts, d.model_id, d.region_id, "
             "d.firmware_id, f.version, f.sequence FROM rollout_targets t JOIN devices d ON d.id = "
             "t.device_id JOIN firmware_versions f ON f.id = d.firmware_id WHERE t.rollout_id = ? "
             "AND t.device_id = ?"},
            {&updateTarget,
             "UPDATE rollout_targets SET state = ?, next_time = ?, attempts = ?, active = ? "
             "WHERE rollout_id = ? AND device_id = ?"},
            {&deviceState, "UPDATE devices SET update_state = ?, last_checkin = ? WHERE id = ?"},
            {&deviceUpdated,
             "UPDATE devices SET firmware_id = ?, patch_level = ?, patch_applied = ?, "
             "update_state = 0, last_checkin = ? WHERE id = ?"},
            {&waveCounts,
             "UPDATE rollout_waves SET pending = pending + ?, in_progress = in_progress + ?, "
             "verified = verified + ?, postponed = postponed + ?, succeeded = succeeded + ?, "
             "failed = failed + ?, rolled_back = rolled_back + ? WHERE rollout_id = ? AND number = "
             "?"},
            // Read inside the batch's transaction before an offer. SQLite's write lock (BEGIN
            // IMMEDIATE) keeps the engine out until the commit; on PostgreSQL FOR SHARE makes a
            // halt wait for the offer's commit, or the offer see the halt.
            {&waveOpen,
             "SELECT 1 FROM rollouts r JOIN rollout_waves w ON w.rollout_id = r.id WHERE r.id = ? "
             "AND w.number = ? AND r.state = 'running' AND w.started IS NOT NULL"},
        };
        for (const auto &[slot, sql] : statements) {
            QString text = QString::fromLatin1(sql);
            if (slot == &waveOpen && !database.dialect().isSQLite())
                text += QStringLiteral(" FOR SHARE OF r");
            auto prepared = PreparedStatement::prepare(database, text, what);
            if (!prepared)
                return prepared.error();
            slot->emplace(std::move(prepared).value());
        }
        return Done{};
    }

    void runBatch(std::deque<Job> &batch)
    {
        QSqlDatabase db = database.connection();
        QSqlQuery q(db);
        const bool sqlite = db.driverName() == QLatin1String("QSQLITE");
        // SQLite: BEGIN IMMEDIATE, the write lock first (a check-in may turn into an offer). A
        // deferred transaction that reads and then writes fails whenever another connection
        // (the engine, an operator) committed in between. PostgreSQL: the transaction begins
        // with the batch's first write (lockWrites); until then each read is its own, which
        // under READ COMMITTED sees what a transaction's read would, without the BEGIN and
        // COMMIT round trips that a batch of check-ins would otherwise pay.
        if (sqlite && !q.exec(QStringLiteral("BEGIN IMMEDIATE"))) {
            const ServiceError error = database.error(q.lastError(), Tr::tr("start a transaction"));
            for (Job &job : batch)
                job.complete(&error);
            return;
        }
        inTransaction = sqlite;
        batchError.reset();
        deltas.clear();
        eventsStarted = false;
        writeLocked = sqlite; // BEGIN IMMEDIATE took SQLite's one write lock
        if (!refreshed.isValid() || refreshed.elapsed() >= rolloutRefreshMs) {
            if (const Status ok = refreshRollouts(); !ok)
                batchError = ok.error();
        }
        std::vector<Job *> written;
        for (Job &job : batch) {
            if (batchError) {
                written.push_back(&job);
                continue;
            }
            wrote = false;
            job.execute(*this);
            // Reads are answered at once; writes once their transaction is committed.
            if (wrote || batchError)
                written.push_back(&job);
            else
                job.complete(nullptr);
        }
        if (!batchError && !written.empty()) {
            if (const Status ok = flushDeltas(); !ok)
                batchError = ok.error();
            else if (eventsStarted) {
                if (const Status finished = events.finish(); !finished)
                    batchError = finished.error();
            }
        }
        if (!batchError && inTransaction && !db.commit())
            batchError = database.error(db.lastError(), Tr::tr("record the devices' reports"));
        if (batchError) {
            if (inTransaction)
                db.rollback();
            // What was read about rollouts may have been part of the rolled-back batch, and so
            // may the devices' newest events the event writer remembers.
            refreshed.invalidate();
            events.forget();
            // The device retries: the report was not recorded.
            ServiceError error = *batchError;
            error.code = ServiceError::Code::StorageUnavailable;
            for (Job *job : written)
                job->complete(&error);
            return;
        }
        for (Job *job : written)
            job->complete(nullptr);
        if (!written.empty() && committed)
            committed();
    }

    // --- rollouts -----------------------------------------------------------------------------

    Status refreshRollouts()
    {
        QSqlQuery q(database.connection());
        q.setForwardOnly(true);
        if (!q.exec(QStringLiteral("SELECT w.rollout_id, w.number FROM rollout_waves w JOIN "
                                   "rollouts r ON r.id = w.rollout_id WHERE r.state = 'running' "
                                   "AND w.started IS NOT NULL")))
            return database.error(q.lastError(), Tr::tr("read the running rollouts"));
        startedWaves.clear();
        while (q.next())
            startedWaves.insert({q.value(0).toLongLong(), q.value(1).toInt()});
        refreshed.start();
        return Done{};
    }

    Result<bool> waveStillOpen(qint64 rolloutId, int wave)
    {
        waveOpen->bind(0, rolloutId);
        waveOpen->bind(1, wave);
        if (const Status ok = waveOpen->start(); !ok)
            return ok.error();
        const bool open = waveOpen->next();
        if (const Status ok = waveOpen->finishRows(); !ok)
            return ok.error();
        return open;
    }

    Result<std::shared_ptr<Rollout>> rollout(qint64 id)
    {
        if (const auto found = rollouts.constFind(id); found != rollouts.constEnd())
            return *found;
        auto r = std::make_shared<Rollout>();
        const QString what = Tr::tr("read the rollout's release");
        QSqlQuery q(database.connection());
        q.setForwardOnly(true);
        if (const Status ok = FirmwareSql::exec(
                database, q,
                QStringLiteral("SELECT r.release_id, r.plan, r.deadline, v.version, v.sequence, "
                               "coalesce(v.patch_level, 0), v.store_path FROM rollouts r JOIN "
                               "releases v ON v.id = r.release_id WHERE r.id = ?"),
                {id}, what);
            !ok)
            return ok.error();
        if (!q.next())
            return ServiceError::make(ServiceError::Code::NotFound,
                                      Tr::tr("There is no rollout %1.").arg(id));
        r->releaseId = q.value(0).toLongLong();
        if (const auto plan
            = RolloutJson::planFromJson(QJsonDocument::fromJson(q.value(1).toByteArray()).object());
            plan.ok())
            r->window = plan.value().window;
        r->deadline = FirmwareSql::fromSeconds(q.value(2));
        r->version = q.value(3).toString();
        r->versionUtf8 = r->version.toUtf8();
        r->sequence = q.value(4).toLongLong();
        r->patchLevelDay = q.value(5).toLongLong();
        r->storePath = q.value(6).toString();
        q.finish();
        if (const Status ok = FirmwareSql::exec(
                database, q,
                QStringLiteral("SELECT name, digest, size FROM release_images WHERE release_id = ? "
                               "ORDER BY position"),
                {r->releaseId}, what);
            !ok)
            return ok.error();
        while (q.next()) {
            const QString name = q.value(0).toString();
            if (name == ReleaseBundle::notesFile())
                continue; // the notes are part of the manifest's story, not an image
            r->imageNames.insert(name);
            if (r->imageName.isEmpty()) {
                r->imageName = name;
                r->imageDigest = QByteArray::fromHex(q.value(1).toString().toLatin1());
                r->imageSize = q.value(2).toLongLong();
            }
        }
        q.finish();
        if (const Status ok = FirmwareSql::exec(
                database, q,
                QStringLiteral("SELECT id, model_id FROM firmware_versions WHERE sequence = ?"),
                {r->sequence}, what);
            !ok)
            return ok.error();
        while (q.next())
            r->firmwareOfModel.insert(q.value(1).toInt(), q.value(0).toLongLong());
        rollouts.insert(id, r);
        return r;
    }

    // --- targets ------------------------------------------------------------------------------

    Result<std::optional<Target>> readTarget(PreparedStatement &statement)
    {
        std::optional<Target> found;
        if (const Status ok = statement.start(); !ok)
            return ok.error();
        if (statement.next()) {
            Target t;
            t.rollout = statement.integer(0);
            t.wave = int(statement.integer(1));
            t.state = TargetState(statement.integer(2));
            t.attempts = int(statement.integer(3));
            t.model = int(statement.integer(4));
            t.region = int(statement.integer(5));
            t.firmware = statement.integer(6);
            t.firmwareVersion = statement.text(7).toUtf8();
            t.firmwareSequence = statement.integer(8);
            found = t;
        }
        if (const Status ok = statement.finishRows(); !ok)
            return ok.error();
        return found;
    }

    // PostgreSQL: the gateways of all server instances write one at a time, as on SQLite. The
    // EventWriter numbers events after the newest one and chains each device's events, which
    // needs the table to itself until the commit. Taken before the batch locks any row (first
    // thing in a write), so that two instances never wait for each other in opposite orders;
    // the engine never takes it.
    Status lockWrites()
    {
        if (writeLocked)
            return Done{};
        QSqlDatabase db = database.connection();
        if (!inTransaction) {
            if (!db.transaction())
                return database.error(db.lastError(), Tr::tr("start a transaction"));
            inTransaction = true;
        }
        QSqlQuery q(db);
        if (!q.exec(QStringLiteral("SELECT pg_advisory_xact_lock(%1)").arg(gatewayWriteLock)))
            return database.error(q.lastError(), Tr::tr("wait for the other server instances"));
        writeLocked = true;
        return Done{};
    }

    // Records a device's step: its target and device rows, the event, the wave's counters.
    Status record(qint64 device, const Target &before, const Rollout &rollout, TargetState to,
                  int attempts, UpdatePhase phase, UpdateOutcome outcome, FailureReason reason,
                  qint64 now)
    {
        wrote = true;
        if (const Status ok = lockWrites(); !ok)
            return ok;
        if (!eventsStarted) {
            if (const Status ok = events.start(database); !ok)
                return ok;
            eventsStarted = true;
        }
        const bool terminal = isTerminal(to);
        PreparedStatement &target = *updateTarget;
        target.bind(0, qint64(to));
        target.bind(1, now);
        target.bind(2, qint64(attempts));
        target.bind(3, terminal ? 0 : 1);
        target.bind(4, before.rollout);
        target.bind(5, device);
        if (const Status ok = target.exec(); !ok)
            return ok;
        PreparedStatement *row = nullptr;
        if (to == TargetState::Succeeded) {
            row = &*deviceUpdated;
            row->bind(0, rollout.firmwareOfModel.value(before.model, before.firmware));
            row->bind(1, rollout.patchLevelDay);
            row->bind(2, now / 86400);
            row->bind(3, now);
            row->bind(4, device);
        } else {
            row = &*deviceState;
            row->bind(0, qint64(deviceStateOf(to)));
            row->bind(1, now);
            row->bind(2, device);
        }
        if (const Status ok = row->exec(); !ok)
            return ok;
        EventRecord event;
        event.device = device;
        event.rollout = before.rollout;
        event.wave = before.wave;
        event.phase = phase;
        event.outcome = outcome;
        event.reason = reason;
        event.model = before.model;
        event.region = before.region;
        event.fromVersion = before.firmwareVersion;
        event.toVersion = rollout.versionUtf8;
        event.time = now;
        return events.append(event);
    }

    Status flushDeltas()
    {
        PreparedStatement &counts = *waveCounts;
        for (const auto &[key, d] : deltas) {
            counts.bind(0, d.pending);
            counts.bind(1, d.inProgress);
            counts.bind(2, d.verified);
            counts.bind(3, d.postponed);
            counts.bind(4, d.succeeded);
            counts.bind(5, d.failed);
            counts.bind(6, d.rolledBack);
            counts.bind(7, key.first);
            counts.bind(8, qint64(key.second));
            if (const Status ok = counts.exec(); !ok)
                return ok;
        }
        deltas.clear();
        return Done{};
    }

    // A storage failure spoils the batch; the job answers with it too.
    template<typename T> Result<T> storage(const ServiceError &error)
    {
        batchError = error;
        return error;
    }

    DeviceOffer offerOf(const Rollout &rollout, const Target &t, TargetState state) const
    {
        DeviceOffer offer;
        offer.rolloutId = t.rollout;
        offer.wave = t.wave;
        offer.releaseId = rollout.releaseId;
        offer.version = rollout.version;
        offer.sequence = rollout.sequence;
        offer.patchLevel
            = rollout.patchLevelDay > 0 ? EpochDay::toDate(rollout.patchLevelDay) : QDate();
        const QString base = QStringLiteral("/api/v1/device/offers/%1/").arg(t.rollout);
        offer.manifestUrl = base + QStringLiteral("manifest");
        offer.imageUrl = base + QStringLiteral("image");
        offer.imageName = rollout.imageName;
        offer.imageDigest = rollout.imageDigest;
        offer.imageSize = rollout.imageSize;
        offer.window = rollout.window;
        offer.deadline = rollout.deadline;
        offer.state = state;
        offer.installAttempts = t.attempts;
        return offer;
    }

    // --- the device API -----------------------------------------------------------------------

    Result<DeviceCheckInAnswer> checkIn(qint64 device, const DeviceCheckIn &checkIn)
    {
        DeviceCheckInAnswer answer;
        const QDateTime nowTime = QDateTime::currentDateTimeUtc();
        const qint64 now = nowTime.toSecsSinceEpoch();
        answer.serverTime = nowTime;
        activeTarget->bind(0, device);
        Result<std::optional<Target>> found = readTarget(*activeTarget);
        if (!found)
            return storage<DeviceCheckInAnswer>(found.error());
        if (!found.value())
            return answer;
        const Target &t = *found.value();
        if (t.state != TargetState::Pending && !isInProgress(t.state))
            return answer;
        Result<std::shared_ptr<Rollout>> info = rollout(t.rollout);
        if (!info)
            return storage<DeviceCheckInAnswer>(info.error());
        const Rollout &r = *info.value();
        // SESIP 5.5.6 anti-rollback: never offer a build at or below the one the device runs,
        // whichever of its report and our record is newer.
        if (r.sequence <= std::max(checkIn.sequence, t.firmwareSequence))
            return answer;
        TargetState state = t.state;
        if (state == TargetState::Pending) {
            // Offers only while the rollout runs, in a wave the engine started, before the
            // deadline (after it the engine expires the device).
            if (!startedWaves.contains({t.rollout, t.wave}))
                return answer;
            if (r.deadline.isValid() && now > r.deadline.toSecsSinceEpoch())
                return answer;
            // The set above may be up to rolloutRefreshMs old: an offer (once per device and
            // rollout) checks again, so that none follows a halt, a pause or a cancel.
            if (const Status ok = lockWrites(); !ok)
                return storage<DeviceCheckInAnswer>(ok.error());
            Result<bool> open = waveStillOpen(t.rollout, t.wave);
            if (!open)
                return storage<DeviceCheckInAnswer>(open.error());
            if (!open.value())
                return answer;
            state = TargetState::Offered;
            if (const Status ok = record(device, t, r, state, t.attempts, UpdatePhase::Offer,
                                         UpdateOutcome::Ok, FailureReason::None, now);
                !ok)
                return storage<DeviceCheckInAnswer>(ok.error());
            Delta &d = deltas[{t.rollout, t.wave}];
            --d.pending;
            ++d.inProgress;
        }
        // A device that asks again while updating gets its offer again (it may have lost it).
        answer.offer = offerOf(r, t, state);
        return answer;
    }

    Result<DeviceDownload> download(qint64 device, qint64 rolloutId, const QString &imageName,
                                    bool manifest)
    {
        targetOf->bind(0, rolloutId);
        targetOf->bind(1, device);
        Result<std::optional<Target>> found = readTarget(*targetOf);
        if (!found)
            return storage<DeviceDownload>(found.error());
        if (!found.value() || !isInProgress(found.value()->state))
            return noOffer(device, rolloutId);
        Result<std::shared_ptr<Rollout>> info = rollout(rolloutId);
        if (!info)
            return storage<DeviceDownload>(info.error());
        const Rollout &r = *info.value();
        DeviceDownload file;
        if (manifest) {
            file.path = QDir(r.storePath).filePath(ReleaseBundle::manifestFile());
            file.contentType = "application/suit-envelope+cose";
        } else {
            const QString name = imageName.isEmpty() ? r.imageName : imageName;
            // Only names the release lists, each one path segment (no traversal).
            if (name.isEmpty() || !r.imageNames.contains(name)
                || !ReleaseBundle::imageNameProblem(name).isEmpty())
                return ServiceError::make(
                    ServiceError::Code::NotFound,
                    Tr::tr("Release %1 has no image '%2'.").arg(r.version, name));
            file.path
                = QDir(r.storePath).filePath(ReleaseBundle::imagesDir() + QLatin1Char('/') + name);
            file.contentType = "application/octet-stream";
        }
        if (r.storePath.isEmpty() || !QFileInfo(file.path).isFile())
            return ServiceError::make(
                ServiceError::Code::NotFound,
                Tr::tr("The files of release %1 are missing on the server.").arg(r.version),
                Tr::tr("Ask the operator to import the release again."));
        return file;
    }

    Result<DeviceReportAnswer> report(qint64 device, const DeviceReport &report)
    {
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        targetOf->bind(0, report.rolloutId);
        targetOf->bind(1, device);
        Result<std::optional<Target>> found = readTarget(*targetOf);
        if (!found)
            return storage<DeviceReportAnswer>(found.error());
        if (!found.value())
            return noOffer(device, report.rolloutId);
        const Target &t = *found.value();
        if (t.state == TargetState::Pending || t.state == TargetState::Cancelled
            || t.state == TargetState::Expired)
            return noOffer(device, report.rolloutId);

        DeviceReportAnswer answer;
        answer.state = t.state;
        const int stage = stageOf(t.state);
        const int phase = int(report.phase);
        // Devices repeat a report when its answer was lost: a phase already recorded is
        // acknowledged again and changes nothing.
        if (phase < stage
            || (phase == stage && report.phase == UpdatePhase::Install
                && report.outcome == UpdateOutcome::Postponed && report.attempt < t.attempts)) {
            answer.duplicate = true;
            return answer;
        }
        if (phase > stage) {
            return ServiceError::make(
                ServiceError::Code::InvalidArgument,
                Tr::tr("The report of the %1 phase comes out of order: the server waits for the "
                       "%2 phase of this update.")
                    .arg(updatePhaseCode(report.phase),
                         updatePhaseCode(UpdatePhase(std::min(stage, UpdatePhaseCount - 1)))),
                Tr::tr("Report the phases in order: download, verify, install, reboot."));
        }
        Result<std::shared_ptr<Rollout>> info = rollout(t.rollout);
        if (!info)
            return storage<DeviceReportAnswer>(info.error());

        // The same transitions and counters as the in-process simulator (FleetSimulator::run).
        Delta &d = deltas[{t.rollout, t.wave}];
        const TargetState before = t.state;
        TargetState to = before;
        int attempts = t.attempts;
        switch (report.phase) {
        case UpdatePhase::Download:
            to = TargetState::Verifying;
            break;
        case UpdatePhase::Verify:
            to = TargetState::Installing;
            if (report.outcome == UpdateOutcome::Ok)
                ++d.verified;
            break;
        case UpdatePhase::Install:
            if (report.outcome == UpdateOutcome::Postponed) {
                to = TargetState::Postponed;
                ++attempts;
                if (before == TargetState::Installing) {
                    --d.inProgress;
                    ++d.postponed;
                }
                break;
            }
            if (before == TargetState::Postponed) {
                --d.postponed;
                ++d.inProgress;
            }
            to = TargetState::Rebooting;
            break;
        default:
            to = TargetState::Succeeded;
            break;
        }
        const bool wasVerified = before == TargetState::Installing
            || before == TargetState::Postponed || before == TargetState::Rebooting;
        switch (report.outcome) {
        case UpdateOutcome::Failed:
            to = TargetState::Failed;
            --d.inProgress;
            ++d.failed;
            break;
        case UpdateOutcome::RolledBack:
            to = TargetState::RolledBack;
            --d.inProgress;
            ++d.failed;
            ++d.rolledBack;
            break;
        case UpdateOutcome::Succeeded:
            to = TargetState::Succeeded;
            --d.inProgress;
            ++d.succeeded;
            break;
        default:
            break;
        }
        if (wasVerified && isTerminal(to))
            --d.verified;
        if (const Status ok = record(device, t, *info.value(), to, attempts, report.phase,
                                     report.outcome, report.reason, now);
            !ok)
            return storage<DeviceReportAnswer>(ok.error());
        answer.state = to;
        return answer;
    }

    Result<QList<DeviceCredential>> issue(const Operator &who,
                                          const DeviceCredentialRequest &request)
    {
        if (const Status allowed = Permissions::check(who, Permission::ImportDevices); !allowed)
            return allowed.error();
        const QString what = Tr::tr("issue device credentials");
        QSqlQuery q(database.connection());
        q.setForwardOnly(true);
        const QString select = QStringLiteral(
            "SELECT d.id, d.device_id, d.model_id, m.name, g.time_zone, f.version, f.sequence, "
            "d.patch_level FROM devices d JOIN device_models m ON m.id = d.model_id JOIN regions "
            "g ON g.id = d.region_id JOIN firmware_versions f ON f.id = d.firmware_id ");
        QVariantList values;
        QString sql;
        if (request.first > 0) {
            sql = select + QStringLiteral("ORDER BY d.id LIMIT ?");
            values << request.first;
        } else {
            sql = select
                + QStringLiteral("WHERE d.id IN (%1) ORDER BY d.id")
                      .arg(FirmwareSql::placeholders(request.devices.size()));
            for (qint64 id : request.devices)
                values << id;
        }
        if (const Status ok = FirmwareSql::exec(database, q, sql, values, what); !ok)
            return storage<QList<DeviceCredential>>(ok.error());
        QList<DeviceCredential> credentials;
        while (q.next()) {
            DeviceCredential c;
            c.deviceId = q.value(0).toLongLong();
            c.serial = q.value(1).toString();
            c.modelId = q.value(2).toInt();
            c.model = q.value(3).toString();
            c.timeZone = q.value(4).toString();
            c.firmwareVersion = q.value(5).toString();
            c.sequence = q.value(6).toLongLong();
            c.patchLevel = EpochDay::toDate(q.value(7).toLongLong());
            credentials.append(c);
        }
        q.finish();
        if (request.first <= 0) {
            QSet<qint64> known;
            for (const DeviceCredential &c : std::as_const(credentials))
                known.insert(c.deviceId);
            for (qint64 id : request.devices) {
                if (!known.contains(id))
                    return ServiceError::make(
                        ServiceError::Code::NotFound, Tr::tr("There is no device %1.").arg(id),
                        Tr::tr("Issue credentials for devices of the fleet."));
            }
        }
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        if (const Status ok = lockWrites(); !ok)
            return storage<QList<DeviceCredential>>(ok.error());
        if (!q.prepare(QStringLiteral("INSERT INTO device_credentials (device_id, token_hash, "
                                      "created) VALUES (?, ?, ?) ON CONFLICT (device_id) DO "
                                      "UPDATE SET token_hash = excluded.token_hash, created = "
                                      "excluded.created")))
            return storage<QList<DeviceCredential>>(database.error(q.lastError(), what));
        for (DeviceCredential &c : credentials) {
            c.token = tokenText();
            if (c.token.isEmpty())
                return storage<QList<DeviceCredential>>(ServiceError::make(
                    ServiceError::Code::Internal, Tr::tr("The random generator failed.")));
            q.bindValue(0, c.deviceId);
            q.bindValue(1, Sha256::hash(c.token));
            q.bindValue(2, now);
            wrote = true;
            if (!q.exec())
                return storage<QList<DeviceCredential>>(database.error(q.lastError(), what));
        }
        if (!credentials.isEmpty()) {
            const Result<AuditEntry> audited = AuditLog(database).appendWithinTransaction(
                who.name, Operator::roleName(who.role), QStringLiteral("device-credentials.issue"),
                QStringLiteral("devices"),
                QJsonObject{{QStringLiteral("count"), credentials.size()},
                            {QStringLiteral("firstDevice"), credentials.first().deviceId},
                            {QStringLiteral("lastDevice"), credentials.last().deviceId}},
                QDateTime::currentDateTimeUtc());
            if (!audited)
                return storage<QList<DeviceCredential>>(audited.error());
        }
        return credentials;
    }

    // (device, SHA-256 of its token) of the credentials created at or after `since`.
    Result<QList<std::pair<qint64, QByteArray>>> tokens(qint64 since, qint64 *newest)
    {
        QSqlQuery q(database.connection());
        q.setForwardOnly(true);
        if (const Status ok = FirmwareSql::exec(
                database, q,
                QStringLiteral("SELECT device_id, token_hash, created FROM device_credentials "
                               "WHERE created >= ?"),
                {since}, Tr::tr("read the device credentials"));
            !ok)
            return ok.error();
        QList<std::pair<qint64, QByteArray>> found;
        while (q.next()) {
            found.append({q.value(0).toLongLong(), q.value(1).toByteArray()});
            *newest = std::max(*newest, q.value(2).toLongLong());
        }
        return found;
    }
};

// DeviceGateway ------------------------------------------------------------------------------

DeviceGateway::DeviceGateway(QObject *parent)
    : QObject(parent), m_worker(std::make_shared<Worker>())
{
    m_tokenRefresh.setInterval(tokenRefreshMs);
    connect(&m_tokenRefresh, &QTimer::timeout, this, &DeviceGateway::reloadTokens);
    m_changed.setSingleShot(true);
    m_changed.setInterval(changedThrottleMs);
    connect(&m_changed, &QTimer::timeout, this, &DeviceGateway::devicesReported);
}

DeviceGateway::~DeviceGateway()
{
    {
        QMutexLocker lock(&m_worker->mutex);
        m_worker->stopping = true;
        m_worker->wake.wakeAll();
    }
    if (m_worker->thread)
        m_worker->thread->wait();
}

Status DeviceGateway::open(const QString &databasePath, const QString &releaseStoreDirectory)
{
    if (m_worker->thread)
        return ServiceError::make(ServiceError::Code::Internal,
                                  Tr::tr("The device gateway is already open."));
    Worker *w = m_worker.get();
    w->databasePath = databasePath;
    w->storeDirectory = releaseStoreDirectory;
    // The destructor stops the worker before the gateway goes: `this` outlives every call.
    w->committed = [this] {
        QMetaObject::invokeMethod(this, &DeviceGateway::committed, Qt::QueuedConnection);
    };
    // The thread opens its own connection and loads the token hashes before it takes jobs.
    auto opened = std::make_shared<QPromise<Result<QList<std::pair<qint64, QByteArray>>>>>();
    QFuture<Result<QList<std::pair<qint64, QByteArray>>>> done = opened->future();
    opened->start();
    auto newest = std::make_shared<qint64>(0);
    w->thread.reset(QThread::create([w, opened, newest] {
        Result<Database> database = Database::open(w->databasePath);
        if (!database) {
            opened->addResult(database.error());
            opened->finish();
            return;
        }
        w->database = std::move(database).value();
        if (const Status ok = w->prepare(); !ok) {
            opened->addResult(ok.error());
            opened->finish();
            w->database = Database();
            return;
        }
        opened->addResult(w->tokens(0, newest.get()));
        {
            QMutexLocker lock(&w->mutex);
            w->open = true;
        }
        opened->finish();
        w->loop();
    }));
    w->thread->setObjectName(QStringLiteral("DeviceGateway"));
    w->thread->start();
    done.waitForFinished();
    const Result<QList<std::pair<qint64, QByteArray>>> loaded = done.result();
    if (!loaded) {
        w->thread->wait();
        w->thread.reset();
        return loaded.error();
    }
    for (const auto &[device, hash] : loaded.value())
        remember(device, hash);
    m_tokensSeenUntil = *newest;
    m_tokenRefresh.start();
    return Done{};
}

DeviceGateway::TokenKey DeviceGateway::keyOf(const QByteArray &sha256)
{
    // The first 128 bits of the SHA-256: finding a token for a key is a 2^128 preimage search.
    TokenKey key;
    if (sha256.size() >= 16) {
        memcpy(&key.high, sha256.constData(), 8);
        memcpy(&key.low, sha256.constData() + 8, 8);
    }
    return key;
}

void DeviceGateway::remember(qint64 device, const QByteArray &sha256)
{
    const TokenKey key = keyOf(sha256);
    if (const auto old = m_tokenOfDevice.find(device); old != m_tokenOfDevice.end()) {
        m_tokens.erase(old->second); // a new token replaces the old one
        old->second = key;
    } else {
        m_tokenOfDevice.emplace(device, key);
    }
    m_tokens[key] = device;
}

std::optional<qint64> DeviceGateway::deviceForToken(const QByteArray &token)
{
    // Tokens are 32 bytes in base64url (43 characters); anything else is not one of ours.
    if (token.size() != 43)
        return std::nullopt;
    const auto found = m_tokens.find(keyOf(Sha256::hash(token)));
    if (found == m_tokens.end())
        return std::nullopt;
    return found->second;
}

void DeviceGateway::reloadTokens()
{
    // Tokens issued by another server instance on the same database.
    auto newest = std::make_shared<qint64>(m_tokensSeenUntil);
    const qint64 since = m_tokensSeenUntil;
    post<QList<std::pair<qint64, QByteArray>>>(false, [since, newest](Worker &w) {
        return w.tokens(since, newest.get());
    }).then(this, [this, newest](const Result<QList<std::pair<qint64, QByteArray>>> &loaded) {
        if (!loaded)
            return;
        for (const auto &[device, hash] : loaded.value())
            remember(device, hash);
        m_tokensSeenUntil = std::max(m_tokensSeenUntil, *newest);
    });
}

void DeviceGateway::committed()
{
    if (!m_changed.isActive())
        m_changed.start();
}

template<typename T, typename Fn> QFuture<Result<T>> DeviceGateway::post(bool writes, Fn fn)
{
    auto promise = std::make_shared<QPromise<Result<T>>>();
    QFuture<Result<T>> future = promise->future();
    promise->start();
    auto result = std::make_shared<Result<T>>();
    Job job;
    job.writes = writes;
    job.execute = [fn, result](Worker &w) {
        *result = fn(w);
    };
    job.complete = [promise, result](const ServiceError *error) {
        promise->addResult(error ? Result<T>(*error) : std::move(*result));
        promise->finish();
    };
    if (!m_worker->enqueue(job)) {
        const ServiceError error = notOpen();
        job.complete(&error);
    }
    return future;
}

QFuture<Result<QList<DeviceCredential>>>
DeviceGateway::issueCredentials(const Operator &who, const DeviceCredentialRequest &request)
{
    if (request.first > MaxCredentialsPerRequest
        || request.devices.size() > MaxCredentialsPerRequest
        || (request.first <= 0 && request.devices.isEmpty())) {
        return QtFuture::makeReadyFuture(Result<QList<DeviceCredential>>(ServiceError::make(
            ServiceError::Code::InvalidArgument,
            Tr::tr("Name the devices, or how many (1 to %1) of the first devices.")
                .arg(MaxCredentialsPerRequest))));
    }
    return post<QList<DeviceCredential>>(
               true, [who, request](Worker &w) { return w.issue(who, request); })
        .then(this, [this](const Result<QList<DeviceCredential>> &issued) {
            if (issued) {
                for (const DeviceCredential &c : issued.value())
                    remember(c.deviceId, Sha256::hash(c.token));
                Q_EMIT credentialsIssued();
            }
            return issued;
        });
}

QFuture<Result<DeviceCheckInAnswer>> DeviceGateway::checkIn(qint64 device,
                                                            const DeviceCheckIn &checkIn)
{
    return post<DeviceCheckInAnswer>(
        false, [device, checkIn](Worker &w) { return w.checkIn(device, checkIn); });
}

QFuture<Result<DeviceDownload>> DeviceGateway::manifest(qint64 device, qint64 rolloutId)
{
    return post<DeviceDownload>(
        false, [device, rolloutId](Worker &w) { return w.download(device, rolloutId, {}, true); });
}

QFuture<Result<DeviceDownload>> DeviceGateway::image(qint64 device, qint64 rolloutId,
                                                     const QString &imageName)
{
    return post<DeviceDownload>(false, [device, rolloutId, imageName](Worker &w) {
        return w.download(device, rolloutId, imageName, false);
    });
}

QFuture<Result<DeviceReportAnswer>> DeviceGateway::report(qint64 device, const DeviceReport &report)
{
    if (const std::optional<ServiceError> problem = reportProblem(report))
        return QtFuture::makeReadyFuture(Result<DeviceReportAnswer>(*problem));
    return post<DeviceReportAnswer>(
        true, [device, report](Worker &w) { return w.report(device, report); });
}

} // namespace Patchboard
