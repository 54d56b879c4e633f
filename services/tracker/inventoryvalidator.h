// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "inventorycatalog.h"
#include "inventorymapping.h"
#include "inventoryproblem.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QDate>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <limits>

namespace Patchboard {

// One row as it will be written. Optional values that the file leaves empty are marked so:
// a known device keeps its stored value, a new one gets the default (see InventoryMapping).
struct InventoryRecord
{
    static constexpr qint32 NoDay = std::numeric_limits<qint32>::min();
    static constexpr qint64 NoTime = std::numeric_limits<qint64>::min();

    QByteArray deviceId;
    int modelId = 0;
    int regionId = 0;
    qint64 firmwareId = 0;
    qint32 patchLevel = NoDay; // epoch days
    qint32 patchApplied = NoDay; // epoch days; NoDay: not in the file
    qint32 defaultPatchApplied = NoDay; // for a new device
    qint64 lastCheckIn = NoTime; // Unix seconds; NoTime: not in the file
    int exceptions = -1; // Rooted | Ported; -1: not in the file
};

// Checks one row of a device inventory against the catalog and resolves it into a record. Pure
// and cheap per row: lookups of distinct cell values are cached, so a million rows naming the
// same forty models resolve each name once.
//
// Decisions (README, "Importing devices"): hardware models, regions and firmware builds must be
// known; none is created, because each carries what a file cannot say (a model's support period,
// a region's time zone for maintenance windows, a build's anti-rollback sequence number). Dates
// are YYYY-MM-DD and not in the future.
class InventoryValidator
{
public:
    InventoryValidator(const InventoryCatalog &catalog, const InventoryMapping &mapping,
                       const QStringList &header, char separator, QDate today,
                       const QDateTime &now);

    // Fills record as far as the values allow; true when the row can be imported, else the
    // problems are appended (at most one per value).
    bool check(const QByteArrayView *fields, int count, qint64 line, InventoryRecord &record,
               QList<InventoryProblem> &problems);

    // For a preview: names as the console shows them.
    QString modelName(int modelId) const;
    QString regionName(int regionId) const;
    QString buildName(qint64 buildId) const;

private:
    int resolveModel(QByteArrayView model, QByteArrayView manufacturer);
    int resolveRegion(QByteArrayView region);
    qint64 resolveBuild(int modelId, QByteArrayView version);
    qint64 buildForLevel(int modelId, qint32 patchLevel);
    const InventoryCatalog::Build *build(qint64 id) const;

    InventoryCatalog m_catalog;
    InventoryMapping m_mapping;
    QStringList m_header;
    char m_separator;
    qint32 m_today;
    qint64 m_latestCheckIn; // now plus a day of clock skew
    QHash<int, int> m_modelIndex;
    QHash<int, int> m_regionIndex;
    QHash<qint64, int> m_buildIndex;
    QHash<int, QList<int>> m_buildsOfModel; // newest (highest sequence) first
    QHash<QByteArray, int> m_modelCache; // cells -> model id; -1 unknown, -2 ambiguous
    QHash<QByteArray, int> m_regionCache; // cell -> region id; -1 unknown
    QHash<QByteArray, qint64> m_buildCache; // model id + version -> build id; -1 unknown
    QHash<qint64, qint64> m_levelCache; // model id and patch level -> build id; -1 none
};

} // namespace Patchboard
