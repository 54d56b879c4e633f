// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "commandline.h"

#include <QObject>
#include <QString>

namespace Patchboard {

class MainWindow;

// Waits until the page shown at start has loaded (the first rows of devices with the first one's
// detail, the compliance summary, the releases or the rollouts with the selected one's detail, or
// the first page of the audit log), then saves a screenshot of the window and/or quits. Used for
// README screenshots and smoke tests (--screenshot, --quit-after-load).
class PageWatcher : public QObject
{
    Q_OBJECT
public:
    PageWatcher(MainWindow *window, CommandLine::Page page, qint64 releaseId,
                QString screenshotPath, QObject *parent = nullptr);
    // The page, the release or rollout to select and the screenshot path from the command line.
    PageWatcher(MainWindow *window, const CommandLine &options, QObject *parent = nullptr);

private:
    void watch(CommandLine::Page page, qint64 releaseId, qint64 rolloutId);
    void watchDevices();
    void watchReleases(qint64 releaseId);
    void watchRollouts(qint64 rolloutId);
    void onLoaded();
    void finish();

    MainWindow *m_window = nullptr;
    QString m_path;
    bool m_done = false;
};

} // namespace Patchboard
