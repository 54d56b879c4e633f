// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QMetaType>
#include <QString>

namespace Patchboard {

// Why a row cannot be imported. The numbers are not stored; the report counts per kind.
enum class InventoryProblemKind {
    FieldCount, // more values than the header has columns
    MissingValue, // a required value is empty
    BadText, // not valid UTF-8
    BadImeiCheckDigit, // 15 digits whose Luhn check digit is wrong
    BadDeviceId, // neither an IMEI nor a serial number
    UnknownModel,
    AmbiguousModel, // the name fits models of several manufacturers
    UnknownRegion,
    UnknownFirmware, // not a known build of the model, or no build fits the patch level
    BadDate,
    FutureDate,
    BadFlag, // an exception or yes/no value that is not understood
    Duplicate, // the device ID is on an earlier line of the file too
    AlreadyInDatabase, // the device exists and the operator chose not to update devices
};
constexpr int InventoryProblemKindCount = 14;

struct InventoryProblem
{
    qint64 line = 0;
    int field = -1; // an InventoryField, or -1 for the whole row
    QString column; // the CSV column's header name; empty for the whole row
    QString value; // as in the file (shortened)
    InventoryProblemKind kind = InventoryProblemKind::MissingValue;
    QString reason; // translated sentence

    static QString kindName(InventoryProblemKind kind); // translated: "bad IMEI check digit"
    static QString kindKey(InventoryProblemKind kind); // stable: "bad-imei-check-digit"
};

} // namespace Patchboard

Q_DECLARE_METATYPE(Patchboard::InventoryProblem)
