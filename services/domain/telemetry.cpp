// SPDX-License-Identifier: Apache-2.0
#include "telemetry.h"

#include <QCoreApplication>

namespace Patchboard {

namespace {

class Tr
{
    Q_DECLARE_TR_FUNCTIONS(Patchboard::Telemetry)
};

} // namespace

std::optional<TelemetryOutcome> telemetryOutcome(UpdateOutcome outcome)
{
    switch (outcome) {
    case UpdateOutcome::Succeeded:
        return TelemetryOutcome::Succeeded;
    case UpdateOutcome::Failed:
        return TelemetryOutcome::Failed;
    case UpdateOutcome::RolledBack:
        return TelemetryOutcome::RolledBack;
    case UpdateOutcome::Postponed:
        return TelemetryOutcome::Postponed;
    case UpdateOutcome::Ok:
        break;
    }
    return std::nullopt;
}

UpdateOutcome updateOutcome(TelemetryOutcome outcome)
{
    switch (outcome) {
    case TelemetryOutcome::Succeeded:
        return UpdateOutcome::Succeeded;
    case TelemetryOutcome::Failed:
        return UpdateOutcome::Failed;
    case TelemetryOutcome::RolledBack:
        return UpdateOutcome::RolledBack;
    case TelemetryOutcome::Postponed:
        return UpdateOutcome::Postponed;
    }
    return UpdateOutcome::Ok;
}

QString telemetryOutcomeDisplayName(TelemetryOutcome outcome)
{
    switch (outcome) {
    case TelemetryOutcome::Succeeded:
        return Tr::tr("Succeeded");
    case TelemetryOutcome::Failed:
        return Tr::tr("Failed");
    case TelemetryOutcome::RolledBack:
        return Tr::tr("Rolled back");
    case TelemetryOutcome::Postponed:
        return Tr::tr("Postponed");
    }
    return QString();
}

bool operator==(const UpdateEventFilter &a, const UpdateEventFilter &b)
{
    return a.scope == b.scope && a.from == b.from && a.to == b.to && a.wave == b.wave
        && a.modelId == b.modelId && a.regionId == b.regionId && a.outcomes == b.outcomes
        && a.reason == b.reason;
}

int telemetryBucketSeconds(qint64 rangeSeconds, int maxBuckets)
{
    static constexpr int sizes[] = {60,        5 * 60,     15 * 60,    30 * 60, 3600,
                                    3 * 3600,  6 * 3600,   12 * 3600,  86400,   7 * 86400};
    maxBuckets = qMax(1, maxBuckets);
    for (int size : sizes) {
        if ((rangeSeconds + size - 1) / size <= maxBuckets)
            return size;
    }
    // Longer ranges: whole weeks, as many as it takes.
    const qint64 weeks = (rangeSeconds / (7 * 86400) + maxBuckets - 1) / maxBuckets;
    return int(qMin<qint64>(weeks, 520) * 7 * 86400);
}

} // namespace Patchboard
