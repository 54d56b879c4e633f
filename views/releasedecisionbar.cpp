// SPDX-License-Identifier: Apache-2.0
#include "releasedecisionbar.h"

#include "deviceformat.h"
#include "operatorsession.h"
#include "reasondialog.h"
#include "releaseformat.h"
#include "viewstyle.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

namespace Patchboard {

ReleaseDecisionBar::ReleaseDecisionBar(OperatorSession *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_approve(new QPushButton(tr("&Approve\u2026"), this))
    , m_reject(new QPushButton(tr("Re&ject\u2026"), this))
    , m_withdraw(new QPushButton(tr("&Withdraw\u2026"), this))
    , m_roleNote(new QLabel(this))
    , m_blockers(new QLabel(this))
{
    // Disabled buttons alone do not say why; a role that cannot decide is said in words.
    m_roleNote->setWordWrap(true);
    m_roleNote->setTextFormat(Qt::PlainText);
    ViewStyle::setMuted(m_roleNote);
    m_roleNote->hide();

    m_blockers->setWordWrap(true);
    m_blockers->setTextFormat(Qt::PlainText);
    m_blockers->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    QPalette warning = m_blockers->palette();
    warning.setColor(QPalette::WindowText, DeviceFormat::warningColor());
    m_blockers->setPalette(warning);
    m_blockers->setAccessibleName(tr("Approval blockers"));

    // A long list (six open test cases, a failed check, four-eyes) scrolls in a few lines rather
    // than pushing the checklist off the screen.
    m_blockerArea = new QScrollArea(this);
    m_blockerArea->setWidget(m_blockers);
    m_blockerArea->setWidgetResizable(true);
    m_blockerArea->setFrameShape(QFrame::StyledPanel);
    m_blockerArea->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_blockerArea->setMaximumHeight(m_blockers->fontMetrics().lineSpacing() * 6 + 8);
    m_blockerArea->hide();

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_approve);
    buttons->addWidget(m_reject);
    buttons->addWidget(m_withdraw);
    buttons->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(buttons);
    layout->addWidget(m_roleNote);
    layout->addWidget(m_blockerArea);
    layout->addStretch(1);

    connect(m_approve, &QPushButton::clicked, this, &ReleaseDecisionBar::askToApprove);
    connect(m_reject, &QPushButton::clicked, this, &ReleaseDecisionBar::askToReject);
    connect(m_withdraw, &QPushButton::clicked, this, &ReleaseDecisionBar::askToWithdraw);
    connect(m_session, &OperatorSession::operatorChanged, this, &ReleaseDecisionBar::update);
    update();
}

void ReleaseDecisionBar::setRelease(const ReleaseDetail *detail, bool busy)
{
    m_detail = detail;
    m_busy = busy;
    update();
}

QString ReleaseDecisionBar::roleNoteText() const
{
    return m_roleNote->isHidden() ? QString() : m_roleNote->text();
}

QString ReleaseDecisionBar::blockersText() const
{
    return m_blockerArea->isHidden() ? QString() : m_blockers->text();
}

void ReleaseDecisionBar::update()
{
    const ReleaseState state = m_detail ? m_detail->summary.state : ReleaseState::Received;
    const bool ready = m_detail && !m_busy;
    const QStringList blockers = m_detail ? m_detail->approvalBlockers : QStringList();

    // Approve: the role first, then the state, then what the service says blocks it for this
    // operator (failed checks, open test cases, four-eyes).
    QString approveWhy = m_session->deniedReason(Permission::ApproveRelease);
    const bool approvable = ReleaseStates::canTransition(state, ReleaseState::Approved);
    if (approveWhy.isEmpty() && !approvable)
        approveWhy = tr("Only a verified release or one in testing can be approved.");
    if (approveWhy.isEmpty() && !blockers.isEmpty())
        approveWhy = tr("Approval is blocked; the reasons are listed below the buttons.");
    m_approve->setEnabled(ready && approveWhy.isEmpty());
    m_approve->setToolTip(approveWhy.isEmpty()
                              ? tr("Approve: the stored bundle is verified again first.")
                              : approveWhy);

    QString rejectWhy = m_session->deniedReason(Permission::RejectRelease);
    if (rejectWhy.isEmpty() && !ReleaseStates::canTransition(state, ReleaseState::Rejected))
        rejectWhy = tr("Only a verified release or one in testing can be rejected.");
    m_reject->setEnabled(ready && rejectWhy.isEmpty());
    m_reject->setToolTip(rejectWhy);

    QString withdrawWhy = m_session->deniedReason(Permission::WithdrawRelease);
    if (withdrawWhy.isEmpty() && state != ReleaseState::Approved)
        withdrawWhy = tr("Only an approved release can be withdrawn.");
    m_withdraw->setEnabled(ready && withdrawWhy.isEmpty());
    m_withdraw->setToolTip(withdrawWhy);

    const QString roleNote = m_session->deniedReason(Permission::ApproveRelease);
    const bool cannotDecide = !m_session->allows(Permission::ApproveRelease)
        && !m_session->allows(Permission::RejectRelease)
        && !m_session->allows(Permission::WithdrawRelease);
    m_roleNote->setText(
        cannotDecide ? tr("%1 To act, switch operator (File > Switch Operator).").arg(roleNote)
                     : roleNote);
    m_roleNote->setVisible(m_detail && !roleNote.isEmpty());

    // Listed while an approval is still possible at all, whoever looks: a viewer sees what the
    // test engineers still have to do.
    const bool show = m_detail && approvable && !blockers.isEmpty();
    if (show) {
        QStringList lines{DeviceFormat::warningMarker() + tr("Approval is not possible yet:")};
        for (const QString &blocker : blockers)
            lines.append(QStringLiteral("\u2022 ") + blocker);
        m_blockers->setText(lines.join(QLatin1Char('\n')));
    }
    m_blockerArea->setVisible(show);
}

void ReleaseDecisionBar::askToApprove()
{
    if (!m_detail)
        return;
    auto *dialog = new ReasonDialog(
        tr("Approve Release"),
        tr("Approve %1 for rollout? The stored bundle is verified again with the keys trusted "
           "now; the approval is recorded under %2.")
            .arg(m_detail->summary.version, m_session->displayText()),
        tr("Approve"), this);
    QStringList warnings;
    for (const ReleaseCheck &check : m_detail->checks) {
        if (!check.passed && !check.blocking)
            warnings.append(ReleaseFormat::checkName(check.name) + QStringLiteral(": ")
                            + check.reason);
    }
    if (!warnings.isEmpty())
        dialog->setWarning(
            tr("Recorded with the approval: %1").arg(warnings.join(QStringLiteral("; "))));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this,
            [this, dialog] { Q_EMIT approveRequested(dialog->reason()); });
    dialog->open();
}

void ReleaseDecisionBar::askToReject()
{
    if (!m_detail)
        return;
    auto *dialog = new ReasonDialog(
        tr("Reject Release"),
        tr("Reject %1? It cannot be approved afterwards; the Author has to publish a new "
           "release.")
            .arg(m_detail->summary.version),
        tr("Reject"), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this,
            [this, dialog] { Q_EMIT rejectRequested(dialog->reason()); });
    dialog->open();
}

void ReleaseDecisionBar::askToWithdraw()
{
    if (!m_detail)
        return;
    auto *dialog
        = new ReasonDialog(tr("Withdraw Release"),
                           tr("Withdraw the approval of %1? No new rollout can use it afterwards.")
                               .arg(m_detail->summary.version),
                           tr("Withdraw"), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this,
            [this, dialog] { Q_EMIT withdrawRequested(dialog->reason()); });
    dialog->open();
}

} // namespace Patchboard
