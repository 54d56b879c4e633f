// SPDX-License-Identifier: Apache-2.0
// The Import Devices dialog as an operator uses it (issue #7): choose a file, see what was
// detected and the guessed columns, change a column and watch the preview follow, validate and
// read the report (and export it), import and see the devices on the Devices page, cancel a big
// import, and get a clear word for a file that is not CSV or a role that may not import. Every
// model of the dialog runs under QAbstractItemModelTester.
#include "knownfleet.h"

#include "devicespage.h"
#include "devicetablemodel.h"
#include "inventoryimportdialog.h"
#include "inventorymappingmodel.h"
#include "inventorypreviewmodel.h"
#include "inventoryreportmodel.h"
#include "mainwindow.h"
#include "operatorsession.h"
#include "storage/database.h"
#include "tracker/inventoryimportbackend.h"
#include "tracker/localtrackerbackend.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Patchboard;

namespace {

const Operator ada{QStringLiteral("ada"), OperatorRole::Administrator};
const Operator vic{QStringLiteral("vic"), OperatorRole::Viewer};

// A European CRM export: semicolons, other column names, a notes column the import ignores.
const QByteArray crmHeader = "Device ID;Hardware model;Country;Security patch;Notes\r\n";
const QByteArray crmRows = "35 290611 000001 7;Acme One;Germany;2022-06-05;\"shop; Berlin\"\r\n"
                           "HLX-00000001;Beta Max;JP;2026-09-05;\r\n"
                           "352906110000025;Beta Max;Japan;2026-09-05;\r\n";

QByteArray imei(qint64 body)
{
    const QByteArray digits = QByteArray::number(body).rightJustified(14, '0');
    int sum = 0;
    for (int i = 0; i < 14; ++i) {
        int d = digits[13 - i] - '0';
        if (i % 2 == 0)
            d = d * 2 > 9 ? d * 2 - 9 : d * 2;
        sum += d;
    }
    return digits + QByteArray::number((10 - sum % 10) % 10);
}

} // namespace

class tst_InventoryImportDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void showsWhatWasDetectedAndGuessed();
    void changingAColumnUpdatesThePreview();
    void validateListsProblemsAndExportsThem();
    void importWritesEveryRow();
    void cancelWritesNothing();
    void notCsvIsSaidInWords();
    void onlyAdministratorsMayImport();
    void keyboardAndScreenReader();
    void mainWindowActionImportsIntoTheDevicesPage();

private:
    QString writeFile(const QString &name, const QByteArray &content);
    void openFile(const QString &path, bool expectOk = true);
    int deviceCount();

    QTemporaryDir m_dir;
    QString m_db;
    int m_counter = 0;
    std::unique_ptr<InventoryImportBackend> m_backend;
    std::unique_ptr<OperatorSession> m_session;
    std::unique_ptr<InventoryImportDialog> m_dialog;
    std::vector<std::unique_ptr<QAbstractItemModelTester>> m_testers;
};

void tst_InventoryImportDialog::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void tst_InventoryImportDialog::init()
{
    m_db = m_dir.filePath(QStringLiteral("fleet-%1.db").arg(++m_counter));
    QCOMPARE(KnownFleet::create(m_db), QString());
    m_backend = std::make_unique<InventoryImportBackend>();
    m_backend->setDatabasePath(m_db);
    m_backend->setReferenceTime(QDateTime(KnownFleet::referenceDate(), QTime(12, 0), Qt::UTC));
    m_session = std::make_unique<OperatorSession>(ada);
    m_dialog = std::make_unique<InventoryImportDialog>(m_backend.get(), m_session.get());
    // Before anything changes in them (STYLE.md practice 4).
    for (QAbstractItemModel *model : {static_cast<QAbstractItemModel *>(m_dialog->mappingModel()),
                                      static_cast<QAbstractItemModel *>(m_dialog->previewModel()),
                                      static_cast<QAbstractItemModel *>(m_dialog->reportModel())})
        m_testers.push_back(std::make_unique<QAbstractItemModelTester>(
            model, QAbstractItemModelTester::FailureReportingMode::QtTest));
    m_dialog->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_dialog.get()));
}

void tst_InventoryImportDialog::cleanup()
{
    m_testers.clear();
    m_dialog.reset();
    m_backend.reset();
    m_session.reset();
}

QString tst_InventoryImportDialog::writeFile(const QString &name, const QByteArray &content)
{
    const QString path = m_dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)
        || file.write(content) != content.size())
        qFatal("cannot write the test file");
    return path;
}

void tst_InventoryImportDialog::openFile(const QString &path, bool expectOk)
{
    QSignalSpy inspected(m_dialog.get(), &InventoryImportDialog::fileInspected);
    m_dialog->setFile(path);
    QTRY_COMPARE(inspected.size(), 1);
    QCOMPARE(inspected.at(0).at(0).toBool(), expectOk);
}

int tst_InventoryImportDialog::deviceCount()
{
    Result<Database> db = Database::open(m_db);
    if (!db)
        return -1;
    QSqlQuery query(db.value().connection());
    query.exec(QStringLiteral("SELECT count(*) FROM devices"));
    return query.next() ? query.value(0).toInt() : -1;
}

void tst_InventoryImportDialog::showsWhatWasDetectedAndGuessed()
{
    openFile(writeFile(QStringLiteral("crm.csv"), "\xEF\xBB\xBF" + crmHeader + crmRows));
    QVERIFY2(m_dialog->detectedText().contains(QStringLiteral("semicolon")),
             qPrintable(m_dialog->detectedText()));
    QVERIFY(m_dialog->detectedText().contains(QStringLiteral("byte-order mark")));
    QVERIFY(m_dialog->detectedText().contains(QStringLiteral("5 column")));

    // The guess, shown in the combo boxes: column number and name.
    QCOMPARE(m_dialog->columnBox(InventoryField::DeviceId)->currentText(),
             QStringLiteral("1: Device ID"));
    QCOMPARE(m_dialog->columnBox(InventoryField::Model)->currentText(),
             QStringLiteral("2: Hardware model"));
    QCOMPARE(m_dialog->columnBox(InventoryField::Region)->currentText(),
             QStringLiteral("3: Country"));
    QCOMPARE(m_dialog->columnBox(InventoryField::PatchLevel)->currentText(),
             QStringLiteral("4: Security patch"));
    QCOMPARE(m_dialog->columnBox(InventoryField::FirmwareVersion)->currentText(),
             QStringLiteral("(not in the file)"));
    const InventoryMappingModel *mapping = m_dialog->mappingModel();
    QCOMPARE(mapping->index(int(InventoryField::DeviceId), InventoryMappingModel::FieldColumn)
                 .data()
                 .toString(),
             QStringLiteral("Device ID *"));
    QCOMPARE(mapping->index(int(InventoryField::DeviceId), InventoryMappingModel::SampleColumn)
                 .data()
                 .toString(),
             QStringLiteral("35 290611 000001 7"));

    // The preview: values as they will be stored, and what happens to each row.
    const InventoryPreviewModel *preview = m_dialog->previewModel();
    QCOMPARE(preview->rowCount(), 3);
    auto cell = [preview](int row, int column) {
        return preview->index(row, column).data().toString();
    };
    QCOMPARE(cell(0, InventoryPreviewModel::LineColumn), QStringLiteral("2"));
    QCOMPARE(cell(0, InventoryPreviewModel::DeviceIdColumn), QStringLiteral("352906110000017"));
    QCOMPARE(cell(0, InventoryPreviewModel::ModelColumn), QStringLiteral("Acme One"));
    QCOMPARE(cell(0, InventoryPreviewModel::RegionColumn), QStringLiteral("Germany (DE)"));
    QCOMPARE(cell(0, InventoryPreviewModel::FirmwareColumn),
             QStringLiteral("1.0 (from the patch level)"));
    QCOMPARE(cell(0, InventoryPreviewModel::PatchLevelColumn), QStringLiteral("2022-06-05"));
    QCOMPARE(cell(0, InventoryPreviewModel::OutcomeColumn), QStringLiteral("Add"));
    QCOMPARE(cell(1, InventoryPreviewModel::OutcomeColumn), QStringLiteral("Update"));
    QCOMPARE(cell(1, InventoryPreviewModel::LastCheckInColumn), QStringLiteral("(kept)"));
    QCOMPARE(preview->badRows(), 0);
    QVERIFY(m_dialog->validateButton()->isEnabled());
    QVERIFY(m_dialog->importButton()->isEnabled());
}

void tst_InventoryImportDialog::changingAColumnUpdatesThePreview()
{
    openFile(writeFile(QStringLiteral("crm.csv"), crmHeader + crmRows));
    const InventoryPreviewModel *preview = m_dialog->previewModel();
    QComboBox *region = m_dialog->columnBox(InventoryField::Region);

    // The notes column as the region: every row has an unknown (or empty) region now.
    region->setCurrentIndex(5);
    QCOMPARE(m_dialog->mappingModel()->mapping().column(InventoryField::Region), 4);
    QCOMPARE(preview->badRows(), 3);
    const QModelIndex bad = preview->index(0, InventoryPreviewModel::RegionColumn);
    QVERIFY(bad.data().toString().contains(QStringLiteral("shop; Berlin")));
    QVERIFY(bad.data(Qt::ToolTipRole).toString().contains(QStringLiteral("no region")));
    QVERIFY(bad.data(Qt::ForegroundRole).isValid()); // coloured, and marked in the text
    QVERIFY(preview->index(0, InventoryPreviewModel::OutcomeColumn)
                .data()
                .toString()
                .contains(QStringLiteral("1 problem")));

    // No region column at all: the mapping is incomplete, nothing can start.
    region->setCurrentIndex(0);
    QVERIFY(!m_dialog->validateButton()->isEnabled());
    QVERIFY(!m_dialog->importButton()->isEnabled());
    QVERIFY2(m_dialog->mappingProblemsText().contains(QStringLiteral("region")),
             qPrintable(m_dialog->mappingProblemsText()));

    region->setCurrentIndex(3);
    QCOMPARE(preview->badRows(), 0);
    QVERIFY(m_dialog->mappingProblemsText().isEmpty());
    QVERIFY(m_dialog->importButton()->isEnabled());

    // Not updating known devices: the known device's row says so before any validation.
    m_dialog->updateExistingBox()->setChecked(false);
    QVERIFY(preview->index(1, InventoryPreviewModel::OutcomeColumn)
                .data()
                .toString()
                .contains(QStringLiteral("problem")));
    QVERIFY(preview->index(1, InventoryPreviewModel::DeviceIdColumn)
                .data(Qt::ToolTipRole)
                .toString()
                .contains(QStringLiteral("already")));
}

void tst_InventoryImportDialog::validateListsProblemsAndExportsThem()
{
    const int before = deviceCount();
    openFile(writeFile(QStringLiteral("bad.csv"),
                       crmHeader + crmRows + "352906110000018;Acme One;DE;2022-06-05;\r\n"
                           + "352906110000033;Acme One;DE;05.06.2022;\r\n"
                           + "352906110000025;Acme One;DE;2022-06-05;\r\n"));
    QSignalSpy validated(m_dialog.get(), &InventoryImportDialog::validated);
    QTest::mouseClick(m_dialog->validateButton(), Qt::LeftButton);
    QTRY_COMPARE(validated.size(), 1);
    const InventoryReportModel *report = m_dialog->reportModel();
    QCOMPARE(report->rowCount(), 3);
    auto cell = [report](int row, int column) {
        return report->index(row, column).data().toString();
    };
    QCOMPARE(cell(0, InventoryReportModel::LineColumn), QStringLiteral("5"));
    QCOMPARE(cell(0, InventoryReportModel::ColumnColumn), QStringLiteral("Device ID"));
    QCOMPARE(cell(0, InventoryReportModel::ValueColumn), QStringLiteral("352906110000018"));
    QCOMPARE(cell(0, InventoryReportModel::ProblemColumn), QStringLiteral("bad IMEI check digit"));
    QCOMPARE(cell(1, InventoryReportModel::ProblemColumn), QStringLiteral("malformed date"));
    QCOMPARE(cell(2, InventoryReportModel::ProblemColumn), QStringLiteral("duplicate device ID"));
    QVERIFY(cell(2, InventoryReportModel::ReasonColumn).contains(QStringLiteral("line 4")));
    QVERIFY2(report->summary().contains(QStringLiteral("3 problem")),
             qPrintable(report->summary()));
    QVERIFY2(m_dialog->statusText().contains(QStringLiteral("3 problem")),
             qPrintable(m_dialog->statusText()));
    QCOMPARE(deviceCount(), before);
    // The dialog as it looks with a report, for the eye (in the temporary folder).
    QVERIFY(m_dialog->grab().save(
        QDir::temp().filePath(QStringLiteral("patchboard-inventoryimportdialog.png"))));

    // Import refuses the same file as a whole.
    QSignalSpy again(m_dialog.get(), &InventoryImportDialog::validated);
    QTest::mouseClick(m_dialog->importButton(), Qt::LeftButton);
    QTRY_COMPARE(again.size(), 1);
    QVERIFY(m_dialog->statusText().contains(QStringLiteral("Nothing was imported")));
    QCOMPARE(deviceCount(), before);

    // The report as CSV, for whoever fixes the CRM.
    QVERIFY(m_dialog->exportReportButton()->isEnabled());
    const QString exported = m_dir.filePath(QStringLiteral("problems.csv"));
    m_dialog->exportReport(exported);
    QTRY_VERIFY(m_dialog->statusText().contains(QStringLiteral("Report written")));
    QFile file(exported);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = file.readAll().split('\n');
    QCOMPARE(lines.value(0).trimmed(), QByteArray("line,column,value,problem,reason"));
    QVERIFY(lines.value(1).startsWith("5,Device ID,352906110000018,bad-imei-check-digit,"));
}

void tst_InventoryImportDialog::importWritesEveryRow()
{
    const int before = deviceCount();
    openFile(writeFile(QStringLiteral("good.csv"), crmHeader + crmRows));
    QSignalSpy imported(m_dialog.get(), &InventoryImportDialog::imported);
    QSignalSpy told(m_backend.get(), &InventoryImportBackend::devicesImported);
    QTest::mouseClick(m_dialog->importButton(), Qt::LeftButton);
    QVERIFY(!m_dialog->importButton()->isEnabled()); // no second click while it runs
    QTRY_COMPARE(imported.size(), 1);
    QTRY_COMPARE(told.size(), 1);
    QCOMPARE(deviceCount(), before + 2);
    QVERIFY2(
        m_dialog->statusText().contains(QStringLiteral("Imported good.csv: 2 added, 1 updated")),
        qPrintable(m_dialog->statusText()));
    QCOMPARE(m_dialog->progressBar()->value(), m_dialog->progressBar()->maximum());
    QVERIFY(!m_dialog->importButton()->isEnabled()); // done; not twice by accident
    QVERIFY(m_dialog->validateButton()->isEnabled());
}

void tst_InventoryImportDialog::cancelWritesNothing()
{
    QByteArray content = crmHeader;
    for (int i = 0; i < 300000; ++i)
        content += imei(35291000000000 + i) + ";Acme Two;DE;2026-10-01;\r\n";
    openFile(writeFile(QStringLiteral("big.csv"), content));
    const int before = deviceCount();
    QSignalSpy failed(m_dialog.get(), &InventoryImportDialog::jobFailed);
    QSignalSpy imported(m_dialog.get(), &InventoryImportDialog::imported);
    QTest::mouseClick(m_dialog->importButton(), Qt::LeftButton);
    QVERIFY(m_dialog->cancelButton()->isEnabled());
    QTRY_VERIFY(m_dialog->progressBar()->value() > 0);
    QTest::mouseClick(m_dialog->cancelButton(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 30000);
    QCOMPARE(imported.size(), 0);
    QVERIFY2(m_dialog->statusText().contains(QStringLiteral("Cancelled; no device was changed")),
             qPrintable(m_dialog->statusText()));
    QCOMPARE(deviceCount(), before);
    QVERIFY(!m_dialog->cancelButton()->isEnabled());
    QVERIFY(m_dialog->importButton()->isEnabled()); // ready to try again
}

void tst_InventoryImportDialog::notCsvIsSaidInWords()
{
    openFile(writeFile(QStringLiteral("empty.csv"), QByteArray()), false);
    QVERIFY2(m_dialog->statusText().contains(QStringLiteral("empty.csv is empty")),
             qPrintable(m_dialog->statusText()));
    QVERIFY(!m_dialog->validateButton()->isEnabled());
    QVERIFY(!m_dialog->importButton()->isEnabled());
    QCOMPARE(m_dialog->previewModel()->rowCount(), 0);

    openFile(writeFile(QStringLiteral("header.csv"), crmHeader), false);
    QVERIFY(m_dialog->statusText().contains(QStringLiteral("no device rows")));

    openFile(writeFile(QStringLiteral("letter.txt"), "Dear operator\nthe devices are attached\n"),
             false);
    QVERIFY2(m_dialog->statusText().contains(QStringLiteral("single column")),
             qPrintable(m_dialog->statusText()));
}

void tst_InventoryImportDialog::onlyAdministratorsMayImport()
{
    m_session->setOperator(vic);
    openFile(writeFile(QStringLiteral("crm.csv"), crmHeader + crmRows));
    QVERIFY(!m_dialog->validateButton()->isEnabled());
    QVERIFY(!m_dialog->importButton()->isEnabled());
    QVERIFY2(m_dialog->importButton()->toolTip().contains(QStringLiteral("Administrator")),
             qPrintable(m_dialog->importButton()->toolTip()));
    // The preview is still there: a viewer may look at what would be imported.
    QCOMPARE(m_dialog->previewModel()->rowCount(), 3);
    m_session->setOperator(ada);
    QVERIFY(m_dialog->importButton()->isEnabled());
}

void tst_InventoryImportDialog::keyboardAndScreenReader()
{
    openFile(writeFile(QStringLiteral("crm.csv"), crmHeader + crmRows));
    for (InventoryField field : InventoryMapping::allFields()) {
        QComboBox *box = m_dialog->columnBox(field);
        QVERIFY(!box->accessibleName().isEmpty());
        QVERIFY(box->focusPolicy() & Qt::TabFocus);
    }
    QVERIFY(!m_dialog->fileEdit()->accessibleName().isEmpty());
    QVERIFY(!m_dialog->previewView()->tabKeyNavigation());
    QVERIFY(!m_dialog->reportView()->tabKeyNavigation());
    QVERIFY(!m_dialog->progressBar()->accessibleName().isEmpty());

    // Tab from the file field through every column choice to the buttons, never stuck.
    m_dialog->fileEdit()->setFocus();
    QTRY_COMPARE(QApplication::focusWidget(), static_cast<QWidget *>(m_dialog->fileEdit()));
    QList<QWidget *> reached;
    for (int i = 0; i < 40 && !reached.contains(m_dialog->importButton()); ++i) {
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        reached << QApplication::focusWidget();
    }
    QVERIFY(reached.contains(m_dialog->columnBox(InventoryField::DeviceId)));
    QVERIFY(reached.contains(m_dialog->columnBox(InventoryField::Ported)));
    QVERIFY(reached.contains(m_dialog->updateExistingBox()));
    QVERIFY(reached.contains(m_dialog->previewView()));
    QVERIFY(reached.contains(m_dialog->validateButton()));
    QVERIFY(reached.contains(m_dialog->importButton()));

    // Choosing a column from the keyboard: Down in the combo box.
    QComboBox *firmware = m_dialog->columnBox(InventoryField::FirmwareVersion);
    firmware->setFocus();
    QTest::keyClick(firmware, Qt::Key_Down);
    QCOMPARE(m_dialog->mappingModel()->mapping().column(InventoryField::FirmwareVersion), 0);
}

void tst_InventoryImportDialog::mainWindowActionImportsIntoTheDevicesPage()
{
    m_testers.clear();
    m_dialog.reset();
    LocalTrackerBackend tracker;
    LocalTrackerBackend::Options options;
    options.databasePath = m_db;
    options.demoDevices = 0;
    options.referenceDate = KnownFleet::referenceDate();
    QFuture<Result<LocalTrackerBackend::OpenReport>> opened = tracker.open(options);
    QTRY_VERIFY(opened.isFinished());
    QVERIFY(opened.result().ok());
    tracker.setMinimumRefreshInterval(0);
    QObject::connect(m_backend.get(), &InventoryImportBackend::devicesImported, &tracker,
                     &LocalTrackerBackend::refresh);

    MainWindow window(&tracker, nullptr, nullptr, m_session.get());
    QAction *action = window.importDevicesAction();
    QVERIFY(action);
    QCOMPARE(action->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_I));
    QVERIFY(action->text().contains(QStringLiteral("Import Devices")));
    QVERIFY(action->toolTip().contains(action->shortcut().toString(QKeySequence::NativeText)));
    QVERIFY(!action->isEnabled()); // no import backend yet
    window.setInventoryImport(m_backend.get());
    QVERIFY(action->isEnabled());
    m_session->setOperator(vic);
    QVERIFY(!action->isEnabled());
    QVERIFY(action->toolTip().contains(QStringLiteral("Administrator")));
    m_session->setOperator(ada);
    QVERIFY(action->isEnabled());
    const QList<QAction *> fileMenu = window.menuBar()->actions().constFirst()->menu()->actions();
    QVERIFY(fileMenu.contains(action));

    window.show();
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QTRY_COMPARE(window.devicesPage()->model()->fleetSize(), 9);
    QTest::keyClick(&window, Qt::Key_I, Qt::ControlModifier);
    InventoryImportDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = window.findChild<InventoryImportDialog *>()) != nullptr);
    QTRY_VERIFY(dialog->isVisible());
    QSignalSpy inspected(dialog, &InventoryImportDialog::fileInspected);
    dialog->setFile(writeFile(QStringLiteral("window.csv"), crmHeader + crmRows));
    QTRY_COMPARE(inspected.size(), 1);
    QSignalSpy imported(dialog, &InventoryImportDialog::imported);
    dialog->startImport();
    QTRY_COMPARE(imported.size(), 1);
    // The tracker reloads its index and the Devices page shows the new devices.
    QTRY_COMPARE(window.devicesPage()->model()->fleetSize(), 11);
    dialog->close();
}

QTEST_MAIN(tst_InventoryImportDialog)
#include "tst_inventoryimportdialog.moc"
