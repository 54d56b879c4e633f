// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "audit/auditlog.h"
#include "domain/devicequery.h"

#include <QMainWindow>
#include <QPointer>

class QAction;
class QLabel;
class QListWidget;
class QMenu;
class QStackedWidget;

namespace Patchboard {

class ApiClient;
class AppSettings;
class AuditBackend;
class AuditPage;
class CompliancePage;
class ConnectionBanner;
class DevicesPage;
class InventoryImportBackend;
class LoginDialog;
class FirmwareBackend;
class OperatorSession;
class ReleasesPage;
class RolloutBackend;
class RolloutsPage;
class SettingsDialog;
class TelemetryBackend;
class TelemetryPage;
class TrackerBackend;

// The console's frame: pages chosen from a list on the left (Ctrl+1, Ctrl+2, ...), menus, and a
// status bar with the operator, the backend, the database state and the device count. Pages talk to each other only
// through typed signals routed here (STYLE.md practice 7). With a firmware backend the Releases
// page is added, with a rollout backend the Rollouts page (and the Rollout menu), with an audit
// backend the Audit Log page.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(TrackerBackend *backend, QWidget *parent = nullptr);
    // session: who acts (shared with the pages); firmware and audit may be null.
    MainWindow(TrackerBackend *backend, FirmwareBackend *firmware, AuditBackend *audit,
               OperatorSession *session, QWidget *parent = nullptr);
    // The same with staged rollouts; rollouts may be null too.
    MainWindow(TrackerBackend *backend, FirmwareBackend *firmware, AuditBackend *audit,
               RolloutBackend *rollouts, OperatorSession *session, QWidget *parent = nullptr);
    // The same with the Telemetry page (telemetry may be null).
    MainWindow(TrackerBackend *backend, FirmwareBackend *firmware, AuditBackend *audit,
               RolloutBackend *rollouts, TelemetryBackend *telemetry, OperatorSession *session,
               QWidget *parent = nullptr);

    // Adds a page to the navigation list and the Go menu, with the next Ctrl+<n> shortcut.
    int addPage(QWidget *page, const QString &title);

    DevicesPage *devicesPage() const { return m_devices; }
    CompliancePage *compliancePage() const { return m_compliance; }
    ReleasesPage *releasesPage() const { return m_releases; }
    RolloutsPage *rolloutsPage() const { return m_rollouts; }
    // Rollout > New Rollout (Ctrl+Shift+N); null without a rollout backend.
    QAction *newRolloutAction() const { return m_newRollout; }
    AuditPage *auditPage() const { return m_audit; }
    TelemetryPage *telemetryPage() const { return m_telemetry; }
    // View > Wall Screen (F11) and File > Compliance Report; null without their backends.
    QAction *wallScreenAction() const { return m_wallScreen; }
    QAction *complianceReportAction() const { return m_complianceReport; }
    // File > Import Devices… (Ctrl+I): off without an import backend and for a role that may not
    // import (Permission::ImportDevices; the service refuses it too).
    QAction *importDevicesAction() const { return m_importDevices; }
    void setInventoryImport(Patchboard::InventoryImportBackend *backend);
    OperatorSession *session() const { return m_session; }
    QLabel *operatorLabel() const { return m_operatorLabel; }
    QLabel *auditWarningLabel() const { return m_auditWarning; }
    int pageIndex(QWidget *page) const;
    int currentPage() const;
    int pageCount() const;
    QLabel *deviceCountLabel() const { return m_countLabel; }
    // The backend ("Embedded database …") and the database state ("Database OK", or the last
    // error a backend answered with), always in the status bar.
    QLabel *backendLabel() const { return m_backendLabel; }
    QLabel *databaseStateLabel() const { return m_databaseState; }
    // Edit > Settings (Ctrl+,) and its dialog while open.
    QAction *settingsAction() const { return m_settingsAction; }
    SettingsDialog *settingsDialog() const;
    // The settings the pages follow: compliance limits and rollout defaults (the theme is the
    // application's; the database, operator and language are read at start by main()).
    void applySettings(const Patchboard::AppSettings &settings);
    // On patchboard-server (issue #6): the connection banner on top, "Server: … — online" in the
    // status bar, the signed-in operator as the only one (File > Switch Operator is off), and the
    // sign-in dialog again when the session expires or the banner asks for it.
    void setServerConnection(Patchboard::ApiClient *client);
    ConnectionBanner *connectionBanner() const { return m_banner; }
    QAction *switchOperatorAction() const { return m_switchOperator; }
    // The sign-in dialog while it is open (null otherwise).
    LoginDialog *loginDialog() const;

public Q_SLOTS:
    void showPage(int index);
    void showDevices(const Patchboard::DeviceFilter &filter);
    void showRelease(qint64 releaseId);
    // Shows the Rollouts page with the rollout selected (once the list has it).
    void showRollout(qint64 rolloutId);
    // Shows the Rollouts page and its New Rollout dialog.
    void newRollout();
    // Opens the device inventory import dialog (File > Import Devices).
    void importDevices();
    // Shows the Telemetry page for one rollout.
    void showTelemetry(qint64 rolloutId);
    // Opens the read-only wall-screen dashboard of active rollouts, full screen.
    void showWallScreen();
    // Asks who acts from now on (File > Switch Operator).
    void switchOperator();
    // The chain check made when the database opened: a broken chain is flagged at once.
    void setAuditVerification(const Patchboard::AuditVerification &verification);
    // Opens the Settings dialog (Edit > Settings).
    void openSettings();
    // Empty problem: the last answer from the database was fine.
    void setDatabaseState(const QString &problem);
    // Opens the sign-in dialog for the server (does nothing without one).
    void signIn();

private:
    void createMenus();
    void createRolloutMenu();
    void createViewMenu(FirmwareBackend *firmware);
    void updateRolloutActions();
    void updateImportAction();
    void about();
    void updateCount(int matching, int fleetSize);
    void updateOperator();
    void showAuditState(const Patchboard::AuditVerification &verification);
    void updateServerState();

    QPointer<TrackerBackend> m_backend;
    QListWidget *m_navigation = nullptr;
    QStackedWidget *m_pages = nullptr;
    QMenu *m_goMenu = nullptr;
    QLabel *m_backendLabel = nullptr;
    QLabel *m_countLabel = nullptr;
    QLabel *m_operatorLabel = nullptr;
    QLabel *m_auditWarning = nullptr;
    QLabel *m_databaseState = nullptr;
    QAction *m_settingsAction = nullptr;
    QPointer<SettingsDialog> m_settingsDialog;
    OperatorSession *m_session = nullptr;
    int m_navigationWidth = 0;
    DevicesPage *m_devices = nullptr;
    CompliancePage *m_compliance = nullptr;
    ReleasesPage *m_releases = nullptr;
    RolloutsPage *m_rollouts = nullptr;
    AuditPage *m_audit = nullptr;
    QAction *m_newRollout = nullptr;
    TelemetryPage *m_telemetry = nullptr;
    RolloutBackend *m_rolloutBackend = nullptr;
    QAction *m_wallScreen = nullptr;
    QAction *m_complianceReport = nullptr;
    QAction *m_importDevices = nullptr;
    QPointer<InventoryImportBackend> m_inventory;
    QPointer<ApiClient> m_client;
    ConnectionBanner *m_banner = nullptr;
    QAction *m_switchOperator = nullptr;
    QPointer<LoginDialog> m_login;
};

} // namespace Patchboard
