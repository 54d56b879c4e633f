// SPDX-License-Identifier: Apache-2.0
// The wall screen (issue #5) with a fake rollout service: which rollouts it shows and in which
// order (halted first, finished ones only for a few hours), the failure rate against the error
// threshold word for word, a refresh that follows rolloutsChanged without flooding the service
// and that also comes by itself, the calm empty state, errors on screen with the last data kept,
// nothing to click or edit, Esc/F11 to leave, and text sizes that read across a room.
#include "deviceformat.h"
#include "fakerolloutbackend.h"
#include "rolloutformat.h"
#include "wallboard.h"
#include "wallformat.h"
#include "wallscreen.h"
#include "wallstyle.h"
#include "walltile.h"
#include "wallwavebar.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAbstractSlider>
#include <QAbstractSpinBox>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QElapsedTimer>
#include <QFontInfo>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTest>
#include <QTextEdit>

#include <memory>

Q_DECLARE_METATYPE(Patchboard::WaveProgress)

// Plural forms read as in the source ("device(s)"): the English plural translator is installed by
// the application (app/desktop/englishplurals.h), not in tests.

using namespace Patchboard;

namespace {

constexpr qint64 CompletedId = 1;
constexpr qint64 HaltedId = 2;
constexpr qint64 RunningId = 3;
constexpr qint64 ScheduledId = 4;
constexpr qint64 DraftId = 5;
constexpr qint64 PausedId = 6;
constexpr qint64 CancelledId = 7;

// FakeRolloutBackend::makeRollout: completed rollouts finish on 2025-11-15 09:00 UTC, cancelled
// ones on 2025-11-12 09:00 UTC.
const QDateTime CompletedAt(QDate(2025, 11, 15), QTime(9, 0), Qt::UTC);
const QDateTime Clock = CompletedAt.addSecs(3600);

const QString Warning = DeviceFormat::warningMarker();

// One wave as the failure-rate tests need it.
WaveProgress wave(int succeeded, int failed, int verified, double threshold, int minimum,
                  int baselineResults = 0, int baselineFailed = 0)
{
    WaveProgress w;
    w.number = 2;
    w.state = WaveState::Running;
    w.plan.size = WavePlan::Size::Percent;
    w.plan.percent = 10;
    w.plan.errorThreshold = threshold;
    w.plan.minimumResults = minimum;
    w.succeeded = succeeded;
    w.failed = failed;
    w.verified = verified;
    w.inProgress = verified;
    w.baselineResults = baselineResults;
    w.baselineFailed = baselineFailed;
    w.size = succeeded + failed + verified + 100;
    w.pending = 100;
    return w;
}

} // namespace

class tst_WallScreen : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void haltedFirstThenRunningPausedScheduled();
    void haltingMovesARolloutToTheFront();
    void finishedRolloutsOnlyForAFewHours_data();
    void finishedRolloutsOnlyForAFewHours();
    void failureRateAgainstThreshold_data();
    void failureRateAgainstThreshold();
    void tileSaysWhatTheRoomNeeds();
    void haltedTileIsUnmistakable();
    void waitingRolloutsSayWhatFor();
    void headerCountsAndClock();
    void refreshIsThrottledAndNeverOverlaps();
    void timerRefreshesWithoutSignals();
    void emptyStateIsCalm();
    void errorIsShownAndLastDataKept();
    void firstLoadErrorIsNotAnEmptyWall();
    void silentServiceMakesTheDataStale();
    void nothingActsOrEdits();
    void escapeAndF11Leave_data();
    void escapeAndF11Leave();
    void fontsAreLarge();
    void everythingFitsAt720p();
    void accessibleSummaries();
    void screenshots();

private:
    void makeScreen(const QSize &size = QSize(1920, 1080));
    QList<qint64> shown() const { return m_screen->shownRollouts(); }

    std::unique_ptr<FakeRolloutBackend> m_backend;
    std::unique_ptr<WallScreen> m_screen;
};

void tst_WallScreen::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void tst_WallScreen::init()
{
    m_backend = std::make_unique<FakeRolloutBackend>();
    SimulationSettings settings;
    settings.available = true;
    settings.clock = Clock;
    m_backend->setSimulationSettings(settings);
    // Newest first, as the service lists them.
    m_backend->setRollouts(
        {FakeRolloutBackend::makeRollout(CancelledId, QStringLiteral("Hotfix, Spain"),
                                         RolloutState::Cancelled),
         FakeRolloutBackend::makeRollout(PausedId, QStringLiteral("November, Italy"),
                                         RolloutState::Paused),
         FakeRolloutBackend::makeRollout(DraftId, QStringLiteral("January"), RolloutState::Draft),
         FakeRolloutBackend::makeRollout(ScheduledId, QStringLiteral("December"),
                                         RolloutState::Scheduled),
         FakeRolloutBackend::makeRollout(RunningId, QStringLiteral("November, Germany"),
                                         RolloutState::Running),
         FakeRolloutBackend::makeRollout(HaltedId, QStringLiteral("November, France"),
                                         RolloutState::Halted),
         FakeRolloutBackend::makeRollout(CompletedId, QStringLiteral("October"),
                                         RolloutState::Completed)});
    makeScreen();
}

void tst_WallScreen::cleanup()
{
    m_screen.reset();
    m_backend.reset();
}

void tst_WallScreen::makeScreen(const QSize &size)
{
    m_screen.reset();
    m_screen = std::make_unique<WallScreen>(m_backend.get());
    m_screen->resize(size);
    m_screen->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_screen.get()));
    QTRY_VERIFY(m_screen->isLoaded());
    QTRY_VERIFY(m_screen->hasSimulatedClock());
}

void tst_WallScreen::haltedFirstThenRunningPausedScheduled()
{
    // The draft and the rollout cancelled three days ago are not on the wall; the one completed
    // an hour ago is, last.
    QTRY_COMPARE(shown(), QList<qint64>({HaltedId, RunningId, PausedId, ScheduledId, CompletedId}));
    QVERIFY(m_screen->tile(CompletedId)->isFinished());
    QVERIFY(!m_screen->tile(CompletedId)->bars().isEmpty());
    QVERIFY(m_screen->tile(CompletedId)->bars().constFirst()->isDimmed());
    QVERIFY(!m_screen->tile(RunningId)->bars().constFirst()->isDimmed());
    QVERIFY(!m_screen->tile(DraftId));
    QVERIFY(!m_screen->tile(CancelledId));

    // Two halted rollouts keep the service's order (newest first) among themselves.
    m_backend->detail(PausedId)->summary.state = RolloutState::Halted;
    m_backend->changed();
    QTRY_COMPARE(shown(), QList<qint64>({PausedId, HaltedId, RunningId, ScheduledId, CompletedId}));
}

void tst_WallScreen::haltingMovesARolloutToTheFront()
{
    QTRY_COMPARE(shown().value(1), RunningId);
    WallTile *running = m_screen->tile(RunningId);
    m_backend->detail(RunningId)->summary.state = RolloutState::Halted;
    m_backend->detail(RunningId)->summary.haltReason = QStringLiteral("Too many failures");
    m_backend->detail(HaltedId)->summary.state = RolloutState::Running;
    m_backend->changed();
    QTRY_COMPARE(shown().value(0), RunningId);
    QCOMPARE(shown().value(1), HaltedId);
    // Updated in place: the same tile, now halted.
    QCOMPARE(m_screen->tile(RunningId), running);
    QCOMPARE(running->stateText(), Warning + QStringLiteral("HALTED"));
    QCOMPARE(running->haltReasonText(), QStringLiteral("Too many failures"));
    QCOMPARE(m_screen->tile(HaltedId)->haltReasonText(), QString());
}

void tst_WallScreen::finishedRolloutsOnlyForAFewHours_data()
{
    QTest::addColumn<qint64>("secondsAfterCompletion");
    QTest::addColumn<bool>("shown");
    QTest::newRow("just now") << qint64(0) << true;
    QTest::newRow("3 h 59 min later") << qint64(4 * 3600 - 60) << true;
    QTest::newRow("4 h 1 min later") << qint64(4 * 3600 + 60) << false;
    QTest::newRow("a day later") << qint64(24 * 3600) << false;
}

void tst_WallScreen::finishedRolloutsOnlyForAFewHours()
{
    QFETCH(qint64, secondsAfterCompletion);
    QFETCH(bool, shown);
    // The rollout clock moves; the wall follows it without asking the service again.
    Q_EMIT m_backend->clockChanged(CompletedAt.addSecs(secondsAfterCompletion));
    QCOMPARE(m_screen->now(), CompletedAt.addSecs(secondsAfterCompletion));
    QCOMPARE(this->shown().contains(CompletedId), shown);
    QCOMPARE(this->shown().mid(0, 4), QList<qint64>({HaltedId, RunningId, PausedId, ScheduledId}));
    QVERIFY(!this->shown().contains(CancelledId));
    QVERIFY(!this->shown().contains(DraftId));
}

void tst_WallScreen::failureRateAgainstThreshold_data()
{
    QTest::addColumn<WaveProgress>("wave");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<QString>("note");
    QTest::addColumn<bool>("critical");
    // 13 of 180 = 7.22%.
    QTest::newRow("above the threshold")
        << wave(167, 13, 0, 5, 100)
        << Warning + QStringLiteral("Failure rate 7.2% \u00b7 threshold 5%") << QString() << true;
    QTest::newRow("below the threshold")
        << wave(196, 4, 0, 5, 100) << QStringLiteral("Failure rate 2.0% \u00b7 threshold 5%")
        << QString() << false;
    // Exactly at the threshold does not halt (RolloutRules::evaluate); verified devices count as
    // results: 5 of 100.
    QTest::newRow("at the threshold, verified count")
        << wave(50, 5, 45, 5, 20) << QStringLiteral("Failure rate 5.0% \u00b7 threshold 5%")
        << QString() << false;
    // After a resume the threshold counts from the resume: 10 of 140 = 7.14%.
    QTest::newRow("since the resume")
        << wave(300, 40, 0, 10, 100, 200, 30)
        << QStringLiteral("Failure rate 7.1% \u00b7 threshold 10%") << QString() << false;
    QTest::newRow("fraction threshold")
        << wave(990, 10, 0, 2.5, 100) << QStringLiteral("Failure rate 1.0% \u00b7 threshold 2.5%")
        << QString() << false;
    // Above, but the engine waits for 100 results before it halts: the wall says so.
    QTest::newRow("too few results yet")
        << wave(18, 2, 0, 5, 100)
        << Warning + QStringLiteral("Failure rate 10.0% \u00b7 threshold 5%")
        << QStringLiteral("Threshold applies from 100 result(s); 20 so far") << true;
    QTest::newRow("no results yet")
        << wave(0, 0, 0, 5, 1) << QStringLiteral("Failure rate 0.0% \u00b7 threshold 5%")
        << QStringLiteral("Threshold applies from 1 result(s); 0 so far") << false;
}

void tst_WallScreen::failureRateAgainstThreshold()
{
    QFETCH(WaveProgress, wave);
    QFETCH(QString, expected);
    QFETCH(QString, note);
    QFETCH(bool, critical);
    RolloutSummary &s = m_backend->detail(RunningId)->summary;
    s.waves[1] = wave;
    s.currentWave = 2;
    QCOMPARE(WallFormat::failureRate(s), expected);
    QCOMPARE(WallFormat::thresholdNote(s), note);
    m_backend->changed();
    WallTile *tile = m_screen->tile(RunningId);
    QTRY_COMPARE(tile->failureRateText(), expected);
    QCOMPARE(tile->thresholdNoteText(), note);
    // Over the threshold it is also told in colour (the text already says it with the mark).
    const auto labels = tile->findChildren<QLabel *>();
    QLabel *label = nullptr;
    for (QLabel *l : labels) {
        if (l->text() == expected)
            label = l;
    }
    QVERIFY(label);
    QCOMPARE(label->palette().color(QPalette::WindowText)
                 == WallStyle::criticalColor(tile->palette()),
             critical);

    // Before the first wave starts there is no rate to show.
    s.currentWave = 0;
    QCOMPARE(WallFormat::failureRate(s), QString());
    QCOMPARE(WallFormat::thresholdNote(s), QString());
}

void tst_WallScreen::tileSaysWhatTheRoomNeeds()
{
    QTRY_VERIFY(m_screen->tile(RunningId));
    const WallTile *running = m_screen->tile(RunningId);
    QCOMPARE(running->nameText(), QStringLiteral("November, Germany"));
    QCOMPARE(running->releaseText(), QStringLiteral("AUR-2025.11.2"));
    QCOMPARE(running->stateText(), QStringLiteral("\u25B6 Running"));
    // Wave 1: 10 devices done; wave 2: 60 of 100 so far (makeRollout).
    QCOMPARE(running->devicesText(), QStringLiteral("70 of 1,000 device(s) updated"));
    // 2 of 62 results failed.
    QCOMPARE(running->failureRateText(), QStringLiteral("Failure rate 3.2% \u00b7 threshold 5%"));
    QCOMPARE(running->thresholdNoteText(),
             QStringLiteral("Threshold applies from 100 result(s); 62 so far"));
    // Each wave's state as a mark before its name: done, running, pending.
    QCOMPARE(running->waveLabels(),
             QStringList({QStringLiteral("\u2713 Wave 1 \u00b7 1%"),
                          QStringLiteral("\u25B6 Wave 2 \u00b7 10%"),
                          QStringLiteral("\u25CB Wave 3 \u00b7 50%"),
                          QStringLiteral("\u25CB Wave 4 \u00b7 The rest")}));
    const RolloutSummary &s = m_backend->detail(RunningId)->summary;
    const QList<WallWaveBar *> bars = running->bars();
    QCOMPARE(bars.size(), 4);
    for (int i = 0; i < bars.size(); ++i) {
        QCOMPARE(bars.at(i)->counts(), RolloutFormat::counts(s.waves.at(i)));
        QCOMPARE(running->waveCounts().at(i),
                 RolloutFormat::progressText(RolloutFormat::counts(s.waves.at(i))));
    }
    QCOMPARE(running->waveCounts().at(1),
             QStringLiteral("\u2713 60 \u00b7 \u2717 2 \u00b7 \u25D0 20 \u00b7 \u25CB 18"));

    const WallTile *scheduled = m_screen->tile(ScheduledId);
    QCOMPARE(scheduled->stateText(), QStringLiteral("\u25F7 Scheduled"));
    QVERIFY2(scheduled->timingText().startsWith(QStringLiteral("Starts ")),
             qPrintable(scheduled->timingText()));
    QCOMPARE(scheduled->failureRateText(), QString());
    QCOMPARE(scheduled->devicesText(), QStringLiteral("0 of 1,000 device(s) updated"));

    // The completed one: one bar over all waves, no failure rate.
    const WallTile *completed = m_screen->tile(CompletedId);
    QCOMPARE(completed->stateText(), QStringLiteral("\u2713 Completed"));
    QCOMPARE(completed->waveLabels(), QStringList({QStringLiteral("All waves")}));
    QCOMPARE(completed->failureRateText(), QString());

    // Numbers in the locale.
    QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
    m_backend->changed();
    QTRY_COMPARE(m_screen->tile(RunningId)->devicesText(),
                 QStringLiteral("70 of 1.000 device(s) updated"));
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void tst_WallScreen::haltedTileIsUnmistakable()
{
    QTRY_VERIFY(m_screen->tile(HaltedId));
    WallTile *halted = m_screen->tile(HaltedId);
    WallTile *running = m_screen->tile(RunningId);
    QCOMPARE(halted->stateText(), Warning + QStringLiteral("HALTED"));
    QCOMPARE(halted->haltReasonText(), m_backend->detail(HaltedId)->summary.haltReason);
    QVERIFY(halted->failureRateText().startsWith(Warning));
    QCOMPARE(halted->waveLabels().value(1), QStringLiteral("\u26A0 Wave 2 \u00b7 10%"));

    // Its border and band are in the critical colour; the running tile shows none of it.
    const QColor critical = WallStyle::criticalColor(halted->palette());
    auto criticalPixels = [&critical](const QImage &image) {
        int count = 0;
        for (int y = 0; y < image.height(); y += 2) {
            for (int x = 0; x < image.width(); x += 2)
                count += image.pixelColor(x, y).rgb() == critical.rgb() ? 1 : 0;
        }
        return count;
    };
    const QImage haltedImage = halted->grab().toImage();
    const QImage runningImage = running->grab().toImage();
    const int haltedCount = criticalPixels(haltedImage);
    QVERIFY2(haltedCount > (haltedImage.width() + haltedImage.height()) / 2,
             qPrintable(QString::number(haltedCount)));
    QCOMPARE(criticalPixels(runningImage), 0);
}

void tst_WallScreen::waitingRolloutsSayWhatFor()
{
    QTRY_VERIFY(m_screen->tile(RunningId));
    QCOMPARE(m_screen->tile(RunningId)->timingText(), QString());
    // Wave 2 reached its success threshold and soaks for two hours before wave 3.
    RolloutSummary &s = m_backend->detail(RunningId)->summary;
    WaveProgress &second = s.waves[1];
    second.state = WaveState::Succeeded;
    second.nextWaveAt = Clock.addSecs(2 * 3600);
    m_backend->changed();
    const QString at
        = QLocale().toString(Clock.addSecs(2 * 3600).toLocalTime().time(), QLocale::ShortFormat);
    QTRY_COMPARE(m_screen->tile(RunningId)->timingText(),
                 QStringLiteral("Wave 3 starts at %1, after soaking").arg(at));
    QCOMPARE(m_screen->tile(RunningId)->waveLabels().value(1),
             QStringLiteral("\u2713 Wave 2 \u00b7 10%"));
    // Then it waits for an operator at the manual gate.
    second.waitingForGate = true;
    m_backend->changed();
    QTRY_COMPARE(m_screen->tile(RunningId)->timingText(),
                 Warning + QStringLiteral("Waiting for an operator to continue to wave 3"));
    QCOMPARE(m_screen->tile(RunningId)->waveLabels().value(1),
             QStringLiteral("\u2016 Wave 2 \u00b7 10%"));
}

void tst_WallScreen::headerCountsAndClock()
{
    // The halted count leads.
    QTRY_COMPARE(
        m_screen->summaryLabel()->text(),
        Warning + QStringLiteral("1 halted \u00b7 1 running \u00b7 1 paused \u00b7 1 scheduled"));
    QCOMPARE(m_screen->titleLabel()->text(), QStringLiteral("Active rollouts"));
    // The rollout clock, in local time; "Updated" with seconds.
    const QString clock = QLocale().toString(Clock.toLocalTime().time(), QLocale::ShortFormat);
    QCOMPARE(m_screen->clockLabel()->text(), clock);
    QVERIFY2(m_screen->updatedLabel()->text().startsWith(QStringLiteral("Updated ")),
             qPrintable(m_screen->updatedLabel()->text()));
    QCOMPARE(m_screen->updatedLabel()->text().count(QLatin1Char(':')), 2);
    Q_EMIT m_backend->clockChanged(Clock.addSecs(2 * 3600));
    QCOMPARE(
        m_screen->clockLabel()->text(),
        QLocale().toString(Clock.addSecs(2 * 3600).toLocalTime().time(), QLocale::ShortFormat));

    // Nothing halted: "0 halted", without the warning.
    m_backend->detail(HaltedId)->summary.state = RolloutState::Running;
    m_backend->changed();
    QTRY_COMPARE(m_screen->summaryLabel()->text(),
                 QStringLiteral("2 running \u00b7 0 halted \u00b7 1 paused \u00b7 1 scheduled"));
}

void tst_WallScreen::refreshIsThrottledAndNeverOverlaps()
{
    QTest::qWait(WallScreen::ThrottleMs + 200); // let the start settle
    m_backend->setHoldLists(true);
    const int before = m_backend->listRequests();
    // A burst of changes while an answer is held: one request on its way, never a second.
    m_backend->changed();
    QTRY_COMPARE(m_backend->heldLists(), 1);
    for (int i = 0; i < 30; ++i) {
        m_backend->changed();
        QTest::qWait(50);
    }
    QCOMPARE(m_backend->heldLists(), 1);
    QCOMPARE(m_backend->listRequests(), before + 1);
    // Once it is back, the changes meanwhile are fetched with one more request.
    m_backend->releaseLists();
    QTRY_COMPARE(m_backend->heldLists(), 1);
    QCOMPARE(m_backend->listRequests(), before + 2);
    m_backend->setHoldLists(false);
    m_backend->releaseLists();

    // Changes every 10 ms for 3 s: about one list a second, not three hundred.
    QTest::qWait(WallScreen::ThrottleMs + 200);
    const int start = m_backend->listRequests();
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < 3000) {
        m_backend->changed();
        QTest::qWait(10);
    }
    const int requests = m_backend->listRequests() - start;
    QVERIFY2(requests >= 2 && requests <= 4, qPrintable(QString::number(requests)));
    QCOMPARE(m_screen->listRequests(), m_backend->listRequests());
}

void tst_WallScreen::timerRefreshesWithoutSignals()
{
    // The default: every 10 s, so a quiet second asks nothing.
    QCOMPARE(m_screen->autoRefreshInterval(), WallScreen::DefaultAutoRefreshMs);
    QTest::qWait(WallScreen::ThrottleMs + 200);
    int start = m_backend->listRequests();
    QTest::qWait(1000);
    QCOMPARE(m_backend->listRequests(), start);

    // Faster for the test: no signal at all, and the lists keep coming.
    m_screen->setAutoRefreshInterval(250);
    m_screen->hide();
    m_screen->show(); // restarts the timer with the new interval
    start = m_backend->listRequests();
    QTest::qWait(1600);
    const int requests = m_backend->listRequests() - start;
    // Every 250 ms, but never more than one a second (the throttle).
    QVERIFY2(requests >= 1 && requests <= 3, qPrintable(QString::number(requests)));
    // And what they bring is shown: a change the service did not signal.
    m_backend->detail(RunningId)->summary.name = QStringLiteral("Renamed quietly");
    QTRY_COMPARE(m_screen->tile(RunningId)->nameText(), QStringLiteral("Renamed quietly"));
}

void tst_WallScreen::emptyStateIsCalm()
{
    QTRY_COMPARE(m_screen->emptyText(), QString());
    // Only a draft and an old cancelled rollout: nothing active.
    m_backend->setRollouts({m_backend->details().at(0), m_backend->details().at(2)});
    QTRY_VERIFY(!m_screen->emptyText().isEmpty());
    QVERIFY2(m_screen->emptyText().contains(QStringLiteral("No active rollouts")),
             qPrintable(m_screen->emptyText()));
    QCOMPARE(shown(), QList<qint64>());
    QCOMPARE(m_screen->summaryLabel()->text(), QStringLiteral("0 running \u00b7 0 halted"));
    QCOMPARE(m_screen->errorText(), QString());

    m_backend->setRollouts({});
    QTest::qWait(WallScreen::ThrottleMs + 200);
    QVERIFY(m_screen->emptyText().contains(QStringLiteral("No active rollouts")));

    m_backend->setRollouts(
        {FakeRolloutBackend::makeRollout(8, QStringLiteral("First"), RolloutState::Running)});
    QTRY_COMPARE(m_screen->emptyText(), QString());
    QCOMPARE(shown(), QList<qint64>({8}));
}

void tst_WallScreen::errorIsShownAndLastDataKept()
{
    QTRY_COMPARE(shown().size(), 5);
    const QList<qint64> before = shown();
    QVERIFY(!m_screen->isStale());
    QCOMPARE(m_screen->errorText(), QString());
    m_backend->failNext(ServiceError::make(ServiceError::Code::StorageUnavailable,
                                           QStringLiteral("The rollout database is locked."),
                                           QStringLiteral("Close the other Patchboard.")));
    m_backend->changed();
    QTRY_VERIFY(!m_screen->errorText().isEmpty());
    QVERIFY2(m_screen->errorText().contains(QStringLiteral("The rollout database is locked.")),
             qPrintable(m_screen->errorText()));
    QVERIFY(m_screen->errorText().contains(QStringLiteral("Close the other Patchboard.")));
    QVERIFY(m_screen->errorText().contains(QStringLiteral("showing the data of")));
    // The last good data stays, marked stale.
    QCOMPARE(shown(), before);
    QCOMPARE(m_screen->emptyText(), QString());
    QVERIFY(m_screen->isStale());
    QVERIFY2(m_screen->updatedLabel()->text().contains(QStringLiteral("Stale")),
             qPrintable(m_screen->updatedLabel()->text()));

    // The next answer clears it.
    m_backend->changed();
    QTRY_COMPARE(m_screen->errorText(), QString());
    QVERIFY(!m_screen->isStale());
    QVERIFY(m_screen->updatedLabel()->text().startsWith(QStringLiteral("Updated ")));
}

void tst_WallScreen::firstLoadErrorIsNotAnEmptyWall()
{
    m_screen.reset();
    m_backend->failNext(ServiceError::make(ServiceError::Code::PermissionDenied,
                                           QStringLiteral("Viewers may not read rollouts."),
                                           QStringLiteral("Ask an administrator.")));
    m_screen = std::make_unique<WallScreen>(m_backend.get());
    m_screen->resize(1280, 720);
    m_screen->show();
    QTRY_VERIFY(!m_screen->errorText().isEmpty());
    QVERIFY(m_screen->errorText().contains(QStringLiteral("Viewers may not read rollouts.")));
    // Not "no active rollouts": the wall does not know that.
    QVERIFY2(m_screen->emptyText().contains(QStringLiteral("could not be loaded")),
             qPrintable(m_screen->emptyText()));
    QVERIFY(!m_screen->emptyText().contains(QStringLiteral("No active rollouts")));
    QVERIFY(!m_screen->isLoaded());
    QCOMPARE(m_screen->summaryLabel()->text(), QString());

    // The wall reads as a viewer.
    QCOMPARE(WallScreen::defaultViewer().role, OperatorRole::Viewer);
    QVERIFY(WallScreen::defaultViewer().isValid());

    // Without a service at all it says so.
    WallScreen orphan(nullptr);
    orphan.show();
    QVERIFY(orphan.errorText().contains(QStringLiteral("No rollout service")));
    QVERIFY(orphan.emptyText().contains(QStringLiteral("could not be loaded")));
}

void tst_WallScreen::silentServiceMakesTheDataStale()
{
    QTRY_COMPARE(shown().size(), 5);
    m_screen->setAutoRefreshInterval(200);
    m_screen->hide();
    m_screen->show();
    QTest::qWait(WallScreen::ThrottleMs + 200);
    // The service stops answering: one request hangs, no second one is sent.
    m_backend->setHoldLists(true);
    m_backend->changed();
    QTRY_COMPARE(m_backend->heldLists(), 1);
    const int requests = m_backend->listRequests();
    // After three refresh intervals without an answer the wall says so, and keeps the data.
    QTRY_VERIFY(m_screen->isStale());
    QTRY_VERIFY2(
        m_screen->errorText().contains(QStringLiteral("No answer from the rollout service")),
        qPrintable(m_screen->errorText()));
    QVERIFY(m_screen->updatedLabel()->text().contains(QStringLiteral("Stale")));
    QCOMPARE(shown().size(), 5);
    QCOMPARE(m_backend->listRequests(), requests);
    QCOMPARE(m_backend->heldLists(), 1);
    // The answer comes after all: current again.
    m_backend->setHoldLists(false);
    m_backend->releaseLists();
    QTRY_VERIFY(!m_screen->isStale());
    QTRY_COMPARE(m_screen->errorText(), QString());
}

void tst_WallScreen::nothingActsOrEdits()
{
    QTRY_COMPARE(shown().size(), 5);
    QVERIFY(m_screen->actions().isEmpty());
    const QList<QAction *> actions = m_screen->findChildren<QAction *>();
    for (const QAction *action : actions)
        QVERIFY2(!action->isEnabled(), qPrintable(action->text()));
    const QList<QWidget *> widgets = m_screen->findChildren<QWidget *>();
    QVERIFY(widgets.size() > 50); // the walk saw the tiles
    for (QWidget *widget : widgets) {
        const QString what = QString::fromLatin1(widget->metaObject()->className())
            + QLatin1Char(' ') + widget->accessibleName();
        const bool interactive = qobject_cast<QAbstractButton *>(widget)
            || qobject_cast<QLineEdit *>(widget) || qobject_cast<QAbstractSpinBox *>(widget)
            || qobject_cast<QComboBox *>(widget) || qobject_cast<QAbstractSlider *>(widget)
            || qobject_cast<QAbstractItemView *>(widget) || qobject_cast<QTextEdit *>(widget)
            || qobject_cast<QPlainTextEdit *>(widget);
        QVERIFY2(!interactive || !widget->isEnabled(), qPrintable(what));
        QVERIFY2(widget->focusPolicy() == Qt::NoFocus, qPrintable(what));
        QVERIFY2(widget->actions().isEmpty(), qPrintable(what));
        if (auto *label = qobject_cast<QLabel *>(widget)) {
            QCOMPARE(label->textInteractionFlags(), Qt::NoTextInteraction);
            QVERIFY(!label->openExternalLinks());
        }
    }
}

void tst_WallScreen::escapeAndF11Leave_data()
{
    QTest::addColumn<int>("key");
    QTest::addColumn<bool>("leaves");
    QTest::newRow("Esc") << int(Qt::Key_Escape) << true;
    QTest::newRow("F11") << int(Qt::Key_F11) << true;
    QTest::newRow("Space") << int(Qt::Key_Space) << false;
    QTest::newRow("Enter") << int(Qt::Key_Return) << false;
}

void tst_WallScreen::escapeAndF11Leave()
{
    QFETCH(int, key);
    QFETCH(bool, leaves);
    QSignalSpy spy(m_screen.get(), &WallScreen::closeRequested);
    QTest::keyClick(m_screen.get(), Qt::Key(key));
    QCOMPARE(spy.count(), leaves ? 1 : 0);
    // A window of its own closes itself.
    QCOMPARE(m_screen->isVisible(), !leaves);
}

void tst_WallScreen::fontsAreLarge()
{
    const int application = QFontInfo(QApplication::font()).pixelSize();
    QVERIFY(application > 0);
    auto px = [](const QWidget *w) {
        return QFontInfo(w->font()).pixelSize();
    };
    QTRY_VERIFY(m_screen->tile(HaltedId));
    // 1920 x 1080 (makeScreen).
    const int title1080 = px(m_screen->titleLabel());
    QVERIFY2(title1080 >= 2 * application,
             qPrintable(QStringLiteral("%1 vs %2").arg(title1080).arg(application)));
    QVERIFY(px(m_screen->clockLabel()) >= 2 * application);
    const QList<QLabel *> tileLabels = m_screen->tile(HaltedId)->findChildren<QLabel *>();
    for (const QLabel *label : tileLabels)
        QVERIFY2(px(label) >= application * 3 / 2,
                 qPrintable(label->text() + QStringLiteral(": ") + QString::number(px(label))));

    // They follow the window: smaller at 720p, twice as large on 4K.
    m_screen->resize(1280, 720);
    QTRY_VERIFY(px(m_screen->titleLabel()) < title1080);
    QVERIFY(px(m_screen->titleLabel()) >= 2 * application);
    m_screen->resize(3840, 2160);
    QTRY_VERIFY(px(m_screen->titleLabel()) >= 2 * title1080 - 1);
    QVERIFY(px(m_screen->tile(HaltedId)->findChild<QLabel *>()) >= 2 * application);
}

void tst_WallScreen::everythingFitsAt720p()
{
    for (const QSize &size : {QSize(1280, 720), QSize(1920, 1080)}) {
        m_screen->resize(size);
        QTRY_COMPARE(m_screen->width(), size.width());
        QTest::qWait(50);
        const WallBoard *board = m_screen->board();
        // The halted rollout is always on a tile, never only in the overflow line.
        QVERIFY(!board->overflowIds().contains(HaltedId));
        QVERIFY(m_screen->tile(HaltedId)->isVisible());
        QList<QRect> placed;
        const QList<qint64> ids = m_screen->shownRollouts();
        for (qint64 id : ids) {
            const WallTile *tile = m_screen->tile(id);
            if (board->overflowIds().contains(id)) {
                QVERIFY(tile->isHidden());
                QVERIFY(board->overflowLabel()->text().contains(tile->nameText()));
                continue;
            }
            const QString what
                = tile->nameText() + QLatin1Char(' ') + QString::number(size.width());
            // Inside the board, overlapping no other tile, and not squeezed below its minimum.
            QVERIFY2(board->rect().contains(tile->geometry()), qPrintable(what));
            for (const QRect &other : std::as_const(placed))
                QVERIFY2(!other.intersects(tile->geometry()), qPrintable(what));
            placed.append(tile->geometry());
            QVERIFY2(tile->minimumSizeHint().width() <= tile->width(), qPrintable(what));
            QVERIFY2(tile->heightForWidth(tile->width()) <= tile->height(), qPrintable(what));
            // No room wasted: a row is as tall as its tallest tile needs, no taller.
            int rowNeeds = 0;
            for (qint64 other : ids) {
                const WallTile *t = m_screen->tile(other);
                if (t->isVisible() && t->y() == tile->y())
                    rowNeeds = std::max(rowNeeds, t->heightForWidth(t->width()));
            }
            QVERIFY2(
                tile->height() == rowNeeds,
                qPrintable(what + QStringLiteral(": %1 for %2").arg(tile->height()).arg(rowNeeds)));
        }
        QVERIFY(placed.size() >= 4);
    }
}

void tst_WallScreen::accessibleSummaries()
{
    QTRY_VERIFY(m_screen->tile(HaltedId));
    const WallTile *halted = m_screen->tile(HaltedId);
    QCOMPARE(halted->accessibleName(), QStringLiteral("November, France, Halted"));
    const QString description = halted->accessibleDescription();
    QVERIFY2(description.contains(m_backend->detail(HaltedId)->summary.haltReason),
             qPrintable(description));
    QVERIFY(description.contains(QStringLiteral("Failure rate 25.0%")));
    QVERIFY(
        description.contains(QStringLiteral("Wave 2 \u00b7 10%: Halted; 30 succeeded, 10 failed")));
    QVERIFY(description.contains(QStringLiteral("40 of 1,000 device(s) updated")));
    for (const WallWaveBar *bar : halted->bars()) {
        QVERIFY(!bar->accessibleName().isEmpty());
        QVERIFY(bar->accessibleDescription().contains(QStringLiteral("Succeeded")));
    }
    QVERIFY(!m_screen->accessibleName().isEmpty());
    QVERIFY(m_screen->accessibleDescription().contains(QStringLiteral("Escape")));
    QCOMPARE(m_screen->clockLabel()->accessibleName(), QStringLiteral("Rollout clock"));
}

void tst_WallScreen::screenshots()
{
    // A halted, a running and a scheduled rollout (and a paused one, and one completed an hour
    // ago), as the operations room sees them.
    m_screen->resize(1920, 1080);
    QTRY_COMPARE(shown().size(), 5);
    QTest::qWait(100);
    QVERIFY(m_screen->grab().save(QStringLiteral("/tmp/wall-1080.png")));
    m_screen->resize(1280, 720);
    QTest::qWait(100);
    QVERIFY(m_screen->grab().save(QStringLiteral("/tmp/wall-720.png")));
    m_backend->failNext(ServiceError::make(ServiceError::Code::StorageUnavailable,
                                           QStringLiteral("The rollout database is locked."),
                                           QStringLiteral("Close the other Patchboard.")));
    m_backend->changed();
    QTRY_VERIFY(!m_screen->errorText().isEmpty());
    QVERIFY(m_screen->grab().save(QStringLiteral("/tmp/wall-720-error.png")));
    m_backend->changed();
    QTRY_VERIFY(m_screen->errorText().isEmpty());
    m_screen->setTheme(WallScreen::Theme::Application);
    m_screen->resize(1920, 1080);
    QTest::qWait(100);
    QVERIFY(m_screen->grab().save(QStringLiteral("/tmp/wall-1080-light.png")));
    m_backend->setRollouts({});
    QTRY_VERIFY(!m_screen->emptyText().isEmpty());
    m_screen->setTheme(WallScreen::Theme::Dark);
    QVERIFY(m_screen->grab().save(QStringLiteral("/tmp/wall-empty.png")));
}

QTEST_MAIN(tst_WallScreen)
#include "tst_wallscreen.moc"
