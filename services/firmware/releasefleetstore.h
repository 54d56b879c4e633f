// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/result.h"
#include "domain/release.h"

#include <QByteArray>
#include <QList>

#include <optional>

namespace Patchboard {

class Database;

// A hardware model of the fleet as releases see it.
struct FleetModel
{
    int id = 0;
    int manufacturerId = 0;
    QString manufacturer;
    QString name;
};

// A release's relation to the fleet in the database: the hardware models it targets with their
// test plans (SSU-TES-0010), and what the fleet already has for anti-rollback (SESIP 5.5.6) and
// the CVE cross-check. Synchronous, on the calling thread's connection.
class ReleaseFleetStore
{
public:
    explicit ReleaseFleetStore(Database &database) : m_database(database) { }

    // Sets the targeted models and creates their pending test cases (SSU-TES-0010).
    Status setModels(qint64 id, const QList<int> &modelIds);
    Result<QList<FleetModel>> models(qint64 id) const;
    Result<TestPlan> testPlan(qint64 id) const;
    Status saveTestCase(qint64 id, const TestCaseResult &result);

    Result<QList<FleetModel>> modelsWithClass(const QByteArray &classId) const;
    // Approved or withdrawn releases count: devices may run a withdrawn release.
    Result<std::optional<quint64>> highestApprovedSequence(const QByteArray &classId,
                                                           qint64 excludeId) const;
    Result<std::optional<quint64>> highestInstalledSequence(const QList<int> &modelIds) const;
    // The newest patch level the models already have: an approved release or a firmware build.
    Result<std::optional<PatchLevel>> baselinePatchLevel(const QByteArray &classId,
                                                         const QList<int> &modelIds,
                                                         qint64 excludeId) const;

private:
    Database &m_database;
};

} // namespace Patchboard
