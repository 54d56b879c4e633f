// SPDX-License-Identifier: Apache-2.0
// patchboard-author: the test Author's tool (ARCHITECTURE.md, app/author). A thin front end over
// services/firmware; the formats are described in docs/release-format.md.
//
//   patchboard-author keygen --type p256|ed25519 --out KEY.pem
//   patchboard-author create --key KEY.pem --vendor-id HEX --class-id HEX --sequence N
//                            --notes notes.json --image PATH [--image PATH...] --out DIR.pbrelease
//   patchboard-author verify [--key PEM | --trust-store DIR] FILE...
//
// Exit status: 0 success (verify: every file valid), 1 failure or an invalid file, 2 usage error.
#include "crypto/privatekey.h"
#include "firmware/releaseauthor.h"
#include "firmware/releaseverifier.h"
#include "firmware/trustdirectory.h"
#include "firmware/verifyreport.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QJsonObject>
#include <QTextStream>

#include <limits>

using namespace Patchboard;

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("patchboard-author", text);
}

QTextStream &err()
{
    static QTextStream stream(stderr);
    return stream;
}

int usage(const QString &message)
{
    err() << "patchboard-author: " << message << '\n'
          << tr("Usage: patchboard-author keygen|create|verify ... (patchboard-author COMMAND "
                "--help)")
          << '\n';
    err().flush();
    return 2;
}

int failure(const ServiceError &error)
{
    err() << "patchboard-author: " << error.text() << '\n';
    err().flush();
    return 1;
}

bool parse(QCommandLineParser &parser, const QStringList &arguments, const QString &description)
{
    parser.setApplicationDescription(description);
    parser.addHelpOption();
    if (!parser.parse(arguments))
        return false;
    if (parser.isSet(QStringLiteral("help")))
        parser.showHelp(0);
    return true;
}

int keygen(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addOption({QStringLiteral("type"), tr("Key type: p256 (ES256) or ed25519 (EdDSA)."),
                      QStringLiteral("TYPE")});
    parser.addOption({QStringLiteral("out"),
                      tr("Private key file; the public key goes to KEY.pub.pem."),
                      QStringLiteral("KEY.pem")});
    if (!parse(parser, arguments, tr("Generates an Author signing key.")))
        return usage(parser.errorText());
    const QString type = parser.value(QStringLiteral("type"));
    if (type != QStringLiteral("p256") && type != QStringLiteral("ed25519"))
        return usage(tr("--type must be p256 or ed25519."));
    if (parser.value(QStringLiteral("out")).isEmpty())
        return usage(tr("--out KEY.pem is required."));
    const Result<ReleaseAuthor::KeyFiles> files = ReleaseAuthor::generateKey(
        type == QStringLiteral("p256") ? KeyType::EcP256 : KeyType::Ed25519,
        parser.value(QStringLiteral("out")));
    if (!files)
        return failure(files.error());
    QTextStream out(stdout);
    out << tr("Private key: %1\nPublic key:  %2\nFingerprint: %3\n")
               .arg(files.value().privateKeyPath, files.value().publicKeyPath,
                    files.value().fingerprint);
    return 0;
}

int create(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addOption(
        {QStringLiteral("key"), tr("The Author's private key (PEM)."), QStringLiteral("KEY.pem")});
    parser.addOption(
        {QStringLiteral("vendor-id"), tr("SUIT vendor ID (UUID, hex)."), QStringLiteral("HEX")});
    parser.addOption({QStringLiteral("class-id"),
                      tr("SUIT class ID of the hardware model (UUID, hex)."),
                      QStringLiteral("HEX")});
    parser.addOption({QStringLiteral("sequence"), tr("Manifest sequence number (anti-rollback)."),
                      QStringLiteral("N")});
    parser.addOption({QStringLiteral("notes"),
                      tr("Release notes (docs/release-notes.schema.json)."),
                      QStringLiteral("notes.json")});
    parser.addOption(
        {QStringLiteral("image"), tr("A payload image; repeat for more."), QStringLiteral("PATH")});
    parser.addOption({QStringLiteral("out"), tr("The bundle directory to write."),
                      QStringLiteral("DIR.pbrelease")});
    parser.addPositionalArgument(QStringLiteral("PATH"), tr("More payload images."),
                                 QStringLiteral("[PATH...]"));
    if (!parse(parser, arguments, tr("Writes a signed release bundle.")))
        return usage(parser.errorText());
    for (const char *required : {"key", "vendor-id", "class-id", "sequence", "notes", "out"}) {
        if (parser.value(QString::fromLatin1(required)).isEmpty())
            return usage(tr("--%1 is required.").arg(QString::fromLatin1(required)));
    }
    bool numeric = false;
    const quint64 sequence = parser.value(QStringLiteral("sequence")).toULongLong(&numeric);
    if (!numeric || sequence > quint64(std::numeric_limits<qint64>::max()))
        return usage(tr("--sequence must be a number from 0 to 2^63-1."));
    const Result<QByteArray> vendor
        = ReleaseAuthor::parseUuid(parser.value(QStringLiteral("vendor-id")), tr("vendor ID"));
    if (!vendor)
        return usage(vendor.error().message);
    const Result<QByteArray> classId
        = ReleaseAuthor::parseUuid(parser.value(QStringLiteral("class-id")), tr("class ID"));
    if (!classId)
        return usage(classId.error().message);
    const Result<PrivateKey> key = PrivateKey::fromPemFile(parser.value(QStringLiteral("key")));
    if (!key)
        return failure(key.error());
    QFile notes(parser.value(QStringLiteral("notes")));
    if (!notes.open(QIODevice::ReadOnly))
        return failure(ServiceError::make(
            ServiceError::Code::Io,
            tr("Cannot read %1: %2").arg(notes.fileName(), notes.errorString())));
    ReleaseAuthor::CreateOptions options;
    options.vendorId = vendor.value();
    options.classId = classId.value();
    options.sequenceNumber = sequence;
    options.notes = notes.read(ReleaseNotes::MaxBytes + 1);
    options.outputDir = parser.value(QStringLiteral("out"));
    const QStringList images
        = parser.values(QStringLiteral("image")) + parser.positionalArguments();
    for (const QString &image : images)
        options.images.append({QFileInfo(image).fileName(), image});
    const Result<ReleaseAuthor::Created> created = ReleaseAuthor::create(key.value(), options);
    if (!created)
        return failure(created.error());
    QTextStream out(stdout);
    out << tr("Wrote %1 (%2, manifest SHA-256 %3)\n")
               .arg(created.value().dir, created.value().algorithm,
                    QString::fromLatin1(created.value().manifestDigest.toHex()));
    return 0;
}

int verify(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addOption({QStringLiteral("key"), tr("Trust this public key (PEM) for every file."),
                      QStringLiteral("PEM")});
    parser.addOption({QStringLiteral("trust-store"),
                      tr("Trust the keys in DIR/<vendor-id>/*.pem for that vendor."),
                      QStringLiteral("DIR")});
    parser.addPositionalArgument(QStringLiteral("FILE"),
                                 tr("SUIT envelopes or .pbrelease bundle directories."),
                                 QStringLiteral("FILE..."));
    if (!parse(parser, arguments,
               tr("Verifies SUIT envelopes and release bundles; prints one JSON line per file.")))
        return usage(parser.errorText());
    const bool haveKey = parser.isSet(QStringLiteral("key"));
    const bool haveStore = parser.isSet(QStringLiteral("trust-store"));
    if (haveKey == haveStore)
        return usage(tr("Give exactly one of --key PEM and --trust-store DIR."));
    if (parser.positionalArguments().isEmpty())
        return usage(tr("Name at least one FILE to verify."));
    ReleaseVerifier::KeyLookup keys;
    if (haveKey) {
        const Result<PublicKey> key = PublicKey::fromPemFile(parser.value(QStringLiteral("key")));
        if (!key)
            return failure(key.error());
        const PublicKey trusted = key.value();
        keys = [trusted](const QByteArray &) {
            return QList<PublicKey>{trusted};
        };
    } else {
        if (!QFileInfo(parser.value(QStringLiteral("trust-store"))).isDir())
            return usage(tr("--trust-store %1 is not a directory.")
                             .arg(parser.value(QStringLiteral("trust-store"))));
        const TrustDirectory store(parser.value(QStringLiteral("trust-store")));
        keys = [store](const QByteArray &vendor) {
            return store.keysFor(vendor);
        };
    }
    QTextStream out(stdout);
    bool allValid = true;
    for (const QString &file : parser.positionalArguments()) {
        const BundleVerification verification = ReleaseVerifier::verifyPath(file, keys);
        const QJsonObject report = VerifyReport::toJson(file, verification);
        allValid = allValid && report.value(QStringLiteral("valid")).toBool();
        out << VerifyReport::toLine(file, verification) << '\n';
    }
    return allValid ? 0 : 1;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("patchboard-author"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PATCHBOARD_VERSION));
    QStringList arguments = QCoreApplication::arguments();
    if (arguments.size() < 2)
        return usage(tr("Name a command."));
    const QString command = arguments.takeAt(1);
    if (command == QStringLiteral("keygen"))
        return keygen(arguments);
    if (command == QStringLiteral("create"))
        return create(arguments);
    if (command == QStringLiteral("verify"))
        return verify(arguments);
    if (command == QStringLiteral("--help") || command == QStringLiteral("-h")
        || command == QStringLiteral("help")) {
        QTextStream(stdout) << tr(
            "Usage:\n"
            "  patchboard-author keygen --type p256|ed25519 --out KEY.pem\n"
            "  patchboard-author create --key KEY.pem --vendor-id HEX --class-id HEX --sequence N\n"
            "                           --notes notes.json --image PATH... --out DIR.pbrelease\n"
            "  patchboard-author verify [--key PEM | --trust-store DIR] FILE...\n");
        return 0;
    }
    return usage(tr("Unknown command \"%1\".").arg(command));
}
