// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/result.h"
#include "domain/devicemodel.h"
#include "domain/devicequery.h"

#include <QString>
#include <QHash>
#include <QVariantList>

class QSqlQuery;

namespace Patchboard {

class Database;

// A DeviceQuery as plain SQL over the schema of migrations.cpp: the path a store without the
// in-memory fleet index takes (the first moments after opening, and a server on PostgreSQL),
// and the baseline the benchmark compares the index with. Every user value is a bound
// parameter, so quotes, '%', '_' and SQL fragments in filter text stay literal text.
class DeviceSql
{
public:
    struct Statement
    {
        QString sql;
        QVariantList values; // positional ('?') bind values
    };

    explicit DeviceSql(const FleetCatalog &catalog);

    // Manufacturers, hardware models and regions as stored (deviceCount left at 0).
    static Result<FleetCatalog> readCatalog(Database &database);

    // SELECT count(*) of the devices matching query.filter.
    Statement count(const DeviceQuery &query) const;
    // One window of matching devices in query.sort order. Columns, in order: id, device_id,
    // model_id, region_id, version, sequence, patch_level, patch_applied, last_checkin,
    // update_state, exception_flags.
    Statement window(const DeviceQuery &query, int offset, int limit) const;
    // The same columns for the device with storage key id.
    Statement byId(qint64 id) const;
    // A row of window() or byId() as a Device, derived values against today.
    Device read(const QSqlQuery &row, QDate today, int endingSoonDays) const;

private:
    QString where(const DeviceQuery &query, QVariantList &values) const;
    QString orderBy(const DeviceSort &sort) const;

    static QString columns();

    FleetCatalog m_catalog;
    QHash<int, int> m_modelIndex;  // model id -> index in m_catalog.models
    QHash<int, int> m_regionIndex; // region id -> index in m_catalog.regions
};

} // namespace Patchboard
