// SPDX-License-Identifier: Apache-2.0
// AppSettings: what is written is read back by a new instance (as at the next start), missing
// values give the defaults, and a corrupt or out-of-range value gives its default instead of an
// error or a crash. The settings live in a temporary directory (QSettings::setPath), never in the
// user's own file.
#include "appsettings.h"

#include <QFile>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Patchboard;

namespace {

// Raw key/value text, as a hand-edited file has it.
using RawValues = QList<QPair<QString, QString>>;

WavePlan wave(WavePlan::Size size, double percent, int count = 0)
{
    WavePlan w;
    w.size = size;
    w.percent = percent;
    w.count = count;
    return w;
}

// Waves unlike the defaults in every field.
RolloutDefaults customRolloutDefaults()
{
    WavePlan first = wave(WavePlan::Size::Count, 0, 250);
    first.successThreshold = 97.5;
    first.errorThreshold = 2.5;
    first.minimumResults = 40;
    first.soakMinutes = 15;
    first.manualGate = true;
    WavePlan second = wave(WavePlan::Size::Percent, 30);
    second.successThreshold = 90;
    second.errorThreshold = 8;
    second.minimumResults = 200;
    second.soakMinutes = 240;
    WavePlan rest = wave(WavePlan::Size::Rest, 0);
    rest.soakMinutes = 0;
    RolloutDefaults d;
    d.waves = {first, second, rest};
    d.window.enabled = true;
    d.window.start = QTime(22, 30);
    d.window.end = QTime(4, 15);
    return d;
}

} // namespace

class tst_AppSettings : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void missingValuesGiveTheDefaults();
    void roundTripThroughANewInstance();
    void databasePathDefaultIsNotStored();
    void relativeDatabasePathGivesTheDefault();
    void corruptValuesGiveTheirDefault_data();
    void corruptValuesGiveTheirDefault();
    void wavesThatMakeNoValidPlanGiveTheDefaultWaves_data();
    void wavesThatMakeNoValidPlanGiveTheDefaultWaves();
    void zeroLengthWindowGivesTheDefaultWindow();
    void unreadableFileGivesTheDefaults();
    void validationNamesTheProblem();
    void codesAndNames();

private:
    // Writes raw text values, as a hand-edited file would have them.
    void writeRaw(const RawValues &values);

    QTemporaryDir m_dir;
};

void tst_AppSettings::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("PatchboardTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_appsettings"));
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope,
                       m_dir.filePath(QStringLiteral("user")));
    QSettings::setPath(QSettings::IniFormat, QSettings::SystemScope,
                       m_dir.filePath(QStringLiteral("system")));
    // The file is in the temporary directory, not the user's configuration.
    QVERIFY2(AppSettings().fileName().startsWith(m_dir.path()),
             qPrintable(AppSettings().fileName()));
}

void tst_AppSettings::init()
{
    QFile::remove(AppSettings().fileName()); // a malformed one from the test before
    AppSettings settings;
    settings.clear();
    QCOMPARE(settings.sync(), QSettings::NoError);
}

void tst_AppSettings::writeRaw(const RawValues &values)
{
    {
        QSettings raw;
        for (const auto &[key, value] : values)
            raw.setValue(key, value);
        raw.sync();
    }
}

void tst_AppSettings::missingValuesGiveTheDefaults()
{
    const AppSettings settings;
    QCOMPARE(settings.databasePath(), AppSettings::defaultDatabasePath());
    QVERIFY(settings.operatorName().isEmpty());
    QCOMPARE(settings.startOperator().name, AppSettings::defaultOperatorName());
    QCOMPARE(settings.operatorRole(), OperatorRole::TestEngineer);
    QCOMPARE(settings.theme(), AppSettings::Theme::System);
    QCOMPARE(settings.language(), AppSettings::Language::System);
    QCOMPARE(settings.compliancePolicy(), CompliancePolicy());
    QCOMPARE(settings.compliancePolicy().outOfDateDays, 90);
    QCOMPARE(settings.compliancePolicy().endingSoonDays, 90);
    QVERIFY(settings.rolloutDefaults() == RolloutDefaults());
    QVERIFY(settings.rolloutDefaults().waves == RolloutPlan::defaultWaves());
    QCOMPARE(settings.rolloutDefaults().window.start, QTime(1, 0));
    QCOMPARE(settings.rolloutDefaults().window.end, QTime(5, 0));
}

void tst_AppSettings::roundTripThroughANewInstance()
{
    const QString database = m_dir.filePath(QStringLiteral("fleets/berlin.db"));
    CompliancePolicy policy;
    policy.outOfDateDays = 45;
    policy.endingSoonDays = 365;
    {
        AppSettings settings;
        settings.setDatabasePath(database);
        settings.setOperatorName(QStringLiteral("  rita  "));
        settings.setOperatorRole(OperatorRole::RolloutManager);
        settings.setTheme(AppSettings::Theme::Dark);
        settings.setLanguage(AppSettings::Language::Japanese);
        settings.setCompliancePolicy(policy);
        settings.setRolloutDefaults(customRolloutDefaults());
        QCOMPARE(settings.sync(), QSettings::NoError);
    }
    QVERIFY(QFile::exists(AppSettings().fileName()));

    const AppSettings settings; // as at the next start
    QCOMPARE(settings.databasePath(), database);
    QCOMPARE(settings.operatorName(), QStringLiteral("rita"));
    QCOMPARE(settings.operatorRole(), OperatorRole::RolloutManager);
    QCOMPARE(settings.startOperator().name, QStringLiteral("rita"));
    QCOMPARE(settings.startOperator().role, OperatorRole::RolloutManager);
    QCOMPARE(settings.theme(), AppSettings::Theme::Dark);
    QCOMPARE(settings.language(), AppSettings::Language::Japanese);
    QCOMPARE(settings.compliancePolicy().outOfDateDays, 45);
    QCOMPARE(settings.compliancePolicy().endingSoonDays, 365);
    const RolloutDefaults read = settings.rolloutDefaults();
    const RolloutDefaults written = customRolloutDefaults();
    QCOMPARE(read.waves.size(), written.waves.size());
    for (int i = 0; i < written.waves.size(); ++i) {
        const WavePlan &a = read.waves.at(i);
        const WavePlan &b = written.waves.at(i);
        QCOMPARE(int(a.size), int(b.size));
        QCOMPARE(a.percent, b.percent);
        QCOMPARE(a.count, b.count);
        QCOMPARE(a.successThreshold, b.successThreshold);
        QCOMPARE(a.errorThreshold, b.errorThreshold);
        QCOMPARE(a.minimumResults, b.minimumResults);
        QCOMPARE(a.soakMinutes, b.soakMinutes);
        QCOMPARE(a.manualGate, b.manualGate);
    }
    QCOMPARE(read.window.enabled, true);
    QCOMPARE(read.window.start, QTime(22, 30));
    QCOMPARE(read.window.end, QTime(4, 15));

    // A window switched off survives too.
    RolloutDefaults off = customRolloutDefaults();
    off.window.enabled = false;
    {
        AppSettings writer;
        writer.setRolloutDefaults(off);
        writer.sync();
    }
    QCOMPARE(AppSettings().rolloutDefaults().window.enabled, false);
}

void tst_AppSettings::databasePathDefaultIsNotStored()
{
    {
        AppSettings settings;
        settings.setDatabasePath(AppSettings::defaultDatabasePath());
        settings.sync();
    }
    // Not written: the file keeps following the default location.
    QVERIFY(!QSettings().contains(QStringLiteral("connection/database")));
    {
        AppSettings settings;
        settings.setDatabasePath(m_dir.filePath(QStringLiteral("a.db")));
        settings.setDatabasePath(QStringLiteral("   "));
        settings.sync();
    }
    QVERIFY(!QSettings().contains(QStringLiteral("connection/database")));
    QCOMPARE(AppSettings().databasePath(), AppSettings::defaultDatabasePath());
}

void tst_AppSettings::relativeDatabasePathGivesTheDefault()
{
    writeRaw({{QStringLiteral("connection/database"), QStringLiteral("fleet/relative.db")}});
    QCOMPARE(AppSettings().databasePath(), AppSettings::defaultDatabasePath());
}

void tst_AppSettings::corruptValuesGiveTheirDefault_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("value");

    QTest::newRow("theme: unknown") << "appearance/theme"
                                    << "purple";
    QTest::newRow("language: unknown") << "appearance/language"
                                       << "klingon";
    QTest::newRow("role: unknown") << "operator/role"
                                   << "boss";
    QTest::newRow("out of date: text") << "compliance/outOfDateDays"
                                       << "ninety";
    QTest::newRow("out of date: zero") << "compliance/outOfDateDays"
                                       << "0";
    QTest::newRow("out of date: negative") << "compliance/outOfDateDays"
                                           << "-30";
    QTest::newRow("out of date: too large") << "compliance/outOfDateDays"
                                            << "99999";
    QTest::newRow("out of date: fraction") << "compliance/outOfDateDays"
                                           << "30.5";
    QTest::newRow("ending soon: negative") << "compliance/endingSoonDays"
                                           << "-1";
    QTest::newRow("ending soon: overflow") << "compliance/endingSoonDays"
                                           << "99999999999999";
    QTest::newRow("window start: not a time") << "rollouts/windowStart"
                                              << "25:00";
    QTest::newRow("window end: text") << "rollouts/windowEnd"
                                      << "late";
    QTest::newRow("window enabled: not a boolean") << "rollouts/windowEnabled"
                                                   << "maybe";
}

void tst_AppSettings::corruptValuesGiveTheirDefault()
{
    QFETCH(QString, key);
    QFETCH(QString, value);
    writeRaw({{key, value}});
    const AppSettings settings;
    QCOMPARE(settings.theme(), AppSettings::Theme::System);
    QCOMPARE(settings.language(), AppSettings::Language::System);
    QCOMPARE(settings.operatorRole(), AppSettings::DefaultRole);
    QCOMPARE(settings.compliancePolicy(), CompliancePolicy());
    QVERIFY(settings.rolloutDefaults() == RolloutDefaults());
}

void tst_AppSettings::wavesThatMakeNoValidPlanGiveTheDefaultWaves_data()
{
    QTest::addColumn<RawValues>("values");
    // One good wave of 100%, then each broken in one way.
    const auto wave
        = [](const char *size, const char *percent, const char *success, const char *error,
             const char *minimum, const char *soak, const char *gate) {
              const auto text = [](const char *value) {
                  return QString::fromLatin1(value);
              };
              return RawValues{{QStringLiteral("rollouts/waves/size"), QStringLiteral("1")},
                               {QStringLiteral("rollouts/waves/1/size"), text(size)},
                               {QStringLiteral("rollouts/waves/1/percent"), text(percent)},
                               {QStringLiteral("rollouts/waves/1/successThreshold"), text(success)},
                               {QStringLiteral("rollouts/waves/1/errorThreshold"), text(error)},
                               {QStringLiteral("rollouts/waves/1/minimumResults"), text(minimum)},
                               {QStringLiteral("rollouts/waves/1/soakMinutes"), text(soak)},
                               {QStringLiteral("rollouts/waves/1/manualGate"), text(gate)}};
          };
    const char *p = "percent";
    QTest::newRow("unknown size") << wave("huge", "100", "95", "5", "20", "60", "false");
    QTest::newRow("percent over 100") << wave(p, "150", "95", "5", "20", "60", "false");
    QTest::newRow("percent not a number") << wave(p, "all", "95", "5", "20", "60", "false");
    QTest::newRow("only 60% covered") << wave(p, "60", "95", "5", "20", "60", "false");
    QTest::newRow("success threshold 0") << wave(p, "100", "0", "5", "20", "60", "false");
    QTest::newRow("success threshold over 100") << wave(p, "100", "120", "5", "20", "60", "false");
    QTest::newRow("error threshold 100") << wave(p, "100", "95", "100", "20", "60", "false");
    QTest::newRow("error threshold NaN") << wave(p, "100", "95", "nan", "20", "60", "false");
    QTest::newRow("no minimum results") << wave(p, "100", "95", "5", "0", "60", "false");
    QTest::newRow("soak over a week") << wave(p, "100", "95", "5", "20", "20000", "false");
    QTest::newRow("gate not a boolean") << wave(p, "100", "95", "5", "20", "60", "sometimes");
    QTest::newRow("no waves") << RawValues{
        {QStringLiteral("rollouts/waves/size"), QStringLiteral("0")}};
    QTest::newRow("more waves than entries")
        << RawValues{{QStringLiteral("rollouts/waves/size"), QStringLiteral("3")}};
    QTest::newRow("absurd wave count")
        << RawValues{{QStringLiteral("rollouts/waves/size"), QStringLiteral("2147483647")}};
}

void tst_AppSettings::wavesThatMakeNoValidPlanGiveTheDefaultWaves()
{
    // The same wave with good values is read as written: the rows below fail for their fault.
    writeRaw({{QStringLiteral("rollouts/waves/size"), QStringLiteral("1")},
              {QStringLiteral("rollouts/waves/1/size"), QStringLiteral("percent")},
              {QStringLiteral("rollouts/waves/1/percent"), QStringLiteral("100")},
              {QStringLiteral("rollouts/waves/1/successThreshold"), QStringLiteral("95")},
              {QStringLiteral("rollouts/waves/1/errorThreshold"), QStringLiteral("5")},
              {QStringLiteral("rollouts/waves/1/minimumResults"), QStringLiteral("20")},
              {QStringLiteral("rollouts/waves/1/soakMinutes"), QStringLiteral("60")},
              {QStringLiteral("rollouts/waves/1/manualGate"), QStringLiteral("false")}});
    QCOMPARE(AppSettings().rolloutDefaults().waves.size(), 1);
    QCOMPARE(AppSettings().rolloutDefaults().waves.first().percent, 100.0);

    QFETCH(RawValues, values);
    {
        QSettings raw;
        raw.remove(QStringLiteral("rollouts"));
        raw.sync();
    }
    writeRaw(values);
    QVERIFY(AppSettings().rolloutDefaults().waves == RolloutPlan::defaultWaves());
}

void tst_AppSettings::zeroLengthWindowGivesTheDefaultWindow()
{
    writeRaw({{QStringLiteral("rollouts/windowEnabled"), QStringLiteral("true")},
              {QStringLiteral("rollouts/windowStart"), QStringLiteral("03:00")},
              {QStringLiteral("rollouts/windowEnd"), QStringLiteral("03:00")}});
    QVERIFY(AppSettings().rolloutDefaults().window == MaintenanceWindow());
    // Switched off, the times do not matter.
    writeRaw({{QStringLiteral("rollouts/windowEnabled"), QStringLiteral("false")}});
    QCOMPARE(AppSettings().rolloutDefaults().window.enabled, false);
}

void tst_AppSettings::unreadableFileGivesTheDefaults()
{
    const QString path = AppSettings().fileName();
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        // Not an INI file: binary noise, an unterminated section, a key without a section.
        static const char noise[] = "\x00\xff\xfe[compliance\noutOfDateDays=\"\n=\n\x01\x02";
        QCOMPARE(file.write(noise, sizeof(noise) - 1), qint64(sizeof(noise) - 1));
    }
    const AppSettings settings;
    QCOMPARE(settings.compliancePolicy(), CompliancePolicy());
    QCOMPARE(settings.theme(), AppSettings::Theme::System);
    QVERIFY(settings.rolloutDefaults() == RolloutDefaults());
}

void tst_AppSettings::validationNamesTheProblem()
{
    QVERIFY(AppSettings::validate(CompliancePolicy()).isEmpty());
    CompliancePolicy policy;
    policy.outOfDateDays = 0;
    const QStringList problems = AppSettings::validate(policy);
    QCOMPARE(problems.size(), 1);
    QVERIFY2(problems.first().contains(QStringLiteral("out of date")),
             qPrintable(problems.first()));

    QVERIFY(AppSettings::validate(RolloutDefaults()).isEmpty());
    RolloutDefaults uncovered;
    uncovered.waves = {wave(WavePlan::Size::Percent, 50), wave(WavePlan::Size::Percent, 20)};
    const QStringList waves = AppSettings::validate(uncovered);
    QCOMPARE(waves.size(), 1);
    QVERIFY2(waves.first().contains(QStringLiteral("70%")), qPrintable(waves.first()));
    RolloutDefaults closed;
    closed.window.start = closed.window.end = QTime(2, 0);
    const QStringList window = AppSettings::validate(closed);
    QCOMPARE(window.size(), 1);
    QVERIFY2(window.first().contains(QStringLiteral("maintenance window")),
             qPrintable(window.first()));
}

void tst_AppSettings::codesAndNames()
{
    for (AppSettings::Language language :
         {AppSettings::Language::System, AppSettings::Language::English,
          AppSettings::Language::German, AppSettings::Language::Japanese})
        QVERIFY(AppSettings::languageFromCode(AppSettings::languageCode(language)) == language);
    QCOMPARE(AppSettings::languageCode(AppSettings::Language::German), QStringLiteral("de"));
    QCOMPARE(AppSettings::languageDisplayName(AppSettings::Language::Japanese),
             QStringLiteral("\u65e5\u672c\u8a9e"));
    QVERIFY(!AppSettings::languageFromCode(QStringLiteral("fr")));
    for (AppSettings::Theme theme :
         {AppSettings::Theme::System, AppSettings::Theme::Light, AppSettings::Theme::Dark})
        QVERIFY(AppSettings::themeFromName(AppSettings::themeName(theme)) == theme);
    QVERIFY(!AppSettings::themeFromName(QStringLiteral("solarized")));
}

QTEST_GUILESS_MAIN(tst_AppSettings)
#include "tst_appsettings.moc"
