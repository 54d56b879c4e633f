// SPDX-License-Identifier: Apache-2.0
#include "cosesign1.h"

#include <QCborArray>
#include <QSet>

namespace Patchboard {

namespace {

// RFC 9052 section 3.1 common header labels.
constexpr qint64 LabelAlg = 1;
constexpr qint64 LabelCrit = 2;
constexpr qint64 LabelKid = 4;

ServiceError malformed(const QString &message)
{
    return ServiceError::make(ServiceError::Code::InvalidArgument,
                              QStringLiteral("Malformed COSE_Sign1: %1").arg(message));
}

ServiceError refused(const QString &message, const QString &hint = {})
{
    return ServiceError::make(ServiceError::Code::PermissionDenied, message, hint);
}

bool isLabel(const QCborValue &key)
{
    return key.isInteger() || key.isString();
}

// The header map inside the protected bstr. RFC 9052 section 3: a zero-length bstr and an
// encoded empty map both mean "no protected headers".
Result<QCborMap> decodeProtected(const QByteArray &bytes, const CborLimits &limits)
{
    if (bytes.isEmpty())
        return QCborMap();
    Result<QCborValue> value = BoundedCbor::decode(bytes, limits);
    if (!value.ok())
        return malformed(QStringLiteral("protected header: %1").arg(value.error().message));
    if (!value.value().isMap())
        return malformed(QStringLiteral("the protected header is not a map."));
    return value.value().toMap();
}

Status checkHeaderMap(const QCborMap &map, const QString &which)
{
    if (BoundedCbor::hasDuplicateKeys(map))
        return malformed(QStringLiteral("the %1 header repeats a label.").arg(which));
    for (auto it = map.constBegin(); it != map.constEnd(); ++it) {
        if (!isLabel(it.key()))
            return malformed(
                QStringLiteral("the %1 header has a label that is neither int nor text.")
                    .arg(which));
    }
    return Done{};
}

} // namespace

Result<CoseSign1> CoseSign1::parse(QByteArrayView cbor, TagPolicy tagPolicy,
                                   const CborLimits &limits)
{
    Result<QCborValue> decoded = BoundedCbor::decode(cbor, limits);
    if (!decoded.ok())
        return malformed(decoded.error().message);
    QCborValue value = decoded.value();
    CoseSign1 message;
    if (value.isTag()) {
        const quint64 tag = quint64(value.tag());
        if (tag != Tag) {
            return malformed(
                QStringLiteral("wrong CBOR tag %1; a COSE_Sign1 is tagged %2.").arg(tag).arg(Tag));
        }
        message.m_tagged = true;
        value = value.taggedValue();
    } else if (tagPolicy == TagPolicy::Required) {
        return malformed(
            QStringLiteral("the message is not tagged %1 (COSE_Sign1_Tagged).").arg(Tag));
    }
    if (!value.isArray() || value.toArray().size() != 4)
        return malformed(QStringLiteral("expected an array of 4 elements."));
    const QCborArray array = value.toArray();
    if (!array.at(0).isByteArray())
        return malformed(QStringLiteral("the protected header is not a byte string."));
    if (!array.at(1).isMap())
        return malformed(QStringLiteral("the unprotected header is not a map."));
    if (!array.at(2).isByteArray() && !array.at(2).isNull())
        return malformed(QStringLiteral("the payload is neither a byte string nor nil."));
    if (!array.at(3).isByteArray())
        return malformed(QStringLiteral("the signature is not a byte string."));

    message.m_protectedBytes = array.at(0).toByteArray();
    Result<QCborMap> protectedMap = decodeProtected(message.m_protectedBytes, limits);
    if (!protectedMap.ok())
        return protectedMap.error();
    message.m_protected = protectedMap.value();
    message.m_unprotected = array.at(1).toMap();
    for (const auto &[map, name] :
         {std::pair{&message.m_protected, QStringLiteral("protected")},
          std::pair{&message.m_unprotected, QStringLiteral("unprotected")}}) {
        const Status ok = checkHeaderMap(*map, name);
        if (!ok.ok())
            return ok.error();
    }
    // RFC 9052 section 3: a label must not appear in both buckets.
    for (auto it = message.m_protected.constBegin(); it != message.m_protected.constEnd(); ++it) {
        if (message.m_unprotected.contains(it.key()))
            return malformed(QStringLiteral("header label %1 is both protected and unprotected.")
                                 .arg(it.key().toDiagnosticNotation()));
    }
    // RFC 9052 section 3.1: "crit" is protected, non-empty, and lists labels we must understand.
    // The only header Patchboard acts on is "alg".
    if (message.m_unprotected.contains(LabelCrit))
        return malformed(QStringLiteral("the \"crit\" header must be protected."));
    if (message.m_protected.contains(LabelCrit)) {
        const QCborValue crit = message.m_protected.value(LabelCrit);
        if (!crit.isArray() || crit.toArray().isEmpty())
            return malformed(QStringLiteral("the \"crit\" header is not a non-empty array."));
        for (const QCborValue &label : crit.toArray()) {
            if (!isLabel(label) || !message.m_protected.contains(label))
                return malformed(
                    QStringLiteral("\"crit\" names a label that is not in the protected header."));
            if (label != QCborValue(LabelAlg)) {
                return refused(QStringLiteral("The COSE_Sign1 marks header %1 as critical, which "
                                              "Patchboard does not understand.")
                                   .arg(label.toDiagnosticNotation()));
            }
        }
    }
    message.m_detached = array.at(2).isNull();
    message.m_payload = array.at(2).toByteArray();
    message.m_signature = array.at(3).toByteArray();
    return message;
}

QByteArray CoseSign1::keyId() const
{
    const QCborValue kid = m_protected.contains(LabelKid) ? m_protected.value(LabelKid)
                                                          : m_unprotected.value(LabelKid);
    return kid.toByteArray();
}

bool CoseSign1::isAlgorithmProtected() const
{
    return m_protected.contains(LabelAlg);
}

std::optional<qint64> CoseSign1::algorithmId() const
{
    // The algorithm may sit in either bucket (cose-wg sign-pass-01 carries it unprotected);
    // the key type still has to match it, so moving it does not let anyone pick a weaker one.
    const QCborValue alg = m_protected.contains(LabelAlg) ? m_protected.value(LabelAlg)
                                                          : m_unprotected.value(LabelAlg);
    if (!alg.isInteger())
        return std::nullopt;
    return alg.toInteger();
}

QString CoseSign1::algorithmProblem() const
{
    const QCborValue alg = m_protected.contains(LabelAlg) ? m_protected.value(LabelAlg)
                                                          : m_unprotected.value(LabelAlg);
    if (alg.isUndefined())
        return QStringLiteral("The COSE_Sign1 names no algorithm.");
    if (!alg.isInteger()) {
        return QStringLiteral("The COSE_Sign1 algorithm %1 is not accepted; Patchboard accepts %2.")
            .arg(alg.toDiagnosticNotation(), SignatureAlgorithm::supportedNames());
    }
    if (!SignatureAlgorithm::fromCoseId(alg.toInteger())) {
        return QStringLiteral("The COSE_Sign1 algorithm %1 is not accepted; Patchboard accepts %2.")
            .arg(SignatureAlgorithm::describeCoseId(alg.toInteger()),
                 SignatureAlgorithm::supportedNames());
    }
    return {};
}

std::optional<SignatureAlgorithm> CoseSign1::algorithm() const
{
    const std::optional<qint64> id = algorithmId();
    return id ? SignatureAlgorithm::fromCoseId(*id) : std::nullopt;
}

QByteArray CoseSign1::sigStructure(QByteArrayView bodyProtected, QByteArrayView externalAad,
                                   QByteArrayView payload)
{
    const QCborArray structure{
        QCborValue(QStringLiteral("Signature1")), QCborValue(bodyProtected.toByteArray()),
        QCborValue(externalAad.toByteArray()), QCborValue(payload.toByteArray())};
    return QCborValue(structure).toCbor();
}

Status CoseSign1::verify(const PublicKey &key, QByteArrayView externalAad,
                         std::optional<QByteArrayView> detachedPayload) const
{
    const std::optional<SignatureAlgorithm> alg = algorithm();
    if (!alg)
        return refused(algorithmProblem(),
                       QStringLiteral("Ask the Author to sign with %1.")
                           .arg(SignatureAlgorithm::supportedNames()));
    if (key.isNull())
        return refused(QStringLiteral("No public key to verify the COSE_Sign1 with."));
    if (alg->keyType() != key.type()) {
        return refused(QStringLiteral("The COSE_Sign1 uses %1, which does not fit the %2 key %3.")
                           .arg(alg->name(), key.typeName(), key.fingerprint().left(16)));
    }
    if (m_detached && !detachedPayload)
        return refused(QStringLiteral("The COSE_Sign1 payload is detached and was not supplied."));
    if (!m_detached && detachedPayload)
        return refused(QStringLiteral(
            "The COSE_Sign1 carries its payload, but a detached payload was expected."));
    const QByteArrayView payload = m_detached ? *detachedPayload : QByteArrayView(m_payload);
    // RFC 9052 section 4.4: body_protected is the protected bstr as received, except that "no
    // protected headers" is always the zero-length bstr, even if the sender encoded an empty map.
    const QByteArray bodyProtected = m_protected.isEmpty() ? QByteArray() : m_protectedBytes;
    const QByteArray toBeSigned = sigStructure(bodyProtected, externalAad, payload);
    const Status verdict = key.verify(*alg, toBeSigned, m_signature);
    if (!verdict.ok())
        return refused(verdict.error().message);
    return Done{};
}

Result<QByteArray> CoseSign1::sign(const PrivateKey &key, SignatureAlgorithm algorithm,
                                   QByteArrayView payload, const SignOptions &options)
{
    QCborMap protectedMap;
    protectedMap.insert(LabelAlg, algorithm.coseId());
    const QByteArray protectedBytes = QCborValue(protectedMap).toCbor();
    Result<QByteArray> signature
        = key.sign(algorithm, sigStructure(protectedBytes, options.externalAad, payload));
    if (!signature.ok())
        return signature.error();
    QCborMap unprotected;
    if (!options.keyId.isEmpty())
        unprotected.insert(LabelKid, options.keyId);
    const QCborArray message{QCborValue(protectedBytes), QCborValue(unprotected),
                             options.detached ? QCborValue(nullptr)
                                              : QCborValue(payload.toByteArray()),
                             QCborValue(signature.value())};
    if (options.tagged)
        return QCborValue(QCborTag(Tag), message).toCbor();
    return QCborValue(message).toCbor();
}

} // namespace Patchboard
