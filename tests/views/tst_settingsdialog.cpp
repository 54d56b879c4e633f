// SPDX-License-Identifier: Apache-2.0
// Edit > Settings on the real MainWindow (a small demo fleet with its releases and audit log, a
// fake rollout service): Ctrl+, opens the dialog; it shows what is stored, lists problems by tab
// and saves nothing while there are any; Apply and OK save, Cancel does not, Restore Defaults
// resets the tab shown; the theme switches the application's palette at once (widgets, charts,
// progress bars); the Compliance page and the device table count with the configured limits; the
// New Rollout dialog starts from the configured waves and window; the status bar shows the
// backend, the operator and the database state. Settings live in a temporary directory.
#include "apptheme.h"
#include "compliancepage.h"
#include "deviceformat.h"
#include "devicespage.h"
#include "devicetablemodel.h"
#include "fakerolloutbackend.h"
#include "faketrackerbackend.h"
#include "mainwindow.h"
#include "newrolloutdialog.h"
#include "operatorsession.h"
#include "patchagechart.h"
#include "patchagemodel.h"
#include "releasebench.h"
#include "releaseformat.h"
#include "rolloutscheduleeditor.h"
#include "rolloutspage.h"
#include "settingsdialog.h"
#include "supportstatusmodel.h"
#include "viewstyle.h"
#include "waveplaneditor.h"
#include "waveprogressdelegate.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QPainter>
#include <QPointer>
#include <QProxyStyle>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QStatusBar>
#include <QStyle>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeEdit>

using namespace Patchboard;

namespace {

// May plan rollouts (the New Rollout dialog).
const Operator rita{QStringLiteral("rita"), OperatorRole::RolloutManager};

WavePlan wave(WavePlan::Size size, double percent, int count = 0)
{
    WavePlan w;
    w.size = size;
    w.percent = percent;
    w.count = count;
    return w;
}

// Two waves unlike the built-in four, and a window across midnight.
RolloutDefaults customRolloutDefaults()
{
    WavePlan first = wave(WavePlan::Size::Percent, 5);
    first.successThreshold = 90;
    first.errorThreshold = 3;
    first.minimumResults = 10;
    first.soakMinutes = 30;
    first.manualGate = true;
    WavePlan rest = wave(WavePlan::Size::Rest, 0);
    rest.successThreshold = 98;
    rest.errorThreshold = 2;
    rest.minimumResults = 50;
    rest.soakMinutes = 0;
    RolloutDefaults d;
    d.waves = {first, rest};
    d.window.start = QTime(22, 0);
    d.window.end = QTime(4, 0);
    return d;
}

QString describe(const QList<WavePlan> &waves)
{
    QStringList parts;
    for (const WavePlan &w : waves)
        parts.append(QStringLiteral("%1:%2/%3 %4/%5 min%6 soak%7 gate%8")
                         .arg(int(w.size))
                         .arg(w.percent)
                         .arg(w.count)
                         .arg(w.successThreshold)
                         .arg(w.errorThreshold)
                         .arg(w.minimumResults)
                         .arg(w.soakMinutes)
                         .arg(int(w.manualGate)));
    return parts.join(QStringLiteral(", "));
}

} // namespace

class tst_SettingsDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void cleanupTestCase();
    void ctrlCommaOpensTheSettings();
    void dialogShowsTheStoredSettings();
    void problemsKeepTheSettingsFromBeingSaved();
    void applyAndOkSaveCancelDoesNot();
    void restoreDefaultsResetsTheTabShown();
    void themeSwitchChangesThePalettes();
    void progressBarsFollowTheirPalette();
    void languageTakesEffectAtTheNextStart();
    void newRolloutStartsFromTheConfiguredDefaults();
    void complianceCountsWithTheConfiguredLimits();
    void statusBarShowsBackendOperatorAndDatabase();
    void databaseErrorShowsInTheStatusBar();
    void screenshots();

private:
    SettingsDialog *openDialog();
    void applyTheme(AppSettings::Theme theme);

    QTemporaryDir m_settingsDir;
    ReleaseBench m_bench;
    std::unique_ptr<FakeRolloutBackend> m_rollouts;
    std::unique_ptr<OperatorSession> m_session;
    std::unique_ptr<MainWindow> m_window;
};

void tst_SettingsDialog::initTestCase()
{
    // Never the user's own settings: a temporary directory for QSettings' user and system files.
    QVERIFY(m_settingsDir.isValid());
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("PatchboardTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_settingsdialog"));
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope,
                       m_settingsDir.filePath(QStringLiteral("user")));
    QSettings::setPath(QSettings::IniFormat, QSettings::SystemScope,
                       m_settingsDir.filePath(QStringLiteral("system")));
    QVERIFY(AppSettings().fileName().startsWith(m_settingsDir.path()));
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));

    const QString error = m_bench.setUp();
    QVERIFY2(error.isEmpty(), qPrintable(error));
    m_rollouts = std::make_unique<FakeRolloutBackend>();
    m_session = std::make_unique<OperatorSession>(rita);
    m_window = std::make_unique<MainWindow>(m_bench.tracker.get(), m_bench.firmware.get(),
                                            m_bench.audit.get(), m_rollouts.get(), m_session.get());
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    QTRY_VERIFY(m_window->compliancePage()->isLoaded());
    QTRY_COMPARE(m_window->devicesPage()->model()->rowCount(), 300);
}

void tst_SettingsDialog::cleanup()
{
    if (SettingsDialog *dialog = m_window->settingsDialog())
        delete dialog;
    if (NewRolloutDialog *dialog = m_window->rolloutsPage()->newRolloutDialog())
        delete dialog;
    AppSettings settings;
    settings.clear();
    settings.sync();
    m_window->applySettings(settings);
    if (AppTheme::current() != AppSettings::Theme::System)
        AppTheme::apply(AppSettings::Theme::System);
    AppSettings::setLanguageInUse(AppSettings::Language::System);
}

void tst_SettingsDialog::cleanupTestCase()
{
    m_window.reset();
    m_session.reset();
    m_rollouts.reset();
    m_bench.tearDown();
}

SettingsDialog *tst_SettingsDialog::openDialog()
{
    m_window->openSettings();
    SettingsDialog *dialog = m_window->settingsDialog();
    if (dialog && !QTest::qWaitForWindowExposed(dialog))
        return nullptr;
    return dialog;
}

void tst_SettingsDialog::applyTheme(AppSettings::Theme theme)
{
    SettingsDialog *dialog = openDialog();
    QVERIFY(dialog);
    dialog->themeCombo()->setCurrentIndex(dialog->themeCombo()->findData(int(theme)));
    QTest::mouseClick(dialog->applyButton(), Qt::LeftButton);
    QCOMPARE(AppTheme::current(), theme);
}

void tst_SettingsDialog::ctrlCommaOpensTheSettings()
{
    QAction *action = m_window->settingsAction();
    QVERIFY(action);
    QCOMPARE(action->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_Comma));
    // Shown in the menu (the action's shortcut) and in the tooltip.
    QVERIFY2(action->toolTip().contains(QStringLiteral("(Ctrl+,)")), qPrintable(action->toolTip()));
    QMenu *edit = nullptr;
    const QList<QAction *> menus = m_window->menuBar()->actions();
    for (QAction *menu : menus) {
        if (menu->text() == QStringLiteral("&Edit"))
            edit = menu->menu();
    }
    QVERIFY(edit);
    QVERIFY(edit->actions().contains(action));
    QCOMPARE(action->text(), QStringLiteral("&Settings\u2026"));

    QSignalSpy triggered(action, &QAction::triggered);
    QVERIFY(!m_window->settingsDialog());
    QTest::keyClick(m_window.get(), Qt::Key_Comma, Qt::ControlModifier);
    QCOMPARE(triggered.count(), 1);
    QTRY_VERIFY(m_window->settingsDialog() && m_window->settingsDialog()->isVisible());
    SettingsDialog *dialog = m_window->settingsDialog();
    QCOMPARE(dialog->tabs()->count(), int(SettingsDialog::TabCount));
    QCOMPARE(dialog->tabs()->tabText(SettingsDialog::ConnectionTab), QStringLiteral("Connection"));
    QCOMPARE(dialog->tabs()->tabText(SettingsDialog::RolloutsTab), QStringLiteral("Rollouts"));
    // Escape closes it, saving nothing.
    QTest::keyClick(dialog, Qt::Key_Escape);
    QTRY_VERIFY(!m_window->settingsDialog());
}

void tst_SettingsDialog::dialogShowsTheStoredSettings()
{
    const QString database = m_settingsDir.filePath(QStringLiteral("fleets/paris.db"));
    {
        AppSettings settings;
        settings.setDatabasePath(database);
        settings.setOperatorName(QStringLiteral("rita"));
        settings.setOperatorRole(OperatorRole::RolloutManager);
        settings.setTheme(AppSettings::Theme::Dark);
        settings.setLanguage(AppSettings::Language::German);
        CompliancePolicy policy;
        policy.outOfDateDays = 45;
        policy.endingSoonDays = 365;
        settings.setCompliancePolicy(policy);
        settings.setRolloutDefaults(customRolloutDefaults());
        QCOMPARE(settings.sync(), QSettings::NoError);
    }
    SettingsDialog *dialog = openDialog();
    QVERIFY(dialog);
    QCOMPARE(dialog->databaseEdit()->text(), QDir::toNativeSeparators(database));
    QCOMPARE(dialog->operatorNameEdit()->text(), QStringLiteral("rita"));
    QCOMPARE(dialog->roleCombo()->currentData().toInt(), int(OperatorRole::RolloutManager));
    QCOMPARE(dialog->themeCombo()->currentData().toInt(), int(AppSettings::Theme::Dark));
    QCOMPARE(dialog->languageCombo()->currentText(), QStringLiteral("Deutsch"));
    QCOMPARE(dialog->outOfDateSpin()->value(), 45);
    QCOMPARE(dialog->endingSoonSpin()->value(), 365);
    QCOMPARE(describe(dialog->waveEditor()->waves()), describe(customRolloutDefaults().waves));
    QVERIFY(dialog->windowCheck()->isChecked());
    QCOMPARE(dialog->windowStartEdit()->time(), QTime(22, 0));
    QCOMPARE(dialog->windowEndEdit()->time(), QTime(4, 0));
    QVERIFY(dialog->problems().isEmpty());
    QVERIFY(dialog->okButton()->isEnabled());
    // Opening the dialog applies nothing: the theme stays until Apply.
    QCOMPARE(AppTheme::current(), AppSettings::Theme::System);
}

void tst_SettingsDialog::problemsKeepTheSettingsFromBeingSaved()
{
    SettingsDialog *dialog = openDialog();
    QVERIFY(dialog);
    QVERIFY(dialog->problems().isEmpty());
    QVERIFY(!dialog->problemsLabel()->isVisible());

    // Waves that leave devices out: the default's "rest" wave removed leaves 1 + 10 + 50 = 61%.
    dialog->tabs()->setCurrentIndex(SettingsDialog::RolloutsTab);
    WavePlanEditor *waves = dialog->waveEditor();
    waves->table()->setCurrentCell(waves->table()->rowCount() - 1, WavePlanEditor::SizeKindColumn);
    QTest::mouseClick(waves->removeButton(), Qt::LeftButton);
    QCOMPARE(waves->waves().size(), 3);
    QStringList problems = dialog->problems();
    QCOMPARE(problems.size(), 1);
    QVERIFY2(problems.first().startsWith(QStringLiteral("Rollouts: ")),
             qPrintable(problems.first()));
    QVERIFY2(problems.first().contains(QStringLiteral("61%")), qPrintable(problems.first()));
    QVERIFY(dialog->problemsLabel()->isVisible());
    QVERIFY(dialog->problemsLabel()->text().contains(QStringLiteral("61%")));
    QVERIFY(!dialog->okButton()->isEnabled());
    QVERIFY(!dialog->applyButton()->isEnabled());
    QCOMPARE(dialog->okButton()->toolTip(), problems.first());
    // The tab is marked in words too, not by colour alone.
    QVERIFY(dialog->tabs()
                ->tabText(SettingsDialog::RolloutsTab)
                .startsWith(DeviceFormat::warningMarker()));
    QVERIFY(!dialog->tabs()
                 ->tabText(SettingsDialog::ComplianceTab)
                 .startsWith(DeviceFormat::warningMarker()));

    // A window of zero length, and a database file without its folder.
    dialog->windowEndEdit()->setTime(dialog->windowStartEdit()->time());
    dialog->databaseEdit()->setText(QStringLiteral("fleets/relative.db"));
    problems = dialog->problems();
    QCOMPARE(problems.size(), 3);
    QVERIFY2(problems.first().startsWith(QStringLiteral("Connection: ")),
             qPrintable(problems.first()));
    QVERIFY(problems.join(QLatin1Char('\n')).contains(QStringLiteral("maintenance window")));
    // A folder is not a database file.
    dialog->databaseEdit()->setText(m_settingsDir.path());
    QVERIFY(dialog->problems().first().contains(QStringLiteral("is a folder")));

    // Nothing is written, however asked.
    QVERIFY(!dialog->apply());
    QTest::keyClick(dialog, Qt::Key_Return); // OK is disabled: the dialog stays
    QVERIFY(dialog->isVisible());
    const AppSettings stored;
    QVERIFY(stored.rolloutDefaults() == RolloutDefaults());
    QCOMPARE(stored.databasePath(), AppSettings::defaultDatabasePath());

    // Corrected, it may be saved.
    QTest::mouseClick(waves->resetButton(), Qt::LeftButton);
    dialog->windowEndEdit()->setTime(QTime(5, 0));
    dialog->databaseEdit()->clear();
    QVERIFY(dialog->problems().isEmpty());
    QVERIFY(!dialog->problemsLabel()->isVisible());
    QVERIFY(dialog->okButton()->isEnabled());
    QVERIFY(dialog->applyButton()->isEnabled());
    QCOMPARE(dialog->tabs()->tabText(SettingsDialog::RolloutsTab), QStringLiteral("Rollouts"));
}

void tst_SettingsDialog::applyAndOkSaveCancelDoesNot()
{
    SettingsDialog *dialog = openDialog();
    QVERIFY(dialog);
    QSignalSpy applied(dialog, &SettingsDialog::applied);
    const QString database = m_settingsDir.filePath(QStringLiteral("lyon.db"));
    dialog->databaseEdit()->setText(database);
    dialog->operatorNameEdit()->setText(QStringLiteral("  tess "));
    dialog->roleCombo()->setCurrentIndex(dialog->roleCombo()->findData(int(OperatorRole::Viewer)));
    dialog->outOfDateSpin()->setValue(60);
    dialog->endingSoonSpin()->setValue(180);
    dialog->windowStartEdit()->setTime(QTime(23, 0));
    dialog->windowEndEdit()->setTime(QTime(3, 0));
    QTest::mouseClick(dialog->applyButton(), Qt::LeftButton);
    QCOMPARE(applied.count(), 1);
    QVERIFY(dialog->isVisible()); // Apply keeps the dialog open

    {
        const AppSettings stored; // a new instance, as at the next start
        QCOMPARE(stored.databasePath(), database);
        QCOMPARE(stored.operatorName(), QStringLiteral("tess"));
        QCOMPARE(stored.operatorRole(), OperatorRole::Viewer);
        QCOMPARE(stored.compliancePolicy().outOfDateDays, 60);
        QCOMPARE(stored.compliancePolicy().endingSoonDays, 180);
        QCOMPARE(stored.rolloutDefaults().window.start, QTime(23, 0));
        QCOMPARE(stored.rolloutDefaults().window.end, QTime(3, 0));
    }
    // The operator at the console stays who they were: the setting is for the next start.
    QCOMPARE(m_session->current().name, rita.name);

    QPointer<SettingsDialog> guard(dialog);
    dialog->outOfDateSpin()->setValue(120);
    QTest::mouseClick(dialog->okButton(), Qt::LeftButton);
    QCOMPARE(applied.count(), 2);
    QTRY_VERIFY(!guard); // closed (and deleted)
    QCOMPARE(AppSettings().compliancePolicy().outOfDateDays, 120);

    dialog = openDialog();
    QVERIFY(dialog);
    QCOMPARE(dialog->outOfDateSpin()->value(), 120);
    dialog->outOfDateSpin()->setValue(10);
    QTest::mouseClick(dialog->cancelButton(), Qt::LeftButton);
    QTRY_VERIFY(!m_window->settingsDialog());
    QCOMPARE(AppSettings().compliancePolicy().outOfDateDays, 120);
}

void tst_SettingsDialog::restoreDefaultsResetsTheTabShown()
{
    {
        AppSettings settings;
        CompliancePolicy policy;
        policy.outOfDateDays = 30;
        policy.endingSoonDays = 10;
        settings.setCompliancePolicy(policy);
        settings.setOperatorName(QStringLiteral("rita"));
        settings.sync();
    }
    SettingsDialog *dialog = openDialog();
    QVERIFY(dialog);
    QCOMPARE(dialog->outOfDateSpin()->value(), 30);
    dialog->tabs()->setCurrentIndex(SettingsDialog::ComplianceTab);
    QTest::mouseClick(dialog->restoreDefaultsButton(), Qt::LeftButton);
    QCOMPARE(dialog->outOfDateSpin()->value(), 90);
    QCOMPARE(dialog->endingSoonSpin()->value(), 90);
    // Only the tab shown, and nothing saved yet.
    QCOMPARE(dialog->operatorNameEdit()->text(), QStringLiteral("rita"));
    QCOMPARE(AppSettings().compliancePolicy().outOfDateDays, 30);

    dialog->tabs()->setCurrentIndex(SettingsDialog::RolloutsTab);
    dialog->waveEditor()->setWaves(customRolloutDefaults().waves);
    QTest::mouseClick(dialog->restoreDefaultsButton(), Qt::LeftButton);
    QCOMPARE(describe(dialog->waveEditor()->waves()), describe(RolloutPlan::defaultWaves()));
}

void tst_SettingsDialog::themeSwitchChangesThePalettes()
{
    // A label muted and one in the critical colour of the palette in use, as pages make them.
    auto *muted = new QLabel(QStringLiteral("hint"), m_window->devicesPage());
    ViewStyle::setMuted(muted);
    auto *critical = new QLabel(QStringLiteral("error"), m_window->devicesPage());
    QPalette p = critical->palette();
    p.setColor(QPalette::WindowText, DeviceFormat::criticalColor());
    critical->setPalette(p);

    QTableView *table = m_window->devicesPage()->table();
    applyTheme(AppSettings::Theme::Dark);
    // Fusion underneath, whatever the platform's style.
    const auto *proxy = qobject_cast<QProxyStyle *>(QApplication::style());
    QVERIFY(proxy && proxy->baseStyle());
    QCOMPARE(proxy->baseStyle()->name(), QStringLiteral("fusion"));
    const QColor darkWindow = m_window->palette().color(QPalette::Window);
    QVERIFY2(darkWindow.lightness() < 80, qPrintable(darkWindow.name()));
    QCOMPARE(darkWindow, AppTheme::darkPalette().color(QPalette::Window));
    QVERIFY(table->palette().color(QPalette::Base).lightness() < 80);
    QVERIFY(table->palette().color(QPalette::Text).lightness() > 180);
    QCOMPARE(muted->palette().color(QPalette::WindowText),
             AppTheme::darkPalette().color(QPalette::PlaceholderText));
    QCOMPARE(critical->palette().color(QPalette::WindowText),
             DeviceFormat::criticalColor(AppTheme::darkPalette()));
    // The dialog that switched it follows too.
    QVERIFY(m_window->settingsDialog()->palette().color(QPalette::Window).lightness() < 80);
    // The compliance charts draw their text in the palette's colours.
    PatchAgeChart *chart = m_window->compliancePage()->patchAgeChart();
    QCOMPARE(chart->chart()->titleBrush().color(), chart->palette().color(QPalette::WindowText));

    applyTheme(AppSettings::Theme::Light);
    const QColor lightWindow = m_window->palette().color(QPalette::Window);
    QVERIFY2(lightWindow.lightness() > 200, qPrintable(lightWindow.name()));
    QVERIFY(table->palette().color(QPalette::Base).lightness() > 200);
    QVERIFY(table->palette().color(QPalette::Text).lightness() < 80);
    QCOMPARE(muted->palette().color(QPalette::WindowText),
             AppTheme::lightPalette().color(QPalette::PlaceholderText));
    QCOMPARE(critical->palette().color(QPalette::WindowText),
             DeviceFormat::criticalColor(AppTheme::lightPalette()));
    QCOMPARE(chart->chart()->titleBrush().color(), chart->palette().color(QPalette::WindowText));
    delete muted;
    delete critical;
}

void tst_SettingsDialog::progressBarsFollowTheirPalette()
{
    // Whatever the application's palette: the bar's colours come from the palette it is painted
    // in (the wall screen paints dark bars in a light console).
    applyTheme(AppSettings::Theme::Light);
    RolloutFormat::Counts counts;
    counts.succeeded = 50;
    counts.failed = 50;
    const QPalette dark = AppTheme::darkPalette();
    const QPalette light = AppTheme::lightPalette();
    QVERIFY(WaveProgressDelegate::succeededColor(dark)
            != WaveProgressDelegate::succeededColor(light));
    QVERIFY(WaveProgressDelegate::failedColor(dark) != WaveProgressDelegate::failedColor(light));
    QImage image(202, 12, QImage::Format_RGB32);
    image.fill(Qt::black);
    {
        QPainter painter(&image);
        WaveProgressDelegate::paintBar(&painter, image.rect(), counts, dark);
    }
    // The succeeded half is solid, in the dark palette's green (light enough on its base).
    const QColor succeeded = image.pixelColor(40, 6);
    QCOMPARE(succeeded, ReleaseFormat::goodColor(dark));
    QVERIFY(succeeded.lightness() > dark.color(QPalette::Base).lightness() + 60);
}

void tst_SettingsDialog::languageTakesEffectAtTheNextStart()
{
    SettingsDialog *dialog = openDialog();
    QVERIFY(dialog);
    dialog->tabs()->setCurrentIndex(SettingsDialog::AppearanceTab);
    QCOMPARE(dialog->languageCombo()->count(), 4);
    QVERIFY(!dialog->languageNote()->isVisible());
    dialog->languageCombo()->setCurrentIndex(
        dialog->languageCombo()->findData(int(AppSettings::Language::Japanese)));
    QVERIFY(dialog->languageNote()->isVisible());
    QVERIFY2(dialog->languageNote()->text().contains(QStringLiteral("next start")),
             qPrintable(dialog->languageNote()->text()));
    QTest::mouseClick(dialog->applyButton(), Qt::LeftButton);
    QCOMPARE(AppSettings().language(), AppSettings::Language::Japanese);
    // Still the language in use: the note stays until Patchboard starts again.
    QVERIFY(dialog->languageNote()->isVisible());
    dialog->languageCombo()->setCurrentIndex(
        dialog->languageCombo()->findData(int(AppSettings::Language::System)));
    QVERIFY(!dialog->languageNote()->isVisible());
}

void tst_SettingsDialog::newRolloutStartsFromTheConfiguredDefaults()
{
    QAction *newRollout = m_window->newRolloutAction();
    QVERIFY(newRollout && newRollout->isEnabled());
    // Before: the built-in waves.
    newRollout->trigger();
    QTRY_VERIFY(m_window->rolloutsPage()->newRolloutDialog());
    NewRolloutDialog *rollout = m_window->rolloutsPage()->newRolloutDialog();
    QCOMPARE(describe(rollout->waveEditor()->waves()), describe(RolloutPlan::defaultWaves()));
    QVERIFY(rollout->plan().window == MaintenanceWindow());
    delete rollout;

    SettingsDialog *dialog = openDialog();
    QVERIFY(dialog);
    const RolloutDefaults custom = customRolloutDefaults();
    dialog->tabs()->setCurrentIndex(SettingsDialog::RolloutsTab);
    dialog->waveEditor()->setWaves(custom.waves);
    dialog->windowStartEdit()->setTime(custom.window.start);
    dialog->windowEndEdit()->setTime(custom.window.end);
    QTest::mouseClick(dialog->okButton(), Qt::LeftButton);
    QTRY_VERIFY(!m_window->settingsDialog());

    newRollout->trigger();
    QTRY_VERIFY(m_window->rolloutsPage()->newRolloutDialog());
    rollout = m_window->rolloutsPage()->newRolloutDialog();
    QCOMPARE(describe(rollout->waveEditor()->waves()), describe(custom.waves));
    QCOMPARE(describe(rollout->plan().waves), describe(custom.waves));
    QVERIFY(rollout->plan().window == custom.window);
    QCOMPARE(rollout->scheduleEditor()->windowStartEdit()->time(), QTime(22, 0));
    QCOMPARE(rollout->scheduleEditor()->windowEndEdit()->time(), QTime(4, 0));
    // Reset to Default goes back to the configured waves, not the built-in ones.
    rollout->waveEditor()->addWave();
    QCOMPARE(rollout->waveEditor()->waves().size(), 3);
    QTest::mouseClick(rollout->waveEditor()->resetButton(), Qt::LeftButton);
    QCOMPARE(describe(rollout->waveEditor()->waves()), describe(custom.waves));
}

void tst_SettingsDialog::complianceCountsWithTheConfiguredLimits()
{
    CompliancePage *compliance = m_window->compliancePage();
    QTRY_VERIFY(compliance->summaryText().contains(QStringLiteral("older than 90 day")));

    // What the backend counts with the new limits, and that they make a difference here.
    CompliancePolicy configured;
    configured.outOfDateDays = 75;
    configured.endingSoonDays = 800;
    const Result<ComplianceSummary> expected
        = waitFor(m_bench.tracker->compliance(DeviceFilter(), configured, QDate()));
    const Result<ComplianceSummary> before
        = waitFor(m_bench.tracker->compliance(DeviceFilter(), CompliancePolicy(), QDate()));
    QVERIFY(expected.ok() && before.ok());
    const int endingSoon = expected.value().bySupportStatus[int(SupportStatus::EndingSoon)];
    QVERIFY2(endingSoon != before.value().bySupportStatus[int(SupportStatus::EndingSoon)],
             "the demo fleet has no model whose support ends between 90 and 800 days ahead");

    SettingsDialog *dialog = openDialog();
    QVERIFY(dialog);
    dialog->tabs()->setCurrentIndex(SettingsDialog::ComplianceTab);
    dialog->outOfDateSpin()->setValue(configured.outOfDateDays);
    dialog->endingSoonSpin()->setValue(configured.endingSoonDays);
    QTest::mouseClick(dialog->okButton(), Qt::LeftButton);

    QCOMPARE(compliance->policy(), configured);
    QTRY_VERIFY2(compliance->summaryText().contains(QStringLiteral("older than 75 day")),
                 qPrintable(compliance->summaryText()));
    QCOMPARE(compliance->supportModel()->devices(SupportStatus::EndingSoon), endingSoon);
    // The histogram splits at the limit: 61-75 is current, 76-90 out of date.
    const QList<PatchAgeBin> bins = compliance->patchAgeModel()->bins();
    int devices = 0;
    bool current = false;
    bool late = false;
    for (const PatchAgeBin &bin : bins) {
        devices += bin.devices;
        if (bin.minDays == 61 && bin.maxDays == 75)
            current = !compliance->patchAgeModel()->isOutOfDate(bin);
        if (bin.minDays == 76 && bin.maxDays == 90)
            late = compliance->patchAgeModel()->isOutOfDate(bin);
    }
    QVERIFY(current);
    QVERIFY(late);
    QCOMPARE(devices, 300);

    // The device table asks the backend with the same limits.
    DeviceTableModel *table = m_window->devicesPage()->model();
    QCOMPARE(table->query().endingSoonDays, 800);
    QCOMPARE(table->policy().outOfDateDays, 75);
    DeviceFilter endingSoonFilter;
    endingSoonFilter.supportStatuses = {SupportStatus::EndingSoon};
    m_window->showDevices(endingSoonFilter);
    QTRY_COMPARE(table->matchingCount(), endingSoon);
}

void tst_SettingsDialog::statusBarShowsBackendOperatorAndDatabase()
{
    QCOMPARE(m_window->backendLabel()->text(), m_bench.tracker->description());
    QVERIFY(m_window->backendLabel()->text().contains(m_bench.databasePath));
    QVERIFY2(m_window->operatorLabel()->text().contains(QStringLiteral("rita")),
             qPrintable(m_window->operatorLabel()->text()));
    QVERIFY(m_window->operatorLabel()->text().contains(QStringLiteral("Rollout manager")));
    QTRY_COMPARE(m_window->databaseStateLabel()->text(), QStringLiteral("Database OK"));
    // All three stay in the status bar, whatever message it shows.
    m_window->statusBar()->showMessage(QStringLiteral("Exported 300 devices"));
    QVERIFY(m_window->backendLabel()->isVisible());
    QVERIFY(m_window->operatorLabel()->isVisible());
    QVERIFY(m_window->databaseStateLabel()->isVisible());
    m_session->setOperator(Operator{QStringLiteral("vic"), OperatorRole::Viewer});
    QVERIFY(m_window->operatorLabel()->text().contains(QStringLiteral("vic")));
    m_session->setOperator(rita);
}

void tst_SettingsDialog::databaseErrorShowsInTheStatusBar()
{
    FakeTrackerBackend tracker(FakeTrackerBackend::makeFleet(40, QDate(2025, 11, 5)));
    MainWindow window(&tracker);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTRY_COMPARE(window.devicesPage()->model()->rowCount(), 40);
    QTRY_COMPARE(window.databaseStateLabel()->text(), QStringLiteral("Database OK"));

    tracker.failNextQuery(ServiceError::make(ServiceError::Code::StorageUnavailable,
                                             QStringLiteral("disk I/O error")));
    DeviceFilter filter;
    filter.deviceIdPrefix = QStringLiteral("35");
    window.showDevices(filter);
    QTRY_VERIFY2(window.databaseStateLabel()->text().contains(
                     QStringLiteral("Database error: disk I/O error")),
                 qPrintable(window.databaseStateLabel()->text()));
    QVERIFY(window.databaseStateLabel()->text().startsWith(DeviceFormat::warningMarker()));
    QCOMPARE(window.databaseStateLabel()->toolTip(), QStringLiteral("disk I/O error"));
    QCOMPARE(window.databaseStateLabel()->palette().color(QPalette::WindowText),
             DeviceFormat::criticalColor());

    // The next answer is fine again.
    filter.deviceIdPrefix = QStringLiteral("351");
    window.showDevices(filter);
    QTRY_COMPARE(window.databaseStateLabel()->text(), QStringLiteral("Database OK"));
}

void tst_SettingsDialog::screenshots()
{
    const char *const tabs[SettingsDialog::TabCount]
        = {"connection", "operator", "appearance", "compliance", "rollouts"};
    for (AppSettings::Theme theme : {AppSettings::Theme::Light, AppSettings::Theme::Dark}) {
        applyTheme(theme);
        SettingsDialog *dialog = m_window->settingsDialog();
        QVERIFY(dialog);
        const QString themeName = AppSettings::themeName(theme);
        for (int tab = 0; tab < SettingsDialog::TabCount; ++tab) {
            dialog->tabs()->setCurrentIndex(tab);
            QTest::qWait(30);
            QVERIFY(dialog->grab().save(QStringLiteral("/tmp/settings-%1-%2.png")
                                            .arg(themeName, QLatin1String(tabs[tab]))));
        }
        // With a problem: the waves leave 39% of the devices out.
        WavePlanEditor *waves = dialog->waveEditor();
        waves->table()->setCurrentCell(waves->table()->rowCount() - 1, 0);
        waves->removeWave();
        dialog->windowEndEdit()->setTime(dialog->windowStartEdit()->time());
        QTest::qWait(30);
        QVERIFY(!dialog->problems().isEmpty());
        QVERIFY(dialog->grab().save(QStringLiteral("/tmp/settings-%1-problems.png").arg(themeName)));
        waves->resetToDefault();
        dialog->windowEndEdit()->setTime(QTime(5, 0));
        dialog->close();
        QTRY_VERIFY(!m_window->settingsDialog());
        for (int page = 0; page < m_window->pageCount(); ++page) {
            m_window->showPage(page);
            QTest::qWait(100);
            QVERIFY(m_window->grab().save(
                QStringLiteral("/tmp/settings-window-%1-%2.png").arg(themeName).arg(page)));
        }
    }
    m_window->showPage(0);
}

QTEST_MAIN(tst_SettingsDialog)
#include "tst_settingsdialog.moc"
