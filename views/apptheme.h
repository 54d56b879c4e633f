// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "appsettings.h"

#include <QPalette>

namespace Patchboard::AppTheme {

// The look of the whole console. Light and Dark use the Fusion style (with check boxes outlined
// in the palette's Mid colour) and the explicit palettes below (the same on every desktop); System goes back to the style and palette the platform gave
// the application before the first call (which may be dark too). Every widget that does not set
// its own colours follows at once (QEvent::PaletteChange); the charts and the progress bars pick
// their colours from the palette they are given. Call after the QApplication exists, before the
// main window is shown.
void apply(AppSettings::Theme theme);
AppSettings::Theme current();

QPalette lightPalette();
QPalette darkPalette();

} // namespace Patchboard::AppTheme
