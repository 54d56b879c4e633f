// SPDX-License-Identifier: Apache-2.0
#include "patchlevel.h"

namespace Patchboard {

PatchLevel PatchLevel::fromString(QStringView text)
{
    text = text.trimmed();
    // Exactly ten characters, digits and dashes in the ISO places: refuse "2024-3-5", "20240305".
    if (text.size() != 10 || text[4] != QLatin1Char('-') || text[7] != QLatin1Char('-'))
        return {};
    for (int i : {0, 1, 2, 3, 5, 6, 8, 9}) {
        if (!text[i].isDigit())
            return {};
    }
    const QDate date = QDate::fromString(text.toString(), Qt::ISODate);
    return PatchLevel(date);
}

QString PatchLevel::toString() const
{
    return isValid() ? m_date.toString(Qt::ISODate) : QString();
}

} // namespace Patchboard
