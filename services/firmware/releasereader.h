// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/result.h"
#include "domain/release.h"

#include <QDateTime>
#include <QString>

namespace Patchboard {

class Database;
struct ReleaseRecord;

// Reads releases as the Releases page shows them: the list line (state, SSU-TES-0010 window)
// and the detail (checklist with the fleet checks recomputed for open releases, test plan,
// history, missing CVEs and what would block an approval by `approver`). No permission checks:
// the callers (ReleaseWorkflow) make them.
class ReleaseReader
{
public:
    static Result<ReleaseSummary> summary(Database &database, const ReleaseRecord &record,
                                          const QDateTime &now);
    static Result<ReleaseDetail> detail(Database &database, qint64 id, const QString &approver,
                                        const QDateTime &now);
};

} // namespace Patchboard
