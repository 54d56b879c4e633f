// SPDX-License-Identifier: Apache-2.0
#pragma once
// bench_rollout --profile: where the time of a rollout step goes. LocalRolloutBackend keeps its
// storage, engine and simulator private on its worker thread, so this pass drives the same
// public parts (RolloutService, FleetSimulator, RolloutEngine) the way the backend's runUntil
// does — steps of at most maxStepSeconds, jumping over idle stretches, as many steps per
// transaction as fit in its time budget, the simulator's deferred rows written before each
// commit — and times each part. The connection settings it may vary (page cache, checkpoints,
// transaction budget, foreign-key checks) show what each of the backend's choices is worth.

#include <QDateTime>
#include <QString>

namespace Patchboard::Bench {

class Report;

struct ProfileOptions
{
    qint64 releaseId = 0;
    quint64 seed = 0;
    QDateTime clockStart;
    qint64 maxStepSeconds = 300;
    // What the backend chose (the default values are what it does today):
    qint64 cacheMb = 128; // PRAGMA cache_size; 0 = SQLite's default (2 MB)
    qint64 walAutocheckpoint = 16384; // PRAGMA wal_autocheckpoint in pages; 0 = default (1000)
    qint64 transactionMs = 1000; // steps are added to a transaction until this much time passed
    bool foreignKeys = false; // SQLite's foreign-key checks during the steps
    QString label; // figure name prefix: profile_<label>_...
};

// CPU time of this process (all threads, user + system) in milliseconds: on a shared machine a
// steadier figure than wall time.
double cpuMs();

// Creates the bench rollout in the database at path (a fresh copy of the fleet with the bench
// release) and plays it to completion, printing the time per part and the statements per event.
void profileRollout(Report &report, const QString &path, const ProfileOptions &options);

} // namespace Patchboard::Bench
