// SPDX-License-Identifier: Apache-2.0
#include "compliance.h"

namespace Patchboard {
namespace Compliance {

int patchAgeDays(QDate patchLevel, QDate today)
{
    if (!patchLevel.isValid() || !today.isValid())
        return 0;
    return int(qMax<qint64>(0, patchLevel.daysTo(today)));
}

SupportStatus supportStatus(QDate supportEnd, QDate today, int endingSoonDays)
{
    if (!supportEnd.isValid() || !today.isValid())
        return SupportStatus::Supported;
    const qint64 left = today.daysTo(supportEnd);
    if (left < 0)
        return SupportStatus::Ended; // SSU-SEC-0040: replace
    if (left <= endingSoonDays)
        return SupportStatus::EndingSoon;
    return SupportStatus::Supported;
}

bool isOutOfDate(QDate patchLevel, QDate today, int outOfDateDays)
{
    return patchAgeDays(patchLevel, today) > outOfDateDays;
}

} // namespace Compliance

QList<PatchAgeBin> defaultPatchAgeBins()
{
    return {{0, 30}, {31, 60}, {61, 90}, {91, 180}, {181, 365}, {366, 730}, {731, -1}};
}

QList<PatchAgeBin> patchAgeBins(const CompliancePolicy &policy)
{
    QList<PatchAgeBin> bins = defaultPatchAgeBins();
    const int limit = policy.outOfDateDays; // the last current day; limit + 1 is out of date
    if (limit < 0)
        return bins;
    for (qsizetype i = 0; i < bins.size(); ++i) {
        PatchAgeBin &bin = bins[i];
        const bool inside = bin.minDays <= limit && (bin.maxDays < 0 || limit < bin.maxDays);
        if (!inside)
            continue;
        const PatchAgeBin older{limit + 1, bin.maxDays, 0};
        bin.maxDays = limit;
        bins.insert(i + 1, older);
        break;
    }
    return bins;
}

} // namespace Patchboard
