// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/result.h"
#include "keytype.h"
#include "opensslptr.h"
#include "publickey.h"
#include "signaturealgorithm.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace Patchboard {

// A P-256 or Ed25519 signing key for the test Author (app/author): key generation, PEM (PKCS#8,
// optionally passphrase-encrypted) and raw COSE signatures. Move-only: a private key is not
// copied around casually.
class PrivateKey
{
public:
    PrivateKey() = default;
    PrivateKey(PrivateKey &&) noexcept = default;
    PrivateKey &operator=(PrivateKey &&) noexcept = default;
    PrivateKey(const PrivateKey &) = delete;
    PrivateKey &operator=(const PrivateKey &) = delete;
    ~PrivateKey() = default;

    static Result<PrivateKey> generate(KeyType type);
    // PKCS#8 or traditional PEM. An encrypted key needs its passphrase; OpenSSL is never allowed
    // to prompt on a terminal.
    static Result<PrivateKey> fromPem(QByteArrayView pem, const QByteArray &passphrase = {});
    static Result<PrivateKey> fromPemFile(const QString &path, const QByteArray &passphrase = {});
    // The private scalar d and the public point (COSE_Key / JWK "d", "x", "y"); the pair must
    // match.
    static Result<PrivateKey> fromEcP256(QByteArrayView d, QByteArrayView x, QByteArrayView y);
    // The 32-byte Ed25519 private key (seed) of RFC 8032.
    static Result<PrivateKey> fromEd25519(QByteArrayView seed);

    bool isNull() const { return !m_key; }
    KeyType type() const { return m_type; }
    PublicKey publicKey() const;

    // PKCS#8 PEM; with a passphrase, encrypted with AES-256-CBC (PBES2).
    QByteArray toPem(const QByteArray &passphrase = {}) const;

    // A raw COSE signature over message: r||s (64 bytes) for ES256/ESP256, R||S for EdDSA/Ed25519.
    Result<QByteArray> sign(SignatureAlgorithm algorithm, QByteArrayView message) const;

private:
    PrivateKey(EvpPkeyPtr key, KeyType type) : m_key(std::move(key)), m_type(type) { }
    static Result<PrivateKey> adopt(EvpPkeyPtr key);

    EvpPkeyPtr m_key;
    KeyType m_type = KeyType::None;
};

} // namespace Patchboard
