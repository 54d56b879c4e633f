// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "api/apiclient.h"
#include "domain/compliance.h"
#include "domain/operator.h"
#include "domain/rollout.h"

#include <QCoreApplication>
#include <QList>
#include <QSettings>
#include <QString>

#include <memory>
#include <optional>

namespace Patchboard {

// What a new rollout starts from in the New Rollout dialog: the waves with their thresholds, and
// the maintenance window.
struct RolloutDefaults
{
    QList<WavePlan> waves = RolloutPlan::defaultWaves();
    MaintenanceWindow window;

    bool operator==(const RolloutDefaults &other) const
    {
        return waves == other.waves && window == other.window;
    }
    bool operator!=(const RolloutDefaults &other) const { return !(*this == other); }
};

// The console's settings, kept with QSettings under the organisation and application names that
// main() sets (on Linux ~/.config/Patchboard/Patchboard.conf). Every getter validates what it
// reads: a missing, corrupt or out-of-range value gives the default, never an error, so that a
// hand-edited file cannot keep Patchboard from starting. Command-line options override these
// (main() applies them on top).
class AppSettings
{
    Q_DECLARE_TR_FUNCTIONS(Patchboard::AppSettings)
public:
    enum class Theme { System, Light, Dark };
    enum class Language { System, English, German, Japanese };
    // Where the fleet is: the embedded database file, or a patchboard-server (issue #6).
    enum class Backend { Embedded, Server };

    // Bounds of the compliance limits, in days (ten years is beyond any support period).
    static constexpr int MinOutOfDateDays = 1;
    static constexpr int MaxOutOfDateDays = 3650;
    static constexpr int MinEndingSoonDays = 0;
    static constexpr int MaxEndingSoonDays = 3650;

    // The application's settings (QSettings' default format and location; tests point them at a
    // temporary directory with QSettings::setPath).
    AppSettings();
    ~AppSettings();
    AppSettings(const AppSettings &) = delete;
    AppSettings &operator=(const AppSettings &) = delete;

    // Connection: the embedded database file. Empty in the file means the default location.
    QString databasePath() const;
    void setDatabasePath(const QString &path); // empty or the default: forget it
    static QString defaultDatabasePath();

    // Connection to a server (--server, --ca-file, --pin and --user override them). Read at
    // start only: a change applies at the next start. A malformed URL or fingerprint in the file
    // reads as empty; Server without a usable URL reads as Embedded.
    Backend backend() const;
    void setBackend(Backend backend);
    QUrl serverUrl() const;
    void setServerUrl(const QUrl &url);
    QString serverCaFile() const;
    void setServerCaFile(const QString &path);
    // The pinned SHA-256 fingerprint as "AB:CD:…" (64 hex digits), or empty.
    QString serverPin() const;
    void setServerPin(const QString &fingerprint);
    // The user name last signed in with, offered by the login dialog.
    QString serverUser() const;
    void setServerUser(const QString &name);
    // The endpoint made of the URL, the CA file and the pin.
    ServerEndpoint serverEndpoint() const;
    // Problems with a server URL, CA file and fingerprint as typed (translated, one sentence
    // each); empty when they make a usable endpoint. Used by the Settings dialog and the command
    // line alike.
    static QStringList validateServer(const QString &url, const QString &caFile,
                                      const QString &fingerprint);
    // "https://host:port" as typed, made into a URL (a missing scheme is not guessed).
    static QUrl serverUrlFromText(const QString &text);
    // The fingerprint in the form the server prints: upper-case hex pairs joined by colons.
    static QString fingerprintText(const QByteArray &sha256);

    // Operator identity used at start when no --operator/--role is given. The name defaults to
    // the operating-system user, the role to test engineer.
    QString operatorName() const; // stored name; empty when none
    void setOperatorName(const QString &name);
    OperatorRole operatorRole() const;
    void setOperatorRole(OperatorRole role);
    // The identity as used at start: the stored name or the OS user, and the role.
    Operator startOperator() const;
    static QString defaultOperatorName();
    static constexpr OperatorRole DefaultRole = OperatorRole::TestEngineer;

    Theme theme() const;
    void setTheme(Theme theme);
    Language language() const;
    void setLanguage(Language language);
    // The language the running console shows (the setting or --lang, as main() applied it at
    // start): a changed setting takes effect at the next start.
    static Language languageInUse();
    static void setLanguageInUse(Language language);

    // Compliance limits (SSU-SEC-0020 patch age, SSU-SEC-0040 end of support).
    CompliancePolicy compliancePolicy() const;
    void setCompliancePolicy(const CompliancePolicy &policy);

    // Rollout defaults: waves (with their thresholds, minimum results and soak time) and the
    // maintenance window. Waves that do not make a valid plan are replaced by the defaults.
    RolloutDefaults rolloutDefaults() const;
    void setRolloutDefaults(const RolloutDefaults &defaults);

    // Forgets every setting (all getters give their defaults again).
    void clear();
    // Writes pending changes. AccessError: the file could not be written. FormatError: it was
    // malformed when read (its values gave their defaults) and has been written anew.
    QSettings::Status sync();
    QString fileName() const;

    // "system", "light", "dark" and back; nullopt for anything else.
    static QString themeName(Theme theme);
    static std::optional<Theme> themeFromName(const QString &name);
    // "system", "en", "de", "ja" and back; nullopt for anything else.
    static QString languageCode(Language language);
    static std::optional<Language> languageFromCode(const QString &code);
    // How a language names itself ("Deutsch", "日本語"), "System language" translated.
    static QString languageDisplayName(Language language);
    static QString themeDisplayName(Theme theme);

    // Problems with the compliance limits or rollout defaults, translated; empty when fine.
    static QStringList validate(const CompliancePolicy &policy);
    static QStringList validate(const RolloutDefaults &defaults);

private:
    int readInt(const QString &key, int fallback, int minimum, int maximum) const;
    std::optional<double> readDouble(const QString &key, double minimum, double maximum) const;
    std::optional<QList<WavePlan>> readWaves() const;

    std::unique_ptr<QSettings> m_settings;
};

} // namespace Patchboard
