// SPDX-License-Identifier: Apache-2.0
#pragma once

class QLabel;
class QWidget;

namespace Patchboard::ViewStyle {

// Secondary text ("nothing selected", hints): the palette's placeholder colour rather than a
// disabled widget, so that screen readers still read it.
void setMuted(QWidget *widget);

// The heading of a detail panel: larger and bold, selectable.
void setPanelTitle(QLabel *label);

} // namespace Patchboard::ViewStyle
