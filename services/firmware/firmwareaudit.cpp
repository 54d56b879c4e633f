// SPDX-License-Identifier: Apache-2.0
#include "firmwareaudit.h"

#include "audit/auditlog.h"

namespace Patchboard::FirmwareAudit {

QDateTime now(const std::function<QDateTime()> &clock)
{
    const QDateTime time = clock ? clock() : QDateTime::currentDateTimeUtc();
    return QDateTime::fromSecsSinceEpoch(time.toSecsSinceEpoch(), Qt::UTC);
}

Status append(Database &database, const Operator &who, const QString &action,
              const QString &subject, const QJsonObject &details, const QDateTime &time)
{
    AuditLog log(database);
    const Result<AuditEntry> entry
        = log.append(who.name, Operator::roleName(who.role), action, subject, details, time);
    if (!entry)
        return entry.error();
    return Done{};
}

} // namespace Patchboard::FirmwareAudit
