// SPDX-License-Identifier: Apache-2.0
#include "auditfilterbar.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

namespace Patchboard {

AuditFilterBar::AuditFilterBar(QWidget *parent)
    : QWidget(parent)
    , m_actor(new QLineEdit(this))
    , m_action(new QComboBox(this))
    , m_text(new QLineEdit(this))
    , m_fromCheck(new QCheckBox(tr("&From"), this))
    , m_from(new QDateEdit(this))
    , m_toCheck(new QCheckBox(tr("&To"), this))
    , m_to(new QDateEdit(this))
{
    m_actor->setPlaceholderText(tr("Any operator"));
    m_actor->setClearButtonEnabled(true);
    m_actor->setAccessibleName(tr("Operator"));
    m_actor->setToolTip(tr("The operator's exact name"));
    // The action names are stable (docs/release-format.md); a prefix selects a family.
    m_action->setEditable(true);
    m_action->setInsertPolicy(QComboBox::NoInsert);
    m_action->setAccessibleName(tr("Action"));
    m_action->addItem(tr("Any action"), QString());
    for (const char *prefix :
         {"release.", "release.verify", "release.refuse", "release.test", "release.waive",
          "release.approve", "release.reject", "release.withdraw", "trust.key.", "bulletin.import",
          "firmware.settings"})
        m_action->addItem(QString::fromLatin1(prefix), QString::fromLatin1(prefix));
    m_action->setToolTip(tr("Actions starting with this text, e.g. release. or trust.key."));
    m_text->setPlaceholderText(tr("Text in subject or details"));
    m_text->setClearButtonEnabled(true);
    m_text->setAccessibleName(tr("Text"));
    const QDate today = QDate::currentDate();
    for (QDateEdit *edit : {m_from, m_to}) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
        edit->setDate(today);
        edit->setEnabled(false);
    }
    m_from->setDate(today.addDays(-30));
    m_from->setAccessibleName(tr("From date"));
    m_to->setAccessibleName(tr("To date"));
    auto *clear = new QPushButton(tr("Clear Filters"), this);

    auto *actorLabel = new QLabel(tr("&Operator:"), this);
    actorLabel->setBuddy(m_actor);
    auto *actionLabel = new QLabel(tr("&Action:"), this);
    actionLabel->setBuddy(m_action);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(actorLabel);
    layout->addWidget(m_actor, 1);
    layout->addWidget(actionLabel);
    layout->addWidget(m_action, 1);
    layout->addWidget(m_text, 2);
    layout->addWidget(m_fromCheck);
    layout->addWidget(m_from);
    layout->addWidget(m_toCheck);
    layout->addWidget(m_to);
    layout->addWidget(clear);

    m_typing.setSingleShot(true);
    m_typing.setInterval(TypingDelayMs);
    connect(&m_typing, &QTimer::timeout, this, &AuditFilterBar::emitNow);
    auto typed = [this] {
        m_typing.start();
    };
    connect(m_actor, &QLineEdit::textChanged, this, typed);
    connect(m_text, &QLineEdit::textChanged, this, typed);
    connect(m_action, &QComboBox::currentTextChanged, this, typed);
    connect(m_fromCheck, &QCheckBox::toggled, m_from, &QWidget::setEnabled);
    connect(m_toCheck, &QCheckBox::toggled, m_to, &QWidget::setEnabled);
    for (QCheckBox *check : {m_fromCheck, m_toCheck})
        connect(check, &QCheckBox::toggled, this, &AuditFilterBar::emitNow);
    for (QDateEdit *edit : {m_from, m_to})
        connect(edit, &QDateEdit::dateChanged, this, typed);
    connect(clear, &QPushButton::clicked, this, &AuditFilterBar::clear);
}

AuditQuery AuditFilterBar::query() const
{
    AuditQuery query;
    query.actor = m_actor->text().trimmed();
    // A chosen item carries its prefix; typed text is the prefix itself. "Any action" is empty.
    const int index = m_action->findText(m_action->currentText());
    query.actionPrefix
        = index >= 0 ? m_action->itemData(index).toString() : m_action->currentText().trimmed();
    query.text = m_text->text().trimmed();
    // Local calendar days, as the operator reads them, converted to the log's UTC bounds.
    if (m_fromCheck->isChecked())
        query.from = m_from->date().startOfDay().toUTC();
    if (m_toCheck->isChecked())
        query.to = m_to->date().endOfDay().toUTC();
    return query;
}

void AuditFilterBar::clear()
{
    const QSignalBlocker blockActor(m_actor), blockAction(m_action), blockText(m_text),
        blockFrom(m_fromCheck), blockTo(m_toCheck);
    m_actor->clear();
    m_action->setCurrentIndex(0);
    m_text->clear();
    m_fromCheck->setChecked(false);
    m_toCheck->setChecked(false);
    m_from->setEnabled(false);
    m_to->setEnabled(false);
    emitNow();
}

void AuditFilterBar::emitNow()
{
    m_typing.stop();
    Q_EMIT queryChanged(query());
}

} // namespace Patchboard
