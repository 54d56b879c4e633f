// SPDX-License-Identifier: Apache-2.0
#include "firmwareadministration.h"

#include "auth/permissions.h"
#include "bulletinstore.h"
#include "firmwareaudit.h"
#include "releaseauthor.h"
#include "releasestore.h"
#include "trustkeystore.h"

#include <QCoreApplication>

namespace Patchboard {

namespace {

// The translation context of this file's messages. Call Tr::tr() everywhere, also in free
// functions and lambdas: lupdate takes the context from Q_DECLARE_TR_FUNCTIONS, so the context
// it extracts is the one looked up at run time (for a plain tr() it uses the enclosing scope).
class Tr
{
    Q_DECLARE_TR_FUNCTIONS(Patchboard::FirmwareAdministration)
};

ServiceError needsReason(const QString &what)
{
    return ServiceError::make(
        ServiceError::Code::InvalidArgument,
        Tr::tr("Say why you %1: the reason is recorded with the change.").arg(what));
}

} // namespace

FirmwareAdministration::FirmwareAdministration(Database &database, Clock clock)
    : m_database(database), m_clock(std::move(clock))
{ }

QDateTime FirmwareAdministration::now() const
{
    return FirmwareAudit::now(m_clock);
}

Status FirmwareAdministration::audit(const Operator &who, const QString &action,
                                     const QString &subject, const QJsonObject &details)
{
    return FirmwareAudit::append(m_database, who, action, subject, details, now());
}

Result<QList<TrustedKey>> FirmwareAdministration::trustedKeys(const Operator &who)
{
    if (const Status allowed = Permissions::check(who, Permission::ViewReleases); !allowed)
        return allowed.error();
    return TrustKeyStore(m_database).keys();
}

Result<TrustedKey> FirmwareAdministration::addTrustedKey(const Operator &who,
                                                         const QString &vendorIdHex,
                                                         int manufacturerId, const QByteArray &pem,
                                                         const QString &label)
{
    if (const Status allowed = Permissions::check(who, Permission::ManageTrustKeys); !allowed)
        return allowed.error();
    const Result<QByteArray> vendor = ReleaseAuthor::parseUuid(vendorIdHex, Tr::tr("vendor ID"));
    if (!vendor)
        return vendor.error();
    Result<TrustedKey> key = TrustKeyStore(m_database)
                                 .add(vendor.value(), manufacturerId, pem, label, who.name, now());
    if (!key)
        return key.error();
    const Status audited = audit(who, QStringLiteral("trust.key.add"), key.value().fingerprint,
                                 {{QStringLiteral("vendor_id"), key.value().vendorId},
                                  {QStringLiteral("manufacturer"), key.value().manufacturer},
                                  {QStringLiteral("key_type"), key.value().keyType},
                                  {QStringLiteral("label"), label}});
    if (!audited)
        return audited.error();
    return key;
}

Result<TrustedKey> FirmwareAdministration::removeTrustedKey(const Operator &who, qint64 keyId,
                                                            const QString &reason)
{
    if (const Status allowed = Permissions::check(who, Permission::ManageTrustKeys); !allowed)
        return allowed.error();
    if (reason.trimmed().isEmpty())
        return needsReason(Tr::tr("remove the key"));
    Result<TrustedKey> key = TrustKeyStore(m_database).remove(keyId, who.name, now());
    if (!key)
        return key.error();
    const Status audited = audit(who, QStringLiteral("trust.key.remove"), key.value().fingerprint,
                                 {{QStringLiteral("vendor_id"), key.value().vendorId},
                                  {QStringLiteral("manufacturer"), key.value().manufacturer},
                                  {QStringLiteral("reason"), reason.trimmed()}});
    if (!audited)
        return audited.error();
    return key;
}

Result<BulletinImportReport> FirmwareAdministration::importBulletins(const Operator &who,
                                                                     const QString &path)
{
    if (const Status allowed = Permissions::check(who, Permission::ImportVulnerabilityData);
        !allowed)
        return allowed.error();
    const Result<OsvImporter::Import> imported = OsvImporter::importPath(path);
    if (!imported)
        return imported.error();
    const Result<int> stored = BulletinStore(m_database).replace(imported.value(), now());
    if (!stored)
        return stored.error();
    BulletinImportReport report{imported.value().records, stored.value(), imported.value().skipped,
                                imported.value().problems};
    const Status audited = audit(who, QStringLiteral("bulletin.import"), path,
                                 {{QStringLiteral("records"), report.records},
                                  {QStringLiteral("vulnerabilities"), report.vulnerabilities},
                                  {QStringLiteral("skipped"), report.skipped},
                                  {QStringLiteral("problems"), int(report.problems.size())}});
    if (!audited)
        return audited.error();
    return report;
}

Result<FirmwareSettings> FirmwareAdministration::settings(const Operator &who)
{
    if (const Status allowed = Permissions::check(who, Permission::ViewReleases); !allowed)
        return allowed.error();
    return ReleaseStore(m_database).settings();
}

Result<FirmwareSettings> FirmwareAdministration::setSettings(const Operator &who,
                                                             const FirmwareSettings &settings)
{
    if (const Status allowed = Permissions::check(who, Permission::ConfigureWorkflow); !allowed)
        return allowed.error();
    if (const Status ok = ReleaseStore(m_database).saveSettings(settings); !ok)
        return ok.error();
    if (const Status ok
        = audit(who, QStringLiteral("firmware.settings"), QStringLiteral("four-eyes"),
                {{QStringLiteral("four_eyes"), settings.fourEyes}});
        !ok)
        return ok.error();
    return settings;
}

} // namespace Patchboard
