// SPDX-License-Identifier: Apache-2.0
// Release verification costs: SHA-256 throughput on a 100 MiB image (Patchboard's streaming hash
// against `openssl dgst -sha256` on the same file) and SUIT envelope decode + verify time.
// Prints the machine, then "name value unit" lines.
#include "benchutil.h"
#include "crypto/sha256.h"
#include "manifest/suitverifier.h"

#include <QCoreApplication>
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
    // The external command is timed whole, process start included (a few ms of ~60).
    Samples theirs;
    QByteArray theirDigest;
    for (int run = 0; run < HashRuns; ++run) {
        QProcess openssl;
        Stopwatch watch;
        openssl.start(
            QStringLiteral("openssl"),
            {QStringLiteral("dgst"), QStringLiteral("-sha256"), QStringLiteral("-r"), path});
        if (!openssl.waitForFinished(120000) || openssl.exitCode() != 0) {
            report.comment(QStringLiteral("openssl dgst failed: ") + openssl.errorString());
            return false;
        }
        theirs.add(watch.elapsedMs());
        theirDigest = openssl.readAllStandardOutput().split(' ').value(0).trimmed();
    }
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
    const bool ok = benchHash(report, image) && benchVerify(report);
    report.printTargets();
    return ok && report.allTargetsPassed() ? 0 : 1;
}
