// SPDX-License-Identifier: Apache-2.0
// NewRolloutDialog with fake services: only approved releases are offered, filling the steps
// builds the plan the operator chose, the preview follows the plan after a pause in typing, its
// problems keep the rollout from being created, and creating (as a draft or scheduled) reaches
// the service, with its errors shown in the dialog.
#include "domain/rolloutrules.h"
#include "fakerolloutbackend.h"
#include "faketrackerbackend.h"
#include "firmware/firmwarebackend.h"
#include "newrolloutdialog.h"
#include "operatorsession.h"
#include "rolloutpreviewmodel.h"
#include "rolloutpreviewview.h"
#include "rolloutscheduleeditor.h"
#include "rollouttargetseditor.h"
#include "waveplaneditor.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDateTimeEdit>
#include <QDoubleSpinBox>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableWidget>
#include <QTest>
#include <QTimeEdit>

using namespace Patchboard;

namespace {

const Operator rita{QStringLiteral("rita"), OperatorRole::RolloutManager};
const Operator vic{QStringLiteral("vic"), OperatorRole::Viewer};

constexpr qint64 ApprovedId = 7;

template<typename T> QFuture<Result<T>> ready(Result<T> result)
{
    return QtFuture::makeReadyFuture(std::move(result));
}

template<typename T> QFuture<Result<T>> refused()
{
    return ready(Result<T>(
        ServiceError::make(ServiceError::Code::NotFound, QStringLiteral("Not in this test."))));
}

ReleaseSummary release(qint64 id, const QString &version, ReleaseState state)
{
    ReleaseSummary s;
    s.id = id;
    s.version = version;
    s.manufacturer = QStringLiteral("Aurora Mobile");
    s.models = {QStringLiteral("Aurora A5"), QStringLiteral("Aurora A3")};
    s.patchLevel = PatchLevel(QDate(2025, 11, 5));
    s.sequenceNumber = 42;
    s.state = state;
    s.decided = QDateTime(QDate(2025, 11, 8), QTime(12, 0), Qt::UTC);
    return s;
}

// The Firmware Server as far as the dialog asks it: the release list and one release's notes.
class FakeFirmware : public FirmwareBackend
{
public:
    QFuture<Result<QList<ReleaseSummary>>> releases(const Operator &) override
    {
        return ready(Result<QList<ReleaseSummary>>(
            {release(9, QStringLiteral("AUR-2025.12.1"), ReleaseState::InTesting),
             release(8, QStringLiteral("AUR-2025.11.1"), ReleaseState::Withdrawn),
             release(ApprovedId, QStringLiteral("AUR-2025.11.2"), ReleaseState::Approved)}));
    }
    QFuture<Result<ReleaseDetail>> releaseDetail(const Operator &, qint64 id) override
    {
        if (id != ApprovedId)
            return refused<ReleaseDetail>();
        ReleaseDetail d;
        d.summary = release(ApprovedId, QStringLiteral("AUR-2025.11.2"), ReleaseState::Approved);
        ReleaseChange moderate;
        moderate.cves = {QStringLiteral("CVE-2025-0003")};
        moderate.severity = VulnerabilitySeverity::Moderate;
        ReleaseChange critical;
        critical.cves = {QStringLiteral("CVE-2025-0001"), QStringLiteral("CVE-2025-0002")};
        critical.severity = VulnerabilitySeverity::Critical;
        d.notes.changes = {moderate, critical};
        return ready(Result<ReleaseDetail>(d));
    }
    QFuture<Result<ReleaseDetail>> importBundle(const Operator &, const QString &) override
    {
        return refused<ReleaseDetail>();
    }
    QFuture<Result<ReleaseDetail>> recordTestResult(const Operator &, qint64, int, TestCaseKind,
                                                    TestOutcome, const QString &) override
    {
        return refused<ReleaseDetail>();
    }
    QFuture<Result<ReleaseDetail>> waiveTestCase(const Operator &, qint64, int, TestCaseKind,
                                                 const QString &) override
    {
        return refused<ReleaseDetail>();
    }
    QFuture<Result<ReleaseDetail>> approve(const Operator &, qint64, const QString &) override
    {
        return refused<ReleaseDetail>();
    }
    QFuture<Result<ReleaseDetail>> reject(const Operator &, qint64, const QString &) override
    {
        return refused<ReleaseDetail>();
    }
    QFuture<Result<ReleaseDetail>> withdraw(const Operator &, qint64, const QString &) override
    {
        return refused<ReleaseDetail>();
    }
    QFuture<Result<QList<TrustedKey>>> trustedKeys(const Operator &) override
    {
        return refused<QList<TrustedKey>>();
    }
    QFuture<Result<TrustedKey>> addTrustedKey(const Operator &, const QString &, int,
                                              const QByteArray &, const QString &) override
    {
        return refused<TrustedKey>();
    }
    QFuture<Result<TrustedKey>> removeTrustedKey(const Operator &, qint64, const QString &) override
    {
        return refused<TrustedKey>();
    }
    QFuture<Result<BulletinImportReport>> importBulletins(const Operator &,
                                                          const QString &) override
    {
        return refused<BulletinImportReport>();
    }
    QFuture<Result<FirmwareSettings>> settings(const Operator &) override
    {
        return ready(Result<FirmwareSettings>(FirmwareSettings()));
    }
    QFuture<Result<FirmwareSettings>> setSettings(const Operator &,
                                                  const FirmwareSettings &) override
    {
        return refused<FirmwareSettings>();
    }
};

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
                           {}},
                          {21,
                           2,
                           QStringLiteral("Borealis"),
                           QStringLiteral("Borealis One"),
                           QDate(2022, 1, 1),
                           36,
                           {}}};
        catalog.regions = {
            {1, QStringLiteral("DE"), QStringLiteral("Germany"), QStringLiteral("Europe/Berlin")},
            {2, QStringLiteral("FR"), QStringLiteral("France"), QStringLiteral("Europe/Paris")},
            {3, QStringLiteral("JP"), QStringLiteral("Japan"), QStringLiteral("Asia/Tokyo")}};
        return ready(Result<FleetCatalog>(catalog));
    }
};

RolloutPreview goodPreview()
{
    RolloutPreview p;
    p.targeted = 1500;
    p.alreadyCurrent = 210;
    p.rooted = 14;
    p.ported = 6;
    p.unsupported = 48;
    p.filteredOut = 100;
    p.waveSizes = {15, 150, 750, 585};
    p.models = {
        {11,
         QStringLiteral("Aurora Mobile"),
         QStringLiteral("Aurora A5"),
         1000,
         {10, 100, 500, 390}},
        {12, QStringLiteral("Aurora Mobile"), QStringLiteral("Aurora A3"), 500, {5, 50, 250, 195}}};
    p.warnings = {QStringLiteral("48 devices are past their support end and stay as they are.")};
    p.noticeTitle = QStringLiteral("Security update (patch level 2025-11-05)");
    p.noticeSummary = QStringLiteral("This security update fixes CVE-2025-0001.");
    return p;
}

} // namespace

class tst_NewRolloutDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void offersApprovedReleasesOnly();
    void noticeIsPrefilledFromTheReleaseNotes();
    void fillingTheStepsBuildsThePlan();
    void previewWaitsForAPauseInTyping();
    void previewProblemsDisableCreating();
    void localProblemsDisableCreating();
    void createSchedulesOrNot_data();
    void createSchedulesOrNot();
    void createErrorIsShownInTheDialog();
    void showInDevicesAsksForTheUnsupportedDevices();
    void viewerCannotCreate();
    void screenshots();

private:
    void makeDialog(const Operator &who);
    bool waitForPreview();

    std::unique_ptr<FakeRolloutBackend> m_rollouts;
    std::unique_ptr<FakeFirmware> m_firmware;
    std::unique_ptr<CatalogTracker> m_tracker;
    std::unique_ptr<OperatorSession> m_session;
    QPointer<NewRolloutDialog> m_dialog;
};

void tst_NewRolloutDialog::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void tst_NewRolloutDialog::init()
{
    m_rollouts = std::make_unique<FakeRolloutBackend>();
    m_rollouts->setPreview(goodPreview());
    m_firmware = std::make_unique<FakeFirmware>();
    m_tracker = std::make_unique<CatalogTracker>();
    makeDialog(rita);
}

void tst_NewRolloutDialog::makeDialog(const Operator &who)
{
    delete m_dialog;
    m_session = std::make_unique<OperatorSession>(who);
    m_dialog = new NewRolloutDialog(m_rollouts.get(), m_firmware.get(), m_tracker.get(),
                                    m_session.get());
    m_dialog->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_dialog));
    QTRY_VERIFY(m_dialog->isLoaded());
}

void tst_NewRolloutDialog::cleanup()
{
    delete m_dialog;
    m_session.reset();
    m_tracker.reset();
    m_firmware.reset();
    m_rollouts.reset();
}

bool tst_NewRolloutDialog::waitForPreview()
{
    return QTest::qWaitFor([&] { return m_dialog->isPreviewCurrent(); });
}

void tst_NewRolloutDialog::offersApprovedReleasesOnly()
{
    QCOMPARE(m_dialog->releaseCombo()->count(), 1);
    QVERIFY(m_dialog->releaseCombo()->currentText().startsWith(QStringLiteral("AUR-2025.11.2")));
    QCOMPARE(m_dialog->nameEdit()->text(),
             QStringLiteral("AUR-2025.11.2 (patch level 2025-11-05)"));
    // The release's models, all checked: the plan says "all of them".
    QCOMPARE(m_dialog->targetsEditor()->modelList()->count(), 2);
    QCOMPARE(m_dialog->targetsEditor()->regionList()->count(), 3);
    QVERIFY(m_dialog->plan().targets.modelIds.isEmpty());
    QVERIFY(m_dialog->plan().targets.regionIds.isEmpty());
    QCOMPARE(m_dialog->plan().releaseId, ApprovedId);
    // Exceptions are left out unless included.
    QVERIFY(!m_dialog->targetsEditor()->includeRootedCheck()->isChecked());
    QVERIFY(!m_dialog->targetsEditor()->includePortedCheck()->isChecked());
    QVERIFY(!m_dialog->targetsEditor()->includeUnsupportedCheck()->isChecked());
    QCOMPARE(m_dialog->plan().waves, RolloutPlan::defaultWaves());
}

void tst_NewRolloutDialog::noticeIsPrefilledFromTheReleaseNotes()
{
    QTRY_VERIFY(!m_dialog->noticeTitleEdit()->text().isEmpty());
    QCOMPARE(m_dialog->noticeTitleEdit()->text(),
             RolloutRules::defaultNoticeTitle(QDate(2025, 11, 5)));
    // Most severe first.
    QCOMPARE(m_dialog->noticeSummaryEdit()->toPlainText(),
             RolloutRules::defaultNoticeSummary({QStringLiteral("CVE-2025-0001"),
                                                 QStringLiteral("CVE-2025-0002"),
                                                 QStringLiteral("CVE-2025-0003")}));
}

void tst_NewRolloutDialog::fillingTheStepsBuildsThePlan()
{
    QTRY_VERIFY(!m_dialog->noticeTitleEdit()->text().isEmpty());
    // Release and name.
    m_dialog->nameEdit()->setText(QStringLiteral("November, Germany and France"));
    // Targets: one model, two regions, older patch levels, a sequence, rooted devices too.
    m_dialog->setCurrentStep(NewRolloutDialog::TargetsStep);
    m_dialog->targetsEditor()->modelList()->item(1)->setCheckState(Qt::Unchecked); // Aurora A3
    m_dialog->targetsEditor()->regionList()->item(2)->setCheckState(Qt::Unchecked); // Japan
    m_dialog->targetsEditor()->patchLevelCheck()->setChecked(true);
    m_dialog->targetsEditor()->patchLevelEdit()->setDate(QDate(2025, 9, 1));
    m_dialog->targetsEditor()->sequenceCheck()->setChecked(true);
    m_dialog->targetsEditor()->sequenceSpin()->setValue(40);
    m_dialog->targetsEditor()->includeRootedCheck()->setChecked(true);
    // Waves: the defaults, a stricter canary, a gate after the second wave, one wave fewer.
    m_dialog->setCurrentStep(NewRolloutDialog::WavesStep);
    WavePlanEditor *waves = m_dialog->waveEditor();
    waves->resetToDefault();
    qobject_cast<QDoubleSpinBox *>(waves->cellEditor(0, WavePlanEditor::ErrorColumn))->setValue(2);
    qobject_cast<QCheckBox *>(waves->cellEditor(1, WavePlanEditor::GateColumn))->setChecked(true);
    waves->table()->setCurrentCell(2, 0);
    waves->removeWave();
    // Schedule: a start time, a window across midnight, a deadline.
    m_dialog->setCurrentStep(NewRolloutDialog::ScheduleStep);
    const QDateTime start(QDate(2025, 11, 20), QTime(22, 0), Qt::UTC);
    const QDateTime deadline(QDate(2025, 12, 5), QTime(0, 0), Qt::UTC);
    m_dialog->scheduleEditor()->startAtRadio()->setChecked(true);
    m_dialog->scheduleEditor()->startEdit()->setDateTime(start);
    m_dialog->scheduleEditor()->windowStartEdit()->setTime(QTime(22, 0));
    m_dialog->scheduleEditor()->windowEndEdit()->setTime(QTime(4, 0));
    m_dialog->scheduleEditor()->deadlineCheck()->setChecked(true);
    m_dialog->scheduleEditor()->deadlineEdit()->setDateTime(deadline);
    // Notice with the manufacturer fallback.
    m_dialog->setCurrentStep(NewRolloutDialog::NoticeStep);
    m_dialog->noticeTitleEdit()->setText(QStringLiteral("Security update for your phone"));
    m_dialog->noticeSummaryEdit()->setPlainText(QStringLiteral("Fixes 3 vulnerabilities."));
    m_dialog->fallbackCheck()->setChecked(true);
    m_dialog->fallbackUrlEdit()->setText(QStringLiteral("https://aurora.example/updates"));

    RolloutPlan expected;
    expected.releaseId = ApprovedId;
    expected.name = QStringLiteral("November, Germany and France");
    expected.targets.modelIds = {11};
    expected.targets.regionIds = {1, 2};
    expected.targets.patchLevelBefore = QDate(2025, 9, 1);
    expected.targets.sequenceBelow = 40;
    expected.targets.includeRooted = true;
    expected.waves = RolloutPlan::defaultWaves();
    expected.waves[0].errorThreshold = 2;
    expected.waves[1].manualGate = true;
    expected.waves.removeAt(2);
    expected.start = start;
    expected.deadline = deadline;
    expected.window = {true, QTime(22, 0), QTime(4, 0)};
    expected.notice = {QStringLiteral("Security update for your phone"),
                       QStringLiteral("Fixes 3 vulnerabilities."), true,
                       QStringLiteral("https://aurora.example/updates")};

    const RolloutPlan plan = m_dialog->plan();
    QCOMPARE(plan.name, expected.name);
    QCOMPARE(plan.targets, expected.targets);
    QCOMPARE(plan.waves.size(), expected.waves.size());
    for (int i = 0; i < plan.waves.size(); ++i)
        QVERIFY2(plan.waves[i] == expected.waves[i], qPrintable(QString::number(i)));
    QCOMPARE(plan.start, expected.start);
    QCOMPARE(plan.deadline, expected.deadline);
    QVERIFY(plan.window == expected.window);
    QVERIFY(plan.notice == expected.notice);
    QVERIFY(plan == expected);

    // The service previewed exactly this plan (after the last change).
    QVERIFY(waitForPreview());
    QVERIFY(m_rollouts->calls(QStringLiteral("preview")).constLast().plan == expected);
    QCOMPARE(m_rollouts->calls(QStringLiteral("preview")).constLast().who.name,
             QStringLiteral("rita"));
}

void tst_NewRolloutDialog::previewWaitsForAPauseInTyping()
{
    QVERIFY(waitForPreview());
    QTest::qWait(400);
    const int before = int(m_rollouts->calls(QStringLiteral("preview")).size());
    // Typing a name, a key every 50 ms: one preview after the last key, not one per key.
    m_dialog->nameEdit()->clear();
    for (const QChar c : QStringLiteral("Canary DE")) {
        QTest::keyClick(m_dialog->nameEdit(), c.toLatin1());
        QTest::qWait(50);
        QCOMPARE(int(m_rollouts->calls(QStringLiteral("preview")).size()), before);
    }
    QVERIFY(!m_dialog->draftButton()->isEnabled()); // the preview is of an older plan
    QVERIFY(waitForPreview());
    QCOMPARE(int(m_rollouts->calls(QStringLiteral("preview")).size()), before + 1);
    QCOMPARE(m_rollouts->calls(QStringLiteral("preview")).constLast().plan.name,
             QStringLiteral("Canary DE"));
    QVERIFY(m_dialog->draftButton()->isEnabled());
    QVERIFY(m_dialog->previewLineText().startsWith(
        QStringLiteral("Preview: 1,500 device(s) targeted in 4 wave(s)")));
}

void tst_NewRolloutDialog::previewProblemsDisableCreating()
{
    QVERIFY(waitForPreview());
    QVERIFY(m_dialog->scheduleButton()->isEnabled());
    // The service finds the waves cover more than everyone.
    m_rollouts->setPreviewFunction([](const RolloutPlan &plan) {
        RolloutPreview p = goodPreview();
        double percent = 0;
        for (const WavePlan &w : plan.waves)
            percent += w.percent;
        if (percent > 100)
            p.problems = {QStringLiteral("Wave 2: the waves add up to more than 100%.")};
        return p;
    });
    auto *value = qobject_cast<QDoubleSpinBox *>(
        m_dialog->waveEditor()->cellEditor(1, WavePlanEditor::SizeValueColumn));
    value->setValue(95);
    QVERIFY(waitForPreview());
    QVERIFY(!m_dialog->draftButton()->isEnabled());
    QVERIFY(!m_dialog->scheduleButton()->isEnabled());
    QVERIFY2(m_dialog->draftButton()->toolTip().contains(QStringLiteral("1 problem")),
             qPrintable(m_dialog->draftButton()->toolTip()));
    QCOMPARE(m_dialog->previewView()->problemsText(),
             QStringLiteral("Wave 2: the waves add up to more than 100%."));
    QVERIFY(m_dialog->previewLineText().contains(QStringLiteral("1 problem(s)")));
    // Warnings are listed but do not block.
    QVERIFY(m_dialog->previewView()->warningsText().contains(QStringLiteral("support end")));

    value->setValue(10);
    QVERIFY(waitForPreview());
    QVERIFY(m_dialog->draftButton()->isEnabled());
    QCOMPARE(m_dialog->previewView()->problemsText(), QString());
}

void tst_NewRolloutDialog::localProblemsDisableCreating()
{
    QVERIFY(waitForPreview());
    for (int row = 0; row < m_dialog->targetsEditor()->modelList()->count(); ++row)
        m_dialog->targetsEditor()->modelList()->item(row)->setCheckState(Qt::Unchecked);
    QVERIFY(!m_dialog->draftButton()->isEnabled());
    QCOMPARE(m_dialog->draftButton()->toolTip(), QStringLiteral("Choose at least one model."));
    QVERIFY(m_dialog->previewView()->problemsText().contains(QStringLiteral("at least one model")));
    m_dialog->targetsEditor()->modelList()->item(0)->setCheckState(Qt::Checked);
    m_dialog->nameEdit()->clear();
    QCOMPARE(m_dialog->draftButton()->toolTip(), QStringLiteral("Give the rollout a name."));
    m_dialog->nameEdit()->setText(QStringLiteral("Canary"));
    QVERIFY(waitForPreview());
    QVERIFY(m_dialog->draftButton()->isEnabled());
}

void tst_NewRolloutDialog::createSchedulesOrNot_data()
{
    QTest::addColumn<bool>("schedule");
    QTest::newRow("as a draft") << false;
    QTest::newRow("and schedule") << true;
}

void tst_NewRolloutDialog::createSchedulesOrNot()
{
    QFETCH(bool, schedule);
    QVERIFY(waitForPreview());
    QSignalSpy created(m_dialog.data(), &NewRolloutDialog::rolloutCreated);
    const RolloutPlan plan = m_dialog->plan();
    (schedule ? m_dialog->scheduleButton() : m_dialog->draftButton())->click();
    QTRY_COMPARE(created.size(), 1);
    QCOMPARE(m_rollouts->calls(QStringLiteral("create")).size(), 1);
    const FakeRolloutBackend::Call call = m_rollouts->calls(QStringLiteral("create")).constFirst();
    QCOMPARE(call.schedule, schedule);
    QVERIFY(call.plan == plan);
    QCOMPARE(created.at(0).at(0).toLongLong(), m_rollouts->details().constFirst().summary.id);
    QCOMPARE(m_dialog->result(), int(QDialog::Accepted));
}

void tst_NewRolloutDialog::createErrorIsShownInTheDialog()
{
    QVERIFY(waitForPreview());
    m_rollouts->failNext(
        ServiceError::make(ServiceError::Code::InvalidArgument,
                           QStringLiteral("Release AUR-2025.11.2 was withdrawn a moment ago."),
                           QStringLiteral("Choose another release.")));
    QSignalSpy created(m_dialog.data(), &NewRolloutDialog::rolloutCreated);
    m_dialog->draftButton()->click();
    QTRY_VERIFY(!m_dialog->errorText().isEmpty());
    QVERIFY(m_dialog->errorText().contains(QStringLiteral("withdrawn a moment ago")));
    QVERIFY(m_dialog->errorText().contains(QStringLiteral("Choose another release.")));
    QCOMPARE(created.size(), 0);
    QVERIFY(m_dialog->isVisible());
    QVERIFY(m_dialog->draftButton()->isEnabled()); // the operator may try again
}

void tst_NewRolloutDialog::showInDevicesAsksForTheUnsupportedDevices()
{
    QVERIFY(waitForPreview());
    QSignalSpy asked(m_dialog.data(), &NewRolloutDialog::showDevicesRequested);
    m_dialog->setCurrentStep(NewRolloutDialog::PreviewStep);
    QVERIFY(m_dialog->previewView()->showDevicesButton()->isEnabled());
    m_dialog->previewView()->showDevicesButton()->click();
    QCOMPARE(asked.size(), 1);
    DeviceFilter filter = asked.at(0).at(0).value<DeviceFilter>();
    QCOMPARE(filter.supportStatuses, QList<SupportStatus>{SupportStatus::Ended});
    // Both models are Aurora's: the manufacturer covers them.
    QCOMPARE(filter.manufacturerId, 1);
    QCOMPARE(filter.modelId, 0);

    // One model, one region: exactly those.
    m_dialog->targetsEditor()->modelList()->item(0)->setCheckState(Qt::Unchecked);
    m_dialog->targetsEditor()->regionList()->item(0)->setCheckState(Qt::Unchecked);
    m_dialog->targetsEditor()->regionList()->item(2)->setCheckState(Qt::Unchecked);
    filter = m_dialog->unsupportedDevicesFilter();
    QCOMPARE(filter.modelId, 12);
    QCOMPARE(filter.regionId, 2);
}

void tst_NewRolloutDialog::viewerCannotCreate()
{
    makeDialog(vic);
    QVERIFY(waitForPreview()); // a viewer may look at what a plan would do
    QVERIFY(!m_dialog->draftButton()->isEnabled());
    QVERIFY(!m_dialog->scheduleButton()->isEnabled());
    QVERIFY2(m_dialog->draftButton()->toolTip().contains(QStringLiteral("Rollout manager")),
             qPrintable(m_dialog->draftButton()->toolTip()));
}

void tst_NewRolloutDialog::screenshots()
{
    QVERIFY(waitForPreview());
    const char *const names[NewRolloutDialog::StepCount]
        = {"release", "targets", "waves", "schedule", "notice", "preview"};
    for (int step = 0; step < NewRolloutDialog::StepCount; ++step) {
        m_dialog->setCurrentStep(step);
        QTest::qWait(50);
        QVERIFY(m_dialog->grab().save(
            QStringLiteral("/tmp/rollouts-dialog-%1.png").arg(QLatin1String(names[step]))));
    }
}

QTEST_MAIN(tst_NewRolloutDialog)
#include "tst_newrolloutdialog.moc"
