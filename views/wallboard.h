// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "domain/rollout.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QWidget>

class QLabel;

namespace Patchboard {

class WallTile;

// The tiles of the wall screen, in the order given, in two columns on a landscape screen (one
// for a single rollout or a portrait screen), rows as tall as their tallest tile. Nobody scrolls
// a wall screen: tiles that do not fit are named in one line at the bottom instead ("2 more
// rollouts not shown: …"); halted rollouts come first, so they are the last to be left out. Tiles
// are kept by rollout id and updated in place, so that a refresh neither flickers nor moves a
// screen reader's place.
class WallBoard : public QWidget
{
    Q_OBJECT
public:
    explicit WallBoard(QWidget *parent = nullptr);

    // rollouts in the order to show them; now: the rollout clock.
    void setRollouts(const QList<RolloutSummary> &rollouts, const QDateTime &now);
    void setScale(double scale);

    // The rollouts on the board, in order (shown in tiles or named in the overflow line).
    QList<qint64> rolloutIds() const;
    // Those named in the overflow line for want of room.
    QList<qint64> overflowIds() const { return m_overflowIds; }
    WallTile *tile(qint64 rolloutId) const { return m_tiles.value(rolloutId); }
    QLabel *overflowLabel() const { return m_overflow; }

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void arrange();

    QHash<qint64, WallTile *> m_tiles;
    QList<WallTile *> m_order;
    QList<qint64> m_overflowIds;
    QLabel *m_overflow = nullptr;
    double m_scale = 1.0;
};

} // namespace Patchboard
