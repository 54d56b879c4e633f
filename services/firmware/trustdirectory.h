// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "crypto/publickey.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace Patchboard {

// The trust store as a directory, for patchboard-author verify --trust-store DIR
// (docs/release-format.md):
//
//   DIR/<vendor-id>/<any name>.pem     Author public keys (SubjectPublicKeyInfo PEM)
//
// <vendor-id> is the vendor's SUIT vendor ID in lower-case hex without dashes (32 digits for a
// UUID); the dashed UUID form is accepted too. A key only vouches for manifests that name the
// vendor of the folder it is in. Files that are not readable public keys are reported, not used.
class TrustDirectory
{
public:
    explicit TrustDirectory(const QString &path) : m_path(path) { }

    QList<PublicKey> keysFor(const QByteArray &vendorId) const;
    // Why files in the vendor's folder were skipped (after keysFor).
    QStringList problems() const { return m_problems; }

    static QString vendorFolderName(const QByteArray &vendorId);

private:
    QString m_path;
    mutable QStringList m_problems;
};

} // namespace Patchboard
