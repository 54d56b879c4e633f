// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/result.h"
#include "domain/release.h"
#include "firmware/firmwarebackend.h"
#include "jsonreader.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QList>

namespace Patchboard::Json {

// Releases in the operator API (issue #6): what FirmwareBackend passes. Enums travel as the
// domain's stable names: release states ("in-testing"), release types and change kinds
// ("security"), severities ("high"), test cases ("emergency-call"), outcomes ("passed"), roles
// ("test-engineer"). Digests, vendor and class IDs are hex strings as the domain keeps them; a
// key's PEM is text. The readers taking a JsonReader read a nested object and share its first
// problem; those taking a QJsonValue read a whole answer (BadResponse) — the server's routes read
// request bodies through ApiRequest::reader() (InvalidArgument) and the JsonReader variants.

QJsonObject toJson(const ReleaseSummary &summary);
ReleaseSummary readReleaseSummary(JsonReader &r);
Result<ReleaseSummary> readReleaseSummary(const QJsonValue &value);

// {"releases": [...]}
QJsonObject toJson(const QList<ReleaseSummary> &releases);
Result<QList<ReleaseSummary>> readReleaseSummaries(const QJsonValue &value);

QJsonObject toJson(const ReleaseNotes &notes);
ReleaseNotes readReleaseNotes(JsonReader &r);

QJsonObject toJson(const ReleaseDetail &detail);
Result<ReleaseDetail> readReleaseDetail(const QJsonValue &value);

QJsonObject toJson(const TrustedKey &key);
TrustedKey readTrustedKey(JsonReader &r);
Result<TrustedKey> readTrustedKey(const QJsonValue &value);

// {"keys": [...]}
QJsonObject toJson(const QList<TrustedKey> &keys);
Result<QList<TrustedKey>> readTrustedKeys(const QJsonValue &value);

QJsonObject toJson(const FirmwareSettings &settings);
FirmwareSettings readFirmwareSettings(JsonReader &r);
Result<FirmwareSettings> readFirmwareSettings(const QJsonValue &value);

QJsonObject toJson(const BulletinImportReport &report);
Result<BulletinImportReport> readBulletinImportReport(const QJsonValue &value);

// Enum names with a readable failure for unknown ones (the reader is then no longer ok()).
TestCaseKind readTestCaseKind(JsonReader &r, const char *key);
TestOutcome readTestOutcome(JsonReader &r, const char *key);

} // namespace Patchboard::Json
