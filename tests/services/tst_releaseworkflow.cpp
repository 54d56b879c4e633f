// SPDX-License-Identifier: Apache-2.0
// The release workflow end to end on a small fleet: import verifies, tests are recorded, approval
// needs every check and case and a second pair of eyes, every transition says who, when and why,
// and a forged, altered or rolled-back release can never be approved.
#include "audit/auditlog.h"
#include "firmware/firmwareadministration.h"
#include "firmware/releaseworkflow.h"
#include "storage/database.h"
#include "tst_releasekit.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Patchboard;
using namespace Patchboard::ReleaseKit;

namespace {

const Operator tess{QStringLiteral("tess"), OperatorRole::TestEngineer};
const Operator ava{QStringLiteral("ava"), OperatorRole::TestEngineer};
const Operator rita{QStringLiteral("rita"), OperatorRole::RolloutManager};
const Operator adam{QStringLiteral("adam"), OperatorRole::Administrator};

} // namespace

class TestReleaseWorkflow : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void importVerifiesAndPlansTests();
    void approvalWithFourEyes();
    void fourEyesCanBeTurnedOff();
    void everyCaseMustPassOrBeWaived();
    void testWindowAndOverdue();
    void rejectAndWithdrawNeedReasons();
    void duplicateImportIsRefused();

private:
    WorkflowBench m_bench;
};

void TestReleaseWorkflow::init()
{
    const QString problem = m_bench.setUp();
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

void TestReleaseWorkflow::cleanup()
{
    m_bench.tearDown();
}

void TestReleaseWorkflow::importVerifiesAndPlansTests()
{
    const qint64 id
        = m_bench.import(m_bench.bundle(QStringLiteral("clean"), 4), ReleaseState::Verified);
    QVERIFY(id > 0);
    const Result<ReleaseDetail> d = m_bench.workflow->detail(tess, id);
    QVERIFY2(d.ok(), qPrintable(d.error().text()));
    const ReleaseDetail &detail = d.value();
    QCOMPARE(detail.summary.version, QStringLiteral("4.0.1"));
    QCOMPARE(detail.summary.models, QStringList{QStringLiteral("Acme One")});
    QCOMPARE(detail.summary.manufacturer, QStringLiteral("Acme"));
    QCOMPARE(detail.summary.vendorId, vendorHex(Acme));
    QCOMPARE(detail.summary.sequenceNumber, quint64(4));
    QCOMPARE(detail.summary.patchLevel.toString(), QStringLiteral("2022-06-05"));
    QCOMPARE(detail.summary.received, m_bench.now);
    QCOMPARE(detail.summary.window.daysLeft, 7);
    QCOMPARE(detail.signerFingerprint, m_bench.author.publicKey().fingerprint());
    QCOMPARE(detail.algorithm, QStringLiteral("EdDSA"));
    for (const char *name : {"bundle", "signature", "manifest-digest", "notes-digest",
                             "image:modem.bin", "security-only", "hardware", "anti-rollback"})
        QVERIFY2(find(detail.checks, QString::fromLatin1(name))
                     && find(detail.checks, QString::fromLatin1(name))->passed,
                 describe(detail.checks).constData());
    // No bulletin data yet: the CVE cross-check is a warning, not a blocker.
    QVERIFY(!find(detail.checks, QStringLiteral("cve-cross-check"))->passed);
    QVERIFY(!find(detail.checks, QStringLiteral("cve-cross-check"))->blocking);
    QCOMPARE(detail.testPlan.cases.size(), 6);
    QCOMPARE(detail.history.size(), 1);
    QCOMPARE(detail.history[0].to, ReleaseState::Verified);
    QCOMPARE(detail.history[0].actor, QStringLiteral("tess"));
    QCOMPARE(detail.history[0].time, m_bench.now);
    QVERIFY(!detail.approvalBlockers.isEmpty()); // no test results yet

    const Result<QList<AuditEntry>> audit = AuditLog(m_bench.db).entries({}, 0, 100);
    QCOMPARE(audit.value().size(), 2);
    QCOMPARE(audit.value()[0].action, QStringLiteral("release.verify")); // newest first
    QCOMPARE(audit.value()[1].action, QStringLiteral("trust.key.add"));
}

void TestReleaseWorkflow::approvalWithFourEyes()
{
    const qint64 id
        = m_bench.import(m_bench.bundle(QStringLiteral("clean"), 4), ReleaseState::Verified);
    m_bench.passAll(id, tess);
    QCOMPARE(m_bench.workflow->detail(tess, id).value().summary.state, ReleaseState::InTesting);
    // tess recorded the results: the four-eyes rule keeps her from approving.
    Result<ReleaseDetail> approved = m_bench.workflow->approve(tess, id, {});
    QCOMPARE(approved.error().code, ServiceError::Code::PermissionDenied);
    QVERIFY2(approved.error().message.contains(QStringLiteral("Four-eyes")),
             qPrintable(approved.error().message));
    m_bench.now = m_bench.now.addDays(2);
    approved = m_bench.workflow->approve(ava, id, QStringLiteral("Looks good on the bench."));
    QVERIFY2(approved.ok(), qPrintable(approved.error().text()));
    const ReleaseDetail &d = approved.value();
    QCOMPARE(d.summary.state, ReleaseState::Approved);
    QCOMPARE(d.summary.decided, m_bench.now);
    QVERIFY(d.summary.window.decidedWithinWindow);
    QCOMPARE(d.summary.window.decisionSeconds, qint64(2 * 86400));
    QCOMPARE(d.history.size(), 3); // verified, in testing, approved
    QCOMPARE(d.history.last().actor, QStringLiteral("ava"));
    QCOMPARE(d.history.last().role, QStringLiteral("test-engineer"));
    QCOMPARE(d.history.last().reason, QStringLiteral("Looks good on the bench."));

    // A rollout manager withdraws it, with a reason.
    const Result<ReleaseDetail> withdrawn
        = m_bench.workflow->withdraw(rita, id, QStringLiteral("Field reports of reboots."));
    QVERIFY2(withdrawn.ok(), qPrintable(withdrawn.error().text()));
    QCOMPARE(withdrawn.value().summary.state, ReleaseState::Withdrawn);

    QStringList actions;
    const QList<AuditEntry> entries = AuditLog(m_bench.db).entries({}, 0, 100).value();
    for (const AuditEntry &entry : entries)
        actions.append(entry.action);
    QVERIFY2(actions.contains(QStringLiteral("release.approve.refused")),
             qPrintable(actions.join(QLatin1Char(','))));
    QCOMPARE(actions.count(QStringLiteral("release.test")), 6);
    QVERIFY(actions.contains(QStringLiteral("release.approve")));
    QVERIFY(actions.contains(QStringLiteral("release.withdraw")));
    QVERIFY(AuditLog(m_bench.db).verify().value().intact);
}

void TestReleaseWorkflow::fourEyesCanBeTurnedOff()
{
    QCOMPARE(m_bench.admin->setSettings(tess, FirmwareSettings{false}).error().code,
             ServiceError::Code::PermissionDenied);
    QVERIFY(m_bench.admin->setSettings(adam, FirmwareSettings{false}).ok());
    QVERIFY(!m_bench.admin->settings(tess).value().fourEyes);
    const qint64 id
        = m_bench.import(m_bench.bundle(QStringLiteral("clean"), 4), ReleaseState::Verified);
    m_bench.passAll(id, tess);
    const Result<ReleaseDetail> approved = m_bench.workflow->approve(tess, id, {});
    QVERIFY2(approved.ok(), qPrintable(approved.error().text()));
}

void TestReleaseWorkflow::everyCaseMustPassOrBeWaived()
{
    const qint64 id
        = m_bench.import(m_bench.bundle(QStringLiteral("clean"), 4), ReleaseState::Verified);
    m_bench.passAll(id, tess);
    QCOMPARE(m_bench.workflow
                 ->recordTestResult(tess, id, AcmeOne, TestCaseKind::EmergencyCall,
                                    TestOutcome::Failed, {})
                 .error()
                 .code,
             ServiceError::Code::InvalidArgument); // a failure needs a note
    QVERIFY(m_bench.workflow
                ->recordTestResult(tess, id, AcmeOne, TestCaseKind::EmergencyCall,
                                   TestOutcome::Failed,
                                   QStringLiteral("112 call drops after 40 s on band 20"))
                .ok());
    QCOMPARE(m_bench.workflow
                 ->recordTestResult(tess, id, AcmeTwo, TestCaseKind::Boot, TestOutcome::Passed, {})
                 .error()
                 .code,
             ServiceError::Code::NotFound); // not a targeted model
    Result<ReleaseDetail> approved = m_bench.workflow->approve(ava, id, {});
    QCOMPARE(approved.error().code, ServiceError::Code::PermissionDenied);
    QVERIFY2(approved.error().message.contains(QStringLiteral("Emergency call")),
             qPrintable(approved.error().message));

    QCOMPARE(
        m_bench.workflow
            ->waiveTestCase(tess, id, AcmeOne, TestCaseKind::EmergencyCall, QStringLiteral(" "))
            .error()
            .code,
        ServiceError::Code::InvalidArgument);
    QCOMPARE(
        m_bench.workflow->waiveTestCase(tess, id, AcmeOne, TestCaseKind::Boot, QStringLiteral("x"))
            .error()
            .code,
        ServiceError::Code::InvalidArgument); // passed: nothing to waive
    const Result<ReleaseDetail> waived = m_bench.workflow->waiveTestCase(
        tess, id, AcmeOne, TestCaseKind::EmergencyCall,
        QStringLiteral("Network-side fault, reproduced on the old build."));
    QVERIFY2(waived.ok(), qPrintable(waived.error().text()));
    const TestCaseResult *c = waived.value().testPlan.find(AcmeOne, TestCaseKind::EmergencyCall);
    QVERIFY(c && c->waived && c->outcome == TestOutcome::Failed
            && c->waivedBy == QStringLiteral("tess"));
    approved = m_bench.workflow->approve(ava, id, {});
    QVERIFY2(approved.ok(), qPrintable(approved.error().text()));
    // Once decided, results are frozen.
    QCOMPARE(m_bench.workflow
                 ->recordTestResult(tess, id, AcmeOne, TestCaseKind::Boot, TestOutcome::Passed, {})
                 .error()
                 .code,
             ServiceError::Code::InvalidArgument);
}

void TestReleaseWorkflow::testWindowAndOverdue()
{
    const qint64 id
        = m_bench.import(m_bench.bundle(QStringLiteral("slow"), 4), ReleaseState::Verified);
    m_bench.now = m_bench.now.addDays(3);
    QCOMPARE(m_bench.workflow->releases(tess).value().first().window.daysLeft, 4);
    m_bench.now = m_bench.now.addDays(5);
    const ReleaseSummary late = m_bench.workflow->releases(tess).value().first();
    QCOMPARE(late.id, id);
    QVERIFY(late.window.overdue); // SSU-TES-0010: one week
    QCOMPARE(late.window.daysLeft, -1);
    m_bench.passAll(id, tess);
    const ReleaseSummary decided = m_bench.workflow->approve(ava, id, {}).value().summary;
    QVERIFY(!decided.window.overdue);
    QVERIFY(!decided.window.decidedWithinWindow);
    QCOMPARE(decided.window.decisionSeconds, qint64(8 * 86400));
}

void TestReleaseWorkflow::rejectAndWithdrawNeedReasons()
{
    const qint64 id
        = m_bench.import(m_bench.bundle(QStringLiteral("reject"), 4), ReleaseState::Verified);
    QCOMPARE(m_bench.workflow->reject(ava, id, QString()).error().code,
             ServiceError::Code::InvalidArgument);
    QCOMPARE(m_bench.workflow->withdraw(rita, id, QStringLiteral("x")).error().code,
             ServiceError::Code::InvalidArgument);
    const Result<ReleaseDetail> rejected
        = m_bench.workflow->reject(ava, id, QStringLiteral("Boot loop on Acme One."));
    QVERIFY2(rejected.ok(), qPrintable(rejected.error().text()));
    QCOMPARE(rejected.value().summary.state, ReleaseState::Rejected);
    QCOMPARE(rejected.value().history.last().reason, QStringLiteral("Boot loop on Acme One."));
    QVERIFY(!m_bench.workflow->approve(ava, id, {}).ok());
}

void TestReleaseWorkflow::duplicateImportIsRefused()
{
    const QString path = m_bench.bundle(QStringLiteral("twice"), 4);
    m_bench.import(path, ReleaseState::Verified);
    const Result<ReleaseDetail> again = m_bench.workflow->importBundle(tess, path);
    QCOMPARE(again.error().code, ServiceError::Code::InvalidArgument);
    QCOMPARE(m_bench.workflow->releases(tess).value().size(), 1);
}

QTEST_GUILESS_MAIN(TestReleaseWorkflow)
#include "tst_releaseworkflow.moc"
