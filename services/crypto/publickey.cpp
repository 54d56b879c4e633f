// SPDX-License-Identifier: Apache-2.0
#include "publickey.h"

#include "ecdsasignature.h"
#include "opensslerror.h"
#include "sha256.h"

#include <openssl/core_names.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <QFile>

namespace Patchboard {

namespace {

constexpr qsizetype MaxPemSize = 64 * 1024; // a public key PEM is a few hundred bytes

const unsigned char *bytes(QByteArrayView view)
{
    return reinterpret_cast<const unsigned char *>(view.data());
}

ServiceError keyError(const QString &message, const QString &hint = {})
{
    return ServiceError::make(ServiceError::Code::InvalidArgument, message, hint);
}

QString keyHint()
{
    return QStringLiteral("Patchboard accepts P-256 (prime256v1) and Ed25519 keys.");
}

// Classifies a loaded key; anything but P-256 and Ed25519 is KeyType::None.
KeyType classify(EVP_PKEY *key, QString *description)
{
    if (EVP_PKEY_is_a(key, "ED25519"))
        return KeyType::Ed25519;
    if (EVP_PKEY_is_a(key, "EC")) {
        char group[64] = {};
        size_t length = 0;
        if (EVP_PKEY_get_utf8_string_param(key, OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof group,
                                           &length)
            == 1) {
            const QByteArrayView name(group, qsizetype(length));
            if (name == "prime256v1" || name == "P-256")
                return KeyType::EcP256;
            *description = QStringLiteral("an EC key on curve %1").arg(QString::fromLatin1(name));
        } else {
            *description = QStringLiteral("an EC key on an unnamed curve");
        }
        OpenSslError::clear();
        return KeyType::None;
    }
    const char *type = EVP_PKEY_get0_type_name(key);
    *description = QStringLiteral("a %1 key of %2 bits")
                       .arg(type ? QString::fromLatin1(type) : QStringLiteral("unknown"))
                       .arg(EVP_PKEY_get_bits(key));
    return KeyType::None;
}

// EVP_PKEY_public_check: for EC this confirms the point is on the curve and not at infinity.
bool publicKeyIsValid(EVP_PKEY *key)
{
    EvpPkeyCtxPtr context(EVP_PKEY_CTX_new_from_pkey(nullptr, key, nullptr));
    const bool valid = context && EVP_PKEY_public_check(context.get()) == 1;
    OpenSslError::clear();
    return valid;
}

} // namespace

PublicKey::PublicKey(EvpPkeyPtr key, KeyType type) : m_key(std::move(key)), m_type(type) { }

PublicKey::PublicKey(const PublicKey &other) : m_type(other.m_type)
{
    if (other.m_key && EVP_PKEY_up_ref(other.m_key.get()) == 1)
        m_key.reset(other.m_key.get());
    else
        m_type = KeyType::None;
}

PublicKey &PublicKey::operator=(const PublicKey &other)
{
    if (this != &other) {
        PublicKey copy(other);
        *this = std::move(copy);
    }
    return *this;
}

Result<PublicKey> PublicKey::fromEvpKey(EvpPkeyPtr key)
{
    if (!key)
        return keyError(QStringLiteral("No key was given."));
    QString description;
    const KeyType type = classify(key.get(), &description);
    if (type == KeyType::None)
        return keyError(
            QStringLiteral("The key is %1, which Patchboard does not accept.").arg(description),
            keyHint());
    if (!publicKeyIsValid(key.get()))
        return keyError(QStringLiteral("The public key is not a valid point of its curve."));
    return PublicKey(std::move(key), type);
}

Result<PublicKey> PublicKey::fromPem(QByteArrayView pem)
{
    if (pem.size() > MaxPemSize)
        return keyError(QStringLiteral("The key file is %1 bytes; a PEM public key is far smaller.")
                            .arg(pem.size()));
    if (pem.contains("PRIVATE KEY-----")) {
        return keyError(QStringLiteral("This is a private key."),
                        QStringLiteral("Give Patchboard the Author's public key; the private key "
                                       "never leaves the Author."));
    }
    BioPtr bio(BIO_new_mem_buf(pem.data(), int(pem.size())));
    EvpPkeyPtr key(bio ? PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr) : nullptr);
    if (!key) {
        const QString detail = OpenSslError::take();
        return keyError(
            QStringLiteral("Not a PEM public key (%1).").arg(detail),
            QStringLiteral("Expected a file starting with -----BEGIN PUBLIC KEY-----."));
    }
    return fromEvpKey(std::move(key));
}

Result<PublicKey> PublicKey::fromPemFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return ServiceError::make(
            ServiceError::Code::Io,
            QStringLiteral("Cannot open the key file %1: %2").arg(path, file.errorString()));
    }
    const QByteArray pem = file.read(MaxPemSize + 1);
    Result<PublicKey> key = fromPem(pem);
    if (!key.ok()) {
        return ServiceError::make(key.error().code,
                                  QStringLiteral("%1: %2").arg(path, key.error().message),
                                  key.error().hint);
    }
    return key;
}

Result<PublicKey> PublicKey::fromDer(QByteArrayView der)
{
    if (der.isEmpty() || der.size() > MaxPemSize)
        return keyError(QStringLiteral("The DER public key has an impossible size (%1 bytes).")
                            .arg(der.size()));
    const unsigned char *in = bytes(der);
    EvpPkeyPtr key(d2i_PUBKEY(nullptr, &in, long(der.size())));
    if (!key || in != bytes(der) + der.size()) {
        const QString detail = OpenSslError::take();
        return keyError(QStringLiteral("Not a DER SubjectPublicKeyInfo (%1).").arg(detail));
    }
    return fromEvpKey(std::move(key));
}

Result<PublicKey> PublicKey::fromEcP256Point(QByteArrayView x, QByteArrayView y)
{
    if (x.size() != 32 || y.size() != 32) {
        return keyError(
            QStringLiteral("A P-256 point has 32-byte coordinates; got %1 and %2 bytes.")
                .arg(x.size())
                .arg(y.size()));
    }
    QByteArray point;
    point.reserve(65);
    point.append(char(0x04))
        .append(x.data(), x.size())
        .append(y.data(), y.size()); // SEC 1 uncompressed

    OsslParamBldPtr builder(OSSL_PARAM_BLD_new());
    if (!builder
        || OSSL_PARAM_BLD_push_utf8_string(builder.get(), OSSL_PKEY_PARAM_GROUP_NAME, "prime256v1",
                                           0)
            != 1
        || OSSL_PARAM_BLD_push_octet_string(builder.get(), OSSL_PKEY_PARAM_PUB_KEY,
                                            point.constData(), size_t(point.size()))
            != 1) {
        OpenSslError::clear();
        return ServiceError::make(ServiceError::Code::Internal,
                                  QStringLiteral("Out of memory building a key."));
    }
    OsslParamPtr params(OSSL_PARAM_BLD_to_param(builder.get()));
    EvpPkeyCtxPtr context(EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr));
    EVP_PKEY *raw = nullptr;
    if (!params || !context || EVP_PKEY_fromdata_init(context.get()) != 1
        || EVP_PKEY_fromdata(context.get(), &raw, EVP_PKEY_PUBLIC_KEY, params.get()) != 1) {
        const QString detail = OpenSslError::take();
        return keyError(
            QStringLiteral("The coordinates are not a P-256 public key (%1).").arg(detail));
    }
    return fromEvpKey(EvpPkeyPtr(raw));
}

Result<PublicKey> PublicKey::fromEd25519(QByteArrayView raw)
{
    if (raw.size() != 32)
        return keyError(
            QStringLiteral("An Ed25519 public key has 32 bytes; got %1.").arg(raw.size()));
    EvpPkeyPtr key(
        EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, bytes(raw), size_t(raw.size())));
    if (!key) {
        const QString detail = OpenSslError::take();
        return keyError(QStringLiteral("Not an Ed25519 public key (%1).").arg(detail));
    }
    return fromEvpKey(std::move(key));
}

QString PublicKey::typeName() const
{
    switch (m_type) {
    case KeyType::EcP256:
        return QStringLiteral("P-256");
    case KeyType::Ed25519:
        return QStringLiteral("Ed25519");
    case KeyType::None:
        break;
    }
    return QStringLiteral("none");
}

QByteArray PublicKey::subjectPublicKeyInfo(const EVP_PKEY *key)
{
    const int length = i2d_PUBKEY(key, nullptr);
    if (length <= 0) {
        OpenSslError::clear();
        return {};
    }
    QByteArray der(length, Qt::Uninitialized);
    auto *out = reinterpret_cast<unsigned char *>(der.data());
    if (i2d_PUBKEY(key, &out) != length) {
        OpenSslError::clear();
        return {};
    }
    return der;
}

QByteArray PublicKey::toDer() const
{
    return m_key ? subjectPublicKeyInfo(m_key.get()) : QByteArray();
}

QByteArray PublicKey::toPem() const
{
    BioPtr bio(BIO_new(BIO_s_mem()));
    if (!m_key || !bio || PEM_write_bio_PUBKEY(bio.get(), m_key.get()) != 1) {
        OpenSslError::clear();
        return {};
    }
    char *data = nullptr;
    const long length = BIO_get_mem_data(bio.get(), &data);
    return QByteArray(data, qsizetype(length));
}

QString PublicKey::fingerprint() const
{
    const QByteArray der = toDer();
    return der.isEmpty() ? QString() : Sha256::toHex(Sha256::hash(der));
}

Status PublicKey::verify(SignatureAlgorithm algorithm, QByteArrayView message,
                         QByteArrayView signature) const
{
    if (!m_key)
        return keyError(QStringLiteral("No public key to verify with."));
    if (algorithm.keyType() != m_type) {
        return ServiceError::make(ServiceError::Code::PermissionDenied,
                                  QStringLiteral("A %1 signature cannot come from this %2 key.")
                                      .arg(algorithm.name(), typeName()));
    }
    if (signature.size() != algorithm.signatureSize()) {
        return ServiceError::make(ServiceError::Code::PermissionDenied,
                                  QStringLiteral("A %1 signature has %2 bytes; this one has %3.")
                                      .arg(algorithm.name())
                                      .arg(algorithm.signatureSize())
                                      .arg(signature.size()));
    }
    QByteArray der;
    if (algorithm.isEcdsa()) {
        Result<QByteArray> converted = EcdsaSignature::rawToDer(signature);
        if (!converted.ok())
            return ServiceError::make(ServiceError::Code::PermissionDenied,
                                      converted.error().message);
        der = std::move(converted).value();
        signature = der;
    }
    EvpMdCtxPtr context(EVP_MD_CTX_new());
    // EdDSA hashes internally (PureEdDSA), so it gets no digest name; ECDSA uses SHA-256.
    const char *digest = algorithm.isEcdsa() ? "SHA256" : nullptr;
    if (!context
        || EVP_DigestVerifyInit_ex(context.get(), nullptr, digest, nullptr, nullptr, m_key.get(),
                                   nullptr)
            != 1) {
        const QString detail = OpenSslError::take();
        return ServiceError::make(
            ServiceError::Code::Internal,
            QStringLiteral("Cannot set up %1 verification: %2").arg(algorithm.name(), detail));
    }
    const int verdict = EVP_DigestVerify(context.get(), bytes(signature), size_t(signature.size()),
                                         bytes(message), size_t(message.size()));
    OpenSslError::clear();
    if (verdict != 1) {
        return ServiceError::make(ServiceError::Code::PermissionDenied,
                                  QStringLiteral("The %1 signature does not verify with key %2.")
                                      .arg(algorithm.name(), fingerprint().left(16)));
    }
    return Done{};
}

} // namespace Patchboard
