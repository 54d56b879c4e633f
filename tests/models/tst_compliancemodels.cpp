// SPDX-License-Identifier: Apache-2.0
// The Compliance page's models: support status counts, patch-age bins, models ranked by devices.
#include "modelcompliancemodel.h"
#include "patchagemodel.h"
#include "supportstatusmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace Patchboard;

namespace {

ComplianceSummary makeSummary()
{
    ComplianceSummary s;
    s.referenceDate = QDate(2025, 11, 5);
    s.devices = 2000;
    s.bySupportStatus[int(SupportStatus::Supported)] = 1500;
    s.bySupportStatus[int(SupportStatus::EndingSoon)] = 300;
    s.bySupportStatus[int(SupportStatus::Ended)] = 200;
    s.patchAge = defaultPatchAgeBins();
    const int perBin[] = {700, 400, 300, 250, 200, 100, 50};
    for (int i = 0; i < s.patchAge.size(); ++i)
        s.patchAge[i].devices = perBin[i];
    ModelCompliance a{7,
                      QStringLiteral("Aurora Mobile"),
                      QStringLiteral("Aurora A5"),
                      QDate(2025, 1, 31),
                      SupportStatus::Ended,
                      1200,
                      300};
    ModelCompliance b{3,
                      QStringLiteral("Borealis"),
                      QStringLiteral("Borealis Two"),
                      QDate(2027, 5, 31),
                      SupportStatus::Supported,
                      800,
                      100};
    s.models = {a, b};
    return s;
}

} // namespace

class tst_ComplianceModels : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }
    void cleanup() { QLocale::setDefault(QLocale::c()); }
    void supportStatusCounts();
    void patchAgeBins_data();
    void patchAgeBins();
    void modelsKeepTheirRanking();
    void newSummaryReplacesInOneReset();
};

void tst_ComplianceModels::supportStatusCounts()
{
    SupportStatusModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 0); // nothing counted yet: no zero bars
    model.setSummary(makeSummary());
    QCOMPARE(model.rowCount(), SupportStatusCount);
    const QModelIndex ended = model.index(int(SupportStatus::Ended), 0);
    QCOMPARE(ended.data().toString(), supportStatusName(SupportStatus::Ended));
    QCOMPARE(ended.siblingAtColumn(SupportStatusModel::DevicesColumn).data().toString(),
             QStringLiteral("200"));
    QCOMPARE(model.index(0, SupportStatusModel::DevicesColumn).data().toString(),
             QStringLiteral("1,500"));
    QCOMPARE(ended.siblingAtColumn(SupportStatusModel::ShareColumn).data().toString(),
             QStringLiteral("10.0%"));
    QCOMPARE(ended.data(SupportStatusModel::StatusRole).toInt(), int(SupportStatus::Ended));
    QVERIFY(ended.data(Qt::ToolTipRole).toString().contains(QStringLiteral("SSU-SEC-0040")));
    QCOMPARE(model.share(SupportStatus::EndingSoon), 0.15);
}

void tst_ComplianceModels::patchAgeBins_data()
{
    QTest::addColumn<int>("row");
    QTest::addColumn<QString>("label");
    QTest::addColumn<int>("minDays");
    QTest::addColumn<int>("maxDays");
    QTest::addColumn<bool>("outOfDate");
    QTest::newRow("first") << 0 << QStringLiteral("0\u201330") << 0 << 30 << false;
    QTest::newRow("at the limit") << 2 << QStringLiteral("61\u201390") << 61 << 90 << false;
    QTest::newRow("past the limit") << 3 << QStringLiteral("91\u2013180") << 91 << 180 << true;
    QTest::newRow("open ended") << 6 << QStringLiteral("731+") << 731 << -1 << true;
}

void tst_ComplianceModels::patchAgeBins()
{
    QFETCH(int, row);
    QFETCH(QString, label);
    QFETCH(int, minDays);
    QFETCH(int, maxDays);
    QFETCH(bool, outOfDate);
    PatchAgeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setSummary(makeSummary());
    QCOMPARE(model.rowCount(), 7);
    const QModelIndex index = model.index(row, PatchAgeModel::RangeColumn);
    QCOMPARE(index.data().toString(), label);
    QCOMPARE(index.data(PatchAgeModel::MinDaysRole).toInt(), minDays);
    QCOMPARE(index.data(PatchAgeModel::MaxDaysRole).toInt(), maxDays);
    QCOMPARE(index.data(PatchAgeModel::OutOfDateRole).toBool(), outOfDate);
    // Out of date is said in words too, not only in the warning colour.
    QCOMPARE(index.data(Qt::ToolTipRole).toString().isEmpty(), !outOfDate);
    QCOMPARE(index.siblingAtColumn(PatchAgeModel::DevicesColumn).data(Qt::ForegroundRole).isValid(),
             outOfDate);
}

void tst_ComplianceModels::modelsKeepTheirRanking()
{
    ModelComplianceModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setSummary(makeSummary());
    QCOMPARE(model.rowCount(), 2);
    // SSU-SEC-0021: the most popular model first.
    QCOMPARE(model.index(0, ModelComplianceModel::RankColumn).data().toString(),
             QStringLiteral("1"));
    QCOMPARE(model.index(0, ModelComplianceModel::ModelColumn).data().toString(),
             QStringLiteral("Aurora A5"));
    QCOMPARE(model.index(0, ModelComplianceModel::DevicesColumn).data().toString(),
             QStringLiteral("1,200"));
    QCOMPARE(model.index(0, ModelComplianceModel::OutOfDateShareColumn).data().toString(),
             QStringLiteral("25.0%"));
    QCOMPARE(model.index(0, ModelComplianceModel::OutOfDateShareColumn)
                 .data(ModelComplianceModel::SortRole)
                 .toDouble(),
             0.25);
    QCOMPARE(model.index(1, 0).data(ModelComplianceModel::ModelIdRole).toInt(), 3);
    const QModelIndex support = model.index(0, ModelComplianceModel::SupportStatusColumn);
    QVERIFY(support.data().toString().contains(supportStatusName(SupportStatus::Ended)));
    QVERIFY(support.data(Qt::ForegroundRole).isValid());
    QVERIFY(!model.index(1, ModelComplianceModel::SupportStatusColumn)
                 .data(Qt::ForegroundRole)
                 .isValid());
    QCOMPARE(model.index(1, ModelComplianceModel::SupportEndColumn)
                 .data(ModelComplianceModel::SortRole)
                 .toDate(),
             QDate(2027, 5, 31));
}

void tst_ComplianceModels::newSummaryReplacesInOneReset()
{
    SupportStatusModel status;
    PatchAgeModel age;
    ModelComplianceModel ranking;
    QAbstractItemModelTester t1(&status, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester t2(&age, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester t3(&ranking, QAbstractItemModelTester::FailureReportingMode::QtTest);
    status.setSummary(makeSummary());
    age.setSummary(makeSummary());
    ranking.setSummary(makeSummary());

    ComplianceSummary next = makeSummary();
    next.models.removeLast();
    next.patchAge.removeLast();
    next.bySupportStatus[int(SupportStatus::Ended)] = 0;
    QSignalSpy r1(&status, &QAbstractItemModel::modelReset);
    QSignalSpy r2(&age, &QAbstractItemModel::modelReset);
    QSignalSpy r3(&ranking, &QAbstractItemModel::modelReset);
    status.setSummary(next);
    age.setSummary(next);
    ranking.setSummary(next);
    QCOMPARE(r1.size(), 1);
    QCOMPARE(r2.size(), 1);
    QCOMPARE(r3.size(), 1);
    QCOMPARE(ranking.rowCount(), 1);
    QCOMPARE(age.rowCount(), 6);
    QCOMPARE(status.devices(SupportStatus::Ended), 0);
}

QTEST_MAIN(tst_ComplianceModels)
#include "tst_compliancemodels.moc"
