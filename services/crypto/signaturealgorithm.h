// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "keytype.h"

#include <QList>
#include <QString>

#include <optional>

namespace Patchboard {

// The COSE signature algorithms Patchboard accepts (IANA "COSE Algorithms" registry, RFC 9053 and
// RFC 9864). Everything else is refused with a reason that names it, so an operator sees "ES384
// (-35) is not accepted" rather than a bare "bad signature".
class SignatureAlgorithm
{
public:
    enum Id : qint64 {
        ES256 = -7, // ECDSA with SHA-256; Patchboard only pairs it with P-256 keys
        EdDSA = -8, // EdDSA; Patchboard only pairs it with Ed25519 keys
        ESP256 = -9, // ECDSA with SHA-256 on P-256, fully specified (RFC 9864)
        Ed25519 = -19, // EdDSA on Ed25519, fully specified (RFC 9864)
    };

    // The algorithm for a COSE "alg" value, or nullopt if Patchboard does not accept it.
    static std::optional<SignatureAlgorithm> fromCoseId(qint64 id);
    static QList<SignatureAlgorithm> supported();
    // "ES384 (-35)" for a well-known algorithm, "-999" otherwise; used in refusal reasons.
    static QString describeCoseId(qint64 id);
    // "ES256, ESP256, EdDSA, Ed25519": for hints.
    static QString supportedNames();

    explicit SignatureAlgorithm(Id id) : m_id(id) { }

    Id id() const { return m_id; }
    qint64 coseId() const { return m_id; }
    QString name() const;
    KeyType keyType() const;
    bool isEcdsa() const { return m_id == ES256 || m_id == ESP256; }
    // Size of a raw signature: r||s for ECDSA (RFC 9053 section 2.1), R||S for EdDSA.
    int signatureSize() const { return 64; }

    friend bool operator==(SignatureAlgorithm a, SignatureAlgorithm b) { return a.m_id == b.m_id; }
    friend bool operator!=(SignatureAlgorithm a, SignatureAlgorithm b) { return a.m_id != b.m_id; }

private:
    Id m_id;
};

} // namespace Patchboard
