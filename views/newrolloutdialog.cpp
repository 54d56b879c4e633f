// SPDX-License-Identifier: Apache-2.0
#include "newrolloutdialog.h"

#include "deviceformat.h"
#include "domain/rolloutrules.h"
#include "firmware/firmwarebackend.h"
#include "operatorsession.h"
#include "releaseformat.h"
#include "rollout/rolloutbackend.h"
#include "rolloutpreviewview.h"
#include "rolloutscheduleeditor.h"
#include "rollouttargetseditor.h"
#include "tracker/trackerbackend.h"
#include "viewstyle.h"
#include "waveplaneditor.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalBlocker>
#include <QStackedWidget>
#include <QTimeEdit>
#include <QVBoxLayout>

#include <algorithm>
#include <limits>

namespace Patchboard {

namespace {

constexpr int PreviewDelayMs = 300; // after the last change: typing a name previews once

// A page: a heading, what it is for, and its content.
QWidget *makePage(const QString &title, const QString &explanation, QLayout *content,
                  QWidget *parent)
{
    auto *page = new QWidget(parent);
    auto *heading = new QLabel(title, page);
    ViewStyle::setPanelTitle(heading);
    auto *text = new QLabel(explanation, page);
    text->setWordWrap(true);
    ViewStyle::setMuted(text);
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(heading);
    layout->addWidget(text);
    layout->addSpacing(6);
    layout->addLayout(content, 1);
    return page;
}

} // namespace

NewRolloutDialog::NewRolloutDialog(RolloutBackend *rollouts, FirmwareBackend *firmware,
                                   TrackerBackend *tracker, OperatorSession *session,
                                   QWidget *parent)
    : QDialog(parent)
    , m_backend(rollouts)
    , m_firmware(firmware)
    , m_tracker(tracker)
    , m_session(session)
    , m_steps(new QListWidget(this))
    , m_pages(new QStackedWidget(this))
    , m_previewView(new RolloutPreviewView(this))
    , m_previewLine(new QLabel(this))
    , m_error(new QLabel(this))
    , m_back(new QPushButton(tr("< &Back"), this))
    , m_next(new QPushButton(tr("&Next >"), this))
    , m_draft(new QPushButton(tr("Create as D&raft"), this))
    , m_schedule(new QPushButton(tr("Create and &Schedule"), this))
    , m_close(new QPushButton(tr("Cancel"), this))
{
    setWindowTitle(tr("New Rollout"));
    const QString stepNames[StepCount] = {tr("Release"),  tr("Targets"),         tr("Waves"),
                                          tr("Schedule"), tr("End-user notice"), tr("Preview")};
    for (int step = 0; step < StepCount; ++step)
        m_steps->addItem(tr("%1. %2", "step number, step name").arg(step + 1).arg(stepNames[step]));
    m_steps->setAccessibleName(tr("Steps"));
    m_steps->setFixedWidth(m_steps->sizeHintForColumn(0) + 4 * m_steps->fontMetrics().height());
    m_steps->setFrameShape(QFrame::NoFrame);
    m_steps->setSpacing(2);

    m_pages->addWidget(makeReleasePage());
    m_pages->addWidget(makeTargetsPage());
    m_pages->addWidget(makeWavesPage());
    m_pages->addWidget(makeSchedulePage());
    m_pages->addWidget(makeNoticePage());
    auto *previewContent = new QVBoxLayout;
    previewContent->addWidget(m_previewView);
    m_pages->addWidget(makePage(tr("Preview"),
                                tr("What the rollout would do with the fleet as it is now. It can "
                                   "be created once no problem is listed."),
                                previewContent, this));

    m_previewLine->setTextFormat(Qt::PlainText);
    m_previewLine->setWordWrap(true);
    m_previewLine->setAccessibleName(tr("Preview summary"));
    m_error->setTextFormat(Qt::PlainText);
    m_error->setWordWrap(true);
    m_error->setAccessibleName(tr("Error"));
    QPalette errorPalette = m_error->palette();
    errorPalette.setColor(QPalette::WindowText, DeviceFormat::criticalColor());
    m_error->setPalette(errorPalette);
    m_error->hide();

    m_next->setDefault(true);
    for (QPushButton *button : {m_back, m_draft, m_schedule, m_close})
        button->setAutoDefault(false);
    m_back->setToolTip(tr("Previous step (Alt+B)"));
    m_next->setToolTip(tr("Next step (Alt+N)"));
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_back);
    buttons->addWidget(m_next);
    buttons->addStretch(1);
    buttons->addWidget(m_draft);
    buttons->addWidget(m_schedule);
    buttons->addWidget(m_close);

    auto *body = new QHBoxLayout;
    body->addWidget(m_steps);
    body->addSpacing(8);
    body->addWidget(m_pages, 1);
    auto *separator = new QFrame(this);
    separator->setFrameShape(QFrame::HLine);
    separator->setFrameShadow(QFrame::Sunken);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(body, 1);
    layout->addWidget(separator);
    layout->addWidget(m_previewLine);
    layout->addWidget(m_error);
    layout->addLayout(buttons);

    connect(m_steps, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row >= 0)
            m_pages->setCurrentIndex(row);
        updateButtons();
    });
    connect(m_back, &QPushButton::clicked, this, [this] { setCurrentStep(currentStep() - 1); });
    connect(m_next, &QPushButton::clicked, this, [this] { setCurrentStep(currentStep() + 1); });
    connect(m_draft, &QPushButton::clicked, this, [this] { create(false); });
    connect(m_schedule, &QPushButton::clicked, this, [this] { create(true); });
    connect(m_close, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_previewView, &RolloutPreviewView::showUnsupportedRequested, this,
            &NewRolloutDialog::showUnsupportedDevices);
    connect(m_session, &OperatorSession::operatorChanged, this, &NewRolloutDialog::updateButtons);
    m_previewDelay.setSingleShot(true);
    m_previewDelay.setInterval(PreviewDelayMs);
    connect(&m_previewDelay, &QTimer::timeout, this, &NewRolloutDialog::requestPreview);

    // Tab goes through the step's fields, then to the buttons (created first, moved last).
    setTabOrder(m_fallbackUrl, m_back);
    setTabOrder(m_back, m_next);
    setTabOrder(m_next, m_draft);
    setTabOrder(m_draft, m_schedule);
    setTabOrder(m_schedule, m_close);

    m_waves->setWaves(RolloutPlan::defaultWaves());
    setCurrentStep(ReleaseStep);
    loadReleases();
    loadCatalog();
    planChanged();
    resize(980, 680);
}

QWidget *NewRolloutDialog::makeReleasePage()
{
    m_release = new QComboBox(this);
    m_release->setAccessibleName(tr("Release"));
    m_release->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_release->setMinimumContentsLength(40);
    m_releaseInfo = new QLabel(this);
    m_releaseInfo->setWordWrap(true);
    m_releaseInfo->setTextFormat(Qt::PlainText);
    m_name = new QLineEdit(this);
    m_name->setAccessibleName(tr("Rollout name"));
    m_name->setMaxLength(120);
    m_name->setPlaceholderText(tr("e.g. November security update, Germany"));
    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(tr("&Release:"), m_release);
    form->addRow(QString(), m_releaseInfo);
    form->addRow(tr("&Name:"), m_name);
    auto *content = new QVBoxLayout;
    content->addLayout(form);
    content->addStretch(1);
    connect(m_release, &QComboBox::currentIndexChanged, this, &NewRolloutDialog::releaseChanged);
    connect(m_name, &QLineEdit::textEdited, this, [this] { m_nameEdited = true; });
    connect(m_name, &QLineEdit::textChanged, this, &NewRolloutDialog::planChanged);
    return makePage(tr("Release"),
                    tr("An approved release that has not been withdrawn. Test engineers approve "
                       "releases on the Releases page."),
                    content, this);
}

QWidget *NewRolloutDialog::makeTargetsPage()
{
    m_targets = new RolloutTargetsEditor(this);
    auto *content = new QVBoxLayout;
    content->addWidget(m_targets);
    connect(m_targets, &RolloutTargetsEditor::changed, this, &NewRolloutDialog::planChanged);
    return makePage(tr("Targets"),
                    tr("Which devices get the release: all checked models and regions, narrowed "
                       "by patch level and firmware sequence. Devices already at or above the "
                       "release's sequence are always left out (anti-rollback)."),
                    content, this);
}

QWidget *NewRolloutDialog::makeWavesPage()
{
    m_waves = new WavePlanEditor(this);
    auto *content = new QVBoxLayout;
    content->addWidget(m_waves);
    connect(m_waves, &WavePlanEditor::wavesChanged, this, &NewRolloutDialog::planChanged);
    return makePage(tr("Waves"),
                    tr("The release is offered wave by wave, the most popular models first. A "
                       "wave halts the rollout when its failures exceed the error threshold; the "
                       "next wave starts after the wave succeeded and soaked."),
                    content, this);
}

QWidget *NewRolloutDialog::makeSchedulePage()
{
    m_scheduleEditor = new RolloutScheduleEditor(this);
    auto *content = new QVBoxLayout;
    content->addWidget(m_scheduleEditor);
    connect(m_scheduleEditor, &RolloutScheduleEditor::changed, this,
            &NewRolloutDialog::planChanged);
    return makePage(tr("Schedule"),
                    tr("When the rollout starts once scheduled, when devices may install, and "
                       "until when devices are offered the release."),
                    content, this);
}

QWidget *NewRolloutDialog::makeNoticePage()
{
    m_noticeTitle = new QLineEdit(this);
    m_noticeTitle->setAccessibleName(tr("Notice title"));
    m_noticeTitle->setMaxLength(120);
    m_noticeSummary = new QPlainTextEdit(this);
    m_noticeSummary->setAccessibleName(tr("Notice summary"));
    m_noticeSummary->setTabChangesFocus(true);
    // A notification's worth of text: a few lines, not a document.
    m_noticeSummary->setMaximumHeight(m_noticeSummary->fontMetrics().lineSpacing() * 7 + 12);
    m_fallback = new QCheckBox(tr("&Manufacturer fallback for devices the operator cannot "
                                  "reach"),
                               this);
    m_fallback->setToolTip(tr("SSU-TES-0020: such devices get the update from the "
                              "manufacturer's site."));
    m_fallbackUrl = new QLineEdit(this);
    m_fallbackUrl->setAccessibleName(tr("Manufacturer fallback URL"));
    m_fallbackUrl->setPlaceholderText(QStringLiteral("https://"));
    m_fallbackUrl->setEnabled(false);
    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(tr("&Title:"), m_noticeTitle);
    form->addRow(tr("S&ummary:"), m_noticeSummary);
    form->addRow(QString(), m_fallback);
    form->addRow(tr("&URL:"), m_fallbackUrl);
    auto *content = new QVBoxLayout;
    content->addLayout(form);
    content->addStretch(1);
    connect(m_noticeTitle, &QLineEdit::textEdited, this, [this] { m_noticeEdited = true; });
    connect(m_noticeTitle, &QLineEdit::textChanged, this, &NewRolloutDialog::planChanged);
    connect(m_noticeSummary, &QPlainTextEdit::textChanged, this, [this] {
        if (!m_fillingNotice)
            m_noticeEdited = true;
        planChanged();
    });
    connect(m_fallback, &QCheckBox::toggled, m_fallbackUrl, &QWidget::setEnabled);
    connect(m_fallback, &QCheckBox::toggled, this, &NewRolloutDialog::planChanged);
    connect(m_fallbackUrl, &QLineEdit::textChanged, this, &NewRolloutDialog::planChanged);
    return makePage(tr("End-user notice"),
                    tr("What the device's user reads: that this is a security update "
                       "(SSU-COM-0020) and which vulnerabilities it fixes (SSU-COM-0030). "
                       "Prefilled from the release notes."),
                    content, this);
}

void NewRolloutDialog::setDefaults(const RolloutDefaults &defaults)
{
    m_waves->setDefaultWaves(defaults.waves);
    m_waves->setWaves(defaults.waves);
    m_scheduleEditor->windowCheck()->setChecked(defaults.window.enabled);
    m_scheduleEditor->windowStartEdit()->setTime(defaults.window.start);
    m_scheduleEditor->windowEndEdit()->setTime(defaults.window.end);
}

int NewRolloutDialog::currentStep() const
{
    return m_pages->currentIndex();
}

void NewRolloutDialog::setCurrentStep(int step)
{
    if (step < 0 || step >= StepCount)
        return;
    m_steps->setCurrentRow(step); // switches the page
    m_pages->setCurrentIndex(step);
    updateButtons();
}

void NewRolloutDialog::loadReleases()
{
    if (!m_firmware) {
        m_releasesLoaded = true;
        showError(tr("No firmware server is connected: there are no releases to roll out."));
        return;
    }
    m_firmware->releases(m_session->current())
        .then(this, [this](const Result<QList<ReleaseSummary>> &result) {
            m_releasesLoaded = true;
            if (!result.ok()) {
                showError(result.error().text());
                return;
            }
            m_releases.clear();
            for (const ReleaseSummary &s : result.value()) {
                if (s.state == ReleaseState::Approved) // withdrawn is a state of its own
                    m_releases.append(s);
            }
            const QSignalBlocker blocker(m_release);
            m_release->clear();
            for (const ReleaseSummary &s : std::as_const(m_releases))
                m_release->addItem(
                    tr("%1 \u00b7 patch level %2 \u00b7 %3")
                        .arg(s.version, s.patchLevel.toString(), ReleaseFormat::models(s.models)),
                    s.id);
            m_release->setEnabled(!m_releases.isEmpty());
            if (m_releases.isEmpty())
                m_releaseInfo->setText(DeviceFormat::warningMarker()
                                       + tr("No approved release is available."));
            releaseChanged();
        });
}

void NewRolloutDialog::loadCatalog()
{
    if (!m_tracker) {
        m_catalogLoaded = true;
        return;
    }
    m_tracker->catalog().then(this, [this](const Result<FleetCatalog> &result) {
        m_catalogLoaded = true;
        if (!result.ok()) {
            showError(result.error().text());
            return;
        }
        m_targets->setCatalog(result.value()); // emits changed(): a new preview
    });
}

const ReleaseSummary *NewRolloutDialog::currentRelease() const
{
    const qint64 id = m_release->currentData().toLongLong();
    for (const ReleaseSummary &s : m_releases) {
        if (s.id == id)
            return &s;
    }
    return nullptr;
}

bool NewRolloutDialog::selectRelease(qint64 releaseId)
{
    const int index = m_release->findData(releaseId);
    if (index < 0)
        return false;
    m_release->setCurrentIndex(index);
    return true;
}

void NewRolloutDialog::releaseChanged()
{
    const ReleaseSummary *s = currentRelease();
    if (s) {
        m_releaseInfo->setText(tr("%1 release by %2 for %3; sequence %4; approved %5")
                                   .arg(ReleaseFormat::typeName(s->type), s->manufacturer,
                                        ReleaseFormat::models(s->models))
                                   .arg(s->sequenceNumber)
                                   .arg(DeviceFormat::dateTime(s->decided)));
        if (!m_nameEdited)
            m_name->setText(tr("%1 (patch level %2)").arg(s->version, s->patchLevel.toString()));
        loadNotice(s->id);
    }
    m_targets->setRelease(s);
    planChanged();
}

void NewRolloutDialog::loadNotice(qint64 releaseId)
{
    if (!m_firmware)
        return;
    const quint64 request = ++m_noticeRequest;
    m_firmware->releaseDetail(m_session->current(), releaseId)
        .then(this, [this, request](const Result<ReleaseDetail> &result) {
            if (request != m_noticeRequest || m_noticeEdited)
                return; // another release was chosen, or the operator wrote their own
            QDate patchLevel;
            QStringList cves;
            if (result.ok()) {
                // Most severe first, each CVE once (SSU-COM-0030).
                QList<ReleaseChange> changes = result.value().notes.changes;
                std::stable_sort(changes.begin(), changes.end(),
                                 [](const ReleaseChange &a, const ReleaseChange &b) {
                                     return int(a.severity) > int(b.severity);
                                 });
                for (const ReleaseChange &change : std::as_const(changes)) {
                    for (const QString &cve : change.cves) {
                        if (!cves.contains(cve))
                            cves.append(cve);
                    }
                }
                patchLevel = result.value().summary.patchLevel.date();
            } else if (const ReleaseSummary *s = currentRelease()) {
                patchLevel = s->patchLevel.date();
            }
            m_fillingNotice = true;
            m_noticeTitle->setText(RolloutRules::defaultNoticeTitle(patchLevel));
            m_noticeSummary->setPlainText(RolloutRules::defaultNoticeSummary(cves));
            m_fillingNotice = false;
            planChanged();
        });
}

RolloutPlan NewRolloutDialog::plan() const
{
    RolloutPlan p;
    p.releaseId = currentRelease() ? currentRelease()->id : 0;
    p.name = m_name->text().trimmed();
    p.targets = m_targets->filter();
    p.waves = m_waves->waves();
    p.start = m_scheduleEditor->start();
    p.deadline = m_scheduleEditor->deadline();
    p.window = m_scheduleEditor->window();
    p.notice.title = m_noticeTitle->text().trimmed();
    p.notice.summary = m_noticeSummary->toPlainText().trimmed();
    p.notice.manufacturerFallback = m_fallback->isChecked();
    p.notice.fallbackUrl = m_fallback->isChecked() ? m_fallbackUrl->text().trimmed() : QString();
    return p;
}

QStringList NewRolloutDialog::localProblems() const
{
    QStringList problems;
    if (!currentRelease())
        problems.append(m_releasesLoaded && m_releases.isEmpty()
                            ? tr("No approved release is available to roll out.")
                            : tr("Choose a release."));
    if (m_name->text().trimmed().isEmpty())
        problems.append(tr("Give the rollout a name."));
    problems += m_targets->problems();
    if (m_fallback->isChecked() && m_fallbackUrl->text().trimmed().isEmpty())
        problems.append(tr("Give the manufacturer's address for the fallback, or turn it off."));
    return problems;
}

void NewRolloutDialog::planChanged()
{
    m_previewView->setLocalProblems(localProblems());
    // Every change waits for a 300 ms pause; going back to the plan shown needs no new preview.
    if (m_hasPreview && m_previewPlan == plan())
        m_previewDelay.stop();
    else
        m_previewDelay.start();
    updateButtons();
    updatePreviewLine();
}

void NewRolloutDialog::requestPreview()
{
    if (!m_backend) {
        showError(tr("No rollout service is connected."));
        return;
    }
    const RolloutPlan p = plan();
    if (p.releaseId == 0) {
        m_previewView->clear(tr("Choose a release to see what the rollout would target."));
        return;
    }
    const quint64 request = ++m_previewRequest;
    ++m_previewRequests;
    m_previewPending = true;
    m_requestedPlan = p;
    updatePreviewLine();
    m_backend->preview(m_session->current(), p)
        .then(this, [this, request, p](const Result<RolloutPreview> &result) {
            if (request != m_previewRequest)
                return; // a newer plan is on its way
            m_previewPending = false;
            if (!result.ok()) {
                m_previewError = result.error().text();
                m_hasPreview = false;
                showError(m_previewError);
                m_previewView->clear(tr("No preview."));
            } else {
                if (!m_previewError.isEmpty())
                    showError({});
                m_previewError.clear();
                m_preview = result.value();
                m_previewPlan = p;
                m_hasPreview = true;
                m_previewView->setPreview(m_preview);
                // Changed meanwhile (back to an earlier plan, say): preview again.
                if (!(m_previewPlan == plan()))
                    m_previewDelay.start();
            }
            updateButtons();
            updatePreviewLine();
            Q_EMIT previewShown();
        });
}

bool NewRolloutDialog::isPreviewCurrent() const
{
    return m_hasPreview && !m_previewPending && !m_previewDelay.isActive()
        && m_previewPlan == plan();
}

QString NewRolloutDialog::blockedReason() const
{
    if (const QString why = m_session->deniedReason(Permission::PlanRollout); !why.isEmpty())
        return why;
    if (!m_backend)
        return tr("No rollout service is connected.");
    if (m_creating)
        return tr("The rollout is being created.");
    if (const QStringList local = localProblems(); !local.isEmpty())
        return local.constFirst();
    if (!m_previewError.isEmpty())
        return tr("The preview failed: %1").arg(m_previewError);
    if (!isPreviewCurrent())
        return tr("Waiting for the preview of the plan as it stands.");
    if (!m_preview.problems.isEmpty())
        return tr("The preview lists %Ln problem(s); see the Preview step.", nullptr,
                  int(m_preview.problems.size()));
    return {};
}

void NewRolloutDialog::updateButtons()
{
    const int step = currentStep();
    m_back->setEnabled(step > 0);
    m_next->setEnabled(step < StepCount - 1);
    const QString why = blockedReason();
    m_draft->setEnabled(why.isEmpty());
    m_schedule->setEnabled(why.isEmpty());
    m_draft->setToolTip(why.isEmpty() ? tr("Create the rollout as a draft: nothing is offered "
                                           "until it is scheduled.")
                                      : why);
    m_schedule->setToolTip(why.isEmpty()
                               ? tr("Create the rollout and schedule it: it starts at its start "
                                    "time, or now.")
                               : why);
}

void NewRolloutDialog::updatePreviewLine()
{
    QString text;
    QColor color;
    if (!currentRelease()) {
        text = tr("Preview: choose a release.");
    } else if (m_previewPending || m_previewDelay.isActive()) {
        text = tr("Preview: updating\u2026");
    } else if (!m_previewError.isEmpty()) {
        text = DeviceFormat::warningMarker() + tr("Preview failed.");
        color = DeviceFormat::criticalColor();
    } else if (m_hasPreview) {
        text = tr("Preview: %Ln device(s) targeted", nullptr, m_preview.targeted)
            + tr(" in %Ln wave(s)", nullptr, int(m_preview.waveSizes.size()));
        const int problems = int(m_preview.problems.size() + localProblems().size());
        if (problems > 0) {
            text += QStringLiteral(" \u00b7 ") + ReleaseFormat::crossMark() + QLatin1Char(' ')
                + tr("%Ln problem(s): see the Preview step", nullptr, problems);
            color = DeviceFormat::criticalColor();
        } else if (!m_preview.warnings.isEmpty()) {
            text += QStringLiteral(" \u00b7 ") + DeviceFormat::warningMarker()
                + tr("%Ln warning(s)", nullptr, int(m_preview.warnings.size()));
            color = DeviceFormat::warningColor();
        } else {
            text += QStringLiteral(" \u00b7 ") + ReleaseFormat::checkMark() + QLatin1Char(' ')
                + tr("ready to create");
        }
    }
    m_previewLine->setText(text);
    QPalette palette = this->palette();
    if (color.isValid())
        palette.setColor(QPalette::WindowText, color);
    m_previewLine->setPalette(palette);
}

QString NewRolloutDialog::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

QString NewRolloutDialog::previewLineText() const
{
    return m_previewLine->text();
}

void NewRolloutDialog::showError(const QString &message)
{
    m_error->setText(message.isEmpty() ? QString() : DeviceFormat::warningMarker() + message);
    m_error->setVisible(!message.isEmpty());
}

DeviceFilter NewRolloutDialog::unsupportedDevicesFilter() const
{
    return m_targets->unsupportedDevicesFilter();
}

void NewRolloutDialog::showUnsupportedDevices()
{
    Q_EMIT showDevicesRequested(unsupportedDevicesFilter());
}

void NewRolloutDialog::create(bool schedule)
{
    if (!blockedReason().isEmpty())
        return;
    m_creating = true;
    showError({});
    updateButtons();
    m_backend->create(m_session->current(), plan(), schedule)
        .then(this, [this, schedule](const Result<RolloutDetail> &result) {
            m_creating = false;
            if (!result.ok()) {
                showError(result.error().text());
                updateButtons();
                return;
            }
            const RolloutSummary &s = result.value().summary;
            Q_EMIT statusMessage(schedule ? tr("Created and scheduled %1.").arg(s.name)
                                          : tr("Created %1 as a draft.").arg(s.name));
            Q_EMIT rolloutCreated(s.id);
            accept();
        });
}

} // namespace Patchboard
