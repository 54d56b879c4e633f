// SPDX-License-Identifier: Apache-2.0
#include "waveprogressdelegate.h"

#include "deviceformat.h"
#include "releaseformat.h"
#include "rolloutlistmodel.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QHelpEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>
#include <array>

namespace Patchboard {

namespace {

constexpr int MinimumBarWidth = 48;
constexpr int Gap = 8;
constexpr int Padding = 4;

QColor blend(const QColor &a, const QColor &b, double share)
{
    return QColor::fromRgbF(float(a.redF() * share + b.redF() * (1 - share)),
                            float(a.greenF() * share + b.greenF() * (1 - share)),
                            float(a.blueF() * share + b.blueF() * (1 - share)));
}

// Widths of the parts in pixels: proportional, but a part that is not zero stays visible (at
// least 2 px; one failure among ten thousand devices must not vanish), the difference taken from
// the widest part.
std::array<int, 5> partWidths(const std::array<int, 5> &values, int total, int width)
{
    std::array<int, 5> widths{};
    if (total <= 0 || width <= 0)
        return widths;
    int used = 0;
    qint64 cumulative = 0;
    for (size_t i = 0; i < values.size(); ++i) {
        cumulative += values[i];
        const int edge = int((cumulative * width + total / 2) / total);
        widths[i] = edge - used;
        used = edge;
    }
    int borrowed = 0;
    for (size_t i = 0; i < values.size(); ++i) {
        if (values[i] > 0 && widths[i] < 2 && width >= 12) {
            borrowed += 2 - widths[i];
            widths[i] = 2;
        }
    }
    if (borrowed > 0) {
        auto widest = std::max_element(widths.begin(), widths.end());
        *widest = qMax(0, *widest - borrowed);
    }
    return widths;
}

} // namespace

WaveProgressDelegate::WaveProgressDelegate(QObject *parent)
    : QStyledItemDelegate(parent), m_role(RolloutListModel::ProgressRole)
{ }

// From the palette the bar is painted in, not the application's: a bar on the dark wall screen
// of a light console (or the other way round) keeps its contrast.
QColor WaveProgressDelegate::succeededColor(const QPalette &palette)
{
    return ReleaseFormat::goodColor(palette);
}

QColor WaveProgressDelegate::failedColor(const QPalette &palette)
{
    return DeviceFormat::criticalColor(palette);
}

QColor WaveProgressDelegate::inProgressColor(const QPalette &palette)
{
    return palette.color(QPalette::Active, QPalette::Highlight);
}

void WaveProgressDelegate::paintBar(QPainter *painter, const QRect &rect,
                                    const RolloutFormat::Counts &counts, const QPalette &palette)
{
    if (rect.width() < 4 || rect.height() < 3)
        return;
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing, false);
    const QColor base = palette.color(QPalette::Base);
    const QColor mid = palette.color(QPalette::Mid);
    painter->fillRect(rect, base);

    const QRect inner = rect.adjusted(1, 1, -1, -1);
    const std::array<int, 5> values{counts.succeeded, counts.failed, counts.inProgress,
                                    counts.pending, counts.cancelled};
    const std::array<int, 5> widths = partWidths(values, counts.total(), inner.width());
    const QColor good = succeededColor(palette);
    const QColor bad = failedColor(palette);
    const QColor busy = inProgressColor(palette);
    int x = inner.left();
    for (size_t i = 0; i < widths.size(); ++i) {
        if (widths[i] <= 0)
            continue;
        const QRect part(x, inner.top(), widths[i], inner.height());
        x += widths[i];
        switch (i) {
        case 0: // succeeded: solid
            painter->fillRect(part, good);
            break;
        case 1: // failed: hatched
            painter->fillRect(part, blend(bad, base, 0.3));
            painter->fillRect(part, QBrush(bad, Qt::BDiagPattern));
            break;
        case 2: // in progress: dotted
            painter->fillRect(part, blend(busy, base, 0.25));
            painter->fillRect(part, QBrush(busy, Qt::Dense5Pattern));
            break;
        case 3: // pending: empty
            break;
        case 4: // will never be offered: crossed
            painter->fillRect(part, QBrush(mid, Qt::DiagCrossPattern));
            break;
        }
    }
    painter->setPen(mid);
    painter->setBrush(Qt::NoBrush);
    painter->drawRect(rect.adjusted(0, 0, -1, -1));
    painter->restore();
}

void WaveProgressDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                                 const QModelIndex &index) const
{
    const QVariant value = index.data(m_role);
    if (!value.canConvert<RolloutFormat::Counts>()) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    const RolloutFormat::Counts counts = value.value<RolloutFormat::Counts>();
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QString text = opt.text;
    opt.text.clear();
    const QWidget *widget = opt.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

    const QRect area = opt.rect.adjusted(Padding, 0, -Padding, 0);
    const int textWidth = opt.fontMetrics.horizontalAdvance(text);
    const bool withText = !text.isEmpty() && area.width() >= MinimumBarWidth + Gap + textWidth;
    // The bar takes what the text leaves, but not more than a readable length.
    const int barWidth = withText
        ? qMin(area.width() - Gap - textWidth, qMax(MinimumBarWidth, area.width() / 2))
        : area.width();
    const int barHeight = qMin(opt.fontMetrics.height(), area.height() - 6);
    const QRect bar(area.left(), area.top() + (area.height() - barHeight) / 2, barWidth, barHeight);
    paintBar(painter, bar, counts, opt.palette);

    if (withText) {
        painter->save();
        const bool selected = opt.state & QStyle::State_Selected;
        painter->setPen(opt.palette.color(selected ? QPalette::HighlightedText : QPalette::Text));
        painter->setFont(opt.font);
        const QRect textRect(bar.right() + Gap, area.top(), area.right() - bar.right() - Gap,
                             area.height());
        painter->drawText(textRect, Qt::AlignLeft | Qt::AlignVCenter, text);
        painter->restore();
    }
}

QSize WaveProgressDelegate::sizeHint(const QStyleOptionViewItem &option,
                                     const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    if (index.data(m_role).canConvert<RolloutFormat::Counts>()) {
        size.setWidth(size.width() + MinimumBarWidth * 2 + Gap);
        // Room around the bar: rows with bars read better when they do not touch.
        size.setHeight(qMax(size.height(), option.fontMetrics.height() + 8));
    }
    return size;
}

bool WaveProgressDelegate::helpEvent(QHelpEvent *event, QAbstractItemView *view,
                                     const QStyleOptionViewItem &option, const QModelIndex &index)
{
    const QVariant value = index.data(m_role);
    if (event && event->type() == QEvent::ToolTip && value.canConvert<RolloutFormat::Counts>()) {
        QToolTip::showText(event->globalPos(),
                           RolloutFormat::progressToolTip(value.value<RolloutFormat::Counts>()),
                           view, option.rect);
        return true;
    }
    return QStyledItemDelegate::helpEvent(event, view, option, index);
}

} // namespace Patchboard
