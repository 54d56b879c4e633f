// SPDX-License-Identifier: Apache-2.0
// The release models: each under QAbstractItemModelTester, with the texts an operator reads, the
// raw values views sort by, and marks that do not rely on colour alone.
#include "releasechangemodel.h"
#include "releasecheckmodel.h"
#include "releaseformat.h"
#include "releasehistorymodel.h"
#include "releaselistmodel.h"
#include "testplanmodel.h"
#include "trustedkeymodel.h"
#include "vulnerabilitymodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace Patchboard;

namespace {

const QDateTime received(QDate(2025, 11, 6), QTime(9, 0), Qt::UTC);

ReleaseSummary summary(qint64 id, ReleaseState state, int daysLeft, bool overdue = false)
{
    ReleaseSummary s;
    s.id = id;
    s.version = QStringLiteral("4.0.%1").arg(id);
    s.manufacturer = QStringLiteral("Aurora");
    s.models = {QStringLiteral("Aurora A7"), QStringLiteral("Aurora A8")};
    s.patchLevel = PatchLevel(QDate(2025, 11, 5));
    s.received = received;
    s.state = state;
    s.window.deadline = received.addDays(7);
    s.window.daysLeft = daysLeft;
    s.window.overdue = overdue;
    return s;
}

using Tester = QAbstractItemModelTester;
constexpr auto QtTestReporting = QAbstractItemModelTester::FailureReportingMode::QtTest;

TestCaseResult pendingCase(int modelId, const QString &model, TestCaseKind kind)
{
    TestCaseResult c;
    c.modelId = modelId;
    c.modelName = model;
    c.kind = kind;
    return c;
}

} // namespace

class tst_ReleaseModels : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }
    void listShowsTheTestWindow();
    void listRefreshKeepsRows();
    void windowTexts_data();
    void windowTexts();
    void checklistMarksEveryResult();
    void testPlanCountsDoneCases();
    void historyAndChanges();
    void vulnerabilitiesAndKeys();
};

void tst_ReleaseModels::listShowsTheTestWindow()
{
    ReleaseListModel model;
    Tester tester(&model, QtTestReporting);
    model.setReleases({summary(1, ReleaseState::Verified, 4),
                       summary(2, ReleaseState::InTesting, -3, true),
                       summary(3, ReleaseState::Refused, -3, true)});
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.index(0, ReleaseListModel::ModelsColumn).data().toString(),
             QStringLiteral("Aurora A7 and Aurora A8"));
    QCOMPARE(model.index(0, ReleaseListModel::PatchLevelColumn).data().toString(),
             QStringLiteral("2025-11-05"));
    QCOMPARE(model.index(0, ReleaseListModel::StateColumn).data().toString(),
             QStringLiteral("Verified"));
    QCOMPARE(model.index(0, 0).data(ReleaseListModel::StateRole).toString(),
             QStringLiteral("verified"));
    QCOMPARE(model.index(0, ReleaseListModel::WindowColumn).data().toString(),
             QStringLiteral("4 day(s) left"));
    // Overdue: the word, the marker and the colour.
    const QModelIndex late = model.index(1, ReleaseListModel::WindowColumn);
    QCOMPARE(late.data().toString(), QStringLiteral("\u26A0\u2009Overdue by 3 day(s)"));
    QVERIFY(late.data(Qt::ForegroundRole).isValid());
    QVERIFY(late.data(ReleaseListModel::OverdueRole).toBool());
    QVERIFY(late.data(Qt::ToolTipRole).toString().contains(QStringLiteral("SSU-TES-0010")));
    // Refused on import: nobody is late with a decision.
    const QModelIndex refused = model.index(2, ReleaseListModel::WindowColumn);
    QCOMPARE(refused.data().toString(), QStringLiteral("\u2014"));
    QVERIFY(!refused.data(ReleaseListModel::OverdueRole).toBool());
    // Sorting by urgency: open releases by days left, decided ones after them.
    QCOMPARE(
        model.index(1, ReleaseListModel::WindowColumn).data(ReleaseListModel::SortRole).toInt(),
        -3);
    QVERIFY(model.index(2, ReleaseListModel::WindowColumn).data(ReleaseListModel::SortRole).toInt()
            > 1000);
    QCOMPARE(model.rowOf(2), 1);
    QCOMPARE(model.rowOf(99), -1);
}

void tst_ReleaseModels::listRefreshKeepsRows()
{
    ReleaseListModel model;
    Tester tester(&model, QtTestReporting);
    model.setReleases(
        {summary(1, ReleaseState::Verified, 4), summary(2, ReleaseState::Verified, 4)});
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    // The same releases, one moved on: cells change, rows (and a selection) stay.
    model.setReleases(
        {summary(1, ReleaseState::InTesting, 3), summary(2, ReleaseState::Verified, 3)});
    QCOMPARE(reset.size(), 0);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(model.index(0, ReleaseListModel::StateColumn).data().toString(),
             QStringLiteral("In testing"));
    // Another release arrived: one reset.
    model.setReleases({summary(3, ReleaseState::Verified, 7),
                       summary(1, ReleaseState::InTesting, 3),
                       summary(2, ReleaseState::Verified, 3)});
    QCOMPARE(reset.size(), 1);
    QCOMPARE(model.rowCount(), 3);
}

void tst_ReleaseModels::windowTexts_data()
{
    QTest::addColumn<int>("state");
    QTest::addColumn<qint64>("decisionSeconds");
    QTest::addColumn<bool>("within");
    QTest::addColumn<QString>("expected");
    QTest::newRow("approved in time") << int(ReleaseState::Approved) << qint64(2 * 86400 + 3 * 3600)
                                      << true << "Decided in 2 day(s) 3 hour(s)";
    QTest::newRow("rejected late")
        << int(ReleaseState::Rejected) << qint64(9 * 86400) << false << "Decided in 9 day(s)";
    QTest::newRow("quick") << int(ReleaseState::Approved) << qint64(600) << true
                           << "Decided in 10 minute(s)";
}

void tst_ReleaseModels::windowTexts()
{
    QFETCH(int, state);
    QFETCH(qint64, decisionSeconds);
    QFETCH(bool, within);
    QFETCH(QString, expected);
    ReleaseSummary s = summary(1, ReleaseState(state), 0);
    s.window.decisionSeconds = decisionSeconds;
    s.window.decidedWithinWindow = within;
    QCOMPARE(ReleaseFormat::windowShort(s), expected);
    QCOMPARE(ReleaseFormat::windowSentence(s).contains(QStringLiteral("later than the 7-day")),
             !within);
}

void tst_ReleaseModels::checklistMarksEveryResult()
{
    ReleaseCheckModel model;
    Tester tester(&model, QtTestReporting);
    model.setChecks(
        {ReleaseCheck::pass(QStringLiteral("signature"), QStringLiteral("verifies")),
         ReleaseCheck::fail(QStringLiteral("image:modem.bin"), QStringLiteral("digest differs")),
         ReleaseCheck::warning(QStringLiteral("cve-cross-check"),
                               QStringLiteral("no bulletin data"))});
    QCOMPARE(model.failedBlocking(), 1);
    QCOMPARE(model.warnings(), 1);
    QCOMPARE(model.index(0, ReleaseCheckModel::ResultColumn).data().toString(),
             QStringLiteral("\u2713 Passed"));
    QCOMPARE(model.index(1, ReleaseCheckModel::ResultColumn).data().toString(),
             QStringLiteral("\u2717 Failed"));
    QCOMPARE(model.index(2, ReleaseCheckModel::ResultColumn).data().toString(),
             QStringLiteral("\u26A0\u2009Warning"));
    QCOMPARE(model.index(1, ReleaseCheckModel::CheckColumn).data().toString(),
             QStringLiteral("Image modem.bin"));
    QCOMPARE(model.index(1, 0).data(ReleaseCheckModel::CheckNameRole).toString(),
             QStringLiteral("image:modem.bin"));
    QCOMPARE(model.index(2, ReleaseCheckModel::EffectColumn).data().toString(),
             QStringLiteral("Warning only"));
    QCOMPARE(model.index(1, ReleaseCheckModel::ReasonColumn).data().toString(),
             QStringLiteral("digest differs"));
    QVERIFY(
        model.index(1, ReleaseCheckModel::ResultColumn).data(ReleaseCheckModel::SortRole).toInt()
        < model.index(0, ReleaseCheckModel::ResultColumn)
              .data(ReleaseCheckModel::SortRole)
              .toInt());
}

void tst_ReleaseModels::testPlanCountsDoneCases()
{
    TestPlanModel model;
    Tester tester(&model, QtTestReporting);
    TestPlan plan;
    for (TestCaseKind kind : TestPlan::allKinds())
        plan.cases.append(pendingCase(7, QStringLiteral("Aurora A7"), kind));
    model.setPlan(plan);
    QCOMPARE(model.rowCount(), 6);
    QCOMPARE(model.doneCount(), 0);
    QCOMPARE(model.index(0, TestPlanModel::ResultColumn).data().toString(),
             QStringLiteral("Not run"));
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    plan.cases[2].outcome = TestOutcome::Failed;
    plan.cases[2].note = QStringLiteral("no 112 call");
    plan.cases[2].recordedBy = QStringLiteral("tess");
    plan.cases[2].recordedAt = received;
    plan.cases[2].waived = true;
    plan.cases[2].waiverReason = QStringLiteral("network outage");
    plan.cases[2].waivedBy = QStringLiteral("tess");
    plan.cases[0].outcome = TestOutcome::Passed;
    model.setPlan(plan);
    QCOMPARE(reset.size(), 0); // same cases: cells only
    QCOMPARE(model.doneCount(), 2);
    QCOMPARE(model.index(2, TestPlanModel::ResultColumn).data().toString(),
             QStringLiteral("\u2717 Failed, waived"));
    QVERIFY(model.index(2, TestPlanModel::WaiverColumn)
                .data()
                .toString()
                .startsWith(QStringLiteral("network outage (tess")));
    QCOMPARE(
        model.index(2, TestPlanModel::RecordedAtColumn).data(TestPlanModel::SortRole).toDateTime(),
        received);
    QCOMPARE(model.caseAt(2)->kind, TestCaseKind::EmergencyCall);
    QCOMPARE(model.caseAt(6), nullptr);
}

void tst_ReleaseModels::historyAndChanges()
{
    ReleaseHistoryModel history;
    Tester historyTester(&history, QtTestReporting);
    history.setHistory({{ReleaseState::Verified, ReleaseState::Approved, QStringLiteral("tom"),
                         QStringLiteral("test-engineer"), received, QStringLiteral("all passed")}});
    QCOMPARE(history.index(0, ReleaseHistoryModel::ChangeColumn).data().toString(),
             QStringLiteral("Verified \u2192 Approved"));
    QCOMPARE(history.index(0, ReleaseHistoryModel::RoleColumn).data().toString(),
             QStringLiteral("Test engineer"));

    ReleaseChangeModel changes;
    Tester changeTester(&changes, QtTestReporting);
    const QList<ReleaseChange> list
        = {{QStringLiteral("Fix SMS parser"),
            ChangeKind::Security,
            {QStringLiteral("CVE-2099-1001")},
            VulnerabilitySeverity::Critical},
           {QStringLiteral("Better battery"), ChangeKind::Bugfix, {}, VulnerabilitySeverity::None}};
    changes.setChanges(list, {1}, ReleaseType::Security);
    QVERIFY(!changes.index(0, 0).data(ReleaseChangeModel::OffendingRole).toBool());
    QVERIFY(changes.index(1, 0).data(ReleaseChangeModel::OffendingRole).toBool());
    QCOMPARE(changes.index(1, ReleaseChangeModel::ProblemColumn).data().toString(),
             QStringLiteral("\u26A0\u2009Not a security fix"));
    QCOMPARE(changes.index(1, ReleaseChangeModel::CvesColumn).data().toString(),
             QStringLiteral("none"));
    QCOMPARE(changes.index(0, ReleaseChangeModel::SeverityColumn).data().toString(),
             QStringLiteral("Critical"));
    // A maintenance release makes no security-only claim to break.
    changes.setChanges(list, {1}, ReleaseType::Maintenance);
    QVERIFY(!changes.index(1, 0).data(ReleaseChangeModel::OffendingRole).toBool());
}

void tst_ReleaseModels::vulnerabilitiesAndKeys()
{
    VulnerabilityModel missing;
    Tester missingTester(&missing, QtTestReporting);
    missing.setVulnerabilities({{QStringLiteral("ASB-A-1"), QStringLiteral("CVE-2099-2001"),
                                 QStringLiteral(":linux_kernel:"), VulnerabilitySeverity::High,
                                 PatchLevel(QDate(2025, 10, 5)), QStringLiteral("EoP")}});
    QCOMPARE(missing.index(0, VulnerabilityModel::SeverityColumn).data().toString(),
             QStringLiteral("High"));
    QCOMPARE(missing.index(0, VulnerabilityModel::PatchLevelColumn).data().toString(),
             QStringLiteral("2025-10-05"));

    TrustedKeyModel keys;
    Tester keyTester(&keys, QtTestReporting);
    TrustedKey key;
    key.id = 4;
    key.manufacturer = QStringLiteral("Aurora");
    key.fingerprint = QStringLiteral("ab").repeated(32);
    key.addedBy = QStringLiteral("adam");
    key.added = received;
    keys.setKeys({key});
    QCOMPARE(keys.index(0, TrustedKeyModel::FingerprintColumn).data().toString(), key.fingerprint);
    QCOMPARE(keys.index(0, 0).data(TrustedKeyModel::KeyIdRole).toLongLong(), 4);
    QCOMPARE(keys.keyAt(0)->addedBy, QStringLiteral("adam"));
    keys.setKeys({});
    QCOMPARE(keys.rowCount(), 0);
}

QTEST_MAIN(tst_ReleaseModels)
#include "tst_releasemodels.moc"
