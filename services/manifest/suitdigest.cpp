// SPDX-License-Identifier: Apache-2.0
#include "suitdigest.h"

#include "crypto/boundedcbor.h"
#include "suitlabels.h"

#include <openssl/crypto.h>

#include <QCborArray>

namespace Patchboard {

namespace {

ServiceError digestError(const QString &message)
{
    return ServiceError::make(ServiceError::Code::InvalidArgument,
                              QStringLiteral("Malformed SUIT_Digest: %1").arg(message));
}

CborLimits digestLimits()
{
    CborLimits limits;
    limits.maxBytes = 4096;
    limits.maxDepth = 2;
    limits.maxItems = 16;
    limits.maxContainerItems = 8;
    return limits;
}

} // namespace

bool SuitDigest::isSha256() const
{
    return algorithm == SuitLabel::DigestSha256 && bytes.size() == 32;
}

QString SuitDigest::algorithmName() const
{
    switch (algorithm) {
    case -16:
        return QStringLiteral("SHA-256");
    case -18:
        return QStringLiteral("SHAKE128");
    case -43:
        return QStringLiteral("SHA-384");
    case -44:
        return QStringLiteral("SHA-512");
    case -45:
        return QStringLiteral("SHAKE256");
    default:
        return QStringLiteral("algorithm %1").arg(algorithm);
    }
}

Result<SuitDigest> SuitDigest::fromCbor(const QCborValue &value)
{
    // Extensions ($$SUIT_Digest-extensions) may follow the two required elements.
    if (!value.isArray() || value.toArray().size() < 2)
        return digestError(QStringLiteral("expected [algorithm, bytes]."));
    const QCborArray array = value.toArray();
    if (!array.at(0).isInteger() || !array.at(1).isByteArray())
        return digestError(QStringLiteral("expected an integer algorithm and a byte string."));
    SuitDigest digest{array.at(0).toInteger(), array.at(1).toByteArray()};
    if (digest.algorithm == SuitLabel::DigestSha256 && digest.bytes.size() != 32)
        return digestError(
            QStringLiteral("a SHA-256 digest has 32 bytes, not %1.").arg(digest.bytes.size()));
    if (digest.bytes.size() > 128)
        return digestError(
            QStringLiteral("%1 digest bytes is too long for any hash.").arg(digest.bytes.size()));
    return digest;
}

Result<SuitDigest> SuitDigest::fromEncoded(const QByteArray &encoded)
{
    Result<QCborValue> value = BoundedCbor::decode(encoded, digestLimits());
    if (!value.ok())
        return digestError(value.error().message);
    return fromCbor(value.value());
}

QByteArray SuitDigest::toCbor() const
{
    return QCborValue(QCborArray{algorithm, bytes}).toCbor();
}

bool SuitDigest::matches(const SuitDigest &other) const
{
    return algorithm == other.algorithm && bytes.size() == other.bytes.size()
        && CRYPTO_memcmp(bytes.constData(), other.bytes.constData(), size_t(bytes.size())) == 0;
}

} // namespace Patchboard
