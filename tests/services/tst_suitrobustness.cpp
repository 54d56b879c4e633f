// SPDX-License-Identifier: Apache-2.0
// Hostile and broken SUIT envelopes: every flipped byte, every truncation, wrong tags and types,
// deep nesting, absurd lengths and oversized files are refused with a message, never a crash.
#include "crypto/cosesign1.h"
#include "crypto/sha256.h"
#include "manifest/suitsigner.h"
#include "manifest/suitverifier.h"
#include "tst_suitkit.h"

#include <QCborArray>
#include <QCborMap>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Patchboard;
using namespace Patchboard::SuitKit;

namespace {

QByteArray example(int n)
{
    return readFile(suitFile(QStringLiteral("example%1.signed.suit").arg(n)));
}

QCborMap envelopeMap(const QByteArray &envelope)
{
    return QCborValue::fromCbor(envelope).taggedValue().toMap();
}

QByteArray tagged(const QCborMap &map, quint64 tag = 107)
{
    return QCborValue(QCborTag(tag), map).toCbor();
}

// Replaces the authentication wrapper's blocks, keeping its digest.
QByteArray withBlocks(const QByteArray &envelope, const QList<QByteArray> &blocks)
{
    QCborMap map = envelopeMap(envelope);
    QCborArray auth{QCborValue::fromCbor(map.value(2).toByteArray()).toArray().at(0)};
    for (const QByteArray &block : blocks)
        auth.append(block);
    map.insert(2, QCborValue(auth).toCbor());
    return tagged(map);
}

QByteArray firstBlock(const QByteArray &envelope)
{
    return QCborValue::fromCbor(envelopeMap(envelope).value(2).toByteArray())
        .toArray()
        .at(1)
        .toByteArray();
}

} // namespace

class TestSuitRobustness : public QObject
{
    Q_OBJECT

private slots:
    void everyFlippedByteIsRefused_data();
    void everyFlippedByteIsRefused();
    void everyTruncationIsRefused();
    void malformedEnvelopes_data();
    void malformedEnvelopes();
    void untaggedEnvelopeIsAccepted();
    void oversizedFileIsRefused();
};

void TestSuitRobustness::everyFlippedByteIsRefused_data()
{
    QTest::addColumn<int>("example");
    QTest::addColumn<int>("mask");
    for (int n : {0, 1, 3}) {
        for (int mask : {0x01, 0x10, 0x80, 0xff})
            QTest::addRow("example%d xor %02x", n, mask) << n << mask;
    }
}

void TestSuitRobustness::everyFlippedByteIsRefused()
{
    // Covers the envelope and wrapper headers, the protected header, the signature, the digest
    // and the manifest: no single changed byte anywhere may yield a verified envelope.
    QFETCH(int, example);
    QFETCH(int, mask);
    const QByteArray original = ::example(example);
    const PublicKey key = exampleKey();
    QVERIFY(SuitVerifier::verify(original, key).isVerified());
    for (qsizetype i = 0; i < original.size(); ++i) {
        QByteArray flipped = original;
        flipped[i] = char(flipped[i] ^ mask);
        const ManifestVerification v = SuitVerifier::verify(flipped, key);
        if (v.isVerified())
            QFAIL(qPrintable(QStringLiteral("byte %1 flipped with %2 still verifies")
                                 .arg(i)
                                 .arg(mask, 2, 16, QLatin1Char('0'))));
        QVERIFY(!v.failedChecks().isEmpty());
        QVERIFY(!v.failedChecks().first().reason.isEmpty());
    }
}

void TestSuitRobustness::everyTruncationIsRefused()
{
    const QByteArray original = example(3);
    for (qsizetype length = 0; length < original.size(); ++length) {
        const ManifestVerification v = SuitVerifier::verify(original.left(length), exampleKey());
        QVERIFY(!v.isVerified());
        const ManifestCheck *envelope = v.check(ManifestCheckId::Envelope);
        QVERIFY(envelope && !envelope->passed);
        QVERIFY2(envelope->reason.contains(QLatin1String("truncated"))
                     || envelope->reason.contains(QLatin1String("empty")),
                 qPrintable(envelope->reason));
    }
}

void TestSuitRobustness::malformedEnvelopes_data()
{
    QTest::addColumn<QByteArray>("envelope");
    QTest::addColumn<int>("check");
    QTest::addColumn<QString>("reason");
    const QByteArray good = example(0);
    const QCborMap map = envelopeMap(good);
    const int envelopeCheck = int(ManifestCheckId::Envelope);

    QTest::newRow("empty") << QByteArray() << envelopeCheck << QStringLiteral("empty");
    QTest::newRow("trailing garbage")
        << good + QByteArray("junk") << envelopeCheck << QStringLiteral("4 bytes of trailing data");
    QTest::newRow("two envelopes")
        << good + good << envelopeCheck << QStringLiteral("trailing data");
    QTest::newRow("wrong tag 106")
        << tagged(map, 106) << envelopeCheck << QStringLiteral("Wrong CBOR tag 106");
    QTest::newRow("COSE tag on envelope")
        << tagged(map, 18) << envelopeCheck << QStringLiteral("Wrong CBOR tag 18");
    QTest::newRow("two tags") << QCborValue(QCborTag(107), QCborValue(QCborTag(107), map)).toCbor()
                              << envelopeCheck << QStringLiteral("More than one CBOR tag");
    QTest::newRow("array, not map")
        << QCborValue(QCborTag(107), QCborArray{map.value(2), map.value(3)}).toCbor()
        << envelopeCheck << QStringLiteral("Expected a CBOR map");
    QTest::newRow("integer") << QByteArray::fromHex("d86b01") << envelopeCheck
                             << QStringLiteral("Expected a CBOR map");
    QCborMap textManifest = map;
    textManifest.insert(3, QStringLiteral("manifest"));
    QTest::newRow("manifest is text")
        << tagged(textManifest) << envelopeCheck << QStringLiteral("not a byte string");
    QTest::newRow("duplicate manifest")
        << QByteArray::fromHex("d86ba3") + map.value(2).toCbor().prepend('\x02')
            + map.value(3).toCbor().prepend('\x03') + map.value(3).toCbor().prepend('\x03')
        << envelopeCheck << QStringLiteral("repeats member 3");
    QTest::newRow("deep nesting") << QByteArray::fromHex("d86ba163783078")
            + QByteArray(100000, char(0x81)) + QByteArray(1, '\0')
                                  << envelopeCheck << QStringLiteral("nesting deeper than 16");
    QTest::newRow("huge bstr length")
        << QByteArray::fromHex("d86ba1035bffffffffffffffff00") << envelopeCheck
        << QStringLiteral("claims 18446744073709551615 bytes");
    QTest::newRow("huge map") << QByteArray::fromHex("d86bbb7fffffffffffffff") << envelopeCheck
                              << QStringLiteral("claims");
    QTest::newRow("long array") << QByteArray::fromHex("d86ba16178"
                                                       "9907d0")
            + QByteArray(2000, '\0')
                                << envelopeCheck << QStringLiteral("at most 1024");
    QTest::newRow("indefinite map") << QByteArray::fromHex("d86bbf0240ff") << envelopeCheck
                                    << QStringLiteral("Indefinite-length");

    QCborMap noAuth = map;
    noAuth.remove(2);
    QTest::newRow("no authentication wrapper")
        << tagged(noAuth) << int(ManifestCheckId::AuthenticationWrapper)
        << QStringLiteral("no authentication wrapper");
    QCborMap emptyAuth = map;
    emptyAuth.insert(2, QCborValue(QCborArray()).toCbor());
    QTest::newRow("empty authentication wrapper")
        << tagged(emptyAuth) << int(ManifestCheckId::AuthenticationWrapper)
        << QStringLiteral("not a non-empty array");
    QCborMap noManifest = map;
    noManifest.remove(3);
    QTest::newRow("no manifest") << tagged(noManifest) << int(ManifestCheckId::Manifest)
                                 << QStringLiteral("no manifest");

    // COSE problems inside a well-formed envelope.
    const Result<CoseSign1> cose = CoseSign1::parse(firstBlock(good));
    const QCborArray coseArray{cose.value().protectedBytes(), QCborMap(), nullptr,
                               cose.value().signature()};
    const int signature = int(ManifestCheckId::Signature);
    QTest::newRow("untagged COSE_Sign1") << withBlocks(good, {QCborValue(coseArray).toCbor()})
                                         << signature << QStringLiteral("not tagged 18");
    QTest::newRow("COSE_Mac0") << withBlocks(good, {QCborValue(QCborTag(17), coseArray).toCbor()})
                               << signature
                               << QStringLiteral("COSE_Mac0 authentication is not supported");
    QCborArray attached = coseArray;
    attached[2] = QCborValue::fromCbor(envelopeMap(good).value(2).toByteArray()).toArray().at(0);
    QTest::newRow("attached payload")
        << withBlocks(good, {QCborValue(QCborTag(18), attached).toCbor()}) << signature
        << QStringLiteral("must be detached");
    QCborArray es384 = coseArray;
    es384[0] = QCborValue(QCborMap{{1, -35}}).toCbor();
    QTest::newRow("ES384") << withBlocks(good, {QCborValue(QCborTag(18), es384).toCbor()})
                           << signature << QStringLiteral("ES384 (-35) is not accepted");
    // The published signature with "alg" moved to the unprotected header (which then is empty
    // in the signed structure): refused before any signature maths.
    QCborArray unprotectedAlg = coseArray;
    unprotectedAlg[0] = QByteArray();
    unprotectedAlg[1] = QCborMap{{1, -7}};
    QTest::newRow("alg unprotected")
        << withBlocks(good, {QCborValue(QCborTag(18), unprotectedAlg).toCbor()}) << signature
        << QStringLiteral("not in its protected header");
    QTest::newRow("block is not COSE") << withBlocks(good, {QByteArray("\x01", 1)}) << signature
                                       << QStringLiteral("Malformed COSE_Sign1");

    QCborMap sha384 = map;
    QCborArray auth = QCborValue::fromCbor(map.value(2).toByteArray()).toArray();
    auth[0] = QCborValue(QCborArray{-43, QByteArray(48, '\1')}).toCbor();
    sha384.insert(2, QCborValue(auth).toCbor());
    QTest::newRow("SHA-384 manifest digest")
        << tagged(sha384) << int(ManifestCheckId::ManifestDigest) << QStringLiteral("SHA-384");

    // Manifest problems; the digest no longer matches either, but the manifest check must say why.
    auto withManifest = [&map](const QCborMap &manifest) {
        QCborMap m = map;
        m.insert(3, QCborValue(manifest).toCbor());
        return tagged(m);
    };
    const QCborMap manifest = QCborValue::fromCbor(map.value(3).toByteArray()).toMap();
    const int manifestCheck = int(ManifestCheckId::Manifest);
    QCborMap v2 = manifest;
    v2.insert(1, 2);
    QTest::newRow("manifest version 2")
        << withManifest(v2) << manifestCheck << QStringLiteral("version 2 is not supported");
    QCborMap negative = manifest;
    negative.insert(2, -1);
    QTest::newRow("negative sequence number")
        << withManifest(negative) << manifestCheck << QStringLiteral("sequence number");
    QCborMap unknownElement = manifest;
    unknownElement.insert(99, 1);
    QTest::newRow("unknown manifest element")
        << withManifest(unknownElement) << manifestCheck << QStringLiteral("unknown element 99");
    QCborMap unknownCommand = manifest;
    unknownCommand.insert(7, QCborValue(QCborArray{99, 15}).toCbor());
    QTest::newRow("unknown command") << withManifest(unknownCommand) << manifestCheck
                                     << QStringLiteral("Unknown SUIT command 99");
    QCborMap badIndex = manifest;
    badIndex.insert(7, QCborValue(QCborArray{12, 5, 3, 15}).toCbor());
    QTest::newRow("component index out of range")
        << withManifest(badIndex) << manifestCheck << QStringLiteral("outside the 1 declared");
    // try-each nested deeper than the walker allows.
    QByteArray nested = QCborValue(QCborArray{3, 15}).toCbor();
    for (int i = 0; i < 12; ++i)
        nested = QCborValue(QCborArray{15, QCborArray{nested, nested}}).toCbor();
    QCborMap deep = manifest;
    deep.insert(7, nested);
    QTest::newRow("deep try-each")
        << withManifest(deep) << manifestCheck << QStringLiteral("nested deeper than 8");
}

void TestSuitRobustness::malformedEnvelopes()
{
    QFETCH(QByteArray, envelope);
    QFETCH(int, check);
    QFETCH(QString, reason);
    const ManifestVerification v = SuitVerifier::verify(envelope, exampleKey());
    QVERIFY(!v.isVerified());
    const ManifestCheck *failed = v.check(ManifestCheckId(check));
    QVERIFY2(failed, describe(v).constData());
    QVERIFY2(!failed->passed && failed->reason.contains(reason), describe(v).constData());
    QVERIFY(v.error().isError());
}

void TestSuitRobustness::untaggedEnvelopeIsAccepted()
{
    // Tag 107 is optional on the envelope (SUIT_Envelope_Tagged / SUIT_Envelope).
    const QByteArray untagged = QCborValue(envelopeMap(example(1))).toCbor();
    const ManifestVerification v = SuitVerifier::verify(untagged, exampleKey());
    QVERIFY2(v.isVerified(), describe(v).constData());
    QVERIFY(v.check(ManifestCheckId::Envelope)->reason.contains(QLatin1String("untagged")));
}

void TestSuitRobustness::oversizedFileIsRefused()
{
    // A signed envelope carrying a 1 MiB integrated payload is over the limit as a whole.
    QCborMap map = envelopeMap(example(0));
    map.insert(QStringLiteral("#firmware"), QByteArray(1024 * 1024, 'f'));
    const QByteArray big = tagged(map);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("big.suit"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(big);
    file.close();
    const ManifestVerification v = SuitVerifier::verifyFile(path, {exampleKey()});
    QVERIFY(!v.isVerified());
    QVERIFY2(v.check(ManifestCheckId::Envelope)->reason.contains(QLatin1String("at most 1048576")),
             describe(v).constData());
    // A small integrated payload is fine.
    map.insert(QStringLiteral("#firmware"), QByteArray(1024, 'f'));
    QVERIFY(SuitVerifier::verify(tagged(map), exampleKey()).isVerified());
}

QTEST_GUILESS_MAIN(TestSuitRobustness)
#include "tst_suitrobustness.moc"
