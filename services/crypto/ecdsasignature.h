// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QByteArrayView>

namespace Patchboard {

// COSE carries an ECDSA signature as the fixed-size concatenation r||s (RFC 9053 section 2.1);
// OpenSSL's EVP_DigestVerify/EVP_DigestSign speak DER (ASN.1 SEQUENCE of two INTEGERs). These two
// conversions go through ECDSA_SIG so no ASN.1 is written by hand.
class EcdsaSignature
{
public:
    // raw must be exactly 2 * fieldSize bytes (64 for P-256).
    static Result<QByteArray> rawToDer(QByteArrayView raw, int fieldSize = 32);
    // r and s left-padded to fieldSize bytes each.
    static Result<QByteArray> derToRaw(QByteArrayView der, int fieldSize = 32);
};

} // namespace Patchboard
