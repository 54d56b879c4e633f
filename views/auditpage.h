// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "audit/auditlog.h"

#include <QPointer>
#include <QTimer>
#include <QWidget>

class QFrame;
class QLabel;
class QPushButton;
class QTableView;

namespace Patchboard {

class AuditBackend;
class AuditFilterBar;
class AuditLogModel;

// The audit log (ARCHITECTURE.md: the audit log holds every decision): entries newest first,
// filtered in the store and fetched a page at a time as the operator scrolls; Verify Chain walks
// the whole hash chain and says whether it is intact or where it first breaks; a broken chain
// (found here or when the database opened) shows a banner that stays until a check passes;
// Export writes the filtered entries with their hashes as CSV. Storage work runs in AuditBackend.
class AuditPage : public QWidget
{
    Q_OBJECT
public:
    explicit AuditPage(AuditBackend *backend, QWidget *parent = nullptr);

    AuditLogModel *model() const { return m_model; }
    AuditFilterBar *filterBar() const { return m_filterBar; }
    QTableView *table() const { return m_table; }
    QPushButton *verifyButton() const { return m_verify; }
    QPushButton *exportButton() const { return m_export; }
    QString verificationText() const;
    QString bannerText() const;
    bool isLoaded() const { return m_loaded; }

public Q_SLOTS:
    // Shows a verification result (also the one made when the database opened).
    void setVerification(const Patchboard::AuditVerification &verification);
    void verifyChain();
    // Fetches the first page again: new entries were written.
    void refresh();
    void exportCsv();
    void exportCsvTo(const QString &path);

Q_SIGNALS:
    void entriesShown();
    void verified(const Patchboard::AuditVerification &verification);
    void statusMessage(const QString &message);

protected:
    void showEvent(QShowEvent *event) override;

private:
    void updateCount();
    void showError(const QString &message);

    QPointer<AuditBackend> m_backend;
    AuditLogModel *m_model = nullptr;
    AuditFilterBar *m_filterBar = nullptr;
    QFrame *m_banner = nullptr;
    QLabel *m_bannerText = nullptr;
    QLabel *m_count = nullptr;
    QLabel *m_verification = nullptr;
    QLabel *m_error = nullptr;
    QPushButton *m_verify = nullptr;
    QPushButton *m_export = nullptr;
    QTableView *m_table = nullptr;
    QTimer m_refreshDelay;
    bool m_loaded = false;
    bool m_stale = false;
    bool m_exporting = false;
};

} // namespace Patchboard
