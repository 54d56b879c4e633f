// SPDX-License-Identifier: Apache-2.0
#include "suitsigner.h"

#include "crypto/cosesign1.h"
#include "crypto/sha256.h"
#include "suitdigest.h"
#include "suitlabels.h"

#include <QCborArray>
#include <QCborMap>

namespace Patchboard {

QByteArray SuitSigner::severedMemberDigest(const QByteArray &content)
{
    // Like the manifest digest, a member's digest covers its bstr wrapping.
    return SuitDigest{SuitLabel::DigestSha256, Sha256::hash(QCborValue(content).toCbor())}.toCbor();
}

Result<QByteArray> SuitSigner::signEnvelope(const QByteArray &manifest, const PrivateKey &key,
                                            SignatureAlgorithm algorithm,
                                            const QMap<qint64, QByteArray> &severed)
{
    const QByteArray manifestWrapped = QCborValue(manifest).toCbor();
    const QByteArray digest
        = SuitDigest{SuitLabel::DigestSha256, Sha256::hash(manifestWrapped)}.toCbor();
    CoseSign1::SignOptions options;
    options.detached = true; // the payload is the bstr-wrapped SUIT_Digest, carried beside it
    options.tagged = true; // SUIT_Authentication_Block = COSE_Sign1_Tagged
    Result<QByteArray> signature = CoseSign1::sign(key, algorithm, digest, options);
    if (!signature.ok())
        return signature.error();
    const QCborArray authentication{QCborValue(digest), QCborValue(signature.value())};
    QCborMap envelope;
    envelope.insert(SuitLabel::AuthenticationWrapper, QCborValue(authentication).toCbor());
    envelope.insert(SuitLabel::Manifest, manifest);
    for (auto it = severed.constBegin(); it != severed.constEnd(); ++it)
        envelope.insert(it.key(), it.value());
    return QCborValue(QCborTag(SuitLabel::EnvelopeTag), envelope).toCbor();
}

} // namespace Patchboard
