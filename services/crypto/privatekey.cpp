// SPDX-License-Identifier: Apache-2.0
#include "privatekey.h"

#include "ecdsasignature.h"
#include "opensslerror.h"

#include <openssl/core_names.h>
#include <openssl/pem.h>

#include <QFile>

#include <cstring>

namespace Patchboard {

namespace {

constexpr qsizetype MaxPemSize = 64 * 1024;

const unsigned char *bytes(QByteArrayView view)
{
    return reinterpret_cast<const unsigned char *>(view.data());
}

ServiceError keyError(const QString &message, const QString &hint = {})
{
    return ServiceError::make(ServiceError::Code::InvalidArgument, message, hint);
}

// Hands OpenSSL the passphrase we were given, or nothing. Passing no callback would make OpenSSL
// fall back to prompting on the controlling terminal, which a service must never do.
int passphraseCallback(char *buffer, int size, int /*writing*/, void *userData)
{
    const auto *passphrase = static_cast<const QByteArray *>(userData);
    if (!passphrase || passphrase->isEmpty() || passphrase->size() > size)
        return 0;
    std::memcpy(buffer, passphrase->constData(), size_t(passphrase->size()));
    return int(passphrase->size());
}

} // namespace

Result<PrivateKey> PrivateKey::adopt(EvpPkeyPtr key)
{
    // Reuse PublicKey's classification by looking at the public half.
    PrivateKey candidate(std::move(key), KeyType::None);
    const PublicKey publicHalf = candidate.publicKey();
    if (publicHalf.isNull())
        return keyError(
            QStringLiteral("The private key is not a P-256 or Ed25519 key."),
            QStringLiteral("Patchboard signs with P-256 (prime256v1) and Ed25519 keys."));
    candidate.m_type = publicHalf.type();
    return candidate;
}

Result<PrivateKey> PrivateKey::generate(KeyType type)
{
    EVP_PKEY *raw = nullptr;
    switch (type) {
    case KeyType::EcP256:
        raw = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256");
        break;
    case KeyType::Ed25519:
        raw = EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519");
        break;
    case KeyType::None:
        return keyError(QStringLiteral("Choose a key type to generate (P-256 or Ed25519)."));
    }
    if (!raw) {
        const QString detail = OpenSslError::take();
        return ServiceError::make(ServiceError::Code::Internal,
                                  QStringLiteral("Key generation failed: %1").arg(detail));
    }
    return PrivateKey(EvpPkeyPtr(raw), type);
}

Result<PrivateKey> PrivateKey::fromPem(QByteArrayView pem, const QByteArray &passphrase)
{
    if (pem.size() > MaxPemSize)
        return keyError(
            QStringLiteral("The key file is %1 bytes; a PEM private key is far smaller.")
                .arg(pem.size()));
    BioPtr bio(BIO_new_mem_buf(pem.data(), int(pem.size())));
    QByteArray secret = passphrase;
    EvpPkeyPtr key(bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, passphraseCallback, &secret)
                       : nullptr);
    secret.fill('\0');
    if (!key) {
        const QString detail = OpenSslError::take();
        const bool encrypted = pem.contains("ENCRYPTED");
        return keyError(encrypted
                            ? QStringLiteral("Cannot decrypt the private key (%1).").arg(detail)
                            : QStringLiteral("Not a PEM private key (%1).").arg(detail),
                        encrypted ? QStringLiteral("Check the passphrase.") : QString());
    }
    return adopt(std::move(key));
}

Result<PrivateKey> PrivateKey::fromPemFile(const QString &path, const QByteArray &passphrase)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return ServiceError::make(
            ServiceError::Code::Io,
            QStringLiteral("Cannot open the key file %1: %2").arg(path, file.errorString()));
    }
    QByteArray pem = file.read(MaxPemSize + 1);
    Result<PrivateKey> key = fromPem(pem, passphrase);
    pem.fill('\0');
    if (!key.ok())
        return ServiceError::make(key.error().code,
                                  QStringLiteral("%1: %2").arg(path, key.error().message),
                                  key.error().hint);
    return key;
}

Result<PrivateKey> PrivateKey::fromEcP256(QByteArrayView d, QByteArrayView x, QByteArrayView y)
{
    if (d.size() != 32 || x.size() != 32 || y.size() != 32)
        return keyError(QStringLiteral("A P-256 key has 32-byte d, x and y."));
    QByteArray point;
    point.append(char(0x04)).append(x.data(), x.size()).append(y.data(), y.size());
    SecretBignumPtr scalar(BN_bin2bn(bytes(d), int(d.size()), nullptr));
    OsslParamBldPtr builder(OSSL_PARAM_BLD_new());
    if (!scalar || !builder
        || OSSL_PARAM_BLD_push_utf8_string(builder.get(), OSSL_PKEY_PARAM_GROUP_NAME, "prime256v1",
                                           0)
            != 1
        || OSSL_PARAM_BLD_push_octet_string(builder.get(), OSSL_PKEY_PARAM_PUB_KEY,
                                            point.constData(), size_t(point.size()))
            != 1
        || OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_PRIV_KEY, scalar.get()) != 1) {
        OpenSslError::clear();
        return ServiceError::make(ServiceError::Code::Internal,
                                  QStringLiteral("Out of memory building a key."));
    }
    OsslParamPtr params(OSSL_PARAM_BLD_to_param(builder.get()));
    EvpPkeyCtxPtr context(EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr));
    EVP_PKEY *raw = nullptr;
    if (!params || !context || EVP_PKEY_fromdata_init(context.get()) != 1
        || EVP_PKEY_fromdata(context.get(), &raw, EVP_PKEY_KEYPAIR, params.get()) != 1) {
        const QString detail = OpenSslError::take();
        return keyError(QStringLiteral("Not a P-256 key pair (%1).").arg(detail));
    }
    EvpPkeyPtr key(raw);
    // The caller's d and (x, y) must belong together, or we would sign with one key and publish
    // another.
    EvpPkeyCtxPtr check(EVP_PKEY_CTX_new_from_pkey(nullptr, key.get(), nullptr));
    if (!check || EVP_PKEY_pairwise_check(check.get()) != 1) {
        OpenSslError::clear();
        return keyError(
            QStringLiteral("The private scalar d does not match the public point (x, y)."));
    }
    return PrivateKey(std::move(key), KeyType::EcP256);
}

Result<PrivateKey> PrivateKey::fromEd25519(QByteArrayView seed)
{
    if (seed.size() != 32)
        return keyError(
            QStringLiteral("An Ed25519 private key has 32 bytes; got %1.").arg(seed.size()));
    EvpPkeyPtr key(
        EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr, bytes(seed), size_t(seed.size())));
    if (!key) {
        const QString detail = OpenSslError::take();
        return keyError(QStringLiteral("Not an Ed25519 private key (%1).").arg(detail));
    }
    return PrivateKey(std::move(key), KeyType::Ed25519);
}

PublicKey PrivateKey::publicKey() const
{
    if (!m_key)
        return {};
    // Round-trip the public half through DER SubjectPublicKeyInfo: that yields a key object that
    // holds no private material at all.
    const QByteArray der = PublicKey::subjectPublicKeyInfo(m_key.get());
    if (der.isEmpty())
        return {};
    Result<PublicKey> key = PublicKey::fromDer(der);
    return key.ok() ? std::move(key).value() : PublicKey();
}

QByteArray PrivateKey::toPem(const QByteArray &passphrase) const
{
    BioPtr bio(BIO_new(BIO_s_mem()));
    if (!m_key || !bio)
        return {};
    int written = 0;
    if (passphrase.isEmpty()) {
        written = PEM_write_bio_PrivateKey(bio.get(), m_key.get(), nullptr, nullptr, 0, nullptr,
                                           nullptr);
    } else {
        QByteArray secret = passphrase;
        written
            = PEM_write_bio_PKCS8PrivateKey(bio.get(), m_key.get(), EVP_aes_256_cbc(),
                                            secret.data(), int(secret.size()), nullptr, nullptr);
        secret.fill('\0');
    }
    if (written != 1) {
        OpenSslError::clear();
        return {};
    }
    char *data = nullptr;
    const long length = BIO_get_mem_data(bio.get(), &data);
    return QByteArray(data, qsizetype(length));
}

Result<QByteArray> PrivateKey::sign(SignatureAlgorithm algorithm, QByteArrayView message) const
{
    if (!m_key)
        return keyError(QStringLiteral("No private key to sign with."));
    if (algorithm.keyType() != m_type)
        return keyError(QStringLiteral("A %1 signature needs a different key type than this one.")
                            .arg(algorithm.name()));
    EvpMdCtxPtr context(EVP_MD_CTX_new());
    const char *digest = algorithm.isEcdsa() ? "SHA256" : nullptr;
    size_t length = 0;
    if (!context
        || EVP_DigestSignInit_ex(context.get(), nullptr, digest, nullptr, nullptr, m_key.get(),
                                 nullptr)
            != 1
        || EVP_DigestSign(context.get(), nullptr, &length, bytes(message), size_t(message.size()))
            != 1) {
        const QString detail = OpenSslError::take();
        return ServiceError::make(ServiceError::Code::Internal,
                                  QStringLiteral("Signing failed: %1").arg(detail));
    }
    QByteArray signature(qsizetype(length), Qt::Uninitialized);
    if (EVP_DigestSign(context.get(), reinterpret_cast<unsigned char *>(signature.data()), &length,
                       bytes(message), size_t(message.size()))
        != 1) {
        const QString detail = OpenSslError::take();
        return ServiceError::make(ServiceError::Code::Internal,
                                  QStringLiteral("Signing failed: %1").arg(detail));
    }
    signature.truncate(qsizetype(length));
    if (algorithm.isEcdsa())
        return EcdsaSignature::derToRaw(signature); // COSE wants r||s, OpenSSL produced DER
    return signature;
}

} // namespace Patchboard
