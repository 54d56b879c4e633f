// SPDX-License-Identifier: Apache-2.0
// A forged, altered or rolled-back release can never be approved: refused on import when it
// arrives that way, refused at approval when it is altered in the store afterwards or the rules
// changed under it (a newer approval, a removed key, fresh bulletin data).
#include "firmware/firmwareadministration.h"
#include "firmware/releaseworkflow.h"
#include "manifest/suitsigner.h"
#include "storage/database.h"
#include "tst_releasekit.h"

#include <QCborMap>
#include <QCborValue>
#include <QDir>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Patchboard;
using namespace Patchboard::ReleaseKit;

namespace {

const Operator tess{QStringLiteral("tess"), OperatorRole::TestEngineer};
const Operator ava{QStringLiteral("ava"), OperatorRole::TestEngineer};
const Operator adam{QStringLiteral("adam"), OperatorRole::Administrator};

QByteArray envelopeOf(const QString &bundle)
{
    return readFile(QDir(bundle).filePath(QStringLiteral("manifest.suit")));
}

} // namespace

class TestReleaseTamper : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void refusedOnImport_data();
    void refusedOnImport();
    void alteredAfterImportCannotBeApproved_data();
    void alteredAfterImportCannotBeApproved();
    void rollbackBelowApprovedCannotBeApproved();
    void securityOnlyBlocksApproval();
    void missingCvesBlockApproval();

private:
    WorkflowBench m_bench;
};

void TestReleaseTamper::init()
{
    const QString problem = m_bench.setUp();
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

void TestReleaseTamper::cleanup()
{
    m_bench.tearDown();
}

void TestReleaseTamper::refusedOnImport_data()
{
    QTest::addColumn<QString>("what");
    QTest::addColumn<QString>("failingCheck");
    QTest::newRow("image byte flipped")
        << QStringLiteral("image") << QStringLiteral("image:modem.bin");
    QTest::newRow("notes edited") << QStringLiteral("notes") << QStringLiteral("notes-digest");
    QTest::newRow("re-signed with an unknown key")
        << QStringLiteral("resign") << QStringLiteral("signature");
    QTest::newRow("signature forged") << QStringLiteral("forge") << QStringLiteral("signature");
    QTest::newRow("sequence of installed firmware")
        << QStringLiteral("rollback") << QStringLiteral("anti-rollback");
    QTest::newRow("class of another maker's model")
        << QStringLiteral("foreign-class") << QStringLiteral("hardware");
    QTest::newRow("unknown class") << QStringLiteral("unknown-class") << QStringLiteral("hardware");
    QTest::newRow("notes target another model")
        << QStringLiteral("wrong-target") << QStringLiteral("hardware");
    QTest::newRow("malformed notes") << QStringLiteral("bad-notes") << QStringLiteral("notes");
}

void TestReleaseTamper::refusedOnImport()
{
    QFETCH(QString, what);
    QFETCH(QString, failingCheck);
    QString path;
    const PrivateKey stranger = newKey(KeyType::EcP256);
    if (what == QStringLiteral("rollback"))
        path = m_bench.bundle(what, 3); // Acme One already runs sequence 3
    else if (what == QStringLiteral("foreign-class"))
        path = m_bench.bundle(what, 9, cleanNotes(), nullptr, classId(BetaMax));
    else if (what == QStringLiteral("unknown-class"))
        path = m_bench.bundle(what, 9, cleanNotes(), nullptr, QByteArray(16, '\x11'));
    else if (what == QStringLiteral("wrong-target"))
        path = m_bench.bundle(what, 9,
                              notes(QStringLiteral("1"), QStringLiteral("security"),
                                    QStringLiteral("2022-06-05"), {QStringLiteral("Acme Two")},
                                    {securityFix(QStringLiteral("CVE-2018-25020"))}));
    else if (what == QStringLiteral("bad-notes"))
        path = m_bench.bundle(what, 9, QByteArray("{\"format\": 1}"));
    else
        path = m_bench.bundle(what, 9);
    QVERIFY(!path.isEmpty());
    const QString manifestPath = QDir(path).filePath(QStringLiteral("manifest.suit"));
    if (what == QStringLiteral("image")) {
        QVERIFY(flipByte(QDir(path).filePath(QStringLiteral("images/modem.bin")), 7));
    } else if (what == QStringLiteral("notes")) {
        const QString notesPath = QDir(path).filePath(QStringLiteral("notes.json"));
        QVERIFY(writeFile(notesPath, readFile(notesPath).replace("4.0.1", "4.0.9")));
    } else if (what == QStringLiteral("resign")) {
        const QByteArray m
            = QCborValue::fromCbor(envelopeOf(path)).taggedValue().toMap().value(3).toByteArray();
        QVERIFY(writeFile(
            manifestPath,
            SuitSigner::signEnvelope(m, stranger, SignatureAlgorithm(SignatureAlgorithm::ES256))
                .value()));
    } else if (what == QStringLiteral("forge")) {
        QVERIFY(writeFile(manifestPath, flipSignatureBit(envelopeOf(path))));
    }
    const qint64 id = m_bench.import(path, ReleaseState::Refused);
    QVERIFY(id > 0);
    const ReleaseDetail detail = m_bench.workflow->detail(tess, id).value();
    const ReleaseCheck *check = find(detail.checks, failingCheck);
    QVERIFY2(check && !check->passed, describe(detail.checks).constData());
    QVERIFY(detail.testPlan.cases.isEmpty());
    QCOMPARE(detail.history.last().to, ReleaseState::Refused);
    QVERIFY(detail.history.last().reason.contains(QStringLiteral("Refused")));
    // Nothing can bring a refused release to approval.
    QCOMPARE(m_bench.workflow
                 ->recordTestResult(tess, id, AcmeOne, TestCaseKind::Boot, TestOutcome::Passed, {})
                 .error()
                 .code,
             ServiceError::Code::InvalidArgument);
    QVERIFY(!m_bench.workflow->approve(ava, id, {}).ok());
    QCOMPARE(m_bench.workflow->detail(tess, id).value().summary.state, ReleaseState::Refused);
}

void TestReleaseTamper::alteredAfterImportCannotBeApproved_data()
{
    QTest::addColumn<QString>("what");
    QTest::addColumn<QString>("failingCheck");
    QTest::newRow("stored image byte flipped")
        << QStringLiteral("image") << QStringLiteral("image:modem.bin");
    QTest::newRow("stored notes edited")
        << QStringLiteral("notes") << QStringLiteral("notes-digest");
    QTest::newRow("stored manifest swapped")
        << QStringLiteral("manifest") << QStringLiteral("stored-bundle");
    QTest::newRow("Author key removed") << QStringLiteral("key") << QStringLiteral("signature");
}

void TestReleaseTamper::alteredAfterImportCannotBeApproved()
{
    QFETCH(QString, what);
    QFETCH(QString, failingCheck);
    const qint64 id
        = m_bench.import(m_bench.bundle(QStringLiteral("altered"), 4), ReleaseState::Verified);
    m_bench.passAll(id, tess);
    const QString stored = m_bench.dir->filePath(QStringLiteral("store/release-%1").arg(id));
    if (what == QStringLiteral("image")) {
        QVERIFY(flipByte(stored + QStringLiteral("/images/modem.bin"), 0));
    } else if (what == QStringLiteral("notes")) {
        const QString notesPath = stored + QStringLiteral("/notes.json");
        QVERIFY(writeFile(notesPath, readFile(notesPath).replace("4.0.1", "4.0.2")));
    } else if (what == QStringLiteral("manifest")) {
        // A validly signed manifest of another release put in its place.
        const QString other = m_bench.bundle(QStringLiteral("other"), 5);
        QVERIFY(writeFile(stored + QStringLiteral("/manifest.suit"), envelopeOf(other)));
        QVERIFY(writeFile(stored + QStringLiteral("/images/modem.bin"),
                          readFile(other + QStringLiteral("/images/modem.bin"))));
    } else if (what == QStringLiteral("key")) {
        const QList<TrustedKey> keys = m_bench.admin->trustedKeys(adam).value();
        QCOMPARE(m_bench.admin->removeTrustedKey(adam, keys.first().id, {}).error().code,
                 ServiceError::Code::InvalidArgument);
        QVERIFY(m_bench.admin
                    ->removeTrustedKey(adam, keys.first().id, QStringLiteral("Key compromised"))
                    .ok());
    }
    const Result<ReleaseDetail> approved = m_bench.workflow->approve(ava, id, {});
    QVERIFY(!approved.ok());
    QCOMPARE(approved.error().code, ServiceError::Code::PermissionDenied);
    QVERIFY2(approved.error().message.contains(failingCheck), qPrintable(approved.error().message));
    const ReleaseDetail detail = m_bench.workflow->detail(tess, id).value();
    QCOMPARE(detail.summary.state, ReleaseState::InTesting);
    QVERIFY2(!find(detail.checks, failingCheck)->passed, describe(detail.checks).constData());
}

void TestReleaseTamper::rollbackBelowApprovedCannotBeApproved()
{
    const qint64 older
        = m_bench.import(m_bench.bundle(QStringLiteral("nine"), 9), ReleaseState::Verified);
    const qint64 newer = m_bench.import(
        m_bench.bundle(QStringLiteral("ten"), 10, cleanNotes(QStringLiteral("4.0.2"))),
        ReleaseState::Verified);
    m_bench.passAll(older, tess);
    m_bench.passAll(newer, tess);
    QVERIFY(m_bench.workflow->approve(ava, newer, {}).ok());
    // 9 is now below the approved 10 (SESIP 5.5.6): the list shows it and approval refuses.
    const ReleaseDetail detail = m_bench.workflow->detail(tess, older).value();
    QVERIFY(!find(detail.checks, QStringLiteral("anti-rollback"))->passed);
    QVERIFY(
        detail.approvalBlockers.join(QLatin1Char(' ')).contains(QStringLiteral("anti-rollback")));
    const Result<ReleaseDetail> approved = m_bench.workflow->approve(ava, older, {});
    QCOMPARE(approved.error().code, ServiceError::Code::PermissionDenied);
    QVERIFY(approved.error().message.contains(QStringLiteral("rollback")));
}

void TestReleaseTamper::securityOnlyBlocksApproval()
{
    const QByteArray mixed
        = notes(QStringLiteral("4.0.3"), QStringLiteral("security"), QStringLiteral("2022-06-05"),
                {QStringLiteral("Acme One")},
                {securityFix(QStringLiteral("CVE-2018-25020"), QStringLiteral("moderate")),
                 change(QStringLiteral("feature"), QStringLiteral("New launcher"), {}, {})});
    const qint64 id
        = m_bench.import(m_bench.bundle(QStringLiteral("mixed"), 4, mixed), ReleaseState::Verified);
    m_bench.passAll(id, tess);
    const ReleaseDetail detail = m_bench.workflow->detail(ava, id).value();
    QCOMPARE(detail.offendingChanges, QList<int>{1});
    QVERIFY(!find(detail.checks, QStringLiteral("security-only"))->passed);
    const Result<ReleaseDetail> approved = m_bench.workflow->approve(ava, id, {});
    QCOMPARE(approved.error().code, ServiceError::Code::PermissionDenied);
    QVERIFY(approved.error().message.contains(QStringLiteral("SSU-SEC-0010")));
}

void TestReleaseTamper::missingCvesBlockApproval()
{
    const Result<BulletinImportReport> report
        = m_bench.admin->importBulletins(tess, QStringLiteral(PATCHBOARD_TESTDATA_DIR "/osv"));
    QVERIFY2(report.ok(), qPrintable(report.error().text()));
    QCOMPARE(report.value().records, 4);
    // Acme One runs 2022-05-05; claiming 2022-06-05 means CVE-2018-25020 (2022-06-05) is fixed.
    const qint64 listed
        = m_bench.import(m_bench.bundle(QStringLiteral("listed"), 4), ReleaseState::Verified);
    QVERIFY(find(m_bench.workflow->detail(tess, listed).value().checks,
                 QStringLiteral("cve-cross-check"))
                ->passed);
    const QByteArray other
        = notes(QStringLiteral("4.0.4"), QStringLiteral("security"), QStringLiteral("2022-06-05"),
                {QStringLiteral("Acme One")}, {securityFix(QStringLiteral("CVE-2022-20001"))});
    const qint64 id = m_bench.import(m_bench.bundle(QStringLiteral("unlisted"), 5, other),
                                     ReleaseState::Verified);
    const ReleaseDetail detail = m_bench.workflow->detail(tess, id).value();
    QCOMPARE(detail.missingCves.size(), 1);
    QCOMPARE(detail.missingCves[0].cve, QStringLiteral("CVE-2018-25020"));
    QCOMPARE(detail.missingCves[0].severity, VulnerabilitySeverity::Moderate);
    QCOMPARE(detail.missingCves[0].patchLevel.toString(), QStringLiteral("2022-06-05"));
    m_bench.passAll(id, tess);
    QCOMPARE(m_bench.workflow->approve(ava, id, {}).error().code,
             ServiceError::Code::PermissionDenied);
}

QTEST_GUILESS_MAIN(TestReleaseTamper)
#include "tst_releasetamper.moc"
