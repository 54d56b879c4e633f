// SPDX-License-Identifier: Apache-2.0
#include "appsettings.h"

#include "domain/rolloutrules.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTime>

#include <cmath>

namespace Patchboard {

namespace {

// The keys, grouped as the Settings dialog's tabs.
const QLatin1String DatabaseKey("connection/database");
const QLatin1String BackendKey("connection/backend");
const QLatin1String ServerUrlKey("connection/serverUrl");
const QLatin1String ServerCaFileKey("connection/caFile");
const QLatin1String ServerPinKey("connection/pin");
const QLatin1String ServerUserKey("connection/user");
const QLatin1String OperatorNameKey("operator/name");
const QLatin1String OperatorRoleKey("operator/role");
const QLatin1String ThemeKey("appearance/theme");
const QLatin1String LanguageKey("appearance/language");
const QLatin1String OutOfDateKey("compliance/outOfDateDays");
const QLatin1String EndingSoonKey("compliance/endingSoonDays");
const QLatin1String WavesKey("rollouts/waves");
const QLatin1String WindowEnabledKey("rollouts/windowEnabled");
const QLatin1String WindowStartKey("rollouts/windowStart");
const QLatin1String WindowEndKey("rollouts/windowEnd");

// Inside one entry of the waves array.
const QLatin1String SizeKey("size");
const QLatin1String PercentKey("percent");
const QLatin1String CountKey("count");
const QLatin1String SuccessKey("successThreshold");
const QLatin1String ErrorKey("errorThreshold");
const QLatin1String MinimumResultsKey("minimumResults");
const QLatin1String SoakKey("soakMinutes");
const QLatin1String GateKey("manualGate");

constexpr int MaxStoredWaves = 20; // as many as the wave editor offers
constexpr int MaxOperatorName = 100;

const QString TimeFormat = QStringLiteral("HH:mm");

QString sizeName(WavePlan::Size size)
{
    switch (size) {
    case WavePlan::Size::Percent:
        return QStringLiteral("percent");
    case WavePlan::Size::Count:
        return QStringLiteral("count");
    case WavePlan::Size::Rest:
        return QStringLiteral("rest");
    }
    return QStringLiteral("percent");
}

std::optional<WavePlan::Size> sizeFromName(const QString &name)
{
    for (WavePlan::Size size :
         {WavePlan::Size::Percent, WavePlan::Size::Count, WavePlan::Size::Rest}) {
        if (sizeName(size) == name)
            return size;
    }
    return std::nullopt;
}

// A boolean as QSettings writes it ("true"/"false"); anything else is not one (QVariant would
// read "yes please" as true).
std::optional<bool> toBool(const QVariant &value)
{
    if (value.typeId() == QMetaType::Bool)
        return value.toBool();
    const QString text = value.toString().trimmed().toLower();
    if (text == QLatin1String("true") || text == QLatin1String("1"))
        return true;
    if (text == QLatin1String("false") || text == QLatin1String("0"))
        return false;
    return std::nullopt;
}

std::optional<QTime> toTime(const QVariant &value)
{
    const QTime time = QTime::fromString(value.toString().trimmed(), TimeFormat);
    if (!time.isValid())
        return std::nullopt;
    return time;
}

} // namespace

AppSettings::AppSettings() : m_settings(std::make_unique<QSettings>()) { }

AppSettings::~AppSettings() = default;

QString AppSettings::defaultDatabasePath()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
        .filePath(QStringLiteral("fleet.db"));
}

QString AppSettings::databasePath() const
{
    const QString path = m_settings->value(DatabaseKey).toString().trimmed();
    // Only a full path: a relative one would depend on where Patchboard was started from.
    if (path.isEmpty() || !QDir::isAbsolutePath(path))
        return defaultDatabasePath();
    return QDir::cleanPath(path);
}

void AppSettings::setDatabasePath(const QString &path)
{
    const QString clean = path.trimmed().isEmpty() ? QString() : QDir::cleanPath(path.trimmed());
    if (clean.isEmpty() || clean == QDir::cleanPath(defaultDatabasePath()))
        m_settings->remove(DatabaseKey); // follows the default if that ever moves
    else
        m_settings->setValue(DatabaseKey, clean);
}

AppSettings::Backend AppSettings::backend() const
{
    const QString name = m_settings->value(BackendKey).toString().trimmed().toLower();
    // A server without an address cannot be connected to: the embedded database it is.
    if (name == QLatin1String("server") && serverUrl().isValid())
        return Backend::Server;
    return Backend::Embedded;
}

void AppSettings::setBackend(Backend backend)
{
    if (backend == Backend::Server)
        m_settings->setValue(BackendKey, QStringLiteral("server"));
    else
        m_settings->remove(BackendKey);
}

QUrl AppSettings::serverUrlFromText(const QString &text)
{
    const QUrl url(text.trimmed(), QUrl::StrictMode);
    if (!url.isValid() || url.scheme() != QLatin1String("https") || url.host().isEmpty()
        || !url.userInfo().isEmpty() || url.hasQuery() || url.hasFragment())
        return {};
    return url.adjusted(QUrl::StripTrailingSlash);
}

QUrl AppSettings::serverUrl() const
{
    return serverUrlFromText(m_settings->value(ServerUrlKey).toString());
}

void AppSettings::setServerUrl(const QUrl &url)
{
    if (url.isValid() && !url.isEmpty())
        m_settings->setValue(ServerUrlKey, url.toString());
    else
        m_settings->remove(ServerUrlKey);
}

QString AppSettings::serverCaFile() const
{
    const QString path = m_settings->value(ServerCaFileKey).toString().trimmed();
    return QDir::isAbsolutePath(path) ? QDir::cleanPath(path) : QString();
}

void AppSettings::setServerCaFile(const QString &path)
{
    if (path.trimmed().isEmpty())
        m_settings->remove(ServerCaFileKey);
    else
        m_settings->setValue(ServerCaFileKey, QDir::cleanPath(path.trimmed()));
}

QString AppSettings::fingerprintText(const QByteArray &sha256)
{
    return QString::fromLatin1(sha256.toHex(':').toUpper());
}

QString AppSettings::serverPin() const
{
    return fingerprintText(
        ServerEndpoint::parseFingerprint(m_settings->value(ServerPinKey).toString()));
}

void AppSettings::setServerPin(const QString &fingerprint)
{
    const QByteArray sha = ServerEndpoint::parseFingerprint(fingerprint);
    if (sha.isEmpty())
        m_settings->remove(ServerPinKey);
    else
        m_settings->setValue(ServerPinKey, fingerprintText(sha));
}

QString AppSettings::serverUser() const
{
    const QString name = m_settings->value(ServerUserKey).toString().trimmed();
    return name.size() > MaxOperatorName ? QString() : name;
}

void AppSettings::setServerUser(const QString &name)
{
    if (name.trimmed().isEmpty())
        m_settings->remove(ServerUserKey);
    else
        m_settings->setValue(ServerUserKey, name.trimmed().left(MaxOperatorName));
}

ServerEndpoint AppSettings::serverEndpoint() const
{
    ServerEndpoint endpoint;
    endpoint.url = serverUrl();
    endpoint.caFile = serverCaFile();
    endpoint.pinnedSha256 = ServerEndpoint::parseFingerprint(serverPin());
    return endpoint;
}

QStringList AppSettings::validateServer(const QString &url, const QString &caFile,
                                        const QString &fingerprint)
{
    QStringList problems;
    if (url.trimmed().isEmpty())
        problems.append(tr("Give the address of the server, such as https://fleet.example:8443."));
    else if (!serverUrlFromText(url).isValid())
        problems.append(tr("%1 is not a server address. Give it as https://host:port: "
                           "Patchboard talks to servers over HTTPS only.")
                            .arg(url.trimmed()));
    const QString ca = caFile.trimmed();
    if (!ca.isEmpty()) {
        const QFileInfo info(ca);
        if (!QDir::isAbsolutePath(ca))
            problems.append(tr("Give the CA file with its full path."));
        else if (!info.isFile() || !info.isReadable())
            problems.append(tr("The CA file %1 does not exist or cannot be read.")
                                .arg(QDir::toNativeSeparators(ca)));
    }
    if (!fingerprint.trimmed().isEmpty()
        && ServerEndpoint::parseFingerprint(fingerprint).isEmpty())
        problems.append(tr("The fingerprint is 64 hexadecimal digits (32 pairs, colons "
                           "allowed), as patchboard-server prints it at start."));
    return problems;
}

QString AppSettings::defaultOperatorName()
{
    for (const char *variable : {"USER", "USERNAME", "LOGNAME"}) {
        const QString name = qEnvironmentVariable(variable).trimmed();
        if (!name.isEmpty())
            return name;
    }
    return QStringLiteral("operator");
}

QString AppSettings::operatorName() const
{
    const QString name = m_settings->value(OperatorNameKey).toString().trimmed();
    return name.size() > MaxOperatorName ? QString() : name;
}

void AppSettings::setOperatorName(const QString &name)
{
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty())
        m_settings->remove(OperatorNameKey);
    else
        m_settings->setValue(OperatorNameKey, trimmed.left(MaxOperatorName));
}

OperatorRole AppSettings::operatorRole() const
{
    return Operator::roleFromName(m_settings->value(OperatorRoleKey).toString().trimmed())
        .value_or(DefaultRole);
}

void AppSettings::setOperatorRole(OperatorRole role)
{
    m_settings->setValue(OperatorRoleKey, Operator::roleName(role));
}

Operator AppSettings::startOperator() const
{
    const QString name = operatorName();
    return Operator{name.isEmpty() ? defaultOperatorName() : name, operatorRole()};
}

AppSettings::Theme AppSettings::theme() const
{
    return themeFromName(m_settings->value(ThemeKey).toString().trimmed().toLower())
        .value_or(Theme::System);
}

void AppSettings::setTheme(Theme theme)
{
    m_settings->setValue(ThemeKey, themeName(theme));
}

AppSettings::Language AppSettings::language() const
{
    return languageFromCode(m_settings->value(LanguageKey).toString().trimmed().toLower())
        .value_or(Language::System);
}

void AppSettings::setLanguage(Language language)
{
    m_settings->setValue(LanguageKey, languageCode(language));
}

namespace {
AppSettings::Language s_languageInUse = AppSettings::Language::System;
} // namespace

AppSettings::Language AppSettings::languageInUse()
{
    return s_languageInUse;
}

void AppSettings::setLanguageInUse(Language language)
{
    s_languageInUse = language;
}

int AppSettings::readInt(const QString &key, int fallback, int minimum, int maximum) const
{
    const QVariant value = m_settings->value(key);
    if (!value.isValid())
        return fallback;
    bool ok = false;
    const int number = value.toString().trimmed().toInt(&ok);
    return ok && number >= minimum && number <= maximum ? number : fallback;
}

std::optional<double> AppSettings::readDouble(const QString &key, double minimum,
                                              double maximum) const
{
    bool parsed = false;
    const double number = m_settings->value(key).toString().trimmed().toDouble(&parsed);
    // Written so that NaN fails too.
    if (!parsed || !(number >= minimum && number <= maximum))
        return std::nullopt;
    return number;
}

CompliancePolicy AppSettings::compliancePolicy() const
{
    const CompliancePolicy defaults;
    CompliancePolicy policy;
    policy.outOfDateDays
        = readInt(OutOfDateKey, defaults.outOfDateDays, MinOutOfDateDays, MaxOutOfDateDays);
    policy.endingSoonDays
        = readInt(EndingSoonKey, defaults.endingSoonDays, MinEndingSoonDays, MaxEndingSoonDays);
    return policy;
}

void AppSettings::setCompliancePolicy(const CompliancePolicy &policy)
{
    m_settings->setValue(OutOfDateKey, policy.outOfDateDays);
    m_settings->setValue(EndingSoonKey, policy.endingSoonDays);
}

std::optional<QList<WavePlan>> AppSettings::readWaves() const
{
    const int count = m_settings->beginReadArray(WavesKey);
    std::optional<QList<WavePlan>> result;
    if (count >= 1 && count <= MaxStoredWaves) {
        QList<WavePlan> waves;
        bool ok = true;
        for (int i = 0; i < count && ok; ++i) {
            m_settings->setArrayIndex(i);
            // Every value of a wave must be there and in range; -1 marks one that is not.
            WavePlan wave;
            const std::optional<WavePlan::Size> size
                = sizeFromName(m_settings->value(SizeKey).toString().trimmed().toLower());
            wave.size = size.value_or(WavePlan::Size::Percent);
            if (wave.size == WavePlan::Size::Percent)
                wave.percent = readDouble(PercentKey, 0, 100).value_or(-1);
            if (wave.size == WavePlan::Size::Count)
                wave.count = readInt(CountKey, -1, 1, 10'000'000);
            wave.successThreshold = readDouble(SuccessKey, 0, 100).value_or(-1);
            wave.errorThreshold = readDouble(ErrorKey, 0, 100).value_or(-1);
            wave.minimumResults = readInt(MinimumResultsKey, -1, 1, 1'000'000);
            wave.soakMinutes = readInt(SoakKey, -1, 0, 7 * 24 * 60);
            const std::optional<bool> gated = toBool(m_settings->value(GateKey));
            wave.manualGate = gated.value_or(false);
            ok = size && gated && wave.percent >= 0 && wave.count >= 0 && wave.successThreshold >= 0
                && wave.errorThreshold >= 0 && wave.minimumResults >= 1 && wave.soakMinutes >= 0;
            waves.append(wave);
        }
        if (ok)
            result = waves;
    }
    m_settings->endArray();
    return result;
}

RolloutDefaults AppSettings::rolloutDefaults() const
{
    RolloutDefaults defaults;
    // Waves as a whole: a plan half from the file and half from the defaults would surprise.
    if (const std::optional<QList<WavePlan>> waves = readWaves()) {
        RolloutDefaults stored;
        stored.waves = *waves;
        if (validate(stored).isEmpty())
            defaults.waves = *waves;
    }
    const MaintenanceWindow builtIn;
    MaintenanceWindow window;
    const std::optional<bool> enabled = toBool(m_settings->value(WindowEnabledKey, true));
    const std::optional<QTime> start = toTime(m_settings->value(WindowStartKey, QString()));
    const std::optional<QTime> end = toTime(m_settings->value(WindowEndKey, QString()));
    window.enabled = enabled.value_or(builtIn.enabled);
    window.start = start.value_or(builtIn.start);
    window.end = end.value_or(builtIn.end);
    // A window of zero length would keep every device from installing.
    if (window.enabled && window.start == window.end)
        window = builtIn;
    defaults.window = window;
    return defaults;
}

void AppSettings::setRolloutDefaults(const RolloutDefaults &defaults)
{
    m_settings->remove(WavesKey);
    m_settings->beginWriteArray(WavesKey, int(defaults.waves.size()));
    for (int i = 0; i < defaults.waves.size(); ++i) {
        const WavePlan &wave = defaults.waves.at(i);
        m_settings->setArrayIndex(i);
        m_settings->setValue(SizeKey, sizeName(wave.size));
        if (wave.size == WavePlan::Size::Percent)
            m_settings->setValue(PercentKey, wave.percent);
        if (wave.size == WavePlan::Size::Count)
            m_settings->setValue(CountKey, wave.count);
        m_settings->setValue(SuccessKey, wave.successThreshold);
        m_settings->setValue(ErrorKey, wave.errorThreshold);
        m_settings->setValue(MinimumResultsKey, wave.minimumResults);
        m_settings->setValue(SoakKey, wave.soakMinutes);
        m_settings->setValue(GateKey, wave.manualGate);
    }
    m_settings->endArray();
    m_settings->setValue(WindowEnabledKey, defaults.window.enabled);
    m_settings->setValue(WindowStartKey, defaults.window.start.toString(TimeFormat));
    m_settings->setValue(WindowEndKey, defaults.window.end.toString(TimeFormat));
}

void AppSettings::clear()
{
    m_settings->clear();
}

QSettings::Status AppSettings::sync()
{
    m_settings->sync();
    return m_settings->status();
}

QString AppSettings::fileName() const
{
    return m_settings->fileName();
}

QString AppSettings::themeName(Theme theme)
{
    switch (theme) {
    case Theme::System:
        return QStringLiteral("system");
    case Theme::Light:
        return QStringLiteral("light");
    case Theme::Dark:
        return QStringLiteral("dark");
    }
    return QStringLiteral("system");
}

std::optional<AppSettings::Theme> AppSettings::themeFromName(const QString &name)
{
    for (Theme theme : {Theme::System, Theme::Light, Theme::Dark}) {
        if (themeName(theme) == name)
            return theme;
    }
    return std::nullopt;
}

QString AppSettings::themeDisplayName(Theme theme)
{
    switch (theme) {
    case Theme::System:
        return tr("System");
    case Theme::Light:
        return tr("Light");
    case Theme::Dark:
        return tr("Dark");
    }
    return {};
}

QString AppSettings::languageCode(Language language)
{
    switch (language) {
    case Language::System:
        return QStringLiteral("system");
    case Language::English:
        return QStringLiteral("en");
    case Language::German:
        return QStringLiteral("de");
    case Language::Japanese:
        return QStringLiteral("ja");
    }
    return QStringLiteral("system");
}

std::optional<AppSettings::Language> AppSettings::languageFromCode(const QString &code)
{
    for (Language language :
         {Language::System, Language::English, Language::German, Language::Japanese}) {
        if (languageCode(language) == code)
            return language;
    }
    return std::nullopt;
}

QString AppSettings::languageDisplayName(Language language)
{
    // Each language by its own name, so that it is found whatever language is shown now.
    switch (language) {
    case Language::System:
        return tr("System language");
    case Language::English:
        return QStringLiteral("English");
    case Language::German:
        return QStringLiteral("Deutsch");
    case Language::Japanese:
        return QStringLiteral("\u65e5\u672c\u8a9e");
    }
    return {};
}

QStringList AppSettings::validate(const CompliancePolicy &policy)
{
    QStringList problems;
    if (policy.outOfDateDays < MinOutOfDateDays || policy.outOfDateDays > MaxOutOfDateDays)
        problems.append(tr("A patch level counts as out of date after %1 to %2 days (it is %3).")
                            .arg(MinOutOfDateDays)
                            .arg(MaxOutOfDateDays)
                            .arg(policy.outOfDateDays));
    if (policy.endingSoonDays < MinEndingSoonDays || policy.endingSoonDays > MaxEndingSoonDays)
        problems.append(tr("The end-of-support warning comes %1 to %2 days ahead (it is %3).")
                            .arg(MinEndingSoonDays)
                            .arg(MaxEndingSoonDays)
                            .arg(policy.endingSoonDays));
    return problems;
}

QStringList AppSettings::validate(const RolloutDefaults &defaults)
{
    // The rules a plan's own parts follow (RolloutRules::validatePlan): waves that cover every
    // target (percentages adding up to 100%, or a last wave for the rest), thresholds in range,
    // a maintenance window that is not of zero length.
    RolloutPlan plan;
    plan.waves = defaults.waves;
    plan.window = defaults.window;
    return RolloutRules::validatePlan(plan);
}

} // namespace Patchboard
