// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QPlainTextEdit;

namespace Patchboard {

// Asks why: a decision (approve, reject, withdraw), a waiver or a key removal is recorded with
// its reason in the release history and the audit log. The confirm button names the action and
// stays disabled until a reason is written.
class ReasonDialog : public QDialog
{
    Q_OBJECT
public:
    ReasonDialog(const QString &title, const QString &explanation, const QString &actionText,
                 QWidget *parent = nullptr);

    QString reason() const;
    void setReason(const QString &text);
    QPlainTextEdit *reasonEdit() const { return m_reason; }
    // Shown above the reason field in the warning colour (e.g. check warnings an approval records).
    void setWarning(const QString &text);

private:
    void updateButton();

    QLabel *m_warning = nullptr;
    QPlainTextEdit *m_reason = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace Patchboard
