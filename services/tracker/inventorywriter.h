// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/result.h"
#include "deviceidset.h"
#include "domain/operator.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>

#include <functional>
#include <vector>

namespace Patchboard {

class Database;

// The write step of an inventory import (InventoryImport::run): the checked rows go into the
// devices table in one transaction with the audit entry, or nothing does.
class InventoryWriter
{
public:
    // One checked row; the device ID is entry `id` of the DeviceIdSet.
    struct Row
    {
        qint64 id = 0;
        qint64 storageId = 0; // devices.id of a stored device, 0 for a new one
        qint64 firmware = 0;
        qint64 lastCheckIn = 0; // Unix seconds
        qint32 patchLevel = 0; // epoch days
        qint32 patchApplied = 0;
        quint16 model = 0;
        quint16 region = 0;
        qint8 exceptions = 0;
        bool hasPatchApplied = false; // false: a stored device keeps its value
        bool hasLastCheckIn = false;
        bool hasExceptions = false;
    };

    // Return false to cancel; called every few thousand rows with (written, total).
    using Progress = std::function<bool(qint64 written, qint64 total)>;

    struct Audit
    {
        Operator who;
        QString subject; // the file name
        QJsonObject details;
        QDateTime time;
    };

    // Inserts the new rows (in device-ID order, so that the unique index grows at its end as far
    // as possible) and updates the stored ones, then appends the audit entry, and commits. Waits
    // for a concurrent writer (the rollout simulator) up to a minute, cancellably. rows is sorted.
    static Status write(Database &database, const DeviceIdSet &ids, std::vector<Row> &rows,
                        const Audit &audit, const Progress &progress);
};

} // namespace Patchboard
