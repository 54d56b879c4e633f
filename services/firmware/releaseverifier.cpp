// SPDX-License-Identifier: Apache-2.0
#include "releaseverifier.h"

#include "domain/releaserules.h"
#include "manifest/suitenvelope.h"
#include "manifest/suitverifier.h"
#include "releasebundle.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QSet>

namespace Patchboard {

namespace {

// The translation context of this file's messages. Call Tr::tr() everywhere, also in free
// functions and lambdas: lupdate takes the context from Q_DECLARE_TR_FUNCTIONS, so the context
// it extracts is the one looked up at run time (for a plain tr() it uses the enclosing scope).
class Tr
{
    Q_DECLARE_TR_FUNCTIONS(Patchboard::ReleaseVerifier)
};

QString hex(const QByteArray &bytes)
{
    return QString::fromLatin1(bytes.toHex());
}

// The vendor and class every component names, or empty when they disagree.
void commonIds(BundleVerification &result)
{
    QSet<QByteArray> vendors;
    QSet<QByteArray> classes;
    for (const SuitComponent &component : std::as_const(result.manifest.components)) {
        vendors.insert(component.vendorId);
        classes.insert(component.classId);
    }
    if (vendors.size() == 1)
        result.vendorId = *vendors.constBegin();
    if (classes.size() == 1)
        result.classId = *classes.constBegin();
}

// Adds the "components" check and fills result.images: every component must be a bundle file
// with one image of known SHA-256 digest and size, and every file must be a component.
void checkComponents(BundleVerification &result, const ReleaseBundle::Layout &layout)
{
    QStringList problems;
    QSet<QString> seen;
    for (const SuitComponent &component : std::as_const(result.manifest.components)) {
        const QString path = ReleaseBundle::pathForComponent(component.id);
        if (path.isEmpty()) {
            problems.append(Tr::tr("component %1 is not a bundle file").arg(component.idText()));
            continue;
        }
        if (seen.contains(path)) {
            problems.append(Tr::tr("%1 is listed twice").arg(path));
            continue;
        }
        seen.insert(path);
        if (component.images.size() != 1 || !component.images.first().digest
            || !component.images.first().digest->isSha256() || !component.images.first().size) {
            problems.append(
                Tr::tr("%1 does not have exactly one SHA-256 digest and size").arg(path));
            continue;
        }
        const SuitImage &image = component.images.first();
        const QString name = path == ReleaseBundle::notesFile()
            ? path
            : path.mid(ReleaseBundle::imagesDir().size() + 1);
        result.images.append(ReleaseImage{name, image.digest->toHex(), qint64(*image.size)});
    }
    if (!seen.contains(ReleaseBundle::notesFile()))
        problems.append(Tr::tr("the manifest does not cover %1").arg(ReleaseBundle::notesFile()));
    for (auto it = layout.images.constBegin(); it != layout.images.constEnd(); ++it) {
        if (!seen.contains(ReleaseBundle::imagesDir() + QLatin1Char('/') + it.key()))
            problems.append(Tr::tr("%1/%2 is not in the manifest, so no signature covers it")
                                .arg(ReleaseBundle::imagesDir(), it.key()));
    }
    if (result.vendorId.isEmpty() || result.classId.isEmpty())
        problems.append(Tr::tr("the components do not all name one vendor ID and one class ID"));
    if (problems.isEmpty()) {
        result.checks.append(ReleaseCheck::pass(
            QStringLiteral("components"),
            Tr::tr("%1 component(s), each a bundle file with its SHA-256 and size; "
                   "vendor %2, class %3.")
                .arg(result.manifest.components.size())
                .arg(hex(result.vendorId), hex(result.classId))));
    } else {
        result.checks.append(ReleaseCheck::fail(
            QStringLiteral("components"), problems.join(QStringLiteral("; ")) + QLatin1Char('.')));
    }
}

ReleaseCheck checkPayload(const QString &checkName, const QString &path,
                          const ReleaseImage &expected, const Sha256::Progress &progress,
                          qint64 &hashedBefore, qint64 total)
{
    const QFileInfo info(path);
    if (info.size() != expected.size)
        return ReleaseCheck::fail(checkName,
                                  Tr::tr("The file is %1 bytes; the signed manifest says %2.")
                                      .arg(info.size())
                                      .arg(expected.size));
    Sha256::Progress chunked;
    if (progress) {
        const qint64 base = hashedBefore;
        chunked = [&progress, base, total](qint64 done, qint64) {
            return progress(base + done, total);
        };
    }
    const Result<QByteArray> digest = Sha256::hashFile(path, chunked);
    hashedBefore += expected.size;
    if (!digest)
        return ReleaseCheck::fail(checkName, digest.error().message);
    const QString actual = Sha256::toHex(digest.value());
    if (actual != expected.digest)
        return ReleaseCheck::fail(checkName,
                                  Tr::tr("SHA-256 is %1; the signed manifest says %2: the file "
                                         "was changed.")
                                      .arg(actual, expected.digest));
    return ReleaseCheck::pass(
        checkName, Tr::tr("%1 bytes, SHA-256 %2 as signed.").arg(expected.size).arg(actual));
}

} // namespace

const ReleaseCheck *BundleVerification::check(const QString &name) const
{
    for (const ReleaseCheck &c : checks) {
        if (c.name == name)
            return &c;
    }
    return nullptr;
}

BundleVerification ReleaseVerifier::verifyEnvelope(const QByteArray &envelope,
                                                   const KeyLookup &keys)
{
    BundleVerification result;
    result.envelope = envelope;
    // First decode what the manifest claims (nothing trusted yet) to learn its vendor, then
    // verify with the keys registered for that vendor only: a key of vendor A never vouches for
    // a manifest naming vendor B, and every component must name the same vendor.
    const ManifestVerification claimed = SuitVerifier::verify(envelope, QList<PublicKey>{});
    QByteArray vendor;
    if (!claimed.components.isEmpty())
        vendor = claimed.components.first().vendorId;
    const QList<PublicKey> trusted = keys ? keys(vendor) : QList<PublicKey>{};
    SuitPolicy policy;
    if (claimed.decoded && !claimed.components.isEmpty())
        policy.vendorId = vendor;
    result.manifest = SuitVerifier::verify(envelope, trusted, policy);
    if (trusted.isEmpty()) {
        result.checks.append(ReleaseCheck::fail(
            QStringLiteral("trusted-key"),
            vendor.isEmpty()
                ? Tr::tr("The manifest names no vendor ID, so no Author key applies.")
                : Tr::tr("No Author key is registered for vendor %1.").arg(hex(vendor))));
    } else {
        result.checks.append(ReleaseCheck::pass(QStringLiteral("trusted-key"),
                                                Tr::tr("%1 Author key(s) trusted for vendor %2.")
                                                    .arg(trusted.size())
                                                    .arg(hex(vendor))));
    }
    for (const ManifestCheck &check : std::as_const(result.manifest.checks))
        result.checks.append(ReleaseCheck{check.name, check.passed, check.reason, true});
    commonIds(result);
    return result;
}

BundleVerification ReleaseVerifier::verifyBundle(const QString &dir, const KeyLookup &keys,
                                                 const Sha256::Progress &progress)
{
    const ReleaseBundle::Layout layout = ReleaseBundle::scan(dir);
    QByteArray envelope;
    if (!layout.manifestPath.isEmpty()) {
        QFile file(layout.manifestPath);
        if (file.open(QIODevice::ReadOnly))
            envelope = file.read(SuitEnvelope::defaultLimits().maxBytes + 1);
    }
    BundleVerification result = verifyEnvelope(envelope, keys);
    result.path = dir;
    result.isBundle = true;
    result.checks.prepend(
        layout.ok()
            ? ReleaseCheck::pass(QStringLiteral("bundle"),
                                 Tr::tr("%1, %2 and %3 image(s).")
                                     .arg(ReleaseBundle::manifestFile(), ReleaseBundle::notesFile())
                                     .arg(layout.images.size()))
            : ReleaseCheck::fail(QStringLiteral("bundle"), layout.problems.join(QLatin1Char(' '))));
    if (!result.manifest.decoded)
        return result;
    checkComponents(result, layout);

    qint64 total = 0;
    for (const ReleaseImage &image : std::as_const(result.images)) {
        if (image.name != ReleaseBundle::notesFile())
            total += image.size;
    }
    qint64 hashed = 0;
    for (const ReleaseImage &image : std::as_const(result.images)) {
        if (image.name == ReleaseBundle::notesFile()) {
            // The notes are small: read them once, check them, parse exactly those bytes.
            QFile file(layout.notesPath);
            if (layout.notesPath.isEmpty() || !file.open(QIODevice::ReadOnly)) {
                result.checks.append(ReleaseCheck::fail(QStringLiteral("notes-digest"),
                                                        Tr::tr("notes.json cannot be read.")));
                continue;
            }
            result.notesBytes = file.read(ReleaseNotes::MaxBytes + 1);
            const QString actual = Sha256::toHex(Sha256::hash(result.notesBytes));
            const bool matches = result.notesBytes.size() == image.size && actual == image.digest;
            result.checks.append(
                matches ? ReleaseCheck::pass(
                    QStringLiteral("notes-digest"),
                    Tr::tr("%1 bytes, SHA-256 %2 as signed.").arg(image.size).arg(actual))
                        : ReleaseCheck::fail(
                            QStringLiteral("notes-digest"),
                            Tr::tr("notes.json is %1 bytes with SHA-256 %2; the signed "
                                   "manifest says %3 bytes, %4: the notes were changed.")
                                .arg(result.notesBytes.size())
                                .arg(actual)
                                .arg(image.size)
                                .arg(image.digest)));
            if (!matches)
                continue;
            const Result<ReleaseNotes> notes = ReleaseNotes::parse(result.notesBytes);
            if (!notes) {
                result.checks.append(
                    ReleaseCheck::fail(QStringLiteral("notes"), notes.error().message));
                continue;
            }
            result.notes = notes.value();
            result.checks.append(ReleaseCheck::pass(
                QStringLiteral("notes"),
                Tr::tr("Version %1, %2 release, security patch level %3, %4 change(s).")
                    .arg(notes.value().version, ReleaseNotes::typeName(notes.value().type),
                         notes.value().patchLevel.toString())
                    .arg(notes.value().changes.size())));
            const ReleaseRules::SecurityOnly securityOnly
                = ReleaseRules::securityOnly(notes.value());
            result.checks.append(securityOnly.check);
            result.offendingChanges = securityOnly.offending;
            continue;
        }
        const QString checkName = QStringLiteral("image:") + image.name;
        if (!layout.images.contains(image.name)) {
            result.checks.append(
                ReleaseCheck::fail(checkName, Tr::tr("The image is missing from the bundle.")));
            continue;
        }
        result.checks.append(checkPayload(checkName, layout.images.value(image.name), image,
                                          progress, hashed, total));
    }
    return result;
}

BundleVerification ReleaseVerifier::verifyPath(const QString &path, const KeyLookup &keys)
{
    if (QFileInfo(path).isDir()) {
        BundleVerification result = verifyBundle(path, keys);
        result.path = path;
        return result;
    }
    QFile file(path);
    QByteArray data;
    if (file.open(QIODevice::ReadOnly))
        data = file.read(SuitEnvelope::defaultLimits().maxBytes + 1);
    BundleVerification result = verifyEnvelope(data, keys);
    result.path = path;
    if (!file.isOpen())
        result.checks.prepend(ReleaseCheck::fail(
            QStringLiteral("file"), Tr::tr("Cannot read %1: %2").arg(path, file.errorString())));
    return result;
}

} // namespace Patchboard
