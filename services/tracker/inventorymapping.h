// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <array>

namespace Patchboard {

// What a device inventory row can say about a device (the devices table of migrations.cpp).
enum class InventoryField {
    DeviceId, // IMEI or serial number; required
    Manufacturer, // optional; helps to find the model
    Model, // hardware model; required
    Region, // region code or name; required
    FirmwareVersion, // a known build of the model; this or the patch level is required
    PatchLevel, // security patch level, YYYY-MM-DD
    PatchApplied, // the day the patch was applied (SSU-COM-0040)
    LastCheckIn, // last contact with the network, UTC unless the value says otherwise
    Exceptions, // "rooted", "ported", both or none (SSU-TES-0030)
    Rooted, // yes/no
    Ported, // yes/no
};
constexpr int InventoryFieldCount = 11;

// Which CSV column holds which field (-1: not in the file), and the guess made from the header.
class InventoryMapping
{
public:
    InventoryMapping();

    int column(InventoryField field) const { return m_columns[std::size_t(field)]; }
    void setColumn(InventoryField field, int column) { m_columns[std::size_t(field)] = column; }
    bool isMapped(InventoryField field) const { return column(field) >= 0; }

    // The field a header name most likely means: the Patchboard export's own names, the usual
    // English ones and a few German ones ("IMEI", "Device ID", "Hardware model",
    // "security_patch", "ro.build.version.security_patch", "Seriennummer"...). Each column and
    // each field is used once; columns nobody recognises stay unmapped.
    static InventoryMapping guess(const QStringList &header);

    // Empty when the mapping can import rows of a file with columnCount columns, else what is
    // missing or wrong (translated), one sentence per problem.
    QStringList problems(int columnCount) const;

    static QList<InventoryField> allFields();
    static bool isRequired(InventoryField field); // device ID, model, region
    // Translated label ("Device ID (IMEI or serial)") and what the field accepts.
    static QString fieldName(InventoryField field);
    static QString fieldDescription(InventoryField field);
    // Stable, English: "device_id", "model", ... (the report and the audit log use them).
    static QString fieldKey(InventoryField field);

    friend bool operator==(const InventoryMapping &a, const InventoryMapping &b)
    {
        return a.m_columns == b.m_columns;
    }
    friend bool operator!=(const InventoryMapping &a, const InventoryMapping &b)
    {
        return !(a == b);
    }

private:
    std::array<int, InventoryFieldCount> m_columns;
};

} // namespace Patchboard

Q_DECLARE_METATYPE(Patchboard::InventoryMapping)
