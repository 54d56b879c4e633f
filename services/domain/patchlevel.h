// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QDate>
#include <QString>

namespace Patchboard {

// An Android-style security patch level: the date string YYYY-MM-DD published in a security
// bulletin, normally YYYY-MM-01 or YYYY-MM-05. Devices show it with the date it was applied
// (SSU-COM-0040).
class PatchLevel
{
public:
    PatchLevel() = default;
    explicit PatchLevel(QDate date) : m_date(date) { }

    // Parses exactly "YYYY-MM-DD"; anything else gives an invalid PatchLevel.
    static PatchLevel fromString(QStringView text);

    bool isValid() const { return m_date.isValid(); }
    // True for the two levels Android bulletins publish each month (-01 and -05).
    bool isBulletinLevel() const { return isValid() && (m_date.day() == 1 || m_date.day() == 5); }
    QDate date() const { return m_date; }
    QString toString() const;

    friend bool operator==(PatchLevel a, PatchLevel b) { return a.m_date == b.m_date; }
    friend bool operator!=(PatchLevel a, PatchLevel b) { return a.m_date != b.m_date; }
    friend bool operator<(PatchLevel a, PatchLevel b) { return a.m_date < b.m_date; }

private:
    QDate m_date;
};

} // namespace Patchboard
