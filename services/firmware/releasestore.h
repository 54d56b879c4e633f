// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/result.h"
#include "domain/release.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>

#include <optional>

namespace Patchboard {

class Database;

// A release row as stored (migration 3).
struct ReleaseRecord
{
    qint64 id = 0;
    QString version;
    QByteArray vendorId;
    QByteArray classId;
    quint64 sequenceNumber = 0;
    ReleaseType type = ReleaseType::Security;
    PatchLevel patchLevel;
    QDateTime received;
    QDateTime decided;
    ReleaseState state = ReleaseState::Received;
    QByteArray notes; // notes.json as signed
    QByteArray manifest; // the SUIT envelope
    QString manifestDigest;
    QString signer;
    QString algorithm;
    QString storePath; // the imported copy of the bundle
    QString importedBy;
};

// Releases, their checklists, test plans and transitions in the fleet database. Synchronous, on
// the calling thread's connection; the rules live in ReleaseWorkflow.
class ReleaseStore
{
public:
    explicit ReleaseStore(Database &database) : m_database(database) { }

    Result<qint64> insert(const ReleaseRecord &record);
    Status setStorePath(qint64 id, const QString &path);
    Result<ReleaseRecord> record(qint64 id) const;
    Result<QList<ReleaseRecord>> records() const; // newest first
    // A release with this manifest digest that was not refused.
    Result<std::optional<qint64>> activeWithDigest(const QString &digest) const;
    Status setState(qint64 id, ReleaseState state, const QDateTime &decided);

    Status addTransition(qint64 id, const ReleaseTransition &transition);
    Result<QList<ReleaseTransition>> history(qint64 id) const;
    Status replaceChecks(qint64 id, const QList<ReleaseCheck> &checks, const QDateTime &time);
    Result<QList<ReleaseCheck>> checks(qint64 id) const;
    Status replaceImages(qint64 id, const QList<ReleaseImage> &images);
    Result<QList<ReleaseImage>> images(qint64 id) const;

    Result<FirmwareSettings> settings() const;
    Status saveSettings(const FirmwareSettings &settings);

private:
    Database &m_database;
};

} // namespace Patchboard
