// SPDX-License-Identifier: Apache-2.0
#include "apptheme.h"

#include "deviceformat.h"
#include "releaseformat.h"

#include <QApplication>
#include <QEvent>
#include <QHash>
#include <QPainter>
#include <QProxyStyle>
#include <QStyle>
#include <QStyleFactory>
#include <QStyleOption>
#include <QWidget>

namespace Patchboard::AppTheme {

namespace {

struct SystemLook
{
    bool saved = false;
    QString styleName;
    QPalette palette;
};

SystemLook &systemLook()
{
    static SystemLook look;
    return look;
}

AppSettings::Theme &currentTheme()
{
    static AppSettings::Theme theme = AppSettings::Theme::System;
    return theme;
}

// Fusion with one change: check box and radio button indicators get an outline in the palette's
// Mid colour. Fusion outlines them in a shade of the window colour, which on a dark base (a check
// box in a table cell, such as a wave's manual gate) is the base colour itself: the box vanishes.
class ThemeStyle : public QProxyStyle
{
public:
    ThemeStyle() : QProxyStyle(QStyleFactory::create(QStringLiteral("Fusion"))) { }

    void drawPrimitive(PrimitiveElement element, const QStyleOption *option, QPainter *painter,
                       const QWidget *widget) const override
    {
        QProxyStyle::drawPrimitive(element, option, painter, widget);
        if (!option || (element != PE_IndicatorCheckBox && element != PE_IndicatorRadioButton))
            return;
        // Keyboard focus: Fusion's highlighted outline stays.
        if ((option->state & State_HasFocus) && (option->state & State_KeyboardFocusChange))
            return;
        painter->save();
        painter->setRenderHint(QPainter::Antialiasing, element == PE_IndicatorRadioButton);
        painter->setPen(option->palette.color(QPalette::Mid));
        painter->setBrush(Qt::NoBrush);
        const QRect box = option->rect.adjusted(0, 0, -1, -1);
        if (element == PE_IndicatorRadioButton)
            painter->drawEllipse(QRectF(option->rect).adjusted(0.5, 0.5, -0.5, -0.5));
        else
            painter->drawRect(box);
        painter->restore();
    }
};

// Colours for both active and inactive windows: an unfocused window keeps its colours (only its
// selection is quieter); the disabled group is set after, readable but clearly not available.
void setBoth(QPalette &p, QPalette::ColorRole role, const QColor &color)
{
    p.setColor(QPalette::Active, role, color);
    p.setColor(QPalette::Inactive, role, color);
}

// Widgets given a text colour of the palette in use (muted hints by ViewStyle::setMuted, warnings
// and errors in DeviceFormat's colours, passed checks in ReleaseFormat's) keep that colour when
// the application palette changes, and a dark red on a dark window is hard to read. They get the
// new palette's counterpart. Windows with a palette of their own (the wall screen) are left alone.
void followTextColours(const QPalette &from, const QPalette &to)
{
    QHash<QRgb, QColor> counterpart;
    counterpart.insert(from.color(QPalette::PlaceholderText).rgb(),
                       to.color(QPalette::PlaceholderText));
    counterpart.insert(DeviceFormat::criticalColor(from).rgb(), DeviceFormat::criticalColor(to));
    counterpart.insert(DeviceFormat::warningColor(from).rgb(), DeviceFormat::warningColor(to));
    counterpart.insert(ReleaseFormat::goodColor(from).rgb(), ReleaseFormat::goodColor(to));
    const QList<QWidget *> widgets = QApplication::allWidgets();
    for (QWidget *widget : widgets) {
        if (!widget->testAttribute(Qt::WA_SetPalette) || !widget->window()
            || (widget->window() != widget && widget->window()->testAttribute(Qt::WA_SetPalette)))
            continue;
        QPalette palette = widget->palette();
        bool changed = false;
        for (const QPalette::ColorRole role :
             {QPalette::WindowText, QPalette::Text, QPalette::ButtonText}) {
            const auto found = counterpart.constFind(palette.color(QPalette::Active, role).rgb());
            if (found == counterpart.constEnd() || found.value() == palette.color(role))
                continue;
            palette.setColor(role, found.value());
            changed = true;
        }
        if (changed)
            widget->setPalette(palette);
    }
}

} // namespace

QPalette lightPalette()
{
    const QColor window(0xef, 0xf0, 0xf1);
    const QColor base(0xff, 0xff, 0xff);
    const QColor text(0x1d, 0x1f, 0x22);
    const QColor muted(0x6a, 0x6f, 0x75);
    QPalette p;
    setBoth(p, QPalette::Window, window);
    setBoth(p, QPalette::WindowText, text);
    setBoth(p, QPalette::Base, base);
    setBoth(p, QPalette::AlternateBase, QColor(0xf5, 0xf6, 0xf7));
    setBoth(p, QPalette::Text, text);
    setBoth(p, QPalette::Button, QColor(0xf6, 0xf7, 0xf8));
    setBoth(p, QPalette::ButtonText, text);
    setBoth(p, QPalette::BrightText, Qt::white);
    setBoth(p, QPalette::PlaceholderText, muted);
    setBoth(p, QPalette::Light, Qt::white);
    setBoth(p, QPalette::Midlight, QColor(0xe3, 0xe5, 0xe8));
    setBoth(p, QPalette::Mid, QColor(0xa8, 0xad, 0xb3));
    setBoth(p, QPalette::Dark, QColor(0x8a, 0x8f, 0x96));
    setBoth(p, QPalette::Shadow, QColor(0x5a, 0x5e, 0x63));
    setBoth(p, QPalette::Highlight, QColor(0x2f, 0x6f, 0xc6));
    setBoth(p, QPalette::HighlightedText, Qt::white);
    setBoth(p, QPalette::ToolTipBase, QColor(0xff, 0xfd, 0xe7));
    setBoth(p, QPalette::ToolTipText, text);
    setBoth(p, QPalette::Link, QColor(0x1a, 0x5f, 0xb4));
    setBoth(p, QPalette::LinkVisited, QColor(0x6b, 0x3f, 0xa0));
    p.setColor(QPalette::Inactive, QPalette::Highlight, QColor(0xc5, 0xd6, 0xee));
    p.setColor(QPalette::Inactive, QPalette::HighlightedText, text);
    for (const QPalette::ColorRole role :
         {QPalette::Window, QPalette::Base, QPalette::AlternateBase, QPalette::Button,
          QPalette::Light, QPalette::Midlight, QPalette::Mid, QPalette::Dark, QPalette::Shadow,
          QPalette::ToolTipBase, QPalette::ToolTipText, QPalette::Link, QPalette::LinkVisited,
          QPalette::BrightText})
        p.setColor(QPalette::Disabled, role, p.color(QPalette::Active, role));
    p.setColor(QPalette::Disabled, QPalette::Base, window);
    for (const QPalette::ColorRole role :
         {QPalette::WindowText, QPalette::Text, QPalette::ButtonText, QPalette::PlaceholderText})
        p.setColor(QPalette::Disabled, role, QColor(0x9a, 0x9e, 0xa4));
    p.setColor(QPalette::Disabled, QPalette::Highlight, QColor(0xc8, 0xcb, 0xcf));
    p.setColor(QPalette::Disabled, QPalette::HighlightedText, text);
    return p;
}

QPalette darkPalette()
{
    // Not black: a dark grey that keeps the frames and the hatched chart parts visible, with
    // text at about 12:1 on the base colour.
    const QColor window(0x2b, 0x2d, 0x31);
    const QColor base(0x1e, 0x20, 0x23);
    const QColor text(0xe6, 0xe8, 0xeb);
    const QColor muted(0x9c, 0xa1, 0xa8);
    QPalette p;
    setBoth(p, QPalette::Window, window);
    setBoth(p, QPalette::WindowText, text);
    setBoth(p, QPalette::Base, base);
    setBoth(p, QPalette::AlternateBase, QColor(0x26, 0x29, 0x2d));
    setBoth(p, QPalette::Text, text);
    setBoth(p, QPalette::Button, QColor(0x36, 0x39, 0x3e));
    setBoth(p, QPalette::ButtonText, text);
    setBoth(p, QPalette::BrightText, Qt::white);
    setBoth(p, QPalette::PlaceholderText, muted);
    setBoth(p, QPalette::Light, QColor(0x4a, 0x4e, 0x55));
    setBoth(p, QPalette::Midlight, QColor(0x3d, 0x41, 0x47));
    setBoth(p, QPalette::Mid, QColor(0x5c, 0x61, 0x69));
    setBoth(p, QPalette::Dark, QColor(0x17, 0x18, 0x1b));
    setBoth(p, QPalette::Shadow, QColor(0x0c, 0x0d, 0x0f));
    setBoth(p, QPalette::Highlight, QColor(0x3a, 0x7b, 0xd5));
    setBoth(p, QPalette::HighlightedText, Qt::white);
    setBoth(p, QPalette::ToolTipBase, QColor(0x3a, 0x3d, 0x42));
    setBoth(p, QPalette::ToolTipText, text);
    setBoth(p, QPalette::Link, QColor(0x8a, 0xb4, 0xf8));
    setBoth(p, QPalette::LinkVisited, QColor(0xc5, 0x9b, 0xf0));
    p.setColor(QPalette::Inactive, QPalette::Highlight, QColor(0x3b, 0x4a, 0x60));
    for (const QPalette::ColorRole role :
         {QPalette::Window, QPalette::AlternateBase, QPalette::Button, QPalette::Light,
          QPalette::Midlight, QPalette::Mid, QPalette::Dark, QPalette::Shadow,
          QPalette::ToolTipBase, QPalette::ToolTipText, QPalette::Link, QPalette::LinkVisited,
          QPalette::BrightText, QPalette::HighlightedText})
        p.setColor(QPalette::Disabled, role, p.color(QPalette::Active, role));
    p.setColor(QPalette::Disabled, QPalette::Base, window);
    for (const QPalette::ColorRole role :
         {QPalette::WindowText, QPalette::Text, QPalette::ButtonText, QPalette::PlaceholderText})
        p.setColor(QPalette::Disabled, role, QColor(0x7a, 0x7f, 0x87));
    p.setColor(QPalette::Disabled, QPalette::Highlight, QColor(0x45, 0x49, 0x50));
    return p;
}

void apply(AppSettings::Theme theme)
{
    SystemLook &look = systemLook();
    if (!look.saved) {
        look.saved = true;
        look.styleName = QApplication::style()->name();
        look.palette = QApplication::palette();
    }
    const QPalette before = QApplication::palette();
    if (theme == AppSettings::Theme::System) {
        if (QApplication::style()->name() != look.styleName) {
            if (QStyle *style = QStyleFactory::create(look.styleName))
                QApplication::setStyle(style);
        }
        QApplication::setPalette(look.palette);
    } else {
        if (!dynamic_cast<ThemeStyle *>(QApplication::style()))
            QApplication::setStyle(new ThemeStyle); // the application owns it
        QApplication::setPalette(theme == AppSettings::Theme::Dark ? darkPalette()
                                                                   : lightPalette());
    }
    // Widgets take the new palette when the posted change events arrive; deliver them now, so
    // that what follows (and whoever called) sees the new colours.
    QCoreApplication::sendPostedEvents(nullptr, QEvent::ApplicationPaletteChange);
    followTextColours(before, QApplication::palette());
    currentTheme() = theme;
}

AppSettings::Theme current()
{
    return currentTheme();
}

} // namespace Patchboard::AppTheme
