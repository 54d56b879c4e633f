// SPDX-License-Identifier: Apache-2.0
#include "mainwindow.h"

#include "appsettings.h"
#include "auditpage.h"
#include "compliancepage.h"
#include "connectionbanner.h"
#include "deviceformat.h"
#include "devicespage.h"
#include "devicetablemodel.h"
#include "firmware/firmwarebackend.h"
#include "inventoryimportdialog.h"
#include "logindialog.h"
#include "operatordialog.h"
#include "operatorsession.h"
#include "releasedetailpanel.h"
#include "releasespage.h"
#include "rolloutdetailpanel.h"
#include "rolloutspage.h"
#include "settingsdialog.h"
#include "telemetrypage.h"
#include "wallscreen.h"
#include "rollout/rolloutbackend.h"
#include "tracker/inventoryimportbackend.h"
#include "tracker/trackerbackend.h"

#include <QAction>
#include <QApplication>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QStackedWidget>
#include <QStatusBar>
#include <QVBoxLayout>

namespace Patchboard {

MainWindow::MainWindow(TrackerBackend *backend, QWidget *parent)
    : MainWindow(backend, nullptr, nullptr, nullptr, nullptr, parent)
{ }

MainWindow::MainWindow(TrackerBackend *backend, FirmwareBackend *firmware, AuditBackend *audit,
                       OperatorSession *session, QWidget *parent)
    : MainWindow(backend, firmware, audit, nullptr, session, parent)
{ }

MainWindow::MainWindow(TrackerBackend *backend, FirmwareBackend *firmware, AuditBackend *audit,
                       RolloutBackend *rollouts, OperatorSession *session, QWidget *parent)
    : MainWindow(backend, firmware, audit, rollouts, nullptr, session, parent)
{ }

MainWindow::MainWindow(TrackerBackend *backend, FirmwareBackend *firmware, AuditBackend *audit,
                       RolloutBackend *rollouts, TelemetryBackend *telemetry,
                       OperatorSession *session, QWidget *parent)
    : QMainWindow(parent)
    , m_backend(backend)
    , m_navigation(new QListWidget(this))
    , m_pages(new QStackedWidget(this))
    , m_backendLabel(new QLabel(this))
    , m_countLabel(new QLabel(this))
    , m_operatorLabel(new QLabel(this))
    , m_auditWarning(new QLabel(this))
    , m_databaseState(new QLabel(this))
    , m_session(session ? session : new OperatorSession(Operator{}, this))
{
    m_navigation->setAccessibleName(tr("Pages"));
    m_navigation->setFrameShape(QFrame::NoFrame);
    m_navigation->setSpacing(2);
    m_navigation->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_navigation->setSizeAdjustPolicy(QAbstractScrollArea::AdjustToContents);
    QFont navigationFont = m_navigation->font();
    navigationFont.setPointSizeF(navigationFont.pointSizeF() * 1.1);
    m_navigation->setFont(navigationFont);

    auto *central = new QWidget(this);
    auto *layout = new QHBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_navigation);
    layout->addWidget(m_pages, 1);
    setCentralWidget(central);

    createMenus();

    m_devices = new DevicesPage(backend, this);
    m_compliance = new CompliancePage(backend, this);
    addPage(m_devices, tr("Devices"));
    addPage(m_compliance, tr("Compliance"));
    if (firmware) {
        m_releases = new ReleasesPage(firmware, backend, m_session, this);
        addPage(m_releases, tr("Releases"));
        connect(m_releases, &ReleasesPage::statusMessage, this,
                [this](const QString &message) { statusBar()->showMessage(message, 10000); });
    }
    if (rollouts) {
        m_rollouts = new RolloutsPage(rollouts, firmware, backend, m_session, this);
        addPage(m_rollouts, tr("Rollouts"));
        connect(m_rollouts, &RolloutsPage::statusMessage, this,
                [this](const QString &message) { statusBar()->showMessage(message, 10000); });
        connect(m_rollouts, &RolloutsPage::showDevicesRequested, this, &MainWindow::showDevices);
        // The engine works in the background and retries a failed step by itself; the operator
        // learns why rollouts stand still (a full disk, a locked database).
        connect(rollouts, &RolloutBackend::engineFailed, this, [this](const ServiceError &error) {
            statusBar()->showMessage(tr("The rollout engine could not advance: %1")
                                         .arg(error.text().replace(QLatin1Char('\n'), QLatin1Char(' '))),
                                     30000);
        });
        createRolloutMenu();
    }
    if (telemetry) {
        m_telemetry = new TelemetryPage(telemetry, this);
        addPage(m_telemetry, tr("Telemetry"));
        connect(m_telemetry, &TelemetryPage::showDevicesRequested, this, &MainWindow::showDevices);
        connect(m_telemetry, &TelemetryPage::statusMessage, this,
                [this](const QString &message) { statusBar()->showMessage(message, 10000); });
    }
    m_rolloutBackend = rollouts;
    createViewMenu(firmware);
    if (audit) {
        m_audit = new AuditPage(audit, this);
        addPage(m_audit, tr("Audit Log"));
        connect(m_audit, &AuditPage::verified, this, &MainWindow::showAuditState);
        connect(m_audit, &AuditPage::statusMessage, this,
                [this](const QString &message) { statusBar()->showMessage(message, 10000); });
        // Every decision writes an audit entry; a refused approval too, without changing a release.
        if (firmware)
            connect(firmware, &FirmwareBackend::releasesChanged, m_audit, &AuditPage::refresh);
        if (m_releases)
            connect(m_releases->detailPanel(), &ReleaseDetailPanel::actionFinished, m_audit,
                    &AuditPage::refresh);
        // Rollout decisions are audited too (not every count change: those are the engine's).
        if (m_rollouts)
            connect(m_rollouts, &RolloutsPage::operatorActed, m_audit, &AuditPage::refresh);
    }

    connect(m_navigation, &QListWidget::currentRowChanged, this, &MainWindow::showPage);
    connect(m_compliance, &CompliancePage::showDevices, this, &MainWindow::showDevices);
    // Before the first answer is looked at: a small fleet may have answered already, and that
    // count must not be overwritten.
    m_countLabel->setText(tr("Loading devices\u2026"));
    connect(m_devices, &DevicesPage::countChanged, this, &MainWindow::updateCount);
    if (!m_devices->isBusy()) // a small fleet may have answered already
        updateCount(m_devices->model()->matchingCount(), m_devices->model()->fleetSize());
    connect(m_devices, &DevicesPage::statusMessage, this,
            [this](const QString &message) { statusBar()->showMessage(message, 10000); });
    // The database state: every answer of the fleet database says whether it is well. A failed
    // device query or count shows its error until the next answer comes back fine.
    m_databaseState->setAccessibleName(tr("Database state"));
    m_databaseState->setTextFormat(Qt::PlainText);
    setDatabaseState(QString());
    if (!backend)
        m_databaseState->setText(tr("No database"));
    connect(m_devices->model(), &DeviceTableModel::errorOccurred, this,
            &MainWindow::setDatabaseState);
    connect(m_devices, &DevicesPage::countChanged, this, [this] { setDatabaseState(QString()); });
    connect(m_compliance, &CompliancePage::errorOccurred, this, &MainWindow::setDatabaseState);
    connect(m_compliance, &CompliancePage::summaryShown, this,
            [this] { setDatabaseState(QString()); });

    m_backendLabel->setText(backend ? backend->description() : tr("No device tracker"));
    m_backendLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_backendLabel->setAccessibleName(tr("Backend"));
    m_operatorLabel->setAccessibleName(tr("Operator"));
    m_operatorLabel->setToolTip(tr("Who acts, and in which role (File > Switch Operator)"));
    QPalette critical = m_auditWarning->palette();
    critical.setColor(QPalette::WindowText, DeviceFormat::criticalColor());
    m_auditWarning->setPalette(critical);
    m_auditWarning->hide();
    statusBar()->addPermanentWidget(m_auditWarning);
    statusBar()->addPermanentWidget(m_operatorLabel);
    statusBar()->addPermanentWidget(m_backendLabel);
    statusBar()->addPermanentWidget(m_databaseState);
    statusBar()->addPermanentWidget(m_countLabel);
    connect(m_session, &OperatorSession::operatorChanged, this, &MainWindow::updateOperator);
    updateOperator();

    showPage(0);
    resize(1440, 860);
}

int MainWindow::addPage(QWidget *page, const QString &title)
{
    const int index = m_pages->addWidget(page);
    const QFontMetrics fm = m_navigation->fontMetrics();
    m_navigationWidth = qMax(m_navigationWidth, fm.horizontalAdvance(title) + 4 * fm.height());
    m_navigation->setFixedWidth(m_navigationWidth);
    auto *item = new QListWidgetItem(QStringLiteral("  ") + title, m_navigation);
    item->setSizeHint(QSize(m_navigationWidth, fm.height() * 2));
    item->setData(Qt::AccessibleTextRole, title);
    auto *action = m_goMenu->addAction(title, this, [this, index] { showPage(index); });
    if (index < 9)
        action->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + index)));
    return index;
}

int MainWindow::pageIndex(QWidget *page) const
{
    return page ? m_pages->indexOf(page) : -1;
}

int MainWindow::currentPage() const
{
    return m_pages->currentIndex();
}

int MainWindow::pageCount() const
{
    return m_pages->count();
}

void MainWindow::showPage(int index)
{
    if (index < 0 || index >= m_pages->count())
        return;
    m_pages->setCurrentIndex(index);
    if (m_navigation->currentRow() != index)
        m_navigation->setCurrentRow(index);
    setWindowTitle(tr("%1 \u2014 Patchboard")
                       .arg(m_navigation->item(index)->data(Qt::AccessibleTextRole).toString()));
}

void MainWindow::showDevices(const DeviceFilter &filter)
{
    showPage(m_pages->indexOf(m_devices));
    m_devices->showDevices(filter);
}

void MainWindow::showTelemetry(qint64 rolloutId)
{
    if (!m_telemetry)
        return;
    showPage(m_pages->indexOf(m_telemetry));
    m_telemetry->setScope(TelemetryScope::rollout(rolloutId));
}

void MainWindow::showWallScreen()
{
    if (!m_rolloutBackend)
        return;
    auto *wall = new WallScreen(m_rolloutBackend);
    wall->setAttribute(Qt::WA_DeleteOnClose);
    wall->setWindowTitle(tr("Patchboard \u2014 Rollouts"));
    wall->showFullScreen();
}

// View > Wall Screen and File > Compliance Report, once the pages they use exist.
void MainWindow::createViewMenu(FirmwareBackend *firmware)
{
    if (firmware && m_rolloutBackend) {
        m_compliance->setReportSources(firmware, m_rolloutBackend, m_session);
        m_complianceReport = new QAction(tr("Compliance &Report\u2026"), this);
        m_complianceReport->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
        m_complianceReport->setToolTip(
            tr("A PDF for a date: patch ages, support status, decisions and rollouts (Ctrl+R)"));
        connect(m_complianceReport, &QAction::triggered, this, [this] {
            showPage(m_pages->indexOf(m_compliance));
            m_compliance->openReportDialog();
        });
        QMenu *file = menuBar()->actions().constFirst()->menu();
        file->insertAction(file->actions().value(1), m_complianceReport);
    }
    if (!m_rolloutBackend)
        return;
    QMenu *view = new QMenu(tr("&View"), this);
    menuBar()->insertMenu(m_goMenu->menuAction(), view);
    m_wallScreen = view->addAction(tr("&Wall Screen"), this, &MainWindow::showWallScreen);
    m_wallScreen->setShortcut(QKeySequence(Qt::Key_F11));
    m_wallScreen->setToolTip(tr("Every active rollout, full screen and read-only, for the "
                                "operations room (F11; Esc leaves)"));
}

void MainWindow::showRelease(qint64 releaseId)
{
    if (!m_releases)
        return;
    showPage(m_pages->indexOf(m_releases));
    m_releases->showRelease(releaseId);
}

void MainWindow::showRollout(qint64 rolloutId)
{
    if (!m_rollouts)
        return;
    showPage(m_pages->indexOf(m_rollouts));
    m_rollouts->showRollout(rolloutId);
}

void MainWindow::newRollout()
{
    if (!m_rollouts)
        return;
    showPage(m_pages->indexOf(m_rollouts));
    m_rollouts->newRollout();
}

void MainWindow::createRolloutMenu()
{
    // Between Edit and Go, like the page between Releases and the Audit Log.
    auto *menu = new QMenu(tr("&Rollout"), this);
    menu->setToolTipsVisible(true);
    menuBar()->insertMenu(m_goMenu->menuAction(), menu);
    m_newRollout = menu->addAction(tr("&New Rollout\u2026"), this, &MainWindow::newRollout);
    m_newRollout->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N));
    connect(m_session, &OperatorSession::operatorChanged, this, &MainWindow::updateRolloutActions);
    updateRolloutActions();
}

void MainWindow::updateRolloutActions()
{
    if (!m_newRollout || !m_rollouts)
        return;
    // The page knows what it takes (the role, a firmware server); its button says why not. The
    // page updates its button first: it was connected to the session before this menu existed.
    const QPushButton *button = m_rollouts->newRolloutButton();
    m_newRollout->setEnabled(button->isEnabled());
    m_newRollout->setToolTip(button->toolTip());
    m_newRollout->setStatusTip(button->toolTip());
}

void MainWindow::switchOperator()
{
    if (m_client)
        return; // on a server, who acts is who signed in
    auto *dialog = new OperatorDialog(m_session->current(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this,
            [this, dialog] { m_session->setOperator(dialog->selectedOperator()); });
    dialog->open();
}

void MainWindow::setAuditVerification(const AuditVerification &verification)
{
    if (m_audit)
        m_audit->setVerification(verification); // emits verified -> showAuditState
    else
        showAuditState(verification);
}

void MainWindow::showAuditState(const AuditVerification &verification)
{
    // Whatever page is shown: a damaged audit log must not go unnoticed.
    m_auditWarning->setText(
        verification.intact
            ? QString()
            : QString(DeviceFormat::warningMarker()
                      + tr("Audit log broken at entry %1").arg(verification.firstBadSequence)));
    m_auditWarning->setToolTip(verification.problem);
    m_auditWarning->setVisible(!verification.intact);
}

SettingsDialog *MainWindow::settingsDialog() const
{
    return m_settingsDialog;
}

void MainWindow::openSettings()
{
    if (!m_settingsDialog) {
        m_settingsDialog = new SettingsDialog(this);
        m_settingsDialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(m_settingsDialog, &SettingsDialog::applied, this,
                [this] { applySettings(m_settingsDialog->settings()); });
    }
    m_settingsDialog->open();
    m_settingsDialog->raise();
    m_settingsDialog->activateWindow();
}

void MainWindow::applySettings(const AppSettings &settings)
{
    const CompliancePolicy policy = settings.compliancePolicy();
    m_compliance->setPolicy(policy);
    m_devices->setPolicy(policy);
    if (m_rollouts)
        m_rollouts->setRolloutDefaults(settings.rolloutDefaults());
}

void MainWindow::setDatabaseState(const QString &problem)
{
    if (problem.isEmpty()) {
        m_databaseState->setText(tr("Database OK"));
        m_databaseState->setToolTip(tr("The last answer from the fleet database came back fine."));
        m_databaseState->setPalette(QPalette()); // the window's colours, whatever the theme
    } else {
        // Written out, not only coloured; a long error is shortened here and whole in the tooltip.
        const QString text = DeviceFormat::warningMarker() + tr("Database error: %1").arg(problem);
        m_databaseState->setText(m_databaseState->fontMetrics().elidedText(
            text, Qt::ElideRight, m_databaseState->fontMetrics().averageCharWidth() * 60));
        m_databaseState->setToolTip(problem);
        QPalette palette = m_databaseState->palette();
        palette.setColor(QPalette::WindowText, DeviceFormat::criticalColor());
        m_databaseState->setPalette(palette);
    }
}

void MainWindow::updateOperator()
{
    const Operator &who = m_session->current();
    m_operatorLabel->setText(who.isValid() ? tr("Operator: %1").arg(m_session->displayText())
                                           : tr("No operator"));
}

void MainWindow::setInventoryImport(InventoryImportBackend *backend)
{
    m_inventory = backend;
    updateImportAction();
}

void MainWindow::updateImportAction()
{
    const bool allowed = m_session->allows(Permission::ImportDevices);
    m_importDevices->setEnabled(m_inventory && allowed);
    const QString what = m_client
        ? tr("Devices are imported on the embedded database only; on a server, the server's "
             "administrator imports them.")
        : !m_inventory ? tr("This backend cannot import devices.")
        : allowed ? tr("Add or update devices from the CSV file your CRM or device-management "
                       "tool exported")
                  : m_session->deniedReason(Permission::ImportDevices);
    m_importDevices->setToolTip(
        tr("%1 (%2)", "what an action does (its shortcut)")
            .arg(what, m_importDevices->shortcut().toString(QKeySequence::NativeText)));
    m_importDevices->setStatusTip(m_importDevices->toolTip());
}

void MainWindow::importDevices()
{
    if (!m_inventory || !m_importDevices->isEnabled())
        return;
    auto *dialog = new InventoryImportDialog(m_inventory, m_session, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &InventoryImportDialog::imported, this, [this](const InventoryReport &report) {
        statusBar()->showMessage(tr("Imported %1: %2 device(s) added, %3 updated.")
                                     .arg(QFileInfo(report.path).fileName())
                                     .arg(report.newDevices)
                                     .arg(report.updatedDevices),
                                 15000);
        if (m_audit)
            m_audit->refresh(); // the import is an audited decision
    });
    dialog->open();
    dialog->browseButton()->setFocus();
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    // Enabled by setInventoryImport(), for a role that may import.
    m_importDevices = file->addAction(tr("&Import Devices\u2026"), this, &MainWindow::importDevices);
    m_importDevices->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
    file->setToolTipsVisible(true);
    connect(m_session, &OperatorSession::operatorChanged, this, &MainWindow::updateImportAction);
    updateImportAction();
    QAction *exportCsv = file->addAction(tr("&Export Devices as CSV\u2026"), this, [this] {
        showPage(m_pages->indexOf(m_devices));
        m_devices->exportCsv();
    });
    exportCsv->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    file->addSeparator();
    m_switchOperator
        = file->addAction(tr("S&witch Operator\u2026"), this, &MainWindow::switchOperator);
    m_switchOperator->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));
    quit->setMenuRole(QAction::QuitRole);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    QAction *find = edit->addAction(tr("&Find Device\u2026"), this, [this] {
        showPage(m_pages->indexOf(m_devices));
        m_devices->focusSearch();
    });
    find->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_F));
    edit->addSeparator();
    m_settingsAction = edit->addAction(tr("&Settings\u2026"), this, &MainWindow::openSettings);
    m_settingsAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Comma));
    m_settingsAction->setToolTip(
        tr("Connection, operator, theme and language, compliance limits and rollout defaults "
           "(%1)")
            .arg(m_settingsAction->shortcut().toString(QKeySequence::NativeText)));
    m_settingsAction->setStatusTip(m_settingsAction->toolTip());
    m_settingsAction->setMenuRole(QAction::PreferencesRole);
    edit->setToolTipsVisible(true);

    m_goMenu = menuBar()->addMenu(tr("&Go"));

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *about = help->addAction(tr("&About Patchboard"), this, &MainWindow::about);
    about->setMenuRole(QAction::AboutRole);
    QAction *aboutQt = help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
    aboutQt->setMenuRole(QAction::AboutQtRole);
}

void MainWindow::about()
{
    QMessageBox::about(this, tr("About Patchboard"),
                       tr("<h3>Patchboard %1</h3>"
                          "<p>A console for keeping fleets of cellular and IoT devices patched: "
                          "security patch levels, end of support, releases and staged rollouts, "
                          "following ITU-T X.secup-iot and the GSMA security update guidelines.</p>"
                          "<p>Backend: %2</p>"
                          "<p>Licensed under the Apache License 2.0.</p>")
                           .arg(QCoreApplication::applicationVersion().toHtmlEscaped(),
                                m_backendLabel->text().toHtmlEscaped()));
}

void MainWindow::setServerConnection(ApiClient *client)
{
    m_client = client;
    if (!client)
        return;
    // The banner on top of the pages: the old central widget moves under it.
    m_banner = new ConnectionBanner(client, this);
    QWidget *pages = takeCentralWidget();
    auto *frame = new QWidget(this);
    auto *layout = new QVBoxLayout(frame);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_banner);
    layout->addWidget(pages, 1);
    setCentralWidget(frame);
    connect(m_banner, &ConnectionBanner::signInRequested, this, &MainWindow::signIn);
    connect(client, &ApiClient::sessionExpired, this, &MainWindow::signIn);
    connect(client, &ApiClient::stateChanged, this, &MainWindow::updateServerState);

    // The server decides who acts: the signed-in operator with the role the server gave.
    if (client->signedIn())
        m_session->setOperator(client->session().who);
    m_switchOperator->setEnabled(false);
    m_switchOperator->setToolTip(tr("On a server you act as the operator you signed in as, in "
                                    "the role the server gives; sign in as another user to "
                                    "act as them."));
    m_switchOperator->setStatusTip(m_switchOperator->toolTip());
    m_operatorLabel->setToolTip(tr("Who acts, and in which role, as the server signed you in"));
    updateImportAction();
    m_databaseState->hide(); // the server's state is the backend label's
    updateServerState();
}

LoginDialog *MainWindow::loginDialog() const
{
    return m_login;
}

void MainWindow::signIn()
{
    if (!m_client)
        return;
    if (m_login) {
        m_login->raise();
        m_login->activateWindow();
        return;
    }
    m_login = new LoginDialog(m_client, this);
    m_login->setAttribute(Qt::WA_DeleteOnClose);
    m_login->setUser(m_session->current().name);
    if (m_client->state() == ApiClient::State::SignedOut)
        m_login->setReason(m_client->stateMessage());
    connect(m_login, &LoginDialog::signedIn, this, [this](const ApiSession &session) {
        m_session->setOperator(session.who);
        statusBar()->showMessage(tr("Signed in as %1.").arg(m_session->displayText()), 10000);
    });
    m_login->open();
}

void MainWindow::updateServerState()
{
    if (!m_client)
        return;
    const QString url = m_client->endpoint().url.toDisplayString();
    QString state;
    switch (m_client->state()) {
    case ApiClient::State::Connecting:
        state = tr("connecting");
        break;
    case ApiClient::State::Online:
        state = tr("online");
        break;
    case ApiClient::State::Offline:
        state = tr("offline");
        break;
    case ApiClient::State::SignedOut:
        state = tr("signed out");
        break;
    }
    m_backendLabel->setText(tr("Server: %1 \u2014 %2", "server address, connection state")
                                .arg(url, state));
    m_backendLabel->setToolTip(m_client->stateMessage());
    const bool fine = m_client->state() == ApiClient::State::Online;
    QPalette palette = QPalette();
    if (!fine)
        palette.setColor(QPalette::WindowText, DeviceFormat::warningColor());
    m_backendLabel->setPalette(palette);
}

void MainWindow::updateCount(int matching, int fleetSize)
{
    m_countLabel->setText(
        matching == fleetSize
            ? tr("%Ln device(s)", nullptr, fleetSize)
            : tr("%1 of %Ln device(s)", nullptr, fleetSize).arg(QLocale().toString(matching)));
}

} // namespace Patchboard
