// SPDX-License-Identifier: Apache-2.0
// RolloutsPage with a fake rollout service: the list with its waves and progress, the halt
// reason in plain sight, controls that follow the rollout's state and the operator's role,
// decisions that reach the service with their reasons, the simulator bar, errors on screen, and
// a list that follows rolloutsChanged without flooding the service.
#include "compliancepage.h"
#include "devicespage.h"
#include "fakerolloutbackend.h"
#include "faketrackerbackend.h"
#include "mainwindow.h"
#include "operatorsession.h"
#include "rolloutdetailpanel.h"
#include "rolloutformat.h"
#include "rolloutlistmodel.h"
#include "rolloutplanview.h"
#include "rolloutreasondialog.h"
#include "rolloutspage.h"
#include "simulatorbar.h"
#include "waveprogresstable.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QElapsedTimer>
#include <QFrame>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableWidget>
#include <QStatusBar>
#include <QTest>
#include <QTreeView>

using namespace Patchboard;

namespace {

const Operator rita{QStringLiteral("rita"), OperatorRole::RolloutManager};
const Operator ada{QStringLiteral("ada"), OperatorRole::Administrator};
const Operator tess{QStringLiteral("tess"), OperatorRole::TestEngineer};
const Operator vic{QStringLiteral("vic"), OperatorRole::Viewer};

constexpr qint64 RunningId = 3;
constexpr qint64 HaltedId = 2;
constexpr qint64 CompletedId = 1;

// The fake tracker with a catalog: the simulator offers its models for fault injection.
class CatalogTracker : public FakeTrackerBackend
{
public:
    CatalogTracker() : FakeTrackerBackend({}) { }
    QFuture<Result<FleetCatalog>> catalog() override
    {
        FleetCatalog catalog;
        catalog.models = {{11,
                           1,
                           QStringLiteral("Aurora Mobile"),
                           QStringLiteral("Aurora A5"),
                           QDate(2022, 1, 1),
                           48,
                           {}},
                          {12,
                           1,
                           QStringLiteral("Aurora Mobile"),
                           QStringLiteral("Aurora A3"),
                           QDate(2021, 1, 1),
                           36,
                           {}}};
        catalog.regions = {
            {1, QStringLiteral("DE"), QStringLiteral("Germany"), QStringLiteral("Europe/Berlin")}};
        return QtFuture::makeReadyFuture(Result<FleetCatalog>(catalog));
    }
};

// The reason dialog the panel opened last.
RolloutReasonDialog *openDialog(QWidget *parent)
{
    const auto dialogs = parent->findChildren<RolloutReasonDialog *>();
    return dialogs.isEmpty() ? nullptr : dialogs.constLast();
}

} // namespace

class tst_RolloutsPage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void listShowsRolloutsAndWaveProgress();
    void haltReasonIsShownProminently();
    void controlsFollowStateAndRole_data();
    void controlsFollowStateAndRole();
    void pauseResumeAndCancelSendTheReason();
    void resumeAfterHaltMayRaiseTheThreshold();
    void continueOnlyWhenAWaveWaitsForItsGate();
    void listErrorIsShownWithItsHint();
    void refusedActionIsShownAndChangesNothing();
    void refreshIsThrottledAndNeverOverlaps();
    void selectionSurvivesRefreshes();
    void simulatorBarOnlyWhenSimulating();
    void simulatorSpeedAndFaultInjection();
    void noRolloutsSaysHowToPlanOne();
    void viewerCannotUseTheSimulatorOrPlan();
    void mainWindowHasTheRolloutsPage();
    void screenshot();

private:
    void makePage(const Operator &who);
    bool select(qint64 id);
    RolloutDetailPanel *panel() const { return m_page->detailPanel(); }

    std::unique_ptr<FakeRolloutBackend> m_backend;
    std::unique_ptr<CatalogTracker> m_tracker;
    std::unique_ptr<OperatorSession> m_session;
    std::unique_ptr<RolloutsPage> m_page;
};

void tst_RolloutsPage::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void tst_RolloutsPage::init()
{
    m_backend = std::make_unique<FakeRolloutBackend>();
    m_tracker = std::make_unique<CatalogTracker>();
    m_backend->setRollouts(
        {FakeRolloutBackend::makeRollout(RunningId, QStringLiteral("November, Germany"),
                                         RolloutState::Running),
         FakeRolloutBackend::makeRollout(HaltedId, QStringLiteral("November, France"),
                                         RolloutState::Halted),
         FakeRolloutBackend::makeRollout(CompletedId, QStringLiteral("October"),
                                         RolloutState::Completed)});
    makePage(rita);
}

void tst_RolloutsPage::makePage(const Operator &who)
{
    m_page.reset();
    m_session = std::make_unique<OperatorSession>(who);
    m_page = std::make_unique<RolloutsPage>(m_backend.get(), nullptr, m_tracker.get(),
                                            m_session.get());
    m_page->resize(1200, 700);
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
    QTRY_VERIFY(m_page->isLoaded());
}

void tst_RolloutsPage::cleanup()
{
    m_page.reset();
    m_session.reset();
    m_tracker.reset();
    m_backend.reset();
}

bool tst_RolloutsPage::select(qint64 id)
{
    m_page->showRollout(id);
    return QTest::qWaitFor(
        [&] { return panel()->isLoaded() && panel()->rolloutId() == id && !panel()->isBusy(); });
}

void tst_RolloutsPage::listShowsRolloutsAndWaveProgress()
{
    RolloutListModel *model = m_page->model();
    QCOMPARE(model->rowCount(), 3);
    QCOMPARE(model->index(0, RolloutListModel::NameColumn).data().toString(),
             QStringLiteral("November, Germany"));
    QCOMPARE(m_page->countLabel()->text(),
             QStringLiteral("3 rollout(s), 1 running, \u26A0\u20091 halted"));
    QCOMPARE(m_page->emptyText(), QString());

    // Per wave: the second wave of the running rollout is underway.
    const QModelIndex running = model->indexOf(RunningId);
    QCOMPARE(model->rowCount(running), 4);
    const QModelIndex wave2 = model->index(1, RolloutListModel::ProgressColumn, running);
    const auto counts = wave2.data(RolloutListModel::ProgressRole).value<RolloutFormat::Counts>();
    QCOMPARE(counts.succeeded, 60);
    QCOMPARE(counts.failed, 2);
    QCOMPARE(counts.inProgress, 20);
    QCOMPARE(counts.pending, 18);
    QCOMPARE(wave2.data().toString(),
             QStringLiteral("\u2713 60 \u00b7 \u2717 2 \u00b7 \u25D0 20 \u00b7 \u25CB 18"));

    // The detail's progress table shows the same per wave, with a bar.
    QVERIFY(select(RunningId));
    QTableWidget *waves = panel()->waveTable();
    QCOMPARE(waves->rowCount(), 4);
    QCOMPARE(waves->item(1, 3)->text(), QStringLiteral("60")); // succeeded
    QCOMPARE(waves->item(1, 4)->text(), QStringLiteral("2")); // failed
    QVERIFY(waves->item(1, 2)->data(RolloutListModel::ProgressRole).isValid());
    QCOMPARE(panel()->stateText(), QStringLiteral("Running, wave 2 of 4"));
    QVERIFY2(panel()->planView()->targetsText().contains(QStringLiteral("left out")),
             qPrintable(panel()->planView()->targetsText()));
    QCOMPARE(panel()->historyTable()->rowCount(), 2);
}

void tst_RolloutsPage::haltReasonIsShownProminently()
{
    const QString reason = m_backend->detail(HaltedId)->summary.haltReason;
    QVERIFY(!reason.isEmpty());
    // In the list, on the rollout and on the wave that halted.
    const QModelIndex halted = m_page->model()->indexOf(HaltedId);
    QCOMPARE(m_page->model()->index(halted.row(), RolloutListModel::HaltReasonColumn).data(),
             QVariant(reason));
    QCOMPARE(
        m_page->model()->index(1, RolloutListModel::HaltReasonColumn, halted).data().toString(),
        reason);

    QVERIFY(select(HaltedId));
    QCOMPARE(panel()->haltText(), QStringLiteral("\u26A0\u2009Halted: %1").arg(reason));
    // Not for a running rollout.
    QVERIFY(select(RunningId));
    QCOMPARE(panel()->haltText(), QString());
}

void tst_RolloutsPage::controlsFollowStateAndRole_data()
{
    QTest::addColumn<int>("state");
    QTest::addColumn<int>("role");
    QTest::addColumn<bool>("waiting");
    QTest::addColumn<QString>("enabled"); // s(chedule) p(ause) r(esume) c(ancel) n(ext wave)

    const int manager = int(OperatorRole::RolloutManager);
    QTest::newRow("draft, manager") << int(RolloutState::Draft) << manager << false << "sc";
    QTest::newRow("scheduled, manager") << int(RolloutState::Scheduled) << manager << false << "pc";
    QTest::newRow("running, manager") << int(RolloutState::Running) << manager << false << "pc";
    QTest::newRow("waiting for gate, manager")
        << int(RolloutState::Running) << manager << true << "pcn";
    QTest::newRow("paused, manager") << int(RolloutState::Paused) << manager << false << "rc";
    QTest::newRow("halted, manager") << int(RolloutState::Halted) << manager << false << "rc";
    QTest::newRow("completed, manager") << int(RolloutState::Completed) << manager << false << "";
    QTest::newRow("cancelled, manager") << int(RolloutState::Cancelled) << manager << false << "";
    // Administrators stop rollouts in an emergency but do not plan them.
    QTest::newRow("draft, administrator")
        << int(RolloutState::Draft) << int(OperatorRole::Administrator) << false << "c";
    QTest::newRow("halted, administrator")
        << int(RolloutState::Halted) << int(OperatorRole::Administrator) << false << "rc";
    QTest::newRow("running, test engineer")
        << int(RolloutState::Running) << int(OperatorRole::TestEngineer) << true << "";
    QTest::newRow("halted, viewer")
        << int(RolloutState::Halted) << int(OperatorRole::Viewer) << false << "";
}

void tst_RolloutsPage::controlsFollowStateAndRole()
{
    QFETCH(int, state);
    QFETCH(int, role);
    QFETCH(bool, waiting);
    QFETCH(QString, enabled);

    RolloutDetail rollout
        = FakeRolloutBackend::makeRollout(9, QStringLiteral("Under test"), RolloutState(state));
    rollout.summary.waves[0].waitingForGate = waiting;
    m_backend->setRollouts({rollout});
    makePage({QStringLiteral("someone"), OperatorRole(role)});
    QVERIFY(select(9));

    const struct
    {
        QChar key;
        QPushButton *button;
    } controls[] = {{QLatin1Char('s'), panel()->scheduleButton()},
                    {QLatin1Char('p'), panel()->pauseButton()},
                    {QLatin1Char('r'), panel()->resumeButton()},
                    {QLatin1Char('c'), panel()->cancelButton()},
                    {QLatin1Char('n'), panel()->continueButton()}};
    for (const auto &control : controls) {
        const bool expected = enabled.contains(control.key);
        QVERIFY2(control.button->isEnabled() == expected,
                 qPrintable(QStringLiteral("%1: %2").arg(control.button->text(),
                                                         control.button->toolTip())));
        // A disabled control says why.
        QVERIFY2(!control.button->toolTip().isEmpty(), qPrintable(control.button->text()));
    }
    if (OperatorRole(role) == OperatorRole::Viewer
        || OperatorRole(role) == OperatorRole::TestEngineer) {
        QVERIFY2(panel()->pauseButton()->toolTip().contains(QStringLiteral("Rollout manager")),
                 qPrintable(panel()->pauseButton()->toolTip()));
        QVERIFY(!panel()->roleNoteText().isEmpty());
    }
    if (waiting)
        QVERIFY2(panel()->gateText().contains(QStringLiteral("Wave 1 has soaked")),
                 qPrintable(panel()->gateText()));
}

void tst_RolloutsPage::pauseResumeAndCancelSendTheReason()
{
    QVERIFY(select(RunningId));
    panel()->pauseButton()->click();
    RolloutReasonDialog *dialog = openDialog(panel());
    QVERIFY(dialog);
    QVERIFY(dialog->thresholdCheck()->isHidden()); // only after a halt
    dialog->reasonEdit()->setPlainText(QStringLiteral("Carrier maintenance tonight"));
    dialog->accept();
    QTRY_COMPARE(m_backend->calls(QStringLiteral("pause")).size(), 1);
    const FakeRolloutBackend::Call pause = m_backend->calls(QStringLiteral("pause")).constFirst();
    QCOMPARE(pause.id, RunningId);
    QCOMPARE(pause.reason, QStringLiteral("Carrier maintenance tonight"));
    QCOMPARE(pause.who.name, QStringLiteral("rita"));
    QTRY_COMPARE(panel()->detail().summary.state, RolloutState::Paused);
    QTRY_VERIFY(panel()->resumeButton()->isEnabled());
    QVERIFY(!panel()->pauseButton()->isEnabled());
    // The list follows.
    QTRY_COMPARE(m_page->model()->indexOf(RunningId).data(RolloutListModel::StateRole).toString(),
                 QStringLiteral("paused"));

    panel()->resumeButton()->click();
    dialog = openDialog(panel());
    QVERIFY(dialog);
    dialog->reasonEdit()->setPlainText(QStringLiteral("Maintenance done"));
    dialog->accept();
    QTRY_COMPARE(m_backend->calls(QStringLiteral("resume")).size(), 1);
    QCOMPARE(m_backend->calls(QStringLiteral("resume")).constFirst().reason,
             QStringLiteral("Maintenance done"));
    QCOMPARE(m_backend->calls(QStringLiteral("resume")).constFirst().errorThreshold, -1.0);
    QTRY_COMPARE(panel()->detail().summary.state, RolloutState::Running);

    QTRY_VERIFY(panel()->cancelButton()->isEnabled());
    panel()->cancelButton()->click();
    dialog = openDialog(panel());
    QVERIFY(dialog);
    // No reason, no cancel.
    QPushButton *confirm = dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    QCOMPARE(confirm->text(), QStringLiteral("Cancel Rollout"));
    QVERIFY(!confirm->isEnabled());
    dialog->reasonEdit()->setPlainText(QStringLiteral("Superseded by AUR-2025.12.1"));
    dialog->accept();
    QTRY_COMPARE(m_backend->calls(QStringLiteral("cancel")).size(), 1);
    QCOMPARE(m_backend->calls(QStringLiteral("cancel")).constFirst().reason,
             QStringLiteral("Superseded by AUR-2025.12.1"));
    QTRY_COMPARE(panel()->detail().summary.state, RolloutState::Cancelled);
    QVERIFY(!panel()->cancelButton()->isEnabled());
    // The decision is in the history, newest first.
    QCOMPARE(panel()->historyTable()->item(0, 3)->text(),
             QStringLiteral("Superseded by AUR-2025.12.1"));
}

void tst_RolloutsPage::resumeAfterHaltMayRaiseTheThreshold()
{
    QVERIFY(select(HaltedId));
    panel()->resumeButton()->click();
    RolloutReasonDialog *dialog = openDialog(panel());
    QVERIFY(dialog);
    QVERIFY(!dialog->thresholdCheck()->isHidden());
    QVERIFY(dialog->thresholdCheck()->text().contains(QStringLiteral("wave 2")));
    QCOMPARE(dialog->thresholdSpin()->value(), 5.0); // the wave's threshold now
    QVERIFY(!dialog->thresholdSpin()->isEnabled());
    QCOMPARE(dialog->newErrorThreshold(), -1.0);
    dialog->thresholdCheck()->setChecked(true);
    dialog->thresholdSpin()->setValue(12);
    dialog->reasonEdit()->setPlainText(QStringLiteral("Bad batch of SIM cards replaced"));
    dialog->accept();
    QTRY_COMPARE(m_backend->calls(QStringLiteral("resume")).size(), 1);
    const FakeRolloutBackend::Call resume = m_backend->calls(QStringLiteral("resume")).constFirst();
    QCOMPARE(resume.id, HaltedId);
    QCOMPARE(resume.errorThreshold, 12.0);
    QCOMPARE(resume.reason, QStringLiteral("Bad batch of SIM cards replaced"));
    QTRY_COMPARE(panel()->detail().summary.state, RolloutState::Running);
    QCOMPARE(panel()->haltText(), QString());
}

void tst_RolloutsPage::continueOnlyWhenAWaveWaitsForItsGate()
{
    QVERIFY(select(RunningId));
    QVERIFY(!panel()->continueButton()->isEnabled());
    QVERIFY(panel()->continueButton()->toolTip().contains(QStringLiteral("No wave waits")));

    m_backend->detail(RunningId)->summary.waves[0].waitingForGate = true;
    m_backend->changed();
    QTRY_VERIFY(panel()->continueButton()->isEnabled());
    QVERIFY(!panel()->gateText().isEmpty());
    // The list says so too.
    QTRY_VERIFY(
        m_page->model()->indexOf(RunningId).data(RolloutListModel::WaitingForGateRole).toBool());
    panel()->continueButton()->click();
    QTRY_COMPARE(m_backend->calls(QStringLiteral("continue")).size(), 1);
    QCOMPARE(m_backend->calls(QStringLiteral("continue")).constFirst().id, RunningId);
    QTRY_COMPARE(panel()->gateText(), QString());
    QVERIFY(!panel()->isBusy());
    QVERIFY(!panel()->continueButton()->isEnabled());
}

void tst_RolloutsPage::listErrorIsShownWithItsHint()
{
    m_backend->failNext(ServiceError::make(ServiceError::Code::StorageUnavailable,
                                           QStringLiteral("The rollout store is locked."),
                                           QStringLiteral("Close the other Patchboard.")));
    m_page->refresh();
    QTRY_VERIFY(!m_page->errorText().isEmpty());
    QVERIFY(m_page->errorText().contains(QStringLiteral("The rollout store is locked.")));
    QVERIFY(m_page->errorText().contains(QStringLiteral("Close the other Patchboard.")));
    // The list stays as it was, and the error goes once the service answers again.
    QCOMPARE(m_page->model()->rowCount(), 3);
    QTest::qWait(300);
    m_page->refresh();
    QTRY_COMPARE(m_page->errorText(), QString());
}

void tst_RolloutsPage::refusedActionIsShownAndChangesNothing()
{
    QVERIFY(select(RunningId));
    m_backend->failNext(
        ServiceError::make(ServiceError::Code::PermissionDenied,
                           QStringLiteral("rita (Rollout manager) may not pause rollout 3."),
                           QStringLiteral("Ask an administrator.")));
    panel()->pause(QStringLiteral("test"));
    QTRY_VERIFY(!panel()->errorText().isEmpty());
    QVERIFY(panel()->errorText().contains(QStringLiteral("may not pause")));
    QVERIFY(panel()->errorText().contains(QStringLiteral("Ask an administrator.")));
    QCOMPARE(panel()->detail().summary.state, RolloutState::Running);
    QVERIFY(panel()->pauseButton()->isEnabled());
}

void tst_RolloutsPage::refreshIsThrottledAndNeverOverlaps()
{
    QTest::qWait(400); // let the start settle
    m_backend->setHoldLists(true);
    const int before = m_backend->listRequests();
    // A burst of changes while an answer is held: one request on its way, never a second.
    m_backend->changed();
    QTRY_COMPARE(m_backend->heldLists(), 1);
    for (int i = 0; i < 20; ++i) {
        m_backend->changed();
        QTest::qWait(20);
    }
    QCOMPARE(m_backend->heldLists(), 1);
    QCOMPARE(m_backend->listRequests(), before + 1);
    // Once it is back, the changes meanwhile are fetched with one more request.
    m_backend->releaseLists();
    QTRY_COMPARE(m_backend->heldLists(), 1);
    QCOMPARE(m_backend->listRequests(), before + 2);
    m_backend->setHoldLists(false);
    m_backend->releaseLists();

    // Changes every 10 ms for a second: at most about four lists a second.
    QTest::qWait(400);
    const int start = m_backend->listRequests();
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < 1000) {
        m_backend->changed();
        QTest::qWait(10);
    }
    const int requests = m_backend->listRequests() - start;
    QVERIFY2(requests >= 2 && requests <= 5, qPrintable(QString::number(requests)));
}

void tst_RolloutsPage::selectionSurvivesRefreshes()
{
    QVERIFY(select(HaltedId));
    const QModelIndex before = m_page->tree()->currentIndex();
    QCOMPARE(before.data(RolloutListModel::RolloutIdRole).toLongLong(), HaltedId);
    // Counts change, a new rollout appears at the top.
    m_backend->detail(RunningId)->summary.waves[1].succeeded += 5;
    m_backend->detail(RunningId)->summary.waves[1].pending -= 5;
    QList<RolloutDetail> list = m_backend->details();
    list.prepend(
        FakeRolloutBackend::makeRollout(4, QStringLiteral("December"), RolloutState::Draft));
    m_backend->setRollouts(list);
    QTRY_COMPARE(m_page->model()->rowCount(), 4);
    QCOMPARE(m_page->tree()->currentIndex().data(RolloutListModel::RolloutIdRole).toLongLong(),
             HaltedId);
    QCOMPARE(panel()->rolloutId(), HaltedId);
}

void tst_RolloutsPage::simulatorBarOnlyWhenSimulating()
{
    QVERIFY(m_page->simulatorBar()->isHidden());
    SimulationSettings settings;
    settings.available = true;
    settings.speed = 3600;
    settings.clock = QDateTime(QDate(2025, 11, 12), QTime(3, 15), Qt::UTC);
    m_backend->setSimulationSettings(settings);
    makePage(rita);
    QTRY_VERIFY(!m_page->simulatorBar()->isHidden());
    QCOMPARE(m_page->simulatorBar()->speedCombo()->currentText(), QStringLiteral("3,600\u00d7"));
    QVERIFY(m_page->simulatorBar()->clockLabel()->text().startsWith(
        QStringLiteral("Simulated time: ")));
    const QDateTime later = settings.clock.addSecs(3600);
    Q_EMIT m_backend->clockChanged(later);
    QCOMPARE(m_page->simulatorBar()->clockLabel()->text(),
             QStringLiteral("Simulated time: %1")
                 .arg(QLocale().toString(later.toLocalTime(), QLocale::ShortFormat)));
}

void tst_RolloutsPage::simulatorSpeedAndFaultInjection()
{
    SimulationSettings settings;
    settings.available = true;
    settings.speed = 60;
    m_backend->setSimulationSettings(settings);
    makePage(tess); // test engineers use the simulator too
    QTRY_VERIFY(!m_page->simulatorBar()->isHidden());
    QCOMPARE(m_page->simulatorBar()->speedCombo()->count(), 7);
    QVERIFY(m_page->simulatorBar()->speedCombo()->isEnabled());

    // Maximum is speed 0.
    m_page->simulatorBar()->setSpeedIndex(
        m_page->simulatorBar()->speedCombo()->findText(QStringLiteral("Maximum")));
    QTRY_COMPARE(m_backend->calls(QStringLiteral("setSimulation")).size(), 1);
    SimulationSettings sent
        = m_backend->calls(QStringLiteral("setSimulation")).constLast().settings;
    QCOMPARE(sent.speed, 0.0);
    QVERIFY(sent.running);
    QTRY_COMPARE(m_page->simulatorBar()->speedCombo()->currentText(), QStringLiteral("Maximum"));
    // Paused stops the clock.
    m_page->simulatorBar()->setSpeedIndex(
        m_page->simulatorBar()->speedCombo()->findText(QStringLiteral("Paused")));
    QTRY_COMPARE(m_backend->calls(QStringLiteral("setSimulation")).size(), 2);
    QVERIFY(!m_backend->calls(QStringLiteral("setSimulation")).constLast().settings.running);

    // Fault injection: the chosen model fails at the chosen rate.
    QTRY_COMPARE(m_page->simulatorBar()->faultModelCombo()->count(), 2);
    QTRY_VERIFY(m_page->simulatorBar()->injectButton()->isEnabled());
    m_page->simulatorBar()->faultModelCombo()->setCurrentIndex(
        m_page->simulatorBar()->faultModelCombo()->findText(QStringLiteral("Aurora A3")));
    m_page->simulatorBar()->faultRateSpin()->setValue(40);
    m_page->simulatorBar()->injectButton()->click();
    QTRY_COMPARE(m_backend->calls(QStringLiteral("setSimulation")).size(), 3);
    sent = m_backend->calls(QStringLiteral("setSimulation")).constLast().settings;
    QCOMPARE(sent.failureRates.size(), 1);
    QCOMPARE(sent.failureRates.constFirst().first, 12);
    QCOMPARE(sent.failureRates.constFirst().second, 0.4);
    QTRY_VERIFY(
        m_page->simulatorBar()->faultsLabel()->text().contains(QStringLiteral("Aurora A3 40.0%")));
    QVERIFY(m_page->simulatorBar()->clearFaultsButton()->isEnabled());
    m_page->simulatorBar()->clearFaultsButton()->click();
    QTRY_COMPARE(m_backend->calls(QStringLiteral("setSimulation")).size(), 4);
    QVERIFY(m_backend->calls(QStringLiteral("setSimulation"))
                .constLast()
                .settings.failureRates.isEmpty());
    QTRY_COMPARE(m_page->simulatorBar()->faultsLabel()->text(),
                 QStringLiteral("No faults injected"));

    // A refused change is said, and the controls show what is in effect.
    m_backend->failNext(ServiceError::make(ServiceError::Code::PermissionDenied,
                                           QStringLiteral("Refused."),
                                           QStringLiteral("Switch operator.")));
    m_page->simulatorBar()->setSpeedIndex(
        m_page->simulatorBar()->speedCombo()->findText(QStringLiteral("1\u00d7")));
    QTRY_VERIFY(m_page->errorText().contains(QStringLiteral("Refused.")));
    QCOMPARE(m_page->simulatorBar()->speedCombo()->currentText(), QStringLiteral("Paused"));
}

void tst_RolloutsPage::noRolloutsSaysHowToPlanOne()
{
    m_backend->setRollouts({});
    QTRY_VERIFY(!m_page->emptyText().isEmpty());
    QVERIFY(m_page->emptyText().contains(QStringLiteral("New Rollout")));
    QCOMPARE(m_page->countLabel()->text(), QStringLiteral("0 rollout(s), 0 running"));
    m_backend->setRollouts(
        {FakeRolloutBackend::makeRollout(5, QStringLiteral("First"), RolloutState::Draft)});
    QTRY_COMPARE(m_page->emptyText(), QString());
}

void tst_RolloutsPage::viewerCannotUseTheSimulatorOrPlan()
{
    SimulationSettings settings;
    settings.available = true;
    m_backend->setSimulationSettings(settings);
    makePage(vic);
    QTRY_VERIFY(!m_page->simulatorBar()->isHidden());
    QVERIFY(!m_page->simulatorBar()->speedCombo()->isEnabled());
    QVERIFY(m_page->simulatorBar()->speedCombo()->toolTip().contains(QStringLiteral("Viewer")));
    QVERIFY(!m_page->simulatorBar()->injectButton()->isEnabled());
    QVERIFY(!m_page->newRolloutButton()->isEnabled());
    QVERIFY(m_page->newRolloutButton()->toolTip().contains(QStringLiteral("Rollout manager")));
    // Switching to a rollout manager enables planning (given a firmware server, which this page
    // lacks: it says so).
    m_session->setOperator(rita);
    QVERIFY(!m_page->newRolloutButton()->isEnabled());
    QVERIFY(m_page->newRolloutButton()->toolTip().contains(QStringLiteral("firmware server")));
    QVERIFY(m_page->simulatorBar()->speedCombo()->isEnabled());
}

void tst_RolloutsPage::mainWindowHasTheRolloutsPage()
{
    m_page.reset();
    FakeTrackerBackend tracker(FakeTrackerBackend::makeFleet(50, QDate(2025, 11, 12)));
    MainWindow window(&tracker, nullptr, nullptr, m_backend.get(), m_session.get());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    RolloutsPage *page = window.rolloutsPage();
    QVERIFY(page);
    // After Compliance (and Releases, when there is a firmware server).
    QCOMPARE(window.pageIndex(page), window.pageIndex(window.compliancePage()) + 1);
    QTRY_VERIFY(page->isLoaded());
    QCOMPARE(page->model()->rowCount(), 3);

    QAction *newRollout = window.newRolloutAction();
    QVERIFY(newRollout);
    QCOMPARE(newRollout->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N));
    // Planning needs the firmware server's releases: the action says so.
    QVERIFY(!newRollout->isEnabled());
    QVERIFY(newRollout->toolTip().contains(QStringLiteral("firmware server")));

    window.showRollout(HaltedId);
    QCOMPARE(window.currentPage(), window.pageIndex(page));
    QTRY_COMPARE(page->detailPanel()->rolloutId(), HaltedId);
    QTRY_VERIFY(page->detailPanel()->isLoaded());

    // "Show in Devices" from the dialog opens the Devices page with the filter.
    DeviceFilter filter;
    filter.supportStatuses = {SupportStatus::Ended};
    filter.modelId = 2;
    Q_EMIT page->showDevicesRequested(filter);
    QCOMPARE(window.currentPage(), window.pageIndex(window.devicesPage()));

    // A failing engine step (it retries by itself) is not silent.
    Q_EMIT m_backend->engineFailed(ServiceError::make(ServiceError::Code::StorageUnavailable,
                                                      QStringLiteral("The disk is full."),
                                                      QStringLiteral("Free some space.")));
    const QString shown = window.statusBar()->currentMessage();
    QVERIFY2(shown.contains(QStringLiteral("rollout engine")) && shown.contains(QStringLiteral("The disk is full."))
                 && shown.contains(QStringLiteral("Free some space.")),
             qPrintable(shown));
}

void tst_RolloutsPage::screenshot()
{
    SimulationSettings settings;
    settings.available = true;
    settings.speed = 3600;
    settings.clock = QDateTime(QDate(2025, 11, 12), QTime(3, 15), Qt::UTC);
    settings.failureRates = {{12, 0.4}};
    m_backend->setSimulationSettings(settings);
    makePage(rita);
    // What fits beside the navigation on a 1366 x 768 screen.
    m_page->resize(1180, 660);
    QVERIFY(select(HaltedId));
    m_page->tree()->expand(m_page->model()->indexOf(HaltedId));
    QTRY_VERIFY(!m_page->simulatorBar()->isHidden());
    QTest::qWait(100);
    QVERIFY(m_page->grab().save(QStringLiteral("/tmp/rollouts-page.png")));
    panel()->tabs()->setCurrentIndex(RolloutDetailPanel::PlanTab);
    QVERIFY(m_page->grab().save(QStringLiteral("/tmp/rollouts-page-plan.png")));
    panel()->tabs()->setCurrentIndex(RolloutDetailPanel::TargetsTab);
    QVERIFY(m_page->grab().save(QStringLiteral("/tmp/rollouts-page-targets.png")));
    panel()->tabs()->setCurrentIndex(RolloutDetailPanel::HistoryTab);
    QVERIFY(m_page->grab().save(QStringLiteral("/tmp/rollouts-page-history.png")));
}

QTEST_MAIN(tst_RolloutsPage)
#include "tst_rolloutspage.moc"
