// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "appsettings.h"
#include "domain/devicemodel.h"
#include "domain/devicequery.h"
#include "domain/release.h"
#include "domain/rollout.h"

#include <QDialog>
#include <QPointer>
#include <QTimer>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QStackedWidget;

namespace Patchboard {

class FirmwareBackend;
class OperatorSession;
class RolloutBackend;
class RolloutPreviewView;
class RolloutScheduleEditor;
class RolloutTargetsEditor;
class TrackerBackend;
class WavePlanEditor;

// Plans a staged rollout of an approved release (ARCHITECTURE.md update procedure step 3), step
// by step: the release and a name; the targets (models, regions, patch level, sequence, and the
// exceptions that are left out unless included: SSU-TES-0030, SSU-SEC-0040); the waves; the
// schedule with the maintenance window and a deadline; the end-user notice (SSU-COM-0020/0030,
// SSU-TES-0020); and the preview. Whatever page is shown, the service previews the plan 300 ms
// after the last change, and the line at the bottom says what it would target. "Create as
// Draft" and "Create and Schedule" are enabled only when the preview of the plan as it stands
// has no problems.
class NewRolloutDialog : public QDialog
{
    Q_OBJECT
public:
    enum Step {
        ReleaseStep,
        TargetsStep,
        WavesStep,
        ScheduleStep,
        NoticeStep,
        PreviewStep,
        StepCount
    };

    NewRolloutDialog(RolloutBackend *rollouts, FirmwareBackend *firmware, TrackerBackend *tracker,
                     OperatorSession *session, QWidget *parent = nullptr);

    // Starts the waves and the maintenance window from these (Settings > Rollouts); Reset to
    // Default on the Waves step goes back to them too. Call before the operator edits.
    void setDefaults(const RolloutDefaults &defaults);

    // The plan as the pages say now.
    RolloutPlan plan() const;
    int currentStep() const;
    void setCurrentStep(int step);
    // Selects a release by id (false if the list does not offer it).
    bool selectRelease(qint64 releaseId);

    bool isLoaded() const { return m_releasesLoaded && m_catalogLoaded; }
    // The preview of plan() has arrived (none is pending for a newer plan).
    bool isPreviewCurrent() const;
    const RolloutPreview &preview() const { return m_preview; }
    int previewRequests() const { return m_previewRequests; }
    bool isCreating() const { return m_creating; }
    // Why the rollout cannot be created yet (the create buttons' tooltip), or empty.
    QString blockedReason() const;
    QString errorText() const;
    QString previewLineText() const;
    // The devices of the targeted models past their support end ("Show in Devices").
    DeviceFilter unsupportedDevicesFilter() const;

    QComboBox *releaseCombo() const { return m_release; }
    QLineEdit *nameEdit() const { return m_name; }
    RolloutTargetsEditor *targetsEditor() const { return m_targets; }
    WavePlanEditor *waveEditor() const { return m_waves; }
    RolloutScheduleEditor *scheduleEditor() const { return m_scheduleEditor; }
    QLineEdit *noticeTitleEdit() const { return m_noticeTitle; }
    QPlainTextEdit *noticeSummaryEdit() const { return m_noticeSummary; }
    QCheckBox *fallbackCheck() const { return m_fallback; }
    QLineEdit *fallbackUrlEdit() const { return m_fallbackUrl; }
    RolloutPreviewView *previewView() const { return m_previewView; }
    QPushButton *backButton() const { return m_back; }
    QPushButton *nextButton() const { return m_next; }
    QPushButton *draftButton() const { return m_draft; }
    QPushButton *scheduleButton() const { return m_schedule; }

public Q_SLOTS:
    // Creates the rollout as a draft, or scheduled at once.
    void create(bool schedule);
    void showUnsupportedDevices();

Q_SIGNALS:
    void rolloutCreated(qint64 rolloutId);
    void showDevicesRequested(const Patchboard::DeviceFilter &filter);
    void statusMessage(const QString &message);
    // A preview arrived and is shown.
    void previewShown();

private:
    QWidget *makeReleasePage();
    QWidget *makeTargetsPage();
    QWidget *makeWavesPage();
    QWidget *makeSchedulePage();
    QWidget *makeNoticePage();
    void loadReleases();
    void loadCatalog();
    void releaseChanged();
    void loadNotice(qint64 releaseId);
    void planChanged();
    void requestPreview();
    void showPreview(const RolloutPreview &preview);
    QStringList localProblems() const;
    void updateButtons();
    void updatePreviewLine();
    void showError(const QString &message);
    const ReleaseSummary *currentRelease() const;

    QPointer<RolloutBackend> m_backend;
    QPointer<FirmwareBackend> m_firmware;
    QPointer<TrackerBackend> m_tracker;
    OperatorSession *m_session = nullptr;

    QListWidget *m_steps = nullptr;
    QStackedWidget *m_pages = nullptr;
    QComboBox *m_release = nullptr;
    QLabel *m_releaseInfo = nullptr;
    QLineEdit *m_name = nullptr;
    RolloutTargetsEditor *m_targets = nullptr;
    WavePlanEditor *m_waves = nullptr;
    RolloutScheduleEditor *m_scheduleEditor = nullptr;
    QLineEdit *m_noticeTitle = nullptr;
    QPlainTextEdit *m_noticeSummary = nullptr;
    QCheckBox *m_fallback = nullptr;
    QLineEdit *m_fallbackUrl = nullptr;
    RolloutPreviewView *m_previewView = nullptr;
    QLabel *m_previewLine = nullptr;
    QLabel *m_error = nullptr;
    QPushButton *m_back = nullptr;
    QPushButton *m_next = nullptr;
    QPushButton *m_draft = nullptr;
    QPushButton *m_schedule = nullptr;
    QPushButton *m_close = nullptr;
    QTimer m_previewDelay;

    QList<ReleaseSummary> m_releases; // approved, not withdrawn
    RolloutPreview m_preview;
    RolloutPlan m_previewPlan; // the plan m_preview is for
    RolloutPlan m_requestedPlan; // the plan of the preview on its way
    bool m_hasPreview = false;
    bool m_previewPending = false;
    bool m_releasesLoaded = false;
    bool m_catalogLoaded = false;
    bool m_creating = false;
    bool m_nameEdited = false;
    bool m_noticeEdited = false;
    bool m_fillingNotice = false;
    quint64 m_previewRequest = 0;
    quint64 m_noticeRequest = 0;
    int m_previewRequests = 0;
    QString m_previewError;
};

} // namespace Patchboard
