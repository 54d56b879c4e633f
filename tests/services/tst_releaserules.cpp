// SPDX-License-Identifier: Apache-2.0
// The pure release rules: anti-rollback (SESIP 5.5.6), the one-week test window (SSU-TES-0010),
// the CVE cross-check window and what blocks an approval (checks, test cases, four-eyes).
#include "domain/releaserules.h"

#include <QTest>

#include <optional>

using namespace Patchboard;

Q_DECLARE_METATYPE(std::optional<quint64>)

class TestReleaseRules : public QObject
{
    Q_OBJECT

private slots:
    void antiRollback_data();
    void antiRollback();
    void testWindow();
    void cveCrossCheck();
    void approvalBlockers();
    void stateMachine();
};

void TestReleaseRules::antiRollback_data()
{
    QTest::addColumn<quint64>("sequence");
    QTest::addColumn<std::optional<quint64>>("approved");
    QTest::addColumn<std::optional<quint64>>("installed");
    QTest::addColumn<bool>("passes");
    using S = std::optional<quint64>;
    QTest::newRow("nothing before") << quint64(1) << S() << S() << true;
    QTest::newRow("above approved") << quint64(8) << S(7) << S() << true;
    QTest::newRow("equal to approved") << quint64(7) << S(7) << S() << false;
    QTest::newRow("below approved") << quint64(3) << S(7) << S(2) << false;
    QTest::newRow("above approved, below installed") << quint64(8) << S(7) << S(9) << false;
    QTest::newRow("above both") << quint64(10) << S(7) << S(9) << true;
}

void TestReleaseRules::antiRollback()
{
    QFETCH(quint64, sequence);
    QFETCH(std::optional<quint64>, approved);
    QFETCH(std::optional<quint64>, installed);
    QFETCH(bool, passes);
    const ReleaseCheck check = ReleaseRules::antiRollback(sequence, approved, installed);
    QCOMPARE(check.name, QStringLiteral("anti-rollback"));
    QCOMPARE(check.passed, passes);
    QVERIFY(check.blocking);
    if (!passes)
        QVERIFY2(check.reason.contains(QStringLiteral("rollback")), qPrintable(check.reason));
}

void TestReleaseRules::testWindow()
{
    const QDateTime received(QDate(2026, 11, 2), QTime(9, 0), Qt::UTC);
    TestWindow w = ReleaseRules::testWindow(received, {}, received.addSecs(3600));
    QCOMPARE(w.deadline, received.addDays(7));
    QCOMPARE(w.daysLeft, 6);
    QVERIFY(!w.overdue);
    QCOMPARE(w.decisionSeconds, qint64(-1));

    w = ReleaseRules::testWindow(received, {}, received.addDays(7).addSecs(-60));
    QCOMPARE(w.daysLeft, 0); // the last day
    QVERIFY(!w.overdue);
    w = ReleaseRules::testWindow(received, {}, received.addDays(8).addSecs(60));
    QCOMPARE(w.daysLeft, -2);
    QVERIFY(w.overdue);

    w = ReleaseRules::testWindow(received, received.addDays(3), received.addDays(30));
    QVERIFY(!w.overdue); // decided: never overdue
    QCOMPARE(w.decisionSeconds, qint64(3 * 86400));
    QVERIFY(w.decidedWithinWindow);
    w = ReleaseRules::testWindow(received, received.addDays(9), received.addDays(30));
    QVERIFY(!w.decidedWithinWindow);
}

void TestReleaseRules::cveCrossCheck()
{
    ReleaseNotes notes;
    notes.patchLevel = PatchLevel::fromString(u"2022-06-05");
    notes.changes = {{QStringLiteral("fix"),
                      ChangeKind::Security,
                      {QStringLiteral("CVE-2022-0001")},
                      VulnerabilitySeverity::High}};
    auto known = [](const char *cve, const char *level, VulnerabilitySeverity severity) {
        KnownVulnerability v;
        v.cve = QString::fromLatin1(cve);
        v.patchLevel = PatchLevel::fromString(QString::fromLatin1(level));
        v.severity = severity;
        return v;
    };
    const QList<KnownVulnerability> bulletins = {
        known("CVE-2022-0001", "2022-06-01", VulnerabilitySeverity::High), // listed
        known("CVE-2022-0002", "2022-06-05", VulnerabilitySeverity::Moderate), // missing
        known("CVE-2022-0003", "2022-05-05",
              VulnerabilitySeverity::Critical), // at the baseline: fixed before
        known("CVE-2022-0004", "2022-05-06",
              VulnerabilitySeverity::Critical), // after the baseline: missing
        known("CVE-2022-0005", "2022-07-01", VulnerabilitySeverity::Critical), // above the claim
    };
    ReleaseRules::CveCrossCheck result = ReleaseRules::cveCrossCheck(
        notes, bulletins, PatchLevel::fromString(u"2022-05-05"), true);
    QVERIFY(!result.check.passed);
    QVERIFY(result.check.blocking);
    QCOMPARE(result.missing.size(), 2);
    QCOMPARE(result.missing[0].cve, QStringLiteral("CVE-2022-0004")); // most severe first
    QCOMPARE(result.missing[1].cve, QStringLiteral("CVE-2022-0002"));
    QVERIFY(result.check.reason.contains(QStringLiteral("CVE-2022-0002 (moderate, 2022-06-05)")));

    // Without a baseline the window is the claimed level's bulletin month.
    result = ReleaseRules::cveCrossCheck(notes, bulletins, std::nullopt, true);
    QCOMPARE(result.missing.size(), 1);
    QCOMPARE(result.missing[0].cve, QStringLiteral("CVE-2022-0002"));

    // No bulletin data: a warning, not a pass and not a blocker.
    result = ReleaseRules::cveCrossCheck(notes, {}, std::nullopt, false);
    QVERIFY(!result.check.passed);
    QVERIFY(!result.check.blocking);
}

void TestReleaseRules::approvalBlockers()
{
    TestPlan plan;
    TestCaseResult passed;
    passed.modelName = QStringLiteral("Acme One");
    passed.outcome = TestOutcome::Passed;
    passed.recordedBy = QStringLiteral("tess");
    plan.cases = {passed};
    const QList<ReleaseCheck> green
        = {ReleaseCheck::pass(QStringLiteral("signature"), {}),
           ReleaseCheck::warning(QStringLiteral("cve-cross-check"), {})};
    QVERIFY(ReleaseRules::approvalBlockers(ReleaseState::InTesting, green, plan, true,
                                           QStringLiteral("ava"))
                .isEmpty());
    // Four-eyes: the tester may not approve, unless the rule is off.
    QCOMPARE(ReleaseRules::approvalBlockers(ReleaseState::InTesting, green, plan, true,
                                            QStringLiteral("tess"))
                 .size(),
             1);
    QVERIFY(ReleaseRules::approvalBlockers(ReleaseState::InTesting, green, plan, false,
                                           QStringLiteral("tess"))
                .isEmpty());
    // A failed blocking check, an open case, a wrong state.
    QList<ReleaseCheck> red = green;
    red.append(ReleaseCheck::fail(QStringLiteral("image:modem.bin"), QStringLiteral("changed")));
    QVERIFY(ReleaseRules::approvalBlockers(ReleaseState::InTesting, red, plan, true,
                                           QStringLiteral("ava"))
                .join(QLatin1Char(' '))
                .contains(QStringLiteral("image:modem.bin")));
    TestPlan open = plan;
    open.cases[0].outcome = TestOutcome::Failed;
    QCOMPARE(ReleaseRules::approvalBlockers(ReleaseState::InTesting, green, open, true,
                                            QStringLiteral("ava"))
                 .size(),
             1);
    open.cases[0].waived = true;
    open.cases[0].waivedBy = QStringLiteral("tess");
    QVERIFY(ReleaseRules::approvalBlockers(ReleaseState::InTesting, green, open, true,
                                           QStringLiteral("ava"))
                .isEmpty());
    QCOMPARE(ReleaseRules::approvalBlockers(ReleaseState::Refused, green, plan, true,
                                            QStringLiteral("ava"))
                 .size(),
             1);
    QVERIFY(!ReleaseRules::approvalBlockers(ReleaseState::InTesting, {}, {}, true,
                                            QStringLiteral("ava"))
                 .isEmpty());
}

void TestReleaseRules::stateMachine()
{
    using S = ReleaseState;
    QVERIFY(ReleaseStates::canTransition(S::Received, S::Verified));
    QVERIFY(ReleaseStates::canTransition(S::Received, S::Refused));
    QVERIFY(ReleaseStates::canTransition(S::Verified, S::InTesting));
    QVERIFY(ReleaseStates::canTransition(S::InTesting, S::Approved));
    QVERIFY(ReleaseStates::canTransition(S::InTesting, S::Rejected));
    QVERIFY(ReleaseStates::canTransition(S::Approved, S::Withdrawn));
    QVERIFY(!ReleaseStates::canTransition(S::Refused, S::Approved));
    QVERIFY(!ReleaseStates::canTransition(S::Rejected, S::Approved));
    QVERIFY(!ReleaseStates::canTransition(S::Withdrawn, S::Approved));
    QVERIFY(!ReleaseStates::canTransition(S::Received, S::Approved));
    QVERIFY(!ReleaseStates::canTransition(S::Approved, S::Rejected));
    for (S s : {S::Received, S::Verified, S::Refused, S::InTesting, S::Approved, S::Rejected,
                S::Withdrawn})
        QCOMPARE(ReleaseStates::fromName(ReleaseStates::name(s)), std::optional<S>(s));
}

QTEST_GUILESS_MAIN(TestReleaseRules)
#include "tst_releaserules.moc"
