// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "domain/compliance.h"
#include "domain/device.h"

#include <QColor>
#include <QCoreApplication>
#include <QString>

class QPalette;

namespace Patchboard {

// How device attributes read on screen, in one place so that the device table, the detail panel
// and the compliance tables agree. Dates and numbers follow the system locale; patch levels stay
// ISO (YYYY-MM-DD) because that is how security bulletins name them.
class DeviceFormat
{
    Q_DECLARE_TR_FUNCTIONS(Patchboard::DeviceFormat)
public:
    static QString date(QDate date);
    static QString dateTime(const QDateTime &utc); // shown in local time
    static QString patchLevel(QDate level);
    static QString number(qint64 value);
    static QString percent(double share); // 0.0 .. 1.0
    static QString patchAge(int days); // "412", localized

    // A patch older than the policy allows (SSU-SEC-0020: monthly updates).
    static bool isOutOfDate(int patchAgeDays, const CompliancePolicy &policy = {});
    // Marker put in front of a value that needs attention, so that it is not told by colour alone.
    static QString warningMarker();

    // One sentence on a device's patch age and one on its support, or empty when nothing is wrong.
    static QString patchAgeWarning(int patchAgeDays, const CompliancePolicy &policy = {});
    static QString supportAdvice(SupportStatus status, QDate supportEnd);

    // Text colours for warnings (ending soon, out of date) and for critical states (support ended),
    // chosen for the current palette so that they stay readable on dark themes too.
    static QColor warningColor();
    static QColor criticalColor();
    // The same for a given palette (a delegate painting with its view's palette).
    static QColor warningColor(const QPalette &palette);
    static QColor criticalColor(const QPalette &palette);
};

} // namespace Patchboard
