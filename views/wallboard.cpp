// SPDX-License-Identifier: Apache-2.0
#include "wallboard.h"

#include "wallformat.h"
#include "wallstyle.h"
#include "walltile.h"

#include <QLabel>
#include <QSet>

#include <cmath>

namespace Patchboard {

namespace {

int tileHeight(WallTile *tile, int width)
{
    return tile->hasHeightForWidth() ? tile->heightForWidth(width) : tile->sizeHint().height();
}

} // namespace

WallBoard::WallBoard(QWidget *parent) : QWidget(parent), m_overflow(new QLabel(this))
{
    setFocusPolicy(Qt::NoFocus);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    m_overflow->setTextFormat(Qt::PlainText);
    m_overflow->setWordWrap(true);
    m_overflow->setTextInteractionFlags(Qt::NoTextInteraction);
    m_overflow->setAccessibleName(tr("Rollouts not shown"));
    WallStyle::setTextRole(m_overflow, WallStyle::Text::Body);
    m_overflow->hide();
}

void WallBoard::setRollouts(const QList<RolloutSummary> &rollouts, const QDateTime &now)
{
    QSet<qint64> keep;
    QList<WallTile *> order;
    for (const RolloutSummary &rollout : rollouts) {
        keep.insert(rollout.id);
        WallTile *tile = m_tiles.value(rollout.id);
        if (!tile) {
            tile = new WallTile(this);
            tile->setScale(m_scale);
            m_tiles.insert(rollout.id, tile);
        }
        tile->setRollout(rollout, now);
        order.append(tile);
    }
    for (auto it = m_tiles.begin(); it != m_tiles.end();) {
        if (!keep.contains(it.key())) {
            delete it.value();
            it = m_tiles.erase(it);
        } else {
            ++it;
        }
    }
    m_order = order;
    arrange();
}

void WallBoard::setScale(double scale)
{
    m_scale = scale;
    WallStyle::applyScale(m_overflow, scale);
    for (WallTile *tile : std::as_const(m_order))
        tile->setScale(scale);
    arrange();
}

QList<qint64> WallBoard::rolloutIds() const
{
    QList<qint64> ids;
    for (const WallTile *tile : m_order)
        ids.append(tile->rolloutId());
    return ids;
}

void WallBoard::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    arrange();
}

void WallBoard::arrange()
{
    const int gap = std::max(4, int(std::lround(20 * m_scale)));
    const int count = int(m_order.size());
    // Two columns when there are two tiles or more, on a screen wider than tall.
    const int columns = count >= 2 && width() >= height() ? 2 : 1;
    const int columnWidth = std::max(1, (width() - (columns - 1) * gap) / columns);

    // The overflow line's height if it comes to that (it names up to all tiles but the first).
    auto overflowText = [this](int from) {
        QStringList names;
        for (int i = from; i < m_order.size(); ++i)
            names.append(tr("%1 (%2)", "rollout name, state")
                             .arg(m_order.at(i)->rollout().name,
                                  rolloutStateDisplayName(m_order.at(i)->rollout().state)));
        return tr("%n more rollout(s) not shown: %1", nullptr, int(names.size()))
            .arg(names.join(QStringLiteral(", ")));
    };

    int y = 0;
    int shown = 0;
    while (shown < count) {
        const int rowEnd = std::min(count, shown + columns);
        int rowHeight = 0;
        for (int i = shown; i < rowEnd; ++i)
            rowHeight = std::max(rowHeight, tileHeight(m_order.at(i), columnWidth));
        int reserve = 0;
        if (rowEnd < count) {
            m_overflow->setText(overflowText(rowEnd));
            reserve = m_overflow->heightForWidth(width()) + gap;
        }
        // The first row is always shown, even on a screen too small for it.
        if (shown > 0 && y + rowHeight > height() - reserve)
            break;
        for (int i = shown; i < rowEnd; ++i) {
            WallTile *tile = m_order.at(i);
            tile->setGeometry((i - shown) * (columnWidth + gap), y, columnWidth, rowHeight);
            tile->show();
        }
        y += rowHeight + gap;
        shown = rowEnd;
    }

    m_overflowIds.clear();
    for (int i = shown; i < count; ++i) {
        m_order.at(i)->hide();
        m_overflowIds.append(m_order.at(i)->rolloutId());
    }
    if (shown < count) {
        m_overflow->setText(overflowText(shown));
        const int h = m_overflow->heightForWidth(width());
        m_overflow->setGeometry(0, height() - h, width(), h);
        m_overflow->show();
    } else {
        m_overflow->clear();
        m_overflow->hide();
    }
}

} // namespace Patchboard
