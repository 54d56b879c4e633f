// SPDX-License-Identifier: Apache-2.0
// Tests of services/manifest: the IETF SUIT examples verify with the published key and decode to
// the authors' inputs; unsigned and modified envelopes are refused with the failing check named.
#include "crypto/sha256.h"
#include "manifest/suitsigner.h"
#include "manifest/suitverifier.h"
#include "tst_suitkit.h"

#include <QCborArray>
#include <QCborMap>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <functional>

using namespace Patchboard;
using namespace Patchboard::SuitKit;

namespace {

QByteArray uuidBytes(const QString &uuid)
{
    return QByteArray::fromHex(QString(uuid).remove(QLatin1Char('-')).toLatin1());
}

bool refusedBy(const ManifestVerification &v, ManifestCheckId id)
{
    const ManifestCheck *check = v.check(id);
    return check && !check->passed && !v.isVerified();
}

// Envelope editing: the manifest is re-encoded after `edit`, the authentication wrapper is kept
// as it was (so the digest no longer matches) unless `redigest` puts the new digest in it while
// keeping the old signature.
QByteArray editManifest(const QByteArray &envelope, const std::function<void(QCborMap &)> &edit,
                        bool redigest)
{
    QCborMap map = QCborValue::fromCbor(envelope).taggedValue().toMap();
    QCborMap manifest = QCborValue::fromCbor(map.value(3).toByteArray()).toMap();
    edit(manifest);
    const QByteArray manifestBytes = QCborValue(manifest).toCbor();
    map.insert(3, manifestBytes);
    if (redigest) {
        QCborArray auth = QCborValue::fromCbor(map.value(2).toByteArray()).toArray();
        const QByteArray digest = Sha256::hash(QCborValue(manifestBytes).toCbor());
        auth[0] = QCborValue(QCborArray{-16, digest}).toCbor();
        map.insert(2, QCborValue(auth).toCbor());
    }
    return QCborValue(QCborTag(107), map).toCbor();
}

// Edits the parameters of the first override-parameters directive of the shared sequence.
void editSharedParameters(QCborMap &manifest, const std::function<void(QCborMap &)> &edit)
{
    QCborMap common = QCborValue::fromCbor(manifest.value(3).toByteArray()).toMap();
    QCborArray shared = QCborValue::fromCbor(common.value(4).toByteArray()).toArray();
    QCborMap parameters = shared.at(1).toMap();
    edit(parameters);
    shared[1] = parameters;
    common.insert(4, QCborValue(shared).toCbor());
    manifest.insert(3, QCborValue(common).toCbor());
}

} // namespace

class TestSuit : public QObject
{
    Q_OBJECT

private slots:
    void signedExamplesVerifyAndDecode_data();
    void signedExamplesVerifyAndDecode();
    void unsignedExamplesAreRefused_data();
    void unsignedExamplesAreRefused();
    void wrongKeyIsRefused();
    void modifiedManifestsAreRefused_data();
    void modifiedManifestsAreRefused();
    void policyChecks();
    void signerRoundTrip_data();
    void signerRoundTrip();
    void severedMembersAreChecked();
};

void TestSuit::signedExamplesVerifyAndDecode_data()
{
    QTest::addColumn<QString>("example");
    for (const char *name : {"example0", "example1", "example3"})
        QTest::newRow(name) << QString::fromLatin1(name);
}

void TestSuit::signedExamplesVerifyAndDecode()
{
    QFETCH(QString, example);
    const QByteArray envelope = readFile(suitFile(example + QStringLiteral(".signed.suit")));
    QVERIFY(!envelope.isEmpty());
    const ManifestVerification v = SuitVerifier::verify(envelope, exampleKey());
    QVERIFY2(v.isVerified(), describe(v).constData());
    QVERIFY(!v.error().isError());
    QCOMPARE(v.algorithm, QStringLiteral("ES256"));
    QCOMPARE(v.algorithmId, qint64(-7));
    QCOMPARE(v.keyFingerprint, exampleKey().fingerprint());

    // The authors' generator input is the reference for the decoded fields.
    const QJsonObject expected
        = QJsonDocument::fromJson(readFile(suitFile(example + QStringLiteral(".json")))).object();
    QCOMPARE(v.manifestVersion, qint64(expected.value(QLatin1String("manifest-version")).toInt()));
    QCOMPARE(v.sequenceNumber,
             quint64(expected.value(QLatin1String("manifest-sequence-number")).toInt()));
    const QJsonArray components = expected.value(QLatin1String("components")).toArray();
    int images = 0;
    for (const QJsonValue &entry : components) {
        const QJsonObject c = entry.toObject();
        QList<QByteArray> id;
        for (const QJsonValue &part : c.value(QLatin1String("install-id")).toArray())
            id.append(QByteArray::fromHex(part.toString().toLatin1()));
        const auto component = std::find_if(v.components.cbegin(), v.components.cend(),
                                            [&id](const SuitComponent &s) { return s.id == id; });
        QVERIFY2(component != v.components.cend(), "component id not decoded");
        QCOMPARE(component->vendorId.toHex(),
                 uuidBytes(c.value(QLatin1String("vendor-id")).toString()).toHex());
        QCOMPARE(component->classId.toHex(),
                 uuidBytes(c.value(QLatin1String("class-id")).toString()).toHex());
        const QByteArray digest = QByteArray::fromHex(c.value(QLatin1String("install-digest"))
                                                          .toObject()
                                                          .value(QLatin1String("digest-bytes"))
                                                          .toString()
                                                          .toLatin1());
        const quint64 size = quint64(c.value(QLatin1String("install-size")).toInt());
        const auto image = std::find_if(
            component->images.cbegin(), component->images.cend(), [&](const SuitImage &i) {
                return i.digest && i.digest->bytes == digest && i.digest->isSha256()
                    && i.size == size
                    && (!c.contains(QLatin1String("slot"))
                        || i.slot == quint64(c.value(QLatin1String("slot")).toInt()));
            });
        QVERIFY2(image != component->images.cend(),
                 qPrintable(QStringLiteral("no image with digest %1 and size %2")
                                .arg(QString::fromLatin1(digest.toHex()))
                                .arg(size)));
        if (c.contains(QLatin1String("uri")))
            QCOMPARE(image->uri, c.value(QLatin1String("uri")).toString());
        ++images;
    }
    int decodedImages = 0;
    for (const SuitComponent &component : v.components)
        decodedImages += int(component.images.size());
    QCOMPARE(decodedImages, images); // nothing invented either
}

void TestSuit::unsignedExamplesAreRefused_data()
{
    signedExamplesVerifyAndDecode_data();
}

void TestSuit::unsignedExamplesAreRefused()
{
    QFETCH(QString, example);
    const ManifestVerification v = SuitVerifier::verify(
        readFile(suitFile(example + QStringLiteral(".unsigned.suit"))), exampleKey());
    QVERIFY(!v.isVerified());
    QVERIFY2(refusedBy(v, ManifestCheckId::Signed), describe(v).constData());
    QVERIFY(v.check(ManifestCheckId::Signed)->reason.contains(QLatin1String("unsigned")));
    QVERIFY(v.error().message.contains(QLatin1String("unsigned")));
    // The digest itself is intact; the refusal is about the missing signature only.
    QVERIFY(v.check(ManifestCheckId::ManifestDigest)->passed);
    QVERIFY(v.decoded);
}

void TestSuit::wrongKeyIsRefused()
{
    const Result<PrivateKey> other = PrivateKey::generate(KeyType::EcP256);
    QVERIFY(other.ok());
    const QByteArray envelope = readFile(suitFile(QStringLiteral("example0.signed.suit")));
    const ManifestVerification v = SuitVerifier::verify(envelope, other.value().publicKey());
    QVERIFY2(refusedBy(v, ManifestCheckId::Signature), describe(v).constData());
    const ManifestVerification ed = SuitVerifier::verify(
        envelope, PrivateKey::generate(KeyType::Ed25519).value().publicKey());
    QVERIFY(refusedBy(ed, ManifestCheckId::Signature));
    QVERIFY2(ed.check(ManifestCheckId::Signature)->reason.contains(QLatin1String("does not fit")),
             describe(ed).constData());
    // One of several trusted keys is enough.
    QVERIFY(
        SuitVerifier::verify(envelope, QList<PublicKey>{other.value().publicKey(), exampleKey()})
            .isVerified());
    QVERIFY(!SuitVerifier::verify(envelope, QList<PublicKey>{}).isVerified());
}

void TestSuit::modifiedManifestsAreRefused_data()
{
    QTest::addColumn<QString>("example");
    QTest::addColumn<int>("what");
    QTest::addColumn<bool>("redigest");
    QTest::addColumn<int>("failedCheck");
    const char *names[]
        = {"sequence number", "vendor id", "class id", "image digest", "image size"};
    for (const char *example : {"example0", "example1", "example3"}) {
        for (int what = 0; what < 5; ++what) {
            QTest::addRow("%s %s, digest kept", example, names[what])
                << QString::fromLatin1(example) << what << false
                << int(ManifestCheckId::ManifestDigest);
            QTest::addRow("%s %s, re-digested", example, names[what])
                << QString::fromLatin1(example) << what << true << int(ManifestCheckId::Signature);
        }
    }
}

void TestSuit::modifiedManifestsAreRefused()
{
    QFETCH(QString, example);
    QFETCH(int, what);
    QFETCH(bool, redigest);
    QFETCH(int, failedCheck);
    const QByteArray original = readFile(suitFile(example + QStringLiteral(".signed.suit")));
    const QByteArray modified = editManifest(
        original,
        [what](QCborMap &manifest) {
            if (what == 0) {
                manifest.insert(2, manifest.value(2).toInteger() + 1);
                return;
            }
            editSharedParameters(manifest, [what](QCborMap &p) {
                const qint64 key = what == 1 ? 1 : what == 2 ? 2 : what == 3 ? 3 : 14;
                // Example 3 sets digest and size per slot inside try-each; adding them here is a
                // change to the manifest all the same.
                if (key == 14)
                    p.insert(key, p.value(key).toInteger() + 1);
                else if (key == 3)
                    p.insert(key, QCborValue(QCborArray{-16, QByteArray(32, '\x42')}).toCbor());
                else
                    p.insert(key, QByteArray(16, '\x42'));
            });
        },
        redigest);
    QVERIFY(modified != original);
    const ManifestVerification v = SuitVerifier::verify(modified, exampleKey());
    QVERIFY2(refusedBy(v, ManifestCheckId(failedCheck)), describe(v).constData());
}

void TestSuit::policyChecks()
{
    const QByteArray envelope = readFile(suitFile(QStringLiteral("example1.signed.suit")));
    SuitPolicy policy;
    policy.vendorId = uuidBytes(QStringLiteral("fa6b4a53-d5ad-5fdf-be9d-e663e4d41ffe"));
    policy.classId = uuidBytes(QStringLiteral("1492af14-2569-5e48-bf42-9b2d51f2ab45"));
    policy.installedSequenceNumber = 0;
    ManifestVerification v = SuitVerifier::verify(envelope, exampleKey(), policy);
    QVERIFY2(v.isVerified(), describe(v).constData());
    QCOMPARE(v.checks.size(), 10);

    policy.installedSequenceNumber = 1; // same sequence number: a replay/rollback
    v = SuitVerifier::verify(envelope, exampleKey(), policy);
    QVERIFY2(refusedBy(v, ManifestCheckId::SequenceNumber), describe(v).constData());
    QVERIFY(v.check(ManifestCheckId::SequenceNumber)->reason.contains(QLatin1String("rollback")));

    policy.installedSequenceNumber.reset();
    policy.vendorId = QByteArray(16, '\x01');
    v = SuitVerifier::verify(envelope, exampleKey(), policy);
    QVERIFY2(refusedBy(v, ManifestCheckId::VendorId), describe(v).constData());
    QVERIFY(v.check(ManifestCheckId::ClassId)->passed);

    policy.vendorId.reset();
    policy.classId = QByteArray(16, '\x02');
    v = SuitVerifier::verify(envelope, exampleKey(), policy);
    QVERIFY2(refusedBy(v, ManifestCheckId::ClassId), describe(v).constData());
}

void TestSuit::signerRoundTrip_data()
{
    QTest::addColumn<int>("type");
    QTest::addColumn<int>("algorithm");
    QTest::newRow("ES256") << int(KeyType::EcP256) << int(SignatureAlgorithm::ES256);
    QTest::newRow("Ed25519") << int(KeyType::Ed25519) << int(SignatureAlgorithm::Ed25519);
}

void TestSuit::signerRoundTrip()
{
    QFETCH(int, type);
    QFETCH(int, algorithm);
    // Re-sign example 3's manifest: an Author with a new key gets a verifiable envelope.
    const QByteArray example = readFile(suitFile(QStringLiteral("example3.signed.suit")));
    const QByteArray manifest
        = QCborValue::fromCbor(example).taggedValue().toMap().value(3).toByteArray();
    const Result<PrivateKey> key = PrivateKey::generate(KeyType(type));
    QVERIFY(key.ok());
    const Result<QByteArray> envelope = SuitSigner::signEnvelope(
        manifest, key.value(), SignatureAlgorithm(SignatureAlgorithm::Id(algorithm)));
    QVERIFY2(envelope.ok(), qPrintable(envelope.error().text()));
    const ManifestVerification v = SuitVerifier::verify(envelope.value(), key.value().publicKey());
    QVERIFY2(v.isVerified(), describe(v).constData());
    QCOMPARE(v.algorithmId, qint64(algorithm));
    QCOMPARE(v.sequenceNumber, quint64(3));
    QCOMPARE(v.components.size(), 1);
    QCOMPARE(v.components.first().images.size(), 2);
    // The examples' key does not vouch for it.
    QVERIFY(refusedBy(SuitVerifier::verify(envelope.value(), exampleKey()),
                      ManifestCheckId::Signature));
}

void TestSuit::severedMembersAreChecked()
{
    // Example 1 with its install sequence severed: the manifest keeps only its digest.
    const QByteArray example = readFile(suitFile(QStringLiteral("example1.signed.suit")));
    QCborMap manifest
        = QCborValue::fromCbor(
              QCborValue::fromCbor(example).taggedValue().toMap().value(3).toByteArray())
              .toMap();
    const QByteArray install = manifest.value(20).toByteArray();
    manifest.insert(20, QCborValue::fromCbor(SuitSigner::severedMemberDigest(install)));
    const Result<PrivateKey> key = PrivateKey::generate(KeyType::EcP256);
    const QByteArray manifestBytes = QCborValue(manifest).toCbor();
    const SignatureAlgorithm es256(SignatureAlgorithm::ES256);

    const Result<QByteArray> withMember
        = SuitSigner::signEnvelope(manifestBytes, key.value(), es256, {{20, install}});
    ManifestVerification v = SuitVerifier::verify(withMember.value(), key.value().publicKey());
    QVERIFY2(v.isVerified(), describe(v).constData());
    QCOMPARE(v.components.first().images.first().uri,
             QStringLiteral("http://example.com/file.bin"));

    const Result<QByteArray> severed = SuitSigner::signEnvelope(manifestBytes, key.value(), es256);
    v = SuitVerifier::verify(severed.value(), key.value().publicKey());
    QVERIFY2(v.isVerified(),
             describe(v).constData()); // severing is allowed; the URI is just unknown
    QVERIFY(v.components.first().images.first().uri.isEmpty());

    QByteArray tamperedInstall = install;
    tamperedInstall.replace("file.bin", "evil.bin");
    const Result<QByteArray> tampered
        = SuitSigner::signEnvelope(manifestBytes, key.value(), es256, {{20, tamperedInstall}});
    v = SuitVerifier::verify(tampered.value(), key.value().publicKey());
    QVERIFY2(refusedBy(v, ManifestCheckId::SeverableMembers), describe(v).constData());

    const Result<QByteArray> uncovered = SuitSigner::signEnvelope(manifestBytes, key.value(), es256,
                                                                  {{20, install}, {16, install}});
    v = SuitVerifier::verify(uncovered.value(), key.value().publicKey());
    QVERIFY2(refusedBy(v, ManifestCheckId::SeverableMembers), describe(v).constData());
    QVERIFY(
        v.check(ManifestCheckId::SeverableMembers)->reason.contains(QLatin1String("not covered")));
}

QTEST_GUILESS_MAIN(TestSuit)
#include "tst_suit.moc"
