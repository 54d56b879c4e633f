// SPDX-License-Identifier: Apache-2.0
#include "hmacsha256.h"

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>

namespace Patchboard {

struct HmacSha256::Context
{
    EVP_MAC *mac = nullptr;
    EVP_MAC_CTX *keyed = nullptr; // initialised with the key; copied per message
};

HmacSha256::HmacSha256(QByteArrayView key) : m_context(new Context)
{
    m_context->mac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
    if (!m_context->mac)
        return;
    m_context->keyed = EVP_MAC_CTX_new(m_context->mac);
    if (!m_context->keyed)
        return;
    char digest[] = "SHA256";
    const OSSL_PARAM params[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0),
        OSSL_PARAM_construct_end(),
    };
    // An empty key is legal for HMAC; OpenSSL wants a non-null pointer for it.
    static const unsigned char none = 0;
    const auto *bytes = key.isEmpty() ? &none : reinterpret_cast<const unsigned char *>(key.data());
    if (EVP_MAC_init(m_context->keyed, bytes, size_t(key.size()), params) != 1) {
        EVP_MAC_CTX_free(m_context->keyed);
        m_context->keyed = nullptr;
    }
}

HmacSha256::~HmacSha256()
{
    EVP_MAC_CTX_free(m_context->keyed);
    EVP_MAC_free(m_context->mac);
    delete m_context;
}

QByteArray HmacSha256::mac(QByteArrayView message) const
{
    if (!m_context->keyed)
        return {};
    EVP_MAC_CTX *context = EVP_MAC_CTX_dup(m_context->keyed);
    if (!context)
        return {};
    QByteArray out(32, Qt::Uninitialized);
    size_t length = 0;
    const bool ok = EVP_MAC_update(context, reinterpret_cast<const unsigned char *>(message.data()),
                                   size_t(message.size()))
            == 1
        && EVP_MAC_final(context, reinterpret_cast<unsigned char *>(out.data()), &length,
                         size_t(out.size()))
            == 1;
    EVP_MAC_CTX_free(context);
    if (!ok || length != size_t(out.size()))
        return {};
    return out;
}

} // namespace Patchboard
