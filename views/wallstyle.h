// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QColor>
#include <QFont>
#include <QPalette>
#include <QSize>

class QLabel;
class QWidget;

namespace Patchboard::WallStyle {

// The wall screen is read from across the operations room: its text sizes are a fixed share of
// the window (designed at 1920 x 1080, still legible at 1280 x 720, twice the pixels on 4K), not
// the desktop's point sizes. Every label of the wall has a role; applyScale() sets the fonts.
enum class Text {
    Small, // legend, captions, per-wave counts
    Body, // most lines of a tile
    Emphasis, // the halt reason, the failure rate, the current wave
    Heading, // a rollout's name, the halted badge, the count summary
    Title, // the screen's title, the clock, the empty state
};

// How much larger than the 1080p design the window is: min(width / 1920, height / 1080), kept
// within [0.5, 4].
double scaleFor(const QSize &size);
// The pixel size of a role at a scale (Body: 26 px at 1080p).
int pixelSize(Text role, double scale);
QFont font(Text role, double scale);

// Marks a widget with its role; applyScale() then gives it (and every marked descendant of root)
// the font of its role at the scale.
void setTextRole(QWidget *widget, Text role);
void applyScale(QWidget *root, double scale);
// A label of the wall: plain text, not selectable, never focused, with its role and the font of
// the role at scale.
QLabel *makeLabel(QWidget *parent, Text role, double scale, bool wordWrap = false);
// Gives the label base with color as its text colour (base's own text colour when invalid).
void setTextColor(QLabel *label, const QPalette &base, const QColor &color);

// The wall's own dark palette (light text on near black): a room with the lights dimmed, and no
// large white areas on a screen that is on all day.
QPalette darkPalette();
bool isDark(const QPalette &palette);

// Text and border colours for the palette the wall is painted in (the application-wide
// DeviceFormat colours follow the application's palette, which the wall may not use).
QColor criticalColor(const QPalette &palette);
QColor warningColor(const QPalette &palette);
QColor goodColor(const QPalette &palette);
// Text that reads on a criticalColor() background.
QColor onCriticalColor(const QPalette &palette);
// a * share + b * (1 - share).
QColor blend(const QColor &a, const QColor &b, double share);

// The palette the progress bars are painted in: WaveProgressDelegate takes its succeeded and
// failed colours from the application's palette, so the bars are painted in that palette too (a
// light bar on the dark wall when the application is light), where those colours have contrast.
QPalette barPalette(const QPalette &wallPalette);

} // namespace Patchboard::WallStyle
