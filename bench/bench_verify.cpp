// SPDX-License-Identifier: Apache-2.0
// Release verification costs: SHA-256 throughput on a 100 MiB image (Patchboard's streaming hash
// against `openssl dgst -sha256` on the same file), the verification the importer runs on a signed
// release bundle with that image (ReleaseVerifier::verifyBundle: signature, manifest, notes and
// image digests) against `openssl dgst -sha256` on the bundle's image, and SUIT envelope decode +
// verify time. Prints the machine, then "name value unit" lines.
#include "benchutil.h"
#include "crypto/privatekey.h"
#include "crypto/sha256.h"
#include "domain/releasenotes.h"
#include "firmware/releaseauthor.h"
#include "firmware/releasebundle.h"
#include "firmware/releaseverifier.h"
#include "manifest/suitverifier.h"

#include <QCoreApplication>
#include <QDate>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTextStream>

#include <openssl/crypto.h>

using namespace Patchboard;
using namespace Patchboard::Bench;

namespace {

constexpr qint64 ImageSize = 100 * 1024 * 1024;
constexpr int HashRuns = 5; // best of: the first run also warms the page cache
constexpr int VerifyWarmup = 200;
constexpr int VerifyIterations = 5000;

bool writeImage(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    QByteArray chunk(4 * 1024 * 1024, Qt::Uninitialized);
    QRandomGenerator generator(20240501);
    for (qint64 written = 0; written < ImageSize; written += chunk.size()) {
        generator.fillRange(reinterpret_cast<quint32 *>(chunk.data()), chunk.size() / 4);
        if (file.write(chunk) != chunk.size())
            return false;
    }
    return true;
}

double mibPerSecond(double ms)
{
    return double(ImageSize) / (1024.0 * 1024.0) / (ms / 1000.0);
}

// `openssl dgst -sha256 -r path`, best of HashRuns, timed whole (process start included, a few ms
// of ~60). Empty samples when it failed; *digest is the hex digest it printed.
Samples opensslDgst(Report &report, const QString &path, QByteArray *digest)
{
    Samples runs;
    for (int run = 0; run < HashRuns; ++run) {
        QProcess openssl;
        Stopwatch watch;
        openssl.start(
            QStringLiteral("openssl"),
            {QStringLiteral("dgst"), QStringLiteral("-sha256"), QStringLiteral("-r"), path});
        if (!openssl.waitForFinished(120000) || openssl.exitCode() != 0) {
            report.comment(QStringLiteral("openssl dgst failed: ") + openssl.errorString());
            return {};
        }
        runs.add(watch.elapsedMs());
        *digest = openssl.readAllStandardOutput().split(' ').value(0).trimmed();
    }
    return runs;
}

bool benchHash(Report &report, const QString &path)
{
    Samples ours;
    QByteArray ourDigest;
    for (int run = 0; run < HashRuns; ++run) {
        Stopwatch watch;
        const Result<QByteArray> digest = Sha256::hashFile(path);
        ours.add(watch.elapsedMs());
        if (!digest.ok()) {
            report.comment(digest.error().text());
            return false;
        }
        ourDigest = digest.value();
    }
    QByteArray theirDigest;
    const Samples theirs = opensslDgst(report, path, &theirDigest);
    if (theirs.isEmpty())
        return false;
    if (theirDigest != ourDigest.toHex()) {
        report.comment(
            QStringLiteral("digest mismatch: ours %1, openssl %2")
                .arg(QString::fromLatin1(ourDigest.toHex()), QString::fromLatin1(theirDigest)));
        return false;
    }
    report.figure(QStringLiteral("sha256_100mib_patchboard"), mibPerSecond(ours.min()),
                  QStringLiteral("MiB/s"));
    report.figure(QStringLiteral("sha256_100mib_openssl_dgst"), mibPerSecond(theirs.min()),
                  QStringLiteral("MiB/s"));
    report.figure(QStringLiteral("sha256_time_patchboard_over_openssl"), ours.min() / theirs.min(),
                  QStringLiteral("x"));
    // "Close to openssl dgst": at most 10 % slower on the same file (best of each).
    report.target(QStringLiteral("target_sha256_within_10pct_of_openssl"),
                  ours.min() / theirs.min(), 1.10, QStringLiteral("x"));
    return true;
}

QByteArray notesJson()
{
    ReleaseNotes notes;
    notes.version = QStringLiteral("bench-1.0");
    notes.type = ReleaseType::Security;
    notes.patchLevel = PatchLevel(QDate(2025, 1, 5));
    notes.targetModels = {QStringLiteral("Bench Model")};
    notes.changes.append({QStringLiteral("Fix an out-of-bounds write in the modem's SMS parser."),
                          ChangeKind::Security,
                          {QStringLiteral("CVE-2099-10001")},
                          VulnerabilitySeverity::Critical});
    notes.endUserNotice = QStringLiteral("This is a security update for your device.");
    return notes.toJson();
}

// The real path of a release: a bundle signed with a freshly generated P-256 key, holding the
// 100 MiB image, verified as the importer does (ReleaseImporter: ReleaseVerifier::verifyBundle on
// the staged copy, with a progress callback), best of HashRuns; openssl dgst on the bundle's image.
bool benchBundle(Report &report, const QString &imagePath, const QString &workDir)
{
    const Result<PrivateKey> key = PrivateKey::generate(KeyType::EcP256);
    if (!key) {
        report.comment(key.error().text());
        return false;
    }
    ReleaseAuthor::CreateOptions options;
    options.vendorId = QByteArray::fromHex("6a0a9d7e2c1f4c3b8e5d1a2b3c4d5e6f");
    options.classId = QByteArray::fromHex("0f1e2d3c4b5a69788796a5b4c3d2e1f0");
    options.sequenceNumber = 1;
    options.notes = notesJson();
    options.images = {{QStringLiteral("firmware.img"), imagePath}};
    options.outputDir = QDir(workDir).filePath(QStringLiteral("bench") + ReleaseBundle::suffix());
    Stopwatch createWatch;
    const Result<ReleaseAuthor::Created> created = ReleaseAuthor::create(key.value(), options);
    const double createMs = createWatch.elapsedMs();
    if (!created) {
        report.comment(QStringLiteral("cannot create the release bundle: ")
                       + created.error().text());
        return false;
    }
    const PublicKey publicKey = key.value().publicKey();
    const QByteArray vendor = options.vendorId;
    const ReleaseVerifier::KeyLookup keys = [&publicKey, &vendor](const QByteArray &claimed) {
        return claimed == vendor ? QList<PublicKey>{publicKey} : QList<PublicKey>{};
    };
    qint64 progressCalls = 0;
    const Sha256::Progress progress = [&progressCalls](qint64, qint64) {
        ++progressCalls;
        return true;
    };

    Samples ours;
    QString ourDigest;
    for (int run = 0; run < HashRuns; ++run) {
        Stopwatch watch;
        const BundleVerification verification
            = ReleaseVerifier::verifyBundle(created.value().dir, keys, progress);
        ours.add(watch.elapsedMs());
        if (!verification.intact()) {
            for (const ReleaseCheck &check : verification.checks) {
                if (!check.passed)
                    report.comment(
                        QStringLiteral("bundle check %1 failed: %2").arg(check.name, check.reason));
            }
            return false;
        }
        for (const ReleaseImage &image : verification.images) {
            if (image.name == QStringLiteral("firmware.img"))
                ourDigest = image.digest;
        }
    }
    const QString bundleImage
        = QDir(created.value().dir)
              .filePath(ReleaseBundle::imagesDir() + QStringLiteral("/firmware.img"));
    QByteArray theirDigest;
    const Samples theirs = opensslDgst(report, bundleImage, &theirDigest);
    if (theirs.isEmpty())
        return false;
    if (QString::fromLatin1(theirDigest) != ourDigest) {
        report.comment(QStringLiteral("digest mismatch: signed %1, openssl %2")
                           .arg(ourDigest, QString::fromLatin1(theirDigest)));
        return false;
    }
    report.comment(QStringLiteral("release bundle: %1 signature, %2 MiB image; created in %3 ms; "
                                  "%4 progress callbacks per verification")
                       .arg(created.value().algorithm)
                       .arg(ImageSize / (1024 * 1024))
                       .arg(createMs, 0, 'f', 0)
                       .arg(progressCalls / HashRuns));
    report.figure(QStringLiteral("release_bundle_verify_100mib_patchboard"),
                  mibPerSecond(ours.min()), QStringLiteral("MiB/s"));
    report.figure(QStringLiteral("release_bundle_verify_100mib_openssl_dgst"),
                  mibPerSecond(theirs.min()), QStringLiteral("MiB/s"));
    report.figure(QStringLiteral("release_bundle_verify_time_ms"), ours.min(),
                  QStringLiteral("ms"));
    report.figure(QStringLiteral("release_bundle_verify_time_over_openssl"),
                  ours.min() / theirs.min(), QStringLiteral("x"));
    // The same bar as the bare hash: signature, manifest and notes checks must not add more than
    // the 10 % the streaming hash is allowed.
    report.target(QStringLiteral("target_release_bundle_verify_within_10pct_of_openssl"),
                  ours.min() / theirs.min(), 1.10, QStringLiteral("x"));
    return true;
}

bool benchVerify(Report &report)
{
    const QString dir = QStringLiteral(PATCHBOARD_TESTDATA_DIR "/suit/");
    const Result<PublicKey> key
        = PublicKey::fromPemFile(dir + QStringLiteral("suit-examples-public-key.pem"));
    if (!key.ok()) {
        report.comment(key.error().text());
        return false;
    }
    double worst = 0;
    for (const char *example : {"example0", "example1", "example3"}) {
        QFile file(dir + QLatin1String(example) + QStringLiteral(".signed.suit"));
        if (!file.open(QIODevice::ReadOnly))
            return false;
        const QByteArray envelope = file.readAll();
        int verified = 0;
        for (int i = 0; i < VerifyWarmup; ++i)
            verified += SuitVerifier::verify(envelope, key.value()).isVerified() ? 1 : 0;
        Stopwatch watch;
        for (int i = 0; i < VerifyIterations; ++i)
            verified += SuitVerifier::verify(envelope, key.value()).isVerified() ? 1 : 0;
        const double meanUs = watch.elapsedMs() * 1000.0 / VerifyIterations;
        if (verified != VerifyWarmup + VerifyIterations) {
            report.comment(QStringLiteral("%1 did not verify").arg(QLatin1String(example)));
            return false;
        }
        report.figure(QStringLiteral("suit_decode_verify_%1_mean").arg(QLatin1String(example)),
                      meanUs, QStringLiteral("us"));
        worst = std::max(worst, meanUs);
    }
    report.target(QStringLiteral("target_suit_decode_verify_le_1ms"), worst, 1000.0,
                  QStringLiteral("us"));
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    Report report;
    printMachine(report.out(), describeMachine());
    report.comment(
        QStringLiteral("%1; image %2 MiB, best of %3 hash runs; %4 verifications per example")
            .arg(QString::fromLatin1(OpenSSL_version(OPENSSL_VERSION)))
            .arg(ImageSize / (1024 * 1024))
            .arg(HashRuns)
            .arg(VerifyIterations));
    QTemporaryDir dir;
    const QString image = dir.filePath(QStringLiteral("image.bin"));
    if (!dir.isValid() || !writeImage(image)) {
        report.comment(QStringLiteral("cannot write the 100 MiB test image"));
        return 1;
    }
    const bool ok
        = benchHash(report, image) && benchBundle(report, image, dir.path()) && benchVerify(report);
    report.printTargets();
    return ok && report.allTargetsPassed() ? 0 : 1;
}
