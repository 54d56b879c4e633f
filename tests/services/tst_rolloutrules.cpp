// SPDX-License-Identifier: Apache-2.0
// The pure rollout rules: wave sizes, plan validation, the success and error thresholds, the
// maintenance window in device-local time, the order waves are filled in (SSU-SEC-0021) and the
// default end-user notice (SSU-COM-0020, SSU-COM-0030); the stored codes of states and outcomes.
#include "domain/rollout.h"
#include "domain/rolloutrules.h"
#include "domain/updateoutcome.h"

#include <QElapsedTimer>
#include <QTest>

#include <algorithm>
#include <numeric>
#include <set>

using namespace Patchboard;
using namespace Patchboard::RolloutRules;

Q_DECLARE_METATYPE(Patchboard::RolloutPlan)
Q_DECLARE_METATYPE(Patchboard::WavePlan)
Q_DECLARE_METATYPE(Patchboard::MaintenanceWindow)
Q_DECLARE_METATYPE(Patchboard::RolloutRules::WaveCounts)
Q_DECLARE_METATYPE(Patchboard::RolloutRules::Verdict)

namespace {

WavePlan percentWave(double percent)
{
    WavePlan wave;
    wave.size = WavePlan::Size::Percent;
    wave.percent = percent;
    return wave;
}

WavePlan countWave(int count)
{
    WavePlan wave;
    wave.size = WavePlan::Size::Count;
    wave.count = count;
    return wave;
}

WavePlan restWave()
{
    WavePlan wave;
    wave.size = WavePlan::Size::Rest;
    return wave;
}

RolloutPlan validPlan()
{
    RolloutPlan plan;
    plan.releaseId = 1;
    plan.name = QStringLiteral("November security update");
    plan.waves = RolloutPlan::defaultWaves();
    plan.window = {true, QTime(22, 0), QTime(4, 0)};
    plan.start = QDateTime(QDate(2026, 11, 5), QTime(9, 0), Qt::UTC);
    plan.deadline = plan.start.addDays(30);
    return plan;
}

qint64 utc(int year, int month, int day, int hour, int minute, int second = 0)
{
    return QDateTime(QDate(year, month, day), QTime(hour, minute, second), Qt::UTC)
        .toSecsSinceEpoch();
}

QString utcText(qint64 seconds)
{
    return QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC).toString(Qt::ISODate);
}

int sum(const QList<int> &sizes)
{
    return std::accumulate(sizes.begin(), sizes.end(), 0);
}

QString sizesText(const QList<int> &sizes)
{
    QStringList parts;
    for (int size : sizes)
        parts.append(QString::number(size));
    return parts.join(QStringLiteral(", "));
}

} // namespace

class TestRolloutRules : public QObject
{
    Q_OBJECT

private slots:
    void defaultWaves();
    void defaultWaveSizes_data();
    void defaultWaveSizes();
    void waveSizes_data();
    void waveSizes();
    void validatePlan_data();
    void validatePlan();
    void evaluate_data();
    void evaluate();
    void failurePercent();
    void fixedOffsetWindow_data();
    void fixedOffsetWindow();
    void windowMinutes();
    void timeZoneWindow_data();
    void timeZoneWindow();
    void fillOrderModelsFirst();
    void fillOrderSeed();
    void fillOrderMillion();
    void notice();
    void storedNames();
    void summaryCounts();
};

void TestRolloutRules::defaultWaves()
{
    const QList<WavePlan> waves = RolloutPlan::defaultWaves();
    QCOMPARE(waves.size(), 4);
    QCOMPARE(waves[0].size, WavePlan::Size::Percent);
    QCOMPARE(waves[0].percent, 1.0);
    QCOMPARE(waves[1].percent, 10.0);
    QCOMPARE(waves[2].percent, 50.0);
    QCOMPARE(waves[3].size, WavePlan::Size::Rest);
    // The canary decides on fewer results and tolerates one unlucky device in ten.
    QCOMPARE(waves[0].minimumResults, 5);
    QCOMPARE(waves[0].successThreshold, 90.0);
    const WavePlan defaults;
    // The big waves decide on more results, so that a model's ordinary failure rate does not
    // cross the 5% threshold by chance in a small sample.
    QCOMPARE(waves[1].minimumResults, 100);
    QCOMPARE(waves[2].minimumResults, 200);
    QCOMPARE(waves[3].minimumResults, 200);
    for (int i = 1; i < waves.size(); ++i) {
        QCOMPARE(waves[i].successThreshold, defaults.successThreshold);
        QCOMPARE(waves[i].errorThreshold, defaults.errorThreshold);
    }
    QCOMPARE(waves[0].errorThreshold, defaults.errorThreshold);
}

void TestRolloutRules::defaultWaveSizes_data()
{
    QTest::addColumn<int>("total");
    QTest::addColumn<QList<int>>("expected");
    QTest::newRow("no devices") << 0 << QList<int>{0, 0, 0, 0};
    QTest::newRow("one device: the canary") << 1 << QList<int>{1, 0, 0, 0};
    // 1% of 7 rounds to 0 but the canary gets 1; 10% -> 1, 50% -> 3.5 -> 4, the rest 1.
    QTest::newRow("7 devices") << 7 << QList<int>{1, 1, 4, 1};
    QTest::newRow("100 devices") << 100 << QList<int>{1, 10, 50, 39};
    QTest::newRow("1000 devices") << 1000 << QList<int>{10, 100, 500, 390};
    QTest::newRow("200000 devices") << 200000 << QList<int>{2000, 20000, 100000, 78000};
}

void TestRolloutRules::defaultWaveSizes()
{
    QFETCH(int, total);
    QFETCH(QList<int>, expected);
    QString problem = QStringLiteral("not cleared");
    const QList<int> sizes = RolloutRules::waveSizes(RolloutPlan::defaultWaves(), total, &problem);
    QCOMPARE(sizesText(sizes), sizesText(expected));
    QCOMPARE(sum(sizes), total);
    if (total > 0)
        QVERIFY2(sizes.first() >= 1, "the canary wave must get a device");
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

void TestRolloutRules::waveSizes_data()
{
    QTest::addColumn<QList<WavePlan>>("waves");
    QTest::addColumn<int>("total");
    QTest::addColumn<QList<int>>("expected");
    QTest::addColumn<QStringList>("problemMentions"); // empty: no problem

    QTest::newRow("counts and the rest") << QList<WavePlan>{countWave(5), countWave(20), restWave()}
                                         << 100 << QList<int>{5, 20, 75} << QStringList();
    QTest::newRow("counts covering exactly") << QList<WavePlan>{countWave(40), countWave(60)} << 100
                                             << QList<int>{40, 60} << QStringList();
    QTest::newRow("percentages of 100 absorb rounding in the last wave")
        << QList<WavePlan>{percentWave(33.3), percentWave(33.3), percentWave(33.4)} << 10
        << QList<int>{3, 3, 4} << QStringList();
    QTest::newRow("percentages of 100, rounding up too far")
        << QList<WavePlan>{percentWave(50), percentWave(50)} << 3 << QList<int>{2, 1}
        << QStringList();
    QTest::newRow("a count and a percentage before the rest")
        << QList<WavePlan>{countWave(10), percentWave(10), restWave()} << 1000
        << QList<int>{10, 100, 890} << QStringList();
    // Over-asking: the later waves get what remains and the operator is told which wave is short.
    QTest::newRow("counts asking for more than there are")
        << QList<WavePlan>{countWave(50), countWave(100), restWave()} << 120
        << QList<int>{50, 70, 0}
        << QStringList{QStringLiteral("120"), QStringLiteral("wave 2 gets only 70"),
                       QStringLiteral("the waves after it none")};
    QTest::newRow("the last count asks too much")
        << QList<WavePlan>{countWave(50), countWave(100)} << 120 << QList<int>{50, 70}
        << QStringList{QStringLiteral("wave 2 gets only 70"), QStringLiteral("Lower")};
    QTest::newRow("percentages past 100")
        << QList<WavePlan>{percentWave(60), percentWave(60)} << 10 << QList<int>{6, 4}
        << QStringList{QStringLiteral("wave 2 gets only 4")};
    // Under-covering: the last wave is not enlarged, the operator sees how many are left out.
    QTest::newRow("counts covering too few")
        << QList<WavePlan>{countWave(10), countWave(20)} << 100 << QList<int>{10, 20}
        << QStringList{QStringLiteral("70 device"), QStringLiteral("left out"),
                       QStringLiteral("30 of 100")};
    QTest::newRow("percentages covering too few")
        << QList<WavePlan>{percentWave(50), percentWave(30)} << 100 << QList<int>{50, 30}
        << QStringList{QStringLiteral("20 device"), QStringLiteral("left out")};
}

void TestRolloutRules::waveSizes()
{
    QFETCH(QList<WavePlan>, waves);
    QFETCH(int, total);
    QFETCH(QList<int>, expected);
    QFETCH(QStringList, problemMentions);
    QString problem;
    const QList<int> sizes = RolloutRules::waveSizes(waves, total, &problem);
    QCOMPARE(sizesText(sizes), sizesText(expected));
    QVERIFY(sum(sizes) <= total);
    if (problemMentions.isEmpty()) {
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QCOMPARE(sum(sizes), total);
    }
    for (const QString &mention : problemMentions)
        QVERIFY2(problem.contains(mention), qPrintable(problem + QStringLiteral(" / ") + mention));
    // The same sizes without anyone asking for the problem.
    QCOMPARE(sizesText(RolloutRules::waveSizes(waves, total)), sizesText(expected));
}

void TestRolloutRules::validatePlan_data()
{
    QTest::addColumn<RolloutPlan>("plan");
    QTest::addColumn<QStringList>("mentions"); // each in one of the messages
    QTest::addColumn<int>("messages");

    QTest::newRow("the default plan") << validPlan() << QStringList() << 0;

    RolloutPlan plan = validPlan();
    plan.waves.clear();
    QTest::newRow("no waves") << plan << QStringList{QStringLiteral("no waves")} << 1;

    plan = validPlan();
    plan.waves = {restWave(), percentWave(50)};
    QTest::newRow("rest not last")
        << plan << QStringList{QStringLiteral("Wave 1 takes the rest"), QStringLiteral("last wave")}
        << 1;

    plan.waves = {percentWave(10), restWave(), restWave()};
    QTest::newRow("two rests") << plan
                               << QStringList{QStringLiteral("Wave 3: only one wave"),
                                              QStringLiteral("wave 2 already does"),
                                              QStringLiteral("Wave 2 takes the rest")}
                               << 2;

    plan.waves = {percentWave(60), percentWave(50)};
    QTest::newRow("percentages past 100")
        << plan << QStringList{QStringLiteral("add up to 110%")} << 1;

    plan.waves = {percentWave(50), percentWave(50), restWave()};
    QTest::newRow("100% before the rest")
        << plan << QStringList{QStringLiteral("100%"), QStringLiteral("nothing for wave 3")} << 1;

    plan.waves = {percentWave(50), percentWave(30)};
    QTest::newRow("percentages short of 100 without a rest")
        << plan << QStringList{QStringLiteral("cover only 80%")} << 1;

    plan.waves = {percentWave(33.3), percentWave(33.3), percentWave(33.4)};
    QTest::newRow("percentages adding to 100 in floating point") << plan << QStringList() << 0;

    plan.waves = {countWave(10), countWave(100)};
    QTest::newRow("counts without a rest: checked against the targets")
        << plan << QStringList() << 0;

    plan.waves = {percentWave(0), restWave()};
    QTest::newRow("a wave of 0%") << plan
                                  << QStringList{QStringLiteral("Wave 1: the share"),
                                                 QStringLiteral("it is 0%")}
                                  << 1;

    plan.waves = {percentWave(101)};
    QTest::newRow("a wave of 101%")
        << plan << QStringList{QStringLiteral("Wave 1: the share"), QStringLiteral("add up to")}
        << 2;

    plan.waves = {countWave(0), restWave()};
    QTest::newRow("a wave of 0 devices")
        << plan << QStringList{QStringLiteral("Wave 1: the number of devices")} << 1;

    plan.waves = RolloutPlan::defaultWaves();
    plan.waves[1].successThreshold = 0;
    QTest::newRow("success threshold 0")
        << plan << QStringList{QStringLiteral("Wave 2: the success threshold")} << 1;
    plan.waves[1].successThreshold = 100.5;
    QTest::newRow("success threshold above 100")
        << plan
        << QStringList{QStringLiteral("Wave 2: the success threshold"), QStringLiteral("100.5%")}
        << 1;
    plan.waves[1].successThreshold = 100;
    QTest::newRow("success threshold 100") << plan << QStringList() << 0;

    plan.waves = RolloutPlan::defaultWaves();
    plan.waves[2].errorThreshold = 100;
    QTest::newRow("error threshold 100")
        << plan << QStringList{QStringLiteral("Wave 3: the error threshold")} << 1;
    plan.waves[2].errorThreshold = -1;
    QTest::newRow("error threshold below 0")
        << plan << QStringList{QStringLiteral("Wave 3: the error threshold")} << 1;
    plan.waves[2].errorThreshold = 0;
    QTest::newRow("error threshold 0: halt on the first failure") << plan << QStringList() << 0;

    plan.waves = RolloutPlan::defaultWaves();
    plan.waves[0].minimumResults = 0;
    QTest::newRow("minimum results 0")
        << plan << QStringList{QStringLiteral("Wave 1: the error threshold needs")} << 1;

    plan.waves = RolloutPlan::defaultWaves();
    plan.waves[3].soakMinutes = 10081;
    QTest::newRow("soak longer than a week")
        << plan << QStringList{QStringLiteral("Wave 4: the soak time")} << 1;
    plan.waves[3].soakMinutes = 10080;
    QTest::newRow("soak of a week") << plan << QStringList() << 0;

    plan = validPlan();
    plan.window = {true, QTime(3, 0), QTime(3, 0)};
    QTest::newRow("zero-length window") << plan
                                        << QStringList{QStringLiteral("starts and ends at 03:00"),
                                                       QStringLiteral("switch the window off")}
                                        << 1;
    plan.window.enabled = false;
    QTest::newRow("zero-length window switched off") << plan << QStringList() << 0;
    plan.window = {true, QTime(), QTime(4, 0)};
    QTest::newRow("window without a start")
        << plan << QStringList{QStringLiteral("maintenance window has no valid start")} << 1;

    plan = validPlan();
    plan.deadline = plan.start.addDays(-1);
    QTest::newRow("deadline before the start")
        << plan
        << QStringList{QStringLiteral("deadline (2026-11-04 09:00 UTC)"),
                       QStringLiteral("before the start (2026-11-05 09:00 UTC)")}
        << 1;
    plan.deadline = QDateTime();
    QTest::newRow("no deadline") << plan << QStringList() << 0;
}

void TestRolloutRules::validatePlan()
{
    QFETCH(RolloutPlan, plan);
    QFETCH(QStringList, mentions);
    QFETCH(int, messages);
    const QStringList problems = RolloutRules::validatePlan(plan);
    const QString all = problems.join(QStringLiteral("\n"));
    QVERIFY2(problems.size() == messages, qPrintable(all));
    for (const QString &mention : mentions)
        QVERIFY2(all.contains(mention), qPrintable(all + QStringLiteral("\n/ ") + mention));
}

void TestRolloutRules::evaluate_data()
{
    QTest::addColumn<WavePlan>("plan");
    QTest::addColumn<WaveCounts>("counts");
    QTest::addColumn<Verdict>("verdict");

    WavePlan plan; // 95% success, 5% errors, 20 results
    auto counts
        = [](int size, int succeeded, int failed, int baselineResults = 0, int baselineFailed = 0) {
              return WaveCounts{size, succeeded, failed, baselineResults, baselineFailed};
          };
    QTest::newRow("nothing reported") << plan << counts(1000, 0, 0) << Verdict::Continue;
    // With a maintenance window, early download failures must not look like the failure rate:
    // devices that verified and wait for the night count as results.
    QTest::newRow("3 early failures among 100 results, 97 waiting for the window")
        << plan << WaveCounts{1000, 0, 3, 0, 0, 97} << Verdict::Continue;
    QTest::newRow("6 early failures among 100 results")
        << plan << WaveCounts{1000, 0, 6, 0, 0, 94} << Verdict::Halt;
    QTest::newRow("failures exactly at the threshold (2 of 40)")
        << plan << counts(1000, 38, 2) << Verdict::Continue;
    QTest::newRow("one more failure (3 of 41)") << plan << counts(1000, 38, 3) << Verdict::Halt;
    QTest::newRow("1 of 20 at the minimum") << plan << counts(1000, 19, 1) << Verdict::Continue;
    QTest::newRow("2 of 20 at the minimum") << plan << counts(1000, 18, 2) << Verdict::Halt;
    QTest::newRow("19 failures, fewer than the minimum")
        << plan << counts(1000, 0, 19) << Verdict::Continue;
    QTest::newRow("20 failures, the minimum") << plan << counts(1000, 0, 20) << Verdict::Halt;
    QTest::newRow("success exactly at the threshold")
        << plan << counts(100, 95, 0) << Verdict::Succeeded;
    QTest::newRow("one short of the success threshold")
        << plan << counts(100, 94, 0) << Verdict::Continue;
    QTest::newRow("success with failures at the threshold")
        << plan << counts(100, 95, 5) << Verdict::Succeeded;
    QTest::newRow("halt wins over success") << plan << counts(100, 95, 6) << Verdict::Halt;
    QTest::newRow("an empty wave never succeeds") << plan << counts(0, 0, 0) << Verdict::Continue;

    // After a halt at 5 failures of 20, the operator resumed: only what happened since counts.
    QTest::newRow("halted counts without a baseline")
        << plan << counts(1000, 35, 6) << Verdict::Halt;
    QTest::newRow("baseline: 1 failure of 21 since the resume")
        << plan << counts(1000, 35, 6, 20, 5) << Verdict::Continue;
    QTest::newRow("baseline: fewer than the minimum since the resume")
        << plan << counts(1000, 20, 10, 20, 5) << Verdict::Continue;
    QTest::newRow("baseline: 2 of 20 since the resume halts again")
        << plan << counts(1000, 33, 7, 20, 5) << Verdict::Halt;

    WavePlan canary = RolloutPlan::defaultWaves().first();
    QTest::newRow("canary: 9 of 10 succeed") << canary << counts(10, 9, 0) << Verdict::Succeeded;
    QTest::newRow("canary: 1 failure of 5 results halts")
        << canary << counts(10, 4, 1) << Verdict::Halt;
    QTest::newRow("canary: 1 failure of 4 results waits")
        << canary << counts(10, 3, 1) << Verdict::Continue;

    WavePlan strict;
    strict.errorThreshold = 0;
    strict.minimumResults = 1;
    QTest::newRow("0% errors: the first failure halts")
        << strict << counts(100, 10, 1) << Verdict::Halt;
    QTest::newRow("0% errors: no failure continues")
        << strict << counts(100, 10, 0) << Verdict::Continue;
}

void TestRolloutRules::evaluate()
{
    QFETCH(WavePlan, plan);
    QFETCH(WaveCounts, counts);
    QFETCH(Verdict, verdict);
    QCOMPARE(int(RolloutRules::evaluate(plan, counts)), int(verdict));
}

void TestRolloutRules::failurePercent()
{
    QCOMPARE(RolloutRules::failurePercent(WaveCounts{100, 0, 0, 0, 0}), 0.0);
    QCOMPARE(RolloutRules::failurePercent(WaveCounts{100, 19, 1, 0, 0}), 5.0);
    QCOMPARE(RolloutRules::failurePercent(WaveCounts{100, 30, 10, 0, 0}), 25.0);
    // Since the resume: 1 failure of 20 results.
    QCOMPARE(RolloutRules::failurePercent(WaveCounts{100, 34, 6, 20, 5}), 5.0);
    // Nothing reported since the resume yet.
    QCOMPARE(RolloutRules::failurePercent(WaveCounts{100, 15, 5, 20, 5}), 0.0);
}

void TestRolloutRules::fixedOffsetWindow_data()
{
    QTest::addColumn<MaintenanceWindow>("window");
    QTest::addColumn<int>("offset");
    QTest::addColumn<qint64>("now");
    QTest::addColumn<bool>("inside");
    QTest::addColumn<qint64>("next");

    const MaintenanceWindow night{true, QTime(22, 0), QTime(4, 0)};
    // UTC+9: 22:00-04:00 local is 13:00-19:00 UTC.
    const int tokyo = 9 * 3600;
    QTest::newRow("UTC+9 21:59 local")
        << night << tokyo << utc(2026, 6, 15, 12, 59) << false << utc(2026, 6, 15, 13, 0);
    QTest::newRow("UTC+9 at the start")
        << night << tokyo << utc(2026, 6, 15, 13, 0) << true << utc(2026, 6, 15, 13, 0);
    QTest::newRow("UTC+9 01:30 local")
        << night << tokyo << utc(2026, 6, 15, 16, 30) << true << utc(2026, 6, 15, 16, 30);
    QTest::newRow("UTC+9 03:59:59 local")
        << night << tokyo << utc(2026, 6, 15, 18, 59, 59) << true << utc(2026, 6, 15, 18, 59, 59);
    QTest::newRow("UTC+9 at the end")
        << night << tokyo << utc(2026, 6, 15, 19, 0) << false << utc(2026, 6, 16, 13, 0);
    QTest::newRow("UTC+9 noon local")
        << night << tokyo << utc(2026, 6, 15, 3, 0) << false << utc(2026, 6, 15, 13, 0);
    // UTC-5: 22:00-04:00 local is 03:00-09:00 UTC, the local evening is the next UTC day.
    const int eastern = -5 * 3600;
    QTest::newRow("UTC-5 21:00 local")
        << night << eastern << utc(2026, 6, 16, 2, 0) << false << utc(2026, 6, 16, 3, 0);
    QTest::newRow("UTC-5 at the start")
        << night << eastern << utc(2026, 6, 16, 3, 0) << true << utc(2026, 6, 16, 3, 0);
    QTest::newRow("UTC-5 midnight local")
        << night << eastern << utc(2026, 6, 16, 5, 0) << true << utc(2026, 6, 16, 5, 0);
    QTest::newRow("UTC-5 at the end")
        << night << eastern << utc(2026, 6, 16, 9, 0) << false << utc(2026, 6, 17, 3, 0);
    QTest::newRow("UTC-5 18:00 local")
        << night << eastern << utc(2026, 6, 16, 23, 0) << false << utc(2026, 6, 17, 3, 0);
    // UTC+5:30: 22:00-04:00 local is 16:30-22:30 UTC.
    const int india = 5 * 3600 + 1800;
    QTest::newRow("UTC+5:30 one second before the start")
        << night << india << utc(2026, 6, 15, 16, 29, 59) << false << utc(2026, 6, 15, 16, 30);
    QTest::newRow("UTC+5:30 at the start")
        << night << india << utc(2026, 6, 15, 16, 30) << true << utc(2026, 6, 15, 16, 30);
    QTest::newRow("UTC+5:30 midnight local")
        << night << india << utc(2026, 6, 15, 18, 30) << true << utc(2026, 6, 15, 18, 30);
    QTest::newRow("UTC+5:30 03:59 local")
        << night << india << utc(2026, 6, 15, 22, 29) << true << utc(2026, 6, 15, 22, 29);
    QTest::newRow("UTC+5:30 at the end")
        << night << india << utc(2026, 6, 15, 22, 30) << false << utc(2026, 6, 16, 16, 30);
    QTest::newRow("UTC before 1970 inside") << night << 0 << qint64(-3600) << true << qint64(-3600);

    const MaintenanceWindow early{true, QTime(1, 0), QTime(5, 0)};
    QTest::newRow("01-05 UTC 00:59")
        << early << 0 << utc(2026, 6, 15, 0, 59) << false << utc(2026, 6, 15, 1, 0);
    QTest::newRow("01-05 UTC at the start")
        << early << 0 << utc(2026, 6, 15, 1, 0) << true << utc(2026, 6, 15, 1, 0);
    QTest::newRow("01-05 UTC at the end")
        << early << 0 << utc(2026, 6, 15, 5, 0) << false << utc(2026, 6, 16, 1, 0);

    const MaintenanceWindow off{false, QTime(1, 0), QTime(5, 0)};
    QTest::newRow("switched off: any time")
        << off << tokyo << utc(2026, 6, 15, 12, 0) << true << utc(2026, 6, 15, 12, 0);
}

void TestRolloutRules::fixedOffsetWindow()
{
    QFETCH(MaintenanceWindow, window);
    QFETCH(int, offset);
    QFETCH(qint64, now);
    QFETCH(bool, inside);
    QFETCH(qint64, next);
    QCOMPARE(windowContains(window, now, offset), inside);
    QCOMPARE(utcText(nextWindowStart(window, now, offset)), utcText(next));
    // The window is open at the time it names.
    QVERIFY(windowContains(window, next, offset));
}

void TestRolloutRules::windowMinutes()
{
    QCOMPARE(RolloutRules::windowMinutes({true, QTime(22, 0), QTime(4, 0)}), 6 * 60);
    QCOMPARE(RolloutRules::windowMinutes({true, QTime(1, 0), QTime(5, 30)}), 4 * 60 + 30);
    QCOMPARE(RolloutRules::windowMinutes({false, QTime(1, 0), QTime(5, 0)}), 24 * 60);
}

void TestRolloutRules::timeZoneWindow_data()
{
    QTest::addColumn<QByteArray>("zone");
    QTest::addColumn<MaintenanceWindow>("window");
    QTest::addColumn<qint64>("now");
    QTest::addColumn<qint64>("next");
    QTest::addColumn<QTime>("localOpening");

    const MaintenanceWindow night{true, QTime(22, 0), QTime(4, 0)};
    const MaintenanceWindow morning{true, QTime(4, 0), QTime(6, 0)};
    const QByteArray berlin("Europe/Berlin");
    const QByteArray newYork("America/New_York");
    // Europe/Berlin springs forward on 2026-03-29 at 01:00 UTC (02:00 CET -> 03:00 CEST).
    QTest::newRow("Berlin, the evening before spring")
        << berlin << night << utc(2026, 3, 28, 12, 0) << utc(2026, 3, 28, 21, 0) << QTime(22, 0);
    QTest::newRow("Berlin, inside at night")
        << berlin << night << utc(2026, 3, 28, 23, 30) << utc(2026, 3, 28, 23, 30) << QTime(0, 30);
    QTest::newRow("Berlin, spring change before the window")
        << berlin << morning << utc(2026, 3, 28, 23, 30) << utc(2026, 3, 29, 2, 0) << QTime(4, 0);
    QTest::newRow("Berlin, the evening after spring")
        << berlin << night << utc(2026, 3, 29, 10, 0) << utc(2026, 3, 29, 20, 0) << QTime(22, 0);
    QTest::newRow("Berlin, start 02:30 in the gap opens at 03:00")
        << berlin << MaintenanceWindow{true, QTime(2, 30), QTime(5, 0)} << utc(2026, 3, 28, 23, 0)
        << utc(2026, 3, 29, 1, 0) << QTime(3, 0);
    // A window that lies wholly in the gap still opens that night, when the clock reaches 03:00.
    QTest::newRow("Berlin, window 02:30-03:00 in the gap opens at 03:00")
        << berlin << MaintenanceWindow{true, QTime(2, 30), QTime(3, 0)} << utc(2026, 3, 28, 23, 0)
        << utc(2026, 3, 29, 1, 0) << QTime(3, 0);
    // Europe/Berlin falls back on 2026-10-25 at 01:00 UTC (03:00 CEST -> 02:00 CET).
    QTest::newRow("Berlin, autumn: evening in summer time")
        << berlin << night << utc(2026, 10, 24, 12, 0) << utc(2026, 10, 24, 20, 0) << QTime(22, 0);
    QTest::newRow("Berlin, autumn change before the window")
        << berlin << morning << utc(2026, 10, 24, 22, 30) << utc(2026, 10, 25, 3, 0) << QTime(4, 0);
    QTest::newRow("Berlin, autumn: evening in winter time")
        << berlin << night << utc(2026, 10, 25, 12, 0) << utc(2026, 10, 25, 21, 0) << QTime(22, 0);
    // America/New_York springs forward on 2026-03-08 at 07:00 UTC (02:00 EST -> 03:00 EDT) and
    // falls back on 2026-11-01 at 06:00 UTC (02:00 EDT -> 01:00 EST).
    QTest::newRow("New York, spring change before the window")
        << newYork << morning << utc(2026, 3, 8, 5, 0) << utc(2026, 3, 8, 8, 0) << QTime(4, 0);
    QTest::newRow("New York, autumn change before the window")
        << newYork << MaintenanceWindow{true, QTime(3, 0), QTime(5, 0)} << utc(2026, 11, 1, 4, 30)
        << utc(2026, 11, 1, 8, 0) << QTime(3, 0);
    QTest::newRow("New York, inside across the autumn change")
        << newYork << night << utc(2026, 11, 1, 5, 30) << utc(2026, 11, 1, 5, 30) << QTime(1, 30);
    // 01:30 comes twice that night; the clock shows it again 45 minutes later, not a day later.
    QTest::newRow("New York, the repeated hour")
        << newYork << MaintenanceWindow{true, QTime(1, 30), QTime(1, 45)} << utc(2026, 11, 1, 5, 50)
        << utc(2026, 11, 1, 6, 30) << QTime(1, 30);
}

void TestRolloutRules::timeZoneWindow()
{
    QFETCH(QByteArray, zone);
    QFETCH(MaintenanceWindow, window);
    QFETCH(qint64, now);
    QFETCH(qint64, next);
    QFETCH(QTime, localOpening);
    const QTimeZone timeZone(zone);
    QVERIFY2(timeZone.isValid(), zone.constData());
    const qint64 opens = nextWindowStart(window, now, timeZone);
    QCOMPARE(utcText(opens), utcText(next));
    QCOMPARE(QDateTime::fromSecsSinceEpoch(opens, timeZone).time(), localOpening);
}

void TestRolloutRules::fillOrderModelsFirst()
{
    // Interleaved as storage returns them: model 3 has 30 devices, 7 has 50, 9 has 30, 1 has 5.
    std::vector<qint64> targets;
    std::vector<int> models;
    const QList<QPair<int, int>> fleet{{3, 30}, {7, 50}, {9, 30}, {1, 5}};
    for (int round = 0; round < 50; ++round) {
        for (const auto &[model, devices] : fleet) {
            if (round < devices) {
                targets.push_back(qint64(targets.size()) + 1000);
                models.push_back(model);
            }
        }
    }
    const std::vector<quint32> order = RolloutRules::fillOrder(targets, models, 42);
    QCOMPARE(order.size(), targets.size());
    QCOMPARE(std::set<quint32>(order.begin(), order.end()).size(), targets.size());

    // The most popular model first; models of equal size by id.
    QList<int> blocks;
    for (quint32 index : order) {
        if (blocks.isEmpty() || blocks.last() != models[index])
            blocks.append(models[index]);
    }
    QCOMPARE(blocks, (QList<int>{7, 3, 9, 1}));

    // Within a model the order is not storage order: the canary is not the oldest devices.
    std::vector<qint64> firstModel;
    for (int i = 0; i < 50; ++i)
        firstModel.push_back(targets[order[i]]);
    QVERIFY(!std::is_sorted(firstModel.begin(), firstModel.end()));
}

void TestRolloutRules::fillOrderSeed()
{
    // 1000 devices of one model, the first 500 in storage from one region, the rest another.
    std::vector<qint64> targets;
    std::vector<int> models;
    for (int i = 0; i < 1000; ++i) {
        targets.push_back(5000 + i);
        models.push_back(i % 10 == 0 ? 2 : 1);
    }
    const std::vector<quint32> a = RolloutRules::fillOrder(targets, models, 7);
    QCOMPARE(RolloutRules::fillOrder(targets, models, 7), a); // the same plan, the same waves
    const std::vector<quint32> b = RolloutRules::fillOrder(targets, models, 8);
    QVERIFY(a != b);
    // The same model blocks, in a different order within them.
    for (size_t i = 0; i < a.size(); ++i)
        QCOMPARE(models[a[i]], models[b[i]]);
    QCOMPARE(std::set<quint32>(a.begin(), a.begin() + 900),
             std::set<quint32>(b.begin(), b.begin() + 900));
    // A canary of 10 draws from both regions.
    int firstRegion = 0;
    for (int i = 0; i < 10; ++i)
        firstRegion += targets[a[i]] < 5500 ? 1 : 0;
    QVERIFY2(firstRegion > 0 && firstRegion < 10, qPrintable(QString::number(firstRegion)));
}

void TestRolloutRules::fillOrderMillion()
{
    const int n = 1000000;
    std::vector<qint64> targets(n);
    std::vector<int> models(n);
    for (int i = 0; i < n; ++i) {
        targets[i] = 1 + qint64(i) * 3;
        models[i] = i % 3 == 0 ? i % 40 : 100 + i % 7; // 47 models of skewed sizes
    }
    qint64 best = std::numeric_limits<qint64>::max();
    std::vector<quint32> order;
    for (int run = 0; run < 3; ++run) { // best of three: other builds share the machine
        QElapsedTimer timer;
        timer.start();
        order = RolloutRules::fillOrder(targets, models, 20261105);
        best = std::min(best, timer.elapsed());
    }
    qInfo("fillOrder of %d targets: %lld ms", n, best);
    QCOMPARE(order.size(), size_t(n));
    QVERIFY2(best < 200, qPrintable(QStringLiteral("%1 ms").arg(best)));
    std::vector<bool> seen(n);
    for (quint32 index : order) {
        QVERIFY(index < quint32(n) && !seen[index]);
        seen[index] = true;
    }
}

void TestRolloutRules::notice()
{
    const QString title = defaultNoticeTitle(QDate(2026, 11, 5));
    QVERIFY2(title.contains(QLatin1String("security"), Qt::CaseInsensitive), qPrintable(title));
    QVERIFY2(title.contains(QLatin1String("2026-11-05")), qPrintable(title));

    const QStringList three{QStringLiteral("CVE-2026-0101"), QStringLiteral("CVE-2026-0007"),
                            QStringLiteral("CVE-2026-0042")};
    QString summary = defaultNoticeSummary(three);
    QVERIFY2(summary.contains(QLatin1String("security")), qPrintable(summary));
    QVERIFY2(summary.contains(QLatin1String("CVE-2026-0101, CVE-2026-0007, CVE-2026-0042")),
             qPrintable(summary)); // most severe first, as given
    QVERIFY2(!summary.contains(QLatin1String("more")), qPrintable(summary));

    QStringList twelve;
    for (int i = 1; i <= 12; ++i)
        twelve.append(QStringLiteral("CVE-2026-%1").arg(i, 4, 10, QLatin1Char('0')));
    summary = defaultNoticeSummary(twelve);
    QVERIFY2(summary.contains(QLatin1String("CVE-2026-0008 and 4 more")), qPrintable(summary));
    QVERIFY2(!summary.contains(QLatin1String("CVE-2026-0009")), qPrintable(summary));
    summary = defaultNoticeSummary(twelve, 3);
    QVERIFY2(summary.contains(QLatin1String("CVE-2026-0003 and 9 more")), qPrintable(summary));
    summary = defaultNoticeSummary(twelve, 12);
    QVERIFY2(summary.contains(QLatin1String("CVE-2026-0012.")), qPrintable(summary));

    summary = defaultNoticeSummary({});
    QVERIFY2(summary.contains(QLatin1String("security")), qPrintable(summary));
    // A CVE listed twice is named once.
    summary = defaultNoticeSummary({three[0], three[0], three[1]});
    QCOMPARE(summary.count(three[0]), 1);
}

void TestRolloutRules::storedNames()
{
    // Stored in the database: never change these.
    const QStringList rollout{QStringLiteral("draft"),    QStringLiteral("scheduled"),
                              QStringLiteral("running"),  QStringLiteral("paused"),
                              QStringLiteral("halted"),   QStringLiteral("completed"),
                              QStringLiteral("cancelled")};
    for (int i = 0; i < RolloutStateCount; ++i) {
        QCOMPARE(rolloutStateName(RolloutState(i)), rollout[i]);
        QCOMPARE(rolloutStateFromName(rollout[i]), std::optional(RolloutState(i)));
        QVERIFY(!rolloutStateDisplayName(RolloutState(i)).isEmpty());
    }
    const QStringList wave{QStringLiteral("pending"), QStringLiteral("running"),
                           QStringLiteral("succeeded"), QStringLiteral("halted"),
                           QStringLiteral("cancelled")};
    for (int i = 0; i < WaveStateCount; ++i) {
        QCOMPARE(waveStateName(WaveState(i)), wave[i]);
        QCOMPARE(waveStateFromName(wave[i]), std::optional(WaveState(i)));
        QVERIFY(!waveStateDisplayName(WaveState(i)).isEmpty());
    }
    QVERIFY(!rolloutStateFromName(QStringLiteral("Running")));
    QVERIFY(!waveStateFromName(QString()));

    const QStringList phases{QStringLiteral("offer"), QStringLiteral("download"),
                             QStringLiteral("verify"), QStringLiteral("install"),
                             QStringLiteral("reboot")};
    for (int i = 0; i < UpdatePhaseCount; ++i) {
        QCOMPARE(updatePhaseCode(UpdatePhase(i)), phases[i]);
        QCOMPARE(updatePhaseFromCode(phases[i]), std::optional(UpdatePhase(i)));
        QCOMPARE(updatePhaseDisplayName(phases[i]), updatePhaseDisplayName(UpdatePhase(i)));
    }
    const QStringList outcomes{QStringLiteral("ok"), QStringLiteral("succeeded"),
                               QStringLiteral("failed"), QStringLiteral("rolled-back"),
                               QStringLiteral("postponed")};
    for (int i = 0; i < UpdateOutcomeCount; ++i) {
        QCOMPARE(updateOutcomeCode(UpdateOutcome(i)), outcomes[i]);
        QCOMPARE(updateOutcomeFromCode(outcomes[i]), std::optional(UpdateOutcome(i)));
        QVERIFY(!updateOutcomeDisplayName(UpdateOutcome(i)).isEmpty());
    }
    const QStringList reasons{QString(),
                              QStringLiteral("download-timeout"),
                              QStringLiteral("digest-mismatch"),
                              QStringLiteral("signature-refused"),
                              QStringLiteral("insufficient-storage"),
                              QStringLiteral("low-battery"),
                              QStringLiteral("install-failed"),
                              QStringLiteral("boot-failed")};
    for (int i = 0; i < FailureReasonCount; ++i) {
        QCOMPARE(failureReasonCode(FailureReason(i)), reasons[i]);
        QCOMPARE(failureReasonFromCode(reasons[i]), std::optional(FailureReason(i)));
        QCOMPARE(failureReasonDisplayName(FailureReason(i)).isEmpty(), i == 0);
    }
    // A code from a newer version is shown as it is.
    QVERIFY(!updatePhaseFromCode(QStringLiteral("flash")));
    QCOMPARE(updatePhaseDisplayName(QStringLiteral("flash")), QStringLiteral("flash"));
    QCOMPARE(updateOutcomeDisplayName(QStringLiteral("skipped")), QStringLiteral("skipped"));
    QCOMPARE(failureReasonDisplayName(QStringLiteral("overheated")), QStringLiteral("overheated"));
    QCOMPARE(updateOutcomeDisplayName(QStringLiteral("rolled-back")),
             updateOutcomeDisplayName(UpdateOutcome::RolledBack));

    // Target states: terminal ones end the device's part; offered .. postponed are in progress.
    for (int i = 0; i < TargetStateCount; ++i) {
        const auto state = TargetState(i);
        const bool terminal = state == TargetState::Succeeded || state == TargetState::Failed
            || state == TargetState::RolledBack || state == TargetState::Cancelled
            || state == TargetState::Expired;
        QCOMPARE(isTerminal(state), terminal);
        QCOMPARE(isInProgress(state), !terminal && state != TargetState::Pending);
        QVERIFY(!targetStateDisplayName(state).isEmpty());
    }
}

void TestRolloutRules::summaryCounts()
{
    RolloutSummary summary;
    WaveProgress first;
    first.succeeded = 9;
    first.failed = 1;
    first.rolledBack = 1;
    WaveProgress second;
    second.succeeded = 40;
    second.failed = 2;
    second.inProgress = 30;
    second.postponed = 5;
    second.pending = 23;
    WaveProgress third;
    third.pending = 500;
    summary.waves = {first, second, third};
    QCOMPARE(summary.succeeded(), 49);
    QCOMPARE(summary.failed(), 3);
    QCOMPARE(summary.inProgress(), 35); // postponed devices are still in progress
    QCOMPARE(summary.pending(), 523);
}

QTEST_GUILESS_MAIN(TestRolloutRules)
#include "tst_rolloutrules.moc"
