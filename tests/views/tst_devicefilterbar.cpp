// SPDX-License-Identifier: Apache-2.0
// DeviceFilterBar: what the operator types and picks becomes one combined DeviceFilter; bad
// input is refused with a message and never sent.
#include "devicefilterbar.h"
#include "patchlevelfilteredit.h"

#include <QComboBox>
#include <QDateEdit>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>

using namespace Patchboard;

namespace {

FleetCatalog makeCatalog()
{
    FleetCatalog c;
    c.manufacturers = {{1, QStringLiteral("Borealis")}, {2, QStringLiteral("Aurora Mobile")}};
    DeviceModel a5{
        11, 2, QStringLiteral("Aurora Mobile"), QStringLiteral("Aurora A5"), QDate(2021, 2, 1),
        48, {}};
    DeviceModel a7{
        12, 2, QStringLiteral("Aurora Mobile"), QStringLiteral("Aurora A7"), QDate(2023, 3, 1),
        60, {}};
    DeviceModel one{
        21, 1, QStringLiteral("Borealis"), QStringLiteral("Borealis One"), QDate(2020, 5, 1),
        36, {}};
    c.models = {one, a7, a5};
    c.regions
        = {{5, QStringLiteral("DE"), QStringLiteral("Germany"), QStringLiteral("Europe/Berlin")},
           {6, QStringLiteral("KE"), QStringLiteral("Kenya"), QStringLiteral("Africa/Nairobi")}};
    c.deviceCount = 1000;
    return c;
}

QStringList items(const QComboBox *box)
{
    QStringList texts;
    for (int i = 0; i < box->count(); ++i)
        texts.append(box->itemText(i));
    return texts;
}

// Types a YYYY-MM-DD date section by section, as an operator does after clicking into the
// year, and confirms it with Enter.
void typeDate(QDateEdit *edit, const QString &text)
{
    edit->setFocus();
    const QStringList parts = text.split(QLatin1Char('-'));
    const QDateTimeEdit::Section sections[]
        = {QDateTimeEdit::YearSection, QDateTimeEdit::MonthSection, QDateTimeEdit::DaySection};
    for (int i = 0; i < 3; ++i) {
        edit->setSelectedSection(sections[i]);
        QTest::keyClicks(edit, parts.at(i));
    }
    QTest::keyClick(edit, Qt::Key_Return);
}

} // namespace

class tst_DeviceFilterBar : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void searchWaitsForAPauseInTyping();
    void searchTextIsSentLiterally_data();
    void searchTextIsSentLiterally();
    void outOfRangeDateIsRefused_data();
    void outOfRangeDateIsRefused();
    void olderThanSetsTheNextDay();
    void filtersCombine();
    void manufacturerLimitsTheModels();
    void drillDownIsShownAndSent();
    void clearFiltersSendsTheEmptyFilter();
};

void tst_DeviceFilterBar::searchWaitsForAPauseInTyping()
{
    DeviceFilterBar bar;
    bar.show();
    QVERIFY(QTest::qWaitForWindowExposed(&bar));
    QSignalSpy changed(&bar, &DeviceFilterBar::filterChanged);
    QTest::keyClicks(bar.searchEdit(), QStringLiteral("3529"));
    QTest::qWait(DeviceFilterBar::SearchDelayMs * 2 / 3);
    QTest::keyClicks(bar.searchEdit(), QStringLiteral("11"));
    // Still typing: the pause restarted with the last keystroke, nothing was sent.
    QTest::qWait(DeviceFilterBar::SearchDelayMs * 2 / 3);
    QCOMPARE(changed.size(), 0);
    QTRY_COMPARE(changed.size(), 1);
    QCOMPARE(changed.first().first().value<DeviceFilter>().deviceIdPrefix,
             QStringLiteral("352911"));
    QTest::qWait(DeviceFilterBar::SearchDelayMs * 2);
    QCOMPARE(changed.size(), 1); // one query for the whole word
}

void tst_DeviceFilterBar::searchTextIsSentLiterally_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("percent and underscore") << QStringLiteral("35%_1");
    QTest::newRow("quotes") << QStringLiteral("35'\"");
    QTest::newRow("sql") << QStringLiteral("1' OR '1'='1");
}

void tst_DeviceFilterBar::searchTextIsSentLiterally()
{
    QFETCH(QString, text);
    DeviceFilterBar bar;
    QSignalSpy changed(&bar, &DeviceFilterBar::filterChanged);
    QTest::keyClicks(bar.searchEdit(), text);
    QTest::keyClick(bar.searchEdit(), Qt::Key_Return); // Enter sends at once
    QCOMPARE(changed.size(), 1);
    QCOMPARE(bar.filter().deviceIdPrefix, text);
    QVERIFY(bar.problem().isEmpty());
}

void tst_DeviceFilterBar::outOfRangeDateIsRefused_data()
{
    QTest::addColumn<int>("mode");
    QTest::addColumn<QString>("typed");
    QTest::newRow("before, too early")
        << int(PatchLevelFilterEdit::BeforeMode) << QStringLiteral("1999-12-31");
    QTest::newRow("after, too late")
        << int(PatchLevelFilterEdit::AfterMode) << QStringLiteral("2101-01-01");
}

void tst_DeviceFilterBar::outOfRangeDateIsRefused()
{
    QFETCH(int, mode);
    QFETCH(QString, typed);
    DeviceFilterBar bar;
    bar.show();
    QVERIFY(QTest::qWaitForWindowExposed(&bar));
    PatchLevelFilterEdit *edit = bar.patchLevelEdit();
    edit->setMode(PatchLevelFilterEdit::Mode(mode));
    const DeviceFilter accepted = bar.filter(); // the default date three months back
    QVERIFY(accepted.patchLevelBefore.isValid() || accepted.patchLevelAfter.isValid());
    QSignalSpy changed(&bar, &DeviceFilterBar::filterChanged);

    typeDate(edit->dateEdit(), typed);
    QCOMPARE(edit->dateEdit()->date(), QDate::fromString(typed, Qt::ISODate));
    // Refused, visibly, and nothing sent: the query keeps the last accepted filter.
    QVERIFY(bar.messageLabel()->isVisible());
    QVERIFY2(bar.problem().contains(FilterValidation::earliestDate().toString(Qt::ISODate))
                 || bar.problem().contains(
                     QLocale().toString(FilterValidation::earliestDate(), QLocale::ShortFormat)),
             qPrintable(bar.problem()));
    QTest::qWait(DeviceFilterBar::SearchDelayMs + 50);
    QCOMPARE(changed.size(), 0);
    QCOMPARE(bar.filter(), accepted);

    typeDate(edit->dateEdit(), QStringLiteral("2024-06-05"));
    QVERIFY(!bar.messageLabel()->isVisible());
    QCOMPARE(changed.size(), 1);
    const QDate sent = mode == PatchLevelFilterEdit::BeforeMode ? bar.filter().patchLevelBefore
                                                                : bar.filter().patchLevelAfter;
    QCOMPARE(sent, QDate(2024, 6, 5));
}

void tst_DeviceFilterBar::olderThanSetsTheNextDay()
{
    DeviceFilterBar bar;
    bar.patchLevelEdit()->setMode(PatchLevelFilterEdit::OlderThanMode);
    bar.patchLevelEdit()->minDaysBox()->setValue(180);
    // "Older than 180 days" is a patch age of at least 181.
    QCOMPARE(bar.filter().patchAgeMin, std::optional<int>(181));
    QVERIFY(!bar.filter().patchAgeMax);
}

void tst_DeviceFilterBar::filtersCombine()
{
    DeviceFilterBar bar;
    bar.setCatalog(makeCatalog());
    QSignalSpy changed(&bar, &DeviceFilterBar::filterChanged);
    bar.supportBox()->setCurrentIndex(bar.supportBox()->findData(1 << int(SupportStatus::Ended)));
    bar.regionBox()->setCurrentIndex(bar.regionBox()->findText(QStringLiteral("Kenya")));
    bar.updateStateBox()->setCurrentIndex(bar.updateStateBox()->findData(int(UpdateState::Failed)));
    bar.exceptionBox()->setCurrentIndex(bar.exceptionBox()->findData(int(ExceptionFilter::Rooted)));
    QCOMPARE(changed.size(), 4); // each choice applies at once, no typing pause
    const DeviceFilter f = bar.filter();
    QCOMPARE(f.supportStatuses, QList<SupportStatus>{SupportStatus::Ended});
    QCOMPARE(f.regionId, 6);
    QCOMPARE(f.updateState, std::optional<UpdateState>(UpdateState::Failed));
    QCOMPARE(f.exceptions, ExceptionFilter::Rooted);
    QVERIFY(bar.clearButton()->isEnabled());
}

void tst_DeviceFilterBar::manufacturerLimitsTheModels()
{
    DeviceFilterBar bar;
    bar.setCatalog(makeCatalog());
    // Without a manufacturer every model is offered, named with its maker, in order.
    QCOMPARE(items(bar.modelBox()),
             QStringList({QStringLiteral("All models"), QStringLiteral("Aurora Mobile Aurora A5"),
                          QStringLiteral("Aurora Mobile Aurora A7"),
                          QStringLiteral("Borealis Borealis One")}));
    bar.modelBox()->setCurrentIndex(3); // Borealis One
    QCOMPARE(bar.filter().modelId, 21);

    bar.manufacturerBox()->setCurrentIndex(
        bar.manufacturerBox()->findText(QStringLiteral("Aurora Mobile")));
    QCOMPARE(items(bar.modelBox()),
             QStringList({QStringLiteral("All models"), QStringLiteral("Aurora A5"),
                          QStringLiteral("Aurora A7")}));
    // The Borealis model is not Aurora's: the filter does not keep an impossible combination.
    QCOMPARE(bar.filter().manufacturerId, 2);
    QCOMPARE(bar.filter().modelId, 0);
}

void tst_DeviceFilterBar::drillDownIsShownAndSent()
{
    DeviceFilterBar bar;
    bar.setCatalog(makeCatalog());
    QSignalSpy changed(&bar, &DeviceFilterBar::filterChanged);
    DeviceFilter filter; // a patch-age bar of the Compliance page
    filter.patchAgeMin = 91;
    filter.patchAgeMax = 180;
    filter.modelId = 12;
    bar.setFilter(filter);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(bar.filter(), filter);
    QCOMPARE(bar.patchLevelEdit()->mode(), PatchLevelFilterEdit::AgeBetweenMode);
    QCOMPARE(bar.patchLevelEdit()->minDaysBox()->value(), 91);
    QCOMPARE(bar.patchLevelEdit()->maxDaysBox()->value(), 180);
    QCOMPARE(bar.modelBox()->currentText(), QStringLiteral("Aurora Mobile Aurora A7"));

    DeviceFilter ending; // the "ends soon or ended" choice
    ending.supportStatuses = {SupportStatus::EndingSoon, SupportStatus::Ended};
    bar.setFilter(ending);
    QCOMPARE(bar.filter(), ending);
    QCOMPARE(bar.supportBox()->currentText(), QStringLiteral("Ending soon or ended"));
}

void tst_DeviceFilterBar::clearFiltersSendsTheEmptyFilter()
{
    DeviceFilterBar bar;
    bar.setCatalog(makeCatalog());
    bar.regionBox()->setCurrentIndex(1);
    QTest::keyClicks(bar.searchEdit(), QStringLiteral("35"));
    QTest::keyClick(bar.searchEdit(), Qt::Key_Return);
    QVERIFY(!bar.filter().isEmpty());
    QSignalSpy changed(&bar, &DeviceFilterBar::filterChanged);
    QTest::mouseClick(bar.clearButton(), Qt::LeftButton);
    QCOMPARE(changed.size(), 1);
    QVERIFY(bar.filter().isEmpty());
    QVERIFY(bar.searchEdit()->text().isEmpty());
    QCOMPARE(bar.regionBox()->currentIndex(), 0);
    QVERIFY(!bar.clearButton()->isEnabled());
}

QTEST_MAIN(tst_DeviceFilterBar)
#include "tst_devicefilterbar.moc"
