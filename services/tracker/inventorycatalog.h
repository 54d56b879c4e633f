// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/result.h"

#include <QDate>
#include <QList>
#include <QString>

namespace Patchboard {

class Database;

// What the import matches a row against: hardware models, regions and firmware builds as stored.
// Neither is created by an import (see InventoryValidator).
struct InventoryCatalog
{
    struct Model
    {
        int id = 0;
        QString manufacturer;
        QString name;
    };
    struct Region
    {
        int id = 0;
        QString code;
        QString name;
    };
    struct Build
    {
        qint64 id = 0;
        int modelId = 0;
        QString version;
        qint64 sequence = 0; // anti-rollback (SESIP 5.5.6)
        QDate patchLevel;
        QDate released;
    };
    QList<Model> models;
    QList<Region> regions;
    QList<Build> builds;

    static Result<InventoryCatalog> read(Database &database);
};

} // namespace Patchboard
