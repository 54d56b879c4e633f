// SPDX-License-Identifier: Apache-2.0
#include "wallstyle.h"

#include <QApplication>
#include <QLabel>
#include <QWidget>

#include <algorithm>
#include <cmath>

namespace Patchboard::WallStyle {

namespace {

const char RoleProperty[] = "patchboardWallText";

constexpr double DesignWidth = 1920;
constexpr double DesignHeight = 1080;

} // namespace

double scaleFor(const QSize &size)
{
    if (size.isEmpty())
        return 1.0;
    const double scale = std::min(size.width() / DesignWidth, size.height() / DesignHeight);
    return std::clamp(scale, 0.5, 4.0);
}

int pixelSize(Text role, double scale)
{
    // At 1080p: 26 px body text (about 2.5 times a desktop's) is legible from across a room on a
    // 55" screen; names and the clock are for the far end of it.
    int design = 26;
    switch (role) {
    case Text::Small:
        design = 20;
        break;
    case Text::Body:
    case Text::Emphasis:
        design = 26;
        break;
    case Text::Heading:
        design = 36;
        break;
    case Text::Title:
        design = 52;
        break;
    }
    return std::max(9, int(std::lround(design * scale)));
}

QFont font(Text role, double scale)
{
    QFont f = QApplication::font();
    f.setPixelSize(pixelSize(role, scale));
    f.setBold(role == Text::Emphasis || role == Text::Heading || role == Text::Title);
    return f;
}

void setTextRole(QWidget *widget, Text role)
{
    widget->setProperty(RoleProperty, int(role));
}

void applyScale(QWidget *root, double scale)
{
    QList<QWidget *> widgets = root->findChildren<QWidget *>();
    widgets.prepend(root);
    for (QWidget *widget : std::as_const(widgets)) {
        const QVariant role = widget->property(RoleProperty);
        if (role.isValid())
            widget->setFont(font(Text(role.toInt()), scale));
    }
}

QLabel *makeLabel(QWidget *parent, Text role, double scale, bool wordWrap)
{
    auto *label = new QLabel(parent);
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(wordWrap);
    // Read only: nothing to select, copy or follow (and no context menu offering to).
    label->setTextInteractionFlags(Qt::NoTextInteraction);
    label->setFocusPolicy(Qt::NoFocus);
    setTextRole(label, role);
    label->setFont(font(role, scale));
    return label;
}

void setTextColor(QLabel *label, const QPalette &base, const QColor &color)
{
    QPalette p = base;
    p.setColor(QPalette::WindowText, color.isValid() ? color : base.color(QPalette::WindowText));
    label->setPalette(p);
}

QPalette darkPalette()
{
    const QColor window(0x11, 0x14, 0x18);
    const QColor base(0x1b, 0x1f, 0x25);
    const QColor text(0xe8, 0xea, 0xed);
    const QColor muted(0x9a, 0xa0, 0xa6);
    const QColor mid(0x5f, 0x66, 0x6e);
    QPalette p;
    for (const QPalette::ColorGroup group : {QPalette::Active, QPalette::Inactive}) {
        p.setColor(group, QPalette::Window, window);
        p.setColor(group, QPalette::WindowText, text);
        p.setColor(group, QPalette::Base, base);
        p.setColor(group, QPalette::AlternateBase, window);
        p.setColor(group, QPalette::Text, text);
        p.setColor(group, QPalette::Button, base);
        p.setColor(group, QPalette::ButtonText, text);
        p.setColor(group, QPalette::BrightText, Qt::white);
        p.setColor(group, QPalette::PlaceholderText, muted);
        p.setColor(group, QPalette::Light, QColor(0x3c, 0x42, 0x4a));
        p.setColor(group, QPalette::Midlight, QColor(0x30, 0x35, 0x3c));
        p.setColor(group, QPalette::Mid, mid);
        p.setColor(group, QPalette::Dark, QColor(0x08, 0x0a, 0x0c));
        p.setColor(group, QPalette::Shadow, Qt::black);
        p.setColor(group, QPalette::Highlight, QColor(0x6c, 0xa8, 0xf0));
        p.setColor(group, QPalette::HighlightedText, window);
        p.setColor(group, QPalette::ToolTipBase, base);
        p.setColor(group, QPalette::ToolTipText, text);
        p.setColor(group, QPalette::Link, QColor(0x8a, 0xb4, 0xf8));
    }
    p.setColor(QPalette::Disabled, QPalette::Window, window);
    p.setColor(QPalette::Disabled, QPalette::Base, window);
    p.setColor(QPalette::Disabled, QPalette::WindowText, muted);
    p.setColor(QPalette::Disabled, QPalette::Text, muted);
    p.setColor(QPalette::Disabled, QPalette::ButtonText, muted);
    return p;
}

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < 128;
}

// The pairs DeviceFormat and ReleaseFormat use, chosen here by the wall's palette.
QColor criticalColor(const QPalette &palette)
{
    return isDark(palette) ? QColor(0xff, 0x8a, 0x80) : QColor(0xb3, 0x26, 0x1e);
}

QColor warningColor(const QPalette &palette)
{
    return isDark(palette) ? QColor(0xf0, 0xb4, 0x29) : QColor(0x9a, 0x58, 0x00);
}

QColor goodColor(const QPalette &palette)
{
    return isDark(palette) ? QColor(0x7e, 0xd3, 0x8a) : QColor(0x1b, 0x6e, 0x2a);
}

QColor onCriticalColor(const QPalette &palette)
{
    return isDark(palette) ? QColor(0x20, 0x08, 0x06) : QColor(Qt::white);
}

QColor blend(const QColor &a, const QColor &b, double share)
{
    return QColor::fromRgbF(float(a.redF() * share + b.redF() * (1 - share)),
                            float(a.greenF() * share + b.greenF() * (1 - share)),
                            float(a.blueF() * share + b.blueF() * (1 - share)));
}

QPalette barPalette(const QPalette &wallPalette)
{
    QPalette bar = QApplication::palette();
    // A light application on the dark wall: a soft grey track rather than a glaring white one
    // (the dark green and red of the light palette keep more than 4:1 against it).
    if (isDark(wallPalette) && !isDark(bar))
        bar.setColor(QPalette::Base, QColor(0xd4, 0xd7, 0xdb));
    return bar;
}

} // namespace Patchboard::WallStyle
