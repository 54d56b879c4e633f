// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/result.h"
#include "domain/operator.h"
#include "inventorymapping.h"
#include "inventoryvalidator.h"

#include <QDate>
#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QSet>
#include <QString>
#include <QStringList>

#include <array>
#include <functional>

namespace Patchboard {

class Database;

struct InventoryOptions
{
    // An MNO re-importing its inventory expects its devices to be brought up to date; with
    // false, a device that is already stored is a problem of its row and nothing is written.
    bool updateExisting = true;
    QDate today; // invalid: the current date (tests fix it)
    QDateTime now; // invalid: the current time
    int problemLimit = 1000; // problems listed in the report; all are counted
};

// The start of a file, to choose the column mapping: what was detected, the header, the first
// rows as text, the guessed mapping and the catalog the rows are matched against.
struct InventoryPreview
{
    QString path;
    qint64 bytes = 0;
    QString encoding; // translated name
    char separator = ',';
    QString separatorName; // translated
    QStringList header;
    QList<QStringList> rows; // the first data rows, as text
    QList<qint64> lines; // the line each of them starts on
    bool moreRows = false; // the file goes on after them
    InventoryMapping guess;
    InventoryCatalog catalog;
    // Of every value in the rows that is a valid device ID (as stored), those the database holds
    // already: the preview says "update" or "add" whichever column the operator maps.
    QSet<QString> knownDeviceIds;
};

struct InventoryReport
{
    QString path;
    qint64 bytes = 0;
    qint64 rows = 0; // data rows read
    qint64 newDevices = 0; // of the rows without problems: devices not yet stored
    qint64 updatedDevices = 0;
    qint64 problemCount = 0;
    std::array<qint64, InventoryProblemKindCount> problemsByKind{};
    QList<InventoryProblem> problems; // the first ones, by line (InventoryOptions::problemLimit)
    bool written = false; // committed to the database
    bool updateExisting = true;
    QString sha256; // of the file, as the audit entry records it
    qint64 elapsedMs = 0;

    bool isClean() const { return problemCount == 0; }
    // "bad IMEI check digit: 3, unknown region: 1" (translated)
    QString problemSummary() const;
};

struct InventoryProgress
{
    enum class Phase { Reading, Writing };
    Phase phase = Phase::Reading;
    qint64 rows = 0; // rows read so far
    qint64 bytes = 0; // bytes read so far
    qint64 totalBytes = 0;
    qint64 written = 0; // devices written so far
    qint64 toWrite = 0;
};

// Imports a device inventory from CSV into the fleet database: all or nothing.
//
// 1. Every row is checked (InventoryValidator), device IDs against the earlier rows (duplicates)
//    and against the stored devices; the report lists each problem with its line and reason.
// 2. Only when no row has a problem, and the operator may (Permission::ImportDevices), the
//    devices are inserted or updated in ONE transaction, together with the audit entry. A
//    failure, a cancellation or a concurrent writer that never lets go leaves the database as
//    it was.
// Works on the calling thread's connection; the console runs it on a worker thread
// (InventoryImportBackend).
class InventoryImport
{
public:
    // Return false to cancel.
    using Progress = std::function<bool(const InventoryProgress &)>;

    static constexpr int PreviewRows = 20;

    // Reads the start of path: header, first rows, detected encoding and separator, guessed
    // mapping; and the catalog of database. Refuses a file that is not CSV, is empty or has a
    // header only, with a message that says so.
    static Result<InventoryPreview> inspect(Database &database, const QString &path,
                                            int rows = PreviewRows);

    // Checks every row of path; nothing is written.
    static Result<InventoryReport> validate(Database &database, const QString &path,
                                            const InventoryMapping &mapping,
                                            const InventoryOptions &options,
                                            const Progress &progress = {});

    // Checks every row and, when all are good, writes them with an audit entry naming who.
    // A report with problems means nothing was written (report.written is false).
    static Result<InventoryReport> run(Database &database, const QString &path,
                                       const InventoryMapping &mapping,
                                       const InventoryOptions &options, const Operator &who,
                                       const Progress &progress = {});

    // The report's problems as CSV (UTF-8, RFC 4180): line, column, value, problem, reason.
    static Status writeProblems(const InventoryReport &report, const QString &path);

private:
    static Result<InventoryReport> process(Database &database, const QString &path,
                                           const InventoryMapping &mapping,
                                           const InventoryOptions &options, const Operator *who,
                                           const Progress &progress);
};

} // namespace Patchboard

Q_DECLARE_METATYPE(Patchboard::InventoryPreview)
Q_DECLARE_METATYPE(Patchboard::InventoryReport)
