// SPDX-License-Identifier: Apache-2.0
// The release policy on the Releases page: the configurable four-eyes rule ("the approver is not
// the one who recorded the tests") is shown to every role, an administrator switches it off in
// the Release Policy dialog (audited), after which the engineer who recorded every case can
// approve; a test engineer can neither use the control nor get past the service.
#include "audit/auditlog.h"
#include "operatorsession.h"
#include "releasebench.h"
#include "releasedecisionbar.h"
#include "releasedetailpanel.h"
#include "releasesettingsdialog.h"
#include "releasespage.h"

#include <QCheckBox>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

#include <algorithm>

using namespace Patchboard;

namespace {

const Operator adam{QStringLiteral("adam"), OperatorRole::Administrator};
const Operator tess{QStringLiteral("tess"), OperatorRole::TestEngineer};

// The workflow-settings entries of the audit log, oldest first.
QList<AuditEntry> settingsEntries(AuditBackend *audit)
{
    AuditQuery query;
    query.actionPrefix = QStringLiteral("firmware.settings");
    QList<AuditEntry> entries = waitFor(audit->entries(query, 0, 100)).value();
    std::sort(entries.begin(), entries.end(),
              [](const AuditEntry &a, const AuditEntry &b) { return a.sequence < b.sequence; });
    return entries;
}

} // namespace

class tst_ReleaseSettings : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void everyRoleSeesTheRule_data();
    void everyRoleSeesTheRule();
    void applyOnlyForAChange();
    void testEngineerCannotChangeTheRule();
    void administratorSwitchesOffAndTesterApproves();

private:
    ReleaseSettingsDialog *openDialog();
    ReleaseDetailPanel *panel() const { return m_page->detailPanel(); }

    // A fresh database per test: one test approves a release and changes the rule.
    ReleaseBench m_bench;
    std::unique_ptr<OperatorSession> m_session;
    std::unique_ptr<ReleasesPage> m_page;
};

void tst_ReleaseSettings::init()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    const QString error = m_bench.setUp(60);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    m_session = std::make_unique<OperatorSession>(tess);
    m_page = std::make_unique<ReleasesPage>(m_bench.firmware.get(), m_bench.tracker.get(),
                                            m_session.get());
    m_page->resize(1500, 900);
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
    QTRY_VERIFY(m_page->isLoaded());
}

void tst_ReleaseSettings::cleanup()
{
    m_page.reset();
    m_session.reset();
    m_bench.tearDown();
}

// Opens the dialog with the page's button, as the operator would, and waits for the setting.
ReleaseSettingsDialog *tst_ReleaseSettings::openDialog()
{
    QTest::mouseClick(m_page->releasePolicyButton(), Qt::LeftButton);
    ReleaseSettingsDialog *dialog = m_page->releaseSettingsDialog();
    if (!dialog || !QTest::qWaitFor([dialog] { return dialog->isLoaded(); }))
        return nullptr;
    return dialog;
}

void tst_ReleaseSettings::everyRoleSeesTheRule_data()
{
    QTest::addColumn<int>("role");
    QTest::addColumn<bool>("canChange");
    QTest::newRow("viewer") << int(OperatorRole::Viewer) << false;
    QTest::newRow("test engineer") << int(OperatorRole::TestEngineer) << false;
    QTest::newRow("rollout manager") << int(OperatorRole::RolloutManager) << false;
    QTest::newRow("administrator") << int(OperatorRole::Administrator) << true;
}

void tst_ReleaseSettings::everyRoleSeesTheRule()
{
    QFETCH(int, role);
    QFETCH(bool, canChange);
    m_session->setOperator({QStringLiteral("pat"), OperatorRole(role)});

    // On by default, and said on the page itself, not only in the dialog.
    QTRY_COMPARE(m_page->fourEyesLabel()->text(), QStringLiteral("Four-eyes rule: on"));
    QVERIFY2(m_page->fourEyesLabel()->toolTip().contains(QStringLiteral("approver must not")),
             qPrintable(m_page->fourEyesLabel()->toolTip()));
    QVERIFY(m_page->releasePolicyButton()->isEnabled()); // everyone may look

    ReleaseSettingsDialog *dialog = openDialog();
    QVERIFY(dialog);
    QVERIFY(dialog->isVisible());
    QCOMPARE(dialog->storedFourEyes(), std::optional<bool>(true));
    QVERIFY(dialog->fourEyesBox()->isChecked());
    QVERIFY2(dialog->stateText().startsWith(QStringLiteral("Currently on")),
             qPrintable(dialog->stateText()));
    QCOMPARE(dialog->fourEyesBox()->isEnabled(), canChange);
    QVERIFY(!dialog->applyButton()->isEnabled()); // nothing changed yet
    if (canChange) {
        QVERIFY(dialog->fourEyesBox()->toolTip().isEmpty());
        QVERIFY(dialog->roleNoteText().isEmpty());
    } else {
        // The disabled control names the role that may change it, in its tooltip and in words.
        QVERIFY2(dialog->fourEyesBox()->toolTip().contains(QStringLiteral("Administrator")),
                 qPrintable(dialog->fourEyesBox()->toolTip()));
        QVERIFY2(dialog->applyButton()->toolTip().contains(QStringLiteral("Administrator")),
                 qPrintable(dialog->applyButton()->toolTip()));
        QVERIFY2(dialog->roleNoteText().contains(QStringLiteral("Administrator")),
                 qPrintable(dialog->roleNoteText()));
    }
}

void tst_ReleaseSettings::applyOnlyForAChange()
{
    m_session->setOperator(adam);
    ReleaseSettingsDialog *dialog = openDialog();
    QVERIFY(dialog);
    QVERIFY(dialog->fourEyesBox()->isEnabled());
    QVERIFY(!dialog->applyButton()->isEnabled());

    // Unticking offers Apply and says what that means before anything is stored.
    QTest::mouseClick(dialog->fourEyesBox(), Qt::LeftButton);
    QVERIFY(!dialog->fourEyesBox()->isChecked());
    QVERIFY(dialog->applyButton()->isEnabled());
    // Ticking it again leaves nothing to apply, and nothing was stored or audited.
    QTest::mouseClick(dialog->fourEyesBox(), Qt::LeftButton);
    QVERIFY(!dialog->applyButton()->isEnabled());
    QCOMPARE(waitFor(m_bench.firmware->settings(adam)).value().fourEyes, true);
    QVERIFY(settingsEntries(m_bench.audit.get()).isEmpty());
}

void tst_ReleaseSettings::testEngineerCannotChangeTheRule()
{
    ReleaseSettingsDialog *dialog = openDialog();
    QVERIFY(dialog);
    QVERIFY(!dialog->fourEyesBox()->isEnabled());
    QVERIFY(!dialog->applyButton()->isEnabled());

    // Past the greyed-out control, the service refuses on its own and the dialog says why.
    QSignalSpy finished(dialog, &ReleaseSettingsDialog::actionFinished);
    dialog->setFourEyes(false);
    QTRY_COMPARE(finished.size(), 1);
    QCOMPARE(finished.at(0).at(0).toBool(), false);
    QVERIFY2(dialog->errorText().contains(QStringLiteral("tess")), qPrintable(dialog->errorText()));
    QTRY_VERIFY(dialog->fourEyesBox()->isChecked());
    QCOMPARE(dialog->storedFourEyes(), std::optional<bool>(true));

    const Result<FirmwareSettings> direct
        = waitFor(m_bench.firmware->setSettings(tess, FirmwareSettings{false}));
    QCOMPARE(direct.error().code, ServiceError::Code::PermissionDenied);
    QCOMPARE(waitFor(m_bench.firmware->settings(tess)).value().fourEyes, true);
    QVERIFY(settingsEntries(m_bench.audit.get()).isEmpty());
    QCOMPARE(m_page->fourEyesLabel()->text(), QStringLiteral("Four-eyes rule: on"));
}

void tst_ReleaseSettings::administratorSwitchesOffAndTesterApproves()
{
    // tess records every case of the clean demo release.
    const qint64 id = m_bench.releaseId(0);
    const TestPlan plan = waitFor(m_bench.firmware->releaseDetail(tess, id)).value().testPlan;
    QVERIFY(!plan.cases.isEmpty());
    for (const TestCaseResult &c : plan.cases) {
        QVERIFY(waitFor(m_bench.firmware->recordTestResult(tess, id, c.modelId, c.kind,
                                                           TestOutcome::Passed, {}))
                    .ok());
    }
    m_page->showRelease(id);
    QTRY_VERIFY(panel()->isLoaded() && panel()->releaseId() == id);
    QPushButton *approve = panel()->decisionBar()->approveButton();
    // With the rule on, she may not approve what she tested.
    QTRY_VERIFY2(panel()->blockersText().contains(QStringLiteral("Four-eyes")),
                 qPrintable(panel()->blockersText()));
    QVERIFY(!approve->isEnabled());

    // The administrator switches the rule off in the dialog.
    m_session->setOperator(adam);
    ReleaseSettingsDialog *dialog = openDialog();
    QVERIFY(dialog);
    QSignalSpy status(m_page.get(), &ReleasesPage::statusMessage);
    QSignalSpy finished(dialog, &ReleaseSettingsDialog::actionFinished);
    QTest::mouseClick(dialog->fourEyesBox(), Qt::LeftButton);
    QVERIFY(dialog->applyButton()->isEnabled());
    QTest::mouseClick(dialog->applyButton(), Qt::LeftButton);
    QTRY_COMPARE(finished.size(), 1);
    QVERIFY2(finished.at(0).at(0).toBool(), qPrintable(dialog->errorText()));
    QCOMPARE(dialog->storedFourEyes(), std::optional<bool>(false));
    QVERIFY2(dialog->stateText().contains(QStringLiteral("Currently off")),
             qPrintable(dialog->stateText()));
    QVERIFY(!dialog->applyButton()->isEnabled());
    QVERIFY(!status.isEmpty());
    QVERIFY2(status.constLast().at(0).toString().contains(QStringLiteral("switched off")),
             qPrintable(status.constLast().at(0).toString()));
    // The page says so, in the warning form.
    QTRY_COMPARE(m_page->fourEyesLabel()->text(),
                 QStringLiteral("\u26A0\u2009Four-eyes rule: off"));
    QVERIFY2(m_page->fourEyesLabel()->toolTip().contains(QStringLiteral("may also approve")),
             qPrintable(m_page->fourEyesLabel()->toolTip()));
    QCOMPARE(waitFor(m_bench.firmware->settings(tess)).value().fourEyes, false);

    // Who changed it, as what, and to which value, is in the audit log.
    const QList<AuditEntry> entries = settingsEntries(m_bench.audit.get());
    QCOMPARE(entries.size(), 1);
    QCOMPARE(entries[0].actor, QStringLiteral("adam"));
    QCOMPARE(entries[0].action, QStringLiteral("firmware.settings"));
    QCOMPARE(entries[0].details.value(QStringLiteral("four_eyes")).toBool(true), false);

    // Back as tess: the four-eyes blocker is gone and she approves the release she tested.
    m_session->setOperator(tess);
    QTRY_VERIFY(approve->isEnabled());
    QVERIFY2(panel()->blockersText().isEmpty(), qPrintable(panel()->blockersText()));
    QSignalSpy decided(panel(), &ReleaseDetailPanel::actionFinished);
    panel()->approve(QStringLiteral("All cases passed; four-eyes rule off for this team."));
    QTRY_COMPARE(decided.size(), 1);
    QVERIFY2(decided.at(0).at(0).toBool(), qPrintable(panel()->errorText()));
    QCOMPARE(panel()->detail().summary.state, ReleaseState::Approved);
    QCOMPARE(panel()->detail().history.constLast().actor, QStringLiteral("tess"));
}

QTEST_MAIN(tst_ReleaseSettings)
#include "tst_releasesettings.moc"
