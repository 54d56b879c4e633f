// SPDX-License-Identifier: Apache-2.0
#include "inventoryproblem.h"

#include <QCoreApplication>

namespace Patchboard {

namespace {

// The translation context of this file's messages. Call Tr::tr() everywhere, also in free
// functions and lambdas: lupdate takes the context from Q_DECLARE_TR_FUNCTIONS, so the context
// it extracts is the one looked up at run time (for a plain tr() it uses the enclosing scope).
class Tr
{
    Q_DECLARE_TR_FUNCTIONS(Patchboard::InventoryProblem)
};

} // namespace

QString InventoryProblem::kindName(InventoryProblemKind kind)
{
    switch (kind) {
    case InventoryProblemKind::FieldCount:
        return Tr::tr("too many values");
    case InventoryProblemKind::MissingValue:
        return Tr::tr("missing value");
    case InventoryProblemKind::BadText:
        return Tr::tr("not UTF-8 text");
    case InventoryProblemKind::BadImeiCheckDigit:
        return Tr::tr("bad IMEI check digit");
    case InventoryProblemKind::BadDeviceId:
        return Tr::tr("bad device ID");
    case InventoryProblemKind::UnknownModel:
        return Tr::tr("unknown hardware model");
    case InventoryProblemKind::AmbiguousModel:
        return Tr::tr("ambiguous hardware model");
    case InventoryProblemKind::UnknownRegion:
        return Tr::tr("unknown region");
    case InventoryProblemKind::UnknownFirmware:
        return Tr::tr("unknown firmware version");
    case InventoryProblemKind::BadDate:
        return Tr::tr("malformed date");
    case InventoryProblemKind::FutureDate:
        return Tr::tr("date in the future");
    case InventoryProblemKind::BadFlag:
        return Tr::tr("unknown exception flag");
    case InventoryProblemKind::Duplicate:
        return Tr::tr("duplicate device ID");
    case InventoryProblemKind::AlreadyInDatabase:
        return Tr::tr("device already known");
    }
    return {};
}

QString InventoryProblem::kindKey(InventoryProblemKind kind)
{
    static const char *const keys[]
        = {"field-count",      "missing-value",      "bad-text",        "bad-imei-check-digit",
           "bad-device-id",    "unknown-model",      "ambiguous-model", "unknown-region",
           "unknown-firmware", "bad-date",           "future-date",     "bad-flag",
           "duplicate",        "already-in-database"};
    static_assert(sizeof(keys) / sizeof(keys[0]) == InventoryProblemKindCount);
    return QString::fromLatin1(keys[int(kind)]);
}

} // namespace Patchboard
