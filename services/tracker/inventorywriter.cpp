// SPDX-License-Identifier: Apache-2.0
#include "inventorywriter.h"

#include "audit/auditlog.h"
#include "storage/database.h"
#include "storage/preparedstatement.h"

#include <QCoreApplication>
#include <QElapsedTimer>
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
    Q_DECLARE_TR_FUNCTIONS(Patchboard::InventoryWriter)
};

// How long an import waits for another writer of the file (the rollout simulator commits every
// few hundred milliseconds; a second Patchboard may hold it longer) before it gives up.
constexpr qint64 MaxWaitMs = 60000;

ServiceError cancelled()
{
    return ServiceError::make(ServiceError::Code::Cancelled,
                              Tr::tr("The import was cancelled; no device was changed."));
}

bool isBusy(const QSqlError &error)
{
    const int code = error.nativeErrorCode().toInt() & 0xff;
    return code == 5 /* SQLITE_BUSY */ || code == 6 /* SQLITE_LOCKED */;
}

// BEGIN IMMEDIATE takes the write lock at once: a deferred transaction that reads first could
// find, when it starts writing, that the simulator committed meanwhile (SQLITE_BUSY_SNAPSHOT).
// Each attempt waits the connection's busy timeout. On PostgreSQL a plain BEGIN (rows lock as
// they are written), which does not fail for being busy.
Status begin(Database &database, const InventoryWriter::Progress &progress)
{
    QElapsedTimer waited;
    waited.start();
    for (;;) {
        QSqlQuery query(database.connection());
        if (query.exec(database.dialect().beginWrite()))
            return Done{};
        const QSqlError error = query.lastError();
        if (!database.dialect().isSQLite() || !isBusy(error) || waited.elapsed() > MaxWaitMs)
            return database.error(error, Tr::tr("start writing the devices"));
        if (progress && !progress(0, 0))
            return cancelled();
    }
}

void rollback(Database &database)
{
    QSqlQuery query(database.connection());
    query.exec(QStringLiteral("ROLLBACK"));
}

} // namespace

Status InventoryWriter::write(Database &database, const DeviceIdSet &ids, std::vector<Row> &rows,
                              const Audit &audit, const Progress &progress)
{
    // New devices in device-ID order, then the stored ones in storage order.
    std::sort(rows.begin(), rows.end(), [&ids](const Row &a, const Row &b) {
        if ((a.storageId == 0) != (b.storageId == 0))
            return a.storageId == 0;
        if (a.storageId != 0)
            return a.storageId < b.storageId;
        return ids.id(a.id).compare(ids.id(b.id)) < 0;
    });

    Result<PreparedStatement> insert = PreparedStatement::prepare(
        database,
        QStringLiteral("INSERT INTO devices (device_id, model_id, region_id, firmware_id, "
                       "patch_level, patch_applied, last_checkin, update_state, exception_flags) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?)"),
        Tr::tr("add a device"));
    if (!insert)
        return insert.error();
    // An empty optional value keeps what is stored (NULL -> coalesce).
    Result<PreparedStatement> update = PreparedStatement::prepare(
        database,
        QStringLiteral("UPDATE devices SET model_id = ?, region_id = ?, firmware_id = ?, "
                       "patch_level = ?, patch_applied = coalesce(?, patch_applied), "
                       "last_checkin = coalesce(?, last_checkin), "
                       "exception_flags = coalesce(?, exception_flags) WHERE id = ?"),
        Tr::tr("update a device"));
    if (!update)
        return update.error();

    if (const Status started = begin(database, progress); !started)
        return started;
    auto fail = [&](const ServiceError &error) -> Status {
        rollback(database);
        return error;
    };
    const qint64 total = qint64(rows.size());
    qint64 written = 0;
    for (const Row &row : std::as_const(rows)) {
        const QByteArrayView id = ids.id(row.id);
        if (row.storageId == 0) {
            PreparedStatement &statement = insert.value();
            // A view into the set's characters: no copy, and it outlives exec().
            statement.bindText(0, QByteArray::fromRawData(id.data(), id.size()));
            statement.bind(1, qint64(row.model));
            statement.bind(2, qint64(row.region));
            statement.bind(3, row.firmware);
            statement.bind(4, qint64(row.patchLevel));
            statement.bind(5, qint64(row.patchApplied));
            statement.bind(6, row.lastCheckIn);
            statement.bind(7, qint64(row.exceptions));
            if (const Status done = statement.exec(); !done) {
                ServiceError error = done.error();
                error.message = Tr::tr("Device %1 could not be added, so no device was changed: "
                                       "%2")
                                    .arg(QString::fromUtf8(id), error.message);
                return fail(error);
            }
        } else {
            PreparedStatement &statement = update.value();
            statement.bind(0, qint64(row.model));
            statement.bind(1, qint64(row.region));
            statement.bind(2, row.firmware);
            statement.bind(3, qint64(row.patchLevel));
            if (row.hasPatchApplied)
                statement.bind(4, qint64(row.patchApplied));
            else
                statement.bindNull(4);
            if (row.hasLastCheckIn)
                statement.bind(5, row.lastCheckIn);
            else
                statement.bindNull(5);
            if (row.hasExceptions)
                statement.bind(6, qint64(row.exceptions));
            else
                statement.bindNull(6);
            statement.bind(7, row.storageId);
            if (const Status done = statement.exec(); !done) {
                ServiceError error = done.error();
                error.message = Tr::tr("Device %1 could not be updated, so no device was "
                                       "changed: %2")
                                    .arg(QString::fromUtf8(id), error.message);
                return fail(error);
            }
        }
        ++written;
        if (progress && (written % 8192 == 0 || written == total) && !progress(written, total))
            return fail(cancelled());
    }

    const Result<AuditEntry> audited = AuditLog(database).appendWithinTransaction(
        audit.who.name, Operator::roleName(audit.who.role), QStringLiteral("device.import"),
        audit.subject, audit.details, audit.time);
    if (!audited)
        return fail(audited.error());
    // The last chance to cancel: after COMMIT the devices are there.
    if (progress && !progress(written, total))
        return fail(cancelled());
    QSqlQuery commit(database.connection());
    if (!commit.exec(QStringLiteral("COMMIT"))) {
        const ServiceError error = database.error(commit.lastError(), Tr::tr("save the devices"));
        return fail(error);
    }
    return Done{};
}

} // namespace Patchboard
