// SPDX-License-Identifier: Apache-2.0
#include "inventorymapping.h"

#include <QCoreApplication>

namespace Patchboard {

namespace {

// The translation context of this file's messages. Call Tr::tr() everywhere, also in free
// functions and lambdas: lupdate takes the context from Q_DECLARE_TR_FUNCTIONS, so the context
// it extracts is the one looked up at run time (for a plain tr() it uses the enclosing scope).
class Tr
{
    Q_DECLARE_TR_FUNCTIONS(Patchboard::InventoryMapping)
};

// "Security Patch-Level" -> "securitypatchlevel": case, spaces and punctuation do not matter.
QString normalised(const QString &header)
{
    QString key;
    key.reserve(header.size());
    for (const QChar c : header) {
        if (c.isLetterOrNumber())
            key += c.toLower();
    }
    return key;
}

struct Aliases
{
    InventoryField field;
    const char *const *names; // normalised, nullptr-terminated
};

// Exact names, normalised. Patchboard's own export comes first, then what CRM, MDM and
// device-management exports commonly call the column, then German.
const char *const deviceIdNames[]
    = {"deviceid",         "imei",         "deviceimei",   "imei1",
       "imeinumber",       "imeino",       "imeiorserial", "imeiserial",
       "deviceidentifier", "deviceserial", "serial",       "serialnumber",
       "serialno",         "sn",           "id",           "hardwareid",
       "equipmentid",      "geraet",       "gerät",        "geräteid",
       "seriennummer",     nullptr};
const char *const manufacturerNames[]
    = {"manufacturer",       "vendor",     "make",  "brand", "oem", "maker",
       "devicemanufacturer", "hersteller", "marke", nullptr};
const char *const modelNames[]
    = {"model",        "hardwaremodel", "devicemodel", "modelname",   "hwmodel",
       "handsetmodel", "handset",       "product",     "productname", "devicetype",
       "modell",       "gerätemodell",  "gerätetyp",   nullptr};
const char *const regionNames[] = {"region",    "regioncode", "country",    "countrycode", "market",
                                   "territory", "land",       "ländercode", nullptr};
const char *const firmwareNames[] = {
    "firmwareversion", "firmware",    "fwversion", "fw",           "softwareversion",  "swversion",
    "software",        "buildnumber", "build",     "buildversion", "robuilddisplayid", nullptr};
const char *const patchLevelNames[] = {"patchlevel",
                                       "securitypatch",
                                       "securitypatchlevel",
                                       "securitypatchdate",
                                       "spl",
                                       "androidsecuritypatch",
                                       "androidsecuritypatchlevel",
                                       "robuildversionsecuritypatch",
                                       "sicherheitspatch",
                                       "sicherheitspatchebene",
                                       "patchstand",
                                       nullptr};
const char *const patchAppliedNames[]
    = {"patchapplied",   "patchapplieddate", "patchappliedon",   "dateapplied", "patchedon",
       "patchinstalled", "installdate",      "installedon",      "lastupdate",  "lastupdated",
       "lastupdatedate", "updatedon",        "patchinstalliert", nullptr};
const char *const lastCheckInNames[]
    = {"lastcheckinutc", "lastcheckin",    "lastcheckintime", "lastseen",       "lastseenutc",
       "lastcontact",    "lastsync",       "lastconnected",   "lastconnection", "lastreport",
       "lastactivity",   "zuletztgesehen", "letzterkontakt",  nullptr};
const char *const exceptionNames[]
    = {"exceptions", "exceptionflags", "exception", "flags", "ausnahmen", nullptr};
const char *const rootedNames[]
    = {"rooted", "isrooted", "jailbroken", "rootdetected", "compromised", "gerootet", nullptr};
const char *const portedNames[]
    = {"ported", "isported", "portedout", "portout", "numberported", "portiert", nullptr};

const Aliases aliases[] = {
    {InventoryField::DeviceId, deviceIdNames},
    {InventoryField::Manufacturer, manufacturerNames},
    {InventoryField::Model, modelNames},
    {InventoryField::Region, regionNames},
    {InventoryField::FirmwareVersion, firmwareNames},
    {InventoryField::PatchLevel, patchLevelNames},
    {InventoryField::PatchApplied, patchAppliedNames},
    {InventoryField::LastCheckIn, lastCheckInNames},
    {InventoryField::Exceptions, exceptionNames},
    {InventoryField::Rooted, rootedNames},
    {InventoryField::Ported, portedNames},
};

// Second pass: a header that contains one of these words ("Device IMEI", "Security patch
// (Android)") means the field, when no column matched it exactly.
struct Word
{
    InventoryField field;
    const char *word;
};
const Word words[] = {
    {InventoryField::DeviceId, "imei"},
    {InventoryField::DeviceId, "serial"},
    {InventoryField::PatchLevel, "securitypatch"},
    {InventoryField::PatchLevel, "patchlevel"},
    {InventoryField::FirmwareVersion, "firmware"},
    {InventoryField::Model, "model"},
    {InventoryField::LastCheckIn, "lastseen"},
    {InventoryField::LastCheckIn, "checkin"},
    {InventoryField::Manufacturer, "manufacturer"},
};

} // namespace

InventoryMapping::InventoryMapping()
{
    m_columns.fill(-1);
}

QList<InventoryField> InventoryMapping::allFields()
{
    QList<InventoryField> fields;
    for (int i = 0; i < InventoryFieldCount; ++i)
        fields << InventoryField(i);
    return fields;
}

bool InventoryMapping::isRequired(InventoryField field)
{
    return field == InventoryField::DeviceId || field == InventoryField::Model
        || field == InventoryField::Region;
}

InventoryMapping InventoryMapping::guess(const QStringList &header)
{
    InventoryMapping mapping;
    QStringList keys;
    for (const QString &name : header)
        keys << normalised(name);
    QList<bool> used(header.size(), false);
    for (const Aliases &alias : aliases) {
        // The earlier a name is in the list, the better it fits: "imei" beats "id".
        for (const char *const *name = alias.names; *name && !mapping.isMapped(alias.field);
             ++name) {
            const QString wanted = QString::fromUtf8(*name);
            for (qsizetype column = 0; column < keys.size(); ++column) {
                if (!used[column] && keys[column] == wanted) {
                    mapping.setColumn(alias.field, int(column));
                    used[column] = true;
                    break;
                }
            }
        }
    }
    for (const Word &word : words) {
        if (mapping.isMapped(word.field))
            continue;
        for (qsizetype column = 0; column < keys.size(); ++column) {
            if (!used[column] && keys[column].contains(QLatin1String(word.word))) {
                mapping.setColumn(word.field, int(column));
                used[column] = true;
                break;
            }
        }
    }
    return mapping;
}

QStringList InventoryMapping::problems(int columnCount) const
{
    QStringList problems;
    for (InventoryField field : allFields()) {
        if (isRequired(field) && !isMapped(field))
            problems << Tr::tr("Choose the column that holds the %1.").arg(fieldName(field));
        if (column(field) >= columnCount)
            problems << Tr::tr("The file has no column %1 for the %2.")
                            .arg(column(field) + 1)
                            .arg(fieldName(field));
    }
    if (!isMapped(InventoryField::PatchLevel) && !isMapped(InventoryField::FirmwareVersion))
        problems << Tr::tr("Choose the column of the patch level or of the firmware version: "
                           "one of them is needed.");
    const QList<InventoryField> fields = allFields();
    for (qsizetype i = 0; i < fields.size(); ++i) {
        for (qsizetype j = i + 1; j < fields.size(); ++j) {
            if (isMapped(fields[i]) && column(fields[i]) == column(fields[j])) {
                problems << Tr::tr("Column %1 is chosen for both the %2 and the %3.")
                                .arg(column(fields[i]) + 1)
                                .arg(fieldName(fields[i]), fieldName(fields[j]));
            }
        }
    }
    return problems;
}

QString InventoryMapping::fieldName(InventoryField field)
{
    switch (field) {
    case InventoryField::DeviceId:
        return Tr::tr("device ID");
    case InventoryField::Manufacturer:
        return Tr::tr("manufacturer");
    case InventoryField::Model:
        return Tr::tr("hardware model");
    case InventoryField::Region:
        return Tr::tr("region");
    case InventoryField::FirmwareVersion:
        return Tr::tr("firmware version");
    case InventoryField::PatchLevel:
        return Tr::tr("patch level");
    case InventoryField::PatchApplied:
        return Tr::tr("date patch applied");
    case InventoryField::LastCheckIn:
        return Tr::tr("last check-in");
    case InventoryField::Exceptions:
        return Tr::tr("exceptions");
    case InventoryField::Rooted:
        return Tr::tr("rooted flag");
    case InventoryField::Ported:
        return Tr::tr("ported flag");
    }
    return {};
}

QString InventoryMapping::fieldDescription(InventoryField field)
{
    switch (field) {
    case InventoryField::DeviceId:
        return Tr::tr("A 15-digit IMEI with a valid check digit, or a serial number of 4 to 64 "
                      "letters, digits and - _ . / : with at least one letter.");
    case InventoryField::Manufacturer:
        return Tr::tr("Optional: the maker, when the model column has the model name alone.");
    case InventoryField::Model:
        return Tr::tr("A hardware model Patchboard knows, by name, with or without the "
                      "manufacturer.");
    case InventoryField::Region:
        return Tr::tr("A region Patchboard knows, by code (DE) or name (Germany).");
    case InventoryField::FirmwareVersion:
        return Tr::tr("A firmware build Patchboard knows for the model. When empty, the newest "
                      "build with the device's patch level or older.");
    case InventoryField::PatchLevel:
        return Tr::tr("The security patch level, YYYY-MM-DD. When empty, the firmware build's.");
    case InventoryField::PatchApplied:
        return Tr::tr("YYYY-MM-DD. When empty: kept for a known device, the build's release "
                      "date for a new one.");
    case InventoryField::LastCheckIn:
        return Tr::tr("YYYY-MM-DD or YYYY-MM-DDThh:mm[:ss] with Z or an offset (UTC without). "
                      "When empty: kept, or the time of the import for a new device.");
    case InventoryField::Exceptions:
        return Tr::tr("rooted, ported, both (rooted|ported) or none. When empty: kept, or none.");
    case InventoryField::Rooted:
    case InventoryField::Ported:
        return Tr::tr("yes/no, true/false or 1/0. When empty: kept, or no.");
    }
    return {};
}

QString InventoryMapping::fieldKey(InventoryField field)
{
    static const char *const keys[]
        = {"device_id",        "manufacturer", "model",         "region",
           "firmware_version", "patch_level",  "patch_applied", "last_checkin",
           "exceptions",       "rooted",       "ported"};
    static_assert(sizeof(keys) / sizeof(keys[0]) == InventoryFieldCount);
    return QString::fromLatin1(keys[int(field)]);
}

} // namespace Patchboard
