// SPDX-License-Identifier: Apache-2.0
#include "telemetryquerybar.h"

#include <QComboBox>
#include <QDateTimeEdit>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QSignalBlocker>
#include <QStandardItemModel>

namespace Patchboard {

namespace {

enum ItemRole { KindRole = Qt::UserRole, IdRole };

// A rollout that is running, halted or scheduled: marked in text, not by colour alone.
const QString ActiveMark = QStringLiteral("\u25B6 "); // BLACK RIGHT-POINTING TRIANGLE
const QString Indent = QStringLiteral("\u2003 "); // EM SPACE: lines up with the marked ones

} // namespace

TelemetryQueryBar::TelemetryQueryBar(QWidget *parent)
    : QWidget(parent)
    , m_scopeBox(new QComboBox(this))
    , m_rangeBox(new QComboBox(this))
    , m_fromLabel(new QLabel(tr("F&rom:"), this))
    , m_from(new QDateTimeEdit(this))
    , m_toLabel(new QLabel(tr("&To:"), this))
    , m_to(new QDateTimeEdit(this))
{
    auto *scopeLabel = new QLabel(tr("&Show:"), this);
    scopeLabel->setBuddy(m_scopeBox);
    m_scopeBox->setAccessibleName(tr("Scope"));
    m_scopeBox->setToolTip(tr("The whole fleet, one rollout (\u25B6 marks active ones) or every "
                              "rollout of a release"));
    m_scopeBox->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_scopeBox->setMinimumContentsLength(24);
    auto *rangeLabel = new QLabel(tr("&Range:"), this);
    rangeLabel->setBuddy(m_rangeBox);
    m_rangeBox->setAccessibleName(tr("Time range"));
    m_rangeBox->setToolTip(tr("Relative ranges end at the scope's latest event: simulated "
                              "clocks run ahead of this computer's."));
    for (int kind = 0; kind < TelemetryRange::KindCount; ++kind)
        m_rangeBox->addItem(TelemetryRange::name(TelemetryRange::Kind(kind)), kind);
    m_rangeBox->setCurrentIndex(m_range.kind());
    for (QDateTimeEdit *edit : {m_from, m_to}) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(QLocale().dateTimeFormat(QLocale::ShortFormat));
        connect(edit, &QDateTimeEdit::editingFinished, this, &TelemetryQueryBar::onCustomEdited);
    }
    m_from->setAccessibleName(tr("Range start (local time)"));
    m_to->setAccessibleName(tr("Range end (local time, exclusive)"));
    m_fromLabel->setBuddy(m_from);
    m_toLabel->setBuddy(m_to);
    showCustomFields(false);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(scopeLabel);
    layout->addWidget(m_scopeBox);
    layout->addSpacing(12);
    layout->addWidget(rangeLabel);
    layout->addWidget(m_rangeBox);
    layout->addWidget(m_fromLabel);
    layout->addWidget(m_from);
    layout->addWidget(m_toLabel);
    layout->addWidget(m_to);
    layout->addStretch(1);

    connect(m_scopeBox, &QComboBox::currentIndexChanged, this,
            &TelemetryQueryBar::onScopeIndexChanged);
    connect(m_rangeBox, &QComboBox::currentIndexChanged, this,
            &TelemetryQueryBar::onRangeIndexChanged);
    fillScopes();
}

void TelemetryQueryBar::setScopes(const QList<TelemetryScopeChoice> &choices)
{
    m_choices = choices;
    fillScopes();
}

void TelemetryQueryBar::setScope(TelemetryScope scope)
{
    m_scope = scope;
    fillScopes();
}

QString TelemetryQueryBar::scopeName(TelemetryScope scope) const
{
    if (scope.kind == TelemetryScope::Kind::Fleet)
        return tr("Whole fleet");
    for (const TelemetryScopeChoice &choice : m_choices) {
        if (choice.scope == scope) {
            return scope.kind == TelemetryScope::Kind::Rollout ? tr("Rollout %1").arg(choice.name)
                                                               : tr("Release %1").arg(choice.name);
        }
    }
    return scope.kind == TelemetryScope::Kind::Rollout ? tr("Rollout #%1").arg(scope.id)
                                                       : tr("Release #%1").arg(scope.id);
}

void TelemetryQueryBar::fillScopes()
{
    const QSignalBlocker blocker(m_scopeBox);
    m_scopeBox->clear();
    auto *model = qobject_cast<QStandardItemModel *>(m_scopeBox->model());
    const auto add = [this](const QString &text, TelemetryScope scope) {
        m_scopeBox->addItem(text);
        const int row = m_scopeBox->count() - 1;
        m_scopeBox->setItemData(row, int(scope.kind), KindRole);
        m_scopeBox->setItemData(row, scope.id, IdRole);
        return row;
    };
    const auto header = [this, model](const QString &text) {
        m_scopeBox->addItem(text);
        if (QStandardItem *item = model ? model->item(m_scopeBox->count() - 1) : nullptr) {
            item->setFlags(Qt::NoItemFlags); // a heading, not a choice
            QFont font = item->font();
            font.setBold(true);
            item->setFont(font);
        }
    };
    add(tr("Whole fleet"), TelemetryScope::fleet());
    for (const auto kind : {TelemetryScope::Kind::Rollout, TelemetryScope::Kind::Release}) {
        bool first = true;
        for (const TelemetryScopeChoice &choice : std::as_const(m_choices)) {
            if (choice.scope.kind != kind)
                continue;
            if (first)
                header(kind == TelemetryScope::Kind::Rollout ? tr("Rollouts") : tr("Releases"));
            first = false;
            QString text = (choice.active ? ActiveMark : Indent) + choice.name;
            if (!choice.state.isEmpty())
                text = tr("%1 \u2014 %2", "rollout name, state").arg(text, choice.state);
            add(text, choice.scope);
        }
    }
    if (indexOf(m_scope) < 0)
        add(scopeName(m_scope), m_scope);
    m_scopeBox->setCurrentIndex(indexOf(m_scope));
}

int TelemetryQueryBar::indexOf(TelemetryScope scope) const
{
    for (int i = 0; i < m_scopeBox->count(); ++i) {
        const QVariant kind = m_scopeBox->itemData(i, KindRole);
        if (kind.isValid() && kind.toInt() == int(scope.kind)
            && m_scopeBox->itemData(i, IdRole).toLongLong() == scope.id)
            return i;
    }
    return -1;
}

void TelemetryQueryBar::onScopeIndexChanged(int index)
{
    const QVariant kind = m_scopeBox->itemData(index, KindRole);
    if (!kind.isValid())
        return;
    const TelemetryScope scope{TelemetryScope::Kind(kind.toInt()),
                               m_scopeBox->itemData(index, IdRole).toLongLong()};
    if (scope == m_scope)
        return;
    m_scope = scope;
    Q_EMIT scopeChosen(scope);
}

void TelemetryQueryBar::setRange(const TelemetryRange &range)
{
    m_range = range;
    const QSignalBlocker blocker(m_rangeBox);
    m_rangeBox->setCurrentIndex(range.kind());
    if (range.kind() == TelemetryRange::Custom) {
        const QSignalBlocker fromBlocker(m_from);
        const QSignalBlocker toBlocker(m_to);
        if (range.customFrom().isValid())
            m_from->setDateTime(range.customFrom().toLocalTime());
        if (range.customTo().isValid())
            m_to->setDateTime(range.customTo().toLocalTime());
    }
    showCustomFields(range.kind() == TelemetryRange::Custom);
}

void TelemetryQueryBar::setSuggestedBounds(const QDateTime &from, const QDateTime &to)
{
    m_suggestedFrom = from;
    m_suggestedTo = to;
}

void TelemetryQueryBar::onRangeIndexChanged(int index)
{
    const auto kind = TelemetryRange::Kind(m_rangeBox->itemData(index).toInt());
    if (kind != TelemetryRange::Custom) {
        showCustomFields(false);
        m_range = TelemetryRange(kind);
        Q_EMIT rangeChosen(m_range);
        return;
    }
    // Custom starts from what is on screen, so that the operator narrows it down.
    const QDateTime to = m_suggestedTo.isValid() ? m_suggestedTo : QDateTime::currentDateTimeUtc();
    const QDateTime from
        = m_suggestedFrom.isValid() && m_suggestedFrom < to ? m_suggestedFrom : to.addDays(-1);
    {
        const QSignalBlocker fromBlocker(m_from);
        const QSignalBlocker toBlocker(m_to);
        m_from->setDateTime(from.toLocalTime());
        m_to->setDateTime(to.toLocalTime());
    }
    showCustomFields(true);
    m_range = TelemetryRange::custom(m_from->dateTime(), m_to->dateTime());
    Q_EMIT rangeChosen(m_range);
}

void TelemetryQueryBar::onCustomEdited()
{
    if (m_range.kind() != TelemetryRange::Custom)
        return;
    const QDateTime from = m_from->dateTime().toUTC();
    const QDateTime to = m_to->dateTime().toUTC();
    if (from >= to) {
        Q_EMIT invalidRange(tr("The range must start before it ends."));
        return;
    }
    const TelemetryRange range = TelemetryRange::custom(from, to);
    if (range == m_range)
        return;
    m_range = range;
    Q_EMIT rangeChosen(range);
}

void TelemetryQueryBar::showCustomFields(bool show)
{
    for (QWidget *widget : {static_cast<QWidget *>(m_fromLabel), static_cast<QWidget *>(m_from),
                            static_cast<QWidget *>(m_toLabel), static_cast<QWidget *>(m_to)})
        widget->setVisible(show);
}

} // namespace Patchboard
