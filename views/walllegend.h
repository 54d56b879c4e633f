// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QWidget>

namespace Patchboard {

// The foot of the wall screen: what the patterns of the progress bars mean, each drawn by a bar
// itself (succeeded solid, failed hatched, in progress dotted, pending empty), and how to leave.
class WallLegend : public QWidget
{
    Q_OBJECT
public:
    explicit WallLegend(QWidget *parent = nullptr);

    // Swatches as tall as the legend's text at the scale.
    void setScale(double scale);
};

} // namespace Patchboard
