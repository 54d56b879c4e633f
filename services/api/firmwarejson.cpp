// SPDX-License-Identifier: Apache-2.0
#include "firmwarejson.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace Patchboard::Json {

namespace {

// The public overloads (firmwarejson.h) beside the nested types' ones below, for toArray().
using Patchboard::Json::toJson;

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Patchboard::Api)
};

// Reads an enum by its stable name; fromName returns std::optional.
template<typename E, typename FromName>
E readEnum(JsonReader &r, const char *key, FromName fromName, E fallback, const QString &expected)
{
    const QString name = r.string(key);
    if (!r.ok())
        return fallback;
    if (const std::optional<E> value = fromName(name))
        return *value;
    r.fail(key, Tr::tr("expected %1, not \"%2\"").arg(expected, name));
    return fallback;
}

ReleaseState readState(JsonReader &r, const char *key)
{
    return readEnum(r, key, &ReleaseStates::fromName, ReleaseState::Received,
                    QStringLiteral("received, verified, refused, in-testing, approved, rejected "
                                   "or withdrawn"));
}

VulnerabilitySeverity readSeverity(JsonReader &r, const char *key)
{
    return readEnum(r, key, &ReleaseNotes::severityFromName, VulnerabilitySeverity::None,
                    QStringLiteral("none, low, moderate, high or critical"));
}

QJsonValue patchLevel(PatchLevel level)
{
    return level.isValid() ? QJsonValue(level.toString()) : QJsonValue(QJsonValue::Null);
}

PatchLevel readPatchLevel(JsonReader &r, const char *key)
{
    return PatchLevel(r.dateOr(key));
}


// Lists travel inside an object ({"releases": [...]}) so that the answer can grow fields.
template<typename T, typename Read>
Result<QList<T>> readList(const QJsonValue &value, const char *key, Read read)
{
    JsonReader r(value, QStringLiteral("answer"));
    QList<T> list;
    const QJsonArray array = r.array(key);
    for (qsizetype i = 0; i < array.size() && r.ok(); ++i) {
        JsonReader element = r.element(array, key, i);
        list.append(read(element));
    }
    if (!r.ok())
        return r.error();
    return list;
}

QJsonObject toJson(const TestWindow &window)
{
    return QJsonObject{
        {QStringLiteral("deadline"), dateTime(window.deadline)},
        {QStringLiteral("daysLeft"), window.daysLeft},
        {QStringLiteral("overdue"), window.overdue},
        {QStringLiteral("decisionSeconds"), window.decisionSeconds},
        {QStringLiteral("decidedWithinWindow"), window.decidedWithinWindow},
    };
}

TestWindow readTestWindow(JsonReader &r)
{
    TestWindow window;
    window.deadline = r.dateTimeOr("deadline");
    window.daysLeft = int(r.integer("daysLeft"));
    window.overdue = r.boolean("overdue");
    window.decisionSeconds = r.integer("decisionSeconds");
    window.decidedWithinWindow = r.boolean("decidedWithinWindow");
    return window;
}

QJsonObject toJson(const ReleaseChange &change)
{
    return QJsonObject{
        {QStringLiteral("description"), change.description},
        {QStringLiteral("kind"), ReleaseNotes::kindName(change.kind)},
        {QStringLiteral("cves"), QJsonArray::fromStringList(change.cves)},
        {QStringLiteral("severity"), ReleaseNotes::severityName(change.severity)},
    };
}

ReleaseChange readReleaseChange(JsonReader &r)
{
    ReleaseChange change;
    change.description = r.string("description");
    change.kind = readEnum(r, "kind", &ReleaseNotes::kindFromName, ChangeKind::Security,
                           QStringLiteral("security, bugfix, maintenance or feature"));
    change.cves = r.strings("cves");
    change.severity = readSeverity(r, "severity");
    return change;
}

QJsonObject toJson(const ReleaseCheck &check)
{
    return QJsonObject{
        {QStringLiteral("name"), check.name},
        {QStringLiteral("passed"), check.passed},
        {QStringLiteral("reason"), check.reason},
        {QStringLiteral("blocking"), check.blocking},
    };
}

ReleaseCheck readReleaseCheck(JsonReader &r)
{
    ReleaseCheck check;
    check.name = r.string("name");
    check.passed = r.boolean("passed");
    check.reason = r.stringOr("reason");
    check.blocking = r.boolean("blocking");
    return check;
}

QJsonObject toJson(const TestCaseResult &c)
{
    return QJsonObject{
        {QStringLiteral("modelId"), c.modelId},
        {QStringLiteral("modelName"), c.modelName},
        {QStringLiteral("testCase"), TestPlan::kindName(c.kind)},
        {QStringLiteral("outcome"), TestPlan::outcomeName(c.outcome)},
        {QStringLiteral("note"), c.note},
        {QStringLiteral("recordedBy"), c.recordedBy},
        {QStringLiteral("recordedAt"), dateTime(c.recordedAt)},
        {QStringLiteral("waived"), c.waived},
        {QStringLiteral("waiverReason"), c.waiverReason},
        {QStringLiteral("waivedBy"), c.waivedBy},
        {QStringLiteral("waivedAt"), dateTime(c.waivedAt)},
    };
}

TestCaseResult readTestCaseResult(JsonReader &r)
{
    TestCaseResult c;
    c.modelId = int(r.integer("modelId"));
    c.modelName = r.stringOr("modelName");
    c.kind = readTestCaseKind(r, "testCase");
    c.outcome = readTestOutcome(r, "outcome");
    c.note = r.stringOr("note");
    c.recordedBy = r.stringOr("recordedBy");
    c.recordedAt = r.dateTimeOr("recordedAt");
    c.waived = r.booleanOr("waived", false);
    c.waiverReason = r.stringOr("waiverReason");
    c.waivedBy = r.stringOr("waivedBy");
    c.waivedAt = r.dateTimeOr("waivedAt");
    return c;
}

QJsonObject toJson(const ReleaseTransition &t)
{
    return QJsonObject{
        {QStringLiteral("from"), ReleaseStates::name(t.from)},
        {QStringLiteral("to"), ReleaseStates::name(t.to)},
        {QStringLiteral("actor"), t.actor},
        {QStringLiteral("role"), t.role},
        {QStringLiteral("time"), dateTime(t.time)},
        {QStringLiteral("reason"), t.reason},
    };
}

ReleaseTransition readTransition(JsonReader &r)
{
    ReleaseTransition t;
    t.from = readState(r, "from");
    t.to = readState(r, "to");
    t.actor = r.string("actor");
    t.role = r.stringOr("role");
    t.time = r.dateTimeOr("time");
    t.reason = r.stringOr("reason");
    return t;
}

QJsonObject toJson(const KnownVulnerability &v)
{
    return QJsonObject{
        {QStringLiteral("osvId"), v.osvId},
        {QStringLiteral("cve"), v.cve},
        {QStringLiteral("package"), v.package},
        {QStringLiteral("severity"), ReleaseNotes::severityName(v.severity)},
        {QStringLiteral("patchLevel"), patchLevel(v.patchLevel)},
        {QStringLiteral("type"), v.type},
    };
}

KnownVulnerability readVulnerability(JsonReader &r)
{
    KnownVulnerability v;
    v.osvId = r.stringOr("osvId");
    v.cve = r.string("cve");
    v.package = r.stringOr("package");
    v.severity = readSeverity(r, "severity");
    v.patchLevel = readPatchLevel(r, "patchLevel");
    v.type = r.stringOr("type");
    return v;
}

QJsonObject toJson(const ReleaseImage &image)
{
    return QJsonObject{
        {QStringLiteral("name"), image.name},
        {QStringLiteral("digest"), image.digest},
        {QStringLiteral("size"), image.size},
    };
}

ReleaseImage readImage(JsonReader &r)
{
    ReleaseImage image;
    image.name = r.string("name");
    image.digest = r.stringOr("digest");
    image.size = r.integer("size");
    return image;
}

template<typename T>
QJsonArray toArray(const QList<T> &list)
{
    QJsonArray array;
    for (const T &item : list)
        array.append(toJson(item));
    return array;
}


} // namespace

TestCaseKind readTestCaseKind(JsonReader &r, const char *key)
{
    return readEnum(r, key, &TestPlan::kindFromName, TestCaseKind::Boot,
                    QStringLiteral("boot, voice-call, emergency-call, data, sms or update-resume"));
}

TestOutcome readTestOutcome(JsonReader &r, const char *key)
{
    return readEnum(r, key, &TestPlan::outcomeFromName, TestOutcome::Pending,
                    QStringLiteral("pending, passed, failed or blocked"));
}

QJsonObject toJson(const ReleaseSummary &s)
{
    return QJsonObject{
        {QStringLiteral("id"), s.id},
        {QStringLiteral("version"), s.version},
        {QStringLiteral("vendorId"), s.vendorId},
        {QStringLiteral("manufacturer"), s.manufacturer},
        {QStringLiteral("models"), QJsonArray::fromStringList(s.models)},
        {QStringLiteral("classId"), s.classId},
        {QStringLiteral("type"), ReleaseNotes::typeName(s.type)},
        {QStringLiteral("patchLevel"), patchLevel(s.patchLevel)},
        // A JSON number holds 2^53 exactly; SUIT sequence numbers (build counters, timestamps
        // in seconds) stay far below it. The reader refuses a larger one rather than round it.
        {QStringLiteral("sequenceNumber"), qint64(s.sequenceNumber)},
        {QStringLiteral("received"), dateTime(s.received)},
        {QStringLiteral("decided"), dateTime(s.decided)},
        {QStringLiteral("state"), ReleaseStates::name(s.state)},
        {QStringLiteral("window"), toJson(s.window)},
        {QStringLiteral("windowApplies"), s.windowApplies},
    };
}

ReleaseSummary readReleaseSummary(JsonReader &r)
{
    ReleaseSummary s;
    s.id = r.integer("id");
    s.version = r.string("version");
    s.vendorId = r.stringOr("vendorId");
    s.manufacturer = r.stringOr("manufacturer");
    s.models = r.strings("models");
    s.classId = r.stringOr("classId");
    s.type = readEnum(r, "type", &ReleaseNotes::typeFromName, ReleaseType::Security,
                      QStringLiteral("security, maintenance or feature"));
    s.patchLevel = readPatchLevel(r, "patchLevel");
    const qint64 sequence = r.integer("sequenceNumber");
    if (sequence < 0)
        r.fail("sequenceNumber", Tr::tr("expected a number of zero or more"));
    s.sequenceNumber = quint64(qMax<qint64>(sequence, 0));
    s.received = r.dateTimeOr("received");
    s.decided = r.dateTimeOr("decided");
    s.state = readState(r, "state");
    JsonReader window = r.object("window");
    s.window = readTestWindow(window);
    s.windowApplies = r.boolean("windowApplies");
    return s;
}

Result<ReleaseSummary> readReleaseSummary(const QJsonValue &value)
{
    return readWhole<ReleaseSummary>(value, QStringLiteral("release"),
                                     [](JsonReader &r) { return readReleaseSummary(r); });
}

QJsonObject toJson(const QList<ReleaseSummary> &releases)
{
    return QJsonObject{{QStringLiteral("releases"), toArray(releases)}};
}

Result<QList<ReleaseSummary>> readReleaseSummaries(const QJsonValue &value)
{
    return readList<ReleaseSummary>(value, "releases",
                                    [](JsonReader &r) { return readReleaseSummary(r); });
}

QJsonObject toJson(const ReleaseNotes &notes)
{
    return QJsonObject{
        {QStringLiteral("version"), notes.version},
        {QStringLiteral("type"), ReleaseNotes::typeName(notes.type)},
        {QStringLiteral("patchLevel"), patchLevel(notes.patchLevel)},
        {QStringLiteral("targetModels"), QJsonArray::fromStringList(notes.targetModels)},
        {QStringLiteral("changes"), toArray(notes.changes)},
        {QStringLiteral("endUserNotice"), notes.endUserNotice},
    };
}

ReleaseNotes readReleaseNotes(JsonReader &r)
{
    ReleaseNotes notes;
    notes.version = r.stringOr("version");
    notes.type = readEnum(r, "type", &ReleaseNotes::typeFromName, ReleaseType::Security,
                          QStringLiteral("security, maintenance or feature"));
    notes.patchLevel = readPatchLevel(r, "patchLevel");
    notes.targetModels = r.strings("targetModels");
    notes.changes = r.objects<ReleaseChange>("changes", &readReleaseChange);
    notes.endUserNotice = r.stringOr("endUserNotice");
    return notes;
}

QJsonObject toJson(const ReleaseDetail &d)
{
    QJsonArray offending;
    for (int index : d.offendingChanges)
        offending.append(index);
    return QJsonObject{
        {QStringLiteral("summary"), toJson(d.summary)},
        {QStringLiteral("notes"), toJson(d.notes)},
        {QStringLiteral("checks"), toArray(d.checks)},
        {QStringLiteral("testPlan"),
         QJsonObject{{QStringLiteral("cases"), toArray(d.testPlan.cases)}}},
        {QStringLiteral("history"), toArray(d.history)},
        {QStringLiteral("missingCves"), toArray(d.missingCves)},
        {QStringLiteral("offendingChanges"), offending},
        {QStringLiteral("images"), toArray(d.images)},
        {QStringLiteral("signerFingerprint"), d.signerFingerprint},
        {QStringLiteral("algorithm"), d.algorithm},
        {QStringLiteral("manifestDigest"), d.manifestDigest},
        {QStringLiteral("approvalBlockers"), QJsonArray::fromStringList(d.approvalBlockers)},
    };
}

Result<ReleaseDetail> readReleaseDetail(const QJsonValue &value)
{
    return readWhole<ReleaseDetail>(value, QStringLiteral("release"), [](JsonReader &r) {
        ReleaseDetail d;
        JsonReader summary = r.object("summary");
        d.summary = readReleaseSummary(summary);
        JsonReader notes = r.object("notes");
        d.notes = readReleaseNotes(notes);
        d.checks = r.objects<ReleaseCheck>("checks", &readReleaseCheck);
        JsonReader plan = r.object("testPlan");
        d.testPlan.cases = plan.objects<TestCaseResult>("cases", &readTestCaseResult);
        d.history = r.objects<ReleaseTransition>("history", &readTransition);
        d.missingCves = r.objects<KnownVulnerability>("missingCves", &readVulnerability);
        d.offendingChanges = r.integers("offendingChanges");
        d.images = r.objects<ReleaseImage>("images", &readImage);
        d.signerFingerprint = r.stringOr("signerFingerprint");
        d.algorithm = r.stringOr("algorithm");
        d.manifestDigest = r.stringOr("manifestDigest");
        d.approvalBlockers = r.strings("approvalBlockers");
        return d;
    });
}

QJsonObject toJson(const TrustedKey &key)
{
    return QJsonObject{
        {QStringLiteral("id"), key.id},
        {QStringLiteral("vendorId"), key.vendorId},
        {QStringLiteral("manufacturerId"), key.manufacturerId},
        {QStringLiteral("manufacturer"), key.manufacturer},
        {QStringLiteral("fingerprint"), key.fingerprint},
        {QStringLiteral("keyType"), key.keyType},
        {QStringLiteral("label"), key.label},
        // A public key in PEM is ASCII text: it travels as it is, readable in a JSON dump.
        {QStringLiteral("pem"), QString::fromLatin1(key.pem)},
        {QStringLiteral("added"), dateTime(key.added)},
        {QStringLiteral("addedBy"), key.addedBy},
    };
}

TrustedKey readTrustedKey(JsonReader &r)
{
    TrustedKey key;
    key.id = r.integer("id");
    key.vendorId = r.string("vendorId");
    key.manufacturerId = int(r.integer("manufacturerId"));
    key.manufacturer = r.stringOr("manufacturer");
    key.fingerprint = r.string("fingerprint");
    key.keyType = r.stringOr("keyType");
    key.label = r.stringOr("label");
    key.pem = r.stringOr("pem").toLatin1();
    key.added = r.dateTimeOr("added");
    key.addedBy = r.stringOr("addedBy");
    return key;
}

Result<TrustedKey> readTrustedKey(const QJsonValue &value)
{
    return readWhole<TrustedKey>(value, QStringLiteral("key"),
                                 [](JsonReader &r) { return readTrustedKey(r); });
}

QJsonObject toJson(const QList<TrustedKey> &keys)
{
    return QJsonObject{{QStringLiteral("keys"), toArray(keys)}};
}

Result<QList<TrustedKey>> readTrustedKeys(const QJsonValue &value)
{
    return readList<TrustedKey>(value, "keys", [](JsonReader &r) { return readTrustedKey(r); });
}

QJsonObject toJson(const FirmwareSettings &settings)
{
    return QJsonObject{{QStringLiteral("fourEyes"), settings.fourEyes}};
}

FirmwareSettings readFirmwareSettings(JsonReader &r)
{
    FirmwareSettings settings;
    settings.fourEyes = r.boolean("fourEyes");
    return settings;
}

Result<FirmwareSettings> readFirmwareSettings(const QJsonValue &value)
{
    return readWhole<FirmwareSettings>(value, QStringLiteral("settings"),
                                       [](JsonReader &r) { return readFirmwareSettings(r); });
}

QJsonObject toJson(const BulletinImportReport &report)
{
    return QJsonObject{
        {QStringLiteral("records"), report.records},
        {QStringLiteral("vulnerabilities"), report.vulnerabilities},
        {QStringLiteral("skipped"), report.skipped},
        {QStringLiteral("problems"), QJsonArray::fromStringList(report.problems)},
    };
}

Result<BulletinImportReport> readBulletinImportReport(const QJsonValue &value)
{
    return readWhole<BulletinImportReport>(value, QStringLiteral("report"), [](JsonReader &r) {
        BulletinImportReport report;
        report.records = int(r.integer("records"));
        report.vulnerabilities = int(r.integer("vulnerabilities"));
        report.skipped = int(r.integer("skipped"));
        report.problems = r.strings("problems");
        return report;
    });
}

} // namespace Patchboard::Json
