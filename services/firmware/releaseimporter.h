// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/result.h"
#include "crypto/sha256.h"
#include "domain/operator.h"
#include "releaseverifier.h"

#include <QDateTime>
#include <QString>

namespace Patchboard {

class Database;

// Brings a release bundle into the Firmware Server's release store: copies the files the layout
// allows into a staging folder, verifies that copy (so what was checked is what is kept), adds
// the fleet checks, and records the release as verified or refused with its checklist, images,
// targeted models and test plan, in one transaction. Audit and permissions are the caller's.
class ReleaseImporter
{
public:
    struct Imported
    {
        qint64 id = 0;
        ReleaseState state = ReleaseState::Refused;
        QString reason; // of the received -> verified/refused transition
        BundleVerification verification;
    };

    static Result<Imported> import(Database &database, const QString &storeDir, const Operator &who,
                                   const QString &bundleDir, const QDateTime &now,
                                   const Sha256::Progress &progress = {});
};

} // namespace Patchboard
