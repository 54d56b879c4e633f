// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "audit/auditlog.h"
#include "core/result.h"
#include "jsonreader.h"
#include "queryreader.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QUrlQuery>

namespace Patchboard::Json {

// The audit log in the operator API (issue #6). Hashes travel as hex, details as the JSON object
// they are, times as ISO 8601 UTC.

// The most entries one GET /api/v1/audit answers; RemoteAuditBackend asks in parts of this size.
constexpr int MaxAuditEntriesPerRequest = 1000;

QJsonObject toJson(const AuditEntry &entry);
AuditEntry readAuditEntry(JsonReader &r);

// {"entries": [...]}
QJsonObject toJson(const QList<AuditEntry> &entries);
Result<QList<AuditEntry>> readAuditEntries(const QJsonValue &value);

QJsonObject toJson(const AuditVerification &verification);
Result<AuditVerification> readAuditVerification(const QJsonValue &value);

QJsonObject toJson(const AuditQuery &query);
Result<AuditQuery> readAuditQuery(const QJsonValue &value);

// As query parameters: actor, actionPrefix, text, from, to (ISO 8601), only those that are set.
// The reader records problems in r; the caller reads offset and limit, calls r.refuseUnknown()
// and checks r.ok().
QUrlQuery toQuery(const AuditQuery &query);
AuditQuery readAuditQuery(QueryReader &r);

} // namespace Patchboard::Json
