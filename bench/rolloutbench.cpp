// SPDX-License-Identifier: Apache-2.0
#include "rolloutbench.h"

#include "benchutil.h"
#include "devicebrowserbench.h"
#include "domain/releasenotes.h"
#include "domain/releasestate.h"
#include "storage/database.h"
#include "storage/epochday.h"

#include <QFile>
#include <QHash>
#include <QSqlError>
#include <QSqlQuery>

#include <sqlite3.h>

#include <vector>

namespace Patchboard::Bench {

namespace {

QString sqliteMessage(sqlite3 *db)
{
    return QString::fromUtf8(sqlite3_errmsg(db));
}

sqlite3 *openSqlite(const QString &path, int flags)
{
    sqlite3 *db = nullptr;
    if (sqlite3_open_v2(QFile::encodeName(path).constData(), &db, flags, nullptr) != SQLITE_OK) {
        const QString message = db ? sqliteMessage(db) : QStringLiteral("out of memory");
        sqlite3_close(db);
        die(QStringLiteral("cannot open %1: %2").arg(path, message));
    }
    return db;
}

void execSqlite(sqlite3 *db, const QByteArray &sql)
{
    char *error = nullptr;
    if (sqlite3_exec(db, sql.constData(), nullptr, nullptr, &error) != SQLITE_OK) {
        const QString message = QString::fromUtf8(error ? error : "unknown error");
        sqlite3_free(error);
        die(QStringLiteral("%1: %2").arg(QString::fromUtf8(sql), message));
    }
}

sqlite3_stmt *prepareSqlite(sqlite3 *db, const QByteArray &sql)
{
    sqlite3_stmt *statement = nullptr;
    if (sqlite3_prepare_v2(db, sql.constData(), int(sql.size()), &statement, nullptr) != SQLITE_OK)
        die(QStringLiteral("%1: %2").arg(QString::fromUtf8(sql), sqliteMessage(db)));
    return statement;
}

// One update_events row; its texts are indexes into the interned strings (a handful of phases,
// outcomes and reasons, and the fleet's firmware versions).
struct EventRow
{
    qint64 device;
    qint64 rollout;
    qint64 wave;
    qint64 time;
    int texts[5]; // phase, outcome, reason, from_version, to_version
};

} // namespace

void removeDatabase(const QString &path)
{
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
        QFile::remove(path + suffix);
}

void copyDatabase(const QString &from, const QString &to)
{
    removeDatabase(to);
    if (!QFile::copy(from, to))
        die(QStringLiteral("cannot copy %1 to %2").arg(from, to));
    const QString wal = from + QStringLiteral("-wal");
    if (QFile::exists(wal) && !QFile::copy(wal, to + QStringLiteral("-wal")))
        die(QStringLiteral("cannot copy %1").arg(wal));
}

BenchRelease insertAllModelsRelease(const QString &path, QDate today)
{
    Result<Database> opened = Database::open(path);
    if (!opened)
        die(opened.error().text());
    Database &database = opened.value();
    QSqlQuery q(database.connection());
    const auto run = [&q](const QString &what) {
        if (!q.exec())
            die(QStringLiteral("%1: %2").arg(what, q.lastError().text()));
    };

    BenchRelease release;
    q.prepare(QStringLiteral("SELECT max(s) FROM (SELECT max(sequence) AS s FROM firmware_versions "
                             "UNION ALL SELECT max(sequence) FROM releases)"));
    run(QStringLiteral("read the newest sequence number"));
    release.sequence = (q.next() ? q.value(0).toLongLong() : 0) + 1;
    q.prepare(QStringLiteral("SELECT id, name FROM device_models ORDER BY id"));
    run(QStringLiteral("read the hardware models"));
    QList<int> modelIds;
    QStringList modelNames;
    while (q.next()) {
        modelIds.append(q.value(0).toInt());
        modelNames.append(q.value(1).toString());
    }
    if (modelIds.isEmpty())
        die(QStringLiteral("%1 has no hardware models").arg(path));
    release.models = int(modelIds.size());
    release.version = QStringLiteral("bench-%1").arg(release.sequence);

    ReleaseNotes notes;
    notes.version = release.version;
    notes.type = ReleaseType::Security;
    notes.patchLevel = PatchLevel(QDate(today.year(), today.month(), 1));
    notes.targetModels = modelNames;
    notes.changes.append(
        {QStringLiteral("Fix an out-of-bounds write in the modem's SMS PDU parser."),
         ChangeKind::Security,
         {QStringLiteral("CVE-2099-20001")},
         VulnerabilitySeverity::Critical});
    notes.endUserNotice = QStringLiteral("This is a security update for your device. It fixes a "
                                         "security problem in the modem. Install it as soon as "
                                         "you can.");
    const QByteArray notesJson = notes.toJson();
    if (const Result<ReleaseNotes> parsed = ReleaseNotes::parse(notesJson); !parsed)
        die(QStringLiteral("the bench release notes do not parse: %1").arg(parsed.error().text()));

    if (!database.connection().transaction())
        die(database.connection().lastError().text());
    const qint64 received = QDateTime(today.addDays(-3), QTime(9, 0), Qt::UTC).toSecsSinceEpoch();
    q.prepare(QStringLiteral(
        "INSERT INTO releases (version, vendor_id, class_id, sequence, release_type, patch_level, "
        "received, decided, state, notes, manifest, manifest_digest, signer, algorithm, "
        "store_path, imported_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    for (const QVariant &value :
         {QVariant(release.version), QVariant(QStringLiteral("bench")),
          QVariant(QStringLiteral("bench")), QVariant(release.sequence),
          QVariant(ReleaseNotes::typeName(ReleaseType::Security)),
          QVariant(EpochDay::fromDate(notes.patchLevel.date())), QVariant(received),
          QVariant(received + 3600), QVariant(ReleaseStates::name(ReleaseState::Approved)),
          QVariant(notesJson), QVariant(QByteArray("bench: no manifest")),
          QVariant(QStringLiteral("bench-%1").arg(release.sequence)),
          QVariant(QStringLiteral("bench")), QVariant(QStringLiteral("none")),
          QVariant(QStringLiteral("")), QVariant(QStringLiteral("bench"))})
        q.addBindValue(value);
    run(QStringLiteral("insert the bench release"));
    release.id = q.lastInsertId().toLongLong();
    q.prepare(QStringLiteral("INSERT INTO release_models (release_id, model_id) VALUES (?, ?)"));
    for (int model : std::as_const(modelIds)) {
        q.addBindValue(release.id);
        q.addBindValue(model);
        run(QStringLiteral("insert the release's models"));
    }
    if (!database.connection().commit())
        die(database.connection().lastError().text());
    return release;
}

RolloutPlan benchPlan(qint64 releaseId)
{
    RolloutPlan plan;
    plan.releaseId = releaseId;
    plan.name = QStringLiteral("bench rollout");
    plan.targets.includeRooted = true;
    plan.targets.includePorted = true;
    plan.targets.includeUnsupported = true;
    plan.waves = RolloutPlan::defaultWaves();
    // The default waves with their default thresholds: the rollout runs as an operator would
    // plan it (and would halt, failing the bench, if the thresholds tripped on timing).
    plan.window = MaintenanceWindow{true, QTime(1, 0), QTime(5, 0)};
    return plan;
}

InsertBaseline measureInsertBaseline(const QString &source, const QString &scratch,
                                     qint64 startClock, qint64 maxStepSeconds)
{
    InsertBaseline result;
    removeDatabase(scratch);
    sqlite3 *from = openSqlite(source, SQLITE_OPEN_READONLY);
    sqlite3 *to = openSqlite(scratch, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    // As Database::open sets them up (foreign keys aside: nothing to refer to here).
    for (const char *pragma :
         {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL", "PRAGMA temp_store=MEMORY"})
        execSqlite(to, pragma);

    // The table and both of its indexes, exactly as the fleet database declares them.
    sqlite3_stmt *schema = prepareSqlite(
        from,
        "SELECT sql FROM sqlite_master WHERE tbl_name = 'update_events' AND sql IS NOT NULL "
        "ORDER BY type = 'table' DESC, name");
    int declared = 0;
    while (sqlite3_step(schema) == SQLITE_ROW) {
        execSqlite(to, QByteArray(reinterpret_cast<const char *>(sqlite3_column_text(schema, 0))));
        ++declared;
    }
    sqlite3_finalize(schema);
    if (declared < 2)
        die(QStringLiteral("%1 has no update_events table").arg(source));

    sqlite3_stmt *read
        = prepareSqlite(from,
                        "SELECT device_id, rollout_id, wave, phase, outcome, reason, from_version, "
                        "to_version, time FROM update_events ORDER BY id");
    sqlite3_stmt *insert = prepareSqlite(
        to,
        "INSERT INTO update_events (device_id, rollout_id, wave, phase, outcome, reason, "
        "from_version, to_version, time) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    sqlite3_stmt *begin = prepareSqlite(to, "BEGIN");
    sqlite3_stmt *commit = prepareSqlite(to, "COMMIT");

    std::vector<QByteArray> strings;
    QHash<QByteArray, int> interned;
    const auto intern = [&](int column) {
        const QByteArray text(reinterpret_cast<const char *>(sqlite3_column_text(read, column)),
                              sqlite3_column_bytes(read, column));
        const auto found = interned.constFind(text);
        if (found != interned.cend())
            return found.value();
        strings.push_back(text);
        interned.insert(text, int(strings.size() - 1));
        return int(strings.size() - 1);
    };

    std::vector<EventRow> buffer;
    Stopwatch watch;
    const auto stepOk = [&](sqlite3_stmt *statement) {
        if (sqlite3_step(statement) != SQLITE_DONE)
            die(QStringLiteral("baseline insert: %1").arg(sqliteMessage(to)));
        sqlite3_reset(statement);
    };
    const auto flush = [&] {
        if (buffer.empty())
            return;
        watch.restart();
        stepOk(begin);
        for (const EventRow &row : buffer) {
            sqlite3_bind_int64(insert, 1, row.device);
            sqlite3_bind_int64(insert, 2, row.rollout);
            sqlite3_bind_int64(insert, 3, row.wave);
            for (int i = 0; i < 5; ++i) {
                const QByteArray &text = strings[std::size_t(row.texts[i])];
                sqlite3_bind_text(insert, 4 + i, text.constData(), int(text.size()), SQLITE_STATIC);
            }
            sqlite3_bind_int64(insert, 9, row.time);
            stepOk(insert);
        }
        stepOk(commit);
        result.ms += watch.elapsedMs();
        result.rows += qint64(buffer.size());
        ++result.transactions;
        result.largestTransaction = std::max(result.largestTransaction, qint64(buffer.size()));
        buffer.clear();
    };

    // The backend's steps: from the clock, at most maxStepSeconds; when nothing is due within
    // that, straight to the next due time (its events then form the step).
    qint64 clock = startClock;
    qint64 until = startClock;
    int status = SQLITE_ROW;
    while ((status = sqlite3_step(read)) == SQLITE_ROW) {
        EventRow row;
        row.device = sqlite3_column_int64(read, 0);
        row.rollout = sqlite3_column_int64(read, 1);
        row.wave = sqlite3_column_int64(read, 2);
        for (int i = 0; i < 5; ++i)
            row.texts[i] = intern(3 + i);
        row.time = sqlite3_column_int64(read, 8);
        if (row.time > until) {
            flush();
            clock = until;
            until = clock + maxStepSeconds;
            if (row.time > until)
                until = row.time;
        }
        buffer.push_back(row);
    }
    if (status != SQLITE_DONE)
        die(QStringLiteral("reading the events: %1").arg(sqliteMessage(from)));
    flush();

    for (sqlite3_stmt *statement : {read, insert, begin, commit})
        sqlite3_finalize(statement);
    sqlite3_close(from);
    sqlite3_close(to);
    removeDatabase(scratch);
    return result;
}

} // namespace Patchboard::Bench
