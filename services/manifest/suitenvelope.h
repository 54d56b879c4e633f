// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/result.h"
#include "crypto/boundedcbor.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QMap>
#include <QStringList>

namespace Patchboard {

// The outer structure of a SUIT envelope (draft-ietf-suit-manifest section 8.2):
//   SUIT_Envelope_Tagged = #6.107(SUIT_Envelope)   (the tag is optional)
//   SUIT_Envelope = { suit-authentication-wrapper(2) => bstr .cbor SUIT_Authentication,
//                     suit-manifest(3) => bstr .cbor SUIT_Manifest,
//                     severable members (int => bstr), integrated payloads (tstr => bstr) }
// Only the structure is decoded here; nothing is trusted. The raw encodings are kept because the
// manifest digest covers the bstr-wrapped manifest as received, CBOR header included.
class SuitEnvelope
{
public:
    // SUIT_Authentication = [bstr .cbor SUIT_Digest, * bstr .cbor SUIT_Authentication_Block]
    struct AuthenticationWrapper
    {
        QByteArray digest; // the encoded SUIT_Digest: also the detached COSE payload
        QList<QByteArray> blocks; // encoded COSE structures
    };

    // 1 MiB envelope, shallow nesting (the inner structures are bstr-wrapped and decoded on
    // their own), a few thousand items.
    static CborLimits defaultLimits();

    static Result<SuitEnvelope> parse(QByteArrayView data,
                                      const CborLimits &limits = defaultLimits());

    bool isTagged() const { return m_tagged; }
    qsizetype size() const { return m_size; }
    bool hasAuthenticationWrapper() const { return !m_authenticationWrapped.isEmpty(); }
    bool hasManifest() const { return !m_manifestWrapped.isEmpty(); }
    bool hasDelegation() const { return m_hasDelegation; }

    Result<AuthenticationWrapper> authenticationWrapper(const CborLimits &limits
                                                        = defaultLimits()) const;
    // The manifest member exactly as encoded in the envelope: bstr header + SUIT_Manifest.
    QByteArray manifestWrapped() const { return m_manifestWrapped; }
    // The SUIT_Manifest bytes inside that bstr.
    QByteArray manifest() const { return m_manifest; }
    // Envelope members other than delegation, authentication wrapper and manifest, by label,
    // as encoded (bstr header included) and as content.
    QMap<qint64, QByteArray> severableWrapped() const { return m_severableWrapped; }
    QMap<qint64, QByteArray> severable() const { return m_severable; }
    // Integrated payloads (text keys such as "#firmware"): names and sizes.
    QMap<QString, qsizetype> integratedPayloads() const { return m_integrated; }

private:
    bool m_tagged = false;
    bool m_hasDelegation = false;
    qsizetype m_size = 0;
    QByteArray m_authenticationWrapped;
    QByteArray m_authentication;
    QByteArray m_manifestWrapped;
    QByteArray m_manifest;
    QMap<qint64, QByteArray> m_severableWrapped;
    QMap<qint64, QByteArray> m_severable;
    QMap<QString, qsizetype> m_integrated;
};

} // namespace Patchboard
