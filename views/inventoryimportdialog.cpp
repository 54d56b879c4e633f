// SPDX-License-Identifier: Apache-2.0
#include "inventoryimportdialog.h"

#include "deviceformat.h"
#include "inventorymappingeditor.h"
#include "inventorymappingmodel.h"
#include "inventorypreviewmodel.h"
#include "inventoryreportmodel.h"
#include "operatorsession.h"
#include "tracker/inventoryimportbackend.h"
#include "viewstyle.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QStandardPaths>
#include <QTableView>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace Patchboard {

namespace {

QString documentsFolder()
{
    const QString docs = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    return docs.isEmpty() ? QDir::homePath() : docs;
}

void setUpTable(QTableView *view, const QString &name)
{
    view->setAccessibleName(name);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setAlternatingRowColors(true);
    view->setWordWrap(false);
    view->setTabKeyNavigation(false); // Tab leaves the table (arrows move within it)
    view->verticalHeader()->hide();
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 8);
    view->horizontalHeader()->setStretchLastSection(true);
    view->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
}

} // namespace

InventoryImportDialog::InventoryImportDialog(InventoryImportBackend *backend,
                                             OperatorSession *session, QWidget *parent)
    : QDialog(parent)
    , m_backend(backend)
    , m_session(session)
    , m_mappingModel(new InventoryMappingModel(this))
    , m_previewModel(new InventoryPreviewModel(this))
    , m_reportModel(new InventoryReportModel(this))
    , m_fileEdit(new QLineEdit(this))
    , m_browse(new QPushButton(tr("&Browse\u2026"), this))
    , m_detected(new QLabel(this))
    , m_mapping(new InventoryMappingEditor(m_mappingModel, this))
    , m_mappingProblems(new QLabel(this))
    , m_updateExisting(new QCheckBox(tr("&Update devices that are already in the database"), this))
    , m_previewLabel(new QLabel(this))
    , m_previewView(new QTableView(this))
    , m_reportSummary(new QLabel(this))
    , m_reportView(new QTableView(this))
    , m_exportReport(new QPushButton(tr("E&xport Report\u2026"), this))
    , m_progress(new QProgressBar(this))
    , m_status(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Close, this))
{
    setWindowTitle(tr("Import Devices"));
    auto *intro = new QLabel(tr("Add or update devices from the inventory your CRM or "
                                "device-management tool exported as CSV. Every row is checked "
                                "first; the devices are written all together, or not at all."),
                             this);
    intro->setWordWrap(true);

    m_fileEdit->setAccessibleName(tr("CSV file to import"));
    m_fileEdit->setPlaceholderText(tr("Path of the CSV file"));
    m_browse->setAccessibleName(tr("Browse for the CSV file"));
    m_detected->setAccessibleName(tr("Detected file format"));
    m_detected->setTextInteractionFlags(Qt::TextSelectableByMouse);
    ViewStyle::setMuted(m_detected);
    auto *fileLabel = new QLabel(tr("&File:"), this);
    fileLabel->setBuddy(m_fileEdit);
    auto *fileRow = new QHBoxLayout;
    fileRow->addWidget(fileLabel);
    fileRow->addWidget(m_fileEdit, 1);
    fileRow->addWidget(m_browse);

    m_mappingProblems->setWordWrap(true);
    m_mappingProblems->setTextFormat(Qt::PlainText);
    QPalette critical = m_mappingProblems->palette();
    critical.setColor(QPalette::WindowText, DeviceFormat::criticalColor());
    m_mappingProblems->setPalette(critical);
    m_mappingProblems->hide();
    m_updateExisting->setChecked(true);
    m_updateExisting->setToolTip(tr("A device already in the database gets the file's values "
                                    "(its update state stays). Without this, such a row is a "
                                    "problem and nothing is imported."));
    auto *columns = new QGroupBox(tr("Columns"), this);
    auto *columnsLayout = new QVBoxLayout(columns);
    columnsLayout->addWidget(m_mapping);
    auto *legend = new QLabel(tr("* required; the patch level or the firmware version is needed "
                                 "too."),
                              columns);
    legend->setWordWrap(true);
    ViewStyle::setMuted(legend);
    columnsLayout->addWidget(legend);
    columnsLayout->addWidget(m_mappingProblems);
    columnsLayout->addWidget(m_updateExisting);
    columnsLayout->addStretch(1);

    m_previewView->setModel(m_previewModel);
    setUpTable(m_previewView, tr("Preview of the first rows"));
    connect(m_previewModel, &QAbstractItemModel::modelReset, m_previewView,
            &QTableView::resizeColumnsToContents);
    m_previewLabel->setWordWrap(true);
    auto *preview = new QGroupBox(tr("Preview"), this);
    auto *previewLayout = new QVBoxLayout(preview);
    previewLayout->addWidget(m_previewLabel);
    previewLayout->addWidget(m_previewView, 1);
    auto *upper = new QHBoxLayout;
    upper->addWidget(columns, 0);
    upper->addWidget(preview, 1);

    m_reportView->setModel(m_reportModel);
    setUpTable(m_reportView, tr("Validation report"));
    connect(m_reportModel, &QAbstractItemModel::modelReset, m_reportView, [this] {
        // The reason takes what is left.
        for (int column = 0; column < InventoryReportModel::ReasonColumn; ++column)
            m_reportView->resizeColumnToContents(column);
    });
    m_reportView->setMinimumHeight(fontMetrics().height() * 8);
    m_reportSummary->setWordWrap(true);
    m_reportSummary->setTextFormat(Qt::PlainText);
    m_reportSummary->setTextInteractionFlags(Qt::TextSelectableByMouse
                                             | Qt::TextSelectableByKeyboard);
    m_reportSummary->setText(tr("Validate checks every row: IMEI check digits, models, regions, "
                                "firmware builds, dates, duplicates. Problems are listed here by "
                                "line."));
    m_exportReport->setToolTip(tr("Saves the problems as a CSV file, to fix them at the source."));
    auto *report = new QGroupBox(tr("Validation report"), this);
    auto *reportLayout = new QVBoxLayout(report);
    auto *reportTop = new QHBoxLayout;
    reportTop->addWidget(m_reportSummary, 1);
    reportTop->addWidget(m_exportReport, 0, Qt::AlignTop);
    reportLayout->addLayout(reportTop);
    reportLayout->addWidget(m_reportView, 1);

    m_progress->setRange(0, 1000);
    m_progress->setValue(0);
    m_progress->setTextVisible(false);
    m_progress->setAccessibleName(tr("Import progress"));
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_status->setAccessibleName(tr("Import status"));
    m_status->setMinimumHeight(m_status->fontMetrics().height() * 2);

    m_validate = m_buttons->addButton(tr("&Validate"), QDialogButtonBox::ActionRole);
    m_import = m_buttons->addButton(tr("&Import"), QDialogButtonBox::ActionRole);
    m_cancel = m_buttons->addButton(tr("&Cancel"), QDialogButtonBox::ActionRole);
    m_cancel->setToolTip(tr("Stops the check or the import; nothing is changed."));
    // Enter in the file field reads the file; it must not also press a button.
    for (QPushButton *button : {m_browse, m_exportReport, m_validate, m_import, m_cancel,
                                m_buttons->button(QDialogButtonBox::Close)})
        button->setAutoDefault(false);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(fileRow);
    layout->addWidget(m_detected);
    layout->addLayout(upper, 3);
    layout->addWidget(report, 2);
    layout->addWidget(m_progress);
    layout->addWidget(m_status);
    layout->addWidget(m_buttons);
    setTabOrder(m_fileEdit, m_browse);
    setTabOrder(m_browse, columnBox(InventoryField::DeviceId));
    QWidget *previous = columnBox(InventoryField::DeviceId);
    for (InventoryField field : InventoryMapping::allFields()) {
        setTabOrder(previous, columnBox(field));
        previous = columnBox(field);
    }
    setTabOrder(previous, m_updateExisting);
    setTabOrder(m_updateExisting, m_previewView);
    setTabOrder(m_previewView, m_exportReport);
    setTabOrder(m_exportReport, m_reportView);
    setTabOrder(m_reportView, m_validate);
    setTabOrder(m_validate, m_import);
    setTabOrder(m_import, m_cancel);

    connect(m_fileEdit, &QLineEdit::returnPressed, this,
            [this] { setFile(QDir::fromNativeSeparators(m_fileEdit->text().trimmed())); });
    connect(m_browse, &QPushButton::clicked, this, &InventoryImportDialog::browse);
    connect(m_validate, &QPushButton::clicked, this, &InventoryImportDialog::validate);
    connect(m_import, &QPushButton::clicked, this, &InventoryImportDialog::startImport);
    connect(m_cancel, &QPushButton::clicked, this, &InventoryImportDialog::cancelJob);
    connect(m_exportReport, &QPushButton::clicked, this, [this] { exportReport(); });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &InventoryImportDialog::reject);
    // A new mapping or choice makes an earlier report stale.
    connect(m_mappingModel, &InventoryMappingModel::mappingChanged, this,
            [this](const InventoryMapping &mapping) {
                m_previewModel->setMapping(mapping);
                m_reportModel->clear();
                m_done = false;
                updateActions();
            });
    connect(m_updateExisting, &QCheckBox::toggled, this, [this](bool update) {
        m_previewModel->setUpdateExisting(update);
        m_reportModel->clear();
        m_done = false;
        updateActions();
    });
    connect(&m_job, &QFutureWatcherBase::progressRangeChanged, m_progress, &QProgressBar::setRange);
    connect(&m_job, &QFutureWatcherBase::progressValueChanged, m_progress, &QProgressBar::setValue);
    connect(&m_job, &QFutureWatcherBase::progressTextChanged, this,
            [this](const QString &text) { showStatus(text, false); });
    connect(&m_job, &QFutureWatcherBase::finished, this, &InventoryImportDialog::onJobFinished);
    if (m_session)
        connect(m_session, &OperatorSession::operatorChanged, this,
                &InventoryImportDialog::updateActions);
    if (m_backend) {
        // Committed although Cancel was pressed (it came after the COMMIT): say what happened.
        connect(m_backend, &InventoryImportBackend::devicesImported, this,
                [this](const InventoryReport &done) {
                    if (!m_cancelRequested || done.path != m_path)
                        return;
                    m_cancelRequested = false;
                    m_done = true;
                    m_reportModel->setReport(done);
                    m_reportSummary->setText(m_reportModel->summary());
                    showStatus(tr("The import had finished before it could be cancelled: %1")
                                   .arg(m_reportModel->summary()),
                               false);
                    updateActions();
                    Q_EMIT imported(done);
                });
    }
    updateActions();
    if (m_session && !m_session->allows(Permission::ImportDevices))
        showStatus(DeviceFormat::warningMarker()
                       + m_session->deniedReason(Permission::ImportDevices),
                   true);
    resize(1180, 820);
}

InventoryImportDialog::~InventoryImportDialog()
{
    if (m_job.isRunning())
        m_job.cancel(); // the backend stops at its next progress report, writing nothing
}

QComboBox *InventoryImportDialog::columnBox(InventoryField field) const
{
    return m_mapping->columnBox(field);
}

QString InventoryImportDialog::statusText() const
{
    return m_status->text();
}

QString InventoryImportDialog::detectedText() const
{
    return m_detected->text();
}

QString InventoryImportDialog::mappingProblemsText() const
{
    return m_mappingProblems->text();
}

void InventoryImportDialog::setDetected(const QString &text)
{
    m_detected->setText(text);
}

void InventoryImportDialog::browse()
{
    const QString start = m_path.isEmpty() ? documentsFolder() : QFileInfo(m_path).absolutePath();
    const QString path = QFileDialog::getOpenFileName(this, tr("Import Devices"), start,
                                                      tr("CSV files (*.csv *.txt);;All files (*)"));
    if (!path.isEmpty())
        setFile(path);
}

void InventoryImportDialog::setFile(const QString &path)
{
    if (m_job.isRunning())
        return;
    m_path = path;
    m_fileEdit->setText(QDir::toNativeSeparators(path));
    m_fileOk = false;
    m_done = false;
    m_preview = InventoryPreview();
    m_mappingModel->clear();
    m_previewModel->clear();
    m_reportModel->clear();
    m_previewLabel->clear();
    m_progress->setValue(0);
    setDetected(QString());
    const quint64 id = ++m_inspectId;
    if (path.isEmpty() || !m_backend) {
        m_inspecting = false;
        updateActions();
        return;
    }
    m_inspecting = true;
    showStatus(tr("Reading %1\u2026").arg(QFileInfo(path).fileName()), false);
    updateActions();
    m_backend->inspect(path).then(
        this, [this, id](const Result<InventoryPreview> &result) { onInspected(id, result); });
}

void InventoryImportDialog::onInspected(quint64 id, const Result<InventoryPreview> &result)
{
    if (id != m_inspectId)
        return; // another file was chosen meanwhile
    m_inspecting = false;
    if (!result.ok()) {
        showStatus(DeviceFormat::warningMarker() + result.error().text(), true);
        updateActions();
        Q_EMIT fileInspected(false);
        return;
    }
    m_preview = result.value();
    m_fileOk = true;
    const QString size = QLocale().formattedDataSize(m_preview.bytes);
    setDetected(tr("Encoding: %1 \u00b7 Separator: %2 \u00b7 Size: %3 \u00b7 %Ln column(s)",
                   nullptr, int(m_preview.header.size()))
                    .arg(m_preview.encoding, m_preview.separatorName, size));
    const QDateTime now = m_backend ? m_backend->referenceTime() : QDateTime();
    m_previewModel->setPreview(m_preview, m_preview.guess, m_updateExisting->isChecked(), now);
    m_mappingModel->setFile(m_preview.header, m_preview.rows.value(0), m_preview.guess);
    const QString rows
        = tr("The first %Ln row(s) as they will be imported.", nullptr, int(m_preview.rows.size()));
    m_previewLabel->setText(m_preview.moreRows
                                ? tr("%1 The file has more; Validate checks them all.").arg(rows)
                                : rows);
    showStatus(tr("Check the columns and the preview, then validate or import."), false);
    updateActions();
    Q_EMIT fileInspected(true);
}

void InventoryImportDialog::validate()
{
    run(false);
}

void InventoryImportDialog::startImport()
{
    run(true);
}

void InventoryImportDialog::run(bool write)
{
    if (!(write ? m_import : m_validate)->isEnabled() || !m_backend)
        return;
    m_jobWrites = write;
    m_cancelRequested = false;
    m_reportModel->clear();
    m_reportSummary->clear();
    m_progress->setRange(0, 1000);
    m_progress->setValue(0);
    const Operator who = m_session ? m_session->current() : Operator();
    const InventoryMapping mapping = m_mappingModel->mapping();
    const bool update = m_updateExisting->isChecked();
    showStatus(write ? tr("Importing %1\u2026").arg(QFileInfo(m_path).fileName())
                     : tr("Checking %1\u2026").arg(QFileInfo(m_path).fileName()),
               false);
    m_job.setFuture(write ? m_backend->run(who, m_path, mapping, update)
                          : m_backend->validate(who, m_path, mapping, update));
    updateActions();
}

void InventoryImportDialog::cancelJob()
{
    if (!m_job.isRunning())
        return;
    m_cancelRequested = true;
    m_job.cancel();
    showStatus(tr("Cancelling\u2026"), false);
    updateActions();
}

void InventoryImportDialog::onJobFinished()
{
    const QFuture<Result<InventoryReport>> future = m_job.future();
    auto failed = [this](const QString &message, bool error) {
        m_progress->setValue(0);
        showStatus(error ? DeviceFormat::warningMarker() + message : message, error);
        updateActions();
        Q_EMIT jobFailed(message);
    };
    if (future.isCanceled() || future.resultCount() == 0)
        return failed(m_jobWrites ? tr("Cancelled; no device was changed.") : tr("Cancelled."),
                      false);
    const Result<InventoryReport> result = future.result();
    if (!result.ok())
        return failed(result.error().text(), result.error().code != ServiceError::Code::Cancelled);
    m_cancelRequested = false;
    const InventoryReport &report = result.value();
    m_reportModel->setReport(report);
    m_reportSummary->setText(m_reportModel->summary());
    m_progress->setValue(m_progress->maximum());
    const QString seconds = QLocale().toString(double(report.elapsedMs) / 1000.0, 'f', 1);
    if (report.written) {
        m_done = true;
        showStatus(tr("Imported %1: %2 added, %3 updated, in %4 s. The Devices page shows them.")
                       .arg(QFileInfo(report.path).fileName(),
                            DeviceFormat::number(report.newDevices),
                            DeviceFormat::number(report.updatedDevices), seconds),
                   false);
        updateActions();
        Q_EMIT imported(report);
        return;
    }
    if (report.isClean()) {
        showStatus(tr("Every row can be imported (checked in %1 s).").arg(seconds), false);
    } else {
        const QString found = tr("%Ln problem(s) found; see the report. Fix them in the file "
                                 "and try again.",
                                 nullptr, int(qMin<qint64>(report.problemCount, INT_MAX)));
        showStatus(DeviceFormat::warningMarker()
                       + (m_jobWrites ? tr("Nothing was imported: %1").arg(found) : found),
                   true);
        m_reportView->setFocus(Qt::OtherFocusReason);
    }
    updateActions();
    Q_EMIT validated(report);
}

void InventoryImportDialog::exportReport(const QString &path)
{
    if (m_reportModel->rowCount() == 0)
        return;
    QString target = path;
    if (target.isEmpty()) {
        const QString suggested
            = QDir(documentsFolder())
                  .filePath(
                      tr("%1-problems.csv", "file name").arg(QFileInfo(m_path).completeBaseName()));
        target = QFileDialog::getSaveFileName(this, tr("Export Validation Report"), suggested,
                                              tr("CSV files (*.csv)"));
        if (target.isEmpty())
            return;
    }
    const InventoryReport report = m_reportModel->report();
    // A file write: off the GUI thread like everything that touches the disk.
    QtConcurrent::run([report, target] {
        return InventoryImport::writeProblems(report, target);
    }).then(this, [this, target](const Status &written) {
        if (written.ok())
            showStatus(tr("Report written to %1.").arg(QDir::toNativeSeparators(target)), false);
        else
            showStatus(DeviceFormat::warningMarker() + written.error().text(), true);
    });
}

void InventoryImportDialog::reject()
{
    // Escape or Close while working stops the work and keeps the dialog open.
    if (m_job.isRunning()) {
        cancelJob();
        return;
    }
    QDialog::reject();
}

void InventoryImportDialog::updateActions()
{
    const bool running = m_job.isRunning();
    const bool allowed = m_session && m_session->allows(Permission::ImportDevices);
    const QStringList problems = m_fileOk ? m_mappingModel->problems() : QStringList();
    m_mappingProblems->setText(problems.isEmpty() ? QString()
                                                  : DeviceFormat::warningMarker()
                                       + problems.join(QLatin1Char('\n')));
    m_mappingProblems->setVisible(!problems.isEmpty());
    const bool ready = m_backend && m_fileOk && problems.isEmpty() && !running && !m_inspecting;
    m_validate->setEnabled(ready && allowed);
    m_import->setEnabled(ready && allowed && !m_done);
    const QString denied = m_session ? m_session->deniedReason(Permission::ImportDevices)
                                     : tr("No operator is signed in.");
    m_validate->setToolTip(allowed ? tr("Checks every row; nothing is written.") : denied);
    m_import->setToolTip(allowed ? tr("Checks every row and writes them all in one transaction, "
                                      "or nothing when a row has a problem.")
                                 : denied);
    m_cancel->setEnabled(running && !m_cancelRequested);
    m_fileEdit->setEnabled(!running);
    m_browse->setEnabled(!running);
    m_mapping->setEnabled(!running && m_fileOk);
    m_updateExisting->setEnabled(!running);
    m_exportReport->setEnabled(!running && m_reportModel->rowCount() > 0);
}

void InventoryImportDialog::showStatus(const QString &text, bool error)
{
    QPalette p = palette();
    if (error)
        p.setColor(QPalette::WindowText, DeviceFormat::criticalColor());
    m_status->setPalette(p);
    m_status->setText(text);
}

} // namespace Patchboard
