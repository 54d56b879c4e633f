// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/result.h"
#include "crypto/privatekey.h"
#include "crypto/signaturealgorithm.h"

#include <QByteArray>
#include <QMap>

namespace Patchboard {

// The Author's side of SuitVerifier, for the test Author tool (app/author) and for tests: wraps
// an encoded SUIT_Manifest in a tagged envelope with a SHA-256 manifest digest and a COSE_Sign1
// over the bstr-wrapped digest (detached payload), exactly the shape SuitVerifier accepts.
class SuitSigner
{
public:
    // severed: envelope members (label => content) whose SUIT_Digest the manifest already holds.
    static Result<QByteArray> signEnvelope(const QByteArray &manifest, const PrivateKey &key,
                                           SignatureAlgorithm algorithm,
                                           const QMap<qint64, QByteArray> &severed = {});
    // The SUIT_Digest a manifest must hold for a severed member with this content.
    static QByteArray severedMemberDigest(const QByteArray &content);
};

} // namespace Patchboard
