// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "domain/compliance.h"

#include <QDialog>
#include <QPointer>

class QDateEdit;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace Patchboard {

class ComplianceReportGatherer;
class FirmwareBackend;
class OperatorSession;
class RolloutBackend;
class TrackerBackend;
struct ComplianceReportData;

// File > Compliance Report… (issue #5): the operator picks the report date (today by default)
// and the PDF's file name; Write Report gathers the figures from the backends, with progress and
// without blocking the GUI, then writes the PDF all or nothing. Errors stay on the dialog, in
// words, and leave no file behind.
class ComplianceReportDialog : public QDialog
{
    Q_OBJECT
public:
    ComplianceReportDialog(TrackerBackend *tracker, FirmwareBackend *firmware,
                           RolloutBackend *rollouts, OperatorSession *session,
                           QWidget *parent = nullptr);
    ~ComplianceReportDialog() override;

    QDate date() const;
    void setDate(QDate date);
    QString fileName() const;
    void setFileName(const QString &path);
    void setPolicy(const CompliancePolicy &policy);

    bool isBusy() const { return m_busy; }
    QString statusText() const;
    QString writtenPath() const { return m_written; }

    QDateEdit *dateEdit() const { return m_date; }
    QLineEdit *fileEdit() const { return m_file; }
    QPushButton *writeButton() const { return m_write; }
    QPushButton *openButton() const { return m_open; }
    QProgressBar *progressBar() const { return m_progress; }
    ComplianceReportGatherer *gatherer() const { return m_gatherer; }

    // "patchboard-compliance-2025-11-16.pdf" in the documents folder.
    static QString defaultFileName(QDate date);

public Q_SLOTS:
    // Gathers and writes the report for date() to fileName().
    void write();

Q_SIGNALS:
    void reportWritten(const QString &path, int pages);
    void reportFailed(const QString &message);

protected:
    void reject() override;

private:
    void browse();
    void onGathered(const ComplianceReportData &data);
    void onFailed(const QString &message);
    void setBusy(bool busy);
    void showStatus(const QString &text, bool error);
    void updateFileHint();

    QPointer<OperatorSession> m_session;
    ComplianceReportGatherer *m_gatherer = nullptr;
    QDateEdit *m_date = nullptr;
    QLineEdit *m_file = nullptr;
    QPushButton *m_browse = nullptr;
    QLabel *m_fileHint = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_status = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QPushButton *m_write = nullptr;
    QPushButton *m_open = nullptr;
    bool m_busy = false;
    bool m_fileEdited = false; // the operator chose a name: a new date does not replace it
    QString m_target; // the file being written
    QString m_written;
};

} // namespace Patchboard
