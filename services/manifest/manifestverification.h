// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/serviceerror.h"
#include "suitdigest.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace Patchboard {

// One payload image a component may receive. A/B manifests (try-each over slots) list one image
// per slot for the same component.
struct SuitImage
{
    std::optional<quint64> slot; // suit-parameter-component-slot, if the manifest names one
    std::optional<SuitDigest> digest;
    std::optional<quint64> size;
    QString uri;
};

struct SuitComponent
{
    QList<QByteArray> id; // SUIT_Component_Identifier: a list of byte strings
    QByteArray vendorId; // suit-parameter-vendor-identifier (an RFC 4122 UUID, 16 bytes)
    QByteArray classId; // suit-parameter-class-identifier
    QList<SuitImage> images;

    // "[h'00']" style, for display.
    QString idText() const;
};

enum class ManifestCheckId {
    Envelope, // size, CBOR structure, tag 107
    AuthenticationWrapper, // present and well-formed
    Signed, // carries at least one signature, not just a digest
    Signature, // a COSE_Sign1 verifies with a trusted key
    ManifestDigest, // SHA-256 of the bstr-wrapped manifest equals the signed digest
    Manifest, // the manifest decodes and is a version this code understands
    SeverableMembers, // every severed member matches its digest in the manifest
    VendorId, // policy: the expected vendor
    ClassId, // policy: the expected device class
    SequenceNumber, // policy: newer than what is installed (anti-rollback)
};

// One line of the verification report a UI shows: what was checked, whether it passed and why.
struct ManifestCheck
{
    ManifestCheckId id = ManifestCheckId::Envelope;
    QString name; // stable, machine-readable: "signature", "manifest-digest", ...
    bool passed = false;
    QString reason;
};

// What SuitVerifier found in an envelope. The decoded fields are filled whenever the manifest
// could be decoded, so an operator can see what a refused release claims; they are only to be
// trusted when isVerified() is true.
struct ManifestVerification
{
    QList<ManifestCheck> checks;

    bool decoded = false; // the fields below hold the manifest's content
    qint64 manifestVersion = 0;
    quint64 sequenceNumber = 0;
    QList<SuitComponent> components;
    QString referenceUri;
    QString description; // suit-text manifest description, if present and authentic
    SuitDigest manifestDigest;

    QString algorithm; // of the signature that verified, or of the first one found
    qint64 algorithmId = 0;
    QString keyFingerprint; // SHA-256 of the key that verified it

    // Every check passed, and signature, manifest digest and manifest were among them.
    bool isVerified() const;
    const ManifestCheck *check(ManifestCheckId id) const;
    QList<ManifestCheck> failedChecks() const;
    // None when verified; otherwise PermissionDenied naming the first failed check.
    ServiceError error() const;

    void addCheck(ManifestCheckId id, bool passed, const QString &reason);
    static QString checkName(ManifestCheckId id);
};

} // namespace Patchboard
