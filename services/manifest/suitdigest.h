// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QCborValue>
#include <QString>

namespace Patchboard {

// SUIT_Digest = [suit-digest-algorithm-id: int, suit-digest-bytes: bstr] (draft-ietf-suit-manifest
// section 10). Only SHA-256 (-16) can be computed here; other algorithms decode but are reported.
struct SuitDigest
{
    qint64 algorithm = 0;
    QByteArray bytes;

    bool isSha256() const;
    QString algorithmName() const;
    QString toHex() const { return QString::fromLatin1(bytes.toHex()); }

    // From the decoded array.
    static Result<SuitDigest> fromCbor(const QCborValue &value);
    // From a bstr .cbor SUIT_Digest (its content bytes).
    static Result<SuitDigest> fromEncoded(const QByteArray &encoded);
    QByteArray toCbor() const;
    // Constant-time comparison of algorithm and bytes.
    bool matches(const SuitDigest &other) const;

    friend bool operator==(const SuitDigest &a, const SuitDigest &b)
    {
        return a.algorithm == b.algorithm && a.bytes == b.bytes;
    }
    friend bool operator!=(const SuitDigest &a, const SuitDigest &b) { return !(a == b); }
};

} // namespace Patchboard
