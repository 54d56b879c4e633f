// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/result.h"
#include "domain/release.h"

#include <QFuture>
#include <QPointer>
#include <QTimer>
#include <QWidget>

class QLabel;
class QStackedWidget;
class QTabWidget;
class QTableView;

namespace Patchboard {

class FirmwareBackend;
class OperatorSession;
class ReleaseDecisionBar;
class ReleaseHistoryModel;
class ReleaseNotesView;
class ReleaseVerificationView;
class TestPlanView;

// One release in full (ARCHITECTURE.md update procedure step 2): what it is and where it stands
// against the 7-day test window, the decisions (Approve, Reject, Withdraw; each asks why, and
// Approve lists what blocks it), and tabs for the verification checklist, the test plan, the
// release notes and the history. Buttons the operator's role cannot use are disabled with a
// tooltip naming the role needed; the service layer refuses them anyway.
class ReleaseDetailPanel : public QWidget
{
    Q_OBJECT
public:
    enum Tab { VerificationTab, TestsTab, NotesTab, HistoryTab };

    ReleaseDetailPanel(FirmwareBackend *backend, OperatorSession *session,
                       QWidget *parent = nullptr);

    void showRelease(qint64 id);
    void clear();
    // Fetches the shown release again (after a change elsewhere, or another operator).
    void reload();

    qint64 releaseId() const { return m_id; }
    bool isLoaded() const { return m_loaded; }
    const ReleaseDetail &detail() const { return m_detail; }
    bool isBusy() const { return m_busy; }

    QTabWidget *tabs() const { return m_tabs; }
    ReleaseVerificationView *verificationView() const { return m_verification; }
    TestPlanView *testPlanView() const { return m_tests; }
    ReleaseNotesView *notesView() const { return m_notes; }
    ReleaseHistoryModel *historyModel() const { return m_history; }
    ReleaseDecisionBar *decisionBar() const { return m_decisions; }
    QString windowText() const;
    QString blockersText() const;
    QString errorText() const;
    QString messageText() const;

public Q_SLOTS:
    // The decisions, after their reason dialogs (tests call them directly).
    void approve(const QString &reason);
    void reject(const QString &reason);
    void withdraw(const QString &reason);
    void recordResult(int modelId, Patchboard::TestCaseKind testCase,
                      Patchboard::TestOutcome outcome, const QString &note);
    void waive(int modelId, Patchboard::TestCaseKind testCase, const QString &reason);

Q_SIGNALS:
    void loaded(qint64 releaseId);
    // An action finished: ok, or refused/failed (errorText() says why).
    void actionFinished(bool ok);
    void statusMessage(const QString &message);

private:
    void setDetail(const ReleaseDetail &detail);
    void updateActions();
    void showMessage(const QString &message);
    void showError(const QString &message);
    void runAction(QFuture<Result<ReleaseDetail>> future, const QString &done);

    QPointer<FirmwareBackend> m_backend;
    OperatorSession *m_session = nullptr;
    QStackedWidget *m_stack = nullptr;
    QLabel *m_message = nullptr;
    QLabel *m_title = nullptr;
    QLabel *m_state = nullptr;
    QLabel *m_subtitle = nullptr;
    QLabel *m_window = nullptr;
    ReleaseDecisionBar *m_decisions = nullptr;
    QLabel *m_error = nullptr;
    QTabWidget *m_tabs = nullptr;
    ReleaseVerificationView *m_verification = nullptr;
    TestPlanView *m_tests = nullptr;
    ReleaseNotesView *m_notes = nullptr;
    ReleaseHistoryModel *m_history = nullptr;
    QTableView *m_historyView = nullptr;
    QTimer m_reloadDelay;

    ReleaseDetail m_detail;
    qint64 m_id = 0;
    quint64 m_request = 0; // answers for an earlier selection are dropped
    bool m_loaded = false;
    bool m_busy = false;
};

} // namespace Patchboard
