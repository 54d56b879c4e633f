// SPDX-License-Identifier: Apache-2.0
#include "signaturealgorithm.h"

#include <QStringList>

namespace Patchboard {

std::optional<SignatureAlgorithm> SignatureAlgorithm::fromCoseId(qint64 id)
{
    switch (id) {
    case ES256:
    case EdDSA:
    case ESP256:
    case Ed25519:
        return SignatureAlgorithm(Id(id));
    default:
        return std::nullopt;
    }
}

QList<SignatureAlgorithm> SignatureAlgorithm::supported()
{
    return {SignatureAlgorithm(ES256), SignatureAlgorithm(ESP256), SignatureAlgorithm(EdDSA),
            SignatureAlgorithm(Ed25519)};
}

QString SignatureAlgorithm::describeCoseId(qint64 id)
{
    if (const auto algorithm = fromCoseId(id))
        return QStringLiteral("%1 (%2)").arg(algorithm->name()).arg(id);
    // Names of algorithms an Author might plausibly pick, so the refusal reason is readable.
    const char *name = nullptr;
    switch (id) {
    case -35:
        name = "ES384";
        break;
    case -36:
        name = "ES512";
        break;
    case -37:
        name = "PS256";
        break;
    case -38:
        name = "PS384";
        break;
    case -39:
        name = "PS512";
        break;
    case -47:
        name = "ES256K";
        break;
    case -257:
        name = "RS256";
        break;
    case -258:
        name = "RS384";
        break;
    case -259:
        name = "RS512";
        break;
    case -48:
        name = "ML-DSA-44";
        break;
    case -49:
        name = "ML-DSA-65";
        break;
    case -50:
        name = "ML-DSA-87";
        break;
    case -53:
        name = "Ed448";
        break;
    case 4:
        name = "HMAC 256/64";
        break;
    case 5:
        name = "HMAC 256/256";
        break;
    case 6:
        name = "HMAC 384/384";
        break;
    case 7:
        name = "HMAC 512/512";
        break;
    default:
        break;
    }
    if (name)
        return QStringLiteral("%1 (%2)").arg(QLatin1String(name)).arg(id);
    return QString::number(id);
}

QString SignatureAlgorithm::supportedNames()
{
    QStringList names;
    for (const SignatureAlgorithm &algorithm : supported())
        names.append(algorithm.name());
    return names.join(QStringLiteral(", "));
}

QString SignatureAlgorithm::name() const
{
    switch (m_id) {
    case ES256:
        return QStringLiteral("ES256");
    case EdDSA:
        return QStringLiteral("EdDSA");
    case ESP256:
        return QStringLiteral("ESP256");
    case Ed25519:
        return QStringLiteral("Ed25519");
    }
    return QString::number(qint64(m_id));
}

KeyType SignatureAlgorithm::keyType() const
{
    return isEcdsa() ? KeyType::EcP256 : KeyType::Ed25519;
}

} // namespace Patchboard
