// SPDX-License-Identifier: Apache-2.0
#include "suitmanifest.h"

#include "suitlabels.h"

#include <QCborArray>
#include <QCborMap>

namespace Patchboard {

namespace {

constexpr qint64 SupportedVersion = 1;
constexpr qsizetype MaxComponents = 64;
constexpr qsizetype MaxComponentIdParts = 16;

ServiceError manifestError(const QString &message)
{
    return ServiceError::make(ServiceError::Code::InvalidArgument, message);
}

Result<QCborMap> decodeMap(const QByteArray &bytes, const CborLimits &limits, const QString &what)
{
    Result<QCborValue> value = BoundedCbor::decode(bytes, limits);
    if (!value.ok())
        return manifestError(
            QStringLiteral("%1 is malformed: %2").arg(what, value.error().message));
    if (!value.value().isMap())
        return manifestError(QStringLiteral("%1 is not a map.").arg(what));
    const QCborMap map = value.value().toMap();
    if (BoundedCbor::hasDuplicateKeys(map))
        return manifestError(QStringLiteral("%1 repeats a key.").arg(what));
    for (auto it = map.constBegin(); it != map.constEnd(); ++it) {
        if (!it.key().isInteger())
            return manifestError(QStringLiteral("%1 has a key that is not an integer.").arg(what));
    }
    return map;
}

Result<QList<QList<QByteArray>>> decodeComponents(const QCborValue &value)
{
    // SUIT_Components = [+ SUIT_Component_Identifier], SUIT_Component_Identifier = [* bstr]
    if (!value.isArray() || value.toArray().isEmpty())
        return manifestError(QStringLiteral("suit-components is not a non-empty array."));
    if (value.toArray().size() > MaxComponents)
        return manifestError(
            QStringLiteral("The manifest lists more than %1 components.").arg(MaxComponents));
    QList<QList<QByteArray>> components;
    for (const QCborValue &component : value.toArray()) {
        if (!component.isArray() || component.toArray().size() > MaxComponentIdParts)
            return manifestError(
                QStringLiteral("A component identifier is not an array of at most %1 byte strings.")
                    .arg(MaxComponentIdParts));
        QList<QByteArray> id;
        for (const QCborValue &part : component.toArray()) {
            if (!part.isByteArray())
                return manifestError(QStringLiteral(
                    "A component identifier holds something other than byte strings."));
            id.append(part.toByteArray());
        }
        components.append(id);
    }
    return components;
}

} // namespace

CborLimits SuitManifest::defaultLimits()
{
    CborLimits limits;
    limits.maxBytes = 1024 * 1024;
    limits.maxDepth = 8;
    limits.maxItems = 16384;
    limits.maxContainerItems = 1024;
    return limits;
}

bool SuitManifest::isSeverableLabel(qint64 label)
{
    switch (label) {
    case SuitLabel::DependencyResolution:
    case SuitLabel::PayloadFetch:
    case SuitLabel::CandidateVerification:
    case SuitLabel::Install:
    case SuitLabel::Text:
        return true;
    default:
        return false;
    }
}

Result<SuitManifest> SuitManifest::decode(const QByteArray &bytes, const CborLimits &limits)
{
    Result<QCborMap> decoded = decodeMap(bytes, limits, QStringLiteral("The manifest"));
    if (!decoded.ok())
        return decoded.error();
    const QCborMap map = decoded.value();
    SuitManifest manifest;

    const QCborValue version = map.value(SuitLabel::ManifestVersion);
    if (!version.isInteger())
        return manifestError(QStringLiteral("The manifest has no manifest-version."));
    if (version.toInteger() != SupportedVersion) {
        return manifestError(
            QStringLiteral("Manifest version %1 is not supported; Patchboard reads version %2.")
                .arg(version.toInteger())
                .arg(SupportedVersion));
    }
    manifest.m_version = version.toInteger();

    // QCborValue holds integers up to 2^63-1; larger unsigned values decode as doubles and are
    // refused here, as are negative numbers.
    const QCborValue sequence = map.value(SuitLabel::SequenceNumber);
    if (!sequence.isInteger() || sequence.toInteger() < 0)
        return manifestError(
            QStringLiteral("The manifest sequence number is missing, negative or too large."));
    manifest.m_sequenceNumber = quint64(sequence.toInteger());

    const QCborValue common = map.value(SuitLabel::Common);
    if (!common.isByteArray())
        return manifestError(QStringLiteral("The manifest has no suit-common."));
    Result<QCborMap> commonMap
        = decodeMap(common.toByteArray(), limits, QStringLiteral("suit-common"));
    if (!commonMap.ok())
        return commonMap.error();
    for (auto it = commonMap.value().constBegin(); it != commonMap.value().constEnd(); ++it) {
        switch (it.key().toInteger()) {
        case SuitLabel::Components: {
            Result<QList<QList<QByteArray>>> components = decodeComponents(it.value());
            if (!components.ok())
                return components.error();
            manifest.m_componentIds = components.value();
            break;
        }
        case SuitLabel::SharedSequence:
            if (!it.value().isByteArray())
                return manifestError(QStringLiteral("suit-shared-sequence is not a byte string."));
            manifest.m_sharedSequence = it.value().toByteArray();
            break;
        case SuitLabel::Dependencies:
            return manifestError(
                QStringLiteral("The manifest has dependencies (suit-dependencies), which "
                               "Patchboard does not process."));
        default:
            return manifestError(
                QStringLiteral("suit-common has unknown element %1.").arg(it.key().toInteger()));
        }
    }

    for (auto it = map.constBegin(); it != map.constEnd(); ++it) {
        const qint64 label = it.key().toInteger();
        const QCborValue value = it.value();
        switch (label) {
        case SuitLabel::ManifestVersion:
        case SuitLabel::SequenceNumber:
        case SuitLabel::Common:
            break;
        case SuitLabel::ReferenceUri:
            if (!value.isString())
                return manifestError(QStringLiteral("suit-reference-uri is not text."));
            manifest.m_referenceUri = value.toString();
            break;
        case SuitLabel::ManifestComponentId:
            break; // names the manifest itself for trust domains; not needed to verify it
        case SuitLabel::Validate:
        case SuitLabel::Load:
        case SuitLabel::Invoke:
            if (!value.isByteArray())
                return manifestError(
                    QStringLiteral("Manifest element %1 is not a byte string.").arg(label));
            manifest.m_unseverable.insert(label, value.toByteArray());
            break;
        default:
            if (!isSeverableLabel(label))
                return manifestError(
                    QStringLiteral("The manifest has unknown element %1.").arg(label));
            if (value.isByteArray()) {
                manifest.m_severable[label].content = value.toByteArray();
            } else {
                Result<SuitDigest> digest = SuitDigest::fromCbor(value);
                if (!digest.ok())
                    return manifestError(QStringLiteral("Manifest element %1: %2")
                                             .arg(label)
                                             .arg(digest.error().message));
                manifest.m_severable[label].digest = digest.value();
            }
            break;
        }
    }
    return manifest;
}

} // namespace Patchboard
