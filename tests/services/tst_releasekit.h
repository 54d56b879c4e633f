// SPDX-License-Identifier: Apache-2.0
#pragma once
// Shared by the release tests (tst_release*, tst_firmware*, tst_roles, tst_osv): a small fleet
// whose answers are known by hand, release notes and bundles made to order, and tampering.

#include "crypto/privatekey.h"
#include "domain/release.h"
#include "firmware/firmwareadministration.h"
#include "firmware/releaseworkflow.h"
#include "storage/database.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>

namespace Patchboard::ReleaseKit {

// Manufacturers 1 Acme, 2 Beta. Models 1 "Acme One" (firmware sequences 1..3, newest patch level
// 2022-05-05), 2 "Acme Two" (no firmware), 3 "Beta Max" (sequence 7, 2022-01-05).
constexpr int Acme = 1;
constexpr int Beta = 2;
constexpr int AcmeOne = 1;
constexpr int AcmeTwo = 2;
constexpr int BetaMax = 3;
QByteArray vendorId(int manufacturer);
QByteArray classId(int model);
QString vendorHex(int manufacturer);
// Empty on success, else what failed.
QString createFleet(Database &database);

QJsonObject change(const QString &kind, const QString &description, const QStringList &cves,
                   const QString &severity);
QJsonObject securityFix(const QString &cve, const QString &severity = QStringLiteral("high"));
QByteArray notes(const QString &version, const QString &type, const QString &patchLevel,
                 const QStringList &targets, const QList<QJsonObject> &changes);
// A clean security release for Acme One fixing CVE-2018-25020 at 2022-06-05.
QByteArray cleanNotes(const QString &version = QStringLiteral("4.0.1"));

// Writes parent/name.pbrelease with one image (imageBytes) signed by key; returns its path, or
// an empty string (and a QWARN) on failure.
QString makeBundle(const QString &parent, const QString &name, const PrivateKey &key,
                   const QByteArray &vendor, const QByteArray &classId, quint64 sequence,
                   const QByteArray &notes, const QByteArray &imageBytes = QByteArray(4096, 'x'));

QByteArray readFile(const QString &path);
bool writeFile(const QString &path, const QByteArray &data);
// XORs one byte of a file.
bool flipByte(const QString &path, qint64 offset);
// The envelope with one bit of its COSE_Sign1 signature flipped.
QByteArray flipSignatureBit(const QByteArray &envelope);

PrivateKey newKey(KeyType type = KeyType::EcP256);
// "FAILED name: reason" lines for every failed check, for QVERIFY2 messages.
QByteArray describe(const QList<ReleaseCheck> &checks);
const ReleaseCheck *find(const QList<ReleaseCheck> &checks, const QString &name);

// The workflow on a fresh fleet database with a clock the test sets, and the Author's key trusted
// for Acme (added by administrator "adam"). Imports are made by test engineer "tess".
struct WorkflowBench
{
    // Empty on success, else what failed.
    QString setUp();
    void tearDown();
    // A bundle for Acme signed by `key` (default: the trusted Author key).
    QString bundle(const QString &name, quint64 sequence,
                   const QByteArray &notesJson = cleanNotes(), const PrivateKey *key = nullptr,
                   const QByteArray &classBytes = classId(AcmeOne));
    // Imports a bundle as "tess": the release's id, or 0 after failing the test when the import
    // fails or the release is not in state `expected` (the checks are the failure message).
    qint64 import(const QString &bundlePath, ReleaseState expected);
    // Records every test case of release `id` for Acme One as passed by `who`.
    void passAll(qint64 id, const Operator &who);

    std::unique_ptr<QTemporaryDir> dir;
    Database db;
    std::unique_ptr<ReleaseWorkflow> workflow;
    std::unique_ptr<FirmwareAdministration> admin;
    PrivateKey author;
    QDateTime now;
    int bundles = 0;
};

} // namespace Patchboard::ReleaseKit
