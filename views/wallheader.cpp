// SPDX-License-Identifier: Apache-2.0
#include "wallheader.h"

#include "deviceformat.h"
#include "wallformat.h"
#include "wallstyle.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

namespace Patchboard {

WallHeader::WallHeader(QWidget *parent)
    : QWidget(parent)
    , m_title(WallStyle::makeLabel(this, WallStyle::Text::Title, 1.0))
    , m_summary(WallStyle::makeLabel(this, WallStyle::Text::Heading, 1.0))
    , m_clock(WallStyle::makeLabel(this, WallStyle::Text::Title, 1.0))
    , m_date(WallStyle::makeLabel(this, WallStyle::Text::Small, 1.0))
    , m_updated(WallStyle::makeLabel(this, WallStyle::Text::Small, 1.0))
{
    m_title->setText(tr("Active rollouts"));
    m_summary->setAccessibleName(tr("Summary"));
    m_clock->setAccessibleName(tr("Rollout clock"));
    m_date->setAccessibleName(tr("Date"));
    m_updated->setAccessibleName(tr("Last update"));
    m_clock->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_date->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_updated->setAlignment(Qt::AlignRight | Qt::AlignVCenter);

    auto *left = new QVBoxLayout;
    left->addWidget(m_title);
    left->addWidget(m_summary);
    auto *right = new QVBoxLayout;
    right->addWidget(m_clock);
    right->addWidget(m_date);
    right->addWidget(m_updated);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(left, 1);
    layout->addLayout(right);
    setUpdated({}, false);
    updateColors();
}

void WallHeader::setClock(const QDateTime &utc, bool simulated)
{
    m_clock->setText(QLocale().toString(utc.toLocalTime().time(), QLocale::ShortFormat));
    m_date->setText(tr("%1 \u00b7 %2", "date, which clock")
                        .arg(WallFormat::longDate(utc),
                             simulated ? tr("simulated rollout clock") : tr("rollout clock")));
}

void WallHeader::setSummary(const QString &text, bool alert)
{
    m_summary->setText(text);
    if (alert != m_alert) {
        m_alert = alert;
        updateColors();
    }
}

void WallHeader::setUpdated(const QDateTime &lastUpdate, bool stale)
{
    const QString time = WallFormat::timeWithSeconds(lastUpdate.toLocalTime().time());
    if (!lastUpdate.isValid())
        m_updated->setText(tr("Not updated yet"));
    else if (stale)
        m_updated->setText(DeviceFormat::warningMarker() + tr("Stale \u00b7 updated %1").arg(time));
    else
        m_updated->setText(tr("Updated %1").arg(time));
    if (stale != m_stale) {
        m_stale = stale;
        updateColors();
    }
}

void WallHeader::updateColors()
{
    const QPalette base = palette();
    const QColor muted = base.color(QPalette::PlaceholderText);
    WallStyle::setTextColor(m_title, base, {});
    WallStyle::setTextColor(m_clock, base, {});
    WallStyle::setTextColor(m_summary, base, m_alert ? WallStyle::criticalColor(base) : QColor());
    WallStyle::setTextColor(m_date, base, muted);
    WallStyle::setTextColor(m_updated, base, m_stale ? WallStyle::warningColor(base) : muted);
}

void WallHeader::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        updateColors();
}

} // namespace Patchboard
