// SPDX-License-Identifier: Apache-2.0
#include "releaseimporter.h"

#include "firmwaresql.h"
#include "releasebundle.h"
#include "releasechecklist.h"
#include "releasefleetstore.h"
#include "releasestore.h"
#include "trustkeystore.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QUuid>

namespace Patchboard {

namespace {

// The translation context of this file's messages. Call Tr::tr() everywhere, also in free
// functions and lambdas: lupdate takes the context from Q_DECLARE_TR_FUNCTIONS, so the context
// it extracts is the one looked up at run time (for a plain tr() it uses the enclosing scope).
class Tr
{
    Q_DECLARE_TR_FUNCTIONS(Patchboard::ReleaseImporter)
};

// Copies what the layout lists (never anything else, never through a link).
Status copyBundle(const ReleaseBundle::Layout &layout, const QString &target)
{
    if (!QDir().mkpath(QDir(target).filePath(ReleaseBundle::imagesDir())))
        return ServiceError::make(ServiceError::Code::Io, Tr::tr("Cannot create %1.").arg(target));
    auto copy = [](const QString &from, const QString &to) -> Status {
        if (from.isEmpty())
            return Done{};
        if (!QFile::copy(from, to))
            return ServiceError::make(ServiceError::Code::Io,
                                      Tr::tr("Cannot copy %1 into the release store.").arg(from),
                                      Tr::tr("Check that the disk is not full."));
        return Done{};
    };
    if (Status ok = copy(layout.manifestPath, QDir(target).filePath(ReleaseBundle::manifestFile()));
        !ok)
        return ok;
    if (Status ok = copy(layout.notesPath, QDir(target).filePath(ReleaseBundle::notesFile())); !ok)
        return ok;
    for (auto it = layout.images.constBegin(); it != layout.images.constEnd(); ++it) {
        if (Status ok
            = copy(it.value(),
                   QDir(target).filePath(ReleaseBundle::imagesDir() + QLatin1Char('/') + it.key()));
            !ok)
            return ok;
    }
    return Done{};
}

} // namespace

Result<ReleaseImporter::Imported>
ReleaseImporter::import(Database &database, const QString &storeDir, const Operator &who,
                        const QString &bundleDir, const QDateTime &now,
                        const Sha256::Progress &progress)
{
    const ReleaseBundle::Layout source = ReleaseBundle::scan(bundleDir);
    if (source.manifestPath.isEmpty())
        return ServiceError::make(
            ServiceError::Code::InvalidArgument,
            Tr::tr("%1 is not a release bundle: it has no %2.")
                .arg(bundleDir, ReleaseBundle::manifestFile()),
            Tr::tr("Choose a NAME.pbrelease folder made by patchboard-author create."));
    const QString staging = QDir(storeDir).filePath(QStringLiteral("incoming-")
                                                    + QUuid::createUuid().toString(QUuid::Id128));
    auto cleanup = [&staging]() {
        QDir(staging).removeRecursively();
    };
    if (Status copied = copyBundle(source, staging); !copied) {
        cleanup();
        return copied.error();
    }

    const TrustKeyStore trust(database);
    const ReleaseVerifier::KeyLookup keys = [&trust](const QByteArray &vendor) {
        Result<QList<PublicKey>> found = trust.publicKeysFor(vendor);
        return found ? found.value() : QList<PublicKey>{};
    };
    Imported imported;
    imported.verification = ReleaseVerifier::verifyBundle(staging, keys, progress);
    BundleVerification &v = imported.verification;
    if (!source.ok()) {
        // What was left out of the copy still disqualifies the bundle as delivered.
        for (ReleaseCheck &check : v.checks) {
            if (check.name == QStringLiteral("bundle"))
                check = ReleaseCheck::fail(check.name, source.problems.join(QLatin1Char(' ')));
        }
    }

    ReleaseRecord record;
    record.vendorId = v.vendorId;
    record.classId = v.classId;
    record.sequenceNumber = v.manifest.sequenceNumber;
    record.received = now;
    record.state = ReleaseState::Received;
    record.notes = v.notesBytes;
    record.manifest = v.envelope;
    record.manifestDigest = v.manifest.manifestDigest.toHex();
    record.signer = v.manifest.keyFingerprint;
    record.algorithm = v.manifest.algorithm;
    record.importedBy = who.name;
    if (v.notes) {
        record.version = v.notes->version;
        record.type = v.notes->type;
        record.patchLevel = v.notes->patchLevel;
    } else {
        record.version = Tr::tr("(unreadable notes)");
    }

    ReleaseStore releases(database);
    if (!record.manifestDigest.isEmpty()) {
        const Result<std::optional<qint64>> existing
            = releases.activeWithDigest(record.manifestDigest);
        if (!existing || existing.value()) {
            cleanup();
            if (!existing)
                return existing.error();
            return ServiceError::make(
                ServiceError::Code::InvalidArgument,
                Tr::tr("This release was already imported as release %1.").arg(*existing.value()));
        }
    }
    const Result<ReleaseChecklist::Policy> policy
        = ReleaseChecklist::policy(database, record, v.notes);
    if (!policy) {
        cleanup();
        return policy.error();
    }
    const QList<ReleaseCheck> checks = ReleaseChecklist::merge(v.checks, policy.value());

    // Refused: not authentic, not intact, not for our hardware, or a rollback. A release that is
    // authentic but fails a rule (security-only, missing CVEs) is verified and shows why it
    // cannot be approved.
    QStringList fatal;
    for (const ReleaseCheck &check : checks) {
        const bool rule = check.name == QStringLiteral("security-only")
            || check.name == QStringLiteral("cve-cross-check");
        if (check.blocking && !check.passed && !rule)
            fatal.append(QStringLiteral("%1: %2").arg(check.name, check.reason));
    }
    imported.state = fatal.isEmpty() ? ReleaseState::Verified : ReleaseState::Refused;
    imported.reason = fatal.isEmpty()
        ? Tr::tr("Verified on import: signature, digests, hardware and sequence number check out.")
        : Tr::tr("Refused on import: %1").arg(fatal.first());

    FirmwareSql::Transaction transaction(database);
    const Result<qint64> id = releases.insert(record);
    if (!id) {
        cleanup();
        return id.error();
    }
    imported.id = id.value();
    const QString finalDir = QDir(storeDir).filePath(QStringLiteral("release-%1").arg(id.value()));
    QDir(finalDir).removeRecursively();
    QList<int> modelIds;
    for (const FleetModel &model : policy.value().models)
        modelIds.append(model.id);
    Status ok = QDir().rename(staging, finalDir)
        ? Status(Done{})
        : Status(ServiceError::make(
            ServiceError::Code::Io,
            Tr::tr("Cannot move the bundle into the release store %1.").arg(storeDir)));
    if (ok)
        ok = releases.setStorePath(id.value(), finalDir);
    if (ok)
        ok = releases.replaceChecks(id.value(), checks, now);
    if (ok)
        ok = releases.replaceImages(id.value(), v.images);
    if (ok && imported.state == ReleaseState::Verified)
        ok = ReleaseFleetStore(database).setModels(id.value(), modelIds);
    if (ok)
        ok = releases.addTransition(id.value(),
                                    ReleaseTransition{ReleaseState::Received, imported.state,
                                                      who.name, Operator::roleName(who.role), now,
                                                      imported.reason});
    if (ok)
        ok = releases.setState(id.value(), imported.state,
                               imported.state == ReleaseState::Refused ? now : QDateTime());
    if (ok)
        ok = transaction.commit(Tr::tr("store the release"));
    if (!ok) {
        cleanup();
        QDir(finalDir).removeRecursively();
        return ok.error();
    }
    return imported;
}

} // namespace Patchboard
