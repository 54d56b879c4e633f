// SPDX-License-Identifier: Apache-2.0
#include "deviceformat.h"

#include <QGuiApplication>
#include <QLocale>
#include <QPalette>

namespace Patchboard {

namespace {

bool darkPalette()
{
    // Models may live in a program without a GUI (a test, a report tool): light by default.
    if (!qobject_cast<QGuiApplication *>(QCoreApplication::instance()))
        return false;
    return QGuiApplication::palette().color(QPalette::Base).lightness() < 128;
}

} // namespace

QString DeviceFormat::date(QDate date)
{
    return date.isValid() ? QLocale().toString(date, QLocale::ShortFormat) : QString();
}

QString DeviceFormat::dateTime(const QDateTime &utc)
{
    return utc.isValid() ? QLocale().toString(utc.toLocalTime(), QLocale::ShortFormat) : QString();
}

QString DeviceFormat::patchLevel(QDate level)
{
    return level.isValid() ? level.toString(Qt::ISODate) : QString();
}

QString DeviceFormat::number(qint64 value)
{
    return QLocale().toString(value);
}

QString DeviceFormat::percent(double share)
{
    return QLocale().toString(share * 100.0, 'f', 1) + QLocale().percent();
}

QString DeviceFormat::patchAge(int days)
{
    return QLocale().toString(days);
}

bool DeviceFormat::isOutOfDate(int patchAgeDays, const CompliancePolicy &policy)
{
    return patchAgeDays > policy.outOfDateDays;
}

QString DeviceFormat::warningMarker()
{
    return QStringLiteral("\u26A0\u2009"); // WARNING SIGN, thin space
}

QString DeviceFormat::patchAgeWarning(int patchAgeDays, const CompliancePolicy &policy)
{
    if (!isOutOfDate(patchAgeDays, policy))
        return {};
    // SSU-SEC-0020: security updates are expected monthly.
    return tr("Out of date: the security patch level is %Ln day(s) old (the limit is %1).", nullptr,
              patchAgeDays)
        .arg(tr("%Ln day(s)", nullptr, policy.outOfDateDays));
}

QString DeviceFormat::supportAdvice(SupportStatus status, QDate supportEnd)
{
    switch (status) {
    case SupportStatus::Supported:
        return {};
    case SupportStatus::EndingSoon:
        // SSU-SEC-0040: warn before support ends so the replacement can be planned.
        return tr("Support ends on %1: plan to replace this device.").arg(date(supportEnd));
    case SupportStatus::Ended:
        // SSU-SEC-0040: a device without security support should be replaced.
        return tr("Support ended on %1: this device receives no more security updates and "
                  "should be replaced.")
            .arg(date(supportEnd));
    }
    return {};
}

QColor DeviceFormat::warningColor()
{
    return darkPalette() ? QColor(0xf0, 0xb4, 0x29) : QColor(0x9a, 0x58, 0x00);
}

QColor DeviceFormat::criticalColor()
{
    return darkPalette() ? QColor(0xff, 0x8a, 0x80) : QColor(0xb3, 0x26, 0x1e);
}

QColor DeviceFormat::warningColor(const QPalette &palette)
{
    return palette.color(QPalette::Base).lightness() < 128 ? QColor(0xf0, 0xb4, 0x29)
                                                          : QColor(0x9a, 0x58, 0x00);
}

QColor DeviceFormat::criticalColor(const QPalette &palette)
{
    return palette.color(QPalette::Base).lightness() < 128 ? QColor(0xff, 0x8a, 0x80)
                                                          : QColor(0xb3, 0x26, 0x1e);
}

} // namespace Patchboard
