// SPDX-License-Identifier: Apache-2.0
#include "suitverifier.h"

#include "crypto/cosesign1.h"
#include "crypto/sha256.h"
#include "suitenvelope.h"
#include "suitlabels.h"
#include "suitmanifest.h"
#include "suitsequencewalker.h"

#include <QCborMap>
#include <QFile>
#include <QStringList>

namespace Patchboard {

namespace {

using Check = ManifestCheckId;

QString notChecked(const QString &because)
{
    return QStringLiteral("Not checked: %1").arg(because);
}

// Explains blocks that are COSE but not COSE_Sign1 before trying to parse them as one.
QString otherCoseKind(const QByteArray &block)
{
    Result<QCborValue> value = BoundedCbor::decode(block, SuitEnvelope::defaultLimits());
    if (!value.ok() || !value.value().isTag())
        return {};
    switch (quint64(value.value().tag())) {
    case 17:
        return QStringLiteral("COSE_Mac0");
    case 97:
        return QStringLiteral("COSE_Mac");
    case 98:
        return QStringLiteral("COSE_Sign");
    default:
        return {};
    }
}

void checkSignature(ManifestVerification &result, const SuitEnvelope::AuthenticationWrapper &auth,
                    const QList<PublicKey> &keys)
{
    QStringList problems;
    for (qsizetype i = 0; i < auth.blocks.size(); ++i) {
        const QString prefix
            = auth.blocks.size() > 1 ? QStringLiteral("block %1: ").arg(i + 1) : QString();
        if (const QString kind = otherCoseKind(auth.blocks[i]); !kind.isEmpty()) {
            problems.append(prefix
                            + QStringLiteral("%1 authentication is not supported; Patchboard "
                                             "checks COSE_Sign1 signatures.")
                                  .arg(kind));
            continue;
        }
        // SUIT_Authentication_Block is COSE_Sign1_Tagged: the tag tells Sign1 from Mac0.
        Result<CoseSign1> cose = CoseSign1::parse(auth.blocks[i], CoseSign1::TagPolicy::Required,
                                                  SuitEnvelope::defaultLimits());
        if (!cose.ok()) {
            problems.append(prefix + cose.error().message);
            continue;
        }
        if (result.algorithm.isEmpty() && cose.value().algorithmId()) {
            result.algorithmId = *cose.value().algorithmId();
            result.algorithm = SignatureAlgorithm::describeCoseId(result.algorithmId);
        }
        // The signature algorithm must be covered by the signature itself (RFC 9052 section 3.1).
        if (!cose.value().isAlgorithmProtected()) {
            problems.append(
                prefix
                + QStringLiteral("the COSE_Sign1 algorithm is not in its protected header."));
            continue;
        }
        // The COSE payload is detached: it is the bstr-wrapped SUIT_Digest of the manifest.
        if (!cose.value().isDetached()) {
            problems.append(
                prefix
                + QStringLiteral("the COSE_Sign1 payload must be detached (nil) and is not."));
            continue;
        }
        if (keys.isEmpty()) {
            problems.append(QStringLiteral("No trusted Author key was given."));
            break;
        }
        for (const PublicKey &key : keys) {
            const Status verdict = cose.value().verify(key, {}, QByteArrayView(auth.digest));
            if (verdict.ok()) {
                const SignatureAlgorithm algorithm = *cose.value().algorithm();
                result.algorithm = algorithm.name();
                result.algorithmId = algorithm.coseId();
                result.keyFingerprint = key.fingerprint();
                result.addCheck(Check::Signature, true,
                                QStringLiteral("%1 signature verifies with key %2.")
                                    .arg(algorithm.name(), result.keyFingerprint));
                return;
            }
            if (!problems.contains(prefix + verdict.error().message))
                problems.append(prefix + verdict.error().message);
        }
    }
    result.addCheck(Check::Signature, false, problems.join(QLatin1Char(' ')));
}

void checkManifestDigest(ManifestVerification &result, const SuitEnvelope &envelope,
                         const QByteArray &encodedDigest)
{
    Result<SuitDigest> digest = SuitDigest::fromEncoded(encodedDigest);
    if (!digest.ok()) {
        result.addCheck(Check::ManifestDigest, false, digest.error().message);
        return;
    }
    result.manifestDigest = digest.value();
    if (!digest.value().isSha256()) {
        result.addCheck(
            Check::ManifestDigest, false,
            QStringLiteral("The manifest digest uses %1; Patchboard checks SHA-256 (-16).")
                .arg(digest.value().algorithmName()));
        return;
    }
    if (!envelope.hasManifest()) {
        result.addCheck(Check::ManifestDigest, false,
                        QStringLiteral("The envelope has no manifest (member 3)."));
        return;
    }
    // The digest covers the bstr-wrapped manifest as received, CBOR bstr header included.
    const SuitDigest actual{SuitLabel::DigestSha256, Sha256::hash(envelope.manifestWrapped())};
    if (!actual.matches(digest.value())) {
        result.addCheck(Check::ManifestDigest, false,
                        QStringLiteral("The manifest's SHA-256 is %1 but the signed digest is %2: "
                                       "the manifest was changed.")
                            .arg(actual.toHex(), digest.value().toHex()));
        return;
    }
    result.addCheck(Check::ManifestDigest, true,
                    QStringLiteral("SHA-256 of the manifest matches %1.").arg(actual.toHex()));
}

// Severable members: a member in the envelope is only authentic through its digest in the
// manifest. Returns the authentic content of each member that is present (inline or severed).
QMap<qint64, QByteArray> checkSeverable(ManifestCheck &check, const SuitEnvelope &envelope,
                                        const SuitManifest &manifest)
{
    QMap<qint64, QByteArray> authentic;
    QStringList problems;
    const QMap<qint64, SuitManifest::Member> members = manifest.severableMembers();
    const QMap<qint64, QByteArray> severed = envelope.severableWrapped();
    for (auto it = severed.constBegin(); it != severed.constEnd(); ++it) {
        const SuitManifest::Member member = members.value(it.key());
        if (!member.digest) {
            problems.append(
                member.content
                    ? QStringLiteral("Member %1 is both in the manifest and in the envelope.")
                          .arg(it.key())
                    : QStringLiteral("Envelope member %1 is not covered by the manifest.")
                          .arg(it.key()));
            continue;
        }
        const SuitDigest actual{SuitLabel::DigestSha256, Sha256::hash(it.value())};
        if (!member.digest->isSha256() || !actual.matches(*member.digest)) {
            problems.append(
                QStringLiteral("Envelope member %1 does not match its digest in the manifest.")
                    .arg(it.key()));
            continue;
        }
        authentic.insert(it.key(), envelope.severable().value(it.key()));
    }
    for (auto it = members.constBegin(); it != members.constEnd(); ++it) {
        if (it.value().content)
            authentic.insert(it.key(), *it.value().content);
    }
    check.id = Check::SeverableMembers;
    check.name = ManifestVerification::checkName(check.id);
    check.passed = problems.isEmpty();
    if (check.passed) {
        check.reason = severed.isEmpty()
            ? QStringLiteral("No severed members.")
            : QStringLiteral("%1 severed member(s) match their digests.").arg(severed.size());
    } else {
        check.reason = problems.join(QLatin1Char(' '));
    }
    return authentic;
}

// Decodes the manifest and walks its sequences into the result's fields. The severable-members
// check is only known once the manifest decoded; it goes into `severableCheck`.
Status decodeManifest(ManifestVerification &result, const SuitEnvelope &envelope,
                      std::optional<ManifestCheck> &severableCheck)
{
    if (!envelope.hasManifest())
        return ServiceError::make(ServiceError::Code::InvalidArgument,
                                  QStringLiteral("The envelope has no manifest (member 3)."));
    Result<SuitManifest> manifest = SuitManifest::decode(envelope.manifest());
    if (!manifest.ok())
        return manifest.error();
    const SuitManifest &m = manifest.value();
    result.manifestVersion = m.version();
    result.sequenceNumber = m.sequenceNumber();
    result.referenceUri = m.referenceUri();
    for (const QList<QByteArray> &id : m.componentIds())
        result.components.append(SuitComponent{id, {}, {}, {}});

    ManifestCheck check;
    const QMap<qint64, QByteArray> authentic = checkSeverable(check, envelope, m);
    severableCheck = check;
    SuitSequenceWalker walker(int(result.components.size()), SuitManifest::defaultLimits());
    QList<SuitSequenceWalker::State> shared = walker.initialStates();
    if (!m.sharedSequence().isEmpty()) {
        Result<QList<SuitSequenceWalker::State>> states = walker.run(m.sharedSequence(), shared);
        if (!states.ok())
            return ServiceError::make(
                ServiceError::Code::InvalidArgument,
                QStringLiteral("suit-shared-sequence: %1").arg(states.error().message));
        shared = states.value();
    }
    SuitSequenceWalker::collectImages(shared, result.components);
    // Where the images come from: payload-fetch and install carry the URIs.
    for (qint64 label : {SuitLabel::PayloadFetch, SuitLabel::Install}) {
        if (!authentic.contains(label))
            continue;
        Result<QList<SuitSequenceWalker::State>> states
            = walker.run(authentic.value(label), shared);
        if (!states.ok()) {
            return ServiceError::make(
                ServiceError::Code::InvalidArgument,
                QStringLiteral("Sequence %1: %2").arg(label).arg(states.error().message));
        }
        SuitSequenceWalker::collectImages(states.value(), result.components);
    }
    const QMap<qint64, QByteArray> unseverable = m.unseverableSequences();
    for (auto it = unseverable.constBegin(); it != unseverable.constEnd(); ++it) {
        Result<QList<SuitSequenceWalker::State>> states = walker.run(it.value(), shared);
        if (!states.ok()) {
            return ServiceError::make(
                ServiceError::Code::InvalidArgument,
                QStringLiteral("Sequence %1: %2").arg(it.key()).arg(states.error().message));
        }
    }
    if (authentic.contains(SuitLabel::Text)) {
        Result<QCborValue> text
            = BoundedCbor::decode(authentic.value(SuitLabel::Text), SuitManifest::defaultLimits());
        if (text.ok() && text.value().isMap())
            result.description
                = text.value().toMap().value(1).toString(); // suit-text-manifest-description
    }
    result.decoded = true;
    return Done{};
}

void checkPolicy(ManifestVerification &result, const SuitPolicy &policy)
{
    auto checkIds = [&result](Check id, const std::optional<QByteArray> &expected,
                              QByteArray SuitComponent::*field) {
        if (!expected)
            return;
        QStringList wrong;
        for (const SuitComponent &component : std::as_const(result.components)) {
            if (component.*field != *expected)
                wrong.append(
                    QStringLiteral("%1 has %2")
                        .arg(component.idText(), QString::fromLatin1((component.*field).toHex())));
        }
        const bool ok = result.decoded && wrong.isEmpty() && !result.components.isEmpty();
        result.addCheck(id, ok,
                        ok ? QStringLiteral("Every component names %1.")
                                 .arg(QString::fromLatin1(expected->toHex()))
                           : QStringLiteral("Expected %1: %2")
                                 .arg(QString::fromLatin1(expected->toHex()),
                                      wrong.isEmpty() ? QStringLiteral("no components")
                                                      : wrong.join(QStringLiteral(", "))));
    };
    checkIds(Check::VendorId, policy.vendorId, &SuitComponent::vendorId);
    checkIds(Check::ClassId, policy.classId, &SuitComponent::classId);
    if (policy.installedSequenceNumber) {
        const bool newer
            = result.decoded && result.sequenceNumber > *policy.installedSequenceNumber;
        result.addCheck(Check::SequenceNumber, newer,
                        newer ? QStringLiteral("Sequence number %1 is newer than the installed %2.")
                                    .arg(result.sequenceNumber)
                                    .arg(*policy.installedSequenceNumber)
                              : QStringLiteral("Sequence number %1 is not newer than the installed "
                                               "%2: this would be a rollback.")
                                    .arg(result.sequenceNumber)
                                    .arg(*policy.installedSequenceNumber));
    }
}

} // namespace

ManifestVerification SuitVerifier::verify(QByteArrayView data, const QList<PublicKey> &trustedKeys,
                                          const SuitPolicy &policy)
{
    ManifestVerification result;
    const CborLimits limits = SuitEnvelope::defaultLimits();
    if (data.size() > limits.maxBytes) {
        result.addCheck(Check::Envelope, false,
                        QStringLiteral("The envelope is %1 bytes; at most %2 are accepted.")
                            .arg(data.size())
                            .arg(limits.maxBytes));
        return result;
    }
    Result<SuitEnvelope> parsed = SuitEnvelope::parse(data, limits);
    if (!parsed.ok()) {
        result.addCheck(Check::Envelope, false, parsed.error().message);
        return result;
    }
    const SuitEnvelope &envelope = parsed.value();
    QString envelopeNote = QStringLiteral("SUIT envelope of %1 bytes%2.")
                               .arg(envelope.size())
                               .arg(envelope.isTagged() ? QStringLiteral(", tag 107")
                                                        : QStringLiteral(", untagged"));
    if (envelope.hasDelegation())
        envelopeNote
            += QStringLiteral(" Its delegation chain is ignored: only the given keys are trusted.");
    result.addCheck(Check::Envelope, true, envelopeNote);

    Result<SuitEnvelope::AuthenticationWrapper> auth = envelope.authenticationWrapper();
    if (!auth.ok()) {
        result.addCheck(Check::AuthenticationWrapper, false, auth.error().message);
        result.addCheck(Check::Signed, false,
                        notChecked(QStringLiteral("there is no usable authentication wrapper.")));
        result.addCheck(Check::Signature, false,
                        notChecked(QStringLiteral("there is no usable authentication wrapper.")));
        result.addCheck(Check::ManifestDigest, false,
                        notChecked(QStringLiteral("there is no signed digest.")));
    } else {
        result.addCheck(Check::AuthenticationWrapper, true,
                        QStringLiteral("Digest and %1 authentication block(s).")
                            .arg(auth.value().blocks.size()));
        if (auth.value().blocks.isEmpty()) {
            result.addCheck(
                Check::Signed, false,
                QStringLiteral(
                    "The authentication wrapper holds only a digest: the envelope is unsigned."));
            result.addCheck(Check::Signature, false,
                            notChecked(QStringLiteral("the envelope is unsigned.")));
        } else {
            result.addCheck(
                Check::Signed, true,
                QStringLiteral("%1 signature block(s).").arg(auth.value().blocks.size()));
            checkSignature(result, auth.value(), trustedKeys);
        }
        checkManifestDigest(result, envelope, auth.value().digest);
    }

    std::optional<ManifestCheck> severableCheck;
    const Status decoded = decodeManifest(result, envelope, severableCheck);
    if (decoded.ok()) {
        result.addCheck(Check::Manifest, true,
                        QStringLiteral("Manifest version %1, sequence number %2, %3 component(s).")
                            .arg(result.manifestVersion)
                            .arg(result.sequenceNumber)
                            .arg(result.components.size()));
    } else {
        result.addCheck(Check::Manifest, false, decoded.error().message);
    }
    if (severableCheck)
        result.checks.append(*severableCheck);
    checkPolicy(result, policy);
    return result;
}

ManifestVerification SuitVerifier::verify(QByteArrayView envelope, const PublicKey &trustedKey,
                                          const SuitPolicy &policy)
{
    return verify(envelope, QList<PublicKey>{trustedKey}, policy);
}

ManifestVerification SuitVerifier::verifyFile(const QString &path,
                                              const QList<PublicKey> &trustedKeys,
                                              const SuitPolicy &policy)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        ManifestVerification result;
        result.addCheck(Check::Envelope, false,
                        QStringLiteral("Cannot open %1: %2").arg(path, file.errorString()));
        return result;
    }
    const QByteArray data = file.read(SuitEnvelope::defaultLimits().maxBytes + 1);
    return verify(data, trustedKeys, policy);
}

} // namespace Patchboard
