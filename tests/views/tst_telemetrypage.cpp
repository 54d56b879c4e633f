// SPDX-License-Identifier: Apache-2.0
// TelemetryPage with a fake telemetry service: the scope and range choosers and the queries they
// make ("now" of a relative range is the scope's latest event), the drill-down from every bar,
// marker and table row to exactly the devices behind it, the explanation instead of empty charts,
// the exports (PNG, SVG, CSV read back, events with pseudonyms), a live refresh that never floods
// the service nor shows a stale answer, errors, and what screen readers and dark themes get.
#include "deviceformat.h"
#include "faketelemetrybackend.h"
#include "telemetrychartview.h"
#include "telemetryexportbutton.h"
#include "telemetryformat.h"
#include "telemetrygroupchart.h"
#include "telemetrygroupmodel.h"
#include "telemetrypage.h"
#include "telemetryquerybar.h"
#include "telemetryreasonchart.h"
#include "telemetryreasonmodel.h"
#include "telemetrytimelinechart.h"
#include "telemetrytimelinemodel.h"
#include "telemetrytopfailuresmodel.h"

#include <QAbstractAxis>
#include <QBarSet>
#include <QCategoryAxis>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QFile>
#include <QHorizontalStackedBarSeries>
#include <QImage>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QMenu>
#include <QPushButton>
#include <QScatterSeries>
#include <QSignalSpy>
#include <QStackedBarSeries>
#include <QStandardItemModel>
#include <QSvgRenderer>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QXmlStreamReader>

using namespace Patchboard;

namespace {

using Fake = FakeTelemetryBackend;

// RFC 4180 reader: quoted fields with doubled quotes, commas and line breaks inside them.
QList<QStringList> readCsv(const QByteArray &data)
{
    const QString text = QString::fromUtf8(data);
    QList<QStringList> rows;
    QStringList row;
    QString field;
    bool quoted = false;
    for (int i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == QLatin1Char('"') && i + 1 < text.size()
                && text.at(i + 1) == QLatin1Char('"')) {
                field += c;
                ++i;
            } else if (c == QLatin1Char('"')) {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == QLatin1Char('"')) {
            quoted = true;
        } else if (c == QLatin1Char(',')) {
            row.append(std::exchange(field, {}));
        } else if (c == QLatin1Char('\r') && i + 1 < text.size()
                   && text.at(i + 1) == QLatin1Char('\n')) {
            row.append(std::exchange(field, {}));
            rows.append(std::exchange(row, {}));
            ++i;
        } else {
            field += c;
        }
    }
    if (!field.isEmpty() || !row.isEmpty()) {
        row.append(field);
        rows.append(row);
    }
    return rows;
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class tst_TelemetryPage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void scopeChooserListsFleetRolloutsAndReleases();
    void relativeRangeEndsAtTheScopesLatestEvent_data();
    void relativeRangeEndsAtTheScopesLatestEvent();
    void choosingAScopeAsksForIt();
    void customRangeAsksForExactlyThoseBounds();
    void customRangeThatEndsBeforeItStartsChangesNothing();
    void everythingLeavesBothEndsOpen();
    void clickEmitsTheExactFilter_data();
    void clickEmitsTheExactFilter();
    void clickingABarWithTheMouse();
    void hoverShowsTheExactValues();
    void thresholdLineNamesTheWave();
    void rateLineBreaksWhereNoResults();
    void emptyScopeExplains();
    void emptyRangeExplainsAndOffersEverything();
    void exportImage_data();
    void exportImage();
    void exportSvg_data();
    void exportSvg();
    void exportCsvReadsBackTheModel_data();
    void exportCsvReadsBackTheModel();
    void exportEventsWithPseudonyms();
    void liveRefreshIsThrottled();
    void liveRefreshFollowsNewEvents();
    void staleAnswerIsDropped();
    void errorIsShownAndClearedByTheNextAnswer();
    void chartsAreDescribedForScreenReaders();
    void outcomesDifferInMoreThanColour();
    void chartsFollowThePalette();
    void screenshot();

private:
    void makePage();
    bool waitForScope(TelemetryScope scope);
    QDateTime lastEventOf(TelemetryScope scope) const;

    std::unique_ptr<Fake> m_backend;
    std::unique_ptr<TelemetryPage> m_page;
    QTemporaryDir m_dir;
};

void tst_TelemetryPage::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    QVERIFY(m_dir.isValid());
}

void tst_TelemetryPage::init()
{
    m_backend = std::make_unique<Fake>();
    m_backend->loadDemo();
    makePage();
}

void tst_TelemetryPage::makePage()
{
    m_page.reset();
    m_page = std::make_unique<TelemetryPage>(m_backend.get());
    m_page->resize(1200, 720);
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
    QTRY_VERIFY(m_page->isLoaded());
}

void tst_TelemetryPage::cleanup()
{
    m_page.reset();
    m_backend.reset();
}

bool tst_TelemetryPage::waitForScope(TelemetryScope scope)
{
    return QTest::qWaitFor([&] {
        return m_page->shownQuery().scope == scope && m_page->lastQuery().scope == scope
            && m_page->lastQuery().from == m_page->shownQuery().from
            && m_page->lastQuery().to == m_page->shownQuery().to;
    });
}

QDateTime tst_TelemetryPage::lastEventOf(TelemetryScope scope) const
{
    TelemetryQuery query;
    query.scope = scope;
    return m_backend->compute(query).lastEvent;
}

void tst_TelemetryPage::scopeChooserListsFleetRolloutsAndReleases()
{
    QComboBox *box = m_page->queryBar()->scopeBox();
    QTRY_VERIFY(box->count() > 1);
    QStringList texts;
    for (int i = 0; i < box->count(); ++i)
        texts.append(box->itemText(i));
    QCOMPARE(texts.value(0), QStringLiteral("Whole fleet"));
    QCOMPARE(texts.value(1), QStringLiteral("Rollouts"));
    // The running rollout is marked in text, with its state.
    QCOMPARE(texts.value(2), QStringLiteral("\u25B6 November, Germany \u2014 Running"));
    QVERIFY(texts.value(3).contains(QStringLiteral("October \u2014 Completed")));
    QVERIFY(!texts.value(3).contains(QStringLiteral("\u25B6")));
    QCOMPARE(texts.value(4), QStringLiteral("Releases"));
    QVERIFY(texts.value(5).contains(QStringLiteral("AUR-2025.11.2")));
    QVERIFY(texts.value(6).contains(QStringLiteral("AUR-2025.10.1")));
    // Headings cannot be chosen.
    auto *model = qobject_cast<QStandardItemModel *>(box->model());
    QVERIFY(model);
    QVERIFY(!(model->flags(model->index(1, 0)) & Qt::ItemIsEnabled));
    QVERIFY(!(model->flags(model->index(4, 0)) & Qt::ItemIsEnabled));
    QVERIFY(model->flags(model->index(2, 0)) & Qt::ItemIsEnabled);
    QVERIFY(!box->accessibleName().isEmpty());
    QVERIFY(!m_page->queryBar()->rangeBox()->accessibleName().isEmpty());
}

void tst_TelemetryPage::relativeRangeEndsAtTheScopesLatestEvent_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<qint64>("seconds");
    QTest::newRow("last hour") << int(TelemetryRange::LastHour) << qint64(3600);
    QTest::newRow("last 24 hours") << int(TelemetryRange::LastDay) << qint64(86400);
    QTest::newRow("last 7 days") << int(TelemetryRange::LastWeek) << qint64(7 * 86400);
    QTest::newRow("last 30 days") << int(TelemetryRange::LastMonth) << qint64(30 * 86400);
}

void tst_TelemetryPage::relativeRangeEndsAtTheScopesLatestEvent()
{
    QFETCH(int, kind);
    QFETCH(qint64, seconds);
    // As the operator does it: the range chooser.
    m_page->queryBar()->rangeBox()->setCurrentIndex(kind);
    QCOMPARE(m_page->range().kind(), TelemetryRange::Kind(kind));
    const QDateTime last = lastEventOf(TelemetryScope::fleet());
    const QDateTime end = TelemetryRange::relativeEnd(last);
    QTRY_COMPARE(m_page->shownQuery().to, end);
    const TelemetryQuery query = m_backend->queries().constLast();
    QCOMPARE(query.scope, TelemetryScope::fleet());
    QCOMPARE(query.to, end);
    QCOMPARE(query.from, end.addSecs(-seconds));
    // The end is after the latest event and within a minute of it (not the wall clock).
    QVERIFY(last < query.to);
    QVERIFY(last.secsTo(query.to) <= 60);
    QCOMPARE(query.maxBuckets, 120);
}

void tst_TelemetryPage::choosingAScopeAsksForIt()
{
    QComboBox *box = m_page->queryBar()->scopeBox();
    QTRY_VERIFY(box->count() > 3);
    box->setCurrentIndex(3); // October
    const TelemetryScope october = TelemetryScope::rollout(Fake::CompletedRollout);
    QCOMPARE(m_page->scope(), october);
    QVERIFY(waitForScope(october));
    // October's own latest event, three weeks before the fleet's.
    const QDateTime end = TelemetryRange::relativeEnd(lastEventOf(october));
    QCOMPARE(m_page->shownQuery().to, end);
    QCOMPARE(m_page->shownQuery().from, end.addDays(-1));
    QCOMPARE(m_backend->queries().constLast().scope, october);
    QVERIFY2(m_page->summaryText().startsWith(QStringLiteral("Rollout October, the last 24 hours")),
             qPrintable(m_page->summaryText()));
    QVERIFY(m_page->emptyText().isEmpty());

    // And by code, as the Rollouts page would: a release.
    m_page->setScope(TelemetryScope::release(Fake::RunningRelease));
    QVERIFY(waitForScope(TelemetryScope::release(Fake::RunningRelease)));
    QVERIFY(box->currentText().contains(QStringLiteral("AUR-2025.11.2")));
    QVERIFY(m_page->summaryText().startsWith(QStringLiteral("Release AUR-2025.11.2")));
}

void tst_TelemetryPage::customRangeAsksForExactlyThoseBounds()
{
    TelemetryQueryBar *bar = m_page->queryBar();
    QVERIFY(bar->fromEdit()->isHidden());
    bar->rangeBox()->setCurrentIndex(TelemetryRange::Custom);
    QVERIFY(!bar->fromEdit()->isHidden());
    QVERIFY(!bar->toEdit()->isHidden());
    // The fields start from what was on screen.
    QTRY_COMPARE(m_page->lastQuery().to, bar->toEdit()->dateTime().toUTC());

    const QDateTime from(QDate(2025, 11, 12), QTime(10, 0), Qt::UTC);
    const QDateTime to(QDate(2025, 11, 12), QTime(16, 30), Qt::UTC);
    bar->fromEdit()->setDateTime(from.toLocalTime());
    bar->toEdit()->setDateTime(to.toLocalTime());
    Q_EMIT bar->toEdit()->editingFinished();
    QTRY_COMPARE(m_page->shownQuery().from, from);
    QCOMPARE(m_page->shownQuery().to, to);
    QCOMPARE(m_backend->queries().constLast().from, from);
    QCOMPARE(m_backend->queries().constLast().to, to);
    // The latest event does not move a custom range.
    m_backend->changed();
    QTest::qWait(1200);
    QCOMPARE(m_backend->queries().constLast().to, to);
}

void tst_TelemetryPage::customRangeThatEndsBeforeItStartsChangesNothing()
{
    TelemetryQueryBar *bar = m_page->queryBar();
    bar->rangeBox()->setCurrentIndex(TelemetryRange::Custom);
    QTRY_VERIFY(m_page->lastQuery().from == m_page->shownQuery().from);
    QTest::qWait(50);
    const TelemetryQuery before = m_page->shownQuery();
    const int requests = m_backend->overviewRequests();
    bar->fromEdit()->setDateTime(bar->toEdit()->dateTime().addSecs(3600));
    Q_EMIT bar->fromEdit()->editingFinished();
    QVERIFY(m_page->errorText().contains(QStringLiteral("must start before it ends")));
    QTest::qWait(100);
    QCOMPARE(m_backend->overviewRequests(), requests);
    QCOMPARE(m_page->shownQuery().from, before.from);
}

void tst_TelemetryPage::everythingLeavesBothEndsOpen()
{
    m_page->setRange(TelemetryRange(TelemetryRange::Everything));
    QCOMPARE(m_page->queryBar()->rangeBox()->currentIndex(), int(TelemetryRange::Everything));
    QTRY_VERIFY(!m_page->shownQuery().from.isValid() && !m_page->shownQuery().to.isValid()
                && m_page->shownQuery().scope == TelemetryScope::fleet());
    QVERIFY(!m_backend->queries().constLast().from.isValid());
    QVERIFY(!m_backend->queries().constLast().to.isValid());
    // Both rollouts' events: from October to November.
    QCOMPARE(m_page->timelineModel()->buckets().constFirst().start.date().month(), 10);
    QCOMPARE(m_page->timelineModel()->buckets().constLast().start.date().month(), 11);
}

void tst_TelemetryPage::clickEmitsTheExactFilter_data()
{
    QTest::addColumn<QString>("what");
    QTest::newRow("outcomes: failed bar") << QStringLiteral("bucket-failed");
    QTest::newRow("outcomes: failure-rate point") << QStringLiteral("bucket-rate");
    QTest::newRow("reasons: download timeout") << QStringLiteral("reason");
    QTest::newRow("models: rolled-back bar") << QStringLiteral("model-bar");
    QTest::newRow("models: failure-rate marker") << QStringLiteral("model-rate");
    QTest::newRow("waves: failed bar") << QStringLiteral("wave-bar");
    QTest::newRow("table: region row (mouse)") << QStringLiteral("table-region");
    QTest::newRow("table: model row (Enter)") << QStringLiteral("table-model");
}

void tst_TelemetryPage::clickEmitsTheExactFilter()
{
    QFETCH(QString, what);
    const TelemetryScope november = TelemetryScope::rollout(Fake::RunningRollout);
    m_page->setScope(november);
    QVERIFY(waitForScope(november));
    const TelemetryQuery shown = m_page->shownQuery();
    QVERIFY(shown.from.isValid() && shown.to.isValid());
    QSignalSpy spy(m_page.get(), &TelemetryPage::showDevicesRequested);

    UpdateEventFilter expected;
    expected.scope = november;
    expected.from = shown.from;
    expected.to = shown.to;
    QStringList parts{QStringLiteral("Rollout November, Germany")};

    TelemetryTimelineModel *timeline = m_page->timelineModel();
    if (what.startsWith(QStringLiteral("bucket"))) {
        const int bucket = timeline->worstBucket();
        QVERIFY(bucket > 0);
        expected.from = timeline->bucketStart(bucket);
        expected.to = timeline->bucketEnd(bucket);
        QCOMPARE(expected.to, expected.from.addSecs(timeline->bucketSeconds()));
        parts.append(TelemetryFormat::range(expected.from, expected.to));
        TelemetryTimelineChart *chart = m_page->timelineChart();
        if (what == QStringLiteral("bucket-failed")) {
            expected.outcomes = {TelemetryOutcome::Failed};
            parts.append(QStringLiteral("Failed"));
            Q_EMIT chart->barSeries()->clicked(bucket, chart->barSet(TelemetryOutcome::Failed));
        } else {
            expected.outcomes = UpdateEventFilter::failureOutcomes();
            parts.append(QStringLiteral("failed or rolled back"));
            Q_EMIT chart->rateSeries()->clicked(QPointF(bucket + 0.2, 12.0));
        }
    } else if (what == QStringLiteral("reason")) {
        TelemetryReasonChart *chart = m_page->reasonChart();
        const int bar = int(chart->reasons().indexOf(FailureReason::DownloadTimeout));
        QVERIFY(bar >= 0);
        expected.reason = FailureReason::DownloadTimeout;
        expected.outcomes = {TelemetryOutcome::Failed};
        parts << QStringLiteral("Download timed out") << QStringLiteral("Failed");
        Q_EMIT chart->barSeries()->clicked(bar, chart->barSet(TelemetryOutcome::Failed));
    } else if (what.startsWith(QStringLiteral("model"))) {
        TelemetryGroupChart *chart = m_page->hardwareChart();
        const int row = m_page->hardwareModel()->rowOfId(Fake::NimbusN2);
        QCOMPARE(row, 0); // the most failures
        expected.modelId = Fake::NimbusN2;
        parts.append(QStringLiteral("Nimbus N2"));
        if (what == QStringLiteral("model-bar")) {
            expected.outcomes = {TelemetryOutcome::RolledBack};
            parts.append(QStringLiteral("Rolled back"));
            Q_EMIT chart->barSeries()->clicked(row, chart->barSet(TelemetryOutcome::RolledBack));
        } else {
            expected.outcomes = UpdateEventFilter::failureOutcomes();
            parts.append(QStringLiteral("failed or rolled back"));
            Q_EMIT chart->rateSeries()->clicked(QPointF(row, 14.0));
        }
    } else if (what == QStringLiteral("wave-bar")) {
        TelemetryGroupChart *chart = m_page->waveChart();
        const int row = m_page->waveModel()->rowOfId(3);
        QCOMPARE(row, 2);
        expected.wave = 3;
        expected.outcomes = {TelemetryOutcome::Failed};
        parts << QStringLiteral("Wave 3") << QStringLiteral("Failed");
        Q_EMIT chart->barSeries()->clicked(row, chart->barSet(TelemetryOutcome::Failed));
    } else {
        QTableView *table = m_page->topFailuresTable();
        const TelemetryTopFailuresModel *model = m_page->topFailuresModel();
        const auto kind = what == QStringLiteral("table-region") ? TelemetryGroupKind::Region
                                                                 : TelemetryGroupKind::Model;
        int row = 0;
        while (row < model->rowCount() && model->rows().at(row).kind != kind)
            ++row;
        QVERIFY(row < model->rowCount());
        const TelemetryGroup group = model->rows().at(row).group;
        (kind == TelemetryGroupKind::Region ? expected.regionId : expected.modelId) = group.id;
        expected.outcomes = UpdateEventFilter::failureOutcomes();
        parts << group.name << QStringLiteral("failed or rolled back");
        const QModelIndex index = model->index(row, TelemetryTopFailuresModel::NameColumn);
        if (kind == TelemetryGroupKind::Region) {
            QTest::mouseClick(table->viewport(), Qt::LeftButton, {},
                              table->visualRect(index).center());
        } else {
            table->setFocus();
            table->setCurrentIndex(index);
            QTest::keyClick(table, Qt::Key_Return);
        }
    }
    QCOMPARE(spy.size(), 1);
    const DeviceFilter filter = spy.at(0).at(0).value<DeviceFilter>();
    QVERIFY(filter.events.has_value());
    // Exactly that bar: every field (operator== leaves out the description, checked below).
    QCOMPARE(filter.events->scope, expected.scope);
    QCOMPARE(filter.events->from, expected.from);
    QCOMPARE(filter.events->to, expected.to);
    QCOMPARE(filter.events->wave, expected.wave);
    QCOMPARE(filter.events->modelId, expected.modelId);
    QCOMPARE(filter.events->regionId, expected.regionId);
    QCOMPARE(filter.events->outcomes, expected.outcomes);
    QCOMPARE(filter.events->reason, expected.reason);
    QVERIFY(*filter.events == expected);
    // Nothing else of the device filter is set.
    DeviceFilter plain = filter;
    plain.events.reset();
    QVERIFY(plain.isEmpty());
    for (const QString &part : std::as_const(parts))
        QVERIFY2(filter.events->description.contains(part),
                 qPrintable(filter.events->description + QStringLiteral(" lacks ") + part));
}

void tst_TelemetryPage::clickingABarWithTheMouse()
{
    m_page->setScope(TelemetryScope::rollout(Fake::RunningRollout));
    QVERIFY(waitForScope(TelemetryScope::rollout(Fake::RunningRollout)));
    QTest::qWait(100); // the chart lays out its bars
    QSignalSpy spy(m_page.get(), &TelemetryPage::showDevicesRequested);
    TelemetryTimelineChart *chart = m_page->timelineChart();
    // The tallest bar's succeeded part is big enough to hit.
    int bucket = 0;
    for (int row = 0; row < m_page->timelineModel()->rowCount(); ++row) {
        if (m_page->timelineModel()->buckets().at(row).counts.succeeded()
            > m_page->timelineModel()->buckets().at(bucket).counts.succeeded())
            bucket = row;
    }
    QTest::mouseClick(chart->viewport(), Qt::LeftButton, {},
                      chart->barPosition(bucket, TelemetryOutcome::Succeeded));
    QTRY_COMPARE(spy.size(), 1);
    const DeviceFilter filter = spy.at(0).at(0).value<DeviceFilter>();
    QCOMPARE(filter.events->outcomes, QList<TelemetryOutcome>{TelemetryOutcome::Succeeded});
    QCOMPARE(filter.events->from, m_page->timelineModel()->bucketStart(bucket));

    // The hardware-model chart: the Nimbus N2's failed part.
    m_page->setCurrentChart(TelemetryPage::ModelsChart);
    QTest::qWait(100);
    TelemetryGroupChart *models = m_page->hardwareChart();
    QTest::mouseClick(models->viewport(), Qt::LeftButton, {},
                      models->barPosition(0, TelemetryOutcome::Failed));
    QTRY_COMPARE(spy.size(), 2);
    const DeviceFilter model = spy.at(1).at(0).value<DeviceFilter>();
    QCOMPARE(model.events->modelId, Fake::NimbusN2);
    QCOMPARE(model.events->outcomes, QList<TelemetryOutcome>{TelemetryOutcome::Failed});
}

void tst_TelemetryPage::hoverShowsTheExactValues()
{
    m_page->setScope(TelemetryScope::rollout(Fake::RunningRollout));
    QVERIFY(waitForScope(TelemetryScope::rollout(Fake::RunningRollout)));
    TelemetryTimelineChart *chart = m_page->timelineChart();
    const int bucket = m_page->timelineModel()->worstBucket();
    const OutcomeCounts counts = m_page->timelineModel()->buckets().at(bucket).counts;
    Q_EMIT chart->barSeries()->hovered(true, bucket, chart->barSet(TelemetryOutcome::Failed));
    const QString tip = chart->lastToolTip();
    QVERIFY2(tip.contains(QStringLiteral("Failed: %1").arg(counts[TelemetryOutcome::Failed])),
             qPrintable(tip));
    QVERIFY(tip.contains(
        QStringLiteral("Succeeded: %1").arg(DeviceFormat::number(counts.succeeded()))));
    QVERIFY(
        tip.contains(QStringLiteral("Rolled back: %1").arg(counts[TelemetryOutcome::RolledBack])));
    QVERIFY(tip.contains(QStringLiteral("Postponed: %1").arg(counts[TelemetryOutcome::Postponed])));
    QVERIFY(tip.contains(TelemetryFormat::rate(counts.failureRate())));

    TelemetryGroupChart *models = m_page->hardwareChart();
    Q_EMIT models->rateSeries()->hovered(QPointF(0, 10), true);
    const OutcomeCounts nimbus = m_page->hardwareModel()->groups().at(0).counts;
    QVERIFY(models->lastToolTip().contains(TelemetryFormat::rate(nimbus.failureRate())));
    QVERIFY(models->lastToolTip().contains(
        QStringLiteral("average %1")
            .arg(TelemetryFormat::rate(m_page->hardwareModel()->averageFailureRate()))));
}

void tst_TelemetryPage::thresholdLineNamesTheWave()
{
    // The whole fleet has no single threshold.
    QVERIFY(!m_page->timelineChart()->thresholdSeries());
    m_page->setScope(TelemetryScope::rollout(Fake::RunningRollout));
    QVERIFY(waitForScope(TelemetryScope::rollout(Fake::RunningRollout)));
    QLineSeries *threshold = m_page->timelineChart()->thresholdSeries();
    QVERIFY(threshold);
    QCOMPARE(threshold->name(), QStringLiteral("Error threshold of wave 3: 5.0%"));
    QCOMPARE(threshold->count(), 2);
    QCOMPARE(threshold->at(0).y(), 5.0);
    QVERIFY(m_page->waveChart()->thresholdSeries());
    QVERIFY(m_page->summaryText().contains(QStringLiteral("Error threshold of wave 3: 5.0%")));
    // The models are compared with the average of all results.
    QLineSeries *average = m_page->hardwareChart()->averageSeries();
    QCOMPARE(average->at(0).y(), m_page->hardwareModel()->averageFailureRate());
    QVERIFY(average->name().contains(
        TelemetryFormat::rate(m_page->hardwareModel()->averageFailureRate())));
    QVERIFY(m_page->hardwareModel()->isAboveAverage(0));

    m_page->setScope(TelemetryScope::fleet());
    QVERIFY(waitForScope(TelemetryScope::fleet()));
    QVERIFY(!m_page->timelineChart()->thresholdSeries());
    QVERIFY(!m_page->waveChart()->thresholdSeries());
}

void tst_TelemetryPage::rateLineBreaksWhereNoResults()
{
    // Results at 10:05, 12:05 and 14:05; at 13:05 only a postponement, which is no result.
    const QDate day(2025, 11, 12);
    auto event = [&](int hour, TelemetryOutcome outcome) {
        Fake::Event e;
        e.at = QDateTime(day, QTime(hour, 5), Qt::UTC);
        e.modelId = 1;
        e.regionId = 1;
        e.outcome = outcome;
        if (outcome != TelemetryOutcome::Succeeded)
            e.reason = outcome == TelemetryOutcome::Postponed ? FailureReason::LowBattery
                                                              : FailureReason::InstallFailed;
        e.deviceId = QStringLiteral("dev-%1-%2").arg(hour).arg(int(outcome));
        return e;
    };
    m_backend->setEvents({event(10, TelemetryOutcome::Succeeded), event(10, TelemetryOutcome::Failed),
                          event(12, TelemetryOutcome::Failed), event(13, TelemetryOutcome::Postponed),
                          event(14, TelemetryOutcome::Succeeded)});
    TelemetryQueryBar *bar = m_page->queryBar();
    bar->rangeBox()->setCurrentIndex(TelemetryRange::Custom);
    const QDateTime from(day, QTime(10, 0), Qt::UTC);
    const QDateTime to(day, QTime(15, 0), Qt::UTC);
    bar->fromEdit()->setDateTime(from.toLocalTime());
    bar->toEdit()->setDateTime(to.toLocalTime());
    Q_EMIT bar->toEdit()->editingFinished();
    QTRY_COMPARE(m_page->shownQuery().to, to);
    QTRY_VERIFY(m_page->timelineModel()->rowCount() > 3);

    // Every line is one run of consecutive buckets with results; a line never spans a bucket
    // without any.
    TelemetryTimelineChart *chart = m_page->timelineChart();
    const TelemetryTimelineModel *model = m_page->timelineModel();
    QList<QLineSeries *> lines{chart->rateSeries()};
    lines += chart->rateRuns();
    int points = 0;
    int runs = 0;
    for (QLineSeries *line : std::as_const(lines)) {
        const QList<QPointF> run = line->points();
        runs += !run.isEmpty();
        points += int(run.size());
        for (qsizetype i = 0; i < run.size(); ++i) {
            const int row = int(run.at(i).x());
            QVERIFY(model->buckets().at(row).counts.results() > 0);
            if (i > 0)
                QCOMPARE(row, int(run.at(i - 1).x()) + 1);
        }
        if (run.size() == 1)
            QVERIFY(line->pointsVisible()); // a lone point is still seen
    }
    int withResults = 0;
    for (const OutcomeBucket &bucket : model->buckets())
        withResults += bucket.counts.results() > 0;
    QCOMPARE(points, withResults);
    QCOMPARE(runs, 3);
    QCOMPARE(chart->rateSeries()->at(0).y(), 50.0);
    // Only the first run has a legend entry.
    QCOMPARE(chart->chart()->legend()->markers(chart->rateSeries()).size(), 1);
    QVERIFY(chart->chart()->legend()->markers(chart->rateSeries()).first()->isVisible());
    for (QLineSeries *line : chart->rateRuns()) {
        const auto markers = chart->chart()->legend()->markers(line);
        for (QLegendMarker *marker : markers)
            QVERIFY(!marker->isVisible());
    }
    // Clicking a later run lists the failures of its bucket.
    QSignalSpy spy(m_page.get(), &TelemetryPage::showDevicesRequested);
    QLineSeries *second = nullptr;
    for (QLineSeries *line : chart->rateRuns())
        if (!second && line->count())
            second = line;
    QVERIFY(second);
    Q_EMIT second->clicked(second->at(0));
    QCOMPARE(spy.size(), 1);
    const DeviceFilter filter = spy.at(0).at(0).value<DeviceFilter>();
    QCOMPARE(filter.events->outcomes, UpdateEventFilter::failureOutcomes());
    QVERIFY(filter.events->from <= QDateTime(day, QTime(12, 5), Qt::UTC));
    QVERIFY(filter.events->to > QDateTime(day, QTime(12, 5), Qt::UTC));
}

void tst_TelemetryPage::emptyScopeExplains()
{
    m_page->setScope(TelemetryScope::rollout(99));
    QVERIFY(waitForScope(TelemetryScope::rollout(99)));
    QTRY_VERIFY(!m_page->emptyText().isEmpty());
    QCOMPARE(m_page->emptyText(),
             QStringLiteral("No update events for Rollout #99 yet. They appear here once its first "
                            "wave has started and devices report."));
    QVERIFY(m_page->showEverythingButton()->isHidden());
    QVERIFY(!m_page->timelineChart()->isVisible());
    // The chooser shows what is on screen.
    QCOMPARE(m_page->queryBar()->scopeBox()->currentText(), QStringLiteral("Rollout #99"));
    const QList<QAction *> actions = m_page->exportButton()->menu()->actions();
    for (QAction *action : actions)
        QVERIFY2(action->isSeparator() || !action->isEnabled(), qPrintable(action->text()));

    // A fleet without any events says so too.
    m_backend->setEvents({});
    m_page->setScope(TelemetryScope::fleet());
    QTRY_COMPARE(m_page->emptyText(),
                 QStringLiteral("No update events in the fleet yet. They appear here as soon as "
                                "devices report on an update."));
}

void tst_TelemetryPage::emptyRangeExplainsAndOffersEverything()
{
    const TelemetryScope november = TelemetryScope::rollout(Fake::RunningRollout);
    m_page->setScope(november);
    const QDateTime from(QDate(2025, 11, 1), QTime(0, 0), Qt::UTC);
    const QDateTime to(QDate(2025, 11, 2), QTime(0, 0), Qt::UTC);
    m_page->setRange(TelemetryRange::custom(from, to));
    QTRY_COMPARE(m_page->shownQuery().from, from);
    TelemetryQuery all;
    all.scope = november;
    const TelemetryOverview everything = m_backend->compute(all);
    const QString expected
        = QStringLiteral("No update events between %1 and %2; the rollout's first event is %3, its "
                         "latest %4.")
              .arg(DeviceFormat::dateTime(from), DeviceFormat::dateTime(to),
                   DeviceFormat::dateTime(everything.firstEvent),
                   DeviceFormat::dateTime(everything.lastEvent));
    QTRY_COMPARE(m_page->emptyText(), expected);
    QVERIFY(!m_page->timelineChart()->isVisible());
    QVERIFY(m_page->showEverythingButton()->isVisible());
    QVERIFY(m_page->summaryText().contains(QStringLiteral("no update events")));

    QTest::mouseClick(m_page->showEverythingButton(), Qt::LeftButton);
    QCOMPARE(m_page->range().kind(), TelemetryRange::Everything);
    QTRY_VERIFY(m_page->emptyText().isEmpty());
    QVERIFY(m_page->timelineChart()->isVisible());
    QCOMPARE(m_page->queryBar()->rangeBox()->currentIndex(), int(TelemetryRange::Everything));
}

void tst_TelemetryPage::exportImage_data()
{
    QTest::addColumn<int>("chart");
    QTest::newRow("outcomes") << int(TelemetryPage::OutcomesChart);
    QTest::newRow("reasons") << int(TelemetryPage::ReasonsChart);
    QTest::newRow("models") << int(TelemetryPage::ModelsChart);
    QTest::newRow("waves") << int(TelemetryPage::WavesChart);
}

void tst_TelemetryPage::exportImage()
{
    QFETCH(int, chart);
    m_page->setCurrentChart(chart);
    TelemetryChartView *view = m_page->chartView(TelemetryPage::Chart(chart));
    QTRY_VERIFY(view->isVisible());
    QSignalSpy status(m_page.get(), &TelemetryPage::statusMessage);
    const QString path = m_dir.filePath(QStringLiteral("chart-%1.png").arg(chart));
    QVERIFY(m_page->saveChartImageTo(path));
    const QImage image(path);
    QVERIFY(!image.isNull());
    QCOMPARE(image.size(), view->size() * view->devicePixelRatio());
    QCOMPARE(status.size(), 1);
    QVERIFY(status.at(0).at(0).toString().startsWith(QStringLiteral("Saved chart to ")));
    // Not a blank picture: the bars are there in more than one colour.
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 4) {
        for (int x = 0; x < image.width(); x += 4)
            colours.insert(image.pixel(x, y));
    }
    QVERIFY(colours.size() > 8);

    // A folder that cannot be written: an error, and no file.
    const QString bad = m_dir.filePath(QStringLiteral("missing/folder/chart.png"));
    QVERIFY(!m_page->saveChartImageTo(bad));
    QVERIFY(!QFile::exists(bad));
    QVERIFY(!m_page->errorText().isEmpty());
}

void tst_TelemetryPage::exportSvg_data()
{
    exportImage_data();
}

void tst_TelemetryPage::exportSvg()
{
    QFETCH(int, chart);
    m_page->setScope(TelemetryScope::rollout(Fake::RunningRollout));
    QVERIFY(waitForScope(TelemetryScope::rollout(Fake::RunningRollout)));
    m_page->setCurrentChart(chart);
    TelemetryChartView *view = m_page->chartView(TelemetryPage::Chart(chart));
    QTRY_VERIFY(view->isVisible());
    const QString path = m_dir.filePath(QStringLiteral("chart-%1.svg").arg(chart));
    QVERIFY(m_page->saveChartSvgTo(path));
    const QByteArray svg = readFile(path);
    QXmlStreamReader xml(svg);
    QString title;
    QString desc;
    QStringList texts;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        if (xml.name() == QLatin1String("title"))
            title = xml.readElementText();
        else if (xml.name() == QLatin1String("desc"))
            desc = xml.readElementText();
        else if (xml.name() == QLatin1String("text"))
            texts.append(xml.readElementText(QXmlStreamReader::IncludeChildElements).simplified());
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QCOMPARE(title, view->title());
    QCOMPARE(desc, view->accessibleDescription());
    // The chart's own text is in the drawing: its title and the legend.
    QVERIFY2(texts.contains(view->title()), qPrintable(texts.join(QLatin1Char('|'))));
    QVERIFY(texts.join(QLatin1Char(' ')).contains(QStringLiteral("Failed")));
    QVERIFY(QSvgRenderer(path).isValid());
    QCOMPARE(QSvgRenderer(path).viewBox().size(), view->size());
    // The patterns come back on screen after the export.
    QVERIFY(view->patterns());
}

void tst_TelemetryPage::exportCsvReadsBackTheModel_data()
{
    exportImage_data();
}

void tst_TelemetryPage::exportCsvReadsBackTheModel()
{
    QFETCH(int, chart);
    // A name with a comma and quotes: RFC 4180 quoting.
    m_backend->setModelName(Fake::KestrelK1, QStringLiteral("Kestrel \"K1\", rugged"));
    m_page->setScope(TelemetryScope::rollout(Fake::RunningRollout));
    QVERIFY(waitForScope(TelemetryScope::rollout(Fake::RunningRollout)));
    m_page->setCurrentChart(chart);
    QSignalSpy status(m_page.get(), &TelemetryPage::statusMessage);
    const QString path = m_dir.filePath(QStringLiteral("chart-%1.csv").arg(chart));
    QVERIFY(m_page->saveChartDataTo(path));
    QCOMPARE(status.size(), 1);
    QVERIFY(status.at(0).at(0).toString().startsWith(QStringLiteral("Saved the numbers of")));

    const QByteArray data = readFile(path);
    QVERIFY(data.endsWith("\r\n"));
    const QList<QStringList> rows = readCsv(data);
    const QAbstractItemModel *model = m_page->chartView(TelemetryPage::Chart(chart))->dataModel();
    QVERIFY(model->rowCount() > 0);
    QCOMPARE(rows.size(), model->rowCount() + 1);
    for (int column = 0; column < model->columnCount(); ++column)
        QCOMPARE(rows.at(0).value(column), model->headerData(column, Qt::Horizontal).toString());
    int numbers = 0;
    for (int row = 0; row < model->rowCount(); ++row) {
        QCOMPARE(rows.at(row + 1).size(), model->columnCount());
        for (int column = 0; column < model->columnCount(); ++column) {
            const QString field = rows.at(row + 1).at(column);
            const QVariant raw = model->index(row, column).data(Qt::UserRole);
            switch (raw.typeId()) {
            case QMetaType::LongLong:
            case QMetaType::Int:
                QCOMPARE(field.toLongLong(), raw.toLongLong());
                ++numbers;
                break;
            case QMetaType::Double: {
                bool ok = false;
                QVERIFY(qAbs(field.toDouble(&ok) - raw.toDouble()) < 0.0005);
                QVERIFY(ok);
                ++numbers;
                break;
            }
            case QMetaType::QDateTime:
                QCOMPARE(QDateTime::fromString(field, Qt::ISODate), raw.toDateTime());
                break;
            case QMetaType::UnknownType:
                QVERIFY(field.isEmpty()); // a rate without results
                break;
            default:
                QCOMPARE(field, model->index(row, column).data().toString());
            }
        }
    }
    QVERIFY(numbers > model->rowCount());
    if (chart == TelemetryPage::ModelsChart) {
        bool found = false;
        for (const QStringList &row : rows)
            found = found || row.value(0) == QStringLiteral("Kestrel \"K1\", rugged");
        QVERIFY(found);
        QVERIFY(data.contains("\"Kestrel \"\"K1\"\", rugged\""));
    }
}

void tst_TelemetryPage::exportEventsWithPseudonyms()
{
    const TelemetryScope november = TelemetryScope::rollout(Fake::RunningRollout);
    m_page->setScope(november);
    QVERIFY(waitForScope(november));
    QSignalSpy status(m_page.get(), &TelemetryPage::statusMessage);
    const QString first = m_dir.filePath(QStringLiteral("events-1.csv"));
    m_page->exportEventsTo(first, true);
    QTRY_COMPARE(status.size(), 1);
    QCOMPARE(m_backend->exports().size(), 1);
    const Fake::ExportCall call = m_backend->exports().constFirst();
    QCOMPARE(call.path, first);
    QCOMPARE(call.filter.scope, november);
    QCOMPARE(call.filter.from, m_page->shownQuery().from);
    QCOMPARE(call.filter.to, m_page->shownQuery().to);
    QVERIFY(call.filter.outcomes.isEmpty() && !call.filter.modelId && !call.filter.wave);
    QVERIFY(call.pseudonyms.enabled);
    QCOMPARE(call.pseudonyms.salt.size(), 32);
    const QString message = status.at(0).at(0).toString();
    QVERIFY2(message.contains(QStringLiteral("pseudonyms"))
                 && message.contains(QStringLiteral("not stored")),
             qPrintable(message));
    // No device ID of the rollout is in the file.
    const QByteArray csv = readFile(first);
    QVERIFY(csv.count('\n') > 100);
    for (const Fake::Event &e : m_backend->events()) {
        if (e.rolloutId == Fake::RunningRollout) {
            QVERIFY(!csv.contains(e.deviceId.toUtf8()));
            break;
        }
    }

    // A new salt every time, and plain IDs when the operator wants them.
    m_page->exportEventsTo(m_dir.filePath(QStringLiteral("events-2.csv")), true);
    QTRY_COMPARE(status.size(), 2);
    QVERIFY(m_backend->exports().at(1).pseudonyms.salt != call.pseudonyms.salt);
    m_page->exportEventsTo(m_dir.filePath(QStringLiteral("events-3.csv")), false);
    QTRY_COMPARE(status.size(), 3);
    QVERIFY(!m_backend->exports().at(2).pseudonyms.enabled);
    QVERIFY(m_backend->exports().at(2).pseudonyms.salt.isEmpty());
    QVERIFY(!status.at(2).at(0).toString().contains(QStringLiteral("pseudonyms")));
}

void tst_TelemetryPage::liveRefreshIsThrottled()
{
    QTest::qWait(1200); // let the start settle
    m_backend->clearQueries();
    // A rollout reports many times a second for a second and a half.
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < 1500) {
        m_backend->changed();
        QTest::qWait(25);
    }
    QTest::qWait(1200);
    const int queries = m_backend->overviewRequests();
    QVERIFY2(queries >= 1 && queries <= 3, qPrintable(QString::number(queries)));
    QCOMPARE(m_backend->maxInFlight(), 1);

    // A slow service: never a second query while one is on its way.
    m_backend->setHoldOverviews(true);
    m_backend->changed();
    QTRY_COMPARE(m_backend->heldOverviews(), 1);
    const int before = m_backend->overviewRequests();
    for (int i = 0; i < 40; ++i) {
        m_backend->changed();
        QTest::qWait(50);
    }
    QCOMPARE(m_backend->heldOverviews(), 1);
    QCOMPARE(m_backend->overviewRequests(), before);
    // Once it is back, the changes meanwhile are fetched with one more query.
    m_backend->releaseOverviews();
    QTRY_COMPARE(m_backend->heldOverviews(), 1);
    QCOMPARE(m_backend->overviewRequests(), before + 1);
    m_backend->setHoldOverviews(false);
    m_backend->releaseOverviews();
    QCOMPARE(m_backend->maxInFlight(), 1);
}

void tst_TelemetryPage::liveRefreshFollowsNewEvents()
{
    const TelemetryScope november = TelemetryScope::rollout(Fake::RunningRollout);
    m_page->setScope(november);
    QVERIFY(waitForScope(november));
    const qint64 failedBefore = m_page->hardwareModel()->groups().constFirst().counts.failures();
    // Twenty minutes later the Nimbus N2 fails twenty more times.
    QList<Fake::Event> events;
    const QDateTime later = lastEventOf(november).addSecs(20 * 60);
    for (int i = 0; i < 20; ++i) {
        Fake::Event e;
        e.at = later.addSecs(i);
        e.rolloutId = Fake::RunningRollout;
        e.releaseId = Fake::RunningRelease;
        e.wave = 3;
        e.modelId = Fake::NimbusN2;
        e.regionId = 2;
        e.outcome = TelemetryOutcome::Failed;
        e.reason = FailureReason::InstallFailed;
        e.deviceId = QStringLiteral("new-%1").arg(i);
        events.append(e);
    }
    m_backend->addEvents(events);
    // The window slides to the new latest event, and the numbers follow.
    QTRY_COMPARE_WITH_TIMEOUT(m_page->shownQuery().to,
                              TelemetryRange::relativeEnd(later.addSecs(19)), 5000);
    QTRY_COMPARE(m_page->hardwareModel()->groups().constFirst().counts.failures(),
                 failedBefore + 20);
}

void tst_TelemetryPage::staleAnswerIsDropped()
{
    // Everything: the first answer for a scope is the one shown (no "latest event" to learn).
    m_page->setRange(TelemetryRange(TelemetryRange::Everything));
    QTRY_VERIFY(!m_page->shownQuery().to.isValid());
    m_backend->setHoldOverviews(true);
    m_page->setScope(TelemetryScope::rollout(Fake::RunningRollout));
    QTRY_COMPARE(m_backend->heldOverviews(), 1);
    // The operator moves on before the answer is back.
    m_page->setScope(TelemetryScope::rollout(Fake::CompletedRollout));
    QTest::qWait(50);
    QCOMPARE(m_backend->heldOverviews(), 1); // one at a time
    QList<TelemetryScope> shown;
    connect(m_page.get(), &TelemetryPage::overviewShown, this,
            [&] { shown.append(m_page->shownQuery().scope); });
    m_backend->setHoldOverviews(false);
    m_backend->releaseOverviews();
    QVERIFY(waitForScope(TelemetryScope::rollout(Fake::CompletedRollout)));
    QVERIFY(!shown.isEmpty());
    for (const TelemetryScope &scope : std::as_const(shown))
        QCOMPARE(scope, TelemetryScope::rollout(Fake::CompletedRollout));
    QVERIFY(m_page->summaryText().startsWith(QStringLiteral("Rollout October")));
    QCOMPARE(m_backend->maxInFlight(), 1);
}

void tst_TelemetryPage::errorIsShownAndClearedByTheNextAnswer()
{
    m_backend->failNext(ServiceError::make(ServiceError::Code::StorageUnavailable,
                                           QStringLiteral("The telemetry database is locked."),
                                           QStringLiteral("Close the other Patchboard.")));
    m_page->refresh();
    QTRY_VERIFY(!m_page->errorText().isEmpty());
    QVERIFY(m_page->errorText().contains(QStringLiteral("The telemetry database is locked.")));
    QVERIFY(m_page->errorText().contains(QStringLiteral("Close the other Patchboard.")));
    // The last good charts stay.
    QVERIFY(m_page->timelineModel()->rowCount() > 0);
    m_page->refresh();
    QTRY_VERIFY(m_page->errorText().isEmpty());
}

void tst_TelemetryPage::chartsAreDescribedForScreenReaders()
{
    m_page->setScope(TelemetryScope::rollout(Fake::RunningRollout));
    QVERIFY(waitForScope(TelemetryScope::rollout(Fake::RunningRollout)));
    OutcomeCounts total;
    for (const OutcomeBucket &b : m_page->timelineModel()->buckets())
        total += b.counts;
    for (int chart = 0; chart < TelemetryPage::ChartCount; ++chart) {
        TelemetryChartView *view = m_page->chartView(TelemetryPage::Chart(chart));
        QVERIFY(!view->accessibleName().isEmpty());
        QVERIFY2(view->accessibleDescription().size() > 40,
                 qPrintable(view->accessibleDescription()));
    }
    const QString outcomes = m_page->timelineChart()->accessibleDescription();
    QVERIFY2(outcomes.contains(
                 QStringLiteral("%1 succeeded").arg(DeviceFormat::number(total.succeeded()))),
             qPrintable(outcomes));
    QVERIFY(outcomes.contains(QStringLiteral("Error threshold 5.0%")));
    const QString models = m_page->hardwareChart()->accessibleDescription();
    QVERIFY2(models.startsWith(QStringLiteral("Failures by hardware model")), qPrintable(models));
    QVERIFY(models.contains(QStringLiteral("Nimbus N2: ")));
    QVERIFY(models.contains(QStringLiteral("(above average)")));
    QVERIFY(m_page->reasonChart()->accessibleDescription().contains(
        QStringLiteral("Download timed out")));
    QVERIFY(!m_page->topFailuresTable()->accessibleName().isEmpty());
    QVERIFY(!m_page->exportButton()->accessibleName().isEmpty());
    QVERIFY(!m_page->summaryText().isEmpty());
}

void tst_TelemetryPage::outcomesDifferInMoreThanColour()
{
    TelemetryTimelineChart *chart = m_page->timelineChart();
    QSet<QString> names;
    for (int i = 0; i < TelemetryOutcomeCount; ++i) {
        const auto outcome = TelemetryOutcome(i);
        QBarSet *set = chart->barSet(outcome);
        // A mark in every legend entry, and a pattern for all but succeeded.
        QVERIFY(set->label().startsWith(TelemetryFormat::outcomeMark(outcome)));
        names.insert(set->label());
        QCOMPARE(set->brush().style() == Qt::TexturePattern,
                 outcome != TelemetryOutcome::Succeeded);
    }
    QCOMPARE(names.size(), TelemetryOutcomeCount);
    QCOMPARE(m_page->reasonChart()->barSet(TelemetryOutcome::RolledBack)->brush().style(),
             Qt::TexturePattern);
    // The lines differ in style: the threshold is dashed, the average dotted.
    QCOMPARE(m_page->hardwareChart()->averageSeries()->pen().style(), Qt::DotLine);
}

void tst_TelemetryPage::chartsFollowThePalette()
{
    QPalette dark = m_page->palette();
    dark.setColor(QPalette::Window, QColor(0x20, 0x20, 0x24));
    dark.setColor(QPalette::WindowText, QColor(0xee, 0xee, 0xee));
    dark.setColor(QPalette::Base, QColor(0x18, 0x18, 0x1a));
    dark.setColor(QPalette::Text, QColor(0xee, 0xee, 0xee));
    dark.setColor(QPalette::AlternateBase, QColor(0x26, 0x26, 0x2a));
    dark.setColor(QPalette::Button, QColor(0x30, 0x30, 0x34));
    dark.setColor(QPalette::ButtonText, QColor(0xee, 0xee, 0xee));
    dark.setColor(QPalette::Mid, QColor(0x60, 0x60, 0x66));
    dark.setColor(QPalette::PlaceholderText, QColor(0xa0, 0xa0, 0xa6));
    const QColor lightFailed
        = TelemetryChartView::outcomeColor(TelemetryOutcome::Failed, m_page->palette());
    m_page->setPalette(dark);
    for (int chart = 0; chart < TelemetryPage::ChartCount; ++chart) {
        TelemetryChartView *view = m_page->chartView(TelemetryPage::Chart(chart));
        QCOMPARE(view->chart()->titleBrush().color(), dark.color(QPalette::WindowText));
        QCOMPARE(view->chart()->legend()->labelColor(), dark.color(QPalette::WindowText));
        const auto axes = view->chart()->axes();
        for (QAbstractAxis *axis : axes)
            QCOMPARE(axis->labelsBrush().color(), dark.color(QPalette::WindowText));
    }
    // Lighter outcome colours on a dark background.
    const QColor darkFailed = TelemetryChartView::outcomeColor(TelemetryOutcome::Failed, dark);
    QVERIFY(darkFailed.lightness() > lightFailed.lightness());
    QCOMPARE(m_page->timelineChart()->rateSeries()->pen().color(),
             dark.color(QPalette::WindowText));
    QVERIFY(m_page->grab().save(QStringLiteral("/tmp/telemetry-page-dark.png")));
}

void tst_TelemetryPage::screenshot()
{
    m_page->resize(1180, 660); // beside the navigation on a 1366 x 768 screen
    m_page->setScope(TelemetryScope::rollout(Fake::RunningRollout));
    QVERIFY(waitForScope(TelemetryScope::rollout(Fake::RunningRollout)));
    QTest::qWait(100);
    QVERIFY(m_page->grab().save(QStringLiteral("/tmp/telemetry-page.png")));
    const char *const names[] = {"outcomes", "reasons", "models", "waves"};
    for (int chart = 1; chart < TelemetryPage::ChartCount; ++chart) {
        m_page->setCurrentChart(chart);
        QTest::qWait(50);
        QVERIFY(m_page->grab().save(
            QStringLiteral("/tmp/telemetry-page-%1.png").arg(QLatin1String(names[chart]))));
    }
    m_page->setCurrentChart(TelemetryPage::OutcomesChart);
    m_page->setRange(TelemetryRange(TelemetryRange::LastWeek));
    QTRY_COMPARE(m_page->shownQuery().from, m_page->lastQuery().from);
    QTest::qWait(50);
    QVERIFY(m_page->grab().save(QStringLiteral("/tmp/telemetry-page-week.png")));
    m_page->setRange(TelemetryRange::custom(QDateTime(QDate(2025, 11, 1), QTime(0, 0), Qt::UTC),
                                            QDateTime(QDate(2025, 11, 2), QTime(0, 0), Qt::UTC)));
    QTRY_VERIFY(!m_page->emptyText().isEmpty());
    QVERIFY(m_page->grab().save(QStringLiteral("/tmp/telemetry-page-empty.png")));
}

QTEST_MAIN(tst_TelemetryPage)
#include "tst_telemetrypage.moc"
