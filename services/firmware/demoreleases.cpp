// SPDX-License-Identifier: Apache-2.0
#include "demoreleases.h"

#include "crypto/sha256.h"
#include "domain/releasenotes.h"
#include "firmwareadministration.h"
#include "firmwaresql.h"
#include "releaseauthor.h"
#include "releasebundle.h"
#include "releaseworkflow.h"
#include "storage/epochday.h"

#include <QCborArray>
#include <QCborMap>
#include <QCborValue>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QUuid>

namespace Patchboard {

namespace {

// The translation context of this file's messages. Call Tr::tr() everywhere, also in free
// functions and lambdas: lupdate takes the context from Q_DECLARE_TR_FUNCTIONS, so the context
// it extracts is the one looked up at run time (for a plain tr() it uses the enclosing scope).
class Tr
{
    Q_DECLARE_TR_FUNCTIONS(Patchboard::DemoReleases)
};

struct Target
{
    int modelId = 0;
    QString model;
    QByteArray classId;
    int manufacturerId = 0;
    QString manufacturer;
    quint64 newestSequence = 0;
    QDate newestPatchLevel;
};

QByteArray notesFor(const QString &version, const Target &target, quint64 step, bool withBugfix,
                    QDate today)
{
    ReleaseNotes notes;
    notes.version = version;
    notes.type = ReleaseType::Security;
    // The next monthly bulletin after the model's newest build, but never one from the future:
    // a release claims a patch level that has been published.
    QDate month = target.newestPatchLevel.addMonths(1);
    if (today.isValid() && month > today)
        month = today;
    QDate level(month.year(), month.month(), 5);
    if (today.isValid() && level > today)
        level = QDate(month.year(), month.month(), 1);
    notes.patchLevel = PatchLevel(level);
    notes.targetModels = {target.model};
    notes.changes.append(
        {QStringLiteral("Fix an out-of-bounds write in the modem's SMS PDU parser."),
         ChangeKind::Security,
         {QStringLiteral("CVE-2099-10%1").arg(2 * step + 1, 3, 10, QLatin1Char('0'))},
         VulnerabilitySeverity::Critical});
    notes.changes.append(
        {QStringLiteral("Fix a privilege escalation in the update agent."),
         ChangeKind::Security,
         {QStringLiteral("CVE-2099-10%1").arg(2 * step + 2, 3, 10, QLatin1Char('0'))},
         VulnerabilitySeverity::High});
    if (withBugfix)
        notes.changes.append({QStringLiteral("Improve battery life in standby."),
                              ChangeKind::Bugfix,
                              {},
                              VulnerabilitySeverity::None});
    notes.endUserNotice
        = QStringLiteral("This is a security update for your %1. It fixes security problems in the "
                         "modem and the update agent. Install it as soon as you can.")
              .arg(target.model);
    return notes.toJson();
}

// One bit of the COSE_Sign1 signature flipped, everything else as signed.
QByteArray flipSignatureBit(const QByteArray &envelope)
{
    QCborMap map = QCborValue::fromCbor(envelope).taggedValue().toMap();
    QCborArray auth = QCborValue::fromCbor(map.value(2).toByteArray()).toArray();
    QCborArray sign1 = QCborValue::fromCbor(auth.at(1).toByteArray()).taggedValue().toArray();
    QByteArray signature = sign1.at(3).toByteArray();
    if (!signature.isEmpty())
        signature[0] = char(signature[0] ^ 0x01);
    sign1[3] = signature;
    auth[1] = QCborValue(QCborTag(18), sign1).toCbor();
    map.insert(2, QCborValue(auth).toCbor());
    return QCborValue(QCborTag(107), map).toCbor();
}

// The most popular hardware models with firmware, most popular first.
Result<QList<Target>> pickTargets(Database &database, int count)
{
    QSqlQuery q(database.connection());
    const Status ok = FirmwareSql::exec(
        database, q,
        QStringLiteral(
            "SELECT d.id, d.name, d.class_id, m.id, m.name, max(f.sequence), max(f.patch_level) "
            "FROM device_models d JOIN manufacturers m ON m.id = d.manufacturer_id "
            "JOIN firmware_versions f ON f.model_id = d.id GROUP BY d.id, m.id "
            "ORDER BY (SELECT count(*) FROM devices v WHERE v.model_id = d.id) DESC, d.id LIMIT ?"),
        {count}, Tr::tr("find a hardware model for the demo releases"));
    if (!ok)
        return ok.error();
    QList<Target> targets;
    while (q.next()) {
        targets.append(Target{q.value(0).toInt(), q.value(1).toString(),
                              QByteArray::fromHex(q.value(2).toString().toLatin1()),
                              q.value(3).toInt(), q.value(4).toString(),
                              quint64(q.value(5).toLongLong()),
                              EpochDay::toDate(q.value(6).toLongLong())});
    }
    if (targets.isEmpty())
        return ServiceError::make(ServiceError::Code::NotFound,
                                  Tr::tr("The database has no hardware model with firmware: "
                                         "generate the demo fleet first."));
    return targets;
}

} // namespace

PrivateKey DemoReleases::testAuthorKey()
{
    Result<PrivateKey> key
        = PrivateKey::fromEd25519(Sha256::hash("Patchboard demo test Author, not for production"));
    return key ? std::move(key).value() : PrivateKey();
}

QByteArray DemoReleases::vendorIdFor(const QString &manufacturer)
{
    // The namespace DemoFleetGenerator derives its class IDs from.
    static const QUuid ns = QUuid::createUuidV5(QUuid(), QStringLiteral("patchboard.demo"));
    return QUuid::createUuidV5(ns, QStringLiteral("vendor/") + manufacturer).toRfc4122();
}

Result<DemoReleases::Report> DemoReleases::create(Database &database, const QString &storeDir,
                                                  const QDateTime &now)
{
    QSqlQuery q(database.connection());
    if (const Status ok
        = FirmwareSql::exec(database, q, QStringLiteral("SELECT count(*) FROM releases"), {},
                            Tr::tr("count the releases"));
        !ok)
        return ok.error();
    if (q.next() && q.value(0).toInt() > 0)
        return ServiceError::make(
            ServiceError::Code::InvalidArgument,
            Tr::tr("The database already has releases; demo releases go into a new one."));
    const Result<QList<Target>> picked = pickTargets(database, 2);
    if (!picked)
        return picked.error();
    const Target &target = picked.value().constFirst();
    for (const Target &model : picked.value()) {
        if (model.classId.size() != 16)
            return ServiceError::make(ServiceError::Code::InvalidArgument,
                                      Tr::tr("The model %1 has no SUIT class ID.").arg(model.model));
    }

    const PrivateKey author = testAuthorKey();
    const Result<PrivateKey> stranger
        = PrivateKey::fromEd25519(Sha256::hash("Patchboard demo, a key nobody trusts"));
    if (author.isNull() || !stranger)
        return ServiceError::make(ServiceError::Code::Internal,
                                  Tr::tr("The demo keys could not be made."));
    const QByteArray vendor = vendorIdFor(target.manufacturer);
    auto clock = [now] {
        return now;
    };
    const Operator admin{QStringLiteral("demo-setup"), OperatorRole::Administrator};
    const Operator importer{QStringLiteral("demo-import"), OperatorRole::TestEngineer};
    FirmwareAdministration administration(database, clock);
    const Result<TrustedKey> registered = administration.addTrustedKey(
        admin, QString::fromLatin1(vendor.toHex()), target.manufacturerId,
        author.publicKey().toPem(), Tr::tr("Test Author (demo)"));
    if (!registered)
        return registered.error();
    // The approved release is for the second most popular model, possibly of another maker.
    const Target &second = picked.value().constLast();
    if (second.manufacturerId != target.manufacturerId) {
        const Result<TrustedKey> also = administration.addTrustedKey(
            admin, QString::fromLatin1(vendorIdFor(second.manufacturer).toHex()),
            second.manufacturerId, author.publicKey().toPem(), Tr::tr("Test Author (demo)"));
        if (!also)
            return also.error();
    }

    QTemporaryDir work;
    if (!work.isValid())
        return ServiceError::make(
            ServiceError::Code::Io,
            Tr::tr("Cannot create a temporary folder for the demo releases."));
    const QString image = work.filePath(QStringLiteral("firmware.img"));
    {
        QFile file(image);
        QByteArray pattern;
        for (int i = 0; i < 64 * 1024; ++i)
            pattern.append(char((i * 131 + 7) & 0xff));
        if (!file.open(QIODevice::WriteOnly) || file.write(pattern) != pattern.size())
            return ServiceError::make(ServiceError::Code::Io,
                                      Tr::tr("Cannot write the demo image."));
    }

    struct Plan
    {
        QString name;
        quint64 sequence;
        bool bugfix;
        const PrivateKey *key;
        bool forge;
    };
    const quint64 next = target.newestSequence + 1;
    const QList<Plan> plans = {
        {QStringLiteral("clean"), next, false, &author, false},
        {QStringLiteral("non-cve"), next + 1, true, &author, false},
        {QStringLiteral("forged"), next + 2, false, &author, true},
        {QStringLiteral("rollback"), target.newestSequence, false, &author, false},
        {QStringLiteral("unknown-key"), next + 3, false, &stranger.value(), false},
    };
    ReleaseWorkflow workflow(database, storeDir, clock);
    Report report;
    report.authorFingerprint = registered.value().fingerprint;
    report.vendorId = QString::fromLatin1(vendor.toHex());
    report.model = target.model;
    quint64 step = 1;
    for (const Plan &plan : plans) {
        ReleaseAuthor::CreateOptions options;
        options.vendorId = vendor;
        options.classId = target.classId;
        options.sequenceNumber = plan.sequence;
        options.notes = notesFor(QStringLiteral("demo-%1.%2").arg(plan.sequence).arg(plan.name),
                                 target, step++, plan.bugfix, now.toUTC().date());
        options.images = {{QStringLiteral("firmware.img"), image}};
        options.outputDir = work.filePath(plan.name + ReleaseBundle::suffix());
        const Result<ReleaseAuthor::Created> created = ReleaseAuthor::create(*plan.key, options);
        if (!created)
            return created.error();
        if (plan.forge) {
            QFile manifest(QDir(created.value().dir).filePath(ReleaseBundle::manifestFile()));
            if (!manifest.open(QIODevice::ReadWrite))
                return ServiceError::make(ServiceError::Code::Io,
                                          Tr::tr("Cannot alter the demo manifest."));
            const QByteArray forged = flipSignatureBit(manifest.readAll());
            manifest.resize(0);
            manifest.write(forged);
        }
        const Result<ReleaseDetail> imported = workflow.importBundle(importer, created.value().dir);
        if (!imported)
            return imported.error();
        report.releaseIds.append(imported.value().summary.id);
    }

    // 6. approved: tested and approved two days later, ready for a rollout.
    if (picked.value().size() > 1) {
        ReleaseAuthor::CreateOptions options;
        options.vendorId = vendorIdFor(second.manufacturer);
        options.classId = second.classId;
        options.sequenceNumber = second.newestSequence + 1;
        options.notes = notesFor(QStringLiteral("demo-%1.approved").arg(options.sequenceNumber),
                                 second, step++, false, now.toUTC().date());
        options.images = {{QStringLiteral("firmware.img"), image}};
        options.outputDir = work.filePath(QStringLiteral("approved") + ReleaseBundle::suffix());
        const Result<ReleaseAuthor::Created> created = ReleaseAuthor::create(author, options);
        if (!created)
            return created.error();
        const Result<ReleaseDetail> imported = workflow.importBundle(importer, created.value().dir);
        if (!imported)
            return imported.error();
        const qint64 id = imported.value().summary.id;
        const QDateTime decided = now.addDays(1);
        ReleaseWorkflow testing(database, storeDir, [decided] { return decided; });
        const Operator tester{QStringLiteral("demo-tester"), OperatorRole::TestEngineer};
        const Operator approver{QStringLiteral("demo-approver"), OperatorRole::TestEngineer};
        for (TestCaseKind kind : TestPlan::allKinds()) {
            const Result<ReleaseDetail> recorded = testing.recordTestResult(
                tester, id, second.modelId, kind, TestOutcome::Passed, QString());
            if (!recorded)
                return recorded.error();
        }
        const Result<ReleaseDetail> approved = testing.approve(
            approver, id, Tr::tr("Demo: every test case passed on %1.").arg(second.model));
        if (!approved)
            return approved.error();
        report.approvedReleaseId = id;
        report.approvedModel = second.model;
    }
    return report;
}

} // namespace Patchboard
