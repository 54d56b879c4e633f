// SPDX-License-Identifier: Apache-2.0
#include "releaseauthor.h"

#include "crypto/sha256.h"
#include "domain/releasenotes.h"
#include "manifest/suitsigner.h"
#include "releasebundle.h"
#include "suitmanifestbuilder.h"

#include <QCborValue>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSet>
#include <QUuid>

namespace Patchboard {

namespace {

// The translation context of this file's messages. Call Tr::tr() everywhere, also in free
// functions and lambdas: lupdate takes the context from Q_DECLARE_TR_FUNCTIONS, so the context
// it extracts is the one looked up at run time (for a plain tr() it uses the enclosing scope).
class Tr
{
    Q_DECLARE_TR_FUNCTIONS(Patchboard::ReleaseAuthor)
};

ServiceError ioError(const QString &message)
{
    return ServiceError::make(ServiceError::Code::Io, message);
}

Status writeFile(const QString &path, const QByteArray &data,
                 QFileDevice::Permissions permissions = {})
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly))
        return ioError(Tr::tr("Cannot create %1: %2").arg(path, file.errorString()));
    if (permissions)
        file.setPermissions(permissions);
    if (file.write(data) != data.size() || !file.flush())
        return ioError(Tr::tr("Cannot write %1: %2").arg(path, file.errorString()));
    return Done{};
}

// Copies source to target, returning its SHA-256: the digest is of the bytes written.
Result<QByteArray> copyHashing(const QString &source, const QString &target)
{
    QFile in(source);
    if (!in.open(QIODevice::ReadOnly))
        return ioError(Tr::tr("Cannot read the image %1: %2").arg(source, in.errorString()));
    QFile out(target);
    if (!out.open(QIODevice::WriteOnly | QIODevice::NewOnly))
        return ioError(Tr::tr("Cannot create %1: %2").arg(target, out.errorString()));
    Sha256 hash;
    QByteArray buffer(1024 * 1024, Qt::Uninitialized);
    for (;;) {
        const qint64 n = in.read(buffer.data(), buffer.size());
        if (n < 0)
            return ioError(Tr::tr("Cannot read the image %1: %2").arg(source, in.errorString()));
        if (n == 0)
            break;
        hash.addData(QByteArrayView(buffer.constData(), n));
        if (out.write(buffer.constData(), n) != n)
            return ioError(Tr::tr("Cannot write %1: %2").arg(target, out.errorString()));
    }
    if (!out.flush())
        return ioError(Tr::tr("Cannot write %1: %2").arg(target, out.errorString()));
    return hash.result();
}

} // namespace

QString ReleaseAuthor::publicKeyPathFor(const QString &privateKeyPath)
{
    QString base = privateKeyPath;
    if (base.endsWith(QStringLiteral(".pem")))
        base.chop(4);
    return base + QStringLiteral(".pub.pem");
}

Result<ReleaseAuthor::KeyFiles> ReleaseAuthor::generateKey(KeyType type,
                                                           const QString &privateKeyPath)
{
    KeyFiles files{privateKeyPath, publicKeyPathFor(privateKeyPath), {}};
    for (const QString &path : {files.privateKeyPath, files.publicKeyPath}) {
        if (QFileInfo::exists(path))
            return ServiceError::make(
                ServiceError::Code::InvalidArgument,
                Tr::tr("%1 already exists; keys are never overwritten.").arg(path));
    }
    Result<PrivateKey> key = PrivateKey::generate(type);
    if (!key)
        return key.error();
    const PublicKey publicKey = key.value().publicKey();
    if (const Status written = writeFile(files.privateKeyPath, key.value().toPem(),
                                         QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        !written)
        return written.error();
    if (const Status written = writeFile(files.publicKeyPath, publicKey.toPem()); !written)
        return written.error();
    files.fingerprint = publicKey.fingerprint();
    return files;
}

Result<QByteArray> ReleaseAuthor::parseUuid(const QString &text, const QString &what)
{
    QString digits = text.trimmed();
    digits.remove(QLatin1Char('-'));
    const QByteArray bytes = QByteArray::fromHex(digits.toLatin1());
    const bool hexOnly = !digits.isEmpty() && digits.size() % 2 == 0
        && QByteArray::fromHex(digits.toLatin1()).toHex() == digits.toLower().toLatin1();
    if (!hexOnly || bytes.size() != 16)
        return ServiceError::make(
            ServiceError::Code::InvalidArgument,
            Tr::tr("The %1 \"%2\" is not a UUID (32 hex digits, dashes allowed).").arg(what, text));
    return bytes;
}

Result<ReleaseAuthor::Created> ReleaseAuthor::create(const PrivateKey &key,
                                                     const CreateOptions &options)
{
    using Code = ServiceError::Code;
    if (key.isNull())
        return ServiceError::make(Code::InvalidArgument, Tr::tr("No signing key was given."));
    if (options.vendorId.size() != 16 || options.classId.size() != 16)
        return ServiceError::make(Code::InvalidArgument,
                                  Tr::tr("Vendor and class IDs are 16-byte UUIDs (RFC 9124)."));
    if (options.checkNotes) {
        if (Result<ReleaseNotes> notes = ReleaseNotes::parse(options.notes); !notes)
            return notes.error();
    }
    if (options.images.isEmpty())
        return ServiceError::make(Code::InvalidArgument,
                                  Tr::tr("A release needs at least one image."));
    if (options.images.size() > ReleaseBundle::MaxImages)
        return ServiceError::make(
            Code::InvalidArgument,
            Tr::tr("A release has at most %1 images.").arg(ReleaseBundle::MaxImages));
    QSet<QString> names;
    for (const Image &image : options.images) {
        if (const QString problem = ReleaseBundle::imageNameProblem(image.name); !problem.isEmpty())
            return ServiceError::make(Code::InvalidArgument, problem);
        if (names.contains(image.name))
            return ServiceError::make(Code::InvalidArgument,
                                      Tr::tr("Two images are named %1.").arg(image.name));
        names.insert(image.name);
        const QFileInfo info(image.sourcePath);
        if (!info.isFile())
            return ServiceError::make(Code::InvalidArgument,
                                      Tr::tr("The image %1 is not a file.").arg(image.sourcePath));
        if (info.size() > ReleaseBundle::MaxImageSize)
            return ServiceError::make(Code::InvalidArgument,
                                      Tr::tr("The image %1 is larger than %2 GiB.")
                                          .arg(image.sourcePath)
                                          .arg(ReleaseBundle::MaxImageSize >> 30));
    }
    const QFileInfo out(options.outputDir);
    if (out.exists())
        return ServiceError::make(
            Code::InvalidArgument,
            Tr::tr("%1 already exists; choose a new bundle name.").arg(options.outputDir));

    // Build in a sibling folder and rename at the end: a half-written bundle never appears.
    const QString staging = out.absoluteFilePath() + QStringLiteral(".partial");
    QDir(staging).removeRecursively();
    if (!QDir().mkpath(QDir(staging).filePath(ReleaseBundle::imagesDir())))
        return ioError(Tr::tr("Cannot create %1.").arg(staging));
    auto fail = [&staging](const ServiceError &error) -> Result<Created> {
        QDir(staging).removeRecursively();
        return error;
    };

    SuitManifestBuilder builder;
    builder.setSequenceNumber(options.sequenceNumber);
    const QString notesPath = QDir(staging).filePath(ReleaseBundle::notesFile());
    if (const Status written = writeFile(notesPath, options.notes); !written)
        return fail(written.error());
    builder.addComponent({ReleaseBundle::notesComponentId(), options.vendorId, options.classId,
                          Sha256::hash(options.notes), quint64(options.notes.size())});
    for (const Image &image : options.images) {
        const QString target
            = QDir(staging).filePath(ReleaseBundle::imagesDir() + QLatin1Char('/') + image.name);
        Result<QByteArray> digest = copyHashing(image.sourcePath, target);
        if (!digest)
            return fail(digest.error());
        builder.addComponent({ReleaseBundle::imageComponentId(image.name), options.vendorId,
                              options.classId, digest.value(), quint64(QFileInfo(target).size())});
    }
    const QByteArray manifest = builder.build();
    const SignatureAlgorithm algorithm(key.type() == KeyType::Ed25519 ? SignatureAlgorithm::EdDSA
                                                                      : SignatureAlgorithm::ES256);
    Result<QByteArray> envelope = SuitSigner::signEnvelope(manifest, key, algorithm);
    if (!envelope)
        return fail(envelope.error());
    if (const Status written
        = writeFile(QDir(staging).filePath(ReleaseBundle::manifestFile()), envelope.value());
        !written)
        return fail(written.error());
    if (!QDir().rename(staging, out.absoluteFilePath()))
        return fail(
            ioError(Tr::tr("Cannot move the bundle into place at %1.").arg(options.outputDir)));
    return Created{out.absoluteFilePath(), Sha256::hash(QCborValue(manifest).toCbor()),
                   algorithm.name()};
}

} // namespace Patchboard
