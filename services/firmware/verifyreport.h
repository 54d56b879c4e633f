// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "releaseverifier.h"

#include <QByteArray>
#include <QJsonObject>

namespace Patchboard {

// The machine-readable result of patchboard-author verify: one JSON object per file, written on
// one line (docs/release-format.md, "verify output"):
//   file, valid, sequence, components (lists of hex strings), vendor_id, class_id (hex),
//   image_digests, image_sizes (every image of every component, in manifest order), algorithm,
//   checks: { name: { "pass": bool, "reason": text } }
class VerifyReport
{
public:
    static QJsonObject toJson(const QString &file, const BundleVerification &verification);
    // Compact JSON, no trailing newline.
    static QByteArray toLine(const QString &file, const BundleVerification &verification);
};

} // namespace Patchboard
