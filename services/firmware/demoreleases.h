// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/result.h"
#include "crypto/privatekey.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

namespace Patchboard {

class Database;

// Demo releases for the embedded demo fleet, so that the Releases page shows every check at
// work on first start. Signed by the test Author, whose Ed25519 key is derived from a fixed seed
// (deterministic: the same key and, Ed25519 being deterministic, the same signatures every
// time; nothing is stored in resources/). It is registered in the trust store for the vendor ID
// of the fleet's most popular model's manufacturer. The releases, for that model:
//   1. clean      security-only, sequence above the fleet's newest build: verified
//   2. non-CVE    a "security" release with a bug fix that names no CVE: verified, but the
//                 security-only check (SSU-SEC-0010) blocks approval
//   3. forged     the signature bytes altered: refused (signature)
//   4. rollback   sequence number of a build the fleet already runs: refused (SESIP 5.5.6)
//   5. unknown    signed with a key the trust store does not know: refused (signature)
//   6. approved   for the second most popular model: every test case passed, approved a day
//                 later by a second test engineer — ready for a staged rollout
class DemoReleases
{
public:
    struct Report
    {
        QList<qint64> releaseIds; // 1-5, in the order above
        qint64 approvedReleaseId = 0; // 6
        QString approvedModel;
        QString authorFingerprint;
        QString vendorId;
        QString model;
    };

    // Needs a database holding the demo fleet and no releases yet. storeDir as for
    // LocalFirmwareBackend (the database path + ".releases" by default).
    static Result<Report> create(Database &database, const QString &storeDir,
                                 const QDateTime &now = QDateTime::currentDateTimeUtc());

    static PrivateKey testAuthorKey();
    // The demo vendor ID of a manufacturer: UUIDv5 (RFC 9124 section 4.3) in the demo namespace,
    // beside the class IDs DemoFleetGenerator gives its models.
    static QByteArray vendorIdFor(const QString &manufacturer);
};

} // namespace Patchboard
