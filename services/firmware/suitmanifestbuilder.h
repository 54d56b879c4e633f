// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QList>

namespace Patchboard {

// Encodes a SUIT_Manifest (draft-ietf-suit-manifest section 8.4) for the test Author: one
// component per payload, each with its vendor and class ID, SHA-256 digest and size in the shared
// sequence (with vendor/class conditions, as RFC 9124 expects a Recipient to check), and a
// validate sequence that checks every image. The result is what SuitSigner::signEnvelope signs
// and SuitVerifier decodes.
class SuitManifestBuilder
{
public:
    struct Component
    {
        QList<QByteArray> id; // SUIT_Component_Identifier
        QByteArray vendorId; // 16-byte UUID
        QByteArray classId; // 16-byte UUID
        QByteArray sha256; // 32 bytes
        quint64 size = 0;
    };

    void setSequenceNumber(quint64 sequence) { m_sequence = sequence; }
    void addComponent(const Component &component) { m_components.append(component); }

    // The encoded manifest; keys in ascending order (deterministic CBOR).
    QByteArray build() const;

private:
    quint64 m_sequence = 0;
    QList<Component> m_components;
};

} // namespace Patchboard
