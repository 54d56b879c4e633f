// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "crypto/publickey.h"
#include "crypto/sha256.h"
#include "domain/release.h"
#include "manifest/manifestverification.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <functional>
#include <optional>

namespace Patchboard {

// Everything verification found in a SUIT envelope or a release bundle. The decoded fields are
// what the release claims; trust them only when intact() is true.
struct BundleVerification
{
    QString path;
    bool isBundle = false;
    ManifestVerification manifest;
    QList<ReleaseCheck> checks; // the manifest's checks, then the bundle's, in order
    QByteArray envelope;
    QByteArray notesBytes;
    std::optional<ReleaseNotes> notes; // set when notes.json matched its digest and parsed
    QList<int> offendingChanges; // SSU-SEC-0010, indices into notes->changes
    QByteArray vendorId; // shared by every component (empty when they differ or are missing)
    QByteArray classId;
    QList<ReleaseImage> images; // the bundle's payloads, from the manifest (notes first)

    // Every blocking check passed.
    bool intact() const { return allBlockingChecksPass(checks); }
    const ReleaseCheck *check(const QString &name) const;
};

// Runs the verification checklist of a release (ARCHITECTURE.md, update procedure step 2) on what
// can be checked without the fleet database: the trusted key for the claimed vendor, the
// signature and manifest digest (SuitVerifier), the bundle layout, that every payload matches
// its SHA-256 and size (streamed: images can be hundreds of MiB), the notes' format and the
// security-only rule (SSU-SEC-0010). The fleet-dependent checks (hardware mapping,
// anti-rollback, CVE cross-check) are added by the backend.
class ReleaseVerifier
{
public:
    // The Author keys trusted for a vendor ID (raw bytes). A --key tool returns its key for any.
    using KeyLookup = std::function<QList<PublicKey>(const QByteArray &vendorId)>;

    static BundleVerification verifyEnvelope(const QByteArray &envelope, const KeyLookup &keys);
    // progress: bytes of images hashed so far and in total; returning false cancels.
    static BundleVerification verifyBundle(const QString &dir, const KeyLookup &keys,
                                           const Sha256::Progress &progress = {});
    // A bundle directory or a raw envelope file.
    static BundleVerification verifyPath(const QString &path, const KeyLookup &keys);
};

} // namespace Patchboard
