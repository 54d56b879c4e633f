// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "domain/devicequery.h"

#include <QMainWindow>
#include <QPointer>

class QLabel;
class QListWidget;
class QMenu;
class QStackedWidget;

namespace Patchboard {

class CompliancePage;
class DevicesPage;
class TrackerBackend;

// The console's frame: pages chosen from a list on the left (Ctrl+1, Ctrl+2, ...), menus, and a
// status bar with the backend and the device count. Pages talk to each other only through
// typed signals routed here (STYLE.md practice 7).
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(TrackerBackend *backend, QWidget *parent = nullptr);

    // Adds a page to the navigation list and the Go menu, with the next Ctrl+<n> shortcut.
    int addPage(QWidget *page, const QString &title);

    DevicesPage *devicesPage() const { return m_devices; }
    CompliancePage *compliancePage() const { return m_compliance; }
    int currentPage() const;
    int pageCount() const;
    QLabel *deviceCountLabel() const { return m_countLabel; }

public Q_SLOTS:
    void showPage(int index);
    void showDevices(const Patchboard::DeviceFilter &filter);

private:
    void createMenus();
    void about();
    void updateCount(int matching, int fleetSize);

    QPointer<TrackerBackend> m_backend;
    QListWidget *m_navigation = nullptr;
    QStackedWidget *m_pages = nullptr;
    QMenu *m_goMenu = nullptr;
    QLabel *m_backendLabel = nullptr;
    QLabel *m_countLabel = nullptr;
    int m_navigationWidth = 0;
    DevicesPage *m_devices = nullptr;
    CompliancePage *m_compliance = nullptr;
};

} // namespace Patchboard
