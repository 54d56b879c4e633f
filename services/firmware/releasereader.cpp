// SPDX-License-Identifier: Apache-2.0
#include "releasereader.h"

#include "domain/releaserules.h"
#include "releasechecklist.h"
#include "releasefleetstore.h"
#include "releasestore.h"
#include "trustkeystore.h"

namespace Patchboard {

namespace {

std::optional<ReleaseNotes> notesOf(const ReleaseRecord &record)
{
    Result<ReleaseNotes> notes = ReleaseNotes::parse(record.notes);
    return notes ? std::optional<ReleaseNotes>(notes.value()) : std::nullopt;
}

} // namespace

Result<ReleaseSummary> ReleaseReader::summary(Database &database, const ReleaseRecord &record,
                                              const QDateTime &now)
{
    ReleaseFleetStore fleet(database);
    ReleaseSummary s;
    s.id = record.id;
    s.version = record.version;
    s.vendorId = QString::fromLatin1(record.vendorId.toHex());
    s.classId = QString::fromLatin1(record.classId.toHex());
    s.type = record.type;
    s.patchLevel = record.patchLevel;
    s.sequenceNumber = record.sequenceNumber;
    s.received = record.received;
    s.decided = record.decided;
    s.state = record.state;
    const Result<QList<FleetModel>> models = fleet.models(record.id);
    if (!models)
        return models.error();
    for (const FleetModel &model : models.value()) {
        s.models.append(model.name);
        s.manufacturer = model.manufacturer;
    }
    if (s.manufacturer.isEmpty()) {
        const Result<QString> manufacturer
            = TrustKeyStore(database).manufacturerName(record.vendorId);
        if (!manufacturer)
            return manufacturer.error();
        s.manufacturer = manufacturer.value();
    }
    if (s.models.isEmpty()) {
        if (const std::optional<ReleaseNotes> notes = notesOf(record))
            s.models = notes->targetModels;
    }
    // SSU-TES-0010 is about testing security-only updates; the window is shown for every release
    // but only security releases that can be tested count as overdue. A refused release failed
    // verification on import and is never tested, so no window runs for it.
    s.windowApplies = record.type == ReleaseType::Security && record.state != ReleaseState::Refused;
    s.window = ReleaseRules::testWindow(record.received, record.decided, now);
    if (!s.windowApplies)
        s.window.overdue = false;
    return s;
}

Result<ReleaseDetail> ReleaseReader::detail(Database &database, qint64 id, const QString &approver,
                                            const QDateTime &now)
{
    ReleaseStore store(database);
    const Result<ReleaseRecord> record = store.record(id);
    if (!record)
        return record.error();
    ReleaseDetail detail;
    Result<ReleaseSummary> s = summary(database, record.value(), now);
    if (!s)
        return s.error();
    detail.summary = s.value();
    const std::optional<ReleaseNotes> notes = notesOf(record.value());
    if (notes) {
        detail.notes = *notes;
        detail.offendingChanges = ReleaseRules::securityOnly(*notes).offending;
    }
    Result<QList<ReleaseCheck>> stored = store.checks(id);
    Result<TestPlan> plan = ReleaseFleetStore(database).testPlan(id);
    Result<QList<ReleaseTransition>> history = store.history(id);
    Result<QList<ReleaseImage>> images = store.images(id);
    Result<FirmwareSettings> settings = store.settings();
    for (const ServiceError &error :
         {stored.error(), plan.error(), history.error(), images.error(), settings.error()}) {
        if (error.isError())
            return error;
    }
    detail.testPlan = plan.value();
    detail.history = history.value();
    detail.images = images.value();
    detail.signerFingerprint = record.value().signer;
    detail.algorithm = record.value().algorithm;
    detail.manifestDigest = record.value().manifestDigest;
    // A decided release shows the checklist it was decided on; an open one the fleet checks as
    // they stand now (a newer approval or fresh bulletin data changes them).
    const Result<ReleaseChecklist::Policy> policy
        = ReleaseChecklist::policy(database, record.value(), notes);
    if (!policy)
        return policy.error();
    detail.missingCves = policy.value().missingCves;
    detail.checks = ReleaseStates::isDecided(record.value().state)
        ? stored.value()
        : ReleaseChecklist::merge(stored.value(), policy.value());
    detail.approvalBlockers = ReleaseRules::approvalBlockers(
        record.value().state, detail.checks, detail.testPlan, settings.value().fourEyes, approver);
    return detail;
}

} // namespace Patchboard
