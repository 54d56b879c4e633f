// SPDX-License-Identifier: Apache-2.0
#include "manifestverification.h"

#include <QStringList>

namespace Patchboard {

QString SuitComponent::idText() const
{
    QStringList parts;
    for (const QByteArray &part : id)
        parts.append(QStringLiteral("h'%1'").arg(QString::fromLatin1(part.toHex())));
    return QLatin1Char('[') + parts.join(QStringLiteral(", ")) + QLatin1Char(']');
}

bool ManifestVerification::isVerified() const
{
    if (checks.isEmpty())
        return false;
    for (const ManifestCheck &c : checks) {
        if (!c.passed)
            return false;
    }
    for (ManifestCheckId required :
         {ManifestCheckId::Signature, ManifestCheckId::ManifestDigest, ManifestCheckId::Manifest}) {
        if (!check(required))
            return false;
    }
    return true;
}

const ManifestCheck *ManifestVerification::check(ManifestCheckId id) const
{
    for (const ManifestCheck &c : checks) {
        if (c.id == id)
            return &c;
    }
    return nullptr;
}

QList<ManifestCheck> ManifestVerification::failedChecks() const
{
    QList<ManifestCheck> failed;
    for (const ManifestCheck &c : checks) {
        if (!c.passed)
            failed.append(c);
    }
    return failed;
}

ServiceError ManifestVerification::error() const
{
    if (isVerified())
        return {};
    const QList<ManifestCheck> failed = failedChecks();
    if (failed.isEmpty()) {
        return ServiceError::make(ServiceError::Code::PermissionDenied,
                                  QStringLiteral("The release manifest was not fully verified."));
    }
    return ServiceError::make(
        ServiceError::Code::PermissionDenied,
        QStringLiteral("Release manifest refused (%1): %2")
            .arg(failed.first().name, failed.first().reason),
        QStringLiteral(
            "Do not approve this release; ask the Author for a correctly signed manifest."));
}

void ManifestVerification::addCheck(ManifestCheckId id, bool passed, const QString &reason)
{
    checks.append(ManifestCheck{id, checkName(id), passed, reason});
}

QString ManifestVerification::checkName(ManifestCheckId id)
{
    switch (id) {
    case ManifestCheckId::Envelope:
        return QStringLiteral("envelope");
    case ManifestCheckId::AuthenticationWrapper:
        return QStringLiteral("authentication-wrapper");
    case ManifestCheckId::Signed:
        return QStringLiteral("signed");
    case ManifestCheckId::Signature:
        return QStringLiteral("signature");
    case ManifestCheckId::ManifestDigest:
        return QStringLiteral("manifest-digest");
    case ManifestCheckId::Manifest:
        return QStringLiteral("manifest");
    case ManifestCheckId::SeverableMembers:
        return QStringLiteral("severable-members");
    case ManifestCheckId::VendorId:
        return QStringLiteral("vendor-id");
    case ManifestCheckId::ClassId:
        return QStringLiteral("class-id");
    case ManifestCheckId::SequenceNumber:
        return QStringLiteral("sequence-number");
    }
    return QStringLiteral("unknown");
}

} // namespace Patchboard
