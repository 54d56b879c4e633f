// SPDX-License-Identifier: Apache-2.0
#pragma once
// bench_rollout --profile: where the time of a rollout step goes. LocalRolloutBackend keeps its
// storage, engine and simulator private on its worker thread, so this pass drives the same
// public parts (RolloutService, FleetSimulator, RolloutEngine) the way the backend's runUntil
// does — steps of at most maxStepSeconds, jumping over idle stretches, one transaction each with
// the simulator's reports, the engine's decisions and the saved clock — and times each part.
// Its total is checked against the backend's own wall time; the connection settings it may vary
// (page cache, checkpoints, steps per transaction) are what the figures suggest changing in the
// backend.

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
    // What the backend could change (the default values are what it does today):
    qint64 cacheMb = 0; // PRAGMA cache_size; 0 = SQLite's default (2 MB)
    qint64 walAutocheckpoint = 0; // PRAGMA wal_autocheckpoint in pages; 0 = default (1000)
    int stepsPerTransaction = 1; // >1: several steps (engine after each) per transaction
    QString label; // figure name prefix: profile_<label>_...
};

// CPU time of this process (all threads, user + system) in milliseconds: on a shared machine a
// steadier figure than wall time.
double cpuMs();

// Creates the bench rollout in the database at path (a fresh copy of the fleet with the bench
// release) and plays it to completion, printing the time per part and the statements per event.
void profileRollout(Report &report, const QString &path, const ProfileOptions &options);

} // namespace Patchboard::Bench
