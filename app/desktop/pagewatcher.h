// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "commandline.h"

#include <QObject>
#include <QPointer>
#include <QString>

class QWidget;

namespace Patchboard {

class MainWindow;
class NewRolloutDialog;

// Waits until the page shown at start has loaded (the first rows of devices with the first one's
// detail, the compliance summary, the releases or the rollouts with the selected one's detail, or
// the first page of the audit log), then saves a screenshot of the window and/or quits. Used for
// README screenshots and smoke tests (--screenshot, --quit-after-load). With --dialog it then opens
// that dialog and saves it instead of the window, with --wall the wall screen (the user guide's
// screenshots, scripts/screenshots.sh).
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
    void drillDown();
    void onLoaded();
    void finish();
    // Opens the --dialog; it calls onTargetReady() once the dialog shows its data.
    void openDialog();
    void watchWallScreen();
    void onTargetReady();
    void fail(const QString &message);
    static bool isPreviewReady(const NewRolloutDialog *dialog);

    MainWindow *m_window = nullptr;
    QString m_path;
    bool m_done = false;
    CommandLine::Dialog m_dialog = CommandLine::Dialog::None;
    int m_dialogPage = 0;
    QString m_dialogFile;
    bool m_wallScreen = false;
    bool m_drillDown = false;
    bool m_drilled = false;
    QPointer<QWidget> m_target; // saved instead of the window
    bool m_targetOpened = false;
    bool m_targetReady = false;
};

} // namespace Patchboard
