// SPDX-License-Identifier: Apache-2.0
#include "viewstyle.h"

#include <QLabel>
#include <QPalette>

namespace Patchboard::ViewStyle {

void setMuted(QWidget *widget)
{
    QPalette muted = widget->palette();
    muted.setColor(QPalette::WindowText, muted.color(QPalette::PlaceholderText));
    widget->setPalette(muted);
}

void setPanelTitle(QLabel *label)
{
    QFont font = label->font();
    font.setPointSizeF(font.pointSizeF() * 1.3);
    font.setBold(true);
    label->setFont(font);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
}

} // namespace Patchboard::ViewStyle
