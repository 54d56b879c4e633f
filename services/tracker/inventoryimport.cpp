// SPDX-License-Identifier: Apache-2.0
#include "inventoryimport.h"

#include "auth/permissions.h"
#include "csvreader.h"
#include "devicecsv.h"
#include "deviceidset.h"
#include "inventoryvalues.h"
#include "inventorywriter.h"
#include "storage/database.h"
#include "storage/devicescan.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QSqlError>
#include <QSqlQuery>

#include <vector>

namespace Patchboard {

namespace {

// The translation context of this file's messages. Call Tr::tr() everywhere, also in free
// functions and lambdas: lupdate takes the context from Q_DECLARE_TR_FUNCTIONS, so the context
// it extracts is the one looked up at run time (for a plain tr() it uses the enclosing scope).
class Tr
{
    Q_DECLARE_TR_FUNCTIONS(Patchboard::InventoryImport)
};

ServiceError notCsv(const QString &message)
{
    return ServiceError::make(ServiceError::Code::InvalidArgument, message,
                              Tr::tr("Nothing was imported. Choose the CSV file your CRM or "
                                     "device-management tool exported."));
}

ServiceError cancelled()
{
    return ServiceError::make(ServiceError::Code::Cancelled,
                              Tr::tr("The import was cancelled; no device was changed."));
}

Status openFile(QFile &file)
{
    const QFileInfo info(file.fileName());
    if (info.isDir())
        return notCsv(Tr::tr("%1 is a folder, not a CSV file.").arg(file.fileName()));
    if (!file.open(QIODevice::ReadOnly)) {
        return ServiceError::make(
            ServiceError::Code::Io,
            Tr::tr("Cannot read %1: %2").arg(file.fileName(), file.errorString()),
            Tr::tr("Check the file name and that you may read the file."));
    }
    return Done{};
}

// The header record: column names, trimmed; a column without a name is called by its number.
Result<QStringList> readHeader(CsvReader &reader, const QString &path)
{
    const QString name = QFileInfo(path).fileName();
    if (!reader.start())
        return notCsv(Tr::tr("%1 cannot be imported: %2").arg(name, reader.errorString()));
    switch (reader.next()) {
    case CsvReader::Read::End:
        return notCsv(Tr::tr("%1 is empty.").arg(name));
    case CsvReader::Read::Error:
        return notCsv(Tr::tr("%1 cannot be imported: %2").arg(name, reader.errorString()));
    case CsvReader::Read::Record:
        break;
    }
    if (reader.fieldCount() < 2) {
        return notCsv(Tr::tr("The first line of %1 has a single column: it is not a CSV file with "
                             "semicolons, commas or tabs between the values.")
                          .arg(name));
    }
    QStringList header;
    for (int i = 0; i < reader.fieldCount(); ++i) {
        const QString text = reader.text(i).trimmed();
        header << (text.isEmpty() ? Tr::tr("Column %1").arg(i + 1) : text);
    }
    return header;
}

ServiceError headerOnly(const QString &path)
{
    return notCsv(
        Tr::tr("%1 has a header line but no device rows.").arg(QFileInfo(path).fileName()));
}

} // namespace

QString InventoryReport::problemSummary() const
{
    QStringList parts;
    for (int kind = 0; kind < InventoryProblemKindCount; ++kind) {
        if (problemsByKind[std::size_t(kind)] > 0)
            parts << Tr::tr("%1: %2")
                         .arg(InventoryProblem::kindName(InventoryProblemKind(kind)))
                         .arg(problemsByKind[std::size_t(kind)]);
    }
    return parts.join(QStringLiteral(", "));
}

Result<InventoryPreview> InventoryImport::inspect(Database &database, const QString &path, int rows)
{
    QFile file(path);
    if (const Status opened = openFile(file); !opened)
        return opened.error();
    CsvReader reader(&file);
    Result<QStringList> header = readHeader(reader, path);
    if (!header)
        return header.error();
    InventoryPreview preview;
    preview.path = path;
    preview.bytes = file.size();
    preview.encoding = CsvReader::encodingName(reader.encoding());
    preview.separator = reader.separator();
    preview.separatorName = CsvReader::separatorName(reader.separator());
    preview.header = header.value();
    for (;;) {
        const CsvReader::Read read = reader.next();
        if (read == CsvReader::Read::Error)
            return notCsv(reader.errorString());
        if (read == CsvReader::Read::End)
            break;
        if (preview.rows.size() == rows) {
            preview.moreRows = true;
            break;
        }
        QStringList values;
        for (int i = 0; i < reader.fieldCount(); ++i)
            values << reader.text(i);
        preview.rows << values;
        preview.lines << reader.line();
    }
    if (preview.rows.isEmpty())
        return headerOnly(path);
    preview.guess = InventoryMapping::guess(preview.header);
    Result<InventoryCatalog> catalog = InventoryCatalog::read(database);
    if (!catalog)
        return catalog.error();
    preview.catalog = std::move(catalog).value();
    QSet<QString> candidates;
    for (const QStringList &row : std::as_const(preview.rows)) {
        for (const QString &value : row) {
            const QByteArray utf8 = value.toUtf8();
            const InventoryValues::DeviceIdCheck id
                = InventoryValues::checkDeviceId(InventoryValues::trimmed(utf8));
            if (!id.deviceId.isEmpty())
                candidates.insert(QString::fromUtf8(id.deviceId));
        }
    }
    QSqlQuery known(database.connection());
    known.prepare(QStringLiteral("SELECT 1 FROM devices WHERE device_id = ?"));
    for (const QString &id : std::as_const(candidates)) {
        known.bindValue(0, id);
        if (!known.exec())
            return database.error(known.lastError(), Tr::tr("look up the devices"));
        if (known.next())
            preview.knownDeviceIds.insert(id);
        known.finish();
    }
    return preview;
}

Result<InventoryReport> InventoryImport::validate(Database &database, const QString &path,
                                                  const InventoryMapping &mapping,
                                                  const InventoryOptions &options,
                                                  const Progress &progress)
{
    return process(database, path, mapping, options, nullptr, progress);
}

Result<InventoryReport> InventoryImport::run(Database &database, const QString &path,
                                             const InventoryMapping &mapping,
                                             const InventoryOptions &options, const Operator &who,
                                             const Progress &progress)
{
    return process(database, path, mapping, options, &who, progress);
}

Result<InventoryReport> InventoryImport::process(Database &database, const QString &path,
                                                 const InventoryMapping &mapping,
                                                 const InventoryOptions &options,
                                                 const Operator *who, const Progress &progress)
{
    QElapsedTimer timer;
    timer.start();
    // Refused before the file is even opened: the role decides, not the file.
    if (who) {
        if (const Status allowed = Permissions::check(*who, Permission::ImportDevices); !allowed)
            return allowed.error();
    }
    const QDate today = options.today.isValid() ? options.today : QDate::currentDate();
    const QDateTime now = options.now.isValid() ? options.now : QDateTime::currentDateTimeUtc();

    QFile file(path);
    if (const Status opened = openFile(file); !opened)
        return opened.error();
    CsvReader reader(&file);
    QCryptographicHash digest(QCryptographicHash::Sha256);
    reader.setDigest(&digest);
    Result<QStringList> header = readHeader(reader, path);
    if (!header)
        return header.error();
    if (const QStringList problems = mapping.problems(int(header.value().size()));
        !problems.isEmpty())
        return ServiceError::make(ServiceError::Code::InvalidArgument,
                                  problems.join(QLatin1Char(' ')), Tr::tr("Nothing was imported."));
    Result<InventoryCatalog> catalog = InventoryCatalog::read(database);
    if (!catalog)
        return catalog.error();

    InventoryReport report;
    report.path = path;
    report.bytes = file.size();
    report.updateExisting = options.updateExisting;
    InventoryProgress state;
    state.totalBytes = report.bytes;
    auto goOn = [&] {
        return !progress || progress(state);
    };

    // The stored devices first, so that a file row can be told "new", "stored" or "duplicate"
    // in one lookup. About 60 bytes a row is a fair guess of a row's size for the reserve.
    DeviceIdSet ids;
    ids.reserve(qMin<qint64>(report.bytes / 60 + 1024, 50'000'000));
    const Status scanned = DeviceScan::scan(
        database,
        [&ids](const StoredDevice &device) {
            const qint64 entry = ids.insert(device.deviceId);
            if (entry >= 0)
                ids.entry(entry).storageId = device.id;
            return true;
        },
        [&] { return !goOn(); });
    if (!scanned)
        return scanned.error();
    if (!goOn())
        return cancelled();

    InventoryValidator validator(catalog.value(), mapping, header.value(), reader.separator(),
                                 today, now);
    std::vector<InventoryWriter::Row> rows;
    rows.reserve(std::size_t(qMin<qint64>(report.bytes / 60 + 16, 50'000'000)));
    std::vector<QByteArrayView> fields;
    QList<InventoryProblem> rowProblems;
    InventoryRecord record;
    for (;;) {
        const CsvReader::Read read = reader.next();
        if (read == CsvReader::Read::End)
            break;
        if (read == CsvReader::Read::Error)
            return notCsv(reader.errorString());
        ++report.rows;
        fields.resize(std::size_t(reader.fieldCount()));
        for (int i = 0; i < reader.fieldCount(); ++i)
            fields[std::size_t(i)] = reader.field(i);
        rowProblems.clear();
        bool good = validator.check(fields.data(), int(fields.size()), reader.line(), record,
                                    rowProblems);
        if (!record.deviceId.isEmpty()) {
            const qint64 entry = ids.insert(record.deviceId);
            DeviceIdSet::Entry &known = ids.entry(entry);
            auto problem = [&](InventoryProblemKind kind, const QString &reason) {
                InventoryProblem p;
                p.line = reader.line();
                p.field = int(InventoryField::DeviceId);
                p.column = header.value().value(mapping.column(InventoryField::DeviceId));
                p.value = QString::fromUtf8(record.deviceId);
                p.kind = kind;
                p.reason = reason;
                rowProblems.append(p);
                good = false;
            };
            if (known.line != 0) {
                problem(InventoryProblemKind::Duplicate,
                        Tr::tr("Device %1 is on line %2 already; a device is imported from one "
                               "line only.")
                            .arg(QString::fromUtf8(record.deviceId))
                            .arg(known.line));
            } else {
                known.line = quint32(qMin<qint64>(reader.line(), 0xffffffff));
                if (known.storageId != 0 && !options.updateExisting)
                    problem(InventoryProblemKind::AlreadyInDatabase,
                            Tr::tr("Device %1 is in the database already, and updating known "
                                   "devices was not chosen.")
                                .arg(QString::fromUtf8(record.deviceId)));
            }
            if (good) {
                InventoryWriter::Row row;
                row.id = entry;
                row.storageId = known.storageId;
                row.model = quint16(record.modelId);
                row.region = quint16(record.regionId);
                row.firmware = record.firmwareId;
                row.patchLevel = record.patchLevel;
                row.hasPatchApplied = record.patchApplied != InventoryRecord::NoDay;
                row.patchApplied
                    = row.hasPatchApplied ? record.patchApplied : record.defaultPatchApplied;
                row.hasLastCheckIn = record.lastCheckIn != InventoryRecord::NoTime;
                row.lastCheckIn = row.hasLastCheckIn ? record.lastCheckIn : now.toSecsSinceEpoch();
                row.hasExceptions = record.exceptions >= 0;
                row.exceptions = qint8(qMax(record.exceptions, 0));
                rows.push_back(row);
                ++(known.storageId ? report.updatedDevices : report.newDevices);
            }
        }
        for (const InventoryProblem &p : std::as_const(rowProblems)) {
            ++report.problemCount;
            ++report.problemsByKind[std::size_t(p.kind)];
            if (report.problems.size() < options.problemLimit)
                report.problems.append(p);
        }
        if (report.rows % 4096 == 0) {
            state.rows = report.rows;
            state.bytes = reader.bytesRead();
            if (!goOn())
                return cancelled();
        }
    }
    if (report.rows == 0)
        return headerOnly(path);
    state.rows = report.rows;
    state.bytes = reader.bytesRead();
    if (!goOn())
        return cancelled();
    report.sha256 = QString::fromLatin1(digest.result().toHex());
    report.elapsedMs = timer.elapsed();
    // All or nothing: one bad row and no device is written.
    if (!who || !report.isClean())
        return report;

    InventoryWriter::Audit audit;
    audit.who = *who;
    audit.subject = QFileInfo(path).fileName();
    audit.time = now;
    audit.details = {
        {QStringLiteral("file"), QFileInfo(path).absoluteFilePath()},
        {QStringLiteral("sha256"), report.sha256},
        {QStringLiteral("bytes"), report.bytes},
        {QStringLiteral("rows"), report.rows},
        {QStringLiteral("added"), report.newDevices},
        {QStringLiteral("updated"), report.updatedDevices},
        {QStringLiteral("known_devices"),
         options.updateExisting ? QStringLiteral("update") : QStringLiteral("refuse")},
    };
    state.phase = InventoryProgress::Phase::Writing;
    state.toWrite = qint64(rows.size());
    const Status written
        = InventoryWriter::write(database, ids, rows, audit, [&](qint64 done, qint64 total) {
              state.written = done;
              state.toWrite = qMax(total, state.toWrite);
              return goOn();
          });
    if (!written)
        return written.error();
    report.written = true;
    report.elapsedMs = timer.elapsed();
    return report;
}

Status InventoryImport::writeProblems(const InventoryReport &report, const QString &path)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        return ServiceError::make(ServiceError::Code::Io,
                                  Tr::tr("Cannot write %1: %2").arg(path, file.errorString()),
                                  Tr::tr("Choose a folder you can write to."));
    }
    auto line = [](const QStringList &values) {
        QStringList quoted;
        for (const QString &value : values)
            quoted << DeviceCsv::quote(value);
        return (quoted.join(QLatin1Char(',')) + QStringLiteral("\r\n")).toUtf8();
    };
    QByteArray text
        = line({QStringLiteral("line"), QStringLiteral("column"), QStringLiteral("value"),
                QStringLiteral("problem"), QStringLiteral("reason")});
    for (const InventoryProblem &p : report.problems) {
        text += line({QString::number(p.line), p.column, p.value, InventoryProblem::kindKey(p.kind),
                      p.reason});
    }
    if (file.write(text) != text.size() || !file.commit()) {
        return ServiceError::make(ServiceError::Code::Io,
                                  Tr::tr("Writing %1 failed: %2").arg(path, file.errorString()),
                                  Tr::tr("Check that the disk is not full."));
    }
    return Done{};
}

} // namespace Patchboard
