// SPDX-License-Identifier: Apache-2.0
#include "verifyreport.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace Patchboard {

QJsonObject VerifyReport::toJson(const QString &file, const BundleVerification &v)
{
    QJsonArray components;
    QJsonArray digests;
    QJsonArray sizes;
    for (const SuitComponent &component : v.manifest.components) {
        QJsonArray id;
        for (const QByteArray &part : component.id)
            id.append(QString::fromLatin1(part.toHex()));
        components.append(id);
        for (const SuitImage &image : component.images) {
            digests.append(image.digest ? image.digest->toHex() : QString());
            sizes.append(image.size ? QJsonValue(double(*image.size)) : QJsonValue());
        }
    }
    QJsonObject checks;
    for (const ReleaseCheck &check : v.checks) {
        // Names are unique in a checklist; should one repeat, the first (failed) one wins.
        if (checks.contains(check.name)
            && !checks.value(check.name).toObject().value(QStringLiteral("pass")).toBool())
            continue;
        checks.insert(check.name,
                      QJsonObject{{QStringLiteral("pass"), check.passed},
                                  {QStringLiteral("reason"), check.reason}});
    }
    return QJsonObject{
        {QStringLiteral("file"), file},
        {QStringLiteral("valid"), v.intact() && v.manifest.isVerified()},
        {QStringLiteral("sequence"),
         v.manifest.decoded ? QJsonValue(double(v.manifest.sequenceNumber)) : QJsonValue()},
        {QStringLiteral("components"), components},
        {QStringLiteral("vendor_id"), QString::fromLatin1(v.vendorId.toHex())},
        {QStringLiteral("class_id"), QString::fromLatin1(v.classId.toHex())},
        {QStringLiteral("image_digests"), digests},
        {QStringLiteral("image_sizes"), sizes},
        {QStringLiteral("algorithm"), v.manifest.algorithm},
        {QStringLiteral("checks"), checks},
    };
}

QByteArray VerifyReport::toLine(const QString &file, const BundleVerification &verification)
{
    return QJsonDocument(toJson(file, verification)).toJson(QJsonDocument::Compact);
}

} // namespace Patchboard
