// SPDX-License-Identifier: Apache-2.0
#include "suitenvelope.h"

#include "suitlabels.h"

#include <QCborArray>
#include <QSet>

namespace Patchboard {

namespace {

ServiceError envelopeError(const QString &message)
{
    return ServiceError::make(
        ServiceError::Code::InvalidArgument, message,
        QStringLiteral(
            "The file is not a well-formed SUIT envelope; ask the Author for a new one."));
}

} // namespace

CborLimits SuitEnvelope::defaultLimits()
{
    CborLimits limits;
    limits.maxBytes = 1024 * 1024;
    limits.maxDepth = 16;
    limits.maxItems = 16384;
    limits.maxContainerItems = 1024;
    return limits;
}

Result<SuitEnvelope> SuitEnvelope::parse(QByteArrayView data, const CborLimits &limits)
{
    Result<BoundedCbor::RawMap> map = BoundedCbor::decodeRawMap(data, limits);
    if (!map.ok())
        return envelopeError(QStringLiteral("Not a SUIT envelope: %1").arg(map.error().message));
    SuitEnvelope envelope;
    envelope.m_size = data.size();
    if (map.value().tag) {
        // The envelope tag is optional, but if there is one it must be SUIT_Envelope_Tagged.
        if (*map.value().tag != SuitLabel::EnvelopeTag) {
            return envelopeError(
                QStringLiteral("Wrong CBOR tag %1 on the envelope; a SUIT envelope is tagged %2.")
                    .arg(*map.value().tag)
                    .arg(SuitLabel::EnvelopeTag));
        }
        envelope.m_tagged = true;
    }
    QSet<QByteArray> seen;
    for (const BoundedCbor::MapEntry &entry : map.value().entries) {
        const QByteArray keyBytes = entry.key.toCbor();
        if (seen.contains(keyBytes))
            return envelopeError(QStringLiteral("The envelope repeats member %1.")
                                     .arg(entry.key.toDiagnosticNotation()));
        seen.insert(keyBytes);
        const QCborValue value = QCborValue::fromCbor(entry.rawValue);
        if (!value.isByteArray()) {
            return envelopeError(QStringLiteral("Envelope member %1 is not a byte string.")
                                     .arg(entry.key.toDiagnosticNotation()));
        }
        if (entry.key.isString()) {
            envelope.m_integrated.insert(entry.key.toString(), value.toByteArray().size());
            continue;
        }
        if (!entry.key.isInteger())
            return envelopeError(
                QStringLiteral("Envelope member %1 has neither an integer nor a text label.")
                    .arg(entry.key.toDiagnosticNotation()));
        switch (entry.key.toInteger()) {
        case SuitLabel::Delegation:
            envelope.m_hasDelegation = true;
            break;
        case SuitLabel::AuthenticationWrapper:
            envelope.m_authenticationWrapped = entry.rawValue;
            envelope.m_authentication = value.toByteArray();
            break;
        case SuitLabel::Manifest:
            envelope.m_manifestWrapped = entry.rawValue;
            envelope.m_manifest = value.toByteArray();
            break;
        default:
            envelope.m_severableWrapped.insert(entry.key.toInteger(), entry.rawValue);
            envelope.m_severable.insert(entry.key.toInteger(), value.toByteArray());
            break;
        }
    }
    return envelope;
}

Result<SuitEnvelope::AuthenticationWrapper>
SuitEnvelope::authenticationWrapper(const CborLimits &limits) const
{
    if (!hasAuthenticationWrapper())
        return envelopeError(
            QStringLiteral("The envelope has no authentication wrapper (member 2)."));
    Result<QCborValue> value = BoundedCbor::decode(m_authentication, limits);
    if (!value.ok())
        return envelopeError(QStringLiteral("The authentication wrapper is malformed: %1")
                                 .arg(value.error().message));
    if (!value.value().isArray() || value.value().toArray().isEmpty())
        return envelopeError(
            QStringLiteral("The authentication wrapper is not a non-empty array."));
    const QCborArray array = value.value().toArray();
    AuthenticationWrapper wrapper;
    for (qsizetype i = 0; i < array.size(); ++i) {
        if (!array.at(i).isByteArray())
            return envelopeError(
                QStringLiteral("Element %1 of the authentication wrapper is not a byte string.")
                    .arg(i));
        if (i == 0)
            wrapper.digest = array.at(i).toByteArray();
        else
            wrapper.blocks.append(array.at(i).toByteArray());
    }
    return wrapper;
}

} // namespace Patchboard
