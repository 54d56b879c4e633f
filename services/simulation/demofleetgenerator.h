// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/result.h"

#include <QDate>

#include <functional>

namespace Patchboard {

class Database;

struct DemoFleetOptions
{
    int devices = 200000;
    quint64 seed = 20241105;
    QDate referenceDate; // "today" of the fleet; invalid = the current date
};

// Fills an empty Patchboard database with a deterministic demo fleet: 8 manufacturers, 40
// hardware models with launch dates and support periods (most >= 36 months as SSU-SEC-0030
// asks, a few shorter so that violations show), regions with time zones, monthly firmware
// builds with monotonic sequence numbers and Android-style patch levels, and devices with the
// date their patch level was applied (SSU-COM-0040), last check-in, update state and the
// SSU-TES-0030 exceptions (rooted/modified, ported). The same options give the same fleet,
// byte for byte.
class DemoFleetGenerator
{
public:
    // Called every few thousand devices with (done, total); return false to cancel.
    using Progress = std::function<bool(int done, int total)>;

    explicit DemoFleetGenerator(const DemoFleetOptions &options);

    // One transaction: on failure or cancellation the database is left as it was.
    Status generate(Database &database, const Progress &progress = {}) const;

    static constexpr int MaxDevices = 20'000'000;

private:
    DemoFleetOptions m_options;
};

} // namespace Patchboard
