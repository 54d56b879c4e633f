// SPDX-License-Identifier: Apache-2.0
#include "devicequery.h"

#include <QCoreApplication>
#include <QLocale>

namespace Patchboard {

bool DeviceFilter::isEmpty() const
{
    return *this == DeviceFilter();
}

bool operator==(const DeviceFilter &a, const DeviceFilter &b)
{
    return a.patchLevelBefore == b.patchLevelBefore && a.patchLevelAfter == b.patchLevelAfter
        && a.patchAgeMin == b.patchAgeMin && a.patchAgeMax == b.patchAgeMax
        && a.supportStatuses == b.supportStatuses && a.manufacturerId == b.manufacturerId
        && a.modelId == b.modelId && a.regionId == b.regionId && a.updateState == b.updateState
        && a.exceptions == b.exceptions && a.deviceIdPrefix == b.deviceIdPrefix
        && a.events == b.events;
}

namespace FilterValidation {

// Android security patch levels start with the 2015 bulletins; nothing sensible lies before
// 2000 or beyond 2100, and refusing those keeps date arithmetic far from overflow.
QDate earliestDate()
{
    return QDate(2000, 1, 1);
}

QDate latestDate()
{
    return QDate(2100, 12, 31);
}

QString checkDate(QDate date)
{
    if (!date.isValid())
        return QCoreApplication::translate("Patchboard", "The date is not a valid calendar date.");
    if (date < earliestDate() || date > latestDate()) {
        const QLocale locale;
        return QCoreApplication::translate("Patchboard", "Enter a date between %1 and %2.")
            .arg(locale.toString(earliestDate(), QLocale::ShortFormat),
                 locale.toString(latestDate(), QLocale::ShortFormat));
    }
    return QString();
}

QString checkFilter(const DeviceFilter &filter)
{
    for (QDate date : {filter.patchLevelBefore, filter.patchLevelAfter}) {
        if (date.isNull())
            continue;
        const QString problem = checkDate(date);
        if (!problem.isEmpty())
            return problem;
    }
    constexpr int maxDays = 100 * 366;
    if ((filter.patchAgeMin && (*filter.patchAgeMin < 0 || *filter.patchAgeMin > maxDays))
        || (filter.patchAgeMax && (*filter.patchAgeMax < 0 || *filter.patchAgeMax > maxDays)))
        return QCoreApplication::translate("Patchboard",
                                           "A patch age must be between 0 and %1 days.")
            .arg(maxDays);
    if (filter.deviceIdPrefix.size() > 64)
        return QCoreApplication::translate("Patchboard",
                                           "A device ID has at most 64 characters.");
    return QString();
}

} // namespace FilterValidation
} // namespace Patchboard
