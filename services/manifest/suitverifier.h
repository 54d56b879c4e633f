// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "crypto/boundedcbor.h"
#include "crypto/publickey.h"
#include "manifestverification.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

#include <optional>

namespace Patchboard {

// What the operator's context adds to the manifest's own checks. Unset members are not checked.
struct SuitPolicy
{
    std::optional<QByteArray> vendorId; // every component must name this vendor
    std::optional<QByteArray> classId; // every component must name this device class
    // Anti-rollback (X.secup-iot, SUIT sequence number): the manifest must be newer than this.
    std::optional<quint64> installedSequenceNumber;
};

// Verifies a SUIT envelope against trusted Author keys (the "verify" step of a release,
// ARCHITECTURE.md update procedure step 2). Never throws and never trusts the input: the result
// lists every check with its reason, and is verified only if all of them passed.
//
// The checks, in order: envelope (size <= 1 MiB, CBOR structure, tag 107 if tagged),
// authentication wrapper, signed (at least one COSE authentication block, not just a digest),
// signature (a COSE_Sign1 with a detached payload equal to the bstr-wrapped SUIT_Digest, verified
// with one of the keys), manifest digest (SHA-256 over the bstr-wrapped manifest including its
// CBOR header), manifest (decodes, version 1, known elements and commands), severable members
// (each severed member matches its digest), then the policy checks.
class SuitVerifier
{
public:
    static ManifestVerification verify(QByteArrayView envelope, const QList<PublicKey> &trustedKeys,
                                       const SuitPolicy &policy = {});
    static ManifestVerification verify(QByteArrayView envelope, const PublicKey &trustedKey,
                                       const SuitPolicy &policy = {});
    // Reads at most the envelope size limit (+1 byte to notice a larger file).
    static ManifestVerification verifyFile(const QString &path, const QList<PublicKey> &trustedKeys,
                                           const SuitPolicy &policy = {});
};

} // namespace Patchboard
