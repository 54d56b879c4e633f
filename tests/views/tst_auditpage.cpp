// SPDX-License-Identifier: Apache-2.0
// AuditPage and the release pages in MainWindow: an approval made by a second operator is listed
// newest first and can be filtered, the chain verifies, the log exports as CSV, and a tampered
// log shows a banner on the page and a warning in the status bar.
#include "auditfilterbar.h"
#include "auditlogmodel.h"
#include "auditpage.h"
#include "mainwindow.h"
#include "operatordialog.h"
#include "operatorsession.h"
#include "releasebench.h"
#include "releasespage.h"
#include "storage/database.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>

using namespace Patchboard;

namespace {

const Operator tess{QStringLiteral("tess"), OperatorRole::TestEngineer};
const Operator tom{QStringLiteral("tom"), OperatorRole::TestEngineer};

QStringList column(const AuditLogModel *model, int column)
{
    QStringList values;
    for (int row = 0; row < model->rowCount(); ++row)
        values.append(model->index(row, column).data().toString());
    return values;
}

} // namespace

class tst_AuditPage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void cleanupTestCase();
    void approvalIsListedNewestFirst();
    void filtersRunInTheStore();
    void verifyChainReportsIntact();
    void exportWritesTheFilteredEntries();
    void mainWindowHasReleasesAndAudit();
    void tamperedLogShowsABanner();

private:
    ReleaseBench m_bench;
    std::unique_ptr<AuditPage> m_page;
};

void tst_AuditPage::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    const QString error = m_bench.setUp();
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(m_bench.openVerification.intact);
    // The four-eyes approval of the clean demo release: tess tests, tom approves.
    const qint64 id = m_bench.releaseId(0);
    const TestPlan plan = waitFor(m_bench.firmware->releaseDetail(tess, id)).value().testPlan;
    QCOMPARE(plan.cases.size(), 6);
    for (const TestCaseResult &c : plan.cases)
        QVERIFY(waitFor(m_bench.firmware->recordTestResult(tess, id, c.modelId, c.kind,
                                                           TestOutcome::Passed, {}))
                    .ok());
    const Result<ReleaseDetail> approved
        = waitFor(m_bench.firmware->approve(tom, id, QStringLiteral("Six of six passed.")));
    QVERIFY2(approved.ok(), qPrintable(approved.error().text()));
}

void tst_AuditPage::init()
{
    m_page = std::make_unique<AuditPage>(m_bench.audit.get());
    m_page->resize(1300, 700);
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
    QTRY_VERIFY(m_page->isLoaded());
}

void tst_AuditPage::cleanup()
{
    m_page.reset();
}

void tst_AuditPage::cleanupTestCase()
{
    m_bench.tearDown();
}

void tst_AuditPage::approvalIsListedNewestFirst()
{
    const AuditLogModel *model = m_page->model();
    // demo: 2 keys + 6 imports, the approved demo release's testing, 6 results and approval;
    // tess: in testing + 6 results; tom: the approval.
    QCOMPARE(model->rowCount(), 24);
    QCOMPARE(model->index(0, AuditLogModel::ActionColumn).data().toString(),
             QStringLiteral("release.approve"));
    QCOMPARE(model->index(0, AuditLogModel::ActorColumn).data().toString(), QStringLiteral("tom"));
    QCOMPARE(model->index(0, AuditLogModel::RoleColumn).data().toString(),
             QStringLiteral("Test engineer"));
    QVERIFY2(model->index(0, AuditLogModel::DetailsColumn)
                 .data()
                 .toString()
                 .startsWith(QStringLiteral("reason: Six of six passed.")),
             qPrintable(model->index(0, AuditLogModel::DetailsColumn).data().toString()));
    QVERIFY(model->index(0, AuditLogModel::SubjectColumn)
                .data()
                .toString()
                .contains(QStringLiteral("clean")));
    for (int row = 1; row < model->rowCount(); ++row)
        QVERIFY(model->index(row, 0).data(AuditLogModel::SequenceRole).toLongLong()
                < model->index(row - 1, 0).data(AuditLogModel::SequenceRole).toLongLong());
}

void tst_AuditPage::filtersRunInTheStore()
{
    AuditFilterBar *filters = m_page->filterBar();
    QSignalSpy shown(m_page.get(), &AuditPage::entriesShown);
    filters->actorEdit()->setText(QStringLiteral("tom"));
    QTRY_VERIFY(!shown.isEmpty()); // after the typing pause
    QTRY_COMPARE(column(m_page->model(), AuditLogModel::ActorColumn),
                 QStringList{QStringLiteral("tom")});

    filters->actorEdit()->clear();
    filters->actionBox()->setCurrentText(QStringLiteral("release.test"));
    // release.test (6 + 6 demo) and release.testing (1 + 1 demo): a prefix.
    QTRY_COMPARE(m_page->model()->rowCount(), 14);
    filters->clear();
    QTRY_COMPARE(m_page->model()->rowCount(), 24);

    // The demo releases were received 2025-11-06, the approved one tested and approved the day
    // after (8 entries), and tess and tom decided on the clock's 2025-11-08 (8 entries).
    filters->fromEdit()->setDate(QDate(2025, 11, 7));
    filters->fromCheck()->setChecked(true);
    QTRY_COMPARE(m_page->model()->rowCount(), 16);
    filters->toEdit()->setDate(QDate(2025, 11, 7));
    filters->toCheck()->setChecked(true);
    QTRY_COMPARE(m_page->model()->rowCount(), 8);
    filters->clear();
    filters->textEdit()->setText(QStringLiteral("unknown-key"));
    QTRY_COMPARE(column(m_page->model(), AuditLogModel::ActionColumn),
                 QStringList{QStringLiteral("release.refuse")});
}

void tst_AuditPage::verifyChainReportsIntact()
{
    QSignalSpy verified(m_page.get(), &AuditPage::verified);
    m_page->verifyChain();
    QTRY_COMPARE(verified.size(), 1);
    QVERIFY2(m_page->verificationText().startsWith(
                 QStringLiteral("\u2713 Chain intact: 24 record(s) verified")),
             qPrintable(m_page->verificationText()));
    QVERIFY(m_page->bannerText().isEmpty());
}

void tst_AuditPage::exportWritesTheFilteredEntries()
{
    const QString path = m_bench.dir->filePath(QStringLiteral("audit.csv"));
    m_page->filterBar()->actorEdit()->setText(QStringLiteral("tess"));
    QTRY_COMPARE(m_page->model()->rowCount(), 7);
    QSignalSpy status(m_page.get(), &AuditPage::statusMessage);
    m_page->exportCsvTo(path);
    QTRY_COMPARE(status.size(), 1);
    QVERIFY2(status.at(0).at(0).toString().startsWith(QStringLiteral("Exported 7 audit record(s)")),
             qPrintable(status.at(0).at(0).toString()));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = file.readAll().split('\n');
    QCOMPARE(lines.size(), 1 + 7 + 1); // header, entries, the empty rest after the last CRLF
    QCOMPARE(lines.at(0).trimmed(),
             QByteArray("sequence,time_utc,actor,role,action,subject,details,previous_hash,hash"));
    QVERIFY(lines.at(1).contains(",tess,test-engineer,release.test,"));
}

void tst_AuditPage::mainWindowHasReleasesAndAudit()
{
    OperatorSession session(tess);
    MainWindow window(m_bench.tracker.get(), m_bench.firmware.get(), m_bench.audit.get(), &session);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    // After Devices and Compliance, with the next shortcuts.
    QCOMPARE(window.pageCount(), 4);
    QCOMPARE(window.pageIndex(window.releasesPage()), 2);
    QCOMPARE(window.pageIndex(window.auditPage()), 3);
    QTest::keyClick(&window, Qt::Key_3, Qt::ControlModifier);
    QCOMPARE(window.currentPage(), 2);
    QVERIFY(window.windowTitle().startsWith(QStringLiteral("Releases")));
    QTest::keyClick(&window, Qt::Key_4, Qt::ControlModifier);
    QVERIFY(window.windowTitle().startsWith(QStringLiteral("Audit Log")));
    QCOMPARE(window.operatorLabel()->text(), QStringLiteral("Operator: tess (Test engineer)"));
    // File > Switch Operator: a second engineer at the same desk.
    window.switchOperator();
    OperatorDialog *dialog = window.findChild<OperatorDialog *>();
    QVERIFY(dialog);
    dialog->nameEdit()->setText(QStringLiteral("tom"));
    dialog->accept();
    QCOMPARE(session.current().name, QStringLiteral("tom"));
    QCOMPARE(window.operatorLabel()->text(), QStringLiteral("Operator: tom (Test engineer)"));
    window.showRelease(m_bench.releaseId(1));
    QCOMPARE(window.currentPage(), 2);
    QVERIFY(window.auditWarningLabel()->isHidden());
}

void tst_AuditPage::tamperedLogShowsABanner()
{
    {
        // Someone with the file edits entry 3 behind the application's back.
        Result<Database> db = Database::open(m_bench.databasePath);
        QVERIFY(db.ok());
        QSqlQuery query(db.value().connection());
        QVERIFY(query.exec(QStringLiteral("DROP TRIGGER IF EXISTS audit_log_no_update")));
        QVERIFY(query.exec(
            QStringLiteral("UPDATE audit_log SET actor = 'mallory' WHERE sequence = 3")));
    }
    QSignalSpy verified(m_page.get(), &AuditPage::verified);
    m_page->verifyChain();
    QTRY_COMPARE(verified.size(), 1);
    QVERIFY(!verified.at(0).at(0).value<AuditVerification>().intact);
    QVERIFY2(m_page->verificationText().contains(QStringLiteral("entry 3")),
             qPrintable(m_page->verificationText()));
    QVERIFY2(m_page->bannerText().contains(QStringLiteral("tampered with or damaged")),
             qPrintable(m_page->bannerText()));
    // The entries from the break on are marked in the list, with the marker, not colour alone.
    const AuditLogModel *model = m_page->model();
    for (int row = 0; row < model->rowCount(); ++row) {
        const QModelIndex index = model->index(row, AuditLogModel::SequenceColumn);
        const qint64 sequence = index.data(AuditLogModel::SequenceRole).toLongLong();
        QCOMPARE(index.data(AuditLogModel::UntrustedRole).toBool(), sequence >= 3);
        QCOMPARE(index.data().toString().startsWith(QStringLiteral("\u26A0")), sequence >= 3);
    }

    // As when the database opens: the status bar says so whatever page is shown.
    OperatorSession session(tess);
    MainWindow window(m_bench.tracker.get(), m_bench.firmware.get(), m_bench.audit.get(), &session);
    const Result<AuditVerification> check = waitFor(m_bench.audit->verify());
    QVERIFY(check.ok());
    window.setAuditVerification(check.value());
    QVERIFY(!window.auditWarningLabel()->isHidden());
    QCOMPARE(window.auditWarningLabel()->text(),
             QStringLiteral("\u26A0\u2009Audit log broken at entry 3"));
    QVERIFY(!window.auditPage()->bannerText().isEmpty());
}

QTEST_MAIN(tst_AuditPage)
#include "tst_auditpage.moc"
