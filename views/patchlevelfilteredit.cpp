// SPDX-License-Identifier: Apache-2.0
#include "patchlevelfilteredit.h"

#include <QCalendarWidget>
#include <QComboBox>
#include <QDateEdit>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QSpinBox>

namespace Patchboard {

namespace {

// Bounds of a patch-age filter, as FilterValidation::checkFilter accepts them.
constexpr int MaxAgeDays = 100 * 366;
constexpr int DefaultOlderThanDays = 90; // SSU-SEC-0020: a quarter without updates is out of date

QDate defaultDate()
{
    // Security bulletins are monthly: the first of the month three months back is a useful start.
    const QDate today = QDate::currentDate();
    return QDate(today.year(), today.month(), 1).addMonths(-3);
}

} // namespace

PatchLevelFilterEdit::PatchLevelFilterEdit(QWidget *parent)
    : QWidget(parent)
    , m_mode(new QComboBox(this))
    , m_date(new QDateEdit(this))
    , m_minDays(new QSpinBox(this))
    , m_toLabel(new QLabel(tr("to"), this))
    , m_maxDays(new QSpinBox(this))
{
    m_mode->addItem(tr("Any patch level"), AnyMode);
    m_mode->addItem(tr("Patch level before"), BeforeMode);
    m_mode->addItem(tr("Patch level after"), AfterMode);
    m_mode->addItem(tr("Patch older than"), OlderThanMode);
    m_mode->addItem(tr("Patch age between"), AgeBetweenMode);
    m_mode->setAccessibleName(tr("Patch level filter"));

    // ISO dates: security bulletins name patch levels YYYY-MM-DD. The edit itself accepts any
    // calendar date so that an out-of-range one gets an explanation instead of a dead keyboard;
    // the calendar offers only the accepted range.
    m_date->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    m_date->setCalendarPopup(true);
    m_date->calendarWidget()->setDateRange(FilterValidation::earliestDate(),
                                           FilterValidation::latestDate());
    m_date->setDate(defaultDate());
    m_date->setKeyboardTracking(false);
    m_date->setAccessibleName(tr("Patch level date"));
    m_date->setToolTip(tr("Security patch level, YYYY-MM-DD, between %1 and %2")
                           .arg(FilterValidation::earliestDate().toString(Qt::ISODate),
                                FilterValidation::latestDate().toString(Qt::ISODate)));

    for (QSpinBox *box : {m_minDays, m_maxDays}) {
        box->setRange(0, MaxAgeDays);
        box->setSuffix(tr(" days"));
        box->setKeyboardTracking(false);
        box->setGroupSeparatorShown(true);
    }
    m_minDays->setValue(DefaultOlderThanDays);
    m_minDays->setAccessibleName(tr("Patch age in days"));
    // -1 is shown as "no limit": the open-ended last bin of the patch-age histogram.
    m_maxDays->setMinimum(-1);
    m_maxDays->setSpecialValueText(tr("no limit"));
    m_maxDays->setValue(-1);
    m_maxDays->setAccessibleName(tr("Largest patch age in days"));

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_mode);
    layout->addWidget(m_date);
    layout->addWidget(m_minDays);
    layout->addWidget(m_toLabel);
    layout->addWidget(m_maxDays);

    connect(m_mode, &QComboBox::currentIndexChanged, this, [this] {
        updateVisibility();
        Q_EMIT changed();
    });
    connect(m_date, &QDateEdit::dateChanged, this, &PatchLevelFilterEdit::changed);
    connect(m_minDays, &QSpinBox::valueChanged, this, &PatchLevelFilterEdit::changed);
    connect(m_maxDays, &QSpinBox::valueChanged, this, &PatchLevelFilterEdit::changed);
    updateVisibility();
}

PatchLevelFilterEdit::Mode PatchLevelFilterEdit::mode() const
{
    return Mode(m_mode->currentData().toInt());
}

void PatchLevelFilterEdit::setMode(Mode mode)
{
    m_mode->setCurrentIndex(m_mode->findData(mode));
}

QString PatchLevelFilterEdit::problem() const
{
    switch (mode()) {
    case BeforeMode:
    case AfterMode:
        return FilterValidation::checkDate(m_date->date());
    case AgeBetweenMode:
        if (m_maxDays->value() >= 0 && m_maxDays->value() < m_minDays->value())
            return tr("The largest patch age must not be smaller than the smallest.");
        return {};
    case AnyMode:
    case OlderThanMode:
        return {};
    }
    return {};
}

bool PatchLevelFilterEdit::apply(DeviceFilter &filter) const
{
    if (!problem().isEmpty())
        return false;
    filter.patchLevelBefore = {};
    filter.patchLevelAfter = {};
    filter.patchAgeMin.reset();
    filter.patchAgeMax.reset();
    switch (mode()) {
    case AnyMode:
        break;
    case BeforeMode:
        filter.patchLevelBefore = m_date->date();
        break;
    case AfterMode:
        filter.patchLevelAfter = m_date->date();
        break;
    case OlderThanMode:
        filter.patchAgeMin = m_minDays->value() + 1; // "older than N days" is an age of N+1
        break;
    case AgeBetweenMode:
        filter.patchAgeMin = m_minDays->value();
        if (m_maxDays->value() >= 0)
            filter.patchAgeMax = m_maxDays->value();
        break;
    }
    return true;
}

void PatchLevelFilterEdit::showFilter(const DeviceFilter &filter)
{
    const QSignalBlocker blockMode(m_mode);
    const QSignalBlocker blockDate(m_date);
    const QSignalBlocker blockMin(m_minDays);
    const QSignalBlocker blockMax(m_maxDays);
    if (filter.patchLevelBefore.isValid()) {
        setMode(BeforeMode);
        m_date->setDate(filter.patchLevelBefore);
    } else if (filter.patchLevelAfter.isValid()) {
        setMode(AfterMode);
        m_date->setDate(filter.patchLevelAfter);
    } else if (filter.patchAgeMin && *filter.patchAgeMin > 0 && !filter.patchAgeMax) {
        setMode(OlderThanMode);
        m_minDays->setValue(*filter.patchAgeMin - 1);
    } else if (filter.patchAgeMin || filter.patchAgeMax) {
        setMode(AgeBetweenMode);
        m_minDays->setValue(filter.patchAgeMin.value_or(0));
        m_maxDays->setValue(filter.patchAgeMax.value_or(-1));
    } else {
        setMode(AnyMode);
    }
    updateVisibility();
}

void PatchLevelFilterEdit::reset()
{
    const QSignalBlocker blockMode(m_mode);
    const QSignalBlocker blockDate(m_date);
    const QSignalBlocker blockMin(m_minDays);
    const QSignalBlocker blockMax(m_maxDays);
    setMode(AnyMode);
    m_date->setDate(defaultDate());
    m_minDays->setValue(DefaultOlderThanDays);
    m_maxDays->setValue(-1);
    updateVisibility();
}

void PatchLevelFilterEdit::updateVisibility()
{
    const Mode m = mode();
    m_date->setVisible(m == BeforeMode || m == AfterMode);
    m_minDays->setVisible(m == OlderThanMode || m == AgeBetweenMode);
    m_toLabel->setVisible(m == AgeBetweenMode);
    m_maxDays->setVisible(m == AgeBetweenMode);
    m_minDays->setAccessibleName(m == AgeBetweenMode ? tr("Smallest patch age in days")
                                                     : tr("Patch age in days"));
}

} // namespace Patchboard
