// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/result.h"
#include "domain/devicemodel.h"
#include "domain/releasestate.h"
#include "domain/rollout.h"

#include <QStringList>

#include <vector>

namespace Patchboard {

class Database;

// The release a rollout distributes, as planning needs it.
struct RolloutRelease
{
    qint64 id = 0;
    QString version;
    qint64 sequence = 0;
    QDate patchLevel;
    ReleaseState state = ReleaseState::Received;
    QList<int> modelIds; // the hardware models it is for
    QStringList cves;    // fixed, from the release notes
    QString endUserNotice; // from the release notes; may be empty
};

// Turns a plan into its targets: which devices, in which wave, and why the others are left out
// (issue #4 "Planning"). Reads the fleet on the calling thread's connection.
class RolloutPlanner
{
public:
    struct Planned
    {
        RolloutPreview preview;
        RolloutRelease release;
        // With keepTargets: the targeted devices in fill order, their wave (1-based) and model.
        std::vector<qint64> devices;
        std::vector<quint8> waves;
        std::vector<int> models;
    };

    static Result<RolloutRelease> readRelease(Database &database, qint64 releaseId);
    // today decides support end-dates; seed the fill order within a model.
    static Result<Planned> plan(Database &database, const RolloutPlan &plan, QDate today,
                                quint64 seed, bool keepTargets);
};

} // namespace Patchboard
