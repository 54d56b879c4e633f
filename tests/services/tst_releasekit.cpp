// SPDX-License-Identifier: Apache-2.0
#include "tst_releasekit.h"

#include "firmware/releaseauthor.h"
#include "storage/database.h"
#include "storage/epochday.h"

#include <QCborArray>
#include <QCborMap>
#include <QCborValue>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

namespace Patchboard::ReleaseKit {

QByteArray vendorId(int manufacturer)
{
    return QByteArray(15, char(0xa0 + manufacturer)) + char(manufacturer);
}

QByteArray classId(int model)
{
    return QByteArray(15, char(0xc0 + model)) + char(model);
}

QString vendorHex(int manufacturer)
{
    return QString::fromLatin1(vendorId(manufacturer).toHex());
}

QString createFleet(Database &database)
{
    auto day = [](int y, int m, int d) {
        return EpochDay::fromDate(QDate(y, m, d));
    };
    const QStringList statements = {
        QStringLiteral("INSERT INTO manufacturers (id, name) VALUES (1, 'Acme'), (2, 'Beta')"),
        QStringLiteral("INSERT INTO device_models (id, manufacturer_id, name, launch_date, "
                       "support_months, class_id) VALUES "
                       "(1, 1, 'Acme One', %1, 48, '%2'), (2, 1, 'Acme Two', %1, 48, '%3'), (3, 2, "
                       "'Beta Max', %1, 48, '%4')")
            .arg(day(2021, 1, 1))
            .arg(QString::fromLatin1(classId(1).toHex()), QString::fromLatin1(classId(2).toHex()),
                 QString::fromLatin1(classId(3).toHex())),
        QStringLiteral(
            "INSERT INTO firmware_versions (id, model_id, version, sequence, patch_level, "
            "released) VALUES "
            "(1, 1, '1.0.1', 1, %1, %1), (2, 1, '1.0.2', 2, %2, %2), (3, 1, '1.0.3', 3, %3, %3), "
            "(4, 3, '7.0.0', 7, %4, %4)")
            .arg(day(2022, 3, 5))
            .arg(day(2022, 4, 5))
            .arg(day(2022, 5, 5))
            .arg(day(2022, 1, 5)),
    };
    for (const QString &sql : statements) {
        QSqlQuery query(database.connection());
        if (!query.exec(sql))
            return query.lastError().text() + QStringLiteral(": ") + sql;
    }
    return {};
}

QJsonObject change(const QString &kind, const QString &description, const QStringList &cves,
                   const QString &severity)
{
    QJsonObject object{{QStringLiteral("kind"), kind},
                       {QStringLiteral("description"), description}};
    if (!cves.isEmpty())
        object.insert(QStringLiteral("cves"), QJsonArray::fromStringList(cves));
    if (!severity.isEmpty())
        object.insert(QStringLiteral("severity"), severity);
    return object;
}

QJsonObject securityFix(const QString &cve, const QString &severity)
{
    return change(QStringLiteral("security"), QStringLiteral("Fix ") + cve, {cve}, severity);
}

QByteArray notes(const QString &version, const QString &type, const QString &patchLevel,
                 const QStringList &targets, const QList<QJsonObject> &changes)
{
    QJsonArray changeArray;
    for (const QJsonObject &c : changes)
        changeArray.append(c);
    const QJsonObject object{
        {QStringLiteral("format"), 1},
        {QStringLiteral("version"), version},
        {QStringLiteral("release_type"), type},
        {QStringLiteral("security_patch_level"), patchLevel},
        {QStringLiteral("target_models"), QJsonArray::fromStringList(targets)},
        {QStringLiteral("changes"), changeArray},
        {QStringLiteral("end_user_notice"), QStringLiteral("This is a security update.")}};
    return QJsonDocument(object).toJson();
}

QByteArray cleanNotes(const QString &version)
{
    return notes(version, QStringLiteral("security"), QStringLiteral("2022-06-05"),
                 {QStringLiteral("Acme One")},
                 {securityFix(QStringLiteral("CVE-2018-25020"), QStringLiteral("moderate"))});
}

QString makeBundle(const QString &parent, const QString &name, const PrivateKey &key,
                   const QByteArray &vendor, const QByteArray &classId, quint64 sequence,
                   const QByteArray &notes, const QByteArray &imageBytes)
{
    const QString image = QDir(parent).filePath(name + QStringLiteral("-modem.bin"));
    if (!writeFile(image, imageBytes))
        return {};
    ReleaseAuthor::CreateOptions options;
    options.vendorId = vendor;
    options.classId = classId;
    options.sequenceNumber = sequence;
    options.notes = notes;
    options.checkNotes = false;
    options.images = {{QStringLiteral("modem.bin"), image}};
    options.outputDir = QDir(parent).filePath(name + QStringLiteral(".pbrelease"));
    const Result<ReleaseAuthor::Created> created = ReleaseAuthor::create(key, options);
    if (!created) {
        QWARN(qPrintable(created.error().text()));
        return {};
    }
    return created.value().dir;
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeFile(const QString &path, const QByteArray &data)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(data) == data.size();
}

bool flipByte(const QString &path, qint64 offset)
{
    QByteArray data = readFile(path);
    if (offset < 0 || offset >= data.size())
        return false;
    data[offset] = char(data[offset] ^ 0x5a);
    return writeFile(path, data);
}

QByteArray flipSignatureBit(const QByteArray &envelope)
{
    QCborMap map = QCborValue::fromCbor(envelope).taggedValue().toMap();
    QCborArray auth = QCborValue::fromCbor(map.value(2).toByteArray()).toArray();
    QCborArray sign1 = QCborValue::fromCbor(auth.at(1).toByteArray()).taggedValue().toArray();
    QByteArray signature = sign1.at(3).toByteArray();
    signature[10] = char(signature[10] ^ 0x01);
    sign1[3] = signature;
    auth[1] = QCborValue(QCborTag(18), sign1).toCbor();
    map.insert(2, QCborValue(auth).toCbor());
    return QCborValue(QCborTag(107), map).toCbor();
}

PrivateKey newKey(KeyType type)
{
    Result<PrivateKey> key = PrivateKey::generate(type);
    return key ? std::move(key).value() : PrivateKey();
}

QByteArray describe(const QList<ReleaseCheck> &checks)
{
    QStringList lines;
    for (const ReleaseCheck &c : checks)
        lines.append(
            QStringLiteral("%1 %2: %3")
                .arg(c.passed ? QStringLiteral("ok") : QStringLiteral("FAILED"), c.name, c.reason));
    return lines.join(QLatin1Char('\n')).toUtf8();
}

const ReleaseCheck *find(const QList<ReleaseCheck> &checks, const QString &name)
{
    for (const ReleaseCheck &c : checks) {
        if (c.name == name)
            return &c;
    }
    return nullptr;
}

QString WorkflowBench::setUp()
{
    dir = std::make_unique<QTemporaryDir>();
    Result<Database> opened = Database::open(dir->filePath(QStringLiteral("fleet.db")));
    if (!opened)
        return opened.error().text();
    db = std::move(opened).value();
    if (const QString fleet = createFleet(db); !fleet.isEmpty())
        return fleet;
    now = QDateTime(QDate(2026, 11, 2), QTime(9, 0), Qt::UTC);
    auto clock = [this] {
        return now;
    };
    workflow = std::make_unique<ReleaseWorkflow>(db, dir->filePath(QStringLiteral("store")), clock);
    admin = std::make_unique<FirmwareAdministration>(db, clock);
    if (author.isNull())
        author = newKey(KeyType::Ed25519);
    const Operator adam{QStringLiteral("adam"), OperatorRole::Administrator};
    const Result<TrustedKey> key
        = admin->addTrustedKey(adam, vendorHex(Acme), Acme, author.publicKey().toPem(),
                               QStringLiteral("Acme release key"));
    if (!key)
        return key.error().text();
    return key.value().fingerprint == author.publicKey().fingerprint()
        ? QString()
        : QStringLiteral("wrong fingerprint");
}

void WorkflowBench::tearDown()
{
    workflow.reset();
    admin.reset();
    db = Database();
    dir.reset();
}

QString WorkflowBench::bundle(const QString &name, quint64 sequence, const QByteArray &notesJson,
                              const PrivateKey *key, const QByteArray &classBytes)
{
    return makeBundle(dir->path(), name + QString::number(++bundles), key ? *key : author,
                      vendorId(Acme), classBytes, sequence, notesJson);
}

qint64 WorkflowBench::import(const QString &bundlePath, ReleaseState expected)
{
    const Operator tess{QStringLiteral("tess"), OperatorRole::TestEngineer};
    const Result<ReleaseDetail> detail = workflow->importBundle(tess, bundlePath);
    if (!detail.ok()) {
        QTest::qFail(qPrintable(detail.error().text()), __FILE__, __LINE__);
        return 0;
    }
    if (detail.value().summary.state != expected) {
        QTest::qFail(describe(detail.value().checks).constData(), __FILE__, __LINE__);
        return 0;
    }
    return detail.value().summary.id;
}

void WorkflowBench::passAll(qint64 id, const Operator &who)
{
    for (TestCaseKind kind : TestPlan::allKinds()) {
        const Result<ReleaseDetail> d
            = workflow->recordTestResult(who, id, AcmeOne, kind, TestOutcome::Passed, {});
        QVERIFY2(d.ok(), qPrintable(d.error().text()));
    }
}

} // namespace Patchboard::ReleaseKit
