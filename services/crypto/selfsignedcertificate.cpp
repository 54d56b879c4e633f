// SPDX-License-Identifier: Apache-2.0
#include "selfsignedcertificate.h"

#include "opensslerror.h"
#include "opensslptr.h"

#include <openssl/crypto.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHostAddress>

#include <algorithm>

namespace Patchboard {

namespace {

class Tr
{
    Q_DECLARE_TR_FUNCTIONS(Patchboard::SelfSignedCertificate)
};

using X509Ptr = OpenSslPtr<X509, X509_free>;
using X509ExtensionPtr = OpenSslPtr<X509_EXTENSION, X509_EXTENSION_free>;
using GeneralNamesPtr = OpenSslPtr<GENERAL_NAMES, GENERAL_NAMES_free>;
using GeneralNamePtr = OpenSslPtr<GENERAL_NAME, GENERAL_NAME_free>;
using Asn1StringPtr = OpenSslPtr<ASN1_STRING, ASN1_STRING_free>;

const char CommonName[] = "patchboard-server development";
const char Organization[] = "Patchboard";
constexpr int SerialBytes = 16;
constexpr qint64 MaxPemSize = 64 * 1024;

ServiceError failure(const QString &what)
{
    return ServiceError::make(ServiceError::Code::Internal,
                              Tr::tr("Cannot %1: %2").arg(what, OpenSslError::take()));
}

// A DNS name as it may appear in a certificate: letters, digits, '-', '.', and a leading "*."
// for a wildcard. Anything else (spaces, commas, control characters) is refused.
bool isDnsName(const QString &name)
{
    if (name.isEmpty() || name.size() > 253)
        return false;
    const QString rest = name.startsWith(QLatin1String("*.")) ? name.mid(2) : name;
    if (rest.isEmpty() || rest.startsWith(QLatin1Char('.')) || rest.endsWith(QLatin1Char('.'))
        || rest.contains(QLatin1String("..")))
        return false;
    return std::all_of(rest.cbegin(), rest.cend(), [](QChar c) {
        return (c >= QLatin1Char('a') && c <= QLatin1Char('z'))
            || (c >= QLatin1Char('A') && c <= QLatin1Char('Z'))
            || (c >= QLatin1Char('0') && c <= QLatin1Char('9')) || c == QLatin1Char('-')
            || c == QLatin1Char('.');
    });
}

Status addName(GENERAL_NAMES *names, const QString &hostName)
{
    GeneralNamePtr name(GENERAL_NAME_new());
    if (!name)
        return failure(Tr::tr("make a subject alternative name"));
    const QHostAddress address(hostName);
    if (!address.isNull()) {
        // The raw 4 or 16 bytes of the address.
        QByteArray bytes;
        bool isV4 = false;
        const quint32 v4 = address.toIPv4Address(&isV4);
        if (isV4 && address.protocol() == QAbstractSocket::IPv4Protocol) {
            for (int shift = 24; shift >= 0; shift -= 8)
                bytes.append(char((v4 >> shift) & 0xff));
        } else {
            const Q_IPV6ADDR v6 = address.toIPv6Address();
            bytes = QByteArray(reinterpret_cast<const char *>(v6.c), 16);
        }
        Asn1StringPtr octets(ASN1_OCTET_STRING_new());
        if (!octets
            || ASN1_OCTET_STRING_set(octets.get(),
                                     reinterpret_cast<const unsigned char *>(bytes.data()),
                                     int(bytes.size()))
                != 1)
            return failure(Tr::tr("encode the address %1").arg(hostName));
        GENERAL_NAME_set0_value(name.get(), GEN_IPADD, octets.release());
    } else {
        if (!isDnsName(hostName)) {
            return ServiceError::make(
                ServiceError::Code::InvalidArgument,
                Tr::tr("\"%1\" is neither a host name nor an IP address.").arg(hostName.left(80)),
                Tr::tr("Give host names like server.example.org or addresses like 192.0.2.10."));
        }
        const QByteArray ascii = hostName.toLatin1();
        Asn1StringPtr ia5(ASN1_IA5STRING_new());
        if (!ia5 || ASN1_STRING_set(ia5.get(), ascii.constData(), int(ascii.size())) != 1)
            return failure(Tr::tr("encode the host name %1").arg(hostName));
        GENERAL_NAME_set0_value(name.get(), GEN_DNS, ia5.release());
    }
    if (sk_GENERAL_NAME_push(names, name.get()) <= 0)
        return failure(Tr::tr("make a subject alternative name"));
    name.release();
    return Done{};
}

Status addExtension(X509 *certificate, X509V3_CTX *context, int nid, const char *value)
{
    X509ExtensionPtr extension(X509V3_EXT_conf_nid(nullptr, context, nid, value));
    if (!extension || X509_add_ext(certificate, extension.get(), -1) != 1)
        return failure(
            Tr::tr("add the certificate extension %1").arg(QString::fromLatin1(OBJ_nid2sn(nid))));
    return Done{};
}

QByteArray bioBytes(BIO *bio)
{
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    return size > 0 ? QByteArray(data, size) : QByteArray();
}

// Never let OpenSSL prompt on a terminal for a passphrase: a server has none.
int noPassphrase(char *, int, int, void *)
{
    return 0;
}

Result<QByteArray> readSmallFile(const QString &path, const QString &what)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return ServiceError::make(
            ServiceError::Code::Io,
            Tr::tr("Cannot read the %1 %2: %3.").arg(what, path, file.errorString()),
            Tr::tr("Check the file's permissions, or delete the "
                   "development certificate and its key to make new "
                   "ones."));
    }
    if (file.size() > MaxPemSize) {
        return ServiceError::make(ServiceError::Code::InvalidArgument,
                                  Tr::tr("The %1 %2 is too large for a PEM file.").arg(what, path));
    }
    return file.readAll();
}

// Both files exist: they are used as they are, if they are a certificate that is still valid
// and the key that belongs to it.
Status checkExisting(const QString &certPath, const QString &keyPath)
{
    const QString remake = Tr::tr("Delete %1 and %2 to make a new development certificate (the "
                                  "consoles then have to trust the new one), or give your own "
                                  "with --cert and --key.")
                               .arg(certPath, keyPath);
    const Result<QByteArray> certPem = readSmallFile(certPath, Tr::tr("certificate"));
    if (!certPem)
        return certPem.error();
    Result<QByteArray> keyPem = readSmallFile(keyPath, Tr::tr("key"));
    if (!keyPem)
        return keyPem.error();
    BioPtr certBio(BIO_new_mem_buf(certPem.value().constData(), int(certPem.value().size())));
    X509Ptr certificate(certBio ? PEM_read_bio_X509(certBio.get(), nullptr, noPassphrase, nullptr)
                                : nullptr);
    if (!certificate) {
        OpenSslError::clear();
        return ServiceError::make(ServiceError::Code::InvalidArgument,
                                  Tr::tr("%1 holds no PEM certificate.").arg(certPath), remake);
    }
    BioPtr keyBio(BIO_new_mem_buf(keyPem.value().constData(), int(keyPem.value().size())));
    EvpPkeyPtr key(keyBio ? PEM_read_bio_PrivateKey(keyBio.get(), nullptr, noPassphrase, nullptr)
                          : nullptr);
    OPENSSL_cleanse(keyPem.value().data(), size_t(keyPem.value().size()));
    if (!key) {
        OpenSslError::clear();
        return ServiceError::make(ServiceError::Code::InvalidArgument,
                                  Tr::tr("%1 holds no unencrypted PEM private key.").arg(keyPath),
                                  remake);
    }
    if (X509_check_private_key(certificate.get(), key.get()) != 1) {
        OpenSslError::clear();
        return ServiceError::make(
            ServiceError::Code::InvalidArgument,
            Tr::tr("The key %1 does not belong to the certificate %2.").arg(keyPath, certPath),
            remake);
    }
    if (X509_cmp_current_time(X509_get0_notAfter(certificate.get())) <= 0) {
        return ServiceError::make(
            ServiceError::Code::InvalidArgument,
            Tr::tr("The development certificate %1 has expired.").arg(certPath), remake);
    }
    return Done{};
}

// Creates path with exactly these permissions; refuses to replace an existing file.
Status writeNewFile(const QString &path, const QByteArray &data, QFileDevice::Permissions mode)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly, mode)) {
        return ServiceError::make(ServiceError::Code::Io,
                                  Tr::tr("Cannot create %1: %2.").arg(path, file.errorString()),
                                  Tr::tr("Check that the folder exists and is writable by the "
                                         "user patchboard-server runs as."));
    }
    if (file.write(data) != data.size() || !file.flush()) {
        const QString error = file.errorString();
        file.close();
        file.remove();
        return ServiceError::make(ServiceError::Code::Io,
                                  Tr::tr("Cannot write %1: %2.").arg(path, error),
                                  Tr::tr("Check the free space of the disk."));
    }
    return Done{};
}

} // namespace

Result<SelfSignedCertificate::Pem> SelfSignedCertificate::create(const QStringList &hostNames,
                                                                 int days)
{
    if (days < 1 || days > 3650) {
        return ServiceError::make(ServiceError::Code::InvalidArgument,
                                  Tr::tr("A development certificate is valid for 1 to 3650 days."));
    }
    EvpPkeyPtr key(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
    if (!key)
        return failure(Tr::tr("generate a P-256 key"));
    X509Ptr certificate(X509_new());
    if (!certificate || X509_set_version(certificate.get(), X509_VERSION_3) != 1)
        return failure(Tr::tr("make a certificate"));

    // A random, positive serial: two certificates made on one machine never share one.
    unsigned char serial[SerialBytes];
    if (RAND_bytes(serial, SerialBytes) != 1)
        return failure(Tr::tr("make a serial number"));
    serial[0] &= 0x7f;
    serial[0] |= 0x40; // no leading zero byte: the DER integer keeps all 16 bytes
    BignumPtr serialNumber(BN_bin2bn(serial, SerialBytes, nullptr));
    if (!serialNumber
        || !BN_to_ASN1_INTEGER(serialNumber.get(), X509_get_serialNumber(certificate.get())))
        return failure(Tr::tr("set the serial number"));

    // Valid from an hour ago, so that a console whose clock is a little behind accepts it.
    if (!X509_gmtime_adj(X509_getm_notBefore(certificate.get()), -3600)
        || !X509_time_adj_ex(X509_getm_notAfter(certificate.get()), days, 0, nullptr))
        return failure(Tr::tr("set the validity"));

    X509_NAME *subject = X509_get_subject_name(certificate.get());
    if (X509_NAME_add_entry_by_txt(subject, "O", MBSTRING_UTF8,
                                   reinterpret_cast<const unsigned char *>(Organization), -1, -1, 0)
            != 1
        || X509_NAME_add_entry_by_txt(subject, "CN", MBSTRING_UTF8,
                                      reinterpret_cast<const unsigned char *>(CommonName), -1, -1,
                                      0)
            != 1
        || X509_set_issuer_name(certificate.get(), subject) != 1
        || X509_set_pubkey(certificate.get(), key.get()) != 1)
        return failure(Tr::tr("set the subject"));

    QStringList names{QStringLiteral("localhost"), QStringLiteral("127.0.0.1"),
                      QStringLiteral("::1")};
    for (const QString &name : hostNames) {
        const QString trimmed = name.trimmed();
        if (!trimmed.isEmpty() && !names.contains(trimmed, Qt::CaseInsensitive))
            names.append(trimmed);
    }
    GeneralNamesPtr alternativeNames(sk_GENERAL_NAME_new_null());
    if (!alternativeNames)
        return failure(Tr::tr("make the subject alternative names"));
    for (const QString &name : std::as_const(names)) {
        if (const Status added = addName(alternativeNames.get(), name); !added)
            return added.error();
    }
    if (X509_add1_ext_i2d(certificate.get(), NID_subject_alt_name, alternativeNames.get(), 0,
                          X509V3_ADD_DEFAULT)
        != 1)
        return failure(Tr::tr("add the subject alternative names"));

    X509V3_CTX context;
    X509V3_set_ctx(&context, certificate.get(), certificate.get(), nullptr, nullptr, 0);
    // The subject key identifier first: the authority key identifier copies it (self-signed).
    const struct
    {
        int nid;
        const char *value;
    } extensions[] = {
        {NID_basic_constraints, "critical,CA:TRUE,pathlen:0"},
        {NID_key_usage, "critical,digitalSignature,keyCertSign"},
        {NID_ext_key_usage, "serverAuth"},
        {NID_subject_key_identifier, "hash"},
        {NID_authority_key_identifier, "keyid:always"},
    };
    for (const auto &extension : extensions) {
        if (const Status added
            = addExtension(certificate.get(), &context, extension.nid, extension.value);
            !added)
            return added.error();
    }
    if (X509_sign(certificate.get(), key.get(), EVP_sha256()) <= 0)
        return failure(Tr::tr("sign the certificate"));

    BioPtr certBio(BIO_new(BIO_s_mem()));
    BioPtr keyBio(BIO_new(BIO_s_mem()));
    if (!certBio || !keyBio || PEM_write_bio_X509(certBio.get(), certificate.get()) != 1
        || PEM_write_bio_PrivateKey(keyBio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr)
            != 1)
        return failure(Tr::tr("write the certificate as PEM"));
    Pem pem;
    pem.certificate = bioBytes(certBio.get());
    pem.key = bioBytes(keyBio.get());
    return pem;
}

QByteArray SelfSignedCertificate::sha256Fingerprint(const QSslCertificate &certificate)
{
    return certificate.isNull() ? QByteArray() : certificate.digest(QCryptographicHash::Sha256);
}

QString SelfSignedCertificate::fingerprintText(const QByteArray &sha256)
{
    return QString::fromLatin1(sha256.toHex(':').toUpper());
}

Status ensureDevelopmentCertificate(const QString &certPath, const QString &keyPath,
                                    const QStringList &hostNames)
{
    const bool haveCert = QFileInfo::exists(certPath);
    const bool haveKey = QFileInfo::exists(keyPath);
    if (haveCert && haveKey)
        return checkExisting(certPath, keyPath);
    if (haveCert != haveKey) {
        const QString present = haveCert ? certPath : keyPath;
        const QString missing = haveCert ? keyPath : certPath;
        return ServiceError::make(ServiceError::Code::InvalidArgument,
                                  Tr::tr("%1 exists but %2 is missing.").arg(present, missing),
                                  Tr::tr("Restore %1, or delete %2 to make a new development "
                                         "certificate (the consoles then have to trust the new "
                                         "one).")
                                      .arg(missing, present));
    }
    for (const QString &path : {certPath, keyPath}) {
        const QString folder = QFileInfo(path).absolutePath();
        if (!QDir().mkpath(folder)) {
            return ServiceError::make(ServiceError::Code::Io,
                                      Tr::tr("Cannot create the folder %1.").arg(folder),
                                      Tr::tr("Check that its parent is writable by the user "
                                             "patchboard-server runs as."));
        }
    }
    Result<SelfSignedCertificate::Pem> pem = SelfSignedCertificate::create(hostNames);
    if (!pem)
        return pem.error();
    QByteArray &key = pem.value().key;
    // The key first, readable by its owner only; the certificate last, so that a crash in
    // between leaves "key without certificate", which the next start reports instead of using.
    Status written = writeNewFile(keyPath, key, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    OPENSSL_cleanse(key.data(), size_t(key.size()));
    if (!written)
        return written;
    written = writeNewFile(certPath, pem.value().certificate,
                           QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup
                               | QFileDevice::ReadOther);
    if (!written) {
        QFile::remove(keyPath);
        return written;
    }
    return Done{};
}

} // namespace Patchboard
