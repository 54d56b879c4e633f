// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "domain/release.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QScrollArea;

namespace Patchboard {

class OperatorSession;

// The decisions on a release: Approve, Reject, Withdraw. Each asks for a reason before it emits
// its request. A button the operator's role or the release's state does not allow is disabled
// with a tooltip saying why; while approval is blocked, the blockers are listed below the buttons.
class ReleaseDecisionBar : public QWidget
{
    Q_OBJECT
public:
    explicit ReleaseDecisionBar(OperatorSession *session, QWidget *parent = nullptr);

    // busy: an action is on its way; nothing can be started meanwhile.
    void setRelease(const ReleaseDetail *detail, bool busy);

    QPushButton *approveButton() const { return m_approve; }
    QPushButton *rejectButton() const { return m_reject; }
    QPushButton *withdrawButton() const { return m_withdraw; }
    // The blockers as listed, or empty when none are shown.
    QString blockersText() const;
    // Why this operator cannot decide at all (their role), or empty.
    QString roleNoteText() const;

public Q_SLOTS:
    void askToApprove();
    void askToReject();
    void askToWithdraw();

Q_SIGNALS:
    void approveRequested(const QString &reason);
    void rejectRequested(const QString &reason);
    void withdrawRequested(const QString &reason);

private:
    void update();

    OperatorSession *m_session = nullptr;
    const ReleaseDetail *m_detail = nullptr;
    bool m_busy = false;
    QPushButton *m_approve = nullptr;
    QPushButton *m_reject = nullptr;
    QPushButton *m_withdraw = nullptr;
    QLabel *m_roleNote = nullptr;
    QLabel *m_blockers = nullptr;
    QScrollArea *m_blockerArea = nullptr;
};

} // namespace Patchboard
