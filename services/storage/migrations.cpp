// SPDX-License-Identifier: Apache-2.0
#include "migrations.h"

namespace Patchboard::Migrations {

// Migrations are append-only: a released migration is never edited, a change is a new number.
// Dates are stored as days since 1970-01-01 (INTEGER) and times as Unix seconds (UTC): compact,
// fast to compare, and readable in SQL with date(x * 86400, 'unixepoch').
static QStringList version1()
{
    return {
        QStringLiteral("CREATE TABLE manufacturers ("
                       " id INTEGER PRIMARY KEY,"
                       " name TEXT NOT NULL UNIQUE)"),
        QStringLiteral("CREATE TABLE device_models ("
                       " id INTEGER PRIMARY KEY,"
                       " manufacturer_id INTEGER NOT NULL REFERENCES manufacturers(id),"
                       " name TEXT NOT NULL,"
                       " launch_date INTEGER NOT NULL,"
                       " support_months INTEGER NOT NULL CHECK (support_months > 0),"
                       " class_id TEXT NOT NULL DEFAULT '',"
                       " UNIQUE (manufacturer_id, name))"),
        QStringLiteral("CREATE TABLE regions ("
                       " id INTEGER PRIMARY KEY,"
                       " code TEXT NOT NULL UNIQUE,"
                       " name TEXT NOT NULL,"
                       " time_zone TEXT NOT NULL)"),
        // A firmware build of one model: its version string, the monotonic sequence number its
        // manifest carries (SESIP 5.5.6 anti-rollback) and the security patch level it brings.
        QStringLiteral("CREATE TABLE firmware_versions ("
                       " id INTEGER PRIMARY KEY,"
                       " model_id INTEGER NOT NULL REFERENCES device_models(id),"
                       " version TEXT NOT NULL,"
                       " sequence INTEGER NOT NULL,"
                       " patch_level INTEGER NOT NULL,"
                       " released INTEGER NOT NULL,"
                       " UNIQUE (model_id, sequence))"),
        QStringLiteral("CREATE TABLE devices ("
                       " id INTEGER PRIMARY KEY,"
                       " device_id TEXT NOT NULL UNIQUE,"
                       " model_id INTEGER NOT NULL REFERENCES device_models(id),"
                       " region_id INTEGER NOT NULL REFERENCES regions(id),"
                       " firmware_id INTEGER NOT NULL REFERENCES firmware_versions(id),"
                       " patch_level INTEGER NOT NULL,"
                       " patch_applied INTEGER NOT NULL,"
                       " last_checkin INTEGER NOT NULL,"
                       " update_state INTEGER NOT NULL DEFAULT 0,"
                       " exception_flags INTEGER NOT NULL DEFAULT 0)"),
        QStringLiteral("CREATE INDEX devices_model ON devices (model_id)"),
        QStringLiteral("CREATE INDEX devices_patch_level ON devices (patch_level)"),
        QStringLiteral("CREATE INDEX devices_region ON devices (region_id)"),
        QStringLiteral("CREATE TABLE update_events ("
                       " id INTEGER PRIMARY KEY,"
                       " device_id INTEGER NOT NULL REFERENCES devices(id),"
                       " rollout_id INTEGER NOT NULL DEFAULT 0,"
                       " wave INTEGER NOT NULL DEFAULT 0,"
                       " phase TEXT NOT NULL,"
                       " outcome TEXT NOT NULL,"
                       " reason TEXT NOT NULL DEFAULT '',"
                       " from_version TEXT NOT NULL DEFAULT '',"
                       " to_version TEXT NOT NULL DEFAULT '',"
                       " time INTEGER NOT NULL)"),
        QStringLiteral("CREATE INDEX update_events_device ON update_events (device_id, time)"),
        QStringLiteral("CREATE TABLE settings ("
                       " key TEXT PRIMARY KEY,"
                       " value TEXT NOT NULL)"),
    };
}

// The audit log (services/audit): append-only, each entry chained to the one before it by a
// SHA-256 hash. The triggers refuse UPDATE and DELETE so that even a mistaken statement of ours
// cannot rewrite history; tampering from outside is caught by AuditLog::verify().
static QStringList version2()
{
    return {
        QStringLiteral("CREATE TABLE audit_log ("
                       " sequence INTEGER PRIMARY KEY,"
                       " time INTEGER NOT NULL,"
                       " actor TEXT NOT NULL,"
                       " role TEXT NOT NULL,"
                       " action TEXT NOT NULL,"
                       " subject TEXT NOT NULL,"
                       " details TEXT NOT NULL,"
                       " previous_hash BLOB NOT NULL,"
                       " hash BLOB NOT NULL)"),
        QStringLiteral("CREATE INDEX audit_log_action ON audit_log (action, time)"),
        QStringLiteral("CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
                       "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"),
        QStringLiteral("CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log "
                       "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"),
    };
}

// Releases and their approval (services/firmware): Author trust keys per SUIT vendor ID, the
// releases with their verification checklist, test results per hardware model and case, every
// state transition with who, when and why (append-only, like the audit log), and the Android
// security bulletin records (OSV) for the CVE cross-check. Times are Unix seconds, patch levels
// epoch days.
static QStringList version3()
{
    return {
        QStringLiteral("CREATE TABLE firmware_vendors ("
                       " vendor_id TEXT PRIMARY KEY,"
                       " manufacturer_id INTEGER NOT NULL REFERENCES manufacturers(id))"),
        QStringLiteral("CREATE TABLE trust_keys ("
                       " id INTEGER PRIMARY KEY,"
                       " vendor_id TEXT NOT NULL REFERENCES firmware_vendors(vendor_id),"
                       " fingerprint TEXT NOT NULL,"
                       " key_type TEXT NOT NULL,"
                       " label TEXT NOT NULL DEFAULT '',"
                       " pem TEXT NOT NULL,"
                       " added INTEGER NOT NULL,"
                       " added_by TEXT NOT NULL,"
                       " removed INTEGER,"
                       " removed_by TEXT NOT NULL DEFAULT '')"),
        QStringLiteral("CREATE UNIQUE INDEX trust_keys_active ON trust_keys (vendor_id, fingerprint) "
                       "WHERE removed IS NULL"),
        QStringLiteral("CREATE TABLE releases ("
                       " id INTEGER PRIMARY KEY,"
                       " version TEXT NOT NULL,"
                       " vendor_id TEXT NOT NULL,"
                       " class_id TEXT NOT NULL,"
                       " sequence INTEGER NOT NULL,"
                       " release_type TEXT NOT NULL,"
                       " patch_level INTEGER,"
                       " received INTEGER NOT NULL,"
                       " decided INTEGER,"
                       " state TEXT NOT NULL,"
                       " notes BLOB NOT NULL,"
                       " manifest BLOB NOT NULL,"
                       " manifest_digest TEXT NOT NULL,"
                       " signer TEXT NOT NULL DEFAULT '',"
                       " algorithm TEXT NOT NULL DEFAULT '',"
                       " store_path TEXT NOT NULL DEFAULT '',"
                       " imported_by TEXT NOT NULL)"),
        QStringLiteral("CREATE INDEX releases_class ON releases (class_id, state, sequence)"),
        QStringLiteral("CREATE INDEX releases_digest ON releases (manifest_digest)"),
        QStringLiteral("CREATE TABLE release_models ("
                       " release_id INTEGER NOT NULL REFERENCES releases(id),"
                       " model_id INTEGER NOT NULL REFERENCES device_models(id),"
                       " PRIMARY KEY (release_id, model_id))"),
        QStringLiteral("CREATE TABLE release_images ("
                       " release_id INTEGER NOT NULL REFERENCES releases(id),"
                       " position INTEGER NOT NULL,"
                       " name TEXT NOT NULL,"
                       " digest TEXT NOT NULL,"
                       " size INTEGER NOT NULL,"
                       " PRIMARY KEY (release_id, position))"),
        QStringLiteral("CREATE TABLE release_checks ("
                       " release_id INTEGER NOT NULL REFERENCES releases(id),"
                       " position INTEGER NOT NULL,"
                       " name TEXT NOT NULL,"
                       " passed INTEGER NOT NULL,"
                       " blocking INTEGER NOT NULL,"
                       " reason TEXT NOT NULL,"
                       " checked INTEGER NOT NULL,"
                       " PRIMARY KEY (release_id, position))"),
        QStringLiteral("CREATE TABLE release_test_results ("
                       " release_id INTEGER NOT NULL REFERENCES releases(id),"
                       " model_id INTEGER NOT NULL REFERENCES device_models(id),"
                       " test_case TEXT NOT NULL,"
                       " outcome TEXT NOT NULL DEFAULT 'pending',"
                       " note TEXT NOT NULL DEFAULT '',"
                       " recorded_by TEXT NOT NULL DEFAULT '',"
                       " recorded_at INTEGER,"
                       " waived INTEGER NOT NULL DEFAULT 0,"
                       " waiver_reason TEXT NOT NULL DEFAULT '',"
                       " waived_by TEXT NOT NULL DEFAULT '',"
                       " waived_at INTEGER,"
                       " PRIMARY KEY (release_id, model_id, test_case))"),
        QStringLiteral("CREATE TABLE release_transitions ("
                       " id INTEGER PRIMARY KEY,"
                       " release_id INTEGER NOT NULL REFERENCES releases(id),"
                       " from_state TEXT NOT NULL,"
                       " to_state TEXT NOT NULL,"
                       " actor TEXT NOT NULL,"
                       " role TEXT NOT NULL,"
                       " time INTEGER NOT NULL,"
                       " reason TEXT NOT NULL)"),
        QStringLiteral("CREATE INDEX release_transitions_release ON release_transitions (release_id, id)"),
        QStringLiteral("CREATE TRIGGER release_transitions_no_update BEFORE UPDATE ON release_transitions "
                       "BEGIN SELECT RAISE(ABORT, 'release transitions are append-only'); END"),
        QStringLiteral("CREATE TRIGGER release_transitions_no_delete BEFORE DELETE ON release_transitions "
                       "BEGIN SELECT RAISE(ABORT, 'release transitions are append-only'); END"),
        QStringLiteral("CREATE TABLE osv_vulnerabilities ("
                       " osv_id TEXT NOT NULL,"
                       " cve TEXT NOT NULL,"
                       " package TEXT NOT NULL,"
                       " severity TEXT NOT NULL,"
                       " patch_level INTEGER NOT NULL,"
                       " type TEXT NOT NULL DEFAULT '',"
                       " imported INTEGER NOT NULL,"
                       " PRIMARY KEY (osv_id, cve, package, patch_level))"),
        QStringLiteral("CREATE INDEX osv_vulnerabilities_level ON osv_vulnerabilities (patch_level)"),
    };
}

// Staged rollouts (services/rollout): the rollout with its plan (JSON, as the operator made it),
// its waves with their thresholds and live counts, one row per targeted device with where it
// stands, and every state change (append-only). A device is in at most one active rollout: the
// partial unique index refuses a second. Times are Unix seconds on the rollout clock (the
// simulated clock in the embedded backend).
static QStringList version4()
{
    return {
        QStringLiteral("CREATE TABLE rollouts ("
                       " id INTEGER PRIMARY KEY,"
                       " release_id INTEGER NOT NULL REFERENCES releases(id),"
                       " name TEXT NOT NULL,"
                       " state TEXT NOT NULL,"
                       " plan TEXT NOT NULL,"
                       " targeting TEXT NOT NULL,"
                       " targets INTEGER NOT NULL,"
                       " seed INTEGER NOT NULL,"
                       " created INTEGER NOT NULL,"
                       " created_by TEXT NOT NULL,"
                       " start_time INTEGER,"
                       " started INTEGER,"
                       " resumed INTEGER,"
                       " finished INTEGER,"
                       " deadline INTEGER,"
                       " current_wave INTEGER NOT NULL DEFAULT 0,"
                       " halt_reason TEXT NOT NULL DEFAULT '')"),
        QStringLiteral("CREATE INDEX rollouts_state ON rollouts (state)"),
        QStringLiteral("CREATE TABLE rollout_waves ("
                       " rollout_id INTEGER NOT NULL REFERENCES rollouts(id),"
                       " number INTEGER NOT NULL,"
                       " state TEXT NOT NULL,"
                       " size INTEGER NOT NULL,"
                       " success_threshold REAL NOT NULL,"
                       " error_threshold REAL NOT NULL,"
                       " minimum_results INTEGER NOT NULL,"
                       " soak_minutes INTEGER NOT NULL,"
                       " manual_gate INTEGER NOT NULL,"
                       " gate_open INTEGER NOT NULL DEFAULT 0,"
                       " started INTEGER,"
                       " succeeded_at INTEGER,"
                       " baseline_results INTEGER NOT NULL DEFAULT 0,"
                       " baseline_failed INTEGER NOT NULL DEFAULT 0,"
                       " pending INTEGER NOT NULL DEFAULT 0,"
                       " in_progress INTEGER NOT NULL DEFAULT 0,"
                       " postponed INTEGER NOT NULL DEFAULT 0,"
                       " succeeded INTEGER NOT NULL DEFAULT 0,"
                       " failed INTEGER NOT NULL DEFAULT 0,"
                       " rolled_back INTEGER NOT NULL DEFAULT 0,"
                       " cancelled INTEGER NOT NULL DEFAULT 0,"
                       " PRIMARY KEY (rollout_id, number))"),
        QStringLiteral("CREATE TABLE rollout_targets ("
                       " rollout_id INTEGER NOT NULL REFERENCES rollouts(id),"
                       " device_id INTEGER NOT NULL REFERENCES devices(id),"
                       " wave INTEGER NOT NULL,"
                       " state INTEGER NOT NULL DEFAULT 0,"
                       " next_time INTEGER NOT NULL DEFAULT 0,"
                       " attempts INTEGER NOT NULL DEFAULT 0,"
                       " active INTEGER NOT NULL DEFAULT 1,"
                       " PRIMARY KEY (rollout_id, device_id))"),
        QStringLiteral("CREATE UNIQUE INDEX rollout_targets_active ON rollout_targets (device_id) "
                       "WHERE active = 1"),
        QStringLiteral("CREATE TABLE rollout_transitions ("
                       " id INTEGER PRIMARY KEY,"
                       " rollout_id INTEGER NOT NULL REFERENCES rollouts(id),"
                       " from_state TEXT NOT NULL,"
                       " to_state TEXT NOT NULL,"
                       " actor TEXT NOT NULL,"
                       " role TEXT NOT NULL,"
                       " time INTEGER NOT NULL,"
                       " reason TEXT NOT NULL)"),
        QStringLiteral("CREATE INDEX rollout_transitions_rollout ON rollout_transitions (rollout_id, id)"),
        QStringLiteral("CREATE TRIGGER rollout_transitions_no_update BEFORE UPDATE ON rollout_transitions "
                       "BEGIN SELECT RAISE(ABORT, 'rollout transitions are append-only'); END"),
        QStringLiteral("CREATE TRIGGER rollout_transitions_no_delete BEFORE DELETE ON rollout_transitions "
                       "BEGIN SELECT RAISE(ABORT, 'rollout transitions are append-only'); END"),
        QStringLiteral("CREATE INDEX update_events_rollout ON update_events (rollout_id, time)"),
    };
}

// Rollouts, second version: waves count the devices that verified the update and wait for their
// maintenance window (the error threshold counts them as results), and rollout targets are kept
// in their primary key's order (WITHOUT ROWID): the simulator updates a target by its key several
// times per device, and one B-tree lookup instead of two is most of that cost.
static QStringList version5()
{
    return {
        QStringLiteral("ALTER TABLE rollout_waves ADD COLUMN verified INTEGER NOT NULL DEFAULT 0"),
        QStringLiteral("UPDATE rollout_waves SET verified = (SELECT count(*) FROM rollout_targets t "
                       "WHERE t.rollout_id = rollout_waves.rollout_id AND t.wave = "
                       "rollout_waves.number AND t.state IN (4, 5, 6))"),
        QStringLiteral("CREATE TABLE rollout_targets_v5 ("
                       " rollout_id INTEGER NOT NULL REFERENCES rollouts(id),"
                       " device_id INTEGER NOT NULL REFERENCES devices(id),"
                       " wave INTEGER NOT NULL,"
                       " state INTEGER NOT NULL DEFAULT 0,"
                       " next_time INTEGER NOT NULL DEFAULT 0,"
                       " attempts INTEGER NOT NULL DEFAULT 0,"
                       " active INTEGER NOT NULL DEFAULT 1,"
                       " PRIMARY KEY (rollout_id, device_id)) WITHOUT ROWID"),
        QStringLiteral("INSERT INTO rollout_targets_v5 SELECT rollout_id, device_id, wave, state, "
                       "next_time, attempts, active FROM rollout_targets"),
        QStringLiteral("DROP TABLE rollout_targets"),
        QStringLiteral("ALTER TABLE rollout_targets_v5 RENAME TO rollout_targets"),
        QStringLiteral("CREATE UNIQUE INDEX rollout_targets_active ON rollout_targets (device_id) "
                       "WHERE active = 1"),
    };
}

// Telemetry (services/telemetry): charts read pre-aggregated time buckets, never the raw events,
// so that they cost the same at ten million events as at ten thousand.
// - event_series: outcomes per minute, hour and day, by rollout and wave (outcomes over time);
// - event_buckets: the same with hardware model, region and reason (the breakdowns);
//   outcome and reason are TelemetryOutcome and FailureReason codes; "ok" events are progress
//   and are not counted.
// A device's update history is a chain through prev_id from device_event_heads: an index on
// (device_id, time) would take a random B-tree insert per event, which at ten million events
// is most of the cost of ingesting one; the heads table has one small row per device.
// Drill-down (the devices behind a bar) reads update_events_outcomes, which holds only the
// counted outcomes.
static QString outcomeCode(const char *column)
{
    return QStringLiteral("CASE %1 WHEN 'succeeded' THEN 0 WHEN 'failed' THEN 1 "
                          "WHEN 'rolled-back' THEN 2 WHEN 'postponed' THEN 3 END")
        .arg(QLatin1String(column));
}

static QString reasonCode(const char *column)
{
    return QStringLiteral("CASE %1 WHEN 'download-timeout' THEN 1 WHEN 'digest-mismatch' THEN 2 "
                          "WHEN 'signature-refused' THEN 3 WHEN 'insufficient-storage' THEN 4 "
                          "WHEN 'low-battery' THEN 5 WHEN 'install-failed' THEN 6 "
                          "WHEN 'boot-failed' THEN 7 ELSE 0 END")
        .arg(QLatin1String(column));
}

static QStringList version6()
{
    QStringList statements{
        QStringLiteral("ALTER TABLE update_events ADD COLUMN prev_id INTEGER NOT NULL DEFAULT 0"),
        QStringLiteral("UPDATE update_events SET prev_id = coalesce((SELECT max(p.id) FROM "
                       "update_events p WHERE p.device_id = update_events.device_id AND "
                       "p.id < update_events.id), 0)"),
        QStringLiteral("CREATE TABLE device_event_heads ("
                       " device_id INTEGER PRIMARY KEY,"
                       " last_event INTEGER NOT NULL)"),
        QStringLiteral("INSERT INTO device_event_heads SELECT device_id, max(id) FROM update_events "
                       "GROUP BY device_id"),
        QStringLiteral("DROP INDEX update_events_device"),
        QStringLiteral("CREATE INDEX update_events_outcomes ON update_events (rollout_id, outcome, "
                       "time) WHERE outcome <> 'ok'"),
        QStringLiteral("CREATE TABLE event_series ("
                       " resolution INTEGER NOT NULL,"
                       " start INTEGER NOT NULL,"
                       " rollout_id INTEGER NOT NULL,"
                       " wave INTEGER NOT NULL,"
                       " outcome INTEGER NOT NULL,"
                       " count INTEGER NOT NULL,"
                       " PRIMARY KEY (resolution, start, rollout_id, wave, outcome)) WITHOUT ROWID"),
        QStringLiteral("CREATE TABLE event_buckets ("
                       " resolution INTEGER NOT NULL,"
                       " start INTEGER NOT NULL,"
                       " rollout_id INTEGER NOT NULL,"
                       " wave INTEGER NOT NULL,"
                       " model_id INTEGER NOT NULL,"
                       " region_id INTEGER NOT NULL,"
                       " outcome INTEGER NOT NULL,"
                       " reason INTEGER NOT NULL,"
                       " count INTEGER NOT NULL,"
                       " PRIMARY KEY (resolution, start, rollout_id, wave, model_id, region_id, "
                       "outcome, reason)) WITHOUT ROWID"),
    };
    for (int resolution : {60, 3600, 86400}) {
        const QString start = QStringLiteral("(e.time / %1) * %1").arg(resolution);
        statements << QStringLiteral(
                          "INSERT INTO event_series SELECT %1, %2, e.rollout_id, e.wave, %3, "
                          "count(*) FROM update_events e WHERE e.outcome IN ('succeeded', "
                          "'failed', 'rolled-back', 'postponed') GROUP BY 2, 3, 4, 5")
                          .arg(resolution)
                          .arg(start, outcomeCode("e.outcome"));
        statements << QStringLiteral(
                          "INSERT INTO event_buckets SELECT %1, %2, e.rollout_id, e.wave, "
                          "d.model_id, d.region_id, %3, %4, count(*) FROM update_events e JOIN "
                          "devices d ON d.id = e.device_id WHERE e.outcome IN ('succeeded', "
                          "'failed', 'rolled-back', 'postponed') GROUP BY 2, 3, 4, 5, 6, 7, 8")
                          .arg(resolution)
                          .arg(start, outcomeCode("e.outcome"), reasonCode("e.reason"));
    }
    return statements;
}

// patchboard-server (issue #6): operator accounts and their sessions, device credentials for the
// device API, and the lease that makes one server instance the rollout engine's leader when
// several share a database. And the events' span per rollout (issue #5).
static QStringList version7()
{
    return {
        QStringLiteral("CREATE TABLE operator_accounts ("
                       " name TEXT PRIMARY KEY,"
                       " role TEXT NOT NULL,"
                       " password_hash TEXT NOT NULL,"
                       " created INTEGER NOT NULL,"
                       " disabled INTEGER NOT NULL DEFAULT 0)"),
        QStringLiteral("CREATE TABLE operator_sessions ("
                       " token_hash BLOB PRIMARY KEY,"
                       " name TEXT NOT NULL,"
                       " role TEXT NOT NULL,"
                       " created INTEGER NOT NULL,"
                       " expires INTEGER NOT NULL)"),
        QStringLiteral("CREATE INDEX operator_sessions_expires ON operator_sessions (expires)"),
        QStringLiteral("CREATE TABLE device_credentials ("
                       " device_id INTEGER PRIMARY KEY,"
                       " token_hash BLOB NOT NULL UNIQUE,"
                       " created INTEGER NOT NULL)"),
        QStringLiteral("CREATE TABLE server_leases ("
                       " name TEXT PRIMARY KEY,"
                       " holder TEXT NOT NULL,"
                       " expires INTEGER NOT NULL)"),
        // Each rollout's first and last event (rollout 0: events outside rollouts), kept by the
        // EventWriter: the Telemetry page's open range is one read of a small table instead of
        // probes into ten million events.
        QStringLiteral("CREATE TABLE event_spans ("
                       " rollout_id INTEGER PRIMARY KEY,"
                       " first INTEGER NOT NULL,"
                       " last INTEGER NOT NULL)"),
        QStringLiteral("INSERT INTO event_spans SELECT rollout_id, min(time), max(time) FROM "
                       "update_events GROUP BY rollout_id"),
    };
}

QStringList statementsFor(int version)
{
    switch (version) {
    case 1:
        return version1();
    case 2:
        return version2();
    case 3:
        return version3();
    case 4:
        return version4();
    case 5:
        return version5();
    case 6:
        return version6();
    case 7:
        return version7();
    default:
        return {};
    }
}

} // namespace Patchboard::Migrations
