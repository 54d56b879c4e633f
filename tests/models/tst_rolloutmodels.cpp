// SPDX-License-Identifier: Apache-2.0
// RolloutListModel (rollout -> waves) and RolloutPreviewModel (model x wave) under
// QAbstractItemModelTester: what the rows say, the progress counts the bars are painted from, and
// refreshes that update rows in place so that the operator's selection survives.
#include "rolloutformat.h"
#include "rolloutlistmodel.h"
#include "rolloutpreviewmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace Patchboard;

namespace {

WaveProgress makeWave(int number, WaveState state, int size, int succeeded, int failed,
                      int inProgress)
{
    WaveProgress w;
    w.number = number;
    w.state = state;
    w.plan.size = WavePlan::Size::Percent;
    w.plan.percent = number == 1 ? 1 : 10;
    w.size = size;
    w.succeeded = succeeded;
    w.failed = failed;
    w.inProgress = inProgress;
    w.pending = size - succeeded - failed - inProgress;
    return w;
}

RolloutSummary makeRollout(qint64 id, const QString &name, RolloutState state)
{
    RolloutSummary s;
    s.id = id;
    s.name = name;
    s.releaseVersion = QStringLiteral("AUR-2025.11.%1").arg(id);
    s.state = state;
    s.targets = 1000;
    s.currentWave = 2;
    s.created = QDateTime(QDate(2025, 11, 10), QTime(9, 0), Qt::UTC);
    s.started = s.created.addDays(1);
    s.createdBy = QStringLiteral("rita");
    s.waves = {makeWave(1, WaveState::Succeeded, 10, 10, 0, 0),
               makeWave(2, state == RolloutState::Halted ? WaveState::Halted : WaveState::Running,
                        100, 40, 12, 8),
               makeWave(3, WaveState::Pending, 500, 0, 0, 0),
               makeWave(4, WaveState::Pending, 390, 0, 0, 0)};
    if (state == RolloutState::Halted)
        s.haltReason = QStringLiteral("12 of 52 results failed (23%), above 5%");
    return s;
}

} // namespace

class tst_RolloutModels : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void listShowsRolloutsWithTheirWaves();
    void progressRoleCarriesTheCounts();
    void haltReasonIsShownOnTheRolloutAndItsWave();
    void countsChangeInPlace();
    void newRolloutIsInsertedAboveTheSelection();
    void removedRolloutLeavesTheOthers();
    void wavesAddedLater();
    void reorderedListResets();
    void waveWithoutASizeIsNamedByNumber();
    void previewModelHasAColumnPerWave();
    void progressTextNamesEveryPart_data();
    void progressTextNamesEveryPart();
};

void tst_RolloutModels::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void tst_RolloutModels::listShowsRolloutsWithTheirWaves()
{
    RolloutListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setRollouts({makeRollout(2, QStringLiteral("November, Germany"), RolloutState::Running),
                       makeRollout(1, QStringLiteral("October"), RolloutState::Completed)});

    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.columnCount(), int(RolloutListModel::ColumnCount));
    const QModelIndex first = model.index(0, RolloutListModel::NameColumn);
    QCOMPARE(first.data().toString(), QStringLiteral("November, Germany"));
    QCOMPARE(model.index(0, RolloutListModel::ReleaseColumn).data().toString(),
             QStringLiteral("AUR-2025.11.2"));
    QCOMPARE(model.index(0, RolloutListModel::TargetsColumn).data().toString(),
             QStringLiteral("1,000"));
    QCOMPARE(first.data(RolloutListModel::RolloutIdRole).toLongLong(), 2);
    QCOMPARE(first.data(RolloutListModel::StateRole).toString(), QStringLiteral("running"));
    // The state says which wave runs.
    QVERIFY2(model.index(0, RolloutListModel::StateColumn)
                 .data()
                 .toString()
                 .contains(QStringLiteral("wave 2 of 4")),
             qPrintable(model.index(0, RolloutListModel::StateColumn).data().toString()));
    QCOMPARE(model.rowOf(1), 1);
    QCOMPARE(model.indexOf(1), model.index(1, 0));

    // Waves are the children of a rollout.
    QCOMPARE(model.rowCount(first), 4);
    const QModelIndex wave2 = model.index(1, RolloutListModel::NameColumn, first);
    QCOMPARE(wave2.parent(), first);
    QCOMPARE(wave2.data().toString(), QStringLiteral("Wave 2 \u00b7 10%"));
    QCOMPARE(wave2.data(RolloutListModel::WaveNumberRole).toInt(), 2);
    QCOMPARE(wave2.data(RolloutListModel::RolloutIdRole).toLongLong(), 2);
    QCOMPARE(wave2.data(RolloutListModel::StateRole).toString(), QStringLiteral("running"));
    QCOMPARE(model.index(1, RolloutListModel::TargetsColumn, first).data().toString(),
             QStringLiteral("100"));
    // Waves have no children of their own.
    QCOMPARE(model.rowCount(wave2), 0);
}

void tst_RolloutModels::progressRoleCarriesTheCounts()
{
    RolloutListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    RolloutSummary s = makeRollout(5, QStringLiteral("Postponements"), RolloutState::Running);
    s.waves[1].postponed = 3;
    s.waves[1].pending -= 3;
    s.waves[1].rolledBack = 4;
    model.setRollouts({s});

    const QModelIndex rollout = model.index(0, RolloutListModel::ProgressColumn);
    const auto total = rollout.data(RolloutListModel::ProgressRole).value<RolloutFormat::Counts>();
    QCOMPARE(total.succeeded, 50);
    QCOMPARE(total.failed, 12);
    QCOMPARE(total.rolledBack, 4);
    QCOMPARE(total.inProgress, 11); // postponed devices are still in progress
    QCOMPARE(total.postponed, 3);
    QCOMPARE(total.pending, 1000 - 50 - 12 - 11);
    QCOMPARE(total.total(), 1000);

    const QModelIndex wave = model.index(1, RolloutListModel::ProgressColumn, model.index(0, 0));
    const auto counts = wave.data(RolloutListModel::ProgressRole).value<RolloutFormat::Counts>();
    QCOMPARE(counts.succeeded, 40);
    QCOMPARE(counts.failed, 12);
    QCOMPARE(counts.inProgress, 11);
    QCOMPARE(counts.pending, 37);
    // The text and the tooltip write the numbers out: nothing is told by the bar's colour alone.
    QCOMPARE(wave.data().toString(),
             QStringLiteral("\u2713 40 \u00b7 \u2717 12 \u00b7 \u25D0 11 \u00b7 \u25CB 37"));
    const QString tip = wave.data(Qt::ToolTipRole).toString();
    QVERIFY2(tip.contains(QStringLiteral("Failed: 12 (12.0%), 4 rolled back")), qPrintable(tip));
    QVERIFY2(tip.contains(QStringLiteral("In progress: 11 (11.0%), 3 postponed")), qPrintable(tip));
    QVERIFY2(tip.contains(QStringLiteral("Total: 100")), qPrintable(tip));
}

void tst_RolloutModels::haltReasonIsShownOnTheRolloutAndItsWave()
{
    RolloutListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setRollouts({makeRollout(3, QStringLiteral("Halted one"), RolloutState::Halted),
                       makeRollout(2, QStringLiteral("Running one"), RolloutState::Running)});
    const QString reason = QStringLiteral("12 of 52 results failed (23%), above 5%");
    QCOMPARE(model.index(0, RolloutListModel::HaltReasonColumn).data().toString(), reason);
    QCOMPARE(model.index(1, RolloutListModel::HaltReasonColumn).data().toString(), QString());
    const QModelIndex halted = model.index(0, 0);
    QCOMPARE(model.index(1, RolloutListModel::HaltReasonColumn, halted).data().toString(), reason);
    QCOMPARE(model.index(0, RolloutListModel::HaltReasonColumn, halted).data().toString(),
             QString());
    // The state carries a mark, not only a colour.
    QVERIFY(model.index(0, RolloutListModel::StateColumn)
                .data()
                .toString()
                .startsWith(QStringLiteral("\u26A0")));
    QVERIFY(model.index(0, RolloutListModel::StateColumn).data(Qt::ForegroundRole).isValid());
}

void tst_RolloutModels::countsChangeInPlace()
{
    RolloutListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QList<RolloutSummary> list{makeRollout(2, QStringLiteral("B"), RolloutState::Running),
                               makeRollout(1, QStringLiteral("A"), RolloutState::Running)};
    model.setRollouts(list);
    const QPersistentModelIndex selected(model.index(1, RolloutListModel::NameColumn));
    const QPersistentModelIndex wave(model.index(1, 0, model.index(1, 0)));

    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    list[1].waves[1].succeeded += 5;
    list[1].waves[1].pending -= 5;
    model.setRollouts(list);

    QCOMPARE(reset.size(), 0);
    QCOMPARE(removed.size(), 0);
    QCOMPARE(inserted.size(), 0);
    QVERIFY(!changed.isEmpty());
    QVERIFY(selected.isValid());
    QCOMPARE(selected.data().toString(), QStringLiteral("A"));
    QVERIFY(wave.isValid());
    QCOMPARE(wave.data(RolloutListModel::ProgressRole).value<RolloutFormat::Counts>().succeeded,
             45);
}

void tst_RolloutModels::newRolloutIsInsertedAboveTheSelection()
{
    RolloutListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QList<RolloutSummary> list{makeRollout(2, QStringLiteral("B"), RolloutState::Running),
                               makeRollout(1, QStringLiteral("A"), RolloutState::Completed)};
    model.setRollouts(list);
    const QPersistentModelIndex selected(model.index(0, 0));
    const QPersistentModelIndex wave(model.index(2, 0, model.index(0, 0)));

    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    list.prepend(makeRollout(3, QStringLiteral("C"), RolloutState::Draft));
    model.setRollouts(list);

    QCOMPARE(reset.size(), 0);
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(inserted.at(0).at(0).value<QModelIndex>(), QModelIndex());
    QCOMPARE(inserted.at(0).at(1).toInt(), 0);
    QCOMPARE(inserted.at(0).at(2).toInt(), 0);
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.index(0, 0).data().toString(), QStringLiteral("C"));
    QCOMPARE(model.rowCount(model.index(0, 0)), 4);
    QCOMPARE(selected.row(), 1);
    QCOMPARE(selected.data().toString(), QStringLiteral("B"));
    QVERIFY(wave.isValid());
    QCOMPARE(wave.parent(), model.index(1, 0));
    QCOMPARE(wave.data(RolloutListModel::WaveNumberRole).toInt(), 3);
}

void tst_RolloutModels::removedRolloutLeavesTheOthers()
{
    RolloutListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QList<RolloutSummary> list{makeRollout(3, QStringLiteral("C"), RolloutState::Draft),
                               makeRollout(2, QStringLiteral("B"), RolloutState::Running),
                               makeRollout(1, QStringLiteral("A"), RolloutState::Completed)};
    model.setRollouts(list);
    const QPersistentModelIndex a(model.index(2, 0));
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    list.removeAt(1);
    model.setRollouts(list);
    QCOMPARE(reset.size(), 0);
    QCOMPARE(removed.size(), 1);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(a.row(), 1);
    QCOMPARE(a.data().toString(), QStringLiteral("A"));
    QCOMPARE(model.rowOf(2), -1);
    QVERIFY(!model.indexOf(2).isValid());
    QVERIFY(model.rollout(2) == nullptr);

    model.setRollouts({});
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(!a.isValid());
}

void tst_RolloutModels::wavesAddedLater()
{
    RolloutListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    RolloutSummary draft = makeRollout(4, QStringLiteral("Draft"), RolloutState::Draft);
    const QList<WaveProgress> waves = draft.waves;
    draft.waves.clear();
    model.setRollouts({draft});
    QCOMPARE(model.rowCount(model.index(0, 0)), 0);
    // Without waves, the targets are all pending.
    QCOMPARE(model.index(0, RolloutListModel::ProgressColumn)
                 .data(RolloutListModel::ProgressRole)
                 .value<RolloutFormat::Counts>()
                 .pending,
             1000);

    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    draft.waves = waves;
    model.setRollouts({draft});
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(inserted.at(0).at(0).value<QModelIndex>(), model.index(0, 0));
    QCOMPARE(model.rowCount(model.index(0, 0)), 4);

    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    draft.waves.removeLast();
    model.setRollouts({draft});
    QCOMPARE(removed.size(), 1);
    QCOMPARE(model.rowCount(model.index(0, 0)), 3);
}

void tst_RolloutModels::reorderedListResets()
{
    RolloutListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const RolloutSummary a = makeRollout(1, QStringLiteral("A"), RolloutState::Running);
    const RolloutSummary b = makeRollout(2, QStringLiteral("B"), RolloutState::Running);
    model.setRollouts({b, a});
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.setRollouts({a, b});
    QCOMPARE(reset.size(), 1);
    QCOMPARE(model.index(0, 0).data().toString(), QStringLiteral("A"));
    QCOMPARE(model.rowOf(2), 1);
}

void tst_RolloutModels::waveWithoutASizeIsNamedByNumber()
{
    RolloutListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    RolloutSummary s = makeRollout(1, QStringLiteral("A"), RolloutState::Running);
    s.waves[0].plan.percent = 0; // a backend that reports the thresholds only
    s.waves[3].plan.size = WavePlan::Size::Rest;
    model.setRollouts({s});
    const QModelIndex rollout = model.index(0, 0);
    QCOMPARE(model.index(0, 0, rollout).data().toString(), QStringLiteral("Wave 1"));
    QCOMPARE(model.index(3, 0, rollout).data().toString(),
             QStringLiteral("Wave 4 \u00b7 The rest"));
}

void tst_RolloutModels::previewModelHasAColumnPerWave()
{
    RolloutPreviewModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 0);

    RolloutPreview preview;
    preview.targeted = 1500;
    preview.waveSizes = {15, 150, 750, 585};
    preview.models = {
        {11,
         QStringLiteral("Aurora Mobile"),
         QStringLiteral("Aurora A5"),
         1000,
         {10, 100, 500, 390}},
        {12, QStringLiteral("Aurora Mobile"), QStringLiteral("Aurora A3"), 500, {5, 50, 250, 195}}};
    model.setPreview(preview);
    QCOMPARE(model.waveCount(), 4);
    QCOMPARE(model.columnCount(), 2 + 4);
    QCOMPARE(model.rowCount(), 3); // two models and the total
    QCOMPARE(model.headerData(RolloutPreviewModel::waveColumn(3), Qt::Horizontal).toString(),
             QStringLiteral("Wave 3"));
    QCOMPARE(model.index(0, RolloutPreviewModel::ModelColumn).data().toString(),
             QStringLiteral("Aurora A5"));
    QCOMPARE(model.index(0, RolloutPreviewModel::DevicesColumn).data().toString(),
             QStringLiteral("1,000"));
    QCOMPARE(model.index(1, RolloutPreviewModel::waveColumn(4)).data().toString(),
             QStringLiteral("195"));
    QCOMPARE(model.index(1, 0).data(RolloutPreviewModel::ModelIdRole).toInt(), 12);
    const int total = 2;
    QVERIFY(model.index(total, 0).data(RolloutPreviewModel::TotalRowRole).toBool());
    QCOMPARE(model.index(total, RolloutPreviewModel::DevicesColumn).data().toString(),
             QStringLiteral("1,500"));
    QCOMPARE(model.index(total, RolloutPreviewModel::waveColumn(3))
                 .data(RolloutPreviewModel::SortRole)
                 .toInt(),
             750);

    // Fewer waves: one reset, fewer columns.
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    preview.waveSizes = {1500};
    preview.models[0].perWave = {1000};
    preview.models[1].perWave = {500};
    model.setPreview(preview);
    QCOMPARE(reset.size(), 1);
    QCOMPARE(model.columnCount(), 3);
    model.clear();
    QCOMPARE(model.rowCount(), 0);
}

void tst_RolloutModels::progressTextNamesEveryPart_data()
{
    QTest::addColumn<int>("succeeded");
    QTest::addColumn<int>("failed");
    QTest::addColumn<int>("inProgress");
    QTest::addColumn<int>("pending");
    QTest::addColumn<QString>("text");
    QTest::newRow("nothing yet") << 0 << 0 << 0 << 1200
                                 << QStringLiteral("\u2713 0 \u00b7 \u25CB 1,200");
    QTest::newRow("underway") << 10 << 1 << 5 << 84
                              << QStringLiteral(
                                     "\u2713 10 \u00b7 \u2717 1 \u00b7 \u25D0 5 \u00b7 \u25CB 84");
    QTest::newRow("done") << 99 << 1 << 0 << 0
                          << QStringLiteral("\u2713 99 \u00b7 \u2717 1 \u00b7 \u25CB 0");
}

void tst_RolloutModels::progressTextNamesEveryPart()
{
    QFETCH(int, succeeded);
    QFETCH(int, failed);
    QFETCH(int, inProgress);
    QFETCH(int, pending);
    QFETCH(QString, text);
    RolloutFormat::Counts counts;
    counts.succeeded = succeeded;
    counts.failed = failed;
    counts.inProgress = inProgress;
    counts.pending = pending;
    QCOMPARE(RolloutFormat::progressText(counts), text);
}

QTEST_MAIN(tst_RolloutModels)
#include "tst_rolloutmodels.moc"
