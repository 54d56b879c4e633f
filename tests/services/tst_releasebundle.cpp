// SPDX-License-Identifier: Apache-2.0
// The release bundle (docs/release-format.md): what patchboard-author create writes verifies,
// and every kind of tampering is caught by the check that names it (SESIP 5.5.4).
#include "firmware/releaseauthor.h"
#include "firmware/releasebundle.h"
#include "firmware/releaseverifier.h"
#include "manifest/suitsigner.h"
#include "tst_releasekit.h"

#include <QCborMap>
#include <QCborValue>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <functional>

using namespace Patchboard;
using namespace Patchboard::ReleaseKit;

namespace {

using Tamper = std::function<bool(const QString &bundle, const PrivateKey &stranger)>;

QString image(const QString &bundle)
{
    return QDir(bundle).filePath(QStringLiteral("images/modem.bin"));
}

QString manifest(const QString &bundle)
{
    return QDir(bundle).filePath(QStringLiteral("manifest.suit"));
}

} // namespace

Q_DECLARE_METATYPE(Tamper)

class TestReleaseBundle : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void createdBundleVerifies_data();
    void createdBundleVerifies();
    void tamperingIsCaught_data();
    void tamperingIsCaught();
    void keyOfAnotherVendorDoesNotVouch();
    void imageNames_data();
    void imageNames();
    void createRefusesBadInput();
    void largeImageIsStreamed();

private:
    QTemporaryDir m_dir;
    PrivateKey m_author;
    PrivateKey m_stranger;
    ReleaseVerifier::KeyLookup m_trustAcme;
};

void TestReleaseBundle::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_author = newKey(KeyType::EcP256);
    m_stranger = newKey(KeyType::EcP256);
    const PublicKey trusted = m_author.publicKey();
    m_trustAcme = [trusted](const QByteArray &vendor) {
        return vendor == vendorId(Acme) ? QList<PublicKey>{trusted} : QList<PublicKey>{};
    };
}

void TestReleaseBundle::createdBundleVerifies_data()
{
    QTest::addColumn<int>("keyType");
    QTest::newRow("P-256, ES256") << int(KeyType::EcP256);
    QTest::newRow("Ed25519, EdDSA") << int(KeyType::Ed25519);
}

void TestReleaseBundle::createdBundleVerifies()
{
    QFETCH(int, keyType);
    const PrivateKey key = newKey(KeyType(keyType));
    const QString bundle = makeBundle(m_dir.path(), QStringLiteral("good-%1").arg(keyType), key,
                                      vendorId(Acme), classId(AcmeOne), 4, cleanNotes());
    QVERIFY(!bundle.isEmpty());
    QVERIFY(ReleaseBundle::isBundle(bundle));
    const PublicKey trusted = key.publicKey();
    const BundleVerification v = ReleaseVerifier::verifyBundle(
        bundle, [trusted](const QByteArray &) { return QList<PublicKey>{trusted}; });
    QVERIFY2(v.intact(), describe(v.checks).constData());
    QVERIFY(v.manifest.isVerified());
    QCOMPARE(v.manifest.algorithm,
             KeyType(keyType) == KeyType::Ed25519 ? QStringLiteral("EdDSA")
                                                  : QStringLiteral("ES256"));
    QCOMPARE(v.manifest.sequenceNumber, quint64(4));
    QCOMPARE(v.vendorId, vendorId(Acme));
    QCOMPARE(v.classId, classId(AcmeOne));
    QVERIFY(v.notes.has_value());
    QCOMPARE(v.notes->version, QStringLiteral("4.0.1"));
    QCOMPARE(v.images.size(), 2);
    QCOMPARE(v.images[0].name, QStringLiteral("notes.json"));
    QCOMPARE(v.images[1].name, QStringLiteral("modem.bin"));
    QCOMPARE(v.images[1].size, qint64(4096));
    for (const char *name : {"bundle", "trusted-key", "signature", "manifest-digest", "components",
                             "notes-digest", "notes", "security-only", "image:modem.bin"})
        QVERIFY2(find(v.checks, QString::fromLatin1(name))
                     && find(v.checks, QString::fromLatin1(name))->passed,
                 name);
}

void TestReleaseBundle::tamperingIsCaught_data()
{
    QTest::addColumn<Tamper>("tamper");
    QTest::addColumn<QString>("failingCheck");

    QTest::newRow("image byte flipped")
        << Tamper([](const QString &b, const PrivateKey &) { return flipByte(image(b), 100); })
        << QStringLiteral("image:modem.bin");
    QTest::newRow("image grown") << Tamper([](const QString &b, const PrivateKey &) {
        return writeFile(image(b), readFile(image(b)) + "!");
    }) << QStringLiteral("image:modem.bin");
    QTest::newRow("image removed")
        << Tamper([](const QString &b, const PrivateKey &) { return QFile::remove(image(b)); })
        << QStringLiteral("image:modem.bin");
    QTest::newRow("notes edited") << Tamper([](const QString &b, const PrivateKey &) {
        const QString notes = QDir(b).filePath(QStringLiteral("notes.json"));
        return writeFile(notes, readFile(notes).replace("2022-06-05", "2022-07-05"));
    }) << QStringLiteral("notes-digest");
    QTest::newRow("signature bit flipped") << Tamper([](const QString &b, const PrivateKey &) {
        return writeFile(manifest(b), flipSignatureBit(readFile(manifest(b))));
    }) << QStringLiteral("signature");
    QTest::newRow("re-signed with an unknown key") << Tamper([](const QString &b,
                                                                const PrivateKey &stranger) {
        const QByteArray m = QCborValue::fromCbor(readFile(manifest(b)))
                                 .taggedValue()
                                 .toMap()
                                 .value(3)
                                 .toByteArray();
        const Result<QByteArray> resigned
            = SuitSigner::signEnvelope(m, stranger, SignatureAlgorithm(SignatureAlgorithm::ES256));
        return resigned.ok() && writeFile(manifest(b), resigned.value());
    }) << QStringLiteral("signature");
    QTest::newRow("manifest not signed") << Tamper([](const QString &b, const PrivateKey &) {
        return writeFile(
            manifest(b),
            readFile(QStringLiteral(PATCHBOARD_TESTDATA_DIR "/suit/example1.unsigned.suit")));
    }) << QStringLiteral("signed");
    QTest::newRow("unlisted image added") << Tamper([](const QString &b, const PrivateKey &) {
        return writeFile(QDir(b).filePath(QStringLiteral("images/extra.bin")), "payload");
    }) << QStringLiteral("components");
    QTest::newRow("stray file") << Tamper([](const QString &b, const PrivateKey &) {
        return writeFile(QDir(b).filePath(QStringLiteral("install.sh")), "#!/bin/sh");
    }) << QStringLiteral("bundle");
    QTest::newRow("image replaced by a link") << Tamper([](const QString &b, const PrivateKey &) {
        const QString copy = QDir(b).filePath(QStringLiteral("../link-target.bin"));
        QFile::remove(copy);
        return QFile::rename(image(b), copy) && QFile::link(copy, image(b));
    }) << QStringLiteral("bundle");
}

void TestReleaseBundle::tamperingIsCaught()
{
    QFETCH(Tamper, tamper);
    QFETCH(QString, failingCheck);
    const QString bundle = makeBundle(
        m_dir.path(),
        QString::fromLatin1(QTest::currentDataTag()).replace(QLatin1Char(' '), QLatin1Char('-')),
        m_author, vendorId(Acme), classId(AcmeOne), 4, cleanNotes());
    QVERIFY(!bundle.isEmpty());
    QVERIFY2(ReleaseVerifier::verifyBundle(bundle, m_trustAcme).intact(),
             "the untouched bundle verifies");
    QVERIFY(tamper(bundle, m_stranger));
    const BundleVerification v = ReleaseVerifier::verifyBundle(bundle, m_trustAcme);
    QVERIFY2(!v.intact(), describe(v.checks).constData());
    const ReleaseCheck *check = find(v.checks, failingCheck);
    QVERIFY2(check && !check->passed, describe(v.checks).constData());
}

void TestReleaseBundle::keyOfAnotherVendorDoesNotVouch()
{
    // Signed with Acme's key, but naming Beta as vendor: Acme's key is not trusted for Beta.
    const QString bundle = makeBundle(m_dir.path(), QStringLiteral("wrong-vendor"), m_author,
                                      vendorId(Beta), classId(BetaMax), 9, cleanNotes());
    const BundleVerification v = ReleaseVerifier::verifyBundle(bundle, m_trustAcme);
    QVERIFY(!v.intact());
    QVERIFY(!find(v.checks, QStringLiteral("trusted-key"))->passed);
    QVERIFY(!find(v.checks, QStringLiteral("signature"))->passed);
}

void TestReleaseBundle::imageNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("valid");
    QTest::newRow("plain") << QStringLiteral("modem-2.4_b7.bin") << true;
    QTest::newRow("parent") << QStringLiteral("..") << false;
    QTest::newRow("traversal") << QStringLiteral("../etc/passwd") << false;
    QTest::newRow("absolute") << QStringLiteral("/etc/passwd") << false;
    QTest::newRow("subfolder") << QStringLiteral("a/b.bin") << false;
    QTest::newRow("backslash") << QStringLiteral("a\\b.bin") << false;
    QTest::newRow("hidden") << QStringLiteral(".profile") << false;
    QTest::newRow("empty") << QString() << false;
    QTest::newRow("space") << QStringLiteral("a b") << false;
    QTest::newRow("non-ASCII") << QStringLiteral("bild\u00e4.bin") << false;
    QTest::newRow("too long") << QString(101, QLatin1Char('a')) << false;
}

void TestReleaseBundle::imageNames()
{
    QFETCH(QString, name);
    QFETCH(bool, valid);
    QCOMPARE(ReleaseBundle::imageNameProblem(name).isEmpty(), valid);
    if (valid)
        QCOMPARE(ReleaseBundle::pathForComponent(ReleaseBundle::imageComponentId(name)),
                 QStringLiteral("images/") + name);
    else
        QVERIFY(ReleaseBundle::pathForComponent(ReleaseBundle::imageComponentId(name)).isEmpty());
}

void TestReleaseBundle::createRefusesBadInput()
{
    const QString source = m_dir.filePath(QStringLiteral("source.bin"));
    QVERIFY(writeFile(source, "firmware"));
    ReleaseAuthor::CreateOptions options;
    options.vendorId = vendorId(Acme);
    options.classId = classId(AcmeOne);
    options.sequenceNumber = 1;
    options.notes = cleanNotes();
    options.images = {{QStringLiteral("../escape.bin"), source}};
    options.outputDir = m_dir.filePath(QStringLiteral("refused.pbrelease"));
    QCOMPARE(ReleaseAuthor::create(m_author, options).error().code,
             ServiceError::Code::InvalidArgument);
    options.images = {{QStringLiteral("a.bin"), source}, {QStringLiteral("a.bin"), source}};
    QCOMPARE(ReleaseAuthor::create(m_author, options).error().code,
             ServiceError::Code::InvalidArgument);
    options.images = {{QStringLiteral("a.bin"), source}};
    options.notes = "{}";
    QCOMPARE(ReleaseAuthor::create(m_author, options).error().code,
             ServiceError::Code::InvalidArgument);
    options.notes = cleanNotes();
    options.classId = "short";
    QCOMPARE(ReleaseAuthor::create(m_author, options).error().code,
             ServiceError::Code::InvalidArgument);
    options.classId = classId(AcmeOne);
    QVERIFY(ReleaseAuthor::create(m_author, options).ok());
    // Never over an existing bundle, and nothing half-written is left behind.
    QCOMPARE(ReleaseAuthor::create(m_author, options).error().code,
             ServiceError::Code::InvalidArgument);
    QVERIFY(!QFileInfo::exists(options.outputDir + QStringLiteral(".partial")));
}

void TestReleaseBundle::largeImageIsStreamed()
{
    QByteArray big(5 * 1024 * 1024 + 17, '\0');
    for (qsizetype i = 0; i < big.size(); ++i)
        big[i] = char(i * 7);
    const QString bundle = makeBundle(m_dir.path(), QStringLiteral("large"), m_author,
                                      vendorId(Acme), classId(AcmeOne), 4, cleanNotes(), big);
    QList<qint64> reports;
    qint64 total = 0;
    const BundleVerification v
        = ReleaseVerifier::verifyBundle(bundle, m_trustAcme, [&](qint64 done, qint64 all) {
              reports.append(done);
              total = all;
              return true;
          });
    QVERIFY2(v.intact(), describe(v.checks).constData());
    QCOMPARE(total, qint64(big.size()));
    QVERIFY2(reports.size() > 1, "progress is reported chunk by chunk");
    QCOMPARE(reports.last(), qint64(big.size()));
}

QTEST_GUILESS_MAIN(TestReleaseBundle)
#include "tst_releasebundle.moc"
