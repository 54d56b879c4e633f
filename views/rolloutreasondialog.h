// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QDialog>

class QCheckBox;
class QDialogButtonBox;
class QDoubleSpinBox;
class QLabel;
class QPlainTextEdit;

namespace Patchboard {

// Asks why a rollout is paused, resumed or cancelled: the reason is recorded in the rollout's
// history and the audit log. Resuming after a halt may also raise the halted wave's error
// threshold (offerErrorThreshold). The confirm button names the action and stays disabled until
// a reason is written.
class RolloutReasonDialog : public QDialog
{
    Q_OBJECT
public:
    RolloutReasonDialog(const QString &title, const QString &explanation, const QString &actionText,
                        QWidget *parent = nullptr);

    // Shows "Raise the error threshold of wave N to ..." starting at the current threshold.
    void offerErrorThreshold(int wave, double current);

    QString reason() const;
    void setReason(const QString &text);
    // The new threshold in percent, or -1 to keep the current one.
    double newErrorThreshold() const;

    QPlainTextEdit *reasonEdit() const { return m_reason; }
    QCheckBox *thresholdCheck() const { return m_thresholdCheck; }
    QDoubleSpinBox *thresholdSpin() const { return m_threshold; }

private:
    void updateButton();

    QPlainTextEdit *m_reason = nullptr;
    QCheckBox *m_thresholdCheck = nullptr;
    QDoubleSpinBox *m_threshold = nullptr;
    QLabel *m_thresholdNote = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace Patchboard
