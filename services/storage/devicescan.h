// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/result.h"

#include <QByteArrayView>

#include <functional>

namespace Patchboard {

class Database;

// One row of the devices table, as stored (see migrations.cpp).
struct StoredDevice
{
    qint64 id = 0;
    QByteArrayView deviceId; // UTF-8, valid only during the visit
    int model = 0;
    int region = 0;
    qint64 firmware = 0;
    qint64 patchLevel = 0;   // epoch days
    qint64 patchApplied = 0; // epoch days
    qint64 lastCheckIn = 0;  // Unix seconds
    int updateState = 0;
    int exceptions = 0;
};

namespace DeviceScan {

// Visits every device in device-ID order. visit returns false to stop (the caller keeps its own
// reason); cancelled() is polled every few thousand rows. On SQLite the rows are read through
// the sqlite3 handle of the Qt connection: for a million rows that takes about half the time of
// QSqlQuery, whose per-cell QVariant dominates (measured by bench_devicebrowser).
Status scan(Database &database, const std::function<bool(const StoredDevice &)> &visit,
            const std::function<bool()> &cancelled = {});

} // namespace DeviceScan
} // namespace Patchboard
