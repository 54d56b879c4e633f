// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "domain/release.h"

#include <QDialog>
#include <QPointer>

#include <optional>

class QCheckBox;
class QLabel;
class QPushButton;

namespace Patchboard {

class FirmwareBackend;
class OperatorSession;

// The release policy: the workflow settings the Firmware Server applies when a release is
// approved. Today that is the configurable four-eyes rule (the approver is not the one who
// recorded the tests). Everyone may look; administrators switch it on or off (audited,
// "firmware.settings"). The service checks the role itself; the controls only say so early.
class ReleaseSettingsDialog : public QDialog
{
    Q_OBJECT
public:
    ReleaseSettingsDialog(FirmwareBackend *firmware, OperatorSession *session,
                          QWidget *parent = nullptr);

    QCheckBox *fourEyesBox() const { return m_fourEyes; }
    QPushButton *applyButton() const { return m_apply; }
    bool isLoaded() const { return m_stored.has_value(); }
    // The rule as the service holds it (not the unapplied checkbox); nullopt until loaded.
    std::optional<bool> storedFourEyes() const { return m_stored; }
    QString stateText() const;
    QString roleNoteText() const;
    QString errorText() const;

public Q_SLOTS:
    void reload();
    // The action behind Apply. Asks the service even when the role cannot (the service refuses
    // and the dialog shows why), as the other views' actions do.
    void setFourEyes(bool on);

Q_SIGNALS:
    void loaded();
    // After every setFourEyes(): whether the service stored it, and what was said.
    void actionFinished(bool ok, const QString &message);
    void statusMessage(const QString &message);

private:
    void apply();
    void showSettings(const FirmwareSettings &settings);
    void updateControls();
    void showError(const QString &message);
    void fitHeight();

    QPointer<FirmwareBackend> m_firmware;
    OperatorSession *m_session = nullptr;
    QLabel *m_state = nullptr;
    QCheckBox *m_fourEyes = nullptr;
    QLabel *m_consequence = nullptr;
    QLabel *m_roleNote = nullptr;
    QLabel *m_error = nullptr;
    QPushButton *m_apply = nullptr;
    std::optional<bool> m_stored;
    quint64 m_request = 0;
    bool m_busy = false;
};

} // namespace Patchboard
