// SPDX-License-Identifier: Apache-2.0
#pragma once
// What ReleaseWorkflow and FirmwareAdministration share about an operator's change: the time it
// is stamped with and its entry in the audit log (services/audit).

#include "core/result.h"
#include "domain/operator.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>

#include <functional>

namespace Patchboard {

class Database;

namespace FirmwareAudit {

// The clock's time (the system clock without one) in whole seconds, UTC: the tables keep
// seconds, so a time read back compares equal to the one that was written.
QDateTime now(const std::function<QDateTime()> &clock);

// Appends `who` (name and role) changing `subject` by `action` at `time` to the audit log.
Status append(Database &database, const Operator &who, const QString &action,
              const QString &subject, const QJsonObject &details, const QDateTime &time);

} // namespace FirmwareAudit

} // namespace Patchboard
