// SPDX-License-Identifier: Apache-2.0
// The chart models of the Telemetry page under QAbstractItemModelTester: outcomes over time
// (bucket bounds clipped to the range, counts, failure rates), failure reasons (most first, with
// their share), failures by model, region and wave (ordering, failure rates, the average they are
// compared with), the top failing table, whole resets on new data, and the time ranges ("now" of
// the relative ranges is the scope's latest event).
#include "telemetryformat.h"
#include "telemetrygroupmodel.h"
#include "telemetryrange.h"
#include "telemetryreasonmodel.h"
#include "telemetrytimelinemodel.h"
#include "telemetrytopfailuresmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace Patchboard;

namespace {

const QDateTime Start(QDate(2025, 11, 12), QTime(8, 0), Qt::UTC);

OutcomeCounts counts(qint64 succeeded, qint64 failed, qint64 rolledBack, qint64 postponed)
{
    OutcomeCounts c;
    c[TelemetryOutcome::Succeeded] = succeeded;
    c[TelemetryOutcome::Failed] = failed;
    c[TelemetryOutcome::RolledBack] = rolledBack;
    c[TelemetryOutcome::Postponed] = postponed;
    return c;
}

// A rollout's last hours: hourly buckets from 08:00, the query starting at 08:20 and ending at
// 11:20, so that the first and last buckets are clipped.
TelemetryOverview overview()
{
    TelemetryOverview o;
    o.query.scope = TelemetryScope::rollout(7);
    o.query.from = Start.addSecs(20 * 60);
    o.query.to = Start.addSecs(3 * 3600 + 20 * 60);
    o.firstEvent = Start.addDays(-1);
    o.lastEvent = Start.addSecs(3 * 3600 + 19 * 60);
    o.series.bucketSeconds = 3600;
    o.series.buckets = {{Start, counts(40, 1, 0, 2)},
                        {Start.addSecs(3600), counts(0, 0, 0, 0)},
                        {Start.addSecs(7200), counts(90, 8, 2, 5)},
                        {Start.addSecs(10800), counts(30, 0, 0, 1)}};
    for (const OutcomeBucket &b : std::as_const(o.series.buckets))
        o.breakdown.total += b.counts;
    o.breakdown.reasons = {
        {FailureReason::InstallFailed, TelemetryOutcome::Failed, 3},
        {FailureReason::DownloadTimeout, TelemetryOutcome::Failed, 6},
        {FailureReason::LowBattery, TelemetryOutcome::Postponed, 8},
        {FailureReason::BootFailed, TelemetryOutcome::RolledBack, 2},
    };
    // Deliberately not in the order the models must show: by failures, then rate, then name.
    o.breakdown.models = {
        {11, QStringLiteral("Aurora A5"), counts(100, 2, 0, 4)}, // 2 failures, 1.96%
        {13, QStringLiteral("Nimbus N2"), counts(20, 4, 2, 2)}, // 6 failures, 23.1%
        {12, QStringLiteral("Aurora A3"), counts(38, 2, 0, 1)}, // 2 failures, 5.0%
        {14, QStringLiteral("Kestrel K1"), counts(2, 1, 0, 1)}, // 1 failure, 33.3%
        {15, QStringLiteral("Basalt B1"), counts(0, 0, 0, 0)}, // no results
    };
    o.breakdown.regions = {
        {1, QStringLiteral("Germany North"), counts(80, 1, 0, 3)},
        {2, QStringLiteral("Germany South"), counts(50, 6, 2, 3)},
        {3, QStringLiteral("Berlin"), counts(30, 2, 0, 2)},
    };
    o.breakdown.waves = {{3, QString(), counts(60, 8, 2, 4)},
                         {1, QString(), counts(10, 0, 0, 0)},
                         {2, QString(), counts(90, 1, 0, 4)}};
    o.errorThreshold = 5.0;
    o.thresholdWave = 3;
    return o;
}

QVariant cell(const QAbstractItemModel &model, int row, int column, int role = Qt::DisplayRole)
{
    return model.index(row, column).data(role);
}

} // namespace

class tst_TelemetryModels : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void timelineHasABucketPerRow();
    void timelineClipsBucketsToTheRange();
    void timelineFailureRatePerBucket();
    void reasonsMostFirstWithTheirShare();
    void modelsByFailuresWithRateAgainstTheAverage();
    void wavesByNumber();
    void regionsByFailures();
    void topFailuresTakesAFewOfEachWithFailures();
    void newDataResetsEveryModel();
    void emptyOverviewGivesEmptyModels();
    void relativeRangesEndAtTheLatestEvent_data();
    void relativeRangesEndAtTheLatestEvent();
    void customAndOpenRanges();
};

void tst_TelemetryModels::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void tst_TelemetryModels::timelineHasABucketPerRow()
{
    TelemetryTimelineModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setOverview(overview());
    QCOMPARE(model.rowCount(), 4);
    QCOMPARE(model.columnCount(), int(TelemetryTimelineModel::ColumnCount));
    QCOMPARE(model.bucketSeconds(), 3600);
    QCOMPARE(
        cell(model, 2, TelemetryTimelineModel::SucceededColumn, TelemetryTimelineModel::SortRole),
        QVariant(qint64(90)));
    QCOMPARE(cell(model, 2, TelemetryTimelineModel::FailedColumn, TelemetryTimelineModel::SortRole),
             QVariant(qint64(8)));
    QCOMPARE(
        cell(model, 2, TelemetryTimelineModel::RolledBackColumn, TelemetryTimelineModel::SortRole),
        QVariant(qint64(2)));
    QCOMPARE(
        cell(model, 2, TelemetryTimelineModel::PostponedColumn, TelemetryTimelineModel::SortRole),
        QVariant(qint64(5)));
    QCOMPARE(
        cell(model, 2, TelemetryTimelineModel::ResultsColumn, TelemetryTimelineModel::SortRole),
        QVariant(qint64(100)));
    QCOMPARE(cell(model, 2, TelemetryTimelineModel::FailedColumn).toString(), QStringLiteral("8"));
    QCOMPARE(cell(model, 2, TelemetryTimelineModel::FailureRateColumn).toString(),
             QStringLiteral("10.0%"));
    QCOMPARE(model.highestTotal(), qint64(105));
    QCOMPARE(model.errorThreshold(), 5.0);
    QCOMPARE(model.thresholdWave(), 3);
    QCOMPARE(TelemetryTimelineModel::outcomeOf(
                 TelemetryTimelineModel::columnOf(TelemetryOutcome::RolledBack)),
             std::optional<TelemetryOutcome>(TelemetryOutcome::RolledBack));
    QCOMPARE(model.headerData(TelemetryTimelineModel::RolledBackColumn, Qt::Horizontal).toString(),
             QStringLiteral("Rolled back"));
}

void tst_TelemetryModels::timelineClipsBucketsToTheRange()
{
    TelemetryTimelineModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setOverview(overview());
    // The first bucket starts at 08:00 but the range at 08:20: its bar counts 08:20-09:00.
    QCOMPARE(model.bucketStart(0), Start.addSecs(20 * 60));
    QCOMPARE(model.bucketEnd(0), Start.addSecs(3600));
    QCOMPARE(model.bucketStart(1), Start.addSecs(3600));
    QCOMPARE(model.bucketEnd(1), Start.addSecs(7200));
    QCOMPARE(model.bucketStart(3), Start.addSecs(10800));
    QCOMPARE(model.bucketEnd(3), Start.addSecs(3 * 3600 + 20 * 60));
    QCOMPARE(cell(model, 0, TelemetryTimelineModel::StartColumn, TelemetryTimelineModel::StartRole)
                 .toDateTime(),
             Start.addSecs(20 * 60));
    QCOMPARE(cell(model, 3, TelemetryTimelineModel::EndColumn, TelemetryTimelineModel::SortRole)
                 .toDateTime(),
             Start.addSecs(3 * 3600 + 20 * 60));
    QCOMPARE(model.bucketStart(4), QDateTime());
}

void tst_TelemetryModels::timelineFailureRatePerBucket()
{
    TelemetryTimelineModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setOverview(overview());
    const auto rate = [&model](int row) {
        return cell(model, row, TelemetryTimelineModel::FailureRateColumn,
                    TelemetryTimelineModel::SortRole);
    };
    QCOMPARE(rate(0).toDouble(), 100.0 * 1 / 41);
    // No results: no rate (0% would read as "nothing failed"), and a dash on screen.
    QVERIFY(!rate(1).isValid());
    QCOMPARE(cell(model, 1, TelemetryTimelineModel::FailureRateColumn).toString(),
             QStringLiteral("\u2013"));
    QCOMPARE(rate(2).toDouble(), 10.0); // (8 + 2) / 100: rolled back counts as a failure
    QCOMPARE(rate(3).toDouble(), 0.0);
    QCOMPARE(model.worstBucket(), 2);
    QCOMPARE(model.highestRate(), 10.0);
}

void tst_TelemetryModels::reasonsMostFirstWithTheirShare()
{
    TelemetryReasonModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setBreakdown(overview().breakdown);
    QCOMPARE(model.rowCount(), 4);
    QCOMPARE(model.total(), qint64(19));
    const QList<int> expected{int(FailureReason::LowBattery), int(FailureReason::DownloadTimeout),
                              int(FailureReason::InstallFailed), int(FailureReason::BootFailed)};
    for (int row = 0; row < expected.size(); ++row)
        QCOMPARE(cell(model, row, 0, TelemetryReasonModel::ReasonRole).toInt(), expected.at(row));
    QCOMPARE(cell(model, 0, TelemetryReasonModel::ReasonColumn).toString(),
             QStringLiteral("Low battery"));
    QCOMPARE(cell(model, 0, TelemetryReasonModel::OutcomeColumn).toString(),
             QStringLiteral("Postponed"));
    QCOMPARE(cell(model, 3, TelemetryReasonModel::CountColumn, TelemetryReasonModel::OutcomeRole)
                 .toInt(),
             int(TelemetryOutcome::RolledBack));
    QCOMPARE(cell(model, 1, TelemetryReasonModel::CountColumn, TelemetryReasonModel::SortRole),
             QVariant(qint64(6)));
    QCOMPARE(cell(model, 1, TelemetryReasonModel::ShareColumn).toString(), QStringLiteral("31.6%"));
    QCOMPARE(model.share(3), 2.0 / 19);
}

void tst_TelemetryModels::modelsByFailuresWithRateAgainstTheAverage()
{
    TelemetryGroupModel model(TelemetryGroupKind::Model);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const TelemetryOverview o = overview();
    model.setBreakdown(o.breakdown);
    QCOMPARE(model.rowCount(), 5);
    // Most failures first; equal failures: the higher rate first.
    const QStringList names{QStringLiteral("Nimbus N2"), QStringLiteral("Aurora A3"),
                            QStringLiteral("Aurora A5"), QStringLiteral("Kestrel K1"),
                            QStringLiteral("Basalt B1")};
    for (int row = 0; row < names.size(); ++row)
        QCOMPARE(cell(model, row, TelemetryGroupModel::NameColumn).toString(), names.at(row));
    QCOMPARE(
        cell(model, 0, TelemetryGroupModel::NameColumn, TelemetryGroupModel::GroupIdRole).toInt(),
        13);
    QCOMPARE(model.rowOfId(12), 1);

    // The average is over every result of the query: 11 failures of 171 results.
    QCOMPARE(model.averageFailureRate(), o.breakdown.total.failureRate());
    QCOMPARE(model.averageFailureRate(), 100.0 * 11 / 171);
    QCOMPARE(cell(model, 0, TelemetryGroupModel::FailuresColumn, TelemetryGroupModel::SortRole),
             QVariant(qint64(6)));
    QCOMPARE(cell(model, 0, TelemetryGroupModel::FailureRateColumn, TelemetryGroupModel::SortRole)
                 .toDouble(),
             100.0 * 6 / 26);
    QCOMPARE(cell(model, 0, TelemetryGroupModel::DifferenceColumn, TelemetryGroupModel::SortRole)
                 .toDouble(),
             100.0 * 6 / 26 - 100.0 * 11 / 171);
    QCOMPARE(cell(model, 0, TelemetryGroupModel::DifferenceColumn).toString(),
             QStringLiteral("+16.6"));
    QCOMPARE(cell(model, 2, TelemetryGroupModel::DifferenceColumn).toString(),
             QStringLiteral("\u22124.5"));
    // Above the average is said in text, not only in colour.
    QVERIFY(cell(model, 0, TelemetryGroupModel::NameColumn, TelemetryGroupModel::AboveAverageRole)
                .toBool());
    QVERIFY(cell(model, 0, TelemetryGroupModel::FailureRateColumn)
                .toString()
                .startsWith(QStringLiteral("\u26A0")));
    QVERIFY(!cell(model, 2, TelemetryGroupModel::NameColumn, TelemetryGroupModel::AboveAverageRole)
                 .toBool());
    QCOMPARE(cell(model, 2, TelemetryGroupModel::FailureRateColumn).toString(),
             QStringLiteral("2.0%"));
    // No results: neither a rate nor a difference.
    QVERIFY(!cell(model, 4, TelemetryGroupModel::FailureRateColumn, TelemetryGroupModel::SortRole)
                 .isValid());
    QVERIFY(!cell(model, 4, TelemetryGroupModel::DifferenceColumn, TelemetryGroupModel::SortRole)
                 .isValid());
    QVERIFY(!model.isAboveAverage(4));
    QCOMPARE(model.highestFailures(), qint64(6));
    QCOMPARE(model.highestRate(), 100.0 / 3);
}

void tst_TelemetryModels::wavesByNumber()
{
    TelemetryGroupModel model(TelemetryGroupKind::Wave);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setBreakdown(overview().breakdown);
    QCOMPARE(model.rowCount(), 3);
    for (int row = 0; row < 3; ++row) {
        QCOMPARE(cell(model, row, TelemetryGroupModel::NameColumn, TelemetryGroupModel::GroupIdRole)
                     .toInt(),
                 row + 1);
        QCOMPARE(cell(model, row, TelemetryGroupModel::NameColumn, TelemetryGroupModel::SortRole)
                     .toInt(),
                 row + 1);
    }
    QCOMPARE(cell(model, 2, TelemetryGroupModel::NameColumn).toString(), QStringLiteral("Wave 3"));
    QCOMPARE(cell(model, 2, TelemetryGroupModel::FailureRateColumn, TelemetryGroupModel::SortRole)
                 .toDouble(),
             100.0 * 10 / 70);
    QCOMPARE(model.headerData(TelemetryGroupModel::NameColumn, Qt::Horizontal).toString(),
             QStringLiteral("Wave"));
}

void tst_TelemetryModels::regionsByFailures()
{
    TelemetryGroupModel model(TelemetryGroupKind::Region);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setBreakdown(overview().breakdown);
    QCOMPARE(cell(model, 0, TelemetryGroupModel::NameColumn).toString(),
             QStringLiteral("Germany South"));
    QCOMPARE(cell(model, 1, TelemetryGroupModel::NameColumn).toString(), QStringLiteral("Berlin"));
    QCOMPARE(cell(model, 2, TelemetryGroupModel::NameColumn).toString(),
             QStringLiteral("Germany North"));
}

void tst_TelemetryModels::topFailuresTakesAFewOfEachWithFailures()
{
    TelemetryTopFailuresModel model(3);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setBreakdown(overview().breakdown);
    // Three models (of four with failures), then the three regions.
    QCOMPARE(model.rowCount(), 6);
    const QStringList names{QStringLiteral("Nimbus N2"), QStringLiteral("Aurora A3"),
                            QStringLiteral("Aurora A5"), QStringLiteral("Germany South"),
                            QStringLiteral("Berlin"),    QStringLiteral("Germany North")};
    for (int row = 0; row < names.size(); ++row)
        QCOMPARE(cell(model, row, TelemetryTopFailuresModel::NameColumn).toString(), names.at(row));
    QCOMPARE(cell(model, 0, 0, TelemetryTopFailuresModel::GroupKindRole).toInt(),
             int(TelemetryGroupKind::Model));
    QCOMPARE(cell(model, 3, 0, TelemetryTopFailuresModel::GroupKindRole).toInt(),
             int(TelemetryGroupKind::Region));
    QCOMPARE(cell(model, 3, 0, TelemetryTopFailuresModel::GroupIdRole).toInt(), 2);
    QCOMPARE(cell(model, 3, TelemetryTopFailuresModel::KindColumn).toString(),
             QStringLiteral("Region"));
    QCOMPARE(cell(model, 3, TelemetryTopFailuresModel::FailuresColumn,
                  TelemetryTopFailuresModel::SortRole),
             QVariant(qint64(8)));
    QCOMPARE(cell(model, 3, TelemetryTopFailuresModel::FailureRateColumn,
                  TelemetryTopFailuresModel::SortRole)
                 .toDouble(),
             100.0 * 8 / 58);
    QVERIFY(cell(model, 3, TelemetryTopFailuresModel::FailureRateColumn)
                .toString()
                .startsWith(QStringLiteral("\u26A0")));

    // A region without failures is not a "top failing" one.
    TelemetryBreakdown quiet = overview().breakdown;
    quiet.regions = {{1, QStringLiteral("Germany North"), counts(80, 0, 0, 3)}};
    model.setBreakdown(quiet);
    QCOMPARE(model.rowCount(), 3);
}

void tst_TelemetryModels::newDataResetsEveryModel()
{
    TelemetryTimelineModel timeline;
    TelemetryReasonModel reasons;
    TelemetryGroupModel models(TelemetryGroupKind::Model);
    TelemetryTopFailuresModel top;
    QAbstractItemModelTester t1(&timeline, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester t2(&reasons, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester t3(&models, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester t4(&top, QAbstractItemModelTester::FailureReportingMode::QtTest);
    TelemetryOverview o = overview();
    timeline.setOverview(o);
    reasons.setBreakdown(o.breakdown);
    models.setBreakdown(o.breakdown);
    top.setBreakdown(o.breakdown);
    QSignalSpy timelineReset(&timeline, &QAbstractItemModel::modelReset);
    QSignalSpy modelsReset(&models, &QAbstractItemModel::modelReset);

    // Another hour of data: one more bucket, and the Aurora A5 fails a lot.
    o.series.buckets.append({Start.addSecs(4 * 3600), counts(10, 30, 0, 0)});
    o.breakdown.models[0].counts = counts(110, 32, 0, 4);
    o.breakdown.total += counts(10, 30, 0, 0);
    timeline.setOverview(o);
    models.setBreakdown(o.breakdown);
    QCOMPARE(timelineReset.size(), 1);
    QCOMPARE(modelsReset.size(), 1);
    QCOMPARE(timeline.rowCount(), 5);
    QCOMPARE(
        cell(timeline, 4, TelemetryTimelineModel::FailedColumn, TelemetryTimelineModel::SortRole),
        QVariant(qint64(30)));
    QCOMPARE(timeline.worstBucket(), 4);
    QCOMPARE(cell(models, 0, TelemetryGroupModel::NameColumn).toString(),
             QStringLiteral("Aurora A5"));
    QCOMPARE(models.averageFailureRate(), 100.0 * 41 / 211);
}

void tst_TelemetryModels::emptyOverviewGivesEmptyModels()
{
    TelemetryTimelineModel timeline;
    TelemetryGroupModel waves(TelemetryGroupKind::Wave);
    QAbstractItemModelTester t1(&timeline, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester t2(&waves, QAbstractItemModelTester::FailureReportingMode::QtTest);
    timeline.setOverview(overview());
    waves.setBreakdown(overview().breakdown);
    timeline.setOverview(TelemetryOverview());
    waves.setBreakdown(TelemetryBreakdown());
    QCOMPARE(timeline.rowCount(), 0);
    QCOMPARE(timeline.worstBucket(), -1);
    QCOMPARE(timeline.errorThreshold(), -1.0);
    QCOMPARE(waves.rowCount(), 0);
    QVERIFY(!waves.hasResults());
}

void tst_TelemetryModels::relativeRangesEndAtTheLatestEvent_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<QDateTime>("lastEvent");
    QTest::addColumn<QDateTime>("from");
    QTest::addColumn<QDateTime>("to");
    const QDateTime last(QDate(2025, 11, 13), QTime(1, 59, 12), Qt::UTC);
    const QDateTime end(QDate(2025, 11, 13), QTime(2, 0), Qt::UTC);
    QTest::newRow("last hour") << int(TelemetryRange::LastHour) << last << end.addSecs(-3600)
                               << end;
    QTest::newRow("last 24 hours")
        << int(TelemetryRange::LastDay) << last << end.addDays(-1) << end;
    QTest::newRow("last 7 days") << int(TelemetryRange::LastWeek) << last << end.addDays(-7) << end;
    QTest::newRow("last 30 days") << int(TelemetryRange::LastMonth) << last << end.addDays(-30)
                                  << end;
    // On a whole minute, the end is the next one: the latest event stays inside [from, to).
    const QDateTime onMinute(QDate(2025, 11, 13), QTime(2, 0), Qt::UTC);
    QTest::newRow("latest event on a whole minute")
        << int(TelemetryRange::LastHour) << onMinute << onMinute.addSecs(60 - 3600)
        << onMinute.addSecs(60);
    QTest::newRow("everything") << int(TelemetryRange::Everything) << last << QDateTime()
                                << QDateTime();
}

void tst_TelemetryModels::relativeRangesEndAtTheLatestEvent()
{
    QFETCH(int, kind);
    QFETCH(QDateTime, lastEvent);
    QFETCH(QDateTime, from);
    QFETCH(QDateTime, to);
    const TelemetryRange range{TelemetryRange::Kind(kind)};
    const auto bounds = range.resolve(lastEvent);
    QCOMPARE(bounds.first, from);
    QCOMPARE(bounds.second, to);
    if (to.isValid()) {
        QVERIFY(lastEvent < bounds.second);
        QVERIFY(lastEvent >= bounds.first);
    }
}

void tst_TelemetryModels::customAndOpenRanges()
{
    const QDateTime from(QDate(2025, 11, 12), QTime(9, 30), Qt::UTC);
    const QDateTime to(QDate(2025, 11, 12), QTime(17, 0), Qt::UTC);
    const TelemetryRange custom = TelemetryRange::custom(from, to);
    QVERIFY(!custom.isRelative());
    // The latest event does not move a custom range.
    QCOMPARE(custom.resolve(to.addDays(3)), std::make_pair(from, to));
    QCOMPARE(TelemetryRange::custom(from, {}).resolve(to).second, QDateTime());
    QVERIFY(custom != TelemetryRange::custom(from, to.addSecs(60)));
    QCOMPARE(TelemetryRange(TelemetryRange::Everything).phrase({}, {}), QStringLiteral("all time"));
    // (No English plural forms are loaded in tests: "minute(s)".)
    QVERIFY(TelemetryFormat::duration(15 * 60).startsWith(QStringLiteral("15 minute")));
    QVERIFY(TelemetryFormat::duration(3 * 3600).startsWith(QStringLiteral("3 hour")));
    QVERIFY(TelemetryFormat::duration(86400).startsWith(QStringLiteral("1 day")));
}

QTEST_MAIN(tst_TelemetryModels)
#include "tst_telemetrymodels.moc"
