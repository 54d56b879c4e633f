// SPDX-License-Identifier: Apache-2.0
#include "devicescan.h"
#include "database.h"
#include "preparedstatement.h"

#include <QCoreApplication>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>

#include <sqlite3.h>

#include <memory>

namespace Patchboard::DeviceScan {

namespace {

// The translation context of this file's messages. Call Tr::tr() everywhere, also in free
// functions and lambdas: lupdate takes the context from Q_DECLARE_TR_FUNCTIONS, so the context
// it extracts is the one looked up at run time (for a plain tr() it uses the enclosing scope).
class Tr
{
    Q_DECLARE_TR_FUNCTIONS(Patchboard::DeviceScan)
};

const char scanSql[] = "SELECT id, device_id, model_id, region_id, firmware_id, patch_level, "
                       "patch_applied, last_checkin, update_state, exception_flags "
                       "FROM devices ORDER BY device_id";

ServiceError cancelledError()
{
    return ServiceError::make(ServiceError::Code::Cancelled, Tr::tr("Loading was cancelled."));
}

Status scanSqlite(Database &database, sqlite3 *handle,
                  const std::function<bool(const StoredDevice &)> &visit,
                  const std::function<bool()> &cancelled)
{
    sqlite3_stmt *raw = nullptr;
    auto failure = [&](int code) {
        const bool corrupt = code == SQLITE_CORRUPT || code == SQLITE_NOTADB;
        return ServiceError::make(
            corrupt ? ServiceError::Code::StorageCorrupt : ServiceError::Code::StorageFailure,
            Tr::tr("Could not read the devices from '%1': %2")
                .arg(database.path(), QString::fromUtf8(sqlite3_errmsg(handle))),
            corrupt
                ? Tr::tr("The file is damaged; restore it from a backup, or choose another file "
                         "with --database FILE. Nothing was changed.")
                : Tr::tr("Check that the disk is readable."));
    };
    const int prepared = sqlite3_prepare_v2(handle, scanSql, -1, &raw, nullptr);
    std::unique_ptr<sqlite3_stmt, decltype(&sqlite3_finalize)> statement(raw, &sqlite3_finalize);
    if (prepared != SQLITE_OK)
        return failure(prepared);
    StoredDevice row;
    int step;
    std::size_t count = 0;
    while ((step = sqlite3_step(raw)) == SQLITE_ROW) {
        if ((++count & 0x3fff) == 0 && cancelled && cancelled())
            return cancelledError();
        row.id = sqlite3_column_int64(raw, 0);
        const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(raw, 1));
        row.deviceId = QByteArrayView(text, text ? sqlite3_column_bytes(raw, 1) : 0);
        row.model = sqlite3_column_int(raw, 2);
        row.region = sqlite3_column_int(raw, 3);
        row.firmware = sqlite3_column_int64(raw, 4);
        row.patchLevel = sqlite3_column_int64(raw, 5);
        row.patchApplied = sqlite3_column_int64(raw, 6);
        row.lastCheckIn = sqlite3_column_int64(raw, 7);
        row.updateState = sqlite3_column_int(raw, 8);
        row.exceptions = sqlite3_column_int(raw, 9);
        if (!visit(row))
            return Done{};
    }
    if (step != SQLITE_DONE)
        return failure(step);
    return Done{};
}

} // namespace

Status scan(Database &database, const std::function<bool(const StoredDevice &)> &visit,
            const std::function<bool()> &cancelled)
{
    if (sqlite3 *handle = sqliteHandle(database))
        return scanSqlite(database, handle, visit, cancelled);

    // Any other Qt SQL driver: the portable, slower path.
    QSqlQuery query(database.connection());
    query.setForwardOnly(true);
    if (!query.exec(QString::fromLatin1(scanSql)))
        return database.error(query.lastError(), Tr::tr("read the devices"));
    StoredDevice row;
    std::size_t count = 0;
    while (query.next()) {
        if ((++count & 0x3fff) == 0 && cancelled && cancelled())
            return cancelledError();
        const QByteArray id = query.value(1).toString().toUtf8();
        row.id = query.value(0).toLongLong();
        row.deviceId = QByteArrayView(id);
        row.model = query.value(2).toInt();
        row.region = query.value(3).toInt();
        row.firmware = query.value(4).toLongLong();
        row.patchLevel = query.value(5).toLongLong();
        row.patchApplied = query.value(6).toLongLong();
        row.lastCheckIn = query.value(7).toLongLong();
        row.updateState = query.value(8).toInt();
        row.exceptions = query.value(9).toInt();
        if (!visit(row))
            return Done{};
    }
    if (query.lastError().isValid())
        return database.error(query.lastError(), Tr::tr("read the devices"));
    return Done{};
}

} // namespace Patchboard::DeviceScan
