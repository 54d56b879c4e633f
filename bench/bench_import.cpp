// SPDX-License-Identifier: Apache-2.0
//
// Device inventory import from CSV (issue #7) at a million rows: File > Import Devices as the
// console runs it (InventoryImport on its own connection), into a fresh demo database. Every
// figure is one line, "name value unit", after the machine the run happened on.
//
// Set-up: a new demo fleet (DemoFleetGenerator, --demo-devices, the console's default 200,000)
// in a scratch file; a CSV of --rows new devices (IMEIs with valid check digits, the demo
// catalog's models, regions and firmware builds, dates, some quoted values, semicolons and CRLF
// as a European Excel writes them) next to it.
//
// Figures: the import's total time and rows/s, split into reading + checking and writing (the
// one transaction with the audit entry), and peak RSS. For comparison, the same rows, already
// resolved to ids, are inserted into a copy of the fresh database with one prepared sqlite3
// INSERT in one transaction and the same connection settings (WAL, synchronous=NORMAL):
// sqlite_baseline_*. The baseline is the floor for the write step; the import also reads and
// parses the text, checks every value, and looks up every ID among the stored ones.
//
// Target: a million rows in under 30 s (target_import_1m_s_le_30, scaled for --rows).
//
// Usage: bench_import [--rows N] [--demo-devices M] [--dir DIR] [--keep]

#include "benchutil.h"

#include "domain/operator.h"
#include "simulation/demofleetgenerator.h"
#include "storage/database.h"
#include "storage/epochday.h"
#include "tracker/inventoryimport.h"
#include "tracker/inventoryvalidator.h"
#include "tracker/inventoryvalues.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlQuery>
#include <QTextStream>

#include <sqlite3.h>

#include <cstdlib>
#include <vector>

using namespace Patchboard;
using namespace Patchboard::Bench;

namespace {

const QDate Today(2025, 11, 5);

[[noreturn]] void die(const QString &message)
{
    QTextStream(stderr) << "bench_import: " << message << Qt::endl;
    std::exit(1);
}

void removeDatabase(const QString &path)
{
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
        QFile::remove(path + suffix);
}

// One CSV row's values, resolved, for the baseline.
struct Row
{
    QByteArray deviceId;
    int model;
    int region;
    qint64 firmware;
    qint64 patchLevel;
    qint64 patchApplied;
    qint64 lastCheckIn;
    int exceptions;
};

QByteArray quoted(const QString &text)
{
    QByteArray utf8 = text.toUtf8();
    utf8.replace('"', "\"\"");
    return '"' + utf8 + '"';
}

// Writes the CSV and returns the rows it holds, resolved as the import will resolve them.
std::vector<Row> writeCsv(const QString &path, const InventoryCatalog &catalog, qint64 rows)
{
    std::vector<const InventoryCatalog::Build *> builds;
    for (const InventoryCatalog::Build &build : catalog.builds)
        builds.push_back(&build);
    if (builds.empty() || catalog.regions.isEmpty())
        die(QStringLiteral("the demo catalog has no firmware builds or regions"));
    QHash<int, const InventoryCatalog::Model *> models;
    for (const InventoryCatalog::Model &model : catalog.models)
        models.insert(model.id, &model);

    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        die(QStringLiteral("cannot write %1").arg(path));
    std::vector<Row> resolved;
    resolved.reserve(std::size_t(rows));
    QByteArray buffer = "IMEI;Manufacturer;Hardware model;Region;Firmware version;Security patch;"
                        "Patch applied;Last seen (UTC);Rooted;Notes\r\n";
    const qint64 noon = QDateTime(Today, QTime(12, 0), Qt::UTC).toSecsSinceEpoch();
    for (qint64 i = 0; i < rows; ++i) {
        // A TAC no demo model uses, so every row is a new device.
        QByteArray id = QByteArray::number(99100000000000LL + i);
        id += QByteArray::number(InventoryValues::luhnCheckDigit(id));
        const InventoryCatalog::Build &build
            = *builds[std::size_t(i * 7919 % qint64(builds.size()))];
        const InventoryCatalog::Model &model = *models.value(build.modelId);
        const InventoryCatalog::Region &region = catalog.regions[i % catalog.regions.size()];
        const QDate applied = qMin(Today, build.released.addDays(i % 20));
        const qint64 seen = noon - (i * 37) % (90 * 86400);
        const bool rooted = i % 97 == 0;
        resolved.push_back({id, model.id, region.id, build.id, EpochDay::fromDate(build.patchLevel),
                            EpochDay::fromDate(applied), seen, rooted ? 1 : 0});
        buffer += id + ';' + model.manufacturer.toUtf8() + ';'
            + (i % 3 == 0 ? quoted(model.name) : model.name.toUtf8()) + ';'
            + (i % 2 ? region.code.toUtf8() : region.name.toUtf8()) + ';' + build.version.toUtf8()
            + ';' + build.patchLevel.toString(Qt::ISODate).toUtf8() + ';'
            + applied.toString(Qt::ISODate).toUtf8() + ';'
            + QDateTime::fromSecsSinceEpoch(seen, Qt::UTC).toString(Qt::ISODate).toUtf8() + ';'
            + (rooted ? "yes" : "no") + ';'
            + (i % 50 == 0 ? QByteArray("\"shop; 2nd floor, \"\"B\"\"\"") : QByteArray()) + "\r\n";
        if (buffer.size() > (1 << 20)) {
            file.write(buffer);
            buffer.clear();
        }
    }
    file.write(buffer);
    return resolved;
}

// The same rows with one prepared INSERT in one transaction, straight through sqlite3.
double sqliteBaselineMs(const QString &path, const std::vector<Row> &rows)
{
    sqlite3 *db = nullptr;
    if (sqlite3_open(QFile::encodeName(path).constData(), &db) != SQLITE_OK)
        die(QStringLiteral("cannot open %1").arg(path));
    auto exec = [db](const char *sql) {
        if (sqlite3_exec(db, sql, nullptr, nullptr, nullptr) != SQLITE_OK)
            die(QStringLiteral("baseline: %1").arg(QString::fromUtf8(sqlite3_errmsg(db))));
    };
    exec("PRAGMA journal_mode=WAL");
    exec("PRAGMA synchronous=NORMAL");
    exec("PRAGMA foreign_keys=ON");
    sqlite3_stmt *insert = nullptr;
    sqlite3_prepare_v2(db,
                       "INSERT INTO devices (device_id, model_id, region_id, firmware_id, "
                       "patch_level, patch_applied, last_checkin, update_state, exception_flags) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?)",
                       -1, &insert, nullptr);
    const Stopwatch watch;
    exec("BEGIN IMMEDIATE");
    for (const Row &row : rows) {
        sqlite3_bind_text(insert, 1, row.deviceId.constData(), int(row.deviceId.size()),
                          SQLITE_STATIC);
        sqlite3_bind_int64(insert, 2, row.model);
        sqlite3_bind_int64(insert, 3, row.region);
        sqlite3_bind_int64(insert, 4, row.firmware);
        sqlite3_bind_int64(insert, 5, row.patchLevel);
        sqlite3_bind_int64(insert, 6, row.patchApplied);
        sqlite3_bind_int64(insert, 7, row.lastCheckIn);
        sqlite3_bind_int64(insert, 8, row.exceptions);
        if (sqlite3_step(insert) != SQLITE_DONE)
            die(QStringLiteral("baseline: %1").arg(QString::fromUtf8(sqlite3_errmsg(db))));
        sqlite3_reset(insert);
    }
    exec("COMMIT");
    const double ms = watch.elapsedMs();
    sqlite3_finalize(insert);
    sqlite3_close(db);
    return ms;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const Options options(QCoreApplication::arguments());
    const QStringList known = {QStringLiteral("--rows"), QStringLiteral("--demo-devices"),
                               QStringLiteral("--dir"), QStringLiteral("--keep")};
    if (const QStringList unknown = options.unknown(known); !unknown.isEmpty())
        die(QStringLiteral("unknown option %1; options: %2")
                .arg(unknown.first(), known.join(QLatin1Char(' '))));
    const qint64 rows = options.number(QStringLiteral("--rows"), 1000000);
    const qint64 demoDevices = options.number(QStringLiteral("--demo-devices"), 200000);
    if (rows < 1000 || rows > 10000000 || demoDevices < 0 || demoDevices > 2000000)
        die(QStringLiteral("--rows must be 1000..10000000, --demo-devices 0..2000000"));
    const QDir dir(options.text(QStringLiteral("--dir"), QDir::tempPath()));
    const QString base = dir.filePath(
        QStringLiteral("patchboard-bench-import-%1").arg(QCoreApplication::applicationPid()));
    const QString database = base + QStringLiteral(".db");
    const QString baseline = base + QStringLiteral("-baseline.db");
    const QString csv = base + QStringLiteral(".csv");
    static QStringList removeAtExit;
    if (!options.has(QStringLiteral("--keep")))
        removeAtExit = {database, baseline, csv};
    std::atexit([] {
        for (const QString &path : std::as_const(removeAtExit)) {
            removeDatabase(path);
        }
    });

    Report report;
    printMachine(report.out(), describeMachine());
    report.comment(QStringLiteral("rows %1, demo fleet %2 devices, reference date %3, files %4.*")
                       .arg(rows)
                       .arg(demoDevices)
                       .arg(Today.toString(Qt::ISODate), base));

    // A fresh demo database, as the console creates on first start.
    InventoryCatalog catalog;
    {
        Result<Database> opened = Database::open(database);
        if (!opened)
            die(opened.error().text());
        const Stopwatch watch;
        const Status generated
            = DemoFleetGenerator({int(demoDevices), 20241105, Today}).generate(opened.value());
        if (!generated)
            die(generated.error().text());
        report.figure(QStringLiteral("demo_fleet_generate_s"), watch.elapsedMs() / 1000,
                      QStringLiteral("s"));
        Result<InventoryCatalog> read = InventoryCatalog::read(opened.value());
        if (!read)
            die(read.error().text());
        catalog = read.value();
        QSqlQuery checkpoint(opened.value().connection());
        checkpoint.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
    }
    if (!QFile::copy(database, baseline))
        die(QStringLiteral("cannot copy %1").arg(database));

    Stopwatch watch;
    const std::vector<Row> resolved = writeCsv(csv, catalog, rows);
    report.figure(QStringLiteral("csv_write_s"), watch.elapsedMs() / 1000, QStringLiteral("s"));
    report.figure(QStringLiteral("csv_size_mb"), double(QFileInfo(csv).size()) / (1 << 20),
                  QStringLiteral("MiB"));

    // The import, as File > Import Devices runs it (on the worker thread's own connection).
    double writingStartMs = 0;
    double importMs = 0;
    InventoryReport imported;
    {
        Result<Database> opened = Database::open(database);
        if (!opened)
            die(opened.error().text());
        Result<InventoryPreview> preview = InventoryImport::inspect(opened.value(), csv);
        if (!preview)
            die(preview.error().text());
        InventoryOptions importOptions;
        importOptions.today = Today;
        importOptions.now = QDateTime(Today, QTime(23, 0), Qt::UTC);
        const Operator admin{QStringLiteral("bench"), OperatorRole::Administrator};
        watch.restart();
        Result<InventoryReport> result = InventoryImport::run(
            opened.value(), csv, preview.value().guess, importOptions, admin,
            [&](const InventoryProgress &p) {
                if (p.phase == InventoryProgress::Phase::Writing && writingStartMs == 0)
                    writingStartMs = watch.elapsedMs();
                return true;
            });
        importMs = watch.elapsedMs();
        if (!result)
            die(result.error().text());
        imported = result.value();
        if (!imported.written || imported.newDevices != rows)
            die(QStringLiteral("the import did not write every row: %1 new, problems: %2 (%3)")
                    .arg(imported.newDevices)
                    .arg(imported.problemSummary(), imported.problems.value(0).reason));
    }
    report.count(QStringLiteral("import_rows"), imported.rows, QStringLiteral("rows"));
    report.figure(QStringLiteral("import_total_s"), importMs / 1000, QStringLiteral("s"));
    report.figure(QStringLiteral("import_read_check_s"), writingStartMs / 1000,
                  QStringLiteral("s"));
    report.figure(QStringLiteral("import_write_s"), (importMs - writingStartMs) / 1000,
                  QStringLiteral("s"));
    report.figure(QStringLiteral("import_rows_per_s"), double(rows) * 1000 / importMs,
                  QStringLiteral("rows/s"));
    report.figure(QStringLiteral("import_peak_rss_mb"), peakRssMb(), QStringLiteral("MiB"));

    const double baselineMs = sqliteBaselineMs(baseline, resolved);
    report.figure(QStringLiteral("sqlite_baseline_insert_s"), baselineMs / 1000,
                  QStringLiteral("s"));
    report.figure(QStringLiteral("sqlite_baseline_rows_per_s"), double(rows) * 1000 / baselineMs,
                  QStringLiteral("rows/s"));
    report.figure(QStringLiteral("import_write_vs_baseline"),
                  (importMs - writingStartMs) / baselineMs, QStringLiteral("x"));

    report.target(QStringLiteral("target_import_1m_s_le_30"), importMs / 1000 * 1e6 / double(rows),
                  30, QStringLiteral("s"), QStringLiteral("import_total_s"));
    report.printTargets();
    return report.allTargetsPassed() ? 0 : 1;
}
