// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace Patchboard {

// Operator passwords as patchboard-server stores them: PBKDF2-HMAC-SHA256 (RFC 8018) through
// OpenSSL 3's EVP_KDF, with a random 16-byte salt, in one self-describing string
//
//     pbkdf2-sha256$600000$<salt, base64>$<32-byte key, base64>
//
// so that the iteration count can be raised later without invalidating the stored hashes.
// 600,000 iterations is the OWASP Password Storage recommendation for PBKDF2-HMAC-SHA256 (2023);
// one hash or check costs a few hundred milliseconds, so never call these on a thread that
// serves requests or draws a window.
class PasswordHash
{
public:
    static constexpr int DefaultIterations = 600000;
    static constexpr int SaltSize = 16;
    static constexpr int KeySize = 32;
    // Bounds for a stored string: below the minimum the hash is too weak to trust; above the
    // maximum a damaged or planted row would make every check of it take minutes.
    static constexpr int MinIterations = 100000;
    static constexpr int MaxIterations = 10000000;

    // The stored string for password (as UTF-8, Unicode NFC, so that the same password typed on
    // another keyboard or system gives the same bytes). Fails only if OpenSSL does.
    static Result<QString> hash(const QString &password, int iterations = DefaultIterations);
    // True when password matches stored. A malformed stored string (unknown scheme, iteration
    // count out of bounds, wrong salt or key size) never matches. The final comparison takes
    // the same time wherever the keys differ (CRYPTO_memcmp).
    static bool verify(const QString &password, const QString &stored);
    static bool isWellFormed(const QString &stored);

    // The raw KDF, for the known-answer tests: PBKDF2-HMAC-SHA256(password, salt, iterations)
    // with keyLength bytes of output.
    static Result<QByteArray> pbkdf2Sha256(QByteArrayView password, QByteArrayView salt,
                                           int iterations, int keyLength);
};

} // namespace Patchboard
