// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/result.h"
#include "domain/compliance.h"
#include "domain/device.h"
#include "domain/devicemodel.h"
#include "domain/devicequery.h"

#include <QByteArray>
#include <QMutex>

#include <array>
#include <functional>
#include <memory>
#include <vector>

namespace Patchboard {

class Database;

// The whole fleet in compact columns (about 50 bytes a device), loaded once from SQLite in
// device-ID order. Filtering and sorting a million devices here is a linear scan over a few
// arrays plus a cached, stable sort permutation per column: milliseconds, where the same
// query in SQL needs a full table scan (ARCHITECTURE.md, "the device model must stay fast at
// a million rows"). Rows are positions 0..size()-1 in device-ID order.
//
// Thread safety: const member functions may be called from any thread.
class FleetIndex
{
public:
    using Rows = std::vector<quint32>;

    // Reads the catalog and every device. cancelled() is polled while loading.
    static Result<std::shared_ptr<const FleetIndex>> load(Database &database,
                                                          const std::function<bool()> &cancelled = {});

    int size() const { return int(m_storageId.size()); }
    const FleetCatalog &catalog() const { return m_catalog; }

    // Rows by position, for a filter's drill-down (DeviceFilter::events), which the index cannot
    // answer itself: nonzero = the row may match. Resolve with restriction().
    using Restriction = std::vector<char>;
    Restriction restriction(const std::vector<qint64> &storageIds) const;

    // The rows matching query.filter (and only, when given), in query.sort order.
    Rows select(const DeviceQuery &query, const Restriction *only = nullptr) const;
    // Counts for the Compliance page over the rows matching filter.
    ComplianceSummary compliance(const DeviceFilter &filter, const CompliancePolicy &policy,
                                 QDate today, const Restriction *only = nullptr) const;
    // One device, resolved for display, with derived values against today.
    Device device(quint32 row, QDate today, int endingSoonDays) const;
    // The storage key of a row, and the row of a storage key (-1 when unknown).
    qint64 storageId(quint32 row) const { return m_storageId[row]; }
    int rowOfStorageId(qint64 id) const;

private:
    FleetIndex() = default;

    struct Predicate;
    Predicate predicate(const DeviceFilter &filter, QDate today, int endingSoonDays,
                        const Restriction *only) const;
    std::shared_ptr<const Rows> ascendingOrder(DeviceField field) const;
    std::vector<quint32> sortKeys(DeviceField field) const;
    QByteArrayView deviceIdAt(quint32 row) const; // UTF-8

    // Columns, one entry per device.
    std::vector<qint64> m_storageId;
    std::vector<quint32> m_idOffset; // into m_idChars; size() + 1 entries
    QByteArray m_idChars;
    std::vector<quint16> m_model;
    std::vector<quint16> m_region;
    std::vector<quint32> m_firmware;
    std::vector<qint32> m_patchLevel;   // epoch days
    std::vector<qint32> m_patchApplied; // epoch days
    std::vector<quint32> m_lastCheckIn; // Unix seconds
    std::vector<quint8> m_updateState;
    std::vector<quint8> m_exceptions;

    // Lookup tables indexed by storage id.
    struct ModelInfo
    {
        int catalogIndex = -1; // into m_catalog.models
        qint32 supportEnd = 0; // epoch days, last supported day
    };
    struct FirmwareInfo
    {
        QString version;
        qint64 sequence = 0;
        quint32 naturalRank = 0; // order of version strings, numbers compared as numbers
    };
    std::vector<ModelInfo> m_models;
    std::vector<FirmwareInfo> m_firmwareInfo;
    std::vector<int> m_regionIndex; // storage id -> index in m_catalog.regions
    FleetCatalog m_catalog;

    mutable QMutex m_orderMutex;
    mutable std::array<std::shared_ptr<const Rows>, DeviceFieldCount> m_ascending;
};

} // namespace Patchboard
