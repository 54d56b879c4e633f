// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/result.h"
#include "domain/operator.h"
#include "domain/release.h"
#include "firmwarebackend.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QString>

#include <functional>

namespace Patchboard {

class Database;

// What surrounds the release workflow: the Author trust store, the bulletin (OSV) data for the
// CVE cross-check and the workflow settings. Synchronous over one Database connection, like
// ReleaseWorkflow: roles are checked first and every change is audited.
class FirmwareAdministration
{
public:
    using Clock = std::function<QDateTime()>;

    explicit FirmwareAdministration(Database &database, Clock clock = {});

    Result<QList<TrustedKey>> trustedKeys(const Operator &who);
    Result<TrustedKey> addTrustedKey(const Operator &who, const QString &vendorIdHex,
                                     int manufacturerId, const QByteArray &pem,
                                     const QString &label);
    Result<TrustedKey> removeTrustedKey(const Operator &who, qint64 keyId, const QString &reason);

    Result<BulletinImportReport> importBulletins(const Operator &who, const QString &path);

    Result<FirmwareSettings> settings(const Operator &who);
    // Configurable four-eyes rule (administrators only).
    Result<FirmwareSettings> setSettings(const Operator &who, const FirmwareSettings &settings);

private:
    QDateTime now() const;
    Status audit(const Operator &who, const QString &action, const QString &subject,
                 const QJsonObject &details);

    Database &m_database;
    Clock m_clock;
};

} // namespace Patchboard
