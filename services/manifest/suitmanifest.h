// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/result.h"
#include "crypto/boundedcbor.h"
#include "suitdigest.h"

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QString>

#include <optional>

namespace Patchboard {

// SUIT_Manifest (draft-ietf-suit-manifest section 8.4), decoded but not interpreted:
//   { manifest-version(1) => 1, manifest-sequence-number(2) => uint, common(3) => bstr .cbor
//     SUIT_Common, ? reference-uri(4) => tstr, command sequences (bstr) and severable-member
//     digests (SUIT_Digest) }
// Unknown manifest elements are refused: an approval must not rest on parts nobody read.
class SuitManifest
{
public:
    // A severable member (payload-fetch, install, text, ...): either inline or the digest of the
    // envelope member that carries it.
    struct Member
    {
        std::optional<QByteArray> content; // inline bstr content
        std::optional<SuitDigest> digest;
    };

    static CborLimits defaultLimits();
    static Result<SuitManifest> decode(const QByteArray &manifest,
                                       const CborLimits &limits = defaultLimits());

    qint64 version() const { return m_version; }
    quint64 sequenceNumber() const { return m_sequenceNumber; }
    QString referenceUri() const { return m_referenceUri; }
    QList<QList<QByteArray>> componentIds() const { return m_componentIds; }
    // The encoded shared sequence (suit-shared-sequence, the bstr content), empty if absent.
    QByteArray sharedSequence() const { return m_sharedSequence; }
    QMap<qint64, Member> severableMembers() const { return m_severable; }
    // validate, load, invoke: encoded command sequences by label.
    QMap<qint64, QByteArray> unseverableSequences() const { return m_unseverable; }

    static bool isSeverableLabel(qint64 label);

private:
    qint64 m_version = 0;
    quint64 m_sequenceNumber = 0;
    QString m_referenceUri;
    QList<QList<QByteArray>> m_componentIds;
    QByteArray m_sharedSequence;
    QMap<qint64, Member> m_severable;
    QMap<qint64, QByteArray> m_unseverable;
};

} // namespace Patchboard
