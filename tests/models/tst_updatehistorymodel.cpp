// SPDX-License-Identifier: Apache-2.0
// UpdateHistoryModel: a device's update events as the detail panel lists them: the rollout by
// name, the wave, and the stored codes of phase, outcome and reason translated for display.
#include "domain/updateoutcome.h"
#include "updatehistorymodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace Patchboard;

namespace {

UpdateEvent makeEvent(qint64 id, const QString &phase, const QString &outcome,
                      const QDateTime &time)
{
    UpdateEvent e;
    e.id = id;
    e.deviceId = 42;
    e.rolloutId = 1234;
    e.rolloutName = QStringLiteral("November security update");
    e.wave = 2;
    e.phase = phase;
    e.outcome = outcome;
    e.reason
        = outcome == QStringLiteral("failed") ? QStringLiteral("signature-refused") : QString();
    e.fromVersion = QStringLiteral("9.4");
    e.toVersion = QStringLiteral("10.0");
    e.time = time;
    return e;
}

} // namespace

class tst_UpdateHistoryModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void showsEventsNewestFirst();
    void translatesStoredCodes();
    void eventsOutsideARollout();
    void clearEmptiesInOneReset();
};

void tst_UpdateHistoryModel::showsEventsNewestFirst()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    UpdateHistoryModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 0);
    const QDateTime t1(QDate(2025, 10, 1), QTime(9, 0), Qt::UTC);
    const QDateTime t2 = t1.addSecs(600);
    model.setEvents({makeEvent(2, QStringLiteral("verify"), QStringLiteral("failed"), t2),
                     makeEvent(1, QStringLiteral("download"), QStringLiteral("ok"), t1)});
    QLocale::setDefault(QLocale::c());

    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.columnCount(), int(UpdateHistoryModel::ColumnCount));
    QCOMPARE(model.index(0, UpdateHistoryModel::PhaseColumn).data().toString(),
             updatePhaseDisplayName(UpdatePhase::Verify));
    QCOMPARE(model.index(0, UpdateHistoryModel::ReasonColumn).data().toString(),
             failureReasonDisplayName(FailureReason::SignatureRefused));
    QCOMPARE(model.index(0, UpdateHistoryModel::TimeColumn).data(UpdateHistoryModel::SortRole),
             QVariant(t2));
    // Shown in the operator's local time and locale.
    QCOMPARE(model.index(0, UpdateHistoryModel::TimeColumn).data().toString(),
             QLocale(QLocale::English, QLocale::UnitedStates)
                 .toString(t2.toLocalTime(), QLocale::ShortFormat));
    // The rollout by its name, its number (an identifier: no group separator) in the tooltip.
    QCOMPARE(model.index(1, UpdateHistoryModel::RolloutColumn).data().toString(),
             QStringLiteral("November security update"));
    QCOMPARE(model.index(1, UpdateHistoryModel::RolloutColumn).data(Qt::ToolTipRole).toString(),
             QStringLiteral("Rollout 1234"));
    QCOMPARE(model.index(1, UpdateHistoryModel::WaveColumn).data().toString(), QStringLiteral("2"));
    QCOMPARE(model.index(1, 0).data(UpdateHistoryModel::EventIdRole).toLongLong(), 1);
    QCOMPARE(model.headerData(UpdateHistoryModel::ToVersionColumn, Qt::Horizontal).toString(),
             QStringLiteral("To"));
}

void tst_UpdateHistoryModel::translatesStoredCodes()
{
    UpdateHistoryModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const QDateTime t(QDate(2025, 11, 12), QTime(2, 0), Qt::UTC);
    UpdateEvent rolledBack
        = makeEvent(3, QStringLiteral("reboot"), QStringLiteral("rolled-back"), t);
    rolledBack.reason = QStringLiteral("boot-failed");
    UpdateEvent unknown = makeEvent(4, QStringLiteral("teleport"), QStringLiteral("maybe"), t);
    unknown.reason = QStringLiteral("solar-flare");
    model.setEvents({rolledBack, unknown});

    QCOMPARE(model.index(0, UpdateHistoryModel::PhaseColumn).data().toString(),
             updatePhaseDisplayName(UpdatePhase::Reboot));
    QCOMPARE(model.index(0, UpdateHistoryModel::OutcomeColumn).data().toString(),
             updateOutcomeDisplayName(UpdateOutcome::RolledBack));
    QCOMPARE(model.index(0, UpdateHistoryModel::ReasonColumn).data().toString(),
             failureReasonDisplayName(FailureReason::BootFailed));
    QVERIFY(model.index(0, UpdateHistoryModel::ReasonColumn).data().toString()
            != QStringLiteral("boot-failed"));
    // A failure is written out and coloured; the sort value stays the stored code.
    QVERIFY(model.index(0, UpdateHistoryModel::OutcomeColumn).data(Qt::ForegroundRole).isValid());
    QCOMPARE(model.index(0, UpdateHistoryModel::OutcomeColumn)
                 .data(UpdateHistoryModel::SortRole)
                 .toString(),
             QStringLiteral("rolled-back"));
    // A code this version does not know is shown as it is.
    QCOMPARE(model.index(1, UpdateHistoryModel::PhaseColumn).data().toString(),
             QStringLiteral("teleport"));
    QCOMPARE(model.index(1, UpdateHistoryModel::OutcomeColumn).data().toString(),
             QStringLiteral("maybe"));
    QCOMPARE(model.index(1, UpdateHistoryModel::ReasonColumn).data().toString(),
             QStringLiteral("solar-flare"));
}

void tst_UpdateHistoryModel::eventsOutsideARollout()
{
    UpdateHistoryModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    UpdateEvent manual = makeEvent(5, QStringLiteral("install"), QStringLiteral("succeeded"),
                                   QDateTime::currentDateTimeUtc());
    manual.rolloutId = 0;
    manual.rolloutName.clear();
    manual.wave = 0;
    UpdateEvent unnamed = manual;
    unnamed.id = 6;
    unnamed.rolloutId = 77;
    unnamed.wave = 1;
    model.setEvents({manual, unnamed});
    QCOMPARE(model.index(0, UpdateHistoryModel::RolloutColumn).data().toString(), QString());
    QCOMPARE(model.index(0, UpdateHistoryModel::WaveColumn).data().toString(), QString());
    QCOMPARE(model.index(1, UpdateHistoryModel::RolloutColumn).data().toString(),
             QStringLiteral("Rollout 77"));
}

void tst_UpdateHistoryModel::clearEmptiesInOneReset()
{
    UpdateHistoryModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setEvents({makeEvent(1, QStringLiteral("install"), QStringLiteral("ok"),
                               QDateTime::currentDateTimeUtc())});
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.clear();
    QCOMPARE(reset.size(), 1);
    QCOMPARE(model.rowCount(), 0);
}

QTEST_MAIN(tst_UpdateHistoryModel)
#include "tst_updatehistorymodel.moc"
