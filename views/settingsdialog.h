// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "appsettings.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTabWidget;
class QTimeEdit;

namespace Patchboard {

class WavePlanEditor;

// Edit > Settings: the console's settings (AppSettings) in five tabs: Connection (the embedded
// database file, or a patchboard-server with its address, CA file and pinned fingerprint), Operator (who acts at start), Appearance (theme, language), Compliance (patch
// age and end-of-support limits) and Rollouts (the waves and maintenance window a new rollout
// starts from). Problems are listed as they are typed, named by tab, and keep OK and Apply
// disabled; nothing is written until then. Apply writes the settings, switches the theme at
// once and emits applied() for the rest (the pages take the new limits and defaults); the
// database, the operator and the language are used from the next start, as the tabs say.
class SettingsDialog : public QDialog
{
    Q_OBJECT
public:
    enum Tab { ConnectionTab, OperatorTab, AppearanceTab, ComplianceTab, RolloutsTab, TabCount };

    explicit SettingsDialog(QWidget *parent = nullptr);
    ~SettingsDialog() override;

    // The settings the dialog reads and writes.
    AppSettings &settings() { return m_settings; }
    // What is wrong with the values as entered, each starting with its tab; empty when fine.
    QStringList problems() const;

    QTabWidget *tabs() const { return m_tabs; }
    QLineEdit *databaseEdit() const { return m_database; }
    QPushButton *browseButton() const { return m_browse; }
    QComboBox *backendCombo() const { return m_backend; }
    QLineEdit *serverUrlEdit() const { return m_serverUrl; }
    QLineEdit *caFileEdit() const { return m_caFile; }
    QLineEdit *pinEdit() const { return m_pin; }
    QLineEdit *operatorNameEdit() const { return m_operatorName; }
    QComboBox *roleCombo() const { return m_role; }
    QComboBox *themeCombo() const { return m_theme; }
    QComboBox *languageCombo() const { return m_language; }
    QLabel *languageNote() const { return m_languageNote; }
    QSpinBox *outOfDateSpin() const { return m_outOfDate; }
    QSpinBox *endingSoonSpin() const { return m_endingSoon; }
    WavePlanEditor *waveEditor() const { return m_waves; }
    QCheckBox *windowCheck() const { return m_windowCheck; }
    QTimeEdit *windowStartEdit() const { return m_windowStart; }
    QTimeEdit *windowEndEdit() const { return m_windowEnd; }
    QLabel *problemsLabel() const { return m_problems; }
    QPushButton *okButton() const;
    QPushButton *applyButton() const;
    QPushButton *restoreDefaultsButton() const;
    QPushButton *cancelButton() const;

public Q_SLOTS:
    // Writes the settings when there is no problem (true); else changes nothing (false).
    bool apply();
    // Puts the defaults into the fields of the tab shown (written with OK or Apply).
    void restoreDefaults();
    void accept() override;

Q_SIGNALS:
    // The settings were written (the theme is applied already).
    void applied();

private:
    QWidget *makeConnectionTab();
    QWidget *makeOperatorTab();
    QWidget *makeAppearanceTab();
    QWidget *makeComplianceTab();
    QWidget *makeRolloutsTab();
    void load();
    void showDatabase(const QString &path);
    void showServer(AppSettings::Backend backend, const QUrl &url, const QString &caFile,
                    const QString &pin);
    void updateConnectionFields();
    void browseCaFile();
    void showOperator(const QString &name, OperatorRole role);
    void showAppearance(AppSettings::Theme theme, AppSettings::Language language);
    void showCompliance(const CompliancePolicy &policy);
    void showRolloutDefaults(const RolloutDefaults &defaults);
    void browseDatabase();
    QString databaseText() const;
    CompliancePolicy compliancePolicy() const;
    RolloutDefaults rolloutDefaults() const;
    QStringList tabProblems(int tab) const;
    void updateState();

    AppSettings m_settings;
    QTabWidget *m_tabs = nullptr;
    QLineEdit *m_database = nullptr;
    QPushButton *m_browse = nullptr;
    QComboBox *m_backend = nullptr;
    QLineEdit *m_serverUrl = nullptr;
    QLineEdit *m_caFile = nullptr;
    QPushButton *m_caBrowse = nullptr;
    QLineEdit *m_pin = nullptr;
    QLineEdit *m_operatorName = nullptr;
    QComboBox *m_role = nullptr;
    QComboBox *m_theme = nullptr;
    QComboBox *m_language = nullptr;
    QLabel *m_languageNote = nullptr;
    QSpinBox *m_outOfDate = nullptr;
    QSpinBox *m_endingSoon = nullptr;
    WavePlanEditor *m_waves = nullptr;
    QCheckBox *m_windowCheck = nullptr;
    QTimeEdit *m_windowStart = nullptr;
    QTimeEdit *m_windowEnd = nullptr;
    QLabel *m_problems = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QStringList m_tabTitles;
};

} // namespace Patchboard
