// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "tracker/inventoryimport.h"

#include <QDialog>
#include <QFutureWatcher>
#include <QPointer>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTableView;

namespace Patchboard {

class InventoryImportBackend;
class InventoryMappingEditor;
class InventoryMappingModel;
class InventoryPreviewModel;
class InventoryReportModel;
class OperatorSession;

// File > Import Devices… (issue #7): the device inventory an MNO's CRM or device-management tool
// exported, as CSV. Choose the file → the detected encoding and separator are shown → map the
// file's columns to Patchboard's fields (guessed from the header) → the first rows show as they
// will be imported → Validate checks every row and lists the problems by line (exportable as
// CSV) → Import writes all rows in one transaction, with progress and Cancel, or nothing at all.
// Only an administrator validates and imports (Permission::ImportDevices); the service checks it
// too. The work runs on the backend's worker thread; the dialog never blocks.
class InventoryImportDialog : public QDialog
{
    Q_OBJECT
public:
    InventoryImportDialog(InventoryImportBackend *backend, OperatorSession *session,
                          QWidget *parent = nullptr);
    ~InventoryImportDialog() override;

    // Reads the start of path (asynchronously) and shows its columns and first rows.
    void setFile(const QString &path);
    QString file() const { return m_path; }
    bool isBusy() const { return m_job.isRunning() || m_inspecting; }
    QString statusText() const;
    QString detectedText() const;
    // What the column mapping still lacks; empty when it is complete.
    QString mappingProblemsText() const;

    QLineEdit *fileEdit() const { return m_fileEdit; }
    QPushButton *browseButton() const { return m_browse; }
    QComboBox *columnBox(InventoryField field) const;
    QCheckBox *updateExistingBox() const { return m_updateExisting; }
    QTableView *previewView() const { return m_previewView; }
    QTableView *reportView() const { return m_reportView; }
    QPushButton *validateButton() const { return m_validate; }
    QPushButton *importButton() const { return m_import; }
    QPushButton *cancelButton() const { return m_cancel; }
    QPushButton *exportReportButton() const { return m_exportReport; }
    QProgressBar *progressBar() const { return m_progress; }
    InventoryMappingModel *mappingModel() const { return m_mappingModel; }
    InventoryPreviewModel *previewModel() const { return m_previewModel; }
    InventoryReportModel *reportModel() const { return m_reportModel; }

public Q_SLOTS:
    void browse();
    // Checks every row; nothing is written.
    void validate();
    // Checks every row and writes them all, or nothing when one has a problem.
    void startImport();
    void cancelJob();
    // The report's problems as CSV; asks for the file name when path is empty.
    void exportReport(const QString &path = {});

Q_SIGNALS:
    void fileInspected(bool ok);
    void validated(const Patchboard::InventoryReport &report);
    void imported(const Patchboard::InventoryReport &report);
    // A validation or import ended without a report: refused, failed or cancelled.
    void jobFailed(const QString &message);

protected:
    void reject() override;

private:
    void onInspected(quint64 id, const Result<InventoryPreview> &result);
    void run(bool write);
    void onJobFinished();
    void updateActions();
    void showStatus(const QString &text, bool error);
    void setDetected(const QString &text);

    QPointer<InventoryImportBackend> m_backend;
    QPointer<OperatorSession> m_session;
    InventoryMappingModel *m_mappingModel;
    InventoryPreviewModel *m_previewModel;
    InventoryReportModel *m_reportModel;
    QLineEdit *m_fileEdit;
    QPushButton *m_browse;
    QLabel *m_detected;
    InventoryMappingEditor *m_mapping;
    QLabel *m_mappingProblems;
    QCheckBox *m_updateExisting;
    QLabel *m_previewLabel;
    QTableView *m_previewView;
    QLabel *m_reportSummary;
    QTableView *m_reportView;
    QPushButton *m_exportReport;
    QProgressBar *m_progress;
    QLabel *m_status;
    QDialogButtonBox *m_buttons;
    QPushButton *m_validate;
    QPushButton *m_import;
    QPushButton *m_cancel;

    QString m_path;
    InventoryPreview m_preview;
    bool m_fileOk = false;
    bool m_inspecting = false;
    quint64 m_inspectId = 0;
    QFutureWatcher<Result<InventoryReport>> m_job;
    bool m_jobWrites = false;
    bool m_cancelRequested = false;
    bool m_done = false; // imported: Import stays off until the file or the mapping changes
};

} // namespace Patchboard
