// SPDX-License-Identifier: Apache-2.0
#include "inventorycatalog.h"

#include "storage/database.h"
#include "storage/epochday.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>

namespace Patchboard {

namespace {

// The translation context of this file's messages. Call Tr::tr() everywhere, also in free
// functions and lambdas: lupdate takes the context from Q_DECLARE_TR_FUNCTIONS, so the context
// it extracts is the one looked up at run time (for a plain tr() it uses the enclosing scope).
class Tr
{
    Q_DECLARE_TR_FUNCTIONS(Patchboard::InventoryCatalog)
};

} // namespace

Result<InventoryCatalog> InventoryCatalog::read(Database &database)
{
    InventoryCatalog catalog;
    QSqlQuery query(database.connection());
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral("SELECT m.id, f.name, m.name FROM device_models m JOIN "
                                   "manufacturers f ON f.id = m.manufacturer_id ORDER BY m.id")))
        return database.error(query.lastError(), Tr::tr("read the hardware models"));
    while (query.next())
        catalog.models.append(
            {query.value(0).toInt(), query.value(1).toString(), query.value(2).toString()});
    if (!query.exec(QStringLiteral("SELECT id, code, name FROM regions ORDER BY id")))
        return database.error(query.lastError(), Tr::tr("read the regions"));
    while (query.next())
        catalog.regions.append(
            {query.value(0).toInt(), query.value(1).toString(), query.value(2).toString()});
    if (!query.exec(QStringLiteral("SELECT id, model_id, version, sequence, patch_level, released "
                                   "FROM firmware_versions ORDER BY id")))
        return database.error(query.lastError(), Tr::tr("read the firmware versions"));
    while (query.next()) {
        catalog.builds.append({query.value(0).toLongLong(), query.value(1).toInt(),
                               query.value(2).toString(), query.value(3).toLongLong(),
                               EpochDay::toDate(query.value(4).toLongLong()),
                               EpochDay::toDate(query.value(5).toLongLong())});
    }
    return catalog;
}

} // namespace Patchboard
