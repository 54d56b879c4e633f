// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "device.h"
#include "telemetry.h"

#include <QDate>
#include <QList>
#include <QMetaType>
#include <QString>

#include <optional>

namespace Patchboard {

// Columns of the device table; also the sort keys a backend understands.
enum class DeviceField : int {
    DeviceId = 0,
    Manufacturer,
    Model,
    Region,
    FirmwareVersion,
    PatchLevel,
    PatchAge,
    PatchApplied,
    SupportEnd,
    SupportStatus,
    LastCheckIn,
    UpdateState,
    Exceptions,
};
constexpr int DeviceFieldCount = 13;

enum class ExceptionFilter : quint8 {
    Any = 0,        // all devices
    None,           // only devices without an SSU-TES-0030 exception
    Rooted,         // rooted / modified
    Ported,         // ported to another operator
    AnyException,   // rooted or ported
};

// A combination of filters over the fleet. Every field that is unset matches everything; set
// fields combine with AND. Dates are compared against the patch level; patch age and support
// status against the query's reference date.
struct DeviceFilter
{
    QDate patchLevelBefore;           // patch level < date
    QDate patchLevelAfter;            // patch level > date
    std::optional<int> patchAgeMin;   // patch age >= days ("older than N days" sets N+1)
    std::optional<int> patchAgeMax;   // patch age <= days
    QList<SupportStatus> supportStatuses; // any of these; empty = all
    int manufacturerId = 0;           // 0 = all
    int modelId = 0;                  // 0 = all
    int regionId = 0;                 // 0 = all
    std::optional<UpdateState> updateState;
    ExceptionFilter exceptions = ExceptionFilter::Any;
    QString deviceIdPrefix;           // literal text; never interpreted as a pattern
    // Drill-down from the Telemetry page: only devices with matching update events.
    std::optional<UpdateEventFilter> events;

    bool isEmpty() const;
    friend bool operator==(const DeviceFilter &a, const DeviceFilter &b);
    friend bool operator!=(const DeviceFilter &a, const DeviceFilter &b) { return !(a == b); }
};

struct DeviceSort
{
    DeviceField field = DeviceField::DeviceId;
    Qt::SortOrder order = Qt::AscendingOrder;
    friend bool operator==(DeviceSort a, DeviceSort b)
    {
        return a.field == b.field && a.order == b.order;
    }
};

struct DeviceQuery
{
    DeviceFilter filter;
    DeviceSort sort;
    QDate referenceDate; // "today" for patch age and support status; invalid = the backend's today
    int endingSoonDays = 90;
};

// One window of a query's result.
struct DevicePage
{
    int offset = 0;
    int matching = 0;  // devices matching the filter
    int fleetSize = 0; // devices in the fleet
    QDate referenceDate;
    QList<Device> rows;
};

// Validation of user-typed filter input (bad dates are refused here, never reach a query).
namespace FilterValidation {
// The range of patch-level dates a filter accepts.
QDate earliestDate();
QDate latestDate();
// Empty string when valid, else a translated explanation.
QString checkDate(QDate date);
QString checkFilter(const DeviceFilter &filter);
} // namespace FilterValidation

} // namespace Patchboard

Q_DECLARE_METATYPE(Patchboard::DeviceFilter)
Q_DECLARE_METATYPE(Patchboard::DevicePage)
