// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "boundedcbor.h"
#include "core/result.h"
#include "privatekey.h"
#include "publickey.h"
#include "signaturealgorithm.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QCborMap>

#include <optional>

namespace Patchboard {

// A COSE_Sign1 message (RFC 9052 section 4.2):
//   COSE_Sign1 = [protected: bstr .cbor header_map / bstr .size 0, unprotected: header_map,
//                 payload: bstr / nil, signature: bstr], optionally tag 18.
// Parsing checks the structure only; verify() checks the algorithm against the key and the
// signature over Sig_structure (RFC 9052 section 4.4). A nil payload is "detached": the caller
// supplies it (SUIT does: the detached payload is the bstr-wrapped SUIT_Digest).
class CoseSign1
{
public:
    static constexpr quint64 Tag = 18;
    enum class TagPolicy { Optional, Required };

    struct SignOptions
    {
        bool detached = false; // put nil in the message instead of the payload
        bool tagged = true; // wrap in tag 18
        QByteArray externalAad; // bound into the signature, not carried in the message
        QByteArray keyId; // unprotected "kid" (4), if not empty
    };

    static Result<CoseSign1> parse(QByteArrayView cbor, TagPolicy tag = TagPolicy::Optional,
                                   const CborLimits &limits = {});

    // Signs payload and returns the encoded COSE_Sign1 (the "alg" goes in the protected header).
    static Result<QByteArray> sign(const PrivateKey &key, SignatureAlgorithm algorithm,
                                   QByteArrayView payload, const SignOptions &options);

    // Sig_structure = ["Signature1", body_protected, external_aad, payload], encoded with the
    // preferred (shortest) CBOR serialisation as RFC 9052 section 4.4 requires.
    static QByteArray sigStructure(QByteArrayView bodyProtected, QByteArrayView externalAad,
                                   QByteArrayView payload);

    // detachedPayload must be given exactly when the message's payload is nil.
    Status verify(const PublicKey &key, QByteArrayView externalAad = {},
                  std::optional<QByteArrayView> detachedPayload = std::nullopt) const;

    bool isTagged() const { return m_tagged; }
    bool isDetached() const { return m_detached; }
    QByteArray protectedBytes() const { return m_protectedBytes; }
    QCborMap protectedHeader() const { return m_protected; }
    QCborMap unprotectedHeader() const { return m_unprotected; }
    QByteArray payload() const { return m_payload; }
    QByteArray signature() const { return m_signature; }
    QByteArray keyId() const;
    // The "alg" header value and whether it is present and an integer.
    std::optional<qint64> algorithmId() const;
    // RFC 9052 section 3.1: "alg" must be authenticated where possible. Generic COSE accepts it
    // unprotected (cose-wg sign-pass-01); profiles such as SUIT can insist on this.
    bool isAlgorithmProtected() const;
    // Why the algorithm is unusable, or empty if it is a supported one.
    QString algorithmProblem() const;
    // The algorithm if it is one Patchboard accepts.
    std::optional<SignatureAlgorithm> algorithm() const;

private:
    QByteArray m_protectedBytes;
    QCborMap m_protected;
    QCborMap m_unprotected;
    QByteArray m_payload;
    QByteArray m_signature;
    bool m_tagged = false;
    bool m_detached = false;
};

} // namespace Patchboard
