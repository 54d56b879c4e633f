// SPDX-License-Identifier: Apache-2.0
// Compliance rules at their boundaries: patch age, support status (SSU-SEC-0030/0040).
#include "domain/compliance.h"
#include "domain/devicemodel.h"
#include "domain/patchlevel.h"

#include <QTest>

using namespace Patchboard;

class tst_Compliance : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void patchAge_data();
    void patchAge();
    void supportStatus_data();
    void supportStatus();
    void outOfDate();
    void patchLevelParsing_data();
    void patchLevelParsing();
    void supportEndOfModel();
    void patchAgeBinsSplitAtTheLimit_data();
    void patchAgeBinsSplitAtTheLimit();
};

void tst_Compliance::patchAge_data()
{
    QTest::addColumn<QDate>("level");
    QTest::addColumn<QDate>("today");
    QTest::addColumn<int>("age");
    QTest::newRow("same day") << QDate(2026, 11, 5) << QDate(2026, 11, 5) << 0;
    QTest::newRow("next day") << QDate(2026, 11, 5) << QDate(2026, 11, 6) << 1;
    QTest::newRow("leap year") << QDate(2024, 2, 1) << QDate(2024, 3, 1) << 29;
    QTest::newRow("a year") << QDate(2025, 11, 23) << QDate(2026, 11, 23) << 365;
    QTest::newRow("future level counts as 0") << QDate(2026, 12, 1) << QDate(2026, 11, 23) << 0;
}

void tst_Compliance::patchAge()
{
    QFETCH(QDate, level);
    QFETCH(QDate, today);
    QFETCH(int, age);
    QCOMPARE(Compliance::patchAgeDays(level, today), age);
}

void tst_Compliance::supportStatus_data()
{
    QTest::addColumn<QDate>("end");
    QTest::addColumn<QDate>("today");
    QTest::addColumn<int>("status");
    const QDate end(2026, 12, 31);
    QTest::newRow("91 days left: supported") << end << end.addDays(-91) << int(SupportStatus::Supported);
    QTest::newRow("90 days left: ends soon") << end << end.addDays(-90) << int(SupportStatus::EndingSoon);
    QTest::newRow("last day: ends soon") << end << end << int(SupportStatus::EndingSoon);
    QTest::newRow("day after: ended") << end << end.addDays(1) << int(SupportStatus::Ended);
    QTest::newRow("years after: ended") << end << QDate(2030, 1, 1) << int(SupportStatus::Ended);
}

void tst_Compliance::supportStatus()
{
    QFETCH(QDate, end);
    QFETCH(QDate, today);
    QFETCH(int, status);
    QCOMPARE(int(Compliance::supportStatus(end, today, 90)), status);
}

void tst_Compliance::outOfDate()
{
    const QDate today(2026, 11, 23);
    QVERIFY(!Compliance::isOutOfDate(today.addDays(-90), today, 90));
    QVERIFY(Compliance::isOutOfDate(today.addDays(-91), today, 90));
}

void tst_Compliance::patchLevelParsing_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<bool>("bulletin");
    QTest::newRow("-01") << QStringLiteral("2024-03-01") << true << true;
    QTest::newRow("-05") << QStringLiteral("2024-03-05") << true << true;
    QTest::newRow("other day") << QStringLiteral("2024-03-17") << true << false;
    QTest::newRow("no leading zeros") << QStringLiteral("2024-3-5") << false << false;
    QTest::newRow("no dashes") << QStringLiteral("20240305") << false << false;
    QTest::newRow("impossible date") << QStringLiteral("2023-02-29") << false << false;
    QTest::newRow("text") << QStringLiteral("March 2024") << false << false;
}

void tst_Compliance::patchLevelParsing()
{
    QFETCH(QString, text);
    QFETCH(bool, valid);
    QFETCH(bool, bulletin);
    const PatchLevel level = PatchLevel::fromString(text);
    QCOMPARE(level.isValid(), valid);
    QCOMPARE(level.isBulletinLevel(), bulletin);
    if (valid)
        QCOMPARE(level.toString(), text);
}

void tst_Compliance::supportEndOfModel()
{
    DeviceModel model;
    model.launchDate = QDate(2023, 3, 1);
    model.supportMonths = 36;
    QCOMPARE(model.supportEnd(), QDate(2026, 2, 28));
    QVERIFY(model.meetsMinimumSupport());
    model.supportMonths = 30;
    QVERIFY(!model.meetsMinimumSupport());
}

// The configured out-of-date limit (Settings) is a bin edge: no bin mixes current and late ages.
void tst_Compliance::patchAgeBinsSplitAtTheLimit_data()
{
    QTest::addColumn<int>("limit");
    QTest::addColumn<QString>("bins");
    QTest::newRow("default 90: an edge already")
        << 90 << QStringLiteral("0-30 31-60 61-90 91-180 181-365 366-730 731-");
    QTest::newRow("75 splits 61-90")
        << 75 << QStringLiteral("0-30 31-60 61-75 76-90 91-180 181-365 366-730 731-");
    QTest::newRow("1 splits the first bin")
        << 1 << QStringLiteral("0-1 2-30 31-60 61-90 91-180 181-365 366-730 731-");
    QTest::newRow("1000 splits the open bin")
        << 1000 << QStringLiteral("0-30 31-60 61-90 91-180 181-365 366-730 731-1000 1001-");
}

void tst_Compliance::patchAgeBinsSplitAtTheLimit()
{
    QFETCH(int, limit);
    QFETCH(QString, bins);
    CompliancePolicy policy;
    policy.outOfDateDays = limit;
    QStringList edges;
    const QList<PatchAgeBin> made = patchAgeBins(policy);
    for (const PatchAgeBin &bin : made)
        edges.append(bin.maxDays < 0 ? QStringLiteral("%1-").arg(bin.minDays)
                                     : QStringLiteral("%1-%2").arg(bin.minDays).arg(bin.maxDays));
    QCOMPARE(edges.join(QLatin1Char(' ')), bins);
}

QTEST_GUILESS_MAIN(tst_Compliance)
#include "tst_compliance.moc"
