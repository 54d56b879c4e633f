// SPDX-License-Identifier: Apache-2.0
// The Compliance Report dialog as the operator uses it: pick a date and a file, write, see the
// result; a backend error or a bad folder is said in words and leaves no file; Cancel while
// gathering writes nothing. And the Compliance page's button that opens it.
#include "compliancepage.h"
#include "compliancereportdialog.h"
#include "compliancereportgatherer.h"
#include "fakerolloutbackend.h"
#include "operatorsession.h"
#include "releasebench.h"

#include <QDateEdit>
#include <QDir>
#include <QFile>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Patchboard;

namespace {

const Operator tom{QStringLiteral("tom"), OperatorRole::TestEngineer};
const QDate ReportDate(2025, 11, 16);

QStringList entries(const QTemporaryDir &dir)
{
    return QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden);
}

} // namespace

class tst_ComplianceReportDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void cleanupTestCase();
    void writesTheReport();
    void backendErrorIsShownAndNothingWritten();
    void badFolderIsRefusedBeforeGathering();
    void cancelWhileGatheringWritesNothing();
    void defaultFileFollowsTheDate();
    void compliancePageOpensTheDialog();

private:
    ReleaseBench m_bench;
    FakeRolloutBackend m_rollouts;
    OperatorSession m_session{tom};
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<ComplianceReportDialog> m_dialog;
};

void tst_ComplianceReportDialog::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    const QString error = m_bench.setUp(300);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    m_rollouts.setRollouts(
        {FakeRolloutBackend::makeRollout(1, QStringLiteral("November"), RolloutState::Completed)});
}

void tst_ComplianceReportDialog::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_dialog = std::make_unique<ComplianceReportDialog>(
        m_bench.tracker.get(), m_bench.firmware.get(), &m_rollouts, &m_session);
    m_dialog->setDate(ReportDate);
    m_dialog->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_dialog.get()));
}

void tst_ComplianceReportDialog::cleanup()
{
    m_dialog.reset();
    m_dir.reset();
    m_rollouts.setHoldLists(false);
    m_rollouts.releaseLists();
}

void tst_ComplianceReportDialog::cleanupTestCase()
{
    m_bench.tearDown();
}

void tst_ComplianceReportDialog::writesTheReport()
{
    QSignalSpy written(m_dialog.get(), &ComplianceReportDialog::reportWritten);
    QSignalSpy failed(m_dialog.get(), &ComplianceReportDialog::reportFailed);
    QVERIFY(!m_dialog->openButton()->isEnabled());
    // The operator types a name without the suffix.
    m_dialog->fileEdit()->clear();
    QTest::keyClicks(m_dialog->fileEdit(), m_dir->filePath(QStringLiteral("november")));
    QTest::mouseClick(m_dialog->writeButton(), Qt::LeftButton);
    QVERIFY(m_dialog->isBusy());
    QVERIFY(!m_dialog->writeButton()->isEnabled());
    QVERIFY(!m_dialog->dateEdit()->isEnabled());
    QVERIFY(m_dialog->progressBar()->isVisible());
    QTRY_COMPARE(written.size() + failed.size(), 1);
    QVERIFY2(failed.isEmpty(), qPrintable(m_dialog->statusText()));

    const QString path = m_dir->filePath(QStringLiteral("november.pdf"));
    QCOMPARE(written.first().at(0).toString(), path);
    QVERIFY(written.first().at(1).toInt() >= 1);
    QCOMPARE(m_dialog->writtenPath(), path);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(file.read(5) == "%PDF-");
    QCOMPARE(entries(*m_dir), QStringList{QStringLiteral("november.pdf")});
    QVERIFY2(m_dialog->statusText().contains(QDir::toNativeSeparators(path)),
             qPrintable(m_dialog->statusText()));
    QVERIFY(!m_dialog->isBusy());
    QVERIFY(m_dialog->writeButton()->isEnabled());
    QVERIFY(m_dialog->openButton()->isEnabled());
    QVERIFY(!m_dialog->progressBar()->isVisible());
}

void tst_ComplianceReportDialog::backendErrorIsShownAndNothingWritten()
{
    QSignalSpy failed(m_dialog.get(), &ComplianceReportDialog::reportFailed);
    m_dialog->setFileName(m_dir->filePath(QStringLiteral("report.pdf")));
    m_rollouts.failNext(ServiceError::make(ServiceError::Code::StorageUnavailable,
                                           QStringLiteral("The rollout database is locked."),
                                           QStringLiteral("Close the other program using it.")));
    m_dialog->write();
    QTRY_COMPARE(failed.size(), 1);
    const QString status = m_dialog->statusText();
    QVERIFY2(status.contains(QStringLiteral("Could not read the rollouts"))
                 && status.contains(QStringLiteral("The rollout database is locked."))
                 && status.contains(QStringLiteral("Close the other program using it.")),
             qPrintable(status));
    QVERIFY(entries(*m_dir).isEmpty());
    QVERIFY(!m_dialog->isBusy());
    QVERIFY(m_dialog->writeButton()->isEnabled());
    QVERIFY(!m_dialog->openButton()->isEnabled());
}

void tst_ComplianceReportDialog::badFolderIsRefusedBeforeGathering()
{
    // A file where the folder should be.
    QFile blocker(m_dir->filePath(QStringLiteral("reports")));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    m_dialog->setFileName(m_dir->filePath(QStringLiteral("reports/report.pdf")));
    const int before = m_rollouts.listRequests();
    m_dialog->write();
    QVERIFY(!m_dialog->isBusy());
    QVERIFY2(m_dialog->statusText().contains(QStringLiteral("does not exist")),
             qPrintable(m_dialog->statusText()));
    QCOMPARE(m_rollouts.listRequests(), before); // nothing asked
    QCOMPARE(entries(*m_dir), QStringList{QStringLiteral("reports")});

    m_dialog->setFileName(QString());
    m_dialog->write();
    QVERIFY(m_dialog->statusText().contains(QStringLiteral("Enter a file name")));
}

void tst_ComplianceReportDialog::cancelWhileGatheringWritesNothing()
{
    QSignalSpy written(m_dialog.get(), &ComplianceReportDialog::reportWritten);
    m_dialog->setFileName(m_dir->filePath(QStringLiteral("report.pdf")));
    m_rollouts.setHoldLists(true);
    m_dialog->write();
    QTRY_COMPARE(m_rollouts.heldLists(), 1);
    QVERIFY(m_dialog->isBusy());
    // Escape (Close, now Cancel) stops the report and keeps the dialog open.
    QTest::keyClick(m_dialog.get(), Qt::Key_Escape);
    QVERIFY(m_dialog->isVisible());
    QVERIFY(!m_dialog->isBusy());
    QVERIFY(m_dialog->statusText().contains(QStringLiteral("Cancelled")));
    m_rollouts.setHoldLists(false);
    m_rollouts.releaseLists();
    QTest::qWait(300);
    QCOMPARE(written.size(), 0);
    QVERIFY(entries(*m_dir).isEmpty());
    // Escape when idle closes it.
    QTest::keyClick(m_dialog.get(), Qt::Key_Escape);
    QVERIFY(!m_dialog->isVisible());
}

void tst_ComplianceReportDialog::defaultFileFollowsTheDate()
{
    ComplianceReportDialog dialog(m_bench.tracker.get(), m_bench.firmware.get(), &m_rollouts,
                                  &m_session);
    QCOMPARE(dialog.date(), QDate::currentDate()); // today by default
    QVERIFY(dialog.fileName().endsWith(QStringLiteral("patchboard-compliance-%1.pdf")
                                           .arg(QDate::currentDate().toString(Qt::ISODate))));
    dialog.setDate(ReportDate);
    QVERIFY(dialog.fileName().endsWith(QStringLiteral("patchboard-compliance-2025-11-16.pdf")));
    // A name the operator typed stays.
    dialog.fileEdit()->selectAll();
    QTest::keyClicks(dialog.fileEdit(), QStringLiteral("/tmp/mine.pdf"));
    dialog.setDate(ReportDate.addDays(-1));
    QCOMPARE(dialog.fileName(), QStringLiteral("/tmp/mine.pdf"));
}

void tst_ComplianceReportDialog::compliancePageOpensTheDialog()
{
    CompliancePage page(m_bench.tracker.get());
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    // Without the firmware and rollout services there is no report, and the button says why.
    QVERIFY(!page.reportButton()->isEnabled());
    QVERIFY2(page.reportButton()->toolTip().contains(QStringLiteral("firmware server")),
             qPrintable(page.reportButton()->toolTip()));
    page.openReportDialog();
    QVERIFY(!page.reportDialog());

    page.setReportSources(m_bench.firmware.get(), &m_rollouts, &m_session);
    QVERIFY(page.reportButton()->isEnabled());
    page.setReferenceDate(ReportDate);
    QTest::mouseClick(page.reportButton(), Qt::LeftButton);
    QVERIFY(page.reportDialog());
    QTRY_VERIFY(page.reportDialog()->isVisible());
    QCOMPARE(page.reportDialog()->date(), ReportDate);
}

QTEST_MAIN(tst_ComplianceReportDialog)
#include "tst_compliancereportdialog.moc"
