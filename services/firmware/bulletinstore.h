// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/result.h"
#include "domain/release.h"
#include "osvimporter.h"

#include <QDateTime>
#include <QList>

namespace Patchboard {

class Database;

// Android security bulletin records (imported from OSV) in the fleet database: which CVE the
// bulletins say is fixed at which security patch level, with its severity. A re-import replaces
// the rows of every record it contains, so updated records do not pile up.
class BulletinStore
{
public:
    explicit BulletinStore(Database &database) : m_database(database) { }

    // Returns the number of vulnerability rows now held for the imported records.
    Result<int> replace(const OsvImporter::Import &import, const QDateTime &time);
    // Vulnerabilities fixed at patch levels in [from, to].
    Result<QList<KnownVulnerability>> fixedBetween(const PatchLevel &from,
                                                   const PatchLevel &to) const;
    Result<int> count() const;

private:
    Database &m_database;
};

} // namespace Patchboard
