// SPDX-License-Identifier: Apache-2.0
#include "settingsdialog.h"

#include "apptheme.h"
#include "deviceformat.h"
#include "viewstyle.h"
#include "waveplaneditor.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTabBar>
#include <QTabWidget>
#include <QTimeEdit>
#include <QVBoxLayout>

namespace Patchboard {

namespace {

constexpr int MaxOperatorName = 100; // as in File > Switch Operator

QLabel *note(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    ViewStyle::setMuted(label);
    return label;
}

// A tab: its fields, then what they are for, then room to grow.
QWidget *makeTab(QLayout *content, const QList<QLabel *> &notes, QWidget *parent)
{
    auto *tab = new QWidget(parent);
    auto *layout = new QVBoxLayout(tab);
    layout->addLayout(content);
    for (QLabel *label : notes) {
        label->setParent(tab);
        layout->addWidget(label);
    }
    layout->addStretch(1);
    return tab;
}

} // namespace

SettingsDialog::SettingsDialog(QWidget *parent)
    : QDialog(parent)
    , m_tabs(new QTabWidget(this))
    , m_problems(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Apply
                                         | QDialogButtonBox::Cancel
                                         | QDialogButtonBox::RestoreDefaults,
                                     this))
{
    setWindowTitle(tr("Settings"));
    m_tabTitles
        = {tr("Connection"), tr("Operator"), tr("Appearance"), tr("Compliance"), tr("Rollouts")};
    m_tabs->addTab(makeConnectionTab(), m_tabTitles[ConnectionTab]);
    m_tabs->addTab(makeOperatorTab(), m_tabTitles[OperatorTab]);
    m_tabs->addTab(makeAppearanceTab(), m_tabTitles[AppearanceTab]);
    m_tabs->addTab(makeComplianceTab(), m_tabTitles[ComplianceTab]);
    m_tabs->addTab(makeRolloutsTab(), m_tabTitles[RolloutsTab]);
    m_tabs->setAccessibleName(tr("Settings"));
    m_tabs->tabBar()->setToolTip(tr("Ctrl+Tab and Ctrl+Shift+Tab switch between the tabs"));

    m_problems->setWordWrap(true);
    m_problems->setTextFormat(Qt::PlainText);
    m_problems->setAccessibleName(tr("Problems"));
    m_problems->hide();

    restoreDefaultsButton()->setToolTip(
        tr("Puts the defaults into the fields of this tab; they are saved with OK or Apply"));
    applyButton()->setToolTip(tr("Saves the settings and keeps the dialog open"));
    connect(okButton(), &QPushButton::clicked, this, &SettingsDialog::accept);
    connect(applyButton(), &QPushButton::clicked, this, &SettingsDialog::apply);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(restoreDefaultsButton(), &QPushButton::clicked, this, &SettingsDialog::restoreDefaults);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(m_problems);
    layout->addWidget(m_buttons);

    load();
    resize(900, 560);
}

SettingsDialog::~SettingsDialog() = default;

QPushButton *SettingsDialog::okButton() const
{
    return m_buttons->button(QDialogButtonBox::Ok);
}

QPushButton *SettingsDialog::applyButton() const
{
    return m_buttons->button(QDialogButtonBox::Apply);
}

QPushButton *SettingsDialog::restoreDefaultsButton() const
{
    return m_buttons->button(QDialogButtonBox::RestoreDefaults);
}

QPushButton *SettingsDialog::cancelButton() const
{
    return m_buttons->button(QDialogButtonBox::Cancel);
}

QWidget *SettingsDialog::makeConnectionTab()
{
    m_database = new QLineEdit(this);
    m_database->setAccessibleName(tr("Database file"));
    m_database->setPlaceholderText(QDir::toNativeSeparators(AppSettings::defaultDatabasePath()));
    m_database->setClearButtonEnabled(true);
    m_browse = new QPushButton(tr("&Browse\u2026"), this);
    m_browse->setToolTip(tr("Choose the database file"));
    m_browse->setAutoDefault(false);
    auto *row = new QHBoxLayout;
    row->addWidget(m_database, 1);
    row->addWidget(m_browse);
    // Issue #6: the fleet in the embedded file, or on a patchboard-server.
    m_backend = new QComboBox(this);
    m_backend->setAccessibleName(tr("Backend"));
    m_backend->addItem(tr("Embedded database"), int(AppSettings::Backend::Embedded));
    m_backend->addItem(tr("Server (patchboard-server)"), int(AppSettings::Backend::Server));
    m_serverUrl = new QLineEdit(this);
    m_serverUrl->setAccessibleName(tr("Server address"));
    m_serverUrl->setPlaceholderText(QStringLiteral("https://fleet.example:8443"));
    m_caFile = new QLineEdit(this);
    m_caFile->setAccessibleName(tr("CA file"));
    m_caFile->setPlaceholderText(tr("Optional: a PEM file of the CA that signed the server's "
                                    "certificate"));
    m_caFile->setClearButtonEnabled(true);
    m_caBrowse = new QPushButton(tr("Br&owse\u2026"), this);
    m_caBrowse->setToolTip(tr("Choose the CA file"));
    m_caBrowse->setAutoDefault(false);
    auto *caRow = new QHBoxLayout;
    caRow->addWidget(m_caFile, 1);
    caRow->addWidget(m_caBrowse);
    m_pin = new QLineEdit(this);
    m_pin->setAccessibleName(tr("Pinned certificate fingerprint"));
    m_pin->setPlaceholderText(tr("Optional: the SHA-256 fingerprint patchboard-server printed"));
    m_pin->setClearButtonEnabled(true);

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(tr("Bac&kend:"), m_backend);
    form->addRow(tr("Embedded &database file:"), row);
    // The label's buddy is the line edit (the row is a layout).
    if (auto *label = qobject_cast<QLabel *>(form->labelForField(row)))
        label->setBuddy(m_database);
    form->addRow(tr("Server addr&ess:"), m_serverUrl);
    form->addRow(tr("&CA file:"), caRow);
    if (auto *label = qobject_cast<QLabel *>(form->labelForField(caRow)))
        label->setBuddy(m_caFile);
    form->addRow(tr("&Pinned fingerprint:"), m_pin);
    connect(m_database, &QLineEdit::textChanged, this, &SettingsDialog::updateState);
    connect(m_browse, &QPushButton::clicked, this, &SettingsDialog::browseDatabase);
    connect(m_backend, &QComboBox::currentIndexChanged, this, [this] {
        updateConnectionFields();
        updateState();
    });
    for (QLineEdit *edit : {m_serverUrl, m_caFile, m_pin})
        connect(edit, &QLineEdit::textChanged, this, &SettingsDialog::updateState);
    connect(m_caBrowse, &QPushButton::clicked, this, &SettingsDialog::browseCaFile);
    return makeTab(form,
                   {note(tr("Patchboard opens this SQLite file at start and creates it with a "
                            "demo fleet when it does not exist. Empty: the default file shown. "
                            "Used from the next start; --database FILE overrides it."),
                         this),
                    note(tr("With a server, Patchboard signs in to patchboard-server at start "
                            "and shows the fleet the server keeps. Its certificate must be "
                            "signed by a CA this computer or the CA file trusts, or have the "
                            "pinned fingerprint; nothing else is accepted. A change applies at "
                            "the next start; --server, --ca-file and --pin override it."),
                         this)},
                   this);
}

QWidget *SettingsDialog::makeOperatorTab()
{
    m_operatorName = new QLineEdit(this);
    m_operatorName->setAccessibleName(tr("Operator name"));
    m_operatorName->setMaxLength(MaxOperatorName);
    m_operatorName->setPlaceholderText(AppSettings::defaultOperatorName());
    m_role = new QComboBox(this);
    m_role->setAccessibleName(tr("Role"));
    for (OperatorRole role : {OperatorRole::Viewer, OperatorRole::TestEngineer,
                              OperatorRole::RolloutManager, OperatorRole::Administrator})
        m_role->addItem(Operator::roleDisplayName(role), int(role));
    m_operatorName->setMinimumWidth(m_operatorName->fontMetrics().averageCharWidth() * 36);
    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::FieldsStayAtSizeHint);
    form->addRow(tr("&Name:"), m_operatorName);
    form->addRow(tr("&Role:"), m_role);
    connect(m_operatorName, &QLineEdit::textChanged, this, &SettingsDialog::updateState);
    connect(m_role, &QComboBox::currentIndexChanged, this, &SettingsDialog::updateState);
    return makeTab(form,
                   {note(tr("Who acts when Patchboard starts: the name recorded with every "
                            "decision in the audit log, and the role that decides what may be "
                            "done. Empty name: your user name on this computer. Used from the "
                            "next start; --operator and --role override it, and File > Switch "
                            "Operator changes who acts now."),
                         this)},
                   this);
}

QWidget *SettingsDialog::makeAppearanceTab()
{
    m_theme = new QComboBox(this);
    m_theme->setAccessibleName(tr("Theme"));
    for (AppSettings::Theme theme :
         {AppSettings::Theme::System, AppSettings::Theme::Light, AppSettings::Theme::Dark})
        m_theme->addItem(AppSettings::themeDisplayName(theme), int(theme));
    m_language = new QComboBox(this);
    m_language->setAccessibleName(tr("Language"));
    for (AppSettings::Language language :
         {AppSettings::Language::System, AppSettings::Language::English,
          AppSettings::Language::German, AppSettings::Language::Japanese})
        m_language->addItem(AppSettings::languageDisplayName(language), int(language));
    m_languageNote = new QLabel(this);
    m_languageNote->setWordWrap(true);
    m_languageNote->setTextFormat(Qt::PlainText);
    m_languageNote->setText(DeviceFormat::warningMarker()
                            + tr("Patchboard shows the new language from its next start."));
    m_languageNote->hide();
    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::FieldsStayAtSizeHint);
    form->addRow(tr("&Theme:"), m_theme);
    form->addRow(tr("&Language:"), m_language);
    form->addRow(QString(), m_languageNote);
    connect(m_theme, &QComboBox::currentIndexChanged, this, &SettingsDialog::updateState);
    connect(m_language, &QComboBox::currentIndexChanged, this, &SettingsDialog::updateState);
    return makeTab(form,
                   {note(tr("System follows the desktop; Light and Dark look the same on every "
                            "desktop, charts included. The theme changes when you apply it. "
                            "Dates and numbers follow the language; --lang overrides it."),
                         this)},
                   this);
}

QWidget *SettingsDialog::makeComplianceTab()
{
    m_outOfDate = new QSpinBox(this);
    m_outOfDate->setRange(AppSettings::MinOutOfDateDays, AppSettings::MaxOutOfDateDays);
    m_outOfDate->setSuffix(tr(" days"));
    m_outOfDate->setAccessibleName(tr("Patch level out of date after, in days"));
    m_endingSoon = new QSpinBox(this);
    m_endingSoon->setRange(AppSettings::MinEndingSoonDays, AppSettings::MaxEndingSoonDays);
    m_endingSoon->setSuffix(tr(" days"));
    m_endingSoon->setAccessibleName(tr("Warn before the end of support, in days"));
    for (QSpinBox *box : {m_outOfDate, m_endingSoon}) {
        box->setGroupSeparatorShown(true);
        connect(box, &QSpinBox::valueChanged, this, &SettingsDialog::updateState);
    }
    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::FieldsStayAtSizeHint);
    form->addRow(tr("&Patch level out of date after:"), m_outOfDate);
    form->addRow(tr("Warn before &end of support:"), m_endingSoon);
    return makeTab(
        form,
        {note(tr("A device whose security patch level is older than this is out of date "
                 "(SSU-SEC-0020: monthly security updates; the default is a quarter). The "
                 "patch-age chart splits its bars at this age."),
              this),
         note(tr("Models whose support ends within this period are marked as ending soon "
                 "so that their replacement can be planned (SSU-SEC-0040)."),
              this),
         note(tr("The Compliance and Devices pages use the new limits when you apply them."),
              this)},
        this);
}

QWidget *SettingsDialog::makeRolloutsTab()
{
    m_waves = new WavePlanEditor(this);
    m_windowCheck = new QCheckBox(tr("Install only &between"), this);
    m_windowStart = new QTimeEdit(this);
    m_windowStart->setDisplayFormat(QStringLiteral("HH:mm"));
    m_windowStart->setAccessibleName(tr("Maintenance window start"));
    m_windowEnd = new QTimeEdit(this);
    m_windowEnd->setDisplayFormat(QStringLiteral("HH:mm"));
    m_windowEnd->setAccessibleName(tr("Maintenance window end"));
    auto *windowRow = new QHBoxLayout;
    windowRow->addWidget(m_windowCheck);
    windowRow->addWidget(m_windowStart);
    windowRow->addWidget(new QLabel(tr("and"), this));
    windowRow->addWidget(m_windowEnd);
    windowRow->addWidget(new QLabel(tr("device-local time"), this));
    windowRow->addStretch(1);
    connect(m_waves, &WavePlanEditor::wavesChanged, this, &SettingsDialog::updateState);
    connect(m_windowCheck, &QCheckBox::toggled, m_windowStart, &QWidget::setEnabled);
    connect(m_windowCheck, &QCheckBox::toggled, m_windowEnd, &QWidget::setEnabled);
    connect(m_windowCheck, &QCheckBox::toggled, this, &SettingsDialog::updateState);
    connect(m_windowStart, &QTimeEdit::timeChanged, this, &SettingsDialog::updateState);
    connect(m_windowEnd, &QTimeEdit::timeChanged, this, &SettingsDialog::updateState);

    auto *content = new QVBoxLayout;
    auto *wavesTitle = new QLabel(tr("Waves a new rollout starts with:"), this);
    content->addWidget(wavesTitle);
    content->addWidget(m_waves, 1);
    content->addSpacing(6);
    content->addLayout(windowRow);
    auto *tab = new QWidget(this);
    auto *layout = new QVBoxLayout(tab);
    layout->addLayout(content, 1);
    layout->addWidget(note(tr("The New Rollout dialog starts from these waves, thresholds and "
                              "maintenance window; each rollout can still change them. The "
                              "waves must cover every target: percentages that add up to 100%, "
                              "or a last wave for the rest."),
                           tab));
    return tab;
}

void SettingsDialog::load()
{
    showDatabase(m_settings.databasePath());
    showServer(m_settings.backend(), m_settings.serverUrl(), m_settings.serverCaFile(),
               m_settings.serverPin());
    showOperator(m_settings.operatorName(), m_settings.operatorRole());
    showAppearance(m_settings.theme(), m_settings.language());
    showCompliance(m_settings.compliancePolicy());
    showRolloutDefaults(m_settings.rolloutDefaults());
    updateState();
}

void SettingsDialog::showDatabase(const QString &path)
{
    // The default shows as the placeholder: an empty field keeps following it.
    const bool isDefault
        = QDir::cleanPath(path) == QDir::cleanPath(AppSettings::defaultDatabasePath());
    m_database->setText(isDefault ? QString() : QDir::toNativeSeparators(path));
}

void SettingsDialog::showServer(AppSettings::Backend backend, const QUrl &url,
                                const QString &caFile, const QString &pin)
{
    m_backend->setCurrentIndex(m_backend->findData(int(backend)));
    m_serverUrl->setText(url.toDisplayString());
    m_caFile->setText(QDir::toNativeSeparators(caFile));
    m_pin->setText(pin);
    updateConnectionFields();
}

void SettingsDialog::updateConnectionFields()
{
    // Only the fields of the chosen backend can be edited; the others keep what they hold.
    const bool server = AppSettings::Backend(m_backend->currentData().toInt())
        == AppSettings::Backend::Server;
    m_database->setEnabled(!server);
    m_browse->setEnabled(!server);
    for (QWidget *field : {static_cast<QWidget *>(m_serverUrl), static_cast<QWidget *>(m_caFile),
                           static_cast<QWidget *>(m_caBrowse), static_cast<QWidget *>(m_pin)})
        field->setEnabled(server);
}

void SettingsDialog::browseCaFile()
{
    const QString path = QFileDialog::getOpenFileName(
        this, tr("CA File"), m_caFile->text().trimmed(),
        tr("PEM certificates (*.pem *.crt);;All files (*)"));
    if (!path.isEmpty())
        m_caFile->setText(QDir::toNativeSeparators(path));
}

void SettingsDialog::showOperator(const QString &name, OperatorRole role)
{
    m_operatorName->setText(name);
    m_role->setCurrentIndex(m_role->findData(int(role)));
}

void SettingsDialog::showAppearance(AppSettings::Theme theme, AppSettings::Language language)
{
    m_theme->setCurrentIndex(m_theme->findData(int(theme)));
    m_language->setCurrentIndex(m_language->findData(int(language)));
}

void SettingsDialog::showCompliance(const CompliancePolicy &policy)
{
    m_outOfDate->setValue(policy.outOfDateDays);
    m_endingSoon->setValue(policy.endingSoonDays);
}

void SettingsDialog::showRolloutDefaults(const RolloutDefaults &defaults)
{
    m_waves->setWaves(defaults.waves);
    m_windowCheck->setChecked(defaults.window.enabled);
    m_windowStart->setTime(defaults.window.start);
    m_windowEnd->setTime(defaults.window.end);
    m_windowStart->setEnabled(defaults.window.enabled);
    m_windowEnd->setEnabled(defaults.window.enabled);
}

void SettingsDialog::browseDatabase()
{
    const QString current
        = databaseText().isEmpty() ? AppSettings::defaultDatabasePath() : databaseText();
    // An existing file or a new one (created with a demo fleet at the next start).
    const QString path
        = QFileDialog::getSaveFileName(this, tr("Embedded Database File"), current,
                                       tr("SQLite databases (*.db *.sqlite);;All files (*)"),
                                       nullptr, QFileDialog::DontConfirmOverwrite);
    if (!path.isEmpty())
        m_database->setText(QDir::toNativeSeparators(path));
}

QString SettingsDialog::databaseText() const
{
    const QString text = m_database->text().trimmed();
    return text.isEmpty() ? QString() : QDir::fromNativeSeparators(text);
}

CompliancePolicy SettingsDialog::compliancePolicy() const
{
    CompliancePolicy policy;
    policy.outOfDateDays = m_outOfDate->value();
    policy.endingSoonDays = m_endingSoon->value();
    return policy;
}

RolloutDefaults SettingsDialog::rolloutDefaults() const
{
    RolloutDefaults defaults;
    defaults.waves = m_waves->waves();
    defaults.window.enabled = m_windowCheck->isChecked();
    defaults.window.start = m_windowStart->time();
    defaults.window.end = m_windowEnd->time();
    return defaults;
}

QStringList SettingsDialog::tabProblems(int tab) const
{
    switch (tab) {
    case ConnectionTab: {
        if (AppSettings::Backend(m_backend->currentData().toInt())
            == AppSettings::Backend::Server)
            return AppSettings::validateServer(
                m_serverUrl->text(), QDir::fromNativeSeparators(m_caFile->text().trimmed()),
                m_pin->text());
        const QString path = databaseText();
        if (path.isEmpty())
            return {};
        if (!QDir::isAbsolutePath(path))
            return {tr("Give the database file with its full path, such as %1.")
                        .arg(QDir::toNativeSeparators(AppSettings::defaultDatabasePath()))};
        if (QFileInfo(path).isDir())
            return {tr("%1 is a folder. Give the name of a database file in it.")
                        .arg(QDir::toNativeSeparators(path))};
        return {};
    }
    case OperatorTab:
    case AppearanceTab:
        return {};
    case ComplianceTab:
        return AppSettings::validate(compliancePolicy());
    case RolloutsTab:
        return AppSettings::validate(rolloutDefaults());
    }
    return {};
}

QStringList SettingsDialog::problems() const
{
    QStringList all;
    for (int tab = 0; tab < TabCount; ++tab) {
        const QStringList found = tabProblems(tab);
        for (const QString &problem : found)
            all.append(tr("%1: %2", "tab name: problem").arg(m_tabTitles.at(tab), problem));
    }
    return all;
}

void SettingsDialog::updateState()
{
    bool any = false;
    QString firstProblem;
    for (int tab = 0; tab < TabCount; ++tab) {
        const bool bad = !tabProblems(tab).isEmpty();
        any = any || bad;
        // Not by colour alone: the tab with a problem is marked in its title.
        m_tabs->setTabText(
            tab, bad ? DeviceFormat::warningMarker() + m_tabTitles.at(tab) : m_tabTitles.at(tab));
    }
    const QStringList all = problems();
    if (!all.isEmpty())
        firstProblem = all.first();
    QPalette critical = palette();
    critical.setColor(QPalette::WindowText, DeviceFormat::criticalColor());
    m_problems->setPalette(critical);
    m_problems->setText(DeviceFormat::warningMarker() + all.join(QLatin1Char('\n')));
    m_problems->setVisible(any);
    okButton()->setEnabled(!any);
    applyButton()->setEnabled(!any);
    for (QPushButton *button : {okButton(), applyButton()})
        button->setToolTip(any ? firstProblem
                               : button == okButton()
                               ? tr("Saves the settings and closes the dialog")
                               : tr("Saves the settings and keeps the dialog open"));

    const auto language = AppSettings::Language(m_language->currentData().toInt());
    m_languageNote->setVisible(language != AppSettings::languageInUse());
    QPalette warning = palette();
    warning.setColor(QPalette::WindowText, DeviceFormat::warningColor());
    m_languageNote->setPalette(warning);
}

bool SettingsDialog::apply()
{
    if (!problems().isEmpty()) {
        updateState();
        return false;
    }
    m_settings.setDatabasePath(databaseText());
    // The server's fields are kept even with the embedded database chosen, for switching back.
    const auto backend = AppSettings::Backend(m_backend->currentData().toInt());
    m_settings.setServerUrl(AppSettings::serverUrlFromText(m_serverUrl->text()));
    m_settings.setServerCaFile(QDir::fromNativeSeparators(m_caFile->text().trimmed()));
    m_settings.setServerPin(m_pin->text());
    m_settings.setBackend(backend);
    m_settings.setOperatorName(m_operatorName->text());
    m_settings.setOperatorRole(OperatorRole(m_role->currentData().toInt()));
    const auto theme = AppSettings::Theme(m_theme->currentData().toInt());
    m_settings.setTheme(theme);
    m_settings.setLanguage(AppSettings::Language(m_language->currentData().toInt()));
    m_settings.setCompliancePolicy(compliancePolicy());
    m_settings.setRolloutDefaults(rolloutDefaults());
    // A FormatError only says that the file was malformed when read: it is written anew.
    if (m_settings.sync() == QSettings::AccessError) {
        // Kept for this session (QSettings holds them), but the operator must know.
        QPalette critical = palette();
        critical.setColor(QPalette::WindowText, DeviceFormat::criticalColor());
        m_problems->setPalette(critical);
        m_problems->setText(DeviceFormat::warningMarker()
                            + tr("The settings could not be saved to %1. Check that the folder "
                                 "exists and that you may write to it.")
                                  .arg(QDir::toNativeSeparators(m_settings.fileName())));
        m_problems->show();
        return false;
    }
    if (theme != AppTheme::current())
        AppTheme::apply(theme);
    updateState(); // colours of the new palette
    Q_EMIT applied();
    return true;
}

void SettingsDialog::accept()
{
    if (apply())
        QDialog::accept();
}

void SettingsDialog::restoreDefaults()
{
    switch (m_tabs->currentIndex()) {
    case ConnectionTab:
        showDatabase(AppSettings::defaultDatabasePath());
        showServer(AppSettings::Backend::Embedded, QUrl(), QString(), QString());
        break;
    case OperatorTab:
        showOperator(QString(), AppSettings::DefaultRole);
        break;
    case AppearanceTab:
        showAppearance(AppSettings::Theme::System, AppSettings::Language::System);
        break;
    case ComplianceTab:
        showCompliance(CompliancePolicy());
        break;
    case RolloutsTab:
        showRolloutDefaults(RolloutDefaults());
        break;
    }
    updateState();
}

} // namespace Patchboard
