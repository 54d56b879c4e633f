// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "rolloutformat.h"

#include <QStyledItemDelegate>

namespace Patchboard {

// Paints a rollout's or a wave's progress as a stacked bar: succeeded (solid), failed (hatched),
// in progress (dotted), pending (empty), cancelled (crossed), with the counts written beside it
// when the column is wide enough, so that nothing is told by colour alone; the tooltip gives
// every number. Reads RolloutFormat::Counts from the index's progress role (by default
// RolloutListModel::ProgressRole); an index without counts is painted as plain text.
class WaveProgressDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    explicit WaveProgressDelegate(QObject *parent = nullptr);

    void setProgressRole(int role) { m_role = role; }
    int progressRole() const { return m_role; }

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    bool helpEvent(QHelpEvent *event, QAbstractItemView *view, const QStyleOptionViewItem &option,
                   const QModelIndex &index) override;

    // The bar alone, in rect (tests and other widgets paint it too).
    static void paintBar(QPainter *painter, const QRect &rect, const RolloutFormat::Counts &counts,
                         const QPalette &palette);
    // The colours of the parts, from the palette (and the good/critical text colours).
    static QColor succeededColor(const QPalette &palette);
    static QColor failedColor(const QPalette &palette);
    static QColor inProgressColor(const QPalette &palette);

private:
    int m_role;
};

} // namespace Patchboard
