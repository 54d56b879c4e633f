// SPDX-License-Identifier: Apache-2.0
#pragma once
// The parts of bench_rollout around the measured run: the scratch copy of the fleet, the release
// that targets every hardware model, and the plain-SQLite insert baseline.

#include "domain/rollout.h"

#include <QDate>
#include <QString>

namespace Patchboard::Bench {

// Copies a closed fleet database (its WAL too, when one is left) to `to`, replacing it.
void copyDatabase(const QString &from, const QString &to);
// Removes a database file with its -wal and -shm files.
void removeDatabase(const QString &path);

struct BenchRelease
{
    qint64 id = 0;
    QString version;
    qint64 sequence = 0;
    int models = 0;
};

// Inserts an approved security release for every hardware model of the fleet at path, with a
// sequence number above every firmware build so that no device is "already current". The rows
// are written directly with SQL: the bench bypasses import, verification and the four-eyes
// approval on purpose (the demo releases target one model each, and signing a bundle for forty
// models would measure the importer, not the rollout). The release notes are real: they pass
// ReleaseNotes::parse, so the rollout's end-user notice and CVE list come from them as usual.
BenchRelease insertAllModelsRelease(const QString &path, QDate today);

// The plan every pass of the bench creates: every model of the release, rooted, ported and
// unsupported devices included, the default waves with error thresholds of 50% applied after
// 1000 results (it never halts), the maintenance window 01:00-05:00 in each device's time zone.
RolloutPlan benchPlan(qint64 releaseId);

struct InsertBaseline
{
    qint64 rows = 0;
    qint64 transactions = 0;
    qint64 largestTransaction = 0;
    double ms = 0; // BEGIN .. COMMIT of every transaction, the reading of the rows not included
};

// Re-inserts the update_events rows of the database at source, in their order, with sqlite3
// prepared statements into a new database at scratch whose update_events table and indexes are
// created from source's own schema (foreign keys off: the scratch file has no devices table).
// Transactions follow the backend's stepping rule replayed on the events' times from
// startClock: a step covers at most maxStepSeconds of simulated time and jumps over stretches
// where nothing is due, so the transaction sizes are those of the measured run (engine wake-ups
// without events aside).
InsertBaseline measureInsertBaseline(const QString &source, const QString &scratch,
                                     qint64 startClock, qint64 maxStepSeconds);

} // namespace Patchboard::Bench
