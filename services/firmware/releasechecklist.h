// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/result.h"
#include "domain/release.h"
#include "releasefleetstore.h"
#include "releasestore.h"
#include "releaseverifier.h"

#include <QList>

#include <optional>

namespace Patchboard {

class Database;

// The fleet-dependent half of a release's checklist, and re-verification of a stored bundle.
//   hardware         the vendor ID is registered for a manufacturer and the class ID names
//                    hardware models of that manufacturer; the notes target exactly those
//   anti-rollback    SESIP 5.5.6: sequence number above every approved one for the class and
//                    every firmware the fleet runs for the models
//   cve-cross-check  bulletin CVEs fixed between the models' current patch level and the
//                    claimed one are all in the notes (a warning when no bulletin data exists)
class ReleaseChecklist
{
public:
    struct Policy
    {
        QList<ReleaseCheck> checks;
        QList<FleetModel> models; // the hardware models the release targets
        QList<KnownVulnerability> missingCves;
    };

    // The names of the checks policy() adds (they are recomputed, never taken from storage).
    static bool isPolicyCheck(const QString &name);

    static Result<Policy> policy(Database &database, const ReleaseRecord &record,
                                 const std::optional<ReleaseNotes> &notes);

    // Verifies the stored copy of a bundle again, with the keys trusted now.
    static BundleVerification verifyStored(Database &database, const ReleaseRecord &record);

    // The stored integrity checks followed by fresh policy checks.
    static QList<ReleaseCheck> merge(const QList<ReleaseCheck> &integrity, const Policy &policy);
};

} // namespace Patchboard
