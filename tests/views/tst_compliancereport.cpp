// SPDX-License-Identifier: Apache-2.0
// The compliance report (issue #5): what a regulator reads in it for a date. The sections and
// their numbers on a hand-made fleet, the report date deciding what counts (SSU-TES-0010: a
// decision after the date is still waiting), the PDF written all or nothing, and the figures
// gathered from real firmware and tracker backends without blocking.
#include "compliancereportbuilder.h"
#include "compliancereportdata.h"
#include "compliancereportgatherer.h"
#include "compliancereportwriter.h"
#include "fakerolloutbackend.h"
#include "faketrackerbackend.h"
#include "releasebench.h"

#include <QDir>
#include <QFile>
#include <QPageSize>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextFrame>
#include <QTextTable>

using namespace Patchboard;

namespace {

const Operator tess{QStringLiteral("tess"), OperatorRole::TestEngineer};
const Operator tom{QStringLiteral("tom"), OperatorRole::TestEngineer};
const Operator vic{QStringLiteral("vic"), OperatorRole::Viewer};

QDateTime at(int day, int hour)
{
    return QDateTime(QDate(2025, 11, day), QTime(hour, 0), Qt::UTC);
}

const QDateTime Generated = at(30, 12);

ReleaseSummary release(qint64 id, const QString &version, const QDateTime &received,
                       ReleaseState state, const QDateTime &decided = {},
                       ReleaseType type = ReleaseType::Security)
{
    ReleaseSummary s;
    s.id = id;
    s.version = version;
    s.models = {QStringLiteral("Aurora A7")};
    s.type = type;
    s.received = received;
    s.decided = decided;
    s.state = state;
    return s;
}

// As the firmware backend records it: verified on import, in testing an hour later, decided.
QList<ReleaseTransition> history(const QDateTime &received, ReleaseState decision,
                                 const QDateTime &decided)
{
    QList<ReleaseTransition> h{{ReleaseState::Received, ReleaseState::Verified, tess.name,
                                Operator::roleName(tess.role), received, QString()},
                               {ReleaseState::Verified, ReleaseState::InTesting, tess.name,
                                Operator::roleName(tess.role), received.addSecs(3600), QString()}};
    if (decided.isValid())
        h.append({ReleaseState::InTesting, decision, tom.name, Operator::roleName(tom.role),
                  decided, QStringLiteral("decided")});
    return h;
}

RolloutSummary rollout(qint64 id, const QString &name, RolloutState state,
                       const QDateTime &finished = {})
{
    RolloutSummary s = FakeRolloutBackend::makeRollout(id, name, state).summary;
    if (finished.isValid())
        s.finished = finished;
    return s;
}

// A fleet of 1,234 devices, releases decided in 3 and 9 days, one waiting past its 7 days, one
// approved only after 16 November, and rollouts that ended before and after it.
ComplianceReportSources sources()
{
    ComplianceReportSources s;
    s.fleetSource = QStringLiteral("Embedded: fleet.db");
    ComplianceSummary &f = s.fleet;
    f.devices = 1234;
    f.bySupportStatus[int(SupportStatus::Supported)] = 1000;
    f.bySupportStatus[int(SupportStatus::EndingSoon)] = 134;
    f.bySupportStatus[int(SupportStatus::Ended)] = 100;
    f.patchAge = defaultPatchAgeBins();
    const int perBin[] = {400, 300, 200, 150, 100, 50, 34};
    for (int i = 0; i < f.patchAge.size(); ++i)
        f.patchAge[i].devices = perBin[i];
    f.models = {{1, QStringLiteral("Aurora"), QStringLiteral("A7"), QDate(2028, 1, 31),
                 SupportStatus::Supported, 1000, 250},
                {2, QStringLiteral("Borealis"), QStringLiteral("B3"), QDate(2026, 1, 31),
                 SupportStatus::EndingSoon, 134, 40},
                {3, QStringLiteral("Nimbus"), QStringLiteral("N2"), QDate(2025, 6, 30),
                 SupportStatus::Ended, 100, 44}};

    s.releases = {
        release(7, QStringLiteral("SEC-NEW"), at(18, 9), ReleaseState::Verified),
        release(4, QStringLiteral("SEC-LATER"), at(12, 9), ReleaseState::Approved, at(20, 9)),
        release(6, QStringLiteral("MAINT-1"), at(6, 9), ReleaseState::Approved, at(8, 9),
                ReleaseType::Maintenance),
        release(3, QStringLiteral("SEC-WAIT"), at(5, 12), ReleaseState::InTesting),
        release(5, QStringLiteral("FORGED"), at(1, 12), ReleaseState::Refused),
        release(2, QStringLiteral("SEC-9D"), at(1, 20), ReleaseState::Rejected, at(10, 20)),
        release(1, QStringLiteral("SEC-3D"), at(1, 9), ReleaseState::Approved, at(4, 9)),
    };
    s.releaseHistory.insert(1, history(at(1, 9), ReleaseState::Approved, at(4, 9)));
    s.releaseHistory.insert(2, history(at(1, 20), ReleaseState::Rejected, at(10, 20)));
    s.releaseHistory.insert(3, history(at(5, 12), ReleaseState::Approved, {}));
    s.releaseHistory.insert(4, history(at(12, 9), ReleaseState::Approved, at(20, 9)));
    s.releaseHistory.insert(6, history(at(6, 9), ReleaseState::Approved, at(8, 9)));

    // Completed on 15 November (makeRollout's finish), 1,000 targets, 19 failed: 1.9%.
    s.rollouts
        = {rollout(16, QStringLiteral("Running"), RolloutState::Running),
           rollout(15, QStringLiteral("Halted late"), RolloutState::Halted),
           rollout(14, QStringLiteral("Halted early"), RolloutState::Halted),
           rollout(13, QStringLiteral("Cancelled"), RolloutState::Cancelled),
           rollout(12, QStringLiteral("Completed late"), RolloutState::Completed, at(20, 12)),
           rollout(11, QStringLiteral("Aurora November"), RolloutState::Completed)};
    s.rolloutHistory.insert(14,
                            {{RolloutState::Running, RolloutState::Halted, QString(), QString(),
                              at(13, 9), QStringLiteral("error threshold")}});
    s.rolloutHistory.insert(15,
                            {{RolloutState::Running, RolloutState::Halted, QString(), QString(),
                              at(18, 9), QStringLiteral("error threshold")}});
    return s;
}

QString cellText(const QTextTableCell &cell)
{
    QTextCursor cursor = cell.firstCursorPosition();
    cursor.setPosition(cell.lastCursorPosition().position(), QTextCursor::KeepAnchor);
    // As a reader sees it: a no-break space (cells kept on one line) is a space.
    return cursor.selectedText().replace(QChar::Nbsp, QLatin1Char(' ')).trimmed();
}

// The body rows of the document's table whose header row is exactly `headers`.
QList<QStringList> tableRows(QTextDocument *doc, const QStringList &headers)
{
    const QList<QTextFrame *> frames = doc->rootFrame()->childFrames();
    for (QTextFrame *frame : frames) {
        auto *table = qobject_cast<QTextTable *>(frame);
        if (!table)
            continue;
        QStringList header;
        for (int column = 0; column < table->columns(); ++column)
            header.append(cellText(table->cellAt(0, column)));
        if (header != headers)
            continue;
        QList<QStringList> rows;
        for (int row = 1; row < table->rows(); ++row) {
            QStringList cells;
            for (int column = 0; column < table->columns(); ++column)
                cells.append(cellText(table->cellAt(row, column)));
            rows.append(cells);
        }
        return rows;
    }
    return {};
}

QStringList rowStartingWith(const QList<QStringList> &rows, const QString &first)
{
    for (const QStringList &row : rows) {
        if (row.value(0) == first)
            return row;
    }
    return {};
}

const QStringList DecisionHeaders{
    QStringLiteral("Release"),          QStringLiteral("Models"),       QStringLiteral("Received"),
    QStringLiteral("Decision"),         QStringLiteral("Decided"),      QStringLiteral("By"),
    QStringLiteral("Days to decision"), QStringLiteral("Within 7 days")};

QString versionOf(const ComplianceReportData &data, qint64 releaseId)
{
    for (const ReportRelease &r : data.releases) {
        if (r.id == releaseId)
            return r.version;
    }
    return QStringLiteral("(release %1 not in the report)").arg(releaseId);
}

template<typename T> Result<T> await(QFuture<Result<T>> future)
{
    return waitFor(std::move(future));
}

} // namespace

class tst_ComplianceReport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void reportHasTheSectionsAndNumbers();
    void reportDateDecidesWhatCounts_data();
    void reportDateDecidesWhatCounts();
    void pdfIsWritten();
    void failedWriteLeavesNoFile();
    void gathersFromTheBackends_data();
    void gathersFromTheBackends();
    void backendErrorIsReportedLater();
    void newerRunDropsTheOlder();

private:
    ReleaseBench m_bench;
    FakeRolloutBackend m_rollouts;
};

void tst_ComplianceReport::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    const QString error = m_bench.setUp(300);
    QVERIFY2(error.isEmpty(), qPrintable(error));

    // The clean demo release (received 6 November, 09:00): tess tests it, tom approves it three
    // days after receipt. The non-CVE one: tom rejects it after nine days, two days late.
    const qint64 clean = m_bench.releaseId(0);
    const Result<ReleaseDetail> detail = await(m_bench.firmware->releaseDetail(tess, clean));
    QVERIFY2(detail.ok(), qPrintable(detail.error().text()));
    *m_bench.now = ReleaseBench::received().addDays(3).addSecs(-3600);
    for (const TestCaseResult &c : detail.value().testPlan.cases) {
        const Result<ReleaseDetail> recorded = await(m_bench.firmware->recordTestResult(
            tess, clean, c.modelId, c.kind, TestOutcome::Passed, QString()));
        QVERIFY2(recorded.ok(), qPrintable(recorded.error().text()));
    }
    *m_bench.now = ReleaseBench::received().addDays(3);
    const Result<ReleaseDetail> approved
        = await(m_bench.firmware->approve(tom, clean, QStringLiteral("All cases passed.")));
    QVERIFY2(approved.ok(), qPrintable(approved.error().text()));
    *m_bench.now = ReleaseBench::received().addDays(9);
    const Result<ReleaseDetail> rejected = await(m_bench.firmware->reject(
        tom, m_bench.releaseId(1), QStringLiteral("A bug fix without a CVE.")));
    QVERIFY2(rejected.ok(), qPrintable(rejected.error().text()));

    // One rollout completed on 15 November with 19 of 1,000 failed, one completed after the
    // report dates below.
    m_rollouts.setRollouts(
        {FakeRolloutBackend::makeRollout(2, QStringLiteral("Later"), RolloutState::Completed),
         FakeRolloutBackend::makeRollout(1, QStringLiteral("November"), RolloutState::Completed)});
    m_rollouts.detail(2)->summary.finished = at(25, 9);
    // And one halted on 12 November: the summary has no time for that, the history does.
    RolloutDetail halted
        = FakeRolloutBackend::makeRollout(3, QStringLiteral("Halted"), RolloutState::Halted);
    halted.history.append({RolloutState::Running, RolloutState::Halted, QString(), QString(),
                           at(12, 9), QStringLiteral("error threshold")});
    QList<RolloutDetail> rollouts = m_rollouts.details();
    rollouts.prepend(halted);
    m_rollouts.setRollouts(rollouts);
}

void tst_ComplianceReport::cleanupTestCase()
{
    m_bench.tearDown();
}

void tst_ComplianceReport::reportHasTheSectionsAndNumbers()
{
    const ComplianceReportData data
        = ComplianceReportData::assemble(QDate(2025, 11, 16), tom, Generated, sources());
    const std::unique_ptr<QTextDocument> doc = ComplianceReportBuilder::document(data);
    const QString text = doc->toPlainText();
    for (const char *section : {"Compliance report", "At a glance", "Devices by patch age",
                                "Devices by support status", "Models past or near end of support",
                                "Security update decisions", "Rollouts", "Cancelled or halted"})
        QVERIFY2(text.contains(QLatin1String(section)), section);
    QVERIFY2(text.contains(QStringLiteral("Sunday, November 16, 2025")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("Prepared by tom (Test engineer)")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("Fleet: 1,234 device")), qPrintable(text));

    // Patch age: 334 devices older than 90 days (27.1%).
    const QList<QStringList> glance
        = tableRows(doc.get(), {QStringLiteral("Figure"), QStringLiteral("Value")});
    QCOMPARE(glance.value(0),
             QStringList({QStringLiteral("Devices in the fleet"), QStringLiteral("1,234")}));
    QCOMPARE(glance.value(1).value(1), QStringLiteral("334 (27.1%)"));
    QCOMPARE(glance.value(2).value(1), QStringLiteral("100 (8.1%)"));
    QCOMPARE(glance.value(3).value(1), QStringLiteral("1 of 2"));
    QCOMPARE(glance.value(4).value(1), QStringLiteral("1"));

    const QList<QStringList> ages
        = tableRows(doc.get(),
                    {QStringLiteral("Patch age (days)"), QStringLiteral("Devices"),
                     QStringLiteral("Share"), QStringLiteral("Status")});
    QCOMPARE(int(ages.size()), 8); // seven bins and the total
    QCOMPARE(ages.value(0),
             QStringList({QStringLiteral("0\u201330"), QStringLiteral("400"),
                          QStringLiteral("32.4%"), QStringLiteral("Current")}));
    QCOMPARE(ages.value(6).value(1), QStringLiteral("34"));
    QVERIFY(ages.value(6).value(3).endsWith(QStringLiteral("Out of date")));
    QCOMPARE(ages.value(7).value(1), QStringLiteral("1,234"));

    // Support status (SSU-SEC-0040): the devices past end of support are to be replaced.
    const QList<QStringList> support = tableRows(
        doc.get(),
        {QStringLiteral("Support status"), QStringLiteral("Devices"), QStringLiteral("Share")});
    QCOMPARE(support.value(0).mid(1),
             QStringList({QStringLiteral("1,000"), QStringLiteral("81.0%")}));
    // (The test has no English plural forms: "day(s)".)
    QVERIFY(support.value(1).value(0).startsWith(QStringLiteral("Support ends within 90 day")));
    QCOMPARE(support.value(1).value(1), QStringLiteral("134"));
    QVERIFY(
        support.value(2).value(0).endsWith(QStringLiteral("Past end of support: to be replaced")));
    QCOMPARE(support.value(2).value(1), QStringLiteral("100"));
    const QList<QStringList> models = tableRows(
        doc.get(),
        {QStringLiteral("Manufacturer"), QStringLiteral("Model"), QStringLiteral("Support ends"),
         QStringLiteral("Status"), QStringLiteral("Devices")});
    QCOMPARE(int(models.size()), 2); // the supported model is not listed
    QCOMPARE(models.value(0).value(1), QStringLiteral("N2")); // to be replaced: first
    QCOMPARE(models.value(1).value(1), QStringLiteral("B3"));

    // SSU-TES-0010: 3 days is within the window, 9 days is not, waiting 11 days is overdue.
    QVERIFY2(text.contains(QStringLiteral("1 of 2 decided within 7 days.")), qPrintable(text));
    const QList<QStringList> decisions = tableRows(doc.get(), DecisionHeaders);
    const QStringList fast = rowStartingWith(decisions, QStringLiteral("SEC-3D"));
    QCOMPARE(fast.value(3), QStringLiteral("Approved"));
    QCOMPARE(fast.value(5), QStringLiteral("tom (Test engineer)"));
    QCOMPARE(fast.value(6), QStringLiteral("3.0"));
    QCOMPARE(fast.value(7), QStringLiteral("Yes"));
    const QStringList slow = rowStartingWith(decisions, QStringLiteral("SEC-9D"));
    QCOMPARE(slow.value(3), QStringLiteral("Rejected"));
    QCOMPARE(slow.value(6), QStringLiteral("9.0"));
    QVERIFY2(slow.value(7).endsWith(QStringLiteral("No")), qPrintable(slow.value(7)));
    QVERIFY(!slow.value(7).startsWith(QStringLiteral("No"))); // marked, not by colour alone
    const QStringList waiting = rowStartingWith(decisions, QStringLiteral("SEC-WAIT"));
    QCOMPARE(waiting.value(3), QStringLiteral("Waiting (in testing)"));
    QVERIFY2(waiting.value(7).contains(QStringLiteral("Overdue by")), qPrintable(waiting.value(7)));
    QVERIFY2(text.contains(QStringLiteral("1 of them overdue")), qPrintable(text));
    const QStringList maintenance = rowStartingWith(decisions, QStringLiteral("MAINT-1"));
    QCOMPARE(maintenance.value(7), QStringLiteral("n/a (not security-only)"));
    QVERIFY(rowStartingWith(decisions, QStringLiteral("FORGED")).isEmpty());
    QVERIFY(text.contains(QStringLiteral("refused automatically, so no test decision was "
                                         "needed: FORGED.")));
    QVERIFY(rowStartingWith(decisions, QStringLiteral("SEC-NEW")).isEmpty()); // 18 November

    // Rollouts: the completed one's failure rate; the halted and cancelled ones apart.
    const QList<QStringList> completed = tableRows(
        doc.get(),
        {QStringLiteral("Rollout"), QStringLiteral("Release"), QStringLiteral("Finished"),
         QStringLiteral("Targets"), QStringLiteral("Succeeded"), QStringLiteral("Failed"),
         QStringLiteral("Not reached"), QStringLiteral("Failure rate")});
    const QStringList november = rowStartingWith(completed, QStringLiteral("Aurora November"));
    QCOMPARE(november.mid(3),
             QStringList({QStringLiteral("1,000"), QStringLiteral("981"), QStringLiteral("19"),
                          QStringLiteral("0"), QStringLiteral("1.9%")}));
    QVERIFY(rowStartingWith(completed, QStringLiteral("Completed late")).isEmpty());
    const QList<QStringList> stopped = tableRows(
        doc.get(),
        {QStringLiteral("Rollout"), QStringLiteral("Release"), QStringLiteral("State"),
         QStringLiteral("Since"), QStringLiteral("Targets"), QStringLiteral("Succeeded"),
         QStringLiteral("Failed"), QStringLiteral("Not reached"), QStringLiteral("Failure rate")});
    QCOMPARE(int(stopped.size()), 2);
    QCOMPARE(rowStartingWith(stopped, QStringLiteral("Halted early")).value(2),
             QStringLiteral("Halted"));
    QCOMPARE(rowStartingWith(stopped, QStringLiteral("Cancelled")).value(2),
             QStringLiteral("Cancelled"));
    QVERIFY2(text.contains(QStringLiteral("Halted early: 10 of 40 results failed")),
             qPrintable(text));
}

void tst_ComplianceReport::reportDateDecidesWhatCounts_data()
{
    QTest::addColumn<QDate>("date");
    QTest::addColumn<int>("decided");
    QTest::addColumn<int>("within");
    QTest::addColumn<int>("waiting");
    QTest::addColumn<int>("overdue");
    QTest::addColumn<QString>("later"); // SEC-LATER's decision column
    QTest::addColumn<int>("completed");
    QTest::addColumn<int>("stopped");

    // 2 November: only SEC-3D and SEC-9D had arrived, neither decided yet; nothing had ended.
    // (Every event is half a day or more from the cut-off, whatever the local time zone.)
    QTest::newRow("2 Nov") << QDate(2025, 11, 2) << 0 << 0 << 2 << 0 << QString() << 0 << 0;
    // 16 November: SEC-LATER (approved on the 20th) still waits, within its window.
    QTest::newRow("16 Nov") << QDate(2025, 11, 16) << 2 << 1 << 2 << 1
                            << QStringLiteral("Waiting (in testing)") << 1 << 2;
    // 25 November: SEC-LATER decided after 8 days; SEC-NEW waits past its 7 days.
    QTest::newRow("25 Nov") << QDate(2025, 11, 25) << 3 << 1 << 2 << 2 << QStringLiteral("Approved")
                            << 2 << 3;
}

void tst_ComplianceReport::reportDateDecidesWhatCounts()
{
    QFETCH(QDate, date);
    QFETCH(int, decided);
    QFETCH(int, within);
    QFETCH(int, waiting);
    QFETCH(int, overdue);
    QFETCH(QString, later);
    QFETCH(int, completed);
    QFETCH(int, stopped);

    const ComplianceReportData data
        = ComplianceReportData::assemble(date, tom, Generated, sources());
    QCOMPARE(data.decidedSecurityReleases(), decided);
    QCOMPARE(data.decidedWithinWindow(), within);
    QCOMPARE(data.waitingSecurityReleases(), waiting);
    QCOMPARE(data.overdueReleases(), overdue);
    QCOMPARE(int(data.completed.size()), completed);
    QCOMPARE(int(data.stopped.size()), stopped);

    const std::unique_ptr<QTextDocument> doc = ComplianceReportBuilder::document(data);
    const QStringList row
        = rowStartingWith(tableRows(doc.get(), DecisionHeaders), QStringLiteral("SEC-LATER"));
    QCOMPARE(row.value(3), later);
    QVERIFY2(doc->toPlainText().contains(
                 QStringLiteral("%1 of %2 decided within 7 days.").arg(within).arg(decided)),
             qPrintable(doc->toPlainText()));
}

void tst_ComplianceReport::pdfIsWritten()
{
    const ComplianceReportData data
        = ComplianceReportData::assemble(QDate(2025, 11, 16), tom, Generated, sources());
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("report.pdf"));
    const Result<int> written = ComplianceReportWriter::writePdf(data, path);
    QVERIFY2(written.ok(), qPrintable(written.error().text()));
    QVERIFY(written.value() >= 1);

    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray pdf = file.readAll();
    QVERIFY(pdf.startsWith("%PDF-"));
    QVERIFY2(pdf.size() > 10000, QByteArray::number(pdf.size()).constData());
    QVERIFY(pdf.trimmed().endsWith("%%EOF"));
    // Page objects ("/Type /Page", not the "/Type /Pages" tree).
    int pages = 0;
    const QString text = QString::fromLatin1(pdf);
    for (auto it = QRegularExpression(QStringLiteral("/Type\\s*/Page(?!s)")).globalMatch(text);
         it.hasNext(); it.next())
        ++pages;
    QCOMPARE(pages, written.value());
    QCOMPARE(pages, ComplianceReportWriter::pageCount(data));
    // Title and author in the document's metadata.
    QVERIFY(pdf.contains("Compliance report 2025-11-16"));
    QVERIFY(pdf.contains("<rdf:li>tom (Test engineer)</rdf:li>"));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{QStringLiteral("report.pdf")});

    // The first page as the PDF lays it out: not blank, with text at the top.
    const QImage page = ComplianceReportWriter::renderPage(data, 0, 96);
    QVERIFY(!page.isNull());
    QCOMPARE(page.size(), QPageSize(QPageSize::A4).sizePixels(96)); // 793 x 1123
    int dark = 0;
    for (int y = 60; y < 200; ++y) {
        for (int x = 60; x < 700; ++x)
            dark += qGray(page.pixel(x, y)) < 128;
    }
    QVERIFY2(dark > 500, QByteArray::number(dark).constData());
    QVERIFY(ComplianceReportWriter::renderPage(data, written.value(), 96).isNull());
    // PATCHBOARD_REPORT_PNG=/some/page.png keeps the PDF (page.pdf) and its pages as images
    // (page-1.png, ...) to look at.
    if (const QString preview = qEnvironmentVariable("PATCHBOARD_REPORT_PNG"); !preview.isEmpty()) {
        const QString stem = preview.chopped(preview.endsWith(QLatin1String(".png")) ? 4 : 0);
        QFile::remove(stem + QStringLiteral(".pdf"));
        QVERIFY(QFile::copy(path, stem + QStringLiteral(".pdf")));
        // At this resolution the text may wrap a little differently: its own page count.
        for (int i = 0; i < ComplianceReportWriter::pageCount(data, 110); ++i)
            QVERIFY(ComplianceReportWriter::renderPage(data, i, 110)
                        .save(stem + QStringLiteral("-%1.png").arg(i + 1)));
    }
}

void tst_ComplianceReport::failedWriteLeavesNoFile()
{
    const ComplianceReportData data
        = ComplianceReportData::assemble(QDate(2025, 11, 16), tom, Generated, sources());
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    // A file where the folder should be: no operator (root included) can write there.
    QFile blocker(dir.filePath(QStringLiteral("reports")));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    const QString path = dir.filePath(QStringLiteral("reports/report.pdf"));
    const Result<int> written = ComplianceReportWriter::writePdf(data, path);
    QVERIFY(!written.ok());
    QCOMPARE(written.error().code, ServiceError::Code::Io);
    QVERIFY2(written.error().message.contains(QDir::toNativeSeparators(path)),
             qPrintable(written.error().text()));
    QVERIFY(!written.error().hint.isEmpty());
    QVERIFY(!QFile::exists(path));
    QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden),
             QStringList{QStringLiteral("reports")});
    // A missing folder, likewise.
    const QString missing = dir.filePath(QStringLiteral("nowhere/report.pdf"));
    QVERIFY(!ComplianceReportWriter::writePdf(data, missing).ok());
    QVERIFY(!QFile::exists(missing));
}

void tst_ComplianceReport::gathersFromTheBackends_data()
{
    QTest::addColumn<QDate>("date");
    QTest::addColumn<QString>("cleanDecision"); // approved 9 November 09:00 UTC
    QTest::addColumn<QString>("nonCveDecision"); // rejected 15 November 09:00 UTC
    QTest::addColumn<QString>("within");
    QTest::addColumn<int>("overdue");
    QTest::addColumn<int>("completed");
    QTest::addColumn<int>("stopped");

    // Every event is half a day or more from the cut-off, whatever the local time zone.
    QTest::newRow("7 Nov: both wait")
        << QDate(2025, 11, 7) << QStringLiteral("Waiting") << QStringLiteral("Waiting")
        << QStringLiteral("1 of 1") << 0 << 0 << 0;
    QTest::newRow("13 Nov: non-CVE overdue")
        << QDate(2025, 11, 13) << QStringLiteral("Approved") << QStringLiteral("Waiting")
        << QStringLiteral("2 of 2") << 1 << 0 << 1;
    QTest::newRow("16 Nov: non-CVE late")
        << QDate(2025, 11, 16) << QStringLiteral("Approved") << QStringLiteral("Rejected")
        << QStringLiteral("2 of 3") << 0 << 1 << 1;
}

void tst_ComplianceReport::gathersFromTheBackends()
{
    QFETCH(QDate, date);
    QFETCH(QString, cleanDecision);
    QFETCH(QString, nonCveDecision);
    QFETCH(QString, within);
    QFETCH(int, overdue);
    QFETCH(int, completed);
    QFETCH(int, stopped);

    ComplianceReportGatherer gatherer(m_bench.tracker.get(), m_bench.firmware.get(), &m_rollouts);
    gatherer.setClock([] { return Generated; });
    QSignalSpy finished(&gatherer, &ComplianceReportGatherer::finished);
    QSignalSpy failed(&gatherer, &ComplianceReportGatherer::failed);
    QSignalSpy progress(&gatherer, &ComplianceReportGatherer::progressChanged);
    gatherer.start(date, vic); // a viewer may read everything the report needs
    QVERIFY(gatherer.isRunning());
    QTRY_COMPARE(finished.size() + failed.size(), 1);
    QVERIFY2(failed.isEmpty(),
             failed.isEmpty() ? "" : qPrintable(failed.first().first().toString()));
    QVERIFY(!gatherer.isRunning());
    QVERIFY(!progress.isEmpty());
    QCOMPARE(progress.last().at(0).toInt(), progress.last().at(1).toInt());

    const auto data = finished.first().first().value<ComplianceReportData>();
    QCOMPARE(data.date, date);
    QCOMPARE(data.author.name, vic.name);
    QCOMPARE(data.fleet.devices, 300);
    QCOMPARE(data.fleet.bySupportStatus[0] + data.fleet.bySupportStatus[1]
                 + data.fleet.bySupportStatus[2],
             300);
    QCOMPARE(data.overdueReleases(), overdue);
    QCOMPARE(int(data.completed.size()), completed);
    QCOMPARE(int(data.stopped.size()), stopped);
    QCOMPARE(data.refusedOnImport(), 3); // forged, rollback, unknown key

    const std::unique_ptr<QTextDocument> doc = ComplianceReportBuilder::document(data);
    const QList<QStringList> decisions = tableRows(doc.get(), DecisionHeaders);
    const QStringList cleanRow = rowStartingWith(decisions, versionOf(data, m_bench.releaseId(0)));
    QVERIFY2(cleanRow.value(3).startsWith(cleanDecision), qPrintable(cleanRow.join(u'|')));
    if (cleanDecision == QLatin1String("Approved")) {
        QCOMPARE(cleanRow.value(5), QStringLiteral("tom (Test engineer)"));
        QCOMPARE(cleanRow.value(6), QStringLiteral("3.0"));
        QCOMPARE(cleanRow.value(7), QStringLiteral("Yes"));
    }
    const QStringList nonCveRow = rowStartingWith(decisions, versionOf(data, m_bench.releaseId(1)));
    QVERIFY2(nonCveRow.value(3).startsWith(nonCveDecision), qPrintable(nonCveRow.join(u'|')));
    if (nonCveDecision == QLatin1String("Rejected")) {
        QCOMPARE(nonCveRow.value(6), QStringLiteral("9.0"));
        QVERIFY(nonCveRow.value(7).endsWith(QStringLiteral("No")));
    }
    QVERIFY2(doc->toPlainText().contains(within + QStringLiteral(" decided within 7 days.")),
             qPrintable(doc->toPlainText()));
}

void tst_ComplianceReport::backendErrorIsReportedLater()
{
    // The fake tracker answers compliance() at once, with an error: with Qt 6.4 the continuation
    // runs inside start(), yet failed() must come on a later turn, once.
    FakeTrackerBackend tracker(FakeTrackerBackend::makeFleet(10, QDate(2025, 11, 16)));
    ComplianceReportGatherer gatherer(&tracker, m_bench.firmware.get(), &m_rollouts);
    QSignalSpy finished(&gatherer, &ComplianceReportGatherer::finished);
    QSignalSpy failed(&gatherer, &ComplianceReportGatherer::failed);
    gatherer.start(QDate(2025, 11, 16), vic);
    QCOMPARE(failed.size(), 0);
    QTRY_COMPARE(failed.size(), 1);
    const QString message = failed.first().first().toString();
    QVERIFY2(message.contains(QStringLiteral("device counts"))
                 && message.contains(QStringLiteral("Not part of the fake tracker")),
             qPrintable(message));
    QTest::qWait(50); // nothing else follows
    QCOMPARE(failed.size(), 1);
    QCOMPARE(finished.size(), 0);

    // A rollout service error, likewise, and without a tracker no run starts at all.
    ComplianceReportGatherer second(m_bench.tracker.get(), m_bench.firmware.get(), &m_rollouts);
    QSignalSpy secondFailed(&second, &ComplianceReportGatherer::failed);
    m_rollouts.failNext(ServiceError::make(ServiceError::Code::PermissionDenied,
                                           QStringLiteral("vic may not view rollouts.")));
    second.start(QDate(2025, 11, 16), vic);
    QTRY_COMPARE(secondFailed.size(), 1);
    QVERIFY(secondFailed.first().first().toString().contains(QStringLiteral("may not view")));
    ComplianceReportGatherer none(nullptr, m_bench.firmware.get(), &m_rollouts);
    QSignalSpy noneFailed(&none, &ComplianceReportGatherer::failed);
    none.start(QDate(2025, 11, 16), vic);
    QTRY_COMPARE(noneFailed.size(), 1);
}

void tst_ComplianceReport::newerRunDropsTheOlder()
{
    ComplianceReportGatherer gatherer(m_bench.tracker.get(), m_bench.firmware.get(), &m_rollouts);
    QSignalSpy finished(&gatherer, &ComplianceReportGatherer::finished);
    m_rollouts.setHoldLists(true);
    gatherer.start(QDate(2025, 11, 8), vic);
    gatherer.start(QDate(2025, 11, 16), vic);
    QTRY_COMPARE(m_rollouts.heldLists(), 2);
    m_rollouts.setHoldLists(false);
    m_rollouts.releaseLists();
    QTRY_COMPARE(finished.size(), 1);
    QTest::qWait(50);
    QCOMPARE(finished.size(), 1);
    QCOMPARE(finished.first().first().value<ComplianceReportData>().date, QDate(2025, 11, 16));

    // Cancelled: nothing at all.
    finished.clear();
    gatherer.start(QDate(2025, 11, 16), vic);
    gatherer.cancel();
    QTest::qWait(200);
    QCOMPARE(finished.size(), 0);
    QVERIFY(!gatherer.isRunning());
}

QTEST_MAIN(tst_ComplianceReport)
#include "tst_compliancereport.moc"
