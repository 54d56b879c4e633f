// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "audit/auditlog.h"

#include <QTimer>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QLineEdit;

namespace Patchboard {

// The audit page's filters: operator (exact name), action prefix ("release.", "trust.key."),
// literal text in the subject or details, and a date range in local dates. Typing waits for a
// pause before the query runs (STYLE.md practice 6).
class AuditFilterBar : public QWidget
{
    Q_OBJECT
public:
    static constexpr int TypingDelayMs = 300;

    explicit AuditFilterBar(QWidget *parent = nullptr);

    AuditQuery query() const;
    QLineEdit *actorEdit() const { return m_actor; }
    QComboBox *actionBox() const { return m_action; }
    QLineEdit *textEdit() const { return m_text; }
    QCheckBox *fromCheck() const { return m_fromCheck; }
    QDateEdit *fromEdit() const { return m_from; }
    QCheckBox *toCheck() const { return m_toCheck; }
    QDateEdit *toEdit() const { return m_to; }

public Q_SLOTS:
    void clear();

Q_SIGNALS:
    void queryChanged(const Patchboard::AuditQuery &query);

private:
    void emitNow();

    QLineEdit *m_actor = nullptr;
    QComboBox *m_action = nullptr;
    QLineEdit *m_text = nullptr;
    QCheckBox *m_fromCheck = nullptr;
    QDateEdit *m_from = nullptr;
    QCheckBox *m_toCheck = nullptr;
    QDateEdit *m_to = nullptr;
    QTimer m_typing;
};

} // namespace Patchboard
