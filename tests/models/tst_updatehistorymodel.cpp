// SPDX-License-Identifier: Apache-2.0
// UpdateHistoryModel: a device's update events as the detail panel lists them.
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
    e.wave = 2;
    e.phase = phase;
    e.outcome = outcome;
    e.reason = outcome == QStringLiteral("failed") ? QStringLiteral("Signature check failed")
                                                   : QString();
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
             QStringLiteral("verify"));
    QCOMPARE(model.index(0, UpdateHistoryModel::ReasonColumn).data().toString(),
             QStringLiteral("Signature check failed"));
    QCOMPARE(model.index(0, UpdateHistoryModel::TimeColumn).data(UpdateHistoryModel::SortRole),
             QVariant(t2));
    // Shown in the operator's local time and locale.
    QCOMPARE(model.index(0, UpdateHistoryModel::TimeColumn).data().toString(),
             QLocale(QLocale::English, QLocale::UnitedStates)
                 .toString(t2.toLocalTime(), QLocale::ShortFormat));
    // A rollout number is an identifier: no group separator.
    QCOMPARE(model.index(1, UpdateHistoryModel::RolloutColumn).data().toString(),
             QStringLiteral("1234"));
    QCOMPARE(model.index(1, 0).data(UpdateHistoryModel::EventIdRole).toLongLong(), 1);
    QCOMPARE(model.headerData(UpdateHistoryModel::ToVersionColumn, Qt::Horizontal).toString(),
             QStringLiteral("To"));
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
