// SPDX-License-Identifier: Apache-2.0
#pragma once
// Shared by the SUIT tests (tst_suit, tst_suitrobustness): the IETF SUIT examples in
// shared/testdata/suit, the key they are signed with, and failure messages naming the checks.

#include "crypto/publickey.h"
#include "manifest/manifestverification.h"

#include <QByteArray>
#include <QString>

namespace Patchboard::SuitKit {

// The path of a file of the SUIT test vectors.
QString suitFile(const QString &name);
// The file's bytes, empty when it cannot be read.
QByteArray readFile(const QString &path);
// The published key of the examples (null if it does not load).
PublicKey exampleKey();
// "ok name: reason" or "FAILED name: reason" for every check, for failure messages.
QByteArray describe(const ManifestVerification &v);

} // namespace Patchboard::SuitKit
