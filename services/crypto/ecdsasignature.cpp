// SPDX-License-Identifier: Apache-2.0
#include "ecdsasignature.h"

#include "opensslerror.h"
#include "opensslptr.h"

namespace Patchboard {

namespace {

ServiceError invalidSignature(const QString &message)
{
    return ServiceError::make(ServiceError::Code::InvalidArgument, message);
}

const unsigned char *bytes(QByteArrayView view)
{
    return reinterpret_cast<const unsigned char *>(view.data());
}

} // namespace

Result<QByteArray> EcdsaSignature::rawToDer(QByteArrayView raw, int fieldSize)
{
    // RFC 9053 section 2.1: the signature is r and s, each exactly the size of the curve's order.
    if (fieldSize <= 0 || raw.size() != 2 * qsizetype(fieldSize)) {
        return invalidSignature(
            QStringLiteral("An ECDSA signature must be %1 bytes (r||s); this one has %2.")
                .arg(2 * fieldSize)
                .arg(raw.size()));
    }
    BignumPtr r(BN_bin2bn(bytes(raw), fieldSize, nullptr));
    BignumPtr s(BN_bin2bn(bytes(raw) + fieldSize, fieldSize, nullptr));
    EcdsaSigPtr signature(ECDSA_SIG_new());
    if (!r || !s || !signature) {
        OpenSslError::clear();
        return ServiceError::make(ServiceError::Code::Internal,
                                  QStringLiteral("Out of memory converting a signature."));
    }
    if (BN_is_zero(r.get()) || BN_is_zero(s.get()))
        return invalidSignature(QStringLiteral("The ECDSA signature has a zero r or s."));
    // ECDSA_SIG_set0 takes ownership of r and s only when it succeeds.
    if (ECDSA_SIG_set0(signature.get(), r.get(), s.get()) != 1) {
        const QString detail = OpenSslError::take();
        return ServiceError::make(
            ServiceError::Code::Internal,
            QStringLiteral("Cannot build the ECDSA signature: %1").arg(detail));
    }
    (void)r.release();
    (void)s.release();

    const int length = i2d_ECDSA_SIG(signature.get(), nullptr);
    if (length <= 0) {
        const QString detail = OpenSslError::take();
        return ServiceError::make(
            ServiceError::Code::Internal,
            QStringLiteral("Cannot encode the ECDSA signature: %1").arg(detail));
    }
    QByteArray der(length, Qt::Uninitialized);
    auto *out = reinterpret_cast<unsigned char *>(der.data());
    if (i2d_ECDSA_SIG(signature.get(), &out) != length) {
        OpenSslError::clear();
        return ServiceError::make(ServiceError::Code::Internal,
                                  QStringLiteral("Cannot encode the ECDSA signature."));
    }
    return der;
}

Result<QByteArray> EcdsaSignature::derToRaw(QByteArrayView der, int fieldSize)
{
    if (fieldSize <= 0 || der.isEmpty() || der.size() > 16 * fieldSize)
        return invalidSignature(
            QStringLiteral("The DER ECDSA signature has an impossible size (%1 bytes).")
                .arg(der.size()));
    const unsigned char *in = bytes(der);
    EcdsaSigPtr signature(d2i_ECDSA_SIG(nullptr, &in, long(der.size())));
    if (!signature || in != bytes(der) + der.size()) {
        OpenSslError::clear();
        return invalidSignature(QStringLiteral("The DER ECDSA signature is malformed."));
    }
    const BIGNUM *r = nullptr;
    const BIGNUM *s = nullptr;
    ECDSA_SIG_get0(signature.get(), &r, &s);
    if (!r || !s || BN_num_bytes(r) > fieldSize || BN_num_bytes(s) > fieldSize)
        return invalidSignature(QStringLiteral("The ECDSA signature does not fit the curve size."));
    QByteArray raw(2 * fieldSize, Qt::Uninitialized);
    auto *out = reinterpret_cast<unsigned char *>(raw.data());
    if (BN_bn2binpad(r, out, fieldSize) != fieldSize
        || BN_bn2binpad(s, out + fieldSize, fieldSize) != fieldSize) {
        OpenSslError::clear();
        return ServiceError::make(ServiceError::Code::Internal,
                                  QStringLiteral("Cannot convert the ECDSA signature."));
    }
    return raw;
}

} // namespace Patchboard
