// SPDX-License-Identifier: Apache-2.0
#include "passwordhash.h"

#include "crypto/opensslerror.h"
#include "crypto/opensslptr.h"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/kdf.h>
#include <openssl/params.h>
#include <openssl/rand.h>

#include <QCoreApplication>
#include <QStringList>

#include <algorithm>
#include <optional>

namespace Patchboard {

namespace {

class Tr
{
    Q_DECLARE_TR_FUNCTIONS(Patchboard::PasswordHash)
};

using EvpKdfPtr = OpenSslPtr<EVP_KDF, EVP_KDF_free>;
using EvpKdfCtxPtr = OpenSslPtr<EVP_KDF_CTX, EVP_KDF_CTX_free>;

const QLatin1String Scheme("pbkdf2-sha256");

// The password's bytes, wiped when they go out of scope, so that a core dump or a reused heap
// block holds as few copies as we can help.
struct SecretBytes
{
    QByteArray bytes;
    explicit SecretBytes(const QString &password)
        : bytes(password.normalized(QString::NormalizationForm_C).toUtf8())
    { }
    ~SecretBytes()
    {
        if (!bytes.isEmpty())
            OPENSSL_cleanse(bytes.data(), size_t(bytes.size()));
    }
    SecretBytes(const SecretBytes &) = delete;
    SecretBytes &operator=(const SecretBytes &) = delete;
};

struct Parsed
{
    int iterations = 0;
    QByteArray salt;
    QByteArray key;
};

std::optional<Parsed> parse(const QString &stored)
{
    const QStringList parts = stored.split(QLatin1Char('$'));
    if (parts.size() != 4 || parts.at(0) != Scheme)
        return std::nullopt;
    const QString &count = parts.at(1);
    // Digits only: toInt() would also take "+5", " 5" or "0x10".
    if (count.isEmpty() || count.size() > 9
        || !std::all_of(count.cbegin(), count.cend(),
                        [](QChar c) { return c >= QLatin1Char('0') && c <= QLatin1Char('9'); }))
        return std::nullopt;
    Parsed parsed;
    parsed.iterations = count.toInt();
    if (parsed.iterations < PasswordHash::MinIterations
        || parsed.iterations > PasswordHash::MaxIterations)
        return std::nullopt;
    const auto salt = QByteArray::fromBase64Encoding(parts.at(2).toLatin1(),
                                                     QByteArray::AbortOnBase64DecodingErrors);
    const auto key = QByteArray::fromBase64Encoding(parts.at(3).toLatin1(),
                                                    QByteArray::AbortOnBase64DecodingErrors);
    if (!salt || !key || salt.decoded.size() < PasswordHash::SaltSize || salt.decoded.size() > 64
        || key.decoded.size() != PasswordHash::KeySize)
        return std::nullopt;
    parsed.salt = salt.decoded;
    parsed.key = key.decoded;
    return parsed;
}

} // namespace

Result<QByteArray> PasswordHash::pbkdf2Sha256(QByteArrayView password, QByteArrayView salt,
                                              int iterations, int keyLength)
{
    if (iterations < 1 || keyLength < 1 || keyLength > 1024) {
        return ServiceError::make(ServiceError::Code::InvalidArgument,
                                  Tr::tr("PBKDF2 needs at least one iteration and a key length "
                                         "between 1 and 1024 bytes."));
    }
    const EvpKdfPtr kdf(EVP_KDF_fetch(nullptr, "PBKDF2", nullptr));
    const EvpKdfCtxPtr context(kdf ? EVP_KDF_CTX_new(kdf.get()) : nullptr);
    if (!context) {
        return ServiceError::make(ServiceError::Code::Internal,
                                  Tr::tr("OpenSSL has no PBKDF2: %1").arg(OpenSslError::take()));
    }
    // OpenSSL wants non-null pointers even for empty strings.
    static unsigned char none = 0;
    auto bytes = [](QByteArrayView view) {
        return view.isEmpty()
            ? &none
            : const_cast<unsigned char *>(reinterpret_cast<const unsigned char *>(view.data()));
    };
    char digest[] = "SHA256";
    uint64_t iter = uint64_t(iterations);
    // pkcs5 = 1: no SP 800-132 lower-bound checks inside OpenSSL (they would refuse the
    // published test vectors); parse() enforces this file's own bounds on stored hashes.
    int pkcs5 = 1;
    const OSSL_PARAM params[] = {
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_PASSWORD, bytes(password),
                                          size_t(password.size())),
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT, bytes(salt), size_t(salt.size())),
        OSSL_PARAM_construct_uint64(OSSL_KDF_PARAM_ITER, &iter),
        OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, digest, 0),
        OSSL_PARAM_construct_int(OSSL_KDF_PARAM_PKCS5, &pkcs5),
        OSSL_PARAM_construct_end(),
    };
    QByteArray key(keyLength, Qt::Uninitialized);
    if (EVP_KDF_derive(context.get(), reinterpret_cast<unsigned char *>(key.data()),
                       size_t(keyLength), params)
        != 1) {
        return ServiceError::make(ServiceError::Code::Internal,
                                  Tr::tr("PBKDF2 failed: %1").arg(OpenSslError::take()));
    }
    return key;
}

Result<QString> PasswordHash::hash(const QString &password, int iterations)
{
    if (iterations < MinIterations || iterations > MaxIterations) {
        return ServiceError::make(ServiceError::Code::InvalidArgument,
                                  Tr::tr("A password hash needs between %1 and %2 iterations.")
                                      .arg(MinIterations)
                                      .arg(MaxIterations));
    }
    QByteArray salt(SaltSize, Qt::Uninitialized);
    if (RAND_bytes(reinterpret_cast<unsigned char *>(salt.data()), SaltSize) != 1) {
        return ServiceError::make(
            ServiceError::Code::Internal,
            Tr::tr("No random bytes for a password salt: %1").arg(OpenSslError::take()));
    }
    const SecretBytes secret(password);
    const Result<QByteArray> key = pbkdf2Sha256(secret.bytes, salt, iterations, KeySize);
    if (!key)
        return key.error();
    return QString(Scheme + QLatin1Char('$') + QString::number(iterations) + QLatin1Char('$')
                   + QString::fromLatin1(salt.toBase64()) + QLatin1Char('$')
                   + QString::fromLatin1(key.value().toBase64()));
}

bool PasswordHash::verify(const QString &password, const QString &stored)
{
    const std::optional<Parsed> parsed = parse(stored);
    if (!parsed)
        return false;
    const SecretBytes secret(password);
    const Result<QByteArray> key
        = pbkdf2Sha256(secret.bytes, parsed->salt, parsed->iterations, KeySize);
    if (!key || key.value().size() != parsed->key.size())
        return false;
    return CRYPTO_memcmp(key.value().constData(), parsed->key.constData(),
                         size_t(parsed->key.size()))
        == 0;
}

bool PasswordHash::isWellFormed(const QString &stored)
{
    return parse(stored).has_value();
}

} // namespace Patchboard
