// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "device.h"

#include <QDate>
#include <QList>

namespace Patchboard {

// The limits the compliance rules are evaluated against. Defaults follow the GSMA guidance:
// monthly security updates (SSU-SEC-0020), so a patch level older than about a quarter counts as
// out of date; operators are warned 90 days before a model's support ends (SSU-SEC-0040).
// The operator may change both in Settings (AppSettings::compliancePolicy()).
struct CompliancePolicy
{
    int outOfDateDays = 90;
    int endingSoonDays = 90;

    bool operator==(const CompliancePolicy &other) const
    {
        return outOfDateDays == other.outOfDateDays && endingSoonDays == other.endingSoonDays;
    }
    bool operator!=(const CompliancePolicy &other) const { return !(*this == other); }
};

namespace Compliance {

// Days from the patch level to the reference date; a patch level in the future counts as 0.
int patchAgeDays(QDate patchLevel, QDate today);

// supportEnd is the last supported day. Ended when today is after it; EndingSoon when it is at
// most endingSoonDays away (inclusive); Supported otherwise.
SupportStatus supportStatus(QDate supportEnd, QDate today, int endingSoonDays = 90);

bool isOutOfDate(QDate patchLevel, QDate today, int outOfDateDays = 90);

} // namespace Compliance

// The patch-age histogram bins shown on the Compliance page, in days (lower bound inclusive,
// upper bound inclusive, -1 = open ended).
struct PatchAgeBin
{
    int minDays = 0;
    int maxDays = -1;
    int devices = 0;
};
QList<PatchAgeBin> defaultPatchAgeBins();
// The default bins with the policy's out-of-date limit as a bin edge (a bin it falls into is
// split in two), so that every bin is either wholly current or wholly out of date.
QList<PatchAgeBin> patchAgeBins(const CompliancePolicy &policy);

struct ModelCompliance
{
    int modelId = 0;
    QString manufacturer;
    QString model;
    QDate supportEnd;
    SupportStatus supportStatus = SupportStatus::Supported;
    int devices = 0;
    int outOfDate = 0; // patch age > policy.outOfDateDays
    double outOfDateShare() const { return devices ? double(outOfDate) / devices : 0.0; }
};

struct ComplianceSummary
{
    QDate referenceDate;
    CompliancePolicy policy;
    int devices = 0;
    int bySupportStatus[SupportStatusCount] = {0, 0, 0};
    QList<PatchAgeBin> patchAge;
    QList<ModelCompliance> models; // ranked by number of devices, most popular first (SSU-SEC-0021)
};

} // namespace Patchboard
