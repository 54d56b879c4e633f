// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/result.h"
#include "keytype.h"
#include "opensslptr.h"
#include "signaturealgorithm.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace Patchboard {

// A P-256 or Ed25519 public key: the trust anchor a release's signature is checked against.
// A value type (copies share the OpenSSL key through its reference count). Any other key type is
// refused when loading, so a non-null PublicKey is always usable for one of SignatureAlgorithm.
class PublicKey
{
public:
    PublicKey() = default;
    PublicKey(const PublicKey &other);
    PublicKey &operator=(const PublicKey &other);
    PublicKey(PublicKey &&) noexcept = default;
    PublicKey &operator=(PublicKey &&) noexcept = default;
    ~PublicKey() = default;

    // "-----BEGIN PUBLIC KEY-----" (SubjectPublicKeyInfo). A private key is refused with a hint.
    static Result<PublicKey> fromPem(QByteArrayView pem);
    static Result<PublicKey> fromPemFile(const QString &path);
    // DER SubjectPublicKeyInfo.
    static Result<PublicKey> fromDer(QByteArrayView der);
    // Affine coordinates, 32 bytes each (COSE_Key / JWK "x" and "y"). The point must be on the
    // curve.
    static Result<PublicKey> fromEcP256Point(QByteArrayView x, QByteArrayView y);
    // The 32-byte encoded Ed25519 public key (RFC 8032).
    static Result<PublicKey> fromEd25519(QByteArrayView raw);
    // Takes ownership of a key OpenSSL already made (PrivateKey::publicKey). Refuses other types.
    static Result<PublicKey> fromEvpKey(EvpPkeyPtr key);

    bool isNull() const { return !m_key; }
    KeyType type() const { return m_type; }
    QString typeName() const;

    QByteArray toDer() const; // SubjectPublicKeyInfo
    // The DER SubjectPublicKeyInfo of any OpenSSL key's public half, empty on failure. For
    // PrivateKey::publicKey, which round-trips through it to shed the private half.
    static QByteArray subjectPublicKeyInfo(const EVP_PKEY *key);
    QByteArray toPem() const;
    // SHA-256 over the DER SubjectPublicKeyInfo, lower-case hex: what the operator compares
    // against the Author's published fingerprint.
    QString fingerprint() const;

    // Verifies a raw COSE signature (r||s for ECDSA, R||S for EdDSA) over message. Refuses an
    // algorithm that does not belong to this key's type.
    Status verify(SignatureAlgorithm algorithm, QByteArrayView message,
                  QByteArrayView signature) const;

    EVP_PKEY *handle() const { return m_key.get(); }

private:
    PublicKey(EvpPkeyPtr key, KeyType type);

    EvpPkeyPtr m_key;
    KeyType m_type = KeyType::None;
};

} // namespace Patchboard
