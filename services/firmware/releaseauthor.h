// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/result.h"
#include "crypto/keytype.h"
#include "crypto/privatekey.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace Patchboard {

// The test Author's side of the release bundle (app/author, demo releases, tests): key
// generation and writing a signed NAME.pbrelease directory (docs/release-format.md).
class ReleaseAuthor
{
public:
    struct KeyFiles
    {
        QString privateKeyPath;
        QString publicKeyPath;
        QString fingerprint;
    };
    // Writes the PKCS#8 private key (mode 0600) and beside it the public key: KEY.pem gives
    // KEY.pub.pem. Refuses to overwrite either.
    static Result<KeyFiles> generateKey(KeyType type, const QString &privateKeyPath);
    static QString publicKeyPathFor(const QString &privateKeyPath);

    struct Image
    {
        QString name; // the name in images/, checked with ReleaseBundle::imageNameProblem
        QString sourcePath;
    };
    struct CreateOptions
    {
        QByteArray vendorId; // 16 bytes
        QByteArray classId; // 16 bytes
        quint64 sequenceNumber = 0;
        QByteArray notes; // notes.json exactly as it will be signed
        QList<Image> images;
        QString outputDir; // must not exist yet; NAME.pbrelease by convention
        bool checkNotes = true; // refuse notes that do not parse (tests turn it off)
    };
    struct Created
    {
        QString dir;
        QByteArray manifestDigest; // SHA-256 of the bstr-wrapped manifest
        QString algorithm;
    };
    // Copies the images (hashing as it copies), builds and signs the manifest, and moves the
    // finished bundle into place; on failure nothing is left behind.
    static Result<Created> create(const PrivateKey &key, const CreateOptions &options);

    // A vendor or class ID: 32 hex digits, or a UUID with dashes.
    static Result<QByteArray> parseUuid(const QString &text, const QString &what);
};

} // namespace Patchboard
