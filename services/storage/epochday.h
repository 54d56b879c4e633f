// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QDate>

namespace Patchboard::EpochDay {

// The storage form of a date: days since 1970-01-01 (see migrations.cpp).
inline qint64 fromDate(QDate date)
{
    return date.toJulianDay() - QDate(1970, 1, 1).toJulianDay();
}

inline QDate toDate(qint64 days)
{
    return QDate::fromJulianDay(QDate(1970, 1, 1).toJulianDay() + days);
}

} // namespace Patchboard::EpochDay
