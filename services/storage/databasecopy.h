// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/result.h"

#include <QString>

#include <functional>

namespace Patchboard {

class Database;

// Copies every row of one Patchboard database into another that has the same schema and no
// rows yet: a single-node server's SQLite file moved to PostgreSQL (patchboard-server
// copy-database), or back. Both are open, so both are migrated to the same schema version.
//
// The target is written in one transaction, tables in the order their foreign keys need; on any
// failure it is rolled back and the target stays empty. Identity columns keep their values (on
// PostgreSQL the identity sequences follow, see SqlDialect's patchboard_sync_identity).
class DatabaseCopy
{
public:
    // Called after each table: its name and the rows copied.
    using Progress = std::function<void(const QString &table, qint64 rows)>;

    static Status copy(Database &from, Database &to, const Progress &progress = {});

    // The tables of database in an order where each comes after the tables it references.
    static Result<QStringList> tablesInOrder(Database &database);
};

} // namespace Patchboard
