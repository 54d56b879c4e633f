// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QObject>
#include <QString>

namespace Patchboard {

class MainWindow;

// Waits until the page shown at start has loaded (the first rows of devices with the first one's
// detail, or the compliance summary), then saves a screenshot of the window and/or quits. Used
// for README screenshots and smoke tests (--screenshot, --quit-after-load).
class PageWatcher : public QObject
{
    Q_OBJECT
public:
    PageWatcher(MainWindow *window, bool compliancePage, QString screenshotPath,
                QObject *parent = nullptr);

private:
    void onLoaded();
    void finish();

    MainWindow *m_window = nullptr;
    QString m_path;
    bool m_done = false;
};

} // namespace Patchboard
