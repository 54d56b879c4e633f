// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QCborMap>
#include <QCborValue>
#include <QList>

#include <optional>

namespace Patchboard {

// Limits for decoding untrusted CBOR (SUIT envelopes, COSE structures). Every input that exceeds
// one is refused before QCborValue builds anything, so a hostile file costs bounded time and
// memory.
struct CborLimits
{
    qsizetype maxBytes = 1024 * 1024; // whole input
    int maxDepth = 16; // containers and tags nested in each other
    qsizetype maxItems = 65536; // data items in total
    qsizetype maxContainerItems = 4096; // items in one array, or pairs in one map
};

// A validating front end for QCborValue::fromCbor. check() walks the input once with
// QCborStreamReader, iteratively (no recursion on attacker-controlled depth), and refuses:
// truncation, trailing bytes, indefinite lengths, declared lengths beyond the input, nesting,
// item counts or sizes beyond the limits. Messages name the byte offset.
class BoundedCbor
{
public:
    struct MapEntry
    {
        QCborValue key;
        QByteArray rawValue; // the value exactly as encoded, header included
    };
    struct RawMap
    {
        std::optional<quint64> tag; // a single tag on the map, if any
        QList<MapEntry> entries;
    };

    static Status check(QByteArrayView data, const CborLimits &limits = {});
    // check() and then decode. The view need not outlive the call.
    static Result<QCborValue> decode(QByteArrayView data, const CborLimits &limits = {});
    // For a (once-tagged) top-level map: its entries with the raw bytes of every value, for
    // digests that must cover an item's encoding as received (SUIT: the bstr-wrapped manifest).
    static Result<RawMap> decodeRawMap(QByteArrayView data, const CborLimits &limits = {});

    // QCborMap keeps duplicate keys; a map with them is ambiguous and must be refused
    // (RFC 8949 section 5.6, RFC 9052 section 3).
    static bool hasDuplicateKeys(const QCborMap &map);
};

} // namespace Patchboard
