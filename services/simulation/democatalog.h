// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QList>
#include <QString>

namespace Patchboard::DemoCatalog {

// The fixed part of the demo fleet: fictional manufacturers and models, real regions.
struct ModelSpec
{
    const char *manufacturer;
    const char *name;
    int launchMonthsAgo; // before the first of the reference month
    int supportMonths;   // a few below 36 on purpose: SSU-SEC-0030 violations must show
    int cadenceMonths;   // 1 = monthly security updates (SSU-SEC-0020), 3 = quarterly
    const char *tac;     // 8-digit Type Allocation Code, or a serial prefix for non-cellular IDs
    double failureRate;  // how often an update fails on this model (used by the simulator)
};

struct RegionSpec
{
    const char *code;
    const char *name;
    const char *timeZone;
    int weight;
};

const QList<ModelSpec> &models();
const QList<RegionSpec> &regions();

// The Luhn check digit of an IMEI's first 14 digits.
int luhnCheckDigit(QStringView digits);

} // namespace Patchboard::DemoCatalog
