// SPDX-License-Identifier: Apache-2.0
// ReleasesPage on the demo releases: the checklist names the check that stops each tampered
// release, an imported bundle is verified and shown, a four-eyes approval by a second operator,
// a viewer who can neither use the buttons nor get past the service, and the 7-day window.
#include "operatorsession.h"
#include "releasebench.h"
#include "releasecheckmodel.h"
#include "releasedecisionbar.h"
#include "releasedetailpanel.h"
#include "releaseimportbar.h"
#include "releaselistmodel.h"
#include "releasespage.h"
#include "releaseverificationview.h"
#include "testplanmodel.h"
#include "testplanview.h"
#include "testresultdialog.h"
#include "tst_releasekit.h"

#include <QComboBox>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTabWidget>
#include <QTableView>
#include <QTest>

using namespace Patchboard;

namespace {

const Operator tess{QStringLiteral("tess"), OperatorRole::TestEngineer};
const Operator tom{QStringLiteral("tom"), OperatorRole::TestEngineer};
const Operator vic{QStringLiteral("vic"), OperatorRole::Viewer};

// The failed blocking checks the panel lists, by stable name.
QStringList failedChecks(const ReleaseCheckModel *model)
{
    QStringList names;
    for (int row = 0; row < model->rowCount(); ++row) {
        const QModelIndex index = model->index(row, 0);
        if (!index.data(ReleaseCheckModel::PassedRole).toBool()
            && index.data(ReleaseCheckModel::BlockingRole).toBool())
            names.append(index.data(ReleaseCheckModel::CheckNameRole).toString());
    }
    return names;
}

} // namespace

class tst_ReleasesPage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void cleanupTestCase();
    void listShowsEveryDemoRelease();
    void checklistNamesTheFailingCheck_data();
    void checklistNamesTheFailingCheck();
    void importedBundleIsVerifiedAndShown();
    void viewerCannotApprove();
    void fourEyesApprovalBySecondOperator();
    void overdueReleasesAreFlagged();

private:
    ReleaseDetailPanel *panel() const { return m_page->detailPanel(); }
    bool select(qint64 id);

    ReleaseBench m_bench;
    std::unique_ptr<OperatorSession> m_session;
    std::unique_ptr<ReleasesPage> m_page;
};

void tst_ReleasesPage::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    const QString error = m_bench.setUp();
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

void tst_ReleasesPage::init()
{
    m_session = std::make_unique<OperatorSession>(tess);
    m_page = std::make_unique<ReleasesPage>(m_bench.firmware.get(), m_bench.tracker.get(),
                                            m_session.get());
    m_page->resize(1400, 900);
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
    QTRY_VERIFY(m_page->isLoaded());
}

void tst_ReleasesPage::cleanup()
{
    m_page.reset();
    m_session.reset();
}

void tst_ReleasesPage::cleanupTestCase()
{
    m_bench.tearDown();
}

bool tst_ReleasesPage::select(qint64 id)
{
    m_page->showRelease(id);
    return QTest::qWaitFor([&] { return panel()->isLoaded() && panel()->releaseId() == id; });
}

void tst_ReleasesPage::listShowsEveryDemoRelease()
{
    QCOMPARE(m_page->model()->rowCount(), 6);
    // Two open (clean, non-CVE), three refused on import, one approved for the rollout demo.
    QCOMPARE(m_page->countLabel()->text(), QStringLiteral("6 release(s), 2 awaiting a decision"));
    const int row = m_page->model()->rowOf(m_bench.releaseId(0));
    const QModelIndex window = m_page->model()->index(row, ReleaseListModel::WindowColumn);
    // Received 2025-11-06 09:00, now 2025-11-08 12:00: 4 whole days to the deadline.
    QCOMPARE(window.data().toString(), QStringLiteral("4 day(s) left"));
    QCOMPARE(window.data(ReleaseListModel::SortRole).toInt(), 4);

    // The state filter keeps the open ones.
    m_page->stateFilter()->setCurrentIndex(ReleasesPage::AwaitingDecision);
    QCOMPARE(m_page->proxy()->rowCount(), 2);
    m_page->stateFilter()->setCurrentIndex(
        m_page->stateFilter()->findText(QStringLiteral("Refused")));
    QCOMPARE(m_page->proxy()->rowCount(), 3);
    // Selecting a release the filter hides shows it anyway.
    QVERIFY(select(m_bench.releaseId(1)));
    QCOMPARE(m_page->stateFilter()->currentIndex(), int(ReleasesPage::AllReleases));
    QCOMPARE(m_page->table()->currentIndex().data(ReleaseListModel::ReleaseIdRole).toLongLong(),
             m_bench.releaseId(1));
}

void tst_ReleasesPage::checklistNamesTheFailingCheck_data()
{
    QTest::addColumn<int>("release");
    QTest::addColumn<QString>("state");
    QTest::addColumn<QString>("failing"); // the blocking check that fails, or empty
    QTest::addColumn<QString>("summary"); // how the panel's checklist summary starts
    QTest::newRow("clean") << 0 << "Verified" << QString() << "\u26A0\u2009No check that blocks";
    QTest::newRow("non-CVE change") << 1 << "Verified"
                                    << "security-only"
                                    << "\u2717 1 blocking check(s) failed: Security-only";
    QTest::newRow("forged signature") << 2 << "Refused"
                                      << "signature"
                                      << "\u2717 1 blocking check(s) failed: Signature";
    QTest::newRow("rollback") << 3 << "Refused"
                              << "anti-rollback"
                              << "\u2717 1 blocking check(s) failed: Anti-rollback";
    QTest::newRow("unknown key") << 4 << "Refused"
                                 << "signature"
                                 << "\u2717 1 blocking check(s) failed: Signature";
}

void tst_ReleasesPage::checklistNamesTheFailingCheck()
{
    QFETCH(int, release);
    QFETCH(QString, state);
    QFETCH(QString, failing);
    QFETCH(QString, summary);
    QVERIFY(select(m_bench.releaseId(release)));
    const ReleaseVerificationView *verification = panel()->verificationView();
    const QStringList failed = failedChecks(verification->checkModel());
    QCOMPARE(failed, failing.isEmpty() ? QStringList() : QStringList{failing});
    QVERIFY2(verification->summaryText().startsWith(summary),
             qPrintable(verification->summaryText()));
    QCOMPARE(panel()->detail().summary.state, *ReleaseStates::fromName(state.toLower()));
    // The failure is in the tab title, so it is seen on every tab.
    QCOMPARE(panel()
                 ->tabs()
                 ->tabText(ReleaseDetailPanel::VerificationTab)
                 .contains(QStringLiteral("failed")),
             !failing.isEmpty());
    if (failing == QLatin1String("security-only")) {
        QVERIFY2(verification->securityOnlyText().contains(QStringLiteral("Improve battery life")),
                 qPrintable(verification->securityOnlyText()));
        QVERIFY(panel()->blockersText().contains(QStringLiteral("security-only")));
    }
    // Refused releases are final: nothing to decide.
    if (state == QLatin1String("Refused")) {
        QVERIFY(!panel()->decisionBar()->approveButton()->isEnabled());
        QVERIFY(!panel()->decisionBar()->rejectButton()->isEnabled());
        QVERIFY(panel()->blockersText().isEmpty());
    }
}

void tst_ReleasesPage::importedBundleIsVerifiedAndShown()
{
    QVERIFY(select(m_bench.releaseId(0)));
    const ReleaseSummary clean = panel()->detail().summary;
    QByteArray classId;
    const Result<FleetCatalog> catalog = waitFor(m_bench.tracker->catalog());
    QVERIFY(catalog.ok());
    for (const DeviceModel &model : catalog.value().models) {
        if (model.name == m_bench.demo.model)
            classId = QByteArray::fromHex(model.classId.toLatin1());
    }
    QCOMPARE(classId.size(), 16);
    const QByteArray notes = ReleaseKit::notes(
        QStringLiteral("9.9.1"), QStringLiteral("security"), clean.patchLevel.toString(),
        {m_bench.demo.model}, {ReleaseKit::securityFix(QStringLiteral("CVE-2099-20001"))});
    const QString bundle = ReleaseKit::makeBundle(
        m_bench.dir->path(), QStringLiteral("tampered"), DemoReleases::testAuthorKey(),
        QByteArray::fromHex(m_bench.demo.vendorId.toLatin1()), classId, clean.sequenceNumber + 10,
        notes);
    QVERIFY(!bundle.isEmpty());
    // One byte of the image changed after signing.
    QVERIFY(ReleaseKit::flipByte(bundle + QStringLiteral("/images/modem.bin"), 100));

    QSignalSpy finished(m_page->importBar(), &ReleaseImportBar::importFinished);
    m_page->importBar()->importBundleFrom(bundle);
    QTRY_COMPARE(finished.size(), 1);
    QCOMPARE(finished.at(0).at(0).toBool(), true); // stored, though refused
    QVERIFY2(finished.at(0).at(1).toString().contains(QStringLiteral("refused")),
             qPrintable(finished.at(0).at(1).toString()));
    QTRY_COMPARE(panel()->detail().summary.version, QStringLiteral("9.9.1"));
    QCOMPARE(panel()->detail().summary.state, ReleaseState::Refused);
    QCOMPARE(failedChecks(panel()->verificationView()->checkModel()),
             QStringList{QStringLiteral("image:modem.bin")});
    QTRY_COMPARE(m_page->model()->rowCount(), 7);
    QCOMPARE(m_page->table()->currentIndex().data().toString(), QStringLiteral("9.9.1"));

    // A folder that is no bundle is refused with the service's message, and nothing is stored.
    finished.clear();
    m_page->importBar()->importBundleFrom(m_bench.dir->filePath(QStringLiteral("nothing-here")));
    QTRY_COMPARE(finished.size(), 1);
    QCOMPARE(finished.at(0).at(0).toBool(), false);
    QVERIFY(!finished.at(0).at(1).toString().isEmpty());
    QTest::qWait(50);
    QCOMPARE(m_page->model()->rowCount(), 7);
}

void tst_ReleasesPage::viewerCannotApprove()
{
    m_session->setOperator(vic);
    QVERIFY(select(m_bench.releaseId(1)));
    QPushButton *approve = panel()->decisionBar()->approveButton();
    QVERIFY(!approve->isEnabled());
    QVERIFY2(approve->toolTip().contains(QStringLiteral("Test engineer")),
             qPrintable(approve->toolTip()));
    // Said in words too, not only by greyed-out buttons.
    QVERIFY2(panel()->decisionBar()->roleNoteText().contains(QStringLiteral("Switch Operator")),
             qPrintable(panel()->decisionBar()->roleNoteText()));
    QVERIFY(!panel()->testPlanView()->recordButton()->isEnabled());
    QVERIFY(!m_page->importBar()->importButton()->isEnabled());

    // Past the greyed-out button, the service refuses on its own.
    QSignalSpy finished(panel(), &ReleaseDetailPanel::actionFinished);
    panel()->approve(QStringLiteral("looks fine to me"));
    QTRY_COMPARE(finished.size(), 1);
    QCOMPARE(finished.at(0).at(0).toBool(), false);
    QVERIFY2(panel()->errorText().contains(QStringLiteral("vic")),
             qPrintable(panel()->errorText()));
    const Result<ReleaseDetail> direct
        = waitFor(m_bench.firmware->approve(vic, m_bench.releaseId(1), QStringLiteral("x")));
    QCOMPARE(direct.error().code, ServiceError::Code::PermissionDenied);
    QCOMPARE(
        waitFor(m_bench.firmware->releaseDetail(vic, m_bench.releaseId(1))).value().summary.state,
        ReleaseState::Verified);
}

void tst_ReleasesPage::fourEyesApprovalBySecondOperator()
{
    const qint64 id = m_bench.releaseId(0);
    QVERIFY(select(id));
    TestPlanView *tests = panel()->testPlanView();
    QCOMPARE(tests->model()->rowCount(), 6);

    // The first case through the dialog, as an engineer would.
    tests->table()->selectRow(0);
    QTRY_VERIFY(tests->recordButton()->isEnabled());
    QTest::mouseClick(tests->recordButton(), Qt::LeftButton);
    TestResultDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = tests->findChild<TestResultDialog *>()) != nullptr);
    QCOMPARE(dialog->outcome(), TestOutcome::Passed);
    QSignalSpy finished(panel(), &ReleaseDetailPanel::actionFinished);
    dialog->accept();
    QTRY_COMPARE(finished.size(), 1);
    QCOMPARE(finished.at(0).at(0).toBool(), true);
    QCOMPARE(panel()->detail().summary.state, ReleaseState::InTesting);
    QCOMPARE(tests->model()->index(0, TestPlanModel::RecordedByColumn).data().toString(),
             QStringLiteral("tess"));

    // A failure needs a note; the rest pass.
    const TestPlan plan = panel()->detail().testPlan;
    for (int row = 1; row < plan.cases.size(); ++row) {
        finished.clear();
        panel()->recordResult(plan.cases[row].modelId, plan.cases[row].kind, TestOutcome::Passed,
                              QStringLiteral("SIM 3, LTE band 20"));
        QTRY_COMPARE(finished.size(), 1);
        QVERIFY2(finished.at(0).at(0).toBool(), qPrintable(panel()->errorText()));
    }
    QCOMPARE(tests->model()->doneCount(), 6);
    QCOMPARE(panel()->tabs()->tabText(ReleaseDetailPanel::TestsTab), QStringLiteral("Tests (6/6)"));

    // tess recorded the results: the four-eyes rule keeps her from approving.
    QPushButton *approve = panel()->decisionBar()->approveButton();
    QVERIFY(!approve->isEnabled());
    QVERIFY2(panel()->blockersText().contains(QStringLiteral("Four-eyes")),
             qPrintable(panel()->blockersText()));

    // tom, a second test engineer, can.
    m_session->setOperator(tom);
    QTRY_VERIFY(approve->isEnabled());
    QVERIFY(panel()->blockersText().isEmpty());
    finished.clear();
    panel()->approve(QStringLiteral("All six cases passed on the D30."));
    QTRY_COMPARE(finished.size(), 1);
    QVERIFY2(finished.at(0).at(0).toBool(), qPrintable(panel()->errorText()));
    QCOMPARE(panel()->detail().summary.state, ReleaseState::Approved);
    QVERIFY(!approve->isEnabled());
    QVERIFY2(panel()->windowText().contains(QStringLiteral("within the 7-day test window")),
             qPrintable(panel()->windowText()));
    const QList<ReleaseTransition> history = panel()->detail().history;
    QCOMPARE(history.constLast().to, ReleaseState::Approved);
    QCOMPARE(history.constLast().actor, QStringLiteral("tom"));
    // The list follows.
    QTRY_COMPARE(m_page->model()
                     ->index(m_page->model()->rowOf(id), ReleaseListModel::StateColumn)
                     .data()
                     .toString(),
                 QStringLiteral("Approved"));
}

void tst_ReleasesPage::overdueReleasesAreFlagged()
{
    // Twelve days after receipt: the non-CVE release is still undecided.
    *m_bench.now = ReleaseBench::received().addDays(12);
    m_page->refresh();
    const qint64 id = m_bench.releaseId(1);
    QTRY_VERIFY(m_page->model()
                    ->index(m_page->model()->rowOf(id), 0)
                    .data(ReleaseListModel::OverdueRole)
                    .toBool());
    const QModelIndex window
        = m_page->model()->index(m_page->model()->rowOf(id), ReleaseListModel::WindowColumn);
    QCOMPARE(window.data().toString(), QStringLiteral("\u26A0\u2009Overdue by 5 day(s)"));
    QVERIFY(window.data(Qt::ForegroundRole).isValid());
    QVERIFY(m_page->countLabel()->text().contains(QStringLiteral("1 overdue")));
    m_page->stateFilter()->setCurrentIndex(ReleasesPage::Overdue);
    QCOMPARE(m_page->proxy()->rowCount(), 1);
    QVERIFY(select(id));
    QVERIFY(panel()->windowText().startsWith(QStringLiteral("\u26A0\u2009Overdue")));
    *m_bench.now = ReleaseBench::start();
}

QTEST_MAIN(tst_ReleasesPage)
#include "tst_releasespage.moc"
