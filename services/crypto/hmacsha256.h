// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace Patchboard {

// HMAC-SHA-256 through OpenSSL 3's EVP_MAC API: the key is set up once, then each message costs
// one MAC context copy (pseudonymising a million device IDs in an export).
class HmacSha256
{
public:
    explicit HmacSha256(QByteArrayView key);
    ~HmacSha256();
    HmacSha256(const HmacSha256 &) = delete;
    HmacSha256 &operator=(const HmacSha256 &) = delete;

    // The 32-byte MAC of message; empty if OpenSSL failed (out of memory).
    QByteArray mac(QByteArrayView message) const;

private:
    struct Context;
    Context *m_context;
};

} // namespace Patchboard
