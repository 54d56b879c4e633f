// SPDX-License-Identifier: Apache-2.0
#include "releasechecklist.h"

#include "bulletinstore.h"
#include "domain/releaserules.h"
#include "releasefleetstore.h"
#include "trustkeystore.h"

#include <QCoreApplication>

namespace Patchboard {

namespace {

// The translation context of this file's messages. Call Tr::tr() everywhere, also in free
// functions and lambdas: lupdate takes the context from Q_DECLARE_TR_FUNCTIONS, so the context
// it extracts is the one looked up at run time (for a plain tr() it uses the enclosing scope).
class Tr
{
    Q_DECLARE_TR_FUNCTIONS(Patchboard::ReleaseChecklist)
};

QString hex(const QByteArray &bytes)
{
    return QString::fromLatin1(bytes.toHex());
}

} // namespace

bool ReleaseChecklist::isPolicyCheck(const QString &name)
{
    return name == QStringLiteral("hardware") || name == QStringLiteral("anti-rollback")
        || name == QStringLiteral("cve-cross-check");
}

Result<ReleaseChecklist::Policy> ReleaseChecklist::policy(Database &database,
                                                          const ReleaseRecord &record,
                                                          const std::optional<ReleaseNotes> &notes)
{
    Policy policy;
    ReleaseFleetStore releases(database);
    const TrustKeyStore trust(database);

    // Vendor and class map to known hardware models of one manufacturer.
    const QString hardware = QStringLiteral("hardware");
    const Result<std::optional<int>> manufacturer = trust.manufacturerOf(record.vendorId);
    if (!manufacturer)
        return manufacturer.error();
    const Result<QList<FleetModel>> byClass = releases.modelsWithClass(record.classId);
    if (!byClass)
        return byClass.error();
    QList<FleetModel> mapped;
    for (const FleetModel &model : byClass.value()) {
        if (manufacturer.value() && model.manufacturerId == *manufacturer.value())
            mapped.append(model);
    }
    if (!manufacturer.value()) {
        policy.checks.append(ReleaseCheck::fail(hardware,
                                                Tr::tr("Vendor ID %1 is not registered for any "
                                                       "manufacturer.")
                                                    .arg(hex(record.vendorId))));
    } else if (mapped.isEmpty()) {
        policy.checks.append(ReleaseCheck::fail(
            hardware,
            byClass.value().isEmpty()
                ? Tr::tr("Class ID %1 names no known hardware model.").arg(hex(record.classId))
                : Tr::tr("Class ID %1 names a model of another manufacturer than vendor %2's.")
                      .arg(hex(record.classId), hex(record.vendorId))));
    } else if (!notes) {
        policy.checks.append(ReleaseCheck::fail(hardware,
                                                Tr::tr("The notes cannot be read, so the targeted "
                                                       "models are unknown.")));
    } else {
        QStringList unknown;
        for (const QString &target : notes->targetModels) {
            const auto it
                = std::find_if(mapped.cbegin(), mapped.cend(),
                               [&target](const FleetModel &m) { return m.name == target; });
            if (it == mapped.cend())
                unknown.append(target);
            else
                policy.models.append(*it);
        }
        QStringList names;
        for (const FleetModel &model : std::as_const(mapped))
            names.append(model.name);
        if (!unknown.isEmpty()) {
            policy.models.clear();
            policy.checks.append(ReleaseCheck::fail(
                hardware,
                Tr::tr(
                    "The notes target %1, which class ID %2 does not identify (it identifies %3).")
                    .arg(unknown.join(QStringLiteral(", ")), hex(record.classId),
                         names.join(QStringLiteral(", ")))));
        } else {
            policy.checks.append(ReleaseCheck::pass(
                hardware,
                Tr::tr("Vendor %1 is %2; class %3 is %4.")
                    .arg(hex(record.vendorId), mapped.first().manufacturer, hex(record.classId),
                         names.join(QStringLiteral(", ")))));
        }
    }
    QList<int> modelIds;
    for (const FleetModel &model : std::as_const(mapped))
        modelIds.append(model.id);

    // SESIP 5.5.6 anti-rollback.
    const Result<std::optional<quint64>> approved
        = releases.highestApprovedSequence(record.classId, record.id);
    if (!approved)
        return approved.error();
    const Result<std::optional<quint64>> installed = releases.highestInstalledSequence(modelIds);
    if (!installed)
        return installed.error();
    policy.checks.append(
        ReleaseRules::antiRollback(record.sequenceNumber, approved.value(), installed.value()));

    // CVE cross-check against the bulletins.
    if (notes) {
        const Result<std::optional<PatchLevel>> baseline
            = releases.baselinePatchLevel(record.classId, modelIds, record.id);
        if (!baseline)
            return baseline.error();
        const BulletinStore bulletins(database);
        const Result<int> held = bulletins.count();
        if (!held)
            return held.error();
        const PatchLevel from = ReleaseRules::windowStart(notes->patchLevel, baseline.value());
        const Result<QList<KnownVulnerability>> known
            = bulletins.fixedBetween(from, notes->patchLevel);
        if (!known)
            return known.error();
        ReleaseRules::CveCrossCheck cross = ReleaseRules::cveCrossCheck(
            *notes, known.value(), baseline.value(), held.value() > 0);
        policy.checks.append(cross.check);
        policy.missingCves = cross.missing;
    }
    return policy;
}

BundleVerification ReleaseChecklist::verifyStored(Database &database, const ReleaseRecord &record)
{
    const TrustKeyStore trust(database);
    const ReleaseVerifier::KeyLookup keys = [&trust](const QByteArray &vendor) {
        Result<QList<PublicKey>> found = trust.publicKeysFor(vendor);
        return found ? found.value() : QList<PublicKey>{};
    };
    BundleVerification verification = ReleaseVerifier::verifyBundle(record.storePath, keys);
    // The stored bundle must still be the one that was imported.
    const QString digest = verification.manifest.manifestDigest.toHex();
    if (digest != record.manifestDigest)
        verification.checks.append(ReleaseCheck::fail(
            QStringLiteral("stored-bundle"),
            Tr::tr("The stored manifest (digest %1) is not the one imported (%2).")
                .arg(digest.isEmpty() ? Tr::tr("none") : digest, record.manifestDigest)));
    return verification;
}

QList<ReleaseCheck> ReleaseChecklist::merge(const QList<ReleaseCheck> &integrity,
                                            const Policy &policy)
{
    QList<ReleaseCheck> checks;
    for (const ReleaseCheck &check : integrity) {
        if (!isPolicyCheck(check.name))
            checks.append(check);
    }
    checks.append(policy.checks);
    return checks;
}

} // namespace Patchboard
