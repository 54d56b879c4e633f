// SPDX-License-Identifier: Apache-2.0
#include "releasesettingsdialog.h"

#include "deviceformat.h"
#include "firmware/firmwarebackend.h"
#include "operatorsession.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <QStyleOptionButton>
#include <QVBoxLayout>

namespace Patchboard {

namespace {

void setTextColor(QLabel *label, const QColor &color)
{
    QPalette palette = label->palette();
    palette.setColor(QPalette::WindowText, color);
    label->setPalette(palette);
}

} // namespace

ReleaseSettingsDialog::ReleaseSettingsDialog(FirmwareBackend *firmware, OperatorSession *session,
                                             QWidget *parent)
    : QDialog(parent)
    , m_firmware(firmware)
    , m_session(session)
    , m_state(new QLabel(this))
    , m_fourEyes(new QCheckBox(this))
    , m_consequence(new QLabel(this))
    , m_roleNote(new QLabel(this))
    , m_error(new QLabel(this))
{
    setWindowTitle(tr("Release Policy"));
    auto *intro = new QLabel(tr("The Firmware Server applies these rules to every approval. "
                                "Changes are recorded in the audit log."),
                             this);
    // The issue asks for a configurable four-eyes rule: the approver is not the one who recorded
    // the tests. The service counts waivers as well as results (TestPlan::contributors()).
    m_fourEyes->setText(tr("&Four-eyes rule"));
    m_fourEyes->setEnabled(false); // until the stored value is known
    auto *rule = new QLabel(
        tr("The approver must not have recorded any test result or waiver of the release."), this);
    for (QLabel *label : {intro, rule, m_state, m_consequence, m_roleNote, m_error}) {
        label->setWordWrap(true);
        label->setTextFormat(Qt::PlainText);
    }
    m_fourEyes->setAccessibleDescription(rule->text());
    m_state->setText(tr("Loading the release policy\u2026"));
    m_state->setAccessibleName(tr("Four-eyes rule state"));
    m_consequence->setText(DeviceFormat::warningMarker()
                           + tr("Switched off, one engineer can record every test of a release and "
                                "approve it alone. Every case must still pass or be waived."));
    setTextColor(m_consequence, DeviceFormat::warningColor());
    m_consequence->hide();
    // Disabled controls alone do not say why; the role needed is said in words too.
    const QColor muted = palette().color(QPalette::PlaceholderText);
    setTextColor(m_roleNote, muted);
    m_roleNote->hide();
    setTextColor(m_error, DeviceFormat::criticalColor());
    m_error->hide();

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Apply | QDialogButtonBox::Close, this);
    m_apply = buttons->button(QDialogButtonBox::Apply);
    // The explanation sits under the checkbox's text, not under its indicator.
    QStyleOptionButton option;
    option.initFrom(m_fourEyes);
    const int indent
        = style()->subElementRect(QStyle::SE_CheckBoxContents, &option, m_fourEyes).left();
    auto *ruleLayout = new QVBoxLayout;
    ruleLayout->setContentsMargins(indent, 0, 0, 0);
    ruleLayout->addWidget(rule);
    ruleLayout->addWidget(m_state);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addSpacing(6);
    layout->addWidget(m_fourEyes, 0, Qt::AlignLeft);
    layout->addLayout(ruleLayout);
    layout->addWidget(m_consequence);
    layout->addWidget(m_roleNote);
    layout->addWidget(m_error);
    layout->addStretch(1);
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_apply, &QPushButton::clicked, this, &ReleaseSettingsDialog::apply);
    connect(m_fourEyes, &QCheckBox::toggled, this, &ReleaseSettingsDialog::updateControls);
    // The controls follow the role at once; the setting is read again as the new operator.
    connect(m_session, &OperatorSession::operatorChanged, this, [this] {
        updateControls();
        reload();
    });
    // Every change through this backend, from here or elsewhere in the console, comes back as
    // releasesChanged: the dialog follows what is stored.
    if (m_firmware)
        connect(m_firmware, &FirmwareBackend::releasesChanged, this,
                &ReleaseSettingsDialog::reload);
    updateControls();
    reload();
    // Word-wrapped labels: size for a width, not for the longest unwrapped line.
    setMinimumWidth(420);
    resize(560, qMax(sizeHint().height(), heightForWidth(560)));
}

QString ReleaseSettingsDialog::stateText() const
{
    return m_state->text();
}

QString ReleaseSettingsDialog::roleNoteText() const
{
    return m_roleNote->isHidden() ? QString() : m_roleNote->text();
}

QString ReleaseSettingsDialog::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void ReleaseSettingsDialog::reload()
{
    if (!m_firmware) {
        showError(tr("No firmware server is connected."));
        return;
    }
    const quint64 request = ++m_request;
    m_firmware->settings(m_session->current())
        .then(this, [this, request](const Result<FirmwareSettings> &result) {
            if (request != m_request)
                return; // a newer reload or a change is under way
            if (!result.ok()) {
                showError(result.error().text());
                return;
            }
            showSettings(result.value());
            Q_EMIT loaded();
        });
}

void ReleaseSettingsDialog::apply()
{
    if (m_stored && m_fourEyes->isChecked() != *m_stored)
        setFourEyes(m_fourEyes->isChecked());
}

void ReleaseSettingsDialog::setFourEyes(bool on)
{
    if (!m_firmware) {
        showError(tr("No firmware server is connected."));
        Q_EMIT actionFinished(false, errorText());
        return;
    }
    m_busy = true;
    updateControls();
    const quint64 request = ++m_request; // a reload started before this answers too early
    FirmwareSettings settings;
    settings.fourEyes = on;
    m_firmware->setSettings(m_session->current(), settings)
        .then(this, [this, request](const Result<FirmwareSettings> &result) {
            m_busy = false;
            if (!result.ok()) {
                showError(result.error().text());
                updateControls();
                if (request == m_request)
                    reload(); // what is stored now, whatever the refusal said
                Q_EMIT actionFinished(false, result.error().text());
                return;
            }
            showError({});
            if (request == m_request)
                showSettings(result.value());
            else
                updateControls(); // a newer reload brings the stored value
            const QString message = result.value().fourEyes
                ? tr("Four-eyes rule switched on: approvers must not have tested the release.")
                : tr("Four-eyes rule switched off: whoever tested a release may also approve it.");
            Q_EMIT statusMessage(message);
            Q_EMIT actionFinished(true, message);
        });
}

void ReleaseSettingsDialog::showSettings(const FirmwareSettings &settings)
{
    // An administrator's unapplied change survives a reload; an untouched box follows the store.
    const bool edited = m_stored && m_fourEyes->isChecked() != *m_stored;
    m_stored = settings.fourEyes;
    if (!edited) {
        const QSignalBlocker blocker(m_fourEyes);
        m_fourEyes->setChecked(settings.fourEyes);
    }
    if (settings.fourEyes) {
        m_state->setText(tr("Currently on."));
        setTextColor(m_state, palette().color(QPalette::WindowText));
    } else {
        m_state->setText(DeviceFormat::warningMarker()
                         + tr("Currently off: the engineer who recorded the tests may also "
                              "approve the release."));
        setTextColor(m_state, DeviceFormat::warningColor());
    }
    updateControls();
}

void ReleaseSettingsDialog::updateControls()
{
    const QString denied = m_session->deniedReason(Permission::ConfigureWorkflow);
    const bool loaded = m_stored.has_value();
    m_fourEyes->setEnabled(denied.isEmpty() && loaded && !m_busy);
    m_fourEyes->setToolTip(denied);
    const bool changed = loaded && m_fourEyes->isChecked() != *m_stored;
    m_apply->setEnabled(denied.isEmpty() && changed && !m_busy);
    m_apply->setToolTip(!denied.isEmpty() ? denied
                            : !loaded     ? tr("The release policy is still loading.")
                            : !changed    ? tr("Nothing to apply: change the setting first.")
                                          : tr("Store the setting (recorded in the audit log)."));
    m_roleNote->setText(denied);
    m_roleNote->setVisible(!denied.isEmpty());
    // Say what switching the rule off means before it is applied.
    m_consequence->setVisible(changed && !m_fourEyes->isChecked());
    fitHeight();
}

void ReleaseSettingsDialog::showError(const QString &message)
{
    m_error->setText(message.isEmpty() ? QString() : DeviceFormat::warningMarker() + message);
    m_error->setVisible(!message.isEmpty());
    fitHeight();
}

void ReleaseSettingsDialog::fitHeight()
{
    // A note or error shown later grows the window instead of squeezing the wrapped labels.
    const int needed = heightForWidth(width());
    if (needed > height())
        resize(width(), needed);
}

} // namespace Patchboard
