// SPDX-License-Identifier: Apache-2.0
// Tests of services/crypto/cosesign1: the cose-wg/Examples COSE_Sign1 vectors (pass and fail, as
// published), signing round trips, and refusals with readable reasons.
#include "crypto/cosesign1.h"

#include <QCborArray>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Patchboard;

namespace {

QString coseDir()
{
    return QStringLiteral(PATCHBOARD_TESTDATA_DIR "/cose");
}

QJsonObject readJson(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

QByteArray base64Url(const QJsonValue &value)
{
    return QByteArray::fromBase64(value.toString().toLatin1(),
                                  QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

// cose-wg Examples key format: EC keys carry base64url x/y/d, OKP keys x_hex/d_hex.
PublicKey publicKeyOf(const QJsonObject &key)
{
    Result<PublicKey> result = key.value(QLatin1String("kty")).toString() == QLatin1String("EC")
        ? PublicKey::fromEcP256Point(base64Url(key.value(QLatin1String("x"))),
                                     base64Url(key.value(QLatin1String("y"))))
        : PublicKey::fromEd25519(
            QByteArray::fromHex(key.value(QLatin1String("x_hex")).toString().toLatin1()));
    return result.ok() ? std::move(result).value() : PublicKey();
}

QByteArray encode(const QCborValue &value)
{
    return value.toCbor();
}

// A tagged COSE_Sign1 built by hand, for structures sign() would never produce.
QByteArray message(const QCborMap &protectedHeader, const QCborMap &unprotected,
                   const QByteArray &signature = QByteArray(64, '\1'))
{
    const QByteArray protectedBytes
        = protectedHeader.isEmpty() ? QByteArray() : QCborValue(protectedHeader).toCbor();
    return encode(QCborValue(
        QCborTag(18), QCborArray{protectedBytes, unprotected, QByteArray("payload"), signature}));
}

} // namespace

class TestCose : public QObject
{
    Q_OBJECT

private slots:
    void publishedVectors_data();
    void publishedVectors();
    void ed25519SignatureIsDeterministic();
    void signRoundTrip_data();
    void signRoundTrip();
    void detachedPayloadAndAad();
    void refusesUnsupportedAlgorithms_data();
    void refusesUnsupportedAlgorithms();
    void refusesMalformedStructures_data();
    void refusesMalformedStructures();
};

void TestCose::publishedVectors_data()
{
    QTest::addColumn<QString>("path");
    const QStringList files
        = QDir(coseDir()).entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
    QVERIFY2(files.size() >= 11, "the cose-wg vectors are missing from shared/testdata/cose");
    for (const QString &file : files)
        QTest::newRow(qPrintable(file)) << QDir(coseDir()).filePath(file);
}

void TestCose::publishedVectors()
{
    QFETCH(QString, path);
    const QJsonObject vector = readJson(path);
    const bool mustFail = vector.value(QLatin1String("fail")).toBool();
    const QJsonObject sign0
        = vector.value(QLatin1String("input")).toObject().value(QLatin1String("sign0")).toObject();
    const PublicKey key = publicKeyOf(sign0.value(QLatin1String("key")).toObject());
    QVERIFY2(!key.isNull(), "the vector's key did not load");
    const QByteArray aad
        = QByteArray::fromHex(sign0.value(QLatin1String("external")).toString().toLatin1());
    // The signed structure comes from output.cbor, never from the intermediates.
    const QByteArray cbor = QByteArray::fromHex(vector.value(QLatin1String("output"))
                                                    .toObject()
                                                    .value(QLatin1String("cbor"))
                                                    .toString()
                                                    .toLatin1());
    QVERIFY(!cbor.isEmpty());

    const Result<CoseSign1> parsed = CoseSign1::parse(cbor);
    const Status verdict = parsed.ok() ? parsed.value().verify(key, aad) : Status(parsed.error());
    if (!mustFail) {
        QVERIFY2(verdict.ok(), qPrintable(verdict.error().text()));
        return;
    }
    QVERIFY2(!verdict.ok(), "a fail vector was accepted");
    // The refusal says what is wrong, not just "invalid".
    const QJsonObject failures = vector.value(QLatin1String("input"))
                                     .toObject()
                                     .value(QLatin1String("failures"))
                                     .toObject();
    QString expected = QStringLiteral("does not verify");
    if (failures.contains(QLatin1String("ChangeCBORTag")))
        expected = QStringLiteral("wrong CBOR tag 998");
    else if (failures.contains(QLatin1String("ChangeAttr")))
        expected = QStringLiteral("is not accepted");
    QVERIFY2(verdict.error().message.contains(expected), qPrintable(verdict.error().message));
}

void TestCose::ed25519SignatureIsDeterministic()
{
    // RFC 8032 signatures are deterministic, so signing the vector's ToBeSign with its key must
    // give the published signature byte for byte.
    const QJsonObject vector = readJson(coseDir() + QStringLiteral("/eddsa-sig-01.json"));
    const QJsonObject key = vector.value(QLatin1String("input"))
                                .toObject()
                                .value(QLatin1String("sign0"))
                                .toObject()
                                .value(QLatin1String("key"))
                                .toObject();
    const Result<PrivateKey> privateKey = PrivateKey::fromEd25519(
        QByteArray::fromHex(key.value(QLatin1String("d_hex")).toString().toLatin1()));
    QVERIFY2(privateKey.ok(), qPrintable(privateKey.error().text()));
    const QByteArray toBeSigned = QByteArray::fromHex(vector.value(QLatin1String("intermediates"))
                                                          .toObject()
                                                          .value(QLatin1String("ToBeSign_hex"))
                                                          .toString()
                                                          .toLatin1());
    const Result<CoseSign1> published
        = CoseSign1::parse(QByteArray::fromHex(vector.value(QLatin1String("output"))
                                                   .toObject()
                                                   .value(QLatin1String("cbor"))
                                                   .toString()
                                                   .toLatin1()));
    QVERIFY(published.ok());
    QCOMPARE(CoseSign1::sigStructure(published.value().protectedBytes(), {},
                                     published.value().payload()),
             toBeSigned);
    const Result<QByteArray> signature
        = privateKey.value().sign(SignatureAlgorithm(SignatureAlgorithm::EdDSA), toBeSigned);
    QVERIFY(signature.ok());
    QCOMPARE(signature.value().toHex(), published.value().signature().toHex());
}

void TestCose::signRoundTrip_data()
{
    QTest::addColumn<int>("type");
    QTest::addColumn<int>("algorithm");
    QTest::newRow("ES256") << int(KeyType::EcP256) << int(SignatureAlgorithm::ES256);
    QTest::newRow("ESP256") << int(KeyType::EcP256) << int(SignatureAlgorithm::ESP256);
    QTest::newRow("EdDSA") << int(KeyType::Ed25519) << int(SignatureAlgorithm::EdDSA);
    QTest::newRow("Ed25519") << int(KeyType::Ed25519) << int(SignatureAlgorithm::Ed25519);
}

void TestCose::signRoundTrip()
{
    QFETCH(int, type);
    QFETCH(int, algorithm);
    const SignatureAlgorithm alg(static_cast<SignatureAlgorithm::Id>(algorithm));
    const Result<PrivateKey> key = PrivateKey::generate(KeyType(type));
    QVERIFY(key.ok());
    CoseSign1::SignOptions options;
    options.keyId = "author-1";
    const Result<QByteArray> signedMessage
        = CoseSign1::sign(key.value(), alg, "release notes", options);
    QVERIFY2(signedMessage.ok(), qPrintable(signedMessage.error().text()));
    const Result<CoseSign1> parsed
        = CoseSign1::parse(signedMessage.value(), CoseSign1::TagPolicy::Required);
    QVERIFY(parsed.ok());
    QCOMPARE(parsed.value().algorithmId(), std::optional<qint64>(alg.coseId()));
    QCOMPARE(parsed.value().keyId(), QByteArray("author-1"));
    QCOMPARE(parsed.value().payload(), QByteArray("release notes"));
    QVERIFY(parsed.value().verify(key.value().publicKey()).ok());

    const Result<PrivateKey> other = PrivateKey::generate(KeyType(type));
    QVERIFY(!parsed.value().verify(other.value().publicKey()).ok());
    const Result<PrivateKey> otherType = PrivateKey::generate(
        KeyType(type) == KeyType::EcP256 ? KeyType::Ed25519 : KeyType::EcP256);
    const Status mismatch = parsed.value().verify(otherType.value().publicKey());
    QVERIFY(!mismatch.ok());
    QVERIFY2(mismatch.error().message.contains(QLatin1String("does not fit")),
             qPrintable(mismatch.error().message));
}

void TestCose::detachedPayloadAndAad()
{
    const Result<PrivateKey> key = PrivateKey::generate(KeyType::EcP256);
    QVERIFY(key.ok());
    CoseSign1::SignOptions options;
    options.detached = true;
    options.externalAad = "device-class-7";
    const Result<QByteArray> signedMessage = CoseSign1::sign(
        key.value(), SignatureAlgorithm(SignatureAlgorithm::ES256), "digest bytes", options);
    QVERIFY(signedMessage.ok());
    const Result<CoseSign1> parsed = CoseSign1::parse(signedMessage.value());
    QVERIFY(parsed.ok());
    QVERIFY(parsed.value().isDetached());
    const PublicKey publicKey = key.value().publicKey();
    QVERIFY(
        parsed.value().verify(publicKey, "device-class-7", QByteArrayView("digest bytes")).ok());
    QVERIFY(
        !parsed.value().verify(publicKey, "device-class-8", QByteArrayView("digest bytes")).ok());
    QVERIFY(
        !parsed.value().verify(publicKey, "device-class-7", QByteArrayView("digest bytez")).ok());
    const Status missing = parsed.value().verify(publicKey, "device-class-7");
    QVERIFY(!missing.ok());
    QVERIFY2(missing.error().message.contains(QLatin1String("detached")),
             qPrintable(missing.error().message));
}

void TestCose::refusesUnsupportedAlgorithms_data()
{
    QTest::addColumn<QCborValue>("alg");
    QTest::addColumn<QString>("expected");
    QTest::newRow("ES384") << QCborValue(-35) << QStringLiteral("ES384 (-35) is not accepted");
    QTest::newRow("ES512") << QCborValue(-36) << QStringLiteral("ES512 (-36)");
    QTest::newRow("PS256") << QCborValue(-37) << QStringLiteral("PS256 (-37)");
    QTest::newRow("RS256") << QCborValue(-257) << QStringLiteral("RS256 (-257)");
    QTest::newRow("HMAC") << QCborValue(5) << QStringLiteral("HMAC 256/256 (5)");
    QTest::newRow("Ed448") << QCborValue(-53) << QStringLiteral("Ed448 (-53)");
    QTest::newRow("unknown number")
        << QCborValue(-65000) << QStringLiteral("-65000 is not accepted");
    QTest::newRow("text") << QCborValue(QStringLiteral("ES256"))
                          << QStringLiteral("\"ES256\" is not accepted");
}

void TestCose::refusesUnsupportedAlgorithms()
{
    QFETCH(QCborValue, alg);
    QFETCH(QString, expected);
    const Result<PrivateKey> key = PrivateKey::generate(KeyType::EcP256);
    QCborMap protectedHeader;
    protectedHeader.insert(1, alg);
    const Result<CoseSign1> parsed = CoseSign1::parse(message(protectedHeader, {}));
    QVERIFY2(parsed.ok(), qPrintable(parsed.error().text()));
    const Status verdict = parsed.value().verify(key.value().publicKey());
    QVERIFY(!verdict.ok());
    QVERIFY2(verdict.error().message.contains(expected), qPrintable(verdict.error().message));
    QVERIFY(verdict.error().hint.contains(QLatin1String("ES256, ESP256, EdDSA, Ed25519")));
}

void TestCose::refusesMalformedStructures_data()
{
    QTest::addColumn<QByteArray>("cbor");
    QTest::addColumn<QString>("expected");
    QCborMap es256;
    es256.insert(1, -7);
    const QByteArray good = message(es256, {});
    QTest::newRow("empty") << QByteArray() << QStringLiteral("empty");
    QTest::newRow("truncated") << good.left(good.size() - 5) << QStringLiteral("truncated");
    QTest::newRow("trailing garbage")
        << good + QByteArray("\x00\x01", 2) << QStringLiteral("trailing");
    QTest::newRow("three elements")
        << encode(QCborValue(QCborTag(18), QCborArray{QByteArray(), QCborMap(), QByteArray()}))
        << QStringLiteral("4 elements");
    QTest::newRow("map instead of array")
        << encode(QCborMap{{1, 2}}) << QStringLiteral("4 elements");
    QTest::newRow("protected not bstr")
        << encode(QCborArray{QCborMap(), QCborMap(), QByteArray(), QByteArray(64, 0)})
        << QStringLiteral("protected header is not a byte string");
    QTest::newRow("protected not a map")
        << encode(QCborArray{encode(QCborArray{1}), QCborMap(), QByteArray(), QByteArray(64, 0)})
        << QStringLiteral("not a map");
    QTest::newRow("payload wrong type")
        << encode(QCborArray{QByteArray(), QCborMap(), 5, QByteArray(64, 0)})
        << QStringLiteral("payload");
    QCborMap alsoAlg;
    alsoAlg.insert(1, -7);
    QTest::newRow("alg in both buckets")
        << message(es256, alsoAlg) << QStringLiteral("both protected and unprotected");
    QCborMap crit = es256;
    crit.insert(2, QCborArray{99});
    crit.insert(99, 1);
    QTest::newRow("unknown critical header") << message(crit, {}) << QStringLiteral("critical");
    // {1: -7, 1: -8}: QCborMap would keep both; the message must be refused, not read either way.
    const QByteArray duplicate = QByteArray::fromHex("a201260127");
    QTest::newRow("duplicate label") << encode(QCborValue(
        QCborTag(18), QCborArray{duplicate, QCborMap(), QByteArray(), QByteArray(64, 0)}))
                                     << QStringLiteral("repeats a label");
    QTest::newRow("deep nesting") << QByteArray(5000, char(0x81)) + QByteArray(1, char(0x00))
                                  << QStringLiteral("nesting deeper");
    QTest::newRow("huge string") << QByteArray::fromHex("5bffffffffffffffff00")
                                 << QStringLiteral("claims");
    QTest::newRow("huge array") << QByteArray::fromHex("9bffffffffffffffff00")
                                << QStringLiteral("claims");
    QTest::newRow("indefinite") << QByteArray::fromHex("9f40a040405f40ffff")
                                << QStringLiteral("Indefinite");
}

void TestCose::refusesMalformedStructures()
{
    QFETCH(QByteArray, cbor);
    QFETCH(QString, expected);
    const Result<PrivateKey> key = PrivateKey::generate(KeyType::EcP256);
    const Result<CoseSign1> parsed = CoseSign1::parse(cbor);
    const Status verdict
        = parsed.ok() ? parsed.value().verify(key.value().publicKey()) : Status(parsed.error());
    QVERIFY(!verdict.ok());
    QVERIFY2(verdict.error().message.contains(expected, Qt::CaseInsensitive),
             qPrintable(verdict.error().message));
}

QTEST_GUILESS_MAIN(TestCose)
#include "tst_cose.moc"
