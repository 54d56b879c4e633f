// SPDX-License-Identifier: Apache-2.0
// Tests of services/crypto: SHA-256, keys, raw signatures, the ECDSA r||s <-> DER conversion.
#include "crypto/ecdsasignature.h"
#include "crypto/privatekey.h"
#include "crypto/publickey.h"
#include "crypto/sha256.h"

#include <QBuffer>
#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace Patchboard;

namespace {

QString testData(const char *relative)
{
    return QStringLiteral(PATCHBOARD_TESTDATA_DIR "/") + QLatin1String(relative);
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

// The P-256 key printed in draft-ietf-suit-manifest; its fingerprint was taken with
// `openssl pkey -pubin -outform DER | sha256sum`.
const char SuitKeyFingerprint[]
    = "ade2dad611717e910e295db3ba086fc40490b0daacfc23aace9348077b839b17";

} // namespace

class TestCrypto : public QObject
{
    Q_OBJECT

private slots:
    void sha256KnownAnswers_data();
    void sha256KnownAnswers();
    void sha256StreamingMatchesOneShot();
    void sha256FileAndDevice();
    void sha256ProgressAndCancel();
    void sha256MissingFileIsAnIoError();

    void loadsThePublishedSuitKey();
    void refusesWhatIsNotAPublicKey_data();
    void refusesWhatIsNotAPublicKey();
    void refusesOffCurvePoint();

    void generateSignVerify_data();
    void generateSignVerify();
    void privateKeyPemRoundTrip();
    void encryptedPrivateKeyNeedsPassphrase();
    void algorithmMustFitKey();
    void ecdsaConversionRoundTrip();
    void ecdsaRawSignatureSizeIsChecked();
};

void TestCrypto::sha256KnownAnswers_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("digest");
    // FIPS 180-2 appendix B examples.
    QTest::newRow("empty")
        << QByteArray()
        << QStringLiteral("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    QTest::newRow("abc") << QByteArray("abc")
                         << QStringLiteral(
                                "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    QTest::newRow("two blocks")
        << QByteArray("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
        << QStringLiteral("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    QTest::newRow("million a") << QByteArray(
        1000000,
        'a') << QStringLiteral("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

void TestCrypto::sha256KnownAnswers()
{
    QFETCH(QByteArray, input);
    QFETCH(QString, digest);
    QCOMPARE(Sha256::toHex(Sha256::hash(input)), digest);
}

void TestCrypto::sha256StreamingMatchesOneShot()
{
    QByteArray data(3 * 1024 * 1024 + 17, Qt::Uninitialized);
    QRandomGenerator generator(42);
    generator.fillRange(reinterpret_cast<quint32 *>(data.data()), data.size() / 4);
    Sha256 sha;
    // Uneven pieces, crossing every SHA-256 block boundary pattern.
    for (qsizetype offset = 0, step = 1; offset < data.size();
         offset += step, step = step * 3 % 65521 + 1)
        sha.addData(QByteArrayView(data).sliced(offset, qMin(step, data.size() - offset)));
    QCOMPARE(sha.result(), Sha256::hash(data));
    sha.reset();
    QCOMPARE(sha.result(), Sha256::hash(QByteArray()));
}

void TestCrypto::sha256FileAndDevice()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QByteArray data(1024 * 1024 + 12345, 'x');
    for (qsizetype i = 0; i < data.size(); ++i)
        data[i] = char(i * 7 + i / 256);
    const QString path = dir.filePath(QStringLiteral("image.bin"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QCOMPARE(file.write(data), data.size());
    file.close();

    const Result<QByteArray> fromFile = Sha256::hashFile(path);
    QVERIFY2(fromFile.ok(), qPrintable(fromFile.error().text()));
    QCOMPARE(fromFile.value(), Sha256::hash(data));

    QBuffer buffer(&data);
    QVERIFY(buffer.open(QIODevice::ReadOnly));
    buffer.seek(100); // hashes from the current position
    const Result<QByteArray> fromDevice = Sha256::hash(&buffer);
    QVERIFY(fromDevice.ok());
    QCOMPARE(fromDevice.value(), Sha256::hash(QByteArrayView(data).sliced(100)));
}

void TestCrypto::sha256ProgressAndCancel()
{
    QByteArray data(2 * 1024 * 1024, 'p');
    QBuffer buffer(&data);
    QVERIFY(buffer.open(QIODevice::ReadOnly));
    qint64 lastDone = 0;
    int calls = 0;
    const Result<QByteArray> all = Sha256::hash(&buffer, [&](qint64 done, qint64 total) {
        [&] {
            QCOMPARE(total, qint64(data.size()));
            QVERIFY(done > lastDone);
        }();
        lastDone = done;
        ++calls;
        return true;
    });
    QVERIFY(all.ok());
    QCOMPARE(lastDone, qint64(data.size()));
    QVERIFY(calls > 1);

    buffer.seek(0);
    const Result<QByteArray> cancelled
        = Sha256::hash(&buffer, [](qint64, qint64) { return false; });
    QVERIFY(!cancelled.ok());
    QCOMPARE(cancelled.error().code, ServiceError::Code::Cancelled);
}

void TestCrypto::sha256MissingFileIsAnIoError()
{
    const Result<QByteArray> digest
        = Sha256::hashFile(QStringLiteral("/nonexistent/patchboard/image.bin"));
    QVERIFY(!digest.ok());
    QCOMPARE(digest.error().code, ServiceError::Code::Io);
    QVERIFY(digest.error().message.contains(QLatin1String("/nonexistent/patchboard/image.bin")));
}

void TestCrypto::loadsThePublishedSuitKey()
{
    const Result<PublicKey> key
        = PublicKey::fromPemFile(testData("suit/suit-examples-public-key.pem"));
    QVERIFY2(key.ok(), qPrintable(key.error().text()));
    QCOMPARE(key.value().type(), KeyType::EcP256);
    QCOMPARE(key.value().fingerprint(), QLatin1String(SuitKeyFingerprint));
    // PEM and DER round trips keep the key.
    const Result<PublicKey> again = PublicKey::fromPem(key.value().toPem());
    QVERIFY(again.ok());
    QCOMPARE(again.value().toDer(), key.value().toDer());
    const Result<PublicKey> fromDer = PublicKey::fromDer(key.value().toDer());
    QVERIFY(fromDer.ok());
    QCOMPARE(fromDer.value().fingerprint(), QLatin1String(SuitKeyFingerprint));
    PublicKey copy = key.value(); // shares the OpenSSL key
    QCOMPARE(copy.fingerprint(), QLatin1String(SuitKeyFingerprint));
}

void TestCrypto::refusesWhatIsNotAPublicKey_data()
{
    QTest::addColumn<QByteArray>("pem");
    QTest::addColumn<QString>("expected");
    QTest::newRow("empty") << QByteArray() << QStringLiteral("Not a PEM public key");
    QTest::newRow("garbage") << QByteArray("hello world") << QStringLiteral("Not a PEM public key");
    QTest::newRow("truncated") << readFile(testData("suit/suit-examples-public-key.pem")).left(80)
                               << QStringLiteral("Not a PEM public key");
    const Result<PrivateKey> privateKey = PrivateKey::generate(KeyType::EcP256);
    QTest::newRow("private key") << (privateKey.ok() ? privateKey.value().toPem() : QByteArray())
                                 << QStringLiteral("private key");
    // Valid public keys, but not of a type Patchboard accepts.
    QTest::newRow("rsa") << QByteArray(
        "-----BEGIN PUBLIC KEY-----\n"
        "MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQCzAc9j5eOX9Ifeb01qy5mdKmAE\n"
        "LbK01Itzuqf8OGLymIRE8OMlMLjFzlzp7/YcimzXfhPHv7ji73ebMHkHLngHO3S7\n"
        "FiRod/s50q6OiSdkEsBYluhu+2ojj+IewNWuq/CHVrIFoP/TTnSbXvm8SC62WZQs\n"
        "SlYO9rBpFGKbrYdTVwIDAQAB\n"
        "-----END PUBLIC KEY-----\n")
                         << QStringLiteral("RSA key of 1024 bits");
    QTest::newRow("p-384") << QByteArray(
        "-----BEGIN PUBLIC KEY-----\n"
        "MHYwEAYHKoZIzj0CAQYFK4EEACIDYgAEvb9WWAUTydSCcwB8zWE1xrTVzwa5J9sf\n"
        "/tKjJWhMRHpiiaTjjhH2GkTZruQlwaoUcRdiaObK1AnKRn5WmeZtCX883yQTmD5E\n"
        "RG3KkseIZb2kq0XfvqVQ9uFudBmGPThv\n"
        "-----END PUBLIC KEY-----\n")
                           << QStringLiteral("curve secp384r1");
}

void TestCrypto::refusesWhatIsNotAPublicKey()
{
    QFETCH(QByteArray, pem);
    QFETCH(QString, expected);
    const Result<PublicKey> key = PublicKey::fromPem(pem);
    QVERIFY(!key.ok());
    QVERIFY2(key.error().message.contains(expected), qPrintable(key.error().message));
}

void TestCrypto::refusesOffCurvePoint()
{
    const QByteArray x
        = QByteArray::fromHex("bac5b11cad8f99f9c72b05cf4b9e26d244dc189f745228255a219a86d6a09eff");
    const QByteArray y
        = QByteArray::fromHex("20138bf82dc1b6d562be0fa54ab7804a3a64b6d72ccfed6b6fb6ed28bbfc117e");
    QVERIFY(PublicKey::fromEcP256Point(x, y).ok());
    QByteArray badY = y;
    badY[31] = char(badY[31] ^ 1);
    QVERIFY(!PublicKey::fromEcP256Point(x, badY).ok());
    QVERIFY(!PublicKey::fromEcP256Point(x.left(31), y).ok());
}

void TestCrypto::generateSignVerify_data()
{
    QTest::addColumn<int>("type");
    QTest::addColumn<int>("algorithm");
    QTest::newRow("P-256 ES256") << int(KeyType::EcP256) << int(SignatureAlgorithm::ES256);
    QTest::newRow("P-256 ESP256") << int(KeyType::EcP256) << int(SignatureAlgorithm::ESP256);
    QTest::newRow("Ed25519 EdDSA") << int(KeyType::Ed25519) << int(SignatureAlgorithm::EdDSA);
    QTest::newRow("Ed25519 Ed25519") << int(KeyType::Ed25519) << int(SignatureAlgorithm::Ed25519);
}

void TestCrypto::generateSignVerify()
{
    QFETCH(int, type);
    QFETCH(int, algorithm);
    const SignatureAlgorithm alg(static_cast<SignatureAlgorithm::Id>(algorithm));
    const Result<PrivateKey> key = PrivateKey::generate(KeyType(type));
    QVERIFY2(key.ok(), qPrintable(key.error().text()));
    const PublicKey publicKey = key.value().publicKey();
    QCOMPARE(publicKey.type(), KeyType(type));
    const QByteArray message("firmware 1.2.3 for model X");
    const Result<QByteArray> signature = key.value().sign(alg, message);
    QVERIFY2(signature.ok(), qPrintable(signature.error().text()));
    QCOMPARE(signature.value().size(), 64);
    QVERIFY(publicKey.verify(alg, message, signature.value()).ok());

    QVERIFY(
        !publicKey.verify(alg, QByteArray("firmware 1.2.4 for model X"), signature.value()).ok());
    for (int i : {0, 31, 32, 63}) {
        QByteArray tampered = signature.value();
        tampered[i] = char(tampered[i] ^ 0x01);
        QVERIFY2(!publicKey.verify(alg, message, tampered).ok(),
                 qPrintable(QStringLiteral("byte %1").arg(i)));
    }
    const Result<PrivateKey> other = PrivateKey::generate(KeyType(type));
    QVERIFY(other.ok());
    const Status wrongKey = other.value().publicKey().verify(alg, message, signature.value());
    QVERIFY(!wrongKey.ok());
    QCOMPARE(wrongKey.error().code, ServiceError::Code::PermissionDenied);
}

void TestCrypto::privateKeyPemRoundTrip()
{
    for (KeyType type : {KeyType::EcP256, KeyType::Ed25519}) {
        const Result<PrivateKey> key = PrivateKey::generate(type);
        QVERIFY(key.ok());
        const QByteArray pem = key.value().toPem();
        QVERIFY(pem.startsWith("-----BEGIN PRIVATE KEY-----"));
        const Result<PrivateKey> loaded = PrivateKey::fromPem(pem);
        QVERIFY2(loaded.ok(), qPrintable(loaded.error().text()));
        QCOMPARE(loaded.value().type(), type);
        QCOMPARE(loaded.value().publicKey().fingerprint(), key.value().publicKey().fingerprint());
    }
}

void TestCrypto::encryptedPrivateKeyNeedsPassphrase()
{
    const Result<PrivateKey> key = PrivateKey::generate(KeyType::Ed25519);
    QVERIFY(key.ok());
    const QByteArray pem = key.value().toPem("correct horse");
    QVERIFY(pem.startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----"));
    // No passphrase and a wrong one fail with a message instead of prompting on a terminal.
    const Result<PrivateKey> none = PrivateKey::fromPem(pem);
    QVERIFY(!none.ok());
    QCOMPARE(none.error().hint, QStringLiteral("Check the passphrase."));
    QVERIFY(!PrivateKey::fromPem(pem, "wrong horse").ok());
    const Result<PrivateKey> loaded = PrivateKey::fromPem(pem, "correct horse");
    QVERIFY2(loaded.ok(), qPrintable(loaded.error().text()));
    QCOMPARE(loaded.value().publicKey().fingerprint(), key.value().publicKey().fingerprint());
}

void TestCrypto::algorithmMustFitKey()
{
    const Result<PrivateKey> ec = PrivateKey::generate(KeyType::EcP256);
    const Result<PrivateKey> ed = PrivateKey::generate(KeyType::Ed25519);
    QVERIFY(ec.ok() && ed.ok());
    QVERIFY(!ec.value().sign(SignatureAlgorithm(SignatureAlgorithm::EdDSA), "m").ok());
    QVERIFY(!ed.value().sign(SignatureAlgorithm(SignatureAlgorithm::ES256), "m").ok());
    const Result<QByteArray> edSignature
        = ed.value().sign(SignatureAlgorithm(SignatureAlgorithm::EdDSA), "m");
    QVERIFY(edSignature.ok());
    // An EdDSA signature offered as ES256 against a P-256 key is refused before any maths.
    const Status mismatch = ec.value().publicKey().verify(
        SignatureAlgorithm(SignatureAlgorithm::ES256), "m", edSignature.value());
    QVERIFY(!mismatch.ok());
    const Status wrongType = ec.value().publicKey().verify(
        SignatureAlgorithm(SignatureAlgorithm::EdDSA), "m", edSignature.value());
    QVERIFY(!wrongType.ok());
    QVERIFY2(wrongType.error().message.contains(QLatin1String("EdDSA")),
             qPrintable(wrongType.error().message));
}

void TestCrypto::ecdsaConversionRoundTrip()
{
    // r with a leading zero byte and s with the high bit set exercise DER's INTEGER padding.
    QByteArray raw
        = QByteArray::fromHex("00c5b11cad8f99f9c72b05cf4b9e26d244dc189f745228255a219a86d6a09eff");
    raw += QByteArray::fromHex("f0138bf82dc1b6d562be0fa54ab7804a3a64b6d72ccfed6b6fb6ed28bbfc117e");
    const Result<QByteArray> der = EcdsaSignature::rawToDer(raw);
    QVERIFY2(der.ok(), qPrintable(der.error().text()));
    QCOMPARE(quint8(der.value().at(0)), quint8(0x30)); // SEQUENCE
    const Result<QByteArray> back = EcdsaSignature::derToRaw(der.value());
    QVERIFY(back.ok());
    QCOMPARE(back.value(), raw);
    QVERIFY(!EcdsaSignature::derToRaw(QByteArray(der.value() + QByteArray(1, '\0')))
                 .ok()); // trailing byte
    QVERIFY(!EcdsaSignature::derToRaw(der.value().left(der.value().size() - 1)).ok());
}

void TestCrypto::ecdsaRawSignatureSizeIsChecked()
{
    QVERIFY(!EcdsaSignature::rawToDer(QByteArray(63, '\1')).ok());
    QVERIFY(!EcdsaSignature::rawToDer(QByteArray(65, '\1')).ok());
    QVERIFY(!EcdsaSignature::rawToDer(QByteArray(64, '\0')).ok()); // r = s = 0
    const Result<PublicKey> key
        = PublicKey::fromPemFile(testData("suit/suit-examples-public-key.pem"));
    QVERIFY(key.ok());
    const Status shortSignature = key.value().verify(SignatureAlgorithm(SignatureAlgorithm::ES256),
                                                     "m", QByteArray(70, '\1'));
    QVERIFY(!shortSignature.ok());
    QVERIFY2(shortSignature.error().message.contains(QLatin1String("64")),
             qPrintable(shortSignature.error().message));
}

QTEST_GUILESS_MAIN(TestCrypto)
#include "tst_crypto.moc"
