#!/usr/bin/env python3
# Generates docs/openapi.json, the OpenAPI 3 document of patchboard-server:
#   scripts/gen-openapi.py docs/openapi.json
# Edit the operations and schemas here, regenerate, and run the test openapi (tests/api), which
# checks the document against the routes the server registers and against real answers.
import json, sys

def ref(name):
    return {"$ref": "#/components/schemas/" + name}

def obj(props, required=None, desc=None, extra=None):
    o = {"type": "object", "properties": props}
    o["required"] = list(props.keys()) if required is None else required
    if not o["required"]:
        del o["required"]
    if desc:
        o["description"] = desc
    if extra:
        o.update(extra)
    return o

def s(desc=None, **kw):
    o = {"type": "string"}
    if desc: o["description"] = desc
    o.update(kw); return o

def i(desc=None, **kw):
    o = {"type": "integer"}
    if desc: o["description"] = desc
    o.update(kw); return o

def i64(desc=None, **kw):
    return i(desc, format="int64", **kw)

def n(desc=None, **kw):
    o = {"type": "number"}
    if desc: o["description"] = desc
    o.update(kw); return o

def b(desc=None, **kw):
    o = {"type": "boolean"}
    if desc: o["description"] = desc
    o.update(kw); return o

def arr(items, desc=None):
    o = {"type": "array", "items": items}
    if desc: o["description"] = desc
    return o

def date(desc=None, nullable=True):
    o = {"type": "string", "format": "date", "nullable": nullable}
    o["description"] = (desc + " " if desc else "") + "YYYY-MM-DD" + ("; null when unknown." if nullable else ".")
    return o

def dt(desc=None, nullable=True):
    o = {"type": "string", "format": "date-time", "nullable": nullable}
    o["description"] = (desc + " " if desc else "") + "ISO 8601 UTC with milliseconds" + ("; null when not set." if nullable else ".")
    return o

def enum(values, desc=None, nullable=False):
    o = {"type": "string", "enum": values}
    if nullable:
        o["nullable"] = True
        o["enum"] = values + [None]
    if desc: o["description"] = desc
    return o

UPDATE_STATES = ["idle", "offered", "downloading", "verifying", "installing", "rebooting", "failed", "rolled-back", "postponed"]
SUPPORT = ["supported", "ending-soon", "ended"]
EXC_FILTER = ["any", "none", "rooted", "ported", "any-exception"]
DEVICE_FIELDS = ["device-id", "manufacturer", "model", "region", "firmware-version", "patch-level", "patch-age", "patch-applied", "support-end", "support-status", "last-check-in", "update-state", "exceptions"]
ROLES = ["viewer", "test-engineer", "rollout-manager", "administrator"]
RELEASE_STATES = ["received", "verified", "refused", "in-testing", "approved", "rejected", "withdrawn"]
RELEASE_TYPES = ["security", "maintenance", "feature"]
CHANGE_KINDS = ["security", "bugfix", "maintenance", "feature"]
SEVERITIES = ["none", "low", "moderate", "high", "critical"]
TEST_CASES = ["boot", "voice-call", "emergency-call", "data", "sms", "update-resume"]
TEST_OUTCOMES = ["pending", "passed", "failed", "blocked"]
ROLLOUT_STATES = ["draft", "scheduled", "running", "paused", "halted", "completed", "cancelled"]
WAVE_STATES = ["pending", "running", "succeeded", "halted", "cancelled"]
TARGET_STATES = ["pending", "offered", "downloading", "verifying", "installing", "rebooting", "postponed", "succeeded", "failed", "rolled-back", "cancelled", "expired"]
PHASES = ["offer", "download", "verify", "install", "reboot"]
OUTCOMES = ["ok", "succeeded", "failed", "rolled-back", "postponed"]
TEL_OUTCOMES = ["succeeded", "failed", "rolled-back", "postponed"]
REASONS = ["download-timeout", "digest-mismatch", "signature-refused", "insufficient-storage", "low-battery", "install-failed", "boot-failed"]
ERROR_CODES = [
    ("invalid-argument", 400, "the request is malformed or not allowed in the current state (also 405 for a known path with another method)"),
    ("unauthenticated", 401, "no bearer token, or an expired/unknown one, or a wrong user name or password at login"),
    ("permission-denied", 403, "the signed-in role may not do this, or a device asks about an update it was not offered"),
    ("not-found", 404, "no such path, or no such release/rollout/device/upload/key"),
    ("cancelled", 409, "the server cancelled the work (e.g. shutting down)"),
    ("too-large", 413, "the request body is larger than the route accepts"),
    ("rate-limited", 429, "too many failed sign-ins; see Retry-After"),
    ("storage-corrupt", 500, "the server's database is damaged"),
    ("schema-too-new", 500, "the database was written by a newer server"),
    ("foreign-database", 500, "the database is not a Patchboard database"),
    ("storage-failure", 500, "a database statement failed"),
    ("io", 500, "a file could not be read or written on the server"),
    ("internal", 500, "a defect in the server"),
    ("unreachable", 502, "an upstream service could not be reached"),
    ("bad-response", 502, "an upstream service answered something unexpected"),
    ("storage-unavailable", 503, "the database cannot be opened or is busy; retry later"),
]

schemas = {}

schemas["Error"] = obj({
    "error": obj({
        "code": enum([c for c, _, _ in ERROR_CODES], "Stable machine-readable code; see the table in info.description."),
        "message": s("What went wrong, in the server's language, for a human."),
        "hint": s("What to do about it; absent when there is nothing to suggest."),
    }, ["code", "message"]),
}, desc="Every error answer (4xx, 5xx) has this body.")

schemas["Operator"] = obj({"name": s("Operator name."), "role": enum(ROLES)})
schemas["LoginRequest"] = obj({"user": s(maxLength=256), "password": s(maxLength=1024, format="password")})
schemas["LoginAnswer"] = obj({
    "token": s("Bearer token for the operatorToken scheme. Keep it secret; it is shown only here."),
    "expires": dt("When the session ends.", nullable=False),
    "operator": ref("Operator")})
schemas["Session"] = obj({"operator": ref("Operator"), "expires": dt(nullable=False)})
schemas["Health"] = obj({
    "status": enum(["ok"]), "version": s("Server version."),
    "tracker": b("Whether this instance serves the Status Tracker (devices, rollouts, telemetry, device API)."),
    "firmware": b("Whether this instance serves the Firmware Server (releases, trust keys, uploads).")})
schemas["Changes"] = obj({
    "fleet": i64(), "releases": i64(), "rollouts": i64(), "events": i64(), "audit": i64(),
    "instance": i64("Always 0 today; reserved to tell server instances apart."),
}, desc="Change counters per topic since the server started. Poll every few seconds; when a counter differs from the last answer, re-query that topic. Counters are per instance and restart at 0.")

# Tracker ---------------------------------------------------------------------------------
schemas["Manufacturer"] = obj({"id": i(), "name": s()})
schemas["DeviceModel"] = obj({
    "id": i(), "manufacturerId": i(), "manufacturer": s(), "name": s(),
    "launchDate": date(), "supportMonths": i("Months of security support after launch."),
    "classId": s("SUIT class id of the model (may be empty).")},
    ["id", "manufacturerId", "manufacturer", "name", "supportMonths"])
schemas["Region"] = obj({"id": i(), "code": s(), "name": s(), "timeZone": s("IANA time zone.")},
                        ["id", "code", "name"])
schemas["FleetCatalog"] = obj({
    "manufacturers": arr(ref("Manufacturer")), "models": arr(ref("DeviceModel")),
    "regions": arr(ref("Region")), "deviceCount": i()})
schemas["Device"] = obj({
    "id": i64("Numeric id; use it in /api/v1/devices/{id}."),
    "deviceId": s("The device's serial / external id."),
    "modelId": i(), "manufacturer": s(), "model": s(), "regionId": i(), "region": s(),
    "firmwareVersion": s(), "firmwareSequence": i64("SUIT sequence number of the installed firmware."),
    "patchLevel": date("Security patch level."), "patchApplied": date("When the patch level was installed."),
    "supportEnd": date("End of security support."), "lastCheckIn": dt(),
    "updateState": enum(UPDATE_STATES), "exceptions": arr(enum(["rooted", "ported"])),
    "patchAgeDays": i("Days between the patch level and the reference date."),
    "supportStatus": enum(SUPPORT)},
    ["id", "deviceId", "modelId", "manufacturer", "model", "regionId", "region", "firmwareVersion",
     "firmwareSequence", "updateState", "exceptions", "patchAgeDays", "supportStatus"])
schemas["UpdateEvent"] = obj({
    "id": i64(), "deviceId": i64(), "rolloutId": i64(), "rolloutName": s(), "wave": i(),
    "phase": s("Stored phase code: " + ", ".join(PHASES) + " (unknown codes are passed on as stored)."),
    "outcome": s("Stored outcome code: " + ", ".join(OUTCOMES) + "."),
    "reason": s("Failure reason code (" + ", ".join(REASONS) + ") or empty."),
    "fromVersion": s(), "toVersion": s(), "time": dt()},
    ["id", "deviceId", "rolloutId", "wave", "phase", "outcome"])
schemas["DeviceDetail"] = obj({"device": ref("Device"), "regionTimeZone": s(), "history": arr(ref("UpdateEvent"))},
                              ["device", "history"])
schemas["DevicePage"] = obj({
    "offset": i(), "matching": i("Devices matching the filter (all pages)."),
    "fleetSize": i("Devices in the fleet."), "referenceDate": date("Date patch ages and support statuses were computed for."),
    "rows": arr(ref("Device"))}, ["offset", "matching", "fleetSize", "rows"])
schemas["CompliancePolicy"] = obj({"outOfDateDays": i(), "endingSoonDays": i()})
schemas["ComplianceSummary"] = obj({
    "referenceDate": date(), "policy": ref("CompliancePolicy"), "devices": i(),
    "bySupportStatus": obj({"supported": i(), "endingSoon": i(), "ended": i()}),
    "patchAge": arr(obj({"minDays": i(), "maxDays": i(), "devices": i()})),
    "models": arr(obj({"modelId": i(), "manufacturer": s(), "model": s(), "supportEnd": date(),
                       "supportStatus": enum(SUPPORT), "devices": i(), "outOfDate": i()},
                      ["modelId", "manufacturer", "model", "supportStatus", "devices", "outOfDate"]))},
    ["policy", "devices", "bySupportStatus", "patchAge", "models"])

# Telemetry -------------------------------------------------------------------------------
schemas["TelemetryScope"] = obj({"kind": enum(["fleet", "rollout", "release"]),
                                 "id": i64("Rollout or release id; 0 for the fleet.")}, ["kind"])
schemas["OutcomeCounts"] = obj({"succeeded": i64(), "failed": i64(), "rolledBack": i64(), "postponed": i64()})
schemas["TelemetryGroup"] = obj({"id": i(), "name": s(), "counts": ref("OutcomeCounts")}, ["id", "counts"])
schemas["TelemetryQuery"] = obj({
    "scope": ref("TelemetryScope"), "from": dt(), "to": dt(),
    "maxBuckets": i("Most time buckets of the series.", minimum=1, maximum=10000)}, ["scope"])
schemas["TelemetryScopeChoices"] = obj({"scopes": arr(obj({
    "scope": ref("TelemetryScope"), "name": s(), "state": s("Rollout or release state name, if any."),
    "active": b()}, ["scope", "name", "active"]))})
schemas["TelemetryOverview"] = obj({
    "query": ref("TelemetryQuery"), "firstEvent": dt(), "lastEvent": dt(),
    "series": obj({"bucketSeconds": i(), "buckets": arr(obj({"start": dt(nullable=False), "counts": ref("OutcomeCounts")}))}),
    "breakdown": obj({
        "total": ref("OutcomeCounts"),
        "reasons": arr(obj({"reason": enum(REASONS + [""], "Failure reason; empty for none."),
                            "outcome": enum(TEL_OUTCOMES), "count": i64()})),
        "models": arr(ref("TelemetryGroup")), "regions": arr(ref("TelemetryGroup")),
        "waves": arr(ref("TelemetryGroup"))}),
    "errorThreshold": n("Error threshold (percent) of the rollout in scope."),
    "thresholdWave": i("Wave whose threshold errorThreshold is.")},
    ["query", "series", "breakdown", "errorThreshold", "thresholdWave"])
schemas["UpdateEventFilter"] = obj({
    "scope": ref("TelemetryScope"), "from": dt(), "to": dt(), "wave": i("0: any."),
    "modelId": i("0: any."), "regionId": i("0: any."), "outcomes": arr(enum(TEL_OUTCOMES), "Empty: any."),
    "reason": enum(REASONS + [""], "null or absent: any reason; \"\": events without a reason.", nullable=True),
    "description": s()}, ["scope"])
schemas["PseudonymOptions"] = obj({"enabled": b(), "salt": s("Base64 salt of the device pseudonyms.", format="byte")}, ["enabled"])
schemas["EventsCsvRequest"] = obj({"filter": ref("UpdateEventFilter"), "pseudonyms": ref("PseudonymOptions")}, ["filter"])
schemas["EventsCsvJson"] = obj({"rows": i(), "csv": s("The CSV text.")})
schemas["DeviceFilter"] = obj({
    "patchLevelBefore": date(), "patchLevelAfter": date(),
    "patchAgeMin": i(nullable=True), "patchAgeMax": i(nullable=True),
    "supportStatuses": arr(enum(SUPPORT)), "manufacturerId": i(), "modelId": i(), "regionId": i(),
    "updateState": enum(UPDATE_STATES, nullable=True), "exceptions": enum(EXC_FILTER),
    "deviceIdPrefix": s(), "events": {"allOf": [ref("UpdateEventFilter")], "nullable": True}},
    [], desc="A device filter as JSON (the drill-down form); GET /api/v1/devices takes the same as query parameters.")

# Audit -----------------------------------------------------------------------------------
schemas["AuditEntry"] = obj({
    "sequence": i64(), "time": dt(nullable=False), "actor": s(), "role": s(), "action": s(),
    "subject": s(), "details": {"type": "object", "additionalProperties": True},
    "previousHash": s("SHA-256 of the previous entry, hex.", pattern="^[0-9a-f]*$"),
    "hash": s("SHA-256 of this entry, hex.", pattern="^[0-9a-f]*$")})
schemas["AuditEntries"] = obj({"entries": arr(ref("AuditEntry"))})
schemas["AuditVerification"] = obj({"intact": b(), "entries": i64(), "firstBadSequence": i64("0 when intact."),
                                    "problem": s()}, ["intact", "entries"])

# Firmware --------------------------------------------------------------------------------
schemas["TestWindow"] = obj({"deadline": dt(), "daysLeft": i(), "overdue": b(), "decisionSeconds": i64(),
                             "decidedWithinWindow": b()}, ["daysLeft", "overdue", "decisionSeconds", "decidedWithinWindow"],
                            desc="SSU-TES-0010: a release is decided within 7 days.")
schemas["ReleaseSummary"] = obj({
    "id": i64(), "version": s(), "vendorId": s(), "manufacturer": s(), "models": arr(s()), "classId": s(),
    "type": enum(RELEASE_TYPES), "patchLevel": date(), "sequenceNumber": i64("SUIT sequence number (< 2^53).", minimum=0),
    "received": dt(), "decided": dt(), "state": enum(RELEASE_STATES), "window": ref("TestWindow"),
    "windowApplies": b()},
    ["id", "version", "models", "type", "sequenceNumber", "state", "window", "windowApplies"])
schemas["ReleaseList"] = obj({"releases": arr(ref("ReleaseSummary"))})
schemas["ReleaseChange"] = obj({"description": s(), "kind": enum(CHANGE_KINDS), "cves": arr(s()), "severity": enum(SEVERITIES)})
schemas["ReleaseNotes"] = obj({"version": s(), "type": enum(RELEASE_TYPES), "patchLevel": date(),
                               "targetModels": arr(s()), "changes": arr(ref("ReleaseChange")), "endUserNotice": s()},
                              ["type", "targetModels", "changes"])
schemas["ReleaseCheck"] = obj({"name": s(), "passed": b(), "reason": s(), "blocking": b()}, ["name", "passed", "blocking"])
schemas["TestCaseResult"] = obj({
    "modelId": i(), "modelName": s(), "testCase": enum(TEST_CASES), "outcome": enum(TEST_OUTCOMES), "note": s(),
    "recordedBy": s(), "recordedAt": dt(), "waived": b(), "waiverReason": s(), "waivedBy": s(), "waivedAt": dt()},
    ["modelId", "testCase", "outcome"])
schemas["ReleaseTransition"] = obj({"from": enum(RELEASE_STATES), "to": enum(RELEASE_STATES), "actor": s(),
                                    "role": s(), "time": dt(), "reason": s()}, ["from", "to", "actor"])
schemas["KnownVulnerability"] = obj({"osvId": s(), "cve": s(), "package": s(), "severity": enum(SEVERITIES),
                                     "patchLevel": date(), "type": s()}, ["cve", "severity"])
schemas["ReleaseImage"] = obj({"name": s(), "digest": s("SHA-256, hex."), "size": i64()}, ["name", "size"])
schemas["ReleaseDetail"] = obj({
    "summary": ref("ReleaseSummary"), "notes": ref("ReleaseNotes"), "checks": arr(ref("ReleaseCheck")),
    "testPlan": obj({"cases": arr(ref("TestCaseResult"))}), "history": arr(ref("ReleaseTransition")),
    "missingCves": arr(ref("KnownVulnerability"), "Known vulnerabilities at or before the patch level that the notes do not list."),
    "offendingChanges": arr(i(), "Indexes into notes.changes that break the security-only claim."),
    "images": arr(ref("ReleaseImage")), "signerFingerprint": s(), "algorithm": s(), "manifestDigest": s(),
    "approvalBlockers": arr(s(), "Why the release cannot be approved yet; empty when it can.")},
    ["summary", "notes", "checks", "testPlan", "history", "missingCves", "offendingChanges", "images", "approvalBlockers"])
schemas["ImportReleaseRequest"] = obj({"upload": s("The upload id the files were PUT under."),
                                       "bundleName": s("File name of the bundle as on the operator's disk, e.g. NAME.pbrelease.")})
schemas["TestResultRequest"] = obj({"modelId": i(), "testCase": enum(TEST_CASES), "outcome": enum(TEST_OUTCOMES),
                                    "note": s()}, ["modelId", "testCase", "outcome"])
schemas["WaiverRequest"] = obj({"modelId": i(), "testCase": enum(TEST_CASES), "reason": s()}, ["modelId", "testCase"])
schemas["ReasonRequest"] = obj({"reason": s(), "note": s("Accepted instead of reason.")}, [])
schemas["TrustedKey"] = obj({
    "id": i64(), "vendorId": s("SUIT vendor id, hex."), "manufacturerId": i(), "manufacturer": s(),
    "fingerprint": s(), "keyType": s(), "label": s(), "pem": s("Public key, PEM."), "added": dt(), "addedBy": s()},
    ["id", "vendorId", "manufacturerId", "fingerprint"])
schemas["TrustedKeyList"] = obj({"keys": arr(ref("TrustedKey"))})
schemas["AddTrustedKeyRequest"] = obj({"vendorId": s("hex"), "manufacturerId": i(), "pem": s("Public key, PEM (EC P-256 or Ed25519)."),
                                       "label": s()}, ["vendorId", "manufacturerId", "pem"])
schemas["FirmwareSettings"] = obj({"fourEyes": b("Whether approving needs a second test engineer.")})
schemas["BulletinImportRequest"] = obj({"upload": s(), "fileName": s("One uploaded file (e.g. bulletins.zip); absent: the uploaded folder of .json records.")}, ["upload"])
schemas["BulletinImportReport"] = obj({"records": i(), "vulnerabilities": i(), "skipped": i(), "problems": arr(s())})
schemas["UploadedFile"] = obj({"upload": s(), "fileName": s("Name inside the upload (images/NAME for images)."),
                               "size": i64(), "sha256": s("hex")})

# Rollouts --------------------------------------------------------------------------------
schemas["WavePlan"] = obj({
    "size": enum(["percent", "count", "rest"]), "percent": n(), "count": i(),
    "successThreshold": n("Percent."), "errorThreshold": n("Percent."), "minimumResults": i(),
    "soakMinutes": i(), "manualGate": b()}, ["size"],
    desc="Only size is required in a request; the rest default like a new wave. Answers carry every field.")
schemas["MaintenanceWindow"] = obj({"enabled": b(), "start": s("HH:mm", pattern="^[0-2][0-9]:[0-5][0-9]$"),
                                    "end": s("HH:mm", pattern="^[0-2][0-9]:[0-5][0-9]$")}, [],
                                   desc="Local time of each device.")
schemas["RolloutPlan"] = obj({
    "releaseId": i64(), "name": s(),
    "targets": obj({"modelIds": arr(i()), "regionIds": arr(i()), "patchLevelBefore": date(),
                    "sequenceBelow": i64(), "includeRooted": b(), "includePorted": b(), "includeUnsupported": b()}, []),
    "waves": arr(ref("WavePlan")), "start": dt(), "deadline": dt(), "window": ref("MaintenanceWindow"),
    "notice": obj({"title": s(), "summary": s(), "manufacturerFallback": b(), "fallbackUrl": s()}, [])},
    ["releaseId", "name", "waves"])
schemas["RolloutPreview"] = obj({
    "targeted": i(), "alreadyCurrent": i(), "rooted": i(), "ported": i(), "unsupported": i(), "busy": i(),
    "filteredOut": i(), "waveSizes": arr(i()),
    "models": arr(obj({"modelId": i(), "manufacturer": s(), "model": s(), "devices": i(), "perWave": arr(i())})),
    "problems": arr(s(), "Why the plan cannot be created; empty when it can."), "warnings": arr(s()),
    "noticeTitle": s(), "noticeSummary": s()})
schemas["WaveProgress"] = obj({
    "number": i(), "state": enum(WAVE_STATES), "plan": ref("WavePlan"), "size": i(), "pending": i(),
    "inProgress": i(), "verified": i(), "postponed": i(), "succeeded": i(), "failed": i(), "rolledBack": i(),
    "cancelled": i(), "started": dt(), "succeededAt": dt(), "nextWaveAt": dt(), "waitingForGate": b(),
    "gateOpen": b(), "baselineResults": i(), "baselineFailed": i()},
    ["number", "state", "plan", "size", "pending", "inProgress", "verified", "postponed", "succeeded", "failed",
     "rolledBack", "cancelled", "waitingForGate", "gateOpen", "baselineResults", "baselineFailed"])
schemas["RolloutSummary"] = obj({
    "id": i64(), "name": s(), "releaseId": i64(), "releaseVersion": s(), "state": enum(ROLLOUT_STATES),
    "targets": i(), "currentWave": i(), "waves": arr(ref("WaveProgress")), "haltReason": s(), "created": dt(),
    "createdBy": s(), "start": dt(), "started": dt(), "finished": dt(), "deadline": dt()},
    ["id", "name", "releaseId", "releaseVersion", "state", "targets", "currentWave", "waves"])
schemas["RolloutList"] = obj({"rollouts": arr(ref("RolloutSummary"))})
schemas["RolloutTransition"] = obj({"from": enum(ROLLOUT_STATES), "to": enum(ROLLOUT_STATES), "actor": s(),
                                    "role": s(), "time": dt(), "reason": s()}, ["from", "to"])
schemas["RolloutDetail"] = obj({"summary": ref("RolloutSummary"), "plan": ref("RolloutPlan"),
                                "targets": ref("RolloutPreview"), "history": arr(ref("RolloutTransition"))})
schemas["PlanRequest"] = obj({"plan": ref("RolloutPlan")})
schemas["CreateRolloutRequest"] = obj({"plan": ref("RolloutPlan"), "schedule": b("Schedule at once.", default=False)}, ["plan"])
schemas["RolloutControlRequest"] = obj({"reason": s(), "newErrorThreshold": n("resume only: a new error threshold (percent); -1 or absent keeps it.")}, [],
                                       desc="Optional body of the rollout controls; no body is the same as {}.")
schemas["SimulationSettings"] = obj({
    "available": b("Whether this server runs a simulator at all."), "running": b(), "speed": n(), "clock": dt(),
    "failureRates": arr(obj({"modelId": i(), "rate": n()}))}, ["running", "speed"])

# Device API ------------------------------------------------------------------------------
schemas["DeviceCredentialRequest"] = {
    "description": "Either the first n devices of the fleet, or a list of device ids.",
    "oneOf": [obj({"first": i(minimum=1)}), obj({"devices": arr(i64(minimum=1))})]}
schemas["DeviceCredential"] = obj({
    "deviceId": i64(), "serial": s(), "modelId": i(), "model": s(), "timeZone": s(), "firmwareVersion": s(),
    "sequence": i64(), "patchLevel": date(), "token": s("Bearer token for the deviceToken scheme; shown this once.")},
    ["deviceId", "serial", "modelId", "model", "timeZone", "firmwareVersion", "sequence", "token"])
schemas["DeviceCredentialList"] = obj({"credentials": arr(ref("DeviceCredential"))})
schemas["DeviceCheckIn"] = obj({"firmwareVersion": s(), "sequence": i64("SUIT sequence number of the installed firmware.", minimum=0),
                                "patchLevel": date()}, ["firmwareVersion", "sequence"])
schemas["DeviceOffer"] = obj({
    "rolloutId": i64(), "wave": i(), "releaseId": i64(), "version": s(), "sequence": i64(), "patchLevel": date(),
    "manifestUrl": s("Path of GET /api/v1/device/offers/{rolloutId}/manifest."),
    "image": obj({"name": s(), "url": s("Path of GET /api/v1/device/offers/{rolloutId}/image."),
                  "digest": s("SHA-256 of the image, hex; verify before installing."), "size": i64()}),
    "window": obj({"enabled": b(), "start": s("HH:mm"), "end": s("HH:mm"), "clock": enum(["device-local"])}),
    "deadline": dt(), "state": enum(TARGET_STATES), "installAttempts": i()},
    ["rolloutId", "wave", "releaseId", "version", "sequence", "manifestUrl", "image", "window", "state"])
schemas["DeviceCheckInAnswer"] = obj({"action": enum(["none", "update"]), "serverTime": dt(),
                                      "offer": ref("DeviceOffer")}, ["action"],
                                     desc="offer is present when action is \"update\".")
schemas["DeviceReport"] = obj({"rolloutId": i64(), "phase": enum(PHASES), "outcome": enum(OUTCOMES),
                               "reason": enum(REASONS + [""], "Failure reason; empty or absent for none."),
                               "attempt": i("Install attempt (0 when not counted).")},
                              ["rolloutId", "phase", "outcome"])
schemas["DeviceReportAnswer"] = obj({"state": enum(TARGET_STATES), "duplicate": b("The same report was received before; nothing changed.")})

# Responses -------------------------------------------------------------------------------
def err(desc, headers=None):
    r = {"description": desc, "content": {"application/json": {"schema": ref("Error")}}}
    if headers: r["headers"] = headers
    return r

responses = {
    "BadRequest": err("invalid-argument: a malformed body, an unknown or malformed query parameter, or a request the current state does not allow."),
    "Unauthorized": err("unauthenticated: no bearer token, or an expired or unknown one.",
                        {"WWW-Authenticate": {"schema": {"type": "string"}, "description": "Bearer realm=\"patchboard\""}}),
    "Forbidden": err("permission-denied: the operator's role may not do this."),
    "NotFound": err("not-found: no such object."),
    "TooLarge": err("too-large: the body is larger than this route accepts."),
    "RangeNotSatisfiable": err("The Range header asks for bytes outside the file."),
    "RateLimited": err("rate-limited: too many failed sign-ins from this address or for this user.",
                       {"Retry-After": {"schema": {"type": "integer"}, "description": "Seconds to wait."}}),
}

def json_resp(schema, desc="OK"):
    return {"description": desc, "content": {"application/json": {"schema": schema}}}

def file_resps(ctype, desc):
    ok = {"description": desc, "headers": {"Accept-Ranges": {"schema": {"type": "string", "enum": ["bytes"]}}},
          "content": {ctype: {"schema": {"type": "string", "format": "binary"}}}}
    part = {"description": "The byte range asked for by the Range header (one range: bytes=a-b, bytes=a-, bytes=-n).",
            "headers": {"Content-Range": {"schema": {"type": "string"}}},
            "content": {ctype: {"schema": {"type": "string", "format": "binary"}}}}
    return {"200": ok, "206": part, "416": {"$ref": "#/components/responses/RangeNotSatisfiable"}}

def rr(name):
    return {"$ref": "#/components/responses/" + name}

OP, DEV = [{"operatorToken": []}], [{"deviceToken": []}]

paths = {}

def op(method, path, opid, tag, summary, security, responses_, desc=None, params=None, body=None,
       errors=(), roles=None, body_required=True, body_desc=None):
    o = {"operationId": opid, "tags": [tag], "summary": summary}
    d = desc or ""
    if roles:
        d = (d + "\n\n" if d else "") + "Roles: " + roles
    if d: o["description"] = d
    if params: o["parameters"] = params
    if body is not None:
        o["requestBody"] = {"required": body_required, "content": body}
        if body_desc: o["requestBody"]["description"] = body_desc
    o["security"] = security
    resp = dict(responses_)
    codes = set(errors)
    if security:
        codes.add("401")
    for code in sorted(codes):
        resp.setdefault(code, rr({"400": "BadRequest", "401": "Unauthorized", "403": "Forbidden", "404": "NotFound",
                                  "413": "TooLarge", "416": "RangeNotSatisfiable", "429": "RateLimited"}[code]))
    o["responses"] = dict(sorted(resp.items()))
    paths.setdefault(path, {})[method] = o

def jbody(name):
    return {"application/json": {"schema": ref(name)}}

def pid(name="id", desc="Numeric id."):
    return {"name": name, "in": "path", "required": True, "description": desc, "schema": {"type": "integer", "format": "int64", "minimum": 1}}

def pstr(name, desc):
    return {"name": name, "in": "path", "required": True, "description": desc, "schema": {"type": "string"}}

def q(name, schema, desc=None):
    p = {"name": name, "in": "query", "required": False, "schema": schema}
    if desc: p["description"] = desc
    return p

def range_header():
    return {"name": "Range", "in": "header", "required": False, "schema": {"type": "string", "example": "bytes=0-1048575"},
            "description": "One byte range, to resume a download."}

ALL_ROLES = "every signed-in operator (viewer, test-engineer, rollout-manager, administrator)."

# Server ----------------------------------------------------------------------------------
op("get", "/api/v1/health", "getHealth", "server", "Is the server up, and which parts does it serve", [],
   {"200": json_resp(ref("Health"))}, desc="For load balancers and monitoring; no token.")
op("get", "/api/v1/changes", "getChanges", "server", "Change counters per topic (poll for updates)", OP,
   {"200": json_resp(ref("Changes"))},
   desc="Consoles poll this every 2 s while signed in and re-query a topic when its counter moved: fleet (devices), releases, rollouts, events (telemetry), audit.",
   roles=ALL_ROLES)

# Auth ------------------------------------------------------------------------------------
op("post", "/api/v1/login", "login", "auth", "Sign in as an operator", [],
   {"200": json_resp(ref("LoginAnswer"), "Signed in: the bearer token for the other operator routes.")},
   desc="Exchanges user name and password for an operator bearer token. A wrong name or password is 401 (unauthenticated); repeated failures lock the name/address out for a while (429 with Retry-After). Body at most 4 KiB.",
   body=jbody("LoginRequest"), errors=["400", "401", "413", "429"])
op("post", "/api/v1/logout", "logout", "auth", "End this session", OP, {"204": {"description": "Signed out; the token is no longer valid."}},
   roles=ALL_ROLES)
op("get", "/api/v1/session", "getSession", "auth", "Who this token belongs to, and until when", OP,
   {"200": json_resp(ref("Session"))}, roles=ALL_ROLES)

# Tracker ---------------------------------------------------------------------------------
def filter_params():
    return [
        q("patchLevelBefore", {"type": "string", "format": "date"}, "Patch level before this date (YYYY-MM-DD)."),
        q("patchLevelAfter", {"type": "string", "format": "date"}, "Patch level after this date (YYYY-MM-DD)."),
        q("patchAgeMin", {"type": "integer"}, "Patch age at least this many days."),
        q("patchAgeMax", {"type": "integer"}, "Patch age at most this many days."),
        q("supportStatus", {"type": "string", "pattern": "^(supported|ending-soon|ended)(,(supported|ending-soon|ended))*$"},
          "Comma-separated support statuses: " + ", ".join(SUPPORT) + "."),
        q("manufacturerId", {"type": "integer", "minimum": 0, "default": 0}, "0: any."),
        q("modelId", {"type": "integer", "minimum": 0, "default": 0}, "0: any."),
        q("regionId", {"type": "integer", "minimum": 0, "default": 0}, "0: any."),
        q("updateState", enum(UPDATE_STATES)),
        q("exceptions", dict(enum(EXC_FILTER), default="any"), "Rooted/ported devices: any, none (neither), rooted, ported, any-exception."),
        q("deviceIdPrefix", {"type": "string"}, "Device ids (serials) starting with this."),
        q("events", {"type": "string"}, "Telemetry drill-down: an UpdateEventFilter as compact JSON; devices with matching events."),
    ]

def query_params():
    return filter_params() + [
        q("sort", dict(enum(DEVICE_FIELDS), default="device-id")),
        q("order", dict(enum(["asc", "desc"]), default="asc")),
        q("referenceDate", {"type": "string", "format": "date"}, "Compute patch ages and support statuses for this date (default: today)."),
        q("endingSoonDays", {"type": "integer", "minimum": 0, "maximum": 36500, "default": 90}, "Support ending within this many days counts as ending-soon."),
    ]

UNKNOWN_Q = "Unknown query parameters are refused (400), so that a misspelt filter never lists the whole fleet."
op("get", "/api/v1/catalog", "getCatalog", "tracker", "Manufacturers, models and regions of the fleet", OP,
   {"200": json_resp(ref("FleetCatalog"))}, errors=["400"], roles=ALL_ROLES, desc="Takes no query parameters.")
op("get", "/api/v1/devices", "listDevices", "tracker", "One page of the devices matching a filter", OP,
   {"200": json_resp(ref("DevicePage"))},
   params=query_params() + [
       q("offset", {"type": "integer", "minimum": 0, "default": 0}),
       q("limit", {"type": "integer", "minimum": 0, "maximum": 1000, "default": 100}, "At most 1000 devices per request.")],
   errors=["400"], roles=ALL_ROLES, desc=UNKNOWN_Q)
op("get", "/api/v1/devices/export.csv", "exportDevices", "tracker", "The devices matching a filter, as CSV", OP,
   file_resps("text/csv", "The CSV file (Content-Disposition: attachment; filename=\"devices.csv\")."),
   params=query_params() + [range_header()], errors=["400"], roles=ALL_ROLES, desc=UNKNOWN_Q)
op("get", "/api/v1/devices/{id}", "getDevice", "tracker", "A device with its update history", OP,
   {"200": json_resp(ref("DeviceDetail"))},
   params=[pid("id", "The numeric id of the device (Device.id)."),
           q("referenceDate", {"type": "string", "format": "date"}, "Compute patch age and support status for this date (default: today).")],
   errors=["400", "404"], roles=ALL_ROLES, desc="A non-numeric id is 400; an unknown one 404.")
op("get", "/api/v1/compliance", "getCompliance", "tracker", "Patch-age and end-of-support overview", OP,
   {"200": json_resp(ref("ComplianceSummary"))},
   params=filter_params() + [
       q("outOfDateDays", {"type": "integer", "minimum": 0, "maximum": 36500, "default": 90}, "Patch age above which a device is out of date."),
       q("endingSoonDays", {"type": "integer", "minimum": 0, "maximum": 36500, "default": 90}),
       q("referenceDate", {"type": "string", "format": "date"})],
   errors=["400"], roles=ALL_ROLES, desc=UNKNOWN_Q)

# Audit -----------------------------------------------------------------------------------
def audit_params():
    return [q("actor", {"type": "string"}, "Operator name."), q("actionPrefix", {"type": "string"}, "e.g. \"release.\""),
            q("text", {"type": "string"}, "Search text in subject and details."),
            q("from", {"type": "string", "format": "date-time"}, "ISO 8601 with offset."),
            q("to", {"type": "string", "format": "date-time"}, "ISO 8601 with offset.")]
op("get", "/api/v1/audit", "listAuditEntries", "audit", "Audit log entries", OP, {"200": json_resp(ref("AuditEntries"))},
   params=audit_params() + [q("offset", {"type": "integer", "minimum": 0, "default": 0}),
                            q("limit", {"type": "integer", "minimum": 0, "default": 100}, "Capped by the server (Json::MaxAuditEntriesPerRequest).")],
   errors=["400"], roles=ALL_ROLES, desc="The append-only, hash-chained log of operator decisions. " + UNKNOWN_Q)
op("get", "/api/v1/audit/verify", "verifyAudit", "audit", "Check the audit log's hash chain", OP,
   {"200": json_resp(ref("AuditVerification"))}, errors=["400"], roles=ALL_ROLES)
op("get", "/api/v1/audit/export.csv", "exportAudit", "audit", "Audit log entries as CSV", OP,
   file_resps("text/csv", "The CSV file (Content-Disposition: attachment; filename=\"audit.csv\")."),
   params=audit_params() + [range_header()], errors=["400"], roles=ALL_ROLES)

# Firmware --------------------------------------------------------------------------------
FW_NOTE = "Roles are checked by the firmware backend: a role that may not do this gets 403."
op("get", "/api/v1/releases", "listReleases", "releases", "All releases", OP, {"200": json_resp(ref("ReleaseList"))}, roles=ALL_ROLES)
op("get", "/api/v1/releases/{id}", "getRelease", "releases", "A release with its checks, test plan and history", OP,
   {"200": json_resp(ref("ReleaseDetail"))}, params=[pid()], errors=["404"], roles=ALL_ROLES)
op("post", "/api/v1/releases/import", "importRelease", "releases", "Import an uploaded release bundle", OP,
   {"201": json_resp(ref("ReleaseDetail"), "Imported; a refused release (bad signature, rollback...) is recorded and returned with state \"refused\", not an error.")},
   body=jbody("ImportReleaseRequest"), errors=["400", "403", "404", "413"], roles="test-engineer, administrator.",
   desc="First PUT the bundle's files to /api/v1/uploads/{id}/... The upload is removed afterwards, whatever the verdict. " + FW_NOTE)
for verb, summary, roles in [("approve", "Approve a release", "test-engineer (a second one when fourEyes is on)."),
                             ("reject", "Reject a release", "test-engineer."),
                             ("withdraw", "Withdraw an approved release", "rollout-manager, administrator.")]:
    op("post", "/api/v1/releases/{id}/" + verb, verb + "Release", "releases", summary, OP,
       {"200": json_resp(ref("ReleaseDetail"))}, params=[pid()], body=jbody("ReasonRequest"),
       errors=["400", "403", "404", "413"], roles=roles,
       desc="A decision the release's state does not allow is 400. " + FW_NOTE)
op("post", "/api/v1/releases/{id}/test-results", "recordTestResult", "releases", "Record a test result for a model", OP,
   {"200": json_resp(ref("ReleaseDetail"))}, params=[pid()], body=jbody("TestResultRequest"),
   errors=["400", "403", "404", "413"], roles="test-engineer.", desc=FW_NOTE)
op("post", "/api/v1/releases/{id}/waivers", "waiveTestCase", "releases", "Waive a test case for a model", OP,
   {"200": json_resp(ref("ReleaseDetail"))}, params=[pid()], body=jbody("WaiverRequest"),
   errors=["400", "403", "404", "413"], roles="test-engineer.", desc=FW_NOTE)
op("get", "/api/v1/trust-keys", "listTrustKeys", "administration", "The Authors' public keys the server trusts", OP,
   {"200": json_resp(ref("TrustedKeyList"))}, roles=ALL_ROLES)
op("post", "/api/v1/trust-keys", "addTrustKey", "administration", "Trust an Author's public key", OP,
   {"201": json_resp(ref("TrustedKey"))}, body=jbody("AddTrustedKeyRequest"), errors=["400", "403", "413"],
   roles="administrator.", desc=FW_NOTE)
op("delete", "/api/v1/trust-keys/{id}", "removeTrustKey", "administration", "Stop trusting a key", OP,
   {"200": json_resp(ref("TrustedKey"), "The removed key.")},
   params=[pid(), q("reason", {"type": "string"}, "For clients that send no body with DELETE; a JSON body {\"reason\"} wins.")],
   body={"application/json": {"schema": obj({"reason": s()}, [])}}, body_required=False,
   errors=["400", "403", "404", "413"], roles="administrator.", desc=FW_NOTE)
op("get", "/api/v1/firmware-settings", "getFirmwareSettings", "administration", "Release workflow settings", OP,
   {"200": json_resp(ref("FirmwareSettings"))}, roles=ALL_ROLES)
op("put", "/api/v1/firmware-settings", "setFirmwareSettings", "administration", "Change the release workflow settings", OP,
   {"200": json_resp(ref("FirmwareSettings"))}, body=jbody("FirmwareSettings"), errors=["400", "403", "413"],
   roles="administrator.", desc=FW_NOTE)
op("post", "/api/v1/bulletins/import", "importBulletins", "administration", "Import uploaded security bulletin data (OSV records)", OP,
   {"200": json_resp(ref("BulletinImportReport"))}, body=jbody("BulletinImportRequest"),
   errors=["400", "403", "404", "413"], roles="test-engineer, administrator.",
   desc="First PUT the files to /api/v1/uploads/{id}/{name}. The upload is removed afterwards. " + FW_NOTE)

UPLOAD_ID = pstr("id", "Upload id chosen by the client: 8 to 64 of [A-Za-z0-9-], random.")
UPLOAD_BODY = {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}
UPLOAD_DESC = ("Raw bytes of one file. The body limit is the server's --max-upload (413 above it). An upload "
               "belongs to the operator who started it (403 for another one). Uploads never imported are removed a day later.")
op("put", "/api/v1/uploads/{id}/{name}", "uploadFile", "uploads", "Upload one file of a bundle or of bulletin data", OP,
   {"201": json_resp(ref("UploadedFile"))}, params=[UPLOAD_ID, pstr("name", "A plain file name (no separators, no leading dot, at most 200 characters).")],
   body=UPLOAD_BODY, errors=["400", "403", "413"], roles="test-engineer, administrator.", desc=UPLOAD_DESC)
op("put", "/api/v1/uploads/{id}/images/{name}", "uploadImage", "uploads", "Upload one firmware image of a bundle", OP,
   {"201": json_resp(ref("UploadedFile"))}, params=[UPLOAD_ID, pstr("name", "A plain file name.")],
   body=UPLOAD_BODY, errors=["400", "403", "413"], roles="test-engineer, administrator.", desc=UPLOAD_DESC + " Stored as images/{name} (docs/release-format.md).")
deeper_desc = "Always refused with 400: a file name with a separator in it. Registered so that the answer says so rather than 404."
op("put", "/api/v1/uploads/{id}/{a}/{b}", "uploadRefusedDepth2", "uploads", "Refused: nested file name", OP,
   {"201": {"description": "Never answered; see 400."}}, params=[UPLOAD_ID, pstr("a", "Any"), pstr("b", "Any")],
   errors=["400", "413"], desc=deeper_desc, roles=ALL_ROLES)
op("put", "/api/v1/uploads/{id}/{a}/{b}/{c}", "uploadRefusedDepth3", "uploads", "Refused: nested file name", OP,
   {"201": {"description": "Never answered; see 400."}}, params=[UPLOAD_ID, pstr("a", "Any"), pstr("b", "Any"), pstr("c", "Any")],
   errors=["400", "413"], desc=deeper_desc, roles=ALL_ROLES)
op("put", "/api/v1/uploads/{id}/{a}/{b}/{c}/{d}", "uploadRefusedDepth4", "uploads", "Refused: nested file name", OP,
   {"201": {"description": "Never answered; see 400."}}, params=[UPLOAD_ID, pstr("a", "Any"), pstr("b", "Any"), pstr("c", "Any"), pstr("d", "Any")],
   errors=["400", "413"], desc=deeper_desc, roles=ALL_ROLES)
op("delete", "/api/v1/uploads/{id}", "deleteUpload", "uploads", "Abandon an upload", OP,
   {"204": {"description": "Removed."}}, params=[UPLOAD_ID], errors=["400", "403", "404"],
   roles="the operator who started the upload.")

# Rollouts --------------------------------------------------------------------------------
op("get", "/api/v1/rollouts", "listRollouts", "rollouts", "All rollouts with their waves", OP,
   {"200": json_resp(ref("RolloutList"))}, roles=ALL_ROLES)
op("get", "/api/v1/rollouts/{id}", "getRollout", "rollouts", "A rollout with its plan, targets and history", OP,
   {"200": json_resp(ref("RolloutDetail"))}, params=[pid()], errors=["404"], roles=ALL_ROLES)
op("post", "/api/v1/rollouts/preview", "previewRollout", "rollouts", "What a plan would target, and its problems", OP,
   {"200": json_resp(ref("RolloutPreview"), "The preview; a plan's problems are in preview.problems, not an error.")},
   body=jbody("PlanRequest"), errors=["400", "403", "413"], roles="rollout-manager.")
op("post", "/api/v1/rollouts", "createRollout", "rollouts", "Create (and optionally schedule) a rollout", OP,
   {"201": json_resp(ref("RolloutDetail"))}, body=jbody("CreateRolloutRequest"), errors=["400", "403", "404", "413"],
   roles="rollout-manager.", desc="An invalid plan (see preview) is 400; an unknown release 404.")
for action, summary, roles in [
        ("schedule", "Schedule a draft rollout", "rollout-manager."),
        ("pause", "Pause a running rollout", "rollout-manager, administrator."),
        ("resume", "Resume a paused or halted rollout (optionally with a new error threshold)", "rollout-manager, administrator."),
        ("cancel", "Cancel a rollout", "rollout-manager, administrator."),
        ("continue", "Open the manual gate: continue to the next wave", "rollout-manager, administrator.")]:
    op("post", "/api/v1/rollouts/{id}/" + action, action + "Rollout", "rollouts", summary, OP,
       {"200": json_resp(ref("RolloutDetail"))}, params=[pid()], body=jbody("RolloutControlRequest"), body_required=False,
       errors=["400", "403", "404", "413"], roles=roles,
       desc="A control the rollout's state does not allow is 400. The decision is audited under the operator's name.")
op("get", "/api/v1/simulation", "getSimulation", "rollouts", "The server's device simulator", OP,
   {"200": json_resp(ref("SimulationSettings"))}, roles=ALL_ROLES)
op("put", "/api/v1/simulation", "setSimulation", "rollouts", "Change the simulator's speed and fault injection", OP,
   {"200": json_resp(ref("SimulationSettings"))}, body=jbody("SimulationSettings"), errors=["400", "403", "413"],
   roles="test-engineer, rollout-manager, administrator (not viewers).")

# Telemetry -------------------------------------------------------------------------------
op("get", "/api/v1/telemetry/scopes", "listTelemetryScopes", "telemetry", "What telemetry can be shown for (fleet, rollouts, releases)", OP,
   {"200": json_resp(ref("TelemetryScopeChoices"))}, roles=ALL_ROLES)
op("post", "/api/v1/telemetry/overview", "getTelemetryOverview", "telemetry", "Outcomes over time and their breakdown", OP,
   {"200": json_resp(ref("TelemetryOverview"))}, body=jbody("TelemetryOverviewRequest"), errors=["400", "413"], roles=ALL_ROLES,
   desc="A POST because a query is a structure. Body at most 16 KiB.")
schemas["TelemetryOverviewRequest"] = obj({"query": ref("TelemetryQuery")})
op("post", "/api/v1/telemetry/events.csv", "exportTelemetryEvents", "telemetry", "Update events as CSV (optionally pseudonymised)", OP,
   {"200": {"description": "The CSV (text/csv, Content-Disposition: attachment; filename=\"update-events.csv\", X-Patchboard-Rows: n), or with Accept: application/json the CSV wrapped in JSON.",
            "headers": {"X-Patchboard-Rows": {"schema": {"type": "integer"}, "description": "Rows in the CSV (text/csv answer only)."}},
            "content": {"text/csv": {"schema": {"type": "string"}}, "application/json": {"schema": ref("EventsCsvJson")}}}},
   body=jbody("EventsCsvRequest"), errors=["400", "413"], roles=ALL_ROLES,
   desc="A POST so that the pseudonym salt travels in the body, never in a URL.")

# Device API ------------------------------------------------------------------------------
op("post", "/api/v1/device-credentials", "issueDeviceCredentials", "device", "Issue device tokens", OP,
   {"200": json_resp(ref("DeviceCredentialList"), "The new credentials; each token is shown this once (a device's earlier token stops working).")},
   body=jbody("DeviceCredentialRequest"), errors=["400", "403", "404", "413"], roles="administrator.",
   desc="For provisioning devices (or the fleet simulator): {\"first\": n} for the first n devices, or {\"devices\": [ids]}. Body at most 1 MiB.")
op("post", "/api/v1/device/check-in", "deviceCheckIn", "device", "A device says what it runs and asks for an update", DEV,
   {"200": json_resp(ref("DeviceCheckInAnswer"))}, body=jbody("DeviceCheckIn"), errors=["400", "413"],
   desc="X.secup-iot 7: the device reports its firmware version, SUIT sequence number and patch level; the answer carries an offer when a rollout wave includes it. Body at most 16 KiB.")
op("get", "/api/v1/device/offers/{rolloutId}/manifest", "getOfferManifest", "device", "The signed SUIT manifest of an offer", DEV,
   file_resps("application/cbor", "The SUIT envelope (COSE_Sign1); verify it before downloading the image."),
   params=[pid("rolloutId", "The rolloutId of the offer."), range_header()], errors=["403", "404"],
   desc="Only for a rollout that offered the update to this device.")
op("get", "/api/v1/device/offers/{rolloutId}/image", "getOfferImage", "device", "The firmware image of an offer (resumable)", DEV,
   file_resps("application/octet-stream", "The image; check its SHA-256 against offer.image.digest."),
   params=[pid("rolloutId", "The rolloutId of the offer."),
           q("name", {"type": "string"}, "Image name for a release with several images; the first by default."), range_header()],
   errors=["403", "404"], desc="Only for a rollout that offered the update to this device. Use Range to resume.")
op("post", "/api/v1/device/reports", "deviceReport", "device", "A device reports a phase of an update", DEV,
   {"200": json_resp(ref("DeviceReportAnswer"))}, body=jbody("DeviceReport"), errors=["400", "403", "413"],
   desc="Report each phase (download, verify, install, reboot) with its outcome; repeating a report is harmless (duplicate: true). A report about a rollout that did not offer this device an update is 403.")

# Document --------------------------------------------------------------------------------
code_table = "\n".join("| `%s` | %d | %s |" % (c, st, d) for c, st, d in ERROR_CODES)
description = """The HTTP API of **patchboard-server**, the reference Status Tracker and Firmware Server of Patchboard (ITU-T X.secup-iot). Everything is under `/api/v1/`, JSON in and out (UTF-8, camelCase keys), over HTTPS only.

## Two roles of clients

* **Operators** (the Patchboard console, scripts): sign in with `POST /api/v1/login` and send `Authorization: Bearer <token>` (scheme `operatorToken`). Each operator has a role: `viewer`, `test-engineer`, `rollout-manager` or `administrator`. Every signed-in operator may read; what a role may change is checked by the server's backends and refused with 403 `permission-denied`. The role each operation needs is in its description.
* **Devices** (FW-Consumers, firmware engineers, `patchboard-fleetsim`): use the device API under `/api/v1/device/` with `Authorization: Bearer <device token>` (scheme `deviceToken`). An administrator issues device tokens with `POST /api/v1/device-credentials`; each token is shown once. A device speaks only for itself.

`GET /api/v1/health` and `POST /api/v1/login` need no token. A missing, expired or unknown token is 401 with `WWW-Authenticate: Bearer realm="patchboard"`; an operator token does not open device routes nor the other way round.

## Errors

Every error answer has the body `{"error": {"code": "...", "message": "...", "hint": "..."}}`: `code` is stable and machine-readable, `message` says what went wrong, `hint` (optional) what to do. Codes and their HTTP statuses:

| code | HTTP | meaning |
|---|---|---|
""" + code_table + """

An unknown path is 404 `not-found`; a known path with another method is 405 (code `invalid-argument`). A body larger than the route accepts is 413 before anything else is read.

## Formats

* Dates: `YYYY-MM-DD` (patch levels, support end). Date-times: ISO 8601 in UTC with milliseconds (`2026-11-23T21:07:41.000Z`); query parameters accept any ISO 8601 offset. A date or date-time that is not known is `null`.
* Enums: stable kebab-case names (`rolled-back`, `test-engineer`); never translated.
* Ids: JSON numbers. Digests: lower-case hex. Other bytes: base64.
* Lists come wrapped in an object (`{"releases": [...]}`) so that answers can grow fields. Clients must ignore fields they do not know.
* Query parameters are camelCase; routes that read query parameters refuse unknown ones (400).
* Downloads (CSV exports, manifests, images) honour one `Range: bytes=...` (206, `Content-Range`; 416 when outside the file).

## Change polling

There are no push notifications. `GET /api/v1/changes` returns a counter per topic (`fleet`, `releases`, `rollouts`, `events`, `audit`); poll it every few seconds and re-query a topic when its counter differs from your last answer. Counters are kept in memory per server instance.
"""

doc = {
    "openapi": "3.0.3",
    "info": {"title": "Patchboard server API", "version": "1", "description": description,
             "license": {"name": "Apache-2.0", "url": "https://www.apache.org/licenses/LICENSE-2.0"}},
    "servers": [{"url": "https://localhost:8443", "description": "patchboard-server with its defaults (development certificate)"}],
    "tags": [{"name": t} for t in ["server", "auth", "tracker", "audit", "releases", "administration", "uploads", "rollouts", "telemetry", "device"]],
    "security": OP,
    "paths": dict(sorted(paths.items())),
    "components": {
        "securitySchemes": {
            "operatorToken": {"type": "http", "scheme": "bearer",
                              "description": "Operator session token from POST /api/v1/login (expires; ends with POST /api/v1/logout)."},
            "deviceToken": {"type": "http", "scheme": "bearer",
                            "description": "Device token issued by an administrator with POST /api/v1/device-credentials."}},
        "schemas": dict(sorted(schemas.items())),
        "responses": responses,
    },
}

out = sys.argv[1] if len(sys.argv) > 1 else "openapi.json"
with open(out, "w") as f:
    json.dump(doc, f, indent=2, ensure_ascii=False)
    f.write("\n")
ops = sum(len(v) for v in paths.values())
print("operations:", ops, "paths:", len(paths), "schemas:", len(schemas))
